/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The trials reader and the refinement loop on the cockpit demo: a small
 * true world whose curves are not the paper's form (a memory cliff, Amdahl
 * CPU scaling, slow E-cores, GPU knees) is measured at each allocation
 * refine proposes, until a run meets every target.
 */

#include "config.h"

#include <math.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "aa-context-private.h"
#include "aa-error.h"
#include "aa-intent-private.h"
#include "aa-model-private.h"
#include "aa-model-robust.h"
#include "aa-refine.h"
#include "aa-test-util.h"
#include "aa-xml.h"

typedef struct {
	AaPluginContext *ctx;
	gchar *dir;
} AaRefineFixture;

static void
aa_refine_fixture_setup(AaRefineFixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *board =
	    g_test_build_filename(G_TEST_DIST, "fixtures", "valid-board-tiny-hybrid.xml", NULL);
	g_autofree gchar *scenario =
	    g_test_build_filename(G_TEST_DIST, "fixtures", "demo", "cockpit-scenario.xml", NULL);
	g_autofree gchar *intent =
	    g_test_build_filename(G_TEST_DIST, "fixtures", "demo", "cockpit-intent.xml", NULL);
	g_autofree gchar *schema = g_test_build_filename(G_TEST_DIST, "schema", NULL);
	g_autofree gchar *root = g_test_build_filename(G_TEST_DIST, ".", NULL);
	AaBoard *b = aa_board_new();
	AaScenario *s = aa_scenario_new();
	AaIntent *i = aa_intent_new();

	(void)data;
	aa_xml_init();
	fx->ctx = aa_context_new(root, &error);
	g_assert_no_error(error);
	g_assert_true(aa_board_load(b, board, &error));
	g_assert_true(aa_scenario_load(s, scenario, &error));
	fx->ctx->board = b;
	fx->ctx->scenario = s;
	g_assert_true(aa_intent_load(i, intent, schema, s, &error));
	g_assert_no_error(error);
	fx->ctx->intent = i;
	fx->dir = g_dir_make_tmp("aa-refine-test-XXXXXX", &error);
	g_assert_no_error(error);
}

static void
aa_refine_fixture_teardown(AaRefineFixture *fx, gconstpointer data)
{
	(void)data;
	aa_context_free(fx->ctx);
	aa_test_rm_rf(fx->dir);
	g_free(fx->dir);
}

static gchar *
aa_refine_test_trials(const gchar *name)
{
	return g_test_build_filename(G_TEST_DIST, "fixtures", "trials", name, NULL);
}

static void
aa_refine_trials_valid_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *fn = aa_refine_test_trials("valid-trials-two-runs.csv");
	g_autoptr(AaTrials) trials = aa_trials_load(fn, &error);
	const AaTrialRow *last;

	g_assert_no_error(error);
	g_assert_cmpuint(trials->rows->len, ==, 10);
	g_assert_cmpuint(trials->n_runs, ==, 2);
	last = g_ptr_array_index(trials->rows, 9);
	g_assert_cmpstr(last->vm, ==, "AI_ASSIST");
	g_assert_cmpuint(last->run, ==, 1);
	g_assert_cmpfloat(last->point.value, ==, 290.0);
	g_assert_cmpint(last->point.line, ==, 12);
}

static void
aa_refine_trials_invalid_func(gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *fn = aa_refine_test_trials(data);
	g_autoptr(AaTrials) trials = aa_trials_load(fn, &error);

	g_assert_null(trials);
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_DATA);
	/* the message names the file */
	g_assert_nonnull(strstr(error->message, (const gchar *)data));
}

/* the demo's true world: not the paper's form */
static gdouble
aa_refine_test_amdahl(gdouble serial, gdouble x)
{
	return x <= 0.0 ? 0.0 : 1.0 / (serial + (1.0 - serial) / x);
}

static gdouble
aa_refine_test_truth(const gchar *vm, const gchar *metric, const AaAlloc *r)
{
	gdouble x = r->p_cores + 0.5 * r->e_cores;
	gdouble f;

	if (g_strcmp0(vm, "RT_CLUSTER") == 0)
		return r->p_cores >= 1 ? 0.0 : 1.0;
	if (g_strcmp0(vm, "IVI") == 0) {
		f = aa_refine_test_amdahl(0.2, x) / aa_refine_test_amdahl(0.2, 6.0);
		f *= r->memory_mib >= 4400 ? 1.0 : 0.3 * r->memory_mib / 4400.0;
		f *= MIN(1.0, r->gpu_slices / 5.0);
		return g_strcmp0(metric, "fps") == 0 ? 62.0 * f : 14.0 / MAX(f, 1e-9);
	}
	f = aa_refine_test_amdahl(0.1, x) / aa_refine_test_amdahl(0.1, 2.0);
	f *= r->memory_mib >= 6000 ? 1.0 : 0.3 * r->memory_mib / 6000.0;
	f *= MIN(1.0, r->gpu_slices / 3.0);
	return g_strcmp0(metric, "tokens-per-s") == 0 ? 21.0 * f : 240.0 / MAX(f, 1e-9);
}

/* reads status and allocations of a refined recommendation */
static gchar *
aa_refine_test_read(const gchar *fn, GArray *allocs)
{
	g_autoptr(GError) error = NULL;
	xmlDoc *doc = aa_xml_load_file(fn, &error);
	gchar *status = NULL;

	g_assert_no_error(error);
	g_array_set_size(allocs, 0);
	for (xmlNode *n = xmlDocGetRootElement(doc)->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (g_strcmp0((const gchar *)n->name, "refine") == 0)
			status = aa_xml_prop(n, "status");
		if (g_strcmp0((const gchar *)n->name, "vm") == 0) {
			xmlNode *a = aa_xml_child(n, "allocation");
			g_autofree gchar *p = aa_xml_prop(a, "p-cores");
			g_autofree gchar *e = aa_xml_prop(a, "e-cores");
			g_autofree gchar *m = aa_xml_prop(a, "memory-mib");
			g_autofree gchar *g = aa_xml_prop(a, "gpu-slices");
			AaAlloc r = {g_ascii_strtoll(p, NULL, 10), g_ascii_strtoll(e, NULL, 10),
			             g_ascii_strtoll(m, NULL, 10), g_ascii_strtoll(g, NULL, 10)};
			g_array_append_val(allocs, r);
		}
	}
	xmlFreeDoc(doc);
	return status;
}

static gchar *
aa_refine_test_run(AaRefineFixture *fx, const gchar *trials, const gchar *output, GError **error)
{
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);

	g_hash_table_insert(options, "trials", (gpointer)trials);
	g_hash_table_insert(options, "output", (gpointer)output);
	return aa_refine_run(fx->ctx, options, error);
}

/* two outputs of the same inputs are identical but for the search time */
static void
aa_refine_test_assert_same(const gchar *fn, const gchar *fn_again)
{
	g_autoptr(GRegex) seconds = g_regex_new(" seconds=\"[^\"]*\"", 0, 0, NULL);
	g_autofree gchar *file = NULL;
	g_autofree gchar *file_again = NULL;
	g_autofree gchar *a = NULL;
	g_autofree gchar *b = NULL;

	g_assert_true(g_file_get_contents(fn, &file, NULL, NULL));
	g_assert_true(g_file_get_contents(fn_again, &file_again, NULL, NULL));
	a = g_regex_replace_literal(seconds, file, -1, 0, "", 0, NULL);
	b = g_regex_replace_literal(seconds, file_again, -1, 0, "", 0, NULL);
	g_assert_cmpstr(a, ==, b);
}

