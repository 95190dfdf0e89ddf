/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

xmlNode *aa_xml_attr_child(xmlNode *parent, const gchar *name);
xmlNode *aa_xml_attr_text_child(xmlNode *parent, const gchar *name, const gchar *text);
void aa_xml_attr_text(xmlNode *node, const gchar *name, const gchar *value);
void aa_xml_attr_uint(xmlNode *node, const gchar *name, guint64 value);
void aa_xml_attr_int(xmlNode *node, const gchar *name, gint64 value);
void aa_xml_attr_double(xmlNode *node, const gchar *name, gdouble value, guint digits);
void aa_xml_attr_bool(xmlNode *node, const gchar *name, gboolean value);
void aa_xml_attr_pcpus(xmlNode *parent, const GArray *pcpus);
gchar *aa_xml_attr_doc_to_text(xmlDoc *doc);

G_END_DECLS
