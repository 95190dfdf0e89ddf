/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The refinement loop's decision (docs/refine.md).  QoS is taken to be
 * monotone in each resource of a VM and a VM's QoS to depend on its own
 * allocation only, so one measured run proves two things per VM:
 *
 * - a cut: a run that missed a target of the VM at allocation m proves every
 *   allocation a <= m (componentwise) misses it too: a leaves F_i;
 * - a trust: a run that met every target of the VM at m proves every
 *   a >= m meets them all.
 *
 * Between the two, each metric is predicted by the response family chosen
 * on the VM's calibration and trials, with the family's leave-one-out RMSE
 * as the uncertainty sigma.  The next allocation maximises, exactly (the
 * search's table), the sum over VMs of
 *
 *   W * min(log P_i(a), cap_i(a)) + VMOptScore_i(a)
 *
 * where P_i is the predicted probability that every target of VM i is met
 * (normal errors, metrics independent), cap_i = 0 for a trusted allocation
 * and log 0.99 otherwise: the most likely allocation to meet every target,
 * then, among the near-certain, the best predicted objective.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "aa-context-private.h"
#include "aa-error.h"
#include "aa-intent-private.h"
#include "aa-model-private.h"
#include "aa-model-robust.h"
#include "aa-refine.h"
#include "aa-search-private.h"
#include "aa-xml-attr.h"

#define AA_REFINE_DEADLINE_METRIC "deadline-miss-ratio"
/* weight of the log-probability against VMOptScore */
#define AA_REFINE_WEIGHT 1000.0
/* a predicted probability above this counts as certain, so efficiency decides */
#define AA_REFINE_P_CAP 0.99
/* below this predicted chance at every candidate, a VM's model sees no way to
 * its targets: refine explores (docs/refine.md, "When the model sees no way") */
#define AA_REFINE_HOPELESS 0.01
/* the log-probability of one metric is floored here (P ~ 2e-22) */
#define AA_REFINE_LOG_P_FLOOR -50.0
/* keeps every table score positive */
#define AA_REFINE_SHIFT 1e6
/* the confidence a noisy miss needs before the loop may stop on it (stuck);
 * target-confidence (0.8) is enough to steer the next allocation */
#define AA_REFINE_STUCK_CONFIDENCE 0.99

const gchar *
aa_refine_status_to_string(AaRefineStatus status)
{
	switch (status) {
	case AA_REFINE_MET:
		return "met";
	case AA_REFINE_CONTINUE:
		return "continue";
	case AA_REFINE_STUCK:
	default:
		return "stuck";
	}
}

static gboolean
aa_refine_is_deadline(const AaQosTarget *qos)
{
	return g_strcmp0(qos->metric, AA_REFINE_DEADLINE_METRIC) == 0;
}

static gboolean
aa_refine_value_meets(const AaQosTarget *qos, gdouble value)
{
	if (isnan(value))
		return FALSE;
	return qos->higher_is_better ? value >= qos->target : value <= qos->target;
}

static gint
aa_refine_qos_index(const AaIntentVm *vm, const gchar *metric)
{
	for (guint j = 0; vm->qos != NULL && j < vm->qos->len; j++) {
		const AaQosTarget *qos = g_ptr_array_index(vm->qos, j);
		if (g_strcmp0(qos->metric, metric) == 0)
			return (gint)j;
	}
	return -1;
}

static void
aa_refine_measured_clear(AaRefineMeasured *m)
{
	g_clear_pointer(&m->values, g_array_unref);
}

/* the effective amounts with the E-core speed @eta */
static void
aa_refine_effective(gdouble eta, const AaAlloc *r, gdouble *x)
{
	for (guint k = 0; k < AA_RESOURCE_COUNT; k++)
		x[k] = aa_alloc_effective(r, k, eta);
}

/* one measured point of one metric, before eta is known */
typedef struct {
	AaAlloc alloc;
	gdouble value;
} AaRefineRaw;

/* metric @j's response context and its points (@raw) at the E-core speed @eta */
static void
aa_refine_metric_points(const AaRefineVm *self, guint j, GArray *raw, gdouble eta,
                        AaResponseContext *ctx, GArray *pts)
{
	const AaVmModel *model = self->model;
	const AaQosTarget *qos = g_ptr_array_index(model->vm->qos, j);

	*ctx = (AaResponseContext){.higher_is_better = qos->higher_is_better,
	                           .q_prof = aa_vm_model_qos_at(model, j)->q_prof};
	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		ctx->r_prof[k] = model->r_prof[k];
		ctx->r_min[k] = model->r_min[k];
		ctx->alpha[k] = model->alpha[k];
	}
	ctx->memory_ceiling = model->mem_ceiling;
	for (guint i = 0; i < raw->len; i++) {
		const AaRefineRaw *r = &g_array_index(raw, AaRefineRaw, i);
		AaResponsePoint p;
		aa_refine_effective(eta, &r->alloc, p.x);
		p.value = r->value;
		g_array_append_val(pts, p);
	}
}

/* metric @j: every family fitted on its points (@raw, NULL for
 * deadline-miss-ratio) at the VM's E-core speed, and what the chosen one
 * leaves unexplained at each point where it predicts */
static void
aa_refine_metric_fit(const AaRefineVm *self, guint j, GArray *raw, AaRefineMetric *metric)
{
	g_autoptr(GArray) pts = g_array_new(FALSE, FALSE, sizeof(AaResponsePoint));
	AaResponseContext ctx;

	metric->response = NULL;
	metric->points = g_array_new(FALSE, FALSE, sizeof(AaRefinePoint));
	if (raw == NULL)
		return;
	aa_refine_metric_points(self, j, raw, self->eta, &ctx, pts);
	metric->response = aa_response_new_full(&ctx, (const AaResponsePoint *)pts->data, pts->len,
	                                        AA_RESPONSE_ALL_FAMILIES);
	for (guint i = 0; i < raw->len; i++) {
		AaRefinePoint p = {g_array_index(raw, AaRefineRaw, i).alloc,
		                   g_array_index(pts, AaResponsePoint, i), 0.0};
		p.residual = p.point.value - aa_response_predict(metric->response, p.point.x);
		if (isfinite(p.residual))
			g_array_append_val(metric->points, p);
	}
}

static void
aa_refine_metric_clear(gpointer data)
{
	AaRefineMetric *metric = data;

	g_clear_pointer(&metric->response, aa_response_free);
	g_clear_pointer(&metric->points, g_array_unref);
}

static const AaRefineMetric *
aa_refine_vm_metric(const AaRefineVm *self, guint j)
{
	return &g_array_index(self->metrics, AaRefineMetric, j);
}

/* whether an E-core run's memory and GPU lie within what the P-core runs
 * measured (@lo, @hi per resource): only then does the interpolation of the
 * P-core runs predict it up to the CPU, the one amount eta moves */
static gboolean
aa_refine_eta_inside(const AaResponsePoint *p, const gdouble *lo, const gdouble *hi)
{
	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		if (k == AA_RESOURCE_CPU)
			continue;
		if (p->x[k] < lo[k] - 1e-9 || p->x[k] > hi[k] + 1e-9)
			return FALSE;
	}
	return TRUE;
}

/* how well the P-core runs predict the runs on E-cores at the E-core speed
 * @eta (docs/response-families.md, "Variables"): per metric, the
 * interpolation of the P-core runs, at each E-core run whose memory and GPU
 * lie within the P-core runs' (an E-core run that also changed the GPU or the
 * memory beyond them mixes an unknown gain with the E-core speed), its
 * squared error over the metric's scale squared, averaged over those runs
 * and summed over metrics; INFINITY without such runs */
static gdouble
aa_refine_eta_error(const AaRefineVm *self, GPtrArray *raws, gdouble eta)
{
	gdouble err = 0.0;
	guint used = 0;

	for (guint j = 0; j < raws->len; j++) {
		GArray *raw = g_ptr_array_index(raws, j);
		gdouble q_prof = aa_vm_model_qos_at(self->model, j)->q_prof;
		gdouble scale = isfinite(q_prof) && q_prof > 0.0 ? q_prof : 1.0;
		g_autoptr(GArray) pts = g_array_new(FALSE, FALSE, sizeof(AaResponsePoint));
		g_autoptr(GArray) train = g_array_new(FALSE, FALSE, sizeof(AaResponsePoint));
		g_autoptr(GArray) held = g_array_new(FALSE, TRUE, sizeof(gboolean));
		gdouble lo[AA_RESOURCE_COUNT] = {INFINITY, INFINITY, INFINITY};
		gdouble hi[AA_RESOURCE_COUNT] = {-INFINITY, -INFINITY, -INFINITY};
		AaResponseContext ctx;
		gdouble sse = 0.0;
		guint n = 0;

		if (raw == NULL)
			continue;
		aa_refine_metric_points(self, j, raw, eta, &ctx, pts);
		/* below the P-core runs, CPU scales as x / x_lo, not by the paper's curve:
		 * a pessimistic curve there would make slow E-cores look fast */
		ctx.r_min[AA_RESOURCE_CPU] = 0.0;
		for (guint i = 0; i < raw->len; i++) {
			const AaResponsePoint *p = &g_array_index(pts, AaResponsePoint, i);
			if (g_array_index(raw, AaRefineRaw, i).alloc.e_cores > 0)
				continue;
			g_array_append_val(train, *p);
			for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
				lo[k] = MIN(lo[k], p->x[k]);
				hi[k] = MAX(hi[k], p->x[k]);
			}
		}
		/* each E-core run alone beside the P-core runs, held out: the last
		 * point */
		g_array_set_size(held, train->len + 1);
		g_array_index(held, gboolean, train->len) = TRUE;
		for (guint i = 0; i < raw->len; i++) {
			const AaResponsePoint *p = &g_array_index(pts, AaResponsePoint, i);
			gdouble mse;
			if (g_array_index(raw, AaRefineRaw, i).alloc.e_cores == 0 ||
			    !aa_refine_eta_inside(p, lo, hi))
				continue;
			g_array_append_val(train, *p);
			mse = aa_response_held_out_mse(&ctx, (const AaResponsePoint *)train->data,
			                               train->len, (const gboolean *)held->data,
			                               AA_RESPONSE_PWL);
			g_array_set_size(train, train->len - 1);
			if (isnan(mse))
				continue;
			sse += mse;
			n++;
		}
		if (n == 0)
			continue;
		err += sse / n / (scale * scale);
		used++;
	}
	return used > 0 ? err : INFINITY;
}

