/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Each forecaster on synthetic series whose future is known, the choice by
 * cross-validation, the PAQ sizing, the profile front end and hostile inputs.
 */

#include "config.h"

#include <sys/wait.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "aa-error.h"
#include "aa-forecast.h"
#include "aa-profile.h"
#include "aa-test-util.h"

/* a standard normal deviate (Box-Muller) from a seeded generator */
static gdouble
aa_forecast_test_normal(GRand *rand)
{
	gdouble u = g_rand_double_range(rand, 1e-12, 1.0);
	gdouble v = g_rand_double(rand);
	return sqrt(-2.0 * log(u)) * cos(2.0 * G_PI * v);
}

static void
aa_forecast_seasonal_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(AaForecast) fc = NULL;
	gdouble x[600];
	gdouble truth;

	/* a pure season of 50 steps: found, and forecast almost exactly */
	for (guint i = 0; i < G_N_ELEMENTS(x); i++)
		x[i] = 10.0 + 5.0 * sin(2.0 * G_PI * i / 50.0);
	fc = aa_forecast_new(x, G_N_ELEMENTS(x), 1.0, 30, INFINITY, &error);
	g_assert_no_error(error);
	g_assert_nonnull(fc);
	g_assert_cmpuint(fc->period, ==, 50);
	g_assert_true(fc->model == AA_FORECAST_MODEL_SEASONAL_NAIVE ||
	              fc->model == AA_FORECAST_MODEL_HOLT_WINTERS);
	g_assert_cmpfloat(fc->accuracy_pct, >, 99.0);
	truth = 10.0 + 5.0 * sin(2.0 * G_PI * (600 + 30 - 1) / 50.0);
	g_assert_cmpfloat(fabs(fc->mean - truth), <, 0.1);
	/* naive misses the season by a wide margin */
	g_assert_cmpfloat(fc->candidate_accuracy[AA_FORECAST_MODEL_NAIVE], <, 80.0);
	g_assert_cmpfloat(fc->q99 - fc->q50, <, 0.5);
}

static void
aa_forecast_seasonal_noise_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(AaForecast) fc = NULL;
	g_autoptr(GRand) rand = g_rand_new_with_seed(7);
	gdouble x[1200];

	/* season 60 plus noise: Holt-Winters smooths what seasonal-naive copies */
	for (guint i = 0; i < G_N_ELEMENTS(x); i++)
		x[i] = 20.0 + 6.0 * sin(2.0 * G_PI * i / 60.0) + aa_forecast_test_normal(rand);
	fc = aa_forecast_new(x, G_N_ELEMENTS(x), 1.0, 60, INFINITY, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(fc->period, ==, 60);
	g_assert_cmpint(fc->model, ==, AA_FORECAST_MODEL_HOLT_WINTERS);
	g_assert_cmpfloat(fc->accuracy_pct, >=,
	                  fc->candidate_accuracy[AA_FORECAST_MODEL_SEASONAL_NAIVE]);
	g_assert_cmpfloat(fc->accuracy_pct, >, 94.0);
	/* the quantiles spread like the noise (sd 1): q90 - q50 near 1.28 */
	g_assert_cmpfloat(fc->q90 - fc->q50, >, 0.8);
	g_assert_cmpfloat(fc->q90 - fc->q50, <, 2.0);
	g_assert_cmpfloat(fc->q50, <=, fc->q90);
	g_assert_cmpfloat(fc->q90, <=, fc->q95);
	g_assert_cmpfloat(fc->q95, <=, fc->q99);
}

static void
aa_forecast_trend_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(AaForecast) fc = NULL;
	gdouble x[400];
	gdouble truth = 5.0 + 0.05 * (400 + 40 - 1);

	/* a straight line: no season, and the forecast follows the slope */
	for (guint i = 0; i < G_N_ELEMENTS(x); i++)
		x[i] = 5.0 + 0.05 * i;
	fc = aa_forecast_new(x, G_N_ELEMENTS(x), 2.0, 40, INFINITY, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(fc->period, ==, 0);
	g_assert_cmpint(fc->model, !=, AA_FORECAST_MODEL_NAIVE);
	g_assert_cmpfloat(fabs(fc->mean - truth) / truth, <, 0.02);
	g_assert_cmpfloat(fc->accuracy_pct, >,
	                  fc->candidate_accuracy[AA_FORECAST_MODEL_NAIVE] + 2.0);
	g_assert_cmpfloat(fc->horizon_s, ==, 80.0);
}

