#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# voffloadd over IPv6 only: kamailio (sip/proxy.cfg) listens on [::1]:5080
# and nothing else; accounts 1001 (line 0) and 1002 (line 1) name it as
# "[::1]:5080". Both register over IPv6; a call 1001 -> 1002 goes through
# it with SDP "c=IN IP6 ::1" both ways and RTP in kernel flows whose
# sockets and remote addresses are IPv6; an offer with a bracketed IP6
# address gets 488, a Contact with an unclosed bracket 400, both counted;
# 1002 registers and calls over TCP on IPv6, and registers at a name
# whose SRV target has only an AAAA record. Without ::1 in the VM the
# cases skip, saying so.

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/daemon_lib.sh"

# write_config [TRANSPORT [REGISTRAR PROXY]]: 1002's transport (default
# udp), registrar and outbound proxy (default [::1]:5080; "": none).
write_config()
{
	cat >"$tmp/v6.conf" <<CONF
[global]
log-level = debug
sip-port = 5070
rtp-port-min = 16100
rtp-port-max = 16199
control-socket = $sock
dns-servers = 127.0.0.1:5353
[account a]
user = 1001
password = secret
domain = example.net
outbound-proxy = [::1]:5080
expires = 600
display-name = Alice
[account b]
user = 1002
password = secret
domain = example.net
registrar = ${2:-[::1]:5080}
outbound-proxy = ${3-[::1]:5080}
expires = 600
transport = ${1:-udp}
[line 0]
account = a
[line 1]
account = b
CONF
}

# Both accounts registered over IPv6: the proxy saw each REGISTER arrive
# on its IPv6 socket from the daemon's.
register6()
{
	write_config
	start_kamailio proxy.cfg -l "udp:[::1]:5080" -l "tcp:[::1]:5080" \
		--alias=example.net &&
		start_daemon "$tmp/v6.conf" &&
		wait_until ctl_has accounts "^account a .* state registered" &&
		wait_until ctl_has accounts "^account b .* state registered" ||
		{ ctl accounts; cat "$tmp/log" "$tmp/kam.log"; return 1; }
	ktap_print_msg "$(ctl accounts | tr '\n' ';')"
	grep "ladder udp .*REGISTER sip:example.net" "$tmp/kam.log" | head -1 |
		while read -r l; do ktap_print_msg "proxy: $l"; done
	# kamailio prints IPv6 as it is: "::1:5080 <- ::1:5070" or "[::1]..."
	grep -Eq "ladder udp \[?::1\]?:5080 <- \[?::1\]?:5070 REGISTER" \
		"$tmp/kam.log" ||
		{ cat "$tmp/kam.log"; return 1; }
	# and no IPv4 at all in the ladder
	! grep -q "ladder .*127\.0\.0\.1" "$tmp/kam.log"
}

# 1001 calls 1002 through the proxy over IPv6; RTP both ways in kernel
# flows to [::1]; both offers and answers said IN IP6.
call6()
{
	echo off >"$phone/hook" && wait_until state 0 dialtone &&
		echo "1002#" >"$phone/dtmf" && wait_until state 1 ringing &&
		echo off >"$phone1/hook" && wait_until state 1 talking &&
		wait_until state 0 talking && wait_until flowing 0 &&
		wait_until flowing 1 || { ctl calls; cat "$tmp/log"; return 1; }
	ktap_print_msg "$(ctl calls | tr '\n' ';')"
	grep "flow [0-9]* port [0-9]* -> " "$tmp/log" | head -2 |
		while read -r l; do ktap_print_msg "$l"; done
	[ "$(grep -c "flow [0-9]* port [0-9]* -> \[::1\]:161[0-9][0-9] " \
		"$tmp/log")" = 2 ] || { cat "$tmp/log"; return 1; }
	grep -Eq "ladder udp \[?::1\]?:5080 <- \[?::1\]?:5070 INVITE sip:1002@" \
		"$tmp/kam.log" || { cat "$tmp/kam.log"; return 1; }
	echo on >"$phone/hook" && wait_until state 1 ended &&
		wait_until state 0 idle || { ctl calls; return 1; }
	! ctl_has calls " flow " && both_idle
}

