#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# SIP digest responses (daemon/digest.c) against Python's hashlib: 200
# seeded inputs, MD5 and SHA-256, with and without qop=auth.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cc -Wall -Wextra -O2 -I"$here/../../daemon" -o "$out/digest_check" \
	"$here/digest_check.c" "$here/../../daemon/digest.c" -lcrypto
"$out/digest_check" >"$out/ours"
python3 - "$out/ours" <<'PY'
import hashlib, sys
rows = [l.rstrip('\n').split('\t') for l in open(sys.argv[1])]
def h(alg, *parts):
    return hashlib.new(alg, ':'.join(parts).encode()).hexdigest()
bad = {'md5': 0, 'sha256': 0}
n = {'md5': 0, 'sha256': 0}
for alg, user, realm, pw, method, uri, nonce, qop, nc, cnonce, got in rows:
    ha1, ha2 = h(alg, user, realm, pw), h(alg, method, uri)
    want = h(alg, ha1, nonce, nc, cnonce, 'auth', ha2) if qop == '1' \
        else h(alg, ha1, nonce, ha2)
    n[alg] += 1
    if got != want:
        bad[alg] += 1
        print('# %s %r: got %s, hashlib %s' % (alg, rows.index(
            [alg, user, realm, pw, method, uri, nonce, qop, nc, cnonce, got]),
            got, want))
print('TAP version 13')
print('1..2')
for i, alg in enumerate(('md5', 'sha256')):
    print('%sok %d %s digest responses: %d of %d as hashlib computes' % (
        '' if n[alg] and not bad[alg] else 'not ', i + 1, alg,
        n[alg] - bad[alg], n[alg]))
sys.exit(1 if any(bad.values()) or not all(n.values()) else 0)
PY
