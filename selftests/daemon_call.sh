#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Calls between the two vslic lines through kamailio (sip/proxy.cfg) as
# the provider's proxy: accounts 1001 (line 0) and 1002 (line 1). The
# simulated phones go off-hook and dial DTMF; the daemon collects the
# digits, INVITEs through the proxy (answering its 407), the other line
# rings, answers, and both lines get a kernel flow carrying RTP. Then a
# CANCEL before answer, a busy line (486), a 302 redirect followed, a
# redirect loop stopped, and an INVITE from a stranger that never rings.

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/daemon_lib.sh"

# write_config [TRANSPORT]: 1002's transport (default udp).
write_config()
{
	cat >"$tmp/call.conf" <<CONF
[global]
log-level = info
sip-port = 5070
rtp-port-min = 16000
rtp-port-max = 16099
control-socket = $sock
[account a]
user = 1001
password = secret
domain = example.net
outbound-proxy = 127.0.0.1:5080
expires = 600
display-name = Alice
[account b]
user = 1002
password = secret
domain = example.net
outbound-proxy = 127.0.0.1:5080
expires = 600
transport = ${1:-udp}
[line 0]
account = a
caller-id = v23
country = GB
[line 1]
account = b
CONF
}

# call_0_to_1: from idle, line 0 dials 1002 and line 1 answers.
call_0_to_1()
{
	both_idle || return 1
	echo off >"$phone/hook" && wait_until state 0 dialtone &&
		echo "1002#" >"$phone/dtmf" && wait_until state 1 ringing &&
		echo off >"$phone1/hook" && wait_until state 0 talking ||
		{ ctl calls; return 1; }
}

# first_before A B FILE: feed A came before feed B in a vslic feed_log.
first_before()
{
	awk -v a="$1" -v b="$2" '$2 == a && !x { x = NR } $2 == b && !y { y = NR }
		END { exit !(x && y && x < y) }' "$3"
}

setup()
{
	write_config
	start_kamailio proxy.cfg -l udp:127.0.0.1:5080 -l tcp:127.0.0.1:5080 \
		--alias=example.net &&
		start_daemon "$tmp/call.conf" &&
		wait_until ctl_has accounts "^account a .* state registered" &&
		wait_until ctl_has accounts "^account b .* state registered" ||
		{ ctl accounts; cat "$tmp/log"; return 1; }
}

# A call from line 0 to 1002, answered, RTP both ways in kernel flows,
# line 0 hangs up, line 1 hears the BYE (ended, busy tone) until on-hook.
basic_call()
{
	# what line 1's phone hears on-hook: Bell 202 caller ID between the
	# first and second ring (US: 2 s ring, caller ID from 2.5 s on)
	echo 0 >"$phone1/feed_log"
	arecord -q -D "$(cat "$phone1/handset")" -t raw -f S16_LE -c 1 -r 8000 \
		-d 8 "$tmp/cid.raw" &
	rec=$!
	echo off >"$phone/hook" && wait_until state 0 dialtone &&
		echo "1002#" >"$phone/dtmf" && wait_until state 1 ringing &&
		wait_until grep -q ring "$phone1/feed" ||
		{ ctl calls; cat "$phone1/feed"; return 1; }
	wait "$rec" && "$here/cid_rx" 8000 bell202 "$tmp/cid.raw" >"$tmp/cid" ||
		{ cat "$tmp/cid" "$phone1/feed_log"; return 1; }
	ktap_print_msg "caller ID heard on line 1: $(tr '\n' ' ' <"$tmp/cid")"
	ktap_print_msg "line 1 feed: $(tr '\n' ' ' <"$phone1/feed_log")"
	grep -q "^number 1001$" "$tmp/cid" && grep -q "^name Alice$" "$tmp/cid" &&
		first_before ringing oht-forward "$phone1/feed_log" || return 1
	state 0 alerting || { ctl calls; return 1; }
	echo off >"$phone1/hook" && wait_until state 1 talking &&
		wait_until state 0 talking && wait_until flowing 0 &&
		wait_until flowing 1 || { ctl calls; cat "$tmp/log"; return 1; }
	ktap_print_msg "$(ctl calls | tr '\n' ';')"
	grep -q "answering 407 to INVITE" "$tmp/log" || return 1
	echo on >"$phone/hook" && wait_until state 1 ended &&
		wait_until state 0 idle || { ctl calls; return 1; }
	! ctl_has calls " flow " && both_idle
}

