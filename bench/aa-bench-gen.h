/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * A generator of realistic search instances: VMs of the five classes with
 * profile traces, QoS targets and utilisation weights filled as the intent
 * and profile readers would fill them, in families that stress the exact
 * search (identical copies, several near-identical VMs per class, fine
 * memory quanta).  Shared by the search bench, the MILP comparison and the
 * search test's regression cases.
 */

#pragma once

#include "aa-search.h"

G_BEGIN_DECLS

typedef enum {
	AA_GEN_MIXED,   /* classes in turn, demands jittered by 0.8 .. 1.25 */
	AA_GEN_COPIES,  /* the first n/2 VMs of MIXED, then the same again */
	AA_GEN_CLASSES, /* n/4 VMs in each of 4 classes, jitter 0.97 .. 1.03 */
	AA_GEN_NEAR,    /* like CLASSES, jitter 0.995 .. 1.005 */
	AA_GEN_COUNT,
} AaGenFamily;

typedef struct _AaGenVm AaGenVm;

typedef struct {
	gchar *label;      /* family/vms/quantum/seed */
	GPtrArray *vms;    /* AaGenVm */
	GPtrArray *models; /* AaVmModel, borrowed from vms */
	AaProblem problem;
} AaGenInstance;

const gchar *aa_gen_family_name(AaGenFamily family);
gboolean aa_gen_family_from_name(const gchar *name, AaGenFamily *family);
gboolean aa_gen_board_capacity(const gchar *filename, AaCapacity *capacity, GError **error);
AaGenInstance *aa_gen_instance_new(AaGenFamily family, guint n_vms, const AaCapacity *capacity,
                                   guint memory_quantum_mib, guint seed);
void aa_gen_instance_use_model(AaGenInstance *self, AaModelKind kind);
void aa_gen_instance_free(AaGenInstance *self);
gboolean aa_gen_write_lp(const AaGenInstance *self, const gchar *filename, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaGenInstance, aa_gen_instance_free)

G_END_DECLS
