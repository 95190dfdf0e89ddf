/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * End-to-end tests of the acrn-alloc host: it is run as a program, loads the
 * module through a manifest and must map every failure to the right exit code.
 */

#include "config.h"
#include "aa-test-util.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

/* runs the host without the build's manifest, with an optional environment change */
#define aa_test_run_env(run, env_var, env_value, ...)                                              \
	do {                                                                                       \
		const gchar *aa_test_args_[] = {__VA_ARGS__};                                      \
		aa_test_exec_bare(run, env_var, env_value, aa_test_args_);                         \
	} while (0)

#define aa_test_run(run, ...) aa_test_run_env(run, NULL, NULL, __VA_ARGS__, NULL)

static void
aa_host_usage_func(void)
{
	g_auto(AaTestExec) none = {0};
	g_auto(AaTestExec) help = {0};
	g_auto(AaTestExec) unknown = {0};

	aa_test_run_env(&none, NULL, NULL, NULL);
	g_assert_cmpint(none.status, ==, 2);
	g_assert_nonnull(strstr(none.err, "Usage: acrn-alloc"));
	aa_test_run(&help, "--help");
	g_assert_cmpint(help.status, ==, 0);
	g_assert_nonnull(strstr(help.out, "inspect"));
	g_assert_nonnull(strstr(help.out, "recommend"));
	aa_test_run(&unknown, "frobnicate");
	g_assert_cmpint(unknown.status, ==, 2);
	g_assert_nonnull(strstr(unknown.err, "unknown command 'frobnicate'"));
}

static void
aa_host_inspect_usage_func(void)
{
	g_auto(AaTestExec) missing = {0};
	g_auto(AaTestExec) bad_opt = {0};
	g_auto(AaTestExec) help = {0};

	aa_test_run(&missing, "inspect");
	g_assert_cmpint(missing.status, ==, 2);
	g_assert_nonnull(strstr(missing.err, "needs --board"));
	g_assert_null(strstr(missing.err, "inspect: inspect"));
	aa_test_run(&bad_opt, "inspect", "--bored", "x");
	g_assert_cmpint(bad_opt.status, ==, 2);
	aa_test_run(&help, "inspect", "--help");
	g_assert_cmpint(help.status, ==, 0);
	g_assert_nonnull(strstr(help.out, "--scenario"));
}

static void
aa_host_inspect_text_func(void)
{
	g_autofree gchar *board = aa_test_acrn_data("adl-asrock", "adl-asrock.xml");
	g_autofree gchar *scenario = aa_test_acrn_data("adl-asrock", "shared.xml");
	g_auto(AaTestExec) run = {0};

	aa_test_run(&run, "inspect", "--board", board, "--scenario", scenario);
	g_assert_cmpint(run.status, ==, 0);
	g_assert_nonnull(strstr(run.out, "P-pCPUs         0-7\n"));
	g_assert_nonnull(strstr(run.out, "E-pCPUs         8-11\n"));
	g_assert_nonnull(strstr(run.out, "memory          32541 MiB\n"));
	g_assert_nonnull(strstr(run.out, "7 VFs 00:02.1..00:02.7, stride 1"));
	g_assert_nonnull(strstr(run.out, "free P-pCPUs    2-7\n"));
	g_assert_nonnull(strstr(run.out, "free E-pCPUs    8-9\n"));
}

static JsonObject *
aa_test_parse_json(const gchar *text, JsonParser *parser)
{
	g_autoptr(GError) error = NULL;
	g_assert_true(json_parser_load_from_data(parser, text, -1, &error));
	g_assert_no_error(error);
	return json_node_get_object(json_parser_get_root(parser));
}

static gchar *
aa_test_json_ids(JsonArray *array)
{
	GString *str = g_string_new(NULL);
	for (guint i = 0; i < json_array_get_length(array); i++)
		g_string_append_printf(str, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
		                       json_array_get_int_element(array, i));
	return g_string_free(str, FALSE);
}

