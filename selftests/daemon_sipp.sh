#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# voffloadd against sipp, a SIP implementation that is not ours: sipp's
# standard UAC calls line 0 through kamailio (sip/proxy.cfg) and echoes
# our RTP; line 1 calls sipp's standard UAS directly (an account with
# register = no, sipp as its proxy); sipp puts a call on hold and takes
# it back (sip/hold_uac.xml), which the kernel flow follows through
# flow-set; and requests that are not well formed get 400 or nothing.

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/daemon_lib.sh"

write_config()
{
	cat >"$tmp/sipp.conf" <<CONF
[global]
sip-port = 5070
rtp-port-min = 16100
rtp-port-max = 16199
control-socket = $sock
[account a]
user = 1001
password = secret
domain = example.net
outbound-proxy = 127.0.0.1:5080
[account peer]
user = 1002
domain = example.org
outbound-proxy = 127.0.0.1:5099
register = no
[line 0]
account = a
[line 1]
account = peer
CONF
}

# sipp_run NAME ARGS...: sipp in the background, its pid in $spid.
sipp_run()
{
	sname=$1	# not "name": vo_check's
	shift
	sipp "$@" -m 1 -l 1 -timeout 40s -timeout_error -nostdin \
		-trace_err -error_file "$tmp/$sname.err" \
		>"$tmp/$sname.out" 2>&1 &
	spid=$!
}

setup()
{
	write_config
	start_kamailio proxy.cfg -l udp:127.0.0.1:5080 --alias=example.net &&
		start_daemon "$tmp/sipp.conf" &&
		wait_until ctl_has accounts "^account a .* state registered" ||
		{ ctl accounts; cat "$tmp/log"; return 1; }
}

# sipp's uac calls 1001 through the proxy; line 0 rings and answers;
# sipp echoes RTP for 3 s and hangs up; line 0 hears the BYE.
sipp_uac()
{
	both_idle || return 1
	sipp_run uac -sn uac -s 1001 127.0.0.1:5080 -i 127.0.0.1 -p 5098 \
		-mi 127.0.0.1 -mp 16600 -rtp_echo -d 3000
	wait_until state 0 ringing && echo off >"$phone/hook" &&
		wait_until state 0 talking || { ctl calls; cat "$tmp/uac.out"; return 1; }
	wait_until ctl_has calls "^call line 0 .* rx [1-9][0-9]" ||
		{ ctl calls; return 1; }
	ktap_print_msg "$(ctl calls | head -1)"
	wait "$spid" || { cat "$tmp/uac.out" "$tmp/uac.err"; return 1; }
	wait_until state 0 ended && echo on >"$phone/hook" &&
		wait_until state 0 idle
}

# Line 1 dials 5000: INVITE straight to sipp's uas, 180, 200, ACK; the
# phone hangs up: BYE, which sipp answers and ends with success.
sipp_uas()
{
	both_idle || return 1
	sipp_run uas -sn uas -i 127.0.0.1 -p 5099 -mi 127.0.0.1 -mp 16700
	wait_until port_bound 5099 || return 1
	echo off >"$phone1/hook" && wait_until state 1 dialtone &&
		echo "5000#" >"$phone1/dtmf" && wait_until state 1 talking &&
		wait_until ctl_has calls "^call line 1 .* tx [1-9][0-9]" ||
		{ ctl calls; cat "$tmp/uas.out"; return 1; }
	ktap_print_msg "$(ctl calls | tail -1)"
	echo on >"$phone1/hook" && wait "$spid" ||
		{ cat "$tmp/uas.out" "$tmp/uas.err"; return 1; }
	wait_until state 1 idle
}

