/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The ACRN board model: what ACRN's board inspector wrote about the machine.
 */

#include "config.h"

#include <string.h>

#include "aa-board-private.h"
#include "aa-error.h"
#include "aa-limits.h"
#include "aa-util.h"
#include "aa-xml.h"

static void
aa_pcpu_free(AaPcpu *pcpu)
{
	g_free(pcpu->core_type);
	g_free(pcpu);
}

static void
aa_cpu_group_free(AaCpuGroup *group)
{
	g_clear_pointer(&group->cpu_ids, g_array_unref);
	g_free(group);
}

static void
aa_pci_device_free(AaPciDevice *dev)
{
	g_free(dev->bdf);
	g_free(dev->description);
	g_free(dev);
}

/**
 * aa_board_new:
 *
 * Returns: (transfer full): an empty board
 */
AaBoard *
aa_board_new(void)
{
	AaBoard *self = g_new0(AaBoard, 1);
	self->pcpus = g_ptr_array_new_with_free_func((GDestroyNotify)aa_pcpu_free);
	for (guint s = 0; s < AA_CPU_SHARE_COUNT; s++)
		self->groups[s] = g_ptr_array_new_with_free_func((GDestroyNotify)aa_cpu_group_free);
	self->pci_devices = g_ptr_array_new_with_free_func((GDestroyNotify)aa_pci_device_free);
	return self;
}

void
aa_board_free(AaBoard *self)
{
	if (self == NULL)
		return;
	g_clear_pointer(&self->pcpus, g_ptr_array_unref);
	for (guint s = 0; s < AA_CPU_SHARE_COUNT; s++)
		g_clear_pointer(&self->groups[s], g_ptr_array_unref);
	g_clear_pointer(&self->pci_devices, g_ptr_array_unref);
	g_clear_pointer(&self->doc, xmlFreeDoc);
	g_free(self->rdt_resources);
	g_free(self->name);
	g_free(self->filename);
	g_free(self);
}

static gboolean
aa_board_child_uint(AaBoard *self, xmlNode *node, const gchar *name, gboolean required,
                    guint64 *value, GError **error)
{
	g_autofree gchar *text = aa_xml_child_text(node, name);
	if (text == NULL || text[0] == '\0') {
		if (!required)
			return TRUE;
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, self->filename, aa_xml_line(node),
		                "<%s> has no <%s>; regenerate the board XML with ACRN's board "
		                "inspector",
		                (const gchar *)node->name, name);
		return FALSE;
	}
	if (!aa_xml_parse_uint64(text, value)) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, self->filename,
		                aa_xml_line(aa_xml_child(node, name)),
		                "<%s> is '%s', not a number; fix the value", name, text);
		return FALSE;
	}
	return TRUE;
}

static gboolean
aa_board_prop_uint(AaBoard *self, xmlNode *node, const gchar *name, guint64 *value, GError **error)
{
	g_autofree gchar *text = aa_xml_prop(node, name);
	if (!aa_xml_parse_uint64(text, value)) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, self->filename, aa_xml_line(node),
		                "<%s %s=\"%s\"> is not a number; fix the attribute",
		                (const gchar *)node->name, name, text != NULL ? text : "");
		return FALSE;
	}
	return TRUE;
}

static gint
aa_board_pcpu_cmp(gconstpointer a, gconstpointer b)
{
	const AaPcpu *pa = *(const AaPcpu *const *)a;
	const AaPcpu *pb = *(const AaPcpu *const *)b;
	return (pa->cpu_id > pb->cpu_id) - (pa->cpu_id < pb->cpu_id);
}

static AaCpuGroup *
aa_cpu_group_new(guint level, guint id, guint size_bytes)
{
	AaCpuGroup *group = g_new0(AaCpuGroup, 1);
	group->level = level;
	group->id = id;
	group->size_bytes = size_bytes;
	group->cpu_ids = g_array_new(FALSE, FALSE, sizeof(guint));
	return group;
}

