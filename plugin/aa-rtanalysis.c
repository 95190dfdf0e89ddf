/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Compositional analysis of a periodic task set (times in integer us).
 *
 * Periodic resource Gamma(P, Q) (Shin & Lee, RTSS 2003): Q units every P, at
 * worst a blackout of 2(P - Q).  Its exact supply bound function is, with
 * y = t - (P - Q) and k = floor(y / P),
 *   sbf(t) = 0                                  if y < 0
 *   sbf(t) = k Q + max(0, y - k P - (P - Q))    otherwise.
 *
 * Fixed priority on Gamma: task i meets its deadline iff some t in (0, D_i]
 * has rbf_i(t) = C_i + sum_{j in hp(i)} ceil(t / T_j) C_j <= sbf(t).  rbf_i is
 * constant on (a T_j, (a+1) T_j] and sbf does not decrease, so it suffices to
 * test t in {D_i} and {a T_j < D_i} (the scheduling points).
 *
 * EDF on Gamma: dbf(t) = sum_i (floor((t - D_i) / T_i) + 1) C_i <= sbf(t) for
 * every absolute deadline t up to L, where beyond L the linear bound
 * Q/P (t - 2(P - Q)) already exceeds U t + sum_i (T_i - D_i) C_i / T_i.
 *
 * Global EDF on a multiprocessor periodic resource <Pi, Theta, m'> (Shin,
 * Easwaran & Lee, ECRTS 2008, the model CARTS implements): task k is
 * schedulable if DEM(A + D_k) <= sbf(A + D_k) for every A >= 0 (Theorem 1),
 * with the supply
 *   t' = t - (Pi - ceil(Theta / m')), k = floor(t' / Pi), x = t' - k Pi,
 *   sbf(t) = k Theta + max(0, m' x - (m' Pi - Theta))   (0 when t' < 0).
 * DEM and sbf are piecewise linear in t; the test evaluates every kink (and the
 * point before each jump) up to the A bound where the linear supply bound
 * Theta/Pi (t - 2(Pi - Theta/m')) exceeds the linear demand bound, so it is
 * exact for the theorem in integer us.
 *
 * Every test counts its points first: above AA_RTANALYSIS_MAX_POINTS it gives
 * up and answers "not proven" (never "schedulable"), so a hostile task set
 * (huge hyperperiods, tiny slack) costs bounded time.
 */

#include "config.h"

#include <math.h>

#include "aa-error.h"
#include "aa-intent-private.h"
#include "aa-rtanalysis.h"

typedef unsigned __int128 AaU128;

static gint
aa_rtanalysis_cmp_u64(gconstpointer a, gconstpointer b)
{
	guint64 x = *(const guint64 *)a;
	guint64 y = *(const guint64 *)b;
	return x < y ? -1 : (x > y ? 1 : 0);
}

static const AaTask *
aa_rtanalysis_task(GPtrArray *tasks, guint i)
{
	return g_ptr_array_index(tasks, i);
}

/**
 * aa_rtanalysis_sbf:
 * @period_us: P
 * @budget_us: Q (clamped to P)
 * @t_us: interval length
 *
 * Returns: the exact supply bound function of the periodic resource (P, Q)
 */
guint64
aa_rtanalysis_sbf(guint64 period_us, guint64 budget_us, guint64 t_us)
{
	guint64 gap;
	guint64 y;
	guint64 k;
	guint64 rest;

	if (period_us == 0 || budget_us >= period_us)
		return budget_us == 0 ? 0 : t_us;
	gap = period_us - budget_us;
	if (t_us < gap)
		return 0;
	y = t_us - gap;
	k = y / period_us;
	rest = y - k * period_us;
	return k * budget_us + (rest > gap ? rest - gap : 0);
}

/**
 * aa_rtanalysis_mpr_sbf:
 * @period_us: Pi
 * @budget_us: Theta, total over the @m vCPUs (at most @m * Pi)
 * @m: concurrency m'
 * @t_us: interval length
 *
 * Returns: the supply bound function of the multiprocessor periodic resource
 */
guint64
aa_rtanalysis_mpr_sbf(guint64 period_us, guint64 budget_us, guint m, guint64 t_us)
{
	guint64 ceil_share;
	guint64 t1;
	guint64 k;
	guint64 x;
	guint64 full;

	if (m == 0 || period_us == 0 || budget_us == 0)
		return 0;
	ceil_share = (budget_us + m - 1) / m;
	if (ceil_share > period_us || t_us + ceil_share < period_us)
		return 0;
	t1 = t_us + ceil_share - period_us;
	k = t1 / period_us;
	x = t1 - k * period_us;
	full = (guint64)m * period_us - MIN(budget_us, (guint64)m * period_us);
	return k * budget_us + ((guint64)m * x > full ? (guint64)m * x - full : 0);
}

/* N_i(t): jobs of task @task with release and deadline in an interval of @t */
static gint64
aa_rtanalysis_jobs(const AaTask *task, gint64 t)
{
	gint64 v = t + (gint64)task->period_us - (gint64)task->deadline_us;
	return v < 0 ? 0 : v / (gint64)task->period_us;
}

/* CI_i(t): carry-in of task @task */
static gint64
aa_rtanalysis_carry_in(const AaTask *task, gint64 t)
{
	gint64 r = t - aa_rtanalysis_jobs(task, t) * (gint64)task->period_us;
	return CLAMP(r, 0, (gint64)task->wcet_us);
}

static gint
aa_rtanalysis_cmp_desc(gconstpointer a, gconstpointer b)
{
	gint64 x = *(const gint64 *)a;
	gint64 y = *(const gint64 *)b;
	return x > y ? -1 : (x < y ? 1 : 0);
}

/**
 * aa_rtanalysis_mpr_demand:
 * @tasks: (element-type AaTask): the task set
 * @k: the task under analysis
 * @m: concurrency m'
 * @t_us: A + D_k, at least D_k
 *
 * Returns: DEM(t, m') of Theorem 1 (Shin, Easwaran & Lee 2008) for task @k
 */
gint64
aa_rtanalysis_mpr_demand(GPtrArray *tasks, guint k, guint m, guint64 t_us)
{
	const AaTask *tk = aa_rtanalysis_task(tasks, k);
	gint64 t = (gint64)t_us;
	gint64 a = t - (gint64)tk->deadline_us;
	gint64 ck = (gint64)tk->wcet_us;
	gint64 sum = (gint64)m * ck;
	g_autofree gint64 *diff = g_new0(gint64, MAX(tasks->len, 1));

	for (guint i = 0; i < tasks->len; i++) {
		const AaTask *ti = aa_rtanalysis_task(tasks, i);
		gint64 n = aa_rtanalysis_jobs(ti, t);
		gint64 ci = aa_rtanalysis_carry_in(ti, t);
		gint64 w = n * (gint64)ti->wcet_us + ci;
		gint64 hat;
		gint64 bar;

		if (i != k) {
			hat = MIN(w - ci, t - ck);
			bar = MIN(w, t - ck);
		} else {
			hat = MIN(w - ck - ci, a);
			bar = MIN(w - ck, a);
		}
		sum += hat;
		diff[i] = bar - hat;
	}
	qsort(diff, tasks->len, sizeof(gint64), aa_rtanalysis_cmp_desc);
	for (guint i = 0; i + 1 < m && i < tasks->len; i++)
		sum += diff[i];
	return sum;
}

/* a test point and the demand (rbf or dbf) there */
typedef struct {
	guint64 t;
	AaU128 demand;
} AaRtPoint;

/*
 * what the tests of one task set need for any (P, Q), computed once: the
 * scheduling points with rbf (fixed priority), or the sorted deadlines with
 * dbf (EDF)
 */
typedef struct {
	GPtrArray *tasks;
	AaRtschedPolicy policy;
	GPtrArray *fp;       /* GArray of AaRtPoint per task */
	GArray *edf;         /* AaRtPoint by t, dbf cumulative */
	guint64 edf_limit;   /* every deadline <= edf_limit is in edf */
	gboolean edf_capped; /* edf could not grow further */
	long double u;
	long double c0; /* sum (T_i - D_i) C_i / T_i */
	gboolean implicit;
} AaRtDemand;

static void
aa_rtanalysis_demand_free(AaRtDemand *self)
{
	if (self == NULL)
		return;
	g_clear_pointer(&self->fp, g_ptr_array_unref);
	g_clear_pointer(&self->edf, g_array_unref);
	g_free(self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaRtDemand, aa_rtanalysis_demand_free)

static GArray *
aa_rtanalysis_fp_points_capped(GPtrArray *tasks, guint i, guint cap)
{
	const AaTask *ti = aa_rtanalysis_task(tasks, i);
	GArray *points = g_array_new(FALSE, FALSE, sizeof(guint64));
	guint out = 0;

	for (guint j = 0; j < i; j++) {
		const AaTask *tj = aa_rtanalysis_task(tasks, j);
		for (guint64 p = tj->period_us; p < ti->deadline_us && points->len < cap;
		     p += tj->period_us)
			g_array_append_val(points, p);
	}
	g_array_append_val(points, ti->deadline_us);
	g_array_sort(points, aa_rtanalysis_cmp_u64);
	for (guint n = 0; n < points->len; n++) {
		guint64 v = g_array_index(points, guint64, n);
		if (out == 0 || g_array_index(points, guint64, out - 1) != v)
			g_array_index(points, guint64, out++) = v;
	}
	g_array_set_size(points, out);
	return points;
}

/**
 * aa_rtanalysis_fp_points:
 * @tasks: (element-type AaTask): the task set, highest priority first
 * @i: the task under analysis
 *
 * The scheduling points of task @i: D_i and every multiple of a higher
 * priority period below D_i, sorted, without duplicates.  Beyond
 * %AA_RTANALYSIS_MAX_POINTS the rest are dropped, D_i kept (testing a subset
 * keeps the test sufficient).
 *
 * Returns: (transfer full) (element-type guint64): the points
 */
GArray *
aa_rtanalysis_fp_points(GPtrArray *tasks, guint i)
{
	g_return_val_if_fail(i < tasks->len, NULL);
	return aa_rtanalysis_fp_points_capped(tasks, i, AA_RTANALYSIS_MAX_POINTS);
}

static AaU128
aa_rtanalysis_rbf(GPtrArray *tasks, guint i, guint64 t)
{
	AaU128 r = aa_rtanalysis_task(tasks, i)->wcet_us;
	for (guint j = 0; j < i; j++) {
		const AaTask *tj = aa_rtanalysis_task(tasks, j);
		r += (AaU128)((t + tj->period_us - 1) / tj->period_us) * tj->wcet_us;
	}
	return r;
}

static long double
aa_rtanalysis_utilisation(GPtrArray *tasks, long double *slack_demand)
{
	long double u = 0.0L;
	long double c0 = 0.0L;
	for (guint i = 0; i < tasks->len; i++) {
		const AaTask *t = aa_rtanalysis_task(tasks, i);
		long double ui = (long double)t->wcet_us / (long double)t->period_us;
		u += ui;
		c0 += ui * (long double)(t->period_us - t->deadline_us);
	}
	if (slack_demand != NULL)
		*slack_demand = c0;
	return u;
}

static gboolean
aa_rtanalysis_implicit(GPtrArray *tasks)
{
	for (guint i = 0; i < tasks->len; i++) {
		const AaTask *t = aa_rtanalysis_task(tasks, i);
		if (t->deadline_us != t->period_us)
			return FALSE;
	}
	return TRUE;
}

/* the number of deadlines <= @limit, saturating just above the point budget */
static guint64
aa_rtanalysis_count_deadlines(GPtrArray *tasks, guint64 limit)
{
	guint64 count = 0;
	for (guint i = 0; i < tasks->len && count <= AA_RTANALYSIS_MAX_POINTS; i++) {
		const AaTask *ti = aa_rtanalysis_task(tasks, i);
		if (limit >= ti->deadline_us)
			count += (limit - ti->deadline_us) / ti->period_us + 1;
	}
	return MIN(count, AA_RTANALYSIS_MAX_POINTS + 1);
}

static gint
aa_rtanalysis_cmp_point(gconstpointer a, gconstpointer b)
{
	return aa_rtanalysis_cmp_u64(&((const AaRtPoint *)a)->t, &((const AaRtPoint *)b)->t);
}

/* makes every deadline <= @limit available; FALSE when that is over the point budget */
static gboolean
aa_rtanalysis_demand_cover(AaRtDemand *self, guint64 limit)
{
	AaU128 sum = 0;

	if (limit <= self->edf_limit)
		return TRUE;
	if (self->edf_capped)
		return FALSE;
	/* grow geometrically, so a bisection rebuilds a few times only */
	if (self->edf_limit > 0 && limit / 2 < self->edf_limit)
		limit = MAX(limit, self->edf_limit * 2);
	if (aa_rtanalysis_count_deadlines(self->tasks, limit) > AA_RTANALYSIS_MAX_POINTS) {
		/* the largest limit within budget, for later, smaller requests */
		guint64 lo = self->edf_limit;
		guint64 hi = limit;
		while (hi - lo > 1) {
			guint64 mid = lo + (hi - lo) / 2;
			if (aa_rtanalysis_count_deadlines(self->tasks, mid) >
			    AA_RTANALYSIS_MAX_POINTS)
				hi = mid;
			else
				lo = mid;
		}
		limit = lo;
		self->edf_capped = TRUE;
	}
	g_array_set_size(self->edf, 0);
	for (guint i = 0; i < self->tasks->len; i++) {
		const AaTask *ti = aa_rtanalysis_task(self->tasks, i);
		for (guint64 t = ti->deadline_us; t <= limit; t += ti->period_us) {
			AaRtPoint p = {t, ti->wcet_us};
			g_array_append_val(self->edf, p);
		}
	}
	g_array_sort(self->edf, aa_rtanalysis_cmp_point);
	for (guint n = 0; n < self->edf->len; n++) {
		AaRtPoint *p = &g_array_index(self->edf, AaRtPoint, n);
		sum += p->demand;
		p->demand = sum;
	}
	self->edf_limit = limit;
	return !self->edf_capped;
}

static AaRtDemand *
aa_rtanalysis_demand_new(GPtrArray *tasks, AaRtschedPolicy policy)
{
	g_autoptr(AaRtDemand) self = g_new0(AaRtDemand, 1);

	self->tasks = tasks;
	self->policy = policy;
	self->u = aa_rtanalysis_utilisation(tasks, &self->c0);
	self->implicit = aa_rtanalysis_implicit(tasks);
	if (policy == AA_RTSCHED_RM) {
		/* a share of the point budget per task, so a test costs at most the budget */
		guint cap = MAX(AA_RTANALYSIS_MIN_TASK_POINTS,
		                AA_RTANALYSIS_MAX_POINTS / MAX(tasks->len, 1));
		self->fp = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
		for (guint i = 0; i < tasks->len; i++) {
			g_autoptr(GArray) t = aa_rtanalysis_fp_points_capped(tasks, i, cap);
			GArray *pts = g_array_sized_new(FALSE, FALSE, sizeof(AaRtPoint), t->len);
			for (guint n = 0; n < t->len; n++) {
				AaRtPoint p;
				p.t = g_array_index(t, guint64, n);
				p.demand = aa_rtanalysis_rbf(tasks, i, p.t);
				g_array_append_val(pts, p);
			}
			g_ptr_array_add(self->fp, pts);
		}
	} else {
		self->edf = g_array_new(FALSE, FALSE, sizeof(AaRtPoint));
	}
	return g_steal_pointer(&self);
}

/* fixed priority on (P, Q); with @fluid also max_i min_t rbf_i(t) / t */
static gboolean
aa_rtanalysis_demand_fp(AaRtDemand *self, guint64 period_us, guint64 budget_us, long double *fluid)
{
	gboolean ok = TRUE;
	long double worst = 0.0L;

	for (guint i = 0; i < self->fp->len; i++) {
		GArray *pts = g_ptr_array_index(self->fp, i);
		gboolean task_ok = FALSE;
		long double best = INFINITY;

		for (guint n = 0; n < pts->len; n++) {
			const AaRtPoint *p = &g_array_index(pts, AaRtPoint, n);
			if (p->demand <= aa_rtanalysis_sbf(period_us, budget_us, p->t)) {
				task_ok = TRUE;
				if (fluid == NULL)
					break;
			}
			if (fluid != NULL)
				best = MIN(best, (long double)p->demand / (long double)p->t);
		}
		if (!task_ok) {
			ok = FALSE;
			if (fluid == NULL)
				return FALSE;
		}
		worst = MAX(worst, best);
	}
	if (fluid != NULL)
		*fluid = worst;
	return ok;
}

/* the hyperperiod plus the largest deadline, or 0 when it is beyond @max */
static guint64
aa_rtanalysis_hyperperiod_window(GPtrArray *tasks, guint64 max)
{
	guint64 h = 1;
	guint64 d = 0;

	for (guint i = 0; i < tasks->len; i++) {
		const AaTask *t = aa_rtanalysis_task(tasks, i);
		guint64 a = h;
		guint64 b = t->period_us;
		while (b != 0) {
			guint64 r = a % b;
			a = b;
			b = r;
		}
		if (h / a > max / t->period_us)
			return 0;
		h = h / a * t->period_us;
		d = MAX(d, t->deadline_us);
	}
	return h <= max - d ? h + d : 0;
}

/* EDF on (P, Q): dbf <= sbf at every deadline up to the linear-bound crossing */
static gboolean
aa_rtanalysis_demand_edf(AaRtDemand *self, guint64 period_us, guint64 budget_us)
{
	long double alpha;
	long double bound;
	guint64 limit = 0;

	if (self->tasks->len == 0)
		return TRUE;
	if (period_us == 0 || budget_us == 0)
		return FALSE;
	budget_us = MIN(budget_us, period_us);
	/* a full processor and implicit deadlines: U <= 1 is exact */
	if (budget_us == period_us && self->implicit)
		return aa_rtsched_schedulable(self->tasks, 1, AA_RTSCHED_EDF);
	alpha = (long double)budget_us / (long double)period_us;
	if (alpha - self->u <= 1e-12L) {
		/* a whole processor used exactly: the hyperperiod bounds the test */
		if (budget_us < period_us || alpha - self->u < -1e-12L)
			return FALSE;
		limit = aa_rtanalysis_hyperperiod_window(self->tasks, G_GUINT64_CONSTANT(1) << 53);
		if (limit == 0)
			return FALSE;
	} else {
		bound = (self->c0 + 2.0L * alpha * (long double)(period_us - budget_us)) /
		        (alpha - self->u);
		if (bound > 9.0e15L)
			return FALSE;
		limit = (guint64)ceill(bound) + 1;
	}
	for (guint i = 0; i < self->tasks->len; i++)
		limit = MAX(limit, aa_rtanalysis_task(self->tasks, i)->deadline_us);
	if (!aa_rtanalysis_demand_cover(self, limit))
		return FALSE;
	for (guint n = 0; n < self->edf->len; n++) {
		const AaRtPoint *p = &g_array_index(self->edf, AaRtPoint, n);
		if (p->t > limit)
			break;
		if (p->demand > aa_rtanalysis_sbf(period_us, budget_us, p->t))
			return FALSE;
	}
	return TRUE;
}

static gboolean
aa_rtanalysis_demand_test(AaRtDemand *self, guint64 period_us, guint64 budget_us)
{
	if (self->policy == AA_RTSCHED_RM)
		return aa_rtanalysis_demand_fp(self, period_us, budget_us, NULL);
	return aa_rtanalysis_demand_edf(self, period_us, budget_us);
}

/**
 * aa_rtanalysis_fp_test:
 * @tasks: (element-type AaTask): the tasks of one vCPU, highest priority first
 * @period_us: P
 * @budget_us: Q
 *
 * Returns: %TRUE if every task meets its deadline under fixed priority on the
 * periodic resource (P, Q)
 */
gboolean
aa_rtanalysis_fp_test(GPtrArray *tasks, guint64 period_us, guint64 budget_us)
{
	g_autoptr(AaRtDemand) d = aa_rtanalysis_demand_new(tasks, AA_RTSCHED_RM);
	return aa_rtanalysis_demand_fp(d, period_us, budget_us, NULL);
}

/**
 * aa_rtanalysis_edf_test:
 * @tasks: (element-type AaTask): the tasks of one vCPU
 * @period_us: P
 * @budget_us: Q
 *
 * Returns: %TRUE if every task meets its deadline under EDF on the periodic
 * resource (P, Q); %FALSE also when the test would need more than
 * %AA_RTANALYSIS_MAX_POINTS deadlines (not proven)
 */
gboolean
aa_rtanalysis_edf_test(GPtrArray *tasks, guint64 period_us, guint64 budget_us)
{
	g_autoptr(AaRtDemand) d = aa_rtanalysis_demand_new(tasks, AA_RTSCHED_EDF);
	return aa_rtanalysis_demand_edf(d, period_us, budget_us);
}

/* sup_t dbf(t) / t, the minimum EDF bandwidth on a fluid supply (an upper bound when capped) */
static long double
aa_rtanalysis_edf_fluid(AaRtDemand *self)
{
	long double best = self->u;
	guint64 limit = 0;
	guint64 window;

	if (self->c0 <= 0.0L)
		return self->u;
	/* dbf(t + H) = dbf(t) + U H: beyond H + max D, dbf(t) / t only mixes in U */
	window = aa_rtanalysis_hyperperiod_window(self->tasks, G_GUINT64_CONSTANT(1) << 53);
	if (window > 0 &&
	    aa_rtanalysis_count_deadlines(self->tasks, window) <= AA_RTANALYSIS_MAX_POINTS) {
		aa_rtanalysis_demand_cover(self, window);
		for (guint n = 0; n < self->edf->len; n++) {
			const AaRtPoint *p = &g_array_index(self->edf, AaRtPoint, n);
			if (p->t > window)
				break;
			best = MAX(best, (long double)p->demand / (long double)p->t);
		}
		return best;
	}
	/* one period beyond the largest deadline first */
	for (guint i = 0; i < self->tasks->len; i++) {
		const AaTask *t = aa_rtanalysis_task(self->tasks, i);
		limit = MAX(limit, t->deadline_us + t->period_us);
	}
	for (;;) {
		gboolean covered = aa_rtanalysis_demand_cover(self, limit);
		guint64 seen = MIN(limit, self->edf_limit);
		for (guint n = 0; n < self->edf->len; n++) {
			const AaRtPoint *p = &g_array_index(self->edf, AaRtPoint, n);
			if (p->t > seen)
				break;
			best = MAX(best, (long double)p->demand / (long double)p->t);
		}
		if (!covered)
			return MAX(best, self->u + self->c0 / (long double)MAX(seen, 1));
		/* dbf(t) / t <= U + c0 / t: nothing beyond c0 / (best - U) beats best */
		if (best - self->u > 1e-15L && self->c0 / (best - self->u) <= (long double)limit)
			return best;
		if (best - self->u > 1e-15L && self->c0 / (best - self->u) < 9.0e15L)
			limit = MAX(limit + 1, (guint64)ceill(self->c0 / (best - self->u)) + 1);
		else
			limit = limit * 2;
	}
}

/* min_t rbf_i(t) / t of task @i alone; @fits: it meets its deadline on a whole processor */
static long double
aa_rtanalysis_fp_task_fluid(GPtrArray *tasks, guint i, gboolean *fits)
{
	guint cap = MAX(AA_RTANALYSIS_MIN_TASK_POINTS, AA_RTANALYSIS_MAX_POINTS / tasks->len);
	g_autoptr(GArray) points = aa_rtanalysis_fp_points_capped(tasks, i, cap);
	long double best = INFINITY;

	*fits = FALSE;
	for (guint n = 0; n < points->len; n++) {
		guint64 t = g_array_index(points, guint64, n);
		AaU128 r = aa_rtanalysis_rbf(tasks, i, t);
		if (r <= t)
			*fits = TRUE;
		best = MIN(best, (long double)r / (long double)t);
	}
	return best;
}

/* minimum bandwidth on a fluid supply; @fits: schedulable on a whole processor */
static long double
aa_rtanalysis_fluid(GPtrArray *tasks, AaRtschedPolicy policy, gboolean *fits)
{
	g_autoptr(AaRtDemand) d = NULL;
	long double fluid = 0.0L;

	if (tasks->len == 0) {
		*fits = TRUE;
		return 0.0L;
	}
	d = aa_rtanalysis_demand_new(tasks, policy);
	if (policy == AA_RTSCHED_RM) {
		*fits = aa_rtanalysis_demand_fp(d, 1, 1, &fluid);
		return fluid;
	}
	*fits = aa_rtanalysis_demand_edf(d, 1, 1);
	return aa_rtanalysis_edf_fluid(d);
}

/**
 * aa_rtanalysis_interface:
 * @tasks: (element-type AaTask): the tasks of one vCPU, highest priority first
 * @policy: the guest scheduler on this vCPU
 * @budget_us: (out): Q, a multiple of %AA_RTANALYSIS_BUDGET_STEP_US
 * @period_us: (out): P, whole ms in [10, 100] ms
 *
 * The periodic-resource interface of the paper: the smallest bandwidth Q/P on
 * the grid that keeps @tasks schedulable, ties towards the larger P.  For a
 * fixed P the test is monotone in Q (sbf grows with Q), so Q is bisected.
 *
 * Returns: %FALSE when no (Q, P) on the grid schedules @tasks
 */
gboolean
aa_rtanalysis_interface(GPtrArray *tasks, AaRtschedPolicy policy, guint64 *budget_us,
                        guint64 *period_us)
{
	gboolean fits = FALSE;
	long double fluid;
	g_autoptr(AaRtDemand) d = NULL;
	guint64 best_q = 0;
	guint64 best_p = 0;

	*budget_us = 0;
	*period_us = 0;
	if (tasks->len == 0)
		return TRUE;
	fluid = aa_rtanalysis_fluid(tasks, policy, &fits);
	if (!fits)
		return FALSE;
	d = aa_rtanalysis_demand_new(tasks, policy);
	for (guint64 p = AA_RTANALYSIS_PERIOD_MIN_US; p <= AA_RTANALYSIS_PERIOD_MAX_US;
	     p += AA_RTANALYSIS_PERIOD_STEP_US) {
		guint64 hi = p / AA_RTANALYSIS_BUDGET_STEP_US;
		/* Q / P >= the fluid bandwidth, since sbf(t) <= Q t / P */
		long double lo_f = floorl(fluid * (long double)p / AA_RTANALYSIS_BUDGET_STEP_US);
		guint64 lo = lo_f > 1.0L ? MIN((guint64)lo_f - 1, hi - 1) : 0;

		/* this P cannot beat the best so far */
		if (best_p != 0 &&
		    (AaU128)(lo + 1) * AA_RTANALYSIS_BUDGET_STEP_US * best_p > (AaU128)best_q * p)
			continue;
		if (!aa_rtanalysis_demand_test(d, p, hi * AA_RTANALYSIS_BUDGET_STEP_US))
			continue;
		/* invariant: lo fails (or is 0), hi passes */
		while (hi - lo > 1) {
			guint64 mid = lo + (hi - lo) / 2;
			if (aa_rtanalysis_demand_test(d, p, mid * AA_RTANALYSIS_BUDGET_STEP_US))
				hi = mid;
			else
				lo = mid;
		}
		if (best_p == 0 ||
		    (AaU128)hi * AA_RTANALYSIS_BUDGET_STEP_US * best_p <= (AaU128)best_q * p) {
			best_q = hi * AA_RTANALYSIS_BUDGET_STEP_US;
			best_p = p;
		}
	}
	if (best_p == 0)
		return FALSE;
	*budget_us = best_q;
	*period_us = best_p;
	return TRUE;
}

static void
aa_rtanalysis_vcpu_free(AaRtVcpu *vcpu)
{
	if (vcpu == NULL)
		return;
	g_clear_pointer(&vcpu->tasks, g_ptr_array_unref);
	g_free(vcpu);
}

/**
 * aa_rtanalysis_partition:
 * @tasks: (element-type AaTask): the task set
 * @n_vcpus: vCPUs, at least 1
 * @policy: the guest scheduler on every vCPU
 *
 * Places the tasks with the "Ovh" rule (issue #13's reading of seed 002's
 * reference [31]): in rate-monotonic order, each task goes to the vCPU whose
 * minimum bandwidth on a fluid supply grows least, as long as the vCPU stays
 * schedulable on a whole processor (bandwidth <= 1); ties to the lower vCPU.
 * Then each vCPU gets its interface (aa_rtanalysis_interface()).
 *
 * Returns: (transfer full): the partition
 */
static AaRtPartition *aa_rtanalysis_partition_run(GPtrArray *tasks, guint n_vcpus,
                                                  AaRtschedPolicy policy, gboolean interfaces);

AaRtPartition *
aa_rtanalysis_partition(GPtrArray *tasks, guint n_vcpus, AaRtschedPolicy policy)
{
	return aa_rtanalysis_partition_run(tasks, n_vcpus, policy, TRUE);
}

/* @interfaces: FALSE to stop after the placement (a placed vCPU always has Q = P) */
static AaRtPartition *
aa_rtanalysis_partition_run(GPtrArray *tasks, guint n_vcpus, AaRtschedPolicy policy,
                            gboolean interfaces)
{
	g_autoptr(AaRtPartition) self = g_new0(AaRtPartition, 1);
	g_autofree guint *order = g_new0(guint, MAX(tasks->len, 1));
	g_autofree long double *fluid = g_new0(long double, MAX(n_vcpus, 1));

	self->policy = policy;
	self->n_vcpus = n_vcpus;
	self->vcpus = g_ptr_array_new_with_free_func((GDestroyNotify)aa_rtanalysis_vcpu_free);
	self->unplaced = g_ptr_array_new();
	for (guint c = 0; c < n_vcpus; c++) {
		AaRtVcpu *vcpu = g_new0(AaRtVcpu, 1);
		vcpu->tasks = g_ptr_array_new();
		g_ptr_array_add(self->vcpus, vcpu);
	}

	aa_rtsched_priority_order(tasks, order);
	for (guint s = 0; s < tasks->len; s++) {
		AaTask *task = g_ptr_array_index(tasks, order[s]);
		gint best = -1;
		long double best_growth = 0.0L;
		long double best_fluid = 0.0L;

		for (guint c = 0; c < n_vcpus; c++) {
			AaRtVcpu *vcpu = g_ptr_array_index(self->vcpus, c);
			gboolean fits = FALSE;
			long double now;

			/* appending keeps the vCPU's tasks in priority order; under fixed
			 * priority the new, lowest priority task leaves the others alone */
			g_ptr_array_add(vcpu->tasks, task);
			if (policy == AA_RTSCHED_RM) {
				now = aa_rtanalysis_fp_task_fluid(vcpu->tasks, vcpu->tasks->len - 1,
				                                  &fits);
				now = MAX(now, fluid[c]);
			} else {
				now = aa_rtanalysis_fluid(vcpu->tasks, policy, &fits);
			}
			g_ptr_array_set_size(vcpu->tasks, vcpu->tasks->len - 1);
			if (!fits)
				continue;
			/* equal growths (within rounding) go to the lower vCPU */
			if (best < 0 || now - fluid[c] < best_growth - 1e-12L) {
				best = (gint)c;
				best_growth = now - fluid[c];
				best_fluid = now;
			}
		}
		if (best < 0) {
			g_ptr_array_add(self->unplaced, task);
			continue;
		}
		g_ptr_array_add(((AaRtVcpu *)g_ptr_array_index(self->vcpus, best))->tasks, task);
		fluid[best] = best_fluid;
	}

	self->schedulable = self->unplaced->len == 0 && n_vcpus > 0;
	for (guint c = 0; c < n_vcpus; c++) {
		AaRtVcpu *vcpu = g_ptr_array_index(self->vcpus, c);
		vcpu->fluid = (gdouble)fluid[c];
		if (!interfaces)
			continue;
		if (!aa_rtanalysis_interface(vcpu->tasks, policy, &vcpu->budget_us,
		                             &vcpu->period_us))
			self->schedulable = FALSE;
	}
	return g_steal_pointer(&self);
}

/**
 * aa_rtanalysis_partition_bandwidth:
 * @self: a partition
 *
 * Returns: the sum of the vCPUs' Q/P, in cores
 */
gdouble
aa_rtanalysis_partition_bandwidth(const AaRtPartition *self)
{
	gdouble sum = 0.0;
	for (guint c = 0; c < self->vcpus->len; c++) {
		const AaRtVcpu *vcpu = g_ptr_array_index(self->vcpus, c);
		if (vcpu->period_us > 0)
			sum += (gdouble)vcpu->budget_us / (gdouble)vcpu->period_us;
	}
	return sum;
}

/**
 * aa_rtanalysis_min_vcpus:
 * @tasks: (element-type AaTask): the task set
 * @policy: the guest scheduler
 *
 * Returns: the smallest N (1 .. number of tasks) whose "Ovh" partition is
 * schedulable, 0 for an empty set, %G_MAXUINT when none is
 */
guint
aa_rtanalysis_min_vcpus(GPtrArray *tasks, AaRtschedPolicy policy)
{
	long double u = aa_rtanalysis_utilisation(tasks, NULL);
	guint start;

	if (tasks->len == 0)
		return 0;
	/* fewer vCPUs than the utilisation cannot work */
	start = (guint)MAX(1.0L, ceill(u - 1e-12L));
	for (guint n = start; n <= tasks->len; n++) {
		g_autoptr(AaRtPartition) p = aa_rtanalysis_partition_run(tasks, n, policy, FALSE);
		if (p->schedulable)
			return n;
	}
	return G_MAXUINT;
}

static void
aa_rtanalysis_add_point(GArray *points, gint64 p, gint64 lo, gint64 hi)
{
	/* a kink and the point before it (the end of the previous linear piece) */
	for (gint64 q = p - 1; q <= p; q++) {
		if (q >= lo && q <= hi)
			g_array_append_val(points, q);
	}
}

/**
 * aa_rtanalysis_gedf_test:
 * @tasks: (element-type AaTask): the task set
 * @m: concurrency m'
 * @period_us: Pi
 * @budget_us: Theta, total
 *
 * Theorem 1 of Shin, Easwaran & Lee (2008) for global EDF on <Pi, Theta, m'>.
 *
 * Returns: %TRUE if proven schedulable; %FALSE when not, when Theta/Pi does
 * not exceed the utilisation (the A bound needs it) or when the test would need
 * more than %AA_RTANALYSIS_MAX_POINTS points for one task or more than
 * %AA_RTANALYSIS_MAX_WORK demand terms in all (not proven)
 */
gboolean
aa_rtanalysis_gedf_test(GPtrArray *tasks, guint m, guint64 period_us, guint64 budget_us)
{
	long double c0 = 0.0L;
	long double u = aa_rtanalysis_utilisation(tasks, &c0);
	long double alpha;
	g_autofree gint64 *wcets = g_new0(gint64, MAX(tasks->len, 1));
	gint64 c_sigma = 0;
	long double work = 0.0L;

	if (tasks->len == 0)
		return TRUE;
	if (m == 0 || period_us == 0 || budget_us == 0 || budget_us > (guint64)m * period_us)
		return FALSE;
	alpha = (long double)budget_us / (long double)period_us;
	if (alpha - u <= 1e-12L)
		return FALSE;
	for (guint i = 0; i < tasks->len; i++)
		wcets[i] = (gint64)aa_rtanalysis_task(tasks, i)->wcet_us;
	qsort(wcets, tasks->len, sizeof(gint64), aa_rtanalysis_cmp_desc);
	for (guint i = 0; i + 1 < m && i < tasks->len; i++)
		c_sigma += wcets[i];

	/* the whole test's work, points times demand terms, before doing any */
	for (guint k = 0; k < tasks->len; k++) {
		const AaTask *tk = aa_rtanalysis_task(tasks, k);
		long double horizon =
		    (c0 + (long double)c_sigma + (long double)(m - 1) * (long double)tk->wcet_us +
		     2.0L * alpha * ((long double)period_us - (long double)budget_us / m)) /
		        (alpha - u) +
		    (long double)tk->deadline_us;
		for (guint i = 0; i < tasks->len; i++)
			work += 8.0L * (horizon / aa_rtanalysis_task(tasks, i)->period_us + 3) *
			        tasks->len;
		if (work > AA_RTANALYSIS_MAX_WORK)
			return FALSE;
	}

	for (guint k = 0; k < tasks->len; k++) {
		const AaTask *tk = aa_rtanalysis_task(tasks, k);
		long double bound;
		gint64 lo = (gint64)tk->deadline_us;
		gint64 hi;
		long double estimate = 0.0L;
		g_autoptr(GArray) points = NULL;
		gint64 share_ceil = (gint64)((budget_us + m - 1) / m);
		gint64 kink = ((gint64)m * (gint64)period_us - (gint64)budget_us) / (gint64)m;

		/* DEM(t) <= U t + c0 + C_sigma + (m'-1) C_k and
		 * sbf(t) >= Theta/Pi (t - 2 (Pi - Theta/m')) */
		bound =
		    (c0 + (long double)c_sigma + (long double)(m - 1) * (long double)tk->wcet_us +
		     2.0L * alpha * ((long double)period_us - (long double)budget_us / m)) /
		    (alpha - u);
		if (bound > 4.0e15L)
			return FALSE;
		hi = MAX((gint64)ceill(bound) + 1, lo);

		/* count the points before building them */
		for (guint i = 0; i < tasks->len; i++)
			estimate +=
			    8.0L * ((long double)hi / aa_rtanalysis_task(tasks, i)->period_us + 3);
		estimate += 6.0L * ((long double)hi / period_us + 3);
		if (estimate > AA_RTANALYSIS_MAX_POINTS)
			return FALSE;

		points = g_array_new(FALSE, FALSE, sizeof(gint64));
		aa_rtanalysis_add_point(points, lo, lo, hi);
		aa_rtanalysis_add_point(points, hi, lo, hi);
		for (guint i = 0; i < tasks->len; i++) {
			const AaTask *ti = aa_rtanalysis_task(tasks, i);
			gint64 ti_p = (gint64)ti->period_us;
			gint64 cross = i == k ? (gint64)tk->deadline_us : (gint64)tk->wcet_us;
			for (gint64 x = 0; x * ti_p <= hi + ti_p; x++) {
				/* job count, carry-in start and end */
				aa_rtanalysis_add_point(points, x * ti_p + (gint64)ti->deadline_us,
				                        lo, hi);
				aa_rtanalysis_add_point(points, x * ti_p, lo, hi);
				aa_rtanalysis_add_point(points, x * ti_p + (gint64)ti->wcet_us, lo,
				                        hi);
				/* where a flat interference term meets its cap */
				aa_rtanalysis_add_point(points, x * (gint64)ti->wcet_us + cross, lo,
				                        hi);
			}
		}
		/* the supply's kinks: start of each period and end of its flat part */
		for (gint64 j = 0; j * (gint64)period_us <= hi + (gint64)period_us; j++) {
			gint64 s = (gint64)period_us - share_ceil + j * (gint64)period_us;
			aa_rtanalysis_add_point(points, s, lo, hi);
			aa_rtanalysis_add_point(points, s + kink, lo, hi);
			aa_rtanalysis_add_point(points, s + kink + 1, lo, hi);
		}
		for (guint n = 0; n < points->len; n++) {
			gint64 t = g_array_index(points, gint64, n);
			gint64 dem = aa_rtanalysis_mpr_demand(tasks, k, m, (guint64)t);
			if (dem >
			    (gint64)aa_rtanalysis_mpr_sbf(period_us, budget_us, m, (guint64)t))
				return FALSE;
		}
	}
	return TRUE;
}

/**
 * aa_rtanalysis_global:
 * @tasks: (element-type AaTask): the task set
 * @m: concurrency m' (vCPUs)
 * @period_us: Pi
 * @result: (out caller-allocates): the interface
 *
 * The smallest total budget Theta (a multiple of %AA_RTANALYSIS_BUDGET_STEP_US,
 * at most m' Pi) for which aa_rtanalysis_gedf_test() passes.
 */
void
aa_rtanalysis_global(GPtrArray *tasks, guint m, guint64 period_us, AaRtGlobal *result)
{
	long double u = aa_rtanalysis_utilisation(tasks, NULL);
	guint64 step = AA_RTANALYSIS_BUDGET_STEP_US;
	guint64 lo;
	guint64 hi;

	result->n_vcpus = m;
	result->period_us = period_us;
	result->budget_us = 0;
	result->schedulable = tasks->len == 0;
	if (tasks->len == 0 || m == 0 || period_us == 0)
		return;
	/* supply grows with Theta at every t and the A bound only shrinks, so the
	 * test is monotone in Theta (the point and work budgets bind at the low end
	 * only): bisect between the utilisation and m' whole vCPUs */
	lo = (guint64)floorl(u * (long double)period_us / step);
	hi = (guint64)m * period_us / step;
	if (lo >= hi || !aa_rtanalysis_gedf_test(tasks, m, period_us, hi * step))
		return;
	while (hi - lo > 1) {
		guint64 mid = lo + (hi - lo) / 2;
		if (aa_rtanalysis_gedf_test(tasks, m, period_us, mid * step))
			hi = mid;
		else
			lo = mid;
	}
	result->budget_us = hi * step;
	result->schedulable = TRUE;
}

/**
 * aa_rtanalysis_global_best:
 * @tasks: (element-type AaTask): the task set
 * @max_m: the vCPUs available
 * @period_us: Pi
 * @result: (out caller-allocates): the interface
 *
 * CARTS's choice of concurrency: aa_rtanalysis_global() for every m' from
 * ceil(U) to @max_m, keeping the smallest bandwidth Theta/Pi (ties to the
 * smaller m').  The demand bound grows with m' (m' C_k and m' - 1 carry-ins),
 * so more vCPUs than needed only cost budget.
 */
void
aa_rtanalysis_global_best(GPtrArray *tasks, guint max_m, guint64 period_us, AaRtGlobal *result)
{
	long double u = aa_rtanalysis_utilisation(tasks, NULL);
	guint start = (guint)MAX(1.0L, ceill(u - 1e-12L));

	result->n_vcpus = max_m;
	result->period_us = period_us;
	result->budget_us = 0;
	result->schedulable = tasks->len == 0;
	for (guint m = start; m <= max_m; m++) {
		AaRtGlobal g = {0};
		aa_rtanalysis_global(tasks, m, period_us, &g);
		if (g.schedulable && (!result->schedulable || g.budget_us < result->budget_us))
			*result = g;
	}
}

/**
 * aa_rtanalysis_check:
 * @tasks: (element-type AaTask): the task set
 * @filename: (nullable): where the tasks come from
 * @line: its line, 0 when unknown
 * @error: return location
 *
 * Refuses task sets the analysis will not take: more than
 * %AA_RTANALYSIS_MAX_TASKS tasks, a period over an hour, a WCET over its
 * deadline.
 *
 * Returns: %TRUE if @tasks can be analysed
 */
gboolean
aa_rtanalysis_check(GPtrArray *tasks, const gchar *filename, glong line, GError **error)
{
	g_autofree gchar *where = line > 0 ? g_strdup_printf("%s:%ld", filename, line)
	                                   : g_strdup(filename != NULL ? filename : "tasks");

	if (tasks->len > AA_RTANALYSIS_MAX_TASKS) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_DATA,
		            "%s: %u tasks; the analysis takes at most %u: merge tasks of equal "
		            "period",
		            where, tasks->len, (guint)AA_RTANALYSIS_MAX_TASKS);
		return FALSE;
	}
	for (guint i = 0; i < tasks->len; i++) {
		const AaTask *t = aa_rtanalysis_task(tasks, i);
		if (t->period_us == 0 || t->period_us > AA_RTANALYSIS_MAX_PERIOD_US) {
			g_set_error(error, AA_ERROR, AA_ERROR_INVALID_DATA,
			            "%s: task '%s' has period-us %" G_GUINT64_FORMAT
			            "; the analysis takes 1 us to one hour (3600000000 us)",
			            where, t->name, t->period_us);
			return FALSE;
		}
		if (t->wcet_us == 0 || t->wcet_us > t->deadline_us ||
		    t->deadline_us > t->period_us) {
			g_set_error(error, AA_ERROR, AA_ERROR_INVALID_DATA,
			            "%s: task '%s' needs 0 < wcet-us <= deadline-us <= period-us",
			            where, t->name);
			return FALSE;
		}
	}
	return TRUE;
}

/**
 * aa_rtanalysis_partition_free:
 * @self: (nullable): a partition
 *
 * Frees @self (the tasks are borrowed).
 */
void
aa_rtanalysis_partition_free(AaRtPartition *self)
{
	if (self == NULL)
		return;
	g_clear_pointer(&self->vcpus, g_ptr_array_unref);
	g_clear_pointer(&self->unplaced, g_ptr_array_unref);
	g_free(self);
}
