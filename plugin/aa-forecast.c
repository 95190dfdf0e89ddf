/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Demand forecasting from a profile trace (seed 001; docs/forecast.md).
 *
 * A series is the trace's samples in time order at the median sampling
 * interval; a missing cell repeats the value before it.  Longer series than
 * AA_FORECAST_MAX_SAMPLES are averaged in blocks (aligned on the last sample)
 * down to that many steps.  Four candidates:
 *
 * - naive: the last value;
 * - seasonal-naive: the value one season before;
 * - holt-winters: additive Holt-Winters with a damped trend, initialised by a
 *   classical additive decomposition (centred moving average, phase means,
 *   a straight line through the trend); without a season, Holt's method.
 *   alpha, beta, gamma and phi from a grid, minimising the squared one-step
 *   plus horizon-step errors over the fitting span;
 * - ar: AR(p) by Yule-Walker (Levinson-Durbin), p <= AA_FORECAST_MAX_AR_ORDER
 *   chosen by BIC (AIC's penalty 2p over-fits long traces: each extra lag
 *   enters with a partial autocorrelation of 1.4/sqrt(n)); p = 0 is the mean.
 *
 * The season is an autocorrelation peak of the linearly detrended fitting
 * span, at lags up to a third of it (three seasons seen): among the local
 * maxima of at least 0.25 that rise 0.5 above the lowest autocorrelation at
 * shorter lags, the shortest one reaching 0.9 of the highest (a season, not
 * its multiples).
 *
 * Rolling origin: up to AA_FORECAST_MAX_ORIGINS origins spread evenly from
 * max(MIN_TRAIN, n/2) to n - h.  Everything is fitted on the data before the
 * first origin; at each origin the model sees the data up to it and forecasts
 * the next h steps (one held-out window).  The older half of the windows
 * chooses the model, the newer half measures its accuracy (with fewer than four
 * windows, all do both and the accuracy is optimistic).  The final forecast
 * refits the chosen model on the whole series.
 *
 * MAPE: a window's error is the mean over its h steps of |actual - forecast| /
 * max(|actual|, delta), delta = 5% of the series' mean absolute value, so idle
 * samples (zeros) do not make it infinite.  Accuracy = max(0, 100 - MAPE).
 *
 * The distribution: the chosen model's cross-validation errors.  The quantiles
 * at the horizon add to the point forecast the empirical quantiles of the
 * errors at leads 0.8h..h of every window (errors grow with the lead, so the
 * errors of the lead itself, pooled over a short band for numbers); the
 * demand over the horizon (aa_forecast_coverage) is every lead's point
 * forecast plus that lead's errors, pooled.  Values are clamped to [0, upper].
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "aa-context-private.h"
#include "aa-error.h"
#include "aa-forecast.h"
#include "aa-intent-private.h"
#include "aa-json.h"
#include "aa-model.h"
#include "aa-util.h"

#define AA_FORECAST_MAX_HORIZON     (16 * AA_FORECAST_MAX_SAMPLES)
#define AA_FORECAST_PEAK_MIN        0.25
#define AA_FORECAST_PEAK_PROMINENCE 0.5
#define AA_FORECAST_PEAK_SHARE      0.9
#define AA_FORECAST_DELTA_SHARE     0.05
#define AA_FORECAST_MARGIN          0.05 /* relative MAPE a richer model must gain */

static const gchar *aa_forecast_model_names[AA_FORECAST_MODEL_COUNT] = {
    "naive", "seasonal-naive", "holt-winters", "ar", "empirical"};
static const gchar *aa_forecast_series_names[AA_FORECAST_SERIES_COUNT] = {"cpu", "memory", "gpu"};
static const gchar *aa_forecast_series_units[AA_FORECAST_SERIES_COUNT] = {"cores", "MiB", "%"};

/* a fitted candidate: its parameters, not its state */
typedef struct {
	AaForecastModel model;
	guint period;
	/* holt-winters */
	gdouble alpha;
	gdouble beta;
	gdouble gamma;
	gdouble phi;
	gdouble level0;
	gdouble trend0;
	gdouble *season0; /* period values by phase (time mod period), or NULL */
	/* ar */
	guint order;
	gdouble mu;
	gdouble coef[AA_FORECAST_MAX_AR_ORDER + 1];
} AaForecastFit;

/**
 * aa_forecast_model_to_string:
 * @model: a forecaster
 *
 * Returns: its name in the JSON output
 */
const gchar *
aa_forecast_model_to_string(AaForecastModel model)
{
	return model < AA_FORECAST_MODEL_COUNT ? aa_forecast_model_names[model] : "unknown";
}

/**
 * aa_forecast_series_to_string:
 * @series: a resource series
 *
 * Returns: its key in the JSON output
 */
const gchar *
aa_forecast_series_to_string(AaForecastSeries series)
{
	return series < AA_FORECAST_SERIES_COUNT ? aa_forecast_series_names[series] : "unknown";
}

/**
 * aa_forecast_free:
 * @self: (nullable): a forecast
 */
void
aa_forecast_free(AaForecast *self)
{
	if (self == NULL)
		return;
	g_clear_pointer(&self->history, g_array_unref);
	g_clear_pointer(&self->path, g_array_unref);
	g_clear_pointer(&self->outcomes, g_array_unref);
	g_clear_pointer(&self->errors, g_array_unref);
	g_free(self);
}

/* nearest rank on sorted values: the ceil(p n)-th smallest */
static gdouble
aa_forecast_rank(const gdouble *sorted, guint n, gdouble p)
{
	guint rank;
	if (n == 0)
		return NAN;
	rank = (guint)ceil(p * (gdouble)n - 1e-9);
	rank = CLAMP(rank, 1, n);
	return sorted[rank - 1];
}

/* noise shifts the top of a broad peak: the vertex of a parabola fitted
 * through acf[k - w .. k + w], w = k / 8, rounded, if it stays in the window */
static guint
aa_forecast_refine_peak(const gdouble *acf, guint len, guint k)
{
	guint w = MAX(1, k / 8);
	gdouble s[5] = {0}, sy[3] = {0}, det, a, b;

	if (k < w + 1 || k + w >= len)
		return k;
	/* least squares for y = a u^2 + b u + c with u = lag - k */
	for (guint i = k - w; i <= k + w; i++) {
		gdouble u = (gdouble)i - (gdouble)k;
		gdouble p = 1;
		for (guint e = 0; e < 5; e++) {
			s[e] += p;
			p *= u;
		}
		sy[0] += acf[i];
		sy[1] += u * acf[i];
		sy[2] += u * u * acf[i];
	}
	/* the window is symmetric, so the odd sums vanish: b = sy1 / s2 and a from
	 * the 2x2 system in (a, c) */
	det = s[4] * s[0] - s[2] * s[2];
	if (det == 0 || s[2] == 0)
		return k;
	a = (sy[2] * s[0] - sy[0] * s[2]) / det;
	b = sy[1] / s[2];
	if (a >= 0)
		return k;
	if (fabs(-b / (2 * a)) > w)
		return k;
	return (guint)MAX(2.0, round((gdouble)k - b / (2 * a)));
}

