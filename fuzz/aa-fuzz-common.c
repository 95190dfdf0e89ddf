/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <libxml/xmlerror.h>

#include "aa-error.h"
#include "aa-fuzz-common.h"
#include "aa-validate.h"
#include "aa-xml.h"

static gchar *aa_fuzz_dir = NULL;
static AaRuleSet *aa_fuzz_rules = NULL;

void
aa_fuzz_rm_rf(const gchar *path)
{
	g_autoptr(GDir) dir = g_dir_open(path, 0, NULL);
	const gchar *name;
	if (dir == NULL) {
		g_unlink(path);
		return;
	}
	while ((name = g_dir_read_name(dir)) != NULL) {
		g_autofree gchar *fn = g_build_filename(path, name, NULL);
		aa_fuzz_rm_rf(fn);
	}
	g_rmdir(path);
}

static void
aa_fuzz_cleanup(void)
{
	if (aa_fuzz_dir != NULL)
		aa_fuzz_rm_rf(aa_fuzz_dir);
	g_clear_pointer(&aa_fuzz_dir, g_free);
	g_clear_pointer(&aa_fuzz_rules, aa_rule_set_free);
}

static void
aa_fuzz_quiet_error(void *ctx, const char *msg, ...)
{
}

/**
 * aa_fuzz_init:
 *
 * Makes criticals fatal (a g_return_if_fail() reached by input is a bug),
 * silences libxml2's default stderr reporting and creates the private
 * temporary directory.  Safe to call many times.
 */
void
aa_fuzz_init(void)
{
	if (aa_fuzz_dir != NULL)
		return;
	g_log_set_always_fatal(G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
	aa_xml_init();
	xmlSetGenericErrorFunc(NULL, aa_fuzz_quiet_error);
	aa_fuzz_dir = g_dir_make_tmp("aa-fuzz-XXXXXX", NULL);
	if (aa_fuzz_dir == NULL) {
		g_printerr("cannot create a temporary directory\n");
		abort();
	}
	atexit(aa_fuzz_cleanup);
}

const gchar *
aa_fuzz_tmpdir(void)
{
	aa_fuzz_init();
	return aa_fuzz_dir;
}

/**
 * aa_fuzz_write:
 * @name: a file name inside the private directory
 * @data: the input
 * @size: its length
 *
 * Returns: (transfer full): the path the input was written to
 */
gchar *
aa_fuzz_write(const gchar *name, const uint8_t *data, size_t size)
{
	g_autofree gchar *fn = g_build_filename(aa_fuzz_tmpdir(), name, NULL);
	g_autoptr(GError) error = NULL;
	if (!g_file_set_contents(fn, (const gchar *)data, (gssize)size, &error)) {
		g_printerr("%s\n", error->message);
		abort();
	}
	return g_steal_pointer(&fn);
}

/**
 * aa_fuzz_source_path:
 * @first: the first path element below the source root
 *
 * Returns: (transfer full): a path in the source tree
 */
gchar *
aa_fuzz_source_path(const gchar *first, ...)
{
	va_list args;
	g_autoptr(GPtrArray) parts = g_ptr_array_new();
	const gchar *part;

	g_ptr_array_add(parts, (gpointer)AA_SOURCE_ROOT);
	va_start(args, first);
	for (part = first; part != NULL; part = va_arg(args, const gchar *))
		g_ptr_array_add(parts, (gpointer)part);
	va_end(args);
	g_ptr_array_add(parts, NULL);
	return g_build_filenamev((gchar **)parts->pdata);
}

/**
 * aa_fuzz_acrn_data:
 * @board: a folder of ACRN's data, e.g. adl-asrock
 * @file: a file in it
 *
 * Returns: (transfer full): the path under $AA_ACRN_DATA, by default
 * ../shared/acrn-data beside the source tree
 */
gchar *
aa_fuzz_acrn_data(const gchar *board, const gchar *file)
{
	const gchar *root = g_getenv("AA_ACRN_DATA");
	if (root != NULL)
		return g_build_filename(root, board, file, NULL);
	return aa_fuzz_source_path("..", "shared", "acrn-data", board, file, NULL);
}

/**
 * aa_fuzz_check_error:
 * @error: the error a loader returned
 * @filename: the input file it was given
 *
 * The project standard: a refused input gets an %AA_ERROR with a message
 * naming the file.  Anything else is a finding, so abort for libFuzzer.
 */
void
aa_fuzz_check_error(const GError *error, const gchar *filename)
{
	g_autofree gchar *base = g_path_get_basename(filename);
	if (error == NULL) {
		g_printerr("FUZZ: failed without an error\n");
		abort();
	}
	if (error->domain != AA_ERROR) {
		g_printerr("FUZZ: error outside AA_ERROR: %s\n", error->message);
		abort();
	}
	if (strstr(error->message, base) == NULL) {
		g_printerr("FUZZ: error does not name %s: %s\n", base, error->message);
		abort();
	}
}

static void
aa_fuzz_fatal(const gchar *what, const gchar *filename, const GError *error)
{
	g_printerr("FUZZ: cannot load the fixed %s %s: %s\n", what, filename,
	           error != NULL ? error->message : "?");
	abort();
}

AaBoard *
aa_fuzz_load_board(const gchar *filename)
{
	g_autoptr(AaBoard) board = aa_board_new();
	g_autoptr(GError) error = NULL;
	if (!aa_board_load(board, filename, &error))
		aa_fuzz_fatal("board", filename, error);
	return g_steal_pointer(&board);
}

AaScenario *
aa_fuzz_load_scenario(const gchar *filename)
{
	g_autoptr(AaScenario) scenario = aa_scenario_new();
	g_autoptr(GError) error = NULL;
	if (!aa_scenario_load(scenario, filename, &error))
		aa_fuzz_fatal("scenario", filename, error);
	return g_steal_pointer(&scenario);
}

/**
 * aa_fuzz_validate:
 * @ctx: a context with a board, a scenario and maybe an intent
 *
 * What `validate` does with inputs that loaded: the built-in rule pack, the
 * computed checks and every report format.  A failure here must still be a
 * proper AA_ERROR.
 */
void
aa_fuzz_validate(AaPluginContext *ctx)
{
	const gchar *formats[] = {"text", "json", "junit"};
	g_autoptr(AaReport) report = NULL;
	g_autoptr(GError) error = NULL;

	if (aa_fuzz_rules == NULL) {
		aa_fuzz_rules = aa_validate_load_rules(ctx->data_dir, NULL, &error);
		if (aa_fuzz_rules == NULL)
			aa_fuzz_fatal("rule pack", ctx->data_dir, error);
	}
	report = aa_validate_report(ctx, aa_fuzz_rules, NULL, &error);
	if (report == NULL) {
		if (error == NULL || error->domain != AA_ERROR) {
			g_printerr("FUZZ: validation failed without an AA_ERROR\n");
			abort();
		}
		return;
	}
	for (guint i = 0; i < G_N_ELEMENTS(formats); i++) {
		g_autofree gchar *text = aa_report_format(report, formats[i], &error);
		if (text == NULL) {
			g_printerr("FUZZ: report format %s failed: %s\n", formats[i],
			           error != NULL ? error->message : "?");
			abort();
		}
	}
}
