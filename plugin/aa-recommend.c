/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The recommend hook: capacity, VM models, the chosen search and both
 * baselines, placement of counts onto pCPU IDs and VFs, and
 * recommendation.xml in the layout of FORMATS.md.
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <unistd.h>

#include "aa-capacity.h"
#include "aa-context-private.h"
#include "aa-error.h"
#include "aa-intent-private.h"
#include "aa-leftover.h"
#include "aa-limits.h"
#include "aa-forecast.h"
#include "aa-model-private.h"
#include "aa-placement.h"
#include "aa-explain.h"
#include "aa-recommend.h"
#include "aa-rtanalysis.h"
#include "aa-scenario-private.h"
#include "aa-util.h"
#include "aa-xml.h"
#include "aa-xml-attr.h"

typedef struct {
	AaCapacityInfo *cap;
	GPtrArray *models; /* AaVmModel, intent order */
	AaProblem problem;
	AaStrategy strategy;
	AaSearchResult *result;       /* the chosen strategy */
	AaSearchResult *baselines[2]; /* equal, proportional */
	GPtrArray *placed;            /* AaPlacementVm, intent order */
	AaModelOptions model_options;
	gdouble target_scale;          /* M of the robust objective */
	const AaRecommendHooks *hooks; /* refine's additions, or NULL */
	AaForecastSizing *forecast;    /* <policy demand="forecast">, robust model */
	GArray *leftover;              /* AaLeftover: free capacity given after the search */
	gdouble searched_objective;    /* the search's objective before it */
	gdouble searched_score;        /* and its VMOptScore part */
} AaRecommend;

/* what the search's objective is made of, for one allocation of every VM */
typedef struct {
	gdouble score;      /* sum of VMOptScore */
	gdouble met_weight; /* weight of the targets met (robust: with the margin) */
	gdouble credit;     /* robust first level: plus half the weight met only nominally */
	guint n_met;
	guint n_targets;
	gdouble objective; /* what the search maximises (eval.objective summed) */
} AaRecommendTally;

static void
aa_recommend_tally(AaRecommend *self, GArray *allocs, AaRecommendTally *tally)
{
	memset(tally, 0, sizeof(*tally));
	for (guint i = 0; allocs != NULL && i < allocs->len && i < self->models->len; i++) {
		AaVmModel *model = g_ptr_array_index(self->models, i);
		AaVmEvaluation eval = {0};
		aa_vm_model_evaluate(model, &g_array_index(allocs, AaAlloc, i),
		                     self->problem.lambda_scale, &eval);
		tally->score += eval.total;
		tally->met_weight += eval.met_weight;
		tally->credit += eval.credit;
		tally->n_met += eval.n_met;
		tally->n_targets += eval.n_targets;
		tally->objective += eval.objective;
		aa_vm_evaluation_clear(&eval);
	}
}

static void
aa_recommend_attr_tally(xmlNode *node, AaRecommend *self, GArray *allocs)
{
	AaRecommendTally tally;

	aa_recommend_tally(self, allocs, &tally);
	aa_xml_attr_double(node, "score", tally.score, 9);
	aa_xml_attr_uint(node, "targets-met", tally.n_met);
	aa_xml_attr_uint(node, "targets", tally.n_targets);
	aa_xml_attr_double(node, "targets-met-weight", tally.met_weight, 9);
	if (self->model_options.kind == AA_MODEL_KIND_ROBUST)
		aa_xml_attr_double(node, "first-level", tally.credit, 9);
}