/* the shortest strong autocorrelation peak of the detrended series, 0 if none */
static guint
aa_forecast_find_period(const gdouble *x, guint n)
{
	g_autofree gdouble *d = NULL;
	g_autofree gdouble *acf = NULL;
	g_autofree gboolean *peak = NULL;
	guint maxlag = MIN(AA_FORECAST_MAX_PERIOD, n / 2);
	gdouble sx = 0, st = 0, stt = 0, stx = 0, slope, icpt, c0 = 0, best = 0, trough = 1;

	if (maxlag < 3)
		return 0;

	/* remove a least-squares line so a trend does not look like a season */
	for (guint i = 0; i < n; i++) {
		sx += x[i];
		st += i;
		stt += (gdouble)i * i;
		stx += (gdouble)i * x[i];
	}
	slope = (n * stx - st * sx) / (n * stt - st * st);
	icpt = (sx - slope * st) / n;
	d = g_new(gdouble, n);
	for (guint i = 0; i < n; i++) {
		d[i] = x[i] - (icpt + slope * i);
		c0 += d[i] * d[i];
	}
	if (c0 <= 1e-12 * n)
		return 0;

	/* the biased estimator damps the noisy long lags */
	acf = g_new0(gdouble, maxlag + 2);
	peak = g_new0(gboolean, maxlag + 2);
	for (guint k = 1; k <= maxlag + 1 && k < n; k++) {
		gdouble c = 0;
		for (guint i = 0; i + k < n; i++)
			c += d[i] * d[i + k];
		acf[k] = c / c0;
	}
	/* a peak counts when the autocorrelation dipped well below it first */
	for (guint k = 2; k <= maxlag; k++) {
		trough = MIN(trough, acf[k - 1]);
		peak[k] = acf[k] > acf[k - 1] && acf[k] >= acf[k + 1] &&
		          acf[k] >= AA_FORECAST_PEAK_MIN &&
		          acf[k] - trough >= AA_FORECAST_PEAK_PROMINENCE;
		if (peak[k])
			best = MAX(best, acf[k]);
	}
	for (guint k = 2; k <= maxlag; k++) {
		if (peak[k] && acf[k] >= AA_FORECAST_PEAK_SHARE * best)
			return aa_forecast_refine_peak(acf, maxlag + 1, k);
	}
	return 0;
}

/* classical additive decomposition of x[0..n): phase means and a trend line */
static void
aa_forecast_decompose(const gdouble *x, guint n, guint m, gdouble *season, gdouble *level0,
                      gdouble *trend0)
{
	g_autofree gdouble *prefix = g_new0(gdouble, n + 1);
	g_autofree gdouble *sum = g_new0(gdouble, m);
	g_autofree guint *cnt = g_new0(guint, m);
	guint half = m / 2;
	gdouble st = 0, stt = 0, sx = 0, stx = 0, mean = 0;
	guint nt = 0;

	for (guint i = 0; i < n; i++)
		prefix[i + 1] = prefix[i] + x[i];

	/* centred moving average over one season (2 x m for an even m) */
	for (guint i = half; i + half < n; i++) {
		gdouble t;
		if (m % 2 == 1) {
			t = (prefix[i + half + 1] - prefix[i - half]) / m;
		} else {
			t = (prefix[i + half] - prefix[i - half + 1] +
			     0.5 * (x[i - half] + x[i + half])) /
			    m;
		}
		sum[i % m] += x[i] - t;
		cnt[i % m]++;
		st += i;
		stt += (gdouble)i * i;
		sx += t;
		stx += (gdouble)i * t;
		nt++;
	}
	for (guint p = 0; p < m; p++) {
		season[p] = cnt[p] > 0 ? sum[p] / cnt[p] : 0.0;
		mean += season[p];
	}
	mean /= m;
	for (guint p = 0; p < m; p++)
		season[p] -= mean;
	if (nt >= 2 && nt * stt - st * st > 0) {
		*trend0 = (nt * stx - st * sx) / (nt * stt - st * st);
		*level0 = (sx - *trend0 * st) / nt - *trend0; /* the line at time -1 */
	} else {
		*trend0 = 0;
		*level0 = nt > 0 ? sx / nt : x[0];
	}
}

/* runs Holt-Winters over x[0..t) and forecasts leads 1..h into out; with crit,
 * returns the fitting criterion over x[0..t) for horizon h instead */
static gdouble
aa_forecast_hw_run(const AaForecastFit *fit, const gdouble *x, guint t, guint h, gdouble *out,
                   gboolean crit)
{
	guint m = fit->period;
	g_autofree gdouble *s = m > 0 ? g_memdup2(fit->season0, m * sizeof(gdouble)) : NULL;
	gdouble l = fit->level0, b = fit->trend0, phih = 0, pk = 1, sse1 = 0, sseh = 0;
	guint n1 = 0, nh = 0;

	for (guint k = 1; k <= h; k++) {
		pk *= fit->phi;
		phih += pk;
	}
	for (guint i = 0; i < t; i++) {
		gdouble si = m > 0 ? s[i % m] : 0.0;
		gdouble f1 = l + fit->phi * b + si;
		gdouble lp = l;
		if (crit && i >= m) {
			sse1 += (x[i] - f1) * (x[i] - f1);
			n1++;
		}
		l = fit->alpha * (x[i] - si) + (1 - fit->alpha) * (lp + fit->phi * b);
		b = fit->beta * (l - lp) + (1 - fit->beta) * fit->phi * b;
		if (m > 0)
			s[i % m] = fit->gamma * (x[i] - l) + (1 - fit->gamma) * si;
		if (crit && i >= m && i + h < t) {
			gdouble fh = l + phih * b + (m > 0 ? s[(i + h) % m] : 0.0);
			sseh += (x[i + h] - fh) * (x[i + h] - fh);
			nh++;
		}
		if (!isfinite(l) || !isfinite(b))
			return INFINITY;
	}
	if (crit)
		return (n1 > 0 ? sse1 / n1 : 0) + (nh > 0 ? sseh / nh : 0);
	pk = 1;
	phih = 0;
	for (guint k = 1; k <= h; k++) {
		pk *= fit->phi;
		phih += pk;
		out[k - 1] = l + phih * b + (m > 0 ? s[(t - 1 + k) % m] : 0.0);
	}
	return 0;
}

static void
aa_forecast_fit_hw(AaForecastFit *fit, const gdouble *x, guint n, guint h)
{
	static const gdouble alphas[] = {0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.8};
	static const gdouble betas[] = {0.0, 0.01, 0.05, 0.15};
	static const gdouble gammas[] = {0.01, 0.05, 0.15, 0.3, 0.5};
	static const gdouble phis[] = {0.98, 1.0};
	gdouble best = INFINITY;
	AaForecastFit cand = *fit;
	guint n_gamma = fit->period > 0 ? G_N_ELEMENTS(gammas) : 1;

	if (fit->period > 0) {
		aa_forecast_decompose(x, n, fit->period, fit->season0, &fit->level0, &fit->trend0);
	} else {
		fit->level0 = x[0];
		fit->trend0 = n > 1 ? (x[n - 1] - x[0]) / (n - 1) : 0.0;
	}
	cand = *fit;
	fit->alpha = 0.2;
	fit->beta = 0.0;
	fit->gamma = 0.1;
	fit->phi = 0.98;
	for (guint a = 0; a < G_N_ELEMENTS(alphas); a++) {
		for (guint b = 0; b < G_N_ELEMENTS(betas); b++) {
			for (guint g = 0; g < n_gamma; g++) {
				for (guint p = 0; p < G_N_ELEMENTS(phis); p++) {
					gdouble c;
					cand.alpha = alphas[a];
					cand.beta = betas[b];
					cand.gamma = gammas[g];
					cand.phi = phis[p];
					c = aa_forecast_hw_run(&cand, x, n, h, NULL, TRUE);
					if (c < best) {
						best = c;
						fit->alpha = cand.alpha;
						fit->beta = cand.beta;
						fit->gamma = cand.gamma;
						fit->phi = cand.phi;
					}
				}
			}
		}
	}
}