static void
aa_forecast_step_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(AaForecast) fc = NULL;
	gdouble x[400];

	/* a level shift long ago: the new level is the forecast */
	for (guint i = 0; i < G_N_ELEMENTS(x); i++)
		x[i] = i < 150 ? 2.0 : 8.0;
	fc = aa_forecast_new(x, G_N_ELEMENTS(x), 1.0, 20, INFINITY, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(fc->period, ==, 0);
	g_assert_cmpfloat(fabs(fc->mean - 8.0), <, 0.05);
	g_assert_cmpfloat(fc->accuracy_pct, >, 99.0);
	g_assert_cmpfloat(fabs(fc->q99 - 8.0), <, 0.1);
}

static void
aa_forecast_random_walk_func(void)
{
	guint n_naive = 0;

	/* random walks: the last value is the best forecast; nothing beats naive, and
	 * the parsimony margin keeps naive chosen on most of them */
	for (guint seed = 1; seed <= 8; seed++) {
		g_autoptr(GError) error = NULL;
		g_autoptr(AaForecast) fc = NULL;
		g_autoptr(GRand) rand = g_rand_new_with_seed(seed);
		gdouble x[1000];
		gdouble naive;

		x[0] = 200.0; /* far from 0: demand is never negative */
		for (guint i = 1; i < G_N_ELEMENTS(x); i++)
			x[i] = x[i - 1] + aa_forecast_test_normal(rand);
		fc = aa_forecast_new(x, G_N_ELEMENTS(x), 1.0, 10, INFINITY, &error);
		g_assert_no_error(error);
		naive = fc->candidate_accuracy[AA_FORECAST_MODEL_NAIVE];
		for (guint c = 0; c < AA_FORECAST_MODEL_EMPIRICAL; c++) {
			if (!isnan(fc->candidate_accuracy[c]))
				g_assert_cmpfloat(fc->candidate_accuracy[c], <, naive + 1.5);
		}
		g_assert_cmpfloat(fc->accuracy_pct, >, naive - 1.0);
		/* within 3 sd of a 10-step walk from the last value */
		g_assert_cmpfloat(fabs(fc->mean - x[G_N_ELEMENTS(x) - 1]), <, 3.0 * sqrt(10.0));
		if (fc->model == AA_FORECAST_MODEL_NAIVE)
			n_naive++;
	}
	g_assert_cmpuint(n_naive, >=, 6);
}

static void
aa_forecast_white_noise_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(AaForecast) fc = NULL;
	g_autoptr(GRand) rand = g_rand_new_with_seed(3);
	gdouble x[1000];

	/* white noise: no season, no order, and nothing beats the baselines by much */
	for (guint i = 0; i < G_N_ELEMENTS(x); i++)
		x[i] = 30.0 + 3.0 * aa_forecast_test_normal(rand);
	fc = aa_forecast_new(x, G_N_ELEMENTS(x), 1.0, 20, INFINITY, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(fc->period, ==, 0);
	g_assert_cmpuint(fc->ar_order, <=, 1);
	/* the best forecast of white noise is its mean, which beats the last value */
	g_assert_cmpfloat(fabs(fc->mean - 30.0), <, 1.0);
	g_assert_cmpfloat(fc->accuracy_pct, >=,
	                  fc->candidate_accuracy[AA_FORECAST_MODEL_NAIVE] - 0.5);
	g_assert_cmpfloat(fc->accuracy_pct, <, 100.0);
	/* the band is the noise's: q95 - q50 near 1.64 sd */
	g_assert_cmpfloat(fc->q95 - fc->q50, >, 3.0);
	g_assert_cmpfloat(fc->q95 - fc->q50, <, 8.0);
}

