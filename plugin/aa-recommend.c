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
#include "aa-error.h"
#include "aa-limits.h"
#include "aa-forecast.h"
#include "aa-placement.h"
#include "aa-explain.h"
#include "aa-recommend.h"
#include "aa-rtanalysis.h"
#include "aa-util.h"

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
} AaRecommend;

/* what the search's objective is made of, for one allocation of every VM */
typedef struct {
	gdouble score;      /* sum of VMOptScore */
	gdouble met_weight; /* weight of the targets met (robust: with the margin) */
	gdouble credit;     /* robust first level: plus half the weight met only nominally */
	guint n_met;
	guint n_targets;
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
		aa_vm_evaluation_clear(&eval);
	}
}

static void
aa_recommend_attr_tally(GString *xml, AaRecommend *self, GArray *allocs)
{
	AaRecommendTally tally;
	g_autofree gchar *score = NULL;
	g_autofree gchar *weight = NULL;
	g_autofree gchar *credit = NULL;

	aa_recommend_tally(self, allocs, &tally);
	score = aa_format_double(tally.score, 9);
	weight = aa_format_double(tally.met_weight, 9);
	credit = aa_format_double(tally.credit, 9);
	g_string_append_printf(xml,
	                       " score=\"%s\" targets-met=\"%u\" targets=\"%u\" "
	                       "targets-met-weight=\"%s\"",
	                       score, tally.n_met, tally.n_targets, weight);
	if (self->model_options.kind == AA_MODEL_KIND_ROBUST)
		g_string_append_printf(xml, " first-level=\"%s\"", credit);
}

static void
aa_recommend_clear(AaRecommend *self)
{
	aa_capacity_info_free(self->cap);
	if (self->models != NULL)
		g_ptr_array_unref(self->models);
	aa_search_result_free(self->result);
	for (guint i = 0; i < G_N_ELEMENTS(self->baselines); i++)
		aa_search_result_free(self->baselines[i]);
	if (self->placed != NULL)
		g_ptr_array_unref(self->placed);
	aa_forecast_sizing_free(self->forecast);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(AaRecommend, aa_recommend_clear)

/* a number as xs:double, independent of the locale, at most @digits significant */
static gchar *
aa_recommend_number(gdouble value, guint digits)
{
	if (isnan(value))
		return g_strdup("NaN");
	if (isinf(value))
		return g_strdup(value > 0 ? "INF" : "-INF");
	return aa_format_double(value, digits);
}

static void
aa_recommend_attr_double(GString *xml, const gchar *name, gdouble value, guint digits)
{
	g_autofree gchar *text = aa_recommend_number(value, digits);
	g_string_append_printf(xml, " %s=\"%s\"", name, text);
}

static void
aa_recommend_attr_text(GString *xml, const gchar *name, const gchar *value)
{
	g_autofree gchar *escaped = g_markup_escape_text(value != NULL ? value : "", -1);
	g_string_append_printf(xml, " %s=\"%s\"", name, escaped);
}

static void
aa_recommend_pcpus(GString *xml, GArray *pcpus, const gchar *indent)
{
	for (guint i = 0; i < pcpus->len; i++)
		g_string_append_printf(xml, "%s<pcpu id=\"%u\"/>\n", indent,
		                       g_array_index(pcpus, guint, i));
}

/* <forecast> per resource with <policy demand="forecast"> (docs/forecast.md):
 * the forecast, the chosen bin, its coverage and the chart's points */
static void
aa_recommend_forecast(GString *xml, AaForecastSizing *forecast, const AaVmModel *model)
{
	const gchar *names[] = {"cpu", "memory", "gpu"};
	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		const AaForecastDemand *d =
		    aa_forecast_sizing_lookup(forecast, model->vm, k, model->r_prof[k]);
		if (d == NULL)
			continue;
		g_string_append_printf(xml, "    <forecast resource=\"%s\"", names[k]);
		if (!d->valid) {
			g_string_append(xml, " status=\"unavailable\"");
			aa_recommend_attr_text(xml, "reason", d->reason);
			aa_recommend_attr_double(xml, "trace-size", d->trace_size, 9);
			g_string_append(xml, "/>\n");
			continue;
		}
		g_string_append(xml, " status=\"ok\"");
		aa_recommend_attr_text(xml, "model", aa_forecast_model_to_string(d->model));
		if (isfinite(d->accuracy_pct))
			aa_recommend_attr_double(xml, "accuracy-pct", d->accuracy_pct, 4);
		aa_recommend_attr_double(xml, "horizon-s", d->horizon_s, 9);
		aa_recommend_attr_double(xml, "mean", d->mean, 6);
		aa_recommend_attr_double(xml, "q50", d->q50, 6);
		aa_recommend_attr_double(xml, "q90", d->q90, 6);
		aa_recommend_attr_double(xml, "q95", d->q95, 6);
		aa_recommend_attr_double(xml, "q99", d->q99, 6);
		aa_recommend_attr_double(xml, "bin", d->bin, 9);
		aa_recommend_attr_double(xml, "coverage", d->coverage, 4);
		aa_recommend_attr_double(xml, "trace-size", d->trace_size, 9);
		g_string_append(xml, ">\n");
		for (guint i = 0; i + 2 < d->chart->len; i += 3) {
			gdouble t = g_array_index(d->chart, gdouble, i);
			g_string_append(xml, t <= 0 ? "      <point" : "      <band");
			aa_recommend_attr_double(xml, "t", t, 6);
			if (t <= 0) {
				aa_recommend_attr_double(
				    xml, "v", g_array_index(d->chart, gdouble, i + 1), 6);
			} else {
				aa_recommend_attr_double(
				    xml, "lo", g_array_index(d->chart, gdouble, i + 1), 6);
				aa_recommend_attr_double(
				    xml, "hi", g_array_index(d->chart, gdouble, i + 2), 6);
			}
			g_string_append(xml, "/>\n");
		}
		g_string_append(xml, "    </forecast>\n");
	}
}