static void
aa_recommend_clear(AaRecommend *self)
{
	g_clear_pointer(&self->cap, aa_capacity_info_free);
	g_clear_pointer(&self->models, g_ptr_array_unref);
	g_clear_pointer(&self->result, aa_search_result_free);
	for (guint i = 0; i < G_N_ELEMENTS(self->baselines); i++)
		g_clear_pointer(&self->baselines[i], aa_search_result_free);
	g_clear_pointer(&self->placed, g_ptr_array_unref);
	g_clear_pointer(&self->forecast, aa_forecast_sizing_free);
	g_clear_pointer(&self->leftover, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(AaRecommend, aa_recommend_clear)

/* <forecast> per resource with <policy demand="forecast"> (docs/forecast.md):
 * the forecast, the chosen bin, its coverage and the chart's points */
static void
aa_recommend_add_forecast(xmlNode *parent, AaForecastSizing *forecast, const AaVmModel *model)
{
	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		const AaForecastDemand *d =
		    aa_forecast_sizing_lookup(forecast, model->vm, k, model->r_prof[k]);
		xmlNode *node;
		if (d == NULL)
			continue;
		node = aa_xml_attr_child(parent, "forecast");
		aa_xml_attr_text(node, "resource", aa_resource_to_string(k));
		if (!d->valid) {
			aa_xml_attr_text(node, "status", "unavailable");
			aa_xml_attr_text(node, "reason", d->reason);
			aa_xml_attr_double(node, "trace-size", d->trace_size, 9);
			continue;
		}
		aa_xml_attr_text(node, "status", "ok");
		aa_xml_attr_text(node, "model", aa_forecast_model_to_string(d->model));
		if (isfinite(d->accuracy_pct))
			aa_xml_attr_double(node, "accuracy-pct", d->accuracy_pct, 4);
		aa_xml_attr_double(node, "horizon-s", d->horizon_s, 9);
		aa_xml_attr_double(node, "mean", d->mean, 6);
		aa_xml_attr_double(node, "q50", d->q50, 6);
		aa_xml_attr_double(node, "q90", d->q90, 6);
		aa_xml_attr_double(node, "q95", d->q95, 6);
		aa_xml_attr_double(node, "q99", d->q99, 6);
		aa_xml_attr_double(node, "bin", d->bin, 9);
		aa_xml_attr_double(node, "coverage", d->coverage, 4);
		aa_xml_attr_double(node, "trace-size", d->trace_size, 9);
		for (guint i = 0; i + 2 < d->chart->len; i += 3) {
			gdouble t = g_array_index(d->chart, gdouble, i);
			xmlNode *point = aa_xml_attr_child(node, t <= 0 ? "point" : "band");
			aa_xml_attr_double(point, "t", t, 6);
			if (t <= 0) {
				aa_xml_attr_double(point, "v",
				                   g_array_index(d->chart, gdouble, i + 1), 6);
			} else {
				aa_xml_attr_double(point, "lo",
				                   g_array_index(d->chart, gdouble, i + 1), 6);
				aa_xml_attr_double(point, "hi",
				                   g_array_index(d->chart, gdouble, i + 2), 6);
			}
		}
	}
}

/* <allocation> of a VM: the counts, its pCPUs (and idle ones) and its VF */
static void
aa_recommend_add_allocation(AaRecommend *self, xmlNode *parent, const AaVmModel *model,
                            const AaPlacementVm *pvm)
{
	const AaAlloc *r = &pvm->alloc;
	xmlNode *node = aa_xml_attr_child(parent, "allocation");

	aa_xml_attr_int(node, "p-cores", r->p_cores);
	aa_xml_attr_int(node, "e-cores", r->e_cores);
	aa_xml_attr_int(node, "memory-mib", r->memory_mib);
	aa_xml_attr_int(node, "gpu-slices", r->gpu_slices);
	if (model->rt)
		aa_xml_attr_bool(node, "isolated", pvm->isolated);
	aa_xml_attr_pcpus(node, pvm->pcpus);
	if (self->cap->io_group != NULL) {
		/* R mode: idle pCPUs for a best-effort VM (docs/io-groups.md) */
		const GArray *idle = aa_iogroup_idle_of(self->cap->io_group, pvm->name);
		for (guint j = 0; idle != NULL && j < idle->len; j++) {
			xmlNode *pcpu = aa_xml_attr_child(node, "pcpu");
			aa_xml_attr_uint(pcpu, "id", g_array_index(idle, guint, j));
			aa_xml_attr_bool(pcpu, "idle", TRUE);
		}
	}
	if (pvm->vf_bdf != NULL)
		aa_xml_attr_text(aa_xml_attr_child(node, "gpu-vf"), "bdf", pvm->vf_bdf);
}

/* <predicted> of one QoS metric */
static void
aa_recommend_add_predicted(xmlNode *parent, const AaVmModel *model, const AaQosPrediction *p,
                           guint j)
{
	xmlNode *node = aa_xml_attr_child(parent, "predicted");

	aa_xml_attr_text(node, "metric", p->qos->metric);
	aa_xml_attr_double(node, "value", p->predicted, 6);
	aa_xml_attr_double(node, "target", p->qos->target, 9);
	aa_xml_attr_bool(node, "met", p->met);
	aa_xml_attr_double(node, "score", p->score, 9);
	aa_xml_attr_double(node, "profiled", p->profiled, 9);
	aa_xml_attr_text(node, "direction", p->qos->higher_is_better ? "higher" : "lower");
	/* robust: how sure the model is, and the margin "met" asked for */
	aa_xml_attr_bool(node, "nominal-met", p->nominal_met);
	aa_xml_attr_double(node, "sigma", p->sigma, 6);
	aa_xml_attr_double(node, "margin", p->margin, 6);
	aa_xml_attr_text(node, "sigma-source", aa_vm_model_qos_at(model, j)->sigma_source);
	aa_xml_attr_text(node, "family", p->family);
}

/* <score> of a VM */
static void
aa_recommend_add_score(xmlNode *parent, const AaVmEvaluation *eval)
{
	xmlNode *node = aa_xml_attr_child(parent, "score");

	aa_xml_attr_double(node, "perf", eval->perf, 9);
	aa_xml_attr_double(node, "util", eval->util, 9);
	aa_xml_attr_double(node, "total", eval->total, 9);
	aa_xml_attr_double(node, "targets-met-weight", eval->met_weight, 9);
	aa_xml_attr_double(node, "objective", eval->objective, 9);
}

/* <model>: the model behind the prediction, for reports and for checking by hand */
static void
aa_recommend_add_model(xmlNode *parent, const AaVmModel *model, const AaVmEvaluation *eval)
{
	xmlNode *node = aa_xml_attr_child(parent, "model");

	aa_xml_attr_text(node, "kind", aa_model_kind_to_string(model->kind));
	aa_xml_attr_double(node, "eta", model->eta, 9);
	if (model->kind == AA_MODEL_KIND_ROBUST) {
		aa_xml_attr_double(node, "z", model->z, 9);
		aa_xml_attr_double(node, "anchor", model->anchor, 9);
	}
	aa_xml_attr_double(node, "factor", eval->factor, 9);
	aa_xml_attr_bool(node, "fitted", model->fitted);
	if (model->fitted) {
		aa_xml_attr_double(node, "fit-mse", model->fit_mse, 9);
		aa_xml_attr_uint(node, "fit-rows", model->fit_rows);
	}
	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		xmlNode *res = aa_xml_attr_child(node, "resource");
		aa_xml_attr_text(res, "name", aa_resource_to_string(k));
		aa_xml_attr_double(res, "r-prof", model->r_prof[k], 9);
		aa_xml_attr_double(res, "r-min", model->r_min[k], 9);
		aa_xml_attr_double(res, "alpha", model->alpha[k], 9);
		aa_xml_attr_double(res, "utilization", eval->utilization[k], 9);
	}
}

