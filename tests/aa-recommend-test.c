/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Recommendations on the real adl-asrock board and its shared.xml scenario,
 * checked against optima computed here independently of aa-model.c and
 * aa-search.c: a brute force over every allocation of the fixture, with the
 * MODEL.md formulas written out again and the profile vectors worked out by
 * hand from fixtures/profiles/.
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>

#include "aa-capacity.h"
#include "aa-context-private.h"
#include "aa-error.h"
#include "aa-recommend.h"
#include "aa-xml.h"
#include "aa-test-util.h"

/* the independent model: one VM of the fixture, parameters by hand */
typedef struct {
	gboolean rt;
	gdouble r_prof[3]; /* cpu, memory, gpu */
	gdouble r_min[3];
	gdouble lambda;
	gdouble util_weight[3];
	guint n_qos;
	gboolean higher[2];
	gdouble target[2];
	gdouble weight[2];
	gdouble q_prof[2];
	gboolean deadline; /* the only metric is deadline-miss-ratio */
	guint rt_min_cpus;
	gint64 lo[4];
	gint64 hi[4]; /* p, e, memory, gpu */
} AaBfVm;

#define AA_BF_ETA 0.6
#define AA_BF_INF G_MAXINT32

/* valid-intent-rtos-p-cores.xml, profiles worked out in the CSV comments */
/* a VM a row, in the order of AaBfVm's members */
/* clang-format off */
static const AaBfVm aa_bf_vms[] = {
    /* POST_STD_VM1: cpu p95 3.0, RSS max 4000, gpu 0.60 x 4 = 2.4; fps 60, frame time 14 */
    {FALSE, {3.0, 4000, 2.4}, {0.5, 1000, 0}, 0.05, {0.1, 0.5, 0.4}, 2, {TRUE, FALSE},
     {55, 16.7}, {0.8, 0.2}, {60, 14}, FALSE, 0, {0, 0, 2048, 0}, {AA_BF_INF, AA_BF_INF, 8192, 4}},
    /* POST_RT_VM1: cpu 1.5, RSS 800; task set U = 0.7 + 0.6 + 0.3 needs 2 vCPUs */
    {TRUE, {1.5, 800, 0}, {0.5, 200, 0}, 0.1, {1, 0, 0}, 1, {FALSE, FALSE},
     {0, 0}, {1, 0}, {0, 0}, TRUE, 2, {0, 0, 0, 0}, {AA_BF_INF, AA_BF_INF, 2048, 0}},
    /* POST_STD_VM2: cpu 1.0, RSS 2000, no GPU; ops 1000 */
    {FALSE, {1.0, 2000, 0}, {0.5, 500, 0}, 0.2, {0.5, 0.5, 0}, 1, {TRUE, FALSE},
     {900, 0}, {1, 0}, {1000, 0}, FALSE, 0, {0, 0, 0, 0}, {AA_BF_INF, AA_BF_INF, 4096, 0}},
};
/* clang-format on */

static gdouble
aa_bf_impact(gdouble x, gdouble r_prof, gdouble r_min)
{
	gdouble alpha, c;
	if (r_prof <= 0)
		return 1;
	alpha = 0.9 / (r_prof - r_min);
	if (x < r_prof)
		return alpha * (x - r_min);
	c = 1 - alpha * (r_prof - r_min);
	return 1 - c * exp(-alpha / c * (x - r_prof));
}

static gdouble
aa_bf_score(const AaBfVm *vm, const gint64 *r)
{
	gdouble x[3] = {r[0] + AA_BF_ETA * r[1], r[2], r[3]};
	gdouble f = 1;
	gdouble perf = 0;
	gdouble util = 0;

	for (guint k = 0; k < 3; k++)
		f *= aa_bf_impact(x[k], vm->r_prof[k], vm->r_min[k]);
	for (guint j = 0; j < vm->n_qos; j++) {
		gdouble s;
		if (vm->deadline)
			s = r[0] >= vm->rt_min_cpus ? 1 : 0;
		else if (vm->higher[j])
			s = MIN(1, vm->q_prof[j] * f / vm->target[j]);
		else
			s = MAX(0, 1 - (vm->q_prof[j] / f) / vm->target[j]);
		perf += vm->weight[j] * s;
	}
	for (guint k = 0; k < 3; k++) {
		if (vm->r_prof[k] > 0)
			util += vm->util_weight[k] * MIN(1, vm->r_prof[k] / x[k]);
	}
	return perf + vm->lambda * util; /* objective balanced: lambda x1 */
}

