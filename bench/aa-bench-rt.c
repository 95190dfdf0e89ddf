/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Times the compositional analysis of rt-analyze on random task sets of 32
 * periodic tasks on 8 vCPUs (issue #13 asks for under one second): utilisations
 * by UUniFast summing to U, periods log-uniform over 10..1000 ms in whole ms,
 * implicit deadlines, seeded.  Each run does what `rt-analyze --vcpus 8` does:
 * the smallest schedulable vCPU count, the "Ovh" partition on 8 vCPUs with
 * every vCPU's (Q, P) and global EDF on 8 vCPUs.  Not a test: run it by hand,
 *   build/bench/aa-bench-rt [runs]
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "aa-intent-private.h"
#include "aa-rtanalysis.h"

static GPtrArray *
aa_bench_rt_tasks(GRand *rand, guint n, gdouble total_u)
{
	GPtrArray *tasks = g_ptr_array_new_with_free_func((GDestroyNotify)aa_task_free);
	gdouble left = total_u;

	for (guint i = 0; i < n; i++) {
		AaTask *t = g_new0(AaTask, 1);
		gdouble u;
		/* UUniFast: the remaining utilisation shrinks by a Beta-like draw */
		if (i + 1 < n) {
			gdouble next = left * pow(g_rand_double(rand), 1.0 / (gdouble)(n - i - 1));
			u = left - next;
			left = next;
		} else {
			u = left;
		}
		u = MIN(u, 0.95);
		t->name = g_strdup_printf("t%u", i);
		t->period_us =
		    1000 * (guint64)round(
		               exp(log(10.0) + g_rand_double(rand) * (log(1000.0) - log(10.0))));
		t->wcet_us = MAX(1, (guint64)(u * (gdouble)t->period_us));
		t->deadline_us = t->period_us;
		g_ptr_array_add(tasks, t);
	}
	return tasks;
}

/* CPU seconds of this process: the machine may be shared */
static gdouble
aa_bench_rt_cpu(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (gdouble)ts.tv_sec + (gdouble)ts.tv_nsec / 1e9;
}

static gint
aa_bench_rt_cmp(gconstpointer a, gconstpointer b)
{
	gdouble x = *(const gdouble *)a;
	gdouble y = *(const gdouble *)b;
	return x < y ? -1 : (x > y ? 1 : 0);
}

int
main(int argc, char **argv)
{
	guint runs = argc > 1 ? (guint)g_ascii_strtoull(argv[1], NULL, 10) : 10;
	const gdouble loads[] = {2.0, 4.0, 5.6};
	const AaRtschedPolicy policies[] = {AA_RTSCHED_RM, AA_RTSCHED_EDF};

	if (runs == 0)
		runs = 10;
	printf("%-4s %5s %6s %12s %10s %6s %8s %9s\n", "pol", "U", "runs", "median cpu s",
	       "max cpu s", "min N", "part bw", "global bw");
	for (guint pi = 0; pi < G_N_ELEMENTS(policies); pi++) {
		for (guint li = 0; li < G_N_ELEMENTS(loads); li++) {
			g_autoptr(GRand) rand = g_rand_new_with_seed(20260 + li);
			g_autofree gdouble *secs = g_new0(gdouble, runs);
			gdouble bw = 0.0;
			gdouble gbw = 0.0;
			guint min_n = 0;
			guint n_global = 0;

			for (guint r = 0; r < runs; r++) {
				g_autoptr(GPtrArray) tasks = aa_bench_rt_tasks(rand, 32, loads[li]);
				gdouble start = aa_bench_rt_cpu();
				g_autoptr(AaRtPartition) part = NULL;
				AaRtGlobal global = {0};

				min_n = MAX(min_n, aa_rtanalysis_min_vcpus(tasks, policies[pi]));
				part = aa_rtanalysis_partition(tasks, 8, policies[pi]);
				aa_rtanalysis_global_best(tasks, 8, AA_RTANALYSIS_GLOBAL_PERIOD_US,
				                          &global);
				secs[r] = aa_bench_rt_cpu() - start;
				bw += aa_rtanalysis_partition_bandwidth(part) / runs;
				if (global.schedulable) {
					gbw +=
					    (gdouble)global.budget_us / (gdouble)global.period_us;
					n_global++;
				}
			}
			qsort(secs, runs, sizeof(gdouble), aa_bench_rt_cmp);
			printf("%-4s %5.1f %6u %12.4f %10.4f %6u %8.3f %9.3f\n",
			       policies[pi] == AA_RTSCHED_RM ? "rm" : "edf", loads[li], runs,
			       secs[runs / 2], secs[runs - 1], min_n, bw,
			       n_global > 0 ? gbw / n_global : NAN);
		}
	}
	return 0;
}
