/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The ACRN scenario model (acrn-configurator v3 layout).  The parsed document
 * is kept: transforms and XPath rules work on it.
 */

#include "config.h"

#include <string.h>

#include "aa-board-private.h"
#include "aa-error.h"
#include "aa-scenario-private.h"
#include "aa-util.h"
#include "aa-xml.h"

/* private */
struct _AaScenario {
	gchar *filename;
	xmlDoc *doc;      /* kept for XSLT transforms and XPath rules */
	GPtrArray *vms;   /* AaVm, document order */
	gchar *scheduler; /* hv/FEATURES/SCHEDULER or NULL */
};

static void
aa_pci_ref_free(AaPciRef *ref)
{
	g_free(ref->bdf);
	g_free(ref->text);
	g_free(ref);
}

static void
aa_virtio_free(AaVirtio *virtio)
{
	g_free(virtio->kind);
	g_free(virtio->value);
	g_free(virtio);
}

static void
aa_vm_free(AaVm *vm)
{
	g_free(vm->name);
	g_free(vm->load_order_text);
	g_free(vm->vm_type);
	g_free(vm->os_type);
	g_clear_pointer(&vm->affinity, g_array_unref);
	g_clear_pointer(&vm->pci_devs, g_ptr_array_unref);
	g_clear_pointer(&vm->virtio, g_ptr_array_unref);
	g_free(vm);
}

/**
 * aa_scenario_new:
 *
 * Returns: (transfer full): an empty scenario
 */
AaScenario *
aa_scenario_new(void)
{
	AaScenario *self = g_new0(AaScenario, 1);
	self->vms = g_ptr_array_new_with_free_func((GDestroyNotify)aa_vm_free);
	return self;
}

void
aa_scenario_free(AaScenario *self)
{
	if (self == NULL)
		return;
	g_clear_pointer(&self->vms, g_ptr_array_unref);
	g_clear_pointer(&self->doc, xmlFreeDoc);
	g_free(self->scheduler);
	g_free(self->filename);
	g_free(self);
}

/* ACRN's load_order values */
static const gchar *const aa_load_order_names[] = {
    [AA_LOAD_ORDER_SERVICE_VM] = "SERVICE_VM",
    [AA_LOAD_ORDER_PRE_LAUNCHED_VM] = "PRE_LAUNCHED_VM",
    [AA_LOAD_ORDER_POST_LAUNCHED_VM] = "POST_LAUNCHED_VM",
};

static AaLoadOrder
aa_load_order_from_string(const gchar *text)
{
	guint value;

	if (!aa_enum_from_name(aa_load_order_names, G_N_ELEMENTS(aa_load_order_names), text,
	                       &value))
		return AA_LOAD_ORDER_UNKNOWN;
	return value;
}

static gboolean
aa_scenario_uint(AaScenario *self, xmlNode *node, const gchar *what, guint64 max, guint64 *value,
                 GError **error)
{
	g_autofree gchar *text = aa_xml_text(node);
	if (!aa_xml_parse_uint64(text, value) || *value > max) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, self->filename, aa_xml_line(node),
		                "%s '%s' is not a whole number up to %" G_GUINT64_FORMAT
		                "; fix the value",
		                what, text != NULL ? text : "", max);
		return FALSE;
	}
	return TRUE;
}

/* the items of the list @name in @vm's element: its first child, or NULL */
static xmlNode *
aa_scenario_vm_list(AaVm *vm, const gchar *name)
{
	xmlNode *list = aa_xml_child(vm->node, name);
	return list != NULL ? list->children : NULL;
}

