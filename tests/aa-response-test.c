/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Response families on hand-made calibration data: each family fits data of
 * its own shape, leave-one-out picks the right one where the paper's form is
 * wrong, and hostile points neither crash nor hang the fit.
 */

#include "config.h"

#include <math.h>

#include "aa-response.h"

/* a VM profiled at 4 cores (r_min 0.5), 4096 MiB (r_min 1024), no GPU */
static AaResponseContext
aa_response_test_context(gboolean higher, gdouble q_prof)
{
	AaResponseContext ctx = {.higher_is_better = higher, .q_prof = q_prof};
	ctx.r_prof[AA_RESOURCE_CPU] = 4.0;
	ctx.r_min[AA_RESOURCE_CPU] = 0.5;
	ctx.r_prof[AA_RESOURCE_MEMORY] = 4096.0;
	ctx.r_min[AA_RESOURCE_MEMORY] = 1024.0;
	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		if (ctx.r_prof[k] > 0.0)
			ctx.alpha[k] = 0.9 / (ctx.r_prof[k] - ctx.r_min[k]);
	}
	return ctx;
}

static AaResponsePoint
aa_response_test_point(gdouble cpu, gdouble mem, gdouble value)
{
	AaResponsePoint p = {{cpu, mem, 0.0}, value};
	return p;
}

/* fps with a cliff below a 3000 MiB working set: the paper's form cannot bend that way */
static gdouble
aa_response_test_cliff(gdouble mem)
{
	return mem >= 3000.0 ? 60.0 : 60.0 * 0.3 * mem / 3000.0;
}

/* @pts (8 of them): the cliff at 4 cores, memory 1024 to 8192 MiB */
static void
aa_response_test_cliff_points(AaResponsePoint *pts)
{
	const gdouble mems[] = {1024, 1536, 2048, 2560, 3072, 4096, 6144, 8192};

	for (guint i = 0; i < G_N_ELEMENTS(mems); i++)
		pts[i] = aa_response_test_point(4.0, mems[i], aa_response_test_cliff(mems[i]));
}

static void
aa_response_cliff_func(void)
{
	AaResponseContext ctx = aa_response_test_context(TRUE, 60.0);
	AaResponsePoint pts[8];
	g_autoptr(AaResponse) resp = NULL;
	const AaResponseFitInfo *paper;
	const AaResponseFitInfo *knee;
	gdouble below[] = {4.0, 2900.0, 0.0};
	gdouble above[] = {4.0, 5000.0, 0.0};

	aa_response_test_cliff_points(pts);
	resp = aa_response_new(&ctx, pts, G_N_ELEMENTS(pts));
	g_assert_true(aa_response_chosen_by_data(resp));
	g_assert_cmpint(aa_response_chosen(resp), ==, AA_RESPONSE_KNEE);
	paper = aa_response_fit_info(resp, AA_RESPONSE_PAPER);
	knee = aa_response_fit_info(resp, AA_RESPONSE_KNEE);
	g_assert_true(paper->available);
	g_assert_true(knee->available);
	g_assert_cmpfloat(knee->train_mse, <, 1e-6);
	g_assert_cmpfloat(knee->loo_mse * 10.0, <, paper->loo_mse);

	/* the knee sits at the lowest measured amount above the cliff: 2900 is below it */
	g_assert_cmpfloat(aa_response_predict(resp, below), <, 30.0);
	g_assert_cmpfloat(fabs(aa_response_predict(resp, above) - 60.0), <, 1e-3);
	/* the paper family, fitted on the same data, claims far more below the cliff */
	g_assert_cmpfloat(aa_response_predict_family(resp, AA_RESPONSE_PAPER, below), >, 30.0);
	g_assert_cmpfloat(aa_response_sigma(resp), >=, 0.6);
}

/* throughput with a serial fraction of 20 %: Amdahl's law on CPU */
static void
aa_response_amdahl_func(void)
{
	AaResponseContext ctx = aa_response_test_context(TRUE, 100.0 / (0.2 + 0.8 / 4.0));
	AaResponsePoint pts[8];
	g_autoptr(AaResponse) resp = NULL;
	gdouble at[] = {6.5, 4096.0, 0.0};

	for (guint i = 0; i < G_N_ELEMENTS(pts); i++) {
		gdouble x = i + 1.0;
		pts[i] = aa_response_test_point(x, 4096.0, 100.0 / (0.2 + 0.8 / x));
	}
	resp = aa_response_new(&ctx, pts, G_N_ELEMENTS(pts));
	g_assert_cmpint(aa_response_chosen(resp), ==, AA_RESPONSE_AMDAHL);
	g_assert_cmpfloat(aa_response_fit_info(resp, AA_RESPONSE_AMDAHL)->train_mse, <, 1e-6);
	/* held out, the lowest point is below the others: the prior extrapolates there */
	g_assert_cmpfloat(aa_response_fit_info(resp, AA_RESPONSE_AMDAHL)->loo_mse, <,
	                  aa_response_fit_info(resp, AA_RESPONSE_PAPER)->loo_mse);
	g_assert_cmpfloat(fabs(aa_response_predict(resp, at) - 100.0 / (0.2 + 0.8 / 6.5)), <, 1e-3);
	/* memory was never varied: it keeps the paper's default shape, 1 at 4096 */
	at[AA_RESOURCE_MEMORY] = 2048.0;
	g_assert_cmpfloat(aa_response_predict(resp, at), <, 0.7 * 100.0 / (0.2 + 0.8 / 6.5));
}

