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

/* XML 1.0 has no control characters but tab, line feed and carriage return */
static gboolean
aa_xml_attr_is_control(guchar c)
{
	return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

/* @text as XML can hold it: valid UTF-8, U+FFFD in place of each invalid
 * sequence and of each control character XML 1.0 cannot write */
static const gchar *
aa_xml_attr_valid(const gchar *text, gchar **valid)
{
	GString *str;
	gboolean control = FALSE;

	for (const guchar *p = (const guchar *)text; *p != '\0'; p++)
		control = control || aa_xml_attr_is_control(*p);
	if (!control && g_utf8_validate(text, -1, NULL))
		return text;
	str = g_string_new(NULL);
	for (const guchar *p = (const guchar *)text; *p != '\0'; p++) {
		if (aa_xml_attr_is_control(*p))
			g_string_append(str, "\xef\xbf\xbd");
		else
			g_string_append_c(str, (gchar)*p);
	}
	*valid = g_utf8_make_valid(str->str, -1);
	g_string_free(str, TRUE);
	return *valid;
}

/**
 * aa_xml_attr_text_child:
 * @parent: an element
 * @name: the new element's name
 * @text: its text content
 *
 * Returns: (transfer none): a new child element holding @text (escaped by
 * libxml2, made valid UTF-8 as in aa_xml_attr_text())
 */
xmlNode *
aa_xml_attr_text_child(xmlNode *parent, const gchar *name, const gchar *text)
{
	g_autofree gchar *valid = NULL;
	return xmlNewTextChild(parent, NULL, (const xmlChar *)name,
	                       (const xmlChar *)aa_xml_attr_valid(text, &valid));
}

/**
 * aa_xml_attr_text:
 * @node: an element
 * @name: the attribute
 * @value: (nullable): its text; %NULL is the empty string
 *
 * Sets a text attribute.  Text that is not valid UTF-8 (a file name, say)
 * gets U+FFFD in place of each invalid sequence, and of each control
 * character XML 1.0 cannot write, so the document stays well-formed.
 */
void
aa_xml_attr_text(xmlNode *node, const gchar *name, const gchar *value)
{
	g_autofree gchar *valid = NULL;

	xmlSetProp(node, (const xmlChar *)name,
	           (const xmlChar *)aa_xml_attr_valid(value != NULL ? value : "", &valid));
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
 * aa_xml_attr_pcpus:
 * @parent: an element
 * @pcpus: (element-type guint): pCPU IDs
 *
 * Adds a `<pcpu id="N"/>` child to @parent per entry of @pcpus, in order
 * (recommendation.xml's allocations, the Service VM and the I/O core group).
 */
void
aa_xml_attr_pcpus(xmlNode *parent, const GArray *pcpus)
{
	for (guint i = 0; i < pcpus->len; i++)
		aa_xml_attr_uint(aa_xml_attr_child(parent, "pcpu"), "id",
		                 g_array_index(pcpus, guint, i));
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
