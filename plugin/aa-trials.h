/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The trials CSV of FORMATS.md v2: the measured runs of the refinement loop.
 */

#pragma once

#include <glib.h>

#include "aa-profile.h"

G_BEGIN_DECLS

/* one row: one VM's metric measured in one run */
typedef struct {
	AaCalibrationRow point; /* the allocation, metric, value and line */
	gchar *vm;
	guint run; /* the measured run the row belongs to, from 0 */
} AaTrialRow;

typedef struct {
	gchar *filename;
	GPtrArray *rows; /* AaTrialRow, file order */
	guint n_runs;
} AaTrials;

/* more rows than this is not a refinement loop */
#define AA_TRIALS_MAX_ROWS 100000u

AaTrials *aa_trials_load(const gchar *filename, GError **error);
void aa_trials_free(AaTrials *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaTrials, aa_trials_free)

G_END_DECLS
