/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Windows has no sh: its recorder is typeperf (or Performance Monitor with
 * relog), which writes a PDH-CSV 4.0 counter log:
 *
 *   "(PDH-CSV 4.0) (W. Europe Standard Time)(-60)","\\HOST\Processor(0)\% Processor Time",...
 *   "11/29/2026 10:00:01.123","12.5",...
 *
 * This file maps its counters onto the profile columns of FORMATS.md:
 *
 *   cpu_p_busy          sum over Processor(N) "% Processor Time" / 100 (not _Total);
 *                       every vCPU counts as a P-core (an ACRN VM never mixes types)
 *   mem_used_mib        the VM's memory - Memory "Available MBytes"
 *   mem_rss_mib         Process(_Total) "Working Set - Private" / MiB, else mem_used_mib
 *   major_faults_per_s  Memory "Page Reads/sec" (hard faults read from disk)
 *   gpu_busy_pct        GPU Engine(...engtype_T) "Utilization Percentage" summed over
 *                       every instance (process and engine) of engine type T (3D by
 *                       default, the render engine the Linux script reads), at most 100
 *   vram_mib            GPU Adapter Memory "Dedicated Usage" summed / MiB (else GPU
 *                       Process Memory "Dedicated Usage")
 *   wss_mib, swap_used_mib  empty (not measured)
 *
 * Accepted as Windows writes it: a UTF-8 or UTF-16LE byte order mark, CRLF,
 * every cell quoted ("" inside), a decimal comma ("12,5", localized Windows),
 * a missing sample as an empty or " " cell, dates in any order (only the
 * HH:MM:SS[.fff] after the last space is read; a day change adds 24 h).
 * Counter names are the English ones.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "aa-context-private.h"
#include "aa-error.h"
#include "aa-intent-private.h"
#include "aa-profile-script.h"
#include "aa-typeperf.h"
#include "aa-util.h"
#include "aa-xml.h"

#define AA_TYPEPERF_MAX_BYTES   (64 * 1024 * 1024)
#define AA_TYPEPERF_MAX_ROWS    1000000
#define AA_TYPEPERF_MAX_COLUMNS 4096

typedef enum {
	AA_COL_OTHER,
	AA_COL_CPU,       /* Processor(N) % Processor Time */
	AA_COL_AVAILABLE, /* Memory Available MBytes */
	AA_COL_FAULTS,    /* Memory Page Reads/sec */
	AA_COL_RSS,       /* Process(_Total) Working Set - Private */
	AA_COL_GPU,       /* GPU Engine(... engtype_<T>) Utilization Percentage */
	AA_COL_VRAM,      /* GPU Adapter Memory Dedicated Usage */
	AA_COL_VRAM_PROC, /* GPU Process Memory Dedicated Usage */
} AaTypeperfColumn;

/* one CSV record: quoted or bare cells, "" inside quotes */
static GPtrArray *
aa_typeperf_split(const gchar *line)
{
	GPtrArray *cells = g_ptr_array_new_with_free_func(g_free);
	const gchar *p = line;
	for (;;) {
		g_autoptr(GString) cell = g_string_new(NULL);
		if (*p == '"') {
			p++;
			while (*p != '\0') {
				if (*p == '"' && p[1] == '"') {
					g_string_append_c(cell, '"');
					p += 2;
				} else if (*p == '"') {
					p++;
					break;
				} else {
					g_string_append_c(cell, *p++);
				}
			}
			while (*p != '\0' && *p != ',')
				p++;
		} else {
			while (*p != '\0' && *p != ',')
				g_string_append_c(cell, *p++);
		}
		g_ptr_array_add(cells, g_string_free(g_steal_pointer(&cell), FALSE));
		if (*p != ',')
			break;
		p++;
	}
	return cells;
}

/* "\\HOST\Object(instance)\Counter" -> object, instance (or NULL), counter */
static gboolean
aa_typeperf_parse_path(const gchar *path, gchar **object, gchar **instance, gchar **counter)
{
	const gchar *p = path;
	const gchar *last;
	g_autofree gchar *objinst = NULL;
	const gchar *open;
	const gchar *close;

	if (g_str_has_prefix(p, "\\\\")) {
		p = strchr(p + 2, '\\');
		if (p == NULL)
			return FALSE;
	}
	if (*p != '\\')
		return FALSE;
	last = strrchr(p, '\\');
	if (last == p)
		return FALSE;
	*counter = g_strdup(last + 1);
	objinst = g_strndup(p + 1, last - p - 1);
	open = strchr(objinst, '(');
	close = strrchr(objinst, ')');
	if (open != NULL && close != NULL && close > open) {
		*object = g_strndup(objinst, open - objinst);
		*instance = g_strndup(open + 1, close - open - 1);
	} else {
		*object = g_strdup(objinst);
		*instance = NULL;
	}
	return TRUE;
}

