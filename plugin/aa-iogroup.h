/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * I/O core groups for the virtio back-ends in the Service VM: vSPACE's
 * Algorithms 1-3 (seed 003) run offline over the I/O profiles, and the
 * static group that covers the samples (docs/io-groups.md).
 */

#pragma once

#include <libxml/tree.h>

#include "aa-board.h"
#include "aa-diagnostic.h"
#include "aa-intent.h"
#include "aa-io-profile.h"
#include "aa-placement.h"
#include "aa-search.h"

G_BEGIN_DECLS

/* the latency SLO of a VM: its <qos metric="latency-p95-ms" direction="lower"> */
#define AA_IOGROUP_SLO_METRIC "latency-p95-ms"
/* p95 io_busy (cores) from which a VM counts as I/O-heavy in validation */
#define AA_IOGROUP_HEAVY_IO_CORES 0.5
/* the most samples recommendation.xml carries per group (evenly thinned) */
#define AA_IOGROUP_MAX_XML_SAMPLES 2000u

/* one time of the aligned series (sums over the VMs with an I/O profile) */
typedef struct {
	gdouble time_s;
	gdouble vcpu_busy; /* NAN when a VM did not measure it */
	gdouble io_busy;
	gint64 next_vcpu; /* the mode's algorithm for this sample, -1 if not computable */
	gint64 next_io;
} AaIoGroupSample;

typedef struct {
	gchar *name;
	guint n_samples;
	gdouble io_p95;   /* nearest-rank p95 of io_busy, cores */
	gdouble vcpu_p95; /* NAN when not measured */
	gboolean has_slo;
	gdouble slo_ms;
	guint n_latency;    /* samples with a latency and both utilisations */
	guint n_violations; /* of those, above the SLO */
	gdouble th_vcpu;    /* explored for this VM, NAN if not explored */
	gdouble th_io;
	guint iothreads; /* per virtio-blk device, 0 = none */
	guint mq;
} AaIoGroupVm;

typedef struct {
	AaIoMode mode;
	gdouble th_vcpu;
	gdouble th_io;
	const gchar *th_source; /* "given", "explored", "default" or "mixed" */
	gdouble confidence;
	gdouble margin;
	gint64 total_cores;     /* TotalCore of Algorithms 1 and 2 */
	gdouble io_p95;         /* p95 of the summed io_busy */
	guint size;             /* pCPUs in the group */
	guint covered;          /* samples whose I/O demand fits the group */
	GArray *pcpus;          /* guint, ascending */
	GArray *samples;        /* AaIoGroupSample */
	GPtrArray *vms;         /* AaIoGroupVm, intent order */
	GPtrArray *best_effort; /* AaIoGroupBestEffort, R mode */
} AaIoGroup;

/* R mode: the idle pCPUs one best-effort VM receives */
typedef struct {
	gchar *name;
	GArray *pcpus; /* guint */
} AaIoGroupBestEffort;

/* one sample of Algorithm 3 */
typedef struct {
	gdouble p95;
	gdouble util_vcpu;
	gdouble util_io;
} AaIoExploreSample;

gdouble aa_iogroup_ceil(gdouble x);
gdouble aa_iogroup_round(gdouble x);
gdouble aa_iogroup_quantile(const gdouble *values, guint n, gdouble q);
void aa_iogroup_alg1(gdouble util_vcpu, gdouble util_io, gdouble th_vcpu, gdouble th_io,
                     gint64 total, gint64 *next_vcpu, gint64 *next_io);
void aa_iogroup_alg2(gdouble util_vcpu, gdouble util_io, gdouble th_vcpu, gdouble th_io,
                     gdouble margin, gint64 total, gint64 prev_vcpu, gint64 prev_io,
                     gint64 *next_vcpu, gint64 *next_io);
guint aa_iogroup_explore(const AaIoExploreSample *samples, guint n, gdouble slo, gdouble allow_vio,
                         gdouble reward, gdouble weight, gdouble *th_vcpu, gdouble *th_io);

void aa_iogroup_free(AaIoGroup *self);
AaIoGroup *aa_iogroup_new_sized(GPtrArray *vms, const AaIoPolicy *policy, gint64 total_cores,
                                const gchar *filename, GError **error);
gboolean aa_iogroup_reserve(AaBoard *board, AaScenario *scenario, AaIntent *intent,
                            AaCapacity *capacity, GArray *taken, AaIoGroup **out, GError **error);
void aa_iogroup_size_vm(AaIoGroup *self, const gchar *name, gint64 vcpus);
void aa_iogroup_give_idle(AaIoGroup *self, AaBoard *board, GArray *taken, GPtrArray *placed);
const GArray *aa_iogroup_idle_of(AaIoGroup *self, const gchar *name);
xmlNode *aa_iogroup_to_xml(AaIoGroup *self);
gchar *aa_iogroup_summary(AaIoGroup *self);
gchar *aa_iogroup_trace_run(GHashTable *options, GError **error);
void aa_iogroup_check(AaBoard *board, AaScenario *scenario, AaIntent *intent,
                      xmlDoc *recommendation, AaDiagnostics *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaIoGroup, aa_iogroup_free)

G_END_DECLS
