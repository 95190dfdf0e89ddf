/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * `profile-script --service-vm`: the POSIX sh script that records a VM's I/O
 * profile CSV (FORMATS.md v2) in the Service VM, from the CPU time of the
 * threads of the VM's acrn-dm.  Thread names are acrn-dm's own: "iothr-N-tag"
 * (devicemodel/core/iothread.c), "blk-S:F-N" (hw/block_if.c workers),
 * "vtnet-S:F tx" (virtio_net.c); everything else ("vcpu N" request
 * handlers, "mevent", ...) is counted apart as dm_other_busy.
 */

#include "config.h"

#include <string.h>

#include "aa-context-private.h"
#include "aa-error.h"
#include "aa-intent-private.h"
#include "aa-io-profile-script.h"
#include "aa-profile-script.h"
#include "aa-util.h"

/* 'text' with every ' written as '\'' : one sh word, taken literally */
static void
aa_io_script_quote(GString *out, const gchar *text)
{
	g_string_append_c(out, '\'');
	for (const gchar *p = text; *p != '\0'; p++) {
		if (*p == '\'')
			g_string_append(out, "'\\''");
		else
			g_string_append_c(out, *p);
	}
	g_string_append_c(out, '\'');
}

static const gchar aa_io_script_body[] =
    "\n"
    "proc_root=\"${AA_PROC_ROOT:-/proc}\"\n"
    "\n"
    "usage() {\n"
    "\techo \"usage: $0 [-i SEC] [-d SEC] [-o FILE] [-q CMD] [-c CMD] [-p PID]\"\n"
    "\techo \"  records the I/O profile of VM ${vm_name} from its acrn-dm's threads\"\n"
    "\techo \"  -i SEC   sampling interval (default ${interval})\"\n"
    "\techo \"  -d SEC   run time (default ${duration})\"\n"
    "\techo \"  -o FILE  the CSV to write (default ${output})\"\n"
    "\techo \"  -q CMD   prints latency-p95-ms=VALUE for the last interval\"\n"
    "\techo \"  -c CMD   prints the VM's busy vCPU cores (its vCPUs run in the\"\n"
    "\techo \"           hypervisor, out of the Service VM's sight)\"\n"
    "\techo \"  -p PID   acrn-dm's process ID (default: the one launching ${vm_name})\"\n"
    "}\n"
    "\n"
    "while getopts 'i:d:o:q:c:p:h' opt; do\n"
    "\tcase \"${opt}\" in\n"
    "\ti) interval=${OPTARG} ;;\n"
    "\td) duration=${OPTARG} ;;\n"
    "\to) output=${OPTARG} ;;\n"
    "\tq) qos_command=${OPTARG} ;;\n"
    "\tc) vcpu_command=${OPTARG} ;;\n"
    "\tp) pid=${OPTARG} ;;\n"
    "\th) usage; exit 0 ;;\n"
    "\t*) usage >&2; exit 2 ;;\n"
    "\tesac\n"
    "done\n"
    "\n"
    "# a decimal number, or nothing\n"
    "number_or_empty() {\n"
    "\tcase \"$1\" in\n"
    "\t'' | *[!0-9.]* | *.*.* | .) echo '' ;;\n"
    "\t*) echo \"$1\" ;;\n"
    "\tesac\n"
    "}\n"
    "for value in \"${interval}\" \"${duration}\"; do\n"
    "\tif [ -z \"$(number_or_empty \"${value}\")\" ]; then\n"
    "\t\techo \"Error: '${value}' is not a number of seconds\" >&2\n"
    "\t\texit 2\n"
    "\tfi\n"
    "done\n"
    "\n"
    "# the acrn-dm whose last argument is the VM name (the launch scripts end\n"
    "# acrn-dm's command line with it)\n"
    "find_dm() {\n"
    "\tfor dir in \"${proc_root}\"/[0-9]*; do\n"
    "\t\t[ -r \"${dir}/cmdline\" ] || continue\n"
    "\t\t[ \"$(cat \"${dir}/comm\" 2>/dev/null)\" = acrn-dm ] || continue\n"
    "\t\tif [ \"$(tr '\\000' '\\n' < \"${dir}/cmdline\" | sed -n '$p')\" = \"${vm_name}\" ]; then\n"
    "\t\t\techo \"${dir##*/}\"\n"
    "\t\t\treturn 0\n"
    "\t\tfi\n"
    "\tdone\n"
    "\treturn 1\n"
    "}\n"
    "if [ -z \"${pid}\" ]; then\n"
    "\tif ! pid=$(find_dm); then\n"
    "\t\techo \"Error: no acrn-dm runs VM ${vm_name}; launch it first or pass -p PID\" >&2\n"
    "\t\texit 1\n"
    "\tfi\n"
    "fi\n"
    "if [ ! -d \"${proc_root}/${pid}/task\" ]; then\n"
    "\techo \"Error: no process ${pid} (${proc_root}/${pid}/task)\" >&2\n"
    "\texit 1\n"
    "fi\n"
    "\n"
    "# utime + stime of acrn-dm's threads, in clock ticks: I/O threads, the rest.\n"
    "# A name may hold spaces and ')': the fields start after the last ')'.\n"
    "dm_ticks() {\n"
    "\tcat \"${proc_root}/${pid}\"/task/*/stat 2>/dev/null | awk '\n"
    "\t{\n"
    "\t\ts = $0; p = 0\n"
    "\t\twhile ((i = index(substr(s, p + 1), \")\")) > 0) p += i\n"
    "\t\to = index(s, \"(\")\n"
    "\t\tif (o == 0 || p == 0) next\n"
    "\t\tcomm = substr(s, o + 1, p - o - 1)\n"
    "\t\tsplit(substr(s, p + 2), f, \" \")\n"
    "\t\tt = f[12] + f[13]\n"
    "\t\tif (comm ~ /^(iothr-|blk-|vtnet-)/) io += t; else other += t\n"
    "\t}\n"
    "\tEND { printf \"%d %d\\n\", io, other }'\n"
    "}\n"
    "\n"
    "# the cores each side had: the VM's vCPUs (acrn-dm's --cpu_affinity list)\n"
    "# and the Service VM CPUs acrn-dm may run on (Cpus_allowed_list)\n"
    "vcpu_cores=$(tr '\\000' '\\n' < \"${proc_root}/${pid}/cmdline\" |\n"
    "\tawk 'prev == \"--cpu_affinity\" { print split($0, a, \",\"); exit } { prev = $0 }')\n"
    "io_cores=$(sed -n 's/^Cpus_allowed_list:[[:space:]]*//p' \"${proc_root}/${pid}/status\" "
    "2>/dev/null |\n"
    "\tawk '{ n = 0; c = split($0, r, \",\"); for (k = 1; k <= c; k++) {\n"
    "\t\tif (split(r[k], b, \"-\") == 2) n += b[2] - b[1] + 1; else if (r[k] != \"\") n++ }\n"
    "\t\tprint n }')\n"
    "clk_tck=${AA_CLK_TCK:-$(getconf CLK_TCK 2>/dev/null || echo 100)}\n"
    "samples=$(awk -v d=\"${duration}\" -v i=\"${interval}\" \\\n"
    "\t'BEGIN { n = int(d / i + 0.5); if (n < 1) n = 1; print n }')\n"
    "\n"
    "tmp=\"${output}.tmp.$$\"\n"
    "trap 'rm -f \"${tmp}\"' EXIT\n"
    "{\n"
    "\techo '# acrn-alloc-io-profile v1'\n"
    "\techo \"# vm: ${vm_name}\"\n"
    "\tif [ -n \"${vcpu_cores}\" ] && [ -n \"${io_cores}\" ] && [ \"${io_cores}\" != 0 ]; then\n"
    "\t\techo \"# cores: vcpu=${vcpu_cores} io=${io_cores}\"\n"
    "\tfi\n"
    "\techo \"# acrn-dm pid ${pid}, ${clk_tck} ticks/s; vcpu_busy from -c, latency from -q\"\n"
    "\techo 'time_s,vcpu_busy,io_busy,latency_p95_ms,dm_other_busy'\n"
    "} > \"${tmp}\"\n"
    "\n"
    "ticks=$(dm_ticks)\n"
    "io0=${ticks% *}\n"
    "other0=${ticks#* }\n"
    "read -r up0 _ < \"${proc_root}/uptime\"\n"
    "start=${up0}\n"
    "k=0\n"
    "while [ \"${k}\" -lt \"${samples}\" ]; do\n"
    "\tsleep \"${interval}\"\n"
    "\tif [ ! -d \"${proc_root}/${pid}/task\" ]; then\n"
    "\t\techo \"acrn-dm (${pid}) exited; keeping the ${k} samples taken\" >&2\n"
    "\t\tbreak\n"
    "\tfi\n"
    "\tticks=$(dm_ticks)\n"
    "\tio1=${ticks% *}\n"
    "\tother1=${ticks#* }\n"
    "\tread -r up1 _ < \"${proc_root}/uptime\"\n"
    "\tvcpu=''\n"
    "\tif [ -n \"${vcpu_command}\" ]; then\n"
    "\t\tvcpu=$(number_or_empty \"$(sh -c \"${vcpu_command}\" 2>/dev/null | head -n 1 | tr -d ' "
    "\\r')\")\n"
    "\tfi\n"
    "\tlatency=''\n"
    "\tif [ -n \"${qos_command}\" ]; then\n"
    "\t\tlatency=$(number_or_empty \"$(sh -c \"${qos_command}\" 2>/dev/null |\n"
    "\t\t\tsed -n 's/^latency-p95-ms=//p' | head -n 1 | tr -d ' \\r')\")\n"
    "\tfi\n"
    "\tawk -v u0=\"${up0}\" -v u1=\"${up1}\" -v s=\"${start}\" -v iv=\"${interval}\" \\\n"
    "\t\t-v i0=\"${io0}\" -v i1=\"${io1}\" -v o0=\"${other0}\" -v o1=\"${other1}\" \\\n"
    "\t\t-v hz=\"${clk_tck}\" -v v=\"${vcpu}\" -v l=\"${latency}\" 'BEGIN {\n"
    "\t\tdt = u1 - u0; if (dt <= 0) dt = iv\n"
    "\t\tio = (i1 - i0) / hz / dt; if (io < 0) io = 0\n"
    "\t\tot = (o1 - o0) / hz / dt; if (ot < 0) ot = 0\n"
    "\t\tprintf \"%.3f,%s,%.4f,%s,%.4f\\n\", u1 - s, v, io, l, ot }' >> \"${tmp}\"\n"
    "\tio0=${io1}\n"
    "\tother0=${other1}\n"
    "\tup0=${up1}\n"
    "\tk=$((k + 1))\n"
    "done\n"
    "mv \"${tmp}\" \"${output}\"\n"
    "trap - EXIT\n"
    "echo \"wrote ${output} (${k} samples): reference it as <io-profile href=...> of VM "
    "${vm_name}\" >&2\n";

