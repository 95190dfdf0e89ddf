/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The exact core of the optimal search (MODEL.md, Search).  Every VM has a
 * list of candidate allocations with a precomputed VMOptScore; the solver
 *
 *  1. drops dominated candidates: r is dropped when another candidate r' of
 *     the same VM uses no more of any resource (r' <= r componentwise, so also
 *     no more VFs) and scores at least as much; r' is lexicographically
 *     smaller, so r can be neither the optimum nor its tie-break winner;
 *  2. builds admissible bounds for every suffix of VMs: three knapsack
 *     relaxations that each keep one resource group exact (pCPUs, memory,
 *     GPU slices and VFs) and let every VM have the best score its own
 *     choice in that group allows;
 *  3. runs a depth-first branch and bound in intent order with the
 *     candidates sorted by score, which finds the optimum value;
 *  4. runs it again with the candidates in lexicographic order and the
 *     threshold optimum - 1e-9: the first allocation that reaches it is the
 *     lexicographically smallest of those that tie with the optimum.
 *
 * Objectives are summed in intent order starting from 0.0, exactly as a plain
 * enumeration would sum them, so both see the same floating-point values.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "aa-search-private.h"

/* objectives within this distance are equal (MODEL.md) */
#define AA_SEARCH_TIE 1e-9
/* headroom for rounding in the bounds, far below the tie distance */
#define AA_SEARCH_SLACK 1e-11

typedef struct {
	gint32 use[AA_USE_COUNT];
	gdouble score;
} AaCandidate;

/* private */
struct _AaSearchTable {
	guint n_vms;
	guint quantum;
	gint64 cap[AA_USE_COUNT];
	GArray **cands;     /* AaCandidate per VM */
	gboolean *filtered; /* cands[i] holds no dominated candidate */
	guint last_vm;
};

/* memory prices of the relaxations that keep pCPUs, GPU slices and VFs exact */
#define AA_SEARCH_N_PRICES 10

typedef struct {
	AaSearchTable *table;
	guint n;
	GArray **by_score; /* AaCandidate per VM, best score first */
	GArray **by_lex;   /* AaCandidate per VM, lexicographic */
	gdouble *sbest;    /* [i]: sum of the best scores of VMs i.. */
	gdouble *h_mem;    /* [i][M] */
	gdouble price[AA_SEARCH_N_PRICES];
	gdouble *h_cg[AA_SEARCH_N_PRICES]; /* [i][P][E][G][V] */
	gint64 dim_p;
	gint64 dim_e;
	gint64 dim_m;
	gint64 dim_g;
	gint64 dim_v;
	gsize cg_cells;
	gint64 left[AA_USE_COUNT];
	const AaCandidate **path;
	const AaCandidate **best_path;
	gdouble best;
	gdouble threshold;
	guint64 nodes;
	guint64 pruned;
} AaSearchContext;

/**
 * aa_search_table_new:
 * @capacity: what the VMs may share
 * @memory_quantum_mib: memory step, > 0
 * @n_vms: number of VMs, in intent order
 *
 * Returns: (transfer full): an empty candidate table
 */
AaSearchTable *
aa_search_table_new(const AaCapacity *capacity, guint memory_quantum_mib, guint n_vms)
{
	AaSearchTable *self = NULL;
	g_return_val_if_fail(memory_quantum_mib > 0, NULL);
	self = g_new0(AaSearchTable, 1);
	self->n_vms = n_vms;
	self->quantum = memory_quantum_mib;
	self->cap[AA_USE_P_CORES] = CLAMP(capacity->p_cores, 0, G_MAXINT32);
	self->cap[AA_USE_E_CORES] = CLAMP(capacity->e_cores, 0, G_MAXINT32);
	self->cap[AA_USE_MEMORY_QUANTA] =
	    CLAMP(capacity->memory_mib, 0, G_MAXINT32) / memory_quantum_mib;
	self->cap[AA_USE_GPU_SLICES] = CLAMP(capacity->gpu_slices, 0, G_MAXINT32);
	self->cap[AA_USE_GPU_VFS] = CLAMP(capacity->gpu_vfs, 0, G_MAXINT32);
	self->cands = g_new0(GArray *, MAX(n_vms, 1));
	self->filtered = g_new0(gboolean, MAX(n_vms, 1));
	for (guint i = 0; i < n_vms; i++)
		self->cands[i] = g_array_new(FALSE, FALSE, sizeof(AaCandidate));
	return self;
}

