/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Writes the POSIX sh script that records a VM's profile inside the guest
 * (or, for a Windows VM, the typeperf command line and a guide).  The script
 * text lives in xslt/profile-script.xsl; this side checks the VM and the
 * options, decides the GPU slices the VM has while it is profiled, and hands
 * everything to the stylesheet as literal string parameters.
 */

#include "config.h"

#include <string.h>

#include "aa-board-private.h"
#include "aa-context-private.h"
#include "aa-error.h"
#include "aa-intent-private.h"
#include "aa-profile-script.h"
#include "aa-util.h"
#include "aa-xml.h"
#include "aa-xslt.h"

/* the names of the intent's VMs, for an error message that helps */
static gchar *
aa_profile_script_vm_names(xmlNode *root)
{
	GString *names = g_string_new(NULL);
	for (xmlNode *n = root->children; n != NULL; n = n->next) {
		g_autofree gchar *name = NULL;
		if (n->type != XML_ELEMENT_NODE || g_strcmp0((const gchar *)n->name, "vm") != 0)
			continue;
		name = aa_xml_prop(n, "name");
		if (name == NULL)
			continue;
		if (names->len > 0)
			g_string_append(names, ", ");
		g_string_append(names, name);
	}
	if (names->len == 0) {
		g_string_free(names, TRUE);
		return NULL;
	}
	return g_string_free(names, FALSE);
}

static xmlNode *
aa_profile_script_find_vm(xmlNode *root, const gchar *vm)
{
	for (xmlNode *n = root->children; n != NULL; n = n->next) {
		g_autofree gchar *name = NULL;
		if (n->type != XML_ELEMENT_NODE || g_strcmp0((const gchar *)n->name, "vm") != 0)
			continue;
		name = aa_xml_prop(n, "name");
		if (g_strcmp0(name, vm) == 0)
			return n;
	}
	return NULL;
}

/**
 * aa_profile_script_check_seconds:
 * @value: an option's value
 * @option: its name, for the message
 * @error: (nullable): optional return location for an error
 *
 * A number of seconds as the profiling scripts (the guest's and the Service
 * VM's) accept it: digits with an optional fraction, above zero, at most a
 * week.
 *
 * Returns: %TRUE when @value is one
 */
gboolean
aa_profile_script_check_seconds(const gchar *value, const gchar *option, GError **error)
{
	gchar *end = NULL;
	gdouble secs;
	gboolean ok = value[0] != '\0';

	for (const gchar *p = value; ok && *p != '\0'; p++)
		ok = g_ascii_isdigit(*p) || *p == '.';
	secs = ok ? g_ascii_strtod(value, &end) : 0.0;
	if (!ok || end == NULL || *end != '\0' || !(secs > 0.0) || secs > 7 * 24 * 3600.0) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		            "--%s '%s' is not a number of seconds between 0 and one week; "
		            "give e.g. --%s 0.5",
		            option, value, option);
		return FALSE;
	}
	return TRUE;
}

/* the VM's entry in the scenario, or NULL */
static AaVm *
aa_profile_script_scenario_vm(AaScenario *scenario, const gchar *vm)
{
	return scenario != NULL ? aa_scenario_get_vm_by_name(scenario, vm) : NULL;
}

/**
 * aa_profile_script_is_windows:
 * @svm: a scenario VM
 *
 * Returns: %TRUE when the scenario's os_type says Windows ("Windows OS", not
 *   "Non-Windows OS")
 */
gboolean
aa_profile_script_is_windows(const AaVm *svm)
{
	g_autofree gchar *os = NULL;
	if (svm == NULL || svm->os_type == NULL)
		return FALSE;
	os = g_ascii_strdown(svm->os_type, -1);
	return strstr(os, "windows") != NULL && strstr(os, "non-windows") == NULL &&
	       strstr(os, "non windows") == NULL;
}

/**
 * aa_profile_script_gpu_slices:
 * @intent: the intent
 * @board: (nullable): the board, with @scenario
 * @scenario: (nullable): the scenario the VM runs in while it is profiled
 * @vm: the VM's name
 * @given: (nullable): --gpu-slices as given
 * @source: (out): where the count came from, for the script's comment
 * @error: (nullable): optional return location for an error
 *
 * The GPU slices the VM has while it is profiled: the profile's
 * `gpu_slices` scales its GPU busy time (MODEL.md), so a wrong 0 silently
 * drops the VM's GPU demand.  In this order: --gpu-slices; the intent's
 * <gpu-slices min=max> or max="0"; the scenario (no GPU function passed
 * through: 0; the whole PF: every slice of the policy).  A VM holding a VF
 * has a share the scenario does not say: refused, --gpu-slices is required.
 *
 * Returns: the slice count, or -1 with @error set
 */
