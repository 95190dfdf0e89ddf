/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * What the host's command files share: the host state, the option tables and
 * the calls into the module.  Each subcommand that is not in aa-host.c lives in
 * an aa-host-<command>.c of its own, defines its AaHostCommand there (its
 * options as one table, parsed by aa-host-options.c) and is listed in
 * aa_host_commands[] of aa-host.c.
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

/* what a row of a command's option table asks of the shared parser */
typedef enum {
	AA_HOST_REQUIRED = 1 << 0,    /* the command fails without it: "needs --NAME" */
	AA_HOST_FORWARD = 1 << 1,     /* handed to the module under its long name */
	AA_HOST_INPUT = 1 << 2,       /* a file read: the command's output may not replace it */
	AA_HOST_NEEDS_BOARD = 1 << 3, /* given without --board: "--NAME needs --board too" */
	AA_HOST_SHORT = 1 << 4,       /* named by its short form in messages and usage: "-o" */
} AaHostOptionFlags;

/* one option of a command: a GOptionEntry without its storage, and what it means */
typedef struct {
	const gchar *long_name;
	gchar short_name;
	GOptionArg arg; /* NONE, STRING, FILENAME or FILENAME_ARRAY */
	AaHostOptionFlags flags;
	const gchar *description;
	const gchar *arg_description;
	const gchar *fallback; /* with AA_HOST_FORWARD: the value handed on when it is absent */
} AaHostOption;

/* the rows most commands share, the same in each */
#define AA_HOST_OPTION_BOARD(flags)                                                                \
	{                                                                                          \
		"board", 'b', G_OPTION_ARG_FILENAME, (flags), "ACRN board XML", "B", NULL          \
	}
#define AA_HOST_OPTION_SCENARIO(flags)                                                             \
	{                                                                                          \
		"scenario", 's', G_OPTION_ARG_FILENAME, (flags), "ACRN scenario XML", "S", NULL    \
	}
/* the two inputs most commands read, alike */
#define AA_HOST_OPTIONS_BOARD_SCENARIO(flags)                                                      \
	AA_HOST_OPTION_BOARD(flags), AA_HOST_OPTION_SCENARIO(flags)
/* a value handed to the module as it is given, under the option's long name */
#define AA_HOST_OPTION_VALUE(long_name, description, arg_description)                              \
	{                                                                                          \
		long_name, 0, G_OPTION_ARG_STRING, AA_HOST_FORWARD, description, arg_description,  \
		    NULL                                                                           \
	}
#define AA_HOST_OPTION_OUTPUT(flags, description, arg_description)                                 \
	{                                                                                          \
		"output", 'o', G_OPTION_ARG_FILENAME, (flags) | AA_HOST_SHORT, description,        \
		    arg_description, NULL                                                          \
	}

/* the options of one command as parsed: read them with aa_host_arg*() */
typedef struct _AaHostArgs AaHostArgs;

typedef gboolean (*AaHostCommandFunc)(AaHost *host, const AaHostArgs *args, gint *status,
                                      GError **error);

typedef struct {
	const gchar *name;
	const gchar *summary;     /* one line in `acrn-alloc --help` */
	const gchar *description; /* the paragraph of `acrn-alloc NAME --help` */
	const AaHostOption *options;
	const gchar *operands;  /* what follows the options, one or more ("PATH"), or NULL: none */
	const gchar *transform; /* with no func: the transform the options are handed to */
	AaHostCommandFunc func;
} AaHostCommand;

void aa_host_clear_context(AaHost *host);
gboolean aa_host_new_context(AaHost *host, GError **error);
GHashTable *aa_host_options_new(void);
void aa_host_option_set(GHashTable *options, const gchar *key, const gchar *value);
gboolean aa_host_load_inputs(AaHost *host, const gchar *board, const gchar *scenario,
                             const gchar *intent, GError **error);
void aa_host_print(const gchar *text);
gboolean aa_host_print_take(gchar *text);
gboolean aa_host_transform(AaHost *host, const gchar *kind, GHashTable *options, GError **error);

/* aa-host-options.c: the one option parser */
AaHostArgs *aa_host_args_parse(const AaHostCommand *command, gint argc, gchar **argv,
                               GError **error);
void aa_host_args_free(AaHostArgs *args);
const gchar *aa_host_arg(const AaHostArgs *args, const gchar *name);
gboolean aa_host_arg_flag(const AaHostArgs *args, const gchar *name);
gchar **aa_host_arg_list(const AaHostArgs *args, const gchar *name);
gchar **aa_host_args_operands(const AaHostArgs *args);
GHashTable *aa_host_args_options(const AaHostArgs *args);
gboolean aa_host_args_check_output(const AaHostArgs *args, const gchar *output, GError **error);
gboolean aa_host_args_load(AaHost *host, const AaHostArgs *args, GError **error);
gboolean aa_host_args_prepare(AaHost *host, const AaHostArgs *args, GError **error);
gboolean aa_host_args_run(AaHost *host, const AaHostCommand *command, const AaHostArgs *args,
                          gint *status, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaHostArgs, aa_host_args_free)

/* subcommands in files of their own (aa-host-<command>.c), listed in
 * aa_host_commands[] of aa-host.c */
extern const gchar aa_host_forecast_description[];
extern const AaHostOption aa_host_forecast_options[];
extern const gchar aa_host_io_group_description[];
extern const AaHostOption aa_host_io_group_options[];
extern const gchar aa_host_profile_import_description[];
extern const AaHostOption aa_host_profile_import_options[];
extern const gchar aa_host_refine_description[];
extern const AaHostOption aa_host_refine_options[];
extern const gchar aa_host_rt_analyze_description[];
extern const AaHostOption aa_host_rt_analyze_options[];
gboolean aa_host_cmd_io_group(AaHost *host, const AaHostArgs *args, gint *status, GError **error);
gboolean aa_host_cmd_rt_analyze(AaHost *host, const AaHostArgs *args, gint *status, GError **error);

G_END_DECLS
