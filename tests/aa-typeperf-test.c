/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Windows counter logs into profiles, on hand-written PDH-CSV 4.0 files, and
 * the imported profile read by recommend.
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "aa-context-private.h"
#include "aa-error.h"
#include "aa-profile.h"
#include "aa-recommend.h"
#include "aa-test-util.h"
#include "aa-typeperf.h"
#include "aa-xml.h"

static gchar *
aa_test_read(const gchar *fixture, gsize *len)
{
	g_autofree gchar *fn = aa_test_fixture_path("typeperf", fixture, NULL);
	g_autoptr(GError) error = NULL;
	gchar *data = NULL;
	g_assert_true(g_file_get_contents(fn, &data, len, &error));
	g_assert_no_error(error);
	return data;
}

static gchar *
aa_test_convert(const gchar *fixture, gint64 memory_mib, const gchar *qos, GError **error)
{
	AaTypeperfOptions opt = {"POST_STD_VM1", memory_mib, 4, qos, "3D"};
	gsize len = 0;
	g_autofree gchar *data = aa_test_read(fixture, &len);
	return aa_typeperf_to_profile(data, len, fixture, &opt, error);
}

/* the English log: BOM, CRLF, quoting, a " " sample, an empty row, midnight,
 * two 3D engine instances summed (clamped at 100), VideoDecode ignored */
static void
aa_typeperf_english_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *csv =
	    aa_test_convert("valid-typeperf-en.csv", 4096, "fps=58 frame-time-p95-ms=12,5", &error);
	g_assert_no_error(error);
	g_test_message("%s", csv);
	g_assert_true(g_str_has_prefix(csv, "# acrn-alloc-profile v1\n# vm: POST_STD_VM1\n"));
	g_assert_nonnull(strstr(csv, "\n# allocation: p_cores=2 e_cores=0 memory_mib=4096 "
	                             "gpu_slices=4\n# qos: fps=58 frame-time-p95-ms=12.5\n"));
	g_assert_nonnull(strstr(csv, "\n0.00,0.80,0.00,1024,2048,,,,70.5,256\n"
	                             "1.00,1.00,0.00,1096,2112,,,12.0,85.5,256\n"
	                             "2.00,2.00,0.00,1196,2176,,,0.0,100.0,512\n"
	                             "3.00,,,,,,,,,\n"));
}

/* a localized Windows: decimal commas, dd.mm.yyyy hh:mm:ss,fff */
static void
aa_typeperf_decimal_comma_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *csv =
	    aa_test_convert("valid-typeperf-decimal-comma.csv", 8192, NULL, &error);
	g_assert_no_error(error);
	g_assert_null(strstr(csv, "# qos:"));
	g_assert_nonnull(strstr(csv, "\n0.00,1.00,0.00,4096,1024,,,1.5,33.3,0\n"
	                             "1.00,0.50,0.00,4192,1024,,,0.0,100.0,0\n"));
}

