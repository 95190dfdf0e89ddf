/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#include "config.h"

#include <string.h>

#include "aa-error.h"
#include "aa-loader.h"
#include "aa-util.h"

#define AA_MANIFEST_GROUP "Plugin"

/* every hook a manifest may offer, and where it sits in the table */
static const struct {
	const gchar *name;
	gsize offset;
} aa_loader_hooks[] = {
    {"board-loaded", G_STRUCT_OFFSET(AaPluginVtable, board_loaded)},
    {"scenario-loaded", G_STRUCT_OFFSET(AaPluginVtable, scenario_loaded)},
    {"intent-loaded", G_STRUCT_OFFSET(AaPluginVtable, intent_loaded)},
    {"inspect", G_STRUCT_OFFSET(AaPluginVtable, inspect)},
    {"recommend", G_STRUCT_OFFSET(AaPluginVtable, recommend)},
    {"validate", G_STRUCT_OFFSET(AaPluginVtable, validate)},
    {"transform", G_STRUCT_OFFSET(AaPluginVtable, transform)},
    {"plan", G_STRUCT_OFFSET(AaPluginVtable, plan)},
};

/**
 * aa_loader_find_manifest:
 * @explicit_path: (nullable): the value of --plugin-manifest
 * @error: (nullable): optional return location for an error
 *
 * Finds plugin.manifest: @explicit_path, then $ACRN_ALLOC_PLUGIN_MANIFEST,
 * then the install this host runs from (bindir/../datadir/acrn-alloc), then
 * the build tree, then the install prefix.  A path that was given but
 * does not exist is an error, never silently replaced by another.
 *
 * Returns: (transfer full): the manifest path, or %NULL
 */
gchar *
aa_loader_find_manifest(const gchar *explicit_path, GError **error)
{
	const gchar *env = g_getenv(AA_MANIFEST_ENV);

	if (explicit_path != NULL) {
		if (!g_file_test(explicit_path, G_FILE_TEST_IS_REGULAR)) {
			g_set_error(error, AA_ERROR, AA_ERROR_PLUGIN,
			            "%s: no such plugin manifest (given by --plugin-manifest); "
			            "give the path of plugin.manifest",
			            explicit_path);
			return NULL;
		}
		return g_strdup(explicit_path);
	}
	if (env != NULL && env[0] != '\0') {
		if (!g_file_test(env, G_FILE_TEST_IS_REGULAR)) {
			g_set_error(error, AA_ERROR, AA_ERROR_PLUGIN,
			            "%s: no such plugin manifest (given by $%s); fix or unset "
			            "the variable",
			            env, AA_MANIFEST_ENV);
			return NULL;
		}
		return g_strdup(env);
	}
	/* an installed host uses its own install, even where a build tree exists */
	if (AA_MANIFEST_FROM_BINDIR[0] != '\0') {
		g_autofree gchar *exe = g_file_read_link("/proc/self/exe", NULL);
		g_autofree gchar *dir = exe != NULL ? g_path_get_dirname(exe) : NULL;
		g_autofree gchar *beside =
		    dir != NULL ? g_build_filename(dir, AA_MANIFEST_FROM_BINDIR, NULL) : NULL;
		if (beside != NULL && g_file_test(beside, G_FILE_TEST_IS_REGULAR))
			return g_steal_pointer(&beside);
	}
	if (g_file_test(AA_BUILD_MANIFEST, G_FILE_TEST_IS_REGULAR))
		return g_strdup(AA_BUILD_MANIFEST);
	if (g_file_test(AA_INSTALLED_MANIFEST, G_FILE_TEST_IS_REGULAR))
		return g_strdup(AA_INSTALLED_MANIFEST);
	g_set_error(error, AA_ERROR, AA_ERROR_PLUGIN,
	            "no plugin manifest found (looked in %s and %s); pass --plugin-manifest "
	            "or set $%s",
	            AA_BUILD_MANIFEST, AA_INSTALLED_MANIFEST, AA_MANIFEST_ENV);
	return NULL;
}

void
aa_loaded_plugin_free(AaLoadedPlugin *self)
{
	if (self == NULL)
		return;
	g_clear_pointer(&self->module, g_module_close);
	g_free(self->manifest_path);
	g_free(self->module_path);
	g_free(self->data_dir);
	g_free(self->name);
	g_strfreev(self->hooks);
	g_free(self);
}

static gboolean
aa_loader_check_hooks(AaLoadedPlugin *self, GError **error)
{
	for (guint i = 0; self->hooks[i] != NULL; i++) {
		const gchar *hook = g_strstrip(self->hooks[i]);
		gboolean known = FALSE;
		if (hook[0] == '\0')
			continue;
		for (guint j = 0; j < G_N_ELEMENTS(aa_loader_hooks); j++) {
			gpointer fn;
			if (g_strcmp0(hook, aa_loader_hooks[j].name) != 0)
				continue;
			known = TRUE;
			fn = G_STRUCT_MEMBER(gpointer, &self->vtable, aa_loader_hooks[j].offset);
			if (fn == NULL) {
				g_set_error(error, AA_ERROR, AA_ERROR_PLUGIN,
				            "%s: the manifest offers hook '%s' but module %s does "
				            "not provide it; rebuild the module or fix Hooks=",
				            self->manifest_path, hook, self->module_path);
				return FALSE;
			}
		}
		if (!known) {
			g_set_error(error, AA_ERROR, AA_ERROR_PLUGIN,
			            "%s: unknown hook '%s' in Hooks=; this host knows ABI %u",
			            self->manifest_path, hook, (guint)AA_PLUGIN_ABI_VERSION);
			return FALSE;
		}
	}
	return TRUE;
}

