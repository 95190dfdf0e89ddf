/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * End-to-end tests of the main job: `acrn-alloc plan` on the bundled demo,
 * every artifact checked by content and against the others (recommendation,
 * final scenario, launch scripts run with stubs, report), the all-or-nothing
 * output directory, and the host's profile-script and batch --intent -o.
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libxml/xmlschemas.h>

#include "aa-context-private.h"
#include "aa-debug-private.h"
#include "aa-error.h"
#include "aa-plan.h"
#include "aa-test-util.h"
#include "aa-xml.h"

/* one VM of recommendation.xml */
typedef struct {
	gchar *name;
	gchar *id;
	gboolean rt;
	gint64 p_cores;
	gint64 e_cores;
	gint64 memory_mib;
	gint64 gpu_slices;
	GArray *pcpus;  /* guint, document order */
	GPtrArray *vfs; /* gchar* BDF */
} AaTestRecVm;

static void
aa_test_rec_vm_free(AaTestRecVm *vm)
{
	g_free(vm->name);
	g_free(vm->id);
	g_array_unref(vm->pcpus);
	g_ptr_array_unref(vm->vfs);
	g_free(vm);
}

/* a program other than the host; its failure is a test failure */
static void
aa_test_spawn_ok(const gchar *const *argv, const gchar *cwd, gchar **envp, gchar **out)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *out_local = NULL;
	g_autofree gchar *err = NULL;
	gint status = 0;

	g_assert_true(g_spawn_sync(cwd, (gchar **)argv, envp, G_SPAWN_SEARCH_PATH, NULL, NULL,
	                           &out_local, &err, &status, &error));
	g_assert_no_error(error);
	if (!g_spawn_check_wait_status(status, NULL))
		g_error("%s %s failed:\n%s%s", argv[0], argv[1], out_local, err);
	if (out != NULL)
		*out = g_steal_pointer(&out_local);
}

static gint64
aa_test_prop_int(xmlNode *node, const gchar *name)
{
	g_autofree gchar *value = aa_xml_prop(node, name);
	guint64 v = 0;
	g_assert_nonnull(value);
	g_assert_true(aa_xml_parse_uint64(value, &v));
	return (gint64)v;
}

/* the single node @expr selects below @context */
static xmlNode *
aa_test_xpath_one(xmlDoc *doc, xmlNode *context, const gchar *expr)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) nodes = aa_xml_xpath(doc, context, expr, &error);
	g_assert_no_error(error);
	if (nodes->len != 1)
		g_error("%s selects %u nodes, expected 1", expr, nodes->len);
	return g_ptr_array_index(nodes, 0);
}

static gchar *
aa_test_xpath_text(xmlDoc *doc, xmlNode *context, const gchar *expr)
{
	return g_strstrip(aa_xml_text(aa_test_xpath_one(doc, context, expr)));
}

/* the VMs of a recommendation, in document order */
static GPtrArray *
aa_test_rec_vms(xmlDoc *doc)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) nodes = aa_xml_xpath(doc, NULL, "/recommendation/vm", &error);
	GPtrArray *vms = g_ptr_array_new_with_free_func((GDestroyNotify)aa_test_rec_vm_free);

	g_assert_no_error(error);
	for (guint i = 0; i < nodes->len; i++) {
		xmlNode *node = g_ptr_array_index(nodes, i);
		xmlNode *alloc = aa_test_xpath_one(doc, node, "allocation");
		g_autoptr(GPtrArray) pcpus = aa_xml_xpath(doc, alloc, "pcpu", NULL);
		g_autoptr(GPtrArray) vfs = aa_xml_xpath(doc, alloc, "gpu-vf", NULL);
		g_autofree gchar *rt = aa_xml_prop(node, "rt");
		AaTestRecVm *vm = g_new0(AaTestRecVm, 1);

		vm->name = aa_xml_prop(node, "name");
		vm->id = aa_xml_prop(node, "id");
		vm->rt = g_strcmp0(rt, "true") == 0;
		vm->p_cores = aa_test_prop_int(alloc, "p-cores");
		vm->e_cores = aa_test_prop_int(alloc, "e-cores");
		vm->memory_mib = aa_test_prop_int(alloc, "memory-mib");
		vm->gpu_slices = aa_test_prop_int(alloc, "gpu-slices");
		vm->pcpus = g_array_new(FALSE, FALSE, sizeof(guint));
		vm->vfs = g_ptr_array_new_with_free_func(g_free);
		for (guint j = 0; j < pcpus->len; j++) {
			guint id = (guint)aa_test_prop_int(g_ptr_array_index(pcpus, j), "id");
			g_array_append_val(vm->pcpus, id);
		}
		for (guint j = 0; j < vfs->len; j++)
			g_ptr_array_add(vm->vfs, aa_xml_prop(g_ptr_array_index(vfs, j), "bdf"));
		g_assert_nonnull(vm->name);
		g_assert_nonnull(vm->id);
		g_ptr_array_add(vms, vm);
	}
	return vms;
}

/* "p e memory gpu" of each VM: two allocations compare as strings */
static gchar *
aa_test_rec_allocations(GPtrArray *vms)
{
	GString *str = g_string_new(NULL);
	for (guint i = 0; i < vms->len; i++) {
		AaTestRecVm *vm = g_ptr_array_index(vms, i);
		g_string_append_printf(str,
		                       "%s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
		                       " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
		                       vm->name, vm->p_cores, vm->e_cores, vm->memory_mib,
		                       vm->gpu_slices);
	}
	return g_string_free(str, FALSE);
}

/* the APIC ID of @cpu_id in the board XML, in decimal as acrn-dm takes it */
static guint64
aa_test_board_apic_id(xmlDoc *board, guint cpu_id)
{
	g_autofree gchar *expr = g_strdup_printf(
	    "/acrn-config/processors//thread[normalize-space(cpu_id)='%u']/apic_id", cpu_id);
	g_autofree gchar *text = aa_test_xpath_text(board, NULL, expr);
	gchar *end = NULL;
	guint64 apic = g_ascii_strtoull(text, &end, 16);
	g_assert_true(end != text && *end == '\0');
	return apic;
}

/* a fake Service VM for one launch script: stubbed programs, a /proc/cpuinfo
 * with the board's APIC IDs laid out as the kernel writes it, every pCPU
 * online, the iGPU PF without VFs and the VFs it will have */
