/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Realistic search instances for the bench, the MILP comparison and the
 * search test (see aa-bench-gen.h).
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>

#include "aa-bench-gen.h"
#include "aa-board-private.h"
#include "aa-error.h"
#include "aa-intent-private.h"
#include "aa-model-private.h"
#include "aa-placement.h"
#include "aa-search-private.h"

struct _AaGenVm {
	AaIntentVm vm;
	AaProfile profile;
	AaVmModel *model;
};

static const gchar *const aa_gen_family_names[AA_GEN_COUNT] = {"mixed", "copies", "classes",
                                                               "near"};

const gchar *
aa_gen_family_name(AaGenFamily family)
{
	return family < AA_GEN_COUNT ? aa_gen_family_names[family] : NULL;
}

gboolean
aa_gen_family_from_name(const gchar *name, AaGenFamily *family)
{
	for (guint f = 0; f < AA_GEN_COUNT; f++) {
		if (g_strcmp0(name, aa_gen_family_names[f]) == 0) {
			*family = (AaGenFamily)f;
			return TRUE;
		}
	}
	return FALSE;
}

static void
aa_gen_vm_free(AaGenVm *b)
{
	aa_vm_model_free(b->model);
	g_ptr_array_unref(b->vm.qos);
	g_free(b->vm.name);
	g_array_unref(b->profile.samples);
	g_hash_table_unref(b->profile.qos);
	g_free(b);
}

static void
aa_gen_qos(AaGenVm *b, const gchar *metric, gboolean higher, gdouble target, gdouble weight,
           gdouble profiled)
{
	AaQosTarget *qos = g_new0(AaQosTarget, 1);
	qos->metric = g_strdup(metric);
	qos->higher_is_better = higher;
	qos->target = target;
	qos->weight = weight;
	g_ptr_array_add(b->vm.qos, qos);
	g_hash_table_insert(b->profile.qos, g_strdup(metric),
	                    g_memdup2(&profiled, sizeof(profiled)));
}

/* a trace of 20 samples around the demand; p95 picks the 19th */
static void
aa_gen_trace(GRand *rand, AaGenVm *b, gdouble cpu, gdouble mem, gdouble gpu_slices)
{
	for (guint t = 0; t < 20; t++) {
		gdouble jitter = g_rand_double_range(rand, 0.7, 1.0);
		AaProfileSample s = {.time_s = t,
		                     .cpu_p_busy = cpu * jitter,
		                     .cpu_e_busy = 0.0,
		                     .mem_used_mib = NAN,
		                     .mem_rss_mib = mem * jitter,
		                     .wss_mib = NAN,
		                     .swap_used_mib = NAN,
		                     .major_faults_per_s = NAN,
		                     .gpu_busy_pct = gpu_slices * 25.0 * jitter,
		                     .vram_mib = NAN};
		g_array_append_val(b->profile.samples, s);
	}
	/* profiled with 4 slices */
	b->profile.has_allocation = TRUE;
	b->profile.alloc_gpu_slices = 4;
	b->profile.has_gpu = gpu_slices > 0;
}

/* one VM of class @klass (0 rtos, 1 gaming, 2 ai-inference, 3 web, 4 general),
 * its demands and profiled QoS scaled by @j */
