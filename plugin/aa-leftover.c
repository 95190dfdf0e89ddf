/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Free capacity after the search (docs/robust-model.md, "Free capacity after
 * the search").  When the profile saw a VM's CPU or GPU saturated, the robust
 * model only knows its demand is at least what it had; above one bin it
 * predicts no gain, so the search leaves capacity nobody asks for unused even
 * where that VM's targets are predicted missed.  Unused capacity helps no
 * other VM either: it goes, one unit at a time, to the VMs with such a
 * censored resource, those with a predicted miss first (no cores to a
 * real-time VM: its vCPUs poll, its task set decides them).  Nothing is taken
 * from any VM, and every allocation stays in its F_i and within the capacity.
 *
 * A VM with a target predicted missed also gets free cores and slices of a
 * resource its trace saw in use, up to the equal split's share: above its
 * sized demand the model predicts no gain, but that is a prior from a trace
 * whose demand was not saturated, not a measurement of the response.  Such a
 * VM on E-cores only first moves to the fewest free P-cores that beat them:
 * its prediction there rests on an E-core speed no run may have measured.
 *
 * Memory nobody holds goes the same way to every VM whose working set a trace
 * sampled: a working set sampled while profiled is a lower bound of the true
 * one, and below the true one a VM falls off a cliff the model cannot see
 * (its margin is symmetric), while memory above it costs only utilisation.
 * A VM with a target predicted missed gets up to the equal split's share of
 * the memory; one whose targets are all predicted met, up to the memory its
 * QoS was measured with (the profile's allocation), within that share.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "aa-intent-private.h"
#include "aa-leftover.h"
#include "aa-model-private.h"
#include "aa-model-robust.h"

/* the weight of @model's targets predicted missed at @r (deadline targets
 * aside: the RT analysis, not a censored trace, decides those) */
static gdouble
aa_leftover_missed_weight(const AaProblem *problem, const AaVmModel *model, const AaAlloc *r)
{
	AaVmEvaluation eval = {0};
	gdouble missed = 0.0;

	aa_vm_model_evaluate(model, r, problem->lambda_scale, &eval);
	for (guint j = 0; j < eval.qos->len; j++) {
		const AaQosPrediction *p = &g_array_index(eval.qos, AaQosPrediction, j);
		if (!p->met && !aa_vm_model_qos_at(model, j)->deadline)
			missed += MAX(p->qos->weight, 1e-9);
	}
	aa_vm_evaluation_clear(&eval);
	return missed;
}

typedef struct {
	gint64 p_cores;
	gint64 e_cores;
	gint64 gpu_slices;
	gint64 gpu_vfs;
	gint64 memory_mib;
} AaLeftoverUse;

static void
aa_leftover_use(GArray *allocs, AaLeftoverUse *use)
{
	memset(use, 0, sizeof(*use));
	for (guint i = 0; i < allocs->len; i++) {
		const AaAlloc *r = &g_array_index(allocs, AaAlloc, i);
		use->p_cores += r->p_cores;
		use->e_cores += r->e_cores;
		use->gpu_slices += r->gpu_slices;
		use->gpu_vfs += r->gpu_slices > 0 ? 1 : 0;
		use->memory_mib += r->memory_mib;
	}
}

/* the most memory VM @i may be given up to: the equal split's share (the
 * capacity over the number of VMs, floored to the quantum: MODEL.md's equal
 * baseline before clamping) with a target predicted missed, else the smaller
 * of that share and the profiled allocation's memory; 0 (nothing) without a
 * sampled working set, or all met without a profiled allocation */
static gint64
aa_leftover_memory_ceiling(const AaProblem *problem, const AaVmModel *model, gdouble missed)
{
	const AaProfile *profile = model->vm != NULL ? model->vm->profile : NULL;
	gint64 q = MAX((gint64)problem->memory_quantum_mib, 1);
	gint64 share = problem->capacity.memory_mib / MAX((gint64)problem->models->len, 1) / q * q;

	if (!(model->r_prof[AA_RESOURCE_MEMORY] > 0.0))
		return 0;
	if (missed > 0)
		return share;
	if (profile == NULL || !profile->has_allocation)
		return 0;
	return MIN(share, profile->alloc_memory_mib);
}

/* one more unit of @k for VM @i if the capacity has it free and F_i allows
 * it: a core of the kind the VM already runs on, a GPU slice (a first slice
 * needs a free VF), or a memory quantum up to @memory_max; @capped: cores and
 * slices only up to the equal split's share, the capacity of the kind over
 * the number of VMs, rounded up (the larger share when it does not divide) */
static gboolean
aa_leftover_add_one(const AaProblem *problem, const AaVmModel *model, GArray *allocs, guint i,
                    AaResource k, gint64 memory_max, gboolean capped)
{
	const AaCapacity *cap = &problem->capacity;
	AaAlloc *r = &g_array_index(allocs, AaAlloc, i);
	AaAlloc want = *r;
	AaLeftoverUse use;
	gint64 n = MAX((gint64)problem->models->len, 1);

	aa_leftover_use(allocs, &use);
	if (k == AA_RESOURCE_MEMORY) {
		gint64 q = MAX((gint64)problem->memory_quantum_mib, 1);
		if (use.memory_mib + q > cap->memory_mib || r->memory_mib + q > memory_max)
			return FALSE;
		want.memory_mib += q;
	} else {
		/* a slice, an E-core or a P-core: its count, capacity and use */
		gint64 *count = &want.p_cores;
		gint64 capacity = cap->p_cores;
		gint64 used = use.p_cores;
		if (k == AA_RESOURCE_GPU) {
			if (r->gpu_slices == 0 && use.gpu_vfs >= cap->gpu_vfs)
				return FALSE;
			count = &want.gpu_slices;
			capacity = cap->gpu_slices;
			used = use.gpu_slices;
		} else if (r->e_cores > 0) {
			count = &want.e_cores;
			capacity = cap->e_cores;
			used = use.e_cores;
		}
		if (used >= capacity || (capped && *count + 1 > (capacity + n - 1) / n))
			return FALSE;
		(*count)++;
	}
	if (!aa_vm_model_feasible(model, &want))
		return FALSE;
	*r = want;
	return TRUE;
}

/* @k saturated in the profile, and the VM has at least what the trace saw
 * it use of the other resource that can saturate (CPU for a GPU, GPU for a
 * CPU): the smaller of the profiled amount and the sized demand r_prof.  The
 * trace showed @k binding with that much of the other; with less, @k may not
 * bind at all.  More than the other's sized demand is not needed for @k to
 * bind: the trace showed the rest of it idle.  A VM the trace shows not using
 * the other at all (no demand: a GPU slice it held idle) does not need it. */
static gboolean
aa_leftover_censored_here(const AaVmModel *model, AaResource k, const AaAlloc *r)
{
	AaResource other = k == AA_RESOURCE_GPU ? AA_RESOURCE_CPU : AA_RESOURCE_GPU;

	if (!aa_vm_model_censored(model, k))
		return FALSE;
	if (!(model->r_prof[other] > 0.0))
		return TRUE;
	return aa_vm_model_effective(model, other, r) >=
	       MIN(aa_vm_model_profiled_amount(model, other), model->r_prof[other]) - 1e-9;
}

/* VM @i, with a target predicted missed, runs on E-cores only: it moves to
 * the fewest P-cores no VM holds that give it more effective CPU than its
 * E-cores (floor(eta cE) + 1), if F_i allows them.  Its prediction on E-cores
 * rests on the E-core speed, which no run may have measured; a P-core is
 * never slower, and the E-cores it leaves are free again */
static void
aa_leftover_to_p_cores(const AaProblem *problem, const AaVmModel *model, GArray *allocs, guint i)
{
	AaAlloc *r = &g_array_index(allocs, AaAlloc, i);
	AaLeftoverUse use;
	AaAlloc want = *r;

	if (r->p_cores != 0 || r->e_cores == 0)
		return;
	aa_leftover_use(allocs, &use);
	want.p_cores = (gint64)floor(model->eta * (gdouble)r->e_cores + 1e-9) + 1;
	want.e_cores = 0;
	if (want.p_cores > problem->capacity.p_cores - use.p_cores ||
	    !aa_vm_model_feasible(model, &want))
		return;
	*r = want;
}

/* VMs by the weight they miss, most first; ties in intent order */
static gint
aa_leftover_cmp(gconstpointer a, gconstpointer b, gpointer user_data)
{
	const gdouble *missed = user_data;
	guint x = *(const guint *)a;
	guint y = *(const guint *)b;

	if (missed[x] != missed[y])
		return missed[x] > missed[y] ? -1 : 1;
	return (x > y) - (x < y);
}

/**
 * aa_leftover_give:
 * @problem: the problem the search solved (robust model)
 * @allocs: (element-type AaAlloc) (inout): the search's allocation, intent order
 *
 * Gives capacity no VM holds away, one unit per VM and round until none
 * fits, in order of the weight each VM misses (most first, then intent
 * order): a GPU slice and a core of the kind the VM runs on to a VM with
 * that resource censored (aa_vm_model_censored(); no cores to a real-time
 * VM) or, up to the equal split's share, to a VM with a target predicted
 * missed that the trace saw using it, and a memory quantum to every VM whose working
 * set a trace sampled, up to the equal split's share of the memory (all
 * targets predicted met: up to the profiled allocation's memory within it);
 * each only where F_i and the capacity allow it.  The paper model is left as
 * it is.
 *
 * Returns: (transfer full) (element-type AaLeftover): one entry per VM that
 *   was given something, in intent order; empty when nothing changed
 */
GArray *
aa_leftover_give(const AaProblem *problem, GArray *allocs)
{
	GArray *given = g_array_new(FALSE, TRUE, sizeof(AaLeftover));
	guint n = MIN(problem->models->len, allocs->len);
	g_autofree gdouble *missed = g_new0(gdouble, MAX(n, 1));
	g_autofree AaAlloc *before = g_new0(AaAlloc, MAX(n, 1));
	/* per VM: whether its GPU and its CPU may be given more (fixed by the
	 * search's allocation, not by what is added) */
	g_autofree gboolean *gpu = g_new0(gboolean, MAX(n, 1));
	g_autofree gboolean *cpu = g_new0(gboolean, MAX(n, 1));
	g_autofree gint64 *memory_max = g_new0(gint64, MAX(n, 1));
	g_autofree gboolean *gpu_cap = g_new0(gboolean, MAX(n, 1));
	g_autofree gboolean *cpu_cap = g_new0(gboolean, MAX(n, 1));
	g_autoptr(GArray) order = g_array_new(FALSE, FALSE, sizeof(guint));
	gboolean progress = TRUE;

	for (guint i = 0; i < n; i++) {
		const AaVmModel *model = g_ptr_array_index(problem->models, i);
		before[i] = g_array_index(allocs, AaAlloc, i);
		if (model->kind != AA_MODEL_KIND_ROBUST)
			continue;
		missed[i] = aa_leftover_missed_weight(problem, model, &before[i]);
		gpu[i] = aa_leftover_censored_here(model, AA_RESOURCE_GPU, &before[i]);
		/* a real-time VM's dedicated vCPUs usually poll (a saturated trace
		 * says nothing of its demand) and its task set decides its cores */
		cpu[i] =
		    !model->rt && aa_leftover_censored_here(model, AA_RESOURCE_CPU, &before[i]);
		/* a target predicted missed: a resource the trace saw in use, up to
		 * the equal split's share */
		gpu_cap[i] = !gpu[i] && missed[i] > 0 && model->r_prof[AA_RESOURCE_GPU] > 0.0;
		cpu_cap[i] =
		    !cpu[i] && !model->rt && missed[i] > 0 && model->r_prof[AA_RESOURCE_CPU] > 0.0;
		memory_max[i] = aa_leftover_memory_ceiling(problem, model, missed[i]);
		if (gpu[i] || cpu[i] || gpu_cap[i] || cpu_cap[i] ||
		    memory_max[i] > before[i].memory_mib)
			g_array_append_val(order, i);
	}
	g_array_sort_with_data(order, aa_leftover_cmp, missed);

	/* a VM with a predicted miss on E-cores only moves to P-cores first */
	for (guint o = 0; o < order->len; o++) {
		guint i = g_array_index(order, guint, o);
		if ((cpu[i] || cpu_cap[i]) && missed[i] > 0)
			aa_leftover_to_p_cores(problem, g_ptr_array_index(problem->models, i),
			                       allocs, i);
	}

	/* round robin: one unit of each resource per VM and round; a round
	 * adds at least one unit, and the capacity is finite */
	while (progress) {
		progress = FALSE;
		for (guint o = 0; o < order->len; o++) {
			guint i = g_array_index(order, guint, o);
			const AaVmModel *model = g_ptr_array_index(problem->models, i);
			if ((gpu[i] || gpu_cap[i]) &&
			    aa_leftover_add_one(problem, model, allocs, i, AA_RESOURCE_GPU, 0,
			                        !gpu[i]))
				progress = TRUE;
			if ((cpu[i] || cpu_cap[i]) &&
			    aa_leftover_add_one(problem, model, allocs, i, AA_RESOURCE_CPU, 0,
			                        !cpu[i]))
				progress = TRUE;
			if (memory_max[i] > 0 &&
			    aa_leftover_add_one(problem, model, allocs, i, AA_RESOURCE_MEMORY,
			                        memory_max[i], FALSE))
				progress = TRUE;
		}
	}

	for (guint i = 0; i < n; i++) {
		const AaAlloc *r = &g_array_index(allocs, AaAlloc, i);
		AaLeftover gift = {0};
		gboolean cores;
		if (memcmp(r, &before[i], sizeof(AaAlloc)) == 0)
			continue;
		gift.vm = i;
		gift.before = before[i];
		gift.added.p_cores = r->p_cores - before[i].p_cores;
		gift.added.e_cores = r->e_cores - before[i].e_cores;
		gift.added.gpu_slices = r->gpu_slices - before[i].gpu_slices;
		gift.added.memory_mib = r->memory_mib - before[i].memory_mib;
		/* E-cores exchanged for P-cores: none added, those it had returned */
		gift.e_cores_returned = MAX(-gift.added.e_cores, 0);
		gift.added.e_cores = MAX(gift.added.e_cores, 0);
		cores = gift.added.p_cores > 0 || gift.added.e_cores > 0;
		gift.cpu = cpu[i] && cores;
		gift.gpu = gpu[i] && gift.added.gpu_slices > 0;
		gift.missed = (cpu_cap[i] && cores) || (gpu_cap[i] && gift.added.gpu_slices > 0);
		gift.memory = gift.added.memory_mib > 0;
		g_array_append_val(given, gift);
	}
	return given;
}