static void
aa_test_fake_service_vm(const gchar *dir, xmlDoc *board)
{
	g_autofree gchar *stubs = g_build_filename(dir, "stubs", NULL);
	g_autofree gchar *root = g_build_filename(dir, "root", NULL);
	g_autoptr(GString) cpuinfo = g_string_new(NULL);
	g_autoptr(GPtrArray) threads = aa_xml_xpath(board, NULL, "//processors//thread", NULL);

	aa_test_write_stubs(stubs);
	for (guint i = 0; i < threads->len; i++) {
		xmlNode *thread = g_ptr_array_index(threads, i);
		g_autofree gchar *cpu = aa_test_xpath_text(board, thread, "cpu_id");
		g_autofree gchar *online =
		    g_strdup_printf("sys/devices/system/cpu/cpu%s/online", cpu);
		guint64 apic = aa_test_board_apic_id(board, (guint)g_ascii_strtoull(cpu, NULL, 10));
		/* the script looks up to 15 lines above "apicid" for "processor" */
		g_string_append_printf(cpuinfo, "processor\t: %s\n", cpu);
		for (guint j = 0; j < 10; j++)
			g_string_append_printf(cpuinfo, "filler%u\t: x\n", j);
		g_string_append_printf(cpuinfo, "apicid\t\t: %" G_GUINT64_FORMAT "\n", apic);
		for (guint j = 0; j < 15; j++)
			g_string_append_printf(cpuinfo, "more%u\t: x\n", j);
		g_string_append_c(cpuinfo, '\n');
		aa_test_write_file(root, online, "1\n", 0644);
	}
	aa_test_write_file(root, "proc/cpuinfo", cpuinfo->str, 0644);
	aa_test_write_file(root, "sys/devices/virtual/misc/acrn_hsm/remove_cpu", "", 0644);
	aa_test_write_file(root, "sys/class/net/eth0/address", "00:16:3e:00:00:01\n", 0644);
	aa_test_write_file(root, "sys/bus/pci/devices/0000:00:02.0/sriov_numvfs", "0\n", 0644);
	aa_test_write_file(root, "sys/bus/pci/devices/0000:00:02.0/sriov_totalvfs", "4\n", 0644);
	for (guint f = 1; f <= 4; f++) {
		g_autofree gchar *fn =
		    g_strdup_printf("sys/bus/pci/devices/0000:00:02.%u/driver_override", f);
		aa_test_write_file(root, fn, "", 0644);
	}
	aa_test_write_file(root, "sys/bus/pci/drivers_probe", "", 0644);
}

/* runs a launch script in a fresh fake Service VM in @dir and returns
 * acrn-dm's argv */
static gchar **
aa_test_run_launch_script(const gchar *script, xmlDoc *board, const gchar *dir)
{
	g_autofree gchar *root = g_build_filename(dir, "root", NULL);
	g_autofree gchar *stubs = g_build_filename(dir, "stubs", NULL);
	g_autofree gchar *argv_out = g_build_filename(dir, "argv", NULL);
	g_autofree gchar *got = NULL;
	g_autoptr(GPtrArray) args = g_ptr_array_new();
	g_autofree gchar *err = NULL;
	const gchar *env[] = {"ACRN_SYSFS_ROOT", root, "ARGV_OUT", argv_out, NULL};
	gsize len = 0;

	aa_test_fake_service_vm(dir, board);
	err = aa_test_run_bash(script, dir, stubs, env, NULL);
	g_assert_true(g_file_get_contents(argv_out, &got, &len, NULL));
	for (gsize i = 0; i < len; i += strlen(got + i) + 1)
		g_ptr_array_add(args, g_strdup(got + i));
	g_ptr_array_add(args, NULL);
	return (gchar **)g_ptr_array_free(g_steal_pointer(&args), FALSE);
}

/* the value after @option in @args, which must appear exactly once */
static const gchar *
aa_test_option_value(gchar **args, const gchar *option)
{
	const gchar *value = NULL;
	for (guint i = 0; args[i] != NULL; i++) {
		if (g_strcmp0(args[i], option) != 0)
			continue;
		g_assert_null(value);
		g_assert_nonnull(args[i + 1]);
		value = args[i + 1];
	}
	if (value == NULL)
		g_error("acrn-dm got no %s", option);
	return value;
}

/* no staging directory is left beside @output */
static void
aa_test_assert_no_partial(const gchar *parent)
{
	g_autoptr(GDir) d = g_dir_open(parent, 0, NULL);
	const gchar *name;
	g_assert_nonnull(d);
	while ((name = g_dir_read_name(d)) != NULL) {
		if (strstr(name, ".partial") != NULL)
			g_error("staging directory %s/%s was left behind", parent, name);
	}
}

static void
aa_test_run_plan(AaTestExec *run, const gchar *scenario, const gchar *intent, const gchar *output,
                 const gchar *extra)
{
	g_autofree gchar *board = aa_test_fixture_path("valid-board-tiny-hybrid.xml", NULL);
	const gchar *args[] = {"plan", "--board", board,  "--scenario", scenario, "--intent",
	                       intent, "-o",      output, extra,        NULL};
	aa_test_exec_exited(run, args);
}

/* the final scenario holds exactly what the recommendation says, VM by VM */
static void
aa_test_assert_scenario_matches(xmlDoc *final, GPtrArray *vms)
{
	for (guint i = 0; i < vms->len; i++) {
		AaTestRecVm *vm = g_ptr_array_index(vms, i);
		g_autofree gchar *expr = g_strdup_printf("/acrn-config/vm[name='%s']", vm->name);
		xmlNode *node = aa_test_xpath_one(final, NULL, expr);
		g_autofree gchar *id = aa_xml_prop(node, "id");
		g_autofree gchar *size = aa_test_xpath_text(final, node, "memory/size");
		g_autoptr(GPtrArray) pcpus = aa_xml_xpath(final, node, "cpu_affinity/pcpu", NULL);
		g_autoptr(GPtrArray) devs = aa_xml_xpath(final, node, "pci_devs/pci_dev", NULL);
		g_autofree gchar *want_size = g_strdup_printf("%" G_GINT64_FORMAT, vm->memory_mib);
		guint n_gpu_vfs = 0;

		g_assert_cmpstr(id, ==, vm->id);
		g_assert_cmpstr(size, ==, want_size);
		g_assert_cmpuint(vm->pcpus->len, ==, vm->p_cores + vm->e_cores);
		g_assert_cmpuint(pcpus->len, ==, vm->pcpus->len);
		for (guint j = 0; j < pcpus->len; j++) {
			xmlNode *pcpu = g_ptr_array_index(pcpus, j);
			g_autofree gchar *pid = aa_test_xpath_text(final, pcpu, "pcpu_id");
			g_autofree gchar *rt = aa_test_xpath_text(final, pcpu, "real_time_vcpu");
			g_autofree gchar *want =
			    g_strdup_printf("%u", g_array_index(vm->pcpus, guint, j));
			g_assert_cmpstr(pid, ==, want);
			g_assert_cmpstr(rt, ==, vm->rt ? "y" : "n");
		}
		/* one pci_dev per VF, and no other function of the iGPU */
		g_assert_cmpuint(vm->vfs->len, ==, vm->gpu_slices > 0 ? 1 : 0);
		for (guint j = 0; j < devs->len; j++) {
			g_autofree gchar *dev = g_strstrip(aa_xml_text(g_ptr_array_index(devs, j)));
			if (g_str_has_prefix(dev, "00:02."))
				n_gpu_vfs++;
		}
		g_assert_cmpuint(n_gpu_vfs, ==, vm->vfs->len);
		for (guint j = 0; j < vm->vfs->len; j++) {
			const gchar *bdf = g_ptr_array_index(vm->vfs, j);
			gboolean found = FALSE;
			for (guint d = 0; d < devs->len; d++) {
				g_autofree gchar *dev = aa_xml_text(g_ptr_array_index(devs, d));
				found = found || g_str_has_prefix(g_strstrip(dev), bdf);
			}
			if (!found)
				g_error("VM %s: no pci_dev for VF %s", vm->name, bdf);
		}
	}
}

