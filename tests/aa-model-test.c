/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "aa-error.h"
#include "aa-intent-private.h"
#include "aa-model-private.h"
#include "aa-model.h"
#include "aa-test-util.h"

#define EPS 1e-9

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaIntentVm, aa_test_intent_vm_free)

/*
 * The reference VM: CPU demand 2.0 cores (r_min 0.5, alpha 0.6, c 0.1, d -6),
 * memory 2048 MiB (r_min 512, alpha 0.9/1536, c 0.1, d -9/1536), no GPU;
 * fps 60 and frame-time-p95-ms 12 profiled.
 */
static AaIntentVm *
aa_model_test_reference_vm_new(void)
{
	AaIntentVm *vm = aa_test_intent_vm_new("POST_STD_VM1", AA_VM_CLASS_GAMING);
	vm->profile = aa_test_profile_new();
	for (guint i = 0; i < 10; i++)
		aa_test_profile_sample(vm->profile, 2.0, NAN, 1000.0 + 100.0 * i, NAN, NAN);
	aa_test_profile_sample(vm->profile, 2.0, NAN, 2048.0, NAN, NAN);
	aa_test_profile_qos(vm->profile, "fps", 60.0);
	aa_test_profile_qos(vm->profile, "frame-time-p95-ms", 12.0);
	aa_test_intent_vm_qos(vm, "fps", TRUE, 55.0, 0.8);
	aa_test_intent_vm_qos(vm, "frame-time-p95-ms", FALSE, 16.7, 0.2);
	return vm;
}

static void
aa_model_percentile_func(void)
{
	g_autoptr(AaIntentVm) vm = aa_test_intent_vm_new("POST_STD_VM1", AA_VM_CLASS_GENERAL);
	g_autoptr(AaIntentVm) small = aa_test_intent_vm_new("POST_STD_VM1", AA_VM_CLASS_GENERAL);
	g_autoptr(AaVmModel) model = NULL;
	g_autoptr(AaVmModel) small_model = NULL;

	/* 1..19 busy P-cores shuffled, one E-only row (0.6 = eta * 1), one empty row:
	 * n = 20, rank ceil(19) = 19, sorted 0.6 1 2 ... 19, so 18 */
	vm->profile = aa_test_profile_new();
	for (guint i = 0; i < 19; i++)
		aa_test_profile_sample(vm->profile, (gdouble)((i * 7) % 19 + 1), NAN, 100, NAN,
		                       NAN);
	aa_test_profile_sample(vm->profile, NAN, 1.0, 100, NAN, NAN);
	aa_test_profile_sample(vm->profile, NAN, NAN, 100, NAN, NAN);
	model = aa_test_vm_model_new(vm, FALSE);
	g_assert_cmpfloat_with_epsilon(model->r_prof[AA_RESOURCE_CPU], 18.0, EPS);
	g_assert_cmpfloat_with_epsilon(model->eta, 0.6, EPS);

	/* n = 10: rank ceil(9.5) = 10, the maximum; p + eta e in each row */
	small->profile = aa_test_profile_new();
	for (guint i = 0; i < 10; i++)
		aa_test_profile_sample(small->profile, 1.0, (gdouble)i, 100, NAN, NAN);
	small_model = aa_test_vm_model_new(small, FALSE);
	g_assert_cmpfloat_with_epsilon(small_model->r_prof[AA_RESOURCE_CPU], 1.0 + 0.6 * 9, EPS);
}

static void
aa_model_memory_wss_func(void)
{
	g_autoptr(AaIntentVm) rss = aa_test_intent_vm_new("POST_STD_VM1", AA_VM_CLASS_GENERAL);
	g_autoptr(AaIntentVm) wss = aa_test_intent_vm_new("POST_STD_VM1", AA_VM_CLASS_GENERAL);
	g_autoptr(AaVmModel) rss_model = NULL;
	g_autoptr(AaVmModel) wss_model = NULL;

	rss->profile = aa_test_profile_new();
	aa_test_profile_sample(rss->profile, 1.0, NAN, 3000, NAN, NAN);
	aa_test_profile_sample(rss->profile, 1.0, NAN, 4000, NAN, NAN);
	aa_test_profile_sample(rss->profile, 1.0, NAN, NAN, NAN, NAN);
	rss_model = aa_test_vm_model_new(rss, FALSE);
	g_assert_cmpfloat_with_epsilon(rss_model->r_prof[AA_RESOURCE_MEMORY], 4000, EPS);
	g_assert_cmpfloat_with_epsilon(rss_model->r_min[AA_RESOURCE_MEMORY], 1000, EPS);
	g_assert_cmpfloat_with_epsilon(rss_model->alpha[AA_RESOURCE_MEMORY], 0.9 / 3000, 1e-15);

	/* one WSS value in the column is enough for WSS to win, even below RSS */
	wss->profile = aa_test_profile_new();
	aa_test_profile_sample(wss->profile, 1.0, NAN, 3000, NAN, NAN);
	aa_test_profile_sample(wss->profile, 1.0, NAN, 4000, 2500, NAN);
	aa_test_profile_sample(wss->profile, 1.0, NAN, 3500, NAN, NAN);
	wss_model = aa_test_vm_model_new(wss, FALSE);
	g_assert_cmpfloat_with_epsilon(wss_model->r_prof[AA_RESOURCE_MEMORY], 2500, EPS);
}

