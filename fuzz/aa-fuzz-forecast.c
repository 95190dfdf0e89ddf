/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The forecast of a profile trace: aa_profile_load() then every series
 * through aa_forecast_profile(), which must end in bounded time with a
 * forecast whose quantiles are ordered, finite and not negative, or a
 * named error.
 */

#include "config.h"

#include <math.h>

#include "aa-forecast.h"
#include "aa-fuzz-common.h"
#include "aa-profile.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autofree gchar *fn = NULL;
	g_autoptr(AaProfile) profile =
	    aa_fuzz_load("profile.csv", data, size, (AaFuzzLoadFunc)aa_profile_load, &fn);

	for (guint s = 0; profile != NULL && s < AA_FORECAST_SERIES_COUNT; s++) {
		g_autoptr(GError) error_local = NULL;
		g_autoptr(AaForecast) fc =
		    aa_forecast_profile(profile, s, 0.6, 600.0, &error_local);
		gdouble coverage = 0;
		if (!aa_fuzz_loaded(fc != NULL, &error_local, fn))
			continue;
		if (!isfinite(fc->mean) || fc->mean < 0 || !(fc->q50 <= fc->q90) ||
		    !(fc->q90 <= fc->q95) || !(fc->q95 <= fc->q99) || !isfinite(fc->q99) ||
		    fc->q50 < 0 || fc->path->len != fc->horizon_steps)
			abort();
		aa_forecast_size(fc, 0.5, 0.95, &coverage);
		if (!(coverage >= 0.95) && fc->outcomes->len > 0)
			abort();
	}
	return 0;
}
