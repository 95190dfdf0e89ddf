/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The CSV reader every CSV input shares (aa-csv-private.h).  Files are
 * untrusted: their size, row and column counts are bounded, every number is
 * checked whole, and non-finite or negative values are refused with
 * file:line.
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "aa-csv-private.h"
#include "aa-error.h"
#include "aa-limits.h"
#include "aa-util.h"

/* a day of samples at 1 Hz is 86400 rows; allow generous headroom */
#define AA_CSV_MAX_BYTES (64u * 1024u * 1024u)
#define AA_CSV_MAX_CELLS 256u

/* one CSV file read whole, walked line by line */
typedef struct {
	const gchar *filename;
	gchar *data; /* owned, modified in place */
	gchar *cursor;
	glong line;
} AaCsvReader;

static void
aa_csv_reader_clear(AaCsvReader *self)
{
	g_free(self->data);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(AaCsvReader, aa_csv_reader_clear)

static gboolean
aa_csv_reader_open(AaCsvReader *self, const gchar *filename, const gchar *what, GError **error)
{
	gsize len = 0;

	self->filename = filename;
	self->line = 0;
	if (!aa_file_read_untrusted(filename, AA_CSV_MAX_BYTES, what, &self->data, &len, error))
		return FALSE;
	if (memchr(self->data, '\0', len) != NULL) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, 0,
		                "%s contains NUL bytes (binary or UTF-16 data); save it as UTF-8 "
		                "text",
		                what);
		return FALSE;
	}
	self->cursor = self->data;
	return TRUE;
}

/* returns the next line without its end (LF or CRLF), or NULL at the end */
static gchar *
aa_csv_reader_next_line(AaCsvReader *self)
{
	gchar *start = self->cursor;
	gchar *end;
	gsize len;

	if (start == NULL || *start == '\0')
		return NULL;
	end = strchr(start, '\n');
	if (end != NULL) {
		*end = '\0';
		self->cursor = end + 1;
	} else {
		self->cursor = start + strlen(start);
	}
	len = strlen(start);
	if (len > 0 && start[len - 1] == '\r')
		start[len - 1] = '\0';
	self->line++;
	return start;
}

/**
 * aa_csv_split_as:
 * @line: one line, split in place
 * @plain: %TRUE when the format has no quoting (every cell is a number):
 *   a "quoted" cell is only unwrapped
 * @not_this: what the file then is not, for too many columns: "an I/O profile"
 * @filename: the file, for messages
 * @lineno: the line
 * @error: (nullable): optional return location for an error
 *
 * Splits @line at commas; with quoting a cell may be "quoted" with "" as a
 * quote.  Every cell is stripped of blanks.
 *
 * Returns: (transfer container): the cells, pointing into @line
 */
static GPtrArray *
aa_csv_split_as(gchar *line, gboolean plain, const gchar *not_this, const gchar *filename,
                glong lineno, GError **error)
{
	g_autoptr(GPtrArray) cells = g_ptr_array_new();
	gchar *p = line;

	for (;;) {
		gchar *cell;
		if (cells->len >= AA_CSV_MAX_CELLS) {
			aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, lineno,
			                "more than %u columns; this is not %s", AA_CSV_MAX_CELLS,
			                not_this);
			return NULL;
		}
		while (*p == ' ' || *p == '\t')
			p++;
		if (!plain && *p == '"') {
			gchar *out = ++p;
			cell = out;
			for (;;) {
				if (*p == '\0') {
					aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename,
					                lineno,
					                "unterminated quoted cell; close the quote "
					                "with '\"'");
					return NULL;
				}
				if (*p == '"' && p[1] == '"') {
					*out++ = '"';
					p += 2;
					continue;
				}
				if (*p == '"') {
					p++;
					break;
				}
				*out++ = *p++;
			}
			*out = '\0';
			while (*p == ' ' || *p == '\t')
				p++;
			if (*p != ',' && *p != '\0') {
				aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, lineno,
				                "text after a quoted cell; put a ',' after the "
				                "closing quote");
				return NULL;
			}
		} else {
			cell = p;
			while (*p != ',' && *p != '\0')
				p++;
		}
		g_ptr_array_add(cells, cell);
		if (*p == '\0')
			break;
		*p++ = '\0';
	}
	for (guint i = 0; i < cells->len; i++) {
		gchar *cell = g_strstrip((gchar *)g_ptr_array_index(cells, i));
		gsize len = strlen(cell);
		/* a plain format tolerates "quoted" numbers as spreadsheets write them */
		if (plain && len >= 2 && cell[0] == '"' && cell[len - 1] == '"') {
			cell[len - 1] = '\0';
			g_ptr_array_index(cells, i) = g_strstrip(cell + 1);
		}
	}
	return g_steal_pointer(&cells);
}

