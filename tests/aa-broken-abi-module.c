/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * A deliberately broken plugin for the loader tests: it exports the entry
 * symbol but claims an ABI the host does not speak.
 */

#include "aa-plugin.h"

G_MODULE_EXPORT gboolean aa_plugin_init(AaPluginVtable *vtable);

G_MODULE_EXPORT gboolean
aa_plugin_init(AaPluginVtable *vtable)
{
	vtable->abi_version = AA_PLUGIN_ABI_VERSION + 98;
	vtable->size = sizeof(AaPluginVtable);
	vtable->name = "broken-abi";
	return TRUE;
}