static gboolean
aa_scenario_load_affinity(AaScenario *self, AaVm *vm, GError **error)
{
	for (xmlNode *pcpu = aa_scenario_vm_list(vm, "cpu_affinity"); pcpu != NULL;
	     pcpu = pcpu->next) {
		xmlNode *id_node;
		g_autofree gchar *rt = NULL;
		AaAffinity a = {0};
		guint64 id = 0;

		if (pcpu->type != XML_ELEMENT_NODE ||
		    g_strcmp0((const gchar *)pcpu->name, "pcpu") != 0)
			continue;
		id_node = aa_xml_child(pcpu, "pcpu_id");
		if (id_node == NULL) {
			g_autofree gchar *empty = aa_xml_text(pcpu);
			/* the configurator writes an empty <pcpu/> for an unset row */
			if (empty[0] == '\0')
				continue;
			aa_error_set_at(
			    error, AA_ERROR_INVALID_DATA, self->filename, aa_xml_line(pcpu),
			    "VM %s: <pcpu> without <pcpu_id>; add the pCPU ID", vm->name);
			return FALSE;
		}
		if (!aa_scenario_uint(self, id_node, "pcpu_id", 4095, &id, error))
			return FALSE;
		rt = aa_xml_child_text(pcpu, "real_time_vcpu");
		a.pcpu_id = (guint)id;
		a.real_time = g_strcmp0(rt, "y") == 0;
		a.line = aa_xml_line(id_node);
		a.node = pcpu;
		g_array_append_val(vm->affinity, a);
	}
	return TRUE;
}

static gboolean
aa_scenario_load_vm_memory(AaScenario *self, AaVm *vm, GError **error)
{
	xmlNode *memory = aa_xml_child(vm->node, "memory");
	xmlNode *size;
	guint64 total = 0;

	if (memory == NULL)
		return TRUE;
	size = aa_xml_child(memory, "size");
	if (size != NULL) {
		g_autofree gchar *text = aa_xml_text(size);
		if (text[0] == '\0')
			return TRUE;
		if (!aa_scenario_uint(self, size, "memory/size (MiB)", G_MAXUINT32, &total, error))
			return FALSE;
		vm->memory_mib = (guint)total;
		vm->has_memory = TRUE;
		return TRUE;
	}
	/* pre-launched VMs list host-physical regions, sizes in MiB */
	for (xmlNode *region = memory->children; region != NULL; region = region->next) {
		xmlNode *size_hpa;
		guint64 mib = 0;
		if (region->type != XML_ELEMENT_NODE ||
		    g_strcmp0((const gchar *)region->name, "hpa_region") != 0)
			continue;
		size_hpa = aa_xml_child(region, "size_hpa");
		if (size_hpa == NULL)
			continue;
		if (!aa_scenario_uint(self, size_hpa, "memory/hpa_region/size_hpa (MiB)",
		                      G_MAXUINT32, &mib, error))
			return FALSE;
		total += mib;
		vm->has_memory = TRUE;
	}
	vm->memory_mib = (guint)MIN(total, G_MAXUINT32);
	return TRUE;
}

static gboolean
aa_scenario_load_pci_devs(AaScenario *self, AaVm *vm, GError **error)
{
	for (xmlNode *n = aa_scenario_vm_list(vm, "pci_devs"); n != NULL; n = n->next) {
		g_autofree gchar *text = NULL;
		guint bus, dev, func;
		AaPciRef *ref;

		if (n->type != XML_ELEMENT_NODE ||
		    g_strcmp0((const gchar *)n->name, "pci_dev") != 0)
			continue;
		text = aa_xml_text(n);
		if (text[0] == '\0')
			continue;
		if (!aa_board_parse_bdf(text, &bus, &dev, &func)) {
			aa_error_set_at(
			    error, AA_ERROR_INVALID_DATA, self->filename, aa_xml_line(n),
			    "VM %s: pci_dev '%s' does not start with a BDF like 00:02.0; "
			    "pick the device from the board's list",
			    vm->name, text);
			return FALSE;
		}
		ref = g_new0(AaPciRef, 1);
		ref->bdf = g_strdup_printf("%02x:%02x.%x", bus, dev, func);
		ref->text = g_steal_pointer(&text);
		ref->line = aa_xml_line(n);
		ref->node = n;
		g_ptr_array_add(vm->pci_devs, ref);
	}
	return TRUE;
}

static void
aa_scenario_load_virtio(AaVm *vm)
{
	for (xmlNode *n = aa_scenario_vm_list(vm, "virtio_devices"); n != NULL; n = n->next) {
		AaVirtio *v;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		v = g_new0(AaVirtio, 1);
		v->kind = g_strdup((const gchar *)n->name);
		v->value = aa_xml_text(n);
		v->node = n;
		g_ptr_array_add(vm->virtio, v);
	}
}

