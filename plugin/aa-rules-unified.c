/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The unified board + scenario document that ACRN's validator checks, and
 * which of its nodes came from the board.
 */

#include "config.h"

#include "aa-error.h"
#include "aa-rules-unified.h"
#include "aa-xml.h"

/* marks the top-level elements of the unified document copied from the board */
static gchar aa_rules_board_marker;

/**
 * aa_rules_unified_new:
 * @board: the board document
 * @scenario: the scenario document
 * @error: (nullable): optional return location for an error
 *
 * Builds the document ACRN's validator checks (scenario_config/validator.py):
 * a copy of the scenario's root with the board root's children appended.
 * Line numbers survive the copy; the board's `board` attribute is added to
 * the root when the scenario has none.
 *
 * Returns: (transfer full): the unified document
 */
xmlDoc *
aa_rules_unified_new(xmlDoc *board, xmlDoc *scenario, GError **error)
{
	g_autoptr(xmlDoc) doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNode *board_root = xmlDocGetRootElement(board);
	xmlNode *scenario_root = xmlDocGetRootElement(scenario);
	xmlNode *root;

	if (board_root == NULL || scenario_root == NULL) {
		g_set_error_literal(error, AA_ERROR, AA_ERROR_INVALID_DATA,
		                    "board or scenario has no root element");
		return NULL;
	}
	root = xmlDocCopyNode(scenario_root, doc, 1);
	if (root == NULL) {
		g_set_error_literal(error, AA_ERROR, AA_ERROR_FAILED, "out of memory");
		return NULL;
	}
	xmlDocSetRootElement(doc, root);
	if (!xmlHasProp(root, (const xmlChar *)"board")) {
		g_autoptr(xmlChar) name = xmlGetProp(board_root, (const xmlChar *)"board");
		if (name != NULL)
			xmlSetProp(root, (const xmlChar *)"board", name);
	}
	for (xmlNode *n = board_root->children; n != NULL; n = n->next) {
		xmlNode *copy;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		copy = xmlDocCopyNode(n, doc, 1);
		if (copy == NULL)
			continue;
		copy->_private = &aa_rules_board_marker;
		xmlAddChild(root, copy);
	}
	return g_steal_pointer(&doc);
}

/**
 * aa_rules_unified_is_board:
 * @node: a node of a document from aa_rules_unified_new()
 *
 * Returns: %TRUE if @node lies in an element copied from the board
 */
gboolean
aa_rules_unified_is_board(xmlNode *node)
{
	for (xmlNode *n = node; n != NULL && n->type != XML_DOCUMENT_NODE; n = n->parent) {
		if (n->_private == &aa_rules_board_marker)
			return TRUE;
	}
	return FALSE;
}