# Line 1 dials 5000 at a sipp that answers 200 without a To tag: no
# dialog can be made, so the call ends with reorder tone and the answer
# is counted as malformed.
no_to_tag()
{
	both_idle || return 1
	before=$(ctl sip | awk '{ print $9 }')
	sipp_run notag -sf "$here/sip/notag_uas.xml" -i 127.0.0.1 -p 5099 \
		-mi 127.0.0.1 -mp 16700
	wait_until port_bound 5099 || return 1
	echo off >"$phone1/hook" && wait_until state 1 dialtone &&
		echo "5000#" >"$phone1/dtmf" && wait_until state 1 ended ||
		{ ctl lines; cat "$tmp/notag.out" "$tmp/log"; return 1; }
	wait "$spid" || { cat "$tmp/notag.out" "$tmp/notag.err"; return 1; }
	grep -q "line 1: a 2xx without To tag" "$tmp/log" &&
		ctl sip | awk -v b="$before" '{ exit !($9 > b) }' &&
		echo on >"$phone1/hook" && wait_until state 1 idle
}

# Line 1 dials 5000 at a callee that answers twice, with two To tags, as
# a forking proxy can (sip/fork_uas.py): the call goes on with the first;
# the second dialog is ACKed and BYEd at once; the phone's hang-up BYEs
# the first. The callee checks that order.
forked_answers()
{
	both_idle || return 1
	python3 "$here/sip/fork_uas.py" 5099 >"$tmp/fork.out" 2>&1 &
	fpid=$!
	wait_until grep -q ready "$tmp/fork.out" &&
		echo off >"$phone1/hook" && wait_until state 1 dialtone &&
		echo "5000#" >"$phone1/dtmf" && wait_until state 1 talking &&
		wait_until grep -q "^BYE fork2" "$tmp/fork.out" &&
		grep -q "a second 2xx, to tag fork2: ACK and BYE" "$tmp/log" ||
		{ ctl calls; cat "$tmp/fork.out" "$tmp/log"; return 1; }
	state 1 talking && echo on >"$phone1/hook" && wait "$fpid" ||
		{ cat "$tmp/fork.out"; return 1; }
	ktap_print_msg "callee saw: $(tr '\n' ';' <"$tmp/fork.out")"
	wait_until state 1 idle
}

# sipp calls 1001 directly, holds (sendonly: our flow recvonly), resumes
# (sendrecv again), sends a re-INVITE without SDP (our offer in the 200,
# its answer a=recvonly in the ACK: our flow sendonly), another whose ACK
# lacks the answer (counted as malformed, the flow stays sendonly), hangs
# up.
hold()
{
	both_idle || return 1
	before=$(ctl sip | awk '{ print $9 }')
	sipp_run hold -sf "$here/sip/hold_uac.xml" -s 1001 127.0.0.1:5070 \
		-i 127.0.0.1 -p 5097 -mi 127.0.0.1 -mp 16800
	wait_until state 0 ringing && echo off >"$phone/hook" &&
		wait_until ctl_has calls "^call line 0 state talking .* dir sendrecv" &&
		wait_until ctl_has calls "^call line 0 state talking .* dir recvonly" &&
		wait_until ctl_has calls "^call line 0 state talking .* dir sendrecv" &&
		wait_until ctl_has calls "^call line 0 state talking .* dir sendonly" ||
		{ ctl calls; cat "$tmp/hold.out" "$tmp/log"; return 1; }
	wait "$spid" || { cat "$tmp/hold.out" "$tmp/hold.err"; return 1; }
	grep -q "re-INVITE: recvonly" "$tmp/log" &&
		grep -q "re-INVITE without an offer" "$tmp/log" &&
		grep -q "line 0: an ACK without the answer to our offer" "$tmp/log" &&
		[ "$(ctl sip | awk '{ print $9 }')" -gt "$before" ] &&
		wait_until state 0 ended && echo on >"$phone/hook" &&
		wait_until state 0 idle
}

