/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "../bench/aa-bench-gen.h"
#include "aa-context-private.h"
#include "aa-error.h"
#include "aa-model-private.h"
#include "aa-recommend.h"
#include "aa-search-private.h"
#include "aa-test-util.h"

typedef struct {
	AaAlloc alloc;
	gdouble score;
} AaTestCandidate;

typedef struct {
	AaCapacity cap;
	guint quantum;
	guint n;
	GArray *cands[4]; /* AaTestCandidate, lexicographic order */
	gdouble big;      /* the first-level step of large scores */
} AaTestInstance;

static void
aa_test_instance_clear(AaTestInstance *inst)
{
	for (guint i = 0; i < inst->n; i++)
		g_array_unref(inst->cands[i]);
}

static gint
aa_test_alloc_cmp(const AaAlloc *a, const AaAlloc *b)
{
	gint64 va[] = {a->p_cores, a->e_cores, a->memory_mib, a->gpu_slices};
	gint64 vb[] = {b->p_cores, b->e_cores, b->memory_mib, b->gpu_slices};
	for (guint k = 0; k < 4; k++) {
		if (va[k] != vb[k])
			return va[k] < vb[k] ? -1 : 1;
	}
	return 0;
}

/* plain enumeration: every combination, lexicographic, summed in intent order */
typedef struct {
	const AaTestInstance *inst;
	guint idx[4];
	guint best_idx[4];
	gdouble best;
	gdouble threshold;
	gboolean found;
} AaTestEnum;

static void
aa_test_enumerate(AaTestEnum *en, guint i, gdouble s, gint64 p, gint64 e, gint64 m, gint64 g,
                  gint64 v, gboolean pick)
{
	const AaTestInstance *inst = en->inst;
	if (p > inst->cap.p_cores || e > inst->cap.e_cores ||
	    m > inst->cap.memory_mib / inst->quantum * inst->quantum || g > inst->cap.gpu_slices ||
	    v > inst->cap.gpu_vfs)
		return;
	if (i == inst->n) {
		if (!pick && s > en->best) {
			en->best = s;
		}
		if (pick && !en->found && s >= en->threshold) {
			en->found = TRUE;
			memcpy(en->best_idx, en->idx, sizeof(en->idx));
			en->best = s;
		}
		return;
	}
	for (guint j = 0; j < inst->cands[i]->len; j++) {
		const AaTestCandidate *c = &g_array_index(inst->cands[i], AaTestCandidate, j);
		en->idx[i] = j;
		aa_test_enumerate(en, i + 1, s + c->score, p + c->alloc.p_cores,
		                  e + c->alloc.e_cores, m + c->alloc.memory_mib,
		                  g + c->alloc.gpu_slices, v + (c->alloc.gpu_slices > 0 ? 1 : 0),
		                  pick);
	}
}

/* score styles: the paper's small scores with near-ties, or scalarised
 * targets-first scores (M x targets met + a fraction) with many exact ties */
typedef enum {
	AA_TEST_SCORES_SMALL,
	AA_TEST_SCORES_LARGE,
} AaTestScores;

static gdouble
aa_test_random_score(GRand *rand, AaTestScores style, gdouble big)
{
	gdouble score;
	if (style == AA_TEST_SCORES_SMALL) {
		/* coarse values so that ties are common, and some differences
		 * below the tie distance */
		score = g_rand_int_range(rand, 0, 6) * 0.25;
		if (g_rand_int_range(rand, 0, 4) == 0)
			score += g_rand_int_range(rand, 0, 3) * 3e-10;
		return score;
	}
	score = big * g_rand_int_range(rand, 0, 3);
	switch (g_rand_int_range(rand, 0, 3)) {
	case 0:
		return score + g_rand_int_range(rand, 0, 5) * 0.25;
	case 1:
		return score + g_rand_double(rand) * 3.0;
	default:
		return score + g_rand_int_range(rand, 0, 3) * 0.5 + 4e-10;
	}
}

static void
aa_test_random_instance_styled(GRand *rand, AaTestInstance *inst, AaTestScores style)
{
	gdouble big = g_rand_boolean(rand) ? 1e3 : 1e6;
	inst->big = big;
	inst->n = (guint)g_rand_int_range(rand, 1, 5);
	inst->quantum = 128;
	inst->cap.p_cores = g_rand_int_range(rand, 0, 5);
	inst->cap.e_cores = g_rand_int_range(rand, 0, 4);
	inst->cap.memory_mib = g_rand_int_range(rand, 0, 6 * 128 + 100);
	inst->cap.gpu_slices = g_rand_int_range(rand, 0, 4);
	inst->cap.gpu_vfs = g_rand_int_range(rand, 0, 3);
	for (guint i = 0; i < inst->n; i++) {
		gdouble keep = g_rand_double_range(rand, 0.2, 1.0);
		/* identical VMs: a copy of the previous VM's table */
		if (i > 0 && g_rand_int_range(rand, 0, 3) == 0) {
			inst->cands[i] = g_array_copy(inst->cands[i - 1]);
			continue;
		}
		inst->cands[i] = g_array_new(FALSE, FALSE, sizeof(AaTestCandidate));
		for (gint64 p = 0; p <= 4; p++) {
			for (gint64 e = 0; e <= 4; e++) {
				if (p > 0 && e > 0)
					continue;
				for (gint64 m = 128; m <= 6 * 128; m += 128) {
					for (gint64 g = 0; g <= 3; g++) {
						AaTestCandidate c = {{p, e, m, g}, 0};
						if (g_rand_double(rand) > keep)
							continue;
						c.score = aa_test_random_score(rand, style, big);
						g_array_append_val(inst->cands[i], c);
					}
				}
			}
		}
	}
}

/* VMs built by hand, as the intent and profile readers would fill them */
typedef struct {
	AaIntentVm vm;
	AaProfile profile;
	AaVmModel *model;
} AaTestVm;

