/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The exact core of the search: a table of candidate allocations per VM with
 * precomputed scores, built from the VM models or by hand, and its exact
 * solver, which knows nothing of the QoS model, so tests can drive it with
 * any scores.
 */

#pragma once

#include "aa-search.h"

G_BEGIN_DECLS

/* the capacity dimensions a candidate uses, in this order */
typedef enum {
	AA_USE_P_CORES,
	AA_USE_E_CORES,
	AA_USE_MEMORY_QUANTA,
	AA_USE_GPU_SLICES,
	AA_USE_GPU_VFS,
	AA_USE_COUNT,
} AaUse;

typedef struct _AaSearchTable AaSearchTable;

AaSearchTable *aa_search_table_new(const AaCapacity *capacity, guint memory_quantum_mib,
                                   guint n_vms);
void aa_search_table_free(AaSearchTable *self);
void aa_search_table_add(AaSearchTable *self, guint vm, const AaAlloc *alloc, gdouble score);
guint aa_search_table_count(AaSearchTable *self, guint vm);
void aa_search_table_finish(AaSearchTable *self);
gdouble aa_search_table_get(AaSearchTable *self, guint vm, guint j, AaAlloc *alloc);
gint64 aa_search_table_min_use(AaSearchTable *self, guint vm, AaUse use);
gint64 aa_search_table_min_pcpus(AaSearchTable *self, guint vm);
gint64 aa_search_table_capacity(AaSearchTable *self, AaUse use);
void aa_search_table_set_limit(AaSearchTable *self, gdouble seconds, gboolean progress);
void aa_search_table_set_levels(AaSearchTable *self, gdouble unit);
void aa_search_table_set_depth_first(AaSearchTable *self, gboolean depth_first);
AaSearchResult *aa_search_table_solve(AaSearchTable *self);
AaSearchTable *aa_search_table_new_for_problem(const AaProblem *problem);
AaSearchTable *aa_search_table_new_whole(const AaProblem *problem);
gchar *aa_search_explain_infeasible(const AaProblem *problem, AaSearchTable *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaSearchTable, aa_search_table_free)

G_END_DECLS
