/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The validate hook: built-in and extra rule packs plus the computed checks,
 * over the loaded board, scenario and (optional) intent.
 */

#include "config.h"

#include "aa-checks.h"
#include "aa-context-private.h"
#include "aa-error.h"
#include "aa-iogroup.h"
#include "aa-util.h"
#include "aa-validate.h"
#include "aa-xml.h"

/**
 * aa_validate_load_rule_packs:
 * @data_dir: holds schema/rules.xsd and rules/acrn-alloc.rules.xml
 * @packs: (nullable) (array zero-terminated=1): paths of more packs
 * @error: (nullable): optional return location for an error
 *
 * Returns: (transfer full): the built-in rules plus @packs, or %NULL
 */
AaRuleSet *
aa_validate_load_rule_packs(const gchar *data_dir, const gchar *const *packs, GError **error)
{
	g_autofree gchar *schema = g_build_filename(data_dir, "schema", "rules.xsd", NULL);
	g_autofree gchar *builtin =
	    g_build_filename(data_dir, "rules", "acrn-alloc.rules.xml", NULL);
	g_autoptr(AaRuleSet) rules = aa_rule_set_new(schema);

	if (!aa_rule_set_load(rules, builtin, error)) {
		g_prefix_error(error, "built-in rule pack: ");
		return NULL;
	}
	for (guint i = 0; packs != NULL && packs[i] != NULL; i++) {
		if (!aa_rule_set_load(rules, packs[i], error))
			return NULL;
	}
	return g_steal_pointer(&rules);
}

/**
 * aa_validate_load_rules:
 * @data_dir: holds schema/rules.xsd and rules/acrn-alloc.rules.xml
 * @extra_packs: (nullable): newline-separated paths of more packs, as the
 *   `rules` option of the validate hook carries them
 * @error: (nullable): optional return location for an error
 *
 * Returns: (transfer full): the built-in rules plus @extra_packs, or %NULL
 */
AaRuleSet *
aa_validate_load_rules(const gchar *data_dir, const gchar *extra_packs, GError **error)
{
	g_autoptr(GPtrArray) packs = g_ptr_array_new_with_free_func(g_free);
	if (extra_packs != NULL) {
		g_auto(GStrv) paths = g_strsplit(extra_packs, "\n", -1);
		for (guint i = 0; paths[i] != NULL; i++) {
			g_strstrip(paths[i]);
			if (paths[i][0] != '\0')
				g_ptr_array_add(packs, g_strdup(paths[i]));
		}
	}
	g_ptr_array_add(packs, NULL);
	return aa_validate_load_rule_packs(data_dir, (const gchar *const *)packs->pdata, error);
}

/* the declarative rules and the computed checks, without the I/O group
 * check (which depends on the recommendation), unsorted */
static AaDiagnostics *
aa_validate_rules_and_checks(AaPluginContext *ctx, AaRuleSet *rules, xmlDoc *recommendation,
                             const gchar *recommendation_file, GError **error)
{
	g_autoptr(AaDiagnostics) report = NULL;
	g_autoptr(xmlDoc) unified = NULL;
	g_autoptr(GHashTable) params = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
	AaRuleInput input = {NULL};

	if (!aa_context_require(ctx, TRUE, TRUE, FALSE, error))
		return NULL;
	unified = aa_rules_unified_new(ctx->board->doc, aa_scenario_get_doc(ctx->scenario), error);
	if (unified == NULL)
		return NULL;
	if (ctx->intent != NULL) {
		g_hash_table_insert(params, "service_reserve_mib",
		                    g_strdup_printf("%u", ctx->intent->service_memory_mib));
		g_hash_table_insert(params, "hypervisor_reserve_mib",
		                    g_strdup_printf("%u", ctx->intent->hypervisor_memory_mib));
	}
	input.unified = unified;
	input.board_file = ctx->board->filename;
	input.scenario_file = aa_scenario_get_filename(ctx->scenario);
	input.intent = ctx->intent != NULL ? ctx->intent->doc : NULL;
	input.intent_file = ctx->intent != NULL ? ctx->intent->filename : NULL;
	input.recommendation = recommendation;
	input.recommendation_file = recommendation_file;
	input.params = params;

	report = aa_diagnostics_new(ctx->board->filename, aa_scenario_get_filename(ctx->scenario));
	if (!aa_rule_set_run(rules, &input, report, error))
		return NULL;
	aa_checks_run_with(ctx->board, ctx->scenario, ctx->intent, ctx->models, report);
	return g_steal_pointer(&report);
}

/**
 * aa_validate_report_doc:
 * @ctx: a context with board and scenario (and maybe an intent) loaded
 * @rules: the declarative rules
 * @recommendation: (nullable): a recommendation for rules that test it
 * @recommendation_file: (nullable): its file name, for messages
 * @error: (nullable): optional return location for an error
 *
 * Returns: (transfer full): the sorted report, or %NULL on bad input or a
 * broken rule
 */
AaDiagnostics *
aa_validate_report_doc(AaPluginContext *ctx, AaRuleSet *rules, xmlDoc *recommendation,
                       const gchar *recommendation_file, GError **error)
{
	g_autoptr(AaDiagnostics) report =
	    aa_validate_rules_and_checks(ctx, rules, recommendation, recommendation_file, error);
	if (report == NULL)
		return NULL;
	aa_iogroup_check(ctx->board, ctx->scenario, ctx->intent, recommendation, report);
	aa_diagnostics_sort(report);
	return g_steal_pointer(&report);
}

/**
 * aa_validate_report:
 * @ctx: a context with board and scenario (and maybe an intent) loaded
 * @rules: the declarative rules
 * @recommendation_file: (nullable): a recommendation.xml for rules that test it
 * @error: (nullable): optional return location for an error
 *
 * Returns: (transfer full): the sorted report, or %NULL on bad input or a
 * broken rule
 */
