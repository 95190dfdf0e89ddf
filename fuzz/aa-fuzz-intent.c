/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Intent XML: aa_intent_load() with the schema of the source tree against
 * ACRN's adl-asrock shared scenario (its VM names are the ones the intent
 * fixtures use), then the validate checks that read the intent.  The intent
 * is written beside copies of the profile fixtures so that relative hrefs
 * such as profiles/vm1-gaming.csv resolve.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "aa-error.h"
#include "aa-fuzz-common.h"

static AaBoard *aa_fuzz_board = NULL;
static AaScenario *aa_fuzz_scenario = NULL;
static gchar *aa_fuzz_data_dir = NULL;
static gchar *aa_fuzz_schema_dir = NULL;

static void
aa_fuzz_copy_profiles(const gchar *from)
{
	g_autofree gchar *src_dir = aa_fuzz_source_path("fixtures", from, NULL);
	g_autofree gchar *dst_dir = g_build_filename(aa_fuzz_tmpdir(), "profiles", NULL);
	g_autoptr(GDir) dir = g_dir_open(src_dir, 0, NULL);
	const gchar *name;

	g_mkdir_with_parents(dst_dir, 0700);
	while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
		g_autofree gchar *src = g_build_filename(src_dir, name, NULL);
		g_autofree gchar *dst = g_build_filename(dst_dir, name, NULL);
		g_autofree gchar *text = NULL;
		gsize len = 0;
		if (g_file_get_contents(src, &text, &len, NULL))
			g_file_set_contents(dst, text, (gssize)len, NULL);
	}
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	g_autofree gchar *board = aa_fuzz_acrn_data("adl-asrock", "adl-asrock.xml");
	g_autofree gchar *scenario = aa_fuzz_acrn_data("adl-asrock", "shared.xml");

	aa_fuzz_init();
	aa_fuzz_board = aa_fuzz_load_board(board);
	aa_fuzz_scenario = aa_fuzz_load_scenario(scenario);
	aa_fuzz_data_dir = g_strdup(AA_SOURCE_ROOT);
	aa_fuzz_schema_dir = aa_fuzz_source_path("schema", NULL);
	aa_fuzz_copy_profiles("profiles");
	aa_fuzz_copy_profiles("demo/profiles");
	aa_fuzz_copy_profiles("rules/profiles");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autofree gchar *fn = aa_fuzz_write("intent.xml", data, size);
	g_autoptr(AaIntent) intent = aa_intent_new();
	g_autoptr(GError) error = NULL;
	AaPluginContext ctx = {aa_fuzz_data_dir, aa_fuzz_board, aa_fuzz_scenario, NULL};

	if (!aa_intent_load(intent, fn, aa_fuzz_schema_dir, aa_fuzz_scenario, &error)) {
		aa_fuzz_check_error(error, fn);
		return 0;
	}
	ctx.intent = intent;
	aa_fuzz_validate(&ctx);
	return 0;
}
