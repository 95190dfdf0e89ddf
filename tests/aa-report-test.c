/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#ifdef HAVE_GDK_PIXBUF
#include <gdk-pixbuf/gdk-pixbuf.h>
#endif

#include "aa-error.h"
#include "aa-context-private.h"
#include "aa-recommend.h"
#include "aa-report.h"
#include "aa-test-util.h"
#include "aa-xml.h"

static gchar *
aa_report_test_fixture(const gchar *name)
{
	return aa_test_fixture_path(name, NULL);
}

static gchar *
aa_report_test_data_dir(void)
{
	return g_test_build_filename(G_TEST_DIST, ".", NULL);
}

static xmlDoc *
aa_report_test_load(const gchar *name)
{
	g_autofree gchar *fn = aa_report_test_fixture(name);
	return aa_test_load_xml(fn);
}

static xmlDoc *
aa_report_test_parse(const gchar *xml)
{
	g_autoptr(GError) error = NULL;
	xmlDoc *doc = aa_xml_load_memory(xml, strlen(xml), "test.xml", &error);
	g_assert_no_error(error);
	return doc;
}

static gchar *
aa_report_test_render(xmlDoc *input)
{
	g_autofree gchar *data_dir = aa_report_test_data_dir();
	g_autoptr(GError) error = NULL;
	gchar *html = aa_report_render(data_dir, input, &error);
	g_assert_no_error(error);
	g_assert_nonnull(html);
	return html;
}

/* the attribute @name of the first element matching @xpath in @doc */
static gchar *
aa_report_test_xpath_prop(xmlDoc *doc, const gchar *xpath, const gchar *name)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) nodes = aa_xml_xpath(doc, NULL, xpath, &error);
	g_assert_no_error(error);
	if (nodes->len == 0)
		return NULL;
	return aa_xml_prop(g_ptr_array_index(nodes, 0), name);
}

static guint
aa_report_test_xpath_count(xmlDoc *doc, const gchar *xpath)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) nodes = aa_xml_xpath(doc, NULL, xpath, &error);
	g_assert_no_error(error);
	return nodes->len;
}

/* the report loads nothing from anywhere and escapes what it shows */
static void
aa_report_test_assert_self_contained(const gchar *html)
{
	g_assert_true(g_str_has_prefix(html, "<!DOCTYPE html>"));
	aa_test_assert_lacks(html, "<script", "<link", "<img", "@import", "src=", "http://",
	                     "https://", "href=", NULL);
}

static void
aa_report_render_fixture_func(void)
{
	g_autoptr(xmlDoc) input = aa_report_test_load("valid-report-input-adl.xml");
	g_autofree gchar *html = aa_report_test_render(input);

	aa_report_test_assert_self_contained(html);
	for (guint i = 0; i < 4; i++) {
		const gchar *ids[] = {"chart-capacity", "chart-qos", "chart-objective",
		                      "chart-pcpu-map"};
		g_autofree gchar *needle = g_strdup_printf("<svg id=\"%s\"", ids[i]);
		g_assert_nonnull(strstr(html, needle));
	}
	aa_test_assert_contains(html, "POST_RT_VM1", "16,384", "3.412", "✘ missed", NULL);
	/* the free P-thread of the fixture */
	g_assert_nonnull(strstr(html, "pCPU 7 (P-core): free"));
	/* diagnostic text with markup characters arrives escaped */
	aa_test_assert_contains(html, "target &lt;= 40", "target &amp; re-run", NULL);
}