/* the loop: recommend, measure, refine, ... until a run meets every target */
static void
aa_refine_loop_converges_func(AaRefineFixture *fx, gconstpointer data)
{
	const gchar *names[] = {"RT_CLUSTER", "IVI", "AI_ASSIST"};
	g_autoptr(GString) trials =
	    g_string_new("vm,p_cores,e_cores,memory_mib,gpu_slices,metric,value\n");
	g_autoptr(GArray) allocs = g_array_new(FALSE, FALSE, sizeof(AaAlloc));
	g_autoptr(GArray) history = g_array_new(FALSE, FALSE, sizeof(AaAlloc));
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
	g_autofree gchar *tfn = g_build_filename(fx->dir, "trials.csv", NULL);
	g_autofree gchar *rfn = g_build_filename(fx->dir, "rec.xml", NULL);
	g_autofree gchar *again = g_build_filename(fx->dir, "again.xml", NULL);
	g_autoptr(GError) error = NULL;
	g_autofree gchar *text = NULL;
	guint run;
	gboolean met = FALSE;

	(void)data;
	g_hash_table_insert(options, "output", rfn);
	text = aa_refine_recommend(fx->ctx, options, &error);
	g_assert_no_error(error);
	g_free(aa_refine_test_read(rfn, allocs));
	g_assert_cmpuint(allocs->len, ==, 3);

	for (run = 1; run <= 8 && !met; run++) {
		g_autofree gchar *status = NULL;
		g_autofree gchar *status_again = NULL;
		g_autofree gchar *out = NULL;
		g_autofree gchar *out_again = NULL;

		/* measure the true world at the proposed allocation */
		for (guint i = 0; i < allocs->len; i++) {
			const AaAlloc *r = &g_array_index(allocs, AaAlloc, i);
			AaIntentVm *vm = g_ptr_array_index(fx->ctx->intent->vms, i);
			g_assert_cmpstr(vm->name, ==, names[i]);
			for (guint j = 0; j < vm->qos->len; j++) {
				const AaQosTarget *qos = g_ptr_array_index(vm->qos, j);
				g_string_append_printf(
				    trials,
				    "%s,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT
				    ",%" G_GINT64_FORMAT ",%s,%.4f\n",
				    vm->name, r->p_cores, r->e_cores, r->memory_mib, r->gpu_slices,
				    qos->metric, aa_refine_test_truth(vm->name, qos->metric, r));
			}
		}
		g_array_append_vals(history, allocs->data, allocs->len);
		g_assert_true(g_file_set_contents(tfn, trials->str, -1, &error));

		out = aa_refine_test_run(fx, tfn, rfn, &error);
		g_assert_no_error(error);
		g_assert_nonnull(out);
		status = aa_refine_test_read(rfn, allocs);
		g_assert_nonnull(status);
		g_assert_cmpstr(status, !=, "stuck");

		/* same inputs, same output */
		out_again = aa_refine_test_run(fx, tfn, again, &error);
		g_assert_no_error(error);
		aa_refine_test_assert_same(rfn, again);
		status_again = aa_refine_test_read(again, allocs);
		g_assert_cmpstr(status, ==, status_again);

		if (g_strcmp0(status, "met") == 0) {
			/* met: the output is the last measured allocation */
			g_assert_cmpmem(allocs->data, allocs->len * sizeof(AaAlloc),
			                &g_array_index(history, AaAlloc, history->len - 3),
			                3 * sizeof(AaAlloc));
			met = TRUE;
			continue;
		}
		/* continue: never an allocation already measured */
		for (guint h = 0; h + 3 <= history->len; h += 3)
			g_assert_true(memcmp(&g_array_index(history, AaAlloc, h), allocs->data,
			                     3 * sizeof(AaAlloc)) != 0);
	}
	g_assert_true(met);
	g_test_message("the loop met every target after %u measured runs", run - 1);
}

/* every allocation IVI may have is at or below a measured miss */
static void
aa_refine_stuck_func(AaRefineFixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *tfn = aa_refine_test_trials("stuck-trials-ivi-maxed.csv");
	g_autofree gchar *rfn = g_build_filename(fx->dir, "stuck.xml", NULL);
	g_autofree gchar *text = aa_refine_test_run(fx, tfn, rfn, &error);

	(void)data;
	g_assert_null(text);
	g_assert_error(error, AA_ERROR, AA_ERROR_INFEASIBLE);
	g_assert_nonnull(strstr(error->message, "VM IVI cannot meet its targets"));
	g_assert_nonnull(strstr(error->message, "fps measured 41"));
}

/* values at the reader's limits (0, 1e-300, 1e12): a recommendation whose
 * numbers (summary and file) are all finite */
static void
aa_refine_extreme_values_func(AaRefineFixture *fx, gconstpointer data)
{
	const gchar *not_finite = "(?i)(^|[^A-Za-z0-9_])[-+]?(nan|inf|infinity)([^A-Za-z0-9_]|$)";
	g_autoptr(GError) error = NULL;
	g_autofree gchar *written = NULL;
	g_autofree gchar *rfn = g_build_filename(fx->dir, "extreme.xml", NULL);
	g_autofree gchar *tfn = aa_refine_test_trials("hostile-trials-extreme-values.csv");
	g_autofree gchar *text = aa_refine_test_run(fx, tfn, rfn, &error);

	(void)data;
	g_assert_no_error(error);
	g_assert_false(g_regex_match_simple(not_finite, text, 0, 0));
	g_assert_true(g_file_get_contents(rfn, &written, NULL, &error));
	g_assert_nonnull(strstr(written, "<refine status=\"continue\""));
	g_assert_false(g_regex_match_simple(not_finite, written, 0, 0));
}

/* the intent's VM @name, refined on the trials file @trials (NULL: none) */
static AaRefineVm *
aa_refine_test_vm(AaRefineFixture *fx, const gchar *name, AaModelKind kind, const gchar *trials,
                  AaVmModel **model)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(AaTrials) t = NULL;
	AaModelOptions options;
	AaRefineVm *v;

	aa_model_options_from_intent(&options, fx->ctx->intent);
	options.kind = kind;
	*model = NULL;
	for (guint i = 0; i < fx->ctx->intent->vms->len; i++) {
		AaIntentVm *vm = g_ptr_array_index(fx->ctx->intent->vms, i);
		if (g_strcmp0(vm->name, name) == 0)
			*model = aa_vm_model_new_full(vm, FALSE, &options, &error);
	}
	g_assert_no_error(error);
	g_assert_nonnull(*model);
	if (trials != NULL) {
		g_autofree gchar *fn = aa_refine_test_trials(trials);
		t = aa_trials_load(fn, &error);
		g_assert_no_error(error);
	}
	v = aa_refine_vm_new(*model, t);
	g_assert_cmpuint(v->measured->len, ==, t != NULL ? t->n_runs : 0);
	return v;
}

/* the measurement noise: a repeated allocation gives it, pooled with the 5% prior */
static void
aa_refine_noise_func(AaRefineFixture *fx, gconstpointer data)
{
	AaVmModel *model = NULL;
	AaRefineVm *v;

	(void)data;
	/* IVI: the profile's "# qos:" (58 fps, 14 ms) and the calibration row at
	 * the same allocation agree exactly: 2 degrees of freedom, sum of squares 0 */
	v = aa_refine_test_vm(fx, "IVI", AA_MODEL_KIND_ROBUST, NULL, &model);
	g_assert_cmpuint(v->noise_df, ==, 2);
	g_assert_cmpfloat_with_epsilon(v->noise, sqrt(0.05 * 0.05 / 3.0), 1e-12);
	aa_refine_vm_free(v);
	aa_vm_model_free(model);

	/* AI_ASSIST: no allocation measured twice: the prior alone */
	v = aa_refine_test_vm(fx, "AI_ASSIST", AA_MODEL_KIND_ROBUST,
	                      "valid-trials-miss-within-noise.csv", &model);
	g_assert_cmpuint(v->noise_df, ==, 0);
	g_assert_cmpfloat_with_epsilon(v->noise, 0.05, 1e-12);
	aa_refine_vm_free(v);
	aa_vm_model_free(model);
}

