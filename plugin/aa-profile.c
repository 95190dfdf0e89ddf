/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Readers for the profile trace and the calibration CSV of FORMATS.md.  Both
 * are untrusted: sizes and row counts are bounded, every number is checked
 * whole, and non-finite or negative values are refused with file:line.
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "aa-csv-private.h"
#include "aa-error.h"
#include "aa-limits.h"
#include "aa-profile.h"
#include "aa-util.h"

/* a day of samples at 1 Hz is 86400 rows; allow generous headroom */
#define AA_PROFILE_MAX_BYTES (64u * 1024u * 1024u)
#define AA_PROFILE_MAX_ROWS  1000000u
#define AA_PROFILE_MAX_CELLS 256u
/* each calibration row is one measured benchmark run: 10,000 runs of a minute
 * are a week of measuring.  The fit's work grows with the rows; at the
 * profile's limit of 1,000,000 it took 279 s under ASan (docs/limits.md) */
#define AA_CALIBRATION_MAX_ROWS 10000u
#define AA_PROFILE_MAGIC        "acrn-alloc-profile"

/* private: the CSV helpers are shared with aa-trials.c through aa-csv-private.h */
void
aa_csv_reader_clear(AaCsvReader *self)
{
	g_free(self->data);
}

gboolean
aa_csv_reader_open(AaCsvReader *self, const gchar *filename, const gchar *what, GError **error)
{
	gsize len = 0;

	self->filename = filename;
	self->line = 0;
	if (!aa_file_read_untrusted(filename, AA_PROFILE_MAX_BYTES, what, &self->data, &len, error))
		return FALSE;
	if (memchr(self->data, '\0', len) != NULL) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, 0,
		                "%s contains NUL bytes (binary or UTF-16 data); save it as UTF-8 "
		                "text",
		                what);
		return FALSE;
	}
	self->cursor = self->data;
	return TRUE;
}

/* returns the next line without its end (LF or CRLF), or NULL at the end */
gchar *
aa_csv_reader_next_line(AaCsvReader *self)
{
	gchar *start = self->cursor;
	gchar *end;
	gsize len;

	if (start == NULL || *start == '\0')
		return NULL;
	end = strchr(start, '\n');
	if (end != NULL) {
		*end = '\0';
		self->cursor = end + 1;
	} else {
		self->cursor = start + strlen(start);
	}
	len = strlen(start);
	if (len > 0 && start[len - 1] == '\r')
		start[len - 1] = '\0';
	self->line++;
	return start;
}

/* splits @line at commas in place; a cell may be "quoted" with "" as a quote */
GPtrArray *
aa_csv_split(gchar *line, const gchar *filename, glong lineno, GError **error)
{
	g_autoptr(GPtrArray) cells = g_ptr_array_new();
	gchar *p = line;

	for (;;) {
		gchar *cell;
		if (cells->len >= AA_PROFILE_MAX_CELLS) {
			aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, lineno,
			                "more than %u columns; this is not a profile or "
			                "calibration CSV",
			                AA_PROFILE_MAX_CELLS);
			return NULL;
		}
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '"') {
			gchar *out = ++p;
			cell = out;
			for (;;) {
				if (*p == '\0') {
					aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename,
					                lineno,
					                "unterminated quoted cell; close the quote "
					                "with '\"'");
					return NULL;
				}
				if (*p == '"' && p[1] == '"') {
					*out++ = '"';
					p += 2;
					continue;
				}
				if (*p == '"') {
					p++;
					break;
				}
				*out++ = *p++;
			}
			*out = '\0';
			while (*p == ' ' || *p == '\t')
				p++;
			if (*p != ',' && *p != '\0') {
				aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, lineno,
				                "text after a quoted cell; put a ',' after the "
				                "closing quote");
				return NULL;
			}
		} else {
			cell = p;
			while (*p != ',' && *p != '\0')
				p++;
		}
		g_ptr_array_add(cells, cell);
		if (*p == '\0')
			break;
		*p++ = '\0';
	}
	for (guint i = 0; i < cells->len; i++)
		g_strstrip((gchar *)g_ptr_array_index(cells, i));
	return g_steal_pointer(&cells);
}

/* a finite number from 0 to @max (docs/limits.md); @empty_ok maps an empty
 * cell to NAN */
