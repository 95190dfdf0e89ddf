/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The robust model of docs/robust-model.md: demand sizing, the margin, the
 * lexicographic objective and the predictor interface for response families.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "aa-error.h"
#include "aa-intent-private.h"
#include "aa-model-private.h"
#include "aa-model-robust.h"
#include "aa-model.h"
#include "aa-test-util.h"

#define EPS 1e-9
/* AA_MODEL_SIGMA_EXTRAPOLATE (aa-model-robust.h), as a literal */
#define AA_MODEL_SIGMA_EXTRAPOLATE_TEST 0.25

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaIntentVm, aa_test_intent_vm_free)

/*
 * A gaming VM profiled on 6 P-cores and 8192 MiB: CPU busy 1.0 .. 2.9 P-cores
 * over 20 samples, RSS up to 3000 MiB, fps 60 (target 55, weight 0.8) and
 * frame time 12 ms (target 16.7, weight 0.2).
 */
/* a profile on @p_cores P-cores and @memory_mib: 20 samples, CPU busy @busy +
 * i @busy_step, RSS @rss + i @rss_step */
static AaProfile *
aa_robust_test_profile_new(gint64 p_cores, gint64 memory_mib, gdouble busy, gdouble busy_step,
                           gdouble rss, gdouble rss_step)
{
	AaProfile *profile = aa_test_profile_new();

	profile->has_allocation = TRUE;
	profile->alloc_p_cores = p_cores;
	profile->alloc_memory_mib = memory_mib;
	for (guint i = 0; i < 20; i++)
		aa_test_profile_sample(profile, busy + busy_step * i, NAN, rss + rss_step * i, NAN,
		                       NAN);
	return profile;
}

static AaIntentVm *
aa_robust_test_vm_new(void)
{
	AaIntentVm *vm = aa_test_intent_vm_new("POST_STD_VM1", AA_VM_CLASS_GAMING);
	vm->profile = aa_robust_test_profile_new(6, 8192, 1.0, 0.1, 1000.0, 100.0);
	aa_test_profile_qos(vm->profile, "fps", 60.0);
	aa_test_profile_qos(vm->profile, "frame-time-p95-ms", 12.0);
	aa_test_intent_vm_qos(vm, "fps", TRUE, 55.0, 0.8);
	aa_test_intent_vm_qos(vm, "frame-time-p95-ms", FALSE, 16.7, 0.2);
	return vm;
}

static AaVmModel *
aa_robust_test_model_new(const AaIntentVm *vm, AaModelKind kind)
{
	AaModelOptions options;
	g_autoptr(GError) error = NULL;
	AaVmModel *model;

	aa_model_options_init(&options, kind);
	model = aa_vm_model_new_full(vm, FALSE, &options, &error);
	g_assert_no_error(error);
	g_assert_nonnull(model);
	return model;
}

static void
aa_robust_demand_size_func(void)
{
	const gdouble cpu[] = {0.2, 1.3, 2.6, 0.9, 1.0, 1.1, 1.2, 1.4, 1.5,  1.6,
	                       1.7, 1.8, 1.9, 2.0, 2.1, 2.2, 2.3, 2.4, 2.45, 3.7};
	const gdouble edge[] = {2.0, 1.0};
	const gdouble odd[] = {NAN, -1.0, 0.0};

	/* 20 samples, 95 %: the 19th smallest (2.6) in 0.5 bins is 3.0 */
	g_assert_cmpfloat_with_epsilon(aa_demand_size(cpu, G_N_ELEMENTS(cpu), 0.5, 0.95), 3.0, EPS);
	/* all of them: 3.7 -> 4.0; half: the 10th (1.7) -> 2.0; 1 bins: 2.6 -> 3 */
	g_assert_cmpfloat_with_epsilon(aa_demand_size(cpu, G_N_ELEMENTS(cpu), 0.5, 1.0), 4.0, EPS);
	g_assert_cmpfloat_with_epsilon(aa_demand_size(cpu, G_N_ELEMENTS(cpu), 0.5, 0.5), 2.0, EPS);
	g_assert_cmpfloat_with_epsilon(aa_demand_size(cpu, G_N_ELEMENTS(cpu), 1.0, 0.95), 3.0, EPS);
	/* a value on a bin edge stays in that bin */
	g_assert_cmpfloat_with_epsilon(aa_demand_size(edge, 2, 0.5, 1.0), 2.0, EPS);
	/* memory: the quantum is the bin */
	g_assert_cmpfloat_with_epsilon(aa_demand_size(edge, 2, 128, 1.0), 128, EPS);
	/* nothing measured is no demand */
	g_assert_cmpfloat_with_epsilon(aa_demand_size(NULL, 0, 0.5, 0.95), 0.0, EPS);
	g_assert_cmpfloat_with_epsilon(aa_demand_size(odd, 3, 0.5, 1.0), 0.0, EPS);
}

/* a forecast's distribution in place of the trace's: twice the CPU samples */
static void
aa_robust_test_double_cpu(gpointer user_data, const AaIntentVm *vm, AaResource k, GArray *samples)
{
	guint *calls = user_data;
	(*calls)++;
	g_assert_nonnull(vm);
	if (k != AA_RESOURCE_CPU)
		return;
	for (guint i = 0; i < samples->len; i++)
		g_array_index(samples, gdouble, i) *= 2.0;
}

static void
aa_robust_demand_hook_func(void)
{
	g_autoptr(AaIntentVm) vm = aa_robust_test_vm_new();
	g_autoptr(AaVmModel) model = NULL;
	g_autoptr(GError) error = NULL;
	AaModelOptions options;
	guint calls = 0;
	const gdouble mem[] = {1000.0, 2900.0, NAN};

	/* per resource: memory covers the peak, plus the headroom, in quanta */
	g_assert_cmpfloat_with_epsilon(aa_demand_size_memory(mem, 3, 0.1, 128), 3200.0, EPS);
	g_assert_cmpfloat_with_epsilon(aa_demand_size_memory(mem, 3, 0.0, 1000), 3000.0, EPS);
	g_assert_cmpfloat_with_epsilon(aa_demand_size_memory(NULL, 0, 0.1, 128), 0.0, EPS);
	g_assert_cmpfloat_with_epsilon(aa_demand_size_cpu(mem, 2, 1.0), 2900.0, EPS);
	g_assert_cmpfloat_with_epsilon(aa_demand_size_gpu(mem, 2, 0.5), 1000.0, EPS);

	/* the hook sees each resource once; 2 x 2.8 = 5.6 in 0.5 bins is 6 */
	aa_model_options_init(&options, AA_MODEL_KIND_ROBUST);
	options.demand_samples = aa_robust_test_double_cpu;
	options.demand_data = &calls;
	model = aa_vm_model_new_full(vm, FALSE, &options, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(calls, ==, 3);
	g_assert_cmpfloat_with_epsilon(model->r_prof[AA_RESOURCE_CPU], 6.0, EPS);
	g_assert_cmpfloat_with_epsilon(model->r_prof[AA_RESOURCE_MEMORY], 3200.0, EPS);
}

static void
aa_robust_normal_quantile_func(void)
{
	g_assert_cmpfloat_with_epsilon(aa_model_normal_quantile(0.5), 0.0, 1e-9);
	g_assert_cmpfloat_with_epsilon(aa_model_normal_quantile(0.8), 0.8416212335729143, 1e-9);
	g_assert_cmpfloat_with_epsilon(aa_model_normal_quantile(0.975), 1.959963984540054, 1e-9);
	g_assert_cmpfloat_with_epsilon(aa_model_normal_quantile(0.1), -1.2815515655446004, 1e-9);
}

/* Student's t quantiles against published table values (odd and even df,
 * the closed forms of df 1 and 2, and the normal limit) */
static void
aa_robust_student_quantile_func(void)
{
	const struct {
		gdouble p;
		guint df;
		gdouble t;
	} cases[] = {
	    {0.99, 1, 31.820515953773956},
	    {0.99, 2, 6.964556734283274},
	    {0.99, 3, 4.540702858568132},
	    {0.99, 4, 3.746947387979196},
	    {0.99, 10, 2.763769457447889},
	    {0.975, 5, 2.570581835636314},
	    {0.975, 30, 2.042272456301236},
	    {0.8, 7, 0.8960296443137515},
	    {0.5, 3, 0.0},
	};

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++)
		g_assert_cmpfloat_with_epsilon(aa_model_student_quantile(cases[i].p, cases[i].df),
		                               cases[i].t, 1e-6 * MAX(1.0, cases[i].t));
	/* above 1000 degrees of freedom, the normal quantile */
	g_assert_cmpfloat(aa_model_student_quantile(0.99, 1001), ==,
	                  aa_model_normal_quantile(0.99));
	g_assert_cmpfloat(aa_model_student_quantile(0.99, 1000), >, aa_model_normal_quantile(0.99));
}

