#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# netem-capture.sh OUTDIR: capture the benchmark's netem traces. Runs in
# the test VM (make netem-traces boots it; the host kernel has no netem):
# a sender in a network namespace, a veth pair, tc netem on the sender's
# side, the receiver in the root namespace, one 60 s call per setting.
# Writes OUTDIR/netem-*.trace (format in trace.c).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$1
far=bj_far
secs=${SECS:-60}

ip netns add "$far"
trap 'ip netns del "$far" 2>/dev/null' EXIT
modprobe veth
modprobe sch_netem
ip link add bj0 type veth peer name bj1 netns "$far"
ip addr add 10.78.0.1/24 dev bj0
ip link set bj0 up
ip -n "$far" addr add 10.78.0.2/24 dev bj1
ip -n "$far" link set bj1 up

# capture NAME SEED NETEM...: one call through netem with these settings.
capture()
{
	name=$1 seed=$2
	shift 2
	ip netns exec "$far" tc qdisc replace dev bj1 root netem "$@"
	rm -f "$out/$name.ready"
	python3 "$here/netem_peer.py" recv 10.78.0.1 6000 10 "$out/$name.recv" \
		"$out/$name.ready" &
	rpid=$!
	i=0
	while [ ! -e "$out/$name.ready" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	ip netns exec "$far" python3 "$here/netem_peer.py" send 10.78.0.1 6000 \
		"$secs" "$seed" "$out/$name.sent"
	wait "$rpid"
	python3 "$here/netem_peer.py" trace "$name" "$seed" "$out/$name.sent" \
		"$out/$name.recv" "$*" >"$out/$name.trace"
	rm -f "$out/$name.sent" "$out/$name.recv" "$out/$name.ready"
	echo "netem-capture: $name: $(grep -c ' - ' "$out/$name.trace") of" \
		"$(grep -vc '^#' "$out/$name.trace") lost ($*)"
}

mkdir -p "$out"
capture netem-norm30 101 delay 30ms 10ms distribution normal
capture netem-pareto 102 delay 40ms 20ms distribution paretonormal loss 2%
capture netem-reorder 103 delay 20ms 5ms reorder 5% 50% loss 1%
capture netem-burst 104 delay 25ms 8ms loss gemodel 1% 30% 70% 0.1%
