/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The proven-optimal search of MODEL.md (depth-first backtracking with
 * feasibility pruning and an admissible bound) and the equal and proportional
 * baselines.
 */

#pragma once

#include "aa-model.h"

G_BEGIN_DECLS

typedef enum {
	AA_STRATEGY_OPTIMAL,
	AA_STRATEGY_EQUAL,
	AA_STRATEGY_PROPORTIONAL,
} AaStrategy;

/* what the VMs of the intent may share, after reserves and unmentioned VMs */
typedef struct {
	gint64 p_cores;
	gint64 e_cores;
	gint64 memory_mib;
	gint64 gpu_slices;
	gint64 gpu_vfs; /* SR-IOV VFs of the GPU PF, 0 without one */
} AaCapacity;

typedef struct {
	GPtrArray *models; /* AaVmModel, borrowed, intent order */
	AaCapacity capacity;
	guint memory_quantum_mib;
	gdouble lambda_scale; /* from the policy objective */
	gdouble time_limit;   /* seconds for the optimal search, <= 0: none */
	gboolean progress;    /* report progress on stderr */
} AaProblem;

typedef struct {
	AaStrategy strategy;
	gboolean feasible;  /* FALSE: no allocation (optimal) or clamping broke capacity */
	gboolean optimal;   /* proven optimum (strategy optimal only) */
	gboolean timed_out; /* the time limit stopped the optimal search */
	gdouble gap;        /* proven upper bound - objective; 0 when optimal */
	gdouble
	    objective;  /* sum of VMOptScore; for an infeasible baseline, of the clamped shares */
	GArray *allocs; /* AaAlloc, intent order */
	guint64 nodes;  /* search nodes visited */
	guint64 pruned; /* subtrees cut by the bound or feasibility */
	gdouble seconds;
	gchar *reason; /* when infeasible: the binding constraint and VMs, else NULL */
} AaSearchResult;

AaSearchResult *aa_search_run(const AaProblem *problem, AaStrategy strategy, GError **error);
void aa_search_result_clear(AaSearchResult *self);
void aa_search_result_free(AaSearchResult *self);
const gchar *aa_strategy_to_string(AaStrategy strategy);
gboolean aa_strategy_from_string(const gchar *text, AaStrategy *strategy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaSearchResult, aa_search_result_free)

G_END_DECLS
