/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The HTML report.  The recommendation alone does not say which pCPUs the
 * board has, which are P or E, or who holds the ones no VM of the intent
 * got, so the C side summarises board and scenario into a small
 * <report-input> document (fixtures/valid-report-input-adl.xml shows the
 * layout), adds the diagnostics it can see, and xslt/report.xsl draws it.
 */

#include "config.h"

#include <string.h>

#include "aa-board-private.h"
#include "aa-context-private.h"
#include "aa-error.h"
#include "aa-report.h"
#include "aa-scenario-private.h"
#include "aa-util.h"
#include "aa-validate.h"
#include "aa-xml-attr.h"
#include "aa-xml.h"
#include "aa-xslt.h"

/* a text attribute, none for %NULL */
static void
aa_report_prop(xmlNode *node, const gchar *name, const gchar *value)
{
	if (value != NULL)
		aa_xml_attr_text(node, name, value);
}

static gboolean
aa_report_is_element(xmlNode *node, const gchar *name)
{
	return node->type == XML_ELEMENT_NODE && g_strcmp0((const gchar *)node->name, name) == 0;
}

static gboolean
aa_report_prop_as_uint(xmlNode *node, const gchar *name, guint64 *value)
{
	g_autofree gchar *text = aa_xml_prop(node, name);
	return text != NULL && aa_xml_parse_uint64(text, value);
}

/**
 * aa_report_input_add_diagnostic:
 * @input: a document from aa_report_input_new()
 * @severity: `error`, `warning` or `info`
 * @filename: (nullable): the file the finding is about
 * @line: its line, or 0
 * @message: what is wrong and what to change
 *
 * Appends one entry to the report's diagnostics section, e.g. the findings
 * of the validator.
 */
void
aa_report_input_add_diagnostic(xmlDoc *input, const gchar *severity, const gchar *filename,
                               glong line, const gchar *message)
{
	xmlNode *root = xmlDocGetRootElement(input);
	xmlNode *diags = aa_xml_child(root, "diagnostics");
	xmlNode *node;

	g_return_if_fail(diags != NULL);
	node = aa_xml_attr_child(diags, "diagnostic");
	aa_report_prop(node, "severity", severity);
	if (filename != NULL) {
		g_autofree gchar *base = g_path_get_basename(filename);
		aa_report_prop(node, "file", base);
	}
	if (line > 0)
		aa_xml_attr_uint(node, "line", (guint64)line);
	/* a text node, never parsed: markup in a message stays text */
	xmlAddChild(node, xmlNewDocText(input, (const xmlChar *)message));
}

static void aa_report_diag(xmlDoc *input, const gchar *severity, const gchar *filename,
                           xmlNode *where, const gchar *format, ...) G_GNUC_PRINTF(5, 6);

static void
aa_report_diag(xmlDoc *input, const gchar *severity, const gchar *filename, xmlNode *where,
               const gchar *format, ...)
{
	va_list args;
	g_autofree gchar *msg = NULL;
	va_start(args, format);
	msg = g_strdup_vprintf(format, args);
	va_end(args);
	aa_report_input_add_diagnostic(input, severity, filename,
	                               where != NULL ? aa_xml_line(where) : 0, msg);
}

static AaVm *
aa_report_scenario_vm(AaScenario *scenario, const gchar *name)
{
	if (scenario == NULL || name == NULL)
		return NULL;
	return aa_scenario_get_vm_by_name(scenario, name);
}

/* a <pcpu id="N"/> of an allocation, and its N */
static gboolean
aa_report_pcpu_id(xmlNode *node, guint64 *id)
{
	return aa_report_is_element(node, "pcpu") && aa_report_prop_as_uint(node, "id", id) &&
	       *id < G_MAXUINT;
}