/* each post-launched VM has its script; run it, and acrn-dm gets the VM's
 * pCPUs as APIC IDs, its memory and its VF; an RT VM's pCPUs go offline */
static void
aa_test_assert_launch_scripts(const gchar *launch_dir, xmlDoc *final, xmlDoc *board, GPtrArray *vms)
{
	g_autoptr(GPtrArray) post = aa_xml_xpath(final, NULL,
	                                         "/acrn-config/vm[normalize-space(load_order)="
	                                         "'POST_LAUNCHED_VM']",
	                                         NULL);
	g_autoptr(GDir) d = g_dir_open(launch_dir, 0, NULL);
	guint n_files = 0;

	g_assert_nonnull(d);
	while (g_dir_read_name(d) != NULL)
		n_files++;
	g_assert_cmpuint(n_files, ==, post->len);
	g_assert_cmpuint(post->len, ==, vms->len);
	for (guint i = 0; i < vms->len; i++) {
		AaTestRecVm *vm = g_ptr_array_index(vms, i);
		g_autofree gchar *name = g_strdup_printf("launch_user_vm_id%s.sh", vm->id);
		g_autofree gchar *script = g_build_filename(launch_dir, name, NULL);
		g_autofree gchar *dir = g_dir_make_tmp("aa-plan-launch-XXXXXX", NULL);
		g_autofree gchar *root = g_build_filename(dir, "root", NULL);
		g_autofree gchar *want_m = g_strdup_printf("%" G_GINT64_FORMAT "M", vm->memory_mib);
		g_autoptr(GString) want_cpus = g_string_new(NULL);
		g_auto(GStrv) args = NULL;
		guint n_passthru = 0;

		g_assert_true(g_file_test(script, G_FILE_TEST_IS_EXECUTABLE));
		aa_test_assert_shell_clean(script);
		for (guint j = 0; j < vm->pcpus->len; j++) {
			guint cpu = g_array_index(vm->pcpus, guint, j);
			g_string_append_printf(want_cpus, "%s%" G_GUINT64_FORMAT, j > 0 ? "," : "",
			                       aa_test_board_apic_id(board, cpu));
		}

		args = aa_test_run_launch_script(script, board, dir);
		g_assert_cmpstr(aa_test_option_value(args, "--cpu_affinity"), ==, want_cpus->str);
		g_assert_cmpstr(aa_test_option_value(args, "-m"), ==, want_m);
		g_assert_cmpstr(args[g_strv_length(args) - 1], ==, vm->name);
		for (guint j = 0; args[j] != NULL; j++) {
			guint bus = 0, dev = 0, fn = 0;
			g_autofree gchar *want = NULL;
			if (strstr(args[j], ",passthru,") == NULL)
				continue;
			g_assert_cmpuint(vm->vfs->len, ==, 1);
			g_assert_cmpint(
			    sscanf(g_ptr_array_index(vm->vfs, 0), "%x:%x.%x", &bus, &dev, &fn), ==,
			    3);
			want = g_strdup_printf(",passthru,%x/%x/%x", bus, dev, fn);
			g_assert_true(g_str_has_suffix(args[j], want));
			n_passthru++;
		}
		g_assert_cmpuint(n_passthru, ==, vm->vfs->len);
		g_assert_true(g_strv_contains((const gchar *const *)args, "--rtvm") == vm->rt);

		/* an RT VM's pCPUs are taken from the Service VM, no other */
		for (guint cpu = 0; cpu < 12; cpu++) {
			g_autofree gchar *rel =
			    g_strdup_printf("sys/devices/system/cpu/cpu%u/online", cpu);
			g_autofree gchar *online = aa_test_read_text(root, rel);
			gboolean mine = FALSE;
			for (guint j = 0; j < vm->pcpus->len; j++)
				mine = mine || g_array_index(vm->pcpus, guint, j) == cpu;
			g_assert_cmpstr(online, ==, vm->rt && mine ? "0\n" : "1\n");
		}
		aa_test_rm_rf(dir);
	}
}

static void
aa_test_assert_report(const gchar *report, GPtrArray *vms)
{
	g_autofree gchar *html = aa_test_read_text(NULL, report);
	/* self-contained: nothing is fetched when it is opened */
	g_assert_null(strstr(html, "http:"));
	g_assert_null(strstr(html, "https:"));
	g_assert_null(strstr(html, "<script src"));
	g_assert_null(strstr(html, "<link"));
	g_assert_nonnull(strstr(html, "<svg"));
	for (guint i = 0; i < vms->len; i++) {
		AaTestRecVm *vm = g_ptr_array_index(vms, i);
		if (strstr(html, vm->name) == NULL)
			g_error("report.html does not name VM %s", vm->name);
	}
}