/* the paper model takes a measurement as the truth: every run of AI_ASSIST in
 * @trials that missed a target cuts */
static void
aa_refine_test_paper_cuts(AaRefineFixture *fx, const gchar *trials)
{
	AaVmModel *model = NULL;
	AaRefineVm *v = aa_refine_test_vm(fx, "AI_ASSIST", AA_MODEL_KIND_PAPER, trials, &model);

	g_assert_cmpfloat(v->z_cut, ==, 0.0);
	for (guint r = 0; r < v->measured->len; r++) {
		const AaRefineMeasured *m = &g_array_index(v->measured, AaRefineMeasured, r);
		g_assert_true(m->cuts == m->any_miss);
	}
	aa_refine_vm_free(v);
	aa_vm_model_free(model);
}

/* a measured miss cuts only beyond the measurement noise (robust model) */
static void
aa_refine_cut_beyond_noise_func(AaRefineFixture *fx, gconstpointer data)
{
	AaVmModel *model = NULL;
	AaRefineVm *v;
	const AaRefineMeasured *m;
	gdouble ss;

	(void)data;
	/* 17.5 tokens/s against 18: log gap 0.028 < z 0.8416 x 0.05 = 0.042 */
	v = aa_refine_test_vm(fx, "AI_ASSIST", AA_MODEL_KIND_ROBUST,
	                      "valid-trials-miss-within-noise.csv", &model);
	g_assert_cmpfloat_with_epsilon(v->z_cut, 0.8416212, 1e-6);
	m = &g_array_index(v->measured, AaRefineMeasured, 0);
	g_assert_true(m->any_miss);
	g_assert_false(m->cuts);
	/* 16 against 18: log gap 0.118, a cut */
	m = &g_array_index(v->measured, AaRefineMeasured, 1);
	g_assert_true(m->any_miss);
	g_assert_true(m->cuts);
	aa_refine_vm_free(v);
	aa_vm_model_free(model);

	/* the paper model takes a measurement as the truth: every miss cuts */
	aa_refine_test_paper_cuts(fx, "valid-trials-miss-within-noise.csv");

	/* measured again at 0 P + 3 E (17 tokens/s, 400 ms): the noise pools the two
	 * runs there; the mean of 17.5 and 17, sqrt(2) standard errors, is beyond it */
	v = aa_refine_test_vm(fx, "AI_ASSIST", AA_MODEL_KIND_ROBUST,
	                      "valid-trials-miss-repeated.csv", &model);
	ss = pow(log(17.5 / 17.0), 2) / 2.0 + pow(log(400.0 / 390.0), 2) / 2.0;
	g_assert_cmpuint(v->noise_df, ==, 2);
	g_assert_cmpfloat_with_epsilon(v->noise, sqrt((0.05 * 0.05 + ss) / 3.0), 1e-12);
	g_assert_true(g_array_index(v->measured, AaRefineMeasured, 0).cuts);
	g_assert_true(g_array_index(v->measured, AaRefineMeasured, 1).cuts);
	g_assert_true(g_array_index(v->measured, AaRefineMeasured, 2).cuts);
	aa_refine_vm_free(v);
	aa_vm_model_free(model);
}

/* refine on @fixture says continue, measuring again because the misses that
 * excluded every allocation may be noise */
static void
aa_refine_test_measures_again(AaRefineFixture *fx, const gchar *fixture)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GArray) allocs = g_array_new(FALSE, FALSE, sizeof(AaAlloc));
	g_autofree gchar *tfn = aa_refine_test_trials(fixture);
	g_autofree gchar *rfn = g_build_filename(fx->dir, "again.xml", NULL);
	g_autofree gchar *text = aa_refine_test_run(fx, tfn, rfn, &error);
	g_autofree gchar *status = NULL;

	g_assert_no_error(error);
	g_assert_nonnull(strstr(text, "may be measurement noise"));
	status = aa_refine_test_read(rfn, allocs);
	g_assert_cmpstr(status, ==, "continue");
	g_assert_cmpuint(allocs->len, ==, 3);
}

/* IVI refined on @fixture: its fps misses (@gap: the mean's log distance to
 * the target times sqrt(n)) are beyond Student's t at @cut by IVI's own noise
 * estimate, and within it at @within (0: not checked), and every run cuts;
 * yet refine measures again instead of saying stuck */
static void
aa_refine_test_ivi_not_stuck(AaRefineFixture *fx, const gchar *fixture, gdouble gap, gdouble cut,
                             gdouble within)
{
	AaVmModel *model = NULL;
	AaRefineVm *v = aa_refine_test_vm(fx, "IVI", AA_MODEL_KIND_ROBUST, fixture, &model);

	g_assert_cmpfloat(gap, >, aa_model_student_quantile(cut, 1 + v->noise_df) * v->noise);
	if (within > 0.0)
		g_assert_cmpfloat(gap, <,
		                  aa_model_student_quantile(within, 1 + v->noise_df) * v->noise);
	for (guint r = 0; r < v->measured->len; r++)
		g_assert_true(g_array_index(v->measured, AaRefineMeasured, r).cuts);
	aa_refine_vm_free(v);
	aa_vm_model_free(model);
	aa_refine_test_measures_again(fx, fixture);
}

/* issue 9 (random worlds, r137): misses that cut every allocation IVI may
 * have, but each within the noise at 0.99 confidence, do not end the loop:
 * stuck is final, a cut only steers.  Before, a truly met allocation measured
 * low a few times in a row (7.4 % noise, 1.8 % slack) ended it stuck */
static void
aa_refine_stuck_needs_confidence_func(AaRefineFixture *fx, gconstpointer data)
{
	(void)data;
	/* each miss alone is beyond target-confidence's noise (both cut), within
	 * 0.99's; but the loop measures again instead of giving up */
	aa_refine_test_ivi_not_stuck(fx, "valid-trials-ivi-maxed-within-noise.csv",
	                             log(55.0 / 53.0), 0.8, 0.99);
}

/* issue 9 (random worlds): a miss cuts by the mean of every run at its
 * allocation or above it.  Before, only the runs at exactly that allocation
 * counted: one noisy miss on a level the loop did not measure again cut it
 * and everything below for ever, and runs that varied only memory above the
 * working set (each its own allocation) cut each other until the loop was
 * stuck with allocations left that met every target */
static void
aa_refine_cut_pools_above_func(AaRefineFixture *fx, gconstpointer data)
{
	AaVmModel *model = NULL;
	AaRefineVm *v;
	const AaRefineMeasured *m;

	(void)data;
	v = aa_refine_test_vm(fx, "AI_ASSIST", AA_MODEL_KIND_ROBUST,
	                      "valid-trials-miss-above-hits.csv", &model);
	g_assert_cmpfloat_with_epsilon(v->noise, 0.05, 1e-12);
	m = &g_array_index(v->measured, AaRefineMeasured, 0);
	/* alone, 17 against 18 is beyond the noise */
	g_assert_cmpfloat(log(18.0 / 17.0), >, v->z_cut * v->noise);
	g_assert_true(m->any_miss);
	g_assert_false(m->cuts);
	g_assert_true(g_array_index(v->measured, AaRefineMeasured, 1).all_met);
	g_assert_true(g_array_index(v->measured, AaRefineMeasured, 2).all_met);
	aa_refine_vm_free(v);
	aa_vm_model_free(model);

	/* the paper model takes each measurement as the truth: it still cuts */
	aa_refine_test_paper_cuts(fx, "valid-trials-miss-above-hits.csv");
}

