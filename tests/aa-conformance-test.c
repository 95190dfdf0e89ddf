/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Conformance of the engine to MODEL.md, rule by rule, on small cases
 * whose expected numbers are worked out by hand in the comments (or, for the
 * calibration fit, by an independent brute force written here).
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <libxml/xpath.h>

#include "aa-capacity.h"
#include "aa-context-private.h"
#include "aa-error.h"
#include "aa-model-private.h"
#include "aa-placement.h"
#include "aa-recommend.h"
#include "aa-search-private.h"
#include "aa-xml.h"
#include "aa-test-util.h"

#define EPS 1e-12

/* one VM of an intent with its profile, filled by hand as the readers would */
typedef struct {
	AaIntentVm *vm;
	AaVmModel *model;
} AaConfVm;

static void
aa_conf_vm_free(AaConfVm *t)
{
	aa_vm_model_free(t->model);
	aa_test_intent_vm_free(t->vm);
	g_free(t);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaConfVm, aa_conf_vm_free)

/* eta 0.6 as the default, not marked as given */
static AaConfVm *
aa_conf_vm_new(const gchar *name, AaVmClass klass)
{
	AaConfVm *t = g_new0(AaConfVm, 1);
	t->vm = aa_test_intent_vm_new(name, klass);
	t->vm->eta = 0.6;
	aa_test_intent_vm_profile(t->vm);
	return t;
}

/* one profile row; NAN is an empty cell */
static void
aa_conf_sample(AaConfVm *t, gdouble p, gdouble e, gdouble rss, gdouble wss, gdouble gpu_pct)
{
	aa_test_profile_sample(t->vm->profile, p, e, rss, wss, gpu_pct);
}

/* @rows identical samples */
static void
aa_conf_samples(AaConfVm *t, guint rows, gdouble p, gdouble rss, gdouble gpu_pct)
{
	for (guint i = 0; i < rows; i++)
		aa_conf_sample(t, p, 0.0, rss, NAN, gpu_pct);
}

static void
aa_conf_gpu_profiled(AaConfVm *t, gint64 slices)
{
	t->vm->profile->has_allocation = TRUE;
	t->vm->profile->alloc_gpu_slices = slices;
}

/* a qos target; @profiled is the trace's "# qos:" value, NAN for none */
static void
aa_conf_qos(AaConfVm *t, const gchar *metric, gboolean higher, gdouble target, gdouble weight,
            gdouble profiled)
{
	aa_test_intent_vm_qos(t->vm, metric, higher, target, weight);
	if (!isnan(profiled))
		aa_test_profile_qos(t->vm->profile, metric, profiled);
}

/* a calibration run on P-cores and memory alone */
static void
aa_conf_calibration(AaConfVm *t, gint64 p, gint64 m, const gchar *metric, gdouble value)
{
	aa_test_intent_vm_calibration(t->vm, p, 0, m, 0, metric, value);
}

static AaVmModel *
aa_conf_model(AaConfVm *t, gboolean rt)
{
	g_autoptr(GError) error = NULL;
	t->model = aa_vm_model_new(t->vm, rt, &error);
	g_assert_no_error(error);
	g_assert_nonnull(t->model);
	return t->model;
}

/* -------- profile vector -------- */

static void
aa_conformance_p95_seven_func(void)
{
	g_autoptr(AaConfVm) t = aa_conf_vm_new("VM", AA_VM_CLASS_GENERAL);
	const gdouble p[] = {0.7, 0.1, 0.5, 0.3, 0.6, 0.2};

	/* 7 samples: ceil(0.95 * 7) = 7, the largest.  The last row has an empty
	 * P cell, which counts 0: 0 + 0.6 * 2.0 = 1.2 is that largest value
	 * (a linear-interpolation percentile would give 0.7 + 0.7 * 0.5 = 1.05) */
	for (guint i = 0; i < G_N_ELEMENTS(p); i++)
		aa_conf_sample(t, p[i], 0.0, 100, NAN, NAN);
	aa_conf_sample(t, NAN, 2.0, 100, NAN, NAN);
	aa_conf_model(t, FALSE);
	g_assert_cmpfloat_with_epsilon(t->model->r_prof[AA_RESOURCE_CPU], 1.2, EPS);
}

static void
aa_conformance_p95_twenty_func(void)
{
	g_autoptr(AaConfVm) t = aa_conf_vm_new("VM", AA_VM_CLASS_GENERAL);

	/* values j/10, j = 1..20, in a shuffled order; even j are measured as
	 * (j/10 - 0.3) P-cores plus 0.5 E-cores at eta 0.6.  ceil(0.95 * 20) = 19:
	 * the 19th smallest is 1.9 (not 2.0, nor the interpolated 1.905) */
	for (guint k = 0; k < 20; k++) {
		guint j = (7 * k) % 20 + 1;
		if (j % 2 == 1)
			aa_conf_sample(t, j / 10.0, 0.0, 100, NAN, NAN);
		else
			aa_conf_sample(t, j / 10.0 - 0.3, 0.5, 100, NAN, NAN);
	}
	aa_conf_model(t, FALSE);
	g_assert_cmpfloat_with_epsilon(t->model->r_prof[AA_RESOURCE_CPU], 1.9, EPS);
}

static void
aa_conformance_p95_skip_empty_func(void)
{
	g_autoptr(AaConfVm) t = aa_conf_vm_new("VM", AA_VM_CLASS_GENERAL);

	/* 19 measured rows j/10 and one row with both CPU cells empty: skipped,
	 * so n = 19 and ceil(18.05) = 19 gives 1.9; counted as a 0 it would be
	 * n = 20, rank 19, 1.8 */
	aa_conf_sample(t, NAN, NAN, 100, NAN, NAN);
	for (guint j = 1; j <= 19; j++)
		aa_conf_sample(t, j / 10.0, 0.0, 100, NAN, NAN);
	aa_conf_model(t, FALSE);
	g_assert_cmpfloat_with_epsilon(t->model->r_prof[AA_RESOURCE_CPU], 1.9, EPS);
}

static void
aa_conformance_wss_func(void)
{
	g_autoptr(AaConfVm) wss = aa_conf_vm_new("WSS", AA_VM_CLASS_GENERAL);
	g_autoptr(AaConfVm) rss = aa_conf_vm_new("RSS", AA_VM_CLASS_GENERAL);

	/* the wss_mib column has one value: WSS wins, 2800, although RSS peaks
	 * at 3500; r_min = 0.25 * 2800 = 700, alpha = 0.9 / 2100 */
	aa_conf_sample(wss, 1.0, 0.0, 3000, NAN, NAN);
	aa_conf_sample(wss, 1.0, 0.0, 3500, 2800, NAN);
	aa_conf_sample(wss, 1.0, 0.0, 3200, NAN, NAN);
	aa_conf_model(wss, FALSE);
	g_assert_cmpfloat(wss->model->r_prof[AA_RESOURCE_MEMORY], ==, 2800);
	g_assert_cmpfloat_with_epsilon(wss->model->r_min[AA_RESOURCE_MEMORY], 700, EPS);
	g_assert_cmpfloat_with_epsilon(wss->model->alpha[AA_RESOURCE_MEMORY], 0.9 / 2100, EPS);
	/* F(r_prof) = 0.9; F(1400) = alpha (1400 - 700) = 0.3 */
	g_assert_cmpfloat_with_epsilon(aa_vm_model_impact(wss->model, AA_RESOURCE_MEMORY, 2800),
	                               0.9, EPS);
	g_assert_cmpfloat_with_epsilon(aa_vm_model_impact(wss->model, AA_RESOURCE_MEMORY, 1400),
	                               0.3, EPS);

	/* no WSS value at all: the RSS maximum */
	aa_conf_sample(rss, 1.0, 0.0, 3000, NAN, NAN);
	aa_conf_sample(rss, 1.0, 0.0, 3500, NAN, NAN);
	aa_conf_model(rss, FALSE);
	g_assert_cmpfloat(rss->model->r_prof[AA_RESOURCE_MEMORY], ==, 3500);
}

