/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The parametric QoS model of MODEL.md: profile vector, impact factors,
 * predicted QoS, scores, the per-VM objective and the calibration fit.
 */

#pragma once

#include "aa-feasibility.h"
#include "aa-intent.h"

G_BEGIN_DECLS

typedef struct _AaVmModel AaVmModel;

/**
 * AaQosPredictFunc:
 * @user_data: what aa_vm_model_set_predictor() was given
 * @model: the VM's model (its profile vector, eta, r_min, q_prof are there)
 * @r: the allocation, in F_i
 *
 * A response family for one QoS metric: the predicted value of the metric
 * under @r, in the metric's own unit, replacing Q_prof * F(r) (higher is
 * better) or Q_prof / F(r) (lower is better).  Called for every candidate of
 * the search: it must be pure (same @r, same value), fast and thread-safe.
 * NAN means "cannot predict" (scored as a miss); INFINITY is allowed for a
 * lower-is-better metric.
 *
 * Returns: the predicted value
 */
typedef gdouble (*AaQosPredictFunc)(gpointer user_data, const AaVmModel *model, const AaAlloc *r);

/* the uncertainty of a predictor's value under @r, in the metric's unit
 * (aa_vm_model_set_predictor_sigma()); pure and fast like AaQosPredictFunc */
typedef gdouble (*AaQosSigmaFunc)(gpointer user_data, const AaVmModel *model, const AaAlloc *r);

/* an installed predictor (see aa_vm_model_set_predictor()) */
typedef struct {
	AaQosPredictFunc func; /* NULL: the model's own Q_prof * F(r) */
	gpointer user_data;
	GDestroyNotify destroy;
	gchar *family;             /* e.g. "amdahl"; NULL for the built-in one */
	AaQosSigmaFunc sigma_func; /* NULL: the constant sigma given */
} AaQosPredictor;

/**
 * AaDemandSamplesFunc:
 * @user_data: the options' demand_data
 * @vm: the VM
 * @k: the resource
 * @samples: (element-type gdouble) (inout): the trace's demand samples of @k in
 *   the allocation's unit (CPU: P-core equivalents; memory: MiB of working set,
 *   or RSS; GPU: busy slices); may be replaced, e.g. by a forecast's draws
 *
 * The robust model's demand sizing hook (docs/robust-model.md): what
 * aa_demand_size_cpu/memory/gpu() then size.
 */
typedef void (*AaDemandSamplesFunc)(gpointer user_data, const AaIntentVm *vm, AaResource k,
                                    GArray *samples);

/**
 * AaCensorEndedFunc:
 * @user_data: the options' censor_data
 * @model: the model being built (its VM and eta are set)
 * @k: a resource the profile shows saturated (CPU or GPU)
 * @demand: the censored demand the robust model would size it at, above the
 *   profiled amount
 *
 * The robust model's censoring hook (docs/robust-model.md, "Censored demand"):
 * %TRUE when a measured run (refine's trials) had @k at or above @demand, so
 * the response there is measured and the censored prior is not used.
 *
 * Returns: %TRUE to keep the trace's demand for @k
 */
typedef gboolean (*AaCensorEndedFunc)(gpointer user_data, const AaVmModel *model, AaResource k,
                                      gdouble demand);

/* the options of aa_vm_model_new_full(); aa_model_options_init() gives the defaults */
typedef struct {
	AaModelKind kind;
	gdouble demand_confidence;          /* robust: coverage of the demand samples, (0, 1] */
	gdouble target_confidence;          /* robust: one-sided confidence of "met", [0.5, 1) */
	gdouble memory_headroom;            /* robust: fraction above the working set, >= 0 */
	guint memory_quantum_mib;           /* robust: the memory bin */
	AaDemandSamplesFunc demand_samples; /* robust, nullable: replaces the trace's samples */
	gpointer demand_data;
	AaCensorEndedFunc censor_ended; /* robust, nullable: measured runs end censoring */
	gpointer censor_data;
} AaModelOptions;

