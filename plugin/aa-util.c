/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#include "config.h"

#include <glib/gstdio.h>

#include "aa-error.h"
#include "aa-util.h"

/**
 * aa_file_write_atomic:
 * @filename: the destination
 * @data: the contents
 * @len: length of @data, or -1 for a NUL-terminated string
 * @mode: file mode, e.g. 0644 or 0755 for scripts
 * @error: (nullable): optional return location for an error
 *
 * Writes @data to a temporary file beside @filename, syncs it and renames it
 * over @filename, so a reader sees the old file or the new one, never half.
 *
 * Returns: %TRUE on success
 */
gboolean
aa_file_write_atomic(const gchar *filename, const gchar *data, gssize len, gint mode,
		     GError **error)
{
	g_autoptr(GError) error_local = NULL;
	if (!g_file_set_contents_full(filename, data, len, G_FILE_SET_CONTENTS_CONSISTENT, mode,
				      &error_local)) {
		g_set_error(error, AA_ERROR, AA_ERROR_WRITE, "%s: cannot write: %s", filename,
			    error_local->message);
		return FALSE;
	}
	return TRUE;
}

/**
 * aa_path_resolve:
 * @base_file: the file that holds the reference
 * @href: a path, absolute or relative to the directory of @base_file
 *
 * Returns: (transfer full): the resolved path
 */
gchar *
aa_path_resolve(const gchar *base_file, const gchar *href)
{
	g_autofree gchar *dir = NULL;
	if (g_path_is_absolute(href))
		return g_strdup(href);
	dir = g_path_get_dirname(base_file);
	return g_build_filename(dir, href, NULL);
}

/**
 * aa_format_double:
 * @value: a number
 * @digits: significant digits
 *
 * Formats @value independent of the locale, without trailing zeros.
 *
 * Returns: (transfer full): the text
 */
gchar *
aa_format_double(gdouble value, guint digits)
{
	gchar buf[G_ASCII_DTOSTR_BUF_SIZE];
	g_autofree gchar *fmt = g_strdup_printf("%%.%ug", digits);
	if (value == 0.0)
		value = 0.0; /* no "-0" */
	return g_strdup(g_ascii_formatd(buf, sizeof(buf), fmt, value));
}

/**
 * aa_guint_cmp:
 * @a: a pointer to a guint
 * @b: a pointer to a guint
 *
 * Ascending order, for g_array_sort() on arrays of guint.
 *
 * Returns: negative, 0 or positive
 */
gint
aa_guint_cmp(gconstpointer a, gconstpointer b)
{
	guint ua = *(const guint *)a;
	guint ub = *(const guint *)b;
	return (ua > ub) - (ua < ub);
}

/**
 * aa_format_id_ranges:
 * @ids: (element-type guint): IDs in any order
 *
 * Formats IDs the way integrators write them: "0-7,10,12-13".
 *
 * Returns: (transfer full): the text, "" for no IDs
 */
gchar *
aa_format_id_ranges(GArray *ids)
{
	g_autoptr(GArray) sorted = g_array_copy(ids);
	GString *str = g_string_new(NULL);
	guint i = 0;

	g_array_sort(sorted, aa_guint_cmp);
	while (i < sorted->len) {
		guint first = g_array_index(sorted, guint, i);
		guint last = first;
		while (i + 1 < sorted->len && g_array_index(sorted, guint, i + 1) <= last + 1) {
			last = g_array_index(sorted, guint, i + 1);
			i++;
		}
		if (str->len > 0)
			g_string_append_c(str, ',');
		if (last == first)
			g_string_append_printf(str, "%u", first);
		else
			g_string_append_printf(str, "%u-%u", first, last);
		i++;
	}
	return g_string_free(str, FALSE);
}
