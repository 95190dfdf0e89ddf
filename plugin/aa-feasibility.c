/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The hard rules on one VM's counts, defined once (MODEL.md v2).
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "aa-feasibility.h"
#include "aa-intent-private.h"

/**
 * aa_feasibility_working_set:
 * @profile: (nullable): a VM's profile trace
 * @has_wss: (out) (optional): whether its wss_mib column has a value
 *   (the reader's has_wss)
 *
 * Returns: the largest wss_mib of the trace, 0 without one
 */
gdouble
aa_feasibility_working_set(const AaProfile *profile, gboolean *has_wss)
{
	gboolean has = FALSE;
	gdouble wss = 0.0;

	/* the reader sets has_wss when the wss_mib column has a value */
	has = profile != NULL && profile->has_wss;
	for (guint i = 0; has && profile->samples != NULL && i < profile->samples->len; i++) {
		const AaProfileSample *s = &g_array_index(profile->samples, AaProfileSample, i);
		if (!isnan(s->wss_mib))
			wss = MAX(wss, s->wss_mib);
	}
	if (has_wss != NULL)
		*has_wss = has;
	return wss;
}

/**
 * aa_feasibility_memory_covers_wss:
 * @profile: (nullable): a VM's profile trace
 * @memory_mib: the VM's memory
 *
 * The rule `memory-below-wss`: with wss_mib values in the trace, memory must
 * be at least their maximum.
 *
 * Returns: %TRUE if @memory_mib satisfies it
 */
gboolean
aa_feasibility_memory_covers_wss(const AaProfile *profile, gint64 memory_mib)
{
	gboolean has = FALSE;
	gdouble wss = aa_feasibility_working_set(profile, &has);
	return !has || (gdouble)memory_mib >= wss;
}

/**
 * aa_feasibility_rt_analyse:
 * @vm: a VM of the intent with a task set
 * @n_cpus: its vCPUs (one per pCPU)
 *
 * The rule `rt-unschedulable`: the validator's test of the task set.
 *
 * Returns: (transfer full): the analysis
 */
AaRtschedResult *
aa_feasibility_rt_analyse(const AaIntentVm *vm, guint n_cpus)
{
	return aa_rtsched_analyse(vm->tasks, n_cpus, aa_rtsched_vm_policy(vm));
}

/**
 * aa_feasibility_init:
 * @self: (out caller-allocates): the rules of one VM
 * @vm: the intent's VM (borrowed; must outlive @self)
 * @rt: an RT VM
 * @eta: the E-core efficiency of its model
 *
 * Precomputes the working set and the task set's schedulability for every
 * P-core count, so that aa_feasibility_check() is a few comparisons.  The
 * demand (for r > r_min) is none until aa_feasibility_set_demand().
 */
void
aa_feasibility_init(AaFeasibility *self, const AaIntentVm *vm, gboolean rt, gdouble eta)
{
	memset(self, 0, sizeof(*self));
	self->vm = vm;
	self->rt = rt;
	self->eta = eta;
	self->vf_allowed = TRUE;
	self->wss_mib = aa_feasibility_working_set(vm->profile, &self->has_wss);
	self->policy = aa_rtsched_vm_policy(vm);
	if (vm->tasks == NULL || vm->tasks->len == 0)
		return;
	/* n vCPUs beyond the number of tasks leave the extra ones idle */
	self->has_tasks = TRUE;
	self->schedulable = g_array_sized_new(FALSE, TRUE, sizeof(gboolean), vm->tasks->len + 1);
	for (guint n = 0; n <= vm->tasks->len; n++) {
		gboolean ok = aa_rtsched_schedulable(vm->tasks, n, self->policy);
		g_array_append_val(self->schedulable, ok);
		if (ok && self->rt_min_p_cores == 0 && n > 0)
			self->rt_min_p_cores = n;
	}
}

void
aa_feasibility_set_demand(AaFeasibility *self, const gdouble *r_prof, const gdouble *r_min)
{
	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		self->r_prof[k] = r_prof[k];
		self->r_min[k] = r_min[k];
	}
}

void
aa_feasibility_clear(AaFeasibility *self)
{
	if (self == NULL)
		return;
	g_clear_pointer(&self->schedulable, g_array_unref);
	self->schedulable = NULL;
}

