/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "aa-context-private.h"
#include "aa-error.h"
#include "aa-recommend.h"
#include "aa-report.h"
#include "aa-rtanalysis.h"
#include "aa-test-util.h"
#include "aa-validate.h"
#include "aa-xml.h"

/* seed 002, Table 4: C and T of tau_0 .. tau_9 */
static GPtrArray *
aa_rtanalysis_test_table4(void)
{
	const guint64 c[] = {10321, 1570, 6300, 1720, 14712, 19691, 3440, 23266, 89843, 20937};
	const guint64 t[] = {34, 40, 65, 90, 98, 123, 128, 164, 236, 257};
	GPtrArray *tasks = aa_test_tasks_new();

	for (guint i = 0; i < G_N_ELEMENTS(c); i++) {
		g_autofree gchar *name = g_strdup_printf("t%u", i);
		aa_test_task_add(tasks, name, c[i], t[i] * 1000, 0);
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
	/* with 4 vCPUs available the cheapest global interface still uses 2 */
	aa_rtanalysis_global(tasks, 3, AA_RTANALYSIS_GLOBAL_PERIOD_US, &global);
	g_assert_cmpuint(global.budget_us, >, 17500);
	aa_rtanalysis_global_best(tasks, 4, AA_RTANALYSIS_GLOBAL_PERIOD_US, &global);
	g_assert_true(global.schedulable);
	g_assert_cmpuint(global.n_vcpus, ==, 2);
	g_assert_cmpuint(global.budget_us, ==, 17500);

	/* the smallest partition that works has 2 vCPUs (U = 1.4) */
	g_assert_cmpuint(aa_rtanalysis_min_vcpus(tasks, AA_RTSCHED_RM), ==, 2);
}

static void
aa_rtanalysis_sbf_func(void)
{
	/* (P, Q) = (10, 4) ms: nothing until the blackout 2 (P - Q) = 12 ms ends, then
	 * slope 1 for Q, flat for P - Q */
	const guint64 t[] = {0, 6000, 12000, 14000, 16000, 20000, 22000, 24000, 26000, 32000};
	const guint64 want[] = {0, 0, 0, 2000, 4000, 4000, 4000, 6000, 8000, 8000};

	for (guint i = 0; i < G_N_ELEMENTS(t); i++)
		g_assert_cmpuint(aa_rtanalysis_sbf(10000, 4000, t[i]), ==, want[i]);
	/* a full processor and an empty one */
	g_assert_cmpuint(aa_rtanalysis_sbf(10000, 10000, 12345), ==, 12345);
	g_assert_cmpuint(aa_rtanalysis_sbf(10000, 0, 12345), ==, 0);

	/* MPR <10, 15, 2>: ceil(15/2) = 8, t' = t - 2, sbf = 15 k + max(0, 2 x - 5) */
	g_assert_cmpuint(aa_rtanalysis_mpr_sbf(10, 15, 2, 1), ==, 0);
	g_assert_cmpuint(aa_rtanalysis_mpr_sbf(10, 15, 2, 2), ==, 0);
	g_assert_cmpuint(aa_rtanalysis_mpr_sbf(10, 15, 2, 4), ==, 0);
	g_assert_cmpuint(aa_rtanalysis_mpr_sbf(10, 15, 2, 5), ==, 1);
	g_assert_cmpuint(aa_rtanalysis_mpr_sbf(10, 15, 2, 7), ==, 5);
	g_assert_cmpuint(aa_rtanalysis_mpr_sbf(10, 15, 2, 11), ==, 13);
	g_assert_cmpuint(aa_rtanalysis_mpr_sbf(10, 15, 2, 12), ==, 15);
	g_assert_cmpuint(aa_rtanalysis_mpr_sbf(10, 15, 2, 14), ==, 15);
	g_assert_cmpuint(aa_rtanalysis_mpr_sbf(10, 15, 2, 17), ==, 20);
	g_assert_cmpuint(aa_rtanalysis_mpr_sbf(10, 15, 2, 22), ==, 30);
	/* m' whole processors: sbf(t) = m' t */
	g_assert_cmpuint(aa_rtanalysis_mpr_sbf(10, 20, 2, 7), ==, 14);
}

static void
aa_rtanalysis_fp_points_func(void)
{
	g_autoptr(GPtrArray) tasks = aa_test_tasks_new();
	g_autoptr(GArray) points = NULL;
	const guint64 want[] = {4, 6, 8, 12, 13};

	/* priority order a (1, 4), b (2, 6), c (3, 13): c's points are the multiples of
	 * 4 and 6 below 13, and 13 */
	aa_test_task_add(tasks, "a", 1, 4, 0);
	aa_test_task_add(tasks, "b", 2, 6, 0);
	aa_test_task_add(tasks, "c", 3, 13, 0);
	points = aa_rtanalysis_fp_points(tasks, 2);
	g_assert_cmpuint(points->len, ==, G_N_ELEMENTS(want));
	for (guint i = 0; i < points->len; i++)
		g_assert_cmpuint(g_array_index(points, guint64, i), ==, want[i]);
	/* rbf_c: 5 at 4, 6 at 6, 8 at 8, 10 at 12, 12 at 13: fits a whole CPU at 6 */
	g_assert_true(aa_rtanalysis_fp_test(tasks, 1, 1));
	g_clear_pointer(&points, g_array_unref);
	points = aa_rtanalysis_fp_points(tasks, 0);
	g_assert_cmpuint(points->len, ==, 1);
	g_assert_cmpuint(g_array_index(points, guint64, 0), ==, 4);
}

/* the cheapest interface of @tasks under @policy is (@q_us, @p_us) */
static void
aa_rtanalysis_test_interface(GPtrArray *tasks, AaRtschedPolicy policy, guint64 q_us, guint64 p_us)
{
	guint64 q = 0;
	guint64 p = 0;

	g_assert_true(aa_rtanalysis_interface(tasks, policy, &q, &p));
	g_assert_cmpuint(q, ==, q_us);
	g_assert_cmpuint(p, ==, p_us);
}

static void
aa_rtanalysis_interface_func(void)
{
	g_autoptr(GPtrArray) one = aa_test_tasks_new();
	g_autoptr(GPtrArray) pair = aa_test_tasks_new();
	guint64 q = 0;
	guint64 p = 0;

	/* C = 2, T = D = 10 ms: at P = 10, sbf(10) = 2 Q - 10 >= 2 needs Q = 6; a longer
	 * P needs more (P = 11: Q = 7), so (6, 10) */
	aa_test_task_add(one, "x", 2000, 10000, 0);
	aa_rtanalysis_test_interface(one, AA_RTSCHED_RM, 6000, 10000);
	aa_rtanalysis_test_interface(one, AA_RTSCHED_EDF, 6000, 10000);
	g_assert_true(aa_rtanalysis_fp_test(one, 10000, 6000));
	g_assert_false(aa_rtanalysis_fp_test(one, 10000, 5500));
	g_assert_false(aa_rtanalysis_fp_test(one, 11000, 6500));
	g_assert_true(aa_rtanalysis_fp_test(one, 11000, 7000));

	/* U = 2/5 + 4/7 = 34/35: not RM-schedulable even on a whole CPU; under EDF the
	 * hyperperiod P = 35 ms with Q = 34.5 (a 1 ms blackout) is the cheapest: dbf(7) = 6 =
	 * sbf(7), dbf(14) = 12 <= 13 (checked apart by brute force over 2 s) */
	aa_test_task_add(pair, "t1", 2000, 5000, 0);
	aa_test_task_add(pair, "t2", 4000, 7000, 0);
	g_assert_false(aa_rtanalysis_interface(pair, AA_RTSCHED_RM, &q, &p));
	aa_rtanalysis_test_interface(pair, AA_RTSCHED_EDF, 34500, 35000);
	g_assert_true(aa_rtanalysis_edf_test(pair, 35000, 34500));
	g_assert_false(aa_rtanalysis_edf_test(pair, 35000, 34000));
	g_assert_false(aa_rtanalysis_edf_test(pair, 100000, 98500));
}

static void
aa_rtanalysis_exact_vcpus_func(void)
{
	g_autoptr(GPtrArray) tasks = aa_test_tasks_new();
	g_autoptr(AaRtPartition) four = NULL;
	g_autoptr(AaRtPartition) five = NULL;

	/* five tasks of utilisation 0.6: no two share a vCPU (6 + 6 > 10) */
	for (guint i = 0; i < 5; i++) {
		g_autofree gchar *name = g_strdup_printf("u%u", i);
		aa_test_task_add(tasks, name, 6000, 10000, 0);
	}
	g_assert_cmpuint(aa_rtanalysis_min_vcpus(tasks, AA_RTSCHED_RM), ==, 5);
	g_assert_cmpuint(aa_rtanalysis_min_vcpus(tasks, AA_RTSCHED_EDF), ==, 5);
	four = aa_rtanalysis_partition(tasks, 4, AA_RTSCHED_RM);
	g_assert_false(four->schedulable);
	g_assert_cmpuint(four->unplaced->len, ==, 1);
	five = aa_rtanalysis_partition(tasks, 5, AA_RTSCHED_EDF);
	g_assert_true(five->schedulable);
	for (guint c = 0; c < 5; c++) {
		/* sbf(10) = 2 Q - 10 >= 6 at P = 10: (8, 10) */
		AaRtVcpu *vcpu = g_ptr_array_index(five->vcpus, c);
		g_assert_cmpuint(vcpu->tasks->len, ==, 1);
		g_assert_cmpuint(vcpu->budget_us, ==, 8000);
		g_assert_cmpuint(vcpu->period_us, ==, 10000);
	}
	g_assert_cmpfloat_with_epsilon(aa_rtanalysis_partition_bandwidth(five), 4.0, 1e-12);
}

/* Theorem 1 evaluated at every integer t up to @horizon */
static gboolean
aa_rtanalysis_test_gedf_brute(GPtrArray *tasks, guint m, guint64 period, guint64 budget,
                              guint64 horizon)
{
	for (guint k = 0; k < tasks->len; k++) {
		const AaTask *tk = g_ptr_array_index(tasks, k);
		for (guint64 t = tk->deadline_us; t <= horizon; t++) {
			if (aa_rtanalysis_mpr_demand(tasks, k, m, t) >
			    (gint64)aa_rtanalysis_mpr_sbf(period, budget, m, t))
				return FALSE;
		}
	}
	return TRUE;
}

static void
aa_rtanalysis_gedf_points_func(void)
{
	g_autoptr(GPtrArray) tasks = aa_test_tasks_new();
	guint n_pass = 0;
	guint n_fail = 0;

	/* U = 30/50 + 40/70 + 35/90 + 9/40 ~ 1.79, one constrained deadline */
	aa_test_task_add(tasks, "a", 30, 50, 0);
	aa_test_task_add(tasks, "b", 40, 70, 60);
	aa_test_task_add(tasks, "c", 35, 90, 0);
	aa_test_task_add(tasks, "d", 9, 40, 0);
	/* the kinks the test evaluates give the same answer as every integer point */
	for (guint m = 2; m <= 3; m++) {
		for (guint64 budget = 38; budget <= m * 20; budget++) {
			gboolean fast = aa_rtanalysis_gedf_test(tasks, m, 20, budget);
			gboolean brute = aa_rtanalysis_test_gedf_brute(tasks, m, 20, budget, 20000);
			g_assert_cmpint(fast, ==, brute);
			if (fast)
				n_pass++;
			else
				n_fail++;
		}
	}
	/* both outcomes occur, so the comparison means something */
	g_assert_cmpuint(n_pass, >, 0);
	g_assert_cmpuint(n_fail, >, 0);
}

static void
aa_rtanalysis_hostile_func(void)
{
	g_autoptr(GPtrArray) fp = aa_test_tasks_new();
	g_autoptr(GPtrArray) edf = aa_test_tasks_new();
	g_autoptr(GPtrArray) tight = aa_test_tasks_new();
	g_autoptr(AaRtPartition) part = NULL;
	g_autoptr(GTimer) timer = g_timer_new();
	AaRtGlobal global = {0};

	/* a 1 ms task under 31 one-hour tasks: millions of scheduling points each */
	aa_test_task_add(fp, "fast", 100, 1000, 0);
	for (guint i = 0; i < 31; i++) {
		g_autofree gchar *name = g_strdup_printf("slow%u", i);
		aa_test_task_add(fp, name, 1000000, 3600000000 - i * 7919, 0);
	}
	part = aa_rtanalysis_partition(fp, 2, AA_RTSCHED_RM);
	g_assert_true(part->schedulable);
	g_clear_pointer(&part, aa_rtanalysis_partition_free);

	/* constrained deadlines on coprime periods near an hour: a hyperperiod beyond
	 * any horizon */
	for (guint i = 0; i < 16; i++) {
		g_autofree gchar *name = g_strdup_printf("p%u", i);
		guint64 period = 3599999999 - i * 104729;
		aa_test_task_add(edf, name, 20000000, period, period / 3);
	}
	aa_test_task_add(edf, "fast", 100, 1003, 700);
	part = aa_rtanalysis_partition(edf, 2, AA_RTSCHED_EDF);
	g_assert_nonnull(part);

	/* global: U just under a budget step leaves no slack for the A bound */
	aa_test_task_add(tight, "a", 8749, 10000, 0);
	aa_test_task_add(tight, "b", 8749, 10000, 0);
	aa_rtanalysis_global(tight, 2, 10000, &global);
	g_assert_true(global.schedulable);
	g_assert_cmpuint(global.budget_us, >=, 17500);
	g_assert_cmpfloat(g_timer_elapsed(timer, NULL), <, 60.0);
}

static void
aa_rtanalysis_check_func(void)
{
	g_autoptr(GPtrArray) many = aa_test_tasks_new();
	g_autoptr(GPtrArray) long_period = aa_test_tasks_new();
	g_autoptr(GError) error = NULL;

	for (guint i = 0; i <= AA_RTANALYSIS_MAX_TASKS; i++) {
		g_autofree gchar *name = g_strdup_printf("t%u", i);
		aa_test_task_add(many, name, 1, 1000, 0);
	}
	g_assert_false(aa_rtanalysis_check(many, "intent.xml", 12, &error));
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_DATA);
	/* the message is the feature: it names the file and line */
	g_assert_nonnull(strstr(error->message, "intent.xml:12"));
	g_clear_error(&error);
	g_ptr_array_set_size(many, AA_RTANALYSIS_MAX_TASKS);
	g_assert_true(aa_rtanalysis_check(many, "intent.xml", 12, &error));
	g_assert_no_error(error);

	aa_test_task_add(long_period, "day", 1000, G_GUINT64_CONSTANT(86400000000), 0);
	g_assert_false(aa_rtanalysis_check(long_period, "intent.xml", 3, &error));
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_DATA);
}

