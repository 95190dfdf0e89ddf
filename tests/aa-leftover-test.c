/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Free capacity after the search (aa-leftover.c): the cockpit demo on the tiny
 * hybrid board with IVI's GPU saturated while profiled (fixtures/leftover/).
 */

#include "config.h"

#include <glib/gstdio.h>

#include "aa-capacity.h"
#include "aa-context-private.h"
#include "aa-error.h"
#include "aa-intent-private.h"
#include "aa-leftover.h"
#include "aa-model-private.h"
#include "aa-model-robust.h"
#include "aa-refine.h"
#include "aa-test-util.h"
#include "aa-xml.h"

/* the demo's scenario on the tiny board with fixtures/leftover/@name-intent.xml */
static AaPluginContext *
aa_leftover_test_context(const gchar *name)
{
	g_autofree gchar *intent = g_strdup_printf("leftover/%s-intent.xml", name);
	return aa_test_context_tiny("demo/cockpit-scenario.xml", intent);
}

/* recommend (as the host runs it) with @model; the summary, the file in @doc */
static gchar *
aa_leftover_test_recommend(AaPluginContext *ctx, const gchar *dir, const gchar *model, xmlDoc **doc)
{
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(GError) error = NULL;
	g_autofree gchar *out = g_build_filename(dir, "rec.xml", NULL);
	gchar *text;

	g_hash_table_insert(options, "output", out);
	if (model != NULL)
		g_hash_table_insert(options, "model", (gpointer)model);
	text = aa_refine_recommend(ctx, options, &error);
	g_assert_no_error(error);
	g_assert_nonnull(text);
	*doc = aa_test_load_xml(out);
	aa_test_assert_schema_valid(*doc, "recommendation.xsd");
	return text;
}

static gint64
aa_leftover_test_int(xmlDoc *doc, const gchar *expr)
{
	return (gint64)aa_test_xpath_double(doc, expr);
}

/* IVI misses fps as predicted and its GPU ran saturated: the slices no VM
 * holds after the search go to it (7 in all, with AI_ASSIST's 3 the board's
 * 10), the file says so and keeps the search's own objective, `plan`, which
 * validates what it writes, accepts the result, and the report explains it */
static void
aa_leftover_saturated_func(void)
{
	g_autoptr(AaPluginContext) ctx = aa_leftover_test_context("saturated-gpu-gets-free-slices");
	g_autoptr(AaTestDir) dir = aa_test_tmpdir("aa-leftover-XXXXXX");
	g_autofree gchar *plan = g_build_filename(dir, "plan", NULL);
	g_autofree gchar *intent =
	    aa_test_fixture_path("leftover", "saturated-gpu-gets-free-slices-intent.xml", NULL);
	g_autofree gchar *board = aa_test_fixture_path("valid-board-tiny-hybrid.xml", NULL);
	g_autofree gchar *scenario = aa_test_fixture_path("demo", "cockpit-scenario.xml", NULL);
	g_autofree gchar *out = NULL;
	g_autofree gchar *err = NULL;
	g_autofree gchar *text = NULL;
	g_autoptr(xmlDoc) doc = NULL;
	g_autofree gchar *given = NULL;
	gint64 added;
	gint64 slices;

	text = aa_leftover_test_recommend(ctx, dir, NULL, &doc);
	added = aa_leftover_test_int(doc, "number(/recommendation/vm[@name='IVI']/"
	                                  "free-capacity/@gpu-slices)");
	slices = aa_leftover_test_int(doc, "number(/recommendation/vm[@name='IVI']/"
	                                   "allocation/@gpu-slices)");
	given =
	    g_strdup_printf("free capacity given to IVI: +%" G_GINT64_FORMAT " GPU slices", added);
	aa_test_assert_contains(text, given, "its GPU ran saturated when profiled",
	                        "plus free capacity", "predicted miss: IVI fps", NULL);
	g_assert_cmpint(added, >=, 2);
	g_assert_cmpint(slices, ==, 7);
	aa_test_assert_xpath(doc, "string(/recommendation/vm[@name='IVI']/free-capacity/@censored)",
	                     "gpu");
	aa_test_assert_xpath(doc, "string(/recommendation/vm[@name='IVI']/free-capacity/@p-cores)",
	                     "0");
	/* every slice is held now, and no other VM was given anything */
	g_assert_cmpint(aa_leftover_test_int(doc, "sum(/recommendation/vm/allocation/@gpu-slices)"),
	                ==,
	                aa_leftover_test_int(doc, "number(/recommendation/capacity/@gpu-slices)"));
	g_assert_cmpint(aa_leftover_test_int(doc, "count(//free-capacity)"), ==, 1);
	/* the search's proven optimum is kept beside the written allocation's */
	g_assert_cmpfloat(
	    aa_test_xpath_double(doc, "number(/recommendation/search/@searched-objective)"), >,
	    aa_test_xpath_double(doc, "number(/recommendation/search/@objective)"));
	aa_test_assert_xpath(doc, "string(/recommendation/search/@optimal)", "true");

	/* plan refuses anything its validator calls an error: it accepts this */
	g_assert_cmpint(aa_test_host_run(&out, &err, "plan", "--board", board, "--scenario",
	                                 scenario, "--intent", intent, "-o", plan, NULL),
	                ==, 0);
	aa_test_assert_contains(out, given, NULL);
	/* and its report says what was added to the proven optimum, and why */
	{
		g_autofree gchar *html = aa_test_read_text(plan, "report.html");
		g_autofree gchar *got =
		    g_strdup_printf("IVI got +%" G_GINT64_FORMAT " GPU slices", added);
		aa_test_assert_contains(html, "The search proved its allocation optimal", got,
		                        "its GPU ran saturated", NULL);
	}
}

