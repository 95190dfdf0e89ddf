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

/* the tiny board and scenario, with @intent_fixture when not NULL */
static AaPluginContext *
aa_vmlink_test_context(const gchar *intent_fixture)
{
	return aa_test_context_tiny(AA_TINY_SCENARIO, intent_fixture);
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
	g_autoptr(AaPluginContext) ctx = aa_vmlink_test_context("vmlink/valid-intent-reversed.xml");
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
	g_assert_cmpuint(cap->kept.vms->len, ==, 0);
}

/* the capacity of @ctx, whose one VM outside the intent is the scenario's
 * @kept-th: it keeps that VM's memory */
static AaCapacityInfo *
aa_vmlink_test_capacity_keeping(AaPluginContext *ctx, guint kept)
{
	g_autoptr(GError) error = NULL;
	AaVm *svm = aa_vmlink_test_scenario_vm(ctx->scenario, kept);
	AaCapacityInfo *cap = aa_capacity_compute(ctx->board, ctx->scenario, ctx->intent, &error);

	g_assert_no_error(error);
	g_assert_nonnull(cap);
	g_assert_cmpuint(cap->kept.vms->len, ==, 1);
	g_assert_true(g_ptr_array_index(cap->kept.vms, 0) == svm);
	g_assert_cmpint(cap->kept.memory_mib, ==, svm->memory_mib);
	return cap;
}

/* a scenario VM the intent does not name keeps its share, and no intent VM
 * is linked to it */
static void
aa_vmlink_one_guest_func(void)
{
	g_autoptr(AaPluginContext) ctx =
	    aa_vmlink_test_context("vmlink/valid-intent-one-guest.xml");
	g_autoptr(AaCapacityInfo) cap = NULL;

	g_assert_cmpuint(ctx->intent->vms->len, ==, 1);
	g_assert_null(aa_intent_get_vm_of(ctx->intent, 1));
	g_assert_nonnull(aa_intent_get_vm_of(ctx->intent, 2));
	cap = aa_vmlink_test_capacity_keeping(ctx, 1);
	g_assert_cmpstr(((AaVm *)g_ptr_array_index(cap->kept.vms, 0))->name, ==, "RT_CONTROL");
}

/* a VM outside the intent keeps the GPU VFs it holds: INFOTAINMENT's 00:02.1
 * of the tiny board's four; passing the PF 00:02.0 through whole, it leaves
 * no VF to give */
static void
aa_vmlink_kept_gpu_func(void)
{
	g_autoptr(AaPluginContext) ctx =
	    aa_vmlink_test_context("vmlink/valid-intent-rt-control-only.xml");
	g_autoptr(AaPluginContext) ctx_pf = NULL;
	g_autoptr(AaCapacityInfo) cap = NULL;
	g_autoptr(AaCapacityInfo) cap_pf = NULL;
	g_autofree gchar *tmp = aa_test_tmpdir("aa-vmlink-XXXXXX");
	g_autofree gchar *board = aa_test_fixture_path(AA_TINY_BOARD, NULL);
	g_autofree gchar *scenario = aa_test_fixture_path(AA_TINY_SCENARIO, NULL);
	g_autofree gchar *intent =
	    aa_test_fixture_path("vmlink", "valid-intent-rt-control-only.xml", NULL);
	g_autofree gchar *text = aa_test_read_text(NULL, scenario);
	g_autofree gchar *scenario_pf = g_build_filename(tmp, "scenario-pf.xml", NULL);
	g_auto(GStrv) parts = g_strsplit(text, "<pci_dev>00:02.1 ", -1);
	g_autofree gchar *text_pf = g_strjoinv("<pci_dev>00:02.0 ", parts);

	cap = aa_vmlink_test_capacity_keeping(ctx, 2);
	g_assert_cmpstr(((AaVm *)g_ptr_array_index(cap->kept.vms, 0))->name, ==, "INFOTAINMENT");
	g_assert_cmpuint(cap->kept.vfs->len, ==, 1);
	g_assert_cmpstr(g_ptr_array_index(cap->kept.vfs, 0), ==, "00:02.1");
	g_assert_null(cap->kept.pf_user);
	g_assert_cmpint(cap->capacity.gpu_vfs, ==, 3);

	g_assert_cmpuint(g_strv_length(parts), ==, 2);
	aa_test_write_file(tmp, "scenario-pf.xml", text_pf, -1);
	ctx_pf = aa_test_context_new(board, scenario_pf, intent);
	cap_pf = aa_vmlink_test_capacity_keeping(ctx_pf, 2);
	g_assert_true(cap_pf->kept.pf_user == aa_vmlink_test_scenario_vm(ctx_pf->scenario, 2));
	g_assert_cmpuint(cap_pf->kept.vfs->len, ==, 0);
	g_assert_cmpint(cap_pf->capacity.gpu_vfs, ==, 0);
	aa_test_rm_rf(tmp);
}

