/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * What the VMs of an intent may share (MODEL.md, Resources and capacity).
 */

#pragma once

#include "aa-board.h"
#include "aa-intent.h"
#include "aa-iogroup.h"
#include "aa-search.h"

G_BEGIN_DECLS

/* the user VMs the intent does not mention, and what they keep */
typedef struct {
	GPtrArray *vms;      /* AaVm (borrowed), in scenario order */
	gint64 memory_mib;   /* their memory/size */
	GPtrArray *vfs;      /* gchar *: VF BDFs of AaCapacityInfo.gpu_pf that they hold */
	const AaVm *pf_user; /* one of them passing gpu_pf through whole, or NULL */
} AaCapacityKept;

typedef struct {
	AaCapacity capacity;
	gint64 board_p_cores;
	gint64 board_e_cores;
	gint64 board_memory_mib;
	GArray *service_pcpus;     /* guint, the reserve: lowest-ID P-cores, CPU 0 first */
	GArray *taken;             /* guint, ascending: service reserve + VMs outside the intent */
	const AaPciDevice *gpu_pf; /* the first SR-IOV display PF, or NULL */
	AaIoGroup *io_group;       /* pCPUs for acrn-dm's I/O threads (in taken), or NULL */
	AaCapacityKept kept;
} AaCapacityInfo;

AaCapacityInfo *aa_capacity_compute(AaBoard *board, AaScenario *scenario, AaIntent *intent,
                                    GError **error);
void aa_capacity_info_free(AaCapacityInfo *self);
gboolean aa_capacity_vm_is_rt(AaScenario *scenario, const AaIntentVm *vm);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaCapacityInfo, aa_capacity_info_free)

G_END_DECLS
