/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The one JSON writer: json-glib's builder and generator, with members that
 * take their name, NULL as JSON null and text made valid UTF-8.
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

void aa_json_add_string(JsonBuilder *builder, const gchar *member, const gchar *value);
void aa_json_add_int(JsonBuilder *builder, const gchar *member, gint64 value);
void aa_json_add_int_or_null(JsonBuilder *builder, const gchar *member, gboolean known,
                             gint64 value);
void aa_json_add_double(JsonBuilder *builder, const gchar *member, gdouble value);
void aa_json_add_boolean(JsonBuilder *builder, const gchar *member, gboolean value);
void aa_json_add_null(JsonBuilder *builder, const gchar *member);
void aa_json_add_ids(JsonBuilder *builder, const gchar *member, GArray *ids);
void aa_json_begin_object(JsonBuilder *builder, const gchar *member);
void aa_json_begin_array(JsonBuilder *builder, const gchar *member);
gboolean aa_json_add_text(JsonBuilder *builder, const gchar *member, const gchar *json,
                          GError **error);
gchar *aa_json_to_text(JsonBuilder *builder);

G_END_DECLS