/* at an allocation measured n times (and no other point) the prediction is the
 * runs' mean shrunk towards the family by lambda = (noise Q_prof / sigma_f)^2,
 * with sigma_f sqrt(lambda / (lambda + n)); far from it, the family's */
static void
aa_refine_posterior_func(AaRefineFixture *fx, gconstpointer data)
{
	AaVmModel *model = NULL;
	AaRefineVm *v = aa_refine_test_vm(fx, "AI_ASSIST", AA_MODEL_KIND_ROBUST,
	                                  "valid-trials-repeated-only.csv", &model);
	const AaAlloc at = {0, 3, 8192, 4};
	const AaAlloc far = {0, 4, 4096, 1};
	const gdouble mean[2] = {(17.5 + 17.0 + 17.2) / 3.0, (390.0 + 400.0 + 395.0) / 3.0};

	(void)data;
	for (guint j = 0; j < 2; j++) {
		gdouble sigma_f = 0.0;
		gdouble sigma = 0.0;
		gdouble f = aa_refine_vm_predict(v, j, &at, &sigma_f);
		gdouble q = aa_refine_vm_predict_corrected(v, j, &at, &sigma);
		gdouble q_prof = aa_vm_model_qos_at(model, j)->q_prof;
		gdouble lambda = pow(v->noise * q_prof / sigma_f, 2.0);
		gdouble far_f;
		gdouble far_q;

		g_assert_true(isfinite(f) && sigma_f > 0.0);
		g_assert_cmpfloat_with_epsilon(q, f + (mean[j] - f) * 3.0 / (lambda + 3.0),
		                               1e-9 * fabs(q));
		g_assert_cmpfloat_with_epsilon(sigma, sigma_f * sqrt(lambda / (lambda + 3.0)),
		                               1e-12 * sigma_f);
		/* the measurements dominate: the noise is far below the family's error */
		g_assert_cmpfloat(fabs(q - mean[j]), <, 0.1 * fabs(f - mean[j]) + 1e-9);
		g_assert_cmpfloat(sigma, <, 0.5 * sigma_f);
		/* half the memory and a quarter of the slices: far, the family's */
		far_f = aa_refine_vm_predict(v, j, &far, &sigma_f);
		far_q = aa_refine_vm_predict_corrected(v, j, &far, &sigma);
		g_assert_cmpfloat(fabs(far_q - far_f), <, 0.05 * fabs(mean[j] - f) + 1e-9);
		g_assert_cmpfloat(sigma, >, 0.9 * sigma_f);
	}
	aa_refine_vm_free(v);
	aa_vm_model_free(model);
}

/* the uncertainty of the corrected prediction of metric @j at @r */
static gdouble
aa_refine_test_sigma(const AaRefineVm *v, guint j, const AaAlloc *r)
{
	gdouble sigma = NAN;

	aa_refine_vm_predict_corrected(v, j, r, &sigma);
	return sigma;
}

/* the E-core speed is refitted from the runs on E-cores: on the demo world's
 * curves (E-cores at half a P-core), with a memory-cliff run and a 2-slice run
 * on 4 P-cores that no speed explains, the held-out error at the E-core runs
 * is smallest at the true 0.5; the leave-one-out error over every run (the
 * criterion before) chose 1.0, where the 4 E-core run pools with those */
static void
aa_refine_test_eta_half(AaRefineFixture *fx, const gchar *trials)
{
	AaVmModel *model = NULL;
	AaRefineVm *v = aa_refine_test_vm(fx, "AI_ASSIST", AA_MODEL_KIND_ROBUST, trials, &model);

	g_assert_cmpfloat(model->eta, ==, 0.6);
	g_assert_true(v->eta_fitted);
	g_assert_cmpfloat_with_epsilon(v->eta, 0.5, 1e-12);
	aa_refine_vm_free(v);
	aa_vm_model_free(model);
}

static void
aa_refine_eta_from_ecores_func(AaRefineFixture *fx, gconstpointer data)
{
	(void)data;
	aa_refine_test_eta_half(fx, "valid-trials-ecores-half.csv");
}

/* an E-core run that also had more GPU than any P-core run mixes the GPU's
 * gain with the E-core speed: the speed comes from the E-core run the P-core
 * runs bracket (0.5), where holding each E-core run out beside the other had
 * made the 3-slice run look like fast E-cores */
static void
aa_refine_eta_beside_more_gpu_func(AaRefineFixture *fx, gconstpointer data)
{
	(void)data;
	aa_refine_test_eta_half(fx, "valid-trials-ecores-with-more-gpu.csv");
}

/* what the measured runs allow at more CPU or GPU (the bound refine explores
 * with when its model sees no way): AI_ASSIST measured 9 tokens/s at 4 slices
 * and 8.9 at 2 on 4 E-cores (2.4 P-core equivalents), 9.2 on 3 P-cores and 9
 * on 2; each run at or below the allocation bounds it by its value times the
 * larger ratio of CPU and of slices, and the tightest bound counts */
static void
aa_refine_optimistic_bound_func(AaRefineFixture *fx, gconstpointer data)
{
	static const AaAlloc as_run = {0, 4, 8192, 4}, p_cores = {4, 0, 8192, 4},
	                     slices = {0, 4, 8192, 6}, both = {4, 0, 8192, 6},
	                     below = {0, 2, 8192, 4};
	AaVmModel *model = NULL;
	AaRefineVm *v = aa_refine_test_vm(fx, "AI_ASSIST", AA_MODEL_KIND_ROBUST,
	                                  "valid-trials-ai-hopeless-explores.csv", &model);

	(void)data;
	g_assert_false(v->eta_fitted);
	/* tokens-per-s (higher): at a measured allocation, its run (6144 MiB and
	 * 8192 MiB count alike: both above the sized memory demand) */
	g_assert_cmpfloat_with_epsilon(aa_refine_vm_optimistic(v, 0, &as_run), 9.0, 1e-9);
	/* 4 P-cores: the 3 P-core run times 4/3 */
	g_assert_cmpfloat_with_epsilon(aa_refine_vm_optimistic(v, 0, &p_cores), 9.2 * 4.0 / 3.0,
	                               1e-9);
	/* 6 slices on the E-cores: the 4-slice run times 1.5, not the 2-slice run's 3 */
	g_assert_cmpfloat_with_epsilon(aa_refine_vm_optimistic(v, 0, &slices), 13.5, 1e-9);
	/* both: CPU and slices together scale by the larger ratio (3 P-core run, 1.5) */
	g_assert_cmpfloat_with_epsilon(aa_refine_vm_optimistic(v, 0, &both), 13.8, 1e-9);
	/* latency-p95-ms (lower): divided, the largest such bound */
	g_assert_cmpfloat_with_epsilon(aa_refine_vm_optimistic(v, 1, &slices), 560.0 / 1.5, 1e-9);
	/* no run at or below 2 E-cores */
	g_assert_true(isnan(aa_refine_vm_optimistic(v, 0, &below)));
	aa_refine_vm_free(v);
	aa_vm_model_free(model);
}

/* a VM whose model sees no way: refine says it explores and gives it more
 * GPU slices or more effective CPU than any of its runs had (the bound says
 * 2 slices -> 6 could triple), while the VM that met keeps at least what met */