static void
aa_refine_raw_free(gpointer data)
{
	if (data != NULL)
		g_array_unref(data);
}

/* a metric measured on the log scale: positive values and a positive target */
static gboolean
aa_refine_log_usable(const AaQosTarget *qos, gdouble value)
{
	return !aa_refine_is_deadline(qos) && qos->target > 0.0 && value > 0.0 && isfinite(value);
}

/* adds the values of one metric at one allocation to the pooled sum of
 * squares of log Q around their mean */
static void
aa_refine_noise_group(const gdouble *logs, guint n, gdouble *ss, guint *df)
{
	gdouble mean = 0.0;

	if (n < 2)
		return;
	for (guint i = 0; i < n; i++)
		mean += logs[i] / n;
	for (guint i = 0; i < n; i++)
		*ss += (logs[i] - mean) * (logs[i] - mean);
	*df += n - 1;
}

/* the log values of metric @j measured at @alloc: the profile's "# qos:" value
 * at its "# allocation:", the calibration rows and the runs there */
static guint
aa_refine_values_at(const AaRefineVm *self, guint j, const AaAlloc *alloc, gboolean trials_only,
                    GArray *logs)
{
	const AaIntentVm *vm = self->model->vm;
	const AaQosTarget *qos = g_ptr_array_index(vm->qos, j);
	const AaProfile *profile = vm->profile;

	g_array_set_size(logs, 0);
	if (!trials_only && profile != NULL && profile->has_allocation &&
	    profile->alloc_p_cores == alloc->p_cores && profile->alloc_e_cores == alloc->e_cores &&
	    profile->alloc_memory_mib == alloc->memory_mib &&
	    profile->alloc_gpu_slices == alloc->gpu_slices) {
		gdouble q = aa_vm_model_qos_at(self->model, j)->q_prof;
		if (aa_refine_log_usable(qos, q)) {
			gdouble l = log(q);
			g_array_append_val(logs, l);
		}
	}
	for (guint i = 0; !trials_only && vm->calibration != NULL && i < vm->calibration->len;
	     i++) {
		const AaCalibrationRow *cal = g_ptr_array_index(vm->calibration, i);
		AaAlloc a = {cal->p_cores, cal->e_cores, cal->memory_mib, cal->gpu_slices};
		if (g_strcmp0(cal->metric, qos->metric) == 0 && memcmp(&a, alloc, sizeof(a)) == 0 &&
		    aa_refine_log_usable(qos, cal->value)) {
			gdouble l = log(cal->value);
			g_array_append_val(logs, l);
		}
	}
	for (guint r = 0; r < self->measured->len; r++) {
		const AaRefineMeasured *m = &g_array_index(self->measured, AaRefineMeasured, r);
		gdouble v = g_array_index(m->values, gdouble, j);
		if (memcmp(&m->alloc, alloc, sizeof(*alloc)) == 0 && aa_refine_log_usable(qos, v)) {
			gdouble l = log(v);
			g_array_append_val(logs, l);
		}
	}
	return logs->len;
}

static gboolean aa_refine_leq_vm(const AaRefineVm *v, const AaAlloc *a, const AaAlloc *b);

/* the log values of metric @j of the runs at @alloc or above it (in what can
 * change the VM's QoS): by monotonicity each has a true value at least as
 * good as @alloc's, so their mean beyond the target proves @alloc misses */
static guint
aa_refine_values_at_or_above(const AaRefineVm *self, guint j, const AaAlloc *alloc, GArray *logs)
{
	const AaQosTarget *qos = g_ptr_array_index(self->model->vm->qos, j);

	g_array_set_size(logs, 0);
	for (guint r = 0; r < self->measured->len; r++) {
		const AaRefineMeasured *m = &g_array_index(self->measured, AaRefineMeasured, r);
		gdouble v = g_array_index(m->values, gdouble, j);
		if (aa_refine_leq_vm(self, alloc, &m->alloc) && aa_refine_log_usable(qos, v)) {
			gdouble l = log(v);
			g_array_append_val(logs, l);
		}
	}
	return logs->len;
}

/* the margin by which the mean of the @n log values in @logs meets metric
 * @qos's target (negative: misses it), times sqrt(@n): beyond z noise
 * standard errors when above z times one run's noise (a pooled met; a cut is
 * the same test of its negation) */
static gdouble
aa_refine_mean_beyond(const AaQosTarget *qos, const GArray *logs, guint n)
{
	gdouble mean = 0.0;
	gdouble gap;

	for (guint i = 0; i < n; i++)
		mean += g_array_index(logs, gdouble, i) / n;
	gap = qos->higher_is_better ? mean - log(qos->target) : log(qos->target) - mean;
	return gap * sqrt((gdouble)n);
}

/* which measured misses are beyond z_cut noise standard errors (below) */
static void
aa_refine_vm_mark_cuts(AaRefineVm *self)
{
	const AaIntentVm *vm = self->model->vm;
	guint n_qos = vm->qos != NULL ? vm->qos->len : 0;
	g_autoptr(GArray) logs = g_array_new(FALSE, FALSE, sizeof(gdouble));

	for (guint r = 0; r < self->measured->len; r++) {
		AaRefineMeasured *m = &g_array_index(self->measured, AaRefineMeasured, r);
		m->cuts = FALSE;
		for (guint j = 0; j < n_qos && !m->cuts; j++) {
			const AaQosTarget *qos = g_ptr_array_index(vm->qos, j);
			gdouble v = g_array_index(m->values, gdouble, j);
			guint n;
			if (isnan(v) || aa_refine_value_meets(qos, v))
				continue;
			if (!aa_refine_log_usable(qos, v) || self->z_cut <= 0.0) {
				m->cuts = TRUE;
				continue;
			}
			n = aa_refine_values_at_or_above(self, j, &m->alloc, logs);
			m->cuts = -aa_refine_mean_beyond(qos, logs, n) > self->z_cut * self->noise;
		}
	}
}

/* adds to @ss the sum of squares of log Q around each repeatedly measured
 * allocation's mean, over the VM's metrics and allocations (the profile's,
 * calibration, trials), and to @df its degrees of freedom: the VM's own
 * evidence of its noise */
static void
aa_refine_vm_noise_ss(const AaRefineVm *self, gdouble *ss, guint *df)
{
	const AaIntentVm *vm = self->model->vm;
	guint n_qos = vm->qos != NULL ? vm->qos->len : 0;
	g_autoptr(GArray) logs = g_array_new(FALSE, FALSE, sizeof(gdouble));
	g_autoptr(GArray) seen = g_array_new(FALSE, FALSE, sizeof(AaAlloc));
	const AaProfile *profile = vm->profile;

	/* every distinct allocation measured: the profile's, calibration, trials */
	if (profile != NULL && profile->has_allocation) {
		AaAlloc a = {profile->alloc_p_cores, profile->alloc_e_cores,
		             profile->alloc_memory_mib, profile->alloc_gpu_slices};
		g_array_append_val(seen, a);
	}
	for (guint i = 0; vm->calibration != NULL && i < vm->calibration->len; i++) {
		const AaCalibrationRow *cal = g_ptr_array_index(vm->calibration, i);
		AaAlloc a = {cal->p_cores, cal->e_cores, cal->memory_mib, cal->gpu_slices};
		g_array_append_val(seen, a);
	}
	for (guint r = 0; r < self->measured->len; r++)
		g_array_append_val(seen, g_array_index(self->measured, AaRefineMeasured, r).alloc);
	for (guint s = 0; s < seen->len; s++) {
		const AaAlloc *a = &g_array_index(seen, AaAlloc, s);
		gboolean first = TRUE;
		for (guint t = 0; t < s && first; t++)
			first = memcmp(&g_array_index(seen, AaAlloc, t), a, sizeof(*a)) != 0;
		for (guint j = 0; first && j < n_qos; j++) {
			aa_refine_values_at(self, j, a, FALSE, logs);
			aa_refine_noise_group((const gdouble *)(gpointer)logs->data, logs->len, ss,
			                      df);
		}
	}
}

