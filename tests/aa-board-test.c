/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "aa-board-private.h"
#include "aa-error.h"
#include "aa-util.h"
#include "aa-test-util.h"

static AaBoard *
aa_test_load_real_board(const gchar *name)
{
	g_autofree gchar *base = g_strdup_printf("%s.xml", name);
	g_autofree gchar *fn = aa_test_acrn_data(name, base);
	g_autoptr(AaBoard) board = aa_test_load_board(fn);
	return g_steal_pointer(&board);
}

static gchar *
aa_test_kind_ranges(AaBoard *board, AaCoreKind kind)
{
	g_autoptr(GArray) ids = g_array_new(FALSE, FALSE, sizeof(guint));
	for (guint i = 0; i < board->pcpus->len; i++) {
		AaPcpu *pcpu = g_ptr_array_index(board->pcpus, i);
		if (pcpu->kind == kind)
			g_array_append_val(ids, pcpu->cpu_id);
	}
	return aa_format_id_ranges(ids);
}

static void
aa_board_adl_asrock_func(void)
{
	g_autoptr(AaBoard) board = aa_test_load_real_board("adl-asrock");
	g_autofree gchar *p = aa_test_kind_ranges(board, AA_CORE_KIND_P);
	g_autofree gchar *e = aa_test_kind_ranges(board, AA_CORE_KIND_E);
	const AaPciDevice *gpu = aa_board_get_gpu_pf(board);
	g_autofree gchar *vf0 = NULL;
	g_autofree gchar *vf6 = NULL;
	g_autofree gchar *vf7 = NULL;
	const AaPcpu *cpu1 = aa_board_get_pcpu(board, 1);
	const AaPcpu *cpu9 = aa_board_get_pcpu(board, 9);
	AaCpuGroup *l2;

	g_assert_cmpstr(board->name, ==, "adl-asrock");
	g_assert_true(board->hybrid);
	g_assert_cmpuint(board->pcpus->len, ==, 12);
	g_assert_cmpstr(p, ==, "0-7");
	g_assert_cmpstr(e, ==, "8-11");
	g_assert_cmpuint(board->memory_mib, ==, 32541);
	g_assert_cmpuint(board->memory_bytes, ==, 34122100736ull);
	g_assert_nonnull(cpu1);
	g_assert_cmpuint(cpu1->apic_id, ==, 0x8);
	g_assert_cmpstr(cpu1->core_type, ==, "Core");

	/* the iGPU and its VFs */
	g_assert_nonnull(gpu);
	g_assert_cmpstr(gpu->bdf, ==, "00:02.0");
	g_assert_cmpuint(gpu->class_code, ==, 0x030000);
	g_assert_cmpuint(gpu->total_vfs, ==, 7);
	g_assert_cmpuint(gpu->vf_stride, ==, 1);
	g_assert_cmpuint(gpu->vf_device_id, ==, 0x4680);
	vf0 = aa_board_vf_bdf(gpu, 0);
	vf6 = aa_board_vf_bdf(gpu, 6);
	vf7 = aa_board_vf_bdf(gpu, 7);
	g_assert_cmpstr(vf0, ==, "00:02.1");
	g_assert_cmpstr(vf6, ==, "00:02.7");
	g_assert_null(vf7);

	/* the four E-cores share one L2; every P-core has its own; all share L3 */
	g_assert_cmpuint(board->groups[AA_CPU_SHARE_L2]->len, ==, 9);
	g_assert_nonnull(cpu9);
	g_assert_cmpint(cpu9->group[AA_CPU_SHARE_L2], >=, 0);
	l2 = g_ptr_array_index(board->groups[AA_CPU_SHARE_L2], cpu9->group[AA_CPU_SHARE_L2]);
	g_assert_cmpuint(l2->cpu_ids->len, ==, 4);
	g_assert_cmpuint(g_array_index(l2->cpu_ids, guint, 0), ==, 8);
	g_assert_cmpuint(board->groups[AA_CPU_SHARE_L3]->len, ==, 1);
	g_assert_cmpuint(
	    ((AaCpuGroup *)g_ptr_array_index(board->groups[AA_CPU_SHARE_L3], 0))->cpu_ids->len, ==,
	    12);
	/* no hyper-threading on this board: 12 single-thread cores */
	g_assert_cmpuint(board->groups[AA_CPU_SHARE_CORE]->len, ==, 12);

	g_assert_cmpuint(board->clos_max, ==, 8);
	g_assert_cmpstr(board->rdt_resources, ==, "L2");
	g_assert_nonnull(aa_board_get_pci_device(board, "00:17.0 SATA"));
	g_assert_nonnull(aa_board_get_pci_device(board, "01:00.0"));
	g_assert_null(aa_board_get_pci_device(board, "00:02.1"));
}

