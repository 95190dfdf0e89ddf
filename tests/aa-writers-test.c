/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The two writers: JSON through aa-json.c (json-glib) and XML trees through
 * aa-xml-attr.c (libxml2).  Every command's JSON parses and has the members
 * FORMATS.md and the README document; hostile text (quotes, backslashes,
 * control characters, invalid UTF-8) gives valid JSON and well-formed XML.
 */

#include "config.h"
#include "aa-test-util.h"

#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "aa-diagnostic.h"
#include "aa-error.h"
#include "aa-json.h"
#include "aa-xml-attr.h"
#include "aa-xml.h"

/* text no writer may lose: every C0 control (U+001F is the one json-glib 1.6
 * writes raw), quotes, backslash, markup, non-ASCII and invalid UTF-8 */
static const gchar aa_test_hostile[] = "q\"u'o\\te <&> \x01\x08\t\n\r\x1b\x1f\x7f \xc3\xa9 "
                                       "\xff\xfe bad \xc3";

/* "@acrn/" is ../shared/acrn-data, "@src/" the source tree */
static gchar *
aa_test_arg(const gchar *arg)
{
	if (g_str_has_prefix(arg, "@acrn/"))
		return aa_test_acrn_data(arg + strlen("@acrn/"), NULL);
	if (g_str_has_prefix(arg, "@src/"))
		return g_test_build_filename(G_TEST_DIST, arg + strlen("@src/"), NULL);
	return g_strdup(arg);
}

/* the host's standard output, run on @args with "@acrn/" and "@src/" resolved */
static gchar *
aa_test_run_host(const gchar *const *args, gint *status)
{
	g_autoptr(GPtrArray) resolved = g_ptr_array_new_with_free_func(g_free);
	g_auto(AaTestExec) run = {0};

	for (guint i = 0; args[i] != NULL; i++)
		g_ptr_array_add(resolved, aa_test_arg(args[i]));
	g_ptr_array_add(resolved, NULL);
	aa_test_exec_exited(&run, (const gchar *const *)resolved->pdata);
	*status = run.status;
	if (*status > 1)
		g_test_message("%s", run.err);
	return g_steal_pointer(&run.out);
}

/* the node at @path: member names and array indexes separated by dots */
static JsonNode *
aa_test_json_at(JsonNode *root, const gchar *path)
{
	g_auto(GStrv) parts = g_strsplit(path, ".", -1);
	JsonNode *node = root;

	for (guint i = 0; parts[i] != NULL; i++) {
		if (JSON_NODE_HOLDS_ARRAY(node)) {
			JsonArray *array = json_node_get_array(node);
			guint64 index = g_ascii_strtoull(parts[i], NULL, 10);
			if (index >= json_array_get_length(array))
				return NULL;
			node = json_array_get_element(array, (guint)index);
		} else if (JSON_NODE_HOLDS_OBJECT(node)) {
			node = json_object_get_member(json_node_get_object(node), parts[i]);
			if (node == NULL)
				return NULL;
		} else {
			return NULL;
		}
	}
	return node;
}

/* JSON text as json-glib reads it; raw control characters fail the test */
static JsonNode *
aa_test_json_parse(const gchar *text)
{
	g_autoptr(JsonParser) parser = json_parser_new();
	g_autoptr(GError) error = NULL;

	g_assert_nonnull(text);
	g_assert_true(g_utf8_validate(text, -1, NULL));
	for (const guchar *p = (const guchar *)text; *p != '\0'; p++)
		g_assert_true(*p >= 0x20 || *p == '\n');
	g_assert_true(json_parser_load_from_data(parser, text, -1, &error));
	g_assert_no_error(error);
	return json_node_copy(json_parser_get_root(parser));
}

/* a command's JSON output and the members it must have (NULL-terminated) */
typedef struct {
	const gchar *args[12];
	gint status;
	const gchar *members[24];
} AaJsonCommand;

