#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The demo (`make demo`) and its test: the classic two-proxy call that
# router manuals draw,
#
#   line 0 (1001@a.example) -> proxy A (:5080) -> proxy B (:5090) -> line 1 (2001@b.example)
#
# with two kamailio instances (sip/proxy.cfg) and one voffloadd holding
# both lines. Line 0 goes off-hook and dials 2001 in DTMF; line 1 rings
# and answers; each handset speaks a tone (440 Hz from line 0, 1000 Hz
# from line 1) that the other one hears through the kernel flows; line 0
# hangs up. It prints the SIP ladder as tshark saw it on the wire, the
# calls' counters and the lines' /sys counters.

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/daemon_lib.sh"

kpid2=
tpid=

demo_cleanup()
{
	[ -n "$tpid" ] && kill "$tpid" 2>/dev/null
	[ -n "$kpid2" ] && kill "$kpid2" 2>/dev/null
	cleanup
}
trap demo_cleanup EXIT

# The daemon's config, as an OpenWrt router would have it for two lines
# with two providers.
write_config()
{
	cat >"$tmp/demo.conf" <<CONF
[global]
log-level = info
sip-port = 5060
rtp-port-min = 10000
rtp-port-max = 10099
control-socket = $sock
[account a]
user = 1001
password = secret
domain = a.example
outbound-proxy = 127.0.0.1:5080
display-name = Line One
[account b]
user = 2001
password = secret
domain = b.example
outbound-proxy = 127.0.0.1:5090
display-name = Line Two
[line 0]
account = a
[line 1]
account = b
CONF
}

# proxy NAME PORT DOMAIN PEERPORT PEERDOMAIN
proxy()
{
	mkdir -p "$tmp/$1"
	kamailio -f "$here/sip/proxy.cfg" -DD -E -Y "$tmp/$1" -w "$tmp/$1" \
		-l "udp:127.0.0.1:$2" --alias="$3" -A "DOMAIN=\"$3\"" \
		-A "PEER=\"sip:127.0.0.1:$4\"" -A "PEERDOMAIN=\"$5\"" \
		>/dev/null 2>"$tmp/$1.log" &
	echo $! >"$tmp/$1.pid"
	wait_until port_bound "$2" || { cat "$tmp/$1.log"; return 1; }
}

setup()
{
	write_config
	tshark -i lo -f "udp and (portrange 5060-5090 or portrange 10000-10099)" \
		-w "$tmp/wire.pcap" 2>"$tmp/tshark.err" &
	tpid=$!
	wait_until grep -q "Capturing on" "$tmp/tshark.err" &&
		proxy proxyA 5080 a.example 5090 b.example &&
		proxy proxyB 5090 b.example 5080 a.example || return 1
	kpid=$(cat "$tmp/proxyA.pid")
	kpid2=$(cat "$tmp/proxyB.pid")
	start_daemon "$tmp/demo.conf" &&
		wait_until ctl_has accounts "^account a .* state registered" &&
		wait_until ctl_has accounts "^account b .* state registered" ||
		{ ctl accounts; cat "$tmp/log"; return 1; }
	ktap_print_msg "$(ctl accounts | tr '\n' ';')"
}

call_up()
{
	echo off >"$phone/hook" && wait_until state 0 dialtone &&
		echo "2001#" >"$phone/dtmf" && wait_until state 1 ringing &&
		wait_until grep -q ring "$phone1/feed" &&
		echo off >"$phone1/hook" && wait_until state 0 talking &&
		wait_until state 1 talking || { ctl calls; cat "$tmp/log"; return 1; }
	grep -q "INVITE sip:2001@a.example" "$tmp/proxyA.log" &&
		grep -q "INVITE sip:2001@b.example" "$tmp/proxyB.log"
}

# Each handset speaks for 2 s while both listen; each hears the other.
tones()
{
	hs0=$(cat "$phone/handset") hs1=$(cat "$phone1/handset")
	sox -n -r 8000 -c 1 -b 16 -e signed -t raw "$tmp/440.raw" \
		synth 2 sine 440 vol -10dB &&
		sox -n -r 8000 -c 1 -b 16 -e signed -t raw "$tmp/1000.raw" \
			synth 2 sine 1000 vol -10dB || return 1
	arecord -q -D "$hs0" -t raw -f S16_LE -c 1 -r 8000 -d 3 "$tmp/rec0.raw" &
	r0=$!
	arecord -q -D "$hs1" -t raw -f S16_LE -c 1 -r 8000 -d 3 "$tmp/rec1.raw" &
	r1=$!
	aplay -q -D "$hs0" -t raw -f S16_LE -c 1 -r 8000 "$tmp/440.raw" &
	p0=$!
	aplay -q -D "$hs1" -t raw -f S16_LE -c 1 -r 8000 "$tmp/1000.raw" &&
		wait "$p0" && wait "$r0" && wait "$r1" || return 1
	heard0=$(python3 "$here/tone_measure.py" 8000 "$tmp/rec0.raw")
	heard1=$(python3 "$here/tone_measure.py" 8000 "$tmp/rec1.raw")
	ktap_print_msg "line 0 hears: ${heard0% *} Hz at ${heard0#* } dBFS (line 1 says 1000 Hz)"
	ktap_print_msg "line 1 hears: ${heard1% *} Hz at ${heard1#* } dBFS (line 0 says 440 Hz)"
	echo "${heard0% *} ${heard1% *}" |
		awk '{ exit !($1 > 995 && $1 < 1005 && $2 > 435 && $2 < 445) }'
}

