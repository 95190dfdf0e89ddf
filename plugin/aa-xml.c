/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libxml/xpathInternals.h>

#include "aa-error.h"
#include "aa-util.h"
#include "aa-xml.h"

/* board, scenario, intent and recommendation files are untrusted: no DTDs,
 * no entity substitution, no network, no XInclude; only line numbers are
 * extended so that errors in big board files point at the right place */
#define AA_XML_PARSE_OPTIONS                                                                       \
	(XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES)

static xmlParserInputPtr
aa_xml_refuse_external_entity(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	/* every external entity, DTD or schema import is refused, whatever asks */
	return NULL;
}

/**
 * aa_xml_init:
 *
 * Initialises libxml2 once and installs a loader that refuses every external
 * resource.  Safe to call many times.
 */
void
aa_xml_init(void)
{
	static gsize once = 0;
	if (g_once_init_enter(&once)) {
		xmlInitParser();
		xmlSetExternalEntityLoader(aa_xml_refuse_external_entity);
		g_once_init_leave(&once, 1);
	}
}

static glong
aa_xml_line_of_offset(const gchar *data, gsize offset)
{
	glong line = 1;
	for (gsize i = 0; i < offset; i++) {
		if (data[i] == '\n')
			line++;
	}
	return line;
}

/**
 * aa_xml_load_memory:
 * @data: the XML text
 * @len: length of @data in bytes
 * @name: the file name used in messages
 * @error: (nullable): optional return location for an error
 *
 * Parses untrusted XML.  Documents with a DOCTYPE (the carrier of external
 * entities, DTD fetches and entity-expansion bombs), with NUL bytes or larger
 * than %AA_XML_MAX_BYTES are refused with %AA_ERROR_HOSTILE before libxml2
 * sees them; a document that is not well-formed fails with
 * %AA_ERROR_INVALID_DATA naming the line.
 *
 * Returns: (transfer full): the document, or %NULL
 */
xmlDoc *
aa_xml_load_memory(const gchar *data, gsize len, const gchar *name, GError **error)
{
	const gchar *doctype;
	g_autoptr(xmlParserCtxt) ctxt = NULL;
	g_autoptr(xmlDoc) doc = NULL;

	aa_xml_init();
	if (len > AA_XML_MAX_BYTES) {
		aa_error_set_at(error, AA_ERROR_HOSTILE, name, 0,
		                "file is %" G_GSIZE_FORMAT " bytes, over the %u MiB limit for "
		                "ACRN XML; check that this is the board or scenario file",
		                len, AA_XML_MAX_BYTES / (1024u * 1024u));
		return NULL;
	}
	if (len > G_MAXINT || memchr(data, '\0', len) != NULL) {
		aa_error_set_at(error, AA_ERROR_HOSTILE, name, 0,
		                "file contains NUL bytes (binary or UTF-16 data); save it as "
		                "UTF-8 XML");
		return NULL;
	}
	doctype = g_strstr_len(data, len, "<!DOCTYPE");
	if (doctype == NULL)
		doctype = g_strstr_len(data, len, "<!ENTITY");
	if (doctype != NULL) {
		aa_error_set_at(error, AA_ERROR_HOSTILE, name,
		                aa_xml_line_of_offset(data, doctype - data),
		                "DOCTYPE and ENTITY declarations are refused (they can read "
		                "local files, fetch from the network or expand without bound); "
		                "ACRN XML never needs them: delete the declaration");
		return NULL;
	}

	ctxt = xmlNewParserCtxt();
	if (ctxt == NULL) {
		g_set_error_literal(error, AA_ERROR, AA_ERROR_FAILED,
		                    "failed to create an XML parser");
		return NULL;
	}
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, name, NULL, AA_XML_PARSE_OPTIONS);
	if (doc == NULL || !ctxt->wellFormed) {
		xmlError *err = xmlCtxtGetLastError(ctxt);
		g_autofree gchar *msg = g_strdup(
		    err != NULL && err->message != NULL ? err->message : "unknown parser error");
		g_strstrip(msg);
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, name, err != NULL ? err->line : 0,
		                "not well-formed XML: %s; the file may be truncated or damaged: "
		                "regenerate it or fix the markup at this line",
		                msg);
		return NULL;
	}
	if (doc->intSubset != NULL || doc->extSubset != NULL) {
		aa_error_set_at(error, AA_ERROR_HOSTILE, name, 0,
		                "DOCTYPE declarations are refused; delete the declaration");
		return NULL;
	}
	if (xmlDocGetRootElement(doc) == NULL) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, name, 0,
		                "document has no root element");
		return NULL;
	}
	return g_steal_pointer(&doc);
}

/**
 * aa_xml_load_file:
 * @filename: the file to read
 * @error: (nullable): optional return location for an error
 *
 * Reads and parses an untrusted XML file, see aa_xml_load_memory(), through
 * aa_file_read_untrusted(): a regular file only, the size checked before and
 * while it is read, so a huge file costs nothing and a FIFO never blocks.
 *
 * Returns: (transfer full): the document, or %NULL
 */
