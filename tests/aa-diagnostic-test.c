/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The findings list (aa-diagnostic.c): severities, counting, order, lookup,
 * and the text, JSON and JUnit forms of FORMATS.md "Diagnostics".
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "aa-error.h"
#include "aa-validate.h"
#include "aa-xml.h"
#include "aa-test-util.h"

/* three findings over two files, added out of order */
static AaDiagnostics *
aa_diagnostic_test_report(void)
{
	AaDiagnostics *report = aa_diagnostics_new("board.xml", "scenario.xml");
	aa_diagnostics_add(report, aa_diagnostic_new("rt-cpu0", AA_SEVERITY_ERROR, "RT_VM",
	                                             "scenario.xml", 12, "/acrn-config/vm[2]",
	                                             "RT VM on pCPU 0", "move it to pCPU 3"));
	aa_diagnostics_add(report, aa_diagnostic_new("memory-size-default", AA_SEVERITY_WARNING, "",
	                                             "scenario.xml", 4, "", "no memory size", ""));
	aa_diagnostics_add(report,
	                   aa_diagnostic_new("board-info", AA_SEVERITY_INFO, NULL, "board.xml", 0,
	                                     NULL, "line \"one\"\n\ttwo", NULL));
	return report;
}

static void
aa_diagnostic_severity_func(void)
{
	const AaSeverity all[] = {AA_SEVERITY_INFO, AA_SEVERITY_WARNING, AA_SEVERITY_ERROR};
	const gchar *names[] = {"info", "warning", "error"};
	const gchar *unknown[] = {"fatal", "Error", NULL};
	AaSeverity parsed = AA_SEVERITY_INFO;

	for (guint i = 0; i < G_N_ELEMENTS(all); i++) {
		g_assert_cmpstr(aa_severity_to_string(all[i]), ==, names[i]);
		g_assert_true(aa_severity_from_string(names[i], &parsed));
		g_assert_cmpint(parsed, ==, all[i]);
	}
	/* unknown text leaves the severity alone */
	parsed = AA_SEVERITY_WARNING;
	for (guint i = 0; i < G_N_ELEMENTS(unknown); i++)
		g_assert_false(aa_severity_from_string(unknown[i], &parsed));
	g_assert_cmpint(parsed, ==, AA_SEVERITY_WARNING);
}

/* empty strings become "not given"; a negative line is unknown */
static void
aa_diagnostic_new_func(void)
{
	g_autoptr(AaDiagnostic) full = aa_diagnostic_new("r", AA_SEVERITY_ERROR, "VM", "f.xml", 7,
	                                                 "/a/b", "message", "fix it");
	g_autoptr(AaDiagnostic) empty =
	    aa_diagnostic_new("r", AA_SEVERITY_INFO, "", NULL, -3, "", NULL, "");

	g_assert_cmpstr(full->rule_id, ==, "r");
	g_assert_cmpint(full->severity, ==, AA_SEVERITY_ERROR);
	g_assert_cmpstr(full->vm, ==, "VM");
	g_assert_cmpstr(full->file, ==, "f.xml");
	g_assert_cmpint(full->line, ==, 7);
	g_assert_cmpstr(full->xpath, ==, "/a/b");
	g_assert_cmpstr(full->message, ==, "message");
	g_assert_cmpstr(full->fix, ==, "fix it");
	g_assert_null(empty->vm);
	g_assert_null(empty->file);
	g_assert_cmpint(empty->line, ==, 0);
	g_assert_null(empty->xpath);
	g_assert_cmpstr(empty->message, ==, "");
	g_assert_null(empty->fix);
}

