/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Scenario XML through the launch transform on ACRN's nuc11tnbi5 board (an
 * SR-IOV GPU, so VF enabling is written too); every script is checked by the
 * oracle of aa-fuzz-script.c (bash -n and the shape of each line).
 */

#include "config.h"

#include "aa-fuzz-common.h"
#include "aa-fuzz-script.h"
#include "aa-transform.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	AaPluginContext ctx = *aa_fuzz_context("acrn-data/nuc11tnbi5/nuc11tnbi5.xml", NULL);
	g_autofree gchar *fn = aa_fuzz_write("scenario.xml", data, size);
	g_autofree gchar *out = g_build_filename(aa_fuzz_tmpdir(), "launch", NULL);
	g_autoptr(AaScenario) scenario = aa_fuzz_scenario_input(data, size, fn);

	if (scenario == NULL)
		return 0;
	ctx.scenario = scenario;
	aa_fuzz_rm_rf(out);
	if (aa_fuzz_hook(aa_transform_launch, "launch", &ctx, NULL, out))
		aa_fuzz_check_scripts_in(out);
	return 0;
}
