/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#include "config.h"

#include <math.h>

#include "aa-board-private.h"
#include "aa-checks.h"
#include "aa-feasibility.h"
#include "aa-intent-private.h"
#include "aa-model-private.h"
#include "aa-model.h"
#include "aa-rtanalysis.h"
#include "aa-rtsched.h"
#include "aa-scenario-private.h"
#include "aa-xml.h"

/* the largest VF index searched when a BDF looks like a VF beyond total_vfs */
#define AA_CHECKS_MAX_VF_SEARCH 256

static void
aa_checks_add(AaDiagnostics *report, const gchar *rule_id, AaSeverity severity, const gchar *vm,
              const gchar *file, glong line, xmlNode *node, const gchar *message, const gchar *fix)
{
	g_autofree gchar *xpath = node != NULL ? aa_xml_path(node) : NULL;
	aa_diagnostics_add(
	    report, aa_diagnostic_new(rule_id, severity, vm, file, line, xpath, message, fix));
}

/* the SR-IOV PF whose VF @n has @bdf, or NULL */
static const AaPciDevice *
aa_checks_find_vf(AaBoard *board, const gchar *bdf, guint *n)
{
	for (guint i = 0; i < board->pci_devices->len; i++) {
		const AaPciDevice *pf = g_ptr_array_index(board->pci_devices, i);
		guint first;
		if (!pf->sriov || pf->vf_stride == 0)
			continue;
		/* routing IDs, as the PCI SR-IOV spec computes them, also past total_vfs */
		first = (pf->first_vf_bus << 8) | (pf->first_vf_dev << 3) | pf->first_vf_func;
		for (guint j = 0; j < AA_CHECKS_MAX_VF_SEARCH; j++) {
			guint rid = first + j * pf->vf_stride;
			g_autofree gchar *vf = g_strdup_printf("%02x:%02x.%x", (rid >> 8) & 0xff,
			                                       (rid >> 3) & 0x1f, rid & 0x7);
			/* past total_vfs only a BDF on the VFs' own bus and device counts */
			if (j >= pf->total_vfs && (rid >> 3) != (first >> 3))
				break;
			if (g_ascii_strcasecmp(vf, bdf) == 0) {
				*n = j;
				return pf;
			}
		}
	}
	return NULL;
}

/* the SR-IOV PF of unknown VF count whose bus and device @bdf shares, or NULL:
 * where the inspector could not read the VF count, the VFs of an integrated
 * device such as the GPU sit on the PF's own bus and device */
static const AaPciDevice *
aa_checks_unknown_vf_owner(AaBoard *board, const gchar *bdf)
{
	for (guint i = 0; i < board->pci_devices->len; i++) {
		const AaPciDevice *pf = g_ptr_array_index(board->pci_devices, i);
		if (pf->vfs_unknown && g_ascii_strncasecmp(pf->bdf, bdf, 5) == 0)
			return pf;
	}
	return NULL;
}

/**
 * aa_checks_pci:
 * @board: the board
 * @scenario: the scenario
 * @report: where diagnostics go
 *
 * `pci-missing`: a passthrough device that is neither on the board nor one of
 * its SR-IOV VFs; `sriov-vf-over-total`: VF number n of a PF with fewer than n
 * VFs; `sriov-pf-and-vf`: a PF passed through while its VFs are in use.
 */
