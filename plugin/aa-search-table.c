/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The candidate table of the optimal search (MODEL.md, Search) and its exact
 * solver (docs/search.md).  The table is built from a problem's VM models
 * (aa_search_table_new_for_problem(), within what the other VMs' least uses
 * leave) or candidate by candidate (tests, the refine loop); every VM has a
 * list of candidate allocations with a precomputed score, and the solver,
 * which sees the scores only,
 *
 *  1. drops dominated candidates: r is dropped when another candidate r' of
 *     the same VM uses no more of any resource (r' <= r componentwise, so also
 *     no more VFs) and scores at least as much; r' is lexicographically
 *     smaller, so r can be neither the optimum nor its tie-break winner;
 *  2. builds admissible bounds for every suffix of VMs and capacity left:
 *     knapsack relaxations that keep memory, or pCPUs and GPU (memory
 *     priced), exact; for a lexicographic objective, of each level apart;
 *  3. finds an incumbent by a short depth-first dive and a beam;
 *  4. proves the optimum value by dynamic programming over the states (VM,
 *     capacity left), each kept once with its best prefix and cut by its
 *     bound (a memoised depth-first search when the states are too many);
 *  5. walks the kept states in lexicographic order down to the first
 *     allocation within 1e-9 of the optimum: MODEL.md's tie rule.
 *
 * Objectives are summed in intent order starting from 0.0, exactly as a plain
 * enumeration would sum them, so both see the same floating-point values.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "aa-intent-private.h"
#include "aa-model-private.h"
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
	gdouble time_limit; /* seconds, <= 0: none */
	gdouble level_unit; /* > 0: scores are lexicographic, see set_levels */
	gboolean progress;
	gboolean depth_first; /* tests: the memoised depth-first search only */
	GArray *spare;        /* an empty array with room, for the next VM */
	gdouble *scratch_own; /* the dominance filter's cells */
	gdouble *scratch_below;
	gint32 *scratch_index;
	gsize scratch_cells;
};

/* memory prices of the relaxations that keep pCPUs, GPU slices and VFs exact */
#define AA_SEARCH_N_PRICES 10
/* memo entries at most (24 bytes each) */
#define AA_SEARCH_MEMO_MAX ((gsize)1 << 20)

typedef struct {
	guint64 key;    /* 0: empty */
	gdouble bound;  /* upper bound on the best completion */
	gdouble failed; /* tie-break pass: explored in vain from this prefix score */
} AaSearchMemoEntry;

/* knapsack relaxations of the values first * a + second * b of the
 * candidates, a the first level of the score and b the rest */
typedef struct {
	gdouble first;
	gdouble second;
	gdouble *sbest; /* [i]: sum of the best values of VMs i.. */
	gdouble *h_mem; /* [i][M] */
	guint n_prices;
	gdouble price[AA_SEARCH_N_PRICES];
	guint price_order[AA_SEARCH_N_PRICES]; /* tightest at the root first */
	gdouble *h_cg[AA_SEARCH_N_PRICES];     /* [i][P][E][G][V] */
} AaSearchRelax;

/* the relaxation of the first level alone, when there are two levels */
#define AA_SEARCH_RELAX_FIRST 0
#define AA_SEARCH_MAX_RELAX   3
/* the share of the first level that the mixed relaxation keeps */
#define AA_SEARCH_LEVEL_SHARE 1e-3

