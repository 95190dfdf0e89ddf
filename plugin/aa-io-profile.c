/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Reader for the I/O profile CSV of FORMATS.md v2.  The file is untrusted:
 * its size, row and column counts are bounded, every number is checked whole
 * and non-finite or negative values are refused with file:line.
 *
 * Extensions (FORMATS.md allows new columns): `vcpu_cores` and `io_cores`,
 * the cores the vCPUs and the I/O threads had in the sample, or a
 * `# cores: vcpu=N io=M` line for the whole run.  Threshold exploration
 * needs them to turn busy cores into per-core utilisation.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "aa-csv-private.h"
#include "aa-error.h"
#include "aa-io-profile.h"
#include "aa-util.h"
#include "aa-xml.h"

/* the same bounds as the guest profile (aa-profile.c) */
#define AA_IO_PROFILE_MAX_ROWS 1000000u
#define AA_IO_PROFILE_MAGIC    "acrn-alloc-io-profile"
/* no board has more: a busier value is a unit mistake (per cent for cores) */
#define AA_IO_PROFILE_MAX_CORES 4096.0

enum {
	AA_IO_COL_TIME,
	AA_IO_COL_VCPU_BUSY,
	AA_IO_COL_IO_BUSY,
	AA_IO_COL_LATENCY,
	AA_IO_COL_VCPU_CORES,
	AA_IO_COL_IO_CORES,
	AA_IO_COL_COUNT,
};

static const gchar *const aa_io_profile_columns[] = {
    "time_s", "vcpu_busy", "io_busy", "latency_p95_ms", "vcpu_cores", "io_cores", NULL,
};

/* numbers of this format: no maximum, no sign */
static const AaCsvNumberStyle aa_io_profile_style = {"sample", "0.42", FALSE};

/**
 * aa_io_profile_free:
 * @self: (nullable): an I/O profile
 */
void
aa_io_profile_free(AaIoProfile *self)
{
	if (self == NULL)
		return;
	g_free(self->filename);
	g_free(self->vm_name);
	g_clear_pointer(&self->samples, g_array_unref);
	g_free(self);
}

static gdouble *
aa_io_sample_field(AaIoSample *sample, guint column)
{
	gdouble *fields[AA_IO_COL_COUNT] = {
	    &sample->time_s,         &sample->vcpu_busy,  &sample->io_busy,
	    &sample->latency_p95_ms, &sample->vcpu_cores, &sample->io_cores,
	};
	return fields[column];
}

/* a finite number >= 0, or NAN for an empty cell when @empty_ok */
static gboolean
aa_io_profile_number(const gchar *text, gboolean empty_ok, gdouble *value, const gchar *filename,
                     glong line, const gchar *column, GError **error)
{
	return aa_csv_parse_number_as(&aa_io_profile_style, text, empty_ok, G_MAXDOUBLE, value,
	                              filename, line, column, error);
}

/* one entry of "# cores: vcpu=N io=M" */
static gboolean
aa_io_profile_take_cores(gpointer user_data, const gchar *key, const gchar *text, gdouble value,
                         glong line, GError **error)
{
	AaIoProfile *self = user_data;
	if (value < 1 || value != floor(value) || value > 4096) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, self->filename, line,
		                "'# cores:' %s=%s is not a whole number of cores from 1 to 4096",
		                key, text);
		return FALSE;
	}
	if (g_strcmp0(key, "vcpu") == 0)
		self->vcpu_cores = value;
	else if (g_strcmp0(key, "io") == 0)
		self->io_cores = value;
	return TRUE;
}

/* a '#' line after the magic and "# vm:": cores, or a free comment */
static gboolean
aa_io_profile_parse_metadata(gpointer user_data, const gchar *body, glong line, GError **error)
{
	AaIoProfile *self = user_data;
	if (g_str_has_prefix(body, "acrn-alloc-profile")) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, self->filename, line,
		                "this is an in-guest profile trace, not an I/O profile; point "
		                "<io-profile href> at the file 'profile-script --service-vm' "
		                "wrote and <profile href> at this one");
		return FALSE;
	}
	if (g_str_has_prefix(body, "cores:")) {
		return aa_csv_parse_pairs(
		    body + 6, &aa_io_profile_style, G_MAXDOUBLE, "cores:", "'# cores: vcpu=4 io=2'",
		    FALSE, aa_io_profile_take_cores, self, self->filename, line, error);
	}
	return TRUE;
}

