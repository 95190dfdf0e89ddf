/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * One feasibility (MODEL.md v2): the hard rules on hand-made VMs, and the
 * property that no recommendation fails validation: random intents on ACRN's
 * sample boards and scenarios are recommended, applied and validated; each
 * one either passes with no error or is refused as infeasible with the
 * binding constraint named.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "aa-board-private.h"
#include "aa-context-private.h"
#include "aa-error.h"
#include "aa-feasibility.h"
#include "aa-model-private.h"
#include "aa-model.h"
#include "aa-recommend.h"
#include "aa-scenario-private.h"
#include "aa-test-util.h"
#include "aa-transform.h"
#include "aa-xml.h"

#define AA_PROPERTY_SEED    20261129
#define AA_PROPERTY_INTENTS 320

/* hand-made VMs */

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaIntentVm, aa_test_intent_vm_free)

/* a sample with the P-cores busy, resident memory @rss and working set @wss */
static void
aa_feas_test_wss(AaIntentVm *vm, gdouble rss, gdouble wss)
{
	aa_test_profile_sample(aa_test_intent_vm_profile(vm), 1.0, NAN, rss, wss, NAN);
}

/* the checks of @vm at eta 0.6 with the demand r_prof (1, 2000, 0) and
 * r_min (0.5, 500, 0) */
static void
aa_feas_test_init(AaFeasibility *f, AaIntentVm *vm, gboolean rt)
{
	const gdouble r_prof[AA_RESOURCE_COUNT] = {1.0, 2000.0, 0.0};
	const gdouble r_min[AA_RESOURCE_COUNT] = {0.5, 500.0, 0.0};

	aa_feasibility_init(f, vm, rt, 0.6);
	aa_feasibility_set_demand(f, r_prof, r_min);
}

static void
aa_feasibility_rules_func(void)
{
	g_autoptr(AaIntentVm) vm = aa_test_intent_vm_new("VM", AA_VM_CLASS_GENERAL);
	AaFeasibility f;
	AaAlloc r = {2, 0, 3072, 0};

	aa_feas_test_wss(vm, 2500, 1800);
	aa_feas_test_wss(vm, 2600, 2100);
	aa_feas_test_init(&f, vm, FALSE);
	g_assert_true(f.has_wss);
	g_assert_cmpfloat_with_epsilon(f.wss_mib, 2100, 1e-9);
	g_assert_cmpint(aa_feasibility_check(&f, &r), ==, AA_FEASIBILITY_OK);
	/* memory below the working set (but above r_min): the validator's error */
	r.memory_mib = 2048;
	g_assert_cmpint(aa_feasibility_check(&f, &r), ==, AA_FEASIBILITY_WORKING_SET);
	g_assert_false(aa_feasibility_memory_covers_wss(vm->profile, 2048));
	g_assert_true(aa_feasibility_memory_covers_wss(vm->profile, 2100));
	r.memory_mib = 2100;
	g_assert_cmpint(aa_feasibility_check(&f, &r), ==, AA_FEASIBILITY_OK);
	/* the other rules */
	r.e_cores = 1;
	g_assert_cmpint(aa_feasibility_check(&f, &r), ==, AA_FEASIBILITY_MIXED);
	r.p_cores = 0;
	g_assert_cmpint(aa_feasibility_check(&f, &r), ==, AA_FEASIBILITY_OK);
	r.e_cores = 0;
	g_assert_cmpint(aa_feasibility_check(&f, &r), ==, AA_FEASIBILITY_NO_CPU);
	r.e_cores = -1;
	g_assert_cmpint(aa_feasibility_check(&f, &r), ==, AA_FEASIBILITY_NEGATIVE);
	r.e_cores = 0;
	r.p_cores = 1;
	vm->limits[AA_DIM_P_CORES].has_min = TRUE;
	vm->limits[AA_DIM_P_CORES].min = 2;
	g_assert_cmpint(aa_feasibility_check(&f, &r), ==, AA_FEASIBILITY_LIMITS);
	vm->limits[AA_DIM_P_CORES].has_min = FALSE;
	/* x = 0.6 is above r_min 0.5, 0.4 is not */
	f.r_min[AA_RESOURCE_CPU] = 1.0;
	g_assert_cmpint(aa_feasibility_check(&f, &r), ==, AA_FEASIBILITY_R_MIN);
	aa_feasibility_clear(&f);

	/* without wss values RSS is not a hard rule */
	vm->profile->has_wss = FALSE;
	aa_feasibility_init(&f, vm, FALSE, 0.6);
	g_assert_false(f.has_wss);
	r.memory_mib = 128;
	g_assert_cmpint(aa_feasibility_check(&f, &r), ==, AA_FEASIBILITY_OK);
	aa_feasibility_clear(&f);
}