static void
aa_host_inspect_json_func(void)
{
	g_autofree gchar *board = aa_test_acrn_data("adl-asrock", "adl-asrock.xml");
	g_autofree gchar *scenario = aa_test_acrn_data("adl-asrock", "shared.xml");
	g_autoptr(JsonParser) parser = json_parser_new();
	g_auto(AaTestExec) run = {0};
	JsonObject *root, *b, *gpu, *s, *free_obj, *rt;
	JsonArray *vfs, *vms;
	g_autofree gchar *p = NULL;
	g_autofree gchar *e = NULL;
	g_autofree gchar *fp = NULL;
	g_autofree gchar *rt_pcpus = NULL;

	aa_test_run(&run, "inspect", "--board", board, "--scenario", scenario, "--json");
	g_assert_cmpint(run.status, ==, 0);
	root = aa_test_parse_json(run.out, parser);
	g_assert_cmpstr(json_object_get_string_member(root, "format"), ==, "acrn-alloc-inspect");
	b = json_object_get_object_member(root, "board");
	p = aa_test_json_ids(json_object_get_array_member(b, "p_pcpus"));
	e = aa_test_json_ids(json_object_get_array_member(b, "e_pcpus"));
	g_assert_cmpstr(p, ==, "0,1,2,3,4,5,6,7");
	g_assert_cmpstr(e, ==, "8,9,10,11");
	g_assert_cmpint(json_object_get_int_member(b, "memory_mib"), ==, 32541);
	g_assert_true(json_object_get_boolean_member(b, "hybrid"));
	gpu = json_object_get_object_member(b, "gpu");
	g_assert_cmpstr(json_object_get_string_member(gpu, "bdf"), ==, "00:02.0");
	g_assert_cmpint(json_object_get_int_member(gpu, "vf_stride"), ==, 1);
	vfs = json_object_get_array_member(gpu, "vfs");
	g_assert_cmpuint(json_array_get_length(vfs), ==, 7);
	g_assert_cmpstr(json_array_get_string_element(vfs, 0), ==, "00:02.1");
	g_assert_cmpstr(json_array_get_string_element(vfs, 6), ==, "00:02.7");
	g_assert_cmpint(
	    json_object_get_int_member(json_object_get_object_member(b, "rdt"), "clos_max"), ==, 8);
	g_assert_cmpuint(json_array_get_length(json_object_get_array_member(b, "l2_groups")), ==,
	                 9);

	s = json_object_get_object_member(root, "scenario");
	vms = json_object_get_array_member(s, "vms");
	g_assert_cmpuint(json_array_get_length(vms), ==, 4);
	rt = json_array_get_object_element(vms, 2);
	g_assert_cmpstr(json_object_get_string_member(rt, "name"), ==, "POST_RT_VM1");
	rt_pcpus = aa_test_json_ids(json_object_get_array_member(rt, "rt_pcpus"));
	g_assert_cmpstr(rt_pcpus, ==, "10,11");
	g_assert_cmpint(json_object_get_int_member(rt, "memory_mib"), ==, 1024);
	/* mixed content such as <network><virtio_framework>..</virtio_framework>
	 * <interface_name>WaaG</interface_name> is one line, no XML indentation */
	g_assert_null(strstr(run.out, "\\n"));
	g_assert_null(strstr(run.out, "\\t"));
	g_assert_nonnull(strstr(run.out, "\"User space based (VBSU) WaaG\""));
	free_obj = json_object_get_object_member(s, "free");
	fp = aa_test_json_ids(json_object_get_array_member(free_obj, "pcpus"));
	g_assert_cmpstr(fp, ==, "2,3,4,5,6,7,8,9");
	g_assert_cmpint(json_object_get_int_member(free_obj, "memory_mib"), ==, 32541 - 7168);
	/* the PF is passed through whole: no VF is free */
	g_assert_cmpuint(json_array_get_length(json_object_get_array_member(free_obj, "gpu_vfs")),
	                 ==, 0);
}

