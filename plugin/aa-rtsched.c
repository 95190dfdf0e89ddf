/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Partitioned schedulability of a periodic task set on n vCPUs.
 *
 * Partitioning is first-fit decreasing by utilisation wcet/period (compared
 * exactly by cross-multiplication; equal utilisations keep input order): each
 * task goes to the lowest-numbered vCPU on which the per-vCPU test still passes.
 *
 * EDF per vCPU: with implicit deadlines (deadline >= period) the exact test is
 * sum(wcet/period) <= 1, evaluated on reduced fractions in 128-bit integers.
 * With a constrained deadline (deadline < period) we use the density test
 * sum(wcet/min(deadline, period)) <= 1, also exact in rationals: it is
 * sufficient (never accepts an unschedulable set) and reduces to the exact test
 * when every deadline equals the period.  Should a fraction no longer fit in
 * 128 bits (periods with an enormous least common multiple), the sum falls back
 * to long double arithmetic.
 *
 * Fixed priority per vCPU: classic response-time analysis
 * R = C + sum_{hp} ceil(R / T_j) C_j, iterated until it settles or exceeds the
 * deadline (min(deadline, period), so a deadline beyond the period is treated as
 * the period: sufficient).  Priorities are rate monotonic (shorter period first, ties by input
 * order) unless AaTask.priority is set: explicit priorities rank above derived
 * ones, a larger number is a higher priority (as SCHED_FIFO), ties by input
 * order.
 */

#include "config.h"

#include <math.h>

#include "aa-intent-private.h"
#include "aa-rtsched.h"

typedef unsigned __int128 AaU128;

/* one vCPU's running utilisation as a reduced fraction num/den */
typedef struct {
	AaU128 num;
	AaU128 den;
	gboolean inexact;
	long double approx;
} AaRtschedLoad;

static AaU128
aa_rtsched_gcd(AaU128 a, AaU128 b)
{
	while (b != 0) {
		AaU128 t = a % b;
		a = b;
		b = t;
	}
	return a;
}

static guint64
aa_rtsched_task_window(const AaTask *task)
{
	/* the density denominator: min(deadline, period); 0 deadline = period */
	if (task->deadline_us > 0 && task->deadline_us < task->period_us)
		return task->deadline_us;
	return task->period_us;
}

static void
aa_rtsched_load_init(AaRtschedLoad *load)
{
	load->num = 0;
	load->den = 1;
	load->inexact = FALSE;
	load->approx = 0.0L;
}

/* adds wcet/window to @load; returns FALSE if the result exceeds 1 */
static gboolean
aa_rtsched_load_add(AaRtschedLoad *load, const AaTask *task)
{
	AaU128 w = task->wcet_us;
	AaU128 p = aa_rtsched_task_window(task);
	AaU128 g;
	AaU128 den_part;
	const AaU128 limit = ((AaU128)1) << 120;

	if (p == 0)
		return FALSE;
	load->approx += (long double)task->wcet_us / (long double)(guint64)p;
	if (!load->inexact) {
		/* num/den + w/p = (num * (p/g) + w * (den/g)) / (den/g * p) */
		g = aa_rtsched_gcd(load->den, p);
		den_part = load->den / g;
		if (den_part > limit / p || load->num > limit / (p / g) || w > limit / den_part) {
			load->inexact = TRUE;
		} else {
			AaU128 num = load->num * (p / g) + w * den_part;
			AaU128 den = den_part * p;
			AaU128 r = aa_rtsched_gcd(num, den);
			if (r > 1) {
				num /= r;
				den /= r;
			}
			load->num = num;
			load->den = den;
		}
	}
	if (load->inexact)
		return load->approx <= 1.0L;
	return load->num <= load->den;
}

/* TRUE when task @a has a higher fixed priority than task @b (indices = input order) */
static gboolean
aa_rtsched_higher_priority(const AaTask *a, guint ia, const AaTask *b, guint ib)
{
	if (a->priority != 0 && b->priority != 0) {
		if (a->priority != b->priority)
			return a->priority > b->priority;
		return ia < ib;
	}
	if (a->priority != 0)
		return TRUE;
	if (b->priority != 0)
		return FALSE;
	if (a->period_us != b->period_us)
		return a->period_us < b->period_us;
	return ia < ib;
}

/* response-time analysis of the tasks in @idx[0..n) on one vCPU */
static gboolean
aa_rtsched_rta(GPtrArray *tasks, const guint *idx, guint n)
{
	for (guint i = 0; i < n; i++) {
		const AaTask *ti = g_ptr_array_index(tasks, idx[i]);
		guint64 deadline = aa_rtsched_task_window(ti);
		guint64 r = ti->wcet_us;
		guint64 prev = 0;

		if (ti->period_us == 0 || r > deadline)
			return FALSE;
		while (r != prev) {
			guint64 next = ti->wcet_us;
			prev = r;
			for (guint j = 0; j < n; j++) {
				const AaTask *tj = g_ptr_array_index(tasks, idx[j]);
				if (j == i || !aa_rtsched_higher_priority(tj, idx[j], ti, idx[i]))
					continue;
				if (tj->period_us == 0)
					return FALSE;
				next += ((r + tj->period_us - 1) / tj->period_us) * tj->wcet_us;
				if (next > deadline)
					return FALSE;
			}
			r = next;
		}
	}
	return TRUE;
}

