/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Response families for one VM's QoS metric (docs/response-families.md).
 * Every family is a product over resources, Q = A * H(x) for a
 * higher-is-better metric and Q = A / H(x) for a lower-is-better one:
 *
 * - a resource the points vary gets the family's shape h(u), u = x / ref;
 * - a resource with profiled demand that the points leave constant keeps the
 *   paper's default factor relative to the measured amount, F_k(x) / F_k(x0);
 * - any other resource does not enter.
 *
 * The paper form is MODEL.md's own (scale Q_prof, every resource with demand).
 * Fits are least squares with the scale in closed form and the shape
 * parameters found by bounded grids and pattern search, so the work per fit is
 * fixed by the number of points; leave-one-out repeats the fit per point.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "aa-response.h"
#include "aa-util.h"

#define AA_RESPONSE_H_FLOOR      1e-12
#define AA_RESPONSE_ROUNDS       3
#define AA_RESPONSE_PWL_ROUNDS   20
#define AA_RESPONSE_PATTERN_STEP 1e-6
#define AA_RESPONSE_PAPER_GRID   10
#define AA_RESPONSE_MM_LOG_K     4.0
#define AA_RESPONSE_MM_HILL      4.0
#define AA_RESPONSE_BAD_MSE      1e300
#define AA_RESPONSE_MAX_LEVELS   16
/* below the others: less than their least amount by more than this share */
#define AA_RESPONSE_BELOW_TOL 1e-6

/* one fitted curve of one family */
typedef struct {
	AaResponseFamily family;
	gboolean ok;
	gdouble scale;                    /* A */
	gdouble p[AA_RESOURCE_COUNT][2];  /* shape parameters per resource */
	gdouble lo[AA_RESOURCE_COUNT];    /* the smallest amount fitted */
	gboolean log_space;               /* pwl: fitted on log(Q) */
	gdouble offset;                   /* pwl: the constant term */
	guint n_knots[AA_RESOURCE_COUNT]; /* pwl: knots per varied resource */
	gdouble kx[AA_RESOURCE_COUNT][AA_RESPONSE_MAX_POINTS];
	gdouble ky[AA_RESOURCE_COUNT][AA_RESPONSE_MAX_POINTS];
} AaResponseCurve;

/* the points and what does not change between the fits on them */
typedef struct {
	const AaResponseContext *ctx;
	const AaResponsePoint *pts;
	guint n;
	gint skip;                            /* the point left out, -1 for none */
	gboolean varied[AA_RESOURCE_COUNT];   /* the family's shape applies */
	gboolean anchored[AA_RESOURCE_COUNT]; /* demand, but constant in the data */
	gdouble anchor[AA_RESOURCE_COUNT];
	gdouble ref[AA_RESOURCE_COUNT];    /* u = x / ref */
	gdouble top[AA_RESOURCE_COUNT];    /* the largest amount measured */
	gdouble bottom[AA_RESOURCE_COUNT]; /* the smallest amount measured */
	GArray *levels[AA_RESOURCE_COUNT]; /* knee: distinct u values, sorted */
} AaResponseData;

/* what the uncertainty at an allocation needs of one point */
typedef struct {
	gdouble loo_sq;                   /* the chosen family's squared held-out error there */
	gdouble isolation;                /* the distance to the nearest other point */
	gdouble below[AA_RESOURCE_COUNT]; /* the others' least amount of a resource
	                                   * when the point has less than all of them,
	                                   * else NAN */
} AaResponseLocal;

struct _AaResponse {
	AaResponseContext ctx;
	GArray *points; /* AaResponsePoint */
	AaResponseData data;
	AaResponseCurve curves[AA_RESPONSE_COUNT];
	AaResponseFitInfo info[AA_RESPONSE_COUNT];
	AaResponseFamily chosen;
	gboolean by_data;
	gdouble sigma;
	gdouble floor; /* the smallest uncertainty claimed */
	GArray *local; /* AaResponseLocal per point, for aa_response_sigma_at() */
};

static const gchar *aa_response_family_names[AA_RESPONSE_COUNT] = {
    "paper", "amdahl", "michaelis-menten", "knee", "pwl"};

/**
 * aa_response_family_to_string:
 * @family: a family
 *
 * Returns: its name as written in recommendation.xml
 */
const gchar *
aa_response_family_to_string(AaResponseFamily family)
{
	if (family >= AA_RESPONSE_COUNT)
		return "none";
	return aa_response_family_names[family];
}

/* MODEL.md's F_k with a given alpha, floored above 0 */
static gdouble
aa_response_paper_factor(const AaResponseContext *ctx, guint k, gdouble alpha, gdouble x)
{
	gdouble r_prof = ctx->r_prof[k];
	gdouble r_min = ctx->r_min[k];
	gdouble c;
	gdouble f;

	if (r_prof <= 0.0)
		return 1.0;
	c = 1.0 - alpha * (r_prof - r_min);
	if (x < r_prof)
		f = MIN(1.0, alpha * (x - r_min));
	else if (c <= 0.0)
		f = 1.0;
	else
		f = 1.0 - c * exp((-alpha / c) * (x - r_prof));
	return MAX(f, AA_RESPONSE_H_FLOOR);
}

static gdouble
aa_response_shape(const AaResponseCurve *curve, guint k, gdouble u)
{
	const gdouble *p = curve->p[k];

	switch (curve->family) {
	case AA_RESPONSE_AMDAHL:
		if (u <= 0.0)
			return p[0] > 0.0 ? 0.0 : 1.0;
		return 1.0 / ((1.0 - p[0]) + p[0] / u);
	case AA_RESPONSE_MICHAELIS_MENTEN: {
		/* Hill's form; at n = 1 it is Amdahl's law again */
		gdouble kn = exp(p[0] * p[1]);
		gdouble un;
		if (u <= 0.0)
			return 0.0;
		un = pow(u, p[1]);
		return un * (1.0 + kn) / (kn + un);
	}
	case AA_RESPONSE_KNEE:
		if (u >= p[0])
			return 1.0;
		if (u <= 0.0)
			return 0.0;
		return p[1] * u / p[0];
	default:
		return 1.0;
	}
}

/* pwl: one resource's term at x; flat above the last knot, the first
 * non-flat secant continued below the first one */
static gdouble
aa_response_pwl_term(const AaResponseCurve *curve, guint k, gdouble x)
{
	guint n = curve->n_knots[k];
	const gdouble *kx = curve->kx[k];
	const gdouble *ky = curve->ky[k];

	if (n == 0)
		return 0.0;
	if (x >= kx[n - 1])
		return ky[n - 1];
	if (x <= kx[0]) {
		for (guint j = 1; j < n; j++) {
			if (ky[j] != ky[0])
				return ky[0] + (ky[j] - ky[0]) / (kx[j] - kx[0]) * (x - kx[0]);
		}
		return ky[0];
	}
	for (guint j = 1; j < n; j++) {
		if (x <= kx[j])
			return ky[j - 1] +
			       (ky[j] - ky[j - 1]) * (x - kx[j - 1]) / (kx[j] - kx[j - 1]);
	}
	return ky[n - 1];
}

