/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 */

#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

#include <glib/gstdio.h>
#include <libxml/xpath.h>

#include "aa-board-private.h"
#include "aa-model.h"
#include "aa-scenario.h"
#include "aa-validate.h"
#include "aa-xml.h"
#include "aa-test-util.h"

/**
 * aa_test_acrn_data:
 * @board: a folder of ../shared/acrn-data, e.g. "adl-asrock"
 * @file: (nullable): a file in it, or %NULL for the folder
 *
 * ACRN's real boards and scenarios, read-only; meson passes their location
 * in $AA_ACRN_DATA.
 *
 * Returns: (transfer full): the path
 */
gchar *
aa_test_acrn_data(const gchar *board, const gchar *file)
{
	const gchar *root = g_getenv("AA_ACRN_DATA");
	if (root == NULL)
		root = "../shared/acrn-data";
	return g_build_filename(root, board, file, NULL);
}

/**
 * aa_test_rm_rf:
 * @path: a file or a directory
 *
 * Removes @path and, for a directory, everything below it; symbolic links
 * are removed, not followed.
 */
void
aa_test_rm_rf(const gchar *path)
{
	g_autoptr(GDir) dir = NULL;
	const gchar *name;

	if (g_file_test(path, G_FILE_TEST_IS_SYMLINK) || !g_file_test(path, G_FILE_TEST_IS_DIR)) {
		g_unlink(path);
		return;
	}
	dir = g_dir_open(path, 0, NULL);
	while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
		g_autofree gchar *fn = g_build_filename(path, name, NULL);
		aa_test_rm_rf(fn);
	}
	g_rmdir(path);
}

/**
 * aa_test_cpu_usec:
 *
 * The CPU time this process has used, in microseconds.  Tests that guard
 * against super-linear work measure it rather than the wall clock, which
 * other programs on a shared machine stretch at will.
 *
 * Returns: microseconds of CPU time
 */
