#!/bin/bash
# Fails if a public header of the module includes a private one (issue #11):
# a public header (plugin/aa-*.h without -private) holds what other modules
# call; the *-private.h headers are what the module shares inside itself.
# usage: check-headers.sh PLUGIN_DIR
set -eu
dir=${1:?usage: check-headers.sh PLUGIN_DIR}
status=0
count=0
for header in "$dir"/aa-*.h; do
	case "$header" in
	*-private.h) continue ;;
	esac
	count=$((count + 1))
	while IFS= read -r hit; do
		echo "$(basename "$header"):$hit: a public header includes a private one;" \
			"forward-declare the type in a public header instead" >&2
		status=1
	done < <(grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"[^"]*-private\.h"' \
		"$header" | cut -d: -f1,2- || true)
done
if [ "$count" -eq 0 ]; then
	echo "no public header found in $dir" >&2
	exit 1
fi
[ "$status" -eq 0 ] && echo "ok: $count public headers include no private one"
exit "$status"
