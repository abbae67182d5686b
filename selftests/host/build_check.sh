#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# build_check.sh CHECK DIR SOURCE...: build kernel files DIR/SOURCE (pure
# logic, with the kernel's type names) into userspace with the test
# program CHECK.c, link spandsp, and run it. What the test_*.sh share.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
check=$1
src="$here/../../$2"
shift 2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for f in "$@"; do
	set -- "$@" "$src/$f"
	shift
done
cc -Wall -Wextra -O2 -include "$here/kernel_types.h" -I"$src" \
	-o "$out/$check" "$here/$check.c" "$@" -lspandsp -lm
"$out/$check"
