/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#include "config.h"

#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "aa-context-private.h"
#include "aa-error.h"
#include "aa-model-private.h"
#include "aa-model.h"
#include "aa-profile-script.h"
#include "aa-profile.h"
#include "aa-xml.h"
#include "aa-test-util.h"

#define AA_TEST_LOAD_MIB 512

/* the shells the script must run under; busybox ash gets a PATH of busybox
 * applets only, as on a small Yocto image */
typedef enum {
	AA_SHELL_BASH,
	AA_SHELL_DASH,
	AA_SHELL_BUSYBOX,
} AaShell;

static const gchar *const aa_shell_names[] = {"bash", "dash", "busybox"};

/* a directory of busybox applet links, made once */
static gchar *aa_test_busybox_bin;

static gboolean
aa_test_shell_available(AaShell shell)
{
	g_autofree gchar *path = NULL;
	if (shell == AA_SHELL_BUSYBOX) {
		if (aa_test_busybox_bin == NULL)
			g_test_skip("busybox is not installed (scripts/setup.sh installs it)");
		return aa_test_busybox_bin != NULL;
	}
	path = g_find_program_in_path(aa_shell_names[shell]);
	if (path == NULL)
		g_test_skip("not installed (scripts/setup.sh installs it)");
	return path != NULL;
}

/* argv to run @script with @args under @shell, and its environment */
static gchar **
aa_test_shell_argv(AaShell shell, const gchar *script, const gchar *const *args, gchar ***envp)
{
	g_autoptr(GStrvBuilder) b = g_strv_builder_new();
	if (shell == AA_SHELL_BUSYBOX) {
		g_autofree gchar *busybox = g_find_program_in_path("busybox");
		g_strv_builder_add(b, busybox);
		g_strv_builder_add(b, "ash");
		*envp = g_environ_setenv(*envp, "PATH", aa_test_busybox_bin, TRUE);
	} else {
		g_strv_builder_add(b, aa_shell_names[shell]);
	}
	g_strv_builder_add(b, script);
	for (guint i = 0; args[i] != NULL; i++)
		g_strv_builder_add(b, args[i]);
	return g_strv_builder_end(b);
}

/* links every busybox applet into a fresh directory, or NULL without busybox */
static gchar *
aa_test_make_busybox_bin(void)
{
	g_autofree gchar *busybox = g_find_program_in_path("busybox");
	g_autofree gchar *list = NULL;
	g_auto(GStrv) applets = NULL;
	g_autoptr(GError) error = NULL;
	const gchar *argv[] = {NULL, "--list", NULL};
	gchar *dir;

	if (busybox == NULL)
		return NULL;
	argv[0] = busybox;
	g_spawn_sync(NULL, (gchar **)argv, NULL, 0, NULL, NULL, &list, NULL, NULL, &error);
	g_assert_no_error(error);
	dir = g_dir_make_tmp("aa-busybox-XXXXXX", &error);
	g_assert_no_error(error);
	applets = g_strsplit(list, "\n", -1);
	for (guint i = 0; applets[i] != NULL; i++) {
		g_autofree gchar *link = NULL;
		if (applets[i][0] == '\0' || strchr(applets[i], '/') != NULL)
			continue;
		link = g_build_filename(dir, applets[i], NULL);
		g_assert_cmpint(symlink(busybox, link), ==, 0);
	}
	return dir;
}

/* what the test reads back from a profile CSV, text as written */
typedef struct {
	gchar *vm;
	gchar *allocation;
	gchar *qos; /* the text after "# qos:", NULL without the line */
} AaTestProfile;

