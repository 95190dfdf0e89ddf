/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * `acrn-alloc forecast`: the demand forecast of a profile trace (seed 001);
 * the module's `forecast` transform does the work.  No board or scenario.
 */

#include "config.h"

#include "aa-host-private.h"

gboolean aa_host_cmd_forecast(AaHost *host, gint argc, gchar **argv, gint *status, GError **error);

gboolean
aa_host_cmd_forecast(AaHost *host, gint argc, gchar **argv, gint *status, GError **error)
{
	g_autofree gchar *profile = NULL;
	g_autofree gchar *horizon = NULL;
	g_autofree gchar *eta = NULL;
	g_autofree gchar *format = NULL;
	g_autoptr(GHashTable) options = aa_host_options_new();
	const GOptionEntry entries[] = {
	    {"profile", 'p', 0, G_OPTION_ARG_FILENAME, &profile, "profile trace CSV", "P.csv"},
	    {"horizon-s", 0, 0, G_OPTION_ARG_STRING, &horizon,
	     "seconds ahead (default 600), converted through the trace's sampling interval",
	     "SECONDS"},
	    {"eta", 0, 0, G_OPTION_ARG_STRING, &eta,
	     "E-core efficiency in the CPU series cpu_p_busy + eta * cpu_e_busy (default 0.6)",
	     "ETA"},
	    {"format", 'f', 0, G_OPTION_ARG_STRING, &format, "text (default) or json", "FORMAT"},
	    {NULL}};

	if (!aa_host_parse("forecast", "--profile P.csv [--horizon-s 600] [--format text|json]",
	                   "Forecast each resource series of a profile trace (CPU busy cores, "
	                   "memory WSS or RSS, GPU busy %): Holt-Winters over a seasonal "
	                   "decomposition, AR(p), naive and seasonal-naive, chosen by "
	                   "rolling-origin cross-validation; prints the model, its accuracy "
	                   "(100 - MAPE over held-out windows), the mean and the 50/90/95/99% "
	                   "quantiles at the horizon.",
	                   entries, &argc, &argv, error))
		return FALSE;
	if (!aa_host_require(profile, "--profile", "forecast", error))
		return FALSE;
	if (!aa_host_load_inputs(host, NULL, NULL, NULL, error))
		return FALSE;
	aa_host_option_set(options, "profile", profile);
	aa_host_option_set(options, "horizon-s", horizon);
	aa_host_option_set(options, "eta", eta);
	aa_host_option_set(options, "format", format != NULL ? format : "text");
	return aa_host_transform(host, "forecast", options, error);
}