static void
aa_report_recommendation_only_func(void)
{
	g_autofree gchar *fn = aa_report_test_fixture("valid-recommendation-adl.xml");
	g_autoptr(xmlDoc) rec = aa_report_test_load("valid-recommendation-adl.xml");
	g_autoptr(GError) error = NULL;
	g_autoptr(xmlDoc) input = aa_report_input_new(NULL, NULL, rec, fn, &error);
	g_autofree gchar *html = NULL;
	g_autofree gchar *line = NULL;

	g_assert_no_error(error);
	g_assert_nonnull(input);
	/* the one missed QoS target becomes a warning that points at its line */
	g_assert_cmpuint(aa_report_test_xpath_count(input, "//diagnostic"), ==, 1);
	line = aa_report_test_xpath_prop(input, "//diagnostic[@severity='warning']", "line");
	g_assert_cmpstr(line, ==, "37");
	g_assert_cmpuint(aa_report_test_xpath_count(input, "/report-input/board"), ==, 0);

	html = aa_report_test_render(input);
	aa_report_test_assert_self_contained(html);
	g_assert_nonnull(strstr(html, "POST_STD_VM2: predicted latency-p99-ms 48 misses"));
	/* without a board the map still shows the ten allocated pCPUs */
	aa_test_assert_contains(html, "P-cores (6 pCPUs)", "E-cores (4 pCPUs)", NULL);
}

static void
aa_report_test_board_free(AaBoard *board)
{
	for (guint i = 0; i < board->pcpus->len; i++) {
		AaPcpu *pcpu = g_ptr_array_index(board->pcpus, i);
		g_free(pcpu->core_type);
		g_free(pcpu);
	}
	g_ptr_array_unref(board->pcpus);
	g_free(board->name);
	g_free(board);
}

/* a 4 P + 2 E board, built by hand so that the test needs no board parser */
static AaBoard *
aa_report_test_board_new(void)
{
	AaBoard *board = g_new0(AaBoard, 1);
	board->name = g_strdup("tiny-hybrid");
	board->hybrid = TRUE;
	board->memory_mib = 16384;
	board->pcpus = g_ptr_array_new();
	for (guint i = 0; i < 6; i++) {
		AaPcpu *pcpu = g_new0(AaPcpu, 1);
		pcpu->cpu_id = i;
		pcpu->core_id = i;
		pcpu->kind = i < 4 ? AA_CORE_KIND_P : AA_CORE_KIND_E;
		pcpu->core_type = g_strdup(i < 4 ? "Core" : "Atom");
		g_ptr_array_add(board->pcpus, pcpu);
	}
	return board;
}

static void
aa_report_board_owners_func(void)
{
	/* capacity 3 P: one P-core is the Service VM's, cpu 0; the VM asks for
	 * pCPU 9, which the board lacks */
	const gchar *xml =
	    "<recommendation version='1' strategy='optimal' board='other-board'>\n"
	    "<capacity p-cores='3' e-cores='2' memory-mib='12000' gpu-slices='0' gpu-vfs='0'/>\n"
	    "<vm name='A' id='1'><allocation p-cores='2' e-cores='0' memory-mib='1024' "
	    "gpu-slices='0'><pcpu id='1'/><pcpu id='2'/></allocation></vm>\n"
	    "<vm name='B' id='2'><allocation p-cores='0' e-cores='2' memory-mib='1024' "
	    "gpu-slices='0'><pcpu id='4'/><pcpu id='9'/></allocation></vm>\n"
	    "</recommendation>\n";
	AaBoard *board = aa_report_test_board_new();
	g_autoptr(xmlDoc) rec = aa_report_test_parse(xml);
	g_autoptr(GError) error = NULL;
	g_autoptr(xmlDoc) input = aa_report_input_new(board, NULL, rec, "rec.xml", &error);
	g_autofree gchar *owner0 = NULL;
	g_autofree gchar *role0 = NULL;
	g_autofree gchar *owner2 = NULL;
	g_autofree gchar *owner3 = NULL;
	g_autofree gchar *owner4 = NULL;
	g_autofree gchar *owner5 = NULL;
	g_autofree gchar *html = NULL;

	g_assert_no_error(error);
	owner0 = aa_report_test_xpath_prop(input, "//board/pcpu[@id='0']", "owner");
	role0 = aa_report_test_xpath_prop(input, "//board/pcpu[@id='0']", "role");
	owner2 = aa_report_test_xpath_prop(input, "//board/pcpu[@id='2']", "owner");
	owner3 = aa_report_test_xpath_prop(input, "//board/pcpu[@id='3']", "owner");
	owner4 = aa_report_test_xpath_prop(input, "//board/pcpu[@id='4']", "owner");
	owner5 = aa_report_test_xpath_prop(input, "//board/pcpu[@id='5']", "owner");
	g_assert_cmpstr(owner0, ==, "Service VM");
	g_assert_cmpstr(role0, ==, "service");
	g_assert_cmpstr(owner2, ==, "A");
	g_assert_null(owner3);
	g_assert_cmpstr(owner4, ==, "B");
	g_assert_null(owner5);
	/* the missing pCPU is an error, the board mismatch a warning */
	g_assert_cmpuint(aa_report_test_xpath_count(input, "//diagnostic[@severity='error']"
	                                                   "[contains(., 'pCPU 9')]"),
	                 ==, 1);
	g_assert_cmpuint(aa_report_test_xpath_count(input, "//diagnostic[@severity='warning']"
	                                                   "[contains(., 'other-board')]"),
	                 ==, 1);

	html = aa_report_test_render(input);
	aa_test_assert_contains(html, "pCPU 0 (P-core): Service VM", "pCPU 5 (E-core): free", NULL);
	aa_report_test_board_free(board);
}

