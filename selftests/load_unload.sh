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
leak_snapshot "$tmp/a"
many_cycles "$CYCLES" && leak_snapshot "$tmp/b" && many_cycles "$CYCLES"
vo_check "$((2 * CYCLES)) load/unload cycles" test $? = 0
leak_snapshot "$tmp/c"
ktap_print_msg "$((2 * CYCLES)) cycles took $(($(date +%s) - start)) s"
vo_check "no slab cache grows by one object per cycle" no_slab_growth \
	"$tmp" "$CYCLES"
vo_check "vmalloc grows by less than half a page per cycle" \
	no_vmalloc_growth "$tmp" "$CYCLES"

ktap_finished
