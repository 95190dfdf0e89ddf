/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libxml/xpathInternals.h>
#include <sys/wait.h>

#include "aa-context-private.h"
#include "aa-error.h"
#include "aa-rtsched.h"
#include "aa-validate.h"
#include "aa-xml.h"
#include "aa-test-util.h"

/* the hand-written board every rule fixture is written for */
#define AA_TINY_BOARD "valid-board-tiny-hybrid.xml"

/* ACRN's own validator rejects this sample with errors (RT VM on CPU 0, shared
 * with four VMs); ACRN skips it in its validate_board() since it is a
 * "launch" scenario, so it is not one ACRN accepts */
#define AA_ACRN_REJECTED "whl-ipc-i5/shared_launch_1user_vm_vxworks.xml"

static AaDiagnostics *
aa_rules_test_fixture(const gchar *name)
{
	g_autofree gchar *board = aa_test_fixture_path(AA_TINY_BOARD, NULL);
	g_autofree gchar *scenario = aa_test_fixture_path("rules", name, NULL);
	g_autoptr(AaPluginContext) ctx = aa_test_context_new(board, scenario, NULL);
	return aa_test_validate(ctx, NULL);
}

typedef struct {
	const gchar *rule_id;
	AaSeverity severity;
	const gchar *vm;
} AaRuleCase;

static const AaRuleCase aa_rule_cases[] = {
    {"pcpu-missing", AA_SEVERITY_ERROR, "INFOTAINMENT"},
    {"pcpu-duplicate", AA_SEVERITY_ERROR, "INFOTAINMENT"},
    {"vm-name-duplicate", AA_SEVERITY_WARNING, "INFOTAINMENT"},
    {"rt-pcpu-shared", AA_SEVERITY_ERROR, "RT_CONTROL"},
    {"rt-cpu0", AA_SEVERITY_ERROR, "RT_CONTROL"},
    {"pcpu-mixed-types", AA_SEVERITY_ERROR, "INFOTAINMENT"},
    {"rt-on-ecore", AA_SEVERITY_WARNING, "RT_CONTROL"},
    {"rt-isolation", AA_SEVERITY_WARNING, "RT_CONTROL"},
    {"memory-over-board", AA_SEVERITY_ERROR, NULL},
    {"service-vm-reserve", AA_SEVERITY_WARNING, "ACRN_Service_VM"},
    {"pci-duplicate", AA_SEVERITY_ERROR, "INFOTAINMENT"},
    {"pci-missing", AA_SEVERITY_ERROR, "INFOTAINMENT"},
    {"sriov-vf-over-total", AA_SEVERITY_ERROR, "INFOTAINMENT"},
    {"sriov-pf-and-vf", AA_SEVERITY_ERROR, "RT_CONTROL"},
    {"memory-size-default", AA_SEVERITY_WARNING, "INFOTAINMENT"},
};

/* fixtures/rules/trigger-<rule>.xml raises <rule> with its severity, on its VM, with a line */
static void
aa_rules_trigger_func(gconstpointer data)
{
	const AaRuleCase *c = data;
	g_autofree gchar *name = g_strdup_printf("trigger-%s.xml", c->rule_id);
	g_autoptr(AaDiagnostics) report = aa_rules_test_fixture(name);
	const AaDiagnostic *d = aa_diagnostics_find(report, c->rule_id);
	g_assert_nonnull(d);
	g_assert_cmpint(d->severity, ==, c->severity);
	g_assert_cmpstr(d->vm, ==, c->vm);
	g_assert_cmpint(d->line, >, 0);
	g_assert_true(g_str_has_suffix(d->file, name) || g_str_has_suffix(d->file, AA_TINY_BOARD));
	g_assert_nonnull(d->fix);
	g_assert_cmpuint(report->n_errors > 0, ==, c->severity == AA_SEVERITY_ERROR);
}

