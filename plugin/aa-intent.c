/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The allocation intent (FORMATS.md intent.xml): schema validation with
 * file:line messages, parsing with the defaults of MODEL.md, the cross-checks
 * the schema cannot express, and loading of the referenced profile and
 * calibration files.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <libxml/xmlschemas.h>

#include "aa-error.h"
#include "aa-intent-private.h"
#include "aa-limits.h"
#include "aa-scenario-private.h"
#include "aa-util.h"
#include "aa-xml.h"

/* schema errors reported in one message, the rest are counted */
#define AA_INTENT_MAX_SCHEMA_MESSAGES 5

/**
 * aa_intent_vm_is_rt:
 * @vm: (nullable): a VM of the intent
 * @vm_type: (nullable): the same VM's vm_type in the scenario, trimmed
 *
 * The one place that decides whether a VM is real-time: the intent's class
 * rtos or the scenario's vm_type RTVM.
 *
 * Returns: %TRUE for a real-time VM
 */
gboolean
aa_intent_vm_is_rt(const AaIntentVm *vm, const gchar *vm_type)
{
	if (vm != NULL && vm->klass == AA_VM_CLASS_RTOS)
		return TRUE;
	return aa_vm_type_is_rt(vm_type);
}

/**
 * aa_qos_target_free:
 * @qos: (nullable): a QoS target of an intent VM
 */
void
aa_qos_target_free(AaQosTarget *qos)
{
	if (qos == NULL)
		return;
	g_free(qos->metric);
	g_free(qos);
}

/**
 * aa_task_free:
 * @task: (nullable): a real-time task of an intent VM
 */
void
aa_task_free(AaTask *task)
{
	if (task == NULL)
		return;
	g_free(task->name);
	g_free(task);
}

/**
 * aa_intent_vm_free:
 * @vm: (nullable): a VM of an intent
 */
void
aa_intent_vm_free(AaIntentVm *vm)
{
	if (vm == NULL)
		return;
	g_free(vm->name);
	g_clear_pointer(&vm->qos, g_ptr_array_unref);
	g_free(vm->profile_path);
	g_free(vm->calibration_path);
	g_clear_pointer(&vm->profile, aa_profile_free);
	g_free(vm->io_profile_path);
	g_clear_pointer(&vm->io_profile, aa_io_profile_free);
	g_clear_pointer(&vm->calibration, g_ptr_array_unref);
	g_clear_pointer(&vm->tasks, g_ptr_array_unref);
	g_free(vm);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaIntentVm, aa_intent_vm_free)

/**
 * aa_intent_vm_new:
 *
 * Returns: (transfer full): a VM of class general with the default eta, no
 * QoS targets and no tasks
 */
AaIntentVm *
aa_intent_vm_new(void)
{
	AaIntentVm *vm = g_new0(AaIntentVm, 1);
	vm->qos = g_ptr_array_new_with_free_func((GDestroyNotify)aa_qos_target_free);
	vm->tasks = g_ptr_array_new_with_free_func((GDestroyNotify)aa_task_free);
	vm->klass = AA_VM_CLASS_GENERAL;
	vm->eta = AA_ETA_DEFAULT;
	return vm;
}

/**
 * aa_intent_new:
 *
 * Returns: (transfer full): an empty intent with the policy defaults of MODEL.md
 */
AaIntent *
aa_intent_new(void)
{
	AaIntent *self = g_new0(AaIntent, 1);
	self->objective = AA_OBJECTIVE_BALANCED;
	self->memory_quantum_mib = 128;
	self->gpu_slices = 10;
	self->service_pcpus = 1;
	self->service_memory_mib = 4096;
	self->hypervisor_memory_mib = 256;
	aa_io_policy_init(&self->io);
	/* robust model; its parameters unset (< 0): docs/robust-model.md's defaults */
	self->model = AA_MODEL_KIND_ROBUST;
	self->demand_confidence = -1;
	self->target_confidence = -1;
	self->memory_headroom = -1;
	self->vms = g_ptr_array_new_with_free_func((GDestroyNotify)aa_intent_vm_free);
	return self;
}

/**
 * aa_intent_free:
 * @self: (nullable): an intent
 */
void
aa_intent_free(AaIntent *self)
{
	if (self == NULL)
		return;
	g_clear_pointer(&self->vms, g_ptr_array_unref);
	g_clear_pointer(&self->doc, xmlFreeDoc);
	g_free(self->filename);
	g_free(self);
}

/**
 * aa_intent_get_vm:
 * @self: an intent
 * @name: a VM name
 *
 * Returns: (transfer none) (nullable): the intent's entry for @name
 */
AaIntentVm *
aa_intent_get_vm(AaIntent *self, const gchar *name)
{
	for (guint i = 0; i < self->vms->len; i++) {
		AaIntentVm *vm = g_ptr_array_index(self->vms, i);
		if (g_strcmp0(vm->name, name) == 0)
			return vm;
	}
	return NULL;
}

/**
 * aa_intent_vm_get_scenario_vm:
 * @vm: a VM of an intent
 * @scenario: (nullable): the scenario the intent was loaded against, or the final
 *   scenario apply made of it (apply-recommendation.xsl keeps every vm in place)
 *
 * The link aa_intent_load() made by name, once: no name is compared here.
 *
 * Returns: (transfer none) (nullable): the VM of @scenario that @vm describes, %NULL
 * when the intent was loaded without a scenario
 */