/* a counter cell: empty or blank = not measured (NAN); a decimal comma is
 * read as a point; anything else that is not a finite number >= 0 fails */
static gboolean
aa_typeperf_number(const gchar *cell, gdouble *value)
{
	g_autofree gchar *text = g_strstrip(g_strdup(cell));
	gchar *comma = strchr(text, ',');
	gchar *end = NULL;
	gdouble v;

	if (text[0] == '\0') {
		*value = NAN;
		return TRUE;
	}
	if (comma != NULL && strchr(text, '.') == NULL && strchr(comma + 1, ',') == NULL)
		*comma = '.';
	v = g_ascii_strtod(text, &end);
	if (end == text || *end != '\0' || !isfinite(v) || v < 0.0)
		return FALSE;
	*value = v;
	return TRUE;
}

/* seconds of the day from "... HH:MM:SS[.fff]" */
static gboolean
aa_typeperf_time(const gchar *cell, gdouble *seconds)
{
	const gchar *space = strrchr(cell, ' ');
	const gchar *t = space != NULL ? space + 1 : cell;
	guint h = 0, m = 0;
	gdouble s = 0.0;
	gchar *end = NULL;
	g_auto(GStrv) parts = g_strsplit(t, ":", -1);

	if (g_strv_length(parts) != 3)
		return FALSE;
	h = (guint)g_ascii_strtoull(parts[0], &end, 10);
	if (end == parts[0] || *end != '\0' || h > 23)
		return FALSE;
	m = (guint)g_ascii_strtoull(parts[1], &end, 10);
	if (end == parts[1] || *end != '\0' || m > 59)
		return FALSE;
	g_strdelimit(parts[2], ",", '.');
	s = g_ascii_strtod(parts[2], &end);
	if (end == parts[2] || *end != '\0' || !(s >= 0.0 && s < 61.0))
		return FALSE;
	*seconds = h * 3600.0 + m * 60.0 + s;
	return TRUE;
}

static void
aa_typeperf_cell(GString *out, gdouble value, const gchar *format)
{
	gchar buf[G_ASCII_DTOSTR_BUF_SIZE];
	g_string_append_c(out, ',');
	if (!isnan(value))
		g_string_append(out, g_ascii_formatd(buf, sizeof(buf), format, value));
}

/* "fps=58 frame-time-p95-ms=12,5" -> " fps=58 frame-time-p95-ms=12.5" */
static gchar *
aa_typeperf_qos(const gchar *text, GError **error)
{
	g_autoptr(GString) out = g_string_new(NULL);
	g_auto(GStrv) pairs = g_strsplit_set(text != NULL ? text : "", " \t", -1);
	for (guint i = 0; pairs[i] != NULL; i++) {
		const gchar *eq = strchr(pairs[i], '=');
		g_autofree gchar *metric = NULL;
		gdouble v;
		gchar buf[G_ASCII_DTOSTR_BUF_SIZE];
		if (pairs[i][0] == '\0')
			continue;
		if (eq == NULL || eq == pairs[i] || !aa_typeperf_number(eq + 1, &v) || isnan(v)) {
			g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
			            "--qos '%s' is not metric=value; write e.g. --qos \"fps=58 "
			            "frame-time-p95-ms=12\"",
			            pairs[i]);
			return NULL;
		}
		metric = g_strndup(pairs[i], eq - pairs[i]);
		g_string_append_printf(out, " %s=%s", metric,
		                       g_ascii_formatd(buf, sizeof(buf), "%.6g", v));
	}
	return g_strdup(out->str);
}

/**
 * aa_typeperf_to_profile:
 * @data: the counter log as read from disk
 * @len: its length
 * @filename: its name, for messages
 * @options: what the log cannot say: the VM, its memory and GPU slices, QoS
 * @error: (nullable): optional return location for an error
 *
 * Returns: (transfer full): the profile CSV text, or %NULL
 */
