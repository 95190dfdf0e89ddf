/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Writes the bash script that records a VM's profile inside the guest.  The
 * script text lives in xslt/profile-script.xsl; this side checks the VM and
 * the options and hands them to the stylesheet as literal string parameters.
 */

#include "config.h"

#include <string.h>

#include "aa-error.h"
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

/* a number of seconds as the script accepts it: digits with an optional
 * fraction, above zero */
static gboolean
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

/**
 * aa_profile_script_render:
 * @data_dir: the directory that holds `xslt/profile-script.xsl`
 * @intent: an intent document (FORMATS.md)
 * @intent_file: its file name, for messages
 * @vm: the VM to profile, a `vm/@name` of @intent
 * @options: (nullable): defaults baked into the script: `interval`,
 *   `duration` (seconds), `qos-command`, `gpu-slices`
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
	g_autofree gchar *script = NULL;

	/* not aa_context_require(): the traces this script records need not exist */
	if (ctx->intent == NULL) {
		g_set_error_literal(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		                    "no intent loaded; pass --intent");
		return NULL;
	}
	if (vm == NULL || output == NULL) {
		g_set_error_literal(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		                    "profile-script needs --vm NAME and -o FILE");
		return NULL;
	}
	script = aa_profile_script_render(ctx->data_dir, ctx->intent->doc, ctx->intent->filename,
	                                  vm, options, error);
	if (script == NULL)
		return NULL;
	if (!aa_file_write_atomic(output, script, -1, 0755, error))
		return NULL;
	return g_strdup_printf("wrote %s: run it inside %s while its workload runs "
	                       "(-h lists the options); it writes the profile CSV",
	                       output, vm);
}
