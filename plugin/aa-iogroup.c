/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * I/O core groups (seed 003, vSPACE, made static).  vSPACE re-splits the
 * cores between vCPUs and network queues every 100 ms; ACRN's acrn-dm takes
 * its I/O threads' CPU affinity once, at launch.  So the algorithms run here
 * over the recorded samples of the I/O profiles, and the group is the size
 * that covers them (docs/io-groups.md):
 *
 * - performance: Algorithm 1 per sample over TotalCore pCPUs; the group is
 *   the nearest-rank quantile at the policy's confidence of its I/O share;
 * - efficiency: ceil(p95(sum over VMs of io_busy) / th-io) (FORMATS.md);
 *   Algorithm 2 with MARGIN per sample for the report;
 * - resource: as efficiency, and the pCPUs no VM got go to best-effort VMs.
 *
 * Absent thresholds come from Algorithm 3 run over each VM's samples against
 * its latency SLO; the group uses the lowest over the VMs.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "aa-board-private.h"
#include "aa-context-private.h"
#include "aa-error.h"
#include "aa-intent-private.h"
#include "aa-iogroup.h"
#include "aa-json.h"
#include "aa-scenario-private.h"
#include "aa-util.h"
#include "aa-xml.h"
#include "aa-xml-attr.h"

/* decimal inputs such as 2.1 / 0.7 land a hair above 3 in binary; a
 * ceiling or rounding within this of an integer takes the integer */
#define AA_IOGROUP_EPSILON 1e-9
/* samples of two VMs at the same time_s within this many seconds are one */
#define AA_IOGROUP_TIME_TOLERANCE 1e-3
/* the lowest threshold, given or explored */
#define AA_IOGROUP_TH_MIN 0.01

/**
 * aa_iogroup_ceil:
 * @x: a number
 *
 * Returns: the ceiling of @x, taking an integer within 1e-9 below @x as @x
 */
gdouble
aa_iogroup_ceil(gdouble x)
{
	gdouble r = nearbyint(x);
	if (fabs(x - r) <= AA_IOGROUP_EPSILON * fmax(1.0, fabs(x)))
		return r;
	return ceil(x);
}

/**
 * aa_iogroup_round:
 * @x: a number >= 0
 *
 * Returns: @x rounded half away from zero (C's round()), taking a value
 * within 1e-9 below a half as the half
 */
gdouble
aa_iogroup_round(gdouble x)
{
	return floor(x + 0.5 + AA_IOGROUP_EPSILON * fmax(1.0, fabs(x)));
}

/**
 * aa_iogroup_quantile:
 * @values: numbers (not modified)
 * @n: their count, > 0
 * @q: the quantile in (0, 1]
 *
 * Returns: the nearest-rank quantile: the ceil(q * n)-th smallest value
 */
gdouble
aa_iogroup_quantile(const gdouble *values, guint n, gdouble q)
{
	g_autofree gdouble *sorted = NULL;
	gdouble rank;
	guint k;

	g_return_val_if_fail(n > 0, NAN);
	sorted = g_memdup2(values, sizeof(gdouble) * n);
	qsort(sorted, n, sizeof(gdouble), aa_double_cmp);
	rank = aa_iogroup_ceil(q * (gdouble)n);
	k = rank < 1 ? 1 : rank > n ? n : (guint)rank;
	return sorted[k - 1];
}

/**
 * aa_iogroup_alg1:
 * @util_vcpu: TotalUtil_vCPU, busy cores of the vCPUs
 * @util_io: TotalUtil_NQ, busy cores of the I/O threads
 * @th_vcpu: Th_vCPU
 * @th_io: Th_NQ
 * @total: TotalCore
 * @next_vcpu: (out): NextCore_vCPU
 * @next_io: (out): NextCore_NQ
 *
 * vSPACE-P, Algorithm 1 of seed 003 as its listing gives it: ReqCore is the
 * utilisation over the threshold (not rounded; the prose says "rounding",
 * the listing does not, and the rounding of lines 5-6 decides anyway), then
 * TotalCore is split in proportion, each share rounded half away from zero.
 * The two shares may sum to TotalCore + 1 when both land on a half; that is
 * the paper's arithmetic and is kept.  Nothing demanded (both zero) gives 0
 * and 0, where the listing would divide by zero.
 */
void
aa_iogroup_alg1(gdouble util_vcpu, gdouble util_io, gdouble th_vcpu, gdouble th_io, gint64 total,
                gint64 *next_vcpu, gint64 *next_io)
{
	gdouble req_vcpu = util_vcpu / th_vcpu;
	gdouble req_io = util_io / th_io;
	gdouble req_total = req_vcpu + req_io;

	if (req_total <= 0) {
		*next_vcpu = 0;
		*next_io = 0;
		return;
	}
	*next_vcpu = (gint64)aa_iogroup_round((gdouble)total * req_vcpu / req_total);
	*next_io = (gint64)aa_iogroup_round((gdouble)total * req_io / req_total);
}

/**
 * aa_iogroup_alg2:
 * @util_vcpu: TotalUtil_vCPU
 * @util_io: TotalUtil_NQ
 * @th_vcpu: Th_vCPU
 * @th_io: Th_NQ
 * @margin: MARGIN (>= 1)
 * @total: TotalCore
 * @prev_vcpu: PrevCore_vCPU
 * @prev_io: PrevCore_NQ
 * @next_vcpu: (out): NextCore_vCPU
 * @next_io: (out): NextCore_NQ
 *
 * vSPACE-E, Algorithm 2 of seed 003: ReqCore = ceil(util / th); above
 * TotalCore the split of Algorithm 1 over the integer demands; otherwise a
 * group shrinking from its previous size keeps ceil(MARGIN * util / th).
 */
void
aa_iogroup_alg2(gdouble util_vcpu, gdouble util_io, gdouble th_vcpu, gdouble th_io, gdouble margin,
                gint64 total, gint64 prev_vcpu, gint64 prev_io, gint64 *next_vcpu, gint64 *next_io)
{
	gint64 req_vcpu = (gint64)aa_iogroup_ceil(util_vcpu / th_vcpu);
	gint64 req_io = (gint64)aa_iogroup_ceil(util_io / th_io);
	gint64 req_total = req_vcpu + req_io;

	if (req_total > total) {
		*next_vcpu = (gint64)aa_iogroup_round((gdouble)total * (gdouble)req_vcpu /
		                                      (gdouble)req_total);
		*next_io =
		    (gint64)aa_iogroup_round((gdouble)total * (gdouble)req_io / (gdouble)req_total);
		return;
	}
	if (prev_vcpu > req_vcpu)
		*next_vcpu = (gint64)aa_iogroup_ceil(margin * util_vcpu / th_vcpu);
	else
		*next_vcpu = req_vcpu;
	if (prev_io > req_io)
		*next_io = (gint64)aa_iogroup_ceil(margin * util_io / th_io);
	else
		*next_io = req_io;
}

/* the first entry of @order not yet removed, or -1 */
static gint
aa_iogroup_top(const guint *order, guint n, const gboolean *removed)
{
	for (guint i = 0; i < n; i++) {
		if (!removed[order[i]])
			return (gint)order[i];
	}
	return -1;
}

typedef struct {
	const AaIoExploreSample *samples;
	const guint *vio;
	gboolean by_io;
} AaIoSortData;