/* pCPU id -> name of the recommended VM pinned to it; checks for doubles */
static GHashTable *
aa_report_rec_owners(xmlDoc *input, xmlNode *rec, const gchar *rec_file)
{
	GHashTable *owners = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
	for (xmlNode *vm = rec->children; vm != NULL; vm = vm->next) {
		g_autofree gchar *name = NULL;
		xmlNode *alloc;
		if (!aa_report_is_element(vm, "vm"))
			continue;
		name = aa_xml_prop(vm, "name");
		alloc = aa_xml_child(vm, "allocation");
		if (alloc == NULL)
			continue;
		for (xmlNode *p = alloc->children; p != NULL; p = p->next) {
			guint64 id = 0;
			const gchar *other;
			if (!aa_report_pcpu_id(p, &id))
				continue;
			other = g_hash_table_lookup(owners, GUINT_TO_POINTER((guint)id + 1));
			if (other != NULL) {
				aa_report_diag(input, "error", rec_file, p,
				               "pCPU %" G_GUINT64_FORMAT
				               " is given to both %s and %s; regenerate the "
				               "recommendation",
				               id, other, name);
				continue;
			}
			g_hash_table_insert(owners, GUINT_TO_POINTER((guint)id + 1),
			                    g_strdup(name != NULL ? name : "?"));
		}
	}
	return owners;
}

/* the <vm> of the recommendation named @name, or NULL */
static xmlNode *
aa_report_rec_vm(xmlNode *rec, const gchar *name)
{
	for (xmlNode *vm = rec->children; vm != NULL; vm = vm->next) {
		g_autofree gchar *vm_name = NULL;
		if (!aa_report_is_element(vm, "vm"))
			continue;
		vm_name = aa_xml_prop(vm, "name");
		if (g_strcmp0(vm_name, name) == 0)
			return vm;
	}
	return NULL;
}

/* ACRN gives the Service VM every pCPU that no pre-launched VM and no RT VM
 * holds (a post-launched RT VM's pCPUs are taken offline in it): does it run
 * on a pCPU held by @owner (NULL: nobody)? */
static gboolean
aa_report_service_runs(xmlNode *rec, AaScenario *scenario, const gchar *owner)
{
	xmlNode *vm;
	AaVm *svm;
	if (owner == NULL)
		return TRUE;
	vm = aa_report_rec_vm(rec, owner);
	if (vm != NULL) {
		g_autofree gchar *rt = aa_xml_prop(vm, "rt");
		svm = aa_report_scenario_vm(scenario, owner);
		return g_strcmp0(rt, "true") != 0 &&
		       (svm == NULL || svm->load_order != AA_LOAD_ORDER_PRE_LAUNCHED_VM);
	}
	svm = aa_report_scenario_vm(scenario, owner);
	return svm != NULL && svm->load_order == AA_LOAD_ORDER_POST_LAUNCHED_VM &&
	       !aa_vm_is_rt(svm);
}

/* a pCPU of the report's board summary by id, or NULL */
static xmlNode *
aa_report_board_pcpu(xmlNode *board, guint id)
{
	for (xmlNode *p = board->children; p != NULL; p = p->next) {
		guint64 pid = 0;
		if (aa_report_is_element(p, "pcpu") && aa_report_prop_as_uint(p, "id", &pid) &&
		    pid == id)
			return p;
	}
	return NULL;
}

/* does an RT VM of the recommendation hold a pCPU in the hyper-thread or L2
 * domain of @cand? */
static gboolean
aa_report_near_rt(xmlNode *node, AaBoard *board, const AaPcpu *cand, xmlNode *rec)
{
	for (AaCpuShare share = AA_CPU_SHARE_CORE; share <= AA_CPU_SHARE_L2; share++) {
		const AaCpuGroup *group = aa_board_get_group(board, cand, share);
		if (group == NULL)
			continue;
		for (guint k = 0; k < group->cpu_ids->len; k++) {
			xmlNode *o =
			    aa_report_board_pcpu(node, g_array_index(group->cpu_ids, guint, k));
			g_autofree gchar *owner = o != NULL ? aa_xml_prop(o, "owner") : NULL;
			xmlNode *vm = owner != NULL ? aa_report_rec_vm(rec, owner) : NULL;
			g_autofree gchar *rt = vm != NULL ? aa_xml_prop(vm, "rt") : NULL;
			if (g_strcmp0(rt, "true") == 0)
				return TRUE;
		}
	}
	return FALSE;
}

/* a VM placed on the hyper-thread sibling of a pCPU the Service VM keeps while
 * a pCPU of the same type, sibling of no such pCPU, is free: MODEL.md's
 * placement (lowest free IDs, normative for both models) does that, so the
 * report names the case and the hand edit that avoids it */