static void
aa_forecast_ar_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(AaForecast) fc = NULL;
	g_autoptr(GRand) rand = g_rand_new_with_seed(5);
	gdouble x[2000];

	/* AR(2) that swings back: BIC finds order 2 and AR beats naive, which copies a
	 * value that is barely correlated with the next one */
	x[0] = x[1] = 0;
	for (guint i = 2; i < G_N_ELEMENTS(x); i++)
		x[i] = 0.3 * x[i - 1] - 0.6 * x[i - 2] + aa_forecast_test_normal(rand);
	for (guint i = 0; i < G_N_ELEMENTS(x); i++)
		x[i] += 40.0;
	fc = aa_forecast_new(x, G_N_ELEMENTS(x), 1.0, 3, INFINITY, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(fc->ar_order, >=, 2);
	g_assert_cmpuint(fc->ar_order, <=, 4);
	g_assert_cmpint(fc->model, ==, AA_FORECAST_MODEL_AR);
	g_assert_cmpfloat(fc->candidate_accuracy[AA_FORECAST_MODEL_AR], >,
	                  fc->candidate_accuracy[AA_FORECAST_MODEL_NAIVE] + 1.0);
}

static void
aa_forecast_size_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(AaForecast) fc = NULL;
	gdouble x[300];
	gdouble coverage = 0;
	gdouble bin;

	/* a constant 1000 MiB: one bin of 128 MiB above it, covered for sure */
	for (guint i = 0; i < G_N_ELEMENTS(x); i++)
		x[i] = 1000.0;
	fc = aa_forecast_new(x, G_N_ELEMENTS(x), 1.0, 10, INFINITY, &error);
	g_assert_no_error(error);
	bin = aa_forecast_size(fc, 128.0, 0.95, &coverage);
	g_assert_cmpfloat(bin, ==, 1024.0);
	g_assert_cmpfloat(coverage, ==, 1.0);
	g_assert_cmpfloat(aa_forecast_coverage(fc, 896.0), ==, 0.0);
	g_assert_cmpfloat(fc->accuracy_pct, ==, 100.0);
}

static void
aa_forecast_size_spread_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(AaForecast) fc = NULL;
	g_autoptr(GRand) rand = g_rand_new_with_seed(9);
	gdouble x[1000];
	gdouble cov90 = 0, cov99 = 0;
	gdouble b90, b99;

	/* a higher confidence never asks for less, and each bin reaches its confidence
	 * while one quantum less would not */
	for (guint i = 0; i < G_N_ELEMENTS(x); i++)
		x[i] = 4.0 + 0.5 * aa_forecast_test_normal(rand);
	fc = aa_forecast_new(x, G_N_ELEMENTS(x), 1.0, 20, INFINITY, &error);
	g_assert_no_error(error);
	b90 = aa_forecast_size(fc, 0.25, 0.90, &cov90);
	b99 = aa_forecast_size(fc, 0.25, 0.99, &cov99);
	g_assert_cmpfloat(b90, <=, b99);
	g_assert_cmpfloat(cov90, >=, 0.90);
	g_assert_cmpfloat(cov99, >=, 0.99);
	g_assert_cmpfloat(aa_forecast_coverage(fc, b90 - 0.25), <, 0.90);
	g_assert_cmpfloat(aa_forecast_coverage(fc, b99 - 0.25), <, 0.99);
	g_assert_cmpfloat(fmod(b99, 0.25), ==, 0.0);
}

static void
aa_forecast_zeros_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(AaForecast) fc = NULL;
	gdouble x[200] = {0};

	/* an idle GPU: every sample 0, forecast 0, MAPE defined */
	fc = aa_forecast_new(x, G_N_ELEMENTS(x), 1.0, 10, 100.0, &error);
	g_assert_no_error(error);
	g_assert_cmpfloat(fc->mean, ==, 0.0);
	g_assert_cmpfloat(fc->q99, ==, 0.0);
	g_assert_cmpfloat(fc->accuracy_pct, ==, 100.0);
}