/* each severity counted; sorted by file, then line, then rule */
static void
aa_diagnostic_count_sort_func(void)
{
	g_autoptr(AaDiagnostics) report = aa_diagnostic_test_report();
	const gchar *order[] = {"board-info", "memory-size-default", "pci-missing", "rt-cpu0"};

	g_assert_cmpuint(report->n_errors, ==, 1);
	g_assert_cmpuint(report->n_warnings, ==, 1);
	g_assert_cmpuint(report->n_infos, ==, 1);
	g_assert_true(aa_diagnostics_has_rule(report, "rt-cpu0"));
	g_assert_false(aa_diagnostics_has_rule(report, "rt-cpu"));
	g_assert_cmpstr(aa_diagnostics_find(report, "rt-cpu0")->message, ==, "RT VM on pCPU 0");
	g_assert_null(aa_diagnostics_find(report, "rt-cpu"));
	aa_diagnostics_add(report, aa_diagnostic_new("pci-missing", AA_SEVERITY_ERROR, NULL,
	                                             "scenario.xml", 12, NULL, "m", NULL));
	g_assert_cmpuint(report->n_errors, ==, 2);
	/* the first finding of a rule: rt-cpu0 again comes after it */
	aa_diagnostics_add(report, aa_diagnostic_new("rt-cpu0", AA_SEVERITY_ERROR, NULL,
	                                             "scenario.xml", 30, NULL, "again", NULL));
	g_assert_cmpint(aa_diagnostics_find(report, "rt-cpu0")->line, ==, 12);
	/* pci-missing and rt-cpu0 share file and line: by rule */
	aa_diagnostics_sort(report);
	for (guint i = 0; i < G_N_ELEMENTS(order); i++) {
		const AaDiagnostic *d = g_ptr_array_index(report->diagnostics, i);
		g_assert_cmpstr(d->rule_id, ==, order[i]);
	}
}

/* the text form is the feature: file:line, severity, [rule], VM, fix, totals */
static void
aa_diagnostic_text_func(void)
{
	g_autoptr(AaDiagnostics) report = aa_diagnostic_test_report();
	g_autoptr(AaDiagnostics) none = aa_diagnostics_new(NULL, NULL);
	g_autoptr(AaDiagnostics) anonymous = aa_diagnostics_new(NULL, NULL);
	g_autofree gchar *text = NULL;
	g_autofree gchar *empty = aa_diagnostics_to_text(none);
	g_autofree gchar *nameless = NULL;

	aa_diagnostics_sort(report);
	text = aa_diagnostics_to_text(report);
	g_assert_cmpstr(text, ==,
	                "board.xml: info: [board-info] line \"one\"\n\ttwo\n"
	                "scenario.xml:4: warning: [memory-size-default] no memory size\n"
	                "scenario.xml:12: error: [rt-cpu0] RT_VM: RT VM on pCPU 0 "
	                "(fix: move it to pCPU 3)\n"
	                "1 error, 1 warning, 1 info\n");
	g_assert_cmpstr(empty, ==, "0 errors, 0 warnings, 0 info\n");
	/* no file anywhere: the tool's name stands for it */
	aa_diagnostics_add(
	    anonymous, aa_diagnostic_new("x", AA_SEVERITY_WARNING, NULL, NULL, 0, NULL, "m", NULL));
	nameless = aa_diagnostics_to_text(anonymous);
	g_assert_cmpstr(nameless, ==, "acrn-alloc: warning: [x] m\n0 errors, 1 warning, 0 info\n");
}

static JsonObject *
aa_diagnostic_test_json(JsonParser *parser, AaDiagnostics *report)
{
	g_autofree gchar *json = aa_diagnostics_to_json(report);
	g_autoptr(GError) error = NULL;
	g_assert_true(json_parser_load_from_data(parser, json, -1, &error));
	g_assert_no_error(error);
	return json_node_get_object(json_parser_get_root(parser));
}

