/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * inspect (aa-inspect.c): what a board offers and what a scenario leaves
 * free, as text and as JSON, on boards built in memory, the hand-written tiny
 * board and every board of ACRN's.
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "aa-board-private.h"
#include "aa-error.h"
#include "aa-inspect.h"
#include "aa-test-util.h"

static gchar *
aa_inspect_test_run(AaPluginContext *ctx, const gchar *format, GError **error)
{
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
	if (format != NULL)
		g_hash_table_insert(options, (gpointer) "format", (gpointer)format);
	return aa_inspect_run(ctx, options, error);
}

/* a context holding @board, built in memory */
static AaPluginContext *
aa_inspect_test_context(AaBoard *board)
{
	AaPluginContext *ctx = aa_test_context_new(NULL, NULL, NULL);
	ctx->board = board;
	return ctx;
}

static JsonObject *
aa_inspect_test_json(JsonParser *parser, AaPluginContext *ctx)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *json = aa_inspect_test_run(ctx, "json", &error);
	JsonObject *root;

	g_assert_no_error(error);
	g_assert_true(json_parser_load_from_data(parser, json, -1, &error));
	g_assert_no_error(error);
	root = json_node_get_object(json_parser_get_root(parser));
	g_assert_cmpstr(json_object_get_string_member(root, "format"), ==, "acrn-alloc-inspect");
	g_assert_cmpint(json_object_get_int_member(root, "version"), ==, 1);
	return root;
}

/* the text summary of a board is the feature: every line checked */
static void
aa_inspect_text_board_func(void)
{
	g_autoptr(AaPluginContext) ctx =
	    aa_inspect_test_context(aa_test_board_hybrid(4, 4, 16384, 7, 1));
	g_autoptr(GError) error = NULL;
	g_autofree gchar *text = aa_inspect_test_run(ctx, NULL, &error);
	g_autofree gchar *same = aa_inspect_test_run(ctx, "text", &error);

	g_assert_no_error(error);
	g_assert_cmpstr(text, ==,
	                "board           test-hybrid (test-hybrid.xml)\n"
	                "pCPUs           12, hybrid\n"
	                "P-pCPUs         0-7\n"
	                "E-pCPUs         8-11\n"
	                "HT siblings     [0-1] [2-3] [4-5] [6-7]\n"
	                "L2 shared by    [0-1] [2-3] [4-5] [6-7] [8-11]\n"
	                "L3 shared by    (not in the board XML)\n"
	                "memory          16384 MiB\n"
	                "SR-IOV PF       00:02.0 VGA compatible controller [GPU]\n"
	                "                7 VFs 00:02.1..00:02.7, stride 1, VF device 0x0000\n"
	                "RDT             not supported\n"
	                "PCI functions   1\n");
	g_assert_cmpstr(same, ==, text);
}

/* no E-core, no SR-IOV, one thread per core: each said in words */
static void
aa_inspect_text_plain_func(void)
{
	g_autoptr(AaBoard) board = aa_test_board_hybrid(0, 6, 2048, 0, 1);
	g_autoptr(AaPluginContext) ctx = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *text = NULL;

	/* all E: not hybrid, and the board reader counts them as P-cores */
	for (guint i = 0; i < board->pcpus->len; i++)
		((AaPcpu *)g_ptr_array_index(board->pcpus, i))->kind = AA_CORE_KIND_P;
	ctx = aa_inspect_test_context(g_steal_pointer(&board));
	text = aa_inspect_test_run(ctx, "text", &error);
	g_assert_no_error(error);
	aa_test_assert_contains(text, "pCPUs           6, homogeneous (all count as P-cores)\n",
	                        "P-pCPUs         0-5\n", "E-pCPUs         none\n",
	                        "HT siblings     none (one thread per core)\n",
	                        "SR-IOV PF       none\n", "PCI functions   0\n", NULL);
}

