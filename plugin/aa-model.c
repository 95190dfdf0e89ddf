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
#include <stdlib.h>
#include <string.h>

#include "aa-debug-private.h"
#include "aa-error.h"
#include "aa-intent-private.h"
#include "aa-model-private.h"
#include "aa-model-robust.h"
#include "aa-model.h"
#include "aa-rtsched.h"

#define AA_MODEL_CPU_R_MIN_DEFAULT  0.5
#define AA_MODEL_MEM_R_MIN_FRACTION 0.25
#define AA_MODEL_F_AT_PROFILE       0.9
#define AA_MODEL_FIT_F_FLOOR        1e-12
#define AA_MODEL_FIT_T_LOW          1e-9
#define AA_MODEL_FIT_T_HIGH         (1.0 - 1e-9)
#define AA_MODEL_FIT_GRID           10
#define AA_MODEL_DEADLINE_METRIC    "deadline-miss-ratio"

/* robust defaults (docs/robust-model.md) */
#define AA_MODEL_WEIGHT_RESOLUTION 0.001 /* of a target's weight in the first level */
#define AA_MODEL_DEMAND_CONFIDENCE 0.95
#define AA_MODEL_TARGET_CONFIDENCE 0.8
#define AA_MODEL_MEMORY_HEADROOM   0.1
#define AA_MODEL_CPU_BIN           0.5 /* P-core equivalents */
#define AA_MODEL_GPU_BIN           1.0 /* slices */

/* robust, anchored fit: sums of squares within this share are a tie */
#define AA_MODEL_FIT_TIE 1e-9

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

/* the mean of @values, 0 when empty or not finite */
static gdouble
aa_vm_model_mean(const GArray *values)
{
	gdouble sum = 0.0;

	for (guint i = 0; i < values->len; i++)
		sum += g_array_index(values, gdouble, i);
	return values->len > 0 && isfinite(sum) ? sum / values->len : 0.0;
}

/**
 * aa_demand_size:
 * @samples: (array length=n): demand samples, in the bin's unit
 * @n: their number
 * @bin: the allocation quantum (> 0): 0.5 P-core equivalents, the memory
 *   quantum in MiB, 1 GPU slice
 * @confidence: the share of samples to cover, in (0, 1]
 *
 * Demand sizing of the robust model (seed 001's quantised bins): the smallest
 * multiple j * @bin (j >= 0) such that at least ceil(@confidence * @n) of the
 * samples are <= j * @bin.  Negative and NaN samples count as 0.  This is the
 * one place demand is sized, so that a forecast distribution can be put in
 * instead of the trace's samples.
 *
 * Returns: the size, 0 without samples
 */
gdouble
aa_demand_size(const gdouble *samples, guint n, gdouble bin, gdouble confidence)
{
	g_return_val_if_fail(bin > 0.0, 0.0);
	/* the tolerance keeps a value on a bin edge in that bin */
	return ceil(aa_demand_quantile(samples, n, confidence) / bin - 1e-9) * bin;
}

/**
 * aa_demand_quantile:
 * @samples: (array length=n): demand samples
 * @n: their number
 * @confidence: the share of samples to cover, in (0, 1]
 *
 * Returns: the nearest-rank @confidence quantile of the samples (negative and
 *   NaN count as 0), before rounding to a bin; 0 without samples
 */
gdouble
aa_demand_quantile(const gdouble *samples, guint n, gdouble confidence)
{
	g_autofree gdouble *sorted = NULL;
	guint rank;

	if (n == 0 || samples == NULL)
		return 0.0;
	sorted = g_new(gdouble, n);
	for (guint i = 0; i < n; i++)
		sorted[i] = isnan(samples[i]) || samples[i] < 0.0 ? 0.0 : samples[i];
	qsort(sorted, n, sizeof(gdouble), (GCompareFunc)aa_vm_model_compare_double);
	confidence = CLAMP(confidence, 0.0, 1.0);
	/* nearest rank; the tolerance keeps 0.95 * 20 = 19 from becoming 20 */
	rank = (guint)ceil(confidence * (gdouble)n - 1e-9);
	rank = CLAMP(rank, 1, n);
	return sorted[rank - 1];
}

/**
 * aa_vm_model_profiled_amount:
 * @self: a model
 * @k: a resource
 *
 * Returns: the amount of @k the VM had while profiled (the profile's
 *   `# allocation:` line; CPU in P-core equivalents cP + eta cE), 0 without
 *   that line or for memory
 */
gdouble
aa_vm_model_profiled_amount(const AaVmModel *self, AaResource k)
{
	const AaProfile *p = self->vm != NULL ? self->vm->profile : NULL;

	if (p == NULL || !p->has_allocation)
		return 0.0;
	if (k == AA_RESOURCE_CPU)
		return (gdouble)p->alloc_p_cores + self->eta * (gdouble)p->alloc_e_cores;
	if (k == AA_RESOURCE_GPU)
		return (gdouble)MAX(p->alloc_gpu_slices, 0);
	return 0.0;
}

/**
 * aa_vm_model_censored:
 * @self: a model
 * @k: a resource
 *
 * Returns: %TRUE when the robust model found @k saturated in the profile
 *   (its sized demand lies above the profiled amount: the trace only shows
 *   demand >= that amount; docs/robust-model.md, "Censored demand")
 */
gboolean
aa_vm_model_censored(const AaVmModel *self, AaResource k)
{
	gdouble a;

	if (self->kind != AA_MODEL_KIND_ROBUST || k == AA_RESOURCE_MEMORY)
		return FALSE;
	a = aa_vm_model_profiled_amount(self, k);
	return a > 0.0 && self->r_prof[k] > a + 1e-9;
}

/* a resource whose demand quantile reaches AA_MODEL_SATURATED_BUSY of the
 * profiled amount is censored: its demand is sized one bin above that amount,
 * capped at what the VM's limits allow (r_prof does not enter F_i: r_min is
 * not derived from it for CPU and GPU), unless the options' censor_ended says
 * a measured run had that much */
static void
aa_vm_model_censor(AaVmModel *self, AaResource k, const GArray *samples, gdouble bin,
                   const AaModelOptions *options)
{
	gdouble confidence = options->demand_confidence;
	const AaLimit *limits = self->vm->limits;
	gdouble a = aa_vm_model_profiled_amount(self, k);
	gdouble q;
	gdouble demand;
	gdouble cap = INFINITY;

	if (!(a > 0.0) || samples->len == 0)
		return;
	/* an almost idle CPU's r_min is r_prof / 2 (below): raising r_prof past
	 * the default r_min would raise r_min, and with it F_i's minimum */
	if (k == AA_RESOURCE_CPU && self->r_prof[k] <= AA_MODEL_CPU_R_MIN_DEFAULT)
		return;
	q = aa_demand_quantile((const gdouble *)(gpointer)samples->data, samples->len, confidence);
	if (q < AA_MODEL_SATURATED_BUSY * a)
		return;
	demand = (floor(a / bin + 1e-9) + 1.0) * bin;
	if (k == AA_RESOURCE_GPU && limits[AA_DIM_GPU_SLICES].has_max)
		cap = (gdouble)limits[AA_DIM_GPU_SLICES].max;
	if (k == AA_RESOURCE_CPU && limits[AA_DIM_P_CORES].has_max &&
	    limits[AA_DIM_E_CORES].has_max)
		cap = MAX((gdouble)limits[AA_DIM_P_CORES].max,
		          self->eta * (gdouble)limits[AA_DIM_E_CORES].max);
	demand = MIN(demand, MAX(cap, a));
	if (demand > a && options->censor_ended != NULL &&
	    options->censor_ended(options->censor_data, self, k, demand))
		return;
	self->r_prof[k] = MAX(self->r_prof[k], demand);
}