typedef struct {
	AaSearchTable *table;
	guint n;
	GArray **by_score; /* AaCandidate per VM, best score first */
	GArray **by_lex;   /* AaCandidate per VM, lexicographic */
	gdouble *sbest;    /* [i]: sum of the best scores of VMs i.. */
	AaSearchRelax relax[AA_SEARCH_MAX_RELAX];
	guint n_relax;
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
	gdouble eps;   /* phase 1 cuts what cannot beat the incumbent by more */
	gdouble slack; /* phase 2 keeps what rounding could lift to the threshold */
	guint64 nodes;
	guint64 pruned;
	AaSearchMemoEntry *memo;
	gsize memo_size;
	gsize memo_used;
	gboolean memo_on;
	guint memo_bits[AA_USE_COUNT];
	gint64 t0;
	gint64 deadline; /* monotonic time, 0: none */
	gint64 next_report;
	gboolean progress;
	gboolean reported;
	gboolean stop;
	gboolean timed_out;
	guint64 budget;  /* nodes for the warm start, 0: none */
	gpointer layers; /* AaSearchLayer[n + 1] of the exact pass, or NULL */
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
		g_clear_pointer(&self->cands[i], g_array_unref);
	g_free(self->cands);
	g_free(self->filtered);
	g_free(self->scratch_own);
	g_free(self->scratch_below);
	g_free(self->scratch_index);
	g_clear_pointer(&self->spare, g_array_unref);
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
aa_search_filter_dominated(AaSearchTable *self, GArray *cands)
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
	gdouble *own;
	gdouble *below;
	gint32 *index;
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
	/* scratch kept from one VM to the next */
	if (self->scratch_cells < n_cells) {
		g_free(self->scratch_own);
		g_free(self->scratch_below);
		g_free(self->scratch_index);
		self->scratch_own = g_new(gdouble, n_cells);
		self->scratch_below = g_new(gdouble, n_cells);
		self->scratch_index = g_new(gint32, n_cells);
		self->scratch_cells = n_cells;
	}
	own = self->scratch_own;
	below = self->scratch_below;
	index = self->scratch_index;
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

	/* cpu cells in lexicographic order, (0,0), (0,1).. (0,max_e), (1,0)..
	 * (max_p,0): parents come first, and the kept come out in order */
	for (gsize step = 0; step < n_cpu; step++) {
		gsize ci = step == 0
		               ? 0
		               : (step <= (gsize)max_e ? (gsize)max_p + step : step - (gsize)max_e);
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
	return kept;
}

static void
aa_search_table_filter(AaSearchTable *self, guint vm)
{
	GArray *kept;
	if (self->filtered[vm])
		return;
	kept = aa_search_filter_dominated(self, self->cands[vm]);
	/* the unfiltered array, emptied, takes the next VM's candidates: its
	 * memory is already there */
	g_array_set_size(self->cands[vm], 0);
	if (self->spare != NULL)
		g_array_unref(self->spare);
	self->spare = self->cands[vm];
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
	if (self->cands[vm]->len == 0 && self->spare != NULL) {
		g_array_unref(self->cands[vm]);
		self->cands[vm] = g_steal_pointer(&self->spare);
	}
	g_array_append_val(self->cands[vm], c);
}

/* drops the dominated candidates of every VM (solve does it too) */
void
aa_search_table_finish(AaSearchTable *self)
{
	for (guint i = 0; i < self->n_vms; i++)
		aa_search_table_filter(self, i);
}

/* candidate @j of VM @vm (lexicographic order once finished); returns its score */
gdouble
aa_search_table_get(AaSearchTable *self, guint vm, guint j, AaAlloc *alloc)
{
	const AaCandidate *c;
	g_return_val_if_fail(vm < self->n_vms && j < self->cands[vm]->len, NAN);
	c = &g_array_index(self->cands[vm], AaCandidate, j);
	alloc->p_cores = c->use[AA_USE_P_CORES];
	alloc->e_cores = c->use[AA_USE_E_CORES];
	alloc->memory_mib = (gint64)c->use[AA_USE_MEMORY_QUANTA] * self->quantum;
	alloc->gpu_slices = c->use[AA_USE_GPU_SLICES];
	return c->score;
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

/* ---- the table of a problem: candidates from the VM models ---- */

/* the robust model's first levels differ by multiples of half the weight
 * resolution of 0.001 (docs/robust-model.md, "Objective: targets first") */
#define AA_SEARCH_CREDIT_STEP 0.0005

static AaVmModel *
aa_search_table_model(const AaProblem *problem, guint i)
{
	return g_ptr_array_index(problem->models, i);
}

/* the inclusive range of a dimension allowed by the limits and the capacity */
static void
aa_search_limit_range(const AaLimit *limit, gint64 cap, gint64 *lo, gint64 *hi)
{
	*lo = limit->has_min ? MAX(limit->min, 0) : 0;
	*hi = limit->has_max ? MIN(limit->max, cap) : cap;
}

/* the candidates a VM may have: its limits within the capacity, memory in
 * MiB, multiples of the quantum and at least one */
typedef struct {
	gint64 lo[AA_USE_COUNT];
	gint64 hi[AA_USE_COUNT];
	gint64 pcpus_hi; /* P- plus E-cores at most */
} AaSearchRange;

static void
aa_search_vm_range(const AaProblem *problem, AaVmModel *model, AaSearchRange *range)
{
	const AaCapacity *cap = &problem->capacity;
	const AaLimit *limits = model->vm->limits;
	gint64 q = problem->memory_quantum_mib;

	aa_search_limit_range(&limits[AA_DIM_P_CORES], cap->p_cores, &range->lo[AA_USE_P_CORES],
	                      &range->hi[AA_USE_P_CORES]);
	aa_search_limit_range(&limits[AA_DIM_E_CORES], cap->e_cores, &range->lo[AA_USE_E_CORES],
	                      &range->hi[AA_USE_E_CORES]);
	aa_search_limit_range(&limits[AA_DIM_MEMORY_MIB], cap->memory_mib,
	                      &range->lo[AA_USE_MEMORY_QUANTA], &range->hi[AA_USE_MEMORY_QUANTA]);
	aa_search_limit_range(&limits[AA_DIM_GPU_SLICES], cap->gpu_slices,
	                      &range->lo[AA_USE_GPU_SLICES], &range->hi[AA_USE_GPU_SLICES]);
	range->lo[AA_USE_GPU_VFS] = 0;
	range->hi[AA_USE_GPU_VFS] = MIN(cap->gpu_vfs, 1);
	if (cap->gpu_vfs < 1)
		range->hi[AA_USE_GPU_SLICES] = MIN(range->hi[AA_USE_GPU_SLICES], 0);
	range->lo[AA_USE_MEMORY_QUANTA] = MAX((range->lo[AA_USE_MEMORY_QUANTA] + q - 1) / q, 1) * q;
	range->pcpus_hi = cap->p_cores + cap->e_cores;
}

/*
 * The first feasible candidate of @range, in the order p, e, m, g, into
 * @first; FALSE when there is none.  With a @table, every feasible candidate
 * goes into it as VM @i instead.
 */
static gboolean
aa_search_range_scan(const AaProblem *problem, AaVmModel *model, const AaSearchRange *range,
                     AaSearchTable *table, guint i, AaAlloc *first)
{
	gint64 q = problem->memory_quantum_mib;
	const gint64 *lo = range->lo;
	const gint64 *hi = range->hi;

	for (gint64 p = lo[AA_USE_P_CORES]; p <= hi[AA_USE_P_CORES]; p++) {
		for (gint64 e = lo[AA_USE_E_CORES]; e <= hi[AA_USE_E_CORES]; e++) {
			if ((p > 0 && e > 0) || p + e < 1 || p + e > range->pcpus_hi)
				continue;
			for (gint64 m = lo[AA_USE_MEMORY_QUANTA]; m <= hi[AA_USE_MEMORY_QUANTA];
			     m += q) {
				for (gint64 g = lo[AA_USE_GPU_SLICES]; g <= hi[AA_USE_GPU_SLICES];
				     g++) {
					AaAlloc r = {p, e, m, g};
					if (!aa_vm_model_feasible(model, &r))
						continue;
					if (table == NULL) {
						*first = r;
						return TRUE;
					}
					aa_search_table_add(
					    table, i, &r,
					    aa_vm_model_score(model, &r, problem->lambda_scale));
				}
			}
		}
	}
	return FALSE;
}

/* the least a VM's candidates use of @use (AA_USE_COUNT: pCPUs), -1 without
 * any: the slices of that use in ascending order, each scanned up to its
 * first feasible candidate */
static gint64
aa_search_range_min(const AaProblem *problem, AaVmModel *model, const AaSearchRange *range,
                    AaUse use)
{
	AaSearchRange slice = *range;
	AaAlloc r;
	gint64 lo = use == AA_USE_COUNT ? 1 : range->lo[use];
	gint64 hi = use == AA_USE_COUNT ? range->pcpus_hi : range->hi[use];
	gint64 step = use == AA_USE_MEMORY_QUANTA ? problem->memory_quantum_mib : 1;

	if (use == AA_USE_GPU_VFS)
		return aa_search_range_min(problem, model, range, AA_USE_GPU_SLICES) > 0 ? 1 : 0;
	for (gint64 v = lo; v <= hi; v += step) {
		if (use == AA_USE_COUNT) {
			slice.pcpus_hi = v;
			slice.lo[AA_USE_P_CORES] = MAX(range->lo[AA_USE_P_CORES], v);
			if (aa_search_range_scan(problem, model, &slice, NULL, 0, &r))
				return v;
			slice.lo[AA_USE_P_CORES] = range->lo[AA_USE_P_CORES];
			slice.hi[AA_USE_P_CORES] = MIN(range->hi[AA_USE_P_CORES], 0);
			slice.lo[AA_USE_E_CORES] = MAX(range->lo[AA_USE_E_CORES], v);
			if (aa_search_range_scan(problem, model, &slice, NULL, 0, &r))
				return v;
			slice = *range;
			continue;
		}
		slice.lo[use] = v;
		slice.hi[use] = v;
		if (aa_search_range_scan(problem, model, &slice, NULL, 0, &r))
			return use == AA_USE_MEMORY_QUANTA ? v / step : v;
	}
	return -1;
}

/*
 * Lowers each VM's ranges to what the capacity leaves after the other VMs'
 * least uses: a candidate above that is in no allocation that fits, so the
 * table is the same problem with fewer candidates to score (on 31 pCPUs, 30
 * VMs take at most 2 each).  Returns FALSE, and changes nothing, when some
 * VM has no candidate or the least uses do not fit together.
 */
static gboolean
aa_search_tighten_ranges(const AaProblem *problem, AaSearchRange *ranges)
{
	guint n = problem->models->len;
	gint64 q = problem->memory_quantum_mib;
	const AaCapacity *cap = &problem->capacity;
	gint64 caps[AA_USE_COUNT + 1] = {cap->p_cores,        cap->e_cores,
	                                 cap->memory_mib / q, cap->gpu_slices,
	                                 cap->gpu_vfs,        cap->p_cores + cap->e_cores};
	gint64 total[AA_USE_COUNT + 1] = {0};
	g_autofree gint64 *mins = g_new(gint64, (gsize)n * (AA_USE_COUNT + 1));

	for (guint i = 0; i < n; i++) {
		for (guint k = 0; k <= AA_USE_COUNT; k++) {
			gint64 min = aa_search_range_min(problem, aa_search_table_model(problem, i),
			                                 &ranges[i], (AaUse)k);
			if (min < 0)
				return FALSE;
			mins[(gsize)i * (AA_USE_COUNT + 1) + k] = min;
			total[k] += min;
		}
	}
	for (guint k = 0; k <= AA_USE_COUNT; k++) {
		if (total[k] > caps[k])
			return FALSE;
	}
	for (guint i = 0; i < n; i++) {
		const gint64 *own = mins + (gsize)i * (AA_USE_COUNT + 1);
		AaSearchRange *range = &ranges[i];
		for (guint k = 0; k < AA_USE_COUNT; k++) {
			gint64 left = caps[k] - (total[k] - own[k]);
			if (k == AA_USE_MEMORY_QUANTA)
				left *= q;
			range->hi[k] = MIN(range->hi[k], left);
		}
		range->pcpus_hi = MIN(range->pcpus_hi, caps[AA_USE_COUNT] - (total[AA_USE_COUNT] -
		                                                             own[AA_USE_COUNT]));
		if (range->hi[AA_USE_GPU_VFS] < 1)
			range->hi[AA_USE_GPU_SLICES] = MIN(range->hi[AA_USE_GPU_SLICES], 0);
	}
	return TRUE;
}

/* the step of the first level of the objective: M times the credit step
 * when every VM is scored by the robust model with the same M, else 0 (one
 * level) */
static gdouble
aa_search_level_unit(const AaProblem *problem)
{
	gdouble scale = 0.0;
	for (guint i = 0; i < problem->models->len; i++) {
		AaVmModel *model = aa_search_table_model(problem, i);
		if (model->kind != AA_MODEL_KIND_ROBUST || !(model->target_scale > 0.0) ||
		    (i > 0 && model->target_scale != scale))
			return 0.0;
		scale = model->target_scale;
	}
	return scale * AA_SEARCH_CREDIT_STEP;
}

static AaSearchTable *
aa_search_table_build(const AaProblem *problem, gboolean tighten)
{
	guint n = problem->models->len;
	AaSearchTable *table =
	    aa_search_table_new(&problem->capacity, problem->memory_quantum_mib, n);
	g_autofree AaSearchRange *ranges = g_new0(AaSearchRange, MAX(n, 1));

	aa_search_table_set_levels(table, aa_search_level_unit(problem));
	for (guint i = 0; i < n; i++)
		aa_search_vm_range(problem, aa_search_table_model(problem, i), &ranges[i]);
	if (tighten)
		aa_search_tighten_ranges(problem, ranges);
	for (guint i = 0; i < n; i++) {
		AaAlloc ignored;
		aa_search_range_scan(problem, aa_search_table_model(problem, i), &ranges[i], table,
		                     i, &ignored);
	}
	return table;
}

/**
 * aa_search_table_new_for_problem:
 * @problem: the VMs' models and the capacity
 *
 * The table the search solves: every r = (cP, cE, m, g) in F_i (memory in
 * multiples of the quantum, at least one quantum; a VM with g >= 1 also
 * needs a VF) within what the capacity leaves after the other VMs' least
 * uses, with its VMOptScore.
 *
 * Returns: (transfer full): the candidate table
 */
AaSearchTable *
aa_search_table_new_for_problem(const AaProblem *problem)
{
	return aa_search_table_build(problem, TRUE);
}

/**
 * aa_search_table_new_whole:
 * @problem: the VMs' models and the capacity
 *
 * Like aa_search_table_new_for_problem(), with every candidate within the
 * capacity on its own: what the explanations of an infeasible problem name.
 *
 * Returns: (transfer full): the candidate table
 */
AaSearchTable *
aa_search_table_new_whole(const AaProblem *problem)
{
	return aa_search_table_build(problem, FALSE);
}

/* ---- the solver: it sees scores only ---- */

static gsize
aa_search_cg_index(AaSearchContext *ctx, gint64 p, gint64 e, gint64 g, gint64 v)
{
	return (gsize)(((p * ctx->dim_e + e) * ctx->dim_g + g) * ctx->dim_v + v);
}

/* the first level of a score: the multiple of the level unit below it, or 0
 * for a single-level objective; the second level is the score minus it */
static inline gdouble
aa_search_first_level(AaSearchContext *ctx, gdouble score)
{
	gdouble unit = ctx->table->level_unit;
	return unit > 0.0 ? unit * floor(score / unit) : 0.0;
}

/* what a candidate contributes to the scores of relaxation @r */
static inline gdouble
aa_search_relax_value(AaSearchContext *ctx, const AaSearchRelax *r, const AaCandidate *c)
{
	gdouble a;
	if (r->first == 1.0 && r->second == 1.0)
		return c->score;
	a = aa_search_first_level(ctx, c->score);
	return r->first * a + r->second * (c->score - a);
}

/* the bound of relaxation @r at state (i, left): the tightest of its
 * knapsacks */
static gdouble
aa_search_relax_bound(AaSearchContext *ctx, const AaSearchRelax *r, guint i, const gint64 *left,
                      gsize x)
{
	gdouble ub = MIN(r->sbest[i], r->h_mem[(gsize)i * ctx->dim_m + left[AA_USE_MEMORY_QUANTA]]);
	for (guint k = 0; k < r->n_prices; k++) {
		gdouble h = r->h_cg[k][(gsize)i * ctx->cg_cells + x];
		ub = MIN(ub, h + r->price[k] * (gdouble)left[AA_USE_MEMORY_QUANTA]);
	}
	return ub;
}

static gsize
aa_search_left_cell(AaSearchContext *ctx, const gint64 *left)
{
	return aa_search_cg_index(ctx, left[AA_USE_P_CORES], left[AA_USE_E_CORES],
	                          left[AA_USE_GPU_SLICES],
	                          MIN(left[AA_USE_GPU_VFS], ctx->dim_v - 1));
}

/* the bound of the first level alone, 0 for a single-level objective */
static gdouble
aa_search_first_bound(AaSearchContext *ctx, guint i, const gint64 *left, gsize x)
{
	if (ctx->n_relax == 1)
		return 0.0;
	return aa_search_relax_bound(ctx, &ctx->relax[AA_SEARCH_RELAX_FIRST], i, left, x);
}

/*
 * An upper bound on the best completion of state (i, left).  A score s is
 * split into its first level a and the rest b = s - a; relaxation j bounds
 * the sum of first_j a + b, and relaxation FIRST the sum of a, so
 * (1 - first_j) FIRST + j bounds the sum of s for every j.
 */
static gdouble
aa_search_bound(AaSearchContext *ctx, guint i, const gint64 *left)
{
	gsize x = aa_search_left_cell(ctx, left);
	gdouble first = aa_search_first_bound(ctx, i, left, x);
	gdouble ub = ctx->sbest[i];
	for (guint j = AA_SEARCH_RELAX_FIRST + 1; j < ctx->n_relax; j++) {
		const AaSearchRelax *r = &ctx->relax[j];
		ub = MIN(ub, (1.0 - r->first) * first + aa_search_relax_bound(ctx, r, i, left, x));
	}
	if (ctx->n_relax == 1)
		ub = MIN(ub, aa_search_relax_bound(ctx, &ctx->relax[0], i, left, x));
	return ub;
}

/* whether the bound of state (i, left) is at most @limit; the prices that
 * cut most often are tried first */
static gboolean
aa_search_bound_below(AaSearchContext *ctx, guint i, const gint64 *left, gdouble limit)
{
	gsize x;
	gdouble first;
	gdouble m = (gdouble)left[AA_USE_MEMORY_QUANTA];
	if (ctx->sbest[i] <= limit)
		return TRUE;
	x = aa_search_left_cell(ctx, left);
	first = aa_search_first_bound(ctx, i, left, x);
	for (guint j = ctx->n_relax == 1 ? 0 : AA_SEARCH_RELAX_FIRST + 1; j < ctx->n_relax; j++) {
		const AaSearchRelax *r = &ctx->relax[j];
		gdouble off = (1.0 - r->first) * first;
		for (guint o = 0; o < r->n_prices; o++) {
			guint k = r->price_order[o];
			gdouble h = r->h_cg[k][(gsize)i * ctx->cg_cells + x];
			if (off + h + r->price[k] * m <= limit)
				return TRUE;
		}
		if (off + r->h_mem[(gsize)i * ctx->dim_m + left[AA_USE_MEMORY_QUANTA]] <= limit ||
		    off + r->sbest[i] <= limit)
			return TRUE;
	}
	return FALSE;
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
aa_search_cg_items(AaSearchContext *ctx, const AaSearchRelax *r, GArray *cands, gdouble price)
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
		best[x] = MAX(best[x], aa_search_relax_value(ctx, r, c) -
		                           price * c->use[AA_USE_MEMORY_QUANTA]);
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

/* the candidates of every VM as (value, uses), flat, for the dual */
typedef struct {
	guint *start;  /* [i]: first row of VM i, [n]: the end */
	gdouble *rows; /* value, then AA_USE_COUNT uses, per candidate */
} AaSearchDualRows;

/* the Lagrangian dual of the fully priced relaxation: each VM takes its best
 * value minus the priced use, plus the priced capacity */
static gdouble
aa_search_dual(AaSearchContext *ctx, const AaSearchDualRows *d, const gdouble *mu)
{
	gdouble value = 0.0;
	for (guint k = 0; k < AA_USE_COUNT; k++)
		value += mu[k] * (gdouble)ctx->table->cap[k];
	for (guint i = 0; i < ctx->n; i++) {
		gdouble top = -INFINITY;
		for (guint j = d->start[i]; j < d->start[i + 1]; j++) {
			const gdouble *row = d->rows + (gsize)j * (AA_USE_COUNT + 1);
			gdouble v = row[0];
			for (guint k = 0; k < AA_USE_COUNT; k++)
				v -= mu[k] * row[k + 1];
			top = MAX(top, v);
		}
		value += top;
	}
	return value;
}

/*
 * A price per memory quantum for the relaxations that keep pCPUs and GPU
 * exact: the memory price near the minimum of the fully priced dual
 * (convex), by coordinate descent with golden-section line searches.  Only
 * the centre of the prices: any price gives an admissible bound.
 */
static gdouble
aa_search_memory_price(AaSearchContext *ctx, const AaSearchRelax *r, gdouble steep)
{
	gdouble mu[AA_USE_COUNT] = {0};
	const gdouble golden = 0.6180339887498949;
	AaSearchDualRows d;
	guint total = 0;

	d.start = g_new(guint, ctx->n + 1);
	for (guint i = 0; i < ctx->n; i++) {
		d.start[i] = total;
		total += ctx->by_score[i]->len;
	}
	d.start[ctx->n] = total;
	d.rows = g_new(gdouble, (gsize)total * (AA_USE_COUNT + 1));
	for (guint i = 0; i < ctx->n; i++) {
		for (guint j = 0; j < ctx->by_score[i]->len; j++) {
			const AaCandidate *c = &g_array_index(ctx->by_score[i], AaCandidate, j);
			gdouble *row = d.rows + (gsize)(d.start[i] + j) * (AA_USE_COUNT + 1);
			row[0] = aa_search_relax_value(ctx, r, c);
			for (guint k = 0; k < AA_USE_COUNT; k++)
				row[k + 1] = (gdouble)c->use[k];
		}
	}
	/* the prices are spread by factors of 2 around it: a few percent of
	 * precision is plenty */
	for (guint round = 0; round < 2; round++) {
		for (guint k = 0; k < AA_USE_COUNT; k++) {
			gdouble a = 0.0;
			/* no price above the steepest value per unit of any VM */
			gdouble b = steep;
			if (ctx->table->cap[k] == 0 || b <= 0.0)
				continue;
			for (guint it = 0; it < 16; it++) {
				gdouble x1 = b - golden * (b - a);
				gdouble x2 = a + golden * (b - a);
				gdouble f1;
				gdouble f2;
				mu[k] = x1;
				f1 = aa_search_dual(ctx, &d, mu);
				mu[k] = x2;
				f2 = aa_search_dual(ctx, &d, mu);
				if (f1 <= f2)
					b = x2;
				else
					a = x1;
			}
			mu[k] = (a + b) / 2;
		}
	}
	g_free(d.start);
	g_free(d.rows);
	return mu[AA_USE_MEMORY_QUANTA];
}

/* here[x] = max(here[x], item + next[x - item]) for every cell x that the
 * item fits in: the max-plus step of the knapsack over pCPUs and GPU, with
 * the slices and VFs innermost and contiguous */
static void
aa_search_cg_add_item(AaSearchContext *ctx, const AaSearchItem *it, const gdouble *next,
                      gdouble *here)
{
	for (gint64 p = it->p; p < ctx->dim_p; p++) {
		for (gint64 e = it->e; e < ctx->dim_e; e++) {
			gdouble *dst = here + aa_search_cg_index(ctx, p, e, 0, 0);
			const gdouble *src =
			    next + aa_search_cg_index(ctx, p - it->p, e - it->e, 0, 0);
			for (gint64 g = it->g; g < ctx->dim_g; g++) {
				for (gint64 v = it->v; v < ctx->dim_v; v++) {
					gdouble *d = dst + g * ctx->dim_v + v;
					gdouble c =
					    it->value + src[(g - it->g) * ctx->dim_v + v - it->v];
					*d = MAX(*d, c);
				}
			}
		}
	}
}

/*
 * The knapsacks of relaxation @r for every suffix of VMs:
 *  - memory exact, every VM free to take its best pCPUs and GPU;
 *  - pCPUs, GPU slices and VFs exact, memory relaxed by a price per quantum:
 *    sum of (value - price * quanta) plus price * quanta left bounds every
 *    completion; price 0 is the plain relaxation.
 */
static void
aa_search_relax_build(AaSearchContext *ctx, AaSearchRelax *r)
{
	guint n = ctx->n;
	gdouble spread = 0.0;
	gdouble steep = 0.0;
	const gint64 *cap = ctx->table->cap;
	gsize root =
	    aa_search_cg_index(ctx, cap[AA_USE_P_CORES], cap[AA_USE_E_CORES],
	                       cap[AA_USE_GPU_SLICES], MIN(cap[AA_USE_GPU_VFS], ctx->dim_v - 1));
	gdouble at[AA_SEARCH_N_PRICES];

	r->sbest = g_new0(gdouble, n + 1);
	r->h_mem = g_new0(gdouble, (n + 1) * (gsize)ctx->dim_m);
	for (guint ii = n; ii > 0; ii--) {
		guint i = ii - 1;
		GArray *cands = ctx->by_score[i];
		gdouble *mem_next = r->h_mem + (gsize)(i + 1) * ctx->dim_m;
		gdouble *mem_here = r->h_mem + (gsize)i * ctx->dim_m;
		g_autofree gdouble *v_mem = g_new(gdouble, ctx->dim_m);
		g_autoptr(GArray) ms = g_array_new(FALSE, FALSE, sizeof(gint64));
		gdouble top = -INFINITY;
		gdouble bottom = INFINITY;

		for (gsize x = 0; x < (gsize)ctx->dim_m; x++)
			v_mem[x] = -INFINITY;
		for (guint j = 0; j < cands->len; j++) {
			const AaCandidate *c = &g_array_index(cands, AaCandidate, j);
			gint64 mq = c->use[AA_USE_MEMORY_QUANTA];
			gdouble value = aa_search_relax_value(ctx, r, c);
			if (v_mem[mq] == -INFINITY)
				g_array_append_val(ms, mq);
			v_mem[mq] = MAX(v_mem[mq], value);
			top = MAX(top, value);
			bottom = MIN(bottom, value);
		}
		spread += top - bottom;
		steep = MAX(steep, top - bottom);
		r->sbest[i] = r->sbest[i + 1] + top;
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

	/* prices around the memory price of the fully priced relaxation, or,
	 * when memory does not bind there, around the average value per
	 * quantum; geometric, steps of 2 */
	if (r->n_prices > 1) {
		gdouble centre = aa_search_memory_price(ctx, r, steep);
		if (!(centre > 0.0))
			centre = spread / MAX(ctx->dim_m - 1, 1);
		for (guint k = 0; k < r->n_prices; k++)
			r->price[k] =
			    k == 0 ? 0.0 : centre * pow(2.0, (gdouble)k - (gdouble)r->n_prices / 2);
	}
	for (guint k = 0; k < r->n_prices; k++) {
		r->h_cg[k] = g_new0(gdouble, (n + 1) * ctx->cg_cells);
		for (guint ii = n; ii > 0; ii--) {
			guint i = ii - 1;
			gdouble *next = r->h_cg[k] + (gsize)(i + 1) * ctx->cg_cells;
			gdouble *here = r->h_cg[k] + (gsize)i * ctx->cg_cells;
			g_autoptr(GArray) items =
			    aa_search_cg_items(ctx, r, ctx->by_score[i], r->price[k]);
			for (gsize x = 0; x < ctx->cg_cells; x++)
				here[x] = -INFINITY;
			for (guint a = 0; a < items->len; a++)
				aa_search_cg_add_item(ctx, &g_array_index(items, AaSearchItem, a),
				                      next, here);
		}
	}

	/* the prices by their bound at the root, tightest first */
	for (guint k = 0; k < r->n_prices; k++) {
		at[k] = r->h_cg[k][root] + r->price[k] * (gdouble)cap[AA_USE_MEMORY_QUANTA];
		r->price_order[k] = k;
	}
	for (guint a = 1; a < r->n_prices; a++) {
		for (guint b = a; b > 0 && at[r->price_order[b]] < at[r->price_order[b - 1]]; b--) {
			guint t = r->price_order[b];
			r->price_order[b] = r->price_order[b - 1];
			r->price_order[b - 1] = t;
		}
	}
}

static void
aa_search_relax_clear(AaSearchRelax *r)
{
	for (guint k = 0; k < r->n_prices; k++)
		g_free(r->h_cg[k]);
	g_free(r->sbest);
	g_free(r->h_mem);
}

/*
 * Admissible bounds for every suffix of VMs.  A single-level objective has
 * one relaxation, of the scores.  A lexicographic one (a level unit set) has
 * the first level alone, the rest alone, and the rest plus a small share of
 * the first level (which prefers the completions that keep the first level,
 * where the rest alone would ignore it), and the scores as they are.
 */
static void
aa_search_build_bounds(AaSearchContext *ctx)
{
	gdouble top = 0.0;
	ctx->sbest = g_new0(gdouble, ctx->n + 1);
	for (guint ii = ctx->n; ii > 0; ii--) {
		guint i = ii - 1;
		ctx->sbest[i] =
		    ctx->sbest[i + 1] + g_array_index(ctx->by_score[i], AaCandidate, 0).score;
	}
	if (ctx->table->level_unit > 0.0) {
		const gdouble firsts[] = {1.0, 0.0, AA_SEARCH_LEVEL_SHARE};
		const gdouble seconds[] = {0.0, 1.0, 1.0};
		const guint prices[] = {1, AA_SEARCH_N_PRICES, 1};
		ctx->n_relax = G_N_ELEMENTS(firsts);
		for (guint j = 0; j < ctx->n_relax; j++) {
			ctx->relax[j].first = firsts[j];
			ctx->relax[j].second = seconds[j];
			ctx->relax[j].n_prices = prices[j];
		}
	} else {
		ctx->n_relax = 1;
		ctx->relax[0].first = 1.0;
		ctx->relax[0].second = 1.0;
		ctx->relax[0].n_prices = AA_SEARCH_N_PRICES;
	}
	for (guint j = 0; j < ctx->n_relax; j++)
		aa_search_relax_build(ctx, &ctx->relax[j]);
	(void)top;
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

/* takes @c from what is left if it fits, else counts it as pruned */
static gboolean
aa_search_enter(AaSearchContext *ctx, const AaCandidate *c)
{
	if (!aa_search_fits(c, ctx->left)) {
		ctx->pruned++;
		return FALSE;
	}
	aa_search_take(ctx, c, 1);
	return TRUE;
}

/*
 * Memo of subproblems on (VM index, capacity left): a proven upper bound on
 * the best completion (prefix-independent, so any path that reaches the same
 * state can use it), and for the tie-break pass the largest prefix score from
 * which the state was fully explored without reaching the threshold.  VMs
 * that are identical or nearly so reach the same states in every order of
 * their allocations; the memo explores each such state about once.
 */
static inline guint64
aa_search_memo_hash(guint64 key)
{
	key ^= key >> 33;
	key *= G_GUINT64_CONSTANT(0xff51afd7ed558ccd);
	key ^= key >> 33;
	key *= G_GUINT64_CONSTANT(0xc4ceb9fe1a85ec53);
	key ^= key >> 33;
	return key;
}

/* the key of state (i, left), or 0 when the memo is off */
static guint64
aa_search_memo_key(AaSearchContext *ctx, guint i)
{
	guint64 key = (guint64)i + 1;
	if (!ctx->memo_on)
		return 0;
	for (guint k = 0; k < AA_USE_COUNT; k++)
		key = (key << ctx->memo_bits[k]) | (guint64)ctx->left[k];
	return key;
}

static AaSearchMemoEntry *
aa_search_memo_find(AaSearchContext *ctx, guint64 key, gboolean insert)
{
	gsize mask = ctx->memo_size - 1;
	gsize x;
	if (key == 0)
		return NULL;
	x = (gsize)aa_search_memo_hash(key) & mask;
	for (;;) {
		AaSearchMemoEntry *e = &ctx->memo[x];
		if (e->key == key)
			return e;
		if (e->key == 0) {
			if (!insert || ctx->memo_used * 10 >= ctx->memo_size * 7)
				return NULL;
			ctx->memo_used++;
			e->key = key;
			e->bound = INFINITY;
			e->failed = -INFINITY;
			return e;
		}
		x = (x + 1) & mask;
	}
}

/* grows the table while it is small, rehashing every entry */
static void
aa_search_memo_grow(AaSearchContext *ctx)
{
	AaSearchMemoEntry *old = ctx->memo;
	gsize old_size = ctx->memo_size;
	if (ctx->memo_used * 10 < ctx->memo_size * 7 || ctx->memo_size >= AA_SEARCH_MEMO_MAX)
		return;
	ctx->memo_size *= 2;
	ctx->memo = g_new0(AaSearchMemoEntry, ctx->memo_size);
	ctx->memo_used = 0;
	for (gsize x = 0; x < old_size; x++) {
		AaSearchMemoEntry *e;
		if (old[x].key == 0)
			continue;
		e = aa_search_memo_find(ctx, old[x].key, TRUE);
		if (e == NULL)
			continue;
		e->bound = old[x].bound;
		e->failed = old[x].failed;
	}
	g_free(old);
}

static void
aa_search_memo_store(AaSearchContext *ctx, guint64 key, gdouble bound, gdouble failed)
{
	AaSearchMemoEntry *e;
	if (key == 0)
		return;
	aa_search_memo_grow(ctx);
	e = aa_search_memo_find(ctx, key, TRUE);
	if (e == NULL)
		return;
	e->bound = MIN(e->bound, bound);
	e->failed = MAX(e->failed, failed);
}

/* every 256 nodes: the time limit and, on a terminal, a progress line */
static void
aa_search_tick(AaSearchContext *ctx)
{
	gint64 now;
	if (ctx->budget > 0 && ctx->nodes >= ctx->budget) {
		ctx->stop = TRUE;
		return;
	}
	if ((ctx->nodes & 255) != 0 || ctx->stop)
		return;
	now = g_get_monotonic_time();
	if (ctx->deadline > 0 && now >= ctx->deadline) {
		ctx->stop = TRUE;
		ctx->timed_out = TRUE;
	}
	if (ctx->progress && now >= ctx->next_report) {
		g_printerr("\rsearch: %.0f s, %" G_GUINT64_FORMAT " nodes, best %.9g   ",
		           (gdouble)(now - ctx->t0) / G_USEC_PER_SEC, ctx->nodes, ctx->best);
		ctx->next_report = now + G_USEC_PER_SEC;
		ctx->reported = TRUE;
	}
}

/*
 * Phase 1: the optimum value, candidates best score first.  Returns a proven
 * upper bound on the best completion of the state (the maximum over the
 * children of what cut them or what their subtrees proved), which the memo
 * keeps.  A subtree is cut when it cannot beat the incumbent by more than
 * ctx->eps, so exact ties are not explored again.  Once stopped by the time
 * limit, no child is entered any more and the bounds still hold, so the
 * root's is the proven bound of the gap.
 */
static gdouble
aa_search_dfs_best(AaSearchContext *ctx, guint i, gdouble s)
{
	GArray *cands;
	gdouble bound = -INFINITY;
	guint64 key;

	ctx->nodes++;
	aa_search_tick(ctx);
	if (i == ctx->n) {
		if (s > ctx->best) {
			ctx->best = s;
			memcpy(ctx->best_path, ctx->path, sizeof(AaCandidate *) * ctx->n);
		}
		return 0.0;
	}
	key = aa_search_memo_key(ctx, i);
	cands = ctx->by_score[i];
	for (guint j = 0; j < cands->len; j++) {
		const AaCandidate *c = &g_array_index(cands, AaCandidate, j);
		gdouble child;
		AaSearchMemoEntry *e;

		/* sorted by score: nothing after this can do better either */
		if (s + c->score + ctx->sbest[i + 1] <= ctx->best + ctx->eps) {
			bound = MAX(bound, c->score + ctx->sbest[i + 1]);
			ctx->pruned++;
			break;
		}
		if (!aa_search_enter(ctx, c))
			continue;
		child = aa_search_bound(ctx, i + 1, ctx->left);
		e = aa_search_memo_find(ctx, aa_search_memo_key(ctx, i + 1), FALSE);
		if (e != NULL)
			child = MIN(child, e->bound);
		if (ctx->stop || s + c->score + child <= ctx->best + ctx->eps) {
			ctx->pruned++;
		} else {
			ctx->path[i] = c;
			child = MIN(child, aa_search_dfs_best(ctx, i + 1, s + c->score));
		}
		bound = MAX(bound, c->score + child);
		aa_search_take(ctx, c, -1);
	}
	aa_search_memo_store(ctx, key, bound, -INFINITY);
	return bound;
}

/*
 * Phase 1 proper: dynamic programming over the states (VM index, capacity
 * left), VM by VM, each state kept once with the best prefix score that
 * reaches it and cut when that score plus the state's bound cannot beat the
 * incumbent.  VMs that are identical or nearly so reach the same states in
 * every order of their allocations; here each such state is expanded once.
 * Prefix scores are summed in intent order, and rounding is monotone, so the
 * best prefix of a state is the best of the sums every path would give.
 */
typedef struct {
	guint64 key;
	gint32 left[AA_USE_COUNT];
	gint32 parent;
	gdouble f;      /* best prefix score */
	gdouble v;      /* exact pass: best completion score, -inf for none */
	gdouble failed; /* tie-break pass: explored in vain from this prefix */
	const AaCandidate *cand;
	gboolean dead; /* dominated: neither expanded nor entered */
} AaSearchState;

typedef struct {
	GArray *states; /* AaSearchState */
	gint32 *slots;  /* open addressing, -1 empty */
	gsize n_slots;
} AaSearchLayer;

static void
aa_search_layer_init(AaSearchLayer *layer)
{
	layer->states = g_array_new(FALSE, FALSE, sizeof(AaSearchState));
	layer->n_slots = 256;
	layer->slots = g_new(gint32, layer->n_slots);
	memset(layer->slots, 0xff, sizeof(gint32) * layer->n_slots);
}

static void
aa_search_layer_clear(AaSearchLayer *layer)
{
	g_clear_pointer(&layer->states, g_array_unref);
	g_free(layer->slots);
}

static gint32
aa_search_layer_slot(AaSearchLayer *layer, guint64 key)
{
	gsize mask = layer->n_slots - 1;
	gsize x = (gsize)aa_search_memo_hash(key) & mask;
	for (;;) {
		gint32 at = layer->slots[x];
		if (at < 0 || g_array_index(layer->states, AaSearchState, at).key == key)
			return (gint32)x;
		x = (x + 1) & mask;
	}
}

/* the index of the state with @key, -1 if absent */
static gint32
aa_search_layer_lookup(AaSearchLayer *layer, guint64 key)
{
	return layer->slots[aa_search_layer_slot(layer, key)];
}

/* the state with @key, added with f = -inf when new */
static AaSearchState *
aa_search_layer_get(AaSearchLayer *layer, guint64 key, const gint64 *left)
{
	gint32 x;
	AaSearchState st = {0};
	if ((layer->states->len + 1) * 2 > layer->n_slots) {
		g_free(layer->slots);
		layer->n_slots *= 2;
		layer->slots = g_new(gint32, layer->n_slots);
		memset(layer->slots, 0xff, sizeof(gint32) * layer->n_slots);
		for (guint a = 0; a < layer->states->len; a++) {
			guint64 k = g_array_index(layer->states, AaSearchState, a).key;
			layer->slots[aa_search_layer_slot(layer, k)] = (gint32)a;
		}
	}
	x = aa_search_layer_slot(layer, key);
	if (layer->slots[x] >= 0)
		return &g_array_index(layer->states, AaSearchState, layer->slots[x]);
	st.key = key;
	for (guint k = 0; k < AA_USE_COUNT; k++)
		st.left[k] = (gint32)left[k];
	st.f = -INFINITY;
	st.v = -INFINITY;
	st.failed = -INFINITY;
	st.parent = -1;
	layer->slots[x] = (gint32)layer->states->len;
	g_array_append_val(layer->states, st);
	return &g_array_index(layer->states, AaSearchState, layer->states->len - 1);
}

/* states at most, all layers together, before falling back to the DFS */
#define AA_SEARCH_DP_MAX_STATES 600000

typedef enum {
	AA_SEARCH_DP_DONE,
	AA_SEARCH_DP_TOO_BIG,
	AA_SEARCH_DP_STOPPED,
} AaSearchDpStatus;

static gint
aa_search_state_prio_cmp(gconstpointer a, gconstpointer b)
{
	const AaSearchState *x = a;
	const AaSearchState *y = b;
	/* the bound is kept in key once the layer is built */
	gdouble px = x->f + *(const gdouble *)&x->key;
	gdouble py = y->f + *(const gdouble *)&y->key;
	return px > py ? -1 : (px < py ? 1 : 0);
}

static gint
aa_search_state_cell_cmp(gconstpointer a, gconstpointer b, gpointer data)
{
	GArray *states = data;
	const AaSearchState *x = &g_array_index(states, AaSearchState, *(const guint *)a);
	const AaSearchState *y = &g_array_index(states, AaSearchState, *(const guint *)b);
	for (guint k = 0; k < AA_USE_COUNT; k++) {
		if (k == AA_USE_MEMORY_QUANTA || x->left[k] == y->left[k])
			continue;
		return x->left[k] < y->left[k] ? -1 : 1;
	}
	/* more memory left first */
	if (x->left[AA_USE_MEMORY_QUANTA] != y->left[AA_USE_MEMORY_QUANTA])
		return x->left[AA_USE_MEMORY_QUANTA] > y->left[AA_USE_MEMORY_QUANTA] ? -1 : 1;
	return 0;
}

/*
 * Marks dead the states of a built layer that another state with the same
 * cores, slices and VFs left, at least as much memory left and a prefix at
 * least @margin higher dominates: everything after the dominated one is open
 * to the other, so no allocation through it comes within @margin of the
 * best.  With @margin above the tie distance, the tie-break pass loses
 * nothing either.
 */
static void
aa_search_layer_dominance(AaSearchLayer *layer, gdouble margin)
{
	GArray *states = layer->states;
	g_autofree guint *order = NULL;
	gdouble best = -INFINITY;

	if (states->len < 2)
		return;
	order = g_new(guint, states->len);
	for (guint a = 0; a < states->len; a++)
		order[a] = a;
	g_qsort_with_data(order, (gint)states->len, sizeof(guint), aa_search_state_cell_cmp,
	                  states);
	for (guint a = 0; a < states->len; a++) {
		AaSearchState *x = &g_array_index(states, AaSearchState, order[a]);
		if (a > 0) {
			const AaSearchState *p =
			    &g_array_index(states, AaSearchState, order[a - 1]);
			for (guint k = 0; k < AA_USE_COUNT; k++) {
				if (k != AA_USE_MEMORY_QUANTA && p->left[k] != x->left[k]) {
					best = -INFINITY;
					break;
				}
			}
		}
		if (best >= x->f + margin)
			x->dead = TRUE;
		else
			best = MAX(best, x->f);
	}
}

/* makes the capacity left at state @x the current one; returns the bound of
 * VMs @i.. there */
static gdouble
aa_search_state_enter(AaSearchContext *ctx, const AaSearchState *x, guint i)
{
	for (guint k = 0; k < AA_USE_COUNT; k++)
		ctx->left[k] = x->left[k];
	return aa_search_bound(ctx, i, ctx->left);
}

/* keeps the @width states of a built layer with the best prefix plus bound */
static void
aa_search_layer_beam(AaSearchContext *ctx, AaSearchLayer *layer, guint i, guint width)
{
	if (layer->states->len <= width)
		return;
	for (guint a = 0; a < layer->states->len; a++) {
		AaSearchState *x = &g_array_index(layer->states, AaSearchState, a);
		gdouble ub = aa_search_state_enter(ctx, x, i);
		memcpy(&x->key, &ub, sizeof(ub));
	}
	g_array_sort(layer->states, aa_search_state_prio_cmp);
	g_array_set_size(layer->states, width);
}

/*
 * With @beam > 0, a heuristic: each layer keeps its @beam most promising
 * states, and the best allocation found becomes the incumbent.  With 0, the
 * exact pass.
 */
static AaSearchDpStatus
aa_search_dp(AaSearchContext *ctx, guint beam, gdouble *bound_out)
{
	guint n = ctx->n;
	AaSearchLayer *layers = g_new0(AaSearchLayer, n + 1);
	AaSearchDpStatus status = AA_SEARCH_DP_DONE;
	gsize total = 1;
	guint i;
	/* the exact pass keeps every state an allocation within the tie
	 * distance of the incumbent could pass, for the tie-break pass */
	gdouble tie = beam > 0 ? 0.0 : AA_SEARCH_TIE;

	for (i = 0; i <= n; i++)
		aa_search_layer_init(&layers[i]);
	for (guint k = 0; k < AA_USE_COUNT; k++)
		ctx->left[k] = ctx->table->cap[k];
	aa_search_layer_get(&layers[0], aa_search_memo_key(ctx, 0), ctx->left)->f = 0.0;

	for (i = 0; i < n && status == AA_SEARCH_DP_DONE; i++) {
		GArray *cands = ctx->by_score[i];
		for (guint a = 0; a < layers[i].states->len; a++) {
			AaSearchState *x = &g_array_index(layers[i].states, AaSearchState, a);
			gdouble f = x->f;
			gdouble rest;

			if (x->dead)
				continue;
			ctx->nodes++;
			aa_search_tick(ctx);
			if (ctx->stop) {
				status = AA_SEARCH_DP_STOPPED;
				break;
			}
			/* the VMs after this one cannot do better with less left */
			rest = aa_search_state_enter(ctx, x, i + 1);
			for (guint j = 0; j < cands->len; j++) {
				const AaCandidate *c = &g_array_index(cands, AaCandidate, j);
				AaSearchState *y;
				gdouble g = f + c->score;

				if (g + rest + ctx->slack + tie <= ctx->best) {
					ctx->pruned++;
					break;
				}
				if (!aa_search_enter(ctx, c))
					continue;
				if (aa_search_bound_below(ctx, i + 1, ctx->left,
				                          ctx->best - g - ctx->slack - tie)) {
					ctx->pruned++;
				} else {
					y = aa_search_layer_get(&layers[i + 1],
					                        aa_search_memo_key(ctx, i + 1),
					                        ctx->left);
					if (g > y->f) {
						y->f = g;
						y->parent = (gint32)a;
						y->cand = c;
					}
				}
				aa_search_take(ctx, c, -1);
			}
		}
		if (beam > 0 && status == AA_SEARCH_DP_DONE)
			aa_search_layer_beam(ctx, &layers[i + 1], i + 1, beam);
		if (beam == 0 && status == AA_SEARCH_DP_DONE && i + 1 < n)
			aa_search_layer_dominance(&layers[i + 1], 2 * (AA_SEARCH_TIE + ctx->slack));
		total += layers[i + 1].states->len;
		if (status == AA_SEARCH_DP_DONE && total > AA_SEARCH_DP_MAX_STATES)
			status = AA_SEARCH_DP_TOO_BIG;
	}

	if (status == AA_SEARCH_DP_DONE) {
		gint32 at = -1;
		gdouble top = -INFINITY;
		for (guint a = 0; a < layers[n].states->len; a++) {
			AaSearchState *x = &g_array_index(layers[n].states, AaSearchState, a);
			if (x->f > top) {
				top = x->f;
				at = (gint32)a;
			}
		}
		if (at >= 0 && top > ctx->best) {
			ctx->best = top;
			for (guint l = n; l > 0; l--) {
				AaSearchState *x =
				    &g_array_index(layers[l].states, AaSearchState, at);
				ctx->best_path[l - 1] = x->cand;
				at = x->parent;
			}
		}
		*bound_out = ctx->best;
	} else if (status == AA_SEARCH_DP_STOPPED) {
		/* every allocation that could beat the incumbent passes a state of
		 * layer i: the largest of their bounds bounds them all */
		gdouble ub = ctx->best;
		for (guint a = 0; a < layers[i].states->len; a++) {
			AaSearchState *x = &g_array_index(layers[i].states, AaSearchState, a);
			ub = MAX(ub, x->f + aa_search_state_enter(ctx, x, i));
		}
		*bound_out = ub;
	}
	if (status == AA_SEARCH_DP_DONE && beam == 0) {
		ctx->layers = layers;
	} else {
		for (guint l = 0; l <= n; l++)
			aa_search_layer_clear(&layers[l]);
		g_free(layers);
	}
	for (guint k = 0; k < AA_USE_COUNT; k++)
		ctx->left[k] = ctx->table->cap[k];
	return status;
}

/*
 * After the exact pass: the best completion score of every kept state,
 * backwards over the transitions between kept states.  Every allocation
 * within the tie distance of the optimum passes kept states only.
 */
static void
aa_search_dp_values(AaSearchContext *ctx)
{
	AaSearchLayer *layers = ctx->layers;
	guint n = ctx->n;

	for (guint a = 0; a < layers[n].states->len; a++)
		g_array_index(layers[n].states, AaSearchState, a).v = 0.0;
	for (guint ii = n; ii > 0; ii--) {
		guint i = ii - 1;
		GArray *cands = ctx->by_score[i];
		for (guint a = 0; a < layers[i].states->len; a++) {
			AaSearchState *x = &g_array_index(layers[i].states, AaSearchState, a);
			gdouble v = -INFINITY;
			gdouble rest;
			if (x->dead) {
				x->v = -INFINITY;
				continue;
			}
			rest = aa_search_state_enter(ctx, x, i + 1);
			for (guint j = 0; j < cands->len; j++) {
				const AaCandidate *c = &g_array_index(cands, AaCandidate, j);
				gdouble g = x->f + c->score;
				gint32 at = -1;
				/* what the forward pass cut cannot reach the threshold
				 * from any prefix up to x->f: left out */
				if (c->score + rest <= v ||
				    g + rest + ctx->slack + AA_SEARCH_TIE <= ctx->best)
					break;
				if (!aa_search_fits(c, ctx->left))
					continue;
				aa_search_take(ctx, c, 1);
				if (!aa_search_bound_below(ctx, i + 1, ctx->left,
				                           ctx->best - g - ctx->slack -
				                               AA_SEARCH_TIE))
					at = aa_search_layer_lookup(&layers[i + 1],
					                            aa_search_memo_key(ctx, i + 1));
				if (at >= 0)
					v = MAX(v, c->score + g_array_index(layers[i + 1].states,
					                                    AaSearchState, at)
					                          .v);
				aa_search_take(ctx, c, -1);
			}
			x->v = v;
		}
	}
	for (guint k = 0; k < AA_USE_COUNT; k++)
		ctx->left[k] = ctx->table->cap[k];
}

/* counts a node of a tie-break pass; TRUE at a leaf, with @reached set when
 * its score @s reaches the threshold (the path is then the winner) */
static gboolean
aa_search_lex_leaf(AaSearchContext *ctx, guint i, gdouble s, gboolean *reached)
{
	ctx->nodes++;
	aa_search_tick(ctx);
	if (i < ctx->n)
		return FALSE;
	*reached = s >= ctx->threshold;
	if (*reached) {
		memcpy(ctx->best_path, ctx->path, sizeof(AaCandidate *) * ctx->n);
		ctx->best = s;
	}
	return TRUE;
}

/*
 * The tie-break pass over the kept states: candidates in lexicographic
 * order, each entered only when the exact completion score of its state can
 * reach the threshold, so it goes straight down but for rounding at the
 * threshold, where it backtracks as any depth-first search would.
 */
static gboolean
aa_search_dp_lex(AaSearchContext *ctx, guint i, gint32 at, gdouble s)
{
	AaSearchLayer *layers = ctx->layers;
	GArray *cands;
	gboolean reached;

	if (aa_search_lex_leaf(ctx, i, s, &reached))
		return reached;
	cands = ctx->by_lex[i];
	for (guint j = 0; j < cands->len && !ctx->stop; j++) {
		const AaCandidate *c = &g_array_index(cands, AaCandidate, j);
		AaSearchState *y;
		gint32 next;
		gboolean found;

		if (!aa_search_enter(ctx, c))
			continue;
		next = aa_search_layer_lookup(&layers[i + 1], aa_search_memo_key(ctx, i + 1));
		y = next >= 0 ? &g_array_index(layers[i + 1].states, AaSearchState, next) : NULL;
		found = FALSE;
		if (y == NULL || s + c->score + y->v + ctx->slack < ctx->threshold ||
		    s + c->score <= y->failed) {
			ctx->pruned++;
		} else {
			ctx->path[i] = c;
			found = aa_search_dp_lex(ctx, i + 1, next, s + c->score);
			if (!found && !ctx->stop)
				y->failed = MAX(y->failed, s + c->score);
		}
		aa_search_take(ctx, c, -1);
		if (found)
			return TRUE;
	}
	(void)at;
	return FALSE;
}

/*
 * Phase 2: the first allocation in lexicographic order reaching the
 * threshold.  A state fully explored from prefix score s without reaching it
 * cannot reach it from any prefix <= s either (rounding is monotone), so the
 * memo keeps the largest such s.
 */
static gboolean
aa_search_dfs_lex(AaSearchContext *ctx, guint i, gdouble s, gdouble *bound_out)
{
	GArray *cands;
	gdouble bound = -INFINITY;
	guint64 key;
	gboolean reached;

	*bound_out = 0.0;
	if (aa_search_lex_leaf(ctx, i, s, &reached))
		return reached;
	key = aa_search_memo_key(ctx, i);
	cands = ctx->by_lex[i];
	for (guint j = 0; j < cands->len && !ctx->stop; j++) {
		const AaCandidate *c = &g_array_index(cands, AaCandidate, j);
		gdouble child;
		gboolean found = FALSE;
		AaSearchMemoEntry *e;

		if (!aa_search_fits(c, ctx->left)) {
			ctx->pruned++;
			continue;
		}
		if (s + c->score + ctx->sbest[i + 1] + ctx->slack < ctx->threshold) {
			bound = MAX(bound, c->score + ctx->sbest[i + 1]);
			ctx->pruned++;
			continue;
		}
		aa_search_take(ctx, c, 1);
		child = aa_search_bound(ctx, i + 1, ctx->left);
		e = aa_search_memo_find(ctx, aa_search_memo_key(ctx, i + 1), FALSE);
		if (e != NULL)
			child = MIN(child, e->bound);
		if (s + c->score + child + ctx->slack < ctx->threshold ||
		    (e != NULL && s + c->score <= e->failed)) {
			ctx->pruned++;
		} else {
			gdouble sub;
			ctx->path[i] = c;
			found = aa_search_dfs_lex(ctx, i + 1, s + c->score, &sub);
			child = MIN(child, sub);
		}
		bound = MAX(bound, c->score + child);
		aa_search_take(ctx, c, -1);
		if (found)
			return TRUE;
	}
	if (!ctx->stop)
		aa_search_memo_store(ctx, key, bound, s);
	*bound_out = bound;
	return FALSE;
}

static void
aa_search_context_clear(AaSearchContext *ctx)
{
	for (guint i = 0; i < ctx->n; i++) {
		g_clear_pointer(&ctx->by_score[i], g_array_unref);
		g_clear_pointer(&ctx->by_lex[i], g_array_unref);
	}
	for (guint j = 0; j < ctx->n_relax; j++)
		aa_search_relax_clear(&ctx->relax[j]);
	g_free(ctx->by_score);
	g_free(ctx->by_lex);
	g_free(ctx->sbest);
	g_free(ctx->path);
	g_free(ctx->best_path);
	g_free(ctx->memo);
	if (ctx->layers != NULL) {
		AaSearchLayer *layers = ctx->layers;
		for (guint l = 0; l <= ctx->n; l++)
			aa_search_layer_clear(&layers[l]);
		g_free(layers);
	}
}

/* the memo's key layout and the rounding allowances */
static void
aa_search_setup(AaSearchContext *ctx)
{
	guint total = 0;
	gdouble magnitude = 0.0;

	for (guint k = 0; k < AA_USE_COUNT; k++) {
		guint bits = 0;
		while (((gint64)1 << bits) <= ctx->table->cap[k])
			bits++;
		ctx->memo_bits[k] = bits;
		total += bits;
	}
	/* the VM index takes the bits above the capacity */
	ctx->memo_on = total <= 52 && (guint64)ctx->n + 1 < ((guint64)1 << (63 - total));
	if (ctx->memo_on) {
		ctx->memo_size = (gsize)1 << 12;
		ctx->memo = g_new0(AaSearchMemoEntry, ctx->memo_size);
	}
	for (guint i = 0; i < ctx->n; i++) {
		GArray *cands = ctx->by_score[i];
		gdouble top = 0.0;
		for (guint j = 0; j < cands->len; j++)
			top = MAX(top, fabs(g_array_index(cands, AaCandidate, j).score));
		magnitude += top;
	}
	/* sums of n scores round by a few ulps of the magnitude */
	ctx->eps = 1e-12 + magnitude * 1e-15;
	ctx->slack = AA_SEARCH_SLACK + magnitude * 1e-14;
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
void
aa_search_table_set_limit(AaSearchTable *self, gdouble seconds, gboolean progress)
{
	self->time_limit = seconds;
	self->progress = progress;
}

/**
 * aa_search_table_set_levels:
 * @self: a table
 * @unit: 0, or the step of a lexicographic objective's first level
 *
 * Says that every score is @unit times a whole number (the first level)
 * plus a rest in [0, @unit), as the robust model's targets-first objective
 * is: the bounds then handle the levels apart, which keeps them tight where
 * the first level is settled.  Only a choice of bounds: the search is exact
 * for any @unit and any scores.
 */
void
aa_search_table_set_levels(AaSearchTable *self, gdouble unit)
{
	self->level_unit = unit > 0.0 && isfinite(unit) ? unit : 0.0;
}

/* tests: solve with the memoised depth-first search alone, to cross-check */
void
aa_search_table_set_depth_first(AaSearchTable *self, gboolean depth_first)
{
	self->depth_first = depth_first;
}

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
	ctx.t0 = t0;
	ctx.next_report = t0 + G_USEC_PER_SEC;
	ctx.progress = self->progress;
	if (self->time_limit > 0)
		ctx.deadline = t0 + (gint64)(self->time_limit * G_USEC_PER_SEC);
	if (!empty) {
		gdouble root;
		gdouble bound;
		AaSearchDpStatus status = AA_SEARCH_DP_TOO_BIG;
		aa_search_setup(&ctx);
		aa_search_build_bounds(&ctx);
		/* the root's bound holds whatever stops the search */
		root = aa_search_bound(&ctx, 0, ctx.left);
		/* warm start: a short depth-first dive for an incumbent */
		ctx.budget = 8 * (guint64)ctx.n + 64;
		aa_search_dfs_best(&ctx, 0, 0.0);
		ctx.budget = 0;
		ctx.stop = ctx.timed_out;
		if (ctx.memo_on && !ctx.stop && !self->depth_first) {
			/* a better incumbent from a beam of the same dynamic program;
			 * its bound covers the beam only and is not used */
			aa_search_dp(&ctx, 64, &bound);
			if (!ctx.stop) {
				status = aa_search_dp(&ctx, 0, &bound);
				if (status != AA_SEARCH_DP_TOO_BIG)
					root = MIN(root, bound);
			}
		}
		if (status == AA_SEARCH_DP_TOO_BIG && !ctx.stop) {
			/* too many states: depth-first with the memo */
			root = MIN(root, aa_search_dfs_best(&ctx, 0, 0.0));
		}
		if (ctx.stop)
			result->gap = MAX(root - ctx.best, 0.0);
	}
	result->timed_out = ctx.stop;
	if (ctx.best > -INFINITY && !ctx.stop) {
		gdouble ignored;
		ctx.threshold = ctx.best - AA_SEARCH_TIE;
		if (ctx.layers != NULL) {
			aa_search_dp_values(&ctx);
			if (!aa_search_dp_lex(&ctx, 0, 0, 0.0) && !ctx.stop)
				g_critical("tie-break pass lost the optimum");
		} else if (!aa_search_dfs_lex(&ctx, 0, 0.0, &ignored) && !ctx.stop)
			g_critical("tie-break pass lost the optimum");
		/* stopped in the tie-break pass: the value is optimal, the tie
		 * rule unproven; the best path of phase 1 stands */
		result->timed_out = ctx.stop;
	}
	if (ctx.best > -INFINITY) {
		result->feasible = TRUE;
		result->optimal = !ctx.stop;
		result->objective = 0.0;
		for (guint i = 0; i < ctx.n; i++) {
			const AaCandidate *c = ctx.best_path[i];
			AaAlloc r = {c->use[AA_USE_P_CORES], c->use[AA_USE_E_CORES],
			             (gint64)c->use[AA_USE_MEMORY_QUANTA] * self->quantum,
			             c->use[AA_USE_GPU_SLICES]};
			g_array_append_val(result->allocs, r);
			result->objective += c->score;
		}
	} else {
		result->objective = NAN;
	}
	if (ctx.reported)
		g_printerr("\r%*s\r", 72, "");
	result->nodes = ctx.nodes;
	result->pruned = ctx.pruned;
	result->seconds = (gdouble)(g_get_monotonic_time() - t0) / G_USEC_PER_SEC;
	aa_search_context_clear(&ctx);
	return result;
}

/**
 * aa_search_result_clear:
 * @self: a result, in a larger struct or on the stack
 *
 * Frees what @self holds (its allocations and reason), not @self.
 */
void
aa_search_result_clear(AaSearchResult *self)
{
	g_clear_pointer(&self->allocs, g_array_unref);
	g_clear_pointer(&self->reason, g_free);
}

void
aa_search_result_free(AaSearchResult *self)
{
	if (self == NULL)
		return;
	aa_search_result_clear(self);
	g_free(self);
}
