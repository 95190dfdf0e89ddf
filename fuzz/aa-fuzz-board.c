/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Board XML: aa_board_load() on the input, then what `validate` does with it
 * beside a fixed, valid scenario.
 */

#include "config.h"

#include "aa-fuzz-common.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	AaPluginContext ctx = *aa_fuzz_context(NULL, AA_FUZZ_TINY_SCENARIO);
	g_autoptr(AaBoard) board =
	    aa_fuzz_load("board.xml", data, size, aa_fuzz_board_from_file, NULL);
	g_autofree gchar *summary = NULL;

	if (board == NULL)
		return 0;
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
