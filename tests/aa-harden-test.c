/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The reproducers of issue #8, run through the host program: absurd and
 * hostile sizes, blocking files, pathological rule packs, plan's atomicity
 * (publish failure, inputs in DIR, concurrent runs, kills at every step),
 * hostile text from every input in the launch scripts, empty memory sizes
 * and boards with an empty SR-IOV capability.  Each ends with a clear exit
 * code within seconds and leaves the user's files as they were.
 */

#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "aa-test-util.h"

/* @text with the one occurrence of @from replaced by @to */
static gchar *
aa_h_replace(const gchar *text, const gchar *from, const gchar *to)
{
	g_autoptr(GString) str = g_string_new(text);
	g_assert_nonnull(strstr(text, from));
	g_string_replace(str, from, to, 1);
	return g_string_free(g_steal_pointer(&str), FALSE);
}

static void
aa_h_copy(const gchar *from, const gchar *dir, const gchar *name)
{
	g_autofree gchar *text = aa_test_read_text(NULL, from);
	aa_test_write_file(dir, name, text, -1);
}

/* a fresh directory with the demo: board.xml, scenario.xml, intent.xml,
 * profiles/ and calib/ */
static gchar *
aa_h_demo(void)
{
	gchar *dir = aa_test_tmpdir("aa-harden-XXXXXX");
	const gchar *profiles[] = {"ai-assist.csv", "ivi.csv", "rt-cluster.csv"};
	g_autofree gchar *board = aa_test_fixture_path("valid-board-tiny-hybrid.xml", NULL);
	g_autofree gchar *scenario = aa_test_fixture_path("demo", "cockpit-scenario.xml", NULL);
	g_autofree gchar *intent = aa_test_fixture_path("demo", "cockpit-intent.xml", NULL);
	g_autofree gchar *calib = aa_test_fixture_path("demo", "calib", "ivi.csv", NULL);

	g_assert_nonnull(dir);
	aa_h_copy(board, dir, "board.xml");
	aa_h_copy(scenario, dir, "scenario.xml");
	aa_h_copy(intent, dir, "intent.xml");
	aa_h_copy(calib, dir, "calib/ivi.csv");
	for (guint i = 0; i < G_N_ELEMENTS(profiles); i++) {
		g_autofree gchar *fn = aa_test_fixture_path("demo", "profiles", profiles[i], NULL);
		g_autofree gchar *to = g_build_filename("profiles", profiles[i], NULL);
		aa_h_copy(fn, dir, to);
	}
	return dir;
}

/* edits @name in @dir: the one @from becomes @to */
static void
aa_h_edit(const gchar *dir, const gchar *name, const gchar *from, const gchar *to)
{
	g_autofree gchar *text = aa_test_read_text(dir, name);
	g_autofree gchar *edited = NULL;
	g_assert_nonnull(text);
	edited = aa_h_replace(text, from, to);
	aa_test_write_file(dir, name, edited, -1);
}

static void
aa_h_recommend_refused(const gchar *dir, const gchar *where, const gchar *what)
{
	g_auto(AaTestExec) run = {0};
	const gchar *args[] = {"recommend", "--board",    "board.xml", "--scenario", "scenario.xml",
	                       "--intent",  "intent.xml", "-o",        "rec.xml",    NULL};
	g_autofree gchar *rec_file = g_build_filename(dir, "rec.xml", NULL);
	aa_test_exec_argv(&run, dir, args);
	aa_test_assert_exit(&run, 2);
	aa_test_assert_contains(run.err, where, what, NULL);
	g_assert_cmpfloat(run.seconds, <, 30.0);
	g_assert_false(g_file_test(rec_file, G_FILE_TEST_EXISTS));
}

/* ===== bounds ===== */

/* a value out of bounds in one input of the demo: refused with its place */
typedef struct {
	const gchar *name;
	const gchar *file;
	const gchar *from;
	const gchar *to[2]; /* the edited text: the value between these */
	const gchar *values[2];
	const gchar *where;
	const gchar *what;
} AaHardenBound;

static const AaHardenBound aa_harden_bounds[] = {
    {"profile-huge",
     "profiles/ivi.csv",
     "0.0,2.10,0.00,3900,3410,",
     {"0.0,2.10,0.00,3900,", ","},
     {"1e14", "1e300"},
     "ivi.csv:6:",
     "above the maximum"},
    {"intent-gpu-slices",
     "intent.xml",
     "<gpu-slices>10</gpu-slices>",
     {"<gpu-slices>", "</gpu-slices>"},
     {"4294967295", "100000"},
     "intent.xml:",
     "from 0 to 1000"},
};

static void
aa_harden_bound_func(gconstpointer data)
{
	const AaHardenBound *bound = data;
	for (guint i = 0; i < G_N_ELEMENTS(bound->values); i++) {
		g_autofree gchar *dir = aa_h_demo();
		g_autofree gchar *to =
		    g_strconcat(bound->to[0], bound->values[i], bound->to[1], NULL);
		aa_h_edit(dir, bound->file, bound->from, to);
		aa_h_recommend_refused(dir, bound->where, bound->what);
		aa_test_rm_rf(dir);
	}
}