static void
aa_test_vm_free(AaTestVm *t)
{
	aa_vm_model_free(t->model);
	g_ptr_array_unref(t->vm.qos);
	g_free(t->vm.name);
	g_array_unref(t->profile.samples);
	g_hash_table_unref(t->profile.qos);
	g_free(t);
}

static AaTestVm *
aa_test_vm_new(const gchar *name, AaVmClass klass, gdouble cpu, gdouble mem, gdouble gpu_slices)
{
	AaTestVm *t = g_new0(AaTestVm, 1);
	AaProfileSample sample = {.cpu_p_busy = cpu,
	                          .cpu_e_busy = 0.0,
	                          .mem_used_mib = NAN,
	                          .mem_rss_mib = mem,
	                          .wss_mib = NAN,
	                          .swap_used_mib = NAN,
	                          .major_faults_per_s = NAN,
	                          .gpu_busy_pct = gpu_slices * 25.0,
	                          .vram_mib = NAN};
	t->vm.name = g_strdup(name);
	t->vm.klass = klass;
	t->vm.qos = g_ptr_array_new_with_free_func((GDestroyNotify)aa_qos_target_free);
	t->vm.profile = &t->profile;
	t->profile.samples = g_array_new(FALSE, TRUE, sizeof(AaProfileSample));
	t->profile.qos = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	/* profiled with 4 slices: busy 25% per slice of demand */
	t->profile.has_allocation = TRUE;
	t->profile.alloc_gpu_slices = 4;
	t->profile.has_gpu = gpu_slices > 0;
	g_array_append_val(t->profile.samples, sample);
	return t;
}

static void
aa_test_vm_qos(AaTestVm *t, const gchar *metric, gboolean higher, gdouble target, gdouble weight,
               gdouble profiled)
{
	aa_test_intent_vm_qos(&t->vm, metric, higher, target, weight);
	aa_test_profile_qos(&t->profile, metric, profiled);
}

static void
aa_test_vm_limit(AaTestVm *t, AaDim dim, gint64 min, gint64 max)
{
	t->vm.limits[dim].has_min = min >= 0;
	t->vm.limits[dim].min = min;
	t->vm.limits[dim].has_max = max >= 0;
	t->vm.limits[dim].max = max;
}

static void
aa_test_vm_finish(AaTestVm *t, gboolean rt)
{
	g_autoptr(GError) error = NULL;
	t->model = aa_vm_model_new(&t->vm, rt, &error);
	g_assert_no_error(error);
	g_assert_nonnull(t->model);
}

static GPtrArray *
aa_test_models(GPtrArray *vms)
{
	GPtrArray *models = g_ptr_array_new();
	for (guint i = 0; i < vms->len; i++)
		g_ptr_array_add(models, ((AaTestVm *)g_ptr_array_index(vms, i))->model);
	return models;
}

/* plain enumeration over the model: every r of every VM in F_i, combinations
 * in lexicographic order, objective summed in intent order */
typedef struct {
	const AaProblem *problem;
	AaAlloc cur[4];
	AaAlloc pick[4];
	gdouble best;
	gdouble threshold;
	gboolean found;
	gboolean picking;
} AaTestModelEnum;

static void
aa_test_model_enumerate(AaTestModelEnum *en, guint i, gdouble s, const gint64 *used)
{
	const AaProblem *pb = en->problem;
	const AaCapacity *cap = &pb->capacity;
	gint64 q = pb->memory_quantum_mib;
	AaVmModel *model;

	if (i == pb->models->len) {
		if (!en->picking && s > en->best)
			en->best = s;
		if (en->picking && !en->found && s >= en->threshold) {
			en->found = TRUE;
			memcpy(en->pick, en->cur, sizeof(en->cur));
		}
		return;
	}
	model = g_ptr_array_index(pb->models, i);
	for (gint64 p = 0; p <= cap->p_cores; p++)
		for (gint64 e = 0; e <= cap->e_cores; e++)
			for (gint64 m = q; m <= cap->memory_mib; m += q)
				for (gint64 g = 0; g <= cap->gpu_slices; g++) {
					AaAlloc r = {p, e, m, g};
					gint64 next[5] = {used[0] + p, used[1] + e, used[2] + m,
					                  used[3] + g, used[4] + (g > 0 ? 1 : 0)};
					if (next[0] > cap->p_cores || next[1] > cap->e_cores ||
					    next[2] > cap->memory_mib ||
					    next[3] > cap->gpu_slices || next[4] > cap->gpu_vfs)
						continue;
					if (!aa_vm_model_feasible(model, &r))
						continue;
					en->cur[i] = r;
					aa_test_model_enumerate(
					    en, i + 1,
					    s + aa_vm_model_score(model, &r, pb->lambda_scale),
					    next);
				}
}