/* Yule-Walker through Levinson-Durbin; the order minimising BIC */
static void
aa_forecast_fit_ar(AaForecastFit *fit, const gdouble *x, guint n)
{
	guint pmax = MIN(AA_FORECAST_MAX_AR_ORDER, n / 4);
	gdouble r[AA_FORECAST_MAX_AR_ORDER + 1] = {0};
	gdouble a[AA_FORECAST_MAX_AR_ORDER + 1] = {0};
	gdouble prev[AA_FORECAST_MAX_AR_ORDER + 1] = {0};
	gdouble var, best_bic;

	fit->mu = 0;
	for (guint i = 0; i < n; i++)
		fit->mu += x[i];
	fit->mu /= n;
	fit->order = 0;
	memset(fit->coef, 0, sizeof(fit->coef));
	for (guint k = 0; k <= pmax; k++) {
		for (guint i = 0; i + k < n; i++)
			r[k] += (x[i] - fit->mu) * (x[i + k] - fit->mu);
		r[k] /= n;
	}
	var = r[0];
	if (var <= 1e-12 * (1 + fit->mu * fit->mu))
		return;
	best_bic = n * log(var);
	for (guint p = 1; p <= pmax; p++) {
		gdouble acc = r[p], kappa, bic;
		for (guint j = 1; j < p; j++)
			acc -= a[j] * r[p - j];
		kappa = acc / var;
		if (!isfinite(kappa) || fabs(kappa) >= 1.0)
			break;
		memcpy(prev, a, sizeof(a));
		a[p] = kappa;
		for (guint j = 1; j < p; j++)
			a[j] = prev[j] - kappa * prev[p - j];
		var *= 1 - kappa * kappa;
		if (var <= 0)
			break;
		bic = n * log(var) + p * log((gdouble)n);
		if (bic < best_bic) {
			best_bic = bic;
			fit->order = p;
			memcpy(fit->coef, a, sizeof(a));
		}
	}
}

/* forecasts x[t..t+h) from x[0..t) with a fitted candidate */
static void
aa_forecast_run(const AaForecastFit *fit, const gdouble *x, guint t, guint h, gdouble *out)
{
	switch (fit->model) {
	case AA_FORECAST_MODEL_NAIVE:
		for (guint j = 0; j < h; j++)
			out[j] = x[t - 1];
		break;
	case AA_FORECAST_MODEL_SEASONAL_NAIVE:
		for (guint j = 0; j < h; j++) {
			guint m = fit->period;
			guint back = m * ((j / m) + 1); /* t + j - back < t */
			out[j] = x[t + j - back];
		}
		break;
	case AA_FORECAST_MODEL_HOLT_WINTERS:
		aa_forecast_hw_run(fit, x, t, h, out, FALSE);
		break;
	case AA_FORECAST_MODEL_AR: {
		guint p = fit->order;
		g_autofree gdouble *y = g_new(gdouble, p + h);
		/* y holds the last p demeaned values, then the forecasts */
		for (guint i = 0; i < p; i++)
			y[i] = t >= p - i ? x[t - p + i] - fit->mu : 0.0;
		for (guint j = 0; j < h; j++) {
			gdouble v = 0;
			for (guint k = 1; k <= p; k++)
				v += fit->coef[k] * y[p + j - k];
			y[p + j] = v;
			out[j] = v + fit->mu;
		}
		break;
	}
	default:
		for (guint j = 0; j < h; j++)
			out[j] = x[t - 1];
		break;
	}
}

/* fits every applicable candidate on x[0..n); FALSE for those that are not */
static void
aa_forecast_fit_all(AaForecastFit *fits, gboolean *ok, const gdouble *x, guint n, guint h)
{
	guint m = aa_forecast_find_period(x, n);
	for (guint c = 0; c < AA_FORECAST_MODEL_EMPIRICAL; c++) {
		fits[c].model = c;
		fits[c].period = m;
		ok[c] = TRUE;
	}
	ok[AA_FORECAST_MODEL_SEASONAL_NAIVE] = m > 0;
	if (m > 0 && n < 2 * m)
		fits[AA_FORECAST_MODEL_HOLT_WINTERS].period = 0;
	g_free(fits[AA_FORECAST_MODEL_HOLT_WINTERS].season0);
	fits[AA_FORECAST_MODEL_HOLT_WINTERS].season0 =
	    g_new0(gdouble, MAX(1, fits[AA_FORECAST_MODEL_HOLT_WINTERS].period));
	aa_forecast_fit_hw(&fits[AA_FORECAST_MODEL_HOLT_WINTERS], x, n, h);
	aa_forecast_fit_ar(&fits[AA_FORECAST_MODEL_AR], x, n);
}

static void
aa_forecast_fits_clear(AaForecastFit *fits)
{
	for (guint c = 0; c < AA_FORECAST_MODEL_COUNT; c++)
		g_clear_pointer(&fits[c].season0, g_free);
}

static gdouble
aa_forecast_clamp(gdouble v, gdouble upper)
{
	if (!isfinite(v))
		return v > 0 ? upper : 0.0;
	return CLAMP(v, 0.0, upper);
}

/* the trace's own spread when no window can be held out */
static void
aa_forecast_empirical(AaForecast *self, const gdouble *x, guint n, guint h)
{
	gdouble mean = 0;
	self->model = AA_FORECAST_MODEL_EMPIRICAL;
	for (guint i = 0; i < n; i++) {
		mean += x[i];
		g_array_append_val(self->outcomes, x[i]);
	}
	mean /= n;
	g_array_sort(self->outcomes, aa_double_cmp);
	for (guint j = 0; j < h; j++)
		g_array_append_val(self->path, mean);
	self->mean = mean;
	self->q50 = aa_forecast_rank((gdouble *)self->outcomes->data, n, 0.50);
	self->q90 = aa_forecast_rank((gdouble *)self->outcomes->data, n, 0.90);
	self->q95 = aa_forecast_rank((gdouble *)self->outcomes->data, n, 0.95);
	self->q99 = aa_forecast_rank((gdouble *)self->outcomes->data, n, 0.99);
}