/* a context holding only the intent fixture @name */
static AaPluginContext *
aa_rtanalysis_test_context(const gchar *name)
{
	return aa_test_context_fixture(NULL, NULL, name);
}

static gchar *
aa_rtanalysis_test_run(AaPluginContext *ctx, GHashTable *options, const gchar *vm,
                       const gchar *vcpus, const gchar *format, GError **error)
{
	g_hash_table_insert(options, g_strdup("vm"), g_strdup(vm));
	if (vcpus != NULL)
		g_hash_table_insert(options, g_strdup("vcpus"), g_strdup(vcpus));
	g_hash_table_insert(options, g_strdup("format"), g_strdup(format));
	return aa_rtanalysis_run(ctx, options, error);
}

static GHashTable *
aa_rtanalysis_test_options(void)
{
	return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
}

/* rt-analyze of @vm on @ctx is refused with @code: the error */
static GError *
aa_rtanalysis_test_refused(AaPluginContext *ctx, const gchar *vm, const gchar *vcpus,
                           const gchar *format, gint code)
{
	g_autoptr(GHashTable) options = aa_rtanalysis_test_options();
	GError *error = NULL;
	g_autofree gchar *out = aa_rtanalysis_test_run(ctx, options, vm, vcpus, format, &error);

	g_assert_error(error, AA_ERROR, code);
	g_assert_null(out);
	return error;
}

