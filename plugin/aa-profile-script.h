/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The in-guest profiling script (xslt/profile-script.xsl).
 */

#pragma once

#include <libxml/tree.h>

#include "aa-context-private.h"

G_BEGIN_DECLS

gchar *aa_profile_script_render(const gchar *data_dir, xmlDoc *intent, const gchar *intent_file,
                                const gchar *vm, GHashTable *options, GError **error);
gchar *aa_profile_script_write(AaPluginContext *ctx, GHashTable *options, GError **error);
gboolean aa_profile_script_is_windows(const AaVm *svm);
gboolean aa_profile_script_check_seconds(const gchar *value, const gchar *option, GError **error);
gint64 aa_profile_script_gpu_slices(AaIntent *intent, AaBoard *board, AaScenario *scenario,
                                    const gchar *vm, const gchar *given, gchar **source,
                                    GError **error);

G_END_DECLS
