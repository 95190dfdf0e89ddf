/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The QoS model of MODEL.md.  aa_vm_model_new() does all the work that does
 * not depend on the allocation (profile vector, r_min, alphas, the calibration
 * fit, the task set's minimum vCPU count) so that aa_vm_model_score(), which
 * the search calls for every candidate, is a few multiplications.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "aa-error.h"
#include "aa-model.h"
#include "aa-rtsched.h"

#define AA_MODEL_ETA_DEFAULT        0.6
#define AA_MODEL_CPU_R_MIN_DEFAULT  0.5
#define AA_MODEL_MEM_R_MIN_FRACTION 0.25
#define AA_MODEL_F_AT_PROFILE       0.9
#define AA_MODEL_FIT_F_FLOOR        1e-12
#define AA_MODEL_FIT_T_LOW          1e-9
#define AA_MODEL_FIT_T_HIGH         (1.0 - 1e-9)
#define AA_MODEL_FIT_GRID           10
#define AA_MODEL_DEADLINE_METRIC    "deadline-miss-ratio"

static const gchar *aa_resource_names[AA_RESOURCE_COUNT] = {"cpu", "memory", "gpu"};

static gint
aa_vm_model_compare_double(gconstpointer a, gconstpointer b)
{
	gdouble x = *(const gdouble *)a;
	gdouble y = *(const gdouble *)b;
	return (x > y) - (x < y);
}

/* the nearest-rank 95th percentile: the ceil(0.95 n)-th smallest value */
static gdouble
aa_vm_model_p95(GArray *values)
{
	guint n = values->len;
	guint rank;

	if (n == 0)
		return 0.0;
	g_array_sort(values, aa_vm_model_compare_double);
	rank = (95 * n + 99) / 100;
	return g_array_index(values, gdouble, rank - 1);
}

static void
aa_vm_model_profile_vector(AaVmModel *self, const AaProfile *profile)
{
	g_autoptr(GArray) cpu = g_array_new(FALSE, FALSE, sizeof(gdouble));
	g_autoptr(GArray) gpu = g_array_new(FALSE, FALSE, sizeof(gdouble));
	gboolean has_wss = FALSE;
	gdouble rss_max = 0.0;
	gdouble wss_max = 0.0;

	for (guint i = 0; profile->samples != NULL && i < profile->samples->len; i++) {
		const AaProfileSample *s = &g_array_index(profile->samples, AaProfileSample, i);

		/* CPU: a row with both cells empty is skipped, one empty cell counts 0 */
		if (!isnan(s->cpu_p_busy) || !isnan(s->cpu_e_busy)) {
			gdouble p = isnan(s->cpu_p_busy) ? 0.0 : s->cpu_p_busy;
			gdouble e = isnan(s->cpu_e_busy) ? 0.0 : s->cpu_e_busy;
			gdouble v = p + self->eta * e;
			g_array_append_val(cpu, v);
		}
		if (!isnan(s->mem_rss_mib))
			rss_max = MAX(rss_max, s->mem_rss_mib);
		if (!isnan(s->wss_mib)) {
			has_wss = TRUE;
			wss_max = MAX(wss_max, s->wss_mib);
		}
		if (!isnan(s->gpu_busy_pct)) {
			gdouble v = s->gpu_busy_pct / 100.0;
			g_array_append_val(gpu, v);
		}
	}
	self->r_prof[AA_RESOURCE_CPU] = MAX(0.0, aa_vm_model_p95(cpu));
	self->r_prof[AA_RESOURCE_MEMORY] = has_wss ? wss_max : rss_max;

	/* GPU demand is relative to the slices the VM had while profiled */
	if (profile->has_allocation && profile->alloc_gpu_slices > 0)
		self->r_prof[AA_RESOURCE_GPU] =
		    MAX(0.0, aa_vm_model_p95(gpu)) * (gdouble)profile->alloc_gpu_slices;
}

static void
aa_vm_model_curve(gdouble r_prof, gdouble r_min, gdouble alpha, gdouble *c, gdouble *d)
{
	*c = 1.0 - alpha * (r_prof - r_min);
	*d = *c > 0.0 ? -alpha / *c : 0.0;
}

/* F_k(x); the linear part is capped at 1, which only matters when c_k < 0 */
static inline gdouble
aa_vm_model_curve_eval(gdouble r_prof, gdouble r_min, gdouble alpha, gdouble c, gdouble d,
                       gdouble x)
{
	if (r_prof <= 0.0)
		return 1.0;
	if (x < r_prof)
		return MIN(1.0, alpha * (x - r_min));
	if (c <= 0.0)
		return 1.0;
	return 1.0 - c * exp(d * (x - r_prof));
}

static inline gdouble
aa_vm_model_effective_inline(const AaVmModel *self, AaResource k, const AaAlloc *r)
{
	switch (k) {
	case AA_RESOURCE_CPU:
		return (gdouble)r->p_cores + self->eta * (gdouble)r->e_cores;
	case AA_RESOURCE_MEMORY:
		return (gdouble)r->memory_mib;
	case AA_RESOURCE_GPU:
		return (gdouble)r->gpu_slices;
	default:
		return 0.0;
	}
}

/* the product of the impact factors, each floored at 0 (x <= r_min is outside F_i) */
static inline gdouble
aa_vm_model_factor_inline(const AaVmModel *self, const AaAlloc *r)
{
	gdouble f = 1.0;

	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		gdouble fk;
		if (self->r_prof[k] <= 0.0)
			continue;
		fk = aa_vm_model_curve_eval(self->r_prof[k], self->r_min[k], self->alpha[k],
		                            self->c[k], self->d[k],
		                            aa_vm_model_effective_inline(self, k, r));
		if (fk <= 0.0)
			return 0.0;
		f *= fk;
	}
	return f;
}