void
aa_checks_pci(AaBoard *board, AaScenario *scenario, AaDiagnostics *report)
{
	/* PF bdf -> first VM (AaVm*) using one of its VFs */
	g_autoptr(GHashTable) vf_users = g_hash_table_new(g_str_hash, g_str_equal);

	for (guint i = 0; i < aa_scenario_get_vms(scenario)->len; i++) {
		AaVm *vm = g_ptr_array_index(aa_scenario_get_vms(scenario), i);
		for (guint j = 0; j < vm->pci_devs->len; j++) {
			AaPciRef *ref = g_ptr_array_index(vm->pci_devs, j);
			const AaPciDevice *pf;
			guint n = 0;
			g_autofree gchar *msg = NULL;
			g_autofree gchar *fix = NULL;

			if (ref->bdf == NULL || aa_board_get_pci_device(board, ref->bdf) != NULL)
				continue;
			pf = aa_checks_find_vf(board, ref->bdf, &n);
			if (pf != NULL && n < pf->total_vfs) {
				if (!g_hash_table_contains(vf_users, pf->bdf))
					g_hash_table_insert(vf_users, pf->bdf, vm);
				continue;
			}
			if (pf != NULL) {
				msg = g_strdup_printf(
				    "%s would be VF %u of SR-IOV device %s, which has "
				    "only %u VFs (total_vfs)",
				    ref->bdf, n + 1, pf->bdf, pf->total_vfs);
				fix = g_strdup_printf(
				    "use one of the first %u VFs of %s or remove %s "
				    "from pci_devs",
				    pf->total_vfs, pf->bdf, ref->bdf);
				aa_checks_add(report, "sriov-vf-over-total", AA_SEVERITY_ERROR,
				              vm->name, aa_scenario_get_filename(scenario),
				              ref->line, ref->node, msg, fix);
				continue;
			}
			pf = aa_checks_unknown_vf_owner(board, ref->bdf);
			if (pf != NULL) {
				msg = g_strdup_printf("%s would be a VF of SR-IOV device %s, whose "
				                      "VF count the board inspector could not read "
				                      "(<capability id=\"SR-IOV\"/> without "
				                      "<total_vfs>): it has no usable VF",
				                      ref->bdf, pf->bdf);
				fix = g_strdup_printf("remove %s from pci_devs, or regenerate the "
				                      "board XML on the target with the PF driver "
				                      "loaded so that sriov_totalvfs is readable",
				                      ref->bdf);
				aa_checks_add(report, "sriov-vf-over-total", AA_SEVERITY_ERROR,
				              vm->name, aa_scenario_get_filename(scenario),
				              ref->line, ref->node, msg, fix);
				continue;
			}
			msg = g_strdup_printf("passthrough device %s does not exist on board %s",
			                      ref->bdf, board->name != NULL ? board->name : "");
			fix = g_strdup_printf("remove '%s' from pci_devs or regenerate the board "
			                      "XML on the target",
			                      ref->text != NULL ? ref->text : ref->bdf);
			aa_checks_add(report, "pci-missing", AA_SEVERITY_ERROR, vm->name,
			              aa_scenario_get_filename(scenario), ref->line, ref->node, msg,
			              fix);
		}
	}

	/* a PF given to a VM while VFs of it are in use: its driver owns them */
	for (guint i = 0; i < aa_scenario_get_vms(scenario)->len; i++) {
		AaVm *vm = g_ptr_array_index(aa_scenario_get_vms(scenario), i);
		for (guint j = 0; j < vm->pci_devs->len; j++) {
			AaPciRef *ref = g_ptr_array_index(vm->pci_devs, j);
			const AaPciDevice *dev =
			    ref->bdf != NULL ? aa_board_get_pci_device(board, ref->bdf) : NULL;
			AaVm *user;
			g_autofree gchar *msg = NULL;
			g_autofree gchar *fix = NULL;

			if (dev == NULL || !dev->sriov)
				continue;
			user = g_hash_table_lookup(vf_users, dev->bdf);
			if (user == NULL)
				continue;
			msg = g_strdup_printf("SR-IOV physical function %s is passed through while "
			                      "its VFs are in use (VM %s); the PF driver in the "
			                      "Service VM must own the PF for its VFs to work",
			                      dev->bdf, user->name);
			fix = g_strdup_printf(
			    "remove %s from pci_devs and give this VM a VF instead", dev->bdf);
			aa_checks_add(report, "sriov-pf-and-vf", AA_SEVERITY_ERROR, vm->name,
			              aa_scenario_get_filename(scenario), ref->line, ref->node, msg,
			              fix);
		}
	}
}