/* latency with a sigmoid saturation (Hill exponent 2), lower is better */
static void
aa_response_michaelis_menten_func(void)
{
	AaResponseContext ctx = aa_response_test_context(FALSE, 10.0);
	AaResponsePoint pts[7];
	g_autoptr(AaResponse) resp = NULL;
	gdouble k = 0.6;

	for (guint i = 0; i < G_N_ELEMENTS(pts); i++) {
		gdouble x = 0.75 + i;
		gdouble u = x / 4.0;
		pts[i] = aa_response_test_point(x, 4096.0,
		                                10.0 / (u * u * (1.0 + k * k) / (k * k + u * u)));
	}
	resp = aa_response_new(&ctx, pts, G_N_ELEMENTS(pts));
	g_assert_cmpint(aa_response_chosen(resp), ==, AA_RESPONSE_MICHAELIS_MENTEN);
	g_assert_cmpfloat(aa_response_fit_info(resp, AA_RESPONSE_MICHAELIS_MENTEN)->train_mse, <,
	                  1e-6);
	g_assert_cmpfloat(aa_response_fit_info(resp, AA_RESPONSE_MICHAELIS_MENTEN)->loo_mse, <,
	                  aa_response_fit_info(resp, AA_RESPONSE_AMDAHL)->loo_mse);
}

/* the paper's own form on two resources: the paper family wins and is exact */
static gdouble
aa_response_test_paper_f(gdouble t, gdouble r_prof, gdouble r_min, gdouble x)
{
	gdouble alpha = t / (r_prof - r_min);
	gdouble c = 1.0 - alpha * (r_prof - r_min);
	return x < r_prof ? alpha * (x - r_min) : 1.0 - c * exp(-alpha / c * (x - r_prof));
}

static void
aa_response_paper_func(void)
{
	AaResponseContext ctx = aa_response_test_context(TRUE, 50.0);
	const gdouble cpus[] = {1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 2.5, 4.5};
	const gdouble mems[] = {4096, 2048, 3072, 1536, 4096, 2560, 6144, 3584};
	AaResponsePoint pts[G_N_ELEMENTS(cpus)];
	g_autoptr(AaResponse) resp = NULL;

	/* true t = 0.5 on CPU, 0.7 on memory */
	for (guint i = 0; i < G_N_ELEMENTS(pts); i++) {
		gdouble f = aa_response_test_paper_f(0.5, 4.0, 0.5, cpus[i]) *
		            aa_response_test_paper_f(0.7, 4096.0, 1024.0, mems[i]);
		pts[i] = aa_response_test_point(cpus[i], mems[i], 50.0 * f);
	}
	resp = aa_response_new(&ctx, pts, G_N_ELEMENTS(pts));
	g_assert_cmpint(aa_response_chosen(resp), ==, AA_RESPONSE_PAPER);
	/* within half a percent of the values (about 50) */
	g_assert_cmpfloat(aa_response_fit_info(resp, AA_RESPONSE_PAPER)->loo_mse, <, 0.1);
}

/* monotone interpolation: exact at the points, linear between, flat above */
static void
aa_response_pwl_func(void)
{
	AaResponseContext ctx = aa_response_test_context(TRUE, NAN);
	const gdouble xs[] = {1.0, 2.0, 3.0, 5.0, 8.0};
	const gdouble ys[] = {10.0, 14.0, 30.0, 31.0, 45.0};
	AaResponsePoint pts[G_N_ELEMENTS(xs)];
	g_autoptr(AaResponse) resp = NULL;
	gdouble x[] = {4.0, 4096.0, 0.0};
	gdouble prev = 0.0;

	for (guint i = 0; i < G_N_ELEMENTS(xs); i++)
		pts[i] = aa_response_test_point(xs[i], 4096.0, ys[i]);
	resp = aa_response_new(&ctx, pts, G_N_ELEMENTS(pts));
	/* without a profiled value the paper form cannot be used */
	g_assert_false(aa_response_fit_info(resp, AA_RESPONSE_PAPER)->available);
	g_assert_cmpfloat(aa_response_fit_info(resp, AA_RESPONSE_PWL)->train_mse, <, 1e-9);
	g_assert_cmpfloat(fabs(aa_response_predict_family(resp, AA_RESPONSE_PWL, x) - 30.5), <,
	                  1e-6);
	x[AA_RESOURCE_CPU] = 20.0;
	g_assert_cmpfloat(fabs(aa_response_predict_family(resp, AA_RESPONSE_PWL, x) - 45.0), <,
	                  1e-6);
	/* monotone everywhere, below the first point included */
	for (gdouble c = 0.25; c <= 10.0; c += 0.25) {
		gdouble v;
		x[AA_RESOURCE_CPU] = c;
		v = aa_response_predict_family(resp, AA_RESPONSE_PWL, x);
		g_assert_cmpfloat(v, >=, prev - 1e-9);
		prev = v;
	}
}

