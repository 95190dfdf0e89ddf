/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * `acrn-alloc refine`: the next allocation of the refinement loop, through
 * the module's `refine` transform (docs/refine.md).
 */

#include "config.h"

#include "aa-host-private.h"

const AaHostOption aa_host_refine_options[] = {
    AA_HOST_OPTION_BOARD(AA_HOST_REQUIRED),
    AA_HOST_OPTION_SCENARIO(AA_HOST_REQUIRED),
    {"intent", 'i', G_OPTION_ARG_FILENAME, AA_HOST_REQUIRED, "allocation intent XML", "I"},
    {"trials", 't', G_OPTION_ARG_FILENAME, AA_HOST_REQUIRED | AA_HOST_FORWARD,
     "the runs measured so far (vm,p_cores,e_cores,memory_mib,gpu_slices,metric,value)", "T.csv"},
    AA_HOST_OPTION_OUTPUT(AA_HOST_REQUIRED | AA_HOST_FORWARD, "recommendation.xml to write", "R"),
    {"model", 0, G_OPTION_ARG_STRING, AA_HOST_FORWARD,
     "robust (default) or paper: the model predictions start from", "MODEL"},
    {"require-targets", 0, G_OPTION_ARG_NONE, AA_HOST_FORWARD,
     "exit 1 when the next allocation is predicted to miss a target", NULL},
    {NULL}};
