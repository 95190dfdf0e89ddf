/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Free capacity for a VM whose demand the profile could not measure
 * (docs/robust-model.md, "Free capacity after the search").
 */

#pragma once

#include "aa-search.h"

G_BEGIN_DECLS

/* what one VM was given on top of the search's allocation */
typedef struct {
	guint vm;                /* the VM's index in the intent */
	AaAlloc added;           /* P-cores, E-cores, memory and GPU slices added */
	AaAlloc before;          /* the search's allocation of the VM */
	gboolean cpu;            /* cores: its CPU demand was censored */
	gboolean gpu;            /* slices: its GPU demand was censored */
	gboolean missed;         /* cores or slices up to the equal share: a predicted miss */
	gboolean memory;         /* memory up to the equal share (a sampled working set) */
	gint64 e_cores_returned; /* E-cores given back for P-cores (a predicted miss) */
} AaLeftover;

GArray *aa_leftover_give(const AaProblem *problem, GArray *allocs);

G_END_DECLS