static void
aa_vm_model_profile_vector(AaVmModel *self, const AaProfile *profile, const AaModelOptions *options)
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
	if (options->kind == AA_MODEL_KIND_PAPER) {
		self->r_prof[AA_RESOURCE_CPU] = MAX(0.0, aa_vm_model_p95(cpu));
		self->r_prof[AA_RESOURCE_MEMORY] = has_wss ? wss_max : rss_max;

		/* GPU demand is relative to the slices the VM had while profiled */
		if (profile->has_allocation && profile->alloc_gpu_slices > 0)
			self->r_prof[AA_RESOURCE_GPU] =
			    MAX(0.0, aa_vm_model_p95(gpu)) * (gdouble)profile->alloc_gpu_slices;
		return;
	}

	/* robust: the smallest bin covering the samples with the chosen confidence;
	 * memory cannot be time-shared: the largest sample, plus the headroom */
	{
		g_autoptr(GArray) mem = g_array_new(FALSE, FALSE, sizeof(gdouble));
		for (guint i = 0; profile->samples != NULL && i < profile->samples->len; i++) {
			const AaProfileSample *s =
			    &g_array_index(profile->samples, AaProfileSample, i);
			gdouble v = has_wss ? s->wss_mib : s->mem_rss_mib;
			if (!isnan(v))
				g_array_append_val(mem, v);
		}
		if (profile->has_allocation && profile->alloc_gpu_slices > 0) {
			for (guint i = 0; i < gpu->len; i++)
				g_array_index(gpu, gdouble, i) *=
				    (gdouble)profile->alloc_gpu_slices;
		} else {
			g_array_set_size(gpu, 0);
		}
		/* the CPU time the profiled QoS cost (before a forecast's demand) */
		self->cpu_busy = aa_vm_model_mean(cpu);
		/* a forecast may put its own distribution in place of the trace's */
		if (options->demand_samples != NULL) {
			options->demand_samples(options->demand_data, self->vm, AA_RESOURCE_CPU,
			                        cpu);
			options->demand_samples(options->demand_data, self->vm, AA_RESOURCE_MEMORY,
			                        mem);
			options->demand_samples(options->demand_data, self->vm, AA_RESOURCE_GPU,
			                        gpu);
		}
		self->r_prof[AA_RESOURCE_CPU] = aa_demand_size_cpu(
		    (const gdouble *)(gpointer)cpu->data, cpu->len, options->demand_confidence);
		self->r_prof[AA_RESOURCE_MEMORY] =
		    aa_demand_size_memory((const gdouble *)(gpointer)mem->data, mem->len,
		                          options->memory_headroom, options->memory_quantum_mib);
		for (guint i = 0; i < mem->len; i++) {
			gdouble v = g_array_index(mem, gdouble, i);
			if (isfinite(v))
				self->mem_sampled = MAX(self->mem_sampled, v);
		}
		self->r_prof[AA_RESOURCE_GPU] = aa_demand_size_gpu(
		    (const gdouble *)(gpointer)gpu->data, gpu->len, options->demand_confidence);
		aa_vm_model_censor(self, AA_RESOURCE_CPU, cpu, AA_MODEL_CPU_BIN, options);
		aa_vm_model_censor(self, AA_RESOURCE_GPU, gpu, AA_MODEL_GPU_BIN, options);
	}
}

/**
 * aa_demand_size_cpu:
 * @samples: (array length=n): busy P-core equivalents, cpu_p_busy + eta cpu_e_busy
 * @n: their number
 * @confidence: the share to cover
 *
 * Returns: the robust CPU demand: aa_demand_size() in bins of 0.5 P-cores
 */
gdouble
aa_demand_size_cpu(const gdouble *samples, guint n, gdouble confidence)
{
	return aa_demand_size(samples, n, AA_MODEL_CPU_BIN, confidence);
}

/**
 * aa_demand_size_memory:
 * @samples: (array length=n): working set (or, without one, RSS) samples in MiB
 * @n: their number
 * @headroom: the fraction added above the largest sample
 * @quantum_mib: the memory quantum
 *
 * Returns: the robust memory demand: max(samples) (1 + @headroom) rounded up
 *   to the quantum (all samples covered: memory is not time-shared)
 */
gdouble
aa_demand_size_memory(const gdouble *samples, guint n, gdouble headroom, guint quantum_mib)
{
	gdouble peak = 0.0;
	gdouble mem;

	for (guint i = 0; samples != NULL && i < n; i++) {
		if (samples[i] > peak)
			peak = samples[i];
	}
	if (!(peak > 0.0))
		return 0.0;
	mem = peak * (1.0 + headroom);
	return aa_demand_size(&mem, 1, (gdouble)MAX(quantum_mib, 1), 1.0);
}

/**
 * aa_demand_size_gpu:
 * @samples: (array length=n): busy GPU slices, gpu_busy_pct / 100 x profiled slices
 * @n: their number
 * @confidence: the share to cover
 *
 * Returns: the robust GPU demand: aa_demand_size() in bins of 1 slice
 */
gdouble
aa_demand_size_gpu(const gdouble *samples, guint n, gdouble confidence)
{
	return aa_demand_size(samples, n, AA_MODEL_GPU_BIN, confidence);
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

/* robust: the memory above which no gain is predicted, the larger of the
 * largest amount measured (the profile's "# allocation:" line, the calibration
 * rows) and the largest working-set sample times 1 + AA_MODEL_WSS_UNSEEN
 * (docs/robust-model.md, "Memory above the working set"); 0 without samples */
static void
aa_vm_model_memory_ceiling(AaVmModel *self)
{
	const AaIntentVm *vm = self->vm;
	gdouble measured = 0.0;

	self->mem_ceiling = 0.0;
	if (self->kind != AA_MODEL_KIND_ROBUST || !(self->mem_sampled > 0.0))
		return;
	if (vm->profile != NULL && vm->profile->has_allocation)
		measured = (gdouble)vm->profile->alloc_memory_mib;
	for (guint i = 0; vm->calibration != NULL && i < vm->calibration->len; i++) {
		const AaCalibrationRow *cal = g_ptr_array_index(vm->calibration, i);
		measured = MAX(measured, (gdouble)cal->memory_mib);
	}
	self->mem_ceiling = MAX(measured, (1.0 + AA_MODEL_WSS_UNSEEN) * self->mem_sampled);
}

/* the product of the impact factors, each floored at 0 (x <= r_min is outside F_i) */
static inline gdouble
aa_vm_model_factor_inline(const AaVmModel *self, const AaAlloc *r)
{
	gdouble rest = 1.0;    /* memory, and resources without a profiled amount */
	gdouble own = 1.0;     /* CPU and GPU with a profiled amount a, each bounded */
	gdouble clamped = 1.0; /* the same at min(x, a) */
	gdouble gain = 1.0;    /* the largest x / a among them */

	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		gdouble fk;
		gdouble fa;
		gdouble x;
		gdouble a;
		if (self->r_prof[k] <= 0.0)
			continue;
		x = aa_alloc_effective(r, k, self->eta);
		/* robust: memory above the working set gains nothing */
		if (k == AA_RESOURCE_MEMORY && self->mem_ceiling > 0.0)
			x = MIN(x, self->mem_ceiling);
		a = self->kind == AA_MODEL_KIND_ROBUST ? aa_vm_model_profiled_amount(self, k) : 0.0;
		fk = aa_vm_model_curve_eval(self->r_prof[k], self->r_min[k], self->alpha[k],
		                            self->c[k], self->d[k], x);
		if (!(a > 0.0)) {
			if (fk <= 0.0)
				return 0.0;
			rest *= fk;
			continue;
		}
		/* robust: at most a proportional gain above the profiled CPU or GPU amount
		 * (docs/response-families.md, "Proportional bounds") */
		fa = fk;
		if (x > a) {
			fa = aa_vm_model_curve_eval(self->r_prof[k], self->r_min[k], self->alpha[k],
			                            self->c[k], self->d[k], a);
			fk = MIN(fk, x / a * fa);
			gain = MAX(gain, x / a);
		}
		if (fk <= 0.0)
			return 0.0;
		own *= fk;
		clamped *= fa;
	}
	/* and CPU and GPU together at most the largest of their gains */
	return rest * MIN(own, gain * clamped);
}

/* a target's weight in the first level of the robust objective, rounded to 0.001 */
static inline gdouble
aa_model_target_weight(gdouble weight)
{
	return round(weight / AA_MODEL_WEIGHT_RESOLUTION) * AA_MODEL_WEIGHT_RESOLUTION;
}

/* the predicted value of the @j-th qos (not deadline-miss-ratio) given F(r) = @f */
static inline gdouble
aa_vm_model_predict_inline(const AaVmModel *self, guint j, const AaAlloc *r, gdouble f)
{
	const AaQosPredictor *pred = &aa_vm_model_qos_at(self, j)->predictor;
	const AaQosTarget *qos = g_ptr_array_index(self->vm->qos, j);
	gdouble q_prof = aa_vm_model_qos_at(self, j)->q_prof;

	if (pred->func != NULL)
		return pred->func(pred->user_data, self, r);
	/* a metric the trace did not measure cannot be predicted */
	if (isnan(q_prof))
		return NAN;
	/* anchor is 1 in the paper model: Q_prof F and Q_prof / F exactly */
	if (qos->higher_is_better)
		return q_prof * f / self->anchor;
	return f > 0.0 ? q_prof * self->anchor / f : INFINITY;
}