gint64
aa_test_cpu_usec(void)
{
	struct timespec ts = {0};
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (gint64)ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/**
 * aa_test_fixture_path:
 * @first: a name below tests/fixtures, then more, %NULL-terminated
 *
 * Returns: (transfer full): the path of a fixture
 */
gchar *
aa_test_fixture_path(const gchar *first, ...)
{
	g_autoptr(GPtrArray) parts = g_ptr_array_new();
	va_list args;

	g_ptr_array_add(parts, (gpointer)g_test_get_dir(G_TEST_DIST));
	g_ptr_array_add(parts, (gpointer) "fixtures");
	va_start(args, first);
	for (const gchar *p = first; p != NULL; p = va_arg(args, const gchar *))
		g_ptr_array_add(parts, (gpointer)p);
	va_end(args);
	g_ptr_array_add(parts, NULL);
	return g_build_filenamev((gchar **)parts->pdata);
}

/**
 * aa_test_schema_dir:
 *
 * Returns: (transfer full): the source tree's schema/ folder
 */
gchar *
aa_test_schema_dir(void)
{
	return g_build_filename(g_test_get_dir(G_TEST_DIST), "schema", NULL);
}

/**
 * aa_test_tmpdir:
 * @tmpl: a g_dir_make_tmp() template such as "aa-x-XXXXXX"
 *
 * Returns: (transfer full): a new empty folder; remove it with aa_test_rm_rf()
 */
gchar *
aa_test_tmpdir(const gchar *tmpl)
{
	g_autoptr(GError) error = NULL;
	gchar *dir = g_dir_make_tmp(tmpl, &error);
	g_assert_no_error(error);
	g_assert_nonnull(dir);
	return dir;
}

/**
 * aa_test_dir_free:
 * @dir: (nullable): a folder of aa_test_tmpdir()
 *
 * Removes the folder with all below it and frees its name.
 */
void
aa_test_dir_free(AaTestDir *dir)
{
	if (dir == NULL)
		return;
	aa_test_rm_rf(dir);
	g_free(dir);
}

/**
 * aa_test_assert_none_holds:
 * @name: a file name
 * @...: folders, then %NULL
 *
 * Fails the test, naming the path, if any of the folders holds @name.
 */
void
aa_test_assert_none_holds(const gchar *name, ...)
{
	va_list ap;
	const gchar *dir;

	va_start(ap, name);
	while ((dir = va_arg(ap, const gchar *)) != NULL) {
		g_autofree gchar *fn = g_build_filename(dir, name, NULL);
		if (g_file_test(fn, G_FILE_TEST_EXISTS))
			g_error("%s exists", fn);
	}
	va_end(ap);
}

/**
 * aa_test_write_file:
 * @dir: a folder
 * @name: a relative path below it; missing folders are made
 * @text: the content
 * @mode: the permissions, or -1 to keep the default
 */
void
aa_test_write_file(const gchar *dir, const gchar *name, const gchar *text, gint mode)
{
	g_autofree gchar *fn = g_build_filename(dir, name, NULL);
	g_autofree gchar *parent = g_path_get_dirname(fn);
	g_autoptr(GError) error = NULL;

	g_assert_cmpint(g_mkdir_with_parents(parent, 0755), ==, 0);
	g_assert_true(g_file_set_contents(fn, text, -1, &error));
	g_assert_no_error(error);
	if (mode >= 0)
		g_assert_cmpint(g_chmod(fn, mode), ==, 0);
}

/**
 * aa_test_read_text:
 * @dir: (nullable): a folder, or %NULL when @name is a whole path
 * @name: the file
 *
 * Returns: (transfer full): the file's content; the test fails without it
 */
gchar *
aa_test_read_text(const gchar *dir, const gchar *name)
{
	g_autofree gchar *fn =
	    g_build_filename(dir != NULL ? dir : name, dir != NULL ? name : NULL, NULL);
	g_autoptr(GError) error = NULL;
	gchar *text = NULL;

	if (!g_file_get_contents(fn, &text, NULL, &error))
		g_error("%s: %s", fn, error->message);
	return text;
}

/* g_ptr_array_sort() hands the comparator pointers to the elements */
static gint
aa_test_name_cmp(gconstpointer a, gconstpointer b)
{
	return g_strcmp0(*(const gchar *const *)a, *(const gchar *const *)b);
}

/**
 * aa_test_assert_contains:
 * @text: a text
 * @...: fragments it must hold, %NULL-terminated
 */
void
aa_test_assert_contains(const gchar *text, ...)
{
	va_list ap;

	g_assert_nonnull(text);
	va_start(ap, text);
	for (const gchar *f = va_arg(ap, const gchar *); f != NULL; f = va_arg(ap, const gchar *)) {
		if (strstr(text, f) == NULL)
			g_error("'%s' is not in:\n%s", f, text);
	}
	va_end(ap);
}

/**
 * aa_test_assert_lacks:
 * @text: a text
 * @...: fragments it must not hold, %NULL-terminated
 */
void
aa_test_assert_lacks(const gchar *text, ...)
{
	va_list ap;

	g_assert_nonnull(text);
	va_start(ap, text);
	for (const gchar *f = va_arg(ap, const gchar *); f != NULL; f = va_arg(ap, const gchar *)) {
		if (strstr(text, f) != NULL)
			g_error("'%s' should not be in:\n%s", f, text);
	}
	va_end(ap);
}

/**
 * aa_test_add_cases:
 * @prefix: the test path before the case's name, e.g. "/aa/board/bad-input"
 * @cases: the table
 * @row_size: the size of a row, whose first member is its name (a string)
 * @n: how many rows
 * @func: the test, handed its row
 *
 * Adds a test case per row, at @prefix/name.
 */
void
aa_test_add_cases(const gchar *prefix, gconstpointer cases, gsize row_size, guint n,
                  GTestDataFunc func)
{
	for (guint i = 0; i < n; i++) {
		gconstpointer row = (const guint8 *)cases + i * row_size;
		g_autofree gchar *path =
		    g_strdup_printf("%s/%s", prefix, *(const gchar *const *)row);
		g_test_add_data_func(path, row, func);
	}
}

/**
 * aa_test_acrn_boards:
 *
 * Returns: (transfer container): the folders of ACRN's data holding a board
 *   <name>/<name>.xml, by name
 */
GPtrArray *
aa_test_acrn_boards(void)
{
	g_autofree gchar *root = aa_test_acrn_data("", NULL);
	g_autoptr(GDir) dir = g_dir_open(root, 0, NULL);
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	const gchar *name;

	g_assert_nonnull(dir);
	while ((name = g_dir_read_name(dir)) != NULL) {
		g_autofree gchar *xml = g_strdup_printf("%s.xml", name);
		g_autofree gchar *board = aa_test_acrn_data(name, xml);
		if (g_file_test(board, G_FILE_TEST_IS_REGULAR))
			g_ptr_array_add(names, g_strdup(name));
	}
	g_ptr_array_sort(names, aa_test_name_cmp);
	return names;
}

/**
 * aa_test_acrn_samples:
 *
 * Returns: (transfer container): every scenario ACRN ships beside a board as
 *   "board/scenario.xml" (the XML files of a board folder but the board's
 *   own), by board and name
 */
GPtrArray *
aa_test_acrn_samples(void)
{
	g_autoptr(GPtrArray) boards = aa_test_acrn_boards();
	GPtrArray *samples = g_ptr_array_new_with_free_func(g_free);

	for (guint i = 0; i < boards->len; i++) {
		const gchar *board = g_ptr_array_index(boards, i);
		g_autofree gchar *board_base = g_strdup_printf("%s.xml", board);
		g_autofree gchar *folder = aa_test_acrn_data(board, NULL);
		g_autoptr(GDir) dir = g_dir_open(folder, 0, NULL);
		g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
		const gchar *name;

		g_assert_nonnull(dir);
		while ((name = g_dir_read_name(dir)) != NULL) {
			if (g_str_has_suffix(name, ".xml") && g_strcmp0(name, board_base) != 0)
				g_ptr_array_add(names, g_strdup(name));
		}
		g_ptr_array_sort(names, aa_test_name_cmp);
		for (guint j = 0; j < names->len; j++)
			g_ptr_array_add(samples,
			                g_build_filename(board, g_ptr_array_index(names, j), NULL));
	}
	return samples;
}

/**
 * aa_test_acrn_board_file:
 * @sample: "board/scenario.xml" of aa_test_acrn_samples()
 *
 * Returns: (transfer full): the board file beside the scenario
 */
gchar *
aa_test_acrn_board_file(const gchar *sample)
{
	g_autofree gchar *board = g_path_get_dirname(sample);
	g_autofree gchar *base = g_strdup_printf("%s.xml", board);
	return aa_test_acrn_data(board, base);
}

/* the test fails, naming the file, unless @ok */
static void
aa_test_assert_loaded(gboolean ok, GError *error, const gchar *filename)
{
	if (!ok || error != NULL)
		g_error("%s does not load: %s", filename, error != NULL ? error->message : "?");
}

/**
 * aa_test_load_board:
 * @filename: a board XML
 *
 * Returns: (transfer full): the board; the test fails if it does not load
 */
AaBoard *
aa_test_load_board(const gchar *filename)
{
	g_autoptr(GError) error = NULL;
	AaBoard *board = aa_board_new();
	aa_test_assert_loaded(aa_board_load(board, filename, &error), error, filename);
	return board;
}

/**
 * aa_test_load_scenario:
 * @filename: a scenario XML
 *
 * Returns: (transfer full): the scenario; the test fails if it does not load
 */
AaScenario *
aa_test_load_scenario(const gchar *filename)
{
	AaScenario *scenario = aa_scenario_new();
	g_autoptr(GError) error = NULL;
	aa_test_assert_loaded(aa_scenario_load(scenario, filename, &error), error, filename);
	return scenario;
}

/**
 * aa_test_load_intent:
 * @filename: an intent XML
 * @scenario: (nullable): the scenario it is for
 *
 * Returns: (transfer full): the intent; the test fails if it does not load
 */
AaIntent *
aa_test_load_intent(const gchar *filename, AaScenario *scenario)
{
	g_autofree gchar *schema_dir = aa_test_schema_dir();
	g_autoptr(GError) error = NULL;
	AaIntent *intent = aa_intent_new();
	aa_test_assert_loaded(aa_intent_load(intent, filename, schema_dir, scenario, &error), error,
	                      filename);
	return intent;
}

/**
 * aa_test_context_new:
 * @board: (nullable): a board XML
 * @scenario: (nullable): a scenario XML
 * @intent: (nullable): an intent XML for @scenario
 *
 * A module context over the source tree's data with the inputs given loaded.
 *
 * Returns: (transfer full): the context
 */
AaPluginContext *
aa_test_context_new(const gchar *board, const gchar *scenario, const gchar *intent)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(AaPluginContext) ctx = aa_context_new(g_test_get_dir(G_TEST_DIST), &error);

	g_assert_no_error(error);
	if (board != NULL)
		ctx->board = aa_test_load_board(board);
	if (scenario != NULL)
		ctx->scenario = aa_test_load_scenario(scenario);
	if (intent != NULL)
		ctx->intent = aa_test_load_intent(intent, ctx->scenario);
	return g_steal_pointer(&ctx);
}