static void
aa_test_profile_free(AaTestProfile *self)
{
	g_free(self->vm);
	g_free(self->allocation);
	g_free(self->qos);
	g_free(self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaTestProfile, aa_test_profile_free)

static void
aa_test_cell(const gchar *text)
{
	gchar *end = NULL;
	g_assert_nonnull(text);
	g_assert_cmpstr(text, !=, "");
	g_ascii_strtod(text, &end);
	g_assert_cmpint(*end, ==, '\0');
}

/* reads the CSV the script wrote and checks its shape against FORMATS.md */
static AaTestProfile *
aa_test_profile_load(const gchar *fn)
{
	g_autofree gchar *text = NULL;
	g_auto(GStrv) lines = NULL;
	g_autoptr(GError) error = NULL;
	AaTestProfile *self = g_new0(AaTestProfile, 1);
	gboolean header = FALSE;

	g_assert_true(g_file_get_contents(fn, &text, NULL, &error));
	g_assert_no_error(error);
	lines = g_strsplit(text, "\n", -1);
	g_assert_cmpstr(lines[0], ==, "# acrn-alloc-profile v1");
	for (guint i = 1; lines[i] != NULL; i++) {
		g_auto(GStrv) cells = NULL;
		if (lines[i][0] == '\0')
			continue;
		if (g_str_has_prefix(lines[i], "# vm: ")) {
			self->vm = g_strdup(lines[i] + 6);
			continue;
		}
		if (g_str_has_prefix(lines[i], "# allocation: ")) {
			self->allocation = g_strdup(lines[i] + 14);
			continue;
		}
		if (g_str_has_prefix(lines[i], "# qos:")) {
			self->qos = g_strstrip(g_strdup(lines[i] + 6));
			continue;
		}
		g_assert_false(g_str_has_prefix(lines[i], "#"));
		if (!header) {
			g_assert_cmpstr(lines[i], ==,
			                "time_s,cpu_p_busy,cpu_e_busy,mem_used_mib,mem_rss_mib,"
			                "wss_mib,swap_used_mib,major_faults_per_s,gpu_busy_pct,"
			                "vram_mib");
			header = TRUE;
			continue;
		}
		cells = g_strsplit(lines[i], ",", -1);
		g_assert_cmpuint(g_strv_length(cells), ==, 10);
		aa_test_cell(cells[1]);
		aa_test_cell(cells[2]);
		aa_test_cell(cells[3]);
		/* rss and swap are measured, wss is not */
		aa_test_cell(cells[4]);
		g_assert_cmpstr(cells[5], ==, "");
		aa_test_cell(cells[6]);
		aa_test_cell(cells[7]);
	}
	g_assert_true(header);
	return self;
}

static gchar *
aa_test_render(const gchar *fixture, const gchar *vm, GHashTable *options, GError **error)
{
	g_autofree gchar *data_dir = g_test_build_filename(G_TEST_DIST, ".", NULL);
	g_autofree gchar *fn = aa_test_fixture_path("profile-script", fixture, NULL);
	g_autoptr(GError) error_local = NULL;
	g_autoptr(xmlDoc) doc = aa_xml_load_file(fn, &error_local);
	g_assert_no_error(error_local);
	return aa_profile_script_render(data_dir, doc, fn, vm, options, error);
}

static void
aa_test_run(const gchar *const *argv, const gchar *cwd, gchar **envp, gchar **out)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *err = NULL;
	g_autofree gchar *out_local = NULL;
	gint status = 0;
	/* both captured: the child must not write into the TAP stream */
	g_spawn_sync(cwd, (gchar **)argv, envp, G_SPAWN_SEARCH_PATH, NULL, NULL, &out_local, &err,
	             &status, &error);
	g_assert_no_error(error);
	if (!g_spawn_check_wait_status(status, &error))
		g_test_message("%s failed: %s%s", argv[0], out_local, err);
	g_assert_no_error(error);
	if (out != NULL)
		*out = g_steal_pointer(&out_local);
}

/* writes the script, then checks it with sh -n and, if @lint, shellcheck as
 * POSIX sh (slow: once per distinct script text is enough) */
static gchar *
aa_test_save_script(const gchar *dir, const gchar *script, gboolean lint)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *shellcheck = g_find_program_in_path("shellcheck");
	gchar *fn = g_build_filename(dir, "profile.sh", NULL);
	const gchar *sh_n[] = {"sh", "-n", fn, NULL};

	g_assert_true(g_file_set_contents(fn, script, -1, &error));
	g_assert_no_error(error);
	aa_test_run(sh_n, NULL, NULL, NULL);
	if (!lint)
		return fn;
	if (shellcheck != NULL) {
		const gchar *argv[] = {shellcheck, "--shell=sh", fn, NULL};
		aa_test_run(argv, NULL, NULL, NULL);
	} else {
		g_test_message("shellcheck is not installed (scripts/setup.sh installs it)");
	}
	return fn;
}

