/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Times the proven-optimal search on synthetic but realistic intents of 2 to
 * 16 VMs (rtos, gaming, ai-inference, web, general in turn; seeded jitter) on
 * adl-asrock and on fixtures/valid-board-hybrid32.xml, with the real QoS
 * model.  Not a test: run it by hand,
 *   build/bench/aa-bench-search [runs]
 * Peak RSS is the process's so far (getrusage), so it only grows down the table.
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "aa-placement.h"
#include "aa-search.h"

/* one synthetic VM, as the intent and profile readers would fill it */
typedef struct {
	AaIntentVm vm;
	AaProfile profile;
	AaVmModel *model;
} AaBenchVm;

typedef struct {
	const gchar *name;
	gchar *filename;
	AaBoard *board;
	AaCapacity capacity;
} AaBenchBoard;

static void
aa_bench_vm_clear(AaBenchVm *b)
{
	aa_vm_model_free(b->model);
	g_ptr_array_unref(b->vm.qos);
	g_free(b->vm.name);
	g_array_unref(b->profile.samples);
	g_hash_table_unref(b->profile.qos);
}

static void
aa_bench_qos(AaBenchVm *b, const gchar *metric, gboolean higher, gdouble target, gdouble weight,
             gdouble profiled)
{
	AaQosTarget *qos = g_new0(AaQosTarget, 1);
	qos->metric = g_strdup(metric);
	qos->higher_is_better = higher;
	qos->target = target;
	qos->weight = weight;
	g_ptr_array_add(b->vm.qos, qos);
	g_hash_table_insert(b->profile.qos, g_strdup(metric),
	                    g_memdup2(&profiled, sizeof(profiled)));
}

/* a trace of 20 samples around the demand; p95 picks the 19th */
static void
aa_bench_trace(GRand *rand, AaBenchVm *b, gdouble cpu, gdouble mem, gdouble gpu_slices)
{
	for (guint t = 0; t < 20; t++) {
		gdouble jitter = g_rand_double_range(rand, 0.7, 1.0);
		AaProfileSample s = {.time_s = t,
		                     .cpu_p_busy = cpu * jitter,
		                     .cpu_e_busy = 0.0,
		                     .mem_used_mib = NAN,
		                     .mem_rss_mib = mem * jitter,
		                     .wss_mib = NAN,
		                     .swap_used_mib = NAN,
		                     .major_faults_per_s = NAN,
		                     .gpu_busy_pct = gpu_slices * 25.0 * jitter,
		                     .vram_mib = NAN};
		g_array_append_val(b->profile.samples, s);
	}
	/* profiled with 4 slices */
	b->profile.has_allocation = TRUE;
	b->profile.alloc_gpu_slices = 4;
	b->profile.has_gpu = gpu_slices > 0;
}

/* a deterministic mix of classes with jittered demands and targets */
static void
aa_bench_make_vms(GRand *rand, guint n, AaBenchVm *vms)
{
	for (guint i = 0; i < n; i++) {
		AaBenchVm *b = &vms[i];
		gdouble j = g_rand_double_range(rand, 0.8, 1.25);
		g_autoptr(GError) error = NULL;

		b->vm.name = g_strdup_printf("VM%u", i + 1);
		b->vm.qos = g_ptr_array_new_with_free_func((GDestroyNotify)aa_qos_target_free);
		b->vm.profile = &b->profile;
		b->vm.lambda = 0.05;
		for (guint k = 0; k < AA_RESOURCE_COUNT; k++)
			b->vm.has_util_weight[k] = TRUE;
		b->vm.util_weight[AA_RESOURCE_CPU] = 0.5;
		b->vm.util_weight[AA_RESOURCE_MEMORY] = 0.3;
		b->vm.util_weight[AA_RESOURCE_GPU] = 0.2;
		b->profile.samples = g_array_new(FALSE, TRUE, sizeof(AaProfileSample));
		b->profile.qos = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
		switch (i % 5) {
		case 0:
			b->vm.klass = AA_VM_CLASS_RTOS;
			aa_bench_trace(rand, b, 1.0 + g_rand_int_range(rand, 0, 2), 512 * j, 0);
			aa_bench_qos(b, "deadline-miss-ratio", FALSE, 0.0, 1.0, 0.0);
			break;
		case 1:
			b->vm.klass = AA_VM_CLASS_GAMING;
			aa_bench_trace(rand, b, 2.6 * j, 5200 * j, 2.4 * j);
			aa_bench_qos(b, "fps", TRUE, 60, 0.8, 72 * j);
			aa_bench_qos(b, "frame-time-p95-ms", FALSE, 25, 0.2, 14 * j);
			break;
		case 2:
			b->vm.klass = AA_VM_CLASS_AI_INFERENCE;
			aa_bench_trace(rand, b, 2.1 * j, 6100 * j, 1.8 * j);
			aa_bench_qos(b, "throughput", TRUE, 30, 0.7, 41 * j);
			aa_bench_qos(b, "latency-ms", FALSE, 60, 0.3, 22 * j);
			break;
		case 3:
			b->vm.klass = AA_VM_CLASS_WEB;
			aa_bench_trace(rand, b, 1.3 * j, 2300 * j, 0);
			aa_bench_qos(b, "latency-ms", FALSE, 250, 1.0, 180 * j);
			break;
		default:
			b->vm.klass = AA_VM_CLASS_GENERAL;
			aa_bench_trace(rand, b, 1.7 * j, 3100 * j, 0);
			aa_bench_qos(b, "score", TRUE, 80, 1.0, 95 * j);
			break;
		}
		b->model = aa_vm_model_new(&b->vm, FALSE, &error);
		if (b->model == NULL)
			g_error("bench VM %u: %s", i, error->message);
	}
}