/**
 * aa_test_context_fixture:
 * @board: (nullable): a board XML
 * @scenario: (nullable): a scenario XML
 * @intent_fixture: an intent below tests/fixtures
 *
 * Returns: (transfer full): the context, as aa_test_context_new()
 */
AaPluginContext *
aa_test_context_fixture(const gchar *board, const gchar *scenario, const gchar *intent_fixture)
{
	g_autofree gchar *intent = aa_test_fixture_path(intent_fixture, NULL);
	return aa_test_context_new(board, scenario, intent);
}

/**
 * aa_test_context_tiny:
 * @scenario_fixture: a scenario below tests/fixtures
 * @intent_fixture: (nullable): an intent below tests/fixtures
 *
 * Returns: (transfer full): a context with fixtures/valid-board-tiny-hybrid.xml,
 *   the scenario and the intent, as aa_test_context_new()
 */
AaPluginContext *
aa_test_context_tiny(const gchar *scenario_fixture, const gchar *intent_fixture)
{
	g_autofree gchar *board = aa_test_fixture_path("valid-board-tiny-hybrid.xml", NULL);
	g_autofree gchar *scenario = aa_test_fixture_path(scenario_fixture, NULL);
	g_autofree gchar *intent =
	    intent_fixture != NULL ? aa_test_fixture_path(intent_fixture, NULL) : NULL;
	return aa_test_context_new(board, scenario, intent);
}

/**
 * aa_test_context_acrn:
 * @board: a board of ACRN's data, e.g. "adl-asrock"
 * @intent: (nullable): an intent XML for its shared scenario
 *
 * Returns: (transfer full): a context with the board, its shared.xml and @intent
 */
AaPluginContext *
aa_test_context_acrn(const gchar *board, const gchar *intent)
{
	g_autofree gchar *board_xml = g_strdup_printf("%s.xml", board);
	g_autofree gchar *board_fn = aa_test_acrn_data(board, board_xml);
	g_autofree gchar *scenario_fn = aa_test_acrn_data(board, "shared.xml");
	return aa_test_context_new(board_fn, scenario_fn, intent);
}

/**
 * aa_test_board_add_group:
 * @groups: one of AaBoard.groups
 * @level: 0 for hyper-thread siblings, else the cache level
 * @id: the core's or cache's id
 * @ids: (array length=n): the pCPUs, ascending
 * @n: how many
 */
void
aa_test_board_add_group(GPtrArray *groups, guint level, guint id, const guint *ids, guint n)
{
	AaCpuGroup *grp = g_new0(AaCpuGroup, 1);
	grp->level = level;
	grp->id = id;
	grp->cpu_ids = g_array_new(FALSE, FALSE, sizeof(guint));
	g_array_append_vals(grp->cpu_ids, ids, n);
	g_ptr_array_add(groups, grp);
}

static void
aa_test_board_add_pcpu(AaBoard *board, guint cpu, AaCoreKind kind, guint core, gint l2)
{
	AaPcpu *pcpu = g_new0(AaPcpu, 1);
	pcpu->cpu_id = cpu;
	pcpu->apic_id = cpu;
	pcpu->kind = kind;
	pcpu->core_type = g_strdup(kind == AA_CORE_KIND_P ? "Core" : "Atom");
	pcpu->core_id = core;
	pcpu->group[AA_CPU_SHARE_CORE] = board->groups[AA_CPU_SHARE_CORE]->len;
	pcpu->group[AA_CPU_SHARE_L2] = l2;
	pcpu->group[AA_CPU_SHARE_L3] = -1;
	g_ptr_array_add(board->pcpus, pcpu);
}

/**
 * aa_test_board_hybrid:
 * @p_cores: P-cores, two threads each: pCPUs 0 to 2 * @p_cores - 1, core by core
 * @e_cores: E-cores after them, one thread each, an L2 for every four
 * @memory_mib: the board's memory
 * @gpu_vfs: SR-IOV VFs of a GPU PF at 00:02.0, or 0 for no GPU
 * @vf_stride: the VF stride; the first VF is 00:02.1
 *
 * A hand-built hybrid board "test-hybrid" as the board reader would fill it,
 * without the document; every P-core
 * has an L2 of its own, and the ids of cores and caches count from 0.
 *
 * Returns: (transfer full): the board
 */
AaBoard *
aa_test_board_hybrid(guint p_cores, guint e_cores, guint memory_mib, guint gpu_vfs, guint vf_stride)
{
	AaBoard *board = aa_board_new();
	guint cpu = 0;

	board->name = g_strdup("test-hybrid");
	board->filename = g_strdup("test-hybrid.xml");
	board->hybrid = p_cores > 0 && e_cores > 0;
	board->memory_mib = memory_mib;
	board->memory_bytes = (guint64)memory_mib * 1024 * 1024;
	for (guint core = 0; core < p_cores; core++, cpu += 2) {
		const guint ids[] = {cpu, cpu + 1};
		aa_test_board_add_pcpu(board, cpu, AA_CORE_KIND_P, core, core);
		aa_test_board_add_pcpu(board, cpu + 1, AA_CORE_KIND_P, core, core);
		aa_test_board_add_group(board->groups[AA_CPU_SHARE_CORE], 0, core, ids, 2);
		aa_test_board_add_group(board->groups[AA_CPU_SHARE_L2], 2, core, ids, 2);
	}
	for (guint i = 0; i < e_cores; i += 4) {
		g_autoptr(GArray) ids = g_array_new(FALSE, FALSE, sizeof(guint));
		for (guint j = i; j < e_cores && j < i + 4; j++, cpu++) {
			aa_test_board_add_pcpu(board, cpu, AA_CORE_KIND_E, cpu,
			                       board->groups[AA_CPU_SHARE_L2]->len);
			aa_test_board_add_group(board->groups[AA_CPU_SHARE_CORE], 0, cpu, &cpu, 1);
			g_array_append_val(ids, cpu);
		}
		aa_test_board_add_group(board->groups[AA_CPU_SHARE_L2], 2,
		                        board->groups[AA_CPU_SHARE_L2]->len,
		                        (const guint *)ids->data, ids->len);
	}
	if (gpu_vfs > 0) {
		AaPciDevice *dev = g_new0(AaPciDevice, 1);
		dev->dev = 2;
		dev->bdf = g_strdup("00:02.0");
		dev->class_code = 0x030000;
		dev->description = g_strdup("VGA compatible controller");
		dev->sriov = TRUE;
		dev->total_vfs = gpu_vfs;
		dev->first_vf_dev = 2;
		dev->first_vf_func = 1;
		dev->vf_stride = vf_stride;
		g_ptr_array_add(board->pci_devices, dev);
	}
	return board;
}