AaVm *
aa_intent_vm_get_scenario_vm(const AaIntentVm *vm, AaScenario *scenario)
{
	GPtrArray *vms;
	if (vm == NULL || scenario == NULL || vm->scenario_vm == 0)
		return NULL;
	vms = aa_scenario_get_vms(scenario);
	if (vm->scenario_vm > vms->len)
		return NULL;
	return g_ptr_array_index(vms, vm->scenario_vm - 1);
}

/**
 * aa_intent_get_vm_of:
 * @self: an intent loaded against a scenario
 * @scenario_index: the index of a VM in that scenario (aa_scenario_get_vms())
 *
 * Returns: (transfer none) (nullable): the intent's VM linked to it, %NULL when the
 * intent does not name it
 */
AaIntentVm *
aa_intent_get_vm_of(AaIntent *self, guint scenario_index)
{
	for (guint i = 0; i < self->vms->len; i++) {
		AaIntentVm *vm = g_ptr_array_index(self->vms, i);
		if (vm->scenario_vm == scenario_index + 1)
			return vm;
	}
	return NULL;
}

static void aa_intent_error(AaIntent *self, GError **error, xmlNode *node, const gchar *format, ...)
    G_GNUC_PRINTF(4, 5);

static void
aa_intent_error(AaIntent *self, GError **error, xmlNode *node, const gchar *format, ...)
{
	va_list args;
	g_autofree gchar *msg = NULL;
	va_start(args, format);
	msg = g_strdup_vprintf(format, args);
	va_end(args);
	aa_error_set_at(error, AA_ERROR_INVALID_DATA, self->filename, aa_xml_line(node), "%s", msg);
}

/* schema validation */

typedef struct {
	GString *text;
	guint count;
} AaSchemaErrors;

static void
aa_intent_schema_error_cb(void *user_data, xmlErrorPtr err)
{
	AaSchemaErrors *errors = user_data;
	g_autofree gchar *msg = NULL;

	if (err == NULL || err->level == XML_ERR_WARNING)
		return;
	errors->count++;
	if (errors->count > AA_INTENT_MAX_SCHEMA_MESSAGES)
		return;
	msg = g_strdup(err->message != NULL ? err->message : "invalid");
	g_strstrip(msg);
	if (errors->text->len > 0)
		g_string_append_c(errors->text, '\n');
	if (err->line > 0)
		g_string_append_printf(errors->text, "%s:%d: %s",
		                       err->file != NULL ? err->file : "", err->line, msg);
	else
		g_string_append_printf(errors->text, "%s: %s", err->file != NULL ? err->file : "",
		                       msg);
}

static gboolean
aa_intent_validate_schema(AaIntent *self, const gchar *schema_dir, GError **error)
{
	g_autofree gchar *xsd_fn = g_build_filename(schema_dir, "intent.xsd", NULL);
	g_autoptr(xmlDoc) xsd_doc = NULL;
	g_autoptr(xmlSchemaParserCtxt) pctxt = NULL;
	g_autoptr(xmlSchemaValidCtxt) vctxt = NULL;
	g_autoptr(xmlSchema) schema = NULL;
	g_autoptr(GError) error_local = NULL;
	AaSchemaErrors errors = {NULL, 0};
	gint rc;

	/* our own schema still goes through the safe loader: no network, no entities */
	xsd_doc = aa_xml_load_file(xsd_fn, &error_local);
	if (xsd_doc == NULL) {
		g_set_error(error, AA_ERROR, AA_ERROR_PLUGIN,
		            "cannot load the intent schema: %s; check DataDir= in "
		            "plugin.manifest",
		            error_local->message);
		return FALSE;
	}
	pctxt = xmlSchemaNewDocParserCtxt(xsd_doc);
	if (pctxt == NULL) {
		g_set_error(error, AA_ERROR, AA_ERROR_FAILED, "%s: cannot create a schema parser",
		            xsd_fn);
		return FALSE;
	}
	errors.text = g_string_new(NULL);
	xmlSchemaSetParserStructuredErrors(pctxt, aa_intent_schema_error_cb, &errors);
	schema = xmlSchemaParse(pctxt);
	if (schema == NULL) {
		g_set_error(error, AA_ERROR, AA_ERROR_PLUGIN, "%s: the schema is broken: %s",
		            xsd_fn, errors.text->str);
		g_string_free(errors.text, TRUE);
		return FALSE;
	}
	g_string_truncate(errors.text, 0);
	errors.count = 0;

	vctxt = xmlSchemaNewValidCtxt(schema);
	if (vctxt == NULL) {
		g_string_free(errors.text, TRUE);
		g_set_error_literal(error, AA_ERROR, AA_ERROR_FAILED,
		                    "cannot create a schema validator");
		return FALSE;
	}
	xmlSchemaSetValidStructuredErrors(vctxt, aa_intent_schema_error_cb, &errors);
	rc = xmlSchemaValidateDoc(vctxt, self->doc);
	if (rc != 0) {
		if (errors.count == 0)
			g_string_append_printf(errors.text, "%s: not valid (code %d)",
			                       self->filename, rc);
		if (errors.count > AA_INTENT_MAX_SCHEMA_MESSAGES)
			g_string_append_printf(errors.text, "\n(and %u more)",
			                       errors.count - AA_INTENT_MAX_SCHEMA_MESSAGES);
		g_set_error(error, AA_ERROR, AA_ERROR_INVALID_DATA,
		            "%s\nfix the intent to match schema/intent.xsd (FORMATS.md shows "
		            "an example)",
		            errors.text->str);
		g_string_free(errors.text, TRUE);
		return FALSE;
	}
	g_string_free(errors.text, TRUE);
	return TRUE;
}

