#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Fetch and unpack Debian's kernel image for release $1 into $2 (once), and
# index its modules with depmod so modprobe works on the unpacked tree.
set -eu
kver=$1
kroot=$2
[ -f "$kroot/.stamp" ] && exit 0

rm -rf "$kroot"
mkdir -p "$kroot/deb"
(cd "$kroot/deb" && apt-get download -q "linux-image-$kver" >/dev/null) || {
	echo "vm: cannot download linux-image-$kver (apt-get update?)" >&2
	exit 1
}
dpkg-deb -x "$kroot"/deb/linux-image-*.deb "$kroot"
rm -rf "$kroot/deb"
depmod -b "$kroot" "$kver"
touch "$kroot/.stamp"
