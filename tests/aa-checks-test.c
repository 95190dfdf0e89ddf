/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The computed checks (aa-checks.c), each run alone on the hand-written tiny
 * board and the rule fixtures, and on intents built in memory.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "aa-checks.h"
#include "aa-error.h"
#include "aa-test-util.h"

#define AA_TINY_SCENARIO "valid-scenario-tiny-hybrid.xml"

typedef void (*AaScenarioCheck)(AaBoard *board, AaScenario *scenario, AaDiagnostics *report);

typedef struct {
	const gchar *rule_id; /* fixtures/rules/trigger-<rule_id>.xml raises it */
	AaScenarioCheck check;
	AaSeverity severity;
	const gchar *vm;
	const gchar *fix; /* a piece of the fix text, computed from the inputs */
} AaChecksCase;

static const AaChecksCase aa_checks_cases[] = {
    {"pci-missing", aa_checks_pci, AA_SEVERITY_ERROR, "INFOTAINMENT", "from pci_devs"},
    {"sriov-vf-over-total", aa_checks_pci, AA_SEVERITY_ERROR, "INFOTAINMENT", "VFs of 00:02.0"},
    {"sriov-pf-and-vf", aa_checks_pci, AA_SEVERITY_ERROR, "RT_CONTROL",
     "remove 00:02.0 from pci_devs"},
    {"rt-isolation", aa_checks_rt_isolation, AA_SEVERITY_WARNING, "RT_CONTROL", NULL},
};

/* one check alone raises its rule on its fixture, with the scenario's file and
 * line, and nothing but its own rule; the clean scenario raises nothing */
static void
aa_checks_scenario_func(gconstpointer data)
{
	const AaChecksCase *c = data;
	g_autofree gchar *name = g_strdup_printf("trigger-%s.xml", c->rule_id);
	g_autofree gchar *fixture = g_build_filename("rules", name, NULL);
	g_autoptr(AaPluginContext) ctx = aa_test_context_tiny(fixture, NULL);
	g_autoptr(AaPluginContext) clean = aa_test_context_tiny(AA_TINY_SCENARIO, NULL);
	g_autoptr(AaDiagnostics) report = aa_diagnostics_new(NULL, NULL);
	g_autoptr(AaDiagnostics) none = aa_diagnostics_new(NULL, NULL);
	const AaDiagnostic *d;

	c->check(ctx->board, ctx->scenario, report);
	d = aa_diagnostics_find(report, c->rule_id);
	g_assert_nonnull(d);
	g_assert_cmpint(d->severity, ==, c->severity);
	g_assert_cmpstr(d->vm, ==, c->vm);
	g_assert_true(g_str_has_suffix(d->file, name));
	g_assert_cmpint(d->line, >, 0);
	g_assert_nonnull(d->xpath);
	g_assert_nonnull(d->fix);
	if (c->fix != NULL && strstr(d->fix, c->fix) == NULL)
		g_error("fix '%s' does not say '%s'", d->fix, c->fix);
	for (guint i = 0; i < report->diagnostics->len; i++) {
		const AaDiagnostic *other = g_ptr_array_index(report->diagnostics, i);
		g_assert_cmpstr(other->rule_id, ==, c->rule_id);
	}
	g_assert_cmpuint(report->n_errors > 0, ==, c->severity == AA_SEVERITY_ERROR);

	c->check(clean->board, clean->scenario, none);
	g_assert_cmpuint(none->diagnostics->len, ==, 0);
}

/* without an intent only the scenario checks run, five rules counted */
static void
aa_checks_run_func(void)
{
	g_autoptr(AaPluginContext) clean = aa_test_context_tiny(AA_TINY_SCENARIO, NULL);
	g_autoptr(AaPluginContext) vf =
	    aa_test_context_tiny("rules/trigger-sriov-pf-and-vf.xml", NULL);
	g_autoptr(AaDiagnostics) none = aa_diagnostics_new(NULL, NULL);
	g_autoptr(AaDiagnostics) report = aa_diagnostics_new(NULL, NULL);

	aa_checks_run(clean->board, clean->scenario, NULL, NULL, none);
	g_assert_cmpuint(none->diagnostics->len, ==, 0);
	g_assert_cmpuint(none->n_rules, ==, 5);
	aa_checks_run(vf->board, vf->scenario, NULL, NULL, report);
	g_assert_true(aa_diagnostics_has_rule(report, "sriov-pf-and-vf"));
	g_assert_cmpuint(report->n_rules, ==, 5);
}