static const AaJsonCommand aa_test_json_commands[] = {
    {{"validate", "--board", "@acrn/adl-asrock/adl-asrock.xml", "--scenario",
      "@acrn/adl-asrock/shared.xml", "--format", "json", NULL},
     0,
     {"version", "board", "scenario", "errors", "warnings", "infos", "diagnostics.0.rule",
      "diagnostics.0.severity", "diagnostics.0.vm", "diagnostics.0.file", "diagnostics.0.line",
      "diagnostics.0.xpath", "diagnostics.0.message", "diagnostics.0.fix", NULL}},
    {{"inspect", "--board", "@acrn/adl-asrock/adl-asrock.xml", "--scenario",
      "@acrn/adl-asrock/shared.xml", "--json", NULL},
     0,
     {"format",
      "version",
      "board.name",
      "board.file",
      "board.hybrid",
      "board.pcpus.0.kind",
      "board.p_pcpus",
      "board.e_pcpus",
      "board.siblings",
      "board.l2_groups",
      "board.l3_groups",
      "board.memory_mib",
      "board.gpu.vfs",
      "board.sriov_pfs",
      "board.rdt.clos_max",
      "board.pci_devices.0.bdf",
      "scenario.file",
      "scenario.scheduler",
      "scenario.vms.0.name",
      "scenario.vms.0.rt_pcpus",
      "scenario.vms.0.virtio",
      "scenario.free.memory_mib",
      "scenario.free.gpu_vfs",
      NULL}},
    {{"rt-analyze", "--intent", "@src/fixtures/valid-intent-rt-table4.xml", "--vm", "POST_RT_VM1",
      "--format", "json", NULL},
     0,
     {"vm", "utilization", "partitioned.vcpus", "partitioned.bandwidth", "partitioned.vcpu.0.tasks",
      "partitioned.vcpu.0.budget_ms", "partitioned.vcpu.0.period_ms",
      "partitioned.vcpu.0.bandwidth", "global.vcpus", "global.budget_ms", "global.period_ms",
      "global.per_vcpu_budget_ms", "global.bandwidth", NULL}},
    {{"forecast", "--profile", "@src/fixtures/valid-profile-forecast-season.csv", "--format",
      "json", NULL},
     0,
     {"series.cpu.model", "series.cpu.accuracy_pct", "series.cpu.horizon_s", "series.cpu.mean",
      "series.cpu.q50", "series.cpu.q90", "series.cpu.q95", "series.cpu.q99", "series.memory",
      "series.gpu", NULL}},
    {{"io-group", "--io-profile", "@src/fixtures/io/vm1-heavy.csv", "--io-profile",
      "@src/fixtures/io/vm2-light.csv", "--total-cores", "4", "--format", "json", NULL},
     0,
     {"mode", "th_vcpu", "th_io", "th_source", "total_cores", "io_p95", "size", "covered",
      "vms.1.name", "vms.1.explored_th_io", "samples.0.time_s", "samples.0.next_io", NULL}},
    {{"batch", "--format", "json", "@acrn/qemu", NULL},
     0,
     {"version", "results.0.scenario", "results.0.board", "results.0.status", "results.0.errors",
      "results.0.warnings", "results.0.message", "results.0.report.diagnostics", "results.0.plan",
      "summary.scenarios", "summary.ok", "summary.errors", "summary.invalid", "summary.planned",
      "summary.exit", NULL}},
};

static void
aa_writers_json_command_func(gconstpointer data)
{
	const AaJsonCommand *cmd = data;
	g_autoptr(JsonNode) root = NULL;
	gint status = -1;
	g_autofree gchar *out = aa_test_run_host(cmd->args, &status);

	g_assert_cmpint(status, ==, cmd->status);
	root = aa_test_json_parse(out);
	for (guint i = 0; cmd->members[i] != NULL; i++) {
		if (aa_test_json_at(root, cmd->members[i]) == NULL)
			g_test_message("%s: no member %s", cmd->args[0], cmd->members[i]);
		g_assert_nonnull(aa_test_json_at(root, cmd->members[i]));
	}
}

/* what a writer keeps of hostile text: all of it, invalid UTF-8 made valid */
static gchar *
aa_test_valid(const gchar *text)
{
	return g_utf8_make_valid(text, -1);
}