/* What marks @vm as written in ACRN's layout before v3.0, or NULL: v2.x's
 * <vm_type> (SOS_VM, POST_STD_VM, ...) without <load_order>, v1.x's
 * <load_order>SOS_VM</load_order>, and, in the files of v3.0's development
 * (early 2022, with <load_order> already), pCPU IDs straight under
 * <cpu_affinity> and memory as <start_hpa> with a <size> in bytes. */
static gchar *
aa_scenario_vm_pre_v3(const AaVm *vm)
{
	g_autofree gchar *vm_type = aa_xml_child_text(vm->node, "vm_type");
	xmlNode *affinity = aa_xml_child(vm->node, "cpu_affinity");
	xmlNode *memory = aa_xml_child(vm->node, "memory");
	gboolean no_load_order = vm->load_order_text == NULL || vm->load_order_text[0] == '\0';

	if (g_strcmp0(vm->load_order_text, "SOS_VM") == 0)
		return g_strdup("<load_order>SOS_VM</load_order>");
	if (no_load_order && vm_type != NULL && vm_type[0] != '\0')
		return g_strdup_printf("<vm_type>%s</vm_type> without <load_order>", vm_type);
	if (affinity != NULL && aa_xml_child(affinity, "pcpu_id") != NULL)
		return g_strdup("<cpu_affinity><pcpu_id> without <pcpu>");
	if (memory != NULL && aa_xml_child(memory, "start_hpa") != NULL)
		return g_strdup("<memory><start_hpa> (sizes in bytes) without <hpa_region>");
	return NULL;
}

/* An older scenario layout is refused, not guessed at: v3.0 moved the launch
 * settings into the scenario, renamed the VM types and changed units, and
 * ACRN's upgrader converts a file (with its launch XML) exactly. */
static gboolean
aa_scenario_refuse_pre_v3(AaScenario *self, const AaVm *vm, GError **error)
{
	g_autofree gchar *what = aa_scenario_vm_pre_v3(vm);

	if (what == NULL)
		return TRUE;
	aa_error_set_at(error, AA_ERROR_INVALID_DATA, self->filename, vm->line,
	                "VM %s: %s is ACRN's scenario layout before v3.0, which acrn-alloc does "
	                "not read; upgrade the scenario with ACRN v3.x's "
	                "misc/config_tools/scenario_config/upgrader.py %s NEW.xml (add --launch "
	                "LAUNCH.xml to bring in its post-launched VMs), or open it in the v3 "
	                "configurator, and pass NEW.xml",
	                vm->name, what, self->filename);
	return FALSE;
}

static gboolean
aa_scenario_load_vm(AaScenario *self, xmlNode *node, GError **error)
{
	g_autofree gchar *id_text = aa_xml_prop(node, "id");
	g_autofree gchar *lapic = NULL;
	AaVm *vm;
	guint64 id = 0;

	if (!aa_xml_parse_uint64(id_text, &id) || id > 255) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, self->filename, aa_xml_line(node),
		                "<vm id=\"%s\"> needs a numeric id from 0 to 255; fix the id",
		                id_text != NULL ? id_text : "");
		return FALSE;
	}
	vm = g_new0(AaVm, 1);
	vm->affinity = g_array_new(FALSE, FALSE, sizeof(AaAffinity));
	vm->pci_devs = g_ptr_array_new_with_free_func((GDestroyNotify)aa_pci_ref_free);
	vm->virtio = g_ptr_array_new_with_free_func((GDestroyNotify)aa_virtio_free);
	vm->id = (guint)id;
	vm->node = node;
	vm->line = aa_xml_line(node);
	g_ptr_array_add(self->vms, vm);

	vm->name = aa_xml_child_text(node, "name");
	if (vm->name == NULL || vm->name[0] == '\0') {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, self->filename, vm->line,
		                "VM %u has no <name>; give it one", vm->id);
		return FALSE;
	}
	vm->load_order_text = aa_xml_child_text(node, "load_order");
	vm->load_order = aa_load_order_from_string(vm->load_order_text);
	if (!aa_scenario_refuse_pre_v3(self, vm, error))
		return FALSE;
	if (vm->load_order == AA_LOAD_ORDER_UNKNOWN) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, self->filename, vm->line,
		                "VM %s: <load_order> is '%s'; use SERVICE_VM, PRE_LAUNCHED_VM or "
		                "POST_LAUNCHED_VM (v3 scenario layout)",
		                vm->name, vm->load_order_text != NULL ? vm->load_order_text : "");
		return FALSE;
	}
	vm->vm_type = aa_xml_child_text(node, "vm_type");
	if (vm->vm_type == NULL)
		vm->vm_type = g_strdup("");
	vm->os_type = aa_xml_child_text(node, "os_type");
	lapic = aa_xml_child_text(node, "lapic_passthrough");
	vm->lapic_passthrough = g_strcmp0(lapic, "y") == 0;
	if (!aa_scenario_load_affinity(self, vm, error))
		return FALSE;
	if (!aa_scenario_load_vm_memory(self, vm, error))
		return FALSE;
	/* an empty or absent <memory><size> of a post-launched VM is not set: the
	 * launch script passes ACRN's schema default, and so validate counts it */
	if (vm->load_order == AA_LOAD_ORDER_POST_LAUNCHED_VM && !vm->has_memory) {
		vm->memory_mib = AA_SCENARIO_DEFAULT_MEMORY_MIB;
		vm->has_memory = TRUE;
	}
	if (!aa_scenario_load_pci_devs(self, vm, error))
		return FALSE;
	aa_scenario_load_virtio(vm);
	return TRUE;
}