static void
aa_conformance_gpu_demand_func(void)
{
	g_autoptr(AaConfVm) t = aa_conf_vm_new("GPU", AA_VM_CLASS_GAMING);
	g_autoptr(AaConfVm) idle = aa_conf_vm_new("IDLE", AA_VM_CLASS_GENERAL);
	AaAlloc none = {1, 0, 1024, 0};
	AaAlloc one = {1, 0, 1024, 1};

	/* busy 5%, 10%, ..., 100% while holding 4 slices: the 19th of 20 is 95%,
	 * so r_prof,gpu = 0.95 * 4 = 3.8; r_min 0; alpha 0.9 / 3.8 */
	for (guint k = 20; k > 0; k--)
		aa_conf_sample(t, 1.0, 0.0, 1000, NAN, 5.0 * k);
	aa_conf_gpu_profiled(t, 4);
	aa_conf_model(t, FALSE);
	g_assert_cmpfloat_with_epsilon(t->model->r_prof[AA_RESOURCE_GPU], 3.8, EPS);
	g_assert_cmpfloat(t->model->r_min[AA_RESOURCE_GPU], ==, 0.0);
	g_assert_cmpfloat_with_epsilon(aa_vm_model_impact(t->model, AA_RESOURCE_GPU, 2),
	                               0.9 * 2 / 3.8, EPS);
	g_assert_true(aa_vm_model_wants_gpu(t->model));
	/* demand above r_min = 0 needs a slice */
	g_assert_false(aa_vm_model_feasible(t->model, &none));
	g_assert_true(aa_vm_model_feasible(t->model, &one));

	/* all zero: no GPU demand */
	aa_conf_samples(idle, 3, 1.0, 1000, 0.0);
	aa_conf_gpu_profiled(idle, 4);
	aa_conf_model(idle, FALSE);
	g_assert_cmpfloat(idle->model->r_prof[AA_RESOURCE_GPU], ==, 0.0);
	g_assert_false(aa_vm_model_wants_gpu(idle->model));
	g_assert_true(aa_vm_model_feasible(idle->model, &none));
}

/* -------- r_min, alpha, overrides -------- */

static void
aa_conformance_r_min_fallback_func(void)
{
	AaAlloc one_e = {0, 1, 128, 0};
	g_autoptr(AaConfVm) idle = aa_conf_vm_new("IDLE", AA_VM_CLASS_GENERAL);
	g_autoptr(AaConfVm) half = aa_conf_vm_new("HALF", AA_VM_CLASS_GENERAL);
	g_autoptr(AaConfVm) busy = aa_conf_vm_new("BUSY", AA_VM_CLASS_GENERAL);

	/* r_prof 0.4: the default 0.5 is not below it, r_min = 0.2, alpha 4.5 */
	aa_conf_samples(idle, 3, 0.4, 100, NAN);
	aa_conf_model(idle, FALSE);
	g_assert_cmpfloat_with_epsilon(idle->model->r_min[AA_RESOURCE_CPU], 0.2, EPS);
	g_assert_cmpfloat_with_epsilon(idle->model->alpha[AA_RESOURCE_CPU], 4.5, 1e-9);
	g_assert_cmpfloat_with_epsilon(aa_vm_model_impact(idle->model, AA_RESOURCE_CPU, 0.4), 0.9,
	                               1e-9);
	/* one E-core is 0.6 > 0.2 */
	g_assert_true(aa_vm_model_feasible(idle->model, &one_e));

	/* r_prof exactly 0.5: "not below" includes equal, r_min = 0.25 */
	aa_conf_samples(half, 3, 0.5, 100, NAN);
	aa_conf_model(half, FALSE);
	g_assert_cmpfloat_with_epsilon(half->model->r_min[AA_RESOURCE_CPU], 0.25, EPS);

	/* r_prof 0.6: the default stays */
	aa_conf_samples(busy, 3, 0.6, 100, NAN);
	aa_conf_model(busy, FALSE);
	g_assert_cmpfloat_with_epsilon(busy->model->r_min[AA_RESOURCE_CPU], 0.5, EPS);
	/* r > r_min is tested on cP + eta cE: one E-core is 0.6 > 0.5 */
	g_assert_true(aa_vm_model_feasible(busy->model, &one_e));
	busy->vm->has_eta = TRUE;
	busy->vm->eta = 0.5;
	aa_vm_model_free(busy->model);
	busy->model = NULL;
	aa_conf_model(busy, FALSE);
	/* at eta 0.5 it is 0.5, not above */
	g_assert_false(aa_vm_model_feasible(busy->model, &one_e));
}

static void
aa_conformance_alpha_override_func(void)
{
	g_autoptr(AaConfVm) neg = aa_conf_vm_new("NEG", AA_VM_CLASS_GENERAL);
	g_autoptr(AaConfVm) zero = aa_conf_vm_new("ZERO", AA_VM_CLASS_GENERAL);
	g_autoptr(AaConfVm) bad = aa_conf_vm_new("BAD", AA_VM_CLASS_GENERAL);
	g_autoptr(AaVmModel) model = NULL;
	g_autoptr(GError) error = NULL;

	/* memory r_prof 4000, r_min 1000; alpha 0.0005 gives c = 1 - 1.5 < 0:
	 * F = 1 from r_prof up; below, the linear part 0.0005 (1500 - 1000) */
	aa_conf_samples(neg, 2, 1.0, 4000, NAN);
	neg->vm->model[AA_RESOURCE_MEMORY].has_alpha = TRUE;
	neg->vm->model[AA_RESOURCE_MEMORY].alpha = 0.0005;
	aa_conf_model(neg, FALSE);
	g_assert_cmpfloat(neg->model->alpha[AA_RESOURCE_MEMORY], ==, 0.0005);
	g_assert_cmpfloat(aa_vm_model_impact(neg->model, AA_RESOURCE_MEMORY, 4000), ==, 1.0);
	g_assert_cmpfloat(aa_vm_model_impact(neg->model, AA_RESOURCE_MEMORY, 9000), ==, 1.0);
	g_assert_cmpfloat_with_epsilon(aa_vm_model_impact(neg->model, AA_RESOURCE_MEMORY, 1500),
	                               0.25, EPS);

	/* c = 0 exactly (alpha = 1 / 3000): also 1 from r_prof up */
	aa_conf_samples(zero, 2, 1.0, 4000, NAN);
	zero->vm->model[AA_RESOURCE_MEMORY].has_alpha = TRUE;
	zero->vm->model[AA_RESOURCE_MEMORY].alpha = 1.0 / 3000.0;
	aa_conf_model(zero, FALSE);
	g_assert_cmpfloat_with_epsilon(aa_vm_model_impact(zero->model, AA_RESOURCE_MEMORY, 4000),
	                               1.0, EPS);
	g_assert_cmpfloat_with_epsilon(aa_vm_model_impact(zero->model, AA_RESOURCE_MEMORY, 6000),
	                               1.0, EPS);
	g_assert_cmpfloat_with_epsilon(aa_vm_model_impact(zero->model, AA_RESOURCE_MEMORY, 2500),
	                               0.5, EPS);

	/* an r-min override at r_prof is an input error */
	aa_conf_samples(bad, 2, 1.0, 4000, NAN);
	bad->vm->model[AA_RESOURCE_MEMORY].has_r_min = TRUE;
	bad->vm->model[AA_RESOURCE_MEMORY].r_min = 4000;
	model = aa_vm_model_new(bad->vm, FALSE, &error);
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_DATA);
	g_assert_null(model);
}