/* the same miss with the GPU half busy: nothing is censored, but a target is
 * predicted missed, so IVI gets free slices up to the equal split's share
 * (ceil(10 / 3) = 4), said as such; the paper model never gives anything */
static void
aa_leftover_kept_func(void)
{
	const struct {
		const gchar *intent;
		const gchar *model;
	} cases[] = {
	    {"half-busy-gpu-missed-gets-equal-share", NULL},
	    {"saturated-gpu-gets-free-slices", "paper"},
	};

	for (guint c = 0; c < G_N_ELEMENTS(cases); c++) {
		g_autoptr(AaPluginContext) ctx = aa_leftover_test_context(cases[c].intent);
		g_autoptr(AaTestDir) dir = aa_test_tmpdir("aa-leftover-XXXXXX");
		g_autoptr(xmlDoc) doc = NULL;
		g_autofree gchar *text = aa_leftover_test_recommend(ctx, dir, cases[c].model, &doc);

		aa_test_assert_contains(text, "predicted miss: IVI fps", NULL);
		if (cases[c].model == NULL) {
			aa_test_assert_contains(text, "free capacity given to IVI: +1 GPU slice (",
			                        "a target is predicted missed", NULL);
			aa_test_assert_lacks(text, "ran saturated", NULL);
			g_assert_cmpint(aa_leftover_test_int(doc, "count(//free-capacity)"), ==, 1);
			g_assert_cmpint(
			    aa_leftover_test_int(
			        doc, "count(//vm[@name='IVI']/free-capacity[@censored='none' and "
			             "@predicted-miss='true' and @gpu-slices=1])"),
			    ==, 1);
			g_assert_cmpint(
			    aa_leftover_test_int(
			        doc, "number(//vm[@name='IVI']/allocation/@gpu-slices)"),
			    ==, 4);
			continue;
		}
		aa_test_assert_lacks(text, "free capacity", NULL);
		g_assert_cmpint(aa_leftover_test_int(doc, "count(//free-capacity)"), ==, 0);
		g_assert_cmpint(
		    aa_leftover_test_int(doc, "count(/recommendation/search/@searched-objective)"),
		    ==, 0);
	}
}

