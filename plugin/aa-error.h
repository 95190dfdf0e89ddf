/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define AA_ERROR aa_error_quark()

/**
 * AaError:
 * @AA_ERROR_FAILED: an internal failure
 * @AA_ERROR_INVALID_ARGUMENT: bad command-line usage
 * @AA_ERROR_INVALID_DATA: an input file is malformed or inconsistent
 * @AA_ERROR_NOT_FOUND: an input file, VM or device does not exist
 * @AA_ERROR_HOSTILE: an input was refused for safety (entities, DTD, size)
 * @AA_ERROR_INFEASIBLE: no allocation satisfies the constraints
 * @AA_ERROR_VALIDATION: validation found errors
 * @AA_ERROR_PLUGIN: the plugin module could not be loaded or is incompatible
 * @AA_ERROR_WRITE: an output could not be written
 *
 * Error codes of the %AA_ERROR domain.  aa_error_exit_code() maps them to the
 * exit codes of FORMATS.md.
 */
typedef enum {
	AA_ERROR_FAILED,
	AA_ERROR_INVALID_ARGUMENT,
	AA_ERROR_INVALID_DATA,
	AA_ERROR_NOT_FOUND,
	AA_ERROR_HOSTILE,
	AA_ERROR_INFEASIBLE,
	AA_ERROR_VALIDATION,
	AA_ERROR_PLUGIN,
	AA_ERROR_WRITE,
} AaError;

GQuark aa_error_quark(void);
gint aa_error_exit_code(const GError *error);
void aa_error_set_at(GError **error, gint code, const gchar *filename, glong line,
                     const gchar *format, ...) G_GNUC_PRINTF(5, 6);

G_END_DECLS
