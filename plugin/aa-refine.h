/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The automated refinement loop (docs/refine.md): refit each VM's QoS model
 * on its calibration and measured trials, cut what the measurements prove
 * cannot meet the targets, trust what they prove can, and choose the next
 * allocation to measure by an exact search.
 */

#pragma once

#include "aa-recommend.h"
#include "aa-response.h"
#include "aa-search.h"
#include "aa-trials.h"

G_BEGIN_DECLS

typedef enum {
	AA_REFINE_MET,      /* the last measured run met every target */
	AA_REFINE_CONTINUE, /* measure the allocation given next */
	AA_REFINE_STUCK,    /* no allocation can meet the targets */
} AaRefineStatus;

/* one measured point of one metric, and what the chosen family leaves
 * unexplained there */
typedef struct {
	AaAlloc alloc;         /* where it was measured */
	AaResponsePoint point; /* its effective amounts at the VM's eta, and the value */
	gdouble residual;      /* measured - predicted */
} AaRefinePoint;

/* one QoS metric of a refined VM */
typedef struct {
	AaResponse *response; /* NULL for deadline-miss-ratio */
	GArray *points;       /* AaRefinePoint where the family predicts: calibration
	                       * first, then the trials */
} AaRefineMetric;

/* one VM's model refitted on its data, and what its measured runs prove */
typedef struct {
	AaVmModel *model;     /* borrowed */
	GArray *metrics;      /* AaRefineMetric per intent qos */
	GArray *measured;     /* AaRefineMeasured, oldest first */
	guint n_trial_points; /* trial rows used */
	gdouble eta;          /* E-core speed the responses use: fitted when the
	                       * points hold both P- and E-core runs */
	gboolean eta_fitted;  /* the runs chose eta, not the model */
	gdouble noise;        /* relative measurement noise (sd of log Q), pooled over
	                       * repeated allocations with a prior (docs/refine.md) */
	guint noise_df;       /* its degrees of freedom from repeated measurements */
	gdouble z_cut;        /* a miss cuts when beyond z_cut noise standard errors */
} AaRefineVm;

/* one measured allocation of one VM */
typedef struct {
	AaAlloc alloc;
	guint run;
	gboolean all_met;  /* every target of the VM measured and met */
	gboolean any_miss; /* some target measured and missed */
	GArray *values;    /* gdouble per intent qos, NAN when not measured */
	gboolean cuts;     /* some target missed beyond the noise, with every run at
	                    * the same allocation pooled: a <= alloc cannot meet it */
} AaRefineMeasured;

typedef struct {
	/* found.allocs: AaAlloc, intent order, NULL when nothing fits; found.reason:
	 * why stuck, or a short account of the choice */
	AaSearchResult found;
	AaRefineStatus status;
	guint n_runs;
	gdouble probability; /* predicted chance that the next run meets every target */
	guint n_cut;         /* candidates excluded by measured misses */
	guint n_trusted;     /* candidates proven by measured hits */
} AaRefineResult;

AaRefineVm *aa_refine_vm_new(AaVmModel *model, const AaTrials *trials);
void aa_refine_vm_free(AaRefineVm *self);
gdouble aa_refine_vm_predict(const AaRefineVm *self, guint j, const AaAlloc *r, gdouble *sigma);
gdouble aa_refine_vm_optimistic(const AaRefineVm *v, guint j, const AaAlloc *a);
gdouble aa_refine_vm_predict_corrected(const AaRefineVm *self, guint j, const AaAlloc *r,
                                       gdouble *sigma);
gboolean aa_refine_check_trials(GPtrArray *models, const AaTrials *trials, GError **error);
AaRefineResult *aa_refine_solve(const AaProblem *problem, GPtrArray *vms, guint n_runs);
void aa_refine_result_free(AaRefineResult *self);
const gchar *aa_refine_status_to_string(AaRefineStatus status);
gchar *aa_refine_recommend(AaPluginContext *ctx, GHashTable *options, GError **error);
gchar *aa_refine_recommend_xml(AaPluginContext *ctx, GHashTable *options, gchar **xml,
                               GPtrArray **models, GError **error);
gchar *aa_refine_run(AaPluginContext *ctx, GHashTable *options, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaRefineVm, aa_refine_vm_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaRefineResult, aa_refine_result_free)

G_END_DECLS
