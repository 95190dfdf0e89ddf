#!/usr/bin/env bash
# acrn-sweep.sh: run acrn-alloc over every board/scenario pair found under a
# directory of ACRN data and report what breaks (docs/acrn-sweep.md).
#
# Usage: scripts/acrn-sweep.sh [-b BUILD_DIR] [-o OUT_DIR] [-t TIMEOUT_S] [-a CONFIG_TOOLS]
#                              DATA_DIR
#
# DATA_DIR holds folders of ACRN XML (any depth), one board per folder as
# ACRN's misc/config_tools/data/<board>/ does. A file is a board when it has
# the board inspector's <CPU_PROCESSOR_INFO> or <BIOS_INFO>; every other XML
# file under <acrn-config> is a scenario (older releases' launch XMLs
# included: they must be refused cleanly) paired with the board of its
# folder. A pair whose board and scenario bytes were already swept (the same
# file in several releases) is skipped.
#
# For each pair the release build runs inspect (text, --json), validate
# (text, json, junit), batch (text, json), recommend, apply, launch, report
# and plan, each under a timeout, on an intent written here from the
# scenario's post-launched VMs (general VMs with a synthetic trace, RT VMs as
# rtos with a task set), and once more with the last VM's profile left out.
# Every output is checked: JSON parses, JUnit and scenario XML parse, HTML
# parses, launch scripts pass bash -n, and what `plan`/`apply` wrote is
# validated again (it must not be refused as invalid input).
#
# OUT_DIR/results.tsv: pair, step, exit code, seconds, check, verdict.
# OUT_DIR/bugs.tsv: the rows whose verdict is not "ok". A bug is a crash
# (signal), a sanitizer report, a timeout, an exit code other than 0/1/2, a
# refusal (exit 1 or 2) whose message names none of the files, a malformed
# output, or an output the tool itself refuses. Exit status: 0 without bugs,
# 1 with bugs, 2 on bad usage.
#
# -a CONFIG_TOOLS (ACRN's misc/config_tools of a checkout, with Debian's
# python3-lxml, -xmlschema, -elementpath and -defusedxml) also runs ACRN's
# scenario_config/validator.py on each pair and writes OUT_DIR/compare.tsv:
# pair, our validate exit code, ACRN's syntax and data error counts, and
# "agree" or "differ" (ours exits 1 exactly when ACRN counts data errors;
# syntax errors alone are schema differences between releases).
set -u

build="build-rel"
out=
limit=60
acrn_tools=
while getopts a:b:o:t:h opt; do
	case $opt in
	b) build=$OPTARG ;;
	o) out=$OPTARG ;;
	t) limit=$OPTARG ;;
	a) acrn_tools=$(cd "$OPTARG" && pwd) || exit 2 ;;
	*)
		sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'
		exit 2
		;;
	esac
