/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Forecast-driven planning end to end (PAQ bins in recommendation.xml and the
 * report) and prepare_peripherals.sh run against a fake sysfs: VFs created
 * once and bound, a second run changes nothing, the launch script then finds
 * its VF ready, hostile values run nothing.
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>

#include "aa-test-util.h"
#include "aa-xml.h"

/* runs a script with /sys redirected to @root and @stubs first on PATH */
static gchar *
aa_peripherals_test_run(const gchar *script, const gchar *root, const gchar *stubs,
                        const gchar *cwd, const gchar *argv_out)
{
	const gchar *env[] = {"ACRN_SYSFS_ROOT", root, "ARGV_OUT", argv_out, NULL};
	return aa_test_run_bash(script, cwd, stubs, env, NULL);
}

/* a fake sysfs with an SR-IOV PF at 0000:00:02.0 and its VFs 1..n_vfs, as the
 * kernel shows them once sriov_numvfs is written */
static void
aa_peripherals_test_sysfs(const gchar *root, guint n_vfs)
{
	const gchar *pf = "sys/bus/pci/devices/0000:00:02.0";
	g_autofree gchar *numvfs = g_build_filename(pf, "sriov_numvfs", NULL);
	g_autofree gchar *totalvfs = g_build_filename(pf, "sriov_totalvfs", NULL);

	aa_test_write_file(root, numvfs, "0\n", 0644);
	aa_test_write_file(root, totalvfs, "7\n", 0644);
	aa_test_write_file(root, "sys/bus/pci/drivers_probe", "", 0644);
	aa_test_write_file(root, "sys/bus/pci/drivers/pci-stub/bind", "", 0644);
	aa_test_write_file(root, "sys/class/net/eth0/address", "00:16:3e:00:00:01\n", 0644);
	for (guint i = 1; i <= n_vfs; i++) {
		g_autofree gchar *vf = g_strdup_printf("sys/bus/pci/devices/0000:00:02.%u", i);
		g_autofree gchar *ovr = g_build_filename(vf, "driver_override", NULL);
		g_autofree gchar *link = g_strdup_printf("%s/%s/virtfn%u", root, pf, i - 1);
		g_autofree gchar *target = g_strdup_printf("../0000:00:02.%u", i);
		aa_test_write_file(root, ovr, "\n", 0644);
		g_assert_cmpint(symlink(target, link), ==, 0);
	}
}

/* what the kernel does after drivers_probe: the VF is bound to pci-stub */
static void
aa_peripherals_test_kernel_binds(const gchar *root, guint vf)
{
	g_autofree gchar *link =
	    g_strdup_printf("%s/sys/bus/pci/devices/0000:00:02.%u/driver", root, vf);
	g_assert_cmpint(symlink("../../../bus/pci/drivers/pci-stub", link), ==, 0);
}

static gchar *
aa_peripherals_test_override(const gchar *root, guint vf)
{
	g_autofree gchar *name =
	    g_strdup_printf("sys/bus/pci/devices/0000:00:02.%u/driver_override", vf);
	return aa_test_read_text(root, name);
}

/* launch on @board with the hostile scenario, written to @tmp/launch */
static gchar *
aa_peripherals_test_launch(const gchar *board, const gchar *tmp)
{
	g_autofree gchar *scenario = aa_test_fixture_path("launch", "hostile-scenario.xml", NULL);
	g_autofree gchar *stdout_text = NULL;
	g_autofree gchar *stderr_text = NULL;
	gchar *out = g_build_filename(tmp, "launch", NULL);

	g_assert_cmpint(aa_test_host_run(&stdout_text, &stderr_text, "launch", "--board", board,
	                                 "--scenario", scenario, "-o", out, NULL),
	                ==, 0);
	return out;
}

/* launch's output for nuc11tnbi5 and the hostile scenario, and a fake / */
typedef struct {
	gchar *tmp;
	gchar *out;
	gchar *root;
	gchar *prepare; /* out/prepare_peripherals.sh */
} AaPeriphFixture;

static void
aa_periph_set_up(AaPeriphFixture *self, gconstpointer data)
{
	g_autofree gchar *board = aa_test_acrn_data("nuc11tnbi5", "nuc11tnbi5.xml");

	self->tmp = aa_test_tmpdir("aa-peripherals-XXXXXX");
	self->out = aa_peripherals_test_launch(board, self->tmp);
	self->root = g_build_filename(self->tmp, "root", NULL);
	self->prepare = g_build_filename(self->out, "prepare_peripherals.sh", NULL);
}

static void
aa_periph_tear_down(AaPeriphFixture *self, gconstpointer data)
{
	g_clear_pointer(&self->out, g_free);
	g_clear_pointer(&self->root, g_free);
	g_clear_pointer(&self->prepare, g_free);
	g_clear_pointer(&self->tmp, aa_test_dir_free);
}