/* attribute and text readers; the schema already checked the lexical form */

static gboolean
aa_intent_get_double(AaIntent *self, xmlNode *node, const gchar *attr, gboolean *present,
                     gdouble *value, GError **error)
{
	g_autofree gchar *text = aa_xml_prop(node, attr);

	if (present != NULL)
		*present = text != NULL;
	if (text == NULL)
		return TRUE;
	if (!aa_parse_double_in(g_strstrip(text), -INFINITY, FALSE, INFINITY, value)) {
		aa_intent_error(self, error, node,
		                "<%s %s=\"%s\">: the value must be a finite number",
		                (const gchar *)node->name, attr, text);
		return FALSE;
	}
	return TRUE;
}

/* an optional number from @min to @max (each end open or not), named with
 * its interval and @advice when out of it; @value is kept when absent */
static gboolean
aa_intent_get_double_in(AaIntent *self, xmlNode *node, const gchar *attr, gdouble min,
                        gboolean open_min, gdouble max, gboolean open_max, const gchar *advice,
                        gdouble *value, GError **error)
{
	gboolean present = FALSE;

	if (!aa_intent_get_double(self, node, attr, &present, value, error))
		return FALSE;
	if (!present || ((open_min ? *value > min : *value >= min) &&
	                 (open_max ? *value < max : *value <= max)))
		return TRUE;
	aa_intent_error(self, error, node, "<%s %s=\"%g\"> must be in %c%g, %g%c%s",
	                (const gchar *)node->name, attr, *value, open_min ? '(' : '[', min, max,
	                open_max ? ')' : ']', advice);
	return FALSE;
}

static gboolean
aa_intent_get_uint(AaIntent *self, xmlNode *node, const gchar *attr, guint64 max, gboolean *present,
                   guint64 *value, GError **error)
{
	g_autofree gchar *text = attr != NULL ? aa_xml_prop(node, attr) : aa_xml_text(node);
	guint64 v = 0;

	if (present != NULL)
		*present = text != NULL;
	if (text == NULL)
		return TRUE;
	if (!aa_xml_parse_uint64(text, &v) || v > max) {
		aa_intent_error(
		    self, error, node,
		    "<%s%s%s>: '%s' must be a whole number from 0 to %" G_GUINT64_FORMAT,
		    (const gchar *)node->name, attr != NULL ? " " : "", attr != NULL ? attr : "",
		    text, max);
		return FALSE;
	}
	*value = v;
	return TRUE;
}

/* intent elements have no namespace; namespaced ones are extensions, skipped */
static gboolean
aa_intent_is_element(xmlNode *node)
{
	return node->type == XML_ELEMENT_NODE && node->ns == NULL;
}

/* refuses a second occurrence of an element that may appear once */
static gboolean
aa_intent_check_once(AaIntent *self, GHashTable *seen, xmlNode *node, const gchar *where,
                     GError **error)
{
	const gchar *name = (const gchar *)node->name;
	gpointer first = g_hash_table_lookup(seen, name);
	if (first != NULL) {
		aa_intent_error(self, error, node,
		                "second <%s> in %s (the first is on line %ld); merge them into "
		                "one",
		                name, where, aa_xml_line(first));
		return FALSE;
	}
	g_hash_table_insert(seen, (gpointer)name, node);
	return TRUE;
}

static gboolean
aa_intent_parse_reserve(AaIntent *self, xmlNode *reserve, GError **error)
{
	xmlNode *service = aa_xml_child(reserve, "service-vm");
	xmlNode *hv = aa_xml_child(reserve, "hypervisor");
	guint64 v = 0;
	gboolean present = FALSE;

	if (service != NULL) {
		if (!aa_intent_get_uint(self, service, "pcpus", AA_LIMIT_PCPUS, &present, &v,
		                        error))
			return FALSE;
		if (present)
			self->service_pcpus = (guint)v;
		if (!aa_intent_get_uint(self, service, "memory-mib", AA_LIMIT_MEMORY_MIB, &present,
		                        &v, error))
			return FALSE;
		if (present)
			self->service_memory_mib = (guint)v;
	}
	if (hv != NULL) {
		if (!aa_intent_get_uint(self, hv, "memory-mib", AA_LIMIT_MEMORY_MIB, &present, &v,
		                        error))
			return FALSE;
		if (present)
			self->hypervisor_memory_mib = (guint)v;
	}
	return TRUE;
}

