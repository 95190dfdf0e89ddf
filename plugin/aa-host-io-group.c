/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * `acrn-alloc io-group`: vSPACE's algorithms over I/O profiles alone, without
 * a board or a scenario; per sample and the static group (docs/io-groups.md).
 */

#include "config.h"

#include "aa-host-private.h"

/* the paragraph of its --help */
const gchar aa_host_io_group_description[] =
    "vSPACE's Algorithms 1-3 over I/O profiles: the per-sample core split and the static I/O core "
    "group (docs/io-groups.md).";

const AaHostOption aa_host_io_group_options[] = {
    {"io-profile", 'p', G_OPTION_ARG_FILENAME_ARRAY, AA_HOST_REQUIRED,
     "an I/O profile CSV (repeat for several VMs)", "P.csv"},
    {"mode", 'm', G_OPTION_ARG_STRING, AA_HOST_FORWARD,
     "performance, efficiency (default) or resource", "MODE"},
    AA_HOST_OPTION_VALUE("th-vcpu", "Th_vCPU (explored if absent)", "X"),
    AA_HOST_OPTION_VALUE("th-io", "Th_NQ (explored if absent)", "X"),
    {"total-cores", 0, G_OPTION_ARG_STRING, AA_HOST_REQUIRED | AA_HOST_FORWARD,
     "TotalCore (required)", "N"},
    AA_HOST_OPTION_VALUE("margin", "MARGIN (default 1.1)", "X"),
    AA_HOST_OPTION_VALUE("confidence", "performance mode coverage (default 0.95)", "X"),
    AA_HOST_OPTION_VALUE("allow-vio", "AllowVio (default 0.05)", "X"),
    AA_HOST_OPTION_VALUE("reward", "Reward (default 1.03)", "X"),
    AA_HOST_OPTION_VALUE("weight", "Weight (default 0.7)", "X"),
    AA_HOST_OPTION_VALUE("th-initial", "where exploration starts (default 0.8)", "X"),
    AA_HOST_OPTION_VALUE("slo-ms", "latency SLO of every profile, for exploration", "MS"),
    AA_HOST_OPTION_VALUE("format", "text (default) or json", "FMT"),
    {NULL}};

gboolean
aa_host_cmd_io_group(AaHost *host, const AaHostArgs *args, gint *status, GError **error)
{
	g_autoptr(GHashTable) options = aa_host_args_options(args);
	g_autofree gchar *joined = g_strjoinv("\n", aa_host_arg_list(args, "io-profile"));

	/* the module reads the profiles as "io-profiles", one a line */
	aa_host_option_set(options, "io-profiles", joined);
	if (!aa_host_new_context(host, error))
		return FALSE;
	return aa_host_transform(host, "io-group", options, error);
}
