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

/**
 * aa_host_print_take:
 * @text: (transfer full) (nullable): what a hook returned
 *
 * Prints @text, if any, and frees it.
 *
 * Returns: %FALSE if the hook failed (@text is %NULL)
 */
gboolean
aa_host_print_take(gchar *text)
{
	g_autofree gchar *owned = text;
	aa_host_print(owned);
	return owned != NULL;
}

static const gchar aa_host_inspect_description[] =
    "Summarise a board: P/E pCPUs, siblings and caches, memory, GPU SR-IOV VFs, RDT CLOS; with a "
    "scenario, each VM's resources and what is left free.";

static const AaHostOption aa_host_inspect_options[] = {
    AA_HOST_OPTION_BOARD(AA_HOST_REQUIRED),
    AA_HOST_OPTION_SCENARIO(0),
    {"json", 0, G_OPTION_ARG_NONE, 0, "print JSON (see README)", NULL},
    {NULL}};

static gboolean
aa_host_cmd_inspect(AaHost *host, const AaHostArgs *args, gint *status, GError **error)
{
	g_autoptr(GHashTable) options = aa_host_options_new();

	if (!aa_host_args_load(host, args, error))
		return FALSE;
	aa_host_option_set(options, "format", aa_host_arg_flag(args, "json") ? "json" : "text");
	return aa_host_print_take(host->plugin->vtable.inspect(host->ctx, options, error));
}

static const gchar aa_host_recommend_description[] =
    "Find the proven-optimal allocation of P-cores, E-cores, memory and GPU slices and write "
    "recommendation.xml.";

static const AaHostOption aa_host_recommend_options[] = {
    AA_HOST_OPTIONS_BOARD_SCENARIO(AA_HOST_REQUIRED | AA_HOST_INPUT),
    {"intent", 'i', G_OPTION_ARG_FILENAME, AA_HOST_REQUIRED | AA_HOST_INPUT,
     "allocation intent XML", "I"},
    AA_HOST_OPTION_OUTPUT(AA_HOST_REQUIRED | AA_HOST_FORWARD, "recommendation.xml to write", "R"),
    {"strategy", 0, G_OPTION_ARG_STRING, AA_HOST_FORWARD,
     "optimal (default), equal or proportional", "STRATEGY", "optimal"},
    AA_HOST_OPTION_VALUE(
        "model", "robust or paper (default: the intent's <policy model>, else robust)", "MODEL"),
    {"require-targets", 0, G_OPTION_ARG_NONE, AA_HOST_FORWARD,
     "exit 1 when a QoS target is predicted to be missed", NULL},
    AA_HOST_OPTION_VALUE(
        "time-limit",
        "seconds for the optimal search (default 30); when reached, the best allocation found "
        "and its proven gap",
        "S"),
    {NULL}};

