/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The plan hook: recommend, apply, launch and report in one pass over
 * documents held in memory.  Each input is read once; the recommendation is
 * kept as a document and handed to the stylesheets as one; the final
 * scenario is parsed once and validated once (aa_validate_final()).  The
 * host stages and publishes the output directory (aa-publish.c).
 */

#include "config.h"

#include <string.h>

#include "aa-board-private.h"
#include "aa-context-private.h"
#include "aa-error.h"
#include "aa-intent-private.h"
#include "aa-plan.h"
#include "aa-refine.h"
#include "aa-report.h"
#include "aa-transform.h"
#include "aa-util.h"
#include "aa-validate.h"
#include "aa-xml.h"

/* a scenario and intent read against an earlier board or scenario no longer hold */
static void
aa_plan_drop_scenario(AaPluginContext *ctx)
{
	g_clear_pointer(&ctx->intent, aa_intent_free);
	g_clear_pointer(&ctx->scenario, aa_scenario_free);
}

/**
 * aa_plan_board_loaded:
 * @ctx: a context
 * @filename: an ACRN board XML
 * @error: (nullable): optional return location for an error
 *
 * Loads the board; the scenario and intent of an earlier board are dropped.
 *
 * Returns: %TRUE on success
 */
gboolean
aa_plan_board_loaded(AaPluginContext *ctx, const gchar *filename, GError **error)
{
	g_autoptr(AaBoard) board = aa_board_new();
	if (!aa_board_load(board, filename, error))
		return FALSE;
	aa_plan_drop_scenario(ctx);
	g_clear_pointer(&ctx->board, aa_board_free);
	ctx->board = g_steal_pointer(&board);
	return TRUE;
}

/**
 * aa_plan_scenario_loaded:
 * @ctx: a context with a board
 * @filename: an ACRN scenario XML
 * @error: (nullable): optional return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
aa_plan_scenario_loaded(AaPluginContext *ctx, const gchar *filename, GError **error)
{
	g_autoptr(AaScenario) scenario = aa_scenario_new();
	if (!aa_context_require(ctx, TRUE, FALSE, FALSE, error))
		return FALSE;
	if (!aa_scenario_load(scenario, filename, error))
		return FALSE;
	aa_plan_drop_scenario(ctx);
	ctx->scenario = g_steal_pointer(&scenario);
	return TRUE;
}

/**
 * aa_plan_intent_loaded:
 * @ctx: a context with a board and a scenario
 * @filename: an allocation intent
 * @error: (nullable): optional return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
aa_plan_intent_loaded(AaPluginContext *ctx, const gchar *filename, GError **error)
{
	g_autoptr(AaIntent) intent = aa_intent_new();
	g_autofree gchar *schema_dir = g_build_filename(ctx->data_dir, "schema", NULL);
	if (!aa_intent_load(intent, filename, schema_dir, ctx->scenario, error))
		return FALSE;
	g_clear_pointer(&ctx->intent, aa_intent_free);
	ctx->intent = g_steal_pointer(&intent);
	return TRUE;
}

/* @text and a newline if it lacks one */
static void
aa_plan_append_line(GString *summary, const gchar *text)
{
	g_string_append(summary, text);
	if (!g_str_has_suffix(summary->str, "\n"))
		g_string_append_c(summary, '\n');
}

/* the summary counts the diagnostics report.html lists (the validator's findings on
 * the final scenario with the recommendation, and the predicted QoS misses), from
 * the report's "..., E errors, W warnings in the diagnostics" */
static void
aa_plan_counts(const gchar *report_text, GString *summary)
{
	g_autoptr(GRegex) regex =
	    g_regex_new("([0-9]+) errors, ([0-9]+) warnings in the diagnostics", 0, 0, NULL);
	g_autoptr(GMatchInfo) match = NULL;
	g_autofree gchar *errors = NULL;
	g_autofree gchar *warnings = NULL;

	if (!g_regex_match(regex, report_text, 0, &match))
		return;
	errors = g_match_info_fetch(match, 1);
	warnings = g_match_info_fetch(match, 2);
	g_string_append_printf(summary, "final scenario: %s error(s), %s warning(s)%s\n", errors,
	                       warnings,
	                       g_strcmp0(errors, "0") != 0 || g_strcmp0(warnings, "0") != 0
	                           ? " (listed in report.html)"
	                           : "");
}

