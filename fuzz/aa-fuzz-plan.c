/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * plan end to end on the bundled demo (tiny hybrid board, cockpit
 * scenario), the input as the intent: recommend, apply, launch and report
 * into a staged copy of DIR, published with aa-publish.c.  Oracles: a
 * failure leaves DIR as it was (a marker file and the previous artifacts),
 * a success leaves every artifact, every launch script passes
 * aa_fuzz_check_script() and the report aa_fuzz_check_html(); no staging
 * directory is left behind either way.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "aa-error.h"
#include "aa-fuzz-common.h"
#include "aa-fuzz-script.h"
#include "aa-publish.h"
#include "aa-recommend.h"
#include "aa-report.h"
#include "aa-transform.h"

/* the demo's inputs: the tiny hybrid board and the cockpit scenario */
#define AA_FUZZ_PLAN_SCENARIO "fixtures/demo/cockpit-scenario.xml"

static gchar *aa_fuzz_schema_dir = NULL;
static gchar *aa_fuzz_dest = NULL;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const gchar *dirs[] = {"profiles", "calib"};
	g_autofree gchar *marker = NULL;

	aa_fuzz_context(AA_FUZZ_TINY_BOARD, AA_FUZZ_PLAN_SCENARIO);
	aa_fuzz_schema_dir = aa_fuzz_source_path("schema", NULL);
	for (guint i = 0; i < G_N_ELEMENTS(dirs); i++) {
		g_autofree gchar *from = aa_fuzz_source_path("fixtures", "demo", dirs[i], NULL);
		g_autofree gchar *to = g_build_filename(aa_fuzz_tmpdir(), dirs[i], NULL);
		aa_fuzz_copy_dir(from, to);
	}
	aa_fuzz_dest = g_build_filename(aa_fuzz_tmpdir(), "out", "plan", NULL);
	g_mkdir_with_parents(aa_fuzz_dest, 0700);
	marker = g_build_filename(aa_fuzz_dest, "user-notes.txt", NULL);
	g_file_set_contents(marker, "mine\n", -1, NULL);
	return 0;
}

/* the names in DIR and their contents, to compare before and after */
static gchar *
aa_fuzz_snapshot(const gchar *dir)
{
	g_autoptr(GString) str = g_string_new(NULL);
	const gchar *names[] = {"user-notes.txt", "recommendation.xml", "scenario.xml",
	                        "report.html"};
	for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
		g_autofree gchar *fn = g_build_filename(dir, names[i], NULL);
		g_autofree gchar *text = NULL;
		g_file_get_contents(fn, &text, NULL, NULL);
		g_string_append_printf(str, "%s\n%s\n", names[i], text != NULL ? text : "(none)");
	}
	return g_string_free(g_steal_pointer(&str), FALSE);
}

static void
aa_fuzz_assert_no_stage(void)
{
	g_autofree gchar *parent = g_path_get_dirname(aa_fuzz_dest);
	g_autoptr(GDir) dir = g_dir_open(parent, 0, NULL);
	const gchar *name;
	while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
		if (strstr(name, ".partial-") != NULL || strstr(name, ".old-") != NULL) {
			g_printerr("FUZZ: staging left behind: %s\n", name);
			abort();
		}
	}
}

static gboolean
aa_fuzz_plan_steps(AaPluginContext *ctx, const gchar *stage, GError **error)
{
	g_autofree gchar *rec = g_build_filename(stage, "recommendation.xml", NULL);
	g_autofree gchar *final = g_build_filename(stage, "scenario.xml", NULL);
	g_autofree gchar *launch = g_build_filename(stage, "launch", NULL);
	g_autofree gchar *report = g_build_filename(stage, "report.html", NULL);
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(AaScenario) scenario = aa_scenario_new();
	AaScenario *fixed = ctx->scenario;
	g_autofree gchar *text = NULL;

	g_hash_table_insert(options, "output", rec);
	text = aa_recommend_run(ctx, options, error);
	if (text == NULL)
		return FALSE;
	g_clear_pointer(&text, g_free);
	g_hash_table_insert(options, "recommendation", rec);
	g_hash_table_insert(options, "output", final);
	text = aa_transform_apply(ctx, options, error);
	if (text == NULL)
		return FALSE;
	g_clear_pointer(&text, g_free);
	if (!aa_scenario_load(scenario, final, error))
		return FALSE;
	ctx->scenario = scenario;
	g_hash_table_insert(options, "output", launch);
	text = aa_transform_launch(ctx, options, error);
	if (text != NULL) {
		g_clear_pointer(&text, g_free);
		g_hash_table_insert(options, "output", report);
		text = aa_report_write(ctx, options, error);
	}
	ctx->scenario = fixed;
	if (text == NULL)
		return FALSE;
	aa_fuzz_check_scripts_in(launch);
	aa_fuzz_check_html(report);
	return TRUE;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autofree gchar *fn = aa_fuzz_write("intent.xml", data, size);
	g_autoptr(AaIntent) intent = aa_intent_new();
	g_autoptr(GError) error = NULL;
	g_autoptr(AaPublish) publish = NULL;
	g_autofree gchar *before = aa_fuzz_snapshot(aa_fuzz_dest);
	g_autofree gchar *after = NULL;
	AaPluginContext ctx = *aa_fuzz_context(AA_FUZZ_TINY_BOARD, AA_FUZZ_PLAN_SCENARIO);
	gboolean ok;

	if (!aa_fuzz_loaded(aa_intent_load(intent, fn, aa_fuzz_schema_dir, ctx.scenario, &error),
	                    &error, fn))
		return 0;
	ctx.intent = intent;
	publish = aa_publish_begin(aa_fuzz_dest, &error);
	if (publish == NULL) {
		g_printerr("FUZZ: cannot stage: %s\n", error->message);
		abort();
	}
	ok = aa_fuzz_plan_steps(&ctx, aa_publish_stage(publish), &error);
	if (ok)
		ok = aa_publish_commit(publish, &error);
	else if (error == NULL || error->domain != AA_ERROR)
		abort();
	g_clear_pointer(&publish, aa_publish_free);
	aa_fuzz_assert_no_stage();
	after = aa_fuzz_snapshot(aa_fuzz_dest);
	if (!ok && g_strcmp0(before, after) != 0) {
		g_printerr("FUZZ: a failed plan changed DIR: %s\n", error->message);
		abort();
	}
	if (ok && (strstr(after, "(none)") != NULL || strstr(after, "\nmine\n") == NULL)) {
		g_printerr("FUZZ: a plan left DIR incomplete or lost the user's file\n");
		abort();
	}
	return 0;
}
