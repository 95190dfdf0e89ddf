/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Infeasibility in words: which resource binds, by which rule, and what to
 * change.  The search finds that a VM has no candidate at all; this file
 * tells the integrator which of its limits, the memory quantum or the
 * capacity left after the reserves is the reason.
 */

#include "config.h"

#include <math.h>

#include "aa-board-private.h"
#include "aa-checks.h"
#include "aa-diagnostic.h"
#include "aa-explain.h"
#include "aa-intent-private.h"
#include "aa-model-private.h"
#include "aa-scenario-private.h"
#include "aa-util.h"

static const gchar *
aa_explain_noun(const AaVmModel *model)
{
	return model->rt ? "RT VM" : "VM";
}

static gchar *
aa_explain_plural(gint64 n, const gchar *one, const gchar *many)
{
	return g_strdup_printf("%" G_GINT64_FORMAT " %s", n, n == 1 ? one : many);
}

/* the memory sizes the search may give: whole quanta, 1 ... capacity */
static gchar *
aa_explain_memory(const AaProblem *problem, const AaVmModel *model)
{
	const AaLimit *mem = &model->vm->limits[AA_DIM_MEMORY_MIB];
	gint64 q = MAX(1, (gint64)problem->memory_quantum_mib);
	gint64 cap = problem->capacity.memory_mib;
	gint64 lo = mem->has_min ? MAX(1, mem->min) : 1;
	gint64 first = ((lo + q - 1) / q) * q;

	if (mem->has_max && first > mem->max) {
		gint64 below = (mem->max / q) * q;
		g_autofree gchar *nearest =
		    below >= q ? g_strdup_printf("%" G_GINT64_FORMAT " or %" G_GINT64_FORMAT " MiB",
		                                 below, first)
		               : g_strdup_printf("%" G_GINT64_FORMAT " MiB", first);
		return g_strdup_printf(
		    "%s %s has no allocation in its feasible set: its memory limits "
		    "(min %" G_GINT64_FORMAT ", max %" G_GINT64_FORMAT
		    " MiB) hold no multiple of the "
		    "%" G_GINT64_FORMAT " MiB memory quantum, and memory is given in whole quanta "
		    "(policy memory-quantum-mib); set <memory-mib> to include %s, or change the "
		    "quantum",
		    aa_explain_noun(model), model->vm->name, mem->min, mem->max, q, nearest);
	}
	if (first > cap) {
		return g_strdup_printf(
		    "%s %s has no allocation in its feasible set: it needs >= %" G_GINT64_FORMAT
		    " MiB (memory-mib min %" G_GINT64_FORMAT " rounded up to the %" G_GINT64_FORMAT
		    " MiB quantum) but only %" G_GINT64_FORMAT " MiB are left after the Service VM "
		    "and hypervisor reserves and the VMs outside the intent",
		    aa_explain_noun(model), model->vm->name, first, lo, q, cap);
	}
	return NULL;
}

/**
 * aa_explain_vm_without_candidate:
 * @problem: the problem
 * @model: a VM of it whose feasible set, within the capacity, is empty
 *
 * Names the one constraint that empties the VM's feasible set on its own:
 * a limit above what is left, P- and E-core minimums together, an RT VM
 * without P-cores, memory limits between two multiples of the quantum, a
 * GPU minimum without a free VF.
 *
 * Returns: (transfer full) (nullable): a sentence, or %NULL when only a
 *   combination of constraints is to blame
 */
