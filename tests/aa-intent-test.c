/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "aa-error.h"
#include "aa-intent-private.h"
#include "aa-scenario-private.h"
#include "aa-test-util.h"

static AaIntent *
aa_test_load(const gchar *fixture, GError **error)
{
	g_autofree gchar *fn = aa_test_fixture_path(fixture, NULL);
	g_autofree gchar *schema_dir = aa_test_schema_dir();
	g_autoptr(AaIntent) intent = aa_intent_new();
	/* the fixtures name the user VMs of adl-asrock/shared.xml */
	g_autofree gchar *scenario_fn = aa_test_acrn_data("adl-asrock", "shared.xml");
	g_autoptr(AaScenario) scenario = aa_scenario_new();

	g_assert_true(aa_scenario_load(scenario, scenario_fn, NULL));
	if (!aa_intent_load(intent, fn, schema_dir, scenario, error))
		return NULL;
	return g_steal_pointer(&intent);
}

static void
aa_intent_valid_full_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(AaIntent) intent = aa_test_load("valid-intent-full.xml", &error);
	AaIntentVm *vm;
	AaQosTarget *qos;
	AaTask *task;

	g_assert_no_error(error);
	g_assert_nonnull(intent);

	/* policy */
	g_assert_cmpint(intent->objective, ==, AA_OBJECTIVE_EFFICIENCY);
	g_assert_cmpuint(intent->memory_quantum_mib, ==, 256);
	g_assert_cmpuint(intent->gpu_slices, ==, 8);
	g_assert_cmpuint(intent->service_pcpus, ==, 2);
	g_assert_cmpuint(intent->service_memory_mib, ==, 2048);
	g_assert_cmpuint(intent->hypervisor_memory_mib, ==, 512);
	g_assert_cmpuint(intent->vms->len, ==, 3);

	/* the gaming VM: everything given */
	vm = aa_intent_get_vm(intent, "POST_STD_VM1");
	g_assert_nonnull(vm);
	g_assert_cmpint(vm->klass, ==, AA_VM_CLASS_GAMING);
	g_assert_cmpstr(aa_vm_class_to_string(vm->klass), ==, "gaming");
	g_assert_cmpuint(vm->qos->len, ==, 2);
	qos = g_ptr_array_index(vm->qos, 1);
	g_assert_cmpstr(qos->metric, ==, "frame-time-p95-ms");
	g_assert_false(qos->higher_is_better);
	g_assert_cmpfloat_with_epsilon(qos->target, 16.7, 1e-12);
	g_assert_cmpfloat_with_epsilon(qos->weight, 0.2, 1e-12);
	g_assert_cmpint(qos->line, ==, 22);
	g_assert_cmpfloat_with_epsilon(vm->lambda, 0.05, 1e-12);
	g_assert_true(vm->has_util_weight[AA_RESOURCE_GPU]);
	g_assert_cmpfloat_with_epsilon(vm->util_weight[AA_RESOURCE_MEMORY], 0.5, 1e-12);
	g_assert_true(vm->limits[AA_DIM_P_CORES].has_min);
	g_assert_cmpint(vm->limits[AA_DIM_P_CORES].max, ==, 6);
	g_assert_cmpint(vm->limits[AA_DIM_MEMORY_MIB].max, ==, 16384);
	g_assert_cmpint(vm->limits[AA_DIM_GPU_SLICES].min, ==, 1);
	g_assert_true(vm->has_eta);
	g_assert_cmpfloat_with_epsilon(vm->eta, 0.5, 1e-12);
	g_assert_true(vm->model[AA_RESOURCE_MEMORY].has_alpha);
	g_assert_cmpfloat_with_epsilon(vm->model[AA_RESOURCE_MEMORY].alpha, 0.0003, 1e-15);
	g_assert_cmpfloat_with_epsilon(vm->model[AA_RESOURCE_MEMORY].r_min, 1024, 1e-12);
	g_assert_false(vm->model[AA_RESOURCE_CPU].has_alpha);
	g_assert_true(g_str_has_suffix(vm->profile_path, "profiles/vm1-gaming.csv"));
	g_assert_nonnull(vm->profile);
	g_assert_cmpuint(vm->profile->samples->len, ==, 5);
	g_assert_nonnull(vm->calibration);
	g_assert_cmpuint(vm->calibration->len, ==, 4);

	/* the RT VM: tasks, deadline defaults to the period */
	vm = aa_intent_get_vm(intent, "POST_RT_VM1");
	g_assert_cmpint(vm->klass, ==, AA_VM_CLASS_RTOS);
	g_assert_true(vm->tasks_rate_monotonic);
	g_assert_cmpuint(vm->tasks->len, ==, 2);
	task = g_ptr_array_index(vm->tasks, 0);
	g_assert_cmpstr(task->name, ==, "ctl");
	g_assert_cmpuint(task->wcet_us, ==, 1570);
	g_assert_cmpuint(task->deadline_us, ==, 40000);
	g_assert_cmpint(task->priority, ==, 0);
	task = g_ptr_array_index(vm->tasks, 1);
	g_assert_cmpuint(task->deadline_us, ==, 800);
	g_assert_cmpint(task->priority, ==, 3);

	/* the defaults (MODEL.md "Intent defaults") */
	vm = aa_intent_get_vm(intent, "POST_STD_VM2");
	g_assert_cmpint(vm->klass, ==, AA_VM_CLASS_GENERAL);
	g_assert_cmpfloat(vm->lambda, ==, 0);
	g_assert_false(vm->has_eta);
	g_assert_cmpfloat_with_epsilon(vm->eta, 0.6, 1e-12);
	g_assert_cmpfloat(((AaQosTarget *)g_ptr_array_index(vm->qos, 0))->weight, ==, 1);
	g_assert_false(vm->limits[AA_DIM_MEMORY_MIB].has_min);
	g_assert_false(vm->limits[AA_DIM_MEMORY_MIB].has_max);
	g_assert_null(vm->profile);
	g_assert_null(vm->calibration);
	g_assert_cmpuint(vm->tasks->len, ==, 0);
	g_assert_false(vm->tasks_rate_monotonic);
	g_assert_null(aa_intent_get_vm(intent, "POST_STD_VM9"));
}

