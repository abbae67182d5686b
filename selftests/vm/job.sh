#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the VM, in the overlaid host root: set up a minimal system,
# install voffload's modules into the VM kernel's module tree, run the
# selected kselftests with the standard runner and leave the KTAP log and
# its status in the output directory $1.
set -u
out=$1
. "$out/job.env"

mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /dev/shm
# devtmpfs lacks the links udev would make; the kselftest runner needs them.
ln -sfn /proc/self/fd /dev/fd
ln -sfn /proc/self/fd/0 /dev/stdin
ln -sfn /proc/self/fd/1 /dev/stdout
ln -sfn /proc/self/fd/2 /dev/stderr
ip link set lo up

# The VM kernel's modules are the unpacked Debian package; ours go to extra/.
ln -sfn "$VO_KROOT/lib/modules/$VO_KVER" "/lib/modules/$VO_KVER"
mkdir -p "/lib/modules/$VO_KVER/extra"
cp "$VO_MODDIR"/*.ko "/lib/modules/$VO_KVER/extra/"
depmod -a "$VO_KVER"
modprobe voffload || echo "job: modprobe voffload failed"

export BASE_DIR="$VO_KSFT" KSFT_DIR="$VO_KSFT" VO_SRC
cd "$VO_KSFT/voffload" || exit 1
set +u # runner.sh reads unset variables
# shellcheck disable=SC1091
. "$BASE_DIR/kselftest/runner.sh"
# shellcheck disable=SC2086
: >"$out/ktap.log"
# Append mode: the runner reopens /dev/stdout for test output.
run_many $VO_TESTS >>"$out/ktap.log" 2>&1

if grep -q '^not ok' "$out/ktap.log"; then
	echo 1 >"$out/ktap.rc"
else
	echo 0 >"$out/ktap.rc"
fi
sync
