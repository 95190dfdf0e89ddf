/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The acrn-alloc host: parses options, loads the plugin module through
 * plugin.manifest and dispatches each subcommand to the module's hooks.  It
 * holds no allocation logic of its own.
 */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "aa-error.h"
#include "aa-host-private.h"
#include "aa-json.h"
#include "aa-loader.h"
#include "aa-publish.h"
#include "aa-util.h"

void
aa_host_clear_context(AaHost *host)
{
	if (host->ctx != NULL) {
		host->plugin->vtable.context_free(host->ctx);
		host->ctx = NULL;
	}
}

gboolean
aa_host_new_context(AaHost *host, GError **error)
{
	aa_host_clear_context(host);
	host->ctx = host->plugin->vtable.context_new(host->plugin->data_dir, error);
	return host->ctx != NULL;
}

GHashTable *
aa_host_options_new(void)
{
	return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
}

void
aa_host_option_set(GHashTable *options, const gchar *key, const gchar *value)
{
	if (value != NULL)
		g_hash_table_insert(options, g_strdup(key), g_strdup(value));
}

gboolean
aa_host_require(const gchar *value, const gchar *option, const gchar *command, GError **error)
{
	if (value != NULL)
		return TRUE;
	g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
	            "needs %s; see 'acrn-alloc %s --help'", option, command);
	return FALSE;
}

gboolean
aa_host_parse(const gchar *command, const gchar *args, const gchar *summary,
              const GOptionEntry *entries, gint *argc, gchar ***argv, GError **error)
{
	g_autofree gchar *prgname = g_strdup_printf("acrn-alloc %s", command);
	g_autoptr(GOptionContext) octx = g_option_context_new(args);
	g_autoptr(GError) error_local = NULL;

	/* --help then reads "Usage: acrn-alloc COMMAND [OPTION…] ARGS" */
	g_set_prgname(prgname);
	g_option_context_set_summary(octx, summary);
	g_option_context_add_main_entries(octx, entries, NULL);
	if (!g_option_context_parse(octx, argc, argv, &error_local)) {
		/* main() prefixes "acrn-alloc COMMAND: " */
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		            "%s; see 'acrn-alloc %s --help'", error_local->message, command);
		return FALSE;
	}
	if (*argc > 1 && g_strcmp0(command, "batch") != 0) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		            "unexpected argument '%s'; see 'acrn-alloc %s --help'", (*argv)[1],
		            command);
		return FALSE;
	}
	return TRUE;
}

/* loads whatever inputs a command was given, in the order the hooks need */
gboolean
aa_host_load_inputs(AaHost *host, const gchar *board, const gchar *scenario, const gchar *intent,
                    GError **error)
{
	const AaPluginVtable *vt = &host->plugin->vtable;
	if (!aa_host_new_context(host, error))
		return FALSE;
	if (board != NULL && !vt->board_loaded(host->ctx, board, error))
		return FALSE;
	if (scenario != NULL && !vt->scenario_loaded(host->ctx, scenario, error))
		return FALSE;
	if (intent != NULL) {
		if (vt->intent_loaded == NULL) {
			g_set_error(error, AA_ERROR, AA_ERROR_PLUGIN,
			            "the plugin does not offer the intent-loaded hook");
			return FALSE;
		}
		if (!vt->intent_loaded(host->ctx, intent, error))
			return FALSE;
	}
	return TRUE;
}

void
aa_host_print(const gchar *text)
{
	if (text == NULL || text[0] == '\0')
		return;
	fputs(text, stdout);
	if (!g_str_has_suffix(text, "\n"))
		fputc('\n', stdout);
	fflush(stdout);
}

static gboolean
aa_host_cmd_inspect(AaHost *host, gint argc, gchar **argv, gint *status, GError **error)
{
	g_autofree gchar *board = NULL;
	g_autofree gchar *scenario = NULL;
	g_autofree gchar *text = NULL;
	g_autoptr(GHashTable) options = aa_host_options_new();
	gboolean json = FALSE;
	const GOptionEntry entries[] = {
	    {"board", 'b', 0, G_OPTION_ARG_FILENAME, &board, "ACRN board XML", "B"},
	    {"scenario", 's', 0, G_OPTION_ARG_FILENAME, &scenario, "ACRN scenario XML", "S"},
	    {"json", 0, 0, G_OPTION_ARG_NONE, &json, "print JSON (see README)", NULL},
	    {NULL}};

	if (!aa_host_parse("inspect", "--board B [--scenario S] [--json]",
	                   "Summarise a board: P/E pCPUs, siblings and caches, memory, GPU "
	                   "SR-IOV VFs, RDT CLOS; with a scenario, each VM's resources and what "
	                   "is left free.",
	                   entries, &argc, &argv, error))
		return FALSE;
	if (!aa_host_require(board, "--board", "inspect", error))
		return FALSE;
	if (!aa_host_load_inputs(host, board, scenario, NULL, error))
		return FALSE;
	aa_host_option_set(options, "format", json ? "json" : "text");
	text = host->plugin->vtable.inspect(host->ctx, options, error);
	if (text == NULL)
		return FALSE;
	aa_host_print(text);
	return TRUE;
}

