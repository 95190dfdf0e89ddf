/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * XPath-heavy rule packs: the input is one XPath expression, made (through a
 * libxml2 tree) the assert test, a let and a {message} of a rule over every
 * VM of ACRN's adl-asrock board and shared scenario.  Whatever the
 * expression, loading and running the pack ends within the XPath work limit
 * with the pack's file in any error (libFuzzer's -timeout catches a hang).
 */

#include "config.h"

#include <string.h>

#include "aa-error.h"
#include "aa-fuzz-common.h"
#include "aa-rules.h"
#include "aa-xml.h"

static AaBoard *aa_fuzz_board = NULL;
static AaScenario *aa_fuzz_scenario = NULL;
static xmlDoc *aa_fuzz_unified = NULL;
static gchar *aa_fuzz_schema = NULL;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	g_autofree gchar *board = aa_fuzz_acrn_data("adl-asrock", "adl-asrock.xml");
	g_autofree gchar *scenario = aa_fuzz_acrn_data("adl-asrock", "shared.xml");

	aa_fuzz_init();
	aa_fuzz_board = aa_fuzz_load_board(board);
	aa_fuzz_scenario = aa_fuzz_load_scenario(scenario);
	aa_fuzz_unified =
	    aa_rules_unified_new(aa_fuzz_board->doc, aa_scenario_get_doc(aa_fuzz_scenario), NULL);
	aa_fuzz_schema = aa_fuzz_source_path("schema", "rules.xsd", NULL);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autofree gchar *expr = g_strndup((const gchar *)data, size);
	g_autofree gchar *message = NULL;
	g_autofree gchar *fn = g_build_filename(aa_fuzz_tmpdir(), "xpath.rules.xml", NULL);
	g_autoptr(xmlDoc) doc = NULL;
	g_autoptr(AaRuleSet) rules = aa_rule_set_new(aa_fuzz_schema);
	g_autoptr(AaReport) report = NULL;
	g_autoptr(GError) error = NULL;
	AaRuleInput input = {NULL};
	xmlNode *root, *rule, *let;

	/* XML 1.0 text only: libxml2 would refuse to save the rest */
	if (!g_utf8_validate(expr, -1, NULL) || strlen(expr) != size)
		return 0;
	for (const gchar *p = expr; *p != '\0'; p++) {
		if ((guchar)*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
			return 0;
	}
	doc = xmlNewDoc((const xmlChar *)"1.0");
	root = xmlNewNode(NULL, (const xmlChar *)"acrn-alloc-rules");
	xmlDocSetRootElement(doc, root);
	xmlSetProp(root, (const xmlChar *)"version", (const xmlChar *)"1");
	xmlSetProp(root, (const xmlChar *)"name", (const xmlChar *)"fuzz");
	rule = xmlNewChild(root, NULL, (const xmlChar *)"rule", NULL);
	xmlSetProp(rule, (const xmlChar *)"id", (const xmlChar *)"fuzz-xpath");
	xmlSetProp(rule, (const xmlChar *)"severity", (const xmlChar *)"warning");
	xmlSetProp(rule, (const xmlChar *)"for-each", (const xmlChar *)"/acrn-config/vm");
	xmlNewTextChild(rule, NULL, (const xmlChar *)"title", (const xmlChar *)"fuzz");
	let = xmlNewChild(rule, NULL, (const xmlChar *)"let", NULL);
	xmlSetProp(let, (const xmlChar *)"name", (const xmlChar *)"v");
	xmlSetProp(let, (const xmlChar *)"select", (const xmlChar *)expr);
	xmlSetProp(xmlNewChild(rule, NULL, (const xmlChar *)"assert", NULL),
	           (const xmlChar *)"test", (const xmlChar *)expr);
	message = g_strdup_printf("value {%s} and {$v}", expr);
	xmlNewTextChild(rule, NULL, (const xmlChar *)"message", (const xmlChar *)message);
	if (xmlSaveFile(fn, doc) < 0)
		abort();

	if (!aa_rule_set_load(rules, fn, &error)) {
		aa_fuzz_check_error(error, fn);
		return 0;
	}
	input.unified = aa_fuzz_unified;
	input.board_file = aa_fuzz_board->filename;
	input.scenario_file = aa_scenario_get_filename(aa_fuzz_scenario);
	report = aa_report_new(input.board_file, input.scenario_file);
	if (!aa_rule_set_run(rules, &input, report, &error))
		aa_fuzz_check_error(error, fn);
	return 0;
}
