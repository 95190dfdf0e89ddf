/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Times the proven-optimal search on synthetic but realistic intents of 2 to
 * 16 VMs on two boards.  Not a test: run it by hand,
 *   build/bench/aa-bench-search [runs]
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "aa-search-private.h"

/* one synthetic VM: profiled demand, targets and weights (MODEL.md) */
typedef struct {
	const gchar *klass;
	gboolean rt;
	gdouble r_prof[AA_RESOURCE_COUNT];
	gdouble q_prof;
	gdouble target;
	gboolean higher_is_better;
	gdouble weight;
	gdouble lambda;
	gdouble util_weight[AA_RESOURCE_COUNT];
} AaBenchVm;

typedef struct {
	const gchar *name;
	AaCapacity capacity;
} AaBenchBoard;

static gdouble
aa_bench_impact(const AaBenchVm *vm, AaResource k, gdouble x)
{
	gdouble prof = vm->r_prof[k];
	gdouble r_min = k == AA_RESOURCE_CPU ? 0.5 : (k == AA_RESOURCE_MEMORY ? prof / 4 : 0);
	gdouble alpha, c, d;
	if (prof <= 0)
		return 1.0;
	if (r_min >= prof)
		r_min = prof / 2;
	alpha = 0.9 / (prof - r_min);
	if (x < prof)
		return alpha * (x - r_min);
	c = 1 - alpha * (prof - r_min);
	d = -alpha / c;
	return 1 - c * exp(d * (x - prof));
}

static gdouble
aa_bench_score(const AaBenchVm *vm, const AaAlloc *r)
{
	gdouble x[AA_RESOURCE_COUNT] = {r->p_cores + 0.6 * r->e_cores, (gdouble)r->memory_mib,
					(gdouble)r->gpu_slices};
	gdouble f = 1.0;
	gdouble perf, util = 0.0;
	for (guint k = 0; k < AA_RESOURCE_COUNT; k++)
		f *= aa_bench_impact(vm, k, x[k]);
	if (vm->rt) {
		perf = r->p_cores >= vm->r_prof[AA_RESOURCE_CPU] ? vm->weight : 0.0;
	} else if (vm->higher_is_better) {
		perf = vm->weight * MIN(1.0, vm->q_prof * f / vm->target);
	} else {
		perf = vm->weight * MAX(0.0, 1.0 - vm->q_prof / f / vm->target);
	}
	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		if (vm->r_prof[k] > 0)
			util += vm->util_weight[k] * MIN(1.0, vm->r_prof[k] / x[k]);
	}
	return perf + vm->lambda * util;
}

static gboolean
aa_bench_feasible(const AaBenchVm *vm, const AaAlloc *r)
{
	gdouble x_cpu = r->p_cores + 0.6 * r->e_cores;
	gdouble prof_mem = vm->r_prof[AA_RESOURCE_MEMORY];
	if (vm->rt && (r->e_cores > 0 || r->p_cores < 1))
		return FALSE;
	if (x_cpu <= 0.5)
		return FALSE;
	if (prof_mem > 0 && r->memory_mib <= prof_mem / 4)
		return FALSE;
	if (vm->r_prof[AA_RESOURCE_GPU] > 0 && r->gpu_slices < 1)
		return FALSE;
	return TRUE;
}

/* a deterministic mix of classes with jittered demands */
static void
aa_bench_make_vms(GRand *rand, guint n, AaBenchVm *vms)
{
	for (guint i = 0; i < n; i++) {
		AaBenchVm *vm = &vms[i];
		guint kind = i % 5;
		gdouble j = g_rand_double_range(rand, 0.8, 1.25);
		*vm = (AaBenchVm){0};
		vm->weight = 1.0;
		vm->lambda = 0.05;
		vm->util_weight[AA_RESOURCE_CPU] = 0.5;
		vm->util_weight[AA_RESOURCE_MEMORY] = 0.3;
		vm->util_weight[AA_RESOURCE_GPU] = 0.2;
		vm->higher_is_better = TRUE;
		switch (kind) {
		case 0:
			vm->klass = "rtos";
			vm->rt = TRUE;
			vm->r_prof[AA_RESOURCE_CPU] = 1.0 + g_rand_int_range(rand, 0, 2);
			vm->r_prof[AA_RESOURCE_MEMORY] = 512 * j;
			break;
		case 1:
			vm->klass = "gaming";
			vm->r_prof[AA_RESOURCE_CPU] = 2.6 * j;
			vm->r_prof[AA_RESOURCE_MEMORY] = 5200 * j;
			vm->r_prof[AA_RESOURCE_GPU] = 2.4 * j;
			vm->q_prof = 72 * j;
			vm->target = 60;
			break;
		case 2:
			vm->klass = "ai-inference";
			vm->r_prof[AA_RESOURCE_CPU] = 2.1 * j;
			vm->r_prof[AA_RESOURCE_MEMORY] = 6100 * j;
			vm->r_prof[AA_RESOURCE_GPU] = 1.8 * j;
			vm->q_prof = 41 * j;
			vm->target = 30;
			break;
		case 3:
			vm->klass = "web";
			vm->r_prof[AA_RESOURCE_CPU] = 1.3 * j;
			vm->r_prof[AA_RESOURCE_MEMORY] = 2300 * j;
			vm->q_prof = 180 * j;
			vm->target = 250;
			vm->higher_is_better = FALSE;
			break;
		default:
			vm->klass = "general";
			vm->r_prof[AA_RESOURCE_CPU] = 1.7 * j;
			vm->r_prof[AA_RESOURCE_MEMORY] = 3100 * j;
			vm->q_prof = 95 * j;
			vm->target = 80;
			break;
		}
	}
}

