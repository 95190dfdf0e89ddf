/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "aa-board-private.h"
#include "aa-context-private.h"
#include "aa-error.h"
#include "aa-scenario-private.h"
#include "aa-transform.h"
#include "aa-xml.h"
#include "aa-test-util.h"

/* a context holding only what the transforms read */
typedef struct {
	AaBoard board;
	AaScenario *scenario;
	AaPluginContext ctx;
	gchar *tmpdir;
	gchar *outdir;
} AaLaunchFixture;

static const gchar *aa_launch_hostile_name = "evil'; touch pwned; echo '$(touch pwned)`touch "
                                             "pwned`\ntouch pwned";

static void
aa_launch_fixture_load(AaLaunchFixture *self, const gchar *board_dir, const gchar *scenario_fn)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *base = g_strdup_printf("%s.xml", board_dir);
	self->board.filename = g_build_filename(g_getenv("AA_ACRN_DATA"), board_dir, base, NULL);
	self->scenario = aa_scenario_new();
	g_assert_true(aa_scenario_load(self->scenario, scenario_fn, &error));
	g_assert_no_error(error);
	self->ctx.board = &self->board;
	self->ctx.scenario = self->scenario;
}

static void
aa_launch_fixture_set_up(AaLaunchFixture *self, gconstpointer user_data)
{
	self->ctx.data_dir = g_strdup(g_test_get_dir(G_TEST_DIST));
	self->tmpdir = aa_test_tmpdir("aa-launch-XXXXXX");
	self->outdir = g_build_filename(self->tmpdir, "out", NULL);
}

static void
aa_launch_fixture_tear_down(AaLaunchFixture *self, gconstpointer user_data)
{
	aa_test_rm_rf(self->tmpdir);
	g_free(self->tmpdir);
	g_free(self->outdir);
	g_free(self->ctx.data_dir);
	g_free(self->board.filename);
	if (self->scenario != NULL)
		aa_scenario_free(self->scenario);
}

static gchar *
aa_launch_run(AaLaunchFixture *self, GError **error)
{
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
	g_hash_table_insert(options, "output", self->outdir);
	return aa_transform_launch(&self->ctx, options, error);
}

static gchar *
aa_launch_read(AaLaunchFixture *self, const gchar *name)
{
	g_autofree gchar *fn = g_build_filename(self->outdir, name, NULL);
	gchar *text = NULL;
	g_assert_true(g_file_get_contents(fn, &text, NULL, NULL));
	return text;
}

/* bash -n, and shellcheck when it is installed */
static void
aa_launch_assert_clean(AaLaunchFixture *self, const gchar *name)
{
	g_autofree gchar *fn = g_build_filename(self->outdir, name, NULL);
	aa_test_assert_shell_clean(fn);
}

static void
aa_launch_adl_func(AaLaunchFixture *self, gconstpointer user_data)
{
	g_autofree gchar *scenario =
	    g_build_filename(g_getenv("AA_ACRN_DATA"), "adl-asrock", "shared.xml", NULL);
	g_autofree gchar *summary = NULL;
	g_autofree gchar *s1 = NULL;
	g_autofree gchar *s2 = NULL;
	g_autoptr(GError) error = NULL;

	aa_launch_fixture_load(self, "adl-asrock", scenario);
	summary = aa_launch_run(self, &error);
	g_assert_no_error(error);
	g_assert_nonnull(strstr(summary, "launch_user_vm_id3.sh"));
	for (guint i = 1; i <= 3; i++) {
		g_autofree gchar *name = g_strdup_printf("launch_user_vm_id%u.sh", i);
		aa_launch_assert_clean(self, name);
	}

	/* the Windows VM: pCPUs 0-1 are APIC IDs 0 and 8; the iGPU PF at slot 2 */
	s1 = aa_launch_read(self, "launch_user_vm_id1.sh");
	g_assert_nonnull(strstr(s1, "\nvm_name='POST_STD_VM1'\n"));
	g_assert_nonnull(strstr(s1, "\ndm_params+=('--windows')\nadd_cpus 0 8\n"
	                            "dm_params+=('-m' '4096M')\n"));
	aa_test_assert_contains(s1, "\nadd_virtual_device 1:0 lpc\n",
	                        "\nadd_virtual_device 5 virtio-blk './win10-ltsc.img'\n",
	                        "\nadd_passthrough_device 2 '0000:00:02.0'\n", NULL);
	g_assert_null(strstr(s1, "--intr_monitor"));

	/* the RTVM: E-cores 10-11 are APIC IDs 76 and 78; no LPC, polling, lapic_pt */
	s2 = aa_launch_read(self, "launch_user_vm_id2.sh");
	aa_test_assert_contains(s2, "\nvm_type='RTVM'\n",
	                        "\nadd_cpus 76 78\ndm_params+=('-m' '1024M')\n", NULL);
	g_assert_null(strstr(s2, " lpc\n"));
	g_assert_nonnull(strstr(s2, "dm_params+=('--virtio_poll' '1000000')\n"
	                            "add_virtual_device 3 virtio-console '@stdio:stdio_port'\n"));
	g_assert_nonnull(strstr(s2, "\ndm_params+=('--rtvm')\ndm_params+=('--lapic_pt')\n"));
}