static gboolean
aa_host_cmd_recommend(AaHost *host, gint argc, gchar **argv, gint *status, GError **error)
{
	g_autofree gchar *board = NULL;
	g_autofree gchar *scenario = NULL;
	g_autofree gchar *intent = NULL;
	g_autofree gchar *output = NULL;
	g_autofree gchar *strategy = NULL;
	g_autofree gchar *model = NULL;
	gboolean require_targets = FALSE;
	g_autofree gchar *time_limit = NULL;
	g_autofree gchar *text = NULL;
	g_autoptr(GHashTable) options = aa_host_options_new();
	const GOptionEntry entries[] = {
	    {"board", 'b', 0, G_OPTION_ARG_FILENAME, &board, "ACRN board XML", "B"},
	    {"scenario", 's', 0, G_OPTION_ARG_FILENAME, &scenario, "ACRN scenario XML", "S"},
	    {"intent", 'i', 0, G_OPTION_ARG_FILENAME, &intent, "allocation intent XML", "I"},
	    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "recommendation.xml to write", "R"},
	    {"strategy", 0, 0, G_OPTION_ARG_STRING, &strategy,
	     "optimal (default), equal or proportional", "STRATEGY"},
	    {"model", 0, 0, G_OPTION_ARG_STRING, &model,
	     "robust or paper (default: the intent's <policy model>, else robust)", "MODEL"},
	    {"require-targets", 0, 0, G_OPTION_ARG_NONE, &require_targets,
	     "exit 1 when a QoS target is predicted to be missed", NULL},
	    {"time-limit", 0, 0, G_OPTION_ARG_STRING, &time_limit,
	     "seconds for the optimal search (default 30); when reached, the best "
	     "allocation found and its proven gap",
	     "S"},
	    {NULL}};

	if (!aa_host_parse("recommend", "--board B --scenario S --intent I -o R",
	                   "Find the proven-optimal allocation of P-cores, E-cores, memory and "
	                   "GPU slices and write recommendation.xml.",
	                   entries, &argc, &argv, error))
		return FALSE;
	if (!aa_host_require(board, "--board", "recommend", error) ||
	    !aa_host_require(scenario, "--scenario", "recommend", error) ||
	    !aa_host_require(intent, "--intent", "recommend", error) ||
	    !aa_host_require(output, "-o", "recommend", error))
		return FALSE;
	{
		const gchar *const inputs[] = {board, scenario, intent};
		if (!aa_output_check_inputs(output, inputs, G_N_ELEMENTS(inputs), FALSE, error))
			return FALSE;
	}
	if (!aa_host_load_inputs(host, board, scenario, intent, error))
		return FALSE;
	aa_host_option_set(options, "output", output);
	aa_host_option_set(options, "strategy", strategy != NULL ? strategy : "optimal");
	if (model != NULL)
		aa_host_option_set(options, "model", model);
	aa_host_option_set(options, "require-targets", require_targets ? "true" : "false");
	if (time_limit != NULL)
		aa_host_option_set(options, "time-limit", time_limit);
	text = host->plugin->vtable.recommend(host->ctx, options, error);
	if (text == NULL)
		return FALSE;
	aa_host_print(text);
	return TRUE;
}

gboolean
aa_host_transform(AaHost *host, const gchar *kind, GHashTable *options, GError **error)
{
	g_autofree gchar *text = host->plugin->vtable.transform(host->ctx, kind, options, error);
	if (text == NULL)
		return FALSE;
	aa_host_print(text);
	return TRUE;
}

static gboolean
aa_host_cmd_apply(AaHost *host, gint argc, gchar **argv, gint *status, GError **error)
{
	g_autofree gchar *board = NULL;
	g_autofree gchar *scenario = NULL;
	g_autofree gchar *recommendation = NULL;
	g_autofree gchar *output = NULL;
	gboolean force = FALSE;
	g_autoptr(GHashTable) options = aa_host_options_new();
	const GOptionEntry entries[] = {
	    {"board", 'b', 0, G_OPTION_ARG_FILENAME, &board, "ACRN board XML", "B"},
	    {"scenario", 's', 0, G_OPTION_ARG_FILENAME, &scenario, "ACRN scenario XML", "S"},
	    {"recommendation", 'r', 0, G_OPTION_ARG_FILENAME, &recommendation, "recommendation.xml",
	     "R"},
	    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "final scenario XML to write", "S2"},
	    {"force", 0, 0, G_OPTION_ARG_NONE, &force,
	     "write the scenario even if validation finds errors", NULL},
	    {NULL}};

	if (!aa_host_parse("apply", "--board B --scenario S --recommendation R -o S2",
	                   "Write the final scenario XML with the recommended cpu_affinity, "
	                   "memory and SR-IOV VFs (xslt/apply-recommendation.xsl).",
	                   entries, &argc, &argv, error))
		return FALSE;
	if (!aa_host_require(board, "--board", "apply", error) ||
	    !aa_host_require(scenario, "--scenario", "apply", error) ||
	    !aa_host_require(recommendation, "--recommendation", "apply", error) ||
	    !aa_host_require(output, "-o", "apply", error))
		return FALSE;
	if (!aa_host_load_inputs(host, board, scenario, NULL, error))
		return FALSE;
	aa_host_option_set(options, "recommendation", recommendation);
	aa_host_option_set(options, "output", output);
	aa_host_option_set(options, "force", force ? "true" : "false");
	return aa_host_transform(host, "apply", options, error);
}

static gboolean
aa_host_cmd_launch(AaHost *host, gint argc, gchar **argv, gint *status, GError **error)
{
	g_autofree gchar *recommendation = NULL;
	g_autofree gchar *board = NULL;
	g_autofree gchar *scenario = NULL;
	g_autofree gchar *output = NULL;
	g_autofree gchar *intent = NULL;
	gboolean reserve_spare = FALSE;
	g_autoptr(GHashTable) options = aa_host_options_new();
	const GOptionEntry entries[] = {
	    {"board", 'b', 0, G_OPTION_ARG_FILENAME, &board, "ACRN board XML", "B"},
	    {"scenario", 's', 0, G_OPTION_ARG_FILENAME, &scenario, "ACRN scenario XML", "S"},
	    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "directory for the scripts", "DIR"},
	    {"recommendation", 'r', 0, G_OPTION_ARG_FILENAME, &recommendation,
	     "recommendation.xml whose I/O core group the scripts apply (optional)", "R"},
	    {"intent", 'i', 0, G_OPTION_ARG_FILENAME, &intent,
	     "allocation intent XML: prepare_peripherals.sh orders VMs by their forecasts", "I"},
	    {"reserve-spare", 0, 0, G_OPTION_ARG_NONE, &reserve_spare,
	     "keep a spare VF when a VM's forecast GPU demand may exceed its share", NULL},
	    {NULL}};

	if (!aa_host_parse("launch", "--board B --scenario S -o DIR [--recommendation R]",
	                   "Write launch_user_vm_id<N>.sh for each post-launched VM "
	                   "(xslt/launch-script.xsl) and prepare_peripherals.sh "
	                   "(xslt/prepare-peripherals.xsl).",
	                   entries, &argc, &argv, error))
		return FALSE;
	if (!aa_host_require(board, "--board", "launch", error) ||
	    !aa_host_require(scenario, "--scenario", "launch", error) ||
	    !aa_host_require(output, "-o", "launch", error))
		return FALSE;
	{
		/* the scripts it would replace in DIR */
		const gchar *const inputs[] = {board, scenario};
		g_autoptr(GDir) dir = g_dir_open(output, 0, NULL);
		const gchar *name;
		while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
			g_autofree gchar *fn = g_build_filename(output, name, NULL);
			if (g_str_has_prefix(name, "launch_user_vm_id") &&
			    !aa_output_check_inputs(fn, inputs, G_N_ELEMENTS(inputs), FALSE, error))
				return FALSE;
		}
	}
	if (!aa_host_load_inputs(host, board, scenario, intent, error))
		return FALSE;
	aa_host_option_set(options, "output", output);
	if (recommendation != NULL)
		aa_host_option_set(options, "recommendation", recommendation);
	aa_host_option_set(options, "reserve-spare", reserve_spare ? "true" : "false");
	return aa_host_transform(host, "launch", options, error);
}

