#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# pcap2trace.sh CAPTURE UDP_PORT [NAME] > NAME.trace
#
# A bench-jitter trace from a capture taken at the receiver (e.g. in the
# receiving namespace of a tc netem setup): the RTP packets to UDP_PORT,
# PCMU (PT 0) as mu-law bytes and CN (PT 13) as SIDs, other payload types
# skipped; arrival_us counted from the first packet. A receiver cannot see
# losses, so lost packets are simply absent (their audio is not scored).
set -eu
[ $# -ge 2 ] || { echo "usage: $0 CAPTURE UDP_PORT [NAME]" >&2; exit 2; }
name=${3:-$(basename "$1" | sed 's/\.[^.]*$//')}

tshark -r "$1" -d "udp.port==$2,rtp" -Y "rtp && udp.dstport==$2" \
	-T fields -E separator=' ' -e rtp.seq -e rtp.timestamp \
	-e frame.time_relative -e rtp.p_type -e rtp.marker -e rtp.payload \
	2>/dev/null |
awk -v name="$name" '
function hexbyte(s,	i, v) {
	v = 0
	for (i = 1; i <= 2; i++)
		v = v * 16 + index("0123456789abcdef", tolower(substr(s, i, 1))) - 1
	return v
}
BEGIN {
	print "# voffload jitter trace v1"
	print "# name " name
	print "# seq ts arrival_us payload [m]"
}
$4 == 0 || $4 == 13 {
	if (!started) {
		t0 = $3
		started = 1
	}
	us = int(($3 - t0) * 1000000 + 0.5)
	pay = $6
	gsub(":", "", pay)
	if ($4 == 13)
		pay = "cn:" hexbyte(pay)
	m = ($5 == 1 || $5 == "True") ? " m" : ""
	print $1, $2, us, pay m
}'
