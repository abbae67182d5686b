#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Build the kernel's G.711 for userspace and compare it with spandsp's.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src="$here/../../kernel/rtp_fastpath"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cc -Wall -O2 -include "$here/kernel_types.h" -I"$src" \
	-o "$out/g711_check" "$here/g711_check.c" "$src/g711.c" -lspandsp
"$out/g711_check"
