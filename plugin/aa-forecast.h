/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Demand forecasting from a profile trace (seed 001, docs/forecast.md): per
 * resource series, Holt-Winters over a seasonal decomposition, AR(p) by BIC,
 * naive and seasonal-naive, chosen by rolling-origin cross-validation.
 */

#pragma once

#include <glib.h>

#include "aa-intent.h"
#include "aa-profile.h"

G_BEGIN_DECLS

/* the series of a profile trace that are forecast */
typedef enum {
	AA_FORECAST_SERIES_CPU,    /* busy cores: cpu_p_busy + eta * cpu_e_busy */
	AA_FORECAST_SERIES_MEMORY, /* wss_mib when measured, else mem_rss_mib */
	AA_FORECAST_SERIES_GPU,    /* gpu_busy_pct */
	AA_FORECAST_SERIES_COUNT,
} AaForecastSeries;

/* the candidate forecasters */
typedef enum {
	AA_FORECAST_MODEL_NAIVE,
	AA_FORECAST_MODEL_SEASONAL_NAIVE,
	AA_FORECAST_MODEL_HOLT_WINTERS,
	AA_FORECAST_MODEL_AR,
	AA_FORECAST_MODEL_EMPIRICAL, /* nothing could be validated: the trace's own spread */
	AA_FORECAST_MODEL_COUNT,
} AaForecastModel;

/* bounds on the work done for one series, whatever the input */
#define AA_FORECAST_MAX_SAMPLES  4096 /* longer series are averaged down to this */
#define AA_FORECAST_MAX_AR_ORDER 24
#define AA_FORECAST_MAX_PERIOD   1024 /* longest season searched, in samples */
#define AA_FORECAST_MAX_ORIGINS  48   /* rolling-origin windows */
#define AA_FORECAST_MIN_TRAIN    24   /* samples before the first origin */
#define AA_FORECAST_ETA_DEFAULT  AA_ETA_DEFAULT

typedef struct {
	AaForecastModel model; /* the chosen one */
	guint period;          /* season in samples found by autocorrelation, 0: none */
	guint ar_order;        /* AR order chosen by BIC (fitted on the whole series) */
	gdouble step_s;        /* sampling interval after aggregation */
	guint aggregate;       /* raw samples averaged into one step (1 unless capped) */
	guint n_samples;       /* steps in the series used */
	guint horizon_steps;
	gdouble horizon_s;        /* horizon_steps * step_s */
	guint selection_windows;  /* windows that chose the model */
	guint evaluation_windows; /* windows the accuracy is measured on */
	gdouble accuracy_pct;     /* 100 - MAPE of the chosen model, NAN: not measurable */
	gdouble candidate_accuracy[AA_FORECAST_MODEL_COUNT]; /* NAN: not applicable */
	gdouble mean;                                        /* point forecast at the horizon */
	gdouble q50;
	gdouble q90;
	gdouble q95;
	gdouble q99;
	gdouble last;     /* last observed value */
	GArray *history;  /* gdouble, the series as used */
	GArray *path;     /* gdouble, point forecast at leads 1..horizon_steps */
	GArray *outcomes; /* gdouble, sorted: demand outcomes over the horizon */
	GArray *errors;   /* gdouble, window-major: actual - forecast per lead */
	guint n_windows;  /* windows in errors */
} AaForecast;

/* PAQ sizing of one resource of a VM from its forecast (docs/forecast.md);
 * values in the allocation's unit: cores (P-core equivalents), MiB, slices */
typedef struct {
	gboolean valid; /* a forecast was made */
	gchar *reason;  /* why not, when not valid */
	AaForecastModel model;
	gdouble accuracy_pct;
	gdouble horizon_s;
	gdouble step_s;
	gdouble mean;
	gdouble q50;
	gdouble q90;
	gdouble q95;
	gdouble q99;
	gdouble trace_size; /* what the trace's own samples gave */
	gdouble bin;        /* the chosen bin */
	gdouble coverage;   /* predicted probability that the bin covers demand */
	GArray *outcomes;   /* gdouble, sorted: the demand over the horizon */
	GArray *chart;      /* gdouble triples (t_s, low, high): t <= 0 the trace
	                     * (low = high = value), t > 0 the forecast band q50..q95 */
} AaForecastDemand;

/* the options of aa_forecast_demand_new() */
typedef struct {
	gdouble eta;
	gdouble horizon_s;
	gdouble confidence;
	gdouble memory_headroom;
	gdouble bin[3];   /* cpu, memory, gpu quanta */
	gdouble floor[3]; /* never below (the memory the trace needs) */
} AaForecastDemandOptions;

/* the robust model's demand hook filled from forecasts (aa-forecast-sizing) */
typedef struct _AaForecastSizing AaForecastSizing;

AaForecastDemand *aa_forecast_demand_new(const AaProfile *profile,
                                         const AaForecastDemandOptions *options);
void aa_forecast_demands_free(AaForecastDemand *all);
AaForecastSizing *aa_forecast_sizing_new(gdouble horizon_s, gdouble confidence,
                                         gdouble memory_headroom, guint memory_quantum_mib);
void aa_forecast_sizing_free(AaForecastSizing *self);
void aa_forecast_sizing_samples(gpointer user_data, const AaIntentVm *vm, AaResource k,
                                GArray *samples);
AaForecastDemand *aa_forecast_sizing_lookup(AaForecastSizing *self, const AaIntentVm *vm,
                                            AaResource k, gdouble bin);
gdouble aa_forecast_band(const AaForecast *self, guint lead, gdouble p);
const gchar *aa_forecast_model_to_string(AaForecastModel model);
const gchar *aa_forecast_series_to_string(AaForecastSeries series);
AaForecast *aa_forecast_new(const gdouble *values, guint n, gdouble step_s, guint horizon_steps,
                            gdouble upper, GError **error);
AaForecast *aa_forecast_profile(const AaProfile *profile, AaForecastSeries series, gdouble eta,
                                gdouble horizon_s, GError **error);
gdouble aa_forecast_coverage(const AaForecast *self, gdouble level);
gdouble aa_forecast_size(const AaForecast *self, gdouble quantum, gdouble confidence,
                         gdouble *coverage);
gchar *aa_forecast_command(GHashTable *options, GError **error);
gchar *aa_forecast_report(const AaProfile *profile, gdouble eta, gdouble horizon_s, gboolean json,
                          GError **error);
void aa_forecast_free(AaForecast *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaForecast, aa_forecast_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaForecastSizing, aa_forecast_sizing_free)

G_END_DECLS