static void
aa_board_nuc11_func(void)
{
	g_autoptr(AaBoard) board = aa_test_load_real_board("nuc11tnbi5");
	g_autofree gchar *p = aa_test_kind_ranges(board, AA_CORE_KIND_P);
	const AaPciDevice *gpu = aa_board_get_gpu_pf(board);
	g_autofree gchar *vf0 = NULL;

	/* core_type "Reserved" everywhere: homogeneous, all P */
	g_assert_false(board->hybrid);
	g_assert_cmpstr(p, ==, "0-3");
	g_assert_cmpuint(aa_board_count_kind(board, AA_CORE_KIND_E), ==, 0);
	g_assert_cmpuint(board->memory_mib, ==, 7816);
	g_assert_nonnull(gpu);
	g_assert_cmpstr(gpu->bdf, ==, "00:02.0");
	g_assert_cmpuint(gpu->total_vfs, ==, 7);
	g_assert_cmpuint(gpu->vf_device_id, ==, 0x9a49);
	vf0 = aa_board_vf_bdf(gpu, 0);
	g_assert_cmpstr(vf0, ==, "00:02.1");
	g_assert_cmpuint(board->clos_max, ==, 8);
}

static void
aa_board_whl_func(void)
{
	g_autoptr(AaBoard) board = aa_test_load_real_board("whl-ipc-i5");
	g_autofree gchar *p = aa_test_kind_ranges(board, AA_CORE_KIND_P);

	g_assert_false(board->hybrid);
	g_assert_cmpstr(p, ==, "0-3");
	g_assert_cmpuint(board->memory_mib, ==, 8059);
	g_assert_null(aa_board_get_gpu_pf(board));
	g_assert_cmpuint(board->clos_max, ==, 0);
	/* older inspector: descriptions without a BDF prefix, BDF from the tree */
	g_assert_nonnull(aa_board_get_pci_device(board, "00:02.0"));
}

static void
aa_board_cfl_func(void)
{
	g_autoptr(AaBoard) board = aa_test_load_real_board("cfl-k700-i7");
	g_autofree gchar *p = aa_test_kind_ranges(board, AA_CORE_KIND_P);
	const AaPciDevice *vga = NULL;

	g_assert_cmpstr(p, ==, "0-7");
	g_assert_cmpuint(board->memory_mib, ==, 32603);
	vga = aa_board_get_pci_device(board, "00:02.0");
	g_assert_nonnull(vga);
	g_assert_cmpuint(vga->class_code, ==, 0x030000);
	g_assert_false(vga->sriov);
	g_assert_true(g_str_has_prefix(vga->description, "VGA compatible controller"));
}

static void
aa_board_tiny_hybrid_func(void)
{
	g_autofree gchar *fn = aa_test_fixture_path("valid-board-tiny-hybrid.xml", NULL);
	g_autoptr(AaBoard) board = aa_test_load_board(fn);
	g_autofree gchar *p = NULL;
	g_autofree gchar *e = NULL;
	const AaPcpu *cpu3;
	AaCpuGroup *siblings;

	p = aa_test_kind_ranges(board, AA_CORE_KIND_P);
	e = aa_test_kind_ranges(board, AA_CORE_KIND_E);
	g_assert_cmpstr(p, ==, "0-7");
	g_assert_cmpstr(e, ==, "8-11");
	g_assert_cmpuint(board->memory_mib, ==, 16384);
	cpu3 = aa_board_get_pcpu(board, 3);
	siblings =
	    g_ptr_array_index(board->groups[AA_CPU_SHARE_CORE], cpu3->group[AA_CPU_SHARE_CORE]);
	g_assert_cmpuint(siblings->cpu_ids->len, ==, 2);
	g_assert_cmpuint(g_array_index(siblings->cpu_ids, guint, 0), ==, 2);
	g_assert_cmpuint(g_array_index(siblings->cpu_ids, guint, 1), ==, 3);
	g_assert_cmpuint(board->clos_max, ==, 4);
}

/* a pCPU's group by what it shares: the tiny board's pCPU 3 shares its core
 * with 2, its L2 with 2 and its L3 with all twelve; a hand-built board lists
 * no L3, and an index the board does not have finds nothing */
