/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * What every libFuzzer target shares: a private temporary directory for the
 * input under test, the fixed companion inputs loaded once into a context,
 * and the check that a refused input was refused the way the project
 * standard asks (an AA_ERROR naming the file).
 */

#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "aa-context-private.h"
#include "aa-rules.h"

G_BEGIN_DECLS

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* companions: paths below the source root; acrn-data/... is below $AA_ACRN_DATA */
#define AA_FUZZ_TINY_BOARD      "fixtures/valid-board-tiny-hybrid.xml"
#define AA_FUZZ_TINY_SCENARIO   "fixtures/valid-scenario-tiny-hybrid.xml"
#define AA_FUZZ_ASROCK_BOARD    "acrn-data/adl-asrock/adl-asrock.xml"
#define AA_FUZZ_ASROCK_SCENARIO "acrn-data/adl-asrock/shared.xml"

/* a loader of one input file: aa_profile_load(), aa_calibration_load(), ... */
typedef gpointer (*AaFuzzLoadFunc)(const gchar *filename, GError **error);
/* a hook that writes `output`: aa_transform_apply(), aa_report_write(), ... */
typedef gchar *(*AaFuzzHookFunc)(AaPluginContext *ctx, GHashTable *options, GError **error);

void aa_fuzz_init(void);
const gchar *aa_fuzz_tmpdir(void);
gchar *aa_fuzz_write(const gchar *name, const uint8_t *data, size_t size);
gchar *aa_fuzz_source_path(const gchar *first, ...) G_GNUC_NULL_TERMINATED;
gchar *aa_fuzz_companion(const gchar *path);
void aa_fuzz_copy_dir(const gchar *from, const gchar *to);
void aa_fuzz_rm_rf(const gchar *path);
void aa_fuzz_check_error(const GError *error, const gchar *filename);
gboolean aa_fuzz_loaded(gboolean loaded, GError *const *error, const gchar *filename);
gpointer aa_fuzz_load(const gchar *name, const uint8_t *data, size_t size, AaFuzzLoadFunc load,
                      gchar **filename);
gpointer aa_fuzz_board_from_file(const gchar *filename, GError **error);
AaScenario *aa_fuzz_scenario_input(const uint8_t *data, size_t size, const gchar *name);
AaPluginContext *aa_fuzz_context(const gchar *board, const gchar *scenario);
gboolean aa_fuzz_hook(AaFuzzHookFunc hook, const gchar *what, AaPluginContext *ctx,
                      const gchar *recommendation, const gchar *output);
void aa_fuzz_run_rules(AaPluginContext *ctx, AaRuleSet *rules, xmlDoc *unified,
                       const gchar *filename);
void aa_fuzz_validate(AaPluginContext *ctx);

G_END_DECLS