static void
aa_feasibility_rt_func(void)
{
	g_autofree gchar *cause = NULL;
	g_autoptr(AaIntentVm) vm = aa_test_intent_vm_new("VM", AA_VM_CLASS_GENERAL);
	AaFeasibility f;
	AaAlloc r = {1, 0, 1024, 0};
	const struct {
		gint64 p_cores;
		gint64 e_cores;
		AaFeasibilityRule rule;
	} steps[] = {{1, 0, AA_FEASIBILITY_RT_TASKS},
	             {2, 0, AA_FEASIBILITY_RT_TASKS},
	             {3, 0, AA_FEASIBILITY_OK},
	             {8, 0, AA_FEASIBILITY_OK},
	             {0, 3, AA_FEASIBILITY_RT_P_CORES}};

	/* U = 0.6 + 0.6 + 0.6: EDF needs 3 vCPUs (no two fit together) */
	aa_test_intent_vm_task(vm, "a", 600, 1000);
	aa_test_intent_vm_task(vm, "b", 1200, 2000);
	aa_test_intent_vm_task(vm, "c", 3000, 5000);
	aa_feasibility_init(&f, vm, TRUE, 0.6);
	g_assert_true(f.has_tasks);
	g_assert_cmpint(f.policy, ==, AA_RTSCHED_EDF);
	g_assert_cmpuint(f.rt_min_p_cores, ==, 3);
	/* 1 and 2 P-cores are too few, 3 and 8 enough; an RT VM on E-cores is not */
	for (guint i = 0; i < G_N_ELEMENTS(steps); i++) {
		r.p_cores = steps[i].p_cores;
		r.e_cores = steps[i].e_cores;
		g_assert_cmpint(aa_feasibility_check(&f, &r), ==, steps[i].rule);
	}
	cause = aa_feasibility_min_cause(&f, AA_DIM_P_CORES, 3, 128);
	g_assert_nonnull(strstr(cause, "needs 3 P-cores"));
	aa_feasibility_clear(&f);

	/* the validator's own test: rate monotonic where the intent says rm.
	 * 0.45 + 0.45 is EDF-schedulable on one vCPU; RM's response time of the
	 * second task is 0.9 + 0.45 ... > its period 10 with periods 10 and 14 */
	g_ptr_array_set_size(vm->tasks, 0);
	aa_test_intent_vm_task(vm, "x", 450, 1000);
	aa_test_intent_vm_task(vm, "y", 630, 1400);
	vm->tasks_rate_monotonic = FALSE;
	aa_feasibility_init(&f, vm, TRUE, 0.6);
	g_assert_cmpuint(f.rt_min_p_cores, ==, 1);
	aa_feasibility_clear(&f);
	vm->tasks_rate_monotonic = TRUE;
	aa_feasibility_init(&f, vm, TRUE, 0.6);
	g_assert_cmpint(f.policy, ==, AA_RTSCHED_RM);
	g_assert_cmpuint(f.rt_min_p_cores, ==, 2);
	r.p_cores = 1;
	r.e_cores = 0;
	g_assert_cmpint(aa_feasibility_check(&f, &r), ==, AA_FEASIBILITY_RT_TASKS);
	aa_feasibility_clear(&f);
}

static void
aa_feasibility_clamp_func(void)
{
	g_autoptr(AaIntentVm) vm = aa_test_intent_vm_new("VM", AA_VM_CLASS_GENERAL);
	AaFeasibility f;
	AaAlloc r = {1, 2, 1024, 0};

	aa_test_intent_vm_task(vm, "a", 600, 1000);
	aa_test_intent_vm_task(vm, "b", 1200, 2000);
	aa_feas_test_wss(vm, 2500, 2100);
	aa_feas_test_init(&f, vm, TRUE);
	/* E-cores become P-cores (3), memory rises to the working set in quanta */
	aa_feasibility_clamp(&f, 1024, &r);
	g_assert_cmpint(r.p_cores, ==, 3);
	g_assert_cmpint(r.e_cores, ==, 0);
	g_assert_cmpint(r.memory_mib, ==, 3072);
	g_assert_cmpint(aa_feasibility_check(&f, &r), ==, AA_FEASIBILITY_OK);
	/* one P-core rises to the two the task set needs */
	r.p_cores = 1;
	aa_feasibility_clamp(&f, 1024, &r);
	g_assert_cmpint(r.p_cores, ==, 2);
	/* a memory maximum below the working set cannot be met: the check says so */
	vm->limits[AA_DIM_MEMORY_MIB].has_max = TRUE;
	vm->limits[AA_DIM_MEMORY_MIB].max = 2048;
	r.memory_mib = 8192;
	aa_feasibility_clamp(&f, 1024, &r);
	g_assert_cmpint(aa_feasibility_check(&f, &r), !=, AA_FEASIBILITY_OK);
	aa_feasibility_clear(&f);
}

/* the property test */

typedef struct {
	const gchar *board_dir;
	const gchar *board;
	const gchar *scenario;
} AaPropertyInput;

