/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _AaPublish AaPublish;

AaPublish *aa_publish_begin(const gchar *dest, GError **error);
AaPublish *aa_publish_begin_files(const gchar *dir, GError **error);
const gchar *aa_publish_stage(AaPublish *self);
const gchar *aa_publish_dest(AaPublish *self);
gboolean aa_publish_commit(AaPublish *self, GError **error);
void aa_publish_free(AaPublish *self);
gboolean aa_output_check_inputs(const gchar *output, const gchar *const *inputs, guint n_inputs,
                                gboolean force, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaPublish, aa_publish_free)

G_END_DECLS