counters()
{
	ctl calls | while read -r l; do ktap_print_msg "$l"; done
	for l in 0 1; do
		d=/sys/class/voffload/line$l/rtp
		[ -d "$d" ] || continue
		ktap_print_msg "line$l rtp: $(cd "$d" && grep -H . tx_packets \
			rx_packets lost late jb_delay_ms 2>/dev/null | tr '\n' ' ')"
	done
}

hang_up()
{
	echo on >"$phone/hook" && wait_until state 1 ended &&
		echo on >"$phone1/hook" && wait_until state 1 idle &&
		wait_until state 0 idle || { ctl calls; return 1; }
}

# The ladder: every SIP message between the four parties, and the RTP.
ladder()
{
	kill -INT "$tpid" && wait "$tpid"
	tpid=
	tshark -r "$tmp/wire.pcap" -Y 'sip && !(sip.Method == "REGISTER") &&
		!(sip.CSeq.method == "REGISTER")' -T fields \
		-e frame.time_relative -e udp.srcport -e udp.dstport \
		-e sip.Method -e sip.Status-Code -e sip.CSeq 2>/dev/null |
		awk -F'\t' 'BEGIN { n["5080"] = "proxy A"; n["5090"] = "proxy B" }
		# one voffloadd, port 5060, is both user agents: UA 1 (line 0)
		# talks to proxy A, UA 2 (line 1) to proxy B
		function who(p, other) {
			if (p != "5060")
				return n[p]
			return other == "5080" ? "UA 1" : "UA 2"
		}
		{ what = $4 != "" ? $4 : $5
		printf "%7.3f  %-7s -> %-7s  %-7s (%s)\n", $1, who($2, $3),
			who($3, $2), what, $6; c++ } END { exit c < 14 }' \
		>"$tmp/ladder" || { cat "$tmp/ladder"; return 1; }
	while read -r l; do ktap_print_msg "$l"; done <"$tmp/ladder"
	rtp=$(tshark -r "$tmp/wire.pcap" -d udp.port==10000,rtp \
		-d udp.port==10002,rtp -Y rtp 2>/dev/null | wc -l)
	ktap_print_msg "RTP packets on the wire: $rtp"
	# RTCP every 5 s, one way and the other: sender reports while
	# sending, whose RTP timestamps must match the RTP stream's
	tshark -r "$tmp/wire.pcap" -d udp.port==10000,rtp -d udp.port==10002,rtp \
		-Y rtp -T fields -e frame.time_epoch -e rtp.ssrc -e rtp.timestamp \
		>"$tmp/rtp.txt" 2>/dev/null
	tshark -r "$tmp/wire.pcap" -d udp.port==10001,rtcp -d udp.port==10003,rtcp \
		-Y "rtcp.pt == 200" -T fields -e frame.time_epoch -e rtcp.senderssrc \
		-e rtcp.timestamp.rtp -e rtcp.timestamp.ntp.msw >"$tmp/sr.txt" 2>/dev/null
	python3 "$here/sip/sr_check.py" "$tmp/sr.txt" "$tmp/rtp.txt" >"$tmp/sr.out" 2>&1
	sr_ok=$?
	ktap_print_msg "RTCP: $(cat "$tmp/sr.out")"
	for m in INVITE ACK BYE; do
		grep -q "  $m " "$tmp/ladder" || return 1
	done
	[ "$rtp" -gt 200 ] && [ "$sr_ok" = 0 ]
}

daemon_tests_start 6
sip_check "two proxies up, 1001@a.example and 2001@b.example registered" setup
sip_check "line 0 dials 2001: through proxy A and proxy B, line 1 rings and answers" \
	call_up
sip_check "tones both ways through the kernel flows: 440 Hz and 1000 Hz heard" tones
case "$(uname -r)" in 6.1.*) counters ;; esac
sip_check "line 0 hangs up: BYE, line 1 hears it, both idle" hang_up
sip_check "SIP ladder: INVITE/100/407/180/200/ACK/BYE/200 per hop, RTP, RTCP sender reports matching it" ladder
sip_check "voffloadd stops cleanly" stop_daemon
ktap_finished
