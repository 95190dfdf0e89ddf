/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#pragma once

#include "aa-plugin.h"
#include "aa-diagnostic.h"
#include "aa-rules.h"

G_BEGIN_DECLS

AaRuleSet *aa_validate_load_rules(const gchar *data_dir, const gchar *extra_packs, GError **error);
AaRuleSet *aa_validate_load_rule_packs(const gchar *data_dir, const gchar *const *packs,
                                       GError **error);
AaDiagnostics *aa_validate_report(AaPluginContext *ctx, AaRuleSet *rules,
                                  const gchar *recommendation_file, GError **error);
AaDiagnostics *aa_validate_report_doc(AaPluginContext *ctx, AaRuleSet *rules,
                                      xmlDoc *recommendation, const gchar *recommendation_file,
                                      GError **error);
AaDiagnostics *aa_validate_final(AaPluginContext *ctx, AaRuleSet *rules, xmlDoc *recommendation,
                                 const gchar *recommendation_file, AaDiagnostics **gate,
                                 GError **error);
gchar *aa_validate_run(AaPluginContext *ctx, GHashTable *options, guint *n_errors,
                       guint *n_warnings, GError **error);

G_END_DECLS
