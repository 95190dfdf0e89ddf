/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The rules XPath cannot say: SR-IOV VF arithmetic, cache and hyper-thread
 * isolation, profiled memory, the QoS model and RT schedulability.
 */

#pragma once

#include "aa-board.h"
#include "aa-diagnostic.h"
#include "aa-intent.h"

G_BEGIN_DECLS

void aa_checks_pci(AaBoard *board, AaScenario *scenario, AaDiagnostics *report);
void aa_checks_rt_isolation(AaBoard *board, AaScenario *scenario, AaDiagnostics *report);
void aa_checks_intent_memory(AaScenario *scenario, AaIntent *intent, AaDiagnostics *report);
void aa_checks_intent_qos(AaBoard *board, AaScenario *scenario, AaIntent *intent,
                          AaDiagnostics *report);
void aa_checks_intent_qos_with(AaBoard *board, AaScenario *scenario, AaIntent *intent,
                               GPtrArray *models, AaDiagnostics *report);
void aa_checks_rt_schedulability(AaScenario *scenario, AaIntent *intent, AaDiagnostics *report);
void aa_checks_run(AaBoard *board, AaScenario *scenario, AaIntent *intent, AaDiagnostics *report);
void aa_checks_run_with(AaBoard *board, AaScenario *scenario, AaIntent *intent, GPtrArray *models,
                        AaDiagnostics *report);

G_END_DECLS