static gboolean
aa_checks_vm_has_pcpu(const AaVm *vm, guint cpu)
{
	for (guint i = 0; vm->affinity != NULL && i < vm->affinity->len; i++) {
		if (g_array_index(vm->affinity, AaAffinity, i).pcpu_id == cpu)
			return TRUE;
	}
	return FALSE;
}

/* the VM other than @self running on @cpu, the Service VM included */
static const AaVm *
aa_checks_pcpu_user(AaScenario *scenario, const AaVm *self, guint cpu)
{
	const AaVm *service = NULL;
	gboolean reserved = FALSE;
	for (guint i = 0; i < aa_scenario_get_vms(scenario)->len; i++) {
		const AaVm *vm = g_ptr_array_index(aa_scenario_get_vms(scenario), i);
		if (vm->load_order == AA_LOAD_ORDER_SERVICE_VM) {
			service = vm;
			continue;
		}
		if (!aa_checks_vm_has_pcpu(vm, cpu))
			continue;
		if (vm != self)
			return vm;
		reserved = TRUE;
	}
	for (guint i = 0; i < aa_scenario_get_vms(scenario)->len; i++) {
		const AaVm *vm = g_ptr_array_index(aa_scenario_get_vms(scenario), i);
		/* the Service VM gets every pCPU not held by a pre-launched or RT VM
		 * (a post-launched RT VM's pCPUs are offlined in the Service VM) */
		if ((vm->load_order == AA_LOAD_ORDER_PRE_LAUNCHED_VM || aa_vm_is_rt(vm)) &&
		    aa_checks_vm_has_pcpu(vm, cpu))
			reserved = TRUE;
	}
	if (service != NULL && service != self && !reserved)
		return service;
	return NULL;
}

/* the pCPUs of an RT VM's isolation domain that one other VM runs on */
typedef struct {
	const AaVm *user;
	GArray *rt_cpus;  /* the RT VM's pCPUs concerned, ascending */
	GArray *partners; /* the other VM's pCPUs in their domain, ascending */
} AaChecksShare;

static void
aa_checks_share_free(AaChecksShare *share)
{
	g_clear_pointer(&share->rt_cpus, g_array_unref);
	g_clear_pointer(&share->partners, g_array_unref);
	g_free(share);
}

static void
aa_checks_add_cpu(GArray *cpus, guint cpu)
{
	guint i = 0;
	while (i < cpus->len && g_array_index(cpus, guint, i) < cpu)
		i++;
	if (i < cpus->len && g_array_index(cpus, guint, i) == cpu)
		return;
	g_array_insert_val(cpus, i, cpu);
}

static gchar *
aa_checks_cpu_list(GArray *cpus)
{
	GString *str = g_string_new(NULL);
	for (guint i = 0; i < cpus->len; i++)
		g_string_append_printf(str, "%s%u", i > 0 ? ", " : "",
		                       g_array_index(cpus, guint, i));
	return g_string_free(str, FALSE);
}

/* adds to @shares every other VM running in the group of @cpu */
static void
aa_checks_rt_group(AaScenario *scenario, AaVm *vm, const AaCpuGroup *group, guint cpu,
                   GPtrArray *shares)
{
	if (group == NULL)
		return;
	for (guint k = 0; k < group->cpu_ids->len; k++) {
		guint other = g_array_index(group->cpu_ids, guint, k);
		const AaVm *user;
		AaChecksShare *share = NULL;

		if (other == cpu || aa_checks_vm_has_pcpu(vm, other))
			continue;
		user = aa_checks_pcpu_user(scenario, vm, other);
		if (user == NULL)
			continue;
		for (guint i = 0; i < shares->len && share == NULL; i++) {
			AaChecksShare *s = g_ptr_array_index(shares, i);
			if (s->user == user)
				share = s;
		}
		if (share == NULL) {
			share = g_new0(AaChecksShare, 1);
			share->user = user;
			share->rt_cpus = g_array_new(FALSE, FALSE, sizeof(guint));
			share->partners = g_array_new(FALSE, FALSE, sizeof(guint));
			g_ptr_array_add(shares, share);
		}
		aa_checks_add_cpu(share->rt_cpus, cpu);
		aa_checks_add_cpu(share->partners, other);
	}
}