static gboolean
aa_board_load_processors(AaBoard *self, xmlNode *root, GError **error)
{
	xmlNode *processors = aa_xml_child(root, "processors");
	g_autoptr(GPtrArray) threads = NULL;
	g_autoptr(GHashTable) cores = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	GPtrArray *siblings = self->groups[AA_CPU_SHARE_CORE];
	gboolean has_core = FALSE;
	gboolean has_atom = FALSE;

	if (processors == NULL && aa_xml_child(root, "CPU_PROCESSOR_INFO") != NULL) {
		/* the inspector of ACRN v2.4 and older wrote the /proc and dmidecode
		 * dumps only; v2.5 added the parsed <processors>, <caches>, ... */
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, self->filename, aa_xml_line(root),
		                "this board XML was written by ACRN's board inspector before v2.5 "
		                "(<CPU_PROCESSOR_INFO> but no <processors>), which acrn-alloc does "
		                "not read; regenerate it with ACRN v3.x's board inspector "
		                "(board_inspector.py) on the target");
		return FALSE;
	}
	if (processors == NULL) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, self->filename, aa_xml_line(root),
		                "the board has no <processors>; regenerate it with ACRN's board "
		                "inspector (board_inspector.py) on the target");
		return FALSE;
	}
	threads = aa_xml_xpath(self->doc, processors, ".//thread", error);
	if (threads == NULL)
		return FALSE;
	if (threads->len == 0) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, self->filename,
		                aa_xml_line(processors),
		                "<processors> lists no <thread>; regenerate the board XML");
		return FALSE;
	}
	if (threads->len > AA_LIMIT_PCPUS) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, self->filename,
		                aa_xml_line(processors),
		                "<processors> lists %u threads, over the maximum of %u "
		                "(docs/limits.md); this is not a board ACRN can run on",
		                threads->len, AA_LIMIT_PCPUS);
		return FALSE;
	}
	for (guint i = 0; i < threads->len; i++) {
		xmlNode *thread = g_ptr_array_index(threads, i);
		xmlNode *core = thread->parent;
		xmlNode *die = core != NULL ? core->parent : NULL;
		g_autofree gchar *core_key = NULL;
		guint64 cpu_id = 0, apic_id = 0, core_id = 0, die_id = 0;
		AaPcpu *pcpu;

		if (!aa_board_child_uint(self, thread, "cpu_id", TRUE, &cpu_id, error))
			return FALSE;
		if (!aa_board_child_uint(self, thread, "apic_id", TRUE, &apic_id, error))
			return FALSE;
		if (cpu_id > 4095 || apic_id > G_MAXUINT32) {
			aa_error_set_at(
			    error, AA_ERROR_INVALID_DATA, self->filename, aa_xml_line(thread),
			    "cpu_id %" G_GUINT64_FORMAT " is out of range; fix the board", cpu_id);
			return FALSE;
		}
		if (aa_board_get_pcpu(self, (guint)cpu_id) != NULL) {
			aa_error_set_at(
			    error, AA_ERROR_INVALID_DATA, self->filename, aa_xml_line(thread),
			    "cpu_id %" G_GUINT64_FORMAT " appears twice; fix the board", cpu_id);
			return FALSE;
		}
		if (core != NULL && xmlHasProp(core, (const xmlChar *)"id") &&
		    !aa_board_prop_uint(self, core, "id", &core_id, error))
			return FALSE;
		if (die != NULL && xmlHasProp(die, (const xmlChar *)"id") &&
		    !aa_board_prop_uint(self, die, "id", &die_id, error))
			return FALSE;

		pcpu = g_new0(AaPcpu, 1);
		pcpu->cpu_id = (guint)cpu_id;
		pcpu->apic_id = (guint)apic_id;
		pcpu->core_id = (guint)core_id;
		pcpu->die_id = (guint)die_id;
		pcpu->core_type = aa_xml_child_text(thread, "core_type");
		if (pcpu->core_type == NULL)
			pcpu->core_type = g_strdup("");
		pcpu->group[AA_CPU_SHARE_L2] = -1;
		pcpu->group[AA_CPU_SHARE_L3] = -1;
		pcpu->line = aa_xml_line(thread);
		has_core |= g_strcmp0(pcpu->core_type, "Core") == 0;
		has_atom |= g_strcmp0(pcpu->core_type, "Atom") == 0;
		g_ptr_array_add(self->pcpus, pcpu);

		/* hyper-thread siblings: the threads of one physical core */
		core_key = g_strdup_printf("%u/%u", pcpu->die_id, pcpu->core_id);
		if (!g_hash_table_contains(cores, core_key)) {
			g_hash_table_insert(cores, g_strdup(core_key),
			                    GUINT_TO_POINTER(siblings->len + 1));
			g_ptr_array_add(siblings, aa_cpu_group_new(0, pcpu->core_id, 0));
		}
		pcpu->group[AA_CPU_SHARE_CORE] =
		    (gint)GPOINTER_TO_UINT(g_hash_table_lookup(cores, core_key)) - 1;
		g_array_append_val(
		    ((AaCpuGroup *)g_ptr_array_index(siblings, pcpu->group[AA_CPU_SHARE_CORE]))
		        ->cpu_ids,
		    pcpu->cpu_id);
	}
	g_ptr_array_sort(self->pcpus, aa_board_pcpu_cmp);

	/* MODEL.md: hybrid only with both Core and Atom threads, else all P */
	self->hybrid = has_core && has_atom;
	for (guint i = 0; i < self->pcpus->len; i++) {
		AaPcpu *pcpu = g_ptr_array_index(self->pcpus, i);
		pcpu->kind = self->hybrid && g_strcmp0(pcpu->core_type, "Atom") == 0
		                 ? AA_CORE_KIND_E
		                 : AA_CORE_KIND_P;
	}
	for (guint i = 0; i < siblings->len; i++) {
		AaCpuGroup *group = g_ptr_array_index(siblings, i);
		g_array_sort(group->cpu_ids, aa_guint_cmp);
	}
	return TRUE;
}