/* <policy model="robust|paper" demand-confidence target-confidence memory-headroom> */
static gboolean
aa_intent_parse_policy_model(AaIntent *self, xmlNode *policy, GError **error)
{
	g_autofree gchar *model = aa_xml_prop(policy, "model");
	g_autofree gchar *demand = NULL;

	if (model != NULL) {
		g_strstrip(model);
		self->model =
		    g_strcmp0(model, "paper") == 0 ? AA_MODEL_KIND_PAPER : AA_MODEL_KIND_ROBUST;
	}
	if (!aa_intent_get_double_in(self, policy, "demand-confidence", 0.0, TRUE, 1.0, FALSE,
	                             "; 0.95 is the default", &self->demand_confidence, error) ||
	    !aa_intent_get_double_in(self, policy, "target-confidence", 0.5, FALSE, 1.0, TRUE,
	                             "; 0.8 is the default", &self->target_confidence, error) ||
	    !aa_intent_get_double_in(self, policy, "memory-headroom", 0.0, FALSE, 10.0, FALSE,
	                             " (a fraction of the working set); 0.1 is the default",
	                             &self->memory_headroom, error))
		return FALSE;

	/* <policy demand="trace|forecast" forecast-horizon-s="600"> (docs/forecast.md) */
	demand = aa_xml_prop(policy, "demand");
	if (demand != NULL)
		self->demand_forecast = g_strcmp0(g_strstrip(demand), "forecast") == 0;
	self->forecast_horizon_s = 600.0;
	return aa_intent_get_double_in(self, policy, "forecast-horizon-s", 0.0, TRUE, 86400.0,
	                               FALSE,
	                               " seconds; 600 (seed 001's 10 minutes) is the default",
	                               &self->forecast_horizon_s, error);
}

static gboolean
aa_intent_parse_policy(AaIntent *self, xmlNode *policy, GError **error)
{
	g_autofree gchar *objective = aa_xml_prop(policy, "objective");
	g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);

	if (objective != NULL) {
		g_strstrip(objective);
		if (g_strcmp0(objective, "performance") == 0)
			self->objective = AA_OBJECTIVE_PERFORMANCE;
		else if (g_strcmp0(objective, "efficiency") == 0)
			self->objective = AA_OBJECTIVE_EFFICIENCY;
		else
			self->objective = AA_OBJECTIVE_BALANCED;
	}
	if (!aa_io_policy_parse(&self->io, policy, self->filename, error))
		return FALSE;
	if (!aa_intent_parse_policy_model(self, policy, error))
		return FALSE;
	for (xmlNode *n = policy->children; n != NULL; n = n->next) {
		const gchar *name = (const gchar *)n->name;
		guint64 v = 0;
		if (!aa_intent_is_element(n))
			continue;
		if (!aa_intent_check_once(self, seen, n, "<policy>", error))
			return FALSE;
		if (g_strcmp0(name, "memory-quantum-mib") == 0) {
			if (!aa_intent_get_uint(self, n, NULL, AA_LIMIT_MEMORY_MIB, NULL, &v,
			                        error))
				return FALSE;
			if (v == 0) {
				aa_intent_error(self, error, n,
				                "<memory-quantum-mib> must be at least 1; 128 "
				                "is the default");
				return FALSE;
			}
			self->memory_quantum_mib = (guint)v;
		} else if (g_strcmp0(name, "gpu-slices") == 0) {
			if (!aa_intent_get_uint(self, n, NULL, AA_LIMIT_GPU_SLICES, NULL, &v,
			                        error))
				return FALSE;
			self->gpu_slices = (guint)v;
		} else if (g_strcmp0(name, "reserve") == 0) {
			if (!aa_intent_parse_reserve(self, n, error))
				return FALSE;
		}
	}
	return TRUE;
}

/* @seen maps the metrics of @vm's earlier <qos> to them: a VM may carry
 * many, and a linear scan per element would be quadratic in the file size */
static gboolean
aa_intent_parse_qos(AaIntent *self, AaIntentVm *vm, GHashTable *seen, xmlNode *node, GError **error)
{
	g_autofree gchar *metric = aa_xml_prop(node, "metric");
	g_autofree gchar *direction = aa_xml_prop(node, "direction");
	g_autofree AaQosTarget *qos = g_new0(AaQosTarget, 1);
	gboolean present = FALSE;
	AaQosTarget *other;

	g_strstrip(metric);
	other = g_hash_table_lookup(seen, metric);
	if (other != NULL) {
		aa_intent_error(self, error, node,
		                "VM '%s' names QoS metric '%s' twice (also on line "
		                "%ld); keep one <qos>",
		                vm->name, metric, other->line);
		return FALSE;
	}
	qos->higher_is_better = g_strcmp0(g_strstrip(direction), "higher") == 0;
	if (!aa_intent_get_double(self, node, "target", NULL, &qos->target, error))
		return FALSE;
	qos->weight = 1;
	if (!aa_intent_get_double(self, node, "weight", &present, &qos->weight, error))
		return FALSE;
	if (qos->weight < 0) {
		aa_intent_error(self, error, node, "<qos metric=\"%s\">: weight must be >= 0",
		                metric);
		return FALSE;
	}
	qos->line = aa_xml_line(node);
	qos->metric = g_steal_pointer(&metric);
	g_hash_table_insert(seen, qos->metric, qos);
	g_ptr_array_add(vm->qos, g_steal_pointer(&qos));
	return TRUE;
}

static gboolean
aa_intent_parse_utilization(AaIntent *self, AaIntentVm *vm, xmlNode *node, GError **error)
{
	if (!aa_intent_get_double(self, node, "lambda", NULL, &vm->lambda, error))
		return FALSE;
	if (vm->lambda < 0) {
		aa_intent_error(self, error, node, "<utilization>: lambda must be >= 0");
		return FALSE;
	}
	for (xmlNode *n = node->children; n != NULL; n = n->next) {
		g_autofree gchar *resource = NULL;
		AaResource k = AA_RESOURCE_CPU;
		if (!aa_intent_is_element(n))
			continue;
		resource = aa_xml_prop(n, "resource");
		if (resource == NULL || !aa_resource_from_string(g_strstrip(resource), &k)) {
			aa_intent_error(self, error, n,
			                "<weight>: resource must be cpu, memory or gpu");
			return FALSE;
		}
		if (vm->has_util_weight[k]) {
			aa_intent_error(self, error, n,
			                "<utilization> of VM '%s' weighs '%s' twice; keep one",
			                vm->name, resource);
			return FALSE;
		}
		if (!aa_intent_get_double(self, n, "value", NULL, &vm->util_weight[k], error))
			return FALSE;
		if (vm->util_weight[k] < 0) {
			aa_intent_error(self, error, n, "<weight>: value must be >= 0");
			return FALSE;
		}
		vm->has_util_weight[k] = TRUE;
	}
	return TRUE;
}

