// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <openssl/evp.h>

#include "digest.h"

int vo_digest_alg_parse(const char *name)
{
	if (!name || !*name || !strcasecmp(name, "MD5"))
		return VO_DIGEST_MD5;
	if (!strcasecmp(name, "SHA-256"))
		return VO_DIGEST_SHA256;
	return -1;
}

/* H(a:b:c...) of @n strings joined by ':', as hex. */
static int vo_digest_hex(enum vo_digest_alg alg, char out[VO_DIGEST_HEX],
			 const char *const *parts, unsigned int n)
{
	const EVP_MD *md = alg == VO_DIGEST_SHA256 ? EVP_sha256() : EVP_md5();
	unsigned char h[EVP_MAX_MD_SIZE];
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned int len = 0, i;
	int ok = ctx && EVP_DigestInit_ex(ctx, md, NULL);

	for (i = 0; ok && i < n; i++)
		ok = (!i || EVP_DigestUpdate(ctx, ":", 1)) &&
		     EVP_DigestUpdate(ctx, parts[i], strlen(parts[i]));
	ok = ok && EVP_DigestFinal_ex(ctx, h, &len);
	EVP_MD_CTX_free(ctx);
	if (!ok)
		return -1;
	for (i = 0; i < len; i++)
		sprintf(out + 2 * i, "%02x", h[i]);
	return 0;
}

int vo_digest_response(const struct vo_digest_in *in, char out[VO_DIGEST_HEX])
{
	char ha1[VO_DIGEST_HEX], ha2[VO_DIGEST_HEX], nc[9];
	const char *a1[] = { in->user, in->realm, in->password };
	const char *a2[] = { in->method, in->uri };
	const char *r_qop[] = { ha1, in->nonce, nc, in->cnonce, "auth", ha2 };
	const char *r_old[] = { ha1, in->nonce, ha2 };

	snprintf(nc, sizeof(nc), "%08x", in->nc);
	if (vo_digest_hex(in->alg, ha1, a1, 3) ||
	    vo_digest_hex(in->alg, ha2, a2, 2))
		return -1;
	return in->qop_auth ? vo_digest_hex(in->alg, out, r_qop, 6) :
			      vo_digest_hex(in->alg, out, r_old, 3);
}