/* rolling-origin cross-validation, choice, final fit and the distribution */
static void
aa_forecast_cross_validate(AaForecast *self, const gdouble *x, guint n, guint h, gdouble upper)
{
	AaForecastFit fits[AA_FORECAST_MODEL_COUNT] = {0};
	AaForecastFit final[AA_FORECAST_MODEL_COUNT] = {0};
	gboolean ok[AA_FORECAST_MODEL_COUNT] = {FALSE};
	gboolean ok_final[AA_FORECAST_MODEL_COUNT] = {FALSE};
	gdouble sel[AA_FORECAST_MODEL_COUNT] = {0};
	gdouble eva[AA_FORECAST_MODEL_COUNT] = {0};
	guint origins[AA_FORECAST_MAX_ORIGINS];
	g_autofree gdouble *f = g_new(gdouble, h);
	guint t_hi = n - h, t_lo, k_n, n_sel, n_eva, chosen = AA_FORECAST_MODEL_NAIVE;
	gdouble delta = 0, best = INFINITY;
	g_autoptr(GArray) band = g_array_new(FALSE, FALSE, sizeof(gdouble));

	for (guint i = 0; i < n; i++)
		delta += fabs(x[i]);
	delta = MAX(AA_FORECAST_DELTA_SHARE * delta / n, 1e-9);

	/* the origins, evenly from the middle of the series to the last full window */
	t_lo = MIN(MAX(AA_FORECAST_MIN_TRAIN, n / 2), t_hi);
	k_n = MIN(AA_FORECAST_MAX_ORIGINS, t_hi - t_lo + 1);
	for (guint k = 0; k < k_n; k++)
		origins[k] =
		    k_n == 1 ? t_hi : t_lo + (guint)((guint64)k * (t_hi - t_lo) / (k_n - 1));
	n_sel = k_n >= 4 ? k_n / 2 : k_n;
	n_eva = k_n >= 4 ? k_n - n_sel : k_n;

	/* fitted on what precedes the first window only */
	aa_forecast_fit_all(fits, ok, x, t_lo, h);
	for (guint k = 0; k < k_n; k++) {
		guint t = origins[k];
		for (guint c = 0; c < AA_FORECAST_MODEL_EMPIRICAL; c++) {
			gdouble mape = 0;
			if (!ok[c])
				continue;
			aa_forecast_run(&fits[c], x, t, h, f);
			for (guint j = 0; j < h; j++) {
				gdouble fj = aa_forecast_clamp(f[j], upper);
				mape += fabs(x[t + j] - fj) / MAX(fabs(x[t + j]), delta);
			}
			mape = 100.0 * mape / h;
			if (k < n_sel)
				sel[c] += mape / n_sel;
			if (k_n < 4 || k >= n_sel)
				eva[c] += mape / n_eva;
		}
	}
	for (guint c = 0; c < AA_FORECAST_MODEL_EMPIRICAL; c++) {
		if (!ok[c])
			continue;
		self->candidate_accuracy[c] = MAX(0.0, 100.0 - eva[c]);
		/* a later, richer model must beat the simpler ones by a clear margin */
		if (sel[c] < best * (1.0 - AA_FORECAST_MARGIN) - 1e-9) {
			best = sel[c];
			chosen = c;
		}
	}
	self->model = chosen;
	self->accuracy_pct = self->candidate_accuracy[chosen];
	self->selection_windows = n_sel;
	self->evaluation_windows = n_eva;

	/* the chosen model's errors in every window, lead by lead */
	for (guint k = 0; k < k_n; k++) {
		guint t = origins[k];
		aa_forecast_run(&fits[chosen], x, t, h, f);
		for (guint j = 0; j < h; j++) {
			gdouble e = x[t + j] - aa_forecast_clamp(f[j], upper);
			g_array_append_val(self->errors, e);
		}
	}
	self->n_windows = k_n;

	/* the final forecast: the chosen model refitted on the whole series */
	aa_forecast_fit_all(final, ok_final, x, n, h);
	if (!ok_final[chosen])
		final[chosen].period = fits[chosen].period; /* keep the validated season */
	self->period = final[chosen].period;
	self->ar_order = final[AA_FORECAST_MODEL_AR].order;
	aa_forecast_run(&final[chosen], x, n, h, f);
	for (guint j = 0; j < h; j++) {
		gdouble v = aa_forecast_clamp(f[j], upper);
		g_array_append_val(self->path, v);
		for (guint k = 0; k < k_n; k++) {
			gdouble o = aa_forecast_clamp(
			    v + g_array_index(self->errors, gdouble, k * h + j), upper);
			g_array_append_val(self->outcomes, o);
		}
	}
	/* the horizon's quantiles: its point forecast plus the errors near its lead */
	for (guint j = (guint)ceil(0.8 * h) - 1; j < h; j++) {
		for (guint k = 0; k < k_n; k++) {
			gdouble q =
			    aa_forecast_clamp(g_array_index(self->path, gdouble, h - 1) +
			                          g_array_index(self->errors, gdouble, k * h + j),
			                      upper);
			g_array_append_val(band, q);
		}
	}
	g_array_sort(band, aa_double_cmp);
	g_array_sort(self->outcomes, aa_double_cmp);
	self->mean = g_array_index(self->path, gdouble, h - 1);
	self->q50 = aa_forecast_rank((gdouble *)band->data, band->len, 0.50);
	self->q90 = aa_forecast_rank((gdouble *)band->data, band->len, 0.90);
	self->q95 = aa_forecast_rank((gdouble *)band->data, band->len, 0.95);
	self->q99 = aa_forecast_rank((gdouble *)band->data, band->len, 0.99);
	aa_forecast_fits_clear(fits);
	aa_forecast_fits_clear(final);
}

/* back from the fitting scale to the series' unit */
static void
aa_forecast_rescale(AaForecast *self, gdouble scale)
{
	GArray *arrays[] = {self->path, self->outcomes, self->errors};
	for (guint a = 0; a < G_N_ELEMENTS(arrays); a++) {
		for (guint i = 0; i < arrays[a]->len; i++)
			g_array_index(arrays[a], gdouble, i) *= scale;
	}
	self->mean *= scale;
	self->q50 *= scale;
	self->q90 *= scale;
	self->q95 *= scale;
	self->q99 *= scale;
}

/**
 * aa_forecast_new:
 * @values: the series, one value per sampling interval, finite
 * @n: how many
 * @step_s: the sampling interval in seconds
 * @horizon_steps: the horizon in sampling intervals, >= 1
 * @upper: the largest possible demand (INFINITY when unbounded)
 * @error: return location for a #GError
 *
 * Fits the candidates and forecasts the series.  Series longer than
 * %AA_FORECAST_MAX_SAMPLES are averaged down first.
 *
 * Returns: (transfer full): the forecast, or %NULL with @error set
 */
