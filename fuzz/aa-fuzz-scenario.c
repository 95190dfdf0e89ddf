/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Scenario XML: aa_scenario_load_memory() on the input, then what `validate`
 * does with it beside a fixed, valid board.
 */

#include "config.h"

#include "aa-error.h"
#include "aa-fuzz-common.h"

static AaBoard *aa_fuzz_board = NULL;
static gchar *aa_fuzz_data_dir = NULL;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	g_autofree gchar *fn = aa_fuzz_source_path("fixtures", "valid-board-tiny-hybrid.xml", NULL);
	aa_fuzz_init();
	aa_fuzz_board = aa_fuzz_load_board(fn);
	aa_fuzz_data_dir = g_strdup(AA_SOURCE_ROOT);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const gchar *fn = "fuzz-scenario.xml";
	g_autoptr(AaScenario) scenario = aa_scenario_new();
	g_autoptr(GError) error = NULL;
	AaPluginContext ctx = {aa_fuzz_data_dir, aa_fuzz_board, NULL, NULL};

	if (!aa_scenario_load_memory(scenario, (const gchar *)data, size, fn, &error)) {
		aa_fuzz_check_error(error, fn);
		return 0;
	}
	(void)aa_scenario_get_service_vm(scenario);
	ctx.scenario = scenario;
	aa_fuzz_validate(&ctx);
	return 0;
}