gint64
aa_profile_script_gpu_slices(AaIntent *intent, AaBoard *board, AaScenario *scenario,
                             const gchar *vm, const gchar *given, gchar **source, GError **error)
{
	AaIntentVm *ivm = aa_intent_get_vm(intent, vm);
	const AaLimit *limit = ivm != NULL ? &ivm->limits[AA_DIM_GPU_SLICES] : NULL;
	AaVm *svm = aa_profile_script_scenario_vm(scenario, vm);
	const AaPciDevice *pf = board != NULL ? aa_board_get_gpu_pf(board) : NULL;
	g_autofree gchar *vf_held = NULL;
	guint64 slices = 0;

	if (given != NULL) {
		if (!aa_xml_parse_uint64(given, &slices) || slices > 1024) {
			g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
			            "--gpu-slices '%s' is not a whole number of slices (0 to 1024)",
			            given);
			return -1;
		}
		*source = g_strdup("given with --gpu-slices");
		return (gint64)slices;
	}
	if (limit != NULL && limit->has_min && limit->has_max && limit->min == limit->max) {
		*source = g_strdup_printf(
		    "the intent's <gpu-slices min=max=\"%" G_GINT64_FORMAT "\">", limit->min);
		return limit->min;
	}
	if (limit != NULL && limit->has_max && limit->max == 0) {
		*source = g_strdup("the intent's <gpu-slices max=\"0\">");
		return 0;
	}
	if (svm != NULL) {
		gboolean whole = FALSE;
		for (guint i = 0; svm->pci_devs != NULL && i < svm->pci_devs->len; i++) {
			const AaPciRef *ref = g_ptr_array_index(svm->pci_devs, i);
			if (pf == NULL || ref->bdf == NULL)
				continue;
			if (g_ascii_strcasecmp(ref->bdf, pf->bdf) == 0)
				whole = TRUE;
			for (guint n = 0; n < pf->total_vfs && vf_held == NULL; n++) {
				g_autofree gchar *vf = aa_board_vf_bdf(pf, n);
				if (vf != NULL && g_ascii_strcasecmp(ref->bdf, vf) == 0)
					vf_held = g_strdup(vf);
			}
		}
		if (whole) {
			*source =
			    g_strdup_printf("the scenario passes the whole GPU %s through: every "
			                    "one of the policy's %u slices",
			                    pf->bdf, intent->gpu_slices);
			return intent->gpu_slices;
		}
		if (vf_held == NULL) {
			*source = g_strdup("the scenario passes no GPU function to the VM");
			return 0;
		}
	}
	{
		g_autofree gchar *why =
		    vf_held != NULL ? g_strdup_printf("it holds GPU VF %s in the scenario", vf_held)
		                    : g_strdup("no --scenario given, and the intent's limits leave "
		                               "it open");
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		            "cannot tell how many GPU slices VM %s has while it is profiled (%s); "
		            "the profile's gpu_slices scales its GPU demand, so a guess would "
		            "mislead recommend: pass --gpu-slices N (0 to %u, the share the VM has "
		            "now), or fix it in the intent with <gpu-slices min=\"N\" max=\"N\">",
		            vm, why, intent->gpu_slices);
	}
	return -1;
}

/**
 * aa_profile_script_render:
 * @data_dir: the directory that holds `xslt/profile-script.xsl`
 * @intent: an intent document (FORMATS.md)
 * @intent_file: its file name, for messages
 * @vm: the VM to profile, a `vm/@name` of @intent
 * @options: (nullable): defaults baked into the script: `interval`,
 *   `duration` (seconds), `qos-command`, `gpu-slices` and `gpu-source` (where
 *   the count came from); `os`: `linux` (the sh script, default) or
 *   `windows` (the typeperf command line and a guide)
 * @error: (nullable): optional return location for an error
 *
 * Returns: (transfer full): the script text, or %NULL
 */
gchar *
aa_profile_script_render(const gchar *data_dir, xmlDoc *intent, const gchar *intent_file,
                         const gchar *vm, GHashTable *options, GError **error)
{
	xmlNode *root = xmlDocGetRootElement(intent);
	const gchar *interval = aa_context_option(options, "interval", "1");
	const gchar *duration = aa_context_option(options, "duration", "60");
	const gchar *qos_command = aa_context_option(options, "qos-command", "");
	const gchar *gpu_slices = aa_context_option(options, "gpu-slices", "0");
	const gchar *gpu_source =
	    aa_context_option(options, "gpu-source", "given on the command line");
	const gchar *os = aa_context_option(options, "os", "linux");
	g_autofree gchar *xsl = g_build_filename(data_dir, "xslt", "profile-script.xsl", NULL);
	g_autoptr(AaXslt) xslt = NULL;
	guint64 slices = 0;

	if (root == NULL || g_strcmp0((const gchar *)root->name, "alloc-intent") != 0) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, intent_file,
		                root != NULL ? aa_xml_line(root) : 0,
		                "the root element is not <alloc-intent>; pass the intent file");
		return NULL;
	}
	if (aa_profile_script_find_vm(root, vm) == NULL) {
		g_autofree gchar *names = aa_profile_script_vm_names(root);
		aa_error_set_at(error, AA_ERROR_NOT_FOUND, intent_file, aa_xml_line(root),
		                "the intent has no <vm name=\"%s\">; use one of: %s", vm,
		                names != NULL ? names : "(none: add a <vm> element)");
		return NULL;
	}
	if (g_strcmp0(os, "linux") != 0 && g_strcmp0(os, "windows") != 0) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		            "--os '%s' is unknown; use linux (the sh script) or windows (the "
		            "typeperf command line and guide)",
		            os);
		return NULL;
	}
	if (!aa_profile_script_check_seconds(interval, "interval", error) ||
	    !aa_profile_script_check_seconds(duration, "duration", error))
		return NULL;
	if (!aa_xml_parse_uint64(gpu_slices, &slices) || slices > 1024) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		            "gpu-slices '%s' is not a whole number of slices (0 to 1024)",
		            gpu_slices);
		return NULL;
	}

	xslt = aa_xslt_new(xsl, error);
	if (xslt == NULL)
		return NULL;
	aa_xslt_set_param(xslt, "vm", vm);
	aa_xslt_set_param(xslt, "interval", interval);
	aa_xslt_set_param(xslt, "duration", duration);
	aa_xslt_set_param(xslt, "qos-command", qos_command);
	aa_xslt_set_param(xslt, "gpu-slices", gpu_slices);
	aa_xslt_set_param(xslt, "gpu-source", gpu_source);
	aa_xslt_set_param(xslt, "os", os);
	aa_xslt_set_param(xslt, "generator", "acrn-alloc " AA_VERSION);
	return aa_xslt_apply(xslt, intent, NULL, error);
}