/*
 * The measurement noise and which misses cut.  The noise is the standard
 * deviation of log Q between repeated measurements of one allocation,
 * pooled over the VM's metrics and allocations, with the prior
 * AA_MODEL_SIGMA_MEASURE counted as one degree of freedom:
 *
 *   noise^2 = (sigma_0^2 + sum of squares around each allocation's mean) / (1 + df)
 *
 * A run's miss cuts (a <= alloc leaves F_i) only when the mean of log Q over
 * every run at that allocation or above it is beyond the target by more than
 * z_cut noise standard errors (z_cut = Phi^-1(target-confidence); 0 in the paper model,
 * where every miss cuts, as the measurement is the truth there).  Targets
 * <= 0, non-positive values and deadline-miss-ratio are exact: any miss cuts.
 */
static void
aa_refine_vm_noise(AaRefineVm *self)
{
	gdouble ss = AA_MODEL_SIGMA_MEASURE * AA_MODEL_SIGMA_MEASURE;
	guint df = 0;

	self->z_cut = MAX(self->model->z, 0.0);
	aa_refine_vm_noise_ss(self, &ss, &df);
	self->noise = sqrt(ss / (1.0 + df));
	self->noise_df = df;
	aa_refine_vm_mark_cuts(self);
}

/* the E-core speeds tried when both core types were measured */
static const gdouble aa_refine_etas[] = {0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};

/**
 * aa_refine_vm_new:
 * @model: the VM's model (profile, calibration)
 * @trials: (nullable): measured runs; rows of other VMs are skipped
 *
 * Fits the response families of every QoS metric of the VM (but
 * deadline-miss-ratio, which the task set decides) on the calibration rows
 * and the VM's trial rows, and collects the VM's measured runs.
 *
 * Returns: (transfer full): the refined VM
 */
AaRefineVm *
aa_refine_vm_new(AaVmModel *model, const AaTrials *trials)
{
	g_autoptr(AaRefineVm) self = g_new0(AaRefineVm, 1);
	const AaIntentVm *vm = model->vm;
	guint n_qos = vm->qos != NULL ? vm->qos->len : 0;
	g_autoptr(GPtrArray) raws = g_ptr_array_new_with_free_func(aa_refine_raw_free);
	gboolean has_p = FALSE;
	gboolean has_e = FALSE;

	self->model = model;
	self->measured = g_array_new(FALSE, TRUE, sizeof(AaRefineMeasured));
	g_array_set_clear_func(self->measured, (GDestroyNotify)aa_refine_measured_clear);

	/* the VM's measured runs, in file order */
	for (guint i = 0; trials != NULL && i < trials->rows->len; i++) {
		const AaTrialRow *row = g_ptr_array_index(trials->rows, i);
		AaRefineMeasured *m = NULL;
		gint j;
		if (g_strcmp0(row->vm, vm->name) != 0)
			continue;
		if (row->point.e_cores > 0)
			aa_vm_model_set_eta_measured(model);
		j = aa_refine_qos_index(vm, row->point.metric);
		if (j < 0)
			continue;
		if (self->measured->len > 0) {
			m = &g_array_index(self->measured, AaRefineMeasured,
			                   self->measured->len - 1);
			if (m->run != row->run)
				m = NULL;
		}
		if (m == NULL) {
			AaRefineMeasured fresh = {{row->point.p_cores, row->point.e_cores,
			                           row->point.memory_mib, row->point.gpu_slices},
			                          row->run,
			                          FALSE,
			                          FALSE,
			                          NULL};
			gdouble nan = NAN;
			fresh.values = g_array_sized_new(FALSE, FALSE, sizeof(gdouble), n_qos);
			for (guint q = 0; q < n_qos; q++)
				g_array_append_val(fresh.values, nan);
			g_array_append_val(self->measured, fresh);
			m = &g_array_index(self->measured, AaRefineMeasured,
			                   self->measured->len - 1);
		}
		g_array_index(m->values, gdouble, j) = row->point.value;
		self->n_trial_points++;
	}
	for (guint r = 0; r < self->measured->len; r++) {
		AaRefineMeasured *m = &g_array_index(self->measured, AaRefineMeasured, r);
		m->all_met = TRUE;
		for (guint j = 0; j < n_qos; j++) {
			const AaQosTarget *qos = g_ptr_array_index(vm->qos, j);
			gdouble v = g_array_index(m->values, gdouble, j);
			if (isnan(v)) {
				m->all_met = FALSE;
				continue;
			}
			if (!aa_refine_value_meets(qos, v)) {
				m->all_met = FALSE;
				m->any_miss = TRUE;
			}
		}
	}

	aa_refine_vm_noise(self);

	/* the points of each metric: calibration first, then the trials */
	for (guint j = 0; j < n_qos; j++) {
		const AaQosTarget *qos = g_ptr_array_index(vm->qos, j);
		GArray *raw;

		if (aa_refine_is_deadline(qos)) {
			g_ptr_array_add(raws, NULL);
			continue;
		}
		raw = g_array_new(FALSE, FALSE, sizeof(AaRefineRaw));
		g_ptr_array_add(raws, raw);
		for (guint i = 0; vm->calibration != NULL && i < vm->calibration->len; i++) {
			const AaCalibrationRow *cal = g_ptr_array_index(vm->calibration, i);
			AaRefineRaw r = {
			    {cal->p_cores, cal->e_cores, cal->memory_mib, cal->gpu_slices},
			    cal->value};
			if (g_strcmp0(cal->metric, qos->metric) != 0)
				continue;
			g_array_append_val(raw, r);
			has_p = has_p || r.alloc.p_cores > 0;
			has_e = has_e || r.alloc.e_cores > 0;
		}
		for (guint r = 0; r < self->measured->len; r++) {
			const AaRefineMeasured *m =
			    &g_array_index(self->measured, AaRefineMeasured, r);
			AaRefineRaw one = {m->alloc, g_array_index(m->values, gdouble, j)};
			if (isnan(one.value))
				continue;
			g_array_append_val(raw, one);
			has_p = has_p || one.alloc.p_cores > 0;
			has_e = has_e || one.alloc.e_cores > 0;
		}
	}

	/* with runs on both core types the E-core speed is chosen first, by how
	 * well the interpolation of the other runs predicts each E-core run (cheap,
	 * free of any parametric shape, and blind to the points the speed does not
	 * move); then every family is fitted at that speed */
	self->eta = model->eta;
	if (has_p && has_e && !vm->has_eta) {
		gdouble best = aa_refine_eta_error(self, raws, self->eta);
		for (guint g = 0; g < G_N_ELEMENTS(aa_refine_etas); g++) {
			gdouble err;
			if (aa_refine_etas[g] == model->eta)
				continue;
			err = aa_refine_eta_error(self, raws, aa_refine_etas[g]);
			if (err < best * (1.0 - 1e-6)) {
				best = err;
				self->eta = aa_refine_etas[g];
				self->eta_fitted = TRUE;
			}
		}
	}
	self->metrics = g_array_sized_new(FALSE, FALSE, sizeof(AaRefineMetric), raws->len);
	g_array_set_clear_func(self->metrics, aa_refine_metric_clear);
	for (guint j = 0; j < raws->len; j++) {
		AaRefineMetric metric;
		aa_refine_metric_fit(self, j, g_ptr_array_index(raws, j), &metric);
		g_array_append_val(self->metrics, metric);
	}
	return g_steal_pointer(&self);
}

/**
 * aa_refine_vm_free:
 * @self: (nullable): a refined VM
 */
void
aa_refine_vm_free(AaRefineVm *self)
{
	if (self == NULL)
		return;
	g_clear_pointer(&self->metrics, g_array_unref);
	g_clear_pointer(&self->measured, g_array_unref);
	g_free(self);
}

/**
 * aa_refine_vm_predict:
 * @self: a refined VM
 * @j: the intent qos index
 * @r: an allocation
 * @sigma: (out) (optional): the prediction's uncertainty
 *
 * Returns: the metric predicted by the chosen family, NAN for
 * deadline-miss-ratio or a metric nothing can predict
 */
gdouble
aa_refine_vm_predict(const AaRefineVm *self, guint j, const AaAlloc *r, gdouble *sigma)
{
	const AaResponse *resp;
	gdouble x[AA_RESOURCE_COUNT];

	g_return_val_if_fail(j < self->metrics->len, NAN);
	resp = aa_refine_vm_metric(self, j)->response;
	if (sigma != NULL)
		*sigma = resp != NULL ? aa_response_sigma(resp) : 0.0;
	if (resp == NULL)
		return NAN;
	aa_refine_effective(self->eta, r, x);
	/* what lies outside the amounts measured is a share less certain */
	if (sigma != NULL)
		*sigma += AA_RESPONSE_SIGMA_EXTRAPOLATE * aa_response_extrapolated(resp, x);
	return aa_response_predict(resp, x);
}

/* the coordinates of the residuals' correlation: P-cores and E-cores (in
 * P-core equivalents) apart, memory, GPU slices; each scaled by its resource */
#define AA_REFINE_KERNEL_DIMS 4
static const AaResource aa_refine_kernel_resource[AA_REFINE_KERNEL_DIMS] = {
    AA_RESOURCE_CPU, AA_RESOURCE_CPU, AA_RESOURCE_MEMORY, AA_RESOURCE_GPU};

static void
aa_refine_kernel_coords(gdouble eta, const AaAlloc *r, gdouble *y)
{
	y[0] = (gdouble)r->p_cores;
	y[1] = eta * (gdouble)r->e_cores;
	y[2] = (gdouble)r->memory_mib;
	y[3] = (gdouble)r->gpu_slices;
}