static void
aa_intent_policy_defaults_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(AaIntent) intent = aa_test_load("infeasible-intent-p-cores.xml", &error);
	AaIntentVm *vm;

	g_assert_no_error(error);
	g_assert_cmpint(intent->objective, ==, AA_OBJECTIVE_BALANCED);
	g_assert_cmpuint(intent->memory_quantum_mib, ==, 128);
	g_assert_cmpuint(intent->gpu_slices, ==, 10);
	g_assert_cmpuint(intent->service_pcpus, ==, 1);
	g_assert_cmpuint(intent->service_memory_mib, ==, 4096);
	g_assert_cmpuint(intent->hypervisor_memory_mib, ==, 256);
	vm = g_ptr_array_index(intent->vms, 0);
	g_assert_cmpstr(vm->name, ==, "POST_STD_VM1");
	g_assert_cmpint(vm->limits[AA_DIM_P_CORES].min, ==, 4);
	g_assert_false(vm->limits[AA_DIM_P_CORES].has_max);
	g_assert_true(vm->limits[AA_DIM_E_CORES].has_max);
	g_assert_cmpint(vm->limits[AA_DIM_E_CORES].max, ==, 0);
}

static void
aa_intent_without_scenario_func(void)
{
	g_autofree gchar *fn = aa_test_fixture_path("invalid-intent-unknown-vm.xml", NULL);
	g_autofree gchar *schema_dir = aa_test_schema_dir();
	g_autoptr(AaIntent) intent = aa_intent_new();
	g_autoptr(GError) error = NULL;

	/* the names are only checked against a scenario */
	g_assert_true(aa_intent_load(intent, fn, schema_dir, NULL, &error));
	g_assert_no_error(error);
}