void
aa_search_table_free(AaSearchTable *self)
{
	if (self == NULL)
		return;
	for (guint i = 0; i < self->n_vms; i++)
		g_array_unref(self->cands[i]);
	g_free(self->cands);
	g_free(self->filtered);
	g_free(self);
}

static gint
aa_search_candidate_lex_cmp(gconstpointer a, gconstpointer b)
{
	const AaCandidate *ca = a;
	const AaCandidate *cb = b;
	/* memory quanta order like memory in MiB */
	for (guint k = 0; k < AA_USE_GPU_VFS; k++) {
		if (ca->use[k] != cb->use[k])
			return ca->use[k] < cb->use[k] ? -1 : 1;
	}
	return 0;
}

static gint
aa_search_candidate_score_cmp(gconstpointer a, gconstpointer b)
{
	const AaCandidate *ca = a;
	const AaCandidate *cb = b;
	if (ca->score != cb->score)
		return ca->score > cb->score ? -1 : 1;
	return aa_search_candidate_lex_cmp(a, b);
}

/*
 * Dominance filter.  The CPU part of a candidate is a node of a tree: (0,0)
 * with a chain of P-core counts and a chain of E-core counts below it, since
 * P and E are never mixed; memory quanta and GPU slices are chains (and the
 * VF follows the slices).  A running maximum over that product order gives,
 * for every cell, the best score of all cells strictly below it.  Returns the
 * kept candidates in lexicographic order.
 */
static GArray *
aa_search_filter_dominated(GArray *cands)
{
	gint64 max_p = 0;
	gint64 max_e = 0;
	gint64 min_m = G_MAXINT64;
	gint64 max_m = 0;
	gint64 min_g = G_MAXINT64;
	gint64 max_g = 0;
	gsize n_cpu;
	gsize n_m;
	gsize n_g;
	gsize n_cells;
	g_autofree gdouble *own = NULL;
	g_autofree gdouble *below = NULL;
	g_autofree gint32 *index = NULL;
	GArray *kept = g_array_new(FALSE, FALSE, sizeof(AaCandidate));

	if (cands->len == 0)
		return kept;
	for (guint j = 0; j < cands->len; j++) {
		const AaCandidate *c = &g_array_index(cands, AaCandidate, j);
		max_p = MAX(max_p, c->use[AA_USE_P_CORES]);
		max_e = MAX(max_e, c->use[AA_USE_E_CORES]);
		min_m = MIN(min_m, c->use[AA_USE_MEMORY_QUANTA]);
		max_m = MAX(max_m, c->use[AA_USE_MEMORY_QUANTA]);
		min_g = MIN(min_g, c->use[AA_USE_GPU_SLICES]);
		max_g = MAX(max_g, c->use[AA_USE_GPU_SLICES]);
	}
	n_cpu = (gsize)(max_p + max_e + 1);
	n_m = (gsize)(max_m - min_m + 1);
	n_g = (gsize)(max_g - min_g + 1);
	n_cells = n_cpu * n_m * n_g;
	own = g_new(gdouble, n_cells);
	below = g_new(gdouble, n_cells);
	index = g_new(gint32, n_cells);
	for (gsize x = 0; x < n_cells; x++) {
		own[x] = -INFINITY;
		index[x] = -1;
	}

	/* cpu index: p for (p,0), max_p + e for (0,e) */
	for (guint j = 0; j < cands->len; j++) {
		const AaCandidate *c = &g_array_index(cands, AaCandidate, j);
		gsize ci = c->use[AA_USE_E_CORES] > 0 ? (gsize)(max_p + c->use[AA_USE_E_CORES])
		                                      : (gsize)c->use[AA_USE_P_CORES];
		gsize x = (ci * n_m + (gsize)(c->use[AA_USE_MEMORY_QUANTA] - min_m)) * n_g +
		          (gsize)(c->use[AA_USE_GPU_SLICES] - min_g);
		/* a duplicate keeps its best score */
		if (index[x] < 0 || c->score > own[x]) {
			own[x] = c->score;
			index[x] = (gint32)j;
		}
	}

	/* parents always have a smaller cpu index, so one ascending pass works */
	for (gsize ci = 0; ci < n_cpu; ci++) {
		gssize parent;
		if (ci == 0)
			parent = -1;
		else if (ci == (gsize)max_p + 1)
			parent = 0;
		else
			parent = (gssize)ci - 1;
		for (gsize mi = 0; mi < n_m; mi++) {
			for (gsize gi = 0; gi < n_g; gi++) {
				gsize x = (ci * n_m + mi) * n_g + gi;
				gdouble strict = -INFINITY;
				if (parent >= 0)
					strict = MAX(strict,
					             below[((gsize)parent * n_m + mi) * n_g + gi]);
				if (mi > 0)
					strict = MAX(strict, below[(ci * n_m + mi - 1) * n_g + gi]);
				if (gi > 0)
					strict = MAX(strict, below[x - 1]);
				below[x] = MAX(strict, own[x]);
				if (index[x] >= 0 && own[x] > strict) {
					g_array_append_val(
					    kept, g_array_index(cands, AaCandidate, index[x]));
				}
			}
		}
	}
	g_array_sort(kept, aa_search_candidate_lex_cmp);
	return kept;
}