static gboolean
aa_intent_parse_limits(AaIntent *self, AaIntentVm *vm, xmlNode *node, GError **error)
{
	const gchar *names[AA_DIM_COUNT] = {"p-cores", "e-cores", "memory-mib", "gpu-slices"};
	const guint64 maxima[AA_DIM_COUNT] = {AA_LIMIT_PCPUS, AA_LIMIT_PCPUS, AA_LIMIT_MEMORY_MIB,
	                                      AA_LIMIT_GPU_SLICES};
	for (guint d = 0; d < AA_DIM_COUNT; d++) {
		xmlNode *n = aa_xml_child(node, names[d]);
		AaLimit *limit = &vm->limits[d];
		guint64 v = 0;
		if (n == NULL)
			continue;
		if (!aa_intent_get_uint(self, n, "min", maxima[d], &limit->has_min, &v, error))
			return FALSE;
		limit->min = limit->has_min ? (gint64)v : 0;
		if (!aa_intent_get_uint(self, n, "max", maxima[d], &limit->has_max, &v, error))
			return FALSE;
		limit->max = limit->has_max ? (gint64)v : 0;
		if (limit->has_min && limit->has_max && limit->min > limit->max) {
			aa_intent_error(self, error, n,
			                "<%s min=\"%" G_GINT64_FORMAT "\" max=\"%" G_GINT64_FORMAT
			                "\">: min is above max; swap or correct them",
			                names[d], limit->min, limit->max);
			return FALSE;
		}
	}
	return TRUE;
}

static gboolean
aa_intent_parse_model(AaIntent *self, AaIntentVm *vm, xmlNode *node, GError **error)
{
	if (!aa_intent_get_double(self, node, "eta", &vm->has_eta, &vm->eta, error))
		return FALSE;
	if (vm->has_eta && vm->eta <= 0) {
		aa_intent_error(self, error, node, "<model>: eta must be above 0 (default 0.6)");
		return FALSE;
	}
	if (!vm->has_eta)
		vm->eta = AA_ETA_DEFAULT;
	for (xmlNode *n = node->children; n != NULL; n = n->next) {
		g_autofree gchar *name = NULL;
		AaResource k = AA_RESOURCE_CPU;
		AaModelOverride *o;
		if (!aa_intent_is_element(n))
			continue;
		name = aa_xml_prop(n, "name");
		if (name == NULL || !aa_resource_from_string(g_strstrip(name), &k)) {
			aa_intent_error(self, error, n,
			                "<resource>: name must be cpu, memory or gpu");
			return FALSE;
		}
		o = &vm->model[k];
		if (o->has_alpha || o->has_r_min) {
			aa_intent_error(self, error, n,
			                "<model> of VM '%s' has two <resource name=\"%s\">; "
			                "merge them",
			                vm->name, name);
			return FALSE;
		}
		if (!aa_intent_get_double(self, n, "alpha", &o->has_alpha, &o->alpha, error) ||
		    !aa_intent_get_double(self, n, "r-min", &o->has_r_min, &o->r_min, error))
			return FALSE;
		if (o->has_alpha && o->alpha <= 0) {
			aa_intent_error(self, error, n, "<resource>: alpha must be above 0");
			return FALSE;
		}
		if (o->has_r_min && o->r_min < 0) {
			aa_intent_error(self, error, n, "<resource>: r-min must be >= 0");
			return FALSE;
		}
	}
	return TRUE;
}

static gboolean
aa_intent_parse_tasks(AaIntent *self, AaIntentVm *vm, xmlNode *node, GError **error)
{
	g_autofree gchar *policy = aa_xml_prop(node, "policy");
	const guint64 max = G_GUINT64_CONSTANT(9007199254740991);
	/* task names seen so far: a set, as the list of tasks is unbounded */
	g_autoptr(GHashTable) names = g_hash_table_new(g_str_hash, g_str_equal);

	vm->tasks_rate_monotonic = policy != NULL && g_strcmp0(g_strstrip(policy), "rm") == 0;
	for (xmlNode *n = node->children; n != NULL; n = n->next) {
		g_autofree AaTask *task = NULL;
		g_autofree gchar *name = NULL;
		gboolean has_deadline = FALSE;
		gboolean has_priority = FALSE;
		guint64 v = 0;

		if (!aa_intent_is_element(n))
			continue;
		name = g_strstrip(aa_xml_prop(n, "name"));
		if (g_hash_table_contains(names, name)) {
			aa_intent_error(self, error, n,
			                "VM '%s' has two tasks named '%s'; rename one", vm->name,
			                name);
			return FALSE;
		}
		task = g_new0(AaTask, 1);
		if (!aa_intent_get_uint(self, n, "wcet-us", max, NULL, &task->wcet_us, error) ||
		    !aa_intent_get_uint(self, n, "period-us", max, NULL, &task->period_us, error) ||
		    !aa_intent_get_uint(self, n, "deadline-us", max, &has_deadline,
		                        &task->deadline_us, error) ||
		    !aa_intent_get_uint(self, n, "priority", G_MAXINT32, &has_priority, &v, error))
			return FALSE;
		if (!has_deadline)
			task->deadline_us = task->period_us;
		task->priority = has_priority ? (gint)v : 0;
		if (task->wcet_us == 0 || task->period_us == 0) {
			aa_intent_error(self, error, n,
			                "task '%s': wcet-us and period-us must be at least 1",
			                name);
			return FALSE;
		}
		if (task->wcet_us > task->deadline_us || task->deadline_us > task->period_us) {
			aa_intent_error(self, error, n,
			                "task '%s': needs wcet-us <= deadline-us <= period-us, "
			                "got %" G_GUINT64_FORMAT " <= %" G_GUINT64_FORMAT
			                " <= %" G_GUINT64_FORMAT "; correct the timing",
			                name, task->wcet_us, task->deadline_us, task->period_us);
			return FALSE;
		}
		task->name = g_steal_pointer(&name);
		g_hash_table_add(names, task->name);
		g_ptr_array_add(vm->tasks, g_steal_pointer(&task));
	}
	return TRUE;
}