/* the predicted value of the @j-th qos at @r, F(r) computed here */
static inline gdouble
aa_vm_model_predict_at(const AaVmModel *self, guint j, const AaAlloc *r)
{
	return aa_vm_model_predict_inline(self, j, r, aa_vm_model_factor_inline(self, r));
}

/* the performance @p (the value, or 1 / value of a lower-is-better metric) of
 * the @j-th qos at @r, above the profiled GPU amount, bounded by the largest
 * gain of CPU and GPU together over their profiled amounts: at most that gain
 * times the performance at the profiled slices and at most the profiled CPU
 * (docs/response-families.md, "Proportional bounds") */
static gdouble
aa_vm_model_joint_bound(const AaVmModel *self, guint j, const AaAlloc *r, gdouble p)
{
	const AaQosTarget *qos = g_ptr_array_index(self->vm->qos, j);
	const AaProfile *profile = self->vm->profile;
	gdouble a_gpu = aa_vm_model_profiled_amount(self, AA_RESOURCE_GPU);
	gdouble a_cpu = aa_vm_model_profiled_amount(self, AA_RESOURCE_CPU);
	gdouble x_cpu = aa_alloc_effective(r, AA_RESOURCE_CPU, self->eta);
	gdouble gain = (gdouble)r->gpu_slices / a_gpu;
	AaAlloc rc = *r;
	gdouble qc;
	gdouble pc;

	rc.gpu_slices = (gint64)a_gpu;
	if (a_cpu > 0.0 && x_cpu > a_cpu) {
		gain = MAX(gain, x_cpu / a_cpu);
		rc.p_cores = profile->alloc_p_cores;
		rc.e_cores = profile->alloc_e_cores;
	}
	qc = aa_vm_model_predict_at(self, j, &rc);
	pc = qos->higher_is_better ? qc : 1.0 / qc;
	if (!isfinite(pc) || !(pc > 0.0))
		return p;
	return MIN(p, gain * pc);
}

/* the largest factor by which the performance of the VM may rise above what
 * @r's CPU delivers at the profiled slices before its CPU binds: the profiled
 * effective CPU over the trace's mean busy P-core equivalents (the CPU time
 * one unit of performance costs taken as it was while profiled); INFINITY
 * without a trace of busy CPU (docs/robust-model.md, "The censored GPU gain
 * beyond one slice") */
static gdouble
aa_vm_model_cpu_headroom(const AaVmModel *self)
{
	gdouble a_cpu = aa_vm_model_profiled_amount(self, AA_RESOURCE_CPU);

	if (!(self->cpu_busy > 0.0) || !(a_cpu > 0.0))
		return INFINITY;
	return MAX(1.0, a_cpu / self->cpu_busy);
}

/* @r has at least the effective CPU and the memory of the profiled
 * allocation: where the trace showed the GPU binding (with less, the CPU or
 * the memory may bind first, and a GPU gain is not known to carry over) */
static gboolean
aa_vm_model_gpu_binds_at(const AaVmModel *self, const AaAlloc *r)
{
	const AaProfile *profile = self->vm->profile;

	if (profile == NULL || !profile->has_allocation)
		return FALSE;
	return aa_alloc_effective(r, AA_RESOURCE_CPU, self->eta) >=
	           aa_vm_model_profiled_amount(self, AA_RESOURCE_CPU) - 1e-9 &&
	       r->memory_mib >= profile->alloc_memory_mib;
}

/* above a censored GPU amount a (aa_vm_model_censored()), no run measured the
 * response: it is continued at the slope of the last slice below a, in the
 * metric's performance (the value, or the rate 1 / value of a lower-is-better
 * metric), up to the censored demand r_prof (one slice above a); where @r has
 * the profiled CPU and memory (aa_vm_model_gpu_binds_at()) on to @r's slices,
 * bounded by the CPU's headroom (aa_vm_model_cpu_headroom()) but never
 * below the first continuation.
 * @change is set to the extrapolated change, which the margin covers whole
 * (the sigma gains @change / z); without a rising slope @q is kept
 * (docs/robust-model.md, "The censored GPU gain beyond one slice") */
static gdouble
aa_vm_model_censored_extrapolate(const AaVmModel *self, guint j, const AaAlloc *r, gdouble q,
                                 gdouble *change)
{
	const AaQosTarget *qos = g_ptr_array_index(self->vm->qos, j);
	gdouble a = aa_vm_model_profiled_amount(self, AA_RESOURCE_GPU);
	gdouble above = (gdouble)r->gpu_slices - a;
	gdouble near;
	gdouble bound;
	AaAlloc ra = *r;
	AaAlloc rb = *r;
	gdouble qa;
	gdouble qb;
	gdouble pa;
	gdouble pb;
	gdouble p;
	gdouble qe;

	if (!(above > 0.0))
		return q;
	near = MIN(above, self->r_prof[AA_RESOURCE_GPU] - a);
	ra.gpu_slices = (gint64)a;
	rb.gpu_slices = (gint64)a - 1;
	qa = aa_vm_model_predict_at(self, j, &ra);
	qb = aa_vm_model_predict_at(self, j, &rb);
	pa = qos->higher_is_better ? qa : 1.0 / qa;
	pb = qos->higher_is_better ? qb : 1.0 / qb;
	if (!isfinite(pa) || !isfinite(pb) || !(pa > pb) || !(pa > 0.0))
		return q;
	/* the joint bound depends on @r only: computed once for both continuations */
	bound = aa_vm_model_joint_bound(self, j, r, INFINITY);
	p = MIN(pa + (pa - pb) * near, bound);
	if (above > near && aa_vm_model_gpu_binds_at(self, r)) {
		gdouble far = MIN(pa + (pa - pb) * above, bound);
		far = MIN(far, pa * aa_vm_model_cpu_headroom(self));
		p = MAX(p, far);
	}
	qe = qos->higher_is_better ? p : 1.0 / p;
	*change = fabs(qe - qa);
	return qe;
}

/* the change of the @j-th qos at @r, predicted @q there by the family, when
 * the E-cores run one standard deviation of the speed prior slower
 * (AA_MODEL_ETA_SD): the performance
 * (the value, or 1 / value of a lower-is-better metric) interpolated between
 * the E-core counts around the slower speed's equivalent count, 0 below any
 * CPU (docs/robust-model.md, "An E-core speed no run measured") */
static gdouble
aa_vm_model_eta_change(const AaVmModel *self, guint j, const AaAlloc *r, gdouble q)
{
	const AaQosTarget *qos = g_ptr_array_index(self->vm->qos, j);
	gdouble e = (gdouble)r->e_cores * MAX(0.0, self->eta - AA_MODEL_ETA_SD) / self->eta;
	AaAlloc lo = *r;
	AaAlloc hi;
	gdouble p[2];

	lo.e_cores = (gint64)floor(e);
	hi = lo;
	hi.e_cores++;
	for (guint i = 0; i < 2; i++) {
		const AaAlloc *a = i == 0 ? &lo : &hi;
		gdouble v = aa_vm_model_predict_at(self, j, a);
		p[i] = qos->higher_is_better ? v : 1.0 / v;
		if (!isfinite(p[i]) || p[i] < 0.0)
			p[i] = 0.0;
	}
	p[0] += (p[1] - p[0]) * (e - floor(e));
	return fabs(q - (qos->higher_is_better ? p[0] : 1.0 / p[0]));
}

/* the change of the @j-th qos, predicted @q at @r by the family, from the
 * profiled CPU (the profile's cores, @r's memory and GPU) when @r has more
 * effective CPU than that, else 0: above a censored CPU amount no run measured
 * it */
static gdouble
aa_vm_model_cpu_change(const AaVmModel *self, guint j, const AaAlloc *r, gdouble q)
{
	const AaProfile *profile = self->vm->profile;
	AaAlloc ra = *r;
	gdouble qa;

	if (aa_alloc_effective(r, AA_RESOURCE_CPU, self->eta) <=
	    aa_vm_model_profiled_amount(self, AA_RESOURCE_CPU))
		return 0.0;
	ra.p_cores = profile->alloc_p_cores;
	ra.e_cores = profile->alloc_e_cores;
	qa = aa_vm_model_predict_at(self, j, &ra);
	return isfinite(qa) && isfinite(q) ? fabs(q - qa) : 0.0;
}

