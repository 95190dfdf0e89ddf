/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Helpers shared by the test programs.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gchar *aa_test_acrn_data(const gchar *board, const gchar *file);
void aa_test_rm_rf(const gchar *path);
gint64 aa_test_cpu_usec(void);

G_END_DECLS