/* one warning per other VM in the RT VM's hyper-thread or L2 domain, naming
 * every pCPU the fix has to free, not only the first one found */
static void
aa_checks_rt_domain(AaBoard *board, AaScenario *scenario, AaVm *vm, AaCpuShare domain,
                    AaDiagnostics *report)
{
	const gchar *what = domain == AA_CPU_SHARE_L2 ? "L2 cache" : "physical core (hyper-thread)";
	g_autoptr(GPtrArray) shares =
	    g_ptr_array_new_with_free_func((GDestroyNotify)aa_checks_share_free);

	for (guint j = 0; j < vm->affinity->len; j++) {
		guint cpu = g_array_index(vm->affinity, AaAffinity, j).pcpu_id;
		const AaPcpu *pcpu = aa_board_get_pcpu(board, cpu);
		if (pcpu == NULL)
			continue;
		aa_checks_rt_group(scenario, vm, aa_board_get_group(board, pcpu, domain), cpu,
		                   shares);
	}
	for (guint i = 0; i < shares->len; i++) {
		AaChecksShare *share = g_ptr_array_index(shares, i);
		g_autofree gchar *rt = aa_checks_cpu_list(share->rt_cpus);
		g_autofree gchar *partners = aa_checks_cpu_list(share->partners);
		gboolean one_rt = share->rt_cpus->len == 1;
		gboolean one = share->partners->len == 1;
		g_autofree gchar *msg = g_strdup_printf(
		    "real-time pCPU%s %s share%s %s %s with pCPU%s %s, which run%s VM %s: its "
		    "load adds latency jitter",
		    one_rt ? "" : "s", rt, one_rt ? "s" : "", one_rt ? "its" : "their", what,
		    one ? "" : "s", partners, one ? "s" : "", share->user->name);
		g_autofree gchar *fix = NULL;

		if (share->user->load_order == AA_LOAD_ORDER_SERVICE_VM)
			fix = g_strdup_printf(
			    "move VM %s to pCPUs whose %s no other VM uses, or "
			    "offline pCPU%s %s in the Service VM before launching it",
			    vm->name, what, one ? "" : "s", partners);
		else
			fix = g_strdup_printf("move VM %s to pCPUs whose %s no other VM uses, or "
			                      "remove pCPU%s %s from VM %s",
			                      vm->name, what, one ? "" : "s", partners,
			                      share->user->name);
		aa_checks_add(report, "rt-isolation", AA_SEVERITY_WARNING, vm->name,
		              aa_scenario_get_filename(scenario), vm->line, vm->node, msg, fix);
	}
}

/**
 * aa_checks_rt_isolation:
 * @board: the board
 * @scenario: the scenario
 * @report: where diagnostics go
 *
 * `rt-isolation` (warning): an RT VM's pCPU whose hyper-thread sibling or
 * L2-sharing partner runs another VM; the Service VM counts on every pCPU
 * that no pre-launched or RT VM holds.
 */
void
aa_checks_rt_isolation(AaBoard *board, AaScenario *scenario, AaDiagnostics *report)
{
	for (guint i = 0; i < aa_scenario_get_vms(scenario)->len; i++) {
		AaVm *vm = g_ptr_array_index(aa_scenario_get_vms(scenario), i);
		if (!aa_vm_is_rt(vm) || vm->affinity == NULL)
			continue;
		aa_checks_rt_domain(board, scenario, vm, AA_CPU_SHARE_CORE, report);
		aa_checks_rt_domain(board, scenario, vm, AA_CPU_SHARE_L2, report);
	}
}

