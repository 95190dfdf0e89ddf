/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * aa-bench-validate [ACRN_DATA] [SOURCE_ROOT]: the median time to validate
 * adl-asrock/shared.xml (load board and scenario, load the rule pack, run
 * every rule; goal < 50 ms) and the time to validate every scenario of
 * ACRN_DATA, as `batch` does (goal < 2 s).
 */

#include "config.h"

#include "aa-context-private.h"
#include "aa-validate.h"

#define AA_BENCH_RUNS 21

static gint
aa_bench_cmp(gconstpointer a, gconstpointer b)
{
	gdouble x = *(const gdouble *)a;
	gdouble y = *(const gdouble *)b;
	return x < y ? -1 : x > y ? 1 : 0;
}

static guint
aa_bench_validate_one(const gchar *data_dir, const gchar *board, const gchar *scenario)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(AaPluginContext) ctx = aa_context_new(data_dir, &error);
	g_autoptr(AaRuleSet) rules = NULL;
	g_autoptr(AaDiagnostics) report = NULL;
	ctx->board = aa_board_new();
	ctx->scenario = aa_scenario_new();
	if (!aa_board_load(ctx->board, board, &error) ||
	    !aa_scenario_load(ctx->scenario, scenario, &error) ||
	    (rules = aa_validate_load_rules(data_dir, NULL, &error)) == NULL ||
	    (report = aa_validate_report(ctx, rules, NULL, &error)) == NULL) {
		g_printerr("%s: %s\n", scenario, error->message);
		return 0;
	}
	return report->diagnostics->len + 1;
}

int
main(int argc, char **argv)
{
	const gchar *data = argc > 1 ? argv[1] : AA_SOURCE_ROOT "/../shared/acrn-data";
	const gchar *root = argc > 2 ? argv[2] : AA_SOURCE_ROOT;
	g_autofree gchar *board = g_build_filename(data, "adl-asrock", "adl-asrock.xml", NULL);
	g_autofree gchar *scenario = g_build_filename(data, "adl-asrock", "shared.xml", NULL);
	gdouble times[AA_BENCH_RUNS];
	g_autoptr(GDir) dir = NULL;
	const gchar *name;
	gint64 start;
	guint n = 0;

	for (guint i = 0; i < AA_BENCH_RUNS; i++) {
		start = g_get_monotonic_time();
		if (aa_bench_validate_one(root, board, scenario) == 0)
			return 2;
		times[i] = (g_get_monotonic_time() - start) / 1000.0;
	}
	qsort(times, AA_BENCH_RUNS, sizeof(gdouble), aa_bench_cmp);
	g_print("validate adl-asrock/shared.xml: median %.2f ms (min %.2f, max %.2f, %u runs; "
	        "goal < 50 ms)\n",
	        times[AA_BENCH_RUNS / 2], times[0], times[AA_BENCH_RUNS - 1], AA_BENCH_RUNS);

	dir = g_dir_open(data, 0, NULL);
	if (dir == NULL)
		return 2;
	start = g_get_monotonic_time();
	while ((name = g_dir_read_name(dir)) != NULL) {
		g_autofree gchar *folder = g_build_filename(data, name, NULL);
		g_autofree gchar *board_file = g_strdup_printf("%s.xml", name);
		g_autofree gchar *b = g_build_filename(folder, board_file, NULL);
		g_autoptr(GDir) sub = g_dir_open(folder, 0, NULL);
		const gchar *s;
		while (sub != NULL && (s = g_dir_read_name(sub)) != NULL) {
			g_autofree gchar *path = g_build_filename(folder, s, NULL);
			if (g_strcmp0(s, board_file) == 0 || !g_str_has_suffix(s, ".xml"))
				continue;
			if (aa_bench_validate_one(root, b, path) > 0)
				n++;
		}
	}
	g_print("validate all of %s: %u scenarios in %.1f ms (goal < 2000 ms)\n", data, n,
	        (g_get_monotonic_time() - start) / 1000.0);
	return 0;
}