/* inspect runs on every board and scenario ACRN ships */
static void
aa_host_inspect_all_real_func(void)
{
	g_autoptr(GPtrArray) samples = aa_test_acrn_samples();

	for (guint i = 0; i < samples->len; i++) {
		const gchar *rel = g_ptr_array_index(samples, i);
		g_autofree gchar *board = aa_test_acrn_board_file(rel);
		g_autofree gchar *scenario = aa_test_acrn_data(rel, NULL);
		g_auto(AaTestExec) run = {0};

		aa_test_run(&run, "inspect", "--board", board, "--scenario", scenario, "--json");
		if (run.status != 0)
			g_error("%s: exit %d: %s", scenario, run.status, run.err);
		g_assert_nonnull(strstr(run.out, "\"vms\""));
	}
	g_assert_cmpuint(samples->len, >=, 30);
}

static const gchar *aa_host_bad_fixtures[] = {
    "hostile-xxe-local-file.xml",  "hostile-billion-laughs.xml",      "hostile-dtd-network.xml",
    "invalid-board-truncated.xml", "invalid-board-no-processors.xml",
};

static void
aa_host_bad_board_func(gconstpointer data)
{
	const gchar *fixture = data;
	g_autofree gchar *fn = g_test_build_filename(G_TEST_DIST, "fixtures", fixture, NULL);
	g_auto(AaTestExec) run = {0};

	aa_test_run(&run, "inspect", "--board", fn);
	g_assert_cmpint(run.status, ==, 2);
	g_assert_nonnull(strstr(run.err, fixture));
	g_assert_cmpstr(run.out, ==, "");
}

static void
aa_host_huge_board_func(void)
{
	g_autofree gchar *dir = g_dir_make_tmp("aa-host-XXXXXX", NULL);
	g_autofree gchar *fn = g_build_filename(dir, "huge.xml", NULL);
	g_auto(AaTestExec) run = {0};
	gint fd = g_open(fn, O_CREAT | O_WRONLY | O_TRUNC, 0644);

	g_assert_cmpint(fd, >=, 0);
	g_assert_cmpint(ftruncate(fd, 200 * 1000 * 1000), ==, 0);
	close(fd);
	aa_test_run(&run, "inspect", "--board", fn);
	g_assert_cmpint(run.status, ==, 2);
	g_assert_nonnull(strstr(run.err, "huge.xml"));
	g_assert_nonnull(strstr(run.err, "limit"));
	g_unlink(fn);
	g_rmdir(dir);
}

/* writes a manifest into a temporary directory */
static gchar *
aa_test_write_manifest(const gchar *dir, const gchar *module, const gchar *abi, const gchar *hooks)
{
	g_autofree gchar *fn = g_build_filename(dir, "plugin.manifest", NULL);
	g_autofree gchar *text = g_strdup_printf("[Plugin]\nName=test\nModule=%s\nDataDir=%s\n"
	                                         "AbiVersion=%s\nHooks=%s\n",
	                                         module, g_getenv("G_TEST_SRCDIR"), abi, hooks);
	g_autoptr(GError) error = NULL;
	g_assert_true(g_file_set_contents(fn, text, -1, &error));
	return g_steal_pointer(&fn);
}

static gchar *
aa_test_real_module(void)
{
	g_autoptr(GKeyFile) kf = g_key_file_new();
	g_autoptr(GError) error = NULL;
	g_assert_true(
	    g_key_file_load_from_file(kf, g_getenv("AA_BUILD_MANIFEST"), G_KEY_FILE_NONE, &error));
	return g_key_file_get_string(kf, "Plugin", "Module", &error);
}

typedef struct {
	const gchar *name;
	const gchar *module_env; /* env var naming the module, NULL: the real one */
	const gchar *module;     /* or a literal path */
	const gchar *abi;
	const gchar *hooks;
	const gchar *message;
} AaLoaderCase;

