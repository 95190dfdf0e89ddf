#!/usr/bin/env bash
# Usage: scripts/cli-probe.sh BUILD_DIR OUT_FILE
# Runs every acrn-alloc command with good and bad option combinations (about
# 300 runs, a few minutes) and records, per run, the exit code, stdout, stderr
# and the files written (normalised: timestamps, search times, build path).
# Run it on two builds and diff the two OUT_FILEs to see what a change to the
# command line changed (docs/host-options.md).
set -u
build=$(realpath "$1"); outf=$(realpath -m "$2")
export ACRN_ALLOC_PLUGIN_MANIFEST="$build/plugin.manifest"
BIN="$build/plugin/acrn-alloc"
src=$(realpath "$(dirname "$0")/..")
data=$(realpath "${AA_ACRN_DATA:-$src/../shared/acrn-data}")
W=$(mktemp -d)/w
trap 'rm -rf "$(dirname "$W")"' EXIT
cd "$src"
F=fixtures
TB=$F/valid-board-tiny-hybrid.xml; TS=$F/demo/cockpit-scenario.xml; TI=$F/demo/cockpit-intent.xml
AB=$data/adl-asrock/adl-asrock.xml; AS=$data/adl-asrock/shared.xml
AI=$F/profile-script/valid-intent-adl.xml
REC=$F/valid-recommendation-adl.xml
: > "$outf"
n=0
norm() {
	sed -E -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z?([+-][0-9:]+)?/TIMESTAMP/g' \
	    -e 's/seconds="[^"]*"/seconds="S"/g' \
	    -e "s#$build#BUILD#g" -e "s#$W#W#g" -e 's#(stat-seconds"><span class="k">Search time</span><span class="v">)[^<]*#\1S#g' -e 's#acrn-alloc [a-z-]+\.[A-Za-z0-9]{6}#STAGE#g' \
	    -e 's#\.[A-Za-z0-9_]{6,}\.stage#.STAGE#g' -e 's/[0-9]+(\.[0-9]+)? ?(ms|s) (search|elapsed)/T/g'
}
run() {
	n=$((n+1))
	rm -rf "$W"; mkdir -p "$W"
	"$BIN" "$@" >"$W.out" 2>"$W.err" </dev/null
	rc=$?
	{
		echo "=== case $n: $*" | norm
		echo "rc=$rc"
		echo "--- stdout"; norm <"$W.out"
		echo "--- stderr"; norm <"$W.err"
		echo "--- files"
		(cd "$W" && find . -type f | sort | while read -r f; do echo "$f $(norm <"$f" | md5sum | cut -c1-12)"; done)
	} >>"$outf"
}
CMDS="inspect recommend apply launch validate profile-script profile-import report plan io-group rt-analyze batch refine forecast"
run
run --help
run -h
run help
run --version
run frobnicate
run --plugin-manifest
run --plugin-manifest=/nonexistent inspect -b $TB
run --plugin-manifest /nonexistent inspect -b $TB
run inspect --plugin-manifest "$build/plugin.manifest" -b $TB
for c in $CMDS; do
	run $c --help
	run $c -h
	run $c
	run $c --no-such-option
	run $c -z
	run $c stray
	run $c --board
	run $c --help-all
	run $c --output
