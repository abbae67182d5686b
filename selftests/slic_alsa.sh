#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Lines and vslic handsets as ALSA PCM devices, used with aplay and arecord:
# tones both ways with the same frequency and level (the path has no codec
# yet, so levels must match to 0.1 dB and gains to 0.05 dB), line gains,
# wideband, DTMF from the phone's keypad decoded by spandsp, hw_params the
# devices refuse, xrun counting, and unloading with streams open.

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ynl.sh"

here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
pids=
# Players and recorders left behind by a failed check, resumed and ended.
cleanup()
{
	for pid in $pids; do
		kill -CONT "$pid" && kill "$pid"
	done 2>/dev/null
	rm -rf "$tmp"
	rmmod vslic 2>/dev/null
}
trap cleanup EXIT
line=/sys/class/voffload/line0
phone=$line/phone

# stream_state hw:CARD=X,DEV=N p|c: the ALSA state of its first substream.
stream_state()
{
	card=${1#hw:CARD=}
	card=${card%,DEV=*}
	awk '/^state:/ { print $2 }' \
		"/proc/asound/$card/pcm${1#*,DEV=}$2/sub0/status" 2>/dev/null
}

running()
{
	[ "$(stream_state "$1" "$2")" = RUNNING ]
}

# within A B TOL: |A - B| <= TOL
within()
{
	awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { exit !(a - b <= t && b - a <= t) }'
}

# load: (re)load vslic with two lines at $rate.
load()
{
	rmmod vslic 2>/dev/null
	modprobe vslic lines=2 rate="$rate" && wait_until test -e "$phone/handset"
}

# play DEV ARGS... / record DEV ARGS...: raw mono S16_LE at $rate. (In the
# background $! is then a subshell: signal the program itself instead.)
play()
{
	dev=$1
	shift
	aplay -q -D "$dev" -t raw -f S16_LE -c 1 -r "$rate" "$@"
}

record()
{
	dev=$1
	shift
	arecord -q -D "$dev" -t raw -f S16_LE -c 1 -r "$rate" "$@"
}

# tone FILE HZ DB: one second of a sine, peak DB dBFS, at $rate.
tone()
{
	sox -n -r "$rate" -c 1 -b 16 -e signed -t raw "$1" synth 1.0 sine "$2" \
		vol "$3dB"
}

# play_record PLAY_DEV REC_DEV FILE: play FILE on one device while the
# other records 3 s into $tmp/rec.raw.
play_record()
{
	record "$2" -d 3 "$tmp/rec.raw" &
	rec=$!
	wait_until running "$2" c &&
		play "$1" "$3" && wait "$rec"
}

# tone_through PLAY_DEV REC_DEV HZ DB GAIN: a tone played on one arrives at
# the other with the same frequency and GAIN dB more level.
tone_through()
{
	tone "$tmp/tone.raw" "$3" "$4" && play_record "$1" "$2" "$tmp/tone.raw" ||
		return 1
	# shellcheck disable=SC2046 # two numbers each
	set -- "$@" $(python3 "$here/tone_measure.py" "$rate" "$tmp/tone.raw") \
		$(python3 "$here/tone_measure.py" "$rate" "$tmp/rec.raw")
	ktap_print_msg "sent $6 Hz $7 dBFS, got $8 Hz $9 dBFS"
	within "$8" "$6" "$(echo "$6 / 1000" | bc -l)" &&
		within "$9" "$(echo "$7 + $5" | bc -l)" 0.1
}

line_pcm()
{
	cat "$line/pcm"
}

handset()
{
	cat "$phone/handset"
}

devices_named()
{
	[ "$(line_pcm)" = "hw:CARD=voffload0,DEV=0" ] &&
		[ "$(cat /sys/class/voffload/line1/pcm)" = "hw:CARD=voffload0,DEV=1" ] &&
		[ "$(handset)" = "hw:CARD=vslic0,DEV=0" ] &&
		aplay -l >"$tmp/l" && grep -q "voffload0.*device 1: line1" "$tmp/l" &&
		arecord -l >"$tmp/l" && grep -q "vslic0.*device 0: handset0" "$tmp/l"
}

line_to_handset()
{
	tone_through "$(line_pcm)" "$(handset)" "$@"
}

handset_to_line()
{
	echo off >"$phone/hook" && tone_through "$(handset)" "$(line_pcm)" "$@"
}

# On-hook, the handset's microphone is not connected to the line.
onhook_mic_silent()
{
	echo on >"$phone/hook" && tone "$tmp/tone.raw" 1000 -3 &&
		play_record "$(handset)" "$(line_pcm)" "$tmp/tone.raw" &&
		[ "$(python3 "$here/tone_measure.py" "$rate" "$tmp/rec.raw")" = "0 -inf" ]
}

set_gains()
{
	ynl --do line-set --json "{\"id\": 0, \"rx-gain\": $1, \"tx-gain\": $2}" \
		>/dev/null
}

gains_applied()
{
	set_gains -60 35 &&
		line_to_handset 1000 -10 -6.0 && handset_to_line 700 -10 3.5 &&
		set_gains 0 0
}

# dtmf KEYS: the phone keys KEYS; spandsp hears exactly KEYS on the line.
dtmf()
{
	echo off >"$phone/hook" || return 1
	record "$(line_pcm)" -d 3 "$tmp/rec.raw" &
	rec=$!
	wait_until running "$(line_pcm)" c && echo "$1" >"$phone/dtmf" &&
		wait "$rec" || return 1
	[ -z "$(cat "$phone/dtmf")" ] || return 1
	heard=$("$here/dtmf_rx" "$rate" <"$tmp/rec.raw")
	ktap_print_msg "keyed $1, spandsp heard '$heard'"
	[ "$heard" = "$1" ]
}

refuse()
{
	! echo "$2" 2>/dev/null >"$phone/$1"
}

dtmf_bad_input()
{
	echo on >"$phone/hook" && refuse dtmf 123 &&
		echo off >"$phone/hook" && refuse dtmf 12X && refuse dtmf "" &&
		refuse dtmf "1 5 100" && refuse dtmf "1 100 3000" &&
		refuse dtmf 0123456789012345678901234567890123 &&
		refuse dtmf " 0123456789012345678901234567890123" &&
		[ -z "$(cat "$phone/dtmf")" ]
}

# Formats, channel counts and period sizes the device does not have.
hw_params_refused()
{
	tone "$tmp/tone.raw" 1000 -10 &&
		! aplay -q -D "$(line_pcm)" -t raw -f U8 -c 1 -r "$rate" \
			"$tmp/tone.raw" 2>/dev/null &&
		! aplay -q -D "$(line_pcm)" -t raw -f S16_LE -c 2 -r "$rate" \
			"$tmp/tone.raw" 2>/dev/null &&
		! arecord -q -D "$(line_pcm)" -t raw -f S32_LE -c 1 -r "$rate" \
			-d 1 /dev/null 2>/dev/null &&
		play "$(line_pcm)" --period-time=30000 "$tmp/tone.raw"
}

# A recorder that stops reading overruns its buffer: counted as an xrun.
xrun_counted()
{
	before=$(cat "$line/statistics/alsa_xruns")
	arecord -q -D "$(line_pcm)" -t raw -f S16_LE -c 1 -r "$rate" \
		--buffer-time=100000 /dev/null 2>/dev/null &
	rec=$!
	pids="$pids $rec"
	wait_until running "$(line_pcm)" c && kill -STOP "$rec" &&
		wait_until stat_at_least "$line/statistics/alsa_xruns" \
			$((before + 1)) || return 1
	kill -CONT "$rec" && kill "$rec" && wait "$rec"
	ktap_print_msg "alsa_xruns $before -> $(cat "$line/statistics/alsa_xruns")"
}

exited()
{
	! kill -0 "$1" 2>/dev/null
}

card_gone()
{
	! grep -q "$1" /proc/asound/cards
}

# Unload vslic with the line and handset streaming, one player frozen so
# it cannot close: unloading still works, the streams fail, voffload stays
# in use until the frozen player closes, then unloads and comes back.
unload_with_streams()
{
	aplay -q -D "$(line_pcm)" -t raw -f S16_LE -c 1 -r "$rate" /dev/zero \
		2>/dev/null &
	play=$!
	pids="$pids $play"
	arecord -q -D "$(handset)" -t raw -f S16_LE -c 1 -r "$rate" /dev/null \
		2>/dev/null &
	rec=$!
	pids="$pids $rec"
	wait_until running "$(line_pcm)" p && wait_until running "$(handset)" c &&
		kill -STOP "$play" && rmmod vslic && wait_until exited "$rec" ||
		return 1
	! wait "$rec" || return 1
	! rmmod voffload 2>/dev/null || return 1
	kill -CONT "$play" && wait_until exited "$play" || return 1
	! wait "$play" || return 1
	wait_until card_gone voffload0 && rmmod voffload && modprobe voffload &&
		load && devices_named
}

# snap_frames: f0 and f1, the frames of clock time lines 0 and 1 have
# seen, moved or skipped by a late clock (a late tick steps a line once
# for several frames). Line 0 steps at every tick, so if it reads the same
# before and after line 1, no tick came between: the two are one instant.
# (Reading each once was off by 4 frames in a CI run: the vCPU stalled
# between the reads.) At most 100 tries.
snap_frames()
{
	st=/sys/class/voffload
	i=0
	while [ "$i" -lt 100 ]; do
		read -r m0 <"$st/line0/statistics/frames_in"
		read -r l0 <"$st/line0/statistics/tick_overruns"
		read -r m1 <"$st/line1/statistics/frames_in"
		read -r l1 <"$st/line1/statistics/tick_overruns"
		read -r n0 <"$st/line0/statistics/frames_in"
		read -r k0 <"$st/line0/statistics/tick_overruns"
		f0=$((m0 + l0))
		f1=$((m1 + l1))
		[ "$f0" = $((n0 + k0)) ] && return 0
		i=$((i + 1))
	done
	return 1
}

# Finer frames: line 0 moves 5 ms frames and line 1 10 ms ones from the
# same clock, so line 0 sees twice as many (give or take the frames a
# tick between two reads adds). 3 ms frames do not tile a period.
fine_frames()
{
	rmmod vslic && ! modprobe vslic frame_ms=3 2>/dev/null &&
		modprobe vslic lines=2 frame_ms=5,10 &&
		wait_until test -e "$phone/handset" || return 1
	[ "$(cat "$line/frame_ms")" = 5 ] &&
		[ "$(cat /sys/class/voffload/line1/frame_ms)" = 10 ] || return 1
	snap_frames || return 1
	a0=$f0 a1=$f1
	wait_until stat_at_least /sys/class/voffload/line1/statistics/frames_in \
		$((a1 + 100)) || return 1
	snap_frames || return 1
	d0=$((f0 - a0))
	d1=$((f1 - a1))
	ktap_print_msg "5 ms line: $d0 frames, 10 ms line: $d1"
	[ $((d0 - 2 * d1)) -ge -3 ] && [ $((d0 - 2 * d1)) -le 3 ]
}

ktap_print_header
vo_require_module
if ! command -v aplay >/dev/null || ! command -v sox >/dev/null; then
	ktap_skip_all "needs aplay, arecord (alsa-utils) and sox"
	exit "$KSFT_SKIP"
fi
ktap_set_plan 17

rate=8000
load
vo_check "lines and handsets are named ALSA devices" devices_named
vo_check "line to handset: 1 kHz tone, same frequency and level" \
	line_to_handset 1000 -10 0
vo_check "handset to line: 440 Hz tone, same frequency and level" \
	handset_to_line 440 -6 0
vo_check "on-hook, the handset microphone is not heard" onhook_mic_silent
vo_check "rx gain -6.0 dB and tx gain +3.5 dB are applied" gains_applied
vo_check "DTMF keyed on the phone is decoded from the line" dtmf "159*#0AD"
vo_check "bad DTMF writes are refused" dtmf_bad_input
vo_check "unsupported formats and channels are refused; 30 ms periods work" \
	hw_params_refused
vo_check "a stalled recorder's overrun is counted in alsa_xruns" xrun_counted
vo_check "unloading with streams open is safe" unload_with_streams
vo_check "5 ms frames move twice as often as 10 ms ones" fine_frames
vo_check "5 ms frames: line to handset 1 kHz tone" line_to_handset 1000 -10 0
vo_check "5 ms frames: DTMF" dtmf "4711"

rate=16000
vo_check "wideband vslic loads" load
vo_check "wideband line to handset: 5 kHz tone" line_to_handset 5000 -10 0
vo_check "wideband handset to line: 300 Hz tone" handset_to_line 300 -3 0
vo_check "wideband DTMF" dtmf "2468"
ktap_finished