static const AaPropertyInput aa_property_inputs[] = {
    {"adl-asrock", "adl-asrock.xml", "shared.xml"},
    {"nuc11tnbi5", "nuc11tnbi5.xml", "hybrid_launch_2user_vm.xml"},
    {"whl-ipc-i5", "whl-ipc-i5.xml", "hybrid_rt.xml"},
    {"cfl-k700-i7", "cfl-k700-i7.xml", "hybrid_launch_2user_vm.xml"},
    {"cfl-k700-i7", "cfl-k700-i7.xml", "shared_launch_6user_vm.xml"},
    {"tgl-vecow-spc-7100-Corei7", "tgl-vecow-spc-7100-Corei7.xml", "shared.xml"},
    {"generic_board", "generic_board.xml", "hybrid.xml"},
    {"qemu", "qemu.xml", "shared.xml"},
};

typedef struct {
	guint feasible;
	guint infeasible;
	guint robust;
	guint paper;
	guint robust_more;   /* robust recommendations meeting more targets than both baselines */
	guint robust_same;   /* as many as the better one */
	guint robust_fewer;  /* fewer (possible: the first level counts weights) */
	guint with_wss;      /* VMs with a working set in feasible recommendations */
	guint rt_with_tasks; /* VMs with a task set in feasible recommendations */
	guint free_capacity; /* recommendations given free capacity after the search */
} AaPropertyStats;

static xmlNode *
aa_prop_child(xmlNode *parent, const gchar *name)
{
	return xmlNewChild(parent, NULL, (const xmlChar *)name, NULL);
}

static void aa_prop_set(xmlNode *node, const gchar *name, const gchar *format, ...)
    G_GNUC_PRINTF(3, 4);

static void
aa_prop_set(xmlNode *node, const gchar *name, const gchar *format, ...)
{
	va_list args;
	g_autofree gchar *value = NULL;
	va_start(args, format);
	value = g_strdup_vprintf(format, args);
	va_end(args);
	xmlSetProp(node, (const xmlChar *)name, (const xmlChar *)value);
}

static gchar *
aa_prop_double(gdouble v)
{
	gchar buf[G_ASCII_DTOSTR_BUF_SIZE];
	return g_strdup(g_ascii_formatd(buf, sizeof(buf), "%.4f", v));
}

typedef struct {
	const gchar *metric;
	gboolean higher;
} AaPropMetric;

/* a plain write: g_file_set_contents() syncs, which is slow on a busy disk */
static void
aa_prop_write(const gchar *path, const gchar *text)
{
	FILE *f = g_fopen(path, "w");
	g_assert_nonnull(f);
	g_assert_cmpuint(fwrite(text, 1, strlen(text), f), ==, strlen(text));
	g_assert_cmpint(fclose(f), ==, 0);
}

static const AaPropMetric aa_prop_metrics[] = {
    {"fps", TRUE}, {"latency-ms", FALSE}, {"ops", TRUE}, {"frame-time-ms", FALSE}};