/* fixtures/fuzz/intent-qos-twice-after-many.xml, and intents grown to 40000
 * <qos>, tasks or VMs with a duplicate at the end: the duplicate checks use
 * sets (comparing with every earlier element took minutes) */
static void
aa_intent_fuzz_many_func(void)
{
	g_autofree gchar *fn =
	    aa_test_fixture_path("fuzz", "intent-qos-twice-after-many.xml", NULL);
	g_autofree gchar *schema_dir = aa_test_schema_dir();
	g_autofree gchar *dir = aa_test_tmpdir("aa-intent-XXXXXX");
	const gchar *kinds[] = {"qos", "task", "vm"};
	g_autoptr(GError) error = NULL;
	g_autoptr(AaIntent) intent = aa_intent_new();

	g_assert_false(aa_intent_load(intent, fn, schema_dir, NULL, &error));
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_DATA);
	/* the message is the feature: it names the file and line */
	aa_test_assert_contains(error->message, "intent-qos-twice-after-many.xml:14:",
	                        "'m1' twice (also on line 11)", NULL);
	g_clear_error(&error);

	for (guint k = 0; k < G_N_ELEMENTS(kinds); k++) {
		g_autofree gchar *name = g_strdup_printf("many-%s.xml", kinds[k]);
		g_autofree gchar *big = g_build_filename(dir, name, NULL);
		g_autoptr(GString) text = g_string_new("<alloc-intent version=\"1\">\n");
		g_autoptr(AaIntent) big_intent = aa_intent_new();
		g_autofree gchar *where = NULL;
		const guint n = 40000;
		gint64 start;

		if (k == 0)
			g_string_append(text, "<vm name=\"V\">\n");
		else if (k == 1)
			g_string_append(text, "<vm name=\"V\"><tasks>\n");
		for (guint i = 0; i <= n; i++) {
			guint id = i < n ? i : 7; /* the last repeats number 7 */
			if (k == 0)
				g_string_append_printf(text,
				                       "<qos metric=\"m%u\" direction=\"higher\" "
				                       "target=\"1\"/>\n",
				                       id);
			else if (k == 1)
				g_string_append_printf(text,
				                       "<task name=\"t%u\" wcet-us=\"1\" "
				                       "period-us=\"9\"/>\n",
				                       id);
			else
				g_string_append_printf(text, "<vm name=\"V%u\"/>\n", id);
		}
		if (k == 1)
			g_string_append(text, "</tasks>");
		if (k < 2)
			g_string_append(text, "</vm>");
		g_string_append(text, "</alloc-intent>\n");
		g_assert_true(g_file_set_contents(big, text->str, (gssize)text->len, &error));

		start = aa_test_cpu_usec();
		g_assert_false(aa_intent_load(big_intent, big, schema_dir, NULL, &error));
		g_assert_cmpint(aa_test_cpu_usec() - start, <, 10 * G_USEC_PER_SEC);
		g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_DATA);
		where = g_strdup_printf("%s:%u:", name, n + (k < 2 ? 3 : 2));
		/* the message is the feature: it names the file and line */
		if (strstr(error->message, where) == NULL)
			g_error("'%s' lacks '%s'", error->message, where);
		g_clear_error(&error);
		g_unlink(big);
	}
	g_rmdir(dir);
}

static void
aa_intent_missing_schema_func(void)
{
	g_autofree gchar *fn = aa_test_fixture_path("valid-intent-full.xml", NULL);
	g_autoptr(AaIntent) intent = aa_intent_new();
	g_autoptr(GError) error = NULL;

	g_assert_false(aa_intent_load(intent, fn, "/nonexistent", NULL, &error));
	g_assert_error(error, AA_ERROR, AA_ERROR_PLUGIN);
}

typedef struct {
	const gchar *fixture;
	gint code;
	const gchar *where; /* "file:line:" expected in the message */
	const gchar *hint;  /* another substring of the message, or NULL */
} AaInvalidCase;

