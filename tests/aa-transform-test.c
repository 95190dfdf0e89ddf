/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "aa-board-private.h"
#include "aa-context-private.h"
#include "aa-error.h"
#include "aa-scenario-private.h"
#include "aa-transform.h"
#include "aa-xml.h"
#include "aa-test-util.h"

/* a context with a real board and scenario, as the hooks load them */
typedef struct {
	AaBoard *board;
	AaScenario *scenario;
	AaPluginContext ctx;
	gchar *tmpdir;
} AaTransformFixture;

static void
aa_transform_fixture_load(AaTransformFixture *self, const gchar *board_fn, const gchar *scenario_fn)
{
	g_clear_pointer(&self->board, aa_board_free);
	g_clear_pointer(&self->scenario, aa_scenario_free);
	self->board = aa_test_load_board(board_fn);
	self->scenario = aa_test_load_scenario(scenario_fn);
	self->ctx.board = self->board;
	self->ctx.scenario = self->scenario;
}

static void
aa_transform_fixture_set_up(AaTransformFixture *self, gconstpointer user_data)
{
	self->ctx.data_dir = g_strdup(g_test_get_dir(G_TEST_DIST));
	self->tmpdir = g_dir_make_tmp("aa-transform-XXXXXX", NULL);
	g_assert_nonnull(self->tmpdir);
}

static void
aa_transform_fixture_tear_down(AaTransformFixture *self, gconstpointer user_data)
{
	aa_test_rm_rf(self->tmpdir);
	g_free(self->tmpdir);
	g_free(self->ctx.data_dir);
	g_clear_pointer(&self->board, aa_board_free);
	g_clear_pointer(&self->scenario, aa_scenario_free);
}

static gchar *
aa_transform_run_apply(AaTransformFixture *self, const gchar *rec, const gchar *out, gboolean force,
                       GError **error)
{
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
	g_hash_table_insert(options, "recommendation", (gpointer)rec);
	g_hash_table_insert(options, "output", (gpointer)out);
	g_hash_table_insert(options, "force", force ? "true" : "false");
	return aa_transform_apply(&self->ctx, options, error);
}

/* applies @rec to @board and @scenario into @out, which must succeed; returns
 * what it wrote */
static gchar *
aa_transform_apply_ok(AaTransformFixture *self, const gchar *board, const gchar *scenario,
                      const gchar *rec, const gchar *out)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *summary = NULL;

	aa_transform_fixture_load(self, board, scenario);
	summary = aa_transform_run_apply(self, rec, out, FALSE, &error);
	g_assert_no_error(error);
	g_assert_nonnull(summary);
	return aa_test_read_text(NULL, out);
}

/* idempotent: applying @rec to its result @out gives the same bytes */
static void
aa_transform_assert_idempotent(AaTransformFixture *self, const gchar *board, const gchar *rec,
                               const gchar *out)
{
	g_autofree gchar *out2 = g_build_filename(self->tmpdir, "final2.xml", NULL);
	g_autofree gchar *text = aa_test_read_text(NULL, out);
	g_autofree gchar *text2 = aa_transform_apply_ok(self, board, out, rec, out2);
	g_assert_cmpstr(text, ==, text2);
}

/* the pcpu_id values of a VM joined by commas, and its real_time_vcpu flags */
static gchar *
aa_transform_affinity(xmlDoc *doc, const gchar *vm)
{
	g_autofree gchar *expr =
	    g_strdup_printf("/acrn-config/vm[name='%s']/cpu_affinity/pcpu", vm);
	g_autoptr(GPtrArray) nodes = aa_xml_xpath(doc, NULL, expr, NULL);
	g_autoptr(GString) s = g_string_new(NULL);
	for (guint i = 0; i < nodes->len; i++) {
		xmlNode *pcpu = g_ptr_array_index(nodes, i);
		g_autofree gchar *id = aa_xml_child_text(pcpu, "pcpu_id");
		g_autofree gchar *rt = aa_xml_child_text(pcpu, "real_time_vcpu");
		g_string_append_printf(s, "%s%s:%s", i > 0 ? "," : "", id, rt);
	}
	return g_string_free(g_steal_pointer(&s), FALSE);
}

