#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""tone_measure.py RATE FILE: frequency and level of the tone in raw mono
S16_LE audio, printed as "HZ DBFS" (RMS level, dB relative to full scale).

Only the steady middle of the tone is measured: the part from the first to
the last sample above -40 dBFS, less 50 ms at each end, so the edges of
playback and recording do not count. Frequency comes from the times of the
upward zero crossings, interpolated between samples.
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
    hz = (len(ups) - 1) * rate / (ups[-1] - ups[0]) if len(ups) > 1 else 0
    print('%.2f %.2f' % (hz, 20 * math.log10(rms / 32768) if rms else -999))


main()