/* the real adl-asrock board and its shared scenario (ACRN's own data) */
static void
aa_report_real_board_func(void)
{
	const gchar *acrn_data = g_getenv("AA_ACRN_DATA");
	g_autofree gchar *board_fn = NULL;
	g_autofree gchar *scenario_fn = NULL;
	g_autofree gchar *rec_fn = aa_report_test_fixture("valid-recommendation-adl.xml");
	g_autoptr(AaBoard) board = aa_board_new();
	g_autoptr(AaScenario) scenario = aa_scenario_new();
	g_autoptr(xmlDoc) rec = aa_report_test_load("valid-recommendation-adl.xml");
	g_autoptr(xmlDoc) input = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *owner0 = NULL;
	g_autofree gchar *role0 = NULL;
	g_autofree gchar *owner7 = NULL;
	g_autofree gchar *kind8 = NULL;
	g_autofree gchar *owner11 = NULL;
	g_autofree gchar *vfs = NULL;
	g_autofree gchar *vm_type = NULL;
	g_autofree gchar *html = NULL;

	if (acrn_data == NULL) {
		g_test_skip("AA_ACRN_DATA is not set (meson sets it)");
		return;
	}
	board_fn = g_build_filename(acrn_data, "adl-asrock", "adl-asrock.xml", NULL);
	scenario_fn = g_build_filename(acrn_data, "adl-asrock", "shared.xml", NULL);
	g_assert_true(aa_board_load(board, board_fn, &error));
	g_assert_no_error(error);
	g_assert_true(aa_scenario_load(scenario, scenario_fn, &error));
	g_assert_no_error(error);

	input = aa_report_input_new(board, scenario, rec, rec_fn, &error);
	g_assert_no_error(error);
	owner0 = aa_report_test_xpath_prop(input, "//board/pcpu[@id='0']", "owner");
	role0 = aa_report_test_xpath_prop(input, "//board/pcpu[@id='0']", "role");
	owner7 = aa_report_test_xpath_prop(input, "//board/pcpu[@id='7']", "owner");
	kind8 = aa_report_test_xpath_prop(input, "//board/pcpu[@id='8']", "kind");
	owner11 = aa_report_test_xpath_prop(input, "//board/pcpu[@id='11']", "owner");
	vfs = aa_report_test_xpath_prop(input, "//board/gpu", "total-vfs");
	vm_type = aa_report_test_xpath_prop(input, "//scenario/vm[@name='POST_RT_VM1']", "vm-type");
	g_assert_cmpstr(owner0, ==, "ACRN_Service_VM");
	g_assert_cmpstr(role0, ==, "service");
	g_assert_null(owner7);
	g_assert_cmpstr(kind8, ==, "E");
	g_assert_cmpstr(owner11, ==, "POST_STD_VM2");
	g_assert_cmpstr(vfs, ==, "7");
	g_assert_cmpstr(vm_type, ==, "RTVM");
	/* board and scenario agree with the recommendation: only the QoS miss */
	g_assert_cmpuint(aa_report_test_xpath_count(input, "//diagnostic"), ==, 1);

	html = aa_report_test_render(input);
	aa_report_test_assert_self_contained(html);
	aa_test_assert_contains(html, "P-cores (8 pCPUs)", "pCPU 7 (P-core): free",
	                        "pCPU 0 (P-core): ACRN_Service_VM", NULL);
}

