/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Times the proven-optimal search on generated realistic instances
 * (aa-bench-gen.h): families mixed, copies, classes and near, 4 to 32 VMs,
 * 128 and 64 MiB quanta, on adl-asrock and fixtures/valid-board-hybrid32.xml,
 * with the real QoS model.  Each instance runs in a child process, so the
 * peak RSS is that instance's.  Times are CPU seconds (median), as the
 * machine is shared: cpu_s the whole search with its candidate table,
 * table_s building that table alone (timed apart, after the search).  Not a
 * test: run it by hand,
 *   build-rel/bench/aa-bench-search [--runs N] [--family F] [--board B]
 *       [--vms N] [--quantum Q] [--seed S] [--time-limit S] [--lp DIR]
 * --lp DIR writes every instance as DIR/<board>-<family>-<vms>-<quantum>-<seed>.lp
 * for bench/aa-bench-milp.py instead of timing it.
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "aa-bench-gen.h"
#include "aa-search-private.h"

typedef struct {
	const gchar *name;
	gchar *filename;
	AaCapacity capacity;
} AaBenchBoard;

static gint
aa_bench_cmp_double(gconstpointer a, gconstpointer b)
{
	gdouble x = *(const gdouble *)a;
	gdouble y = *(const gdouble *)b;
	return x < y ? -1 : (x > y ? 1 : 0);
}

/* CPU time of this process: the machine is shared, wall time is not ours */
static gdouble
aa_bench_cpu_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (gdouble)ts.tv_sec + (gdouble)ts.tv_nsec * 1e-9;
}

/* the model every instance is scored by: --model */
static AaModelKind aa_bench_model = AA_MODEL_KIND_PAPER;

static void
aa_bench_one(AaBenchBoard *board, AaGenFamily family, guint n, guint quantum, guint seed,
             guint runs, gdouble time_limit)
{
	g_autoptr(AaGenInstance) inst =
	    aa_gen_instance_new(family, n, &board->capacity, quantum, seed);
	g_autofree gdouble *secs = g_new0(gdouble, runs);
	g_autofree gdouble *table_secs = g_new0(gdouble, runs);
	g_autoptr(AaSearchResult) last = NULL;

	aa_gen_instance_use_model(inst, aa_bench_model);
	inst->problem.time_limit = time_limit;
	for (guint run = 0; run < runs; run++) {
		gdouble t0 = aa_bench_cpu_seconds();
		g_autoptr(GError) error = NULL;
		AaSearchResult *res = aa_search_run(&inst->problem, AA_STRATEGY_OPTIMAL, &error);
		secs[run] = aa_bench_cpu_seconds() - t0;
		if (res == NULL)
			g_error("%s", error->message);
		/* the table alone, as the search builds it: what a MILP solver
		 * given the LP file does not count */
		t0 = aa_bench_cpu_seconds();
		aa_search_table_free(aa_search_table_new_for_problem(&inst->problem));
		table_secs[run] = aa_bench_cpu_seconds() - t0;
		g_clear_pointer(&last, aa_search_result_free);
		last = res;
	}
	qsort(secs, runs, sizeof(gdouble), aa_bench_cmp_double);
	qsort(table_secs, runs, sizeof(gdouble), aa_bench_cmp_double);
	printf("%-10s %-7s %3u %4u %4u %9.4f %10" G_GUINT64_FORMAT " %12" G_GUINT64_FORMAT
	       " %14.9f %-8s %9.2g %9.4f",
	       board->name, aa_gen_family_name(family), n, quantum, seed, secs[runs / 2],
	       last->nodes, last->pruned, last->feasible ? last->objective : NAN,
	       last->optimal ? "proven" : (last->feasible ? "limit" : "-"),
	       last->feasible ? last->gap : NAN, table_secs[runs / 2]);
	if (!last->feasible && last->reason != NULL)
		fprintf(stderr, "%s: %s\n", inst->label, last->reason);
	fflush(stdout);
}