/* <capability id="SR-IOV"/> without <total_vfs>: a note, and no VF offered */
static void
aa_inspect_vfs_unknown_func(void)
{
	g_autoptr(AaBoard) board = aa_test_board_hybrid(1, 0, 1024, 7, 1);
	g_autoptr(AaPluginContext) ctx = NULL;
	g_autoptr(GError) error = NULL;
	g_autoptr(JsonParser) parser = json_parser_new();
	g_autofree gchar *text = NULL;
	AaPciDevice *gpu = g_ptr_array_index(board->pci_devices, 0);
	JsonObject *root;

	gpu->vfs_unknown = TRUE;
	gpu->total_vfs = 0;
	ctx = aa_inspect_test_context(g_steal_pointer(&board));
	text = aa_inspect_test_run(ctx, "text", &error);
	g_assert_no_error(error);
	g_assert_nonnull(strstr(text, "SR-IOV PF       00:02.0 VGA compatible controller [GPU]\n"
	                              "                note: VF count unknown"));
	g_assert_nonnull(strstr(text, "; 0 usable VFs\n"));
	g_assert_null(strstr(text, "VFs 00:02.1"));
	root = aa_inspect_test_json(parser, ctx);
	g_assert_false(json_object_has_member(root, "scenario"));
}

/* JSON of a board alone: the pCPUs with their kinds, groups, memory, the GPU */
static void
aa_inspect_json_board_func(void)
{
	g_autoptr(AaPluginContext) ctx =
	    aa_inspect_test_context(aa_test_board_hybrid(2, 4, 8192, 3, 2));
	g_autoptr(JsonParser) parser = json_parser_new();
	JsonObject *root = aa_inspect_test_json(parser, ctx);
	JsonObject *b = json_object_get_object_member(root, "board");
	JsonArray *pcpus = json_object_get_array_member(b, "pcpus");
	JsonObject *gpu = json_object_get_object_member(b, "gpu");
	JsonArray *vfs = json_object_get_array_member(gpu, "vfs");

	g_assert_false(json_object_has_member(root, "scenario"));
	g_assert_cmpstr(json_object_get_string_member(b, "name"), ==, "test-hybrid");
	g_assert_true(json_object_get_boolean_member(b, "hybrid"));
	g_assert_cmpint(json_object_get_int_member(b, "memory_mib"), ==, 8192);
	g_assert_cmpuint(json_array_get_length(pcpus), ==, 8);
	for (guint i = 0; i < 8; i++) {
		JsonObject *pcpu = json_array_get_object_element(pcpus, i);
		g_assert_cmpint(json_object_get_int_member(pcpu, "id"), ==, i);
		g_assert_cmpstr(json_object_get_string_member(pcpu, "kind"), ==, i < 4 ? "P" : "E");
	}
	g_assert_cmpuint(json_array_get_length(json_object_get_array_member(b, "l2_groups")), ==,
	                 3);
	g_assert_cmpstr(json_object_get_string_member(gpu, "bdf"), ==, "00:02.0");
	g_assert_cmpint(json_object_get_int_member(gpu, "vf_stride"), ==, 2);
	/* stride 2 from 00:02.1 */
	g_assert_cmpuint(json_array_get_length(vfs), ==, 3);
	g_assert_cmpstr(json_array_get_string_element(vfs, 0), ==, "00:02.1");
	g_assert_cmpstr(json_array_get_string_element(vfs, 1), ==, "00:02.3");
	g_assert_cmpstr(json_array_get_string_element(vfs, 2), ==, "00:02.5");
	g_assert_true(
	    json_object_get_null_member(json_object_get_object_member(b, "rdt"), "resources"));
}

static gchar *
aa_inspect_test_ids(JsonObject *obj, const gchar *member)
{
	JsonArray *ids = json_object_get_array_member(obj, member);
	g_autoptr(GString) str = g_string_new(NULL);
	for (guint i = 0; i < json_array_get_length(ids); i++)
		g_string_append_printf(str, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
		                       json_array_get_int_element(ids, i));
	return g_strdup(str->str);
}

/* the tiny scenario pins RT_CONTROL to 6-7 and INFOTAINMENT to 8-9 and gives
 * INFOTAINMENT VF 00:02.1: the text and the JSON say the same rest is free */