/* -------- scores -------- */

static const AaQosPrediction *
aa_conf_prediction(const AaVmEvaluation *eval, guint j)
{
	return &g_array_index(eval->qos, AaQosPrediction, j);
}

static void
aa_conformance_scores_func(void)
{
	g_autoptr(AaConfVm) t = aa_conf_vm_new("VM", AA_VM_CLASS_GENERAL);
	AaAlloc one_p = {1, 0, 128, 0};
	AaAlloc two_p = {2, 0, 128, 0};
	AaAlloc four_e = {0, 4, 128, 0};
	AaVmEvaluation eval = {0};
	gdouble f;
	gdouble perf;

	/* CPU demand 2.0 only (no RSS): r_min 0.5, alpha 0.6, c 0.1, d -6 */
	aa_conf_samples(t, 3, 2.0, NAN, NAN);
	aa_conf_qos(t, "fps", TRUE, 55, 0.8, 60);
	aa_conf_qos(t, "frame-ms", FALSE, 16.7, 0.2, 12);
	/* lower-is-better with target 0: S = 1 iff Q <= 0 */
	aa_conf_qos(t, "errors", FALSE, 0, 0.5, 0);
	/* target below 0: Q = 0 is above it, S = 0 */
	aa_conf_qos(t, "drops", FALSE, -1, 0.5, 0);
	/* schedulability by name in a general VM; no task set: cP >= r_prof */
	aa_conf_qos(t, "deadline-miss-ratio", FALSE, 0, 1.0, NAN);
	t->vm->lambda = 0.1;
	t->vm->has_util_weight[AA_RESOURCE_CPU] = TRUE;
	t->vm->util_weight[AA_RESOURCE_CPU] = 1.0;
	aa_conf_model(t, FALSE);

	/* one P-core: F = 0.6 (1 - 0.5) = 0.3; fps 18, S 18/55; frame 40 ms,
	 * S max(0, 1 - 40/16.7) = 0; errors 0 <= 0, S 1; drops S 0; not
	 * schedulable (1 < 2), predicted 1; U = min(1, 2/1) = 1 */
	aa_vm_model_evaluate(t->model, &one_p, 1.0, &eval);
	g_assert_cmpfloat_with_epsilon(eval.factor, 0.3, EPS);
	g_assert_cmpfloat_with_epsilon(aa_conf_prediction(&eval, 0)->predicted, 18, EPS);
	g_assert_cmpfloat_with_epsilon(aa_conf_prediction(&eval, 0)->score, 18.0 / 55, EPS);
	g_assert_false(aa_conf_prediction(&eval, 0)->met);
	g_assert_cmpfloat_with_epsilon(aa_conf_prediction(&eval, 1)->predicted, 40, 1e-9);
	g_assert_cmpfloat(aa_conf_prediction(&eval, 1)->score, ==, 0.0);
	g_assert_cmpfloat(aa_conf_prediction(&eval, 2)->score, ==, 1.0);
	g_assert_true(aa_conf_prediction(&eval, 2)->met);
	g_assert_cmpfloat(aa_conf_prediction(&eval, 3)->score, ==, 0.0);
	g_assert_cmpfloat(aa_conf_prediction(&eval, 4)->predicted, ==, 1.0);
	g_assert_cmpfloat(aa_conf_prediction(&eval, 4)->score, ==, 0.0);
	g_assert_false(aa_conf_prediction(&eval, 4)->met);
	perf = 0.8 * 18.0 / 55 + 0.5;
	g_assert_cmpfloat_with_epsilon(eval.perf, perf, EPS);
	g_assert_cmpfloat_with_epsilon(eval.util, 1.0, EPS);
	g_assert_cmpfloat_with_epsilon(eval.total, perf + 0.1, EPS);
	aa_vm_evaluation_clear(&eval);
	/* objective modes scale lambda by 0, 1 and 4 */
	g_assert_cmpfloat_with_epsilon(
	    aa_vm_model_score(t->model, &one_p,
	                      aa_objective_lambda_scale(AA_OBJECTIVE_PERFORMANCE)),
	    perf, EPS);
	g_assert_cmpfloat_with_epsilon(
	    aa_vm_model_score(t->model, &one_p, aa_objective_lambda_scale(AA_OBJECTIVE_BALANCED)),
	    perf + 0.1, EPS);
	g_assert_cmpfloat_with_epsilon(
	    aa_vm_model_score(t->model, &one_p, aa_objective_lambda_scale(AA_OBJECTIVE_EFFICIENCY)),
	    perf + 0.4, EPS);

	/* two P-cores: F = F(r_prof) = 0.9; fps 54; frame 12/0.9; schedulable
	 * (2 >= 2), predicted 0; weights not renormalised: perf can exceed 1 */
	aa_vm_model_evaluate(t->model, &two_p, 1.0, &eval);
	g_assert_cmpfloat_with_epsilon(eval.factor, 0.9, EPS);
	g_assert_cmpfloat_with_epsilon(aa_conf_prediction(&eval, 0)->score, 54.0 / 55, EPS);
	g_assert_cmpfloat_with_epsilon(aa_conf_prediction(&eval, 1)->score, 1 - (12 / 0.9) / 16.7,
	                               EPS);
	g_assert_true(aa_conf_prediction(&eval, 1)->met);
	g_assert_cmpfloat(aa_conf_prediction(&eval, 4)->predicted, ==, 0.0);
	g_assert_cmpfloat(aa_conf_prediction(&eval, 4)->score, ==, 1.0);
	g_assert_true(aa_conf_prediction(&eval, 4)->met);
	perf = 0.8 * 54.0 / 55 + 0.2 * (1 - (12 / 0.9) / 16.7) + 0.5 + 1.0;
	g_assert_cmpfloat_with_epsilon(eval.perf, perf, EPS);
	g_assert_cmpfloat_with_epsilon(eval.total, perf + 0.1 * 1.0, EPS);
	aa_vm_evaluation_clear(&eval);

	/* four E-cores: x = 2.4 >= 2, F = 1 - 0.1 exp(-6 * 0.4); fps S = 1;
	 * the no-task-set rule looks at cP only: 0 < 2, not schedulable;
	 * U = 2 / 2.4 */
	f = 1 - 0.1 * exp(-6 * 0.4);
	aa_vm_model_evaluate(t->model, &four_e, 1.0, &eval);
	g_assert_cmpfloat_with_epsilon(eval.factor, f, EPS);
	g_assert_cmpfloat(aa_conf_prediction(&eval, 0)->score, ==, 1.0);
	g_assert_cmpfloat_with_epsilon(aa_conf_prediction(&eval, 1)->predicted, 12 / f, 1e-9);
	g_assert_cmpfloat(aa_conf_prediction(&eval, 4)->score, ==, 0.0);
	g_assert_cmpfloat_with_epsilon(eval.utilization[AA_RESOURCE_CPU], 2 / 2.4, EPS);
	/* no memory or GPU demand: U = 0 */
	g_assert_cmpfloat(eval.utilization[AA_RESOURCE_MEMORY], ==, 0.0);
	g_assert_cmpfloat(eval.utilization[AA_RESOURCE_GPU], ==, 0.0);
	perf = 0.8 + 0.2 * (1 - (12 / f) / 16.7) + 0.5;
	g_assert_cmpfloat_with_epsilon(eval.total, perf + 0.1 * 2 / 2.4, EPS);
	aa_vm_evaluation_clear(&eval);
}

