/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Profile trace CSV: aa_profile_load().
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
	g_autofree gchar *fn = aa_fuzz_write("profile.csv", data, size);
	g_autoptr(AaProfile) profile = NULL;
	g_autoptr(GError) error = NULL;

	profile = aa_profile_load(fn, &error);
	if (profile == NULL) {
		aa_fuzz_check_error(error, fn);
		return 0;
	}
	if (profile->samples->len == 0)
		abort();
	return 0;
}