static void
aa_inspect_scenario_func(void)
{
	g_autofree gchar *board = aa_test_fixture_path("valid-board-tiny-hybrid.xml", NULL);
	g_autofree gchar *scenario = aa_test_fixture_path("valid-scenario-tiny-hybrid.xml", NULL);
	g_autoptr(AaPluginContext) ctx = aa_test_context_new(board, scenario, NULL);
	g_autoptr(JsonParser) parser = json_parser_new();
	g_autoptr(GError) error = NULL;
	g_autofree gchar *text = aa_inspect_test_run(ctx, "text", &error);
	g_autofree gchar *free_memory = NULL;
	g_autofree gchar *p_free = NULL;
	g_autofree gchar *e_free = NULL;
	JsonObject *root = aa_inspect_test_json(parser, ctx);
	JsonObject *sc = json_object_get_object_member(root, "scenario");
	JsonObject *free = json_object_get_object_member(sc, "free");
	JsonArray *vms = json_object_get_array_member(sc, "vms");
	JsonArray *gpu_vfs = json_object_get_array_member(free, "gpu_vfs");
	gint64 board_mib =
	    json_object_get_int_member(json_object_get_object_member(root, "board"), "memory_mib");

	g_assert_no_error(error);
	aa_test_assert_contains(text, "\nscenario        ", "RT_CONTROL", "(the rest)", NULL);
	g_assert_cmpuint(json_array_get_length(vms), ==, 3);
	p_free = aa_inspect_test_ids(free, "p_pcpus");
	e_free = aa_inspect_test_ids(free, "e_pcpus");
	g_assert_cmpstr(p_free, ==, "0,1,2,3,4,5");
	g_assert_cmpstr(e_free, ==, "10,11");
	aa_test_assert_contains(text, "free P-pCPUs    0-5\n", "free E-pCPUs    10-11\n", NULL);
	/* 2048 + 4096 MiB sized VMs */
	g_assert_cmpint(json_object_get_int_member(free, "memory_mib"), ==, board_mib - 6144);
	free_memory = g_strdup_printf("free memory     %" G_GINT64_FORMAT " MiB (board minus 6144 "
	                              "MiB sized VMs",
	                              board_mib - 6144);
	g_assert_nonnull(strstr(text, free_memory));
	for (guint i = 0; i < json_array_get_length(gpu_vfs); i++)
		g_assert_cmpstr(json_array_get_string_element(gpu_vfs, i), !=, "00:02.1");
}

/* no board is bad usage, and so is a format other than text and json */
static void
aa_inspect_invalid_func(void)
{
	g_autoptr(AaPluginContext) empty = aa_test_context_new(NULL, NULL, NULL);
	g_autoptr(AaPluginContext) ctx =
	    aa_inspect_test_context(aa_test_board_hybrid(1, 1, 1024, 0, 1));
	g_autoptr(GError) error_board = NULL;
	g_autoptr(GError) error_format = NULL;

	g_assert_null(aa_inspect_test_run(empty, "text", &error_board));
	g_assert_error(error_board, AA_ERROR, AA_ERROR_INVALID_ARGUMENT);
	g_assert_null(aa_inspect_test_run(ctx, "yaml", &error_format));
	g_assert_error(error_format, AA_ERROR, AA_ERROR_INVALID_ARGUMENT);
}

/* every board and shared scenario of ACRN's inspects in both forms, and the
 * JSON counts as many pCPUs as the board has */
static void
aa_inspect_acrn_samples_func(void)
{
	g_autoptr(GPtrArray) names = aa_test_acrn_boards();

	for (guint i = 0; i < names->len; i++) {
		g_autoptr(AaPluginContext) ctx =
		    aa_test_context_acrn(g_ptr_array_index(names, i), NULL);
		g_autoptr(JsonParser) parser = json_parser_new();
		g_autoptr(GError) error = NULL;
		g_autofree gchar *text = aa_inspect_test_run(ctx, "text", &error);
		JsonObject *json = aa_inspect_test_json(parser, ctx);

		g_assert_no_error(error);
		g_assert_true(g_str_has_prefix(text, "board "));
		g_assert_cmpuint(json_array_get_length(json_object_get_array_member(
		                     json_object_get_object_member(json, "board"), "pcpus")),
		                 ==, ctx->board->pcpus->len);
		g_assert_true(json_object_has_member(json, "scenario"));
	}
	g_assert_cmpuint(names->len, >=, 7);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/aa/inspect/text-board", aa_inspect_text_board_func);
	g_test_add_func("/aa/inspect/text-plain", aa_inspect_text_plain_func);
	g_test_add_func("/aa/inspect/vfs-unknown", aa_inspect_vfs_unknown_func);
	g_test_add_func("/aa/inspect/json-board", aa_inspect_json_board_func);
	g_test_add_func("/aa/inspect/scenario", aa_inspect_scenario_func);
	g_test_add_func("/aa/inspect/invalid", aa_inspect_invalid_func);
	g_test_add_func("/aa/inspect/acrn-samples", aa_inspect_acrn_samples_func);
	return g_test_run();
}
