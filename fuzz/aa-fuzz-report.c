/*
 * Copyright (C) 2026 The acrn-alloc developers
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Recommendation XML through the HTML report (xslt/report.xsl) on ACRN's
 * adl-asrock board and shared scenario; the page must stay inert: no
 * script, no event handler, no javascript: link (aa-fuzz-script.c).
 */

#include "config.h"

#include "aa-fuzz-common.h"
#include "aa-fuzz-script.h"
#include "aa-report.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autofree gchar *fn = aa_fuzz_write("recommendation.xml", data, size);
	g_autofree gchar *out = g_build_filename(aa_fuzz_tmpdir(), "report.html", NULL);
	AaPluginContext *ctx = aa_fuzz_context(AA_FUZZ_ASROCK_BOARD, AA_FUZZ_ASROCK_SCENARIO);

	if (aa_fuzz_hook(aa_report_write, "report", ctx, fn, out))
		aa_fuzz_check_html(out);
	return 0;
}