/* one VM of a random intent: its <vm> element and its profile (and calibration) */
static void
aa_prop_vm(GRand *rand, xmlNode *root, const gchar *dir, const AaVm *svm, guint index, gboolean gpu)
{
	xmlNode *vm = aa_prop_child(root, "vm");
	gboolean rt = aa_vm_is_rt(svm) || g_rand_int_range(rand, 0, 8) == 0;
	const gchar *classes[] = {"gaming", "ai-inference", "web", "general"};
	g_autofree gchar *profile_fn = g_strdup_printf("vm%u.csv", index);
	g_autofree gchar *profile_path = g_build_filename(dir, profile_fn, NULL);
	g_autoptr(GString) csv = g_string_new("# acrn-alloc-profile v1\n");
	gboolean has_wss = g_rand_int_range(rand, 0, 5) < 2;
	gboolean has_gpu = gpu && !rt && g_rand_int_range(rand, 0, 3) == 0;
	gdouble level = g_rand_double_range(rand, 0.3, 2.5);
	/* sometimes the GPU or the 4 P-cores ran saturated: censored demand, and
	 * free capacity after the search where a target is predicted missed */
	gboolean gpu_saturated = has_gpu && g_rand_int_range(rand, 0, 2) == 0;
	gboolean cpu_saturated = g_rand_int_range(rand, 0, 5) == 0;
	gdouble mem = g_rand_double_range(rand, 300, 4000);
	guint n_samples = g_rand_int_range(rand, 8, 21);
	guint n_metrics = rt ? 0 : g_rand_int_range(rand, 1, 3);
	guint first_metric = g_rand_int_range(rand, 0, G_N_ELEMENTS(aa_prop_metrics));
	gdouble q_prof[2] = {0};
	xmlNode *node;

	aa_prop_set(vm, "name", "%s", svm->name);
	aa_prop_set(vm, "class", "%s", rt ? "rtos" : classes[g_rand_int_range(rand, 0, 4)]);

	/* QoS targets around what was profiled */
	for (guint j = 0; j < n_metrics; j++) {
		const AaPropMetric *m =
		    &aa_prop_metrics[(first_metric + j) % G_N_ELEMENTS(aa_prop_metrics)];
		g_autofree gchar *target = NULL;
		g_autofree gchar *weight = aa_prop_double(g_rand_double_range(rand, 0.1, 1.0));
		/* a saturated VM's first target often asks for more than it got */
		gboolean more = j == 0 && (gpu_saturated || cpu_saturated);
		q_prof[j] = g_rand_double_range(rand, 10, 500);
		target = aa_prop_double(
		    m->higher ? q_prof[j] * g_rand_double_range(rand, 0.6, more ? 1.4 : 1.05)
		              : q_prof[j] * g_rand_double_range(rand, more ? 0.7 : 0.95, 1.6));
		node = aa_prop_child(vm, "qos");
		aa_prop_set(node, "metric", "%s", m->metric);
		aa_prop_set(node, "direction", "%s", m->higher ? "higher" : "lower");
		aa_prop_set(node, "target", "%s", target);
		aa_prop_set(node, "weight", "%s", weight);
	}
	if (rt) {
		node = aa_prop_child(vm, "qos");
		aa_prop_set(node, "metric", "deadline-miss-ratio");
		aa_prop_set(node, "direction", "lower");
		aa_prop_set(node, "target", "0");
	}
	if (g_rand_boolean(rand)) {
		node = aa_prop_child(vm, "utilization");
		aa_prop_set(node, "lambda", "%.2f", g_rand_double_range(rand, 0.0, 0.3));
		node = aa_prop_child(node, "weight");
		aa_prop_set(node, "resource", g_rand_boolean(rand) ? "cpu" : "memory");
		aa_prop_set(node, "value", "%.2f", g_rand_double_range(rand, 0.1, 1.0));
	}

	/* limits, sometimes; some of them impossible on purpose */
	if (g_rand_int_range(rand, 0, 3) == 0) {
		xmlNode *limits = aa_prop_child(vm, "limits");
		if (g_rand_boolean(rand)) {
			node = aa_prop_child(limits, "p-cores");
			aa_prop_set(node, "max", "%d", g_rand_int_range(rand, 1, 5));
		}
		if (g_rand_boolean(rand)) {
			node = aa_prop_child(limits, "memory-mib");
			aa_prop_set(node, "max", "%d", g_rand_int_range(rand, 1024, 9000));
		}
		if (g_rand_int_range(rand, 0, 4) == 0) {
			node = aa_prop_child(limits, "gpu-slices");
			aa_prop_set(node, "max", "0");
		}
	}
	node = aa_prop_child(vm, "profile");
	aa_prop_set(node, "href", "%s", profile_fn);

	/* an RT task set needing 1 to 4 vCPUs */
	if (rt) {
		xmlNode *tasks = aa_prop_child(vm, "tasks");
		guint n_tasks = g_rand_int_range(rand, 1, 5);
		aa_prop_set(tasks, "policy", g_rand_int_range(rand, 0, 3) == 0 ? "rm" : "edf");
		for (guint t = 0; t < n_tasks; t++) {
			guint period = 1000 * g_rand_int_range(rand, 1, 20);
			guint wcet = MAX(1, (guint)(period * g_rand_double_range(rand, 0.05, 0.5)));
			node = aa_prop_child(tasks, "task");
			aa_prop_set(node, "name", "t%u", t);
			aa_prop_set(node, "wcet-us", "%u", wcet);
			aa_prop_set(node, "period-us", "%u", period);
		}
	}

	/* the trace */
	g_string_append_printf(csv, "# vm: %s\n", svm->name);
	g_string_append_printf(csv,
	                       "# allocation: p_cores=4 e_cores=0 memory_mib=8192 "
	                       "gpu_slices=%d\n",
	                       has_gpu ? 4 : 0);
	g_string_append(csv, "# qos:");
	for (guint j = 0; j < n_metrics; j++) {
		const AaPropMetric *m =
		    &aa_prop_metrics[(first_metric + j) % G_N_ELEMENTS(aa_prop_metrics)];
		g_autofree gchar *v = aa_prop_double(q_prof[j]);
		g_string_append_printf(csv, " %s=%s", m->metric, v);
	}
	g_string_append(csv, "\ntime_s,cpu_p_busy,cpu_e_busy,mem_rss_mib,wss_mib,gpu_busy_pct\n");
	for (guint s = 0; s < n_samples; s++) {
		g_autofree gchar *cpu =
		    aa_prop_double(cpu_saturated ? 4.0 * g_rand_double_range(rand, 0.97, 1.0)
		                                 : level * g_rand_double_range(rand, 0.3, 1.0));
		gdouble rss = mem * g_rand_double_range(rand, 0.6, 1.0);
		g_autofree gchar *rss_text = aa_prop_double(rss);
		g_autofree gchar *wss_text =
		    has_wss ? aa_prop_double(rss * g_rand_double_range(rand, 0.5, 1.0))
		            : g_strdup("");
		g_autofree gchar *gpu_text =
		    has_gpu ? aa_prop_double(gpu_saturated ? g_rand_double_range(rand, 97, 100)
		                                           : g_rand_double_range(rand, 10, 90))
		            : g_strdup("");
		g_string_append_printf(csv, "%u,%s,0,%s,%s,%s\n", s, cpu, rss_text, wss_text,
		                       gpu_text);
	}
	aa_prop_write(profile_path, csv->str);

	/* calibration runs, sometimes */
	if (n_metrics > 0 && g_rand_int_range(rand, 0, 4) == 0) {
		g_autofree gchar *cal_fn = g_strdup_printf("vm%u-cal.csv", index);
		g_autofree gchar *cal_path = g_build_filename(dir, cal_fn, NULL);
		g_autoptr(GString) cal =
		    g_string_new("p_cores,e_cores,memory_mib,gpu_slices,metric,value\n");
		const AaPropMetric *m = &aa_prop_metrics[first_metric];
		guint rows = g_rand_int_range(rand, 2, 6);
		for (guint c = 0; c < rows; c++) {
			gint p = g_rand_int_range(rand, 1, 5);
			g_autofree gchar *v =
			    aa_prop_double(q_prof[0] * g_rand_double_range(rand, 0.4, 1.1));
			g_string_append_printf(cal, "%d,0,%d,%d,%s,%s\n", p,
			                       1024 * g_rand_int_range(rand, 1, 8), has_gpu ? 2 : 0,
			                       m->metric, v);
		}
		aa_prop_write(cal_path, cal->str);
		node = aa_prop_child(vm, "calibration");
		aa_prop_set(node, "href", "%s", cal_fn);
	}
}