static void
aa_robust_sizing_func(void)
{
	g_autoptr(AaIntentVm) vm = aa_robust_test_vm_new();
	g_autoptr(AaVmModel) paper = aa_robust_test_model_new(vm, AA_MODEL_KIND_PAPER);
	g_autoptr(AaVmModel) robust = aa_robust_test_model_new(vm, AA_MODEL_KIND_ROBUST);

	/* paper: p95 = 19th of 1.0 .. 2.9 = 2.8; max RSS 2900 */
	g_assert_cmpfloat_with_epsilon(paper->r_prof[AA_RESOURCE_CPU], 2.8, EPS);
	g_assert_cmpfloat_with_epsilon(paper->r_prof[AA_RESOURCE_MEMORY], 2900, EPS);
	g_assert_cmpfloat_with_epsilon(paper->anchor, 1.0, EPS);
	g_assert_cmpfloat_with_epsilon(paper->z, 0.0, EPS);
	/* robust: 2.8 in 0.5 bins = 3.0; 2900 * 1.1 = 3190 in 128 MiB bins = 3200 */
	g_assert_cmpfloat_with_epsilon(robust->r_prof[AA_RESOURCE_CPU], 3.0, EPS);
	g_assert_cmpfloat_with_epsilon(robust->r_prof[AA_RESOURCE_MEMORY], 3200, EPS);
	g_assert_cmpfloat_with_epsilon(robust->z, 0.8416212335729143, 1e-9);
	/* anchored at the profiled allocation (6 P, 8192 MiB) */
	g_assert_cmpfloat(robust->anchor, >, 0.9 * 0.9);
	g_assert_cmpfloat(robust->anchor, <, 1.0);
}

static void
aa_robust_anchor_margin_func(void)
{
	g_autoptr(AaIntentVm) vm = aa_robust_test_vm_new();
	g_autoptr(AaVmModel) model = aa_robust_test_model_new(vm, AA_MODEL_KIND_ROBUST);
	AaAlloc profiled = {6, 0, 8192, 0};
	AaAlloc small = {2, 0, 2048, 0};
	AaVmEvaluation eval = {0};
	const AaQosPrediction *fps;
	gdouble q;

	/* at the profiled allocation the prediction is what was measured */
	aa_vm_model_evaluate(model, &profiled, 1.0, &eval);
	fps = &g_array_index(eval.qos, AaQosPrediction, 0);
	g_assert_cmpfloat_with_epsilon(fps->predicted, 60.0, 1e-9);
	/* sigma = 5 % of 60, margin z sigma = 2.52: 60 - 2.52 >= 55, met */
	g_assert_cmpfloat_with_epsilon(fps->sigma, 3.0, 1e-9);
	g_assert_cmpfloat_with_epsilon(fps->margin, 0.8416212335729143 * 3.0, 1e-6);
	g_assert_true(fps->met);
	g_assert_true(fps->nominal_met);
	g_assert_cmpstr(fps->family, ==, "paper");
	g_assert_cmpuint(eval.n_targets, ==, 2);
	g_assert_cmpuint(eval.n_met, ==, 2);
	g_assert_cmpfloat_with_epsilon(eval.met_weight, 1.0, EPS);
	g_assert_cmpfloat_with_epsilon(eval.objective,
	                               model->target_scale * eval.credit + eval.total, EPS);
	g_assert_cmpfloat_with_epsilon(aa_vm_model_score(model, &profiled, 1.0), eval.objective,
	                               EPS);
	aa_vm_evaluation_clear(&eval);

	/* further away the uncertainty grows with the predicted change */
	aa_vm_model_evaluate(model, &small, 1.0, &eval);
	fps = &g_array_index(eval.qos, AaQosPrediction, 0);
	q = fps->predicted;
	g_assert_cmpfloat(q, <, 60.0);
	g_assert_cmpfloat_with_epsilon(fps->sigma, 3.0 + 0.25 * (60.0 - q), 1e-9);
	g_assert_false(fps->met);
	g_assert_cmpfloat_with_epsilon(aa_vm_model_predict(model, 0, &small), q, EPS);
	aa_vm_evaluation_clear(&eval);
}

/* the sigma of the fps prediction at @r; the prediction in @predicted */
static gdouble
aa_robust_test_eta_sigma(const AaVmModel *model, const AaAlloc *r, gdouble *predicted)
{
	AaVmEvaluation eval = {0};
	gdouble sigma;

	aa_vm_model_evaluate(model, r, 1.0, &eval);
	sigma = g_array_index(eval.qos, AaQosPrediction, 0).sigma;
	*predicted = g_array_index(eval.qos, AaQosPrediction, 0).predicted;
	aa_vm_evaluation_clear(&eval);
	return sigma;
}

/* 3 P-cores and 5 E-cores at eta 0.6 are the same effective CPU; the E-cores
 * are uncertain by one standard deviation of the speed prior until the intent
 * gives eta or a run measured the VM on E-cores */
static void
aa_robust_eta_prior_func(void)
{
	const AaAlloc p3 = {3, 0, 8192, 0};
	const AaAlloc e5 = {0, 5, 8192, 0};
	const AaAlloc e3 = {0, 3, 8192, 0};
	const AaAlloc e4 = {0, 4, 8192, 0};
	const gdouble e = 5.0 * (0.6 - AA_MODEL_ETA_SD) / 0.6;

	for (guint c = 0; c < 5; c++) {
		g_autoptr(AaIntentVm) vm = aa_robust_test_vm_new();
		g_autoptr(AaVmModel) model = NULL;
		gdouble qp;
		gdouble qe;
		gdouble sp;
		gdouble se;
		gdouble slow;

		if (c == 1) {
			vm->has_eta = TRUE;
			vm->eta = 0.6;
		} else if (c == 2) {
			aa_test_intent_vm_calibration(vm, 0, 5, 8192, 0, "fps", 30.0);
		}
		model = aa_robust_test_model_new(vm, c == 4 ? AA_MODEL_KIND_PAPER
		                                            : AA_MODEL_KIND_ROBUST);
		if (c == 3)
			aa_vm_model_set_eta_measured(model);
		sp = aa_robust_test_eta_sigma(model, &p3, &qp);
		se = aa_robust_test_eta_sigma(model, &e5, &qe);
		g_assert_cmpfloat_with_epsilon(qe, qp, 1e-9);
		if (c == 4) {
			g_assert_cmpfloat(sp, ==, 0.0);
			g_assert_cmpfloat(se, ==, 0.0);
			continue;
		}
		g_assert_cmpfloat(sp, >, 0.0);
		if (c > 0) {
			g_assert_cmpfloat_with_epsilon(se, sp, 1e-9);
			continue;
		}
		/* the change to the fps of 3.08 E-cores, interpolated between 3 and 4 */
		slow = aa_vm_model_predict(model, 0, &e3) +
		       (e - 3.0) * (aa_vm_model_predict(model, 0, &e4) -
		                    aa_vm_model_predict(model, 0, &e3));
		g_assert_cmpfloat(slow, <, qe);
		g_assert_cmpfloat_with_epsilon(se, sp + (qe - slow), 1e-9);
		g_assert_cmpfloat(se, >, sp + 0.05 * qe);
	}
}