/* the prediction for one QoS metric of the intent */
typedef struct {
	const AaQosTarget *qos; /* borrowed from the intent */
	gdouble profiled;       /* Q_prof from the trace's "# qos:" line */
	gdouble predicted;      /* Q(r); for deadline-miss-ratio 0 or 1 */
	gdouble score;          /* S_k: paper of Q, robust of Q -/+ margin */
	gboolean met;           /* paper: predicted beats the target; robust: by the margin */
	gboolean nominal_met;   /* the predicted value beats the target, margin aside */
	gdouble sigma;          /* the prediction's uncertainty at r (0 for paper) */
	gdouble margin;         /* z * sigma, 0 for paper */
	const gchar *family;    /* the response family: "paper" or a predictor's name */
} AaQosPrediction;

typedef struct {
	gdouble factor;                         /* F(r) */
	gdouble utilization[AA_RESOURCE_COUNT]; /* U_k */
	gdouble perf;                           /* VMPerfScore */
	gdouble util;                           /* VMUtilScore */
	gdouble total;                          /* VMOptScore = perf + lambda * scale * util */
	gdouble met_weight; /* sum of the weights of the targets met (with the margin) */
	gdouble credit;    /* robust first level: met weight + half the weight met only nominally */
	guint n_met;       /* targets met (with the margin) */
	guint n_targets;   /* targets of the VM */
	gdouble objective; /* what the search maximises: paper total, robust
	                    * target_scale * met_weight + total */
	GArray *qos;       /* AaQosPrediction, intent order */
} AaVmEvaluation;

void aa_model_options_init(AaModelOptions *options, AaModelKind kind);
void aa_model_options_from_intent(AaModelOptions *options, const AaIntent *intent);
const gchar *aa_model_kind_to_string(AaModelKind kind);
gboolean aa_model_kind_from_string(const gchar *text, AaModelKind *kind);
gdouble aa_model_normal_quantile(gdouble p);
gdouble aa_model_student_quantile(gdouble p, guint df);
gdouble aa_demand_size(const gdouble *samples, guint n, gdouble bin, gdouble confidence);
gdouble aa_demand_size_cpu(const gdouble *samples, guint n, gdouble confidence);
gdouble aa_demand_size_memory(const gdouble *samples, guint n, gdouble headroom, guint quantum_mib);
gdouble aa_demand_size_gpu(const gdouble *samples, guint n, gdouble confidence);
AaVmModel *aa_vm_model_new_full(const AaIntentVm *vm, gboolean rt, const AaModelOptions *options,
                                GError **error);
void aa_vm_model_set_predictor(AaVmModel *self, guint qos_index, AaQosPredictFunc func,
                               gpointer user_data, GDestroyNotify destroy, gdouble sigma,
                               const gchar *family_name);
void aa_vm_model_set_predictor_sigma(AaVmModel *self, guint qos_index, AaQosSigmaFunc func);
gdouble aa_vm_model_predict(const AaVmModel *self, guint qos_index, const AaAlloc *r);
gdouble aa_vm_models_set_target_scale(GPtrArray *models, gdouble lambda_scale);
AaVmModel *aa_vm_model_new(const AaIntentVm *vm, gboolean rt, GError **error);
void aa_vm_model_free(AaVmModel *self);
gdouble aa_vm_model_impact(const AaVmModel *self, AaResource k, gdouble x);
gdouble aa_vm_model_effective(const AaVmModel *self, AaResource k, const AaAlloc *r);
gdouble aa_vm_model_factor(const AaVmModel *self, const AaAlloc *r);
gboolean aa_vm_model_feasible(const AaVmModel *self, const AaAlloc *r);
gboolean aa_vm_model_wants_gpu(const AaVmModel *self);
gdouble aa_vm_model_score(const AaVmModel *self, const AaAlloc *r, gdouble lambda_scale);
void aa_vm_model_evaluate(const AaVmModel *self, const AaAlloc *r, gdouble lambda_scale,
                          AaVmEvaluation *out);
void aa_vm_evaluation_clear(AaVmEvaluation *eval);
gdouble aa_objective_lambda_scale(AaObjective objective);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaVmModel, aa_vm_model_free)

G_END_DECLS