/*
 * The prediction corrected by the measurements around @r, as the posterior
 * of a Gaussian process whose prior mean is the family's prediction f (prior
 * variance sigma_f^2, the family's LOO error) and whose observations are the
 * measured points with the measurement noise (variance sigma_n^2):
 *
 *   q(r)       = f(r) + sum_i w_i (Q_i - f(x_i)) / (lambda + sum_i w_i)
 *   sigma(r)^2 = sigma_f^2 lambda / (lambda + sum_i w_i)
 *   lambda     = sigma_n^2 / sigma_f^2,  sigma_n = noise * |Q_prof| (the
 *                metric's scale: Q_prof, else the mean measured value)
 *   w_i        = exp(-d_i^2 / 2), d the distance in quarters of the profiled
 *                demand per resource
 *
 * (the residuals' correlation exp(-d^2 / 2), each point its own estimate).
 * At a point measured n times the prediction is the mean of the runs
 * shrunk by lambda / n towards the family, with about the noise's standard
 * error; far from every point it is the family's, with its error.
 */
static gdouble
aa_refine_vm_corrected(const AaRefineVm *self, guint j, const AaAlloc *r, gdouble *sigma)
{
	gdouble sigma_f = 0.0;
	gdouble q = aa_refine_vm_predict(self, j, r, &sigma_f);
	const GArray *pts = aa_refine_vm_metric(self, j)->points;
	gdouble q_prof = aa_vm_model_qos_at(self->model, j)->q_prof;
	gdouble y[AA_REFINE_KERNEL_DIMS];
	gdouble scale[AA_RESOURCE_COUNT];
	gdouble num = 0.0;
	gdouble sum_w = 0.0;
	gdouble magnitude = 0.0;
	gdouble lambda;

	if (sigma != NULL)
		*sigma = sigma_f;
	if (isnan(q) || pts->len == 0)
		return q;
	aa_refine_kernel_coords(self->eta, r, y);
	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		gdouble ref = self->model->r_prof[k];
		for (guint i = 0; ref <= 0.0 && i < pts->len; i++)
			ref = MAX(ref, g_array_index(pts, AaRefinePoint, i).point.x[k]);
		scale[k] = 0.25 * MAX(ref, 1.0);
	}
	for (guint i = 0; i < pts->len; i++) {
		const AaRefinePoint *p = &g_array_index(pts, AaRefinePoint, i);
		gdouble yi[AA_REFINE_KERNEL_DIMS];
		gdouble d2 = 0.0;
		gdouble w;
		aa_refine_kernel_coords(self->eta, &p->alloc, yi);
		for (guint c = 0; c < AA_REFINE_KERNEL_DIMS; c++) {
			AaResource k = aa_refine_kernel_resource[c];
			gdouble dk = (y[c] - yi[c]) / scale[k];
			/* a VM without GPU demand does not depend on its slices (as for
			 * the cuts): a run with other slices is as near */
			if (k == AA_RESOURCE_GPU && self->model->r_prof[k] <= 0.0)
				continue;
			d2 += dk * dk;
		}
		w = exp(-0.5 * d2);
		num += w * p->residual;
		sum_w += w;
		magnitude += fabs(p->point.value) / pts->len;
	}
	if (isfinite(q_prof) && q_prof != 0.0)
		magnitude = fabs(q_prof);
	lambda = sigma_f > 0.0 ? pow(self->noise * magnitude / sigma_f, 2.0) : 1.0;
	lambda = CLAMP(lambda, 1e-6, 1e6);
	if (sigma != NULL)
		*sigma = sigma_f * sqrt(lambda / (lambda + sum_w));
	return q + num / (lambda + sum_w);
}

/**
 * aa_refine_vm_predict_corrected:
 * @self: a refined VM
 * @j: the intent qos index
 * @r: an allocation
 * @sigma: (out) (optional): the corrected prediction's uncertainty
 *
 * Returns: the chosen family's prediction corrected by the measured points
 * around @r (docs/refine.md, "Between the proofs"), NAN as
 * aa_refine_vm_predict()
 */
gdouble
aa_refine_vm_predict_corrected(const AaRefineVm *self, guint j, const AaAlloc *r, gdouble *sigma)
{
	g_return_val_if_fail(j < self->metrics->len, NAN);
	return aa_refine_vm_corrected(self, j, r, sigma);
}

/**
 * aa_refine_check_trials:
 * @models: the intent's VM models
 * @trials: the trials read
 * @error: (nullable): optional return location for an error
 *
 * Every row must name a VM of the intent and one of its QoS metrics: a typo
 * would otherwise leave a target unmeasured for ever.
 *
 * Returns: %TRUE if every row is usable
 */
gboolean
aa_refine_check_trials(GPtrArray *models, const AaTrials *trials, GError **error)
{
	for (guint i = 0; i < trials->rows->len; i++) {
		const AaTrialRow *row = g_ptr_array_index(trials->rows, i);
		const AaIntentVm *vm = NULL;
		g_autoptr(GString) names = g_string_new(NULL);

		for (guint v = 0; v < models->len; v++) {
			const AaVmModel *model = g_ptr_array_index(models, v);
			if (g_strcmp0(model->vm->name, row->vm) == 0)
				vm = model->vm;
		}
		if (vm == NULL) {
			for (guint v = 0; v < models->len; v++) {
				const AaVmModel *model = g_ptr_array_index(models, v);
				g_string_append_printf(names, "%s%s", v > 0 ? ", " : "",
				                       model->vm->name);
			}
			aa_error_set_at(
			    error, AA_ERROR_INVALID_DATA, trials->filename, row->point.line,
			    "VM '%s' is not in the intent; use one of %s", row->vm, names->str);
			return FALSE;
		}
		if (aa_refine_qos_index(vm, row->point.metric) < 0) {
			for (guint j = 0; vm->qos != NULL && j < vm->qos->len; j++) {
				const AaQosTarget *qos = g_ptr_array_index(vm->qos, j);
				g_string_append_printf(names, "%s%s", j > 0 ? ", " : "",
				                       qos->metric);
			}
			aa_error_set_at(error, AA_ERROR_INVALID_DATA, trials->filename,
			                row->point.line,
			                "metric '%s' is not a QoS metric of VM %s in the intent; "
			                "use one of: %s",
			                row->point.metric, row->vm,
			                names->len > 0 ? names->str : "(none declared)");
			return FALSE;
		}
	}
	return TRUE;
}

/* log of the standard normal CDF, accurate far into the lower tail */
static gdouble
aa_refine_log_phi(gdouble z)
{
	if (z < -30.0)
		return -0.5 * z * z - log(-z) - 0.5 * log(2.0 * G_PI);
	return log(0.5 * erfc(-z / G_SQRT2));
}

static gboolean
aa_refine_leq(const AaAlloc *a, const AaAlloc *b)
{
	return a->p_cores <= b->p_cores && a->e_cores <= b->e_cores &&
	       a->memory_mib <= b->memory_mib && a->gpu_slices <= b->gpu_slices;
}

/* a <= b in what can change the VM's QoS: a VM without profiled GPU demand
 * is taken not to depend on its GPU slices, and an E-core is no faster than a
 * P-core (unless the intent's eta is above 1): E-cores only are at or below
 * as many P-cores or more */
static gboolean
aa_refine_leq_vm(const AaRefineVm *v, const AaAlloc *a, const AaAlloc *b)
{
	AaAlloc bb = *b;

	if (v->model->r_prof[AA_RESOURCE_GPU] <= 0.0)
		bb.gpu_slices = MAX(a->gpu_slices, b->gpu_slices);
	if (a->p_cores == 0 && bb.e_cores == 0 &&
	    (!v->model->vm->has_eta || v->model->eta <= 1.0)) {
		AaAlloc aa = {a->e_cores, 0, a->memory_mib, a->gpu_slices};
		return aa_refine_leq(&aa, &bb);
	}
	return aa_refine_leq(a, &bb);
}

/* what the VM's measured runs prove about @a */
static void
aa_refine_proven(const AaRefineVm *v, const AaAlloc *a, gboolean *cut, gboolean *trusted)
{
	*cut = FALSE;
	*trusted = FALSE;
	for (guint r = 0; r < v->measured->len; r++) {
		const AaRefineMeasured *m = &g_array_index(v->measured, AaRefineMeasured, r);
		if (m->cuts && aa_refine_leq_vm(v, a, &m->alloc))
			*cut = TRUE;
		if (m->all_met && aa_refine_leq_vm(v, &m->alloc, a))
			*trusted = TRUE;
	}
	/* noisy measurements may contradict: a proven miss wins */
	if (*cut)
		*trusted = FALSE;
}

/**
 * aa_refine_vm_optimistic:
 * @v: a refined VM
 * @j: the intent qos index
 * @a: an allocation
 *
 * The most metric @j could reach at @a by the points measured below it: each
 * point p measured at an allocation <= @a (memory at or above the sized
 * demand counting as equal) bounds it by its value times R (higher is better)
 * or divided by R (lower), R the largest ratio from p to @a of the effective
 * CPU and, for a VM whose trace used the GPU, of the slices (at least 1: the
 * proportional bound of docs/response-families.md, CPU and GPU doubled
 * together at most double); the tightest of these bounds (docs/refine.md,
 * "When the model sees no way").
 *
 * Returns: the bound, NAN without such a point or for an exact target
 */