/**
 * aa_test_placement_vm_new:
 * @name: (transfer none): the VM's name, kept by pointer
 * @rt: whether it is real-time
 * @p: P-cores
 * @e: E-cores
 * @g: GPU slices
 *
 * Returns: (transfer full): a VM to place, with 1024 MiB; free with aa_placement_vm_free()
 */
AaPlacementVm *
aa_test_placement_vm_new(const gchar *name, gboolean rt, gint64 p, gint64 e, gint64 g)
{
	AaPlacementVm *vm = g_new0(AaPlacementVm, 1);
	vm->name = name;
	vm->rt = rt;
	vm->alloc.p_cores = p;
	vm->alloc.e_cores = e;
	vm->alloc.memory_mib = 1024;
	vm->alloc.gpu_slices = g;
	return vm;
}

/**
 * aa_test_assert_uints:
 * @ids: a #GArray of guint
 * @expected: (array length=n): what it must hold, in order
 * @n: how many
 */
void
aa_test_assert_uints(GArray *ids, const guint *expected, guint n)
{
	g_assert_cmpuint(ids->len, ==, n);
	for (guint j = 0; j < n; j++)
		g_assert_cmpuint(g_array_index(ids, guint, j), ==, expected[j]);
}

/**
 * aa_test_placement_vms_new:
 *
 * Returns: (transfer container): an empty array of VMs to place, owning them
 */
GPtrArray *
aa_test_placement_vms_new(void)
{
	return g_ptr_array_new_with_free_func((GDestroyNotify)aa_placement_vm_free);
}

/**
 * aa_test_place:
 * @board: the board
 * @taken: (nullable): pCPUs held already
 * @vms: the VMs to place, which must all be placed
 */
void
aa_test_place(AaBoard *board, GArray *taken, GPtrArray *vms)
{
	g_autoptr(GError) error = NULL;
	g_assert_true(aa_placement_run(board, taken, vms, &error));
	g_assert_no_error(error);
}

/**
 * aa_test_placed:
 * @vms: placed VMs
 * @i: which
 * @ids: the pCPUs VM @i must hold
 * @n: how many
 *
 * Returns: (transfer none): VM @i
 */
AaPlacementVm *
aa_test_placed(GPtrArray *vms, guint i, const guint *ids, guint n)
{
	AaPlacementVm *vm = g_ptr_array_index(vms, i);
	aa_test_assert_uints(vm->pcpus, ids, n);
	return vm;
}

/**
 * aa_test_intent_vm_new:
 * @name: the VM's name
 * @klass: its class
 *
 * An intent VM with no target, task or profile yet, and eta unset.
 *
 * Returns: (transfer full): the VM; free it with aa_test_intent_vm_free()
 */
AaIntentVm *
aa_test_intent_vm_new(const gchar *name, AaVmClass klass)
{
	AaIntentVm *vm = g_new0(AaIntentVm, 1);
	vm->name = g_strdup(name);
	vm->klass = klass;
	vm->qos = g_ptr_array_new_with_free_func((GDestroyNotify)aa_qos_target_free);
	vm->tasks = g_ptr_array_new_with_free_func((GDestroyNotify)aa_task_free);
	return vm;
}

/**
 * aa_test_intent_vm_free:
 * @vm: (nullable): a VM of aa_test_intent_vm_new(), with its profile
 */
void
aa_test_intent_vm_free(AaIntentVm *vm)
{
	if (vm == NULL)
		return;
	g_free(vm->name);
	g_ptr_array_unref(vm->qos);
	g_ptr_array_unref(vm->tasks);
	if (vm->calibration != NULL)
		g_ptr_array_unref(vm->calibration);
	aa_profile_free(vm->profile);
	g_free(vm);
}

/**
 * aa_test_intent_vm_qos:
 * @vm: a VM
 * @metric: the metric's name
 * @higher: whether higher values are better
 * @target: the target
 * @weight: its weight
 */
void
aa_test_intent_vm_qos(AaIntentVm *vm, const gchar *metric, gboolean higher, gdouble target,
                      gdouble weight)
{
	AaQosTarget *qos = g_new0(AaQosTarget, 1);
	qos->metric = g_strdup(metric);
	qos->higher_is_better = higher;
	qos->target = target;
	qos->weight = weight;
	g_ptr_array_add(vm->qos, qos);
}

/**
 * aa_test_intent_vm_limit:
 * @vm: a VM
 * @dim: the dimension
 * @min: the least, or -1 for none
 * @max: the most, or -1 for none
 */
void
aa_test_intent_vm_limit(AaIntentVm *vm, AaDim dim, gint64 min, gint64 max)
{
	vm->limits[dim].has_min = min >= 0;
	vm->limits[dim].min = min;
	vm->limits[dim].has_max = max >= 0;
	vm->limits[dim].max = max;
}

/**
 * aa_test_tasks_new:
 *
 * Returns: (transfer container): an empty task set owning its AaTask
 */
GPtrArray *
aa_test_tasks_new(void)
{
	return g_ptr_array_new_with_free_func((GDestroyNotify)aa_task_free);
}