static void
aa_model_gpu_func(void)
{
	g_autoptr(AaIntentVm) vm = aa_test_intent_vm_new("POST_STD_VM1", AA_VM_CLASS_AI_INFERENCE);
	g_autoptr(AaIntentVm) no_gpu = aa_test_intent_vm_new("POST_STD_VM1", AA_VM_CLASS_GENERAL);
	g_autoptr(AaVmModel) model = NULL;
	g_autoptr(AaVmModel) no_gpu_model = NULL;
	AaAlloc r = {2, 0, 2048, 3};

	/* 5, 10, ..., 100 percent: p95 is the 19th, 95 %, of 4 profiled slices */
	vm->profile = aa_test_profile_new();
	vm->profile->has_allocation = TRUE;
	vm->profile->alloc_p_cores = 4;
	vm->profile->alloc_gpu_slices = 4;
	vm->profile->alloc_memory_mib = 8192;
	for (guint i = 20; i > 0; i--)
		aa_test_profile_sample(vm->profile, 1.0, NAN, 1000, NAN, 5.0 * i);
	model = aa_test_vm_model_new(vm, FALSE);
	g_assert_cmpfloat_with_epsilon(model->r_prof[AA_RESOURCE_GPU], 3.8, EPS);
	g_assert_cmpfloat_with_epsilon(model->r_min[AA_RESOURCE_GPU], 0.0, EPS);
	g_assert_cmpfloat_with_epsilon(model->alpha[AA_RESOURCE_GPU], 0.9 / 3.8, EPS);
	g_assert_true(aa_vm_model_wants_gpu(model));
	/* 3 slices: F_gpu = 0.9 * 3 / 3.8 */
	g_assert_cmpfloat_with_epsilon(aa_vm_model_impact(model, AA_RESOURCE_GPU, 3.0),
	                               0.9 * 3.0 / 3.8, EPS);
	g_assert_cmpfloat_with_epsilon(aa_vm_model_effective(model, AA_RESOURCE_GPU, &r), 3.0, EPS);
	/* 0 slices is not above r_min */
	r.gpu_slices = 0;
	g_assert_false(aa_vm_model_feasible(model, &r));

	/* all-zero GPU column: no demand, no GPU unless a minimum asks for one */
	no_gpu->profile = aa_test_profile_new();
	no_gpu->profile->has_allocation = TRUE;
	no_gpu->profile->alloc_gpu_slices = 4;
	aa_test_profile_sample(no_gpu->profile, 1.0, NAN, 1000, NAN, 0.0);
	no_gpu_model = aa_test_vm_model_new(no_gpu, FALSE);
	g_assert_cmpfloat_with_epsilon(no_gpu_model->r_prof[AA_RESOURCE_GPU], 0.0, EPS);
	g_assert_false(aa_vm_model_wants_gpu(no_gpu_model));
	no_gpu->limits[AA_DIM_GPU_SLICES].has_min = TRUE;
	no_gpu->limits[AA_DIM_GPU_SLICES].min = 1;
	g_assert_true(aa_vm_model_wants_gpu(no_gpu_model));
}

static void
aa_model_impact_func(void)
{
	g_autoptr(AaIntentVm) vm = aa_model_test_reference_vm_new();
	g_autoptr(AaVmModel) model = NULL;
	gdouble prev = -1.0;

	model = aa_test_vm_model_new(vm, FALSE);
	g_assert_cmpfloat_with_epsilon(model->r_prof[AA_RESOURCE_CPU], 2.0, EPS);
	g_assert_cmpfloat_with_epsilon(model->r_min[AA_RESOURCE_CPU], 0.5, EPS);
	g_assert_cmpfloat_with_epsilon(model->alpha[AA_RESOURCE_CPU], 0.6, EPS);
	g_assert_cmpfloat_with_epsilon(model->r_prof[AA_RESOURCE_MEMORY], 2048, EPS);
	g_assert_cmpfloat_with_epsilon(model->r_min[AA_RESOURCE_MEMORY], 512, EPS);
	g_assert_cmpfloat_with_epsilon(model->r_prof[AA_RESOURCE_GPU], 0.0, EPS);
	g_assert_false(model->fitted);
	g_assert_true(isnan(model->fit_mse));

	/* linear below, 0.9 at r_prof from both sides, exponential above */
	g_assert_cmpfloat_with_epsilon(aa_vm_model_impact(model, AA_RESOURCE_MEMORY, 1024), 0.3,
	                               EPS);
	g_assert_cmpfloat_with_epsilon(aa_vm_model_impact(model, AA_RESOURCE_MEMORY, 2048), 0.9,
	                               EPS);
	g_assert_cmpfloat_with_epsilon(aa_vm_model_impact(model, AA_RESOURCE_MEMORY, 2048 - 1e-9),
	                               0.9, 1e-9);
	g_assert_cmpfloat_with_epsilon(aa_vm_model_impact(model, AA_RESOURCE_MEMORY, 4096),
	                               1.0 - 0.1 * exp(-12.0), 1e-12);
	g_assert_cmpfloat_with_epsilon(aa_vm_model_impact(model, AA_RESOURCE_CPU, 1.0), 0.3, EPS);
	g_assert_cmpfloat_with_epsilon(aa_vm_model_impact(model, AA_RESOURCE_CPU, 3.0),
	                               1.0 - 0.1 * exp(-6.0), 1e-12);
	/* differentiable too: both slopes are alpha at r_prof */
	g_assert_cmpfloat_with_epsilon((aa_vm_model_impact(model, AA_RESOURCE_CPU, 2.0 + 1e-6) -
	                                aa_vm_model_impact(model, AA_RESOURCE_CPU, 2.0)) /
	                                   1e-6,
	                               0.6, 1e-5);
	/* a resource without demand */
	g_assert_cmpfloat_with_epsilon(aa_vm_model_impact(model, AA_RESOURCE_GPU, 0.0), 1.0, EPS);

	/* monotone and below 1 over the whole range */
	for (gdouble x = 0.6; x < 5.0; x += 0.05) {
		gdouble f = aa_vm_model_impact(model, AA_RESOURCE_CPU, x);
		g_assert_cmpfloat(f, >, prev);
		g_assert_cmpfloat(f, <, 1.0);
		prev = f;
	}
}