static void
aa_transform_apply_adl_func(AaTransformFixture *self, gconstpointer user_data)
{
	g_autofree gchar *board = aa_test_acrn_data("adl-asrock", "adl-asrock.xml");
	g_autofree gchar *scenario = aa_test_acrn_data("adl-asrock", "shared.xml");
	g_autofree gchar *rec =
	    aa_test_fixture_path("apply", "valid-recommendation-adl-asrock.xml", NULL);
	g_autofree gchar *out = g_build_filename(self->tmpdir, "final.xml", NULL);
	g_autofree gchar *in_text = NULL;
	g_autofree gchar *out_text = NULL;
	g_autofree gchar *aff = NULL;
	g_autoptr(xmlDoc) doc = NULL;
	const gchar *vm1 = "  <vm id=\"1\">";
	const gchar *vm3 = "  <vm id=\"3\">";

	out_text = aa_transform_apply_ok(self, board, scenario, rec, out);
	doc = aa_test_load_xml(out);

	/* affinity, real-time flags and sizes of the two recommended VMs */
	aff = aa_transform_affinity(doc, "POST_STD_VM1");
	g_assert_cmpstr(aff, ==, "2:n,3:n,4:n,5:n");
	g_clear_pointer(&aff, g_free);
	aff = aa_transform_affinity(doc, "POST_RT_VM1");
	g_assert_cmpstr(aff, ==, "10:y,11:y");
	aa_test_assert_xpath(doc, "string(/acrn-config/vm[name='POST_STD_VM1']/memory/size)",
	                     "6144");
	aa_test_assert_xpath(doc, "string(/acrn-config/vm[name='POST_RT_VM1']/memory/size)",
	                     "2048");

	/* the VFs replace the PF, described the way the configurator writes pci_dev */
	aa_test_assert_xpath(doc, "count(/acrn-config/vm[name='POST_STD_VM1']/pci_devs/pci_dev)",
	                     "2");
	aa_test_assert_xpath(
	    doc, "string(/acrn-config/vm[name='POST_STD_VM1']/pci_devs/pci_dev[1])",
	    "00:02.1 VGA compatible controller: Intel Corporation AlderLake-S GT1");
	aa_test_assert_xpath(
	    doc, "string(/acrn-config/vm[name='POST_STD_VM1']/pci_devs/pci_dev[2])",
	    "00:02.2 VGA compatible controller: Intel Corporation AlderLake-S GT1");
	aa_test_assert_xpath(doc, "count(//pci_dev[starts-with(., '00:02.0')])", "0");

	/* everything before VM 1 and from VM 3 on is byte-identical */
	g_assert_true(g_file_get_contents(scenario, &in_text, NULL, NULL));
	g_assert_nonnull(strstr(in_text, vm1));
	g_assert_cmpint(strstr(in_text, vm1) - in_text, ==, strstr(out_text, vm1) - out_text);
	g_assert_cmpint(strncmp(in_text, out_text, strstr(in_text, vm1) - in_text), ==, 0);
	g_assert_cmpstr(strstr(in_text, vm3), ==, strstr(out_text, vm3));
	/* and inside VM 1, what the recommendation does not touch */
	aa_test_assert_xpath(doc,
	                     "string(/acrn-config/vm[name='POST_STD_VM1']/virtio_devices/block)",
	                     "./win10-ltsc.img");
	aa_test_assert_xpath(doc, "string(/acrn-config/vm[name='POST_STD_VM1']/os_type)",
	                     "Windows OS");

	/* idempotent: applying to the result gives the same bytes */
	aa_transform_assert_idempotent(self, board, rec, out);
}

static void
aa_transform_apply_hpa_region_func(AaTransformFixture *self, gconstpointer user_data)
{
	g_autofree gchar *board = aa_test_acrn_data("nuc11tnbi5", "nuc11tnbi5.xml");
	g_autofree gchar *scenario = aa_test_acrn_data("nuc11tnbi5", "hybrid.xml");
	g_autofree gchar *rec =
	    aa_test_fixture_path("apply", "valid-recommendation-nuc11-hybrid.xml", NULL);
	g_autofree gchar *out = g_build_filename(self->tmpdir, "final.xml", NULL);
	g_autofree gchar *text = aa_transform_apply_ok(self, board, scenario, rec, out);
	g_autofree gchar *aff = NULL;
	g_autoptr(xmlDoc) doc = aa_test_load_xml(out);

	/* a pre-launched VM: the one hpa_region's size, its start kept */
	aa_test_assert_xpath(doc, "string(//vm[name='SAFETY_VM0']/memory/hpa_region/size_hpa)",
	                     "1024");
	aa_test_assert_xpath(doc, "string(//vm[name='SAFETY_VM0']/memory/hpa_region/start_hpa)",
	                     "0x100000000");
	aa_test_assert_xpath(doc, "count(//vm[name='SAFETY_VM0']/memory/size)", "0");
	aff = aa_transform_affinity(doc, "POST_STD_VM1");
	g_assert_cmpstr(aff, ==, "1:n,2:n");
	aa_test_assert_xpath(
	    doc, "string(//vm[name='POST_STD_VM1']/pci_devs/pci_dev)",
	    "00:02.3 VGA compatible controller: Intel Corporation TigerLake-LP GT2 "
	    "[Iris Xe Graphics]");
	/* the other post-launched VM is untouched */
	aa_test_assert_xpath(doc, "string(//vm[name='POST_STD_VM2']/memory/size)", "512");
}