/* the free capacity VM @i was given after the search, or NULL */
static const AaLeftover *
aa_recommend_leftover_of(AaRecommend *self, guint i)
{
	for (guint g = 0; self->leftover != NULL && g < self->leftover->len; g++) {
		const AaLeftover *gift = &g_array_index(self->leftover, AaLeftover, g);
		if (gift->vm == i)
			return gift;
	}
	return NULL;
}

/* the censored resources behind a gift: "cpu", "gpu", "cpu gpu", or "none"
 * (memory only) */
static const gchar *
aa_recommend_leftover_censored(const AaLeftover *gift)
{
	if (gift->cpu && gift->gpu)
		return "cpu gpu";
	if (!gift->cpu && !gift->gpu)
		return "none";
	return gift->cpu ? "cpu" : "gpu";
}

/* <free-capacity>: what VM @i was given after the search */
static void
aa_recommend_add_leftover(AaRecommend *self, xmlNode *parent, guint i)
{
	const AaLeftover *gift = aa_recommend_leftover_of(self, i);
	xmlNode *node;

	if (gift == NULL)
		return;
	node = aa_xml_attr_child(parent, "free-capacity");
	aa_xml_attr_int(node, "p-cores", gift->added.p_cores);
	aa_xml_attr_int(node, "e-cores", gift->added.e_cores);
	aa_xml_attr_int(node, "gpu-slices", gift->added.gpu_slices);
	if (gift->memory)
		aa_xml_attr_int(node, "memory-mib", gift->added.memory_mib);
	aa_xml_attr_text(node, "censored", aa_recommend_leftover_censored(gift));
	if (gift->missed)
		aa_xml_attr_text(node, "predicted-miss", "true");
	if (gift->e_cores_returned > 0)
		aa_xml_attr_int(node, "e-cores-returned", gift->e_cores_returned);
}

/* <vm>: the allocation of VM @i, its predictions, score and model */
static void
aa_recommend_add_vm(AaRecommend *self, AaPluginContext *ctx, xmlNode *parent, guint i)
{
	AaVmModel *model = g_ptr_array_index(self->models, i);
	AaPlacementVm *pvm = g_ptr_array_index(self->placed, i);
	AaVm *svm = aa_intent_vm_get_scenario_vm(model->vm, ctx->scenario);
	AaVmEvaluation eval = {0};
	xmlNode *node = aa_xml_attr_child(parent, "vm");

	aa_vm_model_evaluate(model, &pvm->alloc, self->problem.lambda_scale, &eval);
	aa_xml_attr_text(node, "name", model->vm->name);
	if (svm != NULL)
		aa_xml_attr_uint(node, "id", svm->id);
	aa_xml_attr_text(node, "class", aa_vm_class_to_string(model->vm->klass));
	aa_xml_attr_bool(node, "rt", model->rt);
	aa_recommend_add_allocation(self, node, model, pvm);
	for (guint j = 0; j < eval.qos->len; j++)
		aa_recommend_add_predicted(node, model,
		                           &g_array_index(eval.qos, AaQosPrediction, j), j);
	aa_recommend_add_score(node, &eval);
	aa_recommend_add_model(node, model, &eval);
	/* an RT task set: each vCPU's reservation (Q, P) and the headroom it leaves */
	aa_rtanalysis_reservation_add(node, (AaIntentVm *)model->vm, pvm->pcpus,
	                              (guint)pvm->alloc.p_cores,
	                              aa_rtanalysis_headroom_pct(ctx->intent));
	if (self->hooks != NULL && self->hooks->write_vm != NULL)
		self->hooks->write_vm(node, i, self->hooks->data);
	if (self->forecast != NULL)
		aa_recommend_add_forecast(node, self->forecast, model);
	aa_recommend_add_leftover(self, node, i);
	aa_vm_evaluation_clear(&eval);
}

/* <capacity>: what the VMs share */
static void
aa_recommend_add_capacity(xmlNode *parent, const AaCapacity *cap)
{
	xmlNode *node = aa_xml_attr_child(parent, "capacity");

	aa_xml_attr_int(node, "p-cores", cap->p_cores);
	aa_xml_attr_int(node, "e-cores", cap->e_cores);
	aa_xml_attr_int(node, "memory-mib", cap->memory_mib);
	aa_xml_attr_int(node, "gpu-slices", cap->gpu_slices);
	aa_xml_attr_int(node, "gpu-vfs", cap->gpu_vfs);
}

/* <search>: how the chosen allocation was found */
static void
aa_recommend_add_search(AaRecommend *self, xmlNode *parent)
{
	xmlNode *node = aa_xml_attr_child(parent, "search");

	aa_xml_attr_double(node, "objective", self->result->objective, 9);
	aa_xml_attr_bool(node, "optimal", self->result->optimal);
	aa_xml_attr_uint(node, "nodes", self->result->nodes);
	aa_xml_attr_uint(node, "pruned", self->result->pruned);
	aa_xml_attr_double(node, "seconds", self->result->seconds, 3);
	/* the objective's two parts: robust maximises M * targets-met-weight + score */
	aa_recommend_attr_tally(node, self, self->result->allocs);
	if (self->model_options.kind == AA_MODEL_KIND_ROBUST) {
		aa_xml_attr_double(node, "target-scale", self->target_scale, 9);
		aa_xml_attr_double(node, "target-confidence", self->model_options.target_confidence,
		                   9);
		aa_xml_attr_double(node, "demand-confidence", self->model_options.demand_confidence,
		                   9);
		aa_xml_attr_double(node, "memory-headroom", self->model_options.memory_headroom, 9);
	}
	if (self->leftover != NULL && self->leftover->len > 0)
		aa_xml_attr_double(node, "searched-objective", self->searched_objective, 9);
	if (self->result->timed_out) {
		aa_xml_attr_double(node, "gap", self->result->gap, 9);
		aa_xml_attr_double(node, "time-limit", self->problem.time_limit, 9);
	}
}

