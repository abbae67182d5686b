#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Shared helpers for voffload's shell selftests: KTAP output from the
# kernel's ktap_helpers.sh (found through KSFT_DIR, set by the VM job).

KSFT_DIR=${KSFT_DIR:-${PWD%/*}}
# shellcheck disable=SC1091
. "$KSFT_DIR/kselftest/ktap_helpers.sh"

# Run as root (or skip, saying so) with voffload loaded (or fail).
vo_require_module()
{
	if [ "$(id -u)" != 0 ]; then
		ktap_skip_all "needs root"
		exit "$KSFT_SKIP"
	fi
	if ! modprobe -q voffload; then
		ktap_set_plan 1
		ktap_test_fail "modprobe voffload"
		exit "$KSFT_FAIL"
	fi
}

# ok/not ok for a condition given as a command: vo_check "name" cmd args...
vo_check()
{
	name=$1
	shift
	if "$@"; then
		ktap_test_pass "$name"
	else
		ktap_test_fail "$name"
	fi
}

# wait_until CMD...: poll a condition that has no event to wait on (sysfs
# state, a process's progress), every 50 ms, for at most 20 s.
wait_until()
{
	i=0
	while ! "$@"; do
		i=$((i + 1))
		[ "$i" -gt 400 ] && return 1
		sleep 0.05
	done
}

# stat_at_least FILE N: the number in FILE is at least N.
stat_at_least()
{
	[ "$(cat "$1")" -ge "$2" ]
}
