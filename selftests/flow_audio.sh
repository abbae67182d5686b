#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Calls through the kernel fast path with the far end in another network
# namespace over veth: flow_call hands a socket over as the daemon would,
# rtp_peer.py is the far end (payloads encoded and decoded by sox), tshark
# watches the wire. A tone spoken into the vslic handset reaches the far
# end, and the far end's tone reaches the handset, within 5 Hz and 0.5 dB
# (G.711 is lossy); tshark decodes every packet, finds no malformed one and
# consecutive sequence numbers with timestamps one ptime apart, for PCMU
# 20 ms, PCMA 30 ms and L16 over IPv6. Killing the caller ends the flow,
# and 2 x 200 flow set-ups and tear-downs grow no slab cache or vmalloc;
# 256 flows at once fit in the tick.

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ynl.sh"

here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
far=vo_far
phone=/sys/class/voffload/line0/phone
rate=8000
CYCLES=200
callpid=
tpid=

cleanup()
{
	exec 3>&-
	[ -n "$callpid" ] && kill "$callpid" 2>/dev/null
	[ -n "$tpid" ] && kill "$tpid" 2>/dev/null
	ip netns del "$far" 2>/dev/null
	rmmod vslic 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

setup_net()
{
	modprobe veth && ip netns add "$far" &&
		ip link add vo0 type veth peer name vo1 netns "$far" &&
		ip addr add 10.77.0.1/24 dev vo0 &&
		ip -6 addr add fd77::1/64 dev vo0 nodad &&
		ip link set vo0 up &&
		ip -n "$far" addr add 10.77.0.2/24 dev vo1 &&
		ip -n "$far" -6 addr add fd77::2/64 dev vo1 nodad &&
		ip -n "$far" link set vo1 up && ip -n "$far" link set lo up
}

# call CODEC PT PTIME LOCAL REMOTE: a call on line 0, local port 4000 to
# remote port 5000, held until hangup.
call()
{
	rm -f "$tmp/ctl" && mkfifo "$tmp/ctl" || return 1
	# Read-write, so neither side's open waits for the other.
	exec 3<>"$tmp/ctl"
	# Only we may hold the write end, or the call never sees its end.
	"$here/flow_call" 0 "$4" 4000 "$5" 5000 "$1" "$2" "$3" \
		<"$tmp/ctl" >"$tmp/call.out" 3>&- &
	callpid=$!
	wait_until grep -q "^flow" "$tmp/call.out"
}

hangup()
{
	exec 3>&-
	wait "$callpid"
	rc=$?
	callpid=
	return $rc
}

capture_start()
{
	ip netns exec "$far" tshark -i vo1 -f udp -w "$tmp/cap.pcap" \
		2>"$tmp/tshark.err" &
	tpid=$!
	wait_until grep -q "Capturing on" "$tmp/tshark.err"
}

capture_stop()
{
	kill -INT "$tpid" && wait "$tpid"
	tpid=
}

# The far end: PT PTIME OCTETS_PER_MS TS_PER_MS SEND RECORD, from/to the
# address family's far address.
far_end()
{
	ip netns exec "$far" python3 "$here/rtp_peer.py" "$remote" 5000 \
		"$local" 4000 "$@" 3 3>&-
}

stream_running()
{
	card=${1#hw:CARD=}
	card=${card%,DEV=*}
	grep -q RUNNING "/proc/asound/$card/pcm${1#*,DEV=}$2/sub0/status" \
		2>/dev/null
}

within()
{
	awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { exit !(a - b <= t && b - a <= t) }'
}

# tone_ok FILE HZ DBFS: the recording has that tone, 5 Hz and 0.5 dB.
tone_ok()
{
	# shellcheck disable=SC2046 # two numbers
	set -- "$@" $(python3 "$here/tone_measure.py" "$rate" "$1")
	ktap_print_msg "$(basename "$1"): $4 Hz $5 dBFS (want $2 Hz $3 dBFS)"
	within "$4" "$2" 5 && within "$5" "$3" 0.5
}

# rtp_ok PTIME_TS: tshark decodes our stream (from port 4000) with no
# malformed packet, every sequence number one more than the last and
# every timestamp PTIME_TS more.
rtp_ok()
{
	tshark -r "$tmp/cap.pcap" -d udp.port==4000,rtp -Y _ws.malformed \
		2>/dev/null >"$tmp/bad" || return 1
	tshark -r "$tmp/cap.pcap" -d udp.port==4000,rtp -Y "udp.srcport==4000" \
		-T fields -e rtp.seq -e rtp.timestamp 2>/dev/null >"$tmp/seq"
	awk -v step="$1" 'NR > 1 && (($1 - s + 65536) % 65536 != 1 ||
		($2 - t + 4294967296) % 4294967296 != step) { bad++ }
		{ s = $1; t = $2 } END { printf "# %d packets, %d out of step\n",
		NR, bad; exit !(NR >= 40 && !bad) }' "$tmp/seq" &&
		[ ! -s "$tmp/bad" ]
}

# both_ways CODEC PT PTIME SOX_ENCODING OCTETS_PER_MS: the handset says
# 440 Hz, the far end 1 kHz, both at -10 dB peak (-13 dBFS RMS).
both_ways()
{
	# shellcheck disable=SC2086 # the encoding's words
	sox -n -r 8000 -c 1 $4 -t raw "$tmp/far.pay" synth 2.5 sine 1000 \
		vol -10dB &&
		sox -n -r 8000 -c 1 -b 16 -e signed -t raw "$tmp/hs.raw" \
			synth 2 sine 440 vol -10dB || return 1
	hs=$(cat "$phone/handset")
	echo off >"$phone/hook" && capture_start &&
		call "$1" "$2" "$3" "$local" "$remote" || return 1
	arecord -q -D "$hs" -t raw -f S16_LE -c 1 -r 8000 -d 3 \
		"$tmp/hs_rec.raw" 3>&- &
	rec=$!
	wait_until stream_running "$hs" c &&
		aplay -q -D "$hs" -t raw -f S16_LE -c 1 -r 8000 "$tmp/hs.raw" \
			3>&- &
	play=$!
	far_end "$2" "$3" "$5" 8 "$tmp/far.pay" "$tmp/far_rec.pay" \
		>"$tmp/peer.out" || return 1
	ktap_print_msg "far end: $(cat "$tmp/peer.out")"
	wait "$rec" && wait "$play" && hangup && capture_stop || return 1
	# shellcheck disable=SC2086 # the encoding's words
	sox -t raw -r 8000 -c 1 $4 "$tmp/far_rec.pay" \
		-t raw -e signed -b 16 -L "$tmp/far_rec.raw" &&
		tone_ok "$tmp/hs_rec.raw" 1000 -13.0 &&
		tone_ok "$tmp/far_rec.raw" 440 -13.0 &&
		rtp_ok $((8 * $3))
}

flows_left()
{
	ynl --dump flow-get | jget 'len(d)'
}

# 256 calls at once on 256 lines, to a far socket that never reads: every
# tick's work (256 jitter buffers played out, 256 streams encoded and
# sent) fits in the 10 ms period.
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
		[ "$(flows_left)" = 256 ] && tick_fits 255
	rc=$?
	hangup
	kill "$sink"
	wait_until test "$(flows_left)" = 0 && return $rc
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

ktap_print_header
vo_require_module
for tool in tshark sox aplay; do
	if ! command -v "$tool" >/dev/null; then
		ktap_skip_all "needs $tool"
		exit "$KSFT_SKIP"
	fi
done
ktap_set_plan 8
rmmod vslic 2>/dev/null
modprobe vslic lines=2 && wait_until test -e "$phone/handset"
vo_check "a far end in a namespace over veth" setup_net

local=10.77.0.1 remote=10.77.0.2
vo_check "PCMU 20 ms: tones both ways; tshark: sequence, timestamps" \
	both_ways pcmu 0 20 "-e mu-law" 8
vo_check "PCMA 30 ms: tones both ways; tshark: sequence, timestamps" \
	both_ways pcma 8 30 "-e a-law" 8
local=fd77::1 remote=fd77::2
vo_check "L16 over IPv6: tones both ways; tshark: sequence, timestamps" \
	both_ways l16 96 20 "-e signed -b 16 -B" 16
local=10.77.0.1 remote=10.77.0.2
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
vo_check "256 flows on 256 lines: every tick's work fits in 10 ms" many_flows
ktap_finished
