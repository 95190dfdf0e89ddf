/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Predictive peripheral pre-allocation (seed 004 as ACRN can do it): the
 * order in which prepare_peripherals.sh prepares the VMs' SR-IOV VFs, and
 * which VMs get a spare VF.
 */

#pragma once

#include "aa-plugin.h"

G_BEGIN_DECLS

/* forecast GPU busy (%) from which a VM needs its VF, and beyond which its
 * share may be exceeded */
#define AA_PERIPHERALS_NEED_PCT  10.0
#define AA_PERIPHERALS_SPARE_PCT 90.0

gchar *aa_peripherals_script(AaPluginContext *ctx, GHashTable *options, gchar **notes,
                             GError **error);

G_END_DECLS
