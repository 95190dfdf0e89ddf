/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#include "config.h"

#include "aa-context-private.h"
#include "aa-error.h"

AaPluginContext *
aa_context_new(const gchar *data_dir, GError **error)
{
	AaPluginContext *ctx;
	if (data_dir == NULL || !g_file_test(data_dir, G_FILE_TEST_IS_DIR)) {
		g_set_error(error, AA_ERROR, AA_ERROR_PLUGIN,
		            "plugin data directory %s does not exist; fix DataDir= in "
		            "plugin.manifest",
		            data_dir != NULL ? data_dir : "(none)");
		return NULL;
	}
	ctx = g_new0(AaPluginContext, 1);
	ctx->data_dir = g_strdup(data_dir);
	return ctx;
}

void
aa_context_free(AaPluginContext *ctx)
{
	if (ctx == NULL)
		return;
	g_clear_pointer(&ctx->intent, aa_intent_free);
	g_clear_pointer(&ctx->scenario, aa_scenario_free);
	g_clear_pointer(&ctx->board, aa_board_free);
	g_free(ctx->data_dir);
	g_free(ctx);
}

/**
 * aa_context_require:
 * @ctx: a context
 * @board: a board must be loaded
 * @scenario: a scenario must be loaded
 * @intent: an intent must be loaded
 * @error: (nullable): optional return location for an error
 *
 * Returns: %TRUE if everything asked for is loaded
 */
gboolean
aa_context_require(AaPluginContext *ctx, gboolean board, gboolean scenario, gboolean intent,
                   GError **error)
{
	if (board && ctx->board == NULL) {
		g_set_error_literal(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		                    "no board loaded; pass --board");
		return FALSE;
	}
	if (scenario && ctx->scenario == NULL) {
		g_set_error_literal(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		                    "no scenario loaded; pass --scenario");
		return FALSE;
	}
	if (intent && ctx->intent == NULL) {
		g_set_error_literal(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		                    "no intent loaded; pass --intent");
		return FALSE;
	}
	/* whatever needs the intent needs its traces: profile-script, which
	 * records them, checks ctx->intent itself */
	if (intent && !aa_intent_check_profiles(ctx->intent, error))
		return FALSE;
	return TRUE;
}

/**
 * aa_context_option:
 * @options: (nullable): the hook's options
 * @key: an option name
 * @fallback: (nullable): returned when the option is absent
 *
 * Returns: (transfer none) (nullable): the option's value
 */
const gchar *
aa_context_option(GHashTable *options, const gchar *key, const gchar *fallback)
{
	const gchar *value = options != NULL ? g_hash_table_lookup(options, key) : NULL;
	return value != NULL ? value : fallback;
}

/**
 * aa_context_missing_option:
 * @missing: whether an option the command needs is absent
 * @usage: what the command needs, e.g. "launch needs -o DIR"
 * @error: (nullable): optional return location for an error
 *
 * Returns: %TRUE with @error set to @usage (%AA_ERROR_INVALID_ARGUMENT) if @missing
 */
gboolean
aa_context_missing_option(gboolean missing, const gchar *usage, GError **error)
{
	if (missing)
		g_set_error_literal(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT, usage);
	return missing;
}