/* <baseline>: a comparison strategy and, when it found one, its allocation */
static void
aa_recommend_add_baseline(AaRecommend *self, xmlNode *parent, AaSearchResult *base)
{
	xmlNode *node = aa_xml_attr_child(parent, "baseline");

	aa_xml_attr_text(node, "strategy", aa_strategy_to_string(base->strategy));
	aa_xml_attr_double(node, "objective", base->objective, 9);
	aa_xml_attr_bool(node, "feasible", base->feasible);
	if (base->allocs == NULL || base->allocs->len != self->models->len)
		return;
	aa_recommend_attr_tally(node, self, base->allocs);
	for (guint i = 0; i < base->allocs->len; i++) {
		AaVmModel *model = g_ptr_array_index(self->models, i);
		const AaAlloc *r = &g_array_index(base->allocs, AaAlloc, i);
		xmlNode *alloc = aa_xml_attr_child(node, "allocation");
		aa_xml_attr_text(alloc, "vm", model->vm->name);
		aa_xml_attr_int(alloc, "p-cores", r->p_cores);
		aa_xml_attr_int(alloc, "e-cores", r->e_cores);
		aa_xml_attr_int(alloc, "memory-mib", r->memory_mib);
		aa_xml_attr_int(alloc, "gpu-slices", r->gpu_slices);
	}
}

/* <service-vm>: what the allocation was not free to use */
static void
aa_recommend_add_service_vm(AaRecommend *self, AaPluginContext *ctx, xmlNode *parent)
{
	AaVm *service = aa_scenario_get_service_vm(ctx->scenario);
	xmlNode *node = aa_xml_attr_child(parent, "service-vm");

	if (service != NULL)
		aa_xml_attr_text(node, "name", service->name);
	aa_xml_attr_uint(node, "memory-mib", ctx->intent->service_memory_mib);
	aa_xml_attr_uint(node, "hypervisor-memory-mib", ctx->intent->hypervisor_memory_mib);
	aa_xml_attr_pcpus(node, self->cap->service_pcpus);
}

/* <kept-vm>: a VM of the scenario the intent leaves as it is */
static void
aa_recommend_add_kept_vm(xmlNode *parent, AaVm *svm)
{
	xmlNode *node = aa_xml_attr_child(parent, "kept-vm");

	aa_xml_attr_text(node, "name", svm->name);
	aa_xml_attr_uint(node, "id", svm->id);
	aa_xml_attr_uint(node, "memory-mib", svm->memory_mib);
	for (guint j = 0; j < svm->affinity->len; j++)
		aa_xml_attr_uint(aa_xml_attr_child(node, "pcpu"), "id",
		                 g_array_index(svm->affinity, AaAffinity, j).pcpu_id);
}

/* recommendation.xml (FORMATS.md) as a libxml2 tree, written as text */
static gchar *
aa_recommend_to_xml(AaRecommend *self, AaPluginContext *ctx)
{
	g_autoptr(xmlDoc) doc = xmlNewDoc((const xmlChar *)"1.0");
	const gchar *modes[] = {"performance", "balanced", "efficiency"};
	xmlNode *root = xmlNewDocNode(doc, NULL, (const xmlChar *)"recommendation", NULL);

	xmlDocSetRootElement(doc, root);
	aa_xml_attr_text(root, "version", "1");
	aa_xml_attr_text(root, "strategy", aa_strategy_to_string(self->strategy));
	aa_xml_attr_text(root, "board", ctx->board->name);
	aa_xml_attr_text(root, "objective-mode", modes[ctx->intent->objective]);
	aa_xml_attr_text(root, "model", aa_model_kind_to_string(self->model_options.kind));
	aa_xml_attr_uint(root, "memory-quantum-mib", self->problem.memory_quantum_mib);
	aa_recommend_add_capacity(root, &self->problem.capacity);
	aa_recommend_add_search(self, root);
	if (self->hooks != NULL && self->hooks->write_root != NULL)
		self->hooks->write_root(root, self->hooks->data);
	for (guint i = 0; i < self->models->len; i++)
		aa_recommend_add_vm(self, ctx, root, i);
	for (guint b = 0; b < G_N_ELEMENTS(self->baselines); b++)
		aa_recommend_add_baseline(self, root, self->baselines[b]);
	aa_recommend_add_service_vm(self, ctx, root);
	for (guint i = 0; i < self->cap->kept.vms->len; i++)
		aa_recommend_add_kept_vm(root, g_ptr_array_index(self->cap->kept.vms, i));
	if (self->cap->io_group != NULL)
		xmlAddChild(root, aa_iogroup_to_xml(self->cap->io_group));
	return aa_xml_attr_doc_to_text(doc);
}