static gboolean
aa_host_cmd_validate(AaHost *host, gint argc, gchar **argv, gint *status, GError **error)
{
	g_autofree gchar *board = NULL;
	g_autofree gchar *scenario = NULL;
	g_autofree gchar *intent = NULL;
	g_autofree gchar *recommendation = NULL;
	g_autofree gchar *format = NULL;
	g_autofree gchar *output = NULL;
	g_autofree gchar *export_checks = NULL;
	g_auto(GStrv) rules = NULL;
	g_autofree gchar *text = NULL;
	g_autoptr(GHashTable) options = aa_host_options_new();
	guint n_errors = 0;
	guint n_warnings = 0;
	const GOptionEntry entries[] = {
	    {"board", 'b', 0, G_OPTION_ARG_FILENAME, &board, "ACRN board XML", "B"},
	    {"scenario", 's', 0, G_OPTION_ARG_FILENAME, &scenario, "ACRN scenario XML", "S"},
	    {"intent", 'i', 0, G_OPTION_ARG_FILENAME, &intent,
	     "allocation intent XML (enables intent-aware rules)", "I"},
	    {"recommendation", 'r', 0, G_OPTION_ARG_FILENAME, &recommendation,
	     "recommendation.xml for rule packs that test it", "R"},
	    {"rules", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rules, "extra rule pack (repeatable)",
	     "FILE"},
	    {"format", 'f', 0, G_OPTION_ARG_STRING, &format, "text (default), json or junit",
	     "FORMAT"},
	    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
	     "write the report to FILE instead of standard output", "FILE"},
	    {"export-acrn-checks", 0, 0, G_OPTION_ARG_FILENAME, &export_checks,
	     "write the declarative rules as XSD 1.1 assertions for ACRN's validator", "FILE.xsd"},
	    {NULL}};

	if (!aa_host_parse("validate", "--board B --scenario S [--intent I]",
	                   "Check a scenario against ACRN's rules and vendor heuristics; the "
	                   "pre-build hook.  Exit 0: no errors, 1: errors, 2: bad input.",
	                   entries, &argc, &argv, error))
		return FALSE;
	if (export_checks == NULL || board != NULL) {
		if (!aa_host_require(board, "--board", "validate", error) ||
		    !aa_host_require(scenario, "--scenario", "validate", error))
			return FALSE;
	}
	for (guint i = 0; i < 2; i++) {
		/* the report and the exported checks never replace an input */
		const gchar *out = i == 0 ? output : export_checks;
		const gchar *const inputs[] = {board, scenario, intent, recommendation,
		                               i == 0 ? export_checks : output};
		if (out == NULL)
			continue;
		if (!aa_output_check_inputs(out, inputs, G_N_ELEMENTS(inputs), FALSE, error))
			return FALSE;
		for (guint j = 0; rules != NULL && rules[j] != NULL; j++) {
			const gchar *const pack[] = {rules[j]};
			if (!aa_output_check_inputs(out, pack, 1, FALSE, error))
				return FALSE;
		}
	}
	if (!aa_host_load_inputs(host, board, scenario, intent, error))
		return FALSE;
	aa_host_option_set(options, "format", format != NULL ? format : "text");
	aa_host_option_set(options, "output", output);
	aa_host_option_set(options, "recommendation", recommendation);
	aa_host_option_set(options, "export-acrn-checks", export_checks);
	if (rules != NULL) {
		g_autofree gchar *joined = g_strjoinv("\n", rules);
		aa_host_option_set(options, "rules", joined);
	}
	text = host->plugin->vtable.validate(host->ctx, options, &n_errors, &n_warnings, error);
	if (text == NULL)
		return FALSE;
	aa_host_print(text);
	*status = n_errors > 0 ? 1 : 0;
	return TRUE;
}