/* a calibration whose misfit is large: the margin must show it */
static void
aa_robust_loo_func(void)
{
	g_autoptr(AaIntentVm) vm = aa_robust_test_vm_new();
	g_autoptr(AaVmModel) model = NULL;
	AaAlloc r = {6, 0, 8192, 0};
	AaVmEvaluation eval = {0};
	const AaQosPrediction *fps;

	/* fps jumps around 300 regardless of the CPU: no curve fits */
	g_hash_table_remove_all(vm->profile->qos);
	aa_test_profile_qos(vm->profile, "fps", 300.0);
	aa_test_profile_qos(vm->profile, "frame-time-p95-ms", 12.0);
	g_ptr_array_set_size(vm->qos, 0);
	aa_test_intent_vm_qos(vm, "fps", TRUE, 280.0, 1.0);
	aa_test_intent_vm_calibration(vm, 6, 0, 8192, 0, "fps", 380.0);
	aa_test_intent_vm_calibration(vm, 5, 0, 8192, 0, "fps", 230.0);
	aa_test_intent_vm_calibration(vm, 4, 0, 8192, 0, "fps", 330.0);
	aa_test_intent_vm_calibration(vm, 3, 0, 8192, 0, "fps", 240.0);
	aa_test_intent_vm_calibration(vm, 2, 0, 8192, 0, "fps", 300.0);
	model = aa_robust_test_model_new(vm, AA_MODEL_KIND_ROBUST);
	g_assert_true(model->fitted);
	g_assert_cmpstr(aa_vm_model_qos_at(model, 0)->sigma_source, ==, "loo");
	/* the held-out error is at least the in-sample one */
	g_assert_cmpfloat(aa_vm_model_qos_at(model, 0)->sigma, >=, sqrt(model->fit_mse));
	g_assert_cmpfloat(sqrt(model->fit_mse), >, 40.0);
	aa_vm_model_evaluate(model, &r, 1.0, &eval);
	fps = &g_array_index(eval.qos, AaQosPrediction, 0);
	g_assert_cmpfloat(fps->margin, >, 0.8 * sqrt(model->fit_mse));
	g_assert_cmpfloat(fps->margin / fps->predicted, >, 0.1);
	aa_vm_evaluation_clear(&eval);
}

typedef struct {
	gdouble per_core;
	guint *destroyed;
} AaRobustTestLinear;

static gdouble
aa_robust_test_linear(gpointer user_data, const AaVmModel *model, const AaAlloc *r)
{
	const AaRobustTestLinear *lin = user_data;
	g_assert_nonnull(model);
	return lin->per_core * ((gdouble)r->p_cores + model->eta * (gdouble)r->e_cores);
}

static void
aa_robust_test_linear_free(gpointer user_data)
{
	AaRobustTestLinear *lin = user_data;
	(*lin->destroyed)++;
	g_free(lin);
}

static void
aa_robust_predictor_func(void)
{
	g_autoptr(AaIntentVm) vm = aa_robust_test_vm_new();
	g_autoptr(AaVmModel) model = aa_robust_test_model_new(vm, AA_MODEL_KIND_ROBUST);
	g_autoptr(AaVmModel) paper = aa_robust_test_model_new(vm, AA_MODEL_KIND_PAPER);
	AaRobustTestLinear *lin = g_new0(AaRobustTestLinear, 1);
	AaRobustTestLinear *lin2 = g_new0(AaRobustTestLinear, 1);
	guint destroyed = 0;
	AaAlloc six = {6, 0, 4096, 0};
	AaAlloc five = {5, 0, 4096, 0};
	AaVmEvaluation eval = {0};
	const AaQosPrediction *fps;
	gdouble builtin = aa_vm_model_predict(model, 0, &five);

	/* fps = 10 per P-core, sigma 1 (floored at 5 % of Q_prof = 3) */
	lin->per_core = 10.0;
	lin->destroyed = &destroyed;
	aa_vm_model_set_predictor(model, 0, aa_robust_test_linear, lin, aa_robust_test_linear_free,
	                          1.0, "linear");
	g_assert_cmpfloat_with_epsilon(aa_vm_model_predict(model, 0, &five), 50.0, EPS);
	aa_vm_model_evaluate(model, &six, 1.0, &eval);
	fps = &g_array_index(eval.qos, AaQosPrediction, 0);
	g_assert_cmpfloat_with_epsilon(fps->predicted, 60.0, EPS);
	g_assert_cmpfloat_with_epsilon(fps->score, 1.0, EPS);
	g_assert_cmpfloat_with_epsilon(fps->sigma, 3.0, EPS);
	g_assert_cmpstr(fps->family, ==, "linear");
	/* 60 - 0.84 * 3 >= 55 */
	g_assert_true(fps->met);
	g_assert_cmpfloat_with_epsilon(aa_vm_model_score(model, &six, 1.0), eval.objective, EPS);
	aa_vm_evaluation_clear(&eval);
	/* 50 < 55: missed, scored by the conservative value (50 - 0.84 x 3) / 55 */
	aa_vm_model_evaluate(model, &five, 1.0, &eval);
	fps = &g_array_index(eval.qos, AaQosPrediction, 0);
	g_assert_false(fps->met);
	g_assert_false(fps->nominal_met);
	g_assert_cmpfloat_with_epsilon(fps->score, (50.0 - fps->margin) / 55.0, EPS);
	g_assert_cmpfloat_with_epsilon(fps->margin, 0.8416212335729143 * 3.0, 1e-6);
	aa_vm_evaluation_clear(&eval);

	/* a larger sigma is used as given: 57 - 0.84 * 10 < 55 */
	lin2->per_core = 9.5;
	lin2->destroyed = &destroyed;
	aa_vm_model_set_predictor(model, 0, aa_robust_test_linear, lin2, aa_robust_test_linear_free,
	                          10.0, "linear");
	g_assert_cmpuint(destroyed, ==, 1);
	aa_vm_model_evaluate(model, &six, 1.0, &eval);
	fps = &g_array_index(eval.qos, AaQosPrediction, 0);
	g_assert_cmpfloat_with_epsilon(fps->predicted, 57.0, EPS);
	g_assert_true(fps->nominal_met);
	g_assert_false(fps->met);
	/* fps met only nominally: half its weight in the first level, none in the
	 * weight of the targets met (the other target, met, counts whole in both) */
	g_assert_cmpfloat_with_epsilon(eval.credit - eval.met_weight, 0.5 * fps->qos->weight, EPS);
	g_assert_cmpfloat_with_epsilon(eval.objective,
	                               model->target_scale * eval.credit + eval.total, 1e-6);
	g_assert_cmpfloat_with_epsilon(aa_vm_model_score(model, &six, 1.0), eval.objective, 1e-6);
	aa_vm_evaluation_clear(&eval);

	/* NULL restores the built-in family */
	aa_vm_model_set_predictor(model, 0, NULL, NULL, NULL, 0.0, NULL);
	g_assert_cmpuint(destroyed, ==, 2);
	g_assert_cmpfloat_with_epsilon(aa_vm_model_predict(model, 0, &five), builtin, EPS);

	/* the paper model is MODEL.md exactly: no predictor */
	g_test_expect_message("AcrnAlloc", G_LOG_LEVEL_CRITICAL, "*ROBUST*");
	aa_vm_model_set_predictor(paper, 0, aa_robust_test_linear, NULL, NULL, 1.0, "linear");
	g_test_assert_expected_messages();
}

/* a predictor's sigma that grows with the distance from 4 P-cores: 0.5 per core */
static gdouble
aa_robust_test_sigma(gpointer user_data, const AaVmModel *model, const AaAlloc *r)
{
	(void)user_data;
	g_assert_nonnull(model);
	return 0.5 + 6.0 * fabs((gdouble)r->p_cores - 4.0);
}

/* an uncertainty that depends on the allocation: met where the predictor is
 * sure, missed where the same value is far from what was measured */
