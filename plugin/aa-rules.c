/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <libxml/xmlschemas.h>
#include <libxml/xpathInternals.h>

#include "aa-error.h"
#include "aa-rules-private.h"
#include "aa-rules-unified.h"
#include "aa-xml.h"

/* XPath operations one rule may spend over all the nodes it checks, messages
 * included: the built-in rules need at most 24,000 on ACRN's boards, so this is
 * 200 times that.  libxml2 counts steps, not the node sets they build, so the
 * costliest expression fuzzing found spends 1.8 s of CPU under ASan before it
 * stops (docs/limits.md) */
#define AA_RULES_XPATH_OP_LIMIT 5000000ul

static void
aa_rule_xpath_clear(AaRuleXPath *self)
{
	g_clear_pointer(&self->text, g_free);
	g_clear_pointer(&self->comp, xmlXPathFreeCompExpr);
}

static void
aa_rule_let_free(AaRuleLet *let)
{
	g_free(let->name);
	aa_rule_xpath_clear(&let->select);
	g_free(let);
}

static void
aa_rule_free(AaRule *rule)
{
	g_free(rule->id);
	g_free(rule->title);
	aa_rule_xpath_clear(&rule->for_each);
	aa_rule_xpath_clear(&rule->test);
	aa_rule_xpath_clear(&rule->vm);
	aa_rule_xpath_clear(&rule->report_on);
	g_free(rule->message);
	g_free(rule->fix);
	g_clear_pointer(&rule->lets, g_ptr_array_unref);
	g_free(rule->pack_file);
	g_free(rule);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaRule, aa_rule_free)

/**
 * aa_rule_set_new:
 * @schema_file: (nullable): schema/rules.xsd to check packs against
 *
 * Returns: (transfer full): an empty rule set
 */
AaRuleSet *
aa_rule_set_new(const gchar *schema_file)
{
	AaRuleSet *self = g_new0(AaRuleSet, 1);
	self->schema_file = g_strdup(schema_file);
	self->rules = g_ptr_array_new_with_free_func((GDestroyNotify)aa_rule_free);
	self->param_names = g_ptr_array_new_with_free_func(g_free);
	self->params = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	return self;
}

void
aa_rule_set_free(AaRuleSet *self)
{
	if (self == NULL)
		return;
	g_clear_pointer(&self->schema, xmlSchemaFree);
	g_clear_pointer(&self->schema_doc, xmlFreeDoc);
	g_free(self->schema_file);
	g_clear_pointer(&self->rules, g_ptr_array_unref);
	g_clear_pointer(&self->param_names, g_ptr_array_unref);
	g_clear_pointer(&self->params, g_hash_table_unref);
	g_free(self);
}

/**
 * aa_rule_set_get_size:
 * @self: a rule set
 *
 * Returns: the number of declarative rules loaded
 */
guint
aa_rule_set_get_size(AaRuleSet *self)
{
	return self->rules->len;
}

/**
 * aa_rule_set_needs_recommendation:
 * @self: a rule set
 *
 * Returns: %TRUE when a rule reads the recommendation (needs="recommendation")
 */
gboolean
aa_rule_set_needs_recommendation(AaRuleSet *self)
{
	for (guint i = 0; i < self->rules->len; i++) {
		AaRule *rule = g_ptr_array_index(self->rules, i);
		if (rule->needs_recommendation)
			return TRUE;
	}
	return FALSE;
}

static void
aa_rules_collect_error(void *user_data, const xmlError *err)
{
	GString *msg = user_data;
	if (msg->len > 0 || err == NULL || err->message == NULL)
		return;
	g_string_append_printf(msg, "%d\n%s", err->line, err->message);
}