static void
aa_refine_hopeless_explores_func(AaRefineFixture *fx, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GArray) allocs = g_array_new(FALSE, FALSE, sizeof(AaAlloc));
	g_autofree gchar *tfn = aa_refine_test_trials("valid-trials-ai-hopeless-explores.csv");
	g_autofree gchar *rfn = g_build_filename(fx->dir, "explore.xml", NULL);
	g_autofree gchar *text = aa_refine_test_run(fx, tfn, rfn, &error);
	g_autofree gchar *status = NULL;
	const AaAlloc *ivi;
	const AaAlloc *ai;

	(void)data;
	g_assert_no_error(error);
	g_assert_nonnull(strstr(text, "the model gives AI_ASSIST no allocation a 1% chance"));
	status = aa_refine_test_read(rfn, allocs);
	g_assert_cmpstr(status, ==, "continue");
	g_assert_cmpuint(allocs->len, ==, 3);
	ivi = &g_array_index(allocs, AaAlloc, 1);
	ai = &g_array_index(allocs, AaAlloc, 2);
	g_assert_cmpint(ivi->p_cores, >=, 3);
	g_assert_cmpint(ivi->memory_mib, >=, 4096);
	g_assert_cmpint(ivi->gpu_slices, >=, 4);
	g_assert_true(ai->gpu_slices > 4 || ai->p_cores + 0.6 * ai->e_cores > 3.0 + 1e-9);
}

/* the residuals' correlation keeps P-cores and E-cores apart: three runs on
 * 2 P-cores make the prediction there nearly certain (about the noise's
 * standard error), not the one on 3 E-cores, 1.8 P-core equivalents at the
 * default eta 0.6 (as near 2 as an E-core amount gets): there the family's
 * error stands */
static void
aa_refine_core_types_apart_func(AaRefineFixture *fx, gconstpointer data)
{
	/* the runs' allocation, 3 E-cores, one P-core more than the runs */
	static const AaAlloc at = {2, 0, 8192, 4}, e_cores = {0, 3, 8192, 4},
	                     more_p = {3, 0, 8192, 4};
	AaVmModel *model = NULL;
	AaRefineVm *v;

	(void)data;
	v = aa_refine_test_vm(fx, "AI_ASSIST", AA_MODEL_KIND_ROBUST,
	                      "valid-trials-p-cores-only.csv", &model);
	g_assert_false(v->eta_fitted);
	g_assert_cmpfloat(v->eta, ==, 0.6);
	for (guint j = 0; j < 2; j++) {
		gdouble sigma_f = 0.0;
		gdouble f = aa_refine_vm_predict(v, j, &e_cores, &sigma_f);

		g_assert_true(isfinite(f) && sigma_f > 0.0);
		/* on E-cores: the family's prediction, with the family's error (within
		 * 1 %; the distance of 1.8 P-core equivalents alone would leave 19 %) */
		g_assert_cmpfloat_with_epsilon(aa_refine_vm_predict_corrected(v, j, &e_cores, NULL),
		                               f, 1e-3 * fabs(f));
		g_assert_cmpfloat(aa_refine_test_sigma(v, j, &e_cores), >, 0.99 * sigma_f);
		/* at the runs, and one P-core above them: the runs' uncertainty */
		g_assert_cmpfloat(aa_refine_test_sigma(v, j, &at), <, 0.5 * sigma_f);
		g_assert_cmpfloat(aa_refine_test_sigma(v, j, &more_p), <, 0.9 * sigma_f);
	}
	aa_refine_vm_free(v);
	aa_vm_model_free(model);
}

/* the cockpit demo in the fixture's directory with the profile @replaced
 * (relative to the intent) written from @text instead of the demo's, the
 * intent reloaded */
static void
aa_refine_demo_with_profile(AaRefineFixture *fx, const gchar *replaced, const gchar *text)
{
	const gchar *files[] = {"cockpit-intent.xml", "profiles/rt-cluster.csv",
	                        "profiles/ai-assist.csv", "profiles/ivi.csv", "calib/ivi.csv"};
	g_autofree gchar *intent = g_build_filename(fx->dir, "cockpit-intent.xml", NULL);

	for (guint i = 0; i < G_N_ELEMENTS(files); i++) {
		g_autofree gchar *fn =
		    g_test_build_filename(G_TEST_DIST, "fixtures", "demo", files[i], NULL);
		g_autofree gchar *demo = NULL;
		if (g_strcmp0(files[i], replaced) == 0)
			continue;
		g_assert_true(g_file_get_contents(fn, &demo, NULL, NULL));
		aa_test_write_file(fx->dir, files[i], demo, -1);
	}
	aa_test_write_file(fx->dir, replaced, text, -1);
	aa_intent_free(fx->ctx->intent);
	fx->ctx->intent = aa_test_load_intent(intent, fx->ctx->scenario);
}

/* the cockpit demo with AI_ASSIST profiled on @p_cores P-cores, 8192 MiB and
 * @slices GPU slices: 20 samples of @cpu_busy (+ @cpu_step every third) busy
 * cores and @gpu_busy % GPU */
static void
aa_refine_demo_with_ai_profile(AaRefineFixture *fx, gint64 p_cores, gint64 slices, gdouble cpu_busy,
                               gdouble cpu_step, gdouble gpu_busy)
{
	g_autoptr(GString) ai = g_string_new(NULL);

	g_string_printf(ai,
	                "# acrn-alloc-profile v1\n# vm: AI_ASSIST\n"
	                "# allocation: p_cores=%" G_GINT64_FORMAT " e_cores=0 "
	                "memory_mib=8192 gpu_slices=%" G_GINT64_FORMAT "\n"
	                "# qos: tokens-per-s=21 latency-p95-ms=240\n"
	                "time_s,cpu_p_busy,cpu_e_busy,mem_rss_mib,gpu_busy_pct\n",
	                p_cores, slices);
	for (guint t = 0; t < 20; t++)
		g_string_append_printf(ai, "%u,%.2f,0,%u,%.1f\n", t, cpu_busy + cpu_step * (t % 3),
		                       5000 + 10 * t, gpu_busy);
	aa_refine_demo_with_profile(fx, "profiles/ai-assist.csv", ai->str);
}

/* the cockpit demo with IVI's GPU saturated while profiled (99 % busy on 6
 * slices, at most 8): the robust model censors its demand at 7 slices */
static void
aa_refine_censored_intent(AaRefineFixture *fx)
{
	g_autoptr(GString) ivi = g_string_new("# acrn-alloc-profile v1\n# vm: IVI\n"
	                                      "# allocation: p_cores=6 e_cores=0 "
	                                      "memory_mib=8192 gpu_slices=6\n"
	                                      "# qos: fps=58 frame-time-p95-ms=14\n"
	                                      "time_s,cpu_p_busy,cpu_e_busy,mem_rss_mib,"
	                                      "gpu_busy_pct\n");

	for (guint t = 0; t < 20; t++)
		g_string_append_printf(ivi, "%u,%.2f,0,%u,%.1f\n", t, 2.5 + 0.05 * (t % 5),
		                       3600 + 10 * t, 99.0 + 0.05 * (t % 3));
	aa_refine_demo_with_profile(fx, "profiles/ivi.csv", ivi->str);
}

/* refine on @trials (rows after the header): the output's status, IVI's
 * allocation and the GPU demand its model used */
