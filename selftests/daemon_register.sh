#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# voffloadd registers its accounts with kamailio (sip/registrar.cfg):
# digest with qop=auth in MD5 and in SHA-256, a 423 answered with its
# Min-Expires, a wrong password failing without a loop of REGISTERs, and
# the unregistration (Expires: 0) when the daemon stops, and malformed
# datagrams counted without harm.

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/daemon_lib.sh"

# write_config EXPIRES: accounts 1001 (line 0) and, with a wrong
# password, 1002 (line 1), both at kamailio.
write_config()
{
	cat >"$tmp/reg.conf" <<CONF
[global]
log-level = info
sip-port = 5070
control-socket = $sock
keepalive-s = 2
[account good]
user = 1001
password = secret
domain = example.net
registrar = 127.0.0.1:5080
expires = $1
[account bad]
user = 1002
password = wrong
domain = example.net
registrar = 127.0.0.1:5080
[line 0]
account = good
[line 1]
account = bad
CONF
}

# register ALGO: 1001 registered for 600 s after one challenge, 1002
# failed on its second 401 and sent just two REGISTERs (CSeqs: a slow
# first 401 in the VM may bring a retransmission of the first).
register()
{
	write_config 600
	start_kamailio registrar.cfg -A "ALGO=\"$1\"" &&
		start_daemon "$tmp/reg.conf" || return 1
	wait_until ctl_has accounts "^account good .* state registered expires 600" &&
		wait_until ctl_has accounts "^account bad .* state failed .* last 401" ||
		{ ctl accounts; cat "$tmp/kam.log"; return 1; }
	# NAT keep-alives (CRLFCRLF) every 2 s while registered, none for
	# the failed account
	wait_until ctl_has accounts "^account good .* keepalives [1-9]" &&
		ctl_has accounts "^account bad .* keepalives 0" || return 1
	ktap_print_msg "$(ctl accounts | tr '\n' ';')"
	grep -q "registered 1001 expires 600" "$tmp/kam.log" &&
		[ "$(grep -o "REGISTER 1002 cseq [0-9]*" "$tmp/kam.log" |
			sort -u | wc -l)" = 2 ] &&
		grep -q "account good: answering 401 to REGISTER with $1 digest, qop=auth" \
			"$tmp/log"
}

# Stopped: 1001 unregistered with Expires: 0, exit status 0.
unregister()
{
	stop_daemon || return 1
	wait_until grep -q "registered 1001 expires 0" "$tmp/kam.log" ||
		{ cat "$tmp/kam.log"; return 1; }
	stop_kamailio
}

# An expiry of 60 s is below kamailio's 120: 423, then 120 s granted.
min_expires()
{
	write_config 60
	start_kamailio registrar.cfg && start_daemon "$tmp/reg.conf" ||
		return 1
	wait_until ctl_has accounts "^account good .* state registered expires 120" ||
		{ ctl accounts; cat "$tmp/log"; return 1; }
	grep -q "423, Min-Expires 120" "$tmp/log" && stop_daemon && stop_kamailio
}

# 100 malformed datagrams at the SIP port (truncated, bad headers, huge
# Content-Length, binary): counted, none answered as a transaction of
# ours, the registration unchanged and the daemon answering.
malformed_sip()
{
	write_config 600
	start_kamailio registrar.cfg && start_daemon "$tmp/reg.conf" &&
		wait_until ctl_has accounts "^account good .* state registered" ||
		return 1
	python3 - <<'PY' || return 1
import random, socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
good = (b'SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKx\r\n'
        b'From: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: x\r\n'
        b'CSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n')
rng = random.Random(7)
for i in range(100):
    kind = i % 4
    if kind == 0:
        msg = good[:rng.randrange(1, len(good))]
    elif kind == 1:
        msg = good.replace(b'CSeq: 1 REGISTER', b'CSeq: banana\x00\xff')
    elif kind == 2:
        msg = good.replace(b'Content-Length: 0', b'Content-Length: 99999999')
    else:
        msg = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 1400)))
    s.sendto(msg, ('127.0.0.1', 5070))