/* the demo cockpit planned with <policy demand="forecast">: every VM's
 * resources sized from the forecast, the chart in the report, and the VFs
 * prepared in order of need with a spare for the VM whose GPU may overflow */
static void
aa_peripherals_plan_func(void)
{
	g_autofree gchar *board = aa_test_fixture_path("valid-board-tiny-hybrid.xml", NULL);
	g_autofree gchar *scenario = aa_test_fixture_path("demo", "cockpit-scenario.xml", NULL);
	g_autofree gchar *intent =
	    aa_test_fixture_path("forecast", "valid-intent-forecast.xml", NULL);
	g_autoptr(AaTestDir) tmp = aa_test_tmpdir("aa-peripherals-XXXXXX");
	g_autofree gchar *out = g_build_filename(tmp, "plan", NULL);
	g_autofree gchar *rec_fn = g_build_filename(out, "recommendation.xml", NULL);
	g_autofree gchar *script_fn = g_build_filename(out, "prepare_peripherals.sh", NULL);
	g_autofree gchar *stdout_text = NULL;
	g_autofree gchar *stderr_text = NULL;
	g_autofree gchar *report = NULL;
	g_autofree gchar *script = NULL;
	g_autoptr(GError) error = NULL;
	g_autoptr(xmlDoc) rec = NULL;
	g_autoptr(GPtrArray) fcs = NULL;
	const gchar *ivi;
	const gchar *ai;

	g_assert_cmpint(aa_test_host_run(&stdout_text, &stderr_text, "plan", "--board", board,
	                                 "--scenario", scenario, "--intent", intent, "-o", out,
	                                 "--reserve-spare", NULL),
	                ==, 0);

	/* recommendation.xml: valid, a forecast per resource the trace measures */
	rec = aa_xml_load_file(rec_fn, &error);
	g_assert_no_error(error);
	aa_test_assert_schema_valid(rec, "recommendation.xsd");
	fcs = aa_xml_xpath(rec, NULL, "/recommendation/vm/forecast[@status = 'ok']", &error);
	g_assert_no_error(error);
	/* cpu and memory of 3 VMs, the GPU of IVI and AI_ASSIST */
	g_assert_cmpuint(fcs->len, ==, 8);
	for (guint i = 0; i < fcs->len; i++) {
		xmlNode *fc = g_ptr_array_index(fcs, i);
		g_autofree gchar *res = aa_xml_prop(fc, "resource");
		g_autofree gchar *bin_text = aa_xml_prop(fc, "bin");
		g_autofree gchar *cov_text = aa_xml_prop(fc, "coverage");
		g_autofree gchar *q50_text = aa_xml_prop(fc, "q50");
		g_autofree gchar *q99_text = aa_xml_prop(fc, "q99");
		gdouble bin = g_ascii_strtod(bin_text, NULL);
		gdouble quantum = g_strcmp0(res, "cpu") == 0      ? 0.5
		                  : g_strcmp0(res, "memory") == 0 ? 256.0
		                                                  : 1.0;
		/* a bin of the quantum that reaches the default confidence 0.95 */
		g_assert_cmpfloat(g_ascii_strtod(cov_text, NULL), >=, 0.95);
		g_assert_cmpfloat(fmod(bin, quantum), ==, 0.0);
		g_assert_cmpfloat(g_ascii_strtod(q50_text, NULL), <=,
		                  g_ascii_strtod(q99_text, NULL));
	}
	/* the sized demand is what the search allocated at least */
	{
		g_autoptr(GPtrArray) gpu = aa_xml_xpath(
		    rec, NULL, "/recommendation/vm[@name = 'IVI']/forecast[@resource = 'gpu']",
		    &error);
		g_autoptr(GPtrArray) alloc =
		    aa_xml_xpath(rec, NULL, "/recommendation/vm[@name = 'IVI']/allocation", &error);
		g_autofree gchar *bin = aa_xml_prop(g_ptr_array_index(gpu, 0), "bin");
		g_autofree gchar *slices = aa_xml_prop(g_ptr_array_index(alloc, 0), "gpu-slices");
		g_autofree gchar *model = aa_xml_prop(g_ptr_array_index(gpu, 0), "model");
		g_assert_cmpfloat(g_ascii_strtod(slices, NULL), >=, g_ascii_strtod(bin, NULL));
		/* the 15-minute cycle is found and forecast */
		g_assert_cmpstr(model, !=, "empirical");
		g_assert_cmpstr(model, !=, "naive");
	}

	/* the report draws a chart per VM with a forecast */
	report = aa_test_read_text(out, "report.html");
	aa_test_assert_contains(report, "id=\"chart-forecast-1\"", "id=\"chart-forecast-3\"",
	                        "class=\"forecast-bin\"", "Demand forecast and bins", NULL);

	/* prepare_peripherals.sh: IVI (busy now) before AI_ASSIST (busy in 5 min), a
	 * spare for IVI whose GPU forecast reaches 90% */
	aa_test_assert_shell_clean(script_fn);
	script = aa_test_read_text(out, "prepare_peripherals.sh");
	ivi = strstr(script, "\nvm_name='IVI'\nprepare_vf '0000:00:02.1'\n");
	ai = strstr(script, "\nvm_name='AI_ASSIST'\nprepare_vf '0000:00:02.2'\n");
	g_assert_nonnull(ivi);
	g_assert_nonnull(ai);
	g_assert_true(ivi < ai);
	aa_test_assert_contains(script, "\nenable_vfs '0000:00:02.0' 3\n",
	                        "\nprepare_spare_vf '0000:00:02.0' 3\n",
	                        "IVI (id 2): GPU demand forecast in 0 s; spare VF kept",
	                        "AI_ASSIST (id 3): GPU demand forecast in 30", NULL);
}