/* the robust score of a lower-is-better target L > 0 predicted @q, with the
 * conservative value @qc = @q + margin and MODEL.md's score of it @score:
 * 1 + @score when the margin meets the target; L / @qc in (0, 1) when only
 * the prediction meets it (the mirror of a higher-is-better target's
 * Qc / T, so that the second level keeps buying margin there, where
 * MODEL.md's score is 0 for every Qc >= L); L / q in (0, 1) when the
 * prediction misses it, so that the second level still prefers the
 * allocations that come closer (docs/robust-model.md, "Objective: targets
 * first" and "The margin of a lower-is-better target"); both shares in steps
 * of AA_MODEL_SHORTFALL_STEP */
static inline gdouble
aa_vm_model_lower_robust(gdouble target, gdouble q, gdouble qc, gdouble score)
{
	if (q <= target && qc <= target)
		return 1.0 + score;
	if (q <= target)
		q = qc;
	return isfinite(q) ? floor(target / q / AA_MODEL_SHORTFALL_STEP) * AA_MODEL_SHORTFALL_STEP
	                   : 0.0;
}

/* S_k of the @j-th qos of the intent given F(r) = @f; fills @out but qos, profiled, family */
static inline gdouble
aa_vm_model_qos_score(const AaVmModel *self, guint j, const AaAlloc *r, gdouble f,
                      AaQosPrediction *out)
{
	const AaQosTarget *qos = g_ptr_array_index(self->vm->qos, j);
	gdouble q_prof = aa_vm_model_qos_at(self, j)->q_prof;
	gdouble q;
	gdouble q_family;
	gdouble sigma;
	gdouble score;
	gdouble censored_change = 0.0;

	out->sigma = 0.0;
	out->margin = 0.0;

	/* schedulability, by metric name in any class */
	if (aa_vm_model_qos_at(self, j)->deadline) {
		gboolean ok;
		if (self->has_tasks)
			ok = self->rt_min_cpus > 0 && r->p_cores >= (gint64)self->rt_min_cpus;
		else
			ok = (gdouble)r->p_cores >= self->r_prof[AA_RESOURCE_CPU];
		out->predicted = ok ? 0.0 : 1.0;
		out->met = ok;
		out->nominal_met = ok;
		return ok ? 1.0 : 0.0;
	}

	q = aa_vm_model_predict_inline(self, j, r, f);
	q_family = q;
	if (!isnan(q) && aa_vm_model_censored(self, AA_RESOURCE_GPU))
		q = aa_vm_model_censored_extrapolate(self, j, r, q, &censored_change);
	out->predicted = q;
	if (isnan(q)) {
		out->met = FALSE;
		out->nominal_met = FALSE;
		return 0.0;
	}

	/* the margin: sigma(r) = sigma_0 + slope |Q(r) - Q_prof| */
	if (self->z > 0.0) {
		const AaVmModelQos *m = aa_vm_model_qos_at(self, j);
		const AaQosPredictor *pred = &m->predictor;
		sigma = m->sigma;
		if (pred->sigma_func != NULL) {
			gdouble local = pred->sigma_func(pred->user_data, self, r);
			sigma = isnan(local) || local < 0.0 ? INFINITY : local;
			if (!isnan(q_prof))
				sigma = MAX(sigma, AA_MODEL_SIGMA_MEASURE * fabs(q_prof));
		}
		if (m->sigma_slope > 0.0 && !isnan(q_prof))
			sigma += m->sigma_slope * fabs(q - q_prof);
		/* what no run measured: the change extrapolated above a censored GPU
		 * amount, all of it within the margin (z sigma), as the saturated trace
		 * is as consistent with no gain as with the continued one: a target
		 * counted met there is met without the slices no run measured
		 * (docs/robust-model.md, "The censored GPU gain within the margin") */
		sigma += censored_change / self->z;
		/* and above a censored CPU amount (docs/robust-model.md, "Censored demand") */
		if (aa_vm_model_censored(self, AA_RESOURCE_CPU))
			sigma +=
			    AA_MODEL_SIGMA_CENSORED * aa_vm_model_cpu_change(self, j, r, q_family);
		/* E-cores at a speed no run measured: one standard deviation of its prior */
		if (self->eta_unknown && r->e_cores > 0)
			sigma += aa_vm_model_eta_change(self, j, r, q_family);
		out->sigma = sigma;
		out->margin = isnan(sigma) ? INFINITY : self->z * sigma;
	}

	/* the score of the conservative value Q -/+ margin (robust; the margin is 0 in
	 * the paper model, where this is MODEL.md's score of Q exactly) */
	if (qos->higher_is_better) {
		out->nominal_met = q >= qos->target;
		if (out->margin == 0.0) {
			out->met = out->nominal_met;
			if (qos->target <= 0.0)
				return out->met ? 1.0 : 0.0;
			return MIN(1.0, q / qos->target);
		}
		out->met = q - out->margin >= qos->target;
		if (qos->target <= 0.0)
			return out->met ? 1.0 : 0.0;
		return CLAMP((q - out->margin) / qos->target, 0.0, 1.0);
	}
	out->nominal_met = q <= qos->target;
	out->met = q + out->margin <= qos->target;
	if (qos->target <= 0.0)
		return out->met ? 1.0 : 0.0;
	score = MAX(0.0, 1.0 - (q + out->margin) / qos->target);
	if (self->kind == AA_MODEL_KIND_ROBUST)
		return aa_vm_model_lower_robust(qos->target, q, q + out->margin, score);
	return score;
}

/* the first level of the robust objective for one target: its weight when it
 * is predicted met with the margin, half of it when only the prediction itself
 * meets it (docs/robust-model.md, "Objective"), else 0 */
static inline gdouble
aa_vm_model_target_credit(const AaVmModel *self, const AaQosTarget *qos, const AaQosPrediction *p)
{
	if (p->met)
		return aa_model_target_weight(qos->weight);
	if (self->kind == AA_MODEL_KIND_ROBUST && p->nominal_met)
		return 0.5 * aa_model_target_weight(qos->weight);
	return 0.0;
}

static inline gdouble
aa_vm_model_utilization_inline(const AaVmModel *self, AaResource k, const AaAlloc *r)
{
	gdouble x;

	if (self->r_prof[k] <= 0.0)
		return 0.0;
	x = aa_alloc_effective(r, k, self->eta);
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
	guint qos; /* index of the intent's qos */
} AaVmModelFitRow;

typedef struct {
	const AaVmModel *model;
	GArray *rows; /* AaVmModelFitRow */
	guint n_fit;
	AaResource fit[AA_RESOURCE_COUNT];
	gboolean anchored; /* robust: Q(r_a) = Q_prof, as aa_vm_model_anchor() sets it */
	gdouble x_a[AA_RESOURCE_COUNT]; /* the profiled allocation's effective amounts (0s
	                                 * without an "# allocation:" line) */
	gdouble scale;                  /* the sum of the squared values, for ties */
} AaVmModelFit;

/* alpha, c, d with alpha_k = t_k / (r_prof,k - r_min,k) for fitted k, the model's otherwise */
static void
aa_vm_model_fit_params(const AaVmModelFit *fit, const gdouble *t, gdouble *alpha, gdouble *c,
                       gdouble *d)
{
	const AaVmModel *m = fit->model;

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
}

/* F at the effective amounts @x with the given curves */
static gdouble
aa_vm_model_fit_f(const AaVmModel *m, const gdouble *alpha, const gdouble *c, const gdouble *d,
                  const gdouble *x)
{
	gdouble f = 1.0;

	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		gdouble fk;
		if (m->r_prof[k] <= 0.0)
			continue;
		fk = aa_vm_model_curve_eval(m->r_prof[k], m->r_min[k], alpha[k], c[k], d[k], x[k]);
		f = fk <= 0.0 ? 0.0 : f * fk;
	}
	return f;
}

/* Q_hat of a calibration row, F floored at 1e-12; anchored (robust), the
 * prediction the model will make: Q_prof F / A with A = F(r_a) (1 when
 * F(r_a) <= 0, as aa_vm_model_anchor()) */
static gdouble
aa_vm_model_fit_q_hat(const AaVmModelFit *fit, const gdouble *alpha, const gdouble *c,
                      const gdouble *d, const AaVmModelFitRow *row)
{
	gdouble f = MAX(aa_vm_model_fit_f(fit->model, alpha, c, d, row->x), AA_MODEL_FIT_F_FLOOR);
	gdouble a = fit->anchored ? aa_vm_model_fit_f(fit->model, alpha, c, d, fit->x_a) : 1.0;

	if (!(a > 0.0))
		a = 1.0;
	return row->higher_is_better ? row->q_prof * f / a : row->q_prof * a / f;
}