static void
aa_transform_apply_missing_elements_func(AaTransformFixture *self, gconstpointer user_data)
{
	g_autofree gchar *board = aa_test_acrn_data("nuc11tnbi5", "nuc11tnbi5.xml");
	g_autofree gchar *scenario =
	    aa_test_fixture_path("apply", "valid-scenario-missing-elements.xml", NULL);
	g_autofree gchar *rec =
	    aa_test_fixture_path("apply", "valid-recommendation-missing-elements.xml", NULL);
	g_autofree gchar *out = g_build_filename(self->tmpdir, "final.xml", NULL);
	g_autofree gchar *text = aa_transform_apply_ok(self, board, scenario, rec, out);

	/* added inside the VM, indented like its children, after the unknown element */
	g_assert_nonnull(strstr(text, "<vendor_extension flavour=\"kept\">unknown elements "
	                              "survive</vendor_extension>\n"
	                              "    <cpu_affinity>\n"
	                              "      <pcpu>\n"
	                              "        <pcpu_id>2</pcpu_id>\n"
	                              "        <real_time_vcpu>y</real_time_vcpu>\n"
	                              "      </pcpu>\n"));
	g_assert_nonnull(strstr(text, "    <memory>\n      <size>2048</size>\n    </memory>\n"
	                              "    <pci_devs>\n      <pci_dev>00:02.1 VGA compatible "
	                              "controller: Intel Corporation TigerLake-LP GT2 [Iris Xe "
	                              "Graphics]</pci_dev>\n    </pci_devs>\n  </vm>\n"));
	g_assert_nonnull(strstr(text, "<!-- kept: a comment inside the VM -->"));

	aa_transform_assert_idempotent(self, board, rec, out);
}

/* a recommendation that does not fit the scenario: refused, nothing written */
static void
aa_transform_apply_invalid_func(AaTransformFixture *self, gconstpointer user_data)
{
	const gchar *name = user_data;
	g_autofree gchar *board = aa_test_acrn_data("nuc11tnbi5", "nuc11tnbi5.xml");
	g_autofree gchar *scenario = aa_test_acrn_data("nuc11tnbi5", "hybrid.xml");
	g_autofree gchar *rec = aa_test_fixture_path("apply", name, NULL);
	g_autofree gchar *out = g_build_filename(self->tmpdir, "final.xml", NULL);
	g_autofree gchar *summary = NULL;
	g_autoptr(GError) error = NULL;

	aa_transform_fixture_load(self, board, scenario);
	summary = aa_transform_run_apply(self, rec, out, FALSE, &error);
	g_assert_null(summary);
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_DATA);
	g_assert_nonnull(strstr(error->message, "apply-recommendation.xsl"));
	g_assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
}

static void
aa_transform_apply_no_overwrite_func(AaTransformFixture *self, gconstpointer user_data)
{
	g_autofree gchar *board = aa_test_acrn_data("nuc11tnbi5", "nuc11tnbi5.xml");
	g_autofree gchar *orig = aa_test_acrn_data("nuc11tnbi5", "hybrid.xml");
	g_autofree gchar *scenario = g_build_filename(self->tmpdir, "scenario.xml", NULL);
	g_autofree gchar *rec =
	    aa_test_fixture_path("apply", "valid-recommendation-nuc11-hybrid.xml", NULL);
	g_autofree gchar *before = NULL;
	g_autofree gchar *after = NULL;
	g_autofree gchar *summary = NULL;
	g_autoptr(GError) error = NULL;

	g_assert_true(g_file_get_contents(orig, &before, NULL, NULL));
	g_assert_true(g_file_set_contents(scenario, before, -1, NULL));
	aa_transform_fixture_load(self, board, scenario);
	summary = aa_transform_run_apply(self, rec, scenario, FALSE, &error);
	g_assert_null(summary);
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT);
	g_assert_true(g_file_get_contents(scenario, &after, NULL, NULL));
	g_assert_cmpstr(before, ==, after);

	/* asked for explicitly: replaced in place */
	g_clear_error(&error);
	summary = aa_transform_run_apply(self, rec, scenario, TRUE, &error);
	g_assert_no_error(error);
	g_clear_pointer(&after, g_free);
	g_assert_true(g_file_get_contents(scenario, &after, NULL, NULL));
	g_assert_nonnull(strstr(after, "<size_hpa>1024</size_hpa>"));
}

