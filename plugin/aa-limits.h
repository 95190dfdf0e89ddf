/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The largest value accepted for every size a user can write (docs/limits.md).
 * Each is checked where the value is read, before it drives a loop or an
 * allocation, and refused with file:line.
 */

#pragma once

#include <glib.h>

#include "aa-search.h"

G_BEGIN_DECLS

/* pCPUs of a board (Linux's largest NR_CPUS); every core count (limits,
 * reserves, CSV cells) */
#define AA_LIMIT_PCPUS 8192u
/* memory anywhere, in MiB: 16 TiB, above the largest x86 server today */
#define AA_LIMIT_MEMORY_MIB (16u * 1024u * 1024u)
/* GPU slices of the policy, of a limit, of a profiled or calibrated run */
#define AA_LIMIT_GPU_SLICES 1000u
/* an SR-IOV PF's total_vfs: the PCIe TotalVFs field is 16 bits */
#define AA_LIMIT_TOTAL_VFS 65535u
/* a CSV measurement that is not a size (time_s, faults/s, QoS values) */
#define AA_LIMIT_CSV_VALUE 1e12
/* candidate allocations (cP, cE, m, g) the search scores, over all VMs */
#define AA_LIMIT_SEARCH_CANDIDATES (4u * 1024u * 1024u)

gdouble aa_limits_search_candidates(const AaProblem *problem, guint *worst_vm);
gboolean aa_limits_check_problem(const AaProblem *problem, const gchar *intent_file,
                                 GError **error);

G_END_DECLS
