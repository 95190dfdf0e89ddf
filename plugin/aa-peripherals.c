/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The order of prepare_peripherals.sh (docs/forecast.md):
 *
 * 1. VMs started first at boot: real-time VMs (vm_type RTVM, or class rtos
 *    in the intent), which ACRN's Service VM launches first;
 * 2. then the VMs whose GPU forecast shows demand soonest: the first moment
 *    in the forecast horizon at which the predicted GPU busy reaches
 *    AA_PERIPHERALS_NEED_PCT (0 when the trace already ends above it);
 * 3. then the others, by VM id.
 *
 * A spare VF (with reserve-spare) for a VM whose forecast GPU busy, pooled
 * over the horizon, has its 99th percentile at AA_PERIPHERALS_SPARE_PCT or
 * more of the slices it had while profiled: its share may not cover the
 * demand.
 */

#include "config.h"

#include <math.h>

#include "aa-context-private.h"
#include "aa-error.h"
#include "aa-forecast.h"
#include "aa-intent-private.h"
#include "aa-peripherals.h"
#include "aa-scenario-private.h"
#include "aa-xml.h"
#include "aa-xslt.h"

typedef struct {
	guint id;
	gchar *name;
	gboolean boot_first;
	gdouble need_s; /* INFINITY: no demand forecast */
	gboolean spare;
	gdouble q99; /* forecast GPU busy q99 over the horizon, NAN without one */
} AaPeripheralsVm;

static void
aa_peripherals_vm_free(AaPeripheralsVm *vm)
{
	g_free(vm->name);
	g_free(vm);
}

