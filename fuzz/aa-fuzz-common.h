/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * What every libFuzzer target shares: a private temporary directory for the
 * input under test, the paths of the fixed companion inputs, and the check
 * that a refused input was refused the way the project standard asks.
 */

#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "aa-context-private.h"

G_BEGIN_DECLS

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

void aa_fuzz_init(void);
const gchar *aa_fuzz_tmpdir(void);
gchar *aa_fuzz_write(const gchar *name, const uint8_t *data, size_t size);
gchar *aa_fuzz_source_path(const gchar *first, ...) G_GNUC_NULL_TERMINATED;
gchar *aa_fuzz_acrn_data(const gchar *board, const gchar *file);
void aa_fuzz_rm_rf(const gchar *path);
void aa_fuzz_check_error(const GError *error, const gchar *filename);
AaBoard *aa_fuzz_load_board(const gchar *filename);
AaScenario *aa_fuzz_load_scenario(const gchar *filename);
void aa_fuzz_validate(AaPluginContext *ctx);

G_END_DECLS