/* capacity after the default reserves: 1 pCPU, 4096 + 256 MiB */
static gboolean
aa_bench_load_board(AaBenchBoard *bb, GError **error)
{
	const AaPciDevice *pf;
	g_autoptr(GArray) service = NULL;

	bb->board = aa_board_new();
	if (!aa_board_load(bb->board, bb->filename, error))
		return FALSE;
	service = aa_placement_service_pcpus(bb->board, 1);
	pf = aa_board_get_gpu_pf(bb->board);
	bb->capacity.p_cores = aa_board_count_kind(bb->board, AA_CORE_KIND_P) - service->len;
	bb->capacity.e_cores = aa_board_count_kind(bb->board, AA_CORE_KIND_E);
	bb->capacity.memory_mib = (gint64)bb->board->memory_mib - 4096 - 256;
	bb->capacity.gpu_slices = 10;
	bb->capacity.gpu_vfs = pf != NULL ? pf->total_vfs : 0;
	return TRUE;
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
	const gchar *data = g_getenv("AA_ACRN_DATA");
	AaBenchBoard boards[] = {
	    {"adl-asrock", NULL, NULL, {0}},
	    {"hybrid32", NULL, NULL, {0}},
	};
	const guint sizes[] = {2, 4, 8, 12, 16};
	guint runs = argc > 1 ? (guint)MAX(atoi(argv[1]), 1) : 5;

	boards[0].filename =
	    g_build_filename(data != NULL ? data : AA_SOURCE_ROOT "/../shared/acrn-data",
	                     "adl-asrock", "adl-asrock.xml", NULL);
	boards[1].filename =
	    g_build_filename(AA_SOURCE_ROOT, "fixtures", "valid-board-hybrid32.xml", NULL);
	for (guint b = 0; b < G_N_ELEMENTS(boards); b++) {
		g_autoptr(GError) error = NULL;
		if (!aa_bench_load_board(&boards[b], &error)) {
			g_printerr("%s\n", error->message);
			return 1;
		}
		printf("%s: capacity P %" G_GINT64_FORMAT ", E %" G_GINT64_FORMAT
		       ", %" G_GINT64_FORMAT " MiB, %" G_GINT64_FORMAT " slices, %" G_GINT64_FORMAT
		       " VFs\n",
		       boards[b].name, boards[b].capacity.p_cores, boards[b].capacity.e_cores,
		       boards[b].capacity.memory_mib, boards[b].capacity.gpu_slices,
		       boards[b].capacity.gpu_vfs);
	}
	printf("%-11s %4s %10s %10s %12s %10s %9s %12s  %s\n", "board", "vms", "median_s", "nodes",
	       "pruned", "objective", "optimal", "peak_rss_kib", "result");
	for (guint b = 0; b < G_N_ELEMENTS(boards); b++) {
		for (guint s = 0; s < G_N_ELEMENTS(sizes); s++) {
			guint n = sizes[s];
			g_autoptr(GRand) rand = g_rand_new_with_seed(42 + n);
			g_autofree AaBenchVm *vms = g_new0(AaBenchVm, n);
			g_autofree gdouble *secs = g_new0(gdouble, runs);
			g_autoptr(GPtrArray) models = g_ptr_array_new();
			g_autoptr(AaSearchResult) last = NULL;
			AaProblem problem = {models, boards[b].capacity, 128, 1.0};
			struct rusage ru = {0};

			aa_bench_make_vms(rand, n, vms);
			for (guint i = 0; i < n; i++)
				g_ptr_array_add(models, vms[i].model);
			for (guint run = 0; run < runs; run++) {
				gint64 t0 = g_get_monotonic_time();
				g_autoptr(GError) error = NULL;
				AaSearchResult *res =
				    aa_search_run(&problem, AA_STRATEGY_OPTIMAL, &error);
				secs[run] = (gdouble)(g_get_monotonic_time() - t0) / G_USEC_PER_SEC;
				if (res == NULL)
					g_error("%s", error->message);
				g_clear_pointer(&last, aa_search_result_free);
				last = res;
			}
			if (last == NULL)
				return 1;
			qsort(secs, runs, sizeof(gdouble), aa_bench_cmp_double);
			getrusage(RUSAGE_SELF, &ru);
			printf("%-11s %4u %10.4f %10" G_GUINT64_FORMAT " %12" G_GUINT64_FORMAT
			       " %10.4f %9s %12ld  %s\n",
			       boards[b].name, n, secs[runs / 2], last->nodes, last->pruned,
			       last->feasible ? last->objective : NAN,
			       last->optimal ? "proven" : "-", ru.ru_maxrss,
			       last->feasible ? "feasible" : last->reason);
			fflush(stdout);
			for (guint i = 0; i < n; i++)
				aa_bench_vm_clear(&vms[i]);
		}
	}
	for (guint b = 0; b < G_N_ELEMENTS(boards); b++) {
		aa_board_free(boards[b].board);
		g_free(boards[b].filename);
	}
	return 0;
}
