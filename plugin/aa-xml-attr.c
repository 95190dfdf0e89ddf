/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Writing XML as libxml2 trees (recommendation.xml, JUnit, the I/O core
 * group): elements and typed attributes, and the document as text.  libxml2
 * escapes every value; these helpers keep numbers independent of the locale
 * and text valid UTF-8.
 */

#include "config.h"

#include <math.h>

#include "aa-util.h"
#include "aa-xml-attr.h"

/**
 * aa_xml_attr_child:
 * @parent: an element
 * @name: the new element's name
 *
 * Returns: (transfer none): a new empty child element, the last of @parent
 */
xmlNode *
aa_xml_attr_child(xmlNode *parent, const gchar *name)
{
	return xmlNewChild(parent, NULL, (const xmlChar *)name, NULL);
}

/**
 * aa_xml_attr_text:
 * @node: an element
 * @name: the attribute
 * @value: (nullable): its text; %NULL is the empty string
 *
 * Sets a text attribute.  Text that is not valid UTF-8 (a file name, say)
 * gets U+FFFD in place of each invalid sequence, so the document stays XML.
 */
void
aa_xml_attr_text(xmlNode *node, const gchar *name, const gchar *value)
{
	g_autofree gchar *valid = NULL;

	if (value == NULL)
		value = "";
	if (!g_utf8_validate(value, -1, NULL)) {
		valid = g_utf8_make_valid(value, -1);
		value = valid;
	}
	xmlSetProp(node, (const xmlChar *)name, (const xmlChar *)value);
}

/**
 * aa_xml_attr_uint:
 * @node: an element
 * @name: the attribute
 * @value: the number
 *
 * Sets an unsigned integer attribute.
 */
void
aa_xml_attr_uint(xmlNode *node, const gchar *name, guint64 value)
{
	g_autofree gchar *text = g_strdup_printf("%" G_GUINT64_FORMAT, value);
	xmlSetProp(node, (const xmlChar *)name, (const xmlChar *)text);
}

/**
 * aa_xml_attr_int:
 * @node: an element
 * @name: the attribute
 * @value: the number
 *
 * Sets a signed integer attribute.
 */
void
aa_xml_attr_int(xmlNode *node, const gchar *name, gint64 value)
{
	g_autofree gchar *text = g_strdup_printf("%" G_GINT64_FORMAT, value);
	xmlSetProp(node, (const xmlChar *)name, (const xmlChar *)text);
}

/**
 * aa_xml_attr_double:
 * @node: an element
 * @name: the attribute
 * @value: the number
 * @digits: significant digits at most
 *
 * Sets a number as xs:double, independent of the locale (aa_format_double()):
 * NaN is `NaN`, the infinities `INF` and `-INF`.
 */
void
aa_xml_attr_double(xmlNode *node, const gchar *name, gdouble value, guint digits)
{
	g_autofree gchar *text = NULL;

	if (isnan(value))
		text = g_strdup("NaN");
	else if (isinf(value))
		text = g_strdup(value > 0 ? "INF" : "-INF");
	else
		text = aa_format_double(value, digits);
	xmlSetProp(node, (const xmlChar *)name, (const xmlChar *)text);
}

/**
 * aa_xml_attr_bool:
 * @node: an element
 * @name: the attribute
 * @value: the value
 *
 * Sets `true` or `false`.
 */
void
aa_xml_attr_bool(xmlNode *node, const gchar *name, gboolean value)
{
	xmlSetProp(node, (const xmlChar *)name, (const xmlChar *)(value ? "true" : "false"));
}

/**
 * aa_xml_attr_doc_to_text:
 * @doc: a document
 *
 * Writes @doc in UTF-8 with its declaration, indented two spaces per level.
 *
 * Returns: (transfer full): the text
 */
gchar *
aa_xml_attr_doc_to_text(xmlDoc *doc)
{
	xmlChar *buf = NULL;
	gint len = 0;
	gchar *text;

	xmlDocDumpFormatMemoryEnc(doc, &buf, &len, "UTF-8", 1);
	text = g_strndup((const gchar *)buf, len);
	xmlFree(buf);
	return text;
}
