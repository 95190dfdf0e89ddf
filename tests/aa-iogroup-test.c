/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * I/O core groups: vSPACE's Algorithms 1-3 on hand-worked traces (the
 * arithmetic is in the comments), the I/O profile reader, the intent's <io>
 * and <io-profile>, and the group on the real adl-asrock board.
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "aa-capacity.h"
#include "aa-context-private.h"
#include "aa-error.h"
#include "aa-io-profile-script.h"
#include "aa-io-profile.h"
#include "aa-iogroup.h"
#include "aa-recommend.h"
#include "aa-report.h"
#include "aa-test-util.h"
#include "aa-transform.h"
#include "aa-xml.h"

#define AA_EPS 1e-9

/* Algorithm 1: ReqCore = util / th, shares of TotalCore rounded half away */
static void
aa_iogroup_alg1_func(void)
{
	gint64 v = -1;
	gint64 io = -1;

	/* req 3.0/0.75 = 4 and 1.0/0.5 = 2; 8 x 4/6 = 5.33 -> 5, 8 x 2/6 = 2.67 -> 3 */
	aa_iogroup_alg1(3.0, 1.0, 0.75, 0.5, 8, &v, &io);
	g_assert_cmpint(v, ==, 5);
	g_assert_cmpint(io, ==, 3);

	/* halves round up on both sides: 5 x 2/4 = 2.5 -> 3 and 3 (sum 6 > 5) */
	aa_iogroup_alg1(1.0, 1.0, 0.5, 0.5, 5, &v, &io);
	g_assert_cmpint(v, ==, 3);
	g_assert_cmpint(io, ==, 3);

	/* the listing does not round ReqCore: 0.3/0.5 = 0.6 and 0.9/0.5 = 1.8;
	 * 4 x 0.6/2.4 = 1.0 -> 1, 4 x 1.8/2.4 = 3.0 -> 3 (rounded first they
	 * would be 1 and 2, giving 4 x 1/3 = 1.33 -> 1 and 2.67 -> 3 too), and
	 * 7 x 0.6/2.4 = 1.75 -> 2, 7 x 0.75 = 5.25 -> 5 (rounded first: 2.33
	 * -> 2, 4.67 -> 5) */
	aa_iogroup_alg1(0.3, 0.9, 0.5, 0.5, 4, &v, &io);
	g_assert_cmpint(v, ==, 1);
	g_assert_cmpint(io, ==, 3);
	aa_iogroup_alg1(0.3, 0.9, 0.5, 0.5, 7, &v, &io);
	g_assert_cmpint(v, ==, 2);
	g_assert_cmpint(io, ==, 5);
	/* 0.45/0.5 = 0.9 vs 0.1/0.5 = 0.2 over 3: 2.4545 -> 2 and 0.5454 -> 1 */
	aa_iogroup_alg1(0.45, 0.1, 0.5, 0.5, 3, &v, &io);
	g_assert_cmpint(v, ==, 2);
	g_assert_cmpint(io, ==, 1);

	/* nothing demanded: no division by zero */
	aa_iogroup_alg1(0, 0, 0.5, 0.5, 8, &v, &io);
	g_assert_cmpint(v, ==, 0);
	g_assert_cmpint(io, ==, 0);
}

/* ceil and round that do not trip on binary fractions */
static void
aa_iogroup_rounding_func(void)
{
	/* 2.1 / 0.7 is 3.0000000000000004 in binary */
	g_assert_cmpfloat(ceil(2.1 / 0.7), ==, 4);
	g_assert_cmpfloat(aa_iogroup_ceil(2.1 / 0.7), ==, 3);
	g_assert_cmpfloat(aa_iogroup_ceil(2.2 / 0.8), ==, 3);
	g_assert_cmpfloat(aa_iogroup_ceil(3.0000001), ==, 4);
	g_assert_cmpfloat(aa_iogroup_ceil(0), ==, 0);
	/* 2.5 -> 3; 0.35 / 0.1 = 3.4999999999999996 in binary is the half 3.5
	 * in decimal -> 4 (C's round() says 3); likewise 0.15 / 0.1 x 5 -> 8 */
	g_assert_cmpfloat(round(0.35 / 0.1), ==, 3);
	g_assert_cmpfloat(aa_iogroup_round(2.5), ==, 3);
	g_assert_cmpfloat(aa_iogroup_round(0.35 / 0.1), ==, 4);
	g_assert_cmpfloat(aa_iogroup_round(0.15 / 0.1 * 5), ==, 8);
	g_assert_cmpfloat(aa_iogroup_round(2.4999), ==, 2);
	g_assert_cmpfloat(aa_iogroup_round(0.5), ==, 1);
}

/* Algorithm 2 with and without MARGIN over a three-sample trace */
static void
aa_iogroup_alg2_margin_func(void)
{
	const gdouble trace[][2] = {{3.0, 2.0}, {2.6, 1.4}, {2.6, 1.0}};
	const gint64 with_margin[][2] = {{6, 4}, {6, 4}, {6, 3}};
	const gint64 without[][2] = {{6, 4}, {6, 3}, {6, 2}};
	gint64 pv = 0;
	gint64 pi = 0;

	/* th 0.5 each, TotalCore 16.  Sample 1: ceil(6), ceil(4) from nothing.
	 * Sample 2: ReqCore 6 (5.2 -> 6) and 3 (2.8 -> 3); the I/O group
	 * shrinks from 4, so MARGIN 1.1: ceil(1.1 x 1.4 / 0.5 = 3.08) = 4.
	 * Sample 3: ReqCore_NQ 2 < 4: ceil(1.1 x 2.0 = 2.2) = 3. */
	for (guint i = 0; i < G_N_ELEMENTS(trace); i++) {
		gint64 v = -1;
		gint64 io = -1;
		aa_iogroup_alg2(trace[i][0], trace[i][1], 0.5, 0.5, 1.1, 16, pv, pi, &v, &io);
		g_assert_cmpint(v, ==, with_margin[i][0]);
		g_assert_cmpint(io, ==, with_margin[i][1]);
		pv = v;
		pi = io;
	}
	/* MARGIN 1 is plain ReqCore: 4, 3, 2 */
	pv = 0;
	pi = 0;
	for (guint i = 0; i < G_N_ELEMENTS(trace); i++) {
		gint64 v = -1;
		gint64 io = -1;
		aa_iogroup_alg2(trace[i][0], trace[i][1], 0.5, 0.5, 1.0, 16, pv, pi, &v, &io);
		g_assert_cmpint(v, ==, without[i][0]);
		g_assert_cmpint(io, ==, without[i][1]);
		pv = v;
		pi = io;
	}
}

/* Algorithm 2 above TotalCore splits the integer demands */
static void
aa_iogroup_alg2_over_func(void)
{
	gint64 v = -1;
	gint64 io = -1;
	/* ReqCore 6 and 2 = 8 > 5: 5 x 6/8 = 3.75 -> 4, 5 x 2/8 = 1.25 -> 1;
	 * MARGIN is not applied there even though the previous split was larger */
	aa_iogroup_alg2(3.0, 1.0, 0.5, 0.5, 1.5, 5, 9, 9, &v, &io);
	g_assert_cmpint(v, ==, 4);
	g_assert_cmpint(io, ==, 1);
	/* exactly TotalCore is not above it: 2.1/0.7 = 3 (not 4) + 2 = 5 */
	aa_iogroup_alg2(2.1, 1.0, 0.7, 0.5, 1.1, 5, 0, 0, &v, &io);
	g_assert_cmpint(v, ==, 3);
	g_assert_cmpint(io, ==, 2);
}

/* the S of valid-intent-io-explore.xml, written out */
static const AaIoExploreSample aa_explore_vio[] = {
    {6, 0.70, 0.60}, {7, 0.75, 0.50}, {8, 0.60, 0.72}, {3, 0.5, 0.4}, {3, 0.5, 0.4},
    {3, 0.5, 0.4},   {3, 0.5, 0.4},   {3, 0.5, 0.4},   {3, 0.5, 0.4}, {3, 0.5, 0.4},
};

