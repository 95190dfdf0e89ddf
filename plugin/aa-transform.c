/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The `apply` and `launch` transforms: the XSLT in xslt/ does the work; this
 * file picks the inputs, runs the stylesheets through the secure runner and
 * writes the results so that a failure never leaves a partial output.
 */

#include "config.h"

#include <errno.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "aa-context-private.h"
#include "aa-error.h"
#include "aa-peripherals.h"
#include "aa-publish.h"
#include "aa-transform.h"
#include "aa-util.h"
#include "aa-validate.h"
#include "aa-xml.h"
#include "aa-xslt.h"

/* the stylesheet @name with the board as its `board` parameter */
static AaXslt *
aa_transform_stylesheet(AaPluginContext *ctx, const gchar *name, GError **error)
{
	g_autofree gchar *fn = g_build_filename(ctx->data_dir, "xslt", name, NULL);
	AaXslt *xslt = aa_xslt_new(fn, error);
	if (xslt != NULL)
		aa_xslt_set_input_param(xslt, "board", ctx->board->doc, ctx->board->filename);
	return xslt;
}

/**
 * aa_transform_gate:
 * @report: the validation of the final scenario (without the recommendation)
 * @output: where the final scenario goes, for the message
 * @force: write it even with errors
 * @error: (nullable): optional return location for an error
 *
 * The final scenario must pass the same rules as `validate` (ACRN's
 * configurator saves failing files silently, ACRN issue #7470).
 *
 * Returns: %TRUE when it may be written
 */
gboolean
aa_transform_gate(AaDiagnostics *report, const gchar *output, gboolean force, GError **error)
{
	g_autoptr(GString) msg = NULL;

	if (report->n_errors == 0 || force)
		return TRUE;
	msg = g_string_new(NULL);
	for (guint i = 0; i < report->diagnostics->len; i++) {
		AaDiagnostic *d = g_ptr_array_index(report->diagnostics, i);
		if (d->severity != AA_SEVERITY_ERROR)
			continue;
		g_string_append_printf(msg, "\n  [%s] %s%s%s (fix: %s)", d->rule_id,
		                       d->vm != NULL ? d->vm : "", d->vm != NULL ? ": " : "",
		                       d->message, d->fix != NULL ? d->fix : "-");
	}
	g_set_error(error, AA_ERROR, AA_ERROR_VALIDATION,
	            "%s: not written, the final scenario fails validation with %u "
	            "error(s):%s\nfix the intent or the scenario, or pass --force to "
	            "write it anyway",
	            output, report->n_errors, msg->str);
	return FALSE;
}

/**
 * aa_transform_final_scenario:
 * @text: what apply produced
 * @len: its length
 * @output: the file it will be written to, the name in messages
 * @error: (nullable): optional return location for an error
 *
 * Returns: (transfer full): the final scenario, parsed, or %NULL
 */
AaScenario *
aa_transform_final_scenario(const gchar *text, gsize len, const gchar *output, GError **error)
{
	g_autoptr(AaScenario) scenario = aa_scenario_new();
	if (!aa_scenario_load_memory(scenario, text, len, output, error)) {
		g_prefix_error(error, "internal error: apply produced a bad scenario: ");
		return NULL;
	}
	return g_steal_pointer(&scenario);
}

/* the final scenario must at least be well-formed ACRN XML before it is
 * written, and pass the rules unless forced */
static gboolean
aa_transform_check_scenario(AaPluginContext *ctx, const gchar *text, gsize len, const gchar *output,
                            gboolean force, guint *n_errors, GError **error)
{
	g_autoptr(AaScenario) scenario = aa_transform_final_scenario(text, len, output, error);
	g_autoptr(AaRuleSet) rules = NULL;
	g_autoptr(AaDiagnostics) report = NULL;
	AaPluginContext check = *ctx;

	if (scenario == NULL)
		return FALSE;
	rules = aa_validate_load_rules(ctx->data_dir, NULL, error);
	if (rules == NULL)
		return FALSE;
	check.scenario = scenario;
	report = aa_validate_report(&check, rules, NULL, error);
	if (report == NULL)
		return FALSE;
	*n_errors = report->n_errors;
	return aa_transform_gate(report, output, force, error);
}

/**
 * aa_transform_apply_text:
 * @ctx: a context with a board and a scenario
 * @rec: (nullable): the recommendation, in memory
 * @rec_file: the recommendation's file: read by the stylesheet when @rec is
 *   %NULL, else only named in messages
 * @len: (out): the length of the result
 * @error: (nullable): optional return location for an error
 *
 * Runs xslt/apply-recommendation.xsl on the loaded scenario; the board is
 * handed to it from memory.
 *
 * Returns: (transfer full): the final scenario's text, or %NULL
 */