static void
aa_harden_quantum_func(void)
{
	g_autoptr(AaTestDir) dir = aa_h_demo();
	g_autofree gchar *intent = aa_test_read_text(dir, "intent.xml");
	g_autoptr(GRegex) limits = g_regex_new("<limits>.*?</limits>", G_REGEX_DOTALL, 0, NULL);
	g_autofree gchar *free_intent = g_regex_replace_literal(limits, intent, -1, 0, "", 0, NULL);

	/* no limits and 12032 quanta of 1 MiB: 5.2 million candidates; the
	 * search's work is refused up front */
	aa_test_write_file(dir, "intent.xml", free_intent, -1);
	aa_h_edit(dir, "intent.xml", "<memory-quantum-mib>256</memory-quantum-mib>",
	          "<memory-quantum-mib>1</memory-quantum-mib>");
	aa_h_recommend_refused(dir, "intent.xml", "raise <memory-quantum-mib>");
}

static void
aa_harden_board_pib_func(void)
{
	g_autoptr(AaTestDir) dir = aa_h_demo();
	g_auto(AaTestExec) run = {0};
	const gchar *args[] = {"inspect", "--board", "board.xml", NULL};
	/* 1 PiB of RAM */
	aa_h_edit(dir, "board.xml", "size=\"2147483648\"", "size=\"1125899906842624\"");
	aa_test_exec_argv(&run, dir, args);
	aa_test_assert_exit(&run, 2);
	aa_test_assert_contains(run.err, "board.xml:72:", "16 TiB", NULL);
	aa_h_recommend_refused(dir, "board.xml:72:", "16 TiB");
}

static void
aa_harden_calibration_func(void)
{
	g_autoptr(AaTestDir) dir = aa_h_demo();
	g_autoptr(GString) rows =
	    g_string_new("p_cores,e_cores,memory_mib,gpu_slices,metric,value\n");

	aa_h_edit(dir, "calib/ivi.csv", "6,0,8192,6,fps,58", "6,0,8192,6,fps,1e300");
	aa_h_recommend_refused(dir, "ivi.csv:2:", "above the maximum");

	/* one row over the limit of 10,000 runs */
	for (guint i = 0; i < 10001; i++)
		g_string_append_printf(rows, "%u,0,8192,6,fps,%u\n", 1 + i % 6, 30 + i % 20);
	aa_test_write_file(dir, "calib/ivi.csv", rows->str, -1);
	aa_h_recommend_refused(dir, "ivi.csv:10002:", "more than 10000 calibration runs");
}

/* ===== inputs that are not regular files ===== */

static void
aa_harden_fifo_func(void)
{
	g_autoptr(AaTestDir) dir = aa_h_demo();
	g_autofree gchar *fifo = g_build_filename(dir, "profiles", "ivi.csv", NULL);
	g_autofree gchar *board_fifo = g_build_filename(dir, "fifo-board.xml", NULL);
	g_auto(AaTestExec) run = {0};
	const gchar *args[] = {"inspect", "--board", "fifo-board.xml", NULL};

	g_assert_cmpint(g_unlink(fifo), ==, 0);
	g_assert_cmpint(mkfifo(fifo, 0644), ==, 0);
	aa_h_recommend_refused(dir, "ivi.csv", "not a regular file");

	g_assert_cmpint(mkfifo(board_fifo, 0644), ==, 0);
	aa_test_exec_argv(&run, dir, args);
	aa_test_assert_exit(&run, 2);
	aa_test_assert_contains(run.err, "fifo-board.xml", "not a regular file", NULL);
	g_assert_cmpfloat(run.seconds, <, 30.0);
}

static void
aa_harden_proc_func(void)
{
	g_autoptr(AaTestDir) dir = aa_h_demo();
	/* /proc/kmsg blocks (and consumes the kernel log); any /proc file is refused
	 * before it is read, /proc/self/status too, which anyone can open */
	const gchar *paths[] = {"/proc/kmsg", "/proc/self/status"};
	for (guint i = 0; i < G_N_ELEMENTS(paths); i++) {
		g_auto(AaTestExec) run = {0};
		const gchar *args[] = {"inspect", "--board", paths[i], NULL};
		g_autofree gchar *href = g_strdup_printf("<profile href=\"%s\"/>", paths[i]);
		aa_test_exec_argv(&run, dir, args);
		aa_test_assert_exit(&run, 2);
		g_assert_cmpfloat(run.seconds, <, 30.0);
		if (g_file_test(paths[i], G_FILE_TEST_EXISTS))
			g_assert_nonnull(strstr(run.err, "pseudo-file"));
		if (i == 0)
			aa_h_edit(dir, "intent.xml", "<profile href=\"profiles/ivi.csv\"/>", href);
		else
			aa_h_edit(dir, "intent.xml", "<profile href=\"/proc/kmsg\"/>", href);
		aa_h_recommend_refused(dir, paths[i], "");
	}
}

/* ===== rule packs ===== */

