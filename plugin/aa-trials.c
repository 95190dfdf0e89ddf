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

/**
 * aa_trials_load:
 * @filename: a trials CSV
 * @error: (nullable): optional return location for an error
 *
 * Reads every measured row.  All seven columns are required, in any order;
 * unknown columns are ignored and `#` lines are comments.  Numbers are strict
 * (file:line on anything else); at most %AA_TRIALS_MAX_ROWS rows.  An empty
 * file (a header and no rows) is refused: the loop starts from `recommend`.
 *
 * Returns: (transfer full): the trials, runs numbered
 */
AaTrials *
aa_trials_load(const gchar *filename, GError **error)
{
	g_auto(AaCsvReader) reader = {NULL};
	g_autoptr(AaTrials) self = g_new0(AaTrials, 1);
	g_autoptr(GPtrArray) header = NULL;
	gint index[G_N_ELEMENTS(aa_trials_columns)];
	glong header_line = 0;
	gchar *text;

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
	if (!aa_csv_reader_open(&reader, filename, "trials", error))
		return NULL;
	while ((text = aa_csv_reader_next_line(&reader)) != NULL) {
		g_autoptr(GPtrArray) cells = NULL;
		AaTrialRow *row;
		const gchar *vm;
		const gchar *metric;

		if (text[0] == '#' || g_strstrip(text)[0] == '\0')
			continue;
		cells = aa_csv_split(text, filename, reader.line, error);
		if (cells == NULL)
			return NULL;
		if (header == NULL) {
			header = g_steal_pointer(&cells);
			header_line = reader.line;
			if (!aa_csv_map_header(header, aa_trials_columns, index, filename,
			                       header_line, error))
				return NULL;
			for (guint j = 0; aa_trials_columns[j] != NULL; j++) {
				if (index[j] >= 0)
					continue;
				aa_error_set_at(
				    error, AA_ERROR_INVALID_DATA, filename, header_line,
				    "the header has no column '%s'; a trials file needs "
				    "vm,p_cores,e_cores,memory_mib,gpu_slices,metric,"
				    "value",
				    aa_trials_columns[j]);
				return NULL;
			}
			continue;
		}
		if (cells->len != header->len) {
			aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, reader.line,
			                "row has %u cells but the header (line %ld) has %u",
			                cells->len, header_line, header->len);
			return NULL;
		}
		if (self->rows->len >= AA_TRIALS_MAX_ROWS) {
			aa_error_set_at(error, AA_ERROR_HOSTILE, filename, reader.line,
			                "more than %u trial rows; keep the runs of one "
			                "refinement loop only",
			                AA_TRIALS_MAX_ROWS);
			return NULL;
		}
		vm = g_ptr_array_index(cells, index[0]);
		metric = g_ptr_array_index(cells, index[5]);
		if (vm[0] == '\0') {
			aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, reader.line,
			                "column 'vm' is empty; name the scenario's VM measured");
			return NULL;
		}
		if (metric[0] == '\0') {
			aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, reader.line,
			                "column 'metric' is empty; name the QoS metric measured, "
			                "e.g. fps");
			return NULL;
		}
		row = g_new0(AaTrialRow, 1);
		row->point.line = reader.line;
		g_ptr_array_add(self->rows, row);
		if (!aa_csv_parse_allocation(cells, &index[1], &row->point.p_cores,
		                             &row->point.e_cores, &row->point.memory_mib,
		                             &row->point.gpu_slices, filename, reader.line,
		                             error) ||
		    !aa_csv_parse_number(g_ptr_array_index(cells, index[6]), FALSE,
		                         AA_LIMIT_CSV_VALUE, &row->point.value, filename,
		                         reader.line, "value", error))
			return NULL;
		row->vm = g_strdup(vm);
		row->point.metric = g_strdup(metric);
	}
	if (header == NULL || self->rows->len == 0) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, reader.line,
		                "no measured runs; write the header "
		                "vm,p_cores,e_cores,memory_mib,gpu_slices,metric,value and one "
		                "row per VM and metric of each run (start the loop with "
		                "recommend)");
		return NULL;
	}
	aa_trials_number_runs(self);
	return g_steal_pointer(&self);
}