/* an intent of the tiny scenario's two guests, built in memory */
static AaIntent *
aa_checks_test_intent(void)
{
	AaIntent *intent = aa_intent_new();
	intent->filename = g_strdup("intent.xml");
	g_ptr_array_add(intent->vms, aa_test_intent_vm_new("RT_CONTROL", AA_VM_CLASS_RTOS));
	g_ptr_array_add(intent->vms, aa_test_intent_vm_new("INFOTAINMENT", AA_VM_CLASS_GAMING));
	return intent;
}

static AaProfile *
aa_checks_test_profile(AaIntent *intent, guint i, gdouble rss, gdouble wss)
{
	AaIntentVm *vm = g_ptr_array_index(intent->vms, i);
	AaProfile *profile = aa_test_intent_vm_profile(vm);
	profile->filename = g_strdup_printf("vm%u.csv", i);
	aa_test_profile_sample(profile, 1.0, NAN, rss / 2, wss / 2, NAN);
	aa_test_profile_sample(profile, 1.0, NAN, rss, wss, NAN);
	return profile;
}

/* INFOTAINMENT (4096 MiB) measured with a 5000 MiB working set: an error;
 * RT_CONTROL (2048 MiB) with a 2500 MiB peak RSS but no working set: a
 * warning; a trace that fits: nothing */
static void
aa_checks_intent_memory_func(void)
{
	g_autoptr(AaPluginContext) ctx = aa_test_context_tiny(AA_TINY_SCENARIO, NULL);
	g_autoptr(AaIntent) intent = aa_checks_test_intent();
	g_autoptr(AaIntent) fits = aa_checks_test_intent();
	g_autoptr(AaDiagnostics) report = aa_diagnostics_new(NULL, NULL);
	g_autoptr(AaDiagnostics) none = aa_diagnostics_new(NULL, NULL);
	const AaDiagnostic *d;

	g_assert_true(aa_intent_link_scenario(intent, ctx->scenario, NULL));
	g_assert_true(aa_intent_link_scenario(fits, ctx->scenario, NULL));
	aa_checks_test_profile(intent, 0, 2500, NAN);
	aa_checks_test_profile(intent, 1, 5200, 5000);
	aa_checks_intent_memory(ctx->scenario, intent, report);
	g_assert_cmpuint(report->diagnostics->len, ==, 2);
	d = aa_diagnostics_find(report, "memory-below-wss");
	g_assert_nonnull(d);
	g_assert_cmpint(d->severity, ==, AA_SEVERITY_ERROR);
	g_assert_cmpstr(d->vm, ==, "INFOTAINMENT");
	g_assert_true(g_str_has_suffix(d->file, AA_TINY_SCENARIO));
	g_assert_cmpint(d->line, >, 0);
	g_assert_cmpstr(d->fix, ==, "set memory/size to at least 5000 MiB");
	d = aa_diagnostics_find(report, "memory-below-rss");
	g_assert_nonnull(d);
	g_assert_cmpint(d->severity, ==, AA_SEVERITY_WARNING);
	g_assert_cmpstr(d->vm, ==, "RT_CONTROL");
	g_assert_cmpstr(d->fix, ==, "set memory/size to at least 2500 MiB");

	aa_checks_test_profile(fits, 0, 2000, 1500);
	aa_checks_test_profile(fits, 1, 4000, NAN);
	aa_checks_intent_memory(ctx->scenario, fits, none);
	g_assert_cmpuint(none->diagnostics->len, ==, 0);
}

/* RT_CONTROL has 2 vCPUs: the first two tasks (utilisation 0.75 each) fit,
 * the third needs a third vCPU */