typedef struct {
	gint64 r[4];
	gdouble score;
} AaBfCandidate;

/* every r in F_i within the capacity (P 7, E 4, 28189 MiB, 4 slices; quantum 1024) */
static GArray *
aa_bf_candidates(const AaBfVm *vm)
{
	const gint64 cap[4] = {7, 4, 28189, 4};
	GArray *out = g_array_new(FALSE, FALSE, sizeof(AaBfCandidate));
	for (gint64 p = 0; p <= cap[0]; p++) {
		for (gint64 e = 0; e <= cap[1]; e++) {
			if ((p > 0 && e > 0) || p + e < 1 || (vm->rt && e > 0))
				continue;
			if (p + AA_BF_ETA * e <= vm->r_min[0])
				continue;
			for (gint64 m = 1024; m <= cap[2]; m += 1024) {
				if (m <= vm->r_min[1])
					continue;
				for (gint64 g = 0; g <= cap[3]; g++) {
					AaBfCandidate c = {{p, e, m, g}, 0};
					gboolean ok = !(vm->r_prof[2] > 0 && g <= vm->r_min[2]);
					for (guint d = 0; d < 4; d++)
						ok &= c.r[d] >= vm->lo[d] && c.r[d] <= vm->hi[d];
					if (!ok)
						continue;
					c.score = aa_bf_score(vm, c.r);
					g_array_append_val(out, c);
				}
			}
		}
	}
	return out;
}

/* the optimum with the tie rule of MODEL.md: lexicographically smallest
 * among objectives within 1e-9 of the best; two passes, loops in lex order */
static gdouble
aa_bf_optimum(gint64 best[3][4])
{
	const gint64 cap[4] = {7, 4, 28189, 4};
	g_autoptr(GArray) c0 = aa_bf_candidates(&aa_bf_vms[0]);
	g_autoptr(GArray) c1 = aa_bf_candidates(&aa_bf_vms[1]);
	g_autoptr(GArray) c2 = aa_bf_candidates(&aa_bf_vms[2]);
	gdouble max = -G_MAXDOUBLE;

	for (guint pass = 0; pass < 2; pass++) {
		for (guint a = 0; a < c0->len; a++) {
			const AaBfCandidate *x = &g_array_index(c0, AaBfCandidate, a);
			for (guint b = 0; b < c1->len; b++) {
				const AaBfCandidate *y = &g_array_index(c1, AaBfCandidate, b);
				for (guint c = 0; c < c2->len; c++) {
					const AaBfCandidate *z =
					    &g_array_index(c2, AaBfCandidate, c);
					gdouble obj = x->score + y->score + z->score;
					gboolean ok = TRUE;
					for (guint d = 0; d < 4; d++)
						ok &= x->r[d] + y->r[d] + z->r[d] <= cap[d];
					if (!ok)
						continue;
					if (pass == 0) {
						max = MAX(max, obj);
						continue;
					}
					if (obj >= max - 1e-9) {
						memcpy(best[0], x->r, sizeof(x->r));
						memcpy(best[1], y->r, sizeof(y->r));
						memcpy(best[2], z->r, sizeof(z->r));
						return max;
					}
				}
			}
		}
	}
	g_assert_not_reached();
	return 0;
}

/* ACRN's adl-asrock board and shared scenario with fixtures/@intent_fixture */
static AaPluginContext *
aa_test_context(const gchar *intent_fixture)
{
	g_autofree gchar *intent = aa_test_fixture_path(intent_fixture, NULL);
	return aa_test_context_acrn("adl-asrock", intent);
}

static gchar *
aa_test_recommend(AaPluginContext *ctx, const gchar *strategy, const gchar *output, GError **error)
{
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
	g_hash_table_insert(options, (gpointer) "strategy", (gpointer)strategy);
	g_hash_table_insert(options, (gpointer) "output", (gpointer)output);
	/* the numbers below are MODEL.md's, worked by hand: the paper model */
	g_hash_table_insert(options, (gpointer) "model", (gpointer) "paper");
	return aa_recommend_run(ctx, options, error);
}