AaForecast *
aa_forecast_new(const gdouble *values, guint n, gdouble step_s, guint horizon_steps, gdouble upper,
                GError **error)
{
	g_autoptr(AaForecast) self = g_new0(AaForecast, 1);
	guint agg = 1, blocks, start, h;
	g_autofree gdouble *x = NULL;
	gdouble scale = 0;

	if (n < 2) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_DATA,
		            "%u samples; a forecast needs at least 2", n);
		return NULL;
	}
	if (!isfinite(step_s) || step_s <= 0) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_DATA,
		            "sampling interval %g s is not a positive number", step_s);
		return NULL;
	}
	for (guint i = 0; i < n; i++) {
		if (!isfinite(values[i])) {
			g_set_error(error, AA_ERROR, AA_ERROR_INVALID_DATA,
			            "sample %u is not a finite number", i);
			return NULL;
		}
	}
	if (n > AA_FORECAST_MAX_SAMPLES)
		agg = (n + AA_FORECAST_MAX_SAMPLES - 1) / AA_FORECAST_MAX_SAMPLES;
	blocks = n / agg;
	start = n - blocks * agg;
	self->aggregate = agg;
	self->step_s = step_s * agg;
	h = horizon_steps;
	if (agg > 1)
		h = MAX(1, (guint)((horizon_steps + agg / 2) / agg));
	if (horizon_steps == 0 || h > AA_FORECAST_MAX_HORIZON) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		            "horizon of %u sampling intervals is outside 1..%u", horizon_steps,
		            AA_FORECAST_MAX_HORIZON * agg);
		return NULL;
	}
	self->horizon_steps = h;
	self->horizon_s = h * self->step_s;
	self->n_samples = blocks;
	self->accuracy_pct = NAN;
	for (guint c = 0; c < AA_FORECAST_MODEL_COUNT; c++)
		self->candidate_accuracy[c] = NAN;
	self->history = g_array_sized_new(FALSE, FALSE, sizeof(gdouble), blocks);
	self->path = g_array_sized_new(FALSE, FALSE, sizeof(gdouble), h);
	self->outcomes = g_array_new(FALSE, FALSE, sizeof(gdouble));
	self->errors = g_array_new(FALSE, FALSE, sizeof(gdouble));
	for (guint b = 0; b < blocks; b++) {
		gdouble v = 0;
		for (guint i = 0; i < agg; i++)
			v += values[start + b * agg + i];
		v /= agg;
		g_array_append_val(self->history, v);
	}
	self->last = g_array_index(self->history, gdouble, blocks - 1);

	/* fitted on values scaled to at most 1, so that no sum of squares overflows */
	for (guint i = 0; i < blocks; i++)
		scale = MAX(scale, fabs(g_array_index(self->history, gdouble, i)));
	if (scale <= 0)
		scale = 1;
	x = g_new(gdouble, blocks);
	for (guint i = 0; i < blocks; i++)
		x[i] = g_array_index(self->history, gdouble, i) / scale;
	if (blocks < h + AA_FORECAST_MIN_TRAIN) {
		aa_forecast_empirical(self, x, blocks, h);
		aa_forecast_rescale(self, scale);
		return g_steal_pointer(&self);
	}
	aa_forecast_cross_validate(self, x, blocks, h, upper / scale);
	aa_forecast_rescale(self, scale);
	return g_steal_pointer(&self);
}

/* the trace's sampling interval: the median positive step of time_s */
static gboolean
aa_forecast_step(GArray *samples, gdouble *step_s)
{
	g_autoptr(GArray) steps = g_array_new(FALSE, FALSE, sizeof(gdouble));
	gdouble prev = NAN;
	for (guint i = 0; i < samples->len; i++) {
		gdouble t = g_array_index(samples, AaProfileSample, i).time_s;
		if (isnan(t))
			continue;
		if (!isnan(prev) && t > prev) {
			gdouble d = t - prev;
			g_array_append_val(steps, d);
		}
		prev = t;
	}
	if (steps->len == 0)
		return FALSE;
	g_array_sort(steps, aa_double_cmp);
	*step_s = g_array_index(steps, gdouble, (steps->len - 1) / 2);
	return isfinite(*step_s) && *step_s > 0;
}

static gint
aa_forecast_cmp_time(gconstpointer a, gconstpointer b)
{
	const AaProfileSample *x = a;
	const AaProfileSample *y = b;
	gdouble tx = isnan(x->time_s) ? -1 : x->time_s;
	gdouble ty = isnan(y->time_s) ? -1 : y->time_s;
	if (tx != ty)
		return (tx > ty) - (tx < ty);
	return (x->line > y->line) - (x->line < y->line);
}

static gdouble
aa_forecast_sample_value(const AaProfileSample *s, AaForecastSeries series, gdouble eta,
                         gboolean use_wss)
{
	switch (series) {
	case AA_FORECAST_SERIES_CPU:
		if (isnan(s->cpu_p_busy) && isnan(s->cpu_e_busy))
			return NAN;
		return (isnan(s->cpu_p_busy) ? 0.0 : s->cpu_p_busy) +
		       eta * (isnan(s->cpu_e_busy) ? 0.0 : s->cpu_e_busy);
	case AA_FORECAST_SERIES_MEMORY:
		return use_wss ? s->wss_mib : s->mem_rss_mib;
	case AA_FORECAST_SERIES_GPU:
		return s->gpu_busy_pct;
	default:
		return NAN;
	}
}

/**
 * aa_forecast_profile:
 * @profile: a loaded profile trace
 * @series: which resource
 * @eta: E-core efficiency for the CPU series (MODEL.md: 0.6)
 * @horizon_s: the horizon in seconds, converted through the median sampling
 *   interval of time_s
 * @error: return location for a #GError
 *
 * Forecasts one resource series of a trace.  Rows are taken in time order
 * (file order among equal times); an empty cell repeats the value before it.
 *
 * Returns: (transfer full): the forecast, or %NULL with @error set
 * (%AA_ERROR_NOT_FOUND when the trace does not measure the series)
 */
AaForecast *
aa_forecast_profile(const AaProfile *profile, AaForecastSeries series, gdouble eta,
                    gdouble horizon_s, GError **error)
{
	g_autoptr(GArray) rows = NULL;
	g_autoptr(GArray) values = g_array_new(FALSE, FALSE, sizeof(gdouble));
	gdouble step_s = 0, steps, last = NAN;
	guint n_measured = 0, n_leading = 0;
	AaForecast *fc;

	if (!isfinite(horizon_s) || horizon_s <= 0) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		            "horizon %g s is not a positive number of seconds", horizon_s);
		return NULL;
	}
	if (profile->samples != NULL) {
		rows = g_array_copy(profile->samples);
		g_array_sort(rows, aa_forecast_cmp_time);
	}
	if (rows == NULL || !aa_forecast_step(rows, &step_s)) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_DATA,
		            "%s: no two increasing time_s values, so the sampling interval is "
		            "unknown; record the trace with the generated profiling script, which "
		            "writes time_s on every row",
		            profile->filename);
		return NULL;
	}
	for (guint i = 0; i < rows->len; i++) {
		const AaProfileSample *s = &g_array_index(rows, AaProfileSample, i);
		gdouble v = aa_forecast_sample_value(s, series, eta, profile->has_wss);
		if (isnan(v)) {
			if (isnan(last)) {
				n_leading++;
				continue;
			}
			v = last;
		} else {
			n_measured++;
		}
		last = v;
		g_array_append_val(values, v);
	}
	if (n_measured < 2) {
		g_set_error(error, AA_ERROR, AA_ERROR_NOT_FOUND,
		            "%s: the trace measures %s in %u rows; a forecast needs at least 2",
		            profile->filename, aa_forecast_series_to_string(series), n_measured);
		return NULL;
	}
	steps = round(horizon_s / step_s);
	if (steps > (gdouble)AA_FORECAST_MAX_HORIZON * (AA_FORECAST_MAX_SAMPLES + 1.0)) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		            "horizon %g s is %g sampling intervals of %g s; use a shorter "
		            "--horizon-s",
		            horizon_s, steps, step_s);
		return NULL;
	}
	fc = aa_forecast_new((gdouble *)values->data, values->len, step_s, MAX(1, (guint)steps),
	                     series == AA_FORECAST_SERIES_GPU ? 100.0 : INFINITY, error);
	if (fc == NULL)
		g_prefix_error(error, "%s: %s: ", profile->filename,
		               aa_forecast_series_to_string(series));
	return fc;
}