/* a measured dip (noise) is pooled away: the interpolation stays monotone */
static void
aa_response_pwl_pooled_func(void)
{
	AaResponseContext ctx = aa_response_test_context(FALSE, 20.0);
	const gdouble xs[] = {1.0, 2.0, 3.0, 4.0, 5.0};
	const gdouble ys[] = {40.0, 30.0, 31.0, 20.0, 18.0};
	AaResponsePoint pts[G_N_ELEMENTS(xs)];
	g_autoptr(AaResponse) resp = NULL;
	gdouble a[] = {2.0, 4096.0, 0.0};
	gdouble b[] = {3.0, 4096.0, 0.0};

	for (guint i = 0; i < G_N_ELEMENTS(xs); i++)
		pts[i] = aa_response_test_point(xs[i], 4096.0, ys[i]);
	resp = aa_response_new(&ctx, pts, G_N_ELEMENTS(pts));
	/* lower is better: latency may not rise with more CPU */
	g_assert_cmpfloat(aa_response_predict_family(resp, AA_RESPONSE_PWL, b), <=,
	                  aa_response_predict_family(resp, AA_RESPONSE_PWL, a) + 1e-9);
	g_assert_cmpfloat(fabs(aa_response_predict_family(resp, AA_RESPONSE_PWL, a) - 30.5), <,
	                  1e-3);
}

/* three points are too few to choose: the paper form with the default uncertainty */
static void
aa_response_too_few_func(void)
{
	AaResponseContext ctx = aa_response_test_context(TRUE, 60.0);
	AaResponsePoint pts[3];
	g_autoptr(AaResponse) resp = NULL;
	g_autoptr(AaResponse) none = NULL;
	gdouble x[] = {4.0, 4096.0, 0.0};

	for (guint i = 0; i < G_N_ELEMENTS(pts); i++)
		pts[i] = aa_response_test_point(4.0, 1024.0 * (i + 2),
		                                aa_response_test_cliff(1024.0 * (i + 2)));
	resp = aa_response_new(&ctx, pts, G_N_ELEMENTS(pts));
	g_assert_false(aa_response_chosen_by_data(resp));
	g_assert_cmpint(aa_response_chosen(resp), ==, AA_RESPONSE_PAPER);
	g_assert_false(aa_response_fit_info(resp, AA_RESPONSE_KNEE)->available);
	g_assert_cmpfloat(aa_response_sigma(resp), >=, AA_RESPONSE_DEFAULT_SIGMA * 60.0);

	/* no point at all: the paper's defaults, F = 0.9 * 0.9 at the profile */
	none = aa_response_new(&ctx, NULL, 0);
	g_assert_cmpint(aa_response_chosen(none), ==, AA_RESPONSE_PAPER);
	g_assert_cmpfloat(fabs(aa_response_predict(none, x) - 60.0 * 0.81), <, 1e-9);
	g_assert_cmpfloat(fabs(aa_response_sigma(none) - 9.0), <, 1e-9);
}

/* hostile points: non-finite values skipped, huge and zero values and too
 * many points handled in bounded time, predictions never NaN for a fit */
static void
aa_response_hostile_func(void)
{
	AaResponseContext ctx = aa_response_test_context(FALSE, 5.0);
	g_autofree AaResponsePoint *pts = g_new0(AaResponsePoint, 1000);
	g_autoptr(AaResponse) resp = NULL;
	g_autoptr(AaResponse) same = NULL;
	gdouble x[] = {3.0, 2048.0, 0.0};
	gint64 t0 = g_get_monotonic_time();

	for (guint i = 0; i < 1000; i++) {
		gdouble v = (i % 7 == 0) ? NAN : (i % 5 == 0) ? 0.0 : (i % 11 == 0) ? 1e300 : i;
		pts[i] = aa_response_test_point((i % 9) * 0.5, 512.0 * (i % 13), v);
	}
	pts[3].x[AA_RESOURCE_CPU] = INFINITY;
	resp = aa_response_new(&ctx, pts, 1000);
	g_assert_cmpuint(aa_response_n_points(resp), ==, AA_RESPONSE_MAX_POINTS);
	g_assert_false(isnan(aa_response_predict(resp, x)));
	g_assert_false(isnan(aa_response_sigma(resp)));
	/* same points, same answer */
	same = aa_response_new(&ctx, pts, 1000);
	g_assert_cmpint(aa_response_chosen(same), ==, aa_response_chosen(resp));
	g_assert_cmpfloat(aa_response_predict(same, x), ==, aa_response_predict(resp, x));
	/* bounded work: well under a minute even under sanitizers */
	g_assert_cmpint(g_get_monotonic_time() - t0, <, 60 * G_USEC_PER_SEC);
}

/* the chosen family's prediction and sigmas are finite at @resp's points,
 * below, between and far above them */
static void
aa_response_test_assert_finite(const AaResponse *resp, const AaResponsePoint *pts, guint n)
{
	const gdouble far[][AA_RESOURCE_COUNT] = {
	    {0.0, 0.0, 0.0}, {0.5, 1.0, 0.0}, {3.0, 2048.0, 0.0}, {1e6, 1e9, 8.0}};

	g_assert_true(isfinite(aa_response_sigma(resp)));
	g_assert_cmpfloat(aa_response_sigma(resp), >=, 0.0);
	for (guint i = 0; i < n + G_N_ELEMENTS(far); i++) {
		const gdouble *x = i < n ? pts[i].x : far[i - n];
		g_assert_true(isfinite(aa_response_predict(resp, x)));
		g_assert_true(isfinite(aa_response_sigma_at(resp, x)));
	}
}