/* relog and PowerShell write UTF-16LE with a byte order mark: same profile */
static void
aa_typeperf_utf16_func(void)
{
	g_autoptr(GError) error = NULL;
	gsize len = 0, len16 = 0;
	g_autofree gchar *data = aa_test_read("valid-typeperf-en.csv", &len);
	g_autofree gchar *utf16 =
	    g_convert(data + 3, len - 3, "UTF-16LE", "UTF-8", NULL, &len16, &error);
	g_autofree gchar *bom = g_malloc(len16 + 3);
	AaTypeperfOptions opt = {"POST_STD_VM1", 4096, 4, NULL, "3D"};
	g_autofree gchar *from8 = aa_typeperf_to_profile(data, len, "en", &opt, &error);
	g_autofree gchar *from16 = NULL;

	g_assert_no_error(error);
	bom[0] = (gchar)0xff;
	bom[1] = (gchar)0xfe;
	memcpy(bom + 2, utf16, len16);
	bom[len16 + 2] = '\0';
	from16 = aa_typeperf_to_profile(bom, len16 + 2, "en16", &opt, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(from16, ==, from8);
}

static void
aa_typeperf_invalid_func(void)
{
	g_autoptr(GError) e1 = NULL;
	g_autoptr(GError) e2 = NULL;
	g_autoptr(GError) e3 = NULL;
	g_autofree gchar *c1 = aa_test_convert("invalid-typeperf-not-pdh.csv", 4096, NULL, &e1);
	g_autofree gchar *c2 = aa_test_convert("invalid-typeperf-bad-number.csv", 4096, NULL, &e2);
	g_autofree gchar *c3 = aa_test_convert("valid-typeperf-en.csv", 4096, "fps", &e3);

	g_assert_null(c1);
	g_assert_error(e1, AA_ERROR, AA_ERROR_INVALID_DATA);
	/* the message is the feature: it names the file and line */
	g_assert_nonnull(strstr(e1->message, "invalid-typeperf-not-pdh.csv:1: not a PDH-CSV 4.0"));
	g_assert_null(c2);
	g_assert_error(e2, AA_ERROR, AA_ERROR_INVALID_DATA);
	/* the message is the feature: it names the file and line */
	aa_test_assert_contains(e2->message, "invalid-typeperf-bad-number.csv:2: counter 3 ",
	                        "'abc' is not a number", NULL);
	g_assert_null(c3);
	g_assert_error(e3, AA_ERROR, AA_ERROR_INVALID_ARGUMENT);
	/* the message is the feature: it says what to do */
	g_assert_nonnull(strstr(e3->message, "--qos 'fps' is not metric=value"));
}

/* profile-import refuses the options: the error, INVALID_ARGUMENT */
static GError *
aa_typeperf_refusal(AaPluginContext *ctx, GHashTable *options)
{
	GError *error = NULL;
	g_autofree gchar *summary = aa_typeperf_import(ctx, options, &error);

	g_assert_null(summary);
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT);
	return error;
}

/* the whole Windows workflow on adl-asrock: the intent names a profile not
 * recorded yet, profile-import writes it (GPU slices from the scenario: the
 * whole PF), and recommend reads it and gives the VM GPU slices */