/* a final scenario that breaks hard rules is not written unless forced */
static void
aa_transform_apply_refused_func(AaTransformFixture *self, gconstpointer user_data)
{
	g_autofree gchar *board = aa_test_acrn_data("adl-asrock", "adl-asrock.xml");
	g_autofree gchar *scenario = aa_test_acrn_data("adl-asrock", "shared.xml");
	g_autofree gchar *rec =
	    aa_test_fixture_path("apply", "refused-recommendation-rt-on-shared-cpu0.xml", NULL);
	g_autofree gchar *out = g_build_filename(self->tmpdir, "final.xml", NULL);
	g_autofree gchar *summary = NULL;
	g_autoptr(GError) error = NULL;

	aa_transform_fixture_load(self, board, scenario);
	summary = aa_transform_run_apply(self, rec, out, FALSE, &error);
	g_assert_null(summary);
	g_assert_error(error, AA_ERROR, AA_ERROR_VALIDATION);
	g_assert_nonnull(strstr(error->message, "[rt-cpu0]"));
	g_assert_nonnull(strstr(error->message, "[rt-pcpu-shared]"));
	g_assert_nonnull(strstr(error->message, "--force"));
	g_assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
	g_clear_error(&error);

	summary = aa_transform_run_apply(self, rec, out, TRUE, &error);
	g_assert_no_error(error);
	g_assert_nonnull(strstr(summary, "despite"));
	g_assert_true(g_file_test(out, G_FILE_TEST_IS_REGULAR));
}

/* a hook called without an option it needs: bad usage (exit 2), the
 * message naming what to pass, nothing read */
static void
aa_transform_usage_func(AaTransformFixture *self, gconstpointer user_data)
{
	g_autofree gchar *board = aa_test_fixture_path("valid-board-tiny-hybrid.xml", NULL);
	g_autofree gchar *scenario = aa_test_fixture_path("demo", "cockpit-scenario.xml", NULL);
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(GError) error_apply = NULL;
	g_autoptr(GError) error_launch = NULL;

	aa_transform_fixture_load(self, board, scenario);
	g_hash_table_insert(options, "recommendation", "no-such-recommendation.xml");
	g_assert_null(aa_transform_apply(&self->ctx, options, &error_apply));
	g_assert_error(error_apply, AA_ERROR, AA_ERROR_INVALID_ARGUMENT);
	g_assert_cmpstr(error_apply->message, ==, "apply needs --recommendation and -o");
	g_assert_cmpint(aa_error_exit_code(error_apply), ==, 2);
	g_assert_null(aa_transform_launch(&self->ctx, options, &error_launch));
	g_assert_error(error_launch, AA_ERROR, AA_ERROR_INVALID_ARGUMENT);
	g_assert_cmpstr(error_launch->message, ==, "launch needs -o DIR");
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add("/aa/transform/apply-adl-asrock", AaTransformFixture, NULL,
	           aa_transform_fixture_set_up, aa_transform_apply_adl_func,
	           aa_transform_fixture_tear_down);
	g_test_add("/aa/transform/apply-hpa-region", AaTransformFixture, NULL,
	           aa_transform_fixture_set_up, aa_transform_apply_hpa_region_func,
	           aa_transform_fixture_tear_down);
	g_test_add("/aa/transform/apply-missing-elements", AaTransformFixture, NULL,
	           aa_transform_fixture_set_up, aa_transform_apply_missing_elements_func,
	           aa_transform_fixture_tear_down);
	g_test_add("/aa/transform/apply-unknown-vm", AaTransformFixture,
	           "invalid-recommendation-unknown-vm.xml", aa_transform_fixture_set_up,
	           aa_transform_apply_invalid_func, aa_transform_fixture_tear_down);
	g_test_add("/aa/transform/apply-vf-to-pre-launched", AaTransformFixture,
	           "invalid-recommendation-vf-to-pre-launched.xml", aa_transform_fixture_set_up,
	           aa_transform_apply_invalid_func, aa_transform_fixture_tear_down);
	g_test_add("/aa/transform/apply-no-overwrite", AaTransformFixture, NULL,
	           aa_transform_fixture_set_up, aa_transform_apply_no_overwrite_func,
	           aa_transform_fixture_tear_down);
	g_test_add("/aa/transform/apply-refused", AaTransformFixture, NULL,
	           aa_transform_fixture_set_up, aa_transform_apply_refused_func,
	           aa_transform_fixture_tear_down);
	g_test_add("/aa/transform/usage", AaTransformFixture, NULL, aa_transform_fixture_set_up,
	           aa_transform_usage_func, aa_transform_fixture_tear_down);
	return g_test_run();
}