/* the hand-written clean scenario triggers no rule at all */
static void
aa_rules_clean_func(void)
{
	g_autofree gchar *board = aa_test_fixture_path(AA_TINY_BOARD, NULL);
	g_autofree gchar *scenario = aa_test_fixture_path("valid-scenario-tiny-hybrid.xml", NULL);
	g_autoptr(AaPluginContext) ctx = aa_test_context_new(board, scenario, NULL);
	g_autoptr(AaDiagnostics) report = aa_test_validate(ctx, NULL);
	g_autofree gchar *text = aa_diagnostics_to_text(report);
	g_assert_cmpstr(text, ==, "0 errors, 0 warnings, 0 info\n");
	g_assert_cmpuint(report->n_rules, >=, 14);
}

/* every scenario ACRN ships and accepts: no errors */
static void
aa_rules_acrn_samples_func(void)
{
	const gchar *root = g_getenv("AA_ACRN_DATA");
	g_autoptr(GPtrArray) samples = NULL;

	if (root == NULL || !g_file_test(root, G_FILE_TEST_IS_DIR)) {
		g_test_skip("AA_ACRN_DATA not set");
		return;
	}
	samples = aa_test_acrn_samples();
	for (guint i = 0; i < samples->len; i++) {
		const gchar *rel = g_ptr_array_index(samples, i);
		g_autofree gchar *board = aa_test_acrn_board_file(rel);
		g_autofree gchar *scenario = aa_test_acrn_data(rel, NULL);
		g_autoptr(AaPluginContext) ctx = aa_test_context_new(board, scenario, NULL);
		g_autoptr(AaDiagnostics) report = aa_test_validate(ctx, NULL);

		if (g_strcmp0(rel, AA_ACRN_REJECTED) == 0) {
			g_assert_true(aa_diagnostics_has_rule(report, "rt-cpu0"));
			continue;
		}
		if (report->n_errors > 0) {
			g_autofree gchar *text = aa_diagnostics_to_text(report);
			g_test_message("%s", text);
		}
		g_assert_cmpuint(report->n_errors, ==, 0);
	}
	g_assert_cmpuint(samples->len, >=, 30);
}

/* an extra pack adds a rule and retunes a built-in param without recompiling */
static void
aa_rules_custom_pack_func(void)
{
	g_autofree gchar *board = aa_test_fixture_path(AA_TINY_BOARD, NULL);
	g_autofree gchar *scenario =
	    aa_test_fixture_path("rules", "trigger-service-vm-reserve.xml", NULL);
	g_autofree gchar *three = aa_test_fixture_path("rules", "trigger-pcpu-missing.xml", NULL);
	g_autofree gchar *pack =
	    aa_test_fixture_path("rules", "custom-pack-two-pcpus-max.xml", NULL);
	g_autoptr(AaPluginContext) ctx = aa_test_context_new(board, scenario, NULL);
	g_autoptr(AaPluginContext) ctx3 = aa_test_context_new(board, three, NULL);
	g_autoptr(AaDiagnostics) before = aa_test_validate(ctx, NULL);
	g_autoptr(AaDiagnostics) after = aa_test_validate(ctx, pack);
	g_autoptr(AaDiagnostics) report3 = aa_test_validate(ctx3, pack);
	const AaDiagnostic *d;

	/* 1792 MiB left: below 4096, above the pack's 1024 */
	g_assert_true(aa_diagnostics_has_rule(before, "service-vm-reserve"));
	g_assert_false(aa_diagnostics_has_rule(after, "service-vm-reserve"));
	g_assert_false(aa_diagnostics_has_rule(after, "site-two-pcpus-max"));
	d = aa_diagnostics_find(report3, "site-two-pcpus-max");
	g_assert_nonnull(d);
	g_assert_cmpstr(d->vm, ==, "INFOTAINMENT");
	g_assert_cmpstr(d->message, ==, "holds 3 pCPUs, more than the site maximum of 2");
	g_assert_cmpstr(d->fix, ==, "remove 1 pCPUs from VM INFOTAINMENT");
}

static void
aa_rules_invalid_pack_func(void)
{
	g_autofree gchar *pack = aa_test_fixture_path("rules", "invalid-pack-bad-xpath.xml", NULL);
	g_autoptr(GError) error = NULL;
	g_autoptr(AaRuleSet) rules =
	    aa_validate_load_rules(g_test_get_dir(G_TEST_DIST), pack, &error);
	g_assert_null(rules);
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_DATA);
	/* the message is the feature: it names the file and line */
	g_assert_nonnull(strstr(error->message, "invalid-pack-bad-xpath.xml:5"));
}

