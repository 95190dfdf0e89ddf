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
