/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The module's only exported symbol fills the hook table; each hook forwards
 * to the module that owns the concern.
 */

#include "config.h"

#include "aa-context-private.h"
#include "aa-error.h"
#include "aa-forecast.h"
#include "aa-inspect.h"
#include "aa-io-profile-script.h"
#include "aa-iogroup.h"
#include "aa-plan.h"
#include "aa-profile-script.h"
#include "aa-recommend.h"
#include "aa-refine.h"
#include "aa-report.h"
#include "aa-rtanalysis.h"
#include "aa-transform.h"
#include "aa-typeperf.h"
#include "aa-validate.h"

static gchar *
aa_plugin_inspect(AaPluginContext *ctx, GHashTable *options, GError **error)
{
	return aa_inspect_run(ctx, options, error);
}

static gchar *
aa_plugin_recommend(AaPluginContext *ctx, GHashTable *options, GError **error)
{
	return aa_refine_recommend(ctx, options, error);
}

static gchar *
aa_plugin_validate(AaPluginContext *ctx, GHashTable *options, guint *n_errors, guint *n_warnings,
                   GError **error)
{
	return aa_validate_run(ctx, options, n_errors, n_warnings, error);
}

/* io-group and forecast read only their options */
static gchar *
aa_plugin_io_group(AaPluginContext *ctx, GHashTable *options, GError **error)
{
	return aa_iogroup_trace_run(options, error);
}

static gchar *
aa_plugin_forecast(AaPluginContext *ctx, GHashTable *options, GError **error)
{
	return aa_forecast_command(options, error);
}

/* every kind the transform hook takes, in the order the message on an unknown one lists them */
static const struct {
	const gchar *kind;
	gchar *(*run)(AaPluginContext *ctx, GHashTable *options, GError **error);
} aa_plugin_transforms[] = {
    {"apply", aa_transform_apply},
    {"launch", aa_transform_launch},
    {"report", aa_report_write},
    {"profile-script", aa_profile_script_write},
    {"io-profile-script", aa_io_profile_script_write},
    {"io-group", aa_plugin_io_group},
    {"profile-import", aa_typeperf_import},
    {"rt-analyze", aa_rtanalysis_run},
    {"refine", aa_refine_run},
    {"forecast", aa_plugin_forecast},
};

static gchar *
aa_plugin_transform(AaPluginContext *ctx, const gchar *kind, GHashTable *options, GError **error)
{
	g_autoptr(GString) kinds = g_string_new(NULL);

	for (guint i = 0; i < G_N_ELEMENTS(aa_plugin_transforms); i++) {
		if (g_strcmp0(kind, aa_plugin_transforms[i].kind) == 0)
			return aa_plugin_transforms[i].run(ctx, options, error);
		g_string_append_printf(kinds, "%s%s", i > 0 ? ", " : "",
		                       aa_plugin_transforms[i].kind);
	}
	g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT, "unknown transform '%s'; use %s",
	            kind, kinds->str);
	return NULL;
}

/* appending the plan hook took a reserved slot: the table's size is that of ABI 1 */
G_STATIC_ASSERT(sizeof(AaPluginVtable) ==
                G_STRUCT_OFFSET(AaPluginVtable, plan) + 8 * sizeof(gpointer));

/**
 * aa_plugin_init:
 * @vtable: a zeroed hook table
 *
 * The module's entry point and only exported symbol.
 *
 * Returns: %TRUE
 */
G_MODULE_EXPORT gboolean aa_plugin_init(AaPluginVtable *vtable);

G_MODULE_EXPORT gboolean
aa_plugin_init(AaPluginVtable *vtable)
{
	vtable->abi_version = AA_PLUGIN_ABI_VERSION;
	vtable->size = sizeof(AaPluginVtable);
	vtable->name = "acrn-alloc";
	vtable->version = AA_VERSION;
	vtable->context_new = aa_context_new;
	vtable->context_free = aa_context_free;
	vtable->board_loaded = aa_plan_board_loaded;
	vtable->scenario_loaded = aa_plan_scenario_loaded;
	vtable->intent_loaded = aa_plan_intent_loaded;
	vtable->inspect = aa_plugin_inspect;
	vtable->recommend = aa_plugin_recommend;
	vtable->validate = aa_plugin_validate;
	vtable->transform = aa_plugin_transform;
	vtable->plan = aa_plan_run;
	return TRUE;
}
