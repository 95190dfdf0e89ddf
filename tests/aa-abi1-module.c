/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * A module as built before the plan hook was appended to ABI 1: it fills the
 * table up to `transform` (here only the context hooks) and leaves the slot
 * that became `plan` zeroed, as an old module's init does.
 */

#include "aa-plugin.h"

G_MODULE_EXPORT gboolean aa_plugin_init(AaPluginVtable *vtable);

static AaPluginContext *
aa_abi1_context_new(const gchar *data_dir, GError **error)
{
	return (AaPluginContext *)g_malloc0(1);
}

static void
aa_abi1_context_free(AaPluginContext *ctx)
{
	g_free(ctx);
}

G_MODULE_EXPORT gboolean
aa_plugin_init(AaPluginVtable *vtable)
{
	vtable->abi_version = AA_PLUGIN_ABI_VERSION;
	vtable->size = sizeof(AaPluginVtable);
	vtable->name = "abi1-before-plan";
	vtable->version = "0";
	vtable->context_new = aa_abi1_context_new;
	vtable->context_free = aa_abi1_context_free;
	return TRUE;
}
