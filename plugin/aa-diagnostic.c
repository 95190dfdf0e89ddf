/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#include "config.h"

#include <libxml/tree.h>

#include "aa-diagnostic.h"
#include "aa-error.h"
#include "aa-json.h"
#include "aa-util.h"
#include "aa-xml.h"
#include "aa-xml-attr.h"

static const gchar *const aa_severity_names[] = {
    [AA_SEVERITY_INFO] = "info",
    [AA_SEVERITY_WARNING] = "warning",
    [AA_SEVERITY_ERROR] = "error",
};

/**
 * aa_severity_to_string:
 * @severity: a severity
 *
 * Returns: (transfer none): `error`, `warning` or `info`
 */
const gchar *
aa_severity_to_string(AaSeverity severity)
{
	return aa_enum_to_name(aa_severity_names, G_N_ELEMENTS(aa_severity_names), severity,
	                       "info");
}

/**
 * aa_severity_from_string:
 * @text: (nullable): `error`, `warning` or `info`
 * @severity: (out): the severity
 *
 * Returns: %TRUE if @text names a severity
 */
gboolean
aa_severity_from_string(const gchar *text, AaSeverity *severity)
{
	guint value;

	if (!aa_enum_from_name(aa_severity_names, G_N_ELEMENTS(aa_severity_names), text, &value))
		return FALSE;
	*severity = value;
	return TRUE;
}

/**
 * aa_diagnostic_new:
 * @rule_id: the rule's ID, e.g. `rt-on-ecore`
 * @severity: how bad it is
 * @vm: (nullable): the VM concerned
 * @file: (nullable): the file holding the location
 * @line: the line, 0 when unknown
 * @xpath: (nullable): the node's path in @file
 * @message: what is wrong
 * @fix: (nullable): what to change
 *
 * Returns: (transfer full): a new diagnostic
 */
AaDiagnostic *
aa_diagnostic_new(const gchar *rule_id, AaSeverity severity, const gchar *vm, const gchar *file,
                  glong line, const gchar *xpath, const gchar *message, const gchar *fix)
{
	AaDiagnostic *self = g_new0(AaDiagnostic, 1);
	self->rule_id = g_strdup(rule_id);
	self->severity = severity;
	self->vm = g_strdup(vm != NULL && vm[0] != '\0' ? vm : NULL);
	self->file = g_strdup(file);
	self->line = line > 0 ? line : 0;
	self->xpath = g_strdup(xpath != NULL && xpath[0] != '\0' ? xpath : NULL);
	self->message = g_strdup(message != NULL ? message : "");
	self->fix = g_strdup(fix != NULL && fix[0] != '\0' ? fix : NULL);
	return self;
}

void
aa_diagnostic_free(AaDiagnostic *self)
{
	if (self == NULL)
		return;
	g_free(self->rule_id);
	g_free(self->vm);
	g_free(self->file);
	g_free(self->xpath);
	g_free(self->message);
	g_free(self->fix);
	g_free(self);
}

/**
 * aa_diagnostics_new:
 * @board_file: (nullable): the board validated
 * @scenario_file: (nullable): the scenario validated
 *
 * Returns: (transfer full): an empty report
 */
AaDiagnostics *
aa_diagnostics_new(const gchar *board_file, const gchar *scenario_file)
{
	AaDiagnostics *self = g_new0(AaDiagnostics, 1);
	self->board_file = g_strdup(board_file);
	self->scenario_file = g_strdup(scenario_file);
	self->diagnostics = g_ptr_array_new_with_free_func((GDestroyNotify)aa_diagnostic_free);
	return self;
}

void
aa_diagnostics_free(AaDiagnostics *self)
{
	if (self == NULL)
		return;
	g_free(self->board_file);
	g_free(self->scenario_file);
	g_clear_pointer(&self->diagnostics, g_ptr_array_unref);
	g_free(self);
}

/**
 * aa_diagnostics_add:
 * @self: a report
 * @diagnostic: (transfer full): a diagnostic
 *
 * Adds @diagnostic and counts it by severity.
 */
void
aa_diagnostics_add(AaDiagnostics *self, AaDiagnostic *diagnostic)
{
	if (diagnostic->severity == AA_SEVERITY_ERROR)
		self->n_errors++;
	else if (diagnostic->severity == AA_SEVERITY_WARNING)
		self->n_warnings++;
	else
		self->n_infos++;
	g_ptr_array_add(self->diagnostics, diagnostic);
}