/* Algorithm 3: SLO violations lower a threshold */
static void
aa_iogroup_explore_lower_func(void)
{
	gdouble tv = 0.8;
	gdouble ti = 0.8;
	guint n_vio;
	AaIoExploreSample s[G_N_ELEMENTS(aa_explore_vio)];

	/* 3 of 10 violate the 5 ms SLO; AllowVio 0.1 allows ceil(1.0) = 1, so
	 * decCount 2.  S_vCPU: 0.75, 0.70, 0.60; S_NQ: 0.72, 0.60, 0.50.
	 * Round 1: diff_vCPU 0.8 - 0.75 = 0.05 <= diff_NQ 0.8 - 0.72 = 0.08:
	 * TH'_vCPU = 0.75, the 7 ms sample goes.  Round 2: 0.75 - 0.70 = 0.05
	 * <= 0.08: TH'_vCPU = 0.70.  TH_vCPU = 0.3 x 0.8 + 0.7 x 0.70 = 0.73. */
	n_vio = aa_iogroup_explore(aa_explore_vio, G_N_ELEMENTS(aa_explore_vio), 5, 0.1, 1.03, 0.7,
	                           &tv, &ti);
	g_assert_cmpuint(n_vio, ==, 3);
	g_assert_cmpfloat_with_epsilon(tv, 0.73, AA_EPS);
	g_assert_cmpfloat_with_epsilon(ti, 0.8, AA_EPS);

	/* the third sample at util_NQ 0.78: round 1 diff_NQ 0.02 < 0.05 moves
	 * TH'_NQ to 0.78; round 2 the NQ top is 0.60 (diff 0.18), the vCPU top
	 * 0.75 (diff 0.05): TH'_vCPU = 0.75.  TH = 0.24 + 0.7 x (0.75, 0.78) */
	memcpy(s, aa_explore_vio, sizeof(s));
	s[2].util_io = 0.78;
	tv = 0.8;
	ti = 0.8;
	aa_iogroup_explore(s, G_N_ELEMENTS(s), 5, 0.1, 1.03, 0.7, &tv, &ti);
	g_assert_cmpfloat_with_epsilon(tv, 0.765, AA_EPS);
	g_assert_cmpfloat_with_epsilon(ti, 0.786, AA_EPS);

	/* Weight 1 takes the temporary thresholds as they are */
	tv = 0.8;
	ti = 0.8;
	aa_iogroup_explore(aa_explore_vio, G_N_ELEMENTS(aa_explore_vio), 5, 0.1, 1.03, 1.0, &tv,
	                   &ti);
	g_assert_cmpfloat_with_epsilon(tv, 0.70, AA_EPS);

	/* violating samples already above both thresholds are avoided by them:
	 * the count drops, nothing moves */
	memcpy(s, aa_explore_vio, sizeof(s));
	for (guint i = 0; i < 3; i++) {
		s[i].util_vcpu = 0.9;
		s[i].util_io = 0.95;
	}
	tv = 0.8;
	ti = 0.8;
	aa_iogroup_explore(s, G_N_ELEMENTS(s), 5, 0.1, 1.03, 0.7, &tv, &ti);
	g_assert_cmpfloat_with_epsilon(tv, 0.8, AA_EPS);
	g_assert_cmpfloat_with_epsilon(ti, 0.8, AA_EPS);
}

/* Algorithm 3: no violation raises both by Reward; violations within
 * AllowVio leave them */
static void
aa_iogroup_explore_reward_func(void)
{
	AaIoExploreSample s[G_N_ELEMENTS(aa_explore_vio)];
	gdouble tv = 0.8;
	gdouble ti = 0.6;

	memcpy(s, aa_explore_vio, sizeof(s));
	for (guint i = 0; i < G_N_ELEMENTS(s); i++)
		s[i].p95 = 4.9;
	/* 0.8 x 1.03 = 0.824, 0.6 x 1.03 = 0.618 */
	g_assert_cmpuint(aa_iogroup_explore(s, G_N_ELEMENTS(s), 5, 0.1, 1.03, 0.7, &tv, &ti), ==,
	                 0);
	g_assert_cmpfloat_with_epsilon(tv, 0.824, AA_EPS);
	g_assert_cmpfloat_with_epsilon(ti, 0.618, AA_EPS);
	/* p95 equal to the SLO meets it */
	for (guint i = 0; i < G_N_ELEMENTS(s); i++)
		s[i].p95 = 5;
	aa_iogroup_explore(s, G_N_ELEMENTS(s), 5, 0.1, 1.03, 0.7, &tv, &ti);
	g_assert_cmpfloat_with_epsilon(tv, 0.824 * 1.03, AA_EPS);
	/* a threshold stops at 1, a fully busy core */
	tv = 0.99;
	aa_iogroup_explore(s, G_N_ELEMENTS(s), 5, 0.1, 1.03, 0.7, &tv, &ti);
	g_assert_cmpfloat(tv, ==, 1.0);

	/* one violation, AllowVio 0.1 x 10 = 1 allowed: decCount 0 and not
	 * violation-free, so nothing changes */
	s[0].p95 = 9;
	tv = 0.8;
	ti = 0.6;
	g_assert_cmpuint(aa_iogroup_explore(s, G_N_ELEMENTS(s), 5, 0.1, 1.03, 0.7, &tv, &ti), ==,
	                 1);
	g_assert_cmpfloat(tv, ==, 0.8);
	g_assert_cmpfloat(ti, ==, 0.6);
}

static void
aa_iogroup_quantile_func(void)
{
	gdouble v[20];
	for (guint i = 0; i < 20; i++)
		v[i] = (gdouble)(20 - i);
	/* nearest rank: ceil(0.95 x 20) = 19th smallest */
	g_assert_cmpfloat(aa_iogroup_quantile(v, 20, 0.95), ==, 19);
	g_assert_cmpfloat(aa_iogroup_quantile(v, 10, 0.95), ==,
	                  20); /* ceil(9.5): the max of 11..20 */
	g_assert_cmpfloat(aa_iogroup_quantile(v, 20, 0.5), ==, 10);
	g_assert_cmpfloat(aa_iogroup_quantile(v, 1, 0.95), ==, 20);
	g_assert_cmpfloat(v[0], ==, 20); /* not sorted in place */
}

static AaIoProfile *
aa_test_io_profile(const gchar *name, GError **error)
{
	g_autofree gchar *fn = aa_test_fixture_path("io", name, NULL);
	return aa_io_profile_load(fn, error);
}

static void
aa_iogroup_profile_valid_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(AaIoProfile) heavy = aa_test_io_profile("vm1-heavy.csv", &error);
	g_autoptr(AaIoProfile) crlf = NULL;
	const AaIoSample *s;

	g_assert_no_error(error);
	g_assert_cmpstr(heavy->vm_name, ==, "POST_STD_VM1");
	g_assert_cmpuint(heavy->samples->len, ==, 20);
	g_assert_cmpfloat(heavy->vcpu_cores, ==, 4);
	g_assert_cmpfloat(heavy->io_cores, ==, 2);
	s = &g_array_index(heavy->samples, AaIoSample, 19);
	g_assert_cmpfloat(s->io_busy, ==, 2.0);
	g_assert_cmpfloat_with_epsilon(aa_io_profile_io_util(heavy, s), 1.0, AA_EPS);
	g_assert_cmpfloat_with_epsilon(aa_io_profile_vcpu_util(heavy, s), 0.8, AA_EPS);

	/* CRLF, a quoted cell, columns reordered, an unknown column, empty cells,
	 * a per-row io_cores beside no "# cores:" line */
	crlf = aa_test_io_profile("valid-io-profile-crlf.csv", &error);
	g_assert_no_error(error);
	g_assert_cmpuint(crlf->samples->len, ==, 2);
	s = &g_array_index(crlf->samples, AaIoSample, 0);
	g_assert_cmpfloat(s->io_busy, ==, 0.5);
	g_assert_true(isnan(s->vcpu_busy));
	g_assert_true(isnan(s->latency_p95_ms));
	g_assert_cmpfloat(aa_io_profile_io_util(crlf, s), ==, 0.5);
	s = &g_array_index(crlf->samples, AaIoSample, 1);
	g_assert_cmpfloat(s->latency_p95_ms, ==, 2.5);
	g_assert_true(isnan(aa_io_profile_io_util(crlf, s))); /* no cores known */
}

typedef struct {
	const gchar *file;
	gint code;
	glong line;
} AaInvalidCase;

static const AaInvalidCase aa_invalid_profiles[] = {
    {"invalid-io-profile-not-a-number.csv", AA_ERROR_INVALID_DATA, 5},
    {"invalid-io-profile-time-not-increasing.csv", AA_ERROR_INVALID_DATA, 6},
    {"invalid-io-profile-no-magic.csv", AA_ERROR_INVALID_DATA, 1},
    {"invalid-io-profile-missing-column.csv", AA_ERROR_INVALID_DATA, 2},
    {"invalid-io-profile-negative.csv", AA_ERROR_INVALID_DATA, 3},
    {"invalid-io-profile-infinite.csv", AA_ERROR_INVALID_DATA, 3},
    {"invalid-io-profile-io-empty.csv", AA_ERROR_INVALID_DATA, 3},
    {"invalid-io-profile-fractional-cores.csv", AA_ERROR_INVALID_DATA, 2},
    {"invalid-io-profile-guest-trace.csv", AA_ERROR_INVALID_DATA, 1},
    {"invalid-io-profile-too-busy.csv", AA_ERROR_INVALID_DATA, 4},
    {"does-not-exist.csv", AA_ERROR_NOT_FOUND, 0},
};

static void
aa_iogroup_profile_invalid_func(gconstpointer data)
{
	const AaInvalidCase *c = data;
	g_autoptr(GError) error = NULL;
	g_autoptr(AaIoProfile) prof = aa_test_io_profile(c->file, &error);
	g_autofree gchar *where = NULL;

	g_assert_null(prof);
	g_assert_error(error, AA_ERROR, c->code);
	/* the message names the file, and the line where there is one */
	g_assert_nonnull(strstr(error->message, c->file));
	if (c->line > 0) {
		where = g_strdup_printf("%s:%ld:", c->file, c->line);
		/* the message is the feature: it names the file and line */
		g_assert_nonnull(strstr(error->message, where));
	}
}

/* an oversized file is refused before it is read */
static void
aa_iogroup_profile_too_big_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *dir = g_dir_make_tmp("aa-io-XXXXXX", &error);
	g_autofree gchar *fn = g_build_filename(dir, "big.csv", NULL);
	g_autoptr(AaIoProfile) prof = NULL;
	FILE *f;

	g_assert_no_error(error);
	f = g_fopen(fn, "w");
	g_assert_nonnull(f);
	fputs("# acrn-alloc-io-profile v1\n", f);
	g_assert_cmpint(fseek(f, 65 * 1024 * 1024, SEEK_SET), ==, 0);
	fputc('\n', f);
	fclose(f);
	prof = aa_io_profile_load(fn, &error);
	g_assert_null(prof);
	g_assert_error(error, AA_ERROR, AA_ERROR_HOSTILE);
	aa_test_rm_rf(dir);
}

