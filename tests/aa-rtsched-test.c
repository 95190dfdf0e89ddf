/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#include "config.h"

#include <string.h>

#include "aa-intent-private.h"
#include "aa-rtsched.h"
#include "aa-test-util.h"

/* a task with an implicit deadline (= period) unless @deadline_us is not 0 */
static void
aa_rtsched_test_add(GPtrArray *tasks, const gchar *name, guint64 wcet_us, guint64 period_us,
                    guint64 deadline_us, gint priority)
{
	aa_test_task_add(tasks, name, wcet_us, period_us, deadline_us)->priority = priority;
}

static void
aa_rtsched_edf_not_rm_func(void)
{
	g_autoptr(GPtrArray) tasks = aa_test_tasks_new();
	g_autoptr(AaRtschedResult) edf = NULL;
	g_autoptr(AaRtschedResult) rm = NULL;

	/* Buttazzo: U = 2/5 + 4/7 = 34/35 <= 1, but R2 = 4 + 2 ceil(R2/5) reaches 8 > 7 */
	aa_rtsched_test_add(tasks, "t1", 2, 5, 0, 0);
	aa_rtsched_test_add(tasks, "t2", 4, 7, 0, 0);
	g_assert_true(aa_rtsched_schedulable(tasks, 1, AA_RTSCHED_EDF));
	g_assert_false(aa_rtsched_schedulable(tasks, 1, AA_RTSCHED_RM));
	g_assert_true(aa_rtsched_schedulable(tasks, 2, AA_RTSCHED_RM));

	edf = aa_rtsched_analyse(tasks, 1, AA_RTSCHED_EDF);
	g_assert_true(edf->schedulable);
	g_assert_cmpuint(edf->n_cpus, ==, 1);
	g_assert_cmpuint(edf->min_cpus, ==, 1);
	g_assert_cmpint(g_array_index(edf->assignment, gint, 0), ==, 0);
	g_assert_cmpint(g_array_index(edf->assignment, gint, 1), ==, 0);
	g_assert_cmpuint(edf->unschedulable->len, ==, 0);

	/* FFD puts t2 (4/7) first, so under RM t1 is the one that does not fit */
	rm = aa_rtsched_analyse(tasks, 1, AA_RTSCHED_RM);
	g_assert_false(rm->schedulable);
	g_assert_cmpuint(rm->min_cpus, ==, 2);
	g_assert_cmpint(g_array_index(rm->assignment, gint, 0), ==, -1);
	g_assert_cmpint(g_array_index(rm->assignment, gint, 1), ==, 0);
	g_assert_cmpuint(rm->unschedulable->len, ==, 1);
	g_assert_cmpstr(g_ptr_array_index(rm->unschedulable, 0), ==, "t1");
}