static AaTestVm *
aa_test_random_vm(GRand *rand, guint i)
{
	const AaVmClass classes[] = {AA_VM_CLASS_GENERAL, AA_VM_CLASS_RTOS, AA_VM_CLASS_GAMING,
	                             AA_VM_CLASS_WEB};
	AaVmClass klass = classes[g_rand_int_range(rand, 0, 4)];
	g_autofree gchar *name = g_strdup_printf("VM%u", i);
	gdouble gpu = klass == AA_VM_CLASS_GAMING && g_rand_boolean(rand)
	                  ? g_rand_int_range(rand, 1, 9) * 0.25
	                  : 0.0;
	AaTestVm *t = aa_test_vm_new(name, klass, g_rand_double_range(rand, 0.2, 3.0),
	                             g_rand_double_range(rand, 50, 500), gpu);
	gboolean rt = klass == AA_VM_CLASS_RTOS || g_rand_int_range(rand, 0, 8) == 0;

	if (rt && g_rand_boolean(rand)) {
		aa_test_vm_qos(t, "deadline-miss-ratio", FALSE, 0.0, 1.0, 0.0);
	} else {
		aa_test_vm_qos(t, "fps", TRUE, g_rand_double_range(rand, 20, 80),
		               g_rand_double_range(rand, 0.2, 2.0),
		               g_rand_double_range(rand, 30, 90));
		if (g_rand_boolean(rand))
			aa_test_vm_qos(t, "latency-ms", FALSE, g_rand_double_range(rand, 10, 40),
			               g_rand_double_range(rand, 0.2, 1.0),
			               g_rand_double_range(rand, 5, 20));
	}
	if (g_rand_boolean(rand)) {
		t->vm.lambda = g_rand_double_range(rand, 0.01, 0.3);
		for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
			t->vm.has_util_weight[k] = g_rand_boolean(rand);
			t->vm.util_weight[k] = g_rand_double_range(rand, 0.1, 1.0);
		}
	}
	if (g_rand_int_range(rand, 0, 4) == 0)
		aa_test_vm_limit(t, AA_DIM_P_CORES, g_rand_int_range(rand, -1, 2),
		                 g_rand_int_range(rand, -1, 3));
	if (g_rand_int_range(rand, 0, 4) == 0)
		aa_test_vm_limit(t, AA_DIM_E_CORES, -1, g_rand_int_range(rand, -1, 2));
	if (g_rand_int_range(rand, 0, 4) == 0)
		aa_test_vm_limit(t, AA_DIM_MEMORY_MIB, g_rand_int_range(rand, -1, 300),
		                 g_rand_boolean(rand) ? -1 : g_rand_int_range(rand, 300, 600));
	if (g_rand_int_range(rand, 0, 5) == 0)
		aa_test_vm_limit(t, AA_DIM_GPU_SLICES, g_rand_int_range(rand, -1, 2), -1);
	aa_test_vm_finish(t, rt);
	return t;
}

/* every VM's model rebuilt as @kind, with the robust model's M set as
 * recommend sets it */
static void
aa_test_use_model(GPtrArray *vms, GPtrArray *models, AaModelKind kind, gdouble lambda_scale)
{
	AaModelOptions options;
	aa_model_options_init(&options, kind);
	for (guint i = 0; i < vms->len; i++) {
		AaTestVm *t = g_ptr_array_index(vms, i);
		g_autoptr(GError) error = NULL;
		AaVmModel *model = aa_vm_model_new_full(&t->vm, t->model->rt, &options, &error);
		g_assert_no_error(error);
		aa_vm_model_free(t->model);
		t->model = model;
		g_ptr_array_index(models, i) = model;
	}
	if (kind == AA_MODEL_KIND_ROBUST)
		aa_vm_models_set_target_scale(models, lambda_scale);
}

/* the search against plain enumeration over the real QoS model, @kind */
static void
aa_test_model_random(AaModelKind kind, guint n_rounds, guint min_feasible)
{
	g_autoptr(GRand) rand = g_rand_new_with_seed(4242);
	guint n_feasible = 0;

	for (guint round = 0; round < n_rounds; round++) {
		g_autoptr(GPtrArray) vms =
		    g_ptr_array_new_with_free_func((GDestroyNotify)aa_test_vm_free);
		g_autoptr(GPtrArray) models = NULL;
		g_autoptr(AaSearchResult) result = NULL;
		g_autoptr(GError) error = NULL;
		AaProblem problem = {0};
		AaTestModelEnum en = {0};
		gint64 used[5] = {0};
		guint n = (guint)g_rand_int_range(rand, 1, 5);
		const AaObjective objectives[] = {AA_OBJECTIVE_PERFORMANCE, AA_OBJECTIVE_BALANCED,
		                                  AA_OBJECTIVE_EFFICIENCY};

		for (guint i = 0; i < n; i++)
			g_ptr_array_add(vms, aa_test_random_vm(rand, i));
		models = aa_test_models(vms);
		problem.models = models;
		problem.memory_quantum_mib = 128;
		problem.lambda_scale = aa_objective_lambda_scale(objectives[round % 3]);
		aa_test_use_model(vms, models, kind, problem.lambda_scale);
		/* small enough to enumerate, mostly but not always feasible */
		problem.capacity.p_cores = g_rand_int_range(rand, n > 2 ? 1 : 0, n > 2 ? 4 : 5);
		problem.capacity.e_cores = g_rand_int_range(rand, 0, n > 2 ? 3 : 4);
		problem.capacity.memory_mib =
		    128 * n + g_rand_int_range(rand, -50, n > 2 ? 400 : 600);
		problem.capacity.gpu_slices = g_rand_int_range(rand, 0, n > 2 ? 3 : 4);
		problem.capacity.gpu_vfs = g_rand_int_range(rand, 0, 3);
		if (g_rand_int_range(rand, 0, 8) > 0) {
			problem.capacity.p_cores = MAX(problem.capacity.p_cores, n);
			problem.capacity.gpu_slices = MAX(problem.capacity.gpu_slices, 1);
			problem.capacity.gpu_vfs = MAX(problem.capacity.gpu_vfs, 1);
		}

		result = aa_search_run(&problem, AA_STRATEGY_OPTIMAL, &error);
		g_assert_no_error(error);
		en.problem = &problem;
		en.best = -INFINITY;
		aa_test_model_enumerate(&en, 0, 0.0, used);
		if (en.best == -INFINITY) {
			g_assert_false(result->feasible);
			g_assert_nonnull(result->reason);
			continue;
		}
		n_feasible++;
		en.picking = TRUE;
		en.threshold = en.best - 1e-9;
		aa_test_model_enumerate(&en, 0, 0.0, used);
		g_assert_true(en.found);
		g_assert_true(result->feasible);
		g_assert_true(result->optimal);
		g_assert_null(result->reason);
		g_assert_cmpfloat_with_epsilon(result->objective, en.best, 1e-9);
		for (guint i = 0; i < n; i++) {
			g_assert_cmpint(
			    aa_test_alloc_cmp(&g_array_index(result->allocs, AaAlloc, i),
			                      &en.pick[i]),
			    ==, 0);
		}
	}
	g_assert_cmpuint(n_feasible, >=, min_feasible);
}

