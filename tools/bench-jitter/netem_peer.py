#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""netem_peer.py send ADDR PORT SECONDS SEED LOG
   netem_peer.py recv ADDR PORT SECONDS LOG READY_FILE
   netem_peer.py trace NAME SEED SENT_LOG RECV_LOG SETTINGS > NAME.trace

The two ends of a jitter-buffer benchmark capture through tc netem
(netem-capture.sh runs them in a VM). The sender sends a 20 ms PCMU
packet every 20 ms of its clock for SECONDS (172 octets each; the payload
is silence, the trace refers to the synthetic source instead), sequence
number and timestamp starting at seeded values, and logs "seq ts" per
packet. The receiver creates READY_FILE once bound and logs "seq ts
arrival_us" per packet received, on the same clock (both run in one VM). trace writes them as a bench-jitter
trace (format in trace.c): every packet sent, "-" for those that never
came, payload "=", the synthetic source seeded by SEED.
"""
import random
import socket
import sys
import time


def send(addr, port, seconds, seed, log):
    rng = random.Random(int(seed))
    seq, ts = rng.getrandbits(16), rng.getrandbits(32)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    n = int(float(seconds) * 50)
    start = time.monotonic()
    with open(log, 'w') as f:
        for i in range(n):
            delay = start + i * 0.02 - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            hdr = bytes([0x80, 0x80 if i == 0 else 0]) + \
                ((seq + i) & 0xffff).to_bytes(2, 'big') + \
                ((ts + 160 * i) & 0xffffffff).to_bytes(4, 'big') + \
                (0x5eed1e55).to_bytes(4, 'big')
            s.sendto(hdr + bytes([0xff]) * 160, (addr, int(port)))
            f.write('%d %d\n' % ((seq + i) & 0xffff,
                                 (ts + 160 * i) & 0xffffffff))


def recv(addr, port, seconds, log, ready):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((addr, int(port)))
    open(ready, 'w').close()
    s.settimeout(float(seconds))
    got = []
    try:
        while True:
            data = s.recv(2048)
            now = time.monotonic()
            if len(data) >= 12:
                got.append((int.from_bytes(data[2:4], 'big'),
                            int.from_bytes(data[4:8], 'big'), now))
            s.settimeout(3)     # the sender is done when nothing comes
    except socket.timeout:
        pass
    with open(log, 'w') as f:
        for seq, ts, now in got:
            f.write('%d %d %d\n' % (seq, ts, int(now * 1e6)))


def trace(name, seed, sent_log, recv_log, settings):
    sent = [tuple(map(int, line.split())) for line in open(sent_log)]
    arrived = {}
    for line in open(recv_log):
        seq, ts, us = map(int, line.split())
        arrived.setdefault((seq, ts), []).append(us)
    t0 = min((u for v in arrived.values() for u in v), default=0)
    print('# voffload jitter trace v1')
    print('# name %s' % name)
    print('# source synth %s' % seed)
    print('# captured through tc netem between namespaces (netem-capture.sh)')
    print('# netem %s' % settings)
    print('# seq ts arrival_us payload [m]')
    for i, (seq, ts) in enumerate(sent):
        mark = ' m' if i == 0 else ''
        for us in arrived.get((seq, ts), [None]):
            print(seq, ts, '-' if us is None else us - t0, '=' + mark)


def main():
    mode, args = sys.argv[1], sys.argv[2:]
    {'send': send, 'recv': recv, 'trace': trace}[mode](*args)


main()
