/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#pragma once

#include "aa-context-private.h"

G_BEGIN_DECLS

gboolean aa_plan_board_loaded(AaPluginContext *ctx, const gchar *filename, GError **error);
gboolean aa_plan_scenario_loaded(AaPluginContext *ctx, const gchar *filename, GError **error);
gboolean aa_plan_intent_loaded(AaPluginContext *ctx, const gchar *filename, GError **error);
gchar *aa_plan_run(AaPluginContext *ctx, const AaPlanOptions *options, GError **error);

G_END_DECLS