/* the anchored resources' factor: the paper's default curve, 1 at the anchor */
static gdouble
aa_response_anchor_ratio(const AaResponseData *d, const gdouble *x)
{
	gdouble r = 1.0;

	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		if (!d->anchored[k])
			continue;
		r *= aa_response_paper_factor(d->ctx, k, d->ctx->alpha[k], x[k]) /
		     aa_response_paper_factor(d->ctx, k, d->ctx->alpha[k], d->anchor[k]);
	}
	return r;
}

/* the resources a family gives its own shape: Amdahl and Michaelis-Menten
 * are CPU scaling laws, the knee is memory's working set and the GPU's
 * saturation; the interpolation covers every resource */
static gboolean
aa_response_shaped(AaResponseFamily family, guint k)
{
	switch (family) {
	case AA_RESPONSE_AMDAHL:
	case AA_RESPONSE_MICHAELIS_MENTEN:
		return k == AA_RESOURCE_CPU;
	case AA_RESPONSE_KNEE:
		return k == AA_RESOURCE_MEMORY || k == AA_RESOURCE_GPU;
	case AA_RESPONSE_PWL:
		return TRUE;
	default:
		return FALSE;
	}
}

/* below the smallest amount a family was fitted on there is no evidence:
 * the amount is clamped to it and the paper's default curve, relative to
 * that amount, says how much is lost (proportionally without profiled
 * demand); returns that factor and fills @xc */
static gdouble
aa_response_below_range(const AaResponseData *d, const AaResponseCurve *curve, const gdouble *x,
                        gdouble *xc)
{
	gdouble r = 1.0;

	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		xc[k] = x[k];
		if (!d->varied[k] || !aa_response_shaped(curve->family, k) ||
		    !(x[k] < curve->lo[k]))
			continue;
		xc[k] = curve->lo[k];
		if (d->ctx->r_prof[k] > 0.0)
			r *= aa_response_paper_factor(d->ctx, k, d->ctx->alpha[k], x[k]) /
			     aa_response_paper_factor(d->ctx, k, d->ctx->alpha[k], curve->lo[k]);
		else
			r *= curve->lo[k] > 0.0 ? MAX(x[k], 0.0) / curve->lo[k] : 1.0;
	}
	return r;
}

/* a resource the points vary but the family does not shape: once fitted
 * (aa_response_fit_unshaped()), the monotone interpolation of what the shape
 * leaves unexplained, 1 at the largest amount measured, flat above it and the
 * paper's default curve below the smallest; before, or when it cannot be
 * fitted, the paper's default curve, 1 at the largest amount measured */
static gdouble
aa_response_unshaped_factor(const AaResponseData *d, const AaResponseCurve *curve, guint k,
                            gdouble x)
{
	gdouble lo = curve->lo[k];

	if (curve->n_knots[k] == 0) {
		if (d->ctx->r_prof[k] <= 0.0)
			return 1.0;
		return aa_response_paper_factor(d->ctx, k, d->ctx->alpha[k], x) /
		       aa_response_paper_factor(d->ctx, k, d->ctx->alpha[k], d->top[k]);
	}
	if (x >= lo)
		return exp(aa_response_pwl_term(curve, k, x));
	if (d->ctx->r_prof[k] > 0.0)
		return exp(curve->ky[k][0]) *
		       aa_response_paper_factor(d->ctx, k, d->ctx->alpha[k], x) /
		       aa_response_paper_factor(d->ctx, k, d->ctx->alpha[k], lo);
	return exp(curve->ky[k][0]) * (lo > 0.0 ? MAX(x, 0.0) / lo : 1.0);
}

/* H(x) of a parametric family, the anchored ratio included */
static gdouble
aa_response_curve_h(const AaResponseData *d, const AaResponseCurve *curve, const gdouble *x)
{
	gdouble h = 1.0;
	gdouble xc[AA_RESOURCE_COUNT];

	if (curve->family == AA_RESPONSE_PAPER) {
		for (guint k = 0; k < AA_RESOURCE_COUNT; k++)
			h *= aa_response_paper_factor(d->ctx, k, curve->p[k][0], x[k]);
		return h;
	}
	h = aa_response_below_range(d, curve, x, xc);
	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		if (!d->varied[k])
			continue;
		if (aa_response_shaped(curve->family, k))
			h *= aa_response_shape(curve, k, xc[k] / d->ref[k]);
		else
			h *= aa_response_unshaped_factor(d, curve, k, x[k]);
	}
	return h * aa_response_anchor_ratio(d, x);
}

static gdouble
aa_response_curve_predict(const AaResponseData *d, const AaResponseCurve *curve, const gdouble *x)
{
	gdouble h;

	if (!curve->ok)
		return NAN;
	if (curve->family == AA_RESPONSE_PWL) {
		gdouble xc[AA_RESOURCE_COUNT];
		gdouble v = curve->offset;
		gdouble ratio =
		    aa_response_anchor_ratio(d, x) * aa_response_below_range(d, curve, x, xc);
		for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
			if (d->varied[k])
				v += aa_response_pwl_term(curve, k, xc[k]);
		}
		v = curve->log_space ? exp(MIN(v, 700.0)) : MAX(v, 0.0);
		return d->ctx->higher_is_better ? v * ratio : v / MAX(ratio, AA_RESPONSE_H_FLOOR);
	}
	h = aa_response_curve_h(d, curve, x);
	if (d->ctx->higher_is_better)
		return curve->scale * h;
	return curve->scale / MAX(h, AA_RESPONSE_H_FLOOR);
}

/* the least-squares scale for the curve's shape, then the sum of squares */
static gdouble
aa_response_sse(const AaResponseData *d, AaResponseCurve *curve)
{
	gdouble num = 0.0;
	gdouble den = 0.0;
	gdouble sse = 0.0;

	if (curve->family != AA_RESPONSE_PAPER) {
		for (guint i = 0; i < d->n; i++) {
			gdouble h;
			if ((gint)i == d->skip)
				continue;
			h = aa_response_curve_h(d, curve, d->pts[i].x);
			if (!d->ctx->higher_is_better)
				h = 1.0 / MAX(h, AA_RESPONSE_H_FLOOR);
			num += d->pts[i].value * h;
			den += h * h;
		}
		curve->scale = den > 0.0 && isfinite(num / den) ? MAX(0.0, num / den) : 0.0;
	} else {
		curve->scale = d->ctx->q_prof;
	}
	for (guint i = 0; i < d->n; i++) {
		gdouble res;
		if ((gint)i == d->skip)
			continue;
		res = d->pts[i].value - aa_response_curve_predict(d, curve, d->pts[i].x);
		sse += res * res;
	}
	return isfinite(sse) ? sse : AA_RESPONSE_BAD_MSE;
}

