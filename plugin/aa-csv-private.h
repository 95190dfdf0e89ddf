/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The bounded, strict CSV reader every CSV input shares (aa-csv.c): the
 * profile trace, the calibration file, the I/O profile and the trials file
 * obey the same limits and give the same file:line messages.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* one CSV file read whole, walked line by line */
typedef struct {
	const gchar *filename;
	gchar *data; /* owned, modified in place */
	gchar *cursor;
	glong line;
} AaCsvReader;

/* how a format words its number messages */
typedef struct {
	const gchar *row;     /* "run": "every run needs a value here" */
	const gchar *example; /* "1.5": "write a decimal such as 1.5" */
	gboolean sign_ok;     /* a leading '+' is taken */
} AaCsvNumberStyle;

/* a measurement of the calibration, trials and profile files */
extern const AaCsvNumberStyle aa_csv_measurement;

/* a '#' line before the header, after the magic: @body is the text after
 * the '#' and its blanks */
typedef gboolean (*AaCsvMetadataFunc)(gpointer user_data, const gchar *body, glong line,
                                      GError **error);
/* a data row; @index maps the table's columns to cells, -1 when absent */
typedef gboolean (*AaCsvRowFunc)(gpointer user_data, GPtrArray *cells, const gint *index,
                                 const gchar *filename, glong line, GError **error);
/* one name=value of a '#' line, @value parsed from @text */
typedef gboolean (*AaCsvPairFunc)(gpointer user_data, const gchar *key, const gchar *text,
                                  gdouble value, glong line, GError **error);

/* a CSV format: '#' lines (metadata before the header, comments after),
 * blank lines skipped, a header that names the columns, then the rows */
typedef struct {
	const gchar *what; /* for aa_csv_reader_open(): "profile" */
	/* NULL, or MAGIC: the data must follow a "# MAGIC v1" line */
	const gchar *magic;
	const gchar *magic_format;   /* "profile": "profile format 'v2' is not supported" */
	const gchar *magic_tool;     /* "record it again with this version's profiling script" */
	const gchar *magic_none;     /* "this is not a profile trace written by ..." */
	AaCsvMetadataFunc metadata;  /* NULL: every '#' line is a comment */
	gboolean plain;              /* no quoting: a "quoted" cell is only unwrapped */
	const gchar *not_this;       /* "more than 256 columns; this is not a profile CSV" */
	const gchar *const *columns; /* NULL-terminated, found by name */
	const guint *required;       /* indices into columns; NULL: every column */
	guint n_required;
	gboolean name_first;       /* "the header has no 'x' column", not "no column 'x'" */
	const gchar *required_why; /* "; a calibration file needs ..." */
	gboolean ragged_ok;        /* rows may have other cell counts than the header */
	const gchar *ragged_why;   /* "" or "; leave unmeasured cells empty ..." */
	guint max_rows;
	const gchar *too_many; /* "more than 10 samples; record with a longer interval" */
	AaCsvRowFunc row;
	const gchar *no_header;     /* no header (at the last line); NULL: no_rows says it */
	const gchar *no_rows;       /* no rows (at the last line) */
	gboolean no_rows_at_header; /* no_rows points at the header's line */
} AaCsvTable;

void aa_csv_reader_clear(AaCsvReader *self);
gboolean aa_csv_reader_open(AaCsvReader *self, const gchar *filename, const gchar *what,
                            GError **error);
gchar *aa_csv_reader_next_line(AaCsvReader *self);
gboolean aa_csv_read_table(const AaCsvTable *table, const gchar *filename, gpointer user_data,
                           gchar **vm_name, GError **error);
GPtrArray *aa_csv_split(gchar *line, const gchar *filename, glong lineno, GError **error);
GPtrArray *aa_csv_split_as(gchar *line, gboolean plain, const gchar *not_this,
                           const gchar *filename, glong lineno, GError **error);
/* a finite number from 0 to @max (docs/limits.md); @empty_ok maps an empty cell to NAN */
gboolean aa_csv_parse_number(const gchar *text, gboolean empty_ok, gdouble max, gdouble *value,
                             const gchar *filename, glong line, const gchar *column,
                             GError **error);
gboolean aa_csv_parse_number_as(const AaCsvNumberStyle *style, const gchar *text, gboolean empty_ok,
                                gdouble max, gdouble *value, const gchar *filename, glong line,
                                const gchar *column, GError **error);
gboolean aa_csv_parse_count(const gchar *text, guint64 max, gint64 *value, const gchar *filename,
                            glong line, const gchar *column, GError **error);
gboolean aa_csv_parse_pairs(const gchar *text, const AaCsvNumberStyle *style, gdouble max,
                            const gchar *what, const gchar *example, gboolean key_in_column,
                            AaCsvPairFunc func, gpointer user_data, const gchar *filename,
                            glong line, GError **error);
gboolean aa_csv_map_header(GPtrArray *header, const gchar *const *names, gint *index,
                           const gchar *filename, glong line, GError **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(AaCsvReader, aa_csv_reader_clear)

G_END_DECLS