static gboolean
aa_host_cmd_profile_script(AaHost *host, gint argc, gchar **argv, gint *status, GError **error)
{
	g_autofree gchar *board = NULL;
	g_autofree gchar *scenario = NULL;
	g_autofree gchar *intent = NULL;
	g_autofree gchar *vm = NULL;
	g_autofree gchar *output = NULL;
	g_autofree gchar *interval = NULL;
	g_autofree gchar *duration = NULL;
	g_autofree gchar *qos_command = NULL;
	g_autofree gchar *vcpu_command = NULL;
	gboolean service_vm = FALSE;
	g_autofree gchar *gpu_slices = NULL;
	g_autofree gchar *os = NULL;
	g_autoptr(GHashTable) options = aa_host_options_new();
	const GOptionEntry entries[] = {
	    {"intent", 'i', 0, G_OPTION_ARG_FILENAME, &intent, "allocation intent XML", "I"},
	    {"service-vm", 0, 0, G_OPTION_ARG_NONE, &service_vm,
	     "the Service VM script recording the VM's I/O profile (docs/io-groups.md)", NULL},
	    {"vcpu-command", 0, 0, G_OPTION_ARG_STRING, &vcpu_command,
	     "(--service-vm) default command printing the VM's busy vCPU cores", "CMD"},
	    {"vm", 0, 0, G_OPTION_ARG_STRING, &vm, "the VM name in the intent", "NAME"},
	    {"gpu-slices", 'g', 0, G_OPTION_ARG_STRING, &gpu_slices,
	     "GPU slices the VM has while profiled (else from intent or scenario)", "N"},
	    {"os", 0, 0, G_OPTION_ARG_STRING, &os,
	     "linux (sh script, default) or windows (typeperf command line and guide)", "OS"},
	    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "script to write", "F"},
	    {"board", 'b', 0, G_OPTION_ARG_FILENAME, &board, "ACRN board XML (optional)", "B"},
	    {"scenario", 's', 0, G_OPTION_ARG_FILENAME, &scenario,
	     "ACRN scenario XML (optional: checks the VM name)", "S"},
	    {"interval", 0, 0, G_OPTION_ARG_STRING, &interval,
	     "default sampling interval in seconds (default 1)", "SEC"},
	    {"duration", 0, 0, G_OPTION_ARG_STRING, &duration,
	     "default run time in seconds (default 60)", "SEC"},
	    {"qos-command", 0, 0, G_OPTION_ARG_STRING, &qos_command,
	     "default command printing metric=value lines", "CMD"},
	    {NULL}};

	if (!aa_host_parse("profile-script", "--intent I --vm NAME -o F [--service-vm]",
	                   "Write the in-guest profiling script that records the profile CSV, "
	                   "or with --service-vm the Service VM script that records the VM's "
	                   "I/O profile CSV.",
	                   entries, &argc, &argv, error))
		return FALSE;
	if (!aa_host_require(intent, "--intent", "profile-script", error) ||
	    !aa_host_require(vm, "--vm", "profile-script", error) ||
	    !aa_host_require(output, "-o", "profile-script", error))
		return FALSE;
	if (scenario != NULL && board == NULL) {
		g_set_error_literal(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		                    "--scenario needs --board too");
		return FALSE;
	}
	{
		const gchar *const inputs[] = {board, scenario, intent};
		if (!aa_output_check_inputs(output, inputs, G_N_ELEMENTS(inputs), FALSE, error))
			return FALSE;
	}
	if (!aa_host_load_inputs(host, board, scenario, intent, error))
		return FALSE;
	aa_host_option_set(options, "vm", vm);
	aa_host_option_set(options, "output", output);
	aa_host_option_set(options, "interval", interval);
	aa_host_option_set(options, "duration", duration);
	aa_host_option_set(options, "qos-command", qos_command);
	if (service_vm) {
		aa_host_option_set(options, "vcpu-command", vcpu_command);
		return aa_host_transform(host, "io-profile-script", options, error);
	}
	aa_host_option_set(options, "gpu-slices", gpu_slices);
	aa_host_option_set(options, "os", os);
	return aa_host_transform(host, "profile-script", options, error);
}

static gboolean
aa_host_cmd_report(AaHost *host, gint argc, gchar **argv, gint *status, GError **error)
{
	g_autofree gchar *board = NULL;
	g_autofree gchar *scenario = NULL;
	g_autofree gchar *intent = NULL;
	g_autofree gchar *recommendation = NULL;
	g_autofree gchar *output = NULL;
	g_autoptr(GHashTable) options = aa_host_options_new();
	const GOptionEntry entries[] = {
	    {"board", 'b', 0, G_OPTION_ARG_FILENAME, &board, "ACRN board XML", "B"},
	    {"scenario", 's', 0, G_OPTION_ARG_FILENAME, &scenario, "ACRN scenario XML", "S"},
	    {"intent", 'i', 0, G_OPTION_ARG_FILENAME, &intent,
	     "allocation intent XML (adds diagnostics)", "I"},
	    {"recommendation", 'r', 0, G_OPTION_ARG_FILENAME, &recommendation, "recommendation.xml",
	     "R"},
	    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "HTML file to write", "F.html"},
	    {NULL}};

	if (!aa_host_parse("report",
	                   "--board B --scenario S --recommendation R [--intent I] -o F.html",
	                   "Write a self-contained HTML report with SVG charts (xslt/report.xsl).",
	                   entries, &argc, &argv, error))
		return FALSE;
	if (!aa_host_require(board, "--board", "report", error) ||
	    !aa_host_require(scenario, "--scenario", "report", error) ||
	    !aa_host_require(recommendation, "--recommendation", "report", error) ||
	    !aa_host_require(output, "-o", "report", error))
		return FALSE;
	{
		const gchar *const inputs[] = {board, scenario, intent, recommendation};
		if (!aa_output_check_inputs(output, inputs, G_N_ELEMENTS(inputs), FALSE, error))
			return FALSE;
	}
	if (!aa_host_load_inputs(host, board, scenario, intent, error))
		return FALSE;
	aa_host_option_set(options, "recommendation", recommendation);
	aa_host_option_set(options, "output", output);
	return aa_host_transform(host, "report", options, error);
}

static gint
aa_host_strcmp_cb(gconstpointer a, gconstpointer b)
{
	return g_strcmp0(*(const gchar *const *)a, *(const gchar *const *)b);
}

/* a scenario of a batch and what validating it gave */
/* the artifacts plan writes into DIR, relative to it */
static const gchar *const aa_host_plan_artifacts[] = {"recommendation.xml", "scenario.xml",
                                                      "report.html", "launch"};

/* plan may not replace an input with an artifact unless --force: the inputs
 * are compared with what DIR holds under each artifact's name (and, for the
 * launch scripts, every file in DIR/launch) */
static gboolean
aa_host_plan_check_inputs(const gchar *output, const gchar *const *inputs, guint n_inputs,
                          gboolean force, GError **error)
{
	g_autofree gchar *launch = g_build_filename(output, "launch", NULL);
	g_autoptr(GDir) dir = g_dir_open(launch, 0, NULL);
	const gchar *name;

	for (guint i = 0; i < G_N_ELEMENTS(aa_host_plan_artifacts); i++) {
		g_autofree gchar *fn = g_build_filename(output, aa_host_plan_artifacts[i], NULL);
		if (!aa_output_check_inputs(fn, inputs, n_inputs, force, error))
			return FALSE;
	}
	while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
		g_autofree gchar *fn = g_build_filename(launch, name, NULL);
		if (!aa_output_check_inputs(fn, inputs, n_inputs, force, error))
			return FALSE;
	}
	return TRUE;
}

/* the plan hook writes every artifact into a complete copy of @output staged
 * beside it, which is then swapped in (aa-publish.c): @output is the old or
 * the new one, never a mix, whatever fails and even if the process is killed */