/**
 * aa_io_profile_script_render:
 * @vm: the VM whose acrn-dm to watch
 * @options: (nullable): `interval`, `duration`, `qos-command`,
 *   `vcpu-command`, `io-output`
 * @error: (nullable): optional return location for an error
 *
 * Returns: (transfer full): the POSIX sh script, or %NULL
 */
gchar *
aa_io_profile_script_render(const gchar *vm, GHashTable *options, GError **error)
{
	const gchar *interval = aa_context_option(options, "interval", "1");
	const gchar *duration = aa_context_option(options, "duration", "60");
	const gchar *qos_command = aa_context_option(options, "qos-command", "");
	const gchar *vcpu_command = aa_context_option(options, "vcpu-command", "");
	g_autofree gchar *default_out = g_strdup_printf("io-profile-%s.csv", vm);
	g_autoptr(GString) s = g_string_new(NULL);
	g_autofree gchar *oneline = g_strdup(vm);

	if (!aa_profile_script_check_seconds(interval, "interval", error) ||
	    !aa_profile_script_check_seconds(duration, "duration", error))
		return NULL;
	g_strdelimit(oneline, "\n\r", ' ');
	g_string_append(
	    s, "#!/bin/sh\n"
	       "# The acrn-alloc Service VM I/O profiling script (generated by acrn-alloc\n"
	       "# " AA_VERSION "; do not edit, regenerate it).  Run it in the Service VM while\n"
	       "# the VM runs its usual workload; it writes the I/O profile CSV that\n"
	       "# `acrn-alloc recommend` reads through <vm><io-profile href=...>:\n"
	       "#   io_busy         busy cores of acrn-dm's I/O threads (iothr-*, blk-*,\n"
	       "#                   vtnet-*), from /proc/<pid>/task/*/stat\n"
	       "#   dm_other_busy   acrn-dm's other threads (vcpu N handlers, mevent, ...)\n"
	       "#   vcpu_busy       what -c CMD prints (the vCPUs run in the hypervisor)\n"
	       "#   latency_p95_ms  the latency-p95-ms=VALUE line of -q CMD\n"
	       "# Run it with -h for the options.  VM: ");
	g_string_append(s, oneline);
	g_string_append(s,
	                "\n# shellcheck disable=SC2016  # the values below are literal on purpose\n"
	                "set -eu\nLC_ALL=C\nexport LC_ALL\n\nvm_name=");
	aa_io_script_quote(s, vm);
	g_string_append(s, "\ninterval=");
	aa_io_script_quote(s, interval);
	g_string_append(s, "\nduration=");
	aa_io_script_quote(s, duration);
	g_string_append(s, "\nqos_command=");
	aa_io_script_quote(s, qos_command);
	g_string_append(s, "\nvcpu_command=");
	aa_io_script_quote(s, vcpu_command);
	g_string_append(s, "\noutput=");
	aa_io_script_quote(s, default_out);
	g_string_append(s, "\npid=''\n");
	g_string_append(s, aa_io_script_body);
	return g_string_free(g_steal_pointer(&s), FALSE);
}

