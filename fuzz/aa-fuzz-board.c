/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Board XML: aa_board_load() on the input, then what `validate` does with it
 * beside a fixed, valid scenario.
 */

#include "config.h"

#include "aa-error.h"
#include "aa-fuzz-common.h"

static AaScenario *aa_fuzz_scenario = NULL;
static gchar *aa_fuzz_data_dir = NULL;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	g_autofree gchar *fn =
	    aa_fuzz_source_path("fixtures", "valid-scenario-tiny-hybrid.xml", NULL);
	aa_fuzz_init();
	aa_fuzz_scenario = aa_fuzz_load_scenario(fn);
	aa_fuzz_data_dir = g_strdup(AA_SOURCE_ROOT);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autofree gchar *fn = aa_fuzz_write("board.xml", data, size);
	g_autoptr(AaBoard) board = aa_board_new();
	g_autoptr(GError) error = NULL;
	g_autofree gchar *summary = NULL;
	AaPluginContext ctx = {aa_fuzz_data_dir, NULL, aa_fuzz_scenario, NULL};

	if (!aa_board_load(board, fn, &error)) {
		aa_fuzz_check_error(error, fn);
		return 0;
	}
	summary = aa_board_to_string(board);
	for (guint i = 0; i < 300; i++) {
		g_autofree gchar *bdf = aa_board_vf_bdf(aa_board_get_gpu_pf(board), i);
		if (bdf == NULL)
			break;
		(void)aa_board_get_pci_device(board, bdf);
	}
	ctx.board = board;
	aa_fuzz_validate(&ctx);
	return 0;
}