/* JSON: every field, escapes that survive a real parser, null for what is unknown */
static void
aa_diagnostic_json_func(void)
{
	g_autoptr(AaDiagnostics) report = aa_diagnostic_test_report();
	g_autoptr(AaDiagnostics) none = aa_diagnostics_new(NULL, NULL);
	g_autoptr(JsonParser) parser = json_parser_new();
	g_autoptr(JsonParser) parser_none = json_parser_new();
	JsonObject *root = aa_diagnostic_test_json(parser, report);
	JsonObject *empty = aa_diagnostic_test_json(parser_none, none);
	JsonArray *diags = json_object_get_array_member(root, "diagnostics");
	JsonObject *first = json_array_get_object_element(diags, 0);
	JsonObject *third = json_array_get_object_element(diags, 2);

	g_assert_cmpint(json_object_get_int_member(root, "version"), ==, 1);
	g_assert_cmpstr(json_object_get_string_member(root, "board"), ==, "board.xml");
	g_assert_cmpstr(json_object_get_string_member(root, "scenario"), ==, "scenario.xml");
	g_assert_cmpint(json_object_get_int_member(root, "errors"), ==, 1);
	g_assert_cmpint(json_object_get_int_member(root, "warnings"), ==, 1);
	g_assert_cmpint(json_object_get_int_member(root, "infos"), ==, 1);
	g_assert_cmpuint(json_array_get_length(diags), ==, 3);
	g_assert_cmpstr(json_object_get_string_member(first, "rule"), ==, "rt-cpu0");
	g_assert_cmpstr(json_object_get_string_member(first, "severity"), ==, "error");
	g_assert_cmpstr(json_object_get_string_member(first, "vm"), ==, "RT_VM");
	g_assert_cmpstr(json_object_get_string_member(first, "file"), ==, "scenario.xml");
	g_assert_cmpint(json_object_get_int_member(first, "line"), ==, 12);
	g_assert_cmpstr(json_object_get_string_member(first, "xpath"), ==, "/acrn-config/vm[2]");
	g_assert_cmpstr(json_object_get_string_member(first, "fix"), ==, "move it to pCPU 3");
	g_assert_cmpstr(json_object_get_string_member(third, "message"), ==, "line \"one\"\n\ttwo");
	g_assert_true(json_object_get_null_member(third, "vm"));
	g_assert_true(json_object_get_null_member(third, "xpath"));
	g_assert_true(json_object_get_null_member(third, "fix"));
	g_assert_true(json_object_get_null_member(empty, "board"));
	g_assert_cmpuint(json_array_get_length(json_object_get_array_member(empty, "diagnostics")),
	                 ==, 0);
}

static xmlDoc *
aa_diagnostic_test_junit(AaDiagnostics *report)
{
	g_autofree gchar *junit = aa_diagnostics_to_junit(report);
	g_autoptr(GError) error = NULL;
	xmlDoc *doc = aa_xml_load_memory(junit, strlen(junit), "junit.xml", &error);
	g_assert_no_error(error);
	return doc;
}

/* JUnit: a testcase per finding, errors as failures, the rest as output; a
 * clean run is one passing testcase */
static void
aa_diagnostic_junit_func(void)
{
	g_autoptr(AaDiagnostics) report = aa_diagnostic_test_report();
	g_autoptr(AaDiagnostics) none = aa_diagnostics_new(NULL, "clean.xml");
	g_autoptr(xmlDoc) doc = aa_diagnostic_test_junit(report);
	g_autoptr(xmlDoc) clean = aa_diagnostic_test_junit(none);

	aa_test_assert_xpath(doc, "string(/testsuites/@tests)", "3");
	aa_test_assert_xpath(doc, "string(/testsuites/@failures)", "1");
	aa_test_assert_xpath(doc, "string(/testsuites/testsuite/@name)", "scenario.xml");
	aa_test_assert_xpath(doc, "count(//testcase)", "3");
	aa_test_assert_xpath(doc, "count(//testcase/failure)", "1");
	aa_test_assert_xpath(doc, "string(//testcase[failure]/@classname)", "rt-cpu0");
	aa_test_assert_xpath(doc, "string(//testcase[failure]/@name)", "scenario.xml:12 RT_VM");
	aa_test_assert_xpath(doc, "string(//failure/@message)", "RT VM on pCPU 0");
	aa_test_assert_xpath(doc, "string(//failure)", "RT VM on pCPU 0\nfix: move it to pCPU 3");
	aa_test_assert_xpath(doc, "string(//testcase[@classname='memory-size-default']/system-out)",
	                     "warning: no memory size");
	aa_test_assert_xpath(clean, "string(/testsuites/@tests)", "1");
	aa_test_assert_xpath(clean, "string(/testsuites/@failures)", "0");
	aa_test_assert_xpath(clean, "string(//testcase/@name)", "validate");
	aa_test_assert_xpath(clean, "count(//failure)", "0");
}