static gboolean
aa_host_plan_run(AaHost *host, const gchar *board, const gchar *scenario, const gchar *intent,
                 const gchar *output, const gchar *strategy, const gchar *model,
                 gboolean require_targets, const gchar *time_limit, gboolean force,
                 GString *summary, GError **error)
{
	const AaPluginVtable *vt = &host->plugin->vtable;
	const gchar *const inputs[] = {board, scenario, intent};
	g_autoptr(AaPublish) publish = NULL;
	g_autofree gchar *text = NULL;
	AaPlanOptions options = {.size = sizeof(AaPlanOptions),
	                         .board = board,
	                         .scenario = scenario,
	                         .intent = intent,
	                         .strategy = strategy,
	                         .model = model,
	                         .time_limit = time_limit,
	                         .require_targets = require_targets,
	                         .force = force,
	                         .reserve_spare = host->reserve_spare,
	                         .output = output};

	if (vt->plan == NULL) {
		g_set_error(error, AA_ERROR, AA_ERROR_PLUGIN,
		            "module %s is older than this host and has no plan hook; install the "
		            "module built with this host",
		            host->plugin->module_path);
		return FALSE;
	}
	if (!aa_host_plan_check_inputs(output, inputs, G_N_ELEMENTS(inputs), force, error))
		return FALSE;
	publish = aa_publish_begin(output, error);
	if (publish == NULL) {
		g_prefix_error(error, "nothing in %s was changed: ", output);
		return FALSE;
	}
	options.stage = aa_publish_stage(publish);
	if (aa_host_new_context(host, error))
		text = vt->plan(host->ctx, &options, error);
	if (text == NULL || !aa_publish_commit(publish, error)) {
		/* the stage is removed: name the files where they would have been */
		if (error != NULL && *error != NULL) {
			g_autoptr(GString) msg = g_string_new((*error)->message);
			g_string_replace(msg, options.stage, output, 0);
			g_free((*error)->message);
			(*error)->message = g_string_free(g_steal_pointer(&msg), FALSE);
		}
		g_prefix_error(error, "nothing in %s was changed: ", output);
		return FALSE;
	}
	if (summary != NULL)
		g_string_append(summary, text);
	return TRUE;
}

static gboolean
aa_host_cmd_plan(AaHost *host, gint argc, gchar **argv, gint *status, GError **error)
{
	g_autofree gchar *board = NULL;
	g_autofree gchar *scenario = NULL;
	g_autofree gchar *intent = NULL;
	g_autofree gchar *output = NULL;
	g_autofree gchar *strategy = NULL;
	g_autofree gchar *model = NULL;
	gboolean require_targets = FALSE;
	g_autofree gchar *time_limit = NULL;
	g_autoptr(GString) summary = g_string_new(NULL);
	gboolean force = FALSE;
	const GOptionEntry entries[] = {
	    {"board", 'b', 0, G_OPTION_ARG_FILENAME, &board, "ACRN board XML", "B"},
	    {"scenario", 's', 0, G_OPTION_ARG_FILENAME, &scenario, "ACRN scenario XML", "S"},
	    {"intent", 'i', 0, G_OPTION_ARG_FILENAME, &intent, "allocation intent XML", "I"},
	    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "directory for the artifacts",
	     "DIR"},
	    {"strategy", 0, 0, G_OPTION_ARG_STRING, &strategy,
	     "optimal (default), equal or proportional", "STRATEGY"},
	    {"time-limit", 0, 0, G_OPTION_ARG_STRING, &time_limit,
	     "seconds for the optimal search (default 30)", "S"},
	    {"force", 0, 0, G_OPTION_ARG_NONE, &force,
	     "write the final scenario even if validation finds errors", NULL},
	    {"reserve-spare", 0, 0, G_OPTION_ARG_NONE, &host->reserve_spare,
	     "prepare_peripherals.sh keeps a spare VF when a VM's forecast GPU demand may "
	     "exceed its share",
	     NULL},
	    {"model", 0, 0, G_OPTION_ARG_STRING, &model,
	     "robust or paper (default: the intent's <policy model>, else robust)", "MODEL"},
	    {"require-targets", 0, 0, G_OPTION_ARG_NONE, &require_targets,
	     "stop (exit 1, nothing written) when a QoS target is predicted to be missed", NULL},
	    {NULL}};

	if (!aa_host_parse("plan", "--board B --scenario S --intent I -o DIR",
	                   "recommend + apply + launch + report in one go: writes "
	                   "recommendation.xml, scenario.xml, launch/launch_user_vm_id<N>.sh and "
	                   "report.html into DIR.  Nothing in DIR changes unless every step "
	                   "succeeds.",
	                   entries, &argc, &argv, error))
		return FALSE;
	if (!aa_host_require(board, "--board", "plan", error) ||
	    !aa_host_require(scenario, "--scenario", "plan", error) ||
	    !aa_host_require(intent, "--intent", "plan", error) ||
	    !aa_host_require(output, "-o", "plan", error))
		return FALSE;
	if (!aa_host_plan_run(host, board, scenario, intent, output, strategy, model,
	                      require_targets, time_limit, force, summary, error))
		return FALSE;
	g_string_append_printf(summary, "open %s/report.html in a browser\n", output);
	aa_host_print(summary->str);
	return TRUE;
}

typedef struct {
	gchar *scenario;
	gchar *board; /* NULL: none found */
	gint status;  /* 0 clean, 1 errors, 2 invalid */
	guint n_errors;
	guint n_warnings;
	gchar *report;     /* the validate hook's output, or the error message */
	gchar *plan;       /* with --intent -o: the directory planned into, or NULL */
	gchar *plan_error; /* why planning failed, or NULL */
} AaHostBatchItem;

static void
aa_host_batch_item_free(AaHostBatchItem *item)
{
	g_free(item->scenario);
	g_free(item->board);
	g_free(item->report);
	g_free(item->plan);
	g_free(item->plan_error);
	g_free(item);
}

/* file discovery only: an ACRN board XML starts <acrn-config board="..."> and a
 * scenario has no board= (v3) or also a scenario= attribute; anything else is
 * handed to the plugin as a scenario and reported if it is not one */
static gboolean
aa_host_batch_is_board(const gchar *filename)
{
	g_autofree gchar *data = NULL;
	gchar head[4096];
	const gchar *tag;
	const gchar *end;
	g_autofree gchar *attrs = NULL;
	gsize n = 0;
	/* the shared reader: a FIFO or /proc file named *.xml never blocks */
	if (!aa_file_read_untrusted(filename, 16u * 1024u * 1024u, "XML file", &data, &n, NULL))
		return FALSE;
	n = MIN(n, sizeof(head) - 1);
	memcpy(head, data, n);
	head[n] = '\0';
	tag = strstr(head, "<acrn-config");
	if (tag == NULL || memchr(head, '\0', n) != NULL || strstr(head, "<!DOCTYPE") != NULL)
		return FALSE;
	end = strchr(tag, '>');
	if (end == NULL)
		return FALSE;
	attrs = g_strndup(tag, end - tag);
	return strstr(attrs, " board=") != NULL && strstr(attrs, "scenario=") == NULL;
}