static void
aa_model_predict_func(void)
{
	g_autoptr(AaIntentVm) vm = aa_model_test_reference_vm_new();
	g_autoptr(AaVmModel) model = NULL;
	AaAlloc low = {2, 0, 1024, 0};
	AaAlloc mid = {3, 0, 2048, 0};
	AaAlloc high = {4, 0, 4096, 0};
	AaVmEvaluation eval = {0};
	const AaQosPrediction *fps;
	const AaQosPrediction *ft;

	model = aa_test_vm_model_new(vm, FALSE);

	/* F = 0.9 * 0.3: fps 16.2, frame time 12 / 0.27 = 44.4 > 16.7 */
	aa_vm_model_evaluate(model, &low, 1.0, &eval);
	fps = &g_array_index(eval.qos, AaQosPrediction, 0);
	ft = &g_array_index(eval.qos, AaQosPrediction, 1);
	g_assert_cmpfloat_with_epsilon(eval.factor, 0.27, EPS);
	g_assert_cmpfloat_with_epsilon(fps->profiled, 60.0, EPS);
	g_assert_cmpfloat_with_epsilon(fps->predicted, 16.2, EPS);
	g_assert_cmpfloat_with_epsilon(fps->score, 16.2 / 55.0, EPS);
	g_assert_false(fps->met);
	g_assert_cmpfloat_with_epsilon(ft->predicted, 12.0 / 0.27, EPS);
	g_assert_cmpfloat_with_epsilon(ft->score, 0.0, EPS);
	g_assert_false(ft->met);
	g_assert_cmpfloat_with_epsilon(eval.perf, 0.8 * 16.2 / 55.0, EPS);
	g_assert_cmpfloat_with_epsilon(eval.total, eval.perf, EPS);
	g_assert_cmpfloat(aa_vm_model_score(model, &low, 1.0), ==, eval.total);
	aa_vm_evaluation_clear(&eval);
	g_assert_null(eval.qos);

	/* F = (1 - 0.1 e^-6) * 0.9 = 0.8997769123 */
	aa_vm_model_evaluate(model, &mid, 1.0, &eval);
	fps = &g_array_index(eval.qos, AaQosPrediction, 0);
	ft = &g_array_index(eval.qos, AaQosPrediction, 1);
	g_assert_cmpfloat_with_epsilon(eval.factor, 0.8997769123041001, 1e-12);
	g_assert_cmpfloat_with_epsilon(fps->predicted, 53.986614738246004, 1e-9);
	g_assert_cmpfloat_with_epsilon(fps->score, 0.9815748134226546, 1e-12);
	g_assert_cmpfloat_with_epsilon(ft->predicted, 13.336639155666985, 1e-9);
	g_assert_cmpfloat_with_epsilon(ft->score, 0.20139885295407267, 1e-12);
	g_assert_true(ft->met);
	g_assert_cmpfloat_with_epsilon(eval.perf,
	                               0.8 * 0.9815748134226546 + 0.2 * 0.20139885295407267, 1e-12);
	aa_vm_evaluation_clear(&eval);

	/* over-provisioned: fps capped at score 1, latency 12.0000147 */
	aa_vm_model_evaluate(model, &high, 1.0, &eval);
	fps = &g_array_index(eval.qos, AaQosPrediction, 0);
	ft = &g_array_index(eval.qos, AaQosPrediction, 1);
	g_assert_cmpfloat_with_epsilon(fps->predicted, 59.99992626947441, 1e-9);
	g_assert_cmpfloat(fps->score, ==, 1.0);
	g_assert_true(fps->met);
	g_assert_cmpfloat_with_epsilon(ft->predicted, 12.00001474612324, 1e-9);
	g_assert_cmpfloat_with_epsilon(ft->score, 0.2814362427471113, 1e-12);
	aa_vm_evaluation_clear(&eval);
}

