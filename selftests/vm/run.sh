#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Boot Debian's kernel in qemu (TCG) with the host root shared read-only over
# 9p and a tmpfs overlay for writes, load voffload's modules, run the
# kselftest suites with the standard runner and bring the KTAP log out.
# Exit status: 0 if every test passed and the kernel log has no splat.
#
# usage: run.sh --kver REL --moddir DIR --ksft DIR --out DIR [--tests GLOB]
#               [--args 'ARGS for the one selected test']
#               [--job SCRIPT: run SCRIPT OUT/result in the VM instead of
#                the tests; its output is the log, its status the result]
set -eu

here=$(cd "$(dirname "$0")" && pwd)
kver="" moddir="" ksft="" out="" tests="*" args="" job=""
while [ $# -gt 0 ]; do
	case "$1" in
	--kver) kver=$2 ;;
	--moddir) moddir=$2 ;;
	--ksft) ksft=$2 ;;
	--out) out=$2 ;;
	--tests) tests=$2 ;;
	--args) args=$2 ;;
	--job) job=$(cd "$(dirname "$2")" && pwd)/$(basename "$2") ;;
	*) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
	esac
	shift 2
done
[ -n "$kver" ] && [ -n "$moddir" ] && [ -n "$ksft" ] && [ -n "$out" ] ||
	{ echo "run.sh: --kver, --moddir, --ksft and --out are required" >&2; exit 2; }

# Whole-run bound: kselftest's per-test timeouts catch a hung test; this
# catches a hung kernel. Override with VM_TIMEOUT (seconds). TCG speed
# varies from run to run by up to 1.7 times on the same machine: the 6.1
# VM has taken from 19 to about 33 minutes, so the bound is 45 (CI's 90
# minutes still hold both VMs and the builds).
vm_timeout=${VM_TIMEOUT:-2700}
kroot="$(dirname "$out")/vm-kernel-$kver"

sh "$here/kernel.sh" "$kver" "$kroot"
# Our modules join the kernel's tree in extra/, indexed here on the host.
rm -rf "$kroot/lib/modules/$kver/extra"
mkdir -p "$kroot/lib/modules/$kver/extra"
cp "$moddir"/*.ko "$kroot/lib/modules/$kver/extra/"
depmod -b "$kroot" "$kver"
rm -rf "$out"
mkdir -p "$out"
sh "$here/initramfs.sh" "$kroot" "$kver" "$out/initramfs.cpio.gz"

# The job the VM runs once it has entered the overlaid host root, and the
# tests it runs: every one the selftests Makefile lists whose name matches.
src=$(cd "$here/../.." && pwd)
selected=""
for t in $(make -s --no-print-directory -C "$src/selftests" KSFT_DIR="$ksft" \
	emit_tests | sed 's/^.*://'); do
	# shellcheck disable=SC2254
	case "$t" in $tests) selected="$selected $t" ;; esac
done
[ -n "$selected" ] || { echo "run.sh: no test matches '$tests'" >&2; exit 2; }
if [ -n "$args" ] && [ "$(echo $selected | wc -w)" != 1 ]; then
	echo "run.sh: --args needs exactly one test, not:$selected" >&2
	exit 2
fi
cp "$here/job.sh" "$out/job.sh"
cat >"$out/job.env" <<ENV
VO_KVER='$kver'
VO_KROOT='$kroot'
VO_MODDIR='$moddir'
VO_KSFT='$ksft'
VO_TESTS='$selected'
VO_ARGS='$args'
VO_SRC='$src'
VO_JOB='$job'
ENV

# tsc=reliable: under TCG, 6.1 finds the two vCPUs' TSCs "unsynchronized"
# and falls back to the HPET, whose every read is an emulated MMIO access;
# the 1 ms SLIC and flow timers then run the 6.1 suite 2-4 times slower
# than 6.12, which keeps the TSC.  QEMU derives both vCPUs' TSC from one
# host clock, so they are in step.
echo "vm: booting $kver (TCG), log in $out/console.log"
rc=0
timeout --foreground -k 10 "$vm_timeout" qemu-system-x86_64 \
	-accel tcg,thread=multi -machine q35 -cpu max -smp 2 -m 2048 \
	-display none -monitor none -no-reboot -nic none \
	-serial "file:$out/console.log" \
	-kernel "$kroot/boot/vmlinuz-$kver" \
	-initrd "$out/initramfs.cpio.gz" \
	-append "console=ttyS0 panic=-1 rdinit=/init tsc=reliable" \
	-virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
	-virtfs "local,path=$out,mount_tag=out,security_model=none" \
	</dev/null || rc=$?
[ "$rc" = 124 ] && echo "vm: killed after ${vm_timeout}s" >&2

[ -f "$out/ktap.log" ] && cat "$out/ktap.log"
# "vm: took N s: TEST" for each test that started, from job.sh's times.log.
[ -f "$out/times.log" ] && awk '/ # selftests: / { t0 = $1; next }
	{ t = $1; sub(/^.* selftests: [^:]*: /, "")
	  printf "vm: took %d s: %s\n", t - t0, $0 }' "$out/times.log"
status=0
if ! sh "$here/splat.sh" "$out/console.log"; then
	status=1
fi
if [ ! -f "$out/ktap.rc" ]; then
	echo "vm: the job did not finish (see $out/console.log)" >&2
	status=1
elif [ "$(cat "$out/ktap.rc")" != 0 ]; then
	status=1
fi
exit $status
