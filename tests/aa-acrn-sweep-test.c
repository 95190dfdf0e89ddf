/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * What scripts/acrn-sweep.sh found on ACRN boards and scenarios beyond
 * ../shared/acrn-data (older releases, other branches; docs/acrn-sweep.md),
 * each on a small hand-written fixture of fixtures/acrn-sweep/ that has the
 * shape of the real file that broke.
 */

#include "config.h"

#include <string.h>

#include "aa-board-private.h"
#include "aa-error.h"
#include "aa-scenario-private.h"
#include "aa-test-util.h"

/* A layout acrn-alloc deliberately does not read: the loader refuses it as
 * invalid data (exit 2) naming the file, the layout and what to do. */
typedef struct {
	const gchar *name;
	const gchar *fixture;
	gboolean board;      /* a board XML (else a scenario) */
	const gchar *says;   /* the layout, as the message names it */
	const gchar *remedy; /* what the message tells to run */
} AaSweepOldLayout;

static const AaSweepOldLayout aa_sweep_old_layouts[] = {
    {"scenario-v2-vm-type", "invalid-scenario-pre-v3-vm-type.xml", FALSE,
     "<vm_type>SERVICE_VM</vm_type> without <load_order> is ACRN's scenario layout before v3.0",
     "upgrader.py"},
    {"scenario-v1-sos-vm", "invalid-scenario-pre-v3-sos-load-order.xml", FALSE,
     "<load_order>SOS_VM</load_order> is ACRN's scenario layout before v3.0", "upgrader.py"},
    {"scenario-v3-dev-bare-pcpu-id", "invalid-scenario-pre-v3-bare-pcpu-id.xml", FALSE,
     "<cpu_affinity><pcpu_id> without <pcpu> is ACRN's scenario layout before v3.0", "upgrader.py"},
    {"scenario-v3-dev-memory-bytes", "invalid-scenario-pre-v3-memory-bytes.xml", FALSE,
     "<memory><start_hpa> (sizes in bytes) without <hpa_region> is ACRN's scenario layout "
     "before v3.0",
     "upgrader.py"},
    {"launch-xml-v2", "invalid-scenario-pre-v3-launch-xml.xml", FALSE,
     "launch XML of ACRN before v3.0", "--launch"},
    {"board-pre-v2.5", "invalid-board-pre-v25-inspector.xml", TRUE, "board inspector before v2.5",
     "board_inspector.py"},
};

static void
aa_sweep_old_layout_func(gconstpointer data)
{
	const AaSweepOldLayout *c = data;
	g_autofree gchar *fn = aa_test_fixture_path("acrn-sweep", c->fixture, NULL);
	g_autofree gchar *board_fn = aa_test_fixture_path("valid-board-tiny-hybrid.xml", NULL);
	g_autoptr(GError) error = NULL;
	g_auto(AaTestExec) run = {0};
	gboolean ok;

	if (c->board) {
		g_autoptr(AaBoard) board = aa_board_new();
		ok = aa_board_load(board, fn, &error);
	} else {
		g_autoptr(AaScenario) scenario = aa_scenario_new();
		ok = aa_scenario_load(scenario, fn, &error);
	}
	g_assert_false(ok);
	g_assert_error(error, AA_ERROR, AA_ERROR_INVALID_DATA);
	/* the message is the feature: the file, the old layout and the remedy */
	aa_test_assert_contains(error->message, fn, c->says, c->remedy, NULL);

	/* the host: exit 2, the same message */
	if (c->board)
		aa_test_exec(&run, "inspect", "--board", fn);
	else
		aa_test_exec(&run, "validate", "--board", board_fn, "--scenario", fn);
	aa_test_assert_exit(&run, 2);
	aa_test_assert_contains(run.err, fn, c->says, NULL);
}

/* hist/whl-ipc-i5/sdc.xml (a v3.0 development-era sample): an empty
 * <network/> made `launch` and `plan` fail; it is an unset row, no device */
static void
aa_sweep_empty_network_func(void)
{
	g_autofree gchar *board = aa_test_fixture_path("valid-board-tiny-hybrid.xml", NULL);
	g_autofree gchar *scenario =
	    aa_test_fixture_path("acrn-sweep", "valid-scenario-empty-network.xml", NULL);
	g_autoptr(AaTestDir) dir = aa_test_tmpdir("aa-sweep-net-XXXXXX");
	g_autofree gchar *script = NULL;
	g_autofree gchar *fn = NULL;
	g_auto(AaTestExec) run = {0};

	aa_test_exec(&run, "launch", "--board", board, "--scenario", scenario, "-o", dir);
	aa_test_assert_exit(&run, 0);
	script = aa_test_read_text(dir, "launch_user_vm_id1.sh");
	aa_test_assert_contains(script, "virtio-blk", NULL);
	aa_test_assert_lacks(script, "virtio-net 'tap=", NULL);
	fn = g_build_filename(dir, "launch_user_vm_id1.sh", NULL);
	aa_test_assert_shell_clean(fn);
}

/* a network device that is set but names no TAP device is refused, and the
 * message names the scenario and the VM's line, not only the stylesheet */
static void
aa_sweep_network_no_interface_func(void)
{
	g_autofree gchar *board = aa_test_fixture_path("valid-board-tiny-hybrid.xml", NULL);
	g_autofree gchar *scenario =
	    aa_test_fixture_path("acrn-sweep", "invalid-scenario-network-no-interface.xml", NULL);
	g_autofree gchar *where = g_strdup_printf("%s:12:", scenario);
	g_autoptr(AaTestDir) dir = aa_test_tmpdir("aa-sweep-net-XXXXXX");
	g_auto(AaTestExec) run = {0};

	aa_test_exec(&run, "launch", "--board", board, "--scenario", scenario, "-o", dir);
	aa_test_assert_exit(&run, 2);
	/* the message is the feature */
	aa_test_assert_contains(run.err, where, "POST_STD_VM1", "interface_name", NULL);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	aa_test_add_cases("/aa/acrn-sweep/old-layout", aa_sweep_old_layouts,
	                  sizeof(aa_sweep_old_layouts[0]), G_N_ELEMENTS(aa_sweep_old_layouts),
	                  aa_sweep_old_layout_func);
	g_test_add_func("/aa/acrn-sweep/empty-network", aa_sweep_empty_network_func);
	g_test_add_func("/aa/acrn-sweep/network-no-interface", aa_sweep_network_no_interface_func);
	return g_test_run();
}
