/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * One VM, four types (issue #11): an intent VM is linked to its scenario VM
 * once, when the intent is loaded, and the engine follows the link.
 */

#include "config.h"

#include "aa-capacity.h"
#include "aa-error.h"
#include "aa-test-util.h"

#define AA_TINY_BOARD    "valid-board-tiny-hybrid.xml"
#define AA_TINY_SCENARIO "valid-scenario-tiny-hybrid.xml"

static AaPluginContext *
aa_vmlink_test_context(const gchar *scenario_fixture, const gchar *intent_fixture)
{
	g_autofree gchar *board = aa_test_fixture_path(AA_TINY_BOARD, NULL);
	g_autofree gchar *scenario = aa_test_fixture_path(scenario_fixture, NULL);
	g_autofree gchar *intent =
	    intent_fixture != NULL ? aa_test_fixture_path(intent_fixture, NULL) : NULL;
	return aa_test_context_new(board, scenario, intent);
}

static AaVm *
aa_vmlink_test_scenario_vm(AaScenario *scenario, guint i)
{
	return g_ptr_array_index(aa_scenario_get_vms(scenario), i);
}

/* the intent names the scenario's guests in the opposite order: each is
 * linked to its own VM, both ways, and RT_CONTROL (class general) is real
 * time through the scenario's vm_type */
static void
aa_vmlink_reversed_func(void)
{
	g_autoptr(AaPluginContext) ctx =
	    aa_vmlink_test_context(AA_TINY_SCENARIO, "vmlink/valid-intent-reversed.xml");
	g_autoptr(GError) error = NULL;
	g_autoptr(AaCapacityInfo) cap = NULL;
	AaIntentVm *info = g_ptr_array_index(ctx->intent->vms, 0);
	AaIntentVm *rt = g_ptr_array_index(ctx->intent->vms, 1);

	g_assert_cmpstr(info->name, ==, "INFOTAINMENT");
	g_assert_cmpstr(rt->name, ==, "RT_CONTROL");
	g_assert_true(aa_intent_vm_get_scenario_vm(info, ctx->scenario) ==
	              aa_vmlink_test_scenario_vm(ctx->scenario, 2));
	g_assert_true(aa_intent_vm_get_scenario_vm(rt, ctx->scenario) ==
	              aa_vmlink_test_scenario_vm(ctx->scenario, 1));
	g_assert_true(aa_intent_get_vm_of(ctx->intent, 2) == info);
	g_assert_true(aa_intent_get_vm_of(ctx->intent, 1) == rt);
	/* the Service VM is never an intent VM */
	g_assert_null(aa_intent_get_vm_of(ctx->intent, 0));
	g_assert_null(aa_intent_get_vm_of(ctx->intent, 3));

	g_assert_true(aa_capacity_vm_is_rt(ctx->scenario, rt));
	g_assert_false(aa_capacity_vm_is_rt(ctx->scenario, info));
	cap = aa_capacity_compute(ctx->board, ctx->scenario, ctx->intent, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(cap->kept_vms->len, ==, 0);
}

/* a scenario VM the intent does not name keeps its share, and no intent VM
 * is linked to it */
static void
aa_vmlink_one_guest_func(void)
{
	g_autoptr(AaPluginContext) ctx =
	    aa_vmlink_test_context(AA_TINY_SCENARIO, "vmlink/valid-intent-one-guest.xml");
	g_autoptr(GError) error = NULL;
	g_autoptr(AaCapacityInfo) cap = NULL;
	AaVm *rt = aa_vmlink_test_scenario_vm(ctx->scenario, 1);

	g_assert_cmpuint(ctx->intent->vms->len, ==, 1);
	g_assert_null(aa_intent_get_vm_of(ctx->intent, 1));
	g_assert_nonnull(aa_intent_get_vm_of(ctx->intent, 2));
	cap = aa_capacity_compute(ctx->board, ctx->scenario, ctx->intent, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(cap->kept_vms->len, ==, 1);
	g_assert_true(g_ptr_array_index(cap->kept_vms, 0) == rt);
	g_assert_cmpint(cap->kept_memory_mib, ==, rt->memory_mib);
}

/* an intent read without a scenario has no link; one built in memory is
 * linked by aa_intent_link_scenario(), which refuses a VM the scenario lacks
 * and the Service VM */
static void
aa_vmlink_unlinked_func(void)
{
	g_autoptr(AaPluginContext) ctx = aa_vmlink_test_context(AA_TINY_SCENARIO, NULL);
	g_autofree gchar *fn = aa_test_fixture_path("vmlink", "valid-intent-reversed.xml", NULL);
	g_autoptr(AaIntent) alone = aa_test_load_intent(fn, NULL);
	const gchar *names[] = {"NOT_THERE", "ACRN_Service_VM"};

	for (guint i = 0; i < alone->vms->len; i++)
		g_assert_null(
		    aa_intent_vm_get_scenario_vm(g_ptr_array_index(alone->vms, i), ctx->scenario));
	g_assert_true(aa_intent_link_scenario(alone, ctx->scenario, NULL));
	g_assert_true(
	    aa_intent_vm_get_scenario_vm(g_ptr_array_index(alone->vms, 1), ctx->scenario) ==
	    aa_vmlink_test_scenario_vm(ctx->scenario, 1));

	for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
		g_autoptr(AaIntent) intent = aa_intent_new();
		g_autoptr(GError) error = NULL;
		intent->filename = g_strdup("intent.xml");
		g_ptr_array_add(intent->vms, aa_test_intent_vm_new(names[i], AA_VM_CLASS_GENERAL));
		g_assert_false(aa_intent_link_scenario(intent, ctx->scenario, &error));
		g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_DATA);
		aa_test_assert_contains(error->message, "intent.xml", names[i], AA_TINY_SCENARIO,
		                        NULL);
	}
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/aa/vmlink/reversed", aa_vmlink_reversed_func);
	g_test_add_func("/aa/vmlink/one-guest", aa_vmlink_one_guest_func);
	g_test_add_func("/aa/vmlink/unlinked", aa_vmlink_unlinked_func);
	return g_test_run();
}