static void
aa_harden_rules_func(void)
{
	g_autoptr(AaTestDir) dir = aa_test_tmpdir("aa-harden-XXXXXX");
	g_autofree gchar *board = aa_test_acrn_data("adl-asrock", "adl-asrock.xml");
	g_autofree gchar *scenario = aa_test_acrn_data("adl-asrock", "shared.xml");
	const gchar *cube =
	    "<acrn-alloc-rules version=\"1\" name=\"cube\">\n"
	    "  <rule id=\"cube\" severity=\"warning\" for-each=\"/acrn-config\">\n"
	    "    <title>cubic XPath</title>\n"
	    "    <assert test=\"count(//*[count(//*[count(//*)&gt;0])&gt;0]) &lt; 0\"/>\n"
	    "    <message>never</message>\n"
	    "  </rule>\n"
	    "</acrn-alloc-rules>\n";
	g_autofree gchar *cheap =
	    aa_h_replace(cube, "count(//*[count(//*[count(//*)&gt;0])&gt;0]) &lt; 0", "false()");
	g_autofree gchar *bad_message =
	    aa_h_replace(cheap, "<message>never</message>", "<message>VM {count(name}</message>");
	g_autofree gchar *bad_fix = aa_h_replace(cheap, "<message>never</message>",
	                                         "<message>ok</message><fix>{name</fix>");

	aa_test_write_file(dir, "cube.rules.xml", cube, -1);
	aa_test_write_file(dir, "message.rules.xml", bad_message, -1);
	aa_test_write_file(dir, "fix.rules.xml", bad_fix, -1);
	{
		g_auto(AaTestExec) run = {0};
		const gchar *args[] = {"validate", "--board",        board, "--scenario", scenario,
		                       "--rules",  "cube.rules.xml", NULL};
		aa_test_exec_argv(&run, dir, args);
		aa_test_assert_exit(&run, 2);
		aa_test_assert_contains(run.err, "cube.rules.xml:2:", "XPath work limit", NULL);
		g_assert_cmpfloat(run.seconds, <, 60.0);
	}
	{
		/* found by aa-fuzz-rules-xpath: few steps, each building node sets of
		 * the whole document (fixtures/fuzz/rules-xpath-nodeset-cost.txt) */
		g_autofree gchar *fn =
		    aa_test_fixture_path("fuzz", "rules-xpath-nodeset-cost.txt", NULL);
		g_autofree gchar *expr = NULL;
		g_autofree gchar *escaped = NULL;
		g_autofree gchar *pack = NULL;
		g_auto(AaTestExec) run = {0};
		const gchar *args[] = {"validate",          "--board", board,
		                       "--scenario",        scenario,  "--rules",
		                       "nodeset.rules.xml", NULL};
		g_assert_true(g_file_get_contents(fn, &expr, NULL, NULL));
		escaped = g_markup_escape_text(expr, -1);
		pack = aa_h_replace(cube, "count(//*[count(//*[count(//*)&gt;0])&gt;0]) &lt; 0",
		                    escaped);
		aa_test_write_file(dir, "nodeset.rules.xml", pack, -1);
		aa_test_exec_argv(&run, dir, args);
		aa_test_assert_exit(&run, 2);
		aa_test_assert_contains(run.err, "nodeset.rules.xml:2:", "XPath work limit", NULL);
		g_assert_cmpfloat(run.seconds, <, 60.0);
	}
	{
		g_auto(AaTestExec) run = {0};
		const gchar *args[] = {"validate",          "--board", board,
		                       "--scenario",        scenario,  "--rules",
		                       "message.rules.xml", NULL};
		aa_test_exec_argv(&run, dir, args);
		aa_test_assert_exit(&run, 2);
		aa_test_assert_contains(run.err, "message.rules.xml:5:", "count(name", NULL);
	}
	{
		g_auto(AaTestExec) run = {0};
		const gchar *args[] = {"validate", "--board", board,           "--scenario",
		                       scenario,   "--rules", "fix.rules.xml", NULL};
		aa_test_exec_argv(&run, dir, args);
		aa_test_assert_exit(&run, 2);
		aa_test_assert_contains(run.err, "fix.rules.xml:5:", "without '}'", NULL);
	}
}

/* ===== plan: atomic, exclusive, never over an input ===== */

static void
aa_h_assert_no_stage(const gchar *parent)
{
	g_autoptr(GDir) dir = g_dir_open(parent, 0, NULL);
	const gchar *name;
	while ((name = g_dir_read_name(dir)) != NULL) {
		aa_test_assert_lacks(name, ".partial-", ".old-", NULL);
	}
}

static void
aa_harden_plan_publish_failure_func(void)
{
	g_autoptr(AaTestDir) dir = aa_h_demo();
	g_autofree gchar *before = NULL;
	g_autofree gchar *after = NULL;
	g_auto(AaTestExec) run = {0};
	const gchar *args[] = {"plan",     "--board",    "board.xml", "--scenario", "scenario.xml",
	                       "--intent", "intent.xml", "-o",        "pf",         NULL};

	/* report.html is a directory with a file in it: the last step fails */
	aa_test_write_file(dir, "pf/report.html/k", "x\n", -1);
	aa_test_write_file(dir, "pf/scenario.xml", "OLD\n", -1);
	{
		g_autofree gchar *pf = g_build_filename(dir, "pf", NULL);
		before = aa_test_tree_snapshot(pf);
		aa_test_exec_argv(&run, dir, args);
		aa_test_assert_exit(&run, 2);
		g_assert_nonnull(strstr(run.err, "nothing in pf was changed"));
		after = aa_test_tree_snapshot(pf);
		g_assert_cmpstr(before, ==, after);
	}
	aa_h_assert_no_stage(dir);
}