static void
aa_profile_script_render_func(void)
{
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(GError) error = NULL;
	g_autofree gchar *script = NULL;
	g_autoptr(AaTestDir) tmp = aa_test_tmpdir("aa-profile-script-XXXXXX");
	g_autofree gchar *fn = NULL;

	g_hash_table_insert(options, "interval", "0.5");
	g_hash_table_insert(options, "duration", "30");
	g_hash_table_insert(options, "qos-command", "run-bench --report 'fps'");
	script = aa_test_render("valid-intent-adl.xml", "POST_STD_VM1", options, &error);
	g_assert_no_error(error);
	g_assert_true(g_str_has_prefix(script, "#!/bin/sh\n"));
	/* POSIX sh: no bash arrays, [[ ]] or here-strings */
	aa_test_assert_lacks(script, "[[ ", "=~", "<<<", "pipefail", NULL);
	aa_test_assert_contains(script, "\nvm_name='POST_STD_VM1'\n",
	                        "\nqos_metrics='fps\nframe-time-p95-ms'\n",
	                        "\ndefault_interval='0.5'\n", "\ndefault_duration='30'\n", NULL);
	g_assert_nonnull(
	    strstr(script, "\ndefault_qos_command='run-bench --report '\\''fps'\\'''\n"));
	/* another VM's metrics stay out */
	g_assert_null(strstr(script, "latency-p99-ms"));
	fn = aa_test_save_script(tmp, script, TRUE);
}

/* the script for @vm of valid-intent-adl.xml is refused with @code: the error */
static GError *
aa_test_render_refused(const gchar *vm, GHashTable *options, gint code)
{
	GError *error = NULL;
	g_autofree gchar *script = aa_test_render("valid-intent-adl.xml", vm, options, &error);
	g_assert_error(error, AA_ERROR, code);
	g_assert_null(script);
	return error;
}

static void
aa_profile_script_errors_func(void)
{
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(GError) unknown = aa_test_render_refused("NO_SUCH_VM", NULL, AA_ERROR_NOT_FOUND);
	g_autoptr(GError) interval = NULL;
	g_autoptr(GError) slices = NULL;

	/* the message is the feature: it lists the VMs there are */
	g_assert_nonnull(strstr(unknown->message, "POST_RT_VM1"));

	g_hash_table_insert(options, "interval", "1; reboot");
	interval = aa_test_render_refused("POST_STD_VM1", options, AA_ERROR_INVALID_ARGUMENT);

	g_hash_table_insert(options, "interval", "1");
	g_hash_table_insert(options, "gpu-slices", "-1");
	slices = aa_test_render_refused("POST_STD_VM1", options, AA_ERROR_INVALID_ARGUMENT);
}

/* names and commands that are shell code if unquoted stay literal text */
static void
aa_profile_script_hostile_func(gconstpointer data)
{
	AaShell shell = GPOINTER_TO_INT(data);
	const gchar *vm = "it's $(touch pwned) `touch pwned` ; touch pwned";
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(GError) error = NULL;
	g_autofree gchar *script = NULL;
	g_autoptr(AaTestDir) tmp = aa_test_tmpdir("aa-profile-script-XXXXXX");
	g_autofree gchar *fn = NULL;
	g_autofree gchar *csv = NULL;
	g_autofree gchar *pwned = NULL;
	g_autoptr(AaTestProfile) profile = NULL;

	if (!aa_test_shell_available(shell))
		return;
	/* the QoS command itself is the user's code and runs, quoting intact */
	g_hash_table_insert(options, "qos-command", "echo '$(touch${IFS}pwned)=2'; echo \"it's\"");
	script = aa_test_render("valid-intent-hostile-names.xml", vm, options, &error);
	g_assert_no_error(error);
	fn = aa_test_save_script(tmp, script, TRUE);
	csv = g_build_filename(tmp, "out.csv", NULL);
	{
		const gchar *args[] = {"-i", "0.2", "-d", "0.3", "-o", csv, NULL};
		g_auto(GStrv) envp = g_get_environ();
		g_auto(GStrv) argv = aa_test_shell_argv(shell, fn, args, &envp);
		aa_test_run((const gchar *const *)argv, tmp, envp, NULL);
	}
	pwned = g_build_filename(tmp, "pwned", NULL);
	g_assert_false(g_file_test(pwned, G_FILE_TEST_EXISTS));
	profile = aa_test_profile_load(csv);
	g_assert_cmpstr(profile->vm, ==, vm);
	g_assert_cmpstr(profile->qos, ==, "$(touch${IFS}pwned)=2");
}