/**
 * aa_test_task_add:
 * @tasks: a task set
 * @name: the task's name
 * @wcet_us: its worst-case execution time
 * @period_us: its period
 * @deadline_us: its deadline, 0 for the period (an implicit deadline)
 *
 * Returns: (transfer none): the task, added to @tasks
 */
AaTask *
aa_test_task_add(GPtrArray *tasks, const gchar *name, guint64 wcet_us, guint64 period_us,
                 guint64 deadline_us)
{
	AaTask *task = g_new0(AaTask, 1);
	task->name = g_strdup(name);
	task->wcet_us = wcet_us;
	task->period_us = period_us;
	task->deadline_us = deadline_us != 0 ? deadline_us : period_us;
	g_ptr_array_add(tasks, task);
	return task;
}

/**
 * aa_test_intent_vm_task:
 * @vm: a VM
 * @name: the task's name
 * @wcet_us: its worst-case execution time
 * @period_us: its period, which is also its deadline
 */
void
aa_test_intent_vm_task(AaIntentVm *vm, const gchar *name, guint64 wcet_us, guint64 period_us)
{
	aa_test_task_add(vm->tasks, name, wcet_us, period_us, 0);
}

/**
 * aa_test_intent_vm_calibration:
 * @vm: a VM
 * @p: P-cores of the run
 * @e: E-cores
 * @m: memory in MiB
 * @g: GPU slices
 * @metric: the metric measured
 * @value: what was measured
 */
void
aa_test_intent_vm_calibration(AaIntentVm *vm, gint64 p, gint64 e, gint64 m, gint64 g,
                              const gchar *metric, gdouble value)
{
	AaCalibrationRow *row = g_new0(AaCalibrationRow, 1);
	if (vm->calibration == NULL)
		vm->calibration =
		    g_ptr_array_new_with_free_func((GDestroyNotify)aa_calibration_row_free);
	row->p_cores = p;
	row->e_cores = e;
	row->memory_mib = m;
	row->gpu_slices = g;
	row->metric = g_strdup(metric);
	row->value = value;
	g_ptr_array_add(vm->calibration, row);
}

/**
 * aa_test_intent_vm_profile:
 * @vm: a VM
 *
 * Returns: (transfer none): the VM's profile, made empty the first time
 */
AaProfile *
aa_test_intent_vm_profile(AaIntentVm *vm)
{
	if (vm->profile == NULL)
		vm->profile = aa_test_profile_new();
	return vm->profile;
}

/**
 * aa_test_vm_model_new:
 * @vm: an intent VM with its profile
 * @rt: whether it is a real-time VM
 *
 * Returns: (transfer full): the VM's model, which must build
 */
AaVmModel *
aa_test_vm_model_new(AaIntentVm *vm, gboolean rt)
{
	g_autoptr(GError) error = NULL;
	AaVmModel *model = aa_vm_model_new(vm, rt, &error);
	g_assert_no_error(error);
	g_assert_nonnull(model);
	return model;
}

/**
 * aa_test_profile_new:
 *
 * Returns: (transfer full): an empty profile trace; free with aa_profile_free()
 */
AaProfile *
aa_test_profile_new(void)
{
	AaProfile *profile = g_new0(AaProfile, 1);
	profile->samples = g_array_new(FALSE, TRUE, sizeof(AaProfileSample));
	profile->qos = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	return profile;
}

/**
 * aa_test_profile_sample:
 * @profile: a trace
 * @p: P-cores busy
 * @e: E-cores busy
 * @rss: resident memory in MiB
 * @wss: working set in MiB
 * @gpu: GPU busy percent
 *
 * Appends a row, one second after the last; NAN is an empty cell.
 */
void
aa_test_profile_sample(AaProfile *profile, gdouble p, gdouble e, gdouble rss, gdouble wss,
                       gdouble gpu)
{
	AaProfileSample s = {
	    .time_s = profile->samples->len,
	    .cpu_p_busy = p,
	    .cpu_e_busy = e,
	    .mem_used_mib = NAN,
	    .mem_rss_mib = rss,
	    .wss_mib = wss,
	    .swap_used_mib = NAN,
	    .major_faults_per_s = NAN,
	    .gpu_busy_pct = gpu,
	    .vram_mib = NAN,
	};
	if (!isnan(wss))
		profile->has_wss = TRUE;
	if (!isnan(gpu))
		profile->has_gpu = TRUE;
	g_array_append_val(profile->samples, s);
}

/**
 * aa_test_profile_qos:
 * @profile: a trace
 * @metric: a metric
 * @value: its "# qos:" value
 */
void
aa_test_profile_qos(AaProfile *profile, const gchar *metric, gdouble value)
{
	g_hash_table_insert(profile->qos, g_strdup(metric), g_memdup2(&value, sizeof(value)));
}

/**
 * aa_test_profile_csv_new:
 * @vm: (nullable): the "# vm:" line's VM
 * @qos: (nullable): the text after "# qos:"
 * @columns: the header row
 *
 * Returns: (transfer full): the start of a profile trace (FORMATS.md)
 */
GString *
aa_test_profile_csv_new(const gchar *vm, const gchar *qos, const gchar *columns)
{
	GString *csv = g_string_new("# acrn-alloc-profile v1\n");
	if (vm != NULL)
		g_string_append_printf(csv, "# vm: %s\n", vm);
	if (qos != NULL)
		g_string_append_printf(csv, "# qos: %s\n", qos);
	g_string_append_printf(csv, "%s\n", columns);
	return csv;
}

/**
 * aa_test_validate:
 * @ctx: a context with a board and a scenario, maybe an intent
 * @extra_packs: (nullable): rule packs beside the built-in ones
 *
 * Returns: (transfer full): what validate finds; the test fails if it cannot run
 */
AaDiagnostics *
aa_test_validate(AaPluginContext *ctx, const gchar *extra_packs)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(AaRuleSet) rules =
	    aa_validate_load_rules(g_test_get_dir(G_TEST_DIST), extra_packs, &error);
	AaDiagnostics *report;
	g_assert_no_error(error);
	report = aa_validate_report(ctx, rules, NULL, &error);
	g_assert_no_error(error);
	g_assert_nonnull(report);
	return report;
}

/**
 * aa_test_xpath_string:
 * @doc: a document
 * @expr: an XPath expression; its value is cast to a string
 *
 * Returns: (transfer full): the value; the test fails if @expr does not compile
 */
