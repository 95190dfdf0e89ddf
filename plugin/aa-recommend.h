/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#pragma once

#include "aa-context-private.h"
#include "aa-model.h"

G_BEGIN_DECLS

gchar *aa_recommend_run(AaPluginContext *ctx, GHashTable *options, GError **error);

/* called once every VM's model exists, before the search: e.g. to install
 * response families with aa_vm_model_set_predictor(); FALSE with @error stops */
typedef gboolean (*AaRecommendModelsFunc)(gpointer user_data, AaPluginContext *ctx,
					  GPtrArray *models, GError **error);

gchar *aa_recommend_run_full(AaPluginContext *ctx, GHashTable *options,
			     AaRecommendModelsFunc models_func, gpointer user_data,
			     GError **error);

G_END_DECLS
