#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The OpenWrt path end to end: `uci show voffload` as a router prints it
# goes through voffload-gen (openwrt/voffload/files) into voffloadd's
# config; the daemon runs on what it wrote, registers with kamailio, and
# the lines get the account and the countries UCI gave them. A bad value
# afterwards is refused naming its UCI option, and the config in place is
# left as it was.

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/daemon_lib.sh"
. "$(dirname "$0")/ynl.sh"

gen=$VO_SRC/openwrt/voffload/files/voffload-gen

write_uci()
{
	cat >"$tmp/uci" <<UCI
voffload.global=global
voffload.global.sip_port='5070'
voffload.global.control_socket='$sock'
voffload.global.country='DE'
voffload.provider=account
voffload.provider.user='1001'
voffload.provider.password='secret'
voffload.provider.domain='example.net'
voffload.provider.registrar='127.0.0.1:5080'
voffload.provider.expires='600'
voffload.provider.codec='pcma' 'pcmu'
voffload.spare=account
voffload.spare.enabled='0'
voffload.spare.user='1002'
voffload.spare.domain='example.net'
voffload.@line[0]=line
voffload.@line[0].number='0'
voffload.@line[0].account='provider'
voffload.@line[1]=line
voffload.@line[1].number='1'
voffload.@line[1].account='spare'
voffload.@line[1].country='GB'
UCI
}

generated_config_runs()
{
	write_uci
	sh "$gen" -i "$tmp/uci" -o "$tmp/etc/voffloadd.conf" -d "$here/voffloadd" \
		2>"$tmp/gen.err" || { cat "$tmp/gen.err"; return 1; }
	start_kamailio registrar.cfg && start_daemon "$tmp/etc/voffloadd.conf" &&
		wait_until ctl_has accounts "^account provider .* state registered expires 600" ||
		{ ctl accounts; cat "$tmp/log"; return 1; }
	ktap_print_msg "$(ctl lines | tr '\n' ';')"
	ctl_has lines "^line 0 .* account provider .* country DE ring 1000/4000" &&
		ctl_has lines "^line 1 .* account - .* country GB " &&
		ctl_has config "^account provider user 1001 domain example.net" &&
		grep -q "registered 1001" "$tmp/kam.log"
}

bad_value_refused()
{
	cp "$tmp/etc/voffloadd.conf" "$tmp/good.conf" &&
		echo "voffload.provider.transport='sctp'" >>"$tmp/uci" || return 1
	! sh "$gen" -i "$tmp/uci" -o "$tmp/etc/voffloadd.conf" \
		-d "$here/voffloadd" 2>"$tmp/gen.err" || return 1
	ktap_print_msg "$(cat "$tmp/gen.err")"
	grep -q "^voffload.provider.transport: transport: 'sctp' is not one" \
		"$tmp/gen.err" &&
		cmp -s "$tmp/good.conf" "$tmp/etc/voffloadd.conf" &&
		ctl_has accounts "^account provider .* state registered" &&
		stop_daemon && stop_kamailio
}

# An ATA's line options from UCI: line 0 a hotline to 1002 with its gains,
# 1001 on in-band DTMF, the door account naming its line 1 (no line
# section), ghost-call protection off.
write_uci_ata()
{
	cat >"$tmp/uci" <<UCI
voffload.global=global
voffload.global.sip_port='5070'
voffload.global.control_socket='$sock'
voffload.global.ghost_call_protection='0'
voffload.provider=account
voffload.provider.user='1001'
voffload.provider.password='secret'
voffload.provider.domain='example.net'
voffload.provider.proxy='127.0.0.1:5080'
voffload.provider.dtmf_mode='inband'
voffload.door=account
voffload.door.user='1002'
voffload.door.password='secret'
voffload.door.domain='example.net'
voffload.door.proxy='127.0.0.1:5080'
voffload.door.line='1'
voffload.@line[0]=line
voffload.@line[0].number='0'
voffload.@line[0].account='provider'
voffload.@line[0].tx_gain='-6'
voffload.@line[0].rx_gain='3.5'
voffload.@line[0].hotline='1002'
UCI
}

# gains LINE TX RX: the kernel's line-get says them (0.1 dB)
gains()
{
	ynl --do line-get --json "{\"id\": $1}" >"$tmp/line" &&
		[ "$(jget 'd.get("tx-gain", 0)' <"$tmp/line")" = "$2" ] &&
		[ "$(jget 'd.get("rx-gain", 0)' <"$tmp/line")" = "$3" ]
}