/* a FIFO would block a plain read and /proc files are no traces: both are
 * refused at once by the reader every CSV input shares */
static void
aa_iogroup_profile_not_regular_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *dir = g_dir_make_tmp("aa-io-XXXXXX", &error);
	g_autofree gchar *fifo = g_build_filename(dir, "fifo.csv", NULL);
	g_autoptr(AaIoProfile) prof = NULL;
	g_autoptr(AaIoProfile) proc = NULL;

	g_assert_no_error(error);
	g_assert_cmpint(mkfifo(fifo, 0644), ==, 0);
	prof = aa_io_profile_load(fifo, &error);
	g_assert_null(prof);
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT);
	g_clear_error(&error);
	proc = aa_io_profile_load("/proc/self/status", &error);
	g_assert_null(proc);
	g_assert_error(error, AA_ERROR, AA_ERROR_HOSTILE);
	aa_test_rm_rf(dir);
}

/* adl-asrock's shared scenario with @intent_fn, which may fail to load */
static AaPluginContext *
aa_io_context(const gchar *intent_fn, GError **error)
{
	g_autoptr(AaPluginContext) ctx = aa_test_context_acrn("adl-asrock", NULL);
	g_autofree gchar *schema_dir = aa_test_schema_dir();

	ctx->intent = aa_intent_new();
	if (!aa_intent_load(ctx->intent, intent_fn, schema_dir, ctx->scenario, error))
		return NULL;
	return g_steal_pointer(&ctx);
}

static AaPluginContext *
aa_io_context_fixture(const gchar *name, GError **error)
{
	g_autofree gchar *fn = aa_test_fixture_path("io", name, NULL);
	return aa_io_context(fn, error);
}

static const AaInvalidCase aa_invalid_intents[] = {
    {"invalid-intent-io-mode-conflict.xml", AA_ERROR_INVALID_DATA, 4},
    {"invalid-intent-io-profile-other-vm.xml", AA_ERROR_INVALID_DATA, 4},
    {"invalid-intent-io-threshold-above-one.xml", AA_ERROR_INVALID_DATA, 4},
    {"invalid-intent-io-profile-bad.xml", AA_ERROR_INVALID_DATA, 4},
    {"invalid-intent-io-mode-unknown.xml", AA_ERROR_INVALID_DATA, 4},
};

static void
aa_iogroup_intent_invalid_func(gconstpointer data)
{
	const AaInvalidCase *c = data;
	g_autoptr(GError) error = NULL;
	g_autoptr(AaPluginContext) ctx = aa_io_context_fixture(c->file, &error);
	g_autofree gchar *where = g_strdup_printf("%s:%ld", c->file, c->line);

	g_assert_null(ctx);
	g_assert_error(error, AA_ERROR, c->code);
	/* the message is the feature: it names the file and line */
	g_assert_nonnull(strstr(error->message, where));
}

static void
aa_iogroup_intent_defaults_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(AaPluginContext) ctx =
	    aa_io_context_fixture("valid-intent-io-efficiency.xml", &error);
	const AaIoPolicy *io;

	g_assert_no_error(error);
	io = &ctx->intent->io;
	g_assert_true(io->given);
	g_assert_cmpint(io->mode, ==, AA_IO_MODE_EFFICIENCY);
	g_assert_true(io->has_th_io);
	g_assert_cmpfloat(io->th_io, ==, 0.75);
	g_assert_cmpfloat(io->th_vcpu, ==, 0.7);
	/* the paper's constants */
	g_assert_cmpfloat(io->reward, ==, 1.03);
	g_assert_cmpfloat(io->weight, ==, 0.7);
	g_assert_cmpfloat(io->margin, ==, 1.1);
	g_assert_cmpfloat(io->allow_vio, ==, 0.05);
	g_assert_nonnull(aa_intent_get_vm(ctx->intent, "POST_STD_VM1")->io_profile);
	g_assert_null(aa_intent_get_vm(ctx->intent, "POST_RT_VM1")->io_profile);
}

static guint
aa_test_pcpu(const AaIoGroup *g, guint i)
{
	return g_array_index(g->pcpus, guint, i);
}

/* efficiency mode, thresholds given: ceil(2.20 / 0.75) = 3 on pCPUs 1-3 */
static void
aa_iogroup_reserve_efficiency_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(AaPluginContext) ctx =
	    aa_io_context_fixture("valid-intent-io-efficiency.xml", &error);
	g_autoptr(AaCapacityInfo) cap = NULL;
	const AaIoGroup *g;
	const AaIoGroupVm *vm1;

	g_assert_no_error(error);
	cap = aa_capacity_compute(ctx->board, ctx->scenario, ctx->intent, &error);
	g_assert_no_error(error);
	g = cap->io_group;
	g_assert_nonnull(g);
	g_assert_cmpstr(g->th_source, ==, "given");
	g_assert_cmpfloat_with_epsilon(g->io_p95, 2.20, AA_EPS);
	g_assert_cmpuint(g->size, ==, 3);
	g_assert_cmpuint(g->pcpus->len, ==, 3);
	g_assert_cmpuint(aa_test_pcpu(g, 0), ==, 1);
	g_assert_cmpuint(aa_test_pcpu(g, 2), ==, 3);
	/* out of the capacity: 8 P - CPU 0 - 3 = 4; E untouched */
	g_assert_cmpint(cap->capacity.p_cores, ==, 4);
	g_assert_cmpint(cap->capacity.e_cores, ==, 4);
	g_assert_cmpuint(cap->taken->len, ==, 4);
	/* 19 of 20 summed samples need <= 3 cores at 0.75: only 2.45 needs 4 */
	g_assert_cmpuint(g->samples->len, ==, 20);
	g_assert_cmpuint(g->covered, ==, 19);
	vm1 = g_ptr_array_index(g->vms, 0);
	g_assert_cmpfloat_with_epsilon(vm1->io_p95, 1.80, AA_EPS);
	aa_iogroup_size_vm(cap->io_group, "POST_STD_VM1", 4);
	g_assert_cmpuint(vm1->iothreads, ==, 3);
	g_assert_cmpuint(vm1->mq, ==, 3);
	/* mq no more than the vCPUs */
	aa_iogroup_size_vm(cap->io_group, "POST_STD_VM1", 2);
	g_assert_cmpuint(vm1->mq, ==, 2);
	g_assert_cmpuint(vm1->iothreads, ==, 2);
}

/* thresholds from Algorithm 3 (worked in valid-intent-io-explore.xml) */
static void
aa_iogroup_reserve_explore_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(AaPluginContext) ctx =
	    aa_io_context_fixture("valid-intent-io-explore.xml", &error);
	g_autoptr(AaCapacityInfo) cap = NULL;
	const AaIoGroupVm *vm1;
	const AaIoGroupVm *vm2;

	g_assert_no_error(error);
	cap = aa_capacity_compute(ctx->board, ctx->scenario, ctx->intent, &error);
	g_assert_no_error(error);
	vm1 = g_ptr_array_index(cap->io_group->vms, 0);
	vm2 = g_ptr_array_index(cap->io_group->vms, 1);
	g_assert_true(vm1->has_slo);
	g_assert_cmpuint(vm1->n_violations, ==, 5);
	g_assert_cmpfloat_with_epsilon(vm1->th_vcpu, 0.73, AA_EPS);
	g_assert_cmpfloat_with_epsilon(vm1->th_io, 0.8, AA_EPS);
	g_assert_false(vm2->has_slo);
	g_assert_true(isnan(vm2->th_io));
	g_assert_cmpstr(cap->io_group->th_source, ==, "explored");
	g_assert_cmpfloat_with_epsilon(cap->io_group->th_vcpu, 0.73, AA_EPS);
	g_assert_cmpuint(cap->io_group->size, ==, 3);
}

/* writes an intent around the fixture profiles and loads it */
static AaPluginContext *
aa_test_context_text(const gchar *dir, const gchar *policy, GError **error)
{
	g_autofree gchar *io_dir = aa_test_fixture_path("io", NULL);
	g_autofree gchar *fn = g_build_filename(dir, "intent.xml", NULL);
	g_autofree gchar *text =
	    g_strdup_printf("<alloc-intent version=\"1\"><policy>%s</policy>"
	                    "<vm name=\"POST_STD_VM1\"><io-profile href=\"%s/vm1-heavy.csv\"/></vm>"
	                    "<vm name=\"POST_STD_VM2\" best-effort=\"true\">"
	                    "<io-profile href=\"%s/vm2-light.csv\"/></vm></alloc-intent>",
	                    policy, io_dir, io_dir);
	g_assert_true(g_file_set_contents(fn, text, -1, NULL));
	return aa_io_context(fn, error);
}

/* performance mode: Algorithm 1 per sample over TotalCore, the group the
 * quantile at the confidence; checked against the sums worked out here */
