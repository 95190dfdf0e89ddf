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
#include "aa-rules.h"
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
 * aa_fuzz_companion:
 * @path: a fixed input below the source root, e.g. "fixtures/x.xml"; one
 *   below "acrn-data/" is ACRN's data, under $AA_ACRN_DATA when set (by
 *   default ../shared/acrn-data beside the source tree)
 *
 * Returns: (transfer full): its path
 */
gchar *
aa_fuzz_companion(const gchar *path)
{
	const gchar *root = g_getenv("AA_ACRN_DATA");
	if (!g_str_has_prefix(path, "acrn-data/"))
		return aa_fuzz_source_path(path, NULL);
	if (root != NULL)
		return g_build_filename(root, path + strlen("acrn-data/"), NULL);
	return aa_fuzz_source_path("..", "shared", path, NULL);
}

/**
 * aa_fuzz_copy_dir:
 * @from: a directory
 * @to: where its files are copied (created)
 *
 * Copies the files of @from, e.g. the profiles an intent names by a
 * relative href, beside the input.
 */
void
aa_fuzz_copy_dir(const gchar *from, const gchar *to)
{
	g_autoptr(GDir) dir = g_dir_open(from, 0, NULL);
	const gchar *name;

	g_mkdir_with_parents(to, 0700);
	while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
		g_autofree gchar *src = g_build_filename(from, name, NULL);
		g_autofree gchar *dst = g_build_filename(to, name, NULL);
		g_autofree gchar *text = NULL;
		gsize len = 0;
		if (g_file_get_contents(src, &text, &len, NULL))
			g_file_set_contents(dst, text, (gssize)len, NULL);
	}
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

/**
 * aa_fuzz_loaded:
 * @loaded: what the loader returned
 * @error: where it set its error
 * @filename: the input file it was given
 *
 * Returns: @loaded; a refusal is checked with aa_fuzz_check_error()
 */
gboolean
aa_fuzz_loaded(gboolean loaded, GError *const *error, const gchar *filename)
{
	if (!loaded)
		aa_fuzz_check_error(*error, filename);
	return loaded;
}

/**
 * aa_fuzz_load:
 * @name: the file name the input is written as, in the private directory
 * @data: the input
 * @size: its length
 * @load: the loader under test
 * @filename: (out) (optional): where the input was written
 *
 * Returns: (transfer full): what @load returned, or %NULL when it refused
 *   the input the way the project standard asks
 */
gpointer
aa_fuzz_load(const gchar *name, const uint8_t *data, size_t size, AaFuzzLoadFunc load,
             gchar **filename)
{
	g_autofree gchar *fn = aa_fuzz_write(name, data, size);
	g_autoptr(GError) error = NULL;
	gpointer result = load(fn, &error);

	aa_fuzz_loaded(result != NULL, &error, fn);
	if (filename != NULL)
		*filename = g_steal_pointer(&fn);
	return result;
}

/* a step that does not name the input (a transform, a report) still fails
 * with an AA_ERROR */
