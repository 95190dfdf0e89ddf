/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The robust model's additions beyond aa-model.h (docs/robust-model.md).
 */

#pragma once

#include "aa-model.h"
#include "aa-response.h"

G_BEGIN_DECLS

/* the relative noise of one measured QoS value (2-5 % in repeated benchmark
 * runs; the upper end, as it is one run): the robust model's default
 * uncertainty at the profiled allocation and refine's prior for the
 * measurement noise */
#define AA_MODEL_SIGMA_MEASURE 0.05

/* censored demand (docs/robust-model.md, "Censored demand"): a CPU or GPU
 * resource whose demand quantile reaches this share of the profiled amount
 * was saturated while profiled; the demand then is only known to be >= that
 * amount */
#define AA_MODEL_SATURATED_BUSY 0.95
/* the share of a predicted change that is uncertain (the built-in family's
 * sigma slope): the one the response families use outside what was measured */
#define AA_MODEL_SIGMA_EXTRAPOLATE AA_RESPONSE_SIGMA_EXTRAPOLATE
/* the share of a change extrapolated above a censored amount that is counted
 * as uncertain: twice AA_MODEL_SIGMA_EXTRAPOLATE, as no run measured there */
#define AA_MODEL_SIGMA_CENSORED 0.5
/* the true working set may lie this share above the largest working-set
 * sample of the trace (a phase the profiling run did not reach); memory above
 * it, or above the largest amount measured, gains nothing
 * (docs/robust-model.md, "Memory above the working set") */
#define AA_MODEL_WSS_UNSEEN 0.4
/* the E-core speed prior (docs/robust-model.md, "An E-core speed no run
 * measured"): the standard deviation of a speed spread evenly over
 * [0.2, 1.0], refine's grid, 0.8 / sqrt(12) */
#define AA_MODEL_ETA_SD 0.2309
/* the robust score of a missed lower-is-better target, L / Q, counts in steps
 * of 0.05: coming 5 % of the way closer is worth resources, the rest of the
 * dominated candidates still prune (docs/robust-model.md, "Objective: targets
 * first") */
#define AA_MODEL_SHORTFALL_STEP 0.05

void aa_vm_model_set_eta_measured(AaVmModel *self);

gdouble aa_demand_quantile(const gdouble *samples, guint n, gdouble confidence);
gdouble aa_vm_model_profiled_amount(const AaVmModel *self, AaResource k);
gboolean aa_vm_model_censored(const AaVmModel *self, AaResource k);

G_END_DECLS