/* robust: a row with a resource at or below its r_min, where F is 0 whatever
 * the alphas (MODEL.md's fit floors it at 1e-12): the anchored curve could
 * only fit it by making F(r_a) as small as that floor (docs/robust-model.md,
 * "Fits the rows cannot pin") */
static gboolean
aa_vm_model_fit_outside(const AaVmModel *m, const AaVmModelFitRow *row)
{
	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		if (m->r_prof[k] > 0.0 && row->x[k] <= m->r_min[k])
			return TRUE;
	}
	return FALSE;
}

/* sum of squared residuals at the normalised @t */
static gdouble
aa_vm_model_fit_sse(const AaVmModelFit *fit, const gdouble *t)
{
	gdouble alpha[AA_RESOURCE_COUNT];
	gdouble c[AA_RESOURCE_COUNT];
	gdouble d[AA_RESOURCE_COUNT];
	gdouble sse = 0.0;

	aa_vm_model_fit_params(fit, t, alpha, c, d);
	for (guint i = 0; i < fit->rows->len; i++) {
		const AaVmModelFitRow *row = &g_array_index(fit->rows, AaVmModelFitRow, i);
		gdouble res;
		if (fit->anchored && aa_vm_model_fit_outside(fit->model, row))
			continue;
		res = row->q_obs - aa_vm_model_fit_q_hat(fit, alpha, c, d, row);
		sse += res * res;
	}
	return sse;
}

/* the calibration rows of metrics the intent names and the trace measured */
static GArray *
aa_vm_model_fit_rows(const AaVmModel *self)
{
	GArray *rows = g_array_new(FALSE, FALSE, sizeof(AaVmModelFitRow));

	for (guint i = 0; self->vm->calibration != NULL && i < self->vm->calibration->len; i++) {
		const AaCalibrationRow *cal = g_ptr_array_index(self->vm->calibration, i);
		AaAlloc r = {cal->p_cores, cal->e_cores, cal->memory_mib, cal->gpu_slices};

		for (guint j = 0; self->vm->qos != NULL && j < self->vm->qos->len; j++) {
			const AaQosTarget *qos = g_ptr_array_index(self->vm->qos, j);
			AaVmModelFitRow row = {0};
			if (cal->metric == NULL || g_strcmp0(qos->metric, cal->metric) != 0)
				continue;
			if (aa_vm_model_qos_at(self, j)->deadline ||
			    isnan(aa_vm_model_qos_at(self, j)->q_prof) || isnan(cal->value))
				break;
			for (guint k = 0; k < AA_RESOURCE_COUNT; k++)
				row.x[k] = aa_alloc_effective(&r, k, self->eta);
			row.q_prof = aa_vm_model_qos_at(self, j)->q_prof;
			row.higher_is_better = qos->higher_is_better;
			row.q_obs = cal->value;
			row.qos = j;
			g_array_append_val(rows, row);
			break;
		}
	}
	return rows;
}

/*
 * Least squares over the normalised t_k in (0, 1): the best point of the grid
 * {0.05, 0.15, ..., 0.95}^n, then a coordinate pattern search that halves its
 * step whenever no move along any axis improves the fit.  Fills @best_t and
 * returns the sum of squared residuals.
 */
