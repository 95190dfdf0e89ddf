/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Compositional analysis of an RT VM's task set (seed 002, section 4.3):
 * partitioned on N vCPUs with periodic-resource interfaces (Q, P) per vCPU
 * (Shin & Lee 2003, exact supply bound function), and global EDF on a
 * multiprocessor periodic resource (Shin, Easwaran & Lee 2008).  Times in us.
 */

#pragma once

#include <libxml/tree.h>

#include "aa-diagnostic.h"
#include "aa-plugin.h"
#include "aa-rtsched.h"
#include "aa-intent.h"

G_BEGIN_DECLS

/* the interface grid of the paper: Q in 0.5 ms steps, P whole ms in [10, 100] */
#define AA_RTANALYSIS_BUDGET_STEP_US   500
#define AA_RTANALYSIS_PERIOD_MIN_US    10000
#define AA_RTANALYSIS_PERIOD_MAX_US    100000
#define AA_RTANALYSIS_PERIOD_STEP_US   1000
#define AA_RTANALYSIS_GLOBAL_PERIOD_US 10000
/* what rt-analyze accepts (more is refused, with the intent's file:line) */
#define AA_RTANALYSIS_MAX_TASKS     256
#define AA_RTANALYSIS_MAX_VCPUS     256
#define AA_RTANALYSIS_MAX_PERIOD_US G_GUINT64_CONSTANT(3600000000)
/* headroom per RT vCPU core when the intent's <policy rt-headroom-pct> is absent */
#define AA_RTANALYSIS_HEADROOM_PCT 10.0
/* points one test may evaluate before it gives up (and answers "not proven") */
#define AA_RTANALYSIS_MAX_POINTS 100000
/* global EDF: demand terms one test may evaluate (points times tasks) */
#define AA_RTANALYSIS_MAX_WORK 40000000.0L
/* fixed priority: scheduling points kept per task however many tasks share the budget */
#define AA_RTANALYSIS_MIN_TASK_POINTS 2048

typedef struct {
	GPtrArray *tasks;  /* AaTask (borrowed), highest priority first */
	guint64 budget_us; /* Q, 0 when the vCPU has no task */
	guint64 period_us; /* P */
	gdouble fluid;     /* minimum bandwidth on a fluid supply */
} AaRtVcpu;

typedef struct {
	AaRtschedPolicy policy;
	guint n_vcpus;
	gboolean schedulable; /* every task placed and every vCPU has an interface */
	GPtrArray *vcpus;     /* AaRtVcpu, n_vcpus entries */
	GPtrArray *unplaced;  /* AaTask (borrowed) that fit on no vCPU */
} AaRtPartition;

typedef struct {
	guint n_vcpus;        /* m' */
	gboolean schedulable; /* a budget <= m' * period was proven */
	guint64 budget_us;    /* Theta, total over the m' vCPUs */
	guint64 period_us;    /* Pi */
} AaRtGlobal;

guint64 aa_rtanalysis_sbf(guint64 period_us, guint64 budget_us, guint64 t_us);
guint64 aa_rtanalysis_mpr_sbf(guint64 period_us, guint64 budget_us, guint m, guint64 t_us);
gint64 aa_rtanalysis_mpr_demand(GPtrArray *tasks, guint k, guint m, guint64 t_us);
GArray *aa_rtanalysis_fp_points(GPtrArray *tasks, guint i);
gboolean aa_rtanalysis_fp_test(GPtrArray *tasks, guint64 period_us, guint64 budget_us);
gboolean aa_rtanalysis_edf_test(GPtrArray *tasks, guint64 period_us, guint64 budget_us);
gboolean aa_rtanalysis_interface(GPtrArray *tasks, AaRtschedPolicy policy, guint64 *budget_us,
                                 guint64 *period_us);
gboolean aa_rtanalysis_gedf_test(GPtrArray *tasks, guint m, guint64 period_us, guint64 budget_us);
AaRtPartition *aa_rtanalysis_partition(GPtrArray *tasks, guint n_vcpus, AaRtschedPolicy policy);
guint aa_rtanalysis_min_vcpus(GPtrArray *tasks, AaRtschedPolicy policy);
void aa_rtanalysis_global(GPtrArray *tasks, guint m, guint64 period_us, AaRtGlobal *result);
void aa_rtanalysis_global_best(GPtrArray *tasks, guint max_m, guint64 period_us,
                               AaRtGlobal *result);
gdouble aa_rtanalysis_partition_bandwidth(const AaRtPartition *self);
gboolean aa_rtanalysis_check(GPtrArray *tasks, const gchar *filename, glong line, GError **error);
void aa_rtanalysis_partition_free(AaRtPartition *self);
gchar *aa_rtanalysis_run(AaPluginContext *ctx, GHashTable *options, GError **error);
gdouble aa_rtanalysis_headroom_pct(AaIntent *intent);
glong aa_rtanalysis_tasks_line(AaIntentVm *vm);
AaRtschedPolicy aa_rtanalysis_vm_policy(AaIntentVm *vm);
xmlNode *aa_rtanalysis_reservation_new(AaIntentVm *vm, GArray *pcpus, guint n_vcpus,
                                       gdouble headroom_pct);
xmlNode *aa_rtanalysis_reservation_add(xmlNode *parent, AaIntentVm *vm, GArray *pcpus,
                                       guint n_vcpus, gdouble headroom_pct);
void aa_rtanalysis_check_headroom(AaScenario *scenario, AaIntent *intent, AaDiagnostics *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaRtPartition, aa_rtanalysis_partition_free)

G_END_DECLS
