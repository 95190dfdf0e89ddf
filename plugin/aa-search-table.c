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
	gint64 use[AA_USE_COUNT];
	gdouble score;
	AaAlloc alloc;
} AaCandidate;

/* private */
struct _AaSearchTable {
	guint n_vms;
	guint quantum;
	gint64 cap[AA_USE_COUNT];
	GArray **cands; /* AaCandidate per VM */
};

typedef struct {
	AaSearchTable *table;
	guint n;
	GArray **by_score; /* AaCandidate per VM, best score first */
	GArray **by_lex;   /* AaCandidate per VM, lexicographic */
	gdouble *sbest;	   /* [i]: sum of the best scores of VMs i.. */
	gdouble *h_cpu;	   /* [i][P][E] */
	gdouble *h_mem;	   /* [i][M] */
	gdouble *h_gpu;	   /* [i][G][V] */
	gint64 dim_p;
	gint64 dim_e;
	gint64 dim_m;
	gint64 dim_g;
	gint64 dim_v;
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
	AaSearchTable *self = g_new0(AaSearchTable, 1);
	g_return_val_if_fail(memory_quantum_mib > 0, NULL);
	self->n_vms = n_vms;
	self->quantum = memory_quantum_mib;
	self->cap[AA_USE_P_CORES] = MAX(capacity->p_cores, 0);
	self->cap[AA_USE_E_CORES] = MAX(capacity->e_cores, 0);
	self->cap[AA_USE_MEMORY_QUANTA] = MAX(capacity->memory_mib, 0) / memory_quantum_mib;
	self->cap[AA_USE_GPU_SLICES] = MAX(capacity->gpu_slices, 0);
	self->cap[AA_USE_GPU_VFS] = MAX(capacity->gpu_vfs, 0);
	self->cands = g_new0(GArray *, MAX(n_vms, 1));
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
	g_free(self);
}

/**
 * aa_search_table_add:
 * @self: a table
 * @vm: VM index in intent order
 * @alloc: a candidate in the VM's feasible set; P- and E-cores never mixed
 * @score: its VMOptScore
 *
 * Adds a candidate.  One that exceeds the capacity on its own can never be
 * chosen and is not stored.
 */
void
aa_search_table_add(AaSearchTable *self, guint vm, const AaAlloc *alloc, gdouble score)
{
	AaCandidate c = {0};
	g_return_if_fail(vm < self->n_vms);
	g_return_if_fail(alloc->p_cores == 0 || alloc->e_cores == 0);
	g_return_if_fail(alloc->p_cores >= 0 && alloc->e_cores >= 0);
	g_return_if_fail(alloc->memory_mib >= 0 && alloc->gpu_slices >= 0);
	g_return_if_fail(!isnan(score));
	c.alloc = *alloc;
	c.score = score;
	c.use[AA_USE_P_CORES] = alloc->p_cores;
	c.use[AA_USE_E_CORES] = alloc->e_cores;
	c.use[AA_USE_MEMORY_QUANTA] = (alloc->memory_mib + self->quantum - 1) / self->quantum;
	c.use[AA_USE_GPU_SLICES] = alloc->gpu_slices;
	c.use[AA_USE_GPU_VFS] = alloc->gpu_slices >= 1 ? 1 : 0;
	for (guint k = 0; k < AA_USE_COUNT; k++) {
		if (c.use[k] > self->cap[k])
			return;
	}
	g_array_append_val(self->cands[vm], c);
}

guint
aa_search_table_count(AaSearchTable *self, guint vm)
{
	g_return_val_if_fail(vm < self->n_vms, 0);
	return self->cands[vm]->len;
}

/* the smallest use of @use among the VM's candidates, -1 when it has none */
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

static gint
aa_search_alloc_cmp(const AaAlloc *a, const AaAlloc *b)
{
	if (a->p_cores != b->p_cores)
		return a->p_cores < b->p_cores ? -1 : 1;
	if (a->e_cores != b->e_cores)
		return a->e_cores < b->e_cores ? -1 : 1;
	if (a->memory_mib != b->memory_mib)
		return a->memory_mib < b->memory_mib ? -1 : 1;
	if (a->gpu_slices != b->gpu_slices)
		return a->gpu_slices < b->gpu_slices ? -1 : 1;
	return 0;
}

static gint
aa_search_candidate_lex_cmp(gconstpointer a, gconstpointer b)
{
	const AaCandidate *ca = a;
	const AaCandidate *cb = b;
	return aa_search_alloc_cmp(&ca->alloc, &cb->alloc);
}