gchar *
aa_transform_apply_text(AaPluginContext *ctx, xmlDoc *rec, const gchar *rec_file, gsize *len,
                        GError **error)
{
	g_autoptr(AaXslt) xslt = aa_transform_stylesheet(ctx, "apply-recommendation.xsl", error);
	gchar *text;

	if (xslt == NULL)
		return NULL;
	aa_xslt_set_input_param(xslt, "recommendation", rec, rec_file);
	text = aa_xslt_apply(xslt, aa_scenario_get_doc(ctx->scenario), len, error);
	if (text == NULL)
		g_prefix_error(error, "cannot apply %s to %s: ", rec_file,
		               aa_scenario_get_filename(ctx->scenario));
	return text;
}

/**
 * aa_transform_apply:
 * @ctx: a context with a board and a scenario
 * @options: `recommendation` (file), `output` (file), `force` ("true"/"false")
 * @error: (nullable): optional return location for an error
 *
 * Writes the final scenario: the loaded scenario with the recommended CPU
 * affinity, memory and SR-IOV VFs (xslt/apply-recommendation.xsl).  The
 * output is written atomically; it may not be one of the inputs unless
 * @force is set.
 *
 * Returns: (transfer full): a one-line summary, or %NULL
 */
gchar *
aa_transform_apply(AaPluginContext *ctx, GHashTable *options, GError **error)
{
	const gchar *recommendation = aa_context_option(options, "recommendation", NULL);
	const gchar *output = aa_context_option(options, "output", NULL);
	gboolean force = g_strcmp0(aa_context_option(options, "force", "false"), "true") == 0;
	g_autofree gchar *text = NULL;
	gsize len = 0;
	guint n_errors = 0;

	if (!aa_context_require(ctx, TRUE, TRUE, FALSE, error))
		return NULL;
	if (aa_context_missing_option(recommendation == NULL || output == NULL,
	                              "apply needs --recommendation and -o", error))
		return NULL;
	if (!g_file_test(recommendation, G_FILE_TEST_IS_REGULAR)) {
		aa_error_set_at(error, AA_ERROR_NOT_FOUND, recommendation, 0,
		                "cannot read the recommendation; check the path or run "
		                "'acrn-alloc recommend' first");
		return NULL;
	}
	if (!force && (aa_file_is_same(output, aa_scenario_get_filename(ctx->scenario)) ||
	               aa_file_is_same(output, ctx->board->filename) ||
	               aa_file_is_same(output, recommendation))) {
		aa_error_set_at(error, AA_ERROR_INVALID_ARGUMENT, output, 0,
		                "is an input of apply; write the final scenario to another "
		                "file, or pass --force to replace it");
		return NULL;
	}

	text = aa_transform_apply_text(ctx, NULL, recommendation, &len, error);
	if (text == NULL)
		return NULL;
	if (!aa_transform_check_scenario(ctx, text, len, output, force, &n_errors, error))
		return NULL;
	if (!aa_file_write_atomic(output, text, (gssize)len, 0644, error))
		return NULL;
	if (n_errors > 0)
		return g_strdup_printf("wrote %s despite %u validation error(s) (--force)", output,
		                       n_errors);
	return g_strdup_printf("wrote %s", output);
}

static gboolean
aa_transform_vm_id(xmlNode *vm, guint *id, GError **error)
{
	g_autofree gchar *text = aa_xml_prop(vm, "id");
	guint64 value = 0;
	if (!aa_xml_parse_uint64(text, &value) || value > G_MAXUINT) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, (const gchar *)vm->doc->URL,
		                aa_xml_line(vm),
		                "vm has no numeric id attribute; give it id=\"N\"");
		return FALSE;
	}
	*id = (guint)value;
	return TRUE;
}

/* the post-launched VMs and the Service VM's id, or @nothing when there is
 * no post-launched VM (then no script is written) */
static GPtrArray *
aa_transform_launch_vms(AaPluginContext *ctx, guint *service_id, gchar **nothing, GError **error)
{
	g_autoptr(GPtrArray) service = NULL;
	g_autoptr(GPtrArray) post = NULL;

	/* ACRN numbers the scripts relative to the Service VM */
	service =
	    aa_xml_xpath(aa_scenario_get_doc(ctx->scenario), NULL,
	                 "/acrn-config/vm[normalize-space(load_order) = 'SERVICE_VM']", error);
	post = aa_xml_xpath(aa_scenario_get_doc(ctx->scenario), NULL,
	                    "/acrn-config/vm[normalize-space(load_order) = 'POST_LAUNCHED_VM']",
	                    error);
	if (service == NULL || post == NULL)
		return NULL;
	if (post->len == 0) {
		*nothing = g_strdup_printf("%s has no post-launched VM; no launch script written",
		                           aa_scenario_get_filename(ctx->scenario));
		return NULL;
	}
	if (service->len != 1) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA,
		                aa_scenario_get_filename(ctx->scenario), 0,
		                "has %u Service VMs; post-launched VMs need exactly one "
		                "(load_order SERVICE_VM) to launch them",
		                service->len);
		return NULL;
	}
	if (!aa_transform_vm_id(g_ptr_array_index(service, 0), service_id, error))
		return NULL;
	return g_steal_pointer(&post);
}