static gboolean
aa_rule_set_check_schema(AaRuleSet *self, xmlDoc *doc, const gchar *filename, GError **error)
{
	g_autoptr(xmlSchemaValidCtxt) vctxt = NULL;
	g_autoptr(GString) msg = g_string_new(NULL);

	if (self->schema_file == NULL)
		return TRUE;
	if (self->schema == NULL) {
		g_autoptr(xmlSchemaParserCtxt) pctxt = NULL;
		self->schema_doc = aa_xml_load_file(self->schema_file, error);
		if (self->schema_doc == NULL)
			return FALSE;
		pctxt = xmlSchemaNewDocParserCtxt(self->schema_doc);
		xmlSchemaSetParserStructuredErrors(
		    pctxt, (xmlStructuredErrorFunc)aa_rules_collect_error, msg);
		self->schema = xmlSchemaParse(pctxt);
		if (self->schema == NULL) {
			g_set_error(error, AA_ERROR, AA_ERROR_PLUGIN,
			            "%s: the rule pack schema does not compile: %s; reinstall "
			            "acrn-alloc",
			            self->schema_file, msg->str);
			return FALSE;
		}
	}
	vctxt = xmlSchemaNewValidCtxt(self->schema);
	xmlSchemaSetValidStructuredErrors(vctxt, (xmlStructuredErrorFunc)aa_rules_collect_error,
	                                  msg);
	if (xmlSchemaValidateDoc(vctxt, doc) != 0) {
		g_auto(GStrv) parts = g_strsplit(msg->str, "\n", 2);
		glong line = parts[0] != NULL ? g_ascii_strtoll(parts[0], NULL, 10) : 0;
		g_autofree gchar *what = g_strstrip(g_strdup(
		    parts[0] != NULL && parts[1] != NULL ? parts[1] : "invalid rule pack"));
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, line,
		                "not a valid rule pack: %s; see schema/rules.xsd", what);
		return FALSE;
	}
	return TRUE;
}

static void
aa_rules_ignore_error(void *user_data, const xmlError *err)
{
	GString *msg = user_data;
	if (msg != NULL && msg->len == 0 && err != NULL && err->message != NULL)
		g_string_append(msg, err->message);
}

static gboolean
aa_rules_compile(const gchar *expr, xmlXPathCompExpr **out, const gchar *what,
                 const gchar *filename, xmlNode *node, GError **error)
{
	g_autoptr(xmlXPathContext) xctx = xmlXPathNewContext(NULL);
	g_autoptr(GString) msg = g_string_new(NULL);

	/* compile quietly: the message goes into the GError, not to stderr */
	xctx->error = (xmlStructuredErrorFunc)aa_rules_ignore_error;
	xctx->userData = msg;
	*out = xmlXPathCtxtCompile(xctx, (const xmlChar *)expr);
	if (*out == NULL) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, aa_xml_line(node),
		                "%s '%s' is not valid XPath 1.0 (%s); fix the expression", what,
		                expr, msg->len > 0 ? g_strstrip(msg->str) : "syntax error");
		return FALSE;
	}
	return TRUE;
}

/**
 * aa_rules_template_next:
 * @p: (inout): where the scan of a <message> or <fix> template is; moved past
 *   the next {xpath}, or to %NULL at the end
 * @str: (nullable): gets the text before the {xpath}, or the rest of the
 *   template when there is none
 * @unclosed: (out) (optional): %TRUE when the rest has a '{' without '}'
 *
 * Returns: (transfer full) (nullable): the next {xpath} without its braces,
 *   or %NULL at the end
 */
gchar *
aa_rules_template_next(const gchar **p, GString *str, gboolean *unclosed)
{
	const gchar *open = *p != NULL ? strchr(*p, '{') : NULL;
	const gchar *close = open != NULL ? strchr(open, '}') : NULL;
	const gchar *text = *p;

	if (unclosed != NULL)
		*unclosed = open != NULL && close == NULL;
	if (close == NULL) {
		if (str != NULL && text != NULL)
			g_string_append(str, text);
		*p = NULL;
		return NULL;
	}
	if (str != NULL)
		g_string_append_len(str, text, open - text);
	*p = close + 1;
	return g_strndup(open + 1, close - open - 1);
}

/* every {xpath} of a <message> or <fix> must compile, and every '{' close */
static gboolean
aa_rules_check_template(const gchar *text, const gchar *what, const gchar *filename, xmlNode *node,
                        GError **error)
{
	const gchar *p = text;
	gboolean unclosed = FALSE;

	for (;;) {
		g_autofree gchar *expr = aa_rules_template_next(&p, NULL, &unclosed);
		g_autofree gchar *where = g_strdup_printf("<%s> {xpath}", what);
		xmlXPathCompExpr *comp = NULL;

		if (expr == NULL)
			break;
		if (!aa_rules_compile(expr, &comp, where, filename, node, error))
			return FALSE;
		xmlXPathFreeCompExpr(comp);
	}
	if (unclosed) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, aa_xml_line(node),
		                "<%s> has a '{' without '}'; close the {xpath}", what);
		return FALSE;
	}
	return TRUE;
}