static gint
aa_iogroup_desc_cmp(gconstpointer a, gconstpointer b, gpointer user_data)
{
	const AaIoSortData *d = user_data;
	const AaIoExploreSample *x = &d->samples[d->vio[*(const guint *)a]];
	const AaIoExploreSample *y = &d->samples[d->vio[*(const guint *)b]];
	gdouble ux = d->by_io ? x->util_io : x->util_vcpu;
	gdouble uy = d->by_io ? y->util_io : y->util_vcpu;
	if (ux != uy)
		return ux > uy ? -1 : 1;
	/* ties in recording order, so that the result does not depend on qsort */
	return (*(const guint *)a > *(const guint *)b) - (*(const guint *)a < *(const guint *)b);
}

/**
 * aa_iogroup_explore:
 * @samples: the set S: per sample the p95 latency and the per-core
 *   utilisation of the vCPUs and of the I/O threads
 * @n: count(S)
 * @slo: the latency SLO; a sample with p95 above it violates it
 * @allow_vio: AllowVio in [0, 1]
 * @reward: Reward >= 1
 * @weight: Weight in [0, 1]
 * @th_vcpu: (inout): TH_vCPU
 * @th_io: (inout): TH_NQ
 *
 * One round of vSPACE's threshold exploration (Algorithm 3 of seed 003).
 * With more violations than ceil(count(S) * AllowVio) allows, the excess
 * violating samples are taken from the tops of S_vio sorted by each
 * utilisation, each time moving the temporary threshold with the smaller
 * distance to that sample's utilisation; the new thresholds are the
 * Weight-average of the old and the temporary ones.  Without any violation
 * both are multiplied by Reward.
 *
 * Two readings of ours, documented in docs/io-groups.md: a violating sample
 * whose utilisation is already above both temporary thresholds is already
 * avoided by them and only counts (the listing would raise a threshold to
 * it); and a threshold never exceeds 1, a fully busy core.
 *
 * Returns: count(S_vio)
 */
guint
aa_iogroup_explore(const AaIoExploreSample *samples, guint n, gdouble slo, gdouble allow_vio,
                   gdouble reward, gdouble weight, gdouble *th_vcpu, gdouble *th_io)
{
	g_autofree guint *vio = g_new0(guint, n + 1);
	g_autofree guint *by_vcpu = NULL;
	g_autofree guint *by_io = NULL;
	g_autofree gboolean *removed = NULL;
	guint n_vio = 0;
	gint64 allow_count;
	gint64 dec_count;
	gdouble tmp_vcpu = *th_vcpu;
	gdouble tmp_io = *th_io;
	AaIoSortData sort = {samples, vio, FALSE};

	for (guint i = 0; i < n; i++) {
		if (samples[i].p95 > slo)
			vio[n_vio++] = i;
	}
	allow_count = (gint64)aa_iogroup_ceil((gdouble)n * allow_vio);
	dec_count = (gint64)n_vio - allow_count;
	if (dec_count <= 0) {
		if (n_vio == 0 && n > 0) {
			*th_vcpu = MIN(1.0, *th_vcpu * reward);
			*th_io = MIN(1.0, *th_io * reward);
		}
		return n_vio;
	}

	by_vcpu = g_new(guint, n_vio);
	by_io = g_new(guint, n_vio);
	removed = g_new0(gboolean, n_vio);
	for (guint i = 0; i < n_vio; i++) {
		by_vcpu[i] = i;
		by_io[i] = i;
	}
	g_qsort_with_data(by_vcpu, (gint)n_vio, sizeof(guint), aa_iogroup_desc_cmp, &sort);
	sort.by_io = TRUE;
	g_qsort_with_data(by_io, (gint)n_vio, sizeof(guint), aa_iogroup_desc_cmp, &sort);

	while (dec_count > 0) {
		gint top_vcpu = aa_iogroup_top(by_vcpu, n_vio, removed);
		gint top_io = aa_iogroup_top(by_io, n_vio, removed);
		gdouble util_vcpu;
		gdouble util_io;
		gdouble diff_vcpu;
		gdouble diff_io;

		if (top_vcpu < 0 || top_io < 0)
			break;
		util_vcpu = samples[vio[top_vcpu]].util_vcpu;
		util_io = samples[vio[top_io]].util_io;
		diff_vcpu = tmp_vcpu - util_vcpu;
		diff_io = tmp_io - util_io;
		if (diff_vcpu < 0 && diff_io < 0) {
			/* both tops are above their thresholds already: avoided */
			removed[top_vcpu] = TRUE;
		} else if (diff_io < 0 || (diff_vcpu >= 0 && diff_vcpu <= diff_io)) {
			tmp_vcpu = util_vcpu;
			removed[top_vcpu] = TRUE;
		} else {
			tmp_io = util_io;
			removed[top_io] = TRUE;
		}
		dec_count--;
	}
	*th_vcpu = (1 - weight) * *th_vcpu + weight * tmp_vcpu;
	*th_io = (1 - weight) * *th_io + weight * tmp_io;
	return n_vio;
}

static void
aa_iogroup_vm_free(AaIoGroupVm *vm)
{
	g_free(vm->name);
	g_free(vm);
}

static void
aa_iogroup_best_effort_free(AaIoGroupBestEffort *be)
{
	g_free(be->name);
	g_clear_pointer(&be->pcpus, g_array_unref);
	g_free(be);
}

/**
 * aa_iogroup_free:
 * @self: (nullable): an I/O group
 */
void
aa_iogroup_free(AaIoGroup *self)
{
	if (self == NULL)
		return;
	g_clear_pointer(&self->pcpus, g_array_unref);
	g_clear_pointer(&self->samples, g_array_unref);
	g_clear_pointer(&self->vms, g_ptr_array_unref);
	g_clear_pointer(&self->best_effort, g_ptr_array_unref);
	g_free(self);
}

/* the latency SLO of @vm, from its <qos metric="latency-p95-ms" direction="lower"> */
static gboolean
aa_iogroup_vm_slo(const AaIntentVm *vm, gdouble *slo)
{
	for (guint i = 0; i < vm->qos->len; i++) {
		const AaQosTarget *qos = g_ptr_array_index(vm->qos, i);
		if (g_strcmp0(qos->metric, AA_IOGROUP_SLO_METRIC) == 0 && !qos->higher_is_better) {
			*slo = qos->target;
			return TRUE;
		}
	}
	return FALSE;
}

