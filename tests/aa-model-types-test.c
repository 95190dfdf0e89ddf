/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The model's vocabulary (aa-model-types.h) and the one decision of whether a
 * VM is real-time (aa_intent_vm_is_rt).
 */

#include "config.h"

#include "aa-capacity.h"
#include "aa-intent-private.h"
#include "aa-model-types.h"
#include "aa-scenario-private.h"

static void
aa_model_types_resource_func(void)
{
	const gchar *names[AA_RESOURCE_COUNT] = {"cpu", "memory", "gpu"};
	AaResource k = AA_RESOURCE_COUNT;

	for (AaResource i = AA_RESOURCE_CPU; i < AA_RESOURCE_COUNT; i++) {
		g_assert_cmpstr(aa_resource_to_string(i), ==, names[i]);
		g_assert_true(aa_resource_from_string(names[i], &k));
		g_assert_cmpint(k, ==, i);
	}

	/* an unknown name leaves the output alone */
	k = AA_RESOURCE_GPU;
	g_assert_false(aa_resource_from_string("disk", &k));
	g_assert_false(aa_resource_from_string("CPU", &k));
	g_assert_false(aa_resource_from_string(NULL, &k));
	g_assert_cmpint(k, ==, AA_RESOURCE_GPU);
}

static void
aa_model_types_vm_class_func(void)
{
	const gchar *names[] = {"general", "rtos", "gaming", "ai-inference", "web"};
	AaVmClass klass = AA_VM_CLASS_WEB;

	for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
		g_assert_true(aa_vm_class_from_string(names[i], &klass));
		g_assert_cmpint(klass, ==, i);
		g_assert_cmpstr(aa_vm_class_to_string(klass), ==, names[i]);
	}
	g_assert_false(aa_vm_class_from_string("realtime", &klass));
	g_assert_cmpint(klass, ==, AA_VM_CLASS_WEB);
	g_assert_cmpstr(aa_vm_class_to_string((AaVmClass)99), ==, "general");
}

/* the demo: RT_CLUSTER is class rtos and vm_type RTVM, IVI gaming/STANDARD_VM */
static void
aa_model_types_rt_func(void)
{
	g_autofree gchar *scenario_fn =
	    g_test_build_filename(G_TEST_DIST, "fixtures", "demo", "cockpit-scenario.xml", NULL);
	g_autofree gchar *intent_fn =
	    g_test_build_filename(G_TEST_DIST, "fixtures", "demo", "cockpit-intent.xml", NULL);
	g_autofree gchar *schema_dir = g_test_build_filename(G_TEST_DIST, "schema", NULL);
	g_autoptr(AaScenario) scenario = aa_scenario_new();
	g_autoptr(AaIntent) intent = aa_intent_new();
	g_autoptr(GError) error = NULL;
	AaIntentVm *rt;
	AaIntentVm *ivi;

	g_assert_true(aa_scenario_load(scenario, scenario_fn, &error));
	g_assert_no_error(error);
	g_assert_true(aa_intent_load(intent, intent_fn, schema_dir, scenario, &error));
	g_assert_no_error(error);
	rt = aa_intent_get_vm(intent, "RT_CLUSTER");
	ivi = aa_intent_get_vm(intent, "IVI");
	g_assert_nonnull(rt);
	g_assert_nonnull(ivi);

	/* the scenario's view alone */
	g_assert_true(aa_vm_is_rt(aa_scenario_get_vm_by_name(scenario, "RT_CLUSTER")));
	g_assert_false(aa_vm_is_rt(aa_scenario_get_vm_by_name(scenario, "IVI")));
	g_assert_true(aa_vm_type_is_rt("RTVM"));
	g_assert_false(aa_vm_type_is_rt("STANDARD_VM"));
	g_assert_false(aa_vm_type_is_rt(NULL));

	/* either the class rtos or the vm_type RTVM makes a VM real-time */
	g_assert_true(aa_intent_vm_is_rt(rt, NULL));
	g_assert_true(aa_intent_vm_is_rt(rt, "STANDARD_VM"));
	g_assert_true(aa_intent_vm_is_rt(ivi, "RTVM"));
	g_assert_true(aa_intent_vm_is_rt(NULL, "RTVM"));
	g_assert_false(aa_intent_vm_is_rt(ivi, "STANDARD_VM"));
	g_assert_false(aa_intent_vm_is_rt(ivi, NULL));
	g_assert_false(aa_intent_vm_is_rt(NULL, NULL));

	/* capacity looks the VM up in the scenario and asks the same question */
	g_assert_true(aa_capacity_vm_is_rt(scenario, rt));
	g_assert_false(aa_capacity_vm_is_rt(scenario, ivi));
	g_assert_false(aa_capacity_vm_is_rt(NULL, ivi));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/aa/model-types/resource", aa_model_types_resource_func);
	g_test_add_func("/aa/model-types/vm-class", aa_model_types_vm_class_func);
	g_test_add_func("/aa/model-types/rt", aa_model_types_rt_func);
	return g_test_run();
}
