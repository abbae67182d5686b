#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# vslic lines through the line framework: sysfs, netlink get/set/ctrl with
# the kernel's ynl CLI, ring cadence timing from the phone's feed log,
# ring trip, polarity, on-hook transmission, rejected settings, late-tick
# counting and 512 lines ticking without a late tick.
#
# Timing tolerance: a feed change is applied on the first 10 ms tick after
# it is due, and segment ends are computed from the start of ringing, so
# each measured segment is within one tick plus scheduling latency of its
# nominal length. Under TCG emulation we allow 25 ms.

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ynl.sh"

TOL_MS=25
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; rmmod vslic 2>/dev/null' EXIT
phone=/sys/class/voffload/line0/phone

log_lines_at_least()
{
	[ "$(wc -l <"$phone/feed_log")" -ge "$1" ]
}

line_get()
{
	ynl --do line-get --json "{\"id\": $1}"
}

# check_cadence FEED:MS...: the logged feed changes follow these segments.
check_cadence()
{
	python3 - "$TOL_MS" "$phone/feed_log" "$@" <<'PY'
import sys
tol = int(sys.argv[1])
want = [(f, int(ms)) for f, ms in (a.split(':') for a in sys.argv[3:])]
log = [(int(ns), feed) for ns, feed in (l.split() for l in open(sys.argv[2]))]
worst = 0
for i, (feed, ms) in enumerate(want):
    if i + 1 >= len(log) or log[i][1] != feed:
        print('# change %d: want %s, log %s' % (i, feed, log[i:i + 2]))
        sys.exit(1)
    got = (log[i + 1][0] - log[i][0]) / 1e6
    worst = max(worst, abs(got - ms))
    if abs(got - ms) > tol:
        print('# segment %d (%s): %.1f ms, want %d +- %d' % (i, feed, got, ms, tol))
        sys.exit(1)
print('# %d segments, worst deviation %.1f ms' % (len(want), worst))
PY
}

lines_appear()
{
	modprobe vslic lines=2 &&
		[ -d /sys/class/voffload/line0/statistics ] &&
		[ -d /sys/class/voffload/line1/phone ] &&
		[ ! -e /sys/class/voffload/line2 ]
}

dump_lists_lines()
{
	ynl --dump line-get >"$tmp/dump" || return 1
	n=$(jget 'len([l for l in d if l["driver"] == "vslic"])' <"$tmp/dump")
	state=$(jget '(d[0]["hook"], d[0]["feed"], d[0]["country"], d[0]["rate"])' \
		<"$tmp/dump")
	ktap_print_msg "dump: $n vslic lines, line0 $state"
	[ "$n" = 2 ] && [ "$state" = "('on-hook', 'forward', 'US', 8000)" ]
}

late_ticks()
{
	cat /sys/class/voffload/line0/statistics/tick_overruns
}

# timed CMD...: a timing check, run again once if it failed while the
# line's clock was late (the emulator's vCPU not scheduled: not our
# timing). A real error fails both runs.
timed()
{
	late=$(late_ticks)
	"$@" && return 0
	[ "$(late_ticks)" -gt "$late" ] || return 1
	ktap_print_msg "late ticks during the measurement ($late -> $(late_ticks)): again"
	"$@"
}

# ring_and_check CYCLE-CHANGES FEED:MS...: ring line 0 until the log has
# that many changes, stop, compare.
ring_and_check()
{
	changes=$1
	shift
	echo clear >"$phone/feed_log"
	ynl --do line-ctrl --json '{"id": 0, "ring": 1}' >/dev/null &&
		wait_until log_lines_at_least "$changes" &&
		ynl --do line-ctrl --json '{"id": 0, "ring": 0}' >/dev/null &&
		check_cadence "$@"
}

gb_cadence()
{
	before=$(cat /sys/class/voffload/line0/statistics/ring_cycles)
	ynl --do line-set --json '{"id": 0, "country": "GB"}' >/dev/null &&
		timed ring_and_check 9 ringing:400 forward:200 ringing:400 forward:2000 \
			ringing:400 forward:200 ringing:400 forward:2000 || return 1
	after=$(cat /sys/class/voffload/line0/statistics/ring_cycles)
	ktap_print_msg "ring_cycles $before -> $after"
	[ $((after - before)) -ge 2 ]
}

looped_cadence()
{
	ynl --do line-set --json '{"id": 0, "cadence":
		{"segment-ms": [1000, 500, 300, 300], "loop-from": 2}}' \
		>/dev/null &&
		timed ring_and_check 7 ringing:1000 forward:500 ringing:300 \
			forward:300 ringing:300 forward:300
}

feed_is()
{
	[ "$(cat "$phone/feed")" = "$1" ]
}

ring_trip()
{
	ynl --do line-ctrl --json '{"id": 0, "ring": 1}' >/dev/null &&
		wait_until feed_is ringing &&
		echo off >"$phone/hook" &&
		wait_until feed_is forward || return 1
	line_get 0 | jget 'd["ringing"], d["hook"]' >"$tmp/state"
	ktap_print_msg "after pick-up: $(cat "$tmp/state")"
	[ "$(cat "$tmp/state")" = "(0, 'off-hook')" ]
}