static void
aa_robust_predictor_sigma_func(void)
{
	g_autoptr(AaIntentVm) vm = aa_robust_test_vm_new();
	g_autoptr(AaVmModel) model = aa_robust_test_model_new(vm, AA_MODEL_KIND_ROBUST);
	/* 4 and 6 P-cores */
	const AaAlloc four = {4, 0, 4096, 0}, six = {6, 0, 4096, 0};
	AaRobustTestLinear *lin = g_new0(AaRobustTestLinear, 1);
	const AaQosPrediction *fps;
	AaVmEvaluation eval = {0};
	guint destroyed = 0;

	/* 15 fps per P-core: 60 at 4, 90 at 6; target 55; the constant sigma 20 would
	 * miss both (60 - 0.84 x 20 < 55) */
	lin->per_core = 15.0;
	lin->destroyed = &destroyed;
	aa_vm_model_set_predictor(model, 0, aa_robust_test_linear, lin, aa_robust_test_linear_free,
	                          20.0, "linear");
	aa_vm_model_evaluate(model, &four, 1.0, &eval);
	g_assert_false(g_array_index(eval.qos, AaQosPrediction, 0).met);
	aa_vm_evaluation_clear(&eval);

	aa_vm_model_set_predictor_sigma(model, 0, aa_robust_test_sigma);
	/* at 4: sigma 0.5, floored at 5 % of Q_prof = 3: 60 - 0.84 x 3 >= 55 */
	aa_vm_model_evaluate(model, &four, 1.0, &eval);
	fps = &g_array_index(eval.qos, AaQosPrediction, 0);
	g_assert_cmpfloat_with_epsilon(fps->sigma, 3.0, EPS);
	g_assert_true(fps->met);
	g_assert_cmpfloat_with_epsilon(aa_vm_model_score(model, &four, 1.0), eval.objective, EPS);
	aa_vm_evaluation_clear(&eval);
	/* at 6: sigma 12.5: 90 - 0.84 x 12.5 >= 55 still, with the margin in the score */
	aa_vm_model_evaluate(model, &six, 1.0, &eval);
	fps = &g_array_index(eval.qos, AaQosPrediction, 0);
	g_assert_cmpfloat_with_epsilon(fps->sigma, 12.5, EPS);
	g_assert_cmpfloat_with_epsilon(fps->margin, 0.8416212335729143 * 12.5, 1e-6);
	g_assert_true(fps->met);
	aa_vm_evaluation_clear(&eval);

	/* replacing the predictor drops its sigma function: the constant one is back */
	aa_vm_model_set_predictor(model, 0, NULL, NULL, NULL, 0.0, NULL);
	g_assert_cmpuint(destroyed, ==, 1);
	g_test_expect_message("AcrnAlloc", G_LOG_LEVEL_CRITICAL, "*func != NULL*");
	aa_vm_model_set_predictor_sigma(model, 0, aa_robust_test_sigma);
	g_test_assert_expected_messages();
}

static void
aa_robust_destroy_on_free_func(void)
{
	g_autoptr(AaIntentVm) vm = aa_robust_test_vm_new();
	AaVmModel *model = aa_robust_test_model_new(vm, AA_MODEL_KIND_ROBUST);
	AaRobustTestLinear *lin = g_new0(AaRobustTestLinear, 1);
	guint destroyed = 0;

	lin->per_core = 10.0;
	lin->destroyed = &destroyed;
	aa_vm_model_set_predictor(model, 1, aa_robust_test_linear, lin, aa_robust_test_linear_free,
	                          0.5, "linear");
	aa_vm_model_free(model);
	g_assert_cmpuint(destroyed, ==, 1);
}

/* one more met target weighs more than any VMOptScore difference */
static void
aa_robust_lexicographic_func(void)
{
	g_autoptr(AaIntentVm) a = aa_robust_test_vm_new();
	g_autoptr(AaIntentVm) b = aa_robust_test_vm_new();
	g_autoptr(AaVmModel) ma = NULL;
	g_autoptr(AaVmModel) mb = NULL;
	g_autoptr(GPtrArray) models = g_ptr_array_new();
	gdouble m;

	b->lambda = 0.5;
	b->has_util_weight[AA_RESOURCE_CPU] = TRUE;
	b->util_weight[AA_RESOURCE_CPU] = 1.0;
	ma = aa_robust_test_model_new(a, AA_MODEL_KIND_ROBUST);
	mb = aa_robust_test_model_new(b, AA_MODEL_KIND_ROBUST);
	g_ptr_array_add(models, ma);
	g_ptr_array_add(models, mb);
	/* M = 2000 (1 + (0.8 + 2 x 0.2) + (0.8 + 2 x 0.2 + 0.5 * 4 * 1)), the
	 * lower-is-better frame time's score spanning [0, 2]: the first level
	 * moves in steps of 0.0005 (half credits of weights rounded to 0.001) */
	m = aa_vm_models_set_target_scale(models, 4.0);
	g_assert_cmpfloat_with_epsilon(m, 10800.0, 1e-6);
	g_assert_cmpfloat_with_epsilon(ma->target_scale, 10800.0, 1e-6);
	g_assert_cmpfloat_with_epsilon(mb->target_scale, 10800.0, 1e-6);
}

/* a lower-is-better target the prediction misses everywhere: MODEL.md's score
 * is 0 however far the value is; the robust score L / Q (in steps of 0.05)
 * rises as the value comes closer, so the second level still spends on the
 * target, and stays below the 1 + MODEL.md's score that a met target gets */
static void
aa_robust_lower_shortfall_func(void)
{
	g_autoptr(AaIntentVm) vm = aa_robust_test_vm_new();
	g_autoptr(AaVmModel) robust = NULL;
	g_autoptr(AaVmModel) paper = NULL;
	AaAlloc few = {1, 0, 8192, 0};
	AaAlloc more = {4, 0, 8192, 0};
	gdouble s[2][2];

	/* 12 ms profiled on 6 cores; no allocation reaches 10 ms (67 ms on one core,
	 * 12 ms on four) */
	((AaQosTarget *)g_ptr_array_index(vm->qos, 1))->target = 10.0;
	robust = aa_robust_test_model_new(vm, AA_MODEL_KIND_ROBUST);
	paper = aa_robust_test_model_new(vm, AA_MODEL_KIND_PAPER);
	for (guint m = 0; m < 2; m++) {
		for (guint a = 0; a < 2; a++) {
			AaVmEvaluation e = {0};
			const AaQosPrediction *p;
			aa_vm_model_evaluate(m == 0 ? robust : paper, a == 0 ? &few : &more, 1.0,
			                     &e);
			p = &g_array_index(e.qos, AaQosPrediction, 1);
			g_assert_false(p->nominal_met);
			g_assert_cmpfloat(p->predicted, >, 10.0);
			s[m][a] = p->score;
			/* robust: L / Q of the prediction, in steps of 0.05 */
			if (m == 0)
				g_assert_cmpfloat_with_epsilon(
				    p->score, floor(20.0 * 10.0 / p->predicted) / 20.0, 1e-12);
			aa_vm_evaluation_clear(&e);
		}
	}
	g_assert_cmpfloat(s[0][0], <, s[0][1]);
	g_assert_cmpfloat(s[0][0], >, 0.0);
	g_assert_cmpfloat(s[0][1], <, 1.0);
	g_assert_cmpfloat_with_epsilon(s[1][0], 0.0, 1e-12);
	g_assert_cmpfloat_with_epsilon(s[1][1], 0.0, 1e-12);

	/* met (the profile's 12 ms against 16.7): 1 + MODEL.md's score of Qc */
	((AaQosTarget *)g_ptr_array_index(vm->qos, 1))->target = 16.7;
	{
		g_autoptr(AaVmModel) met = aa_robust_test_model_new(vm, AA_MODEL_KIND_ROBUST);
		AaAlloc prof = {6, 0, 8192, 0};
		AaVmEvaluation e = {0};
		const AaQosPrediction *p;
		aa_vm_model_evaluate(met, &prof, 1.0, &e);
		p = &g_array_index(e.qos, AaQosPrediction, 1);
		g_assert_true(p->nominal_met);
		g_assert_cmpfloat_with_epsilon(
		    p->score, 1.0 + MAX(0.0, 1.0 - (p->predicted + p->margin) / 16.7), 1e-12);
		g_assert_cmpfloat(p->score, >=, 1.0);
		aa_vm_evaluation_clear(&e);
	}
}

/* a lower-is-better target the prediction meets but the margin does not: the
 * score is the conservative rate's share L / Qc in steps of 0.05 (the mirror
 * of a higher-is-better Qc / T), so that more cores, a smaller Qc, score
 * higher; MODEL.md's score of Qc is 0 there, which made every such
 * allocation score 1 (the paper model keeps 0) */
