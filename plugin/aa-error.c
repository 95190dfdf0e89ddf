/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#include "config.h"

#include "aa-error.h"

G_DEFINE_QUARK(aa - error - quark, aa_error)

/**
 * aa_error_exit_code:
 * @error: (nullable): a #GError
 *
 * Maps an error to the exit codes of FORMATS.md: 1 when validation found
 * errors or no feasible allocation exists, 2 for bad usage and for unreadable
 * or invalid input.
 *
 * Returns: the process exit code, 0 for %NULL
 */
gint
aa_error_exit_code(const GError *error)
{
	if (error == NULL)
		return 0;
	if (g_error_matches(error, AA_ERROR, AA_ERROR_INFEASIBLE) ||
	    g_error_matches(error, AA_ERROR, AA_ERROR_VALIDATION))
		return 1;
	return 2;
}

/**
 * aa_error_set_at:
 * @error: (out) (optional): return location for a #GError
 * @code: an #AaError code
 * @filename: (nullable): the file the problem is in
 * @line: the line in @filename, or 0 when unknown
 * @format: printf-style message, which should say what to change
 *
 * Sets an error prefixed the way compilers do, `file:line: message`, so that
 * editors and CI logs can jump to the place.
 */
void
aa_error_set_at(GError **error, gint code, const gchar *filename, glong line, const gchar *format,
                ...)
{
	va_list args;
	g_autofree gchar *msg = NULL;

	va_start(args, format);
	msg = g_strdup_vprintf(format, args);
	va_end(args);
	if (filename != NULL && line > 0)
		g_set_error(error, AA_ERROR, code, "%s:%ld: %s", filename, line, msg);
	else if (filename != NULL)
		g_set_error(error, AA_ERROR, code, "%s: %s", filename, msg);
	else
		g_set_error_literal(error, AA_ERROR, code, msg);
}
