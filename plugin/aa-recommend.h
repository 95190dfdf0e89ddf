/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#pragma once

#include <libxml/tree.h>

#include "aa-plugin.h"
#include "aa-model.h"
#include "aa-search.h"

G_BEGIN_DECLS

/* what another command (refine) changes in recommend; every member may be NULL */
typedef struct {
	/* before the VM models are built: adjust their options */
	void (*model_options)(AaModelOptions *options, gpointer data);
	/* after the VM models are built: attach predictors, check inputs */
	gboolean (*models_ready)(GPtrArray *models, gpointer data, GError **error);
	/* instead of the search of the chosen strategy */
	AaSearchResult *(*choose)(const AaProblem *problem, gpointer data, GError **error);
	/* extra elements after <search>, and at the end of each <vm> */
	void (*write_root)(xmlNode *recommendation, gpointer data);
	void (*write_vm)(xmlNode *vm_node, guint vm, gpointer data);
	gpointer data;
	/* (out): the recommendation as written, for plan to keep in memory */
	gchar **xml;
	/* (out) (element-type AaVmModel): the VM models, intent order, for plan's checks */
	GPtrArray **models;
} AaRecommendHooks;

gchar *aa_recommend_run(AaPluginContext *ctx, GHashTable *options, GError **error);
gchar *aa_recommend_run_with(AaPluginContext *ctx, GHashTable *options,
                             const AaRecommendHooks *hooks, GError **error);

/* called once every VM's model exists, before the search: e.g. to install
 * response families with aa_vm_model_set_predictor(); FALSE with @error stops */
typedef gboolean (*AaRecommendModelsFunc)(gpointer user_data, AaPluginContext *ctx,
                                          GPtrArray *models, GError **error);

gchar *aa_recommend_run_full(AaPluginContext *ctx, GHashTable *options,
                             AaRecommendModelsFunc models_func, gpointer user_data, GError **error);

G_END_DECLS
