/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#include "config.h"

#include <time.h>

#include <glib/gstdio.h>

#include "aa-test-util.h"

/**
 * aa_test_acrn_data:
 * @board: a folder of ../shared/acrn-data, e.g. "adl-asrock"
 * @file: (nullable): a file in it, or %NULL for the folder
 *
 * ACRN's real boards and scenarios, read-only; meson passes their location
 * in $AA_ACRN_DATA.
 *
 * Returns: (transfer full): the path
 */
gchar *
aa_test_acrn_data(const gchar *board, const gchar *file)
{
	const gchar *root = g_getenv("AA_ACRN_DATA");
	if (root == NULL)
		root = "../shared/acrn-data";
	return g_build_filename(root, board, file, NULL);
}

/**
 * aa_test_rm_rf:
 * @path: a file or a directory
 *
 * Removes @path and, for a directory, everything below it; symbolic links
 * are removed, not followed.
 */
void
aa_test_rm_rf(const gchar *path)
{
	g_autoptr(GDir) dir = NULL;
	const gchar *name;

	if (g_file_test(path, G_FILE_TEST_IS_SYMLINK) || !g_file_test(path, G_FILE_TEST_IS_DIR)) {
		g_unlink(path);
		return;
	}
	dir = g_dir_open(path, 0, NULL);
	while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
		g_autofree gchar *fn = g_build_filename(path, name, NULL);
		aa_test_rm_rf(fn);
	}
	g_rmdir(path);
}

/**
 * aa_test_cpu_usec:
 *
 * The CPU time this process has used, in microseconds.  Tests that guard
 * against super-linear work measure it rather than the wall clock, which
 * other programs on a shared machine stretch at will.
 *
 * Returns: microseconds of CPU time
 */
gint64
aa_test_cpu_usec(void)
{
	struct timespec ts = {0};
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (gint64)ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}
