/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Readers for the profile trace and the calibration CSV of FORMATS.md.  Both
 * are untrusted: sizes and row counts are bounded, every number is checked
 * whole, and non-finite or negative values are refused with file:line.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "aa-csv-private.h"
#include "aa-error.h"
#include "aa-limits.h"
#include "aa-profile.h"

/* a day of samples at 1 Hz is 86400 rows; allow generous headroom */
#define AA_PROFILE_MAX_ROWS 1000000u
/* each calibration row is one measured benchmark run: 10,000 runs of a minute
 * are a week of measuring.  The fit's work grows with the rows; at the
 * profile's limit of 1,000,000 it took 279 s under ASan (docs/limits.md) */
#define AA_CALIBRATION_MAX_ROWS 10000u
#define AA_PROFILE_MAGIC        "acrn-alloc-profile"

/* the columns of a profile trace, in AaProfileSample order */
static const gchar *const aa_profile_columns[] = {
    "time_s",        "cpu_p_busy",         "cpu_e_busy",   "mem_used_mib", "mem_rss_mib", "wss_mib",
    "swap_used_mib", "major_faults_per_s", "gpu_busy_pct", "vram_mib",     NULL,
};
#define AA_PROFILE_N_COLUMNS 10

/* the largest value of each column, in aa_profile_columns order */
static const gdouble aa_profile_maxima[AA_PROFILE_N_COLUMNS] = {
    AA_LIMIT_CSV_VALUE,  AA_LIMIT_PCPUS,      AA_LIMIT_PCPUS,
    AA_LIMIT_MEMORY_MIB, AA_LIMIT_MEMORY_MIB, AA_LIMIT_MEMORY_MIB,
    AA_LIMIT_MEMORY_MIB, AA_LIMIT_CSV_VALUE,  100.0,
    AA_LIMIT_MEMORY_MIB,
};

static gdouble *
aa_profile_sample_field(AaProfileSample *sample, guint column)
{
	gdouble *fields[AA_PROFILE_N_COLUMNS] = {
	    &sample->time_s,        &sample->cpu_p_busy,         &sample->cpu_e_busy,
	    &sample->mem_used_mib,  &sample->mem_rss_mib,        &sample->wss_mib,
	    &sample->swap_used_mib, &sample->major_faults_per_s, &sample->gpu_busy_pct,
	    &sample->vram_mib,
	};
	return fields[column];
}

/**
 * aa_profile_free:
 * @self: (nullable): a profile
 *
 * Frees a profile trace.
 */
void
aa_profile_free(AaProfile *self)
{
	if (self == NULL)
		return;
	g_free(self->filename);
	g_free(self->vm_name);
	g_clear_pointer(&self->qos, g_hash_table_unref);
	g_clear_pointer(&self->samples, g_array_unref);
	g_free(self);
}

/* the entries of a "# qos:" or "# allocation:" line */
typedef struct {
	GHashTable *out;
	const gchar *filename;
	const gchar *what;
} AaProfilePairs;

static gboolean
aa_profile_take_pair(gpointer user_data, const gchar *key, const gchar *text, gdouble value,
                     glong line, GError **error)
{
	AaProfilePairs *pairs = user_data;
	if (g_hash_table_contains(pairs->out, key)) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, pairs->filename, line,
		                "'# %s' names '%s' twice; keep one", pairs->what, key);
		return FALSE;
	}
	g_hash_table_insert(pairs->out, g_strdup(key), g_memdup2(&value, sizeof(value)));
	return TRUE;
}

/* "key=value key=value"; each value a finite number >= 0 */
static gboolean
aa_profile_parse_pairs(const gchar *text, GHashTable *out, const gchar *filename, glong line,
                       const gchar *what, GError **error)
{
	AaProfilePairs pairs = {out, filename, what};
	return aa_csv_parse_pairs(text, &aa_csv_measurement, AA_LIMIT_CSV_VALUE, what, "fps=58",
	                          TRUE, aa_profile_take_pair, &pairs, filename, line, error);
}