/* a bounded pattern search on one continuous parameter within [lo, hi] */
static gdouble
aa_response_refine_param(const AaResponseData *d, AaResponseCurve *curve, gdouble *param,
                         gdouble lo, gdouble hi, gdouble step, gdouble best)
{
	while (step > AA_RESPONSE_PATTERN_STEP) {
		gboolean improved = FALSE;
		for (gint sign = 1; sign >= -1; sign -= 2) {
			gdouble keep = *param;
			gdouble sse;
			*param = CLAMP(keep + sign * step, lo, hi);
			if (*param == keep)
				continue;
			sse = aa_response_sse(d, curve);
			if (sse < best) {
				best = sse;
				improved = TRUE;
				break;
			}
			*param = keep;
		}
		if (!improved)
			step *= 0.5;
	}
	return best;
}

/* a grid search on resource @k: p[k][0] over @p0, and p[k][1] over @p1 (none:
 * p[k][1] kept), in that order; leaves the best point in @curve and returns
 * its sum of squared errors, @best when no point beats it */
static gdouble
aa_response_grid(const AaResponseData *d, AaResponseCurve *curve, guint k, const gdouble *p0,
                 guint n0, const gdouble *p1, guint n1, gdouble best)
{
	gdouble bp0 = curve->p[k][0];
	gdouble bp1 = curve->p[k][1];

	for (guint i = 0; i < n0; i++) {
		for (guint j = 0; j < MAX(n1, 1u); j++) {
			gdouble sse;
			curve->p[k][0] = p0[i];
			if (n1 > 0)
				curve->p[k][1] = p1[j];
			sse = aa_response_sse(d, curve);
			if (sse < best) {
				best = sse;
				bp0 = curve->p[k][0];
				bp1 = curve->p[k][1];
			}
		}
	}
	curve->p[k][0] = bp0;
	curve->p[k][1] = bp1;
	return best;
}

static gboolean aa_response_fit_unshaped(const AaResponseData *d, AaResponseCurve *curve);

/* one pass of coordinate descent over the resources the family shapes, a grid
 * per resource then a pattern search on its continuous parameter */
static void
aa_response_fit_shape_round(const AaResponseData *d, AaResponseCurve *curve, guint n_varied,
                            gdouble *best_sse)
{
	gdouble best = *best_sse;
	gdouble knee_p1[11];
	gdouble amdahl_p0[17];
	gdouble mm_p0[17];
	gdouble mm_p1[7];

	/* the grids, computed as the loops they replace did */
	for (guint b = 0; b < G_N_ELEMENTS(knee_p1); b++)
		knee_p1[b] = 0.1 * b;
	for (guint g = 0; g < G_N_ELEMENTS(amdahl_p0); g++) {
		amdahl_p0[g] = g / 16.0;
		mm_p0[g] = -AA_RESPONSE_MM_LOG_K + g * 0.5;
	}
	for (guint h = 0; h < G_N_ELEMENTS(mm_p1); h++)
		mm_p1[h] = 1.0 + 0.5 * h;
	/* one resource needs one round; several go round until each has seen the others */
	for (guint round = 0; round < (n_varied > 1 ? AA_RESPONSE_ROUNDS : 1); round++) {
		for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
			if (!d->varied[k] || !aa_response_shaped(curve->family, k))
				continue;
			if (curve->family == AA_RESPONSE_KNEE) {
				GArray *levels = d->levels[k];
				best = aa_response_grid(d, curve, k, (const gdouble *)levels->data,
				                        levels->len, knee_p1, G_N_ELEMENTS(knee_p1),
				                        best);
				best = aa_response_refine_param(d, curve, &curve->p[k][1], 0.0, 1.0,
				                                0.05, best);
				continue;
			}
			if (curve->family == AA_RESPONSE_AMDAHL) {
				best = aa_response_grid(d, curve, k, amdahl_p0,
				                        G_N_ELEMENTS(amdahl_p0), NULL, 0, best);
				best = aa_response_refine_param(d, curve, &curve->p[k][0], 0.0, 1.0,
				                                1.0 / 32.0, best);
				continue;
			}
			best = aa_response_grid(d, curve, k, mm_p0, G_N_ELEMENTS(mm_p0), mm_p1,
			                        G_N_ELEMENTS(mm_p1), best);
			best = aa_response_refine_param(d, curve, &curve->p[k][0],
			                                -AA_RESPONSE_MM_LOG_K, AA_RESPONSE_MM_LOG_K,
			                                0.25, best);
			best = aa_response_refine_param(d, curve, &curve->p[k][1], 1.0,
			                                AA_RESPONSE_MM_HILL, 0.25, best);
		}
	}
	*best_sse = best;
}

/* amdahl, michaelis-menten and knee: coordinate descent over the varied
 * resources the family shapes; the resources it does not shape but the
 * points vary take the paper's curve, then their monotone interpolation
 * (aa_response_fit_unshaped()) in turn with the shape, kept when it fits
 * better */
static void
aa_response_fit_shape(const AaResponseData *d, AaResponseCurve *curve)
{
	guint n_varied = 0;
	gboolean unshaped = FALSE;
	gdouble best;
	gdouble first_sse = INFINITY;
	AaResponseCurve first;

	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		curve->p[k][0] = curve->family == AA_RESPONSE_AMDAHL ? 0.5 : 0.0;
		curve->p[k][1] = 1.0;
		if (curve->family == AA_RESPONSE_KNEE && d->varied[k])
			curve->p[k][0] = g_array_index(d->levels[k], gdouble, 0);
	}
	curve->ok = TRUE;
	best = aa_response_sse(d, curve);
	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		n_varied += d->varied[k] && aa_response_shaped(curve->family, k) ? 1 : 0;
		unshaped = unshaped || (d->varied[k] && !aa_response_shaped(curve->family, k));
	}
	/* the shape first with the paper's curve on the other varied resources, then
	 * in turn their interpolation and the shape again */
	for (guint outer = 0; outer < (unshaped ? AA_RESPONSE_ROUNDS : 1); outer++) {
		if (outer == 1) {
			first = *curve;
			first_sse = best;
		}
		if (outer > 0) {
			if (!aa_response_fit_unshaped(d, curve))
				break;
			best = aa_response_sse(d, curve);
		}
		aa_response_fit_shape_round(d, curve, n_varied, &best);
	}
	/* the interpolation only where it fits the points better */
	if (best > first_sse)
		*curve = first;
	aa_response_sse(d, curve);
}

