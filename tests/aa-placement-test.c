/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#include "config.h"

#include <string.h>

#include "aa-board-private.h"
#include "aa-error.h"
#include "aa-placement.h"
#include "aa-test-util.h"

/*
 * A hand-built hybrid board: P-cores 0-7 as four hyper-threaded cores
 * {0,1} {2,3} {4,5} {6,7}, each core with its own L2; E-cores 8-11 sharing
 * one L2; a GPU PF at 00:02.0 with 7 VFs from 00:02.1, stride 1.
 */
static AaBoard *
aa_placement_test_board(gboolean with_gpu)
{
	return aa_test_board_hybrid(4, 4, 0, with_gpu ? 7 : 0, 1);
}

static void
aa_placement_service_func(void)
{
	g_autoptr(AaBoard) board = aa_placement_test_board(FALSE);
	g_autoptr(GArray) one = aa_placement_service_pcpus(board, 1);
	g_autoptr(GArray) three = aa_placement_service_pcpus(board, 3);
	g_autoptr(GArray) all = aa_placement_service_pcpus(board, 20);
	const guint expected_one[] = {0};
	const guint expected_three[] = {0, 1, 2};
	aa_test_assert_uints(one, expected_one, 1);
	aa_test_assert_uints(three, expected_three, 3);
	/* E-cores never serve the Service VM reserve */
	g_assert_cmpuint(all->len, ==, 8);
}

static void
aa_placement_rt_isolated_func(void)
{
	g_autoptr(AaBoard) board = aa_placement_test_board(TRUE);
	g_autoptr(GArray) taken = aa_placement_service_pcpus(board, 1);
	g_autoptr(GPtrArray) vms = aa_test_placement_vms_new();
	const guint rt1[] = {2};
	const guint gen[] = {1, 6};
	const guint rt2[] = {4, 5};
	const guint web[] = {8, 9};

	/* intent order: RT1, GEN, RT2, WEB; RT VMs are placed first */
	g_ptr_array_add(vms, aa_test_placement_vm_new("RT1", TRUE, 1, 0, 0));
	g_ptr_array_add(vms, aa_test_placement_vm_new("GEN", FALSE, 2, 0, 2));
	g_ptr_array_add(vms, aa_test_placement_vm_new("RT2", TRUE, 2, 0, 0));
	g_ptr_array_add(vms, aa_test_placement_vm_new("WEB", FALSE, 0, 2, 1));
	aa_test_place(board, taken, vms);

	/* RT1 skips CPU 1, the Service VM's sibling; 3 stays empty */
	g_assert_true(aa_test_placed(vms, 0, rt1, 1)->isolated);
	/* RT2 takes both threads of one clean core */
	g_assert_true(aa_test_placed(vms, 2, rt2, 2)->isolated);
	/* GEN gets the lowest free P-cores outside the RT domains */
	g_assert_false(aa_test_placed(vms, 1, gen, 2)->isolated);
	aa_test_placed(vms, 3, web, 2);

	/* VFs in intent order over the VMs with slices */
	g_assert_cmpstr(((AaPlacementVm *)vms->pdata[1])->vf_bdf, ==, "00:02.1");
	g_assert_cmpstr(((AaPlacementVm *)vms->pdata[3])->vf_bdf, ==, "00:02.2");
	g_assert_null(((AaPlacementVm *)vms->pdata[0])->vf_bdf);
}

static void
aa_placement_rt_fallback_func(void)
{
	g_autoptr(AaBoard) board = aa_placement_test_board(TRUE);
	g_autoptr(GArray) taken = aa_placement_service_pcpus(board, 1);
	g_autoptr(GPtrArray) vms = aa_test_placement_vms_new();
	const guint gen[] = {2, 3, 4, 5, 6, 7};
	const guint rt[] = {1};

	/* isolating RT would leave GEN 5 P-cores for 6: lowest free IDs instead */
	g_ptr_array_add(vms, aa_test_placement_vm_new("GEN", FALSE, 6, 0, 0));
	g_ptr_array_add(vms, aa_test_placement_vm_new("RT", TRUE, 1, 0, 0));
	aa_test_place(board, taken, vms);
	aa_test_placed(vms, 0, gen, 6);
	g_assert_false(aa_test_placed(vms, 1, rt, 1)->isolated);
}

static void
aa_placement_e_domain_func(void)
{
	g_autoptr(AaBoard) board = aa_placement_test_board(FALSE);
	g_autoptr(GArray) taken = g_array_new(FALSE, FALSE, sizeof(guint));
	g_autoptr(GPtrArray) vms = aa_test_placement_vms_new();
	const guint rt[] = {2, 3};
	const guint other[] = {0, 1, 4};
	const guint taken_ids[] = {6};

	/* CPU 6 is held by a VM outside the intent, so the core {6,7} is dirty; no
	 * reserve holds CPU 0, which an RT VM never gets (rt-cpu0), so the core
	 * {0,1} is not clean for it either: RT takes {2,3}, OTHER the lowest rest */
	g_array_append_vals(taken, taken_ids, 1);
	g_ptr_array_add(vms, aa_test_placement_vm_new("OTHER", FALSE, 3, 0, 0));
	g_ptr_array_add(vms, aa_test_placement_vm_new("RT", TRUE, 2, 0, 0));
	aa_test_place(board, taken, vms);
	g_assert_true(aa_test_placed(vms, 1, rt, 2)->isolated);
	aa_test_placed(vms, 0, other, 3);
}