static void
aa_model_utilization_func(void)
{
	g_autoptr(AaIntentVm) vm = aa_model_test_reference_vm_new();
	g_autoptr(AaVmModel) model = NULL;
	AaAlloc r = {4, 0, 4096, 2};
	AaVmEvaluation eval = {0};
	gdouble util;
	gdouble perf;

	vm->lambda = 0.05;
	vm->has_util_weight[AA_RESOURCE_MEMORY] = TRUE;
	vm->util_weight[AA_RESOURCE_MEMORY] = 0.5;
	vm->has_util_weight[AA_RESOURCE_CPU] = TRUE;
	vm->util_weight[AA_RESOURCE_CPU] = 0.1;
	vm->has_util_weight[AA_RESOURCE_GPU] = TRUE;
	vm->util_weight[AA_RESOURCE_GPU] = 0.4;
	model = aa_test_vm_model_new(vm, FALSE);

	/* the paper's example: a 2 GiB peak on 4 GiB is half used; CPU 2 of 4; no GPU demand */
	aa_vm_model_evaluate(model, &r, 1.0, &eval);
	g_assert_cmpfloat_with_epsilon(eval.utilization[AA_RESOURCE_MEMORY], 0.5, EPS);
	g_assert_cmpfloat_with_epsilon(eval.utilization[AA_RESOURCE_CPU], 0.5, EPS);
	g_assert_cmpfloat_with_epsilon(eval.utilization[AA_RESOURCE_GPU], 0.0, EPS);
	util = 0.5 * 0.5 + 0.1 * 0.5;
	g_assert_cmpfloat_with_epsilon(eval.util, util, EPS);
	perf = eval.perf;
	g_assert_cmpfloat_with_epsilon(eval.total, perf + 0.05 * util, EPS);
	g_assert_cmpfloat(aa_vm_model_score(model, &r, 1.0), ==, eval.total);
	aa_vm_evaluation_clear(&eval);

	/* objective modes scale lambda: x0, x1, x4 */
	g_assert_cmpfloat(aa_objective_lambda_scale(AA_OBJECTIVE_PERFORMANCE), ==, 0.0);
	g_assert_cmpfloat(aa_objective_lambda_scale(AA_OBJECTIVE_BALANCED), ==, 1.0);
	g_assert_cmpfloat(aa_objective_lambda_scale(AA_OBJECTIVE_EFFICIENCY), ==, 4.0);
	g_assert_cmpfloat_with_epsilon(aa_vm_model_score(model, &r, 0.0), perf, EPS);
	g_assert_cmpfloat_with_epsilon(aa_vm_model_score(model, &r, 4.0), perf + 0.2 * util, EPS);

	/* under-provisioned: U capped at 1 */
	r.memory_mib = 1024;
	r.p_cores = 1;
	aa_vm_model_evaluate(model, &r, 4.0, &eval);
	g_assert_cmpfloat_with_epsilon(eval.utilization[AA_RESOURCE_MEMORY], 1.0, EPS);
	g_assert_cmpfloat_with_epsilon(eval.utilization[AA_RESOURCE_CPU], 1.0, EPS);
	g_assert_cmpfloat(aa_vm_model_score(model, &r, 4.0), ==, eval.total);
	aa_vm_evaluation_clear(&eval);
}