/* degenerate points: every fit either stands with finite predictions and
 * sigmas or is not chosen; in both directions, with and without Q_prof */
static void
aa_response_degenerate_func(void)
{
	enum { N = 8 };
	const gchar *cases[] = {"equal", "one-allocation", "span", "zero-negative", "ecores"};

	for (guint c = 0; c < G_N_ELEMENTS(cases); c++) {
		for (guint d = 0; d < 4; d++) {
			AaResponseContext ctx =
			    aa_response_test_context(d % 2 == 0, d < 2 ? 50.0 : NAN);
			AaResponsePoint pts[N];
			gboolean held_out[N];
			g_autoptr(AaResponse) resp = NULL;
			gdouble mse;

			for (guint i = 0; i < N; i++) {
				gdouble cpu = 1.0 + i % 4, mem = 1024.0 * (1 + i / 4), v = 10.0;
				if (c == 1) {
					cpu = 2.0;
					mem = 2048.0;
					v = 10.0 + i;
				} else if (c == 2) {
					v = i % 2 == 0 ? 1e-300 : 1e300;
				} else if (c == 3) {
					v = (gdouble)i - 4.0;
				} else if (c == 4) {
					/* E-cores only: 1 to 4 E-cores at the model's speed 0.6 */
					cpu = 0.6 * (1 + i % 4);
					v = 5.0 * cpu;
				}
				pts[i] = aa_response_test_point(cpu, mem, v);
				held_out[i] = TRUE;
			}
			g_test_message("%s, direction %u", cases[c], d);
			resp = aa_response_new(&ctx, pts, N);
			g_assert_cmpuint(aa_response_n_points(resp), ==, N);
			aa_response_test_assert_finite(resp, pts, N);
			/* every point held out (the E-core speed's criterion): never NaN */
			mse = aa_response_held_out_mse(&ctx, pts, N, held_out, AA_RESPONSE_PWL);
			g_assert_false(isnan(mse));
			g_assert_cmpfloat(mse, >=, 0.0);
		}
	}
}

/* five calibration runs of an inference VM (seed 1000 of the refine bench's
 * amdahl world, 2 % noise): profiled at 4 P-cores, 10240 MiB, 3 slices; one
 * run each at 2 P-cores, 7680 MiB (below a working set of 8000: a cliff), 1
 * slice, and 4 E-cores whose true speed is 0.6 of a P-core; tokens per second
 * (higher) and latency (lower) */
static const gdouble aa_response_test_runs[5][4] = {
    {4, 0, 10240, 3}, {2, 0, 10240, 3}, {4, 0, 7680, 3}, {4, 0, 10240, 1}, {0, 4, 10240, 3}};
static const gdouble aa_response_test_tokens[5] = {24.141, 13.421, 6.81061, 11.7376, 15.7646};
static const gdouble aa_response_test_latency[5] = {257.57, 454.685, 885.874, 505.498, 395.052};

/* one metric's relative errors at the E-core speed @eta: the interpolation's
 * held-out MSE at the E-core run (@held) and its leave-one-out MSE over all
 * runs (@all), both over Q_prof squared */
static void
aa_response_test_eta_errors(gboolean higher, gdouble q_prof, const gdouble *values, gdouble eta,
                            gdouble *held, gdouble *all)
{
	AaResponseContext ctx = {.higher_is_better = higher,
	                         .q_prof = q_prof,
	                         .r_prof = {3.5, 8960.0, 2.0},
	                         .r_min = {0.5, 2240.0, 0.0},
	                         .alpha = {1.0 / 3.0, 0.000104129643, 0.5}};
	AaResponsePoint pts[5];
	gboolean e_core[5];
	g_autoptr(AaResponse) resp = NULL;

	for (guint i = 0; i < 5; i++) {
		const gdouble *run = aa_response_test_runs[i];
		pts[i] = (AaResponsePoint){{run[0] + eta * run[1], run[2], run[3]}, values[i]};
		e_core[i] = run[1] > 0.0;
	}
	resp = aa_response_new_full(&ctx, pts, 5, 1u << AA_RESPONSE_PWL);
	*held +=
	    aa_response_held_out_mse(&ctx, pts, 5, e_core, AA_RESPONSE_PWL) / (q_prof * q_prof);
	*all += aa_response_fit_info(resp, AA_RESPONSE_PWL)->loo_mse / (q_prof * q_prof);
}

/* the E-core speed from one run on E-cores among runs that each vary one
 * resource: the held-out error at the E-core run finds the true 0.6, while
 * the leave-one-out error over every run, dominated by the cliff and GPU runs
 * that no speed explains, prefers 1.0 (the E-core run then pools with the
 * P-core runs at 4 and pulls their level towards those low runs) */
