#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# What the call tests share: a far end in another network namespace over
# veth, a call on line 0 held by flow_call (which hands a socket over as
# the daemon would), tshark on the wire, the far end (rtp_peer.py,
# payloads coded by sox or spandsp) and the vslic handset's recorder.
# Sourced after lib.sh and ynl.sh.

here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
far=vo_far
phone=/sys/class/voffload/line0/phone
rate=8000	# the line's
far_rate=8000	# the codec's, at the far end
callpid=
tpid=
rec=

cleanup()
{
	exec 3>&-
	[ -n "$callpid" ] && kill "$callpid" 2>/dev/null
	[ -n "$tpid" ] && kill "$tpid" 2>/dev/null
	[ -n "$rec" ] && kill "$rec" 2>/dev/null
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

# call CODEC PT PTIME LOCAL REMOTE [EVENT_PT]: a call on line 0, local
# port 4000 to remote port 5000, held until hangup.
call()
{
	rm -f "$tmp/ctl" && mkfifo "$tmp/ctl" || return 1
	# Read-write, so neither side's open waits for the other.
	exec 3<>"$tmp/ctl"
	# Only we may hold the write end, or the call never sees its end.
	"$here/flow_call" 0 "$4" 4000 "$5" 5000 "$1" "$2" "$3" ${6:+"$6"} \
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

# The far end: PT PTIME OCTETS_PER_MS TS_PER_MS SEND RECORD [GO], from/to
# the address family's far address, for 3 s (after GO appears).
far_end()
{
	ip netns exec "$far" env JUNK="${junk:-0}" \
		python3 "$here/rtp_peer.py" "$remote" 5000 \
		"$local" 4000 "$1" "$2" "$3" "$4" "$5" "$6" 3 ${7:+"$7"} 3>&-
}

# A recording that runs until stopped, so it spans what the far end does
# however long that takes to start on a slow machine.
record_start()
{
	arecord -q -D "$hs" -t raw -f S16_LE -c 1 -r "$rate" -d 60 \
		"$tmp/hs_rec.raw" 3>&- &
	rec=$!
	wait_until stream_running "$hs" c
}

record_stop()
{
	kill -INT "$rec"
	wait "$rec"
	rec=
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

# tone_ok RATE FILE HZ DBFS: the recording has that tone, 5 Hz and 0.5 dB.
tone_ok()
{
	# shellcheck disable=SC2046 # two numbers
	set -- "$@" $(python3 "$here/tone_measure.py" "$1" "$2")
	ktap_print_msg "$(basename "$2"): $5 Hz $6 dBFS (want $3 Hz $4 dBFS)"
	within "$5" "$3" 5 && within "$6" "$4" 0.5
}

# vslic_at RATE: vslic again, its two lines at RATE.
vslic_at()
{
	rmmod vslic && modprobe vslic lines=2 rate="$1" &&
		wait_until test -e "$phone/handset" && rate=$1
}

# rtp_ok PTIME_TS: tshark decodes our stream (from port 4000) with no
# malformed packet, and every timestamp PTIME_TS times the sequence
# number's step more than the last. A step of more than one is a packet
# the capture missed under TCG (1 in 320 seen), allowed for 1 in 100;
# a timestamp out of step with the sequence number is not.
rtp_ok()
{
	tshark -r "$tmp/cap.pcap" -d udp.port==4000,rtp \
		-Y "_ws.malformed && udp.srcport==4000" \
		2>/dev/null >"$tmp/bad" || return 1
	tshark -r "$tmp/cap.pcap" -d udp.port==4000,rtp -Y "udp.srcport==4000" \
		-T fields -e rtp.seq -e rtp.timestamp 2>/dev/null >"$tmp/seq"
	awk -v step="$1" 'NR > 1 { d = ($1 - s + 65536) % 65536
			missed += d - 1
			if (d < 1 || ($2 - t + 4294967296) % 4294967296 != d * step)
				bad++ }
		{ s = $1; t = $2 } END {
		printf "# %d packets, %d out of step, %d not captured\n",
			NR, bad, missed
		exit !(NR >= 40 && !bad && missed * 100 <= NR) }' "$tmp/seq" &&
		[ ! -s "$tmp/bad" ]
}

# The call's counters, for the log of a failure.
rtp_counters()
{
	(cd /sys/class/voffload/line0/rtp && grep -H . rx_packets late lost \
		bad_header too_short wrong_source wrong_pt wrong_ssrc \
		rx_events tx_packets 2>/dev/null) |
		tr '\n' ' '
}

# far_code enc|dec ENCODING IN OUT: the far end's codec, between raw
# S16_LE audio at $far_rate and the payload: spandsp's G.722, or sox with
# ENCODING's words.
far_code()
{
	if [ "$2" = g722 ]; then
		"$here/g722_tool" "$1" <"$3" >"$4"
	elif [ "$1" = enc ]; then
		# shellcheck disable=SC2086 # the encoding's words
		sox -t raw -r "$far_rate" -c 1 -e signed -b 16 -L "$3" -t raw $2 "$4"
	else
		# shellcheck disable=SC2086 # the encoding's words
		sox -t raw -r "$far_rate" -c 1 $2 "$3" -t raw -e signed -b 16 -L "$4"
	fi
}

flows_left()
{
	ynl --dump flow-get | jget 'len(d)'
}

# codec_check NAME FN ARGS...: vo_check on the first kernel (6.1); on the
# others a skip that says why. Codecs, rate conversion and DTMF are the
# same code on every kernel, above the socket path that the PCMU and IPv6
# calls cover on each; running them twice would take make check towards
# its 40 minutes for nothing.
codec_check()
{
	case "$(uname -r)" in
	6.1.*) vo_check "$@" ;;
	*) ktap_test_skip "$1 (kernel-independent: run on 6.1 only)" ;;
	esac
}

# flow_tests_start N: the plan, vslic with 2 lines, the far end's network.
flow_tests_start()
{
	ktap_print_header
	vo_require_module
	for tool in tshark sox aplay; do
		if ! command -v "$tool" >/dev/null; then
			ktap_skip_all "needs $tool"
			exit "$KSFT_SKIP"
		fi
	done
	ktap_set_plan "$1"
	rmmod vslic 2>/dev/null
	modprobe vslic lines=2 && wait_until test -e "$phone/handset"
	vo_check "a far end in a namespace over veth" setup_net
	local=10.77.0.1 remote=10.77.0.2
}
