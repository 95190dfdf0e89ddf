/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The search front-end: solves an AaProblem on its candidate table
 * (aa-search-table.c), explains infeasible problems, and computes the equal
 * and proportional baselines of MODEL.md.
 */

#include "config.h"

#include <math.h>

#include "aa-error.h"
#include "aa-explain.h"
#include "aa-search-private.h"

/* shares that are integers in exact arithmetic must not floor one below */
#define AA_SEARCH_SHARE_EPSILON 1e-9

const gchar *
aa_strategy_to_string(AaStrategy strategy)
{
	if (strategy == AA_STRATEGY_OPTIMAL)
		return "optimal";
	if (strategy == AA_STRATEGY_EQUAL)
		return "equal";
	if (strategy == AA_STRATEGY_PROPORTIONAL)
		return "proportional";
	return NULL;
}

gboolean
aa_strategy_from_string(const gchar *text, AaStrategy *strategy)
{
	for (AaStrategy s = AA_STRATEGY_OPTIMAL; s <= AA_STRATEGY_PROPORTIONAL; s++) {
		if (g_strcmp0(text, aa_strategy_to_string(s)) == 0) {
			*strategy = s;
			return TRUE;
		}
	}
	return FALSE;
}

static AaVmModel *
aa_search_model(const AaProblem *problem, guint i)
{
	return g_ptr_array_index(problem->models, i);
}

static const gchar *
aa_search_vm_noun(AaVmModel *model)
{
	return model->rt ? "RT VM" : "VM";
}

static gchar *
aa_search_amount(gint64 value, AaUse use)
{
	/* AA_USE_COUNT: all pCPUs */
	const gchar *units[AA_USE_COUNT + 1] = {"P-core",    "E-core", NULL,
	                                        "GPU slice", "GPU VF", "pCPU"};
	if (use == AA_USE_MEMORY_QUANTA)
		return g_strdup_printf("%" G_GINT64_FORMAT " MiB", value);
	return g_strdup_printf("%" G_GINT64_FORMAT " %s%s", value, units[MIN(use, AA_USE_COUNT)],
	                       value == 1 ? "" : "s");
}

/* why a VM's minimum of a resource is what it is */
static const gchar *
aa_search_min_cause(AaVmModel *model, AaUse use, gint64 min_value, gint64 quantum)
{
	const AaLimit *limits = model->vm->limits;
	switch (use) {
	case AA_USE_P_CORES:
		if (limits[AA_DIM_P_CORES].has_min && limits[AA_DIM_P_CORES].min >= min_value)
			return "limits";
		if (model->rt)
			return "RT VMs run on P-cores only";
		return "profile demand above r_min";
	case AA_USE_E_CORES:
		if (limits[AA_DIM_E_CORES].has_min && limits[AA_DIM_E_CORES].min >= min_value)
			return "limits";
		return "profile demand above r_min";
	case AA_USE_MEMORY_QUANTA:
		if (limits[AA_DIM_MEMORY_MIB].has_min &&
		    limits[AA_DIM_MEMORY_MIB].min > (min_value - 1) * quantum)
			return "limits";
		if (min_value == 1)
			return "one memory quantum";
		return "profile demand above r_min";
	case AA_USE_GPU_SLICES:
	case AA_USE_GPU_VFS:
		if (limits[AA_DIM_GPU_SLICES].has_min && limits[AA_DIM_GPU_SLICES].min >= 1)
			return "limits";
		return "profile demand above r_min";
	default:
		if ((limits[AA_DIM_P_CORES].has_min && limits[AA_DIM_P_CORES].min >= min_value) ||
		    (limits[AA_DIM_E_CORES].has_min && limits[AA_DIM_E_CORES].min >= min_value))
			return "limits";
		if (min_value == 1)
			return "every VM needs a pCPU";
		return "profile demand above r_min";
	}
}

/**
 * aa_search_explain_infeasible:
 * @problem: the problem
 * @table: its candidate table
 *
 * Names the binding constraint of a problem without a feasible allocation:
 * a VM with no candidate at all, else the first resource whose sum of per-VM
 * minimal demands exceeds the capacity, with the VM that needs the most of
 * it, else the combination as a whole.
 *
 * Returns: (transfer full): a sentence
 */
