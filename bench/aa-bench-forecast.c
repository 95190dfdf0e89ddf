/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * aa-bench-forecast [RUNS]: forecast accuracy 10 minutes ahead on generated
 * series (level 50, a season of amplitude 20, a trend of +10 per hour and
 * Gaussian noise) for several seasons, sampling intervals and noise levels.
 * Each run draws a new series of two hours, hides the 10 minutes after its end
 * and compares the forecast's mean with the hidden value at the horizon;
 * accuracy is 100 - MAPE over the runs, beside the naive (last value) and
 * seasonal-naive (the value one true season before the target) baselines.
 * Also the cross-validated accuracy the forecaster reports for itself, and
 * how often the hidden value fell inside its q99.
 */

#include "config.h"

#include <math.h>

#include "aa-forecast.h"

#define AA_BENCH_HORIZON_S 600.0
#define AA_BENCH_LENGTH_S  7200.0

static gdouble
aa_bench_normal(GRand *rand)
{
	gdouble u = g_rand_double_range(rand, 1e-12, 1.0);
	gdouble v = g_rand_double(rand);
	return sqrt(-2.0 * log(u)) * cos(2.0 * G_PI * v);
}

static gdouble
aa_bench_signal(gdouble t, gdouble season_s)
{
	return 50.0 + 20.0 * sin(2.0 * G_PI * t / season_s) + 10.0 * t / 3600.0;
}

/* one row of the table: @runs series of one season, step and noise level */
static gboolean
aa_bench_row(GRand *rand, gdouble season_s, gdouble step, gdouble noise, guint runs)
{
	guint n = (guint)(AA_BENCH_LENGTH_S / step);
	guint h = (guint)(AA_BENCH_HORIZON_S / step);
	guint season_steps = (guint)(season_s / step);
	guint back = season_steps * ((h - 1) / season_steps + 1);
	g_autofree gdouble *x = g_new(gdouble, n + h);
	gdouble ape = 0, ape_naive = 0, ape_sn = 0, cv = 0, secs = 0;
	guint inside = 0, chosen[AA_FORECAST_MODEL_COUNT] = {0};

	for (guint r = 0; r < runs; r++) {
		g_autoptr(GError) error = NULL;
		g_autoptr(AaForecast) fc = NULL;
		gdouble phase = g_rand_double_range(rand, 0, season_s);
		gdouble target, sn;
		gint64 start;

		for (guint i = 0; i < n + h; i++) {
			gdouble t = i * step + phase;
			x[i] = MAX(0.0, aa_bench_signal(t, season_s) +
			                    noise * 50.0 * aa_bench_normal(rand));
		}
		start = g_get_monotonic_time();
		fc = aa_forecast_new(x, n, step, h, INFINITY, &error);
		secs += (g_get_monotonic_time() - start) / 1e6;
		if (fc == NULL) {
			g_printerr("run %u: %s\n", r, error->message);
			return FALSE;
		}
		/* the hidden value at the horizon, and the baselines' forecasts of it */
		target = x[n + h - 1];
		sn = x[n + h - 1 - back];
		ape += fabs(target - fc->mean) / target;
		ape_naive += fabs(target - x[n - 1]) / target;
		ape_sn += fabs(target - sn) / target;
		cv += fc->accuracy_pct;
		inside += target <= fc->q99;
		chosen[fc->model]++;
	}
	g_print("| %.0f s | %.0f s | %.0f%% | **%.1f%%** | %.1f%% | %.1f%% | %.1f%% | %.0f%% | "
	        "%u/%u/%u/%u | %.0f |\n",
	        season_s, step, noise * 100.0, 100.0 - 100.0 * ape / runs,
	        100.0 - 100.0 * ape_naive / runs, 100.0 - 100.0 * ape_sn / runs, cv / runs,
	        100.0 * inside / runs, chosen[AA_FORECAST_MODEL_NAIVE],
	        chosen[AA_FORECAST_MODEL_SEASONAL_NAIVE], chosen[AA_FORECAST_MODEL_HOLT_WINTERS],
	        chosen[AA_FORECAST_MODEL_AR], 1000.0 * secs / runs);
	return TRUE;
}

int
main(int argc, char **argv)
{
	const gdouble seasons[] = {180.0, 420.0, 900.0, 1500.0};
	const gdouble steps[] = {1.0, 5.0};
	const gdouble noises[] = {0.01, 0.05, 0.10, 0.20};
	guint runs = argc > 1 ? (guint)g_ascii_strtoull(argv[1], NULL, 10) : 20;
	g_autoptr(GRand) rand = g_rand_new_with_seed(2026);

	if (runs == 0)
		runs = 20;
	g_print("| season | step | noise sd | forecast | naive | seasonal-naive | self-reported "
	        "(CV) | in q99 | models chosen (n/sn/hw/ar) | ms per series |\n"
	        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
	for (guint s = 0; s < G_N_ELEMENTS(seasons); s++) {
		for (guint st = 0; st < G_N_ELEMENTS(steps); st++) {
			for (guint z = 0; z < G_N_ELEMENTS(noises); z++) {
				if (!aa_bench_row(rand, seasons[s], steps[st], noises[z], runs))
					return 1;
			}
		}
	}
	return 0;
}