/* a fake sysfs of a hybrid kernel: cpu 0 is a P-core, cpu 1 an E-core */
static void
aa_profile_script_hybrid_func(gconstpointer data)
{
	AaShell shell = GPOINTER_TO_INT(data);
	g_autoptr(GError) error = NULL;
	g_autofree gchar *script = NULL;
	g_autoptr(AaTestDir) tmp = aa_test_tmpdir("aa-profile-script-XXXXXX");
	g_autofree gchar *sysfs = g_build_filename(tmp, "sys", NULL);
	g_autofree gchar *core = g_build_filename(sysfs, "devices", "cpu_core", NULL);
	g_autofree gchar *atom = g_build_filename(sysfs, "devices", "cpu_atom", NULL);
	g_autofree gchar *core_cpus = g_build_filename(core, "cpus", NULL);
	g_autofree gchar *atom_cpus = g_build_filename(atom, "cpus", NULL);
	g_autofree gchar *fn = NULL;
	g_autofree gchar *csv = NULL;
	g_autoptr(AaTestProfile) profile = NULL;
	g_auto(GStrv) envp = g_get_environ();

	if (!aa_test_shell_available(shell))
		return;
	g_assert_cmpint(g_mkdir_with_parents(core, 0755), ==, 0);
	g_assert_cmpint(g_mkdir_with_parents(atom, 0755), ==, 0);
	g_assert_true(g_file_set_contents(core_cpus, "0\n", -1, &error));
	g_assert_true(g_file_set_contents(atom_cpus, "1\n", -1, &error));
	g_assert_no_error(error);
	envp = g_environ_setenv(envp, "AA_SYSFS_ROOT", sysfs, TRUE);
	envp = g_environ_setenv(envp, "AA_GPU_SLICES", "3", TRUE);
	envp = g_environ_unsetenv(envp, "AA_QOS_COMMAND");

	script = aa_test_render("valid-intent-adl.xml", "POST_STD_VM2", NULL, &error);
	g_assert_no_error(error);
	fn = aa_test_save_script(tmp, script, FALSE);
	csv = g_build_filename(tmp, "out.csv", NULL);
	{
		const gchar *args[] = {"-i", "0.2", "-d", "0.4", "-o", csv, NULL};
		g_auto(GStrv) argv = aa_test_shell_argv(shell, fn, args, &envp);
		aa_test_run((const gchar *const *)argv, tmp, envp, NULL);
	}
	profile = aa_test_profile_load(csv);
	g_assert_true(g_str_has_prefix(profile->allocation, "p_cores=1 e_cores=1 memory_mib="));
	g_assert_true(g_str_has_suffix(profile->allocation, " gpu_slices=3"));
	/* no QoS command: no qos line, a warning instead */
	g_assert_null(profile->qos);
}

static void
aa_test_write(const gchar *dir, const gchar *name, const gchar *text)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *fn = g_build_filename(dir, name, NULL);
	g_autofree gchar *parent = g_path_get_dirname(fn);
	g_assert_cmpint(g_mkdir_with_parents(parent, 0755), ==, 0);
	g_assert_true(g_file_set_contents(fn, text, -1, &error));
	g_assert_no_error(error);
}

/* a fake /proc and /sys with an i915 card: one DRM client seen through two
 * file descriptors, counted once; its memory fills vram_mib */
