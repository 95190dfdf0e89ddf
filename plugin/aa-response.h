/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Response families: one VM's QoS metric as a function of its effective
 * allocation (x = cP + eta cE, m, g), fitted on measured points, compared by
 * leave-one-out error and chosen per metric (docs/response-families.md).
 */

#pragma once

#include "aa-intent.h"

G_BEGIN_DECLS

typedef enum {
	AA_RESPONSE_PAPER,            /* MODEL.md's F_k product, scale Q_prof */
	AA_RESPONSE_AMDAHL,           /* 1 / ((1 - p) + p / u) per resource */
	AA_RESPONSE_MICHAELIS_MENTEN, /* u^n (1 + K^n) / (K^n + u^n), n in [1, 4] */
	AA_RESPONSE_KNEE,             /* 1 above a knee w, b u / w below it */
	AA_RESPONSE_PWL,              /* monotone piecewise-linear interpolation */
	AA_RESPONSE_COUNT,
} AaResponseFamily;

/* below this many points no family is chosen by data: the paper form stands */
#define AA_RESPONSE_MIN_POINTS 4
/* at most this many points are fitted: the last ones given */
#define AA_RESPONSE_MAX_POINTS 64
/* the uncertainty of a prediction not chosen by data, relative to the scale */
#define AA_RESPONSE_DEFAULT_SIGMA 0.15
/* the smallest uncertainty ever claimed, relative to the scale */
#define AA_RESPONSE_SIGMA_FLOOR 0.01
/* the share of a change predicted outside the amounts measured that is
 * uncertain (aa_response_extrapolated()); the robust model's built-in family
 * uses the same share (AA_MODEL_SIGMA_EXTRAPOLATE) */
#define AA_RESPONSE_SIGMA_EXTRAPOLATE 0.25

/* one measured point: effective amounts and the value measured */
typedef struct {
	gdouble x[AA_RESOURCE_COUNT];
	gdouble value;
} AaResponsePoint;

/* what the paper form needs, from the VM's model */
typedef struct {
	gboolean higher_is_better;
	gdouble q_prof; /* NAN when the profile did not measure it */
	gdouble r_prof[AA_RESOURCE_COUNT];
	gdouble r_min[AA_RESOURCE_COUNT];
	gdouble alpha[AA_RESOURCE_COUNT]; /* the model's default (or given) alphas */
	/* memory above the larger of this and the largest amount measured gains
	 * nothing (docs/robust-model.md, "Memory above the working set"); 0: none */
	gdouble memory_ceiling;
} AaResponseContext;

/* one family's fit on all points, and its leave-one-out error */
typedef struct {
	AaResponseFamily family;
	gboolean available; /* applicable and enough points */
	guint n_params;
	gdouble train_mse; /* NAN when not available */
	gdouble loo_mse;   /* NAN when not available */
} AaResponseFitInfo;

typedef struct _AaResponse AaResponse;

#define AA_RESPONSE_ALL_FAMILIES ((1u << AA_RESPONSE_COUNT) - 1)

AaResponse *aa_response_new(const AaResponseContext *ctx, const AaResponsePoint *points,
                            guint n_points);
AaResponse *aa_response_new_full(const AaResponseContext *ctx, const AaResponsePoint *points,
                                 guint n_points, guint families);
void aa_response_free(AaResponse *self);
gdouble aa_response_held_out_mse(const AaResponseContext *ctx, const AaResponsePoint *points,
                                 guint n_points, const gboolean *held_out, AaResponseFamily family);
gdouble aa_response_predict(const AaResponse *self, const gdouble *x);
gdouble aa_response_predict_family(const AaResponse *self, AaResponseFamily family,
                                   const gdouble *x);
AaResponseFamily aa_response_chosen(const AaResponse *self);
gboolean aa_response_chosen_by_data(const AaResponse *self);
gdouble aa_response_sigma(const AaResponse *self);
gdouble aa_response_sigma_at(const AaResponse *self, const gdouble *x);
gdouble aa_response_extrapolated(const AaResponse *self, const gdouble *x);
guint aa_response_n_points(const AaResponse *self);
const AaResponseFitInfo *aa_response_fit_info(const AaResponse *self, AaResponseFamily family);
const gchar *aa_response_family_to_string(AaResponseFamily family);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaResponse, aa_response_free)

G_END_DECLS
