#!/usr/bin/env bash
# Coverage-guided fuzzing of every input parser (fuzz/README.md).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Installs clang if it is missing, builds the libFuzzer targets with ASan and
# UBSan into build-fuzz (-Dfuzz=true) and runs each TARGET (default: all) for
# SECONDS (default 60).  Seeds are copied from fixtures/ and, when present,
# ../shared/acrn-data into build-fuzz/corpus/<target>, which keeps what the
# fuzzer found between runs; nothing is written to the source tree.  Crashes
# land in build-fuzz/artifacts/.  Exits non-zero if any target found one.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
all_targets=(board scenario intent profile calibration rules apply io-profile launch launch-board report rules-xpath plan forecast refine)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
builddir=build-fuzz
acrn_data=${AA_ACRN_DATA:-../shared/acrn-data}

if ! command -v clang >/dev/null || ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update
	$sudo apt-get install -y clang libclang-rt-dev
fi
if [ ! -d "$builddir" ]; then
	CC=clang meson setup "$builddir" -Dfuzz=true -Dtests=false \
		-Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug
fi
meson compile -C "$builddir"

# seeds: the files each parser reads in the tests, plus ACRN's real data
seeds() {
	case "$1" in
	board)
		ls fixtures/valid-board-*.xml fixtures/invalid-board-*.xml fixtures/hostile-*.xml
		for d in "$acrn_data"/*/; do
			[ -f "$d/$(basename "$d").xml" ] && echo "$d/$(basename "$d").xml"
		done ;;
	scenario)
		ls fixtures/valid-scenario-*.xml fixtures/apply/*scenario*.xml fixtures/launch/*.xml \
			fixtures/demo/cockpit-scenario.xml
		for d in "$acrn_data"/*/; do
			for f in "$d"*.xml; do
				[ "$(basename "$f")" = "$(basename "$d").xml" ] || echo "$f"
			done
		done ;;
	intent)
		ls fixtures/*intent*.xml fixtures/demo/cockpit-intent.xml fixtures/profile-script/*.xml \
			fixtures/rules/intent-*.xml ;;
	profile)
		ls fixtures/profiles/*.csv fixtures/demo/profiles/*.csv fixtures/rules/profiles/*.csv |
			grep -v calibration ;;
	calibration)
		ls fixtures/profiles/*calibration*.csv fixtures/demo/calib/*.csv ;;
	forecast)
		ls fixtures/*profile-forecast*.csv fixtures/forecast/profiles/*.csv \
			fixtures/demo/profiles/*.csv ;;
	rules)
		ls rules/*.xml fixtures/rules/*pack*.xml ;;
	apply | report)
		ls fixtures/*recommendation*.xml fixtures/apply/*recommendation*.xml ;;
	io-profile)
		ls fixtures/io/*.csv ;;
	launch)
		ls fixtures/launch/*.xml fixtures/demo/cockpit-scenario.xml
		for f in "$acrn_data"/nuc11tnbi5/*.xml; do
			[ "$(basename "$f")" = nuc11tnbi5.xml ] || echo "$f"
		done ;;
	launch-board)
		ls fixtures/valid-board-*.xml
		for d in "$acrn_data"/*/; do
			[ -f "$d/$(basename "$d").xml" ] && echo "$d/$(basename "$d").xml"
		done ;;
	rules-xpath) ;;
	plan)
		ls fixtures/demo/cockpit-intent.xml fixtures/plan/*intent*.xml ;;
	refine)
		ls fixtures/trials/*.csv fixtures/profiles/*calibration*.csv fixtures/demo/calib/*.csv ;;
	esac
	ls fixtures/fuzz/"$1"-* 2>/dev/null || true
}

status=0
mkdir -p "$builddir/artifacts"
for t in "${targets[@]}"; do
	corpus="$builddir/corpus/$t"
	dict=fuzz/xml.dict
	case "$t" in
	profile | calibration | io-profile | forecast | refine) dict=fuzz/csv.dict ;;
	rules-xpath) dict=fuzz/xpath.dict ;;
	esac
	mkdir -p "$corpus"
	seeds "$t" | while read -r f; do
		[ -f "$f" ] && cp "$f" "$corpus/$(echo "${f#../}" | tr -c "A-Za-z0-9._\n-" _)"
	done
	echo "== $t: ${seconds}s, $(ls -A "$corpus" | wc -l) inputs in $corpus"
	log="$builddir/fuzz-$t.log"
	# wall-clock seconds per input: the artifact targets run XSLT, the search
	# and bash -n per input, and rule packs may spend the whole XPath work
	# limit; on a shared machine their wall time is many times their CPU time
	timeout=10
	case "$t" in launch | launch-board | report | plan | rules-xpath | refine) timeout=60 ;; esac
	if ! ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		"$builddir/fuzz/aa-fuzz-$t" "$corpus" -dict="$dict" -max_total_time="$seconds" \
		-rss_limit_mb=2048 -timeout="$timeout" -print_final_stats=1 \
		-artifact_prefix="$builddir/artifacts/$t-" >"$log" 2>&1; then
		echo "   FOUND something: see $log and $builddir/artifacts/"
		status=1
	fi
	grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$log" | sed 's/^/   /' || true
	grep -E "^Done [0-9]+ runs" "$log" | sed "s/^/   /" || true
done
exit $status
