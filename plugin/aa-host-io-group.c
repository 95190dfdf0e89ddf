/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * `acrn-alloc io-group`: vSPACE's algorithms over I/O profiles alone, without
 * a board or a scenario; per sample and the static group (docs/io-groups.md).
 */

#include "config.h"

#include "aa-host-private.h"

const AaHostOption aa_host_io_group_options[] = {
    {"io-profile", 'p', G_OPTION_ARG_FILENAME_ARRAY, AA_HOST_REQUIRED,
     "an I/O profile CSV (repeat for several VMs)", "P.csv"},
    {"mode", 'm', G_OPTION_ARG_STRING, AA_HOST_FORWARD,
     "performance, efficiency (default) or resource", "MODE"},
    {"th-vcpu", 0, G_OPTION_ARG_STRING, AA_HOST_FORWARD, "Th_vCPU (explored if absent)", "X"},
    {"th-io", 0, G_OPTION_ARG_STRING, AA_HOST_FORWARD, "Th_NQ (explored if absent)", "X"},
    {"total-cores", 0, G_OPTION_ARG_STRING, AA_HOST_REQUIRED | AA_HOST_FORWARD,
     "TotalCore (required)", "N"},
    {"margin", 0, G_OPTION_ARG_STRING, AA_HOST_FORWARD, "MARGIN (default 1.1)", "X"},
    {"confidence", 0, G_OPTION_ARG_STRING, AA_HOST_FORWARD,
     "performance mode coverage (default 0.95)", "X"},
    {"allow-vio", 0, G_OPTION_ARG_STRING, AA_HOST_FORWARD, "AllowVio (default 0.05)", "X"},
    {"reward", 0, G_OPTION_ARG_STRING, AA_HOST_FORWARD, "Reward (default 1.03)", "X"},
    {"weight", 0, G_OPTION_ARG_STRING, AA_HOST_FORWARD, "Weight (default 0.7)", "X"},
    {"th-initial", 0, G_OPTION_ARG_STRING, AA_HOST_FORWARD,
     "where exploration starts (default 0.8)", "X"},
    {"slo-ms", 0, G_OPTION_ARG_STRING, AA_HOST_FORWARD,
     "latency SLO of every profile, for exploration", "MS"},
    {"format", 0, G_OPTION_ARG_STRING, AA_HOST_FORWARD, "text (default) or json", "FMT"},
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