static gboolean
aa_host_cmd_recommend(AaHost *host, const AaHostArgs *args, gint *status, GError **error)
{
	g_autoptr(GHashTable) options = aa_host_args_options(args);

	if (!aa_host_args_prepare(host, args, error))
		return FALSE;
	return aa_host_print_take(host->plugin->vtable.recommend(host->ctx, options, error));
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

static const gchar aa_host_apply_description[] =
    "Write the final scenario XML with the recommended cpu_affinity, memory and SR-IOV VFs "
    "(xslt/apply-recommendation.xsl).";

static const AaHostOption aa_host_apply_options[] = {
    AA_HOST_OPTIONS_BOARD_SCENARIO(AA_HOST_REQUIRED),
    {"recommendation", 'r', G_OPTION_ARG_FILENAME, AA_HOST_REQUIRED | AA_HOST_FORWARD,
     "recommendation.xml", "R"},
    AA_HOST_OPTION_OUTPUT(AA_HOST_REQUIRED | AA_HOST_FORWARD, "final scenario XML to write", "S2"),
    {"force", 0, G_OPTION_ARG_NONE, AA_HOST_FORWARD,
     "write the scenario even if validation finds errors", NULL},
    {NULL}};

static const gchar aa_host_launch_description[] =
    "Write launch_user_vm_id<N>.sh for each post-launched VM (xslt/launch-script.xsl) and "
    "prepare_peripherals.sh (xslt/prepare-peripherals.xsl).";

static const AaHostOption aa_host_launch_options[] = {
    AA_HOST_OPTIONS_BOARD_SCENARIO(AA_HOST_REQUIRED | AA_HOST_INPUT),
    AA_HOST_OPTION_OUTPUT(AA_HOST_REQUIRED | AA_HOST_FORWARD, "directory for the scripts", "DIR"),
    {"recommendation", 'r', G_OPTION_ARG_FILENAME, AA_HOST_FORWARD,
     "recommendation.xml whose I/O core group the scripts apply (optional)", "R"},
    {"intent", 'i', G_OPTION_ARG_FILENAME, 0,
     "allocation intent XML: prepare_peripherals.sh orders VMs by their forecasts", "I"},
    {"reserve-spare", 0, G_OPTION_ARG_NONE, AA_HOST_FORWARD,
     "keep a spare VF when a VM's forecast GPU demand may exceed its share", NULL},
    {NULL}};

static gboolean
aa_host_cmd_launch(AaHost *host, const AaHostArgs *args, gint *status, GError **error)
{
	const gchar *output = aa_host_arg(args, "output");
	g_autoptr(GDir) dir = g_dir_open(output, 0, NULL);
	g_autoptr(GHashTable) options = aa_host_args_options(args);
	const gchar *name;

	/* the scripts it would replace in DIR */
	while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
		g_autofree gchar *fn = g_build_filename(output, name, NULL);
		if (g_str_has_prefix(name, "launch_user_vm_id") &&
		    !aa_host_args_check_output(args, fn, error))
			return FALSE;
	}
	if (!aa_host_args_load(host, args, error))
		return FALSE;
	return aa_host_transform(host, "launch", options, error);
}

static const gchar aa_host_validate_description[] =
    "Check a scenario against ACRN's rules and vendor heuristics; the pre-build hook.  Exit 0: no "
    "errors, 1: errors, 2: bad input.  Needs --board and --scenario, unless --export-acrn-checks "
    "is given without --board.";

static const AaHostOption aa_host_validate_options[] = {
    AA_HOST_OPTIONS_BOARD_SCENARIO(0),
    {"intent", 'i', G_OPTION_ARG_FILENAME, 0, "allocation intent XML (enables intent-aware rules)",
     "I"},
    {"recommendation", 'r', G_OPTION_ARG_FILENAME, AA_HOST_FORWARD,
     "recommendation.xml for rule packs that test it", "R"},
    {"rules", 0, G_OPTION_ARG_FILENAME_ARRAY, AA_HOST_FORWARD, "extra rule pack (repeatable)",
     "FILE"},
    {"format", 'f', G_OPTION_ARG_STRING, AA_HOST_FORWARD, "text (default), json or junit", "FORMAT",
     "text"},
    AA_HOST_OPTION_OUTPUT(AA_HOST_FORWARD, "write the report to FILE instead of standard output",
                          "FILE"),
    {"export-acrn-checks", 0, G_OPTION_ARG_FILENAME, AA_HOST_FORWARD,
     "write the declarative rules as XSD 1.1 assertions for ACRN's validator", "FILE.xsd"},
    {NULL}};

static gboolean
aa_host_cmd_validate(AaHost *host, const AaHostArgs *args, gint *status, GError **error)
{
	const gchar *board = aa_host_arg(args, "board");
	const gchar *output = aa_host_arg(args, "output");
	const gchar *export_checks = aa_host_arg(args, "export-acrn-checks");
	gchar **rules = aa_host_arg_list(args, "rules");
	g_autoptr(GHashTable) options = aa_host_args_options(args);
	guint n_errors = 0;
	guint n_warnings = 0;

	/* --export-acrn-checks alone needs no scenario */
	if ((export_checks == NULL || board != NULL) &&
	    (board == NULL || aa_host_arg(args, "scenario") == NULL)) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		            "needs %s; see 'acrn-alloc validate --help'",
		            board == NULL ? "--board" : "--scenario");
		return FALSE;
	}
	for (guint i = 0; i < 2; i++) {
		/* the report and the exported checks never replace an input */
		const gchar *out = i == 0 ? output : export_checks;
		const gchar *const inputs[] = {
		    board, aa_host_arg(args, "scenario"), aa_host_arg(args, "intent"),
		    aa_host_arg(args, "recommendation"), i == 0 ? export_checks : output};
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
	if (!aa_host_args_load(host, args, error))
		return FALSE;
	if (!aa_host_print_take(
	        host->plugin->vtable.validate(host->ctx, options, &n_errors, &n_warnings, error)))
		return FALSE;
	*status = n_errors > 0 ? 1 : 0;
	return TRUE;
}