gchar *
aa_explain_vm_without_candidate(const AaProblem *problem, const AaVmModel *model)
{
	const AaLimit *limits = model->vm->limits;
	const AaCapacity *cap = &problem->capacity;
	const AaLimit *p = &limits[AA_DIM_P_CORES];
	const AaLimit *e = &limits[AA_DIM_E_CORES];
	const AaLimit *g = &limits[AA_DIM_GPU_SLICES];
	const gchar *noun = aa_explain_noun(model);
	const gchar *name = model->vm->name;
	gchar *memory;

	if (p->has_min && p->min >= 1 && e->has_min && e->min >= 1)
		return g_strdup_printf(
		    "%s %s has no allocation in its feasible set: its limits ask "
		    "for >= %" G_GINT64_FORMAT " P-cores and >= %" G_GINT64_FORMAT
		    " E-cores, but ACRN refuses a VM that mixes P- and E-cores; "
		    "set one of the two minimums to 0",
		    noun, name, p->min, e->min);
	if (model->rt && cap->p_cores < 1)
		return g_strdup_printf("%s %s has no allocation in its feasible set: an RT VM runs "
		                       "on P-cores only, and no P-core is left after the Service "
		                       "VM reserve",
		                       noun, name);
	if (model->rt && e->has_min && e->min >= 1)
		return g_strdup_printf(
		    "%s %s has no allocation in its feasible set: its limits ask "
		    "for >= %" G_GINT64_FORMAT " E-cores but an RT VM runs on "
		    "P-cores only; set <e-cores min=\"0\">",
		    noun, name, e->min);
	if (p->has_min && p->min > cap->p_cores) {
		g_autofree gchar *left =
		    aa_explain_plural(cap->p_cores, "P-core is", "P-cores are");
		return g_strdup_printf("%s %s has no allocation in its feasible set: it needs >= "
		                       "%" G_GINT64_FORMAT
		                       " P-cores (limits) but only %s left after "
		                       "the Service VM reserve and the VMs outside the intent",
		                       noun, name, p->min, left);
	}
	if (e->has_min && e->min > cap->e_cores) {
		g_autofree gchar *left =
		    aa_explain_plural(cap->e_cores, "E-core is", "E-cores are");
		return g_strdup_printf("%s %s has no allocation in its feasible set: it needs >= "
		                       "%" G_GINT64_FORMAT " E-cores (limits) but only %s left%s",
		                       noun, name, e->min, left,
		                       cap->e_cores == 0 && cap->p_cores > 0
		                           ? " (the board has no free E-core; ask for P-cores)"
		                           : "");
	}
	if (p->has_max && p->max == 0 && e->has_max && e->max == 0)
		return g_strdup_printf("%s %s has no allocation in its feasible set: its limits "
		                       "allow no P-core and no E-core, and every VM needs a pCPU",
		                       noun, name);
	memory = aa_explain_memory(problem, model);
	if (memory != NULL)
		return memory;
	if (g->has_min && g->min >= 1 && cap->gpu_vfs < 1)
		return g_strdup_printf("%s %s has no allocation in its feasible set: it needs >= "
		                       "%" G_GINT64_FORMAT
		                       " GPU slice(s) (limits) but no SR-IOV GPU "
		                       "VF is free (the board has none, or the scenario passes the "
		                       "GPU through whole); drop <gpu-slices min> or free a VF",
		                       noun, name, g->min);
	if (g->has_min && g->min > cap->gpu_slices)
		return g_strdup_printf("%s %s has no allocation in its feasible set: it needs >= "
		                       "%" G_GINT64_FORMAT
		                       " GPU slices (limits) but the policy has "
		                       "only %" G_GINT64_FORMAT " (policy gpu-slices)",
		                       noun, name, g->min, cap->gpu_slices);
	return NULL;
}

/* "4, 5, 6, 7" */
static void
aa_explain_append_id(GString *str, guint id)
{
	g_string_append_printf(str, "%s%u", str->len > 0 ? ", " : "", id);
}

/**
 * aa_explain_board_mismatch:
 * @board: the board
 * @scenario: the scenario
 *
 * Returns: (transfer full) (nullable): a sentence naming the pCPUs and PCI
 *   devices the scenario uses but the board lacks, or %NULL when they match
 */
