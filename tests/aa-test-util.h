/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The test library: what the test programs share, linked with the product's
 * static library.  Paths (fixtures, ACRN's data, temporary folders), loading
 * inputs into a context, building boards and intent VMs in memory, writing
 * profile traces, running the host program, and XPath asserts.
 */

#pragma once

#include <glib.h>
#include <libxml/tree.h>

#include "aa-context-private.h"
#include "aa-diagnostic.h"
#include "aa-intent-private.h"
#include "aa-placement.h"
#include "aa-profile.h"
#include "aa-search.h"

G_BEGIN_DECLS

/* paths and files */
gchar *aa_test_acrn_data(const gchar *board, const gchar *file);
gchar *aa_test_fixture_path(const gchar *first, ...) G_GNUC_NULL_TERMINATED;
gchar *aa_test_schema_dir(void);
gchar *aa_test_tmpdir(const gchar *tmpl);
void aa_test_rm_rf(const gchar *path);
void aa_test_write_file(const gchar *dir, const gchar *name, const gchar *text, gint mode);
void aa_test_assert_none_holds(const gchar *name, ...) G_GNUC_NULL_TERMINATED;
gchar *aa_test_read_text(const gchar *dir, const gchar *name);
gint64 aa_test_cpu_usec(void);

/* asserts on text: every fragment is in it, or none is */
void aa_test_assert_contains(const gchar *text, ...) G_GNUC_NULL_TERMINATED;
void aa_test_assert_lacks(const gchar *text, ...) G_GNUC_NULL_TERMINATED;

/* a case per row of a table whose rows start with their name */
void aa_test_add_cases(const gchar *prefix, gconstpointer cases, gsize row_size, guint n,
                       GTestDataFunc func);
GPtrArray *aa_test_acrn_boards(void);

/* the scenarios ACRN ships, as "board/scenario.xml", and a sample's board */
GPtrArray *aa_test_acrn_samples(void);
gchar *aa_test_acrn_board_file(const gchar *sample);

/* inputs, loaded or failing the test */
AaBoard *aa_test_load_board(const gchar *filename);
AaScenario *aa_test_load_scenario(const gchar *filename);
AaIntent *aa_test_load_intent(const gchar *filename, AaScenario *scenario);
AaPluginContext *aa_test_context_new(const gchar *board, const gchar *scenario,
                                     const gchar *intent);
AaPluginContext *aa_test_context_fixture(const gchar *board, const gchar *scenario,
                                         const gchar *intent_fixture);
AaPluginContext *aa_test_context_tiny(const gchar *scenario_fixture, const gchar *intent_fixture);
AaPluginContext *aa_test_context_acrn(const gchar *board, const gchar *intent);

/* a hybrid board in memory: @p_cores hyper-threaded P-cores, each with its own
 * L2, then @e_cores E-cores sharing an L2 by four; a GPU PF at 00:02.0 with
 * @gpu_vfs SR-IOV VFs from 00:02.1 (none when 0) */
AaBoard *aa_test_board_hybrid(guint p_cores, guint e_cores, guint memory_mib, guint gpu_vfs,
                              guint vf_stride);
void aa_test_board_add_group(GPtrArray *groups, guint level, guint id, const guint *ids, guint n);

/* a VM to place: its allocation, with 1024 MiB; @name is not copied */
AaPlacementVm *aa_test_placement_vm_new(const gchar *name, gboolean rt, gint64 p, gint64 e,
                                        gint64 g);
void aa_test_assert_uints(GArray *ids, const guint *expected, guint n);
GPtrArray *aa_test_placement_vms_new(void);
void aa_test_place(AaBoard *board, GArray *taken, GPtrArray *vms);
AaPlacementVm *aa_test_placed(GPtrArray *vms, guint i, const guint *ids, guint n);

/* one intent VM in memory, filled as the intent reader would */
AaIntentVm *aa_test_intent_vm_new(const gchar *name, AaVmClass klass);
void aa_test_intent_vm_free(AaIntentVm *vm);
void aa_test_intent_vm_qos(AaIntentVm *vm, const gchar *metric, gboolean higher, gdouble target,
                           gdouble weight);
void aa_test_intent_vm_limit(AaIntentVm *vm, AaDim dim, gint64 min, gint64 max);
void aa_test_intent_vm_task(AaIntentVm *vm, const gchar *name, guint64 wcet_us, guint64 period_us);

/* a task set; a task with an implicit deadline when @deadline_us is 0 */
GPtrArray *aa_test_tasks_new(void);
AaTask *aa_test_task_add(GPtrArray *tasks, const gchar *name, guint64 wcet_us, guint64 period_us,
                         guint64 deadline_us);
void aa_test_intent_vm_calibration(AaIntentVm *vm, gint64 p, gint64 e, gint64 m, gint64 g,
                                   const gchar *metric, gdouble value);
AaProfile *aa_test_intent_vm_profile(AaIntentVm *vm);
AaVmModel *aa_test_vm_model_new(AaIntentVm *vm, gboolean rt);

/* a profile trace in memory; NAN is an empty cell */
AaProfile *aa_test_profile_new(void);
void aa_test_profile_sample(AaProfile *profile, gdouble p, gdouble e, gdouble rss, gdouble wss,
                            gdouble gpu);
void aa_test_profile_qos(AaProfile *profile, const gchar *metric, gdouble value);

/* a profile trace as FORMATS.md writes it, for the readers */
GString *aa_test_profile_csv_new(const gchar *vm, const gchar *qos, const gchar *columns);

/* the findings */
AaDiagnostics *aa_test_validate(AaPluginContext *ctx, const gchar *extra_packs);

/* a search's result: VM @i's allocation, and the objective recomputed from the models */
void aa_test_assert_search_alloc(const AaSearchResult *result, guint i, gint64 p, gint64 e,
                                 gint64 m, gint64 g);
gdouble aa_test_search_objective(const AaProblem *problem, const AaSearchResult *result);

/* XPath on a document */
gchar *aa_test_xpath_string(xmlDoc *doc, const gchar *expr);
gdouble aa_test_xpath_double(xmlDoc *doc, const gchar *expr);
void aa_test_assert_xpath(xmlDoc *doc, const gchar *expr, const gchar *expected);
xmlDoc *aa_test_load_xml(const gchar *filename);
void aa_test_assert_schema_valid(xmlDoc *doc, const gchar *schema_name);
gchar *aa_test_xpath_file(const gchar *filename, const gchar *expr);
void aa_test_assert_xpath_file(const gchar *filename, const gchar *expr, const gchar *expected);

/* the host program ($AA_HOST) run to its end: its output and exit code */
gint aa_test_host_argv(const gchar *cwd, const gchar *const *args, gchar **out, gchar **err);
gint aa_test_host_run(gchar **out, gchar **err, ...) G_GNUC_NULL_TERMINATED;

/* a run of the host that may also die of a signal, timed */
typedef struct {
	gint status; /* the exit code, or -signal */
	gchar *out;
	gchar *err;
	gdouble seconds;
} AaTestExec;

GPtrArray *aa_test_host_command(const gchar *const *args);
gint aa_test_exit_status(gint wait_status);
void aa_test_exec_clear(AaTestExec *run);
void aa_test_exec_env(AaTestExec *run, const gchar *cwd, const gchar *const *env,
                      const gchar *const *args);
void aa_test_exec_argv(AaTestExec *run, const gchar *cwd, const gchar *const *args);
void aa_test_assert_exit(AaTestExec *run, gint status);
void aa_test_exec_exited(AaTestExec *run, const gchar *const *args);
void aa_test_exec_bare(AaTestExec *run, const gchar *env_var, const gchar *env_value,
                       const gchar *const *args);

/* runs the host with the arguments in the current folder; it must exit, not die */
#define aa_test_exec(run, ...)                                                                     \
	do {                                                                                       \
		const gchar *aa_test_args_[] = {__VA_ARGS__, NULL};                                \
		aa_test_exec_exited(run, aa_test_args_);                                           \
	} while (0)

/* shell scripts */
void aa_test_assert_shell_clean(const gchar *filename);
gchar *aa_test_run_bash(const gchar *script, const gchar *cwd, const gchar *path_first,
                        const gchar *const *env, gchar **out);
void aa_test_write_stubs(const gchar *stubs);
gchar *aa_test_tree_snapshot(const gchar *dir);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(AaTestExec, aa_test_exec_clear)

/* a temporary folder that goes, with all below it, at the end of its scope:
 * g_autoptr(AaTestDir) tmp = aa_test_tmpdir("aa-x-XXXXXX") */
typedef gchar AaTestDir;
void aa_test_dir_free(AaTestDir *dir);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(AaTestDir, aa_test_dir_free)

G_END_DECLS