/* the paper form: alpha_k = t_k / (r_prof,k - r_min,k), t_k in (0, 1), the
 * grid {0.05, ..., 0.95} over every resource with demand, then coordinate
 * pattern search (MODEL.md's calibration fit, per metric) */
static void
aa_response_fit_paper(const AaResponseData *d, AaResponseCurve *curve)
{
	const AaResponseContext *ctx = d->ctx;
	guint fit[AA_RESOURCE_COUNT];
	gdouble t[AA_RESOURCE_COUNT] = {0};
	gdouble best_t[AA_RESOURCE_COUNT] = {0};
	guint n_fit = 0;
	guint grid = 1;
	gdouble best = INFINITY;

	curve->ok = TRUE;
	curve->scale = ctx->q_prof;
	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		curve->p[k][0] = ctx->alpha[k];
		if (ctx->r_prof[k] > 0.0 && ctx->r_prof[k] > ctx->r_min[k])
			fit[n_fit++] = k;
	}
	/* nothing measured: the model's alphas stand */
	if (n_fit == 0 || d->n == 0 || (d->n == 1 && d->skip == 0))
		return;
	for (guint j = 0; j < n_fit; j++)
		grid *= AA_RESPONSE_PAPER_GRID;
	for (guint g = 0; g < grid; g++) {
		guint rest = g;
		gdouble sse;
		for (guint j = n_fit; j > 0; j--) {
			guint k = fit[j - 1];
			t[j - 1] = 0.05 + 0.1 * (gdouble)(rest % AA_RESPONSE_PAPER_GRID);
			rest /= AA_RESPONSE_PAPER_GRID;
			curve->p[k][0] = t[j - 1] / (ctx->r_prof[k] - ctx->r_min[k]);
		}
		sse = aa_response_sse(d, curve);
		if (sse < best) {
			best = sse;
			memcpy(best_t, t, sizeof(t));
		}
	}
	for (guint j = 0; j < n_fit; j++) {
		guint k = fit[j];
		curve->p[k][0] = best_t[j] / (ctx->r_prof[k] - ctx->r_min[k]);
	}
	for (guint round = 0; round < AA_RESPONSE_ROUNDS; round++) {
		for (guint j = 0; j < n_fit; j++) {
			guint k = fit[j];
			gdouble span = ctx->r_prof[k] - ctx->r_min[k];
			best = aa_response_refine_param(d, curve, &curve->p[k][0], 1e-9 / span,
			                                (1.0 - 1e-9) / span, 0.05 / span, best);
		}
	}
}

/* pool-adjacent-violators: @y (weights @w) made non-decreasing in place */
static void
aa_response_isotonic(gdouble *y, const gdouble *w, guint n)
{
	g_autofree gdouble *val = g_new(gdouble, n);
	g_autofree gdouble *wt = g_new(gdouble, n);
	g_autofree guint *len = g_new(guint, n);
	guint blocks = 0;
	guint pos = 0;

	for (guint i = 0; i < n; i++) {
		val[blocks] = y[i];
		wt[blocks] = w[i];
		len[blocks] = 1;
		blocks++;
		while (blocks > 1 && val[blocks - 2] > val[blocks - 1]) {
			gdouble tw = wt[blocks - 2] + wt[blocks - 1];
			val[blocks - 2] =
			    (val[blocks - 2] * wt[blocks - 2] + val[blocks - 1] * wt[blocks - 1]) /
			    tw;
			wt[blocks - 2] = tw;
			len[blocks - 2] += len[blocks - 1];
			blocks--;
		}
	}
	for (guint b = 0; b < blocks; b++) {
		for (guint j = 0; j < len[b]; j++)
			y[pos++] = val[b];
	}
}

/* the knots of resource @k: the distinct amounts the points (but the one left
 * out) give it, sorted, each with the value 0 */
static void
aa_response_knots(const AaResponseData *d, AaResponseCurve *curve, guint k)
{
	curve->n_knots[k] = 0;
	for (guint i = 0; i < d->n; i++) {
		gdouble x = d->pts[i].x[k];
		guint j = 0;
		if ((gint)i == d->skip)
			continue;
		while (j < curve->n_knots[k] && curve->kx[k][j] < x)
			j++;
		if (j < curve->n_knots[k] && curve->kx[k][j] == x)
			continue;
		memmove(&curve->kx[k][j + 1], &curve->kx[k][j],
		        (curve->n_knots[k] - j) * sizeof(gdouble));
		curve->kx[k][j] = x;
		curve->ky[k][j] = 0.0;
		curve->n_knots[k]++;
	}
}

/* the terms of the resources a shape family does not shape but the points
 * vary: one monotone interpolation each, backfitted on the log scale to what
 * the rest of the curve leaves unexplained (non-decreasing in performance: Q
 * for a higher-is-better metric, 1 / Q for a lower-is-better one), 0 (a
 * factor of 1) at the largest amount measured; FALSE, the curve unchanged,
 * when there is no such resource or a value or the scale is not positive */
static gboolean
aa_response_fit_unshaped(const AaResponseData *d, AaResponseCurve *curve)
{
	gdouble sign = d->ctx->higher_is_better ? 1.0 : -1.0;
	gdouble sum[AA_RESPONSE_MAX_POINTS];
	gdouble cnt[AA_RESPONSE_MAX_POINTS];
	gboolean any = FALSE;

	aa_response_sse(d, curve);
	if (!(curve->scale > 0.0))
		return FALSE;
	for (guint i = 0; i < d->n; i++) {
		if ((gint)i != d->skip && !(d->pts[i].value > 0.0))
			return FALSE;
	}
	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		guint nk;
		if (!d->varied[k] || aa_response_shaped(curve->family, k))
			continue;
		if (curve->n_knots[k] == 0)
			aa_response_knots(d, curve, k);
		nk = curve->n_knots[k];
		for (guint j = 0; j < nk; j++)
			sum[j] = cnt[j] = 0.0;
		for (guint i = 0; i < d->n; i++) {
			const AaResponsePoint *p = &d->pts[i];
			guint j = 0;
			if ((gint)i == d->skip)
				continue;
			while (curve->kx[k][j] != p->x[k])
				j++;
			/* this term's share of log H: what the rest leaves, plus its value */
			sum[j] +=
			    sign * (log(p->value) - log(curve->scale)) -
			    log(MAX(aa_response_curve_h(d, curve, p->x), AA_RESPONSE_H_FLOOR)) +
			    curve->ky[k][j];
			cnt[j] += 1.0;
		}
		for (guint j = 0; j < nk; j++)
			sum[j] = cnt[j] > 0.0 ? sum[j] / cnt[j] : 0.0;
		aa_response_isotonic(sum, cnt, nk);
		for (guint j = 0; j < nk; j++)
			curve->ky[k][j] = sum[j] - sum[nk - 1];
		any = TRUE;
	}
	return any;
}

