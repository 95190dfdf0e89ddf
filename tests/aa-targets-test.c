/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * What recommend and plan say about QoS targets (issue 9): "QoS targets
 * predicted met: n/m", each predicted miss with its value and target,
 * --require-targets, --model paper|robust, and plan's summary counting what
 * its report lists.
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <libxml/xpath.h>

#include "aa-test-util.h"
#include "aa-xml.h"

static guint
aa_targets_count(const gchar *text, const gchar *needle)
{
	guint n = 0;
	for (const gchar *p = strstr(text, needle); p != NULL; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* @command on the tiny board and the demo's scenario with @intent, into
 * @output, then @extra and @extra_value when given */
static void
aa_targets_run(AaTestExec *run, const gchar *command, const gchar *intent, const gchar *output,
               const gchar *extra, const gchar *extra_value)
{
	g_autofree gchar *board = aa_test_fixture_path("valid-board-tiny-hybrid.xml", NULL);
	g_autofree gchar *scenario = aa_test_fixture_path("demo", "cockpit-scenario.xml", NULL);
	const gchar *args[] = {command, "--board", board,  "--scenario", scenario,    "--intent",
	                       intent,  "-o",      output, extra,        extra_value, NULL};
	aa_test_exec_exited(run, args);
}

/* the demo meets every target by prediction, with the margin, and beats both baselines */
static void
aa_targets_demo_func(void)
{
	g_autofree gchar *intent = aa_test_fixture_path("demo", "cockpit-intent.xml", NULL);
	g_autofree gchar *dir = g_dir_make_tmp("aa-targets-XXXXXX", NULL);
	g_autofree gchar *rec = g_build_filename(dir, "rec.xml", NULL);
	g_autofree gchar *paper = g_build_filename(dir, "paper.xml", NULL);
	g_autofree gchar *met = NULL;
	g_autofree gchar *equal = NULL;
	g_autofree gchar *proportional = NULL;
	g_auto(AaTestExec) run = {0};
	g_auto(AaTestExec) run_paper = {0};
	g_auto(AaTestExec) bad = {0};

	aa_targets_run(&run, "recommend", intent, rec, "--require-targets", NULL);
	if (run.status != 0)
		g_error("recommend exited %d: %s", run.status, run.err);
	g_assert_nonnull(strstr(run.out, "QoS targets predicted met: 5/5 (robust model"));
	g_assert_null(strstr(run.out, "predicted miss"));
	aa_test_assert_xpath_file(rec, "string(/recommendation/@model)", "robust");
	/* every prediction states its uncertainty and margin */
	aa_test_assert_xpath_file(rec,
	                          "string(count(//predicted[@sigma and @margin]) = "
	                          "count(//predicted))",
	                          "true");
	aa_test_assert_xpath_file(rec,
	                          "string(//vm[@name='IVI']/predicted[@metric='fps']"
	                          "/@sigma-source)",
	                          "loo");
	/* at least as many targets as either baseline */
	met = aa_test_xpath_file(rec, "string(/recommendation/search/@targets-met)");
	equal = aa_test_xpath_file(rec, "string(/recommendation/baseline[@strategy='equal']/"
	                                "@targets-met)");
	proportional = aa_test_xpath_file(rec, "string(/recommendation/baseline[@strategy="
	                                       "'proportional']/@targets-met)");
	g_assert_cmpint(atoi(met), ==, 5);
	g_assert_cmpint(atoi(met), >=, atoi(equal));
	g_assert_cmpint(atoi(met), >=, atoi(proportional));

	/* --model paper: MODEL.md without the margin */
	aa_targets_run(&run_paper, "recommend", intent, paper, "--model", "paper");
	g_assert_cmpint(run_paper.status, ==, 0);
	g_assert_nonnull(strstr(run_paper.out, "(paper model: no margin"));
	aa_test_assert_xpath_file(paper, "string(/recommendation/@model)", "paper");
	aa_test_assert_xpath_file(paper, "string(sum(//predicted/@margin))", "0");

	/* an unknown model is bad usage */
	aa_targets_run(&bad, "recommend", intent, paper, "--model", "neural");
	g_assert_cmpint(bad.status, ==, 2);
	g_assert_nonnull(strstr(bad.err, "unknown model 'neural'; use robust or paper"));
	aa_test_rm_rf(dir);
}

static void
aa_targets_missed_func(void)
{
	g_autofree gchar *intent = aa_test_fixture_path("valid-intent-target-missed.xml", NULL);
	g_autofree gchar *dir = g_dir_make_tmp("aa-targets-XXXXXX", NULL);
	g_autofree gchar *rec = g_build_filename(dir, "rec.xml", NULL);
	g_autofree gchar *rec2 = g_build_filename(dir, "rec2.xml", NULL);
	g_autofree gchar *out = g_build_filename(dir, "plan", NULL);
	g_auto(AaTestExec) run = {0};
	g_auto(AaTestExec) strict = {0};
	g_auto(AaTestExec) plan = {0};

	/* the miss is named with its predicted value and target; the exit is 0 */
	aa_targets_run(&run, "recommend", intent, rec, NULL, NULL);
	if (run.status != 0)
		g_error("recommend exited %d: %s", run.status, run.err);
	g_assert_nonnull(strstr(run.out, "QoS targets predicted met: 4/5"));
	g_assert_nonnull(strstr(run.out, "predicted miss: AI_ASSIST tokens-per-s predicted "));
	g_assert_nonnull(strstr(run.out, ", target 500"));
	aa_test_assert_xpath_file(rec,
	                          "string(//vm[@name='AI_ASSIST']/predicted["
	                          "@metric='tokens-per-s']/@met)",
	                          "false");

	/* --require-targets: exit 1, the miss in the message, the file written anyway */
	aa_targets_run(&strict, "recommend", intent, rec2, "--require-targets", NULL);
	g_assert_cmpint(strict.status, ==, 1);
	g_assert_nonnull(strstr(strict.err, "--require-targets"));
	g_assert_nonnull(strstr(strict.err, "AI_ASSIST tokens-per-s predicted"));
	g_assert_true(g_file_test(rec2, G_FILE_TEST_EXISTS));

	/* plan --require-targets stops before writing anything */
	aa_targets_run(&plan, "plan", intent, out, "--require-targets", NULL);
	g_assert_cmpint(plan.status, ==, 1);
	g_assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
	aa_test_rm_rf(dir);
}

/* plan's summary counts exactly the diagnostics its report.html lists */
static void
aa_targets_plan_counts_func(void)
{
	g_autofree gchar *board = aa_test_fixture_path("valid-board-tiny-hybrid.xml", NULL);
	g_autofree gchar *intent = aa_test_fixture_path("valid-intent-target-missed.xml", NULL);
	g_autofree gchar *dir = g_dir_make_tmp("aa-targets-XXXXXX", NULL);
	g_autofree gchar *out = g_build_filename(dir, "plan", NULL);
	g_autofree gchar *final = g_build_filename(out, "scenario.xml", NULL);
	g_autofree gchar *rec = g_build_filename(out, "recommendation.xml", NULL);
	g_autofree gchar *html_fn = g_build_filename(out, "report.html", NULL);
	g_autofree gchar *again = g_build_filename(dir, "again.html", NULL);
	g_autofree gchar *html = NULL;
	g_autofree gchar *expected = NULL;
	g_auto(AaTestExec) plan = {0};
	g_auto(AaTestExec) report = {0};
	guint errors = 0;
	guint warnings = 0;
	const gchar *p;

	aa_targets_run(&plan, "plan", intent, out, NULL, NULL);
	if (plan.status != 0)
		g_error("plan exited %d: %s", plan.status, plan.err);
	p = strstr(plan.out, "final scenario: ");
	g_assert_nonnull(p);
	g_assert_cmpint(sscanf(p, "final scenario: %u error(s), %u warning(s)", &errors, &warnings),
	                ==, 2);
	/* the predicted miss is one of the warnings the report shows */
	g_assert_cmpuint(warnings, >=, 1);
	g_assert_true(g_file_get_contents(html_fn, &html, NULL, NULL));
	g_assert_cmpuint(aa_targets_count(html, "misses the target 500"), >=, 1);

	/* the report command on the same files counts the same */
	aa_test_exec(&report, "report", "--board", board, "--scenario", final, "--recommendation",
	             rec, "--intent", intent, "-o", again);
	g_assert_cmpint(report.status, ==, 0);
	expected = g_strdup_printf("%u errors, %u warnings in the diagnostics", errors, warnings);
	g_assert_nonnull(strstr(report.out, expected));
	aa_test_rm_rf(dir);
}

/* the robust model's policy parameters are checked with file and line */
static void
aa_targets_bad_policy_func(void)
{
	g_autofree gchar *intent =
	    aa_test_fixture_path("invalid-intent-target-confidence.xml", NULL);
	g_autofree gchar *dir = g_dir_make_tmp("aa-targets-XXXXXX", NULL);
	g_autofree gchar *rec = g_build_filename(dir, "rec.xml", NULL);
	g_auto(AaTestExec) run = {0};

	aa_targets_run(&run, "recommend", intent, rec, NULL, NULL);
	g_assert_cmpint(run.status, ==, 2);
	g_assert_nonnull(strstr(run.err, "invalid-intent-target-confidence.xml:5:"));
	g_assert_nonnull(strstr(run.err, "target-confidence=\"1\"> must be in [0.5, 1)"));
	g_assert_false(g_file_test(rec, G_FILE_TEST_EXISTS));
	aa_test_rm_rf(dir);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/aa/targets/demo", aa_targets_demo_func);
	g_test_add_func("/aa/targets/missed", aa_targets_missed_func);
	g_test_add_func("/aa/targets/plan-counts", aa_targets_plan_counts_func);
	g_test_add_func("/aa/targets/bad-policy", aa_targets_bad_policy_func);
	return g_test_run();
}
