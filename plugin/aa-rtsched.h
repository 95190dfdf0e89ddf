/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Real-time schedulability of an RT VM's task set on its vCPUs: partitioned
 * first-fit decreasing by utilisation, EDF (U <= 1, exact in integers) and
 * fixed-priority rate-monotonic response-time analysis.
 */

#pragma once

#include "aa-intent.h"

G_BEGIN_DECLS

typedef enum {
	AA_RTSCHED_EDF,
	AA_RTSCHED_RM,
} AaRtschedPolicy;

typedef struct {
	gboolean schedulable;
	guint n_cpus;
	GArray *assignment;       /* gint per task (input order): vCPU index, -1 = did not fit */
	GPtrArray *unschedulable; /* task names (borrowed) that fit nowhere */
	guint min_cpus;           /* smallest vCPU count that schedules the set, 0 if none */
} AaRtschedResult;

gboolean aa_rtsched_schedulable(GPtrArray *tasks, guint n_cpus, AaRtschedPolicy policy);
AaRtschedResult *aa_rtsched_analyse(GPtrArray *tasks, guint n_cpus, AaRtschedPolicy policy);
void aa_rtsched_result_free(AaRtschedResult *self);
void aa_rtsched_priority_order(GPtrArray *tasks, guint *order);
AaRtschedPolicy aa_rtsched_vm_policy(const AaIntentVm *vm);
gboolean aa_rtsched_vm_fits(const AaIntentVm *vm, guint p_cores);
guint aa_rtsched_vm_min_pcores(const AaIntentVm *vm);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaRtschedResult, aa_rtsched_result_free)

G_END_DECLS
