# SPDX-License-Identifier: GPL-2.0
"""SIP requests made by hand, for what sipp scenarios cannot send: INVITEs
that are malformed on purpose, or that come from an address that is not
the proxy's. The daemon tests import it (PYTHONPATH=selftests/sip).

request() gives one request as text, each header on its own line in a
fixed order, so a test can still break it with str.replace() or by
truncating it ("CSeq: 1 INVITE", "Call-ID: KEY\\r\\n" are in it as is).
"""
import socket


def bracket(host):
    """An IPv6 address as it goes into a SIP URI or Via (RFC 5118)."""
    return '[%s]' % host if ':' in host and not host.startswith('[') else host


def request(method, to, via, key, body='', user='1001', contact=None,
            sender='x@example.net', to_tag='', length=None, cseq=1):
    """METHOD sip:USER@TO (host, port), sent from VIA (host, port).

    KEY makes the branch, From tag and Call-ID (z9hG4bKKEY, tKEY, KEY);
    CONTACT is the Contact URI's host (default VIA's host, not bracketed
    for you, so a test can break it); LENGTH overrides Content-Length.
    """
    vhost, vport = bracket(via[0]), via[1]
    chost = vhost if contact is None else contact
    head = ['%s sip:%s@%s:%d SIP/2.0' % (method, user, bracket(to[0]), to[1]),
            'Via: SIP/2.0/UDP %s:%d;branch=z9hG4bK%s' % (vhost, vport, key),
            'From: <sip:%s>;tag=t%s' % (sender, key),
            'To: <sip:%s@example.net>%s' % (user, to_tag),
            'Call-ID: %s' % key,
            'CSeq: %d %s' % (cseq, method),
            'Max-Forwards: 70']
    if method == 'INVITE':
        head.append('Contact: <sip:%s:%d>' % (sender.split('@')[0] + '@' +
                                                chost, vport))
    if body:
        head.append('Content-Type: application/sdp')
    head.append('Content-Length: %s' % (len(body) if length is None
                                         else length))
    return '\r\n'.join(head) + '\r\n\r\n' + body


def sdp(host, port=4000, pt=0):
    """An offer of one codec from HOST:PORT (IP4 or IP6 by its form)."""
    kind = 'IP6' if ':' in host else 'IP4'
    return ('v=0\r\no=- 1 1 IN %s %s\r\ns=-\r\nc=IN %s %s\r\nt=0 0\r\n'
            'm=audio %d RTP/AVP %d\r\n' % (kind, host, kind, host, port, pt))


def udp(host, timeout):
    """A UDP socket bound to HOST on any port, with TIMEOUT for recv."""
    s = socket.socket(socket.AF_INET6 if ':' in host else socket.AF_INET,
                      socket.SOCK_DGRAM)
    s.bind((host, 0))
    s.settimeout(timeout)
    return s


def wait_for(s, code, key=None):
    """The next response with status CODE (and Call-ID KEY): its text.
    Others (provisional, or retransmitted to an earlier request) are
    skipped; socket.timeout if none comes."""
    while True:
        r = s.recv(4000).decode('latin-1')
        if r.startswith('SIP/2.0 %s' % code) and \
                (key is None or '\r\nCall-ID: %s\r\n' % key in r):
            return r
