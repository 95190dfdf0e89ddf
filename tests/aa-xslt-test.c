/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "aa-debug-private.h"
#include "aa-error.h"
#include "aa-xml.h"
#include "aa-xslt.h"

static gchar *
aa_xslt_test_fixture(const gchar *name)
{
	return g_test_build_filename(G_TEST_DIST, "fixtures", "xslt", name, NULL);
}

/* the fixture stylesheet @name, which must compile */
static AaXslt *
aa_xslt_test_new(const gchar *name)
{
	g_autofree gchar *fn = aa_xslt_test_fixture(name);
	g_autoptr(GError) error = NULL;
	AaXslt *xslt = aa_xslt_new(fn, &error);
	g_assert_no_error(error);
	g_assert_nonnull(xslt);
	return xslt;
}

static xmlDoc *
aa_xslt_test_source(void)
{
	const gchar *xml = "<source/>";
	g_autoptr(GError) error = NULL;
	xmlDoc *doc = aa_xml_load_memory(xml, strlen(xml), "source.xml", &error);
	g_assert_no_error(error);
	return doc;
}

/* the stylesheet that reads its "input" parameter, pointed at @input,
 * fixtures/xslt/allowed-input.xml */
static AaXslt *
aa_xslt_test_reader(gchar **input)
{
	AaXslt *xslt = aa_xslt_test_new("valid-read-allowed-input.xsl");
	g_autofree gchar *uri = NULL;

	*input = aa_xslt_test_fixture("allowed-input.xml");
	uri = aa_xslt_file_uri(*input);
	aa_xslt_set_param(xslt, "input", uri);
	return xslt;
}