static gchar *
aa_intent_resolve_href(AaIntent *self, xmlNode *node)
{
	g_autofree gchar *href = aa_xml_prop(node, "href");
	if (href == NULL)
		return NULL;
	return aa_path_resolve(self->filename, g_strstrip(href));
}

/* a file a VM's @node refers to could not be read: the error is prefixed
 * with the intent's file:line and @what, e.g. "profile of VM 'x'" */
static gboolean
aa_intent_vm_file_error(AaIntent *self, AaIntentVm *vm, xmlNode *node, const gchar *what,
                        GError **error)
{
	g_prefix_error(error, "%s:%ld: %s of VM '%s': ", self->filename, aa_xml_line(node), what,
	               vm->name);
	return FALSE;
}

/* a trace whose '# vm:' line, @recorded, names another VM is refused;
 * @how words where it was recorded: "in" or "for" */
static gboolean
aa_intent_check_recorded_vm(AaIntent *self, AaIntentVm *vm, xmlNode *node, const gchar *path,
                            const gchar *recorded, const gchar *how, const gchar *what,
                            GError **error)
{
	if (recorded == NULL || recorded[0] == '\0' || g_strcmp0(recorded, vm->name) == 0)
		return TRUE;
	aa_intent_error(self, error, node,
	                "VM '%s' refers to %s, which was recorded %s VM '%s' (its '# vm:' line); "
	                "point the href at this VM's %s",
	                vm->name, path, how, recorded, what);
	return FALSE;
}

/* loads the profile and checks it describes this VM and every QoS metric */
static gboolean
aa_intent_load_profile(AaIntent *self, AaIntentVm *vm, xmlNode *node, GError **error)
{
	vm->profile_path = aa_intent_resolve_href(self, node);
	/* not recorded yet: the intent is still good for profile-script and
	 * validate; aa_intent_check_profiles() stops what needs the trace */
	if (vm->profile_path != NULL && !g_file_test(vm->profile_path, G_FILE_TEST_EXISTS)) {
		vm->profile_line = aa_xml_line(node);
		return TRUE;
	}
	vm->profile = aa_profile_load(vm->profile_path, error);
	if (vm->profile == NULL)
		return aa_intent_vm_file_error(self, vm, node, "profile", error);
	return aa_intent_check_recorded_vm(self, vm, node, vm->profile_path, vm->profile->vm_name,
	                                   "in", "profile", error);
}

/* loads the I/O profile (FORMATS.md v2) and checks it describes this VM */
static gboolean
aa_intent_load_io_profile(AaIntent *self, AaIntentVm *vm, xmlNode *node, GError **error)
{
	vm->io_profile_path = aa_intent_resolve_href(self, node);
	vm->io_profile = aa_io_profile_load(vm->io_profile_path, error);
	if (vm->io_profile == NULL)
		return aa_intent_vm_file_error(self, vm, node, "I/O profile", error);
	return aa_intent_check_recorded_vm(self, vm, node, vm->io_profile_path,
	                                   vm->io_profile->vm_name, "for", "I/O profile", error);
}

static gboolean
aa_intent_check_profile_qos(AaIntent *self, AaIntentVm *vm, GError **error)
{
	if (vm->profile == NULL)
		return TRUE;
	for (guint i = 0; i < vm->qos->len; i++) {
		AaQosTarget *qos = g_ptr_array_index(vm->qos, i);
		if (g_strcmp0(qos->metric, "deadline-miss-ratio") == 0)
			continue;
		if (g_hash_table_contains(vm->profile->qos, qos->metric))
			continue;
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, self->filename, qos->line,
		                "VM '%s' targets '%s' but its profile %s has no '%s=' in its "
		                "'# qos:' line; profile again with a QoS command that prints "
		                "%s=VALUE, or drop this <qos>",
		                vm->name, qos->metric, vm->profile_path, qos->metric, qos->metric);
		return FALSE;
	}
	return TRUE;
}