static void
aa_iogroup_reserve_performance_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *dir = g_dir_make_tmp("aa-io-XXXXXX", &error);
	g_autoptr(AaPluginContext) ctx = NULL;
	g_autoptr(AaCapacityInfo) cap = NULL;
	g_autoptr(AaIoProfile) a = NULL;
	g_autoptr(AaIoProfile) b = NULL;
	gdouble next_io[20];
	guint n_le = 0;
	guint size;

	g_assert_no_error(error);
	ctx = aa_test_context_text(
	    dir, "<io mode=\"performance\" th-vcpu=\"0.7\" th-io=\"0.5\" confidence=\"0.9\"/>",
	    &error);
	g_assert_no_error(error);
	cap = aa_capacity_compute(ctx->board, ctx->scenario, ctx->intent, &error);
	g_assert_no_error(error);

	/* TotalCore: 8 P + 4 E - CPU 0 - POST_RT_VM1's 10, 11 (outside the
	 * intent) = 9; per sample round(9 x (io/0.5) / (vcpu/0.7 + io/0.5)) */
	g_assert_cmpint(cap->io_group->total_cores, ==, 9);
	a = aa_test_io_profile("vm1-heavy.csv", NULL);
	b = aa_test_io_profile("vm2-light.csv", NULL);
	for (guint i = 0; i < 20; i++) {
		const AaIoSample *sa = &g_array_index(a->samples, AaIoSample, i);
		const AaIoSample *sb = &g_array_index(b->samples, AaIoSample, i);
		gdouble rv = (sa->vcpu_busy + sb->vcpu_busy) / 0.7;
		gdouble ri = (sa->io_busy + sb->io_busy) / 0.5;
		next_io[i] = floor(9 * ri / (rv + ri) + 0.5 + 1e-9);
		g_assert_cmpint(g_array_index(cap->io_group->samples, AaIoGroupSample, i).next_io,
		                ==, (gint64)next_io[i]);
	}
	/* nearest rank ceil(0.9 x 20) = 18th smallest */
	size = (guint)aa_iogroup_quantile(next_io, 20, 0.9);
	g_assert_cmpuint(cap->io_group->size, ==, size);
	for (guint i = 0; i < 20; i++)
		n_le += next_io[i] <= size;
	g_assert_cmpuint(cap->io_group->covered, ==, n_le);
	g_assert_cmpuint(n_le, >=, 18);
	aa_test_rm_rf(dir);
}

/* the io-group command: per-sample Algorithm 1 / 2 over the profiles alone,
 * as JSON, checked against the arithmetic redone here */
static void
aa_iogroup_trace_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *a_fn = aa_test_fixture_path("io", "vm1-heavy.csv", NULL);
	g_autofree gchar *b_fn = aa_test_fixture_path("io", "vm2-light.csv", NULL);
	g_autofree gchar *files = g_strdup_printf("%s\n%s", a_fn, b_fn);
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(AaIoProfile) a = aa_test_io_profile("vm1-heavy.csv", NULL);
	g_autoptr(AaIoProfile) b = aa_test_io_profile("vm2-light.csv", NULL);
	g_autoptr(JsonParser) parser = json_parser_new();
	g_autofree gchar *json = NULL;
	g_autofree gchar *bad = NULL;
	JsonObject *root;
	JsonArray *samples;
	gint64 pv = 0;
	gint64 pi = 0;
	guint over = 0;
	guint under = 0;

	g_hash_table_insert(options, "io-profiles", files);
	g_hash_table_insert(options, "total-cores", "9");
	g_hash_table_insert(options, "th-vcpu", "0.9");
	g_hash_table_insert(options, "th-io", "0.5");
	g_hash_table_insert(options, "format", "json");
	json = aa_iogroup_trace_run(options, &error);
	g_assert_no_error(error);
	g_assert_true(json_parser_load_from_data(parser, json, -1, &error));
	root = json_node_get_object(json_parser_get_root(parser));
	g_assert_cmpstr(json_object_get_string_member(root, "mode"), ==, "efficiency");
	/* ceil(2.20 / 0.5) = 5 */
	g_assert_cmpint(json_object_get_int_member(root, "size"), ==, 5);
	samples = json_object_get_array_member(root, "samples");
	g_assert_cmpuint(json_array_get_length(samples), ==, 20);
	/* Algorithm 2 redone: TotalCore 9, MARGIN 1.1; both branches occur */
	for (guint i = 0; i < 20; i++) {
		const AaIoSample *sa = &g_array_index(a->samples, AaIoSample, i);
		const AaIoSample *sb = &g_array_index(b->samples, AaIoSample, i);
		JsonObject *o = json_array_get_object_element(samples, i);
		gdouble uv = sa->vcpu_busy + sb->vcpu_busy;
		gdouble ui = sa->io_busy + sb->io_busy;
		gint64 rv = (gint64)ceil(uv / 0.9 - 1e-9);
		gint64 ri = (gint64)ceil(ui / 0.5 - 1e-9);
		gint64 nv;
		gint64 ni;
		if (rv + ri > 9) {
			nv = (gint64)floor(9.0 * rv / (rv + ri) + 0.5);
			ni = (gint64)floor(9.0 * ri / (rv + ri) + 0.5);
			over++;
		} else {
			under++;
			nv = pv > rv ? (gint64)ceil(1.1 * uv / 0.9 - 1e-9) : rv;
			ni = pi > ri ? (gint64)ceil(1.1 * ui / 0.5 - 1e-9) : ri;
		}
		g_assert_cmpint(json_object_get_int_member(o, "next_vcpu"), ==, nv);
		g_assert_cmpint(json_object_get_int_member(o, "next_io"), ==, ni);
		pv = nv;
		pi = ni;
	}
	g_assert_cmpuint(over, >, 0);
	g_assert_cmpuint(under, >, 0);

	/* bad options are usage errors */
	g_hash_table_insert(options, "total-cores", "2.5");
	bad = aa_iogroup_trace_run(options, &error);
	g_assert_null(bad);
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT);
	g_clear_error(&error);
	g_hash_table_insert(options, "total-cores", "6");
	g_hash_table_insert(options, "mode", "turbo");
	bad = aa_iogroup_trace_run(options, &error);
	g_assert_null(bad);
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT);
	g_clear_error(&error);

	/* without vcpu_busy: efficiency mode sizes from io_busy alone, performance
	 * mode cannot split and says what to record */
	{
		g_autofree gchar *no_vcpu =
		    aa_test_fixture_path("io", "valid-io-profile-no-vcpu.csv", NULL);
		g_autofree gchar *ok = NULL;
		g_hash_table_insert(options, "io-profiles", no_vcpu);
		g_hash_table_insert(options, "mode", "efficiency");
		g_hash_table_insert(options, "format", "text");
		ok = aa_iogroup_trace_run(options, &error);
		g_assert_no_error(error);
		/* p95 of 0.5, 0.7 = 0.7; ceil(0.7 / 0.5) = 2; no per-sample split */
		g_assert_true(g_str_has_prefix(ok, "I/O core group (efficiency mode): 2 pCPUs"));
		g_assert_nonnull(strstr(ok, "\n0,,0.5,,\n"));
		g_hash_table_insert(options, "mode", "performance");
		bad = aa_iogroup_trace_run(options, &error);
		g_assert_null(bad);
		g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_DATA);
		/* the code is coarse: the message tells this failure from others of its code */
		g_assert_nonnull(strstr(error->message, "vcpu_busy"));
	}
}

/* an I/O profile for a pre-launched VM is refused: no acrn-dm runs its I/O */
static void
aa_iogroup_reserve_pre_launched_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *srcdir = g_strdup(g_test_get_dir(G_TEST_DIST));
	g_autofree gchar *schema_dir = g_build_filename(srcdir, "schema", NULL);
	g_autofree gchar *board_fn = aa_test_acrn_data("cfl-k700-i7", "cfl-k700-i7.xml");
	g_autofree gchar *scenario_fn = aa_test_acrn_data("cfl-k700-i7", "hybrid.xml");
	g_autofree gchar *intent_fn =
	    aa_test_fixture_path("io", "invalid-intent-io-pre-launched.xml", NULL);
	g_autoptr(AaBoard) board = aa_board_new();
	g_autoptr(AaScenario) scenario = aa_scenario_new();
	g_autoptr(AaIntent) intent = aa_intent_new();
	g_autoptr(AaCapacityInfo) cap = NULL;

	g_assert_true(aa_board_load(board, board_fn, &error));
	g_assert_true(aa_scenario_load(scenario, scenario_fn, &error));
	g_assert_true(aa_intent_load(intent, intent_fn, schema_dir, scenario, &error));
	g_assert_no_error(error);
	cap = aa_capacity_compute(board, scenario, intent, &error);
	g_assert_null(cap);
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_DATA);
	/* the message is the feature: it names the file and line */
	aa_test_assert_contains(error->message,
	                        "invalid-intent-io-pre-launched.xml:6:", "not post-launched", NULL);
}

/* a group that leaves the VMs no pCPU is infeasible, with the fix */
static void
aa_iogroup_reserve_infeasible_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *dir = g_dir_make_tmp("aa-io-XXXXXX", &error);
	g_autoptr(AaPluginContext) ctx = NULL;
	g_autoptr(AaCapacityInfo) cap = NULL;

	/* ceil(2.20 / 0.2) = 11 > 9 free */
	ctx = aa_test_context_text(dir, "<io th-vcpu=\"0.7\" th-io=\"0.2\"/>", &error);
	g_assert_no_error(error);
	cap = aa_capacity_compute(ctx->board, ctx->scenario, ctx->intent, &error);
	g_assert_null(cap);
	g_assert_error(error, AA_ERROR, AA_ERROR_INFEASIBLE);
	/* the code is coarse: the message tells this failure from others of its code */
	g_assert_nonnull(strstr(error->message, "th-io"));
	aa_test_rm_rf(dir);
}

