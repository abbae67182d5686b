#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# What the daemon tests share: a scratch directory, vslic with two lines,
# voffloadd started on a config and stopped, voffloadctl on its socket,
# kamailio on a config from sip/. Sourced after lib.sh.

here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
phone=/sys/class/voffload/line0/phone
phone1=/sys/class/voffload/line1/phone
sock=$tmp/ctl.sock
dpid=
kpid=

cleanup()
{
	[ -n "$dpid" ] && kill "$dpid" 2>/dev/null
	[ -n "$kpid" ] && kill "$kpid" 2>/dev/null
	rmmod vslic 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

ctl()
{
	"$here/voffloadctl" -s "$sock" "$@"
}

# ctl_has CMD REGEX: voffloadctl CMD prints a line matching REGEX.
ctl_has()
{
	ctl "$1" 2>/dev/null | grep -q "$2"
}

# start_daemon CONFIG: voffloadd on it, logging to $tmp/log, until ready.
start_daemon()
{
	"$here/voffloadd" -c "$1" 2>"$tmp/log" &
	dpid=$!
	wait_until grep -q "ready" "$tmp/log" || { cat "$tmp/log"; return 1; }
}

# stop_daemon: SIGTERM and its exit status.
stop_daemon()
{
	kill -TERM "$dpid" && wait "$dpid"
	rc=$?
	dpid=
	return $rc
}

# start_kamailio CFG [ARGS...]: in the foreground, logging to $tmp/kam.log.
start_kamailio()
{
	cfg=$1
	shift
	mkdir -p "$tmp/kam"
	kamailio -f "$here/sip/$cfg" -DD -E -Y "$tmp/kam" -w "$tmp/kam" "$@" \
		>/dev/null 2>"$tmp/kam.log" &
	kpid=$!
	wait_until kamailio_bound || { cat "$tmp/kam.log"; return 1; }
}

kamailio_bound()
{
	port_bound 5080
}

# port_bound PORT: something listens on UDP PORT.
port_bound()
{
	ss -Hlun "sport = :$1" | grep -q .
}

# state LINE STATE: voffloadctl calls shows line LINE's call in STATE.
state()
{
	ctl_has calls "^call line $1 state $2 "
}

# flowing LINE: its flow has sent and received at least 50 packets (1 s).
flowing()
{
	ctl calls | awk -v l="$1" '$3 == l && / flow / {
		for (i = 1; i < NF; i++) { if ($i == "tx") tx = $(i + 1);
			if ($i == "rx") rx = $(i + 1) }
		ok = tx >= 50 && rx >= 50 } END { exit !ok }'
}

# tcp_call_1_to_0 CONF: the daemon again on CONF (written by the caller
# with 1002 on TCP), 1002 registered; line 1 calls 1001, line 0 answers.
tcp_call_1_to_0()
{
	both_idle && stop_daemon && start_daemon "$1" &&
		wait_until ctl_has accounts "^account b .* state registered" ||
		{ ctl accounts; cat "$tmp/log"; return 1; }
	echo off >"$phone1/hook" && wait_until state 1 dialtone &&
		echo "1001#" >"$phone1/dtmf" && wait_until state 0 ringing &&
		echo off >"$phone/hook" && wait_until state 1 talking
}

stop_kamailio()
{
	kill "$kpid" && wait "$kpid"
	kpid=
}

# sip_check NAME FN ARGS...: vo_check on the first kernel (6.1); on the
# others a skip that says why. The daemon is userspace and the same on
# every kernel; what it asks of the kernel (lines, events, flows, ring,
# on-hook transmission) is covered on each kernel by the slic_* and
# flow_* tests, and daemon_start.sh runs the daemon on each. Twice would
# take make check past its 40 minutes.
sip_check()
{
	case "$(uname -r)" in
	6.1.*) vo_check "$@" ;;
	*) ktap_test_skip "$1 (userspace SIP: run on 6.1 only)" ;;
	esac
}

# both_idle: hang both phones up; both lines come back to idle. Each case
# starts with it, so that one failing leaves the next a clean start.
both_idle()
{
	echo on >"$phone/hook"
	echo on >"$phone1/hook"
	wait_until state 0 idle && wait_until state 1 idle
}

daemon_tests_start()
{
	ktap_print_header
	vo_require_module
	ktap_set_plan "$1"
	rmmod vslic 2>/dev/null
	modprobe vslic lines=2 && wait_until test -e "$phone/hook"
}