/**
 * aa_feasibility_rt_fits:
 * @self: the rules of one VM
 * @p_cores: a P-core count
 *
 * Returns: %TRUE if the VM has no task set or the validator's test
 *   schedules it on @p_cores vCPUs
 */
gboolean
aa_feasibility_rt_fits(const AaFeasibility *self, gint64 p_cores)
{
	guint n;
	if (!self->has_tasks)
		return TRUE;
	if (p_cores <= 0)
		return FALSE;
	n = (guint)MIN(p_cores, (gint64)self->schedulable->len - 1);
	return g_array_index(self->schedulable, gboolean, n);
}

static gboolean
aa_feasibility_within(const AaLimit *limit, gint64 value)
{
	if (limit->has_min && value < limit->min)
		return FALSE;
	if (limit->has_max && value > limit->max)
		return FALSE;
	return TRUE;
}

/**
 * aa_feasibility_check:
 * @self: the rules of one VM
 * @r: an allocation
 *
 * Tests @r against F_i, capacity aside: limits, P/E mix, RT on P-cores only,
 * at least one pCPU, r > r_min for each profiled resource, memory at or above
 * the working set, the task set schedulable on the P-cores.
 *
 * Returns: %AA_FEASIBILITY_OK, or the first rule @r breaks
 */
AaFeasibilityRule
aa_feasibility_check(const AaFeasibility *self, const AaAlloc *r)
{
	const AaLimit *limits = self->vm->limits;

	if (r->p_cores < 0 || r->e_cores < 0 || r->memory_mib < 1 || r->gpu_slices < 0)
		return AA_FEASIBILITY_NEGATIVE;
	if (!aa_feasibility_within(&limits[AA_DIM_P_CORES], r->p_cores) ||
	    !aa_feasibility_within(&limits[AA_DIM_E_CORES], r->e_cores) ||
	    !aa_feasibility_within(&limits[AA_DIM_MEMORY_MIB], r->memory_mib) ||
	    !aa_feasibility_within(&limits[AA_DIM_GPU_SLICES], r->gpu_slices))
		return AA_FEASIBILITY_LIMITS;
	/* ACRN refuses a VM mixing P- and E-cores; an RT VM runs on P-cores only */
	if (r->p_cores != 0 && r->e_cores != 0)
		return AA_FEASIBILITY_MIXED;
	if (self->rt && (r->e_cores != 0 || r->p_cores < 1))
		return AA_FEASIBILITY_RT_P_CORES;
	if (r->p_cores + r->e_cores < 1)
		return AA_FEASIBILITY_NO_CPU;
	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		if (self->r_prof[k] > 0.0 &&
		    !(aa_alloc_effective(r, k, self->eta) > self->r_min[k]))
			return AA_FEASIBILITY_R_MIN;
	}
	if (self->has_wss && (gdouble)r->memory_mib < self->wss_mib)
		return AA_FEASIBILITY_WORKING_SET;
	/* VFs exist once the Service VM enables them: post-launched VMs only */
	if (!self->vf_allowed && r->gpu_slices > 0)
		return AA_FEASIBILITY_NO_VF;
	/* the validator counts every pCPU of the VM as a vCPU */
	if (self->has_tasks && !aa_feasibility_rt_fits(self, r->p_cores + r->e_cores))
		return AA_FEASIBILITY_RT_TASKS;
	return AA_FEASIBILITY_OK;
}

/**
 * aa_feasibility_rule_describe:
 * @rule: a rule
 *
 * Returns: what the rule asks, in words
 */
const gchar *
aa_feasibility_rule_describe(AaFeasibilityRule rule)
{
	switch (rule) {
	case AA_FEASIBILITY_OK:
		return "feasible";
	case AA_FEASIBILITY_NEGATIVE:
		return "counts must not be negative and memory at least 1 MiB";
	case AA_FEASIBILITY_LIMITS:
		return "the intent's limits";
	case AA_FEASIBILITY_MIXED:
		return "ACRN does not mix P- and E-cores in one VM";
	case AA_FEASIBILITY_RT_P_CORES:
		return "RT VMs run on P-cores only";
	case AA_FEASIBILITY_NO_CPU:
		return "every VM needs a pCPU";
	case AA_FEASIBILITY_R_MIN:
		return "profiled demand above r_min";
	case AA_FEASIBILITY_WORKING_SET:
		return "memory at or above the profiled working set";
	case AA_FEASIBILITY_RT_TASKS:
		return "the RT task set must be schedulable on the VM's P-cores";
	case AA_FEASIBILITY_NO_VF:
		return "only post-launched VMs can take an SR-IOV VF";
	default:
		return "unknown rule";
	}
}

