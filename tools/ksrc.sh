#!/bin/sh
# Extract from Debian's linux-source-6.12 the kernel-tree tools the build and
# tests use, into $1. Nothing of it is committed. $2 (our selftests) is linked
# in as the "voffload" collection so the kselftest runner finds its settings.
set -eu
dest=$1
suite=$2
tarball=/usr/src/linux-source-6.12.tar.xz
[ -r "$tarball" ] || { echo "ksrc: $tarball missing: run make deps" >&2; exit 1; }

mkdir -p "$dest"
tar -xJf "$tarball" -C "$dest" --strip-components=1 \
	linux-source-6.12/Documentation/netlink \
	linux-source-6.12/scripts/checkpatch.pl \
	linux-source-6.12/scripts/spelling.txt \
	linux-source-6.12/scripts/const_structs.checkpatch \
	linux-source-6.12/tools/net/ynl \
	linux-source-6.12/tools/testing/selftests/lib.mk \
	linux-source-6.12/tools/testing/selftests/kselftest.h \
	linux-source-6.12/tools/testing/selftests/kselftest_harness.h \
	linux-source-6.12/tools/testing/selftests/kselftest
ln -sfn "$suite" "$dest/tools/testing/selftests/voffload"