static const AaInvalidCase aa_invalid_cases[] = {
    {"invalid-intent-target-confidence.xml", AA_ERROR_INVALID_DATA,
     "invalid-intent-target-confidence.xml:5:", "must be in [0.5, 1)"},
    {"invalid-intent-class.xml", AA_ERROR_INVALID_DATA, "invalid-intent-class.xml:5:", "game"},
    {"invalid-intent-typo-element.xml", AA_ERROR_INVALID_DATA,
     "invalid-intent-typo-element.xml:7:", "limit"},
    {"invalid-intent-version.xml", AA_ERROR_INVALID_DATA,
     "invalid-intent-version.xml:3:", "version"},
    {"invalid-intent-direction.xml", AA_ERROR_INVALID_DATA,
     "invalid-intent-direction.xml:6:", "down"},
    {"invalid-intent-weight-nan.xml", AA_ERROR_INVALID_DATA,
     "invalid-intent-weight-nan.xml:5:", "weight"},
    {"invalid-intent-min-above-max.xml", AA_ERROR_INVALID_DATA,
     "invalid-intent-min-above-max.xml:8:", "min is above max"},
    {"invalid-intent-vm-twice.xml", AA_ERROR_INVALID_DATA,
     "invalid-intent-vm-twice.xml:8:", "first on line 4"},
    {"invalid-intent-unknown-vm.xml", AA_ERROR_INVALID_DATA,
     "invalid-intent-unknown-vm.xml:5:", "use one of: POST_STD_VM1, POST_RT_VM1, POST_STD_VM2"},
    {"invalid-intent-service-vm.xml", AA_ERROR_INVALID_DATA,
     "invalid-intent-service-vm.xml:4:", "reserve"},
    {"invalid-intent-task-timing.xml", AA_ERROR_INVALID_DATA,
     "invalid-intent-task-timing.xml:8:", "900 <= 800 <= 1000"},
    {"invalid-intent-target-infinite.xml", AA_ERROR_INVALID_DATA,
     "invalid-intent-target-infinite.xml:5:", "finite"},
    {"invalid-intent-unknown-vm-with-profile.xml", AA_ERROR_INVALID_DATA,
     "invalid-intent-unknown-vm-with-profile.xml:6:", "'POST_STD_VM_2' is not in the scenario"},
    {"invalid-intent-qos-not-profiled.xml", AA_ERROR_INVALID_DATA,
     "invalid-intent-qos-not-profiled.xml:6:", "latency-ms"},
    {"invalid-intent-profile-other-vm.xml", AA_ERROR_INVALID_DATA,
     "invalid-intent-profile-other-vm.xml:6:", "POST_RT_VM1"},
    {"invalid-intent-bad-profile.xml", AA_ERROR_INVALID_DATA,
     "invalid-profile-not-a-number.csv:7:", "column 'cpu_p_busy': 'abc' is not a number"},
    {"invalid-intent-two-limits.xml", AA_ERROR_INVALID_DATA,
     "invalid-intent-two-limits.xml:7:", "line 6"},
};

static void
aa_intent_invalid_func(gconstpointer user_data)
{
	const AaInvalidCase *c = user_data;
	g_autoptr(GError) error = NULL;
	g_autoptr(AaIntent) intent = aa_test_load(c->fixture, &error);

	g_assert_null(intent);
	g_assert_error(error, AA_ERROR, c->code);
	g_test_message("%s", error->message);
	/* the message is the feature: it names the file and line */
	if (strstr(error->message, c->where) == NULL)
		g_error("'%s' lacks '%s'", error->message, c->where);
	/* the message is the feature: it says what to do */
	if (c->hint != NULL && strstr(error->message, c->hint) == NULL)
		g_error("'%s' lacks '%s'", error->message, c->hint);
}

/* a <profile href> not recorded yet: the intent loads, the trace is required
 * only by what needs it, with a message that says how to record it */