gchar *
aa_search_explain_infeasible(const AaProblem *problem, AaSearchTable *table)
{
	guint n = problem->models->len;
	gint64 q = problem->memory_quantum_mib;
	/* P, E, memory, GPU slices, VFs, then all pCPUs */
	const AaUse order[] = {AA_USE_P_CORES,       AA_USE_E_CORES,    AA_USE_COUNT,
	                       AA_USE_MEMORY_QUANTA, AA_USE_GPU_SLICES, AA_USE_GPU_VFS};
	g_autoptr(GString) names = g_string_new(NULL);

	for (guint i = 0; i < n; i++) {
		AaVmModel *model = aa_search_model(problem, i);
		if (aa_search_table_count(table, i) == 0) {
			gchar *explained = aa_explain_vm_without_candidate(problem, model);
			if (explained != NULL)
				return explained;
			{
				const AaCapacity *c = &problem->capacity;
				g_autofree gchar *why = aa_feasibility_explain_empty(
				    &model->feasibility, c->p_cores, c->e_cores, c->memory_mib,
				    c->gpu_slices, c->gpu_vfs, q);
				if (why != NULL)
					return g_strdup_printf(
					    "%s %s has no feasible allocation: %s",
					    aa_search_vm_noun(model), model->vm->name, why);
			}
			return g_strdup_printf(
			    "%s %s has no allocation in its feasible set (limits, P/E rule, "
			    "demand above r_min) within the capacity of %" G_GINT64_FORMAT
			    " P-cores, %" G_GINT64_FORMAT " E-cores, %" G_GINT64_FORMAT
			    " MiB, %" G_GINT64_FORMAT " GPU slices and %" G_GINT64_FORMAT
			    " VFs left after the Service VM reserve",
			    aa_search_vm_noun(model), model->vm->name, problem->capacity.p_cores,
			    problem->capacity.e_cores, problem->capacity.memory_mib,
			    problem->capacity.gpu_slices, problem->capacity.gpu_vfs);
		}
	}

	for (guint o = 0; o < G_N_ELEMENTS(order); o++) {
		AaUse use = order[o];
		gint64 cap;
		gint64 total = 0;
		gint64 worst_min = 0;
		guint worst = 0;
		g_autofree gchar *need = NULL;
		g_autofree gchar *left = NULL;
		g_autofree gchar *has = NULL;
		g_autofree gchar *hard = NULL;
		AaVmModel *model;

		if (use == AA_USE_COUNT) {
			cap = aa_search_table_capacity(table, AA_USE_P_CORES) +
			      aa_search_table_capacity(table, AA_USE_E_CORES);
		} else {
			cap = aa_search_table_capacity(table, use);
		}
		for (guint i = 0; i < n; i++) {
			gint64 min;
			if (use == AA_USE_COUNT) {
				min = aa_search_table_min_pcpus(table, i);
			} else {
				min = aa_search_table_min_use(table, i, use);
			}
			total += min;
			if (min > worst_min) {
				worst_min = min;
				worst = i;
			}
		}
		if (total <= cap)
			continue;
		model = aa_search_model(problem, worst);
		/* a hard rule of aa-feasibility.c (working set, task set) first */
		hard = aa_feasibility_min_cause(&model->feasibility,
		                                use == AA_USE_P_CORES         ? AA_DIM_P_CORES
		                                : use == AA_USE_MEMORY_QUANTA ? AA_DIM_MEMORY_MIB
		                                                              : AA_DIM_COUNT,
		                                worst_min, q);
		has = aa_search_amount(cap - (total - worst_min) < 0
		                           ? 0
		                           : (use == AA_USE_MEMORY_QUANTA
		                                  ? (cap - (total - worst_min)) * q
		                                  : cap - (total - worst_min)),
		                       use);
		need =
		    aa_search_amount(use == AA_USE_MEMORY_QUANTA ? worst_min * q : worst_min, use);
		left = g_strdup_printf(
		    "%s %s left", has,
		    cap - (total - worst_min) == 1 && use != AA_USE_MEMORY_QUANTA ? "is" : "are");
		for (guint i = 0; i < n; i++) {
			AaVmModel *other = aa_search_model(problem, i);
			if (i == worst)
				continue;
			if (names->len > 0)
				g_string_append(names, ", ");
			g_string_append(names, other->vm->name);
		}
		return g_strdup_printf(
		    "%s %s needs >= %s (%s) but only %s after the Service VM reserve and the "
		    "other VMs' minimums%s%s%s",
		    aa_search_vm_noun(model), model->vm->name, need,
		    hard != NULL ? hard : aa_search_min_cause(model, use, worst_min, q), left,
		    names->len > 0 ? " (" : "", names->str, names->len > 0 ? ")" : "");
	}

	for (guint i = 0; i < n; i++) {
		AaVmModel *model = aa_search_model(problem, i);
		if (names->len > 0)
			g_string_append(names, ", ");
		g_string_append(names, model->vm->name);
	}
	return g_strdup_printf("no combination of the feasible allocations of VMs %s fits the "
	                       "capacity together (%" G_GINT64_FORMAT " P-cores, %" G_GINT64_FORMAT
	                       " E-cores, %" G_GINT64_FORMAT " MiB, %" G_GINT64_FORMAT
	                       " GPU slices, %" G_GINT64_FORMAT " VFs)",
	                       names->str, problem->capacity.p_cores, problem->capacity.e_cores,
	                       problem->capacity.memory_mib, problem->capacity.gpu_slices,
	                       problem->capacity.gpu_vfs);
}