/* monotone piecewise-linear: backfitting of one isotonic term per varied
 * resource, on log(Q) when several resources vary and every value is
 * positive, else on Q */
static void
aa_response_fit_pwl(const AaResponseData *d, AaResponseCurve *curve)
{
	gdouble sign = d->ctx->higher_is_better ? 1.0 : -1.0;
	g_autofree gdouble *y = g_new0(gdouble, d->n);
	g_autofree gdouble *sum = g_new0(gdouble, AA_RESPONSE_MAX_POINTS);
	g_autofree gdouble *cnt = g_new0(gdouble, AA_RESPONSE_MAX_POINTS);
	guint used = 0;
	guint n_varied = 0;
	gdouble mean = 0.0;

	/* one varied resource: linear in Q; several: a product, so additive in log(Q) */
	for (guint k = 0; k < AA_RESOURCE_COUNT; k++)
		n_varied += d->varied[k] ? 1 : 0;
	curve->log_space = n_varied > 1;
	for (guint i = 0; i < d->n; i++) {
		if ((gint)i != d->skip && !(d->pts[i].value > 0.0))
			curve->log_space = FALSE;
	}
	for (guint i = 0; i < d->n; i++) {
		if ((gint)i == d->skip)
			continue;
		y[i] = curve->log_space ? log(d->pts[i].value) : d->pts[i].value;
		mean += y[i];
		used++;
	}
	if (used == 0)
		return;
	curve->offset = mean / used;
	curve->ok = TRUE;

	/* the knots: the distinct amounts of each varied resource */
	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		if (d->varied[k])
			aa_response_knots(d, curve, k);
		else
			curve->n_knots[k] = 0;
	}

	for (guint round = 0; round < AA_RESPONSE_PWL_ROUNDS; round++) {
		for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
			guint nk = curve->n_knots[k];
			gdouble shift = 0.0;
			if (nk == 0)
				continue;
			memset(sum, 0, nk * sizeof(gdouble));
			memset(cnt, 0, nk * sizeof(gdouble));
			for (guint i = 0; i < d->n; i++) {
				gdouble r;
				guint j = 0;
				if ((gint)i == d->skip)
					continue;
				r = y[i] - curve->offset;
				for (guint o = 0; o < AA_RESOURCE_COUNT; o++) {
					if (o != k && curve->n_knots[o] > 0)
						r -= aa_response_pwl_term(curve, o, d->pts[i].x[o]);
				}
				while (curve->kx[k][j] != d->pts[i].x[k])
					j++;
				sum[j] += sign * r;
				cnt[j] += 1.0;
			}
			for (guint j = 0; j < nk; j++)
				sum[j] = cnt[j] > 0.0 ? sum[j] / cnt[j] : 0.0;
			aa_response_isotonic(sum, cnt, nk);
			for (guint j = 0; j < nk; j++) {
				curve->ky[k][j] = sign * sum[j];
				shift += curve->ky[k][j] * cnt[j];
			}
			/* the term averages 0 over the points; the offset takes the rest */
			shift /= used;
			for (guint j = 0; j < nk; j++)
				curve->ky[k][j] -= shift;
			curve->offset += shift;
		}
	}
}

static void
aa_response_fit(const AaResponseData *d, AaResponseCurve *curve, AaResponseFamily family)
{
	memset(curve, 0, sizeof(*curve));
	curve->family = family;
	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		curve->lo[k] = INFINITY;
		for (guint i = 0; i < d->n; i++) {
			if ((gint)i != d->skip)
				curve->lo[k] = MIN(curve->lo[k], d->pts[i].x[k]);
		}
	}
	switch (family) {
	case AA_RESPONSE_PAPER:
		aa_response_fit_paper(d, curve);
		break;
	case AA_RESPONSE_PWL:
		aa_response_fit_pwl(d, curve);
		break;
	default:
		aa_response_fit_shape(d, curve);
		break;
	}
}

static guint
aa_response_n_params(const AaResponse *self, AaResponseFamily family)
{
	guint n = 0;

	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		switch (family) {
		case AA_RESPONSE_PAPER:
			n += self->ctx.r_prof[k] > 0.0 ? 1 : 0;
			break;
		case AA_RESPONSE_KNEE:
		case AA_RESPONSE_MICHAELIS_MENTEN:
			n += self->data.varied[k] && aa_response_shaped(family, k) ? 2 : 0;
			break;
		case AA_RESPONSE_PWL:
			n += self->data.varied[k] ? self->data.levels[k]->len : 0;
			break;
		default:
			n += self->data.varied[k] && aa_response_shaped(family, k) ? 1 : 0;
			break;
		}
	}
	return family == AA_RESPONSE_PAPER ? n : n + 1;
}

/* which resources the points vary, and the knee's candidate levels */
static void
aa_response_data_init(AaResponse *self)
{
	AaResponseData *d = &self->data;

	d->ctx = &self->ctx;
	d->pts = (const AaResponsePoint *)self->points->data;
	d->n = self->points->len;
	d->skip = -1;
	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		gdouble lo = INFINITY;
		gdouble hi = -INFINITY;
		d->levels[k] = g_array_new(FALSE, FALSE, sizeof(gdouble));
		for (guint i = 0; i < d->n; i++) {
			lo = MIN(lo, d->pts[i].x[k]);
			hi = MAX(hi, d->pts[i].x[k]);
		}
		d->varied[k] = d->n > 0 && hi > lo;
		d->anchored[k] = d->n > 0 && !d->varied[k] && self->ctx.r_prof[k] > 0.0;
		d->anchor[k] = d->n > 0 ? lo : 0.0;
		d->top[k] = d->n > 0 ? hi : 0.0;
		d->bottom[k] = d->n > 0 ? lo : 0.0;
		d->ref[k] = self->ctx.r_prof[k] > 0.0 ? self->ctx.r_prof[k] : MAX(hi, 1.0);
		if (!d->varied[k])
			continue;
		for (guint i = 0; i < d->n; i++) {
			gdouble u = d->pts[i].x[k] / d->ref[k];
			g_array_append_val(d->levels[k], u);
		}
		g_array_sort(d->levels[k], aa_double_cmp);
		for (guint i = 1; i < d->levels[k]->len;) {
			if (g_array_index(d->levels[k], gdouble, i) ==
			    g_array_index(d->levels[k], gdouble, i - 1))
				g_array_remove_index(d->levels[k], i);
			else
				i++;
		}
		/* bounded work: at most AA_RESPONSE_MAX_LEVELS knee positions, evenly
		 * spread over the distinct amounts, the lowest and highest kept */
		if (d->levels[k]->len > AA_RESPONSE_MAX_LEVELS) {
			GArray *all = d->levels[k];
			GArray *some = g_array_new(FALSE, FALSE, sizeof(gdouble));
			for (guint l = 0; l < AA_RESPONSE_MAX_LEVELS; l++) {
				guint idx = l * (all->len - 1) / (AA_RESPONSE_MAX_LEVELS - 1);
				g_array_append_val(some, g_array_index(all, gdouble, idx));
			}
			g_array_unref(all);
			d->levels[k] = some;
		}
	}
}