static gboolean
aa_board_load_caches(AaBoard *self, GError **error)
{
	g_autoptr(GPtrArray) caches = NULL;
	g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	/* APIC ID -> pCPU: a board may list many <processor>, and scanning every
	 * pCPU for each of them made big files take minutes; the first thread
	 * with an APIC ID wins, as the scan did */
	g_autoptr(GHashTable) by_apic = g_hash_table_new(g_int_hash, g_int_equal);

	for (guint i = 0; i < self->pcpus->len; i++) {
		AaPcpu *pcpu = g_ptr_array_index(self->pcpus, i);
		if (!g_hash_table_contains(by_apic, &pcpu->apic_id))
			g_hash_table_insert(by_apic, &pcpu->apic_id, pcpu);
	}

	caches = aa_xml_xpath(self->doc, NULL,
	                      "/acrn-config/caches/cache[@level='2' or @level='3']", error);
	if (caches == NULL)
		return FALSE;
	for (guint i = 0; i < caches->len; i++) {
		xmlNode *cache = g_ptr_array_index(caches, i);
		g_autoptr(GPtrArray) procs = NULL;
		g_autofree gchar *key = NULL;
		guint64 level = 0, id = 0, size = 0;
		AaCpuShare share;
		GPtrArray *groups;
		AaCpuGroup *group;

		if (!aa_board_prop_uint(self, cache, "level", &level, error) ||
		    !aa_board_prop_uint(self, cache, "id", &id, error))
			return FALSE;
		if (!aa_board_child_uint(self, cache, "cache_size", FALSE, &size, error))
			return FALSE;
		/* data and instruction entries of one instance describe the same sharing */
		key = g_strdup_printf("%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT, level, id);
		if (g_hash_table_contains(seen, key))
			continue;
		g_hash_table_add(seen, g_steal_pointer(&key));

		share = level == 2 ? AA_CPU_SHARE_L2 : AA_CPU_SHARE_L3;
		groups = self->groups[share];
		group = aa_cpu_group_new((guint)level, (guint)id, (guint)MIN(size, G_MAXUINT));
		procs = aa_xml_xpath(self->doc, cache, "processors/processor", error);
		if (procs == NULL) {
			aa_cpu_group_free(group);
			return FALSE;
		}
		for (guint j = 0; j < procs->len; j++) {
			xmlNode *proc = g_ptr_array_index(procs, j);
			g_autofree gchar *text = aa_xml_text(proc);
			guint64 apic = 0;
			guint apic_id;
			AaPcpu *pcpu;
			if (!aa_xml_parse_uint64(text, &apic)) {
				aa_error_set_at(
				    error, AA_ERROR_INVALID_DATA, self->filename, aa_xml_line(proc),
				    "<processor> '%s' is not an APIC ID; fix the board", text);
				aa_cpu_group_free(group);
				return FALSE;
			}
			/* caches name threads by APIC ID; threads not in <processors> are
			 * offline or hidden and do not count */
			if (apic > G_MAXUINT32)
				continue;
			apic_id = (guint)apic;
			pcpu = g_hash_table_lookup(by_apic, &apic_id);
			if (pcpu == NULL)
				continue;
			/* an APIC ID listed twice in one cache counts once */
			if (pcpu->group[share] == (gint)groups->len)
				continue;
			g_array_append_val(group->cpu_ids, pcpu->cpu_id);
			pcpu->group[share] = (gint)groups->len;
		}
		g_array_sort(group->cpu_ids, aa_guint_cmp);
		g_ptr_array_add(groups, group);
	}
	return TRUE;
}

static gboolean
aa_board_load_memory(AaBoard *self, GError **error)
{
	g_autoptr(GPtrArray) ranges = NULL;
	guint64 total = 0;

	ranges = aa_xml_xpath(self->doc, NULL, "/acrn-config/memory/range[not(@id)]", error);
	if (ranges == NULL)
		return FALSE;
	for (guint i = 0; i < ranges->len; i++) {
		xmlNode *range = g_ptr_array_index(ranges, i);
		guint64 size = 0;
		if (!aa_board_prop_uint(self, range, "size", &size, error))
			return FALSE;
		if (size > G_MAXUINT64 - total) {
			aa_error_set_at(error, AA_ERROR_INVALID_DATA, self->filename,
			                aa_xml_line(range),
			                "memory ranges overflow; fix the sizes");
			return FALSE;
		}
		total += size;
	}
	if (total / (1024u * 1024u) > AA_LIMIT_MEMORY_MIB) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, self->filename,
		                ranges->len > 0 ? aa_xml_line(g_ptr_array_index(ranges, 0)) : 0,
		                "memory ranges add up to %" G_GUINT64_FORMAT " MiB, over the "
		                "maximum of %u MiB (16 TiB, docs/limits.md); fix the sizes or "
		                "regenerate the board XML",
		                total / (1024u * 1024u), AA_LIMIT_MEMORY_MIB);
		return FALSE;
	}
	self->memory_bytes = total;
	self->memory_mib = (guint)(total / (1024u * 1024u));
	return TRUE;
}