static void
aa_response_held_out_func(void)
{
	gdouble best_held = INFINITY;
	gdouble best_all = INFINITY;
	gdouble eta_held = 0.0;
	gdouble eta_all = 0.0;
	AaResponseContext ctx = aa_response_test_context(TRUE, 60.0);
	AaResponsePoint pts[4];
	const gboolean none[4] = {FALSE, FALSE, FALSE, FALSE};
	const gboolean last[4] = {FALSE, FALSE, FALSE, TRUE};

	for (guint g = 2; g <= 10; g++) {
		gdouble eta = g / 10.0;
		gdouble held = 0.0;
		gdouble all = 0.0;
		aa_response_test_eta_errors(TRUE, 24.1332, aa_response_test_tokens, eta, &held,
		                            &all);
		aa_response_test_eta_errors(FALSE, 246.468, aa_response_test_latency, eta, &held,
		                            &all);
		if (held < best_held) {
			best_held = held;
			eta_held = eta;
		}
		if (all < best_all) {
			best_all = all;
			eta_all = eta;
		}
	}
	g_assert_cmpfloat(fabs(eta_held - 0.6), <, 1e-9);
	g_assert_cmpfloat(fabs(eta_all - 1.0), <, 1e-9);

	/* nothing held out: NaN; on a straight line the interpolation of the others
	 * predicts an inner point exactly */
	for (guint i = 0; i < 4; i++)
		pts[i] = aa_response_test_point(4.0, 2048.0 + 1024.0 * i, 10.0 + i);
	g_assert_true(isnan(aa_response_held_out_mse(&ctx, pts, 4, none, AA_RESPONSE_PWL)));
	pts[3] = pts[2];
	pts[2] = aa_response_test_point(4.0, 5120.0, 13.0);
	g_assert_cmpfloat(aa_response_held_out_mse(&ctx, pts, 4, last, AA_RESPONSE_PWL), <, 1e-12);
}

/* the true throughput of a VM with a serial fraction of 0.2 (100 at 4 P-cores),
 * a memory cliff below 5000 MiB and E-cores at 0.3 of a P-core */
static gdouble
aa_response_test_slow_ecores(gdouble p, gdouble e, gdouble mem)
{
	gdouble x = p + 0.3 * e;
	gdouble cpu = 1.0 / (0.2 + 0.8 / x) / 2.5;
	return 100.0 * cpu * (mem >= 5000.0 ? 1.0 : 0.4 * mem / 5000.0);
}

/* the E-core speed whose held-out error at the E-core run is smallest, with
 * r_min,cpu = @r_min below the P-core runs */
static gdouble
aa_response_test_eta(gdouble r_min)
{
	const gdouble runs[4][3] = {{4, 0, 6144}, {2, 0, 6144}, {4, 0, 4608}, {0, 4, 6144}};
	const gboolean e_core[4] = {FALSE, FALSE, FALSE, TRUE};
	AaResponseContext ctx = {.higher_is_better = TRUE,
	                         .q_prof = 100.0,
	                         .r_prof = {2.5, 5632.0, 0.0},
	                         .r_min = {r_min, 1408.0, 0.0},
	                         .alpha = {0.45, 0.9 / 4224.0, 0.0}};
	gdouble best = INFINITY;
	gdouble best_eta = 0.0;

	for (guint g = 2; g <= 10; g++) {
		AaResponsePoint pts[4];
		gdouble mse;
		for (guint i = 0; i < 4; i++)
			pts[i] = (AaResponsePoint){
			    {runs[i][0] + 0.1 * g * runs[i][1], runs[i][2], 0.0},
			    aa_response_test_slow_ecores(runs[i][0], runs[i][1], runs[i][2])};
		mse = aa_response_held_out_mse(&ctx, pts, 4, e_core, AA_RESPONSE_PWL);
		if (mse < best) {
			best = mse;
			best_eta = 0.1 * g;
		}
	}
	return best_eta;
}

/* below the P-core runs the paper's curve (zero at r_min = 0.5 cores) is
 * pessimistic, which makes E-cores at 0.3 look like 0.4; scaling as x / x_lo
 * (r_min 0) finds 0.3 */
static void
aa_response_held_out_slow_ecores_func(void)
{
	g_assert_cmpfloat(fabs(aa_response_test_eta(0.5) - 0.4), <, 1e-9);
	g_assert_cmpfloat(fabs(aa_response_test_eta(0.0) - 0.3), <, 1e-9);
}

/* the amdahl world's design without noise: CPU by Amdahl's law (serial 0.05),
 * a memory cliff below 8000 MiB, a GPU knee at 2 slices; one run varies one
 * resource.  With the paper's curve on memory and GPU, amdahl's fit bends to
 * the cliff run and claims about 20 at 5 P-cores; with their interpolation
 * the CPU runs alone set Amdahl's law, which gives the truth, 28.8 */
static gdouble
aa_response_test_amdahl_world(gdouble x, gdouble mem, gdouble gpu)
{
	gdouble cpu = (1.0 / (0.05 + 0.95 / x)) / (1.0 / (0.05 + 0.95 / 4.0));
	return 24.0 * cpu * (mem >= 8000.0 ? 1.0 : 0.3 * mem / 8000.0) * MIN(1.0, gpu / 2.0);
}