/* a VM's memory below a figure of its profile: @what is the figure, @mib its size */
static void
aa_checks_memory_below(AaDiagnostics *report, AaScenario *scenario, const AaVm *vm,
                       const AaProfile *profile, const gchar *rule_id, AaSeverity severity,
                       const gchar *what, gdouble mib, const gchar *consequence)
{
	g_autofree gchar *msg =
	    g_strdup_printf("memory %u MiB is below the profiled %s of %.0f "
	                    "MiB (%s)%s",
	                    vm->memory_mib, what, mib, profile->filename, consequence);
	g_autofree gchar *fix = g_strdup_printf("set memory/size to at least %.0f MiB", ceil(mib));

	aa_checks_add(report, rule_id, severity, vm->name, aa_scenario_get_filename(scenario),
	              vm->line, vm->node, msg, fix);
}

/**
 * aa_checks_intent_memory:
 * @scenario: the scenario
 * @intent: the intent
 * @report: where diagnostics go
 *
 * `memory-below-wss` (error): a VM's memory/size below the largest working
 * set of its profile (the trace's wss_mib column); `memory-below-rss`
 * (warning): below its peak RSS.
 */
void
aa_checks_intent_memory(AaScenario *scenario, AaIntent *intent, AaDiagnostics *report)
{
	for (guint i = 0; i < intent->vms->len; i++) {
		AaIntentVm *ivm = g_ptr_array_index(intent->vms, i);
		AaVm *vm = aa_intent_vm_get_scenario_vm(ivm, scenario);
		gdouble wss;
		gdouble rss = 0;

		if (vm == NULL || ivm->profile == NULL || !vm->has_memory)
			continue;
		/* the hard rule is aa-feasibility.c's, as in the search */
		wss = aa_feasibility_working_set(ivm->profile, NULL);
		for (guint j = 0; j < ivm->profile->samples->len; j++) {
			const AaProfileSample *s =
			    &g_array_index(ivm->profile->samples, AaProfileSample, j);
			if (!isnan(s->mem_rss_mib))
				rss = MAX(rss, s->mem_rss_mib);
		}
		if (!aa_feasibility_memory_covers_wss(ivm->profile, vm->memory_mib))
			aa_checks_memory_below(report, scenario, vm, ivm->profile,
			                       "memory-below-wss", AA_SEVERITY_ERROR, "working set",
			                       wss, ": the guest will thrash");
		else if (vm->memory_mib < rss)
			aa_checks_memory_below(report, scenario, vm, ivm->profile,
			                       "memory-below-rss", AA_SEVERITY_WARNING, "peak RSS",
			                       rss, "");
	}
}

static void
aa_checks_count_cores(AaBoard *board, const AaVm *vm, AaAlloc *alloc)
{
	for (guint i = 0; vm->affinity != NULL && i < vm->affinity->len; i++) {
		const AaPcpu *pcpu =
		    aa_board_get_pcpu(board, g_array_index(vm->affinity, AaAffinity, i).pcpu_id);
		if (pcpu == NULL)
			continue;
		if (pcpu->kind == AA_CORE_KIND_E)
			alloc->e_cores++;
		else
			alloc->p_cores++;
	}
}

/* @given when it predicts as the model the check would build for @ivm (the
 * intent's model kind, the same RT flag, no response family installed:
 * aa_model_options_from_intent() is what both start from), else NULL */
static const AaVmModel *
aa_checks_given_model(GPtrArray *models, guint i, const AaIntentVm *ivm,
                      const AaModelOptions *options, gboolean rt)
{
	const AaVmModel *given;
	if (models == NULL || i >= models->len)
		return NULL;
	given = g_ptr_array_index(models, i);
	if (given->vm != ivm || given->kind != options->kind || given->rt != rt)
		return NULL;
	for (guint j = 0; j < given->per_qos->len; j++) {
		if (aa_vm_model_qos_at(given, j)->predictor.func != NULL)
			return NULL;
	}
	return given;
}

/**
 * aa_checks_intent_qos:
 * @board: the board
 * @scenario: the scenario
 * @intent: the intent
 * @models: (nullable) (element-type AaVmModel): models of @intent's VMs, intent
 *   order, built with the intent's own options (e.g. recommend's, in plan); the
 *   check predicts with one where it is the model it would build, and builds
 *   the others
 * @report: where diagnostics go
 *
 * `qos-pcores-to-general` (warning): VMs of class `general` hold P-cores
 * while the intent's model (paper or robust, with its margin) predicts that
 * a VM with a QoS target misses it
 * with the scenario's allocation.  GPU slices are not in the scenario: a VM
 * is taken to have the slices it was profiled with.
 */