static void
aa_profile_script_fake_gpu_func(gconstpointer data)
{
	AaShell shell = GPOINTER_TO_INT(data);
	const gchar *fdinfo = "pos:\t0\ndrm-driver:\ti915\ndrm-client-id:\t7\n"
	                      "drm-engine-render:\t1000 ns\ndrm-resident-local0:\t2048 KiB\n";
	g_autoptr(GError) error = NULL;
	g_autofree gchar *script = NULL;
	g_autoptr(AaTestDir) tmp = aa_test_tmpdir("aa-profile-script-XXXXXX");
	g_autofree gchar *proc = g_build_filename(tmp, "proc", NULL);
	g_autofree gchar *sysfs = g_build_filename(tmp, "sys", NULL);
	g_autofree gchar *driver_dir =
	    g_build_filename(sysfs, "bus", "pci", "drivers", "i915", NULL);
	g_autofree gchar *card = g_build_filename(sysfs, "class", "drm", "card0", "device", NULL);
	g_autofree gchar *link = g_build_filename(card, "driver", NULL);
	g_autofree gchar *fn = NULL;
	g_autofree gchar *csv = NULL;
	g_autofree gchar *text = NULL;
	g_auto(GStrv) envp = g_get_environ();

	if (!aa_test_shell_available(shell))
		return;
	aa_test_write(proc, "stat", "cpu  10 0 10 100 0 0 0 0 0 0\ncpu0 10 0 10 100 0 0 0 0 0 0\n");
	aa_test_write(proc, "meminfo",
	              "MemTotal: 4194304 kB\nMemAvailable: 3145728 kB\nAnonPages: 524288 kB\n"
	              "Shmem: 0 kB\nSwapTotal: 0 kB\nSwapFree: 0 kB\n");
	aa_test_write(proc, "vmstat", "pgmajfault 5\n");
	aa_test_write(proc, "123/fdinfo/4", fdinfo);
	aa_test_write(proc, "123/fdinfo/5", fdinfo);
	g_assert_cmpint(g_mkdir_with_parents(driver_dir, 0755), ==, 0);
	g_assert_cmpint(g_mkdir_with_parents(card, 0755), ==, 0);
	g_assert_cmpint(symlink(driver_dir, link), ==, 0);
	envp = g_environ_setenv(envp, "AA_PROC_ROOT", proc, TRUE);
	envp = g_environ_setenv(envp, "AA_SYSFS_ROOT", sysfs, TRUE);

	script = aa_test_render("valid-intent-adl.xml", "POST_STD_VM1", NULL, &error);
	g_assert_no_error(error);
	fn = aa_test_save_script(tmp, script, FALSE);
	csv = g_build_filename(tmp, "out.csv", NULL);
	{
		const gchar *args[] = {"-i", "0.2", "-d", "0.2", "-o", csv, NULL};
		g_auto(GStrv) argv = aa_test_shell_argv(shell, fn, args, &envp);
		aa_test_run((const gchar *const *)argv, tmp, envp, NULL);
	}
	g_assert_true(g_file_get_contents(csv, &text, NULL, &error));
	g_assert_no_error(error);
	g_test_message("%s", text);
	/* 1 CPU, 4096 MiB; used 1024, rss 512, render busy unchanged, 2 MiB */
	aa_test_assert_contains(text, "# allocation: p_cores=1 e_cores=0 memory_mib=4096 ",
	                        ",0.00,0.00,1024,512,,0,0.0,0.0,2\n", NULL);
}

