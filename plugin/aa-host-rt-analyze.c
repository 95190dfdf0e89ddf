/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * `acrn-alloc rt-analyze`: compositional analysis of an RT VM's task set.
 */

#include "config.h"

#include "aa-error.h"
#include "aa-host-private.h"

/**
 * aa_host_cmd_rt_analyze:
 *
 * Only the intent is needed; --board and --scenario are optional and, when
 * given, load first so the intent is also checked against the scenario.
 * Exit 1 when a requested --vcpus N does not schedule the task set.
 */
gboolean
aa_host_cmd_rt_analyze(AaHost *host, gint argc, gchar **argv, gint *status, GError **error)
{
	g_autofree gchar *board = NULL;
	g_autofree gchar *scenario = NULL;
	g_autofree gchar *intent = NULL;
	g_autofree gchar *vm = NULL;
	g_autofree gchar *vcpus = NULL;
	g_autofree gchar *period = NULL;
	g_autofree gchar *format = NULL;
	g_autofree gchar *policy = NULL;
	g_autofree gchar *text = NULL;
	g_autoptr(GHashTable) options = aa_host_options_new();
	const GOptionEntry entries[] = {
	    {"intent", 'i', 0, G_OPTION_ARG_FILENAME, &intent, "allocation intent XML", "I"},
	    {"vm", 0, 0, G_OPTION_ARG_STRING, &vm, "the RT VM's name in the intent", "NAME"},
	    {"vcpus", 0, 0, G_OPTION_ARG_STRING, &vcpus,
	     "vCPUs to partition on (default: the smallest that works, and one more)", "N"},
	    {"global-period-ms", 0, 0, G_OPTION_ARG_STRING, &period,
	     "period of the global (MPR) interface, whole ms (default 10)", "MS"},
	    {"policy", 0, 0, G_OPTION_ARG_STRING, &policy,
	     "guest scheduler rm or edf (default: the intent's <tasks policy>)", "P"},
	    {"format", 'f', 0, G_OPTION_ARG_STRING, &format, "text (default) or json", "FORMAT"},
	    {"board", 'b', 0, G_OPTION_ARG_FILENAME, &board, "ACRN board XML (optional)", "B"},
	    {"scenario", 's', 0, G_OPTION_ARG_FILENAME, &scenario,
	     "ACRN scenario XML (optional: checks the intent against it)", "S"},
	    {NULL}};

	if (!aa_host_parse("rt-analyze", "--intent I --vm NAME [--vcpus N]",
	                   "Size CPU reservations for an RT VM's vCPUs (seed 002): partitioned "
	                   "periodic-resource interfaces (Q, P) and global EDF (MPR).  Exit 0: "
	                   "schedulable, 1: not on the requested vCPUs, 2: bad input.",
	                   entries, &argc, &argv, error))
		return FALSE;
	if (!aa_host_require(intent, "--intent", "rt-analyze", error) ||
	    !aa_host_require(vm, "--vm", "rt-analyze", error))
		return FALSE;
	if (scenario != NULL && board == NULL) {
		g_set_error_literal(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		                    "rt-analyze: --scenario needs --board too");
		return FALSE;
	}
	if (!aa_host_load_inputs(host, board, scenario, intent, error))
		return FALSE;
	aa_host_option_set(options, "vm", vm);
	aa_host_option_set(options, "vcpus", vcpus);
	aa_host_option_set(options, "global-period-ms", period);
	aa_host_option_set(options, "policy", policy);
	aa_host_option_set(options, "format", format != NULL ? format : "text");
	text = host->plugin->vtable.transform(host->ctx, "rt-analyze", options, error);
	if (text == NULL)
		return FALSE;
	aa_host_print(text);
	/* the module marks a requested vCPU count that does not schedule the set */
	*status = g_hash_table_contains(options, "result") ? 1 : 0;
	return TRUE;
}
