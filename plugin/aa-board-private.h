/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#pragma once

#include <libxml/tree.h>

#include "aa-board.h"

G_BEGIN_DECLS

/* what a pCPU counts as in the model (MODEL.md): on a board with threads of
 * both `Core` and `Atom`, Core is P and Atom is E; otherwise all are P */
typedef enum {
	AA_CORE_KIND_P,
	AA_CORE_KIND_E,
} AaCoreKind;

/* what the pCPUs of an AaCpuGroup share */
typedef enum {
	AA_CPU_SHARE_CORE, /* one physical core: hyper-thread siblings */
	AA_CPU_SHARE_L2,   /* an L2 cache instance */
	AA_CPU_SHARE_L3,   /* an L3 cache instance */
	AA_CPU_SHARE_COUNT,
} AaCpuShare;

struct _AaPcpu {
	guint cpu_id;     /* processors//thread/cpu_id */
	guint apic_id;    /* thread/apic_id */
	guint core_id;    /* the enclosing core/@id */
	guint die_id;     /* the enclosing die/@id */
	gchar *core_type; /* raw text: Core, Atom, Reserved or "" */
	AaCoreKind kind;
	/* [share]: index into AaBoard.groups[share]; -1 if unknown (a cache the
	 * board does not list), never for AA_CPU_SHARE_CORE */
	gint group[AA_CPU_SHARE_COUNT];
	glong line;
};

/* a set of pCPUs sharing one thing: a cache instance or a physical core */
struct _AaCpuGroup {
	guint level;      /* 2 or 3 for caches, 0 for hyper-thread siblings */
	guint id;         /* cache/@id or core/@id */
	guint size_bytes; /* cache size, 0 for siblings */
	GArray *cpu_ids;  /* guint, ascending */
};

struct _AaPciDevice {
	guint bus;
	guint dev;
	guint func;
	gchar *bdf;         /* "00:02.0" */
	guint32 class_code; /* e.g. 0x030000 */
	guint16 vendor;
	guint16 device;
	gchar *description; /* "VGA compatible controller: Intel ..." */
	/* SR-IOV physical function, if the device has the capability */
	gboolean sriov;
	gboolean vfs_unknown; /* <capability id="SR-IOV"/> without <total_vfs>: 0 usable */
	guint total_vfs;
	guint first_vf_bus;
	guint first_vf_dev;
	guint first_vf_func;
	guint vf_stride;
	guint16 vf_device_id;
	glong line;
};

/* private */
struct _AaBoard {
	gchar *filename;
	gchar *name;      /* acrn-config/@board */
	xmlDoc *doc;      /* kept for XPath rules and XSLT */
	GPtrArray *pcpus; /* AaPcpu, ascending cpu_id */
	/* [share]: AaCpuGroup; [AA_CPU_SHARE_CORE] has one per physical core */
	GPtrArray *groups[AA_CPU_SHARE_COUNT];
	gboolean hybrid;        /* has both Core and Atom threads */
	guint64 memory_bytes;   /* sum of id-less memory/range sizes */
	guint memory_mib;       /* memory_bytes rounded down to MiB */
	GPtrArray *pci_devices; /* AaPciDevice, document order */
	guint clos_max;         /* RDT classes of service, 0 if none */
	gchar *rdt_resources;   /* e.g. "L2", "L2, L3", or NULL */
};

const AaPcpu *aa_board_get_pcpu(AaBoard *self, guint cpu_id);
const AaCpuGroup *aa_board_get_group(AaBoard *self, const AaPcpu *pcpu, AaCpuShare share);
const AaPciDevice *aa_board_get_pci_device(AaBoard *self, const gchar *bdf);
const AaPciDevice *aa_board_get_gpu_pf(AaBoard *self);
gchar *aa_board_vf_bdf(const AaPciDevice *pf, guint n);
guint aa_board_count_kind(AaBoard *self, AaCoreKind kind);
gboolean aa_board_parse_bdf(const gchar *text, guint *bus, guint *dev, guint *func);

G_END_DECLS
