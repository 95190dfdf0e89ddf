/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

typedef struct _AaXslt AaXslt;

AaXslt *aa_xslt_new(const gchar *filename, GError **error);
void aa_xslt_free(AaXslt *self);
const gchar *aa_xslt_get_filename(AaXslt *self);
void aa_xslt_allow_read(AaXslt *self, const gchar *filename);
void aa_xslt_set_param(AaXslt *self, const gchar *name, const gchar *value);
void aa_xslt_set_doc_param(AaXslt *self, const gchar *name, xmlDoc *doc);
void aa_xslt_set_input_param(AaXslt *self, const gchar *name, xmlDoc *doc, const gchar *filename);
gchar *aa_xslt_apply(AaXslt *self, xmlDoc *doc, gsize *len, GError **error);
const gchar *aa_xslt_get_messages(AaXslt *self);
gchar *aa_xslt_file_uri(const gchar *filename);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaXslt, aa_xslt_free)

G_END_DECLS
