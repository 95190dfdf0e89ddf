/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * I/O profile CSV: aa_io_profile_load(), then the I/O group algorithms over
 * what it accepted (aa_iogroup_trace_run(), every mode, thresholds given and
 * explored).
 */

#include "config.h"

#include "aa-error.h"
#include "aa-fuzz-common.h"
#include "aa-io-profile.h"
#include "aa-iogroup.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	aa_fuzz_init();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autofree gchar *fn = aa_fuzz_write("io-profile.csv", data, size);
	g_autoptr(AaIoProfile) profile = NULL;
	g_autoptr(GError) error = NULL;
	const gchar *modes[] = {"performance", "efficiency", "resource"};

	profile = aa_io_profile_load(fn, &error);
	if (profile == NULL) {
		aa_fuzz_check_error(error, fn);
		return 0;
	}
	if (profile->samples->len == 0)
		abort();
	for (guint m = 0; m < G_N_ELEMENTS(modes); m++) {
		g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
		g_autofree gchar *text = NULL;
		g_autoptr(GError) error_local = NULL;
		g_hash_table_insert(options, "io-profiles", fn);
		g_hash_table_insert(options, "total-cores", "8");
		g_hash_table_insert(options, "mode", (gpointer)modes[m]);
		g_hash_table_insert(options, "slo-ms", "5");
		g_hash_table_insert(options, "format", m == 1 ? "json" : "text");
		if (m == 2) {
			g_hash_table_insert(options, "th-vcpu", "0.7");
			g_hash_table_insert(options, "th-io", "0.3");
		}
		text = aa_iogroup_trace_run(options, &error_local);
		if (text == NULL)
			aa_fuzz_check_error(error_local, fn);
	}
	return 0;
}