/**
 * aa_profile_script_write:
 * @ctx: a context with an intent loaded
 * @options: `vm` and `output` (required), `interval`, `duration`,
 *   `qos-command`, `gpu-slices`
 * @error: (nullable): optional return location for an error
 *
 * Writes the profiling script for one VM of the intent, executable and
 * atomically.
 *
 * Returns: (transfer full): a one-line summary, or %NULL
 */
gchar *
aa_profile_script_write(AaPluginContext *ctx, GHashTable *options, GError **error)
{
	const gchar *vm = aa_context_option(options, "vm", NULL);
	const gchar *output = aa_context_option(options, "output", NULL);
	const gchar *os;
	g_autofree gchar *script = NULL;
	g_autofree gchar *source = NULL;
	g_autofree gchar *count = NULL;
	g_autoptr(GHashTable) with = NULL;
	AaVm *svm;
	gint64 slices = 0;
	gboolean windows;

	/* not aa_context_require(): the traces this script records need not exist */
	if (ctx->intent == NULL) {
		g_set_error_literal(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		                    "no intent loaded; pass --intent");
		return NULL;
	}
	if (aa_context_missing_option(vm == NULL || output == NULL,
	                              "profile-script needs --vm NAME and -o FILE", error))
		return NULL;
	os = aa_context_option(options, "os", NULL);
	svm = aa_profile_script_scenario_vm(ctx->scenario, vm);
	if (os == NULL && aa_profile_script_is_windows(svm)) {
		g_set_error(
		    error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		    "VM %s runs Windows (os_type '%s' in %s), where the sh profiling script "
		    "cannot run; use 'acrn-alloc profile-script --os windows ...' for the "
		    "typeperf command line and guide, then 'acrn-alloc profile-import "
		    "--typeperf' to turn its counter CSV into the profile",
		    vm, svm->os_type, aa_scenario_get_filename(ctx->scenario));
		return NULL;
	}
	if (aa_intent_get_vm(ctx->intent, vm) != NULL) {
		slices = aa_profile_script_gpu_slices(
		    ctx->intent, ctx->board, ctx->scenario, vm,
		    aa_context_option(options, "gpu-slices", NULL), &source, error);
		if (slices < 0)
			return NULL;
	}
	with = g_hash_table_new(g_str_hash, g_str_equal);
	if (options != NULL) {
		GHashTableIter iter;
		gpointer key, value;
		g_hash_table_iter_init(&iter, options);
		while (g_hash_table_iter_next(&iter, &key, &value))
			g_hash_table_insert(with, key, value);
	}
	count = g_strdup_printf("%" G_GINT64_FORMAT, MAX(slices, 0));
	g_hash_table_insert(with, (gpointer) "gpu-slices", count);
	if (source != NULL)
		g_hash_table_insert(with, (gpointer) "gpu-source", source);
	script = aa_profile_script_render(ctx->data_dir, ctx->intent->doc, ctx->intent->filename,
	                                  vm, with, error);
	if (script == NULL)
		return NULL;
	windows = g_strcmp0(os, "windows") == 0;
	if (!aa_file_write_atomic(output, script, -1, windows ? 0644 : 0755, error))
		return NULL;
	if (windows)
		return g_strdup_printf("wrote %s: the typeperf command line to run inside Windows "
		                       "VM %s and what to note; import its CSV with 'acrn-alloc "
		                       "profile-import --typeperf'",
		                       output, vm);
	return g_strdup_printf("wrote %s: run it inside %s while its workload runs "
	                       "(-h lists the options; any POSIX sh, busybox ash included); it "
	                       "writes the profile CSV with gpu_slices=%" G_GINT64_FORMAT " (%s)",
	                       output, vm, slices, source != NULL ? source : "");
}
