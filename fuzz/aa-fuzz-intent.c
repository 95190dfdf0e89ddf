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

#include "aa-fuzz-common.h"

static gchar *aa_fuzz_schema_dir = NULL;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const gchar *from[] = {"profiles", "demo/profiles", "rules/profiles"};
	g_autofree gchar *to = g_build_filename(aa_fuzz_tmpdir(), "profiles", NULL);

	aa_fuzz_context(AA_FUZZ_ASROCK_BOARD, AA_FUZZ_ASROCK_SCENARIO);
	aa_fuzz_schema_dir = aa_fuzz_source_path("schema", NULL);
	for (guint i = 0; i < G_N_ELEMENTS(from); i++) {
		g_autofree gchar *dir = aa_fuzz_source_path("fixtures", from[i], NULL);
		aa_fuzz_copy_dir(dir, to);
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autofree gchar *fn = aa_fuzz_write("intent.xml", data, size);
	g_autoptr(AaIntent) intent = aa_intent_new();
	g_autoptr(GError) error = NULL;
	AaPluginContext ctx = *aa_fuzz_context(AA_FUZZ_ASROCK_BOARD, AA_FUZZ_ASROCK_SCENARIO);

	if (!aa_fuzz_loaded(aa_intent_load(intent, fn, aa_fuzz_schema_dir, ctx.scenario, &error),
	                    &error, fn))
		return 0;
	ctx.intent = intent;
	aa_fuzz_validate(&ctx);
	return 0;
}