static void
aa_xslt_read_allowed_func(void)
{
	g_autofree gchar *input = NULL;
	g_autoptr(AaXslt) xslt = aa_xslt_test_reader(&input);
	g_autoptr(GError) error = NULL;
	g_autoptr(xmlDoc) doc = aa_xslt_test_source();
	g_autofree gchar *out = NULL;
	gsize len = 0;

	aa_xslt_allow_read(xslt, input);
	/* quotes and an XPath-looking value stay a literal string */
	aa_xslt_set_param(xslt, "label", "it's \"x\") or count(/)");
	out = aa_xslt_apply(xslt, doc, &len, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(out, ==, "it's \"x\") or count(/):42");
	g_assert_cmpuint(len, ==, strlen(out));

	/* the same runner again, a parameter replaced */
	aa_xslt_set_param(xslt, "label", "second");
	g_clear_pointer(&out, g_free);
	out = aa_xslt_apply(xslt, doc, NULL, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(out, ==, "second:42");
}

/* @xslt run on @doc is refused as hostile, writing nothing; returns the error */
static GError *
aa_xslt_test_refused(AaXslt *xslt, xmlDoc *doc)
{
	GError *error = NULL;
	g_autofree gchar *out = aa_xslt_apply(xslt, doc, NULL, &error);
	g_assert_null(out);
	g_test_message("%s", error != NULL ? error->message : "");
	g_assert_error(error, AA_ERROR, AA_ERROR_HOSTILE);
	return error;
}

static void
aa_xslt_read_not_allowed_func(void)
{
	g_autofree gchar *input = NULL;
	g_autoptr(AaXslt) xslt = aa_xslt_test_reader(&input);
	g_autoptr(xmlDoc) doc = aa_xslt_test_source();
	/* the same stylesheet, but the input was never allowed */
	g_autoptr(GError) error = aa_xslt_test_refused(xslt, doc);
}

/* an input handed over in memory: document() gets that very document (a
 * change to it shows in the next run), no file is read, and the document
 * comes back as it was */
static void
aa_xslt_doc_param_func(void)
{
	const gchar *xml = "<data value=\"7\"/>";
	g_autoptr(GError) error = NULL;
	g_autoptr(AaXslt) xslt = aa_xslt_test_new("valid-read-allowed-input.xsl");
	g_autoptr(xmlDoc) doc = aa_xslt_test_source();
	g_autoptr(xmlDoc) input = aa_xml_load_memory(xml, strlen(xml), "in-memory.xml", NULL);
	g_autofree gchar *out = NULL;

	g_assert_nonnull(input);
	aa_debug_parse_reset();
	aa_xslt_set_doc_param(xslt, "input", input);
	aa_xslt_set_param(xslt, "label", "memory");
	out = aa_xslt_apply(xslt, doc, NULL, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(out, ==, "memory:7");
	g_assert_cmpstr((const gchar *)input->URL, ==, "in-memory.xml");

	xmlSetProp(xmlDocGetRootElement(input), (const xmlChar *)"value", (const xmlChar *)"8");
	g_clear_pointer(&out, g_free);
	out = aa_xslt_apply(xslt, doc, NULL, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(out, ==, "memory:8");
	g_assert_cmpuint(aa_debug_parse_total(), ==, 0);
}

/* each fixture reads something it was not given: refused, never loaded; a
 * document served in memory beside it opens no door */
static void
aa_xslt_refused_read_func(gconstpointer data)
{
	const gchar *name = data;
	g_autoptr(GError) error = NULL;
	g_autoptr(AaXslt) xslt = aa_xslt_test_new(name);
	g_autoptr(xmlDoc) doc = aa_xslt_test_source();
	g_autoptr(xmlDoc) served = aa_xslt_test_source();

	aa_xslt_set_doc_param(xslt, "served", served);
	error = aa_xslt_test_refused(xslt, doc);
	g_assert_nonnull(strstr(error->message, name));
}

/* each fixture tries to write $target: refused, and the file never appears */
static void
aa_xslt_refused_write_func(gconstpointer data)
{
	const gchar *name = data;
	g_autofree gchar *tmpdir = g_dir_make_tmp("aa-xslt-XXXXXX", NULL);
	g_autofree gchar *target = g_build_filename(tmpdir, "sub", "pwned.txt", NULL);
	g_autofree gchar *subdir = g_path_get_dirname(target);
	g_autoptr(GError) error = NULL;
	g_autoptr(AaXslt) xslt = aa_xslt_test_new(name);
	g_autoptr(xmlDoc) doc = aa_xslt_test_source();

	aa_xslt_set_param(xslt, "target", target);
	error = aa_xslt_test_refused(xslt, doc);
	g_assert_false(g_file_test(target, G_FILE_TEST_EXISTS));
	g_assert_false(g_file_test(subdir, G_FILE_TEST_EXISTS));
	g_assert_cmpint(g_rmdir(tmpdir), ==, 0);
}

/* the fixture stylesheet @name does not compile: the error, INVALID_DATA */
static GError *
aa_xslt_test_invalid(const gchar *name)
{
	g_autofree gchar *fn = aa_xslt_test_fixture(name);
	GError *error = NULL;
	g_autoptr(AaXslt) xslt = aa_xslt_new(fn, &error);
	g_assert_null(xslt);
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_DATA);
	return error;
}

static void
aa_xslt_import_network_func(void)
{
	g_autoptr(GError) error = aa_xslt_test_invalid("refused-import-network.xsl");
}

static void
aa_xslt_terminate_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(AaXslt) xslt = aa_xslt_test_new("invalid-terminate-message.xsl");
	g_autoptr(xmlDoc) doc = aa_xslt_test_source();
	g_autofree gchar *out = NULL;

	out = aa_xslt_apply(xslt, doc, NULL, &error);
	g_assert_null(out);
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_DATA);
	g_assert_nonnull(strstr(error->message, "invalid-terminate-message.xsl"));
	g_assert_nonnull(strstr(error->message, "VM 'X' is not in the scenario; add it"));
}

static void
aa_xslt_compile_error_func(void)
{
	g_autoptr(GError) error = aa_xslt_test_invalid("invalid-compile-error.xsl");

	g_assert_nonnull(strstr(error->message, "invalid-compile-error.xsl"));
	g_assert_nonnull(strstr(error->message, "line 6"));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/aa/xslt/read-allowed", aa_xslt_read_allowed_func);
	g_test_add_func("/aa/xslt/read-not-allowed", aa_xslt_read_not_allowed_func);
	g_test_add_func("/aa/xslt/doc-param", aa_xslt_doc_param_func);
	g_test_add_data_func("/aa/xslt/refused/document-passwd", "refused-document-passwd.xsl",
	                     aa_xslt_refused_read_func);
	g_test_add_data_func("/aa/xslt/refused/document-traversal",
	                     "refused-document-traversal.xsl", aa_xslt_refused_read_func);
	g_test_add_data_func("/aa/xslt/refused/document-network", "refused-document-network.xsl",
	                     aa_xslt_refused_read_func);
	g_test_add_data_func("/aa/xslt/refused/exsl-document", "refused-exsl-document.xsl",
	                     aa_xslt_refused_write_func);
	g_test_add_data_func("/aa/xslt/refused/xsl-document", "refused-xsl-document.xsl",
	                     aa_xslt_refused_write_func);
	g_test_add_func("/aa/xslt/refused/import-network", aa_xslt_import_network_func);
	g_test_add_func("/aa/xslt/terminate", aa_xslt_terminate_func);
	g_test_add_func("/aa/xslt/compile-error", aa_xslt_compile_error_func);
	return g_test_run();
}
