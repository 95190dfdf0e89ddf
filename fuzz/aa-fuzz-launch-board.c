/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Board XML through the launch transform: the board is as untrusted as the
 * scenario (PF descriptions, classes, APIC and CPU IDs reach the scripts).
 * The scenario is fixtures/launch/hostile-scenario.xml (a VF of the iGPU, a
 * TAP device and a virtio block device), the check aa-fuzz-script.c's.
 */

#include "config.h"

#include "aa-error.h"
#include "aa-fuzz-common.h"
#include "aa-fuzz-script.h"
#include "aa-transform.h"

static AaScenario *aa_fuzz_scenario = NULL;
static gchar *aa_fuzz_data_dir = NULL;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	g_autofree gchar *scenario =
	    aa_fuzz_source_path("fixtures", "launch", "hostile-scenario.xml", NULL);

	aa_fuzz_init();
	aa_fuzz_scenario = aa_fuzz_load_scenario(scenario);
	aa_fuzz_data_dir = g_strdup(AA_SOURCE_ROOT);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autofree gchar *fn = aa_fuzz_write("board.xml", data, size);
	g_autofree gchar *out = g_build_filename(aa_fuzz_tmpdir(), "launch", NULL);
	g_autoptr(AaBoard) board = aa_board_new();
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(GError) error = NULL;
	g_autofree gchar *summary = NULL;
	AaPluginContext ctx = {aa_fuzz_data_dir, NULL, aa_fuzz_scenario, NULL};

	if (!aa_board_load(board, fn, &error)) {
		aa_fuzz_check_error(error, fn);
		return 0;
	}
	ctx.board = board;
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
