#!/usr/bin/env bash
# The pre-build hook: validate the scenario, then build ACRN with it.
#
#   scripts/acrn-make.sh ACRN_SRC BOARD.xml SCENARIO.xml [make arguments...]
#
# Runs `acrn-alloc validate` on the board and scenario; on errors it stops
# before `make` (exit 1) and prints each error as file:line so an editor can
# jump to it.  Warnings are printed and the build goes on.  Set ACRN_ALLOC to
# the acrn-alloc program (default: on PATH, else this checkout's build tree)
# and ACRN_ALLOC_ARGS for extra options, e.g. "--intent intent.xml --rules my.rules.xml".
set -euo pipefail
if [ $# -lt 3 ]; then
	echo "usage: $0 ACRN_SRC BOARD.xml SCENARIO.xml [make arguments...]" >&2
	exit 2
fi
src=$1 board=$2 scenario=$3
shift 3
tool=${ACRN_ALLOC:-}
if [ -z "$tool" ]; then
	tool=$(command -v acrn-alloc || true)
	[ -n "$tool" ] || tool="$(dirname "$0")/../build/plugin/acrn-alloc"
fi
# shellcheck disable=SC2086 # ACRN_ALLOC_ARGS is a list of options
if ! "$tool" validate --board "$board" --scenario "$scenario" ${ACRN_ALLOC_ARGS:-}; then
	echo "acrn-make: $scenario fails validation; fix the errors above before building ACRN" >&2
	exit 1
fi
exec make -C "$src" BOARD="$(realpath "$board")" SCENARIO="$(realpath "$scenario")" "$@"
