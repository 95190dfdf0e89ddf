/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The vocabulary of the model (MODEL.md): VM classes, resources, allocated
 * dimensions, objectives and model kinds, with their one spelling each.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* MODEL.md's E-core efficiency: cP + eta cE, when the intent gives no <model eta> */
#define AA_ETA_DEFAULT 0.6

typedef enum {
	AA_VM_CLASS_GENERAL,
	AA_VM_CLASS_RTOS,
	AA_VM_CLASS_GAMING,
	AA_VM_CLASS_AI_INFERENCE,
	AA_VM_CLASS_WEB,
} AaVmClass;

/* the resources of the model, in MODEL.md order */
typedef enum {
	AA_RESOURCE_CPU,
	AA_RESOURCE_MEMORY,
	AA_RESOURCE_GPU,
	AA_RESOURCE_COUNT,
} AaResource;

/* the four allocated quantities r_i = (cP, cE, m, g) */
typedef enum {
	AA_DIM_P_CORES,
	AA_DIM_E_CORES,
	AA_DIM_MEMORY_MIB,
	AA_DIM_GPU_SLICES,
	AA_DIM_COUNT,
} AaDim;

typedef enum {
	AA_OBJECTIVE_PERFORMANCE, /* lambda x0 */
	AA_OBJECTIVE_BALANCED,    /* lambda x1 */
	AA_OBJECTIVE_EFFICIENCY,  /* lambda x4 */
} AaObjective;

/* which model recommend optimises (MODEL.md v2, "Models: paper and robust") */
typedef enum {
	AA_MODEL_KIND_ROBUST, /* the default: docs/robust-model.md */
	AA_MODEL_KIND_PAPER,  /* MODEL.md v1 exactly, with v2's hard feasibility */
} AaModelKind;

const gchar *aa_vm_class_to_string(AaVmClass klass);
gboolean aa_vm_class_from_string(const gchar *text, AaVmClass *klass);
const gchar *aa_resource_to_string(AaResource resource);
gboolean aa_resource_from_string(const gchar *text, AaResource *resource);

G_END_DECLS