/* every *.xml under @path (or @path itself), sorted, split into boards and the rest */
static gboolean
aa_host_batch_collect(const gchar *path, guint depth, GPtrArray *files, GError **error)
{
	g_autoptr(GDir) dir = NULL;
	g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
	const gchar *name;

	if (!g_file_test(path, G_FILE_TEST_IS_DIR)) {
		if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
			g_set_error(error, AA_ERROR, AA_ERROR_NOT_FOUND,
			            "%s: no such file or directory; check the path", path);
			return FALSE;
		}
		g_ptr_array_add(files, g_strdup(path));
		return TRUE;
	}
	if (depth > 32)
		return TRUE;
	dir = g_dir_open(path, 0, error);
	if (dir == NULL)
		return FALSE;
	while ((name = g_dir_read_name(dir)) != NULL)
		g_ptr_array_add(names, g_build_filename(path, name, NULL));
	g_ptr_array_sort(names, aa_host_strcmp_cb);
	for (guint i = 0; i < names->len; i++) {
		const gchar *child = g_ptr_array_index(names, i);
		if (g_file_test(child, G_FILE_TEST_IS_SYMLINK))
			continue;
		if (g_file_test(child, G_FILE_TEST_IS_DIR)) {
			if (!aa_host_batch_collect(child, depth + 1, files, error))
				return FALSE;
		} else if (g_str_has_suffix(child, ".xml")) {
			g_ptr_array_add(files, g_strdup(child));
		}
	}
	return TRUE;
}

/* the board for @scenario: --board, else the board XML in its folder named after
 * the folder, else the first board XML there */
static gchar *
aa_host_batch_board_for(const gchar *scenario, const gchar *board_arg, GPtrArray *boards)
{
	g_autofree gchar *dir = g_path_get_dirname(scenario);
	g_autofree gchar *base = g_path_get_basename(dir);
	g_autofree gchar *named = g_strdup_printf("%s.xml", base);
	const gchar *first = NULL;
	if (board_arg != NULL)
		return g_strdup(board_arg);
	for (guint i = 0; i < boards->len; i++) {
		const gchar *b = g_ptr_array_index(boards, i);
		g_autofree gchar *bdir = g_path_get_dirname(b);
		g_autofree gchar *bname = g_path_get_basename(b);
		if (g_strcmp0(bdir, dir) != 0)
			continue;
		if (g_strcmp0(bname, named) == 0)
			return g_strdup(b);
		if (first == NULL)
			first = b;
	}
	return g_strdup(first);
}

static void
aa_host_batch_one(AaHost *host, AaHostBatchItem *item, const gchar *intent, GHashTable *options,
                  const gchar *output_dir)
{
	const AaPluginVtable *vt = &host->plugin->vtable;
	g_autoptr(GError) error = NULL;

	if (item->board == NULL) {
		item->status = 2;
		item->report =
		    g_strdup_printf("%s: no board XML in its folder; pass --board", item->scenario);
		return;
	}
	if (!aa_host_load_inputs(host, item->board, item->scenario, intent, &error)) {
		item->status = 2;
		item->report = g_strdup(error->message);
		return;
	}
	item->report = vt->validate(host->ctx, options, &item->n_errors, &item->n_warnings, &error);
	if (item->report == NULL) {
		item->status = aa_error_exit_code(error) == 1 ? 1 : 2;
		item->report = g_strdup(error->message);
		return;
	}
	item->status = item->n_errors > 0 ? 1 : 0;
	if (intent != NULL && output_dir != NULL && item->status == 0) {
		g_autofree gchar *base = g_path_get_basename(item->scenario);
		g_autofree gchar *stem = g_strndup(base, strlen(base) - strlen(".xml"));
		g_autofree gchar *folder = g_path_get_dirname(item->scenario);
		g_autofree gchar *parent = g_path_get_basename(folder);
		g_autofree gchar *dest = g_build_filename(output_dir, parent, stem, NULL);
		g_autoptr(GError) error_plan = NULL;
		/* the validate report stays as it is: in JSON it is a JSON document */
		if (!aa_host_plan_run(host, item->board, item->scenario, intent, dest, NULL, NULL,
		                      FALSE, NULL, FALSE, NULL, &error_plan)) {
			item->status = aa_error_exit_code(error_plan);
			item->plan_error = g_strdup(error_plan->message);
			return;
		}
		item->plan = g_steal_pointer(&dest);
	}
}

/* the item has no validate report, only an error message in ->report */
static gboolean
aa_host_batch_item_unreported(const AaHostBatchItem *item)
{
	return item->status == 2 && item->plan_error == NULL;
}

static const gchar *
aa_host_batch_status_name(gint status)
{
	return status == 0 ? "ok" : status == 1 ? "errors" : "invalid";
}