/**
 * aa_forecast_coverage:
 * @self: a forecast
 * @level: an allocation, in the series' unit
 *
 * The predicted probability that @level covers the demand at a moment of the
 * horizon: the share of the pooled outcomes (every lead, every window's
 * error) that are <= @level.
 *
 * Returns: a probability in [0, 1]
 */
gdouble
aa_forecast_coverage(const AaForecast *self, gdouble level)
{
	const gdouble *v = (const gdouble *)self->outcomes->data;
	guint lo = 0, hi = self->outcomes->len;
	if (hi == 0)
		return 1.0;
	/* the count of outcomes <= level, by bisection on the sorted array */
	while (lo < hi) {
		guint mid = lo + (hi - lo) / 2;
		if (v[mid] <= level)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (gdouble)lo / self->outcomes->len;
}

/**
 * aa_forecast_size:
 * @self: a forecast
 * @quantum: the allocation quantum (> 0)
 * @confidence: the probability the allocation must reach, in (0, 1]
 * @coverage: (out) (optional): the predicted coverage of the result
 *
 * PAQ's bin: the smallest multiple of @quantum whose predicted probability of
 * covering the demand over the horizon reaches @confidence.
 *
 * Returns: the bin, a multiple of @quantum (0 when no demand is predicted)
 */
gdouble
aa_forecast_size(const AaForecast *self, gdouble quantum, gdouble confidence, gdouble *coverage)
{
	const gdouble *v = (const gdouble *)self->outcomes->data;
	gdouble need = aa_forecast_rank(v, self->outcomes->len, CLAMP(confidence, 0.0, 1.0));
	gdouble bins, bin;

	if (isnan(need))
		need = 0;
	bins = MAX(0.0, ceil(need / quantum - 1e-9));
	bin = bins * quantum;
	/* rounding can only raise the coverage; step back if one bin less is enough */
	while (bins > 0 && aa_forecast_coverage(self, (bins - 1) * quantum) >= confidence) {
		bins -= 1;
		bin = bins * quantum;
	}
	if (coverage != NULL)
		*coverage = aa_forecast_coverage(self, bin);
	return bin;
}

/* a figure to 4 decimals; not finite is null */
static void
aa_forecast_json_number(JsonBuilder *b, const gchar *member, gdouble v)
{
	aa_json_add_double(b, member, round(v * 1e4) / 1e4);
}

/* the headline figures of a series, in FORMATS.md's order */
static void
aa_forecast_json_figures(JsonBuilder *b, const AaForecast *fc)
{
	static const gchar *const names[] = {"accuracy_pct", "horizon_s", "mean", "q50",
	                                     "q90",          "q95",       "q99"};
	const gdouble values[] = {fc->accuracy_pct, fc->horizon_s, fc->mean, fc->q50,
	                          fc->q90,          fc->q95,       fc->q99};

	for (guint i = 0; i < G_N_ELEMENTS(names); i++)
		aa_forecast_json_number(b, names[i], values[i]);
}

/**
 * aa_forecast_report:
 * @profile: a loaded profile trace
 * @eta: E-core efficiency for the CPU series
 * @horizon_s: the horizon in seconds
 * @json: %TRUE for FORMATS.md's JSON, %FALSE for text
 * @error: return location for a #GError
 *
 * The `forecast` command: every series the trace measures.  A series it does
 * not measure is null in JSON.
 *
 * Returns: (transfer full): the text, or %NULL with @error set
 */
gchar *
aa_forecast_report(const AaProfile *profile, gdouble eta, gdouble horizon_s, gboolean json,
                   GError **error)
{
	g_autoptr(JsonBuilder) b = json_builder_new();
	g_autoptr(GString) text = g_string_new(NULL);
	guint n_series = 0;

	json_builder_begin_object(b);
	aa_json_begin_object(b, "series");
	g_string_append_printf(text, "%s: forecast %g s ahead (100 - MAPE over held-out windows)\n",
	                       profile->filename, horizon_s);
	for (guint s = 0; s < AA_FORECAST_SERIES_COUNT; s++) {
		g_autoptr(GError) error_local = NULL;
		g_autoptr(AaForecast) fc =
		    aa_forecast_profile(profile, s, eta, horizon_s, &error_local);
		const gchar *name = aa_forecast_series_names[s];
		const gchar *unit = aa_forecast_series_units[s];
		g_autofree gchar *acc = NULL;

		if (fc == NULL) {
			if (!g_error_matches(error_local, AA_ERROR, AA_ERROR_NOT_FOUND)) {
				g_propagate_error(error, g_steal_pointer(&error_local));
				return NULL;
			}
			aa_json_add_null(b, name);
			g_string_append_printf(text, "  %-7s not measured\n", name);
			continue;
		}
		n_series++;
		aa_json_begin_object(b, name);
		aa_json_add_string(b, "model", aa_forecast_model_names[fc->model]);
		aa_forecast_json_figures(b, fc);
		/* extensions: what the figures rest on */
		aa_json_add_string(b, "unit", unit);
		aa_forecast_json_number(b, "last", fc->last);
		aa_forecast_json_number(b, "step_s", fc->step_s);
		aa_json_add_int(b, "horizon_steps", fc->horizon_steps);
		aa_json_add_int(b, "samples", fc->n_samples);
		aa_json_add_int(b, "period_steps", fc->period);
		aa_json_add_int(b, "ar_order", fc->ar_order);
		aa_json_begin_object(b, "windows");
		aa_json_add_int(b, "selection", fc->selection_windows);
		aa_json_add_int(b, "evaluation", fc->evaluation_windows);
		json_builder_end_object(b);
		aa_json_begin_object(b, "candidates");
		for (guint c = 0; c < AA_FORECAST_MODEL_EMPIRICAL; c++)
			aa_forecast_json_number(b, aa_forecast_model_names[c],
			                        fc->candidate_accuracy[c]);
		json_builder_end_object(b);
		json_builder_end_object(b);

		acc = isfinite(fc->accuracy_pct) ? g_strdup_printf("%.1f%%", fc->accuracy_pct)
		                                 : g_strdup("n/a");
		g_string_append_printf(text,
		                       "  %-7s %-14s accuracy %s  mean %.4g  q50 %.4g  q90 %.4g  "
		                       "q95 %.4g  q99 %.4g %s\n"
		                       "          (horizon %.4g s = %u steps "
		                       "of %.4g s, %u samples",
		                       name, aa_forecast_model_names[fc->model], acc, fc->mean,
		                       fc->q50, fc->q90, fc->q95, fc->q99, unit, fc->horizon_s,
		                       fc->horizon_steps, fc->step_s, fc->n_samples);
		if (fc->period > 0)
			g_string_append_printf(text, ", season %u steps", fc->period);
		if (fc->model == AA_FORECAST_MODEL_EMPIRICAL)
			g_string_append(text, "; too short to hold out a window: the trace's "
			                      "own spread, accuracy unknown");
		g_string_append(text, ")\n          held-out accuracy of each candidate:");
		for (guint c = 0; c < AA_FORECAST_MODEL_EMPIRICAL; c++) {
			if (isfinite(fc->candidate_accuracy[c]))
				g_string_append_printf(text, " %s %.1f%%",
				                       aa_forecast_model_names[c],
				                       fc->candidate_accuracy[c]);
		}
		g_string_append_c(text, '\n');
	}
	json_builder_end_object(b);
	json_builder_end_object(b);
	if (n_series == 0) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_DATA,
		            "%s: the trace measures no CPU, memory or GPU series; nothing to "
		            "forecast",
		            profile->filename);
		return NULL;
	}
	if (json)
		return aa_json_to_text(b);
	return g_string_free(g_steal_pointer(&text), FALSE);
}

