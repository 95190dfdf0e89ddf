#!/usr/bin/env bash
# `meson install` puts a tool that works from any directory: installed into a
# temporary root (DESTDIR) it finds its own manifest, module, schemas,
# stylesheets and rules, not the build tree's, and plans the demo from a
# directory that holds nothing of the project.
#   aa-install-test.sh BUILD_ROOT
set -euo pipefail
root=${G_TEST_SRCDIR:?}
build=${1:?build directory}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unset ACRN_ALLOC_PLUGIN_MANIFEST
echo "1..4"

fail() {
	echo "not ok $1 - $2"
	[ -f "$work/out" ] && sed 's/^/# /' "$work/out"
	exit 1
}

meson install -C "$build" --no-rebuild --destdir "$work/root" >"$work/out" 2>&1 ||
	fail 1 "meson install failed"
host=$(find "$work/root" -path '*/bin/acrn-alloc' -type f | head -n 1)
[ -x "$host" ] || fail 1 "no bin/acrn-alloc under the install root"
prefix=$(dirname "$(dirname "$host")")
for f in share/acrn-alloc/plugin.manifest share/acrn-alloc/schema/intent.xsd \
	share/acrn-alloc/xslt/report.xsl share/acrn-alloc/rules/acrn-alloc.rules.xml \
	include/acrn-alloc/aa-plugin.h; do
	[ -f "$prefix/$f" ] || fail 1 "$f was not installed"
done
echo "ok 1 - meson install puts the host, module, manifest, data and header under the prefix"

# --version names the installed manifest, not the build tree's
mkdir "$work/elsewhere"
cd "$work/elsewhere"
"$host" --version >"$work/out" 2>&1 || fail 2 "--version failed"
grep -q "^acrn-alloc [0-9]" "$work/out" || fail 2 "--version printed no version"
grep -qF "plugin manifest: $prefix/bin/../share/acrn-alloc/plugin.manifest" "$work/out" ||
	fail 2 "the installed host does not use the installed manifest"
echo "ok 2 - --version names the installed manifest"

# plan from another directory: schemas (intent), rules (validate), stylesheets
# (apply, launch, report) all come from the install
cp -r "$root/fixtures/demo" "$work/elsewhere/demo"
cp "$root/fixtures/valid-board-tiny-hybrid.xml" "$work/elsewhere/board.xml"
"$host" plan --board board.xml --scenario demo/cockpit-scenario.xml \
	--intent demo/cockpit-intent.xml -o out >"$work/out" 2>&1 || fail 3 "plan failed"
for f in recommendation.xml scenario.xml report.html launch/launch_user_vm_id2.sh; do
	[ -s "out/$f" ] || fail 3 "plan wrote no $f"
done
grep -q "final scenario: 0 error(s)" "$work/out" || fail 3 "the final scenario was not validated"
grep -q 'id="chart-pcpu-map"' out/report.html || fail 3 "the report is not the stylesheet's"
echo "ok 3 - the installed tool plans the demo from another directory"

# the install is relocatable: moved elsewhere it still works
mv "$work/root" "$work/moved"
moved=${host/$work\/root/$work\/moved}
"$moved" validate --board board.xml --scenario out/scenario.xml >"$work/out" 2>&1 ||
	fail 4 "the moved install does not validate"
grep -q "0 errors" "$work/out" || fail 4 "validate printed no summary"
echo "ok 4 - a moved install still finds its files"