static void
aa_forecast_short_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(AaForecast) fc = NULL;
	gdouble x[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

	/* too short to hold a window out: the trace's spread, accuracy unknown */
	fc = aa_forecast_new(x, G_N_ELEMENTS(x), 1.0, 600, INFINITY, &error);
	g_assert_no_error(error);
	g_assert_cmpint(fc->model, ==, AA_FORECAST_MODEL_EMPIRICAL);
	g_assert_true(isnan(fc->accuracy_pct));
	g_assert_cmpfloat(fc->q50, ==, 5.0);
	g_assert_cmpfloat(fc->q99, ==, 10.0);
	g_assert_cmpfloat(fc->mean, ==, 5.5);
}

static void
aa_forecast_hostile_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(AaForecast) fc = NULL;
	g_autofree gdouble *big = NULL;
	gdouble one[] = {1.0};
	gdouble bad[] = {1.0, NAN, 2.0};
	gdouble huge[300];
	gint64 start;
	const guint n_big = 1000000;

	/* one sample, a NaN, a bad interval, no horizon: refused, named */
	fc = aa_forecast_new(one, 1, 1.0, 10, INFINITY, &error);
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_DATA);
	g_assert_null(fc);
	g_clear_error(&error);
	fc = aa_forecast_new(bad, 3, 1.0, 10, INFINITY, &error);
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_DATA);
	g_clear_error(&error);
	fc = aa_forecast_new(huge, 2, 0.0, 10, INFINITY, &error);
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_DATA);
	g_clear_error(&error);
	fc = aa_forecast_new(huge, 2, 1.0, 0, INFINITY, &error);
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT);
	g_clear_error(&error);

	/* values near the largest double: scaled, no overflow, finite answers */
	for (guint i = 0; i < G_N_ELEMENTS(huge); i++)
		huge[i] = 1e307 * (1.0 + 0.5 * sin(i / 5.0));
	fc = aa_forecast_new(huge, G_N_ELEMENTS(huge), 1.0, 10, INFINITY, &error);
	g_assert_no_error(error);
	g_assert_true(isfinite(fc->mean));
	g_assert_true(isfinite(fc->q99));
	g_clear_pointer(&fc, aa_forecast_free);

	/* a million samples: averaged down, bounded time */
	big = g_new(gdouble, n_big);
	for (guint i = 0; i < n_big; i++)
		big[i] = 3.0 + sin(i / 1000.0);
	start = g_get_monotonic_time();
	fc = aa_forecast_new(big, n_big, 1.0, 600, INFINITY, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(fc->n_samples, <=, AA_FORECAST_MAX_SAMPLES);
	g_assert_cmpuint(fc->aggregate, ==, 245);
	g_assert_cmpuint(fc->horizon_steps, ==, 2);
	g_assert_cmpint(g_get_monotonic_time() - start, <, 20 * G_USEC_PER_SEC);
}

/* writes a profile trace into a temporary file and loads it */
static AaProfile *
aa_forecast_test_profile(const gchar *body, gchar **path)
{
	g_autoptr(GError) error = NULL;
	gint fd = g_file_open_tmp("aa-forecast-XXXXXX.csv", path, &error);
	AaProfile *profile;

	g_assert_no_error(error);
	close(fd);
	g_assert_true(g_file_set_contents(*path, body, -1, &error));
	profile = aa_profile_load(*path, &error);
	g_assert_no_error(error);
	return profile;
}