/* the first @n of the tasks a 500, b 300, c 200, d 100 us, each every 1000 us */
static void
aa_conf_tasks(AaConfVm *t, guint n)
{
	const guint64 wcet_us[] = {500, 300, 200, 100};
	for (guint i = 0; i < n; i++) {
		gchar name[] = {(gchar)('a' + i), '\0'};
		aa_test_intent_vm_task(t->vm, name, wcet_us[i], 1000);
	}
}

static void
aa_conformance_deadline_tasks_func(void)
{
	g_autoptr(AaConfVm) exact = aa_conf_vm_new("EXACT", AA_VM_CLASS_RTOS);
	g_autoptr(AaConfVm) two = aa_conf_vm_new("TWO", AA_VM_CLASS_RTOS);
	/* p_cores[n]: n P-cores */
	const AaAlloc p_cores[] = {{0, 0, 128, 0}, {1, 0, 128, 0}, {2, 0, 128, 0}};

	/* 0.5 + 0.3 + 0.2 = 1 exactly: schedulable on one core (utilisation
	 * <= 1, not < 1), although r_prof,cpu 1.5 would ask for two */
	aa_conf_samples(exact, 2, 1.5, 100, NAN);
	aa_conf_tasks(exact, 3);
	aa_conf_qos(exact, "deadline-miss-ratio", FALSE, 0, 1.0, NAN);
	aa_conf_model(exact, TRUE);
	g_assert_cmpfloat(aa_vm_model_score(exact->model, &p_cores[1], 1.0), ==, 1.0);

	/* one more task of 0.1: first-fit decreasing puts 0.5, 0.3, 0.2 on core 1
	 * and 0.1 on core 2 */
	aa_conf_samples(two, 2, 0.8, 100, NAN);
	aa_conf_tasks(two, 4);
	aa_conf_qos(two, "deadline-miss-ratio", FALSE, 0, 1.0, NAN);
	aa_conf_model(two, TRUE);
	g_assert_cmpfloat(aa_vm_model_score(two->model, &p_cores[1], 1.0), ==, 0.0);
	g_assert_cmpfloat(aa_vm_model_score(two->model, &p_cores[2], 1.0), ==, 1.0);
}

/* -------- calibration fit -------- */

/* F_cpu with r_prof 3, r_min 0.5 and normalised t, as MODEL.md writes it */
static gdouble
aa_conf_f_cpu(gdouble t, gdouble x)
{
	gdouble alpha = t / 2.5;
	gdouble c = 1 - t;
	if (x < 3)
		return alpha * (x - 0.5);
	return 1 - c * exp(-alpha / c * (x - 3));
}

/* the pooled SSE of the rows of aa_conformance_fit_pooled_func() */
static gdouble
aa_conf_fit_sse(gdouble t, gboolean normalised)
{
	gdouble sse = 0;
	for (guint x = 1; x <= 4; x++) {
		gdouble fps = 60 * aa_conf_f_cpu(0.3, x) - 60 * aa_conf_f_cpu(t, x);
		gdouble lat = 10 / aa_conf_f_cpu(0.7, x) - 10 / aa_conf_f_cpu(t, x);
		if (normalised) {
			fps /= 60;
			lat /= 10;
		}
		sse += fps * fps + lat * lat;
	}
	return sse;
}

static void
aa_conformance_fit_pooled_func(void)
{
	g_autoptr(AaConfVm) t = aa_conf_vm_new("VM", AA_VM_CLASS_GENERAL);
	gdouble best_t = 0;
	gdouble best = INFINITY;
	gdouble norm_t = 0;
	gdouble norm = INFINITY;

	/* CPU demand 3 only; fps (higher, Q_prof 60) measured as if t = 0.3 and
	 * latency (lower, Q_prof 10) as if t = 0.7, at 1..4 P-cores; a row of a
	 * metric the intent does not name must be ignored */
	aa_conf_samples(t, 2, 3.0, NAN, NAN);
	aa_conf_qos(t, "fps", TRUE, 50, 1.0, 60);
	aa_conf_qos(t, "lat", FALSE, 20, 1.0, 10);
	for (guint x = 1; x <= 4; x++) {
		aa_conf_calibration(t, x, 1024, "fps", 60 * aa_conf_f_cpu(0.3, x));
		aa_conf_calibration(t, x, 1024, "lat", 10 / aa_conf_f_cpu(0.7, x));
	}
	aa_conf_calibration(t, 2, 1024, "power-w", 1e6);
	aa_conf_model(t, FALSE);

	/* the least-squares t of the unnormalised pooled residuals, by a scan in
	 * steps of 1e-5; the normalised residuals would give another t */
	for (guint i = 1; i < 100000; i++) {
		gdouble s = aa_conf_fit_sse(i / 1e5, FALSE);
		gdouble n = aa_conf_fit_sse(i / 1e5, TRUE);
		if (s < best) {
			best = s;
			best_t = i / 1e5;
		}
		if (n < norm) {
			norm = n;
			norm_t = i / 1e5;
		}
	}
	g_assert_cmpfloat(fabs(best_t - norm_t), >, 0.05);

	g_assert_true(t->model->fitted);
	g_assert_true(t->model->alpha_fitted[AA_RESOURCE_CPU]);
	g_assert_cmpuint(t->model->fit_rows, ==, 8);
	g_assert_cmpfloat_with_epsilon(t->model->alpha[AA_RESOURCE_CPU] * 2.5, best_t, 2e-5);
	g_assert_cmpfloat(t->model->fit_mse, <=, best / 8 * (1 + 1e-9));
	g_assert_cmpfloat(t->model->fit_mse, >=, best / 8 * (1 - 1e-6));
}