/* "QoS targets predicted met: n/m" and one line per predicted miss; returns the misses */
static guint
aa_recommend_targets(AaRecommend *self, GString *text)
{
	AaRecommendTally tally;
	guint missed = 0;

	aa_recommend_tally(self, self->result->allocs, &tally);
	g_string_append_printf(text, "QoS targets predicted met: %u/%u", tally.n_met,
	                       tally.n_targets);
	if (self->model_options.kind == AA_MODEL_KIND_ROBUST) {
		g_autofree gchar *conf =
		    aa_format_double(100.0 * self->model_options.target_confidence, 4);
		g_string_append_printf(text,
		                       " (robust model: each by a margin of z = %.3g standard "
		                       "errors, %s%% one-sided confidence)",
		                       self->models->len > 0
		                           ? ((AaVmModel *)g_ptr_array_index(self->models, 0))->z
		                           : 0.0,
		                       conf);
	} else {
		g_string_append(text, " (paper model: no margin for the model's error)");
	}
	g_string_append_c(text, '\n');
	for (guint i = 0; i < self->models->len; i++) {
		AaVmModel *model = g_ptr_array_index(self->models, i);
		const AaAlloc *r = &g_array_index(self->result->allocs, AaAlloc, i);
		AaVmEvaluation eval = {0};
		aa_vm_model_evaluate(model, r, self->problem.lambda_scale, &eval);
		for (guint j = 0; j < eval.qos->len; j++) {
			const AaQosPrediction *p = &g_array_index(eval.qos, AaQosPrediction, j);
			g_autofree gchar *value = NULL;
			g_autofree gchar *target = NULL;
			g_autofree gchar *margin = NULL;
			if (p->met)
				continue;
			missed++;
			value = aa_format_double(p->predicted, 4);
			target = aa_format_double(p->qos->target, 6);
			margin = aa_format_double(p->margin, 3);
			if (aa_vm_model_qos_at(model, j)->deadline)
				g_string_append_printf(
				    text,
				    "  predicted miss: %s %s: the task set is not "
				    "schedulable on %" G_GINT64_FORMAT " P-cores (target %s)\n",
				    model->vm->name, p->qos->metric, r->p_cores, target);
			else if (isnan(p->predicted))
				g_string_append_printf(
				    text,
				    "  predicted miss: %s %s cannot be predicted: "
				    "the profile's '# qos:' line has no value for "
				    "it (target %s)\n",
				    model->vm->name, p->qos->metric, target);
			else if (p->nominal_met)
				g_string_append_printf(
				    text,
				    "  predicted miss: %s %s predicted %s, target "
				    "%s: within the model's margin of %s\n",
				    model->vm->name, p->qos->metric, value, target, margin);
			else
				g_string_append_printf(
				    text,
				    "  predicted miss: %s %s predicted %s, target "
				    "%s\n",
				    model->vm->name, p->qos->metric, value, target);
		}
		aa_vm_evaluation_clear(&eval);
	}
	return missed;
}

/* " +N thing(s)" when @n > 0 */
static void
aa_recommend_append_count(GString *text, gint64 n, const gchar *thing)
{
	if (n > 0)
		g_string_append_printf(text, " +%" G_GINT64_FORMAT " %s%s", n, thing,
		                       n == 1 ? "" : "s");
}

/* one line per VM given free capacity after the search, and why */
static void
aa_recommend_leftover_summary(AaRecommend *self, GString *text)
{
	for (guint g = 0; self->leftover != NULL && g < self->leftover->len; g++) {
		const AaLeftover *gift = &g_array_index(self->leftover, AaLeftover, g);
		const AaVmModel *model = g_ptr_array_index(self->models, gift->vm);
		const gchar *sep = "";
		g_string_append_printf(text, "  free capacity given to %s:", model->vm->name);
		aa_recommend_append_count(text, gift->added.p_cores, "P-core");
		if (gift->e_cores_returned > 0)
			g_string_append_printf(
			    text, " in place of its %" G_GINT64_FORMAT " E-core%s",
			    gift->e_cores_returned, gift->e_cores_returned == 1 ? "" : "s");
		aa_recommend_append_count(text, gift->added.e_cores, "E-core");
		aa_recommend_append_count(text, gift->added.gpu_slices, "GPU slice");
		if (gift->memory)
			g_string_append_printf(text, " +%" G_GINT64_FORMAT " MiB",
			                       gift->added.memory_mib);
		g_string_append(text, " (no VM held it");
		if (gift->cpu || gift->gpu) {
			g_string_append(text, "; its");
			if (gift->cpu) {
				g_string_append(text, " CPU");
				sep = " and";
			}
			if (gift->gpu)
				g_string_append_printf(text, "%s GPU", sep);
			g_string_append(text, " ran saturated when profiled, so the model cannot "
			                      "tell how much more would help");
		}
		if (gift->e_cores_returned > 0)
			g_string_append(text,
			                "; a target is predicted missed on E-cores whose speed "
			                "no run may have measured, and a P-core is never "
			                "slower");
		if (gift->missed)
			g_string_append(text,
			                "; a target is predicted missed: cores and slices "
			                "it used while profiled up to the equal split's share, "
			                "as the model's \"no gain above the sized demand\" "
			                "is a prior, not a measurement");
		if (gift->memory)
			g_string_append(text, "; memory up to the equal split's share, as a "
			                      "profiled working set is only a lower bound");
		g_string_append(text, ")\n");
	}
}

