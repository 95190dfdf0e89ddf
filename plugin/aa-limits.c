/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Bounds on the work of the search, from the sizes the intent and the board
 * give (docs/limits.md).  Each input value has its own maximum where it is
 * read; this file bounds their product, which no single maximum can.
 */

#include "config.h"

#include <math.h>

#include "aa-error.h"
#include "aa-intent-private.h"
#include "aa-limits.h"
#include "aa-model-private.h"
#include "aa-model.h"

/* the number of values a dimension can take within its limit and the capacity */
static gdouble
aa_limits_range(const AaLimit *limit, gint64 cap, gint64 step, gboolean at_least_one)
{
	gint64 lo = limit->has_min ? MAX(limit->min, 0) : 0;
	gint64 hi = limit->has_max ? MIN(limit->max, cap) : cap;
	if (at_least_one)
		lo = MAX((lo + step - 1) / step, 1) * step;
	if (hi < lo)
		return 0.0;
	return floor((gdouble)(hi - lo) / (gdouble)step) + 1.0;
}

/**
 * aa_limits_search_candidates:
 * @problem: the VMs' models and the capacity
 * @worst_vm: (out) (optional): the VM with the most candidates
 *
 * Counts, without enumerating them, the allocations the optimal search would
 * score: for each VM the pCPU choices (P-cores or E-cores, never both) times
 * the memory quanta times the GPU slice counts its limits and the capacity
 * allow.
 *
 * Returns: the count, as a double (it may exceed every integer type)
 */
gdouble
aa_limits_search_candidates(const AaProblem *problem, guint *worst_vm)
{
	const AaCapacity *cap = &problem->capacity;
	gint64 q = MAX(problem->memory_quantum_mib, 1u);
	gdouble total = 0.0;
	gdouble worst = -1.0;

	for (guint i = 0; i < problem->models->len; i++) {
		const AaVmModel *model = g_ptr_array_index(problem->models, i);
		const AaLimit *limits = model->vm->limits;
		gdouble cpu = aa_limits_range(&limits[AA_DIM_P_CORES], cap->p_cores, 1, FALSE) +
		              aa_limits_range(&limits[AA_DIM_E_CORES], cap->e_cores, 1, FALSE);
		gdouble mem = aa_limits_range(&limits[AA_DIM_MEMORY_MIB], cap->memory_mib, q, TRUE);
		gdouble gpu = aa_limits_range(&limits[AA_DIM_GPU_SLICES],
		                              cap->gpu_vfs > 0 ? cap->gpu_slices : 0, 1, FALSE);
		gdouble n = cpu * mem * MAX(gpu, 1.0);
		total += n;
		if (n > worst) {
			worst = n;
			if (worst_vm != NULL)
				*worst_vm = i;
		}
	}
	return total;
}

/**
 * aa_limits_check_problem:
 * @problem: the VMs' models and the capacity
 * @intent_file: the intent, for the message
 * @error: (nullable): optional return location for an error
 *
 * Refuses a problem whose search would score more than
 * %AA_LIMIT_SEARCH_CANDIDATES allocations (a tiny memory quantum on a big
 * board, thousands of GPU slices), with the fix: a larger quantum, fewer
 * slices or narrower limits.
 *
 * Returns: %TRUE when the search's work is within the limit
 */
gboolean
aa_limits_check_problem(const AaProblem *problem, const gchar *intent_file, GError **error)
{
	guint worst = 0;
	gdouble n = aa_limits_search_candidates(problem, &worst);
	const AaVmModel *model;
	gdouble quantum;

	if (n <= AA_LIMIT_SEARCH_CANDIDATES)
		return TRUE;
	model = g_ptr_array_index(problem->models, worst);
	/* memory quanta dominate: the quantum that brings the count under the limit */
	quantum = ceil((gdouble)problem->memory_quantum_mib * n / AA_LIMIT_SEARCH_CANDIDATES);
	aa_error_set_at(error, AA_ERROR_INVALID_ARGUMENT, intent_file, 0,
	                "the search would score %.3g candidate allocations (the most for VM "
	                "'%s'), over the limit of %u: %" G_GINT64_FORMAT " MiB in quanta of %u "
	                "MiB, %" G_GINT64_FORMAT " GPU slices; raise <memory-quantum-mib> (to "
	                "about %.0f), lower <gpu-slices> or narrow the VMs' <limits>",
	                n, model->vm->name, AA_LIMIT_SEARCH_CANDIDATES,
	                problem->capacity.memory_mib, problem->memory_quantum_mib,
	                problem->capacity.gpu_slices, MIN(quantum, (gdouble)AA_LIMIT_MEMORY_MIB));
	return FALSE;
}
