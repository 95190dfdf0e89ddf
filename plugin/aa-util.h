/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* the largest XML input accepted (aa_xml_load_file(), and the host's look at
 * a batch file); the biggest real ACRN board file is ~300 KiB */
#define AA_XML_MAX_BYTES (16u * 1024u * 1024u)

gboolean aa_file_write_atomic(const gchar *filename, const gchar *data, gssize len, gint mode,
                              GError **error);
gchar *aa_path_resolve(const gchar *base_file, const gchar *href);
gchar *aa_format_double(gdouble value, guint digits);
gchar *aa_format_id_ranges(GArray *ids);
gboolean aa_parse_double_in(const gchar *text, gdouble min, gboolean open_min, gdouble max,
                            gdouble *value);
gint aa_double_cmp(gconstpointer a, gconstpointer b);
gint aa_guint_cmp(gconstpointer a, gconstpointer b);
const gchar *aa_enum_to_name(const gchar *const *names, guint n_names, guint value,
                             const gchar *unknown);
gboolean aa_enum_from_name(const gchar *const *names, guint n_names, const gchar *text,
                           guint *value);
gboolean aa_file_read_untrusted(const gchar *filename, gsize max_bytes, const gchar *what,
                                gchar **contents, gsize *length, GError **error);
gboolean aa_file_is_same(const gchar *a, const gchar *b);

G_END_DECLS
