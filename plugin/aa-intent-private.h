/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#pragma once

#include <libxml/tree.h>

#include "aa-intent.h"
#include "aa-io-profile.h"
#include "aa-model-types.h"
#include "aa-profile.h"

G_BEGIN_DECLS

struct _AaQosTarget {
	gchar *metric; /* e.g. fps, frame-time-p95-ms, deadline-miss-ratio */
	gboolean higher_is_better;
	gdouble target;
	gdouble weight; /* 1 when absent */
	glong line;
};

typedef struct {
	gboolean has_min;
	gboolean has_max;
	gint64 min;
	gint64 max;
} AaLimit;

typedef struct {
	gboolean has_alpha;
	gdouble alpha;
	gboolean has_r_min;
	gdouble r_min;
} AaModelOverride;

struct _AaTask {
	gchar *name;
	guint64 wcet_us;
	guint64 period_us;
	guint64 deadline_us; /* = period_us when not given */
	gint priority;       /* optional, 0 = derived (rate monotonic) */
};

struct _AaIntentVm {
	gchar *name; /* scenario vm/name */
	AaVmClass klass;
	GPtrArray *qos; /* AaQosTarget, document order */
	gdouble lambda; /* utilization/@lambda, 0 without <utilization> */
	gboolean has_util_weight[AA_RESOURCE_COUNT];
	gdouble util_weight[AA_RESOURCE_COUNT];
	AaLimit limits[AA_DIM_COUNT];
	gchar *profile_path;     /* resolved against the intent file, or NULL */
	gchar *calibration_path; /* resolved, or NULL */
	AaProfile *profile;      /* loaded, or NULL */
	glong profile_line;      /* <profile> of a trace not recorded yet (profile NULL) */
	GPtrArray *calibration;  /* AaCalibrationRow, or NULL */
	gboolean has_eta;
	gdouble eta;
	AaModelOverride model[AA_RESOURCE_COUNT];
	GPtrArray *tasks;              /* AaTask, may be empty */
	gboolean tasks_rate_monotonic; /* <tasks policy="rm">: also run fixed-priority RTA */
	gchar *io_profile_path;        /* <io-profile href>, resolved, or NULL */
	AaIoProfile *io_profile;       /* loaded, or NULL */
	gboolean best_effort;          /* <vm best-effort="true">: R mode gives it idle pCPUs */
	glong line;
	xmlNode *node;
	guint scenario_vm; /* 1 + the index of its VM in the scenario it was loaded against
	                    * (aa_scenario_get_vms()), 0 without one: read it through
	                    * aa_intent_vm_get_scenario_vm() */
};

/* private */
struct _AaIntent {
	gchar *filename;
	xmlDoc *doc;
	AaObjective objective;
	guint memory_quantum_mib;    /* default 128 */
	guint gpu_slices;            /* default 10 */
	guint service_pcpus;         /* default 1 */
	guint service_memory_mib;    /* default 4096 */
	guint hypervisor_memory_mib; /* default 256 */
	AaIoPolicy io;               /* <policy io-mode> / <policy><io> */
	AaModelKind model;           /* <policy model="robust|paper">, default robust */
	gdouble demand_confidence;   /* <policy demand-confidence>, robust only, default 0.95 */
	gdouble target_confidence;   /* <policy target-confidence>, robust only, default 0.8 */
	gdouble memory_headroom;     /* <policy memory-headroom>, robust only, default 0.1 */
	gboolean demand_forecast;    /* <policy demand="forecast">, robust only */
	gdouble forecast_horizon_s;  /* <policy forecast-horizon-s>, default 600 */
	GPtrArray *vms;              /* AaIntentVm, intent order */
};

AaIntentVm *aa_intent_get_vm(AaIntent *self, const gchar *name);
AaVm *aa_intent_vm_get_scenario_vm(const AaIntentVm *vm, AaScenario *scenario);
AaIntentVm *aa_intent_get_vm_of(AaIntent *self, guint scenario_index);
gboolean aa_intent_link_scenario(AaIntent *self, AaScenario *scenario, GError **error);
gboolean aa_intent_check_profiles(AaIntent *self, GError **error);
void aa_qos_target_free(AaQosTarget *qos);
void aa_task_free(AaTask *task);
AaIntentVm *aa_intent_vm_new(void);
void aa_intent_vm_free(AaIntentVm *vm);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaQosTarget, aa_qos_target_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaTask, aa_task_free)

G_END_DECLS