static void
aa_robust_lower_margin_func(void)
{
	g_autoptr(AaIntentVm) vm = aa_robust_test_vm_new();
	g_autoptr(AaVmModel) robust = NULL;
	g_autoptr(AaVmModel) paper = NULL;
	const AaAlloc cores[] = {{4, 0, 8192, 0}, {6, 0, 8192, 0}};
	gdouble score[2];
	gdouble qc[2];

	/* 12 ms profiled on 6 cores, a little more on 4 (12.03; the margin about
	 * 0.5 ms on both): the target halfway between the 4 cores' prediction and
	 * the 6 cores' conservative value, met by both predictions, by neither
	 * margin */
	robust = aa_robust_test_model_new(vm, AA_MODEL_KIND_ROBUST);
	{
		AaVmEvaluation e[2] = {{0}};
		gdouble q4;
		gdouble qc6;
		aa_vm_model_evaluate(robust, &cores[0], 1.0, &e[0]);
		aa_vm_model_evaluate(robust, &cores[1], 1.0, &e[1]);
		q4 = g_array_index(e[0].qos, AaQosPrediction, 1).predicted;
		qc6 = g_array_index(e[1].qos, AaQosPrediction, 1).predicted +
		      g_array_index(e[1].qos, AaQosPrediction, 1).margin;
		g_assert_cmpfloat(q4, <, qc6);
		((AaQosTarget *)g_ptr_array_index(vm->qos, 1))->target = 0.5 * (q4 + qc6);
		aa_vm_evaluation_clear(&e[0]);
		aa_vm_evaluation_clear(&e[1]);
	}
	for (guint a = 0; a < 2; a++) {
		AaVmEvaluation e = {0};
		const AaQosPrediction *p;
		gdouble target = ((AaQosTarget *)g_ptr_array_index(vm->qos, 1))->target;
		aa_vm_model_evaluate(robust, &cores[a], 1.0, &e);
		p = &g_array_index(e.qos, AaQosPrediction, 1);
		g_assert_true(p->nominal_met);
		g_assert_false(p->met);
		qc[a] = p->predicted + p->margin;
		g_assert_cmpfloat(qc[a], >, target);
		score[a] = p->score;
		g_assert_cmpfloat_with_epsilon(score[a], floor(20.0 * target / qc[a]) / 20.0,
		                               1e-12);
		g_assert_cmpfloat(score[a], <, 1.0);
		aa_vm_evaluation_clear(&e);
	}
	/* 6 cores predict less than 4: the smaller Qc scores no less */
	g_assert_cmpfloat(qc[1], <, qc[0]);
	g_assert_cmpfloat(score[1], >=, score[0]);
	/* the paper model: MODEL.md's score, 1 - Q / L, with no margin */
	paper = aa_robust_test_model_new(vm, AA_MODEL_KIND_PAPER);
	{
		AaVmEvaluation e = {0};
		const AaQosPrediction *p;
		gdouble target = ((AaQosTarget *)g_ptr_array_index(vm->qos, 1))->target;
		aa_vm_model_evaluate(paper, &cores[1], 1.0, &e);
		p = &g_array_index(e.qos, AaQosPrediction, 1);
		g_assert_cmpfloat_with_epsilon(p->score, MAX(0.0, 1.0 - p->predicted / target),
		                               1e-12);
		aa_vm_evaluation_clear(&e);
	}
}

/* the smallest weight that counts (0.001) still beats every VMOptScore difference */
static void
aa_robust_lexicographic_small_weight_func(void)
{
	g_autoptr(AaIntentVm) vm = aa_robust_test_vm_new();
	g_autoptr(AaVmModel) model = NULL;
	g_autoptr(GPtrArray) models = g_ptr_array_new();
	AaAlloc small = {1, 0, 4096, 0};
	AaAlloc big = {6, 0, 8192, 0};
	AaVmEvaluation e_small = {0};
	AaVmEvaluation e_big = {0};

	/* fps weighs 0.001; utilisation (lambda 2, x4) pulls towards one core */
	((AaQosTarget *)g_ptr_array_index(vm->qos, 0))->weight = 0.001;
	((AaQosTarget *)g_ptr_array_index(vm->qos, 1))->weight = 0.0;
	vm->lambda = 2.0;
	vm->has_util_weight[AA_RESOURCE_CPU] = TRUE;
	vm->util_weight[AA_RESOURCE_CPU] = 1.0;
	model = aa_robust_test_model_new(vm, AA_MODEL_KIND_ROBUST);
	g_ptr_array_add(models, model);
	aa_vm_models_set_target_scale(models, 4.0);
	aa_vm_model_evaluate(model, &small, 4.0, &e_small);
	aa_vm_model_evaluate(model, &big, 4.0, &e_big);
	g_assert_false(g_array_index(e_small.qos, AaQosPrediction, 0).met);
	g_assert_true(g_array_index(e_big.qos, AaQosPrediction, 0).met);
	g_assert_cmpfloat_with_epsilon(e_big.met_weight - e_small.met_weight, 0.001, 1e-12);
	g_assert_cmpfloat(e_small.total, >, e_big.total);
	g_assert_cmpfloat(e_big.objective, >, e_small.objective);
	g_assert_cmpfloat_with_epsilon(aa_vm_model_score(model, &big, 4.0), e_big.objective, 1e-9);
	aa_vm_evaluation_clear(&e_small);
	aa_vm_evaluation_clear(&e_big);
}

/*
 * Censored demand: the VM of aa_robust_test_vm_new() with 4 GPU slices while
 * profiled and the GPU busy 96-100 % (saturated) or 50-69 % (not).
 */
static AaIntentVm *
aa_robust_test_gpu_vm_new(gdouble busy_low, gdouble busy_step)
{
	AaIntentVm *vm = aa_robust_test_vm_new();

	vm->profile->alloc_gpu_slices = 4;
	for (guint i = 0; i < vm->profile->samples->len; i++) {
		AaProfileSample *s = &g_array_index(vm->profile->samples, AaProfileSample, i);
		s->gpu_busy_pct = busy_low + busy_step * (gdouble)i;
	}
	vm->profile->has_gpu = TRUE;
	return vm;
}

