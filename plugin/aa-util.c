/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "aa-debug-private.h"
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
 * aa_parse_double_in:
 * @text: the whole text, no blanks around
 * @min: the least value
 * @open_min: %TRUE to exclude @min itself
 * @max: the greatest value
 * @value: (out): the number
 *
 * Reads a finite number from @min to @max in the C locale (the optional
 * numbers of the intent, the I/O policy and io-group's options).
 *
 * Returns: %TRUE when @text is one; @value is left alone otherwise
 */
gboolean
aa_parse_double_in(const gchar *text, gdouble min, gboolean open_min, gdouble max, gdouble *value)
{
	gchar *end = NULL;
	gdouble v = g_ascii_strtod(text, &end);

	if (end == text || *end != '\0' || !isfinite(v) || v < min || (open_min && v <= min) ||
	    v > max)
		return FALSE;
	*value = v;
	return TRUE;
}

/**
 * aa_double_cmp:
 * @a: a pointer to a gdouble
 * @b: a pointer to a gdouble
 *
 * Ascending order, for g_array_sort() and qsort() on arrays of gdouble.
 *
 * Returns: negative, 0 or positive
 */
gint
aa_double_cmp(gconstpointer a, gconstpointer b)
{
	gdouble x = *(const gdouble *)a;
	gdouble y = *(const gdouble *)b;
	return (x > y) - (x < y);
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
 * aa_enum_to_name:
 * @names: (array length=n_names): the names of an enum's values, indexed by value,
 *   %NULL where a value has none
 * @n_names: the length of @names
 * @value: a value of the enum
 * @unknown: (nullable): what a value without a name gives
 *
 * Returns: (transfer none) (nullable): the name of @value, else @unknown
 */
const gchar *
aa_enum_to_name(const gchar *const *names, guint n_names, guint value, const gchar *unknown)
{
	return value < n_names && names[value] != NULL ? names[value] : unknown;
}

/**
 * aa_enum_from_name:
 * @names: (array length=n_names): the names of an enum's values, indexed by value,
 *   %NULL where a value has none
 * @n_names: the length of @names
 * @text: (nullable): a name
 * @value: (out): the value @text names; left alone otherwise
 *
 * Returns: %TRUE when @text is one of @names (compared exactly)
 */
gboolean
aa_enum_from_name(const gchar *const *names, guint n_names, const gchar *text, guint *value)
{
	for (guint i = 0; text != NULL && i < n_names; i++) {
		if (g_strcmp0(names[i], text) == 0) {
			*value = i;
			return TRUE;
		}
	}
	return FALSE;
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

/* kernel pseudo-file systems: their "regular files" may block (/proc/kmsg),
 * consume what they return, or report a size of 0 for unbounded contents */
static gboolean
aa_file_is_pseudo_fs(gint fd)
{
	struct statfs sfs;
	const gint64 magics[] = {
	    0x9fa0,     /* proc */
	    0x62656572, /* sysfs */
	    0x64626720, /* debugfs */
	    0x74726163, /* tracefs */
	    0x73636673, /* securityfs */
	    0x62656570, /* configfs */
	    0x27e0eb,   /* cgroup */
	    0x63677270, /* cgroup2 */
	    0x6165676c, /* pstore */
	    0xcafe4a11, /* bpf */
	    0x1373,     /* devfs */
	};
	if (fstatfs(fd, &sfs) != 0)
		return FALSE;
	for (guint i = 0; i < G_N_ELEMENTS(magics); i++) {
		if ((gint64)sfs.f_type == magics[i])
			return TRUE;
	}
	return FALSE;
}

/* what aa_file_read_untrusted() refuses before reading open @fd: a FIFO,
 * device or directory, a kernel pseudo-file, a file over @max_bytes */
static gboolean
aa_file_check_untrusted(gint fd, const gchar *filename, gsize max_bytes, const gchar *what,
                        struct stat *st, GError **error)
{
	if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode)) {
		aa_error_set_at(error, AA_ERROR_INVALID_ARGUMENT, filename, 0,
		                "%s is not a regular file (a FIFO, device or directory is "
		                "never read); give the path of the file itself",
		                what);
		return FALSE;
	}
	if (aa_file_is_pseudo_fs(fd)) {
		aa_error_set_at(error, AA_ERROR_HOSTILE, filename, 0,
		                "%s is a kernel pseudo-file (/proc, /sys, ...), not an input "
		                "file; copy what you need into a file and give its path",
		                what);
		return FALSE;
	}
	if ((guint64)st->st_size > max_bytes) {
		aa_error_set_at(error, AA_ERROR_HOSTILE, filename, 0,
		                "%s is %" G_GUINT64_FORMAT
		                " bytes, over the limit of %" G_GSIZE_FORMAT
		                " bytes; check that this is the right file",
		                what, (guint64)st->st_size, max_bytes);
		return FALSE;
	}
	return TRUE;
}

/**
 * aa_file_read_untrusted:
 * @filename: the file to read
 * @max_bytes: the largest size accepted
 * @what: what the file is, for messages ("board XML", "profile")
 * @contents: (out) (transfer full): the bytes read, NUL-terminated
 * @length: (out): the number of bytes read
 * @error: (nullable): optional return location for an error
 *
 * The one way every input file is read.  The file is opened without
 * blocking (O_NONBLOCK: a FIFO or device cannot stall the open), checked on
 * the open descriptor with fstat() (so what is checked is what is read: a
 * regular file, not on a kernel pseudo-file system such as /proc, under
 * @max_bytes) and read with the limit enforced while reading, so a file that
 * grows, or lies about its size, stops at @max_bytes + 1.  A read that would
 * block is an error, never a wait.
 *
 * Errors: %AA_ERROR_NOT_FOUND (cannot open or read), %AA_ERROR_INVALID_ARGUMENT
 * (not a regular file), %AA_ERROR_HOSTILE (over the limit, pseudo-file).
 *
 * Returns: %TRUE on success
 */
gboolean
aa_file_read_untrusted(const gchar *filename, gsize max_bytes, const gchar *what, gchar **contents,
                       gsize *length, GError **error)
{
	struct stat st;
	g_autofree gchar *data = NULL;
	gsize len = 0;
	gsize cap;
	gint fd;

	*contents = NULL;
	*length = 0;
	aa_debug_parse_note(filename);
	fd = g_open(filename, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
	if (fd < 0) {
		aa_error_set_at(error, AA_ERROR_NOT_FOUND, filename, 0,
		                "cannot read %s: %s; check the path", what, g_strerror(errno));
		return FALSE;
	}
	if (!aa_file_check_untrusted(fd, filename, max_bytes, what, &st, error)) {
		close(fd);
		return FALSE;
	}
	/* the stat size is a hint only: read until EOF or one byte past the limit */
	cap = MIN((gsize)st.st_size, max_bytes) + 1;
	data = g_malloc(cap + 1);
	for (;;) {
		gssize n;
		if (len == cap) {
			if (len > max_bytes)
				break;
			cap = MIN(cap * 2, max_bytes + 1);
			data = g_realloc(data, cap + 1);
		}
		n = read(fd, data + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			gint saved = errno;
			aa_error_set_at(error, AA_ERROR_NOT_FOUND, filename, 0,
			                "cannot read %s: %s", what,
			                saved == EAGAIN ? "reading would block (not a plain file)"
			                                : g_strerror(saved));
			close(fd);
			return FALSE;
		}
		if (n == 0)
			break;
		len += (gsize)n;
	}
	close(fd);
	if (len > max_bytes) {
		aa_error_set_at(error, AA_ERROR_HOSTILE, filename, 0,
		                "%s grew over the limit of %" G_GSIZE_FORMAT " bytes while "
		                "being read; give a finished file",
		                what, max_bytes);
		return FALSE;
	}
	data[len] = '\0';
	*contents = g_steal_pointer(&data);
	*length = len;
	return TRUE;
}

/**
 * aa_file_is_same:
 * @a: (nullable): a path
 * @b: (nullable): a path
 *
 * Returns: %TRUE if both name the same existing file (device and inode)
 */
gboolean
aa_file_is_same(const gchar *a, const gchar *b)
{
	GStatBuf sa;
	GStatBuf sb;
	if (a == NULL || b == NULL)
		return FALSE;
	if (g_stat(a, &sa) != 0 || g_stat(b, &sb) != 0)
		return FALSE;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}
