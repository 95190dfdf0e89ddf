/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * refine on the bundled demo (tiny hybrid board, cockpit scenario and
 * intent with its profiles and calibration), the input as the trials CSV:
 * read, refit the response families, cut, search and write the
 * recommendation.  Oracles: a refusal (or stuck) is an AA_ERROR, one of
 * the input naming the file; the summary and whatever was written hold no
 * number that is NaN or infinite (a refusal's message may quote the input).
 */

#include "config.h"

#include <glib/gstdio.h>

#include "aa-error.h"
#include "aa-fuzz-common.h"
#include "aa-intent.h"
#include "aa-refine.h"
#include "aa-xml.h"

#define AA_FUZZ_REFINE_SCENARIO "fixtures/demo/cockpit-scenario.xml"
#define AA_FUZZ_REFINE_INTENT   "fixtures/demo/cockpit-intent.xml"

static AaIntent *aa_fuzz_intent = NULL;
static gchar *aa_fuzz_output = NULL;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	AaPluginContext *ctx = aa_fuzz_context(AA_FUZZ_TINY_BOARD, AA_FUZZ_REFINE_SCENARIO);
	g_autofree gchar *fn = aa_fuzz_companion(AA_FUZZ_REFINE_INTENT);
	g_autofree gchar *schema = aa_fuzz_source_path("schema", NULL);
	g_autoptr(GError) error = NULL;

	aa_fuzz_intent = aa_intent_new();
	if (!aa_intent_load(aa_fuzz_intent, fn, schema, ctx->scenario, &error)) {
		g_printerr("FUZZ: cannot load the fixed intent %s: %s\n", fn, error->message);
		abort();
	}
	aa_fuzz_output = g_build_filename(aa_fuzz_tmpdir(), "recommendation.xml", NULL);
	return 0;
}

/* a word of @text that reads as a number that is not finite */
static void
aa_fuzz_check_finite(const gchar *where, const gchar *text)
{
	if (text != NULL &&
	    g_regex_match_simple("(^|[^A-Za-z0-9_])[-+]?(nan|inf|infinity)([^A-Za-z0-9_]|$)", text,
	                         G_REGEX_CASELESS | G_REGEX_RAW, 0)) {
		g_printerr("FUZZ: %s holds a number that is not finite: %s\n", where, text);
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autofree gchar *fn = aa_fuzz_write("trials.csv", data, size);
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(GError) error = NULL;
	g_autofree gchar *summary = NULL;
	g_autofree gchar *written = NULL;
	AaPluginContext ctx = *aa_fuzz_context(AA_FUZZ_TINY_BOARD, AA_FUZZ_REFINE_SCENARIO);
	xmlDoc *doc;

	ctx.intent = aa_fuzz_intent;
	g_unlink(aa_fuzz_output);
	g_hash_table_insert(options, "trials", fn);
	g_hash_table_insert(options, "output", aa_fuzz_output);
	summary = aa_refine_run(&ctx, options, &error);
	if (summary == NULL && (error == NULL || error->domain != AA_ERROR)) {
		g_printerr("FUZZ: refine failed without an AA_ERROR\n");
		abort();
	}
	if (summary == NULL && error->code == AA_ERROR_INVALID_DATA)
		aa_fuzz_check_error(error, fn);
	aa_fuzz_check_finite("the summary", summary);
	if (!g_file_test(aa_fuzz_output, G_FILE_TEST_EXISTS))
		return 0;
	doc = aa_xml_load_file(aa_fuzz_output, NULL);
	if (doc == NULL || !g_file_get_contents(aa_fuzz_output, &written, NULL, NULL)) {
		g_printerr("FUZZ: refine wrote a recommendation that does not parse\n");
		abort();
	}
	xmlFreeDoc(doc);
	aa_fuzz_check_finite("the recommendation", written);
	return 0;
}
