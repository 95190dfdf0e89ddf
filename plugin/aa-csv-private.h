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

/* the "# MAGIC v1" line a format's data must follow */
typedef struct {
	const gchar *name;   /* MAGIC; NULL: the format has none */
	const gchar *format; /* "profile": "profile format 'v2' is not supported" */
	const gchar *tool;   /* "record it again with TOOL" */
	const gchar *none;   /* without the line: "this is not NONE" */
} AaCsvMagic;

/* the header's columns */
typedef struct {
	const gchar *const *names; /* NULL-terminated, found by name */
	const guint *required;     /* indices into names; NULL: every column */
	guint n_required;
	gboolean name_first;  /* "the header has no 'x' column", not "no column 'x'" */
	const gchar *missing; /* after that: "; a calibration file needs ..." */
	gboolean ragged_ok;   /* rows may have other cell counts than the header */
	const gchar *ragged;  /* after "row has 3 cells but the header (line 2) has 4" */
} AaCsvColumns;

/* the rows: how many, and what no header or no rows means */
typedef struct {
	guint max;
	const gchar *too_many;  /* "more than MAX TOO_MANY" */
	const gchar *no_header; /* at the last line; NULL: no_rows says it */
	const gchar *no_rows;   /* at the last line, or the header's when below */
	gboolean no_rows_at_header;
} AaCsvRows;

/* a CSV format: '#' lines (metadata before the header, comments after),
 * blank lines skipped, a header that names the columns, then the rows */
typedef struct {
	const gchar *what; /* in messages about the whole file: "profile" */
	AaCsvMagic magic;
	AaCsvMetadataFunc metadata; /* NULL: every '#' line is a comment */
	gboolean plain;             /* no quoting: a "quoted" cell is only unwrapped */
	const gchar *not_this;      /* "more than 256 columns; this is not NOT_THIS" */
	AaCsvColumns columns;
	AaCsvRows rows;
	AaCsvRowFunc row;
} AaCsvTable;

gboolean aa_csv_read_table(const AaCsvTable *table, const gchar *filename, gpointer user_data,
                           gchar **vm_name, GError **error);
/* a finite number from 0 to @max (docs/limits.md); @empty_ok maps an empty cell to NAN */
gboolean aa_csv_parse_number(const gchar *text, gboolean empty_ok, gdouble max, gdouble *value,
                             const gchar *filename, glong line, const gchar *column,
                             GError **error);
gboolean aa_csv_parse_number_as(const AaCsvNumberStyle *style, const gchar *text, gboolean empty_ok,
                                gdouble max, gdouble *value, const gchar *filename, glong line,
                                const gchar *column, GError **error);
gboolean aa_csv_parse_allocation(GPtrArray *cells, const gint *index, gint64 *p_cores,
                                 gint64 *e_cores, gint64 *memory_mib, gint64 *gpu_slices,
                                 const gchar *filename, glong line, GError **error);
gboolean aa_csv_parse_pairs(const gchar *text, const AaCsvNumberStyle *style, gdouble max,
                            const gchar *what, const gchar *example, gboolean key_in_column,
                            AaCsvPairFunc func, gpointer user_data, const gchar *filename,
                            glong line, GError **error);

G_END_DECLS