static const AaLoaderCase aa_loader_cases[] = {
    {"missing-module", NULL, "/nonexistent/acrn-alloc-plugin.so", "1", "inspect;",
     "does not exist"},
    {"no-entry-symbol", "AA_BROKEN_NOSYM_MODULE", NULL, "1", "inspect;", "aa_plugin_init"},
    {"module-abi-mismatch", "AA_BROKEN_ABI_MODULE", NULL, "1", "inspect;", "ABI 99"},
    {"manifest-abi-mismatch", NULL, NULL, "2", "inspect;", "AbiVersion=2"},
    {"unknown-hook", NULL, NULL, "1", "inspect;teleport;", "unknown hook 'teleport'"},
};

static void
aa_host_loader_func(gconstpointer data)
{
	const AaLoaderCase *c = data;
	g_autofree gchar *dir = g_dir_make_tmp("aa-loader-XXXXXX", NULL);
	g_autofree gchar *real = aa_test_real_module();
	g_autofree gchar *board = aa_test_acrn_data("adl-asrock", "adl-asrock.xml");
	g_autofree gchar *manifest = NULL;
	const gchar *module = c->module;
	g_auto(AaTestExec) run = {0};

	if (c->module_env != NULL)
		module = g_getenv(c->module_env);
	if (module == NULL)
		module = real;
	manifest = aa_test_write_manifest(dir, module, c->abi, c->hooks);
	aa_test_run(&run, "--plugin-manifest", manifest, "inspect", "--board", board);
	g_assert_cmpint(run.status, ==, 2);
	if (strstr(run.err, c->message) == NULL)
		g_error("%s: '%s' lacks '%s'", c->name, run.err, c->message);
	g_unlink(manifest);
	g_rmdir(dir);
}

static void
aa_host_manifest_lookup_func(void)
{
	g_autofree gchar *board = aa_test_acrn_data("adl-asrock", "adl-asrock.xml");
	g_auto(AaTestExec) missing_arg = {0};
	g_auto(AaTestExec) missing_env = {0};
	g_auto(AaTestExec) good_env = {0};

	/* a manifest that was named but is absent is an error, never replaced */
	aa_test_run(&missing_arg, "inspect", "--board", board, "--plugin-manifest",
	            "/nonexistent/plugin.manifest");
	g_assert_cmpint(missing_arg.status, ==, 2);
	g_assert_nonnull(strstr(missing_arg.err, "--plugin-manifest"));
	aa_test_run_env(&missing_env, "ACRN_ALLOC_PLUGIN_MANIFEST", "/nonexistent/p.manifest",
	                "inspect", "--board", board, NULL);
	g_assert_cmpint(missing_env.status, ==, 2);
	g_assert_nonnull(strstr(missing_env.err, "ACRN_ALLOC_PLUGIN_MANIFEST"));
	aa_test_run_env(&good_env, "ACRN_ALLOC_PLUGIN_MANIFEST", g_getenv("AA_BUILD_MANIFEST"),
	                "inspect", "--board", board, NULL);
	g_assert_cmpint(good_env.status, ==, 0);
}