xmlDoc *
aa_xml_load_file(const gchar *filename, GError **error)
{
	g_autofree gchar *data = NULL;
	gsize len = 0;

	if (!aa_file_read_untrusted(filename, AA_XML_MAX_BYTES, "XML file", &data, &len, error))
		return NULL;
	return aa_xml_load_memory(data, len, filename, error);
}

/**
 * aa_xml_child:
 * @parent: an element
 * @name: the element name to look for
 *
 * Returns: (transfer none) (nullable): the first child element called @name
 */
xmlNode *
aa_xml_child(xmlNode *parent, const gchar *name)
{
	if (parent == NULL)
		return NULL;
	for (xmlNode *n = parent->children; n != NULL; n = n->next) {
		if (n->type == XML_ELEMENT_NODE && g_strcmp0((const gchar *)n->name, name) == 0)
			return n;
	}
	return NULL;
}

/**
 * aa_xml_text:
 * @node: (nullable): a node
 *
 * Returns: (transfer full) (nullable): the text content with surrounding
 * white space removed, or %NULL for a %NULL node
 */
gchar *
aa_xml_text(xmlNode *node)
{
	g_autoptr(xmlChar) content = NULL;
	if (node == NULL)
		return NULL;
	content = xmlNodeGetContent(node);
	if (content == NULL)
		return g_strdup("");
	return g_strstrip(g_strdup((const gchar *)content));
}

/**
 * aa_xml_child_text:
 * @parent: (nullable): an element
 * @name: the child element name
 *
 * Returns: (transfer full) (nullable): the trimmed text of the first child
 * called @name, or %NULL when there is none
 */
gchar *
aa_xml_child_text(xmlNode *parent, const gchar *name)
{
	return aa_xml_text(aa_xml_child(parent, name));
}

/**
 * aa_xml_prop:
 * @node: an element
 * @name: the attribute name
 *
 * Returns: (transfer full) (nullable): the attribute value as a GLib string
 */
gchar *
aa_xml_prop(xmlNode *node, const gchar *name)
{
	g_autoptr(xmlChar) value = NULL;
	if (node == NULL)
		return NULL;
	value = xmlGetProp(node, (const xmlChar *)name);
	if (value == NULL)
		return NULL;
	return g_strdup((const gchar *)value);
}

/**
 * aa_xml_xpath:
 * @doc: a document
 * @context: (nullable): the context node, or %NULL for the root
 * @expr: an XPath 1.0 expression selecting nodes
 * @error: (nullable): optional return location for an error
 *
 * Returns: (transfer container) (element-type xmlNode): the selected nodes in
 * document order, borrowed from @doc
 */
GPtrArray *
aa_xml_xpath(xmlDoc *doc, xmlNode *context, const gchar *expr, GError **error)
{
	g_autoptr(xmlXPathContext) xctx = xmlXPathNewContext(doc);
	g_autoptr(xmlXPathObject) obj = NULL;
	GPtrArray *nodes = g_ptr_array_new();

	if (context != NULL)
		xctx->node = context;
	obj = xmlXPathEvalExpression((const xmlChar *)expr, xctx);
	if (obj == NULL) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT, "invalid XPath: %s", expr);
		g_ptr_array_unref(nodes);
		return NULL;
	}
	if (obj->type == XPATH_NODESET && obj->nodesetval != NULL) {
		for (gint i = 0; i < obj->nodesetval->nodeNr; i++)
			g_ptr_array_add(nodes, obj->nodesetval->nodeTab[i]);
	}
	return nodes;
}

/**
 * aa_xml_path:
 * @node: a node
 *
 * Returns: (transfer full): an XPath that selects @node, for diagnostics
 */
gchar *
aa_xml_path(xmlNode *node)
{
	g_autoptr(xmlChar) path = NULL;
	if (node == NULL)
		return g_strdup("");
	path = xmlGetNodePath(node);
	return g_strdup(path != NULL ? (const gchar *)path : "");
}

/**
 * aa_xml_line:
 * @node: (nullable): a node
 *
 * Returns: the line @node starts on, or 0 when unknown
 */
glong
aa_xml_line(xmlNode *node)
{
	glong line;
	if (node == NULL)
		return 0;
	line = xmlGetLineNo(node);
	return line > 0 ? line : 0;
}

/**
 * aa_xml_parse_uint64:
 * @text: (nullable): decimal or 0x-prefixed hexadecimal text, white space allowed
 * @value: (out): the parsed value
 *
 * Returns: %TRUE if @text is a whole unsigned number
 */
gboolean
aa_xml_parse_uint64(const gchar *text, guint64 *value)
{
	g_autofree gchar *copy = NULL;
	gchar *end = NULL;
	guint base = 10;
	const gchar *start;

	if (text == NULL)
		return FALSE;
	copy = g_strstrip(g_strdup(text));
	start = copy;
	if (g_str_has_prefix(start, "0x") || g_str_has_prefix(start, "0X")) {
		base = 16;
		start += 2;
	}
	if (*start == '\0' || *start == '-' || *start == '+')
		return FALSE;
	errno = 0;
	*value = g_ascii_strtoull(start, &end, base);
	return errno == 0 && end != NULL && *end == '\0';
}