static void
aa_robust_censored_func(void)
{
	g_autoptr(AaIntentVm) vm = aa_robust_test_gpu_vm_new(96.0, 0.2);
	g_autoptr(AaIntentVm) capped = aa_robust_test_gpu_vm_new(96.0, 0.2);
	g_autoptr(AaVmModel) model = aa_robust_test_model_new(vm, AA_MODEL_KIND_ROBUST);
	g_autoptr(AaVmModel) paper = aa_robust_test_model_new(vm, AA_MODEL_KIND_PAPER);
	g_autoptr(AaVmModel) limited = NULL;
	g_autoptr(AaIntentVm) busy_vm = aa_robust_test_gpu_vm_new(96.0, 0.2);
	g_autoptr(AaVmModel) busy = NULL;
	AaAlloc r3 = {6, 0, 8192, 3};
	AaAlloc r4 = {6, 0, 8192, 4};
	AaAlloc r5 = {6, 0, 8192, 5};
	AaAlloc r7 = {6, 0, 8192, 7};
	AaVmEvaluation e4 = {0};
	AaVmEvaluation e5 = {0};
	AaVmEvaluation e7 = {0};
	const AaQosPrediction *p4;
	const AaQosPrediction *p5;
	gdouble q3;
	gdouble q4;
	gdouble q5;
	gdouble q7;

	/* the 95th percentile is 99.6 % of 4 slices: only demand >= 4 is known; it
	 * is sized one slice above; the CPU (at most 2.9 of 6 P-cores) is not */
	g_assert_true(aa_vm_model_censored(model, AA_RESOURCE_GPU));
	g_assert_false(aa_vm_model_censored(model, AA_RESOURCE_CPU));
	g_assert_cmpfloat_with_epsilon(model->r_prof[AA_RESOURCE_GPU], 5.0, EPS);
	g_assert_cmpfloat_with_epsilon(model->r_prof[AA_RESOURCE_CPU], 3.0, EPS);
	/* the paper model stays MODEL.md: the 95th percentile of busy x 4 slices */
	g_assert_false(aa_vm_model_censored(paper, AA_RESOURCE_GPU));
	g_assert_cmpfloat_with_epsilon(paper->r_prof[AA_RESOURCE_GPU], 0.996 * 4.0, 1e-6);

	/* above 4 slices the slope of the last measured slice is continued: up to
	 * the censored demand (5) everywhere, and beyond it where the VM has the
	 * profiled CPU and memory (6 P-cores, 8192 MiB), where the trace saw the
	 * GPU bind: at 7 slices three slopes, 105 fps, within the proportional
	 * bound 7 / 4 x 60 and the CPU's (6 P-cores over the mean busy 1.95:
	 * 185 fps) */
	q3 = aa_vm_model_predict(model, 0, &r3);
	q4 = aa_vm_model_predict(model, 0, &r4);
	q5 = aa_vm_model_predict(model, 0, &r5);
	g_assert_cmpfloat_with_epsilon(q4, 60.0, 1e-9);
	g_assert_cmpfloat(q3, <, q4);
	g_assert_cmpfloat_with_epsilon(q5, q4 + (q4 - q3), 1e-9);
	q7 = aa_vm_model_predict(model, 0, &r7);
	g_assert_cmpfloat_with_epsilon(q7, q4 + 3.0 * (q4 - q3), 1e-9);
	g_assert_cmpfloat_with_epsilon(q7, 105.0, 1e-9);
	/* with fewer cores (4) or less memory than profiled, one slice only: the
	 * trace did not show the GPU binding there */
	{
		AaAlloc fewer = {4, 0, 8192, 7};
		AaAlloc fewer5 = {4, 0, 8192, 5};
		AaAlloc less = {6, 0, 7168, 7};
		AaAlloc less5 = {6, 0, 7168, 5};
		g_assert_cmpfloat_with_epsilon(aa_vm_model_predict(model, 0, &fewer),
		                               aa_vm_model_predict(model, 0, &fewer5), 1e-9);
		g_assert_cmpfloat_with_epsilon(aa_vm_model_predict(model, 0, &less),
		                               aa_vm_model_predict(model, 0, &less5), 1e-9);
		/* more than profiled continues as well */
		fewer.p_cores = 8;
		fewer5.p_cores = 8;
		g_assert_cmpfloat(aa_vm_model_predict(model, 0, &fewer), >,
		                  aa_vm_model_predict(model, 0, &fewer5));
	}
	/* a CPU that was busy nearly all the time leaves the GPU no room beyond
	 * the first slice: 5.0-5.95 of 6 P-cores busy (mean 5.475) bounds the
	 * gain at 6 / 5.475 of the 4 slices' 60 fps, 65.8, below 5 slices' 75 */
	for (guint i = 0; i < busy_vm->profile->samples->len; i++)
		g_array_index(busy_vm->profile->samples, AaProfileSample, i).cpu_p_busy =
		    5.0 + 0.05 * (gdouble)i;
	busy = aa_robust_test_model_new(busy_vm, AA_MODEL_KIND_ROBUST);
	g_assert_true(aa_vm_model_censored(busy, AA_RESOURCE_GPU));
	g_assert_cmpfloat_with_epsilon(aa_vm_model_predict(busy, 0, &r7),
	                               aa_vm_model_predict(busy, 0, &r5), 1e-9);
	g_assert_cmpfloat_with_epsilon(aa_vm_model_predict(busy, 0, &r5), 75.0, 1e-9);
	/* lower is better: the rate 1 / value is continued */
	g_assert_cmpfloat_with_epsilon(1.0 / aa_vm_model_predict(model, 1, &r5),
	                               2.0 / aa_vm_model_predict(model, 1, &r4) -
	                                   1.0 / aa_vm_model_predict(model, 1, &r3),
	                               1e-12);

	/* and the margin covers the whole extrapolated change (the sigma gains it
	 * over z): the conservative value gains nothing from the fifth slice */
	aa_vm_model_evaluate(model, &r4, 1.0, &e4);
	aa_vm_model_evaluate(model, &r5, 1.0, &e5);
	aa_vm_model_evaluate(model, &r7, 1.0, &e7);
	p4 = &g_array_index(e4.qos, AaQosPrediction, 0);
	p5 = &g_array_index(e5.qos, AaQosPrediction, 0);
	g_assert_cmpfloat_with_epsilon(p4->sigma, AA_MODEL_SIGMA_MEASURE * 60.0, 1e-9);
	g_assert_cmpfloat_with_epsilon(
	    p5->sigma, AA_MODEL_SIGMA_MEASURE * 60.0 + 0.25 * (q5 - 60.0) + (q5 - q4) / model->z,
	    1e-9);
	g_assert_cmpfloat(p5->predicted, >, p4->predicted);
	g_assert_cmpfloat(p5->predicted - p5->margin, <=, p4->predicted - p4->margin + 1e-9);
	g_assert_cmpfloat_with_epsilon(
	    g_array_index(e7.qos, AaQosPrediction, 0).sigma,
	    AA_MODEL_SIGMA_MEASURE * 60.0 + 0.25 * (q7 - 60.0) + (q7 - q4) / model->z, 1e-9);
	aa_vm_evaluation_clear(&e4);
	aa_vm_evaluation_clear(&e5);
	aa_vm_evaluation_clear(&e7);

	/* limits of at most 4 slices cap the censored demand: nothing above */
	capped->limits[AA_DIM_GPU_SLICES].has_max = TRUE;
	capped->limits[AA_DIM_GPU_SLICES].max = 4;
	limited = aa_robust_test_model_new(capped, AA_MODEL_KIND_ROBUST);
	g_assert_false(aa_vm_model_censored(limited, AA_RESOURCE_GPU));
	g_assert_cmpfloat_with_epsilon(limited->r_prof[AA_RESOURCE_GPU], 4.0, EPS);
}

/* a target counted met above a censored GPU amount is met without the slices
 * no run measured: fps 60, what 4 slices measured, is met by the prediction at
 * 5 slices (75 fps, the slope from 3 to 4 slices continued) but not with the
 * margin; half the change within the margin (until this rule) claimed it met
 * (a conservative value of 63) */
static void
aa_robust_censored_claim_func(void)
{
	g_autoptr(AaIntentVm) vm = aa_robust_test_gpu_vm_new(96.0, 0.2);
	g_autoptr(AaVmModel) model = aa_robust_test_model_new(vm, AA_MODEL_KIND_ROBUST);
	const AaAlloc r4 = {6, 0, 8192, 4};
	const AaAlloc r5 = {6, 0, 8192, 5};
	AaVmEvaluation e = {0};
	const AaQosPrediction *p;

	((AaQosTarget *)g_ptr_array_index(vm->qos, 0))->target = 60.0;
	g_assert_true(aa_vm_model_censored(model, AA_RESOURCE_GPU));
	aa_vm_model_evaluate(model, &r5, 1.0, &e);
	p = &g_array_index(e.qos, AaQosPrediction, 0);
	g_assert_cmpfloat_with_epsilon(p->predicted, 75.0, 1e-9);
	g_assert_true(p->nominal_met);
	g_assert_false(p->met);
	/* the conservative value is below what 4 slices measured */
	g_assert_cmpfloat(p->predicted - p->margin, <, aa_vm_model_predict(model, 0, &r4));
	aa_vm_evaluation_clear(&e);
	/* a target 4 slices meet with the margin is met at 5 slices too */
	((AaQosTarget *)g_ptr_array_index(vm->qos, 0))->target = 50.0;
	aa_vm_model_evaluate(model, &r4, 1.0, &e);
	g_assert_true(g_array_index(e.qos, AaQosPrediction, 0).met);
	aa_vm_evaluation_clear(&e);
	aa_vm_model_evaluate(model, &r5, 1.0, &e);
	g_assert_true(g_array_index(e.qos, AaQosPrediction, 0).met);
	aa_vm_evaluation_clear(&e);
}

static void
aa_robust_not_censored_func(void)
{
	/* busy 50 .. 69 %: the 95th percentile, 68 % of 4 slices, is the demand */
	g_autoptr(AaIntentVm) vm = aa_robust_test_gpu_vm_new(50.0, 1.0);
	g_autoptr(AaVmModel) model = aa_robust_test_model_new(vm, AA_MODEL_KIND_ROBUST);
	AaVmEvaluation e5 = {0};
	gdouble q[6];

	g_assert_false(aa_vm_model_censored(model, AA_RESOURCE_GPU));
	g_assert_cmpfloat_with_epsilon(model->r_prof[AA_RESOURCE_GPU], 3.0, EPS);
	/* above the demand the built-in curve saturates: no extrapolated slope */
	for (guint g = 3; g < G_N_ELEMENTS(q); g++) {
		AaAlloc r = {6, 0, 8192, g};
		q[g] = aa_vm_model_predict(model, 0, &r);
		if (g == 5)
			aa_vm_model_evaluate(model, &r, 1.0, &e5);
	}
	g_assert_cmpfloat(q[5] - q[4], <, 0.5 * (q[4] - q[3]));
	/* and the margin is the default one */
	g_assert_cmpfloat_with_epsilon(g_array_index(e5.qos, AaQosPrediction, 0).predicted, q[5],
	                               1e-12);
	g_assert_cmpfloat_with_epsilon(g_array_index(e5.qos, AaQosPrediction, 0).sigma,
	                               AA_MODEL_SIGMA_MEASURE * 60.0 +
	                                   AA_MODEL_SIGMA_EXTRAPOLATE_TEST * fabs(q[5] - 60.0),
	                               1e-9);
	aa_vm_evaluation_clear(&e5);
}

