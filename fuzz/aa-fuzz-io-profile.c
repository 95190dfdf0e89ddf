/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * I/O profile CSV: aa_io_profile_load(), then the I/O group algorithms over
 * what it accepted (aa_iogroup_trace_run(), every mode, thresholds given and
 * explored).
 */

#include "config.h"

#include "aa-fuzz-common.h"
#include "aa-io-profile.h"
#include "aa-iogroup.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const gchar *modes[] = {"performance", "efficiency", "resource"};
	g_autofree gchar *fn = NULL;
	g_autoptr(AaIoProfile) profile =
	    aa_fuzz_load("io-profile.csv", data, size, (AaFuzzLoadFunc)aa_io_profile_load, &fn);

	if (profile == NULL)
		return 0;
	g_assert(profile->samples->len > 0);
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
		aa_fuzz_loaded(text != NULL, &error_local, fn);
	}
	return 0;
}