static void
aa_fuzz_check_domain(const GError *error, const gchar *what)
{
	if (error == NULL || error->domain != AA_ERROR) {
		g_printerr("FUZZ: %s failed without an AA_ERROR\n", what);
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

/**
 * aa_fuzz_board_from_file:
 * @filename: a board XML
 * @error: (nullable): optional return location for an error
 *
 * aa_board_load() as an #AaFuzzLoadFunc.
 *
 * Returns: (transfer full): the board, or %NULL
 */
gpointer
aa_fuzz_board_from_file(const gchar *filename, GError **error)
{
	g_autoptr(AaBoard) board = aa_board_new();
	if (!aa_board_load(board, filename, error))
		return NULL;
	return g_steal_pointer(&board);
}

/**
 * aa_fuzz_scenario_input:
 * @data: the input
 * @size: its length
 * @name: the file name messages must give
 *
 * Returns: (transfer full): the input read as a scenario from memory, or
 *   %NULL when it was refused the way the project standard asks
 */
AaScenario *
aa_fuzz_scenario_input(const uint8_t *data, size_t size, const gchar *name)
{
	g_autoptr(AaScenario) scenario = aa_scenario_new();
	g_autoptr(GError) error = NULL;

	if (!aa_fuzz_loaded(
	        aa_scenario_load_memory(scenario, (const gchar *)data, size, name, &error), &error,
	        name))
		return NULL;
	return g_steal_pointer(&scenario);
}

/* a fixed companion: one that does not load is fatal */
static gpointer
aa_fuzz_load_companion(const gchar *path, const gchar *what, AaFuzzLoadFunc load)
{
	g_autofree gchar *fn = aa_fuzz_companion(path);
	g_autoptr(GError) error = NULL;
	gpointer result = load(fn, &error);
	if (result == NULL)
		aa_fuzz_fatal(what, fn, error);
	return result;
}

/**
 * aa_fuzz_context:
 * @board: (nullable): the fixed board, for aa_fuzz_companion()
 * @scenario: (nullable): the fixed scenario
 *
 * The context a target's input runs in, made on the first call: the source
 * tree as data directory and the companions, loaded once (one that does not
 * load is fatal).  A target passes the same companions on every call.
 *
 * Returns: (transfer none): the context
 */
AaPluginContext *
aa_fuzz_context(const gchar *board, const gchar *scenario)
{
	static AaPluginContext ctx = {NULL};

	if (ctx.data_dir != NULL)
		return &ctx;
	aa_fuzz_init();
	ctx.data_dir = g_strdup(AA_SOURCE_ROOT);
	if (board != NULL)
		ctx.board = aa_fuzz_load_companion(board, "board", aa_fuzz_board_from_file);
	if (scenario != NULL) {
		g_autofree gchar *fn = aa_fuzz_companion(scenario);
		g_autoptr(GError) error = NULL;
		ctx.scenario = aa_scenario_new();
		if (!aa_scenario_load(ctx.scenario, fn, &error))
			aa_fuzz_fatal("scenario", fn, error);
	}
	return &ctx;
}

/**
 * aa_fuzz_hook:
 * @hook: the hook under test
 * @what: its name, for the finding
 * @ctx: the context
 * @recommendation: (nullable): the input as the `recommendation` option
 * @output: the `output` option
 *
 * Returns: %TRUE when @hook wrote @output; a refusal must be an AA_ERROR
 */
gboolean
aa_fuzz_hook(AaFuzzHookFunc hook, const gchar *what, AaPluginContext *ctx,
             const gchar *recommendation, const gchar *output)
{
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(GError) error = NULL;
	g_autofree gchar *summary = NULL;

	if (recommendation != NULL)
		g_hash_table_insert(options, "recommendation", (gpointer)recommendation);
	g_hash_table_insert(options, "output", (gpointer)output);
	summary = hook(ctx, options, &error);
	if (summary == NULL)
		aa_fuzz_check_domain(error, what);
	return summary != NULL;
}

/**
 * aa_fuzz_run_rules:
 * @ctx: the context with the board and the scenario
 * @rules: a loaded rule set
 * @unified: the unified document of @ctx's board and scenario
 * @filename: the input the rules came from
 *
 * Runs @rules; a rule that cannot be evaluated is blamed on @filename.
 */
void
aa_fuzz_run_rules(AaPluginContext *ctx, AaRuleSet *rules, xmlDoc *unified, const gchar *filename)
{
	g_autoptr(AaDiagnostics) report =
	    aa_diagnostics_new(ctx->board->filename, aa_scenario_get_filename(ctx->scenario));
	g_autoptr(GError) error = NULL;
	AaRuleInput input = {NULL};

	input.unified = unified;
	input.board_file = ctx->board->filename;
	input.scenario_file = aa_scenario_get_filename(ctx->scenario);
	if (!aa_rule_set_run(rules, &input, report, &error))
		aa_fuzz_check_error(error, filename);
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
	g_autoptr(AaDiagnostics) report = NULL;
	g_autoptr(GError) error = NULL;

	if (aa_fuzz_rules == NULL) {
		aa_fuzz_rules = aa_validate_load_rules(ctx->data_dir, NULL, &error);
		if (aa_fuzz_rules == NULL)
			aa_fuzz_fatal("rule pack", ctx->data_dir, error);
	}
	report = aa_validate_report(ctx, aa_fuzz_rules, NULL, &error);
	if (report == NULL) {
		aa_fuzz_check_domain(error, "validation");
		return;
	}
	for (guint i = 0; i < G_N_ELEMENTS(formats); i++) {
		g_autofree gchar *text = aa_diagnostics_format(report, formats[i], &error);
		if (text == NULL) {
			g_printerr("FUZZ: report format %s failed: %s\n", formats[i],
			           error != NULL ? error->message : "?");
			abort();
		}
	}
}