/* batch --format json (README): each scenario with its validate report nested */
static gchar *
aa_host_batch_json(GPtrArray *items, guint n_ok, guint n_bad, guint n_invalid, guint n_planned,
                   gint status)
{
	g_autoptr(JsonBuilder) b = json_builder_new();

	json_builder_begin_object(b);
	aa_json_add_int(b, "version", 1);
	aa_json_begin_array(b, "results");
	for (guint i = 0; i < items->len; i++) {
		AaHostBatchItem *item = g_ptr_array_index(items, i);
		json_builder_begin_object(b);
		aa_json_add_string(b, "scenario", item->scenario);
		aa_json_add_string(b, "board", item->board);
		aa_json_add_string(b, "status", aa_host_batch_status_name(item->status));
		aa_json_add_int(b, "errors", item->n_errors);
		aa_json_add_int(b, "warnings", item->n_warnings);
		/* without a validate report, the message says why */
		if (aa_host_batch_item_unreported(item)) {
			aa_json_add_string(b, "message", item->report);
			aa_json_add_null(b, "report");
		} else {
			aa_json_add_string(b, "message", item->plan_error);
			if (!aa_json_add_text(b, "report", item->report, NULL))
				aa_json_add_string(b, "report", item->report);
		}
		aa_json_add_string(b, "plan", item->plan);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	aa_json_begin_object(b, "summary");
	aa_json_add_int(b, "scenarios", items->len);
	aa_json_add_int(b, "ok", n_ok);
	aa_json_add_int(b, "errors", n_bad);
	aa_json_add_int(b, "invalid", n_invalid);
	aa_json_add_int(b, "planned", n_planned);
	aa_json_add_int(b, "exit", status);
	json_builder_end_object(b);
	json_builder_end_object(b);
	return aa_json_to_text(b);
}

static gboolean
aa_host_cmd_batch(AaHost *host, gint argc, gchar **argv, gint *status, GError **error)
{
	g_autofree gchar *board = NULL;
	g_autofree gchar *intent = NULL;
	g_autofree gchar *format = NULL;
	g_autofree gchar *output = NULL;
	g_auto(GStrv) rules = NULL;
	g_autoptr(GHashTable) options = aa_host_options_new();
	g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func(g_free);
	g_autoptr(GPtrArray) boards = g_ptr_array_new_with_free_func(g_free);
	g_autoptr(GPtrArray) items =
	    g_ptr_array_new_with_free_func((GDestroyNotify)aa_host_batch_item_free);
	g_autoptr(GString) out = g_string_new(NULL);
	gboolean json;
	gboolean progress = isatty(STDERR_FILENO);
	guint n_ok = 0, n_bad = 0, n_invalid = 0, n_planned = 0;
	const GOptionEntry entries[] = {
	    {"board", 'b', 0, G_OPTION_ARG_FILENAME, &board,
	     "board XML for every scenario (default: the board XML in each scenario's folder)",
	     "B"},
	    {"intent", 'i', 0, G_OPTION_ARG_FILENAME, &intent,
	     "allocation intent XML (intent-aware rules; with -o, plan into DIR)", "I"},
	    {"rules", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rules, "extra rule pack (repeatable)",
	     "FILE"},
	    {"format", 'f', 0, G_OPTION_ARG_STRING, &format, "text (default) or json", "FORMAT"},
	    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
	     "directory for per-scenario plans (with --intent)", "DIR"},
	    {NULL}};

	if (!aa_host_parse("batch",
	                   "[--intent I] [--board B] [--format text|json] [-o DIR] PATH...",
	                   "Validate many scenarios (files, or directories searched recursively) "
	                   "and print one summary.  Exit 2 if any input is invalid, else 1 if any "
	                   "scenario has errors, else 0.",
	                   entries, &argc, &argv, error))
		return FALSE;
	if (argc < 2) {
		g_set_error_literal(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		                    "batch needs at least one PATH; see 'acrn-alloc batch --help'");
		return FALSE;
	}
	json = g_strcmp0(format, "json") == 0;
	if (format != NULL && !json && g_strcmp0(format, "text") != 0) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		            "unknown format '%s'; use text or json", format);
		return FALSE;
	}
	for (gint i = 1; i < argc; i++) {
		if (!aa_host_batch_collect(argv[i], 0, files, error))
			return FALSE;
	}
	for (guint i = 0; i < files->len; i++) {
		const gchar *fn = g_ptr_array_index(files, i);
		if (board == NULL && aa_host_batch_is_board(fn))
			g_ptr_array_add(boards, g_strdup(fn));
	}
	aa_host_option_set(options, "format", json ? "json" : "text");
	if (rules != NULL) {
		g_autofree gchar *joined = g_strjoinv("\n", rules);
		aa_host_option_set(options, "rules", joined);
	}
	for (guint i = 0; i < files->len; i++) {
		const gchar *fn = g_ptr_array_index(files, i);
		AaHostBatchItem *item;
		if (g_ptr_array_find_with_equal_func(boards, fn, g_str_equal, NULL) ||
		    g_strcmp0(fn, board) == 0)
			continue;
		item = g_new0(AaHostBatchItem, 1);
		item->scenario = g_strdup(fn);
		item->board = aa_host_batch_board_for(fn, board, boards);
		g_ptr_array_add(items, item);
	}
	for (guint i = 0; i < items->len; i++) {
		AaHostBatchItem *item = g_ptr_array_index(items, i);
		if (progress)
			fprintf(stderr, "\r\033[K[%u/%u] %s", i + 1, items->len, item->scenario);
		aa_host_batch_one(host, item, intent, options, output);
		aa_host_clear_context(host);
		*status = MAX(*status, item->status);
		if (item->plan != NULL)
			n_planned++;
		if (item->status == 0)
			n_ok++;
		else if (item->status == 1)
			n_bad++;
		else
			n_invalid++;
	}
	if (progress)
		fprintf(stderr, "\r\033[K");

	if (json) {
		g_autofree gchar *text =
		    aa_host_batch_json(items, n_ok, n_bad, n_invalid, n_planned, *status);
		g_string_append(out, text);
	} else {
		for (guint i = 0; i < items->len; i++) {
			AaHostBatchItem *item = g_ptr_array_index(items, i);
			if (aa_host_batch_item_unreported(item))
				g_string_append_printf(out, "%s: invalid: %s\n", item->scenario,
				                       item->report);
			else if (item->n_errors + item->n_warnings > 0)
				g_string_append(out, item->report);
			if (item->plan_error != NULL)
				g_string_append_printf(out, "%s: plan: %s\n", item->scenario,
				                       item->plan_error);
		}
		g_string_append_printf(out, "\n%-8s %6s %8s  %s\n", "STATUS", "ERRORS", "WARNINGS",
		                       "SCENARIO");
		for (guint i = 0; i < items->len; i++) {
			AaHostBatchItem *item = g_ptr_array_index(items, i);
			g_string_append_printf(out, "%-8s %6u %8u  %s\n",
			                       aa_host_batch_status_name(item->status),
			                       item->n_errors, item->n_warnings, item->scenario);
		}
		for (guint i = 0; i < items->len; i++) {
			AaHostBatchItem *item = g_ptr_array_index(items, i);
			if (item->plan != NULL)
				g_string_append_printf(out, "planned %s into %s\n", item->scenario,
				                       item->plan);
		}
		g_string_append_printf(out, "%u scenarios: %u ok, %u with errors, %u invalid",
		                       items->len, n_ok, n_bad, n_invalid);
		if (intent != NULL && output != NULL)
			g_string_append_printf(out, ", %u planned into %s", n_planned, output);
		g_string_append_c(out, '\n');
	}
	aa_host_print(out->str);
	return TRUE;
}