gdouble
aa_refine_vm_optimistic(const AaRefineVm *v, guint j, const AaAlloc *a)
{
	const AaQosTarget *qos;
	const GArray *pts;
	gdouble x[AA_RESOURCE_COUNT];
	gdouble best = NAN;
	gboolean higher;

	g_return_val_if_fail(j < v->metrics->len, NAN);
	qos = g_ptr_array_index(v->model->vm->qos, j);
	higher = qos->higher_is_better;
	pts = aa_refine_vm_metric(v, j)->points;
	if (aa_refine_is_deadline(qos))
		return NAN;

	aa_refine_effective(v->eta, a, x);
	for (guint i = 0; i < pts->len; i++) {
		const AaRefinePoint *p = &g_array_index(pts, AaRefinePoint, i);
		static const AaResource scaled[] = {AA_RESOURCE_CPU, AA_RESOURCE_GPU};
		gdouble ratio = 1.0;
		gdouble b;
		AaAlloc at = *a;
		/* memory at or above the sized demand gains nothing (the model's own
		 * rule): a run with more of it still bounds @a */
		if ((gdouble)a->memory_mib >= v->model->r_prof[AA_RESOURCE_MEMORY] &&
		    (gdouble)p->alloc.memory_mib >= v->model->r_prof[AA_RESOURCE_MEMORY])
			at.memory_mib = MAX(a->memory_mib, p->alloc.memory_mib);
		if (!(p->point.value > 0.0) || !isfinite(p->point.value) ||
		    !aa_refine_leq_vm(v, &p->alloc, &at))
			continue;
		for (guint s = 0; s < G_N_ELEMENTS(scaled); s++) {
			AaResource k = scaled[s];
			if (v->model->r_prof[k] <= 0.0 || !(p->point.x[k] > 0.0))
				continue;
			ratio = MAX(ratio, x[k] / p->point.x[k]);
		}
		b = higher ? p->point.value * ratio : p->point.value / ratio;
		if (isnan(best) || (higher ? b < best : b > best))
			best = b;
	}
	return best;
}

/* the predicted log-probability that @a meets every target of the VM, and
 * the VM's predicted VMOptScore with the refitted predictions; with
 * @explore, the gap up to aa_refine_vm_optimistic() counts as two standard
 * deviations of what the model does not know */
static gdouble
aa_refine_log_p(const AaRefineVm *v, const AaAlloc *a, gdouble lambda_scale, gboolean explore,
                gdouble *total)
{
	const AaIntentVm *vm = v->model->vm;
	AaVmEvaluation eval = {0};
	gdouble log_p = 0.0;
	gdouble perf = 0.0;

	aa_vm_model_evaluate(v->model, a, lambda_scale, &eval);
	for (guint j = 0; vm->qos != NULL && j < vm->qos->len; j++) {
		const AaQosTarget *qos = g_ptr_array_index(vm->qos, j);
		const AaQosPrediction *pred = &g_array_index(eval.qos, AaQosPrediction, j);
		gdouble sigma = 0.0;
		gdouble q;
		gdouble z;
		gdouble s;

		/* schedulability is exact: the model's own test */
		if (aa_refine_is_deadline(qos)) {
			log_p += pred->met ? 0.0 : AA_REFINE_LOG_P_FLOOR;
			perf += qos->weight * pred->score;
			continue;
		}
		q = aa_refine_vm_corrected(v, j, a, &sigma);
		if (isnan(q)) {
			log_p += log(0.5);
			continue;
		}
		if (explore) {
			gdouble b = aa_refine_vm_optimistic(v, j, a);
			if (qos->higher_is_better ? b > q : b < q)
				sigma = hypot(sigma, 0.5 * fabs(b - q));
		}
		sigma = MAX(sigma, 1e-12);
		z = qos->higher_is_better ? (q - qos->target) / sigma : (qos->target - q) / sigma;
		log_p += MAX(aa_refine_log_phi(z), AA_REFINE_LOG_P_FLOOR);

		/* MODEL.md's score of the predicted value */
		if (qos->target <= 0.0)
			s = aa_refine_value_meets(qos, q) ? 1.0 : 0.0;
		else if (qos->higher_is_better)
			s = MIN(1.0, q / qos->target);
		else
			s = MAX(0.0, 1.0 - q / qos->target);
		perf += qos->weight * s;
	}
	*total = perf;
	if (vm->lambda != 0.0 && lambda_scale != 0.0)
		*total += vm->lambda * lambda_scale * eval.util;
	aa_vm_evaluation_clear(&eval);
	return log_p;
}

static void
aa_refine_limit_range(const AaLimit *limit, gint64 cap, gint64 *lo, gint64 *hi)
{
	*lo = limit->has_min ? MAX(limit->min, 0) : 0;
	*hi = limit->has_max ? MIN(limit->max, cap) : cap;
}

typedef struct {
	guint n_feasible; /* candidates in F_i within the capacity */
	guint n_cut;
	guint n_trusted;
	gboolean explored; /* no candidate reached AA_REFINE_HOPELESS: scored with
	                    * aa_refine_vm_optimistic() */
} AaRefineCount;

/* one candidate of aa_refine_fill() before it enters the table */
typedef struct {
	AaAlloc r;
	gboolean trusted;
	gdouble log_p;
	gdouble total;
} AaRefineCandidate;

/* every candidate of VM @i in F_i, scored; @fixed restricts it to one
 * allocation; @use_cuts drops what measured misses exclude */
static void
aa_refine_fill(const AaProblem *problem, const AaRefineVm *v, guint i, AaSearchTable *table,
               const AaAlloc *fixed, gboolean use_cuts, AaRefineCount *count)
{
	const AaCapacity *cap = &problem->capacity;
	const AaLimit *limits = v->model->vm->limits;
	gint64 q = problem->memory_quantum_mib;
	gint64 p_lo, p_hi, e_lo, e_hi, m_lo, m_hi, g_lo, g_hi;
	g_autoptr(GArray) cands = NULL;
	gdouble best = -INFINITY;

	aa_refine_limit_range(&limits[AA_DIM_P_CORES], cap->p_cores, &p_lo, &p_hi);
	aa_refine_limit_range(&limits[AA_DIM_E_CORES], cap->e_cores, &e_lo, &e_hi);
	aa_refine_limit_range(&limits[AA_DIM_MEMORY_MIB], cap->memory_mib, &m_lo, &m_hi);
	aa_refine_limit_range(&limits[AA_DIM_GPU_SLICES], cap->gpu_slices, &g_lo, &g_hi);
	if (cap->gpu_vfs < 1)
		g_hi = MIN(g_hi, 0);
	m_lo = MAX((m_lo + q - 1) / q, 1) * q;

	/* a measured allocation is kept as it is, on the memory quantum or not */
	if (fixed != NULL) {
		gdouble log_p;
		gdouble total = 0.0;
		if (fixed->memory_mib % q != 0 || !aa_vm_model_feasible(v->model, fixed))
			return;
		count->n_feasible++;
		log_p = aa_refine_log_p(v, fixed, problem->lambda_scale, FALSE, &total);
		aa_search_table_add(table, i, fixed,
		                    AA_REFINE_SHIFT + AA_REFINE_WEIGHT * MIN(log_p, 0.0) + total);
		return;
	}

	cands = g_array_new(FALSE, FALSE, sizeof(AaRefineCandidate));
	for (gint64 p = p_lo; p <= p_hi; p++) {
		for (gint64 e = e_lo; e <= e_hi; e++) {
			if ((p > 0 && e > 0) || p + e < 1)
				continue;
			for (gint64 m = m_lo; m <= m_hi; m += q) {
				for (gint64 g = g_lo; g <= g_hi; g++) {
					AaRefineCandidate c = {{p, e, m, g}, FALSE, 0.0, 0.0};
					gboolean cut;
					if (!aa_vm_model_feasible(v->model, &c.r))
						continue;
					count->n_feasible++;
					aa_refine_proven(v, &c.r, &cut, &c.trusted);
					if (cut) {
						count->n_cut++;
						if (use_cuts)
							continue;
					}
					if (c.trusted)
						count->n_trusted++;
					c.log_p = aa_refine_log_p(v, &c.r, problem->lambda_scale,
					                          FALSE, &c.total);
					c.log_p =
					    MIN(c.log_p, c.trusted ? 0.0 : log(AA_REFINE_P_CAP));
					best = MAX(best, c.log_p);
					g_array_append_val(cands, c);
				}
			}
		}
	}

	/* the model sees no way for this VM: explore where the measured points
	 * leave room (docs/refine.md, "When the model sees no way") */
	if (use_cuts && cands->len > 0 && best < log(AA_REFINE_HOPELESS)) {
		count->explored = TRUE;
		for (guint c = 0; c < cands->len; c++) {
			AaRefineCandidate *cand = &g_array_index(cands, AaRefineCandidate, c);
			gdouble total = 0.0;
			cand->log_p =
			    MIN(aa_refine_log_p(v, &cand->r, problem->lambda_scale, TRUE, &total),
			        log(AA_REFINE_P_CAP));
		}
	}
	for (guint c = 0; c < cands->len; c++) {
		const AaRefineCandidate *cand = &g_array_index(cands, AaRefineCandidate, c);
		aa_search_table_add(table, i, &cand->r,
		                    AA_REFINE_SHIFT + AA_REFINE_WEIGHT * cand->log_p + cand->total);
	}
}

/* the exact search over the refine scores; @fixed: per VM an allocation to
 * keep or NULL */
