#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""rtp_peer.py BIND_ADDR BIND_PORT TO_ADDR TO_PORT PT PTIME_MS OCTETS_PER_MS
   TS_PER_MS SEND_FILE RECORD_FILE SECONDS [GO_FILE]

The far end of a call: sends SEND_FILE (an already encoded payload, e.g.
mu-law made by sox) as RTP, one packet per ptime, paced by the clock, and
writes the payloads of the RTP it receives (payload type PT, in sequence
order) to RECORD_FILE. Runs SECONDS, then prints what it got.
With GO_FILE it says "ready" on stderr once bound, records from then on,
and starts sending (and counting SECONDS) when GO_FILE appears, so a
test can start its recorders first however slow the machine is.
With JUNK=1 in the environment, every fifth packet is followed by bad
ones, each with a full-scale payload that would wreck the tone if played:
a CSRC count overrunning the packet, a payload type the flow does not
carry, a packet shorter than a header, a stray SSRC, and RTP from another
port of ours (a stranger).
With DTX=1, the sender talks for a second and is silent for a second,
in turn (RFC 3389): the first packet of a silence is a SID, payload type
13, noise level -40 dBov; the first of a talkspurt has the marker.
Encoding and decoding are left to sox, not to this script.
"""
import os
import random
import select
import socket
import struct
import sys
import time


def take(s, pt, got):
    """One datagram from s: the payload of RTP of type pt, by seq number."""
    data = s.recv(2048)
    if len(data) > 12 and data[1] & 0x7f == pt:
        q = struct.unpack('!H', data[2:4])[0]
        got.setdefault('first', q)
        got[q] = data[12:]


def junk(s, stranger, to, pt, seq, ts, ssrc, chunk):
    """The bad packets that follow a good one (see JUNK above)."""
    loud = b'\x80' * chunk
    s.sendto(struct.pack('!BBHII', 0x8f, pt, seq, ts, ssrc) + loud[:20], to)
    s.sendto(struct.pack('!BBHII', 0x80, 34, seq, ts, ssrc) + loud, to)
    s.sendto(struct.pack('!BBHI', 0x80, pt, seq, ts), to)
    s.sendto(struct.pack('!BBHII', 0x80, pt, seq, ts, ssrc ^ 1) + loud, to)
    stranger.sendto(struct.pack('!BBHII', 0x80, pt, seq, ts, ssrc) + loud, to)


def main():
    (baddr, bport, taddr, tport, pt, ptime, per_ms, ts_per_ms, send_file,
     rec_file, seconds) = sys.argv[1:12]
    go_file = sys.argv[12] if len(sys.argv) > 12 else None
    fam = socket.AF_INET6 if ':' in baddr else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_DGRAM)
    s.bind((baddr, int(bport)))
    stranger = socket.socket(fam, socket.SOCK_DGRAM)
    stranger.bind((baddr, int(bport) + 1))
    bad = os.environ.get('JUNK') == '1'
    dtx = os.environ.get('DTX') == '1'

    to = (taddr, int(tport))
    pt, ptime = int(pt), int(ptime)
    chunk = int(per_ms) * ptime
    payload = open(send_file, 'rb').read()
    seq, ts, ssrc = (random.getrandbits(16), random.getrandbits(32),
                     random.getrandbits(32))
    got = {}
    if go_file:
        print('ready', file=sys.stderr, flush=True)
    while go_file and not os.path.exists(go_file):
        if select.select([s], [], [], 0.01)[0]:
            take(s, pt, got)
    start = time.monotonic()
    nxt, off, first = start, 0, True
    while time.monotonic() - start < float(seconds):
        now = time.monotonic()
        silent = dtx and (now - start) % 2 >= 1
        if now >= nxt and off + chunk <= len(payload) and silent:
            if not first:       # the silence's first packet: a SID
                s.sendto(struct.pack('!BBHII', 0x80, 13, seq & 0xffff,
                                     ts & 0xffffffff, ssrc) + b'\x28', to)
                seq += 1
            first = True
            off += chunk
            ts += ptime * int(ts_per_ms)
            nxt += ptime / 1000
        elif now >= nxt and off + chunk <= len(payload):
            hdr = struct.pack('!BBHII', 0x80, pt | (0x80 if first else 0),
                              seq & 0xffff, ts & 0xffffffff, ssrc)
            s.sendto(hdr + payload[off:off + chunk], to)
            if bad and (off // chunk) % 5 == 4:
                junk(s, stranger, to, pt, seq & 0xffff, ts & 0xffffffff,
                     ssrc, chunk)
            first = False
            off += chunk
            seq += 1
            ts += ptime * int(ts_per_ms)
            nxt += ptime / 1000
        wait = max(0.0, min(nxt - time.monotonic(), 0.005))
        if select.select([s], [], [], wait)[0]:
            take(s, pt, got)
    # in sequence order from the first received, across a 16-bit wrap
    first = got.pop('first', 0)
    with open(rec_file, 'wb') as f:
        for q in sorted(got, key=lambda q: (q - first) & 0xffff):
            f.write(got[q])
    print('sent %d packets, received %d' % (off // chunk, len(got)))


main()