static void
aa_report_invalid_func(void)
{
	const gchar *not_rec = "<alloc-intent version='1'/>";
	const gchar *v2 = "<recommendation version='2'/>";
	g_autoptr(xmlDoc) doc1 = aa_report_test_parse(not_rec);
	g_autoptr(xmlDoc) doc2 = aa_report_test_parse(v2);
	g_autoptr(xmlDoc) input1 = NULL;
	g_autoptr(xmlDoc) input2 = NULL;
	g_autoptr(GError) error1 = NULL;
	g_autoptr(GError) error2 = NULL;

	input1 = aa_report_input_new(NULL, NULL, doc1, "x.xml", &error1);
	g_assert_error(error1, AA_ERROR, AA_ERROR_INVALID_DATA);
	g_assert_null(input1);
	input2 = aa_report_input_new(NULL, NULL, doc2, "x.xml", &error2);
	g_assert_error(error2, AA_ERROR, AA_ERROR_INVALID_DATA);
	g_assert_null(input2);
}

static void
aa_report_write_func(void)
{
	g_autofree gchar *data_dir = aa_report_test_data_dir();
	g_autofree gchar *rec = aa_report_test_fixture("valid-recommendation-adl.xml");
	g_autoptr(GError) error = NULL;
	AaPluginContext ctx = {.data_dir = data_dir};
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
	g_autofree gchar *tmp = g_dir_make_tmp("aa-report-XXXXXX", &error);
	g_autofree gchar *out = NULL;
	g_autofree gchar *summary = NULL;
	g_autofree gchar *html = NULL;

	g_assert_no_error(error);
	out = g_build_filename(tmp, "report.html", NULL);
	g_hash_table_insert(options, "recommendation", rec);
	g_hash_table_insert(options, "output", out);
	summary = aa_report_write(&ctx, options, &error);
	g_assert_no_error(error);
	g_assert_nonnull(strstr(summary, "3 VMs, 0 errors, 1 warnings"));
	g_assert_true(g_file_get_contents(out, &html, NULL, &error));
	g_assert_no_error(error);
	aa_report_test_assert_self_contained(html);
	g_assert_cmpint(g_unlink(out), ==, 0);
	g_assert_cmpint(g_rmdir(tmp), ==, 0);
}

static gchar *
aa_report_test_find_chromium(void)
{
	const gchar *env = g_getenv("AA_CHROMIUM");
	if (env != NULL)
		return g_strdup(env);
	for (guint i = 0; i < 3; i++) {
		const gchar *names[] = {"chromium", "chromium-browser", "google-chrome"};
		gchar *path = g_find_program_in_path(names[i]);
		if (path != NULL)
			return path;
	}
	return NULL;
}