static void
aa_response_semiparametric_func(void)
{
	AaResponseContext ctx = {.higher_is_better = TRUE,
	                         .q_prof = 24.0,
	                         .r_prof = {3.5, 8960.0, 2.0},
	                         .r_min = {0.5, 2240.0, 0.0},
	                         .alpha = {0.3, 0.9 / 6720.0, 0.45}};
	const gdouble runs[5][3] = {
	    {4, 10240, 3}, {2, 10240, 3}, {4, 7680, 3}, {4, 10240, 1}, {2.4, 10240, 3}};
	AaResponsePoint pts[5];
	g_autoptr(AaResponse) resp = NULL;
	const gdouble five[] = {5.0, 10240.0, 3.0};
	const gdouble cliff[] = {4.0, 7680.0, 3.0};
	const gdouble above[] = {4.0, 20480.0, 3.0};
	gdouble truth = aa_response_test_amdahl_world(5.0, 10240.0, 3.0);

	for (guint i = 0; i < 5; i++)
		pts[i] = (AaResponsePoint){
		    {runs[i][0], runs[i][1], runs[i][2]},
		    aa_response_test_amdahl_world(runs[i][0], runs[i][1], runs[i][2])};
	resp = aa_response_new(&ctx, pts, 5);
	g_assert_cmpint(aa_response_chosen(resp), ==, AA_RESPONSE_AMDAHL);
	g_assert_cmpfloat(aa_response_fit_info(resp, AA_RESPONSE_AMDAHL)->train_mse, <, 0.1);
	g_assert_cmpfloat(fabs(aa_response_predict(resp, five) - truth), <, 0.03 * truth);
	/* the cliff run is explained by the memory term, and more memory than was
	 * measured gains nothing */
	g_assert_cmpfloat(fabs(aa_response_predict(resp, cliff) - pts[2].value), <,
	                  0.05 * pts[2].value);
	g_assert_cmpfloat(fabs(aa_response_predict(resp, above) - pts[0].value), <,
	                  0.03 * pts[0].value);

	/* a value that is not positive: no log scale, the paper's curve stays (the
	 * old fit), no crash */
	pts[2].value = 0.0;
	{
		g_autoptr(AaResponse) zero = aa_response_new(&ctx, pts, 5);
		gdouble v = aa_response_predict_family(zero, AA_RESPONSE_AMDAHL, five);
		g_assert_true(isfinite(v));
		g_assert_cmpfloat(v, <, 0.9 * truth);
	}
}

/* the uncertainty near the measured runs is what the family misses there,
 * far from them the held-out error of the runs as isolated as that, of the
 * runs that speak for it */
static void
aa_response_sigma_at_func(void)
{
	AaResponseContext ctx = aa_response_test_context(TRUE, 60.0);
	AaResponsePoint pts[8];
	g_autoptr(AaResponse) resp = NULL;
	const gdouble at[] = {4.0, 4096.0, 0.0};
	const gdouble near[] = {4.0, 4352.0, 0.0};
	const gdouble far[] = {4.0, 60000.0, 0.0};
	const gdouble low[] = {4.0, 0.0, 0.0};
	gdouble sigma;

	aa_response_test_cliff_points(pts);
	resp = aa_response_new(&ctx, pts, G_N_ELEMENTS(pts));
	sigma = aa_response_sigma(resp);
	g_assert_cmpfloat(sigma, >=, 0.6);
	/* at a measured run: the training error (none here), floored at 1 % of 60 */
	g_assert_cmpfloat_with_epsilon(aa_response_sigma_at(resp, at), 0.6, 1e-9);
	g_assert_cmpfloat(aa_response_sigma_at(resp, near), >=, 0.6);
	g_assert_cmpfloat(aa_response_sigma_at(resp, near), <=, sigma + 1e-9);
	/* farther from every run than any run from the others, above them: the
	 * held-out error of the runs that speak for it, all but the lowest (which
	 * the others cannot foresee below their range); the knee predicts each of
	 * them, so only the floor is left */
	g_assert_cmpfloat_with_epsilon(aa_response_sigma_at(resp, far), 0.6, 1e-9);
	/* below every run the lowest one speaks too: about the held-out RMSE */
	g_assert_cmpfloat(aa_response_sigma_at(resp, low), >=, 0.9 * sigma);
	g_assert_cmpfloat(aa_response_sigma_at(resp, low), <=, sigma + 1e-9);
}

/* the refine bench's calibration: the profiled run (4 cores, 4096 MiB) and
 * runs with half the cores, with 3072 MiB below a working set of 3500 MiB
 * the profile could not show (a cliff), with 6 and 3 cores; Amdahl above
 * the cliff.  Only the cliff run says anything about memory below 4096 MiB:
 * its held-out error is the uncertainty there, not at 4096 MiB and above */
static gdouble
aa_response_test_hidden_cliff(gdouble cpu, gdouble mem)
{
	gdouble speed = 1.0 / (0.2 + 0.8 / cpu);
	return 10.0 * speed * (mem >= 3500.0 ? 1.0 : 0.25);
}