static void
aa_forecast_profile_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GString) csv = aa_test_profile_csv_new(
	    "VM1", NULL, "time_s,cpu_p_busy,cpu_e_busy,mem_rss_mib,gpu_busy_pct");
	g_autofree gchar *path = NULL;
	g_autoptr(AaProfile) profile = NULL;
	g_autoptr(AaForecast) cpu = NULL;
	g_autoptr(AaForecast) gpu = NULL;
	g_autofree gchar *json = NULL;
	g_autoptr(JsonParser) parser = json_parser_new();
	JsonObject *series;
	JsonObject *mem;

	/* 2 s sampling, rows out of order, a few empty cells, no GPU measured */
	for (gint i = 599; i >= 0; i--) {
		gdouble p = 2.0 + sin(2.0 * G_PI * i / 30.0);
		if (i % 97 == 5)
			g_string_append_printf(csv, "%d,,,%d,\n", 2 * i, 1000 + i);
		else
			g_string_append_printf(csv, "%d,%.4f,1.0,%d,\n", 2 * i, p, 1000 + i);
	}
	profile = aa_forecast_test_profile(csv->str, &path);
	cpu = aa_forecast_profile(profile, AA_FORECAST_SERIES_CPU, 0.5, 600.0, &error);
	g_assert_no_error(error);
	g_assert_cmpfloat(cpu->step_s, ==, 2.0);
	g_assert_cmpuint(cpu->horizon_steps, ==, 300);
	g_assert_cmpfloat(cpu->horizon_s, ==, 600.0);
	g_assert_cmpuint(cpu->period, ==, 30);
	/* eta 0.5 on one busy E-core adds 0.5 */
	g_assert_cmpfloat(fabs(cpu->mean - (2.5 + sin(2.0 * G_PI * 899 / 30.0))), <, 0.15);
	gpu = aa_forecast_profile(profile, AA_FORECAST_SERIES_GPU, 0.5, 600.0, &error);
	g_assert_error(error, AA_ERROR, AA_ERROR_NOT_FOUND);
	g_assert_null(gpu);
	g_clear_error(&error);

	/* the command's JSON: FORMATS.md members, gpu null */
	json = aa_forecast_report(profile, 0.6, 600.0, TRUE, &error);
	g_assert_no_error(error);
	g_assert_true(json_parser_load_from_data(parser, json, -1, &error));
	series = json_object_get_object_member(json_node_get_object(json_parser_get_root(parser)),
	                                       "series");
	g_assert_nonnull(series);
	g_assert_true(json_object_get_null_member(series, "gpu"));
	mem = json_object_get_object_member(series, "memory");
	g_assert_cmpstr(json_object_get_string_member(mem, "model"), !=, NULL);
	g_assert_cmpfloat(json_object_get_double_member(mem, "horizon_s"), ==, 600.0);
	g_assert_cmpfloat(json_object_get_double_member(mem, "accuracy_pct"), >, 95.0);
	/* memory grows by 1 MiB per step: 300 steps ahead of 1599 */
	g_assert_cmpfloat(fabs(json_object_get_double_member(mem, "mean") - 1899.0), <, 20.0);
	g_assert_true(json_object_has_member(mem, "q50"));
	g_assert_true(json_object_has_member(mem, "q99"));
	g_assert_cmpfloat(json_object_get_double_member(mem, "q99"), >=,
	                  json_object_get_double_member(mem, "q50"));
	g_unlink(path);
}

static void
aa_forecast_profile_invalid_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *path = NULL;
	g_autofree gchar *path2 = NULL;
	g_autoptr(AaProfile) notime = NULL;
	g_autoptr(AaProfile) onerow = NULL;
	g_autoptr(AaForecast) fc = NULL;
	g_autofree gchar *text = NULL;

	/* no time_s: the interval, and so the horizon, is unknown */
	notime = aa_forecast_test_profile("# acrn-alloc-profile v1\n"
	                                  "time_s,cpu_p_busy,cpu_e_busy,mem_rss_mib\n"
	                                  ",1,0,100\n,2,0,100\n,3,0,100\n",
	                                  &path);
	fc = aa_forecast_profile(notime, AA_FORECAST_SERIES_CPU, 0.6, 600.0, &error);
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_DATA);
	g_assert_null(fc);
	g_clear_error(&error);
	fc = aa_forecast_profile(notime, AA_FORECAST_SERIES_CPU, 0.6, -5.0, &error);
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT);
	g_clear_error(&error);
	fc = aa_forecast_profile(notime, AA_FORECAST_SERIES_CPU, 0.6, NAN, &error);
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT);
	g_clear_error(&error);
	text = aa_forecast_report(notime, 0.6, 600.0, FALSE, &error);
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_DATA);
	g_assert_null(text);
	g_clear_error(&error);

	/* a horizon of 10^12 s is refused, not allocated */
	onerow = aa_forecast_test_profile("# acrn-alloc-profile v1\n"
	                                  "time_s,cpu_p_busy,cpu_e_busy,mem_rss_mib\n"
	                                  "0,1,0,100\n1,2,0,100\n2,3,0,100\n",
	                                  &path2);
	fc = aa_forecast_profile(onerow, AA_FORECAST_SERIES_CPU, 0.6, 1e12, &error);
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT);
	g_clear_error(&error);
	fc = aa_forecast_profile(onerow, AA_FORECAST_SERIES_CPU, 0.6, 60.0, &error);
	g_assert_no_error(error);
	g_assert_cmpint(fc->model, ==, AA_FORECAST_MODEL_EMPIRICAL);
	g_unlink(path);
	g_unlink(path2);
}

