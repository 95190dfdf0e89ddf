/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The I/O profile CSV of FORMATS.md v2: the Service VM side of one
 * post-launched VM's virtio back-ends.
 */

#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* vSPACE's modes (seed 003): P, E and R */
typedef enum {
	AA_IO_MODE_PERFORMANCE,
	AA_IO_MODE_EFFICIENCY,
	AA_IO_MODE_RESOURCE,
} AaIoMode;

/* <policy><io .../> (or <policy io-mode="...">); the paper's constants as defaults */
typedef struct {
	gboolean given; /* <io> or io-mode present */
	AaIoMode mode;  /* default efficiency (FORMATS.md's sizing rule) */
	gboolean has_th_vcpu;
	gboolean has_th_io;
	gdouble th_vcpu; /* given thresholds, used as they are */
	gdouble th_io;
	gdouble th_initial; /* where exploration starts, default 0.8 (ours) */
	gdouble confidence; /* share of samples the static split covers, 0.95 */
	gdouble allow_vio;  /* AllowVio, default 0.05 (ours: 1 - confidence) */
	gdouble reward;     /* Reward, 1.03 */
	gdouble weight;     /* Weight, 0.7 */
	gdouble margin;     /* MARGIN, 1.1 */
	guint window;       /* samples per exploration round, 0 = the whole trace */
	glong line;
} AaIoPolicy;

/* one sample row; NAN marks an empty cell (not measured) */
typedef struct {
	gdouble time_s;
	gdouble vcpu_busy;      /* busy cores of the VM's vCPUs */
	gdouble io_busy;        /* busy cores of its acrn-dm I/O threads */
	gdouble latency_p95_ms; /* the VM's tail latency in the sample */
	gdouble vcpu_cores;     /* (extension) cores the vCPUs had, NAN if unknown */
	gdouble io_cores;       /* (extension) Service VM CPUs the I/O threads could use */
	glong line;
} AaIoSample;

typedef struct {
	gchar *filename;
	gchar *vm_name;     /* "# vm:" or NULL */
	gdouble vcpu_cores; /* "# cores: vcpu=N", NAN if absent */
	gdouble io_cores;   /* "# cores: io=N", NAN if absent */
	GArray *samples;    /* AaIoSample, time_s strictly increasing */
} AaIoProfile;

AaIoProfile *aa_io_profile_load(const gchar *filename, GError **error);
void aa_io_profile_free(AaIoProfile *self);
/* the per-core utilisation of the vCPU / I/O group in @sample (busy / cores),
 * NAN when the cores or the busy value are unknown */
gdouble aa_io_profile_vcpu_util(const AaIoProfile *self, const AaIoSample *sample);
gdouble aa_io_profile_io_util(const AaIoProfile *self, const AaIoSample *sample);

void aa_io_policy_init(AaIoPolicy *self);
/* reads <policy io-mode> and its <io> child; @filename for messages */
gboolean aa_io_policy_parse(AaIoPolicy *self, xmlNode *policy, const gchar *filename,
                            GError **error);
const gchar *aa_io_mode_to_string(AaIoMode mode);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaIoProfile, aa_io_profile_free)

G_END_DECLS