static void
aa_intent_before_profiling_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GError) error_check = NULL;
	g_autoptr(AaIntent) intent = aa_test_load("valid-intent-before-profiling.xml", &error);
	AaIntentVm *vm;

	g_assert_no_error(error);
	vm = aa_intent_get_vm(intent, "POST_STD_VM1");
	g_assert_nonnull(vm);
	g_assert_null(vm->profile);
	g_assert_true(g_str_has_suffix(vm->profile_path, "absent.csv"));
	g_assert_false(aa_intent_check_profiles(intent, &error_check));
	g_assert_error(error_check, AA_ERROR, AA_ERROR_NOT_FOUND);
	/* the message is the feature: it names the file and line */
	g_assert_nonnull(strstr(error_check->message, "valid-intent-before-profiling.xml:9:"));
	g_assert_nonnull(strstr(error_check->message, "absent.csv of VM 'POST_STD_VM1' does not "
	                                              "exist yet; run the profiling script first"));
	g_assert_nonnull(strstr(error_check->message, "profile-script"));
}

static void
aa_intent_every_invalid_fixture_tested_func(void)
{
	g_autofree gchar *dir = aa_test_fixture_path("", NULL);
	g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
	const gchar *name;
	g_assert_nonnull(d);
	while ((name = g_dir_read_name(d)) != NULL) {
		gboolean found = FALSE;
		if (!g_str_has_prefix(name, "invalid-intent-"))
			continue;
		for (guint i = 0; i < G_N_ELEMENTS(aa_invalid_cases); i++)
			found |= g_strcmp0(aa_invalid_cases[i].fixture, name) == 0;
		if (!found)
			g_error("fixture %s has no case in aa_invalid_cases", name);
	}
}

/* profile and calibration CSVs */

static gchar *
aa_test_profile_fn(const gchar *name)
{
	return aa_test_fixture_path("profiles", name, NULL);
}

static void
aa_intent_csv_profile_func(void)
{
	g_autofree gchar *fn = aa_test_profile_fn("vm1-gaming.csv");
	g_autoptr(GError) error = NULL;
	g_autoptr(AaProfile) profile = aa_profile_load(fn, &error);
	const AaProfileSample *s;
	const gdouble *fps;

	g_assert_no_error(error);
	g_assert_cmpstr(profile->vm_name, ==, "POST_STD_VM1");
	g_assert_true(profile->has_allocation);
	g_assert_cmpint(profile->alloc_p_cores, ==, 6);
	g_assert_cmpint(profile->alloc_memory_mib, ==, 8192);
	g_assert_cmpint(profile->alloc_gpu_slices, ==, 4);
	fps = g_hash_table_lookup(profile->qos, "fps");
	g_assert_nonnull(fps);
	g_assert_cmpfloat(*fps, ==, 60);
	g_assert_nonnull(g_hash_table_lookup(profile->qos, "frame-time-p95-ms"));
	g_assert_cmpuint(profile->samples->len, ==, 5);
	g_assert_false(profile->has_wss);
	g_assert_true(profile->has_gpu);

	/* the third row: quoted unknown cell with a comma is skipped whole */
	s = &g_array_index(profile->samples, AaProfileSample, 2);
	g_assert_cmpfloat(s->cpu_p_busy, ==, 3.0);
	g_assert_cmpfloat(s->mem_rss_mib, ==, 4000);
	g_assert_cmpfloat(s->gpu_busy_pct, ==, 60);
	g_assert_cmpfloat(s->vram_mib, ==, 1400);
	g_assert_true(isnan(s->wss_mib));
	g_assert_cmpint(s->line, ==, 12);
}

