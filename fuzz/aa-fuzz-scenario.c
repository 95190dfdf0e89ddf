/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Scenario XML: aa_scenario_load_memory() on the input, then what `validate`
 * does with it beside a fixed, valid board.
 */

#include "config.h"

#include "aa-fuzz-common.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	AaPluginContext ctx = *aa_fuzz_context(AA_FUZZ_TINY_BOARD, NULL);
	g_autoptr(AaScenario) scenario = aa_fuzz_scenario_input(data, size, "fuzz-scenario.xml");

	if (scenario == NULL)
		return 0;
	(void)aa_scenario_get_service_vm(scenario);
	ctx.scenario = scenario;
	aa_fuzz_validate(&ctx);
	return 0;
}