/* a random intent for @scenario's post-launched VMs; returns its file name */
static gchar *
aa_prop_intent(GRand *rand, const gchar *dir, AaPluginContext *ctx, gboolean *robust)
{
	g_autoptr(xmlDoc) doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNode *root = xmlNewNode(NULL, (const xmlChar *)"alloc-intent");
	xmlNode *policy;
	xmlNode *reserve;
	xmlNode *node;
	const gchar *objectives[] = {"performance", "balanced", "efficiency"};
	const guint quanta[] = {512, 1024, 2048};
	gchar *fn = g_build_filename(dir, "intent.xml", NULL);
	guint n_vms = 0;
	AaScenario *scenario = ctx->scenario;
	/* GPU demand only where the board has an SR-IOV GPU (else it is infeasible by rule) */
	const AaPciDevice *pf = aa_board_get_gpu_pf(ctx->board);
	gboolean gpu = pf != NULL && pf->total_vfs > 0;

	xmlDocSetRootElement(doc, root);
	aa_prop_set(root, "version", "1");
	policy = aa_prop_child(root, "policy");
	aa_prop_set(policy, "objective", "%s", objectives[g_rand_int_range(rand, 0, 3)]);
	*robust = g_rand_int_range(rand, 0, 10) < 7;
	aa_prop_set(policy, "model", *robust ? "robust" : "paper");
	node = aa_prop_child(policy, "memory-quantum-mib");
	xmlNodeSetContent(node, (const xmlChar *)"");
	{
		g_autofree gchar *q = g_strdup_printf("%u", quanta[g_rand_int_range(rand, 0, 3)]);
		xmlNodeSetContent(node, (const xmlChar *)q);
	}
	{
		g_autofree gchar *g = g_strdup_printf("%d", gpu ? g_rand_int_range(rand, 2, 7) : 0);
		node = aa_prop_child(policy, "gpu-slices");
		xmlNodeSetContent(node, (const xmlChar *)g);
	}
	reserve = aa_prop_child(policy, "reserve");
	node = aa_prop_child(reserve, "service-vm");
	aa_prop_set(node, "pcpus", "%d", g_rand_int_range(rand, 0, 3));
	aa_prop_set(node, "memory-mib", "%d", g_rand_int_range(rand, 1024, 4097));
	node = aa_prop_child(reserve, "hypervisor");
	aa_prop_set(node, "memory-mib", "256");

	for (guint i = 0; i < aa_scenario_get_vms(scenario)->len; i++) {
		const AaVm *svm = g_ptr_array_index(aa_scenario_get_vms(scenario), i);
		if (svm->load_order != AA_LOAD_ORDER_POST_LAUNCHED_VM)
			continue;
		/* each VM in the intent with probability 5/6, at least one */
		if (n_vms > 0 && g_rand_int_range(rand, 0, 6) == 0)
			continue;
		aa_prop_vm(rand, root, dir, svm, i, gpu);
		n_vms++;
	}
	g_assert_cmpuint(n_vms, >, 0);
	g_assert_cmpint(xmlSaveFormatFileEnc(fn, doc, "UTF-8", 1), >, 0);
	return fn;
}