static void
aa_placement_errors_func(void)
{
	g_autoptr(AaBoard) board = aa_placement_test_board(FALSE);
	g_autoptr(GPtrArray) vms = aa_test_placement_vms_new();
	g_autoptr(GPtrArray) big = aa_test_placement_vms_new();
	g_autoptr(GError) error = NULL;
	g_autoptr(GError) error_big = NULL;

	/* slices but no SR-IOV GPU */
	g_ptr_array_add(vms, aa_test_placement_vm_new("GAME", FALSE, 1, 0, 2));
	g_assert_false(aa_placement_run(board, NULL, vms, &error));
	g_assert_error(error, AA_ERROR, AA_ERROR_INFEASIBLE);

	/* more E-cores than the board has */
	g_ptr_array_add(big, aa_test_placement_vm_new("WIDE", FALSE, 0, 5, 0));
	g_assert_false(aa_placement_run(board, NULL, big, &error_big));
	g_assert_error(error_big, AA_ERROR, AA_ERROR_INFEASIBLE);
}

static void
aa_placement_hybrid32_func(void)
{
	g_autofree gchar *fn = aa_test_fixture_path("valid-board-hybrid32.xml", NULL);
	g_autoptr(AaBoard) board = aa_test_load_board(fn);
	g_autoptr(GArray) taken = NULL;
	g_autoptr(GPtrArray) vms = aa_test_placement_vms_new();
	const guint rt[] = {2, 3};
	const guint gen[] = {1, 4, 5};
	const guint web[] = {16, 17, 18, 19, 20};

	g_assert_cmpuint(aa_board_count_kind(board, AA_CORE_KIND_P), ==, 16);
	g_assert_cmpuint(aa_board_count_kind(board, AA_CORE_KIND_E), ==, 16);
	g_assert_cmpuint(board->memory_mib, ==, 65536);
	g_assert_cmpuint(aa_board_get_gpu_pf(board)->total_vfs, ==, 16);

	/* 16 GPU VMs: the last VF is 00:02.1 + 15 = 00:04.0 */
	taken = aa_placement_service_pcpus(board, 1);
	g_ptr_array_add(vms, aa_test_placement_vm_new("GEN", FALSE, 3, 0, 1));
	g_ptr_array_add(vms, aa_test_placement_vm_new("RT", TRUE, 2, 0, 0));
	g_ptr_array_add(vms, aa_test_placement_vm_new("WEB", FALSE, 0, 5, 1));
	for (guint i = 0; i < 14; i++)
		g_ptr_array_add(
		    vms, aa_test_placement_vm_new("ONE", FALSE, i < 11 ? 0 : 1, i < 11 ? 1 : 0, 1));
	aa_test_place(board, taken, vms);
	g_assert_true(aa_test_placed(vms, 1, rt, 2)->isolated);
	aa_test_placed(vms, 0, gen, 3);
	aa_test_placed(vms, 2, web, 5);
	g_assert_cmpstr(((AaPlacementVm *)vms->pdata[0])->vf_bdf, ==, "00:02.1");
	g_assert_cmpstr(((AaPlacementVm *)vms->pdata[2])->vf_bdf, ==, "00:02.2");
	g_assert_cmpstr(((AaPlacementVm *)vms->pdata[16])->vf_bdf, ==, "00:04.0");
}

/* hard feasibility: CPU 0 is never an RT VM's; VFs held outside the intent are skipped */
static void
aa_placement_hard_rules_func(void)
{
	g_autoptr(AaBoard) board = aa_placement_test_board(TRUE);
	g_autoptr(GPtrArray) vms = aa_test_placement_vms_new();
	g_autoptr(GPtrArray) all_rt = aa_test_placement_vms_new();
	g_autoptr(GPtrArray) held = g_ptr_array_new();
	g_autoptr(GError) error = NULL;
	g_autoptr(GError) error_all = NULL;
	const guint gen[] = {0};

	/* no reserve: CPU 0 is free, but the RT VM gets another core; GEN may take 0 */
	g_ptr_array_add(vms, aa_test_placement_vm_new("RT", TRUE, 1, 0, 0));
	g_ptr_array_add(vms, aa_test_placement_vm_new("GEN", FALSE, 1, 0, 1));
	g_ptr_array_add(held, (gpointer) "00:02.1");
	g_assert_true(aa_placement_run_full(board, NULL, held, vms, &error));
	g_assert_no_error(error);
	g_assert_cmpuint(g_array_index(((AaPlacementVm *)vms->pdata[0])->pcpus, guint, 0), !=, 0);
	aa_test_placed(vms, 1, gen, 1);
	/* VF 0 (00:02.1) is held by a VM outside the intent: the next one */
	g_assert_cmpstr(((AaPlacementVm *)vms->pdata[1])->vf_bdf, ==, "00:02.2");

	/* RT VMs needing every P-core, CPU 0 included: infeasible, and said why */
	g_ptr_array_add(all_rt, aa_test_placement_vm_new("RT_ALL", TRUE, 8, 0, 0));
	g_assert_false(aa_placement_run(board, NULL, all_rt, &error_all));
	g_assert_error(error_all, AA_ERROR, AA_ERROR_INFEASIBLE);
	/* the code is coarse: the message tells this failure from others of its code */
	g_assert_nonnull(strstr(error_all->message, "never gets CPU 0"));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/aa/placement/service", aa_placement_service_func);
	g_test_add_func("/aa/placement/rt-isolated", aa_placement_rt_isolated_func);
	g_test_add_func("/aa/placement/rt-fallback", aa_placement_rt_fallback_func);
	g_test_add_func("/aa/placement/rt-dirty-domain", aa_placement_e_domain_func);
	g_test_add_func("/aa/placement/errors", aa_placement_errors_func);
	g_test_add_func("/aa/placement/hybrid32", aa_placement_hybrid32_func);
	g_test_add_func("/aa/placement/hard-rules", aa_placement_hard_rules_func);
	return g_test_run();
}
