/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Profile trace CSV: aa_profile_load().
 */

#include "config.h"

#include "aa-fuzz-common.h"
#include "aa-profile.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autoptr(AaProfile) profile =
	    aa_fuzz_load("profile.csv", data, size, (AaFuzzLoadFunc)aa_profile_load, NULL);

	/* a profile that loads has samples */
	g_assert(profile == NULL || profile->samples->len > 0);
	return 0;
}