static gdouble
aa_prop_xpath(xmlDoc *doc, const gchar *expr)
{
	g_autoptr(xmlXPathContext) xctx = xmlXPathNewContext(doc);
	g_autoptr(xmlXPathObject) obj = xmlXPathEvalExpression((const xmlChar *)expr, xctx);
	g_assert_nonnull(obj);
	return xmlXPathCastToNumber(obj);
}

static void
aa_prop_check_baselines(const gchar *rec, gboolean robust, AaPropertyStats *stats)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(xmlDoc) doc = aa_xml_load_file(rec, &error);
	gdouble weight;
	gdouble objective;

	g_assert_no_error(error);
	weight = aa_prop_xpath(doc, "number(/recommendation/search/@first-level)");
	objective = aa_prop_xpath(doc, "number(/recommendation/search/@objective)");
	/* free capacity after the search: the optimum is the searched allocation;
	 * what was added never lowers the targets the model sees met */
	if (aa_prop_xpath(doc, "count(/recommendation/search/@searched-objective)") > 0) {
		gdouble searched =
		    aa_prop_xpath(doc, "number(/recommendation/search/@searched-objective)");
		g_assert_true(robust);
		g_assert_cmpfloat(aa_prop_xpath(doc, "count(//vm/free-capacity)"), >=, 1);
		g_assert_cmpfloat(objective, >=,
		                  searched - 0.5 *
		                                 aa_prop_xpath(doc, "number(/recommendation/"
		                                                    "search/@target-scale)") /
		                                 2000.0);
		objective = searched;
		stats->free_capacity++;
	}
	for (guint b = 1; b <= 2; b++) {
		g_autofree gchar *feasible =
		    g_strdup_printf("count(/recommendation/baseline[%u][@feasible='true'])", b);
		g_autofree gchar *bw =
		    g_strdup_printf("number(/recommendation/baseline[%u]/@first-level)", b);
		g_autofree gchar *bo =
		    g_strdup_printf("number(/recommendation/baseline[%u]/@objective)", b);
		if (aa_prop_xpath(doc, feasible) < 1)
			continue;
		/* the file has 9 significant digits: a tie may differ in the last one */
		g_assert_cmpfloat(objective, >=,
		                  aa_prop_xpath(doc, bo) - 2e-9 * MAX(1.0, fabs(objective)));
		if (robust)
			g_assert_cmpfloat(weight, >=, aa_prop_xpath(doc, bw) - 1e-9);
	}
	/* by count, against the better feasible baseline (a clamped share that
	 * breaks the capacity is no alternative), for the report */
	if (robust) {
		gdouble met = aa_prop_xpath(doc, "number(/recommendation/search/@targets-met)");
		gdouble best = -1.0;
		for (guint b = 1; b <= 2; b++) {
			g_autofree gchar *bm = g_strdup_printf(
			    "number(/recommendation/baseline[%u][@feasible='true']/@targets-met)",
			    b);
			gdouble v = aa_prop_xpath(doc, bm);
			if (!isnan(v))
				best = MAX(best, v);
		}
		if (met > best)
			stats->robust_more++;
		else if (met == best)
			stats->robust_same++;
		else
			stats->robust_fewer++;
	}
	g_assert_cmpstr(
	    robust ? "robust" : "paper", ==,
	    aa_prop_xpath(doc, "count(/recommendation[@model='robust'])") > 0 ? "robust" : "paper");
}