/* runs headless chromium with no network, no profile and a time limit */
static gchar *
aa_report_test_chromium(const gchar *chromium, const gchar *profile_dir, const gchar *what,
                        const gchar *url)
{
	g_autofree gchar *user_data = g_strdup_printf("--user-data-dir=%s", profile_dir);
	const gchar *argv[] = {"timeout",
	                       "90",
	                       chromium,
	                       "--headless",
	                       "--no-sandbox",
	                       "--disable-gpu",
	                       "--disable-quic",
	                       "--no-first-run",
	                       "--disable-background-networking",
	                       "--disable-component-update",
	                       "--disable-sync",
	                       "--disable-dev-shm-usage",
	                       "--hide-scrollbars",
	                       user_data,
	                       "--window-size=1200,1600",
	                       what,
	                       url,
	                       NULL};
	g_autofree gchar *out = NULL;
	g_autofree gchar *err = NULL;
	g_autoptr(GError) error = NULL;
	gint status = 0;

	g_spawn_sync(NULL, (gchar **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
	             &status, &error);
	g_assert_no_error(error);
	if (!g_spawn_check_wait_status(status, &error))
		g_test_message("chromium stderr: %s", err);
	g_assert_no_error(error);
	return g_steal_pointer(&out);
}

#ifdef HAVE_GDK_PIXBUF
/* the screenshot shows the page: many colours, and the header and the
 * first VM's colour cover real areas */
static void
aa_report_test_check_png(const gchar *png)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file(png, &error);
	g_autoptr(GHashTable) colours = g_hash_table_new(g_direct_hash, g_direct_equal);
	guint header = 0;
	guint vm1 = 0;
	gint width;
	gint height;
	gint stride;
	gint channels;
	const guchar *pixels;

	g_assert_no_error(error);
	width = gdk_pixbuf_get_width(pixbuf);
	height = gdk_pixbuf_get_height(pixbuf);
	stride = gdk_pixbuf_get_rowstride(pixbuf);
	channels = gdk_pixbuf_get_n_channels(pixbuf);
	pixels = gdk_pixbuf_read_pixels(pixbuf);
	g_assert_cmpint(width, ==, 1200);
	g_assert_cmpint(height, ==, 1600);
	for (gint y = 0; y < height; y++) {
		for (gint x = 0; x < width; x++) {
			const guchar *p = pixels + y * stride + x * channels;
			guint rgb = ((guint)p[0] << 16) | ((guint)p[1] << 8) | p[2];
			g_hash_table_add(colours, GUINT_TO_POINTER(rgb + 1));
			if (rgb == 0x16324f)
				header++;
			if (rgb == 0x1f5fa8)
				vm1++;
		}
	}
	g_test_message("screenshot: %u colours, %u header pixels, %u VM1 pixels",
	               g_hash_table_size(colours), header, vm1);
	g_assert_cmpuint(g_hash_table_size(colours), >, 50);
	g_assert_cmpuint(header, >, 1200 * 40);
	g_assert_cmpuint(vm1, >, 5000);
}
#endif

