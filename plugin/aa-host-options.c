/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The host's one option parser.  Each command declares its options as a table
 * (AaHostOption, aa-host-private.h); this file turns the table into a
 * GOptionContext with the command's usage and description, parses, checks what
 * the table requires and hands the values on to the module.
 */

#include "config.h"

#include "aa-error.h"
#include "aa-host-private.h"
#include "aa-publish.h"

/* the value of one option, where GOption writes it */
typedef union {
	gboolean flag;
	gchar *text;
	gchar **list;
} AaHostValue;

struct _AaHostArgs {
	const AaHostCommand *command;
	guint n_values;
	AaHostValue *values; /* one a row of command->options */
	gchar **operands;    /* what follows the options; never NULL */
};

void
aa_host_args_free(AaHostArgs *args)
{
	if (args == NULL)
		return;
	for (guint i = 0; i < args->n_values; i++) {
		if (args->command->options[i].arg == G_OPTION_ARG_FILENAME_ARRAY)
			g_strfreev(args->values[i].list);
		else if (args->command->options[i].arg != G_OPTION_ARG_NONE)
			g_free(args->values[i].text);
	}
	g_free(args->values);
	g_strfreev(args->operands);
	g_free(args);
}

/* "--board" or, for the rows flagged AA_HOST_SHORT, "-o" */
static gchar *
aa_host_option_name(const AaHostOption *option)
{
	if ((option->flags & AA_HOST_SHORT) != 0 && option->short_name != '\0')
		return g_strdup_printf("-%c", option->short_name);
	return g_strdup_printf("--%s", option->long_name);
}

/* the usage line after "acrn-alloc NAME [OPTION…]": the required options, then
 * the optional ones in brackets, each in the table's order, then the operands */
static gchar *
aa_host_usage_line(const AaHostCommand *command)
{
	g_autoptr(GString) line = g_string_new(NULL);

	for (guint pass = 0; pass < 2; pass++) {
		for (const AaHostOption *o = command->options; o->long_name != NULL; o++) {
			g_autofree gchar *name = aa_host_option_name(o);
			gboolean required = (o->flags & AA_HOST_REQUIRED) != 0;
			if (required != (pass == 0))
				continue;
			g_string_append_printf(line, " %s%s", required ? "" : "[", name);
			if (o->arg != G_OPTION_ARG_NONE)
				g_string_append_printf(line, " %s%s", o->arg_description,
				                       o->arg == G_OPTION_ARG_FILENAME_ARRAY ? "..."
				                                                             : "");
			if (!required)
				g_string_append_c(line, ']');
		}
	}
	if (command->operands != NULL)
		g_string_append_printf(line, " %s...", command->operands);
	return g_strdup(line->str + MIN(line->len, 1));
}

/* whether the option was given */
static gboolean
aa_host_value_given(const AaHostOption *option, const AaHostValue *value)
{
	if (option->arg == G_OPTION_ARG_NONE)
		return value->flag;
	if (option->arg == G_OPTION_ARG_FILENAME_ARRAY)
		return value->list != NULL && value->list[0] != NULL;
	return value->text != NULL;
}

/* the value of option @name, which must be of type @arg (a file is a string);
 * %NULL if the command has no such option */
static const AaHostValue *
aa_host_args_lookup(const AaHostArgs *args, const gchar *name, GOptionArg arg)
{
	for (guint i = 0; i < args->n_values; i++) {
		GOptionArg found = args->command->options[i].arg;
		if (g_strcmp0(args->command->options[i].long_name, name) != 0)
			continue;
		if (found == G_OPTION_ARG_FILENAME)
			found = G_OPTION_ARG_STRING;
		g_return_val_if_fail(found == arg, NULL);
		return &args->values[i];
	}
	return NULL;
}

