/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The acrn-alloc plugin ABI.  A host loads the module named in plugin.manifest,
 * looks up the single exported symbol %AA_PLUGIN_INIT_SYMBOL and calls it to
 * fill an #AaPluginVtable.  The host checks abi_version and size before it
 * calls any hook.
 *
 * Rules for changing this file: fields are only ever appended before
 * `reserved`, taking one of its slots, so that sizeof(AaPluginVtable) stays
 * the same; a change to an existing field's type or meaning bumps
 * %AA_PLUGIN_ABI_VERSION.  A host must check an appended hook for %NULL (a
 * module built before it leaves the slot zeroed), and a module ignores slots
 * it does not know.  Options travel as string-to-string hash tables so that
 * new options do not change the ABI, except for the plan hook, which takes
 * the typed #AaPlanOptions, itself only ever extended at its end.
 */

#pragma once

#include <glib.h>
#include <gmodule.h>

G_BEGIN_DECLS

#define AA_PLUGIN_ABI_VERSION 1
#define AA_PLUGIN_INIT_SYMBOL "aa_plugin_init"

/* opaque, owned by the module */
typedef struct _AaPluginContext AaPluginContext;

/**
 * AaPlanOptions:
 * @size: sizeof(AaPlanOptions) as the host was built; members are only appended
 * @board: the board XML, or %NULL to plan with the inputs the context holds
 * @scenario: the scenario XML (%NULL with @board)
 * @intent: the intent XML (%NULL with @board)
 * @rules: (nullable) (array zero-terminated=1): rule packs beyond the built-in one
 * @strategy: (nullable): optimal (default), equal or proportional
 * @model: (nullable): robust or paper; %NULL: the intent's policy
 * @time_limit: (nullable): seconds for the optimal search, as the user wrote
 *   them (the module checks them and names them in its message); %NULL: 30
 * @require_targets: fail (nothing published) when a QoS target is predicted to be missed
 * @force: write the final scenario even if it fails validation
 * @reserve_spare: prepare_peripherals.sh keeps a spare VF where the GPU demand may grow
 * @stage: an existing directory the module writes every artifact into
 * @output: where the host publishes @stage, the directory named in the summary
 *
 * What the plan hook does, typed: no option travels as text.
 */
typedef struct {
	guint32 size;
	const gchar *board;
	const gchar *scenario;
	const gchar *intent;
	const gchar *const *rules;
	const gchar *strategy;
	const gchar *model;
	const gchar *time_limit;
	gboolean require_targets;
	gboolean force;
	gboolean reserve_spare;
	const gchar *stage;
	const gchar *output;
} AaPlanOptions;

/**
 * AaPluginVtable:
 * @abi_version: the %AA_PLUGIN_ABI_VERSION the module was built against; first, always
 * @size: sizeof(AaPluginVtable) as the module was built
 * @name: the module's name
 * @version: the module's version
 * @context_new: creates a context; @data_dir holds `schema/` and `xslt/`
 * @context_free: frees a context
 * @board_loaded: loads an ACRN board XML into the context
 * @scenario_loaded: loads an ACRN scenario XML; needs a board first
 * @intent_loaded: loads an allocation intent; needs board and scenario first
 * @inspect: summarises the board (and scenario); option `format` = `text`|`json`
 * @recommend: searches the allocation; options `strategy`, `output`; returns a summary
 * @validate: runs the rules; options `format`, `rules`, `export-acrn-checks`, `recommendation`;
 *   returns the report and counts errors and warnings
 * @transform: produces an artifact; @kind is `apply`, `launch`, `report` or
 *   `profile-script`; options `output`, `recommendation`, `vm`, `force`, ...; returns a summary
 * @plan: recommend + apply + launch + report in one call (#AaPlanOptions): loads each input
 *   once, keeps every document in memory and writes all artifacts into the stage; returns
 *   the summary.  Appended after ABI 1 was released: %NULL in older modules
 *
 * The hook table.  Every hook takes the context first and a #GError last and
 * returns %NULL or %FALSE on failure with the error set in the %AA_ERROR domain.
 */
typedef struct {
	guint32 abi_version;
	guint32 size;
	const gchar *name;
	const gchar *version;

	AaPluginContext *(*context_new)(const gchar *data_dir, GError **error);
	void (*context_free)(AaPluginContext *ctx);

	gboolean (*board_loaded)(AaPluginContext *ctx, const gchar *filename, GError **error);
	gboolean (*scenario_loaded)(AaPluginContext *ctx, const gchar *filename, GError **error);
	gboolean (*intent_loaded)(AaPluginContext *ctx, const gchar *filename, GError **error);

	gchar *(*inspect)(AaPluginContext *ctx, GHashTable *options, GError **error);
	gchar *(*recommend)(AaPluginContext *ctx, GHashTable *options, GError **error);
	gchar *(*validate)(AaPluginContext *ctx, GHashTable *options, guint *n_errors,
	                   guint *n_warnings, GError **error);
	gchar *(*transform)(AaPluginContext *ctx, const gchar *kind, GHashTable *options,
	                    GError **error);
	gchar *(*plan)(AaPluginContext *ctx, const AaPlanOptions *options, GError **error);

	/*< private >*/
	gpointer reserved[7];
} AaPluginVtable;

/**
 * AaPluginInitFunc:
 * @vtable: a zeroed table to fill
 *
 * The type of %AA_PLUGIN_INIT_SYMBOL, the only symbol a module exports.
 *
 * Returns: %TRUE when the table was filled
 */
typedef gboolean (*AaPluginInitFunc)(AaPluginVtable *vtable);

G_END_DECLS