static AaSearchResult *
aa_refine_search(const AaProblem *problem, GPtrArray *vms, const AaAlloc *const *fixed,
                 gboolean use_cuts, AaRefineCount *counts, gchar **reason)
{
	g_autoptr(AaSearchTable) table = aa_search_table_new(
	    &problem->capacity, problem->memory_quantum_mib, problem->models->len);
	AaSearchResult *result;

	for (guint i = 0; i < vms->len; i++) {
		AaRefineVm *v = g_ptr_array_index(vms, i);
		memset(&counts[i], 0, sizeof(counts[i]));
		aa_refine_fill(problem, v, i, table, fixed != NULL ? fixed[i] : NULL, use_cuts,
		               &counts[i]);
	}
	result = aa_search_table_solve(table);
	if (!result->feasible && reason != NULL)
		*reason = aa_search_explain_infeasible(problem, table);
	return result;
}

/*
 * Met by the pooled runs (docs/refine.md, "Status"): every target of the VM
 * met by the mean of log Q over the n >= 2 runs at the last run's allocation,
 * beyond the target by t noise standard errors, t Student's quantile at
 * target-confidence with the noise's degrees of freedom (the mirror of a cut).
 * Exact targets (<= 0, deadline-miss-ratio, non-positive values) need the
 * last run's own hit; never in the paper model, where a run is the truth.
 */
static gboolean
aa_refine_vm_pooled_met(const AaRefineVm *v, const AaRefineMeasured *last)
{
	const AaIntentVm *vm = v->model->vm;
	g_autoptr(GArray) logs = g_array_new(FALSE, FALSE, sizeof(gdouble));
	gdouble z_met;

	if (v->model->z <= 0.0)
		return FALSE;
	z_met = aa_model_student_quantile(0.5 * erfc(-v->model->z / G_SQRT2),
	                                  1 + MIN(v->noise_df, 10000));
	for (guint j = 0; vm->qos != NULL && j < vm->qos->len; j++) {
		const AaQosTarget *qos = g_ptr_array_index(vm->qos, j);
		gdouble value = g_array_index(last->values, gdouble, j);
		guint n;

		if (isnan(value))
			return FALSE;
		if (!aa_refine_log_usable(qos, value)) {
			if (!aa_refine_value_meets(qos, value))
				return FALSE;
			continue;
		}
		n = aa_refine_values_at(v, j, &last->alloc, TRUE, logs);
		if (n < 2 || aa_refine_mean_beyond(qos, logs, n) < z_met * v->noise)
			return FALSE;
	}
	return TRUE;
}

/* the last run's allocation per VM, NULL for VMs it did not measure;
 * TRUE if it met every target of every VM that has one, measured in that run
 * or by the pooled runs at its allocation (@pooled: how many VMs by the
 * latter; NULL: the run alone) */
static gboolean
aa_refine_last_run(GPtrArray *vms, guint last, const AaAlloc **fixed, guint *pooled)
{
	gboolean met = TRUE;

	if (pooled != NULL)
		*pooled = 0;
	for (guint i = 0; i < vms->len; i++) {
		AaRefineVm *v = g_ptr_array_index(vms, i);
		const AaRefineMeasured *m = NULL;
		guint n_qos = v->model->vm->qos != NULL ? v->model->vm->qos->len : 0;
		if (v->measured->len > 0) {
			m = &g_array_index(v->measured, AaRefineMeasured, v->measured->len - 1);
			if (m->run != last)
				m = NULL;
		}
		fixed[i] = m != NULL ? &m->alloc : NULL;
		if (n_qos == 0 || (m != NULL && m->all_met))
			continue;
		if (m != NULL && pooled != NULL && aa_refine_vm_pooled_met(v, m))
			(*pooled)++;
		else
			met = FALSE;
	}
	return met;
}

/* why no allocation is left: a VM all of whose allocations are cut */
static gchar *
aa_refine_explain_stuck(GPtrArray *vms, const AaRefineCount *counts, const gchar *fallback)
{
	for (guint i = 0; i < vms->len; i++) {
		AaRefineVm *v = g_ptr_array_index(vms, i);
		const AaIntentVm *vm = v->model->vm;
		const AaRefineMeasured *worst = NULL;
		g_autoptr(GString) misses = g_string_new(NULL);

		if (counts[i].n_feasible == 0 || counts[i].n_cut < counts[i].n_feasible)
			continue;
		/* the largest measured miss covers the most */
		for (guint r = 0; r < v->measured->len; r++) {
			const AaRefineMeasured *m =
			    &g_array_index(v->measured, AaRefineMeasured, r);
			if (m->cuts && (worst == NULL || aa_refine_leq(&worst->alloc, &m->alloc)))
				worst = m;
		}
		for (guint j = 0; worst != NULL && j < vm->qos->len; j++) {
			const AaQosTarget *qos = g_ptr_array_index(vm->qos, j);
			gdouble value = g_array_index(worst->values, gdouble, j);
			if (isnan(value) || aa_refine_value_meets(qos, value))
				continue;
			g_string_append_printf(misses, "%s%s measured %g against a target of %s %g",
			                       misses->len > 0 ? ", " : "", qos->metric, value,
			                       qos->higher_is_better ? ">=" : "<=", qos->target);
		}
		return g_strdup_printf(
		    "VM %s cannot meet its targets: all %u allocations its limits and the "
		    "capacity allow use no more of any resource than a measured run that missed "
		    "(run %u: %" G_GINT64_FORMAT " P-cores, %" G_GINT64_FORMAT
		    " E-cores, %" G_GINT64_FORMAT " MiB, %" G_GINT64_FORMAT " GPU slices: %s); "
		    "raise its limits, give it more of the board, or relax its targets",
		    vm->name, counts[i].n_feasible, worst != NULL ? worst->run + 1 : 0,
		    worst != NULL ? worst->alloc.p_cores : 0,
		    worst != NULL ? worst->alloc.e_cores : 0,
		    worst != NULL ? worst->alloc.memory_mib : 0,
		    worst != NULL ? worst->alloc.gpu_slices : 0, misses->str);
	}
	return g_strdup_printf("no combination of the allocations left after the measured "
	                       "misses fits the board together: %s",
	                       fallback != NULL ? fallback : "the capacity is too small");
}

static gdouble
aa_refine_total_log_p(const AaProblem *problem, GPtrArray *vms, GArray *allocs)
{
	gdouble log_p = 0.0;

	for (guint i = 0; i < vms->len; i++) {
		AaRefineVm *v = g_ptr_array_index(vms, i);
		const AaAlloc *a = &g_array_index(allocs, AaAlloc, i);
		gboolean cut;
		gboolean trusted;
		gdouble total;
		aa_refine_proven(v, a, &cut, &trusted);
		if (trusted)
			continue;
		log_p += aa_refine_log_p(v, a, problem->lambda_scale, FALSE, &total);
	}
	return log_p;
}

/* run @m of VM @v missed its target @j on the log scale (not an exact miss) */
static gboolean
aa_refine_noisy_miss(const AaRefineVm *v, const AaRefineMeasured *m, guint j)
{
	const AaQosTarget *qos = g_ptr_array_index(v->model->vm->qos, j);
	gdouble value = g_array_index(m->values, gdouble, j);

	return aa_refine_log_usable(qos, value) && !aa_refine_value_meets(qos, value);
}

/* the cuts a stuck may rest on: every VM's measured allocations and metrics
 * with a noisy miss (runs repeated at one allocation test one cut) */
static guint
aa_refine_noisy_cuts(GPtrArray *vms)
{
	guint n = 0;

	for (guint i = 0; i < vms->len; i++) {
		const AaRefineVm *v = g_ptr_array_index(vms, i);
		guint n_qos = v->model->vm->qos != NULL ? v->model->vm->qos->len : 0;
		for (guint r = 0; r < v->measured->len; r++) {
			const AaRefineMeasured *m =
			    &g_array_index(v->measured, AaRefineMeasured, r);
			for (guint j = 0; j < n_qos; j++) {
				gboolean first = aa_refine_noisy_miss(v, m, j);
				for (guint q = 0; q < r && first; q++) {
					const AaRefineMeasured *o =
					    &g_array_index(v->measured, AaRefineMeasured, q);
					first =
					    memcmp(&o->alloc, &m->alloc, sizeof(AaAlloc)) != 0 ||
					    !aa_refine_noisy_miss(v, o, j);
				}
				n += first ? 1 : 0;
			}
		}
	}
	return n;
}

/*
 * Raises each VM's cut threshold to what a miss that ends the loop needs and
 * marks the cuts again (docs/refine.md, "A robust noise for stuck"); never in
 * the paper model, where every miss cuts.  A stuck is wrong when an
 * allocation that meets every target exists; it is lost only through a wrong
 * cut at or above it, one of K (a VM's measured allocation and metric with a
 * noisy miss; repeated runs there test one cut).  So each cut must hold at
 * 1 - 0.01 / K (Bonferroni: the chance that any is noise stays below
 * 1 - AA_REFINE_STUCK_CONFIDENCE), under each of two estimates of the noise,
 * Student's t with the estimate's degrees of freedom:
 *
 * - the VM's own (the prior's one degree of freedom plus its repeated
 *   measurements'), which a few repeated runs can understate by chance
 *   (r593: 2.5 % where the noise was 4.2 %);
 * - the one pooled over every VM's repeated measurements (the prior counted
 *   once): the runs are measured on one setup.  A VM truly noisier than the
 *   others keeps its own, larger estimate.
 *
 * TRUE if any VM's threshold rose.
 */
