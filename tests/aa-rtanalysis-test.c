/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#include "config.h"

#include <string.h>

#include "aa-error.h"
#include "aa-rtanalysis.h"

/* a task with an implicit deadline unless @deadline_us is not 0 */
static void
aa_rtanalysis_test_add(GPtrArray *tasks, const gchar *name, guint64 wcet_us, guint64 period_us,
		       guint64 deadline_us)
{
	AaTask *task = g_new0(AaTask, 1);
	task->name = g_strdup(name);
	task->wcet_us = wcet_us;
	task->period_us = period_us;
	task->deadline_us = deadline_us != 0 ? deadline_us : period_us;
	g_ptr_array_add(tasks, task);
}

static GPtrArray *
aa_rtanalysis_test_tasks_new(void)
{
	return g_ptr_array_new_with_free_func((GDestroyNotify)aa_task_free);
}

/* seed 002, Table 4: C and T of tau_0 .. tau_9 */
static GPtrArray *
aa_rtanalysis_test_table4(void)
{
	const guint64 c[] = {10321, 1570, 6300, 1720, 14712, 19691, 3440, 23266, 89843, 20937};
	const guint64 t[] = {34, 40, 65, 90, 98, 123, 128, 164, 236, 257};
	GPtrArray *tasks = aa_rtanalysis_test_tasks_new();

	for (guint i = 0; i < G_N_ELEMENTS(c); i++) {
		g_autofree gchar *name = g_strdup_printf("t%u", i);
		aa_rtanalysis_test_add(tasks, name, c[i], t[i] * 1000, 0);
	}
	return tasks;
}

/* asserts vCPU @c holds exactly the tasks named in @names (space separated) with (Q, P) */
static void
aa_rtanalysis_test_vcpu(AaRtPartition *p, guint c, const gchar *names, guint64 q, guint64 period)
{
	AaRtVcpu *vcpu = g_ptr_array_index(p->vcpus, c);
	g_autoptr(GString) got = g_string_new(NULL);

	for (guint i = 0; i < vcpu->tasks->len; i++) {
		const AaTask *t = g_ptr_array_index(vcpu->tasks, i);
		g_string_append_printf(got, "%s%s", i > 0 ? " " : "", t->name);
	}
	g_assert_cmpstr(got->str, ==, names);
	g_assert_cmpuint(vcpu->budget_us, ==, q);
	g_assert_cmpuint(vcpu->period_us, ==, period);
}

static void
aa_rtanalysis_table4_func(void)
{
	g_autoptr(GPtrArray) tasks = aa_rtanalysis_test_table4();
	g_autoptr(AaRtPartition) two = aa_rtanalysis_partition(tasks, 2, AA_RTSCHED_RM);
	g_autoptr(AaRtPartition) four = aa_rtanalysis_partition(tasks, 4, AA_RTSCHED_RM);
	AaRtGlobal global = {0};

	/* {t0, t3, t4, t7} with (7.5, 11) ms and {t1, t2, t5, t6, t8, t9} with (27.5, 33) */
	g_assert_true(two->schedulable);
	aa_rtanalysis_test_vcpu(two, 0, "t0 t3 t4 t7", 7500, 11000);
	aa_rtanalysis_test_vcpu(two, 1, "t1 t2 t5 t6 t8 t9", 27500, 33000);
	/* 68.18% + 83.33%: "about 151% of a CPU core" */
	g_assert_cmpfloat_with_epsilon(aa_rtanalysis_partition_bandwidth(two), 7.5 / 11 + 27.5 / 33,
				       1e-12);
	g_assert_cmpint((gint)(aa_rtanalysis_partition_bandwidth(two) * 100 + 0.5), ==, 152);

	/* (8.5, 12), (2.5, 11), (5.5, 14), (2, 11) */
	g_assert_true(four->schedulable);
	aa_rtanalysis_test_vcpu(four, 0, "t0 t8", 8500, 12000);
	aa_rtanalysis_test_vcpu(four, 1, "t1 t4", 2500, 11000);
	aa_rtanalysis_test_vcpu(four, 2, "t2 t5 t6 t9", 5500, 14000);
	aa_rtanalysis_test_vcpu(four, 3, "t3 t7", 2000, 11000);

	/* global EDF: 17.5 ms every 10 ms on 2 vCPUs, 8.75 ms each, 175% */
	aa_rtanalysis_global(tasks, 2, AA_RTANALYSIS_GLOBAL_PERIOD_US, &global);
	g_assert_true(global.schedulable);
	g_assert_cmpuint(global.budget_us, ==, 17500);
	g_assert_cmpuint(global.period_us, ==, 10000);
	g_assert_false(aa_rtanalysis_gedf_test(tasks, 2, 10000, 17000));

	/* the smallest partition that works has 2 vCPUs (U = 1.4) */
	g_assert_cmpuint(aa_rtanalysis_min_vcpus(tasks, AA_RTSCHED_RM), ==, 2);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/aa/rtanalysis/table4", aa_rtanalysis_table4_func);
	return g_test_run();
}