static AaSearchResult *
aa_bench_solve(const AaBenchBoard *board, guint n, const AaBenchVm *vms)
{
	gint64 q = 128;
	const AaCapacity *cap = &board->capacity;
	g_autoptr(AaSearchTable) table = aa_search_table_new(cap, q, n);
	for (guint i = 0; i < n; i++) {
		for (gint64 p = 0; p <= cap->p_cores; p++) {
			for (gint64 e = 0; e <= cap->e_cores; e++) {
				if ((p > 0 && e > 0) || p + e < 1)
					continue;
				for (gint64 m = q; m <= cap->memory_mib; m += q) {
					for (gint64 g = 0; g <= cap->gpu_slices; g++) {
						AaAlloc r = {p, e, m, g};
						if (!aa_bench_feasible(&vms[i], &r))
							continue;
						aa_search_table_add(table, i, &r,
								    aa_bench_score(&vms[i], &r));
					}
				}
			}
		}
	}
	return aa_search_table_solve(table);
}

static gint
aa_bench_cmp_double(gconstpointer a, gconstpointer b)
{
	gdouble x = *(const gdouble *)a;
	gdouble y = *(const gdouble *)b;
	return x < y ? -1 : (x > y ? 1 : 0);
}

int
main(int argc, char **argv)
{
	const AaBenchBoard boards[] = {
	    /* adl-asrock: 8 P + 4 E, 32541 MiB, 7 VFs; minus 1 pCPU, 4096 + 256 MiB */
	    {"adl-asrock", {7, 4, 32541 - 4096 - 256, 10, 7}},
	    /* fixtures/valid-board-hybrid32.xml: 16 P + 16 E, 64 GiB, 16 VFs */
	    {"hybrid32", {15, 16, 65536 - 4096 - 256, 10, 16}},
	};
	const guint sizes[] = {2, 4, 8, 12, 16};
	guint runs = argc > 1 ? (guint)atoi(argv[1]) : 5;

	printf("%-11s %4s %12s %12s %12s %10s %10s\n", "board", "vms", "median_s", "nodes",
	       "pruned", "objective", "peak_rss");
	for (guint b = 0; b < G_N_ELEMENTS(boards); b++) {
		for (guint s = 0; s < G_N_ELEMENTS(sizes); s++) {
			guint n = sizes[s];
			g_autoptr(GRand) rand = g_rand_new_with_seed(42 + n);
			g_autofree AaBenchVm *vms = g_new0(AaBenchVm, n);
			g_autofree gdouble *secs = g_new0(gdouble, MAX(runs, 1));
			guint64 nodes = 0, pruned = 0;
			gdouble objective = 0;
			struct rusage ru = {0};

			aa_bench_make_vms(rand, n, vms);
			for (guint run = 0; run < MAX(runs, 1); run++) {
				gint64 t0 = g_get_monotonic_time();
				g_autoptr(AaSearchResult) res = aa_bench_solve(&boards[b], n, vms);
				secs[run] = (gdouble)(g_get_monotonic_time() - t0) / G_USEC_PER_SEC;
				nodes = res->nodes;
				pruned = res->pruned;
				objective = res->feasible ? res->objective : NAN;
			}
			qsort(secs, MAX(runs, 1), sizeof(gdouble), aa_bench_cmp_double);
			getrusage(RUSAGE_SELF, &ru);
			printf("%-11s %4u %12.4f %12" G_GUINT64_FORMAT " %12" G_GUINT64_FORMAT
			       " %10.4f %7ld KiB\n",
			       boards[b].name, n, secs[MAX(runs, 1) / 2], nodes, pruned, objective,
			       ru.ru_maxrss);
			fflush(stdout);
		}
	}
	return 0;
}