static gboolean
aa_refine_recut_for_stuck(GPtrArray *vms)
{
	gdouble ss = AA_MODEL_SIGMA_MEASURE * AA_MODEL_SIGMA_MEASURE;
	guint df = 0;
	gdouble confidence =
	    1.0 - (1.0 - AA_REFINE_STUCK_CONFIDENCE) / MAX(aa_refine_noisy_cuts(vms), 1);
	gdouble pooled_threshold;
	gboolean raised = FALSE;

	for (guint i = 0; i < vms->len; i++) {
		AaRefineVm *v = g_ptr_array_index(vms, i);
		if (v->z_cut > 0.0)
			aa_refine_vm_noise_ss(v, &ss, &df);
	}
	pooled_threshold =
	    sqrt(ss / (1.0 + df)) * aa_model_student_quantile(confidence, 1 + MIN(df, 10000));
	for (guint i = 0; i < vms->len; i++) {
		AaRefineVm *v = g_ptr_array_index(vms, i);
		gdouble z_stuck;
		if (v->z_cut <= 0.0)
			continue;
		z_stuck = MAX(aa_model_student_quantile(confidence, 1 + MIN(v->noise_df, 10000)),
		              pooled_threshold / v->noise);
		if (v->z_cut >= z_stuck)
			continue;
		v->z_cut = z_stuck;
		aa_refine_vm_mark_cuts(v);
		raised = TRUE;
	}
	return raised;
}

/**
 * aa_refine_solve:
 * @problem: the VMs' models and the capacity
 * @vms: (element-type AaRefineVm): the refined VMs, intent order
 * @n_runs: runs measured so far
 *
 * Decides the loop's next step: %AA_REFINE_MET when the last run met every
 * target (its allocation, completed for VMs without targets), else the next
 * allocation to measure (%AA_REFINE_CONTINUE), else %AA_REFINE_STUCK with the
 * reason when the measured misses leave no allocation.
 *
 * Returns: (transfer full): the decision
 */
AaRefineResult *
aa_refine_solve(const AaProblem *problem, GPtrArray *vms, guint n_runs)
{
	g_autoptr(AaRefineResult) result = g_new0(AaRefineResult, 1);
	g_autofree AaRefineCount *counts = g_new0(AaRefineCount, vms->len);
	g_autofree const AaAlloc **fixed = g_new0(const AaAlloc *, vms->len);
	g_autoptr(AaSearchResult) found = NULL;
	g_autofree gchar *fallback = NULL;
	gboolean recut = FALSE;
	guint pooled = 0;

	result->n_runs = n_runs;

	/* the last run met every target: keep it */
	if (n_runs > 0 && aa_refine_last_run(vms, n_runs - 1, fixed, &pooled)) {
		found = aa_refine_search(problem, vms, fixed, FALSE, counts, NULL);
		if (found->feasible) {
			result->status = AA_REFINE_MET;
			result->found.allocs = g_array_ref(found->allocs);
			result->probability = 1.0;
			result->found.reason =
			    pooled == 0
			        ? g_strdup_printf("run %u met every target", n_runs)
			        : g_strdup_printf(
			              "every target met after run %u: %u VM%s by the mean of %s "
			              "repeated runs at this allocation (beyond the measurement "
			              "noise at target-confidence), the others by the run itself",
			              n_runs, pooled, pooled == 1 ? "" : "s",
			              pooled == 1 ? "its" : "their");
			return g_steal_pointer(&result);
		}
		g_clear_pointer(&found, aa_search_result_free);
	}

	/* the next allocation to measure */
	found = aa_refine_search(problem, vms, NULL, TRUE, counts, &fallback);
	/* stuck ends the loop, a cut only steers it: before the loop gives up,
	 * every noisy miss must be beyond the noise at AA_REFINE_STUCK_CONFIDENCE;
	 * if what is left then fits, measure again instead (docs/refine.md) */
	if (!found->feasible && aa_refine_recut_for_stuck(vms)) {
		recut = TRUE;
		g_clear_pointer(&found, aa_search_result_free);
		g_clear_pointer(&fallback, g_free);
		memset(counts, 0, sizeof(AaRefineCount) * vms->len);
		found = aa_refine_search(problem, vms, NULL, TRUE, counts, &fallback);
	}
	for (guint i = 0; i < vms->len; i++) {
		result->n_cut += counts[i].n_cut;
		result->n_trusted += counts[i].n_trusted;
	}
	if (found->feasible) {
		g_autoptr(GString) explored = g_string_new(NULL);
		for (guint i = 0; i < vms->len; i++) {
			const AaRefineVm *v = g_ptr_array_index(vms, i);
			if (counts[i].explored)
				g_string_append_printf(explored, "%s%s",
				                       explored->len > 0 ? ", " : "",
				                       v->model->vm->name);
		}
		result->status = AA_REFINE_CONTINUE;
		result->found.allocs = g_array_ref(found->allocs);
		result->probability = exp(aa_refine_total_log_p(problem, vms, found->allocs));
		result->found.reason = g_strdup_printf(
		    "measure this allocation next: predicted chance that it meets every target "
		    "%.3g (%u allocations excluded by measured misses, %u proven by measured "
		    "hits%s%s%s%s)",
		    result->probability, result->n_cut, result->n_trusted,
		    recut ? "; the misses that excluded every allocation may be measurement noise "
		            "(within it at 0.99 confidence for all of them together, under "
		            "the VM's own and the pooled noise estimate), so this measures again"
		          : "",
		    explored->len > 0 ? "; the model gives " : "", explored->str,
		    explored->len > 0
		        ? " no allocation a 1% chance, so this explores more CPU or GPU, which "
		          "could gain up to proportionally over the measured runs"
		        : "");
		return g_steal_pointer(&result);
	}

	/* stuck: say why, and keep the last run's allocation for the file */
	result->status = AA_REFINE_STUCK;
	result->found.reason = aa_refine_explain_stuck(vms, counts, fallback);
	if (n_runs > 0) {
		g_autofree AaRefineCount *ignored = g_new0(AaRefineCount, vms->len);
		g_autoptr(AaSearchResult) last = NULL;
		aa_refine_last_run(vms, n_runs - 1, fixed, NULL);
		last = aa_refine_search(problem, vms, fixed, FALSE, ignored, NULL);
		if (last->feasible)
			result->found.allocs = g_array_ref(last->allocs);
	}
	return g_steal_pointer(&result);
}

/**
 * aa_refine_result_free:
 * @self: (nullable): a decision
 */
void
aa_refine_result_free(AaRefineResult *self)
{
	if (self == NULL)
		return;
	aa_search_result_clear(&self->found);
	g_free(self);
}

/* what refine and recommend add to recommend's run */
typedef struct {
	AaTrials *trials; /* NULL for recommend */
	GPtrArray *vms;   /* AaRefineVm, intent order */
	GPtrArray *used;  /* gboolean per VM and qos: the family predicts */
	AaRefineResult *result;
} AaRefineSession;

