/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Why a problem has no feasible allocation, in words that lead to the fix.
 */

#pragma once

#include "aa-board.h"
#include "aa-intent.h"
#include "aa-search.h"

G_BEGIN_DECLS

gchar *aa_explain_vm_without_candidate(const AaProblem *problem, const AaVmModel *model);
gchar *aa_explain_board_mismatch(AaBoard *board, AaScenario *scenario);
gchar *aa_explain_profile_warnings(AaIntent *intent);

G_END_DECLS