static void
aa_recommend_write_vm(AaRecommend *self, AaPluginContext *ctx, GString *xml, guint i)
{
	AaVmModel *model = g_ptr_array_index(self->models, i);
	AaPlacementVm *pvm = g_ptr_array_index(self->placed, i);
	const AaAlloc *r = &pvm->alloc;
	AaVm *svm = aa_scenario_get_vm_by_name(ctx->scenario, model->vm->name);
	AaVmEvaluation eval = {0};
	const gchar *resource_names[] = {"cpu", "memory", "gpu"};

	aa_vm_model_evaluate(model, r, self->problem.lambda_scale, &eval);
	g_string_append(xml, "  <vm");
	aa_recommend_attr_text(xml, "name", model->vm->name);
	if (svm != NULL)
		g_string_append_printf(xml, " id=\"%u\"", svm->id);
	aa_recommend_attr_text(xml, "class", aa_vm_class_to_string(model->vm->klass));
	g_string_append_printf(xml, " rt=\"%s\">\n", model->rt ? "true" : "false");

	g_string_append_printf(xml,
	                       "    <allocation p-cores=\"%" G_GINT64_FORMAT
	                       "\" e-cores=\"%" G_GINT64_FORMAT "\" memory-mib=\"%" G_GINT64_FORMAT
	                       "\" gpu-slices=\"%" G_GINT64_FORMAT "\"",
	                       r->p_cores, r->e_cores, r->memory_mib, r->gpu_slices);
	if (model->rt)
		g_string_append_printf(xml, " isolated=\"%s\"", pvm->isolated ? "true" : "false");
	g_string_append(xml, ">\n");
	aa_recommend_pcpus(xml, pvm->pcpus, "      ");
	if (self->cap->io_group != NULL) {
		/* R mode: idle pCPUs for a best-effort VM (docs/io-groups.md) */
		const GArray *idle = aa_iogroup_idle_of(self->cap->io_group, pvm->name);
		for (guint j = 0; idle != NULL && j < idle->len; j++)
			g_string_append_printf(xml, "      <pcpu id=\"%u\" idle=\"true\"/>\n",
			                       g_array_index(idle, guint, j));
	}
	if (pvm->vf_bdf != NULL)
		g_string_append_printf(xml, "      <gpu-vf bdf=\"%s\"/>\n", pvm->vf_bdf);
	g_string_append(xml, "    </allocation>\n");

	for (guint j = 0; j < eval.qos->len; j++) {
		const AaQosPrediction *p = &g_array_index(eval.qos, AaQosPrediction, j);
		g_string_append(xml, "    <predicted");
		aa_recommend_attr_text(xml, "metric", p->qos->metric);
		aa_recommend_attr_double(xml, "value", p->predicted, 6);
		aa_recommend_attr_double(xml, "target", p->qos->target, 9);
		g_string_append_printf(xml, " met=\"%s\"", p->met ? "true" : "false");
		aa_recommend_attr_double(xml, "score", p->score, 9);
		aa_recommend_attr_double(xml, "profiled", p->profiled, 9);
		g_string_append_printf(xml, " direction=\"%s\"",
		                       p->qos->higher_is_better ? "higher" : "lower");
		/* robust: how sure the model is, and the margin "met" asked for */
		g_string_append_printf(xml, " nominal-met=\"%s\"",
		                       p->nominal_met ? "true" : "false");
		aa_recommend_attr_double(xml, "sigma", p->sigma, 6);
		aa_recommend_attr_double(xml, "margin", p->margin, 6);
		aa_recommend_attr_text(xml, "sigma-source",
		                       g_array_index(model->sigma_source, const gchar *, j));
		aa_recommend_attr_text(xml, "family", p->family);
		g_string_append(xml, "/>\n");
	}
	g_string_append(xml, "    <score");
	aa_recommend_attr_double(xml, "perf", eval.perf, 9);
	aa_recommend_attr_double(xml, "util", eval.util, 9);
	aa_recommend_attr_double(xml, "total", eval.total, 9);
	aa_recommend_attr_double(xml, "targets-met-weight", eval.met_weight, 9);
	aa_recommend_attr_double(xml, "objective", eval.objective, 9);
	g_string_append(xml, "/>\n");

	/* the model behind the prediction, for reports and for checking by hand */
	g_string_append(xml, "    <model");
	aa_recommend_attr_text(xml, "kind", aa_model_kind_to_string(model->kind));
	aa_recommend_attr_double(xml, "eta", model->eta, 9);
	if (model->kind == AA_MODEL_KIND_ROBUST) {
		aa_recommend_attr_double(xml, "z", model->z, 9);
		aa_recommend_attr_double(xml, "anchor", model->anchor, 9);
	}
	aa_recommend_attr_double(xml, "factor", eval.factor, 9);
	g_string_append_printf(xml, " fitted=\"%s\"", model->fitted ? "true" : "false");
	if (model->fitted) {
		aa_recommend_attr_double(xml, "fit-mse", model->fit_mse, 9);
		g_string_append_printf(xml, " fit-rows=\"%u\"", model->fit_rows);
	}
	g_string_append(xml, ">\n");
	for (guint k = 0; k < AA_RESOURCE_COUNT; k++) {
		g_string_append_printf(xml, "      <resource name=\"%s\"", resource_names[k]);
		aa_recommend_attr_double(xml, "r-prof", model->r_prof[k], 9);
		aa_recommend_attr_double(xml, "r-min", model->r_min[k], 9);
		aa_recommend_attr_double(xml, "alpha", model->alpha[k], 9);
		aa_recommend_attr_double(xml, "utilization", eval.utilization[k], 9);
		g_string_append(xml, "/>\n");
	}
	g_string_append(xml, "    </model>\n");
	/* an RT task set: each vCPU's reservation (Q, P) and the headroom it leaves */
	aa_rtanalysis_reservation_append((AaIntentVm *)model->vm, pvm->pcpus, (guint)r->p_cores,
	                                 aa_rtanalysis_headroom_pct(ctx->intent), xml, "    ");
	if (self->hooks != NULL && self->hooks->write_vm != NULL)
		self->hooks->write_vm(xml, i, self->hooks->data);
	if (self->forecast != NULL)
		aa_recommend_forecast(xml, self->forecast, model);
	g_string_append(xml, "  </vm>\n");
	aa_vm_evaluation_clear(&eval);
}