static void
aa_harden_plan_inputs_func(void)
{
	g_autoptr(AaTestDir) dir = aa_h_demo();
	g_autofree gchar *scenario = aa_test_read_text(dir, "scenario.xml");
	g_autofree gchar *out_dir = g_build_filename(dir, "out", NULL);

	/* the input scenario is DIR/scenario.xml: refused, unless --force */
	aa_test_write_file(dir, "out/scenario.xml", scenario, -1);
	{
		g_auto(AaTestExec) run = {0};
		g_autofree gchar *kept = NULL;
		g_autofree gchar *rec = g_build_filename(out_dir, "recommendation.xml", NULL);
		const gchar *args[] = {
		    "plan",     "--board",    "board.xml", "--scenario", "out/scenario.xml",
		    "--intent", "intent.xml", "-o",        "out",        NULL};
		aa_test_exec_argv(&run, dir, args);
		aa_test_assert_exit(&run, 2);
		g_assert_nonnull(strstr(run.err, "the output is the input"));
		kept = aa_test_read_text(out_dir, "scenario.xml");
		g_assert_cmpstr(kept, ==, scenario);
		g_assert_false(g_file_test(rec, G_FILE_TEST_EXISTS));
	}
	{
		g_auto(AaTestExec) run = {0};
		g_autofree gchar *replaced = NULL;
		const gchar *args[] = {
		    "plan",     "--board",    "board.xml", "--scenario", "out/scenario.xml",
		    "--intent", "intent.xml", "-o",        "out",        "--force",
		    NULL};
		aa_test_exec_argv(&run, dir, args);
		aa_test_assert_exit(&run, 0);
		replaced = aa_test_read_text(out_dir, "scenario.xml");
		g_assert_cmpstr(replaced, !=, scenario);
	}

	/* every command with -o refuses to write over one of its inputs */
	{
		/* one command line a row; no argument holds a space */
		const gchar *commands[] = {
		    "recommend --board board.xml --scenario scenario.xml --intent intent.xml "
		    "-o intent.xml",
		    "report --board board.xml --scenario scenario.xml "
		    "--recommendation out/recommendation.xml -o out/recommendation.xml",
		    "validate --board board.xml --scenario scenario.xml -o scenario.xml",
		    "profile-script --intent intent.xml --vm IVI -o intent.xml",
		    "apply --board board.xml --scenario scenario.xml "
		    "--recommendation out/recommendation.xml -o scenario.xml",
		};
		g_autofree gchar *before = aa_test_tree_snapshot(dir);
		for (guint i = 0; i < G_N_ELEMENTS(commands); i++) {
			g_auto(AaTestExec) run = {0};
			g_auto(GStrv) args = g_strsplit(commands[i], " ", -1);
			g_autofree gchar *after = NULL;
			aa_test_exec_argv(&run, dir, (const gchar *const *)args);
			aa_test_assert_exit(&run, 2);
			after = aa_test_tree_snapshot(dir);
			g_assert_cmpstr(before, ==, after);
		}
	}
}

static void
aa_harden_plan_bad_dest_func(void)
{
	g_autoptr(AaTestDir) dir = aa_h_demo();
	g_auto(AaTestExec) run = {0};
	/* no staging directory can be made there; LeakSanitizer would change the
	 * exit code if the failure path leaked */
	const gchar *args[] = {"plan",     "--board",    "board.xml", "--scenario", "scenario.xml",
	                       "--intent", "intent.xml", "-o",        "/proc/x",    NULL};
	aa_test_exec_argv(&run, dir, args);
	aa_test_assert_exit(&run, 2);
	g_assert_nonnull(strstr(run.err, "nothing in /proc/x was changed"));
}

static void
aa_harden_plan_cwd_func(void)
{
	g_autoptr(AaTestDir) dir = aa_h_demo();
	g_autofree gchar *sub = g_build_filename(dir, "out", NULL);
	g_auto(AaTestExec) run = {0};
	const gchar *args[] = {
	    "plan",     "--board",       "../board.xml", "--scenario", "../scenario.xml",
	    "--intent", "../intent.xml", "-o",           ".",          NULL};
	g_assert_cmpint(g_mkdir(sub, 0755), ==, 0);
	aa_test_exec_argv(&run, sub, args);
	aa_test_assert_exit(&run, 2);
	g_assert_nonnull(strstr(run.err, "current directory"));
	{
		g_autofree gchar *fn = g_build_filename(sub, "scenario.xml", NULL);
		g_assert_false(g_file_test(fn, G_FILE_TEST_EXISTS));
	}
}

static void
aa_harden_plan_locked_func(void)
{
	g_autoptr(AaTestDir) dir = aa_h_demo();
	g_autofree gchar *lock = g_build_filename(dir, ".out.lock", NULL);
	g_autofree gchar *out = g_build_filename(dir, "out", NULL);
	g_auto(AaTestExec) run = {0};
	const gchar *args[] = {"plan",     "--board",    "board.xml", "--scenario", "scenario.xml",
	                       "--intent", "intent.xml", "-o",        "out",        NULL};
	gint fd = g_open(lock, O_RDWR | O_CREAT, 0644);

	/* another run holds DIR */
	g_assert_cmpint(fd, >=, 0);
	g_assert_cmpint(flock(fd, LOCK_EX), ==, 0);
	aa_test_exec_argv(&run, dir, args);
	aa_test_assert_exit(&run, 2);
	g_assert_nonnull(strstr(run.err, "being written by another acrn-alloc run"));
	g_assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
	close(fd);
}

/* the plan in @dir/@out matches one run: its scenario.xml is what apply makes
 * of its recommendation.xml, and the user's file is there */