/* Algorithm 3 over @vm's samples, window by window, from the initial thresholds */
static void
aa_iogroup_explore_vm(const AaIoPolicy *policy, const AaIntentVm *vm, AaIoGroupVm *gvm)
{
	const AaIoProfile *prof = vm->io_profile;
	g_autofree AaIoExploreSample *s = g_new0(AaIoExploreSample, prof->samples->len + 1);
	guint n = 0;
	guint window;

	gvm->th_vcpu = NAN;
	gvm->th_io = NAN;
	for (guint i = 0; i < prof->samples->len; i++) {
		const AaIoSample *sample = &g_array_index(prof->samples, AaIoSample, i);
		gdouble uv = aa_io_profile_vcpu_util(prof, sample);
		gdouble ui = aa_io_profile_io_util(prof, sample);
		if (isnan(sample->latency_p95_ms) || isnan(uv) || isnan(ui))
			continue;
		s[n].p95 = sample->latency_p95_ms;
		s[n].util_vcpu = uv;
		s[n].util_io = ui;
		if (s[n].p95 > gvm->slo_ms)
			gvm->n_violations++;
		n++;
	}
	gvm->n_latency = n;
	if (!gvm->has_slo || n == 0)
		return;
	gvm->th_vcpu = policy->th_initial;
	gvm->th_io = policy->th_initial;
	window = policy->window == 0 ? n : policy->window;
	for (guint start = 0; start < n; start += window) {
		guint len = MIN(window, n - start);
		aa_iogroup_explore(s + start, len, gvm->slo_ms, policy->allow_vio, policy->reward,
		                   policy->weight, &gvm->th_vcpu, &gvm->th_io);
		/* a violating sample at 0 % utilisation would drive a threshold to
		 * 0 and the demand to infinity: 0.01 is the floor, as in the intent */
		gvm->th_vcpu = MAX(gvm->th_vcpu, AA_IOGROUP_TH_MIN);
		gvm->th_io = MAX(gvm->th_io, AA_IOGROUP_TH_MIN);
	}
}

/* the VMs' series summed over the times all of them sampled */
static void
aa_iogroup_align(AaIoGroup *self, GPtrArray *vms)
{
	const AaIntentVm *first = g_ptr_array_index(vms, 0);
	g_autofree guint *pos = g_new0(guint, vms->len);

	for (guint i = 0; i < first->io_profile->samples->len; i++) {
		const AaIoSample *s0 = &g_array_index(first->io_profile->samples, AaIoSample, i);
		AaIoGroupSample out = {s0->time_s, s0->vcpu_busy, s0->io_busy, -1, -1};
		gboolean all = TRUE;

		for (guint v = 1; v < vms->len && all; v++) {
			const AaIntentVm *vm = g_ptr_array_index(vms, v);
			GArray *samples = vm->io_profile->samples;
			const AaIoSample *s = NULL;
			while (pos[v] < samples->len &&
			       g_array_index(samples, AaIoSample, pos[v]).time_s <
			           s0->time_s - AA_IOGROUP_TIME_TOLERANCE)
				pos[v]++;
			if (pos[v] < samples->len)
				s = &g_array_index(samples, AaIoSample, pos[v]);
			if (s == NULL || fabs(s->time_s - s0->time_s) > AA_IOGROUP_TIME_TOLERANCE) {
				all = FALSE;
				break;
			}
			out.vcpu_busy += s->vcpu_busy; /* NAN stays NAN */
			out.io_busy += s->io_busy;
		}
		if (all)
			g_array_append_val(self->samples, out);
	}
}

/* one threshold: the given one, else the lowest a VM explored, else the initial one */
static gdouble
aa_iogroup_threshold(gboolean has_given, gdouble given, gdouble explored, gdouble initial)
{
	if (has_given)
		return given;
	if (isfinite(explored))
		return explored;
	return initial;
}

/* the thresholds: given ones as they are, the others explored (lowest over VMs) */
static void
aa_iogroup_thresholds(AaIoGroup *self, const AaIoPolicy *policy)
{
	gdouble explored_vcpu = INFINITY;
	gdouble explored_io = INFINITY;

	for (guint i = 0; i < self->vms->len; i++) {
		AaIoGroupVm *gvm = g_ptr_array_index(self->vms, i);
		if (isnan(gvm->th_vcpu))
			continue;
		explored_vcpu = MIN(explored_vcpu, gvm->th_vcpu);
		explored_io = MIN(explored_io, gvm->th_io);
	}
	self->th_vcpu = aa_iogroup_threshold(policy->has_th_vcpu, policy->th_vcpu, explored_vcpu,
	                                     policy->th_initial);
	self->th_io =
	    aa_iogroup_threshold(policy->has_th_io, policy->th_io, explored_io, policy->th_initial);

	if (policy->has_th_vcpu && policy->has_th_io)
		self->th_source = "given";
	else if (!isfinite(explored_io))
		self->th_source = policy->has_th_vcpu || policy->has_th_io ? "mixed" : "default";
	else
		self->th_source = policy->has_th_vcpu || policy->has_th_io ? "mixed" : "explored";
}

/* per-sample algorithm of the mode, and the static group size */
static gboolean
aa_iogroup_size(AaIoGroup *self, const gchar *filename, glong line, GError **error)
{
	g_autofree gdouble *values = g_new0(gdouble, self->samples->len + 1);
	guint n = 0;
	gint64 prev_vcpu = 0;
	gint64 prev_io = 0;

	for (guint i = 0; i < self->samples->len; i++) {
		AaIoGroupSample *s = &g_array_index(self->samples, AaIoGroupSample, i);
		if (isnan(s->vcpu_busy))
			continue;
		if (self->mode == AA_IO_MODE_PERFORMANCE) {
			aa_iogroup_alg1(s->vcpu_busy, s->io_busy, self->th_vcpu, self->th_io,
			                self->total_cores, &s->next_vcpu, &s->next_io);
			values[n++] = (gdouble)s->next_io;
		} else {
			aa_iogroup_alg2(s->vcpu_busy, s->io_busy, self->th_vcpu, self->th_io,
			                self->margin, self->total_cores, prev_vcpu, prev_io,
			                &s->next_vcpu, &s->next_io);
			prev_vcpu = s->next_vcpu;
			prev_io = s->next_io;
		}
	}

	if (self->mode == AA_IO_MODE_PERFORMANCE) {
		if (n == 0) {
			aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, line,
			                "performance I/O mode splits the cores between vCPUs and "
			                "I/O, but no aligned sample has vcpu_busy; record it "
			                "(profile-script --service-vm --vcpu-command) or use "
			                "<io mode=\"efficiency\">");
			return FALSE;
		}
		self->size = (guint)aa_iogroup_quantile(values, n, self->confidence);
	} else {
		/* FORMATS.md: ceil(p95(sum over VMs of io_busy) / th-io) */
		for (guint i = 0; i < self->samples->len; i++)
			values[i] = g_array_index(self->samples, AaIoGroupSample, i).io_busy;
		self->io_p95 = aa_iogroup_quantile(values, self->samples->len, 0.95);
		/* bounded: the reader caps busy cores, thresholds are >= 0.01 */
		self->size = (guint)MIN(aa_iogroup_ceil(self->io_p95 / self->th_io), 1e6);
	}
	if (self->mode == AA_IO_MODE_PERFORMANCE) {
		for (guint i = 0; i < self->samples->len; i++)
			values[i] = g_array_index(self->samples, AaIoGroupSample, i).io_busy;
		self->io_p95 = aa_iogroup_quantile(values, self->samples->len, 0.95);
	}

	/* coverage: the I/O demand of a sample fits the group */
	for (guint i = 0; i < self->samples->len; i++) {
		const AaIoGroupSample *s = &g_array_index(self->samples, AaIoGroupSample, i);
		gint64 demand = self->mode == AA_IO_MODE_PERFORMANCE
		                    ? s->next_io
		                    : (gint64)aa_iogroup_ceil(s->io_busy / self->th_io);
		if (demand >= 0 && demand <= (gint64)self->size)
			self->covered++;
	}
	return TRUE;
}

static gboolean
aa_iogroup_is_taken(GArray *taken, guint cpu)
{
	for (guint i = 0; i < taken->len; i++) {
		if (g_array_index(taken, guint, i) == cpu)
			return TRUE;
	}
	return FALSE;
}