static GPid
aa_test_spawn_busy_loop(void)
{
	const gchar *argv[] = {"sh", "-c", "while :; do :; done", NULL};
	g_autoptr(GError) error = NULL;
	GPid pid = 0;
	g_spawn_async(NULL, (gchar **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
	              NULL, NULL, &pid, &error);
	g_assert_no_error(error);
	return pid;
}

static void
aa_test_stop(GPid pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	g_spawn_close_pid(pid);
}

/* the product's model of a trace: a general VM named in the trace, with the
 * intent's fps target, whose profile is @profile */
static AaVmModel *
aa_test_model_new(AaProfile *profile, AaIntentVm *vm, GPtrArray *qos)
{
	AaVmModel *model;

	vm->name = profile->vm_name;
	vm->klass = AA_VM_CLASS_GENERAL;
	vm->qos = qos;
	vm->profile = profile;
	model = aa_test_vm_model_new(vm, FALSE);
	g_assert_nonnull(model);
	return model;
}

/* runs the script on this machine under a known load and reads it back with
 * the product's reader and model */
static void
aa_profile_script_load_func(gconstpointer data)
{
	AaShell shell = GPOINTER_TO_INT(data);
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(GError) error = NULL;
	g_autofree gchar *script = NULL;
	g_autoptr(AaTestDir) tmp = aa_test_tmpdir("aa-profile-script-XXXXXX");
	g_autofree gchar *fn = NULL;
	g_autofree gchar *load_csv = NULL;
	g_autoptr(AaProfile) load = NULL;
	g_autoptr(AaVmModel) load_model = NULL;
	g_autoptr(GPtrArray) qos = g_ptr_array_new();
	g_autofree guint8 *hog = NULL;
	AaQosTarget fps = {"fps", TRUE, 55.0, 1.0, 0};
	AaIntentVm load_vm = {0};
	GPid busy[2];
	gsize hog_len = (gsize)AA_TEST_LOAD_MIB * 1024 * 1024;
	gdouble cpu_prof;
	gdouble mem_prof;

	if (!aa_test_shell_available(shell))
		return;
	g_hash_table_insert(options, "interval", "0.5");
	g_hash_table_insert(options, "qos-command", "sleep 1; echo fps=42.5; echo other=1");
	script = aa_test_render("valid-intent-adl.xml", "POST_STD_VM1", options, &error);
	g_assert_no_error(error);
	fn = aa_test_save_script(tmp, script, FALSE);
	load_csv = g_build_filename(tmp, "load.csv", NULL);

	/* two busy loops and 512 MiB of touched memory, alive for the whole run:
	 * the machine's busy cores and anonymous memory are at least that */
	busy[0] = aa_test_spawn_busy_loop();
	busy[1] = aa_test_spawn_busy_loop();
	hog = g_malloc(hog_len);
	memset(hog, 0x5a, hog_len);
	{
		const gchar *args[] = {"-d", "3", "-o", load_csv, NULL};
		g_auto(GStrv) envp = g_get_environ();
		g_auto(GStrv) argv = aa_test_shell_argv(shell, fn, args, &envp);
		aa_test_run((const gchar *const *)argv, tmp, envp, NULL);
	}
	/* the hog must stay alive until here */
	g_assert_cmpuint(hog[hog_len - 1], ==, 0x5a);
	aa_test_stop(busy[0]);
	aa_test_stop(busy[1]);

	/* the product reads the trace */
	load = aa_profile_load(load_csv, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(load->vm_name, ==, "POST_STD_VM1");
	g_assert_true(load->has_allocation);
	g_assert_false(load->has_wss);
	/* 3 s at 0.5 s asks for 6 samples, but each sample forks a few
	 * processes and the two busy loops (and, on a shared test machine, other
	 * jobs) compete with them: only the first sample is guaranteed */
	g_test_message("%u samples in 3 s at 0.5 s", load->samples->len);
	g_assert_cmpuint(load->samples->len, >=, 1);
	/* only metrics the intent names, "other" is dropped */
	g_assert_cmpuint(g_hash_table_size(load->qos), ==, 1);
	g_assert_cmpfloat(*(const gdouble *)g_hash_table_lookup(load->qos, "fps"), ==, 42.5);

	/* and its model sees the load: r_prof is the p95 of busy cores (E-cores
	 * at eta) and the peak RSS, as MODEL.md defines them */
	g_ptr_array_add(qos, &fps);
	load_model = aa_test_model_new(load, &load_vm, qos);
	cpu_prof = load_model->r_prof[AA_RESOURCE_CPU];
	mem_prof = load_model->r_prof[AA_RESOURCE_MEMORY];
	g_test_message("model r_prof: cpu %.2f cores; memory %.0f MiB", cpu_prof, mem_prof);
	g_assert_cmpfloat(cpu_prof, >=, 1.5);
	/* AnonPages holds the hog (other processes may free memory meanwhile, so
	 * a rise over an idle run is not guaranteed on a shared machine) */
	g_assert_cmpfloat(mem_prof, >=, AA_TEST_LOAD_MIB);
	g_assert_cmpfloat(aa_vm_model_qos_at(load_model, 0)->q_prof, ==, 42.5);
}

/* a context as the host builds it for profile-script: the intent, and the
 * board and scenario when @with_scenario */
static AaPluginContext *
aa_test_context(const gchar *intent_fixture, gboolean with_scenario)
{
	g_autofree gchar *intent = aa_test_fixture_path(intent_fixture, NULL);
	if (with_scenario)
		return aa_test_context_acrn("adl-asrock", intent);
	return aa_test_context_new(NULL, NULL, intent);
}

/* profile-script through its hook; @out: the file's text */
static gchar *
aa_test_write_script(AaPluginContext *ctx, const gchar *vm, const gchar *gpu_slices,
                     const gchar *os, gchar **out, GError **error)
{
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
	g_autofree gchar *tmp = aa_test_tmpdir("aa-profile-script-XXXXXX");
	g_autofree gchar *fn = g_build_filename(tmp, "out", NULL);
	gchar *summary;

	g_hash_table_insert(options, (gpointer) "vm", (gpointer)vm);
	g_hash_table_insert(options, (gpointer) "output", fn);
	if (gpu_slices != NULL)
		g_hash_table_insert(options, (gpointer) "gpu-slices", (gpointer)gpu_slices);
	if (os != NULL)
		g_hash_table_insert(options, (gpointer) "os", (gpointer)os);
	summary = aa_profile_script_write(ctx, options, error);
	*out = NULL;
	if (summary != NULL)
		g_assert_true(g_file_get_contents(fn, out, NULL, NULL));
	else
		g_assert_false(g_file_test(fn, G_FILE_TEST_EXISTS));
	aa_test_rm_rf(tmp);
	return summary;
}

/* the profile's gpu_slices is what the VM has, from the intent or scenario,
 * else the generator refuses to guess */
static void
aa_profile_script_gpu_slices_func(void)
{
	g_autoptr(AaPluginContext) bare =
	    aa_test_context("profile-script/valid-intent-adl.xml", FALSE);
	g_autoptr(AaPluginContext) full =
	    aa_test_context("profile-script/valid-intent-adl.xml", TRUE);
	g_autoptr(AaPluginContext) pinned =
	    aa_test_context("profile-script/valid-intent-gpu-pinned.xml", FALSE);
	g_autoptr(GError) error = NULL;
	g_autofree gchar *summary = NULL;
	g_autofree gchar *text = NULL;

	/* no scenario, intent open: refused, the message says what to pass */
	summary = aa_test_write_script(bare, "POST_STD_VM1", NULL, NULL, &text, &error);
	g_assert_null(summary);
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT);
	/* the message is the feature: it says what to do */
	g_assert_nonnull(strstr(error->message, "pass --gpu-slices N (0 to 10"));
	g_clear_error(&error);
	/* given: baked in */
	summary = aa_test_write_script(bare, "POST_STD_VM1", "4", NULL, &text, &error);
	g_assert_no_error(error);
	aa_test_assert_contains(text, "\ndefault_gpu_slices='4'\n", "(given with --gpu-slices)",
	                        NULL);
	g_clear_pointer(&summary, g_free);
	g_clear_pointer(&text, g_free);
	/* the scenario passes VM2 no GPU function: 0, and says why */
	summary = aa_test_write_script(full, "POST_STD_VM2", NULL, NULL, &text, &error);
	g_assert_no_error(error);
	aa_test_assert_contains(text, "\ndefault_gpu_slices='0'\n",
	                        "the scenario passes no GPU function to the VM", NULL);
	g_clear_pointer(&summary, g_free);
	g_clear_pointer(&text, g_free);
	/* the scenario passes VM1 the whole PF 00:02.0: every slice of the policy */
	summary = aa_test_write_script(full, "POST_STD_VM1", NULL, "windows", &text, &error);
	g_assert_no_error(error);
	aa_test_assert_contains(text, "--gpu-slices 10 ", "passes the whole GPU 00:02.0 through",
	                        NULL);
	g_clear_pointer(&summary, g_free);
	g_clear_pointer(&text, g_free);
	/* the intent pins the slices (min = max = 6) */
	summary = aa_test_write_script(pinned, "POST_STD_VM1", NULL, NULL, &text, &error);
	g_assert_no_error(error);
	g_assert_nonnull(strstr(text, "\ndefault_gpu_slices='6'\n"));
	g_clear_pointer(&summary, g_free);
	g_clear_pointer(&text, g_free);
	/* a VM holding a VF: its share is not in the scenario, refused naming the VF */
	{
		AaVm *svm = aa_scenario_get_vm_by_name(full->scenario, "POST_STD_VM2");
		gint64 n;
		g_autofree gchar *source = NULL;
		AaPciRef ref = {0};
		ref.bdf = (gchar *)"00:02.3";
		g_ptr_array_add(svm->pci_devs, &ref);
		n = aa_profile_script_gpu_slices(full->intent, full->board, full->scenario,
		                                 "POST_STD_VM2", NULL, &source, &error);
		g_ptr_array_steal_index(svm->pci_devs, svm->pci_devs->len - 1);
		g_assert_cmpint(n, ==, -1);
		g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT);
		/* the code is coarse: the message tells this failure from others of its code */
		g_assert_nonnull(strstr(error->message, "it holds GPU VF 00:02.3 in the scenario"));
	}
}