# Line 0 hangs up while line 1 rings: CANCEL, 487, both idle.
cancel()
{
	both_idle || return 1
	echo off >"$phone/hook" && wait_until state 0 dialtone &&
		echo "1002#" >"$phone/dtmf" && wait_until state 1 ringing ||
		{ ctl calls; return 1; }
	echo on >"$phone/hook" &&
		wait_until ctl_has calls "^call line 1 state idle .* last 487" &&
		wait_until state 0 idle || { ctl calls; cat "$tmp/log"; return 1; }
	grep -q "CANCEL sip:1002@" "$tmp/kam.log"
}

# Line 1 is off-hook: the INVITE gets 486 and line 0 a busy tone.
busy()
{
	both_idle || return 1
	echo off >"$phone1/hook" && wait_until state 1 dialtone &&
		echo off >"$phone/hook" && wait_until state 0 dialtone &&
		echo "1002#" >"$phone/dtmf" &&
		wait_until ctl_has calls "^call line 0 state ended .* last 486" ||
		{ ctl calls; return 1; }
	state 1 dialtone && both_idle
}

# 3000 is redirected (302) to 1002: line 1 rings and answers, then hangs
# up first: BYE to the calling side.
redirect()
{
	both_idle || return 1
	echo off >"$phone/hook" && wait_until state 0 dialtone &&
		echo "3000#" >"$phone/dtmf" && wait_until state 1 ringing &&
		echo off >"$phone1/hook" && wait_until state 0 talking ||
		{ ctl calls; cat "$tmp/log"; return 1; }
	grep -q "redirected to sip:1002@example.net" "$tmp/log" || return 1
	# the callee hangs up first: the caller's line hears the BYE
	echo on >"$phone1/hook" && wait_until state 0 ended ||
		{ ctl calls; return 1; }
	both_idle
}

# 3001 redirects to itself: tried once, not followed; reorder tone.
redirect_loop()
{
	both_idle || return 1
	n0=$(grep -c "INVITE sip:3001@" "$tmp/kam.log")
	echo off >"$phone/hook" && wait_until state 0 dialtone &&
		echo "3001#" >"$phone/dtmf" &&
		wait_until ctl_has calls "^call line 0 state ended .* last 302" ||
		{ ctl calls; return 1; }
	n=$(($(grep -c "INVITE sip:3001@" "$tmp/kam.log") - n0))
	ktap_print_msg "INVITEs to 3001 seen by the proxy: $n"
	[ "$n" -le 2 ] && both_idle
}

# An INVITE for 1001 straight from 127.0.0.2, not the proxy: no answer,
# counted as refused, line 0 stays idle.
stranger()
{
	both_idle || return 1
	PYTHONPATH=$here/sip python3 - <<'PY' || return 1
import socket, sys
from request import request, sdp, udp
s = udp('127.0.0.2', 2)
daemon = ('127.0.0.1', 5070)
s.sendto(request('INVITE', daemon, ('127.0.0.2', s.getsockname()[1]),
                 'scan1', sdp('127.0.0.2'), sender='100@127.0.0.2').encode(),
         daemon)
try:
    s.recvfrom(2000)
    sys.exit('answered')
except socket.timeout:
    pass
PY
	ctl sip | grep -q "refused [1-9]" && state 0 idle &&
		! grep -q ring "$phone/feed"
}

