#!/bin/sh
# Print the Debian kernel release (e.g. 6.1.0-56-amd64) whose headers the
# metapackage for series $1 pulls in: 6.1 is Debian 12's default kernel
# (linux-headers-amd64), 6.12 the newer one (linux-headers-6.12-amd64).
set -eu
case "${1:-6.1}" in
6.1) meta=linux-headers-amd64 ;;
6.12) meta=linux-headers-6.12-amd64 ;;
*) echo "kver: unknown KERNEL '$1' (use 6.1 or 6.12)" >&2; exit 2 ;;
esac
dpkg-query -W -f='${Depends}\n' "$meta" 2>/dev/null |
	tr ',' '\n' | sed -n 's/^ *linux-headers-\([^ ]*-amd64\).*/\1/p' | head -n1