static void
aa_test_assert_alloc(xmlDoc *doc, const gchar *parent, const gchar *vm, const gint64 *r)
{
	const gchar *attrs[] = {"p-cores", "e-cores", "memory-mib", "gpu-slices"};
	for (guint d = 0; d < 4; d++) {
		g_autofree gchar *expr = NULL;
		g_autofree gchar *text = NULL;
		if (g_strcmp0(parent, "vm") == 0)
			expr = g_strdup_printf(
			    "string(/recommendation/vm[@name='%s']/allocation/@%s)", vm, attrs[d]);
		else
			expr = g_strdup_printf("string(/recommendation/baseline[@strategy='%s']/"
			                       "allocation[@vm='%s']/@%s)",
			                       parent, vm, attrs[d]);
		text = aa_test_xpath_string(doc, expr);
		if (g_ascii_strtoll(text, NULL, 10) != r[d] || text[0] == '\0')
			g_error("%s: %s of %s is '%s', expected %" G_GINT64_FORMAT, parent,
			        attrs[d], vm, text, r[d]);
	}
}

static void
aa_test_assert_pcpus(xmlDoc *doc, const gchar *vm, const gchar *expected)
{
	g_autofree gchar *expr =
	    g_strdup_printf("/recommendation/vm[@name='%s']/allocation/pcpu/@id", vm);
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) nodes = aa_xml_xpath(doc, NULL, expr, &error);
	g_autoptr(GString) ids = g_string_new(NULL);
	g_assert_no_error(error);
	for (guint i = 0; i < nodes->len; i++) {
		g_autofree gchar *text = aa_xml_text(g_ptr_array_index(nodes, i));
		g_string_append_printf(ids, "%s%s", i > 0 ? "," : "", text);
	}
	g_assert_cmpstr(ids->str, ==, expected);
}

/* the fixture's VMs, and the hand-worked baselines of its comment */
static const gchar *const aa_rec_names[] = {"POST_STD_VM1", "POST_RT_VM1", "POST_STD_VM2"};
static const gint64 aa_rec_equal[3][4] = {{3, 0, 8192, 4}, {3, 0, 2048, 0}, {0, 3, 4096, 0}};
static const gint64 aa_rec_prop[3][4] = {{4, 0, 8192, 4}, {3, 0, 2048, 0}, {0, 2, 4096, 0}};

/* a fresh folder and the recommendation's path in it */
static gchar *
aa_recommend_tmp_output(gchar **dir)
{
	*dir = aa_test_tmpdir("aa-recommend-XXXXXX");
	return g_build_filename(*dir, "recommendation.xml", NULL);
}

/* runs the strategy, which must succeed, and loads the schema-valid output */
static xmlDoc *
aa_recommend_load(AaPluginContext *ctx, const gchar *strategy, const gchar *out)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *summary = aa_test_recommend(ctx, strategy, out, &error);
	xmlDoc *doc;

	g_assert_no_error(error);
	g_assert_nonnull(summary);
	g_test_message("%s", summary);
	doc = aa_xml_load_file(out, &error);
	g_assert_no_error(error);
	aa_test_assert_schema_valid(doc, "recommendation.xsd");
	return doc;
}