static AaRule *
aa_rule_parse(xmlNode *node, const gchar *filename, GError **error)
{
	g_autoptr(AaRule) rule = g_new0(AaRule, 1);
	g_autofree gchar *severity = aa_xml_prop(node, "severity");
	g_autofree gchar *requires = aa_xml_prop(node, "requires");
	g_autofree gchar *export = aa_xml_prop(node, "export");
	xmlNode *assert_node = aa_xml_child(node, "assert");

	rule->lets = g_ptr_array_new_with_free_func((GDestroyNotify)aa_rule_let_free);
	rule->pack_file = g_strdup(filename);
	rule->line = aa_xml_line(node);
	rule->id = aa_xml_prop(node, "id");
	rule->for_each.text = aa_xml_prop(node, "for-each");
	rule->vm.text = aa_xml_prop(node, "vm");
	rule->report_on.text = aa_xml_prop(node, "report-on");
	rule->title = aa_xml_child_text(node, "title");
	rule->message = aa_xml_child_text(node, "message");
	rule->fix = aa_xml_child_text(node, "fix");
	rule->test.text = aa_xml_prop(assert_node, "test");
	rule->export = g_strcmp0(export, "false") != 0 && g_strcmp0(export, "0") != 0;
	if (rule->id == NULL || rule->for_each.text == NULL || rule->test.text == NULL ||
	    rule->message == NULL || !aa_severity_from_string(severity, &rule->severity)) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, rule->line,
		                "rule needs id, severity (error|warning|info), for-each, "
		                "assert/@test and message; see schema/rules.xsd");
		return NULL;
	}
	if (requires != NULL) {
		g_auto(GStrv) words = g_strsplit_set(requires, " \t\n", -1);
		for (guint i = 0; words[i] != NULL; i++) {
			if (g_strcmp0(words[i], "intent") == 0)
				rule->needs_intent = TRUE;
			else if (g_strcmp0(words[i], "recommendation") == 0)
				rule->needs_recommendation = TRUE;
		}
	}
	for (xmlNode *n = node->children; n != NULL; n = n->next) {
		AaRuleLet *let;
		if (n->type != XML_ELEMENT_NODE || g_strcmp0((const gchar *)n->name, "let") != 0)
			continue;
		let = g_new0(AaRuleLet, 1);
		let->name = aa_xml_prop(n, "name");
		let->select.text = aa_xml_prop(n, "select");
		g_ptr_array_add(rule->lets, let);
		if (let->name == NULL || let->select.text == NULL) {
			aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, aa_xml_line(n),
			                "let needs name and select");
			return NULL;
		}
		if (!aa_rules_compile(let->select.text, &let->select.comp, "let select", filename,
		                      n, error))
			return NULL;
	}
	if (!aa_rules_compile(rule->for_each.text, &rule->for_each.comp, "for-each", filename, node,
	                      error) ||
	    !aa_rules_compile(rule->test.text, &rule->test.comp, "assert test", filename,
	                      assert_node, error))
		return NULL;
	if (rule->vm.text != NULL &&
	    !aa_rules_compile(rule->vm.text, &rule->vm.comp, "vm", filename, node, error))
		return NULL;
	if (!aa_rules_check_template(rule->message, "message", filename,
	                             aa_xml_child(node, "message"), error) ||
	    !aa_rules_check_template(rule->fix, "fix", filename, aa_xml_child(node, "fix"), error))
		return NULL;
	if (rule->report_on.text != NULL &&
	    !aa_rules_compile(rule->report_on.text, &rule->report_on.comp, "report-on", filename,
	                      node, error))
		return NULL;
	return g_steal_pointer(&rule);
}

/**
 * aa_rule_set_load:
 * @self: a rule set
 * @filename: a rule pack
 * @error: (nullable): optional return location for an error
 *
 * Loads a pack, checked against schema/rules.xsd; every XPath is compiled so
 * that a typo fails here with the pack's file and line.  A rule whose ID is
 * already loaded replaces the earlier one; a param replaces its earlier value.
 *
 * Returns: %TRUE on success
 */