static void
aa_board_get_group_func(void)
{
	g_autofree gchar *fn = aa_test_fixture_path("valid-board-tiny-hybrid.xml", NULL);
	g_autoptr(AaBoard) board = aa_test_load_board(fn);
	g_autoptr(AaBoard) hand = aa_test_board_hybrid(2, 4, 8192, 0, 1);
	const AaPcpu *cpu3 = aa_board_get_pcpu(board, 3);
	const AaPcpu *cpu9 = aa_board_get_pcpu(board, 9);
	const guint levels[] = {0, 2, 3};
	const guint sizes[] = {2, 2, 12};
	const guint firsts[] = {2, 2, 0};
	AaPcpu past;

	g_assert_nonnull(cpu3);
	for (AaCpuShare share = AA_CPU_SHARE_CORE; share < AA_CPU_SHARE_COUNT; share++) {
		const AaCpuGroup *group = aa_board_get_group(board, cpu3, share);
		g_assert_nonnull(group);
		g_assert_true(group == g_ptr_array_index(board->groups[share], cpu3->group[share]));
		g_assert_cmpuint(group->level, ==, levels[share]);
		g_assert_cmpuint(group->cpu_ids->len, ==, sizes[share]);
		g_assert_cmpuint(g_array_index(group->cpu_ids, guint, 0), ==, firsts[share]);
	}
	/* the E-cores: one thread per core, four to an L2 */
	g_assert_cmpuint(aa_board_get_group(board, cpu9, AA_CPU_SHARE_CORE)->cpu_ids->len, ==, 1);
	g_assert_cmpuint(aa_board_get_group(board, cpu9, AA_CPU_SHARE_L2)->cpu_ids->len, ==, 4);

	g_assert_nonnull(aa_board_get_group(hand, aa_board_get_pcpu(hand, 0), AA_CPU_SHARE_L2));
	g_assert_null(aa_board_get_group(hand, aa_board_get_pcpu(hand, 0), AA_CPU_SHARE_L3));
	past = *cpu3;
	past.group[AA_CPU_SHARE_L2] = (gint)board->groups[AA_CPU_SHARE_L2]->len;
	g_assert_null(aa_board_get_group(board, &past, AA_CPU_SHARE_L2));
}

/* every board ACRN ships must load */
static void
aa_board_all_real_func(void)
{
	g_autoptr(GPtrArray) names = aa_test_acrn_boards();

	for (guint i = 0; i < names->len; i++) {
		const gchar *name = g_ptr_array_index(names, i);
		g_autofree gchar *base = g_strdup_printf("%s.xml", name);
		g_autofree gchar *fn = aa_test_acrn_data(name, base);
		g_autoptr(AaBoard) board = aa_board_new();
		g_autoptr(GError) error_local = NULL;
		if (!aa_board_load(board, fn, &error_local))
			g_error("%s: %s", fn, error_local->message);
		g_assert_cmpuint(board->pcpus->len, >, 0);
		g_assert_cmpuint(board->memory_mib, >, 1024);
	}
	g_assert_cmpuint(names->len, >=, 7);
}

typedef struct {
	const gchar *fixture;
	gint code;
	const gchar *message; /* a fragment the message must hold */
} AaBoardBadCase;

static const AaBoardBadCase aa_board_bad_cases[] = {
    {"hostile-xxe-local-file.xml", AA_ERROR_HOSTILE, "hostile-xxe-local-file.xml:4:"},
    {"hostile-billion-laughs.xml", AA_ERROR_HOSTILE, "DOCTYPE"},
    {"hostile-dtd-network.xml", AA_ERROR_HOSTILE, "hostile-dtd-network.xml:4:"},
    {"invalid-board-truncated.xml", AA_ERROR_INVALID_DATA, "invalid-board-truncated.xml:11:"},
    {"invalid-board-no-processors.xml", AA_ERROR_INVALID_DATA, "board inspector"},
    {"valid-scenario-tiny-hybrid.xml", AA_ERROR_INVALID_DATA, "not an ACRN board XML"},
};