/**
 * aa_iogroup_new_sized:
 * @vms: (element-type AaIntentVm): the VMs with an I/O profile, intent order
 * @policy: the I/O policy
 * @total_cores: TotalCore of Algorithms 1 and 2
 * @filename: the intent, for messages
 * @error: (nullable): optional return location for an error
 *
 * Runs the thresholds exploration, the per-sample algorithm of the mode and
 * the static sizing over the VMs' I/O profiles; places nothing.
 *
 * Returns: (transfer full): the group with its size, or %NULL
 */
AaIoGroup *
aa_iogroup_new_sized(GPtrArray *vms, const AaIoPolicy *policy, gint64 total_cores,
                     const gchar *filename, GError **error)
{
	g_autoptr(AaIoGroup) self = g_new0(AaIoGroup, 1);

	g_return_val_if_fail(vms->len > 0, NULL);
	self->mode = policy->mode;
	self->confidence = policy->confidence;
	self->margin = policy->margin;
	self->total_cores = total_cores;
	self->pcpus = g_array_new(FALSE, FALSE, sizeof(guint));
	self->samples = g_array_new(FALSE, TRUE, sizeof(AaIoGroupSample));
	self->vms = g_ptr_array_new_with_free_func((GDestroyNotify)aa_iogroup_vm_free);
	self->best_effort =
	    g_ptr_array_new_with_free_func((GDestroyNotify)aa_iogroup_best_effort_free);

	for (guint i = 0; i < vms->len; i++) {
		const AaIntentVm *vm = g_ptr_array_index(vms, i);
		const AaIoProfile *prof = vm->io_profile;
		AaIoGroupVm *gvm = g_new0(AaIoGroupVm, 1);
		g_autofree gdouble *io = g_new0(gdouble, prof->samples->len + 1);
		g_autofree gdouble *vcpu = g_new0(gdouble, prof->samples->len + 1);
		guint n_vcpu = 0;

		gvm->name = g_strdup(vm->name);
		gvm->n_samples = prof->samples->len;
		for (guint j = 0; j < prof->samples->len; j++) {
			const AaIoSample *s = &g_array_index(prof->samples, AaIoSample, j);
			io[j] = s->io_busy;
			if (!isnan(s->vcpu_busy))
				vcpu[n_vcpu++] = s->vcpu_busy;
		}
		gvm->io_p95 = aa_iogroup_quantile(io, prof->samples->len, 0.95);
		gvm->vcpu_p95 = n_vcpu > 0 ? aa_iogroup_quantile(vcpu, n_vcpu, 0.95) : NAN;
		gvm->has_slo = aa_iogroup_vm_slo(vm, &gvm->slo_ms);
		aa_iogroup_explore_vm(policy, vm, gvm);
		g_ptr_array_add(self->vms, gvm);
	}

	aa_iogroup_align(self, vms);
	if (self->samples->len == 0) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, policy->line,
		                "the I/O profiles of the VMs share no time_s (within 1 ms); record "
		                "them in one run of the Service VM profiling scripts so that "
		                "their samples line up");
		return NULL;
	}
	aa_iogroup_thresholds(self, policy);
	if (!aa_iogroup_size(self, filename, policy->line, error))
		return NULL;
	return g_steal_pointer(&self);
}

/**
 * aa_iogroup_reserve:
 * @board: the board
 * @scenario: (nullable): the scenario, to refuse I/O profiles of VMs that are
 *   not post-launched
 * @intent: the intent
 * @capacity: (inout): what the intent's VMs share; the group is taken out
 * @taken: (inout): pCPU IDs nobody in the intent may use, ascending; the
 *   group's are added
 * @out: (out) (transfer full) (nullable): the group, %NULL when no VM of the
 *   intent has an I/O profile
 * @error: (nullable): optional return location for an error
 *
 * Sizes the I/O core group from the I/O profiles and the policy and places
 * it on the lowest free P-cores (then E-cores).  Fails with
 * %AA_ERROR_INFEASIBLE when the group leaves a VM of the intent no pCPU.
 *
 * Returns: %TRUE on success
 */
gboolean
aa_iogroup_reserve(AaBoard *board, AaScenario *scenario, AaIntent *intent, AaCapacity *capacity,
                   GArray *taken, AaIoGroup **out, GError **error)
{
	g_autoptr(AaIoGroup) self = NULL;
	g_autoptr(GPtrArray) vms = g_ptr_array_new();
	const AaIoPolicy *policy = &intent->io;
	gint64 others = 0;
	gint64 pool = capacity->p_cores + capacity->e_cores;
	gint64 free_after;

	*out = NULL;
	for (guint i = 0; i < intent->vms->len; i++) {
		AaIntentVm *vm = g_ptr_array_index(intent->vms, i);
		AaVm *svm = aa_intent_vm_get_scenario_vm(vm, scenario);
		if (vm->io_profile != NULL && svm != NULL &&
		    svm->load_order != AA_LOAD_ORDER_POST_LAUNCHED_VM) {
			aa_error_set_at(
			    error, AA_ERROR_INVALID_DATA, intent->filename, vm->line,
			    "VM '%s' is not post-launched: no acrn-dm in the Service VM "
			    "runs its I/O; remove its <io-profile>",
			    vm->name);
			return FALSE;
		}
		if (vm->io_profile != NULL) {
			g_ptr_array_add(vms, vm);
		} else {
			gint64 min = 0;
			if (vm->limits[AA_DIM_P_CORES].has_min)
				min += vm->limits[AA_DIM_P_CORES].min;
			if (vm->limits[AA_DIM_E_CORES].has_min)
				min += vm->limits[AA_DIM_E_CORES].min;
			others += MAX(1, min);
		}
	}
	if (vms->len == 0)
		return TRUE;

	/* TotalCore: the pCPUs the intent's VMs share, minus one (or the
	 * minimum) per VM whose I/O was not profiled */
	self = aa_iogroup_new_sized(vms, policy, MAX(1, pool - others), intent->filename, error);
	if (self == NULL)
		return FALSE;

	free_after = pool - (gint64)self->size;
	if (free_after < (gint64)intent->vms->len) {
		aa_error_set_at(error, AA_ERROR_INFEASIBLE, intent->filename, policy->line,
		                "the I/O core group needs %u pCPUs (%s mode, th-io %.3g) but "
		                "only %" G_GINT64_FORMAT " are free for %u VMs; raise th-io in "
		                "<policy><io>, use efficiency mode or lower the I/O load",
		                self->size, aa_io_mode_to_string(self->mode), self->th_io, pool,
		                intent->vms->len);
		return FALSE;
	}

	/* the lowest free P-cores, then E-cores */
	for (guint pass = 0; pass < 2 && self->pcpus->len < self->size; pass++) {
		AaCoreKind kind = pass == 0 ? AA_CORE_KIND_P : AA_CORE_KIND_E;
		for (guint i = 0; i < board->pcpus->len && self->pcpus->len < self->size; i++) {
			const AaPcpu *pcpu = g_ptr_array_index(board->pcpus, i);
			if (pcpu->kind != kind || aa_iogroup_is_taken(taken, pcpu->cpu_id))
				continue;
			g_array_append_val(self->pcpus, pcpu->cpu_id);
			if (kind == AA_CORE_KIND_P)
				capacity->p_cores--;
			else
				capacity->e_cores--;
		}
	}
	g_array_append_vals(taken, self->pcpus->data, self->pcpus->len);
	g_array_sort(taken, aa_guint_cmp);
	g_array_sort(self->pcpus, aa_guint_cmp);
	*out = g_steal_pointer(&self);
	return TRUE;
}

