/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * `acrn-alloc rt-analyze`: the compositional analysis of one RT VM's task set,
 * as text or as the JSON of FORMATS.md v2, with each reservation also written
 * as SCHED_DEADLINE parameters.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "aa-context-private.h"
#include "aa-error.h"
#include "aa-json.h"
#include "aa-rtanalysis.h"
#include "aa-xml.h"

/* one analysis: the partition on N vCPUs and global EDF on as many */
typedef struct {
	AaRtPartition *partition;
	AaRtGlobal global;
} AaRtAnalysis;

static void
aa_rtanalysis_run_clear(AaRtAnalysis *self)
{
	g_clear_pointer(&self->partition, aa_rtanalysis_partition_free);
}

static gdouble
aa_rtanalysis_run_ms(guint64 us)
{
	return (gdouble)us / 1000.0;
}

static gdouble
aa_rtanalysis_run_bandwidth(guint64 budget_us, guint64 period_us)
{
	return period_us > 0 ? (gdouble)budget_us / (gdouble)period_us : 0.0;
}

/* SCHED_DEADLINE runtime/deadline/period in ns, implicit deadline */
static void
aa_rtanalysis_run_json_deadline(JsonBuilder *b, guint64 runtime_us, guint64 period_us)
{
	aa_json_begin_object(b, "sched_deadline");
	aa_json_add_int(b, "runtime_ns", (gint64)runtime_us * 1000);
	aa_json_add_int(b, "deadline_ns", (gint64)period_us * 1000);
	aa_json_add_int(b, "period_ns", (gint64)period_us * 1000);
	json_builder_end_object(b);
}