static void
aa_writers_json_hostile_func(void)
{
	g_autoptr(JsonBuilder) b = json_builder_new();
	g_autoptr(JsonNode) root = NULL;
	g_autofree gchar *text = NULL;
	g_autofree gchar *expected = aa_test_valid(aa_test_hostile);
	g_autoptr(GError) error = NULL;

	json_builder_begin_object(b);
	aa_json_add_string(b, aa_test_hostile, aa_test_hostile);
	aa_json_add_string(b, "null", NULL);
	aa_json_add_double(b, "nan", NAN);
	aa_json_add_double(b, "inf", -INFINITY);
	aa_json_add_double(b, "tenth", 0.1);
	aa_json_begin_array(b, "array");
	aa_json_add_string(b, NULL, "\x1f");
	aa_json_add_int(b, NULL, -7);
	json_builder_end_array(b);
	g_assert_false(aa_json_add_text(b, "broken", "{\"a\": ", &error));
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_DATA);
	g_assert_true(aa_json_add_text(b, "nested", "{\"a\": [1, \"\\u001f\"]}", NULL));
	json_builder_end_object(b);
	text = aa_json_to_text(b);
	g_assert_true(g_str_has_suffix(text, "}\n"));

	root = aa_test_json_parse(text);
	g_assert_cmpstr(json_node_get_string(aa_test_json_at(root, expected)), ==, expected);
	g_assert_true(JSON_NODE_HOLDS_NULL(aa_test_json_at(root, "null")));
	g_assert_true(JSON_NODE_HOLDS_NULL(aa_test_json_at(root, "nan")));
	g_assert_true(JSON_NODE_HOLDS_NULL(aa_test_json_at(root, "inf")));
	g_assert_cmpfloat(json_node_get_double(aa_test_json_at(root, "tenth")), ==, 0.1);
	g_assert_cmpstr(json_node_get_string(aa_test_json_at(root, "array.0")), ==, "\x1f");
	g_assert_cmpint(json_node_get_int(aa_test_json_at(root, "array.1")), ==, -7);
	g_assert_null(aa_test_json_at(root, "broken"));
	g_assert_cmpstr(json_node_get_string(aa_test_json_at(root, "nested.a.1")), ==, "\x1f");
}

/* a findings list whose every text is hostile */
static AaDiagnostics *
aa_test_hostile_report(void)
{
	AaDiagnostics *report = aa_diagnostics_new(aa_test_hostile, aa_test_hostile);
	aa_diagnostics_add(report, aa_diagnostic_new("rule", AA_SEVERITY_ERROR, aa_test_hostile,
	                                             aa_test_hostile, 3, aa_test_hostile,
	                                             aa_test_hostile, aa_test_hostile));
	aa_diagnostics_add(report, aa_diagnostic_new("rule", AA_SEVERITY_WARNING, NULL, NULL, 0,
	                                             NULL, aa_test_hostile, NULL));
	return report;
}

/* a file name JSON must carry: quotes, backslash, controls and invalid UTF-8 */
static gchar *
aa_test_hostile_copy(const gchar *dir, const gchar *stem, const gchar *fixture)
{
	g_autofree gchar *src = g_test_build_filename(G_TEST_DIST, "fixtures", fixture, NULL);
	g_autofree gchar *name = g_strdup_printf("%s q\"b\\s\x01\x1f\n\xff.xml", stem);
	gchar *dest = g_build_filename(dir, name, NULL);
	g_autofree gchar *contents = NULL;
	gsize len = 0;
	g_autoptr(GError) error = NULL;

	g_assert_true(g_file_get_contents(src, &contents, &len, &error));
	g_assert_true(g_file_set_contents(dest, contents, (gssize)len, &error));
	g_assert_no_error(error);
	return dest;
}

static void
aa_writers_json_hostile_files_func(void)
{
	g_autoptr(AaTestDir) tmp = aa_test_tmpdir("aa-writers-XXXXXX");
	g_autofree gchar *board = aa_test_hostile_copy(tmp, "board", "valid-board-tiny-hybrid.xml");
	g_autofree gchar *dir = g_build_filename(tmp, "scenarios", NULL);
	g_autofree gchar *good = NULL;
	g_autofree gchar *bad = NULL;
	g_autofree gchar *good_valid = NULL;
	g_autofree gchar *board_valid = aa_test_valid(board);
	g_autofree gchar *out_inspect = NULL;
	g_autofree gchar *out_batch = NULL;
	g_autoptr(JsonNode) inspect = NULL;
	g_autoptr(JsonNode) batch = NULL;
	gint status = -1;

	g_assert_cmpint(g_mkdir(dir, 0700), ==, 0);
	good = aa_test_hostile_copy(dir, "a", "valid-scenario-tiny-hybrid.xml");
	bad = aa_test_hostile_copy(dir, "b", "invalid-board-truncated.xml");
	good_valid = aa_test_valid(good);

	{
		const gchar *args[] = {"inspect", "--board", board, "--json", NULL};
		out_inspect = aa_test_run_host(args, &status);
		g_assert_cmpint(status, ==, 0);
		inspect = aa_test_json_parse(out_inspect);
		g_assert_cmpstr(json_node_get_string(aa_test_json_at(inspect, "board.file")), ==,
		                board_valid);
	}
	{
		const gchar *args[] = {"batch", "--format", "json", "--board", board, dir, NULL};
		out_batch = aa_test_run_host(args, &status);
		g_assert_cmpint(status, ==, 2);
		batch = aa_test_json_parse(out_batch);
		g_assert_cmpstr(json_node_get_string(aa_test_json_at(batch, "results.0.scenario")),
		                ==, good_valid);
		g_assert_cmpstr(json_node_get_string(aa_test_json_at(batch, "results.0.board")), ==,
		                board_valid);
		g_assert_cmpstr(
		    json_node_get_string(aa_test_json_at(batch, "results.0.report.scenario")), ==,
		    good_valid);
		g_assert_cmpstr(json_node_get_string(aa_test_json_at(batch, "results.1.status")),
		                ==, "invalid");
		g_assert_true(JSON_NODE_HOLDS_NULL(aa_test_json_at(batch, "results.1.report")));
		g_assert_nonnull(strstr(
		    json_node_get_string(aa_test_json_at(batch, "results.1.message")), "b q\""));
		g_assert_cmpint(json_node_get_int(aa_test_json_at(batch, "summary.exit")), ==, 2);
	}
}