static void
aa_response_sigma_below_func(void)
{
	AaResponseContext ctx = aa_response_test_context(TRUE, 10.0);
	const gdouble runs[][2] = {{4, 4096}, {2, 4096}, {4, 3072}, {6, 4096}, {3, 4096}};
	AaResponsePoint pts[G_N_ELEMENTS(runs)];
	g_autoptr(AaResponse) resp = NULL;
	const gdouble inside[] = {5.0, 4096.0, 0.0};
	const gdouble above[] = {5.0, 8192.0, 0.0};
	const gdouble below[] = {5.0, 3328.0, 0.0};
	gdouble sigma;

	for (guint i = 0; i < G_N_ELEMENTS(runs); i++)
		pts[i] = aa_response_test_point(
		    runs[i][0], runs[i][1], aa_response_test_hidden_cliff(runs[i][0], runs[i][1]));
	resp = aa_response_new(&ctx, pts, G_N_ELEMENTS(pts));
	g_assert_true(aa_response_chosen_by_data(resp));
	sigma = aa_response_sigma(resp);
	/* no family foresees the cliff from the other runs: the global error is
	 * large, over a tenth of the values */
	g_assert_cmpfloat(sigma, >, 1.0);
	/* within the measured memory or above it, the cliff run does not count:
	 * the other runs' held-out error is small */
	g_assert_cmpfloat(aa_response_sigma_at(resp, inside), <, 0.25 * sigma);
	g_assert_cmpfloat(aa_response_sigma_at(resp, above), <, 0.25 * sigma);
	/* below the others' memory, where the cliff run was, it counts */
	g_assert_cmpfloat(aa_response_sigma_at(resp, below), >,
	                  2.0 * aa_response_sigma_at(resp, above));
}

/* CPU outside the amounts measured (three points: the paper's form stands):
 * the paper's curve, steep near r_min (0.5 cores), gains threefold from 1
 * core to 2 and loses sevenfold from 4 cores to 1; a response is at most
 * proportional to the cores above the amounts measured and at least
 * proportional below them */
static void
aa_response_proportional_bounds_func(void)
{
	AaResponseContext ctx = aa_response_test_context(TRUE, 60.0);
	const gdouble mems[] = {4096.0, 6144.0, 8192.0};
	AaResponsePoint one[G_N_ELEMENTS(mems)];
	AaResponsePoint four[G_N_ELEMENTS(mems)];
	g_autoptr(AaResponse) low = NULL;
	g_autoptr(AaResponse) high = NULL;
	const gdouble at_one[] = {1.0, 4096.0, 0.0};
	const gdouble at_two[] = {2.0, 4096.0, 0.0};
	const gdouble at_four[] = {4.0, 4096.0, 0.0};
	gdouble q1;
	gdouble q2;
	gdouble q4;

	for (guint i = 0; i < G_N_ELEMENTS(mems); i++) {
		one[i] = aa_response_test_point(1.0, mems[i], 20.0);
		four[i] = aa_response_test_point(4.0, mems[i], 60.0);
	}
	low = aa_response_new(&ctx, one, G_N_ELEMENTS(one));
	q1 = aa_response_predict(low, at_one);
	q2 = aa_response_predict(low, at_two);
	g_assert_cmpfloat(q2, >, q1);
	g_assert_cmpfloat(q2, <=, 2.0 * q1 * (1.0 + 1e-9));

	high = aa_response_new(&ctx, four, G_N_ELEMENTS(four));
	q4 = aa_response_predict(high, at_four);
	q1 = aa_response_predict(high, at_one);
	g_assert_cmpfloat(q1, <, q4);
	g_assert_cmpfloat(q1, >=, 0.25 * q4 * (1.0 - 1e-9));

	/* lower is better: the same bounds on the rate */
	ctx = aa_response_test_context(FALSE, 50.0);
	for (guint i = 0; i < G_N_ELEMENTS(mems); i++)
		one[i] = aa_response_test_point(1.0, mems[i], 150.0);
	g_clear_pointer(&low, aa_response_free);
	low = aa_response_new(&ctx, one, G_N_ELEMENTS(one));
	q1 = aa_response_predict(low, at_one);
	q2 = aa_response_predict(low, at_two);
	g_assert_cmpfloat(q2, <, q1);
	g_assert_cmpfloat(q2, >=, 0.5 * q1 * (1.0 - 1e-9));

	/* the runs on 1 core and 1 slice: at 2 cores and 2 slices the paper's curves
	 * gain threefold and twofold, each alone within its bound; together at most
	 * twice, the larger of the two gains (docs/robust-model.md, "CPU and GPU
	 * together") */
	ctx = aa_response_test_context(TRUE, 60.0);
	ctx.r_prof[AA_RESOURCE_GPU] = 4.0;
	ctx.alpha[AA_RESOURCE_GPU] = 0.9 / 4.0;
	for (guint i = 0; i < G_N_ELEMENTS(mems); i++) {
		one[i] = aa_response_test_point(1.0, mems[i], 20.0);
		one[i].x[AA_RESOURCE_GPU] = 1.0;
	}
	g_clear_pointer(&low, aa_response_free);
	low = aa_response_new(&ctx, one, G_N_ELEMENTS(one));
	q1 = aa_response_predict(low, (const gdouble[]){1.0, 4096.0, 1.0});
	q2 = aa_response_predict(low, (const gdouble[]){2.0, 4096.0, 2.0});
	g_assert_cmpfloat(aa_response_predict(low, (const gdouble[]){2.0, 4096.0, 1.0}), >,
	                  1.5 * q1);
	g_assert_cmpfloat(q2, >, 1.5 * q1);
	g_assert_cmpfloat(q2, <=, 2.0 * q1 * (1.0 + 1e-9));
}

