/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Where the compositional analysis feeds the allocation: the reserved
 * bandwidth of each vCPU of an RT VM in recommendation.xml, and the
 * `rt-headroom` rule that warns when a vCPU's reservation leaves less of its
 * dedicated core free than the intent's policy asks.
 */

#include "config.h"

#include <stdlib.h>

#include "aa-intent-private.h"
#include "aa-rtanalysis.h"
#include "aa-scenario-private.h"
#include "aa-util.h"
#include "aa-xml-attr.h"
#include "aa-xml.h"

/**
 * aa_rtanalysis_headroom_pct:
 * @intent: an intent
 *
 * Returns: `<policy rt-headroom-pct>` of @intent (the share of each RT vCPU's
 * dedicated core its reservation should leave free), 10 when absent
 */
gdouble
aa_rtanalysis_headroom_pct(AaIntent *intent)
{
	xmlNode *root =
	    intent != NULL && intent->doc != NULL ? xmlDocGetRootElement(intent->doc) : NULL;

	for (xmlNode *n = root != NULL ? root->children : NULL; n != NULL; n = n->next) {
		g_autofree gchar *text = NULL;
		gchar *end = NULL;
		gdouble v;

		if (n->type != XML_ELEMENT_NODE || g_strcmp0((const gchar *)n->name, "policy") != 0)
			continue;
		text = aa_xml_prop(n, "rt-headroom-pct");
		if (text == NULL)
			break;
		/* the schema has checked the range already */
		v = g_ascii_strtod(g_strstrip(text), &end);
		if (end != NULL && *end == '\0' && v >= 0.0 && v <= 100.0)
			return v;
	}
	return AA_RTANALYSIS_HEADROOM_PCT;
}

/**
 * aa_rtanalysis_reservation_new:
 * @vm: an intent VM with tasks
 * @pcpus: (element-type guint) (nullable): its pCPUs, vCPU i on the i-th
 * @n_vcpus: its vCPU count
 * @headroom_pct: the headroom the policy asks
 *
 * The `<rt-reservation>` element of recommendation.xml: the "Ovh" partition of
 * the VM's tasks on its vCPUs with each vCPU's interface (Q, P), its bandwidth
 * and the headroom left on its core, and global EDF on as many vCPUs.
 *
 * Returns: (transfer full): an unlinked element
 */
xmlNode *
aa_rtanalysis_reservation_new(AaIntentVm *vm, GArray *pcpus, guint n_vcpus, gdouble headroom_pct)
{
	AaRtschedPolicy policy = aa_rtanalysis_vm_policy(vm);
	g_autoptr(AaRtPartition) part = aa_rtanalysis_partition(vm->tasks, n_vcpus, policy);
	AaRtGlobal global = {0};
	xmlNode *node = xmlNewNode(NULL, (const xmlChar *)"rt-reservation");

	aa_rtanalysis_global_best(vm->tasks, n_vcpus, AA_RTANALYSIS_GLOBAL_PERIOD_US, &global);
	aa_xml_attr_text(node, "policy", policy == AA_RTSCHED_RM ? "rm" : "edf");
	aa_xml_attr_uint(node, "vcpus", n_vcpus);
	aa_xml_attr_bool(node, "schedulable", part->schedulable);
	aa_xml_attr_double(node, "bandwidth", aa_rtanalysis_partition_bandwidth(part), 9);
	aa_xml_attr_double(node, "headroom-pct", headroom_pct, 9);
	if (part->unplaced->len > 0) {
		g_autoptr(GString) names = g_string_new(NULL);
		for (guint i = 0; i < part->unplaced->len; i++)
			g_string_append_printf(
			    names, "%s%s", i > 0 ? " " : "",
			    ((const AaTask *)g_ptr_array_index(part->unplaced, i))->name);
		aa_xml_attr_text(node, "unplaced", names->str);
	}
	if (global.schedulable) {
		aa_xml_attr_uint(node, "global-vcpus", global.n_vcpus);
		aa_xml_attr_double(node, "global-budget-ms", global.budget_us / 1000.0, 9);
		aa_xml_attr_double(node, "global-period-ms", global.period_us / 1000.0, 9);
		aa_xml_attr_double(node, "global-bandwidth",
		                   (gdouble)global.budget_us / (gdouble)global.period_us, 9);
	}
	for (guint c = 0; c < part->vcpus->len; c++) {
		const AaRtVcpu *v = g_ptr_array_index(part->vcpus, c);
		xmlNode *child = aa_xml_attr_child(node, "vcpu");
		g_autoptr(GString) names = g_string_new(NULL);
		gdouble bw = v->period_us > 0 ? (gdouble)v->budget_us / (gdouble)v->period_us : 0.0;

		aa_xml_attr_uint(child, "index", c);
		if (pcpus != NULL && c < pcpus->len)
			aa_xml_attr_uint(child, "pcpu", g_array_index(pcpus, guint, c));
		for (guint i = 0; i < v->tasks->len; i++)
			g_string_append_printf(
			    names, "%s%s", i > 0 ? " " : "",
			    ((const AaTask *)g_ptr_array_index(v->tasks, i))->name);
		aa_xml_attr_text(child, "tasks", names->str);
		aa_xml_attr_double(child, "budget-ms", v->budget_us / 1000.0, 9);
		aa_xml_attr_double(child, "period-ms", v->period_us / 1000.0, 9);
		aa_xml_attr_double(child, "bandwidth", bw, 9);
		aa_xml_attr_double(child, "headroom", 1.0 - bw, 9);
		/* SCHED_DEADLINE: runtime, deadline = period, in ns */
		aa_xml_attr_uint(child, "runtime-ns", v->budget_us * 1000);
		aa_xml_attr_uint(child, "period-ns", v->period_us * 1000);
	}
	return node;
}

