/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Turns counts into concrete pCPU IDs and SR-IOV VF BDFs (MODEL.md, Placement).
 */

#pragma once

#include "aa-board.h"
#include "aa-model.h"

G_BEGIN_DECLS

typedef struct {
	const gchar *name;    /* borrowed, for messages */
	const AaIntentVm *vm; /* borrowed: its VM of the intent, or NULL */
	gboolean rt;
	AaAlloc alloc;
	GArray *pcpus;     /* guint, output: ascending */
	gchar *vf_bdf;     /* output, NULL when gpu_slices == 0 */
	gboolean isolated; /* output: an RT VM got a clean isolation domain */
} AaPlacementVm;

/* @taken: pCPU IDs already held (Service VM reserve, VMs outside the intent);
 * @vms: AaPlacementVm in intent order */
gboolean aa_placement_run(AaBoard *board, GArray *taken, GPtrArray *vms, GError **error);
/* @taken_vfs: (nullable): VF BDFs (gchar *) of the GPU that others hold, skipped */
gboolean aa_placement_run_full(AaBoard *board, GArray *taken, GPtrArray *taken_vfs, GPtrArray *vms,
                               GError **error);
GArray *aa_placement_service_pcpus(AaBoard *board, guint count);
void aa_placement_vm_free(AaPlacementVm *vm);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaPlacementVm, aa_placement_vm_free)

G_END_DECLS