static void
aa_recommend_capacity_func(void)
{
	g_autoptr(AaPluginContext) ctx = aa_test_context("valid-intent-rtos-p-cores.xml");
	g_autoptr(AaPluginContext) ctx2 = aa_test_context("infeasible-intent-p-cores.xml");
	g_autoptr(GError) error = NULL;
	g_autoptr(AaCapacityInfo) cap = NULL;
	g_autoptr(AaCapacityInfo) cap2 = NULL;

	/* 8 P - CPU 0; 32541 - 4096 - 256 MiB; the policy's 4 slices; 7 VFs */
	cap = aa_capacity_compute(ctx->board, ctx->scenario, ctx->intent, &error);
	g_assert_no_error(error);
	g_assert_cmpint(cap->board_p_cores, ==, 8);
	g_assert_cmpint(cap->board_e_cores, ==, 4);
	g_assert_cmpint(cap->board_memory_mib, ==, 32541);
	g_assert_cmpint(cap->capacity.p_cores, ==, 7);
	g_assert_cmpint(cap->capacity.e_cores, ==, 4);
	g_assert_cmpint(cap->capacity.memory_mib, ==, 28189);
	g_assert_cmpint(cap->capacity.gpu_slices, ==, 4);
	g_assert_cmpint(cap->capacity.gpu_vfs, ==, 7);
	g_assert_cmpuint(cap->service_pcpus->len, ==, 1);
	g_assert_cmpuint(g_array_index(cap->service_pcpus, guint, 0), ==, 0);
	g_assert_cmpuint(cap->kept.vms->len, ==, 0);

	/* POST_STD_VM2 is not mentioned: it keeps CPUs 0,1 (0 already reserved) and 2048 MiB */
	cap2 = aa_capacity_compute(ctx2->board, ctx2->scenario, ctx2->intent, &error);
	g_assert_no_error(error);
	g_assert_cmpint(cap2->capacity.p_cores, ==, 6);
	g_assert_cmpint(cap2->capacity.e_cores, ==, 4);
	g_assert_cmpint(cap2->capacity.memory_mib, ==, 28189 - 2048);
	g_assert_cmpint(cap2->capacity.gpu_slices, ==, 10);
	g_assert_cmpuint(cap2->taken->len, ==, 2);
	g_assert_cmpuint(cap2->kept.vms->len, ==, 1);

	/* the scenario's RTVM is rt whatever its class */
	g_assert_true(
	    aa_capacity_vm_is_rt(ctx->scenario, aa_intent_get_vm(ctx->intent, "POST_RT_VM1")));
	g_assert_false(
	    aa_capacity_vm_is_rt(ctx->scenario, aa_intent_get_vm(ctx->intent, "POST_STD_VM1")));
}