static void
aa_report_add_placement_notes(xmlNode *node, AaBoard *board, xmlNode *rec)
{
	if (board->groups[AA_CPU_SHARE_CORE] == NULL)
		return;
	for (guint i = 0; i < board->pcpus->len; i++) {
		AaPcpu *pcpu = g_ptr_array_index(board->pcpus, i);
		xmlNode *p = aa_report_board_pcpu(node, pcpu->cpu_id);
		g_autofree gchar *role = p != NULL ? aa_xml_prop(p, "role") : NULL;
		const AaCpuGroup *group;
		gint service_sibling = -1;
		gint free_cpu = -1;

		group = aa_board_get_group(board, pcpu, AA_CPU_SHARE_CORE);
		if (g_strcmp0(role, "vm") != 0 || group == NULL)
			continue;
		for (guint k = 0; k < group->cpu_ids->len; k++) {
			guint other = g_array_index(group->cpu_ids, guint, k);
			xmlNode *o = aa_report_board_pcpu(node, other);
			g_autofree gchar *orole = o != NULL ? aa_xml_prop(o, "role") : NULL;
			if (other != pcpu->cpu_id && g_strcmp0(orole, "service") == 0)
				service_sibling = (gint)other;
		}
		if (service_sibling < 0)
			continue;
		/* the lowest free pCPU of the same type whose siblings the Service VM
		 * does not keep */
		for (guint j = 0; j < board->pcpus->len && free_cpu < 0; j++) {
			AaPcpu *cand = g_ptr_array_index(board->pcpus, j);
			xmlNode *c = aa_report_board_pcpu(node, cand->cpu_id);
			g_autofree gchar *crole = c != NULL ? aa_xml_prop(c, "role") : NULL;
			gboolean clean = TRUE;
			group = aa_board_get_group(board, cand, AA_CPU_SHARE_CORE);
			if (cand->kind != pcpu->kind || crole != NULL || group == NULL)
				continue;
			for (guint k = 0; k < group->cpu_ids->len; k++) {
				xmlNode *o = aa_report_board_pcpu(
				    node, g_array_index(group->cpu_ids, guint, k));
				g_autofree gchar *orole = o != NULL ? aa_xml_prop(o, "role") : NULL;
				clean &= g_strcmp0(orole, "service") != 0;
			}
			/* nor a partner an RT VM keeps free for its isolation */
			clean &= !aa_report_near_rt(node, board, cand, rec);
			if (clean)
				free_cpu = (gint)cand->cpu_id;
		}
		if (free_cpu < 0)
			continue;
		{
			xmlNode *note = aa_xml_attr_child(node, "placement-note");
			g_autofree gchar *owner = aa_xml_prop(p, "owner");
			aa_report_prop(note, "vm", owner);
			aa_xml_attr_uint(note, "pcpu", pcpu->cpu_id);
			aa_xml_attr_uint(note, "service-sibling", (guint)service_sibling);
			aa_xml_attr_uint(note, "free", (guint)free_cpu);
		}
	}
}