/* S_k of the @j-th qos of the intent given F(r) = @f */
static inline gdouble
aa_vm_model_qos_score(const AaVmModel *self, guint j, const AaAlloc *r, gdouble f,
                      gdouble *predicted, gboolean *met)
{
	const AaQosTarget *qos = g_ptr_array_index(self->vm->qos, j);
	gdouble q_prof = g_array_index(self->q_prof, gdouble, j);
	gdouble q;

	/* schedulability, by metric name in any class */
	if (g_array_index(self->q_deadline, gboolean, j)) {
		gboolean ok;
		if (self->has_tasks)
			ok = self->rt_min_cpus > 0 && r->p_cores >= (gint64)self->rt_min_cpus;
		else
			ok = (gdouble)r->p_cores >= self->r_prof[AA_RESOURCE_CPU];
		*predicted = ok ? 0.0 : 1.0;
		*met = ok;
		return ok ? 1.0 : 0.0;
	}

	/* a metric the trace did not measure cannot be predicted */
	if (isnan(q_prof)) {
		*predicted = NAN;
		*met = FALSE;
		return 0.0;
	}

	if (qos->higher_is_better) {
		q = q_prof * f;
		*predicted = q;
		*met = q >= qos->target;
		if (qos->target <= 0.0)
			return *met ? 1.0 : 0.0;
		return MIN(1.0, q / qos->target);
	}
	q = f > 0.0 ? q_prof / f : INFINITY;
	*predicted = q;
	*met = q <= qos->target;
	if (qos->target <= 0.0)
		return *met ? 1.0 : 0.0;
	return MAX(0.0, 1.0 - q / qos->target);
}

static inline gdouble
aa_vm_model_utilization_inline(const AaVmModel *self, AaResource k, const AaAlloc *r)
{
	gdouble x;

	if (self->r_prof[k] <= 0.0)
		return 0.0;
	x = aa_vm_model_effective_inline(self, k, r);
	if (x <= 0.0)
		return 1.0;
	return MIN(1.0, self->r_prof[k] / x);
}