/* @vms maps the names of the VMs parsed so far to them */
static gboolean
aa_intent_parse_vm(AaIntent *self, GHashTable *vms, xmlNode *node, GError **error)
{
	g_autoptr(AaIntentVm) vm = aa_intent_vm_new();
	g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(GHashTable) qos_seen = g_hash_table_new(g_str_hash, g_str_equal);
	AaIntentVm *first;
	g_autofree gchar *klass = aa_xml_prop(node, "class");
	g_autofree gchar *where = NULL;

	vm->name = g_strstrip(aa_xml_prop(node, "name"));
	vm->line = aa_xml_line(node);
	{
		g_autofree gchar *be = aa_xml_prop(node, "best-effort");
		vm->best_effort = be != NULL && (g_strcmp0(g_strstrip(be), "true") == 0 ||
		                                 g_strcmp0(be, "1") == 0);
	}
	vm->node = node;
	if (klass != NULL && !aa_vm_class_from_string(g_strstrip(klass), &vm->klass)) {
		aa_intent_error(self, error, node,
		                "class '%s' is unknown; use rtos, gaming, ai-inference, web or "
		                "general",
		                klass);
		return FALSE;
	}
	first = g_hash_table_lookup(vms, vm->name);
	if (first != NULL) {
		aa_intent_error(self, error, node,
		                "VM '%s' appears twice (first on line %ld); merge the two <vm>",
		                vm->name, first->line);
		return FALSE;
	}

	where = g_strdup_printf("<vm name=\"%s\">", vm->name);
	for (xmlNode *n = node->children; n != NULL; n = n->next) {
		const gchar *name = (const gchar *)n->name;
		gboolean ok = TRUE;
		if (!aa_intent_is_element(n))
			continue;
		if (g_strcmp0(name, "qos") == 0) {
			if (!aa_intent_parse_qos(self, vm, qos_seen, n, error))
				return FALSE;
			continue;
		}
		if (!aa_intent_check_once(self, seen, n, where, error))
			return FALSE;
		if (g_strcmp0(name, "utilization") == 0) {
			ok = aa_intent_parse_utilization(self, vm, n, error);
		} else if (g_strcmp0(name, "limits") == 0) {
			ok = aa_intent_parse_limits(self, vm, n, error);
		} else if (g_strcmp0(name, "model") == 0) {
			ok = aa_intent_parse_model(self, vm, n, error);
		} else if (g_strcmp0(name, "tasks") == 0) {
			ok = aa_intent_parse_tasks(self, vm, n, error);
		} else if (g_strcmp0(name, "profile") == 0) {
			ok = aa_intent_load_profile(self, vm, n, error);
		} else if (g_strcmp0(name, "io-profile") == 0) {
			ok = aa_intent_load_io_profile(self, vm, n, error);
		} else if (g_strcmp0(name, "calibration") == 0) {
			vm->calibration_path = aa_intent_resolve_href(self, n);
			vm->calibration = aa_calibration_load(vm->calibration_path, error);
			if (vm->calibration == NULL)
				ok = aa_intent_vm_file_error(self, vm, n, "calibration", error);
		}
		if (!ok)
			return FALSE;
	}
	if (!aa_intent_check_profile_qos(self, vm, error))
		return FALSE;
	g_hash_table_insert(vms, vm->name, vm);
	g_ptr_array_add(self->vms, g_steal_pointer(&vm));
	return TRUE;
}

/* 1 + the index of the user VM @name in @scenario's VMs (the first of that
 * name), 0 when it has none: the one place where a VM of an intent is matched
 * to the scenario's by name */
static guint
aa_intent_scenario_link(AaScenario *scenario, const gchar *name)
{
	for (guint j = 0; j < aa_scenario_get_vms(scenario)->len; j++) {
		AaVm *candidate = g_ptr_array_index(aa_scenario_get_vms(scenario), j);
		if (candidate->load_order != AA_LOAD_ORDER_SERVICE_VM &&
		    g_strcmp0(candidate->name, name) == 0)
			return j + 1;
	}
	return 0;
}

/* every intent VM must be a user VM of the scenario; checked on the XML
 * before anything a <vm> refers to is read, so that a misspelt name is
 * reported as such and not as a profile of the wrong VM.  @links gets each
 * <vm>'s link (aa_intent_scenario_link()), in document order */
static gboolean
aa_intent_check_scenario(AaIntent *self, xmlNode *root, AaScenario *scenario, GArray *links,
                         GError **error)
{
	for (xmlNode *node = root->children; node != NULL; node = node->next) {
		g_autofree gchar *prop = NULL;
		const gchar *name;
		guint link = 0;
		g_autoptr(GString) names = g_string_new(NULL);

		if (!aa_intent_is_element(node) || g_strcmp0((const gchar *)node->name, "vm") != 0)
			continue;
		prop = aa_xml_prop(node, "name");
		if (prop != NULL)
			link = aa_intent_scenario_link(scenario, g_strstrip(prop));
		g_array_append_val(links, link);
		if (prop == NULL || link != 0)
			continue;
		name = prop;

		for (guint j = 0; j < aa_scenario_get_vms(scenario)->len; j++) {
			AaVm *candidate = g_ptr_array_index(aa_scenario_get_vms(scenario), j);
			if (candidate->load_order == AA_LOAD_ORDER_SERVICE_VM)
				continue;
			if (names->len > 0)
				g_string_append(names, ", ");
			g_string_append(names, candidate->name != NULL ? candidate->name : "?");
		}
		for (guint j = 0; j < aa_scenario_get_vms(scenario)->len; j++) {
			AaVm *candidate = g_ptr_array_index(aa_scenario_get_vms(scenario), j);
			if (candidate->load_order == AA_LOAD_ORDER_SERVICE_VM &&
			    g_strcmp0(candidate->name, name) == 0) {
				aa_intent_error(self, error, node,
				                "'%s' is the Service VM; its share is set by "
				                "<policy><reserve><service-vm>, remove this <vm>",
				                name);
				return FALSE;
			}
		}
		aa_intent_error(
		    self, error, node, "VM '%s' is not in the scenario %s; use one of: %s", name,
		    aa_scenario_get_filename(scenario) != NULL ? aa_scenario_get_filename(scenario)
		                                               : "",
		    names->len > 0 ? names->str : "(no user VMs)");
		return FALSE;
	}
	return TRUE;
}