/* the board summary: every pCPU with its kind and who holds it */
static void
aa_report_add_board(xmlDoc *input, xmlNode *root, AaBoard *board, AaScenario *scenario,
                    xmlNode *rec, const gchar *rec_file)
{
	xmlNode *node = aa_xml_attr_child(root, "board");
	xmlNode *cap = aa_xml_child(rec, "capacity");
	g_autoptr(GHashTable) owners = aa_report_rec_owners(input, rec, rec_file);
	g_autoptr(GHashTable) others = g_hash_table_new(g_direct_hash, g_direct_equal);
	const gchar *service_name = "Service VM";
	guint n_p = 0;
	guint n_e = 0;
	guint other_p = 0;
	guint64 cap_p = 0;
	gint64 service_left = 0;

	/* pCPUs that VMs outside the recommendation keep (MODEL.md capacity) */
	for (guint i = 0; scenario != NULL && i < aa_scenario_get_vms(scenario)->len; i++) {
		AaVm *vm = g_ptr_array_index(aa_scenario_get_vms(scenario), i);
		if (vm->load_order == AA_LOAD_ORDER_SERVICE_VM) {
			service_name = vm->name;
			continue;
		}
		if (aa_report_rec_vm(rec, vm->name) != NULL)
			continue;
		for (guint j = 0; j < vm->affinity->len; j++) {
			AaAffinity *a = &g_array_index(vm->affinity, AaAffinity, j);
			gpointer key = GUINT_TO_POINTER(a->pcpu_id + 1);
			if (!g_hash_table_contains(owners, key))
				g_hash_table_insert(others, key, vm->name);
		}
	}

	for (guint i = 0; i < board->pcpus->len; i++) {
		AaPcpu *pcpu = g_ptr_array_index(board->pcpus, i);
		if (pcpu->kind == AA_CORE_KIND_P) {
			n_p++;
			if (g_hash_table_contains(others, GUINT_TO_POINTER(pcpu->cpu_id + 1)))
				other_p++;
		} else {
			n_e++;
		}
	}
	/* the Service VM reserve: what the capacity lacks, lowest P-cores first */
	if (cap != NULL && aa_report_prop_as_uint(cap, "p-cores", &cap_p))
		service_left = (gint64)n_p - (gint64)cap_p - (gint64)other_p;

	aa_report_prop(node, "name", board->name);
	if (board->filename != NULL) {
		g_autofree gchar *base = g_path_get_basename(board->filename);
		aa_report_prop(node, "file", base);
	}
	aa_report_prop(node, "hybrid", board->hybrid ? "true" : "false");
	aa_xml_attr_uint(node, "memory-mib", board->memory_mib);
	aa_xml_attr_uint(node, "p-cores", n_p);
	aa_xml_attr_uint(node, "e-cores", n_e);

	for (guint i = 0; i < board->pcpus->len; i++) {
		AaPcpu *pcpu = g_ptr_array_index(board->pcpus, i);
		gpointer key = GUINT_TO_POINTER(pcpu->cpu_id + 1);
		xmlNode *p = aa_xml_attr_child(node, "pcpu");
		const gchar *owner = g_hash_table_lookup(owners, key);
		aa_xml_attr_uint(p, "id", pcpu->cpu_id);
		aa_report_prop(p, "kind", pcpu->kind == AA_CORE_KIND_P ? "P" : "E");
		if (pcpu->core_type != NULL && pcpu->core_type[0] != '\0')
			aa_report_prop(p, "core-type", pcpu->core_type);
		aa_xml_attr_uint(p, "core", pcpu->core_id);
		if (owner != NULL) {
			aa_report_prop(p, "owner", owner);
			aa_report_prop(p, "role", "vm");
		} else if (g_hash_table_contains(others, key)) {
			aa_report_prop(p, "owner", g_hash_table_lookup(others, key));
			aa_report_prop(p, "role", "other");
		} else if (pcpu->kind == AA_CORE_KIND_P && service_left > 0) {
			aa_report_prop(p, "owner", service_name);
			aa_report_prop(p, "role", "service");
			service_left--;
		}
		/* where the Service VM runs beside (or instead of) a user VM */
		{
			const gchar *held =
			    owner != NULL ? owner : g_hash_table_lookup(others, key);
			g_autofree gchar *role = aa_xml_prop(p, "role");
			if (g_strcmp0(role, "service") != 0 &&
			    aa_report_service_runs(rec, scenario, held))
				aa_report_prop(p, "service-shares", service_name);
		}
	}
	aa_report_add_placement_notes(node, board, rec);
	aa_report_prop(node, "service-vm", service_name);

	/* recommended pCPUs the board lacks */
	for (xmlNode *vm = rec->children; vm != NULL; vm = vm->next) {
		xmlNode *alloc =
		    aa_report_is_element(vm, "vm") ? aa_xml_child(vm, "allocation") : NULL;
		for (xmlNode *p = alloc != NULL ? alloc->children : NULL; p != NULL; p = p->next) {
			guint64 id = 0;
			gboolean found = FALSE;
			if (!aa_report_pcpu_id(p, &id))
				continue;
			for (guint i = 0; i < board->pcpus->len && !found; i++) {
				AaPcpu *pcpu = g_ptr_array_index(board->pcpus, i);
				found = pcpu->cpu_id == id;
			}
			if (!found) {
				g_autofree gchar *name = aa_xml_prop(vm, "name");
				aa_report_diag(input, "error", rec_file, p,
				               "%s is pinned to pCPU %" G_GUINT64_FORMAT
				               ", which board %s does not have; re-run recommend "
				               "with this board",
				               name, id, board->name);
			}
		}
	}

	for (guint i = 0; board->pci_devices != NULL && i < board->pci_devices->len; i++) {
		AaPciDevice *dev = g_ptr_array_index(board->pci_devices, i);
		xmlNode *gpu;
		if ((dev->class_code >> 16) != 0x03 || !dev->sriov)
			continue;
		gpu = aa_xml_attr_child(node, "gpu");
		aa_report_prop(gpu, "bdf", dev->bdf);
		aa_xml_attr_uint(gpu, "total-vfs", dev->total_vfs);
		aa_report_prop(gpu, "description", dev->description);
		break;
	}
}

