#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# DTMF in calls (see flow_lib.sh for the set-up): digits dialled on the
# phone reach the far end as RFC 4733 events that tshark decodes with
# their durations, and the far end's events (tev_peer.py) are heard by the
# handset as tones spandsp decodes.

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ynl.sh"
. "$(dirname "$0")/flow_lib.sh"

# tshark's view of our RFC 4733 events: a line per digit, "CODE ENDS
# DURATION", for a group of packets that starts with a marker.
events_seen()
{
	tshark -r "$tmp/cap.pcap" -d udp.port==4000,rtp \
		-o rtpevent.event_payload_type_value:101 \
		-Y "udp.srcport==4000 && rtpevent" -T fields \
		-e rtpevent.event_id -e rtpevent.end_of_event \
		-e rtpevent.duration -e rtp.marker 2>/dev/null |
		awk '$4 == 1 && n { print id, ends, dur; ends = 0 }
			{ n++; id = $1; ends += $2; dur = $3 }
			END { if (n) print id, ends, dur }'
}

# The phone dials 1#9, 80 ms a key, 80 ms apart, in a PCMU call with
# telephone-event 101: tshark decodes the three digits in order, each with
# its end three times and a duration of 80 ms (640 units), +-10 ms.
dtmf_sent()
{
	sox -n -r 8000 -c 1 -e mu-law -t raw "$tmp/far.pay" synth 2.5 \
		sine 1000 vol -10dB || return 1
	echo off >"$phone/hook" && capture_start &&
		call pcmu 0 20 "$local" "$remote" 101 || return 1
	echo "1#9 80 80" >"$phone/dtmf" || return 1
	far_end 0 20 8 8 "$tmp/far.pay" "$tmp/far_rec.pay" >"$tmp/peer.out" &&
		hangup && capture_stop || return 1
	events_seen >"$tmp/events"
	ktap_print_msg "tshark: $(tr '\n' ',' <"$tmp/events")"
	awk 'BEGIN { split("1 11 9", want) }
		{ ok += $1 == want[NR] && $2 == 3 && $3 >= 560 && $3 <= 720 }
		END { exit !(NR == 3 && ok == 3) }' "$tmp/events"
}

# The far end sends 4*7 as RFC 4733 events: the handset hears them as
# tones spandsp decodes, and the flow counts three digits received.
dtmf_heard()
{
	hs=$(cat "$phone/handset")
	call pcmu 0 20 "$local" "$remote" 101 && record_start &&
		ip netns exec "$far" python3 "$here/tev_peer.py" "$remote" 5000 \
			"$local" 4000 101 '4*7' 100 100 >/dev/null 3>&- || return 1
	read -r got_events </sys/class/voffload/line0/rtp/rx_events
	ktap_print_msg "$(rtp_counters)"
	record_stop
	hangup || return 1
	got=$("$here/dtmf_rx" 8000 <"$tmp/hs_rec.raw")
	ktap_print_msg "the handset heard '$got', $got_events events"
	[ "$got" = "4*7" ] && [ "$got_events" = 3 ]
}

flow_tests_start 3
codec_check "DTMF dialled: RFC 4733 events; tshark: digits, ends, durations" \
	dtmf_sent
codec_check "RFC 4733 events received: the handset hears the digits" \
	dtmf_heard
ktap_finished