/* a rule with an XPath that does not compile, by where it stands: the pack is
 * refused naming the expression, and what the rule had read and compiled
 * before it is freed (ASan) */
typedef struct {
	const gchar *name;
	const gchar *rule; /* the <rule> after its id and severity */
	const gchar *what; /* how the message names the expression */
} AaRulesBadXPathCase;

static const AaRulesBadXPathCase aa_rules_bad_xpath_cases[] = {
    {"for-each", "for-each=\"/acrn-config/vm[\"><assert test=\"true()\"/>",
     "for-each '/acrn-config/vm['"},
    {"let-select",
     "for-each=\"/acrn-config/vm\"><let name=\"a\" select=\"1\"/>"
     "<let name=\"n\" select=\"count(pcpu[\"/><assert test=\"true()\"/>",
     "let select 'count(pcpu['"},
    {"vm", "for-each=\"/acrn-config/vm\" vm=\"name[\"><assert test=\"true()\"/>", "vm 'name['"},
    {"report-on",
     "for-each=\"/acrn-config/vm\" vm=\"name\" report-on=\"cpu_affinity[\"><let name=\"n\" "
     "select=\"1\"/><assert test=\"true()\"/>",
     "report-on 'cpu_affinity['"},
};

static void
aa_rules_bad_xpath_func(gconstpointer data)
{
	const AaRulesBadXPathCase *c = data;
	g_autofree gchar *dir = aa_test_tmpdir("aa-rules-XXXXXX");
	g_autofree gchar *pack = g_build_filename(dir, "bad.rules.xml", NULL);
	g_autofree gchar *text =
	    g_strdup_printf("<acrn-alloc-rules version=\"1\">\n"
	                    "<rule id=\"bad\" severity=\"error\" %s<message>m</message></rule>\n"
	                    "</acrn-alloc-rules>\n",
	                    c->rule);
	g_autoptr(GError) error = NULL;
	g_autoptr(AaRuleSet) rules = NULL;

	aa_test_write_file(dir, "bad.rules.xml", text, -1);
	rules = aa_validate_load_rules(g_test_get_dir(G_TEST_DIST), pack, &error);
	g_assert_null(rules);
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_DATA);
	/* the message is the feature: it names the file, the line and the expression */
	aa_test_assert_contains(error->message, "bad.rules.xml:2", c->what,
	                        "is not valid XPath 1.0", NULL);
	aa_test_rm_rf(dir);
}

/* fixtures/fuzz/rules-many-rules-bad-last.xml, and a pack of 20000 rules
 * whose last one repeats an ID: IDs are indexed (comparing each rule with
 * every loaded one took 18 s under ASan) */
static void
aa_rules_fuzz_many_rules_func(void)
{
	g_autofree gchar *pack =
	    aa_test_fixture_path("fuzz", "rules-many-rules-bad-last.xml", NULL);
	g_autofree gchar *schema = g_test_build_filename(G_TEST_DIST, "schema", "rules.xsd", NULL);
	g_autofree gchar *dir = aa_test_tmpdir("aa-rules-XXXXXX");
	g_autofree gchar *big = g_build_filename(dir, "many.rules.xml", NULL);
	g_autoptr(GString) text = g_string_new("<acrn-alloc-rules version=\"1\">\n");
	g_autoptr(AaRuleSet) rules = aa_rule_set_new(schema);
	g_autoptr(AaRuleSet) many = aa_rule_set_new(schema);
	g_autoptr(GError) error = NULL;
	g_autofree gchar *xsd = NULL;
	const guint n = 20000;
	gint64 start;

	/* all or nothing: the broken last rule leaves the set empty */
	g_assert_false(aa_rule_set_load(rules, pack, &error));
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_DATA);
	/* the message is the feature: it names the file and line */
	g_assert_nonnull(strstr(error->message, "rules-many-rules-bad-last.xml:19:"));
	g_assert_cmpuint(aa_rule_set_get_size(rules), ==, 0);
	g_clear_error(&error);

	for (guint i = 0; i <= n; i++) {
		g_string_append_printf(
		    text,
		    "<rule id=\"r%u\" severity=\"%s\" for-each=\"/acrn-config\">"
		    "<title>t</title><assert test=\"true()\"/><message>m%u</message>"
		    "</rule>\n",
		    i < n ? i : 7, i < n ? "info" : "warning", i);
	}
	g_string_append(text, "</acrn-alloc-rules>\n");
	g_assert_true(g_file_set_contents(big, text->str, (gssize)text->len, &error));
	start = aa_test_cpu_usec();
	g_assert_true(aa_rule_set_load(many, big, &error));
	g_assert_no_error(error);
	g_assert_cmpint(aa_test_cpu_usec() - start, <, 10 * G_USEC_PER_SEC);
	g_assert_cmpuint(aa_rule_set_get_size(many), ==, n);

	/* the later r7 (a warning, so the only exportable rule) replaced the first */
	xsd = aa_rule_set_export_acrn_checks(many, &error);
	g_assert_no_error(error);
	g_assert_nonnull(strstr(xsd, "[r7] m20000"));
	g_assert_null(strstr(xsd, "[r8]"));
	g_unlink(big);
	g_rmdir(dir);
}