/**
 * aa_iogroup_size_vm:
 * @self: the group
 * @name: a VM with an I/O profile
 * @vcpus: the vCPUs it was allocated
 *
 * Sets its I/O threads and virtqueues per virtio-blk device: what its own
 * p95 I/O needs at th-io, at least 1 and at most the group; `mq` no more
 * than its vCPUs (acrn-dm caps it there) and the I/O threads no more than
 * `mq` (acrn-dm caps them there).
 */
void
aa_iogroup_size_vm(AaIoGroup *self, const gchar *name, gint64 vcpus)
{
	for (guint i = 0; i < self->vms->len; i++) {
		AaIoGroupVm *gvm = g_ptr_array_index(self->vms, i);
		gint64 need;
		if (g_strcmp0(gvm->name, name) != 0)
			continue;
		if (self->size == 0) {
			gvm->iothreads = 0;
			gvm->mq = 0;
			return;
		}
		need = (gint64)aa_iogroup_ceil(gvm->io_p95 / self->th_io);
		need = CLAMP(need, 1, (gint64)self->size);
		gvm->mq = (guint)MAX(1, MIN(need, vcpus));
		gvm->iothreads = gvm->mq;
		return;
	}
}

/**
 * aa_iogroup_give_idle:
 * @self: the group
 * @board: the board
 * @taken: pCPUs outside the VMs' share (reserves, other VMs, the group)
 * @placed: the placed VMs (AaPlacementVm, each linked to its intent VM)
 *
 * R mode: every pCPU that neither @taken nor a placed VM holds goes to each
 * non-RT best-effort VM whose pCPUs are of its kind (P or E; ACRN lets
 * standard post-launched VMs share pCPUs).  Nothing in the other modes.
 */
void
aa_iogroup_give_idle(AaIoGroup *self, AaBoard *board, GArray *taken, GPtrArray *placed)
{
	if (self->mode != AA_IO_MODE_RESOURCE)
		return;
	for (guint i = 0; i < placed->len; i++) {
		AaPlacementVm *pvm = g_ptr_array_index(placed, i);
		const AaIntentVm *vm = pvm->vm;
		AaIoGroupBestEffort *be;
		const AaPcpu *own;

		if (vm == NULL || !vm->best_effort || pvm->rt || pvm->pcpus->len == 0)
			continue;
		own = aa_board_get_pcpu(board, g_array_index(pvm->pcpus, guint, 0));
		if (own == NULL)
			continue;
		be = g_new0(AaIoGroupBestEffort, 1);
		be->name = g_strdup(pvm->name);
		be->pcpus = g_array_new(FALSE, FALSE, sizeof(guint));
		for (guint c = 0; c < board->pcpus->len; c++) {
			const AaPcpu *pcpu = g_ptr_array_index(board->pcpus, c);
			gboolean used = aa_iogroup_is_taken(taken, pcpu->cpu_id);
			if (pcpu->kind != own->kind)
				continue;
			for (guint j = 0; j < placed->len && !used; j++) {
				AaPlacementVm *other = g_ptr_array_index(placed, j);
				used = aa_iogroup_is_taken(other->pcpus, pcpu->cpu_id);
			}
			if (!used)
				g_array_append_val(be->pcpus, pcpu->cpu_id);
		}
		if (be->pcpus->len == 0) {
			aa_iogroup_best_effort_free(be);
			continue;
		}
		g_ptr_array_add(self->best_effort, be);
	}
}

/**
 * aa_iogroup_idle_of:
 * @self: the group
 * @name: a VM name
 *
 * Returns: (transfer none) (nullable): the idle pCPUs R mode gave @name
 */
const GArray *
aa_iogroup_idle_of(AaIoGroup *self, const gchar *name)
{
	for (guint i = 0; i < self->best_effort->len; i++) {
		AaIoGroupBestEffort *be = g_ptr_array_index(self->best_effort, i);
		if (g_strcmp0(be->name, name) == 0)
			return be->pcpus;
	}
	return NULL;
}

/* a number attribute; NaN (not computed) is left out */
static void
aa_iogroup_set_double(xmlNode *node, const gchar *name, gdouble value, guint digits)
{
	if (!isnan(value))
		aa_xml_attr_double(node, name, value, digits);
}

/**
 * aa_iogroup_to_xml:
 * @self: the group
 *
 * Returns: (transfer full): `<io-group mode th-io th-vcpu ...>` with its
 * `<pcpu>`s, a `<vm>` per profiled VM, R mode's `<best-effort>` and the
 * per-sample demand (`<sample>`, evenly thinned to at most 2000)
 */
xmlNode *
aa_iogroup_to_xml(AaIoGroup *self)
{
	xmlNode *node = xmlNewNode(NULL, (const xmlChar *)"io-group");
	guint step = 1;

	aa_xml_attr_text(node, "mode", aa_io_mode_to_string(self->mode));
	aa_iogroup_set_double(node, "th-io", self->th_io, 6);
	aa_iogroup_set_double(node, "th-vcpu", self->th_vcpu, 6);
	aa_xml_attr_text(node, "th-source", self->th_source);
	aa_xml_attr_uint(node, "size", self->size);
	aa_xml_attr_uint(node, "total-cores", (guint64)self->total_cores);
	aa_iogroup_set_double(node, "io-p95", self->io_p95, 6);
	if (self->mode == AA_IO_MODE_PERFORMANCE)
		aa_iogroup_set_double(node, "confidence", self->confidence, 6);
	else
		aa_iogroup_set_double(node, "margin", self->margin, 6);
	aa_xml_attr_uint(node, "samples", self->samples->len);
	aa_xml_attr_uint(node, "covered", self->covered);
	aa_xml_attr_pcpus(node, self->pcpus);

	for (guint i = 0; i < self->vms->len; i++) {
		AaIoGroupVm *gvm = g_ptr_array_index(self->vms, i);
		xmlNode *v = aa_xml_attr_child(node, "vm");
		aa_xml_attr_text(v, "name", gvm->name);
		aa_xml_attr_uint(v, "iothreads", gvm->iothreads);
		aa_xml_attr_uint(v, "mq", gvm->mq);
		aa_iogroup_set_double(v, "io-p95", gvm->io_p95, 6);
		aa_iogroup_set_double(v, "vcpu-p95", gvm->vcpu_p95, 6);
		aa_xml_attr_uint(v, "samples", gvm->n_samples);
		if (gvm->has_slo) {
			aa_iogroup_set_double(v, "slo-ms", gvm->slo_ms, 9);
			aa_xml_attr_uint(v, "latency-samples", gvm->n_latency);
			aa_xml_attr_uint(v, "violations", gvm->n_violations);
		}
		aa_iogroup_set_double(v, "explored-th-vcpu", gvm->th_vcpu, 6);
		aa_iogroup_set_double(v, "explored-th-io", gvm->th_io, 6);
	}
	for (guint i = 0; i < self->best_effort->len; i++) {
		AaIoGroupBestEffort *be = g_ptr_array_index(self->best_effort, i);
		xmlNode *b = aa_xml_attr_child(node, "best-effort");
		aa_xml_attr_text(b, "vm", be->name);
		aa_xml_attr_pcpus(b, be->pcpus);
	}
	if (self->samples->len > AA_IOGROUP_MAX_XML_SAMPLES)
		step = (self->samples->len + AA_IOGROUP_MAX_XML_SAMPLES - 1) /
		       AA_IOGROUP_MAX_XML_SAMPLES;
	for (guint i = 0; i < self->samples->len; i += step) {
		const AaIoGroupSample *s = &g_array_index(self->samples, AaIoGroupSample, i);
		xmlNode *x = aa_xml_attr_child(node, "sample");
		gint64 demand = self->mode == AA_IO_MODE_PERFORMANCE
		                    ? s->next_io
		                    : (gint64)aa_iogroup_ceil(s->io_busy / self->th_io);
		aa_iogroup_set_double(x, "time-s", s->time_s, 9);
		aa_iogroup_set_double(x, "vcpu-busy", s->vcpu_busy, 6);
		aa_iogroup_set_double(x, "io-busy", s->io_busy, 6);
		if (s->next_vcpu >= 0) {
			aa_xml_attr_uint(x, "next-vcpu", (guint64)s->next_vcpu);
			aa_xml_attr_uint(x, "next-io", (guint64)s->next_io);
		}
		if (demand >= 0)
			aa_xml_attr_uint(x, "io-demand", (guint64)demand);
	}
	return node;
}