static gint
aa_report_sort_cb(gconstpointer a, gconstpointer b)
{
	const AaDiagnostic *da = *(const AaDiagnostic *const *)a;
	const AaDiagnostic *db = *(const AaDiagnostic *const *)b;
	gint rc = g_strcmp0(da->file, db->file);
	if (rc != 0)
		return rc;
	if (da->line != db->line)
		return da->line < db->line ? -1 : 1;
	return g_strcmp0(da->rule_id, db->rule_id);
}

/**
 * aa_diagnostics_sort:
 * @self: a report
 *
 * Orders the diagnostics by file, line and rule so that output is stable.
 */
void
aa_diagnostics_sort(AaDiagnostics *self)
{
	/* g_ptr_array_sort is stable only from GLib 2.76; ties keep rule order */
	g_ptr_array_sort(self->diagnostics, aa_report_sort_cb);
}

/**
 * aa_diagnostics_find:
 * @self: the findings
 * @rule_id: a rule ID
 *
 * Returns: (transfer none) (nullable): the first diagnostic from @rule_id
 */
const AaDiagnostic *
aa_diagnostics_find(AaDiagnostics *self, const gchar *rule_id)
{
	for (guint i = 0; i < self->diagnostics->len; i++) {
		const AaDiagnostic *d = g_ptr_array_index(self->diagnostics, i);
		if (g_strcmp0(d->rule_id, rule_id) == 0)
			return d;
	}
	return NULL;
}

/**
 * aa_diagnostics_has_rule:
 * @self: a report
 * @rule_id: a rule ID
 *
 * Returns: %TRUE if some diagnostic came from @rule_id
 */
gboolean
aa_diagnostics_has_rule(AaDiagnostics *self, const gchar *rule_id)
{
	return aa_diagnostics_find(self, rule_id) != NULL;
}

/**
 * aa_diagnostics_to_text:
 * @self: a report
 *
 * One gcc-style line per diagnostic,
 * `scenario.xml:123: error: [rt-on-ecore] POST_RT_VM1: ... (fix: ...)`,
 * then a summary line.
 *
 * Returns: (transfer full): the text
 */
gchar *
aa_diagnostics_to_text(AaDiagnostics *self)
{
	GString *str = g_string_new(NULL);
	for (guint i = 0; i < self->diagnostics->len; i++) {
		const AaDiagnostic *d = g_ptr_array_index(self->diagnostics, i);
		const gchar *file = d->file != NULL ? d->file : self->scenario_file;
		g_string_append(str, file != NULL ? file : "acrn-alloc");
		if (d->line > 0)
			g_string_append_printf(str, ":%ld", d->line);
		g_string_append_printf(str, ": %s: [%s] ", aa_severity_to_string(d->severity),
		                       d->rule_id);
		if (d->vm != NULL)
			g_string_append_printf(str, "%s: ", d->vm);
		g_string_append(str, d->message);
		if (d->fix != NULL)
			g_string_append_printf(str, " (fix: %s)", d->fix);
		g_string_append_c(str, '\n');
	}
	g_string_append_printf(str, "%u error%s, %u warning%s, %u info\n", self->n_errors,
	                       self->n_errors == 1 ? "" : "s", self->n_warnings,
	                       self->n_warnings == 1 ? "" : "s", self->n_infos);
	return g_string_free(str, FALSE);
}

/**
 * aa_diagnostics_to_json:
 * @self: a report
 *
 * The JSON report (README, "validate --format json"):
 * `{"version":1,"board":…,"scenario":…,"errors":N,"warnings":N,"infos":N,
 * "diagnostics":[{"rule","severity","vm","file","line","xpath","message","fix"}]}`;
 * absent values are `null`, an unknown line is 0.
 *
 * Returns: (transfer full): the JSON text
 */