/* a Windows VM gets a clear refusal of the sh script, and with --os windows
 * the typeperf command line and guide */
static void
aa_profile_script_windows_func(void)
{
	g_autoptr(AaPluginContext) full =
	    aa_test_context("profile-script/valid-intent-adl.xml", TRUE);
	g_autoptr(GError) error = NULL;
	g_autofree gchar *summary = NULL;
	g_autofree gchar *text = NULL;

	summary = aa_test_write_script(full, "POST_STD_VM1", "4", NULL, &text, &error);
	g_assert_null(summary);
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT);
	/* the message is the feature: it says what to do */
	g_assert_nonnull(
	    strstr(error->message, "VM POST_STD_VM1 runs Windows (os_type 'Windows OS'"));
	g_assert_nonnull(strstr(error->message, "--os windows"));
	g_clear_error(&error);

	summary = aa_test_write_script(full, "POST_STD_VM1", "4", "windows", &text, &error);
	g_assert_no_error(error);
	g_assert_false(g_str_has_prefix(text, "#!"));
	g_assert_nonnull(strstr(text, "typeperf \"\\Processor(*)\\% Processor Time\" "
	                              "\"\\Memory\\Available MBytes\""));
	aa_test_assert_contains(text, "\"\\GPU Engine(*)\\Utilization Percentage\"",
	                        "-si 1 -sc 60 -f CSV -o acrn-alloc-counters.csv", NULL);
	/* the QoS values named as the intent names them */
	g_assert_nonnull(strstr(text, "   fps=VALUE   (higher is better, target 55)"));
	g_assert_nonnull(
	    strstr(text, "   frame-time-p95-ms=VALUE   (lower is better, target 16.7)"));
	aa_test_assert_contains(text, "--qos \"fps=VALUE frame-time-p95-ms=VALUE\"",
	                        "acrn-alloc profile-import --typeperf", NULL);
	/* a Linux VM of the same scenario gets the sh script */
	g_clear_pointer(&summary, g_free);
	g_clear_pointer(&text, g_free);
	summary = aa_test_write_script(full, "POST_STD_VM2", NULL, NULL, &text, &error);
	g_assert_no_error(error);
	g_assert_true(g_str_has_prefix(text, "#!/bin/sh\n"));
}