/**
 * aa_iogroup_summary:
 * @self: the group
 *
 * Returns: (transfer full): one line for the recommend summary
 */
gchar *
aa_iogroup_summary(AaIoGroup *self)
{
	g_autofree gchar *ids = aa_format_id_ranges(self->pcpus);
	g_autofree gchar *th_io = aa_format_double(self->th_io, 4);
	g_autofree gchar *th_vcpu = aa_format_double(self->th_vcpu, 4);
	GString *text = g_string_new(NULL);

	g_string_append_printf(text,
	                       "  I/O core group (%s mode): %u pCPU%s%s%s, th-io %s th-vcpu %s "
	                       "(%s), covers %u of %u samples",
	                       aa_io_mode_to_string(self->mode), self->size,
	                       self->size == 1 ? "" : "s", self->pcpus->len > 0 ? " " : "", ids,
	                       th_io, th_vcpu, self->th_source, self->covered, self->samples->len);
	for (guint i = 0; i < self->best_effort->len; i++) {
		AaIoGroupBestEffort *be = g_ptr_array_index(self->best_effort, i);
		g_autofree gchar *idle = aa_format_id_ranges(be->pcpus);
		g_string_append_printf(text, "\n  best effort: %s also runs on idle pCPUs %s",
		                       be->name, idle);
	}
	return g_string_free(text, FALSE);
}

/* validation */

static void
aa_iogroup_warn(AaDiagnostics *report, const gchar *rule_id, const gchar *vm, const gchar *file,
                xmlNode *node, const gchar *message, const gchar *fix)
{
	g_autofree gchar *xpath = node != NULL ? aa_xml_path(node) : NULL;
	aa_diagnostics_add(report, aa_diagnostic_new(rule_id, AA_SEVERITY_WARNING, vm, file,
	                                             node != NULL ? aa_xml_line(node) : 0, xpath,
	                                             message, fix));
}

/* TRUE if the launch script takes @vm's pCPUs away from the Service VM
 * (ACRN's add_cpus: an RT VM, SCHED_NOOP, or own_pcpu) */
static gboolean
aa_iogroup_vm_offlines(AaScenario *scenario, const AaVm *vm)
{
	g_autofree gchar *own = NULL;
	if (vm->load_order != AA_LOAD_ORDER_POST_LAUNCHED_VM)
		return FALSE;
	if (aa_vm_is_rt(vm) || g_strcmp0(aa_scenario_get_scheduler(scenario), "SCHED_NOOP") == 0)
		return TRUE;
	own = vm->node != NULL ? aa_xml_child_text(vm->node, "own_pcpu") : NULL;
	return own != NULL && g_strcmp0(g_strstrip(own), "y") == 0;
}

/* the VM holding @cpu in a way that keeps it from the Service VM at run
 * time (pre-launched, or offlined by a launch script), or NULL */
static const AaVm *
aa_iogroup_cpu_holder(AaScenario *scenario, guint cpu)
{
	for (guint i = 0; i < aa_scenario_get_vms(scenario)->len; i++) {
		const AaVm *vm = g_ptr_array_index(aa_scenario_get_vms(scenario), i);
		if (vm->load_order != AA_LOAD_ORDER_PRE_LAUNCHED_VM &&
		    !aa_iogroup_vm_offlines(scenario, vm))
			continue;
		for (guint j = 0; j < vm->affinity->len; j++) {
			if (g_array_index(vm->affinity, AaAffinity, j).pcpu_id == cpu)
				return vm;
		}
	}
	return NULL;
}

/* the Service VM's CPUs in its own numbering: the board's pCPUs without the
 * pre-launched VMs', ascending (ACRN's launch_cfg_gen.py table) */
static GArray *
aa_iogroup_service_cpus(AaBoard *board, AaScenario *scenario)
{
	GArray *cpus = g_array_new(FALSE, FALSE, sizeof(guint));
	for (guint i = 0; i < board->pcpus->len; i++) {
		const AaPcpu *pcpu = g_ptr_array_index(board->pcpus, i);
		const AaVm *holder = aa_iogroup_cpu_holder(scenario, pcpu->cpu_id);
		if (holder != NULL && holder->load_order == AA_LOAD_ORDER_PRE_LAUNCHED_VM)
			continue;
		g_array_append_val(cpus, pcpu->cpu_id);
	}
	return cpus;
}

/* iothread=N@a:b/c affinities written by hand into a virtio block option */
static void
aa_iogroup_check_virtio(AaBoard *board, AaScenario *scenario, AaDiagnostics *report)
{
	g_autoptr(GArray) service = aa_iogroup_service_cpus(board, scenario);
	for (guint i = 0; i < aa_scenario_get_vms(scenario)->len; i++) {
		const AaVm *vm = g_ptr_array_index(aa_scenario_get_vms(scenario), i);
		for (guint j = 0; vm->virtio != NULL && j < vm->virtio->len; j++) {
			const AaVirtio *v = g_ptr_array_index(vm->virtio, j);
			g_auto(GStrv) opts = NULL;
			if (g_strcmp0(v->kind, "block") != 0 || v->value == NULL ||
			    strstr(v->value, "iothread=") == NULL)
				continue;
			opts = g_strsplit(v->value, ",", -1);
			for (guint k = 0; opts[k] != NULL; k++) {
				const gchar *at;
				g_auto(GStrv) cpus = NULL;
				if (!g_str_has_prefix(opts[k], "iothread=") ||
				    (at = strchr(opts[k], '@')) == NULL)
					continue;
				cpus = g_strsplit_set(at + 1, "/:", -1);
				for (guint c = 0; cpus[c] != NULL; c++) {
					guint64 n = 0;
					const AaVm *holder = NULL;
					g_autofree gchar *msg = NULL;
					if (cpus[c][0] == '*' || cpus[c][0] == '\0' ||
					    !aa_xml_parse_uint64(cpus[c], &n))
						continue;
					if (n < service->len) {
						holder = aa_iogroup_cpu_holder(
						    scenario, g_array_index(service, guint, n));
						if (holder == NULL)
							continue;
					}
					if (holder != NULL)
						msg = g_strdup_printf(
						    "virtio-blk iothread affinity names Service VM "
						    "CPU %s, which the launch script of %s takes "
						    "offline",
						    cpus[c], holder->name);
					else
						msg = g_strdup_printf(
						    "virtio-blk iothread affinity names Service VM "
						    "CPU %s, which does not exist: the Service VM "
						    "has CPUs 0 to %u",
						    cpus[c], service->len - 1);
					aa_iogroup_warn(
					    report, "iothread-outside-service-vm", vm->name,
					    aa_scenario_get_filename(scenario), v->node, msg,
					    "name Service VM CPUs that no pre-launched or "
					    "real-time VM holds, or let acrn-alloc size the "
					    "I/O core group (<io-profile> in the intent, "
					    "launch --recommendation)");
				}
			}
		}
	}
}

