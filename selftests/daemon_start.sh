#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# voffloadd's first steps: its config checked with file:line errors, the
# lines found through the voffload family, the phone's hook and digits
# followed from the line events, voffloadctl's view of it, and a clean
# stop on SIGTERM.

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/daemon_lib.sh"

# A config error names the file and line, and -t exits 1 on it, 0 when good.
config_checked()
{
	printf '[global]\nsip-prot = 5060\n' >"$tmp/bad.conf"
	! "$here/voffloadd" -t -c "$tmp/bad.conf" 2>"$tmp/err" || return 1
	ktap_print_msg "$(cat "$tmp/err")"
	grep -q "bad.conf:2: unknown option 'sip-prot'" "$tmp/err" &&
		"$here/voffloadd" -t -c "$tmp/good.conf" >/dev/null
}

# Both vslic lines found, on-hook, line 0 on the configured account.
lines_found()
{
	start_daemon "$tmp/good.conf" || return 1
	ctl lines >"$tmp/lines" || return 1
	ktap_print_msg "$(tr '\n' ';' <"$tmp/lines")"
	[ "$(wc -l <"$tmp/lines")" = 2 ] &&
		grep -q "^line 0 .* hook on account provider " "$tmp/lines" &&
		grep -q "^line 1 .* hook on account - " "$tmp/lines"
}

# Off-hook, 1#9 in DTMF: the daemon sees the hook and the digits.
hook_and_digits()
{
	echo off >"$phone/hook" && echo "1#9 80 80" >"$phone/dtmf" || return 1
	wait_until ctl_has lines "^line 0 .* hook off .* dialled '1#9'" ||
		{ ctl lines; return 1; }
	echo on >"$phone/hook" && wait_until ctl_has lines "^line 0 .* hook on "

}

# An unknown command is an error, the daemon goes on answering.
bad_command()
{
	! ctl reboot >"$tmp/out" && grep -q "^error: unknown command" "$tmp/out" &&
		ctl status | grep -q "^voffloadd pid $dpid module "
}

# SIGTERM: exit status 0, the control socket removed.
clean_stop()
{
	stop_daemon && [ ! -e "$sock" ]
}

daemon_tests_start 5
cat >"$tmp/good.conf" <<CONF
[global]
log-level = debug
control-socket = $sock
[account provider]
user = 1001
password = secret
domain = example.invalid
registrar = 127.0.0.1:5999
[line 0]
account = provider
CONF
vo_check "config errors name file and line; -t passes a good one" config_checked
vo_check "voffloadd finds both lines through netlink" lines_found
vo_check "hook and DTMF digits followed from line events" hook_and_digits
vo_check "unknown control command refused, daemon answers on" bad_command
vo_check "SIGTERM: exit 0, control socket removed" clean_stop
ktap_finished