static void
aa_recommend_optimal_func(void)
{
	g_autoptr(AaPluginContext) ctx = aa_test_context("valid-intent-rtos-p-cores.xml");
	g_autofree gchar *dir = NULL;
	g_autofree gchar *out = aa_recommend_tmp_output(&dir);
	g_autoptr(xmlDoc) doc = NULL;
	gint64 best[3][4];
	gdouble expected;
	gdouble equal_obj = 0;
	gdouble prop_obj = 0;

	/* the independent optimum, and what the fixture's comment says it is */
	expected = aa_bf_optimum(best);
	g_assert_cmpfloat_with_epsilon(expected, 3.1247636337, 1e-9);
	g_assert_cmpint(best[0][0], ==, 4);
	g_assert_cmpint(best[0][2], ==, 5120);
	g_assert_cmpint(best[0][3], ==, 3);
	g_assert_cmpint(best[1][0], ==, 2);
	g_assert_cmpint(best[2][1], ==, 2);
	g_assert_cmpint(best[2][2], ==, 2048);
	for (guint i = 0; i < 3; i++) {
		equal_obj += aa_bf_score(&aa_bf_vms[i], aa_rec_equal[i]);
		prop_obj += aa_bf_score(&aa_bf_vms[i], aa_rec_prop[i]);
	}

	doc = aa_recommend_load(ctx, "optimal", out);

	/* the search found the same optimum */
	g_assert_cmpfloat_with_epsilon(aa_test_xpath_double(doc, "string(/recommendation/search/"
	                                                         "@objective)"),
	                               expected, 1e-7);
	aa_test_assert_xpath(doc, "string(/recommendation/search/@optimal)", "true");
	for (guint i = 0; i < 3; i++)
		aa_test_assert_alloc(doc, "vm", aa_rec_names[i], best[i]);

	/* the RT VM left the E-cores of the scenario for isolated P-cores */
	aa_test_assert_pcpus(doc, "POST_RT_VM1", "1,2");
	aa_test_assert_xpath(
	    doc, "string(/recommendation/vm[@name='POST_RT_VM1']/allocation/@isolated)", "true");
	aa_test_assert_pcpus(doc, "POST_STD_VM1", "3,4,5,6");
	aa_test_assert_pcpus(doc, "POST_STD_VM2", "8,9");
	aa_test_assert_xpath(doc,
	                     "string(/recommendation/vm[@name='POST_STD_VM1']/"
	                     "allocation/gpu-vf/@bdf)",
	                     "00:02.1");
	aa_test_assert_xpath(doc, "string(/recommendation/vm[@name='POST_RT_VM1']/@rt)", "true");
	aa_test_assert_xpath(doc, "string(/recommendation/capacity/@memory-mib)", "28189");
	aa_test_assert_xpath(doc, "string(/recommendation/service-vm/pcpu/@id)", "0");

	/* per VM scores and the predictions */
	for (guint i = 0; i < 3; i++) {
		g_autofree gchar *expr = g_strdup_printf(
		    "string(/recommendation/vm[@name='%s']/score/@total)", aa_rec_names[i]);
		g_assert_cmpfloat_with_epsilon(aa_test_xpath_double(doc, expr),
		                               aa_bf_score(&aa_bf_vms[i], best[i]), 1e-7);
	}
	aa_test_assert_xpath(doc,
	                     "string(/recommendation/vm[@name='POST_RT_VM1']/"
	                     "predicted[@metric='deadline-miss-ratio']/@value)",
	                     "0");
	aa_test_assert_xpath(doc,
	                     "string(/recommendation/vm[@name='POST_STD_VM1']/"
	                     "predicted[@metric='fps']/@met)",
	                     "true");

	/* both baselines, as worked by hand */
	for (guint i = 0; i < 3; i++) {
		aa_test_assert_alloc(doc, "equal", aa_rec_names[i], aa_rec_equal[i]);
		aa_test_assert_alloc(doc, "proportional", aa_rec_names[i], aa_rec_prop[i]);
	}
	g_assert_cmpfloat_with_epsilon(equal_obj, 2.9825099593, 1e-9);
	g_assert_cmpfloat_with_epsilon(prop_obj, 3.0419526992, 1e-9);
	g_assert_cmpfloat_with_epsilon(
	    aa_test_xpath_double(doc, "string(/recommendation/baseline[@strategy='equal']/"
	                              "@objective)"),
	    equal_obj, 1e-7);
	g_assert_cmpfloat_with_epsilon(
	    aa_test_xpath_double(doc, "string(/recommendation/baseline[@strategy='proportional']/"
	                              "@objective)"),
	    prop_obj, 1e-7);

	g_unlink(out);
	g_rmdir(dir);
}

static void
aa_recommend_strategy_func(gconstpointer user_data)
{
	const gchar *strategy = user_data;
	g_autoptr(AaPluginContext) ctx = aa_test_context("valid-intent-rtos-p-cores.xml");
	g_autofree gchar *dir = NULL;
	g_autofree gchar *out = aa_recommend_tmp_output(&dir);
	g_autoptr(xmlDoc) doc = NULL;
	gboolean is_equal = g_strcmp0(strategy, "equal") == 0;
	gdouble objective = 0;

	doc = aa_recommend_load(ctx, strategy, out);
	aa_test_assert_xpath(doc, "string(/recommendation/@strategy)", strategy);
	aa_test_assert_xpath(doc, "string(/recommendation/search/@optimal)", "false");
	for (guint i = 0; i < 3; i++) {
		const gint64 *r = is_equal ? aa_rec_equal[i] : aa_rec_prop[i];
		aa_test_assert_alloc(doc, "vm", aa_rec_names[i], r);
		objective += aa_bf_score(&aa_bf_vms[i], r);
	}
	g_assert_cmpfloat_with_epsilon(
	    aa_test_xpath_double(doc, "string(/recommendation/search/@objective)"), objective,
	    1e-7);
	/* RT first on the lowest isolated P-cores, then the rest in intent order */
	aa_test_assert_pcpus(doc, "POST_RT_VM1", "1,2,3");
	aa_test_assert_pcpus(doc, "POST_STD_VM1", is_equal ? "4,5,6" : "4,5,6,7");
	aa_test_assert_pcpus(doc, "POST_STD_VM2", is_equal ? "8,9,10" : "8,9");
	g_unlink(out);
	g_rmdir(dir);
}