static void
aa_forecast_demand_func(void)
{
	g_autoptr(GString) csv =
	    g_string_new("# acrn-alloc-profile v1\n# vm: VM1\n"
	                 "# allocation: p_cores=4 e_cores=0 memory_mib=4096 "
	                 "gpu_slices=4\n"
	                 "time_s,cpu_p_busy,cpu_e_busy,mem_rss_mib,gpu_busy_pct\n");
	g_autofree gchar *path = NULL;
	g_autoptr(AaProfile) profile = NULL;
	AaForecastDemandOptions options = {
	    .eta = 0.6,
	    .horizon_s = 60.0,
	    .confidence = 0.95,
	    .memory_headroom = 0.1,
	    .bin = {0.5, 128.0, 1.0},
	    .floor = {0.0, 2048.0, 0.0},
	};
	AaForecastDemand *d;

	/* GPU 60% of 4 slices, CPU 1.2 cores, memory 1000 MiB: all flat */
	for (guint i = 0; i < 300; i++)
		g_string_append_printf(csv, "%u,1.2,0,1000,60\n", i);
	profile = aa_forecast_test_profile(csv->str, &path);
	d = aa_forecast_demand_new(profile, &options);
	for (guint s = 0; s < AA_FORECAST_SERIES_COUNT; s++)
		g_assert_true(d[s].valid);
	/* 1.2 cores -> 1.5, 2.4 slices -> 3, memory 1100 MiB with headroom but the
	 * trace's floor of 2048 wins; all covered for sure */
	g_assert_cmpfloat(d[AA_FORECAST_SERIES_CPU].bin, ==, 1.5);
	g_assert_cmpfloat(d[AA_FORECAST_SERIES_GPU].bin, ==, 3.0);
	g_assert_cmpfloat(fabs(d[AA_FORECAST_SERIES_GPU].mean - 2.4), <, 1e-6);
	g_assert_cmpfloat(d[AA_FORECAST_SERIES_MEMORY].bin, ==, 2048.0);
	for (guint s = 0; s < AA_FORECAST_SERIES_COUNT; s++) {
		g_assert_cmpfloat(d[s].coverage, ==, 1.0);
		/* 48 trace points and 24 band points, (t, lo, hi) each */
		g_assert_cmpuint(d[s].chart->len, ==, 3 * (48 + 24));
	}
	aa_forecast_demands_free(d);

	/* without the floor memory is 1000 * 1.1 rounded up to 1152 */
	options.floor[AA_FORECAST_SERIES_MEMORY] = 0;
	d = aa_forecast_demand_new(profile, &options);
	g_assert_cmpfloat(d[AA_FORECAST_SERIES_MEMORY].bin, ==, 1152.0);
	aa_forecast_demands_free(d);
	g_unlink(path);
}