static void
aa_plan_demo_func(void)
{
	g_autofree gchar *tmp = g_dir_make_tmp("aa-plan-XXXXXX", NULL);
	g_autofree gchar *out = g_build_filename(tmp, "out", NULL);
	g_autofree gchar *board_fn = aa_test_fixture_path("valid-board-tiny-hybrid.xml", NULL);
	g_autofree gchar *scenario = aa_test_fixture_path("demo", "cockpit-scenario.xml", NULL);
	g_autofree gchar *intent = aa_test_fixture_path("demo", "cockpit-intent.xml", NULL);
	g_autofree gchar *rec_fn = g_build_filename(out, "recommendation.xml", NULL);
	g_autofree gchar *final_fn = g_build_filename(out, "scenario.xml", NULL);
	g_autofree gchar *launch_dir = g_build_filename(out, "launch", NULL);
	g_autofree gchar *report_fn = g_build_filename(out, "report.html", NULL);
	g_autofree gchar *open_line = NULL;
	g_autoptr(xmlDoc) rec = NULL;
	g_autoptr(xmlDoc) final = NULL;
	g_autoptr(xmlDoc) board = NULL;
	g_autoptr(GPtrArray) vms = NULL;
	g_autoptr(GHashTable) used = g_hash_table_new(g_direct_hash, g_direct_equal);
	g_autoptr(GHashTable) used_vfs = g_hash_table_new(g_str_hash, g_str_equal);
	g_autofree gchar *optimal = NULL;
	g_autofree gchar *strategy = NULL;
	g_auto(AaTestExec) plan = {0};
	g_auto(AaTestExec) validate = {0};

	aa_test_run_plan(&plan, scenario, intent, out, NULL);
	if (plan.status != 0)
		g_error("plan exited %d: %s", plan.status, plan.err);
	/* the summary says how the final scenario validates */
	g_assert_nonnull(strstr(plan.out, "final scenario: 0 error(s)"));
	open_line = g_strdup_printf("open %s/report.html", out);
	g_assert_nonnull(strstr(plan.out, open_line));
	g_assert_null(strstr(plan.out, ".partial"));
	aa_test_assert_no_partial(tmp);

	/* recommendation.xml: schema-valid, proven optimal */
	rec = aa_test_load_xml(rec_fn);
	aa_test_assert_schema_valid(rec, "recommendation.xsd");
	strategy = aa_xml_prop(xmlDocGetRootElement(rec), "strategy");
	g_assert_cmpstr(strategy, ==, "optimal");
	optimal = aa_xml_prop(aa_test_xpath_one(rec, NULL, "/recommendation/search"), "optimal");
	g_assert_cmpstr(optimal, ==, "true");
	vms = aa_test_rec_vms(rec);
	g_assert_cmpuint(vms->len, ==, 3);

	/* no pCPU or VF twice, none of the Service VM's */
	{
		g_autoptr(GPtrArray) svc =
		    aa_xml_xpath(rec, NULL, "/recommendation/service-vm/pcpu", NULL);
		for (guint i = 0; i < svc->len; i++) {
			guint id = (guint)aa_test_prop_int(g_ptr_array_index(svc, i), "id");
			g_hash_table_add(used, GUINT_TO_POINTER(id + 1));
		}
	}
	for (guint i = 0; i < vms->len; i++) {
		AaTestRecVm *vm = g_ptr_array_index(vms, i);
		for (guint j = 0; j < vm->pcpus->len; j++) {
			guint id = g_array_index(vm->pcpus, guint, j);
			g_assert_cmpuint(id, <, 12);
			g_assert_true(g_hash_table_add(used, GUINT_TO_POINTER(id + 1)));
		}
		for (guint j = 0; j < vm->vfs->len; j++)
			g_assert_true(g_hash_table_add(used_vfs, g_ptr_array_index(vm->vfs, j)));
	}

	/* the final scenario carries the recommendation and passes validate */
	final = aa_test_load_xml(final_fn);
	aa_test_assert_scenario_matches(final, vms);
	aa_test_exec(&validate, "validate", "--board", board_fn, "--scenario", final_fn, "--intent",
	             intent);
	if (validate.status != 0)
		g_error("validate exited %d: %s%s", validate.status, validate.out, validate.err);
	g_assert_true(g_str_has_prefix(validate.out, "0 errors,") ||
	              strstr(validate.out, "\n0 errors,") != NULL);

	/* the launch scripts and the report describe it */
	board = aa_test_load_xml(board_fn);
	aa_test_assert_launch_scripts(launch_dir, final, board, vms);
	aa_test_assert_report(report_fn, vms);
	aa_test_rm_rf(tmp);
}

/* a later step fails: what was in the output directory stays byte-identical */
static void
aa_plan_refused_func(void)
{
	g_autofree gchar *tmp = g_dir_make_tmp("aa-plan-XXXXXX", NULL);
	g_autofree gchar *out = g_build_filename(tmp, "out", NULL);
	g_autofree gchar *board_fn = aa_test_fixture_path("valid-board-tiny-hybrid.xml", NULL);
	g_autofree gchar *scenario =
	    aa_test_fixture_path("plan", "refused-scenario-pcpu-missing.xml", NULL);
	g_autofree gchar *intent = aa_test_fixture_path("demo", "cockpit-intent.xml", NULL);
	g_autofree gchar *final_fn = g_build_filename(out, "scenario.xml", NULL);
	g_autofree gchar *before = NULL;
	g_autofree gchar *after = NULL;
	g_autofree gchar *report = NULL;
	g_autofree gchar *sentinel = NULL;
	g_autofree gchar *final_path_msg = NULL;
	g_auto(AaTestExec) refused = {0};
	g_auto(AaTestExec) forced = {0};
	g_auto(AaTestExec) validate = {0};

	aa_test_write_file(out, "sentinel", "left by the user\n", 0644);
	aa_test_write_file(out, "report.html", "<html>an older report</html>\n", 0644);
	before = aa_test_tree_snapshot(out);

	aa_test_run_plan(&refused, scenario, intent, out, NULL);
	g_assert_cmpint(refused.status, ==, 1);
	g_assert_nonnull(strstr(refused.err, "nothing in"));
	g_assert_nonnull(strstr(refused.err, "[pcpu-missing] LEGACY_VM"));
	g_assert_nonnull(strstr(refused.err, "--force"));
	/* the message names where the file would have gone, not the staging copy */
	final_path_msg = g_strdup_printf("%s: not written", final_fn);
	g_assert_nonnull(strstr(refused.err, final_path_msg));
	g_assert_null(strstr(refused.err, ".partial"));
	g_assert_cmpstr(refused.out, ==, "");
	after = aa_test_tree_snapshot(out);
	g_assert_cmpstr(after, ==, before);
	aa_test_assert_no_partial(tmp);

	/* --force writes it all; the user's file stays */
	aa_test_run_plan(&forced, scenario, intent, out, "--force");
	if (forced.status != 0)
		g_error("plan --force exited %d: %s", forced.status, forced.err);
	aa_test_assert_no_partial(tmp);
	sentinel = aa_test_read_text(out, "sentinel");
	g_assert_cmpstr(sentinel, ==, "left by the user\n");
	report = aa_test_read_text(out, "report.html");
	g_assert_nonnull(strstr(report, "<svg"));
	g_assert_nonnull(strstr(report, "LEGACY_VM"));
	aa_test_exec(&validate, "validate", "--board", board_fn, "--scenario", final_fn);
	g_assert_cmpint(validate.status, ==, 1);
	g_assert_nonnull(strstr(validate.out, "[pcpu-missing] LEGACY_VM"));
	aa_test_rm_rf(tmp);
}