static void
aa_h_assert_consistent(const gchar *dir, const gchar *out)
{
	g_autofree gchar *rec = g_build_filename(out, "recommendation.xml", NULL);
	g_autofree gchar *scenario = NULL;
	g_autofree gchar *again = NULL;
	g_autofree gchar *notes = NULL;
	g_autofree gchar *out_dir = g_build_filename(dir, out, NULL);
	g_auto(AaTestExec) run = {0};
	const gchar *args[] = {"apply",        "--board",          "board.xml", "--scenario",
	                       "scenario.xml", "--recommendation", rec,         "-o",
	                       "check.xml",    "--force",          NULL};

	aa_test_exec_argv(&run, dir, args);
	aa_test_assert_exit(&run, 0);
	scenario = aa_test_read_text(out_dir, "scenario.xml");
	again = aa_test_read_text(dir, "check.xml");
	g_assert_cmpstr(scenario, ==, again);
	notes = aa_test_read_text(out_dir, "notes.txt");
	g_assert_cmpstr(notes, ==, "mine\n");
	{
		g_autofree gchar *report = aa_test_read_text(out_dir, "report.html");
		g_assert_nonnull(report);
	}
}

static void
aa_harden_plan_concurrent_func(void)
{
	g_autoptr(AaTestDir) dir = aa_h_demo();
	const gchar *strategies[] = {"optimal", "equal"};
	GPid pids[2];
	gint errs[2];
	guint n_ok = 0;

	aa_test_write_file(dir, "out/notes.txt", "mine\n", -1);
	for (guint round = 0; round < 3; round++) {
		for (guint i = 0; i < 2; i++) {
			const gchar *args[] = {"plan",
			                       "--board",
			                       "board.xml",
			                       "--scenario",
			                       "scenario.xml",
			                       "--intent",
			                       "intent.xml",
			                       "-o",
			                       "out",
			                       "--strategy",
			                       strategies[(i + round) % 2],
			                       NULL};
			g_autoptr(GPtrArray) argv = aa_test_host_command(args);
			g_autoptr(GError) error = NULL;
			g_assert_true(g_spawn_async_with_pipes(
			    dir, (gchar **)argv->pdata, NULL,
			    G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
			    &pids[i], NULL, NULL, &errs[i], &error));
			g_assert_no_error(error);
		}
		for (guint i = 0; i < 2; i++) {
			gint wait_status = 0;
			g_autoptr(GIOChannel) ch = g_io_channel_unix_new(errs[i]);
			g_autofree gchar *err = NULL;
			gint status;
			g_io_channel_set_close_on_unref(ch, TRUE);
			g_io_channel_read_to_end(ch, &err, NULL, NULL);
			g_assert_cmpint(waitpid(pids[i], &wait_status, 0), ==, pids[i]);
			g_spawn_close_pid(pids[i]);
			status = aa_test_exit_status(wait_status);
			/* each one either planned or was turned away by the other's lock */
			if (status == 0)
				n_ok++;
			else if (status != 2 ||
			         strstr(err, "being written by another acrn-alloc run") == NULL)
				g_error("plan %u: exit %d: %s", i, status, err);
		}
		aa_h_assert_consistent(dir, "out");
		aa_h_assert_no_stage(dir);
	}
	g_assert_cmpuint(n_ok, >=, 3);
}