static AaSearchResult *
aa_search_optimal(const AaProblem *problem)
{
	gint64 t0 = g_get_monotonic_time();
	g_autoptr(AaSearchTable) table = aa_search_table_new_for_problem(problem);
	AaSearchResult *result = NULL;
	gdouble limit = problem->time_limit;

	/* the table took part of the time */
	if (limit > 0)
		limit = MAX(limit - (gdouble)(g_get_monotonic_time() - t0) / G_USEC_PER_SEC, 1e-3);
	aa_search_table_set_limit(table, limit, problem->progress);
	result = aa_search_table_solve(table);
	if (!result->feasible && result->timed_out) {
		result->reason = g_strdup_printf(
		    "the time limit of %g s stopped the search before it found any allocation "
		    "that fits (the problem may still be feasible); raise --time-limit",
		    problem->time_limit);
	} else if (!result->feasible) {
		/* explained on the whole table, as the tightened one may lack
		 * what the explanation names */
		g_autoptr(AaSearchTable) whole = aa_search_table_new_whole(problem);
		aa_search_table_finish(whole);
		result->reason = aa_search_explain_infeasible(problem, whole);
	}
	/* the time includes building the candidate table */
	result->seconds = (gdouble)(g_get_monotonic_time() - t0) / G_USEC_PER_SEC;
	return result;
}

static gint64
aa_search_floor_share(gdouble share)
{
	return (gint64)floor(share + AA_SEARCH_SHARE_EPSILON);
}

/* equal or proportional share of @total for VM @i over the VMs in @members */
static gdouble
aa_search_share(const AaProblem *problem, AaStrategy strategy, AaResource k, gdouble total,
                const gboolean *members, guint i)
{
	guint count = 0;
	gdouble sum = 0.0;
	if (!members[i])
		return 0.0;
	for (guint j = 0; j < problem->models->len; j++) {
		if (!members[j])
			continue;
		count++;
		sum += aa_search_model(problem, j)->r_prof[k];
	}
	/* proportional without any profiled demand falls back to equal */
	if (strategy == AA_STRATEGY_PROPORTIONAL && sum > 0.0)
		return total * aa_search_model(problem, i)->r_prof[k] / sum;
	return total / count;
}

/* MODEL.md, Baselines: clamp a share to the limits and F_i (aa-feasibility.c) */
static void
aa_search_clamp(AaVmModel *model, gint64 q, AaAlloc *r)
{
	aa_feasibility_clamp(&model->feasibility, q, r);
}

