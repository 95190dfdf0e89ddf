/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* one sample row of a profile trace; NAN marks an empty cell */
typedef struct {
	gdouble time_s;
	gdouble cpu_p_busy;
	gdouble cpu_e_busy;
	gdouble mem_used_mib;
	gdouble mem_rss_mib;
	gdouble wss_mib;
	gdouble swap_used_mib;
	gdouble major_faults_per_s;
	gdouble gpu_busy_pct;
	gdouble vram_mib;
	glong line;
} AaProfileSample;

/* a profile trace (FORMATS.md) */
typedef struct {
	gchar *filename;
	gchar *vm_name;          /* "# vm:" or NULL */
	gboolean has_allocation; /* "# allocation:" line present */
	gint64 alloc_p_cores;
	gint64 alloc_e_cores;
	gint64 alloc_memory_mib;
	gint64 alloc_gpu_slices;
	GHashTable *qos;  /* metric (gchar*) -> gdouble* from "# qos:" */
	GArray *samples;  /* AaProfileSample */
	gboolean has_wss; /* wss_mib column has at least one value */
	gboolean has_gpu; /* gpu_busy_pct column has at least one value */
} AaProfile;

/* one calibration run (FORMATS.md) */
typedef struct {
	gint64 p_cores;
	gint64 e_cores;
	gint64 memory_mib;
	gint64 gpu_slices;
	gchar *metric;
	gdouble value;
	glong line;
} AaCalibrationRow;

AaProfile *aa_profile_load(const gchar *filename, GError **error);
void aa_profile_free(AaProfile *self);
GPtrArray *aa_calibration_load(const gchar *filename, GError **error);
void aa_calibration_row_free(AaCalibrationRow *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaProfile, aa_profile_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaCalibrationRow, aa_calibration_row_free)

G_END_DECLS