/* writes launch_user_vm_id<N>.sh of every VM of @post into @dir and
 * prepare_peripherals.sh into @periph_dir (or @dir); @names gets the names
 * written into @dir; returns the peripherals notes */
static gchar *
aa_transform_launch_write(AaPluginContext *ctx, AaXslt *xslt, GPtrArray *post, guint service_id,
                          const gchar *dir, const gchar *periph_dir, GHashTable *options,
                          GPtrArray *names, GError **error)
{
	g_autofree gchar *periph_text = NULL;
	g_autofree gchar *periph_notes = NULL;
	g_autofree gchar *periph_fn = NULL;

	/* generate every script before any of them is put in place */
	for (guint i = 0; i < post->len; i++) {
		xmlNode *vm = g_ptr_array_index(post, i);
		g_autofree gchar *id_text = NULL;
		g_autofree gchar *name = NULL;
		g_autofree gchar *fn = NULL;
		g_autofree gchar *text = NULL;
		gsize len = 0;
		guint id = 0;

		if (!aa_transform_vm_id(vm, &id, error))
			return NULL;
		if (id <= service_id) {
			aa_error_set_at(error, AA_ERROR_INVALID_DATA,
			                aa_scenario_get_filename(ctx->scenario), aa_xml_line(vm),
			                "post-launched vm id %u is not above the Service VM's id "
			                "%u; ACRN numbers user VMs after it: renumber the VMs",
			                id, service_id);
			return NULL;
		}
		id_text = g_strdup_printf("%u", id);
		aa_xslt_set_param(xslt, "vm-id", id_text);
		text = aa_xslt_apply(xslt, aa_scenario_get_doc(ctx->scenario), &len, error);
		if (text == NULL) {
			/* a stylesheet's refusal is about the scenario: name it */
			g_prefix_error(
			    error, "%s:%ld: cannot generate the launch script of vm %u: ",
			    aa_scenario_get_filename(ctx->scenario), aa_xml_line(vm), id);
			return NULL;
		}
		name = g_strdup_printf("launch_user_vm_id%u.sh", id - service_id);
		fn = g_build_filename(dir, name, NULL);
		g_ptr_array_add(names, g_strdup(name));
		if (!aa_file_write_atomic(fn, text, (gssize)len, 0755, error))
			return NULL;
	}

	/* the Service VM's boot script that prepares every VF ahead of need */
	periph_text = aa_peripherals_script(ctx, options, &periph_notes, error);
	if (periph_text == NULL)
		return NULL;
	periph_fn =
	    g_build_filename(periph_dir != NULL ? periph_dir : dir, "prepare_peripherals.sh", NULL);
	if (periph_dir == NULL)
		g_ptr_array_add(names, g_strdup("prepare_peripherals.sh"));
	if (!aa_file_write_atomic(periph_fn, periph_text, -1, 0755, error))
		return NULL;
	return g_steal_pointer(&periph_notes);
}

/* the launch-script.xsl runner: the board and the recommendation's
 * `<io-group>` come from memory (the scenario has no place for the group,
 * docs/io-groups.md) */
static AaXslt *
aa_transform_launch_stylesheet(AaPluginContext *ctx, xmlDoc *rec, GError **error)
{
	AaXslt *xslt = aa_transform_stylesheet(ctx, "launch-script.xsl", error);
	if (xslt == NULL)
		return NULL;
	if (rec != NULL)
		aa_xslt_set_doc_param(xslt, "recommendation", rec);
	return xslt;
}

static gchar *
aa_transform_launch_notes(const gchar *notes)
{
	return g_strdup_printf("prepare_peripherals.sh prepares the VFs in this "
	                       "order (VMs without VFs need nothing):\n%s",
	                       notes);
}

/**
 * aa_transform_launch_into:
 * @ctx: a context with a board and a scenario
 * @rec: (nullable): the recommendation, in memory
 * @dir: the directory for the scripts, created if missing; written directly,
 *   for a caller that publishes it as a whole (plan)
 * @periph_dir: where prepare_peripherals.sh goes
 * @options: `reserve-spare`, `horizon-s` for aa_peripherals_script()
 * @error: (nullable): optional return location for an error
 *
 * The launch step of plan.
 *
 * Returns: (transfer full): what prepare_peripherals.sh does, or that there
 * is no post-launched VM; %NULL on error
 */