/* one usable calibration row, reduced to what the fit needs */
typedef struct {
	gdouble x[AA_RESOURCE_COUNT];
	gdouble q_prof;
	gboolean higher_is_better;
	gdouble q_obs;
} AaVmModelFitRow;

typedef struct {
	const AaVmModel *model;
	GArray *rows; /* AaVmModelFitRow */
	guint n_fit;
	AaResource fit[AA_RESOURCE_COUNT];
} AaVmModelFit;

/* sum of squared residuals with alpha_k = t_k / (r_prof,k - r_min,k) for fitted k */
static gdouble
aa_vm_model_fit_sse(const AaVmModelFit *fit, const gdouble *t)
{
	const AaVmModel *m = fit->model;
	gdouble alpha[AA_RESOURCE_COUNT];
	gdouble c[AA_RESOURCE_COUNT];
	gdouble d[AA_RESOURCE_COUNT];
	gdouble sse = 0.0;

	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		alpha[k] = m->alpha[k];
		c[k] = m->c[k];
		d[k] = m->d[k];
	}
	for (guint j = 0; j < fit->n_fit; j++) {
		AaResource k = fit->fit[j];
		alpha[k] = t[j] / (m->r_prof[k] - m->r_min[k]);
		aa_vm_model_curve(m->r_prof[k], m->r_min[k], alpha[k], &c[k], &d[k]);
	}
	for (guint i = 0; i < fit->rows->len; i++) {
		const AaVmModelFitRow *row = &g_array_index(fit->rows, AaVmModelFitRow, i);
		gdouble f = 1.0;
		gdouble q_hat;
		gdouble res;

		for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
			gdouble fk;
			if (m->r_prof[k] <= 0.0)
				continue;
			fk = aa_vm_model_curve_eval(m->r_prof[k], m->r_min[k], alpha[k], c[k], d[k],
			                            row->x[k]);
			f = fk <= 0.0 ? 0.0 : f * fk;
		}
		f = MAX(f, AA_MODEL_FIT_F_FLOOR);
		q_hat = row->higher_is_better ? row->q_prof * f : row->q_prof / f;
		res = row->q_obs - q_hat;
		sse += res * res;
	}
	return sse;
}

/*
 * Least squares over the normalised t_k in (0, 1): the best point of the grid
 * {0.05, 0.15, ..., 0.95}^n, then a coordinate pattern search that halves its
 * step whenever no move along any axis improves the fit.
 */