/*
 * Issue 9 (random worlds): a web VM profiled on 1 P-core at 100 % busy (2183
 * requests/s) with one calibration run on 2 P-cores at 3834.  MODEL.md's
 * form cannot exceed Q_prof, so its fit halved the curve and the robust model
 * predicted 1092 at the profiled allocation itself.  The robust fit is made
 * for the anchored curve when MODEL.md's fit misses the profiled value by
 * more than the noise's 5 % prior: the profiled value holds there, the
 * measured gain on 2 P-cores is predicted, and its uncertainty grows with the
 * change.  (A fit that reproduces the profile, like the demo's IVI, stays
 * MODEL.md's: the e2e targets test.)
 */
static void
aa_robust_anchored_fit_func(void)
{
	g_autoptr(AaIntentVm) vm = aa_test_intent_vm_new("POST_STD_VM1", AA_VM_CLASS_WEB);
	g_autoptr(AaVmModel) robust = NULL;
	g_autoptr(AaVmModel) paper = NULL;
	AaAlloc at = {1, 0, 1024, 0};
	AaAlloc two = {2, 0, 1024, 0};
	AaVmEvaluation eval_at = {0};
	AaVmEvaluation eval_two = {0};

	vm->profile = aa_robust_test_profile_new(1, 1024, 0.96, 0.002, 600.0, 5.0);
	aa_test_profile_qos(vm->profile, "requests-per-s", 2183.0);
	aa_test_intent_vm_qos(vm, "requests-per-s", TRUE, 2040.0, 1.0);
	aa_test_intent_vm_calibration(vm, 1, 0, 1024, 0, "requests-per-s", 2183.0);
	aa_test_intent_vm_calibration(vm, 1, 0, 768, 0, "requests-per-s", 2189.0);
	aa_test_intent_vm_calibration(vm, 2, 0, 1024, 0, "requests-per-s", 3834.0);

	robust = aa_robust_test_model_new(vm, AA_MODEL_KIND_ROBUST);
	g_assert_true(robust->fitted);
	g_assert_true(robust->fit_anchored);
	g_assert_cmpfloat(fabs(aa_vm_model_predict(robust, 0, &at) / 2183.0 - 1.0), <, 0.01);
	g_assert_cmpfloat(aa_vm_model_predict(robust, 0, &two), >, 2183.0 * 1.2);
	/* the held-out error plus a quarter of the predicted change */
	aa_vm_model_evaluate(robust, &at, 1.0, &eval_at);
	aa_vm_model_evaluate(robust, &two, 1.0, &eval_two);
	g_assert_cmpfloat(
	    g_array_index(eval_two.qos, AaQosPrediction, 0).margin, >,
	    g_array_index(eval_at.qos, AaQosPrediction, 0).margin +
	        robust->z * 0.2 *
	            (aa_vm_model_predict(robust, 0, &two) - aa_vm_model_predict(robust, 0, &at)));
	aa_vm_evaluation_clear(&eval_at);
	aa_vm_evaluation_clear(&eval_two);

	/* the paper model keeps MODEL.md's fit: never above Q_prof */
	paper = aa_robust_test_model_new(vm, AA_MODEL_KIND_PAPER);
	g_assert_true(paper->fitted);
	g_assert_cmpfloat(aa_vm_model_predict(paper, 0, &two), <=, 2183.0 + EPS);
}

/*
 * Random world r104's web VM: profiled on 1 saturated P-core and 1536 MiB
 * (RSS up to 1390 MiB here, so that r_prof = 1536 MiB with 128 MiB quanta; r104
 * had 1240 and 256 MiB quanta) at 1128 requests/s, one calibration run at
 * 1024 MiB (492 requests/s).  Without a ceiling the anchored curve predicted 12 541
 * requests/s at 18 176 MiB (the truth: 1221).
 */
static AaIntentVm *
aa_robust_test_web_vm_new(void)
{
	AaIntentVm *vm = aa_test_intent_vm_new("POST_STD_VM4", AA_VM_CLASS_WEB);

	vm->profile = aa_robust_test_profile_new(1, 1536, 0.80, 0.01, 1200.0, 10.0);
	aa_test_profile_qos(vm->profile, "requests-per-s", 1128.12);
	aa_test_intent_vm_qos(vm, "requests-per-s", TRUE, 1534.0, 1.0);
	aa_test_intent_vm_calibration(vm, 1, 0, 1024, 0, "requests-per-s", 492.737);
	return vm;
}

/* memory above the larger of the largest amount measured and 1.4 times the
 * largest working-set sample gains nothing (robust only) */
static void
aa_robust_memory_ceiling_func(void)
{
	g_autoptr(AaIntentVm) vm = aa_robust_test_web_vm_new();
	g_autoptr(AaVmModel) model = aa_robust_test_model_new(vm, AA_MODEL_KIND_ROBUST);
	g_autoptr(AaVmModel) paper = aa_robust_test_model_new(vm, AA_MODEL_KIND_PAPER);
	g_autoptr(AaVmModel) measured = NULL;
	/* the profiled memory, the ceiling 1.4 x 1390 MiB, r104's 18 176, 4096 */
	const AaAlloc r[] = {{1, 0, 1536, 0}, {1, 0, 1946, 0}, {1, 0, 18176, 0}, {1, 0, 4096, 0}};
	gdouble q_ceiling;

	g_assert_cmpfloat(model->r_prof[AA_RESOURCE_MEMORY], ==, 1536.0);
	g_assert_cmpfloat_with_epsilon(model->mem_ceiling, 1.4 * 1390.0, 1e-9);
	q_ceiling = aa_vm_model_predict(model, 0, &r[1]);
	g_assert_cmpfloat(q_ceiling, >, aa_vm_model_predict(model, 0, &r[0]));
	g_assert_cmpfloat_with_epsilon(aa_vm_model_predict(model, 0, &r[2]), q_ceiling,
	                               1e-9 * q_ceiling);
	g_assert_cmpfloat(aa_vm_model_predict(model, 0, &r[2]), <, 1.25 * 1128.12);
	/* the paper model keeps MODEL.md's curve */
	g_assert_cmpfloat(aa_vm_model_predict(paper, 0, &r[2]), >,
	                  aa_vm_model_predict(paper, 0, &r[1]));

	/* a run at 4096 MiB measured that much: the ceiling rises to it */
	aa_test_intent_vm_calibration(vm, 1, 0, 4096, 0, "requests-per-s", 1200.0);
	measured = aa_robust_test_model_new(vm, AA_MODEL_KIND_ROBUST);
	g_assert_cmpfloat(measured->mem_ceiling, ==, 4096.0);
	g_assert_cmpfloat(aa_vm_model_predict(measured, 0, &r[2]), ==,
	                  aa_vm_model_predict(measured, 0, &r[3]));
}

/* the anchored fit: below r_prof the anchored curve's ratio does not depend on
 * alpha, so rows there cannot fit it; the default alpha stays (without the
 * rule the grid's first point, t = 0.05, won the tie) */
static void
aa_robust_fit_tie_func(void)
{
	g_autoptr(AaIntentVm) vm = aa_robust_test_web_vm_new();
	g_autoptr(AaVmModel) model = aa_robust_test_model_new(vm, AA_MODEL_KIND_ROBUST);
	g_autoptr(AaVmModel) pinned = NULL;
	AaResource k = AA_RESOURCE_MEMORY;
	gdouble t_default = 0.9;

	g_assert_true(model->fitted);
	g_assert_true(model->fit_anchored);
	g_assert_cmpfloat_with_epsilon(model->alpha[k] * (model->r_prof[k] - model->r_min[k]),
	                               t_default, 1e-12);

	/* a row above r_prof pins it: the fit moves away from the default */
	aa_test_intent_vm_calibration(vm, 1, 0, 3072, 0, "requests-per-s", 1900.0);
	pinned = aa_robust_test_model_new(vm, AA_MODEL_KIND_ROBUST);
	g_assert_true(pinned->fit_anchored);
	g_assert_cmpfloat(
	    fabs(pinned->alpha[k] * (pinned->r_prof[k] - pinned->r_min[k]) - t_default), >, 0.1);
}

/*
 * Random world r300's VM: profiled on 1 P-core, 5888 MiB and 1 GPU slice it
 * used all the time (285.8 jobs/min), one calibration run without the slice
 * (24.8 jobs/min).  F is 0 there whatever the alphas; fitting that row drove
 * the GPU alpha to 5e-10 and the anchor to 1.8e-10.
 */