static const gchar aa_host_profile_script_description[] =
    "Write the in-guest profiling script that records the profile CSV, or with --service-vm the "
    "Service VM script that records the VM's I/O profile CSV.";

static const AaHostOption aa_host_profile_script_options[] = {
    {"intent", 'i', G_OPTION_ARG_FILENAME, AA_HOST_REQUIRED | AA_HOST_INPUT,
     "allocation intent XML", "I"},
    {"service-vm", 0, G_OPTION_ARG_NONE, 0,
     "the Service VM script recording the VM's I/O profile (docs/io-groups.md)", NULL},
    {"vcpu-command", 0, G_OPTION_ARG_STRING, 0,
     "(--service-vm) default command printing the VM's busy vCPU cores", "CMD"},
    {"vm", 0, G_OPTION_ARG_STRING, AA_HOST_REQUIRED | AA_HOST_FORWARD, "the VM name in the intent",
     "NAME"},
    {"gpu-slices", 'g', G_OPTION_ARG_STRING, 0,
     "GPU slices the VM has while profiled (else from intent or scenario)", "N"},
    {"os", 0, G_OPTION_ARG_STRING, 0,
     "linux (sh script, default) or windows (typeperf command line and guide)", "OS"},
    AA_HOST_OPTION_OUTPUT(AA_HOST_REQUIRED | AA_HOST_FORWARD, "script to write", "F"),
    {"board", 'b', G_OPTION_ARG_FILENAME, AA_HOST_INPUT, "ACRN board XML (optional)", "B"},
    {"scenario", 's', G_OPTION_ARG_FILENAME, AA_HOST_INPUT | AA_HOST_NEEDS_BOARD,
     "ACRN scenario XML (optional: checks the VM name)", "S"},
    AA_HOST_OPTION_VALUE("interval", "default sampling interval in seconds (default 1)", "SEC"),
    AA_HOST_OPTION_VALUE("duration", "default run time in seconds (default 60)", "SEC"),
    AA_HOST_OPTION_VALUE("qos-command", "default command printing metric=value lines", "CMD"),
    {NULL}};

static gboolean
aa_host_cmd_profile_script(AaHost *host, const AaHostArgs *args, gint *status, GError **error)
{
	g_autoptr(GHashTable) options = aa_host_args_options(args);

	if (!aa_host_args_prepare(host, args, error))
		return FALSE;
	if (aa_host_arg_flag(args, "service-vm")) {
		aa_host_option_set(options, "vcpu-command", aa_host_arg(args, "vcpu-command"));
		return aa_host_transform(host, "io-profile-script", options, error);
	}
	aa_host_option_set(options, "gpu-slices", aa_host_arg(args, "gpu-slices"));
	aa_host_option_set(options, "os", aa_host_arg(args, "os"));
	return aa_host_transform(host, "profile-script", options, error);
}

static const gchar aa_host_report_description[] =
    "Write a self-contained HTML report with SVG charts (xslt/report.xsl).";

static const AaHostOption aa_host_report_options[] = {
    AA_HOST_OPTIONS_BOARD_SCENARIO(AA_HOST_REQUIRED | AA_HOST_INPUT),
    {"intent", 'i', G_OPTION_ARG_FILENAME, AA_HOST_INPUT,
     "allocation intent XML (adds diagnostics)", "I"},
    {"recommendation", 'r', G_OPTION_ARG_FILENAME,
     AA_HOST_REQUIRED | AA_HOST_INPUT | AA_HOST_FORWARD, "recommendation.xml", "R"},
    AA_HOST_OPTION_OUTPUT(AA_HOST_REQUIRED | AA_HOST_FORWARD, "HTML file to write", "F.html"),
    {NULL}};

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