int
main(int argc, char **argv)
{
	const gchar *data = g_getenv("AA_ACRN_DATA");
	AaBenchBoard boards[] = {
	    {"adl-asrock", NULL, {0}},
	    {"hybrid32", NULL, {0}},
	};
	/* 31 and 11 pCPUs after the Service VM's: at most 30 and 10 VMs */
	const guint all_sizes[] = {4, 6, 8, 10, 12, 16, 24, 30};
	const guint all_quanta[] = {128, 64};
	gint runs = 3;
	gint only_vms = 0;
	gint only_quantum = 0;
	gint seed = 1;
	gdouble time_limit = 0.0;
	g_autofree gchar *only_family = NULL;
	g_autofree gchar *only_board = NULL;
	g_autofree gchar *lp_dir = NULL;
	g_autofree gchar *model = NULL;
	GOptionEntry entries[] = {
	    {"model", 0, 0, G_OPTION_ARG_STRING, &model, "paper (default) or robust", "MODEL"},
	    {"runs", 0, 0, G_OPTION_ARG_INT, &runs, "runs per instance (median)", "N"},
	    {"family", 0, 0, G_OPTION_ARG_STRING, &only_family, "mixed, copies, classes or near",
	     "F"},
	    {"board", 0, 0, G_OPTION_ARG_STRING, &only_board, "adl-asrock or hybrid32", "B"},
	    {"vms", 0, 0, G_OPTION_ARG_INT, &only_vms, "only this many VMs", "N"},
	    {"quantum", 0, 0, G_OPTION_ARG_INT, &only_quantum, "only this memory quantum", "Q"},
	    {"seed", 0, 0, G_OPTION_ARG_INT, &seed, "jitter seed", "S"},
	    {"time-limit", 0, 0, G_OPTION_ARG_DOUBLE, &time_limit, "search time limit", "S"},
	    {"lp", 0, 0, G_OPTION_ARG_FILENAME, &lp_dir, "write LP files instead", "DIR"},
	    {NULL},
	};
	g_autoptr(GOptionContext) octx = g_option_context_new("- time the exact search");
	g_autoptr(GError) error = NULL;

	g_option_context_add_main_entries(octx, entries, NULL);
	if (!g_option_context_parse(octx, &argc, &argv, &error)) {
		g_printerr("%s\n", error->message);
		return 2;
	}
	runs = MAX(runs, 1);
	if (model != NULL && !aa_model_kind_from_string(model, &aa_bench_model)) {
		g_printerr("unknown model '%s'; use paper or robust\n", model);
		return 2;
	}
	boards[0].filename =
	    g_build_filename(data != NULL ? data : AA_SOURCE_ROOT "/../shared/acrn-data",
	                     "adl-asrock", "adl-asrock.xml", NULL);
	boards[1].filename =
	    g_build_filename(AA_SOURCE_ROOT, "fixtures", "valid-board-hybrid32.xml", NULL);
	for (guint b = 0; b < G_N_ELEMENTS(boards); b++) {
		if (!aa_gen_board_capacity(boards[b].filename, &boards[b].capacity, &error)) {
			g_printerr("%s\n", error->message);
			return 1;
		}
		if (lp_dir != NULL)
			continue;
		printf("# %s: capacity P %" G_GINT64_FORMAT ", E %" G_GINT64_FORMAT
		       ", %" G_GINT64_FORMAT " MiB, %" G_GINT64_FORMAT " slices, %" G_GINT64_FORMAT
		       " VFs\n",
		       boards[b].name, boards[b].capacity.p_cores, boards[b].capacity.e_cores,
		       boards[b].capacity.memory_mib, boards[b].capacity.gpu_slices,
		       boards[b].capacity.gpu_vfs);
	}
	if (lp_dir == NULL)
		printf("%-10s %-7s %3s %4s %4s %9s %10s %12s %14s %-8s %9s %9s %8s\n", "board",
		       "family", "vms", "q", "seed", "cpu_s", "nodes", "pruned", "objective",
		       "optimal", "gap", "table_s", "rss_kib");
	fflush(stdout);
	for (guint b = 0; b < G_N_ELEMENTS(boards); b++) {
		if (only_board != NULL && g_strcmp0(only_board, boards[b].name) != 0)
			continue;
		for (guint f = 0; f < AA_GEN_COUNT; f++) {
			if (only_family != NULL &&
			    g_strcmp0(only_family, aa_gen_family_name(f)) != 0)
				continue;
			for (guint s = 0; s < G_N_ELEMENTS(all_sizes); s++) {
				guint n = all_sizes[s];
				if (only_vms > 0 && (guint)only_vms != n)
					continue;
				if (only_vms == 0 &&
				    ((b == 0 && n > 10) || (b == 1 && (n == 6 || n == 10))))
					continue;
				for (guint qi = 0; qi < G_N_ELEMENTS(all_quanta); qi++) {
					guint q = all_quanta[qi];
					pid_t pid;
					gint status = 0;
					struct rusage ru = {0};
					if (only_quantum > 0 && (guint)only_quantum != q)
						continue;
					if (lp_dir != NULL) {
						g_autoptr(AaGenInstance) inst = aa_gen_instance_new(
						    f, n, &boards[b].capacity, q, (guint)seed);
						g_autofree gchar *base = g_strdup_printf(
						    "%s-%s-%u-%u-%d.lp", boards[b].name,
						    aa_gen_family_name(f), n, q, seed);
						g_autofree gchar *path =
						    g_build_filename(lp_dir, base, NULL);
						aa_gen_instance_use_model(inst, aa_bench_model);
						if (!aa_gen_write_lp(inst, path, &error)) {
							g_printerr("%s\n", error->message);
							return 1;
						}
						printf("%s\n", path);
						continue;
					}
					pid = fork();
					if (pid == 0) {
						aa_bench_one(&boards[b], f, n, q, (guint)seed,
						             (guint)runs, time_limit);
						_exit(0);
					}
					if (pid < 0 || wait4(pid, &status, 0, &ru) < 0)
						return 1;
					if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
						printf(" (child failed)");
					printf(" %8ld\n", ru.ru_maxrss);
					fflush(stdout);
				}
			}
		}
	}
	for (guint b = 0; b < G_N_ELEMENTS(boards); b++)
		g_free(boards[b].filename);
	return 0;
}
