#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Shared helpers for voffload's shell selftests: KTAP output from the
# kernel's ktap_helpers.sh (found through KSFT_DIR, set by the VM job).

KSFT_DIR=${KSFT_DIR:-${PWD%/*}}
# shellcheck disable=SC1091
. "$KSFT_DIR/kselftest/ktap_helpers.sh"

# Run as root (or skip, saying so) with voffload loaded (or fail).
vo_require_module()
{
	if [ "$(id -u)" != 0 ]; then
		ktap_skip_all "needs root"
		exit "$KSFT_SKIP"
	fi
	if ! modprobe -q voffload; then
		ktap_set_plan 1
		ktap_test_fail "modprobe voffload"
		exit "$KSFT_FAIL"
	fi
}

# ok/not ok for a condition given as a command: vo_check "name" cmd args...
vo_check()
{
	name=$1
	shift
	if "$@"; then
		ktap_test_pass "$name"
	else
		ktap_test_fail "$name"
	fi
}

# wait_until CMD...: poll a condition that has no event to wait on (sysfs
# state, a process's progress), every 50 ms, for at most 20 s.
wait_until()
{
	i=0
	while ! "$@"; do
		i=$((i + 1))
		[ "$i" -gt 400 ] && return 1
		sleep 0.05
	done
}

# stat_at_least FILE N: the number in FILE is at least N.
stat_at_least()
{
	[ "$(cat "$1")" -ge "$2" ]
}

# Leak checks over two windows of CYCLES cycles each: snapshots a, b and c
# taken before, between and after (leak_snapshot DIR/x).
#
# Caches refilled from dentries and inodes are dropped so they do not hide
# or fake a leak; slabinfo is then "name active_objs objsize" per cache.
leak_snapshot()
{
	sync
	echo 3 >/proc/sys/vm/drop_caches
	awk 'NR > 2 { print $1, $2, $4 }' /proc/slabinfo | sort >"$1.slab"
	awk '/^VmallocUsed:/ { print $2 }' /proc/meminfo >"$1.vmalloc"
}

# no_slab_growth DIR CYCLES: SLUB counts a cache's active objects a whole
# per-CPU slab at a time, so a count is off by up to a slab (16-32 small
# objects). A leak of one object per cycle shows as growth of about CYCLES
# in both windows (measured: +48 and +64 for a deliberate 200-byte leak in
# module init); a one-off backlog shows in one.
#
# Only the caches the module allocates from are checked: kmalloc (lines,
# flows, the ALSA card, timers' and workqueues' bookkeeping), kernfs (the
# sysfs class and counters), skbuff (netlink replies, RTP packets) and its
# own. The rest follow other processes and the file system whatever the
# module does: the VM's root is 9p under overlayfs, so modprobe's lookups
# grew v9fs_inode_cache +65, ovl_inode +60 and dentry +83 in one window of
# 100, and a CI run saw vm_area_struct +52 in both windows of load_unload,
# where the module maps nothing into any process.
no_slab_growth()
{
	join "$1/a.slab" "$1/b.slab" | join - "$1/c.slab" |
		awk '$1 ~ /^((dma-)?kmalloc-|kernfs_|skbuff_|voffload)/ {
			print $1, $4 - $2, $6 - $4 }' | sort -k2,2n >"$1/diff"
	tail -n 3 "$1/diff" | while read -r cache w1 w2; do
		ktap_print_msg "largest growth: $cache +$w1 +$w2"
	done
	awk -v n="$2" '$2 >= n / 2 && $3 >= n / 2 {
		print "# leaking:", $1 }' "$1/diff" >"$1/leaks"
	cat "$1/leaks"
	[ ! -s "$1/leaks" ]
}

# no_vmalloc_growth DIR CYCLES: a leaked vmalloc area is at least a page,
# so a leak in every cycle adds 2 * CYCLES * 4 kB; a quarter of that leaves
# room for process stacks (also vmalloc) that come and go, while no leak
# can hide under it.
no_vmalloc_growth()
{
	grown=$(($(cat "$1/c.vmalloc") - $(cat "$1/a.vmalloc")))
	ktap_print_msg "vmalloc grew ${grown} kB over $((2 * $2)) cycles"
	[ "$grown" -lt $(($2 * 2)) ]
}

# tick_measured LAST_LINE: the first and the last line each move 300
# frames, and the longest tick's work meanwhile is printed against the
# 10 ms period. The figure is reported, not asserted:
# under TCG on a shared host a vCPU descheduled mid-tick inflates it
# (seen: 120 ms while the host was compiling), and timing belongs in
# benchmarks, not in pass/fail.
tick_measured()
{
	stats=/sys/class/voffload/line$1/statistics
	work_max=/sys/module/voffload/parameters/tick_work_max_us
	echo 0 >"$work_max"
	start=$(cat "$stats/frames_in")
	first=$(cat /sys/class/voffload/line0/statistics/frames_in)
	wait_until stat_at_least "$stats/frames_in" $((start + 300)) &&
		wait_until stat_at_least \
			/sys/class/voffload/line0/statistics/frames_in \
			$((first + 300)) || return 1
	ktap_print_msg "$(($1 + 1)) lines, 300 ticks: longest tick" \
		"$(cat "$work_max") us of 10000," \
		"$(cat "$stats/tick_overruns") late ticks from scheduling"
}