static AaGenVm *
aa_gen_vm_new(GRand *rand, guint index, guint klass, gdouble j, gboolean gpu)
{
	AaGenVm *b = g_new0(AaGenVm, 1);
	g_autoptr(GError) error = NULL;

	b->vm.name = g_strdup_printf("VM%u", index + 1);
	b->vm.qos = g_ptr_array_new_with_free_func((GDestroyNotify)aa_qos_target_free);
	b->vm.profile = &b->profile;
	b->vm.lambda = 0.05;
	for (guint k = 0; k < AA_RESOURCE_COUNT; k++)
		b->vm.has_util_weight[k] = TRUE;
	b->vm.util_weight[AA_RESOURCE_CPU] = 0.5;
	b->vm.util_weight[AA_RESOURCE_MEMORY] = 0.3;
	b->vm.util_weight[AA_RESOURCE_GPU] = 0.2;
	b->profile.samples = g_array_new(FALSE, TRUE, sizeof(AaProfileSample));
	b->profile.qos = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	switch (klass) {
	case 0:
		b->vm.klass = AA_VM_CLASS_RTOS;
		aa_gen_trace(rand, b, 1.0 + g_rand_int_range(rand, 0, 2), 512 * j, 0);
		aa_gen_qos(b, "deadline-miss-ratio", FALSE, 0.0, 1.0, 0.0);
		break;
	case 1:
		b->vm.klass = AA_VM_CLASS_GAMING;
		aa_gen_trace(rand, b, 2.6 * j, 5200 * j, gpu ? 2.4 * j : 0);
		aa_gen_qos(b, "fps", TRUE, 60, 0.8, 72 * j);
		aa_gen_qos(b, "frame-time-p95-ms", FALSE, 25, 0.2, 14 * j);
		break;
	case 2:
		b->vm.klass = AA_VM_CLASS_AI_INFERENCE;
		aa_gen_trace(rand, b, 2.1 * j, 6100 * j, gpu ? 1.8 * j : 0);
		aa_gen_qos(b, "throughput", TRUE, 30, 0.7, 41 * j);
		aa_gen_qos(b, "latency-ms", FALSE, 60, 0.3, 22 * j);
		break;
	case 3:
		b->vm.klass = AA_VM_CLASS_WEB;
		aa_gen_trace(rand, b, 1.3 * j, 2300 * j, 0);
		aa_gen_qos(b, "latency-ms", FALSE, 250, 1.0, 180 * j);
		break;
	default:
		b->vm.klass = AA_VM_CLASS_GENERAL;
		aa_gen_trace(rand, b, 1.7 * j, 3100 * j, 0);
		aa_gen_qos(b, "score", TRUE, 80, 1.0, 95 * j);
		break;
	}
	b->model = aa_vm_model_new(&b->vm, klass == 0, &error);
	if (b->model == NULL)
		g_error("generated VM %u: %s", index, error->message);
	return b;
}

/* a copy of @src under a new name: the same trace, targets and model */
static AaGenVm *
aa_gen_vm_copy(const AaGenVm *src, guint index)
{
	AaGenVm *b = g_new0(AaGenVm, 1);
	g_autoptr(GError) error = NULL;
	GHashTableIter iter;
	gpointer key;
	gpointer value;

	b->vm = src->vm;
	b->vm.name = g_strdup_printf("VM%u", index + 1);
	b->vm.qos = g_ptr_array_new_with_free_func((GDestroyNotify)aa_qos_target_free);
	b->vm.profile = &b->profile;
	b->profile = src->profile;
	b->profile.samples = g_array_copy(src->profile.samples);
	b->profile.qos = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	g_hash_table_iter_init(&iter, src->profile.qos);
	while (g_hash_table_iter_next(&iter, &key, &value))
		g_hash_table_insert(b->profile.qos, g_strdup(key),
		                    g_memdup2(value, sizeof(gdouble)));
	for (guint q = 0; q < src->vm.qos->len; q++) {
		const AaQosTarget *s = g_ptr_array_index(src->vm.qos, q);
		AaQosTarget *t = g_new0(AaQosTarget, 1);
		*t = *s;
		t->metric = g_strdup(s->metric);
		g_ptr_array_add(b->vm.qos, t);
	}
	b->model = aa_vm_model_new(&b->vm, src->model->rt, &error);
	if (b->model == NULL)
		g_error("copied VM %u: %s", index, error->message);
	return b;
}

/**
 * aa_gen_instance_new:
 * @family: how the VMs relate to each other
 * @n_vms: number of VMs
 * @capacity: what they share
 * @memory_quantum_mib: memory step
 * @seed: jitter seed; the same arguments give the same instance
 *
 * Returns: (transfer full): the instance, objective mode balanced
 */