/* the saturated intent's robust models and capacity, for aa_leftover_give() */
typedef struct {
	AaPluginContext *ctx;
	AaCapacityInfo *cap;
	GPtrArray *models;
	AaProblem problem;
} AaLeftoverProblem;

static void
aa_leftover_problem_init(AaLeftoverProblem *self, const gchar *intent)
{
	g_autoptr(GError) error = NULL;
	AaModelOptions options;

	self->ctx = aa_leftover_test_context(intent);
	self->cap =
	    aa_capacity_compute(self->ctx->board, self->ctx->scenario, self->ctx->intent, &error);
	g_assert_no_error(error);
	aa_model_options_from_intent(&options, self->ctx->intent);
	g_assert_cmpint(options.kind, ==, AA_MODEL_KIND_ROBUST);
	self->models = g_ptr_array_new_with_free_func((GDestroyNotify)aa_vm_model_free);
	for (guint i = 0; i < self->ctx->intent->vms->len; i++) {
		AaIntentVm *vm = g_ptr_array_index(self->ctx->intent->vms, i);
		AaVmModel *model = aa_vm_model_new_full(
		    vm, aa_capacity_vm_is_rt(self->ctx->scenario, vm), &options, &error);
		g_assert_no_error(error);
		g_ptr_array_add(self->models, model);
	}
	self->problem.models = self->models;
	self->problem.capacity = self->cap->capacity;
	self->problem.memory_quantum_mib = self->ctx->intent->memory_quantum_mib;
	self->problem.lambda_scale = 1.0;
	aa_vm_models_set_target_scale(self->models, 1.0);
}

