/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void aa_fuzz_check_script(const gchar *filename);
void aa_fuzz_check_scripts_in(const gchar *dir);
void aa_fuzz_check_html(const gchar *filename);

G_END_DECLS