static gboolean
aa_profile_parse_allocation(AaProfile *self, const gchar *text, glong line, GError **error)
{
	g_autoptr(GHashTable) pairs =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	const gchar *keys[] = {"p_cores", "e_cores", "memory_mib", "gpu_slices"};
	const gdouble maxima[] = {AA_LIMIT_PCPUS, AA_LIMIT_PCPUS, AA_LIMIT_MEMORY_MIB,
	                          AA_LIMIT_GPU_SLICES};
	gint64 *dest[] = {&self->alloc_p_cores, &self->alloc_e_cores, &self->alloc_memory_mib,
	                  &self->alloc_gpu_slices};

	if (!aa_profile_parse_pairs(text, pairs, self->filename, line, "allocation:", error))
		return FALSE;
	for (guint i = 0; i < G_N_ELEMENTS(keys); i++) {
		const gdouble *v = g_hash_table_lookup(pairs, keys[i]);
		if (v == NULL) {
			*dest[i] = 0;
			continue;
		}
		if (*v != floor(*v)) {
			aa_error_set_at(error, AA_ERROR_INVALID_DATA, self->filename, line,
			                "'# allocation:' %s=%g is not a whole number; write "
			                "the count the VM had",
			                keys[i], *v);
			return FALSE;
		}
		if (*v > maxima[i]) {
			aa_error_set_at(error, AA_ERROR_INVALID_DATA, self->filename, line,
			                "'# allocation:' %s=%g is above the maximum of %g "
			                "(docs/limits.md); write the count the VM had",
			                keys[i], *v, maxima[i]);
			return FALSE;
		}
		*dest[i] = (gint64)*v;
	}
	self->has_allocation = TRUE;
	return TRUE;
}

/* a "#" line after the magic and "# vm:": allocation, qos, or a free comment */
static gboolean
aa_profile_parse_metadata(gpointer user_data, const gchar *body, glong line, GError **error)
{
	AaProfile *self = user_data;
	if (g_str_has_prefix(body, "allocation:"))
		return aa_profile_parse_allocation(self, body + 11, line, error);
	if (g_str_has_prefix(body, "qos:")) {
		return aa_profile_parse_pairs(body + 4, self->qos, self->filename, line,
		                              "qos:", error);
	}
	return TRUE;
}

static gboolean
aa_profile_parse_row(gpointer user_data, GPtrArray *cells, const gint *index, const gchar *filename,
                     glong line, GError **error)
{
	AaProfile *self = user_data;
	AaProfileSample sample = {0};

	for (guint j = 0; j < AA_PROFILE_N_COLUMNS; j++) {
		gdouble *field = aa_profile_sample_field(&sample, j);
		*field = NAN;
		if (index[j] < 0)
			continue;
		if (!aa_csv_parse_number(g_ptr_array_index(cells, index[j]), TRUE,
		                         aa_profile_maxima[j], field, filename, line,
		                         aa_profile_columns[j], error))
			return FALSE;
	}
	sample.line = line;
	if (!isnan(sample.wss_mib))
		self->has_wss = TRUE;
	if (!isnan(sample.gpu_busy_pct))
		self->has_gpu = TRUE;
	g_array_append_val(self->samples, sample);
	return TRUE;
}

/* cpu_p_busy, cpu_e_busy, mem_rss_mib */
static const guint aa_profile_required[] = {1, 2, 4};

static const AaCsvTable aa_profile_table = {
    .what = "profile",
    .magic = {AA_PROFILE_MAGIC, "profile", "this version's profiling script",
              "a profile trace written by the profiling script"},
    .metadata = aa_profile_parse_metadata,
    .not_this = "a profile or calibration CSV",
    .columns = {aa_profile_columns, aa_profile_required, G_N_ELEMENTS(aa_profile_required), FALSE,
                "; the columns cpu_p_busy, cpu_e_busy and mem_rss_mib are required", FALSE,
                "; leave unmeasured cells empty but keep the commas"},
    .rows = {AA_PROFILE_MAX_ROWS, "samples; record with a longer sampling interval",
             "no header row; the first line that is not '#' metadata names the columns, e.g. "
             "time_s,cpu_p_busy,cpu_e_busy,mem_rss_mib",
             "no samples after the header; profile the VM for longer", TRUE},
    .row = aa_profile_parse_row,
};

