/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Infeasibility messages name the binding resource and the rule.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "aa-context-private.h"
#include "aa-error.h"
#include "aa-explain.h"
#include "aa-recommend.h"
#include "aa-test-util.h"

/* runs recommend, which must fail with @code; returns the message */
static gchar *
aa_test_recommend_error(AaPluginContext *ctx, gint code)
{
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(GError) error = NULL;
	g_autofree gchar *tmp = aa_test_tmpdir("aa-explain-XXXXXX");
	g_autofree gchar *out = g_build_filename(tmp, "rec.xml", NULL);
	g_autofree gchar *text = NULL;

	g_hash_table_insert(options, (gpointer) "output", out);
	text = aa_recommend_run(ctx, options, &error);
	g_assert_null(text);
	g_assert_error(error, AA_ERROR, code);
	g_assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
	aa_test_rm_rf(tmp);
	g_test_message("%s", error->message);
	return g_strdup(error->message);
}

/* recommend on ACRN's @board and its shared scenario with
 * fixtures/explain/@intent, which it finds infeasible; returns the message */
static gchar *
aa_explain_test_infeasible(const gchar *board, const gchar *intent)
{
	g_autofree gchar *fn = aa_test_fixture_path("explain", intent, NULL);
	g_autoptr(AaPluginContext) ctx = aa_test_context_acrn(board, fn);
	return aa_test_recommend_error(ctx, AA_ERROR_INFEASIBLE);
}

/* min = max = 2000 MiB holds no multiple of the 256 MiB quantum */
static void
aa_explain_memory_quantum_func(void)
{
	g_autofree gchar *msg =
	    aa_explain_test_infeasible("adl-asrock", "infeasible-intent-memory-quantum.xml");

	aa_test_assert_contains(msg, "VM POST_STD_VM2 has no allocation in its feasible set",
	                        "256 MiB memory quantum", "min 2000, max 2000 MiB",
	                        "1792 or 2048 MiB", NULL);
	/* the board and scenario match: no word about another board */
	g_assert_null(strstr(msg, "does not match"));
}

/* a GPU minimum on a board whose GPU has no SR-IOV VF */
static void
aa_explain_gpu_without_vf_func(void)
{
	g_autofree gchar *msg =
	    aa_explain_test_infeasible("whl-ipc-i5", "infeasible-intent-gpu-without-vf.xml");

	aa_test_assert_contains(msg, "VM POST_STD_VM1 has no allocation in its feasible set",
	                        ">= 1 GPU slice(s) (limits) but no SR-IOV GPU VF is free", NULL);
}

/* the demo's scenario (tiny 12-pCPU board) given with ACRN's qemu board: the
 * message says which pCPUs the board lacks, not only that memory is short */
static void
aa_explain_board_mismatch_func(void)
{
	g_autofree gchar *board = aa_test_acrn_data("qemu", "qemu.xml");
	g_autofree gchar *scenario = aa_test_fixture_path("demo", "cockpit-scenario.xml", NULL);
	g_autoptr(AaPluginContext) ctx =
	    aa_test_context_fixture(board, scenario, "demo/cockpit-intent.xml");
	g_autofree gchar *msg = aa_test_recommend_error(ctx, AA_ERROR_INFEASIBLE);
	g_autofree gchar *direct = NULL;
	g_autofree gchar *tiny = aa_test_fixture_path("valid-board-tiny-hybrid.xml", NULL);
	g_autoptr(AaPluginContext) match =
	    aa_test_context_fixture(tiny, scenario, "demo/cockpit-intent.xml");

	aa_test_assert_contains(msg, "does not match the board",
	                        "it uses pCPUs 4, 5, 10, 11 that the board lacks",
	                        "made for another board", NULL);
	/* the board it was made for: no mismatch */
	direct = aa_explain_board_mismatch(match->board, match->scenario);
	g_assert_null(direct);
}

/* recommend warns when a profile with GPU busy samples says gpu_slices=0 */
static void
aa_explain_gpu_slices_zero_func(void)
{
	g_autofree gchar *board = aa_test_acrn_data("adl-asrock", "adl-asrock.xml");
	g_autofree gchar *scenario = aa_test_acrn_data("adl-asrock", "shared.xml");
	g_autoptr(AaPluginContext) ctx =
	    aa_test_context_fixture(board, scenario, "explain/warning-intent-gpu-slices-zero.xml");
	g_autoptr(AaPluginContext) clean =
	    aa_test_context_fixture(board, scenario, "profile-script/valid-intent-gpu-pinned.xml");
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(GError) error = NULL;
	g_autoptr(AaTestDir) tmp = aa_test_tmpdir("aa-explain-XXXXXX");
	g_autofree gchar *out = g_build_filename(tmp, "rec.xml", NULL);
	g_autofree gchar *text = NULL;
	g_autofree gchar *none = aa_explain_profile_warnings(clean->intent);

	g_hash_table_insert(options, (gpointer) "output", out);
	text = aa_recommend_run(ctx, options, &error);
	g_assert_no_error(error);
	g_test_message("%s", text);
	g_assert_true(g_str_has_prefix(text, "warning: VM POST_STD_VM1: its profile "));
	g_assert_nonnull(strstr(text, "has 3 GPU busy samples (up to 81 %) but says "
	                              "gpu_slices=0"));
	aa_test_assert_contains(text, "-g N", "\nwrote ", NULL);
	/* no profile, no warning */
	g_assert_null(none);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/aa/explain/memory-quantum", aa_explain_memory_quantum_func);
	g_test_add_func("/aa/explain/gpu-without-vf", aa_explain_gpu_without_vf_func);
	g_test_add_func("/aa/explain/board-mismatch", aa_explain_board_mismatch_func);
	g_test_add_func("/aa/explain/gpu-slices-zero", aa_explain_gpu_slices_zero_func);
	return g_test_run();
}