static void
aa_forecast_command_func(void)
{
	g_autofree gchar *fixture = aa_test_fixture_path("valid-profile-forecast-season.csv", NULL);
	g_autofree gchar *no_time =
	    aa_test_fixture_path("invalid-profile-forecast-no-time.csv", NULL);
	g_autofree gchar *out = NULL;
	g_autofree gchar *err = NULL;
	g_autoptr(GError) error = NULL;
	g_autoptr(JsonParser) parser = json_parser_new();
	const gchar *names[] = {"cpu", "memory", "gpu"};
	JsonObject *series;

	/* 5 s sampling: 600 s are 120 steps; every series measured, every member there */
	g_assert_cmpint(aa_test_host_run(&out, &err, "forecast", "--profile", fixture, "--format",
	                                 "json", NULL),
	                ==, 0);
	g_assert_true(json_parser_load_from_data(parser, out, -1, &error));
	g_assert_no_error(error);
	series = json_object_get_object_member(json_node_get_object(json_parser_get_root(parser)),
	                                       "series");
	for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
		JsonObject *o = json_object_get_object_member(series, names[i]);
		const gchar *members[] = {"accuracy_pct", "horizon_s", "mean", "q50",
		                          "q90",          "q95",       "q99"};
		g_assert_nonnull(o);
		g_assert_nonnull(json_object_get_string_member(o, "model"));
		for (guint j = 0; j < G_N_ELEMENTS(members); j++)
			g_assert_true(json_object_has_member(o, members[j]));
		g_assert_cmpfloat(json_object_get_double_member(o, "horizon_s"), ==, 600.0);
		/* the seasonal series beat both baselines on held-out windows */
		g_assert_cmpfloat(json_object_get_double_member(o, "accuracy_pct"), >=, 88.0);
	}
	g_assert_cmpint(json_object_get_int_member(json_object_get_object_member(series, "cpu"),
	                                           "period_steps"),
	                ==, 60);
	g_clear_pointer(&out, g_free);
	g_clear_pointer(&err, g_free);

	/* text, another horizon */
	g_assert_cmpint(aa_test_host_run(&out, &err, "forecast", "--profile", fixture,
	                                 "--horizon-s", "60", NULL),
	                ==, 0);
	g_assert_nonnull(strstr(out, "horizon 60 s = 12 steps of 5 s"));
	g_clear_pointer(&out, g_free);
	g_clear_pointer(&err, g_free);

	/* bad usage and invalid input exit 2 with the file named */
	g_assert_cmpint(aa_test_host_run(&out, &err, "forecast", "--profile", no_time, NULL), ==,
	                2);
	g_assert_nonnull(strstr(err, "invalid-profile-forecast-no-time.csv"));
	g_clear_pointer(&out, g_free);
	g_clear_pointer(&err, g_free);
	g_assert_cmpint(aa_test_host_run(&out, &err, "forecast", "--profile", fixture,
	                                 "--horizon-s", "-1", NULL),
	                ==, 2);
	g_clear_pointer(&out, g_free);
	g_clear_pointer(&err, g_free);
	g_assert_cmpint(
	    aa_test_host_run(&out, &err, "forecast", "--profile", fixture, "--format", "xml", NULL),
	    ==, 2);
	g_clear_pointer(&out, g_free);
	g_clear_pointer(&err, g_free);
	g_assert_cmpint(aa_test_host_run(&out, &err, "forecast", NULL), ==, 2);
	g_assert_nonnull(strstr(err, "--profile"));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/aa/forecast/seasonal", aa_forecast_seasonal_func);
	g_test_add_func("/aa/forecast/seasonal-noise", aa_forecast_seasonal_noise_func);
	g_test_add_func("/aa/forecast/trend", aa_forecast_trend_func);
	g_test_add_func("/aa/forecast/step", aa_forecast_step_func);
	g_test_add_func("/aa/forecast/random-walk", aa_forecast_random_walk_func);
	g_test_add_func("/aa/forecast/white-noise", aa_forecast_white_noise_func);
	g_test_add_func("/aa/forecast/ar", aa_forecast_ar_func);
	g_test_add_func("/aa/forecast/size", aa_forecast_size_func);
	g_test_add_func("/aa/forecast/size-spread", aa_forecast_size_spread_func);
	g_test_add_func("/aa/forecast/zeros", aa_forecast_zeros_func);
	g_test_add_func("/aa/forecast/short", aa_forecast_short_func);
	g_test_add_func("/aa/forecast/hostile", aa_forecast_hostile_func);
	g_test_add_func("/aa/forecast/profile", aa_forecast_profile_func);
	g_test_add_func("/aa/forecast/profile-invalid", aa_forecast_profile_invalid_func);
	g_test_add_func("/aa/forecast/command", aa_forecast_command_func);
	g_test_add_func("/aa/forecast/demand", aa_forecast_demand_func);
	return g_test_run();
}
