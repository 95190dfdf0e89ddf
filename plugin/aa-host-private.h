/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * What the host's command files share: the host state, option parsing and the
 * calls into the module.  Each subcommand that is not in aa-host.c lives in an
 * aa-host-<command>.c of its own and is listed in aa_host_commands[].
 */

#pragma once

#include <glib.h>

#include "aa-loader.h"

G_BEGIN_DECLS

typedef struct {
	AaLoadedPlugin *plugin;
	AaPluginContext *ctx;
	gboolean reserve_spare; /* plan --reserve-spare: prepare_peripherals.sh keeps a spare VF */
} AaHost;

typedef gboolean (*AaHostCommandFunc)(AaHost *host, gint argc, gchar **argv, gint *status,
                                      GError **error);

typedef struct {
	const gchar *name;
	const gchar *args;
	const gchar *summary;
	AaHostCommandFunc func;
} AaHostCommand;

void aa_host_clear_context(AaHost *host);
gboolean aa_host_new_context(AaHost *host, GError **error);
GHashTable *aa_host_options_new(void);
void aa_host_option_set(GHashTable *options, const gchar *key, const gchar *value);
gboolean aa_host_require(const gchar *value, const gchar *option, const gchar *command,
                         GError **error);
gboolean aa_host_parse(const gchar *command, const gchar *args, const gchar *summary,
                       const GOptionEntry *entries, gint *argc, gchar ***argv, GError **error);
gboolean aa_host_load_inputs(AaHost *host, const gchar *board, const gchar *scenario,
                             const gchar *intent, GError **error);
void aa_host_print(const gchar *text);
gboolean aa_host_transform(AaHost *host, const gchar *kind, GHashTable *options, GError **error);
gboolean aa_host_cmd_refine(AaHost *host, gint argc, gchar **argv, gint *status, GError **error);

/* subcommands in files of their own (aa-host-<command>.c) */
gboolean aa_host_cmd_profile_import(AaHost *host, gint argc, gchar **argv, gint *status,
                                    GError **error);
gboolean aa_host_cmd_rt_analyze(AaHost *host, gint argc, gchar **argv, gint *status,
                                GError **error);

G_END_DECLS