static void
aa_report_add_scenario(xmlNode *root, AaScenario *scenario)
{
	xmlNode *node = aa_xml_attr_child(root, "scenario");
	if (aa_scenario_get_filename(scenario) != NULL) {
		g_autofree gchar *base = g_path_get_basename(aa_scenario_get_filename(scenario));
		aa_report_prop(node, "file", base);
	}
	for (guint i = 0; i < aa_scenario_get_vms(scenario)->len; i++) {
		AaVm *vm = g_ptr_array_index(aa_scenario_get_vms(scenario), i);
		xmlNode *v = aa_xml_attr_child(node, "vm");
		aa_xml_attr_uint(v, "id", vm->id);
		aa_report_prop(v, "name", vm->name);
		/* the scenario's own spelling, which it parsed; "" when unknown */
		aa_report_prop(v, "load-order",
		               vm->load_order != AA_LOAD_ORDER_UNKNOWN ? vm->load_order_text : "");
		aa_report_prop(v, "vm-type", vm->vm_type);
	}
}

/* findings the report can make from the recommendation and the inputs */
static void
aa_report_check(xmlDoc *input, xmlNode *rec, const gchar *rec_file, AaBoard *board,
                AaScenario *scenario)
{
	g_autofree gchar *rec_board = aa_xml_prop(rec, "board");
	xmlNode *search = aa_xml_child(rec, "search");

	if (board != NULL && rec_board != NULL && g_strcmp0(rec_board, board->name) != 0) {
		aa_report_diag(input, "warning", rec_file, rec,
		               "the recommendation is for board %s, not %s; re-run recommend "
		               "with this board",
		               rec_board, board->name);
	}
	if (search != NULL) {
		g_autofree gchar *optimal = aa_xml_prop(search, "optimal");
		if (g_strcmp0(optimal, "true") != 0) {
			aa_report_diag(input, "info", rec_file, search,
			               "the search did not prove this allocation optimal");
		}
	}
	for (xmlNode *vm = rec->children; vm != NULL; vm = vm->next) {
		g_autofree gchar *name = NULL;
		if (aa_report_is_element(vm, "baseline")) {
			g_autofree gchar *feasible = aa_xml_prop(vm, "feasible");
			g_autofree gchar *strategy = aa_xml_prop(vm, "strategy");
			if (g_strcmp0(feasible, "false") == 0) {
				aa_report_diag(input, "info", rec_file, vm,
				               "the %s baseline breaks capacity after clamping to "
				               "the limits",
				               strategy);
			}
			continue;
		}
		if (!aa_report_is_element(vm, "vm"))
			continue;
		name = aa_xml_prop(vm, "name");
		if (scenario != NULL && aa_report_scenario_vm(scenario, name) == NULL) {
			aa_report_diag(input, "warning", rec_file, vm,
			               "VM %s is not in the scenario; check the VM names of the "
			               "intent against vm/name of the scenario",
			               name);
		}
		for (xmlNode *p = vm->children; p != NULL; p = p->next) {
			g_autofree gchar *met = NULL;
			g_autofree gchar *metric = NULL;
			g_autofree gchar *value = NULL;
			g_autofree gchar *target = NULL;
			if (!aa_report_is_element(p, "predicted"))
				continue;
			met = aa_xml_prop(p, "met");
			if (g_strcmp0(met, "true") == 0)
				continue;
			metric = aa_xml_prop(p, "metric");
			value = aa_xml_prop(p, "value");
			target = aa_xml_prop(p, "target");
			aa_report_diag(input, "warning", rec_file, p,
			               "%s: predicted %s %s misses the target %s; raise the VM's "
			               "limits, free resources elsewhere or relax the target",
			               name, metric, value, target);
		}
	}
}

