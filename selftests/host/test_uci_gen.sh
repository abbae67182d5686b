#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The OpenWrt config generator (openwrt/voffload/files/voffload-gen):
# representative `uci show voffload` outputs become the config voffloadd
# -t accepts, with the values expected; invalid ones give errors that name
# the UCI section and option, and leave the old config in place. Run with
# the system's awk and with busybox's, the one a router has.

. "$KSFT_DIR/kselftest/ktap_helpers.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gen=$VO_SRC/openwrt/voffload/files/voffload-gen
daemon=$VO_SRC/build/daemon/voffloadd

ktap_print_header
make -s -C "$VO_SRC" daemon >"$tmp/build.log" 2>&1 ||
	ktap_exit_fail_msg "voffloadd does not build: $(tail -3 "$tmp/build.log")"

# A typical provider: two lines, one account on TCP with its codecs and
# in-band DTMF, a German line with call waiting off and its gains, an
# account that is disabled (its line is left without an account: idle,
# as voffloadd allows; that line is a warm line to 112), a door phone's
# account naming its line 2, which has no line section.
cat >"$tmp/typical" <<'UCI'
voffload.global=global
voffload.global.log_level='info'
voffload.global.sip_port='5060'
voffload.global.rtp_port_min='16384'
voffload.global.rtp_port_max='16482'
voffload.global.dns_server='192.168.1.1' '::1'
voffload.global.country='DE'
voffload.global.ghost_call_protection='0'
voffload.provider=account
voffload.provider.user='4930123456'
voffload.provider.auth_user='ab12'
voffload.provider.password='it'\''s secret'
voffload.provider.domain='sip.example.net'
voffload.provider.proxy='[2001:db8::5]:5060'
voffload.provider.transport='tcp'
voffload.provider.codec='g722' 'pcma' 'pcmu'
voffload.provider.expires='600'
voffload.provider.dtmf_mode='inband'
voffload.door=account
voffload.door.user='4930123457'
voffload.door.domain='sip.example.net'
voffload.door.line='2'
voffload.old=account
voffload.old.enabled='0'
voffload.old.user='1'
voffload.@line[0]=line
voffload.@line[0].number='0'
voffload.@line[0].account='provider'
voffload.@line[0].digit_map='0xxxxxxxxx.T|110|112'
voffload.@line[0].call_waiting='off'
voffload.@line[0].tx_gain='-3'
voffload.@line[0].rx_gain='2.5'
voffload.@line[1]=line
voffload.@line[1].number='1'
voffload.@line[1].account='old'
voffload.@line[1].country='GB'
voffload.@line[1].caller_id='v23'
voffload.@line[1].hotline='112'
voffload.@line[1].hotline_delay_ms='5000'
UCI
cat >"$tmp/typical.want" <<'CONF'
[global]
log-level = info
sip-port = 5060
rtp-port-min = 16384
rtp-port-max = 16482
dns-servers = 192.168.1.1,::1
country = DE
ghost-call-protection = no
[account provider]
user = 4930123456
auth-user = ab12
password = it's secret
domain = sip.example.net
outbound-proxy = [2001:db8::5]:5060
transport = tcp
codecs = g722 pcma pcmu
expires = 600
dtmf = inband
[account door]
user = 4930123457
domain = sip.example.net
[line 0]
account = provider
digit-map = 0xxxxxxxxx.T|110|112
call-waiting = no
tx-gain = -3
rx-gain = 2.5
[line 1]
country = GB
caller-id = v23
hotline = 112
hotline-delay-ms = 5000
[line 2]
account = door
CONF

# bad NAME WANT UCI_LINES...: voffload-gen fails, naming WANT.
bad()
{
	name=$1 want=$2
	shift 2
	printf '%s\n' "$@" >"$tmp/bad"
	echo good >"$tmp/out"
	if AWK_GEN=$awk sh "$gen" -i "$tmp/bad" -o "$tmp/out" -d "$daemon" \
		2>"$tmp/err"; then
		ktap_print_msg "voffload-gen accepted it"
		ktap_test_fail "$name ($awkname)"
	elif ! grep -qF -- "$want" "$tmp/err" || [ "$(cat "$tmp/out")" != good ]; then
		ktap_print_msg "got: $(cat "$tmp/err"), want: $want"
		ktap_test_fail "$name ($awkname)"
	else
		ktap_test_pass "$name ($awkname)"
	fi
}

