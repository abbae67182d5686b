#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# voffloadd against baresip, a softphone as a provider's customers run
# it: baresip registers as 1003 with kamailio (sip/proxy.cfg), with the
# proxy's 407 to answer on its INVITEs too, and speaks a 440 Hz sine
# (its ausine module). It calls line 0, which rings, answers and hears
# the sine at the handset; then line 1 calls baresip, which answers by
# itself, and RTP flows both ways until line 1 hangs up.

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/daemon_lib.sh"

write_config()
{
	cat >"$tmp/bs.conf" <<CONF
[global]
sip-port = 5070
rtp-port-min = 16200
rtp-port-max = 16299
control-socket = $sock
[account a]
user = 1001
password = secret
domain = example.net
outbound-proxy = 127.0.0.1:5080
# baresip says 10.99.0.1 in its SDP and sends from 127.0.0.1, as a
# softphone behind NAT does
symmetric-rtp = yes
[account b]
user = 1002
password = secret
domain = example.net
outbound-proxy = 127.0.0.1:5080
symmetric-rtp = yes
[line 0]
account = a
[line 1]
account = b
CONF
	mkdir -p "$tmp/baresip"
	# ausine makes 48 kHz stereo only; baresip resamples to PCMU
	cat >"$tmp/baresip/config" <<CONF
poll_method	epoll
sip_listen	127.0.0.1:5062
audio_player	aubridge,nil
audio_source	ausine,440
audio_alert	aubridge,nil
ausrc_srate	48000
auplay_srate	48000
ausrc_channels	2
auplay_channels	2
rtp_ports	16500-16599
module_path	/usr/lib/baresip/modules
module		g711.so
module		ausine.so
module		aubridge.so
module_app	account.so
module_app	menu.so
CONF
	echo '<sip:1003@example.net>;auth_pass=secret;outbound="sip:127.0.0.1:5080";regint=600;answermode=auto' \
		>"$tmp/baresip/accounts"
}

# baresip_run SECONDS [COMMAND]: baresip for that long, in the background.
baresip_run()
{
	timeout -k 2 $(($1 + 5)) baresip -f "$tmp/baresip" -t "$1" \
		${2:+-e "$2"} </dev/null >"$tmp/baresip.out" 2>&1 &
	bpid=$!
}

bs_cleanup()
{
	[ -n "$bpid" ] && kill "$bpid" 2>/dev/null
	ip link del vobs0 2>/dev/null
	cleanup
}
bpid=
trap bs_cleanup EXIT

setup()
{
	# baresip 1.0 will not run on loopback alone, all the VM has: an
	# interface of its own, a veth end with an address (its media's)
	modprobe veth && ip link add vobs0 type veth peer name vobs1 &&
		ip addr add 10.99.0.1/24 dev vobs0 && ip link set vobs0 up &&
		ip link set vobs1 up || return 1
	write_config
	start_kamailio proxy.cfg -l udp:127.0.0.1:5080 --alias=example.net &&
		start_daemon "$tmp/bs.conf" &&
		wait_until ctl_has accounts "^account a .* state registered" &&
		wait_until ctl_has accounts "^account b .* state registered" ||
		{ ctl accounts; cat "$tmp/log"; return 1; }
}

# baresip calls 1001; line 0 answers and hears baresip's 440 Hz.
baresip_calls()
{
	both_idle || return 1
	baresip_run 12 "/dial sip:1001@example.net"
	wait_until state 0 ringing && echo off >"$phone/hook" &&
		wait_until state 0 talking ||
		{ ctl calls; cat "$tmp/baresip.out"; return 1; }
	arecord -q -D "$(cat "$phone/handset")" -t raw -f S16_LE -c 1 -r 8000 \
		-d 2 "$tmp/heard.raw" || return 1
	heard=$(python3 "$here/tone_measure.py" 8000 "$tmp/heard.raw")
	ktap_print_msg "line 0 hears ${heard% *} Hz at ${heard#* } dBFS from baresip"
	ktap_print_msg "$(ctl calls | head -1)"
	echo "${heard% *}" | awk '{ exit !($1 > 435 && $1 < 445) }' ||
		{ grep -v "audio=" "$tmp/baresip.out" | tail -30; return 1; }
	# baresip quits: its BYE ends the call
	wait "$bpid"
	wait_until state 0 ended || { ctl calls; cat "$tmp/baresip.out"; return 1; }
	both_idle
}

# Line 1 dials 1003; baresip answers by itself; RTP both ways; line 1
# hangs up and baresip sees the call end.
call_baresip()
{
	both_idle || return 1
	baresip_run 30
	wait_until grep -q "registered successfully\|200 OK" "$tmp/baresip.out" ||
		{ cat "$tmp/baresip.out"; return 1; }
	echo off >"$phone1/hook" && wait_until state 1 dialtone &&
		echo "1003#" >"$phone1/dtmf" && wait_until state 1 talking &&
		wait_until ctl_has calls "^call line 1 .* tx [1-9][0-9][0-9]* rx [1-9][0-9]" ||
		{ ctl calls; cat "$tmp/baresip.out" "$tmp/log"; return 1; }
	ktap_print_msg "$(ctl calls | tail -1)"
	echo on >"$phone1/hook" && wait_until state 1 idle &&
		wait_until grep -q "terminated" "$tmp/baresip.out" ||
		{ cat "$tmp/baresip.out"; return 1; }
	kill "$bpid" 2>/dev/null
	wait "$bpid"
	return 0
}

daemon_tests_start 3
sip_check "registered 1001 and 1002 with kamailio" setup
sip_check "baresip calls line 0: answered, its 440 Hz heard at the handset, its BYE" \
	baresip_calls
sip_check "line 1 calls baresip: auto-answered, RTP both ways, our BYE" call_baresip
[ -n "$dpid" ] && stop_daemon
ktap_finished