static gchar *
aa_recommend_summary(AaRecommend *self, const gchar *output)
{
	g_autoptr(GString) text = g_string_new(NULL);
	g_autofree gchar *objective = aa_format_double(self->result->objective, 6);
	AaRecommendTally tally;

	aa_recommend_tally(self, self->result->allocs, &tally);
	g_string_append_printf(text, "wrote %s: %s allocation (%s model), objective %s", output,
	                       aa_strategy_to_string(self->strategy),
	                       aa_model_kind_to_string(self->model_options.kind), objective);
	if (self->model_options.kind == AA_MODEL_KIND_ROBUST) {
		/* the two levels of the lexicographic objective */
		g_autofree gchar *credit = aa_format_double(tally.credit, 6);
		g_autofree gchar *score = aa_format_double(tally.score, 6);
		g_autofree gchar *m = aa_format_double(self->target_scale, 6);
		g_string_append_printf(text,
		                       " = %s x %s (targets: the weight of those met with the "
		                       "margin, half of those met without it) + %s (VMOptScore)",
		                       m, credit, score);
	}
	if (self->strategy == AA_STRATEGY_OPTIMAL && self->result->optimal) {
		g_string_append_printf(text, " (proven optimal, %" G_GUINT64_FORMAT " nodes)",
		                       self->result->nodes);
	} else if (self->strategy == AA_STRATEGY_OPTIMAL) {
		g_autofree gchar *gap = aa_format_double(self->result->gap, 6);
		g_autofree gchar *limit = aa_format_double(self->problem.time_limit, 6);
		g_string_append_printf(text,
		                       " (NOT proven optimal: the time limit of %s s stopped the "
		                       "search after %" G_GUINT64_FORMAT
		                       " nodes; the optimum is at "
		                       "most %s higher; raise --time-limit to prove it)",
		                       limit, self->result->nodes, gap);
	}
	/* what the search found, before free capacity was added to it */
	if (self->leftover != NULL && self->leftover->len > 0) {
		g_autofree gchar *searched = aa_format_double(self->searched_score, 6);
		g_string_append_printf(text,
		                       ", plus free capacity (the search's allocation had "
		                       "VMOptScore %s)",
		                       searched);
	}
	g_string_append_c(text, '\n');
	for (guint i = 0; i < self->placed->len; i++) {
		AaPlacementVm *pvm = g_ptr_array_index(self->placed, i);
		g_string_append_printf(text,
		                       "  %-16s %" G_GINT64_FORMAT " P + %" G_GINT64_FORMAT
		                       " E, %" G_GINT64_FORMAT " MiB, %" G_GINT64_FORMAT
		                       " GPU slices, pCPUs",
		                       pvm->name, pvm->alloc.p_cores, pvm->alloc.e_cores,
		                       pvm->alloc.memory_mib, pvm->alloc.gpu_slices);
		for (guint j = 0; j < pvm->pcpus->len; j++)
			g_string_append_printf(text, "%s%u", j == 0 ? " " : ",",
			                       g_array_index(pvm->pcpus, guint, j));
		if (pvm->vf_bdf != NULL)
			g_string_append_printf(text, ", VF %s", pvm->vf_bdf);
		g_string_append_c(text, '\n');
	}
	aa_recommend_leftover_summary(self, text);
	aa_recommend_targets(self, text);
	for (guint b = 0; b < G_N_ELEMENTS(self->baselines); b++) {
		AaRecommendTally base;
		g_autofree gchar *obj = NULL;
		aa_recommend_tally(self, self->baselines[b]->allocs, &base);
		/* robust: the VMOptScore part, comparable with the paper's numbers */
		obj = aa_format_double(self->model_options.kind == AA_MODEL_KIND_ROBUST
		                           ? base.score
		                           : self->baselines[b]->objective,
		                       6);
		g_string_append_printf(text, "%s %s %s (targets met %u/%u)%s",
		                       b == 0 ? "  baselines (VMOptScore):" : ",",
		                       aa_strategy_to_string(self->baselines[b]->strategy), obj,
		                       base.n_met, base.n_targets,
		                       self->baselines[b]->feasible ? "" : " (infeasible)");
	}
	if (self->cap->io_group != NULL) {
		g_autofree gchar *io = aa_iogroup_summary(self->cap->io_group);
		g_string_append_printf(text, "\n%s", io);
	}
	return g_string_free(g_steal_pointer(&text), FALSE);
}

/* aa_leftover_give() on the search's allocation; the objective becomes the
 * one of what is written, the search's stays in searched_objective */
static void
aa_recommend_give_leftover(AaRecommend *self)
{
	AaRecommendTally tally;

	aa_recommend_tally(self, self->result->allocs, &tally);
	self->searched_score = tally.score;
	self->leftover = aa_leftover_give(&self->problem, self->result->allocs);
	if (self->leftover->len == 0)
		return;
	aa_recommend_tally(self, self->result->allocs, &tally);
	self->result->objective = tally.objective;
}

/* the search's allocation again, without the free capacity */
static void
aa_recommend_take_back_leftover(AaRecommend *self)
{
	for (guint g = 0; g < self->leftover->len; g++) {
		const AaLeftover *gift = &g_array_index(self->leftover, AaLeftover, g);
		g_array_index(self->result->allocs, AaAlloc, gift->vm) = gift->before;
	}
	g_array_set_size(self->leftover, 0);
	self->result->objective = self->searched_objective;
}

static gboolean
aa_recommend_place(AaRecommend *self, AaPluginContext *ctx, GError **error)
{
	g_autoptr(GArray) taken = g_array_copy(self->cap->taken);

	self->placed = g_ptr_array_new_with_free_func((GDestroyNotify)aa_placement_vm_free);
	for (guint i = 0; i < self->models->len; i++) {
		AaVmModel *model = g_ptr_array_index(self->models, i);
		AaPlacementVm *pvm = g_new0(AaPlacementVm, 1);
		pvm->name = model->vm->name;
		pvm->vm = model->vm;
		pvm->rt = model->rt;
		pvm->alloc = g_array_index(self->result->allocs, AaAlloc, i);
		pvm->pcpus = g_array_new(FALSE, FALSE, sizeof(guint));
		g_ptr_array_add(self->placed, pvm);
	}
	if (!aa_placement_run_full(ctx->board, taken, self->cap->kept.vfs, self->placed, error)) {
		g_prefix_error(error, "cannot place the allocation: ");
		return FALSE;
	}
	if (self->cap->io_group != NULL) {
		for (guint i = 0; i < self->placed->len; i++) {
			AaPlacementVm *pvm = g_ptr_array_index(self->placed, i);
			aa_iogroup_size_vm(self->cap->io_group, pvm->name,
			                   pvm->alloc.p_cores + pvm->alloc.e_cores);
		}
		aa_iogroup_give_idle(self->cap->io_group, ctx->board, self->cap->taken,
		                     self->placed);
	}
	return TRUE;
}