const AaCsvNumberStyle aa_csv_measurement = {"run", "1.5", TRUE};

/* a finite number from 0 to @max (docs/limits.md), worded by @style;
 * @empty_ok maps an empty cell to NAN */
gboolean
aa_csv_parse_number_as(const AaCsvNumberStyle *style, const gchar *text, gboolean empty_ok,
                       gdouble max, gdouble *value, const gchar *filename, glong line,
                       const gchar *column, GError **error)
{
	gchar *end = NULL;
	gdouble v;

	if (text[0] == '\0') {
		if (empty_ok) {
			*value = NAN;
			return TRUE;
		}
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, line,
		                "column '%s' is empty; every %s needs a value here", column,
		                style->row);
		return FALSE;
	}
	errno = 0;
	v = g_ascii_strtod(text, &end);
	if (end == text || *end != '\0' || errno == ERANGE ||
	    g_ascii_strncasecmp(text, "0x", 2) == 0 || (!style->sign_ok && text[0] == '+')) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, line,
		                "column '%s': '%s' is not a number; write a decimal such as %s, "
		                "or leave the cell empty if it was not measured",
		                column, text, style->example);
		return FALSE;
	}
	if (!isfinite(v)) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, line,
		                "column '%s': '%s' is not finite; leave the cell empty if it "
		                "was not measured",
		                column, text);
		return FALSE;
	}
	if (v < 0) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, line,
		                "column '%s': %s is negative; a measurement here is >= 0", column,
		                text);
		return FALSE;
	}
	if (v > max) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, line,
		                "column '%s': %s is above the maximum of %g (docs/limits.md); "
		                "check the unit and the value",
		                column, text, max);
		return FALSE;
	}
	*value = v;
	return TRUE;
}

/* a measurement (aa_csv_measurement) */
gboolean
aa_csv_parse_number(const gchar *text, gboolean empty_ok, gdouble max, gdouble *value,
                    const gchar *filename, glong line, const gchar *column, GError **error)
{
	return aa_csv_parse_number_as(&aa_csv_measurement, text, empty_ok, max, value, filename,
	                              line, column, error);
}

static gboolean
aa_csv_parse_count(const gchar *text, guint64 max, gint64 *value, const gchar *filename, glong line,
                   const gchar *column, GError **error)
{
	guint64 v = 0;
	g_autoptr(GError) error_local = NULL;

	if (text[0] == '\0') {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, line,
		                "column '%s' is empty; write the count used in this run (0 if "
		                "none)",
		                column);
		return FALSE;
	}
	if (!g_ascii_string_to_unsigned(text, 10, 0, G_MAXUINT64, &v, &error_local)) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, line,
		                "column '%s': '%s' is not a whole number >= 0; write a count "
		                "such as 4",
		                column, text);
		return FALSE;
	}
	if (v > max) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, line,
		                "column '%s': %s is above the maximum of %" G_GUINT64_FORMAT
		                " (docs/limits.md); check the unit and the value",
		                column, text, max);
		return FALSE;
	}
	*value = (gint64)v;
	return TRUE;
}

/* maps each wanted column name to its index in the header, -1 if absent */
static gboolean
aa_csv_map_header(GPtrArray *header, const gchar *const *names, gint *index, const gchar *filename,
                  glong line, GError **error)
{
	for (guint j = 0; names[j] != NULL; j++)
		index[j] = -1;
	for (guint i = 0; i < header->len; i++) {
		const gchar *name = g_ptr_array_index(header, i);
		for (guint k = 0; k < i; k++) {
			if (name[0] != '\0' && g_strcmp0(name, g_ptr_array_index(header, k)) == 0) {
				aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, line,
				                "column '%s' appears twice in the header; "
				                "remove one",
				                name);
				return FALSE;
			}
		}
		for (guint j = 0; names[j] != NULL; j++) {
			if (g_strcmp0(name, names[j]) == 0)
				index[j] = (gint)i;
		}
	}
	return TRUE;
}

/**
 * aa_csv_parse_allocation:
 * @cells: a row
 * @index: the cells of p_cores, e_cores, memory_mib and gpu_slices, in order
 * @p_cores: (out): the counts, each up to its limit (docs/limits.md)
 * @e_cores: (out):
 * @memory_mib: (out):
 * @gpu_slices: (out):
 * @filename: the file, for messages
 * @line: the row's line
 * @error: (nullable): optional return location for an error
 *
 * The allocation a measured run had, as the calibration and trials files
 * write it.
 *
 * Returns: %TRUE when the four are whole numbers in range
 */