static void
aa_search_table_filter(AaSearchTable *self, guint vm)
{
	GArray *kept;
	if (self->filtered[vm])
		return;
	kept = aa_search_filter_dominated(self->cands[vm]);
	g_array_unref(self->cands[vm]);
	self->cands[vm] = kept;
	self->filtered[vm] = TRUE;
}

/**
 * aa_search_table_add:
 * @self: a table
 * @vm: VM index in intent order
 * @alloc: a candidate in the VM's feasible set: P- and E-cores never mixed,
 *	   memory a multiple of the quantum
 * @score: its VMOptScore
 *
 * Adds a candidate.  One that exceeds the capacity on its own can never be
 * chosen and is not stored.  Adding to the next VM drops the dominated
 * candidates of the previous one, so a VM's whole set is never held at once.
 */
void
aa_search_table_add(AaSearchTable *self, guint vm, const AaAlloc *alloc, gdouble score)
{
	AaCandidate c = {0};
	gint64 use[AA_USE_COUNT];
	g_return_if_fail(vm < self->n_vms);
	g_return_if_fail(alloc->p_cores == 0 || alloc->e_cores == 0);
	g_return_if_fail(alloc->p_cores >= 0 && alloc->e_cores >= 0);
	g_return_if_fail(alloc->memory_mib >= 0 && alloc->gpu_slices >= 0);
	g_return_if_fail(alloc->memory_mib % self->quantum == 0);
	g_return_if_fail(!isnan(score));

	use[AA_USE_P_CORES] = alloc->p_cores;
	use[AA_USE_E_CORES] = alloc->e_cores;
	use[AA_USE_MEMORY_QUANTA] = alloc->memory_mib / self->quantum;
	use[AA_USE_GPU_SLICES] = alloc->gpu_slices;
	use[AA_USE_GPU_VFS] = alloc->gpu_slices >= 1 ? 1 : 0;
	for (guint k = 0; k < AA_USE_COUNT; k++) {
		if (use[k] > self->cap[k])
			return;
		c.use[k] = (gint32)use[k];
	}
	c.score = score;
	if (vm != self->last_vm && self->last_vm < self->n_vms)
		aa_search_table_filter(self, self->last_vm);
	self->last_vm = vm;
	self->filtered[vm] = FALSE;
	g_array_append_val(self->cands[vm], c);
}

guint
aa_search_table_count(AaSearchTable *self, guint vm)
{
	g_return_val_if_fail(vm < self->n_vms, 0);
	return self->cands[vm]->len;
}

/* the smallest use of @use among the VM's candidates, -1 when it has none;
 * filtering keeps these minimums, a dominating candidate uses no more */