done
shift $((OPTIND - 1))
if [ $# -ne 1 ] || [ ! -d "$1" ]; then
	echo "usage: $0 [-b BUILD_DIR] [-o OUT_DIR] [-t TIMEOUT_S] [-a CONFIG_TOOLS] DATA_DIR" >&2
	exit 2
fi
data=$(cd "$1" && pwd)
build=$(cd "$build" 2>/dev/null && pwd) || {
	echo "$0: no build directory '$build'" >&2
	exit 2
}
bin=$build/plugin/acrn-alloc
[ -x "$bin" ] || {
	echo "$0: $bin is not built" >&2
	exit 2
}
export ACRN_ALLOC_PLUGIN_MANIFEST=$build/plugin.manifest
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
for tool in jq xmllint timeout; do
	command -v $tool >/dev/null || {
		echo "$0: needs $tool" >&2
		exit 2
	}
done
out=${out:-$(mktemp -d /tmp/acrn-sweep-out.XXXXXX)}
mkdir -p "$out"
out=$(cd "$out" && pwd)
rm -rf "$out/logs" "$out/work"
mkdir -p "$out/logs" "$out/work"
results=$out/results.tsv
printf 'pair\tstep\trc\tseconds\tcheck\tverdict\n' >"$results"
[ -n "$acrn_tools" ] && printf 'pair\tours\tacrn_syntax\tacrn_data\tverdict\n' >"$out/compare.tsv"

# The release build's tool, one step: run CMD under the timeout, record
# exit code and time, then judge it. Sets $rc.
pair=
logdir=
names=
run() {
	local step=$1
	shift
	local t0 t1 verdict=ok
	t0=$EPOCHREALTIME
	timeout --kill-after=5 "$limit" "$bin" "$@" >"$logdir/$step.out" 2>"$logdir/$step.err"
	rc=$?
	t1=$EPOCHREALTIME
	secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
	if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
		verdict=hang
	elif [ $rc -gt 128 ]; then
		verdict=crash-signal-$((rc - 128))
	elif [ $rc -gt 2 ]; then
		verdict=exit-code-$rc
	elif grep -q -E 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$logdir/$step.err"; then
		verdict=sanitizer
	elif [ $rc -ne 0 ] && ! stderr_names_file "$logdir/$step.err" && [ "${step%%-*}" != validate ] &&
		[ "${step%%-*}" != batch ]; then
		verdict=message-without-file
	fi
	record "$step" "$rc" "$secs" exit "$verdict"
}

# Does a refusal's message name one of the pair's files (basename)?
stderr_names_file() {
	local n
	[ -s "$1" ] || return 1
	for n in $names; do
		grep -q -F -- "$n" "$1" && return 0
	done
	return 1
}

record() {
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$pair" "$1" "$2" "$3" "$4" "$5" >>"$results"
}

# check STEP NAME COMMAND...: a well-formedness check of an output.
check() {
	local step=$1 what=$2
	shift 2
	if "$@" >/dev/null 2>&1; then
		record "$step" - - "$what" ok
	else
		record "$step" - - "$what" malformed
	fi
}

# revalidate STEP SCENARIO [extra args]: what the tool wrote must load again.
revalidate() {
	local step=$1 sc=$2
	shift 2
	run "$step" validate --board "$board" --scenario "$sc" "$@"
	[ $rc -eq 2 ] && record "$step" "$rc" - reload refused-own-output
}

# A profile for VM $2 of class $3 into file $1 (hand-made synthetic traces:
# a general VM at about one core and 2 GB, an RT VM at 1.5 P-cores, 800 MB).
write_profile() {
	local f=$1 vm=$2 class=$3 i
	{
		echo '# acrn-alloc-profile v1'
		echo "# vm: $vm"
		if [ "$class" = rtos ]; then
			echo '# allocation: p_cores=2 e_cores=0 memory_mib=1024 gpu_slices=0'
			echo '# qos: deadline-miss-ratio=0'
		else
			echo '# allocation: p_cores=2 e_cores=0 memory_mib=4096 gpu_slices=0'
			echo '# qos: ops=1000'
		fi
		echo 'time_s,cpu_p_busy,cpu_e_busy,mem_rss_mib,gpu_busy_pct'
		for i in 0 1 2 3 4 5 6 7 8 9; do
			if [ "$class" = rtos ]; then
				echo "$i,1.$((i % 6)),0,$((700 + i * 10)),0"
			else
				echo "$i,0.$((5 + i % 5)),0,$((1800 + i * 20)),0"
			fi
		done
	} >"$f"
}

# write_intent FILE SCENARIO NOPROF: an intent for the scenario's
# post-launched VMs (at most 4); NOPROF=1 leaves the last VM's profile out.
# Prints the number of VMs.
write_intent() {
	local f=$1 sc=$2 noprof=$3 dir n i vm type class last
	dir=$(dirname "$f")
	n=$(xmllint --xpath 'count(/acrn-config/vm[load_order="POST_LAUNCHED_VM"])' "$sc" 2>/dev/null)
	n=${n:-0}
	[ "$n" -gt 4 ] && n=4
	last=$n
	{
		echo '<?xml version="1.0" encoding="utf-8"?>'
		echo '<!-- written by scripts/acrn-sweep.sh -->'
		echo '<alloc-intent version="1">'
		for i in $(seq 1 "$n"); do
			vm=$(xmllint --xpath "string((/acrn-config/vm[load_order='POST_LAUNCHED_VM'])[$i]/name)" "$sc")
			type=$(xmllint --xpath "string((/acrn-config/vm[load_order='POST_LAUNCHED_VM'])[$i]/vm_type)" "$sc")
			class=general
			[ "$type" = RTVM ] && class=rtos
			local esc=${vm//&/&amp;}
			esc=${esc//</&lt;}
			esc=${esc//\"/&quot;}
			echo "  <vm name=\"$esc\" class=\"$class\">"
			if [ $class = rtos ]; then
				echo '    <qos metric="deadline-miss-ratio" direction="lower" target="0"/>'
			else
				echo '    <qos metric="ops" direction="higher" target="900"/>'
			fi
			if [ "$noprof" = 1 ] && [ "$i" = "$last" ]; then
				:
			else
				write_profile "$dir/profile-$i.csv" "$vm" $class
				echo "    <profile href=\"profile-$i.csv\"/>"
			fi
			if [ $class = rtos ]; then
				echo '    <tasks><task name="ctl" wcet-us="300" period-us="1000"/></tasks>'
			fi
			echo '  </vm>'
		done
		echo '</alloc-intent>'
	} >"$f"
	echo "$n"
}

# The plan steps on one intent: recommend, apply, launch, report, plan, and
# the reloads of what they wrote.
sweep_intent() {
	local tag=$1 intent=$2 w=$3 s
	names="$names $(basename "$intent")"
	run "$tag-recommend" recommend --board "$board" --scenario "$scenario" --intent "$intent" \
		-o "$w/rec.xml"
	if [ -s "$w/rec.xml" ]; then
		check "$tag-recommend" xml xmllint --noout "$w/rec.xml"
		run "$tag-apply" apply --board "$board" --scenario "$scenario" --recommendation "$w/rec.xml" \
			-o "$w/applied.xml"
		if [ -s "$w/applied.xml" ]; then
			check "$tag-apply" xml xmllint --noout "$w/applied.xml"
			revalidate "$tag-apply-revalidate" "$w/applied.xml" --recommendation "$w/rec.xml"
		fi
		run "$tag-launch" launch --board "$board" --scenario "$scenario" --recommendation "$w/rec.xml" \
			--intent "$intent" -o "$w/launch"
		for s in "$w"/launch/*.sh; do
			[ -f "$s" ] && check "$tag-launch" "bash-n:$(basename "$s")" bash -n "$s"
		done
		run "$tag-report" report --board "$board" --scenario "$scenario" --recommendation "$w/rec.xml" \
			--intent "$intent" -o "$w/report.html"
		[ -s "$w/report.html" ] && check "$tag-report" html xmllint --html --noout "$w/report.html"
	fi
	run "$tag-plan" plan --board "$board" --scenario "$scenario" --intent "$intent" -o "$w/plan"
	if [ $rc -eq 0 ]; then
		check "$tag-plan" files test -s "$w/plan/scenario.xml" -a -s "$w/plan/recommendation.xml" \
			-a -s "$w/plan/report.html"
		revalidate "$tag-plan-revalidate" "$w/plan/scenario.xml" --intent "$intent" \
			--recommendation "$w/plan/recommendation.xml"
		[ $rc -eq 1 ] && record "$tag-plan-revalidate" "$rc" - reload plan-output-has-errors
		for s in "$w"/plan/launch/*.sh; do
			[ -f "$s" ] && check "$tag-plan" "bash-n:$(basename "$s")" bash -n "$s"
		done
	fi
}

sweep_pair() {
	local w
	w=$out/work/$pair
	logdir=$out/logs/$pair
	mkdir -p "$w" "$logdir"
	names="$(basename "$board") $(basename "$scenario")"
	run inspect inspect --board "$board" --scenario "$scenario"
	[ $rc -eq 0 ] && check inspect nonempty test -s "$logdir/inspect.out"
	run inspect-json inspect --board "$board" --scenario "$scenario" --json
	[ $rc -eq 0 ] && check inspect-json json jq -e .format "$logdir/inspect-json.out"
	run validate-text validate --board "$board" --scenario "$scenario"
	local vrc=$rc
	[ $rc -le 1 ] && check validate-text summary grep -q -E '^[0-9]+ errors?, [0-9]+ warnings?, [0-9]+ info' \
		"$logdir/validate-text.out"
	[ $rc -eq 2 ] && ! stderr_names_file "$logdir/validate-text.err" &&
		record validate-text 2 - message message-without-file
	run validate-json validate --board "$board" --scenario "$scenario" --format json
	[ $rc -le 1 ] && check validate-json json jq -e .diagnostics "$logdir/validate-json.out"
	run validate-junit validate --board "$board" --scenario "$scenario" --format junit
	[ $rc -le 1 ] && check validate-junit xml xmllint --noout "$logdir/validate-junit.out"
	run batch-text batch --board "$board" "$scenario"
	check batch-text summary grep -q -E '^1 scenarios?:' "$logdir/batch-text.out"
	run batch-json batch --board "$board" --format json "$scenario"
	check batch-json json jq -e . "$logdir/batch-json.out"
	[ -n "$acrn_tools" ] && compare_acrn "$vrc"
	local n
	mkdir -p "$w/full" "$w/noprof"
	n=$(write_intent "$w/full/intent.xml" "$scenario" 0)
	if [ "$n" -gt 0 ]; then
		sweep_intent full "$w/full/intent.xml" "$w/full"
		write_intent "$w/noprof/intent.xml" "$scenario" 1 >/dev/null
		sweep_intent noprof "$w/noprof/intent.xml" "$w/noprof"
	else
		record plan - - intent skip-no-post-launched-vm
	fi
}

# ACRN's own validator on the pair, against our validate's exit code $1
compare_acrn() {
	local ours=$1 line syn dat verdict
	(cd "$acrn_tools/scenario_config" &&
		timeout --kill-after=5 300 /usr/bin/python3 validator.py "$board" "$scenario") \
		>"$logdir/acrn-validator.out" 2>&1
	line=$(grep -o -E '[0-9]+ syntax errors?, [0-9]+ data errors?' "$logdir/acrn-validator.out")
	syn=$(echo "$line" | awk '{print $1}')
	dat=$(echo "$line" | awk '{print $4}')
	if [ -z "$line" ]; then
		# no summary: ACRN found nothing, or it failed to run
		if grep -q -E 'Traceback|^ERROR' "$logdir/acrn-validator.out"; then
			syn=- dat=- verdict=acrn-failed
		else
			syn=0 dat=0
		fi
	fi
	if [ -z "${verdict:-}" ]; then
		if { [ "$dat" -gt 0 ] && [ "$ours" -eq 1 ]; } || { [ "$dat" -eq 0 ] && [ "$ours" -eq 0 ]; }; then
			verdict=agree
		else
			verdict=differ
		fi
	fi
	printf '%s\t%s\t%s\t%s\t%s\n' "$pair" "$ours" "$syn" "$dat" "$verdict" >>"$out/compare.tsv"
}

is_board() { grep -q -E '<(CPU_PROCESSOR_INFO|BIOS_INFO)>' "$1"; }

declare -A seen
pairs=0
skipped=0
while IFS= read -r -d '' dir; do
	board=
	for f in "$dir"/*.xml; do
		[ -f "$f" ] || continue
		if [ "$(basename "$f")" = "$(basename "$dir").xml" ] && is_board "$f"; then
			board=$f
		fi
	done
	if [ -z "$board" ]; then
		for f in "$dir"/*.xml; do
			[ -f "$f" ] && is_board "$f" && board=$f && break
		done
	fi
	[ -n "$board" ] || continue
	for scenario in "$dir"/*.xml; do
		if [ ! -f "$scenario" ] || [ "$scenario" = "$board" ]; then continue; fi
		is_board "$scenario" && continue
		key=$(cat "$board" "$scenario" | sha256sum | cut -c1-16)
		if [ -n "${seen[$key]:-}" ]; then
			skipped=$((skipped + 1))
			continue
		fi
		seen[$key]=1
		rel=${scenario#"$data"/}
		pair=$(echo "${rel%.xml}" | tr '/' '_')
		pairs=$((pairs + 1))
		printf '%s\n' "$rel" >&2
		sweep_pair
	done
done < <(find -L "$data" -type d -print0 | sort -z)

# batch over each top-level folder, as an integrator would run it.
for top in "$data"/*/; do
	pair=batch-$(basename "$top")
	logdir=$out/logs/$pair
	mkdir -p "$logdir"
	names=$(basename "$top")
	run batch-dir batch --format json "$top"
	check batch-dir json jq -e . "$logdir/batch-dir.out"
done

awk -F'\t' 'NR == 1 || ($6 != "ok" && $6 !~ /^skip/)' "$results" >"$out/bugs.tsv"
nbugs=$(($(wc -l <"$out/bugs.tsv") - 1))
echo "$pairs pairs swept ($skipped duplicates skipped), $nbugs findings; $out/results.tsv, $out/bugs.tsv"
[ "$nbugs" -eq 0 ]
