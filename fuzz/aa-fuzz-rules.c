/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Rule pack: aa_rule_set_load() on top of the built-in pack (checked against
 * schema/rules.xsd), then the XSD 1.1 export and a run over the tiny hybrid
 * fixtures.
 */

#include "config.h"

#include "aa-fuzz-common.h"
#include "aa-rules.h"
#include "aa-xml.h"

static gchar *aa_fuzz_schema = NULL;
static gchar *aa_fuzz_builtin = NULL;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	aa_fuzz_context(AA_FUZZ_TINY_BOARD, AA_FUZZ_TINY_SCENARIO);
	aa_fuzz_schema = aa_fuzz_source_path("schema", "rules.xsd", NULL);
	aa_fuzz_builtin = aa_fuzz_source_path("rules", "acrn-alloc.rules.xml", NULL);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	AaPluginContext *ctx = aa_fuzz_context(AA_FUZZ_TINY_BOARD, AA_FUZZ_TINY_SCENARIO);
	g_autofree gchar *fn = aa_fuzz_write("pack.rules.xml", data, size);
	g_autoptr(AaRuleSet) rules = aa_rule_set_new(aa_fuzz_schema);
	g_autoptr(xmlDoc) unified = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *exported = NULL;

	if (!aa_rule_set_load(rules, aa_fuzz_builtin, &error))
		abort();
	if (!aa_fuzz_loaded(aa_rule_set_load(rules, fn, &error), &error, fn))
		return 0;
	exported = aa_rule_set_export_acrn_checks(rules, NULL);

	unified = aa_rules_unified_new(ctx->board->doc, ctx->scenario->doc, &error);
	if (unified == NULL)
		abort();
	/* a rule that cannot be evaluated is blamed on the pack */
	aa_fuzz_run_rules(ctx, rules, unified, fn);
	return 0;
}