gint64
aa_search_table_min_use(AaSearchTable *self, guint vm, AaUse use)
{
	gint64 min = -1;
	g_return_val_if_fail(vm < self->n_vms, -1);
	for (guint j = 0; j < self->cands[vm]->len; j++) {
		const AaCandidate *c = &g_array_index(self->cands[vm], AaCandidate, j);
		if (min < 0 || c->use[use] < min)
			min = c->use[use];
	}
	return min;
}

/* the smallest pCPU count (P plus E) among the VM's candidates, -1 without any */
gint64
aa_search_table_min_pcpus(AaSearchTable *self, guint vm)
{
	gint64 min = -1;
	g_return_val_if_fail(vm < self->n_vms, -1);
	for (guint j = 0; j < self->cands[vm]->len; j++) {
		const AaCandidate *c = &g_array_index(self->cands[vm], AaCandidate, j);
		gint64 v = c->use[AA_USE_P_CORES] + c->use[AA_USE_E_CORES];
		if (min < 0 || v < min)
			min = v;
	}
	return min;
}

gint64
aa_search_table_capacity(AaSearchTable *self, AaUse use)
{
	return self->cap[use];
}

static gsize
aa_search_cg_index(AaSearchContext *ctx, gint64 p, gint64 e, gint64 g, gint64 v)
{
	return (gsize)(((p * ctx->dim_e + e) * ctx->dim_g + g) * ctx->dim_v + v);
}

static gdouble
aa_search_bound(AaSearchContext *ctx, guint i, const gint64 *left)
{
	gdouble ub =
	    MIN(ctx->sbest[i], ctx->h_mem[(gsize)i * ctx->dim_m + left[AA_USE_MEMORY_QUANTA]]);
	gsize x =
	    aa_search_cg_index(ctx, left[AA_USE_P_CORES], left[AA_USE_E_CORES],
	                       left[AA_USE_GPU_SLICES], MIN(left[AA_USE_GPU_VFS], ctx->dim_v - 1));
	for (guint k = 0; k < AA_SEARCH_N_PRICES; k++) {
		gdouble h = ctx->h_cg[k][(gsize)i * ctx->cg_cells + x];
		ub = MIN(ub, h + ctx->price[k] * (gdouble)left[AA_USE_MEMORY_QUANTA]);
	}
	return ub;
}

/* one VM's best (priced) score per (P, E, G, V) use, as a sparse list */
typedef struct {
	gint32 p;
	gint32 e;
	gint32 g;
	gint32 v;
	gdouble value;
} AaSearchItem;

static GArray *
aa_search_cg_items(AaSearchContext *ctx, GArray *cands, gdouble price)
{
	g_autofree gdouble *best = g_new(gdouble, ctx->cg_cells);
	GArray *items = g_array_new(FALSE, FALSE, sizeof(AaSearchItem));
	for (gsize x = 0; x < ctx->cg_cells; x++)
		best[x] = -INFINITY;
	for (guint j = 0; j < cands->len; j++) {
		const AaCandidate *c = &g_array_index(cands, AaCandidate, j);
		gsize x = aa_search_cg_index(ctx, c->use[AA_USE_P_CORES], c->use[AA_USE_E_CORES],
		                             c->use[AA_USE_GPU_SLICES],
		                             MIN(c->use[AA_USE_GPU_VFS], ctx->dim_v - 1));
		best[x] = MAX(best[x], c->score - price * c->use[AA_USE_MEMORY_QUANTA]);
	}
	for (guint j = 0; j < cands->len; j++) {
		const AaCandidate *c = &g_array_index(cands, AaCandidate, j);
		gint32 v = MIN(c->use[AA_USE_GPU_VFS], (gint32)ctx->dim_v - 1);
		gsize x = aa_search_cg_index(ctx, c->use[AA_USE_P_CORES], c->use[AA_USE_E_CORES],
		                             c->use[AA_USE_GPU_SLICES], v);
		AaSearchItem item = {c->use[AA_USE_P_CORES], c->use[AA_USE_E_CORES],
		                     c->use[AA_USE_GPU_SLICES], v, best[x]};
		if (best[x] == -INFINITY)
			continue;
		g_array_append_val(items, item);
		best[x] = -INFINITY;
	}
	return items;
}

