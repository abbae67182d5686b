// SPDX-License-Identifier: GPL-2.0
/*
 * voffloadd's digest responses (daemon/digest.c) against Python's hashlib
 * (an implementation of its own), for MD5 and SHA-256, with and without
 * qop=auth, over seeded random inputs: the program prints the inputs and
 * its response, test_digest.sh recomputes each in Python.
 */
#include <stdio.h>
#include <stdlib.h>

#include "digest.h"

static void vo_rand_str(char *s, size_t n)
{
	static const char cs[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@.-_=+/ ";
	size_t len = 1 + rand() % (n - 1), i;

	for (i = 0; i < len - 1; i++)
		s[i] = cs[rand() % (sizeof(cs) - 1)];
	s[len - 1] = 0;
	if (!len || !s[0])
		s[0] = 'x', s[1] = 0;
}

int main(void)
{
	char user[24], realm[24], pass[24], uri[40], nonce[40], cnonce[20];
	char out[VO_DIGEST_HEX];
	int i;

	srand(4242);
	for (i = 0; i < 200; i++) {
		struct vo_digest_in in = {
			.alg = i % 2 ? VO_DIGEST_SHA256 : VO_DIGEST_MD5,
			.user = user, .realm = realm, .password = pass,
			.method = i % 3 ? "REGISTER" : "INVITE", .uri = uri,
			.nonce = nonce, .qop_auth = i % 4 < 2,
			.nc = 1 + i, .cnonce = cnonce,
		};

		vo_rand_str(user, sizeof(user));
		vo_rand_str(realm, sizeof(realm));
		vo_rand_str(pass, sizeof(pass));
		vo_rand_str(uri, sizeof(uri));
		vo_rand_str(nonce, sizeof(nonce));
		vo_rand_str(cnonce, sizeof(cnonce));
		if (vo_digest_response(&in, out))
			return 1;
		/* tab-separated: the inputs may hold spaces */
		printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%08x\t%s\t%s\n",
		       in.alg ? "sha256" : "md5", user, realm, pass, in.method,
		       uri, nonce, in.qop_auth, in.nc, cnonce, out);
	}
	return 0;
}
