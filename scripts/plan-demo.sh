#!/usr/bin/env bash
# Installs dependencies, builds acrn-alloc and runs the main job, `plan`, on the
# bundled demo (fixtures/demo): recommendation, final scenario, launch scripts
# and HTML report land in out/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
builddir=${AA_BUILDDIR:-build}
[ -d "$builddir" ] || meson setup "$builddir" -Dbuildtype=release -Dtests=false
meson compile -C "$builddir"
demo=fixtures/demo
"$builddir"/plugin/acrn-alloc inspect --board fixtures/valid-board-tiny-hybrid.xml \
	--scenario "$demo/cockpit-scenario.xml"
echo
"$builddir"/plugin/acrn-alloc plan --board fixtures/valid-board-tiny-hybrid.xml \
	--scenario "$demo/cockpit-scenario.xml" --intent "$demo/cockpit-intent.xml" -o out/demo
echo
echo "Look at: out/demo/report.html (open in a browser), out/demo/recommendation.xml,"
echo "         out/demo/scenario.xml and out/demo/launch/launch_user_vm_id*.sh"