ring_off_hook_refused()
{
	! ynl --do line-ctrl --json '{"id": 0, "ring": 1}' >"$tmp/err" 2>&1 &&
		grep -q "phone is off-hook" "$tmp/err"
	rc=$?
	echo on >"$phone/hook"
	return $rc
}

polarity_and_oht()
{
	wait_until line_get_hook_is on-hook &&
	ynl --do line-ctrl --json '{"id": 0, "polarity": "reversed"}' \
		>/dev/null && wait_until feed_is reverse || return 1
	echo clear >"$phone/feed_log"
	ynl --do line-ctrl --json '{"id": 0, "oht-ms": 300}' >/dev/null &&
		wait_until log_lines_at_least 2 &&
		check_cadence oht-reverse:300 || return 1
	ynl --do line-ctrl --json '{"id": 0, "polarity": "normal"}' >/dev/null &&
		wait_until feed_is forward
}

line_get_hook_is()
{
	[ "$(line_get 0 | jget 'd["hook"]')" = "$1" ]
}

settings()
{
	line_get 0 | jget '[d[k] for k in ("country", "cadence",
		"hook-windows", "tx-gain", "rx-gain")]'
}

# rejected JSON MESSAGE: line-set refused with MESSAGE, line 0 unchanged.
rejected()
{
	settings >"$tmp/before"
	! ynl --do line-set --json "$1" >"$tmp/err" 2>&1 || return 1
	ktap_print_msg "$(grep -o "extack: .*" "$tmp/err")"
	settings >"$tmp/after"
	grep -q "$2" "$tmp/err" && cmp -s "$tmp/before" "$tmp/after"
}

# stat_at_least FILE N
overruns_counted()
{
	stat=/sys/class/voffload/line1/statistics/tick_overruns
	before=$(cat "$stat")
	echo 35000 >"$phone/stall_us"
	wait_until stat_at_least "$stat" $((before + 2)) || return 1
	ktap_print_msg "a 35 ms stall: tick_overruns $before -> $(cat "$stat")"
}

# refuse FILE VALUE: the phone rejects a bad write.
refuse()
{
	! sh -c "echo '$2' >$phone/$1" 2>/dev/null
}

# Bad writes to the phone fail and schedule nothing.
phone_rejects_bad_input()
{
	[ "$(cat "$phone/hook")" = on ] &&
		refuse hook sideways && refuse flash 0 && refuse flash 20000 &&
		refuse flash 300 && refuse pulse 12a && refuse pulse 5 &&
		refuse stall_us 200000 && refuse stuck_hook maybe &&
		[ "$(cat "$phone/pending")" = 0 ]
}

# Unload in the middle of everything: line 0 ringing with pulses still
# scheduled, line 1 off-hook with events queued. The kernel log is checked
# for splats by the VM runner.
unload_while_busy()
{
	echo off >/sys/class/voffload/line1/phone/hook &&
		ynl --do line-ctrl --json '{"id": 0, "ring": 1}' >/dev/null &&
		wait_until feed_is ringing &&
		echo "0000" >/sys/class/voffload/line1/phone/pulse &&
		rmmod vslic || return 1
	[ ! -e /sys/class/voffload/line0 ] && modprobe vslic lines=2 &&
		[ "$(cat "$phone/feed")" = forward ]
}

# 512 lines load and are all clocked; the tick's own work for them is
# measured against its 10 ms period (tick_measured in lib.sh).
many_lines()
{
	rmmod vslic || return 1
	t0=$(date +%s.%N)
	modprobe vslic lines=512 || return 1
	ktap_print_msg "loading 512 lines took $(echo "$(date +%s.%N) - $t0" | bc) s"
	tick_measured 511
}

ktap_print_header
vo_require_module
ktap_set_plan 15

vo_check "vslic lines appear with statistics and phone" lines_appear
vo_check "line dump shows both lines, on-hook, fed, US profile" dump_lists_lines
vo_check "GB double ring cadence within ${TOL_MS} ms, cycles counted" gb_cadence
vo_check "cadence with an initial part and a loop point" looped_cadence
vo_check "ring trip: pick-up stops ringing at once" ring_trip
vo_check "ringing an off-hook line is refused with extack" ring_off_hook_refused
vo_check "polarity reversal and a 300 ms on-hook transmission window" \
	polarity_and_oht
vo_check "flash max >= on-hook is refused, line unchanged" rejected \
	'{"id": 0, "hook-windows": {"flash-max-ms": 1000, "onhook-ms": 900}}' \
	"flash must be shorter than an on-hook"
vo_check "a cadence with no segment is refused, line unchanged" rejected \
	'{"id": 0, "cadence": {"loop-from": 0}}' "at least one segment"
vo_check "a gain out of range is refused, line unchanged" rejected \
	'{"id": 0, "tx-gain": 500}' "out of range"
vo_check "an unknown country is refused, line unchanged" rejected \
	'{"id": 0, "country": "XX"}' "unknown country"
vo_check "a stalled tick is counted as late" overruns_counted
vo_check "the phone refuses bad writes (on-hook flash/pulse too)" \
	phone_rejects_bad_input
vo_check "unloading vslic while ringing and dialling is clean" \
	unload_while_busy
vo_check "512 lines are clocked; the tick's work is measured" many_lines
ktap_finished