static gboolean
aa_io_profile_parse_row(gpointer user_data, GPtrArray *cells, const gint *index,
                        const gchar *filename, glong line, GError **error)
{
	AaIoProfile *self = user_data;
	AaIoSample sample = {0};

	sample.line = line;
	for (guint j = 0; j < AA_IO_COL_COUNT; j++) {
		gint k = index[j];
		const gchar *text = k >= 0 && (guint)k < cells->len
		                        ? (const gchar *)g_ptr_array_index(cells, k)
		                        : "";
		gboolean empty_ok = j != AA_IO_COL_TIME && j != AA_IO_COL_IO_BUSY;
		if (!aa_io_profile_number(text, empty_ok, aa_io_sample_field(&sample, j),
		                          self->filename, line, aa_io_profile_columns[j], error))
			return FALSE;
	}
	for (guint j = AA_IO_COL_VCPU_BUSY; j <= AA_IO_COL_IO_BUSY; j++) {
		gdouble v = *aa_io_sample_field(&sample, j);
		if (!isnan(v) && v > AA_IO_PROFILE_MAX_CORES) {
			aa_error_set_at(error, AA_ERROR_INVALID_DATA, self->filename, line,
			                "column '%s': %g busy cores is more than any board has; "
			                "write busy cores (1.5 = one and a half cores), not a "
			                "percentage",
			                aa_io_profile_columns[j], v);
			return FALSE;
		}
	}
	for (guint j = AA_IO_COL_VCPU_CORES; j <= AA_IO_COL_IO_CORES; j++) {
		gdouble v = *aa_io_sample_field(&sample, j);
		if (!isnan(v) && (v < 1 || v != floor(v) || v > AA_IO_PROFILE_MAX_CORES)) {
			aa_error_set_at(error, AA_ERROR_INVALID_DATA, self->filename, line,
			                "column '%s': %g is not a whole number of cores from 1 to "
			                "4096",
			                aa_io_profile_columns[j], v);
			return FALSE;
		}
	}
	if (self->samples->len > 0) {
		const AaIoSample *prev =
		    &g_array_index(self->samples, AaIoSample, self->samples->len - 1);
		if (sample.time_s <= prev->time_s) {
			aa_error_set_at(error, AA_ERROR_INVALID_DATA, self->filename, line,
			                "time_s %g does not increase (line %ld has %g); keep the "
			                "samples in recording order, one per time",
			                sample.time_s, prev->line, prev->time_s);
			return FALSE;
		}
	}
	g_array_append_val(self->samples, sample);
	return TRUE;
}

static const guint aa_io_profile_required[] = {AA_IO_COL_TIME, AA_IO_COL_VCPU_BUSY,
                                               AA_IO_COL_IO_BUSY};

static const AaCsvTable aa_io_profile_table = {
    .what = "the I/O profile",
    .magic = {AA_IO_PROFILE_MAGIC, "I/O profile", "'acrn-alloc profile-script --service-vm'",
              "an I/O profile written by 'profile-script --service-vm'"},
    .metadata = aa_io_profile_parse_metadata,
    .plain = TRUE,
    .not_this = "an I/O profile",
    .columns = {aa_io_profile_columns, aa_io_profile_required, G_N_ELEMENTS(aa_io_profile_required),
                TRUE, "; an I/O profile starts with time_s,vcpu_busy,io_busy,latency_p95_ms", TRUE,
                NULL},
    .rows = {AA_IO_PROFILE_MAX_ROWS, "samples; record with a longer interval",
             "no header line; an I/O profile has time_s,vcpu_busy,io_busy,latency_p95_ms after "
             "its '#' lines",
             "no samples; run the Service VM profiling script while the VM does its work", FALSE},
    .row = aa_io_profile_parse_row,
};