static void
aa_leftover_problem_clear(AaLeftoverProblem *self)
{
	g_clear_pointer(&self->models, g_ptr_array_unref);
	g_clear_pointer(&self->cap, aa_capacity_info_free);
	g_clear_pointer(&self->ctx, aa_context_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(AaLeftoverProblem, aa_leftover_problem_clear)

/* RT_CLUSTER, IVI, AI_ASSIST in intent order */
static GArray *
aa_leftover_allocs(const AaAlloc *rt, const AaAlloc *ivi, const AaAlloc *ai)
{
	GArray *allocs = g_array_new(FALSE, FALSE, sizeof(AaAlloc));
	g_array_append_val(allocs, *rt);
	g_array_append_val(allocs, *ivi);
	g_array_append_val(allocs, *ai);
	return allocs;
}

/* IVI's targets met by a wide margin: fps 30 and a frame time of 60 ms */
static void
aa_leftover_ivi_met(AaLeftoverProblem *lp)
{
	AaIntentVm *vm = g_ptr_array_index(lp->ctx->intent->vms, 1);

	for (guint j = 0; j < vm->qos->len; j++) {
		AaQosTarget *qos = g_ptr_array_index(vm->qos, j);
		qos->target = qos->higher_is_better ? 30.0 : 60.0;
	}
}

/* aa_leftover_give() on RT_CLUSTER 1 P-core, 512 MiB; IVI @ivi; AI_ASSIST 4
 * E-cores, 6400 MiB, 3 slices: the allocations after it, the gifts in @given */
static GArray *
aa_leftover_give_ivi(AaLeftoverProblem *lp, const AaAlloc *ivi, GArray **given)
{
	const AaAlloc rt = {1, 0, 512, 0};
	const AaAlloc ai = {0, 4, 6400, 3};
	GArray *allocs = aa_leftover_allocs(&rt, ivi, &ai);

	*given = aa_leftover_give(&lp->problem, allocs);
	return allocs;
}

/* aa_leftover_give() for a miss on a resource that is not censored: IVI's GPU
 * half busy, fps predicted missed: slices up to the equal split's share of
 * the board's slices, and none once IVI's targets are predicted met; a
 * censored resource keeps having no such ceiling (/aa/leftover/rules) */
static void
aa_leftover_predicted_miss_func(void)
{
	const struct {
		const gchar *what;
		gint64 slices;     /* the board's slices */
		gboolean ivi_met;  /* IVI's targets moved within reach */
		gint64 want_added; /* slices IVI is given */
	} cases[] = {
	    {"10 slices, 3 VMs: up to 4", 10, FALSE, 1},
	    {"12 slices: up to 4 (exactly a third)", 12, FALSE, 1},
	    {"13 slices: up to 5", 13, FALSE, 2},
	    {"every target predicted met: nothing", 13, TRUE, 0},
	};

	for (guint c = 0; c < G_N_ELEMENTS(cases); c++) {
		g_auto(AaLeftoverProblem) lp = {NULL};
		g_autoptr(GArray) allocs = NULL;
		g_autoptr(GArray) given = NULL;
		const AaAlloc ivi = {5, 0, 5120, 3};
		const AaVmModel *model;

		g_test_message("%s", cases[c].what);
		aa_leftover_problem_init(&lp, "half-busy-gpu-missed-gets-equal-share");
		model = g_ptr_array_index(lp.models, 1);
		g_assert_false(aa_vm_model_censored(model, AA_RESOURCE_GPU));
		g_assert_cmpfloat(model->r_prof[AA_RESOURCE_GPU], >, 0.0);
		if (cases[c].ivi_met)
			aa_leftover_ivi_met(&lp);
		lp.problem.capacity.gpu_slices = cases[c].slices;
		allocs = aa_leftover_give_ivi(&lp, &ivi, &given);
		g_assert_cmpint(g_array_index(allocs, AaAlloc, 1).gpu_slices - ivi.gpu_slices, ==,
		                cases[c].want_added);
		/* IVI's 5 P-cores are above the share of 7 already */
		g_assert_cmpint(g_array_index(allocs, AaAlloc, 1).p_cores, ==, ivi.p_cores);
		for (guint g = 0; g < given->len; g++) {
			const AaLeftover *gift = &g_array_index(given, AaLeftover, g);
			if (gift->vm != 1)
				continue;
			g_assert_false(gift->gpu);
			g_assert_false(gift->cpu);
			g_assert_true(gift->missed == (cases[c].want_added > 0));
		}
	}
}

/* AI_ASSIST runs on 4 E-cores; with a target predicted missed it moves to the
 * fewest P-cores no VM holds that beat them (floor(0.6 x 4) + 1 = 3), its
 * E-cores given back; not without free P-cores, nor with its targets met */
static void
aa_leftover_to_p_cores_func(void)
{
	const struct {
		const gchar *what;
		gdouble tokens; /* AI_ASSIST's tokens-per-s target */
		AaAlloc ivi;
		AaAlloc want_ai;
	} cases[] = {
	    {"a miss, 4 P-cores free: 3 P-cores", 1000.0, {2, 0, 5120, 4}, {3, 0, 6400, 3}},
	    {"a miss, 2 P-cores free: stays", 1000.0, {4, 0, 5120, 4}, {0, 4, 6400, 3}},
	    {"targets met: stays", 1.0, {2, 0, 5120, 4}, {0, 4, 6400, 3}},
	};

	for (guint c = 0; c < G_N_ELEMENTS(cases); c++) {
		g_auto(AaLeftoverProblem) lp = {NULL};
		g_autoptr(GArray) allocs = NULL;
		g_autoptr(GArray) given = NULL;
		AaIntentVm *ai;
		const AaAlloc *after;
		gboolean moved = cases[c].want_ai.p_cores > 0;

		g_test_message("%s", cases[c].what);
		aa_leftover_problem_init(&lp, "half-busy-gpu-missed-gets-equal-share");
		ai = g_ptr_array_index(lp.ctx->intent->vms, 2);
		g_assert_cmpstr(ai->name, ==, "AI_ASSIST");
		for (guint j = 0; j < ai->qos->len; j++) {
			AaQosTarget *qos = g_ptr_array_index(ai->qos, j);
			if (qos->higher_is_better)
				qos->target = cases[c].tokens;
			else
				qos->target = 1e6;
		}
		allocs = aa_leftover_give_ivi(&lp, &cases[c].ivi, &given);
		after = &g_array_index(allocs, AaAlloc, 2);
		g_assert_cmpint(after->p_cores, ==, cases[c].want_ai.p_cores);
		g_assert_cmpint(after->e_cores, ==, cases[c].want_ai.e_cores);
		g_assert_true(aa_vm_model_feasible(g_ptr_array_index(lp.models, 2), after));
		for (guint g = 0; g < given->len; g++) {
			const AaLeftover *gift = &g_array_index(given, AaLeftover, g);
			if (gift->vm != 2)
				continue;
			g_assert_cmpint(gift->e_cores_returned, ==, moved ? 4 : 0);
			g_assert_cmpint(gift->added.e_cores, ==, 0);
			if (moved)
				g_assert_cmpint(gift->added.p_cores, ==, 3);
		}
	}
}

/* the rules of the gift, one at a time, on allocations chosen by hand */
static void
aa_leftover_rules_func(void)
{
	g_auto(AaLeftoverProblem) lp = {NULL};
	const AaAlloc rt = {1, 0, 512, 0};
	const AaAlloc ai = {0, 4, 6400, 3};
	const struct {
		const gchar *what;
		AaAlloc ivi;
		gint64 gpu_slices; /* the board's slices for the case */
		gint64 gpu_vfs;
		gint64 ivi_max;    /* IVI's <gpu-slices max>, 0: the fixture's 8 */
		gint64 want_added; /* slices IVI is given */
	} cases[] = {
	    {"the profiled 4 P-cores: every free slice", {4, 0, 5120, 4}, 10, 4, 0, 3},
	    {"more P-cores than profiled: the same", {6, 0, 5120, 4}, 10, 4, 0, 3},
	    /* IVI ran 2.7 P-cores busy on 4, sized to 3 */
	    {"fewer P-cores than profiled, its sized CPU demand: every free slice",
	     {3, 0, 5120, 4},
	     10,
	     4,
	     0,
	     3},
	    {"fewer P-cores than its sized CPU demand: the GPU may not bind there",
	     {2, 0, 5120, 4},
	     10,
	     4,
	     0,
	     0},
	    {"IVI's limit of 5 slices caps the gift", {4, 0, 5120, 4}, 10, 4, 5, 1},
	    {"no slice free: nothing", {4, 0, 5120, 4}, 7, 4, 0, 0},
	    /* (a VM whose GPU ran saturated has slices: r_min is above 0) */
	};

	aa_leftover_problem_init(&lp, "saturated-gpu-gets-free-slices");
	for (guint c = 0; c < G_N_ELEMENTS(cases); c++) {
		AaIntentVm *ivi = g_ptr_array_index(lp.ctx->intent->vms, 1);
		AaVmModel *model = g_ptr_array_index(lp.models, 1);
		g_autoptr(GArray) allocs = aa_leftover_allocs(&rt, &cases[c].ivi, &ai);
		g_autoptr(GArray) given = NULL;
		AaLimit saved = ivi->limits[AA_DIM_GPU_SLICES];
		AaAlloc after;

		g_test_message("%s", cases[c].what);
		g_assert_cmpstr(ivi->name, ==, "IVI");
		lp.problem.capacity.gpu_slices = cases[c].gpu_slices;
		lp.problem.capacity.gpu_vfs = cases[c].gpu_vfs;
		/* every P-core held: only the GPU can be given */
		lp.problem.capacity.p_cores = rt.p_cores + cases[c].ivi.p_cores;
		if (cases[c].ivi_max > 0) {
			ivi->limits[AA_DIM_GPU_SLICES].has_max = TRUE;
			ivi->limits[AA_DIM_GPU_SLICES].max = cases[c].ivi_max;
		}
		g_assert_cmpstr(aa_feasibility_rule_describe(
		                    aa_feasibility_check(&model->feasibility, &cases[c].ivi)),
		                ==, aa_feasibility_rule_describe(AA_FEASIBILITY_OK));
		given = aa_leftover_give(&lp.problem, allocs);
		after = g_array_index(allocs, AaAlloc, 1);
		ivi->limits[AA_DIM_GPU_SLICES] = saved;

		g_assert_cmpint(after.gpu_slices - cases[c].ivi.gpu_slices, ==,
		                cases[c].want_added);
		/* only IVI's GPU changes, and F_i holds */
		g_assert_cmpint(after.p_cores, ==, cases[c].ivi.p_cores);
		g_assert_cmpint(after.e_cores, ==, cases[c].ivi.e_cores);
		g_assert_cmpint(after.memory_mib, ==, cases[c].ivi.memory_mib);
		g_assert_true(memcmp(&g_array_index(allocs, AaAlloc, 0), &rt, sizeof(rt)) == 0);
		g_assert_true(memcmp(&g_array_index(allocs, AaAlloc, 2), &ai, sizeof(ai)) == 0);
		g_assert_true(aa_vm_model_feasible(model, &after));
		if (cases[c].want_added == 0) {
			g_assert_cmpuint(given->len, ==, 0);
			continue;
		}
		g_assert_cmpuint(given->len, ==, 1);
		g_assert_cmpuint(g_array_index(given, AaLeftover, 0).vm, ==, 1);
		g_assert_cmpint(g_array_index(given, AaLeftover, 0).added.gpu_slices, ==,
		                cases[c].want_added);
		g_assert_true(g_array_index(given, AaLeftover, 0).gpu);
		g_assert_false(g_array_index(given, AaLeftover, 0).cpu);
		g_assert_cmpint(g_array_index(given, AaLeftover, 0).before.gpu_slices, ==,
		                cases[c].ivi.gpu_slices);
	}
}

/* memory no VM holds: each VM with a sampled working set is raised, a quantum
 * per round, up to the equal split's share (capacity / 3 VMs, floored to the
 * 256 MiB quantum) and its own limit, the VM with a predicted miss first; a
 * VM at or above the share keeps what it has (on main memory was never
 * given) */
static void
aa_leftover_memory_func(void)
{
	const AaAlloc rt = {1, 0, 512, 0};
	const AaAlloc ivi = {4, 0, 3072, 4};
	const AaAlloc ai = {0, 4, 6400, 3};
	const struct {
		const gchar *what;
		gint64 memory_mib; /* the capacity */
		gint64 want_rt;    /* memory each VM ends with */
		gint64 want_ivi;
	} cases[] = {
	    /* share 15360 / 3 = 5120: IVI to the share, RT_CLUSTER to its max 2048 */
	    {"plenty free: each up to the share or its limit", 15360, 2048, 5120},
	    /* share 10240 / 3 -> 3328; one quantum free: IVI misses fps, it goes first */
	    {"one quantum free: the VM with a miss gets it", 10240, 512, 3328},
	    /* share 10240 / 3 -> 3328; nothing free */
	    {"nothing free: nothing", 9984, 512, 3072},
	};

	for (guint c = 0; c < G_N_ELEMENTS(cases); c++) {
		g_auto(AaLeftoverProblem) lp = {NULL};
		g_autoptr(GArray) allocs = NULL;
		g_autoptr(GArray) given = NULL;
		gint64 used = 0;

		g_test_message("%s", cases[c].what);
		aa_leftover_problem_init(&lp, "saturated-gpu-gets-free-slices");
		/* every slice held: only memory can be given */
		lp.problem.capacity.gpu_slices = 7;
		lp.problem.capacity.memory_mib = cases[c].memory_mib;
		allocs = aa_leftover_allocs(&rt, &ivi, &ai);
		given = aa_leftover_give(&lp.problem, allocs);

		g_assert_cmpint(g_array_index(allocs, AaAlloc, 0).memory_mib, ==, cases[c].want_rt);
		g_assert_cmpint(g_array_index(allocs, AaAlloc, 1).memory_mib, ==,
		                cases[c].want_ivi);
		g_assert_cmpint(g_array_index(allocs, AaAlloc, 2).memory_mib, ==, ai.memory_mib);
		for (guint i = 0; i < allocs->len; i++) {
			const AaAlloc *r = &g_array_index(allocs, AaAlloc, i);
			used += r->memory_mib;
			g_assert_true(aa_vm_model_feasible(g_ptr_array_index(lp.models, i), r));
		}
		g_assert_cmpint(used, <=, cases[c].memory_mib);
		for (guint g = 0; g < given->len; g++) {
			const AaLeftover *gift = &g_array_index(given, AaLeftover, g);
			g_assert_true(gift->memory);
			g_assert_false(gift->cpu || gift->gpu);
			g_assert_cmpint(gift->added.memory_mib, ==,
			                g_array_index(allocs, AaAlloc, gift->vm).memory_mib -
			                    gift->before.memory_mib);
			g_assert_cmpint(gift->added.p_cores + gift->added.e_cores +
			                    gift->added.gpu_slices,
			                ==, 0);
		}
		g_assert_cmpuint(given->len, ==,
		                 (cases[c].want_rt > rt.memory_mib ? 1u : 0u) +
		                     (cases[c].want_ivi > ivi.memory_mib ? 1u : 0u));
	}
}

/* censored cores and slices without a predicted miss, and beside an unused
 * resource (on main both kept the search's allocation):
 * - IVI's GPU ran saturated and its targets are met by a wide margin: the 3
 *   free slices still go to it, as its GPU demand is unmeasured whatever the
 *   model predicts above the profiled slices;
 * - IVI's CPU ran saturated on 2 P-cores beside a GPU slice it never used:
 *   the free P-cores go to it without a slice (7 P-cores, RT_CLUSTER holds 1,
 *   IVI's max is 6), as the GPU is not what made the CPU bind */
static void
aa_leftover_censored_func(void)
{
	const struct {
		const gchar *intent;
		AaAlloc ivi;
		gboolean met;
		AaAlloc want;
		gboolean cpu;
	} cases[] = {
	    {"saturated-gpu-gets-free-slices", {4, 0, 5120, 4}, TRUE, {4, 0, 5120, 7}, FALSE},
	    {"saturated-cpu-idle-slice-gets-cores", {2, 0, 5120, 0}, FALSE, {6, 0, 5120, 0}, TRUE},
	};

	for (guint c = 0; c < G_N_ELEMENTS(cases); c++) {
		g_auto(AaLeftoverProblem) lp = {NULL};
		g_autoptr(GArray) allocs = NULL;
		g_autoptr(GArray) given = NULL;
		const AaLeftover *gift;
		AaVmModel *model;

		g_test_message("%s", cases[c].intent);
		aa_leftover_problem_init(&lp, cases[c].intent);
		model = g_ptr_array_index(lp.models, 1);
		g_assert_true(
		    aa_vm_model_censored(model, cases[c].cpu ? AA_RESOURCE_CPU : AA_RESOURCE_GPU));
		g_assert_false(
		    aa_vm_model_censored(model, cases[c].cpu ? AA_RESOURCE_GPU : AA_RESOURCE_CPU));
		if (cases[c].met)
			aa_leftover_ivi_met(&lp);
		allocs = aa_leftover_give_ivi(&lp, &cases[c].ivi, &given);
		g_assert_cmpuint(given->len, ==, 1);
		gift = &g_array_index(given, AaLeftover, 0);
		g_assert_cmpuint(gift->vm, ==, 1);
		g_assert_true(gift->cpu == cases[c].cpu && gift->gpu == !cases[c].cpu);
		g_assert_false(gift->memory);
		g_assert_true(memcmp(&g_array_index(allocs, AaAlloc, 1), &cases[c].want,
		                     sizeof(AaAlloc)) == 0);
		g_assert_true(aa_vm_model_feasible(model, &g_array_index(allocs, AaAlloc, 1)));
	}
}

/* an RT VM whose dedicated P-cores ran 100 % busy while profiled (an RTOS
 * polling in its idle loop) gets no cores: its task set decides them.  IVI,
 * censored the same way, gets every free P-core, as without the RT VM's trace */
static void
aa_leftover_rt_polling_func(void)
{
	g_auto(AaLeftoverProblem) lp = {NULL};
	g_autoptr(GArray) allocs = NULL;
	g_autoptr(GArray) given = NULL;
	const AaAlloc ivi = {2, 0, 5120, 0};
	const AaAlloc ivi_want = {6, 0, 5120, 0};
	const AaVmModel *rt;

	aa_leftover_problem_init(&lp, "polling-rt-gets-no-cores");
	rt = g_ptr_array_index(lp.models, 0);
	g_assert_true(rt->rt);
	g_assert_true(aa_vm_model_censored(rt, AA_RESOURCE_CPU));
	allocs = aa_leftover_give_ivi(&lp, &ivi, &given);
	g_assert_cmpint(g_array_index(allocs, AaAlloc, 0).p_cores, ==, 1);
	g_assert_cmpint(g_array_index(allocs, AaAlloc, 0).e_cores, ==, 0);
	g_assert_true(memcmp(&g_array_index(allocs, AaAlloc, 1), &ivi_want, sizeof(AaAlloc)) == 0);
	for (guint g = 0; g < given->len; g++)
		g_assert_false(g_array_index(given, AaLeftover, g).vm == 0 &&
		               g_array_index(given, AaLeftover, g).cpu);
}

/* the ceiling of a memory gift: the equal split's share for a VM with a
 * target predicted missed, the memory its QoS was measured with (its
 * profile's allocation) within that share once every target is predicted met
 * (IVI's profile ran on 6144 MiB; RT_CLUSTER's on 2048, also its limit;
 * AI_ASSIST's on 8192, above the share) */
static void
aa_leftover_memory_ceiling_func(void)
{
	const AaAlloc ivi = {4, 0, 5120, 4};
	const struct {
		const gchar *what;
		gboolean ivi_met;
		gint64 want_ivi;
	} cases[] = {
	    {"IVI misses fps: up to the share, 21504 / 3", FALSE, 7168},
	    {"IVI meets both targets: up to its profiled 6144 MiB", TRUE, 6144},
	};

	for (guint c = 0; c < G_N_ELEMENTS(cases); c++) {
		g_auto(AaLeftoverProblem) lp = {NULL};
		g_autoptr(GArray) allocs = NULL;
		g_autoptr(GArray) given = NULL;

		g_test_message("%s", cases[c].what);
		aa_leftover_problem_init(&lp, "saturated-gpu-gets-free-slices");
		if (cases[c].ivi_met)
			aa_leftover_ivi_met(&lp);
		lp.problem.capacity.gpu_slices = 7;
		lp.problem.capacity.memory_mib = 21504;
		allocs = aa_leftover_give_ivi(&lp, &ivi, &given);
		g_assert_cmpint(g_array_index(allocs, AaAlloc, 0).memory_mib, ==, 2048);
		g_assert_cmpint(g_array_index(allocs, AaAlloc, 1).memory_mib, ==,
		                cases[c].want_ivi);
		g_assert_cmpint(g_array_index(allocs, AaAlloc, 2).memory_mib, ==, 7168);
		g_assert_cmpuint(given->len, ==, 3);
	}
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	aa_xml_init();
	g_test_add_func("/aa/leftover/saturated", aa_leftover_saturated_func);
	g_test_add_func("/aa/leftover/kept", aa_leftover_kept_func);
	g_test_add_func("/aa/leftover/predicted-miss", aa_leftover_predicted_miss_func);
	g_test_add_func("/aa/leftover/to-p-cores", aa_leftover_to_p_cores_func);
	g_test_add_func("/aa/leftover/rules", aa_leftover_rules_func);
	g_test_add_func("/aa/leftover/memory", aa_leftover_memory_func);
	g_test_add_func("/aa/leftover/memory-ceiling", aa_leftover_memory_ceiling_func);
	g_test_add_func("/aa/leftover/censored", aa_leftover_censored_func);
	g_test_add_func("/aa/leftover/rt-polling", aa_leftover_rt_polling_func);
	return g_test_run();
}