static gint
aa_search_candidate_score_cmp(gconstpointer a, gconstpointer b)
{
	const AaCandidate *ca = a;
	const AaCandidate *cb = b;
	if (ca->score != cb->score)
		return ca->score > cb->score ? -1 : 1;
	return aa_search_alloc_cmp(&ca->alloc, &cb->alloc);
}

/*
 * Dominance filter.  The CPU part of a candidate is a node of a tree: (0,0)
 * with a chain of P-core counts and a chain of E-core counts below it, since
 * P and E are never mixed; memory quanta and GPU slices are chains.  A running
 * maximum over that product order tells, for every cell, the best score of
 * all cells below it.  Returns the kept candidates in lexicographic order.
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
		gsize ci = c->use[AA_USE_E_CORES] > 0
			       ? (gsize)(max_p + c->use[AA_USE_E_CORES])
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
					strict = MAX(strict, below[((gsize)parent * n_m + mi) * n_g + gi]);
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

static gdouble
aa_search_bound(AaSearchContext *ctx, guint i, const gint64 *left)
{
	gdouble ub = ctx->sbest[i];
	gint64 p = left[AA_USE_P_CORES];
	gint64 e = left[AA_USE_E_CORES];
	gint64 m = left[AA_USE_MEMORY_QUANTA];
	gint64 g = left[AA_USE_GPU_SLICES];
	gint64 v = MIN(left[AA_USE_GPU_VFS], ctx->dim_v - 1);
	ub = MIN(ub, ctx->h_cpu[((gsize)i * ctx->dim_p + p) * ctx->dim_e + e]);
	ub = MIN(ub, ctx->h_mem[(gsize)i * ctx->dim_m + m]);
	ub = MIN(ub, ctx->h_gpu[((gsize)i * ctx->dim_g + g) * ctx->dim_v + v]);
	return ub;
}

/* per suffix of VMs, a knapsack over one resource group where each VM scores
 * the best any of its candidates with that use of the group can score */
