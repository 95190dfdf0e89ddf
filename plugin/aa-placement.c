/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Placement (MODEL.md): counts become pCPU IDs and SR-IOV VF BDFs.
 */

#include "config.h"

#include "aa-board-private.h"
#include "aa-error.h"
#include "aa-placement.h"
#include "aa-util.h"

/* who holds a pCPU while placing */
#define AA_PLACEMENT_FREE  -1
#define AA_PLACEMENT_TAKEN -2 /* Service VM or a VM outside the intent */

typedef struct {
	AaBoard *board;
	GHashTable *owner;   /* cpu_id -> GINT_TO_POINTER(owner + 3): VM index, TAKEN */
	GHashTable *blocked; /* cpu_id -> VM index + 1: kept empty for an RT VM */
} AaPlacementState;

static gint
aa_placement_owner(AaPlacementState *st, guint cpu_id)
{
	gpointer v = g_hash_table_lookup(st->owner, GUINT_TO_POINTER(cpu_id));
	return v == NULL ? AA_PLACEMENT_FREE : GPOINTER_TO_INT(v) - 3;
}

static void
aa_placement_set_owner(AaPlacementState *st, guint cpu_id, gint owner)
{
	g_hash_table_insert(st->owner, GUINT_TO_POINTER(cpu_id), GINT_TO_POINTER(owner + 3));
}

/* blocked for a VM other than @vm */
static gboolean
aa_placement_blocked_for(AaPlacementState *st, guint cpu_id, gint vm)
{
	gpointer v = g_hash_table_lookup(st->blocked, GUINT_TO_POINTER(cpu_id));
	return v != NULL && GPOINTER_TO_INT(v) - 1 != vm;
}

static gboolean
aa_placement_usable(AaPlacementState *st, const AaPcpu *pcpu, AaCoreKind kind, gint vm)
{
	return pcpu->kind == kind && aa_placement_owner(st, pcpu->cpu_id) == AA_PLACEMENT_FREE &&
	       !aa_placement_blocked_for(st, pcpu->cpu_id, vm);
}

/* the isolation domain of a pCPU: its hyper-thread siblings and its L2 */
static GArray *
aa_placement_domain(AaBoard *board, const AaPcpu *pcpu)
{
	GArray *ids = g_array_new(FALSE, FALSE, sizeof(guint));
	for (AaCpuShare share = AA_CPU_SHARE_CORE; share <= AA_CPU_SHARE_L2; share++) {
		const AaCpuGroup *grp = aa_board_get_group(board, pcpu, share);
		if (grp != NULL)
			g_array_append_vals(ids, grp->cpu_ids->data, grp->cpu_ids->len);
	}
	g_array_append_val(ids, pcpu->cpu_id);
	return ids;
}

/* a domain is clean for @vm when nobody else holds or reserves any of it */
static gboolean
aa_placement_domain_clean(AaPlacementState *st, GArray *domain, gint vm)
{
	for (guint j = 0; j < domain->len; j++) {
		guint id = g_array_index(domain, guint, j);
		gint owner = aa_placement_owner(st, id);
		if ((owner != AA_PLACEMENT_FREE && owner != vm) ||
		    aa_placement_blocked_for(st, id, vm))
			return FALSE;
	}
	return TRUE;
}

static guint
aa_placement_count_usable(AaPlacementState *st, AaCoreKind kind)
{
	guint n = 0;
	for (guint j = 0; j < st->board->pcpus->len; j++) {
		const AaPcpu *pcpu = g_ptr_array_index(st->board->pcpus, j);
		if (aa_placement_usable(st, pcpu, kind, G_MININT))
			n++;
	}
	return n;
}

/* the lowest free IDs of @kind; FALSE if there are not enough */
static gboolean
aa_placement_take_lowest(AaPlacementState *st, gint vm, AaCoreKind kind, gint64 count, GArray *out)
{
	for (guint j = 0; j < st->board->pcpus->len && count > 0; j++) {
		const AaPcpu *pcpu = g_ptr_array_index(st->board->pcpus, j);
		if (!aa_placement_usable(st, pcpu, kind, vm))
			continue;
		aa_placement_set_owner(st, pcpu->cpu_id, vm);
		g_array_append_val(out, pcpu->cpu_id);
		count--;
	}
	return count == 0;
}

/*
 * An RT VM takes, in ascending ID order, P-cores whose isolation domain is
 * clean; the rest of those domains is then kept empty.  It keeps that choice
 * only if the VMs still to be placed fit in what is left.
 */