static void
aa_model_scores_func(void)
{
	g_autoptr(AaIntentVm) vm = aa_test_intent_vm_new("POST_STD_VM1", AA_VM_CLASS_GENERAL);
	g_autoptr(AaVmModel) model = NULL;
	AaAlloc one = {1, 0, 1024, 0};
	AaAlloc two = {2, 0, 1024, 0};
	AaVmEvaluation eval = {0};
	const AaQosPrediction *p;

	/* CPU demand 1.5; deadline-miss-ratio scored by name in a general VM */
	vm->profile = aa_test_profile_new();
	aa_test_profile_sample(vm->profile, 1.5, NAN, 512, NAN, NAN);
	aa_test_profile_qos(vm->profile, "errors", 0.0);
	aa_test_profile_qos(vm->profile, "loss", 1.0);
	aa_test_intent_vm_qos(vm, "deadline-miss-ratio", FALSE, 0.0, 1.0);
	aa_test_intent_vm_qos(vm, "errors", FALSE, 0.0, 0.5);
	aa_test_intent_vm_qos(vm, "loss", FALSE, 0.0, 0.25);
	aa_test_intent_vm_qos(vm, "throughput", TRUE, 10.0, 2.0);
	aa_test_intent_vm_qos(vm, "uptime", TRUE, 0.0, 0.125);
	aa_test_profile_qos(vm->profile, "uptime", 0.0);
	model = aa_test_vm_model_new(vm, FALSE);
	g_assert_true(isnan(aa_vm_model_qos_at(model, 3)->q_prof));

	/* one P-core < 1.5: not schedulable; errors 0 <= 0 met; loss 1 > 0 missed */
	aa_vm_model_evaluate(model, &one, 1.0, &eval);
	p = &g_array_index(eval.qos, AaQosPrediction, 0);
	g_assert_cmpfloat(p->predicted, ==, 1.0);
	g_assert_cmpfloat(p->score, ==, 0.0);
	g_assert_false(p->met);
	p = &g_array_index(eval.qos, AaQosPrediction, 1);
	g_assert_cmpfloat(p->score, ==, 1.0);
	g_assert_true(p->met);
	p = &g_array_index(eval.qos, AaQosPrediction, 2);
	g_assert_cmpfloat(p->score, ==, 0.0);
	g_assert_false(p->met);
	/* a metric the trace lacks scores 0 */
	p = &g_array_index(eval.qos, AaQosPrediction, 3);
	g_assert_true(isnan(p->predicted));
	g_assert_cmpfloat(p->score, ==, 0.0);
	g_assert_false(p->met);
	/* a higher-is-better target <= 0: met or not, like the lower rule */
	p = &g_array_index(eval.qos, AaQosPrediction, 4);
	g_assert_cmpfloat(p->score, ==, 1.0);
	g_assert_true(p->met);
	g_assert_cmpfloat_with_epsilon(eval.perf, 0.625, EPS);
	g_assert_cmpfloat_with_epsilon(aa_vm_model_score(model, &one, 1.0), 0.625, EPS);
	aa_vm_evaluation_clear(&eval);

	/* two P-cores >= 1.5: weights summed as given, not renormalised */
	aa_vm_model_evaluate(model, &two, 1.0, &eval);
	p = &g_array_index(eval.qos, AaQosPrediction, 0);
	g_assert_cmpfloat(p->predicted, ==, 0.0);
	g_assert_cmpfloat(p->score, ==, 1.0);
	g_assert_true(p->met);
	g_assert_cmpfloat_with_epsilon(eval.perf, 1.625, EPS);
	g_assert_cmpfloat_with_epsilon(aa_vm_model_score(model, &two, 1.0), 1.625, EPS);
	aa_vm_evaluation_clear(&eval);
}

static void
aa_model_tasks_func(void)
{
	g_autoptr(AaIntentVm) vm = aa_test_intent_vm_new("POST_STD_VM1", AA_VM_CLASS_RTOS);
	g_autoptr(AaIntentVm) impossible = aa_test_intent_vm_new("POST_STD_VM1", AA_VM_CLASS_RTOS);
	g_autoptr(AaVmModel) model = NULL;
	g_autoptr(AaVmModel) impossible_model = NULL;
	AaAlloc r = {1, 0, 256, 0};

	/* two tasks of utilisation 0.6 need two vCPUs under partitioned EDF */
	aa_test_intent_vm_qos(vm, "deadline-miss-ratio", FALSE, 0.0, 1.0);
	aa_test_intent_vm_task(vm, "ctl", 600, 1000);
	aa_test_intent_vm_task(vm, "io", 3000, 5000);
	model = aa_test_vm_model_new(vm, TRUE);
	g_assert_true(model->rt);
	g_assert_true(model->has_tasks);
	g_assert_cmpuint(model->rt_min_cpus, ==, 2);
	g_assert_cmpfloat(aa_vm_model_score(model, &r, 1.0), ==, 0.0);
	r.p_cores = 2;
	g_assert_cmpfloat(aa_vm_model_score(model, &r, 1.0), ==, 1.0);
	r.p_cores = 3;
	g_assert_cmpfloat(aa_vm_model_score(model, &r, 1.0), ==, 1.0);

	/* a task longer than its period: never met */
	aa_test_intent_vm_qos(impossible, "deadline-miss-ratio", FALSE, 0.0, 1.0);
	aa_test_intent_vm_task(impossible, "bad", 2000, 1000);
	impossible_model = aa_test_vm_model_new(impossible, FALSE);
	g_assert_true(impossible_model->rt);
	g_assert_cmpuint(impossible_model->rt_min_cpus, ==, 0);
	r.p_cores = 8;
	g_assert_cmpfloat(aa_vm_model_score(impossible_model, &r, 1.0), ==, 0.0);
}

static void
aa_model_r_min_fallback_func(void)
{
	g_autoptr(AaIntentVm) vm = aa_test_intent_vm_new("POST_STD_VM1", AA_VM_CLASS_GENERAL);
	g_autoptr(AaVmModel) model = NULL;
	AaAlloc r = {1, 0, 128, 0};

	/* an almost idle VM: the default 0.5 cores is not below 0.4, so r_min = 0.2 */
	vm->profile = aa_test_profile_new();
	aa_test_profile_sample(vm->profile, 0.4, NAN, 100, NAN, NAN);
	model = aa_test_vm_model_new(vm, FALSE);
	g_assert_cmpfloat_with_epsilon(model->r_min[AA_RESOURCE_CPU], 0.2, EPS);
	g_assert_cmpfloat_with_epsilon(model->alpha[AA_RESOURCE_CPU], 4.5, EPS);
	g_assert_cmpfloat_with_epsilon(aa_vm_model_impact(model, AA_RESOURCE_CPU, 0.3), 0.45, EPS);
	g_assert_cmpfloat_with_epsilon(model->r_min[AA_RESOURCE_MEMORY], 25, EPS);
	/* one P-core against 0.4 busy: CPU utilisation 0.4, memory 100 / 128 */
	g_assert_true(aa_vm_model_feasible(model, &r));
}

