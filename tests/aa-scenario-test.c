/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#include "config.h"

#include <string.h>

#include "aa-board-private.h"
#include "aa-error.h"
#include "aa-scenario-private.h"
#include "aa-test-util.h"

static void
aa_scenario_adl_shared_func(void)
{
	g_autofree gchar *fn = aa_test_acrn_data("adl-asrock", "shared.xml");
	g_autoptr(AaScenario) scenario = aa_test_load_scenario(fn);
	AaVm *sos, *vm1, *rt;
	AaPciRef *gpu;

	g_assert_cmpuint(aa_scenario_get_vms(scenario)->len, ==, 4);
	g_assert_cmpstr(aa_scenario_get_scheduler(scenario), ==, "SCHED_BVT");
	g_assert_nonnull(aa_scenario_get_doc(scenario));

	sos = aa_scenario_get_service_vm(scenario);
	g_assert_nonnull(sos);
	g_assert_cmpstr(sos->name, ==, "ACRN_Service_VM");
	g_assert_cmpuint(sos->id, ==, 0);
	g_assert_cmpuint(sos->affinity->len, ==, 0);
	g_assert_false(sos->has_memory);

	vm1 = aa_scenario_get_vm_by_name(scenario, "POST_STD_VM1");
	g_assert_nonnull(vm1);
	g_assert_cmpint(vm1->load_order, ==, AA_LOAD_ORDER_POST_LAUNCHED_VM);
	g_assert_cmpstr(vm1->os_type, ==, "Windows OS");
	g_assert_true(vm1->has_memory);
	g_assert_cmpuint(vm1->memory_mib, ==, 4096);
	g_assert_cmpuint(vm1->affinity->len, ==, 2);
	g_assert_cmpuint(g_array_index(vm1->affinity, AaAffinity, 1).pcpu_id, ==, 1);
	g_assert_false(g_array_index(vm1->affinity, AaAffinity, 1).real_time);
	g_assert_cmpuint(vm1->pci_devs->len, ==, 1);
	gpu = g_ptr_array_index(vm1->pci_devs, 0);
	g_assert_cmpstr(gpu->bdf, ==, "00:02.0");
	g_assert_true(g_str_has_prefix(gpu->text, "00:02.0 VGA compatible controller"));
	g_assert_cmpuint(vm1->virtio->len, ==, 3);
	g_assert_false(aa_vm_is_rt(vm1));

	rt = aa_scenario_get_vm_by_name(scenario, "POST_RT_VM1");
	g_assert_nonnull(rt);
	g_assert_true(aa_vm_is_rt(rt));
	g_assert_true(rt->lapic_passthrough);
	g_assert_cmpuint(rt->memory_mib, ==, 1024);
	g_assert_cmpuint(g_array_index(rt->affinity, AaAffinity, 0).pcpu_id, ==, 10);
	g_assert_true(g_array_index(rt->affinity, AaAffinity, 0).real_time);
	g_assert_cmpint(g_array_index(rt->affinity, AaAffinity, 0).line, >, 0);
}

static void
aa_scenario_pre_launched_func(void)
{
	g_autofree gchar *fn = aa_test_acrn_data("whl-ipc-i5", "hybrid_rt.xml");
	g_autoptr(AaScenario) scenario = aa_test_load_scenario(fn);
	AaVm *pre;

	pre = aa_scenario_get_vm_by_name(scenario, "PRE_RT_VM0");
	g_assert_nonnull(pre);
	g_assert_cmpint(pre->load_order, ==, AA_LOAD_ORDER_PRE_LAUNCHED_VM);
	/* pre-launched: memory from hpa_region/size_hpa */
	g_assert_true(pre->has_memory);
	g_assert_cmpuint(pre->memory_mib, ==, 1024);
	g_assert_cmpuint(pre->pci_devs->len, ==, 2);
	g_assert_cmpstr(((AaPciRef *)g_ptr_array_index(pre->pci_devs, 1))->bdf, ==, "03:00.0");
}

/* ACRN's own sample repeats a VM name: it must still load (the rules report it) */
static void
aa_scenario_duplicate_name_func(void)
{
	g_autofree gchar *fn = aa_test_acrn_data("whl-ipc-i5", "shared_launch_1user_vm_hardrt.xml");
	g_autoptr(AaScenario) scenario = aa_test_load_scenario(fn);
	g_assert_cmpuint(aa_scenario_get_vms(scenario)->len, ==, 7);
}

/* every scenario ACRN ships must load */
static void
aa_scenario_all_real_func(void)
{
	g_autoptr(GPtrArray) boards = aa_test_acrn_boards();
	guint n = 0;

	for (guint i = 0; i < boards->len; i++) {
		const gchar *board = g_ptr_array_index(boards, i);
		g_autofree gchar *path = aa_test_acrn_data(board, NULL);
		g_autofree gchar *board_file = g_strdup_printf("%s.xml", board);
		g_autoptr(GDir) sub = g_dir_open(path, 0, NULL);
		const gchar *name;
		g_assert_nonnull(sub);
		while ((name = g_dir_read_name(sub)) != NULL) {
			g_autofree gchar *fn = g_build_filename(path, name, NULL);
			g_autoptr(AaScenario) scenario = aa_scenario_new();
			g_autoptr(GError) error_local = NULL;
			if (!g_str_has_suffix(name, ".xml") || g_strcmp0(name, board_file) == 0)
				continue;
			if (!aa_scenario_load(scenario, fn, &error_local))
				g_error("%s: %s", fn, error_local->message);
			/* partitioned scenarios have no Service VM */
			g_assert_cmpuint(aa_scenario_get_vms(scenario)->len, >, 0);
			n++;
		}
	}
	g_assert_cmpuint(n, >=, 30);
}

static void
aa_scenario_board_given_func(void)
{
	g_autofree gchar *fn = aa_test_acrn_data("qemu", "qemu.xml");
	g_autoptr(AaScenario) scenario = aa_scenario_new();
	g_autoptr(GError) error = NULL;
	g_assert_false(aa_scenario_load(scenario, fn, &error));
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_DATA);
	/* the code is coarse: the message tells this failure from others of its code */
	g_assert_nonnull(strstr(error->message, "board XML, not a scenario"));
}

static void
aa_scenario_tiny_func(void)
{
	g_autofree gchar *fn = aa_test_fixture_path("valid-scenario-tiny-hybrid.xml", NULL);
	g_autoptr(AaScenario) scenario = aa_test_load_scenario(fn);
	AaVm *info;
	info = aa_scenario_get_vm_by_name(scenario, "INFOTAINMENT");
	g_assert_nonnull(info);
	g_assert_cmpstr(((AaVirtio *)g_ptr_array_index(info->virtio, 0))->kind, ==, "block");
	g_assert_cmpstr(((AaVirtio *)g_ptr_array_index(info->virtio, 0))->value, ==,
	                "./infotainment.img");
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/aa/scenario/adl-shared", aa_scenario_adl_shared_func);
	g_test_add_func("/aa/scenario/pre-launched", aa_scenario_pre_launched_func);
	g_test_add_func("/aa/scenario/duplicate-name", aa_scenario_duplicate_name_func);
	g_test_add_func("/aa/scenario/all-real", aa_scenario_all_real_func);
	g_test_add_func("/aa/scenario/board-given", aa_scenario_board_given_func);
	g_test_add_func("/aa/scenario/tiny", aa_scenario_tiny_func);
	return g_test_run();
}
