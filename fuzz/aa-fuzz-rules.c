/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Rule pack: aa_rule_set_load() on top of the built-in pack (checked against
 * schema/rules.xsd), then the XSD 1.1 export and a run over the tiny hybrid
 * fixtures.
 */

#include "config.h"

#include "aa-error.h"
#include "aa-fuzz-common.h"
#include "aa-rules.h"
#include "aa-xml.h"

static AaBoard *aa_fuzz_board = NULL;
static AaScenario *aa_fuzz_scenario = NULL;
static gchar *aa_fuzz_schema = NULL;
static gchar *aa_fuzz_builtin = NULL;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	g_autofree gchar *board =
	    aa_fuzz_source_path("fixtures", "valid-board-tiny-hybrid.xml", NULL);
	g_autofree gchar *scenario =
	    aa_fuzz_source_path("fixtures", "valid-scenario-tiny-hybrid.xml", NULL);

	aa_fuzz_init();
	aa_fuzz_board = aa_fuzz_load_board(board);
	aa_fuzz_scenario = aa_fuzz_load_scenario(scenario);
	aa_fuzz_schema = aa_fuzz_source_path("schema", "rules.xsd", NULL);
	aa_fuzz_builtin = aa_fuzz_source_path("rules", "acrn-alloc.rules.xml", NULL);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autofree gchar *fn = aa_fuzz_write("pack.rules.xml", data, size);
	g_autoptr(AaRuleSet) rules = aa_rule_set_new(aa_fuzz_schema);
	g_autoptr(AaReport) report = NULL;
	g_autoptr(xmlDoc) unified = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *exported = NULL;
	AaRuleInput input = {NULL};

	if (!aa_rule_set_load(rules, aa_fuzz_builtin, &error))
		abort();
	if (!aa_rule_set_load(rules, fn, &error)) {
		aa_fuzz_check_error(error, fn);
		return 0;
	}
	exported = aa_rule_set_export_acrn_checks(rules, NULL);

	unified =
	    aa_rules_unified_new(aa_fuzz_board->doc, aa_scenario_get_doc(aa_fuzz_scenario), &error);
	if (unified == NULL)
		abort();
	input.unified = unified;
	input.board_file = aa_fuzz_board->filename;
	input.scenario_file = aa_scenario_get_filename(aa_fuzz_scenario);
	report = aa_report_new(input.board_file, input.scenario_file);
	if (!aa_rule_set_run(rules, &input, report, &error)) {
		/* a rule that cannot be evaluated is blamed on the pack */
		aa_fuzz_check_error(error, fn);
	}
	return 0;
}