/* XML text as libxml2 reads it, strictly: no recovery */
static xmlDoc *
aa_test_xml_parse(const gchar *text)
{
	xmlDoc *doc;

	g_assert_nonnull(text);
	doc = xmlReadMemory(text, (gint)strlen(text), "writers.xml", NULL,
	                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	g_assert_nonnull(doc);
	return doc;
}

static gchar *
aa_test_xml_attr(xmlNode *node, const gchar *name)
{
	xmlChar *value = xmlGetProp(node, (const xmlChar *)name);
	gchar *text = g_strdup((const gchar *)value);
	xmlFree(value);
	return text;
}

/* what an XML writer keeps of hostile text: valid UTF-8, U+FFFD for each
 * control XML 1.0 cannot hold */
static gchar *
aa_test_xml_expected(const gchar *text)
{
	g_autofree gchar *valid = aa_test_valid(text);
	GString *str = g_string_new(NULL);

	for (const guchar *p = (const guchar *)valid; *p != '\0'; p++) {
		if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
			g_string_append(str, "\xef\xbf\xbd");
		else
			g_string_append_c(str, (gchar)*p);
	}
	return g_string_free(str, FALSE);
}

static void
aa_writers_xml_hostile_func(void)
{
	g_autoptr(xmlDoc) doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNode *root = xmlNewDocNode(doc, NULL, (const xmlChar *)"root", NULL);
	g_autoptr(xmlDoc) back = NULL;
	g_autofree gchar *text = NULL;
	g_autofree gchar *expected = aa_test_xml_expected(aa_test_hostile);
	g_autofree gchar *attr = NULL;
	g_autofree gchar *content = NULL;
	g_autofree gchar *number = NULL;
	xmlNode *child;
	xmlChar *raw;

	xmlDocSetRootElement(doc, root);
	aa_xml_attr_text(root, "text", aa_test_hostile);
	aa_xml_attr_double(root, "nan", NAN, 9);
	aa_xml_attr_text_child(root, "body", aa_test_hostile);
	text = aa_xml_attr_doc_to_text(doc);
	g_assert_true(g_str_has_prefix(text, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));

	back = aa_test_xml_parse(text);
	attr = aa_test_xml_attr(xmlDocGetRootElement(back), "text");
	g_assert_cmpstr(attr, ==, expected);
	number = aa_test_xml_attr(xmlDocGetRootElement(back), "nan");
	g_assert_cmpstr(number, ==, "NaN");
	child = xmlFirstElementChild(xmlDocGetRootElement(back));
	g_assert_nonnull(child);
	raw = xmlNodeGetContent(child);
	content = g_strdup((const gchar *)raw);
	xmlFree(raw);
	/* libxml2 writes a carriage return as &#13;, which line-end handling keeps */
	g_assert_cmpstr(content, ==, expected);
}

/* the findings list as validate's JSON and as JUnit */
static void
aa_writers_report_hostile_func(void)
{
	g_autoptr(AaDiagnostics) report = aa_test_hostile_report();
	g_autofree gchar *json = aa_diagnostics_to_json(report);
	g_autofree gchar *junit = aa_diagnostics_to_junit(report);
	g_autofree gchar *expected = aa_test_valid(aa_test_hostile);
	g_autofree gchar *expected_xml = aa_test_xml_expected(aa_test_hostile);
	g_autoptr(JsonNode) root = aa_test_json_parse(json);
	g_autoptr(xmlDoc) doc = aa_test_xml_parse(junit);
	xmlNode *suite = xmlFirstElementChild(xmlDocGetRootElement(doc));
	g_autofree gchar *name = NULL;

	g_assert_cmpstr(json_node_get_string(aa_test_json_at(root, "board")), ==, expected);
	g_assert_cmpint(json_node_get_int(aa_test_json_at(root, "errors")), ==, 1);
	g_assert_cmpint(json_node_get_int(aa_test_json_at(root, "warnings")), ==, 1);
	g_assert_cmpstr(json_node_get_string(aa_test_json_at(root, "diagnostics.0.vm")), ==,
	                expected);
	g_assert_cmpstr(json_node_get_string(aa_test_json_at(root, "diagnostics.0.fix")), ==,
	                expected);
	g_assert_cmpint(json_node_get_int(aa_test_json_at(root, "diagnostics.0.line")), ==, 3);
	g_assert_true(JSON_NODE_HOLDS_NULL(aa_test_json_at(root, "diagnostics.1.vm")));
	g_assert_true(JSON_NODE_HOLDS_NULL(aa_test_json_at(root, "diagnostics.1.fix")));

	g_assert_nonnull(suite);
	name = aa_test_xml_attr(suite, "name");
	g_assert_cmpstr(name, ==, expected_xml);
}

/* recommendation.xml with a board name full of markup and white space */
static void
aa_writers_xml_recommendation_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *tmp = g_dir_make_tmp("aa-writers-XXXXXX", &error);
	g_autofree gchar *src = aa_test_arg("@src/fixtures/valid-board-tiny-hybrid.xml");
	g_autofree gchar *board = g_build_filename(tmp, "board.xml", NULL);
	g_autofree gchar *output = g_build_filename(tmp, "recommendation.xml", NULL);
	const gchar *args[] = {"recommend",
	                       "--board",
	                       board,
	                       "--scenario",
	                       "@src/fixtures/demo/cockpit-scenario.xml",
	                       "--intent",
	                       "@src/fixtures/demo/cockpit-intent.xml",
	                       "-o",
	                       output,
	                       NULL};
	g_autofree gchar *contents = NULL;
	g_autofree gchar *written = NULL;
	g_autofree gchar *out = NULL;
	g_autofree gchar *name = NULL;
	g_autoptr(GString) hostile = NULL;
	g_autoptr(xmlDoc) doc = NULL;
	gint status = -1;

	g_assert_no_error(error);
	g_assert_true(g_file_get_contents(src, &contents, NULL, &error));
	hostile = g_string_new(contents);
	g_assert_cmpuint(g_string_replace(hostile, "board=\"tiny-hybrid\"",
	                                  "board=\"t&quot;i&amp;n&lt;y&gt;&apos;\\ &#9;x&#10;y "
	                                  "\xc3\xa9\"",
	                                  1),
	                 ==, 1);
	g_assert_true(g_file_set_contents(board, hostile->str, -1, &error));
	out = aa_test_run_host(args, &status);
	g_assert_cmpint(status, ==, 0);
	g_assert_true(g_file_get_contents(output, &written, NULL, &error));
	doc = aa_test_xml_parse(written);
	name = aa_test_xml_attr(xmlDocGetRootElement(doc), "board");
	g_assert_cmpstr(name, ==, "t\"i&n<y>'\\ \tx\ny \xc3\xa9");
	aa_test_rm_rf(tmp);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/aa/writers/json-hostile", aa_writers_json_hostile_func);
	g_test_add_func("/aa/writers/json-hostile-files", aa_writers_json_hostile_files_func);
	for (guint i = 0; i < G_N_ELEMENTS(aa_test_json_commands); i++) {
		g_autofree gchar *path = g_strdup_printf("/aa/writers/json-command/%s",
		                                         aa_test_json_commands[i].args[0]);
		g_test_add_data_func(path, &aa_test_json_commands[i], aa_writers_json_command_func);
	}
	g_test_add_func("/aa/writers/xml-hostile", aa_writers_xml_hostile_func);
	g_test_add_func("/aa/writers/report-hostile", aa_writers_report_hostile_func);
	g_test_add_func("/aa/writers/xml-recommendation", aa_writers_xml_recommendation_func);
	return g_test_run();
}