/* the export is an XSD in ACRN's checks layout, with the portable rules only */
static void
aa_rules_export_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(AaRuleSet) rules =
	    aa_validate_load_rules(g_test_get_dir(G_TEST_DIST), NULL, &error);
	g_autofree gchar *xsd = aa_rule_set_export_acrn_checks(rules, &error);
	g_autoptr(xmlDoc) doc = NULL;
	g_autoptr(xmlXPathContext) xctx = NULL;
	g_autoptr(xmlXPathObject) obj = NULL;

	g_assert_no_error(error);
	doc = aa_xml_load_memory(xsd, strlen(xsd), "export.xsd", &error);
	g_assert_no_error(error);
	xctx = xmlXPathNewContext(doc);
	xmlXPathRegisterNs(xctx, (const xmlChar *)"xs",
	                   (const xmlChar *)"http://www.w3.org/2001/XMLSchema");
	xmlXPathRegisterNs(xctx, (const xmlChar *)"acrn",
	                   (const xmlChar *)"https://projectacrn.org");
	obj = xmlXPathEvalExpression(
	    (const xmlChar *)"count(/xs:schema/xs:assert[starts-with(@test, 'every $aa_ctx in ')]"
	                     "[xs:annotation/@acrn:severity][xs:annotation/@acrn:report-on]"
	                     "[xs:annotation/xs:documentation])",
	    xctx);
	g_assert_cmpfloat(obj->floatval, ==, 10);
	aa_test_assert_contains(xsd, "xml:id=\"root\"", "[rt-pcpu-shared]", NULL);
	aa_test_assert_lacks(xsd, "$intent", "$service_reserve_mib", NULL);
}

