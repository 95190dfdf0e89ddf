/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The one JSON writer of acrn-alloc (README "inspect --json", "validate
 * --format json", batch, rt-analyze, forecast, io-group): documents are built
 * with a JsonBuilder and written by a JsonGenerator, pretty, two spaces per
 * level, with a final newline.  Every helper takes the member name first:
 * %NULL adds the value to the array being built instead.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "aa-error.h"
#include "aa-json.h"

/* the member name, valid UTF-8 like every string */
static void
aa_json_member(JsonBuilder *builder, const gchar *member)
{
	if (member == NULL)
		return;
	if (!g_utf8_validate(member, -1, NULL)) {
		g_autofree gchar *valid = g_utf8_make_valid(member, -1);
		json_builder_set_member_name(builder, valid);
		return;
	}
	json_builder_set_member_name(builder, member);
}

/**
 * aa_json_add_string:
 * @builder: a builder inside an object (or an array, with @member %NULL)
 * @member: (nullable): the member name
 * @value: (nullable): the text; %NULL is JSON null
 *
 * Adds a string.  Text that is not valid UTF-8 (a file name, say) gets
 * U+FFFD in place of each invalid sequence, so the document stays JSON.
 */
void
aa_json_add_string(JsonBuilder *builder, const gchar *member, const gchar *value)
{
	aa_json_member(builder, member);
	if (value == NULL) {
		json_builder_add_null_value(builder);
	} else if (!g_utf8_validate(value, -1, NULL)) {
		g_autofree gchar *valid = g_utf8_make_valid(value, -1);
		json_builder_add_string_value(builder, valid);
	} else {
		json_builder_add_string_value(builder, value);
	}
}

/**
 * aa_json_add_int:
 * @builder: a builder
 * @member: (nullable): the member name
 * @value: the number
 *
 * Adds an integer.
 */
void
aa_json_add_int(JsonBuilder *builder, const gchar *member, gint64 value)
{
	aa_json_member(builder, member);
	json_builder_add_int_value(builder, value);
}

/**
 * aa_json_add_int_or_null:
 * @builder: a builder
 * @member: (nullable): the member name
 * @known: whether @value is known
 * @value: the number
 *
 * Adds an integer, or null when it is not @known (not measured, not
 * computable).
 */
void
aa_json_add_int_or_null(JsonBuilder *builder, const gchar *member, gboolean known, gint64 value)
{
	if (known)
		aa_json_add_int(builder, member, value);
	else
		aa_json_add_null(builder, member);
}

/**
 * aa_json_add_double:
 * @builder: a builder
 * @member: (nullable): the member name
 * @value: the number
 *
 * Adds a number in json-glib's format (17 significant digits); NaN and the
 * infinities, which JSON cannot write, are null.
 */
void
aa_json_add_double(JsonBuilder *builder, const gchar *member, gdouble value)
{
	aa_json_member(builder, member);
	if (isfinite(value))
		json_builder_add_double_value(builder, value);
	else
		json_builder_add_null_value(builder);
}

/**
 * aa_json_add_boolean:
 * @builder: a builder
 * @member: (nullable): the member name
 * @value: the value
 *
 * Adds true or false.
 */
void
aa_json_add_boolean(JsonBuilder *builder, const gchar *member, gboolean value)
{
	aa_json_member(builder, member);
	json_builder_add_boolean_value(builder, value);
}

/**
 * aa_json_add_null:
 * @builder: a builder
 * @member: (nullable): the member name
 *
 * Adds null.
 */
void
aa_json_add_null(JsonBuilder *builder, const gchar *member)
{
	aa_json_member(builder, member);
	json_builder_add_null_value(builder);
}

/**
 * aa_json_add_ids:
 * @builder: a builder
 * @member: (nullable): the member name
 * @ids: (element-type guint): the IDs
 *
 * Adds an array of integers (pCPU IDs and the like).
 */
void
aa_json_add_ids(JsonBuilder *builder, const gchar *member, GArray *ids)
{
	aa_json_begin_array(builder, member);
	for (guint i = 0; ids != NULL && i < ids->len; i++)
		json_builder_add_int_value(builder, g_array_index(ids, guint, i));
	json_builder_end_array(builder);
}

/**
 * aa_json_begin_object:
 * @builder: a builder
 * @member: (nullable): the member name
 *
 * Opens an object; close it with json_builder_end_object().
 */
void
aa_json_begin_object(JsonBuilder *builder, const gchar *member)
{
	aa_json_member(builder, member);
	json_builder_begin_object(builder);
}

/**
 * aa_json_begin_array:
 * @builder: a builder
 * @member: (nullable): the member name
 *
 * Opens an array; close it with json_builder_end_array().
 */
void
aa_json_begin_array(JsonBuilder *builder, const gchar *member)
{
	aa_json_member(builder, member);
	json_builder_begin_array(builder);
}

/**
 * aa_json_add_text:
 * @builder: a builder
 * @member: (nullable): the member name
 * @json: a JSON document, e.g. what a hook returned
 * @error: (nullable): optional return location for an error
 *
 * Adds the value of the document @json, parsed, so that it nests as a value
 * (batch's per-scenario validate report).  Nothing is added on failure.
 *
 * Returns: %FALSE with %AA_ERROR_INVALID_DATA if @json is not JSON
 */
gboolean
aa_json_add_text(JsonBuilder *builder, const gchar *member, const gchar *json, GError **error)
{
	g_autoptr(JsonParser) parser = json_parser_new();
	g_autoptr(GError) error_local = NULL;

	if (!json_parser_load_from_data(parser, json, -1, &error_local)) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_DATA, "not a JSON document: %s",
		            error_local->message);
		return FALSE;
	}
	aa_json_member(builder, member);
	json_builder_add_value(builder, json_node_copy(json_parser_get_root(parser)));
	return TRUE;
}

/**
 * aa_json_to_text:
 * @builder: a builder whose root value is complete
 *
 * Writes the document: pretty, two spaces per level, a final newline.
 *
 * Returns: (transfer full): the JSON text
 */
gchar *
aa_json_to_text(JsonBuilder *builder)
{
	g_autoptr(JsonGenerator) gen = json_generator_new();
	g_autoptr(JsonNode) root = json_builder_get_root(builder);
	g_autofree gchar *text = NULL;

	json_generator_set_root(gen, root);
	json_generator_set_pretty(gen, TRUE);
	text = json_generator_to_data(gen, NULL);
	/* json-glib 1.6 escapes control characters below U+001F but writes
	 * U+001F itself raw, which JSON forbids; outside strings the generator
	 * writes no control character but the newline, so each raw 0x1f is in a
	 * string and becomes its escape */
	if (strchr(text, 0x1f) != NULL) {
		g_auto(GStrv) parts = g_strsplit(text, "\x1f", -1);
		g_free(text);
		text = g_strjoinv("\\u001f", parts);
	}
	return g_strconcat(text, "\n", NULL);
}