static void
aa_rtsched_ffd_two_cpus_func(void)
{
	g_autoptr(GPtrArray) tasks = aa_test_tasks_new();
	g_autoptr(AaRtschedResult) one = NULL;
	g_autoptr(AaRtschedResult) two = NULL;

	/* utilisations a 0.3, b 0.6, c 0.4, d 0.5; FFD order b d c a:
	 * b -> 0, d -> 1 (1.1 on 0), c -> 0 (exactly 1.0), a -> 1 (0.8) */
	aa_rtsched_test_add(tasks, "a", 3, 10, 0, 0);
	aa_rtsched_test_add(tasks, "b", 6, 10, 0, 0);
	aa_rtsched_test_add(tasks, "c", 4, 10, 0, 0);
	aa_rtsched_test_add(tasks, "d", 5, 10, 0, 0);

	one = aa_rtsched_analyse(tasks, 1, AA_RTSCHED_EDF);
	g_assert_false(one->schedulable);
	g_assert_cmpuint(one->min_cpus, ==, 2);
	/* on one vCPU: b, then c (1.0); d and a fit nowhere */
	g_assert_cmpint(g_array_index(one->assignment, gint, 0), ==, -1);
	g_assert_cmpint(g_array_index(one->assignment, gint, 1), ==, 0);
	g_assert_cmpint(g_array_index(one->assignment, gint, 2), ==, 0);
	g_assert_cmpint(g_array_index(one->assignment, gint, 3), ==, -1);
	g_assert_cmpuint(one->unschedulable->len, ==, 2);
	g_assert_cmpstr(g_ptr_array_index(one->unschedulable, 0), ==, "a");
	g_assert_cmpstr(g_ptr_array_index(one->unschedulable, 1), ==, "d");

	two = aa_rtsched_analyse(tasks, 2, AA_RTSCHED_EDF);
	g_assert_true(two->schedulable);
	g_assert_cmpint(g_array_index(two->assignment, gint, 0), ==, 1);
	g_assert_cmpint(g_array_index(two->assignment, gint, 1), ==, 0);
	g_assert_cmpint(g_array_index(two->assignment, gint, 2), ==, 0);
	g_assert_cmpint(g_array_index(two->assignment, gint, 3), ==, 1);
	g_assert_cmpuint(two->unschedulable->len, ==, 0);
	g_assert_cmpuint(two->min_cpus, ==, 2);
}

static void
aa_rtsched_exact_func(void)
{
	g_autoptr(GPtrArray) tasks = aa_test_tasks_new();
	g_autoptr(GPtrArray) over = aa_test_tasks_new();

	/* 93/170 + 6/17 + 1/10 = 1 exactly, while the double sum in FFD order is
	 * 1.0000000000000002: only exact arithmetic accepts it */
	aa_rtsched_test_add(tasks, "x", 93, 170, 0, 0);
	aa_rtsched_test_add(tasks, "y", 6, 17, 0, 0);
	aa_rtsched_test_add(tasks, "z", 1, 10, 0, 0);
	g_assert_true(aa_rtsched_schedulable(tasks, 1, AA_RTSCHED_EDF));

	/* one microsecond more is over */
	aa_rtsched_test_add(over, "x", 93, 170, 0, 0);
	aa_rtsched_test_add(over, "y", 6, 17, 0, 0);
	aa_rtsched_test_add(over, "z", 1000001, 10000000, 0, 0);
	g_assert_false(aa_rtsched_schedulable(over, 1, AA_RTSCHED_EDF));
	g_assert_true(aa_rtsched_schedulable(over, 2, AA_RTSCHED_EDF));
}

static void
aa_rtsched_huge_periods_func(void)
{
	g_autoptr(GPtrArray) tasks = aa_test_tasks_new();
	const guint64 primes[] = {1000000007, 1000000009, 1000000021,
	                          1000000033, 1000000087, 1000000093};

	/* the common denominator of five prime periods near 1e9 outgrows 128 bits:
	 * U = 0.999999998 still fits one vCPU, the sixth task (U 1.2) needs two */
	for (guint i = 0; i < 5; i++)
		aa_rtsched_test_add(tasks, "p", primes[i] / 5, primes[i], 0, 0);
	g_assert_true(aa_rtsched_schedulable(tasks, 1, AA_RTSCHED_EDF));
	aa_rtsched_test_add(tasks, "p", primes[5] / 5, primes[5], 0, 0);
	g_assert_false(aa_rtsched_schedulable(tasks, 1, AA_RTSCHED_EDF));
	g_assert_true(aa_rtsched_schedulable(tasks, 2, AA_RTSCHED_EDF));
}