AaDiagnostics *
aa_validate_report(AaPluginContext *ctx, AaRuleSet *rules, const gchar *recommendation_file,
                   GError **error)
{
	g_autoptr(xmlDoc) recommendation = NULL;

	if (!aa_context_require(ctx, TRUE, TRUE, FALSE, error))
		return NULL;
	if (recommendation_file != NULL) {
		recommendation = aa_xml_load_file(recommendation_file, error);
		if (recommendation == NULL)
			return NULL;
	}
	return aa_validate_report_doc(ctx, rules, recommendation, recommendation_file, error);
}

/* @report plus the I/O group check with @recommendation, sorted: a new report */
static AaDiagnostics *
aa_validate_finish_copy(AaPluginContext *ctx, AaDiagnostics *common, xmlDoc *recommendation)
{
	AaDiagnostics *report = aa_diagnostics_new(common->board_file, common->scenario_file);
	for (guint i = 0; i < common->diagnostics->len; i++) {
		AaDiagnostic *d = g_ptr_array_index(common->diagnostics, i);
		aa_diagnostics_add(report,
		                   aa_diagnostic_new(d->rule_id, d->severity, d->vm, d->file,
		                                     d->line, d->xpath, d->message, d->fix));
	}
	report->n_rules = common->n_rules;
	aa_iogroup_check(ctx->board, ctx->scenario, ctx->intent, recommendation, report);
	aa_diagnostics_sort(report);
	return report;
}

/**
 * aa_validate_final:
 * @ctx: a context with board, the final scenario and (maybe) an intent
 * @rules: the declarative rules
 * @recommendation: the recommendation the final scenario was made from
 * @recommendation_file: its file name, for messages
 * @gate: (out) (transfer full): the report without the recommendation, what
 *   apply checks before it writes the final scenario
 * @error: (nullable): optional return location for an error
 *
 * The two questions plan asks of the final scenario, answered with one run
 * of the rules and the checks: only the I/O group check (and rules that read
 * the recommendation, when a pack has any) differ between them.
 *
 * Returns: (transfer full): the report with the recommendation, what the
 * HTML report lists, or %NULL
 */
AaDiagnostics *
aa_validate_final(AaPluginContext *ctx, AaRuleSet *rules, xmlDoc *recommendation,
                  const gchar *recommendation_file, AaDiagnostics **gate, GError **error)
{
	g_autoptr(AaDiagnostics) common = NULL;

	if (aa_rule_set_needs_recommendation(rules)) {
		*gate = aa_validate_report_doc(ctx, rules, NULL, NULL, error);
		if (*gate == NULL)
			return NULL;
		return aa_validate_report_doc(ctx, rules, recommendation, recommendation_file,
		                              error);
	}
	common = aa_validate_rules_and_checks(ctx, rules, NULL, NULL, error);
	if (common == NULL)
		return NULL;
	*gate = aa_validate_finish_copy(ctx, common, NULL);
	return aa_validate_finish_copy(ctx, common, recommendation);
}

/**
 * aa_validate_run:
 * @ctx: a context
 * @options: `format` (text|json|junit), `output`, `rules`, `recommendation`,
 *   `export-acrn-checks`
 * @n_errors: (out): errors found
 * @n_warnings: (out): warnings found
 * @error: (nullable): optional return location for an error
 *
 * The body of the validate hook.  With `export-acrn-checks` the rules are
 * written as ACRN checks; without a scenario that is all it does.
 *
 * Returns: (transfer full): the report, or a summary when it went to `output`
 */
gchar *
aa_validate_run(AaPluginContext *ctx, GHashTable *options, guint *n_errors, guint *n_warnings,
                GError **error)
{
	const gchar *format = aa_context_option(options, "format", "text");
	const gchar *output = aa_context_option(options, "output", NULL);
	const gchar *export_file = aa_context_option(options, "export-acrn-checks", NULL);
	g_autoptr(AaRuleSet) rules = NULL;
	g_autoptr(AaDiagnostics) report = NULL;
	g_autofree gchar *text = NULL;
	g_autofree gchar *exported = NULL;

	*n_errors = 0;
	*n_warnings = 0;
	if (g_strcmp0(format, "text") != 0 && g_strcmp0(format, "json") != 0 &&
	    g_strcmp0(format, "junit") != 0) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		            "unknown report format '%s'; use --format text, json or junit", format);
		return NULL;
	}
	rules =
	    aa_validate_load_rules(ctx->data_dir, aa_context_option(options, "rules", NULL), error);
	if (rules == NULL)
		return NULL;
	if (export_file != NULL) {
		exported = aa_rule_set_export_acrn_checks(rules, error);
		if (exported == NULL ||
		    !aa_file_write_atomic(export_file, exported, -1, 0644, error))
			return NULL;
		if (ctx->scenario == NULL)
			return g_strdup_printf("wrote ACRN checks to %s", export_file);
	}
	report = aa_validate_report(ctx, rules, aa_context_option(options, "recommendation", NULL),
	                            error);
	if (report == NULL)
		return NULL;
	*n_errors = report->n_errors;
	*n_warnings = report->n_warnings;
	text = aa_diagnostics_format(report, format, error);
	if (text == NULL)
		return NULL;
	if (output != NULL) {
		if (!aa_file_write_atomic(output, text, -1, 0644, error))
			return NULL;
		return g_strdup_printf("%s: %u errors, %u warnings; report written to %s",
		                       aa_scenario_get_filename(ctx->scenario), report->n_errors,
		                       report->n_warnings, output);
	}
	return g_steal_pointer(&text);
}