static gint
aa_plan_strcmp_cb(gconstpointer a, gconstpointer b)
{
	return g_strcmp0(*(const gchar *const *)a, *(const gchar *const *)b);
}

/* the files of this run, by the names they will have once published */
static void
aa_plan_list_written(const AaPlanOptions *opts, GString *summary)
{
	g_autofree gchar *launch_dir = g_build_filename(opts->stage, "launch", NULL);
	g_autofree gchar *periph = g_build_filename(opts->stage, "prepare_peripherals.sh", NULL);
	g_autoptr(GDir) dir = g_dir_open(launch_dir, 0, NULL);
	g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
	const gchar *name;

	while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
		if (g_str_has_prefix(name, "launch_user_vm_id"))
			g_ptr_array_add(names, g_strdup(name));
	}
	g_ptr_array_sort(names, aa_plan_strcmp_cb);
	g_string_append_printf(summary,
	                       "wrote:\n  %s/recommendation.xml\n"
	                       "  %s/scenario.xml\n",
	                       opts->output, opts->output);
	for (guint i = 0; i < names->len; i++)
		g_string_append_printf(summary, "  %s/launch/%s\n", opts->output,
		                       (const gchar *)g_ptr_array_index(names, i));
	if (g_file_test(periph, G_FILE_TEST_IS_REGULAR))
		g_string_append_printf(summary, "  %s/prepare_peripherals.sh\n", opts->output);
	g_string_append_printf(summary, "  %s/report.html\n", opts->output);
}

/* recommend into @rec_fn: the summary goes to @summary, the recommendation
 * comes back parsed from what was written, not read again, and @models gets
 * the VM models it built */
static xmlDoc *
aa_plan_recommend(AaPluginContext *ctx, const AaPlanOptions *opts, const gchar *rec_fn,
                  GString *summary, GPtrArray **models, GError **error)
{
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
	g_autofree gchar *text = NULL;
	g_autofree gchar *xml = NULL;
	g_autoptr(GString) moved = NULL;

	g_hash_table_insert(options, "output", (gpointer)rec_fn);
	g_hash_table_insert(options, "strategy",
	                    (gpointer)(opts->strategy != NULL ? opts->strategy : "optimal"));
	if (opts->model != NULL)
		g_hash_table_insert(options, "model", (gpointer)opts->model);
	g_hash_table_insert(options, "require-targets",
	                    (gpointer)(opts->require_targets ? "true" : "false"));
	if (opts->time_limit != NULL)
		g_hash_table_insert(options, "time-limit", (gpointer)opts->time_limit);
	text = aa_refine_recommend_xml(ctx, options, &xml, models, error);
	if (text == NULL)
		return NULL;
	/* name the files where they will be, not where they are staged */
	moved = g_string_new(text);
	g_string_replace(moved, opts->stage, opts->output, 0);
	aa_plan_append_line(summary, moved->str);
	return aa_xml_load_memory(xml, strlen(xml), rec_fn, error);
}

/* apply: the final scenario, validated with and without the recommendation
 * in one pass, written unless the gate stops it; it replaces the loaded
 * scenario, since the launch scripts and the report describe it.  The checks
 * predict with @models, recommend's, where they are the ones they would build
 * (aa_checks_intent_qos()); not when recommend sized demand from
 * forecasts, which the checks' models do not */
static AaDiagnostics *
aa_plan_apply(AaPluginContext *ctx, const AaPlanOptions *opts, AaRuleSet *rules, xmlDoc *rec,
              const gchar *rec_fn, GPtrArray *models, GError **error)
{
	g_autofree gchar *final_fn = g_build_filename(opts->stage, "scenario.xml", NULL);
	g_autofree gchar *text = NULL;
	g_autoptr(AaScenario) final = NULL;
	g_autoptr(AaDiagnostics) gate = NULL;
	g_autoptr(AaDiagnostics) validation = NULL;
	AaPluginContext check = *ctx;
	gsize len = 0;

	text = aa_transform_apply_text(ctx, rec, rec_fn, &len, error);
	if (text == NULL)
		return NULL;
	final = aa_transform_final_scenario(text, len, final_fn, error);
	if (final == NULL)
		return NULL;
	check.scenario = final;
	check.models = ctx->intent->demand_forecast ? NULL : models;
	validation = aa_validate_final(&check, rules, rec, rec_fn, &gate, error);
	if (validation == NULL || !aa_transform_gate(gate, final_fn, opts->force, error) ||
	    !aa_file_write_atomic(final_fn, text, (gssize)len, 0644, error))
		return NULL;
	g_clear_pointer(&ctx->scenario, aa_scenario_free);
	ctx->scenario = g_steal_pointer(&final);
	return g_steal_pointer(&validation);
}