static void
aa_checks_rt_schedulability_func(void)
{
	const gchar *names[] = {"ctl", "log", "big"};
	const guint64 wcet_period_us[][2] = {{30000, 40000}, {15000, 20000}, {30000, 40000}};
	g_autoptr(AaPluginContext) ctx = aa_test_context_tiny(AA_TINY_SCENARIO, NULL);

	for (guint n = 2; n <= 3; n++) {
		g_autoptr(AaDiagnostics) report = aa_diagnostics_new(NULL, NULL);
		g_autoptr(AaIntent) intent = aa_checks_test_intent();
		AaIntentVm *rt = g_ptr_array_index(intent->vms, 0);
		const AaDiagnostic *d;

		g_assert_true(aa_intent_link_scenario(intent, ctx->scenario, NULL));
		rt->line = 7;
		for (guint k = 0; k < n; k++)
			aa_test_intent_vm_task(rt, names[k], wcet_period_us[k][0],
			                       wcet_period_us[k][1]);
		aa_checks_rt_schedulability(ctx->scenario, intent, report);
		if (n == 2) {
			g_assert_cmpuint(report->diagnostics->len, ==, 0);
			continue;
		}
		g_assert_cmpuint(report->diagnostics->len, ==, 1);
		d = aa_diagnostics_find(report, "rt-unschedulable");
		g_assert_nonnull(d);
		g_assert_cmpint(d->severity, ==, AA_SEVERITY_ERROR);
		g_assert_cmpstr(d->vm, ==, "RT_CONTROL");
		/* the task set's place is the intent, not the scenario */
		g_assert_cmpstr(d->file, ==, "intent.xml");
		g_assert_cmpint(d->line, ==, 7);
		g_assert_cmpstr(d->fix, ==, "give VM RT_CONTROL at least 3 exclusive P-core pCPUs");
	}
}

/* a general VM on P-cores while a QoS VM is predicted to miss: a warning; the
 * same general VM on E-cores: nothing.  The intent goes through its reader,
 * the scenario through the whole validator (moved from the rules test). */
static void
aa_checks_qos_pcores_to_general_func(void)
{
	const gchar *cases[][2] = {{"rules/trigger-qos-pcores-to-general.xml", "GAME"},
	                           {"rules/clean-qos-general-on-ecores.xml", NULL}};

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(AaPluginContext) ctx =
		    aa_test_context_tiny(cases[i][0], "rules/intent-qos-general.xml");
		g_autoptr(AaDiagnostics) report = aa_test_validate(ctx, NULL);
		g_autoptr(AaDiagnostics) alone = aa_diagnostics_new(NULL, NULL);
		const AaDiagnostic *d = aa_diagnostics_find(report, "qos-pcores-to-general");

		aa_checks_intent_qos(ctx->board, ctx->scenario, ctx->intent, NULL, alone);
		if (cases[i][1] == NULL) {
			g_assert_null(d);
			g_assert_cmpuint(report->diagnostics->len, ==, 0);
			g_assert_cmpuint(alone->diagnostics->len, ==, 0);
			continue;
		}
		g_assert_nonnull(d);
		g_assert_cmpint(d->severity, ==, AA_SEVERITY_WARNING);
		g_assert_cmpstr(d->vm, ==, cases[i][1]);
		g_assert_cmpint(d->line, ==, 5);
		/* the prediction and the P-cores held are what the warning is for */
		aa_test_assert_contains(d->message, "fps 9 vs target 55", "OFFICE (3 P)", NULL);
		/* the check alone finds the same, once */
		g_assert_cmpuint(alone->diagnostics->len, ==, 1);
		g_assert_cmpstr(((AaDiagnostic *)alone->diagnostics->pdata[0])->message, ==,
		                d->message);
	}
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	aa_test_add_cases("/aa/checks/scenario", aa_checks_cases, sizeof(aa_checks_cases[0]),
	                  G_N_ELEMENTS(aa_checks_cases), aa_checks_scenario_func);
	g_test_add_func("/aa/checks/run", aa_checks_run_func);
	g_test_add_func("/aa/checks/intent-memory", aa_checks_intent_memory_func);
	g_test_add_func("/aa/checks/rt-schedulability", aa_checks_rt_schedulability_func);
	g_test_add_func("/aa/checks/qos-pcores-to-general", aa_checks_qos_pcores_to_general_func);
	return g_test_run();
}