gboolean
aa_csv_parse_allocation(GPtrArray *cells, const gint *index, gint64 *p_cores, gint64 *e_cores,
                        gint64 *memory_mib, gint64 *gpu_slices, const gchar *filename, glong line,
                        GError **error)
{
	return aa_csv_parse_count(g_ptr_array_index(cells, index[0]), AA_LIMIT_PCPUS, p_cores,
	                          filename, line, "p_cores", error) &&
	       aa_csv_parse_count(g_ptr_array_index(cells, index[1]), AA_LIMIT_PCPUS, e_cores,
	                          filename, line, "e_cores", error) &&
	       aa_csv_parse_count(g_ptr_array_index(cells, index[2]), AA_LIMIT_MEMORY_MIB,
	                          memory_mib, filename, line, "memory_mib", error) &&
	       aa_csv_parse_count(g_ptr_array_index(cells, index[3]), AA_LIMIT_GPU_SLICES,
	                          gpu_slices, filename, line, "gpu_slices", error);
}

/**
 * aa_csv_parse_pairs:
 * @text: the "key=value key=value" of a '#' line
 * @style: how numbers are worded
 * @max: the largest value
 * @what: the line's name, e.g. "qos:"
 * @example: an entry as it should be written, e.g. "fps=58"
 * @key_in_column: name a value "# @what KEY" in messages, else "# @what"
 * @func: called for each entry, in order
 * @user_data: for @func
 * @filename: the file, for messages
 * @line: the line
 * @error: (nullable): optional return location for an error
 *
 * Returns: %TRUE when every entry is name=number and @func took it
 */
gboolean
aa_csv_parse_pairs(const gchar *text, const AaCsvNumberStyle *style, gdouble max, const gchar *what,
                   const gchar *example, gboolean key_in_column, AaCsvPairFunc func,
                   gpointer user_data, const gchar *filename, glong line, GError **error)
{
	g_auto(GStrv) words = g_strsplit_set(text, " \t", -1);
	for (guint i = 0; words[i] != NULL; i++) {
		const gchar *eq = strchr(words[i], '=');
		g_autofree gchar *key = NULL;
		g_autofree gchar *column = NULL;
		gdouble value = 0;

		if (words[i][0] == '\0')
			continue;
		if (eq == NULL || eq == words[i]) {
			aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, line,
			                "'# %s' entry '%s' is not name=value; write e.g. %s", what,
			                words[i], example);
			return FALSE;
		}
		key = g_strndup(words[i], eq - words[i]);
		if (key_in_column)
			column = g_strdup_printf("# %s %s", what, key);
		else
			column = g_strdup_printf("# %s", what);
		if (!aa_csv_parse_number_as(style, eq + 1, FALSE, max, &value, filename, line,
		                            column, error) ||
		    !func(user_data, key, eq + 1, value, line, error))
			return FALSE;
	}
	return TRUE;
}

/* a '#' line before the header: the magic, "# vm:" or the format's metadata */
static gboolean
aa_csv_read_metadata(AaCsvReader *self, const AaCsvTable *table, const gchar *text,
                     gboolean *seen_magic, gpointer user_data, gchar **vm_name, GError **error)
{
	const gchar *body = text + 1;
	while (*body == ' ' || *body == '\t')
		body++;
	if (table->magic.name != NULL && g_str_has_prefix(body, table->magic.name)) {
		g_autofree gchar *version = g_strstrip(g_strdup(body + strlen(table->magic.name)));
		if (g_strcmp0(version, "v1") != 0) {
			aa_error_set_at(error, AA_ERROR_INVALID_DATA, self->filename, self->line,
			                "%s format '%s' is not supported, only v1; record it again "
			                "with %s",
			                table->magic.format, version, table->magic.tool);
			return FALSE;
		}
		*seen_magic = TRUE;
		return TRUE;
	}
	if (vm_name != NULL && g_str_has_prefix(body, "vm:")) {
		g_free(*vm_name);
		*vm_name = g_strstrip(g_strdup(body + 3));
		return TRUE;
	}
	if (table->metadata == NULL)
		return TRUE;
	return table->metadata(user_data, body, self->line, error);
}