/* acrn-dm's virtio-blk option parser, mirrored: virtio_blk_init() consumes
 * leading ",iothread[=N[@set/set...]]" and ",mq=N" options before the image
 * path; iothread_parse_options() reads N > 0 (dm_strtoi), then up to N CPU
 * sets separated by '/', each of Service VM CPU numbers separated by ':'
 * ('*' ends a set); N is capped at mq and mq at the guest's vCPUs; one
 * acrn-dm has at most IOTHREAD_NUM (40) iothreads.  Stricter than acrn-dm
 * in one point: a number must be all digits (dm_strtoi ignores a tail). */
typedef struct {
	gint iothreads; /* 0 = no iothread option */
	gint mq;        /* 1 when absent */
	guint n_sets;
	guint64 cpus[8][16]; /* the sets as parsed */
	guint n_cpus[8];
	gchar *path;
} AaDmBlk;

static gboolean
aa_dm_int(const gchar *text, gint *value)
{
	guint64 v = 0;
	if (text == NULL || !g_ascii_string_to_unsigned(text, 10, 1, G_MAXINT32, &v, NULL))
		return FALSE;
	*value = (gint)v;
	return TRUE;
}

static gboolean
aa_dm_parse_blk(const gchar *opts, guint service_cpus, AaDmBlk *out)
{
	g_auto(GStrv) tokens = g_strsplit(opts, ",", -1);
	guint i = 0;

	memset(out, 0, sizeof(*out));
	out->mq = 1;
	for (; tokens[i] != NULL; i++) {
		gchar *t = tokens[i];
		if (g_str_has_prefix(t, "iothread")) {
			const gchar *eq = strchr(t, '=');
			g_auto(GStrv) num_sets = NULL;
			g_auto(GStrv) sets = NULL;
			out->iothreads = 1;
			if (eq == NULL)
				continue;
			num_sets = g_strsplit(eq + 1, "@", 2);
			if (!aa_dm_int(num_sets[0], &out->iothreads))
				return FALSE;
			if (num_sets[1] == NULL)
				continue;
			sets = g_strsplit(num_sets[1], "/", -1);
			for (guint k = 0;
			     sets[k] != NULL && sets[k][0] != '\0' && k < (guint)out->iothreads;
			     k++) {
				g_auto(GStrv) cpus = g_strsplit(sets[k], ":", -1);
				if (k >= G_N_ELEMENTS(out->cpus))
					return FALSE;
				for (guint c = 0; cpus[c] != NULL && cpus[c][0] != '\0'; c++) {
					guint64 cpu = 0;
					if (cpus[c][0] == '*')
						break;
					if (!g_ascii_string_to_unsigned(cpus[c], 10, 0, G_MAXINT32,
					                                &cpu, NULL))
						return FALSE;
					/* a CPU the Service VM lacks: the affinity fails */
					if (cpu >= service_cpus || c >= 16)
						return FALSE;
					out->cpus[k][out->n_cpus[k]++] = cpu;
				}
				out->n_sets = k + 1;
			}
		} else if (g_str_has_prefix(t, "mq")) {
			const gchar *eq = strchr(t, '=');
			if (eq != NULL && !aa_dm_int(eq + 1, &out->mq))
				return FALSE;
		} else {
			break;
		}
	}
	if (tokens[i] == NULL || tokens[i][0] == '\0')
		return FALSE; /* no image path */
	out->path = g_strjoinv(",", tokens + i);
	return TRUE;
}

static void
aa_iogroup_dm_parser_func(void)
{
	const gchar *good[] = {"./a.img",
	                       "iothread,./a.img",
	                       "iothread=3,mq=3,./a.img",
	                       "iothread=2@0:1/1,mq=2,/x.img",
	                       "mq=2,iothread=1@*,a.img",
	                       "iothread=2@0:1,b.img,writeback"};
	const gchar *bad[] = {"iothread=0,a.img",    "iothread=@1,a.img",
	                      "mq=0,a.img",          "iothread=2@1:x,a.img",
	                      "iothread=1@12,a.img", "mq=2,",
	                      "iothread=-1,a.img",   "mq=,a.img"};
	AaDmBlk blk;

	for (guint i = 0; i < G_N_ELEMENTS(good); i++) {
		g_assert_true(aa_dm_parse_blk(good[i], 12, &blk));
		g_free(blk.path);
	}
	for (guint i = 0; i < G_N_ELEMENTS(bad); i++)
		g_assert_false(aa_dm_parse_blk(bad[i], 12, &blk));
	/* an iothread after the path is part of the path, not an option */
	g_assert_true(aa_dm_parse_blk("a.img,iothread=2", 12, &blk));
	g_assert_cmpint(blk.iothreads, ==, 0);
	g_free(blk.path);
	g_assert_true(aa_dm_parse_blk("iothread=2@0:1/1,mq=2,/x.img", 12, &blk));
	g_assert_cmpint(blk.iothreads, ==, 2);
	g_assert_cmpuint(blk.n_sets, ==, 2);
	g_assert_cmpuint(blk.n_cpus[0], ==, 2);
	g_assert_cmpuint(blk.cpus[1][0], ==, 1);
	g_assert_cmpstr(blk.path, ==, "/x.img");
	g_free(blk.path);
}

/* /proc/cpuinfo of a Service VM holding the board's pCPUs but @skip, each
 * entry as long as a real one so that "grep -B 15" finds its processor */
static gchar *
aa_test_cpuinfo(AaBoard *board, guint skip)
{
	GString *text = g_string_new(NULL);
	guint n = 0;
	for (guint i = 0; i < board->pcpus->len; i++) {
		const AaPcpu *pcpu = g_ptr_array_index(board->pcpus, i);
		if (pcpu->cpu_id == skip)
			continue;
		g_string_append_printf(
		    text,
		    "processor\t: %u\nvendor_id\t: GenuineIntel\ncpu family\t: 6\n"
		    "model\t\t: 151\nmodel name\t: test\nstepping\t: 2\n"
		    "microcode\t: 0x1\ncpu MHz\t\t: 2000.000\ncache size\t: "
		    "30720 KB\nphysical id\t: 0\nsiblings\t: 12\ncore id\t\t: "
		    "%u\ncpu cores\t: 12\napicid\t\t: %u\ninitial apicid\t: "
		    "%u\nfpu\t\t: yes\nflags\t\t: fpu vme\n\n",
		    n++, pcpu->core_id, pcpu->apic_id, pcpu->apic_id);
	}
	return g_string_free(text, FALSE);
}

/* runs the launch script with acrn-dm and taskset stubbed; returns
 * acrn-dm's arguments and taskset's */
static GStrv
aa_test_run_script(const gchar *tmp, const gchar *script, const gchar *cpuinfo, gchar **taskset,
                   gchar **err)
{
	g_autofree gchar *stubs = g_build_filename(tmp, "stubs", NULL);
	g_autofree gchar *root = g_build_filename(tmp, "root", NULL);
	g_autofree gchar *argv_out = g_build_filename(tmp, "argv", NULL);
	g_autofree gchar *taskset_out = g_build_filename(tmp, "taskset", NULL);
	g_autofree gchar *got = NULL;
	g_autoptr(GPtrArray) args = g_ptr_array_new();
	const gchar *env[] = {"ACRN_SYSFS_ROOT", root,        "ARGV_OUT", argv_out,
	                      "TASKSET_OUT",     taskset_out, NULL};
	gsize len = 0;

	aa_test_write_stubs(stubs);
	aa_test_write_file(stubs, "taskset", "#!/bin/sh\necho \"$@\" > \"$TASKSET_OUT\"\n", 0755);
	aa_test_write_file(root, "proc/cpuinfo", cpuinfo, 0644);
	aa_test_write_file(root, "sys/class/net/eth0/address", "00:16:3e:00:00:01\n", 0644);
	aa_test_write_file(root, "sys/bus/pci/devices/0000:00:02.0/vendor", "0x8086\n", 0644);
	aa_test_write_file(root, "sys/bus/pci/devices/0000:00:02.0/device", "0x4680\n", 0644);
	aa_test_write_file(root, "sys/bus/pci/drivers/pci-stub/new_id", "", 0644);
	aa_test_write_file(root, "sys/bus/pci/drivers/pci-stub/bind", "", 0644);
	g_unlink(taskset_out);

	*err = aa_test_run_bash(script, tmp, stubs, env, NULL);
	g_assert_true(g_file_get_contents(argv_out, &got, &len, NULL));
	for (gsize i = 0; i < len; i += strlen(got + i) + 1)
		g_ptr_array_add(args, g_strdup(got + i));
	g_ptr_array_add(args, NULL);
	if (!g_file_get_contents(taskset_out, taskset, NULL, NULL))
		*taskset = NULL;
	return (GStrv)g_ptr_array_free(g_steal_pointer(&args), FALSE);
}