static void
aa_model_overrides_func(void)
{
	g_autoptr(AaIntentVm) vm = aa_model_test_reference_vm_new();
	g_autoptr(AaVmModel) model = NULL;
	g_autoptr(AaVmModel) flat = NULL;
	g_autoptr(AaVmModel) rmin = NULL;
	g_autoptr(AaVmModel) bad = NULL;
	g_autoptr(AaVmModel) eta = NULL;
	g_autoptr(GError) error = NULL;
	AaAlloc r = {0, 3, 1024, 0};

	vm->model[AA_RESOURCE_MEMORY].has_alpha = TRUE;
	vm->model[AA_RESOURCE_MEMORY].alpha = 0.0003;
	model = aa_test_vm_model_new(vm, FALSE);
	g_assert_cmpfloat(model->alpha[AA_RESOURCE_MEMORY], ==, 0.0003);
	g_assert_cmpfloat_with_epsilon(aa_vm_model_impact(model, AA_RESOURCE_MEMORY, 1024), 0.1536,
	                               EPS);
	g_assert_cmpfloat_with_epsilon(aa_vm_model_impact(model, AA_RESOURCE_MEMORY, 2048), 0.4608,
	                               EPS);
	g_assert_cmpfloat_with_epsilon(aa_vm_model_impact(model, AA_RESOURCE_MEMORY, 3072),
	                               1.0 - 0.5392 * exp(-0.0003 / 0.5392 * 1024), EPS);

	/* alpha (r_prof - r_min) = 1.536 > 1: c < 0, F = 1 from r_prof up */
	vm->model[AA_RESOURCE_MEMORY].alpha = 0.001;
	flat = aa_test_vm_model_new(vm, FALSE);
	g_assert_cmpfloat_with_epsilon(aa_vm_model_impact(flat, AA_RESOURCE_MEMORY, 1024), 0.512,
	                               EPS);
	g_assert_cmpfloat(aa_vm_model_impact(flat, AA_RESOURCE_MEMORY, 2048), ==, 1.0);
	g_assert_cmpfloat(aa_vm_model_impact(flat, AA_RESOURCE_MEMORY, 4096), ==, 1.0);

	/* r-min 1024: alpha 0.9 / 1024 */
	vm->model[AA_RESOURCE_MEMORY].has_alpha = FALSE;
	vm->model[AA_RESOURCE_MEMORY].has_r_min = TRUE;
	vm->model[AA_RESOURCE_MEMORY].r_min = 1024;
	rmin = aa_test_vm_model_new(vm, FALSE);
	g_assert_cmpfloat(rmin->r_min[AA_RESOURCE_MEMORY], ==, 1024);
	g_assert_cmpfloat_with_epsilon(aa_vm_model_impact(rmin, AA_RESOURCE_MEMORY, 1536), 0.45,
	                               EPS);
	r.memory_mib = 1024;
	g_assert_false(aa_vm_model_feasible(rmin, &r));
	r.memory_mib = 1152;
	g_assert_true(aa_vm_model_feasible(rmin, &r));

	/* r-min at r_prof is an input error that names the VM */
	vm->model[AA_RESOURCE_MEMORY].r_min = 2048;
	bad = aa_vm_model_new(vm, FALSE, &error);
	g_assert_null(bad);
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_DATA);
	/* the message is the feature: it names the VM */
	g_assert_nonnull(strstr(error->message, "POST_STD_VM1"));
	g_clear_error(&error);
	vm->model[AA_RESOURCE_MEMORY].has_r_min = FALSE;

	/* eta 0.5: three E-cores are 1.5 P-cores */
	vm->has_eta = TRUE;
	vm->eta = 0.5;
	eta = aa_test_vm_model_new(vm, FALSE);
	g_assert_cmpfloat_with_epsilon(aa_vm_model_effective(eta, AA_RESOURCE_CPU, &r), 1.5, EPS);
	g_assert_cmpfloat_with_epsilon(aa_vm_model_impact(eta, AA_RESOURCE_CPU, 1.5), 0.6, EPS);
}

