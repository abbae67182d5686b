#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the VM, in the overlaid host root: set up a minimal system,
# make the VM kernel's module tree (with ours) modprobe's, run the
# selected kselftests with the standard runner and leave the KTAP log and
# its status in the output directory $1.
set -u
out=$1
. "$out/job.env"

# /tmp stays the overlay's (writable, over the host's): the tree under test
# may itself live in the host's /tmp, as CI's clones can. /run gets a fresh
# tmpfs so no host daemon's pid file or socket shows through.
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

# The VM kernel's modules: the unpacked Debian package, with ours in extra/
# and indexed by run.sh on the host (depmod over 9p under TCG takes a minute).
# (The host's headers package already made a /lib/modules/$VO_KVER.)
mkdir -p "/lib/modules/$VO_KVER"
mount --bind "$VO_KROOT/lib/modules/$VO_KVER" "/lib/modules/$VO_KVER"
modprobe voffload || echo "job: modprobe voffload failed"

export BASE_DIR="$VO_KSFT" KSFT_DIR="$VO_KSFT" VO_SRC
# Not the tests but a job of its own (run.sh --job), e.g. a capture.
if [ -n "${VO_JOB:-}" ]; then
	sh "$VO_JOB" "$out/result" >"$out/ktap.log" 2>&1
	echo $? >"$out/ktap.rc"
	sync
	exit 0
fi
cd "$VO_KSFT/voffload" || exit 1
set +u # runner.sh reads unset variables
# Arguments for a single selected test (e.g. a harness -t filter), passed
# the runner's way: KSELFTEST_<NAME>_ARGS.
if [ -n "$VO_ARGS" ]; then
	var=$(echo "$VO_TESTS" | tr -d ' ' | tr -c '[:alnum:]_\n' _ |
		tr '[:lower:]' '[:upper:]')
	export "KSELFTEST_${var}_ARGS=$VO_ARGS"
fi
# shellcheck disable=SC1091
. "$BASE_DIR/kselftest/runner.sh"
# Each test's start and result lines also go, with the uptime, to
# times.log, from which run.sh prints what each test took. The shell's
# read takes a pipe a line at a time; awk would read ahead by blocks.
: >"$out/ktap.log"
: >"$out/times.log"
# shellcheck disable=SC2086
run_many $VO_TESTS 2>&1 | while IFS= read -r line || [ -n "$line" ]; do
	printf '%s\n' "$line" >>"$out/ktap.log"
	case $line in
	"# selftests: "* | "ok "*" selftests: "* | "not ok "*" selftests: "*)
		read -r up _ </proc/uptime
		printf '%s %s\n' "$up" "$line" >>"$out/times.log" ;;
	esac
done

if grep -q '^not ok' "$out/ktap.log"; then
	echo 1 >"$out/ktap.rc"
else
	echo 0 >"$out/ktap.rc"
fi
sync
