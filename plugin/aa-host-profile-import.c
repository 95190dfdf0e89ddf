/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * `acrn-alloc profile-import`: a Windows counter log (typeperf, PDH-CSV 4.0)
 * into the profile CSV of FORMATS.md, through the module's `profile-import`
 * transform (plugin/aa-typeperf.c).
 */

#include "config.h"

#include "aa-error.h"
#include "aa-host-private.h"

gboolean
aa_host_cmd_profile_import(AaHost *host, gint argc, gchar **argv, gint *status, GError **error)
{
	g_autofree gchar *typeperf = NULL;
	g_autofree gchar *vm = NULL;
	g_autofree gchar *output = NULL;
	g_autofree gchar *intent = NULL;
	g_autofree gchar *board = NULL;
	g_autofree gchar *scenario = NULL;
	g_autofree gchar *gpu_slices = NULL;
	g_autofree gchar *memory = NULL;
	g_autofree gchar *qos = NULL;
	g_autofree gchar *engine = NULL;
	g_autoptr(GHashTable) options = aa_host_options_new();
	const GOptionEntry entries[] = {
	    {"typeperf", 0, 0, G_OPTION_ARG_FILENAME, &typeperf,
	     "counter log written by typeperf -f CSV (PDH-CSV 4.0)", "F.csv"},
	    {"vm", 0, 0, G_OPTION_ARG_STRING, &vm, "the VM it was recorded in", "NAME"},
	    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "profile CSV to write", "P.csv"},
	    {"intent", 'i', 0, G_OPTION_ARG_FILENAME, &intent,
	     "allocation intent XML (checks the QoS metrics, GPU slices)", "I"},
	    {"board", 'b', 0, G_OPTION_ARG_FILENAME, &board, "ACRN board XML (optional)", "B"},
	    {"scenario", 's', 0, G_OPTION_ARG_FILENAME, &scenario,
	     "ACRN scenario XML (optional: the VM's memory and GPU functions)", "S"},
	    {"gpu-slices", 'g', 0, G_OPTION_ARG_STRING, &gpu_slices,
	     "GPU slices the VM had while recorded", "N"},
	    {"memory-mib", 0, 0, G_OPTION_ARG_STRING, &memory,
	     "the VM's memory in MiB (else the scenario's memory/size)", "MIB"},
	    {"qos", 0, 0, G_OPTION_ARG_STRING, &qos,
	     "QoS measured during the recording, e.g. \"fps=58 frame-time-p95-ms=12\"", "M=V ..."},
	    {"gpu-engine", 0, 0, G_OPTION_ARG_STRING, &engine,
	     "GPU engine type summed into gpu_busy_pct (default 3D)", "TYPE"},
	    {NULL}};

	if (!aa_host_parse("profile-import", "--typeperf F.csv --vm NAME [--intent I] -o P.csv",
	                   "Turn a Windows counter log (typeperf / Performance Monitor, PDH-CSV "
	                   "4.0) into the profile CSV of a VM; 'profile-script --os windows' "
	                   "says what to record.",
	                   entries, &argc, &argv, error))
		return FALSE;
	if (!aa_host_require(typeperf, "--typeperf", "profile-import", error) ||
	    !aa_host_require(vm, "--vm", "profile-import", error) ||
	    !aa_host_require(output, "-o", "profile-import", error))
		return FALSE;
	if (scenario != NULL && board == NULL) {
		g_set_error_literal(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		                    "--scenario needs --board too");
		return FALSE;
	}
	if (!aa_host_load_inputs(host, board, scenario, intent, error))
		return FALSE;
	aa_host_option_set(options, "typeperf", typeperf);
	aa_host_option_set(options, "vm", vm);
	aa_host_option_set(options, "output", output);
	aa_host_option_set(options, "gpu-slices", gpu_slices);
	aa_host_option_set(options, "memory-mib", memory);
	aa_host_option_set(options, "qos", qos);
	aa_host_option_set(options, "gpu-engine", engine);
	return aa_host_transform(host, "profile-import", options, error);
}