static void
aa_harden_plan_killed_func(void)
{
	g_autoptr(AaTestDir) dir = aa_h_demo();
	g_autofree gchar *out = g_build_filename(dir, "out", NULL);
	g_autofree gchar *ref = g_build_filename(dir, "ref", NULL);
	g_autofree gchar *old = NULL;
	g_autofree gchar *new_scenario = NULL;
	const gchar *points[] = {"locked", "staged", "commit", "exchanged"};
	const gint delays_ms[] = {50, 200, 400, 700, 1000, 1500};

	/* the old DIR: an equal-split plan and a file of the user's */
	{
		g_auto(AaTestExec) run = {0};
		const gchar *args[] = {"plan",         "--board",    "board.xml",  "--scenario",
		                       "scenario.xml", "--intent",   "intent.xml", "-o",
		                       "out",          "--strategy", "equal",      NULL};
		const gchar *args_ref[] = {"plan",         "--board",  "board.xml",  "--scenario",
		                           "scenario.xml", "--intent", "intent.xml", "-o",
		                           "ref",          NULL};
		g_auto(AaTestExec) run_ref = {0};
		aa_test_write_file(dir, "out/notes.txt", "mine\n", -1);
		aa_test_exec_argv(&run, dir, args);
		aa_test_assert_exit(&run, 0);
		aa_test_exec_argv(&run_ref, dir, args_ref);
		aa_test_assert_exit(&run_ref, 0);
		new_scenario = aa_test_read_text(ref, "scenario.xml");
	}
	old = aa_test_tree_snapshot(out);

	/* a kill at each step: DIR is the old one before the exchange, the new one after */
	for (guint i = 0; i < G_N_ELEMENTS(points); i++) {
		g_auto(AaTestExec) run = {0};
		g_autofree gchar *now = NULL;
		const gchar *env[] = {"AA_TEST_KILL_AT", points[i], NULL};
		const gchar *args[] = {"plan",         "--board",  "board.xml",  "--scenario",
		                       "scenario.xml", "--intent", "intent.xml", "-o",
		                       "out",          NULL};
		aa_test_exec_env(&run, dir, env, args);
		g_assert_cmpint(run.status, ==, -SIGKILL);
		if (g_strcmp0(points[i], "exchanged") != 0) {
			now = aa_test_tree_snapshot(out);
			g_assert_cmpstr(now, ==, old);
		} else {
			g_autofree gchar *scenario = aa_test_read_text(out, "scenario.xml");
			g_assert_cmpstr(scenario, ==, new_scenario);
			aa_h_assert_consistent(dir, "out");
		}
	}

	/* kills at arbitrary moments: old or complete new, never a mix */
	for (guint i = 0; i < G_N_ELEMENTS(delays_ms); i++) {
		const gchar *args[] = {"plan",         "--board",    "board.xml",  "--scenario",
		                       "scenario.xml", "--intent",   "intent.xml", "-o",
		                       "out",          "--strategy", "equal",      NULL};
		g_autoptr(GPtrArray) argv = aa_test_host_command(args);
		g_autoptr(GError) error = NULL;
		g_autofree gchar *now = NULL;
		GPid pid;
		gint wait_status = 0;

		g_assert_true(g_spawn_async(dir, (gchar **)argv->pdata, NULL,
		                            G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
		                                G_SPAWN_STDERR_TO_DEV_NULL,
		                            NULL, NULL, &pid, &error));
		g_assert_no_error(error);
		g_usleep((gulong)delays_ms[i] * 1000);
		kill(pid, SIGKILL);
		g_assert_cmpint(waitpid(pid, &wait_status, 0), ==, pid);
		g_spawn_close_pid(pid);
		now = aa_test_tree_snapshot(out);
		if (g_strcmp0(now, old) != 0)
			aa_h_assert_consistent(dir, "out");
		else
			g_assert_cmpstr(now, ==, old);
		g_clear_pointer(&old, g_free);
		old = g_steal_pointer(&now);
	}

	/* the next run cleans what the killed ones left */
	{
		g_auto(AaTestExec) run = {0};
		const gchar *args[] = {"plan",         "--board",  "board.xml",  "--scenario",
		                       "scenario.xml", "--intent", "intent.xml", "-o",
		                       "out",          NULL};
		aa_test_exec_argv(&run, dir, args);
		aa_test_assert_exit(&run, 0);
		aa_h_assert_no_stage(dir);
		aa_h_assert_consistent(dir, "out");
	}
}

/* ===== consistency ===== */

static void
aa_harden_memory_empty_func(void)
{
	g_autoptr(AaTestDir) dir = aa_h_demo();
	g_autofree gchar *script = NULL;
	g_autofree gchar *launch = g_build_filename(dir, "launch", NULL);
	g_autofree gchar *scenario = aa_test_read_text(dir, "scenario.xml");
	g_autofree gchar *size = NULL;
	g_auto(AaTestExec) validate = {0};
	g_auto(AaTestExec) launch_run = {0};
	const gchar *v_args[] = {"validate",   "--board",      "board.xml",
	                         "--scenario", "scenario.xml", NULL};
	const gchar *l_args[] = {"launch",       "--board", "board.xml", "--scenario",
	                         "scenario.xml", "-o",      "launch",    NULL};
	const gchar *start = strstr(scenario, "<size>");

	/* the first VM's size emptied */
	g_assert_nonnull(start);
	size = g_strndup(start, strstr(start, "</size>") + 7 - start);
	aa_h_edit(dir, "scenario.xml", size, "<size></size>");
	aa_test_exec_argv(&validate, dir, v_args);
	g_assert_null(strstr(validate.out, "NaN"));
	aa_test_assert_contains(validate.out, "[memory-size-default]", "1024 MiB", NULL);
	aa_test_exec_argv(&launch_run, dir, l_args);
	aa_test_assert_exit(&launch_run, 0);
	script = aa_test_read_text(launch, "launch_user_vm_id1.sh");
	g_assert_nonnull(script);
	g_assert_nonnull(strstr(script, "'-m' '1024M'"));
}

static void
aa_harden_sriov_no_total_vfs_func(void)
{
	g_autoptr(AaTestDir) dir = aa_test_tmpdir("aa-harden-XXXXXX");
	g_autofree gchar *board = aa_test_fixture_path("valid-board-sriov-no-total-vfs.xml", NULL);
	g_autofree gchar *shared = aa_test_acrn_data("adl-asrock", "shared.xml");
	g_autofree gchar *text = NULL;
	g_autofree gchar *with_vf = NULL;
	g_auto(AaTestExec) inspect = {0};
	g_auto(AaTestExec) clean = {0};
	g_auto(AaTestExec) vf = {0};
	const gchar *i_args[] = {"inspect", "--board", board, NULL};
	const gchar *c_args[] = {"validate", "--board", board, "--scenario", shared, NULL};
	const gchar *v_args[] = {"validate", "--board", board, "--scenario", "vf.xml", NULL};

	aa_test_exec_argv(&inspect, dir, i_args);
	aa_test_assert_exit(&inspect, 0);
	aa_test_assert_contains(inspect.out, "VF count unknown", "0 usable VFs", NULL);
	aa_test_exec_argv(&clean, dir, c_args);
	aa_test_assert_exit(&clean, 0);

	/* a VF of that GPU given to a post-launched VM is an error, with why */
	g_assert_true(g_file_get_contents(shared, &text, NULL, NULL));
	with_vf = aa_h_replace(text, "<load_order>POST_LAUNCHED_VM</load_order>",
	                       "<load_order>POST_LAUNCHED_VM</load_order>\n<pci_devs><pci_dev>"
	                       "00:02.1 VGA compatible controller</pci_dev></pci_devs>");
	aa_test_write_file(dir, "vf.xml", with_vf, -1);
	aa_test_exec_argv(&vf, dir, v_args);
	aa_test_assert_exit(&vf, 1);
	aa_test_assert_contains(vf.out, "[sriov-vf-over-total]", "could not read", NULL);
}

