/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The unified board + scenario document that ACRN's validator checks.
 */

#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

xmlDoc *aa_rules_unified_new(xmlDoc *board, xmlDoc *scenario, GError **error);
gboolean aa_rules_unified_is_board(xmlNode *node);

G_END_DECLS