static void
aa_intent_csv_column_order_func(void)
{
	g_autofree gchar *fn = aa_test_profile_fn("rt-control.csv");
	g_autoptr(GError) error = NULL;
	g_autoptr(AaProfile) profile = aa_profile_load(fn, &error);
	const AaProfileSample *s;

	g_assert_no_error(error);
	g_assert_cmpuint(profile->samples->len, ==, 3);
	s = &g_array_index(profile->samples, AaProfileSample, 1);
	g_assert_cmpfloat(s->cpu_p_busy, ==, 1.5);
	g_assert_cmpfloat(s->mem_rss_mib, ==, 800);
	g_assert_cmpfloat(s->time_s, ==, 1);
	/* absent columns read as not measured */
	g_assert_true(isnan(s->gpu_busy_pct));
	g_assert_true(isnan(s->wss_mib));
	g_assert_false(profile->has_gpu);
}

static gchar *
aa_test_write_tmp(const gchar *contents, gssize len)
{
	g_autoptr(GError) error = NULL;
	gchar *fn = NULL;
	gint fd = g_file_open_tmp("aa-intent-test-XXXXXX.csv", &fn, &error);
	g_assert_no_error(error);
	close(fd);
	g_file_set_contents(fn, contents, len, &error);
	g_assert_no_error(error);
	return fn;
}

static void
aa_intent_csv_crlf_empty_func(void)
{
	const gchar *csv = "# acrn-alloc-profile v1\r\n"
	                   "# qos: fps=30\r\n"
	                   "time_s,cpu_p_busy,cpu_e_busy,mem_rss_mib,wss_mib,extra\r\n"
	                   "0,1.5,,900,,x\r\n"
	                   "\r\n"
	                   "1,,0.25,1000,700,y\r\n";
	g_autofree gchar *fn = aa_test_write_tmp(csv, -1);
	g_autoptr(GError) error = NULL;
	g_autoptr(AaProfile) profile = aa_profile_load(fn, &error);
	const AaProfileSample *s;

	g_assert_no_error(error);
	g_assert_cmpuint(profile->samples->len, ==, 2);
	g_assert_true(profile->has_wss);
	g_assert_null(profile->vm_name);
	g_assert_false(profile->has_allocation);
	s = &g_array_index(profile->samples, AaProfileSample, 0);
	g_assert_cmpfloat(s->cpu_p_busy, ==, 1.5);
	g_assert_true(isnan(s->cpu_e_busy));
	g_assert_true(isnan(s->wss_mib));
	s = &g_array_index(profile->samples, AaProfileSample, 1);
	g_assert_true(isnan(s->cpu_p_busy));
	g_assert_cmpfloat(s->cpu_e_busy, ==, 0.25);
	g_assert_cmpfloat(s->wss_mib, ==, 700);
	g_assert_cmpint(s->line, ==, 6);
	g_unlink(fn);
}

static void
aa_intent_csv_too_big_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *fn = aa_test_write_tmp("", 0);
	g_autoptr(AaProfile) profile = NULL;

	/* sparse: costs no disk */
	g_assert_cmpint(truncate(fn, 65 * 1024 * 1024), ==, 0);
	profile = aa_profile_load(fn, &error);
	g_assert_null(profile);
	g_assert_error(error, AA_ERROR, AA_ERROR_HOSTILE);
	g_unlink(fn);
}

static void
aa_intent_csv_cell_count_func(void)
{
	const gchar *csv = "# acrn-alloc-profile v1\n"
	                   "cpu_p_busy,cpu_e_busy,mem_rss_mib\n"
	                   "1,0,100\n"
	                   "1,0\n";
	g_autofree gchar *fn = aa_test_write_tmp(csv, -1);
	g_autoptr(GError) error = NULL;
	g_autofree gchar *where = g_strdup_printf("%s:4:", fn);
	g_autoptr(AaProfile) profile = aa_profile_load(fn, &error);

	g_assert_null(profile);
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_DATA);
	/* the message is the feature: it names the file and line */
	g_assert_nonnull(strstr(error->message, where));
	g_unlink(fn);
}

typedef struct {
	const gchar *file;
	gboolean calibration;
	gint code;
	glong line;
	const gchar *hint;
} AaCsvCase;