/**
 * aa_rtanalysis_reservation_add:
 * @parent: the element to add it to (a `<vm>` of recommendation.xml)
 * @vm: an intent VM
 * @pcpus: (element-type guint) (nullable): its pCPUs
 * @n_vcpus: its vCPU count
 * @headroom_pct: the headroom the policy asks
 *
 * Adds aa_rtanalysis_reservation_new() to @parent, for a VM with tasks and at
 * least one vCPU; nothing otherwise.
 *
 * Returns: (transfer none) (nullable): the element added
 */
xmlNode *
aa_rtanalysis_reservation_add(xmlNode *parent, AaIntentVm *vm, GArray *pcpus, guint n_vcpus,
                              gdouble headroom_pct)
{
	if (vm == NULL || vm->tasks == NULL || vm->tasks->len == 0 || n_vcpus == 0 ||
	    vm->tasks->len > AA_RTANALYSIS_MAX_TASKS)
		return NULL;
	return xmlAddChild(parent, aa_rtanalysis_reservation_new(vm, pcpus, n_vcpus, headroom_pct));
}

/**
 * aa_rtanalysis_vm_policy:
 * @vm: an intent VM
 *
 * The guest scheduler the compositional analysis assumes: `<tasks policy>`
 * when given, else fixed priority (rate monotonic), as issue #13 and the
 * paper's Table 4 have it.  The validator's schedulability test keeps its
 * own default, EDF (aa_rtsched_vm_policy(), MODEL.md v2), so existing
 * intents validate as before.
 *
 * Returns: the policy
 */
AaRtschedPolicy
aa_rtanalysis_vm_policy(AaIntentVm *vm)
{
	xmlNode *tasks = NULL;
	g_autofree gchar *policy = NULL;

	for (xmlNode *n = vm->node != NULL ? vm->node->children : NULL; n != NULL; n = n->next) {
		if (n->type == XML_ELEMENT_NODE && g_strcmp0((const gchar *)n->name, "tasks") == 0)
			tasks = n;
	}
	policy = tasks != NULL ? aa_xml_prop(tasks, "policy") : NULL;
	if (policy == NULL)
		return vm->node != NULL ? AA_RTSCHED_RM : aa_rtsched_vm_policy(vm);
	return g_strcmp0(g_strstrip(policy), "edf") == 0 ? AA_RTSCHED_EDF : AA_RTSCHED_RM;
}

/**
 * aa_rtanalysis_tasks_line:
 * @vm: an intent VM
 *
 * Returns: the line of @vm's `<tasks>` element, or of the VM when it has none
 */
glong
aa_rtanalysis_tasks_line(AaIntentVm *vm)
{
	for (xmlNode *n = vm->node != NULL ? vm->node->children : NULL; n != NULL; n = n->next) {
		if (n->type == XML_ELEMENT_NODE && g_strcmp0((const gchar *)n->name, "tasks") == 0)
			return aa_xml_line(n);
	}
	return vm->line;
}

static xmlNode *
aa_rtanalysis_tasks_node(AaIntentVm *vm)
{
	for (xmlNode *n = vm->node != NULL ? vm->node->children : NULL; n != NULL; n = n->next) {
		if (n->type == XML_ELEMENT_NODE && g_strcmp0((const gchar *)n->name, "tasks") == 0)
			return n;
	}
	return vm->node;
}