/**
 * aa_io_profile_script_write:
 * @ctx: a context with an intent loaded
 * @options: `vm` and `output` (required), `interval`, `duration`,
 *   `qos-command`, `vcpu-command`
 * @error: (nullable): optional return location for an error
 *
 * Writes the Service VM I/O profiling script for one VM of the intent.
 *
 * Returns: (transfer full): a one-line summary, or %NULL
 */
gchar *
aa_io_profile_script_write(AaPluginContext *ctx, GHashTable *options, GError **error)
{
	const gchar *vm = aa_context_option(options, "vm", NULL);
	const gchar *output = aa_context_option(options, "output", NULL);
	g_autofree gchar *script = NULL;

	if (!aa_context_require(ctx, FALSE, FALSE, TRUE, error))
		return NULL;
	if (aa_context_missing_option(vm == NULL || output == NULL,
	                              "profile-script --service-vm needs --vm NAME and -o FILE",
	                              error))
		return NULL;
	if (aa_intent_get_vm(ctx->intent, vm) == NULL) {
		aa_error_set_at(error, AA_ERROR_NOT_FOUND, ctx->intent->filename, 0,
		                "the intent has no <vm name=\"%s\">; name a VM of the intent", vm);
		return NULL;
	}
	script = aa_io_profile_script_render(vm, options, error);
	if (script == NULL)
		return NULL;
	if (!aa_file_write_atomic(output, script, -1, 0755, error))
		return NULL;
	return g_strdup_printf("wrote %s: run it in the Service VM while %s runs its workload "
	                       "(-h lists the options); it writes the I/O profile CSV",
	                       output, vm);
}