static gboolean
aa_board_load_sriov(AaBoard *self, AaPciDevice *dev, xmlNode *cap, GError **error)
{
	xmlNode *first = aa_xml_child(cap, "first_vf_bdf");
	g_autofree gchar *total_text = aa_xml_child_text(cap, "total_vfs");
	guint64 total = 0, stride = 1, bus = 0, device = 0, func = 0, vf_id = 0;

	/* ACRN's board inspector writes an empty capability for a device whose VF
	 * count it could not read: SR-IOV capable, with no VF that can be used */
	if (total_text == NULL || total_text[0] == '\0') {
		dev->sriov = TRUE;
		dev->vfs_unknown = TRUE;
		dev->total_vfs = 0;
		dev->vf_stride = 0;
		return TRUE;
	}
	if (!aa_board_child_uint(self, cap, "total_vfs", TRUE, &total, error) ||
	    !aa_board_child_uint(self, cap, "vf_stride", FALSE, &stride, error) ||
	    !aa_board_child_uint(self, cap, "vf_device_id", FALSE, &vf_id, error))
		return FALSE;
	if (first == NULL) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, self->filename, aa_xml_line(cap),
		                "SR-IOV capability of %s has no <first_vf_bdf>; regenerate the "
		                "board XML",
		                dev->bdf);
		return FALSE;
	}
	if (!aa_board_child_uint(self, first, "bus", TRUE, &bus, error) ||
	    !aa_board_child_uint(self, first, "device", TRUE, &device, error) ||
	    !aa_board_child_uint(self, first, "function", TRUE, &func, error))
		return FALSE;
	if (bus > 255 || device > 31 || func > 7 || total > 256 || stride == 0 || stride > 256) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, self->filename, aa_xml_line(cap),
		                "SR-IOV capability of %s is out of range (VF %02x:%02x.%x, "
		                "total_vfs %" G_GUINT64_FORMAT ", stride %" G_GUINT64_FORMAT
		                "); fix the board",
		                dev->bdf, (guint)MIN(bus, 255), (guint)MIN(device, 31),
		                (guint)MIN(func, 7), total, stride);
		return FALSE;
	}
	dev->sriov = TRUE;
	dev->total_vfs = (guint)total;
	dev->vf_stride = (guint)stride;
	dev->first_vf_bus = (guint)bus;
	dev->first_vf_dev = (guint)device;
	dev->first_vf_func = (guint)func;
	dev->vf_device_id = (guint16)vf_id;
	return TRUE;
}

