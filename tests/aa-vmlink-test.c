/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * One VM, four types (issue #11): an intent VM is linked to its scenario VM
 * once, when the intent is loaded, and the engine follows the link; plan
 * builds each VM model once and its checks reuse them.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "aa-capacity.h"
#include "aa-checks.h"
#include "aa-debug-private.h"
#include "aa-error.h"
#include "aa-plan.h"
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

/* plans the tiny board with trigger-qos-pcores-to-general.xml and
 * valid-intent-general-on-pcores.xml into @tmp/stage, @tmp a fresh folder;
 * @model: --model */
static gchar *
aa_vmlink_plan(AaPluginContext *ctx, const gchar *model, gchar **tmp, gchar **stage)
{
	g_autofree gchar *board = aa_test_fixture_path(AA_TINY_BOARD, NULL);
	g_autofree gchar *scenario =
	    aa_test_fixture_path("rules", "trigger-qos-pcores-to-general.xml", NULL);
	g_autofree gchar *intent =
	    aa_test_fixture_path("vmlink", "valid-intent-general-on-pcores.xml", NULL);
	g_autofree gchar *out = NULL;
	g_autoptr(GError) error = NULL;
	AaPlanOptions opts = {.size = sizeof(AaPlanOptions),
	                      .board = board,
	                      .scenario = scenario,
	                      .intent = intent,
	                      .model = model,
	                      .stage = NULL,
	                      .output = NULL};
	gchar *summary;

	*tmp = aa_test_tmpdir("aa-vmlink-XXXXXX");
	*stage = g_build_filename(*tmp, "stage", NULL);
	out = g_build_filename(*tmp, "out", NULL);
	opts.stage = *stage;
	opts.output = out;
	g_assert_cmpint(g_mkdir(*stage, 0755), ==, 0);
	summary = aa_plan_run(ctx, &opts, &error);
	g_assert_no_error(error);
	g_assert_nonnull(summary);
	return summary;
}

/* the qos-pcores-to-general finding of the check run alone on the context's
 * (final) scenario, and how many models it built for it */
static gchar *
aa_vmlink_check_alone(AaPluginContext *ctx, guint *n_models)
{
	g_autoptr(AaDiagnostics) report = aa_diagnostics_new(NULL, NULL);
	const AaDiagnostic *d;

	aa_debug_model_reset();
	aa_checks_intent_qos(ctx->board, ctx->scenario, ctx->intent, report);
	*n_models = aa_debug_model_count();
	d = aa_test_find_diagnostic(report, "qos-pcores-to-general");
	g_assert_nonnull(d);
	return g_strdup(d->message);
}

/* plan builds each VM's model once: the checks of the final scenario predict
 * with recommend's models, and find what the check alone finds with a model
 * of its own */
static void
aa_vmlink_models_once_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(AaPluginContext) ctx = aa_context_new(g_test_get_dir(G_TEST_DIST), &error);
	g_autofree gchar *tmp = NULL;
	g_autofree gchar *stage = NULL;
	g_autofree gchar *summary = NULL;
	g_autofree gchar *html = NULL;
	g_autofree gchar *alone = NULL;
	guint n_alone = 0;

	g_assert_no_error(error);
	aa_debug_model_reset();
	summary = aa_vmlink_plan(ctx, NULL, &tmp, &stage);
	g_assert_cmpuint(aa_debug_model_count(), ==, ctx->intent->vms->len);

	/* the final scenario keeps every VM where the intent's links point */
	for (guint i = 0; i < ctx->intent->vms->len; i++) {
		AaIntentVm *ivm = g_ptr_array_index(ctx->intent->vms, i);
		g_assert_cmpstr(aa_intent_vm_get_scenario_vm(ivm, ctx->scenario)->name, ==,
		                ivm->name);
	}
	/* the check needs a model there: alone it builds GAME's */
	alone = aa_vmlink_check_alone(ctx, &n_alone);
	g_assert_cmpuint(n_alone, ==, 1);
	aa_test_assert_contains(alone, "fps", "vs target 55", "OFFICE (", NULL);
	html = aa_test_read_text(stage, "report.html");
	/* the same prediction: the message is the one the check finds alone */
	aa_test_assert_contains(html, "qos-pcores-to-general", alone, NULL);
	aa_test_rm_rf(tmp);
}

/* recommend with another model than the intent's (--model robust over
 * policy model="paper"): its models are not the check's, which builds its
 * own paper model and finds what it finds alone */
static void
aa_vmlink_models_other_kind_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(AaPluginContext) ctx = aa_context_new(g_test_get_dir(G_TEST_DIST), &error);
	g_autofree gchar *tmp = NULL;
	g_autofree gchar *stage = NULL;
	g_autofree gchar *summary = NULL;
	g_autofree gchar *html = NULL;
	g_autofree gchar *alone = NULL;
	guint n_alone = 0;

	g_assert_no_error(error);
	aa_debug_model_reset();
	summary = aa_vmlink_plan(ctx, "robust", &tmp, &stage);
	g_assert_cmpuint(aa_debug_model_count(), ==, ctx->intent->vms->len + 1);
	alone = aa_vmlink_check_alone(ctx, &n_alone);
	g_assert_cmpuint(n_alone, ==, 1);
	html = aa_test_read_text(stage, "report.html");
	aa_test_assert_contains(html, "qos-pcores-to-general", alone, NULL);
	aa_test_rm_rf(tmp);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/aa/vmlink/reversed", aa_vmlink_reversed_func);
	g_test_add_func("/aa/vmlink/one-guest", aa_vmlink_one_guest_func);
	g_test_add_func("/aa/vmlink/unlinked", aa_vmlink_unlinked_func);
	g_test_add_func("/aa/plan/models-once", aa_vmlink_models_once_func);
	g_test_add_func("/aa/plan/models-other-kind", aa_vmlink_models_other_kind_func);
	return g_test_run();
}