gboolean
aa_rule_set_load(AaRuleSet *self, const gchar *filename, GError **error)
{
	g_autoptr(xmlDoc) doc = aa_xml_load_file(filename, error);
	g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func((GDestroyNotify)aa_rule_free);
	g_autoptr(GHashTable) index = NULL;
	xmlNode *root;

	if (doc == NULL)
		return FALSE;
	root = xmlDocGetRootElement(doc);
	if (g_strcmp0((const gchar *)root->name, "acrn-alloc-rules") != 0) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, aa_xml_line(root),
		                "root element is <%s>, expected <acrn-alloc-rules version=\"1\">",
		                (const gchar *)root->name);
		return FALSE;
	}
	if (!aa_rule_set_check_schema(self, doc, filename, error))
		return FALSE;
	for (xmlNode *n = root->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (g_strcmp0((const gchar *)n->name, "param") == 0) {
			g_autofree gchar *name = aa_xml_prop(n, "name");
			g_autofree gchar *value = aa_xml_prop(n, "value");
			if (name == NULL || value == NULL) {
				aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename,
				                aa_xml_line(n), "param needs name and value");
				return FALSE;
			}
			if (!g_hash_table_contains(self->params, name))
				g_ptr_array_add(self->param_names, g_strdup(name));
			g_hash_table_insert(self->params, g_steal_pointer(&name),
			                    g_steal_pointer(&value));
		} else if (g_strcmp0((const gchar *)n->name, "rule") == 0) {
			AaRule *rule = aa_rule_parse(n, filename, error);
			if (rule == NULL)
				return FALSE;
			g_ptr_array_add(rules, rule);
		}
	}

	/* all or nothing: only a fully valid pack changes the set; the index of
	 * each ID keeps a pack of many rules linear, not quadratic */
	index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (guint j = 0; j < self->rules->len; j++) {
		AaRule *old = g_ptr_array_index(self->rules, j);
		g_hash_table_insert(index, g_strdup(old->id), GUINT_TO_POINTER(j + 1));
	}
	for (guint i = 0; i < rules->len; i++) {
		AaRule *rule = g_ptr_array_index(rules, i);
		guint j = GPOINTER_TO_UINT(g_hash_table_lookup(index, rule->id));
		if (j > 0) {
			aa_rule_free(g_ptr_array_index(self->rules, j - 1));
			g_ptr_array_index(self->rules, j - 1) = rule;
			continue;
		}
		g_ptr_array_add(self->rules, rule);
		g_hash_table_insert(index, g_strdup(rule->id), GUINT_TO_POINTER(self->rules->len));
	}
	g_ptr_array_set_free_func(rules, NULL);
	return TRUE;
}

static const gchar *
aa_rules_node_file(const AaRuleInput *input, xmlNode *node)
{
	if (node == NULL)
		return input->scenario_file;
	if (input->intent != NULL && node->doc == input->intent)
		return input->intent_file;
	if (input->recommendation != NULL && node->doc == input->recommendation)
		return input->recommendation_file;
	if (aa_rules_unified_is_board(node))
		return input->board_file;
	return input->scenario_file;
}

static xmlNode *
aa_rules_element_of(xmlNode *node)
{
	if (node != NULL && node->type != XML_ELEMENT_NODE && node->parent != NULL)
		return node->parent;
	return node;
}

static xmlXPathObject *
aa_rules_value_new(const gchar *text)
{
	gchar *end = NULL;
	gdouble value;
	if (text == NULL)
		return xmlXPathNewString((const xmlChar *)"");
	value = g_ascii_strtod(text, &end);
	if (end != text && end != NULL && *end == '\0')
		return xmlXPathNewFloat(value);
	return xmlXPathNewString((const xmlChar *)text);
}

static gchar *
aa_rules_format_number(gdouble value)
{
	if (isnan(value))
		return g_strdup("NaN");
	if (value == floor(value) && fabs(value) < 1e15)
		return g_strdup_printf("%.0f", value);
	return g_strdup_printf("%.6g", value);
}

/* an XPath value as text: node-sets joined by ", " */
static gchar *
aa_rules_object_to_text(xmlXPathObject *obj)
{
	if (obj == NULL)
		return g_strdup("?");
	if (obj->type == XPATH_NODESET) {
		g_autoptr(GString) str = g_string_new(NULL);
		if (obj->nodesetval == NULL || obj->nodesetval->nodeNr == 0)
			return g_strdup("(none)");
		for (gint i = 0; i < obj->nodesetval->nodeNr; i++) {
			g_autoptr(xmlChar) s = xmlNodeGetContent(obj->nodesetval->nodeTab[i]);
			g_autofree gchar *t = g_strstrip(g_strdup(s != NULL ? (gchar *)s : ""));
			if (i > 0)
				g_string_append(str, ", ");
			g_string_append(str, t);
		}
		return g_strdup(str->str);
	}
	if (obj->type == XPATH_NUMBER)
		return aa_rules_format_number(obj->floatval);
	if (obj->type == XPATH_BOOLEAN)
		return g_strdup(obj->boolval ? "true" : "false");
	{
		g_autoptr(xmlChar) s = xmlXPathCastToString(obj);
		return g_strdup(s != NULL ? (const gchar *)s : "");
	}
}