static gchar *
aa_refine_censored_run(AaRefineFixture *fx, const gchar *rows, AaAlloc *ivi, gdouble *r_prof)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GArray) allocs = g_array_new(FALSE, FALSE, sizeof(AaAlloc));
	g_autofree gchar *tfn = g_build_filename(fx->dir, "trials.csv", NULL);
	g_autofree gchar *rfn = g_build_filename(fx->dir, "refined.xml", NULL);
	g_autofree gchar *again = g_build_filename(fx->dir, "again.xml", NULL);
	g_autofree gchar *text = NULL;
	g_autofree gchar *text_again = NULL;
	g_autofree gchar *csv =
	    g_strconcat("vm,p_cores,e_cores,memory_mib,gpu_slices,metric,value\n", rows, NULL);
	xmlDoc *doc;
	gchar *status;

	aa_test_write_file(fx->dir, "trials.csv", csv, -1);
	text = aa_refine_test_run(fx, tfn, rfn, &error);
	g_assert_no_error(error);
	text_again = aa_refine_test_run(fx, tfn, again, &error);
	g_assert_no_error(error);
	g_assert_nonnull(text);
	g_assert_nonnull(text_again);

	aa_refine_test_assert_same(rfn, again);

	status = aa_refine_test_read(rfn, allocs);
	g_assert_cmpuint(allocs->len, ==, 3);
	*ivi = g_array_index(allocs, AaAlloc, 1);
	doc = aa_xml_load_file(rfn, &error);
	g_assert_no_error(error);
	*r_prof = aa_test_xpath_double(
	    doc, "string(/recommendation/vm[@name='IVI']//resource[@name='gpu']/@r-prof)");
	xmlFreeDoc(doc);
	return status;
}

#define AA_REFINE_CENSORED_OTHERS                                                                  \
	"RT_CLUSTER,1,0,512,0,deadline-miss-ratio,0\n"                                             \
	"AI_ASSIST,0,4,6144,3,tokens-per-s,19\n"                                                   \
	"AI_ASSIST,0,4,6144,3,latency-p95-ms,300\n"

/* a censored demand is a prior for what the profile could not show: a run
 * that gave the VM that much measured it, and refine sizes from the trace */
static void
aa_refine_censored_func(AaRefineFixture *fx, gconstpointer data)
{
	static const struct {
		const gchar *rows;
		const gchar *status;
		gdouble r_prof;    /* IVI's GPU demand in the output's model */
		gint64 max_slices; /* at most this many slices for IVI next */
	} cases[] = {
	    /* measured on the profiled 6 slices only: the demand stays censored at 7 */
	    {"IVI,3,0,5120,6,fps,50\n"
	     "IVI,3,0,5120,6,frame-time-p95-ms,30\n" AA_REFINE_CENSORED_OTHERS,
	     "continue", 7.0, 8},
	    /* a hit on 7 slices: the trace's demand (6), and the hit is kept */
	    {"IVI,3,0,5120,7,fps,60\n"
	     "IVI,3,0,5120,7,frame-time-p95-ms,20\n" AA_REFINE_CENSORED_OTHERS,
	     "met", 6.0, 7},
	    /* the same hit while AI_ASSIST missed beyond the noise: the next
	     * allocation gives IVI no more slices than the hit had */
	    {"RT_CLUSTER,1,0,512,0,deadline-miss-ratio,0\n"
	     "IVI,3,0,5120,7,fps,60\n"
	     "IVI,3,0,5120,7,frame-time-p95-ms,20\n"
	     "AI_ASSIST,0,4,6144,3,tokens-per-s,12\n"
	     "AI_ASSIST,0,4,6144,3,latency-p95-ms,600\n",
	     "continue", 6.0, 7},
	};

	(void)data;
	aa_refine_censored_intent(fx);
	for (guint c = 0; c < G_N_ELEMENTS(cases); c++) {
		AaAlloc ivi;
		gdouble r_prof = 0.0;
		g_autofree gchar *status = aa_refine_censored_run(fx, cases[c].rows, &ivi, &r_prof);

		g_assert_cmpstr(status, ==, cases[c].status);
		g_assert_cmpfloat(r_prof, ==, cases[c].r_prof);
		g_assert_cmpint(ivi.gpu_slices, <=, cases[c].max_slices);
	}
}

/* the <refine excluded="..."> of a refine run on @trials with @model */
static guint64
aa_refine_test_excluded(AaRefineFixture *fx, const gchar *trials, const gchar *model)
{
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(GError) error = NULL;
	g_autofree gchar *tfn = aa_refine_test_trials(trials);
	g_autofree gchar *rfn = g_build_filename(fx->dir, "excluded.xml", NULL);
	g_autofree gchar *text = NULL;
	g_autofree gchar *excluded = NULL;
	xmlDoc *doc;

	g_hash_table_insert(options, "trials", tfn);
	g_hash_table_insert(options, "output", rfn);
	g_hash_table_insert(options, "model", (gpointer)model);
	text = aa_refine_run(fx->ctx, options, &error);
	g_assert_no_error(error);
	doc = aa_xml_load_file(rfn, &error);
	g_assert_no_error(error);
	for (xmlNode *n = xmlDocGetRootElement(doc)->children; n != NULL; n = n->next) {
		if (n->type == XML_ELEMENT_NODE && g_strcmp0((const gchar *)n->name, "refine") == 0)
			excluded = aa_xml_prop(n, "excluded");
	}
	xmlFreeDoc(doc);
	g_assert_nonnull(excluded);
	return g_ascii_strtoull(excluded, NULL, 10);
}

/* through the command: the robust model keeps what a miss within the noise
 * would have cut; the paper model cuts it; a miss beyond the noise cuts in both */
static void
aa_refine_excluded_func(AaRefineFixture *fx, gconstpointer data)
{
	guint64 robust =
	    aa_refine_test_excluded(fx, "valid-trials-miss-within-noise.csv", "robust");
	guint64 paper = aa_refine_test_excluded(fx, "valid-trials-miss-within-noise.csv", "paper");
	guint64 repeated = aa_refine_test_excluded(fx, "valid-trials-miss-repeated.csv", "robust");

	(void)data;
	/* robust cuts below 0 P + 2 E only; paper below 0 P + 3 E, a superset */
	g_assert_cmpuint(robust, >, 0);
	g_assert_cmpuint(paper, >, robust);
	/* measured twice at 0 P + 3 E, the pooled miss cuts there too */
	g_assert_cmpuint(repeated, ==, paper);
}

static void
aa_refine_unknown_rows_func(AaRefineFixture *fx, gconstpointer data)
{
	const gchar *files[] = {"invalid-trials-unknown-vm.csv",
	                        "invalid-trials-unknown-metric.csv"};

	(void)data;
	for (guint f = 0; f < G_N_ELEMENTS(files); f++) {
		g_autoptr(GError) error = NULL;
		g_autofree gchar *tfn = aa_refine_test_trials(files[f]);
		g_autofree gchar *rfn = g_build_filename(fx->dir, "unknown.xml", NULL);
		g_autofree gchar *text = aa_refine_test_run(fx, tfn, rfn, &error);
		g_assert_null(text);
		g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_DATA);
		g_assert_false(g_file_test(rfn, G_FILE_TEST_EXISTS));
	}
}

