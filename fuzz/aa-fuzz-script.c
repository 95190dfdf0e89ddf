/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Oracles for generated artifacts.  A launch script passes when bash -n
 * accepts it and when, with every single-quoted word replaced by Q, each
 * line of its body is one of the shapes launch-script.xsl writes: no text of
 * the input can then be a command, an expansion or an option outside a
 * quoted word.  A report passes when its HTML has no script, no event
 * handler attribute and no javascript: link.
 */

#include "config.h"

#include <string.h>
#include <libxml/HTMLparser.h>

#include "aa-fuzz-script.h"

/* every line of a launch script's body, after quote stripping */
static const gchar *const aa_fuzz_script_shapes[] = {
    "",
    "#.*",
    "(vm_name|vm_type|scheduler|own_pcpu)=Q",
    "probe_modules",
    "mac=\\$\\(cat \"\\$\\{sysfs_root\\}\"/sys/class/net/e\\*/address\\)",
    "dir_[0-9]+=\\$\\(mount_partition Q\\)",
    "enable_vfs Q Q",
    "add_cpus( [0-9]+)+",
    "dm_params=\\(\\)",
    "dm_params\\+=\\(Q( Q)*\\)",
    "dm_params\\+=\\(\"\\$\\{vm_name\\}\"\\)",
    "add_virtual_device [0-9A-Za-z:.]+ [a-z-]+( (Q|\"\\$\\{dir_[0-9]+\\}\"/Q|"
    "Q\",mac_seed=\\$\\{mac:0:17\\}-\\$\\{vm_name\\}\"|vuart_idx:[0-9]+))?",
    "add_passthrough_(device|vf) [0-9]+ Q( enable_ptm| d3hot_reset)?",
    "echo \"Launch device model with parameters: \\$\\{dm_params\\[\\*\\]\\}\"",
    "acrn-dm \"\\$\\{dm_params\\[@\\]\\}\"",
    "unmount_partition \"\\$\\{dir_[0-9]+\\}\"",
    /* prepare_peripherals.sh (xslt/prepare-peripherals.xsl) */
    "enable_vfs Q [0-9]+",
    "prepare_vf Q",
    "prepare_spare_vf Q [0-9]+",
    NULL,
};

static void
aa_fuzz_script_fail(const gchar *filename, const gchar *what, const gchar *line)
{
	g_printerr("FUZZ: %s: %s: %s\n", filename, what, line != NULL ? line : "");
	abort();
}

/* single-quoted words (with '\'' inside) become one Q; double-quoted text is
 * kept as it is, for the shapes to match */
static gchar *
aa_fuzz_script_strip(const gchar *text, const gchar *filename)
{
	GString *out = g_string_new(NULL);
	const gchar *p = text;
	while (*p != '\0') {
		gboolean line_start = p == text || p[-1] == '\n';
		if (line_start && *p == '#') {
			/* a comment line is kept as it is: "#.*" */
			const gchar *end = strchr(p, '\n');
			gsize n = end != NULL ? (gsize)(end - p) : strlen(p);
			g_string_append_len(out, p, n);
			p += n;
		} else if (*p == '\'') {
			const gchar *end = strchr(p + 1, '\'');
			if (end == NULL)
				aa_fuzz_script_fail(filename, "unterminated single quote", p);
			if (out->len == 0 || out->str[out->len - 1] != 'Q')
				g_string_append_c(out, 'Q');
			p = end + 1;
		} else if (*p == '\\' && p[1] == '\'') {
			if (out->len == 0 || out->str[out->len - 1] != 'Q')
				g_string_append_c(out, 'Q');
			p += 2;
		} else if (*p == '"') {
			const gchar *end = strchr(p + 1, '"');
			if (end == NULL)
				aa_fuzz_script_fail(filename, "unterminated double quote", p);
			g_string_append_len(out, p, end - p + 1);
			p = end + 1;
		} else {
			g_string_append_c(out, *p++);
		}
	}
	return g_string_free(out, FALSE);
}

