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

#include "aa-fuzz-common.h"
#include "aa-fuzz-script.h"
#include "aa-transform.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autofree gchar *out = g_build_filename(aa_fuzz_tmpdir(), "launch", NULL);
	AaPluginContext ctx = *aa_fuzz_context(NULL, "fixtures/launch/hostile-scenario.xml");

	ctx.board = aa_fuzz_load("board.xml", data, size, aa_fuzz_board_from_file, NULL);
	if (ctx.board == NULL)
		return 0;
	aa_fuzz_rm_rf(out);
	if (aa_fuzz_hook(aa_transform_launch, "launch", &ctx, NULL, out))
		aa_fuzz_check_scripts_in(out);
	g_clear_pointer(&ctx.board, aa_board_free);
	return 0;
}
