#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""sr_check.py SR_FIELDS RTP_FIELDS: RTCP sender reports against the RTP
stream they describe, from tshark's field output (tab-separated):
SR_FIELDS "time ssrc rtp-ts ntp-msw", RTP_FIELDS "time ssrc rtp-ts".

An SR's RTP timestamp is the stream's at the SR's NTP time (RFC 3550
6.4.1): the nearest RTP packet of the same SSRC, carried forward at
8000 Hz by the time between the two on the wire, plus one packet's
samples (the kernel is at the sample after the packet it just sent), must
agree within 400 samples (50 ms: the VM's scheduling). The NTP seconds
must be the wire's (both from the VM's clock). Exit 1 if any does not, or
if there are fewer than 2 sender reports."""
import sys

NTP_UNIX = 2208988800
SAMPLES = 160           # 20 ms at 8000 Hz, the demo's ptime
TOLERANCE = 400


def first(field):
    return field.split(',')[0]


def main():
    rtp = {}
    for line in open(sys.argv[2]):
        f = line.rstrip('\n').split('\t')
        if len(f) < 3 or not f[1]:
            continue
        rtp.setdefault(int(first(f[1]), 0), []).append(
            (float(f[0]), int(first(f[2]))))
    n, worst = 0, 0
    for line in open(sys.argv[1]):
        f = line.rstrip('\n').split('\t')
        t, ssrc = float(f[0]), int(first(f[1]), 0)
        sr_ts, msw = int(first(f[2])), int(first(f[3]))
        if ssrc not in rtp:
            sys.exit('an SR from SSRC %#x, which sent no RTP' % ssrc)
        pt, pts = min(rtp[ssrc], key=lambda p: abs(p[0] - t))
        want = (pts + SAMPLES + round((t - pt) * 8000)) % 2**32
        err = (sr_ts - want + 2**31) % 2**32 - 2**31
        if abs(msw - NTP_UNIX - t) > 2:
            sys.exit('SR NTP time %d s is not the wire time %.3f' % (msw, t))
        worst = max(worst, abs(err))
        n += 1
    print('%d sender reports, RTP timestamps within %d samples (%.1f ms) '
          'of the stream' % (n, worst, worst / 8))
    if n < 2 or worst > TOLERANCE:
        sys.exit(1)


main()