/* --strategy equal plans the equal baseline the optimal recommendation lists */
static void
aa_plan_strategy_equal_func(void)
{
	g_autofree gchar *tmp = g_dir_make_tmp("aa-plan-XXXXXX", NULL);
	g_autofree gchar *out_opt = g_build_filename(tmp, "optimal", NULL);
	g_autofree gchar *out_eq = g_build_filename(tmp, "equal", NULL);
	g_autofree gchar *scenario = aa_test_fixture_path("demo", "cockpit-scenario.xml", NULL);
	g_autofree gchar *intent = aa_test_fixture_path("demo", "cockpit-intent.xml", NULL);
	g_autofree gchar *rec_opt_fn = g_build_filename(out_opt, "recommendation.xml", NULL);
	g_autofree gchar *rec_eq_fn = g_build_filename(out_eq, "recommendation.xml", NULL);
	g_autofree gchar *final_fn = g_build_filename(out_eq, "scenario.xml", NULL);
	g_autofree gchar *strategy = NULL;
	g_autofree gchar *alloc_opt = NULL;
	g_autofree gchar *alloc_eq = NULL;
	g_autoptr(GString) baseline = g_string_new(NULL);
	g_autoptr(GPtrArray) base_nodes = NULL;
	g_autoptr(GPtrArray) vms_opt = NULL;
	g_autoptr(GPtrArray) vms_eq = NULL;
	g_autoptr(xmlDoc) rec_opt = NULL;
	g_autoptr(xmlDoc) rec_eq = NULL;
	g_autoptr(xmlDoc) final = NULL;
	g_auto(AaTestExec) opt = {0};
	g_auto(AaTestExec) eq = {0};

	aa_test_run_plan(&opt, scenario, intent, out_opt, NULL);
	g_assert_cmpint(opt.status, ==, 0);
	aa_test_run_plan(&eq, scenario, intent, out_eq, "--strategy=equal");
	if (eq.status != 0)
		g_error("plan --strategy=equal exited %d: %s", eq.status, eq.err);

	rec_opt = aa_test_load_xml(rec_opt_fn);
	rec_eq = aa_test_load_xml(rec_eq_fn);
	aa_test_assert_schema_valid(rec_eq, "recommendation.xsd");
	strategy = aa_xml_prop(xmlDocGetRootElement(rec_eq), "strategy");
	g_assert_cmpstr(strategy, ==, "equal");
	vms_opt = aa_test_rec_vms(rec_opt);
	vms_eq = aa_test_rec_vms(rec_eq);
	alloc_opt = aa_test_rec_allocations(vms_opt);
	alloc_eq = aa_test_rec_allocations(vms_eq);
	g_assert_cmpstr(alloc_eq, !=, alloc_opt);

	/* what the optimal run reported as its equal baseline */
	base_nodes = aa_xml_xpath(rec_opt, NULL,
	                          "/recommendation/baseline[@strategy='equal']/allocation", NULL);
	g_assert_cmpuint(base_nodes->len, ==, 3);
	for (guint i = 0; i < base_nodes->len; i++) {
		xmlNode *n = g_ptr_array_index(base_nodes, i);
		g_autofree gchar *vm = aa_xml_prop(n, "vm");
		g_string_append_printf(
		    baseline,
		    "%s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
		    " %" G_GINT64_FORMAT "\n",
		    vm, aa_test_prop_int(n, "p-cores"), aa_test_prop_int(n, "e-cores"),
		    aa_test_prop_int(n, "memory-mib"), aa_test_prop_int(n, "gpu-slices"));
	}
	g_assert_cmpstr(alloc_eq, ==, baseline->str);

	/* and the final scenario carries it */
	final = aa_test_load_xml(final_fn);
	aa_test_assert_scenario_matches(final, vms_eq);
	aa_test_rm_rf(tmp);
}

/* profile-script through the host */
static void
aa_plan_profile_script_func(void)
{
	g_autofree gchar *tmp = g_dir_make_tmp("aa-plan-XXXXXX", NULL);
	g_autofree gchar *fn = g_build_filename(tmp, "ivi-profile.sh", NULL);
	g_autofree gchar *nope = g_build_filename(tmp, "nope.sh", NULL);
	g_autofree gchar *intent = aa_test_fixture_path("demo", "cockpit-intent.xml", NULL);
	g_autofree gchar *script = NULL;
	g_autofree gchar *shellcheck = g_find_program_in_path("shellcheck");
	g_auto(AaTestExec) run = {0};
	g_auto(AaTestExec) unknown = {0};
	const gchar *sh_n[] = {"sh", "-n", fn, NULL};

	aa_test_exec(&run, "profile-script", "--intent", intent, "--vm", "IVI", "--gpu-slices", "5",
	             "-o", fn);
	if (run.status != 0)
		g_error("profile-script exited %d: %s", run.status, run.err);
	g_assert_nonnull(strstr(run.out, fn));
	g_assert_true(g_file_test(fn, G_FILE_TEST_IS_EXECUTABLE));
	aa_test_spawn_ok(sh_n, NULL, NULL, NULL);
	if (shellcheck != NULL) {
		const gchar *sc[] = {shellcheck, "--shell=sh", fn, NULL};
		aa_test_spawn_ok(sc, NULL, NULL, NULL);
	}
	script = aa_test_read_text(NULL, fn);
	g_assert_true(g_str_has_prefix(script, "#!/bin/sh\n"));
	g_assert_nonnull(strstr(script, "\nvm_name='IVI'\n"));
	g_assert_nonnull(strstr(script, "\nqos_metrics='fps\nframe-time-p95-ms'\n"));
	g_assert_nonnull(strstr(script, "\ndefault_gpu_slices='5'\n"));
	/* another VM's metrics stay out */
	g_assert_null(strstr(script, "tokens-per-s"));

	aa_test_exec(&unknown, "profile-script", "--intent", intent, "--vm", "NO_SUCH_VM", "-o",
	             nope);
	g_assert_cmpint(unknown.status, ==, 2);
	g_assert_nonnull(strstr(unknown.err, "NO_SUCH_VM"));
	g_assert_nonnull(strstr(unknown.err, "RT_CLUSTER, IVI, AI_ASSIST"));
	g_assert_false(g_file_test(nope, G_FILE_TEST_EXISTS));
	aa_test_rm_rf(tmp);
}

static JsonObject *
aa_test_parse_json(JsonParser *parser, const gchar *text)
{
	g_autoptr(GError) error = NULL;
	if (!json_parser_load_from_data(parser, text, -1, &error))
		g_error("not JSON (%s):\n%s", error->message, text);
	return json_node_get_object(json_parser_get_root(parser));
}

/* batch --intent -o DIR plans into DIR/<folder>/<stem>, the same plan as plan */
static void
aa_plan_batch_func(void)
{
	g_autofree gchar *tmp = g_dir_make_tmp("aa-plan-XXXXXX", NULL);
	g_autofree gchar *dir = g_build_filename(tmp, "plans", NULL);
	g_autofree gchar *direct = g_build_filename(tmp, "direct", NULL);
	g_autofree gchar *dest = g_build_filename(dir, "demo", "cockpit-scenario", NULL);
	g_autofree gchar *board = aa_test_fixture_path("valid-board-tiny-hybrid.xml", NULL);
	g_autofree gchar *scenario = aa_test_fixture_path("demo", "cockpit-scenario.xml", NULL);
	g_autofree gchar *intent = aa_test_fixture_path("demo", "cockpit-intent.xml", NULL);
	g_autofree gchar *planned = NULL;
	g_autofree gchar *rec_batch_fn = g_build_filename(dest, "recommendation.xml", NULL);
	g_autofree gchar *rec_direct_fn = g_build_filename(direct, "recommendation.xml", NULL);
	g_autofree gchar *alloc_batch = NULL;
	g_autofree gchar *alloc_direct = NULL;
	g_autoptr(xmlDoc) rec_batch = NULL;
	g_autoptr(xmlDoc) rec_direct = NULL;
	g_autoptr(GPtrArray) vms_batch = NULL;
	g_autoptr(GPtrArray) vms_direct = NULL;
	g_auto(AaTestExec) batch = {0};
	g_auto(AaTestExec) plan = {0};
	const gchar *artifacts[] = {"recommendation.xml",
	                            "scenario.xml",
	                            "report.html",
	                            "launch/launch_user_vm_id1.sh",
	                            "launch/launch_user_vm_id2.sh",
	                            "launch/launch_user_vm_id3.sh"};

	aa_test_exec(&batch, "batch", "--board", board, "--intent", intent, "-o", dir, scenario);
	if (batch.status != 0)
		g_error("batch exited %d: %s%s", batch.status, batch.out, batch.err);
	for (guint i = 0; i < G_N_ELEMENTS(artifacts); i++) {
		g_autofree gchar *fn = g_build_filename(dest, artifacts[i], NULL);
		if (!g_file_test(fn, G_FILE_TEST_IS_REGULAR))
			g_error("batch did not write %s", fn);
	}
	planned = g_strdup_printf("\nplanned %s into %s\n", scenario, dest);
	g_assert_nonnull(strstr(batch.out, planned));
	g_assert_nonnull(strstr(batch.out, "1 scenarios: 1 ok, 0 with errors, 0 invalid, "
	                                   "1 planned into "));
	aa_test_assert_no_partial(dir);

	/* the same allocation as plan on its own */
	aa_test_run_plan(&plan, scenario, intent, direct, NULL);
	g_assert_cmpint(plan.status, ==, 0);
	rec_batch = aa_test_load_xml(rec_batch_fn);
	rec_direct = aa_test_load_xml(rec_direct_fn);
	vms_batch = aa_test_rec_vms(rec_batch);
	vms_direct = aa_test_rec_vms(rec_direct);
	alloc_batch = aa_test_rec_allocations(vms_batch);
	alloc_direct = aa_test_rec_allocations(vms_direct);
	g_assert_cmpstr(alloc_batch, ==, alloc_direct);
	aa_test_rm_rf(tmp);
}