static void
aa_prop_one(AaPluginContext *ctx, GRand *rand, const gchar *dir, AaPropertyStats *stats)
{
	g_autofree gchar *schema_dir = g_test_build_filename(G_TEST_DIST, "schema", NULL);
	g_autofree gchar *rec = g_build_filename(dir, "recommendation.xml", NULL);
	g_autofree gchar *final = g_build_filename(dir, "final.xml", NULL);
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(GHashTable) apply = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(GError) error = NULL;
	g_autofree gchar *summary = NULL;
	g_autofree gchar *applied = NULL;
	g_autofree gchar *intent_fn = NULL;
	gboolean robust = FALSE;

	intent_fn = aa_prop_intent(rand, dir, ctx, &robust);
	g_clear_pointer(&ctx->intent, aa_intent_free);
	ctx->intent = aa_intent_new();
	if (!aa_intent_load(ctx->intent, intent_fn, schema_dir, ctx->scenario, &error)) {
		g_autofree gchar *text = NULL;
		g_file_get_contents(intent_fn, &text, NULL, NULL);
		g_error("the generated intent does not load: %s\n%s", error->message, text);
	}
	g_hash_table_insert(options, (gpointer) "strategy", (gpointer) "optimal");
	g_hash_table_insert(options, (gpointer) "output", rec);
	summary = aa_recommend_run(ctx, options, &error);
	if (summary == NULL) {
		/* refused: only as infeasible, naming the VM and what binds */
		g_assert_error(error, AA_ERROR, AA_ERROR_INFEASIBLE);
		if ((strstr(error->message, "no feasible") == NULL &&
		     strstr(error->message, "reserve") == NULL) ||
		    (strstr(error->message, "VM") == NULL &&
		     strstr(error->message, "reserve") == NULL))
			g_error("infeasible without naming the binding constraint: %s",
			        error->message);
		stats->infeasible++;
		g_test_message("infeasible: %s", error->message);
		return;
	}
	stats->feasible++;
	if (robust)
		stats->robust++;
	else
		stats->paper++;

	/* applied, the final scenario passes validate with the intent: no error */
	g_hash_table_insert(apply, (gpointer) "recommendation", rec);
	g_hash_table_insert(apply, (gpointer) "output", final);
	applied = aa_transform_apply(ctx, apply, &error);
	if (applied == NULL) {
		g_autofree gchar *text = NULL;
		g_file_get_contents(intent_fn, &text, NULL, NULL);
		g_error("%s\nrefused its own recommendation: %s\nintent:\n%s", summary,
		        error->message, text);
	}

	/* the optimum is at least as good as every feasible baseline, by its own model:
	 * robust first in the weight of the targets met with the margin */
	aa_prop_check_baselines(rec, robust, stats);

	/* how often the new hard rules were in play */
	for (guint i = 0; i < ctx->intent->vms->len; i++) {
		AaIntentVm *vm = g_ptr_array_index(ctx->intent->vms, i);
		gboolean has_wss = FALSE;
		gdouble wss = aa_feasibility_working_set(vm->profile, &has_wss);
		if (has_wss && wss > 0 && strstr(summary, vm->name) != NULL)
			stats->with_wss++;
		if (vm->tasks->len > 0)
			stats->rt_with_tasks++;
	}
}

static void
aa_feasibility_property_func(void)
{
	g_autoptr(GRand) rand = g_rand_new_with_seed(AA_PROPERTY_SEED);
	g_autoptr(GError) error = NULL;
	/* in memory where there is one: every output is written with fsync() */
	g_autofree gchar *dir = g_file_test("/dev/shm", G_FILE_TEST_IS_DIR)
	                            ? g_mkdtemp(g_strdup("/dev/shm/aa-feasibility-XXXXXX"))
	                            : g_dir_make_tmp("aa-feasibility-XXXXXX", &error);
	AaPropertyStats stats = {0};
	guint per_input = (AA_PROPERTY_INTENTS + G_N_ELEMENTS(aa_property_inputs) - 1) /
	                  G_N_ELEMENTS(aa_property_inputs);
	gint64 t0 = g_get_monotonic_time();

	g_assert_no_error(error);
	g_assert_nonnull(dir);
	for (guint b = 0; b < G_N_ELEMENTS(aa_property_inputs); b++) {
		const AaPropertyInput *in = &aa_property_inputs[b];
		g_autofree gchar *board_fn = aa_test_acrn_data(in->board_dir, in->board);
		g_autofree gchar *scenario_fn = aa_test_acrn_data(in->board_dir, in->scenario);
		g_autoptr(AaPluginContext) ctx = aa_test_context_new(board_fn, scenario_fn, NULL);

		for (guint k = 0; k < per_input; k++)
			aa_prop_one(ctx, rand, dir, &stats);
	}
	aa_test_rm_rf(dir);
	g_test_message("robust against the better baseline, targets met by prediction: more "
	               "in %u, as many in %u, fewer in %u",
	               stats.robust_more, stats.robust_same, stats.robust_fewer);
	g_test_message("%u intents: %u recommended, applied and validated without error "
	               "(%u robust, %u paper), %u refused as infeasible; %.1f s",
	               stats.feasible + stats.infeasible, stats.feasible, stats.robust, stats.paper,
	               stats.infeasible, (gdouble)(g_get_monotonic_time() - t0) / G_USEC_PER_SEC);
	g_assert_cmpuint(stats.feasible + stats.infeasible, >=, 300);
	/* both outcomes are exercised, and both models */
	g_assert_cmpuint(stats.feasible, >=, 150);
	g_assert_cmpuint(stats.infeasible, >=, 20);
	g_assert_cmpuint(stats.robust, >=, 50);
	/* by prediction, never fewer targets than the better baseline on this seed */
	g_assert_cmpuint(stats.robust_fewer, ==, 0);
	g_assert_cmpuint(stats.paper, >=, 20);
	g_assert_cmpuint(stats.rt_with_tasks, >=, 20);
	g_assert_cmpuint(stats.with_wss, >=, 50);
	/* free capacity after the search was applied and validated too */
	g_test_message("%u recommendations with free capacity after the search",
	               stats.free_capacity);
	g_assert_cmpuint(stats.free_capacity, >=, 3);
}