/* the header row: its names mapped, the required ones present */
static gboolean
aa_csv_read_header(AaCsvReader *self, const AaCsvTable *table, GPtrArray *header, gint *index,
                   GError **error)
{
	guint n = 0;

	if (!aa_csv_map_header(header, table->columns.names, index, self->filename, self->line,
	                       error))
		return FALSE;
	while (table->columns.names[n] != NULL)
		n++;
	if (table->columns.required != NULL)
		n = table->columns.n_required;
	for (guint i = 0; i < n; i++) {
		guint j = table->columns.required != NULL ? table->columns.required[i] : i;
		if (index[j] >= 0)
			continue;
		if (table->columns.name_first) {
			aa_error_set_at(error, AA_ERROR_INVALID_DATA, self->filename, self->line,
			                "the header has no '%s' column%s", table->columns.names[j],
			                table->columns.missing);
		} else {
			aa_error_set_at(error, AA_ERROR_INVALID_DATA, self->filename, self->line,
			                "the header has no column '%s'%s", table->columns.names[j],
			                table->columns.missing);
		}
		return FALSE;
	}
	return TRUE;
}

/* every line of an open reader; @header_line and @n_rows say what was read */
static gboolean
aa_csv_read_lines(AaCsvReader *self, const AaCsvTable *table, gpointer user_data, gchar **vm_name,
                  glong *header_line, guint *n_rows, GError **error)
{
	g_autoptr(GPtrArray) header = NULL;
	g_autofree gint *index = NULL;
	gboolean seen_magic = table->magic.name == NULL;
	guint n_columns = 0;
	gchar *text;

	while (table->columns.names[n_columns] != NULL)
		n_columns++;
	index = g_new(gint, n_columns + 1);
	while ((text = aa_csv_reader_next_line(self)) != NULL) {
		g_autoptr(GPtrArray) cells = NULL;

		if (text[0] == '#') {
			if (header == NULL && !aa_csv_read_metadata(self, table, text, &seen_magic,
			                                            user_data, vm_name, error))
				return FALSE;
			continue;
		}
		if (g_strstrip(text)[0] == '\0')
			continue;
		if (!seen_magic) {
			aa_error_set_at(error, AA_ERROR_INVALID_DATA, self->filename, self->line,
			                "no '# %s v1' line before the data; this is not %s",
			                table->magic.name, table->magic.none);
			return FALSE;
		}
		cells = aa_csv_split_as(text, table->plain, table->not_this, self->filename,
		                        self->line, error);
		if (cells == NULL)
			return FALSE;
		if (header == NULL) {
			header = g_steal_pointer(&cells);
			*header_line = self->line;
			if (!aa_csv_read_header(self, table, header, index, error))
				return FALSE;
			continue;
		}
		if (!table->columns.ragged_ok && cells->len != header->len) {
			aa_error_set_at(error, AA_ERROR_INVALID_DATA, self->filename, self->line,
			                "row has %u cells but the header (line %ld) has %u%s",
			                cells->len, *header_line, header->len,
			                table->columns.ragged);
			return FALSE;
		}
		if (*n_rows >= table->rows.max) {
			aa_error_set_at(error, AA_ERROR_HOSTILE, self->filename, self->line,
			                "more than %u %s", table->rows.max, table->rows.too_many);
			return FALSE;
		}
		if (!table->row(user_data, cells, index, self->filename, self->line, error))
			return FALSE;
		(*n_rows)++;
	}
	return TRUE;
}

/**
 * aa_csv_read_table:
 * @table: the format
 * @filename: the file
 * @user_data: for the format's functions
 * @vm_name: (out) (optional): the name of a "# vm:" line before the header
 * @error: (nullable): optional return location for an error
 *
 * Reads @filename through the shared reader: '#' lines before the header
 * are the magic, "# vm:" or metadata, later ones comments; blank lines are
 * skipped; the first other line is the header, each next one a row, at most
 * @table's max_rows.  A file without a header or rows is refused.
 *
 * Returns: %TRUE when every row was read
 */
gboolean
aa_csv_read_table(const AaCsvTable *table, const gchar *filename, gpointer user_data,
                  gchar **vm_name, GError **error)
{
	g_auto(AaCsvReader) reader = {NULL};
	glong header_line = 0;
	guint n_rows = 0;

	if (!aa_csv_reader_open(&reader, filename, table->what, error) ||
	    !aa_csv_read_lines(&reader, table, user_data, vm_name, &header_line, &n_rows, error))
		return FALSE;
	if (header_line == 0 && table->rows.no_header != NULL) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, reader.line, "%s",
		                table->rows.no_header);
		return FALSE;
	}
	if (n_rows == 0) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename,
		                table->rows.no_rows_at_header ? header_line : reader.line, "%s",
		                table->rows.no_rows);
		return FALSE;
	}
	return TRUE;
}