static const gchar aa_host_plan_description[] =
    "recommend + apply + launch + report in one go: writes recommendation.xml, scenario.xml, "
    "launch/launch_user_vm_id<N>.sh and report.html into DIR.  Nothing in DIR changes unless every "
    "step succeeds.";

static const AaHostOption aa_host_plan_options[] = {
    AA_HOST_OPTIONS_BOARD_SCENARIO(AA_HOST_REQUIRED),
    {"intent", 'i', G_OPTION_ARG_FILENAME, AA_HOST_REQUIRED, "allocation intent XML", "I"},
    AA_HOST_OPTION_OUTPUT(AA_HOST_REQUIRED, "directory for the artifacts", "DIR"),
    {"strategy", 0, G_OPTION_ARG_STRING, 0, "optimal (default), equal or proportional", "STRATEGY"},
    {"time-limit", 0, G_OPTION_ARG_STRING, 0, "seconds for the optimal search (default 30)", "S"},
    {"force", 0, G_OPTION_ARG_NONE, 0, "write the final scenario even if validation finds errors",
     NULL},
    {"reserve-spare", 0, G_OPTION_ARG_NONE, 0,
     "prepare_peripherals.sh keeps a spare VF when a VM's forecast GPU demand may exceed its "
     "share",
     NULL},
    {"model", 0, G_OPTION_ARG_STRING, 0,
     "robust or paper (default: the intent's <policy model>, else robust)", "MODEL"},
    {"require-targets", 0, G_OPTION_ARG_NONE, 0,
     "stop (exit 1, nothing written) when a QoS target is predicted to be missed", NULL},
    {NULL}};

