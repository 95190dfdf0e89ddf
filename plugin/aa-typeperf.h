/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Windows counter logs (typeperf / Performance Monitor, PDH-CSV 4.0) turned
 * into the profile CSV of FORMATS.md.
 */

#pragma once

#include <glib.h>

#include "aa-plugin.h"

G_BEGIN_DECLS

typedef struct {
	const gchar *vm;         /* the "# vm:" name */
	gint64 memory_mib;       /* the VM's memory, -1 if unknown (mem_used_mib empty) */
	gint64 gpu_slices;       /* the slices the VM had while recorded */
	const gchar *qos;        /* "metric=value ..." or NULL */
	const gchar *gpu_engine; /* engine type summed into gpu_busy_pct, e.g. "3D" */
} AaTypeperfOptions;

gchar *aa_typeperf_to_profile(const gchar *data, gsize len, const gchar *filename,
                              const AaTypeperfOptions *options, GError **error);
gchar *aa_typeperf_import(AaPluginContext *ctx, GHashTable *options, GError **error);

G_END_DECLS
