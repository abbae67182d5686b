/* SPDX-License-Identifier: GPL-2.0 */
/*
 * HTTP digest (RFC 7616, as SIP uses it, RFC 3261 22.4 and RFC 8760):
 * the response to a 401/407 challenge, with MD5 or SHA-256, with or
 * without qop=auth. Hashing is OpenSSL's (libcrypto).
 */
#ifndef VOFFLOADD_DIGEST_H
#define VOFFLOADD_DIGEST_H

#include <stdbool.h>
#include <stddef.h>

enum vo_digest_alg { VO_DIGEST_MD5, VO_DIGEST_SHA256 };

/* 64 hex digits and a NUL: room for SHA-256. */
#define VO_DIGEST_HEX	65

/* An algorithm parameter's value ("MD5", "SHA-256", absent: MD5); -1 if unknown. */
int vo_digest_alg_parse(const char *name);

struct vo_digest_in {
	enum vo_digest_alg alg;
	const char *user, *realm, *password;
	const char *method, *uri;
	const char *nonce;
	bool qop_auth;			/* else RFC 2069's form */
	unsigned int nc;		/* with qop: the nonce count */
	const char *cnonce;
};

/* The response's hex digits into @out; 0, or -1 if hashing failed. */
int vo_digest_response(const struct vo_digest_in *in, char out[VO_DIGEST_HEX]);

#endif