/* the scale the default and the smallest uncertainty are relative to */
static gdouble
aa_response_magnitude(const AaResponse *self)
{
	gdouble sum = 0.0;

	if (isfinite(self->ctx.q_prof) && self->ctx.q_prof > 0.0)
		return self->ctx.q_prof;
	for (guint i = 0; i < self->points->len; i++)
		sum += fabs(g_array_index(self->points, AaResponsePoint, i).value);
	if (self->points->len > 0 && sum > 0.0)
		return sum / self->points->len;
	return 1.0;
}

/* how far apart two allocations are: the largest difference of an amount,
 * relative to the resource's reference amount */
static gdouble
aa_response_distance(const AaResponseData *d, const gdouble *x, const gdouble *y)
{
	gdouble dist = 0.0;

	for (guint k = 0; k < AA_RESOURCE_COUNT; k++)
		dist = MAX(dist, fabs(x[k] - y[k]) / d->ref[k]);
	return dist;
}

/* the chosen family's held-out error at each point, and how isolated each
 * point is, for aa_response_sigma_at() */
static void
aa_response_local_init(AaResponse *self)
{
	AaResponseData loo = self->data;

	self->local = g_array_new(FALSE, FALSE, sizeof(AaResponseLocal));
	for (guint i = 0; i < self->points->len; i++) {
		const AaResponsePoint *p = &g_array_index(self->points, AaResponsePoint, i);
		AaResponseCurve part;
		AaResponseLocal local = {.isolation = INFINITY};
		gdouble res;
		gdouble least[AA_RESOURCE_COUNT] = {INFINITY, INFINITY, INFINITY};
		loo.skip = (gint)i;
		aa_response_fit(&loo, &part, self->chosen);
		res = p->value - aa_response_curve_predict(&loo, &part, p->x);
		/* a residual near 1e300 squares to infinity: capped like a non-finite one */
		local.loo_sq =
		    isfinite(res) ? MIN(res * res, AA_RESPONSE_BAD_MSE) : AA_RESPONSE_BAD_MSE;
		for (guint o = 0; o < self->points->len; o++) {
			const AaResponsePoint *other =
			    &g_array_index(self->points, AaResponsePoint, o);
			if (o == i)
				continue;
			local.isolation =
			    MIN(local.isolation, aa_response_distance(&self->data, p->x, other->x));
			for (guint k = 0; k < AA_RESOURCE_COUNT; k++)
				least[k] = MIN(least[k], other->x[k]);
		}
		for (guint k = 0; k < AA_RESOURCE_COUNT; k++)
			local.below[k] =
			    p->x[k] < least[k] * (1.0 - AA_RESPONSE_BELOW_TOL) ? least[k] : NAN;
		g_array_append_val(self->local, local);
	}
}

/* whether point @i's held-out error speaks for a prediction at @x: not when
 * the point had less of a resource than every other point and @x has at
 * least what they had.  A response never falls with more of a resource, so
 * what the others could not foresee below their range (a memory cliff, the
 * slope below a GPU knee) is no error of a prediction within or above it */
static gboolean
aa_response_point_speaks_for(const AaResponseLocal *local, const gdouble *x)
{
	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		gdouble b = local->below[k];
		if (!isnan(b) && x[k] >= b * (1.0 - AA_RESPONSE_BELOW_TOL))
			return FALSE;
	}
	return TRUE;
}

/**
 * aa_response_extrapolated:
 * @self: a response
 * @x: (array fixed-size=3): effective CPU, memory and GPU amounts
 *
 * Returns: how much of the prediction at @x lies outside the amounts
 * measured: the change of the chosen family's prediction from @x with every
 * amount clamped into the range the points measured (0 within it, or
 * without points)
 */
gdouble
aa_response_extrapolated(const AaResponse *self, const gdouble *x)
{
	gdouble xc[AA_RESOURCE_COUNT];
	gboolean outside = FALSE;
	gdouble change;

	g_return_val_if_fail(self != NULL, 0.0);
	if (self->data.n == 0)
		return 0.0;
	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		xc[k] = CLAMP(x[k], self->data.bottom[k], self->data.top[k]);
		outside = outside || x[k] > self->data.top[k] * (1.0 + AA_RESPONSE_BELOW_TOL) ||
		          x[k] < self->data.bottom[k] * (1.0 - AA_RESPONSE_BELOW_TOL);
	}
	if (!outside)
		return 0.0;
	change = fabs(aa_response_predict(self, x) - aa_response_predict(self, xc));
	return isfinite(change) ? change : 0.0;
}

/**
 * aa_response_sigma_at:
 * @self: a response
 * @x: (array fixed-size=3): effective CPU, memory and GPU amounts
 *
 * Returns: the uncertainty of the prediction at @x: the mean of the held-out
 * errors of the points that speak for @x (all of them when none does): a
 * point had less of a resource than all the others and @x has at least what
 * they had does not; each counts in full once @x is as far from the measured
 * points as that point was from the others, less (quadratically) nearer; at
 * least the chosen family's training RMSE and the floor; aa_response_sigma()
 * when not chosen by data
 */
gdouble
aa_response_sigma_at(const AaResponse *self, const gdouble *x)
{
	gdouble near = INFINITY;
	gdouble sum = 0.0;
	guint n;
	guint counted = 0;

	if (!self->by_data || self->local == NULL)
		return self->sigma;
	n = self->points->len;
	for (guint i = 0; i < n; i++)
		near = MIN(near,
		           aa_response_distance(&self->data, x,
		                                g_array_index(self->points, AaResponsePoint, i).x));
	for (guint pass = 0; pass < 2 && counted == 0; pass++) {
		for (guint i = 0; i < n; i++) {
			const AaResponseLocal *local =
			    &g_array_index(self->local, AaResponseLocal, i);
			gdouble iso = local->isolation;
			gdouble w = iso > 0.0 ? MIN(1.0, (near / iso) * (near / iso)) : 1.0;
			/* the second pass, when no point speaks for @x: all of them */
			if (pass == 0 && !aa_response_point_speaks_for(local, x))
				continue;
			sum += w * local->loo_sq;
			counted++;
		}
	}
	sum = MAX(sum / MAX(counted, 1), self->info[self->chosen].train_mse);
	return MAX(sqrt(sum), self->floor) +
	       AA_RESPONSE_SIGMA_EXTRAPOLATE * aa_response_extrapolated(self, x);
}

