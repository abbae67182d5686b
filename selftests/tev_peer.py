#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""tev_peer.py BIND_ADDR BIND_PORT TO_ADDR TO_PORT PT DIGITS ON_MS OFF_MS

A far end dialling DIGITS (0-9 * # A-D) as RFC 4733 telephone events of
payload type PT, as a SIP phone does: per digit a first packet with the
marker, an update every 20 ms with the duration so far, and the end
packet three times; then OFF_MS of nothing before the next digit. The RTP
clock is 8000 Hz. Paced by the clock; exits when the last digit is sent.
"""
import random
import socket
import struct
import sys
import time

CODES = '0123456789*#ABCD'
STEP_MS = 20


def main():
    baddr, bport, taddr, tport, pt, digits, on_ms, off_ms = sys.argv[1:]
    fam = socket.AF_INET6 if ':' in baddr else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_DGRAM)
    s.bind((baddr, int(bport)))
    to = (taddr, int(tport))
    pt, on_ms, off_ms = int(pt), int(on_ms), int(off_ms)
    seq, ts, ssrc = (random.getrandbits(16), random.getrandbits(32),
                     random.getrandbits(32))
    nxt = time.monotonic()

    def send(code, marker, end, duration):
        nonlocal seq, nxt
        delay = nxt - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        hdr = struct.pack('!BBHII', 0x80, pt | (0x80 if marker else 0),
                          seq & 0xffff, ts & 0xffffffff, ssrc)
        ev = struct.pack('!BBH', code, (0x80 if end else 0) | 10, duration)
        s.sendto(hdr + ev, to)
        seq += 1

    for d in digits:
        code = CODES.index(d.upper())
        for t in range(STEP_MS, on_ms, STEP_MS):
            send(code, t == STEP_MS, False, 8 * t)
            nxt += STEP_MS / 1000
        for _ in range(3):
            send(code, False, True, 8 * on_ms)
            nxt += STEP_MS / 1000
        nxt += off_ms / 1000
        ts += 8 * (on_ms + off_ms)
    print('sent %s' % digits)


main()