static void
aa_rtanalysis_command_func(void)
{
	g_autoptr(AaPluginContext) ctx = aa_rtanalysis_test_context("valid-intent-rt-table4.xml");
	g_autoptr(GHashTable) options = aa_rtanalysis_test_options();
	g_autoptr(GHashTable) one = aa_rtanalysis_test_options();
	g_autoptr(GHashTable) text_options = aa_rtanalysis_test_options();
	g_autoptr(JsonParser) parser = json_parser_new();
	g_autoptr(GError) error = NULL;
	g_autofree gchar *json = NULL;
	g_autofree gchar *text = NULL;
	g_autofree gchar *unsched = NULL;
	JsonObject *root;
	JsonObject *part;
	JsonObject *glob;
	JsonObject *vcpu;
	JsonArray *vcpus;

	/* without --vcpus: the smallest N (2) and, under "next", N + 1 */
	json = aa_rtanalysis_test_run(ctx, options, "POST_RT_VM1", NULL, "json", &error);
	g_assert_no_error(error);
	g_assert_true(json_parser_load_from_data(parser, json, -1, &error));
	g_assert_no_error(error);
	root = json_node_get_object(json_parser_get_root(parser));
	g_assert_cmpstr(json_object_get_string_member(root, "vm"), ==, "POST_RT_VM1");
	g_assert_cmpfloat_with_epsilon(json_object_get_double_member(root, "utilization"), 1.4,
	                               1e-4);
	g_assert_cmpint(json_object_get_int_member(root, "min_vcpus"), ==, 2);
	part = json_object_get_object_member(root, "partitioned");
	g_assert_cmpint(json_object_get_int_member(part, "vcpus"), ==, 2);
	g_assert_cmpfloat_with_epsilon(json_object_get_double_member(part, "bandwidth"),
	                               7.5 / 11 + 27.5 / 33, 1e-9);
	vcpus = json_object_get_array_member(part, "vcpu");
	g_assert_cmpuint(json_array_get_length(vcpus), ==, 2);
	vcpu = json_array_get_object_element(vcpus, 1);
	g_assert_cmpfloat(json_object_get_double_member(vcpu, "budget_ms"), ==, 27.5);
	g_assert_cmpfloat(json_object_get_double_member(vcpu, "period_ms"), ==, 33.0);
	g_assert_cmpuint(json_array_get_length(json_object_get_array_member(vcpu, "tasks")), ==, 6);
	g_assert_cmpstr(
	    json_array_get_string_element(json_object_get_array_member(vcpu, "tasks"), 0), ==,
	    "t1");
	g_assert_cmpint(json_object_get_int_member(
	                    json_object_get_object_member(vcpu, "sched_deadline"), "runtime_ns"),
	                ==, 27500000);
	glob = json_object_get_object_member(root, "global");
	g_assert_cmpint(json_object_get_int_member(glob, "vcpus"), ==, 2);
	g_assert_cmpfloat(json_object_get_double_member(glob, "budget_ms"), ==, 17.5);
	g_assert_cmpfloat(json_object_get_double_member(glob, "period_ms"), ==, 10.0);
	g_assert_cmpfloat(json_object_get_double_member(glob, "per_vcpu_budget_ms"), ==, 8.75);
	g_assert_cmpfloat(json_object_get_double_member(glob, "bandwidth"), ==, 1.75);
	part = json_object_get_object_member(json_object_get_object_member(root, "next"),
	                                     "partitioned");
	g_assert_cmpint(json_object_get_int_member(part, "vcpus"), ==, 3);
	g_assert_false(g_hash_table_contains(options, "result"));

	/* one vCPU cannot hold U = 1.4: the module marks it for exit 1 */
	unsched = aa_rtanalysis_test_run(ctx, one, "POST_RT_VM1", "1", "text", &error);
	g_assert_no_error(error);
	g_assert_nonnull(strstr(unsched, "NOT schedulable"));
	g_assert_cmpstr(g_hash_table_lookup(one, "result"), ==, "unschedulable");

	/* text: the paper's (Q, P) and the SCHED_DEADLINE lines */
	text = aa_rtanalysis_test_run(ctx, text_options, "POST_RT_VM1", "4", "text", &error);
	g_assert_no_error(error);
	g_assert_nonnull(strstr(text, "{t2, t5, t6, t9} Q = 5.5 ms, P = 14 ms: 39.29%"));
	g_assert_nonnull(strstr(text, "chrt --deadline --sched-runtime 8500000 "
	                              "--sched-deadline 12000000 --sched-period 12000000"));
}