/* issue 9's case: tasks that need 3 P-cores, no deadline-miss-ratio target */
static void
aa_feasibility_rt_no_target_func(void)
{
	const gchar *models[] = {"robust", "paper"};
	g_autoptr(GError) error = NULL;
	g_autofree gchar *intent_fn =
	    aa_test_fixture_path("valid-intent-rt-tasks-no-target.xml", NULL);
	g_autofree gchar *dir = g_dir_make_tmp("aa-feasibility-XXXXXX", &error);
	g_autoptr(AaPluginContext) ctx = aa_test_context_acrn("adl-asrock", intent_fn);

	g_assert_no_error(error);
	for (guint m = 0; m < G_N_ELEMENTS(models); m++) {
		g_autofree gchar *rec = g_build_filename(dir, "rec.xml", NULL);
		g_autofree gchar *final = g_build_filename(dir, "final.xml", NULL);
		g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
		g_autoptr(GHashTable) apply = g_hash_table_new(g_str_hash, g_str_equal);
		g_autofree gchar *summary = NULL;
		g_autofree gchar *applied = NULL;
		g_autoptr(xmlDoc) doc = NULL;

		g_hash_table_insert(options, (gpointer) "output", rec);
		g_hash_table_insert(options, (gpointer) "model", (gpointer)models[m]);
		summary = aa_recommend_run(ctx, options, &error);
		g_assert_no_error(error);
		doc = aa_xml_load_file(rec, &error);
		g_assert_no_error(error);
		/* without a target it scores the same everywhere: the smallest feasible
		 * allocation wins, which is the task set's 3 P-cores, not 1 */
		g_assert_cmpfloat(aa_prop_xpath(doc, "number(//vm[@name='POST_RT_VM1']/allocation/"
		                                     "@p-cores)"),
		                  ==, 3);
		g_hash_table_insert(apply, (gpointer) "recommendation", rec);
		g_hash_table_insert(apply, (gpointer) "output", final);
		applied = aa_transform_apply(ctx, apply, &error);
		g_assert_no_error(error);
		g_assert_nonnull(applied);
	}
	aa_test_rm_rf(dir);
}

static gdouble
aa_feas_test_constant(gpointer user_data, const AaVmModel *model, const AaAlloc *r)
{
	return *(const gdouble *)user_data;
}

/* what the refine loop does: install a response family before the search */
static gboolean
aa_feas_test_install(gpointer user_data, AaPluginContext *ctx, GPtrArray *models, GError **error)
{
	gdouble *value = user_data;
	if (*value < 0) {
		g_set_error_literal(error, AA_ERROR, AA_ERROR_INVALID_DATA, "no family fits");
		return FALSE;
	}
	for (guint i = 0; i < models->len; i++) {
		AaVmModel *model = g_ptr_array_index(models, i);
		if (g_strcmp0(model->vm->name, "POST_STD_VM2") == 0)
			aa_vm_model_set_predictor(model, 0, aa_feas_test_constant, value, NULL, 1.0,
			                          "constant");
	}
	return TRUE;
}

static void
aa_feasibility_models_hook_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *intent_fn =
	    aa_test_fixture_path("valid-intent-rt-tasks-no-target.xml", NULL);
	g_autofree gchar *dir = g_dir_make_tmp("aa-feasibility-XXXXXX", &error);
	g_autofree gchar *rec = g_build_filename(dir, "rec.xml", NULL);
	g_autoptr(AaPluginContext) ctx = aa_test_context_acrn("adl-asrock", intent_fn);
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(xmlDoc) doc = NULL;
	g_autofree gchar *summary = NULL;
	g_autofree gchar *refused = NULL;
	gdouble value = 9000.0;
	gdouble bad = -1.0;

	g_assert_no_error(error);
	g_hash_table_insert(options, (gpointer) "output", rec);

	/* ops 9000 >= 5000 by any margin: the family's prediction is what counts */
	summary = aa_recommend_run_full(ctx, options, aa_feas_test_install, &value, &error);
	g_assert_no_error(error);
	g_assert_nonnull(strstr(summary, "QoS targets predicted met: 1/1"));
	doc = aa_xml_load_file(rec, &error);
	g_assert_no_error(error);
	g_assert_cmpfloat(aa_prop_xpath(doc, "count(//vm[@name='POST_STD_VM2']/predicted["
	                                     "@family='constant'][@met='true'][@value=9000])"),
	                  ==, 1);

	/* a hook that fails stops recommend with its error */
	refused = aa_recommend_run_full(ctx, options, aa_feas_test_install, &bad, &error);
	g_assert_null(refused);
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_DATA);
	aa_test_rm_rf(dir);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/aa/feasibility/rules", aa_feasibility_rules_func);
	g_test_add_func("/aa/feasibility/rt", aa_feasibility_rt_func);
	g_test_add_func("/aa/feasibility/clamp", aa_feasibility_clamp_func);
	g_test_add_func("/aa/feasibility/rt-no-target", aa_feasibility_rt_no_target_func);
	g_test_add_func("/aa/feasibility/models-hook", aa_feasibility_models_hook_func);
	g_test_add_func("/aa/feasibility/property", aa_feasibility_property_func);
	return g_test_run();
}