static gboolean
aa_placement_rt_isolated(AaPlacementState *st, GPtrArray *vms, guint i)
{
	AaPlacementVm *vm = g_ptr_array_index(vms, i);
	g_autoptr(GArray) chosen = g_array_new(FALSE, FALSE, sizeof(guint));
	g_autoptr(GArray) reserved = g_array_new(FALSE, FALSE, sizeof(guint));
	gint64 need_p = 0;
	gint64 need_e = 0;

	for (guint j = 0; j < st->board->pcpus->len; j++) {
		const AaPcpu *pcpu = g_ptr_array_index(st->board->pcpus, j);
		g_autoptr(GArray) domain = NULL;
		if ((gint64)chosen->len == vm->alloc.p_cores)
			break;
		if (!aa_placement_usable(st, pcpu, AA_CORE_KIND_P, (gint)i))
			continue;
		domain = aa_placement_domain(st->board, pcpu);
		if (!aa_placement_domain_clean(st, domain, (gint)i))
			continue;
		aa_placement_set_owner(st, pcpu->cpu_id, (gint)i);
		g_array_append_val(chosen, pcpu->cpu_id);
		for (guint d = 0; d < domain->len; d++) {
			guint id = g_array_index(domain, guint, d);
			if (aa_placement_owner(st, id) == AA_PLACEMENT_FREE &&
			    !g_hash_table_contains(st->blocked, GUINT_TO_POINTER(id))) {
				g_hash_table_insert(st->blocked, GUINT_TO_POINTER(id),
				                    GINT_TO_POINTER((gint)i + 1));
				g_array_append_val(reserved, id);
			}
		}
	}

	/* can the others still be placed? */
	for (guint j = 0; j < vms->len; j++) {
		AaPlacementVm *other = g_ptr_array_index(vms, j);
		/* RT VMs later in intent order and all the others are still to come */
		if (other->rt && j <= i)
			continue;
		need_p += other->alloc.p_cores;
		need_e += other->alloc.e_cores;
	}
	if ((gint64)chosen->len == vm->alloc.p_cores &&
	    need_p <= aa_placement_count_usable(st, AA_CORE_KIND_P) &&
	    need_e <= aa_placement_count_usable(st, AA_CORE_KIND_E)) {
		g_array_append_vals(vm->pcpus, chosen->data, chosen->len);
		return TRUE;
	}

	/* undo */
	for (guint j = 0; j < chosen->len; j++)
		g_hash_table_remove(st->owner, GUINT_TO_POINTER(g_array_index(chosen, guint, j)));
	for (guint j = 0; j < reserved->len; j++)
		g_hash_table_remove(st->blocked,
		                    GUINT_TO_POINTER(g_array_index(reserved, guint, j)));
	return FALSE;
}

static gboolean
aa_placement_place_lowest(AaPlacementState *st, AaPlacementVm *vm, gint i, GError **error)
{
	if (!aa_placement_take_lowest(st, i, AA_CORE_KIND_P, vm->alloc.p_cores, vm->pcpus) ||
	    !aa_placement_take_lowest(st, i, AA_CORE_KIND_E, vm->alloc.e_cores, vm->pcpus)) {
		g_set_error(error, AA_ERROR, AA_ERROR_INFEASIBLE,
		            "not enough free pCPUs for VM %s (%" G_GINT64_FORMAT
		            " P-cores, %" G_GINT64_FORMAT " E-cores)%s",
		            vm->name, vm->alloc.p_cores, vm->alloc.e_cores,
		            vm->rt ? "; an RT VM never gets CPU 0 (rt-cpu0): reserve it for the "
		                     "Service VM or lower the RT VMs' P-cores"
		                   : "");
		return FALSE;
	}
	return TRUE;
}

/**
 * aa_placement_run:
 * @board: the board
 * @taken: (element-type guint): pCPU IDs already held (Service VM reserve, VMs
 *	   outside the intent)
 * @vms: (element-type AaPlacementVm): the VMs in intent order
 * @error: a #GError, or %NULL
 *
 * Fills each VM's pcpus, vf_bdf and isolated.  RT VMs are placed first, in
 * intent order, on pCPUs whose isolation domain (hyper-thread siblings and
 * L2) no other VM holds, as long as the VMs still to be placed can still be
 * placed; else on the lowest free P-cores.  The other VMs get the lowest free
 * IDs of their core type, in intent order.  The n-th VM with GPU slices, in
 * intent order, gets the GPU's VF n.
 *
 * Returns: %TRUE on success
 */
gboolean
aa_placement_run(AaBoard *board, GArray *taken, GPtrArray *vms, GError **error)
{
	return aa_placement_run_full(board, taken, NULL, vms, error);
}

static gboolean
aa_placement_vf_taken(GPtrArray *taken_vfs, const gchar *bdf)
{
	for (guint i = 0; taken_vfs != NULL && i < taken_vfs->len; i++) {
		if (g_ascii_strcasecmp(g_ptr_array_index(taken_vfs, i), bdf) == 0)
			return TRUE;
	}
	return FALSE;
}

/**
 * aa_placement_run_full:
 * @board: the board
 * @taken: (nullable): pCPU IDs already held
 * @taken_vfs: (nullable): VF BDFs of the GPU held by VMs outside the intent
 * @vms: the VMs to place, intent order
 * @error: (nullable): optional return location for an error
 *
 * aa_placement_run(), skipping the VFs in @taken_vfs (MODEL.md v2, hard
 * feasibility: no VF is given twice).
 *
 * Returns: %TRUE on success
 */