/* with an intent: GPU settings, profiled memory and RT schedulability */
static void
aa_rules_intent_func(void)
{
	g_autofree gchar *board = aa_test_fixture_path(AA_TINY_BOARD, NULL);
	g_autofree gchar *scenario = aa_test_fixture_path("valid-scenario-tiny-hybrid.xml", NULL);
	g_autofree gchar *intent_file =
	    aa_test_fixture_path("rules", "intent-gpu-out-of-range.xml", NULL);
	g_autoptr(AaPluginContext) ctx = aa_test_context_new(board, scenario, NULL);
	g_autoptr(GError) error = NULL;
	g_autoptr(AaDiagnostics) report = NULL;
	g_autoptr(GPtrArray) tasks = g_ptr_array_new();
	AaIntentVm rt = {0};
	AaIntentVm info = {0};
	AaProfile profile = {0};
	AaProfileSample sample = {0};
	AaTask ctl = {"ctl", 30000, 40000, 40000, 0};
	AaTask log = {"log", 15000, 20000, 20000, 0};
	AaTask big = {"big", 30000, 40000, 40000, 0};
	const AaDiagnostic *d;

	/* an intent built in memory: the GPU rules read its document */
	ctx->intent = aa_intent_new();
	/* the VMs below live on this stack frame: the array must not free them */
	g_ptr_array_set_free_func(ctx->intent->vms, NULL);
	ctx->intent->filename = g_strdup(intent_file);
	ctx->intent->doc = aa_xml_load_file(intent_file, &error);
	g_assert_no_error(error);
	ctx->intent->service_memory_mib = 4096;
	ctx->intent->hypervisor_memory_mib = 256;

	/* RT_CONTROL has 2 vCPUs; utilisations 0.75 + 0.75 + 0.75 need 3 */
	g_ptr_array_add(tasks, &ctl);
	g_ptr_array_add(tasks, &log);
	g_ptr_array_add(tasks, &big);
	rt.name = (gchar *)"RT_CONTROL";
	rt.klass = AA_VM_CLASS_RTOS;
	rt.qos = g_ptr_array_new();
	rt.tasks = tasks;
	rt.line = 7;

	/* INFOTAINMENT has 4096 MiB; it was measured with a 5000 MiB working set */
	profile.filename = (gchar *)"vm1.csv";
	profile.samples = g_array_new(FALSE, TRUE, sizeof(AaProfileSample));
	profile.has_wss = TRUE;
	sample.mem_rss_mib = 5200;
	sample.wss_mib = 5000;
	g_array_append_val(profile.samples, sample);
	info.name = (gchar *)"INFOTAINMENT";
	info.klass = AA_VM_CLASS_GAMING;
	info.qos = g_ptr_array_new();
	info.tasks = g_ptr_array_new();
	info.profile = &profile;
	g_ptr_array_add(ctx->intent->vms, &rt);
	g_ptr_array_add(ctx->intent->vms, &info);
	g_assert_true(aa_intent_link_scenario(ctx->intent, ctx->scenario, &error));

	report = aa_test_validate(ctx, NULL);
	g_assert_true(aa_diagnostics_has_rule(report, "gpu-pf-memory"));
	g_assert_true(aa_diagnostics_has_rule(report, "gpu-time-quantum"));
	g_assert_true(aa_diagnostics_has_rule(report, "gpu-preemption-timeout"));
	d = aa_diagnostics_find(report, "gpu-pf-memory");
	g_assert_cmpint(d->severity, ==, AA_SEVERITY_WARNING);
	g_assert_true(g_str_has_suffix(d->file, "intent-gpu-out-of-range.xml"));
	g_assert_nonnull(strstr(d->message, "below the 1024 MiB"));
	/* INFOTAINMENT's own gpu element is in range: one diagnostic each */
	g_assert_cmpuint(report->n_warnings, ==, 3);

	d = aa_diagnostics_find(report, "rt-unschedulable");
	g_assert_nonnull(d);
	g_assert_cmpint(d->severity, ==, AA_SEVERITY_ERROR);
	g_assert_nonnull(strstr(d->fix, "at least 3"));
	d = aa_diagnostics_find(report, "memory-below-wss");
	g_assert_nonnull(d);
	g_assert_cmpstr(d->vm, ==, "INFOTAINMENT");
	g_assert_cmpuint(report->n_errors, ==, 2);

	/* below peak RSS only: a warning; enough memory: nothing */
	profile.has_wss = FALSE;
	g_clear_pointer(&report, aa_diagnostics_free);
	report = aa_test_validate(ctx, NULL);
	g_assert_false(aa_diagnostics_has_rule(report, "memory-below-wss"));
	g_assert_true(aa_diagnostics_has_rule(report, "memory-below-rss"));
	g_array_index(profile.samples, AaProfileSample, 0).mem_rss_mib = 4000;
	g_ptr_array_set_size(tasks, 2);
	g_clear_pointer(&report, aa_diagnostics_free);
	report = aa_test_validate(ctx, NULL);
	g_assert_false(aa_diagnostics_has_rule(report, "memory-below-rss"));
	g_assert_false(aa_diagnostics_has_rule(report, "rt-unschedulable"));

	/* the intent's structs live on this stack frame */
	g_ptr_array_set_size(ctx->intent->vms, 0);
	g_ptr_array_unref(rt.qos);
	g_ptr_array_unref(info.qos);
	g_ptr_array_unref(info.tasks);
	g_array_unref(profile.samples);
	g_clear_pointer(&ctx->intent->doc, xmlFreeDoc);
}