/* a number option of the forecast command */
static gboolean
aa_forecast_option_double(GHashTable *options, const gchar *key, gdouble fallback, gdouble *out,
                          GError **error)
{
	const gchar *text = options != NULL ? g_hash_table_lookup(options, key) : NULL;
	gchar *end = NULL;

	if (text == NULL) {
		*out = fallback;
		return TRUE;
	}
	*out = g_ascii_strtod(text, &end);
	if (end == text || *end != '\0' || !isfinite(*out) || *out <= 0) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		            "--%s '%s' is not a positive number", key, text);
		return FALSE;
	}
	return TRUE;
}

/**
 * aa_forecast_command:
 * @options: `profile` (required), `horizon-s` (default 600), `eta` (default
 *   0.6, MODEL.md), `format` (`text` or `json`)
 * @error: return location for a #GError
 *
 * The `forecast` transform: loads the trace and forecasts its series.
 *
 * Returns: (transfer full): the text to print, or %NULL with @error set
 */
gchar *
aa_forecast_command(GHashTable *options, GError **error)
{
	const gchar *path = options != NULL ? g_hash_table_lookup(options, "profile") : NULL;
	const gchar *format = options != NULL ? g_hash_table_lookup(options, "format") : NULL;
	g_autoptr(AaProfile) profile = NULL;
	gdouble horizon_s = 0, eta = 0;

	if (aa_context_missing_option(path == NULL, "forecast needs --profile", error))
		return NULL;
	if (format != NULL && g_strcmp0(format, "text") != 0 && g_strcmp0(format, "json") != 0) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		            "--format '%s' is not text or json", format);
		return NULL;
	}
	if (!aa_forecast_option_double(options, "horizon-s", 600.0, &horizon_s, error) ||
	    !aa_forecast_option_double(options, "eta", AA_FORECAST_ETA_DEFAULT, &eta, error))
		return NULL;
	profile = aa_profile_load(path, error);
	if (profile == NULL)
		return NULL;
	return aa_forecast_report(profile, eta, horizon_s, g_strcmp0(format, "json") == 0, error);
}

/**
 * aa_forecast_band:
 * @self: a forecast
 * @lead: 0-based lead, < horizon_steps
 * @p: a probability
 *
 * The @p quantile of the demand at @lead: the point forecast plus the
 * cross-validation errors of that lead (the trace's spread for an empirical
 * forecast).
 *
 * Returns: the quantile, in the series' unit
 */
gdouble
aa_forecast_band(const AaForecast *self, guint lead, gdouble p)
{
	g_autofree gdouble *v = NULL;
	gdouble f;
	guint h = self->horizon_steps;

	if (lead >= self->path->len)
		return NAN;
	f = g_array_index(self->path, gdouble, lead);
	if (self->n_windows == 0)
		return aa_forecast_rank((const gdouble *)self->outcomes->data, self->outcomes->len,
		                        p);
	v = g_new(gdouble, self->n_windows);
	for (guint k = 0; k < self->n_windows; k++)
		v[k] = MAX(0.0, f + g_array_index(self->errors, gdouble, k * h + lead));
	qsort(v, self->n_windows, sizeof(gdouble), (GCompareFunc)aa_double_cmp);
	return aa_forecast_rank(v, self->n_windows, p);
}

/**
 * aa_forecast_demands_free:
 * @all: (nullable): what aa_forecast_demand_new() returned
 */
void
aa_forecast_demands_free(AaForecastDemand *all)
{
	if (all == NULL)
		return;
	for (guint s = 0; s < AA_FORECAST_SERIES_COUNT; s++) {
		g_free(all[s].reason);
		g_clear_pointer(&all[s].chart, g_array_unref);
		g_clear_pointer(&all[s].outcomes, g_array_unref);
	}
	g_free(all);
}

static void
aa_forecast_chart_add(GArray *chart, gdouble t, gdouble lo, gdouble hi)
{
	gdouble v[3] = {t, lo, hi};
	g_array_append_vals(chart, v, 3);
}

/* one resource: forecast, bin, coverage, chart; scale converts the series'
 * unit into the allocation's (GPU % into slices) */
static AaForecastDemand *
aa_forecast_demand_one(const AaProfile *profile, AaForecastSeries series, gdouble scale,
                       const AaForecastDemandOptions *options)
{
	AaForecastDemand *d = g_new0(AaForecastDemand, 1);
	g_autoptr(GError) error_local = NULL;
	g_autoptr(AaForecast) fc =
	    aa_forecast_profile(profile, series, options->eta, options->horizon_s, &error_local);
	gdouble headroom =
	    series == AA_FORECAST_SERIES_MEMORY ? 1.0 + options->memory_headroom : 1.0;
	guint hist_points = 48, band_points = 24, h;

	d->chart = g_array_new(FALSE, FALSE, sizeof(gdouble));
	d->outcomes = g_array_new(FALSE, FALSE, sizeof(gdouble));
	if (fc == NULL) {
		d->reason = g_strdup(error_local->message);
		return d;
	}
	d->valid = TRUE;
	d->model = fc->model;
	d->accuracy_pct = fc->accuracy_pct;
	d->horizon_s = fc->horizon_s;
	d->step_s = fc->step_s;
	d->mean = fc->mean * scale;
	d->q50 = fc->q50 * scale;
	d->q90 = fc->q90 * scale;
	d->q95 = fc->q95 * scale;
	d->q99 = fc->q99 * scale;

	/* the demand over the horizon, in the allocation's unit, sorted */
	for (guint i = 0; i < fc->outcomes->len; i++) {
		gdouble v = g_array_index(fc->outcomes, gdouble, i) * scale;
		g_array_append_val(d->outcomes, v);
	}

	/* PAQ: the smallest bin whose predicted coverage reaches the confidence,
	 * demand (with memory's headroom) pooled over the horizon */
	d->bin = aa_forecast_size(fc, options->bin[series] / (scale * headroom),
	                          options->confidence, NULL) *
	         scale * headroom;
	d->bin = MAX(d->bin, options->floor[series]);
	d->bin = ceil(d->bin / options->bin[series] - 1e-9) * options->bin[series];
	d->coverage = aa_forecast_coverage(fc, d->bin / scale);

	/* the chart: the trace's last stretch, then the band */
	h = fc->horizon_steps;
	for (guint i = 0; i < hist_points; i++) {
		guint len = fc->history->len;
		guint span = MIN(len, MAX(2 * h, 60));
		guint idx = len - span + (guint)((guint64)i * (span - 1) / (hist_points - 1));
		gdouble v = g_array_index(fc->history, gdouble, idx) * scale;
		aa_forecast_chart_add(d->chart, -((gdouble)(len - 1 - idx)) * fc->step_s, v, v);
	}
	for (guint i = 1; i <= band_points; i++) {
		guint lead = MAX(1, (guint)((guint64)i * h / band_points)) - 1;
		aa_forecast_chart_add(d->chart, (lead + 1) * fc->step_s,
		                      aa_forecast_band(fc, lead, 0.50) * scale,
		                      aa_forecast_band(fc, lead, 0.95) * scale);
	}
	return d;
}

