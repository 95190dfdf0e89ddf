/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Ownership (docs/destructors.md): every free function takes NULL and an
 * object none of whose members were made yet, a _clear() can run twice; and
 * the small helpers that replaced copies: the missing-option check, the
 * {xpath} template scanner, the JSON integer-or-null member.
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "aa-board-private.h"
#include "aa-capacity.h"
#include "aa-context-private.h"
#include "aa-diagnostic.h"
#include "aa-error.h"
#include "aa-feasibility.h"
#include "aa-forecast.h"
#include "aa-intent-private.h"
#include "aa-io-profile.h"
#include "aa-iogroup.h"
#include "aa-json.h"
#include "aa-model-private.h"
#include "aa-placement.h"
#include "aa-profile.h"
#include "aa-refine.h"
#include "aa-rtanalysis.h"
#include "aa-rtsched.h"
#include "aa-rules-private.h"
#include "aa-search.h"
#include "aa-trials.h"
#include "aa-test-util.h"

/* a zeroed object is what a loader that failed before making any member
 * leaves; freeing it must not touch a NULL member (G_DEBUG=fatal-criticals
 * turns an unref of NULL into a failure, ASan a leak or a double free) */
#define AA_OWNERSHIP_FREE_ZEROED(Type, free_func)                                                  \
	G_STMT_START                                                                               \
	{                                                                                          \
		free_func(g_new0(Type, 1));                                                        \
		free_func(NULL);                                                                   \
	}                                                                                          \
	G_STMT_END

static void
aa_ownership_free_zeroed_func(void)
{
	AA_OWNERSHIP_FREE_ZEROED(AaBoard, aa_board_free);
	AA_OWNERSHIP_FREE_ZEROED(AaCapacityInfo, aa_capacity_info_free);
	AA_OWNERSHIP_FREE_ZEROED(AaDiagnostic, aa_diagnostic_free);
	AA_OWNERSHIP_FREE_ZEROED(AaDiagnostics, aa_diagnostics_free);
	AA_OWNERSHIP_FREE_ZEROED(AaForecast, aa_forecast_free);
	AA_OWNERSHIP_FREE_ZEROED(AaIntent, aa_intent_free);
	AA_OWNERSHIP_FREE_ZEROED(AaIoGroup, aa_iogroup_free);
	AA_OWNERSHIP_FREE_ZEROED(AaIoProfile, aa_io_profile_free);
	AA_OWNERSHIP_FREE_ZEROED(AaPlacementVm, aa_placement_vm_free);
	AA_OWNERSHIP_FREE_ZEROED(AaPluginContext, aa_context_free);
	AA_OWNERSHIP_FREE_ZEROED(AaProfile, aa_profile_free);
	AA_OWNERSHIP_FREE_ZEROED(AaCalibrationRow, aa_calibration_row_free);
	AA_OWNERSHIP_FREE_ZEROED(AaQosTarget, aa_qos_target_free);
	AA_OWNERSHIP_FREE_ZEROED(AaTask, aa_task_free);
	AA_OWNERSHIP_FREE_ZEROED(AaRefineResult, aa_refine_result_free);
	AA_OWNERSHIP_FREE_ZEROED(AaRefineVm, aa_refine_vm_free);
	AA_OWNERSHIP_FREE_ZEROED(AaRtPartition, aa_rtanalysis_partition_free);
	AA_OWNERSHIP_FREE_ZEROED(AaRtschedResult, aa_rtsched_result_free);
	AA_OWNERSHIP_FREE_ZEROED(AaRuleSet, aa_rule_set_free);
	AA_OWNERSHIP_FREE_ZEROED(AaSearchResult, aa_search_result_free);
	AA_OWNERSHIP_FREE_ZEROED(AaTrials, aa_trials_free);
	AA_OWNERSHIP_FREE_ZEROED(AaVmModel, aa_vm_model_free);
}

/* a _clear() leaves NULL behind: a second one, and a free after it, are safe */
static void
aa_ownership_clear_twice_func(void)
{
	AaFeasibility feasibility = {0};
	AaVmEvaluation eval = {0};
	AaSearchResult *result = g_new0(AaSearchResult, 1);

	feasibility.schedulable = g_array_new(FALSE, FALSE, sizeof(gboolean));
	aa_feasibility_clear(&feasibility);
	g_assert_null(feasibility.schedulable);
	aa_feasibility_clear(&feasibility);

	eval.qos = g_array_new(FALSE, FALSE, sizeof(gdouble));
	aa_vm_evaluation_clear(&eval);
	g_assert_null(eval.qos);
	aa_vm_evaluation_clear(&eval);

	result->allocs = g_array_new(FALSE, FALSE, sizeof(gint));
	result->reason = g_strdup("stuck");
	aa_search_result_clear(result);
	g_assert_null(result->allocs);
	g_assert_null(result->reason);
	aa_search_result_clear(result);
	aa_search_result_free(result);
}

