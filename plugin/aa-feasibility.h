/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * One feasibility (MODEL.md v2, "Hard feasibility"): every rule that depends
 * on a VM's allocated counts and that the validator reports as an error is
 * defined here once.  The search's feasible sets F_i, the baselines'
 * clamping and the validator all call these functions.
 */

#pragma once

#include "aa-intent.h"
#include "aa-profile.h"
#include "aa-rtsched.h"

G_BEGIN_DECLS

/* one VM's allocation r_i = (cP, cE, m, g) */
typedef struct {
	gint64 p_cores;
	gint64 e_cores;
	gint64 memory_mib;
	gint64 gpu_slices;
} AaAlloc;

/* the effective amount of resource @k in @r: P-cores + @eta E-cores (MODEL.md
 * "effective CPU"), MiB, or GPU slices; inline for the search's inner loop */
static inline gdouble
aa_alloc_effective(const AaAlloc *r, AaResource k, gdouble eta)
{
	switch (k) {
	case AA_RESOURCE_CPU:
		return (gdouble)r->p_cores + eta * (gdouble)r->e_cores;
	case AA_RESOURCE_MEMORY:
		return (gdouble)r->memory_mib;
	case AA_RESOURCE_GPU:
		return (gdouble)r->gpu_slices;
	default:
		return 0.0;
	}
}

/* the first rule an allocation breaks, in the order they are tested */
typedef enum {
	AA_FEASIBILITY_OK,
	AA_FEASIBILITY_NEGATIVE,    /* a negative count, or memory below 1 MiB */
	AA_FEASIBILITY_LIMITS,      /* outside the intent's <limits> */
	AA_FEASIBILITY_MIXED,       /* P- and E-cores in one VM */
	AA_FEASIBILITY_RT_P_CORES,  /* an RT VM with E-cores or without a P-core */
	AA_FEASIBILITY_NO_CPU,      /* no pCPU at all */
	AA_FEASIBILITY_R_MIN,       /* a profiled resource not above r_min */
	AA_FEASIBILITY_WORKING_SET, /* memory below the profiled working set */
	AA_FEASIBILITY_RT_TASKS,    /* the task set does not fit the P-cores */
	AA_FEASIBILITY_NO_VF,       /* GPU slices for a VM that cannot take a VF */
} AaFeasibilityRule;

typedef struct {
	const AaIntentVm *vm; /* borrowed */
	gboolean rt;
	gdouble eta;
	gdouble r_prof[AA_RESOURCE_COUNT]; /* the model's demand, for r > r_min */
	gdouble r_min[AA_RESOURCE_COUNT];
	gboolean has_wss; /* the profile has wss_mib values */
	gdouble wss_mib;  /* their maximum */
	gboolean has_tasks;
	AaRtschedPolicy policy; /* the validator's test: EDF, or RM with policy="rm" */
	GArray *schedulable;    /* gboolean per P-core count 0 .. tasks */
	guint rt_min_p_cores;   /* the smallest count that schedules the set, 0 if none */
	gboolean vf_allowed;    /* FALSE: not post-launched, no SR-IOV VF (g = 0) */
} AaFeasibility;

gdouble aa_feasibility_working_set(const AaProfile *profile, gboolean *has_wss);
gboolean aa_feasibility_memory_covers_wss(const AaProfile *profile, gint64 memory_mib);
AaRtschedResult *aa_feasibility_rt_analyse(const AaIntentVm *vm, guint n_cpus);

void aa_feasibility_init(AaFeasibility *self, const AaIntentVm *vm, gboolean rt, gdouble eta);
void aa_feasibility_set_demand(AaFeasibility *self, const gdouble *r_prof, const gdouble *r_min);
void aa_feasibility_clear(AaFeasibility *self);
AaFeasibilityRule aa_feasibility_check(const AaFeasibility *self, const AaAlloc *r);
gboolean aa_feasibility_rt_fits(const AaFeasibility *self, gint64 p_cores);
void aa_feasibility_clamp(const AaFeasibility *self, gint64 quantum, AaAlloc *r);
const gchar *aa_feasibility_rule_describe(AaFeasibilityRule rule);
gchar *aa_feasibility_min_cause(const AaFeasibility *self, AaDim dim, gint64 min_value,
                                gint64 quantum);

gchar *aa_feasibility_explain_empty(const AaFeasibility *self, gint64 cap_p, gint64 cap_e,
                                    gint64 cap_memory, gint64 cap_gpu, gint64 cap_vfs,
                                    gint64 quantum);

G_END_DECLS