static const AaHostCommand aa_host_commands[];
gboolean aa_host_cmd_forecast(AaHost *host, gint argc, gchar **argv, gint *status, GError **error);

static void
aa_host_usage(FILE *out)
{
	fprintf(out, "Usage: acrn-alloc [--plugin-manifest FILE] COMMAND [OPTIONS]\n\n"
	             "Commands:\n");
	for (guint i = 0; aa_host_commands[i].name != NULL; i++)
		fprintf(out, "  %-15s %s\n", aa_host_commands[i].name, aa_host_commands[i].summary);
	fprintf(out,
	        "\nEach command takes --help.  Exit codes: 0 success, 1 validation "
	        "errors or no feasible allocation, 2 bad usage or invalid input.\n"
	        "The plugin manifest is found by --plugin-manifest, then $%s, then the "
	        "build tree, then the install prefix.\n",
	        AA_MANIFEST_ENV);
}

gboolean aa_host_cmd_io_group(AaHost *host, gint argc, gchar **argv, gint *status, GError **error);

static const AaHostCommand aa_host_commands[] = {
    {"inspect", "--board B [--scenario S] [--json]",
     "board summary: P/E pCPUs, memory, GPU VFs, caches", aa_host_cmd_inspect},
    {"recommend", "--board B --scenario S --intent I -o R", "write recommendation.xml",
     aa_host_cmd_recommend},
    {"apply", "--board B --scenario S --recommendation R -o S2", "final scenario (XSLT)",
     aa_host_cmd_apply},
    {"launch", "--board B --scenario S -o DIR [--recommendation R]",
     "launch_user_vm_id<N>.sh per post-launched VM", aa_host_cmd_launch},
    {"validate", "--board B --scenario S [--intent I]", "diagnostics; the pre-build hook",
     aa_host_cmd_validate},
    {"profile-script", "--intent I --vm NAME -o F", "the in-guest profiling script",
     aa_host_cmd_profile_script},
    {"profile-import", "--typeperf F.csv --vm NAME [--intent I] -o P.csv",
     "a Windows counter log into a profile CSV", aa_host_cmd_profile_import},
    {"report", "... -o F.html", "HTML report with charts", aa_host_cmd_report},
    {"plan", "--board B --scenario S --intent I -o DIR", "recommend + apply + launch + report",
     aa_host_cmd_plan},
    {"io-group", "--io-profile P.csv... --total-cores N",
     "vSPACE's I/O core sizing over I/O profiles", aa_host_cmd_io_group},
    {"rt-analyze", "--intent I --vm NAME [--vcpus N] [--format text|json]",
     "CPU reservations (Q, P) per vCPU of an RT VM", aa_host_cmd_rt_analyze},
    {"batch", "[--intent I] [--board B] [--format text|json] [-o DIR] PATH...",
     "validate many scenarios, one summary", aa_host_cmd_batch},
    {"refine", "--board B --scenario S --intent I --trials T.csv -o R",
     "the next allocation to measure (refinement loop)", aa_host_cmd_refine},
    {"forecast", "--profile P.csv [--horizon-s 600] [--format text|json]",
     "demand forecast of a profile trace (seed 001)", aa_host_cmd_forecast},
    {NULL, NULL, NULL, NULL},
};

/* removes --plugin-manifest[=]FILE from anywhere in argv */
static gboolean
aa_host_take_manifest_option(gint *argc, gchar **argv, gchar **manifest, GError **error)
{
	gint j = 0;
	for (gint i = 0; i < *argc; i++) {
		if (g_strcmp0(argv[i], "--plugin-manifest") == 0) {
			if (i + 1 >= *argc) {
				g_set_error_literal(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
				                    "--plugin-manifest needs a file name");
				return FALSE;
			}
			g_free(*manifest);
			*manifest = g_strdup(argv[++i]);
			continue;
		}
		if (g_str_has_prefix(argv[i], "--plugin-manifest=")) {
			g_free(*manifest);
			*manifest = g_strdup(argv[i] + strlen("--plugin-manifest="));
			continue;
		}
		argv[j++] = argv[i];
	}
	*argc = j;
	argv[j] = NULL;
	return TRUE;
}

int
main(int argc, char **argv)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *manifest_arg = NULL;
	g_autofree gchar *manifest = NULL;
	g_autoptr(AaLoadedPlugin) plugin = NULL;
	const AaHostCommand *command = NULL;
	AaHost host = {NULL, NULL};
	gint status = 0;

	setlocale(LC_ALL, "");
	if (!aa_host_take_manifest_option(&argc, argv, &manifest_arg, &error)) {
		g_printerr("acrn-alloc: %s\n", error->message);
		return 2;
	}
	if (argc < 2 || g_strcmp0(argv[1], "--help") == 0 || g_strcmp0(argv[1], "-h") == 0 ||
	    g_strcmp0(argv[1], "help") == 0) {
		aa_host_usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (g_strcmp0(argv[1], "--version") == 0) {
		g_autofree gchar *found = aa_loader_find_manifest(manifest_arg, NULL);
		g_print("acrn-alloc %s (plugin ABI %u)\n", AA_VERSION,
		        (guint)AA_PLUGIN_ABI_VERSION);
		g_print("plugin manifest: %s\n", found != NULL ? found : "none found");
		return 0;
	}
	for (guint i = 0; aa_host_commands[i].name != NULL; i++) {
		if (g_strcmp0(argv[1], aa_host_commands[i].name) == 0)
			command = &aa_host_commands[i];
	}
	if (command == NULL) {
		g_printerr("acrn-alloc: unknown command '%s'\n", argv[1]);
		aa_host_usage(stderr);
		return 2;
	}

	/* load the module only when a command will use it */
	manifest = aa_loader_find_manifest(manifest_arg, &error);
	if (manifest != NULL)
		plugin = aa_loader_open(manifest, &error);
	if (plugin == NULL) {
		g_printerr("acrn-alloc: %s\n", error->message);
		return aa_error_exit_code(error);
	}
	host.plugin = plugin;
	if (!command->func(&host, argc - 1, argv + 1, &status, &error)) {
		aa_host_clear_context(&host);
		g_printerr("acrn-alloc %s: %s\n", command->name, error->message);
		return aa_error_exit_code(error);
	}
	aa_host_clear_context(&host);
	return status;
}