/**
 * aa_feasibility_min_cause:
 * @self: the rules of one VM
 * @dim: the dimension whose minimum binds
 * @min_value: the VM's smallest feasible amount of it (memory in quanta)
 * @quantum: the memory quantum in MiB
 *
 * Returns: (transfer full) (nullable): the hard rule behind @min_value (working
 *   set, task set), or %NULL when it is another rule
 */
gchar *
aa_feasibility_min_cause(const AaFeasibility *self, AaDim dim, gint64 min_value, gint64 quantum)
{
	const AaLimit *limits = self->vm->limits;

	if (dim == AA_DIM_P_CORES && self->has_tasks && self->rt_min_p_cores > 1 &&
	    (gint64)self->rt_min_p_cores >= min_value &&
	    !(limits[AA_DIM_P_CORES].has_min && limits[AA_DIM_P_CORES].min >= min_value))
		return g_strdup_printf("its RT task set needs %u P-cores under partitioned %s, "
		                       "tasks first-fit decreasing",
		                       self->rt_min_p_cores,
		                       self->policy == AA_RTSCHED_RM ? "rate-monotonic" : "EDF");
	if (dim == AA_DIM_MEMORY_MIB && self->has_wss &&
	    (min_value - 1) * quantum < self->wss_mib &&
	    !(limits[AA_DIM_MEMORY_MIB].has_min &&
	      limits[AA_DIM_MEMORY_MIB].min > (min_value - 1) * quantum))
		return g_strdup_printf("the profiled working set of %.0f MiB", ceil(self->wss_mib));
	return NULL;
}

/**
 * aa_feasibility_clamp:
 * @self: the rules of one VM
 * @quantum: the memory quantum in MiB
 * @r: (inout): a baseline's share
 *
 * MODEL.md, Baselines: clamps a share to the limits and F_i.  E-cores become
 * P-cores where the VM may not use E-cores; each resource is raised to the
 * smallest allowed value above r_min, memory to the working set and an RT
 * VM's P-cores to the count that schedules its task set.  The result may
 * still break a maximum: the caller tests it with aa_feasibility_check().
 */