static void
aa_board_bad_input_func(gconstpointer data)
{
	const AaBoardBadCase *c = data;
	g_autofree gchar *fn = aa_test_fixture_path(c->fixture, NULL);
	g_autoptr(AaBoard) board = aa_board_new();
	g_autoptr(GError) error = NULL;
	gint64 start = aa_test_cpu_usec();

	g_assert_false(aa_board_load(board, fn, &error));
	g_assert_error(error, AA_ERROR, c->code);
	/* the code is coarse: the message tells this failure from others of its code */
	if (strstr(error->message, c->message) == NULL)
		g_error("'%s' lacks '%s'", error->message, c->message);
	/* refused at once, no expansion, no network */
	g_assert_cmpint(aa_test_cpu_usec() - start, <, 2 * G_USEC_PER_SEC);
}

static void
aa_board_huge_file_func(void)
{
	g_autofree gchar *dir = aa_test_tmpdir("aa-board-XXXXXX");
	g_autofree gchar *fn = g_build_filename(dir, "huge.xml", NULL);
	g_autoptr(AaBoard) board = aa_board_new();
	g_autoptr(GError) error = NULL;
	gint fd = g_open(fn, O_CREAT | O_WRONLY | O_TRUNC, 0644);

	/* a 200 MB (sparse) file: refused by its size before it is read */
	g_assert_cmpint(fd, >=, 0);
	g_assert_cmpint(write(fd, "<acrn-config board=\"x\">", 23), ==, 23);
	g_assert_cmpint(ftruncate(fd, 200 * 1000 * 1000), ==, 0);
	close(fd);
	g_assert_false(aa_board_load(board, fn, &error));
	g_assert_error(error, AA_ERROR, AA_ERROR_HOSTILE);
	/* the message is the feature: it names the file */
	aa_test_assert_contains(error->message, "huge.xml", "200000000 bytes", NULL);
	g_unlink(fn);
	g_rmdir(dir);
}

/* fixtures/fuzz/board-cache-processors-bad-last.xml, and the same board
 * grown to 4096 threads and 200000 cache entries: APIC IDs are looked up in
 * a hash (scanning every pCPU per entry took 10 s under ASan) */
static void
aa_board_fuzz_cache_processors_func(void)
{
	g_autofree gchar *fn =
	    aa_test_fixture_path("fuzz", "board-cache-processors-bad-last.xml", NULL);
	g_autofree gchar *dir = aa_test_tmpdir("aa-board-XXXXXX");
	g_autofree gchar *big = g_build_filename(dir, "many-cache-entries.xml", NULL);
	g_autoptr(GString) text =
	    g_string_new("<acrn-config board=\"big\">\n<processors><die id=\"0\">\n");
	g_autoptr(AaBoard) board = aa_board_new();
	g_autoptr(AaBoard) board2 = aa_board_new();
	g_autoptr(GError) error = NULL;
	gint64 start;

	g_assert_false(aa_board_load(board, fn, &error));
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_DATA);
	/* the message is the feature: it names the file and line */
	aa_test_assert_contains(error->message, "board-cache-processors-bad-last.xml:22:",
	                        "'two' is not an APIC ID", NULL);
	g_clear_error(&error);

	for (guint i = 0; i < 4096; i++)
		g_string_append_printf(text,
		                       "<core id=\"%u\"><thread><cpu_id>%u</cpu_id>"
		                       "<apic_id>%u</apic_id></thread></core>\n",
		                       i, i, 2 * i);
	g_string_append(text, "</die></processors>\n<caches><cache level=\"2\" id=\"0\">"
	                      "<processors>\n");
	for (guint i = 0; i < 200000; i++)
		g_string_append_printf(text, "<processor>%u</processor>\n", (2 * i) % 8192);
	g_string_append(text, "</processors></cache></caches></acrn-config>\n");
	g_assert_true(g_file_set_contents(big, text->str, (gssize)text->len, &error));
	start = aa_test_cpu_usec();
	g_assert_true(aa_board_load(board2, big, &error));
	g_assert_no_error(error);
	g_assert_cmpint(aa_test_cpu_usec() - start, <, 5 * G_USEC_PER_SEC);
	g_assert_cmpuint(board2->groups[AA_CPU_SHARE_L2]->len, ==, 1);
	/* each pCPU once, however often the cache names it */
	g_assert_cmpuint(
	    ((AaCpuGroup *)g_ptr_array_index(board2->groups[AA_CPU_SHARE_L2], 0))->cpu_ids->len, ==,
	    4096);
	g_assert_cmpint(aa_board_get_pcpu(board2, 4095)->group[AA_CPU_SHARE_L2], ==, 0);
	g_unlink(big);
	g_rmdir(dir);
}

