#!/usr/bin/env bash
# The pre-build hook (scripts/acrn-make.sh) stops before make on validation
# errors and runs make with the scenario otherwise.  A fake ACRN tree records
# the make call.
set -euo pipefail
root=${G_TEST_SRCDIR:?}
data=${AA_ACRN_DATA:?}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/acrn"
cat > "$work/acrn/Makefile" <<'MK'
all:
	@echo "BOARD=$(BOARD) SCENARIO=$(SCENARIO)" > built.txt
MK
export ACRN_ALLOC=${AA_HOST:?}
export ACRN_ALLOC_PLUGIN_MANIFEST=${AA_BUILD_MANIFEST:?}
echo "1..2"

# an RT VM on pCPU 0, shared with four VMs: errors, no build
if "$root/scripts/acrn-make.sh" "$work/acrn" "$data/whl-ipc-i5/whl-ipc-i5.xml" \
	"$data/whl-ipc-i5/shared_launch_1user_vm_vxworks.xml" > "$work/out1" 2>&1; then
	echo "not ok 1 - a failing scenario was built"; exit 1
fi
if [ -e "$work/acrn/built.txt" ] || ! grep -q 'error: \[rt-cpu0\]' "$work/out1"; then
	echo "not ok 1 - make ran or the error was not shown"; cat "$work/out1"; exit 1
fi
echo "ok 1 - validation errors stop the build"

# ACRN's own adl-asrock sample: warnings only, make runs with absolute paths
"$root/scripts/acrn-make.sh" "$work/acrn" "$data/adl-asrock/adl-asrock.xml" \
	"$data/adl-asrock/shared.xml" > "$work/out2" 2>&1 || { cat "$work/out2"; echo "not ok 2"; exit 1; }
if ! grep -q "SCENARIO=$(realpath "$data/adl-asrock/shared.xml")" "$work/acrn/built.txt"; then
	echo "not ok 2 - make did not get the scenario"; exit 1
fi
echo "ok 2 - a valid scenario is built"