static void
aa_rtanalysis_command_errors_func(void)
{
	g_autoptr(AaPluginContext) ctx = aa_rtanalysis_test_context("valid-intent-rt-table4.xml");
	g_autoptr(AaPluginContext) day =
	    aa_rtanalysis_test_context("invalid-rt-analyze-day-period.xml");
	const gchar *bad_vcpus[] = {"0", "-1", "x", "257"};
	g_autoptr(GError) no_tasks = NULL;
	g_autoptr(GError) day_period = NULL;

	for (guint i = 0; i < G_N_ELEMENTS(bad_vcpus); i++)
		g_error_free(aa_rtanalysis_test_refused(ctx, "POST_RT_VM1", bad_vcpus[i], "json",
		                                        AA_ERROR_INVALID_ARGUMENT));
	g_error_free(aa_rtanalysis_test_refused(ctx, "NOPE", NULL, "json", AA_ERROR_NOT_FOUND));
	/* a VM without <tasks>: named with its line */
	no_tasks =
	    aa_rtanalysis_test_refused(ctx, "POST_STD_VM1", NULL, "text", AA_ERROR_INVALID_DATA);
	/* the message is the feature: it names the file */
	g_assert_nonnull(strstr(no_tasks->message, "valid-intent-rt-table4.xml:"));
	g_error_free(aa_rtanalysis_test_refused(ctx, "POST_RT_VM1", NULL, "yaml",
	                                        AA_ERROR_INVALID_ARGUMENT));
	day_period =
	    aa_rtanalysis_test_refused(day, "POST_RT_VM1", NULL, "text", AA_ERROR_INVALID_DATA);
	/* the message is the feature: it names the file */
	g_assert_nonnull(strstr(day_period->message, "invalid-rt-analyze-day-period.xml:"));
}