/* the virtio-blk options among acrn-dm's arguments, checked with the mirror */
static void
aa_test_assert_blk(GStrv args, guint service_cpus, gint iothreads, gint mq, guint vcpus,
                   const guint64 *cpus, guint n_cpus)
{
	guint found = 0;
	gint total = 0;
	for (guint i = 1; args[i] != NULL; i++) {
		const gchar *blk;
		AaDmBlk parsed;
		if (g_strcmp0(args[i - 1], "-s") != 0 ||
		    (blk = strstr(args[i], ",virtio-blk,")) == NULL)
			continue;
		found++;
		g_assert_true(aa_dm_parse_blk(blk + strlen(",virtio-blk,"), service_cpus, &parsed));
		g_assert_cmpint(parsed.iothreads, ==, iothreads);
		g_assert_cmpint(parsed.mq, ==, mq);
		/* neither is capped by acrn-dm: mq <= vCPUs, iothreads <= mq */
		g_assert_cmpint(parsed.mq, <=, (gint)vcpus);
		g_assert_cmpint(parsed.iothreads, <=, parsed.mq);
		g_assert_cmpuint(parsed.n_sets, ==, (guint)iothreads);
		for (guint k = 0; k < parsed.n_sets; k++) {
			g_assert_cmpuint(parsed.n_cpus[k], ==, n_cpus);
			for (guint c = 0; c < n_cpus; c++)
				g_assert_cmpuint(parsed.cpus[k][c], ==, cpus[c]);
		}
		total += parsed.iothreads;
		g_free(parsed.path);
	}
	g_assert_cmpuint(found, >, 0);
	g_assert_cmpint(total, <=, 40);
}

/* an I/O-heavy profile -> an I/O core group -> launch scripts whose acrn-dm
 * gets iothread=N@cpus and mq=M that acrn-dm's parser accepts */
static void
aa_iogroup_end_to_end_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *tmp = g_dir_make_tmp("aa-io-XXXXXX", &error);
	g_autofree gchar *rec = g_build_filename(tmp, "recommendation.xml", NULL);
	g_autofree gchar *final = g_build_filename(tmp, "scenario.xml", NULL);
	g_autofree gchar *launch = g_build_filename(tmp, "launch", NULL);
	g_autofree gchar *script = g_build_filename(launch, "launch_user_vm_id1.sh", NULL);
	g_autofree gchar *text = NULL;
	g_autofree gchar *summary = NULL;
	g_autoptr(AaPluginContext) ctx = aa_io_context_fixture("valid-intent-io-e2e.xml", &error);
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(AaScenario) scenario = aa_scenario_new();
	const guint64 full[] = {1, 2, 3, 4};

	g_assert_no_error(error);
	g_hash_table_insert(options, "output", rec);
	summary = aa_recommend_run(ctx, options, &error);
	g_assert_no_error(error);
	g_assert_nonnull(strstr(summary, "I/O core group (efficiency mode): 4 pCPUs 1-4"));
	g_assert_true(g_file_get_contents(rec, &text, NULL, NULL));
	g_assert_nonnull(strstr(text, "<io-group mode=\"efficiency\" th-io=\"0.6\" "
	                              "th-vcpu=\"0.73\" th-source=\"mixed\" size=\"4\""));
	g_assert_nonnull(strstr(text, "<vm name=\"POST_STD_VM1\" iothreads=\"3\" mq=\"3\""));
	g_clear_pointer(&summary, g_free);

	/* the report: the group, the thresholds, per-sample demand against it
	 * (20 bars, the one sample needing 5 > 4 cores in red: 2.45 / 0.6) */
	{
		g_autoptr(xmlDoc) rec_doc = aa_xml_load_file(rec, &error);
		g_autoptr(xmlDoc) input = NULL;
		g_autofree gchar *html = NULL;
		g_autofree gchar *chart = NULL;
		const gchar *at;
		guint bars = 0;
		guint red = 0;
		g_assert_no_error(error);
		input = aa_report_input_new(ctx->board, ctx->scenario, rec_doc, rec, &error);
		g_assert_no_error(error);
		html = aa_report_render(ctx->data_dir, input, &error);
		g_assert_no_error(error);
		aa_test_assert_contains(html, "th-io 0.6, th-vcpu 0.73 (mixed)",
		                        "<td>5 of 20</td><td>0.73 / 0.8</td>", NULL);
		at = strstr(html, "id=\"chart-io-demand\"");
		g_assert_nonnull(at);
		g_assert_nonnull(strstr(at, "</svg>"));
		chart = g_strndup(at, strstr(at, "</svg>") - at);
		for (const gchar *p = chart; (p = strstr(p, "<rect ")) != NULL; p++) {
			bars++;
			red += g_str_has_prefix(strstr(p, "fill=\""), "fill=\"#b3261e\"");
		}
		g_assert_cmpuint(bars, ==, 20);
		g_assert_cmpuint(red, ==, 1);
	}

	g_hash_table_insert(options, "recommendation", rec);
	g_hash_table_insert(options, "output", final);
	summary = aa_transform_apply(ctx, options, &error);
	g_assert_no_error(error);
	g_clear_pointer(&summary, g_free);
	g_assert_true(aa_scenario_load(scenario, final, &error));
	aa_scenario_free(ctx->scenario);
	ctx->scenario = g_steal_pointer(&scenario);

	g_hash_table_insert(options, "output", launch);
	summary = aa_transform_launch(ctx, options, &error);
	g_assert_no_error(error);
	aa_test_assert_shell_clean(script);

	/* the Service VM holds all 12 pCPUs: group pCPUs 1-4 are its CPUs 1-4 */
	{
		g_autofree gchar *cpuinfo = aa_test_cpuinfo(ctx->board, G_MAXUINT);
		g_autofree gchar *taskset = NULL;
		g_autofree gchar *err = NULL;
		g_auto(GStrv) args = aa_test_run_script(tmp, script, cpuinfo, &taskset, &err);
		g_assert_nonnull(taskset);
		g_assert_true(g_str_has_prefix(taskset, "-pc 1,2,3,4 "));
		aa_test_assert_blk(args, 12, 3, 3, 3, full, 4);
	}
	/* pCPU 1 missing from the Service VM: the others are renumbered, and
	 * the APIC IDs still find pCPUs 2-4, now its CPUs 1-3 */
	{
		g_autofree gchar *cpuinfo = aa_test_cpuinfo(ctx->board, 1);
		g_autofree gchar *taskset = NULL;
		g_autofree gchar *err = NULL;
		g_auto(GStrv) args = aa_test_run_script(tmp, script, cpuinfo, &taskset, &err);
		const guint64 renumbered[] = {1, 2, 3};
		g_assert_nonnull(strstr(err, "no Service VM CPU has APIC ID 8"));
		g_assert_true(g_str_has_prefix(taskset, "-pc 1,2,3 "));
		aa_test_assert_blk(args, 11, 3, 3, 3, renumbered, 3);
	}
	/* without the recommendation the script is the plain one */
	g_hash_table_remove(options, "recommendation");
	g_clear_pointer(&summary, g_free);
	summary = aa_transform_launch(ctx, options, &error);
	g_assert_no_error(error);
	g_clear_pointer(&text, g_free);
	g_assert_true(g_file_get_contents(script, &text, NULL, NULL));
	g_assert_null(strstr(text, "io_blk_opts"));
	aa_test_rm_rf(tmp);
}

/* resource mode: the pCPUs no VM got go to the best-effort VM of their kind */
static void
aa_iogroup_resource_mode_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *tmp = g_dir_make_tmp("aa-io-XXXXXX", &error);
	g_autofree gchar *rec = g_build_filename(tmp, "recommendation.xml", NULL);
	g_autofree gchar *summary = NULL;
	g_autofree gchar *text = NULL;
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(AaPluginContext) ctx = NULL;
	const gchar *vm2;

	/* POST_STD_VM2 (best effort) needs a P-core: it gets 5; VM1 an E-core
	 * (8); the group 1-4; so P-cores 6 and 7 are idle and go to VM2, E-core
	 * 9 (idle too) does not: P and E are not mixed in one VM */
	{
		g_autofree gchar *io_dir = aa_test_fixture_path("io", NULL);
		g_autofree gchar *fn = g_build_filename(tmp, "intent-r.xml", NULL);
		g_autofree gchar *intent = g_strdup_printf(
		    "<alloc-intent version=\"1\"><policy><io mode=\"resource\" th-vcpu=\"0.7\" "
		    "th-io=\"0.6\"/></policy><vm name=\"POST_STD_VM1\"><io-profile "
		    "href=\"%s/vm1-heavy.csv\"/></vm><vm name=\"POST_STD_VM2\" "
		    "best-effort=\"true\">"
		    "<limits><p-cores min=\"1\"/></limits><io-profile href=\"%s/vm2-light.csv\"/>"
		    "</vm></alloc-intent>",
		    io_dir, io_dir);
		g_assert_true(g_file_set_contents(fn, intent, -1, NULL));
		ctx = aa_io_context(fn, &error);
		g_assert_no_error(error);
	}
	g_hash_table_insert(options, "output", rec);
	summary = aa_recommend_run(ctx, options, &error);
	g_assert_no_error(error);
	g_assert_nonnull(strstr(summary, "best effort: POST_STD_VM2 also runs on idle pCPUs 6-7"));
	g_assert_true(g_file_get_contents(rec, &text, NULL, NULL));
	vm2 = strstr(text, "<vm name=\"POST_STD_VM2\"");
	g_assert_nonnull(vm2);
	g_assert_nonnull(strstr(vm2, "<pcpu id=\"5\"/>\n      <pcpu id=\"6\" idle=\"true\"/>\n"
	                             "      <pcpu id=\"7\" idle=\"true\"/>"));
	g_assert_nonnull(strstr(text, "<best-effort vm=\"POST_STD_VM2\">"));
	g_assert_null(strstr(text, "<pcpu id=\"9\" idle"));
	aa_test_rm_rf(tmp);
}