static void
aa_vm_model_fit(AaVmModel *self)
{
	AaVmModelFit fit = {.model = self};
	g_autoptr(GArray) rows = g_array_new(FALSE, FALSE, sizeof(AaVmModelFitRow));
	gdouble best_t[AA_RESOURCE_COUNT] = {0};
	gdouble t[AA_RESOURCE_COUNT] = {0};
	gdouble best = INFINITY;
	guint grid_points = 1;
	gdouble step;

	/* the rows of metrics the intent names and the trace measured */
	for (guint i = 0; i < self->vm->calibration->len; i++) {
		const AaCalibrationRow *cal = g_ptr_array_index(self->vm->calibration, i);
		AaAlloc r = {cal->p_cores, cal->e_cores, cal->memory_mib, cal->gpu_slices};

		for (guint j = 0; self->vm->qos != NULL && j < self->vm->qos->len; j++) {
			const AaQosTarget *qos = g_ptr_array_index(self->vm->qos, j);
			AaVmModelFitRow row = {0};
			if (cal->metric == NULL || g_strcmp0(qos->metric, cal->metric) != 0)
				continue;
			if (g_array_index(self->q_deadline, gboolean, j) ||
			    isnan(g_array_index(self->q_prof, gdouble, j)) || isnan(cal->value))
				break;
			for (guint k = 0; k < AA_RESOURCE_COUNT; k++)
				row.x[k] = aa_vm_model_effective_inline(self, k, &r);
			row.q_prof = g_array_index(self->q_prof, gdouble, j);
			row.higher_is_better = qos->higher_is_better;
			row.q_obs = cal->value;
			g_array_append_val(rows, row);
			break;
		}
	}
	self->fit_rows = rows->len;
	if (rows->len == 0)
		return;
	fit.rows = rows;
	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		if (self->r_prof[k] > 0.0 && !self->vm->model[k].has_alpha)
			fit.fit[fit.n_fit++] = k;
	}

	/* the grid, in lexicographic order; the first best point wins */
	for (guint j = 0; j < fit.n_fit; j++)
		grid_points *= AA_MODEL_FIT_GRID;
	for (guint g = 0; g < grid_points; g++) {
		guint rest = g;
		gdouble sse;
		for (guint j = fit.n_fit; j > 0; j--) {
			t[j - 1] = 0.05 + 0.1 * (gdouble)(rest % AA_MODEL_FIT_GRID);
			rest /= AA_MODEL_FIT_GRID;
		}
		sse = aa_vm_model_fit_sse(&fit, t);
		if (sse < best) {
			best = sse;
			memcpy(best_t, t, sizeof(t));
		}
	}

	/* local refinement, staying inside (0, 1) */
	step = 0.05;
	while (fit.n_fit > 0 && step > 1e-13) {
		gboolean improved = FALSE;
		for (guint j = 0; j < fit.n_fit; j++) {
			for (gint sign = 1; sign >= -1; sign -= 2) {
				gdouble sse;
				memcpy(t, best_t, sizeof(t));
				t[j] = CLAMP(best_t[j] + sign * step, AA_MODEL_FIT_T_LOW,
				             AA_MODEL_FIT_T_HIGH);
				if (t[j] == best_t[j])
					continue;
				sse = aa_vm_model_fit_sse(&fit, t);
				if (sse < best) {
					best = sse;
					memcpy(best_t, t, sizeof(t));
					improved = TRUE;
					break;
				}
			}
		}
		if (!improved)
			step *= 0.5;
	}

	for (guint j = 0; j < fit.n_fit; j++) {
		AaResource k = fit.fit[j];
		self->alpha[k] = best_t[j] / (self->r_prof[k] - self->r_min[k]);
		self->alpha_fitted[k] = TRUE;
		aa_vm_model_curve(self->r_prof[k], self->r_min[k], self->alpha[k], &self->c[k],
		                  &self->d[k]);
	}
	self->fitted = TRUE;
	self->fit_mse = best / (gdouble)rows->len;
}

/**
 * aa_vm_model_new:
 * @vm: the intent's VM, with its profile and calibration loaded
 * @rt: %TRUE for an RT VM (class rtos or scenario vm_type RTVM)
 * @error: (nullable): optional return location for an error
 *
 * Builds the model of MODEL.md for @vm: the profile vector, r_min, alpha (or
 * the calibration fit) and the task set's minimum vCPU count.
 *
 * Returns: (transfer full): the model, or %NULL on an inconsistent override
 */