/* EDF density test of the tasks in @idx[0..n) on one vCPU */
static gboolean
aa_rtsched_edf(GPtrArray *tasks, const guint *idx, guint n)
{
	AaRtschedLoad load;

	aa_rtsched_load_init(&load);
	for (guint i = 0; i < n; i++) {
		if (!aa_rtsched_load_add(&load, g_ptr_array_index(tasks, idx[i])))
			return FALSE;
	}
	return TRUE;
}

static gint
aa_rtsched_compare_utilisation(gconstpointer a, gconstpointer b, gpointer user_data)
{
	GPtrArray *tasks = user_data;
	guint ia = *(const guint *)a;
	guint ib = *(const guint *)b;
	const AaTask *ta = g_ptr_array_index(tasks, ia);
	const AaTask *tb = g_ptr_array_index(tasks, ib);
	AaU128 lhs = (AaU128)ta->wcet_us * tb->period_us;
	AaU128 rhs = (AaU128)tb->wcet_us * ta->period_us;

	/* decreasing utilisation, then input order */
	if (lhs != rhs)
		return lhs > rhs ? -1 : 1;
	return ia < ib ? -1 : (ia > ib ? 1 : 0);
}

/*
 * Partitions @tasks on @n_cpus vCPUs; fills @assignment (vCPU per task in input
 * order, -1 when it fits nowhere) when not NULL.  Returns TRUE if every task fits.
 */
static gboolean
aa_rtsched_partition(GPtrArray *tasks, guint n_cpus, AaRtschedPolicy policy, gint *assignment)
{
	guint n = tasks->len;
	g_autofree guint *order = g_new0(guint, MAX(n, 1));
	g_autofree guint *members = g_new0(guint, MAX(n, 1) * MAX(n_cpus, 1));
	g_autofree guint *counts = g_new0(guint, MAX(n_cpus, 1));
	gboolean ok = TRUE;

	for (guint i = 0; i < n; i++)
		order[i] = i;
	g_qsort_with_data(order, n, sizeof(guint), aa_rtsched_compare_utilisation, tasks);

	for (guint s = 0; s < n; s++) {
		guint t = order[s];
		gint placed = -1;

		for (guint c = 0; c < n_cpus && placed < 0; c++) {
			guint *set = members + (gsize)c * n;
			gboolean fits;

			set[counts[c]] = t;
			if (policy == AA_RTSCHED_RM)
				fits = aa_rtsched_rta(tasks, set, counts[c] + 1);
			else
				fits = aa_rtsched_edf(tasks, set, counts[c] + 1);
			if (fits) {
				counts[c]++;
				placed = (gint)c;
			}
		}
		if (placed < 0)
			ok = FALSE;
		if (assignment != NULL)
			assignment[t] = placed;
	}
	return ok;
}

/**
 * aa_rtsched_schedulable:
 * @tasks: (element-type AaTask): the task set
 * @n_cpus: number of vCPUs
 * @policy: the per-vCPU scheduler
 *
 * Partitions @tasks first-fit decreasing by utilisation and tests each vCPU.
 *
 * Returns: %TRUE if every task fits on some vCPU
 */
gboolean
aa_rtsched_schedulable(GPtrArray *tasks, guint n_cpus, AaRtschedPolicy policy)
{
	g_return_val_if_fail(tasks != NULL, FALSE);

	if (tasks->len == 0)
		return TRUE;
	if (n_cpus == 0)
		return FALSE;
	return aa_rtsched_partition(tasks, n_cpus, policy, NULL);
}

/**
 * aa_rtsched_analyse:
 * @tasks: (element-type AaTask): the task set
 * @n_cpus: number of vCPUs
 * @policy: the per-vCPU scheduler
 *
 * Like aa_rtsched_schedulable() but reports the partition, the tasks that fit
 * nowhere and the smallest vCPU count (1 .. number of tasks) that schedules the
 * set; an empty set needs 0 vCPUs.
 *
 * Returns: (transfer full): the analysis
 */