static void
aa_search_model_random_func(void)
{
	aa_test_model_random(AA_MODEL_KIND_PAPER, 380, 200);
}

/* the targets-first objective: the bounds handle its two levels apart (its
 * memory headroom leaves fewer instances feasible) */
static void
aa_search_model_random_robust_func(void)
{
	aa_test_model_random(AA_MODEL_KIND_ROBUST, 380, 160);
}

/* three VMs on P 4, E 4, 4096 MiB, 10 slices, 7 VFs (MODEL.md, Baselines) */
static GPtrArray *
aa_test_baseline_vms(gboolean c_no_e)
{
	GPtrArray *vms = g_ptr_array_new_with_free_func((GDestroyNotify)aa_test_vm_free);
	AaTestVm *a = aa_test_vm_new("A", AA_VM_CLASS_RTOS, 1.0, 512, 0);
	AaTestVm *b = aa_test_vm_new("B", AA_VM_CLASS_GENERAL, 2.0, 1024, 0);
	AaTestVm *c = aa_test_vm_new("C", AA_VM_CLASS_GAMING, 3.0, 2048, 2.0);
	aa_test_vm_qos(a, "deadline-miss-ratio", FALSE, 0.0, 1.0, 0.0);
	aa_test_vm_qos(b, "fps", TRUE, 60, 1.0, 70);
	aa_test_vm_qos(c, "fps", TRUE, 60, 1.0, 90);
	/* C counts E-cores at 0.2: one or two E-cores are not above r_min 0.5 */
	c->vm.has_eta = TRUE;
	c->vm.eta = 0.2;
	if (c_no_e)
		aa_test_vm_limit(c, AA_DIM_E_CORES, -1, 0);
	aa_test_vm_finish(a, FALSE);
	aa_test_vm_finish(b, FALSE);
	aa_test_vm_finish(c, FALSE);
	g_ptr_array_add(vms, a);
	g_ptr_array_add(vms, b);
	g_ptr_array_add(vms, c);
	return vms;
}

/* a baseline strategy on the three baseline VMs: the allocation it must give */
typedef struct {
	const gchar *name;
	AaStrategy strategy;
	gint64 allocs[3][4]; /* P-cores, E-cores, memory MiB, GPU slices per VM */
} AaSearchBaseline;

static const AaSearchBaseline aa_search_baselines[] = {
    /* pCPU share 8/3: want 2 each; the rtos VM A first takes 2 P, B the
     * other 2 P, C 2 E raised to 3 (0.2 * 2 <= 0.5); memory 4096/3 floored
     * to 1280; all 10 slices to C, the only GPU VM */
    {"baseline-equal", AA_STRATEGY_EQUAL, {{2, 0, 1280, 0}, {2, 0, 1280, 0}, {0, 3, 1280, 10}}},
    /* CPU demand 1:2:3 of 8 pCPUs: want 1, 2 and 4; A 1 P, B 2 P, C 4 E as
     * only 1 P is left; memory 512:1024:2048 of 4096 floored to 128:
     * 512, 1152, 2304; C gets all 10 slices */
    {"baseline-proportional",
     AA_STRATEGY_PROPORTIONAL,
     {{1, 0, 512, 0}, {2, 0, 1152, 0}, {0, 4, 2304, 10}}},
};

static void
aa_search_baseline_func(gconstpointer data)
{
	const AaSearchBaseline *row = data;
	g_autoptr(GPtrArray) vms = aa_test_baseline_vms(FALSE);
	g_autoptr(GPtrArray) models = aa_test_models(vms);
	g_autoptr(AaSearchResult) result = NULL;
	g_autoptr(GError) error = NULL;
	AaProblem problem = {models, {4, 4, 4096, 10, 7}, 128, 1.0};

	result = aa_search_run(&problem, row->strategy, &error);
	g_assert_no_error(error);
	g_assert_cmpint(result->strategy, ==, row->strategy);
	g_assert_true(result->feasible);
	/* a baseline is never called optimal */
	g_assert_false(result->optimal);
	for (guint i = 0; i < G_N_ELEMENTS(row->allocs); i++)
		aa_test_assert_search_alloc(result, i, row->allocs[i][0], row->allocs[i][1],
		                            row->allocs[i][2], row->allocs[i][3]);
	g_assert_cmpfloat_with_epsilon(result->objective,
	                               aa_test_search_objective(&problem, result), 1e-12);
}

static void
aa_search_baseline_infeasible_func(void)
{
	g_autoptr(GPtrArray) vms = aa_test_baseline_vms(TRUE);
	g_autoptr(GPtrArray) models = aa_test_models(vms);
	g_autoptr(AaSearchResult) result = NULL;
	g_autoptr(GError) error = NULL;
	AaProblem problem = {models, {4, 4, 4096, 10, 7}, 128, 1.0};

	/* C may not use E-cores: its 2 E-cores become 2 P-cores, 6 P in all */
	result = aa_search_run(&problem, AA_STRATEGY_EQUAL, &error);
	g_assert_no_error(error);
	g_assert_false(result->feasible);
	aa_test_assert_search_alloc(result, 2, 2, 0, 1280, 10);
	g_assert_nonnull(result->reason);
	g_assert_nonnull(strstr(result->reason, "needs 6 P-cores but only 4"));
	g_assert_cmpfloat_with_epsilon(result->objective,
	                               aa_test_search_objective(&problem, result), 1e-12);
}