/* the vCPUs of @part whose bandwidth leaves less than @headroom_pct of a core free */
static GString *
aa_rtanalysis_tight_vcpus(const AaRtPartition *part, gdouble headroom_pct)
{
	GString *str = g_string_new(NULL);

	for (guint c = 0; c < part->vcpus->len; c++) {
		const AaRtVcpu *v = g_ptr_array_index(part->vcpus, c);
		gdouble bw;

		if (v->period_us == 0)
			continue;
		bw = (gdouble)v->budget_us / (gdouble)v->period_us;
		if ((1.0 - bw) * 100.0 >= headroom_pct - 1e-9)
			continue;
		g_string_append_printf(str,
		                       "%svCPU %u reserves %.2f%% (Q = %g ms every P = %g ms, "
		                       "%u task%s), %.2f%% left",
		                       str->len > 0 ? "; " : "", c, bw * 100.0,
		                       v->budget_us / 1000.0, v->period_us / 1000.0, v->tasks->len,
		                       v->tasks->len == 1 ? "" : "s", (1.0 - bw) * 100.0);
	}
	return str;
}

/**
 * aa_rtanalysis_check_headroom:
 * @scenario: the scenario
 * @intent: the intent
 * @report: where diagnostics go
 *
 * `rt-headroom` (warning): an RT VM whose task set is schedulable on its
 * pCPUs, but where the periodic-resource reservation of a vCPU (the "Ovh"
 * partition on as many vCPUs as pCPUs) leaves less of its core free than
 * `<policy rt-headroom-pct>` (default 10%).  The fix names the vCPU count
 * that restores the headroom, when one up to the number of tasks does.
 */
void
aa_rtanalysis_check_headroom(AaScenario *scenario, AaIntent *intent, AaDiagnostics *report)
{
	gdouble headroom = aa_rtanalysis_headroom_pct(intent);

	for (guint i = 0; i < intent->vms->len; i++) {
		AaIntentVm *ivm = g_ptr_array_index(intent->vms, i);
		AaVm *vm = aa_intent_vm_get_scenario_vm(ivm, scenario);
		g_autoptr(AaRtPartition) part = NULL;
		g_autoptr(GString) tight = NULL;
		g_autofree gchar *msg = NULL;
		g_autofree gchar *fix = NULL;
		g_autofree gchar *xpath = NULL;
		guint n;

		if (vm == NULL || ivm->tasks == NULL || ivm->tasks->len == 0 ||
		    ivm->tasks->len > AA_RTANALYSIS_MAX_TASKS)
			continue;
		n = vm->affinity != NULL ? vm->affinity->len : 0;
		/* rt-unschedulable reports a task set that does not fit at all */
		if (n == 0 || n > AA_RTANALYSIS_MAX_VCPUS || !aa_rtsched_vm_fits(ivm, n))
			continue;
		part = aa_rtanalysis_partition(ivm->tasks, n, aa_rtanalysis_vm_policy(ivm));
		if (part->schedulable)
			tight = aa_rtanalysis_tight_vcpus(part, headroom);
		if (part->schedulable && tight->len == 0)
			continue;
		if (!part->schedulable)
			msg = g_strdup_printf("the task set fits %u dedicated cores, but its "
			                      "compositional partition on %u vCPUs has no "
			                      "reservation for every vCPU; no headroom is left",
			                      n, n);
		else
			msg = g_strdup_printf("%s; the policy asks %g%% headroom per core",
			                      tight->str, headroom);
		for (guint more = n + 1; more <= MIN(ivm->tasks->len, n + 4); more++) {
			g_autoptr(AaRtPartition) p =
			    aa_rtanalysis_partition(ivm->tasks, more, aa_rtanalysis_vm_policy(ivm));
			g_autoptr(GString) t = NULL;
			if (!p->schedulable)
				continue;
			t = aa_rtanalysis_tight_vcpus(p, headroom);
			if (t->len == 0) {
				fix = g_strdup_printf("give VM %s %u P-core pCPUs (see 'acrn-alloc "
				                      "rt-analyze --vm %s --vcpus %u'), shorten "
				                      "WCETs, or lower <policy rt-headroom-pct>",
				                      vm->name, more, ivm->name, more);
				break;
			}
		}
		if (fix == NULL)
			fix = g_strdup("shorten the tasks' WCETs or lengthen their periods, or "
			               "lower <policy rt-headroom-pct>");
		xpath = aa_xml_path(aa_rtanalysis_tasks_node(ivm));
		aa_diagnostics_add(report, aa_diagnostic_new("rt-headroom", AA_SEVERITY_WARNING,
		                                             vm->name, intent->filename,
		                                             aa_rtanalysis_tasks_line(ivm), xpath,
		                                             msg, fix));
	}
}