/* Amdahl data on 1 to 4 cores: at 8 cores the family predicts a gain no run
 * measured; a quarter of it is uncertain, on top of the held-out error */
static void
aa_response_extrapolated_func(void)
{
	/* within the runs, at the largest, above them */
	const gdouble x[][AA_RESOURCE_COUNT] = {
	    {3.0, 4096.0, 0.0}, {4.0, 4096.0, 0.0}, {8.0, 4096.0, 0.0}};
	AaResponseContext ctx = aa_response_test_context(TRUE, 40.0);
	AaResponsePoint pts[4];
	g_autoptr(AaResponse) resp = NULL;
	gdouble change;

	for (guint i = 0; i < G_N_ELEMENTS(pts); i++) {
		gdouble c = (gdouble)(i + 1);
		pts[i] = aa_response_test_point(c, 4096.0, 10.0 / (0.2 + 0.8 / c));
	}
	resp = aa_response_new(&ctx, pts, G_N_ELEMENTS(pts));
	g_assert_true(aa_response_chosen_by_data(resp));
	g_assert_cmpfloat(aa_response_extrapolated(resp, x[0]), ==, 0.0);
	g_assert_cmpfloat(aa_response_extrapolated(resp, x[1]), ==, 0.0);
	change = aa_response_predict(resp, x[2]) - aa_response_predict(resp, x[1]);
	g_assert_cmpfloat(change, >, 5.0);
	g_assert_cmpfloat_with_epsilon(aa_response_extrapolated(resp, x[2]), change, 1e-9 * change);
	/* within the runs the family's misfit (about the floor), above them a
	 * quarter of the gain more */
	g_assert_cmpfloat(aa_response_sigma_at(resp, x[0]), <, 1.0);
	g_assert_cmpfloat(aa_response_sigma_at(resp, x[2]), >=,
	                  AA_RESPONSE_SIGMA_EXTRAPOLATE * change);
}

/* the robust model's memory ceiling (docs/robust-model.md, "Memory above the
 * working set"): Amdahl data on 4096 MiB, memory constant, follows the
 * paper's curve relative to 4096 MiB up to the ceiling and is flat above it;
 * without a ceiling it keeps rising */
static void
aa_response_memory_ceiling_func(void)
{
	/* 2 cores at the measured memory, at the ceiling, far above it */
	const gdouble mem[][AA_RESOURCE_COUNT] = {
	    {2.0, 4096.0, 0.0}, {2.0, 5000.0, 0.0}, {2.0, 16384.0, 0.0}};
	g_autoptr(AaResponse) free_resp = NULL;
	g_autoptr(AaResponse) capped = NULL;
	AaResponsePoint pts[4];
	AaResponseContext ctx = aa_response_test_context(TRUE, 40.0);

	for (guint i = 0; i < G_N_ELEMENTS(pts); i++) {
		gdouble c = (gdouble)(i + 1);
		pts[i] = aa_response_test_point(c, 4096.0, 10.0 / (0.2 + 0.8 / c));
	}
	free_resp = aa_response_new(&ctx, pts, G_N_ELEMENTS(pts));
	g_assert_cmpfloat(aa_response_predict(free_resp, mem[2]), >,
	                  aa_response_predict(free_resp, mem[1]));
	ctx.memory_ceiling = 5000.0;
	capped = aa_response_new(&ctx, pts, G_N_ELEMENTS(pts));
	g_assert_cmpfloat(aa_response_predict(capped, mem[1]), >,
	                  aa_response_predict(capped, mem[0]));
	g_assert_cmpfloat(aa_response_predict(capped, mem[2]), ==,
	                  aa_response_predict(capped, mem[1]));
	g_assert_cmpfloat(aa_response_predict(capped, mem[1]), ==,
	                  aa_response_predict(free_resp, mem[1]));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/aa/response/cliff", aa_response_cliff_func);
	g_test_add_func("/aa/response/amdahl", aa_response_amdahl_func);
	g_test_add_func("/aa/response/michaelis-menten", aa_response_michaelis_menten_func);
	g_test_add_func("/aa/response/paper", aa_response_paper_func);
	g_test_add_func("/aa/response/pwl", aa_response_pwl_func);
	g_test_add_func("/aa/response/pwl-pooled", aa_response_pwl_pooled_func);
	g_test_add_func("/aa/response/too-few", aa_response_too_few_func);
	g_test_add_func("/aa/response/hostile", aa_response_hostile_func);
	g_test_add_func("/aa/response/degenerate", aa_response_degenerate_func);
	g_test_add_func("/aa/response/held-out", aa_response_held_out_func);
	g_test_add_func("/aa/response/held-out-slow-ecores", aa_response_held_out_slow_ecores_func);
	g_test_add_func("/aa/response/semiparametric", aa_response_semiparametric_func);
	g_test_add_func("/aa/response/sigma-at", aa_response_sigma_at_func);
	g_test_add_func("/aa/response/sigma-below", aa_response_sigma_below_func);
	g_test_add_func("/aa/response/proportional-bounds", aa_response_proportional_bounds_func);
	g_test_add_func("/aa/response/extrapolated", aa_response_extrapolated_func);
	g_test_add_func("/aa/response/memory-ceiling", aa_response_memory_ceiling_func);
	return g_test_run();
}
