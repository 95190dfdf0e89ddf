/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * `acrn-alloc inspect`: what the board offers and, with a scenario, what each
 * VM holds and what is left free.  The JSON form is a documented, stable
 * interface (README, "inspect --json").
 */

#include "config.h"

#include <string.h>

#include "aa-board-private.h"
#include "aa-context-private.h"
#include "aa-error.h"
#include "aa-inspect.h"
#include "aa-json.h"
#include "aa-scenario-private.h"
#include "aa-util.h"

/* what is not pinned, not sized and not passed through by any VM */
typedef struct {
	GArray *pcpus;         /* guint, in board order */
	guint64 vm_memory_mib; /* sum over VMs with a memory size */
	gint64 memory_mib;     /* board memory minus vm_memory_mib */
	GPtrArray *gpu_vfs;    /* gchar*, unassigned VF BDFs */
} AaInspectFree;

static void
aa_inspect_free_clear(AaInspectFree *f)
{
	g_clear_pointer(&f->pcpus, g_array_unref);
	g_clear_pointer(&f->gpu_vfs, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(AaInspectFree, aa_inspect_free_clear)

static gboolean
aa_inspect_bdf_used(AaScenario *scenario, const gchar *bdf)
{
	for (guint i = 0; i < aa_scenario_get_vms(scenario)->len; i++) {
		AaVm *vm = g_ptr_array_index(aa_scenario_get_vms(scenario), i);
		for (guint j = 0; j < vm->pci_devs->len; j++) {
			AaPciRef *ref = g_ptr_array_index(vm->pci_devs, j);
			if (g_strcmp0(ref->bdf, bdf) == 0)
				return TRUE;
		}
	}
	return FALSE;
}

static void
aa_inspect_compute_free(AaBoard *board, AaScenario *scenario, AaInspectFree *f)
{
	g_autoptr(GHashTable) used = g_hash_table_new(g_direct_hash, g_direct_equal);
	const AaPciDevice *gpu = aa_board_get_gpu_pf(board);

	f->pcpus = g_array_new(FALSE, FALSE, sizeof(guint));
	f->gpu_vfs = g_ptr_array_new_with_free_func(g_free);
	for (guint i = 0; i < aa_scenario_get_vms(scenario)->len; i++) {
		AaVm *vm = g_ptr_array_index(aa_scenario_get_vms(scenario), i);
		for (guint j = 0; j < vm->affinity->len; j++) {
			AaAffinity *a = &g_array_index(vm->affinity, AaAffinity, j);
			g_hash_table_add(used, GUINT_TO_POINTER(a->pcpu_id + 1));
		}
		if (vm->has_memory)
			f->vm_memory_mib += vm->memory_mib;
	}
	for (guint i = 0; i < board->pcpus->len; i++) {
		AaPcpu *pcpu = g_ptr_array_index(board->pcpus, i);
		if (g_hash_table_contains(used, GUINT_TO_POINTER(pcpu->cpu_id + 1)))
			continue;
		g_array_append_val(f->pcpus, pcpu->cpu_id);
	}
	f->memory_mib = (gint64)board->memory_mib - (gint64)f->vm_memory_mib;
	if (gpu != NULL && !aa_inspect_bdf_used(scenario, gpu->bdf)) {
		for (guint n = 0; n < gpu->total_vfs; n++) {
			g_autofree gchar *vf = aa_board_vf_bdf(gpu, n);
			if (vf != NULL && !aa_inspect_bdf_used(scenario, vf))
				g_ptr_array_add(f->gpu_vfs, g_steal_pointer(&vf));
		}
	}
}

/* the IDs of @board's pCPUs of @kind in board order, only those in @among if given */
static GArray *
aa_inspect_kind_ids(AaBoard *board, AaCoreKind kind, GArray *among)
{
	GArray *ids = g_array_new(FALSE, FALSE, sizeof(guint));
	for (guint i = 0; i < board->pcpus->len; i++) {
		AaPcpu *pcpu = g_ptr_array_index(board->pcpus, i);
		gboolean in = among == NULL;
		for (guint j = 0; !in && j < among->len; j++)
			in = g_array_index(among, guint, j) == pcpu->cpu_id;
		if (pcpu->kind == kind && in)
			g_array_append_val(ids, pcpu->cpu_id);
	}
	return ids;
}

static GArray *
aa_inspect_vm_pcpus(AaVm *vm)
{
	GArray *ids = g_array_new(FALSE, FALSE, sizeof(guint));
	for (guint j = 0; j < vm->affinity->len; j++)
		g_array_append_val(ids, g_array_index(vm->affinity, AaAffinity, j).pcpu_id);
	return ids;
}

static void
aa_inspect_text_groups(GString *str, const gchar *title, GPtrArray *groups)
{
	g_string_append_printf(str, "%-16s", title);
	if (groups->len == 0)
		g_string_append(str, "(not in the board XML)");
	for (guint i = 0; i < groups->len; i++) {
		AaCpuGroup *group = g_ptr_array_index(groups, i);
		g_autofree gchar *ids = aa_format_id_ranges(group->cpu_ids);
		g_string_append_printf(str, "%s[%s]", i > 0 ? " " : "", ids);
	}
	g_string_append_c(str, '\n');
}

static void
aa_inspect_text_board(GString *str, AaBoard *board)
{
	g_autoptr(GArray) p_ids = aa_inspect_kind_ids(board, AA_CORE_KIND_P, NULL);
	g_autoptr(GArray) e_ids = aa_inspect_kind_ids(board, AA_CORE_KIND_E, NULL);
	g_autofree gchar *p_text = aa_format_id_ranges(p_ids);
	g_autofree gchar *e_text = aa_format_id_ranges(e_ids);
	g_autoptr(GPtrArray) smt = g_ptr_array_new();
	guint n_sriov = 0;

	g_string_append_printf(str, "board           %s (%s)\n", board->name, board->filename);
	g_string_append_printf(str, "pCPUs           %u, %s\n", board->pcpus->len,
	                       board->hybrid ? "hybrid" : "homogeneous (all count as P-cores)");
	g_string_append_printf(str, "P-pCPUs         %s\n", p_ids->len > 0 ? p_text : "none");
	g_string_append_printf(str, "E-pCPUs         %s\n", e_ids->len > 0 ? e_text : "none");
	for (guint i = 0; i < board->groups[AA_CPU_SHARE_CORE]->len; i++) {
		AaCpuGroup *group = g_ptr_array_index(board->groups[AA_CPU_SHARE_CORE], i);
		if (group->cpu_ids->len > 1)
			g_ptr_array_add(smt, group);
	}
	if (smt->len == 0)
		g_string_append(str, "HT siblings     none (one thread per core)\n");
	else
		aa_inspect_text_groups(str, "HT siblings", smt);
	aa_inspect_text_groups(str, "L2 shared by", board->groups[AA_CPU_SHARE_L2]);
	aa_inspect_text_groups(str, "L3 shared by", board->groups[AA_CPU_SHARE_L3]);
	g_string_append_printf(str, "memory          %u MiB\n", board->memory_mib);
	for (guint i = 0; i < board->pci_devices->len; i++) {
		AaPciDevice *dev = g_ptr_array_index(board->pci_devices, i);
		g_autofree gchar *first = NULL;
		g_autofree gchar *last = NULL;
		if (!dev->sriov)
			continue;
		n_sriov++;
		if (dev->vfs_unknown) {
			g_string_append_printf(str,
			                       "SR-IOV PF       %s %s%s\n"
			                       "                note: VF count unknown (the board "
			                       "has <capability id=\"SR-IOV\"/> without "
			                       "<total_vfs>); 0 usable VFs\n",
			                       dev->bdf, dev->description,
			                       (dev->class_code >> 16) == 0x03 ? " [GPU]" : "");
			continue;
		}
		first = aa_board_vf_bdf(dev, 0);
		last = aa_board_vf_bdf(dev, dev->total_vfs > 0 ? dev->total_vfs - 1 : 0);
		g_string_append_printf(
		    str,
		    "SR-IOV PF       %s %s%s\n"
		    "                %u VFs %s..%s, stride %u, VF device 0x%04x\n",
		    dev->bdf, dev->description, (dev->class_code >> 16) == 0x03 ? " [GPU]" : "",
		    dev->total_vfs, first != NULL ? first : "-", last != NULL ? last : "-",
		    dev->vf_stride, dev->vf_device_id);
	}
	if (n_sriov == 0)
		g_string_append(str, "SR-IOV PF       none\n");
	if (board->clos_max > 0)
		g_string_append_printf(str, "RDT             %s, %u CLOS\n",
		                       board->rdt_resources != NULL ? board->rdt_resources : "?",
		                       board->clos_max);
	else
		g_string_append(str, "RDT             not supported\n");
	g_string_append_printf(str, "PCI functions   %u\n", board->pci_devices->len);
}

static void
aa_inspect_text_scenario(GString *str, AaBoard *board, AaScenario *scenario)
{
	g_auto(AaInspectFree) f = {0};
	g_autoptr(GArray) free_p_ids = NULL;
	g_autoptr(GArray) free_e_ids = NULL;
	g_autofree gchar *free_p = NULL;
	g_autofree gchar *free_e = NULL;

	aa_inspect_compute_free(board, scenario, &f);
	free_p_ids = aa_inspect_kind_ids(board, AA_CORE_KIND_P, f.pcpus);
	free_e_ids = aa_inspect_kind_ids(board, AA_CORE_KIND_E, f.pcpus);
	g_string_append_printf(
	    str, "\nscenario        %s (scheduler %s)\n", aa_scenario_get_filename(scenario),
	    aa_scenario_get_scheduler(scenario) != NULL ? aa_scenario_get_scheduler(scenario)
	                                                : "default");
	g_string_append_printf(str, "%-4s %-20s %-17s %-12s %-14s %-9s %s\n", "id", "name",
	                       "load_order", "vm_type", "pCPUs", "memory", "devices");
	for (guint i = 0; i < aa_scenario_get_vms(scenario)->len; i++) {
		AaVm *vm = g_ptr_array_index(aa_scenario_get_vms(scenario), i);
		g_autoptr(GArray) ids = aa_inspect_vm_pcpus(vm);
		g_autofree gchar *pcpus = aa_format_id_ranges(ids);
		g_autofree gchar *memory = NULL;
		g_autoptr(GString) devs = g_string_new(NULL);

		for (guint j = 0; j < vm->pci_devs->len; j++) {
			AaPciRef *ref = g_ptr_array_index(vm->pci_devs, j);
			g_string_append_printf(devs, "%s%s", j > 0 ? "," : "", ref->bdf);
		}
		memory = vm->has_memory ? g_strdup_printf("%u MiB", vm->memory_mib) : g_strdup("-");
		g_string_append_printf(
		    str, "%-4u %-20s %-17s %-12s %-14s %-9s %s\n", vm->id, vm->name,
		    vm->load_order_text, vm->vm_type[0] != '\0' ? vm->vm_type : "-",
		    ids->len > 0
		        ? pcpus
		        : (vm->load_order == AA_LOAD_ORDER_SERVICE_VM ? "(the rest)" : "-"),
		    memory, devs->len > 0 ? devs->str : "-");
	}
	free_p = aa_format_id_ranges(free_p_ids);
	free_e = aa_format_id_ranges(free_e_ids);
	g_string_append_printf(str, "free P-pCPUs    %s\n", free_p_ids->len > 0 ? free_p : "none");
	g_string_append_printf(str, "free E-pCPUs    %s\n", free_e_ids->len > 0 ? free_e : "none");
	g_string_append_printf(str,
	                       "free memory     %" G_GINT64_FORMAT
	                       " MiB (board minus %" G_GUINT64_FORMAT
	                       " MiB sized VMs; the Service VM and hypervisor live here)\n",
	                       f.memory_mib, f.vm_memory_mib);
	g_string_append(str, "free GPU VFs    ");
	if (f.gpu_vfs->len == 0)
		g_string_append(str, "none");
	for (guint i = 0; i < f.gpu_vfs->len; i++)
		g_string_append_printf(str, "%s%s", i > 0 ? " " : "",
		                       (const gchar *)g_ptr_array_index(f.gpu_vfs, i));
	g_string_append_c(str, '\n');
}

static void
aa_inspect_json_groups(JsonBuilder *b, const gchar *member, GPtrArray *groups)
{
	aa_json_begin_array(b, member);
	for (guint i = 0; i < groups->len; i++) {
		AaCpuGroup *group = g_ptr_array_index(groups, i);
		aa_json_add_ids(b, NULL, group->cpu_ids);
	}
	json_builder_end_array(b);
}

/* text taken from XML as one JSON string: runs of spaces, tabs and line
 * breaks (the XML's indentation inside mixed content) become one space,
 * leading and trailing ones are dropped; file names are written as they are */
static void
aa_inspect_json_text(JsonBuilder *b, const gchar *member, const gchar *text)
{
	g_autoptr(GString) str = NULL;
	gboolean space = FALSE;
	if (text == NULL) {
		aa_json_add_null(b, member);
		return;
	}
	str = g_string_sized_new(strlen(text));
	for (const gchar *p = text; *p != '\0'; p++) {
		if (g_ascii_isspace(*p)) {
			space = str->len > 0;
			continue;
		}
		if (space)
			g_string_append_c(str, ' ');
		space = FALSE;
		g_string_append_c(str, *p);
	}
	aa_json_add_string(b, member, str->str);
}

/* the members every PCI function has: bdf, class, description */
static void
aa_inspect_json_pci_members(JsonBuilder *b, const AaPciDevice *dev)
{
	g_autofree gchar *klass = g_strdup_printf("0x%06x", dev->class_code);
	aa_inspect_json_text(b, "bdf", dev->bdf);
	aa_inspect_json_text(b, "class", klass);
	aa_inspect_json_text(b, "description", dev->description);
}

static void
aa_inspect_json_pf(JsonBuilder *b, const gchar *member, const AaPciDevice *dev)
{
	g_autofree gchar *vf_id = g_strdup_printf("0x%04x", dev->vf_device_id);
	aa_json_begin_object(b, member);
	aa_inspect_json_pci_members(b, dev);
	aa_json_add_int(b, "total_vfs", dev->total_vfs);
	aa_json_add_boolean(b, "total_vfs_known", !dev->vfs_unknown);
	aa_json_add_int(b, "vf_stride", dev->vf_stride);
	aa_inspect_json_text(b, "vf_device_id", vf_id);
	aa_json_begin_array(b, "vfs");
	for (guint n = 0; n < dev->total_vfs; n++) {
		g_autofree gchar *vf = aa_board_vf_bdf(dev, n);
		if (vf != NULL)
			aa_inspect_json_text(b, NULL, vf);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
}

static void
aa_inspect_json_board(JsonBuilder *b, AaBoard *board)
{
	g_autoptr(GArray) p_ids = aa_inspect_kind_ids(board, AA_CORE_KIND_P, NULL);
	g_autoptr(GArray) e_ids = aa_inspect_kind_ids(board, AA_CORE_KIND_E, NULL);
	const AaPciDevice *gpu = aa_board_get_gpu_pf(board);

	aa_json_begin_object(b, "board");
	aa_inspect_json_text(b, "name", board->name);
	aa_json_add_string(b, "file", board->filename);
	aa_json_add_boolean(b, "hybrid", board->hybrid);
	aa_json_begin_array(b, "pcpus");
	for (guint i = 0; i < board->pcpus->len; i++) {
		AaPcpu *pcpu = g_ptr_array_index(board->pcpus, i);
		json_builder_begin_object(b);
		aa_json_add_int(b, "id", pcpu->cpu_id);
		aa_json_add_int(b, "apic_id", pcpu->apic_id);
		aa_json_add_int(b, "core_id", pcpu->core_id);
		aa_inspect_json_text(b, "core_type", pcpu->core_type);
		aa_inspect_json_text(b, "kind", pcpu->kind == AA_CORE_KIND_P ? "P" : "E");
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	aa_json_add_ids(b, "p_pcpus", p_ids);
	aa_json_add_ids(b, "e_pcpus", e_ids);
	aa_inspect_json_groups(b, "siblings", board->groups[AA_CPU_SHARE_CORE]);
	aa_inspect_json_groups(b, "l2_groups", board->groups[AA_CPU_SHARE_L2]);
	aa_inspect_json_groups(b, "l3_groups", board->groups[AA_CPU_SHARE_L3]);
	aa_json_add_int(b, "memory_mib", board->memory_mib);
	if (gpu != NULL)
		aa_inspect_json_pf(b, "gpu", gpu);
	else
		aa_json_add_null(b, "gpu");
	aa_json_begin_array(b, "sriov_pfs");
	for (guint i = 0; i < board->pci_devices->len; i++) {
		AaPciDevice *dev = g_ptr_array_index(board->pci_devices, i);
		if (dev->sriov)
			aa_inspect_json_pf(b, NULL, dev);
	}
	json_builder_end_array(b);
	aa_json_begin_object(b, "rdt");
	aa_inspect_json_text(b, "resources", board->rdt_resources);
	aa_json_add_int(b, "clos_max", board->clos_max);
	json_builder_end_object(b);
	aa_json_begin_array(b, "pci_devices");
	for (guint i = 0; i < board->pci_devices->len; i++) {
		AaPciDevice *dev = g_ptr_array_index(board->pci_devices, i);
		json_builder_begin_object(b);
		aa_inspect_json_pci_members(b, dev);
		aa_json_add_boolean(b, "sriov", dev->sriov);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
}

static void
aa_inspect_json_scenario(JsonBuilder *b, AaBoard *board, AaScenario *scenario)
{
	g_auto(AaInspectFree) f = {0};
	g_autoptr(GArray) free_p_ids = NULL;
	g_autoptr(GArray) free_e_ids = NULL;

	aa_inspect_compute_free(board, scenario, &f);
	free_p_ids = aa_inspect_kind_ids(board, AA_CORE_KIND_P, f.pcpus);
	free_e_ids = aa_inspect_kind_ids(board, AA_CORE_KIND_E, f.pcpus);
	aa_json_begin_object(b, "scenario");
	aa_json_add_string(b, "file", aa_scenario_get_filename(scenario));
	aa_inspect_json_text(b, "scheduler", aa_scenario_get_scheduler(scenario));
	aa_json_begin_array(b, "vms");
	for (guint i = 0; i < aa_scenario_get_vms(scenario)->len; i++) {
		AaVm *vm = g_ptr_array_index(aa_scenario_get_vms(scenario), i);
		g_autoptr(GArray) ids = aa_inspect_vm_pcpus(vm);
		g_autoptr(GArray) rt_ids = g_array_new(FALSE, FALSE, sizeof(guint));

		for (guint j = 0; j < vm->affinity->len; j++) {
			AaAffinity *a = &g_array_index(vm->affinity, AaAffinity, j);
			if (a->real_time)
				g_array_append_val(rt_ids, a->pcpu_id);
		}
		json_builder_begin_object(b);
		aa_json_add_int(b, "id", vm->id);
		aa_inspect_json_text(b, "name", vm->name);
		aa_inspect_json_text(b, "load_order", vm->load_order_text);
		aa_inspect_json_text(b, "vm_type", vm->vm_type);
		aa_inspect_json_text(b, "os_type", vm->os_type);
		aa_json_add_ids(b, "pcpus", ids);
		aa_json_add_ids(b, "rt_pcpus", rt_ids);
		aa_json_add_int_or_null(b, "memory_mib", vm->has_memory, vm->memory_mib);
		aa_json_add_boolean(b, "lapic_passthrough", vm->lapic_passthrough);
		aa_json_begin_array(b, "pci_devs");
		for (guint j = 0; j < vm->pci_devs->len; j++) {
			AaPciRef *ref = g_ptr_array_index(vm->pci_devs, j);
			aa_inspect_json_text(b, NULL, ref->bdf);
		}
		json_builder_end_array(b);
		aa_json_begin_array(b, "virtio");
		for (guint j = 0; j < vm->virtio->len; j++) {
			AaVirtio *v = g_ptr_array_index(vm->virtio, j);
			json_builder_begin_object(b);
			aa_inspect_json_text(b, "kind", v->kind);
			aa_inspect_json_text(b, "value", v->value);
			json_builder_end_object(b);
		}
		json_builder_end_array(b);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	aa_json_begin_object(b, "free");
	aa_json_add_ids(b, "pcpus", f.pcpus);
	aa_json_add_ids(b, "p_pcpus", free_p_ids);
	aa_json_add_ids(b, "e_pcpus", free_e_ids);
	aa_json_add_int(b, "memory_mib", f.memory_mib);
	aa_json_begin_array(b, "gpu_vfs");
	for (guint i = 0; i < f.gpu_vfs->len; i++)
		aa_inspect_json_text(b, NULL, g_ptr_array_index(f.gpu_vfs, i));
	json_builder_end_array(b);
	json_builder_end_object(b);
	json_builder_end_object(b);
}

/**
 * aa_inspect_run:
 * @ctx: a context with a board and optionally a scenario
 * @options: `format` = `text` (default) or `json`
 * @error: (nullable): optional return location for an error
 *
 * Returns: (transfer full): the summary
 */
gchar *
aa_inspect_run(AaPluginContext *ctx, GHashTable *options, GError **error)
{
	const gchar *format = aa_context_option(options, "format", "text");

	if (!aa_context_require(ctx, TRUE, FALSE, FALSE, error))
		return NULL;
	if (g_strcmp0(format, "json") == 0) {
		g_autoptr(JsonBuilder) b = json_builder_new();

		json_builder_begin_object(b);
		aa_json_add_string(b, "format", "acrn-alloc-inspect");
		aa_json_add_int(b, "version", 1);
		aa_inspect_json_board(b, ctx->board);
		if (ctx->scenario != NULL)
			aa_inspect_json_scenario(b, ctx->board, ctx->scenario);
		json_builder_end_object(b);
		return aa_json_to_text(b);
	}
	if (g_strcmp0(format, "text") == 0) {
		GString *str = g_string_new(NULL);
		aa_inspect_text_board(str, ctx->board);
		if (ctx->scenario != NULL)
			aa_inspect_text_scenario(str, ctx->board, ctx->scenario);
		return g_string_free(str, FALSE);
	}
	g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
	            "unknown format '%s'; use text or json", format);
	return NULL;
}