gchar *
aa_typeperf_to_profile(const gchar *data, gsize len, const gchar *filename,
                       const AaTypeperfOptions *options, GError **error)
{
	g_autofree gchar *utf8 = NULL;
	const gchar *text = data;
	g_auto(GStrv) lines = NULL;
	g_autoptr(GPtrArray) header = NULL;
	g_autoptr(GArray) kinds = g_array_new(FALSE, TRUE, sizeof(AaTypeperfColumn));
	g_autoptr(GString) rows = g_string_new(NULL);
	g_autoptr(GString) out = g_string_new(NULL);
	g_autofree gchar *qos = NULL;
	const gchar *engine = options->gpu_engine != NULL ? options->gpu_engine : "3D";
	g_autofree gchar *engtype = g_strdup_printf("engtype_%s", engine);
	guint n_cpus = 0, n_samples = 0, n_gpu = 0;
	gboolean has_rss = FALSE, has_vram = FALSE;
	gdouble t0 = NAN, prev = NAN, day = 0.0;
	glong header_line = 0;

	if (len > AA_TYPEPERF_MAX_BYTES) {
		aa_error_set_at(error, AA_ERROR_HOSTILE, filename, 0,
		                "the counter log is over 64 MiB; record fewer samples");
		return NULL;
	}
	/* UTF-16LE (relog, PowerShell) or UTF-8 with a byte order mark */
	if (len >= 2 && (guchar)data[0] == 0xff && (guchar)data[1] == 0xfe) {
		utf8 = g_convert(data + 2, len - 2, "UTF-8", "UTF-16LE", NULL, NULL, NULL);
		if (utf8 == NULL) {
			aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, 0,
			                "not valid UTF-16LE text; save the log again as CSV");
			return NULL;
		}
		text = utf8;
	} else if (len >= 3 && (guchar)data[0] == 0xef && (guchar)data[1] == 0xbb &&
	           (guchar)data[2] == 0xbf) {
		text = data + 3;
	}
	if (text == data && memchr(data, '\0', len) != NULL) {
		aa_error_set_at(
		    error, AA_ERROR_INVALID_DATA, filename, 0,
		    "the file holds NUL bytes (UTF-16 without a byte order mark?); save "
		    "it as CSV with typeperf -f CSV");
		return NULL;
	}
	if (!g_utf8_validate(text, -1, NULL)) {
		/* typeperf writes the ANSI code page: keep the bytes readable */
		utf8 = g_convert(text, -1, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
		if (utf8 == NULL) {
			aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, 0,
			                "neither UTF-8, UTF-16LE nor Windows-1252 text");
			return NULL;
		}
		text = utf8;
	}
	lines = g_strsplit(text, "\n", AA_TYPEPERF_MAX_ROWS + 2);

	for (guint i = 0; lines[i] != NULL; i++) {
		glong line = (glong)i + 1;
		g_autoptr(GPtrArray) cells = NULL;
		gdouble t, cpu = NAN, avail = NAN, faults = NAN, rss = NAN, gpu = NAN, vram = NAN;

		g_strchomp(lines[i]);
		if (lines[i][0] == '\0')
			continue;
		cells = aa_typeperf_split(lines[i]);
		if (header == NULL) {
			if (!g_str_has_prefix(g_ptr_array_index(cells, 0), "(PDH-CSV 4.0)")) {
				aa_error_set_at(
				    error, AA_ERROR_INVALID_DATA, filename, line,
				    "not a PDH-CSV 4.0 counter log: the first cell is "
				    "'%.60s', not \"(PDH-CSV 4.0)...\"; record it with "
				    "'typeperf ... -f CSV' (see profile-script --os windows)",
				    (const gchar *)g_ptr_array_index(cells, 0));
				return NULL;
			}
			if (cells->len > AA_TYPEPERF_MAX_COLUMNS) {
				aa_error_set_at(error, AA_ERROR_HOSTILE, filename, line,
				                "%u counters, more than %u; record fewer",
				                cells->len, AA_TYPEPERF_MAX_COLUMNS);
				return NULL;
			}
			header = g_steal_pointer(&cells);
			header_line = line;
			for (guint j = 0; j < header->len; j++) {
				g_autofree gchar *object = NULL;
				g_autofree gchar *instance = NULL;
				g_autofree gchar *counter = NULL;
				AaTypeperfColumn kind = AA_COL_OTHER;
				if (j > 0 && aa_typeperf_parse_path(g_ptr_array_index(header, j),
				                                    &object, &instance, &counter)) {
					gboolean total = g_strcmp0(instance, "_Total") == 0;
					if (g_ascii_strcasecmp(object, "Processor") == 0 &&
					    g_ascii_strcasecmp(counter, "% Processor Time") == 0 &&
					    instance != NULL && !total)
						kind = AA_COL_CPU;
					else if (g_ascii_strcasecmp(object, "Memory") == 0 &&
					         g_ascii_strcasecmp(counter, "Available MBytes") ==
					             0)
						kind = AA_COL_AVAILABLE;
					else if (g_ascii_strcasecmp(object, "Memory") == 0 &&
					         g_ascii_strcasecmp(counter, "Page Reads/sec") == 0)
						kind = AA_COL_FAULTS;
					else if (g_ascii_strcasecmp(object, "Process") == 0 &&
					         total &&
					         g_ascii_strcasecmp(counter,
					                            "Working Set - Private") == 0)
						kind = AA_COL_RSS;
					else if (g_ascii_strcasecmp(object, "GPU Engine") == 0 &&
					         g_ascii_strcasecmp(
					             counter, "Utilization Percentage") == 0 &&
					         instance != NULL &&
					         g_str_has_suffix(instance, engtype))
						kind = AA_COL_GPU;
					else if (g_ascii_strcasecmp(object, "GPU Adapter Memory") ==
					             0 &&
					         g_ascii_strcasecmp(counter, "Dedicated Usage") ==
					             0)
						kind = AA_COL_VRAM;
					else if (g_ascii_strcasecmp(object, "GPU Process Memory") ==
					             0 &&
					         g_ascii_strcasecmp(counter, "Dedicated Usage") ==
					             0)
						kind = AA_COL_VRAM_PROC;
				}
				n_cpus += kind == AA_COL_CPU;
				n_gpu += kind == AA_COL_GPU;
				has_rss |= kind == AA_COL_RSS;
				has_vram |= kind == AA_COL_VRAM;
				g_array_append_val(kinds, kind);
			}
			if (n_cpus == 0) {
				aa_error_set_at(
				    error, AA_ERROR_INVALID_DATA, filename, line,
				    "no per-vCPU \"\\Processor(N)\\%% Processor Time\" "
				    "column; record \"\\Processor(*)\\%% Processor Time\"");
				return NULL;
			}
			continue;
		}

		if (cells->len != header->len) {
			aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, line,
			                "%u cells, but the header (line %ld) has %u counters",
			                cells->len, header_line, header->len);
			return NULL;
		}
		if (!aa_typeperf_time(g_ptr_array_index(cells, 0), &t)) {
			aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, line,
			                "timestamp '%.40s' has no HH:MM:SS time",
			                (const gchar *)g_ptr_array_index(cells, 0));
			return NULL;
		}
		if (!isnan(prev) && t + day < prev)
			day += 86400.0;
		t += day;
		prev = t;
		if (isnan(t0))
			t0 = t;
		for (guint j = 1; j < cells->len; j++) {
			AaTypeperfColumn kind = g_array_index(kinds, AaTypeperfColumn, j);
			gdouble v;
			if (kind == AA_COL_OTHER)
				continue;
			if (!aa_typeperf_number(g_ptr_array_index(cells, j), &v)) {
				aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, line,
				                "counter %u (%s): '%s' is not a number", j + 1,
				                (const gchar *)g_ptr_array_index(header, j),
				                (const gchar *)g_ptr_array_index(cells, j));
				return NULL;
			}
			if (isnan(v))
				continue;
			switch (kind) {
			case AA_COL_CPU:
				cpu = (isnan(cpu) ? 0.0 : cpu) + MIN(v, 100.0) / 100.0;
				break;
			case AA_COL_AVAILABLE:
				avail = v;
				break;
			case AA_COL_FAULTS:
				faults = v;
				break;
			case AA_COL_RSS:
				rss = v / (1024.0 * 1024.0);
				break;
			case AA_COL_GPU:
				gpu = (isnan(gpu) ? 0.0 : gpu) + v;
				break;
			case AA_COL_VRAM:
				vram = (isnan(vram) ? 0.0 : vram) + v / (1024.0 * 1024.0);
				break;
			case AA_COL_VRAM_PROC:
				if (!has_vram)
					vram = (isnan(vram) ? 0.0 : vram) + v / (1024.0 * 1024.0);
				break;
			default:
				break;
			}
		}
		{
			gdouble used = options->memory_mib >= 0 && !isnan(avail)
			                   ? MAX(0.0, (gdouble)options->memory_mib - avail)
			                   : NAN;
			gchar buf[G_ASCII_DTOSTR_BUF_SIZE];
			if (!has_rss)
				rss = used;
			if (!isnan(gpu))
				gpu = MIN(gpu, 100.0);
			g_string_append(rows, g_ascii_formatd(buf, sizeof(buf), "%.2f", t - t0));
			aa_typeperf_cell(rows, cpu, "%.2f");
			aa_typeperf_cell(rows, isnan(cpu) ? NAN : 0.0, "%.2f");
			aa_typeperf_cell(rows, used, "%.0f");
			aa_typeperf_cell(rows, rss, "%.0f");
			g_string_append(rows, ",,");
			aa_typeperf_cell(rows, faults, "%.1f");
			aa_typeperf_cell(rows, gpu, "%.1f");
			aa_typeperf_cell(rows, vram, "%.0f");
			g_string_append_c(rows, '\n');
		}
		n_samples++;
		if (n_samples > AA_TYPEPERF_MAX_ROWS) {
			aa_error_set_at(error, AA_ERROR_HOSTILE, filename, line,
			                "more than %u samples; record fewer", AA_TYPEPERF_MAX_ROWS);
			return NULL;
		}
	}
	if (header == NULL || n_samples == 0) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, header_line,
		                "%s; record at least one sample",
		                header == NULL ? "the file is empty"
		                               : "no sample after the header");
		return NULL;
	}
	if (!has_rss && options->memory_mib < 0) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, header_line,
		                "no \"\\Process(_Total)\\Working Set - Private\" column and no "
		                "--memory-mib to derive the used memory from Available MBytes: "
		                "record that counter or pass --memory-mib");
		return NULL;
	}
	if (options->qos != NULL) {
		qos = aa_typeperf_qos(options->qos, error);
		if (qos == NULL)
			return NULL;
	}

	g_string_append(out, "# acrn-alloc-profile v1\n");
	g_string_append_printf(out, "# vm: %s\n", options->vm);
	g_string_append_printf(out,
	                       "# imported by acrn-alloc profile-import from a typeperf "
	                       "counter log (%u samples, %u vCPUs, GPU engine type %s: %u "
	                       "counters)\n",
	                       n_samples, n_cpus, engine, n_gpu);
	g_string_append_printf(out,
	                       "# allocation: p_cores=%u e_cores=0 memory_mib=%" G_GINT64_FORMAT
	                       " gpu_slices=%" G_GINT64_FORMAT "\n",
	                       n_cpus, MAX(options->memory_mib, 0), options->gpu_slices);
	if (qos != NULL)
		g_string_append_printf(out, "# qos:%s\n", qos);
	g_string_append(out, "time_s,cpu_p_busy,cpu_e_busy,mem_used_mib,mem_rss_mib,wss_mib,"
	                     "swap_used_mib,major_faults_per_s,gpu_busy_pct,vram_mib\n");
	g_string_append(out, rows->str);
	return g_strdup(out->str);
}

