/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * `acrn-alloc forecast`: the demand forecast of a profile trace (seed 001);
 * the module's `forecast` transform does the work.  No board or scenario.
 */

#include "config.h"

#include "aa-host-private.h"

const AaHostOption aa_host_forecast_options[] = {
    {"profile", 'p', G_OPTION_ARG_FILENAME, AA_HOST_REQUIRED | AA_HOST_FORWARD, "profile trace CSV",
     "P.csv"},
    {"horizon-s", 0, G_OPTION_ARG_STRING, AA_HOST_FORWARD,
     "seconds ahead (default 600), converted through the trace's sampling interval", "SECONDS"},
    {"eta", 0, G_OPTION_ARG_STRING, AA_HOST_FORWARD,
     "E-core efficiency in the CPU series cpu_p_busy + eta * cpu_e_busy (default 0.6)", "ETA"},
    {"format", 'f', G_OPTION_ARG_STRING, AA_HOST_FORWARD, "text (default) or json", "FORMAT",
     "text"},
    {NULL}};
