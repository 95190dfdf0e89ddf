/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * A deliberately broken plugin for the loader tests: a valid shared object
 * without the entry symbol.
 */

#include <gmodule.h>

G_MODULE_EXPORT int aa_not_a_plugin(void);

G_MODULE_EXPORT int
aa_not_a_plugin(void)
{
	return 42;
}
