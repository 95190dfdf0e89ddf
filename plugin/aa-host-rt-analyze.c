/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * `acrn-alloc rt-analyze`: compositional analysis of an RT VM's task set.
 * Only the intent is needed; --board and --scenario are optional and, when
 * given, load first so the intent is also checked against the scenario.
 */

#include "config.h"

#include "aa-host-private.h"

/* the paragraph of its --help */
const gchar aa_host_rt_analyze_description[] =
    "Size CPU reservations for an RT VM's vCPUs (seed 002): partitioned periodic-resource "
    "interfaces (Q, P) and global EDF (MPR).  Exit 0: schedulable, 1: not on the requested vCPUs, "
    "2: bad input.";

const AaHostOption aa_host_rt_analyze_options[] = {
    {"intent", 'i', G_OPTION_ARG_FILENAME, AA_HOST_REQUIRED, "allocation intent XML", "I"},
    {"vm", 0, G_OPTION_ARG_STRING, AA_HOST_REQUIRED | AA_HOST_FORWARD,
     "the RT VM's name in the intent", "NAME"},
    AA_HOST_OPTION_VALUE(
        "vcpus", "vCPUs to partition on (default: the smallest that works, and one more)", "N"),
    AA_HOST_OPTION_VALUE("global-period-ms",
                         "period of the global (MPR) interface, whole ms (default 10)", "MS"),
    AA_HOST_OPTION_VALUE("policy",
                         "guest scheduler rm or edf (default: the intent's <tasks policy>)", "P"),
    {"format", 'f', G_OPTION_ARG_STRING, AA_HOST_FORWARD, "text (default) or json", "FORMAT",
     "text"},
    {"board", 'b', G_OPTION_ARG_FILENAME, 0, "ACRN board XML (optional)", "B"},
    {"scenario", 's', G_OPTION_ARG_FILENAME, AA_HOST_NEEDS_BOARD,
     "ACRN scenario XML (optional: checks the intent against it)", "S"},
    {NULL}};

/* exit 1 when a requested --vcpus N does not schedule the task set */
gboolean
aa_host_cmd_rt_analyze(AaHost *host, const AaHostArgs *args, gint *status, GError **error)
{
	g_autoptr(GHashTable) options = aa_host_args_options(args);

	if (!aa_host_args_load(host, args, error) ||
	    !aa_host_transform(host, "rt-analyze", options, error))
		return FALSE;
	/* the module marks a requested vCPU count that does not schedule the set */
	*status = g_hash_table_contains(options, "result") ? 1 : 0;
	return TRUE;
}