static gchar *
aa_rules_test_run_host(const gchar *const *args, gint *exit_status)
{
	g_autoptr(GPtrArray) argv = g_ptr_array_new();
	g_autoptr(GError) error = NULL;
	gchar *out = NULL;
	gint wait_status = 0;
	g_ptr_array_add(argv, (gpointer)g_getenv("AA_HOST"));
	g_ptr_array_add(argv, (gpointer) "--plugin-manifest");
	g_ptr_array_add(argv, (gpointer)g_getenv("AA_BUILD_MANIFEST"));
	for (guint i = 0; args[i] != NULL; i++)
		g_ptr_array_add(argv, (gpointer)args[i]);
	g_ptr_array_add(argv, NULL);
	g_assert_true(g_spawn_sync(NULL, (gchar **)argv->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
	                           NULL, NULL, &out, NULL, &wait_status, &error));
	g_assert_no_error(error);
	*exit_status = WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : -1;
	return out;
}

/* batch over ACRN's data plus a truncated and a hostile scenario: both are
 * reported invalid (exit 2) and every other scenario is still validated */
static void
aa_rules_batch_func(void)
{
	const gchar *root = g_getenv("AA_ACRN_DATA");
	g_autoptr(GError) error = NULL;
	g_autofree gchar *tmp = NULL;
	g_autofree gchar *truncated = NULL;
	g_autofree gchar *hostile = NULL;
	g_autofree gchar *board = NULL;
	g_autofree gchar *hostile_src = aa_test_fixture_path("hostile-billion-laughs.xml", NULL);
	g_autofree gchar *hostile_text = NULL;
	g_autofree gchar *out = NULL;
	g_autoptr(JsonParser) parser = json_parser_new();
	JsonObject *summary;
	gint status = -1;

	if (root == NULL || g_getenv("AA_HOST") == NULL) {
		g_test_skip("AA_ACRN_DATA or AA_HOST not set");
		return;
	}
	tmp = g_dir_make_tmp("aa-batch-XXXXXX", &error);
	g_assert_no_error(error);
	board = aa_test_fixture_path(AA_TINY_BOARD, NULL);
	truncated = g_build_filename(tmp, "truncated.xml", NULL);
	hostile = g_build_filename(tmp, "hostile.xml", NULL);
	g_assert_true(g_file_set_contents(truncated, "<acrn-config>\n  <vm id=\"1\">\n    <name>X",
	                                  -1, &error));
	g_assert_true(g_file_get_contents(hostile_src, &hostile_text, NULL, &error));
	g_assert_true(g_file_set_contents(hostile, hostile_text, -1, &error));
	g_assert_no_error(error);

	{
		const gchar *args[] = {"batch", "--format", "json", root, tmp, NULL};
		out = aa_rules_test_run_host(args, &status);
	}
	g_assert_cmpint(status, ==, 2);
	g_assert_true(json_parser_load_from_data(parser, out, -1, &error));
	g_assert_no_error(error);
	summary = json_object_get_object_member(json_node_get_object(json_parser_get_root(parser)),
	                                        "summary");
	g_assert_cmpint(json_object_get_int_member(summary, "scenarios"), ==, 32);
	g_assert_cmpint(json_object_get_int_member(summary, "invalid"), ==, 2);
	g_assert_cmpint(json_object_get_int_member(summary, "ok"), ==, 29);
	g_assert_cmpint(json_object_get_int_member(summary, "errors"), ==, 1);

	/* text: one summary table naming both bad files */
	g_clear_pointer(&out, g_free);
	{
		const gchar *args[] = {"batch", "--board", board, tmp, NULL};
		out = aa_rules_test_run_host(args, &status);
	}
	g_assert_cmpint(status, ==, 2);
	aa_test_assert_contains(out, "STATUS   ERRORS WARNINGS  SCENARIO",
	                        "truncated.xml: invalid: ", "hostile.xml: invalid: ",
	                        "2 scenarios: 0 ok, 0 with errors, 2 invalid", NULL);

	g_unlink(truncated);
	g_unlink(hostile);
	g_rmdir(tmp);
}

/* the fix texts are computed from the board and scenario: each one checked
 * against the situation it describes */
