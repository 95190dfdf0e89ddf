#!/usr/bin/env bash
# Installs what acrn-alloc needs on a fresh Debian machine (run as root or
# with sudo available).  Safe to run again: apt-get skips what is there.
set -euo pipefail
packages=(
	build-essential pkg-config meson ninja-build
	libglib2.0-dev libglib2.0-bin libjson-glib-dev libxml2-dev libxml2-utils libxslt1-dev xsltproc
	shellcheck libgdk-pixbuf-2.0-dev busybox dash clang-format
)
if [ "${AA_WITH_BROWSER:-1}" = 1 ]; then
	packages+=(chromium)
fi
missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