/* the io-group pCPUs of a recommendation must be Service VM CPUs */
static guint
aa_iogroup_check_recommendation(AaBoard *board, AaScenario *scenario, xmlDoc *doc,
                                AaDiagnostics *report)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	xmlNode *group = root != NULL ? aa_xml_child(root, "io-group") : NULL;
	guint n = 0;

	if (group == NULL)
		return 0;
	for (xmlNode *p = group->children; p != NULL; p = p->next) {
		g_autofree gchar *id = NULL;
		g_autofree gchar *msg = NULL;
		guint64 cpu = 0;
		const AaVm *holder;
		if (p->type != XML_ELEMENT_NODE || g_strcmp0((const gchar *)p->name, "pcpu") != 0)
			continue;
		id = aa_xml_prop(p, "id");
		if (id == NULL || !aa_xml_parse_uint64(id, &cpu) || cpu > G_MAXUINT)
			continue;
		n++;
		if (aa_board_get_pcpu(board, (guint)cpu) == NULL) {
			msg = g_strdup_printf("the I/O core group's iothread affinity names pCPU "
			                      "%s, which the board lacks",
			                      id);
		} else if ((holder = aa_iogroup_cpu_holder(scenario, (guint)cpu)) != NULL) {
			msg = g_strdup_printf(
			    "the I/O core group's iothread affinity names pCPU %s, which is "
			    "not a Service VM CPU at run time: VM %s holds it (%s)",
			    id, holder->name,
			    holder->load_order == AA_LOAD_ORDER_PRE_LAUNCHED_VM
			        ? "pre-launched"
			        : "its launch script takes it offline");
		}
		if (msg != NULL)
			aa_iogroup_warn(report, "iothread-outside-service-vm", NULL,
			                (const gchar *)doc->URL, p, msg,
			                "recommend again against this scenario, or move that VM "
			                "off the group's pCPUs");
	}
	return n;
}

/**
 * aa_iogroup_check:
 * @board: the board
 * @scenario: the scenario
 * @intent: (nullable): the intent (its I/O profiles)
 * @recommendation: (nullable): a recommendation.xml with an `<io-group>`
 * @report: where diagnostics go
 *
 * Warns (`io-shared-service-vm`) when a post-launched VM with heavy measured
 * I/O (p95 io_busy >= 0.5 cores) has every pCPU shared with the Service VM,
 * which runs its back-ends, and no I/O core group takes that work off them;
 * and (`iothread-outside-service-vm`) when an iothread affinity, in the
 * recommendation's group or written into a virtio-blk option, names a CPU
 * the Service VM does not have at run time.
 */
void
aa_iogroup_check(AaBoard *board, AaScenario *scenario, AaIntent *intent, xmlDoc *recommendation,
                 AaDiagnostics *report)
{
	guint group = 0;

	report->n_rules += 2;
	aa_iogroup_check_virtio(board, scenario, report);
	if (recommendation != NULL)
		group = aa_iogroup_check_recommendation(board, scenario, recommendation, report);
	if (intent == NULL || group > 0)
		return;
	for (guint i = 0; i < intent->vms->len; i++) {
		const AaIntentVm *vm = g_ptr_array_index(intent->vms, i);
		const AaVm *svm = aa_intent_vm_get_scenario_vm(vm, scenario);
		g_autofree gdouble *io = NULL;
		g_autoptr(GArray) ids = NULL;
		g_autofree gchar *ranges = NULL;
		g_autofree gchar *msg = NULL;
		g_autofree gchar *p95_text = NULL;
		gdouble p95;

		if (vm->io_profile == NULL || svm == NULL ||
		    svm->load_order != AA_LOAD_ORDER_POST_LAUNCHED_VM || svm->affinity->len == 0 ||
		    aa_iogroup_vm_offlines(scenario, svm))
			continue;
		io = g_new0(gdouble, vm->io_profile->samples->len);
		for (guint j = 0; j < vm->io_profile->samples->len; j++)
			io[j] = g_array_index(vm->io_profile->samples, AaIoSample, j).io_busy;
		p95 = aa_iogroup_quantile(io, vm->io_profile->samples->len, 0.95);
		if (p95 < AA_IOGROUP_HEAVY_IO_CORES)
			continue;
		ids = g_array_new(FALSE, FALSE, sizeof(guint));
		for (guint j = 0; j < svm->affinity->len; j++)
			g_array_append_val(ids,
			                   g_array_index(svm->affinity, AaAffinity, j).pcpu_id);
		ranges = aa_format_id_ranges(ids);
		p95_text = aa_format_double(p95, 3);
		msg = g_strdup_printf("heavy measured I/O (p95 %s busy cores of acrn-dm I/O "
		                      "threads, %s) runs in the Service VM, which shares all of "
		                      "this VM's pCPUs (%s): back-ends and vCPUs contend",
		                      p95_text, vm->io_profile_path, ranges);
		aa_iogroup_warn(report, "io-shared-service-vm", vm->name,
		                aa_scenario_get_filename(scenario), svm->node, msg,
		                "size an I/O core group: 'acrn-alloc recommend' with this "
		                "<io-profile>, then 'launch --recommendation R' pins acrn-dm "
		                "to it (validate with --recommendation R)");
	}
}

/* `io-group`: the algorithms over I/O profiles alone */

static gboolean
aa_iogroup_option_double(GHashTable *options, const gchar *key, gdouble min, gdouble max,
                         gboolean *present, gdouble *value, GError **error)
{
	const gchar *text = g_hash_table_lookup(options, key);

	if (present != NULL)
		*present = text != NULL;
	if (text == NULL)
		return TRUE;
	if (!aa_parse_double_in(text, min, FALSE, max, value)) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		            "--%s '%s' is not a number from %g to %g", key, text, min, max);
		return FALSE;
	}
	return TRUE;
}

