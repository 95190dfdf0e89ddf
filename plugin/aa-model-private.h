/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The fields of a VM model, shared inside the module: the search reads them
 * in its inner loops, so they are not behind getters.
 */

#pragma once

#include "aa-model.h"

G_BEGIN_DECLS

/* private: what the model knows of one QoS metric of the intent */
typedef struct {
	gdouble q_prof;    /* NAN when the trace lacks it */
	gboolean deadline; /* metric deadline-miss-ratio: the schedulability test */
	/* robust only (docs/robust-model.md) */
	gdouble sigma;             /* sigma_0 (absolute) */
	gdouble sigma_slope;       /* sigma(r) = sigma_0 + slope * |Q(r) - Q_prof| */
	const gchar *sigma_source; /* "loo", "default", "predictor", "none" */
	AaQosPredictor predictor;
} AaVmModelQos;

/* private */
struct _AaVmModel {
	const AaIntentVm *vm; /* borrowed */
	AaModelKind kind;
	gboolean rt; /* class rtos or scenario vm_type RTVM */
	gdouble eta;
	gboolean eta_unknown; /* robust: eta neither given nor measured on E-cores */
	gdouble r_prof[AA_RESOURCE_COUNT];
	gdouble r_min[AA_RESOURCE_COUNT];
	gdouble alpha[AA_RESOURCE_COUNT];
	gboolean alpha_fitted[AA_RESOURCE_COUNT];
	gboolean fitted; /* a calibration fit ran */
	/* robust: the fit is the anchored curve's (docs/robust-model.md) */
	gboolean fit_anchored;
	gdouble fit_mse; /* its mean squared error, NAN if none */
	guint fit_rows;  /* calibration rows used */
	GArray *per_qos; /* AaVmModelQos per intent qos, cleared by aa_vm_model_qos_clear() */
	/* robust only (docs/robust-model.md) */
	gdouble z;            /* margin = z * sigma; 0 for paper */
	gdouble anchor;       /* F(r_a) at the profiled allocation, 1 when not anchored */
	gdouble mem_sampled;  /* the largest working-set sample sized (MiB), 0 without */
	gdouble cpu_busy;     /* the trace's mean busy P-core equivalents, 0 without */
	gdouble mem_ceiling;  /* memory above it gains nothing (docs/robust-model.md,
	                       * "Memory above the working set"); 0: no ceiling */
	gdouble target_scale; /* M of the lexicographic objective, see
	                       * aa_vm_models_set_target_scale() */
	/* precomputed for aa_vm_model_score() */
	gdouble c[AA_RESOURCE_COUNT]; /* c_k = 1 - alpha_k (r_prof,k - r_min,k) */
	gdouble d[AA_RESOURCE_COUNT]; /* d_k = -alpha_k / c_k, 0 when c_k <= 0 */
	gboolean has_tasks;           /* the VM declares a task set */
	guint rt_min_cpus;            /* partitioned EDF minimum vCPUs, 0 if none works */
	AaFeasibility feasibility;    /* F_i: the hard rules, with this model's r_prof, r_min */
};

/* the record of the @j-th qos of the intent */
static inline AaVmModelQos *
aa_vm_model_qos_at(const AaVmModel *self, guint j)
{
	return &g_array_index(self->per_qos, AaVmModelQos, j);
}

G_END_DECLS