# INVITEs from the proxy's address with a malformed IPv6 literal: a c=
# line with its address in brackets ("c=IN IP6 [::1]", which RFC 4566 has
# not) gets 488 with a Warning saying so; a Contact of "sip:x@[::1:PORT"
# (no closing bracket) gets 400. Both counted as malformed; line 0 never
# rings.
bad_v6_literals()
{
	both_idle || return 1
	before=$(ctl sip | awk '{ print $9 }')
	PYTHONPATH=$here/sip python3 - <<'PY' || return 1
from request import request, sdp, udp, wait_for
s = udp('::1', 5)
me = ('::1', s.getsockname()[1])
daemon = ('::1', 5070)
for k, contact, addr, want, why in (
        ('c', '[::1]', '[::1]', '488', 'connection address'),
        ('ct', '[::1', '::1', '400', 'Contact')):
    body = sdp('::1').replace('c=IN IP6 ::1', 'c=IN IP6 ' + addr)
    s.sendto(request('INVITE', daemon, me, 'bad6' + k, body,
                     contact=contact).encode(), daemon)
    r = wait_for(s, 4)
    print('# ' + r.split('\r\n')[0] + ' | ' +
          ''.join(h for h in r.split('\r\n') if h.startswith('Warning')))
    if not r.startswith('SIP/2.0 ' + want) or why not in r:
        raise SystemExit('answered %r to %s' % (r.split('\r\n')[0], k))
PY
	ktap_print_msg "$(ctl sip)"
	ctl sip | awk -v b="$before" '{ exit !($9 == b + 2) }' &&
		state 0 idle && ! grep -q ring "$phone/feed"
}

# 1002 over TCP on IPv6: it registers and calls 1001 (UDP); the proxy saw
# the REGISTER and the INVITE on its IPv6 TCP socket; RTP flows.
tcp6()
{
	write_config tcp && tcp_call_1_to_0 "$tmp/v6.conf" &&
		wait_until flowing 0 && wait_until flowing 1 ||
		{ ctl calls; cat "$tmp/log"; return 1; }
	for m in "REGISTER sip:example.net" "INVITE sip:1001@"; do
		grep "ladder tcp .* $m" "$tmp/kam.log" | head -1 |
			while read -r l; do ktap_print_msg "proxy: $l"; done
		grep -Eq "ladder tcp \[?::1\]?:5080 <- \[?::1\]?:[0-9]+ $m" \
			"$tmp/kam.log" || { cat "$tmp/kam.log"; return 1; }
	done
	echo on >"$phone1/hook" && wait_until state 0 ended && both_idle
}

# 1002's registrar is a name, v6.test, with no NAPTR, an SRV record for
# _sip._udp.v6.test and, for the SRV target, only an AAAA record (::1):
# it registers over IPv6 found through DNS (the proxy listens on nothing
# else), and the proxy saw that REGISTER come over UDP from [::1].
dns6()
{
	python3 "$here/sip/dns_server.py" 5353 \
		"SRV _sip._udp.v6.test 10 0 5080 pbx.v6.test" \
		"AAAA pbx.v6.test ::1" >"$tmp/dns.out" 2>&1 &
	dns=$!
	wait_until grep -q ready "$tmp/dns.out" && both_idle && stop_daemon ||
		{ kill "$dns"; return 1; }
	seen=$(wc -l <"$tmp/kam.log")	# the old daemon's unREGISTERs before
	write_config udp v6.test "" && start_daemon "$tmp/v6.conf" &&
		wait_until ctl_has accounts "^account b .* state registered" ||
		{ ctl accounts; cat "$tmp/log"; kill "$dns"; return 1; }
	kill "$dns"
	tail -n +$((seen + 1)) "$tmp/kam.log" | grep "ladder .* REGISTER " |
		while read -r l; do ktap_print_msg "proxy: $l"; done
	# a's first REGISTER and b's, both over UDP from [::1] (a slow answer
	# may bring a retransmission: at least two)
	[ "$(tail -n +$((seen + 1)) "$tmp/kam.log" | grep -Ec \
		"ladder udp \[?::1\]?:5080 <- \[?::1\]?:5070 REGISTER .* cseq 1( |$)")" -ge 2 ]
}

daemon_tests_start 5
if ! ip -6 addr show dev lo 2>/dev/null | grep -q "inet6 ::1/128"; then
	ktap_test_skip "IPv6 register: no ::1 on lo in this VM"
	ktap_test_skip "IPv6 call: no ::1 on lo in this VM"
	ktap_test_skip "IPv6 bad literals: no ::1 on lo in this VM"
	ktap_test_skip "IPv6 TCP: no ::1 on lo in this VM"
	ktap_test_skip "IPv6 DNS: no ::1 on lo in this VM"
	ktap_finished
	exit
fi
sip_check "1001 and 1002 registered over IPv6 at [::1]:5080" register6
sip_check "call 1001 -> 1002 over IPv6: IN IP6 SDP, RTP in kernel flows to [::1]" \
	call6
sip_check "INVITEs with c=IN IP6 [::1] (488) and Contact [::1 (400): counted, no ring" \
	bad_v6_literals
sip_check "1002 over TCP on IPv6: REGISTER and INVITE on [::1]:5080, RTP" tcp6
sip_check "DNS: SRV then AAAA only: 1002 registered at [::1]:5080" dns6
[ -n "$dpid" ] && stop_daemon
ktap_finished
