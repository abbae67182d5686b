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

# Both vslic lines found, on-hook, line 0 on the configured account; each
# with its country's ring cadence in the kernel (the global DE; GB's own).
lines_found()
{
	start_daemon "$tmp/good.conf" || return 1
	ctl lines >"$tmp/lines" || return 1
	ktap_print_msg "$(tr '\n' ';' <"$tmp/lines")"
	[ "$(wc -l <"$tmp/lines")" = 2 ] &&
		grep -q "^line 0 .* hook on account provider " "$tmp/lines" &&
		grep -q "^line 1 .* hook on account - " "$tmp/lines" &&
		grep -q "^line 0 .* country DE ring 1000/4000$" "$tmp/lines" &&
		grep -q "^line 1 .* country GB ring 400/200/400/2000$" "$tmp/lines"
}

# Off-hook, 1#9 in DTMF: the daemon sees the hook and the digits.
hook_and_digits()
{
	echo off >"$phone/hook" && echo "1#9 80 80" >"$phone/dtmf" || return 1
	wait_until ctl_has lines "^line 0 .* hook off .* dialled '1#9'" ||
		{ ctl lines; return 1; }
	echo on >"$phone/hook" && wait_until ctl_has lines "^line 0 .* hook on "

}

# Line 0 (DE) off-hook: its handset hears the German dial tone, 425 Hz
# (424 Hz on a 16 kHz line: tone.c), not the North American 350+440.
country_dial_tone()
{
	echo off >"$phone/hook" && wait_until state 0 dialtone ||
		{ ctl calls; return 1; }
	arecord -q -D "$(cat "$phone/handset")" -t raw -f S16_LE -c 1 -r 8000 \
		-d 1 "$tmp/dial.raw" || return 1
	echo on >"$phone/hook" && wait_until state 0 idle || return 1
	heard=$(python3 "$here/tone_measure.py" 8000 "$tmp/dial.raw")
	ktap_print_msg "$(echo "$heard" |
		awk '{ printf "line 0 (DE) dial tone: %s Hz at %s dBFS", $1, $2 }')"
	echo "$heard" | awk '{ exit !($1 > 420 && $1 < 430 && $2 > -20) }'
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

daemon_tests_start 6
cat >"$tmp/good.conf" <<CONF
[global]
log-level = debug
control-socket = $sock
country = DE
[account provider]
user = 1001
password = secret
domain = example.invalid
registrar = 127.0.0.1:5999
[line 0]
account = provider
[line 1]
country = GB
CONF
vo_check "config errors name file and line; -t passes a good one" config_checked
vo_check "voffloadd finds both lines through netlink, sets their countries" lines_found
# (before the digits: "1#" dials 1, and the dead INVITE to port 5999
# keeps line 0 clearing for 32 s)
vo_check "dial tone of the line's country (DE: 425 Hz)" country_dial_tone
vo_check "hook and DTMF digits followed from line events" hook_and_digits
vo_check "unknown control command refused, daemon answers on" bad_command
vo_check "SIGTERM: exit 0, control socket removed" clean_stop
ktap_finished