/* --format picks the form; an unknown one is bad usage */
static void
aa_diagnostic_format_func(void)
{
	g_autoptr(AaDiagnostics) report = aa_diagnostic_test_report();
	g_autoptr(GError) error = NULL;
	/* no format is text */
	const struct {
		const gchar *format;
		gchar *(*write)(AaDiagnostics *self);
	} forms[] = {{NULL, aa_diagnostics_to_text},
	             {"text", aa_diagnostics_to_text},
	             {"json", aa_diagnostics_to_json},
	             {"junit", aa_diagnostics_to_junit}};

	for (guint i = 0; i < G_N_ELEMENTS(forms); i++) {
		g_autofree gchar *want = forms[i].write(report);
		g_autofree gchar *got = aa_diagnostics_format(report, forms[i].format, NULL);
		g_assert_cmpstr(got, ==, want);
	}
	g_assert_null(aa_diagnostics_format(report, "yaml", &error));
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT);
}

/* the three forms of a real validation agree (moved from the rules test) */
static void
aa_diagnostic_formats_validated_func(void)
{
	g_autofree gchar *board = aa_test_fixture_path("valid-board-tiny-hybrid.xml", NULL);
	g_autofree gchar *scenario = aa_test_fixture_path("rules", "trigger-rt-on-ecore.xml", NULL);
	g_autoptr(AaPluginContext) ctx = aa_test_context_new(board, scenario, NULL);
	g_autoptr(GError) error = NULL;
	g_autoptr(AaRuleSet) rules =
	    aa_validate_load_rules(g_test_get_dir(G_TEST_DIST), NULL, &error);
	g_autoptr(AaDiagnostics) report = NULL;
	g_autofree gchar *text = NULL;
	g_autoptr(JsonParser) parser = json_parser_new();
	g_autoptr(xmlDoc) doc = NULL;
	g_autofree gchar *n_cases = NULL;
	JsonObject *obj;
	JsonArray *diags;

	g_assert_no_error(error);
	report = aa_validate_report(ctx, rules, NULL, &error);
	g_assert_no_error(error);
	text = aa_diagnostics_to_text(report);
	aa_test_assert_contains(text, "trigger-rt-on-ecore.xml:",
	                        ": warning: [rt-on-ecore] RT_CONTROL: ", "(fix: ", NULL);

	obj = aa_diagnostic_test_json(parser, report);
	g_assert_cmpint(json_object_get_int_member(obj, "errors"), ==, report->n_errors);
	g_assert_cmpint(json_object_get_int_member(obj, "warnings"), ==, report->n_warnings);
	diags = json_object_get_array_member(obj, "diagnostics");
	g_assert_cmpuint(json_array_get_length(diags), ==, report->diagnostics->len);
	g_assert_cmpstr(
	    json_object_get_string_member(json_array_get_object_element(diags, 0), "severity"), ==,
	    "warning");

	doc = aa_diagnostic_test_junit(report);
	n_cases = g_strdup_printf("%u", report->diagnostics->len);
	aa_test_assert_xpath(doc, "count(/testsuites/testsuite/testcase)", n_cases);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/aa/diagnostic/severity", aa_diagnostic_severity_func);
	g_test_add_func("/aa/diagnostic/new", aa_diagnostic_new_func);
	g_test_add_func("/aa/diagnostic/count-sort", aa_diagnostic_count_sort_func);
	g_test_add_func("/aa/diagnostic/text", aa_diagnostic_text_func);
	g_test_add_func("/aa/diagnostic/json", aa_diagnostic_json_func);
	g_test_add_func("/aa/diagnostic/junit", aa_diagnostic_junit_func);
	g_test_add_func("/aa/diagnostic/format", aa_diagnostic_format_func);
	g_test_add_func("/aa/diagnostic/formats-validated", aa_diagnostic_formats_validated_func);
	return g_test_run();
}