AaGenInstance *
aa_gen_instance_new(AaGenFamily family, guint n_vms, const AaCapacity *capacity,
                    guint memory_quantum_mib, guint seed)
{
	AaGenInstance *self = g_new0(AaGenInstance, 1);
	g_autoptr(GRand) rand = g_rand_new_with_seed(seed * 7919u + n_vms);
	/* the classes of CLASSES and NEAR: gaming, ai-inference, web, general */
	const guint several[] = {1, 2, 3, 4};
	/* every GPU VM needs a slice and a VF: at most 80% of them, the other
	 * gaming and AI VMs render and infer on the CPU */
	guint gpu_left = (guint)MIN(capacity->gpu_slices, capacity->gpu_vfs) * 4 / 5;

	self->label = g_strdup_printf("%s/%u/%u/%u", aa_gen_family_name(family), n_vms,
	                              memory_quantum_mib, seed);
	self->vms = g_ptr_array_new_with_free_func((GDestroyNotify)aa_gen_vm_free);
	if (family == AA_GEN_COPIES)
		gpu_left /= 2;
	for (guint i = 0; i < n_vms; i++) {
		AaGenVm *b;
		guint per = MAX(n_vms / 4, 1);
		guint klass = family == AA_GEN_CLASSES || family == AA_GEN_NEAR
		                  ? several[MIN(i / per, 3)]
		                  : (i + seed) % 5;
		gboolean gpu = (klass == 1 || klass == 2) && gpu_left > 0;
		if (gpu && !(family == AA_GEN_COPIES && i >= (n_vms + 1) / 2))
			gpu_left--;
		switch (family) {
		case AA_GEN_COPIES:
			if (i >= (n_vms + 1) / 2) {
				b = aa_gen_vm_copy(
				    g_ptr_array_index(self->vms, i - (n_vms + 1) / 2), i);
				break;
			}
			b = aa_gen_vm_new(rand, i, klass, g_rand_double_range(rand, 0.8, 1.25),
			                  gpu);
			break;
		case AA_GEN_CLASSES:
			b = aa_gen_vm_new(rand, i, klass, g_rand_double_range(rand, 0.97, 1.03),
			                  gpu);
			break;
		case AA_GEN_NEAR:
			b = aa_gen_vm_new(rand, i, klass, g_rand_double_range(rand, 0.995, 1.005),
			                  gpu);
			break;
		default:
			b = aa_gen_vm_new(rand, i, klass, g_rand_double_range(rand, 0.8, 1.25),
			                  gpu);
			break;
		}
		g_ptr_array_add(self->vms, b);
	}
	self->models = g_ptr_array_new();
	for (guint i = 0; i < n_vms; i++)
		g_ptr_array_add(self->models, ((AaGenVm *)g_ptr_array_index(self->vms, i))->model);
	self->problem.models = self->models;
	self->problem.capacity = *capacity;
	self->problem.memory_quantum_mib = memory_quantum_mib;
	self->problem.lambda_scale = aa_objective_lambda_scale(AA_OBJECTIVE_BALANCED);
	return self;
}

/**
 * aa_gen_instance_use_model:
 * @self: an instance
 * @kind: the model every VM is scored by
 *
 * Rebuilds every VM's model as @kind with its default parameters
 * (docs/robust-model.md) and, for the robust model, sets M of its
 * targets-first objective, as recommend does.
 */
void
aa_gen_instance_use_model(AaGenInstance *self, AaModelKind kind)
{
	AaModelOptions options;

	aa_model_options_init(&options, kind);
	options.memory_quantum_mib = self->problem.memory_quantum_mib;
	for (guint i = 0; i < self->vms->len; i++) {
		AaGenVm *b = g_ptr_array_index(self->vms, i);
		g_autoptr(GError) error = NULL;
		AaVmModel *model = aa_vm_model_new_full(&b->vm, b->model->rt, &options, &error);
		if (model == NULL)
			g_error("VM %u under the %s model: %s", i, aa_model_kind_to_string(kind),
			        error->message);
		aa_vm_model_free(b->model);
		b->model = model;
		g_ptr_array_index(self->models, i) = model;
	}
	if (kind == AA_MODEL_KIND_ROBUST)
		aa_vm_models_set_target_scale(self->models, self->problem.lambda_scale);
}

void
aa_gen_instance_free(AaGenInstance *self)
{
	if (self == NULL)
		return;
	g_ptr_array_unref(self->models);
	g_ptr_array_unref(self->vms);
	g_free(self->label);
	g_free(self);
}

/**
 * aa_gen_board_capacity:
 * @filename: a board XML
 * @capacity: (out): what user VMs share after the default reserves (1 pCPU,
 *	4096 + 256 MiB), 10 GPU slices and the PF's VFs
 * @error: a #GError, or %NULL
 */
