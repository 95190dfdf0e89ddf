/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "aa-search-private.h"

typedef struct {
	AaAlloc alloc;
	gdouble score;
} AaTestCandidate;

typedef struct {
	AaCapacity cap;
	guint quantum;
	guint n;
	GArray *cands[4]; /* AaTestCandidate, lexicographic order */
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
	    m > inst->cap.memory_mib / inst->quantum * inst->quantum ||
	    g > inst->cap.gpu_slices || v > inst->cap.gpu_vfs)
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

static void
aa_test_random_instance(GRand *rand, AaTestInstance *inst)
{
	inst->n = (guint)g_rand_int_range(rand, 1, 5);
	inst->quantum = 128;
	inst->cap.p_cores = g_rand_int_range(rand, 0, 5);
	inst->cap.e_cores = g_rand_int_range(rand, 0, 4);
	inst->cap.memory_mib = g_rand_int_range(rand, 0, 6 * 128 + 100);
	inst->cap.gpu_slices = g_rand_int_range(rand, 0, 4);
	inst->cap.gpu_vfs = g_rand_int_range(rand, 0, 3);
	for (guint i = 0; i < inst->n; i++) {
		gdouble keep = g_rand_double_range(rand, 0.2, 1.0);
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
						/* coarse values so that ties are common, and some
						 * differences below the tie distance */
						c.score = g_rand_int_range(rand, 0, 6) * 0.25;
						if (g_rand_int_range(rand, 0, 4) == 0)
							c.score += g_rand_int_range(rand, 0, 3) * 3e-10;
						g_array_append_val(inst->cands[i], c);
					}
				}
			}
		}
	}
}

static AaSearchResult *
aa_test_solve(const AaTestInstance *inst)
{
	g_autoptr(AaSearchTable) table = aa_search_table_new(&inst->cap, inst->quantum, inst->n);
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
aa_search_table_random_func(void)
{
	g_autoptr(GRand) rand = g_rand_new_with_seed(20260101);
	guint n_feasible = 0;
	for (guint round = 0; round < 400; round++) {
		AaTestInstance inst = {0};
		AaTestEnum en = {0};
		g_autoptr(AaSearchResult) result = NULL;

		aa_test_random_instance(rand, &inst);
		result = aa_test_solve(&inst);

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
			g_assert_cmpint(aa_test_alloc_cmp(&g_array_index(result->allocs, AaAlloc, i),
							  &c->alloc), ==, 0);
		}
		g_assert_cmpuint(result->nodes, >, 0);
		aa_test_instance_clear(&inst);
	}
	/* the generator must exercise the interesting case most of the time */
	g_assert_cmpuint(n_feasible, >, 200);
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

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/aa/search/table-random", aa_search_table_random_func);
	g_test_add_func("/aa/search/table-dominance", aa_search_table_dominance_func);
	g_test_add_func("/aa/search/table-ties", aa_search_table_ties_func);
	g_test_add_func("/aa/search/table-infeasible", aa_search_table_infeasible_func);
	return g_test_run();
}