/* board adl-asrock, scenario shared.xml (POST_RT_VM1 on pCPUs 10, 11) and an intent */
static AaPluginContext *
aa_rtanalysis_test_full_context(const gchar *dir, const gchar *name)
{
	g_autofree gchar *intent = aa_test_fixture_path(dir, name, NULL);
	return aa_test_context_acrn("adl-asrock", intent);
}

static void
aa_rtanalysis_headroom_rule_func(void)
{
	g_autoptr(AaPluginContext) trigger =
	    aa_rtanalysis_test_full_context("rules", "trigger-rt-headroom.xml");
	g_autoptr(AaPluginContext) clean =
	    aa_rtanalysis_test_full_context("rules", "clean-rt-headroom.xml");
	g_autoptr(AaDiagnostics) bad = NULL;
	g_autoptr(AaDiagnostics) good = NULL;
	const AaDiagnostic *d = NULL;

	g_assert_cmpfloat(aa_rtanalysis_headroom_pct(trigger->intent), ==, 20.0);
	g_assert_cmpfloat(aa_rtanalysis_headroom_pct(clean->intent), ==, 10.0);
	bad = aa_test_validate(trigger, NULL);
	for (guint i = 0; i < bad->diagnostics->len; i++) {
		const AaDiagnostic *x = g_ptr_array_index(bad->diagnostics, i);
		if (g_strcmp0(x->rule_id, "rt-headroom") == 0) {
			g_assert_null(d);
			d = x;
		}
	}
	g_assert_nonnull(d);
	g_assert_cmpint(d->severity, ==, AA_SEVERITY_WARNING);
	g_assert_cmpstr(d->vm, ==, "POST_RT_VM1");
	g_assert_true(g_str_has_suffix(d->file, "trigger-rt-headroom.xml"));
	g_assert_cmpint(d->line, ==, 9);
	/* vCPU 1 (27.5 ms every 33 ms) only; vCPU 0 keeps 31.82% */
	g_assert_nonnull(strstr(d->message, "vCPU 1 reserves 83.33%"));
	g_assert_null(strstr(d->message, "vCPU 0"));
	g_assert_nonnull(strstr(d->fix, "3 P-core pCPUs"));

	good = aa_test_validate(clean, NULL);
	g_assert_false(aa_diagnostics_has_rule(good, "rt-headroom"));
	g_assert_false(aa_diagnostics_has_rule(good, "rt-unschedulable"));
}

