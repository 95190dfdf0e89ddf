/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The bounded, strict CSV helpers of aa-profile.c, shared with the other CSV
 * readers (aa-trials.c) so that every CSV input obeys the same limits and
 * gives the same file:line messages.
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

void aa_csv_reader_clear(AaCsvReader *self);
gboolean aa_csv_reader_open(AaCsvReader *self, const gchar *filename, const gchar *what,
                            GError **error);
gchar *aa_csv_reader_next_line(AaCsvReader *self);
GPtrArray *aa_csv_split(gchar *line, const gchar *filename, glong lineno, GError **error);
/* a finite number from 0 to @max (docs/limits.md); @empty_ok maps an empty cell to NAN */
gboolean aa_csv_parse_number(const gchar *text, gboolean empty_ok, gdouble max, gdouble *value,
                             const gchar *filename, glong line, const gchar *column,
                             GError **error);
gboolean aa_csv_parse_count(const gchar *text, guint64 max, gint64 *value, const gchar *filename,
                            glong line, const gchar *column, GError **error);
gboolean aa_csv_map_header(GPtrArray *header, const gchar *const *names, gint *index,
                           const gchar *filename, glong line, GError **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(AaCsvReader, aa_csv_reader_clear)

G_END_DECLS