AaVmModel *
aa_vm_model_new(const AaIntentVm *vm, gboolean rt, GError **error)
{
	g_autoptr(AaVmModel) self = g_new0(AaVmModel, 1);
	guint n_qos;

	g_return_val_if_fail(vm != NULL, NULL);

	n_qos = vm->qos != NULL ? vm->qos->len : 0;
	self->vm = vm;
	self->rt = rt || vm->klass == AA_VM_CLASS_RTOS;
	self->eta = vm->has_eta ? vm->eta : AA_MODEL_ETA_DEFAULT;
	self->fit_mse = NAN;
	self->q_prof = g_array_sized_new(FALSE, TRUE, sizeof(gdouble), n_qos);
	self->q_deadline = g_array_sized_new(FALSE, TRUE, sizeof(gboolean), n_qos);
	if (!isfinite(self->eta) || self->eta <= 0.0) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_DATA,
		            "VM %s: model eta %g must be a positive number", vm->name, self->eta);
		return NULL;
	}

	/* the profile vector and the profiled QoS */
	if (vm->profile != NULL)
		aa_vm_model_profile_vector(self, vm->profile);
	for (guint j = 0; j < n_qos; j++) {
		const AaQosTarget *qos = g_ptr_array_index(vm->qos, j);
		gdouble q = NAN;
		gboolean deadline = g_strcmp0(qos->metric, AA_MODEL_DEADLINE_METRIC) == 0;
		if (vm->profile != NULL && vm->profile->qos != NULL && qos->metric != NULL) {
			const gdouble *v = g_hash_table_lookup(vm->profile->qos, qos->metric);
			if (v != NULL)
				q = *v;
		}
		g_array_append_val(self->q_prof, q);
		g_array_append_val(self->q_deadline, deadline);
	}

	/* r_min and alpha, defaults then overrides */
	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		const AaModelOverride *o = &vm->model[k];
		gdouble r_prof = self->r_prof[k];

		if (k == AA_RESOURCE_CPU)
			self->r_min[k] = AA_MODEL_CPU_R_MIN_DEFAULT;
		else if (k == AA_RESOURCE_MEMORY)
			self->r_min[k] = AA_MODEL_MEM_R_MIN_FRACTION * r_prof;
		else
			self->r_min[k] = 0.0;
		if (o->has_alpha && (!isfinite(o->alpha) || o->alpha <= 0.0)) {
			g_set_error(error, AA_ERROR, AA_ERROR_INVALID_DATA,
			            "VM %s: %s alpha %g must be a positive number", vm->name,
			            aa_resource_names[k], o->alpha);
			return NULL;
		}
		if (r_prof <= 0.0) {
			if (o->has_r_min)
				self->r_min[k] = o->r_min;
			self->alpha[k] = o->has_alpha ? o->alpha : 0.0;
			self->c[k] = 0.0;
			self->d[k] = 0.0;
			continue;
		}
		if (o->has_r_min) {
			if (!isfinite(o->r_min) || o->r_min >= r_prof) {
				g_set_error(error, AA_ERROR, AA_ERROR_INVALID_DATA,
				            "VM %s: %s r-min %g must be below the profiled "
				            "demand %g",
				            vm->name, aa_resource_names[k], o->r_min, r_prof);
				return NULL;
			}
			self->r_min[k] = o->r_min;
		} else if (self->r_min[k] >= r_prof) {
			/* an almost idle VM */
			self->r_min[k] = r_prof / 2.0;
		}
		if (o->has_alpha)
			self->alpha[k] = o->alpha;
		else
			self->alpha[k] = AA_MODEL_F_AT_PROFILE / (r_prof - self->r_min[k]);
		aa_vm_model_curve(r_prof, self->r_min[k], self->alpha[k], &self->c[k], &self->d[k]);
	}

	/* the task set's schedulability only depends on the P-core count */
	if (vm->tasks != NULL && vm->tasks->len > 0) {
		g_autoptr(AaRtschedResult) sched = aa_rtsched_analyse(vm->tasks, 1, AA_RTSCHED_EDF);
		self->has_tasks = TRUE;
		self->rt_min_cpus = sched->min_cpus;
	}

	if (vm->calibration != NULL)
		aa_vm_model_fit(self);
	return g_steal_pointer(&self);
}

/**
 * aa_vm_model_free:
 * @self: (nullable): a model
 *
 * Frees @self; the VM it borrows is untouched.
 */
void
aa_vm_model_free(AaVmModel *self)
{
	if (self == NULL)
		return;
	if (self->q_prof != NULL)
		g_array_unref(self->q_prof);
	if (self->q_deadline != NULL)
		g_array_unref(self->q_deadline);
	g_free(self);
}

/**
 * aa_vm_model_impact:
 * @self: a model
 * @k: the resource
 * @x: the effective amount of @k
 *
 * Returns: F_k(x), 1 for a resource without profiled demand
 */