static void
aa_rtanalysis_reservation_func(void)
{
	g_autoptr(AaPluginContext) ctx =
	    aa_rtanalysis_test_full_context("rules", "clean-rt-headroom.xml");
	g_autoptr(xmlDoc) doc = xmlNewDoc((const xmlChar *)"1.0");
	g_autoptr(GArray) pcpus = g_array_new(FALSE, FALSE, sizeof(guint));
	xmlNode *parent = xmlNewNode(NULL, (const xmlChar *)"vm");
	AaIntentVm *vm = aa_intent_get_vm(ctx->intent, "POST_RT_VM1");
	xmlNode *node;
	xmlNode *vcpu;
	const guint ids[] = {4, 5};
	g_autofree gchar *bw = NULL;
	g_autofree gchar *tasks = NULL;
	g_autofree gchar *runtime = NULL;
	g_autofree gchar *pcpu = NULL;
	g_autofree gchar *gbudget = NULL;

	g_array_append_vals(pcpus, ids, 2);
	node = aa_rtanalysis_reservation_new(vm, pcpus, 2, 10.0);
	xmlDocSetRootElement(doc, node);
	bw = aa_xml_prop(node, "bandwidth");
	g_assert_cmpstr(bw, ==, "1.51515152");
	gbudget = aa_xml_prop(node, "global-budget-ms");
	g_assert_cmpstr(gbudget, ==, "17.5");
	vcpu = xmlFirstElementChild(node);
	vcpu = xmlNextElementSibling(vcpu);
	tasks = aa_xml_prop(vcpu, "tasks");
	g_assert_cmpstr(tasks, ==, "t1 t2 t5 t6 t8 t9");
	runtime = aa_xml_prop(vcpu, "runtime-ns");
	g_assert_cmpstr(runtime, ==, "27500000");
	pcpu = aa_xml_prop(vcpu, "pcpu");
	g_assert_cmpstr(pcpu, ==, "5");

	/* added to its <vm>; a VM without vCPUs gets nothing */
	g_assert_null(aa_rtanalysis_reservation_add(parent, vm, pcpus, 0, 10.0));
	g_assert_null(parent->children);
	node = aa_rtanalysis_reservation_add(parent, vm, pcpus, 2, 10.0);
	g_assert_nonnull(node);
	g_assert_true(parent->children == node);
	g_assert_cmpstr((const gchar *)node->name, ==, "rt-reservation");
	g_assert_cmpuint(xmlChildElementCount(node), ==, 2);
	xmlFreeNode(parent);
}

