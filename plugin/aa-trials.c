/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Reader for the trials CSV (FORMATS.md v2): the calibration format with a
 * leading vm column, oldest run first.  Runs are not numbered in the file: a
 * row starts a new run when its VM and metric were already measured in the
 * current run, or when its VM appears there with another allocation.  Same
 * limits and messages as the other CSV readers.
 */

#include "config.h"

#include "aa-csv-private.h"
#include "aa-error.h"
#include "aa-limits.h"
#include "aa-trials.h"

static const gchar *const aa_trials_columns[] = {"vm",         "p_cores", "e_cores", "memory_mib",
                                                 "gpu_slices", "metric",  "value",   NULL};

static void
aa_trial_row_free(AaTrialRow *row)
{
	g_free(row->vm);
	g_free(row->point.metric);
	g_free(row);
}

/**
 * aa_trials_free:
 * @self: (nullable): trials
 */
void
aa_trials_free(AaTrials *self)
{
	if (self == NULL)
		return;
	g_clear_pointer(&self->rows, g_ptr_array_unref);
	g_free(self->filename);
	g_free(self);
}

static gboolean
aa_trials_same_alloc(const AaTrialRow *a, const AaTrialRow *b)
{
	return a->point.p_cores == b->point.p_cores && a->point.e_cores == b->point.e_cores &&
	       a->point.memory_mib == b->point.memory_mib &&
	       a->point.gpu_slices == b->point.gpu_slices;
}

/* numbers the runs: a repeated VM and metric, or a VM with another
 * allocation, starts the next one */
static void
aa_trials_number_runs(AaTrials *self)
{
	g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	g_autoptr(GHashTable) allocs = g_hash_table_new(g_str_hash, g_str_equal);
	guint run = 0;

	for (guint i = 0; i < self->rows->len; i++) {
		AaTrialRow *row = g_ptr_array_index(self->rows, i);
		g_autofree gchar *key = g_strdup_printf("%s\n%s", row->vm, row->point.metric);
		const AaTrialRow *prev = g_hash_table_lookup(allocs, row->vm);

		if (g_hash_table_contains(seen, key) ||
		    (prev != NULL && !aa_trials_same_alloc(prev, row))) {
			run++;
			g_hash_table_remove_all(seen);
			g_hash_table_remove_all(allocs);
		}
		row->run = run;
		g_hash_table_add(seen, g_steal_pointer(&key));
		g_hash_table_insert(allocs, row->vm, row);
	}
	self->n_runs = self->rows->len > 0 ? run + 1 : 0;
}

/* a row: the VM and metric named, then the allocation and value */
static gboolean
aa_trials_parse_row(gpointer user_data, GPtrArray *cells, const gint *index, const gchar *filename,
                    glong line, GError **error)
{
	AaTrials *self = user_data;
	const gchar *vm = g_ptr_array_index(cells, index[0]);
	const gchar *metric = g_ptr_array_index(cells, index[5]);
	AaTrialRow *row;

	if (vm[0] == '\0') {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, line,
		                "column 'vm' is empty; name the scenario's VM measured");
		return FALSE;
	}
	if (metric[0] == '\0') {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, line,
		                "column 'metric' is empty; name the QoS metric measured, e.g. fps");
		return FALSE;
	}
	row = g_new0(AaTrialRow, 1);
	row->point.line = line;
	g_ptr_array_add(self->rows, row);
	if (!aa_csv_parse_allocation(cells, index + 1, &row->point.p_cores, &row->point.e_cores,
	                             &row->point.memory_mib, &row->point.gpu_slices, filename, line,
	                             error) ||
	    !aa_csv_parse_number(g_ptr_array_index(cells, index[6]), FALSE, AA_LIMIT_CSV_VALUE,
	                         &row->point.value, filename, line, "value", error))
		return FALSE;
	row->vm = g_strdup(vm);
	row->point.metric = g_strdup(metric);
	return TRUE;
}

/* the calibration's columns after a vm column; every '#' line is a comment */
static const AaCsvTable aa_trials_table = {
    .what = "trials",
    .not_this = "a profile or calibration CSV",
    .columns.names = aa_trials_columns,
    .columns.missing =
        "; a trials file needs vm,p_cores,e_cores,memory_mib,gpu_slices,metric,value",
    .columns.ragged = "",
    .rows.max = AA_TRIALS_MAX_ROWS,
    .rows.too_many = "trial rows; keep the runs of one refinement loop only",
    .rows.no_rows = "no measured runs; write the header "
                    "vm,p_cores,e_cores,memory_mib,gpu_slices,metric,value and one row per VM and "
                    "metric of each run (start the loop with recommend)",
    .row = aa_trials_parse_row,
};

/**
 * aa_trials_load:
 * @filename: a trials CSV
 * @error: (nullable): optional return location for an error
 *
 * Reads every measured row through the shared CSV reader.  All seven
 * columns are required, in any order; unknown columns are ignored and `#`
 * lines are comments.  Numbers are strict (file:line on anything else); at
 * most %AA_TRIALS_MAX_ROWS rows.  An empty file (a header and no rows) is
 * refused: the loop starts from `recommend`.
 *
 * Returns: (transfer full): the trials, runs numbered
 */
AaTrials *
aa_trials_load(const gchar *filename, GError **error)
{
	g_autoptr(AaTrials) self = g_new0(AaTrials, 1);

	self->filename = g_strdup(filename);
	self->rows = g_ptr_array_new_with_free_func((GDestroyNotify)aa_trial_row_free);
	/* the shared reader's advice is about intent hrefs; trials come from --trials */
	if (!g_file_test(filename, G_FILE_TEST_EXISTS)) {
		aa_error_set_at(error, AA_ERROR_NOT_FOUND, filename, 0,
		                "no such trials file; pass the CSV of the runs measured so far "
		                "with --trials (header vm,p_cores,e_cores,memory_mib,gpu_slices,"
		                "metric,value)");
		return NULL;
	}
	if (!aa_csv_read_table(&aa_trials_table, filename, self, NULL, error))
		return NULL;
	aa_trials_number_runs(self);
	return g_steal_pointer(&self);
}
