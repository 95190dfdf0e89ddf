/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The one spelling of each word of the model's vocabulary, as written in
 * intent.xml and in the recommendation.
 */

#include "config.h"

#include "aa-model-types.h"

static const gchar *const aa_vm_class_names[] = {
    [AA_VM_CLASS_GENERAL] = "general", [AA_VM_CLASS_RTOS] = "rtos",
    [AA_VM_CLASS_GAMING] = "gaming",   [AA_VM_CLASS_AI_INFERENCE] = "ai-inference",
    [AA_VM_CLASS_WEB] = "web",
};

static const gchar *const aa_resource_names[AA_RESOURCE_COUNT] = {
    [AA_RESOURCE_CPU] = "cpu",
    [AA_RESOURCE_MEMORY] = "memory",
    [AA_RESOURCE_GPU] = "gpu",
};

/**
 * aa_vm_class_to_string:
 * @klass: a VM class
 *
 * Returns: the class as written in intent.xml
 */
const gchar *
aa_vm_class_to_string(AaVmClass klass)
{
	if ((guint)klass >= G_N_ELEMENTS(aa_vm_class_names))
		return "general";
	return aa_vm_class_names[klass];
}

/**
 * aa_vm_class_from_string:
 * @text: a class as written in intent.xml
 * @klass: (out): the class
 *
 * Returns: %FALSE if @text names no class (@klass is then untouched)
 */
gboolean
aa_vm_class_from_string(const gchar *text, AaVmClass *klass)
{
	for (guint i = 0; i < G_N_ELEMENTS(aa_vm_class_names); i++) {
		if (g_strcmp0(text, aa_vm_class_names[i]) == 0) {
			*klass = (AaVmClass)i;
			return TRUE;
		}
	}
	return FALSE;
}

/**
 * aa_resource_to_string:
 * @resource: a resource of the model
 *
 * Returns: its name in intent.xml and the recommendation: cpu, memory or gpu
 */
const gchar *
aa_resource_to_string(AaResource resource)
{
	g_return_val_if_fail((guint)resource < AA_RESOURCE_COUNT, NULL);
	return aa_resource_names[resource];
}

/**
 * aa_resource_from_string:
 * @text: cpu, memory or gpu
 * @resource: (out): the resource
 *
 * Returns: %FALSE if @text names no resource (@resource is then untouched)
 */
gboolean
aa_resource_from_string(const gchar *text, AaResource *resource)
{
	for (AaResource k = AA_RESOURCE_CPU; k < AA_RESOURCE_COUNT; k++) {
		if (g_strcmp0(text, aa_resource_to_string(k)) == 0) {
			*resource = k;
			return TRUE;
		}
	}
	return FALSE;
}