gdouble
aa_vm_model_impact(const AaVmModel *self, AaResource k, gdouble x)
{
	g_return_val_if_fail(self != NULL, 1.0);
	g_return_val_if_fail(k < AA_RESOURCE_COUNT, 1.0);
	return aa_vm_model_curve_eval(self->r_prof[k], self->r_min[k], self->alpha[k], self->c[k],
	                              self->d[k], x);
}

/**
 * aa_vm_model_effective:
 * @self: a model
 * @k: the resource
 * @r: an allocation
 *
 * Returns: the effective amount of @k in @r: cP + eta cE, m or g
 */
gdouble
aa_vm_model_effective(const AaVmModel *self, AaResource k, const AaAlloc *r)
{
	g_return_val_if_fail(self != NULL, 0.0);
	g_return_val_if_fail(r != NULL, 0.0);
	return aa_vm_model_effective_inline(self, k, r);
}

/**
 * aa_vm_model_factor:
 * @self: a model
 * @r: an allocation
 *
 * Returns: F(r), the product of the impact factors (0 if one is not positive)
 */
gdouble
aa_vm_model_factor(const AaVmModel *self, const AaAlloc *r)
{
	g_return_val_if_fail(self != NULL, 0.0);
	g_return_val_if_fail(r != NULL, 0.0);
	return aa_vm_model_factor_inline(self, r);
}

static gboolean
aa_vm_model_within(const AaLimit *limit, gint64 value)
{
	if (limit->has_min && value < limit->min)
		return FALSE;
	if (limit->has_max && value > limit->max)
		return FALSE;
	return TRUE;
}

/**
 * aa_vm_model_feasible:
 * @self: a model
 * @r: an allocation
 *
 * Tests @r against the feasible set F_i of MODEL.md, capacity aside.
 *
 * Returns: %TRUE if @r is in F_i
 */
gboolean
aa_vm_model_feasible(const AaVmModel *self, const AaAlloc *r)
{
	const AaLimit *limits;

	g_return_val_if_fail(self != NULL, FALSE);
	g_return_val_if_fail(r != NULL, FALSE);

	limits = self->vm->limits;
	if (r->p_cores < 0 || r->e_cores < 0 || r->memory_mib < 1 || r->gpu_slices < 0)
		return FALSE;
	if (!aa_vm_model_within(&limits[AA_DIM_P_CORES], r->p_cores) ||
	    !aa_vm_model_within(&limits[AA_DIM_E_CORES], r->e_cores) ||
	    !aa_vm_model_within(&limits[AA_DIM_MEMORY_MIB], r->memory_mib) ||
	    !aa_vm_model_within(&limits[AA_DIM_GPU_SLICES], r->gpu_slices))
		return FALSE;

	/* ACRN refuses a VM mixing P- and E-cores; an RT VM runs on P-cores only */
	if (r->p_cores != 0 && r->e_cores != 0)
		return FALSE;
	if (self->rt && (r->e_cores != 0 || r->p_cores < 1))
		return FALSE;
	if (r->p_cores + r->e_cores < 1)
		return FALSE;

	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		if (self->r_prof[k] > 0.0 &&
		    !(aa_vm_model_effective_inline(self, k, r) > self->r_min[k]))
			return FALSE;
	}
	return TRUE;
}

/**
 * aa_vm_model_wants_gpu:
 * @self: a model
 *
 * Returns: %TRUE if the VM has GPU demand or a GPU minimum of at least 1
 */
gboolean
aa_vm_model_wants_gpu(const AaVmModel *self)
{
	const AaLimit *gpu;

	g_return_val_if_fail(self != NULL, FALSE);
	gpu = &self->vm->limits[AA_DIM_GPU_SLICES];
	return self->r_prof[AA_RESOURCE_GPU] > 0.0 || (gpu->has_min && gpu->min >= 1);
}