AaRtschedResult *
aa_rtsched_analyse(GPtrArray *tasks, guint n_cpus, AaRtschedPolicy policy)
{
	g_autoptr(AaRtschedResult) result = g_new0(AaRtschedResult, 1);

	g_return_val_if_fail(tasks != NULL, NULL);

	result->n_cpus = n_cpus;
	result->assignment = g_array_sized_new(FALSE, TRUE, sizeof(gint), tasks->len);
	g_array_set_size(result->assignment, tasks->len);
	result->unschedulable = g_ptr_array_new();

	if (n_cpus == 0) {
		for (guint i = 0; i < tasks->len; i++)
			g_array_index(result->assignment, gint, i) = -1;
		result->schedulable = tasks->len == 0;
	} else {
		result->schedulable = aa_rtsched_partition(
		    tasks, n_cpus, policy, (gint *)(gpointer)result->assignment->data);
	}
	for (guint i = 0; i < tasks->len; i++) {
		const AaTask *task = g_ptr_array_index(tasks, i);
		if (g_array_index(result->assignment, gint, i) < 0)
			g_ptr_array_add(result->unschedulable, task->name);
	}

	/* first fit never does worse with one vCPU more, so the first count that works is
	 * the minimum; one task per vCPU is the last chance */
	result->min_cpus = 0;
	for (guint n = 1; n <= tasks->len; n++) {
		if (aa_rtsched_partition(tasks, n, policy, NULL)) {
			result->min_cpus = n;
			break;
		}
	}
	return g_steal_pointer(&result);
}

/**
 * aa_rtsched_result_free:
 * @self: (nullable): a result
 *
 * Frees @self.
 */
void
aa_rtsched_result_free(AaRtschedResult *self)
{
	if (self == NULL)
		return;
	g_clear_pointer(&self->assignment, g_array_unref);
	g_clear_pointer(&self->unschedulable, g_ptr_array_unref);
	g_free(self);
}

static gint
aa_rtsched_compare_priority(gconstpointer a, gconstpointer b, gpointer user_data)
{
	GPtrArray *tasks = user_data;
	guint ia = *(const guint *)a;
	guint ib = *(const guint *)b;

	if (ia == ib)
		return 0;
	if (aa_rtsched_higher_priority(g_ptr_array_index(tasks, ia), ia,
	                               g_ptr_array_index(tasks, ib), ib))
		return -1;
	return 1;
}

/**
 * aa_rtsched_priority_order:
 * @tasks: (element-type AaTask): the task set
 * @order: (out caller-allocates): @tasks->len indices
 *
 * Fills @order with the task indices, highest fixed priority first: explicit
 * `priority` attributes first (larger is higher), then rate monotonic (shorter
 * period first), ties by input order.  This is the order of the RM test.
 */
void
aa_rtsched_priority_order(GPtrArray *tasks, guint *order)
{
	for (guint i = 0; i < tasks->len; i++)
		order[i] = i;
	g_qsort_with_data(order, tasks->len, sizeof(guint), aa_rtsched_compare_priority, tasks);
}

/**
 * aa_rtsched_vm_policy:
 * @vm: an intent VM
 *
 * Returns: the guest scheduler of @vm's `<tasks>`: EDF unless `policy="rm"`
 */
AaRtschedPolicy
aa_rtsched_vm_policy(const AaIntentVm *vm)
{
	return vm->tasks_rate_monotonic ? AA_RTSCHED_RM : AA_RTSCHED_EDF;
}

/**
 * aa_rtsched_vm_fits:
 * @vm: an intent VM
 * @p_cores: dedicated P-core pCPUs (one vCPU each)
 *
 * The hard feasibility of an RT task set (MODEL.md v2): the task set of @vm is
 * schedulable on @p_cores dedicated cores by the validator's own test
 * (partitioned first-fit decreasing by utilisation; EDF, or RM response-time
 * analysis with `<tasks policy="rm">`).  The search, the baselines, placement
 * and the validator's `rt-unschedulable` all call this one function.
 *
 * Returns: %TRUE when @vm has no task, or its tasks fit on @p_cores cores
 */
gboolean
aa_rtsched_vm_fits(const AaIntentVm *vm, guint p_cores)
{
	g_return_val_if_fail(vm != NULL, FALSE);
	if (vm->tasks == NULL || vm->tasks->len == 0)
		return TRUE;
	return aa_rtsched_schedulable(vm->tasks, p_cores, aa_rtsched_vm_policy(vm));
}

/**
 * aa_rtsched_vm_min_pcores:
 * @vm: an intent VM
 *
 * Returns: the smallest P-core count for which aa_rtsched_vm_fits() holds, 0
 * without tasks, %G_MAXUINT when no count does (a task longer than its deadline)
 */
guint
aa_rtsched_vm_min_pcores(const AaIntentVm *vm)
{
	g_return_val_if_fail(vm != NULL, G_MAXUINT);
	if (vm->tasks == NULL || vm->tasks->len == 0)
		return 0;
	/* first fit never does worse with one core more: the first count that works */
	for (guint n = 1; n <= vm->tasks->len; n++) {
		if (aa_rtsched_vm_fits(vm, n))
			return n;
	}
	return G_MAXUINT;
}