void
aa_checks_intent_qos(AaBoard *board, AaScenario *scenario, AaIntent *intent, GPtrArray *models,
                     AaDiagnostics *report)
{
	g_autoptr(GString) general = g_string_new(NULL);
	guint general_p = 0;

	for (guint i = 0; i < intent->vms->len; i++) {
		AaIntentVm *ivm = g_ptr_array_index(intent->vms, i);
		AaVm *vm = aa_intent_vm_get_scenario_vm(ivm, scenario);
		AaAlloc alloc = {0, 0, 0, 0};
		if (vm == NULL || ivm->klass != AA_VM_CLASS_GENERAL)
			continue;
		aa_checks_count_cores(board, vm, &alloc);
		if (alloc.p_cores == 0)
			continue;
		general_p += alloc.p_cores;
		g_string_append_printf(general, "%s%s (%" G_GINT64_FORMAT " P)",
		                       general->len > 0 ? ", " : "", vm->name, alloc.p_cores);
	}
	if (general_p == 0)
		return;

	for (guint i = 0; i < intent->vms->len; i++) {
		AaIntentVm *ivm = g_ptr_array_index(intent->vms, i);
		AaVm *vm = aa_intent_vm_get_scenario_vm(ivm, scenario);
		g_autoptr(AaVmModel) built = NULL;
		const AaVmModel *model;
		g_autoptr(GError) error_local = NULL;
		AaVmEvaluation eval = {0};
		AaAlloc alloc = {0, 0, 0, 0};
		AaModelOptions options;
		gboolean rt;
		g_autoptr(GString) missed = g_string_new(NULL);

		if (vm == NULL || ivm->klass == AA_VM_CLASS_GENERAL || ivm->qos->len == 0 ||
		    ivm->profile == NULL)
			continue;
		/* the intent's model (robust by default), as recommend predicts */
		aa_model_options_from_intent(&options, intent);
		rt = aa_intent_vm_is_rt(ivm, vm->vm_type);
		model = aa_checks_given_model(models, i, ivm, &options, rt);
		if (model == NULL)
			model = built = aa_vm_model_new_full(ivm, rt, &options, &error_local);
		if (model == NULL) {
			g_debug("no model for %s: %s", ivm->name, error_local->message);
			continue;
		}
		aa_checks_count_cores(board, vm, &alloc);
		alloc.memory_mib = vm->memory_mib;
		alloc.gpu_slices =
		    ivm->profile->has_allocation ? ivm->profile->alloc_gpu_slices : 0;
		aa_vm_model_evaluate(model, &alloc, aa_objective_lambda_scale(intent->objective),
		                     &eval);
		for (guint k = 0; eval.qos != NULL && k < eval.qos->len; k++) {
			const AaQosPrediction *p = &g_array_index(eval.qos, AaQosPrediction, k);
			if (p->met || p->qos == NULL || isnan(p->predicted))
				continue;
			g_string_append_printf(missed, "%s%s %.3g vs target %.3g",
			                       missed->len > 0 ? ", " : "", p->qos->metric,
			                       p->predicted, p->qos->target);
			/* robust: met, but not by the margin the model's error asks for */
			if (p->nominal_met)
				g_string_append_printf(
				    missed, " (within the model's margin of %.3g)", p->margin);
		}
		aa_vm_evaluation_clear(&eval);
		if (missed->len > 0) {
			g_autofree gchar *msg = g_strdup_printf(
			    "predicted to miss its QoS target (%s) with %" G_GINT64_FORMAT
			    " P-cores, while general VMs hold %u P-cores: %s",
			    missed->str, alloc.p_cores, general_p, general->str);
			g_autofree gchar *fix = g_strdup_printf(
			    "move the general VMs to E-cores and give %s their P-cores, or run "
			    "'acrn-alloc recommend'",
			    vm->name);
			aa_checks_add(report, "qos-pcores-to-general", AA_SEVERITY_WARNING,
			              vm->name, intent->filename, ivm->line, ivm->node, msg, fix);
		}
	}
}