# voffloadctl: "answer" refused on an idle line; line 0 calls line 1,
# "answer 1" answers it with the phone on-hook, RTP flows both ways;
# "hangup 1" ends it: BYE, line 0 ended.
ctl_answer()
{
	both_idle || return 1
	! ctl answer 1 >"$tmp/out" && grep -q "^error: line 1 is idle, not ringing" "$tmp/out" ||
		{ cat "$tmp/out"; return 1; }
	echo off >"$phone/hook" && wait_until state 0 dialtone &&
		echo "1002#" >"$phone/dtmf" && wait_until state 1 ringing &&
		ctl answer 1 | grep -q "^ok" && wait_until state 0 talking &&
		wait_until flowing 0 && wait_until flowing 1 &&
		ctl hangup 1 | grep -q "^ok" && wait_until state 0 ended ||
		{ ctl calls; return 1; }
	both_idle
}

# Call waiting on line 1 (US): line 0 -> line 1, answered; sipp calls
# 1002 through the proxy (sip/cw_uac.xml): it waits (180), line 1 hears
# the call-waiting tone, 440 Hz; a flash answers it and holds line 0's
# call (a=inactive); a flash goes back; on-hook ends line 0's call and
# rings line 1 for the held one (recall); off-hook resumes it; sipp hangs
# up.
call_waiting()
{
	call_0_to_1 || return 1
	arecord -q -D "$(cat "$phone1/handset")" -t raw -f S16_LE -c 1 -r 8000 \
		-d 3 "$tmp/cw.raw" &
	rec=$!
	sipp -sf "$here/sip/cw_uac.xml" -s 1002 127.0.0.1:5080 -i 127.0.0.1 \
		-p 5097 -mi 127.0.0.1 -mp 16800 -m 1 -l 1 -timeout 40s \
		-timeout_error -nostdin -trace_err -error_file "$tmp/cw.err" \
		>"$tmp/cw.out" 2>&1 &
	spid=$!
	wait_until ctl_has calls "^call line 1 state ringing waiting in peer sip:sipp@" &&
		state 1 talking && wait "$rec" ||
		{ ctl calls; cat "$tmp/cw.out" "$tmp/log"; return 1; }
	heard=$(python3 "$here/tone_measure.py" 8000 "$tmp/cw.raw")
	ktap_print_msg "$(echo "$heard" |
		awk '{ printf "call-waiting tone on line 1: %s Hz at %s dBFS", $1, $2 }')"
	echo "$heard" | awk '{ exit !($1 > 435 && $1 < 445) }' || return 1
	# flash: the waiting call answered, line 0's held
	echo 400 >"$phone1/flash" &&
		wait_until ctl_has calls "^call line 1 state talking in peer sip:sipp@.* flow " &&
		wait_until ctl_has calls "^call line 1 state talking held in peer sip:1001@" &&
		wait_until ctl_has calls "^call line 0 state talking .* dir inactive" ||
		{ ctl calls; cat "$tmp/log"; return 1; }
	ktap_print_msg "after a flash: $(ctl calls | tr '\n' ';')"
	# flash back: line 0's call resumed, sipp's held
	echo 400 >"$phone1/flash" &&
		wait_until ctl_has calls "^call line 0 state talking .* dir sendrecv" &&
		wait_until ctl_has calls "^call line 1 state talking held in peer sip:sipp@" ||
		{ ctl calls; cat "$tmp/log"; return 1; }
	# on-hook: line 0's call ends, the held one rings line 1 back
	echo on >"$phone1/hook" && wait_until state 0 ended &&
		wait_until ctl_has calls "^call line 1 state talking recall" &&
		wait_until grep -q ringing "$phone1/feed" ||
		{ ctl calls; cat "$phone1/feed"; return 1; }
	echo off >"$phone1/hook" &&
		wait_until ctl_has calls "^call line 1 state talking in peer sip:sipp@.* flow " ||
		{ ctl calls; cat "$tmp/log"; return 1; }
	wait "$spid" || { cat "$tmp/cw.out" "$tmp/cw.err"; return 1; }
	wait_until state 1 ended && both_idle
}

