/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * `acrn-alloc io-group`: vSPACE's algorithms over I/O profiles alone, without
 * a board or a scenario; per sample and the static group (docs/io-groups.md).
 */

#include "config.h"

#include "aa-error.h"
#include "aa-host-private.h"

/* listed in aa_host_commands[] of aa-host.c */
gboolean aa_host_cmd_io_group(AaHost *host, gint argc, gchar **argv, gint *status, GError **error);

/**
 * aa_host_cmd_io_group:
 *
 * The `io-group` subcommand.
 */
gboolean
aa_host_cmd_io_group(AaHost *host, gint argc, gchar **argv, gint *status, GError **error)
{
	g_auto(GStrv) profiles = NULL;
	g_autofree gchar *joined = NULL;
	g_autofree gchar *mode = NULL;
	g_autofree gchar *th_vcpu = NULL;
	g_autofree gchar *th_io = NULL;
	g_autofree gchar *total = NULL;
	g_autofree gchar *margin = NULL;
	g_autofree gchar *confidence = NULL;
	g_autofree gchar *allow_vio = NULL;
	g_autofree gchar *reward = NULL;
	g_autofree gchar *weight = NULL;
	g_autofree gchar *th_initial = NULL;
	g_autofree gchar *slo = NULL;
	g_autofree gchar *format = NULL;
	g_autoptr(GHashTable) options = aa_host_options_new();
	const GOptionEntry entries[] = {
	    {"io-profile", 'p', 0, G_OPTION_ARG_FILENAME_ARRAY, &profiles,
	     "an I/O profile CSV (repeat for several VMs)", "P.csv"},
	    {"mode", 'm', 0, G_OPTION_ARG_STRING, &mode,
	     "performance, efficiency (default) or resource", "MODE"},
	    {"th-vcpu", 0, 0, G_OPTION_ARG_STRING, &th_vcpu, "Th_vCPU (explored if absent)", "X"},
	    {"th-io", 0, 0, G_OPTION_ARG_STRING, &th_io, "Th_NQ (explored if absent)", "X"},
	    {"total-cores", 0, 0, G_OPTION_ARG_STRING, &total, "TotalCore (required)", "N"},
	    {"margin", 0, 0, G_OPTION_ARG_STRING, &margin, "MARGIN (default 1.1)", "X"},
	    {"confidence", 0, 0, G_OPTION_ARG_STRING, &confidence,
	     "performance mode coverage (default 0.95)", "X"},
	    {"allow-vio", 0, 0, G_OPTION_ARG_STRING, &allow_vio, "AllowVio (default 0.05)", "X"},
	    {"reward", 0, 0, G_OPTION_ARG_STRING, &reward, "Reward (default 1.03)", "X"},
	    {"weight", 0, 0, G_OPTION_ARG_STRING, &weight, "Weight (default 0.7)", "X"},
	    {"th-initial", 0, 0, G_OPTION_ARG_STRING, &th_initial,
	     "where exploration starts (default 0.8)", "X"},
	    {"slo-ms", 0, 0, G_OPTION_ARG_STRING, &slo,
	     "latency SLO of every profile, for exploration", "MS"},
	    {"format", 0, 0, G_OPTION_ARG_STRING, &format, "text (default) or json", "FMT"},
	    {NULL}};

	if (!aa_host_parse("io-group",
	                   "--io-profile P.csv... --total-cores N [--mode M] "
	                   "[--th-vcpu X --th-io Y] [--format text|json]",
	                   "vSPACE's Algorithms 1-3 over I/O profiles: the per-sample core "
	                   "split and the static I/O core group (docs/io-groups.md).",
	                   entries, &argc, &argv, error))
		return FALSE;
	if (profiles == NULL || profiles[0] == NULL) {
		g_set_error_literal(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		                    "io-group needs at least one --io-profile P.csv");
		return FALSE;
	}
	if (!aa_host_require(total, "--total-cores", "io-group", error))
		return FALSE;
	if (!aa_host_new_context(host, error))
		return FALSE;
	joined = g_strjoinv("\n", profiles);
	aa_host_option_set(options, "io-profiles", joined);
	aa_host_option_set(options, "mode", mode);
	aa_host_option_set(options, "th-vcpu", th_vcpu);
	aa_host_option_set(options, "th-io", th_io);
	aa_host_option_set(options, "total-cores", total);
	aa_host_option_set(options, "margin", margin);
	aa_host_option_set(options, "confidence", confidence);
	aa_host_option_set(options, "allow-vio", allow_vio);
	aa_host_option_set(options, "reward", reward);
	aa_host_option_set(options, "weight", weight);
	aa_host_option_set(options, "th-initial", th_initial);
	aa_host_option_set(options, "slo-ms", slo);
	aa_host_option_set(options, "format", format);
	return aa_host_transform(host, "io-group", options, error);
}