/* the module exports exactly one symbol (libxmlb's exported-api test) */
static void
aa_host_exported_symbols_func(void)
{
	g_autofree gchar *module = aa_test_real_module();
	g_autofree gchar *out = NULL;
	g_autofree gchar *err = NULL;
	g_autoptr(GError) error = NULL;
	g_auto(GStrv) lines = NULL;
	const gchar *argv[] = {"nm", "-D", "--defined-only", module, NULL};
	gint status = 0;
	guint n_text = 0;

	if (!g_spawn_sync(NULL, (gchar **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
	                  &status, &error)) {
		g_test_skip("nm is not installed");
		return;
	}
	g_assert_cmpint(status, ==, 0);
	lines = g_strsplit(out, "\n", -1);
	for (guint i = 0; lines[i] != NULL; i++) {
		g_auto(GStrv) cols = g_strsplit_set(lines[i], " \t", -1);
		guint n = g_strv_length(cols);
		/* "ADDR T name": only code and data symbols count, not section markers */
		if (n < 3 || strchr("TDBR", cols[1][0]) == NULL)
			continue;
		if (g_str_has_prefix(cols[2], "_") || g_strcmp0(cols[2], "__bss_start") == 0)
			continue;
		g_assert_cmpstr(cols[2], ==, "aa_plugin_init");
		n_text++;
	}
	g_assert_cmpuint(n_text, ==, 1);
}

/* main() names the command once: no "acrn-alloc recommend: recommend: ..." */
static void
aa_host_no_doubled_prefix_func(void)
{
	const gchar *commands[] = {"recommend", "apply", "launch", "validate", "profile-script",
	                           "report",    "plan",  "batch",  NULL};
	for (guint i = 0; commands[i] != NULL; i++) {
		g_auto(AaTestExec) bad_opt = {0};
		g_auto(AaTestExec) extra = {0};
		g_autofree gchar *twice = g_strdup_printf("%s: %s", commands[i], commands[i]);
		g_autofree gchar *once = g_strdup_printf("acrn-alloc %s: ", commands[i]);
		aa_test_run(&bad_opt, commands[i], "--no-such-option");
		g_assert_cmpint(bad_opt.status, ==, 2);
		g_assert_true(g_str_has_prefix(bad_opt.err, once));
		g_assert_null(strstr(bad_opt.err, twice));
		if (g_strcmp0(commands[i], "batch") == 0)
			continue;
		aa_test_run(&extra, commands[i], "stray-argument");
		g_assert_cmpint(extra.status, ==, 2);
		g_assert_true(g_str_has_prefix(extra.err, once));
		g_assert_null(strstr(extra.err, twice));
		g_assert_nonnull(strstr(extra.err, "stray-argument"));
	}
}

/* the module's own messages are not prefixed with the command either */
static void
aa_host_no_doubled_prefix_module_func(void)
{
	g_autofree gchar *intent = aa_test_fixture_path("valid-intent-rt-table4.xml", NULL);
	g_auto(AaTestExec) no_vm = {0};
	g_auto(AaTestExec) bad_vcpus = {0};

	aa_test_run(&no_vm, "rt-analyze", "--intent", intent, "--vm", "NO_SUCH_VM");
	g_assert_cmpint(no_vm.status, ==, 2);
	g_assert_true(g_str_has_prefix(no_vm.err, "acrn-alloc rt-analyze: "));
	g_assert_null(strstr(no_vm.err, "rt-analyze: rt-analyze"));
	g_assert_nonnull(strstr(no_vm.err, "NO_SUCH_VM"));

	aa_test_run(&bad_vcpus, "rt-analyze", "--intent", intent, "--vm", "POST_RT_VM1", "--vcpus",
	            "abc");
	g_assert_cmpint(bad_vcpus.status, ==, 2);
	g_assert_true(g_str_has_prefix(bad_vcpus.err, "acrn-alloc rt-analyze: "));
	g_assert_null(strstr(bad_vcpus.err, "rt-analyze: rt-analyze"));
	g_assert_nonnull(strstr(bad_vcpus.err, "--vcpus 'abc'"));
}

/* @run exited with @status and its standard error says @needle */
static void
aa_host_assert_exit(const AaTestExec *run, gint status, const gchar *needle)
{
	g_assert_cmpint(run->status, ==, status);
	if (strstr(run->err, needle) == NULL)
		g_error("expected '%s' in: %s", needle, run->err);
}

/* every command and every option it takes, as scripts outside the project call
 * them (FORMATS.md "Command line"): each must stay, whatever else is added */
static const struct {
	const gchar *command;
	const gchar *needs;   /* what the command says it needs when given nothing */
	const gchar *options; /* every option, space-separated */
} aa_host_command_options[] = {
    {"inspect", "needs --board", "--board --scenario --json"},
    {"recommend", "needs --board",
     "--board --scenario --intent --output --strategy --model --require-targets --time-limit"},
    {"apply", "needs --board", "--board --scenario --recommendation --output --force"},
    {"launch", "needs --board",
     "--board --scenario --output --recommendation --intent --reserve-spare"},
    {"validate", "needs --board",
     "--board --scenario --intent --recommendation --rules --format --output --export-acrn-checks"},
    {"profile-script", "needs --intent",
     "--intent --service-vm --vcpu-command --vm --gpu-slices --os --output --board --scenario "
     "--interval --duration --qos-command"},
    {"profile-import", "needs --typeperf",
     "--typeperf --vm --output --intent --board --scenario --gpu-slices --memory-mib --qos "
     "--gpu-engine"},
    {"report", "needs --board", "--board --scenario --intent --recommendation --output"},
    {"plan", "needs --board",
     "--board --scenario --intent --output --strategy --time-limit --force --reserve-spare --model "
     "--require-targets"},
    {"io-group", "needs at least one --io-profile P.csv",
     "--io-profile --mode --th-vcpu --th-io --total-cores --margin --confidence --allow-vio "
     "--reward --weight --th-initial --slo-ms --format"},
    {"rt-analyze", "needs --intent",
     "--intent --vm --vcpus --global-period-ms --policy --format --board --scenario"},
    {"batch", "needs at least one PATH", "--board --intent --rules --format --output"},
    {"refine", "needs --board",
     "--board --scenario --intent --trials --output --model --require-targets"},
    {"forecast", "needs --profile", "--profile --horizon-s --eta --format"},
};

/* `CMD --help` lists every option of the command, its usage line and its
 * description, and needs no plugin module */
static void
aa_host_options_help_func(void)
{
	g_auto(AaTestExec) top = {0};

	aa_test_run(&top, "--help");
	g_assert_cmpint(top.status, ==, 0);
	for (guint i = 0; i < G_N_ELEMENTS(aa_host_command_options); i++) {
		const gchar *command = aa_host_command_options[i].command;
		g_autofree gchar *usage =
		    g_strdup_printf("Usage:\n  acrn-alloc %s [OPTION", command);
		g_autofree gchar *listed = g_strdup_printf("\n  %-15s ", command);
		g_auto(AaTestExec) help = {0};
		g_auto(AaTestExec) bare = {0};
		g_auto(GStrv) options = g_strsplit(aa_host_command_options[i].options, " ", -1);

		g_assert_nonnull(strstr(top.out, listed));
		aa_test_run_env(&help, "ACRN_ALLOC_PLUGIN_MANIFEST", "/nonexistent/plugin.manifest",
		                command, "--help", NULL);
		g_assert_cmpint(help.status, ==, 0);
		g_assert_nonnull(strstr(help.out, usage));
		for (guint j = 0; options[j] != NULL; j++) {
			const gchar *option = options[j];
			g_autofree gchar *with_value = g_strdup_printf("%s=", option);
			g_autofree gchar *alone = g_strdup_printf("%s  ", option);
			/* listed under "Application Options", with its value if it takes one */
			if (strstr(help.out, with_value) == NULL && strstr(help.out, alone) == NULL)
				g_error("'acrn-alloc %s --help' does not list %s:\n%s", command,
				        option, help.out);
		}
		/* the description paragraph follows the usage line */
		g_assert_nonnull(strstr(help.out, "\n\n"));
		if (i > 0)
			continue;
		aa_test_run(&bare, command, "-h");
		g_assert_cmpint(bare.status, ==, 0);
		g_assert_cmpstr(bare.out, ==, help.out);
	}
}

/* an unknown option, long or short, is bad usage (exit 2) that names the option
 * and where the command's options are listed */
static void
aa_host_options_unknown_func(void)
{
	for (guint i = 0; i < G_N_ELEMENTS(aa_host_command_options); i++) {
		const gchar *command = aa_host_command_options[i].command;
		g_autofree gchar *prefix = g_strdup_printf("acrn-alloc %s: ", command);
		g_autofree gchar *see = g_strdup_printf("see 'acrn-alloc %s --help'", command);
		g_auto(AaTestExec) long_opt = {0};
		g_auto(AaTestExec) short_opt = {0};

		aa_test_run(&long_opt, command, "--frobnicate", "x");
		aa_host_assert_exit(&long_opt, 2, "Unknown option --frobnicate");
		g_assert_true(g_str_has_prefix(long_opt.err, prefix));
		g_assert_nonnull(strstr(long_opt.err, see));
		g_assert_cmpstr(long_opt.out, ==, "");
		/* short options go through the same table: two commands are enough */
		if (g_strcmp0(command, "inspect") != 0 && g_strcmp0(command, "batch") != 0)
			continue;
		aa_test_run(&short_opt, command, "-Z");
		aa_host_assert_exit(&short_opt, 2, "Unknown option -Z");
	}
}

/* a required option missing: exit 2, named, nothing printed on stdout; an
 * option whose value is missing likewise */
static void
aa_host_options_required_func(void)
{
	g_autofree gchar *board = aa_test_acrn_data("adl-asrock", "adl-asrock.xml");
	g_autofree gchar *scenario = aa_test_acrn_data("adl-asrock", "shared.xml");
	g_auto(AaTestExec) no_output = {0};
	g_auto(AaTestExec) no_trials = {0};
	g_auto(AaTestExec) no_value = {0};
	g_auto(AaTestExec) no_board = {0};
	g_auto(AaTestExec) rt_no_board = {0};

	for (guint i = 0; i < G_N_ELEMENTS(aa_host_command_options); i++) {
		const gchar *command = aa_host_command_options[i].command;
		g_autofree gchar *twice = g_strdup_printf("%s: %s", command, command);
		g_auto(AaTestExec) run = {0};

		aa_test_run_env(&run, NULL, NULL, command, NULL);
		aa_host_assert_exit(&run, 2, aa_host_command_options[i].needs);
		g_assert_null(strstr(run.err, twice));
		g_assert_cmpstr(run.out, ==, "");
	}
	/* in the order the usage line gives them; the output by its short name */
	aa_test_run(&no_output, "recommend", "--board", board, "--scenario", scenario, "--intent",
	            "I.xml");
	aa_host_assert_exit(&no_output, 2, "needs -o; see 'acrn-alloc recommend --help'");
	aa_test_run(&no_trials, "refine", "-b", board, "-s", scenario, "-i", "I.xml", "-o",
	            "R.xml");
	aa_host_assert_exit(&no_trials, 2, "needs --trials");
	aa_test_run(&no_value, "inspect", "--board");
	aa_host_assert_exit(&no_value, 2, "Missing argument for --board");
	/* --scenario of the commands where it is optional needs --board */
	aa_test_run(&no_board, "profile-import", "--typeperf", "F.csv", "--vm", "VM1", "-o",
	            "P.csv", "--scenario", scenario);
	aa_host_assert_exit(&no_board, 2, "--scenario needs --board too");
	aa_test_run(&rt_no_board, "rt-analyze", "--intent", "I.xml", "--vm", "VM1", "-s", scenario);
	g_assert_cmpint(rt_no_board.status, ==, 2);
	g_assert_cmpstr(rt_no_board.err, ==,
	                "acrn-alloc rt-analyze: --scenario needs --board too\n");
}

/* numbers stay strings in the table; the module checks them: exit 2, the option
 * and the value named */
static void
aa_host_options_bad_number_func(void)
{
	g_autofree gchar *board = aa_test_acrn_data("adl-asrock", "adl-asrock.xml");
	g_autofree gchar *scenario = aa_test_acrn_data("adl-asrock", "shared.xml");
	g_autofree gchar *intent =
	    g_test_build_filename(G_TEST_DIST, "fixtures", "valid-intent-rt-table4.xml", NULL);
	g_autofree gchar *profile =
	    g_test_build_filename(G_TEST_DIST, "fixtures", "forecast", "profiles", "ivi.csv", NULL);
	g_autofree gchar *io =
	    g_test_build_filename(G_TEST_DIST, "fixtures", "io", "vm1-heavy.csv", NULL);
	g_autofree gchar *dir = g_dir_make_tmp("aa-host-options-XXXXXX", NULL);
	g_autofree gchar *rec = g_build_filename(dir, "r.xml", NULL);
	g_auto(AaTestExec) time_limit = {0};
	g_auto(AaTestExec) vcpus = {0};
	g_auto(AaTestExec) horizon = {0};
	g_auto(AaTestExec) cores = {0};

	aa_test_run(&time_limit, "recommend", "-b", board, "-s", scenario, "-i", intent, "-o", rec,
	            "--time-limit", "abc");
	aa_host_assert_exit(&time_limit, 2, "--time-limit 'abc'");
	g_assert_false(g_file_test(rec, G_FILE_TEST_EXISTS));
	aa_test_run(&vcpus, "rt-analyze", "-i", intent, "--vm", "POST_RT_VM1", "--vcpus", "abc");
	aa_host_assert_exit(&vcpus, 2, "--vcpus 'abc'");
	aa_test_run(&horizon, "forecast", "-p", profile, "--horizon-s", "-5");
	aa_host_assert_exit(&horizon, 2, "--horizon-s '-5'");
	aa_test_run(&cores, "io-group", "-p", io, "--total-cores", "1e9");
	aa_host_assert_exit(&cores, 2, "--total-cores '1e9'");
	aa_test_rm_rf(dir);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/aa/host/usage", aa_host_usage_func);
	g_test_add_func("/aa/host/inspect-usage", aa_host_inspect_usage_func);
	g_test_add_func("/aa/host/no-doubled-prefix", aa_host_no_doubled_prefix_func);
	g_test_add_func("/aa/host/no-doubled-prefix-module", aa_host_no_doubled_prefix_module_func);
	g_test_add_func("/aa/host/inspect-text", aa_host_inspect_text_func);
	g_test_add_func("/aa/host/inspect-json", aa_host_inspect_json_func);
	g_test_add_func("/aa/host/inspect-all-real", aa_host_inspect_all_real_func);
	g_test_add_func("/aa/host/huge-board", aa_host_huge_board_func);
	g_test_add_func("/aa/host/manifest-lookup", aa_host_manifest_lookup_func);
	g_test_add_func("/aa/host/exported-symbols", aa_host_exported_symbols_func);
	g_test_add_func("/aa/host/options/help", aa_host_options_help_func);
	g_test_add_func("/aa/host/options/unknown", aa_host_options_unknown_func);
	g_test_add_func("/aa/host/options/required", aa_host_options_required_func);
	g_test_add_func("/aa/host/options/bad-number", aa_host_options_bad_number_func);
	for (guint i = 0; i < G_N_ELEMENTS(aa_host_bad_fixtures); i++) {
		g_autofree gchar *path =
		    g_strdup_printf("/aa/host/bad-board/%s", aa_host_bad_fixtures[i]);
		g_test_add_data_func(path, aa_host_bad_fixtures[i], aa_host_bad_board_func);
	}
	for (guint i = 0; i < G_N_ELEMENTS(aa_loader_cases); i++) {
		g_autofree gchar *path =
		    g_strdup_printf("/aa/host/loader/%s", aa_loader_cases[i].name);
		g_test_add_data_func(path, &aa_loader_cases[i], aa_host_loader_func);
	}
	return g_test_run();
}
