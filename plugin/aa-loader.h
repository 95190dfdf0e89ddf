/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#pragma once

#include <gmodule.h>

#include "aa-plugin.h"

G_BEGIN_DECLS

#define AA_MANIFEST_ENV "ACRN_ALLOC_PLUGIN_MANIFEST"

/* a loaded plugin module, as the host sees it */
typedef struct {
	gchar *manifest_path;
	gchar *module_path;
	gchar *data_dir;
	gchar *name;
	guint abi_version;
	gchar **hooks;
	GModule *module;
	AaPluginVtable vtable;
} AaLoadedPlugin;

gchar *aa_loader_find_manifest(const gchar *explicit_path, GError **error);
AaLoadedPlugin *aa_loader_open(const gchar *manifest_path, GError **error);
void aa_loaded_plugin_free(AaLoadedPlugin *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaLoadedPlugin, aa_loaded_plugin_free)

G_END_DECLS