/* the points a response fits (@points without non-finite values or negative
 * amounts, the last %AA_RESPONSE_MAX_POINTS of them), and what its fits need
 * of them; @flags (nullable), one per point, follow them into @kept */
static void
aa_response_keep_points(AaResponse *self, const AaResponsePoint *points, guint n_points,
                        const gboolean *flags, GArray *kept)
{
	self->points = g_array_new(FALSE, FALSE, sizeof(AaResponsePoint));
	for (guint i = 0; i < n_points; i++) {
		gboolean ok = isfinite(points[i].value);
		for (guint k = 0; k < AA_RESOURCE_COUNT; k++)
			ok = ok && isfinite(points[i].x[k]) && points[i].x[k] >= 0.0;
		if (!ok)
			continue;
		g_array_append_val(self->points, points[i]);
		if (flags != NULL)
			g_array_append_val(kept, flags[i]);
	}
	if (self->points->len > AA_RESPONSE_MAX_POINTS) {
		guint drop = self->points->len - AA_RESPONSE_MAX_POINTS;
		g_array_remove_range(self->points, 0, drop);
		if (flags != NULL)
			g_array_remove_range(kept, 0, drop);
	}
	aa_response_data_init(self);
}

/**
 * aa_response_new:
 * @ctx: the paper form's parameters and the metric's direction
 * @points: (array length=n_points): measured points; non-finite values are skipped
 * @n_points: how many
 *
 * Fits every family on @points (the last %AA_RESPONSE_MAX_POINTS of them),
 * computes each one's training and leave-one-out MSE and chooses the family
 * with the smallest leave-one-out MSE (ties: the earlier family, paper
 * first).  A family is a candidate only with at least
 * %AA_RESPONSE_MIN_POINTS points and two more points than parameters; when
 * none is, the paper form stands (fitted on the points there are) with the
 * default uncertainty.
 *
 * Returns: (transfer full): the response
 */
AaResponse *
aa_response_new(const AaResponseContext *ctx, const AaResponsePoint *points, guint n_points)
{
	return aa_response_new_full(ctx, points, n_points, AA_RESPONSE_ALL_FAMILIES);
}

/**
 * aa_response_new_full:
 * @ctx: the paper form's parameters and the metric's direction
 * @points: (array length=n_points): measured points
 * @n_points: how many
 * @families: a bit mask, 1 << family, of the families to fit
 *
 * aa_response_new() with only some families: the others are not available.
 *
 * Returns: (transfer full): the response
 */
AaResponse *
aa_response_new_full(const AaResponseContext *ctx, const AaResponsePoint *points, guint n_points,
                     guint families)
{
	g_autoptr(AaResponse) self = g_new0(AaResponse, 1);
	gboolean paper_ok;
	gdouble magnitude;
	gdouble best = INFINITY;

	g_return_val_if_fail(ctx != NULL, NULL);
	g_return_val_if_fail(points != NULL || n_points == 0, NULL);

	self->ctx = *ctx;
	aa_response_keep_points(self, points, n_points, NULL, NULL);
	paper_ok = isfinite(ctx->q_prof) && ctx->q_prof >= 0.0;

	for (guint f = 0; f < AA_RESPONSE_COUNT; f++) {
		AaResponseFitInfo *info = &self->info[f];
		AaResponseCurve *curve = &self->curves[f];
		AaResponseData loo = self->data;
		gdouble sse = 0.0;

		info->family = f;
		info->train_mse = NAN;
		info->loo_mse = NAN;
		info->n_params = aa_response_n_params(self, f);
		if ((families & (1u << f)) == 0 || (f == AA_RESPONSE_PAPER && !paper_ok))
			continue;
		/* a shape family with none of its resources varied is the paper's prior */
		if (f != AA_RESPONSE_PAPER && f != AA_RESPONSE_PWL && self->points->len > 0 &&
		    info->n_params < 2)
			continue;
		if (f != AA_RESPONSE_PAPER && self->points->len == 0)
			continue;
		aa_response_fit(&self->data, curve, f);
		if (self->points->len == 0)
			continue;
		info->train_mse = aa_response_sse(&self->data, curve) / self->points->len;
		/* a parametric family needs two points more than parameters; the
		 * interpolation has no fixed number of them */
		if (self->points->len < AA_RESPONSE_MIN_POINTS ||
		    (f != AA_RESPONSE_PWL && self->points->len < info->n_params + 2))
			continue;

		/* leave one out: refit without point i, predict it */
		for (guint i = 0; i < self->points->len; i++) {
			AaResponseCurve part;
			gdouble res;
			const AaResponsePoint *p = &g_array_index(self->points, AaResponsePoint, i);
			loo.skip = (gint)i;
			aa_response_fit(&loo, &part, f);
			res = p->value - aa_response_curve_predict(&loo, &part, p->x);
			sse += isfinite(res) ? res * res : AA_RESPONSE_BAD_MSE;
		}
		info->available = TRUE;
		info->loo_mse = MIN(sse / self->points->len, AA_RESPONSE_BAD_MSE);
		if (info->loo_mse < best * (1.0 - 1e-9) - 1e-12) {
			best = info->loo_mse;
			self->chosen = f;
			self->by_data = TRUE;
		}
	}

	magnitude = aa_response_magnitude(self);
	if (self->by_data) {
		self->sigma = MAX(sqrt(self->info[self->chosen].loo_mse),
		                  AA_RESPONSE_SIGMA_FLOOR * magnitude);
		self->floor = AA_RESPONSE_SIGMA_FLOOR * magnitude;
		aa_response_local_init(self);
		return g_steal_pointer(&self);
	}

	/* too few points: the paper form, or the points' interpolation without a profile */
	self->chosen = paper_ok ? AA_RESPONSE_PAPER : AA_RESPONSE_PWL;
	self->sigma = AA_RESPONSE_DEFAULT_SIGMA * magnitude;
	if (isfinite(self->info[self->chosen].train_mse))
		self->sigma = MAX(self->sigma, sqrt(self->info[self->chosen].train_mse));
	return g_steal_pointer(&self);
}