/* ===== launch scripts: hostile text from the board and the scenario ===== */

static void
aa_h_stub(const gchar *dir, const gchar *name, const gchar *body)
{
	aa_test_write_file(dir, name, body, 0755);
}

/* the argument lists a stub recorded: one line per call, arguments NUL-separated */
static GPtrArray *
aa_h_calls(const gchar *dir, const gchar *name)
{
	g_autofree gchar *fn = g_build_filename(dir, name, NULL);
	g_autofree gchar *text = NULL;
	g_auto(GStrv) lines = NULL;
	GPtrArray *calls = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
	/* a stub never called recorded nothing */
	if (!g_file_get_contents(fn, &text, NULL, NULL))
		return calls;
	lines = g_strsplit(text, "\x01\n", -1);
	for (guint i = 0; lines[i] != NULL; i++) {
		if (lines[i][0] == '\0')
			continue;
		/* a trailing NUL ends each argument */
		g_ptr_array_add(calls, g_strsplit(lines[i], "\x02", -1));
	}
	return calls;
}

static void
aa_harden_launch_hostile_func(void)
{
	g_autoptr(AaTestDir) dir = aa_test_tmpdir("aa-harden-XXXXXX");
	g_autofree gchar *nuc = aa_test_acrn_data("nuc11tnbi5", "nuc11tnbi5.xml");
	g_autofree gchar *scenario =
	    aa_test_fixture_path("launch", "hostile-options-scenario.xml", NULL);
	g_autofree gchar *board_text = NULL;
	g_autofree gchar *hostile_board = NULL;
	g_autofree gchar *stubs = g_build_filename(dir, "stubs", NULL);
	g_autofree gchar *root = g_build_filename(dir, "root", NULL);
	g_autofree gchar *logs = g_build_filename(dir, "logs", NULL);
	g_autofree gchar *script = g_build_filename(dir, "out", "launch_user_vm_id1.sh", NULL);
	g_autofree gchar *text = NULL;
	g_autofree gchar *path = NULL;
	g_autofree gchar *shellcheck = g_find_program_in_path("shellcheck");
	g_autoptr(GPtrArray) mounts = NULL;
	g_autoptr(GPtrArray) ips = NULL;
	g_autoptr(GPtrArray) dms = NULL;
	g_auto(GStrv) envp = g_get_environ();
	g_auto(AaTestExec) run = {0};
	const gchar *args[] = {"launch", "--board", "board.xml", "--scenario",
	                       scenario, "-o",      "out",       NULL};
	/* records its arguments, \x02 after each, \x01 and a line break after a call */
	const gchar *recorder = "#!/bin/bash\nfor a in \"$@\"; do printf '%s\\002' \"$a\"; done "
	                        ">> \"$LOGS/$(basename \"$0\")\"\nprintf '\\001\\n' >> "
	                        "\"$LOGS/$(basename \"$0\")\"\n";

	/* the board's PF description breaks out of the quote of the old scripts */
	g_assert_true(g_file_get_contents(nuc, &board_text, NULL, NULL));
	hostile_board = aa_h_replace(board_text, "description=\"00:02.0 VGA compatible",
	                             "description=\"00:02'&amp;VGA $(touch pwned) compatible");
	aa_test_write_file(dir, "board.xml", hostile_board, -1);
	aa_test_exec_argv(&run, dir, args);
	aa_test_assert_exit(&run, 0);
	g_assert_true(g_file_get_contents(script, &text, NULL, NULL));
	g_assert_null(strstr(text, "enable_vfs '"));
	g_assert_nonnull(strstr(text, "dm_params+=('--')"));

	/* bash and shellcheck accept it */
	{
		const gchar *argv[] = {"bash", "-n", script, NULL};
		gint status = 0;
		g_assert_true(g_spawn_sync(NULL, (gchar **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL,
		                           NULL, NULL, NULL, &status, NULL));
		g_assert_true(g_spawn_check_wait_status(status, NULL));
	}
	if (shellcheck != NULL) {
		const gchar *argv[] = {"shellcheck", "-s", "bash", script, NULL};
		g_autofree gchar *out = NULL;
		gint status = 0;
		g_assert_true(g_spawn_sync(NULL, (gchar **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL,
		                           NULL, &out, NULL, &status, NULL));
		if (!g_spawn_check_wait_status(status, NULL))
			g_printerr("shellcheck:\n%s", out);
		g_assert_true(g_spawn_check_wait_status(status, NULL));
	} else {
		g_test_message("shellcheck not installed: only bash -n checked");
	}

	/* run it with the system commands stubbed and /sys redirected */
	aa_h_stub(stubs, "acrn-dm", recorder);
	aa_h_stub(stubs, "mount", recorder);
	aa_h_stub(stubs, "umount", recorder);
	aa_h_stub(stubs, "ip", recorder);
	aa_h_stub(stubs, "modprobe", "#!/bin/sh\nexit 0\n");
	g_assert_cmpint(g_mkdir_with_parents(logs, 0755), ==, 0);
	aa_test_write_file(root, "sys/class/net/eth0/address", "00:16:3e:00:00:01\n", -1);
	aa_test_write_file(root, "sys/bus/pci/devices/0000:00:02.1/vendor", "0x8086\n", -1);
	aa_test_write_file(root, "sys/bus/pci/devices/0000:00:02.1/device", "0x9a49\n", -1);
	aa_test_write_file(root, "sys/bus/pci/drivers/pci-stub/new_id", "", -1);
	aa_test_write_file(root, "sys/bus/pci/drivers/pci-stub/bind", "", -1);
	path = g_strdup_printf("%s:%s", stubs, g_getenv("PATH"));
	envp = g_environ_setenv(envp, "PATH", path, TRUE);
	envp = g_environ_setenv(envp, "ACRN_SYSFS_ROOT", root, TRUE);
	envp = g_environ_setenv(envp, "LOGS", logs, TRUE);
	{
		const gchar *argv[] = {"bash", script, NULL};
		g_autofree gchar *out = NULL;
		g_autofree gchar *err = NULL;
		gint status = 0;
		g_assert_true(g_spawn_sync(dir, (gchar **)argv, envp, G_SPAWN_SEARCH_PATH, NULL,
		                           NULL, &out, &err, &status, NULL));
		if (!g_spawn_check_wait_status(status, NULL))
			g_printerr("script:\n%s%s", out, err);
		g_assert_true(g_spawn_check_wait_status(status, NULL));
	}
	{
		g_autofree gchar *m1 = g_build_filename(dir, "pwned", NULL);
		g_autofree gchar *m2 = g_build_filename(dir, "out", "pwned", NULL);
		g_assert_false(g_file_test(m1, G_FILE_TEST_EXISTS));
		g_assert_false(g_file_test(m2, G_FILE_TEST_EXISTS));
	}

	/* mount got the device after "--" */
	mounts = aa_h_calls(logs, "mount");
	g_assert_cmpuint(mounts->len, ==, 1);
	g_assert_cmpstr(((gchar **)g_ptr_array_index(mounts, 0))[0], ==, "--");
	g_assert_cmpstr(((gchar **)g_ptr_array_index(mounts, 0))[1], ==,
	                "--x -o loop'$(touch pwned)");
	/* ip got the TAP name after "dev", every time it got it */
	ips = aa_h_calls(logs, "ip");
	{
		guint named = 0;
		for (guint i = 0; i < ips->len; i++) {
			gchar **a = g_ptr_array_index(ips, i);
			for (guint j = 0; a[j] != NULL; j++) {
				if (g_strcmp0(a[j], "-evil$(touch pwned)") != 0)
					continue;
				g_assert_cmpuint(j, >, 0);
				g_assert_cmpstr(a[j - 1], ==, "dev");
				named++;
			}
		}
		/* ip a show dev NAME; ip tuntap add dev NAME mode tap */
		g_assert_cmpuint(named, >=, 2);
	}
	/* acrn-dm got the VM name after "--", as its last argument */
	dms = aa_h_calls(logs, "acrn-dm");
	g_assert_cmpuint(dms->len, ==, 1);
	{
		gchar **a = g_ptr_array_index(dms, 0);
		guint n = g_strv_length(a);
		/* the split leaves "" after the last \x02 */
		g_assert_cmpuint(n, >=, 3);
		g_assert_cmpstr(a[n - 1], ==, "");
		g_assert_cmpstr(a[n - 2], ==, "-rm $(touch pwned)");
		g_assert_cmpstr(a[n - 3], ==, "--");
	}
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	aa_test_add_cases("/aa/harden/bounds", aa_harden_bounds, sizeof(AaHardenBound),
	                  G_N_ELEMENTS(aa_harden_bounds), aa_harden_bound_func);
	g_test_add_func("/aa/harden/bounds/memory-quantum", aa_harden_quantum_func);
	g_test_add_func("/aa/harden/bounds/board-pib", aa_harden_board_pib_func);
	g_test_add_func("/aa/harden/bounds/calibration", aa_harden_calibration_func);
	g_test_add_func("/aa/harden/inputs/fifo", aa_harden_fifo_func);
	g_test_add_func("/aa/harden/inputs/proc", aa_harden_proc_func);
	g_test_add_func("/aa/harden/rules", aa_harden_rules_func);
	g_test_add_func("/aa/harden/plan/publish-failure", aa_harden_plan_publish_failure_func);
	g_test_add_func("/aa/harden/plan/inputs", aa_harden_plan_inputs_func);
	g_test_add_func("/aa/harden/plan/bad-dest", aa_harden_plan_bad_dest_func);
	g_test_add_func("/aa/harden/plan/cwd", aa_harden_plan_cwd_func);
	g_test_add_func("/aa/harden/plan/locked", aa_harden_plan_locked_func);
	g_test_add_func("/aa/harden/plan/concurrent", aa_harden_plan_concurrent_func);
	g_test_add_func("/aa/harden/plan/killed", aa_harden_plan_killed_func);
	g_test_add_func("/aa/harden/launch/hostile", aa_harden_launch_hostile_func);
	g_test_add_func("/aa/harden/memory-size-empty", aa_harden_memory_empty_func);
	g_test_add_func("/aa/harden/sriov-no-total-vfs", aa_harden_sriov_no_total_vfs_func);
	return g_test_run();
}
