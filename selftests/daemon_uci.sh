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

daemon_tests_start 2
sip_check "uci show -> voffload-gen -> voffloadd: registered, lines with the account and countries UCI gave" \
	generated_config_runs
sip_check "a bad UCI value: refused naming voffload.provider.transport, the config in place kept" \
	bad_value_refused
[ -n "$dpid" ] && stop_daemon
ktap_finished
