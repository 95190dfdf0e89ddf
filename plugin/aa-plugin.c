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

/* every kind the transform hook takes, for the message on an unknown one */
static const gchar *aa_plugin_transform_kinds =
    "apply, launch, report, profile-script, io-profile-script, io-group, profile-import, "
    "rt-analyze, refine, forecast";

static gchar *
aa_plugin_transform(AaPluginContext *ctx, const gchar *kind, GHashTable *options, GError **error)
{
	if (g_strcmp0(kind, "report") == 0)
		return aa_report_write(ctx, options, error);
	if (g_strcmp0(kind, "profile-script") == 0)
		return aa_profile_script_write(ctx, options, error);
	if (g_strcmp0(kind, "apply") == 0)
		return aa_transform_apply(ctx, options, error);
	if (g_strcmp0(kind, "launch") == 0)
		return aa_transform_launch(ctx, options, error);
	if (g_strcmp0(kind, "io-profile-script") == 0)
		return aa_io_profile_script_write(ctx, options, error);
	if (g_strcmp0(kind, "io-group") == 0)
		return aa_iogroup_trace_run(options, error);
	if (g_strcmp0(kind, "profile-import") == 0)
		return aa_typeperf_import(ctx, options, error);
	if (g_strcmp0(kind, "rt-analyze") == 0)
		return aa_rtanalysis_run(ctx, options, error);
	if (g_strcmp0(kind, "refine") == 0)
		return aa_refine_run(ctx, options, error);
	if (g_strcmp0(kind, "forecast") == 0)
		return aa_forecast_command(options, error);
	g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT, "unknown transform '%s'; use %s",
	            kind, aa_plugin_transform_kinds);
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
