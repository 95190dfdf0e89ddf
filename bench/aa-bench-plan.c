/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * aa-bench-plan [--host H] [--manifest M] [--runs N] [--board B --scenario S]:
 * `acrn-alloc plan` end to end, as a user runs it, on adl-asrock/shared.xml
 * by default: the host process N times (default 15) into a fresh output
 * directory each, with an intent that names every post-launched VM (at most
 * four) as a general VM with the synthetic trace fixtures/profiles/vm2-general.csv,
 * as /work/notes/plan-compare.sh builds it.  Prints the median wall time and
 * the median CPU time (user + system of the host process).  Give another
 * build's --host and --manifest to compare two versions with the same bench.
 * With --instructions it also runs the host once under valgrind's callgrind
 * and prints the instructions it executed: a figure that, unlike the times,
 * does not depend on what else the machine is doing.
 */

#include "config.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "aa-util.h"
#include "aa-xml.h"

#ifndef AA_BENCH_SRCDIR
#define AA_BENCH_SRCDIR "."
#endif

extern char **environ;

static gint
aa_bench_cmp(gconstpointer a, gconstpointer b)
{
	gdouble x = *(const gdouble *)a;
	gdouble y = *(const gdouble *)b;
	return x < y ? -1 : x > y ? 1 : 0;
}

static gdouble
aa_bench_median(GArray *values)
{
	g_array_sort(values, aa_bench_cmp);
	return g_array_index(values, gdouble, values->len / 2);
}

/* the intent and its profiles in @dir; FALSE with a message on stderr */
static gboolean
aa_bench_write_intent(const gchar *scenario, const gchar *dir, gchar **intent_fn)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(xmlDoc) sc = aa_xml_load_file(scenario, &error);
	g_autoptr(GPtrArray) vms = NULL;
	g_autoptr(xmlDoc) intent = xmlNewDoc((const xmlChar *)"1.0");
	g_autofree gchar *profile_dir = g_build_filename(dir, "profiles", NULL);
	g_autofree gchar *trace_fn =
	    g_build_filename(AA_BENCH_SRCDIR, "fixtures", "profiles", "vm2-general.csv", NULL);
	g_autofree gchar *trace = NULL;
	xmlNode *root = xmlNewNode(NULL, (const xmlChar *)"alloc-intent");

	xmlDocSetRootElement(intent, root);
	xmlSetProp(root, (const xmlChar *)"version", (const xmlChar *)"1");
	if (sc == NULL || !g_file_get_contents(trace_fn, &trace, NULL, &error)) {
		g_printerr("%s\n", error->message);
		return FALSE;
	}
	vms =
	    aa_xml_xpath(sc, NULL, "/acrn-config/vm[load_order = 'POST_LAUNCHED_VM']/name", &error);
	if (vms == NULL || vms->len == 0) {
		g_printerr("%s: no post-launched VM to plan\n", scenario);
		return FALSE;
	}
	g_mkdir_with_parents(profile_dir, 0755);
	for (guint i = 0; i < vms->len && i < 4; i++) {
		g_autofree gchar *name = aa_xml_text(g_ptr_array_index(vms, i));
		g_autofree gchar *href = g_strdup_printf("profiles/%s.csv", name);
		g_autofree gchar *csv_fn = g_build_filename(dir, href, NULL);
		g_autoptr(GString) csv = g_string_new(trace);
		xmlNode *vm = xmlNewChild(root, NULL, (const xmlChar *)"vm", NULL);
		xmlNode *qos = xmlNewChild(vm, NULL, (const xmlChar *)"qos", NULL);
		xmlNode *profile = xmlNewChild(vm, NULL, (const xmlChar *)"profile", NULL);

		xmlSetProp(vm, (const xmlChar *)"name", (const xmlChar *)name);
		xmlSetProp(vm, (const xmlChar *)"class", (const xmlChar *)"general");
		xmlSetProp(qos, (const xmlChar *)"metric", (const xmlChar *)"ops");
		xmlSetProp(qos, (const xmlChar *)"direction", (const xmlChar *)"higher");
		xmlSetProp(qos, (const xmlChar *)"target", (const xmlChar *)"900");
		xmlSetProp(profile, (const xmlChar *)"href", (const xmlChar *)href);
		g_string_replace(csv, "POST_STD_VM2", name, 0);
		if (!aa_file_write_atomic(csv_fn, csv->str, -1, 0644, &error)) {
			g_printerr("%s\n", error->message);
			return FALSE;
		}
	}
	*intent_fn = g_build_filename(dir, "intent.xml", NULL);
	if (xmlSaveFormatFileEnc(*intent_fn, intent, "UTF-8", 1) < 0) {
		g_printerr("%s: cannot write\n", *intent_fn);
		return FALSE;
	}
	return TRUE;
}

