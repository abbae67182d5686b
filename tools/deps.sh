#!/bin/sh
# Install everything build, tests and demo need on Debian 12, as root.
# Idempotent: prints nothing and touches nothing when all is installed.
set -eu

# Kernel headers for the default build (6.1) and the second target (6.12);
# linux-source-6.12 ships the kselftest harness, checkpatch, ynl and the
# genetlink schema that we use at build time instead of copying them.
PKGS="
build-essential pkg-config kmod sparse python3 python3-yaml python3-jsonschema
linux-headers-amd64 linux-headers-6.12-amd64 linux-source-6.12 xz-utils
qemu-system-x86 busybox-static cpio
libnl-3-dev libnl-genl-3-dev libasound2-dev libosip2-dev libspandsp-dev
libc-ares-dev libssl-dev libspeexdsp-dev
sip-tester kamailio baresip tshark alsa-utils iproute2 sox
"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
		grep -q '^install ok installed$' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "deps: missing packages:$missing (run as root to install)" >&2
	exit 1
fi
echo "deps: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture; answer once, quietly.
echo "wireshark-common wireshark-common/install-setuid boolean false" |
	debconf-set-selections
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