static void
aa_rtanalysis_report_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *srcdir = g_strdup(g_test_get_dir(G_TEST_DIST));
	g_autofree gchar *rec = aa_test_fixture_path("valid-recommendation-rt-table4.xml", NULL);
	AaPluginContext ctx = {.data_dir = srcdir};
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
	g_autofree gchar *tmp = g_dir_make_tmp("aa-rtanalysis-XXXXXX", &error);
	g_autofree gchar *out = g_build_filename(tmp, "report.html", NULL);
	g_autofree gchar *summary = NULL;
	g_autofree gchar *html = NULL;
	const gchar *section;

	g_assert_no_error(error);
	g_hash_table_insert(options, (gpointer) "recommendation", rec);
	g_hash_table_insert(options, (gpointer) "output", out);
	summary = aa_report_write(&ctx, options, &error);
	g_assert_no_error(error);
	g_assert_true(g_file_get_contents(out, &html, NULL, &error));
	g_assert_no_error(error);
	section = strstr(html, "RT reservations per vCPU");
	g_assert_nonnull(section);
	/* partitioned against global, as the paper compares them */
	aa_test_assert_contains(section, "151.52% of a core", "175.00% of a core",
	                        "(17.5 ms every 10 ms on 2 vCPUs)", NULL);
	g_assert_nonnull(strstr(section, "chrt --deadline --sched-runtime 27500000 "
	                                 "--sched-deadline 33000000 --sched-period 33000000"));
	/* vCPU 1's 16.67% headroom is below the 20% asked: marked */
	g_assert_nonnull(strstr(section, "<td class=\"n missed\">16.67%"));
	g_assert_null(strstr(section, "<td class=\"n missed\">31.82%"));
	g_assert_cmpint(g_unlink(out), ==, 0);
	g_assert_cmpint(g_rmdir(tmp), ==, 0);
}

static void
aa_rtanalysis_default_policy_func(void)
{
	g_autoptr(AaPluginContext) ctx =
	    aa_rtanalysis_test_context("valid-intent-rt-default-policy.xml");
	g_autoptr(GHashTable) options = aa_rtanalysis_test_options();
	g_autoptr(JsonParser) parser = json_parser_new();
	g_autoptr(GError) error = NULL;
	g_autofree gchar *json = NULL;
	AaIntentVm *vm = aa_intent_get_vm(ctx->intent, "POST_RT_VM1");
	JsonObject *root;
	JsonArray *vcpus;

	/* the validator's default stays EDF: one core; the analysis assumes RM */
	g_assert_cmpint(aa_rtsched_vm_policy(vm), ==, AA_RTSCHED_EDF);
	g_assert_cmpuint(aa_rtsched_vm_min_pcores(vm), ==, 1);
	g_assert_cmpint(aa_rtanalysis_vm_policy(vm), ==, AA_RTSCHED_RM);
	json = aa_rtanalysis_test_run(ctx, options, "POST_RT_VM1", NULL, "json", &error);
	g_assert_no_error(error);
	g_assert_true(json_parser_load_from_data(parser, json, -1, &error));
	root = json_node_get_object(json_parser_get_root(parser));
	g_assert_cmpstr(json_object_get_string_member(root, "policy"), ==, "rm");
	g_assert_cmpint(json_object_get_int_member(root, "min_vcpus"), ==, 2);
	g_assert_cmpint(json_object_get_int_member(root, "dedicated_pcores"), ==, 1);
	vcpus = json_object_get_array_member(json_object_get_object_member(root, "partitioned"),
	                                     "vcpu");
	g_assert_cmpuint(json_array_get_length(vcpus), ==, 2);
	for (guint c = 0; c < 2; c++) {
		JsonObject *v = json_array_get_object_element(vcpus, c);
		g_assert_cmpfloat(json_object_get_double_member(v, "budget_ms"), ==, 8.5);
		g_assert_cmpfloat(json_object_get_double_member(v, "period_ms"), ==, 10.0);
	}
}

static void
aa_rtanalysis_edf_ties_func(void)
{
	g_autoptr(GPtrArray) tasks = aa_test_tasks_new();
	g_autoptr(AaRtPartition) part = NULL;
	AaRtVcpu *first;

	/* under EDF every fluid growth is the task's utilisation as long as no
	 * constrained deadline dominates (here sup dbf(t)/t = U, reached only over the
	 * 40 ms hyperperiod): all ties, so every task stays on vCPU 0 (checked apart
	 * in exact fractions) */
	aa_test_task_add(tasks, "t0", 1512, 20000, 0);
	aa_test_task_add(tasks, "t1", 9124, 40000, 33980);
	aa_test_task_add(tasks, "t2", 3893, 20000, 18463);
	aa_test_task_add(tasks, "t3", 451, 20000, 0);
	aa_test_task_add(tasks, "t4", 13362, 40000, 0);
	part = aa_rtanalysis_partition(tasks, 3, AA_RTSCHED_EDF);
	g_assert_true(part->schedulable);
	first = g_ptr_array_index(part->vcpus, 0);
	g_assert_cmpuint(first->tasks->len, ==, 5);
}

