/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Diagnostics found by the rules and AaDiagnostics, the list that collects
 * them, written as gcc-style text, JSON or JUnit XML.  (The HTML report is
 * aa-report.c.)
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* FORMATS.md "Diagnostics severity" */
typedef enum {
	AA_SEVERITY_INFO,
	AA_SEVERITY_WARNING,
	AA_SEVERITY_ERROR,
} AaSeverity;

typedef struct {
	gchar *rule_id;
	AaSeverity severity;
	gchar *vm;    /* VM name, or NULL for the whole scenario */
	gchar *file;  /* the file the location is in, or NULL */
	glong line;   /* 0 when unknown */
	gchar *xpath; /* node path in that file, or NULL */
	gchar *message;
	gchar *fix; /* what to change, or NULL */
} AaDiagnostic;

typedef struct {
	gchar *board_file;
	gchar *scenario_file;
	GPtrArray
	    *diagnostics; /* AaDiagnostic, in the order found, sorted by aa_diagnostics_sort() */
	guint n_errors;
	guint n_warnings;
	guint n_infos;
	guint n_rules; /* rules evaluated */
} AaDiagnostics;

const gchar *aa_severity_to_string(AaSeverity severity);
gboolean aa_severity_from_string(const gchar *text, AaSeverity *severity);

AaDiagnostic *aa_diagnostic_new(const gchar *rule_id, AaSeverity severity, const gchar *vm,
                                const gchar *file, glong line, const gchar *xpath,
                                const gchar *message, const gchar *fix);
void aa_diagnostic_free(AaDiagnostic *self);

AaDiagnostics *aa_diagnostics_new(const gchar *board_file, const gchar *scenario_file);
void aa_diagnostics_free(AaDiagnostics *self);
void aa_diagnostics_add(AaDiagnostics *self, AaDiagnostic *diagnostic);
void aa_diagnostics_sort(AaDiagnostics *self);
const AaDiagnostic *aa_diagnostics_find(AaDiagnostics *self, const gchar *rule_id);
gboolean aa_diagnostics_has_rule(AaDiagnostics *self, const gchar *rule_id);
gchar *aa_diagnostics_to_text(AaDiagnostics *self);
gchar *aa_diagnostics_to_json(AaDiagnostics *self);
gchar *aa_diagnostics_to_junit(AaDiagnostics *self);
gchar *aa_diagnostics_format(AaDiagnostics *self, const gchar *format, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaDiagnostic, aa_diagnostic_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaDiagnostics, aa_diagnostics_free)

G_END_DECLS
