// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <osipparser2/osip_message.h>

#include "auth.h"
#include "digest.h"
#include "log.h"
#include "sip.h"

static char *vo_unquote(char *s, char *out, size_t len)
{
	size_t n;

	if (!s)
		return NULL;
	if (*s == '"')
		s++;
	n = strlen(s);
	if (n && s[n - 1] == '"')
		n--;
	snprintf(out, len, "%.*s", (int)n, s);
	return out;
}

/* qop="auth,auth-int": the token auth itself, not a prefix of another. */
static bool vo_qop_auth(const char *qop)
{
	char buf[64], *tok, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", qop);
	for (tok = strtok_r(buf, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save))
		if (!strcasecmp(tok, "auth"))
			return true;
	return false;
}

void vo_auth_clear(struct vo_auth *au)
{
	au->hdr[0][0] = 0;
	au->hdr[1][0] = 0;
}

void vo_auth_sending(struct vo_auth *au)
{
	au->sent[0] = au->hdr[0][0] != 0;
	au->sent[1] = au->hdr[1][0] != 0;
}

int vo_auth_answer(struct vo_auth *au, const struct vo_cfg_account *a,
		   osip_message_t *m, int status, const char *method,
		   const char *req_uri)
{
	osip_www_authenticate_t *wa = NULL;
	char realm[128], nonce[256], opaque[256], alg[32], qop[64], uri[160];
	char cnonce[17], resp[VO_DIGEST_HEX], stale[8] = "";
	struct vo_digest_in in;
	int kind, w = status == 407;
	char *out = au->hdr[w];
	size_t n;

	if (status == 401)
		osip_message_get_www_authenticate(m, 0, &wa);
	else
		osip_message_get_proxy_authenticate(m, 0, &wa);
	if (!wa || !vo_unquote(osip_www_authenticate_get_realm(wa), realm, sizeof(realm)) ||
	    !vo_unquote(osip_www_authenticate_get_nonce(wa), nonce, sizeof(nonce)))
		return -1;
	vo_unquote(osip_www_authenticate_get_stale(wa), stale, sizeof(stale));
	/*
	 * Challenged again by the same party after an answer, and not for a
	 * stale nonce: the credentials are wrong; sending them again would
	 * only loop. (A proxy's 407 and then the registrar's 401 is fine.)
	 */
	if (au->sent[w] && strcasecmp(stale, "true"))
		return -1;
	/* RFC 7616 3.4: nc counts the requests made with this nonce */
	if (strcmp(nonce, au->nonce[w])) {
		snprintf(au->nonce[w], sizeof(au->nonce[w]), "%s", nonce);
		au->nc = 0;
	}
	if (!vo_unquote(osip_www_authenticate_get_algorithm(wa), alg, sizeof(alg)))
		alg[0] = 0;
	kind = vo_digest_alg_parse(alg);
	if (kind < 0)
		return -1;
	if (!vo_unquote(osip_www_authenticate_get_qop_options(wa), qop, sizeof(qop)))
		qop[0] = 0;
	if (!vo_unquote(osip_www_authenticate_get_opaque(wa), opaque, sizeof(opaque)))
		opaque[0] = 0;
	snprintf(uri, sizeof(uri), "%s", req_uri);
	vo_sip_token(cnonce, sizeof(cnonce));
	in = (struct vo_digest_in){
		.alg = kind, .user = *a->auth_user ? a->auth_user : a->user,
		.realm = realm, .password = a->password, .method = method,
		.uri = uri, .nonce = nonce, .qop_auth = vo_qop_auth(qop),
		.nc = ++au->nc, .cnonce = cnonce,
	};
	if (vo_digest_response(&in, resp))
		return -1;
	n = snprintf(out, sizeof(au->hdr[w]),
		     "%s: Digest username=\"%s\", realm=\"%s\", nonce=\"%s\","
		     " uri=\"%s\", response=\"%s\", algorithm=%s",
		     status == 401 ? "Authorization" : "Proxy-Authorization",
		     in.user, realm, nonce, uri, resp,
		     kind == VO_DIGEST_SHA256 ? "SHA-256" : "MD5");
	if (in.qop_auth && n < sizeof(au->hdr[w]))
		n += snprintf(out + n, sizeof(au->hdr[w]) - n,
			      ", qop=auth, nc=%08x, cnonce=\"%s\"", in.nc, cnonce);
	if (*opaque && n < sizeof(au->hdr[w]))
		n += snprintf(out + n, sizeof(au->hdr[w]) - n, ", opaque=\"%s\"",
			      opaque);
	if (n + 3 > sizeof(au->hdr[w])) {
		out[0] = 0;
		return -1;
	}
	strcpy(out + n, "\r\n");
	vo_info("account %s: answering %d to %s with %s digest%s", a->name,
		status, method,
		kind == VO_DIGEST_SHA256 ? "SHA-256" : "MD5",
		in.qop_auth ? ", qop=auth" : "");
	return 0;
}