/* the hostile scenario: prepare_peripherals.sh creates and binds the VF
 * once, a second run changes nothing, the launch script finds the VF ready,
 * and no value of the XML runs */
static void
aa_peripherals_fake_sysfs_func(AaPeriphFixture *self, gconstpointer data)
{
	g_autofree gchar *stubs = g_build_filename(self->tmp, "stubs", NULL);
	g_autofree gchar *cwd = g_build_filename(self->tmp, "cwd", NULL);
	g_autofree gchar *argv_out = g_build_filename(self->tmp, "argv", NULL);
	g_autofree gchar *launch = g_build_filename(self->out, "launch_user_vm_id1.sh", NULL);
	g_autofree gchar *err1 = NULL;
	g_autofree gchar *err2 = NULL;
	g_autofree gchar *err3 = NULL;
	g_autofree gchar *before = NULL;
	g_autofree gchar *after = NULL;
	g_autofree gchar *value = NULL;
	g_autofree gchar *args = NULL;
	gsize args_len = 0;

	aa_test_assert_shell_clean(self->prepare);
	aa_test_write_stubs(stubs);
	aa_peripherals_test_sysfs(self->root, 1);
	g_assert_cmpint(g_mkdir_with_parents(cwd, 0755), ==, 0);

	/* first run: one VF created on the PF, handed to pci-stub */
	err1 = aa_peripherals_test_run(self->prepare, self->root, stubs, cwd, NULL);
	value = aa_test_read_text(self->root, "sys/bus/pci/devices/0000:00:02.0/sriov_numvfs");
	g_assert_cmpstr(value, ==, "1\n");
	g_clear_pointer(&value, g_free);
	value = aa_peripherals_test_override(self->root, 1);
	g_assert_cmpstr(value, ==, "pci-stub\n");
	g_clear_pointer(&value, g_free);
	value = aa_test_read_text(self->root, "sys/bus/pci/drivers_probe");
	g_assert_cmpstr(value, ==, "0000:00:02.1\n");
	g_clear_pointer(&value, g_free);
	g_assert_nonnull(strstr(err1, "Binding VF 0000:00:02.1 of VM evil'"));

	/* the kernel bound it; a second run touches nothing */
	aa_peripherals_test_kernel_binds(self->root, 1);
	before = aa_test_tree_snapshot(self->root);
	g_usleep(20000); /* any write would now show in the mtime */
	err2 = aa_peripherals_test_run(self->prepare, self->root, stubs, cwd, NULL);
	after = aa_test_tree_snapshot(self->root);
	g_assert_cmpstr(before, ==, after);
	aa_test_assert_contains(err2, "VF 0000:00:02.1 of VM evil'", "is ready", NULL);

	/* the launch script finds the VF ready: no sysfs write, acrn-dm gets it */
	err3 = aa_peripherals_test_run(launch, self->root, stubs, cwd, argv_out);
	g_clear_pointer(&after, g_free);
	after = aa_test_tree_snapshot(self->root);
	g_assert_cmpstr(before, ==, after);
	g_assert_true(g_file_get_contents(argv_out, &args, &args_len, NULL));
	g_assert_nonnull(memmem(args, args_len, "2,passthru,0/2/1", 17));

	/* nothing of the XML ran */
	aa_test_assert_none_holds("pwned", cwd, self->out, stubs, NULL);
}