/* a scenario whose VMs the intent does not name is reported; the others are
 * still planned */
static void
aa_plan_batch_mismatch_func(void)
{
	g_autofree gchar *tmp = g_dir_make_tmp("aa-plan-XXXXXX", NULL);
	g_autofree gchar *dir = g_build_filename(tmp, "plans", NULL);
	g_autofree gchar *dest = g_build_filename(dir, "demo", "cockpit-scenario", NULL);
	g_autofree gchar *board = aa_test_fixture_path("valid-board-tiny-hybrid.xml", NULL);
	g_autofree gchar *scenario = aa_test_fixture_path("demo", "cockpit-scenario.xml", NULL);
	g_autofree gchar *other = aa_test_fixture_path("valid-scenario-tiny-hybrid.xml", NULL);
	g_autofree gchar *other_dest =
	    g_build_filename(tmp, "plans", "fixtures", "valid-scenario-tiny-hybrid", NULL);
	g_autofree gchar *intent = aa_test_fixture_path("demo", "cockpit-intent.xml", NULL);
	g_autofree gchar *invalid_line = NULL;
	g_autofree gchar *rec = g_build_filename(dest, "recommendation.xml", NULL);
	g_autoptr(JsonParser) parser = json_parser_new();
	g_auto(AaTestExec) text = {0};
	g_auto(AaTestExec) json = {0};
	JsonObject *root;
	JsonObject *summary;
	JsonObject *ok;
	JsonObject *bad;
	JsonArray *results;

	/* the mismatching scenario comes first: the next one still runs */
	aa_test_exec(&text, "batch", "--board", board, "--intent", intent, "-o", dir, other,
	             scenario);
	g_assert_cmpint(text.status, ==, 2);
	invalid_line = g_strdup_printf("%s: invalid: ", other);
	g_assert_nonnull(strstr(text.out, invalid_line));
	g_assert_nonnull(strstr(text.out, "VM 'RT_CLUSTER' is not in the scenario"));
	g_assert_nonnull(strstr(text.out, "2 scenarios: 1 ok, 0 with errors, 1 invalid, "
	                                  "1 planned into "));
	g_assert_true(g_file_test(rec, G_FILE_TEST_IS_REGULAR));
	g_assert_false(g_file_test(other_dest, G_FILE_TEST_EXISTS));
	aa_test_rm_rf(dir);

	aa_test_exec(&json, "batch", "--format", "json", "--board", board, "--intent", intent, "-o",
	             dir, other, scenario);
	g_assert_cmpint(json.status, ==, 2);
	root = aa_test_parse_json(parser, json.out);
	results = json_object_get_array_member(root, "results");
	g_assert_cmpuint(json_array_get_length(results), ==, 2);
	bad = json_array_get_object_element(results, 0);
	ok = json_array_get_object_element(results, 1);
	g_assert_cmpstr(json_object_get_string_member(bad, "status"), ==, "invalid");
	g_assert_nonnull(
	    strstr(json_object_get_string_member(bad, "message"), "is not in the scenario"));
	g_assert_true(json_object_get_null_member(bad, "plan"));
	g_assert_cmpstr(json_object_get_string_member(ok, "status"), ==, "ok");
	g_assert_cmpstr(json_object_get_string_member(ok, "plan"), ==, dest);
	g_assert_cmpint(
	    json_object_get_int_member(json_object_get_object_member(ok, "report"), "errors"), ==,
	    0);
	summary = json_object_get_object_member(root, "summary");
	g_assert_cmpint(json_object_get_int_member(summary, "planned"), ==, 1);
	g_assert_cmpint(json_object_get_int_member(summary, "invalid"), ==, 1);
	g_assert_cmpint(json_object_get_int_member(summary, "exit"), ==, 2);
	aa_test_rm_rf(tmp);
}

/* planning fails (no feasible allocation): exit 1, the JSON stays JSON, the
 * validate report is kept and nothing is written */
static void
aa_plan_batch_infeasible_func(void)
{
	g_autofree gchar *tmp = g_dir_make_tmp("aa-plan-XXXXXX", NULL);
	g_autofree gchar *dir = g_build_filename(tmp, "plans", NULL);
	g_autofree gchar *dest = g_build_filename(dir, "demo", "cockpit-scenario", NULL);
	g_autofree gchar *board = aa_test_fixture_path("valid-board-tiny-hybrid.xml", NULL);
	g_autofree gchar *scenario = aa_test_fixture_path("demo", "cockpit-scenario.xml", NULL);
	g_autofree gchar *intent =
	    aa_test_fixture_path("plan", "infeasible-intent-cockpit-p-cores.xml", NULL);
	g_autofree gchar *plan_line = NULL;
	g_autoptr(JsonParser) parser = json_parser_new();
	g_auto(AaTestExec) text = {0};
	g_auto(AaTestExec) json = {0};
	JsonObject *root;
	JsonObject *item;
	const gchar *message;

	aa_test_exec(&json, "batch", "--format", "json", "--board", board, "--intent", intent, "-o",
	             dir, scenario);
	g_assert_cmpint(json.status, ==, 1);
	root = aa_test_parse_json(parser, json.out);
	item = json_array_get_object_element(json_object_get_array_member(root, "results"), 0);
	g_assert_cmpstr(json_object_get_string_member(item, "status"), ==, "errors");
	message = json_object_get_string_member(item, "message");
	g_assert_nonnull(strstr(message, "no feasible"));
	g_assert_nonnull(strstr(message, "VM IVI"));
	g_assert_true(json_object_get_null_member(item, "plan"));
	/* the demo's three vendor warnings, as validate reported them */
	g_assert_cmpint(
	    json_object_get_int_member(json_object_get_object_member(item, "report"), "warnings"),
	    ==, 3);
	g_assert_false(g_file_test(dest, G_FILE_TEST_EXISTS));

	aa_test_exec(&text, "batch", "--board", board, "--intent", intent, "-o", dir, scenario);
	g_assert_cmpint(text.status, ==, 1);
	plan_line = g_strdup_printf("%s: plan: nothing in %s was changed: ", scenario, dest);
	g_assert_nonnull(strstr(text.out, plan_line));
	g_assert_nonnull(strstr(text.out, "0 planned into "));
	g_assert_false(g_file_test(dest, G_FILE_TEST_EXISTS));
	aa_test_rm_rf(tmp);
}