static void
aa_conformance_fit_floor_func(void)
{
	g_autoptr(AaConfVm) t = aa_conf_vm_new("VM", AA_VM_CLASS_GENERAL);

	/* CPU demand 3, memory 2000 (r_min 500) with a fixed alpha 0.0006; rows at
	 * 100000 MiB have F_mem = 1 - 0.1 exp(-588) = 1, fps exact for t = 0.3.
	 * One row at 400 MiB (below r_min): F <= 0, floored at 1e-12, so its
	 * prediction is 6e-11 and its residual about 5 whatever t is.  The fit
	 * finds t = 0.3 with MSE (5 - 6e-11)^2 / 5 */
	aa_conf_samples(t, 2, 3.0, 2000, NAN);
	t->vm->model[AA_RESOURCE_MEMORY].has_alpha = TRUE;
	t->vm->model[AA_RESOURCE_MEMORY].alpha = 0.0006;
	aa_conf_qos(t, "fps", TRUE, 50, 1.0, 60);
	for (guint x = 1; x <= 4; x++)
		aa_conf_calibration(t, x, 100000, "fps", 60 * aa_conf_f_cpu(0.3, x));
	aa_conf_calibration(t, 2, 400, "fps", 5);
	aa_conf_model(t, FALSE);

	g_assert_true(t->model->fitted);
	g_assert_cmpuint(t->model->fit_rows, ==, 5);
	g_assert_false(t->model->alpha_fitted[AA_RESOURCE_MEMORY]);
	g_assert_cmpfloat(t->model->alpha[AA_RESOURCE_MEMORY], ==, 0.0006);
	g_assert_cmpfloat_with_epsilon(t->model->alpha[AA_RESOURCE_CPU], 0.3 / 2.5, 1e-7);
	g_assert_cmpfloat_with_epsilon(t->model->fit_mse, (5 - 6e-11) * (5 - 6e-11) / 5, 1e-9);
}

/* -------- baselines -------- */

static GPtrArray *
aa_conf_models(AaConfVm **vms, guint n)
{
	GPtrArray *models = g_ptr_array_new();
	for (guint i = 0; i < n; i++)
		g_ptr_array_add(models, vms[i]->model);
	return models;
}

static AaSearchResult *
aa_conf_run(const AaProblem *problem, AaStrategy strategy)
{
	g_autoptr(GError) error = NULL;
	AaSearchResult *result = aa_search_run(problem, strategy, &error);
	g_assert_no_error(error);
	g_assert_nonnull(result);
	g_assert_cmpuint(result->allocs->len, ==, problem->models->len);
	g_assert_cmpfloat_with_epsilon(result->objective, aa_test_search_objective(problem, result),
	                               EPS);
	return result;
}

/* a VM of a baseline case: two samples, then what it asks for */
typedef struct {
	const gchar *name;
	AaVmClass klass; /* an rtos VM is modelled as real-time */
	gdouble cpu;
	gdouble rss;         /* NAN: none */
	gdouble gpu_pct;     /* NAN: none */
	gint64 gpu_profiled; /* slices held while profiled, 0: none */
	const gchar *metric; /* a qos target of weight 1, NULL: none */
	gboolean higher;
	gdouble target;
	gdouble profiled; /* the trace's "# qos:" value, NAN: none */
	gdouble eta;      /* 0: the default */
	gboolean has_limit;
	AaDim limit_dim;
	gint64 limit_min;
	gint64 limit_max;
} AaConfBaselineVm;

/* a baseline run and what it must give */
typedef struct {
	AaStrategy strategy;
	gboolean feasible;
	gint64 alloc[3][4];
	const gchar *reason;     /* in the reason, NULL: not checked */
	const gchar *not_reason; /* not in it, NULL: not checked */
} AaConfBaselineRun;

typedef struct {
	const gchar *path;
	AaConfBaselineVm vms[3];
	AaCapacity capacity;
	guint quantum;
	guint n_runs;
	AaConfBaselineRun runs[2];
} AaConfBaselineCase;

/* the VMs as name, class, cpu, rss, gpu %, slices held, then a qos target
 * (metric, higher, target, profiled), eta and a limit (dim, min, max) */
static const AaConfBaselineCase aa_conf_baselines[] = {
    /* W: CPU 2, 1000 MiB; R (rtos, second in intent order): CPU 1.5, 500 MiB;
     * G: CPU 3, 2000 MiB, GPU 2 slices (50% of 4) */
    {"/aa/conformance/baseline-rtos",
     {{"W", AA_VM_CLASS_WEB, 2.0, 1000, NAN, 0, "ops", TRUE, 100, 120},
      {"R", AA_VM_CLASS_RTOS, 1.5, 500, NAN, 0, "deadline-miss-ratio", FALSE, 0, NAN},
      {"G", AA_VM_CLASS_GAMING, 3.0, 2000, 50.0, 4, "fps", TRUE, 60, 70}},
     {1, 6, 4000, 10, 7},
     256,
     2,
     /* equal: 7 pCPUs / 3 = 2.33, want 2.  R goes first and takes min(2, 1)
      * = 1 P: P has run out.  W: 2 P not left, 2 E are (4 E left); G 2 E.
      * Memory 4000 / 3 = 1333 floored to 256: 1280.  GPU only among G (the
      * only VM with GPU demand): all 10.
      * proportional: CPU 7 x (2, 1.5, 3) / 6.5 = 2.15, 1.62, 3.23: want 2,
      * 1, 3; R 1 P, W 2 E, G 3 E.  Memory 4000 x (1000, 500, 2000) / 3500
      * = 1142.9, 571.4, 2285.7 floored to 1024, 512, 2048 */
     {{AA_STRATEGY_EQUAL, TRUE, {{0, 2, 1280, 0}, {1, 0, 1280, 0}, {0, 2, 1280, 10}}},
      {AA_STRATEGY_PROPORTIONAL, TRUE, {{0, 2, 1024, 0}, {1, 0, 512, 0}, {0, 3, 2048, 10}}}}},
    /* CPU 3.0, 0.6, 0.6; 500 MiB each; G counts an E-core at eta 0.4 */
    {"/aa/conformance/baseline-tie-raise",
     {{"W", AA_VM_CLASS_GENERAL, 3.0, 500, NAN, 0, "ops", TRUE, 100, 120},
      {"R", AA_VM_CLASS_RTOS, 0.6, 500, NAN, 0, "deadline-miss-ratio", FALSE, 0, NAN},
      {"G", AA_VM_CLASS_GENERAL, 0.6, 500, NAN, 0, "ops", TRUE, 100, 120, 0.4}},
     {2, 1, 1536, 0, 0},
     512,
     2,
     /* proportional: 3 x (3, 0.6, 0.6) / 4.2 = 2.14, 0.43, 0.43: want 2, 1, 1.
      * R first: 1 P (1 P, 1 E left).  W wants 2: neither pool has 2, both
      * have 1: P on the tie.  G wants 1: 1 E.  Memory 1536 / 3 = 512 each.
      * Clamping: G's one E-core is 0.4 <= r_min 0.5, raised to 2 E (0.8):
      * 2 E-cores used of 1, infeasible, reported with its objective.
      * equal: want 1 each; R 1 P, W 1 P, G 1 E raised to 2: the same */
     {{AA_STRATEGY_PROPORTIONAL,
       FALSE,
       {{1, 0, 512, 0}, {1, 0, 512, 0}, {0, 2, 512, 0}},
       "E-cores"},
      {AA_STRATEGY_EQUAL, FALSE, {{1, 0, 512, 0}, {1, 0, 512, 0}, {0, 2, 512, 0}}}}},
    /* three VMs of CPU 1, 500 MiB; B has p-cores min 1 max 1: cP >= 1 forces
     * cE = 0, so B may not use E-cores */
    {"/aa/conformance/baseline-p-min",
     {{"A", AA_VM_CLASS_GENERAL, 1.0, 500, NAN},
      {"C", AA_VM_CLASS_GENERAL, 1.0, 500, NAN},
      {"B", AA_VM_CLASS_GENERAL, 1.0, 500, NAN, 0, NULL, FALSE, 0, 0, 0, TRUE, AA_DIM_P_CORES, 1,
       1}},
     {5, 2, 3072, 0, 0},
     1024,
     1,
     /* equal: 7 / 3, want 2: A 2 P, C 2 P, B finds 1 P and takes 2 E.
      * Clamping turns B's 2 E into 2 P, then its max makes it 1 P: 5 P in
      * all, feasible (mixing 1 P and 2 E would be outside F_i) */
     {{AA_STRATEGY_EQUAL, TRUE, {{2, 0, 1024, 0}, {2, 0, 1024, 0}, {1, 0, 1024, 0}}}}},
    /* G: CPU 2, 1000 MiB, GPU 2 slices; H: no CPU, memory or GPU demand but
     * a GPU min of 1; K: CPU 2, 4800 MiB (r_min 1200) */
    {"/aa/conformance/baseline-zero-demand",
     {{"G", AA_VM_CLASS_GAMING, 2.0, 1000, 50.0, 4, "fps", TRUE, 60, 70},
      {"H", AA_VM_CLASS_GENERAL, 0.0, NAN, NAN, 0, "ops", TRUE, 10, 10, 0, TRUE, AA_DIM_GPU_SLICES,
       1, -1},
      {"K", AA_VM_CLASS_GENERAL, 2.0, 4800, NAN, 0, "ops", TRUE, 10, 10}},
     {4, 0, 2048, 10, 7},
     256,
     2,
     /* proportional: CPU 4 x (2, 0, 2) / 4: want 2, max(1, 0) = 1, 2; G 2 P,
      * H 1 P, K wants 2 of 1 P, 0 E left: all of the larger pool, 1 P.
      * Memory 2048 x (1000, 0, 4800) / 5800 = 353.1, 0, 1694.9 floored to
      * 256, 0, 1536; H is raised to one quantum (256).  GPU among G and H:
      * 10 x (2, 0) / 2 = 10, 0; H clamped to its min 1: 11 slices of 10,
      * infeasible.
      * equal: want 1 each (4 / 3); memory 682.7 floored to 512, K raised
      * above r_min 1200 to 1280: 2304 MiB of 2048, infeasible; GPU 5 and 5 */
     {{AA_STRATEGY_PROPORTIONAL,
       FALSE,
       {{2, 0, 256, 10}, {1, 0, 256, 1}, {1, 0, 1536, 0}},
       "GPU slices",
       "memory"},
      {AA_STRATEGY_EQUAL,
       FALSE,
       {{1, 0, 512, 5}, {1, 0, 512, 5}, {1, 0, 1280, 0}},
       "memory",
       "GPU slices"}}},
};