gchar *
aa_diagnostics_to_json(AaDiagnostics *self)
{
	g_autoptr(JsonBuilder) b = json_builder_new();

	json_builder_begin_object(b);
	aa_json_add_int(b, "version", 1);
	aa_json_add_string(b, "board", self->board_file);
	aa_json_add_string(b, "scenario", self->scenario_file);
	aa_json_add_int(b, "errors", self->n_errors);
	aa_json_add_int(b, "warnings", self->n_warnings);
	aa_json_add_int(b, "infos", self->n_infos);
	aa_json_begin_array(b, "diagnostics");
	for (guint i = 0; i < self->diagnostics->len; i++) {
		const AaDiagnostic *d = g_ptr_array_index(self->diagnostics, i);
		json_builder_begin_object(b);
		aa_json_add_string(b, "rule", d->rule_id);
		aa_json_add_string(b, "severity", aa_severity_to_string(d->severity));
		aa_json_add_string(b, "vm", d->vm);
		aa_json_add_string(b, "file", d->file);
		aa_json_add_int(b, "line", d->line);
		aa_json_add_string(b, "xpath", d->xpath);
		aa_json_add_string(b, "message", d->message);
		aa_json_add_string(b, "fix", d->fix);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
	return aa_json_to_text(b);
}

/**
 * aa_diagnostics_to_junit:
 * @self: a report
 *
 * JUnit XML for CI: one test case per diagnostic (classname = rule ID);
 * errors are failures, warnings and infos pass with the message in
 * `system-out`.  A clean report has one passing case.
 *
 * Returns: (transfer full): the XML text
 */
gchar *
aa_diagnostics_to_junit(AaDiagnostics *self)
{
	g_autoptr(xmlDoc) doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNode *suites = xmlNewNode(NULL, (const xmlChar *)"testsuites");
	xmlNode *suite = aa_xml_attr_child(suites, "testsuite");
	guint n_tests = MAX(self->diagnostics->len, 1);

	xmlDocSetRootElement(doc, suites);
	aa_xml_attr_text(suite, "name",
	                 self->scenario_file != NULL ? self->scenario_file : "acrn-alloc validate");
	aa_xml_attr_uint(suite, "tests", n_tests);
	aa_xml_attr_uint(suite, "failures", self->n_errors);
	aa_xml_attr_uint(suite, "errors", 0);
	aa_xml_attr_uint(suite, "skipped", 0);
	aa_xml_attr_uint(suites, "tests", n_tests);
	aa_xml_attr_uint(suites, "failures", self->n_errors);
	if (self->diagnostics->len == 0) {
		xmlNode *tc = aa_xml_attr_child(suite, "testcase");
		aa_xml_attr_text(tc, "classname", "acrn-alloc");
		aa_xml_attr_text(tc, "name", "validate");
	}
	for (guint i = 0; i < self->diagnostics->len; i++) {
		const AaDiagnostic *d = g_ptr_array_index(self->diagnostics, i);
		xmlNode *tc = aa_xml_attr_child(suite, "testcase");
		g_autofree gchar *name = NULL;
		g_autofree gchar *body = NULL;

		name = g_strdup_printf("%s:%ld %s", d->file != NULL ? d->file : "", d->line,
		                       d->vm != NULL ? d->vm : "");
		body = g_strdup_printf("%s%s%s", d->message, d->fix != NULL ? "\nfix: " : "",
		                       d->fix != NULL ? d->fix : "");
		aa_xml_attr_text(tc, "classname", d->rule_id);
		aa_xml_attr_text(tc, "name", name);
		if (d->severity == AA_SEVERITY_ERROR) {
			xmlNode *f = aa_xml_attr_text_child(tc, "failure", body);
			aa_xml_attr_text(f, "type", "error");
			aa_xml_attr_text(f, "message", d->message);
		} else {
			g_autofree gchar *out_text =
			    g_strdup_printf("%s: %s", aa_severity_to_string(d->severity), body);
			aa_xml_attr_text_child(tc, "system-out", out_text);
		}
	}
	return aa_xml_attr_doc_to_text(doc);
}

/**
 * aa_diagnostics_format:
 * @self: a report
 * @format: (nullable): `text` (default), `json` or `junit`
 * @error: (nullable): optional return location for an error
 *
 * Returns: (transfer full): the report in @format, or %NULL for an unknown format
 */
gchar *
aa_diagnostics_format(AaDiagnostics *self, const gchar *format, GError **error)
{
	if (format == NULL || g_strcmp0(format, "text") == 0)
		return aa_diagnostics_to_text(self);
	if (g_strcmp0(format, "json") == 0)
		return aa_diagnostics_to_json(self);
	if (g_strcmp0(format, "junit") == 0)
		return aa_diagnostics_to_junit(self);
	g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
	            "unknown report format '%s'; use --format text, json or junit", format);
	return NULL;
}