/**
 * aa_typeperf_import:
 * @ctx: a context, optionally with board, scenario and intent
 * @options: `typeperf` (the counter log), `vm`, `output` (- for the text
 *   itself); `gpu-slices`,
 *   `memory-mib`, `qos`, `gpu-engine` (optional)
 * @error: (nullable): optional return location for an error
 *
 * The `profile-import` transform: reads the counter log, fills in what it
 * cannot say from the options, the intent and the scenario (as
 * profile-script does for the GPU slices), checks the intent's metrics are
 * in `qos`, and writes the profile CSV atomically.
 *
 * Returns: (transfer full): a one-line summary, or %NULL
 */
gchar *
aa_typeperf_import(AaPluginContext *ctx, GHashTable *options, GError **error)
{
	const gchar *input = aa_context_option(options, "typeperf", NULL);
	const gchar *vm = aa_context_option(options, "vm", NULL);
	const gchar *output = aa_context_option(options, "output", NULL);
	const gchar *memory = aa_context_option(options, "memory-mib", NULL);
	const gchar *given = aa_context_option(options, "gpu-slices", NULL);
	AaTypeperfOptions opt = {vm, -1, 0, aa_context_option(options, "qos", NULL),
	                         aa_context_option(options, "gpu-engine", "3D")};
	AaVm *svm = NULL;
	g_autofree gchar *data = NULL;
	g_autofree gchar *csv = NULL;
	g_autofree gchar *source = NULL;
	gsize len = 0;

	if (aa_context_missing_option(
	        input == NULL || vm == NULL || output == NULL,
	        "profile-import needs --typeperf F.csv, --vm NAME and -o P.csv", error))
		return NULL;
	if (ctx->scenario != NULL) {
		svm = aa_scenario_get_vm_by_name(ctx->scenario, vm);
		if (svm == NULL) {
			g_set_error(error, AA_ERROR, AA_ERROR_NOT_FOUND,
			            "the scenario %s has no VM '%s'",
			            aa_scenario_get_filename(ctx->scenario), vm);
			return NULL;
		}
	}
	if (memory != NULL) {
		guint64 m = 0;
		if (!aa_xml_parse_uint64(memory, &m) || m == 0 || m > G_MAXINT32) {
			g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
			            "--memory-mib '%s' is not a memory size in MiB", memory);
			return NULL;
		}
		opt.memory_mib = (gint64)m;
	} else if (svm != NULL && svm->has_memory) {
		opt.memory_mib = svm->memory_mib;
	}
	if (ctx->intent != NULL && aa_intent_get_vm(ctx->intent, vm) != NULL) {
		opt.gpu_slices = aa_profile_script_gpu_slices(
		    ctx->intent, ctx->board, ctx->scenario, vm, given, &source, error);
		if (opt.gpu_slices < 0)
			return NULL;
	} else if (given != NULL) {
		guint64 g = 0;
		if (!aa_xml_parse_uint64(given, &g) || g > 1024) {
			g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
			            "--gpu-slices '%s' is not a whole number of slices (0 to 1024)",
			            given);
			return NULL;
		}
		opt.gpu_slices = (gint64)g;
	} else {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		            "cannot tell how many GPU slices VM %s had while recorded; pass "
		            "--gpu-slices N, or --intent with this VM (and --board/--scenario)",
		            vm);
		return NULL;
	}
	/* the intent's metrics must be measured, as the intent loader requires */
	if (ctx->intent != NULL) {
		AaIntentVm *ivm = aa_intent_get_vm(ctx->intent, vm);
		g_autofree gchar *qos = opt.qos != NULL ? g_strconcat(" ", opt.qos, NULL) : NULL;
		for (guint i = 0; ivm != NULL && i < ivm->qos->len; i++) {
			AaQosTarget *t = g_ptr_array_index(ivm->qos, i);
			g_autofree gchar *key = g_strconcat(" ", t->metric, "=", NULL);
			if (g_strcmp0(t->metric, "deadline-miss-ratio") == 0)
				continue;
			if (qos != NULL && strstr(qos, key) != NULL)
				continue;
			g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
			            "the intent %s targets '%s' for VM %s: pass the value measured "
			            "during the recording, --qos \"%s=VALUE ...\"",
			            ctx->intent->filename, t->metric, vm, t->metric);
			return NULL;
		}
	}
	/* the reader every input shares: non-blocking, regular files only, the
	 * limit enforced while reading */
	if (!aa_file_read_untrusted(input, AA_TYPEPERF_MAX_BYTES, "the counter log", &data, &len,
	                            error))
		return NULL;
	csv = aa_typeperf_to_profile(data, len, input, &opt, error);
	if (csv == NULL)
		return NULL;
	if (g_strcmp0(output, "-") == 0)
		return g_steal_pointer(&csv);
	if (!aa_file_write_atomic(output, csv, -1, 0644, error))
		return NULL;
	return g_strdup_printf(
	    "wrote %s: the profile of VM %s from %s (gpu_slices=%" G_GINT64_FORMAT ", %s)", output,
	    vm, input, opt.gpu_slices, source != NULL ? source : "given with --gpu-slices");
}
