/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Interim placement (MODEL.md, Placement) so that recommend links and is
 * tested on the intent branch.  The search branch owns this file: on a merge
 * conflict take the search branch's version.
 */

#include "config.h"

#include "aa-error.h"
#include "aa-placement.h"

static gboolean
aa_placement_in(GArray *ids, guint id)
{
	for (guint i = 0; ids != NULL && i < ids->len; i++) {
		if (g_array_index(ids, guint, i) == id)
			return TRUE;
	}
	return FALSE;
}

/* no pCPU of @pcpu's siblings or L2 is held by anything but @own */
static gboolean
aa_placement_domain_clean(AaBoard *board, GArray *taken, GArray *own, const AaPcpu *pcpu)
{
	GPtrArray *groups[] = {board->sibling_groups, board->l2_groups};
	gint index[] = {pcpu->sibling_group, pcpu->l2_group};
	for (guint g = 0; g < G_N_ELEMENTS(groups); g++) {
		AaCpuGroup *group;
		if (groups[g] == NULL || index[g] < 0 || (guint)index[g] >= groups[g]->len)
			continue;
		group = g_ptr_array_index(groups[g], index[g]);
		for (guint i = 0; i < group->cpu_ids->len; i++) {
			guint id = g_array_index(group->cpu_ids, guint, i);
			if (aa_placement_in(taken, id) && !aa_placement_in(own, id))
				return FALSE;
		}
	}
	return TRUE;
}

static gint
aa_placement_guint_cmp(gconstpointer a, gconstpointer b)
{
	guint x = *(const guint *)a;
	guint y = *(const guint *)b;
	return x < y ? -1 : (x > y ? 1 : 0);
}

/* takes @count free pCPUs of @kind, isolated ones first for an RT VM */
static gboolean
aa_placement_take(AaBoard *board, GArray *taken, AaPlacementVm *vm, AaCoreKind kind, gint64 count,
                  GError **error)
{
	gboolean clean_pass = vm->rt;
	gint64 clean_found = 0;
	gint64 wanted = count;

	for (guint pass = clean_pass ? 0 : 1; pass < 2 && count > 0; pass++) {
		for (guint i = 0; i < board->pcpus->len && count > 0; i++) {
			const AaPcpu *pcpu = g_ptr_array_index(board->pcpus, i);
			if (pcpu->kind != kind || aa_placement_in(taken, pcpu->cpu_id))
				continue;
			if (pass == 0 && !aa_placement_domain_clean(board, taken, vm->pcpus, pcpu))
				continue;
			g_array_append_val(vm->pcpus, pcpu->cpu_id);
			g_array_append_val(taken, pcpu->cpu_id);
			if (pass == 0)
				clean_found++;
			count--;
		}
	}
	if (count > 0) {
		g_set_error(error, AA_ERROR, AA_ERROR_FAILED,
		            "VM %s: %" G_GINT64_FORMAT " more %s-core pCPUs are needed than are "
		            "free",
		            vm->name, count, kind == AA_CORE_KIND_P ? "P" : "E");
		return FALSE;
	}
	if (vm->rt && wanted > 0)
		vm->isolated = vm->isolated && clean_found == wanted;
	return TRUE;
}

/**
 * aa_placement_run:
 * @board: the board
 * @taken: pCPU IDs already held; placed pCPUs are appended
 * @vms: (element-type AaPlacementVm): the VMs in intent order
 * @error: (nullable): optional return location for an error
 *
 * RT VMs first, in intent order, on pCPUs whose isolation domain holds no
 * other VM where possible; then the others on the lowest free IDs of the
 * right type; VFs in intent order over the VMs with GPU slices.
 *
 * Returns: %TRUE on success
 */
gboolean
aa_placement_run(AaBoard *board, GArray *taken, GPtrArray *vms, GError **error)
{
	const AaPciDevice *pf = aa_board_get_gpu_pf(board);
	guint n_vf = 0;

	for (guint pass = 0; pass < 2; pass++) {
		for (guint v = 0; v < vms->len; v++) {
			AaPlacementVm *vm = g_ptr_array_index(vms, v);
			if ((pass == 0) != (vm->rt != FALSE))
				continue;
			vm->isolated = vm->rt;
			if (!aa_placement_take(board, taken, vm, AA_CORE_KIND_P, vm->alloc.p_cores,
			                       error) ||
			    !aa_placement_take(board, taken, vm, AA_CORE_KIND_E, vm->alloc.e_cores,
			                       error))
				return FALSE;
			g_array_sort(vm->pcpus, aa_placement_guint_cmp);
		}
	}
	for (guint v = 0; v < vms->len; v++) {
		AaPlacementVm *vm = g_ptr_array_index(vms, v);
		if (vm->alloc.gpu_slices < 1)
			continue;
		vm->vf_bdf = aa_board_vf_bdf(pf, n_vf++);
		if (vm->vf_bdf == NULL) {
			g_set_error(error, AA_ERROR, AA_ERROR_FAILED,
			            "VM %s: no SR-IOV VF %u on the board's GPU", vm->name,
			            n_vf - 1);
			return FALSE;
		}
	}
	return TRUE;
}

/**
 * aa_placement_service_pcpus:
 * @board: the board
 * @count: the Service VM reserve
 *
 * Returns: (transfer full): the lowest-ID P-cores, CPU 0 first
 */
GArray *
aa_placement_service_pcpus(AaBoard *board, guint count)
{
	GArray *ids = g_array_new(FALSE, FALSE, sizeof(guint));
	for (guint i = 0; i < board->pcpus->len && ids->len < count; i++) {
		const AaPcpu *pcpu = g_ptr_array_index(board->pcpus, i);
		if (pcpu->kind == AA_CORE_KIND_P)
			g_array_append_val(ids, pcpu->cpu_id);
	}
	return ids;
}

/**
 * aa_placement_vm_free:
 * @vm: (nullable): a placed VM
 */
void
aa_placement_vm_free(AaPlacementVm *vm)
{
	if (vm == NULL)
		return;
	if (vm->pcpus != NULL)
		g_array_unref(vm->pcpus);
	g_free(vm->vf_bdf);
	g_free(vm);
}
