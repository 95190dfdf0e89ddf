/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Calibration CSV: aa_calibration_load().
 */

#include "config.h"

#include "aa-fuzz-common.h"
#include "aa-profile.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autoptr(GPtrArray) rows =
	    aa_fuzz_load("calibration.csv", data, size, (AaFuzzLoadFunc)aa_calibration_load, NULL);

	g_assert(rows == NULL || rows->len > 0);
	return 0;
}