static AaConfVm *
aa_conf_baseline_vm(const AaConfBaselineVm *spec)
{
	AaConfVm *t = aa_conf_vm_new(spec->name, spec->klass);

	aa_conf_samples(t, 2, spec->cpu, spec->rss, spec->gpu_pct);
	if (spec->gpu_profiled > 0)
		aa_conf_gpu_profiled(t, spec->gpu_profiled);
	if (spec->metric != NULL)
		aa_conf_qos(t, spec->metric, spec->higher, spec->target, 1.0, spec->profiled);
	if (spec->has_limit)
		aa_test_intent_vm_limit(t->vm, spec->limit_dim, spec->limit_min, spec->limit_max);
	if (spec->eta > 0) {
		t->vm->has_eta = TRUE;
		t->vm->eta = spec->eta;
	}
	aa_conf_model(t, spec->klass == AA_VM_CLASS_RTOS);
	return t;
}

/* the equal and proportional baselines of three VMs, worked by hand */
static void
aa_conformance_baseline_func(gconstpointer data)
{
	const AaConfBaselineCase *c = data;
	AaConfVm *vms[3];
	g_autoptr(GPtrArray) models = NULL;
	AaProblem problem = {NULL, c->capacity, c->quantum, 1.0};

	for (guint i = 0; i < 3; i++)
		vms[i] = aa_conf_baseline_vm(&c->vms[i]);
	models = aa_conf_models(vms, 3);
	problem.models = models;
	for (guint r = 0; r < c->n_runs; r++) {
		const AaConfBaselineRun *run = &c->runs[r];
		g_autoptr(AaSearchResult) result = aa_conf_run(&problem, run->strategy);

		g_assert_cmpint(result->feasible, ==, run->feasible);
		for (guint i = 0; i < 3; i++)
			aa_test_assert_search_alloc(result, i, run->alloc[i][0], run->alloc[i][1],
			                            run->alloc[i][2], run->alloc[i][3]);
		/* an infeasible baseline is reported with its objective */
		g_assert_true(isfinite(result->objective));
		if (run->reason != NULL) {
			g_assert_nonnull(result->reason);
			g_assert_nonnull(strstr(result->reason, run->reason));
		}
		if (run->not_reason != NULL)
			g_assert_null(strstr(result->reason, run->not_reason));
	}
	for (guint i = 0; i < 3; i++)
		aa_conf_vm_free(vms[i]);
}

/* -------- search candidates -------- */

static guint
aa_conf_memory_candidates(AaConfVm *t, gint64 *min_mib)
{
	AaVmModel *model = t->model;
	g_autoptr(GPtrArray) models = g_ptr_array_new();
	g_autoptr(AaSearchTable) table = NULL;
	AaProblem problem = {models, {1, 0, 4000, 0, 0}, 256, 1.0};

	g_ptr_array_add(models, model);
	table = aa_search_table_new_for_problem(&problem);
	*min_mib = aa_search_table_min_use(table, 0, AA_USE_MEMORY_QUANTA) * 256;
	return aa_search_table_count(table, 0);
}

