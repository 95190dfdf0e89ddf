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

typedef struct {
	AaCapacity capacity;
	gint64 board_p_cores;
	gint64 board_e_cores;
	gint64 board_memory_mib;
	GArray *service_pcpus;     /* guint, the reserve: lowest-ID P-cores, CPU 0 first */
	GArray *taken;             /* guint, ascending: service reserve + VMs outside the intent */
	GPtrArray *kept_vms;       /* AaVm (borrowed): user VMs the intent does not mention */
	gint64 kept_memory_mib;    /* their memory/size */
	const AaPciDevice *gpu_pf; /* the first SR-IOV display PF, or NULL */
	AaIoGroup *io_group;       /* pCPUs for acrn-dm's I/O threads (in taken), or NULL */
	GPtrArray *kept_vfs;       /* gchar *: VF BDFs of gpu_pf that kept VMs hold */
	const AaVm *kept_pf_user;  /* a kept VM passing gpu_pf through whole, or NULL */
} AaCapacityInfo;

AaCapacityInfo *aa_capacity_compute(AaBoard *board, AaScenario *scenario, AaIntent *intent,
                                    GError **error);
void aa_capacity_info_free(AaCapacityInfo *self);
gboolean aa_capacity_vm_is_rt(AaScenario *scenario, const AaIntentVm *vm);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaCapacityInfo, aa_capacity_info_free)

G_END_DECLS