/* the I/O core group, built as a libxml2 tree and serialised in place */
static void
aa_recommend_io_group(GString *xml, AaIoGroup *group)
{
	xmlBuffer *buf = xmlBufferCreate();
	xmlNode *node = aa_iogroup_to_xml(group);
	xmlNodeDump(buf, NULL, node, 1, 1);
	xmlFreeNode(node);
	g_string_append(xml, "  ");
	g_string_append_len(xml, (const gchar *)xmlBufferContent(buf), xmlBufferLength(buf));
	g_string_append_c(xml, '\n');
	xmlBufferFree(buf);
}

static gchar *
aa_recommend_to_xml(AaRecommend *self, AaPluginContext *ctx)
{
	g_autoptr(GString) xml = g_string_new("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	const AaCapacity *cap = &self->problem.capacity;
	const gchar *modes[] = {"performance", "balanced", "efficiency"};
	AaVm *service = aa_scenario_get_service_vm(ctx->scenario);

	g_string_append(xml, "<recommendation version=\"1\"");
	aa_recommend_attr_text(xml, "strategy", aa_strategy_to_string(self->strategy));
	aa_recommend_attr_text(xml, "board", ctx->board->name);
	aa_recommend_attr_text(xml, "objective-mode", modes[ctx->intent->objective]);
	aa_recommend_attr_text(xml, "model", aa_model_kind_to_string(self->model_options.kind));
	g_string_append_printf(xml, " memory-quantum-mib=\"%u\">\n",
	                       self->problem.memory_quantum_mib);

	g_string_append_printf(
	    xml,
	    "  <capacity p-cores=\"%" G_GINT64_FORMAT "\" e-cores=\"%" G_GINT64_FORMAT
	    "\" memory-mib=\"%" G_GINT64_FORMAT "\" gpu-slices=\"%" G_GINT64_FORMAT
	    "\" gpu-vfs=\"%" G_GINT64_FORMAT "\"/>\n",
	    cap->p_cores, cap->e_cores, cap->memory_mib, cap->gpu_slices, cap->gpu_vfs);

	g_string_append(xml, "  <search");
	aa_recommend_attr_double(xml, "objective", self->result->objective, 9);
	g_string_append_printf(
	    xml, " optimal=\"%s\" nodes=\"%" G_GUINT64_FORMAT "\" pruned=\"%" G_GUINT64_FORMAT "\"",
	    self->result->optimal ? "true" : "false", self->result->nodes, self->result->pruned);
	aa_recommend_attr_double(xml, "seconds", self->result->seconds, 3);
	/* the objective's two parts: robust maximises M * targets-met-weight + score */
	aa_recommend_attr_tally(xml, self, self->result->allocs);
	if (self->model_options.kind == AA_MODEL_KIND_ROBUST) {
		aa_recommend_attr_double(xml, "target-scale", self->target_scale, 9);
		aa_recommend_attr_double(xml, "target-confidence",
		                         self->model_options.target_confidence, 9);
		aa_recommend_attr_double(xml, "demand-confidence",
		                         self->model_options.demand_confidence, 9);
		aa_recommend_attr_double(xml, "memory-headroom",
		                         self->model_options.memory_headroom, 9);
	}
	if (self->result->timed_out) {
		aa_recommend_attr_double(xml, "gap", self->result->gap, 9);
		aa_recommend_attr_double(xml, "time-limit", self->problem.time_limit, 9);
	}
	g_string_append(xml, "/>\n");
	if (self->hooks != NULL && self->hooks->write_root != NULL)
		self->hooks->write_root(xml, self->hooks->data);

	for (guint i = 0; i < self->models->len; i++)
		aa_recommend_write_vm(self, ctx, xml, i);

	for (guint b = 0; b < G_N_ELEMENTS(self->baselines); b++) {
		AaSearchResult *base = self->baselines[b];
		g_string_append(xml, "  <baseline");
		aa_recommend_attr_text(xml, "strategy", aa_strategy_to_string(base->strategy));
		aa_recommend_attr_double(xml, "objective", base->objective, 9);
		g_string_append_printf(xml, " feasible=\"%s\"", base->feasible ? "true" : "false");
		if (base->allocs != NULL && base->allocs->len == self->models->len)
			aa_recommend_attr_tally(xml, self, base->allocs);
		if (base->allocs == NULL || base->allocs->len != self->models->len) {
			g_string_append(xml, "/>\n");
			continue;
		}
		g_string_append(xml, ">\n");
		for (guint i = 0; i < base->allocs->len; i++) {
			AaVmModel *model = g_ptr_array_index(self->models, i);
			const AaAlloc *r = &g_array_index(base->allocs, AaAlloc, i);
			g_string_append(xml, "    <allocation");
			aa_recommend_attr_text(xml, "vm", model->vm->name);
			g_string_append_printf(
			    xml,
			    " p-cores=\"%" G_GINT64_FORMAT "\" e-cores=\"%" G_GINT64_FORMAT
			    "\" memory-mib=\"%" G_GINT64_FORMAT "\" gpu-slices=\"%" G_GINT64_FORMAT
			    "\"/>\n",
			    r->p_cores, r->e_cores, r->memory_mib, r->gpu_slices);
		}
		g_string_append(xml, "  </baseline>\n");
	}

	/* what the allocation was not free to use */
	g_string_append(xml, "  <service-vm");
	if (service != NULL)
		aa_recommend_attr_text(xml, "name", service->name);
	g_string_append_printf(xml, " memory-mib=\"%u\" hypervisor-memory-mib=\"%u\">\n",
	                       ctx->intent->service_memory_mib, ctx->intent->hypervisor_memory_mib);
	aa_recommend_pcpus(xml, self->cap->service_pcpus, "    ");
	g_string_append(xml, "  </service-vm>\n");
	for (guint i = 0; i < self->cap->kept_vms->len; i++) {
		AaVm *svm = g_ptr_array_index(self->cap->kept_vms, i);
		g_string_append(xml, "  <kept-vm");
		aa_recommend_attr_text(xml, "name", svm->name);
		g_string_append_printf(xml, " id=\"%u\" memory-mib=\"%u\">\n", svm->id,
		                       svm->memory_mib);
		for (guint j = 0; j < svm->affinity->len; j++)
			g_string_append_printf(xml, "    <pcpu id=\"%u\"/>\n",
			                       g_array_index(svm->affinity, AaAffinity, j).pcpu_id);
		g_string_append(xml, "  </kept-vm>\n");
	}
	if (self->cap->io_group != NULL)
		aa_recommend_io_group(xml, self->cap->io_group);
	g_string_append(xml, "</recommendation>\n");
	return g_string_free(g_steal_pointer(&xml), FALSE);
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
			if (g_array_index(model->q_deadline, gboolean, j))
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

static gboolean
aa_recommend_place(AaRecommend *self, AaPluginContext *ctx, GError **error)
{
	g_autoptr(GArray) taken = g_array_copy(self->cap->taken);

	self->placed = g_ptr_array_new_with_free_func((GDestroyNotify)aa_placement_vm_free);
	for (guint i = 0; i < self->models->len; i++) {
		AaVmModel *model = g_ptr_array_index(self->models, i);
		AaPlacementVm *pvm = g_new0(AaPlacementVm, 1);
		pvm->name = model->vm->name;
		pvm->rt = model->rt;
		pvm->alloc = g_array_index(self->result->allocs, AaAlloc, i);
		pvm->pcpus = g_array_new(FALSE, FALSE, sizeof(guint));
		g_ptr_array_add(self->placed, pvm);
	}
	if (!aa_placement_run_full(ctx->board, taken, self->cap->kept_vfs, self->placed, error)) {
		g_prefix_error(error, "cannot place the allocation: ");
		return FALSE;
	}
	if (self->cap->io_group != NULL) {
		for (guint i = 0; i < self->placed->len; i++) {
			AaPlacementVm *pvm = g_ptr_array_index(self->placed, i);
			aa_iogroup_size_vm(self->cap->io_group, pvm->name,
			                   pvm->alloc.p_cores + pvm->alloc.e_cores);
		}
		aa_iogroup_give_idle(self->cap->io_group, ctx->board, ctx->intent, self->cap->taken,
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
	if (output == NULL) {
		g_set_error_literal(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		                    "recommend needs an output file; pass -o");
		return NULL;
	}
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
			AaVm *svm = aa_scenario_get_vm_by_name(ctx->scenario, vm->name);
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

	/* counts become pCPU IDs and VFs, then the file */
	if (!aa_recommend_place(&self, ctx, error))
		return NULL;
	xml = aa_recommend_to_xml(&self, ctx);
	if (!aa_file_write_atomic(output, xml, -1, 0644, error))
		return NULL;
	if (hooks != NULL && hooks->xml != NULL)
		*hooks->xml = g_strdup(xml);
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