/* a recommendation.xml of a version this report reads */
static gboolean
aa_report_input_check(xmlDoc *recommendation, const gchar *recommendation_file, GError **error)
{
	xmlNode *rec = xmlDocGetRootElement(recommendation);
	g_autofree gchar *version = NULL;

	if (rec == NULL || !aa_report_is_element(rec, "recommendation")) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, recommendation_file,
		                rec != NULL ? aa_xml_line(rec) : 0,
		                "the root element is <%s>, not <recommendation>; pass the file "
		                "that 'acrn-alloc recommend' wrote",
		                rec != NULL ? (const gchar *)rec->name : "");
		return FALSE;
	}
	version = aa_xml_prop(rec, "version");
	if (g_strcmp0(version, "1") != 0) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, recommendation_file, aa_xml_line(rec),
		                "recommendation version '%s' is not supported, only version=\"1\"; "
		                "regenerate it with this acrn-alloc",
		                version != NULL ? version : "");
		return FALSE;
	}
	return TRUE;
}

/**
 * aa_report_input_new:
 * @board: (nullable): the board, for the pCPU map and the reserves
 * @scenario: (nullable): the scenario, for VM types and VMs outside the intent
 * @recommendation: a recommendation.xml document
 * @recommendation_file: its file name, for messages
 * @error: (nullable): optional return location for an error
 *
 * Builds the document xslt/report.xsl reads, with the diagnostics the report
 * can find on its own (QoS misses, pCPUs the board lacks, unknown VMs).
 *
 * Returns: (transfer full): the document, or %NULL if @recommendation is not
 * a recommendation
 */
xmlDoc *
aa_report_input_new(AaBoard *board, AaScenario *scenario, xmlDoc *recommendation,
                    const gchar *recommendation_file, GError **error)
{
	xmlNode *rec = xmlDocGetRootElement(recommendation);
	g_autoptr(xmlDoc) input = NULL;
	xmlNode *root;
	xmlNode *copy;

	if (!aa_report_input_check(recommendation, recommendation_file, error))
		return NULL;
	input = xmlNewDoc((const xmlChar *)"1.0");
	root = xmlNewNode(NULL, (const xmlChar *)"report-input");
	xmlDocSetRootElement(input, root);
	aa_report_prop(root, "version", "1");
	aa_report_prop(root, "generator", "acrn-alloc " AA_VERSION);
	aa_xml_attr_child(root, "diagnostics");

	if (board != NULL)
		aa_report_add_board(input, root, board, scenario, rec, recommendation_file);
	if (scenario != NULL)
		aa_report_add_scenario(root, scenario);
	aa_report_check(input, rec, recommendation_file, board, scenario);

	copy = xmlDocCopyNode(rec, input, 1);
	if (copy == NULL) {
		g_set_error_literal(error, AA_ERROR, AA_ERROR_FAILED,
		                    "cannot copy the recommendation");
		return NULL;
	}
	xmlAddChild(root, copy);
	return g_steal_pointer(&input);
}

/**
 * aa_report_render:
 * @data_dir: the directory that holds `xslt/report.xsl`
 * @input: a document from aa_report_input_new()
 * @error: (nullable): optional return location for an error
 *
 * Runs xslt/report.xsl in the secure runner: it may read nothing but @input.
 *
 * Returns: (transfer full): the HTML text, or %NULL
 */
gchar *
aa_report_render(const gchar *data_dir, xmlDoc *input, GError **error)
{
	g_autofree gchar *xsl = g_build_filename(data_dir, "xslt", "report.xsl", NULL);
	g_autoptr(AaXslt) xslt = aa_xslt_new(xsl, error);
	if (xslt == NULL)
		return NULL;
	return aa_xslt_apply(xslt, input, NULL, error);
}

static guint
aa_report_count(xmlDoc *input, const gchar *severity)
{
	xmlNode *diags = aa_xml_child(xmlDocGetRootElement(input), "diagnostics");
	guint n = 0;
	for (xmlNode *d = diags != NULL ? diags->children : NULL; d != NULL; d = d->next) {
		g_autofree gchar *sev = aa_xml_prop(d, "severity");
		if (g_strcmp0(sev, severity) == 0)
			n++;
	}
	return n;
}