static AaSearchResult *
aa_search_baseline(const AaProblem *problem, AaStrategy strategy)
{
	guint n = problem->models->len;
	const AaCapacity *cap = &problem->capacity;
	gint64 q = problem->memory_quantum_mib;
	gint64 t0 = g_get_monotonic_time();
	gint64 p_left = cap->p_cores;
	gint64 e_left = cap->e_cores;
	gint64 used[AA_USE_COUNT] = {0};
	gint64 caps[AA_USE_COUNT] = {cap->p_cores, cap->e_cores, cap->memory_mib, cap->gpu_slices,
	                             cap->gpu_vfs};
	const gchar *use_names[AA_USE_COUNT] = {"P-cores", "E-cores", "memory (MiB)", "GPU slices",
	                                        "GPU VFs"};
	g_autofree gboolean *all = g_new(gboolean, MAX(n, 1));
	g_autofree gboolean *gpu = g_new(gboolean, MAX(n, 1));
	g_autoptr(GString) reason = g_string_new(NULL);
	AaSearchResult *result = g_new0(AaSearchResult, 1);

	result->strategy = strategy;
	result->allocs = g_array_sized_new(FALSE, TRUE, sizeof(AaAlloc), n);
	g_array_set_size(result->allocs, n);
	for (guint i = 0; i < n; i++) {
		all[i] = TRUE;
		gpu[i] = aa_vm_model_wants_gpu(aa_search_model(problem, i));
	}

	/* CPU: rtos first, then the rest, each in intent order */
	for (guint pass = 0; pass < 2; pass++) {
		for (guint i = 0; i < n; i++) {
			AaVmModel *model = aa_search_model(problem, i);
			AaAlloc *r = &g_array_index(result->allocs, AaAlloc, i);
			gdouble share;
			gint64 want;
			if (model->rt != (pass == 0))
				continue;
			share = aa_search_share(problem, strategy, AA_RESOURCE_CPU,
			                        (gdouble)(cap->p_cores + cap->e_cores), all, i);
			want = MAX(1, aa_search_floor_share(share));
			if (model->rt) {
				r->p_cores = MIN(want, p_left);
				p_left -= r->p_cores;
			} else if (want <= p_left) {
				r->p_cores = want;
				p_left -= want;
			} else if (want <= e_left) {
				r->e_cores = want;
				e_left -= want;
			} else if (p_left >= e_left) {
				r->p_cores = p_left;
				p_left = 0;
			} else {
				r->e_cores = e_left;
				e_left = 0;
			}
		}
	}

	/* memory floored to the quantum, GPU floored, among GPU VMs only */
	for (guint i = 0; i < n; i++) {
		AaAlloc *r = &g_array_index(result->allocs, AaAlloc, i);
		gdouble m = aa_search_share(problem, strategy, AA_RESOURCE_MEMORY,
		                            (gdouble)cap->memory_mib, all, i);
		gdouble g = aa_search_share(problem, strategy, AA_RESOURCE_GPU,
		                            (gdouble)cap->gpu_slices, gpu, i);
		r->memory_mib = aa_search_floor_share(m / q) * q;
		r->gpu_slices = aa_search_floor_share(g);
	}

	/* clamp, then check F_i and the capacity */
	result->feasible = TRUE;
	result->objective = 0.0;
	for (guint i = 0; i < n; i++) {
		AaVmModel *model = aa_search_model(problem, i);
		AaAlloc *r = &g_array_index(result->allocs, AaAlloc, i);
		aa_search_clamp(model, q, r);
		result->objective += aa_vm_model_score(model, r, problem->lambda_scale);
		used[AA_USE_P_CORES] += r->p_cores;
		used[AA_USE_E_CORES] += r->e_cores;
		used[AA_USE_MEMORY_QUANTA] += r->memory_mib;
		used[AA_USE_GPU_SLICES] += r->gpu_slices;
		used[AA_USE_GPU_VFS] += r->gpu_slices > 0 ? 1 : 0;
		if (!aa_vm_model_feasible(model, r)) {
			result->feasible = FALSE;
			g_string_append_printf(reason,
			                       "%s%s %s is outside its feasible set "
			                       "after clamping",
			                       reason->len > 0 ? "; " : "",
			                       aa_search_vm_noun(model), model->vm->name);
		}
	}
	for (guint k = 0; k < AA_USE_COUNT; k++) {
		if (used[k] <= caps[k])
			continue;
		result->feasible = FALSE;
		g_string_append_printf(reason,
		                       "%sclamping to limits and F_i needs %" G_GINT64_FORMAT
		                       " %s but only %" G_GINT64_FORMAT " are available",
		                       reason->len > 0 ? "; " : "", used[k], use_names[k], caps[k]);
	}
	if (!result->feasible)
		result->reason = g_strdup_printf("%s baseline: %s", aa_strategy_to_string(strategy),
		                                 reason->str);
	result->seconds = (gdouble)(g_get_monotonic_time() - t0) / G_USEC_PER_SEC;
	return result;
}

/**
 * aa_search_run:
 * @problem: the VMs' models and the capacity
 * @strategy: optimal search or a baseline
 * @error: a #GError, or %NULL
 *
 * An infeasible problem is not an error: the result says so and why.
 *
 * Returns: (transfer full): the result, or %NULL on invalid input
 */
AaSearchResult *
aa_search_run(const AaProblem *problem, AaStrategy strategy, GError **error)
{
	if (problem->memory_quantum_mib == 0) {
		g_set_error_literal(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		                    "the memory quantum must be positive");
		return NULL;
	}
	if (problem->models->len == 0) {
		g_set_error_literal(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		                    "the intent has no VM to allocate");
		return NULL;
	}
	if (strategy == AA_STRATEGY_OPTIMAL)
		return aa_search_optimal(problem);
	if (strategy == AA_STRATEGY_EQUAL || strategy == AA_STRATEGY_PROPORTIONAL)
		return aa_search_baseline(problem, strategy);
	g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT, "unknown strategy %d",
	            (gint)strategy);
	return NULL;
}
