/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#pragma once

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>

G_BEGIN_DECLS

static inline void
aa_xml_char_free(xmlChar *p)
{
	xmlFree(p);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlDoc, xmlFreeDoc)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlXPathContext, xmlXPathFreeContext)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlXPathObject, xmlXPathFreeObject)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlChar, aa_xml_char_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlParserCtxt, xmlFreeParserCtxt)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlXPathCompExpr, xmlXPathFreeCompExpr)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlSchemaParserCtxt, xmlSchemaFreeParserCtxt)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlSchema, xmlSchemaFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlSchemaValidCtxt, xmlSchemaFreeValidCtxt)

void aa_xml_init(void);
xmlDoc *aa_xml_load_file(const gchar *filename, GError **error);
xmlDoc *aa_xml_load_memory(const gchar *data, gsize len, const gchar *name, GError **error);
xmlNode *aa_xml_child(xmlNode *parent, const gchar *name);
gchar *aa_xml_text(xmlNode *node);
gchar *aa_xml_child_text(xmlNode *parent, const gchar *name);
gchar *aa_xml_prop(xmlNode *node, const gchar *name);
GPtrArray *aa_xml_xpath(xmlDoc *doc, xmlNode *context, const gchar *expr, GError **error);
gchar *aa_xml_path(xmlNode *node);
glong aa_xml_line(xmlNode *node);
gboolean aa_xml_parse_uint64(const gchar *text, guint64 *value);

G_END_DECLS