/* the validator's findings on the scenario the report describes */
static void
aa_report_add_validation(xmlDoc *input, AaDiagnostics *report)
{
	for (guint i = 0; i < report->diagnostics->len; i++) {
		AaDiagnostic *d = g_ptr_array_index(report->diagnostics, i);
		g_autofree gchar *msg = g_strdup_printf(
		    "[%s] %s%s%s%s%s%s", d->rule_id, d->vm != NULL ? d->vm : "",
		    d->vm != NULL ? ": " : "", d->message, d->fix != NULL ? " (fix: " : "",
		    d->fix != NULL ? d->fix : "", d->fix != NULL ? ")" : "");
		aa_report_input_add_diagnostic(input, aa_severity_to_string(d->severity), d->file,
		                               d->line, msg);
	}
}

/**
 * aa_report_write_doc:
 * @ctx: a context; board and scenario are used when loaded
 * @rec: the recommendation
 * @rec_file: its file name, for messages
 * @validation: (nullable): the validator's report on the loaded inputs with
 *   @rec, listed in the diagnostics
 * @output: the HTML file to write
 * @error: (nullable): optional return location for an error
 *
 * Writes the HTML report of a recommendation, atomically.
 *
 * Returns: (transfer full): a one-line summary, or %NULL
 */
gchar *
aa_report_write_doc(AaPluginContext *ctx, xmlDoc *rec, const gchar *rec_file,
                    AaDiagnostics *validation, const gchar *output, GError **error)
{
	g_autoptr(xmlDoc) input = NULL;
	g_autofree gchar *html = NULL;
	xmlNode *root;
	guint n_vms = 0;

	input = aa_report_input_new(ctx->board, ctx->scenario, rec, rec_file, error);
	if (input == NULL)
		return NULL;
	if (validation != NULL)
		aa_report_add_validation(input, validation);
	html = aa_report_render(ctx->data_dir, input, error);
	if (html == NULL) {
		g_prefix_error(error, "cannot render the report of %s: ", rec_file);
		return NULL;
	}
	if (!aa_file_write_atomic(output, html, -1, 0644, error))
		return NULL;
	root = xmlDocGetRootElement(rec);
	for (xmlNode *n = root->children; n != NULL; n = n->next) {
		if (aa_report_is_element(n, "vm"))
			n_vms++;
	}
	return g_strdup_printf("wrote %s: %u VMs, %u errors, %u warnings in the diagnostics",
	                       output, n_vms, aa_report_count(input, "error"),
	                       aa_report_count(input, "warning"));
}

/**
 * aa_report_write:
 * @ctx: a context; board and scenario are used when loaded
 * @options: `recommendation` (required), `output` (required)
 * @error: (nullable): optional return location for an error
 *
 * The report command: aa_report_write_doc() with the recommendation read
 * from its file and validated with the built-in rules.
 *
 * Returns: (transfer full): a one-line summary, or %NULL
 */
gchar *
aa_report_write(AaPluginContext *ctx, GHashTable *options, GError **error)
{
	const gchar *rec_file = aa_context_option(options, "recommendation", NULL);
	const gchar *output = aa_context_option(options, "output", NULL);
	g_autoptr(xmlDoc) rec = NULL;
	g_autoptr(AaRuleSet) rules = NULL;
	g_autoptr(AaDiagnostics) validation = NULL;

	if (aa_context_missing_option(rec_file == NULL || output == NULL,
	                              "report needs --recommendation R and -o F.html", error))
		return NULL;
	rec = aa_xml_load_file(rec_file, error);
	if (rec == NULL)
		return NULL;
	/* a bad recommendation is named before the validator runs */
	if (!aa_report_input_check(rec, rec_file, error))
		return NULL;
	if (ctx->board != NULL && ctx->scenario != NULL) {
		rules = aa_validate_load_rules(ctx->data_dir, NULL, error);
		if (rules == NULL)
			return NULL;
		validation = aa_validate_report_doc(ctx, rules, rec, rec_file, error);
		if (validation == NULL)
			return NULL;
	}
	return aa_report_write_doc(ctx, rec, rec_file, validation, output, error);
}
