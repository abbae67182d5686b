#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# SDP offer/answer (daemon/sdp.c, parsing by libosip2): codec choice,
# telephone-event, ptime, hold directions, IN IP4 and IN IP6 addresses,
# and malformed offers refused with a reason.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cc -Wall -Wextra -O2 -I"$here/../../daemon" -I"$here/../../uapi" \
	-o "$out/sdp_check" "$here/sdp_check.c" "$here/../../daemon/sdp.c" \
	"$here/../../daemon/addr.c" \
	$(pkg-config --cflags --libs libosip2)
"$out/sdp_check"