static void
aa_search_build_bounds(AaSearchContext *ctx)
{
	guint n = ctx->n;
	gsize cpu_cells = (gsize)(ctx->dim_p * ctx->dim_e);
	gsize gpu_cells = (gsize)(ctx->dim_g * ctx->dim_v);

	ctx->sbest = g_new0(gdouble, n + 1);
	ctx->h_cpu = g_new0(gdouble, (n + 1) * cpu_cells);
	ctx->h_mem = g_new0(gdouble, (n + 1) * (gsize)ctx->dim_m);
	ctx->h_gpu = g_new0(gdouble, (n + 1) * gpu_cells);
	for (guint ii = n; ii > 0; ii--) {
		guint i = ii - 1;
		GArray *cands = ctx->by_score[i];
		gdouble *cpu_next = ctx->h_cpu + (gsize)(i + 1) * cpu_cells;
		gdouble *cpu_here = ctx->h_cpu + (gsize)i * cpu_cells;
		gdouble *mem_next = ctx->h_mem + (gsize)(i + 1) * ctx->dim_m;
		gdouble *mem_here = ctx->h_mem + (gsize)i * ctx->dim_m;
		gdouble *gpu_next = ctx->h_gpu + (gsize)(i + 1) * gpu_cells;
		gdouble *gpu_here = ctx->h_gpu + (gsize)i * gpu_cells;
		g_autofree gdouble *v_cpu = g_new(gdouble, cpu_cells);
		g_autofree gdouble *v_mem = g_new(gdouble, ctx->dim_m);
		g_autofree gdouble *v_gpu = g_new(gdouble, gpu_cells);

		for (gsize x = 0; x < cpu_cells; x++)
			v_cpu[x] = -INFINITY;
		for (gsize x = 0; x < (gsize)ctx->dim_m; x++)
			v_mem[x] = -INFINITY;
		for (gsize x = 0; x < gpu_cells; x++)
			v_gpu[x] = -INFINITY;
		for (guint j = 0; j < cands->len; j++) {
			const AaCandidate *c = &g_array_index(cands, AaCandidate, j);
			gsize xc = (gsize)(c->use[AA_USE_P_CORES] * ctx->dim_e +
					   c->use[AA_USE_E_CORES]);
			gsize xg = (gsize)(c->use[AA_USE_GPU_SLICES] * ctx->dim_v +
					   c->use[AA_USE_GPU_VFS]);
			v_cpu[xc] = MAX(v_cpu[xc], c->score);
			v_mem[c->use[AA_USE_MEMORY_QUANTA]] =
			    MAX(v_mem[c->use[AA_USE_MEMORY_QUANTA]], c->score);
			v_gpu[xg] = MAX(v_gpu[xg], c->score);
		}
		ctx->sbest[i] = ctx->sbest[i + 1] +
				(cands->len > 0 ? g_array_index(cands, AaCandidate, 0).score
						: -INFINITY);

		/* pCPUs: P and E left */
		for (gint64 p = 0; p < ctx->dim_p; p++) {
			for (gint64 e = 0; e < ctx->dim_e; e++) {
				gdouble best = -INFINITY;
				for (gint64 a = 0; a <= p; a++) {
					for (gint64 b = 0; b <= e; b++) {
						gdouble v = v_cpu[a * ctx->dim_e + b];
						if (v == -INFINITY)
							continue;
						v += cpu_next[(p - a) * ctx->dim_e + (e - b)];
						best = MAX(best, v);
					}
				}
				cpu_here[p * ctx->dim_e + e] = best;
			}
		}

		/* memory quanta left */
		for (gint64 m = 0; m < ctx->dim_m; m++) {
			gdouble best = -INFINITY;
			for (gint64 a = 0; a <= m; a++) {
				if (v_mem[a] == -INFINITY)
					continue;
				best = MAX(best, v_mem[a] + mem_next[m - a]);
			}
			mem_here[m] = best;
		}

		/* GPU slices and VFs left */
		for (gint64 g = 0; g < ctx->dim_g; g++) {
			for (gint64 v = 0; v < ctx->dim_v; v++) {
				gdouble best = -INFINITY;
				for (gint64 a = 0; a <= g; a++) {
					for (gint64 b = 0; b <= MIN(v, 1); b++) {
						gdouble val = v_gpu[a * ctx->dim_v + b];
						if (val == -INFINITY)
							continue;
						val += gpu_next[(g - a) * ctx->dim_v + (v - b)];
						best = MAX(best, val);
					}
				}
				gpu_here[g * ctx->dim_v + v] = best;
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
		if (ctx->by_score != NULL && ctx->by_score[i] != NULL)
			g_array_unref(ctx->by_score[i]);
		if (ctx->by_lex != NULL && ctx->by_lex[i] != NULL)
			g_array_unref(ctx->by_lex[i]);
	}
	g_free(ctx->by_score);
	g_free(ctx->by_lex);
	g_free(ctx->sbest);
	g_free(ctx->h_cpu);
	g_free(ctx->h_mem);
	g_free(ctx->h_gpu);
	g_free(ctx->path);
	g_free(ctx->best_path);
}

static AaSearchResult *
aa_search_result_new_optimal(guint n)
{
	AaSearchResult *result = g_new0(AaSearchResult, 1);
	result->strategy = AA_STRATEGY_OPTIMAL;
	result->allocs = g_array_sized_new(FALSE, TRUE, sizeof(AaAlloc), n);
	return result;
}

/**
 * aa_search_table_solve:
 * @self: a filled table
 *
 * Finds the proven optimum of the sum of scores under the capacity, with the
 * tie rule of MODEL.md.  The table's candidate lists are replaced by the
 * non-dominated ones.
 *
 * Returns: (transfer full): the result; feasible is FALSE when no
 * combination fits (reason is left NULL for the caller to explain)
 */
AaSearchResult *
aa_search_table_solve(AaSearchTable *self)
{
	AaSearchContext ctx = {0};
	AaSearchResult *result = aa_search_result_new_optimal(self->n_vms);
	gint64 t0 = g_get_monotonic_time();
	gboolean empty = FALSE;

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
	ctx.dim_v = MIN(self->cap[AA_USE_GPU_VFS], (gint64)ctx.n) + 1;
	for (guint k = 0; k < AA_USE_COUNT; k++)
		ctx.left[k] = self->cap[k];
	ctx.left[AA_USE_GPU_VFS] = ctx.dim_v - 1;

	for (guint i = 0; i < ctx.n; i++) {
		GArray *kept = aa_search_filter_dominated(self->cands[i]);
		g_array_unref(self->cands[i]);
		self->cands[i] = kept;
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
		for (guint i = 0; i < ctx.n; i++)
			g_array_append_val(result->allocs, ctx.best_path[i]->alloc);
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