static void
aa_recommend_infeasible_func(void)
{
	g_autoptr(AaPluginContext) ctx = aa_test_context("infeasible-intent-p-cores.xml");
	g_autoptr(GError) error = NULL;
	g_autofree gchar *dir = NULL;
	g_autofree gchar *out = aa_recommend_tmp_output(&dir);
	g_autofree gchar *summary = aa_test_recommend(ctx, "optimal", out, &error);

	g_assert_null(summary);
	g_assert_error(error, AA_ERROR, AA_ERROR_INFEASIBLE);
	g_test_message("%s", error->message);
	/* the message is the feature: the explanation names the file, the resource
	 * and the VMs */
	aa_test_assert_contains(error->message, "infeasible-intent-p-cores.xml", "P-core",
	                        "POST_STD_VM1", "POST_RT_VM1", NULL);
	/* nothing written */
	g_assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
	g_rmdir(dir);
}

static void
aa_recommend_bad_strategy_func(void)
{
	g_autoptr(AaPluginContext) ctx = aa_test_context("valid-intent-rtos-p-cores.xml");
	g_autoptr(GError) error = NULL;
	g_autofree gchar *summary = aa_test_recommend(ctx, "greedy", "/nonexistent/r.xml", &error);
	g_assert_null(summary);
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT);
}

/* end to end through the host binary: exit codes 0, 1 and 2 */
static gint
aa_test_host(const gchar *intent_fixture, const gchar *strategy, const gchar *output, gchar **err)
{
	g_autofree gchar *board = aa_test_acrn_data("adl-asrock", "adl-asrock.xml");
	g_autofree gchar *scenario = aa_test_acrn_data("adl-asrock", "shared.xml");
	g_autofree gchar *intent = aa_test_fixture_path(intent_fixture, NULL);
	g_autofree gchar *out = NULL;
	const gchar *manifest = g_getenv("AA_BUILD_MANIFEST");

	g_assert_nonnull(manifest);
	/* the summary goes to stdout, which must not reach the TAP stream */
	return aa_test_host_run(&out, err, "--plugin-manifest", manifest, "recommend", "--board",
	                        board, "--scenario", scenario, "--intent", intent, "--strategy",
	                        strategy, "-o", output, NULL);
}

static void
aa_recommend_host_func(void)
{
	g_autofree gchar *dir = NULL;
	g_autofree gchar *out = aa_recommend_tmp_output(&dir);
	g_autofree gchar *err0 = NULL;
	g_autofree gchar *err1 = NULL;
	g_autofree gchar *err2 = NULL;
	g_autofree gchar *err3 = NULL;

	g_assert_cmpint(aa_test_host("valid-intent-rtos-p-cores.xml", "optimal", out, &err0), ==,
	                0);
	g_assert_true(g_file_test(out, G_FILE_TEST_IS_REGULAR));
	g_unlink(out);
	g_assert_cmpint(aa_test_host("infeasible-intent-p-cores.xml", "optimal", out, &err1), ==,
	                1);
	g_assert_nonnull(strstr(err1, "P-core"));
	g_assert_cmpint(aa_test_host("invalid-intent-class.xml", "optimal", out, &err2), ==, 2);
	g_assert_nonnull(strstr(err2, "invalid-intent-class.xml:5:"));
	g_assert_cmpint(aa_test_host("valid-intent-rtos-p-cores.xml", "greedy", out, &err3), ==, 2);
	g_assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
	g_rmdir(dir);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/aa/recommend/capacity", aa_recommend_capacity_func);
	g_test_add_func("/aa/recommend/optimal", aa_recommend_optimal_func);
	g_test_add_data_func("/aa/recommend/strategy-equal", "equal", aa_recommend_strategy_func);
	g_test_add_data_func("/aa/recommend/strategy-proportional", "proportional",
	                     aa_recommend_strategy_func);
	g_test_add_func("/aa/recommend/infeasible", aa_recommend_infeasible_func);
	g_test_add_func("/aa/recommend/bad-strategy", aa_recommend_bad_strategy_func);
	g_test_add_func("/aa/recommend/host", aa_recommend_host_func);
	return g_test_run();
}