/**
 * aa_io_profile_load:
 * @filename: an I/O profile CSV (FORMATS.md v2)
 * @error: (nullable): optional return location for an error
 *
 * Reads an I/O profile.  Columns are found by name; time_s, vcpu_busy and
 * io_busy must exist, unknown ones are ignored.  time_s and io_busy may not
 * be empty; vcpu_busy and latency_p95_ms may (not measured).
 *
 * Returns: (transfer full): the profile, or %NULL
 */
AaIoProfile *
aa_io_profile_load(const gchar *filename, GError **error)
{
	g_autoptr(AaIoProfile) self = g_new0(AaIoProfile, 1);

	self->filename = g_strdup(filename);
	self->vcpu_cores = NAN;
	self->io_cores = NAN;
	self->samples = g_array_new(FALSE, TRUE, sizeof(AaIoSample));
	/* the reader every CSV input shares: non-blocking, regular files only,
	 * 64 MiB enforced while reading, no NUL bytes */
	if (!aa_csv_read_table(&aa_io_profile_table, filename, self, &self->vm_name, error))
		return NULL;
	return g_steal_pointer(&self);
}

static gdouble
aa_io_profile_util(gdouble busy, gdouble cores_row, gdouble cores_file)
{
	gdouble cores = !isnan(cores_row) ? cores_row : cores_file;
	if (isnan(busy) || isnan(cores) || cores <= 0)
		return NAN;
	return busy / cores;
}

/**
 * aa_io_profile_vcpu_util:
 * @self: an I/O profile
 * @sample: one of its samples
 *
 * Returns: the vCPUs' average per-core utilisation, NAN if unknown
 */
gdouble
aa_io_profile_vcpu_util(const AaIoProfile *self, const AaIoSample *sample)
{
	return aa_io_profile_util(sample->vcpu_busy, sample->vcpu_cores, self->vcpu_cores);
}

/**
 * aa_io_profile_io_util:
 * @self: an I/O profile
 * @sample: one of its samples
 *
 * Returns: the I/O threads' average per-core utilisation, NAN if unknown
 */
gdouble
aa_io_profile_io_util(const AaIoProfile *self, const AaIoSample *sample)
{
	return aa_io_profile_util(sample->io_busy, sample->io_cores, self->io_cores);
}

static const gchar *const aa_io_mode_names[] = {"performance", "efficiency", "resource"};

/**
 * aa_io_mode_to_string:
 * @mode: a mode
 *
 * Returns: its name in the intent
 */
const gchar *
aa_io_mode_to_string(AaIoMode mode)
{
	return aa_io_mode_names[mode];
}

/**
 * aa_io_policy_init:
 * @self: a policy
 *
 * Sets the defaults: efficiency mode, the paper's Reward, Weight and MARGIN
 * (seed 003, section 5), AllowVio 0.05, confidence 0.95, exploration from
 * 0.8 over the whole trace.
 */
void
aa_io_policy_init(AaIoPolicy *self)
{
	memset(self, 0, sizeof(*self));
	self->mode = AA_IO_MODE_EFFICIENCY;
	self->th_initial = 0.8;
	self->confidence = 0.95;
	self->allow_vio = 0.05;
	self->reward = 1.03;
	self->weight = 0.7;
	self->margin = 1.1;
}

static gboolean
aa_io_policy_mode(AaIoPolicy *self, const gchar *text, xmlNode *node, const gchar *filename,
                  GError **error)
{
	g_autofree gchar *copy = g_strstrip(g_strdup(text));
	for (guint i = 0; i < G_N_ELEMENTS(aa_io_mode_names); i++) {
		if (g_strcmp0(copy, aa_io_mode_names[i]) == 0) {
			self->mode = (AaIoMode)i;
			return TRUE;
		}
	}
	aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, aa_xml_line(node),
	                "I/O mode '%s' is unknown; use performance, efficiency or resource", copy);
	return FALSE;
}

/* a finite number in [min, max] (min excluded when @open_min) */
static gboolean
aa_io_policy_number(xmlNode *node, const gchar *attr, gdouble min, gboolean open_min, gdouble max,
                    gboolean *present, gdouble *value, const gchar *filename, GError **error)
{
	g_autofree gchar *text = aa_xml_prop(node, attr);

	if (present != NULL)
		*present = text != NULL;
	if (text == NULL)
		return TRUE;
	if (!aa_parse_double_in(g_strstrip(text), min, open_min, max, value)) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, aa_xml_line(node),
		                "<%s %s=\"%s\">: write a number %s %g and <= %g",
		                (const gchar *)node->name, attr, text, open_min ? ">" : ">=", min,
		                max);
		return FALSE;
	}
	return TRUE;
}