/* replaces each {xpath} in @text by its value at the context node; an
 * expression that compiled at load but cannot be evaluated fails the run */
static gchar *
aa_rules_interpolate(xmlXPathContext *xctx, const gchar *text, const AaRule *rule,
                     const gchar *what, GError **error)
{
	g_autoptr(GString) str = g_string_new(NULL);
	const gchar *p = text;

	for (;;) {
		g_autofree gchar *expr = aa_rules_template_next(&p, str, NULL);
		g_autoptr(xmlXPathObject) obj = NULL;
		g_autofree gchar *value = NULL;
		xmlNode *saved = xctx->node;

		if (expr == NULL)
			break;
		obj = xmlXPathEvalExpression((const xmlChar *)expr, xctx);
		xctx->node = saved;
		if (obj == NULL) {
			gboolean over = xctx->opLimit != 0 && xctx->opCount >= xctx->opLimit;
			aa_error_set_at(error, over ? AA_ERROR_HOSTILE : AA_ERROR_INVALID_DATA,
			                rule->pack_file, rule->line,
			                "rule %s: {%s} in <%s> %s; fix the rule pack", rule->id,
			                expr, what,
			                over ? "exceeds the XPath work limit (docs/limits.md)"
			                     : "cannot be evaluated");
			return NULL;
		}
		value = aa_rules_object_to_text(obj);
		g_string_append(str, value);
	}
	return g_strdup(str->str);
}

static xmlXPathObject *
aa_rules_eval(xmlXPathContext *xctx, xmlXPathCompExpr *comp, xmlNode *node, const AaRule *rule,
              const gchar *what, GString *msg, GError **error)
{
	xmlXPathObject *obj;
	xctx->node = node;
	g_string_truncate(msg, 0);
	obj = xmlXPathCompiledEval(comp, xctx);
	if (obj == NULL && xctx->opLimit != 0 && xctx->opCount >= xctx->opLimit) {
		aa_error_set_at(error, AA_ERROR_HOSTILE, rule->pack_file, rule->line,
		                "rule %s: %s exceeds the XPath work limit of %lu operations "
		                "(docs/limits.md); nested '//' inside predicates grow with the "
		                "cube of the document: select with a path from the root instead",
		                rule->id, what, xctx->opLimit);
		return NULL;
	}
	if (obj == NULL) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, rule->pack_file, rule->line,
		                "rule %s: %s cannot be evaluated: %s; fix the rule pack", rule->id,
		                what, msg->len > 0 ? g_strstrip(msg->str) : "XPath error");
		return NULL;
	}
	return obj;
}

static void
aa_rules_register_params(AaRuleSet *self, xmlXPathContext *xctx, const AaRuleInput *input)
{
	for (guint i = 0; i < self->param_names->len; i++) {
		const gchar *name = g_ptr_array_index(self->param_names, i);
		const gchar *value = g_hash_table_lookup(self->params, name);
		if (input->params != NULL && g_hash_table_contains(input->params, name))
			value = g_hash_table_lookup(input->params, name);
		xmlXPathRegisterVariable(xctx, (const xmlChar *)name, aa_rules_value_new(value));
	}
	if (input->intent != NULL) {
		xmlXPathRegisterVariable(xctx, (const xmlChar *)"intent",
		                         xmlXPathNewNodeSet(xmlDocGetRootElement(input->intent)));
	}
	if (input->recommendation != NULL) {
		xmlXPathRegisterVariable(
		    xctx, (const xmlChar *)"recommendation",
		    xmlXPathNewNodeSet(xmlDocGetRootElement(input->recommendation)));
	}
}

