#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""tone_measure.py RATE FILE: frequency and level of the tone in raw mono
S16_LE audio, printed as "HZ DBFS" (RMS level, dB relative to full scale).

Only the steady middle of the tone is measured: the part from the first to
the last sample above -40 dBFS, less 50 ms at each end, so the edges of
playback and recording do not count. Frequency comes from the times of the
upward zero crossings, interpolated between samples: per 100 ms block, then
the median of the blocks. A path that plays the tone at the wrong pitch
(a rate or codec mix-up) moves every block; a moment the jitter buffer
conceals after the VM's clock stalled moves one or two, and no longer the
whole figure (a 30 ms concealment in 1 s read 1000 Hz as 970.69 Hz once).
"""
import math
import struct
import sys


def main():
    rate = int(sys.argv[1])
    data = open(sys.argv[2], 'rb').read()
    x = struct.unpack('<%dh' % (len(data) // 2), data[:len(data) // 2 * 2])
    loud = [i for i, v in enumerate(x) if abs(v) > 32768 * 0.01]
    if not loud:
        print('0 -inf')
        return
    edge = rate // 20
    seg = x[loud[0] + edge:loud[-1] - edge]
    if len(seg) < rate // 10:
        print('0 -inf')
        return
    rms = math.sqrt(sum(v * v for v in seg) / len(seg))
    ups = [i + seg[i] / (seg[i] - seg[i + 1])
           for i in range(len(seg) - 1) if seg[i] < 0 <= seg[i + 1]]
    print('%.2f %.2f' % (median_hz(ups, rate),
                         20 * math.log10(rms / 32768) if rms else -999))


def median_hz(ups, rate):
    """The median over 100 ms blocks of the crossings' rate; the whole
    span's if it is shorter than three blocks."""
    block = rate / 10
    est = []
    first = 0
    for i in range(1, len(ups)):
        if ups[i] - ups[first] >= block:
            est.append((i - first) * rate / (ups[i] - ups[first]))
            first = i
    if len(est) < 3:
        return (len(ups) - 1) * rate / (ups[-1] - ups[0]) if len(ups) > 1 else 0
    est.sort()
    return est[len(est) // 2]


main()
