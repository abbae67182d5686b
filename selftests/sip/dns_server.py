#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""dns_server.py PORT RECORD...: a tiny authoritative DNS server on
127.0.0.1:PORT (UDP) for the daemon's RFC 3263 tests. A RECORD is
"A NAME IP", "AAAA NAME IPV6", "SRV NAME PRIORITY WEIGHT PORT TARGET" or
"NAPTR NAME ORDER PREFERENCE FLAGS SERVICE REPLACEMENT" (empty regexp).
Other names get NXDOMAIN. It serves until killed and prints "ready" once bound."""
import socket
import struct
import sys


def name_wire(name):
    out = b''
    for part in name.rstrip('.').split('.'):
        out += bytes([len(part)]) + part.encode()
    return out + b'\0'


def parse_question(msg):
    i, labels = 12, []
    while msg[i]:
        labels.append(msg[i + 1:i + 1 + msg[i]].decode().lower())
        i += 1 + msg[i]
    qtype, qclass = struct.unpack('!HH', msg[i + 1:i + 5])
    return '.'.join(labels), qtype, msg[12:i + 5]


def main():
    port = int(sys.argv[1])
    recs = {}
    for spec in sys.argv[2:]:
        f = spec.split()
        if f[0] == 'A':
            recs.setdefault((f[1].lower(), 1), []).append(
                socket.inet_aton(f[2]))
        elif f[0] == 'AAAA':
            recs.setdefault((f[1].lower(), 28), []).append(
                socket.inet_pton(socket.AF_INET6, f[2]))
        elif f[0] == 'NAPTR':
            order, pref = int(f[2]), int(f[3])
            strs = b''.join(bytes([len(x)]) + x.encode()
                            for x in (f[4], f[5], ''))
            recs.setdefault((f[1].lower(), 35), []).append(
                struct.pack('!HH', order, pref) + strs + name_wire(f[6]))
        else:
            prio, weight, p = int(f[2]), int(f[3]), int(f[4])
            recs.setdefault((f[1].lower(), 33), []).append(
                struct.pack('!HHH', prio, weight, p) + name_wire(f[5]))
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(('127.0.0.1', port))
    print('ready', flush=True)
    while True:
        msg, peer = s.recvfrom(512)
        if len(msg) < 17:
            continue
        qid, = struct.unpack('!H', msg[:2])
        name, qtype, question = parse_question(msg)
        answers = recs.get((name, qtype), [])
        rcode = 0 if answers or any(k[0] == name for k in recs) else 3
        out = struct.pack('!HHHHHH', qid, 0x8400 | rcode, 1, len(answers),
                          0, 0) + question
        for rdata in answers:
            out += b'\xc0\x0c' + struct.pack('!HHIH', qtype, 1, 60,
                                              len(rdata)) + rdata
        s.sendto(out, peer)


main()