static void
aa_refine_session_clear(AaRefineSession *self)
{
	g_clear_pointer(&self->trials, aa_trials_free);
	g_clear_pointer(&self->vms, g_ptr_array_unref);
	g_clear_pointer(&self->used, g_ptr_array_unref);
	g_clear_pointer(&self->result, aa_refine_result_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(AaRefineSession, aa_refine_session_clear)

/* a predictor's user data: one metric's response of one refined VM */
typedef struct {
	GArray *metrics; /* AaRefineMetric, a reference */
	guint j;
	gdouble eta;
} AaRefinePredictor;

static void
aa_refine_predictor_free(AaRefinePredictor *self)
{
	g_clear_pointer(&self->metrics, g_array_unref);
	g_free(self);
}

static gdouble
aa_refine_predictor_func(gpointer user_data, const AaVmModel *model, const AaAlloc *r)
{
	const AaRefinePredictor *self = user_data;
	const AaResponse *resp = g_array_index(self->metrics, AaRefineMetric, self->j).response;
	gdouble x[AA_RESOURCE_COUNT];

	(void)model;
	aa_refine_effective(self->eta, r, x);
	return aa_response_predict(resp, x);
}

static gdouble
aa_refine_predictor_sigma_func(gpointer user_data, const AaVmModel *model, const AaAlloc *r)
{
	const AaRefinePredictor *self = user_data;
	gdouble x[AA_RESOURCE_COUNT];

	(void)model;
	aa_refine_effective(self->eta, r, x);
	return aa_response_sigma_at(g_array_index(self->metrics, AaRefineMetric, self->j).response,
	                            x);
}

/* a censored demand (docs/robust-model.md, "Censored demand") is a prior for
 * what the profile could not show; a trial that gave the VM at least that
 * much measured the response there, so the trace's demand is kept and the
 * families fit what was measured (docs/refine.md, "Censored demand") */
static gboolean
aa_refine_censor_ended(gpointer data, const AaVmModel *model, AaResource k, gdouble demand)
{
	const AaTrials *trials = data;

	for (guint i = 0; trials != NULL && i < trials->rows->len; i++) {
		const AaTrialRow *row = g_ptr_array_index(trials->rows, i);
		AaAlloc a = {row->point.p_cores, row->point.e_cores, row->point.memory_mib,
		             row->point.gpu_slices};
		if (g_strcmp0(row->vm, model->vm->name) == 0 &&
		    aa_alloc_effective(&a, k, model->eta) >= demand - 1e-9)
			return TRUE;
	}
	return FALSE;
}

static void
aa_refine_session_model_options(AaModelOptions *options, gpointer data)
{
	AaRefineSession *self = data;

	options->censor_ended = aa_refine_censor_ended;
	options->censor_data = self->trials;
}

/* refit every VM on its calibration (and trials); in the robust model, a
 * family chosen by leave-one-out error predicts its metric */
static gboolean
aa_refine_session_models_ready(GPtrArray *models, gpointer data, GError **error)
{
	AaRefineSession *self = data;

	if (self->trials != NULL && !aa_refine_check_trials(models, self->trials, error))
		return FALSE;
	self->vms = g_ptr_array_new_with_free_func((GDestroyNotify)aa_refine_vm_free);
	self->used = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
	for (guint i = 0; i < models->len; i++) {
		AaVmModel *model = g_ptr_array_index(models, i);
		AaRefineVm *v = aa_refine_vm_new(model, self->trials);
		GArray *used = g_array_new(FALSE, TRUE, sizeof(gboolean));

		g_ptr_array_add(self->vms, v);
		g_ptr_array_add(self->used, used);
		for (guint j = 0; j < v->metrics->len; j++) {
			const AaResponse *resp = aa_refine_vm_metric(v, j)->response;
			gboolean on = resp != NULL && aa_response_chosen_by_data(resp) &&
			              model->kind == AA_MODEL_KIND_ROBUST;
			g_array_append_val(used, on);
			if (on) {
				AaRefinePredictor *pred = g_new0(AaRefinePredictor, 1);
				pred->metrics = g_array_ref(v->metrics);
				pred->j = j;
				pred->eta = v->eta;
				aa_vm_model_set_predictor(
				    model, j, aa_refine_predictor_func, pred,
				    (GDestroyNotify)aa_refine_predictor_free,
				    aa_response_sigma(resp),
				    aa_response_family_to_string(aa_response_chosen(resp)));
				aa_vm_model_set_predictor_sigma(model, j,
				                                aa_refine_predictor_sigma_func);
			}
		}
	}
	return TRUE;
}

static AaSearchResult *
aa_refine_session_choose(const AaProblem *problem, gpointer data, GError **error)
{
	AaRefineSession *self = data;
	AaSearchResult *found;

	self->result = aa_refine_solve(problem, self->vms, self->trials->n_runs);
	if (self->result->found.allocs == NULL) {
		g_set_error(error, AA_ERROR, AA_ERROR_INFEASIBLE,
		            "stuck after %u measured runs: %s", self->trials->n_runs,
		            self->result->found.reason);
		return NULL;
	}
	found = g_new0(AaSearchResult, 1);
	found->strategy = AA_STRATEGY_OPTIMAL;
	found->feasible = TRUE;
	found->optimal = self->result->status != AA_REFINE_STUCK;
	found->allocs = g_array_ref(self->result->found.allocs);
	for (guint i = 0; i < problem->models->len; i++) {
		const AaVmModel *model = g_ptr_array_index(problem->models, i);
		found->objective += aa_vm_model_score(
		    model, &g_array_index(found->allocs, AaAlloc, i), problem->lambda_scale);
	}
	return found;
}

static void
aa_refine_session_write_root(xmlNode *recommendation, gpointer data)
{
	AaRefineSession *self = data;
	xmlNode *node = aa_xml_attr_child(recommendation, "refine");

	aa_xml_attr_text(node, "status", aa_refine_status_to_string(self->result->status));
	aa_xml_attr_uint(node, "trials", self->trials->n_runs);
	aa_xml_attr_double(node, "probability", self->result->probability, 6);
	aa_xml_attr_uint(node, "excluded", self->result->n_cut);
	aa_xml_attr_uint(node, "trusted", self->result->n_trusted);
	aa_xml_attr_text(node, "reason", self->result->found.reason);
}

/* Table IV per metric: every family's training and leave-one-out MSE */
static void
aa_refine_session_write_vm(xmlNode *vm_node, guint i, gpointer data)
{
	AaRefineSession *self = data;
	AaRefineVm *v = g_ptr_array_index(self->vms, i);
	GArray *used = g_ptr_array_index(self->used, i);

	for (guint j = 0; j < v->metrics->len; j++) {
		const AaResponse *resp = aa_refine_vm_metric(v, j)->response;
		const AaQosTarget *qos = g_ptr_array_index(v->model->vm->qos, j);
		xmlNode *families;
		if (resp == NULL || aa_response_n_points(resp) == 0)
			continue;
		families = aa_xml_attr_child(vm_node, "families");
		aa_xml_attr_text(families, "metric", qos->metric);
		aa_xml_attr_text(families, "chosen",
		                 aa_response_family_to_string(aa_response_chosen(resp)));
		aa_xml_attr_bool(families, "by-data", aa_response_chosen_by_data(resp));
		aa_xml_attr_bool(families, "used", g_array_index(used, gboolean, j));
		aa_xml_attr_uint(families, "points", aa_response_n_points(resp));
		aa_xml_attr_double(families, "sigma", aa_response_sigma(resp), 6);
		for (guint f = 0; f < AA_RESPONSE_COUNT; f++) {
			const AaResponseFitInfo *info = aa_response_fit_info(resp, f);
			xmlNode *family = aa_xml_attr_child(families, "family");
			aa_xml_attr_text(family, "name", aa_response_family_to_string(f));
			aa_xml_attr_uint(family, "parameters", info->n_params);
			aa_xml_attr_bool(family, "available", info->available);
			if (!isnan(info->train_mse))
				aa_xml_attr_double(family, "train-mse", info->train_mse, 6);
			if (!isnan(info->loo_mse))
				aa_xml_attr_double(family, "loo-mse", info->loo_mse, 6);
		}
	}
}

/**
 * aa_refine_recommend:
 * @ctx: a context with board, scenario and intent loaded
 * @options: recommend's options
 * @error: (nullable): optional return location for an error
 *
 * recommend with the response families: in the robust model a family chosen
 * by leave-one-out error on the calibration predicts its metric, and every
 * VM's recommendation lists the families' errors.
 *
 * Returns: (transfer full): the summary, or %NULL
 */
gchar *
aa_refine_recommend(AaPluginContext *ctx, GHashTable *options, GError **error)
{
	return aa_refine_recommend_xml(ctx, options, NULL, NULL, error);
}

/**
 * aa_refine_recommend_xml:
 * @ctx: a context with board, scenario and intent loaded
 * @options: recommend's options
 * @xml: (out) (optional): the recommendation as written
 * @models: (out) (optional) (element-type AaVmModel): the VM models it used
 * @error: (nullable): optional return location for an error
 *
 * aa_refine_recommend() that also hands back what it wrote and its models (plan).
 *
 * Returns: (transfer full): the summary, or %NULL
 */
gchar *
aa_refine_recommend_xml(AaPluginContext *ctx, GHashTable *options, gchar **xml, GPtrArray **models,
                        GError **error)
{
	g_auto(AaRefineSession) session = {NULL};
	AaRecommendHooks hooks = {.models_ready = aa_refine_session_models_ready,
	                          .write_vm = aa_refine_session_write_vm,
	                          .data = &session,
	                          .xml = xml,
	                          .models = models};

	return aa_recommend_run_with(ctx, options, &hooks, error);
}

/**
 * aa_refine_run:
 * @ctx: a context with board, scenario and intent loaded
 * @options: recommend's options and `trials`, the trials CSV
 * @error: (nullable): optional return location for an error
 *
 * The refine command: reads the trials, refits, decides and writes the
 * recommendation with its `<refine>` element.  Stuck is %AA_ERROR_INFEASIBLE
 * (exit 1), after the file is written when the last run can be kept.
 *
 * Returns: (transfer full): the summary, or %NULL
 */
gchar *
aa_refine_run(AaPluginContext *ctx, GHashTable *options, GError **error)
{
	g_auto(AaRefineSession) session = {NULL};
	const gchar *trials = aa_context_option(options, "trials", NULL);
	AaRecommendHooks hooks = {.model_options = aa_refine_session_model_options,
	                          .models_ready = aa_refine_session_models_ready,
	                          .choose = aa_refine_session_choose,
	                          .write_root = aa_refine_session_write_root,
	                          .write_vm = aa_refine_session_write_vm,
	                          .data = &session};
	g_autofree gchar *text = NULL;

	if (!aa_context_require(ctx, TRUE, TRUE, TRUE, error))
		return NULL;
	if (aa_context_missing_option(trials == NULL,
	                              "refine needs the measured runs; pass --trials T.csv", error))
		return NULL;
	session.trials = aa_trials_load(trials, error);
	if (session.trials == NULL)
		return NULL;
	text = aa_recommend_run_with(ctx, options, &hooks, error);
	if (text == NULL)
		return NULL;
	if (session.result->status == AA_REFINE_STUCK) {
		g_set_error(error, AA_ERROR, AA_ERROR_INFEASIBLE,
		            "stuck after %u measured runs: %s (%s keeps the last run's "
		            "allocation)",
		            session.trials->n_runs, session.result->found.reason,
		            aa_context_option(options, "output", "the output"));
		return NULL;
	}
	return g_strdup_printf("%s\nrefine: %s after %u measured runs: %s", text,
	                       aa_refine_status_to_string(session.result->status),
	                       session.trials->n_runs, session.result->found.reason);
}
