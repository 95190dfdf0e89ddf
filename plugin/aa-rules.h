/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Declarative rule packs (schema/rules.xsd): XPath 1.0 assertions evaluated
 * over the unified board + scenario document that ACRN's validator also
 * uses, and their export as XSD 1.1 assertions for that validator.
 */

#pragma once

#include <libxml/tree.h>

#include "aa-diagnostic.h"
#include "aa-rules-unified.h"

G_BEGIN_DECLS

typedef struct _AaRuleSet AaRuleSet;

/* what the rules are evaluated over; everything borrowed */
typedef struct {
	xmlDoc *unified; /* from aa_rules_unified_new() */
	const gchar *board_file;
	const gchar *scenario_file;
	xmlDoc *intent; /* nullable */
	const gchar *intent_file;
	xmlDoc *recommendation; /* nullable */
	const gchar *recommendation_file;
	GHashTable *params; /* nullable: name -> value text, overriding the packs */
} AaRuleInput;

AaRuleSet *aa_rule_set_new(const gchar *schema_file);
void aa_rule_set_free(AaRuleSet *self);
gboolean aa_rule_set_load(AaRuleSet *self, const gchar *filename, GError **error);
guint aa_rule_set_get_size(AaRuleSet *self);
gboolean aa_rule_set_needs_recommendation(AaRuleSet *self);
gboolean aa_rule_set_run(AaRuleSet *self, const AaRuleInput *input, AaDiagnostics *report,
                         GError **error);
/* in aa-rules-xsd.c */
gchar *aa_rule_set_export_acrn_checks(AaRuleSet *self, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaRuleSet, aa_rule_set_free)

G_END_DECLS
