#!/usr/bin/env bash
# Renders a report to PNG with headless Chromium, without network access:
#   scripts/screenshot-report.sh [out/demo/report.html] [docs/report.png]
# (run scripts/plan-demo.sh first for the default input).
set -euo pipefail
cd "$(dirname "$0")/.."
in=${1:-out/demo/report.html}
out=${2:-docs/report.png}
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--user-data-dir="$profile" --hide-scrollbars --window-size=1200,2400 \
	--screenshot="$out" "file://$(realpath "$in")" 2>/dev/null
echo "wrote $out"