static gchar *aa_recommend_run_impl(AaPluginContext *ctx, GHashTable *options,
                                    const AaRecommendHooks *hooks,
                                    AaRecommendModelsFunc models_func, gpointer user_data,
                                    GError **error);

/**
 * aa_recommend_run:
 * @ctx: a context with board, scenario and intent loaded
 * @options: `strategy` (optimal, equal, proportional), `output`, `model` (robust,
 *   paper; default the intent's policy) and `require-targets` ("true": a
 *   predicted QoS miss is %AA_ERROR_INFEASIBLE, after the file is written)
 * @error: (nullable): optional return location for an error
 *
 * Finds the allocation, writes recommendation.xml atomically and returns a
 * short summary.  No feasible allocation is %AA_ERROR_INFEASIBLE with the
 * binding constraint and the VMs involved; nothing is written then.
 *
 * Returns: (transfer full): the summary, or %NULL
 */
/* a scenario written for another board makes any capacity wrong: say so */
static void
aa_recommend_hint_mismatch(AaPluginContext *ctx, GError **error)
{
	g_autofree gchar *mismatch = aa_explain_board_mismatch(ctx->board, ctx->scenario);
	if (mismatch != NULL && error != NULL && *error != NULL) {
		gchar *message = g_strdup_printf("%s; %s", (*error)->message, mismatch);
		g_free((*error)->message);
		(*error)->message = message;
	}
}

gchar *
aa_recommend_run(AaPluginContext *ctx, GHashTable *options, GError **error)
{
	return aa_recommend_run_impl(ctx, options, NULL, NULL, NULL, error);
}

/**
 * aa_recommend_run_full:
 * @ctx: a context with board, scenario and intent loaded
 * @options: as aa_recommend_run()
 * @models_func: (nullable): called with every VM's model (#AaVmModel, intent
 *   order) once they exist and before the search, e.g. to install response
 *   families (aa_vm_model_set_predictor()); M of the robust objective is set
 *   after it returns
 * @user_data: passed to @models_func
 * @error: (nullable): optional return location for an error
 *
 * aa_recommend_run() with a hook on the models.
 *
 * Returns: (transfer full): the summary, or %NULL
 */
gchar *
aa_recommend_run_full(AaPluginContext *ctx, GHashTable *options, AaRecommendModelsFunc models_func,
                      gpointer user_data, GError **error)
{
	return aa_recommend_run_impl(ctx, options, NULL, models_func, user_data, error);
}

/**
 * aa_recommend_run_with:
 * @ctx: a context with board, scenario and intent loaded
 * @options: as aa_recommend_run()
 * @hooks: (nullable): what refine changes
 * @error: (nullable): optional return location for an error
 *
 * aa_recommend_run() with @hooks called on the way.
 *
 * Returns: (transfer full): the summary, or %NULL
 */
gchar *
aa_recommend_run_with(AaPluginContext *ctx, GHashTable *options, const AaRecommendHooks *hooks,
                      GError **error)
{
	return aa_recommend_run_impl(ctx, options, hooks, NULL, NULL, error);
}

/* the one body of recommend: @hooks (refine) and @models_func (tests, families)
 * are both optional */
