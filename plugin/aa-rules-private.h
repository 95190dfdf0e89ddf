/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * A loaded rule pack, shared by the evaluator (aa-rules.c) and the XSD 1.1
 * export (aa-rules-xsd.c).
 */

#pragma once

#include <libxml/xpath.h>
#include <libxml/xmlschemas.h>

#include "aa-rules.h"

G_BEGIN_DECLS

/* the export's context variable; rule variables are [A-Za-z_][A-Za-z0-9_]* */
#define AA_RULES_CTX_VAR "aa_ctx"

/* an XPath expression of a rule: its text, for messages and the XSD export, and
 * its compiled form, for the evaluator */
typedef struct {
	gchar *text;
	xmlXPathCompExpr *comp;
} AaRuleXPath;

typedef struct {
	gchar *name;
	AaRuleXPath select;
} AaRuleLet;

typedef struct {
	gchar *id;
	AaSeverity severity;
	gchar *title;
	AaRuleXPath for_each;
	AaRuleXPath test;
	AaRuleXPath vm;
	AaRuleXPath report_on;
	gchar *message;
	gchar *fix;
	gboolean needs_intent;
	gboolean needs_recommendation;
	gboolean export;
	GPtrArray *lets; /* AaRuleLet */
	gchar *pack_file;
	glong line;
} AaRule;

/* private */
struct _AaRuleSet {
	gchar *schema_file;
	xmlDoc *schema_doc;
	xmlSchema *schema;
	GPtrArray *rules;       /* AaRule, load order */
	GPtrArray *param_names; /* gchar*, load order */
	GHashTable *params;     /* name -> value text */
};

gchar *aa_rules_template_next(const gchar **p, GString *str, gboolean *unclosed);

G_END_DECLS
