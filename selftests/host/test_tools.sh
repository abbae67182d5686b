#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The test infrastructure's own logic: the KTAP counter that make check's
# totals come from, and the kernel-splat detector that fails a VM run.

. "$KSFT_DIR/kselftest/ktap_helpers.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
count=$VO_SRC/tools/ktap-count.awk
splat=$VO_SRC/selftests/vm/splat.sh

counts()
{
	awk -f "$count" "$1" | tail -n 1
}

# Nested leaves count one by one; a crash without a failing leaf is one
# failure; a skipped program is one skip; an unreported program fails.
cat >"$tmp/mixed" <<'KTAP'
TAP version 13
1..5
# selftests: voffload: a
# 1..3
# ok 1 first
# not ok 2 second
# ok 3 third # SKIP no hardware
not ok 1 selftests: voffload: a # exit=1
# selftests: voffload: b
# 1..2
# ok 1 one
# ok 2 two
not ok 2 selftests: voffload: b # TIMEOUT 300 seconds
# selftests: voffload: c
ok 3 selftests: voffload: c
# selftests: voffload: d
# 1..0 # SKIP needs root
ok 4 selftests: voffload: d # SKIP
KTAP

cat >"$tmp/cut" <<'KTAP'
TAP version 13
1..1
# selftests: voffload: a
# 1..3
# ok 1 first
KTAP

ktap_print_header
ktap_set_plan 5

if [ "$(counts "$tmp/mixed")" = "4 3 2" ]; then
	ktap_test_pass "ktap-count: leaves, crash, skip and missing program"
else
	ktap_print_msg "got '$(counts "$tmp/mixed")', want '4 3 2'"
	ktap_test_fail "ktap-count: leaves, crash, skip and missing program"
fi

if [ "$(counts "$tmp/cut")" = "1 1 0" ]; then
	ktap_test_pass "ktap-count: a program cut off mid-run fails"
else
	ktap_print_msg "got '$(counts "$tmp/cut")', want '1 1 0'"
	ktap_test_fail "ktap-count: a program cut off mid-run fails"
fi

cat >"$tmp/clean" <<'LOG'
[    3.1] Run /init as init process
[    9.2] voffload: loading out-of-tree module taints kernel.
[    9.3] voffload: module verification failed: signature and/or required key missing - tainting kernel
[    9.4] voffload: version 0.1.0 loaded
[   12.0] netlink: 'genl_info': attribute type 1 has an invalid length.
[   20.1] reboot: Power down
LOG
if sh "$splat" "$tmp/clean" 2>/dev/null; then
	ktap_test_pass "splat: a clean boot with taint notes passes"
else
	ktap_test_fail "splat: a clean boot with taint notes passes"
fi

missed=""
for report in \
	'[    9.5] WARNING: CPU: 1 PID: 212 at kernel/main.c:30 vo_mod_init+0x1e/0x60 [voffload]' \
	'[    9.5] BUG: kernel NULL pointer dereference, address: 0000000000000008' \
	'[    9.5] Oops: 0000 [#1] PREEMPT SMP NOPTI' \
	'[    9.5] WARNING: possible circular locking dependency detected' \
	'[    9.5] rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:' \
	'[    9.5] =============================' \
	'[    9.5] WARNING: suspicious RCU usage' \
	'[    9.5] INFO: task modprobe:300 blocked for more than 120 seconds.' \
	'[    9.5] UBSAN: array-index-out-of-bounds in kernel/netlink.c:40:9'; do
	{ cat "$tmp/clean"; echo "$report"; } >"$tmp/bad"
	sh "$splat" "$tmp/bad" 2>/dev/null && missed="$missed|$report"
done
# The separator line alone is not a report; every other line above is.
case "$missed" in
"|[    9.5] =============================") ktap_test_pass "splat: every kind of report fails the run" ;;
*) ktap_print_msg "missed:$missed"; ktap_test_fail "splat: every kind of report fails the run" ;;
esac

{ cat "$tmp/clean"; echo '[    9.5] ------------[ cut here ]------------'; } >"$tmp/bad"
if sh "$splat" "$tmp/bad" 2>"$tmp/err" && true; then
	ktap_test_fail "splat: names the report it found"
elif grep -q 'cut here' "$tmp/err"; then
	ktap_test_pass "splat: names the report it found"
else
	ktap_test_fail "splat: names the report it found"
fi

ktap_finished