done
# inspect
run inspect -b $TB
run inspect --board=$TB --scenario=$TS
run inspect -b $AB -s $AS --json
run inspect --json
run inspect --bored x
run inspect -b $TB extra
run inspect -b $TB -b $AB
run inspect -b /nonexistent.xml
run inspect -b $TB -- -s
# recommend
run recommend -b $TB -s $TS -i $TI -o $W/r.xml
run recommend -b $TB -s $TS -i $TI
run recommend -b $TB -s $TS -o $W/r.xml
run recommend -s $TS -i $TI -o $W/r.xml
run recommend -b $TB -i $TI -o $W/r.xml
run recommend -b $TB -s $TS -i $TI -o $W/r.xml --strategy equal
run recommend -b $TB -s $TS -i $TI -o $W/r.xml --strategy proportional
run recommend -b $TB -s $TS -i $TI -o $W/r.xml --strategy bogus
run recommend -b $TB -s $TS -i $TI -o $W/r.xml --model paper
run recommend -b $TB -s $TS -i $TI -o $W/r.xml --model bogus
run recommend -b $TB -s $TS -i $TI -o $W/r.xml --time-limit abc
run recommend -b $TB -s $TS -i $TI -o $W/r.xml --time-limit -1
run recommend -b $TB -s $TS -i $TI -o $W/r.xml --time-limit 5
run recommend -b $TB -s $TS -i $TI -o $W/r.xml --require-targets
run recommend -b $TB -s $TS -i $TI -o $TI
run recommend -b $TB -s $TS -i $TI -o $W/r.xml --require-targets=yes
run recommend -b $TB -s $TS -i $F/valid-intent-target-missed.xml -o $W/r.xml --require-targets
# apply
run apply -b $AB -s $AS -r $REC -o $W/s.xml
run apply -b $AB -s $AS -r $REC
run apply -b $AB -s $AS -o $W/s.xml
run apply -b $AB -s $AS -r $REC -o $W/s.xml --force
run apply --board=$AB --scenario=$AS --recommendation=$REC --output=$W/s.xml
# launch
run launch -b $AB -s $AS -o $W/l
run launch -b $AB -s $AS -o $W/l -r $REC
run launch -b $AB -s $AS -o $W/l -r $REC -i $AI --reserve-spare
run launch -b $AB -s $AS -o $W/l -i $AI
run launch -b $AB -s $AS
run launch -b $AB -o $W/l
# validate
run validate -b $AB -s $AS
run validate -b $AB -s $AS -f json
run validate -b $AB -s $AS --format junit
run validate -b $AB -s $AS --format bogus
run validate -b $AB -s $AS -o $W/v.txt
run validate -b $AB -s $AS -o $AS
run validate --export-acrn-checks $W/x.xsd
run validate --export-acrn-checks $W/x.xsd -b $AB
run validate -b $AB -s $AS --rules $F/rules/custom-pack-two-pcpus-max.xml
run validate -b $AB -s $AS --rules $F/rules/custom-pack-two-pcpus-max.xml --rules $F/rules/invalid-pack-bad-xpath.xml
run validate -b $AB -s $AS -r $REC -i $AI
run validate -b $AB
run validate -s $AS
run validate -b $TB -s $TS -i $TI
# profile-script
run profile-script -i $AI --vm POST_STD_VM1 -o $W/p.sh
run profile-script -i $AI --vm POST_STD_VM1 -o $W/p.sh --service-vm
run profile-script -i $AI --vm POST_STD_VM1 -o $W/p.sh --service-vm --vcpu-command "echo 1"
run profile-script -i $AI --vm POST_STD_VM1 -o $W/p.sh --os windows
run profile-script -i $AI --vm POST_STD_VM1 -o $W/p.sh --os bogus
run profile-script -i $AI --vm POST_STD_VM1 -o $W/p.sh -g 3
run profile-script -i $AI --vm POST_STD_VM1 -o $W/p.sh -g abc
run profile-script -i $AI --vm POST_STD_VM1 -o $W/p.sh --interval abc
run profile-script -i $AI --vm POST_STD_VM1 -o $W/p.sh --interval 2 --duration 5 --qos-command "echo fps=1"
run profile-script -i $AI --vm POST_STD_VM1 -o $W/p.sh --duration -5
run profile-script -i $AI --vm POST_STD_VM1 -o $W/p.sh -s $AS
run profile-script -i $AI --vm POST_STD_VM1 -o $W/p.sh -s $AS -b $AB
run profile-script -i $AI --vm NOPE -o $W/p.sh
run profile-script -i $AI -o $W/p.sh
run profile-script --vm POST_STD_VM1 -o $W/p.sh
run profile-script -i $AI --vm POST_STD_VM1
run profile-script -i $AI --vm POST_STD_VM1 -o $AI
# profile-import
run profile-import --typeperf $F/typeperf/valid-typeperf-en.csv --vm POST_STD_VM1 -o $W/p.csv
run profile-import --typeperf $F/typeperf/valid-typeperf-en.csv --vm POST_STD_VM1 -o $W/p.csv -i $AI
run profile-import --typeperf $F/typeperf/valid-typeperf-en.csv --vm POST_STD_VM1 -o $W/p.csv -i $AI -g 2 --memory-mib 4096 --qos "fps=58" --gpu-engine 3D
run profile-import --typeperf $F/typeperf/valid-typeperf-en.csv --vm POST_STD_VM1 -o $W/p.csv --memory-mib abc
run profile-import --typeperf $F/typeperf/valid-typeperf-en.csv --vm POST_STD_VM1 -o $W/p.csv -g x
run profile-import --typeperf $F/typeperf/valid-typeperf-en.csv --vm POST_STD_VM1 -o $W/p.csv --qos bogus
run profile-import --typeperf $F/typeperf/valid-typeperf-en.csv --vm POST_STD_VM1 -o $W/p.csv -s $AS
run profile-import --typeperf $F/typeperf/valid-typeperf-en.csv --vm POST_STD_VM1 -o $W/p.csv -s $AS -b $AB
run profile-import --typeperf $F/typeperf/invalid-typeperf-not-pdh.csv --vm POST_STD_VM1 -o $W/p.csv
run profile-import --vm POST_STD_VM1 -o $W/p.csv
run profile-import --typeperf $F/typeperf/valid-typeperf-en.csv -o $W/p.csv
run profile-import --typeperf $F/typeperf/valid-typeperf-en.csv --vm POST_STD_VM1
# report
run report -b $AB -s $AS -r $REC -o $W/r.html
run report -b $AB -s $AS -r $REC -i $AI -o $W/r.html
run report -b $AB -s $AS -o $W/r.html
run report -b $AB -s $AS -r $REC
run report -b $AB -s $AS -r $REC -o $REC
# plan
run plan -b $TB -s $TS -i $TI -o $W/plan
run plan -b $TB -s $TS -i $TI -o $W/plan --strategy equal --force --reserve-spare
run plan -b $TB -s $TS -i $TI -o $W/plan --model paper --require-targets
run plan -b $TB -s $TS -i $TI -o $W/plan --time-limit abc
run plan -b $TB -s $TS -i $TI -o $W/plan --time-limit 3
run plan -b $TB -s $TS -i $TI -o $W/plan --strategy bogus
run plan -b $TB -s $TS -i $TI
run plan -b $TB -s $TS -o $W/plan
# io-group
run io-group -p $F/io/vm1-heavy.csv --total-cores 8
run io-group -p $F/io/vm1-heavy.csv -p $F/io/vm2-light.csv --total-cores 8 --format json
run io-group --io-profile=$F/io/vm1-heavy.csv --total-cores 8 -m performance --confidence 0.9
run io-group -p $F/io/vm1-heavy.csv --total-cores 8 -m resource --allow-vio 0.1 --reward 1.1 --weight 0.5 --th-initial 0.7 --slo-ms 5
run io-group -p $F/io/vm1-heavy.csv --total-cores 8 --th-vcpu 0.5 --th-io 0.5 --margin 1.2
run io-group -p $F/io/vm1-heavy.csv --total-cores 8 -m bogus
run io-group -p $F/io/vm1-heavy.csv --total-cores abc
run io-group -p $F/io/vm1-heavy.csv --total-cores 8 --margin abc
run io-group -p $F/io/vm1-heavy.csv --total-cores 8 --format bogus
run io-group -p $F/io/vm1-heavy.csv
run io-group --total-cores 8
run io-group -p $F/io/invalid-io-profile-no-magic.csv --total-cores 8
run io-group -p $F/io/vm1-heavy.csv --total-cores 8 -f json
# rt-analyze
run rt-analyze -i $F/valid-intent-rt-table4.xml --vm POST_RT_VM1
run rt-analyze -i $F/valid-intent-rt-table4.xml --vm POST_RT_VM1 --vcpus 1
run rt-analyze -i $F/valid-intent-rt-table4.xml --vm POST_RT_VM1 --vcpus 3 -f json
run rt-analyze -i $F/valid-intent-rt-table4.xml --vm POST_RT_VM1 --vcpus abc
run rt-analyze -i $F/valid-intent-rt-table4.xml --vm POST_RT_VM1 --policy edf --global-period-ms 5
run rt-analyze -i $F/valid-intent-rt-table4.xml --vm POST_RT_VM1 --policy bogus
run rt-analyze -i $F/valid-intent-rt-table4.xml --vm POST_RT_VM1 --global-period-ms 0.5
run rt-analyze -i $F/valid-intent-rt-table4.xml --vm POST_RT_VM1 --format bogus
run rt-analyze -i $F/valid-intent-rt-table4.xml --vm POST_RT_VM1 -s $AS
run rt-analyze -i $F/valid-intent-rt-table4.xml --vm POST_RT_VM1 -s $AS -b $AB
run rt-analyze -i $F/valid-intent-rt-table4.xml --vm POST_STD_VM1
run rt-analyze -i $F/valid-intent-rt-table4.xml
run rt-analyze --vm POST_RT_VM1
# batch
run batch $data/adl-asrock
run batch -f json $data/adl-asrock
run batch --format=bogus $data/adl-asrock
run batch -b $AB $AS
run batch -b $AB $AS --rules $F/rules/custom-pack-two-pcpus-max.xml
run batch -i $TI -o $W/batch $TS -b $TB
run batch -i $TI $TS -b $TB
run batch /nonexistent
run batch $TS
run batch -b $AB $AS $AS
# refine
run refine -b $TB -s $TS -i $TI --trials $F/trials/valid-trials-two-runs.csv -o $W/r.xml
run refine -b $TB -s $TS -i $TI -t $F/trials/stuck-trials-ivi-maxed.csv -o $W/r.xml
run refine -b $TB -s $TS -i $TI -t $F/trials/valid-trials-two-runs.csv -o $W/r.xml --model paper --require-targets
run refine -b $TB -s $TS -i $TI -t $F/trials/valid-trials-two-runs.csv -o $W/r.xml --model bogus
run refine -b $TB -s $TS -i $TI -t $F/trials/invalid-trials-not-a-number.csv -o $W/r.xml
run refine -b $TB -s $TS -i $TI -o $W/r.xml
run refine -b $TB -s $TS -i $TI -t $F/trials/valid-trials-two-runs.csv
run refine -s $TS -i $TI -t $F/trials/valid-trials-two-runs.csv -o $W/r.xml
# forecast
run forecast -p $F/forecast/profiles/ai-assist.csv
run forecast -p $F/forecast/profiles/ivi.csv --horizon-s 60 -f json
run forecast -p $F/forecast/profiles/ivi.csv --horizon-s abc
run forecast -p $F/forecast/profiles/ivi.csv --eta 2
run forecast -p $F/forecast/profiles/ivi.csv --eta 0.5
run forecast -p $F/forecast/profiles/ivi.csv --format bogus
run forecast --profile=$F/forecast/profiles/rt-cluster.csv
run forecast -p $F/invalid-profile-forecast-no-time.csv
run profile-script -i $AI --vm POST_STD_VM1 -o $W/p.sh -g 3 --os windows
run profile-script -i $AI --vm POST_STD_VM1 -o $W/p.sh -g 3 --os bogus
run profile-script -i $AI --vm POST_STD_VM1 -o $W/p.sh -g 3 --interval abc
run profile-script -i $AI --vm POST_STD_VM1 -o $W/p.sh --gpu-slices=3 --interval 2 --duration 5 --qos-command "echo fps=1"
run profile-script -i $AI --vm POST_STD_VM1 -o $W/p.sh -g 3 --duration -5
run profile-script -i $F/io/valid-intent-io-e2e.xml --vm POST_STD_VM1 -o $W/p.sh --service-vm
run profile-script -i $F/io/valid-intent-io-e2e.xml --vm POST_STD_VM1 -o $W/p.sh --service-vm --vcpu-command "echo 1" --interval 3 -g 5 --os windows
run profile-import --typeperf $F/typeperf/valid-typeperf-en.csv --vm POST_STD_VM1 -o $W/p.csv -g 2
run profile-import --typeperf $F/typeperf/valid-typeperf-decimal-comma.csv --vm POST_STD_VM1 -o $W/p.csv -g 2 --memory-mib 4096 --qos "fps=58" --gpu-engine 3D
run profile-import --typeperf $F/typeperf/valid-typeperf-en.csv --vm POST_STD_VM1 -o $W/p.csv -g 2 --memory-mib abc
run profile-import --typeperf $F/typeperf/valid-typeperf-en.csv --vm POST_STD_VM1 -o $W/p.csv -g 2 --qos bogus
run profile-import --typeperf $F/typeperf/valid-typeperf-en.csv --vm POST_STD_VM1 -o $W/p.csv -g 2 --gpu-engine bogus
run profile-import --typeperf $F/typeperf/valid-typeperf-en.csv --vm POST_STD_VM1 -o $W/p.csv -i $AI -s $AS -b $AB
echo "$n cases -> $outf"