static void
aa_conformance_memory_candidates_func(void)
{
	g_autoptr(AaConfVm) odd = aa_conf_vm_new("ODD", AA_VM_CLASS_GENERAL);
	g_autoptr(AaConfVm) demand = aa_conf_vm_new("DEMAND", AA_VM_CLASS_GENERAL);
	g_autoptr(AaConfVm) free_vm = aa_conf_vm_new("FREE", AA_VM_CLASS_GENERAL);
	g_autoptr(AaConfVm) tiny = aa_conf_vm_new("TINY", AA_VM_CLASS_GENERAL);
	g_autoptr(AaConfVm) exact = aa_conf_vm_new("EXACT", AA_VM_CLASS_GENERAL);
	gint64 min = 0;

	/* one P-core each, quantum 256, capacity 4000 MiB */
	aa_conf_samples(odd, 2, 1.0, NAN, NAN);
	aa_test_intent_vm_limit(odd->vm, AA_DIM_MEMORY_MIB, 300, 1000);
	aa_conf_model(odd, FALSE);
	/* limits 300..1000: the multiples 512 and 768 */
	g_assert_cmpuint(aa_conf_memory_candidates(odd, &min), ==, 2);
	g_assert_cmpint(min, ==, 512);

	/* the same limits with RSS 2400 (r_min 600): only 768 is above r_min */
	aa_conf_samples(demand, 2, 1.0, 2400, NAN);
	aa_test_intent_vm_limit(demand->vm, AA_DIM_MEMORY_MIB, 300, 1000);
	aa_conf_model(demand, FALSE);
	g_assert_cmpuint(aa_conf_memory_candidates(demand, &min), ==, 1);
	g_assert_cmpint(min, ==, 768);

	/* no limit: 0 .. capacity, at least one quantum: 256 .. 3840, 15 */
	aa_conf_samples(free_vm, 2, 1.0, NAN, NAN);
	aa_conf_model(free_vm, FALSE);
	g_assert_cmpuint(aa_conf_memory_candidates(free_vm, &min), ==, 15);
	g_assert_cmpint(min, ==, 256);

	/* a max below one quantum leaves nothing */
	aa_conf_samples(tiny, 2, 1.0, NAN, NAN);
	aa_test_intent_vm_limit(tiny->vm, AA_DIM_MEMORY_MIB, 0, 200);
	aa_conf_model(tiny, FALSE);
	g_assert_cmpuint(aa_conf_memory_candidates(tiny, &min), ==, 0);

	/* limits on multiples are inclusive: 512, 768, 1024 */
	aa_conf_samples(exact, 2, 1.0, NAN, NAN);
	aa_test_intent_vm_limit(exact->vm, AA_DIM_MEMORY_MIB, 512, 1024);
	aa_conf_model(exact, FALSE);
	g_assert_cmpuint(aa_conf_memory_candidates(exact, &min), ==, 3);
	g_assert_cmpint(min, ==, 512);
}

/* -------- capacity, placement and recommendation.xml from fixtures -------- */

static AaPluginContext *
aa_conf_context(void)
{
	g_autofree gchar *board = aa_test_fixture_path("conformance", "board-two-gpus.xml", NULL);
	g_autofree gchar *scenario =
	    aa_test_fixture_path("conformance", "scenario-kept-vms.xml", NULL);
	g_autofree gchar *intent = aa_test_fixture_path("conformance", "intent-kept-vms.xml", NULL);
	return aa_test_context_new(board, scenario, intent);
}

static void
aa_conformance_capacity_func(void)
{
	g_autoptr(AaPluginContext) ctx = aa_conf_context();
	g_autoptr(AaCapacityInfo) cap = NULL;
	g_autoptr(GError) error = NULL;
	const guint taken[] = {0, 1, 4, 5, 10};

	/* board memory: the id-less ranges summed, then rounded down */
	g_assert_cmpuint(ctx->board->memory_mib, ==, 16386);

	cap = aa_capacity_compute(ctx->board, ctx->scenario, ctx->intent, &error);
	g_assert_no_error(error);
	g_assert_nonnull(cap);
	/* see intent-kept-vms.xml: the Service VM's own pCPUs 6,7 and 2048 MiB in
	 * the scenario do not count; PRE_KEEP and POST_KEEP keep theirs */
	g_assert_cmpint(cap->capacity.p_cores, ==, 4);
	g_assert_cmpint(cap->capacity.e_cores, ==, 3);
	g_assert_cmpint(cap->capacity.memory_mib, ==, 10014);
	g_assert_cmpint(cap->capacity.gpu_slices, ==, 6);
	g_assert_cmpint(cap->capacity.gpu_vfs, ==, 7);
	g_assert_nonnull(cap->gpu_pf);
	g_assert_cmpstr(cap->gpu_pf->bdf, ==, "00:05.0");
	g_assert_cmpuint(cap->service_pcpus->len, ==, 2);
	g_assert_cmpuint(g_array_index(cap->service_pcpus, guint, 0), ==, 0);
	g_assert_cmpuint(g_array_index(cap->service_pcpus, guint, 1), ==, 1);
	g_assert_cmpuint(cap->kept.vms->len, ==, 2);
	g_assert_cmpuint(cap->taken->len, ==, G_N_ELEMENTS(taken));
	for (guint i = 0; i < G_N_ELEMENTS(taken); i++)
		g_assert_cmpuint(g_array_index(cap->taken, guint, i), ==, taken[i]);
}

static void
aa_conformance_recommend_func(void)
{
	g_autoptr(AaPluginContext) ctx = aa_conf_context();
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(GError) error = NULL;
	g_autofree gchar *dir = g_dir_make_tmp("aa-conformance-XXXXXX", &error);
	g_autofree gchar *output = NULL;
	g_autofree gchar *summary = NULL;
	g_autoptr(xmlDoc) doc = NULL;

	g_assert_no_error(error);
	output = g_build_filename(dir, "recommendation.xml", NULL);
	g_hash_table_insert(options, (gpointer) "strategy", (gpointer) "optimal");
	g_hash_table_insert(options, (gpointer) "output", output);
	summary = aa_recommend_run(ctx, options, &error);
	g_assert_no_error(error);
	g_assert_nonnull(summary);
	doc = aa_xml_load_file(output, &error);
	g_assert_no_error(error);
	g_assert_nonnull(doc);

	/* FORMATS.md names, with the numbers worked out in intent-kept-vms.xml */
	aa_test_assert_xpath(doc, "string(/recommendation/@version)", "1");
	aa_test_assert_xpath(doc, "string(/recommendation/@strategy)", "optimal");
	aa_test_assert_xpath(doc, "string(/recommendation/@board)", "conformance");
	aa_test_assert_xpath(doc, "string(/recommendation/capacity/@p-cores)", "4");
	aa_test_assert_xpath(doc, "string(/recommendation/capacity/@e-cores)", "3");
	aa_test_assert_xpath(doc, "string(/recommendation/capacity/@memory-mib)", "10014");
	aa_test_assert_xpath(doc, "string(/recommendation/capacity/@gpu-slices)", "6");
	aa_test_assert_xpath(doc, "string(/recommendation/capacity/@gpu-vfs)", "7");
	aa_test_assert_xpath(doc, "string(/recommendation/search/@objective)", "1");
	aa_test_assert_xpath(doc, "string(/recommendation/search/@optimal)", "true");
	aa_test_assert_xpath(doc, "boolean(/recommendation/search/@nodes)", "true");
	aa_test_assert_xpath(doc, "boolean(/recommendation/search/@pruned)", "true");
	aa_test_assert_xpath(doc, "boolean(/recommendation/search/@seconds)", "true");

	/* the tie rule: every allocation with S = 1 scores 1; the smallest
	 * (cP, cE, m, g) is (0, 3, 128, 0), on the free E-cores 8, 9, 11 */
	aa_test_assert_xpath(doc, "string(/recommendation/vm/@name)", "POST_A");
	aa_test_assert_xpath(doc, "string(/recommendation/vm/@id)", "2");
	aa_test_assert_xpath(doc, "string(/recommendation/vm/allocation/@p-cores)", "0");
	aa_test_assert_xpath(doc, "string(/recommendation/vm/allocation/@e-cores)", "3");
	aa_test_assert_xpath(doc, "string(/recommendation/vm/allocation/@memory-mib)", "128");
	aa_test_assert_xpath(doc, "string(/recommendation/vm/allocation/@gpu-slices)", "0");
	aa_test_assert_xpath(doc, "count(/recommendation/vm/allocation/pcpu)", "3");
	aa_test_assert_xpath(doc, "string(/recommendation/vm/allocation/pcpu[1]/@id)", "8");
	aa_test_assert_xpath(doc, "string(/recommendation/vm/allocation/pcpu[2]/@id)", "9");
	aa_test_assert_xpath(doc, "string(/recommendation/vm/allocation/pcpu[3]/@id)", "11");
	aa_test_assert_xpath(doc, "count(/recommendation/vm/allocation/gpu-vf)", "0");
	/* F = 0.6 (1.8 - 0.5) = 0.78: ops 78 against 50 */
	aa_test_assert_xpath(doc, "string(/recommendation/vm/predicted/@metric)", "ops");
	aa_test_assert_xpath(doc, "string(/recommendation/vm/predicted/@value)", "78");
	aa_test_assert_xpath(doc, "string(/recommendation/vm/predicted/@target)", "50");
	aa_test_assert_xpath(doc, "string(/recommendation/vm/predicted/@met)", "true");
	aa_test_assert_xpath(doc, "string(/recommendation/vm/predicted/@score)", "1");
	aa_test_assert_xpath(doc, "string(/recommendation/vm/score/@perf)", "1");
	aa_test_assert_xpath(doc, "string(/recommendation/vm/score/@util)", "0");
	aa_test_assert_xpath(doc, "string(/recommendation/vm/score/@total)", "1");

	/* both baselines: 4 P (larger pool), 9984 MiB, objective 1 */
	aa_test_assert_xpath(doc, "count(/recommendation/baseline)", "2");
	aa_test_assert_xpath(doc, "string(/recommendation/baseline[1]/@strategy)", "equal");
	aa_test_assert_xpath(doc, "string(/recommendation/baseline[2]/@strategy)", "proportional");
	for (guint b = 1; b <= 2; b++) {
		g_autofree gchar *objective =
		    g_strdup_printf("string(/recommendation/baseline[%u]/@objective)", b);
		g_autofree gchar *p_cores =
		    g_strdup_printf("string(/recommendation/baseline[%u]/allocation/@p-cores)", b);
		g_autofree gchar *memory = g_strdup_printf(
		    "string(/recommendation/baseline[%u]/allocation/@memory-mib)", b);
		aa_test_assert_xpath(doc, objective, "1");
		aa_test_assert_xpath(doc, p_cores, "4");
		aa_test_assert_xpath(doc, memory, "9984");
	}

	g_assert_cmpint(g_unlink(output), ==, 0);
	g_assert_cmpint(g_rmdir(dir), ==, 0);
}