static void
aa_model_feasible_func(void)
{
	g_autoptr(AaIntentVm) vm = aa_model_test_reference_vm_new();
	g_autoptr(AaIntentVm) idle = aa_test_intent_vm_new("POST_STD_VM1", AA_VM_CLASS_WEB);
	g_autoptr(AaVmModel) model = NULL;
	g_autoptr(AaVmModel) rt = NULL;
	g_autoptr(AaVmModel) slow = NULL;
	g_autoptr(AaVmModel) idle_model = NULL;
	AaAlloc r = {1, 0, 1024, 0};

	model = aa_test_vm_model_new(vm, FALSE);
	rt = aa_test_vm_model_new(vm, TRUE);
	g_assert_true(aa_vm_model_feasible(model, &r));
	g_assert_true(aa_vm_model_feasible(rt, &r));
	g_assert_false(aa_vm_model_wants_gpu(model));

	/* no P/E mix; at least one pCPU; RT on P-cores only */
	r.e_cores = 1;
	g_assert_false(aa_vm_model_feasible(model, &r));
	r.p_cores = 0;
	g_assert_true(aa_vm_model_feasible(model, &r)); /* 0.6 > 0.5 */
	g_assert_false(aa_vm_model_feasible(rt, &r));
	r.e_cores = 0;
	g_assert_false(aa_vm_model_feasible(model, &r));

	/* with eta 0.5 one E-core is not above r_min 0.5 */
	vm->has_eta = TRUE;
	vm->eta = 0.5;
	slow = aa_test_vm_model_new(vm, FALSE);
	r.e_cores = 1;
	g_assert_false(aa_vm_model_feasible(slow, &r));
	r.e_cores = 2;
	g_assert_true(aa_vm_model_feasible(slow, &r));

	/* memory above r_min 512 */
	r.p_cores = 2;
	r.e_cores = 0;
	r.memory_mib = 512;
	g_assert_false(aa_vm_model_feasible(model, &r));
	r.memory_mib = 640;
	g_assert_true(aa_vm_model_feasible(model, &r));

	/* limits are inclusive */
	vm->limits[AA_DIM_P_CORES].has_max = TRUE;
	vm->limits[AA_DIM_P_CORES].max = 2;
	vm->limits[AA_DIM_MEMORY_MIB].has_min = TRUE;
	vm->limits[AA_DIM_MEMORY_MIB].min = 1000;
	vm->limits[AA_DIM_GPU_SLICES].has_max = TRUE;
	vm->limits[AA_DIM_GPU_SLICES].max = 0;
	g_assert_false(aa_vm_model_feasible(model, &r));
	r.memory_mib = 1000;
	g_assert_true(aa_vm_model_feasible(model, &r));
	r.p_cores = 3;
	g_assert_false(aa_vm_model_feasible(model, &r));
	r.p_cores = 2;
	r.gpu_slices = 1;
	g_assert_false(aa_vm_model_feasible(model, &r));

	/* no profile: F = 1 everywhere, U = 0, only the structural rules */
	idle_model = aa_test_vm_model_new(idle, FALSE);
	for (guint k = 0; k < AA_RESOURCE_COUNT; k++)
		g_assert_cmpfloat(idle_model->r_prof[k], ==, 0.0);
	r.p_cores = 1;
	r.memory_mib = 1;
	r.gpu_slices = 0;
	g_assert_true(aa_vm_model_feasible(idle_model, &r));
	g_assert_cmpfloat(aa_vm_model_factor(idle_model, &r), ==, 1.0);
	r.memory_mib = 0;
	g_assert_false(aa_vm_model_feasible(idle_model, &r));
}

/* rows generated by the model itself with known alphas */
static void
aa_model_test_synthesise(AaIntentVm *target, const AaVmModel *truth)
{
	const gint64 cores[] = {1, 2, 3, 4};
	const gint64 memory[] = {768, 1024, 1536, 2048, 3072};

	for (guint i = 0; i < G_N_ELEMENTS(cores); i++) {
		for (guint j = 0; j < G_N_ELEMENTS(memory); j++) {
			AaAlloc r = {cores[i], 0, memory[j], 0};
			gdouble f = aa_vm_model_factor(truth, &r);
			aa_test_intent_vm_calibration(target, r.p_cores, 0, r.memory_mib, 0, "fps",
			                              60.0 * f);
			if (j == i)
				aa_test_intent_vm_calibration(target, r.p_cores, 0, r.memory_mib, 0,
				                              "frame-time-p95-ms", 12.0 / f);
		}
	}
	/* a metric the intent does not name is ignored */
	aa_test_intent_vm_calibration(target, 2, 0, 2048, 0, "bogomips", 1e6);
}