static void
aa_rules_fix_texts_func(void)
{
	g_autofree gchar *adl_board = aa_test_acrn_data("adl-asrock", "adl-asrock.xml");
	g_autofree gchar *adl_scenario = aa_test_acrn_data("adl-asrock", "shared.xml");
	g_autofree gchar *qemu_board = aa_test_acrn_data("qemu", "qemu.xml");
	g_autofree gchar *qemu_scenario = aa_test_acrn_data("qemu", "shared.xml");
	g_autoptr(AaPluginContext) adl = aa_test_context_new(adl_board, adl_scenario, NULL);
	g_autoptr(AaPluginContext) qemu = aa_test_context_new(qemu_board, qemu_scenario, NULL);
	g_autoptr(AaDiagnostics) adl_report = aa_test_validate(adl, NULL);
	g_autoptr(AaDiagnostics) qemu_report = aa_test_validate(qemu, NULL);
	g_autoptr(AaDiagnostics) tiny_reserve =
	    aa_rules_test_fixture("trigger-service-vm-reserve.xml");
	const AaDiagnostic *d;

	/* the RT VM on E-cores 10-11 shares its L2 with 8 and 9, both Service VM */
	d = aa_diagnostics_find(adl_report, "rt-isolation");
	g_assert_nonnull(d);
	g_assert_nonnull(strstr(d->message, "pCPUs 10, 11 share their L2 cache with pCPUs 8, 9"));
	g_assert_nonnull(strstr(d->fix, "offline pCPUs 8, 9 in the Service VM"));
	/* P-cores 0-1 are taken by the two standard VMs, CPU 0 is never offered */
	d = aa_diagnostics_find(adl_report, "rt-on-ecore");
	g_assert_nonnull(d);
	g_assert_nonnull(strstr(d->fix, "2 P-cores that no other VM uses, other than CPU 0 "
	                                "(free now: 2, 3, 4, 5, 6, 7)"));
	g_assert_null(strstr(d->fix, "only"));
	/* the qemu sample's user VM has no memory/size: it gets ACRN's default of
	 * 1024 MiB (memory-size-default), too little to free the 1281 MiB missing,
	 * so lowering the reserve to what is really left is the only fix */
	d = aa_diagnostics_find(qemu_report, "service-vm-reserve");
	g_assert_nonnull(d);
	g_assert_null(strstr(d->fix, "free 1281 MiB from the user VMs"));
	aa_test_assert_contains(d->fix, "the user VMs hold 1024 MiB", "at most 2815 MiB", NULL);
	/* with 14336 MiB in user VMs, freeing 2304 of them is a fix */
	d = aa_diagnostics_find(tiny_reserve, "service-vm-reserve");
	g_assert_nonnull(d);
	g_assert_true(g_str_has_prefix(d->fix, "free 2304 MiB from the user VMs, or lower"));
	g_assert_nonnull(strstr(d->fix, "at most 1792 MiB"));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	aa_test_add_cases("/aa/rules/trigger", aa_rule_cases, sizeof(aa_rule_cases[0]),
	                  G_N_ELEMENTS(aa_rule_cases), aa_rules_trigger_func);
	g_test_add_func("/aa/rules/clean", aa_rules_clean_func);
	g_test_add_func("/aa/rules/fix-texts", aa_rules_fix_texts_func);
	g_test_add_func("/aa/rules/acrn-samples", aa_rules_acrn_samples_func);
	g_test_add_func("/aa/rules/custom-pack", aa_rules_custom_pack_func);
	g_test_add_func("/aa/rules/invalid-pack", aa_rules_invalid_pack_func);
	aa_test_add_cases("/aa/rules/bad-xpath", aa_rules_bad_xpath_cases,
	                  sizeof(aa_rules_bad_xpath_cases[0]),
	                  G_N_ELEMENTS(aa_rules_bad_xpath_cases), aa_rules_bad_xpath_func);
	g_test_add_func("/aa/rules/fuzz-many-rules", aa_rules_fuzz_many_rules_func);
	g_test_add_func("/aa/rules/export", aa_rules_export_func);
	g_test_add_func("/aa/rules/intent", aa_rules_intent_func);
	g_test_add_func("/aa/rules/batch", aa_rules_batch_func);
	return g_test_run();
}