/* a plan that fails into a directory that did not exist leaves no directory behind */
static void
aa_plan_failed_leaves_nothing_func(void)
{
	g_autofree gchar *tmp = g_dir_make_tmp("aa-plan-XXXXXX", NULL);
	g_autofree gchar *board = aa_test_fixture_path("valid-board-tiny-hybrid.xml", NULL);
	g_autofree gchar *scenario = aa_test_fixture_path("demo", "cockpit-scenario.xml", NULL);
	g_autofree gchar *intent =
	    aa_test_fixture_path("plan", "infeasible-intent-cockpit-p-cores.xml", NULL);
	g_autofree gchar *top = g_build_filename(tmp, "a", NULL);
	g_autofree gchar *out = g_build_filename(top, "b", "out", NULL);
	g_auto(AaTestExec) run = {0};

	aa_test_exec(&run, "plan", "--board", board, "--scenario", scenario, "--intent", intent,
	             "-o", out);
	g_assert_cmpint(run.status, ==, 1);
	g_assert_nonnull(strstr(run.err, "nothing in"));
	g_assert_false(g_file_test(top, G_FILE_TEST_EXISTS));
	g_assert_true(g_file_test(tmp, G_FILE_TEST_IS_DIR));
	aa_test_rm_rf(tmp);
}

/* the workflow on real guests through the host: an intent before profiling,
 * a Windows VM, and a typeperf log imported into the profile plan reads */
static void
aa_plan_real_guests_func(void)
{
	g_autofree gchar *tmp = g_dir_make_tmp("aa-plan-XXXXXX", NULL);
	g_autofree gchar *board = aa_test_acrn_data("adl-asrock", "adl-asrock.xml");
	g_autofree gchar *scenario = aa_test_acrn_data("adl-asrock", "shared.xml");
	g_autofree gchar *intent = g_build_filename(tmp, "intent.xml", NULL);
	g_autofree gchar *profiles = g_build_filename(tmp, "profiles", NULL);
	g_autofree gchar *profile = g_build_filename(profiles, "waag.csv", NULL);
	g_autofree gchar *script = g_build_filename(tmp, "waag.sh", NULL);
	g_autofree gchar *guide = g_build_filename(tmp, "waag.txt", NULL);
	g_autofree gchar *out = g_build_filename(tmp, "out", NULL);
	g_autofree gchar *log = aa_test_fixture_path("typeperf", "valid-typeperf-en.csv", NULL);
	g_autofree gchar *bad =
	    aa_test_fixture_path("typeperf", "invalid-typeperf-not-pdh.csv", NULL);
	g_autoptr(GError) error = NULL;
	g_auto(AaTestExec) before = {0};
	g_auto(AaTestExec) windows = {0};
	g_auto(AaTestExec) guide_run = {0};
	g_auto(AaTestExec) import_bad = {0};
	g_auto(AaTestExec) import = {0};
	g_auto(AaTestExec) plan = {0};

	g_assert_true(
	    g_file_set_contents(intent,
	                        "<alloc-intent version=\"1\">\n"
	                        "  <vm name=\"POST_STD_VM1\" class=\"gaming\">\n"
	                        "    <qos metric=\"fps\" direction=\"higher\" target=\"55\"/>\n"
	                        "    <profile href=\"profiles/waag.csv\"/>\n"
	                        "  </vm>\n"
	                        "</alloc-intent>\n",
	                        -1, &error));
	g_assert_cmpint(g_mkdir_with_parents(profiles, 0755), ==, 0);

	/* no trace yet: plan refuses, naming it and the way to record it */
	aa_test_exec(&before, "plan", "--board", board, "--scenario", scenario, "--intent", intent,
	             "-o", out);
	g_assert_cmpint(before.status, ==, 2);
	g_assert_nonnull(strstr(before.err, "waag.csv of VM 'POST_STD_VM1' does not exist yet; "
	                                    "run the profiling script first"));
	/* POST_STD_VM1 runs Windows: no sh script, a pointer to --os windows */
	aa_test_exec(&windows, "profile-script", "--board", board, "--scenario", scenario,
	             "--intent", intent, "--vm", "POST_STD_VM1", "-o", script);
	g_assert_cmpint(windows.status, ==, 2);
	g_assert_nonnull(strstr(windows.err, "runs Windows"));
	g_assert_nonnull(strstr(windows.err, "--os windows"));
	g_assert_false(g_file_test(script, G_FILE_TEST_EXISTS));
	aa_test_exec(&guide_run, "profile-script", "--board", board, "--scenario", scenario,
	             "--intent", intent, "--vm", "POST_STD_VM1", "--os", "windows", "-o", guide);
	g_assert_cmpint(guide_run.status, ==, 0);
	g_assert_true(g_file_test(guide, G_FILE_TEST_IS_REGULAR));
	/* the counter log, imported: a bad one is refused, the good one is read */
	aa_test_exec(&import_bad, "profile-import", "--typeperf", bad, "--vm", "POST_STD_VM1",
	             "--board", board, "--scenario", scenario, "--intent", intent, "--qos",
	             "fps=48", "-o", profile);
	g_assert_cmpint(import_bad.status, ==, 2);
	g_assert_nonnull(strstr(import_bad.err, "invalid-typeperf-not-pdh.csv:1:"));
	g_assert_false(g_file_test(profile, G_FILE_TEST_EXISTS));
	aa_test_exec(&import, "profile-import", "--typeperf", log, "--vm", "POST_STD_VM1",
	             "--board", board, "--scenario", scenario, "--intent", intent, "--qos",
	             "fps=48", "-o", profile);
	if (import.status != 0)
		g_error("profile-import exited %d: %s", import.status, import.err);
	aa_test_exec(&plan, "plan", "--board", board, "--scenario", scenario, "--intent", intent,
	             "-o", out);
	if (plan.status != 0)
		g_error("plan exited %d: %s", plan.status, plan.err);
	g_assert_nonnull(strstr(plan.out, "POST_STD_VM1"));
	aa_test_rm_rf(tmp);
}

/* the demo's board, scenario and intent */
static void
aa_test_demo_inputs(gchar **board, gchar **scenario, gchar **intent)
{
	*board = aa_test_fixture_path("valid-board-tiny-hybrid.xml", NULL);
	*scenario = aa_test_fixture_path("demo", "cockpit-scenario.xml", NULL);
	*intent = aa_test_fixture_path("demo", "cockpit-intent.xml", NULL);
}

/* the plan hook in-process on the demo: every input file is read exactly
 * once, and the artifacts it writes are never read back from disk */
