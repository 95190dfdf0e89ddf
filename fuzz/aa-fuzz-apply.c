/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Recommendation XML through the apply transform: aa_transform_apply() with
 * the input as the recommendation, on ACRN's adl-asrock board and shared
 * scenario (the recommendation fixtures are written for them), then the
 * validation of the final scenario that apply does before writing it.
 */

#include "config.h"

#include "aa-fuzz-common.h"
#include "aa-transform.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	AaPluginContext *ctx = aa_fuzz_context(AA_FUZZ_ASROCK_BOARD, AA_FUZZ_ASROCK_SCENARIO);
	g_autofree gchar *fn = aa_fuzz_write("recommendation.xml", data, size);
	g_autofree gchar *out = g_build_filename(aa_fuzz_tmpdir(), "final-scenario.xml", NULL);

	aa_fuzz_hook(aa_transform_apply, "apply", ctx, fn, out);
	return 0;
}
