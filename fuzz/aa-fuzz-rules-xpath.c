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

#include "aa-fuzz-common.h"
#include "aa-rules.h"
#include "aa-xml.h"

static xmlDoc *aa_fuzz_unified = NULL;
static gchar *aa_fuzz_schema = NULL;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	AaPluginContext *ctx = aa_fuzz_context(AA_FUZZ_ASROCK_BOARD, AA_FUZZ_ASROCK_SCENARIO);

	aa_fuzz_unified = aa_rules_unified_new(ctx->board->doc, ctx->scenario->doc, NULL);
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
	g_autoptr(GError) error = NULL;
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

	if (aa_fuzz_loaded(aa_rule_set_load(rules, fn, &error), &error, fn)) {
		aa_fuzz_run_rules(aa_fuzz_context(AA_FUZZ_ASROCK_BOARD, AA_FUZZ_ASROCK_SCENARIO),
		                  rules, aa_fuzz_unified, fn);
	}
	return 0;
}
