/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * `acrn-alloc forecast`: the demand forecast of a profile trace (seed 001);
 * the module's `forecast` transform does the work.  No board or scenario.
 */

#include "config.h"

#include "aa-host-private.h"

/* the paragraph of its --help */
const gchar aa_host_forecast_description[] =
    "Forecast each resource series of a profile trace (CPU busy cores, memory WSS or RSS, GPU busy "
    "%): Holt-Winters over a seasonal decomposition, AR(p), naive and seasonal-naive, chosen by "
    "rolling-origin cross-validation; prints the model, its accuracy (100 - MAPE over held-out "
    "windows), the mean and the 50/90/95/99% quantiles at the horizon.";

const AaHostOption aa_host_forecast_options[] = {
    {"profile", 'p', G_OPTION_ARG_FILENAME, AA_HOST_REQUIRED | AA_HOST_FORWARD, "profile trace CSV",
     "P.csv"},
    AA_HOST_OPTION_VALUE(
        "horizon-s", "seconds ahead (default 600), converted through the trace's sampling interval",
        "SECONDS"),
    AA_HOST_OPTION_VALUE(
        "eta", "E-core efficiency in the CPU series cpu_p_busy + eta * cpu_e_busy (default 0.6)",
        "ETA"),
    {"format", 'f', G_OPTION_ARG_STRING, AA_HOST_FORWARD, "text (default) or json", "FORMAT",
     "text"},
    {NULL}};