/*
 * Admissible bounds for every suffix of VMs, each a knapsack relaxation:
 *  - memory exact, every VM free to take its best pCPUs and GPU;
 *  - pCPUs, GPU slices and VFs exact, memory relaxed by a price per quantum:
 *    sum of (score - price * quanta) plus price * quanta left bounds every
 *    completion; price 0 is the plain relaxation.
 */
static void
aa_search_build_bounds(AaSearchContext *ctx)
{
	guint n = ctx->n;
	gdouble spread = 0.0;

	ctx->sbest = g_new0(gdouble, n + 1);
	ctx->h_mem = g_new0(gdouble, (n + 1) * (gsize)ctx->dim_m);
	for (guint ii = n; ii > 0; ii--) {
		guint i = ii - 1;
		GArray *cands = ctx->by_score[i];
		gdouble *mem_next = ctx->h_mem + (gsize)(i + 1) * ctx->dim_m;
		gdouble *mem_here = ctx->h_mem + (gsize)i * ctx->dim_m;
		g_autofree gdouble *v_mem = g_new(gdouble, ctx->dim_m);
		g_autoptr(GArray) ms = g_array_new(FALSE, FALSE, sizeof(gint64));
		gdouble top = g_array_index(cands, AaCandidate, 0).score;
		gdouble bottom = top;

		for (gsize x = 0; x < (gsize)ctx->dim_m; x++)
			v_mem[x] = -INFINITY;
		for (guint j = 0; j < cands->len; j++) {
			const AaCandidate *c = &g_array_index(cands, AaCandidate, j);
			gint64 mq = c->use[AA_USE_MEMORY_QUANTA];
			if (v_mem[mq] == -INFINITY)
				g_array_append_val(ms, mq);
			v_mem[mq] = MAX(v_mem[mq], c->score);
			bottom = MIN(bottom, c->score);
		}
		spread += top - bottom;
		ctx->sbest[i] = ctx->sbest[i + 1] + top;
		for (gint64 m = 0; m < ctx->dim_m; m++) {
			gdouble best = -INFINITY;
			for (guint a = 0; a < ms->len; a++) {
				gint64 mq = g_array_index(ms, gint64, a);
				if (mq <= m)
					best = MAX(best, v_mem[mq] + mem_next[m - mq]);
			}
			mem_here[m] = best;
		}
	}

	/* prices around the average score per quantum, geometric */
	for (guint k = 0; k < AA_SEARCH_N_PRICES; k++) {
		gdouble base = spread / MAX(ctx->dim_m - 1, 1);
		ctx->price[k] = k == 0 ? 0.0 : base * pow(2.0, (gdouble)k - 5.0);
	}
	for (guint k = 0; k < AA_SEARCH_N_PRICES; k++) {
		ctx->h_cg[k] = g_new0(gdouble, (n + 1) * ctx->cg_cells);
		for (guint ii = n; ii > 0; ii--) {
			guint i = ii - 1;
			gdouble *next = ctx->h_cg[k] + (gsize)(i + 1) * ctx->cg_cells;
			gdouble *here = ctx->h_cg[k] + (gsize)i * ctx->cg_cells;
			g_autoptr(GArray) items =
			    aa_search_cg_items(ctx, ctx->by_score[i], ctx->price[k]);
			for (gint64 p = 0; p < ctx->dim_p; p++)
				for (gint64 e = 0; e < ctx->dim_e; e++)
					for (gint64 g = 0; g < ctx->dim_g; g++)
						for (gint64 v = 0; v < ctx->dim_v; v++) {
							gdouble best = -INFINITY;
							for (guint a = 0; a < items->len; a++) {
								const AaSearchItem *it =
								    &g_array_index(items,
								                   AaSearchItem, a);
								if (it->p > p || it->e > e ||
								    it->g > g || it->v > v)
									continue;
								best = MAX(
								    best,
								    it->value +
								        next[aa_search_cg_index(
								            ctx, p - it->p,
								            e - it->e, g - it->g,
								            v - it->v)]);
							}
							here[aa_search_cg_index(ctx, p, e, g, v)] =
							    best;
						}
		}
	}
}