/* what the table asks beyond GOption: operands, required options, --board */
static gboolean
aa_host_args_check(const AaHostArgs *args, GError **error)
{
	const AaHostCommand *command = args->command;
	guint n_operands = g_strv_length(args->operands);

	if (n_operands > 0 && command->operands == NULL) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		            "unexpected argument '%s'; see 'acrn-alloc %s --help'",
		            args->operands[0], command->name);
		return FALSE;
	}
	if (n_operands == 0 && command->operands != NULL) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		            "needs at least one %s; see 'acrn-alloc %s --help'", command->operands,
		            command->name);
		return FALSE;
	}
	for (guint i = 0; i < args->n_values; i++) {
		const AaHostOption *o = &command->options[i];
		g_autofree gchar *name = aa_host_option_name(o);
		if ((o->flags & AA_HOST_REQUIRED) == 0 || aa_host_value_given(o, &args->values[i]))
			continue;
		if (o->arg == G_OPTION_ARG_FILENAME_ARRAY)
			g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
			            "needs at least one %s %s; see 'acrn-alloc %s --help'", name,
			            o->arg_description, command->name);
		else
			g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
			            "needs %s; see 'acrn-alloc %s --help'", name, command->name);
		return FALSE;
	}
	for (guint i = 0; i < args->n_values; i++) {
		const AaHostOption *o = &command->options[i];
		if ((o->flags & AA_HOST_NEEDS_BOARD) == 0 ||
		    !aa_host_value_given(o, &args->values[i]) || aa_host_arg(args, "board") != NULL)
			continue;
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT, "--%s needs --board too",
		            o->long_name);
		return FALSE;
	}
	return TRUE;
}

/**
 * aa_host_args_parse:
 * @command: the command, with its option table
 * @argc: the number of arguments in @argv
 * @argv: the command's name, then its arguments
 * @error: (nullable): optional return location for an error
 *
 * Parses @argv with one GOptionContext built from @command's table
 * (`--help` prints it and exits 0), then checks the operands, the required
 * options and the options that need --board.  Every failure is an
 * %AA_ERROR_INVALID_ARGUMENT error (exit 2) naming the option and
 * `acrn-alloc NAME --help`.
 *
 * Returns: (transfer full): the values, or %NULL
 */
AaHostArgs *
aa_host_args_parse(const AaHostCommand *command, gint argc, gchar **argv, GError **error)
{
	g_autoptr(AaHostArgs) args = g_new0(AaHostArgs, 1);
	g_autofree gchar *prgname = g_strdup_printf("acrn-alloc %s", command->name);
	g_autofree gchar *usage = aa_host_usage_line(command);
	g_autoptr(GOptionContext) octx = g_option_context_new(usage);
	g_autofree GOptionEntry *entries = NULL;
	g_autoptr(GError) error_local = NULL;

	args->command = command;
	while (command->options[args->n_values].long_name != NULL)
		args->n_values++;
	args->values = g_new0(AaHostValue, args->n_values);
	entries = g_new0(GOptionEntry, args->n_values + 1);
	for (guint i = 0; i < args->n_values; i++) {
		const AaHostOption *o = &command->options[i];
		entries[i] =
		    (GOptionEntry){o->long_name,   o->short_name,     0, o->arg, &args->values[i],
		                   o->description, o->arg_description};
	}

	/* --help then reads "Usage: acrn-alloc NAME [OPTION…] --board B ..." */
	g_set_prgname(prgname);
	g_option_context_set_summary(octx, command->description);
	g_option_context_add_main_entries(octx, entries, NULL);
	if (!g_option_context_parse(octx, &argc, &argv, &error_local)) {
		/* main() prefixes "acrn-alloc NAME: " */
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		            "%s; see 'acrn-alloc %s --help'", error_local->message, command->name);
		return NULL;
	}
	args->operands = g_new0(gchar *, MAX(argc, 1));
	for (gint i = 1; i < argc; i++)
		args->operands[i - 1] = g_strdup(argv[i]);
	if (!aa_host_args_check(args, error))
		return NULL;
	return g_steal_pointer(&args);
}

/**
 * aa_host_arg:
 * @args: parsed options
 * @name: an option's long name
 *
 * Returns: the value of a string or file option, or %NULL when it was not
 * given or the command has no such option
 */
const gchar *
aa_host_arg(const AaHostArgs *args, const gchar *name)
{
	const AaHostValue *value = aa_host_args_lookup(args, name, G_OPTION_ARG_STRING);
	return value != NULL ? value->text : NULL;
}

/**
 * aa_host_arg_flag:
 * @args: parsed options
 * @name: the long name of an option without a value
 *
 * Returns: whether it was given
 */
gboolean
aa_host_arg_flag(const AaHostArgs *args, const gchar *name)
{
	const AaHostValue *value = aa_host_args_lookup(args, name, G_OPTION_ARG_NONE);
	return value != NULL && value->flag;
}

/**
 * aa_host_arg_list:
 * @args: parsed options
 * @name: the long name of a repeatable option
 *
 * Returns: (transfer none) (nullable): its values in order, or %NULL if none
 */