gboolean
aa_csv_parse_number(const gchar *text, gboolean empty_ok, gdouble max, gdouble *value,
                    const gchar *filename, glong line, const gchar *column, GError **error)
{
	gchar *end = NULL;
	gdouble v;

	if (text[0] == '\0') {
		if (empty_ok) {
			*value = NAN;
			return TRUE;
		}
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, line,
		                "column '%s' is empty; every run needs a value here", column);
		return FALSE;
	}
	errno = 0;
	v = g_ascii_strtod(text, &end);
	if (end == text || *end != '\0' || errno == ERANGE ||
	    g_ascii_strncasecmp(text, "0x", 2) == 0) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, line,
		                "column '%s': '%s' is not a number; write a decimal such as 1.5, "
		                "or leave the cell empty if it was not measured",
		                column, text);
		return FALSE;
	}
	if (!isfinite(v)) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, line,
		                "column '%s': '%s' is not finite; leave the cell empty if it "
		                "was not measured",
		                column, text);
		return FALSE;
	}
	if (v < 0) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, line,
		                "column '%s': %s is negative; a measurement here is >= 0", column,
		                text);
		return FALSE;
	}
	if (v > max) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, line,
		                "column '%s': %s is above the maximum of %g (docs/limits.md); "
		                "check the unit and the value",
		                column, text, max);
		return FALSE;
	}
	*value = v;
	return TRUE;
}

gboolean
aa_csv_parse_count(const gchar *text, guint64 max, gint64 *value, const gchar *filename, glong line,
                   const gchar *column, GError **error)
{
	guint64 v = 0;
	g_autoptr(GError) error_local = NULL;

	if (text[0] == '\0') {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, line,
		                "column '%s' is empty; write the count used in this run (0 if "
		                "none)",
		                column);
		return FALSE;
	}
	if (!g_ascii_string_to_unsigned(text, 10, 0, G_MAXUINT64, &v, &error_local)) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, line,
		                "column '%s': '%s' is not a whole number >= 0; write a count "
		                "such as 4",
		                column, text);
		return FALSE;
	}
	if (v > max) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, line,
		                "column '%s': %s is above the maximum of %" G_GUINT64_FORMAT
		                " (docs/limits.md); check the unit and the value",
		                column, text, max);
		return FALSE;
	}
	*value = (gint64)v;
	return TRUE;
}

/* maps each wanted column name to its index in the header, -1 if absent */
gboolean
aa_csv_map_header(GPtrArray *header, const gchar *const *names, gint *index, const gchar *filename,
                  glong line, GError **error)
{
	for (guint j = 0; names[j] != NULL; j++)
		index[j] = -1;
	for (guint i = 0; i < header->len; i++) {
		const gchar *name = g_ptr_array_index(header, i);
		for (guint k = 0; k < i; k++) {
			if (name[0] != '\0' && g_strcmp0(name, g_ptr_array_index(header, k)) == 0) {
				aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, line,
				                "column '%s' appears twice in the header; "
				                "remove one",
				                name);
				return FALSE;
			}
		}
		for (guint j = 0; names[j] != NULL; j++) {
			if (g_strcmp0(name, names[j]) == 0)
				index[j] = (gint)i;
		}
	}
	return TRUE;
}

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
	if (self->qos != NULL)
		g_hash_table_unref(self->qos);
	if (self->samples != NULL)
		g_array_unref(self->samples);
	g_free(self);
}

/* "key=value key=value"; each value a finite number >= 0 */
static gboolean
aa_profile_parse_pairs(const gchar *text, GHashTable *out, const gchar *filename, glong line,
                       const gchar *what, GError **error)
{
	g_auto(GStrv) words = g_strsplit_set(text, " \t", -1);
	for (guint i = 0; words[i] != NULL; i++) {
		const gchar *eq;
		g_autofree gchar *key = NULL;
		gdouble value = 0;
		g_autofree gchar *column = NULL;

		if (words[i][0] == '\0')
			continue;
		eq = strchr(words[i], '=');
		if (eq == NULL || eq == words[i]) {
			aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, line,
			                "'# %s' entry '%s' is not name=value; write e.g. "
			                "fps=58",
			                what, words[i]);
			return FALSE;
		}
		key = g_strndup(words[i], eq - words[i]);
		column = g_strdup_printf("# %s %s", what, key);
		if (!aa_csv_parse_number(eq + 1, FALSE, AA_LIMIT_CSV_VALUE, &value, filename, line,
		                         column, error))
			return FALSE;
		if (g_hash_table_contains(out, key)) {
			aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, line,
			                "'# %s' names '%s' twice; keep one", what, key);
			return FALSE;
		}
		g_hash_table_insert(out, g_steal_pointer(&key), g_memdup2(&value, sizeof(value)));
	}
	return TRUE;
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

