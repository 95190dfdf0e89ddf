/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The HTML report: builds the <report-input> document that xslt/report.xsl
 * reads (board and scenario summary, diagnostics, the recommendation) and
 * renders it into one self-contained HTML file.
 */

#pragma once

#include <libxml/tree.h>

#include "aa-diagnostic.h"
#include "aa-intent.h"
#include "aa-plugin.h"

G_BEGIN_DECLS

xmlDoc *aa_report_input_new(AaBoard *board, AaScenario *scenario, xmlDoc *recommendation,
                            const gchar *recommendation_file, GError **error);
void aa_report_input_add_diagnostic(xmlDoc *input, const gchar *severity, const gchar *filename,
                                    glong line, const gchar *message);
gchar *aa_report_render(const gchar *data_dir, xmlDoc *input, GError **error);
gchar *aa_report_write(AaPluginContext *ctx, GHashTable *options, GError **error);
gchar *aa_report_write_doc(AaPluginContext *ctx, xmlDoc *rec, const gchar *rec_file,
                           AaDiagnostics *validation, const gchar *output, GError **error);

G_END_DECLS