static AaDiagnostics *
aa_test_check(AaPluginContext *ctx, const gchar *rec_fixture)
{
	g_autoptr(AaDiagnostics) report =
	    aa_diagnostics_new(ctx->board->filename, aa_scenario_get_filename(ctx->scenario));
	g_autoptr(xmlDoc) rec = NULL;
	if (rec_fixture != NULL) {
		g_autofree gchar *fn = aa_test_fixture_path("io", rec_fixture, NULL);
		rec = aa_xml_load_file(fn, NULL);
		g_assert_nonnull(rec);
	}
	aa_iogroup_check(ctx->board, ctx->scenario, ctx->intent, rec, report);
	return g_steal_pointer(&report);
}

static guint
aa_test_count(AaDiagnostics *report, const gchar *rule)
{
	guint n = 0;
	for (guint i = 0; i < report->diagnostics->len; i++) {
		AaDiagnostic *d = g_ptr_array_index(report->diagnostics, i);
		n += g_strcmp0(d->rule_id, rule) == 0;
	}
	return n;
}

/* io-shared-service-vm: heavy I/O on pCPUs all shared with the Service VM */
static void
aa_iogroup_check_shared_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(AaPluginContext) ctx = aa_io_context_fixture("valid-intent-io-e2e.xml", &error);
	g_autoptr(AaDiagnostics) report = NULL;
	g_autoptr(AaDiagnostics) clean = NULL;
	AaDiagnostic *d;

	g_assert_no_error(error);
	/* shared.xml: POST_STD_VM1 (p95 1.8 cores) on pCPUs 0, 1 under BVT;
	 * POST_STD_VM2 (p95 0.4) is below the 0.5-core line */
	report = aa_test_check(ctx, NULL);
	g_assert_cmpuint(aa_test_count(report, "io-shared-service-vm"), ==, 1);
	d = g_ptr_array_index(report->diagnostics, 0);
	g_assert_cmpstr(d->vm, ==, "POST_STD_VM1");
	g_assert_cmpint(d->severity, ==, AA_SEVERITY_WARNING);
	g_assert_nonnull(strstr(d->message, "(0-1)"));
	/* an I/O core group in the recommendation takes the work off them */
	clean = aa_test_check(ctx, "valid-recommendation-io-group.xml");
	g_assert_cmpuint(clean->diagnostics->len, ==, 0);
}

/* iothread-outside-service-vm: the group on an RT VM's or a missing pCPU,
 * and a hand-written iothread affinity beyond the Service VM's CPUs */
static void
aa_iogroup_check_outside_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(AaPluginContext) ctx = aa_io_context_fixture("valid-intent-io-e2e.xml", &error);
	g_autoptr(AaDiagnostics) report = NULL;
	g_autoptr(AaScenario) scenario = aa_scenario_new();
	g_autofree gchar *fn =
	    aa_test_fixture_path("io", "warning-scenario-iothread-outside.xml", NULL);

	g_assert_no_error(error);
	/* pCPU 10 is POST_RT_VM1's (offlined), 40 is not on the board */
	report = aa_test_check(ctx, "warning-recommendation-iothread-outside.xml");
	g_assert_cmpuint(aa_test_count(report, "iothread-outside-service-vm"), ==, 2);
	g_clear_pointer(&report, aa_diagnostics_free);

	/* iothread=2@3:12/10: CPU 12 does not exist, CPU 10 is the RT VM's */
	g_assert_true(aa_scenario_load(scenario, fn, &error));
	aa_scenario_free(ctx->scenario);
	ctx->scenario = g_steal_pointer(&scenario);
	report = aa_test_check(ctx, NULL);
	g_assert_cmpuint(aa_test_count(report, "iothread-outside-service-vm"), ==, 2);
}

/* the fake stat line of one acrn-dm thread after @step stub sleeps */
static const struct {
	const gchar *tid;
	const gchar *comm;
	guint utime; /* ticks per step */
	guint stime;
} aa_fake_threads[] = {
    {"4242", "acrn-dm", 6, 4},          /* main thread: other, 0.10 core */
    {"4243", "iothr-0-blk5:0", 30, 20}, /* I/O, 0.50 */
    {"4244", "blk-5:0-0", 20, 5},       /* I/O, 0.25 */
    {"4245", "vcpu 0", 30, 10},         /* other, 0.40 */
    {"4246", "vtnet-4:0 tx", 10, 5},    /* I/O, 0.15 */
    {"4247", "we) (ird", 5, 0},         /* other, 0.05: ')' inside the name */
};

/* profile-script --service-vm against a fake /proc whose ticks advance with
 * each (stubbed) sleep: 1 s of uptime per step, CLK_TCK 100 */
static void
aa_iogroup_service_vm_script_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *tmp = g_dir_make_tmp("aa-io-XXXXXX", &error);
	g_autofree gchar *proc = g_build_filename(tmp, "proc", NULL);
	g_autofree gchar *stubs = g_build_filename(tmp, "stubs", NULL);
	g_autofree gchar *script_fn = g_build_filename(tmp, "io.sh", NULL);
	g_autofree gchar *csv = g_build_filename(tmp, "out.csv", NULL);
	g_autofree gchar *script = NULL;
	g_autofree gchar *path = NULL;
	g_autofree gchar *err = NULL;
	g_autofree gchar *shellcheck = g_find_program_in_path("shellcheck");
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(GString) sleep_stub =
	    g_string_new("#!/bin/sh\nstep=$(($(cat \"$FAKE_PROC/step\") + 1))\n"
	                 "echo \"$step\" > \"$FAKE_PROC/step\"\n"
	                 "echo \"$((1000 + step)).00 0.00\" > "
	                 "\"$FAKE_PROC/uptime\"\n");
	g_autoptr(AaIoProfile) prof = NULL;
	g_auto(GStrv) envp = g_get_environ();
	gint status = 0;
	const gchar cmdline[] = "acrn-dm\0-m\0001024M\0--cpu_affinity\0008,16,24\0-s\000"
	                        "5,virtio-blk,./a.img\0POST_STD_VM1";

	g_assert_no_error(error);
	/* a decoy acrn-dm for another VM, found first by the glob */
	aa_test_write_file(proc, "100/comm", "acrn-dm\n", 0644);
	{
		g_autofree gchar *fn = g_build_filename(proc, "100", "cmdline", NULL);
		g_assert_true(g_file_set_contents(fn, "acrn-dm\0POST_STD_VM2", 21, NULL));
		g_clear_pointer(&fn, g_free);
		aa_test_write_file(proc, "4242/comm", "acrn-dm\n", 0644);
		fn = g_build_filename(proc, "4242", "cmdline", NULL);
		g_assert_true(g_file_set_contents(fn, cmdline, sizeof(cmdline), NULL));
	}
	aa_test_write_file(proc, "4242/status", "Name:\tacrn-dm\nCpus_allowed_list:\t1-2,5\n",
	                   0644);
	aa_test_write_file(proc, "uptime", "1000.00 0.00\n", 0644);
	aa_test_write_file(proc, "step", "0\n", 0644);
	for (guint i = 0; i < G_N_ELEMENTS(aa_fake_threads); i++) {
		g_autofree gchar *rel =
		    g_strdup_printf("4242/task/%s/stat", aa_fake_threads[i].tid);
		g_autofree gchar *line =
		    g_strdup_printf("%s (%s) S 1 4242 4242 0 -1 4194560 10 0 0 0 0 0 20 0 1 0 "
		                    "100\n",
		                    aa_fake_threads[i].tid, aa_fake_threads[i].comm);
		aa_test_write_file(proc, rel, line, 0644);
		g_string_append_printf(
		    sleep_stub,
		    "printf '%%s (%%s) S 1 4242 4242 0 -1 4194560 10 0 0 0 %%d %%d "
		    "20 0 1 0 100\\n' %s '%s' $((step * %u)) $((step * %u)) > "
		    "\"$FAKE_PROC/4242/task/%s/stat\"\n",
		    aa_fake_threads[i].tid, aa_fake_threads[i].comm, aa_fake_threads[i].utime,
		    aa_fake_threads[i].stime, aa_fake_threads[i].tid);
	}
	aa_test_write_file(stubs, "sleep", sleep_stub->str, 0755);

	g_hash_table_insert(options, "interval", "0.5");
	g_hash_table_insert(options, "duration", "1.5");
	g_hash_table_insert(options, "qos-command", "echo fps=3; echo latency-p95-ms=4.5");
	g_hash_table_insert(options, "vcpu-command", "echo 2.25");
	script = aa_io_profile_script_render("POST_STD_VM1", options, &error);
	g_assert_no_error(error);
	g_assert_true(g_file_set_contents(script_fn, script, -1, NULL));
	if (shellcheck != NULL) {
		const gchar *argv[] = {shellcheck, "-s", "sh", script_fn, NULL};
		g_autofree gchar *out = NULL;
		g_assert_true(g_spawn_sync(NULL, (gchar **)argv, NULL, 0, NULL, NULL, &out, NULL,
		                           &status, &error));
		if (!g_spawn_check_wait_status(status, NULL))
			g_printerr("%s", out);
		g_assert_true(g_spawn_check_wait_status(status, NULL));
	}

	path = g_strdup_printf("%s:%s", stubs, g_getenv("PATH"));
	envp = g_environ_setenv(envp, "PATH", path, TRUE);
	envp = g_environ_setenv(envp, "AA_PROC_ROOT", proc, TRUE);
	envp = g_environ_setenv(envp, "FAKE_PROC", proc, TRUE);
	envp = g_environ_setenv(envp, "AA_CLK_TCK", "100", TRUE);
	{
		const gchar *argv[] = {"sh", script_fn, "-o", csv, NULL};
		g_assert_true(g_spawn_sync(tmp, (gchar **)argv, envp, G_SPAWN_SEARCH_PATH, NULL,
		                           NULL, NULL, &err, &status, &error));
	}
	g_assert_no_error(error);
	if (!g_spawn_check_wait_status(status, NULL))
		g_printerr("script stderr:\n%s", err);
	g_assert_true(g_spawn_check_wait_status(status, NULL));

	/* 3 samples of 1 s: I/O 0.50 + 0.25 + 0.15, the rest 0.10 + 0.40 + 0.05 */
	prof = aa_io_profile_load(csv, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(prof->vm_name, ==, "POST_STD_VM1");
	g_assert_cmpfloat(prof->vcpu_cores, ==, 3);
	g_assert_cmpfloat(prof->io_cores, ==, 3);
	g_assert_cmpuint(prof->samples->len, ==, 3);
	for (guint i = 0; i < 3; i++) {
		const AaIoSample *s = &g_array_index(prof->samples, AaIoSample, i);
		g_assert_cmpfloat_with_epsilon(s->time_s, i + 1.0, AA_EPS);
		g_assert_cmpfloat_with_epsilon(s->io_busy, 0.90, AA_EPS);
		g_assert_cmpfloat_with_epsilon(s->vcpu_busy, 2.25, AA_EPS);
		g_assert_cmpfloat_with_epsilon(s->latency_p95_ms, 4.5, AA_EPS);
	}
	{
		g_autofree gchar *text = NULL;
		g_assert_true(g_file_get_contents(csv, &text, NULL, NULL));
		g_assert_nonnull(strstr(text, "1.000,2.25,0.9000,4.5,0.5500\n"));
	}

	/* no acrn-dm for the VM: exit 1, and no CSV */
	g_clear_pointer(&err, g_free);
	{
		const gchar *argv[] = {"sh", script_fn, "-o", csv, "-p", "999", NULL};
		g_assert_true(g_spawn_sync(tmp, (gchar **)argv, envp, G_SPAWN_SEARCH_PATH, NULL,
		                           NULL, NULL, &err, &status, &error));
	}
	g_assert_cmpint(WEXITSTATUS(status), ==, 1);
	g_assert_nonnull(strstr(err, "no process 999"));
	aa_test_rm_rf(tmp);
}

