/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#pragma once

#include "aa-plugin.h"

G_BEGIN_DECLS

gchar *aa_transform_apply(AaPluginContext *ctx, GHashTable *options, GError **error);
gchar *aa_transform_launch(AaPluginContext *ctx, GHashTable *options, GError **error);

G_END_DECLS
