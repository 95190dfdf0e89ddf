/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Capacity = the board, minus the Service VM and hypervisor reserves of the
 * intent's policy, minus what the user VMs the intent does not mention hold
 * in the scenario (MODEL.md).
 */

#include "config.h"

#include "aa-board-private.h"
#include "aa-capacity.h"
#include "aa-error.h"
#include "aa-intent-private.h"
#include "aa-scenario-private.h"
#include "aa-util.h"

/**
 * aa_capacity_info_free:
 * @self: (nullable): capacity information
 */
void
aa_capacity_info_free(AaCapacityInfo *self)
{
	if (self == NULL)
		return;
	g_clear_pointer(&self->service_pcpus, g_array_unref);
	g_clear_pointer(&self->taken, g_array_unref);
	g_clear_pointer(&self->kept.vms, g_ptr_array_unref);
	g_clear_pointer(&self->io_group, aa_iogroup_free);
	g_clear_pointer(&self->kept.vfs, g_ptr_array_unref);
	g_free(self);
}

/**
 * aa_capacity_vm_is_rt:
 * @scenario: (nullable): the scenario
 * @vm: a VM of the intent
 *
 * Returns: %TRUE if the intent says rtos or the scenario says RTVM
 */
gboolean
aa_capacity_vm_is_rt(AaScenario *scenario, const AaIntentVm *vm)
{
	AaVm *svm = aa_intent_vm_get_scenario_vm(vm, scenario);
	return aa_intent_vm_is_rt(vm, svm != NULL ? svm->vm_type : NULL);
}

static void
aa_capacity_take(GArray *taken, guint cpu_id)
{
	for (guint i = 0; i < taken->len; i++) {
		if (g_array_index(taken, guint, i) == cpu_id)
			return;
	}
	g_array_append_val(taken, cpu_id);
}

/*
 * Hard feasibility (MODEL.md v2): the validator's `pci-duplicate` and
 * `sriov-pf-and-vf` on the GPU.  A VF that a VM outside the intent holds is
 * neither counted nor placed again; a PF that such a VM passes through whole
 * leaves no VF to give.
 */
static void
aa_capacity_kept_gpu(AaCapacityInfo *self)
{
	self->kept.vfs = g_ptr_array_new_with_free_func(g_free);
	if (self->gpu_pf == NULL)
		return;
	for (guint i = 0; i < self->kept.vms->len; i++) {
		const AaVm *svm = g_ptr_array_index(self->kept.vms, i);
		for (guint j = 0; svm->pci_devs != NULL && j < svm->pci_devs->len; j++) {
			const AaPciRef *ref = g_ptr_array_index(svm->pci_devs, j);
			if (ref->bdf == NULL)
				continue;
			if (g_ascii_strcasecmp(ref->bdf, self->gpu_pf->bdf) == 0) {
				self->kept.pf_user = svm;
				continue;
			}
			for (guint n = 0; n < self->gpu_pf->total_vfs; n++) {
				g_autofree gchar *vf = aa_board_vf_bdf(self->gpu_pf, n);
				if (vf != NULL && g_ascii_strcasecmp(vf, ref->bdf) == 0) {
					g_ptr_array_add(self->kept.vfs, g_steal_pointer(&vf));
					break;
				}
			}
		}
	}
	if (self->kept.pf_user != NULL)
		self->capacity.gpu_vfs = 0;
	else
		self->capacity.gpu_vfs =
		    MAX(0, self->capacity.gpu_vfs - (gint64)self->kept.vfs->len);
}

/**
 * aa_capacity_compute:
 * @board: the board
 * @scenario: the scenario
 * @intent: the intent
 * @error: (nullable): optional return location for an error
 *
 * Fails with %AA_ERROR_INFEASIBLE when the reserves and the VMs outside the
 * intent already hold more than the board has.
 *
 * Returns: (transfer full): the capacity, or %NULL
 */