/* real objects built the way the loaders build them free without a leak */
static void
aa_ownership_free_loaded_func(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(AaBoard) board = aa_board_new();
	g_autofree gchar *fn =
	    g_test_build_filename(G_TEST_DIST, "fixtures", "valid-board-tiny-hybrid.xml", NULL);

	g_assert_true(aa_board_load(board, fn, &error));
	g_assert_no_error(error);
	g_assert_cmpuint(board->pcpus->len, >, 0);
}

static void
aa_ownership_missing_option_func(void)
{
	g_autoptr(GError) error = NULL;

	g_assert_false(aa_context_missing_option(FALSE, "launch needs -o DIR", &error));
	g_assert_no_error(error);
	g_assert_true(aa_context_missing_option(TRUE, "launch needs -o DIR", &error));
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_ARGUMENT);
	g_assert_cmpstr(error->message, ==, "launch needs -o DIR");
	/* a caller that does not want the error still learns the option is missing */
	g_assert_true(aa_context_missing_option(TRUE, "launch needs -o DIR", NULL));
}

/* scans @text: the expressions joined by '|', the text around them, and
 * whether a '{' was left open */
static gchar *
aa_ownership_scan(const gchar *text, gchar **literal, gboolean *unclosed)
{
	g_autoptr(GString) str = g_string_new(NULL);
	g_autoptr(GPtrArray) exprs = g_ptr_array_new_with_free_func(g_free);
	const gchar *p = text;
	gchar *expr;

	while ((expr = aa_rules_template_next(&p, str, unclosed)) != NULL)
		g_ptr_array_add(exprs, expr);
	g_assert_null(p);
	g_ptr_array_add(exprs, NULL);
	*literal = g_strdup(str->str);
	return g_strjoinv("|", (gchar **)exprs->pdata);
}

static void
aa_ownership_template_func(void)
{
	struct {
		const gchar *text;
		const gchar *exprs;
		const gchar *literal;
		gboolean unclosed;
	} cases[] = {
	    {NULL, "", "", FALSE},
	    {"", "", "", FALSE},
	    {"no expression", "", "no expression", FALSE},
	    {"VM {name} has {count(pcpu)} pCPUs", "name|count(pcpu)", "VM  has  pCPUs", FALSE},
	    {"{a}{b}", "a|b", "", FALSE},
	    {"stray } then {x}", "x", "stray } then ", FALSE},
	    {"{} empty", "", " empty", FALSE},
	    {"open {name} and {count(", "name", "open  and {count(", TRUE},
	};

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autofree gchar *literal = NULL;
		gboolean unclosed = !cases[i].unclosed;
		g_autofree gchar *exprs = aa_ownership_scan(cases[i].text, &literal, &unclosed);

		g_assert_cmpstr(exprs, ==, cases[i].exprs);
		g_assert_cmpstr(literal, ==, cases[i].literal);
		g_assert_cmpint(unclosed, ==, cases[i].unclosed);
	}
}

static void
aa_ownership_json_int_or_null_func(void)
{
	g_autoptr(JsonBuilder) b = json_builder_new();
	g_autoptr(JsonParser) parser = json_parser_new();
	g_autoptr(GError) error = NULL;
	g_autofree gchar *text = NULL;
	JsonObject *obj;

	json_builder_begin_object(b);
	aa_json_add_int_or_null(b, "known", TRUE, -1);
	aa_json_add_int_or_null(b, "unknown", FALSE, 42);
	json_builder_end_object(b);
	text = aa_json_to_text(b);
	g_assert_true(json_parser_load_from_data(parser, text, -1, &error));
	g_assert_no_error(error);
	obj = json_node_get_object(json_parser_get_root(parser));
	g_assert_cmpint(json_object_get_int_member(obj, "known"), ==, -1);
	g_assert_true(json_object_get_null_member(obj, "unknown"));
}

int
main(int argc, char **argv)
{
	const struct {
		const gchar *name;
		GTestFunc func;
	} cases[] = {
	    {"free-zeroed", aa_ownership_free_zeroed_func},
	    {"clear-twice", aa_ownership_clear_twice_func},
	    {"free-loaded", aa_ownership_free_loaded_func},
	    {"missing-option", aa_ownership_missing_option_func},
	    {"template", aa_ownership_template_func},
	    {"json-int-or-null", aa_ownership_json_int_or_null_func},
	};

	g_test_init(&argc, &argv, NULL);
	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autofree gchar *path = g_strdup_printf("/aa/ownership/%s", cases[i].name);
		g_test_add_func(path, cases[i].func);
	}
	return g_test_run();
}