static void
aa_report_chromium_func(void)
{
	g_autofree gchar *chromium = aa_report_test_find_chromium();
	g_autoptr(xmlDoc) input = aa_report_test_load("valid-report-input-adl.xml");
	g_autofree gchar *html = aa_report_test_render(input);
	g_autoptr(GError) error = NULL;
	g_autofree gchar *tmp = NULL;
	g_autofree gchar *profile = NULL;
	g_autofree gchar *fn = NULL;
	g_autofree gchar *png = NULL;
	g_autofree gchar *uri = NULL;
	g_autofree gchar *dom = NULL;
	g_autofree gchar *shot_arg = NULL;
	g_autofree gchar *shot_out = NULL;
	g_autofree gchar *rm_out = NULL;
	const gchar *keep = g_getenv("AA_REPORT_SCREENSHOT");

	if (chromium == NULL) {
		g_test_skip("chromium is not installed (scripts/setup.sh installs it); "
		            "the report's rendering is not checked");
		return;
	}
	tmp = g_dir_make_tmp("aa-report-chromium-XXXXXX", &error);
	g_assert_no_error(error);
	profile = g_build_filename(tmp, "profile", NULL);
	fn = g_build_filename(tmp, "report.html", NULL);
	png = g_build_filename(tmp, "report.png", NULL);
	g_assert_true(g_file_set_contents(fn, html, -1, &error));
	g_assert_no_error(error);
	uri = g_filename_to_uri(fn, NULL, &error);
	g_assert_no_error(error);

	/* the DOM as the browser built it: SVG elements, labels and numbers */
	dom = aa_report_test_chromium(chromium, profile, "--dump-dom", uri);
	aa_test_assert_contains(dom, "<svg id=\"chart-capacity\"", "<svg id=\"chart-qos\"",
	                        "<svg id=\"chart-objective\"", "<svg id=\"chart-pcpu-map\"",
	                        "<g id=\"capacity-memory-mib\"", "<g id=\"pcpu-11\"",
	                        "id=\"legend-capacity\"", "POST_STD_VM1", "POST_RT_VM1",
	                        "POST_STD_VM2", "16,384", "3.412", "2.910", "1,234", NULL);
	/* rounded to three significant digits, with the metric's unit */
	aa_test_assert_contains(dom, "57.1 fps (target ≥ 55 fps)", "48.0 ms (target ≤ 40 ms)",
	                        "1,180 requests/s (target ≥ 1,000 requests/s)", NULL);
	/* the diagnostic's markup stayed text: no element came out of it */
	g_assert_nonnull(strstr(dom, "target &lt;= 40"));

	/* the screenshot is the rendered page, not a blank one */
	shot_arg = g_strdup_printf("--screenshot=%s", png);
	shot_out = aa_report_test_chromium(chromium, profile, shot_arg, uri);
	g_assert_true(g_file_test(png, G_FILE_TEST_IS_REGULAR));
#ifdef HAVE_GDK_PIXBUF
	aa_report_test_check_png(png);
#else
	g_test_message("gdk-pixbuf is missing: the screenshot's pixels are not checked");
#endif
	if (keep != NULL) {
		g_autofree gchar *data = NULL;
		gsize len = 0;
		g_assert_true(g_file_get_contents(png, &data, &len, &error));
		g_assert_true(g_file_set_contents(keep, data, len, &error));
		g_assert_no_error(error);
	}

	/* the browser's profile directory holds many files */
	{
		const gchar *argv[] = {"rm", "-rf", "--", tmp, NULL};
		g_spawn_sync(NULL, (gchar **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &rm_out,
		             NULL, NULL, &error);
		g_assert_no_error(error);
	}
}

/* the demo planned end to end: the QoS bars show direction and target, the
 * pCPU map the Service VM's sharing, and the report says why IVI sits on the
 * hyper-thread sibling of the Service VM's CPU 0 */
static void
aa_report_demo_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *board_fn = aa_report_test_fixture("valid-board-tiny-hybrid.xml");
	g_autofree gchar *scenario_fn = aa_test_fixture_path("demo", "cockpit-scenario.xml", NULL);
	g_autoptr(AaTestDir) tmp = aa_test_tmpdir("aa-report-XXXXXX");
	g_autofree gchar *rec_fn = g_build_filename(tmp, "rec.xml", NULL);
	g_autoptr(AaPluginContext) ctx =
	    aa_test_context_fixture(board_fn, scenario_fn, "demo/cockpit-intent.xml");
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(xmlDoc) rec = NULL;
	g_autoptr(xmlDoc) input = NULL;
	g_autofree gchar *summary = NULL;
	g_autofree gchar *html = NULL;
	g_autofree gchar *free_id = NULL;
	g_autofree gchar *owner1 = NULL;
	g_autofree gchar *role0 = NULL;

	g_hash_table_insert(options, (gpointer) "output", rec_fn);
	summary = aa_recommend_run(ctx, options, &error);
	g_assert_no_error(error);
	rec = aa_xml_load_file(rec_fn, &error);
	g_assert_no_error(error);
	input = aa_report_input_new(ctx->board, ctx->scenario, rec, rec_fn, &error);
	g_assert_no_error(error);

	/* IVI is placed on cpu 1 (MODEL.md: lowest free P-cores), the sibling of
	 * cpu 0 the Service VM keeps */
	owner1 = aa_report_test_xpath_prop(input, "/report-input/board/pcpu[@id='1']", "owner");
	role0 = aa_report_test_xpath_prop(input, "/report-input/board/pcpu[@id='0']", "role");
	g_assert_cmpstr(owner1, ==, "IVI");
	g_assert_cmpstr(role0, ==, "service");
	/* the Service VM shares the standard VMs' pCPUs and the free ones, not
	 * its own reserve and not the RT VM's */
	g_assert_cmpuint(aa_report_test_xpath_count(input, "/report-input/board/pcpu"
	                                                   "[@owner='IVI'][@service-shares]"),
	                 ==, 4);
	g_assert_cmpuint(aa_report_test_xpath_count(input, "/report-input/board/pcpu"
	                                                   "[@owner='AI_ASSIST'][@service-shares]"),
	                 ==, 4);
	g_assert_cmpuint(aa_report_test_xpath_count(input,
	                                            "/report-input/board/pcpu"
	                                            "[@owner='RT_CLUSTER'][@service-shares]"),
	                 ==, 0);
	g_assert_cmpuint(aa_report_test_xpath_count(input, "/report-input/board/pcpu"
	                                                   "[@role='service'][@service-shares]"),
	                 ==, 0);
	/* the note: cpu 7 is free and no sibling of the reserve; cpu 3 is free
	 * too but the RT VM's hyper-thread partner, so never offered */
	g_assert_cmpuint(aa_report_test_xpath_count(input, "/report-input/board/placement-note"),
	                 ==, 1);
	free_id = aa_report_test_xpath_prop(input, "/report-input/board/placement-note", "free");
	g_assert_cmpstr(free_id, ==, "7");

	html = aa_report_test_render(input);
	g_assert_nonnull(strstr(html, "IVI runs on cpu 1, the hyper-thread sibling of cpu 0 that "
	                              "ACRN_Service_VM keeps, while cpu 7 is free."));
	aa_test_assert_contains(html, "replace 1 by 7 in its cpu_affinity",
	                        "pCPU 4 (P-core): IVI, ACRN_Service_VM runs here too",
	                        "class=\"service-share\"", NULL);
	/* direction and target: a zone on the meeting side of each target line */
	aa_test_assert_contains(html, "class=\"qos-zone qos-zone-higher\"",
	                        "class=\"qos-zone qos-zone-lower\"", "higher ▶", "◀ lower",
	                        "class=\"qos-target\"", NULL);
	/* no raw model decimals: three significant digits and units */
	aa_test_assert_contains(html, " fps (target ≥ 55 fps)", " tokens/s (target ≥ 18 tokens/s)",
	                        NULL);
	g_assert_false(g_regex_match_simple("predicted [0-9]+\\.[0-9]{3,}", html, 0, 0));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/aa/report/render-fixture", aa_report_render_fixture_func);
	g_test_add_func("/aa/report/recommendation-only", aa_report_recommendation_only_func);
	g_test_add_func("/aa/report/board-owners", aa_report_board_owners_func);
	g_test_add_func("/aa/report/real-board", aa_report_real_board_func);
	g_test_add_func("/aa/report/invalid", aa_report_invalid_func);
	g_test_add_func("/aa/report/write", aa_report_write_func);
	g_test_add_func("/aa/report/demo", aa_report_demo_func);
	g_test_add_func("/aa/report/chromium", aa_report_chromium_func);
	return g_test_run();
}
