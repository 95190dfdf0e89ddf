/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#pragma once

#include <glib.h>

#include "aa-model-types.h"
#include "aa-scenario.h"

G_BEGIN_DECLS

typedef struct _AaIntent AaIntent;
typedef struct _AaIntentVm AaIntentVm;   /* a vm element of the intent */
typedef struct _AaQosTarget AaQosTarget; /* a QoS target of an intent VM */
typedef struct _AaTask AaTask;           /* a real-time task of an intent VM */

AaIntent *aa_intent_new(void);
void aa_intent_free(AaIntent *self);
/* validates against schema/intent.xsd found in @schema_dir, then cross-checks
 * against @scenario (VM names) and reads the referenced profiles */
gboolean aa_intent_load(AaIntent *self, const gchar *filename, const gchar *schema_dir,
                        AaScenario *scenario, GError **error);
gboolean aa_intent_vm_is_rt(const AaIntentVm *vm, const gchar *vm_type);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaIntent, aa_intent_free)

G_END_DECLS
