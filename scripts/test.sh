#!/usr/bin/env bash
# Installs dependencies, builds with AddressSanitizer and UndefinedBehaviorSanitizer
# and runs every test.  Used by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
builddir=${AA_TEST_BUILDDIR:-build-test}
if [ ! -d "$builddir" ]; then
	meson setup "$builddir" -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug
fi
meson compile -C "$builddir"
meson test -C "$builddir" --print-errorlogs --num-processes 2 "$@"