/* launch on nuc11tnbi5 with the hostile scenario: its one VM's script */
static gchar *
aa_launch_hostile_script(AaLaunchFixture *self)
{
	g_autofree gchar *scenario = aa_test_fixture_path("launch", "hostile-scenario.xml", NULL);
	g_autofree gchar *summary = NULL;
	g_autoptr(GError) error = NULL;

	aa_launch_fixture_load(self, "nuc11tnbi5", scenario);
	summary = aa_launch_run(self, &error);
	g_assert_no_error(error);
	return g_build_filename(self->outdir, "launch_user_vm_id1.sh", NULL);
}

/* @root/@dir/@name holds @text */
static void
aa_launch_assert_text(const gchar *root, const gchar *dir, const gchar *name, const gchar *text)
{
	g_autofree gchar *rel = g_build_filename(dir, name, NULL);
	g_autofree gchar *value = aa_test_read_text(root, rel);
	g_assert_cmpstr(value, ==, text);
}

/* the hostile VM's script runs with acrn-dm, modprobe, ip, mount stubbed and
 * /sys, /proc redirected: nothing of the XML runs, acrn-dm gets the literal
 * strings, and the VF is enabled and bound */
static void
aa_launch_hostile_func(AaLaunchFixture *self, gconstpointer user_data)
{
	g_autofree gchar *script = aa_launch_hostile_script(self);
	g_autofree gchar *stubs = g_build_filename(self->tmpdir, "stubs", NULL);
	g_autofree gchar *root = g_build_filename(self->tmpdir, "root", NULL);
	g_autofree gchar *cwd = g_build_filename(self->tmpdir, "cwd", NULL);
	g_autofree gchar *argv_out = g_build_filename(self->tmpdir, "argv", NULL);
	g_autofree gchar *got = NULL;
	g_autofree gchar *net = g_strdup_printf("3,virtio-net,tap=tap'$(touch pwned),"
	                                        "mac_seed=00:16:3e:00:00:01-%s",
	                                        aa_launch_hostile_name);
	/* acrn-dm gets exactly these arguments */
	const gchar *expected[] = {"--cpu_affinity",
	                           "4,6",
	                           "-m",
	                           "2048M",
	                           "--ovmf",
	                           "/usr/share/acrn/bios/OVMF.fd",
	                           "-s",
	                           "1:0,lpc",
	                           "-s",
	                           "0:0,hostbridge",
	                           "-s",
	                           net,
	                           "-s",
	                           "4,virtio-blk,./img'`touch pwned`$(touch pwned).img",
	                           "-s",
	                           "2,passthru,0/2/1",
	                           "--logger_setting",
	                           "console,level=4;kmsg,level=3;disk,level=5",
	                           "--debug'; touch pwned #\n$(touch pwned)",
	                           aa_launch_hostile_name};
	g_autofree gchar *err = NULL;
	g_autofree gchar *out = NULL;
	g_autoptr(GString) want = g_string_new(NULL);
	gsize got_len = 0;
	const gchar *pf = "sys/bus/pci/devices/0000:00:02.0";
	const gchar *vf = "sys/bus/pci/devices/0000:00:02.1";
	const gchar *env[] = {"ACRN_SYSFS_ROOT", root, "ARGV_OUT", argv_out, NULL};

	aa_launch_assert_clean(self, "launch_user_vm_id1.sh");

	/* stubs on PATH; acrn-dm records its arguments NUL-separated */
	aa_test_write_stubs(stubs);

	/* a fake sysfs: the iGPU PF with no VFs yet, the VF it will have */
	aa_test_write_file(root, "sys/class/net/eth0/address", "00:16:3e:00:00:01\n", 0644);
	aa_test_write_file(root, "sys/bus/pci/devices/0000:00:02.0/sriov_numvfs", "0\n", 0644);
	aa_test_write_file(root, "sys/bus/pci/devices/0000:00:02.0/sriov_totalvfs", "7\n", 0644);
	aa_test_write_file(root, "sys/bus/pci/devices/0000:00:02.1/driver_override", "", 0644);
	aa_test_write_file(root, "sys/bus/pci/drivers_probe", "", 0644);
	g_assert_cmpint(g_mkdir_with_parents(cwd, 0755), ==, 0);

	err = aa_test_run_bash(script, cwd, stubs, env, &out);

	/* nothing ran: no marker where the script ran, nor beside it */
	aa_test_assert_none_holds("pwned", cwd, self->outdir, stubs, NULL);

	for (guint i = 0; i < G_N_ELEMENTS(expected); i++) {
		g_string_append(want, expected[i]);
		g_string_append_c(want, '\0');
	}
	g_assert_true(g_file_get_contents(argv_out, &got, &got_len, NULL));
	g_assert_cmpmem(got, got_len, want->str, want->len);

	/* one VF enabled on the PF and handed to pci-stub */
	aa_launch_assert_text(root, pf, "sriov_numvfs", "1\n");
	aa_launch_assert_text(root, vf, "driver_override", "pci-stub\n");
	aa_launch_assert_text(root, ".", "sys/bus/pci/drivers_probe", "0000:00:02.1\n");
}