static void
aa_rtanalysis_cli_func(void)
{
	const gchar *host = g_getenv("AA_HOST");
	g_autofree gchar *intent = aa_test_fixture_path("valid-intent-rt-table4.xml", NULL);
	g_autofree gchar *day = aa_test_fixture_path("invalid-rt-analyze-day-period.xml", NULL);
	g_autofree gchar *out = NULL;
	g_autofree gchar *err = NULL;

	if (host == NULL || !g_file_test(host, G_FILE_TEST_IS_EXECUTABLE)) {
		g_test_skip("the acrn-alloc host is not built");
		return;
	}
	{
		const gchar *args[] = {"rt-analyze", "--intent", intent,     "--vm", "POST_RT_VM1",
		                       "--vcpus",    "4",        "--format", "json", NULL};
		g_autoptr(JsonParser) parser = json_parser_new();
		g_autoptr(GError) error = NULL;
		g_assert_cmpint(aa_test_host_argv(NULL, args, &out, &err), ==, 0);
		g_assert_true(json_parser_load_from_data(parser, out, -1, &error));
		g_assert_no_error(error);
	}
	g_clear_pointer(&out, g_free);
	g_clear_pointer(&err, g_free);
	{
		/* one vCPU does not schedule U = 1.4: exit 1, the analysis still printed */
		const gchar *args[] = {"rt-analyze",  "--intent", intent, "--vm",
		                       "POST_RT_VM1", "--vcpus",  "1",    NULL};
		g_assert_cmpint(aa_test_host_argv(NULL, args, &out, &err), ==, 1);
		g_assert_nonnull(strstr(out, "NOT schedulable"));
	}
	g_clear_pointer(&out, g_free);
	g_clear_pointer(&err, g_free);
	{
		/* refused input: exit 2, file:line */
		const gchar *args[] = {"rt-analyze", "--intent", day, "--vm", "POST_RT_VM1", NULL};
		g_assert_cmpint(aa_test_host_argv(NULL, args, &out, &err), ==, 2);
		g_assert_nonnull(strstr(err, "invalid-rt-analyze-day-period.xml:"));
	}
	g_clear_pointer(&out, g_free);
	g_clear_pointer(&err, g_free);
	{
		const gchar *args[] = {"rt-analyze", "--intent", intent, NULL};
		g_assert_cmpint(aa_test_host_argv(NULL, args, &out, &err), ==, 2);
		g_assert_nonnull(strstr(err, "--vm"));
	}
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/aa/rtanalysis/table4", aa_rtanalysis_table4_func);
	g_test_add_func("/aa/rtanalysis/sbf", aa_rtanalysis_sbf_func);
	g_test_add_func("/aa/rtanalysis/fp-points", aa_rtanalysis_fp_points_func);
	g_test_add_func("/aa/rtanalysis/interface", aa_rtanalysis_interface_func);
	g_test_add_func("/aa/rtanalysis/exact-vcpus", aa_rtanalysis_exact_vcpus_func);
	g_test_add_func("/aa/rtanalysis/gedf-points", aa_rtanalysis_gedf_points_func);
	g_test_add_func("/aa/rtanalysis/hostile", aa_rtanalysis_hostile_func);
	g_test_add_func("/aa/rtanalysis/check", aa_rtanalysis_check_func);
	g_test_add_func("/aa/rtanalysis/command", aa_rtanalysis_command_func);
	g_test_add_func("/aa/rtanalysis/command-errors", aa_rtanalysis_command_errors_func);
	g_test_add_func("/aa/rtanalysis/headroom-rule", aa_rtanalysis_headroom_rule_func);
	g_test_add_func("/aa/rtanalysis/reservation", aa_rtanalysis_reservation_func);
	g_test_add_func("/aa/rtanalysis/report", aa_rtanalysis_report_func);
	g_test_add_func("/aa/rtanalysis/default-policy", aa_rtanalysis_default_policy_func);
	g_test_add_func("/aa/rtanalysis/edf-ties", aa_rtanalysis_edf_ties_func);
	g_test_add_func("/aa/rtanalysis/cli", aa_rtanalysis_cli_func);
	return g_test_run();
}