static const AaCsvCase aa_csv_cases[] = {
    {"invalid-profile-not-a-number.csv", FALSE, AA_ERROR_INVALID_DATA, 7,
     "column 'cpu_p_busy': 'abc' is not a number"},
    {"invalid-profile-nan.csv", FALSE, AA_ERROR_INVALID_DATA, 5, "'nan' is not finite"},
    {"invalid-profile-infinite.csv", FALSE, AA_ERROR_INVALID_DATA, 4, "'inf' is not finite"},
    {"invalid-profile-negative.csv", FALSE, AA_ERROR_INVALID_DATA, 4, "-0.5 is negative"},
    {"invalid-profile-missing-column.csv", FALSE, AA_ERROR_INVALID_DATA, 3,
     "no column 'mem_rss_mib'"},
    {"invalid-profile-no-magic.csv", FALSE, AA_ERROR_INVALID_DATA, 2, "acrn-alloc-profile v1"},
    {"absent.csv", FALSE, AA_ERROR_NOT_FOUND, 0, "cannot read"},
    {"invalid-calibration-fraction.csv", TRUE, AA_ERROR_INVALID_DATA, 4,
     "column 'p_cores': '2.5' is not a whole number"},
    {"invalid-calibration-missing-column.csv", TRUE, AA_ERROR_INVALID_DATA, 2,
     "no column 'gpu_slices'"},
};

static void
aa_intent_csv_invalid_func(gconstpointer user_data)
{
	const AaCsvCase *c = user_data;
	g_autofree gchar *fn = aa_test_profile_fn(c->file);
	g_autofree gchar *where =
	    c->line > 0 ? g_strdup_printf("%s:%ld: ", fn, c->line) : g_strdup_printf("%s: ", fn);
	g_autoptr(GError) error = NULL;

	if (c->calibration) {
		g_autoptr(GPtrArray) rows = aa_calibration_load(fn, &error);
		g_assert_null(rows);
	} else {
		g_autoptr(AaProfile) profile = aa_profile_load(fn, &error);
		g_assert_null(profile);
	}
	g_assert_error(error, AA_ERROR, c->code);
	g_test_message("%s", error->message);
	if (!g_str_has_prefix(error->message, where))
		g_error("'%s' does not start with '%s'", error->message, where);
	/* the message is the feature: it says what to do */
	if (strstr(error->message, c->hint) == NULL)
		g_error("'%s' lacks '%s'", error->message, c->hint);
}

static void
aa_intent_csv_calibration_func(void)
{
	g_autofree gchar *fn = aa_test_profile_fn("vm1-calibration.csv");
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) rows = aa_calibration_load(fn, &error);
	AaCalibrationRow *row;

	g_assert_no_error(error);
	g_assert_cmpuint(rows->len, ==, 4);
	row = g_ptr_array_index(rows, 1);
	g_assert_cmpint(row->p_cores, ==, 4);
	g_assert_cmpint(row->e_cores, ==, 0);
	g_assert_cmpint(row->memory_mib, ==, 6144);
	g_assert_cmpint(row->gpu_slices, ==, 4);
	g_assert_cmpstr(row->metric, ==, "fps");
	g_assert_cmpfloat(row->value, ==, 47);
	g_assert_cmpint(row->line, ==, 6);
	row = g_ptr_array_index(rows, 3);
	g_assert_cmpstr(row->metric, ==, "lat-ms");
}

/* each <policy> number of the robust model and the forecast: its interval
 * and advice in the message, each end taken or refused as written */