static void
aa_search_infeasible_reason_func(void)
{
	g_autoptr(GPtrArray) vms = g_ptr_array_new_with_free_func((GDestroyNotify)aa_test_vm_free);
	g_autoptr(GPtrArray) models = NULL;
	g_autoptr(AaSearchResult) result = NULL;
	g_autoptr(GError) error = NULL;
	AaTestVm *rt0 = aa_test_vm_new("RT_VM0", AA_VM_CLASS_RTOS, 1.0, 256, 0);
	AaTestVm *rt1 = aa_test_vm_new("POST_RT_VM1", AA_VM_CLASS_RTOS, 1.0, 256, 0);
	AaTestVm *web = aa_test_vm_new("WEB", AA_VM_CLASS_WEB, 1.0, 256, 0);
	AaProblem problem = {NULL, {2, 2, 4096, 10, 7}, 128, 1.0};

	aa_test_vm_qos(rt0, "deadline-miss-ratio", FALSE, 0.0, 1.0, 0.0);
	aa_test_vm_qos(rt1, "deadline-miss-ratio", FALSE, 0.0, 1.0, 0.0);
	aa_test_vm_qos(web, "latency-ms", FALSE, 50, 1.0, 20);
	aa_test_vm_limit(rt1, AA_DIM_P_CORES, 2, -1);
	aa_test_vm_finish(rt0, FALSE);
	aa_test_vm_finish(rt1, FALSE);
	aa_test_vm_finish(web, FALSE);
	g_ptr_array_add(vms, rt0);
	g_ptr_array_add(vms, rt1);
	g_ptr_array_add(vms, web);
	models = aa_test_models(vms);
	problem.models = models;

	result = aa_search_run(&problem, AA_STRATEGY_OPTIMAL, &error);
	g_assert_no_error(error);
	g_assert_false(result->feasible);
	g_assert_false(result->optimal);
	g_assert_cmpstr(result->reason, ==,
	                "RT VM POST_RT_VM1 needs >= 2 P-cores (limits) but only 1 P-core is left "
	                "after the Service VM reserve and the other VMs' minimums (RT_VM0, WEB)");
}

static void
aa_search_strategy_names_func(void)
{
	AaStrategy s = AA_STRATEGY_OPTIMAL;
	g_assert_true(aa_strategy_from_string("proportional", &s));
	g_assert_cmpint(s, ==, AA_STRATEGY_PROPORTIONAL);
	g_assert_cmpstr(aa_strategy_to_string(AA_STRATEGY_EQUAL), ==, "equal");
	g_assert_false(aa_strategy_from_string("greedy", &s));
}

/* @unit > 0: the scores are lexicographic with that first-level step */
static AaSearchResult *
aa_test_solve(const AaTestInstance *inst, gdouble unit)
{
	g_autoptr(AaSearchTable) table = aa_search_table_new(&inst->cap, inst->quantum, inst->n);
	aa_search_table_set_levels(table, unit);
	for (guint i = 0; i < inst->n; i++) {
		for (guint j = 0; j < inst->cands[i]->len; j++) {
			const AaTestCandidate *c =
			    &g_array_index(inst->cands[i], AaTestCandidate, j);
			aa_search_table_add(table, i, &c->alloc, c->score);
		}
	}
	return aa_search_table_solve(table);
}

static void
aa_test_table_random(guint32 seed, AaTestScores style)
{
	g_autoptr(GRand) rand = g_rand_new_with_seed(seed);
	guint n_feasible = 0;
	for (guint round = 0; round < 400; round++) {
		AaTestInstance inst = {0};
		AaTestEnum en = {0};
		g_autoptr(AaSearchResult) result = NULL;

		aa_test_random_instance_styled(rand, &inst, style);
		/* targets-first scores: every other table says so, with the
		 * step of its first level, or a wrong one */
		result = aa_test_solve(&inst, style == AA_TEST_SCORES_LARGE && round % 2 == 0
		                                  ? (round % 4 == 0 ? inst.big : 0.75)
		                                  : 0.0);

		en.inst = &inst;
		en.best = -INFINITY;
		aa_test_enumerate(&en, 0, 0.0, 0, 0, 0, 0, 0, FALSE);
		if (en.best == -INFINITY) {
			g_assert_false(result->feasible);
			aa_test_instance_clear(&inst);
			continue;
		}
		n_feasible++;
		en.threshold = en.best - 1e-9;
		aa_test_enumerate(&en, 0, 0.0, 0, 0, 0, 0, 0, TRUE);
		g_assert_true(en.found);
		g_assert_true(result->feasible);
		g_assert_true(result->optimal);
		g_assert_cmpfloat(result->objective, ==, en.best);
		g_assert_cmpuint(result->allocs->len, ==, inst.n);
		for (guint i = 0; i < inst.n; i++) {
			const AaTestCandidate *c =
			    &g_array_index(inst.cands[i], AaTestCandidate, en.best_idx[i]);
			g_assert_cmpint(aa_test_alloc_cmp(
			                    &g_array_index(result->allocs, AaAlloc, i), &c->alloc),
			                ==, 0);
		}
		g_assert_cmpuint(result->nodes, >, 0);
		aa_test_instance_clear(&inst);
	}
	/* the generator must exercise the interesting case most of the time */
	g_assert_cmpuint(n_feasible, >, 200);
}

static void
aa_search_table_random_func(void)
{
	aa_test_table_random(20260101, AA_TEST_SCORES_SMALL);
}

/* scores as a targets-first objective scalarises them: 1e3 or 1e6 per
 * target met plus a fraction, exact ties everywhere, identical VMs */
static void
aa_search_table_large_scores_func(void)
{
	aa_test_table_random(777, AA_TEST_SCORES_LARGE);
}