/**
 * aa_intent_link_scenario:
 * @self: an intent whose VMs were built in memory (aa_intent_load() links its own)
 * @scenario: the scenario they describe
 * @error: (nullable): optional return location for an error
 *
 * Links every VM to the user VM of @scenario with its name, as aa_intent_load()
 * does (aa_intent_vm_get_scenario_vm()).
 *
 * Returns: %TRUE when every VM is a user VM of @scenario
 */
gboolean
aa_intent_link_scenario(AaIntent *self, AaScenario *scenario, GError **error)
{
	for (guint i = 0; i < self->vms->len; i++) {
		AaIntentVm *vm = g_ptr_array_index(self->vms, i);
		vm->scenario_vm = aa_intent_scenario_link(scenario, vm->name);
		if (vm->scenario_vm == 0) {
			g_set_error(error, AA_ERROR, AA_ERROR_INVALID_DATA,
			            "%s: VM '%s' is not in the scenario %s",
			            self->filename != NULL ? self->filename : "intent", vm->name,
			            aa_scenario_get_filename(scenario) != NULL
			                ? aa_scenario_get_filename(scenario)
			                : "");
			return FALSE;
		}
	}
	return TRUE;
}

/**
 * aa_intent_check_profiles:
 * @self: a loaded intent
 * @error: (nullable): optional return location for an error
 *
 * Fails when a VM's `<profile href>` names a trace that has not been
 * recorded yet, naming the file and how to record it.
 *
 * Returns: %TRUE when every referenced profile was read
 */
gboolean
aa_intent_check_profiles(AaIntent *self, GError **error)
{
	for (guint i = 0; i < self->vms->len; i++) {
		AaIntentVm *vm = g_ptr_array_index(self->vms, i);
		if (vm->profile_path == NULL || vm->profile != NULL)
			continue;
		aa_error_set_at(error, AA_ERROR_NOT_FOUND, self->filename, vm->profile_line,
		                "the profile trace %s of VM '%s' does not exist yet; run the "
		                "profiling script first: 'acrn-alloc profile-script --intent %s "
		                "--vm %s -o profile.sh', run it inside the VM while its workload "
		                "runs and save the CSV it writes as %s",
		                vm->profile_path, vm->name, self->filename, vm->name,
		                vm->profile_path);
		return FALSE;
	}
	return TRUE;
}

/**
 * aa_intent_load:
 * @self: an empty intent
 * @filename: intent.xml
 * @schema_dir: the directory holding intent.xsd
 * @scenario: (nullable): the scenario whose VMs the intent names
 * @error: (nullable): optional return location for an error
 *
 * Validates @filename against the schema, parses it with the defaults of
 * MODEL.md, cross-checks what the schema cannot express and loads the
 * referenced profile and calibration files.
 *
 * Returns: %TRUE on success
 */
gboolean
aa_intent_load(AaIntent *self, const gchar *filename, const gchar *schema_dir, AaScenario *scenario,
               GError **error)
{
	xmlNode *root;
	g_autoptr(GHashTable) vms = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(GArray) links = g_array_new(FALSE, FALSE, sizeof(guint));

	g_return_val_if_fail(self != NULL, FALSE);
	g_return_val_if_fail(self->doc == NULL, FALSE);

	self->filename = g_strdup(filename);
	self->doc = aa_xml_load_file(filename, error);
	if (self->doc == NULL)
		return FALSE;
	root = xmlDocGetRootElement(self->doc);
	if (g_strcmp0((const gchar *)root->name, "alloc-intent") != 0) {
		aa_intent_error(self, error, root,
		                "the root element is <%s>, not <alloc-intent>; is this an "
		                "intent file?",
		                (const gchar *)root->name);
		return FALSE;
	}
	if (!aa_intent_validate_schema(self, schema_dir, error))
		return FALSE;
	/* the policy first, then every VM name against the scenario (a typo is
	 * named before anything about that VM's files), then the VMs */
	for (xmlNode *n = root->children; n != NULL; n = n->next) {
		if (aa_intent_is_element(n) && g_strcmp0((const gchar *)n->name, "policy") == 0 &&
		    !aa_intent_parse_policy(self, n, error))
			return FALSE;
	}
	if (scenario != NULL && !aa_intent_check_scenario(self, root, scenario, links, error))
		return FALSE;
	for (xmlNode *n = root->children; n != NULL; n = n->next) {
		if (aa_intent_is_element(n) && g_strcmp0((const gchar *)n->name, "vm") == 0 &&
		    !aa_intent_parse_vm(self, vms, n, error))
			return FALSE;
	}
	/* one VM per <vm>, in the same order: the links found above */
	for (guint i = 0; i < self->vms->len && i < links->len; i++)
		((AaIntentVm *)g_ptr_array_index(self->vms, i))->scenario_vm =
		    g_array_index(links, guint, i);
	return TRUE;
}