void
aa_fuzz_check_script(const gchar *filename)
{
	static GPtrArray *shapes = NULL;
	g_autofree gchar *text = NULL;
	g_autofree gchar *stripped = NULL;
	g_auto(GStrv) lines = NULL;
	const gchar *body;
	const gchar *helpers;
	gint status = 0;

	if (shapes == NULL) {
		shapes = g_ptr_array_new();
		for (guint i = 0; aa_fuzz_script_shapes[i] != NULL; i++) {
			g_autofree gchar *anchored =
			    g_strdup_printf("^(%s)$", aa_fuzz_script_shapes[i]);
			g_ptr_array_add(shapes, g_regex_new(anchored, 0, 0, NULL));
		}
	}
	if (!g_file_get_contents(filename, &text, NULL, NULL))
		aa_fuzz_script_fail(filename, "cannot read the script", NULL);

	/* the header is comments only; the helpers are fixed text; the body of
	 * prepare_peripherals.sh starts where it names all VMs */
	helpers = strstr(text, "\nsysfs_root=");
	if (g_str_has_suffix(filename, "/prepare_peripherals.sh"))
		body = strstr(text, "\nvm_name='(all VMs)'\n");
	else
		body = strstr(text, "\n# Defining variables that describe VM types\n");
	if (helpers == NULL || body == NULL || body < helpers)
		aa_fuzz_script_fail(filename, "missing helpers or body", NULL);
	{
		g_autofree gchar *header = g_strndup(text, helpers - text);
		g_auto(GStrv) hl = g_strsplit(header, "\n", -1);
		for (guint i = 0; hl[i] != NULL; i++) {
			if (hl[i][0] != '\0' && hl[i][0] != '#')
				aa_fuzz_script_fail(filename, "header line is not a comment",
				                    hl[i]);
		}
	}
	stripped = aa_fuzz_script_strip(body, filename);
	lines = g_strsplit(stripped, "\n", -1);
	for (guint i = 0; lines[i] != NULL; i++) {
		gboolean ok = FALSE;
		for (guint k = 0; k < shapes->len && !ok; k++)
			ok = g_regex_match(g_ptr_array_index(shapes, k), lines[i], 0, NULL);
		if (!ok)
			aa_fuzz_script_fail(filename, "line of an unexpected shape", lines[i]);
	}

	/* and bash itself must parse it (posix_spawn, cheap beside the fork of
	 * an ASan process; descriptors are left open for that) */
	{
		const gchar *argv[] = {"bash", "-n", filename, NULL};
		g_autofree gchar *err = NULL;
		if (!g_spawn_sync(NULL, (gchar **)argv, NULL,
		                  G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
		                      G_SPAWN_LEAVE_DESCRIPTORS_OPEN,
		                  NULL, NULL, NULL, &err, &status, NULL) ||
		    !g_spawn_check_wait_status(status, NULL))
			aa_fuzz_script_fail(filename, "bash -n refuses it", err);
	}
}

void
aa_fuzz_check_scripts_in(const gchar *dir)
{
	g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
	const gchar *name;
	while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
		g_autofree gchar *fn = g_build_filename(dir, name, NULL);
		if (g_str_has_suffix(name, ".sh"))
			aa_fuzz_check_script(fn);
	}
}

static void
aa_fuzz_html_walk(xmlNode *node, const gchar *filename)
{
	for (xmlNode *n = node; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (g_ascii_strcasecmp((const gchar *)n->name, "script") == 0)
			aa_fuzz_script_fail(filename, "the report has a <script>", NULL);
		for (xmlAttr *a = n->properties; a != NULL; a = a->next) {
			xmlChar *value = xmlNodeListGetString(n->doc, a->children, 1);
			gboolean bad =
			    g_ascii_strncasecmp((const gchar *)a->name, "on", 2) == 0 ||
			    (value != NULL && g_ascii_strncasecmp(g_strstrip((gchar *)value),
			                                          "javascript:", 11) == 0);
			xmlFree(value);
			if (bad)
				aa_fuzz_script_fail(filename,
				                    "an event handler or javascript: link",
				                    (const gchar *)a->name);
		}
		aa_fuzz_html_walk(n->children, filename);
	}
}

void
aa_fuzz_check_html(const gchar *filename)
{
	g_autofree gchar *text = NULL;
	gsize len = 0;
	htmlDocPtr doc = NULL;

	/* read here: the project's entity loader refuses every file libxml2 opens */
	if (g_file_get_contents(filename, &text, &len, NULL))
		doc = htmlReadMemory(text, (int)len, filename, "UTF-8",
		                     HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	if (doc == NULL)
		aa_fuzz_script_fail(filename, "the report is not HTML", NULL);
	aa_fuzz_html_walk(xmlDocGetRootElement(doc), filename);
	xmlFreeDoc(doc);
}