static gboolean
aa_search_fits(const AaCandidate *c, const gint64 *left)
{
	for (guint k = 0; k < AA_USE_COUNT; k++) {
		if (c->use[k] > left[k])
			return FALSE;
	}
	return TRUE;
}

static void
aa_search_take(AaSearchContext *ctx, const AaCandidate *c, gint64 sign)
{
	for (guint k = 0; k < AA_USE_COUNT; k++)
		ctx->left[k] -= sign * c->use[k];
}

/* phase 1: the optimum value, candidates best score first */
static void
aa_search_dfs_best(AaSearchContext *ctx, guint i, gdouble s)
{
	GArray *cands;

	ctx->nodes++;
	if (i == ctx->n) {
		if (s > ctx->best) {
			ctx->best = s;
			memcpy(ctx->best_path, ctx->path, sizeof(AaCandidate *) * ctx->n);
		}
		return;
	}
	cands = ctx->by_score[i];
	for (guint j = 0; j < cands->len; j++) {
		const AaCandidate *c = &g_array_index(cands, AaCandidate, j);
		gdouble ub;

		/* sorted by score: nothing after this can do better either */
		if (s + c->score + ctx->sbest[i + 1] + AA_SEARCH_SLACK <= ctx->best) {
			ctx->pruned++;
			break;
		}
		if (!aa_search_fits(c, ctx->left)) {
			ctx->pruned++;
			continue;
		}
		aa_search_take(ctx, c, 1);
		ub = aa_search_bound(ctx, i + 1, ctx->left);
		if (s + c->score + ub + AA_SEARCH_SLACK <= ctx->best) {
			ctx->pruned++;
		} else {
			ctx->path[i] = c;
			aa_search_dfs_best(ctx, i + 1, s + c->score);
		}
		aa_search_take(ctx, c, -1);
	}
}

/* phase 2: the first allocation in lexicographic order reaching the threshold */
static gboolean
aa_search_dfs_lex(AaSearchContext *ctx, guint i, gdouble s)
{
	GArray *cands;

	ctx->nodes++;
	if (i == ctx->n) {
		if (s < ctx->threshold)
			return FALSE;
		memcpy(ctx->best_path, ctx->path, sizeof(AaCandidate *) * ctx->n);
		ctx->best = s;
		return TRUE;
	}
	cands = ctx->by_lex[i];
	for (guint j = 0; j < cands->len; j++) {
		const AaCandidate *c = &g_array_index(cands, AaCandidate, j);
		gdouble ub;
		gboolean found = FALSE;

		if (s + c->score + ctx->sbest[i + 1] + AA_SEARCH_SLACK < ctx->threshold ||
		    !aa_search_fits(c, ctx->left)) {
			ctx->pruned++;
			continue;
		}
		aa_search_take(ctx, c, 1);
		ub = aa_search_bound(ctx, i + 1, ctx->left);
		if (s + c->score + ub + AA_SEARCH_SLACK < ctx->threshold) {
			ctx->pruned++;
		} else {
			ctx->path[i] = c;
			found = aa_search_dfs_lex(ctx, i + 1, s + c->score);
		}
		aa_search_take(ctx, c, -1);
		if (found)
			return TRUE;
	}
	return FALSE;
}

static void
aa_search_context_clear(AaSearchContext *ctx)
{
	for (guint i = 0; i < ctx->n; i++) {
		if (ctx->by_score[i] != NULL)
			g_array_unref(ctx->by_score[i]);
		if (ctx->by_lex[i] != NULL)
			g_array_unref(ctx->by_lex[i]);
	}
	for (guint k = 0; k < AA_SEARCH_N_PRICES; k++)
		g_free(ctx->h_cg[k]);
	g_free(ctx->by_score);
	g_free(ctx->by_lex);
	g_free(ctx->sbest);
	g_free(ctx->h_mem);
	g_free(ctx->path);
	g_free(ctx->best_path);
}