static gdouble
aa_vm_model_fit_solve(AaVmModelFit *fit, gdouble *best_t)
{
	gdouble t[AA_RESOURCE_COUNT] = {0};
	gdouble best = INFINITY;
	guint grid_points = 1;
	gdouble step;

	/* the grid, in lexicographic order; the first best point wins */
	for (guint j = 0; j < fit->n_fit; j++)
		grid_points *= AA_MODEL_FIT_GRID;
	for (guint g = 0; g < grid_points; g++) {
		guint rest = g;
		gdouble sse;
		for (guint j = fit->n_fit; j > 0; j--) {
			t[j - 1] = 0.05 + 0.1 * (gdouble)(rest % AA_MODEL_FIT_GRID);
			rest /= AA_MODEL_FIT_GRID;
		}
		sse = aa_vm_model_fit_sse(fit, t);
		if (sse < best) {
			best = sse;
			memcpy(best_t, t, sizeof(t));
		}
	}

	/* local refinement, staying inside (0, 1) */
	step = 0.05;
	while (fit->n_fit > 0 && step > 1e-13) {
		gboolean improved = FALSE;
		for (guint j = 0; j < fit->n_fit; j++) {
			for (gint sign = 1; sign >= -1; sign -= 2) {
				gdouble sse;
				memcpy(t, best_t, sizeof(t));
				t[j] = CLAMP(best_t[j] + sign * step, AA_MODEL_FIT_T_LOW,
				             AA_MODEL_FIT_T_HIGH);
				if (t[j] == best_t[j])
					continue;
				sse = aa_vm_model_fit_sse(fit, t);
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
	/* robust, anchored: a resource whose alpha the rows cannot tell from its
	 * default (within a relative 1e-9 of the sum of squares) keeps the default */
	for (guint j = 0; fit->anchored && j < fit->n_fit; j++) {
		AaResource k = fit->fit[j];
		gdouble sse;
		memcpy(t, best_t, sizeof(t));
		t[j] = fit->model->alpha[k] * (fit->model->r_prof[k] - fit->model->r_min[k]);
		if (t[j] == best_t[j] || !(t[j] > 0.0 && t[j] < 1.0))
			continue;
		sse = aa_vm_model_fit_sse(fit, t);
		if (sse <= best + AA_MODEL_FIT_TIE * MAX(best, fit->scale)) {
			best = sse;
			memcpy(best_t, t, sizeof(t));
		}
	}
	return best;
}

static void
aa_vm_model_fit_init(AaVmModelFit *fit, const AaVmModel *self, GArray *rows)
{
	const AaProfile *profile = self->vm->profile;

	fit->model = self;
	fit->rows = rows;
	fit->n_fit = 0;
	fit->scale = 0.0;
	for (guint i = 0; i < rows->len; i++)
		fit->scale += g_array_index(rows, AaVmModelFitRow, i).q_obs *
		              g_array_index(rows, AaVmModelFitRow, i).q_obs;
	/* robust: the curve through the profiled point, as the model predicts */
	fit->anchored = self->fit_anchored && profile != NULL && profile->has_allocation;
	memset(fit->x_a, 0, sizeof(fit->x_a));
	if (profile != NULL && profile->has_allocation) {
		AaAlloc r_a = {profile->alloc_p_cores, profile->alloc_e_cores,
		               profile->alloc_memory_mib, profile->alloc_gpu_slices};
		for (guint k = 0; k < AA_RESOURCE_COUNT; k++)
			fit->x_a[k] = aa_alloc_effective(&r_a, k, self->eta);
	}
	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		gboolean varied = !fit->anchored;
		/* anchored, a resource no row moves from the profiled amount does not
		 * change any row's prediction: it keeps its default alpha */
		for (guint i = 0; !varied && i < rows->len; i++)
			varied =
			    fabs(g_array_index(rows, AaVmModelFitRow, i).x[k] - fit->x_a[k]) > 1e-9;
		if (self->r_prof[k] > 0.0 && !self->vm->model[k].has_alpha && varied)
			fit->fit[fit->n_fit++] = k;
	}
}

/*
 * Robust: the leave-one-out error of the fit.  Each usable row is predicted
 * by the fit of all the other rows (with no other row: the default alphas);
 * sigma_0 of a metric is the root mean square of its rows' held-out
 * residuals.  Runs before the fit changes the model's alphas.
 */
static void
aa_vm_model_loo(AaVmModel *self, GArray *rows)
{
	guint n_qos = self->per_qos->len;
	g_autofree gdouble *sum = g_new0(gdouble, MAX(n_qos, 1));
	g_autofree guint *count = g_new0(guint, MAX(n_qos, 1));
	g_autoptr(GArray) others =
	    g_array_sized_new(FALSE, FALSE, sizeof(AaVmModelFitRow), rows->len);

	for (guint i = 0; i < rows->len; i++) {
		const AaVmModelFitRow *row = &g_array_index(rows, AaVmModelFitRow, i);
		AaVmModelFit fit;
		gdouble t[AA_RESOURCE_COUNT] = {0};
		gdouble alpha[AA_RESOURCE_COUNT];
		gdouble c[AA_RESOURCE_COUNT];
		gdouble d[AA_RESOURCE_COUNT];
		gdouble res;

		g_array_set_size(others, 0);
		for (guint o = 0; o < rows->len; o++) {
			if (o != i)
				g_array_append_val(others, g_array_index(rows, AaVmModelFitRow, o));
		}
		aa_vm_model_fit_init(&fit, self, others);
		if (others->len > 0) {
			aa_vm_model_fit_solve(&fit, t);
			aa_vm_model_fit_params(&fit, t, alpha, c, d);
		} else {
			fit.n_fit = 0;
			aa_vm_model_fit_params(&fit, t, alpha, c, d);
		}
		res = row->q_obs - aa_vm_model_fit_q_hat(&fit, alpha, c, d, row);
		sum[row->qos] += res * res;
		count[row->qos]++;
	}
	for (guint j = 0; j < n_qos; j++) {
		AaVmModelQos *m = aa_vm_model_qos_at(self, j);
		if (count[j] == 0)
			continue;
		m->sigma = MAX(m->sigma, sqrt(sum[j] / (gdouble)count[j]));
		/* the slope of the default stays: the held-out rows say how well the
		 * fit knows the measured region, not how far it may be extrapolated */
		m->sigma_source = "loo";
	}
}

/* MODEL.md's calibration fit; robust also measures its leave-one-out error */
static void
aa_vm_model_fit(AaVmModel *self)
{
	AaVmModelFit fit;
	g_autoptr(GArray) rows = aa_vm_model_fit_rows(self);
	gdouble best_t[AA_RESOURCE_COUNT] = {0};
	gdouble best;

	self->fit_rows = rows->len;
	if (rows->len == 0)
		return;
	self->fit_anchored = FALSE;
	aa_vm_model_fit_init(&fit, self, rows);
	best = aa_vm_model_fit_solve(&fit, best_t);
	/* robust: MODEL.md's fit when it reproduces the profiled value within the
	 * measurement noise's prior, else the fit of the anchored curve */
	if (self->kind == AA_MODEL_KIND_ROBUST && self->vm->profile != NULL &&
	    self->vm->profile->has_allocation) {
		gdouble alpha[AA_RESOURCE_COUNT];
		gdouble c[AA_RESOURCE_COUNT];
		gdouble d[AA_RESOURCE_COUNT];
		aa_vm_model_fit_params(&fit, best_t, alpha, c, d);
		if (aa_vm_model_fit_f(self, alpha, c, d, fit.x_a) < 1.0 - AA_MODEL_SIGMA_MEASURE) {
			self->fit_anchored = TRUE;
			aa_vm_model_fit_init(&fit, self, rows);
			best = aa_vm_model_fit_solve(&fit, best_t);
		}
	}
	if (self->kind == AA_MODEL_KIND_ROBUST)
		aa_vm_model_loo(self, rows);

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
 * aa_model_options_init:
 * @options: (out caller-allocates): the options
 * @kind: the model
 *
 * The defaults of docs/robust-model.md (ignored by the paper model).
 */
void
aa_model_options_init(AaModelOptions *options, AaModelKind kind)
{
	g_return_if_fail(options != NULL);
	options->kind = kind;
	options->demand_confidence = AA_MODEL_DEMAND_CONFIDENCE;
	options->target_confidence = AA_MODEL_TARGET_CONFIDENCE;
	options->memory_headroom = AA_MODEL_MEMORY_HEADROOM;
	options->memory_quantum_mib = 128;
	options->demand_samples = NULL;
	options->demand_data = NULL;
	options->censor_ended = NULL;
	options->censor_data = NULL;
}

/**
 * aa_model_options_from_intent:
 * @options: (out caller-allocates): the options
 * @intent: the intent
 *
 * The options of the intent's policy (model, confidences, headroom, quantum).
 */
void
aa_model_options_from_intent(AaModelOptions *options, const AaIntent *intent)
{
	aa_model_options_init(options, intent->model);
	if (intent->demand_confidence > 0.0)
		options->demand_confidence = intent->demand_confidence;
	if (intent->target_confidence > 0.0)
		options->target_confidence = intent->target_confidence;
	if (intent->memory_headroom >= 0.0)
		options->memory_headroom = intent->memory_headroom;
	options->memory_quantum_mib = intent->memory_quantum_mib;
}

const gchar *
aa_model_kind_to_string(AaModelKind kind)
{
	return kind == AA_MODEL_KIND_PAPER ? "paper" : "robust";
}

gboolean
aa_model_kind_from_string(const gchar *text, AaModelKind *kind)
{
	if (g_strcmp0(text, "paper") == 0)
		*kind = AA_MODEL_KIND_PAPER;
	else if (g_strcmp0(text, "robust") == 0)
		*kind = AA_MODEL_KIND_ROBUST;
	else
		return FALSE;
	return TRUE;
}

/**
 * aa_model_normal_quantile:
 * @p: a probability in (0, 1)
 *
 * The standard normal quantile Phi^-1(@p), by bisection on
 * Phi(x) = erfc(-x / sqrt(2)) / 2 over [-40, 40] to 1e-12.
 *
 * Returns: z with Phi(z) = @p; 0 for @p = 0.5
 */
gdouble
aa_model_normal_quantile(gdouble p)
{
	gdouble lo = -40.0;
	gdouble hi = 40.0;

	g_return_val_if_fail(p > 0.0 && p < 1.0, 0.0);
	while (hi - lo > 1e-12) {
		gdouble mid = 0.5 * (lo + hi);
		if (0.5 * erfc(-mid / G_SQRT2) < p)
			lo = mid;
		else
			hi = mid;
	}
	return 0.5 * (lo + hi);
}

/* A(t | df) = P(|T| <= t) for Student's t with @df degrees of freedom, t >= 0,
 * by the finite series for whole df (Abramowitz and Stegun 26.7.3-4), with
 * theta = atan(t / sqrt(df)) */
static gdouble
aa_model_student_central(gdouble t, guint df)
{
	gdouble theta = atan(t / sqrt((gdouble)df));
	gdouble c2 = cos(theta) * cos(theta);
	gdouble term = 1.0;
	gdouble sum = 1.0;

	if (df % 2 == 0) {
		/* sin(theta) (1 + 1/2 c2 + 1.3/(2.4) c2^2 + ... up to c2^((df-2)/2)) */
		for (guint k = 2; k + 2 <= df; k += 2) {
			term *= c2 * (gdouble)(k - 1) / (gdouble)k;
			sum += term;
		}
		return sin(theta) * sum;
	}
	if (df == 1)
		return 2.0 * theta / G_PI;
	/* 2/pi (theta + sin cos (1 + 2/3 c2 + 2.4/(3.5) c2^2 + ... up to c2^((df-3)/2))) */
	for (guint k = 3; k + 2 <= df; k += 2) {
		term *= c2 * (gdouble)(k - 1) / (gdouble)k;
		sum += term;
	}
	return 2.0 / G_PI * (theta + sin(theta) * cos(theta) * sum);
}

/**
 * aa_model_student_quantile:
 * @p: a probability in [0.5, 1)
 * @df: degrees of freedom, at least 1
 *
 * Student's t quantile with @df degrees of freedom, by bisection on
 * P(T <= t) = (1 + A(t | df)) / 2 over [0, 1e9] to 1e-9 relative; the
 * normal quantile above 1000 degrees of freedom (they differ by less than
 * 0.1 % there).
 *
 * Returns: t with P(T <= t) = @p
 */
gdouble
aa_model_student_quantile(gdouble p, guint df)
{
	gdouble lo = 0.0;
	gdouble hi = 1e9;

	g_return_val_if_fail(p >= 0.5 && p < 1.0 && df >= 1, 0.0);
	if (df > 1000)
		return aa_model_normal_quantile(p);
	while (hi - lo > 1e-9 * MAX(1.0, lo)) {
		gdouble mid = 0.5 * (lo + hi);
		if (0.5 * (1.0 + aa_model_student_central(mid, df)) < p)
			lo = mid;
		else
			hi = mid;
	}
	return 0.5 * (lo + hi);
}

static void
aa_vm_model_predictor_clear(gpointer data)
{
	AaQosPredictor *pred = data;
	if (pred->destroy != NULL && pred->user_data != NULL)
		pred->destroy(pred->user_data);
	g_free(pred->family);
	memset(pred, 0, sizeof(*pred));
}

/* the clear function of AaVmModel.per_qos */
static void
aa_vm_model_qos_clear(gpointer data)
{
	AaVmModelQos *m = data;
	aa_vm_model_predictor_clear(&m->predictor);
}

/* robust: F at the profiled allocation, so that Q(r_a) = Q_prof (the fit, if
 * any, was made for this anchored curve) */
static void
aa_vm_model_anchor(AaVmModel *self)
{
	const AaProfile *profile = self->vm->profile;
	AaAlloc r_a;
	gdouble f;

	self->anchor = 1.0;
	if (self->kind != AA_MODEL_KIND_ROBUST || (self->fit_rows > 0 && !self->fit_anchored) ||
	    profile == NULL || !profile->has_allocation)
		return;
	r_a.p_cores = profile->alloc_p_cores;
	r_a.e_cores = profile->alloc_e_cores;
	r_a.memory_mib = profile->alloc_memory_mib;
	r_a.gpu_slices = profile->alloc_gpu_slices;
	f = aa_vm_model_factor_inline(self, &r_a);
	if (f > 0.0)
		self->anchor = f;
}

/**
 * aa_vm_model_new:
 * @vm: the intent's VM, with its profile and calibration loaded
 * @rt: %TRUE for an RT VM (class rtos or scenario vm_type RTVM)
 * @error: (nullable): optional return location for an error
 *
 * The paper model of MODEL.md (v1), as aa_vm_model_new_full() with
 * %AA_MODEL_KIND_PAPER.
 *
 * Returns: (transfer full): the model, or %NULL on an inconsistent override
 */
AaVmModel *
aa_vm_model_new(const AaIntentVm *vm, gboolean rt, GError **error)
{
	AaModelOptions options;

	aa_model_options_init(&options, AA_MODEL_KIND_PAPER);
	return aa_vm_model_new_full(vm, rt, &options, error);
}

/**
 * aa_vm_model_new_full:
 * @vm: the intent's VM, with its profile and calibration loaded
 * @rt: %TRUE for an RT VM (class rtos or scenario vm_type RTVM)
 * @options: the model and its parameters
 * @error: (nullable): optional return location for an error
 *
 * Builds the model of @vm: the profile vector, r_min, alpha (or the
 * calibration fit), the task set's minimum vCPU count and, for the robust
 * model, the anchor and the uncertainty of each metric.
 *
 * Returns: (transfer full): the model, or %NULL on an inconsistent override
 */
AaVmModel *
aa_vm_model_new_full(const AaIntentVm *vm, gboolean rt, const AaModelOptions *options,
                     GError **error)
{
	g_autoptr(AaVmModel) self = g_new0(AaVmModel, 1);
	guint n_qos;

	g_return_val_if_fail(vm != NULL, NULL);
	g_return_val_if_fail(options != NULL, NULL);

	aa_debug_model_note();
	n_qos = vm->qos != NULL ? vm->qos->len : 0;
	self->vm = vm;
	self->kind = options->kind;
	self->rt = rt || aa_intent_vm_is_rt(vm, NULL);
	self->eta = vm->has_eta ? vm->eta : AA_ETA_DEFAULT;
	self->eta_unknown =
	    options->kind == AA_MODEL_KIND_ROBUST && !vm->has_eta &&
	    !(vm->profile != NULL && vm->profile->has_allocation && vm->profile->alloc_e_cores > 0);
	for (guint i = 0; vm->calibration != NULL && i < vm->calibration->len; i++) {
		const AaCalibrationRow *cal = g_ptr_array_index(vm->calibration, i);
		if (cal->e_cores > 0)
			self->eta_unknown = FALSE;
	}
	self->fit_mse = NAN;
	self->anchor = 1.0;
	self->per_qos = g_array_sized_new(FALSE, TRUE, sizeof(AaVmModelQos), n_qos);
	g_array_set_clear_func(self->per_qos, aa_vm_model_qos_clear);
	g_array_set_size(self->per_qos, n_qos);
	if (!isfinite(self->eta) || self->eta <= 0.0) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_DATA,
		            "VM %s: model eta %g must be a positive number", vm->name, self->eta);
		return NULL;
	}
	if (options->kind == AA_MODEL_KIND_ROBUST &&
	    (!(options->demand_confidence > 0.0 && options->demand_confidence <= 1.0) ||
	     !(options->target_confidence >= 0.5 && options->target_confidence < 1.0) ||
	     !(options->memory_headroom >= 0.0 && isfinite(options->memory_headroom)) ||
	     options->memory_quantum_mib == 0)) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		            "robust model: demand-confidence %g must be in (0, 1], "
		            "target-confidence %g in [0.5, 1), memory-headroom %g >= 0",
		            options->demand_confidence, options->target_confidence,
		            options->memory_headroom);
		return NULL;
	}
	if (options->kind == AA_MODEL_KIND_ROBUST)
		self->z = aa_model_normal_quantile(options->target_confidence);

	/* the profile vector and the profiled QoS */
	if (vm->profile != NULL)
		aa_vm_model_profile_vector(self, vm->profile, options);
	for (guint j = 0; j < n_qos; j++) {
		const AaQosTarget *qos = g_ptr_array_index(vm->qos, j);
		gdouble q = NAN;
		AaVmModelQos *m = aa_vm_model_qos_at(self, j);
		gboolean deadline = g_strcmp0(qos->metric, AA_MODEL_DEADLINE_METRIC) == 0;
		if (vm->profile != NULL && vm->profile->qos != NULL && qos->metric != NULL) {
			const gdouble *v = g_hash_table_lookup(vm->profile->qos, qos->metric);
			if (v != NULL)
				q = *v;
		}
		m->q_prof = q;
		m->deadline = deadline;
		/* robust default uncertainty: measurement noise plus extrapolation */
		if (options->kind == AA_MODEL_KIND_ROBUST && !deadline) {
			m->sigma = AA_MODEL_SIGMA_MEASURE * fabs(q);
			m->sigma_slope = AA_MODEL_SIGMA_EXTRAPOLATE;
			m->sigma_source = "default";
		} else {
			m->sigma_source = "none";
		}
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
			            aa_resource_to_string(k), o->alpha);
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
				            vm->name, aa_resource_to_string(k), o->r_min, r_prof);
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

	aa_vm_model_memory_ceiling(self);
	aa_feasibility_init(&self->feasibility, vm, self->rt, self->eta);
	aa_feasibility_set_demand(&self->feasibility, self->r_prof, self->r_min);
	if (vm->calibration != NULL)
		aa_vm_model_fit(self);
	aa_vm_model_anchor(self);
	/* a lone VM's own bound; aa_vm_models_set_target_scale() sets the problem's */
	self->target_scale = 1.0;
	if (self->kind == AA_MODEL_KIND_ROBUST) {
		g_autoptr(GPtrArray) one = g_ptr_array_new();
		g_ptr_array_add(one, self);
		aa_vm_models_set_target_scale(one, 4.0);
	}
	return g_steal_pointer(&self);
}