/**
 * aa_response_held_out_mse:
 * @ctx: the paper form's parameters and the metric's direction
 * @points: (array length=n_points): measured points
 * @n_points: how many
 * @held_out: (array length=n_points): the points to predict
 * @family: the family to fit
 *
 * The leave-one-out error at some of the points only: for each point with
 * @held_out set, @family is fitted on every other point (the same points
 * aa_response_new() keeps: finite, the last %AA_RESPONSE_MAX_POINTS) and
 * predicts it.  One fit per held-out point, none of the others.
 *
 * Returns: the mean squared error over the held-out points kept, NAN when
 * there is none
 */
gdouble
aa_response_held_out_mse(const AaResponseContext *ctx, const AaResponsePoint *points,
                         guint n_points, const gboolean *held_out, AaResponseFamily family)
{
	g_autoptr(AaResponse) self = g_new0(AaResponse, 1);
	g_autoptr(GArray) flags = g_array_new(FALSE, FALSE, sizeof(gboolean));
	AaResponseData loo;
	gdouble sse = 0.0;
	guint n = 0;

	g_return_val_if_fail(ctx != NULL, NAN);
	g_return_val_if_fail(family < AA_RESPONSE_COUNT, NAN);
	self->ctx = *ctx;
	aa_response_keep_points(self, points, n_points, held_out, flags);
	loo = self->data;
	for (guint i = 0; i < self->points->len; i++) {
		const AaResponsePoint *p = &g_array_index(self->points, AaResponsePoint, i);
		AaResponseCurve part;
		gdouble res;
		if (!g_array_index(flags, gboolean, i))
			continue;
		loo.skip = (gint)i;
		aa_response_fit(&loo, &part, family);
		res = p->value - aa_response_curve_predict(&loo, &part, p->x);
		sse += isfinite(res) ? res * res : AA_RESPONSE_BAD_MSE;
		n++;
	}
	return n > 0 ? MIN(sse / n, AA_RESPONSE_BAD_MSE) : NAN;
}

/**
 * aa_response_free:
 * @self: (nullable): a response
 */
void
aa_response_free(AaResponse *self)
{
	if (self == NULL)
		return;
	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		g_clear_pointer(&self->data.levels[k], g_array_unref);
	}
	g_clear_pointer(&self->points, g_array_unref);
	g_clear_pointer(&self->local, g_array_unref);
	g_free(self);
}

/**
 * aa_response_predict_family:
 * @self: a response
 * @family: a family
 * @x: (array fixed-size=3): effective CPU, memory and GPU amounts
 *
 * Returns: the metric predicted by @family's fit, NAN if it has none
 */
gdouble
aa_response_predict_family(const AaResponse *self, AaResponseFamily family, const gdouble *x)
{
	const AaResponseData *d;
	gdouble xc[AA_RESOURCE_COUNT];
	gdouble xm[AA_RESOURCE_COUNT];
	gdouble ratio = 1.0;
	gboolean up = FALSE;
	gboolean down = FALSE;
	gdouble q;
	gdouble qc;

	g_return_val_if_fail(self != NULL, NAN);
	g_return_val_if_fail(family < AA_RESPONSE_COUNT, NAN);
	d = &self->data;
	/* no gain from memory above the working set */
	if (self->ctx.memory_ceiling > 0.0 &&
	    x[AA_RESOURCE_MEMORY] > MAX(self->ctx.memory_ceiling, d->top[AA_RESOURCE_MEMORY])) {
		memcpy(xm, x, sizeof(xm));
		xm[AA_RESOURCE_MEMORY] = MAX(self->ctx.memory_ceiling, d->top[AA_RESOURCE_MEMORY]);
		x = xm;
	}
	q = aa_response_curve_predict(d, &self->curves[family], x);
	/* CPU and GPU outside the amounts measured: no more than a proportional
	 * gain above them (together, the largest of their gains), no more than a
	 * proportional loss below them (docs/response-families.md, "Proportional
	 * bounds") */
	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		xc[k] = x[k];
		if (k == AA_RESOURCE_MEMORY || !(d->bottom[k] > 0.0))
			continue;
		xc[k] = CLAMP(x[k], d->bottom[k], d->top[k]);
		if (x[k] > d->top[k]) {
			up = TRUE;
			ratio = MAX(ratio, x[k] / xc[k]);
		} else if (x[k] < d->bottom[k]) {
			down = TRUE;
			ratio *= x[k] / xc[k];
		}
	}
	if (up == down || !isfinite(q))
		return q;
	qc = aa_response_curve_predict(d, &self->curves[family], xc);
	if (!isfinite(qc) || !(qc > 0.0))
		return q;
	if (up)
		return d->ctx->higher_is_better ? MIN(q, qc * ratio) : MAX(q, qc / ratio);
	return d->ctx->higher_is_better ? MAX(q, qc * ratio) : MIN(q, qc / MAX(ratio, 1e-12));
}

/**
 * aa_response_predict:
 * @self: a response
 * @x: (array fixed-size=3): effective CPU, memory and GPU amounts
 *
 * Returns: the metric predicted by the chosen family, NAN if nothing can predict it
 */
gdouble
aa_response_predict(const AaResponse *self, const gdouble *x)
{
	return aa_response_predict_family(self, self->chosen, x);
}

/**
 * aa_response_chosen:
 * @self: a response
 *
 * Returns: the family that predicts
 */
AaResponseFamily
aa_response_chosen(const AaResponse *self)
{
	return self->chosen;
}

/**
 * aa_response_chosen_by_data:
 * @self: a response
 *
 * Returns: %TRUE if leave-one-out error chose the family, %FALSE if too few
 * points left the paper form (or the plain interpolation) in place
 */
gboolean
aa_response_chosen_by_data(const AaResponse *self)
{
	return self->by_data;
}

/**
 * aa_response_sigma:
 * @self: a response
 *
 * Returns: the prediction's uncertainty (one standard deviation): the chosen
 * family's leave-one-out RMSE, at least %AA_RESPONSE_SIGMA_FLOOR of the
 * metric's scale; %AA_RESPONSE_DEFAULT_SIGMA of it when not chosen by data
 */
gdouble
aa_response_sigma(const AaResponse *self)
{
	return self->sigma;
}

/**
 * aa_response_n_points:
 * @self: a response
 *
 * Returns: the points fitted
 */
guint
aa_response_n_points(const AaResponse *self)
{
	return self->points->len;
}

/**
 * aa_response_fit_info:
 * @self: a response
 * @family: a family
 *
 * Returns: (transfer none): the family's fit figures
 */
const AaResponseFitInfo *
aa_response_fit_info(const AaResponse *self, AaResponseFamily family)
{
	g_return_val_if_fail(family < AA_RESPONSE_COUNT, NULL);
	return &self->info[family];
}
