#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Flows' lifecycle under load (see flow_lib.sh for the set-up): killing
# the caller ends its flow; 2 x 500 flow set-ups and tear-downs grow no
# slab cache or vmalloc; 256 flows at once all run (the tick's work is
# measured and printed).

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ynl.sh"
. "$(dirname "$0")/flow_lib.sh"

CYCLES=500

# Each of lines 0..$1 has sent RTP in its call.
all_sending()
{
	i=0
	while [ "$i" -le "$1" ]; do
		read -r n </sys/class/voffload/line$i/rtp/tx_packets
		[ "$n" -gt 0 ] || return 1
		i=$((i + 1))
	done
}

# 256 calls at once on 256 lines, to a far socket that never reads: all
# run and send, and the tick's work (256 jitter buffers played out, 256
# streams encoded and sent) is measured against the 10 ms period.
many_flows()
{
	rmmod vslic && modprobe vslic lines=256 handsets=0 || return 1
	ip netns exec "$far" python3 -c 'import signal, socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("10.77.0.2", 5000))
signal.pause()' 3>&- &
	sink=$!
	rm -f "$tmp/ctl" && mkfifo "$tmp/ctl" && exec 3<>"$tmp/ctl" || return 1
	"$here/flow_call" --many 256 10.77.0.1 10.77.0.2 <"$tmp/ctl" \
		>"$tmp/many.out" 3>&- &
	callpid=$!
	wait_until grep -q "^256 flows" "$tmp/many.out" &&
		[ "$(flows_left)" = 256 ] && tick_measured 255 &&
		all_sending 255
	fits=$?		# hangup sets rc
	hangup
	kill "$sink"
	wait_until test "$(flows_left)" = 0 && return $fits
}

killed_caller_ends_flow()
{
	call pcmu 0 20 "$local" "$remote" && kill -KILL "$callpid" &&
		wait_until test "$(flows_left)" = 0
	rc=$?
	wait "$callpid" 2>/dev/null
	callpid=
	return $rc
}

flow_tests_start 5
vo_check "killing the caller ends its flow" killed_caller_ends_flow
"$here/flow_call" --cycles 5
leak_snapshot "$tmp/a"
"$here/flow_call" --cycles "$CYCLES" && leak_snapshot "$tmp/b" &&
	"$here/flow_call" --cycles "$CYCLES"
leak_snapshot "$tmp/c"
vo_check "$((2 * CYCLES)) flow set-ups: no slab cache grows per cycle" \
	no_slab_growth "$tmp" "$CYCLES"
vo_check "$((2 * CYCLES)) flow set-ups: vmalloc does not grow per cycle" \
	no_vmalloc_growth "$tmp" "$CYCLES"
vo_check "256 flows on 256 lines all send; the tick's work is measured" \
	many_flows
ktap_finished
