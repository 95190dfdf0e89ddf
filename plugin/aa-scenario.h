/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#pragma once

#include <glib.h>
#include <libxml/tree.h>

#include "aa-board.h"

G_BEGIN_DECLS

typedef struct _AaScenario AaScenario;
typedef struct _AaVm AaVm; /* a vm element of the scenario */

AaScenario *aa_scenario_new(void);
void aa_scenario_free(AaScenario *self);
gboolean aa_scenario_load(AaScenario *self, const gchar *filename, GError **error);
gboolean aa_scenario_load_memory(AaScenario *self, const gchar *data, gsize len,
                                 const gchar *filename, GError **error);
const gchar *aa_scenario_get_filename(AaScenario *self);
xmlDoc *aa_scenario_get_doc(AaScenario *self);
GPtrArray *aa_scenario_get_vms(AaScenario *self);
const gchar *aa_scenario_get_scheduler(AaScenario *self);
gboolean aa_vm_type_is_rt(const gchar *vm_type);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaScenario, aa_scenario_free)

G_END_DECLS