static void
aa_model_calibration_func(void)
{
	g_autoptr(AaIntentVm) truth_vm = aa_model_test_reference_vm_new();
	g_autoptr(AaIntentVm) vm = aa_model_test_reference_vm_new();
	g_autoptr(AaIntentVm) one = aa_model_test_reference_vm_new();
	g_autoptr(AaVmModel) truth = NULL;
	g_autoptr(AaVmModel) model = NULL;
	g_autoptr(AaVmModel) one_model = NULL;
	const gdouble alpha_cpu = 0.42 / 1.5;
	const gdouble alpha_mem = 0.77 / 1536;

	/* t = 0.42 and 0.77 are off the grid: the refinement has to find them */
	truth_vm->model[AA_RESOURCE_CPU].has_alpha = TRUE;
	truth_vm->model[AA_RESOURCE_CPU].alpha = alpha_cpu;
	truth_vm->model[AA_RESOURCE_MEMORY].has_alpha = TRUE;
	truth_vm->model[AA_RESOURCE_MEMORY].alpha = alpha_mem;
	truth = aa_test_vm_model_new(truth_vm, FALSE);

	aa_model_test_synthesise(vm, truth);
	model = aa_test_vm_model_new(vm, FALSE);
	g_assert_true(model->fitted);
	g_assert_cmpuint(model->fit_rows, ==, 24);
	g_assert_true(model->alpha_fitted[AA_RESOURCE_CPU]);
	g_assert_true(model->alpha_fitted[AA_RESOURCE_MEMORY]);
	g_assert_false(model->alpha_fitted[AA_RESOURCE_GPU]);
	g_assert_cmpfloat_with_epsilon(model->alpha[AA_RESOURCE_CPU], alpha_cpu, 1e-7);
	g_assert_cmpfloat_with_epsilon(model->alpha[AA_RESOURCE_MEMORY], alpha_mem, 1e-10);
	g_assert_cmpfloat(model->fit_mse, <, 1e-12);
	/* the fitted curve is the one the score uses */
	g_assert_cmpfloat_with_epsilon(aa_vm_model_impact(model, AA_RESOURCE_CPU, 3.0),
	                               aa_vm_model_impact(truth, AA_RESOURCE_CPU, 3.0), 1e-7);

	/* memory's alpha given in the intent stays fixed, only CPU is fitted */
	one->model[AA_RESOURCE_MEMORY].has_alpha = TRUE;
	one->model[AA_RESOURCE_MEMORY].alpha = alpha_mem;
	aa_model_test_synthesise(one, truth);
	one_model = aa_test_vm_model_new(one, FALSE);
	g_assert_true(one_model->fitted);
	g_assert_true(one_model->alpha_fitted[AA_RESOURCE_CPU]);
	g_assert_false(one_model->alpha_fitted[AA_RESOURCE_MEMORY]);
	g_assert_cmpfloat(one_model->alpha[AA_RESOURCE_MEMORY], ==, alpha_mem);
	g_assert_cmpfloat_with_epsilon(one_model->alpha[AA_RESOURCE_CPU], alpha_cpu, 1e-7);
	g_assert_cmpfloat(one_model->fit_mse, <, 1e-12);
}

static void
aa_model_calibration_single_func(void)
{
	g_autoptr(AaIntentVm) vm = aa_model_test_reference_vm_new();
	g_autoptr(AaIntentVm) unused = aa_model_test_reference_vm_new();
	g_autoptr(AaVmModel) model = NULL;
	g_autoptr(AaVmModel) unused_model = NULL;

	/* memory's alpha fixed, so F_mem(2048) = 0.9; one run on 1 P-core gives
	 * fps = 60 * 0.9 * (t / 1.5) * (1 - 0.5) = 18 t: fps 9 is t = 0.5, off the grid */
	vm->model[AA_RESOURCE_MEMORY].has_alpha = TRUE;
	vm->model[AA_RESOURCE_MEMORY].alpha = 0.9 / 1536;
	aa_test_intent_vm_calibration(vm, 1, 0, 2048, 0, "fps", 9.0);
	model = aa_test_vm_model_new(vm, FALSE);
	g_assert_cmpuint(model->fit_rows, ==, 1);
	g_assert_cmpfloat_with_epsilon(model->alpha[AA_RESOURCE_CPU] * 1.5, 0.5, 1e-7);

	/* rows only of metrics the intent does not name: no fit */
	aa_test_intent_vm_calibration(unused, 1, 0, 2048, 0, "bogomips", 9.0);
	unused_model = aa_test_vm_model_new(unused, FALSE);
	g_assert_false(unused_model->fitted);
	g_assert_cmpuint(unused_model->fit_rows, ==, 0);
	g_assert_true(isnan(unused_model->fit_mse));
	g_assert_cmpfloat_with_epsilon(unused_model->alpha[AA_RESOURCE_CPU], 0.6, EPS);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/aa/model/percentile", aa_model_percentile_func);
	g_test_add_func("/aa/model/memory-wss", aa_model_memory_wss_func);
	g_test_add_func("/aa/model/gpu", aa_model_gpu_func);
	g_test_add_func("/aa/model/impact", aa_model_impact_func);
	g_test_add_func("/aa/model/predict", aa_model_predict_func);
	g_test_add_func("/aa/model/utilization", aa_model_utilization_func);
	g_test_add_func("/aa/model/scores", aa_model_scores_func);
	g_test_add_func("/aa/model/tasks", aa_model_tasks_func);
	g_test_add_func("/aa/model/r-min-fallback", aa_model_r_min_fallback_func);
	g_test_add_func("/aa/model/overrides", aa_model_overrides_func);
	g_test_add_func("/aa/model/feasible", aa_model_feasible_func);
	g_test_add_func("/aa/model/calibration", aa_model_calibration_func);
	g_test_add_func("/aa/model/calibration-single", aa_model_calibration_single_func);
	return g_test_run();
}
