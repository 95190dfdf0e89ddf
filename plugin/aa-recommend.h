/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#pragma once

#include "aa-context-private.h"
#include "aa-search.h"

G_BEGIN_DECLS

/* what another command (refine) changes in recommend; every member may be NULL */
typedef struct {
	/* after the VM models are built: attach predictors, check inputs */
	gboolean (*models_ready)(GPtrArray *models, gpointer data, GError **error);
	/* instead of the search of the chosen strategy */
	AaSearchResult *(*choose)(const AaProblem *problem, gpointer data, GError **error);
	/* extra elements after <search>, and at the end of each <vm> */
	void (*write_root)(GString *xml, gpointer data);
	void (*write_vm)(GString *xml, guint vm, gpointer data);
	gpointer data;
} AaRecommendHooks;

gchar *aa_recommend_run(AaPluginContext *ctx, GHashTable *options, GError **error);
gchar *aa_recommend_run_with(AaPluginContext *ctx, GHashTable *options,
                             const AaRecommendHooks *hooks, GError **error);

G_END_DECLS
