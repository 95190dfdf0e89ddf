/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The parametric QoS model of MODEL.md: profile vector, impact factors,
 * predicted QoS, scores, the per-VM objective and the calibration fit.
 */

#pragma once

#include "aa-intent-private.h"

G_BEGIN_DECLS

/* one VM's allocation r_i = (cP, cE, m, g) */
typedef struct {
	gint64 p_cores;
	gint64 e_cores;
	gint64 memory_mib;
	gint64 gpu_slices;
} AaAlloc;

/* the prediction for one QoS metric of the intent */
typedef struct {
	const AaQosTarget *qos;	  /* borrowed from the intent */
	gdouble profiled;	  /* Q_prof from the trace's "# qos:" line */
	gdouble predicted;	  /* Q(r); for deadline-miss-ratio 0 or 1 */
	gdouble score;		  /* S_k */
	gboolean met;
} AaQosPrediction;

typedef struct {
	gdouble factor;		  /* F(r) */
	gdouble utilization[AA_RESOURCE_COUNT]; /* U_k */
	gdouble perf;		  /* VMPerfScore */
	gdouble util;		  /* VMUtilScore */
	gdouble total;		  /* VMOptScore = perf + lambda * scale * util */
	GArray *qos;		  /* AaQosPrediction, intent order */
} AaVmEvaluation;

typedef struct {
	const AaIntentVm *vm;	  /* borrowed */
	gboolean rt;		  /* class rtos or scenario vm_type RTVM */
	gdouble eta;
	gdouble r_prof[AA_RESOURCE_COUNT];
	gdouble r_min[AA_RESOURCE_COUNT];
	gdouble alpha[AA_RESOURCE_COUNT];
	gboolean alpha_fitted[AA_RESOURCE_COUNT];
	gboolean fitted;	  /* a calibration fit ran */
	gdouble fit_mse;	  /* its mean squared error, NAN if none */
	guint fit_rows;		  /* calibration rows used */
	GArray *q_prof;		  /* gdouble per intent qos, NAN when the trace lacks it */
	/* private: precomputed for aa_vm_model_score() */
	gdouble c[AA_RESOURCE_COUNT]; /* c_k = 1 - alpha_k (r_prof,k - r_min,k) */
	gdouble d[AA_RESOURCE_COUNT]; /* d_k = -alpha_k / c_k, 0 when c_k <= 0 */
	GArray *q_deadline;	  /* gboolean per intent qos: metric deadline-miss-ratio */
	gboolean has_tasks;	  /* the VM declares a task set */
	guint rt_min_cpus;	  /* partitioned EDF minimum vCPUs, 0 if none works */
} AaVmModel;

AaVmModel *
aa_vm_model_new(const AaIntentVm *vm, gboolean rt, GError **error);
void
aa_vm_model_free(AaVmModel *self);
gdouble
aa_vm_model_impact(const AaVmModel *self, AaResource k, gdouble x);
gdouble
aa_vm_model_effective(const AaVmModel *self, AaResource k, const AaAlloc *r);
gdouble
aa_vm_model_factor(const AaVmModel *self, const AaAlloc *r);
gboolean
aa_vm_model_feasible(const AaVmModel *self, const AaAlloc *r);
gboolean
aa_vm_model_wants_gpu(const AaVmModel *self);
gdouble
aa_vm_model_score(const AaVmModel *self, const AaAlloc *r, gdouble lambda_scale);
void
aa_vm_model_evaluate(const AaVmModel *self, const AaAlloc *r, gdouble lambda_scale,
		     AaVmEvaluation *out);
void
aa_vm_evaluation_clear(AaVmEvaluation *eval);
gdouble
aa_objective_lambda_scale(AaObjective objective);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaVmModel, aa_vm_model_free)

G_END_DECLS