static AaBoard *
aa_conf_board(void)
{
	return aa_test_board_hybrid(4, 4, 0, 7, 2);
}

static void
aa_conformance_placement_func(void)
{
	g_autoptr(AaBoard) board = aa_conf_board();
	g_autoptr(GArray) service = aa_placement_service_pcpus(board, 1);
	g_autoptr(GPtrArray) keep = aa_test_placement_vms_new();
	g_autoptr(GPtrArray) abandon = aa_test_placement_vms_new();
	const guint service_ids[] = {0};
	const guint rt_isolated[] = {2};
	const guint std_keep[] = {1, 4, 5, 6, 7};
	const guint rt_lowest[] = {1};
	const guint std_abandon[] = {2, 3, 4, 5, 6, 7};
	const guint e_ids[] = {8};
	AaPlacementVm *vm;

	/* the Service VM holds CPU 0, the lowest P-core */
	aa_test_assert_uints(service, service_ids, 1);

	/* STD (5 P, 2 slices) before RT (1 P) in intent order, then X (1 E, 1
	 * slice).  RT is placed first: pCPU 1's domain {0,1} holds the Service VM,
	 * pCPU 2's domain {2,3} is clean: RT takes 2 and 3 stays empty.  Left:
	 * P 1,4,5,6,7 for STD's 5.  VFs in intent order over g >= 1: STD VF 0
	 * 00:02.1, X VF 1 = 00:02.1 + 1 x stride 2 = 00:02.3 */
	g_ptr_array_add(keep, aa_test_placement_vm_new("STD", FALSE, 5, 0, 2));
	g_ptr_array_add(keep, aa_test_placement_vm_new("RT", TRUE, 1, 0, 0));
	g_ptr_array_add(keep, aa_test_placement_vm_new("X", FALSE, 0, 1, 1));
	aa_test_place(board, service, keep);
	vm = aa_test_placed(keep, 1, rt_isolated, 1);
	g_assert_true(vm->isolated);
	g_assert_null(vm->vf_bdf);
	vm = aa_test_placed(keep, 0, std_keep, 5);
	g_assert_cmpstr(vm->vf_bdf, ==, "00:02.1");
	vm = aa_test_placed(keep, 2, e_ids, 1);
	g_assert_cmpstr(vm->vf_bdf, ==, "00:02.3");

	/* STD needs 6 P: with 3 kept empty only 5 would be left, so isolation is
	 * abandoned and RT takes the lowest free P-core, 1; STD gets 2-7 */
	g_ptr_array_add(abandon, aa_test_placement_vm_new("STD", FALSE, 6, 0, 0));
	g_ptr_array_add(abandon, aa_test_placement_vm_new("RT", TRUE, 1, 0, 0));
	aa_test_place(board, service, abandon);
	vm = aa_test_placed(abandon, 1, rt_lowest, 1);
	g_assert_false(vm->isolated);
	aa_test_placed(abandon, 0, std_abandon, 6);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/aa/conformance/p95-seven", aa_conformance_p95_seven_func);
	g_test_add_func("/aa/conformance/p95-twenty", aa_conformance_p95_twenty_func);
	g_test_add_func("/aa/conformance/p95-skip-empty", aa_conformance_p95_skip_empty_func);
	g_test_add_func("/aa/conformance/wss", aa_conformance_wss_func);
	g_test_add_func("/aa/conformance/gpu-demand", aa_conformance_gpu_demand_func);
	g_test_add_func("/aa/conformance/r-min-fallback", aa_conformance_r_min_fallback_func);
	g_test_add_func("/aa/conformance/alpha-override", aa_conformance_alpha_override_func);
	g_test_add_func("/aa/conformance/scores", aa_conformance_scores_func);
	g_test_add_func("/aa/conformance/deadline-tasks", aa_conformance_deadline_tasks_func);
	g_test_add_func("/aa/conformance/fit-pooled", aa_conformance_fit_pooled_func);
	g_test_add_func("/aa/conformance/fit-floor", aa_conformance_fit_floor_func);
	for (guint i = 0; i < G_N_ELEMENTS(aa_conf_baselines); i++)
		g_test_add_data_func(aa_conf_baselines[i].path, &aa_conf_baselines[i],
		                     aa_conformance_baseline_func);
	g_test_add_func("/aa/conformance/memory-candidates", aa_conformance_memory_candidates_func);
	g_test_add_func("/aa/conformance/capacity", aa_conformance_capacity_func);
	g_test_add_func("/aa/conformance/recommend", aa_conformance_recommend_func);
	g_test_add_func("/aa/conformance/placement", aa_conformance_placement_func);
	return g_test_run();
}