static gboolean
aa_board_load_pci_device(AaBoard *self, xmlNode *node, guint bus, guint address, GError **error)
{
	g_autofree gchar *description = aa_xml_prop(node, "description");
	g_autofree gchar *klass = aa_xml_child_text(node, "class");
	guint64 vendor = 0, device = 0, class_code = 0;
	AaPciDevice *dev;

	if (klass != NULL && !aa_xml_parse_uint64(klass, &class_code)) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, self->filename, aa_xml_line(node),
		                "PCI <class> '%s' is not a number; fix the board", klass);
		return FALSE;
	}
	if (!aa_board_child_uint(self, node, "vendor", FALSE, &vendor, error) ||
	    !aa_board_child_uint(self, node, "identifier", FALSE, &device, error))
		return FALSE;

	dev = g_new0(AaPciDevice, 1);
	dev->bus = bus;
	dev->dev = (address >> 16) & 0x1f;
	dev->func = address & 0x7;
	dev->bdf = g_strdup_printf("%02x:%02x.%x", dev->bus, dev->dev, dev->func);
	dev->class_code = (guint32)class_code;
	dev->vendor = (guint16)vendor;
	dev->device = (guint16)device;
	dev->line = aa_xml_line(node);
	/* newer inspectors prefix the description with the BDF, older ones do not */
	if (description != NULL && strlen(description) > 8 && description[2] == ':' &&
	    description[5] == '.' && description[7] == ' ')
		dev->description = g_strdup(description + 8);
	else
		dev->description = g_strdup(description != NULL ? description : "");
	g_ptr_array_add(self->pci_devices, dev);

	for (xmlNode *cap = node->children; cap != NULL; cap = cap->next) {
		g_autofree gchar *id = NULL;
		if (cap->type != XML_ELEMENT_NODE ||
		    g_strcmp0((const gchar *)cap->name, "capability") != 0)
			continue;
		id = aa_xml_prop(cap, "id");
		if (g_strcmp0(id, "SR-IOV") == 0 && !aa_board_load_sriov(self, dev, cap, error))
			return FALSE;
	}
	return TRUE;
}

static gboolean
aa_board_load_pci(AaBoard *self, GError **error)
{
	g_autoptr(GPtrArray) nodes = NULL;

	/* a PCI function is a <device> (or a host-bridge <bus>) carrying a vendor ID,
	 * directly under a <bus type="pci"> whose address is the bus number */
	nodes = aa_xml_xpath(self->doc, NULL,
	                     "/acrn-config/devices//device[parent::bus[@type='pci']][vendor]"
	                     " | /acrn-config/devices//bus[@type='pci'][vendor]",
	                     error);
	if (nodes == NULL)
		return FALSE;
	for (guint i = 0; i < nodes->len; i++) {
		xmlNode *node = g_ptr_array_index(nodes, i);
		gboolean is_bus = g_strcmp0((const gchar *)node->name, "bus") == 0;
		xmlNode *bus_node = is_bus ? node : node->parent;
		guint64 bus = 0, address = 0;

		if (!aa_board_prop_uint(self, bus_node, "address", &bus, error))
			return FALSE;
		if (!is_bus && !aa_board_prop_uint(self, node, "address", &address, error))
			return FALSE;
		if (bus > 255 || address > 0x1f0007) {
			aa_error_set_at(error, AA_ERROR_INVALID_DATA, self->filename,
			                aa_xml_line(node),
			                "PCI address out of range; fix the board");
			return FALSE;
		}
		if (!aa_board_load_pci_device(self, node, (guint)bus, (guint)address, error))
			return FALSE;
	}
	return TRUE;
}