/* ACRN v1.x/v2.x launch XMLs: <acrn-config> with <uos id> or <user_vm id> */
static gboolean
aa_scenario_is_pre_v3_launch(xmlNode *root)
{
	return aa_xml_child(root, "uos") != NULL || aa_xml_child(root, "user_vm") != NULL;
}

static gboolean
aa_scenario_load_doc(AaScenario *self, const gchar *filename, GError **error)
{
	xmlNode *root;
	g_autoptr(GHashTable) ids = g_hash_table_new(g_direct_hash, g_direct_equal);
	g_autoptr(GPtrArray) sched = NULL;

	root = xmlDocGetRootElement(self->doc);
	if (g_strcmp0((const gchar *)root->name, "acrn-config") != 0) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, aa_xml_line(root),
		                "not an ACRN scenario (root is <%s>, expected <acrn-config>); "
		                "pass the configurator's scenario XML to --scenario",
		                (const gchar *)root->name);
		return FALSE;
	}
	if (aa_xml_child(root, "processors") != NULL) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, aa_xml_line(root),
		                "this is a board XML, not a scenario; pass it to --board and the "
		                "scenario to --scenario");
		return FALSE;
	}
	for (xmlNode *n = root->children; n != NULL; n = n->next) {
		AaVm *vm;
		if (n->type != XML_ELEMENT_NODE || g_strcmp0((const gchar *)n->name, "vm") != 0)
			continue;
		if (!aa_scenario_load_vm(self, n, error))
			return FALSE;
		vm = g_ptr_array_index(self->vms, self->vms->len - 1);
		if (g_hash_table_contains(ids, GUINT_TO_POINTER(vm->id + 1))) {
			aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, vm->line,
			                "VM id %u is used twice; VM ids must be unique", vm->id);
			return FALSE;
		}
		g_hash_table_add(ids, GUINT_TO_POINTER(vm->id + 1));
	}
	if (self->vms->len == 0 && aa_scenario_is_pre_v3_launch(root)) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, aa_xml_line(root),
		                "this is a launch XML of ACRN before v3.0 (<uos>/<user_vm> "
		                "elements), not a scenario; v3.0 merged the launch settings into "
		                "the scenario: upgrade its scenario together with this file (ACRN "
		                "v3.x's misc/config_tools/scenario_config/upgrader.py SCENARIO.xml "
		                "NEW.xml --launch %s) and pass NEW.xml",
		                filename);
		return FALSE;
	}
	if (self->vms->len == 0) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, aa_xml_line(root),
		                "the scenario defines no <vm>; add at least the Service VM");
		return FALSE;
	}
	sched = aa_xml_xpath(self->doc, NULL, "/acrn-config/hv/FEATURES/SCHEDULER", NULL);
	if (sched != NULL && sched->len > 0)
		self->scheduler = aa_xml_text(g_ptr_array_index(sched, 0));
	return TRUE;
}

