/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * `acrn-alloc profile-import`: a Windows counter log (typeperf, PDH-CSV 4.0)
 * into the profile CSV of FORMATS.md, through the module's `profile-import`
 * transform (plugin/aa-typeperf.c).
 */

#include "config.h"

#include "aa-host-private.h"

/* the paragraph of its --help */
const gchar aa_host_profile_import_description[] =
    "Turn a Windows counter log (typeperf / Performance Monitor, PDH-CSV 4.0) into the profile CSV "
    "of a VM; 'profile-script --os windows' says what to record.";

const AaHostOption aa_host_profile_import_options[] = {
    {"typeperf", 0, G_OPTION_ARG_FILENAME, AA_HOST_REQUIRED | AA_HOST_FORWARD,
     "counter log written by typeperf -f CSV (PDH-CSV 4.0)", "F.csv"},
    {"vm", 0, G_OPTION_ARG_STRING, AA_HOST_REQUIRED | AA_HOST_FORWARD, "the VM it was recorded in",
     "NAME"},
    AA_HOST_OPTION_OUTPUT(AA_HOST_REQUIRED | AA_HOST_FORWARD, "profile CSV to write", "P.csv"),
    {"intent", 'i', G_OPTION_ARG_FILENAME, 0,
     "allocation intent XML (checks the QoS metrics, GPU slices)", "I"},
    {"board", 'b', G_OPTION_ARG_FILENAME, 0, "ACRN board XML (optional)", "B"},
    {"scenario", 's', G_OPTION_ARG_FILENAME, AA_HOST_NEEDS_BOARD,
     "ACRN scenario XML (optional: the VM's memory and GPU functions)", "S"},
    {"gpu-slices", 'g', G_OPTION_ARG_STRING, AA_HOST_FORWARD,
     "GPU slices the VM had while recorded", "N"},
    AA_HOST_OPTION_VALUE("memory-mib", "the VM's memory in MiB (else the scenario's memory/size)",
                         "MIB"),
    AA_HOST_OPTION_VALUE("qos",
                         "QoS measured during the recording, e.g. \"fps=58 frame-time-p95-ms=12\"",
                         "M=V ..."),
    AA_HOST_OPTION_VALUE("gpu-engine", "GPU engine type summed into gpu_busy_pct (default 3D)",
                         "TYPE"),
    {NULL}};