/* a VM name with quotes and $(...) is one literal word */
static void
aa_iogroup_service_vm_script_quoting_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *script = aa_io_profile_script_render("a'b$(touch x)", NULL, &error);
	g_autofree gchar *bad = aa_io_profile_script_render("vm", NULL, &error);
	g_autoptr(GHashTable) options = g_hash_table_new(g_str_hash, g_str_equal);

	g_assert_no_error(error);
	g_assert_nonnull(strstr(script, "vm_name='a'\\''b$(touch x)'\n"));
	g_hash_table_insert(options, "interval", "1; rm -rf /");
	g_clear_pointer(&bad, g_free);
	bad = aa_io_profile_script_render("vm", options, &error);
	g_assert_null(bad);
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT);
}

/* runs the host program; returns its exit status */

/* the commands of this issue through the host: exit codes and outputs */
static void
aa_iogroup_host_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree gchar *tmp = g_dir_make_tmp("aa-io-XXXXXX", &error);
	g_autofree gchar *heavy = aa_test_fixture_path("io", "vm1-heavy.csv", NULL);
	g_autofree gchar *bad = aa_test_fixture_path("io", "invalid-io-profile-negative.csv", NULL);
	g_autofree gchar *intent = aa_test_fixture_path("io", "valid-intent-io-e2e.xml", NULL);
	g_autofree gchar *script = g_build_filename(tmp, "io.sh", NULL);
	g_autofree gchar *launch = g_build_filename(tmp, "launch", NULL);
	g_autofree gchar *board = aa_test_acrn_data("adl-asrock", "adl-asrock.xml");
	g_autofree gchar *scenario = aa_test_acrn_data("adl-asrock", "shared.xml");
	g_autofree gchar *missing = g_build_filename(tmp, "missing.xml", NULL);

	if (g_getenv("AA_HOST") == NULL ||
	    !g_file_test(g_getenv("AA_HOST"), G_FILE_TEST_IS_EXECUTABLE)) {
		g_test_skip("the host program is not built");
		return;
	}
	{
		const gchar *args[] = {"io-group", "-p",  heavy,       "--total-cores", "9",
		                       "--th-io",  "0.6", "--th-vcpu", "0.7",           NULL};
		g_autofree gchar *out = NULL;
		g_autofree gchar *err = NULL;
		g_assert_cmpint(aa_test_host_argv(NULL, args, &out, &err), ==, 0);
		/* ceil(p95 1.80 / 0.6) = 3 */
		g_assert_true(g_str_has_prefix(out, "I/O core group (efficiency mode): 3 pCPUs"));
	}
	{
		const gchar *args[] = {"io-group", "-p", bad, "--total-cores", "9", NULL};
		g_autofree gchar *out = NULL;
		g_autofree gchar *err = NULL;
		g_assert_cmpint(aa_test_host_argv(NULL, args, &out, &err), ==, 2);
		g_assert_nonnull(strstr(err, "invalid-io-profile-negative.csv:3:"));
	}
	{
		const gchar *args[] = {"io-group", "-p", heavy, NULL};
		g_autofree gchar *out = NULL;
		g_autofree gchar *err = NULL;
		g_assert_cmpint(aa_test_host_argv(NULL, args, &out, &err), ==, 2);
	}
	{
		const gchar *args[] = {"profile-script", "--service-vm", "--intent", intent, "--vm",
		                       "POST_STD_VM1",   "-o",           script,     NULL};
		g_autofree gchar *out = NULL;
		g_autofree gchar *err = NULL;
		g_assert_cmpint(aa_test_host_argv(NULL, args, &out, &err), ==, 0);
		g_assert_true(g_file_test(script, G_FILE_TEST_IS_EXECUTABLE));
	}
	{
		const gchar *args[] = {"launch", "--board", board,  "--scenario",
		                       scenario, "-o",      launch, "--recommendation",
		                       missing,  NULL};
		g_autofree gchar *out = NULL;
		g_autofree gchar *err = NULL;
		g_assert_cmpint(aa_test_host_argv(NULL, args, &out, &err), ==, 2);
		g_assert_nonnull(strstr(err, "missing.xml"));
	}
	aa_test_rm_rf(tmp);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/aa/iogroup/alg1", aa_iogroup_alg1_func);
	g_test_add_func("/aa/iogroup/rounding", aa_iogroup_rounding_func);
	g_test_add_func("/aa/iogroup/alg2-margin", aa_iogroup_alg2_margin_func);
	g_test_add_func("/aa/iogroup/alg2-over-total", aa_iogroup_alg2_over_func);
	g_test_add_func("/aa/iogroup/explore-lower", aa_iogroup_explore_lower_func);
	g_test_add_func("/aa/iogroup/explore-reward", aa_iogroup_explore_reward_func);
	g_test_add_func("/aa/iogroup/quantile", aa_iogroup_quantile_func);
	g_test_add_func("/aa/iogroup/profile-valid", aa_iogroup_profile_valid_func);
	aa_test_add_cases("/aa/iogroup/profile-invalid", aa_invalid_profiles,
	                  sizeof(aa_invalid_profiles[0]), G_N_ELEMENTS(aa_invalid_profiles),
	                  aa_iogroup_profile_invalid_func);
	g_test_add_func("/aa/iogroup/profile-too-big", aa_iogroup_profile_too_big_func);
	g_test_add_func("/aa/iogroup/profile-not-regular", aa_iogroup_profile_not_regular_func);
	aa_test_add_cases("/aa/iogroup/intent-invalid", aa_invalid_intents,
	                  sizeof(aa_invalid_intents[0]), G_N_ELEMENTS(aa_invalid_intents),
	                  aa_iogroup_intent_invalid_func);
	g_test_add_func("/aa/iogroup/intent-defaults", aa_iogroup_intent_defaults_func);
	g_test_add_func("/aa/iogroup/reserve-efficiency", aa_iogroup_reserve_efficiency_func);
	g_test_add_func("/aa/iogroup/reserve-explore", aa_iogroup_reserve_explore_func);
	g_test_add_func("/aa/iogroup/reserve-performance", aa_iogroup_reserve_performance_func);
	g_test_add_func("/aa/iogroup/trace", aa_iogroup_trace_func);
	g_test_add_func("/aa/iogroup/reserve-pre-launched", aa_iogroup_reserve_pre_launched_func);
	g_test_add_func("/aa/iogroup/reserve-infeasible", aa_iogroup_reserve_infeasible_func);
	g_test_add_func("/aa/iogroup/dm-parser", aa_iogroup_dm_parser_func);
	g_test_add_func("/aa/iogroup/end-to-end", aa_iogroup_end_to_end_func);
	g_test_add_func("/aa/iogroup/resource-mode", aa_iogroup_resource_mode_func);
	g_test_add_func("/aa/iogroup/check-shared", aa_iogroup_check_shared_func);
	g_test_add_func("/aa/iogroup/check-outside", aa_iogroup_check_outside_func);
	g_test_add_func("/aa/iogroup/service-vm-script", aa_iogroup_service_vm_script_func);
	g_test_add_func("/aa/iogroup/service-vm-script-quoting",
	                aa_iogroup_service_vm_script_quoting_func);
	g_test_add_func("/aa/iogroup/host", aa_iogroup_host_func);
	return g_test_run();
}
