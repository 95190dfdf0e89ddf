/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#pragma once

#include <libxml/tree.h>

#include "aa-diagnostic.h"
#include "aa-plugin.h"
#include "aa-scenario.h"

G_BEGIN_DECLS

gchar *aa_transform_apply(AaPluginContext *ctx, GHashTable *options, GError **error);
gchar *aa_transform_launch(AaPluginContext *ctx, GHashTable *options, GError **error);

gchar *aa_transform_apply_text(AaPluginContext *ctx, xmlDoc *rec, const gchar *rec_file, gsize *len,
                               GError **error);
AaScenario *aa_transform_final_scenario(const gchar *text, gsize len, const gchar *output,
                                        GError **error);
gboolean aa_transform_gate(AaDiagnostics *report, const gchar *output, gboolean force,
                           GError **error);
gchar *aa_transform_launch_into(AaPluginContext *ctx, xmlDoc *rec, const gchar *dir,
                                const gchar *periph_dir, GHashTable *options, GError **error);

G_END_DECLS