/**
 * aa_loader_open:
 * @manifest_path: a plugin.manifest
 * @error: (nullable): optional return location for an error
 *
 * Reads the manifest, opens the module it names, resolves the single entry
 * symbol and checks the ABI version and the offered hooks.  Every failure is
 * an %AA_ERROR_PLUGIN error that says what to fix.
 *
 * Returns: (transfer full): the plugin, or %NULL
 */
AaLoadedPlugin *
aa_loader_open(const gchar *manifest_path, GError **error)
{
	g_autoptr(GKeyFile) kf = g_key_file_new();
	g_autoptr(GError) error_local = NULL;
	g_autoptr(AaLoadedPlugin) self = g_new0(AaLoadedPlugin, 1);
	g_autofree gchar *module_rel = NULL;
	g_autofree gchar *data_rel = NULL;
	AaPluginInitFunc init = NULL;
	gint abi;

	self->manifest_path = g_strdup(manifest_path);
	if (!g_key_file_load_from_file(kf, manifest_path, G_KEY_FILE_NONE, &error_local)) {
		g_set_error(error, AA_ERROR, AA_ERROR_PLUGIN, "%s: cannot read plugin manifest: %s",
		            manifest_path, error_local->message);
		return NULL;
	}
	module_rel = g_key_file_get_string(kf, AA_MANIFEST_GROUP, "Module", &error_local);
	if (module_rel == NULL) {
		g_set_error(error, AA_ERROR, AA_ERROR_PLUGIN,
		            "%s: [%s] Module= is missing: name the module file", manifest_path,
		            AA_MANIFEST_GROUP);
		return NULL;
	}
	abi = g_key_file_get_integer(kf, AA_MANIFEST_GROUP, "AbiVersion", NULL);
	if (abi != AA_PLUGIN_ABI_VERSION) {
		g_set_error(error, AA_ERROR, AA_ERROR_PLUGIN,
		            "%s: AbiVersion=%d but this host speaks ABI %u; use a matching "
		            "module and manifest",
		            manifest_path, abi, (guint)AA_PLUGIN_ABI_VERSION);
		return NULL;
	}
	self->abi_version = (guint)abi;
	self->name = g_key_file_get_string(kf, AA_MANIFEST_GROUP, "Name", NULL);
	data_rel = g_key_file_get_string(kf, AA_MANIFEST_GROUP, "DataDir", NULL);
	self->data_dir = aa_path_resolve(manifest_path, data_rel != NULL ? data_rel : ".");
	self->hooks = g_key_file_get_string_list(kf, AA_MANIFEST_GROUP, "Hooks", NULL, NULL);
	if (self->hooks == NULL)
		self->hooks = g_new0(gchar *, 1);
	self->module_path = aa_path_resolve(manifest_path, module_rel);

	/* open the module */
	if (!g_file_test(self->module_path, G_FILE_TEST_EXISTS)) {
		g_set_error(error, AA_ERROR, AA_ERROR_PLUGIN,
		            "%s: module %s does not exist; build the project (meson compile) "
		            "or fix Module=",
		            manifest_path, self->module_path);
		return NULL;
	}
	self->module = g_module_open(self->module_path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
	if (self->module == NULL) {
		g_set_error(error, AA_ERROR, AA_ERROR_PLUGIN, "%s: cannot load module: %s",
		            self->module_path, g_module_error());
		return NULL;
	}
	if (!g_module_symbol(self->module, AA_PLUGIN_INIT_SYMBOL, (gpointer *)&init) ||
	    init == NULL) {
		g_set_error(error, AA_ERROR, AA_ERROR_PLUGIN,
		            "%s: not an acrn-alloc plugin, symbol %s missing: %s",
		            self->module_path, AA_PLUGIN_INIT_SYMBOL, g_module_error());
		return NULL;
	}

	/* fill and check the table */
	memset(&self->vtable, 0, sizeof(self->vtable));
	if (!init(&self->vtable)) {
		g_set_error(error, AA_ERROR, AA_ERROR_PLUGIN, "%s: %s() refused to initialise",
		            self->module_path, AA_PLUGIN_INIT_SYMBOL);
		return NULL;
	}
	if (self->vtable.abi_version != AA_PLUGIN_ABI_VERSION) {
		g_set_error(error, AA_ERROR, AA_ERROR_PLUGIN,
		            "%s: module speaks ABI %u, this host ABI %u; rebuild the module "
		            "against this host's aa-plugin.h",
		            self->module_path, self->vtable.abi_version,
		            (guint)AA_PLUGIN_ABI_VERSION);
		return NULL;
	}
	if (self->vtable.size < sizeof(AaPluginVtable)) {
		g_set_error(error, AA_ERROR, AA_ERROR_PLUGIN,
		            "%s: module's hook table is %u bytes, expected %u; rebuild it",
		            self->module_path, self->vtable.size, (guint)sizeof(AaPluginVtable));
		return NULL;
	}
	if (self->vtable.context_new == NULL || self->vtable.context_free == NULL) {
		g_set_error(error, AA_ERROR, AA_ERROR_PLUGIN,
		            "%s: module provides no context_new/context_free", self->module_path);
		return NULL;
	}
	if (!aa_loader_check_hooks(self, error))
		return NULL;

	/* a good module stays loaded until the process exits: the libraries it pulls
	 * in (libxml2, libxslt) keep global state that must not be unmapped under
	 * it, and leak checkers need that state mapped to see it is reachable */
	g_module_make_resident(self->module);
	return g_steal_pointer(&self);
}