/**
 * aa_forecast_demand_new:
 * @profile: a VM's profile trace
 * @options: horizon, confidence, quanta
 *
 * Seed 001's quantised bins from the forecast: for each resource the trace
 * measures, the smallest multiple of its quantum whose predicted probability
 * of covering the demand over the horizon reaches the confidence.  GPU busy
 * is converted into slices through the trace's `# allocation:` line (no GPU
 * sizing without it).
 *
 * Returns: (transfer full): an array of AA_FORECAST_SERIES_COUNT sizings
 */
AaForecastDemand *
aa_forecast_demand_new(const AaProfile *profile, const AaForecastDemandOptions *options)
{
	AaForecastDemand *all = g_new0(AaForecastDemand, AA_FORECAST_SERIES_COUNT);
	for (guint s = 0; s < AA_FORECAST_SERIES_COUNT; s++) {
		AaForecastDemand *d;
		gdouble scale = 1.0;
		if (s == AA_FORECAST_SERIES_GPU) {
			if (!profile->has_gpu) {
				all[s].reason = g_strdup("the trace does not measure GPU busy");
				all[s].chart = g_array_new(FALSE, FALSE, sizeof(gdouble));
				all[s].outcomes = g_array_new(FALSE, FALSE, sizeof(gdouble));
				continue;
			}
			if (!profile->has_allocation || profile->alloc_gpu_slices <= 0) {
				all[s].reason = g_strdup("the trace's '# allocation:' line gives "
				                         "no GPU slices, so GPU busy cannot be "
				                         "turned into slices");
				all[s].chart = g_array_new(FALSE, FALSE, sizeof(gdouble));
				all[s].outcomes = g_array_new(FALSE, FALSE, sizeof(gdouble));
				continue;
			}
			scale = (gdouble)profile->alloc_gpu_slices / 100.0;
		}
		d = aa_forecast_demand_one(profile, s, scale, options);
		all[s] = *d;
		g_free(d); /* the members now belong to all[s] */
	}
	return all;
}

/* private: the robust model's demand hook, fed by forecasts */
struct _AaForecastSizing {
	AaForecastDemandOptions options;
	GHashTable *vms; /* const AaIntentVm * -> AaForecastDemand[3] */
};

/**
 * aa_forecast_sizing_new:
 * @horizon_s: the forecast horizon
 * @confidence: the policy's demand confidence
 * @memory_headroom: the robust model's memory headroom
 * @memory_quantum_mib: the memory quantum
 *
 * The state behind aa_forecast_sizing_samples(), the robust model's
 * AaDemandSamplesFunc for <policy demand="forecast">: one forecast per VM,
 * kept for the recommendation's <forecast> elements.
 *
 * Returns: (transfer full): the state
 */
AaForecastSizing *
aa_forecast_sizing_new(gdouble horizon_s, gdouble confidence, gdouble memory_headroom,
                       guint memory_quantum_mib)
{
	AaForecastSizing *self = g_new0(AaForecastSizing, 1);
	self->options.horizon_s = horizon_s;
	self->options.confidence = confidence;
	self->options.memory_headroom = memory_headroom;
	self->options.bin[AA_FORECAST_SERIES_CPU] = 0.5;
	self->options.bin[AA_FORECAST_SERIES_MEMORY] = MAX(memory_quantum_mib, 1);
	self->options.bin[AA_FORECAST_SERIES_GPU] = 1.0;
	self->vms = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
	                                  (GDestroyNotify)aa_forecast_demands_free);
	return self;
}

/**
 * aa_forecast_sizing_free:
 * @self: (nullable): the state
 */
void
aa_forecast_sizing_free(AaForecastSizing *self)
{
	if (self == NULL)
		return;
	g_clear_pointer(&self->vms, g_hash_table_unref);
	g_free(self);
}

static AaForecastDemand *
aa_forecast_sizing_get(AaForecastSizing *self, const AaIntentVm *vm)
{
	AaForecastDemand *all = g_hash_table_lookup(self->vms, vm);
	if (all == NULL && vm->profile != NULL) {
		AaForecastDemandOptions options = self->options;
		options.eta = vm->has_eta ? vm->eta : AA_FORECAST_ETA_DEFAULT;
		all = aa_forecast_demand_new(vm->profile, &options);
		g_hash_table_insert(self->vms, (gpointer)vm, all);
	}
	return all;
}

/**
 * aa_forecast_sizing_samples:
 * @user_data: an #AaForecastSizing
 * @vm: the VM
 * @k: the resource
 * @samples: (inout): the trace's demand samples in the allocation's unit
 *
 * The robust model's demand hook (AaDemandSamplesFunc): puts the forecast's
 * demand over the horizon in place of the trace's samples, which the model
 * then sizes (smallest bin reaching the confidence).  Memory keeps the
 * trace's samples beside the forecast's: its size covers both.  A resource
 * without a forecast keeps its samples.
 */
void
aa_forecast_sizing_samples(gpointer user_data, const AaIntentVm *vm, AaResource k, GArray *samples)
{
	AaForecastSizing *self = user_data;
	AaForecastDemand *all = aa_forecast_sizing_get(self, vm);
	AaForecastDemand *d;
	const gdouble *v = (const gdouble *)(gpointer)samples->data;

	if (all == NULL || k >= AA_RESOURCE_COUNT)
		return;
	d = &all[k];
	if (k == AA_RESOURCE_MEMORY)
		d->trace_size = aa_demand_size_memory(
		    v, samples->len, self->options.memory_headroom, (guint)self->options.bin[k]);
	else if (k == AA_RESOURCE_CPU)
		d->trace_size = aa_demand_size_cpu(v, samples->len, self->options.confidence);
	else
		d->trace_size = aa_demand_size_gpu(v, samples->len, self->options.confidence);
	if (!d->valid)
		return;
	if (k != AA_RESOURCE_MEMORY)
		g_array_set_size(samples, 0);
	g_array_append_vals(samples, d->outcomes->data, d->outcomes->len);
}

/**
 * aa_forecast_sizing_lookup:
 * @self: the state
 * @vm: the VM
 * @k: the resource
 * @bin: what the model sized @k to
 *
 * The forecast behind a VM's resource, with @bin and its predicted coverage
 * (the share of the demand over the horizon that is <= @bin) filled in.
 *
 * Returns: (transfer none) (nullable): the forecast, %NULL when the VM had no
 *   profile to forecast
 */
AaForecastDemand *
aa_forecast_sizing_lookup(AaForecastSizing *self, const AaIntentVm *vm, AaResource k, gdouble bin)
{
	AaForecastDemand *all = g_hash_table_lookup(self->vms, vm);
	AaForecastDemand *d;
	guint lo = 0, hi;

	if (all == NULL || k >= AA_RESOURCE_COUNT)
		return NULL;
	d = &all[k];
	if (!d->valid)
		return d;
	d->bin = bin;
	hi = d->outcomes->len;
	while (lo < hi) {
		guint mid = lo + (hi - lo) / 2;
		if (g_array_index(d->outcomes, gdouble, mid) <= bin + 1e-9)
			lo = mid + 1;
		else
			hi = mid;
	}
	d->coverage = d->outcomes->len > 0 ? (gdouble)lo / d->outcomes->len : 1.0;
	return d;
}