/* the host command: exit codes of FORMATS.md */
static gint
aa_refine_test_host(const gchar *dir, const gchar *trials, gchar **out, gchar **err)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *board =
	    g_test_build_filename(G_TEST_DIST, "fixtures", "valid-board-tiny-hybrid.xml", NULL);
	g_autofree gchar *scenario =
	    g_test_build_filename(G_TEST_DIST, "fixtures", "demo", "cockpit-scenario.xml", NULL);
	g_autofree gchar *intent =
	    g_test_build_filename(G_TEST_DIST, "fixtures", "demo", "cockpit-intent.xml", NULL);
	g_autofree gchar *tfn = aa_refine_test_trials(trials);
	g_autofree gchar *rfn = g_build_filename(dir, "host.xml", NULL);
	const gchar *argv[] = {g_getenv("AA_HOST"),
	                       "--plugin-manifest",
	                       g_getenv("AA_BUILD_MANIFEST"),
	                       "refine",
	                       "--board",
	                       board,
	                       "--scenario",
	                       scenario,
	                       "--intent",
	                       intent,
	                       "--trials",
	                       tfn,
	                       "-o",
	                       rfn,
	                       NULL};
	gint status = 0;

	g_assert_nonnull(argv[0]);
	g_assert_nonnull(argv[2]);
	g_assert_true(g_spawn_sync(NULL, (gchar **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, out,
	                           err, &status, &error));
	g_assert_no_error(error);
	g_assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static void
aa_refine_host_func(AaRefineFixture *fx, gconstpointer data)
{
	g_autofree gchar *out = NULL;
	g_autofree gchar *err = NULL;
	g_autofree gchar *out2 = NULL;
	g_autofree gchar *err2 = NULL;
	g_autofree gchar *out3 = NULL;
	g_autofree gchar *err3 = NULL;
	g_autofree gchar *rfn = g_build_filename(fx->dir, "host.xml", NULL);
	g_autofree gchar *xml = NULL;

	(void)data;
	/* the second of two runs met every target: met, exit 0, that allocation kept */
	g_assert_cmpint(aa_refine_test_host(fx->dir, "valid-trials-two-runs.csv", &out, &err), ==,
	                0);
	g_assert_nonnull(strstr(out, "refine: met after 2 measured runs"));
	g_assert_true(g_file_get_contents(rfn, &xml, NULL, NULL));
	g_assert_nonnull(strstr(xml, "<refine status=\"met\" trials=\"2\""));
	g_assert_nonnull(strstr(
	    xml, "<allocation p-cores=\"5\" e-cores=\"0\" memory-mib=\"4608\" gpu-slices=\"5\""));
	g_assert_nonnull(strstr(xml, "<families metric=\"fps\""));

	/* stuck: exit 1, the reason on stderr */
	g_assert_cmpint(aa_refine_test_host(fx->dir, "stuck-trials-ivi-maxed.csv", &out2, &err2),
	                ==, 1);
	g_assert_nonnull(strstr(err2, "VM IVI cannot meet its targets"));

	/* a bad number: exit 2 with file:line */
	g_assert_cmpint(
	    aa_refine_test_host(fx->dir, "invalid-trials-not-a-number.csv", &out3, &err3), ==, 2);
	g_assert_nonnull(strstr(err3, "invalid-trials-not-a-number.csv:2:"));
}

/* the cockpit demo with AI_ASSIST profiled on one saturated P-core (no
 * calibration): MODEL.md's curve, steep near r_min (0.5 cores), gains more
 * than twofold from 1 P-core to 2 above the censored amount; the robust model
 * predicts at most a proportional gain above the profiled CPU (world r18 of
 * the refine bench: 4 times the profiled fps on 1 P-core from 1 E-core, where
 * the truth was 1.5 times and the target was printed as met); the paper model
 * is MODEL.md's exactly */
static void
aa_refine_proportional_gain_func(AaRefineFixture *fx, gconstpointer data)
{
	const AaAlloc two = {2, 0, 8192, 4};
	AaVmModel *robust = NULL;
	AaVmModel *paper = NULL;
	AaRefineVm *v;

	(void)data;
	aa_refine_demo_with_ai_profile(fx, 1, 4, 0.97, 0.01, 50.0);

	v = aa_refine_test_vm(fx, "AI_ASSIST", AA_MODEL_KIND_ROBUST, NULL, &robust);
	aa_refine_vm_free(v);
	v = aa_refine_test_vm(fx, "AI_ASSIST", AA_MODEL_KIND_PAPER, NULL, &paper);
	aa_refine_vm_free(v);
	g_assert_true(aa_vm_model_censored(robust, AA_RESOURCE_CPU));
	/* tokens-per-s: a gain, at most twice the profiled value; latency: at least half */
	g_assert_cmpfloat(aa_vm_model_predict(robust, 0, &two), >, 21.0);
	g_assert_cmpfloat(aa_vm_model_predict(robust, 0, &two), <=, 42.0 * (1.0 + 1e-9));
	g_assert_cmpfloat(aa_vm_model_predict(robust, 1, &two), <, 240.0);
	g_assert_cmpfloat(aa_vm_model_predict(robust, 1, &two), >=, 120.0 * (1.0 - 1e-9));
	/* the paper model: Q_prof F(r), nothing capped */
	g_assert_cmpfloat_with_epsilon(aa_vm_model_predict(paper, 0, &two),
	                               21.0 * aa_vm_model_factor(paper, &two), 1e-9);
	aa_vm_model_free(robust);
	aa_vm_model_free(paper);
}

/* refine on the trials fixture @trials with @model: the output's status and
 * the summary (NULL when stuck) */
static gchar *
aa_refine_test_status(AaRefineFixture *fx, const gchar *trials, const gchar *model, gchar **text)
{
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(GArray) allocs = g_array_new(FALSE, FALSE, sizeof(AaAlloc));
	g_autoptr(GError) error = NULL;
	g_autofree gchar *tfn = aa_refine_test_trials(trials);
	g_autofree gchar *rfn = g_build_filename(fx->dir, "status.xml", NULL);

	g_hash_table_insert(options, "trials", tfn);
	g_hash_table_insert(options, "output", rfn);
	g_hash_table_insert(options, "model", (gpointer)model);
	*text = aa_refine_run(fx->ctx, options, &error);
	g_assert_no_error(error);
	return aa_refine_test_read(rfn, allocs);
}

/* issue 9 (random worlds r314, r284): the last run measured IVI's fps 1.8 %
 * below its target, within the noise, but the mean of IVI's three runs at that
 * allocation meets it beyond the noise's standard error: met (before, met
 * needed one run measuring every target met, 10-24 runs on worlds with 6-8
 * targets met by 2-5 % under 5-7 % noise); a mean below the target, or the
 * paper model (a run is the truth), measure again */
static void
aa_refine_met_by_pooled_runs_func(AaRefineFixture *fx, gconstpointer data)
{
	static const struct {
		const gchar *trials;
		const gchar *model;
		const gchar *status;
	} cases[] = {
	    {"valid-trials-met-by-pooled-runs.csv", "robust", "met"},
	    {"valid-trials-pooled-runs-miss.csv", "robust", "continue"},
	    {"valid-trials-met-by-pooled-runs.csv", "paper", "continue"},
	};
	AaVmModel *model = NULL;
	AaRefineVm *v = aa_refine_test_vm(fx, "IVI", AA_MODEL_KIND_ROBUST,
	                                  "valid-trials-met-by-pooled-runs.csv", &model);
	const AaRefineMeasured *last = &g_array_index(v->measured, AaRefineMeasured, 2);
	gdouble mean = (log(60.0) + log(59.0) + log(54.0)) / 3.0;

	(void)data;
	/* the last run missed within the noise; the mean is beyond it */
	g_assert_true(last->any_miss);
	g_assert_false(last->cuts);
	g_assert_cmpfloat((mean - log(55.0)) * sqrt(3.0), >,
	                  aa_model_student_quantile(0.8, 1 + v->noise_df) * v->noise);
	aa_refine_vm_free(v);
	aa_vm_model_free(model);

	for (guint c = 0; c < G_N_ELEMENTS(cases); c++) {
		g_autofree gchar *text = NULL;
		g_autofree gchar *status =
		    aa_refine_test_status(fx, cases[c].trials, cases[c].model, &text);
		g_assert_cmpstr(status, ==, cases[c].status);
		if (g_strcmp0(status, "met") == 0)
			g_assert_nonnull(strstr(text, "1 VM by the mean of its repeated runs"));
	}
}

/* issue 9 (random worlds r234, r253): a VM without GPU demand does not depend
 * on its slices, so runs with no slice correct the prediction with 3 slices as
 * much as at their own allocation.  Before, one slice was four length scales
 * away (a quarter of one slice): the prediction there was the family's, with
 * its full error, and the loop measured such a VM with one slice count after
 * another */
static void
aa_refine_no_gpu_demand_func(AaRefineFixture *fx, gconstpointer data)
{
	static const AaAlloc at = {2, 0, 8192, 0}, slices = {2, 0, 8192, 3};
	AaVmModel *model = NULL;
	AaRefineVm *v;

	(void)data;
	aa_refine_demo_with_ai_profile(fx, 2, 0, 1.5, 0.05, 0.0);
	v = aa_refine_test_vm(fx, "AI_ASSIST", AA_MODEL_KIND_ROBUST,
	                      "valid-trials-no-gpu-demand.csv", &model);
	g_assert_cmpfloat(model->r_prof[AA_RESOURCE_GPU], <=, 0.0);
	for (guint j = 0; j < 2; j++) {
		gdouble sigma_f = 0.0;
		gdouble f = aa_refine_vm_predict(v, j, &slices, &sigma_f);
		gdouble q = aa_refine_vm_predict_corrected(v, j, &at, NULL);

		g_assert_true(isfinite(f) && sigma_f > 0.0);
		g_assert_cmpfloat_with_epsilon(aa_refine_vm_predict_corrected(v, j, &slices, NULL),
		                               q, 1e-9 * fabs(q));
		g_assert_cmpfloat_with_epsilon(aa_refine_test_sigma(v, j, &slices),
		                               aa_refine_test_sigma(v, j, &at), 1e-12 * sigma_f);
		g_assert_cmpfloat(aa_refine_test_sigma(v, j, &slices), <, 0.9 * sigma_f);
	}
	aa_refine_vm_free(v);
	aa_vm_model_free(model);
}

/* issue 9 (random world r294): an E-core is no faster than a P-core (the
 * E-core speeds refine tries are at most 1), so a miss on 3 P-cores proves a
 * miss on 3 E-cores with no more memory and slices: measuring the E-cores
 * after it excludes nothing more.  Before, P-core and E-core allocations
 * never compared, and the loop measured a VM on 2 E-cores after it had
 * missed by 26 % on 2 P-cores */
static void
aa_refine_ecores_below_pcores_func(AaRefineFixture *fx, gconstpointer data)
{
	guint64 p_only = aa_refine_test_excluded(fx, "valid-trials-miss-on-p-cores.csv", "robust");
	guint64 both =
	    aa_refine_test_excluded(fx, "valid-trials-miss-on-p-and-e-cores.csv", "robust");

	(void)data;
	g_assert_cmpuint(p_only, >, 0);
	g_assert_cmpuint(both, ==, p_only);
}

/* issue 9 (random world r593): a VM whose few repeated runs understate the
 * noise is not stuck on misses that the noise of every VM's repeated runs
 * explains.  IVI's own estimate is 1.9 % over 6 degrees of freedom (its
 * calibration row repeats the profile's value, its two pairs of runs agree
 * within 0.2 %), and by it the pair on 6 P-cores misses beyond t even at
 * 1 - 0.01 / 2 (each of the two cuts' share of 0.99); AI_ASSIST's four repeated
 * runs on the same setup spread by 6-10 %.  Before, IVI's own estimate alone
 * decided and the loop was stuck */
static void
aa_refine_noise_understated_func(AaRefineFixture *fx, gconstpointer data)
{
	(void)data;
	aa_refine_test_ivi_not_stuck(fx, "valid-trials-ivi-noise-understated.csv",
	                             (log(55.0) - 0.5 * (log(51.5) + log(51.6))) * sqrt(2.0),
	                             1.0 - 0.01 / 2, 0.0);
}

/* issue 9 (random world r593): stuck claims every miss that excludes the
 * allocations at once, so each must hold at 1 - 0.01 / K with K the cuts
 * with a noisy miss (Bonferroni).  Each of IVI's two misses (14 % below its
 * target, noise 2.9 %) is beyond t at 0.99 on its own, within it at 0.995;
 * before, that was stuck */
static void
aa_refine_stuck_needs_every_miss_func(AaRefineFixture *fx, gconstpointer data)
{
	(void)data;
	aa_refine_test_ivi_not_stuck(fx, "valid-trials-ivi-misses-union.csv", log(55.0 / 47.5),
	                             0.99, 1.0 - 0.01 / 2);
}

/* the tests on the cockpit demo, each with its own fixture */
static const struct {
	const gchar *path;
	void (*func)(AaRefineFixture *fx, gconstpointer data);
} aa_refine_fixture_tests[] = {
    {"/aa/refine/loop-converges", aa_refine_loop_converges_func},
    {"/aa/refine/noise", aa_refine_noise_func},
    {"/aa/refine/cut-beyond-noise", aa_refine_cut_beyond_noise_func},
    {"/aa/refine/cut-pools-above", aa_refine_cut_pools_above_func},
    {"/aa/refine/posterior", aa_refine_posterior_func},
    {"/aa/refine/core-types-apart", aa_refine_core_types_apart_func},
    {"/aa/refine/eta-from-ecores", aa_refine_eta_from_ecores_func},
    {"/aa/refine/eta-beside-more-gpu", aa_refine_eta_beside_more_gpu_func},
    {"/aa/refine/optimistic-bound", aa_refine_optimistic_bound_func},
    {"/aa/refine/hopeless-explores", aa_refine_hopeless_explores_func},
    {"/aa/refine/censored", aa_refine_censored_func},
    {"/aa/refine/excluded", aa_refine_excluded_func},
    {"/aa/refine/stuck", aa_refine_stuck_func},
    {"/aa/refine/stuck-needs-confidence", aa_refine_stuck_needs_confidence_func},
    {"/aa/refine/extreme-values", aa_refine_extreme_values_func},
    {"/aa/refine/host", aa_refine_host_func},
    {"/aa/refine/unknown-rows", aa_refine_unknown_rows_func},
    {"/aa/refine/proportional-gain", aa_refine_proportional_gain_func},
    {"/aa/refine/met-by-pooled-runs", aa_refine_met_by_pooled_runs_func},
    {"/aa/refine/no-gpu-demand", aa_refine_no_gpu_demand_func},
    {"/aa/refine/ecores-below-pcores", aa_refine_ecores_below_pcores_func},
    {"/aa/refine/noise-understated", aa_refine_noise_understated_func},
    {"/aa/refine/stuck-needs-every-miss", aa_refine_stuck_needs_every_miss_func},
};

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/aa/refine/trials-valid", aa_refine_trials_valid_func);
	g_test_add_data_func("/aa/refine/trials-not-a-number", "invalid-trials-not-a-number.csv",
	                     aa_refine_trials_invalid_func);
	g_test_add_data_func("/aa/refine/trials-no-vm-column", "invalid-trials-no-vm-column.csv",
	                     aa_refine_trials_invalid_func);
	g_test_add_data_func("/aa/refine/trials-empty", "invalid-trials-empty.csv",
	                     aa_refine_trials_invalid_func);
	g_test_add_data_func("/aa/refine/trials-fractional", "invalid-trials-fractional-cores.csv",
	                     aa_refine_trials_invalid_func);
	for (guint t = 0; t < G_N_ELEMENTS(aa_refine_fixture_tests); t++)
		g_test_add(aa_refine_fixture_tests[t].path, AaRefineFixture, NULL,
		           aa_refine_fixture_setup, aa_refine_fixture_tests[t].func,
		           aa_refine_fixture_teardown);
	return g_test_run();
}