static void
aa_board_load_clos(AaBoard *self, xmlNode *root)
{
	g_autofree gchar *text = aa_xml_child_text(root, "CLOS_INFO");
	g_auto(GStrv) lines = NULL;

	if (text == NULL)
		return;
	lines = g_strsplit(text, "\n", -1);
	for (guint i = 0; lines[i] != NULL; i++) {
		const gchar *line = g_strstrip(lines[i]);
		if (g_str_has_prefix(line, "rdt resources supported:")) {
			g_free(self->rdt_resources);
			self->rdt_resources =
			    g_strstrip(g_strdup(line + strlen("rdt resources supported:")));
		} else if (g_str_has_prefix(line, "rdt resource clos max:")) {
			/* one value per resource, e.g. "8, 16": the smallest limits a VM */
			g_auto(GStrv) values =
			    g_strsplit(line + strlen("rdt resource clos max:"), ",", -1);
			for (guint j = 0; values[j] != NULL; j++) {
				guint64 v = 0;
				if (aa_xml_parse_uint64(values[j], &v) &&
				    (self->clos_max == 0 || v < self->clos_max))
					self->clos_max = (guint)MIN(v, G_MAXUINT);
			}
		}
	}
}

/**
 * aa_board_load:
 * @self: an empty board
 * @filename: an ACRN board XML
 * @error: (nullable): optional return location for an error
 *
 * Reads pCPUs (P/E kind per MODEL.md), hyper-thread siblings, L2/L3 sharing,
 * memory, PCI devices with their SR-IOV capabilities and the RDT CLOS count.
 *
 * Returns: %TRUE on success
 */
gboolean
aa_board_load(AaBoard *self, const gchar *filename, GError **error)
{
	xmlNode *root;

	g_return_val_if_fail(self->doc == NULL, FALSE);
	self->filename = g_strdup(filename);
	self->doc = aa_xml_load_file(filename, error);
	if (self->doc == NULL)
		return FALSE;
	root = xmlDocGetRootElement(self->doc);
	if (g_strcmp0((const gchar *)root->name, "acrn-config") != 0 ||
	    !xmlHasProp(root, (const xmlChar *)"board")) {
		aa_error_set_at(error, AA_ERROR_INVALID_DATA, filename, aa_xml_line(root),
		                "not an ACRN board XML (root is <%s>, expected <acrn-config "
		                "board=\"...\">); pass the board inspector's output to --board",
		                (const gchar *)root->name);
		return FALSE;
	}
	self->name = aa_xml_prop(root, "board");
	if (!aa_board_load_processors(self, root, error))
		return FALSE;
	if (!aa_board_load_caches(self, error))
		return FALSE;
	if (!aa_board_load_memory(self, error))
		return FALSE;
	if (!aa_board_load_pci(self, error))
		return FALSE;
	aa_board_load_clos(self, root);
	return TRUE;
}

/**
 * aa_board_get_pcpu:
 * @self: a board
 * @cpu_id: a pCPU ID
 *
 * Returns: (transfer none) (nullable): the pCPU, or %NULL if the board lacks it
 */
const AaPcpu *
aa_board_get_pcpu(AaBoard *self, guint cpu_id)
{
	for (guint i = 0; i < self->pcpus->len; i++) {
		const AaPcpu *pcpu = g_ptr_array_index(self->pcpus, i);
		if (pcpu->cpu_id == cpu_id)
			return pcpu;
	}
	return NULL;
}

/**
 * aa_board_get_group:
 * @self: a board
 * @pcpu: one of its pCPUs
 * @share: what the group shares
 *
 * Returns: (transfer none) (nullable): the group of @pcpu that shares @share,
 *   or %NULL if the board does not say (a cache it does not list)
 */
const AaCpuGroup *
aa_board_get_group(AaBoard *self, const AaPcpu *pcpu, AaCpuShare share)
{
	const GPtrArray *groups = self->groups[share];
	gint index = pcpu->group[share];

	if (groups == NULL || index < 0 || (guint)index >= groups->len)
		return NULL;
	return g_ptr_array_index(groups, index);
}

/**
 * aa_board_parse_bdf:
 * @text: "BB:DD.F", optionally followed by a space and a description
 * @bus: (out): bus
 * @dev: (out): device
 * @func: (out): function
 *
 * Returns: %TRUE if @text starts with a BDF
 */
