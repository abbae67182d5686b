#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Load and unload voffload.ko 200 times: the sysfs class and the netlink
# family follow the module, and nothing grows: no slab cache gains an object
# per cycle, and vmalloc (where module images live) gains less than a page
# per cycle.
#
# The cycles run in two windows of 100, each from one process (modcycle), so
# that no process comes and goes per cycle. Objects the kernel frees after
# an RCU grace period still make one window noisy by a roughly constant
# backlog; a leak grows in both windows.

. "$(dirname "$0")/lib.sh"

CYCLES=${CYCLES:-100}	# per window
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Caches refilled from dentries and inodes are dropped so they do not hide
# or fake a leak; slabinfo is then "name active_objs objsize" per cache.
snapshot()
{
	sync
	echo 3 >/proc/sys/vm/drop_caches
	awk 'NR > 2 { print $1, $2, $4 }' /proc/slabinfo | sort >"$1.slab"
	awk '/^VmallocUsed:/ { print $2 }' /proc/meminfo >"$1.vmalloc"
}

family_registered()
{
	genl ctrl get name voffload >/dev/null 2>&1
}

gone_after_unload()
{
	rmmod voffload || return 1
	rc=0
	[ -e /sys/class/voffload ] && { ktap_print_msg "class left behind"; rc=1; }
	family_registered && { ktap_print_msg "family left behind"; rc=1; }
	modprobe voffload || rc=1
	return $rc
}

# many_cycles N: N loads and unloads, leaving the module loaded.
many_cycles()
{
	rmmod voffload &&
		./modcycle "$(modinfo -n voffload)" voffload "$1" &&
		modprobe voffload
}

# SLUB counts a cache's active objects a whole per-CPU slab at a time, so a
# count is off by up to a slab (16-32 small objects). A leak of one object
# per cycle shows as growth of about CYCLES in both windows (measured: +48
# and +64 for a deliberate 200-byte leak); a one-off backlog shows in one.
no_slab_growth()
{
	join "$tmp/a.slab" "$tmp/b.slab" | join - "$tmp/c.slab" |
		awk '{ print $1, $4 - $2, $6 - $4 }' | sort -k2,2n >"$tmp/diff"
	tail -n 3 "$tmp/diff" | while read -r cache w1 w2; do
		ktap_print_msg "largest growth: $cache +$w1 +$w2"
	done
	awk -v n="$CYCLES" '$2 >= n / 2 && $3 >= n / 2 {
		print "# leaking:", $1 }' "$tmp/diff" >"$tmp/leaks"
	cat "$tmp/leaks"
	[ ! -s "$tmp/leaks" ]
}

# A leaked vmalloc area is at least a page, so a leak in every cycle adds
# 2 * CYCLES * 4 kB; a quarter of that leaves room for process stacks (also
# vmalloc) that come and go, while no leak can hide under it.
no_vmalloc_growth()
{
	grown=$(($(cat "$tmp/c.vmalloc") - $(cat "$tmp/a.vmalloc")))
	ktap_print_msg "vmalloc grew ${grown} kB over $((2 * CYCLES)) cycles"
	[ "$grown" -lt $((CYCLES * 2)) ]
}

ktap_print_header
vo_require_module
# Line drivers hold voffload; another test may have left one loaded.
rmmod vslic 2>/dev/null
ktap_set_plan 6

vo_check "class directory while loaded" test -d /sys/class/voffload
vo_check "netlink family while loaded" family_registered
vo_check "class and family gone after unload" gone_after_unload

# A few cycles first, so one-time allocations (module loader caches, sysfs
# dentries) are not taken for growth.
many_cycles 5
start=$(date +%s)
snapshot "$tmp/a"
many_cycles "$CYCLES" && snapshot "$tmp/b" && many_cycles "$CYCLES"
vo_check "$((2 * CYCLES)) load/unload cycles" test $? = 0
snapshot "$tmp/c"
ktap_print_msg "$((2 * CYCLES)) cycles took $(($(date +%s) - start)) s"
vo_check "no slab cache grows by one object per cycle" no_slab_growth
vo_check "vmalloc grows by less than half a page per cycle" no_vmalloc_growth

ktap_finished
