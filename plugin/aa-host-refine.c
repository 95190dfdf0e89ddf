/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * `acrn-alloc refine`: the next allocation of the refinement loop, through
 * the module's `refine` transform (docs/refine.md).
 */

#include "config.h"

#include "aa-host-private.h"

gboolean
aa_host_cmd_refine(AaHost *host, gint argc, gchar **argv, gint *status, GError **error)
{
	g_autofree gchar *board = NULL;
	g_autofree gchar *scenario = NULL;
	g_autofree gchar *intent = NULL;
	g_autofree gchar *trials = NULL;
	g_autofree gchar *output = NULL;
	g_autofree gchar *model = NULL;
	gboolean require_targets = FALSE;
	g_autoptr(GHashTable) options = aa_host_options_new();
	const GOptionEntry entries[] = {
	    {"board", 'b', 0, G_OPTION_ARG_FILENAME, &board, "ACRN board XML", "B"},
	    {"scenario", 's', 0, G_OPTION_ARG_FILENAME, &scenario, "ACRN scenario XML", "S"},
	    {"intent", 'i', 0, G_OPTION_ARG_FILENAME, &intent, "allocation intent XML", "I"},
	    {"trials", 't', 0, G_OPTION_ARG_FILENAME, &trials,
	     "the runs measured so far (vm,p_cores,e_cores,memory_mib,gpu_slices,metric,value)",
	     "T.csv"},
	    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "recommendation.xml to write", "R"},
	    {"model", 0, 0, G_OPTION_ARG_STRING, &model,
	     "robust (default) or paper: the model predictions start from", "MODEL"},
	    {"require-targets", 0, 0, G_OPTION_ARG_NONE, &require_targets,
	     "exit 1 when the next allocation is predicted to miss a target", NULL},
	    {NULL}};

	(void)status;
	if (!aa_host_parse("refine", "--board B --scenario S --intent I --trials T.csv -o R",
	                   "Read every run measured so far, refit each VM's QoS model and write "
	                   "the next allocation to measure as recommendation.xml with "
	                   "<refine status=\"met|continue|stuck\"/>.  Exit 1 when stuck.",
	                   entries, &argc, &argv, error))
		return FALSE;
	if (!aa_host_require(board, "--board", "refine", error) ||
	    !aa_host_require(scenario, "--scenario", "refine", error) ||
	    !aa_host_require(intent, "--intent", "refine", error) ||
	    !aa_host_require(trials, "--trials", "refine", error) ||
	    !aa_host_require(output, "-o", "refine", error))
		return FALSE;
	if (!aa_host_load_inputs(host, board, scenario, intent, error))
		return FALSE;
	aa_host_option_set(options, "output", output);
	aa_host_option_set(options, "trials", trials);
	aa_host_option_set(options, "model", model);
	if (require_targets)
		aa_host_option_set(options, "require-targets", "true");
	return aa_host_transform(host, "refine", options, error);
}