# An INVITE for 1001 from 127.0.0.2, not a proxy: with ghost-call
# protection off it gets its 180 and line 0 rings (the ring is in vslic's
# feed log), then a CANCEL: 487, ACKed.
stranger_rings()
{
	echo 0 >"$phone/feed_log"
	PYTHONPATH=$here/sip python3 - <<'PY'
import socket, sys
from request import request, sdp, udp, wait_for
s = udp('127.0.0.2', 5)
me = ('127.0.0.2', s.getsockname()[1])
daemon = ('127.0.0.1', 5070)
s.sendto(request('INVITE', daemon, me, 'peer1', sdp('127.0.0.2'),
                 sender='100@127.0.0.2').encode(), daemon)
try:
    wait_for(s, 180)
    s.sendto(request('CANCEL', daemon, me, 'peer1',
                     sender='100@127.0.0.2').encode(), daemon)
    final = wait_for(s, 487)
except socket.timeout:
    sys.exit('no 180, or no 487 after the CANCEL')
to = [h for h in final.split('\r\n') if h.lower().startswith('to:')][0]
s.sendto(request('ACK', daemon, me, 'peer1', sender='100@127.0.0.2',
                 to_tag=to[to.find('>') + 1:]).encode(), daemon)
PY
}

# regen: voffload-gen on $tmp/uci, as the init script runs it
regen()
{
	sh "$gen" -i "$tmp/uci" -o "$tmp/etc/voffloadd.conf" -d "$here/voffloadd" \
		2>"$tmp/gen.err" || { cat "$tmp/gen.err"; return 1; }
}

ata_options()
{
	write_uci_ata && regen && start_kamailio proxy.cfg -l udp:127.0.0.1:5080 --alias=example.net &&
		start_daemon "$tmp/etc/voffloadd.conf" &&
		wait_until ctl_has accounts "^account provider .* state registered" &&
		wait_until ctl_has accounts "^account door .* state registered" ||
		{ ctl accounts; cat "$tmp/log"; return 1; }
	gains 0 -60 35 && gains 1 0 0 || { cat "$tmp/line"; return 1; }
	# off-hook alone calls 1002: line 1 rings, nothing dialled
	echo off >"$phone/hook" && wait_until state 1 ringing &&
		grep -q "line 0: hotline 1002" "$tmp/log" &&
		echo off >"$phone1/hook" && wait_until state 0 talking ||
		{ ctl calls; cat "$tmp/log"; return 1; }
	grep "flow .* dtmf" "$tmp/log" | while read -r l; do ktap_print_msg "$l"; done
	grep -q "line 0: flow .* dtmf inband" "$tmp/log" &&
		grep -q "line 1: flow .* dtmf inband" "$tmp/log" &&
		both_idle && stranger_rings && grep -q ring "$phone/feed_log" &&
		wait_until state 0 idle || { ctl calls; cat "$tmp/log"; return 1; }
}

# SIGHUP (what the init script's reload sends) during a hotline call:
# line 0's new gain applies, the call stays up; a broken file is refused
# with its file:line and changes nothing; then a new expires needs a
# restart, which waits until both phones are on-hook, and voffloadd comes
# back on the new file, registered with it.
reload_keeps_calls()
{
	echo off >"$phone/hook" && wait_until state 1 ringing &&
		echo off >"$phone1/hook" && wait_until state 0 talking || return 1
	sed -i "s/^voffload.@line\[0\].rx_gain=.*/voffload.@line[0].rx_gain='-2'/" \
		"$tmp/uci" && regen && kill -HUP "$dpid" &&
		wait_until grep -q "reloaded, line settings applied" "$tmp/log" &&
		gains 0 -60 -20 && state 0 talking && state 1 talking ||
		{ cat "$tmp/log"; return 1; }
	# a file broken behind the generator's back: logged, nothing changes
	echo "bogus = 1" >>"$tmp/etc/voffloadd.conf" && kill -HUP "$dpid" &&
		wait_until grep -q "voffloadd.conf:[0-9]*: unknown option 'bogus' here (not reloaded" \
			"$tmp/log" && state 0 talking && gains 0 -60 -20 ||
		{ cat "$tmp/log"; return 1; }
	echo "voffload.provider.expires='900'" >>"$tmp/uci" && regen &&
		kill -HUP "$dpid" &&
		wait_until grep -q "restarting once every line is idle" "$tmp/log" &&
		state 0 talking && ! grep -q "restarting on the new" "$tmp/log" &&
		both_idle &&
		wait_until grep -q "restarting on the new config" "$tmp/log" &&
		wait_until ctl_has accounts "^account provider .* state registered expires 900" ||
		{ ctl accounts; cat "$tmp/log"; return 1; }
	[ "$(grep -c ": ready$" "$tmp/log")" = 2 ] && stop_daemon && stop_kamailio
}

daemon_tests_start 4
sip_check "uci show -> voffload-gen -> voffloadd: registered, lines with the account and countries UCI gave" \
	generated_config_runs
sip_check "a bad UCI value: refused naming voffload.provider.transport, the config in place kept" \
	bad_value_refused
sip_check "UCI line options: gains in the kernel, a hotline rings 1002 undialled, in-band DTMF agreed, a peer's INVITE rings with ghost-call protection off" \
	ata_options
sip_check "SIGHUP mid-call: a line's gain applied, the call kept; a broken file refused; a new expires restarts voffloadd once both phones hang up" \
	reload_keeps_calls
[ -n "$dpid" ] && stop_daemon
ktap_finished
