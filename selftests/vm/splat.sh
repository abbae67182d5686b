#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Fail (exit 1) if a kernel log shows an oops, WARN, BUG, lockdep, RCU,
# sanitizer or hung-task report, printing each report's first line.
# usage: splat.sh CONSOLE_LOG
set -eu
log=$1
pattern='------------\[ cut here \]------------|WARNING: CPU: |WARNING: at |BUG: |Oops: |Kernel panic|general protection fault|kernel BUG at|Call Trace:|possible (circular|recursive) locking|INFO: (possible|inconsistent|task .* blocked)|suspicious RCU usage|rcu: INFO: .*(stall|detected)|UBSAN: |KASAN: |kmemleak: .*new suspected|refcount_t: |list_(add|del) corruption|unreferenced object'
if grep -E -e "$pattern" "$log" >/tmp/splat.$$ 2>/dev/null; then
	echo "vm: kernel splat in $log:" >&2
	head -n 20 /tmp/splat.$$ | sed 's/^/vm:   /' >&2
	rm -f /tmp/splat.$$
	exit 1
fi
rm -f /tmp/splat.$$
exit 0
