/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#pragma once

#include <libxml/tree.h>

#include "aa-scenario.h"

G_BEGIN_DECLS

/* ACRN's schema default for a post-launched VM's memory/size, in MiB: what the
 * launch script passes when the scenario leaves it empty */
#define AA_SCENARIO_DEFAULT_MEMORY_MIB 1024u

typedef enum {
	AA_LOAD_ORDER_UNKNOWN,
	AA_LOAD_ORDER_SERVICE_VM,
	AA_LOAD_ORDER_PRE_LAUNCHED_VM,
	AA_LOAD_ORDER_POST_LAUNCHED_VM,
} AaLoadOrder;

typedef struct {
	guint pcpu_id;
	gboolean real_time; /* real_time_vcpu = y */
	glong line;
	xmlNode *node; /* the pcpu element, borrowed */
} AaAffinity;

typedef struct {
	gchar *bdf;  /* "00:17.0", the first word of the text */
	gchar *text; /* the whole pci_dev text */
	glong line;
	xmlNode *node;
} AaPciRef;

typedef struct {
	gchar *kind;  /* element under virtio_devices: network, block, console, ... */
	gchar *value; /* trimmed text, may be "" */
	xmlNode *node;
} AaVirtio;

struct _AaVm {
	guint id; /* vm/@id */
	gchar *name;
	AaLoadOrder load_order;
	gchar *load_order_text;
	gchar *vm_type;   /* STANDARD_VM, RTVM, ... ("" if absent) */
	gchar *os_type;   /* may be NULL */
	GArray *affinity; /* AaAffinity */
	guint memory_mib; /* memory/size, or the sum of memory/hpa_region/size_hpa */
	gboolean has_memory;
	GPtrArray *pci_devs; /* AaPciRef */
	gboolean lapic_passthrough;
	GPtrArray *virtio; /* AaVirtio */
	glong line;
	xmlNode *node; /* the vm element, borrowed from the document */
};

AaVm *aa_scenario_get_vm_by_name(AaScenario *self, const gchar *name);
AaVm *aa_scenario_get_service_vm(AaScenario *self);
gboolean aa_vm_is_rt(const AaVm *vm);

G_END_DECLS