void
aa_feasibility_clamp(const AaFeasibility *self, gint64 quantum, AaAlloc *r)
{
	const AaLimit *limits = self->vm->limits;
	gint64 *dims[] = {&r->p_cores, &r->e_cores, &r->memory_mib, &r->gpu_slices};
	/* F_i has no point with cE > 0 for an RT VM, an E-core maximum of 0, or a
	 * P-core minimum of at least 1 (P- and E-cores are never mixed) */
	gboolean may_use_e = !self->rt &&
	                     !(limits[AA_DIM_E_CORES].has_max && limits[AA_DIM_E_CORES].max == 0) &&
	                     !(limits[AA_DIM_P_CORES].has_min && limits[AA_DIM_P_CORES].min >= 1);
	gboolean may_use_p = !(limits[AA_DIM_P_CORES].has_max && limits[AA_DIM_P_CORES].max == 0);

	/* E-cores become P-cores where the VM may not use E-cores */
	if (!may_use_e) {
		r->p_cores += r->e_cores;
		r->e_cores = 0;
	}

	/* limits; memory stays a multiple of the quantum inside them */
	for (guint d = 0; d < AA_DIM_COUNT; d++) {
		if (limits[d].has_min && *dims[d] < limits[d].min)
			*dims[d] = limits[d].min;
		if (limits[d].has_max && *dims[d] > limits[d].max)
			*dims[d] = limits[d].max;
	}
	if (limits[AA_DIM_MEMORY_MIB].has_min)
		r->memory_mib = MAX(r->memory_mib, (limits[AA_DIM_MEMORY_MIB].min + quantum - 1) /
		                                       quantum * quantum);
	r->memory_mib = r->memory_mib / quantum * quantum;
	if (limits[AA_DIM_MEMORY_MIB].has_max && r->memory_mib > limits[AA_DIM_MEMORY_MIB].max)
		r->memory_mib = limits[AA_DIM_MEMORY_MIB].max / quantum * quantum;

	/* F_i: at least one pCPU and one quantum, each profiled resource above r_min */
	if (r->p_cores + r->e_cores < 1) {
		if (may_use_p || !may_use_e)
			r->p_cores = 1;
		else
			r->e_cores = 1;
	}
	/* the least step count above r_min, computed rather than stepped to, so the
	 * work does not grow with r_min (capped: far beyond any capacity) */
	if (self->r_prof[AA_RESOURCE_CPU] > 0 &&
	    aa_alloc_effective(r, AA_RESOURCE_CPU, self->eta) <= self->r_min[AA_RESOURCE_CPU]) {
		gdouble rmin = MIN(self->r_min[AA_RESOURCE_CPU], (gdouble)G_MAXINT32);
		if (r->e_cores > 0)
			r->e_cores = (gint64)floor((rmin - r->p_cores) / self->eta) + 1;
		else
			r->p_cores = (gint64)floor(rmin - self->eta * r->e_cores) + 1;
		/* one step more where rounding left the sum on r_min */
		if (aa_alloc_effective(r, AA_RESOURCE_CPU, self->eta) <= rmin)
			*(r->e_cores > 0 ? &r->e_cores : &r->p_cores) += 1;
	}
	if (r->memory_mib < quantum)
		r->memory_mib = quantum;
	if (self->r_prof[AA_RESOURCE_MEMORY] > 0 &&
	    r->memory_mib <= self->r_min[AA_RESOURCE_MEMORY]) {
		gdouble rmin = MIN(self->r_min[AA_RESOURCE_MEMORY], (gdouble)G_MAXINT32);
		r->memory_mib = ((gint64)floor(rmin / quantum) + 1) * quantum;
	}
	if (self->r_prof[AA_RESOURCE_GPU] > 0 && r->gpu_slices <= self->r_min[AA_RESOURCE_GPU])
		r->gpu_slices =
		    (gint64)floor(MIN(self->r_min[AA_RESOURCE_GPU], (gdouble)G_MAXINT32)) + 1;

	/* v2 hard feasibility: no VF, the working set and the task set */
	if (!self->vf_allowed)
		r->gpu_slices = 0;
	if (self->has_wss && (gdouble)r->memory_mib < self->wss_mib) {
		gdouble wss = MIN(self->wss_mib, (gdouble)G_MAXINT32);
		r->memory_mib = (gint64)ceil(wss / quantum) * quantum;
	}
	if (self->has_tasks && self->rt_min_p_cores > 0 &&
	    r->p_cores + r->e_cores < (gint64)self->rt_min_p_cores) {
		if (r->e_cores > 0)
			r->e_cores = self->rt_min_p_cores;
		else
			r->p_cores = self->rt_min_p_cores;
	}
}

/* the largest value of a dimension the limits and the capacity allow */
static gint64
aa_feasibility_hi(const AaLimit *limit, gint64 cap)
{
	return limit->has_max ? MIN(limit->max, cap) : cap;
}

/**
 * aa_feasibility_explain_empty:
 * @self: the rules of one VM
 * @cap_p: P-cores left for the intent's VMs
 * @cap_e: E-cores left
 * @cap_memory: MiB left
 * @cap_gpu: GPU slices of the policy
 * @cap_vfs: GPU VFs left
 * @quantum: the memory quantum in MiB
 *
 * Why a VM has no allocation at all in F_i within the capacity: the first
 * resource whose smallest allowed amount is above the largest possible one.
 *
 * Returns: (transfer full) (nullable): a clause naming the rule, or %NULL
 */
