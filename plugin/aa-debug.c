/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The read counter and the model counter of aa-debug-private.h.
 */

#include "config.h"

#include "aa-debug-private.h"

G_LOCK_DEFINE_STATIC(aa_debug_parse);
static GHashTable *aa_debug_parse_counts = NULL; /* canonical file name -> count */
static gint aa_debug_models = -1;                /* VM models built, -1: not counting */

/* the same file under two spellings counts once */
static gchar *
aa_debug_parse_key(const gchar *filename)
{
	return g_canonicalize_filename(filename, NULL);
}

/**
 * aa_debug_parse_reset:
 *
 * Turns counting on and sets every count to zero.
 */
void
aa_debug_parse_reset(void)
{
	G_LOCK(aa_debug_parse);
	if (aa_debug_parse_counts == NULL)
		aa_debug_parse_counts =
		    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	g_hash_table_remove_all(aa_debug_parse_counts);
	G_UNLOCK(aa_debug_parse);
}

/**
 * aa_debug_parse_note:
 * @filename: an input file about to be read
 *
 * Counts one read of @filename, when counting is on.
 */
void
aa_debug_parse_note(const gchar *filename)
{
	G_LOCK(aa_debug_parse);
	if (aa_debug_parse_counts != NULL) {
		gchar *key = aa_debug_parse_key(filename);
		guint n = GPOINTER_TO_UINT(g_hash_table_lookup(aa_debug_parse_counts, key));
		g_hash_table_insert(aa_debug_parse_counts, key, GUINT_TO_POINTER(n + 1));
	}
	G_UNLOCK(aa_debug_parse);
}

/**
 * aa_debug_parse_count:
 * @filename: a file
 *
 * Returns: how often @filename was read since aa_debug_parse_reset()
 */
guint
aa_debug_parse_count(const gchar *filename)
{
	g_autofree gchar *key = aa_debug_parse_key(filename);
	guint n = 0;
	G_LOCK(aa_debug_parse);
	if (aa_debug_parse_counts != NULL)
		n = GPOINTER_TO_UINT(g_hash_table_lookup(aa_debug_parse_counts, key));
	G_UNLOCK(aa_debug_parse);
	return n;
}

/**
 * aa_debug_parse_total:
 *
 * Returns: how many file reads were counted since aa_debug_parse_reset()
 */
guint
aa_debug_parse_total(void)
{
	GHashTableIter iter;
	gpointer value;
	guint n = 0;
	G_LOCK(aa_debug_parse);
	if (aa_debug_parse_counts != NULL) {
		g_hash_table_iter_init(&iter, aa_debug_parse_counts);
		while (g_hash_table_iter_next(&iter, NULL, &value))
			n += GPOINTER_TO_UINT(value);
	}
	G_UNLOCK(aa_debug_parse);
	return n;
}

/**
 * aa_debug_model_reset:
 *
 * Turns the count of VM models built on and sets it to zero.
 */
void
aa_debug_model_reset(void)
{
	g_atomic_int_set(&aa_debug_models, 0);
}

/**
 * aa_debug_model_note:
 *
 * Counts one VM model built, when counting is on.
 */
void
aa_debug_model_note(void)
{
	gint n = g_atomic_int_get(&aa_debug_models);
	while (n >= 0 && !g_atomic_int_compare_and_exchange(&aa_debug_models, n, n + 1))
		n = g_atomic_int_get(&aa_debug_models);
}

/**
 * aa_debug_model_count:
 *
 * Returns: how many VM models were built since aa_debug_model_reset()
 */
guint
aa_debug_model_count(void)
{
	return (guint)MAX(0, g_atomic_int_get(&aa_debug_models));
}