static void
aa_robust_fit_outside_func(void)
{
	g_autoptr(AaIntentVm) vm = aa_test_intent_vm_new("POST_STD_VM2", AA_VM_CLASS_GENERAL);
	g_autoptr(AaVmModel) model = NULL;
	AaAlloc at = {1, 0, 5888, 1};
	AaResource k = AA_RESOURCE_GPU;

	vm->profile = aa_robust_test_profile_new(1, 5888, 0.96, 0.002, 5400.0, 10.0);
	vm->profile->alloc_gpu_slices = 1;
	for (guint i = 0; i < vm->profile->samples->len; i++)
		g_array_index(vm->profile->samples, AaProfileSample, i).gpu_busy_pct = 99.0;
	vm->profile->has_gpu = TRUE;
	aa_test_profile_qos(vm->profile, "jobs-per-min", 285.847);
	aa_test_intent_vm_qos(vm, "jobs-per-min", TRUE, 859.0, 1.0);
	aa_test_intent_vm_calibration(vm, 1, 0, 5888, 0, "jobs-per-min", 24.7792);
	model = aa_robust_test_model_new(vm, AA_MODEL_KIND_ROBUST);

	g_assert_true(model->fitted);
	g_assert_true(model->fit_anchored);
	g_assert_cmpfloat(model->anchor, >, 0.01);
	g_assert_cmpfloat_with_epsilon(model->alpha[k] * (model->r_prof[k] - model->r_min[k]), 0.9,
	                               1e-12);
	g_assert_cmpfloat(fabs(aa_vm_model_predict(model, 0, &at) / 285.847 - 1.0), <, 1e-9);
}

/* the VM of aa_robust_test_vm_new() profiled on 1 saturated P-core, with
 * @slices GPU slices it used all the time (none: no GPU) */
static AaIntentVm *
aa_robust_test_saturated_vm_new(gint64 slices)
{
	AaIntentVm *vm = aa_robust_test_vm_new();

	g_clear_pointer(&vm->profile, aa_profile_free);
	vm->profile = aa_robust_test_profile_new(1, 8192, 0.96, 0.002, 1000.0, 100.0);
	vm->profile->alloc_gpu_slices = slices;
	for (guint i = 0; slices > 0 && i < vm->profile->samples->len; i++)
		g_array_index(vm->profile->samples, AaProfileSample, i).gpu_busy_pct = 99.0;
	vm->profile->has_gpu = slices > 0;
	aa_test_profile_qos(vm->profile, "fps", 60.0);
	aa_test_profile_qos(vm->profile, "frame-time-p95-ms", 12.0);
	return vm;
}

/* a VM profiled on 1 saturated P-core and 1 saturated GPU slice: with twice
 * both, at most twice its value (each alone allowed twice, and the censored
 * GPU continued at the slope from 0 slices: four times before) */
static void
aa_robust_joint_gain_func(void)
{
	g_autoptr(AaIntentVm) vm = aa_robust_test_saturated_vm_new(1);
	g_autoptr(AaVmModel) model = aa_robust_test_model_new(vm, AA_MODEL_KIND_ROBUST);
	/* as profiled, twice the slices, twice both */
	const AaAlloc r[] = {{1, 0, 8192, 1}, {1, 0, 8192, 2}, {2, 0, 8192, 2}};
	gdouble q;

	g_assert_true(aa_vm_model_censored(model, AA_RESOURCE_CPU));
	g_assert_true(aa_vm_model_censored(model, AA_RESOURCE_GPU));
	q = aa_vm_model_predict(model, 0, &r[0]);
	g_assert_cmpfloat(aa_vm_model_predict(model, 0, &r[1]), >, 1.5 * q);
	g_assert_cmpfloat(aa_vm_model_predict(model, 0, &r[2]), >, 1.5 * q);
	g_assert_cmpfloat(aa_vm_model_predict(model, 0, &r[2]), <=, 2.0 * q * (1.0 + EPS));
	/* lower is better: at least half the frame time */
	q = aa_vm_model_predict(model, 1, &r[0]);
	g_assert_cmpfloat(aa_vm_model_predict(model, 1, &r[2]), >=, 0.5 * q * (1.0 - EPS));
}

/* above a censored CPU amount half the predicted change from the profiled
 * CPU is uncertain, as above a censored GPU amount: at 2 P-cores sigma is
 * 0.05 Q_prof + 0.25 |Q - Q_prof| + 0.5 |Q - Q(1 P-core)|, at the profiled
 * core the noise alone */
static void
aa_robust_censored_cpu_func(void)
{
	g_autoptr(AaIntentVm) vm = aa_robust_test_saturated_vm_new(0);
	g_autoptr(AaVmModel) model = aa_robust_test_model_new(vm, AA_MODEL_KIND_ROBUST);
	AaAlloc at = {1, 0, 8192, 0};
	AaAlloc two = {2, 0, 8192, 0};
	AaVmEvaluation e1 = {0};
	AaVmEvaluation e2 = {0};
	gdouble q1;
	gdouble q2;

	g_assert_true(aa_vm_model_censored(model, AA_RESOURCE_CPU));
	aa_vm_model_evaluate(model, &at, 1.0, &e1);
	aa_vm_model_evaluate(model, &two, 1.0, &e2);
	q1 = g_array_index(e1.qos, AaQosPrediction, 0).predicted;
	q2 = g_array_index(e2.qos, AaQosPrediction, 0).predicted;
	g_assert_cmpfloat_with_epsilon(q1, 60.0, 1e-9);
	g_assert_cmpfloat(q2, >, 1.2 * q1);
	g_assert_cmpfloat_with_epsilon(g_array_index(e1.qos, AaQosPrediction, 0).sigma, 3.0, 1e-9);
	g_assert_cmpfloat_with_epsilon(g_array_index(e2.qos, AaQosPrediction, 0).sigma,
	                               3.0 + 0.25 * (q2 - 60.0) + 0.5 * (q2 - q1), 1e-9);
	aa_vm_evaluation_clear(&e1);
	aa_vm_evaluation_clear(&e2);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/aa/robust/demand-size", aa_robust_demand_size_func);
	g_test_add_func("/aa/robust/demand-hook", aa_robust_demand_hook_func);
	g_test_add_func("/aa/robust/normal-quantile", aa_robust_normal_quantile_func);
	g_test_add_func("/aa/robust/student-quantile", aa_robust_student_quantile_func);
	g_test_add_func("/aa/robust/sizing", aa_robust_sizing_func);
	g_test_add_func("/aa/robust/anchor-margin", aa_robust_anchor_margin_func);
	g_test_add_func("/aa/robust/eta-prior", aa_robust_eta_prior_func);
	g_test_add_func("/aa/robust/loo", aa_robust_loo_func);
	g_test_add_func("/aa/robust/anchored-fit", aa_robust_anchored_fit_func);
	g_test_add_func("/aa/robust/predictor", aa_robust_predictor_func);
	g_test_add_func("/aa/robust/predictor-sigma", aa_robust_predictor_sigma_func);
	g_test_add_func("/aa/robust/destroy-on-free", aa_robust_destroy_on_free_func);
	g_test_add_func("/aa/robust/lexicographic", aa_robust_lexicographic_func);
	g_test_add_func("/aa/robust/lower-shortfall", aa_robust_lower_shortfall_func);
	g_test_add_func("/aa/robust/lower-margin", aa_robust_lower_margin_func);
	g_test_add_func("/aa/robust/lexicographic-small-weight",
	                aa_robust_lexicographic_small_weight_func);
	g_test_add_func("/aa/robust/censored", aa_robust_censored_func);
	g_test_add_func("/aa/robust/censored-claim", aa_robust_censored_claim_func);
	g_test_add_func("/aa/robust/not-censored", aa_robust_not_censored_func);
	g_test_add_func("/aa/robust/memory-ceiling", aa_robust_memory_ceiling_func);
	g_test_add_func("/aa/robust/fit-tie", aa_robust_fit_tie_func);
	g_test_add_func("/aa/robust/fit-outside", aa_robust_fit_outside_func);
	g_test_add_func("/aa/robust/joint-gain", aa_robust_joint_gain_func);
	g_test_add_func("/aa/robust/censored-cpu", aa_robust_censored_cpu_func);
	return g_test_run();
}
