/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#pragma once

#include "aa-board-private.h"
#include "aa-intent-private.h"
#include "aa-plugin.h"
#include "aa-scenario-private.h"

G_BEGIN_DECLS

/* private: what the hooks share between calls */
struct _AaPluginContext {
	gchar *data_dir; /* holds schema/ and xslt/ */
	AaBoard *board;
	AaScenario *scenario;
	AaIntent *intent;
	/* (element-type AaVmModel) (nullable): VM models of the intent that the
	 * checks use instead of building their own (aa_checks_run()); plan
	 * sets it on the copy of the context that validates its final scenario */
	GPtrArray *models;
};

AaPluginContext *aa_context_new(const gchar *data_dir, GError **error);
void aa_context_free(AaPluginContext *ctx);
gboolean aa_context_require(AaPluginContext *ctx, gboolean board, gboolean scenario,
                            gboolean intent, GError **error);
const gchar *aa_context_option(GHashTable *options, const gchar *key, const gchar *fallback);
gboolean aa_context_missing_option(gboolean missing, const gchar *usage, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaPluginContext, aa_context_free)

G_END_DECLS