static void
aa_plan_reads_once_func(void)
{
	g_autofree gchar *tmp = g_dir_make_tmp("aa-plan-XXXXXX", NULL);
	g_autofree gchar *stage = g_build_filename(tmp, "stage", NULL);
	g_autofree gchar *out = g_build_filename(tmp, "out", NULL);
	g_autofree gchar *board = NULL;
	g_autofree gchar *scenario = NULL;
	g_autofree gchar *intent = NULL;
	g_autofree gchar *pack =
	    aa_test_fixture_path("rules", "custom-pack-two-pcpus-max.xml", NULL);
	g_autofree gchar *builtin =
	    g_test_build_filename(G_TEST_DIST, "rules", "acrn-alloc.rules.xml", NULL);
	g_autofree gchar *rec = g_build_filename(stage, "recommendation.xml", NULL);
	g_autofree gchar *final = g_build_filename(stage, "scenario.xml", NULL);
	const gchar *const packs[] = {pack, NULL};
	const gchar *const traces[] = {"profiles/rt-cluster.csv", "profiles/ivi.csv",
	                               "calib/ivi.csv", "profiles/ai-assist.csv"};
	g_autoptr(GError) error = NULL;
	g_autoptr(AaPluginContext) ctx = aa_context_new(g_test_get_dir(G_TEST_DIST), &error);
	g_autofree gchar *summary = NULL;
	AaPlanOptions opts = {.size = sizeof(AaPlanOptions),
	                      .rules = packs,
	                      .force = TRUE,
	                      .stage = stage,
	                      .output = out};

	aa_test_demo_inputs(&board, &scenario, &intent);
	opts.board = board;
	opts.scenario = scenario;
	opts.intent = intent;
	g_assert_no_error(error);
	g_assert_cmpint(g_mkdir(stage, 0755), ==, 0);
	aa_debug_parse_reset();
	summary = aa_plan_run(ctx, &opts, &error);
	g_assert_no_error(error);
	g_assert_nonnull(summary);

	g_assert_cmpuint(aa_debug_parse_count(board), ==, 1);
	g_assert_cmpuint(aa_debug_parse_count(scenario), ==, 1);
	g_assert_cmpuint(aa_debug_parse_count(intent), ==, 1);
	for (guint i = 0; i < G_N_ELEMENTS(traces); i++) {
		g_autofree gchar *fn = aa_test_fixture_path("demo", traces[i], NULL);
		g_assert_true(g_file_test(fn, G_FILE_TEST_IS_REGULAR));
		g_assert_cmpuint(aa_debug_parse_count(fn), ==, 1);
	}
	g_assert_cmpuint(aa_debug_parse_count(builtin), ==, 1);
	g_assert_cmpuint(aa_debug_parse_count(pack), ==, 1);
	/* the recommendation and the final scenario stay in memory */
	g_assert_true(g_file_test(rec, G_FILE_TEST_IS_REGULAR));
	g_assert_true(g_file_test(final, G_FILE_TEST_IS_REGULAR));
	g_assert_cmpuint(aa_debug_parse_count(rec), ==, 0);
	g_assert_cmpuint(aa_debug_parse_count(final), ==, 0);
	/* the extra pack took part in the one validation of the final scenario */
	{
		g_autofree gchar *html = aa_test_read_text(stage, "report.html");
		g_assert_nonnull(strstr(html, "site-two-pcpus-max"));
	}

	/* the summary names the files where the host publishes them */
	g_assert_nonnull(strstr(summary, "wrote:\n"));
	g_assert_nonnull(strstr(summary, out));
	g_assert_null(strstr(summary, stage));
	/* the context now holds the final scenario */
	g_assert_cmpstr(aa_scenario_get_filename(ctx->scenario), ==, final);
	aa_test_rm_rf(tmp);
}

/* a host built against older plan options is refused, nothing is read */
static void
aa_plan_old_options_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(AaPluginContext) ctx = aa_context_new(g_test_get_dir(G_TEST_DIST), &error);
	AaPlanOptions opts = {.size = sizeof(AaPlanOptions) - sizeof(gpointer),
	                      .stage = "/nonexistent",
	                      .output = "/nonexistent"};
	g_autofree gchar *summary = NULL;

	g_assert_no_error(error);
	aa_debug_parse_reset();
	summary = aa_plan_run(ctx, &opts, &error);
	g_assert_null(summary);
	g_assert_error(error, AA_ERROR, AA_ERROR_PLUGIN);
	g_assert_cmpuint(aa_debug_parse_total(), ==, 0);
}

/* a module built before the plan hook loads (the slot is zeroed, the table's
 * size unchanged); this host then refuses plan, naming the module, and
 * touches nothing */
static void
aa_plan_old_module_func(void)
{
	g_autofree gchar *tmp = g_dir_make_tmp("aa-plan-XXXXXX", NULL);
	g_autofree gchar *manifest = g_build_filename(tmp, "plugin.manifest", NULL);
	g_autofree gchar *out = g_build_filename(tmp, "out", NULL);
	g_autofree gchar *board = NULL;
	g_autofree gchar *scenario = NULL;
	g_autofree gchar *intent = NULL;
	const gchar *module = g_getenv("AA_ABI1_MODULE");
	g_autoptr(GKeyFile) kf = g_key_file_new();
	g_autoptr(GError) error = NULL;
	g_auto(AaTestExec) run = {0};

	g_assert_nonnull(module);
	aa_test_demo_inputs(&board, &scenario, &intent);
	g_key_file_set_string(kf, "Plugin", "Name", "abi1");
	g_key_file_set_string(kf, "Plugin", "Module", module);
	g_key_file_set_string(kf, "Plugin", "DataDir", g_test_get_dir(G_TEST_DIST));
	g_key_file_set_string(kf, "Plugin", "AbiVersion", "1");
	g_key_file_set_string(kf, "Plugin", "Hooks", "");
	g_assert_true(g_key_file_save_to_file(kf, manifest, &error));
	g_assert_no_error(error);
	/* the manifest given last wins over the build tree's */
	aa_test_exec(&run, "--plugin-manifest", manifest, "plan", "--board", board, "--scenario",
	             scenario, "--intent", intent, "-o", out);
	g_assert_cmpint(run.status, ==, 2);
	g_assert_nonnull(strstr(run.err, "has no plan hook"));
	g_assert_nonnull(strstr(run.err, module));
	g_assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
	aa_test_rm_rf(tmp);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/aa/plan/demo", aa_plan_demo_func);
	g_test_add_func("/aa/plan/refused", aa_plan_refused_func);
	g_test_add_func("/aa/plan/strategy-equal", aa_plan_strategy_equal_func);
	g_test_add_func("/aa/plan/profile-script", aa_plan_profile_script_func);
	g_test_add_func("/aa/plan/real-guests", aa_plan_real_guests_func);
	g_test_add_func("/aa/plan/batch", aa_plan_batch_func);
	g_test_add_func("/aa/plan/batch-mismatch", aa_plan_batch_mismatch_func);
	g_test_add_func("/aa/plan/batch-infeasible", aa_plan_batch_infeasible_func);
	g_test_add_func("/aa/plan/failed-leaves-nothing", aa_plan_failed_leaves_nothing_func);
	g_test_add_func("/aa/plan/reads-once", aa_plan_reads_once_func);
	g_test_add_func("/aa/plan/old-options", aa_plan_old_options_func);
	g_test_add_func("/aa/plan/old-module", aa_plan_old_module_func);
	return g_test_run();
}