static gchar *
aa_iogroup_trace_json(AaIoGroup *self)
{
	g_autoptr(JsonBuilder) b = json_builder_new();

	json_builder_begin_object(b);
	aa_json_add_string(b, "mode", aa_io_mode_to_string(self->mode));
	aa_json_add_double(b, "th_vcpu", self->th_vcpu);
	aa_json_add_double(b, "th_io", self->th_io);
	aa_json_add_string(b, "th_source", self->th_source);
	aa_json_add_int(b, "total_cores", self->total_cores);
	aa_json_add_double(b, "io_p95", self->io_p95);
	aa_json_add_int(b, "size", self->size);
	aa_json_add_int(b, "covered", self->covered);
	aa_json_begin_array(b, "vms");
	for (guint i = 0; i < self->vms->len; i++) {
		AaIoGroupVm *gvm = g_ptr_array_index(self->vms, i);
		json_builder_begin_object(b);
		aa_json_add_string(b, "name", gvm->name);
		aa_json_add_double(b, "io_p95", gvm->io_p95);
		aa_json_add_int(b, "violations", gvm->n_violations);
		/* NaN (not explored) is null */
		aa_json_add_double(b, "explored_th_vcpu", gvm->th_vcpu);
		aa_json_add_double(b, "explored_th_io", gvm->th_io);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	aa_json_begin_array(b, "samples");
	for (guint i = 0; i < self->samples->len; i++) {
		const AaIoGroupSample *s = &g_array_index(self->samples, AaIoGroupSample, i);
		json_builder_begin_object(b);
		aa_json_add_double(b, "time_s", s->time_s);
		aa_json_add_double(b, "vcpu_busy", s->vcpu_busy);
		aa_json_add_double(b, "io_busy", s->io_busy);
		/* -1, not computable, is null */
		aa_json_add_int_or_null(b, "next_vcpu", s->next_vcpu >= 0, s->next_vcpu);
		aa_json_add_int_or_null(b, "next_io", s->next_io >= 0, s->next_io);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
	return aa_json_to_text(b);
}

/**
 * aa_iogroup_trace_run:
 * @options: `io-profiles` (file names, one per line), `total-cores`, and
 *   optionally `mode`, `th-vcpu`, `th-io`, `margin`, `confidence`,
 *   `allow-vio`, `reward`, `weight`, `th-initial`, `slo-ms`, `format`
 * @error: (nullable): optional return location for an error
 *
 * The `io-group` command: the per-sample results of the mode's algorithm
 * and the static group size over the given I/O profiles, aligned on time_s.
 *
 * Returns: (transfer full): text or JSON, or %NULL
 */
gchar *
aa_iogroup_trace_run(GHashTable *options, GError **error)
{
	const gchar *files = g_hash_table_lookup(options, "io-profiles");
	const gchar *mode = g_hash_table_lookup(options, "mode");
	const gchar *format = g_hash_table_lookup(options, "format");
	g_autoptr(GPtrArray) vms =
	    g_ptr_array_new_with_free_func((GDestroyNotify)aa_intent_vm_free);
	g_autoptr(AaIoGroup) group = NULL;
	g_auto(GStrv) names = NULL;
	g_autoptr(GString) text = NULL;
	AaIoPolicy policy;
	gdouble total = 0;
	gdouble slo = 0;
	gboolean has_slo = FALSE;

	aa_io_policy_init(&policy);
	if (aa_context_missing_option(files == NULL, "io-group needs --io-profile", error))
		return NULL;
	if (format != NULL && g_strcmp0(format, "text") != 0 && g_strcmp0(format, "json") != 0) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		            "--format '%s' is unknown; use text or json", format);
		return NULL;
	}
	if (mode != NULL) {
		gboolean found = FALSE;
		for (guint m = AA_IO_MODE_PERFORMANCE; m <= AA_IO_MODE_RESOURCE; m++) {
			if (g_strcmp0(mode, aa_io_mode_to_string((AaIoMode)m)) == 0) {
				policy.mode = (AaIoMode)m;
				found = TRUE;
			}
		}
		if (!found) {
			g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
			            "--mode '%s' is unknown; use performance, efficiency or "
			            "resource",
			            mode);
			return NULL;
		}
	}
	if (!aa_iogroup_option_double(options, "total-cores", 1, 4096, NULL, &total, error) ||
	    !aa_iogroup_option_double(options, "th-vcpu", 0.01, 1, &policy.has_th_vcpu,
	                              &policy.th_vcpu, error) ||
	    !aa_iogroup_option_double(options, "th-io", 0.01, 1, &policy.has_th_io, &policy.th_io,
	                              error) ||
	    !aa_iogroup_option_double(options, "margin", 1, 100, NULL, &policy.margin, error) ||
	    !aa_iogroup_option_double(options, "confidence", 1e-9, 1, NULL, &policy.confidence,
	                              error) ||
	    !aa_iogroup_option_double(options, "allow-vio", 0, 1, NULL, &policy.allow_vio, error) ||
	    !aa_iogroup_option_double(options, "reward", 1, 100, NULL, &policy.reward, error) ||
	    !aa_iogroup_option_double(options, "weight", 0, 1, NULL, &policy.weight, error) ||
	    !aa_iogroup_option_double(options, "th-initial", 0.01, 1, NULL, &policy.th_initial,
	                              error) ||
	    !aa_iogroup_option_double(options, "slo-ms", 0, G_MAXDOUBLE, &has_slo, &slo, error))
		return NULL;
	if (total != floor(total)) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		            "--total-cores %g is not a whole number", total);
		return NULL;
	}

	names = g_strsplit(files, "\n", -1);
	for (guint i = 0; names[i] != NULL; i++) {
		AaIntentVm *vm = aa_intent_vm_new();
		g_ptr_array_add(vms, vm);
		vm->io_profile = aa_io_profile_load(names[i], error);
		if (vm->io_profile == NULL)
			return NULL;
		vm->name =
		    g_strdup(vm->io_profile->vm_name != NULL ? vm->io_profile->vm_name : names[i]);
		if (has_slo) {
			AaQosTarget *qos = g_new0(AaQosTarget, 1);
			qos->metric = g_strdup(AA_IOGROUP_SLO_METRIC);
			qos->target = slo;
			qos->weight = 1;
			g_ptr_array_add(vm->qos, qos);
		}
	}
	group = aa_iogroup_new_sized(vms, &policy, (gint64)total, names[0], error);
	if (group == NULL)
		return NULL;
	if (g_strcmp0(format, "json") == 0)
		return aa_iogroup_trace_json(group);

	text = g_string_new(NULL);
	{
		g_autofree gchar *summary = aa_iogroup_summary(group);
		g_string_append_printf(
		    text, "%s\n  TotalCore %" G_GINT64_FORMAT ", p95 of the summed io_busy %g\n",
		    summary + 2, group->total_cores, group->io_p95);
	}
	g_string_append(text, "time_s,vcpu_busy,io_busy,next_vcpu,next_io\n");
	for (guint i = 0; i < group->samples->len; i++) {
		const AaIoGroupSample *s = &g_array_index(group->samples, AaIoGroupSample, i);
		g_autofree gchar *t = aa_format_double(s->time_s, 9);
		g_autofree gchar *v =
		    isnan(s->vcpu_busy) ? g_strdup("") : aa_format_double(s->vcpu_busy, 9);
		g_autofree gchar *io = aa_format_double(s->io_busy, 9);
		if (s->next_vcpu < 0)
			g_string_append_printf(text, "%s,%s,%s,,\n", t, v, io);
		else
			g_string_append_printf(
			    text, "%s,%s,%s,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "\n", t, v, io,
			    s->next_vcpu, s->next_io);
	}
	return g_string_free(g_steal_pointer(&text), FALSE);
}