/* one run of the host; its wall and CPU seconds */
static gboolean
aa_bench_run_once(const gchar *const *argv, gdouble *wall, gdouble *cpu)
{
	struct rusage usage;
	gint64 start = g_get_monotonic_time();
	pid_t pid;
	gint status = 0;
	posix_spawn_file_actions_t actions;

	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
	if (posix_spawn(&pid, argv[0], &actions, NULL, (char *const *)argv, environ) != 0) {
		posix_spawn_file_actions_destroy(&actions);
		g_printerr("cannot run %s\n", argv[0]);
		return FALSE;
	}
	posix_spawn_file_actions_destroy(&actions);
	if (wait4(pid, &status, 0, &usage) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0) {
		g_printerr("%s plan failed (status %d)\n", argv[0], status);
		return FALSE;
	}
	*wall = (gdouble)(g_get_monotonic_time() - start) / G_USEC_PER_SEC;
	*cpu = (gdouble)(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
	       (gdouble)(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / G_USEC_PER_SEC;
	return TRUE;
}

/* the instructions one run of @argv executes, from callgrind; 0 when unknown */
static guint64
aa_bench_instructions(const gchar *const *argv)
{
	g_autoptr(GPtrArray) args = g_ptr_array_new();
	g_autoptr(GRegex) regex = g_regex_new("Collected : ([0-9]+)", 0, 0, NULL);
	g_autoptr(GMatchInfo) match = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *err = NULL;
	g_autofree gchar *count = NULL;
	gint status = 0;

	g_ptr_array_add(args, (gpointer) "valgrind");
	g_ptr_array_add(args, (gpointer) "--tool=callgrind");
	g_ptr_array_add(args, (gpointer) "--callgrind-out-file=/dev/null");
	for (guint i = 0; argv[i] != NULL; i++)
		g_ptr_array_add(args, (gpointer)argv[i]);
	g_ptr_array_add(args, NULL);
	if (!g_spawn_sync(NULL, (gchar **)args->pdata, NULL,
	                  G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
	                  &status, &error) ||
	    !g_spawn_check_wait_status(status, &error)) {
		g_printerr("valgrind: %s\n", error->message);
		return 0;
	}
	if (!g_regex_match(regex, err, 0, &match))
		return 0;
	count = g_match_info_fetch(match, 1);
	return g_ascii_strtoull(count, NULL, 10);
}

int
main(int argc, char **argv)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *host = g_build_filename(AA_BENCH_BUILDDIR, "plugin", "acrn-alloc", NULL);
	g_autofree gchar *manifest = g_build_filename(AA_BENCH_BUILDDIR, "plugin.manifest", NULL);
	g_autofree gchar *data =
	    g_build_filename(AA_BENCH_SRCDIR, "..", "shared", "acrn-data", NULL);
	g_autofree gchar *board = g_build_filename(data, "adl-asrock", "adl-asrock.xml", NULL);
	g_autofree gchar *scenario = g_build_filename(data, "adl-asrock", "shared.xml", NULL);
	g_autofree gchar *tmp = g_dir_make_tmp("aa-bench-plan-XXXXXX", &error);
	g_autofree gchar *intent = NULL;
	g_autoptr(GArray) walls = g_array_new(FALSE, FALSE, sizeof(gdouble));
	g_autoptr(GArray) cpus = g_array_new(FALSE, FALSE, sizeof(gdouble));
	gint runs = 15;
	gboolean instructions = FALSE;
	const GOptionEntry entries[] = {
	    {"host", 0, 0, G_OPTION_ARG_FILENAME, &host, "the acrn-alloc host to run", "H"},
	    {"manifest", 0, 0, G_OPTION_ARG_FILENAME, &manifest, "its plugin.manifest", "M"},
	    {"runs", 'n', 0, G_OPTION_ARG_INT, &runs, "runs (default 15)", "N"},
	    {"instructions", 0, 0, G_OPTION_ARG_NONE, &instructions,
	     "also count the instructions of one run (valgrind)", NULL},
	    {"board", 0, 0, G_OPTION_ARG_FILENAME, &board, "board XML", "B"},
	    {"scenario", 0, 0, G_OPTION_ARG_FILENAME, &scenario, "scenario XML", "S"},
	    {NULL}};
	g_autoptr(GOptionContext) octx = g_option_context_new("- time acrn-alloc plan");

	g_option_context_add_main_entries(octx, entries, NULL);
	if (!g_option_context_parse(octx, &argc, &argv, &error) || tmp == NULL) {
		g_printerr("%s\n", error->message);
		return 2;
	}
	if (runs < 1 || !aa_bench_write_intent(scenario, tmp, &intent))
		return 2;
	for (gint i = 0; i < runs; i++) {
		g_autofree gchar *out = g_strdup_printf("%s/out-%d", tmp, i);
		const gchar *args[] = {
		    host,     "--plugin-manifest", manifest, "plan", "--board", board, "--scenario",
		    scenario, "--intent",          intent,   "-o",   out,       NULL};
		gdouble wall = 0, cpu = 0;
		if (!aa_bench_run_once(args, &wall, &cpu))
			return 1;
		g_array_append_val(walls, wall);
		g_array_append_val(cpus, cpu);
	}
	g_print("plan %s + %s, %d runs of %s\n", board, scenario, runs, host);
	g_print("median wall %.1f ms, median CPU (user + system) %.1f ms\n",
	        aa_bench_median(walls) * 1000, aa_bench_median(cpus) * 1000);
	if (instructions) {
		g_autofree gchar *out = g_strdup_printf("%s/out-valgrind", tmp);
		const gchar *args[] = {
		    host,     "--plugin-manifest", manifest, "plan", "--board", board, "--scenario",
		    scenario, "--intent",          intent,   "-o",   out,       NULL};
		guint64 n = aa_bench_instructions(args);
		if (n == 0)
			return 1;
		g_print("instructions of one run (callgrind): %" G_GUINT64_FORMAT "\n", n);
	}
	{
		const gchar *rm[] = {"rm", "-rf", tmp, NULL};
		if (!g_spawn_sync(NULL, (gchar **)rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
		                  NULL, NULL, NULL))
			g_printerr("could not remove %s\n", tmp);
	}
	return 0;
}
