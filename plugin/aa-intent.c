/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#include "config.h"

#include "aa-error.h"
#include "aa-intent-private.h"

AaIntent *
aa_intent_new(void)
{
	AaIntent *self = g_new0(AaIntent, 1);
	self->vms = g_ptr_array_new();
	return self;
}

void
aa_intent_free(AaIntent *self)
{
	if (self == NULL)
		return;
	g_ptr_array_unref(self->vms);
	g_free(self->filename);
	g_free(self);
}
