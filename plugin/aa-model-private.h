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
	GArray *q_prof;  /* gdouble per intent qos, NAN when the trace lacks it */
	/* robust only (docs/robust-model.md) */
	gdouble z;            /* margin = z * sigma; 0 for paper */
	gdouble anchor;       /* F(r_a) at the profiled allocation, 1 when not anchored */
	gdouble target_scale; /* M of the lexicographic objective, see
	                       * aa_vm_models_set_target_scale() */
	GArray *sigma;        /* gdouble per intent qos: sigma_0 (absolute) */
	GArray *sigma_slope;  /* gdouble per intent qos: sigma(r) = sigma_0 +
	                       * slope * |Q(r) - Q_prof| */
	GArray *sigma_source; /* const gchar * per qos: "loo", "default", "predictor" */
	GArray *predictors;   /* AaQosPredictor per intent qos */
	/* precomputed for aa_vm_model_score() */
	gdouble c[AA_RESOURCE_COUNT]; /* c_k = 1 - alpha_k (r_prof,k - r_min,k) */
	gdouble d[AA_RESOURCE_COUNT]; /* d_k = -alpha_k / c_k, 0 when c_k <= 0 */
	GArray *q_deadline;           /* gboolean per intent qos: metric deadline-miss-ratio */
	gboolean has_tasks;           /* the VM declares a task set */
	guint rt_min_cpus;            /* partitioned EDF minimum vCPUs, 0 if none works */
	AaFeasibility feasibility;    /* F_i: the hard rules, with this model's r_prof, r_min */
};

G_END_DECLS