gchar *
aa_test_xpath_string(xmlDoc *doc, const gchar *expr)
{
	g_autoptr(xmlXPathContext) xctx = xmlXPathNewContext(doc);
	g_autoptr(xmlXPathObject) obj = xmlXPathEvalExpression((const xmlChar *)expr, xctx);
	g_autoptr(xmlChar) text = NULL;
	g_assert_nonnull(obj);
	text = xmlXPathCastToString(obj);
	return g_strdup((const gchar *)text);
}

/**
 * aa_test_xpath_double:
 * @doc: a document
 * @expr: an XPath expression whose value is a number
 *
 * Returns: the number; the test fails when the value is empty
 */
gdouble
aa_test_xpath_double(xmlDoc *doc, const gchar *expr)
{
	g_autofree gchar *text = aa_test_xpath_string(doc, expr);
	g_assert_cmpstr(text, !=, "");
	return g_ascii_strtod(text, NULL);
}

/**
 * aa_test_assert_xpath:
 * @doc: a document
 * @expr: an XPath expression
 * @expected: its value as a string
 */
void
aa_test_assert_xpath(xmlDoc *doc, const gchar *expr, const gchar *expected)
{
	g_autofree gchar *text = aa_test_xpath_string(doc, expr);
	if (g_strcmp0(text, expected) != 0)
		g_error("%s is '%s', expected '%s'", expr, text, expected);
}

/**
 * aa_test_assert_search_alloc:
 * @result: a search's result
 * @i: the VM's index
 * @p: its P-cores, @e: E-cores, @m: memory in MiB, @g: GPU slices
 */
void
aa_test_assert_search_alloc(const AaSearchResult *result, guint i, gint64 p, gint64 e, gint64 m,
                            gint64 g)
{
	const AaAlloc *r = &g_array_index(result->allocs, AaAlloc, i);
	g_assert_cmpint(r->p_cores, ==, p);
	g_assert_cmpint(r->e_cores, ==, e);
	g_assert_cmpint(r->memory_mib, ==, m);
	g_assert_cmpint(r->gpu_slices, ==, g);
}

/**
 * aa_test_search_objective:
 * @problem: the problem searched
 * @result: its result
 *
 * Returns: the sum of the VMs' scores of the result's allocations
 */
gdouble
aa_test_search_objective(const AaProblem *problem, const AaSearchResult *result)
{
	gdouble sum = 0.0;
	for (guint i = 0; i < problem->models->len; i++)
		sum += aa_vm_model_score(g_ptr_array_index(problem->models, i),
		                         &g_array_index(result->allocs, AaAlloc, i),
		                         problem->lambda_scale);
	return sum;
}

/**
 * aa_test_load_xml:
 * @filename: an XML file
 *
 * Returns: (transfer full): the document; the test fails when it does not load
 */
xmlDoc *
aa_test_load_xml(const gchar *filename)
{
	g_autoptr(GError) error = NULL;
	xmlDoc *doc = aa_xml_load_file(filename, &error);
	g_assert_no_error(error);
	g_assert_nonnull(doc);
	return doc;
}

/**
 * aa_test_assert_schema_valid:
 * @doc: a document
 * @schema_name: a schema of the source tree's schema/, e.g. "recommendation.xsd"
 *
 * Fails the test unless @doc is valid for the schema.
 */
void
aa_test_assert_schema_valid(xmlDoc *doc, const gchar *schema_name)
{
	g_autofree gchar *xsd = g_test_build_filename(G_TEST_DIST, "schema", schema_name, NULL);
	/* loaded as the product loads XML: its entity loader refuses paths */
	g_autoptr(xmlDoc) xsd_doc = aa_test_load_xml(xsd);
	g_autoptr(xmlSchemaParserCtxt) pctx = xmlSchemaNewDocParserCtxt(xsd_doc);
	g_autoptr(xmlSchema) schema = NULL;
	g_autoptr(xmlSchemaValidCtxt) vctx = NULL;

	g_assert_nonnull(pctx);
	schema = xmlSchemaParse(pctx);
	g_assert_nonnull(schema);
	vctx = xmlSchemaNewValidCtxt(schema);
	g_assert_nonnull(vctx);
	g_assert_cmpint(xmlSchemaValidateDoc(vctx, doc), ==, 0);
}

/**
 * aa_test_xpath_file:
 * @filename: an XML file, which must load
 * @expr: an XPath expression
 *
 * Returns: (transfer full): the value of @expr as a string
 */
gchar *
aa_test_xpath_file(const gchar *filename, const gchar *expr)
{
	g_autoptr(xmlDoc) doc = aa_test_load_xml(filename);
	return aa_test_xpath_string(doc, expr);
}

/**
 * aa_test_assert_xpath_file:
 * @filename: an XML file, which must load
 * @expr: an XPath expression
 * @expected: its value as a string
 */
void
aa_test_assert_xpath_file(const gchar *filename, const gchar *expr, const gchar *expected)
{
	g_autoptr(xmlDoc) doc = aa_test_load_xml(filename);
	aa_test_assert_xpath(doc, expr, expected);
}

/**
 * aa_test_exec_clear:
 * @run: a run of the host program
 */
void
aa_test_exec_clear(AaTestExec *run)
{
	g_clear_pointer(&run->out, g_free);
	g_clear_pointer(&run->err, g_free);
}

/**
 * aa_test_host_argv:
 * @cwd: (nullable): the working directory
 * @args: (array zero-terminated=1): the arguments after the program's name
 * @out: (out) (optional): its standard output
 * @err: (out) (optional): its standard error
 *
 * Runs the host program of $AA_HOST to its end; it must exit, not be killed.
 *
 * Returns: its exit code
 */
