#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Build the VM's initramfs: static busybox, our init, and the few modules the
# kernel needs to mount the host root (virtio, 9p, overlayfs). Every other
# module is loaded later with modprobe from the unpacked tree over 9p.
# usage: initramfs.sh KROOT KVER OUT.cpio.gz
set -eu
kroot=$1
kver=$2
out=$3
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/bin" "$work/mods" "$work/proc" "$work/sys" "$work/dev"
cp /bin/busybox "$work/bin/busybox"
cp "$here/init" "$work/init"
chmod +x "$work/init"

# Dependency order from modprobe; decompress, busybox insmod cannot.
for m in virtio_pci 9pnet_virtio 9p overlay; do
	modprobe -d "$kroot" -S "$kver" --show-depends "$m"
done | awk '$1 == "insmod" && !seen[$2]++ { print $2 }' | while read -r ko; do
	name=$(basename "$ko")
	case "$name" in
	*.xz) xz -dc "$ko" >"$work/mods/${name%.xz}"; name=${name%.xz} ;;
	*.zst) zstd -qdc "$ko" >"$work/mods/${name%.zst}"; name=${name%.zst} ;;
	*) cp "$ko" "$work/mods/$name" ;;
	esac
	echo "$name" >>"$work/mods/order"
done

(cd "$work" && find . | cpio -o -H newc --quiet) | gzip -1 >"$out"
