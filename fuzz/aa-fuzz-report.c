/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Recommendation XML through the HTML report (xslt/report.xsl) on ACRN's
 * adl-asrock board and shared scenario; the page must stay inert: no
 * script, no event handler, no javascript: link (aa-fuzz-script.c).
 */

#include "config.h"

#include "aa-error.h"
#include "aa-fuzz-common.h"
#include "aa-fuzz-script.h"
#include "aa-report.h"

static AaBoard *aa_fuzz_board = NULL;
static AaScenario *aa_fuzz_scenario = NULL;
static gchar *aa_fuzz_data_dir = NULL;
static gchar *aa_fuzz_output = NULL;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	g_autofree gchar *board = aa_fuzz_acrn_data("adl-asrock", "adl-asrock.xml");
	g_autofree gchar *scenario = aa_fuzz_acrn_data("adl-asrock", "shared.xml");

	aa_fuzz_init();
	aa_fuzz_board = aa_fuzz_load_board(board);
	aa_fuzz_scenario = aa_fuzz_load_scenario(scenario);
	aa_fuzz_data_dir = g_strdup(AA_SOURCE_ROOT);
	aa_fuzz_output = g_build_filename(aa_fuzz_tmpdir(), "report.html", NULL);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autofree gchar *fn = aa_fuzz_write("recommendation.xml", data, size);
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(GError) error = NULL;
	g_autofree gchar *summary = NULL;
	AaPluginContext ctx = {aa_fuzz_data_dir, aa_fuzz_board, aa_fuzz_scenario, NULL};

	g_hash_table_insert(options, "recommendation", fn);
	g_hash_table_insert(options, "output", aa_fuzz_output);
	summary = aa_report_write(&ctx, options, &error);
	if (summary == NULL) {
		if (error == NULL || error->domain != AA_ERROR) {
			g_printerr("FUZZ: report failed without an AA_ERROR\n");
			abort();
		}
		return 0;
	}
	aa_fuzz_check_html(aa_fuzz_output);
	return 0;
}
