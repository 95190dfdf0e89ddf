/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Scenario XML through the launch transform on ACRN's nuc11tnbi5 board (an
 * SR-IOV GPU, so VF enabling is written too); every script is checked by the
 * oracle of aa-fuzz-script.c (bash -n and the shape of each line).
 */

#include "config.h"

#include "aa-error.h"
#include "aa-fuzz-common.h"
#include "aa-fuzz-script.h"
#include "aa-transform.h"

static AaBoard *aa_fuzz_board = NULL;
static gchar *aa_fuzz_data_dir = NULL;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	g_autofree gchar *board = aa_fuzz_acrn_data("nuc11tnbi5", "nuc11tnbi5.xml");

	aa_fuzz_init();
	aa_fuzz_board = aa_fuzz_load_board(board);
	aa_fuzz_data_dir = g_strdup(AA_SOURCE_ROOT);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autofree gchar *fn = aa_fuzz_write("scenario.xml", data, size);
	g_autofree gchar *out = g_build_filename(aa_fuzz_tmpdir(), "launch", NULL);
	g_autoptr(AaScenario) scenario = aa_scenario_new();
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(GError) error = NULL;
	g_autofree gchar *summary = NULL;
	AaPluginContext ctx = {aa_fuzz_data_dir, aa_fuzz_board, NULL, NULL};

	if (!aa_scenario_load_memory(scenario, (const gchar *)data, size, fn, &error)) {
		aa_fuzz_check_error(error, fn);
		return 0;
	}
	ctx.scenario = scenario;
	aa_fuzz_rm_rf(out);
	g_hash_table_insert(options, "output", out);
	summary = aa_transform_launch(&ctx, options, &error);
	if (summary == NULL) {
		if (error == NULL || error->domain != AA_ERROR) {
			g_printerr("FUZZ: launch failed without an AA_ERROR\n");
			abort();
		}
		return 0;
	}
	aa_fuzz_check_scripts_in(out);
	return 0;
}
