/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * `acrn-alloc refine`: the next allocation of the refinement loop, through
 * the module's `refine` transform (docs/refine.md).
 */

#include "config.h"

#include "aa-host-private.h"

/* the paragraph of its --help */
const gchar aa_host_refine_description[] =
    "Read every run measured so far, refit each VM's QoS model and write the next allocation to "
    "measure as recommendation.xml with <refine status=\"met|continue|stuck\"/>.  Exit 1 when "
    "stuck.";

const AaHostOption aa_host_refine_options[] = {
    AA_HOST_OPTIONS_BOARD_SCENARIO(AA_HOST_REQUIRED),
    {"intent", 'i', G_OPTION_ARG_FILENAME, AA_HOST_REQUIRED, "allocation intent XML", "I"},
    {"trials", 't', G_OPTION_ARG_FILENAME, AA_HOST_REQUIRED | AA_HOST_FORWARD,
     "the runs measured so far (vm,p_cores,e_cores,memory_mib,gpu_slices,metric,value)", "T.csv"},
    AA_HOST_OPTION_OUTPUT(AA_HOST_REQUIRED | AA_HOST_FORWARD, "recommendation.xml to write", "R"),
    AA_HOST_OPTION_VALUE("model", "robust (default) or paper: the model predictions start from",
                         "MODEL"),
    {"require-targets", 0, G_OPTION_ARG_NONE, AA_HOST_FORWARD,
     "exit 1 when the next allocation is predicted to miss a target", NULL},
    {NULL}};