static gint
aa_peripherals_cmp(gconstpointer a, gconstpointer b)
{
	const AaPeripheralsVm *x = *(AaPeripheralsVm *const *)a;
	const AaPeripheralsVm *y = *(AaPeripheralsVm *const *)b;
	if (x->boot_first != y->boot_first)
		return x->boot_first ? -1 : 1;
	if (x->need_s != y->need_s)
		return x->need_s < y->need_s ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

/* the intent's VM of the scenario's vm element @node: the link made when the
 * intent was loaded, no name compared */
static const AaIntentVm *
aa_peripherals_intent_vm(AaPluginContext *ctx, xmlNode *node)
{
	GPtrArray *svms = aa_scenario_get_vms(ctx->scenario);
	for (guint j = 0; j < svms->len; j++) {
		if (((AaVm *)g_ptr_array_index(svms, j))->node == node)
			return aa_intent_get_vm_of(ctx->intent, j);
	}
	return NULL;
}

/* the GPU forecast of a VM's profile: when it needs its VF, whether it may
 * exceed its share */
static void
aa_peripherals_forecast(AaPeripheralsVm *vm, const AaIntentVm *ivm, gdouble horizon_s,
                        gboolean reserve_spare)
{
	g_autoptr(GError) error_local = NULL;
	g_autoptr(AaForecast) fc = NULL;

	if (ivm == NULL || ivm->profile == NULL)
		return;
	fc = aa_forecast_profile(ivm->profile, AA_FORECAST_SERIES_GPU, AA_FORECAST_ETA_DEFAULT,
	                         horizon_s, &error_local);
	if (fc == NULL) {
		g_debug("%s: no GPU forecast: %s", vm->name, error_local->message);
		return;
	}
	/* the 99th percentile of the demand pooled over the whole horizon */
	if (fc->outcomes->len > 0) {
		guint rank = (guint)ceil(0.99 * fc->outcomes->len - 1e-9);
		rank = CLAMP(rank, 1, fc->outcomes->len);
		vm->q99 = g_array_index(fc->outcomes, gdouble, rank - 1);
	}
	if (fc->last >= AA_PERIPHERALS_NEED_PCT) {
		vm->need_s = 0;
	} else {
		for (guint j = 0; j < fc->path->len; j++) {
			if (g_array_index(fc->path, gdouble, j) >= AA_PERIPHERALS_NEED_PCT) {
				vm->need_s = (j + 1) * fc->step_s;
				break;
			}
		}
	}
	vm->spare = reserve_spare && vm->q99 >= AA_PERIPHERALS_SPARE_PCT;
}

/**
 * aa_peripherals_script:
 * @ctx: a context with a board and a scenario, and optionally an intent
 * @options: `reserve-spare` ("true"), `horizon-s` (default: the intent's
 *   forecast-horizon-s, else 600)
 * @notes: (out): the order with its reasons, one comment line per VM
 * @error: return location for a #GError
 *
 * Generates prepare_peripherals.sh (xslt/prepare-peripherals.xsl).
 *
 * Returns: (transfer full): the script, or %NULL with @error set
 */
gchar *
aa_peripherals_script(AaPluginContext *ctx, GHashTable *options, gchar **notes, GError **error)
{
	const gchar *spare_opt = aa_context_option(options, "reserve-spare", "false");
	const gchar *horizon_opt = aa_context_option(options, "horizon-s", "600");
	gboolean reserve_spare = g_strcmp0(spare_opt, "true") == 0;
	g_autoptr(GPtrArray) nodes = NULL;
	g_autoptr(GPtrArray) vms =
	    g_ptr_array_new_with_free_func((GDestroyNotify)aa_peripherals_vm_free);
	g_autoptr(GString) order = g_string_new(NULL);
	g_autoptr(GString) spare = g_string_new(NULL);
	g_autoptr(GString) text = g_string_new(NULL);
	g_autofree gchar *fn =
	    g_build_filename(ctx->data_dir, "xslt", "prepare-peripherals.xsl", NULL);
	g_autoptr(AaXslt) xslt = NULL;
	gchar *end = NULL;
	gdouble horizon_s = g_ascii_strtod(horizon_opt, &end);
	gchar *script;
	gsize len = 0;

	/* the policy's horizon, when an intent gives one */
	if (ctx->intent != NULL && ctx->intent->forecast_horizon_s > 0 &&
	    (options == NULL || g_hash_table_lookup(options, "horizon-s") == NULL))
		horizon_s = ctx->intent->forecast_horizon_s;
	if (end == horizon_opt || *end != '\0' || !isfinite(horizon_s) || horizon_s <= 0) {
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT,
		            "--horizon-s '%s' is not a positive number", horizon_opt);
		return NULL;
	}
	nodes = aa_xml_xpath(aa_scenario_get_doc(ctx->scenario), NULL,
	                     "/acrn-config/vm[normalize-space(load_order) = 'POST_LAUNCHED_VM']",
	                     error);
	if (nodes == NULL)
		return NULL;
	for (guint i = 0; i < nodes->len; i++) {
		xmlNode *node = g_ptr_array_index(nodes, i);
		g_autofree gchar *id_text = aa_xml_prop(node, "id");
		g_autofree gchar *type = aa_xml_child_text(node, "vm_type");
		AaPeripheralsVm *vm = g_new0(AaPeripheralsVm, 1);
		const AaIntentVm *ivm = NULL;
		guint64 id = 0;

		vm->name = aa_xml_child_text(node, "name");
		if (vm->name == NULL)
			vm->name = g_strdup("");
		g_strstrip(vm->name);
		vm->need_s = INFINITY;
		vm->q99 = NAN;
		g_ptr_array_add(vms, vm);
		if (!g_ascii_string_to_unsigned(id_text != NULL ? g_strstrip(id_text) : "", 10, 0,
		                                G_MAXUINT, &id, NULL)) {
			aa_error_set_at(error, AA_ERROR_INVALID_DATA,
			                aa_scenario_get_filename(ctx->scenario), node->line,
			                "vm has no numeric id attribute; give it id=\"N\"");
			return NULL;
		}
		vm->id = (guint)id;
		if (ctx->intent != NULL)
			ivm = aa_peripherals_intent_vm(ctx, node);
		vm->boot_first = aa_intent_vm_is_rt(ivm, type);
		aa_peripherals_forecast(vm, ivm, horizon_s, reserve_spare);
	}
	g_ptr_array_sort(vms, aa_peripherals_cmp);

	for (guint i = 0; i < vms->len; i++) {
		AaPeripheralsVm *vm = g_ptr_array_index(vms, i);
		g_autofree gchar *shown = g_strdelimit(g_strdup(vm->name), "\r\n\t", ' ');
		g_string_append_printf(order, "%s%u", i > 0 ? " " : "", vm->id);
		if (vm->spare)
			g_string_append_printf(spare, "%u ", vm->id);
		g_string_append_printf(text, "#   %u. %s (id %u): ", i + 1, shown, vm->id);
		if (vm->boot_first)
			g_string_append(text, "started first at boot (real-time)");
		else if (isfinite(vm->need_s))
			g_string_append_printf(text, "GPU demand forecast in %.0f s", vm->need_s);
		else if (!isnan(vm->q99))
			g_string_append_printf(text, "no GPU demand forecast within %.0f s",
			                       horizon_s);
		else
			g_string_append(text, "no forecast (no intent or GPU trace): by id");
		if (vm->spare)
			g_string_append_printf(text,
			                       "; spare VF kept: forecast GPU busy q99 over "
			                       "the horizon %.0f%% >= %.0f%%",
			                       vm->q99, AA_PERIPHERALS_SPARE_PCT);
		else if (reserve_spare && !isnan(vm->q99))
			g_string_append_printf(text,
			                       "; no spare: forecast GPU busy q99 over the "
			                       "horizon %.0f%%",
			                       vm->q99);
		g_string_append_c(text, '\n');
	}

	xslt = aa_xslt_new(fn, error);
	if (xslt == NULL)
		return NULL;
	aa_xslt_set_input_param(xslt, "board", ctx->board->doc, ctx->board->filename);
	aa_xslt_set_param(xslt, "vm-id", "");
	aa_xslt_set_param(xslt, "order", order->str);
	aa_xslt_set_param(xslt, "spare-vms", spare->str);
	aa_xslt_set_param(xslt, "notes", text->str);
	script = aa_xslt_apply(xslt, aa_scenario_get_doc(ctx->scenario), &len, error);
	if (script == NULL) {
		g_prefix_error(error, "cannot generate prepare_peripherals.sh: ");
		return NULL;
	}
	*notes = g_string_free(g_steal_pointer(&text), FALSE);
	return script;
}