/* the intent names a trace not recorded yet: the script is still written */
static void
aa_profile_script_before_profiling_func(void)
{
	g_autoptr(AaPluginContext) ctx =
	    aa_test_context("valid-intent-before-profiling.xml", FALSE);
	g_autoptr(GError) error = NULL;
	g_autoptr(GError) error_require = NULL;
	g_autofree gchar *summary = NULL;
	g_autofree gchar *text = NULL;

	summary = aa_test_write_script(ctx, "POST_STD_VM1", "2", NULL, &text, &error);
	g_assert_no_error(error);
	g_assert_nonnull(summary);
	g_assert_true(g_str_has_prefix(text, "#!/bin/sh\n"));
	/* what needs the trace refuses, naming it */
	g_assert_false(aa_context_require(ctx, FALSE, FALSE, TRUE, &error_require));
	g_assert_error(error_require, AA_ERROR, AA_ERROR_NOT_FOUND);
	/* the message is the feature: it names the file */
	aa_test_assert_contains(error_require->message, "absent.csv",
	                        "run the profiling script first", NULL);
}

int
main(int argc, char **argv)
{
	gint status;

	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/aa/profile-script/render", aa_profile_script_render_func);
	g_test_add_func("/aa/profile-script/errors", aa_profile_script_errors_func);
	g_test_add_func("/aa/profile-script/gpu-slices", aa_profile_script_gpu_slices_func);
	g_test_add_func("/aa/profile-script/windows", aa_profile_script_windows_func);
	g_test_add_func("/aa/profile-script/before-profiling",
	                aa_profile_script_before_profiling_func);
	for (guint i = 0; i < G_N_ELEMENTS(aa_shell_names); i++) {
		g_autofree gchar *hostile = NULL;
		g_autofree gchar *hybrid = NULL;
		g_autofree gchar *gpu = NULL;
		hostile = g_strdup_printf("/aa/profile-script/hostile/%s", aa_shell_names[i]);
		hybrid = g_strdup_printf("/aa/profile-script/hybrid/%s", aa_shell_names[i]);
		gpu = g_strdup_printf("/aa/profile-script/fake-gpu/%s", aa_shell_names[i]);
		/* quoting under every shell; the sysfs and fdinfo parsing under the
		 * strict POSIX ones (bash accepts more, never less) */
		g_test_add_data_func(hostile, GINT_TO_POINTER(i), aa_profile_script_hostile_func);
		if (i == AA_SHELL_BASH)
			continue;
		g_test_add_data_func(hybrid, GINT_TO_POINTER(i), aa_profile_script_hybrid_func);
		g_test_add_data_func(gpu, GINT_TO_POINTER(i), aa_profile_script_fake_gpu_func);
	}
	/* under load (seconds): busybox ash with busybox applets only, the
	 * smallest guest; the product reads its trace */
	g_test_add_data_func("/aa/profile-script/load/busybox", GINT_TO_POINTER(AA_SHELL_BUSYBOX),
	                     aa_profile_script_load_func);
	aa_test_busybox_bin = aa_test_make_busybox_bin();
	status = g_test_run();
	if (aa_test_busybox_bin != NULL)
		aa_test_rm_rf(aa_test_busybox_bin);
	g_free(aa_test_busybox_bin);
	return status;
}