/* a "#" line: the magic, vm, allocation, qos, or a free comment */
static gboolean
aa_profile_parse_metadata(AaProfile *self, const gchar *text, glong line, gboolean *seen_magic,
                          GError **error)
{
	const gchar *body = text + 1;
	while (*body == ' ' || *body == '\t')
		body++;
	if (g_str_has_prefix(body, AA_PROFILE_MAGIC)) {
		g_autofree gchar *version = g_strstrip(g_strdup(body + strlen(AA_PROFILE_MAGIC)));
		if (g_strcmp0(version, "v1") != 0) {
			aa_error_set_at(error, AA_ERROR_INVALID_DATA, self->filename, line,
			                "profile format '%s' is not supported, only v1; "
			                "record it again with this version's profiling script",
			                version);
			return FALSE;
		}
		*seen_magic = TRUE;
		return TRUE;
	}
	if (g_str_has_prefix(body, "vm:")) {
		g_free(self->vm_name);
		self->vm_name = g_strstrip(g_strdup(body + 3));
		return TRUE;
	}
	if (g_str_has_prefix(body, "allocation:"))
		return aa_profile_parse_allocation(self, body + 11, line, error);
	if (g_str_has_prefix(body, "qos:")) {
		return aa_profile_parse_pairs(body + 4, self->qos, self->filename, line,
		                              "qos:", error);
	}
	return TRUE;
}

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
	g_auto(AaCsvReader) reader = {NULL};
	g_autoptr(AaProfile) self = g_new0(AaProfile, 1);
	g_autoptr(GPtrArray) header = NULL;
	gint index[AA_PROFILE_N_COLUMNS + 1];
	const guint required[] = {1, 2, 4}; /* cpu_p_busy, cpu_e_busy, mem_rss_mib */
	gboolean seen_magic = FALSE;
	glong header_line = 0;
	gchar *text;

	self->filename = g_strdup(filename);
	self->qos = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	self->samples = g_array_new(FALSE, TRUE, sizeof(AaProfileSample));
	if (!aa_csv_reader_open(&reader, filename, "profile", error))
		return NULL;

	while ((text = aa_csv_reader_next_line(&reader)) != NULL) {
		AaProfileSample sample = {0};
		g_autoptr(GPtrArray) cells = NULL;

		if (text[0] == '#') {
			if (header != NULL)
				continue;
			if (!aa_profile_parse_metadata(self, text, reader.line, &seen_magic, error))
				return NULL;
			continue;
		}
		if (g_strstrip(text)[0] == '\0')
			continue;
		if (!seen_magic) {
			aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, reader.line,
			                "no '# %s v1' line before the data; this is not a "
			                "profile trace written by the profiling script",
			                AA_PROFILE_MAGIC);
			return NULL;
		}
		cells = aa_csv_split(text, filename, reader.line, error);
		if (cells == NULL)
			return NULL;

		/* the first row is the header */
		if (header == NULL) {
			header = g_steal_pointer(&cells);
			header_line = reader.line;
			if (!aa_csv_map_header(header, aa_profile_columns, index, filename,
			                       header_line, error))
				return NULL;
			for (guint i = 0; i < G_N_ELEMENTS(required); i++) {
				if (index[required[i]] >= 0)
					continue;
				aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, header_line,
				                "the header has no column '%s'; the columns "
				                "cpu_p_busy, cpu_e_busy and mem_rss_mib are "
				                "required",
				                aa_profile_columns[required[i]]);
				return NULL;
			}
			continue;
		}

		if (cells->len != header->len) {
			aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, reader.line,
			                "row has %u cells but the header (line %ld) has %u; "
			                "leave unmeasured cells empty but keep the commas",
			                cells->len, header_line, header->len);
			return NULL;
		}
		if (self->samples->len >= AA_PROFILE_MAX_ROWS) {
			aa_error_set_at(error, AA_ERROR_HOSTILE, filename, reader.line,
			                "more than %u samples; record with a longer sampling "
			                "interval",
			                AA_PROFILE_MAX_ROWS);
			return NULL;
		}
		for (guint j = 0; j < AA_PROFILE_N_COLUMNS; j++) {
			gdouble *field = aa_profile_sample_field(&sample, j);
			*field = NAN;
			if (index[j] < 0)
				continue;
			if (!aa_csv_parse_number(g_ptr_array_index(cells, index[j]), TRUE,
			                         aa_profile_maxima[j], field, filename, reader.line,
			                         aa_profile_columns[j], error))
				return NULL;
		}
		sample.line = reader.line;
		if (!isnan(sample.wss_mib))
			self->has_wss = TRUE;
		if (!isnan(sample.gpu_busy_pct))
			self->has_gpu = TRUE;
		g_array_append_val(self->samples, sample);
	}

	if (header == NULL) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, reader.line,
		                "no header row; the first line that is not '#' metadata names "
		                "the columns, e.g. time_s,cpu_p_busy,cpu_e_busy,mem_rss_mib");
		return NULL;
	}
	if (self->samples->len == 0) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, header_line,
		                "no samples after the header; profile the VM for longer");
		return NULL;
	}
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
	g_auto(AaCsvReader) reader = {NULL};
	g_autoptr(GPtrArray) rows =
	    g_ptr_array_new_with_free_func((GDestroyNotify)aa_calibration_row_free);
	g_autoptr(GPtrArray) header = NULL;
	gint index[G_N_ELEMENTS(aa_calibration_columns)];
	glong header_line = 0;
	gchar *text;

	if (!aa_csv_reader_open(&reader, filename, "calibration", error))
		return NULL;
	while ((text = aa_csv_reader_next_line(&reader)) != NULL) {
		g_autoptr(GPtrArray) cells = NULL;
		g_autofree AaCalibrationRow *row = NULL;
		const gchar *metric;

		if (text[0] == '#' || g_strstrip(text)[0] == '\0')
			continue;
		cells = aa_csv_split(text, filename, reader.line, error);
		if (cells == NULL)
			return NULL;
		if (header == NULL) {
			header = g_steal_pointer(&cells);
			header_line = reader.line;
			if (!aa_csv_map_header(header, aa_calibration_columns, index, filename,
			                       header_line, error))
				return NULL;
			for (guint j = 0; aa_calibration_columns[j] != NULL; j++) {
				if (index[j] >= 0)
					continue;
				aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, header_line,
				                "the header has no column '%s'; a calibration "
				                "file needs p_cores,e_cores,memory_mib,"
				                "gpu_slices,metric,value",
				                aa_calibration_columns[j]);
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
		if (rows->len >= AA_CALIBRATION_MAX_ROWS) {
			aa_error_set_at(error, AA_ERROR_HOSTILE, filename, reader.line,
			                "more than %u calibration runs (docs/limits.md); keep "
			                "one row per distinct run, or average repeated runs",
			                AA_CALIBRATION_MAX_ROWS);
			return NULL;
		}
		row = g_new0(AaCalibrationRow, 1);
		row->line = reader.line;
		if (!aa_csv_parse_count(g_ptr_array_index(cells, index[0]), AA_LIMIT_PCPUS,
		                        &row->p_cores, filename, reader.line, "p_cores", error) ||
		    !aa_csv_parse_count(g_ptr_array_index(cells, index[1]), AA_LIMIT_PCPUS,
		                        &row->e_cores, filename, reader.line, "e_cores", error) ||
		    !aa_csv_parse_count(g_ptr_array_index(cells, index[2]), AA_LIMIT_MEMORY_MIB,
		                        &row->memory_mib, filename, reader.line, "memory_mib",
		                        error) ||
		    !aa_csv_parse_count(g_ptr_array_index(cells, index[3]), AA_LIMIT_GPU_SLICES,
		                        &row->gpu_slices, filename, reader.line, "gpu_slices",
		                        error))
			return NULL;
		metric = g_ptr_array_index(cells, index[4]);
		if (metric[0] == '\0') {
			aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, reader.line,
			                "column 'metric' is empty; name the QoS metric measured, "
			                "e.g. fps");
			return NULL;
		}
		if (!aa_csv_parse_number(g_ptr_array_index(cells, index[5]), FALSE,
		                         AA_LIMIT_CSV_VALUE, &row->value, filename, reader.line,
		                         "value", error))
			return NULL;
		row->metric = g_strdup(metric);
		g_ptr_array_add(rows, g_steal_pointer(&row));
	}
	if (header == NULL || rows->len == 0) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, reader.line,
		                "no calibration runs; write the header "
		                "p_cores,e_cores,memory_mib,gpu_slices,metric,value and one "
		                "row per measured run");
		return NULL;
	}
	return g_steal_pointer(&rows);
}