/**
 * aa_vm_model_set_predictor:
 * @self: a robust model
 * @qos_index: the index of the QoS metric in the VM's intent (document order)
 * @func: (nullable): the response family; %NULL restores the built-in one
 * @user_data: passed to @func
 * @destroy: (nullable): frees @user_data when the model is freed or the
 *   predictor replaced
 * @sigma: the family's uncertainty (e.g. its leave-one-out RMSE), in the
 *   metric's unit; the margin uses max(@sigma, 0.05 |Q_prof|)
 * @family_name: (nullable): written into recommendation.xml
 *
 * Replaces the prediction of one QoS metric (docs/robust-model.md, "Response
 * families").  Only for the robust model: the paper model is MODEL.md
 * exactly.  deadline-miss-ratio stays the schedulability test.
 */
void
aa_vm_model_set_predictor(AaVmModel *self, guint qos_index, AaQosPredictFunc func,
                          gpointer user_data, GDestroyNotify destroy, gdouble sigma,
                          const gchar *family_name)
{
	AaVmModelQos *m;
	AaQosPredictor *pred;
	gdouble q_prof;

	g_return_if_fail(self != NULL);
	g_return_if_fail(self->kind == AA_MODEL_KIND_ROBUST);
	g_return_if_fail(qos_index < self->per_qos->len);
	m = aa_vm_model_qos_at(self, qos_index);
	g_return_if_fail(!m->deadline);

	pred = &m->predictor;
	aa_vm_model_predictor_clear(pred);
	pred->func = func;
	pred->user_data = user_data;
	pred->destroy = destroy;
	pred->family = g_strdup(family_name);
	q_prof = m->q_prof;
	if (func == NULL) {
		/* back to the built-in family with the default uncertainty */
		m->sigma = AA_MODEL_SIGMA_MEASURE * fabs(q_prof);
		m->sigma_slope = AA_MODEL_SIGMA_EXTRAPOLATE;
		m->sigma_source = "default";
		return;
	}
	if (isnan(sigma) || sigma < 0.0)
		sigma = INFINITY;
	if (!isnan(q_prof))
		sigma = MAX(sigma, AA_MODEL_SIGMA_MEASURE * fabs(q_prof));
	m->sigma = sigma;
	m->sigma_slope = 0.0;
	m->sigma_source = "predictor";
}