AaCapacityInfo *
aa_capacity_compute(AaBoard *board, AaScenario *scenario, AaIntent *intent, GError **error)
{
	g_autoptr(AaCapacityInfo) self = g_new0(AaCapacityInfo, 1);
	gint64 taken_p = 0;
	gint64 taken_e = 0;
	gint64 memory;

	self->service_pcpus = g_array_new(FALSE, FALSE, sizeof(guint));
	self->taken = g_array_new(FALSE, FALSE, sizeof(guint));
	self->kept.vms = g_ptr_array_new();
	self->board_p_cores = aa_board_count_kind(board, AA_CORE_KIND_P);
	self->board_e_cores = aa_board_count_kind(board, AA_CORE_KIND_E);
	self->board_memory_mib = board->memory_mib;

	/* the Service VM's pCPUs: the lowest-ID P-cores, CPU 0 first */
	if (intent->service_pcpus > self->board_p_cores) {
		aa_error_set_at(error, AA_ERROR_INFEASIBLE, intent->filename, 0,
		                "the Service VM reserve of %u pCPUs is more than the board's "
		                "%" G_GINT64_FORMAT " P-cores; lower "
		                "<policy><reserve><service-vm pcpus=\"...\">",
		                intent->service_pcpus, self->board_p_cores);
		return NULL;
	}
	for (guint i = 0; i < board->pcpus->len && self->service_pcpus->len < intent->service_pcpus;
	     i++) {
		const AaPcpu *pcpu = g_ptr_array_index(board->pcpus, i);
		if (pcpu->kind != AA_CORE_KIND_P)
			continue;
		g_array_append_val(self->service_pcpus, pcpu->cpu_id);
		aa_capacity_take(self->taken, pcpu->cpu_id);
	}

	/* user VMs the intent does not mention keep their pCPUs and memory */
	for (guint i = 0; i < aa_scenario_get_vms(scenario)->len; i++) {
		AaVm *svm = g_ptr_array_index(aa_scenario_get_vms(scenario), i);
		if (svm->load_order == AA_LOAD_ORDER_SERVICE_VM)
			continue;
		if (aa_intent_get_vm_of(intent, i) != NULL)
			continue;
		g_ptr_array_add(self->kept.vms, svm);
		for (guint j = 0; j < svm->affinity->len; j++) {
			const AaAffinity *a = &g_array_index(svm->affinity, AaAffinity, j);
			if (aa_board_get_pcpu(board, a->pcpu_id) != NULL)
				aa_capacity_take(self->taken, a->pcpu_id);
		}
		self->kept.memory_mib += svm->memory_mib;
	}
	g_array_sort(self->taken, aa_guint_cmp);
	for (guint i = 0; i < self->taken->len; i++) {
		const AaPcpu *pcpu = aa_board_get_pcpu(board, g_array_index(self->taken, guint, i));
		if (pcpu->kind == AA_CORE_KIND_P)
			taken_p++;
		else
			taken_e++;
	}

	memory = self->board_memory_mib - (gint64)intent->service_memory_mib -
	         (gint64)intent->hypervisor_memory_mib - self->kept.memory_mib;
	if (memory < 0) {
		aa_error_set_at(error, AA_ERROR_INFEASIBLE, intent->filename, 0,
		                "the reserves (Service VM %u MiB, hypervisor %u MiB) and the VMs "
		                "outside the intent (%" G_GINT64_FORMAT " MiB) hold more than the "
		                "board's %" G_GINT64_FORMAT " MiB; lower the reserves or name "
		                "those VMs in the intent",
		                intent->service_memory_mib, intent->hypervisor_memory_mib,
		                self->kept.memory_mib, self->board_memory_mib);
		return NULL;
	}
	self->capacity.p_cores = self->board_p_cores - taken_p;
	self->capacity.e_cores = self->board_e_cores - taken_e;
	self->capacity.memory_mib = memory;
	self->capacity.gpu_slices = intent->gpu_slices;
	self->gpu_pf = aa_board_get_gpu_pf(board);
	self->capacity.gpu_vfs = self->gpu_pf != NULL ? self->gpu_pf->total_vfs : 0;

	/* with I/O profiles the Service VM's share grows by the I/O core group
	 * (docs/io-groups.md) */
	if (!aa_iogroup_reserve(board, scenario, intent, &self->capacity, self->taken,
	                        &self->io_group, error))
		return NULL;
	aa_capacity_kept_gpu(self);
	return g_steal_pointer(&self);
}
