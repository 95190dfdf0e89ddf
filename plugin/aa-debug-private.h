/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * A debug counter of input reads, for tests: every input file (XML or CSV)
 * is read through aa_file_read_untrusted(), which reports here.  Counting is
 * off until aa_debug_parse_reset() turns it on, so a normal run pays nothing.
 *
 * A second one counts the VM models built (aa_vm_model_new_full()), off until
 * aa_debug_model_reset().
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void aa_debug_parse_reset(void);
void aa_debug_parse_note(const gchar *filename);
guint aa_debug_parse_count(const gchar *filename);
guint aa_debug_parse_total(void);
void aa_debug_model_reset(void);
void aa_debug_model_note(void);
guint aa_debug_model_count(void);

G_END_DECLS