/**
 * aa_io_policy_parse:
 * @self: a policy set up by aa_io_policy_init()
 * @policy: the intent's <policy>
 * @filename: the intent, for messages
 * @error: (nullable): optional return location for an error
 *
 * Reads `<policy io-mode="...">` and `<policy><io mode th-vcpu th-io
 * confidence allow-vio reward weight margin th-initial window/>`.  Both
 * naming the mode differently is refused.
 *
 * Returns: %TRUE on success
 */
gboolean
aa_io_policy_parse(AaIoPolicy *self, xmlNode *policy, const gchar *filename, GError **error)
{
	g_autofree gchar *policy_mode = aa_xml_prop(policy, "io-mode");
	xmlNode *io = NULL;
	gdouble window = 0;
	gboolean present = FALSE;

	for (xmlNode *n = policy->children; n != NULL; n = n->next) {
		if (n->type == XML_ELEMENT_NODE && n->ns == NULL &&
		    g_strcmp0((const gchar *)n->name, "io") == 0) {
			if (io != NULL) {
				aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename,
				                aa_xml_line(n),
				                "second <io> in <policy> (the first is on line "
				                "%ld); merge them into one",
				                aa_xml_line(io));
				return FALSE;
			}
			io = n;
		}
	}
	if (policy_mode != NULL) {
		self->given = TRUE;
		self->line = aa_xml_line(policy);
		if (!aa_io_policy_mode(self, policy_mode, policy, filename, error))
			return FALSE;
	}
	if (io == NULL)
		return TRUE;
	self->given = TRUE;
	self->line = aa_xml_line(io);
	{
		g_autofree gchar *mode = aa_xml_prop(io, "mode");
		if (mode != NULL) {
			AaIoMode first = self->mode;
			if (!aa_io_policy_mode(self, mode, io, filename, error))
				return FALSE;
			if (policy_mode != NULL && first != self->mode) {
				aa_error_set_at(
				    error, AA_ERROR_INVALID_DATA, filename, aa_xml_line(io),
				    "<io mode=\"%s\"> contradicts <policy io-mode=\"%s\">; "
				    "keep one",
				    g_strstrip(mode), g_strstrip(policy_mode));
				return FALSE;
			}
		}
	}
	if (!aa_io_policy_number(io, "th-vcpu", 0.01, FALSE, 1, &self->has_th_vcpu, &self->th_vcpu,
	                         filename, error) ||
	    !aa_io_policy_number(io, "th-io", 0.01, FALSE, 1, &self->has_th_io, &self->th_io,
	                         filename, error) ||
	    !aa_io_policy_number(io, "th-initial", 0.01, FALSE, 1, NULL, &self->th_initial,
	                         filename, error) ||
	    !aa_io_policy_number(io, "confidence", 0, TRUE, 1, NULL, &self->confidence, filename,
	                         error) ||
	    !aa_io_policy_number(io, "allow-vio", 0, FALSE, 1, NULL, &self->allow_vio, filename,
	                         error) ||
	    !aa_io_policy_number(io, "reward", 1, FALSE, 100, NULL, &self->reward, filename,
	                         error) ||
	    !aa_io_policy_number(io, "weight", 0, FALSE, 1, NULL, &self->weight, filename, error) ||
	    !aa_io_policy_number(io, "margin", 1, FALSE, 100, NULL, &self->margin, filename,
	                         error) ||
	    !aa_io_policy_number(io, "window", 0, FALSE, 1000000, &present, &window, filename,
	                         error))
		return FALSE;
	if (present) {
		if (window != floor(window)) {
			aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, aa_xml_line(io),
			                "<io window=\"%g\">: write a whole number of samples (0 = "
			                "the whole trace)",
			                window);
			return FALSE;
		}
		self->window = (guint)window;
	}
	return TRUE;
}