PY
	wait_until sh -c "'$here/voffloadctl' -s '$sock' sip |
		awk '{ exit !(\$9 + \$11 >= 100) }'" || { ctl sip; return 1; }
	ktap_print_msg "$(ctl sip)"
	ctl_has accounts "^account good .* state registered" && stop_daemon &&
		stop_kamailio
}

# RFC 3263 through c-ares. Account srv: the domain's NAPTR records offer
# TCP first (order 10) and UDP (order 20) under an SRV name of their own;
# the UDP account follows the second. Its SRV records name two targets;
# the first (priority 10) answers 503, so the REGISTER goes to the second
# (priority 20, kamailio), where it registers. Account plain: a domain
# without NAPTR, so _sip._udp.plain.test's SRV.
dns_srv()
{
	python3 "$here/sip/dns_server.py" 5353 \
		"NAPTR voip.test 10 10 s SIP+D2T _sip._tcp.voip.test" \
		"NAPTR voip.test 20 10 s SIP+D2U _sip._udp.udp.voip.test" \
		"SRV _sip._tcp.voip.test 10 0 5082 busy.voip.test" \
		"SRV _sip._udp.udp.voip.test 10 0 5081 busy.voip.test" \
		"SRV _sip._udp.udp.voip.test 20 0 5080 proxy.voip.test" \
		"SRV _sip._udp.plain.test 10 0 5080 proxy.voip.test" \
		"A busy.voip.test 127.0.0.1" "A proxy.voip.test 127.0.0.1" \
		>"$tmp/dns.out" 2>&1 &
	dns=$!
	python3 - >"$tmp/busy.out" 2>&1 <<'PY' &
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(('127.0.0.1', 5081))
print('ready', flush=True)
while True:
    m, peer = s.recvfrom(4000)
    h = m.decode('latin-1').split('\r\n')
    keep = [l for l in h[1:] if l.split(':')[0].lower() in
            ('via', 'from', 'to', 'call-id', 'cseq')]
    s.sendto(('SIP/2.0 503 Service Unavailable\r\n' + '\r\n'.join(keep) +
              '\r\nContent-Length: 0\r\n\r\n').encode('latin-1'), peer)
PY
	busy=$!
	cat >"$tmp/srv.conf" <<CONF
[global]
sip-port = 5070
control-socket = $sock
dns-servers = 127.0.0.1:5353
[account srv]
user = 1001
password = secret
domain = voip.test
[account plain]
user = 1002
password = secret
domain = plain.test
[line 0]
account = srv
[line 1]
account = plain
CONF
	wait_until grep -q ready "$tmp/dns.out" &&
		wait_until grep -q ready "$tmp/busy.out" &&
		start_kamailio registrar.cfg && start_daemon "$tmp/srv.conf" &&
		wait_until ctl_has accounts "^account srv .* state registered" &&
		wait_until ctl_has accounts "^account plain .* state registered" ||
		{ ctl accounts; cat "$tmp/log"; kill "$dns" "$busy"; return 1; }
	kill "$dns" "$busy"
	ktap_print_msg "$(grep "next target" "$tmp/log")"
	grep -q "trying 127.0.0.1:5080, the next target" "$tmp/log" &&
		grep -q "registered 1001" "$tmp/kam.log" &&
		grep -q "registered 1002" "$tmp/kam.log" && stop_daemon &&
		stop_kamailio
}

daemon_tests_start 7
sip_check "digest MD5, qop=auth: registered, NAT keep-alives; a wrong password fails once" \
	register MD5
sip_check "SIGTERM unregisters (Expires: 0)" unregister
sip_check "digest SHA-256, qop=auth: registered" register SHA-256
sip_check "SIGTERM unregisters again" unregister
sip_check "423 Interval Too Brief: registered with its Min-Expires" min_expires
sip_check "100 malformed SIP datagrams counted, registration unchanged" \
	malformed_sip
sip_check "DNS NAPTR for UDP, then SRV: the first target's 503, registered at the second; SRV alone without NAPTR" dns_srv
ktap_finished