static void
aa_typeperf_recommend_func(void)
{
	const gchar *intent_text = "<alloc-intent version=\"1\">\n"
	                           "  <vm name=\"POST_STD_VM1\" class=\"gaming\">\n"
	                           "    <qos metric=\"fps\" direction=\"higher\" target=\"55\"/>\n"
	                           "    <profile href=\"profiles/waag.csv\"/>\n"
	                           "  </vm>\n"
	                           "</alloc-intent>\n";
	g_autoptr(AaTestDir) tmp = aa_test_tmpdir("aa-typeperf-XXXXXX");
	g_autofree gchar *intent_fn = g_build_filename(tmp, "intent.xml", NULL);
	g_autofree gchar *profiles = g_build_filename(tmp, "profiles", NULL);
	g_autofree gchar *profile_fn = g_build_filename(profiles, "waag.csv", NULL);
	g_autofree gchar *rec_fn = g_build_filename(tmp, "rec.xml", NULL);
	g_autofree gchar *log = aa_test_fixture_path("typeperf", "valid-typeperf-en.csv", NULL);
	g_autoptr(GError) error = NULL;
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(GHashTable) rec_options = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(AaPluginContext) before = NULL;
	g_autoptr(AaPluginContext) after = NULL;
	g_autoptr(AaProfile) profile = NULL;
	g_autoptr(xmlDoc) rec = NULL;
	g_autofree gchar *summary = NULL;
	g_autofree gchar *text = NULL;
	g_autofree gchar *slices = NULL;

	g_assert_true(g_file_set_contents(intent_fn, intent_text, -1, &error));
	g_assert_cmpint(g_mkdir_with_parents(profiles, 0755), ==, 0);
	before = aa_test_context_acrn("adl-asrock", intent_fn);

	/* without the fps value the import is refused: the intent targets it */
	g_hash_table_insert(options, (gpointer) "typeperf", log);
	g_hash_table_insert(options, (gpointer) "vm", (gpointer) "POST_STD_VM1");
	g_hash_table_insert(options, (gpointer) "output", profile_fn);
	error = aa_typeperf_refusal(before, options);
	/* the message is the feature: it says what to do */
	g_assert_nonnull(strstr(error->message, "--qos \"fps=VALUE"));
	g_clear_error(&error);

	g_hash_table_insert(options, (gpointer) "qos", (gpointer) "fps=48");
	summary = aa_typeperf_import(before, options, &error);
	g_assert_no_error(error);
	g_assert_nonnull(strstr(summary, "gpu_slices=10"));
	profile = aa_profile_load(profile_fn, &error);
	g_assert_no_error(error);
	g_assert_cmpint(profile->alloc_gpu_slices, ==, 10);
	/* the scenario sizes POST_STD_VM1 at 4096 MiB */
	g_assert_cmpint(profile->alloc_memory_mib, ==, 4096);
	g_assert_cmpuint(profile->samples->len, ==, 4);

	/* recommend reads it */
	after = aa_test_context_acrn("adl-asrock", intent_fn);
	g_hash_table_insert(rec_options, (gpointer) "output", rec_fn);
	text = aa_recommend_run(after, rec_options, &error);
	g_assert_no_error(error);
	g_assert_null(strstr(text, "warning"));
	rec = aa_xml_load_file(rec_fn, &error);
	g_assert_no_error(error);
	{
		g_autoptr(xmlXPathContext) xctx = xmlXPathNewContext(rec);
		g_autoptr(xmlXPathObject) obj = xmlXPathEvalExpression(
		    (const xmlChar *)"string(/recommendation/vm[@name='POST_STD_VM1']/allocation/"
		                     "@gpu-slices)",
		    xctx);
		slices = g_strdup((const gchar *)obj->stringval);
	}
	g_test_message("POST_STD_VM1 gets %s GPU slices", slices);
	g_assert_cmpint(atoi(slices), >=, 1);
}

/* a FIFO as the counter log would block a plain read: refused at once */
static void
aa_typeperf_not_regular_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(AaTestDir) tmp = aa_test_tmpdir("aa-typeperf-XXXXXX");
	g_autofree gchar *fifo = g_build_filename(tmp, "log.csv", NULL);
	g_autofree gchar *out = g_build_filename(tmp, "profile.csv", NULL);
	g_autoptr(AaPluginContext) ctx = aa_context_new(g_test_get_dir(G_TEST_DIST), &error);
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);

	g_assert_no_error(error);
	g_assert_cmpint(mkfifo(fifo, 0644), ==, 0);
	g_hash_table_insert(options, (gpointer) "typeperf", fifo);
	g_hash_table_insert(options, (gpointer) "vm", (gpointer) "POST_STD_VM1");
	g_hash_table_insert(options, (gpointer) "gpu-slices", (gpointer) "0");
	g_hash_table_insert(options, (gpointer) "output", out);
	error = aa_typeperf_refusal(ctx, options);
	/* the message is the feature: it names the file */
	g_assert_nonnull(strstr(error->message, "log.csv"));
	g_assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/aa/typeperf/english", aa_typeperf_english_func);
	g_test_add_func("/aa/typeperf/decimal-comma", aa_typeperf_decimal_comma_func);
	g_test_add_func("/aa/typeperf/utf16", aa_typeperf_utf16_func);
	g_test_add_func("/aa/typeperf/invalid", aa_typeperf_invalid_func);
	g_test_add_func("/aa/typeperf/recommend", aa_typeperf_recommend_func);
	g_test_add_func("/aa/typeperf/not-regular", aa_typeperf_not_regular_func);
	return g_test_run();
}
