#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Load and unload voffload.ko repeatedly: the sysfs class and the netlink
# family follow the module, and nothing grows: no slab cache gains an object
# per cycle, and vmalloc (where module images live) gains less than a page
# per cycle.

. "$(dirname "$0")/lib.sh"

CYCLES=${CYCLES:-100}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cycle()
{
	rmmod voffload && modprobe voffload
}

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

many_cycles()
{
	i=0
	while [ "$i" -lt "$CYCLES" ]; do
		cycle || { ktap_print_msg "cycle $i failed"; return 1; }
		i=$((i + 1))
	done
}

no_slab_growth()
{
	join "$tmp/before.slab" "$tmp/after.slab" |
		awk -v n="$CYCLES" '$4 - $2 >= n { print $1, "+" $4 - $2; bad = 1 }
			END { exit bad }' >"$tmp/grown"
	rc=$?
	[ -s "$tmp/grown" ] && ktap_print_msg "grew: $(cat "$tmp/grown")"
	return $rc
}

# A leaked vmalloc area is at least a page, so a leak in every cycle adds
# CYCLES * 4 kB; half of that leaves room for process stacks (also vmalloc)
# that come and go while no leak can hide under it.
no_vmalloc_growth()
{
	grown=$(($(cat "$tmp/after.vmalloc") - $(cat "$tmp/before.vmalloc")))
	ktap_print_msg "vmalloc grew ${grown} kB over $CYCLES cycles"
	[ "$grown" -lt $((CYCLES * 2)) ]
}

ktap_print_header
vo_require_module
ktap_set_plan 6

vo_check "class directory while loaded" test -d /sys/class/voffload
vo_check "netlink family while loaded" family_registered
vo_check "class and family gone after unload" gone_after_unload

# A few cycles first, so one-time allocations (module loader caches, sysfs
# dentries) are not taken for growth.
for _ in 1 2 3 4 5; do cycle; done
snapshot "$tmp/before"
vo_check "$CYCLES load/unload cycles" many_cycles
snapshot "$tmp/after"
vo_check "no slab cache grows by one object per cycle" no_slab_growth
vo_check "vmalloc grows by less than half a page per cycle" no_vmalloc_growth

ktap_finished