/* an intent read without a scenario has no link; one built in memory is
 * linked by aa_intent_link_scenario(), which refuses a VM the scenario lacks
 * and the Service VM */
static void
aa_vmlink_unlinked_func(void)
{
	g_autoptr(AaPluginContext) ctx = aa_vmlink_test_context(NULL);
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
static void
aa_vmlink_plan(AaPluginContext *ctx, const gchar *model, const gchar *tmp)
{
	g_autofree gchar *board = aa_test_fixture_path(AA_TINY_BOARD, NULL);
	g_autofree gchar *scenario =
	    aa_test_fixture_path("rules", "trigger-qos-pcores-to-general.xml", NULL);
	g_autofree gchar *intent =
	    aa_test_fixture_path("vmlink", "valid-intent-general-on-pcores.xml", NULL);
	g_autofree gchar *stage = g_build_filename(tmp, "stage", NULL);
	g_autofree gchar *out = g_build_filename(tmp, "out", NULL);
	g_autofree gchar *summary = NULL;
	g_autoptr(GError) error = NULL;
	AaPlanOptions opts = {.size = sizeof(AaPlanOptions), .model = model};

	opts.board = board;
	opts.scenario = scenario;
	opts.intent = intent;
	opts.stage = stage;
	opts.output = out;
	g_assert_cmpint(g_mkdir(stage, 0755), ==, 0);
	summary = aa_plan_run(ctx, &opts, &error);
	g_assert_no_error(error);
	g_assert_nonnull(summary);
}

/* a plan: its --model, and how many models its checks build beyond recommend's */
typedef struct {
	const gchar *name;
	const gchar *model;
	guint extra;
} AaVmlinkModelsCase;

static const AaVmlinkModelsCase aa_vmlink_models_cases[] = {
    /* the intent's model: the checks reuse recommend's */
    {"models-once", NULL, 0},
    /* --model robust over policy model="paper": recommend's models are not the
     * check's, which builds its own paper model */
    {"models-other-kind", "robust", 1},
};

/* plan builds each VM's model once: the checks of the final scenario predict
 * with recommend's models where they are the check's own, and find what the
 * check alone finds with a model it builds */
static void
aa_vmlink_models_func(gconstpointer data)
{
	const AaVmlinkModelsCase *c = data;
	g_autoptr(GError) error = NULL;
	g_autoptr(AaPluginContext) ctx = aa_context_new(g_test_get_dir(G_TEST_DIST), &error);
	g_autoptr(AaDiagnostics) report = aa_diagnostics_new(NULL, NULL);
	g_autofree gchar *tmp = aa_test_tmpdir("aa-vmlink-XXXXXX");
	g_autofree gchar *stage = g_build_filename(tmp, "stage", NULL);
	g_autofree gchar *html = NULL;
	const AaDiagnostic *d;

	g_assert_no_error(error);
	aa_debug_model_reset();
	aa_vmlink_plan(ctx, c->model, tmp);
	g_assert_cmpuint(aa_debug_model_count(), ==, ctx->intent->vms->len + c->extra);

	/* the final scenario keeps every VM where the intent's links point */
	for (guint i = 0; i < ctx->intent->vms->len; i++) {
		AaIntentVm *ivm = g_ptr_array_index(ctx->intent->vms, i);
		g_assert_cmpstr(aa_intent_vm_get_scenario_vm(ivm, ctx->scenario)->name, ==,
		                ivm->name);
	}
	/* the check needs a model there: alone it builds GAME's */
	aa_debug_model_reset();
	aa_checks_intent_qos(ctx->board, ctx->scenario, ctx->intent, NULL, report);
	g_assert_cmpuint(aa_debug_model_count(), ==, 1);
	d = aa_diagnostics_find(report, "qos-pcores-to-general");
	g_assert_nonnull(d);
	aa_test_assert_contains(d->message, "fps", "vs target 55", "OFFICE (", NULL);
	/* the same prediction in plan: the message is the one the check finds alone */
	html = aa_test_read_text(stage, "report.html");
	aa_test_assert_contains(html, "qos-pcores-to-general", d->message, NULL);
	aa_test_rm_rf(tmp);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/aa/vmlink/reversed", aa_vmlink_reversed_func);
	g_test_add_func("/aa/vmlink/one-guest", aa_vmlink_one_guest_func);
	g_test_add_func("/aa/vmlink/kept-gpu", aa_vmlink_kept_gpu_func);
	g_test_add_func("/aa/vmlink/unlinked", aa_vmlink_unlinked_func);
	aa_test_add_cases("/aa/plan", aa_vmlink_models_cases, sizeof(aa_vmlink_models_cases[0]),
	                  G_N_ELEMENTS(aa_vmlink_models_cases), aa_vmlink_models_func);
	return g_test_run();
}