static void
aa_search_table_dominance_func(void)
{
	AaCapacity cap = {4, 0, 1024, 0, 0};
	AaAlloc small = {1, 0, 128, 0};
	AaAlloc big = {2, 0, 256, 0};
	AaAlloc other = {3, 0, 128, 0};
	g_autoptr(AaSearchTable) table = aa_search_table_new(&cap, 128, 1);
	g_autoptr(AaSearchResult) result = NULL;

	/* big scores the same as small and uses more: dropped; other scores more */
	aa_search_table_add(table, 0, &big, 0.5);
	aa_search_table_add(table, 0, &small, 0.5);
	aa_search_table_add(table, 0, &other, 0.7);
	result = aa_search_table_solve(table);
	g_assert_cmpuint(aa_search_table_count(table, 0), ==, 2);
	g_assert_true(result->feasible);
	g_assert_cmpfloat(result->objective, ==, 0.7);
	g_assert_cmpint(g_array_index(result->allocs, AaAlloc, 0).p_cores, ==, 3);
}

static void
aa_search_table_ties_func(void)
{
	/* two VMs, two pCPUs: (2,1) and (1,2) score the same within 1e-9; the
	 * tie rule picks VM1 = 1 core even though (2,1) is better by 5e-10 */
	AaCapacity cap = {3, 0, 1024, 0, 0};
	AaAlloc one = {1, 0, 128, 0};
	AaAlloc two = {2, 0, 128, 0};
	g_autoptr(AaSearchTable) table = aa_search_table_new(&cap, 128, 2);
	g_autoptr(AaSearchResult) result = NULL;

	aa_search_table_add(table, 0, &one, 0.3);
	aa_search_table_add(table, 0, &two, 0.6 + 5e-10);
	aa_search_table_add(table, 1, &one, 0.3);
	aa_search_table_add(table, 1, &two, 0.6);
	result = aa_search_table_solve(table);
	g_assert_true(result->feasible);
	g_assert_cmpint(g_array_index(result->allocs, AaAlloc, 0).p_cores, ==, 1);
	g_assert_cmpint(g_array_index(result->allocs, AaAlloc, 1).p_cores, ==, 2);
	g_assert_cmpfloat_with_epsilon(result->objective, 0.9, 1e-12);
}

static void
aa_search_table_infeasible_func(void)
{
	AaCapacity cap = {1, 0, 1024, 0, 0};
	AaAlloc one = {1, 0, 128, 0};
	g_autoptr(AaSearchTable) table = aa_search_table_new(&cap, 128, 2);
	g_autoptr(AaSearchResult) result = NULL;

	aa_search_table_add(table, 0, &one, 1.0);
	aa_search_table_add(table, 1, &one, 1.0);
	result = aa_search_table_solve(table);
	g_assert_false(result->feasible);
	g_assert_false(result->optimal);
	g_assert_cmpint(aa_search_table_min_use(table, 1, AA_USE_P_CORES), ==, 1);
}

/* a random table of @n VMs with candidates up to 6 P, 6 E, 12 quanta, 3
 * slices, a third of them copies of the VM before */
static AaSearchTable *
aa_test_random_big_table(GRand *rand, guint n, AaTestScores style, gboolean depth_first)
{
	AaCapacity cap = {g_rand_int_range(rand, n, 2 * n), g_rand_int_range(rand, 0, n),
	                  128 * g_rand_int_range(rand, n, 3 * n), g_rand_int_range(rand, 0, 5),
	                  g_rand_int_range(rand, 0, 4)};
	AaSearchTable *table = aa_search_table_new(&cap, 128, n);
	gdouble big = 1e6;

	aa_search_table_set_depth_first(table, depth_first);
	for (guint i = 0; i < n; i++) {
		guint32 seed = g_rand_int(rand);
		/* a copy replays the previous VM's seed */
		g_autoptr(GRand) own = NULL;
		static guint32 last_seed;
		if (i > 0 && g_rand_int_range(rand, 0, 3) == 0)
			seed = last_seed;
		last_seed = seed;
		own = g_rand_new_with_seed(seed);
		for (gint64 p = 0; p <= 6; p++)
			for (gint64 e = 0; e <= 6; e++) {
				if ((p > 0 && e > 0) || p + e == 0)
					continue;
				for (gint64 m = 128; m <= 12 * 128; m += 128)
					for (gint64 g = 0; g <= 3; g++) {
						AaAlloc r = {p, e, m, g};
						gdouble score;
						if (g_rand_double(own) > 0.6)
							continue;
						score = style == AA_TEST_SCORES_SMALL
						            ? log1p((gdouble)(p + 0.6 * e)) +
						                  0.3 * log1p((gdouble)m / 512) +
						                  0.2 * g -
						                  0.01 * g_rand_int_range(own, 0, 3)
						            : aa_test_random_score(own, style, big);
						aa_search_table_add(table, i, &r, score);
					}
			}
	}
	return table;
}

/* beyond enumeration: the dynamic program and the memoised depth-first
 * search are independent exact methods and must agree to the bit */