gboolean
aa_board_parse_bdf(const gchar *text, guint *bus, guint *dev, guint *func)
{
	guint b = 0, d = 0, f = 0;
	gchar tail = '\0';
	gint n;

	if (text == NULL)
		return FALSE;
	while (g_ascii_isspace(*text))
		text++;
	if (strlen(text) < 7 || !g_ascii_isxdigit(text[0]) || !g_ascii_isxdigit(text[1]) ||
	    text[2] != ':' || !g_ascii_isxdigit(text[3]) || !g_ascii_isxdigit(text[4]) ||
	    text[5] != '.' || text[6] < '0' || text[6] > '7')
		return FALSE;
	n = sscanf(text, "%2x:%2x.%1x%c", &b, &d, &f, &tail);
	if (n < 3 || d > 31 || (n == 4 && !g_ascii_isspace(tail)))
		return FALSE;
	*bus = b;
	*dev = d;
	*func = f;
	return TRUE;
}

/**
 * aa_board_get_pci_device:
 * @self: a board
 * @bdf: "BB:DD.F" (anything after it is ignored)
 *
 * Returns: (transfer none) (nullable): the device, or %NULL if the board lacks it
 */
const AaPciDevice *
aa_board_get_pci_device(AaBoard *self, const gchar *bdf)
{
	guint bus, dev, func;
	if (!aa_board_parse_bdf(bdf, &bus, &dev, &func))
		return NULL;
	for (guint i = 0; i < self->pci_devices->len; i++) {
		const AaPciDevice *d = g_ptr_array_index(self->pci_devices, i);
		if (d->bus == bus && d->dev == dev && d->func == func)
			return d;
	}
	return NULL;
}

/**
 * aa_board_get_gpu_pf:
 * @self: a board
 *
 * MODEL.md: the GPU is a display controller (class 0x03xxxx) with an SR-IOV
 * capability; with several, the first in document order.
 *
 * Returns: (transfer none) (nullable): the GPU physical function, or %NULL
 */
const AaPciDevice *
aa_board_get_gpu_pf(AaBoard *self)
{
	for (guint i = 0; i < self->pci_devices->len; i++) {
		const AaPciDevice *d = g_ptr_array_index(self->pci_devices, i);
		if ((d->class_code >> 16) == 0x03 && d->sriov)
			return d;
	}
	return NULL;
}

/**
 * aa_board_vf_bdf:
 * @pf: an SR-IOV physical function
 * @n: the VF index, from 0
 *
 * VF n's routing ID is the first VF's plus n times the stride (PCIe SR-IOV).
 *
 * Returns: (transfer full) (nullable): "BB:DD.F", or %NULL if @n is beyond total_vfs
 */
gchar *
aa_board_vf_bdf(const AaPciDevice *pf, guint n)
{
	guint rid;
	if (pf == NULL || !pf->sriov || n >= pf->total_vfs)
		return NULL;
	rid = (pf->first_vf_bus << 8) | (pf->first_vf_dev << 3) | pf->first_vf_func;
	rid += n * pf->vf_stride;
	if (rid > 0xffff)
		return NULL;
	return g_strdup_printf("%02x:%02x.%x", rid >> 8, (rid >> 3) & 0x1f, rid & 0x7);
}

/**
 * aa_board_count_kind:
 * @self: a board
 * @kind: P or E
 *
 * Returns: the number of pCPUs of @kind
 */
guint
aa_board_count_kind(AaBoard *self, AaCoreKind kind)
{
	guint n = 0;
	for (guint i = 0; i < self->pcpus->len; i++) {
		const AaPcpu *pcpu = g_ptr_array_index(self->pcpus, i);
		if (pcpu->kind == kind)
			n++;
	}
	return n;
}

/**
 * aa_board_to_string:
 * @self: a board
 *
 * Returns: (transfer full): a one-line summary for logs
 */
gchar *
aa_board_to_string(AaBoard *self)
{
	return g_strdup_printf("%s: %u pCPUs (%u P, %u E), %u MiB, %u PCI functions",
	                       self->name != NULL ? self->name : "?", self->pcpus->len,
	                       aa_board_count_kind(self, AA_CORE_KIND_P),
	                       aa_board_count_kind(self, AA_CORE_KIND_E), self->memory_mib,
	                       self->pci_devices->len);
}
