/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The robust model's additions beyond aa-model.h (docs/robust-model.md).
 */

#pragma once

#include "aa-model.h"

G_BEGIN_DECLS

/* the relative noise of one measured QoS value (2-5 % in repeated benchmark
 * runs; the upper end, as it is one run): the robust model's default
 * uncertainty at the profiled allocation and refine's prior for the
 * measurement noise */
#define AA_MODEL_SIGMA_MEASURE 0.05

G_END_DECLS