/* the PF is missing on this machine: a clear message, acrn-dm never runs */
static void
aa_launch_missing_pf_func(AaLaunchFixture *self, gconstpointer user_data)
{
	g_autofree gchar *stubs = g_build_filename(self->tmpdir, "stubs", NULL);
	g_autofree gchar *root = g_build_filename(self->tmpdir, "root", NULL);
	g_autofree gchar *argv_out = g_build_filename(self->tmpdir, "argv", NULL);
	g_autofree gchar *script = aa_launch_hostile_script(self);
	g_autofree gchar *path = NULL;
	g_autofree gchar *err = NULL;
	g_autofree gchar *out = NULL;
	g_auto(GStrv) envp = g_get_environ();
	gint status = 0;
	g_autoptr(GError) error = NULL;
	const gchar *argv[] = {"bash", NULL, NULL};

	aa_test_write_file(stubs, "acrn-dm", "#!/bin/sh\ntouch \"$ARGV_OUT\"\n", 0755);
	aa_test_write_file(stubs, "modprobe", "#!/bin/sh\nexit 0\n", 0755);
	g_assert_cmpint(g_mkdir_with_parents(root, 0755), ==, 0);
	path = g_strdup_printf("%s:%s", stubs, g_getenv("PATH"));
	envp = g_environ_setenv(envp, "PATH", path, TRUE);
	envp = g_environ_setenv(envp, "ACRN_SYSFS_ROOT", root, TRUE);
	envp = g_environ_setenv(envp, "ARGV_OUT", argv_out, TRUE);
	argv[1] = script;
	g_assert_true(g_spawn_sync(self->tmpdir, (gchar **)argv, envp, G_SPAWN_SEARCH_PATH, NULL,
	                           NULL, &out, &err, &status, &error));
	g_assert_no_error(error);
	g_assert_false(g_spawn_check_wait_status(status, NULL));
	g_assert_nonnull(strstr(err, "0000:00:02.0 is not an SR-IOV physical function"));
	g_assert_false(g_file_test(argv_out, G_FILE_TEST_EXISTS));
}

/* one VM cannot be generated: no script at all is left, nor the staging dir */
static void
aa_launch_all_or_nothing_func(AaLaunchFixture *self, gconstpointer user_data)
{
	g_autofree gchar *scenario =
	    aa_test_fixture_path("launch", "invalid-scenario-network-no-interface.xml", NULL);
	g_autofree gchar *summary = NULL;
	g_autoptr(GError) error = NULL;
	g_autoptr(GDir) dir = NULL;

	aa_launch_fixture_load(self, "nuc11tnbi5", scenario);
	summary = aa_launch_run(self, &error);
	g_assert_null(summary);
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_DATA);
	/* the message is the feature: it names the VM */
	g_assert_nonnull(strstr(error->message, "BROKEN_VM"));
	dir = g_dir_open(self->outdir, 0, NULL);
	g_assert_nonnull(dir);
	g_assert_null(g_dir_read_name(dir));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add("/aa/launch/adl-asrock", AaLaunchFixture, NULL, aa_launch_fixture_set_up,
	           aa_launch_adl_func, aa_launch_fixture_tear_down);
	g_test_add("/aa/launch/hostile", AaLaunchFixture, NULL, aa_launch_fixture_set_up,
	           aa_launch_hostile_func, aa_launch_fixture_tear_down);
	g_test_add("/aa/launch/missing-pf", AaLaunchFixture, NULL, aa_launch_fixture_set_up,
	           aa_launch_missing_pf_func, aa_launch_fixture_tear_down);
	g_test_add("/aa/launch/all-or-nothing", AaLaunchFixture, NULL, aa_launch_fixture_set_up,
	           aa_launch_all_or_nothing_func, aa_launch_fixture_tear_down);
	return g_test_run();
}