# Requests from the proxy's address that are not well formed: each gets
# a 400 or nothing, the daemon counts them, and nothing else changes.
# (Kinds 0-3 are malformed, 80 of them; the bad SDP port gets 488.)
bad_requests()
{
	both_idle || return 1
	before=$(ctl sip | awk '{ print $9 }')
	PYTHONPATH=$here/sip python3 - <<'PY' || return 1
import socket
from request import request, sdp, udp, wait_for
s = udp('127.0.0.1', 0.3)
me = ('127.0.0.1', s.getsockname()[1])
daemon = ('127.0.0.1', 5070)
body = sdp('127.0.0.1')
for i in range(100):
    k = i % 5
    m = request('INVITE', daemon, me, 'bad%d' % i, body)
    if k == 0:
        m = m[:40 + i]                                # truncated
    elif k == 1:
        m = m.replace('CSeq: 1 INVITE', 'CSeq: x\x00')  # bad header
    elif k == 2:                                      # huge Content-Length
        m = request('INVITE', daemon, me, 'bad%d' % i, body, length=99999999)
    elif k == 3:
        m = m.replace('Call-ID: bad%d\r\n' % i, '')   # no Call-ID
    else:
        m = m.replace('m=audio 4000', 'm=audio 99999') # bad SDP port
    s.sendto(m.encode('latin-1'), daemon)
    try:
        r = s.recv(4000).decode('latin-1').split('\r\n')[0]
        if not (r.startswith('SIP/2.0 4') or r.startswith('SIP/2.0 100')):
            raise SystemExit('answered %r to kind %d' % (r, k))
    except socket.timeout:
        pass
# well formed, but a route set we cannot keep whole (9 entries; one of
# 600 characters): a 400 each, the 101st and 102nd counted (the final
# answer to each, not a 488 retransmitted to an earlier bad INVITE)
s.settimeout(3)
for i, rr in ((100, ['<sip:p%d.example.net;lr>' % k for k in range(9)]),
              (101, ['<sip:%s.example.net;lr>' % ('p' * 600)])):
    m = request('INVITE', daemon, me, 'bad%d' % i, body)
    m = m.replace('Contact:', ''.join('Record-Route: %s\r\n' % r
                                      for r in rr) + 'Contact:')
    s.sendto(m.encode('latin-1'), daemon)
    r = wait_for(s, 4, 'bad%d' % i).split('\r\n')[0]
    if not r.startswith('SIP/2.0 400'):
        raise SystemExit('answered %r to a long route set' % r)
PY
	# on TCP: no Content-Length, then a huge one: each connection closed
	python3 - <<'PY' || return 1
import socket
for body in (b'INVITE sip:1001@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:9\r\n\r\n',
             b'OPTIONS sip:1001@127.0.0.1 SIP/2.0\r\nContent-Length: 999999999\r\n\r\n'):
    s = socket.create_connection(('127.0.0.1', 5070), timeout=5)
    s.sendall(body)
    if s.recv(100) != b'':
        raise SystemExit('the connection stayed open')
PY
	ktap_print_msg "$(ctl sip)"
	ctl sip | awk -v b="$before" '{ exit !($9 >= b + 82 && $NF >= 2) }' &&
		state 0 idle && state 1 idle &&
		ctl_has accounts "^account a .* state registered"
}

daemon_tests_start 7
sip_check "registered with kamailio" setup
sip_check "sipp uac -> proxy -> line 0: answered, RTP echoed, sipp's BYE" sipp_uac
sip_check "line 1 -> sipp uas: 180, 200, ACK, RTP, our BYE" sipp_uas
sip_check "line 1 -> a 200 without To tag: call ended, counted" no_to_tag
sip_check "line 1 -> two 200s from a fork: the second dialog ACKed and BYEd" forked_answers
sip_check "sipp holds (sendonly) and resumes: the flow follows; a re-INVITE without SDP: offer in the 200, answer in the ACK" hold
sip_check "100 bad INVITEs, 2 too long route sets, 2 broken TCP streams: 4xx, dropped or closed, counted, state unchanged" \
	bad_requests
[ -n "$dpid" ] && stop_daemon
ktap_finished