static void
aa_rtanalysis_run_json_analysis(JsonBuilder *b, const AaRtAnalysis *a)
{
	const AaRtPartition *p = a->partition;
	const AaRtGlobal *g = &a->global;

	aa_json_begin_object(b, "partitioned");
	aa_json_add_int(b, "vcpus", p->n_vcpus);
	aa_json_add_boolean(b, "schedulable", p->schedulable);
	aa_json_add_double(b, "bandwidth", aa_rtanalysis_partition_bandwidth(p));
	aa_json_begin_array(b, "vcpu");
	for (guint c = 0; c < p->vcpus->len; c++) {
		const AaRtVcpu *v = g_ptr_array_index(p->vcpus, c);
		json_builder_begin_object(b);
		aa_json_begin_array(b, "tasks");
		for (guint i = 0; i < v->tasks->len; i++)
			aa_json_add_string(b, NULL,
			                   ((const AaTask *)g_ptr_array_index(v->tasks, i))->name);
		json_builder_end_array(b);
		aa_json_add_double(b, "budget_ms", aa_rtanalysis_run_ms(v->budget_us));
		aa_json_add_double(b, "period_ms", aa_rtanalysis_run_ms(v->period_us));
		aa_json_add_double(b, "bandwidth",
		                   aa_rtanalysis_run_bandwidth(v->budget_us, v->period_us));
		aa_json_add_double(b, "fluid_bandwidth", v->fluid);
		if (v->period_us > 0)
			aa_rtanalysis_run_json_deadline(b, v->budget_us, v->period_us);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	if (p->unplaced->len > 0) {
		aa_json_begin_array(b, "unplaced");
		for (guint i = 0; i < p->unplaced->len; i++)
			aa_json_add_string(
			    b, NULL, ((const AaTask *)g_ptr_array_index(p->unplaced, i))->name);
		json_builder_end_array(b);
	}
	json_builder_end_object(b);

	aa_json_begin_object(b, "global");
	aa_json_add_int(b, "vcpus", g->n_vcpus);
	aa_json_add_boolean(b, "schedulable", g->schedulable);
	/* NaN is null: no reservation */
	aa_json_add_double(b, "budget_ms",
	                   g->schedulable ? aa_rtanalysis_run_ms(g->budget_us) : NAN);
	aa_json_add_double(b, "period_ms", aa_rtanalysis_run_ms(g->period_us));
	aa_json_add_double(b, "per_vcpu_budget_ms",
	                   g->schedulable && g->n_vcpus > 0
	                       ? aa_rtanalysis_run_ms(g->budget_us) / g->n_vcpus
	                       : NAN);
	aa_json_add_double(b, "bandwidth",
	                   g->schedulable ? aa_rtanalysis_run_bandwidth(g->budget_us, g->period_us)
	                                  : NAN);
	if (g->schedulable && g->n_vcpus > 0 && g->budget_us % g->n_vcpus == 0)
		aa_rtanalysis_run_json_deadline(b, g->budget_us / g->n_vcpus, g->period_us);
	json_builder_end_object(b);
}

static void
aa_rtanalysis_run_text_analysis(GString *str, const AaRtAnalysis *a)
{
	const AaRtPartition *p = a->partition;
	const AaRtGlobal *g = &a->global;

	g_string_append_printf(str,
	                       "partitioned on %u vCPU%s (Ovh placement, periodic-resource "
	                       "interfaces): %s, %.2f%% of a core\n",
	                       p->n_vcpus, p->n_vcpus == 1 ? "" : "s",
	                       p->schedulable ? "schedulable" : "NOT schedulable",
	                       aa_rtanalysis_partition_bandwidth(p) * 100.0);
	for (guint c = 0; c < p->vcpus->len; c++) {
		const AaRtVcpu *v = g_ptr_array_index(p->vcpus, c);
		g_string_append_printf(str, "  vCPU %u: {", c);
		for (guint i = 0; i < v->tasks->len; i++)
			g_string_append_printf(
			    str, "%s%s", i > 0 ? ", " : "",
			    ((const AaTask *)g_ptr_array_index(v->tasks, i))->name);
		if (v->period_us == 0) {
			g_string_append(str, "} no reservation\n");
			continue;
		}
		g_string_append_printf(
		    str, "} Q = %g ms, P = %g ms: %.2f%%\n", aa_rtanalysis_run_ms(v->budget_us),
		    aa_rtanalysis_run_ms(v->period_us),
		    aa_rtanalysis_run_bandwidth(v->budget_us, v->period_us) * 100);
		g_string_append_printf(str,
		                       "    chrt --deadline --sched-runtime %" G_GUINT64_FORMAT
		                       " --sched-deadline %" G_GUINT64_FORMAT
		                       " --sched-period %" G_GUINT64_FORMAT " -p 0 <vCPU%u-tid>\n",
		                       v->budget_us * 1000, v->period_us * 1000,
		                       v->period_us * 1000, c);
	}
	for (guint i = 0; i < p->unplaced->len; i++)
		g_string_append_printf(str, "  fits on no vCPU: %s\n",
		                       ((const AaTask *)g_ptr_array_index(p->unplaced, i))->name);
	if (!g->schedulable) {
		g_string_append_printf(str,
		                       "global EDF on %u vCPU%s (MPR, period %g ms): no budget up "
		                       "to %u whole vCPUs is proven\n",
		                       g->n_vcpus, g->n_vcpus == 1 ? "" : "s",
		                       aa_rtanalysis_run_ms(g->period_us), g->n_vcpus);
		return;
	}
	g_string_append_printf(
	    str,
	    "global EDF (MPR, period %g ms), cheapest on %u of the %u vCPUs: %g ms "
	    "in total, %g ms per vCPU, %.2f%% of a core\n",
	    aa_rtanalysis_run_ms(g->period_us), g->n_vcpus, p->n_vcpus,
	    aa_rtanalysis_run_ms(g->budget_us), aa_rtanalysis_run_ms(g->budget_us) / g->n_vcpus,
	    aa_rtanalysis_run_bandwidth(g->budget_us, g->period_us) * 100);
	if (g->budget_us % g->n_vcpus == 0) {
		guint64 q = g->budget_us / g->n_vcpus;
		g_string_append_printf(str,
		                       "    chrt --deadline --sched-runtime %" G_GUINT64_FORMAT
		                       " --sched-deadline %" G_GUINT64_FORMAT
		                       " --sched-period %" G_GUINT64_FORMAT
		                       " -p 0 <tid>  (each vCPU thread)\n",
		                       q * 1000, g->period_us * 1000, g->period_us * 1000);
	}
}

static gboolean
aa_rtanalysis_run_uint(GHashTable *options, const gchar *key, guint64 max, guint64 *value,
                       GError **error)
{
	const gchar *text = aa_context_option(options, key, NULL);
	if (text == NULL)
		return TRUE;
	if (!aa_xml_parse_uint64(text, value) || *value == 0 || *value > max) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		            "--%s '%s' must be a whole number from 1 to %" G_GUINT64_FORMAT, key,
		            text, max);
		return FALSE;
	}
	return TRUE;
}