/**
 * aa_scenario_load:
 * @self: an empty scenario
 * @filename: an ACRN scenario XML (v3 layout)
 * @error: (nullable): optional return location for an error
 *
 * Reads every VM and the hypervisor's scheduler.  Semantic problems (a pCPU
 * the board lacks, sharing, a VM name used twice as in ACRN's own
 * whl-ipc-i5 sample, ...) are left to the rules engine; only what cannot be
 * read at all, or a VM id used twice, is an error here.
 *
 * Returns: %TRUE on success
 */
gboolean
aa_scenario_load(AaScenario *self, const gchar *filename, GError **error)
{
	g_return_val_if_fail(self->doc == NULL, FALSE);
	self->filename = g_strdup(filename);
	self->doc = aa_xml_load_file(filename, error);
	if (self->doc == NULL)
		return FALSE;
	return aa_scenario_load_doc(self, filename, error);
}

/**
 * aa_scenario_load_memory:
 * @self: an empty scenario
 * @data: scenario XML text
 * @len: length of @data
 * @filename: the name used in messages, e.g. the file about to be written
 * @error: (nullable): optional return location for an error
 *
 * Like aa_scenario_load(), for a scenario not yet on disk.
 *
 * Returns: %TRUE on success
 */
gboolean
aa_scenario_load_memory(AaScenario *self, const gchar *data, gsize len, const gchar *filename,
                        GError **error)
{
	g_return_val_if_fail(self->doc == NULL, FALSE);
	self->filename = g_strdup(filename);
	self->doc = aa_xml_load_memory(data, len, filename, error);
	if (self->doc == NULL)
		return FALSE;
	return aa_scenario_load_doc(self, filename, error);
}

/**
 * aa_scenario_get_filename:
 * @self: a loaded scenario
 *
 * Returns: (transfer none): the file it was read from
 */
const gchar *
aa_scenario_get_filename(AaScenario *self)
{
	return self->filename;
}

/**
 * aa_scenario_get_doc:
 * @self: a loaded scenario
 *
 * Returns: (transfer none): its document, for XPath rules and XSLT
 */
xmlDoc *
aa_scenario_get_doc(AaScenario *self)
{
	return self->doc;
}

/**
 * aa_scenario_get_vms:
 * @self: a loaded scenario
 *
 * Returns: (transfer none) (element-type AaVm): its VMs, in document order
 */
GPtrArray *
aa_scenario_get_vms(AaScenario *self)
{
	return self->vms;
}

/**
 * aa_scenario_get_scheduler:
 * @self: a loaded scenario
 *
 * Returns: (nullable): hv/FEATURES/SCHEDULER, or %NULL when absent
 */
const gchar *
aa_scenario_get_scheduler(AaScenario *self)
{
	return self->scheduler;
}

/**
 * aa_scenario_get_vm_by_name:
 * @self: a scenario
 * @name: a VM name
 *
 * Returns: (transfer none) (nullable): the VM
 */
AaVm *
aa_scenario_get_vm_by_name(AaScenario *self, const gchar *name)
{
	for (guint i = 0; i < self->vms->len; i++) {
		AaVm *vm = g_ptr_array_index(self->vms, i);
		if (g_strcmp0(vm->name, name) == 0)
			return vm;
	}
	return NULL;
}

/**
 * aa_scenario_get_service_vm:
 * @self: a scenario
 *
 * Returns: (transfer none) (nullable): the Service VM, if the scenario has one
 */
AaVm *
aa_scenario_get_service_vm(AaScenario *self)
{
	for (guint i = 0; i < self->vms->len; i++) {
		AaVm *vm = g_ptr_array_index(self->vms, i);
		if (vm->load_order == AA_LOAD_ORDER_SERVICE_VM)
			return vm;
	}
	return NULL;
}

/**
 * aa_vm_is_rt:
 * @vm: a VM
 *
 * What the scenario alone says; aa_intent_vm_is_rt() adds the intent's view.
 *
 * Returns: %TRUE for a real-time VM (vm_type RTVM)
 */
gboolean
aa_vm_is_rt(const AaVm *vm)
{
	return aa_vm_type_is_rt(vm->vm_type);
}

/**
 * aa_vm_type_is_rt:
 * @vm_type: (nullable): a vm/vm_type text, trimmed
 *
 * Returns: %TRUE for ACRN's real-time VM type, RTVM
 */
gboolean
aa_vm_type_is_rt(const gchar *vm_type)
{
	return g_strcmp0(vm_type, "RTVM") == 0;
}