/* a PF with too few VFs for the scenario: a clear error, nothing bound */
static void
aa_peripherals_too_few_func(AaPeriphFixture *self, gconstpointer data)
{
	g_autofree gchar *err = NULL;
	g_autofree gchar *value = NULL;
	g_auto(GStrv) envp = g_get_environ();
	g_autoptr(GError) error = NULL;
	const gchar *argv[] = {"bash", NULL, NULL};
	gint status = 0;

	aa_test_write_file(self->root, "sys/bus/pci/devices/0000:00:02.0/sriov_numvfs", "0\n",
	                   0644);
	aa_test_write_file(self->root, "sys/bus/pci/devices/0000:00:02.0/sriov_totalvfs", "0\n",
	                   0644);
	envp = g_environ_setenv(envp, "ACRN_SYSFS_ROOT", self->root, TRUE);
	argv[1] = self->prepare;
	g_assert_true(g_spawn_sync(self->tmp, (gchar **)argv, envp, G_SPAWN_SEARCH_PATH, NULL, NULL,
	                           NULL, &err, &status, &error));
	g_assert_no_error(error);
	g_assert_false(g_spawn_check_wait_status(status, NULL));
	g_assert_nonnull(strstr(err, "0000:00:02.0 supports 0 VFs"));
	value = aa_test_read_text(self->root, "sys/bus/pci/devices/0000:00:02.0/sriov_numvfs");
	g_assert_cmpstr(value, ==, "0\n");
}

/* a board whose PF description carries a quote and a command substitution in
 * the characters that become the PF's address: it is not a BDF, so neither
 * script enables VFs on it, and neither runs any of it */
static void
aa_peripherals_hostile_board_func(void)
{
	g_autofree gchar *board = aa_test_acrn_data("nuc11tnbi5", "nuc11tnbi5.xml");
	g_autoptr(AaTestDir) tmp = aa_test_tmpdir("aa-peripherals-XXXXXX");
	g_autofree gchar *hostile = g_build_filename(tmp, "board.xml", NULL);
	g_autofree gchar *out = NULL;
	g_autofree gchar *root = g_build_filename(tmp, "root", NULL);
	g_autofree gchar *stubs = g_build_filename(tmp, "stubs", NULL);
	g_autofree gchar *text = NULL;
	g_auto(GStrv) parts = NULL;
	g_autofree gchar *joined = NULL;
	const gchar *names[] = {"prepare_peripherals.sh", "launch_user_vm_id1.sh"};

	g_assert_true(g_file_get_contents(board, &text, NULL, NULL));
	parts = g_strsplit(text, "description=\"00:02.0 VGA", 2);
	g_assert_nonnull(parts[1]);
	joined = g_strjoin("description=\"00:02'$(touch pwned) VGA", parts[0], parts[1], NULL);
	g_assert_true(g_file_set_contents(hostile, joined, -1, NULL));
	out = aa_peripherals_test_launch(hostile, tmp);
	aa_test_write_stubs(stubs);
	aa_test_write_file(root, "sys/class/net/eth0/address", "00:16:3e:00:00:01\n", 0644);
	for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
		g_autofree gchar *fn = g_build_filename(out, names[i], NULL);
		g_autofree gchar *script = aa_test_read_text(out, names[i]);
		g_auto(GStrv) envp = g_get_environ();
		g_autofree gchar *path = g_strdup_printf("%s:%s", stubs, g_getenv("PATH"));
		g_autofree gchar *err = NULL;
		g_autoptr(GError) error = NULL;
		const gchar *argv[] = {"bash", fn, NULL};
		gint status = 0;

		aa_test_assert_shell_clean(fn);
		/* the address is not a BDF: no script enables VFs on it (the launch
		 * script falls back to plain passthrough, docs/limits.md) */
		g_assert_null(strstr(script, "\nenable_vfs "));
		envp = g_environ_setenv(envp, "PATH", path, TRUE);
		envp = g_environ_setenv(envp, "ACRN_SYSFS_ROOT", root, TRUE);
		g_assert_true(g_spawn_sync(out, (gchar **)argv, envp,
		                           G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
		                           NULL, NULL, &err, &status, &error));
		g_assert_no_error(error);
		aa_test_assert_none_holds("pwned", out, NULL);
	}
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/aa/peripherals/plan", aa_peripherals_plan_func);
	g_test_add("/aa/peripherals/fake-sysfs", AaPeriphFixture, NULL, aa_periph_set_up,
	           aa_peripherals_fake_sysfs_func, aa_periph_tear_down);
	g_test_add("/aa/peripherals/too-few", AaPeriphFixture, NULL, aa_periph_set_up,
	           aa_peripherals_too_few_func, aa_periph_tear_down);
	g_test_add_func("/aa/peripherals/hostile-board", aa_peripherals_hostile_board_func);
	return g_test_run();
}