/**
 * aa_search_table_solve:
 * @self: a filled table
 *
 * Finds the proven optimum of the sum of scores under the capacity, with the
 * tie rule of MODEL.md.  The table keeps only non-dominated candidates.
 *
 * Returns: (transfer full): the result; feasible is FALSE when no
 * combination fits (reason is left NULL for the caller to explain)
 */
AaSearchResult *
aa_search_table_solve(AaSearchTable *self)
{
	AaSearchContext ctx = {0};
	AaSearchResult *result = g_new0(AaSearchResult, 1);
	gint64 t0 = g_get_monotonic_time();
	gboolean empty = FALSE;

	result->strategy = AA_STRATEGY_OPTIMAL;
	result->allocs = g_array_sized_new(FALSE, TRUE, sizeof(AaAlloc), self->n_vms);
	ctx.table = self;
	ctx.n = self->n_vms;
	ctx.by_score = g_new0(GArray *, ctx.n + 1);
	ctx.by_lex = g_new0(GArray *, ctx.n + 1);
	ctx.path = g_new0(const AaCandidate *, ctx.n + 1);
	ctx.best_path = g_new0(const AaCandidate *, ctx.n + 1);
	ctx.dim_p = self->cap[AA_USE_P_CORES] + 1;
	ctx.dim_e = self->cap[AA_USE_E_CORES] + 1;
	ctx.dim_m = self->cap[AA_USE_MEMORY_QUANTA] + 1;
	ctx.dim_g = self->cap[AA_USE_GPU_SLICES] + 1;
	/* a VF goes with at least one slice, so it binds only below both the
	 * slices and the VM count; otherwise one VF cell stands for all */
	if (self->cap[AA_USE_GPU_VFS] >= MIN(self->cap[AA_USE_GPU_SLICES], (gint64)ctx.n))
		ctx.dim_v = 1;
	else
		ctx.dim_v = self->cap[AA_USE_GPU_VFS] + 1;
	ctx.cg_cells = (gsize)(ctx.dim_p * ctx.dim_e * ctx.dim_g * ctx.dim_v);
	for (guint k = 0; k < AA_USE_COUNT; k++)
		ctx.left[k] = self->cap[k];

	for (guint i = 0; i < ctx.n; i++) {
		GArray *kept;
		aa_search_table_filter(self, i);
		kept = self->cands[i];
		ctx.by_lex[i] = g_array_ref(kept);
		ctx.by_score[i] = g_array_sized_new(FALSE, FALSE, sizeof(AaCandidate), kept->len);
		g_array_append_vals(ctx.by_score[i], kept->data, kept->len);
		g_array_sort(ctx.by_score[i], aa_search_candidate_score_cmp);
		if (kept->len == 0)
			empty = TRUE;
	}

	ctx.best = -INFINITY;
	if (!empty) {
		aa_search_build_bounds(&ctx);
		aa_search_dfs_best(&ctx, 0, 0.0);
	}
	if (ctx.best > -INFINITY) {
		ctx.threshold = ctx.best - AA_SEARCH_TIE;
		if (!aa_search_dfs_lex(&ctx, 0, 0.0))
			g_critical("tie-break pass lost the optimum");
		result->feasible = TRUE;
		result->optimal = TRUE;
		result->objective = ctx.best;
		for (guint i = 0; i < ctx.n; i++) {
			const AaCandidate *c = ctx.best_path[i];
			AaAlloc r = {c->use[AA_USE_P_CORES], c->use[AA_USE_E_CORES],
			             (gint64)c->use[AA_USE_MEMORY_QUANTA] * self->quantum,
			             c->use[AA_USE_GPU_SLICES]};
			g_array_append_val(result->allocs, r);
		}
	} else {
		result->objective = NAN;
	}
	result->nodes = ctx.nodes;
	result->pruned = ctx.pruned;
	result->seconds = (gdouble)(g_get_monotonic_time() - t0) / G_USEC_PER_SEC;
	aa_search_context_clear(&ctx);
	return result;
}

void
aa_search_result_free(AaSearchResult *self)
{
	if (self == NULL)
		return;
	if (self->allocs != NULL)
		g_array_unref(self->allocs);
	g_free(self->reason);
	g_free(self);
}