static gboolean
aa_host_cmd_plan(AaHost *host, const AaHostArgs *args, gint *status, GError **error)
{
	const gchar *output = aa_host_arg(args, "output");
	g_autoptr(GString) summary = g_string_new(NULL);

	host->reserve_spare = aa_host_arg_flag(args, "reserve-spare");
	if (!aa_host_plan_run(host, aa_host_arg(args, "board"), aa_host_arg(args, "scenario"),
	                      aa_host_arg(args, "intent"), output, aa_host_arg(args, "strategy"),
	                      aa_host_arg(args, "model"), aa_host_arg_flag(args, "require-targets"),
	                      aa_host_arg(args, "time-limit"), aa_host_arg_flag(args, "force"),
	                      summary, error))
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
	if (!aa_file_read_untrusted(filename, AA_XML_MAX_BYTES, "XML file", &data, &n, NULL))
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

static const gchar aa_host_batch_description[] =
    "Validate many scenarios (files, or directories searched recursively) and print one summary.  "
    "Exit 2 if any input is invalid, else 1 if any scenario has errors, else 0.";

static const AaHostOption aa_host_batch_options[] = {
    {"board", 'b', G_OPTION_ARG_FILENAME, 0,
     "board XML for every scenario (default: the board XML in each scenario's folder)", "B"},
    {"intent", 'i', G_OPTION_ARG_FILENAME, 0,
     "allocation intent XML (intent-aware rules; with -o, plan into DIR)", "I"},
    {"rules", 0, G_OPTION_ARG_FILENAME_ARRAY, 0, "extra rule pack (repeatable)", "FILE"},
    {"format", 'f', G_OPTION_ARG_STRING, 0, "text (default) or json", "FORMAT"},
    AA_HOST_OPTION_OUTPUT(0, "directory for per-scenario plans (with --intent)", "DIR"),
    {NULL}};

static gboolean
aa_host_cmd_batch(AaHost *host, const AaHostArgs *args, gint *status, GError **error)
{
	const gchar *board = aa_host_arg(args, "board");
	const gchar *intent = aa_host_arg(args, "intent");
	const gchar *format = aa_host_arg(args, "format");
	const gchar *output = aa_host_arg(args, "output");
	gchar **rules = aa_host_arg_list(args, "rules");
	gchar **paths = aa_host_args_operands(args);
	g_autoptr(GHashTable) options = aa_host_options_new();
	g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func(g_free);
	g_autoptr(GPtrArray) boards = g_ptr_array_new_with_free_func(g_free);
	g_autoptr(GPtrArray) items =
	    g_ptr_array_new_with_free_func((GDestroyNotify)aa_host_batch_item_free);
	g_autoptr(GString) out = g_string_new(NULL);
	gboolean json;
	gboolean progress = isatty(STDERR_FILENO);
	guint n_ok = 0, n_bad = 0, n_invalid = 0, n_planned = 0;

	json = g_strcmp0(format, "json") == 0;
	if (format != NULL && !json && g_strcmp0(format, "text") != 0) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		            "unknown format '%s'; use text or json", format);
		return FALSE;
	}
	for (guint i = 0; paths[i] != NULL; i++) {
		if (!aa_host_batch_collect(paths[i], 0, files, error))
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

/* every command: name, summary (in `acrn-alloc --help`), description (in
 * `acrn-alloc NAME --help`), options, operands, and the transform its options
 * go to or the function that runs it */
static const AaHostCommand aa_host_commands[] = {
    {"inspect", "board summary: P/E pCPUs, memory, GPU VFs, caches", aa_host_inspect_description,
     aa_host_inspect_options, NULL, NULL, aa_host_cmd_inspect},
    {"recommend", "write recommendation.xml", aa_host_recommend_description,
     aa_host_recommend_options, NULL, NULL, aa_host_cmd_recommend},
    {"apply", "final scenario (XSLT)", aa_host_apply_description, aa_host_apply_options, NULL,
     "apply", NULL},
    {"launch", "launch_user_vm_id<N>.sh per post-launched VM", aa_host_launch_description,
     aa_host_launch_options, NULL, NULL, aa_host_cmd_launch},
    {"validate", "diagnostics; the pre-build hook", aa_host_validate_description,
     aa_host_validate_options, NULL, NULL, aa_host_cmd_validate},
    {"profile-script", "the in-guest profiling script", aa_host_profile_script_description,
     aa_host_profile_script_options, NULL, NULL, aa_host_cmd_profile_script},
    {"profile-import", "a Windows counter log into a profile CSV",
     aa_host_profile_import_description, aa_host_profile_import_options, NULL, "profile-import",
     NULL},
    {"report", "HTML report with charts", aa_host_report_description, aa_host_report_options, NULL,
     "report", NULL},
    {"plan", "recommend + apply + launch + report", aa_host_plan_description, aa_host_plan_options,
     NULL, NULL, aa_host_cmd_plan},
    {"io-group", "vSPACE's I/O core sizing over I/O profiles", aa_host_io_group_description,
     aa_host_io_group_options, NULL, NULL, aa_host_cmd_io_group},
    {"rt-analyze", "CPU reservations (Q, P) per vCPU of an RT VM", aa_host_rt_analyze_description,
     aa_host_rt_analyze_options, NULL, NULL, aa_host_cmd_rt_analyze},
    {"batch", "validate many scenarios, one summary", aa_host_batch_description,
     aa_host_batch_options, "PATH", NULL, aa_host_cmd_batch},
    {"refine", "the next allocation to measure (refinement loop)", aa_host_refine_description,
     aa_host_refine_options, NULL, "refine", NULL},
    {"forecast", "demand forecast of a profile trace (seed 001)", aa_host_forecast_description,
     aa_host_forecast_options, NULL, "forecast", NULL},
    {NULL},
};

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
	g_autoptr(AaHostArgs) args = NULL;
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

	/* the options first: --help and bad usage need no module */
	args = aa_host_args_parse(command, argc - 1, argv + 1, &error);
	if (args == NULL) {
		g_printerr("acrn-alloc %s: %s\n", command->name, error->message);
		return aa_error_exit_code(error);
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
	if (!aa_host_args_run(&host, command, args, &status, &error)) {
		aa_host_clear_context(&host);
		g_printerr("acrn-alloc %s: %s\n", command->name, error->message);
		return aa_error_exit_code(error);
	}
	aa_host_clear_context(&host);
	return status;
}