/**
 * aa_vm_model_set_eta_measured:
 * @self: a model
 *
 * Says that a run on E-cores (a refine trial) measured the VM's E-core
 * speed: its predictions on E-cores no longer carry the speed prior's
 * uncertainty (docs/robust-model.md, "An E-core speed no run measured").
 */
void
aa_vm_model_set_eta_measured(AaVmModel *self)
{
	g_return_if_fail(self != NULL);
	self->eta_unknown = FALSE;
}

/**
 * aa_vm_model_set_predictor_sigma:
 * @self: a robust model
 * @qos_index: a metric with a predictor (aa_vm_model_set_predictor())
 * @func: (nullable): the predictor's uncertainty under an allocation, called
 *   with the predictor's user data; %NULL: the constant sigma given
 *
 * Makes the predictor's uncertainty depend on the allocation
 * (docs/robust-model.md, "Uncertainty"); the margin uses
 * max(@func(r), 0.05 |Q_prof|).
 */
void
aa_vm_model_set_predictor_sigma(AaVmModel *self, guint qos_index, AaQosSigmaFunc func)
{
	AaQosPredictor *pred;

	g_return_if_fail(self != NULL);
	g_return_if_fail(self->kind == AA_MODEL_KIND_ROBUST);
	g_return_if_fail(qos_index < self->per_qos->len);
	pred = &aa_vm_model_qos_at(self, qos_index)->predictor;
	g_return_if_fail(pred->func != NULL);
	pred->sigma_func = func;
}

/**
 * aa_vm_model_predict:
 * @self: a model
 * @qos_index: the index of the QoS metric in the VM's intent
 * @r: an allocation
 *
 * Returns: the predicted value of the metric under @r (NAN if unknown)
 */
gdouble
aa_vm_model_predict(const AaVmModel *self, guint qos_index, const AaAlloc *r)
{
	AaQosPrediction p = {0};

	g_return_val_if_fail(self != NULL, NAN);
	g_return_val_if_fail(r != NULL, NAN);
	g_return_val_if_fail(qos_index < self->per_qos->len, NAN);
	aa_vm_model_qos_score(self, qos_index, r, aa_vm_model_factor_inline(self, r), &p);
	return p.predicted;
}

/**
 * aa_vm_models_set_target_scale:
 * @models: (element-type AaVmModel): every VM's model of one problem
 * @lambda_scale: the objective mode's scale of lambda
 *
 * Sets M of the robust objective, M * (weight of the targets met) +
 * VMOptScore, on every model: M = 1000 * (1 + sum over the VMs of
 * (sum_k |w_k| + |lambda| * @lambda_scale * sum_k |v_k|)).  The weights of
 * the first level are rounded to 0.001 (aa_model_target_weight()), so two
 * allocations whose met weights differ differ by at least 0.001, and 0.001 M
 * is more than any difference of VMOptScore sums: lexicographic order.
 *
 * Returns: M
 */
gdouble
aa_vm_models_set_target_scale(GPtrArray *models, gdouble lambda_scale)
{
	gdouble m = 1.0;

	g_return_val_if_fail(models != NULL, 1.0);
	for (guint i = 0; i < models->len; i++) {
		const AaVmModel *model = g_ptr_array_index(models, i);
		const AaIntentVm *vm = model->vm;
		gdouble util = 0.0;
		/* a lower-is-better score spans [0, 2] in the robust model */
		for (guint j = 0; vm->qos != NULL && j < vm->qos->len; j++) {
			const AaQosTarget *qos = g_ptr_array_index(vm->qos, j);
			m += fabs(qos->weight) * (qos->higher_is_better ? 1.0 : 2.0);
		}
		for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
			if (vm->has_util_weight[k])
				util += fabs(vm->util_weight[k]);
		}
		m += fabs(vm->lambda) * fabs(lambda_scale) * util;
	}
	for (guint i = 0; i < models->len; i++) {
		AaVmModel *model = g_ptr_array_index(models, i);
		model->target_scale = m / (0.5 * AA_MODEL_WEIGHT_RESOLUTION);
	}
	return m / (0.5 * AA_MODEL_WEIGHT_RESOLUTION);
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
	g_clear_pointer(&self->per_qos, g_array_unref);
	aa_feasibility_clear(&self->feasibility);
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
	return aa_alloc_effective(r, k, self->eta);
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

/**
 * aa_vm_model_feasible:
 * @self: a model
 * @r: an allocation
 *
 * Tests @r against the feasible set F_i of MODEL.md v2 (aa-feasibility.c),
 * capacity aside.
 *
 * Returns: %TRUE if @r is in F_i
 */
gboolean
aa_vm_model_feasible(const AaVmModel *self, const AaAlloc *r)
{
	g_return_val_if_fail(self != NULL, FALSE);
	g_return_val_if_fail(r != NULL, FALSE);
	return aa_feasibility_check(&self->feasibility, r) == AA_FEASIBILITY_OK;
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
 * Returns: paper: VMOptScore = VMPerfScore + lambda * @lambda_scale *
 *   VMUtilScore; robust: M * (weight of the targets met with the margin) +
 *   VMOptScore
 */
gdouble
aa_vm_model_score(const AaVmModel *self, const AaAlloc *r, gdouble lambda_scale)
{
	const AaIntentVm *vm = self->vm;
	gdouble f = aa_vm_model_factor_inline(self, r);
	gdouble perf = 0.0;
	gdouble util = 0.0;
	gdouble met = 0.0;
	gdouble total;

	for (guint j = 0; j < self->per_qos->len; j++) {
		const AaQosTarget *qos = g_ptr_array_index(vm->qos, j);
		AaQosPrediction p;
		perf += qos->weight * aa_vm_model_qos_score(self, j, r, f, &p);
		met += aa_vm_model_target_credit(self, qos, &p);
	}
	total = perf;
	if (vm->lambda != 0.0 && lambda_scale != 0.0) {
		for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
			if (vm->has_util_weight[k])
				util +=
				    vm->util_weight[k] * aa_vm_model_utilization_inline(self, k, r);
		}
		total = perf + vm->lambda * lambda_scale * util;
	}
	if (self->kind == AA_MODEL_KIND_ROBUST)
		return self->target_scale * met + total;
	return total;
}

/**
 * aa_vm_model_evaluate:
 * @self: a model
 * @r: an allocation
 * @lambda_scale: the objective mode's scale of lambda
 * @out: (out caller-allocates): the evaluation; clear with aa_vm_evaluation_clear()
 *
 * Predicts every QoS metric of the intent for @r, with its score, margin and
 * whether it is met, the utilisations and the VM's scores.
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
	out->qos = g_array_sized_new(FALSE, TRUE, sizeof(AaQosPrediction), self->per_qos->len);
	for (guint j = 0; j < self->per_qos->len; j++) {
		const AaQosPredictor *predictor = &aa_vm_model_qos_at(self, j)->predictor;
		AaQosPrediction pred = {0};
		pred.score = aa_vm_model_qos_score(self, j, r, out->factor, &pred);
		pred.qos = g_ptr_array_index(vm->qos, j);
		pred.profiled = aa_vm_model_qos_at(self, j)->q_prof;
		if (aa_vm_model_qos_at(self, j)->deadline)
			pred.family = "schedulability";
		else if (predictor->func != NULL)
			pred.family = predictor->family != NULL ? predictor->family : "custom";
		else
			pred.family = "paper";
		out->perf += pred.qos->weight * pred.score;
		out->n_targets++;
		if (pred.met) {
			out->n_met++;
			out->met_weight += aa_model_target_weight(pred.qos->weight);
		}
		out->credit += aa_vm_model_target_credit(self, pred.qos, &pred);
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
	out->objective = out->total;
	if (self->kind == AA_MODEL_KIND_ROBUST)
		out->objective = self->target_scale * out->credit + out->total;
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
	g_clear_pointer(&eval->qos, g_array_unref);
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