gchar *
aa_feasibility_explain_empty(const AaFeasibility *self, gint64 cap_p, gint64 cap_e,
                             gint64 cap_memory, gint64 cap_gpu, gint64 cap_vfs, gint64 quantum)
{
	const AaLimit *limits = self->vm->limits;
	gboolean needs_gpu =
	    self->r_prof[AA_RESOURCE_GPU] > 0.0 ||
	    (limits[AA_DIM_GPU_SLICES].has_min && limits[AA_DIM_GPU_SLICES].min >= 1);
	gint64 hi_p = aa_feasibility_hi(&limits[AA_DIM_P_CORES], cap_p);
	gint64 hi_e = aa_feasibility_hi(&limits[AA_DIM_E_CORES], cap_e);
	gint64 hi_m = aa_feasibility_hi(&limits[AA_DIM_MEMORY_MIB], cap_memory);
	gint64 need_m;
	gint64 need_p;
	gint64 need_e;
	gdouble r_min_cpu =
	    self->r_prof[AA_RESOURCE_CPU] > 0.0 ? self->r_min[AA_RESOURCE_CPU] : 0.0;

	/* GPU */
	if (needs_gpu && !self->vf_allowed)
		return g_strdup("it needs GPU slices (profiled GPU demand or a GPU minimum) but is "
		                "not post-launched, and only post-launched VMs can take an SR-IOV "
		                "VF: remove the GPU columns from its profile or its GPU minimum");
	if (needs_gpu && cap_vfs < 1)
		return g_strdup("it needs GPU slices (profiled GPU demand or a GPU minimum) but no "
		                "SR-IOV VF of the GPU is free (the board has none, or a VM outside "
		                "the intent holds the GPU)");
	if (needs_gpu && aa_feasibility_hi(&limits[AA_DIM_GPU_SLICES], cap_gpu) < 1)
		return g_strdup(
		    "it needs GPU slices (profiled GPU demand or a GPU minimum) but its "
		    "limits or <policy><gpu-slices> allow none");

	/* memory: the working set, r_min, the minimum, one quantum */
	need_m =
	    MAX(quantum, limits[AA_DIM_MEMORY_MIB].has_min ? limits[AA_DIM_MEMORY_MIB].min : 0);
	if (self->r_prof[AA_RESOURCE_MEMORY] > 0.0)
		need_m = MAX(need_m, (gint64)floor(self->r_min[AA_RESOURCE_MEMORY]) + 1);
	if (self->has_wss)
		need_m = MAX(need_m, (gint64)ceil(self->wss_mib));
	need_m = (need_m + quantum - 1) / quantum * quantum;
	if (need_m > hi_m / quantum * quantum)
		return g_strdup_printf("it needs >= %" G_GINT64_FORMAT " MiB (%s) but at most "
		                       "%" G_GINT64_FORMAT " MiB in whole %" G_GINT64_FORMAT
		                       " MiB quanta is possible (%s)",
		                       need_m,
		                       self->has_wss && need_m >= self->wss_mib
		                           ? "its profiled working set"
		                           : "its limits, demand above r_min and one quantum",
		                       hi_m / quantum * quantum, quantum,
		                       limits[AA_DIM_MEMORY_MIB].has_max &&
		                               limits[AA_DIM_MEMORY_MIB].max < cap_memory
		                           ? "its memory maximum"
		                           : "memory left after the reserves");

	/* an RT task set */
	if (self->has_tasks && self->rt_min_p_cores == 0)
		return g_strdup("its RT task set is not schedulable on any number of vCPUs: a "
		                "task's WCET exceeds its deadline or its utilisation exceeds 1");
	need_p = MAX(limits[AA_DIM_P_CORES].has_min ? limits[AA_DIM_P_CORES].min : 0,
	             (gint64)floor(r_min_cpu) + 1);
	if (self->has_tasks)
		need_p = MAX(need_p, (gint64)self->rt_min_p_cores);
	if (self->rt && need_p > hi_p)
		return g_strdup_printf("it is an RT VM and needs >= %" G_GINT64_FORMAT
		                       " P-cores (%s) but at most %" G_GINT64_FORMAT
		                       " are possible",
		                       need_p,
		                       self->has_tasks && need_p == (gint64)self->rt_min_p_cores
		                           ? "its task set"
		                           : "its limits and demand above r_min",
		                       hi_p);
	/* any VM: enough P- or E-cores above r_min */
	need_e = MAX(limits[AA_DIM_E_CORES].has_min ? limits[AA_DIM_E_CORES].min : 1,
	             (gint64)floor(r_min_cpu / self->eta) + 1);
	if (self->has_tasks)
		need_e = MAX(need_e, (gint64)self->rt_min_p_cores);
	if (!self->rt && need_p > hi_p && (need_e > hi_e || limits[AA_DIM_P_CORES].has_min))
		return g_strdup_printf(
		    "it needs more than r_min = %g P-core equivalents: >= %" G_GINT64_FORMAT
		    " P-cores or >= %" G_GINT64_FORMAT " E-cores, but at most %" G_GINT64_FORMAT
		    " P-cores and %" G_GINT64_FORMAT " E-cores are possible (limits and "
		    "capacity)",
		    r_min_cpu, need_p, need_e, hi_p, hi_e);
	return NULL;
}