/* the inputs, each read once; none named: the context holds them already */
static gboolean
aa_plan_load(AaPluginContext *ctx, const AaPlanOptions *opts, GError **error)
{
	if (opts->board == NULL)
		return aa_context_require(ctx, TRUE, TRUE, TRUE, error);
	return aa_plan_board_loaded(ctx, opts->board, error) &&
	       aa_plan_scenario_loaded(ctx, opts->scenario, error) &&
	       aa_plan_intent_loaded(ctx, opts->intent, error);
}

/**
 * aa_plan_run:
 * @ctx: a context
 * @opts: what to plan and where to write it
 * @error: (nullable): optional return location for an error
 *
 * The plan hook.  Writes recommendation.xml, scenario.xml,
 * launch/launch_user_vm_id<N>.sh, prepare_peripherals.sh and report.html
 * into `stage`.  The context holds the board, the final scenario and the
 * intent afterwards.
 *
 * Returns: (transfer full): the summary, naming the files under `output`, or %NULL
 */
gchar *
aa_plan_run(AaPluginContext *ctx, const AaPlanOptions *opts, GError **error)
{
	g_autofree gchar *rec_fn = NULL;
	g_autofree gchar *launch_dir = NULL;
	g_autofree gchar *report_fn = NULL;
	g_autofree gchar *text = NULL;
	g_autoptr(GHashTable) periph = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(GString) summary = g_string_new(NULL);
	g_autoptr(AaRuleSet) rules = NULL;
	g_autoptr(xmlDoc) rec = NULL;
	g_autoptr(GPtrArray) models = NULL;
	g_autoptr(AaDiagnostics) validation = NULL;

	if (opts == NULL || opts->size < sizeof(AaPlanOptions) || opts->stage == NULL ||
	    opts->output == NULL) {
		g_set_error_literal(error, AA_ERROR, AA_ERROR_PLUGIN,
		                    "the host's plan options are older than this module or "
		                    "incomplete; use the host built with this module");
		return NULL;
	}
	if (!aa_plan_load(ctx, opts, error))
		return NULL;
	rules = aa_validate_load_rule_packs(ctx->data_dir, opts->rules, error);
	if (rules == NULL)
		return NULL;

	rec_fn = g_build_filename(opts->stage, "recommendation.xml", NULL);
	rec = aa_plan_recommend(ctx, opts, rec_fn, summary, &models, error);
	if (rec == NULL)
		return NULL;
	validation = aa_plan_apply(ctx, opts, rules, rec, rec_fn, models, error);
	if (validation == NULL)
		return NULL;

	launch_dir = g_build_filename(opts->stage, "launch", NULL);
	g_hash_table_insert(periph, "reserve-spare", opts->reserve_spare ? "true" : "false");
	text = aa_transform_launch_into(ctx, rec, launch_dir, opts->stage, periph, error);
	if (text == NULL)
		return NULL;
	/* the order in which prepare_peripherals.sh prepares the VFs */
	if (strstr(text, "prepare_peripherals.sh prepares") != NULL)
		aa_plan_append_line(summary, strstr(text, "prepare_peripherals.sh prepares"));

	report_fn = g_build_filename(opts->stage, "report.html", NULL);
	g_clear_pointer(&text, g_free);
	text = aa_report_write_doc(ctx, rec, rec_fn, validation, report_fn, error);
	if (text == NULL)
		return NULL;
	aa_plan_counts(text, summary);
	aa_plan_list_written(opts, summary);
	return g_string_free(g_steal_pointer(&summary), FALSE);
}