/**
 * aa_checks_rt_schedulability:
 * @scenario: the scenario
 * @intent: the intent
 * @report: where diagnostics go
 *
 * `rt-unschedulable` (error): an RT VM's task set does not fit its vCPUs
 * (one per pCPU) under partitioned EDF, or rate-monotonic response-time
 * analysis with `<tasks policy="rm">`; names the tasks that fit nowhere and
 * the smallest vCPU count that schedules the set.
 */
void
aa_checks_rt_schedulability(AaScenario *scenario, AaIntent *intent, AaDiagnostics *report)
{
	for (guint i = 0; i < intent->vms->len; i++) {
		AaIntentVm *ivm = g_ptr_array_index(intent->vms, i);
		AaVm *vm = aa_intent_vm_get_scenario_vm(ivm, scenario);
		AaRtschedPolicy policy = aa_rtsched_vm_policy(ivm);
		g_autoptr(AaRtschedResult) result = NULL;
		g_autoptr(GString) names = g_string_new(NULL);
		g_autofree gchar *msg = NULL;
		g_autofree gchar *fix = NULL;
		guint n_cpus;

		if (vm == NULL || ivm->tasks == NULL || ivm->tasks->len == 0)
			continue;
		n_cpus = vm->affinity != NULL ? vm->affinity->len : 0;
		result = aa_feasibility_rt_analyse(ivm, n_cpus);
		if (result == NULL || result->schedulable)
			continue;
		for (guint k = 0; result->unschedulable != NULL && k < result->unschedulable->len;
		     k++) {
			g_string_append_printf(
			    names, "%s%s", k > 0 ? ", " : "",
			    (const gchar *)g_ptr_array_index(result->unschedulable, k));
		}
		msg = g_strdup_printf(
		    "task set is not schedulable on %u vCPU%s under partitioned "
		    "%s (first-fit decreasing): %s miss%s deadlines",
		    n_cpus, n_cpus == 1 ? "" : "s",
		    policy == AA_RTSCHED_RM ? "rate-monotonic" : "EDF",
		    names->len > 0 ? names->str : "tasks",
		    result->unschedulable != NULL && result->unschedulable->len == 1 ? "es" : "");
		if (result->min_cpus > 0)
			fix = g_strdup_printf("give VM %s at least %u exclusive P-core pCPUs",
			                      vm->name, result->min_cpus);
		else
			fix = g_strdup("a task needs more than one whole CPU (wcet > deadline or "
			               "utilisation > 1): shorten its WCET or lengthen its period");
		aa_checks_add(report, "rt-unschedulable", AA_SEVERITY_ERROR, vm->name,
		              intent->filename, ivm->line, ivm->node, msg, fix);
	}
}

/**
 * aa_checks_run:
 * @board: the board
 * @scenario: the scenario
 * @intent: (nullable): the intent, enabling the intent-aware checks
 * @models: (nullable) (element-type AaVmModel): models of @intent's VMs already
 *   built, for aa_checks_intent_qos()
 * @report: where diagnostics go
 *
 * Runs every computed check.
 */
void
aa_checks_run(AaBoard *board, AaScenario *scenario, AaIntent *intent, GPtrArray *models,
              AaDiagnostics *report)
{
	aa_checks_pci(board, scenario, report);
	aa_checks_rt_isolation(board, scenario, report);
	report->n_rules += 5;
	if (intent == NULL)
		return;
	aa_checks_intent_memory(scenario, intent, report);
	aa_checks_intent_qos(board, scenario, intent, models, report);
	aa_checks_rt_schedulability(scenario, intent, report);
	aa_rtanalysis_check_headroom(scenario, intent, report);
	report->n_rules += 5;
}