# A flash in a call with no other: the call goes on hold (line 0's flow
# inactive) and line 1 gets dial tone; it dials 3001 (a redirect loop:
# reorder); a flash goes back to the held call, its flow sendrecv again.
flash_second_call()
{
	call_0_to_1 || return 1
	echo 400 >"$phone1/flash" &&
		wait_until ctl_has calls "^call line 1 state talking held in peer sip:1001@" &&
		wait_until state 1 dialtone &&
		wait_until ctl_has calls "^call line 0 state talking .* dir inactive" ||
		{ ctl calls; cat "$tmp/log"; return 1; }
	ktap_print_msg "after a flash: $(ctl calls | tr '\n' ';')"
	echo "3001#" >"$phone1/dtmf" &&
		wait_until ctl_has calls "^call line 1 state ended .* last 302" ||
		{ ctl calls; cat "$tmp/log"; return 1; }
	echo 400 >"$phone1/flash" &&
		wait_until ctl_has calls "^call line 1 state talking in peer sip:1001@.* flow " &&
		wait_until ctl_has calls "^call line 0 state talking .* dir sendrecv" ||
		{ ctl calls; cat "$tmp/log"; return 1; }
	both_idle
}

# 1002 over TCP: it registers, calls 1001 (UDP) and hangs up over the
# same connection; the proxy saw each of those on TCP.
tcp_call()
{
	both_idle && stop_daemon && write_config tcp &&
		start_daemon "$tmp/call.conf" &&
		wait_until ctl_has accounts "^account b .* state registered" ||
		{ ctl accounts; cat "$tmp/log"; return 1; }
	# line 0 (GB, V.23): polarity reversal, caller ID, then the first ring
	echo 0 >"$phone/feed_log"
	arecord -q -D "$(cat "$phone/handset")" -t raw -f S16_LE -c 1 -r 8000 \
		-d 5 "$tmp/cid0.raw" &
	rec=$!
	echo off >"$phone1/hook" && wait_until state 1 dialtone &&
		echo "1001#" >"$phone1/dtmf" && wait_until state 0 ringing &&
		wait "$rec" && "$here/cid_rx" 8000 v23 "$tmp/cid0.raw" >"$tmp/cid0" ||
		{ cat "$tmp/cid0" "$phone/feed_log"; return 1; }
	ktap_print_msg "V.23 caller ID heard on line 0: $(tr '\n' ' ' <"$tmp/cid0")"
	grep -q "^number 1002$" "$tmp/cid0" &&
		first_before oht-reverse ringing "$phone/feed_log" ||
		{ cat "$phone/feed_log"; return 1; }
	echo off >"$phone/hook" && wait_until state 1 talking &&
		wait_until ctl_has calls "^call line 1 .* rx [1-9][0-9]" ||
		{ ctl calls; cat "$tmp/log"; return 1; }
	echo on >"$phone1/hook" && wait_until state 0 ended || return 1
	for m in "REGISTER sip:example.net" "INVITE sip:1001@" "BYE sip:"; do
		grep "ladder tcp .* $m" "$tmp/kam.log" | head -1 |
			while read -r l; do ktap_print_msg "proxy: $l"; done
		grep -q "ladder tcp .* $m" "$tmp/kam.log" || return 1
	done
	both_idle
}

daemon_tests_start 11
sip_check "registered 1001 and 1002 through the proxy" setup
sip_check "call 1001 -> 1002: 407 answered, ringing, Bell 202 caller ID after the first ring, answered, RTP in kernel flows, BYE" \
	basic_call
sip_check "CANCEL before answer: 487, both lines idle" cancel
sip_check "busy line: 486 and busy tone" busy
sip_check "302 redirect followed to the Contact; the callee's BYE ends it" redirect
sip_check "redirect loop: stopped, reorder tone" redirect_loop
sip_check "INVITE from a stranger: dropped unanswered, never rings" stranger
sip_check "voffloadctl answer and hangup (and answer refused on an idle line)" ctl_answer
sip_check "call waiting: tone, flash answers and holds, flash back, recall ring on hang-up" \
	call_waiting
sip_check "flash in a call: on hold, dial tone, a second call (3001: reorder), flash back to the held one" \
	flash_second_call
sip_check "1002 over TCP: REGISTER, INVITE, BYE on one connection; V.23 caller ID before the first ring; RTP" tcp_call
[ -n "$dpid" ] && stop_daemon
ktap_finished