static void
aa_rtsched_density_func(void)
{
	g_autoptr(GPtrArray) tasks = aa_test_tasks_new();
	g_autoptr(GPtrArray) tight = aa_test_tasks_new();

	/* constrained deadlines: density 2/4 + 2/4 = 1 fits one vCPU */
	aa_rtsched_test_add(tasks, "a", 2, 10, 4, 0);
	aa_rtsched_test_add(tasks, "b", 2, 10, 4, 0);
	g_assert_true(aa_rtsched_schedulable(tasks, 1, AA_RTSCHED_EDF));

	/* 2/3 + 2/3 > 1 needs two, though U = 0.4 */
	aa_rtsched_test_add(tight, "a", 2, 10, 3, 0);
	aa_rtsched_test_add(tight, "b", 2, 10, 3, 0);
	g_assert_false(aa_rtsched_schedulable(tight, 1, AA_RTSCHED_EDF));
	g_assert_true(aa_rtsched_schedulable(tight, 2, AA_RTSCHED_EDF));

	/* fixed priority: R_b = 2 + 2 = 4 > 3 on one vCPU */
	g_assert_false(aa_rtsched_schedulable(tight, 1, AA_RTSCHED_RM));
	g_assert_true(aa_rtsched_schedulable(tasks, 1, AA_RTSCHED_RM));
}

static void
aa_rtsched_priority_func(void)
{
	g_autoptr(GPtrArray) rm = aa_test_tasks_new();
	g_autoptr(GPtrArray) inverted = aa_test_tasks_new();

	/* rate monotonic: R_a = 1, R_b = 2 + ceil(R_b/2) settles at 4 <= 10 */
	aa_rtsched_test_add(rm, "a", 1, 2, 0, 0);
	aa_rtsched_test_add(rm, "b", 2, 10, 0, 0);
	g_assert_true(aa_rtsched_schedulable(rm, 1, AA_RTSCHED_RM));

	/* b given the higher priority: R_a = 1 + 2 = 3 > 2 */
	aa_rtsched_test_add(inverted, "a", 1, 2, 0, 1);
	aa_rtsched_test_add(inverted, "b", 2, 10, 0, 5);
	g_assert_false(aa_rtsched_schedulable(inverted, 1, AA_RTSCHED_RM));
	g_assert_true(aa_rtsched_schedulable(inverted, 1, AA_RTSCHED_EDF));
	g_assert_true(aa_rtsched_schedulable(inverted, 2, AA_RTSCHED_RM));
}

static void
aa_rtsched_impossible_func(void)
{
	g_autoptr(GPtrArray) tasks = aa_test_tasks_new();
	g_autoptr(GPtrArray) empty = aa_test_tasks_new();
	g_autoptr(AaRtschedResult) result = NULL;
	g_autoptr(AaRtschedResult) none = NULL;
	g_autoptr(AaRtschedResult) zero = NULL;

	/* a task longer than its period fits nowhere, whatever the vCPU count */
	aa_rtsched_test_add(tasks, "ok", 1, 10, 0, 0);
	aa_rtsched_test_add(tasks, "long", 11, 10, 0, 0);
	result = aa_rtsched_analyse(tasks, 4, AA_RTSCHED_EDF);
	g_assert_false(result->schedulable);
	g_assert_cmpuint(result->min_cpus, ==, 0);
	g_assert_cmpint(g_array_index(result->assignment, gint, 0), ==, 0);
	g_assert_cmpint(g_array_index(result->assignment, gint, 1), ==, -1);
	g_assert_cmpuint(result->unschedulable->len, ==, 1);
	g_assert_cmpstr(g_ptr_array_index(result->unschedulable, 0), ==, "long");

	/* no vCPU at all */
	zero = aa_rtsched_analyse(tasks, 0, AA_RTSCHED_RM);
	g_assert_false(zero->schedulable);
	g_assert_cmpuint(zero->unschedulable->len, ==, 2);

	/* an empty set needs nothing */
	none = aa_rtsched_analyse(empty, 0, AA_RTSCHED_EDF);
	g_assert_true(none->schedulable);
	g_assert_cmpuint(none->min_cpus, ==, 0);
	g_assert_true(aa_rtsched_schedulable(empty, 0, AA_RTSCHED_RM));
}