static void
aa_intent_policy_ranges_func(void)
{
	const struct {
		const gchar *attr;
		const gchar *value;
		const gchar *message; /* NULL: accepted */
	} cases[] = {
	    {"demand-confidence", "0", "must be in (0, 1]; 0.95 is the default"},
	    {"demand-confidence", "1", NULL},
	    {"demand-confidence", "1.01", "must be in (0, 1]; 0.95 is the default"},
	    {"target-confidence", "0.5", NULL},
	    {"target-confidence", "0.49", "must be in [0.5, 1); 0.8 is the default"},
	    {"target-confidence", "1", "must be in [0.5, 1); 0.8 is the default"},
	    {"memory-headroom", "0", NULL},
	    {"memory-headroom", "10", NULL},
	    {"memory-headroom", "-0.5",
	     "must be in [0, 10] (a fraction of the working set); 0.1 is the default"},
	    {"forecast-horizon-s", "0",
	     "must be in (0, 86400] seconds; 600 (seed 001's 10 minutes) is the default"},
	    {"forecast-horizon-s", "86400", NULL},
	};
	g_autofree gchar *dir = aa_test_tmpdir("aa-intent-policy-XXXXXX");
	g_autofree gchar *schema_dir = aa_test_schema_dir();
	g_autofree gchar *fn = g_build_filename(dir, "intent.xml", NULL);

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(AaIntent) intent = aa_intent_new();
		g_autoptr(GError) error = NULL;
		g_autofree gchar *text = g_strdup_printf(
		    "<alloc-intent version=\"1\">\n<policy %s=\"%s\"/>\n"
		    "<vm name=\"POST_STD_VM1\" class=\"gaming\"/>\n</alloc-intent>\n",
		    cases[i].attr, cases[i].value);
		g_autofree gchar *expected = NULL;

		aa_test_write_file(dir, "intent.xml", text, 0644);
		if (cases[i].message == NULL) {
			g_assert_true(aa_intent_load(intent, fn, schema_dir, NULL, &error));
			g_assert_no_error(error);
			continue;
		}
		g_assert_false(aa_intent_load(intent, fn, schema_dir, NULL, &error));
		g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_DATA);
		/* the message is the feature: the interval and the default */
		expected = g_strdup_printf("%s:2: <policy %s=\"%s\"> %s", fn, cases[i].attr,
		                           cases[i].value, cases[i].message);
		g_assert_cmpstr(error->message, ==, expected);
	}
	aa_test_rm_rf(dir);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/aa/intent/valid-full", aa_intent_valid_full_func);
	g_test_add_func("/aa/intent/before-profiling", aa_intent_before_profiling_func);
	g_test_add_func("/aa/intent/policy-defaults", aa_intent_policy_defaults_func);
	g_test_add_func("/aa/intent/without-scenario", aa_intent_without_scenario_func);
	g_test_add_func("/aa/intent/missing-schema", aa_intent_missing_schema_func);
	g_test_add_func("/aa/intent/fuzz-many", aa_intent_fuzz_many_func);
	aa_test_add_cases("/aa/intent/invalid", aa_invalid_cases, sizeof(aa_invalid_cases[0]),
	                  G_N_ELEMENTS(aa_invalid_cases), aa_intent_invalid_func);
	g_test_add_func("/aa/intent/every-invalid-fixture-tested",
	                aa_intent_every_invalid_fixture_tested_func);
	g_test_add_func("/aa/intent/csv-profile", aa_intent_csv_profile_func);
	g_test_add_func("/aa/intent/csv-column-order", aa_intent_csv_column_order_func);
	g_test_add_func("/aa/intent/csv-crlf-empty", aa_intent_csv_crlf_empty_func);
	g_test_add_func("/aa/intent/csv-too-big", aa_intent_csv_too_big_func);
	g_test_add_func("/aa/intent/csv-cell-count", aa_intent_csv_cell_count_func);
	g_test_add_func("/aa/intent/csv-calibration", aa_intent_csv_calibration_func);
	aa_test_add_cases("/aa/intent/csv-invalid", aa_csv_cases, sizeof(aa_csv_cases[0]),
	                  G_N_ELEMENTS(aa_csv_cases), aa_intent_csv_invalid_func);
	g_test_add_func("/aa/intent/policy-ranges", aa_intent_policy_ranges_func);
	return g_test_run();
}