gboolean
aa_placement_run_full(AaBoard *board, GArray *taken, GPtrArray *taken_vfs, GPtrArray *vms,
                      GError **error)
{
	AaPlacementState st = {board, NULL, NULL};
	g_autoptr(GHashTable) owner = g_hash_table_new(g_direct_hash, g_direct_equal);
	g_autoptr(GHashTable) blocked = g_hash_table_new(g_direct_hash, g_direct_equal);
	const AaPciDevice *pf = NULL;
	guint n_vf = 0;

	st.owner = owner;
	st.blocked = blocked;
	for (guint j = 0; taken != NULL && j < taken->len; j++)
		aa_placement_set_owner(&st, g_array_index(taken, guint, j), AA_PLACEMENT_TAKEN);
	for (guint i = 0; i < vms->len; i++) {
		AaPlacementVm *vm = g_ptr_array_index(vms, i);
		if (vm->pcpus == NULL)
			vm->pcpus = g_array_new(FALSE, FALSE, sizeof(guint));
		g_array_set_size(vm->pcpus, 0);
		g_clear_pointer(&vm->vf_bdf, g_free);
		vm->isolated = FALSE;
	}

	/* the validator's rt-cpu0: CPU 0, where the hypervisor and the Service VM
	 * boot, is never an RT VM's, also when no Service VM reserve holds it */
	if (aa_board_get_pcpu(board, 0) != NULL && aa_placement_owner(&st, 0) == AA_PLACEMENT_FREE)
		g_hash_table_insert(blocked, GUINT_TO_POINTER(0),
		                    GINT_TO_POINTER((gint)vms->len + 1));

	/* RT VMs first, then the others, each in intent order */
	for (guint pass = 0; pass < 2; pass++) {
		if (pass == 1 && GPOINTER_TO_INT(g_hash_table_lookup(
		                     blocked, GUINT_TO_POINTER(0))) == (gint)vms->len + 1)
			g_hash_table_remove(blocked, GUINT_TO_POINTER(0));
		for (guint i = 0; i < vms->len; i++) {
			AaPlacementVm *vm = g_ptr_array_index(vms, i);
			if (vm->rt != (pass == 0))
				continue;
			if (vm->rt && vm->alloc.e_cores == 0 &&
			    aa_placement_rt_isolated(&st, vms, i)) {
				vm->isolated = TRUE;
				continue;
			}
			if (!aa_placement_place_lowest(&st, vm, (gint)i, error))
				return FALSE;
		}
	}
	for (guint i = 0; i < vms->len; i++) {
		AaPlacementVm *vm = g_ptr_array_index(vms, i);
		g_array_sort(vm->pcpus, aa_guint_cmp);
	}

	/* SR-IOV VFs in intent order */
	for (guint i = 0; i < vms->len; i++) {
		AaPlacementVm *vm = g_ptr_array_index(vms, i);
		if (vm->alloc.gpu_slices < 1)
			continue;
		if (pf == NULL)
			pf = aa_board_get_gpu_pf(board);
		vm->vf_bdf = aa_board_vf_bdf(pf, n_vf);
		while (vm->vf_bdf != NULL && aa_placement_vf_taken(taken_vfs, vm->vf_bdf)) {
			g_free(vm->vf_bdf);
			vm->vf_bdf = aa_board_vf_bdf(pf, ++n_vf);
		}
		if (vm->vf_bdf == NULL) {
			g_set_error(error, AA_ERROR, AA_ERROR_INFEASIBLE,
			            "no SR-IOV VF %u of the GPU for VM %s (%s)", n_vf, vm->name,
			            pf == NULL ? "the board has no SR-IOV GPU"
			                       : "beyond total_vfs");
			return FALSE;
		}
		n_vf++;
	}
	return TRUE;
}

/**
 * aa_placement_service_pcpus:
 * @board: the board
 * @count: the Service VM's pCPU reserve
 *
 * Returns: (transfer full) (element-type guint): the lowest-ID P-cores, CPU 0
 * first; fewer than @count if the board has fewer P-cores
 */
GArray *
aa_placement_service_pcpus(AaBoard *board, guint count)
{
	GArray *ids = g_array_new(FALSE, FALSE, sizeof(guint));
	g_autoptr(GArray) sorted = g_array_new(FALSE, FALSE, sizeof(guint));
	for (guint j = 0; j < board->pcpus->len; j++) {
		const AaPcpu *pcpu = g_ptr_array_index(board->pcpus, j);
		if (pcpu->kind == AA_CORE_KIND_P)
			g_array_append_val(sorted, pcpu->cpu_id);
	}
	g_array_sort(sorted, aa_guint_cmp);
	g_array_append_vals(ids, sorted->data, MIN(count, sorted->len));
	return ids;
}

void
aa_placement_vm_free(AaPlacementVm *vm)
{
	if (vm == NULL)
		return;
	g_clear_pointer(&vm->pcpus, g_array_unref);
	g_free(vm->vf_bdf);
	g_free(vm);
}