static void
aa_rtsched_min_cpus_func(void)
{
	g_autoptr(GPtrArray) tasks = aa_test_tasks_new();
	g_autoptr(AaRtschedResult) result = NULL;

	/* five tasks of utilisation 0.55: no two share a vCPU */
	for (guint i = 0; i < 5; i++) {
		g_autofree gchar *name = g_strdup_printf("t%u", i);
		aa_rtsched_test_add(tasks, name, 550, 1000, 0, 0);
	}
	result = aa_rtsched_analyse(tasks, 3, AA_RTSCHED_EDF);
	g_assert_false(result->schedulable);
	g_assert_cmpuint(result->min_cpus, ==, 5);
	g_assert_cmpint(g_array_index(result->assignment, gint, 2), ==, 2);
	g_assert_cmpint(g_array_index(result->assignment, gint, 3), ==, -1);
	g_assert_cmpuint(result->unschedulable->len, ==, 2);
	g_assert_true(aa_rtsched_schedulable(tasks, 5, AA_RTSCHED_EDF));
	g_assert_false(aa_rtsched_schedulable(tasks, 4, AA_RTSCHED_EDF));
}

static void
aa_rtsched_vm_fits_func(void)
{
	g_autoptr(GPtrArray) tasks = aa_test_tasks_new();
	g_autoptr(GPtrArray) none = aa_test_tasks_new();
	AaIntentVm vm = {0};
	AaIntentVm empty = {0};
	guint order[3] = {0};

	/* Buttazzo's pair: EDF fits one core, RM needs two */
	aa_rtsched_test_add(tasks, "t1", 2, 5, 0, 0);
	aa_rtsched_test_add(tasks, "t2", 4, 7, 0, 0);
	vm.tasks = tasks;
	g_assert_cmpint(aa_rtsched_vm_policy(&vm), ==, AA_RTSCHED_EDF);
	g_assert_true(aa_rtsched_vm_fits(&vm, 1));
	g_assert_false(aa_rtsched_vm_fits(&vm, 0));
	g_assert_cmpuint(aa_rtsched_vm_min_pcores(&vm), ==, 1);
	vm.tasks_rate_monotonic = TRUE;
	g_assert_cmpint(aa_rtsched_vm_policy(&vm), ==, AA_RTSCHED_RM);
	g_assert_false(aa_rtsched_vm_fits(&vm, 1));
	g_assert_true(aa_rtsched_vm_fits(&vm, 2));
	g_assert_cmpuint(aa_rtsched_vm_min_pcores(&vm), ==, 2);

	/* no task set: always feasible, needs nothing */
	empty.tasks = none;
	g_assert_true(aa_rtsched_vm_fits(&empty, 0));
	g_assert_cmpuint(aa_rtsched_vm_min_pcores(&empty), ==, 0);

	/* explicit priorities first (larger higher), then shorter period, then input order */
	aa_rtsched_test_add(tasks, "t3", 1, 5, 0, 3);
	aa_rtsched_priority_order(tasks, order);
	g_assert_cmpuint(order[0], ==, 2);
	g_assert_cmpuint(order[1], ==, 0);
	g_assert_cmpuint(order[2], ==, 1);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/aa/rtsched/edf-not-rm", aa_rtsched_edf_not_rm_func);
	g_test_add_func("/aa/rtsched/ffd-two-cpus", aa_rtsched_ffd_two_cpus_func);
	g_test_add_func("/aa/rtsched/exact", aa_rtsched_exact_func);
	g_test_add_func("/aa/rtsched/huge-periods", aa_rtsched_huge_periods_func);
	g_test_add_func("/aa/rtsched/density", aa_rtsched_density_func);
	g_test_add_func("/aa/rtsched/priority", aa_rtsched_priority_func);
	g_test_add_func("/aa/rtsched/impossible", aa_rtsched_impossible_func);
	g_test_add_func("/aa/rtsched/min-cpus", aa_rtsched_min_cpus_func);
	g_test_add_func("/aa/rtsched/vm-fits", aa_rtsched_vm_fits_func);
	return g_test_run();
}
