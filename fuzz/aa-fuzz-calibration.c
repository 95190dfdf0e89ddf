/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Calibration CSV: aa_calibration_load().
 */

#include "config.h"

#include "aa-error.h"
#include "aa-fuzz-common.h"
#include "aa-profile.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	aa_fuzz_init();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autofree gchar *fn = aa_fuzz_write("calibration.csv", data, size);
	g_autoptr(GPtrArray) rows = NULL;
	g_autoptr(GError) error = NULL;

	rows = aa_calibration_load(fn, &error);
	if (rows == NULL) {
		aa_fuzz_check_error(error, fn);
		return 0;
	}
	if (rows->len == 0)
		abort();
	return 0;
}