typical()
{
	AWK_GEN=$awk sh "$gen" -i "$tmp/typical" -o "$tmp/gen.conf" \
		-d "$daemon" 2>"$tmp/err" || { cat "$tmp/err"; return 1; }
	grep -v -e '^#' -e '^$' "$tmp/gen.conf" | diff -u "$tmp/typical.want" - &&
		"$daemon" -t -c "$tmp/gen.conf" >/dev/null
}

ktap_set_plan 28
for awk in awk "busybox awk"; do
	awkname=${awk%% *}
	if typical; then
		ktap_test_pass "a typical provider's UCI: the config expected, voffloadd -t passes ($awkname)"
	else
		ktap_test_fail "a typical provider's UCI: the config expected, voffloadd -t passes ($awkname)"
	fi
	bad "an unknown option" "voffload.provider.pasword: unknown option" \
		"voffload.provider=account" "voffload.provider.pasword='x'"
	bad "an unknown section type" "voffload.x: unknown section type 'trunk'" \
		"voffload.x=trunk"
	bad "not a boolean" "voffload.@line[0].call_waiting: 'maybe' is not a boolean" \
		"voffload.@line[0]=line" "voffload.@line[0].number='0'" \
		"voffload.@line[0].call_waiting='maybe'"
	bad "a line without its number" "voffload.@line[0].number: missing" \
		"voffload.@line[0]=line" "voffload.@line[0].caller_id='v23'"
	bad "an anonymous account" "voffload.@account[0]: an account section needs a name" \
		"voffload.@account[0]=account" "voffload.@account[0].user='1'"
	bad "an unterminated quote" "voffload.global.dscp: cannot read the value" \
		"voffload.global=global" "voffload.global.dscp='46"
	bad "a value voffloadd refuses, traced to its UCI option" \
		"voffload.global.sip_port: sip-port must be a number from 1 to 65535, not '70000'" \
		"voffload.global=global" "voffload.global.sip_port='70000'"
	bad "a line's account that does not exist" "voffload: line 0: no account 'nobody'" \
		"voffload.@line[0]=line" "voffload.@line[0].number='0'" \
		"voffload.@line[0].account='nobody'"
	bad "a gain out of range, traced to its UCI option" \
		"voffload.@line[0].rx_gain: rx-gain must be dB from -24.0 to 12.0, not '15'" \
		"voffload.@line[0]=line" "voffload.@line[0].number='0'" \
		"voffload.@line[0].rx_gain='15'"
	bad "a DTMF mode there is not" \
		"voffload.a.dtmf_mode: dtmf: 'sip-info' is not one of the words" \
		"voffload.a=account" "voffload.a.user='1'" "voffload.a.domain='d'" \
		"voffload.a.dtmf_mode='sip-info'"
	bad "an account's line that names another account" \
		"voffload.b.line: line 0 has account 'a' already" \
		"voffload.a=account" "voffload.a.user='1'" "voffload.a.domain='d'" \
		"voffload.b=account" "voffload.b.user='2'" "voffload.b.domain='d'" \
		"voffload.b.line='0'" "voffload.@line[0]=line" \
		"voffload.@line[0].number='0'" "voffload.@line[0].account='a'"
	bad "an account's line that is not a number" \
		"voffload.a.line: 'first' is not a line number" \
		"voffload.a=account" "voffload.a.user='1'" "voffload.a.domain='d'" \
		"voffload.a.line='first'"
	bad "two accounts naming one line" \
		"voffload.b.line: line 3 is taken by account 'a' already" \
		"voffload.a=account" "voffload.a.user='1'" "voffload.a.domain='d'" \
		"voffload.a.line='3'" "voffload.b=account" "voffload.b.user='2'" \
		"voffload.b.domain='d'" "voffload.b.line='3'"
done
ktap_finished
