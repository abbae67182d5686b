#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""rtp_peer.py BIND_ADDR BIND_PORT TO_ADDR TO_PORT PT PTIME_MS OCTETS_PER_MS
   TS_PER_MS SEND_FILE RECORD_FILE SECONDS

The far end of a call: sends SEND_FILE (an already encoded payload, e.g.
mu-law made by sox) as RTP, one packet per ptime, paced by the clock, and
writes the payloads of the RTP it receives (payload type PT, in sequence
order) to RECORD_FILE. Runs SECONDS, then prints what it got.
Encoding and decoding are left to sox, not to this script.
"""
import random
import select
import socket
import struct
import sys
import time


def main():
    (baddr, bport, taddr, tport, pt, ptime, per_ms, ts_per_ms, send_file,
     rec_file, seconds) = sys.argv[1:]
    fam = socket.AF_INET6 if ':' in baddr else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_DGRAM)
    s.bind((baddr, int(bport)))
    to = (taddr, int(tport))
    pt, ptime = int(pt), int(ptime)
    chunk = int(per_ms) * ptime
    payload = open(send_file, 'rb').read()
    seq, ts, ssrc = (random.getrandbits(16), random.getrandbits(32),
                     random.getrandbits(32))
    got, first_seq = {}, None
    start = time.monotonic()
    nxt, off, first = start, 0, True
    while time.monotonic() - start < float(seconds):
        now = time.monotonic()
        if now >= nxt and off + chunk <= len(payload):
            hdr = struct.pack('!BBHII', 0x80, pt | (0x80 if first else 0),
                              seq & 0xffff, ts & 0xffffffff, ssrc)
            s.sendto(hdr + payload[off:off + chunk], to)
            first = False
            off += chunk
            seq += 1
            ts += ptime * int(ts_per_ms)
            nxt += ptime / 1000
        wait = max(0.0, min(nxt - time.monotonic(), 0.005))
        r, _, _ = select.select([s], [], [], wait)
        if r:
            data, src = s.recvfrom(2048)
            if len(data) > 12 and data[1] & 0x7f == pt:
                q = struct.unpack('!H', data[2:4])[0]
                first_seq = q if first_seq is None else first_seq
                got[q] = data[12:]
    # in sequence order from the first received, across a 16-bit wrap
    with open(rec_file, 'wb') as f:
        for q in sorted(got, key=lambda q: (q - first_seq) & 0xffff):
            f.write(got[q])
    print('sent %d packets, received %d' % (off // chunk, len(got)))


main()