static void
aa_rtanalysis_run_one(AaIntentVm *vm, AaRtschedPolicy policy, guint n, guint64 global_period_us,
                      AaRtAnalysis *out)
{
	out->partition = aa_rtanalysis_partition(vm->tasks, n, policy);
	aa_rtanalysis_global_best(vm->tasks, n, global_period_us, &out->global);
}

/**
 * aa_rtanalysis_run:
 * @ctx: a context with an intent
 * @options: `vm` (required), `vcpus`, `global-period-ms` (default 10),
 *   `format` (text or json), `policy` (rm or edf: overrides the intent)
 * @error: return location
 *
 * The `rt-analyze` transform.  Without `vcpus` it analyses the smallest N
 * whose partition is schedulable and N + 1 (under "next").  Sets the option
 * `result` to `unschedulable` when a requested N is not schedulable, so the
 * host can exit 1.
 *
 * Returns: (transfer full): the report
 */
gchar *
aa_rtanalysis_run(AaPluginContext *ctx, GHashTable *options, GError **error)
{
	const gchar *vm_name = aa_context_option(options, "vm", NULL);
	const gchar *format = aa_context_option(options, "format", "text");
	const gchar *policy_text = aa_context_option(options, "policy", NULL);
	guint64 vcpus = 0;
	guint64 period_ms = AA_RTANALYSIS_GLOBAL_PERIOD_US / 1000;
	AaIntentVm *vm;
	AaRtschedPolicy policy;
	guint n;
	guint min_n;
	guint pcores;
	AaRtAnalysis first = {0};
	AaRtAnalysis next = {0};
	gboolean has_next;
	gchar *out;

	if (!aa_context_require(ctx, FALSE, FALSE, TRUE, error))
		return NULL;
	if (aa_context_missing_option(vm_name == NULL, "rt-analyze needs --vm NAME", error))
		return NULL;
	if (g_strcmp0(format, "text") != 0 && g_strcmp0(format, "json") != 0) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		            "unknown --format '%s'; use text or json", format);
		return NULL;
	}
	if (policy_text != NULL && g_strcmp0(policy_text, "rm") != 0 &&
	    g_strcmp0(policy_text, "edf") != 0) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		            "unknown --policy '%s'; use rm or edf", policy_text);
		return NULL;
	}
	if (!aa_rtanalysis_run_uint(options, "vcpus", AA_RTANALYSIS_MAX_VCPUS, &vcpus, error) ||
	    !aa_rtanalysis_run_uint(options, "global-period-ms", 1000, &period_ms, error))
		return NULL;
	vm = aa_intent_get_vm(ctx->intent, vm_name);
	if (vm == NULL) {
		g_set_error(error, AA_ERROR, AA_ERROR_NOT_FOUND, "the intent %s has no VM '%s'",
		            ctx->intent->filename, vm_name);
		return NULL;
	}
	if (vm->tasks == NULL || vm->tasks->len == 0) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, ctx->intent->filename, vm->line,
		                "VM '%s' has no <tasks>; add its periodic tasks (wcet-us, "
		                "period-us) to analyse it",
		                vm_name);
		return NULL;
	}
	if (!aa_rtanalysis_check(vm->tasks, ctx->intent->filename, aa_rtanalysis_tasks_line(vm),
	                         error))
		return NULL;
	policy = policy_text != NULL
	             ? (g_strcmp0(policy_text, "rm") == 0 ? AA_RTSCHED_RM : AA_RTSCHED_EDF)
	             : aa_rtanalysis_vm_policy(vm);

	/* the requested count, or the smallest that works and one more */
	min_n = aa_rtanalysis_min_vcpus(vm->tasks, policy);
	pcores = aa_rtsched_vm_min_pcores(vm);
	if (min_n == G_MAXUINT)
		min_n = vm->tasks->len;
	n = vcpus > 0 ? (guint)vcpus : min_n;
	has_next = vcpus == 0;
	aa_rtanalysis_run_one(vm, policy, n, period_ms * 1000, &first);
	if (has_next)
		aa_rtanalysis_run_one(vm, policy, n + 1, period_ms * 1000, &next);
	if (!first.partition->schedulable)
		g_hash_table_insert(options, g_strdup("result"), g_strdup("unschedulable"));

	if (g_strcmp0(format, "json") == 0) {
		g_autoptr(JsonBuilder) b = json_builder_new();
		gdouble u = 0.0;

		for (guint i = 0; i < vm->tasks->len; i++) {
			const AaTask *t = g_ptr_array_index(vm->tasks, i);
			u += (gdouble)t->wcet_us / (gdouble)t->period_us;
		}
		json_builder_begin_object(b);
		aa_json_add_string(b, "vm", vm->name);
		aa_json_add_string(b, "policy", policy == AA_RTSCHED_RM ? "rm" : "edf");
		aa_json_add_double(b, "utilization", u);
		aa_json_add_int(b, "min_vcpus", min_n);
		aa_json_add_int(b, "dedicated_pcores", pcores == G_MAXUINT ? -1 : (gint64)pcores);
		aa_rtanalysis_run_json_analysis(b, &first);
		if (has_next) {
			aa_json_begin_object(b, "next");
			aa_rtanalysis_run_json_analysis(b, &next);
			json_builder_end_object(b);
		}
		json_builder_end_object(b);
		out = aa_json_to_text(b);
	} else {
		GString *str = g_string_new(NULL);
		gdouble u = 0.0;

		for (guint i = 0; i < vm->tasks->len; i++) {
			const AaTask *t = g_ptr_array_index(vm->tasks, i);
			u += (gdouble)t->wcet_us / (gdouble)t->period_us;
		}
		g_string_append_printf(
		    str, "VM %s: %u tasks, utilisation %.4f, guest scheduler %s\n", vm->name,
		    vm->tasks->len, u,
		    policy == AA_RTSCHED_RM ? "fixed priority (rate monotonic)" : "EDF");
		if (has_next)
			g_string_append_printf(str,
			                       "smallest schedulable partition: %u vCPUs; showing "
			                       "%u and %u\n",
			                       min_n, n, n + 1);
		aa_rtanalysis_run_text_analysis(str, &first);
		if (has_next)
			aa_rtanalysis_run_text_analysis(str, &next);
		if (pcores != G_MAXUINT)
			g_string_append_printf(str,
			                       "dedicated P-cores the validator needs (first-fit "
			                       "decreasing, whole cores): %u\n",
			                       pcores);
		g_string_append(
		    str, "SCHED_DEADLINE lines (ns) are for a host with reservation "
		         "scheduling (Linux/KVM); ACRN's own schedulers do not take them.\n");
		out = g_string_free(str, FALSE);
	}
	aa_rtanalysis_run_clear(&first);
	aa_rtanalysis_run_clear(&next);
	return out;
}