/**
 * aa_profile_load:
 * @filename: a profile trace CSV (FORMATS.md)
 * @error: (nullable): optional return location for an error
 *
 * Reads a profile trace.  Columns are found by name and unknown ones are
 * ignored; an empty cell is NAN (not measured).  cpu_p_busy, cpu_e_busy and
 * mem_rss_mib are required.
 *
 * Returns: (transfer full): the profile, or %NULL
 */
AaProfile *
aa_profile_load(const gchar *filename, GError **error)
{
	g_autoptr(AaProfile) self = g_new0(AaProfile, 1);

	self->filename = g_strdup(filename);
	self->qos = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	self->samples = g_array_new(FALSE, TRUE, sizeof(AaProfileSample));
	if (!aa_csv_read_table(&aa_profile_table, filename, self, &self->vm_name, error))
		return NULL;
	return g_steal_pointer(&self);
}

/**
 * aa_calibration_row_free:
 * @row: (nullable): a calibration row
 */
void
aa_calibration_row_free(AaCalibrationRow *row)
{
	if (row == NULL)
		return;
	g_free(row->metric);
	g_free(row);
}

static const gchar *const aa_calibration_columns[] = {
    "p_cores", "e_cores", "memory_mib", "gpu_slices", "metric", "value", NULL,
};

static gboolean
aa_calibration_parse_row(gpointer user_data, GPtrArray *cells, const gint *index,
                         const gchar *filename, glong line, GError **error)
{
	GPtrArray *rows = user_data;
	g_autofree AaCalibrationRow *row = g_new0(AaCalibrationRow, 1);
	const gchar *metric;

	row->line = line;
	if (!aa_csv_parse_allocation(cells, index, &row->p_cores, &row->e_cores, &row->memory_mib,
	                             &row->gpu_slices, filename, line, error))
		return FALSE;
	metric = g_ptr_array_index(cells, index[4]);
	if (metric[0] == '\0') {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, line,
		                "column 'metric' is empty; name the QoS metric measured, e.g. fps");
		return FALSE;
	}
	if (!aa_csv_parse_number(g_ptr_array_index(cells, index[5]), FALSE, AA_LIMIT_CSV_VALUE,
	                         &row->value, filename, line, "value", error))
		return FALSE;
	row->metric = g_strdup(metric);
	g_ptr_array_add(rows, g_steal_pointer(&row));
	return TRUE;
}

static const AaCsvTable aa_calibration_table = {
    .what = "calibration",
    .not_this = "a profile or calibration CSV",
    .columns = {aa_calibration_columns, NULL, 0, FALSE,
                "; a calibration file needs p_cores,e_cores,memory_mib,gpu_slices,metric,value",
                FALSE, ""},
    .rows = {AA_CALIBRATION_MAX_ROWS,
             "calibration runs (docs/limits.md); keep one row per distinct run, or average "
             "repeated runs",
             NULL,
             "no calibration runs; write the header "
             "p_cores,e_cores,memory_mib,gpu_slices,metric,value and one row per measured run",
             FALSE},
    .row = aa_calibration_parse_row,
};

/**
 * aa_calibration_load:
 * @filename: a calibration CSV (FORMATS.md)
 * @error: (nullable): optional return location for an error
 *
 * Reads one measured run per row.  All six columns are required, in any
 * order; unknown columns are ignored and `#` lines are comments.
 *
 * Returns: (transfer container) (element-type AaCalibrationRow): the rows
 */
GPtrArray *
aa_calibration_load(const gchar *filename, GError **error)
{
	g_autoptr(GPtrArray) rows =
	    g_ptr_array_new_with_free_func((GDestroyNotify)aa_calibration_row_free);

	if (!aa_csv_read_table(&aa_calibration_table, filename, rows, NULL, error))
		return NULL;
	return g_steal_pointer(&rows);
}