gchar *
aa_transform_launch_into(AaPluginContext *ctx, xmlDoc *rec, const gchar *dir,
                         const gchar *periph_dir, GHashTable *options, GError **error)
{
	g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
	g_autoptr(GPtrArray) post = NULL;
	g_autoptr(AaXslt) xslt = NULL;
	g_autofree gchar *nothing = NULL;
	g_autofree gchar *notes = NULL;
	guint service_id = 0;

	post = aa_transform_launch_vms(ctx, &service_id, &nothing, error);
	if (post == NULL)
		return g_steal_pointer(&nothing);
	xslt = aa_transform_launch_stylesheet(ctx, rec, error);
	if (xslt == NULL)
		return NULL;
	if (g_mkdir_with_parents(dir, 0755) != 0) {
		aa_error_set_at(error, AA_ERROR_WRITE, dir, 0,
		                "cannot create the output directory: %s", g_strerror(errno));
		return NULL;
	}
	notes = aa_transform_launch_write(ctx, xslt, post, service_id, dir, periph_dir, options,
	                                  names, error);
	if (notes == NULL)
		return NULL;
	return aa_transform_launch_notes(notes);
}

/**
 * aa_transform_launch:
 * @ctx: a context with a board and a scenario
 * @options: `output`, the directory for the scripts; `recommendation`
 *   (optional), a recommendation.xml whose `<io-group>` the scripts apply
 * @error: (nullable): optional return location for an error
 *
 * Writes `launch_user_vm_id<N>.sh` for every post-launched VM, N being the
 * VM's id minus the Service VM's (ACRN's numbering), from
 * xslt/launch-script.xsl, and prepare_peripherals.sh (aa_peripherals_script();
 * into `peripherals-dir` when given, with `reserve-spare` and `horizon-s`).
 * All scripts are generated into a staging directory inside the output
 * directory (aa_publish_begin_files()) and only renamed into place once
 * every one of them succeeded.
 *
 * Returns: (transfer full): a summary naming the scripts, or %NULL
 */
gchar *
aa_transform_launch(AaPluginContext *ctx, GHashTable *options, GError **error)
{
	const gchar *output = aa_context_option(options, "output", NULL);
	const gchar *recommendation = aa_context_option(options, "recommendation", NULL);
	const gchar *periph_dir = aa_context_option(options, "peripherals-dir", NULL);
	g_autofree gchar *notes = NULL;
	g_autofree gchar *nothing = NULL;
	g_autoptr(AaXslt) xslt = NULL;
	g_autoptr(xmlDoc) rec = NULL;
	g_autoptr(GPtrArray) post = NULL;
	g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
	g_autoptr(GString) summary = g_string_new(NULL);
	g_autoptr(AaPublish) publish = NULL;
	g_autofree gchar *notes_text = NULL;
	guint service_id = 0;

	if (!aa_context_require(ctx, TRUE, TRUE, FALSE, error))
		return NULL;
	if (aa_context_missing_option(output == NULL, "launch needs -o DIR", error))
		return NULL;
	post = aa_transform_launch_vms(ctx, &service_id, &nothing, error);
	if (post == NULL)
		return g_steal_pointer(&nothing);
	if (recommendation != NULL) {
		xmlNode *root;
		rec = aa_xml_load_file(recommendation, error);
		if (rec == NULL)
			return NULL;
		root = xmlDocGetRootElement(rec);
		if (root == NULL || g_strcmp0((const gchar *)root->name, "recommendation") != 0) {
			aa_error_set_at(error, AA_ERROR_INVALID_DATA, recommendation, 0,
			                "is not a recommendation.xml; pass the file 'acrn-alloc "
			                "recommend' wrote");
			return NULL;
		}
	}
	xslt = aa_transform_launch_stylesheet(ctx, rec, error);
	if (xslt == NULL)
		return NULL;

	publish = aa_publish_begin_files(output, error);
	if (publish == NULL)
		return NULL;
	notes = aa_transform_launch_write(ctx, xslt, post, service_id, aa_publish_stage(publish),
	                                  periph_dir, options, names, error);
	if (notes == NULL || !aa_publish_commit(publish, error))
		return NULL;
	for (guint i = 0; i < names->len; i++) {
		g_autofree gchar *to = g_build_filename(output, g_ptr_array_index(names, i), NULL);
		g_string_append_printf(summary, "%swrote %s", i > 0 ? "\n" : "", to);
	}
	if (periph_dir != NULL) {
		g_autofree gchar *periph_fn =
		    g_build_filename(periph_dir, "prepare_peripherals.sh", NULL);
		g_string_append_printf(summary, "\nwrote %s", periph_fn);
	}
	notes_text = aa_transform_launch_notes(notes);
	g_string_append_printf(summary, "\n%s", notes_text);
	return g_string_free(g_steal_pointer(&summary), FALSE);
}
