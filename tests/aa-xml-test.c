/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#include "config.h"

#include <string.h>

#include "aa-error.h"
#include "aa-xml.h"
#include "aa-test-util.h"

static void
aa_xml_parse_uint64_func(void)
{
	guint64 v = 0;
	g_assert_true(aa_xml_parse_uint64(" 0x1f ", &v));
	g_assert_cmpuint(v, ==, 31);
	g_assert_true(aa_xml_parse_uint64("42", &v));
	g_assert_cmpuint(v, ==, 42);
	g_assert_false(aa_xml_parse_uint64("-1", &v));
	g_assert_false(aa_xml_parse_uint64("12abc", &v));
	g_assert_false(aa_xml_parse_uint64("", &v));
	g_assert_false(aa_xml_parse_uint64(NULL, &v));
}

/* a document refused, with its code and its place: the message names the
 * file and the line, which is the feature */
typedef struct {
	const gchar *name;
	const gchar *xml;
	gint code;
	const gchar *where;
} AaXmlBadCase;

static const AaXmlBadCase aa_xml_bad_cases[] = {
    {"doctype-refused",
     "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n"
     "<x>&e;</x>\n",
     AA_ERROR_HOSTILE, "t.xml:2:"},
    {"truncated", "<a>\n<b>1</b>\n<c>", AA_ERROR_INVALID_DATA, "t.xml:3:"},
};

static void
aa_xml_bad_func(gconstpointer data)
{
	const AaXmlBadCase *c = data;
	g_autoptr(GError) error = NULL;
	g_autoptr(xmlDoc) doc = aa_xml_load_memory(c->xml, strlen(c->xml), "t.xml", &error);
	g_assert_null(doc);
	g_assert_error(error, AA_ERROR, c->code);
	aa_test_assert_contains(error->message, c->where, NULL);
}

static void
aa_xml_child_text_func(void)
{
	const gchar *xml = "<a>\n  <b> hello </b>\n  <c x=\"1\"/>\n</a>\n";
	g_autoptr(GError) error = NULL;
	g_autoptr(xmlDoc) doc = aa_xml_load_memory(xml, strlen(xml), "t.xml", &error);
	g_autofree gchar *text = NULL;
	g_autofree gchar *prop = NULL;
	g_autoptr(GPtrArray) nodes = NULL;
	g_assert_no_error(error);
	text = aa_xml_child_text(xmlDocGetRootElement(doc), "b");
	g_assert_cmpstr(text, ==, "hello");
	prop = aa_xml_prop(aa_xml_child(xmlDocGetRootElement(doc), "c"), "x");
	g_assert_cmpstr(prop, ==, "1");
	nodes = aa_xml_xpath(doc, NULL, "//c", &error);
	g_assert_no_error(error);
	g_assert_cmpuint(nodes->len, ==, 1);
	g_assert_cmpint(aa_xml_line(g_ptr_array_index(nodes, 0)), ==, 3);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/aa/xml/parse-uint64", aa_xml_parse_uint64_func);
	aa_test_add_cases("/aa/xml", aa_xml_bad_cases, sizeof(aa_xml_bad_cases[0]),
	                  G_N_ELEMENTS(aa_xml_bad_cases), aa_xml_bad_func);
	g_test_add_func("/aa/xml/child-text", aa_xml_child_text_func);
	return g_test_run();
}