static gchar *
aa_recommend_run_impl(AaPluginContext *ctx, GHashTable *options, const AaRecommendHooks *hooks,
                      AaRecommendModelsFunc models_func, gpointer user_data, GError **error)
{
	g_auto(AaRecommend) self = {NULL};
	const gchar *strategy = aa_context_option(options, "strategy", "optimal");
	const gchar *output = aa_context_option(options, "output", NULL);
	const gchar *model = aa_context_option(options, "model", NULL);
	gboolean require_targets =
	    g_strcmp0(aa_context_option(options, "require-targets", "false"), "true") == 0;
	const gchar *time_limit = aa_context_option(options, "time-limit", "30");
	const AaStrategy baselines[] = {AA_STRATEGY_EQUAL, AA_STRATEGY_PROPORTIONAL};
	gchar *end = NULL;
	gdouble limit;
	g_autofree gchar *xml = NULL;
	g_autofree gchar *summary = NULL;

	if (!aa_context_require(ctx, TRUE, TRUE, TRUE, error))
		return NULL;
	if (!aa_strategy_from_string(strategy, &self.strategy)) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		            "unknown strategy '%s'; use optimal, equal or proportional", strategy);
		return NULL;
	}
	if (aa_context_missing_option(output == NULL, "recommend needs an output file; pass -o",
	                              error))
		return NULL;
	limit = g_ascii_strtod(time_limit, &end);
	if (end == time_limit || *end != '\0' || !isfinite(limit) || limit <= 0) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		            "--time-limit '%s' is not a positive number of seconds; use e.g. "
		            "--time-limit 30",
		            time_limit);
		return NULL;
	}

	/* the model: the intent's policy, --model wins */
	aa_model_options_from_intent(&self.model_options, ctx->intent);
	if (model != NULL && !aa_model_kind_from_string(model, &self.model_options.kind)) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		            "unknown model '%s'; use robust or paper", model);
		return NULL;
	}

	/* <policy demand="forecast">: the robust model sizes demand from forecasts
	 * (docs/forecast.md) */
	if (ctx->intent->demand_forecast && self.model_options.kind == AA_MODEL_KIND_ROBUST) {
		self.forecast = aa_forecast_sizing_new(
		    ctx->intent->forecast_horizon_s, self.model_options.demand_confidence,
		    self.model_options.memory_headroom, self.model_options.memory_quantum_mib);
		self.model_options.demand_samples = aa_forecast_sizing_samples;
		self.model_options.demand_data = self.forecast;
	}

	if (hooks != NULL && hooks->model_options != NULL)
		hooks->model_options(&self.model_options, hooks->data);

	/* the problem */
	self.cap = aa_capacity_compute(ctx->board, ctx->scenario, ctx->intent, error);
	if (self.cap == NULL) {
		aa_recommend_hint_mismatch(ctx, error);
		return NULL;
	}
	self.models = g_ptr_array_new_with_free_func((GDestroyNotify)aa_vm_model_free);
	for (guint i = 0; i < ctx->intent->vms->len; i++) {
		AaIntentVm *vm = g_ptr_array_index(ctx->intent->vms, i);
		g_autoptr(GError) error_local = NULL;
		AaVmModel *vm_model = aa_vm_model_new_full(
		    vm, aa_capacity_vm_is_rt(ctx->scenario, vm), &self.model_options, &error_local);
		if (vm_model == NULL) {
			if (g_str_has_prefix(error_local->message, ctx->intent->filename)) {
				g_propagate_error(error, g_steal_pointer(&error_local));
				return NULL;
			}
			g_propagate_prefixed_error(error, g_steal_pointer(&error_local),
			                           "%s:%ld: VM '%s': ", ctx->intent->filename,
			                           vm->line, vm->name);
			return NULL;
		}
		/* SR-IOV VFs exist only for post-launched VMs (apply refuses others) */
		{
			AaVm *svm = aa_intent_vm_get_scenario_vm(vm, ctx->scenario);
			if (svm != NULL && svm->load_order != AA_LOAD_ORDER_POST_LAUNCHED_VM)
				vm_model->feasibility.vf_allowed = FALSE;
		}
		g_ptr_array_add(self.models, vm_model);
	}
	self.hooks = hooks;
	if (hooks != NULL && hooks->models_ready != NULL &&
	    !hooks->models_ready(self.models, hooks->data, error))
		return NULL;
	self.problem.models = self.models;
	self.problem.capacity = self.cap->capacity;
	self.problem.memory_quantum_mib = ctx->intent->memory_quantum_mib;
	self.problem.lambda_scale = aa_objective_lambda_scale(ctx->intent->objective);
	if (!aa_limits_check_problem(&self.problem, ctx->intent->filename, error))
		return NULL;
	if (models_func != NULL && !models_func(user_data, ctx, self.models, error))
		return NULL;
	self.target_scale = aa_vm_models_set_target_scale(self.models, self.problem.lambda_scale);
	self.problem.time_limit = limit;
	self.problem.progress = isatty(STDERR_FILENO);

	/* the chosen strategy and both baselines for comparison */
	for (guint b = 0; b < G_N_ELEMENTS(baselines); b++) {
		self.baselines[b] = aa_search_run(&self.problem, baselines[b], error);
		if (self.baselines[b] == NULL)
			return NULL;
	}
	if (hooks != NULL && hooks->choose != NULL)
		self.result = hooks->choose(&self.problem, hooks->data, error);
	else
		self.result = aa_search_run(&self.problem, self.strategy, error);
	if (self.result == NULL)
		return NULL;
	if (!self.result->feasible) {
		g_set_error(error, AA_ERROR, AA_ERROR_INFEASIBLE,
		            "%s: no feasible %s allocation: %s", ctx->intent->filename,
		            aa_strategy_to_string(self.strategy),
		            self.result->reason != NULL ? self.result->reason
		                                        : "the constraints cannot all be met");
		aa_recommend_hint_mismatch(ctx, error);
		return NULL;
	}

	/* robust: capacity no VM holds goes to the VMs that miss a target and
	 * whose demand the profile could not measure (aa-leftover.c); refine's
	 * choice stays its own */
	self.searched_objective = self.result->objective;
	if (self.strategy == AA_STRATEGY_OPTIMAL &&
	    self.model_options.kind == AA_MODEL_KIND_ROBUST &&
	    (hooks == NULL || hooks->choose == NULL))
		aa_recommend_give_leftover(&self);

	/* counts become pCPU IDs and VFs, then the file */
	if (!aa_recommend_place(&self, ctx, error)) {
		/* the search's own allocation placed before the gift changed it */
		if (self.leftover == NULL || self.leftover->len == 0)
			return NULL;
		aa_recommend_take_back_leftover(&self);
		g_clear_error(error);
		g_clear_pointer(&self.placed, g_ptr_array_unref);
		if (!aa_recommend_place(&self, ctx, error))
			return NULL;
	}
	xml = aa_recommend_to_xml(&self, ctx);
	if (!aa_file_write_atomic(output, xml, -1, 0644, error))
		return NULL;
	if (hooks != NULL && hooks->xml != NULL)
		*hooks->xml = g_strdup(xml);
	if (hooks != NULL && hooks->models != NULL)
		*hooks->models = g_ptr_array_ref(self.models);
	summary = aa_recommend_summary(&self, output);
	if (require_targets) {
		g_autoptr(GString) misses = g_string_new(NULL);
		if (aa_recommend_targets(&self, misses) > 0) {
			g_set_error(error, AA_ERROR, AA_ERROR_INFEASIBLE,
			            "%s: --require-targets: a QoS target is predicted to be "
			            "missed (%s written anyway):\n%s",
			            ctx->intent->filename, output, misses->str);
			return NULL;
		}
	}
	{
		g_autofree gchar *warnings = aa_explain_profile_warnings(ctx->intent);
		if (warnings != NULL)
			return g_strconcat(warnings, summary, NULL);
	}
	return g_steal_pointer(&summary);
}