static void
aa_search_table_dp_vs_dfs_func(void)
{
	g_autoptr(GRand) rand = g_rand_new_with_seed(99);
	guint n_feasible = 0;

	for (guint round = 0; round < 60; round++) {
		guint n = (guint)g_rand_int_range(rand, 5, 9);
		AaTestScores style = round % 2 == 0 ? AA_TEST_SCORES_SMALL : AA_TEST_SCORES_LARGE;
		guint32 seed = g_rand_int(rand);
		g_autoptr(GRand) r1 = g_rand_new_with_seed(seed);
		g_autoptr(GRand) r2 = g_rand_new_with_seed(seed);
		g_autoptr(AaSearchTable) dp = aa_test_random_big_table(r1, n, style, FALSE);
		g_autoptr(AaSearchTable) dfs = aa_test_random_big_table(r2, n, style, TRUE);
		g_autoptr(AaSearchResult) a = NULL;
		g_autoptr(AaSearchResult) b = NULL;

		/* the dynamic program with the bounds of two levels, the
		 * depth-first search with those of one */
		if (style == AA_TEST_SCORES_LARGE)
			aa_search_table_set_levels(dp, 1e6);
		a = aa_search_table_solve(dp);
		b = aa_search_table_solve(dfs);

		g_assert_cmpint(a->feasible, ==, b->feasible);
		if (!a->feasible)
			continue;
		n_feasible++;
		g_assert_true(a->optimal);
		g_assert_true(b->optimal);
		g_assert_cmpfloat(a->objective, ==, b->objective);
		for (guint i = 0; i < n; i++)
			g_assert_cmpint(aa_test_alloc_cmp(&g_array_index(a->allocs, AaAlloc, i),
			                                  &g_array_index(b->allocs, AaAlloc, i)),
			                ==, 0);
	}
	g_assert_cmpuint(n_feasible, >=, 30);
}

static gchar *
aa_test_hybrid32(void)
{
	return g_test_build_filename(G_TEST_DIST, "fixtures", "valid-board-hybrid32.xml", NULL);
}

static void
aa_test_assert_fits(const AaProblem *problem, AaSearchResult *result)
{
	gint64 used[5] = {0};
	gdouble sum = 0.0;
	for (guint i = 0; i < problem->models->len; i++) {
		AaVmModel *model = g_ptr_array_index(problem->models, i);
		const AaAlloc *r = &g_array_index(result->allocs, AaAlloc, i);
		g_assert_true(aa_vm_model_feasible(model, r));
		used[0] += r->p_cores;
		used[1] += r->e_cores;
		used[2] += r->memory_mib;
		used[3] += r->gpu_slices;
		used[4] += r->gpu_slices > 0 ? 1 : 0;
		sum += aa_vm_model_score(model, r, problem->lambda_scale);
	}
	g_assert_cmpint(used[0], <=, problem->capacity.p_cores);
	g_assert_cmpint(used[1], <=, problem->capacity.e_cores);
	g_assert_cmpint(used[2], <=, problem->capacity.memory_mib);
	g_assert_cmpint(used[3], <=, problem->capacity.gpu_slices);
	g_assert_cmpint(used[4], <=, problem->capacity.gpu_vfs);
	g_assert_cmpfloat(sum, ==, result->objective);
}

/* stopped at once, the search returns its incumbent with a gap that really
 * bounds the optimum; with room, the optimum itself */
static void
aa_search_time_limit_func(void)
{
	g_autofree gchar *board = aa_test_acrn_data("adl-asrock", "adl-asrock.xml");
	g_autoptr(GError) error = NULL;
	AaCapacity cap;
	g_autoptr(AaGenInstance) inst = NULL;
	g_autoptr(AaSearchResult) full = NULL;
	g_autoptr(AaSearchResult) cut = NULL;

	g_assert_true(aa_gen_board_capacity(board, &cap, &error));
	g_assert_no_error(error);
	/* over a thousand nodes: the first check of the clock stops it */
	inst = aa_gen_instance_new(AA_GEN_COPIES, 8, &cap, 64, 1);
	inst->problem.time_limit = 60;
	full = aa_search_run(&inst->problem, AA_STRATEGY_OPTIMAL, &error);
	g_assert_no_error(error);
	g_assert_true(full->feasible);
	g_assert_true(full->optimal);
	g_assert_false(full->timed_out);
	g_assert_cmpfloat(full->gap, ==, 0.0);

	inst->problem.time_limit = 1e-6;
	cut = aa_search_run(&inst->problem, AA_STRATEGY_OPTIMAL, &error);
	g_assert_no_error(error);
	g_assert_true(cut->timed_out);
	g_assert_false(cut->optimal);
	if (cut->feasible) {
		aa_test_assert_fits(&inst->problem, cut);
		g_assert_cmpfloat(cut->objective, <=, full->objective + 1e-9);
		g_assert_cmpfloat(cut->gap, >=, 0.0);
		g_assert_cmpfloat(cut->objective + cut->gap, >=, full->objective - 1e-9);
	} else {
		g_assert_nonnull(cut->reason);
	}
}

/* the instances that took minutes before the dynamic program, scaled to
 * seconds under the sanitizers: two copies of the same 4 VMs and several
 * near-identical VMs per class on the 32-pCPU hybrid fixture, a 64 MiB
 * quantum on adl-asrock; the two that took over a second under the robust
 * model (30 VMs, several per class or near-identical, 64 MiB, on hybrid32:
 * 169 480 and 134 281 nodes before its two levels were bounded apart), with
 * a bound on their nodes; the smaller ones cross-checked by the depth-first
 * search, the robust one on the whole table (no range tightened, one level) */