gchar *
aa_explain_board_mismatch(AaBoard *board, AaScenario *scenario)
{
	g_autoptr(GString) cpus = g_string_new(NULL);
	g_autoptr(GString) devices = g_string_new(NULL);
	g_autoptr(GArray) missing = g_array_new(FALSE, FALSE, sizeof(guint));
	AaDiagnostics *report =
	    aa_diagnostics_new(board->filename, aa_scenario_get_filename(scenario));

	for (guint i = 0; i < aa_scenario_get_vms(scenario)->len; i++) {
		const AaVm *vm = g_ptr_array_index(aa_scenario_get_vms(scenario), i);
		for (guint j = 0; vm->affinity != NULL && j < vm->affinity->len; j++) {
			guint cpu = g_array_index(vm->affinity, AaAffinity, j).pcpu_id;
			gboolean known = FALSE;
			if (aa_board_get_pcpu(board, cpu) != NULL)
				continue;
			for (guint k = 0; k < missing->len; k++)
				known |= g_array_index(missing, guint, k) == cpu;
			if (!known)
				g_array_append_val(missing, cpu);
		}
	}
	g_array_sort(missing, aa_guint_cmp);
	for (guint k = 0; k < missing->len; k++)
		aa_explain_append_id(cpus, g_array_index(missing, guint, k));
	/* the validator's own test for devices and VFs */
	aa_checks_pci(board, scenario, report);
	for (guint i = 0; i < report->diagnostics->len; i++) {
		const AaDiagnostic *d = g_ptr_array_index(report->diagnostics, i);
		if (g_strcmp0(d->rule_id, "pci-missing") != 0)
			continue;
		if (devices->len > 0)
			g_string_append(devices, "; ");
		g_string_append(devices, d->message);
	}
	aa_diagnostics_free(report);
	if (cpus->len == 0 && devices->len == 0)
		return NULL;
	return g_strdup_printf("the scenario %s does not match the board %s%s%s%s%s%s: was it made "
	                       "for another board? Regenerate it for this board in the ACRN "
	                       "configurator, or pass the board it was made for",
	                       aa_scenario_get_filename(scenario), board->filename,
	                       cpus->len > 0 ? ": it uses pCPUs " : "", cpus->str,
	                       cpus->len > 0 ? " that the board lacks" : "",
	                       devices->len > 0 ? (cpus->len > 0 ? "; " : ": ") : "", devices->str);
}

/**
 * aa_explain_profile_warnings:
 * @intent: a loaded intent
 *
 * Profiles that will mislead the model without failing it: a VM whose trace
 * has GPU busy samples but says `gpu_slices=0` (or no allocation line), so
 * MODEL.md's GPU demand (p95 busy x profiled slices) counts as 0 and the
 * search may take its slices away.
 *
 * Returns: (transfer full) (nullable): one "warning: ..." line per case
 */
gchar *
aa_explain_profile_warnings(AaIntent *intent)
{
	g_autoptr(GString) out = g_string_new(NULL);
	for (guint i = 0; i < intent->vms->len; i++) {
		const AaIntentVm *vm = g_ptr_array_index(intent->vms, i);
		const AaProfile *p = vm->profile;
		guint busy = 0;
		gdouble peak = 0.0;
		if (p == NULL || p->samples == NULL ||
		    (p->has_allocation && p->alloc_gpu_slices > 0))
			continue;
		for (guint j = 0; j < p->samples->len; j++) {
			const AaProfileSample *s = &g_array_index(p->samples, AaProfileSample, j);
			if (!isnan(s->gpu_busy_pct) && s->gpu_busy_pct > 0.0) {
				busy++;
				peak = MAX(peak, s->gpu_busy_pct);
			}
		}
		if (busy == 0)
			continue;
		g_string_append_printf(
		    out,
		    "warning: VM %s: its profile %s has %u GPU busy samples (up "
		    "to %.0f %%) but says gpu_slices=0%s, so its GPU demand "
		    "counts as 0 and it may lose its GPU slices; record it "
		    "again with the profiling script's -g N (the slices it had)\n",
		    vm->name, p->filename, busy, peak,
		    p->has_allocation ? "" : " (no '# allocation:' line)");
	}
	if (out->len == 0)
		return NULL;
	return g_strdup(out->str);
}