static void
aa_board_missing_file_func(void)
{
	g_autoptr(AaBoard) board = aa_board_new();
	g_autoptr(GError) error = NULL;
	g_assert_false(aa_board_load(board, "/nonexistent/board.xml", &error));
	g_assert_error(error, AA_ERROR, AA_ERROR_NOT_FOUND);
	/* the message is the feature: it names the file */
	g_assert_nonnull(strstr(error->message, "/nonexistent/board.xml"));
}

static void
aa_board_parse_bdf_func(void)
{
	guint b, d, f;
	g_assert_true(aa_board_parse_bdf("00:02.1 VGA", &b, &d, &f));
	g_assert_cmpuint(b, ==, 0);
	g_assert_cmpuint(d, ==, 2);
	g_assert_cmpuint(f, ==, 1);
	g_assert_true(aa_board_parse_bdf("af:1f.7", &b, &d, &f));
	g_assert_cmpuint(b, ==, 0xaf);
	g_assert_cmpuint(d, ==, 0x1f);
	g_assert_false(aa_board_parse_bdf("00:20.0", &b, &d, &f));
	g_assert_false(aa_board_parse_bdf("00:02.8", &b, &d, &f));
	g_assert_false(aa_board_parse_bdf("00:02.1x", &b, &d, &f));
	g_assert_false(aa_board_parse_bdf("VGA", &b, &d, &f));
}

/* the name tables of enums (load orders, severities) */
static void
aa_util_enum_names_func(void)
{
	static const gchar *const names[] = {[1] = "ONE", [2] = "TWO"};
	guint value = 99;

	g_assert_cmpstr(aa_enum_to_name(names, G_N_ELEMENTS(names), 1, "?"), ==, "ONE");
	g_assert_cmpstr(aa_enum_to_name(names, G_N_ELEMENTS(names), 2, "?"), ==, "TWO");
	/* a value without a name and one past the table */
	g_assert_cmpstr(aa_enum_to_name(names, G_N_ELEMENTS(names), 0, "?"), ==, "?");
	g_assert_cmpstr(aa_enum_to_name(names, G_N_ELEMENTS(names), 3, "?"), ==, "?");
	g_assert_null(aa_enum_to_name(names, G_N_ELEMENTS(names), 3, NULL));

	g_assert_true(aa_enum_from_name(names, G_N_ELEMENTS(names), "TWO", &value));
	g_assert_cmpuint(value, ==, 2);
	g_assert_true(aa_enum_from_name(names, G_N_ELEMENTS(names), "ONE", &value));
	g_assert_cmpuint(value, ==, 1);
	/* exact spelling only; NULL matches no value without a name */
	g_assert_false(aa_enum_from_name(names, G_N_ELEMENTS(names), "one", &value));
	g_assert_false(aa_enum_from_name(names, G_N_ELEMENTS(names), "ONE ", &value));
	g_assert_false(aa_enum_from_name(names, G_N_ELEMENTS(names), "", &value));
	g_assert_false(aa_enum_from_name(names, G_N_ELEMENTS(names), NULL, &value));
	g_assert_cmpuint(value, ==, 1);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/aa/board/adl-asrock", aa_board_adl_asrock_func);
	g_test_add_func("/aa/board/nuc11tnbi5", aa_board_nuc11_func);
	g_test_add_func("/aa/board/whl-ipc-i5", aa_board_whl_func);
	g_test_add_func("/aa/board/cfl-k700-i7", aa_board_cfl_func);
	g_test_add_func("/aa/board/tiny-hybrid", aa_board_tiny_hybrid_func);
	g_test_add_func("/aa/board/get-group", aa_board_get_group_func);
	g_test_add_func("/aa/board/all-real", aa_board_all_real_func);
	g_test_add_func("/aa/board/huge-file", aa_board_huge_file_func);
	g_test_add_func("/aa/board/missing-file", aa_board_missing_file_func);
	g_test_add_func("/aa/board/fuzz-cache-processors", aa_board_fuzz_cache_processors_func);
	g_test_add_func("/aa/board/parse-bdf", aa_board_parse_bdf_func);
	aa_test_add_cases("/aa/board/bad-input", aa_board_bad_cases, sizeof(aa_board_bad_cases[0]),
	                  G_N_ELEMENTS(aa_board_bad_cases), aa_board_bad_input_func);
	g_test_add_func("/aa/util/enum-names", aa_util_enum_names_func);
	return g_test_run();
}