gchar **
aa_host_arg_list(const AaHostArgs *args, const gchar *name)
{
	const AaHostValue *value = aa_host_args_lookup(args, name, G_OPTION_ARG_FILENAME_ARRAY);
	return value != NULL ? value->list : NULL;
}

/**
 * aa_host_args_operands:
 * @args: parsed options
 *
 * Returns: (transfer none): the arguments that followed the options, maybe empty
 */
gchar **
aa_host_args_operands(const AaHostArgs *args)
{
	return args->operands;
}

/**
 * aa_host_args_options:
 * @args: parsed options
 *
 * The options for a hook: every row flagged %AA_HOST_FORWARD under its long
 * name, an option without a value as "true" or "false", a repeatable one
 * joined with newlines, an absent one as its fallback (or not at all).
 *
 * Returns: (transfer full): a table aa_host_option_set() can add to
 */
GHashTable *
aa_host_args_options(const AaHostArgs *args)
{
	GHashTable *options = aa_host_options_new();

	for (guint i = 0; i < args->n_values; i++) {
		const AaHostOption *o = &args->command->options[i];
		const AaHostValue *v = &args->values[i];
		if ((o->flags & AA_HOST_FORWARD) == 0)
			continue;
		if (o->arg == G_OPTION_ARG_NONE) {
			aa_host_option_set(options, o->long_name, v->flag ? "true" : "false");
		} else if (o->arg == G_OPTION_ARG_FILENAME_ARRAY) {
			g_autofree gchar *joined =
			    v->list != NULL ? g_strjoinv("\n", v->list) : NULL;
			aa_host_option_set(options, o->long_name, joined);
		} else {
			aa_host_option_set(options, o->long_name,
			                   v->text != NULL ? v->text : o->fallback);
		}
	}
	return options;
}

/**
 * aa_host_args_check_output:
 * @args: parsed options
 * @output: a file the command will write
 * @error: (nullable): optional return location for an error
 *
 * Refuses to write @output over any file given through a row flagged
 * %AA_HOST_INPUT.
 *
 * Returns: %TRUE if @output is none of them
 */
gboolean
aa_host_args_check_output(const AaHostArgs *args, const gchar *output, GError **error)
{
	g_autoptr(GPtrArray) inputs = g_ptr_array_new();

	for (guint i = 0; i < args->n_values; i++) {
		if ((args->command->options[i].flags & AA_HOST_INPUT) != 0)
			g_ptr_array_add(inputs, args->values[i].text);
	}
	return aa_output_check_inputs(output, (const gchar *const *)inputs->pdata, inputs->len,
	                              FALSE, error);
}

/**
 * aa_host_args_load:
 * @host: the host
 * @args: parsed options
 * @error: (nullable): optional return location for an error
 *
 * A new context with whatever of --board, --scenario and --intent was given.
 *
 * Returns: %TRUE on success
 */
gboolean
aa_host_args_load(AaHost *host, const AaHostArgs *args, GError **error)
{
	return aa_host_load_inputs(host, aa_host_arg(args, "board"), aa_host_arg(args, "scenario"),
	                           aa_host_arg(args, "intent"), error);
}

/**
 * aa_host_args_prepare:
 * @host: the host
 * @args: parsed options
 * @error: (nullable): optional return location for an error
 *
 * What most commands do first: refuse an --output that would replace one of
 * the inputs (aa_host_args_check_output()), then load the inputs.
 *
 * Returns: %TRUE on success
 */
gboolean
aa_host_args_prepare(AaHost *host, const AaHostArgs *args, GError **error)
{
	const gchar *output = aa_host_arg(args, "output");

	if (output != NULL && !aa_host_args_check_output(args, output, error))
		return FALSE;
	return aa_host_args_load(host, args, error);
}

/**
 * aa_host_args_run:
 * @host: the host
 * @command: the command @args were parsed for
 * @args: parsed options
 * @status: (inout): the exit status
 * @error: (nullable): optional return location for an error
 *
 * Runs @command: its own function, or for a command that only hands its
 * options to a transform, aa_host_args_prepare() and the transform.
 *
 * Returns: %TRUE on success
 */
gboolean
aa_host_args_run(AaHost *host, const AaHostCommand *command, const AaHostArgs *args, gint *status,
                 GError **error)
{
	g_autoptr(GHashTable) options = NULL;

	if (command->func != NULL)
		return command->func(host, args, status, error);
	if (!aa_host_args_prepare(host, args, error))
		return FALSE;
	options = aa_host_args_options(args);
	return aa_host_transform(host, command->transform, options, error);
}
