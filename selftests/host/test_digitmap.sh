#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Digit maps (daemon/digitmap.c): when a dialled number is complete,
# needs the inter-digit timer, needs more digits, or can never match.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cc -Wall -Wextra -O2 -I"$here/../../daemon" -o "$out/digitmap_check" \
	"$here/digitmap_check.c" "$here/../../daemon/digitmap.c"
"$out/digitmap_check"