gboolean
aa_gen_board_capacity(const gchar *filename, AaCapacity *capacity, GError **error)
{
	g_autoptr(AaBoard) board = aa_board_new();
	g_autoptr(GArray) service = NULL;
	const AaPciDevice *pf;

	if (!aa_board_load(board, filename, error))
		return FALSE;
	service = aa_placement_service_pcpus(board, 1);
	pf = aa_board_get_gpu_pf(board);
	capacity->p_cores = aa_board_count_kind(board, AA_CORE_KIND_P) - service->len;
	capacity->e_cores = aa_board_count_kind(board, AA_CORE_KIND_E);
	capacity->memory_mib = (gint64)board->memory_mib - 4096 - 256;
	capacity->gpu_slices = 10;
	capacity->gpu_vfs = pf != NULL ? pf->total_vfs : 0;
	return TRUE;
}

/**
 * aa_gen_write_lp:
 * @self: an instance
 * @filename: where to write
 * @error: a #GError, or %NULL
 *
 * Writes the instance's multiple-choice knapsack in CPLEX LP format: one
 * binary per non-dominated candidate (the table the search solves), one
 * choice row per VM, one capacity row per resource.  Scores are written with
 * 17 significant digits.
 */
gboolean
aa_gen_write_lp(const AaGenInstance *self, const gchar *filename, GError **error)
{
	g_autoptr(AaSearchTable) table = aa_search_table_new_for_problem(&self->problem);
	g_autoptr(GString) lp = g_string_new(NULL);
	guint n = self->models->len;
	const gchar *rows[AA_USE_COUNT] = {"p", "e", "m", "g", "v"};

	aa_search_table_finish(table);
	g_string_append_printf(lp,
	                       "\\ acrn-alloc search instance %s\nMaximize\n obj:", self->label);
	for (guint i = 0; i < n; i++) {
		for (guint j = 0; j < aa_search_table_count(table, i); j++) {
			AaAlloc r;
			gdouble s = aa_search_table_get(table, i, j, &r);
			g_string_append_printf(lp, " %+.17g x_%u_%u", s, i, j);
			if (j % 4 == 3)
				g_string_append(lp, "\n ");
		}
	}
	g_string_append(lp, "\nSubject To\n");
	for (guint i = 0; i < n; i++) {
		g_string_append_printf(lp, " c%u:", i);
		for (guint j = 0; j < aa_search_table_count(table, i); j++) {
			g_string_append_printf(lp, " + x_%u_%u", i, j);
			if (j % 8 == 7)
				g_string_append(lp, "\n ");
		}
		g_string_append(lp, " = 1\n");
	}
	for (guint k = 0; k < AA_USE_COUNT; k++) {
		gboolean any = FALSE;
		g_string_append_printf(lp, " %s:", rows[k]);
		for (guint i = 0; i < n; i++) {
			for (guint j = 0; j < aa_search_table_count(table, i); j++) {
				AaAlloc r;
				gint64 use[AA_USE_COUNT];
				aa_search_table_get(table, i, j, &r);
				use[AA_USE_P_CORES] = r.p_cores;
				use[AA_USE_E_CORES] = r.e_cores;
				use[AA_USE_MEMORY_QUANTA] =
				    r.memory_mib / self->problem.memory_quantum_mib;
				use[AA_USE_GPU_SLICES] = r.gpu_slices;
				use[AA_USE_GPU_VFS] = r.gpu_slices > 0 ? 1 : 0;
				if (use[k] == 0)
					continue;
				g_string_append_printf(lp, " + %" G_GINT64_FORMAT " x_%u_%u",
				                       use[k], i, j);
				any = TRUE;
				if (j % 8 == 7)
					g_string_append(lp, "\n ");
			}
		}
		if (!any)
			g_string_append_printf(lp, " 0 x_0_0");
		g_string_append_printf(lp, " <= %" G_GINT64_FORMAT "\n",
		                       aa_search_table_capacity(table, (AaUse)k));
	}
	g_string_append(lp, "Binary\n");
	for (guint i = 0; i < n; i++) {
		for (guint j = 0; j < aa_search_table_count(table, i); j++)
			g_string_append_printf(lp, " x_%u_%u\n", i, j);
	}
	g_string_append(lp, "End\n");
	return g_file_set_contents(filename, lp->str, (gssize)lp->len, error);
}