static gboolean
aa_rule_run(AaRuleSet *self, AaRule *rule, xmlXPathContext *xctx, const AaRuleInput *input,
            AaDiagnostics *report, GString *msg, GError **error)
{
	g_autoptr(xmlXPathObject) targets = NULL;

	aa_rules_register_params(self, xctx, input);
	targets = aa_rules_eval(xctx, rule->for_each.comp, (xmlNode *)input->unified, rule,
	                        "for-each", msg, error);
	if (targets == NULL)
		return FALSE;
	if (targets->type != XPATH_NODESET) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, rule->pack_file, rule->line,
		                "rule %s: for-each must select nodes", rule->id);
		return FALSE;
	}
	for (gint i = 0; targets->nodesetval != NULL && i < targets->nodesetval->nodeNr; i++) {
		xmlNode *node = targets->nodesetval->nodeTab[i];
		g_autoptr(xmlXPathObject) result = NULL;
		g_autofree gchar *vm = NULL;
		g_autofree gchar *message = NULL;
		g_autofree gchar *fix = NULL;
		g_autofree gchar *xpath = NULL;
		xmlNode *where = node;

		for (guint j = 0; j < rule->lets->len; j++) {
			AaRuleLet *let = g_ptr_array_index(rule->lets, j);
			xmlXPathObject *value = aa_rules_eval(xctx, let->select.comp, node, rule,
			                                      let->name, msg, error);
			if (value == NULL)
				return FALSE;
			xmlXPathRegisterVariable(xctx, (const xmlChar *)let->name, value);
		}
		result =
		    aa_rules_eval(xctx, rule->test.comp, node, rule, "assert test", msg, error);
		if (result == NULL)
			return FALSE;
		if (xmlXPathCastToBoolean(result))
			continue;

		/* the assertion failed: describe where and why */
		if (rule->report_on.comp != NULL) {
			g_autoptr(xmlXPathObject) obj = aa_rules_eval(
			    xctx, rule->report_on.comp, node, rule, "report-on", msg, NULL);
			if (obj != NULL && obj->type == XPATH_NODESET && obj->nodesetval != NULL &&
			    obj->nodesetval->nodeNr > 0)
				where = obj->nodesetval->nodeTab[0];
		}
		{
			g_autoptr(xmlXPathObject) obj = NULL;
			if (rule->vm.comp != NULL) {
				obj =
				    aa_rules_eval(xctx, rule->vm.comp, node, rule, "vm", msg, NULL);
			} else {
				xctx->node = node;
				obj = xmlXPathEvalExpression(
				    (const xmlChar *)"ancestor-or-self::vm[1]/name", xctx);
			}
			if (obj != NULL &&
			    !(obj->type == XPATH_NODESET &&
			      (obj->nodesetval == NULL || obj->nodesetval->nodeNr == 0)))
				vm = aa_rules_object_to_text(obj);
		}
		xctx->node = node;
		message = aa_rules_interpolate(xctx, rule->message, rule, "message", error);
		if (message == NULL)
			return FALSE;
		fix = aa_rules_interpolate(xctx, rule->fix, rule, "fix", error);
		if (fix == NULL)
			return FALSE;
		if (rule->fix == NULL)
			g_clear_pointer(&fix, g_free);
		xpath = aa_xml_path(where);
		aa_diagnostics_add(
		    report, aa_diagnostic_new(
		                rule->id, rule->severity, vm, aa_rules_node_file(input, where),
		                aa_xml_line(aa_rules_element_of(where)), xpath, message, fix));
	}
	return TRUE;
}

/**
 * aa_rule_set_run:
 * @self: a rule set
 * @input: the documents to check
 * @report: where diagnostics go
 * @error: (nullable): optional return location for an error
 *
 * Evaluates every rule whose inputs are present.  A rule that cannot be
 * evaluated (an unknown variable or function) fails the run with the pack's
 * file and line: a broken rule must not pass silently.
 *
 * Returns: %TRUE on success
 */
gboolean
aa_rule_set_run(AaRuleSet *self, const AaRuleInput *input, AaDiagnostics *report, GError **error)
{
	g_autoptr(xmlXPathContext) xctx = xmlXPathNewContext(input->unified);
	g_autoptr(GString) msg = g_string_new(NULL);

	xctx->error = (xmlStructuredErrorFunc)aa_rules_ignore_error;
	xctx->userData = msg;
	for (guint i = 0; i < self->rules->len; i++) {
		AaRule *rule = g_ptr_array_index(self->rules, i);
		if ((rule->needs_intent && input->intent == NULL) ||
		    (rule->needs_recommendation && input->recommendation == NULL))
			continue;
		report->n_rules++;
		/* each rule gets the same XPath work budget, for all its nodes */
		xctx->opCount = 0;
		xctx->opLimit = AA_RULES_XPATH_OP_LIMIT;
		if (!aa_rule_run(self, rule, xctx, input, report, msg, error))
			return FALSE;
		xmlXPathRegisteredVariablesCleanup(xctx);
	}
	return TRUE;
}
