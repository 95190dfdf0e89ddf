/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _AaBoard AaBoard;
typedef struct _AaPcpu AaPcpu;           /* a logical CPU of the board */
typedef struct _AaCpuGroup AaCpuGroup;   /* pCPUs sharing a cache or a core */
typedef struct _AaPciDevice AaPciDevice; /* a PCI function of the board */

AaBoard *aa_board_new(void);
void aa_board_free(AaBoard *self);
gboolean aa_board_load(AaBoard *self, const gchar *filename, GError **error);
gchar *aa_board_to_string(AaBoard *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaBoard, aa_board_free)

G_END_DECLS