static void
aa_search_generated_hard_func(void)
{
	g_autofree gchar *hybrid = aa_test_hybrid32();
	g_autofree gchar *adl = aa_test_acrn_data("adl-asrock", "adl-asrock.xml");
	struct {
		gboolean on_hybrid;
		AaGenFamily family;
		guint n;
		guint quantum;
		AaModelKind kind;
		guint cross_check; /* 1: on the table solved, 2: on the whole table */
		guint64 max_nodes;
	} cases[] = {
	    {TRUE, AA_GEN_COPIES, 8, 128, AA_MODEL_KIND_PAPER, 0, 2000},
	    {FALSE, AA_GEN_NEAR, 8, 64, AA_MODEL_KIND_PAPER, 1, 5000},
	    {FALSE, AA_GEN_NEAR, 8, 64, AA_MODEL_KIND_ROBUST, 2, 5000},
	    {TRUE, AA_GEN_CLASSES, 30, 64, AA_MODEL_KIND_ROBUST, 0, 20000},
	    {TRUE, AA_GEN_NEAR, 30, 64, AA_MODEL_KIND_ROBUST, 0, 40000},
	};

	for (guint c = 0; c < G_N_ELEMENTS(cases); c++) {
		g_autoptr(GError) error = NULL;
		g_autoptr(AaGenInstance) inst = NULL;
		g_autoptr(AaSearchResult) result = NULL;
		g_autoptr(AaSearchResult) equal = NULL;
		AaCapacity cap;

		g_assert_true(
		    aa_gen_board_capacity(cases[c].on_hybrid ? hybrid : adl, &cap, &error));
		g_assert_no_error(error);
		inst = aa_gen_instance_new(cases[c].family, cases[c].n, &cap, cases[c].quantum, 1);
		aa_gen_instance_use_model(inst, cases[c].kind);
		result = aa_search_run(&inst->problem, AA_STRATEGY_OPTIMAL, &error);
		g_assert_no_error(error);
		g_assert_true(result->feasible);
		g_assert_true(result->optimal);
		g_assert_cmpuint(result->nodes, <=, cases[c].max_nodes);
		aa_test_assert_fits(&inst->problem, result);
		equal = aa_search_run(&inst->problem, AA_STRATEGY_EQUAL, &error);
		g_assert_no_error(error);
		if (equal->feasible)
			g_assert_cmpfloat(result->objective, >=, equal->objective);
		if (cases[c].cross_check > 0) {
			g_autoptr(AaSearchTable) table =
			    cases[c].cross_check == 1
			        ? aa_search_table_new_for_problem(&inst->problem)
			        : aa_search_table_new_whole(&inst->problem);
			g_autoptr(AaSearchResult) dfs = NULL;
			aa_search_table_set_depth_first(table, TRUE);
			dfs = aa_search_table_solve(table);
			g_assert_true(dfs->optimal);
			g_assert_cmpfloat(dfs->objective, ==, result->objective);
			for (guint i = 0; i < cases[c].n; i++)
				g_assert_cmpint(
				    aa_test_alloc_cmp(&g_array_index(result->allocs, AaAlloc, i),
				                      &g_array_index(dfs->allocs, AaAlloc, i)),
				    ==, 0);
		}
	}
}

/* recommend's --time-limit: a positive number of seconds; within it the
 * search is proven optimal and says so, without a gap */
static void
aa_search_recommend_time_limit_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *intent_fn = aa_test_fixture_path("valid-intent-rtos-p-cores.xml", NULL);
	g_autofree gchar *dir = g_dir_make_tmp("aa-search-XXXXXX", &error);
	g_autofree gchar *output = NULL;
	g_autofree gchar *xml = NULL;
	g_autofree gchar *text = NULL;
	g_autoptr(AaPluginContext) ctx = aa_test_context_acrn("adl-asrock", intent_fn);
	const gchar *bad[] = {"0", "-1", "abc", "1e999", ""};

	g_assert_no_error(error);
	output = g_build_filename(dir, "recommendation.xml", NULL);

	for (guint b = 0; b < G_N_ELEMENTS(bad); b++) {
		g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
		g_autoptr(GError) local = NULL;
		g_autofree gchar *none = NULL;
		g_hash_table_insert(options, (gpointer) "output", output);
		g_hash_table_insert(options, (gpointer) "time-limit", (gpointer)bad[b]);
		none = aa_recommend_run(ctx, options, &local);
		g_assert_null(none);
		g_assert_error(local, AA_ERROR, AA_ERROR_INVALID_ARGUMENT);
		g_assert_nonnull(strstr(local->message, "--time-limit"));
		g_assert_false(g_file_test(output, G_FILE_TEST_EXISTS));
	}
	{
		g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
		g_hash_table_insert(options, (gpointer) "output", output);
		g_hash_table_insert(options, (gpointer) "time-limit", (gpointer) "5");
		text = aa_recommend_run(ctx, options, &error);
	}
	g_assert_no_error(error);
	g_assert_nonnull(strstr(text, "proven optimal"));
	g_assert_true(g_file_get_contents(output, &xml, NULL, &error));
	g_assert_nonnull(strstr(xml, "optimal=\"true\""));
	g_assert_null(strstr(xml, " gap="));
	g_unlink(output);
	g_rmdir(dir);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/aa/search/table-random", aa_search_table_random_func);
	g_test_add_func("/aa/search/table-large-scores", aa_search_table_large_scores_func);
	g_test_add_func("/aa/search/table-dp-vs-dfs", aa_search_table_dp_vs_dfs_func);
	g_test_add_func("/aa/search/time-limit", aa_search_time_limit_func);
	g_test_add_func("/aa/search/generated-hard", aa_search_generated_hard_func);
	g_test_add_func("/aa/search/recommend-time-limit", aa_search_recommend_time_limit_func);
	g_test_add_func("/aa/search/model-random", aa_search_model_random_func);
	g_test_add_func("/aa/search/model-random-robust", aa_search_model_random_robust_func);
	aa_test_add_cases("/aa/search", aa_search_baselines, sizeof(AaSearchBaseline),
	                  G_N_ELEMENTS(aa_search_baselines), aa_search_baseline_func);
	g_test_add_func("/aa/search/baseline-infeasible", aa_search_baseline_infeasible_func);
	g_test_add_func("/aa/search/infeasible-reason", aa_search_infeasible_reason_func);
	g_test_add_func("/aa/search/strategy-names", aa_search_strategy_names_func);
	g_test_add_func("/aa/search/table-dominance", aa_search_table_dominance_func);
	g_test_add_func("/aa/search/table-ties", aa_search_table_ties_func);
	g_test_add_func("/aa/search/table-infeasible", aa_search_table_infeasible_func);
	return g_test_run();
}
