#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""fork_uas.py PORT: a forking callee on 127.0.0.1:PORT, as a proxy that
forks to two phones looks to the caller. It answers the INVITE with two
200s with different To tags (fork1, fork2), and expects: an ACK for each,
then a BYE for fork2 at once (RFC 3261 13.2.2.4), answered 200; then,
once the phone hangs up, a BYE for fork1, answered 200. Prints "ready"
once bound, each step as it happens, and exits 0 when all came in that
order, 1 on anything else or after 30 s without a message."""
import re
import socket
import sys


def headers(msg, names):
    return [l for l in msg.split('\r\n')[1:]
            if l.split(':')[0].strip().lower() in names]


def reply(s, peer, req, to_tag=None, sdp=''):
    keep = headers(req, ('via', 'from', 'call-id', 'cseq'))
    to = headers(req, ('to',))[0]
    if to_tag:
        to += ';tag=' + to_tag
    out = ['SIP/2.0 200 OK'] + keep + [to, 'Contact: <sip:5000@127.0.0.1:%d>'
                                        % s.getsockname()[1]]
    if sdp:
        out.append('Content-Type: application/sdp')
    out.append('Content-Length: %d' % len(sdp))
    s.sendto(('\r\n'.join(out) + '\r\n\r\n' + sdp).encode(), peer)


def main():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(('127.0.0.1', int(sys.argv[1])))
    s.settimeout(30)
    print('ready', flush=True)
    want = ['ACK fork1', 'ACK fork2', 'BYE fork2', 'BYE fork1']
    while want:
        m, peer = s.recvfrom(8000)
        m = m.decode('latin-1')
        method = m.split(' ')[0]
        if method == 'INVITE':
            sdp = ('v=0\r\no=fork 1 1 IN IP4 127.0.0.1\r\ns=-\r\n'
                   'c=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 16700 RTP/AVP 0\r\n'
                   'a=rtpmap:0 PCMU/8000\r\n')
            reply(s, peer, m, 'fork1', sdp)
            reply(s, peer, m, 'fork2', sdp)
            print('INVITE: two 200s, fork1 and fork2', flush=True)
            continue
        tag = re.search(r'^To:.*;tag=(\w+)', m, re.M | re.I)
        step = '%s %s' % (method, tag.group(1) if tag else '-')
        print(step, flush=True)
        if step not in want[:2]:
            sys.exit('got %s, wanted %s' % (step, ' or '.join(want[:2])))
        want.remove(step)
        if method == 'BYE':
            reply(s, peer, m)


main()
