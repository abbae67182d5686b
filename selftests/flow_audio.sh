#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Calls through the kernel fast path (see flow_lib.sh for the set-up). A
# tone spoken into the vslic handset reaches the far end, and the far
# end's tone reaches the handset, within 5 Hz and 0.5 dB (the codecs are
# lossy); tshark decodes every packet, finds no malformed one and
# consecutive sequence numbers with timestamps one ptime apart, for PCMU
# 20 ms, PCMA 30 ms, L16 over IPv6 and G.722 on a 16 kHz line (wideband
# tones, the far end coded by spandsp), and, converted 2:1, PCMU on a
# 16 kHz line and G.722 on an 8 kHz one. In the PCMA call the far end
# mixes five kinds of bad, full-scale packets into its stream: each is
# dropped and counted, and the tone the handset hears stays clean.

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ynl.sh"
. "$(dirname "$0")/flow_lib.sh"

hs_hz=440
far_hz=1000
junk=

# With $junk set the far end sends five kinds of bad packets (see
# rtp_peer.py): each kind is counted at least 10 times, and none is heard.
junk_counted()
{
	for c in bad_header wrong_pt too_short wrong_ssrc wrong_source; do
		read -r n </sys/class/voffload/line0/rtp/$c
		[ "$n" -ge 10 ] || return 1
	done
}

# both_ways CODEC PT PTIME ENCODING OCTETS_PER_MS: the handset says
# $hs_hz, the far end $far_hz, both at -10 dB peak (-13 dBFS RMS); the
# line runs at $rate, the codec at $far_rate.
both_ways()
{
	sox -n -r "$far_rate" -c 1 -b 16 -e signed -t raw "$tmp/far.raw" \
		synth 2.5 sine "$far_hz" vol -10dB &&
		far_code enc "$4" "$tmp/far.raw" "$tmp/far.pay" &&
		sox -n -r "$rate" -c 1 -b 16 -e signed -t raw "$tmp/hs.raw" \
			synth 2 sine "$hs_hz" vol -10dB || return 1
	hs=$(cat "$phone/handset")
	rm -f "$tmp/go"
	echo off >"$phone/hook" && capture_start &&
		call "$1" "$2" "$3" "$local" "$remote" || return 1
	far_end "$2" "$3" "$5" 8 "$tmp/far.pay" "$tmp/far_rec.pay" "$tmp/go" \
		>"$tmp/peer.out" 2>"$tmp/peer.err" &
	peer=$!
	wait_until grep -q ready "$tmp/peer.err" && record_start || return 1
	aplay -q -D "$hs" -t raw -f S16_LE -c 1 -r "$rate" "$tmp/hs.raw" 3>&- &
	play=$!
	# The far end speaks once both of the handset's streams run.
	wait_until stream_running "$hs" p && touch "$tmp/go" &&
		wait "$peer" || return 1
	ktap_print_msg "far end: $(cat "$tmp/peer.out"); $(rtp_counters)"
	clean=0
	[ -z "$junk" ] || junk_counted || clean=1
	record_stop
	wait "$play" && hangup && capture_stop || return 1
	far_code dec "$4" "$tmp/far_rec.pay" "$tmp/far_rec.raw" &&
		tone_ok "$rate" "$tmp/hs_rec.raw" "$far_hz" -13.0 &&
		tone_ok "$far_rate" "$tmp/far_rec.raw" "$hs_hz" -13.0 &&
		rtp_ok $((8 * $3)) && [ "$clean" = 0 ]
}

# at_rates LINE_RATE CODEC_RATE HS_HZ FAR_HZ CODEC PT ENCODING: a 20 ms
# call with the lines at LINE_RATE and the codec at CODEC_RATE; vslic is
# back at 8 kHz after.
at_rates()
{
	vslic_at "$1" || return 1
	far_rate=$2 hs_hz=$3 far_hz=$4
	both_ways "$5" "$6" 20 "$7" 8
	ok=$?
	far_rate=8000 hs_hz=440 far_hz=1000
	vslic_at 8000 && return $ok
}

flow_tests_start 7
vo_check "PCMU 20 ms: tones both ways; tshark: sequence, timestamps" \
	both_ways pcmu 0 20 "-e mu-law" 8
junk=1
codec_check "PCMA 30 ms, bad packets among the far end's: tones clean" \
	both_ways pcma 8 30 "-e a-law" 8
junk=
local=fd77::1 remote=fd77::2
vo_check "L16 over IPv6: tones both ways; tshark: sequence, timestamps" \
	both_ways l16 96 20 "-e signed -b 16 -B" 16
local=10.77.0.1 remote=10.77.0.2
codec_check "G.722 on a 16 kHz line: 6/5 kHz tones both ways; tshark" \
	at_rates 16000 16000 6000 5000 g722 9 g722
codec_check "PCMU on a 16 kHz line, converted 2:1: tones both ways" \
	at_rates 16000 8000 440 1000 pcmu 0 "-e mu-law"
codec_check "G.722 on an 8 kHz line, converted 2:1: tones both ways" \
	at_rates 8000 16000 440 1000 g722 9 g722
ktap_finished