gint
aa_test_host_argv(const gchar *cwd, const gchar *const *args, gchar **out, gchar **err)
{
	g_autoptr(GPtrArray) argv = g_ptr_array_new();
	g_autoptr(GError) error = NULL;
	const gchar *host = g_getenv("AA_HOST");
	gint wait_status = 0;

	g_assert_nonnull(host);
	g_ptr_array_add(argv, (gpointer)host);
	for (guint i = 0; args[i] != NULL; i++)
		g_ptr_array_add(argv, (gpointer)args[i]);
	g_ptr_array_add(argv, NULL);
	g_assert_true(g_spawn_sync(cwd, (gchar **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
	                           out, err, &wait_status, &error));
	g_assert_no_error(error);
	g_assert_true(WIFEXITED(wait_status));
	return WEXITSTATUS(wait_status);
}

static GPtrArray *
aa_test_args_valist(const gchar *first, va_list ap)
{
	GPtrArray *args = g_ptr_array_new();
	for (const gchar *arg = first; arg != NULL; arg = va_arg(ap, const gchar *))
		g_ptr_array_add(args, (gpointer)arg);
	g_ptr_array_add(args, NULL);
	return args;
}

/**
 * aa_test_host_run:
 * @out: (out) (optional): its standard output
 * @err: (out) (optional): its standard error
 * @...: the arguments, %NULL-terminated
 *
 * Returns: the host program's exit code, as aa_test_host_argv()
 */
gint
aa_test_host_run(gchar **out, gchar **err, ...)
{
	g_autoptr(GPtrArray) args = NULL;
	va_list ap;

	va_start(ap, err);
	args = aa_test_args_valist(va_arg(ap, const gchar *), ap);
	va_end(ap);
	return aa_test_host_argv(NULL, (const gchar *const *)args->pdata, out, err);
}

/**
 * aa_test_host_command:
 * @args: (array zero-terminated=1): the arguments after the program's name
 *
 * Returns: (transfer container): the command line of the host program of
 *   $AA_HOST with the build's plugin manifest ($AA_BUILD_MANIFEST) and @args,
 *   %NULL-terminated, for the callers that spawn it themselves
 */
GPtrArray *
aa_test_host_command(const gchar *const *args)
{
	GPtrArray *argv = g_ptr_array_new();
	const gchar *manifest = g_getenv("AA_BUILD_MANIFEST");

	g_assert_nonnull(g_getenv("AA_HOST"));
	g_ptr_array_add(argv, (gpointer)g_getenv("AA_HOST"));
	if (manifest != NULL) {
		g_ptr_array_add(argv, (gpointer) "--plugin-manifest");
		g_ptr_array_add(argv, (gpointer)manifest);
	}
	for (guint i = 0; args[i] != NULL; i++)
		g_ptr_array_add(argv, (gpointer)args[i]);
	g_ptr_array_add(argv, NULL);
	return argv;
}

/**
 * aa_test_exit_status:
 * @wait_status: what waitpid() gave
 *
 * Returns: the exit code, or minus the signal that killed the process
 */
gint
aa_test_exit_status(gint wait_status)
{
	if (WIFEXITED(wait_status))
		return WEXITSTATUS(wait_status);
	if (WIFSIGNALED(wait_status))
		return -WTERMSIG(wait_status);
	return -1000;
}

/* runs @argv with @envp into @run; a death by a signal is a status */
static void
aa_test_exec_spawn(AaTestExec *run, const gchar *cwd, GPtrArray *argv, gchar **envp)
{
	g_autoptr(GError) error = NULL;
	gint wait_status = 0;
	gint64 t0 = g_get_monotonic_time();

	aa_test_exec_clear(run);
	g_assert_true(g_spawn_sync(cwd, (gchar **)argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
	                           &run->out, &run->err, &wait_status, &error));
	g_assert_no_error(error);
	run->status = aa_test_exit_status(wait_status);
	run->seconds = (gdouble)(g_get_monotonic_time() - t0) / G_USEC_PER_SEC;
}

/**
 * aa_test_exec_env:
 * @run: where the output, the exit code and the time taken go
 * @cwd: (nullable): the working directory
 * @env: (array zero-terminated=1) (nullable): names and values to set, in turn
 * @args: (array zero-terminated=1): the arguments after the program's name
 *
 * Runs the host program of $AA_HOST with the build's plugin manifest
 * ($AA_BUILD_MANIFEST); a death by a signal is a status, not a failed test.
 */
void
aa_test_exec_env(AaTestExec *run, const gchar *cwd, const gchar *const *env,
                 const gchar *const *args)
{
	g_autoptr(GPtrArray) argv = aa_test_host_command(args);
	g_auto(GStrv) envp = g_get_environ();

	for (guint i = 0; env != NULL && env[i] != NULL; i += 2)
		envp = g_environ_setenv(envp, env[i], env[i + 1], TRUE);
	aa_test_exec_spawn(run, cwd, argv, envp);
}

/**
 * aa_test_exec_bare:
 * @run: where the output, the exit code and the time taken go
 * @env_var: (nullable): a variable of the environment to change
 * @env_value: (nullable): its value, or %NULL to unset it
 * @args: (array zero-terminated=1): the arguments after the program's name
 *
 * Runs the host program of $AA_HOST as a user would, without the build's
 * plugin manifest, in the current folder; it must exit, not die.
 */
void
aa_test_exec_bare(AaTestExec *run, const gchar *env_var, const gchar *env_value,
                  const gchar *const *args)
{
	g_autoptr(GPtrArray) argv = g_ptr_array_new();
	g_auto(GStrv) envp = g_get_environ();

	g_assert_nonnull(g_getenv("AA_HOST"));
	g_ptr_array_add(argv, (gpointer)g_getenv("AA_HOST"));
	for (guint i = 0; args[i] != NULL; i++)
		g_ptr_array_add(argv, (gpointer)args[i]);
	g_ptr_array_add(argv, NULL);
	if (env_var != NULL && env_value != NULL)
		envp = g_environ_setenv(envp, env_var, env_value, TRUE);
	else if (env_var != NULL)
		envp = g_environ_unsetenv(envp, env_var);
	aa_test_exec_spawn(run, NULL, argv, envp);
	if (run->status < 0)
		g_error("the host died of signal %d:\n%s", -run->status, run->err);
}

/**
 * aa_test_exec_argv:
 * @run: where the output, the exit code and the time taken go
 * @cwd: (nullable): the working directory
 * @args: (array zero-terminated=1): the arguments after the program's name
 *
 * As aa_test_exec_env() with the environment as it is.
 */
void
aa_test_exec_argv(AaTestExec *run, const gchar *cwd, const gchar *const *args)
{
	aa_test_exec_env(run, cwd, NULL, args);
}

/**
 * aa_test_exec_exited:
 * @run: where the output, the exit code and the time taken go
 * @args: (array zero-terminated=1): the arguments after the program's name
 *
 * As aa_test_exec_argv() in the current folder; a death by a signal fails the
 * test.
 */
void
aa_test_exec_exited(AaTestExec *run, const gchar *const *args)
{
	aa_test_exec_argv(run, NULL, args);
	if (run->status < 0)
		g_error("the host died of signal %d:\n%s", -run->status, run->err);
}

/**
 * aa_test_assert_exit:
 * @run: a run of the host
 * @status: the exit code it must have had
 *
 * Prints the run's output when the code differs, then fails.
 */
void
aa_test_assert_exit(AaTestExec *run, gint status)
{
	if (run->status != status)
		g_printerr("exit %d, expected %d\nstdout:\n%s\nstderr:\n%s\n", run->status, status,
		           run->out, run->err);
	g_assert_cmpint(run->status, ==, status);
}

/**
 * aa_test_assert_shell_clean:
 * @filename: a shell script
 *
 * bash -n accepts it, and shellcheck too when it is installed.
 */
void
aa_test_assert_shell_clean(const gchar *filename)
{
	g_autofree gchar *shellcheck = g_find_program_in_path("shellcheck");
	g_autofree gchar *out = NULL;
	const gchar *argv_bash[] = {"bash", "-n", filename, NULL};
	g_autoptr(GError) error = NULL;
	gint status = 0;

	g_assert_true(g_spawn_sync(NULL, (gchar **)argv_bash, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
	                           NULL, NULL, &status, &error));
	g_assert_no_error(error);
	g_assert_true(g_spawn_check_wait_status(status, NULL));
	if (shellcheck != NULL) {
		const gchar *argv_sc[] = {shellcheck, filename, NULL};
		g_assert_true(g_spawn_sync(NULL, (gchar **)argv_sc, NULL, 0, NULL, NULL, &out, NULL,
		                           &status, &error));
		g_assert_no_error(error);
		if (!g_spawn_check_wait_status(status, NULL))
			g_printerr("shellcheck %s:\n%s", filename, out);
		g_assert_true(g_spawn_check_wait_status(status, NULL));
	}
}

/**
 * aa_test_run_bash:
 * @script: a shell script
 * @cwd: the working directory
 * @path_first: (nullable): a folder searched before $PATH, for stubs
 * @env: (array zero-terminated=1) (nullable): names and values, in turn
 * @out: (out) (optional): the script's standard output, else dropped
 *
 * Runs @script with bash; it must succeed.
 *
 * Returns: (transfer full): its standard error
 */
gchar *
aa_test_run_bash(const gchar *script, const gchar *cwd, const gchar *path_first,
                 const gchar *const *env, gchar **out)
{
	g_auto(GStrv) envp = g_get_environ();
	g_autoptr(GError) error = NULL;
	g_autofree gchar *out_local = NULL;
	const gchar *argv[] = {"bash", script, NULL};
	gchar *err = NULL;
	gint status = 0;

	if (path_first != NULL) {
		g_autofree gchar *path = g_strdup_printf("%s:%s", path_first, g_getenv("PATH"));
		envp = g_environ_setenv(envp, "PATH", path, TRUE);
	}
	for (guint i = 0; env != NULL && env[i] != NULL && env[i + 1] != NULL; i += 2)
		envp = g_environ_setenv(envp, env[i], env[i + 1], TRUE);
	/* the output never mixes with the test's own TAP output */
	g_assert_true(g_spawn_sync(cwd, (gchar **)argv, envp, G_SPAWN_SEARCH_PATH, NULL, NULL,
	                           out != NULL ? out : &out_local, &err, &status, &error));
	g_assert_no_error(error);
	if (!g_spawn_check_wait_status(status, NULL))
		g_printerr("%s failed:\n%s", script, err);
	g_assert_true(g_spawn_check_wait_status(status, NULL));
	return err;
}

/**
 * aa_test_write_stubs:
 * @stubs: a folder for aa_test_run_bash()'s @path_first
 *
 * Stubs of what the launch and peripheral scripts run: acrn-dm writes its
 * arguments NUL-separated to $ARGV_OUT; modprobe, ip, mount and umount do
 * nothing.
 */
void
aa_test_write_stubs(const gchar *stubs)
{
	const gchar *nothing[] = {"modprobe", "ip", "mount", "umount"};
	aa_test_write_file(stubs, "acrn-dm", "#!/bin/bash\nprintf '%s\\0' \"$@\" > \"$ARGV_OUT\"\n",
	                   0755);
	for (guint i = 0; i < G_N_ELEMENTS(nothing); i++)
		aa_test_write_file(stubs, nothing[i], "#!/bin/sh\nexit 0\n", 0755);
}

static void
aa_test_tree_snapshot_dir(GString *snap, const gchar *dir)
{
	g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
	g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
	const gchar *name;

	g_assert_nonnull(d);
	while ((name = g_dir_read_name(d)) != NULL)
		g_ptr_array_add(names, g_strdup(name));
	g_ptr_array_sort(names, aa_test_name_cmp);
	for (guint i = 0; i < names->len; i++) {
		g_autofree gchar *fn = g_build_filename(dir, g_ptr_array_index(names, i), NULL);
		struct stat st;
		g_assert_cmpint(lstat(fn, &st), ==, 0);
		if (S_ISLNK(st.st_mode)) {
			g_autofree gchar *target = g_file_read_link(fn, NULL);
			g_string_append_printf(snap, "%s -> %s\n", fn, target);
		} else if (S_ISDIR(st.st_mode)) {
			aa_test_tree_snapshot_dir(snap, fn);
		} else {
			g_autofree gchar *text = aa_test_read_text(NULL, fn);
			g_string_append_printf(snap, "%s %ld.%09ld [%s]\n", fn,
			                       (glong)st.st_mtim.tv_sec, (glong)st.st_mtim.tv_nsec,
			                       text);
		}
	}
}

/**
 * aa_test_tree_snapshot:
 * @dir: a folder
 *
 * Every file below @dir with its modification time and content, and every
 * link with its target, for "nothing changed" asserts.
 *
 * Returns: (transfer full): the snapshot
 */
gchar *
aa_test_tree_snapshot(const gchar *dir)
{
	GString *snap = g_string_new(NULL);
	aa_test_tree_snapshot_dir(snap, dir);
	return g_string_free(snap, FALSE);
}