/**
 * aa_vm_model_score:
 * @self: a model
 * @r: an allocation, normally in F_i
 * @lambda_scale: the objective mode's scale of lambda
 *
 * The search's fast path: no allocation, same numbers as aa_vm_model_evaluate().
 *
 * Returns: VMOptScore = VMPerfScore + lambda * @lambda_scale * VMUtilScore
 */
gdouble
aa_vm_model_score(const AaVmModel *self, const AaAlloc *r, gdouble lambda_scale)
{
	const AaIntentVm *vm = self->vm;
	gdouble f = aa_vm_model_factor_inline(self, r);
	gdouble perf = 0.0;
	gdouble util = 0.0;

	for (guint j = 0; j < self->q_prof->len; j++) {
		const AaQosTarget *qos = g_ptr_array_index(vm->qos, j);
		gdouble predicted;
		gboolean met;
		perf += qos->weight * aa_vm_model_qos_score(self, j, r, f, &predicted, &met);
	}
	if (vm->lambda == 0.0 || lambda_scale == 0.0)
		return perf;
	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		if (vm->has_util_weight[k])
			util += vm->util_weight[k] * aa_vm_model_utilization_inline(self, k, r);
	}
	return perf + vm->lambda * lambda_scale * util;
}

/**
 * aa_vm_model_evaluate:
 * @self: a model
 * @r: an allocation
 * @lambda_scale: the objective mode's scale of lambda
 * @out: (out caller-allocates): the evaluation; clear with aa_vm_evaluation_clear()
 *
 * Predicts every QoS metric of the intent for @r, with its score, the
 * utilisations and the VM's scores.
 */
void
aa_vm_model_evaluate(const AaVmModel *self, const AaAlloc *r, gdouble lambda_scale,
                     AaVmEvaluation *out)
{
	const AaIntentVm *vm;

	g_return_if_fail(self != NULL);
	g_return_if_fail(r != NULL);
	g_return_if_fail(out != NULL);

	vm = self->vm;
	memset(out, 0, sizeof(*out));
	out->factor = aa_vm_model_factor_inline(self, r);
	out->qos = g_array_sized_new(FALSE, TRUE, sizeof(AaQosPrediction), self->q_prof->len);
	for (guint j = 0; j < self->q_prof->len; j++) {
		AaQosPrediction pred = {0};
		pred.qos = g_ptr_array_index(vm->qos, j);
		pred.profiled = g_array_index(self->q_prof, gdouble, j);
		pred.score =
		    aa_vm_model_qos_score(self, j, r, out->factor, &pred.predicted, &pred.met);
		out->perf += pred.qos->weight * pred.score;
		g_array_append_val(out->qos, pred);
	}
	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		out->utilization[k] = aa_vm_model_utilization_inline(self, k, r);
		if (vm->has_util_weight[k])
			out->util += vm->util_weight[k] * out->utilization[k];
	}
	out->total = out->perf;
	if (vm->lambda != 0.0 && lambda_scale != 0.0)
		out->total += vm->lambda * lambda_scale * out->util;
}

/**
 * aa_vm_evaluation_clear:
 * @eval: an evaluation
 *
 * Frees what aa_vm_model_evaluate() put in @eval and zeroes it.
 */
void
aa_vm_evaluation_clear(AaVmEvaluation *eval)
{
	if (eval == NULL)
		return;
	if (eval->qos != NULL)
		g_array_unref(eval->qos);
	memset(eval, 0, sizeof(*eval));
}

/**
 * aa_objective_lambda_scale:
 * @objective: the policy's objective mode
 *
 * Returns: the factor applied to every lambda: 0, 1 or 4
 */
gdouble
aa_objective_lambda_scale(AaObjective objective)
{
	switch (objective) {
	case AA_OBJECTIVE_PERFORMANCE:
		return 0.0;
	case AA_OBJECTIVE_EFFICIENCY:
		return 4.0;
	case AA_OBJECTIVE_BALANCED:
	default:
		return 1.0;
	}
}
