// SPDX-License-Identifier: GPL-2.0
/*
 * One registration per account, a small state machine:
 *
 *   idle -> registering -> registered (refresh at 90 % of the granted
 *   expiry, at least 5 s before it) -> registering ...
 *                      \-> failed (retry after 30 s, doubling to 30 min)
 *
 * A 401/407 is answered once per nonce (again only when it says
 * stale=true); a 423 retries with its Min-Expires. Requests are built as
 * text and parsed by libosip2, which also parses the answers.
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "log.h"
#include "loop.h"
#include "reg.h"
#include "sip.h"

#define VO_REG_RETRY_MS		30000
#define VO_REG_RETRY_MAX_MS	1800000

enum vo_reg_state { VO_REG_IDLE, VO_REG_REGISTERING, VO_REG_REGISTERED,
		    VO_REG_FAILED, VO_REG_UNREGISTERING, VO_REG_DONE };

static const char *const vo_reg_names[] = {
	"idle", "registering", "registered", "failed", "unregistering", "done",
};

struct vo_reg {
	struct vo_sip_client client;	/* first: the transaction's context */
	const struct vo_cfg_account *a;
	enum vo_reg_state state;
	struct sockaddr_in to;		/* registrar or outbound proxy */
	char call_id[40], tag[20], local[INET_ADDRSTRLEN];
	unsigned int cseq, expires, granted, nc;
	unsigned int retry_ms;
	/* Authorization, Proxy-Authorization: to send, and sent */
	char auth[2][1024];
	bool authed[2];
	char nonce[2][256];		/* the last nonce of each, for nc */
	int last_status;
	struct vo_timer timer;
};

static struct vo_reg vo_regs[VO_CFG_ACCOUNTS];
static unsigned int vo_nregs;
static int vo_reg_port;

/* host[:port] into an IPv4 address (DNS SRV/NAPTR and IPv6 come later). */
static int vo_reg_resolve(const char *hostport, struct sockaddr_in *to)
{
	struct addrinfo hints = { .ai_family = AF_INET, .ai_socktype = SOCK_DGRAM };
	struct addrinfo *res;
	char host[VO_CFG_STR], *colon;
	const char *port = "5060";

	snprintf(host, sizeof(host), "%s", hostport);
	colon = strchr(host, ':');
	if (colon) {
		*colon = 0;
		port = colon + 1;
	}
	if (getaddrinfo(host, port, &hints, &res))
		return -1;
	memcpy(to, res->ai_addr, sizeof(*to));
	freeaddrinfo(res);
	return 0;
}

static const char *vo_reg_registrar(const struct vo_cfg_account *a)
{
	return *a->registrar ? a->registrar : a->domain;
}

static void vo_reg_send(struct vo_reg *r, unsigned int expires);

static void vo_reg_again(void *arg)
{
	struct vo_reg *r = arg;

	vo_reg_send(r, r->state == VO_REG_UNREGISTERING ? 0 : r->expires);
}

static void vo_reg_fail(struct vo_reg *r, const char *why)
{
	vo_warn("account %s: registration failed: %s; again in %u s",
		r->a->name, why, r->retry_ms / 1000);
	r->state = VO_REG_FAILED;
	r->auth[0][0] = 0;
	r->auth[1][0] = 0;
	vo_timer_set(&r->timer, r->retry_ms, vo_reg_again, r);
	r->retry_ms = r->retry_ms * 2 > VO_REG_RETRY_MAX_MS ?
		      VO_REG_RETRY_MAX_MS : r->retry_ms * 2;
}

/* The expiry the registrar granted our Contact, else its Expires. */
static unsigned int vo_reg_granted(const struct vo_reg *r, osip_message_t *m)
{
	osip_contact_t *ct;
	osip_uri_param_t *p;
	osip_header_t *h;
	int i;

	for (i = 0; !osip_message_get_contact(m, i, &ct); i++) {
		if (!ct->url || !ct->url->host || strcmp(ct->url->host, r->local))
			continue;
		if (!osip_contact_param_get_byname(ct, "expires", &p) &&
		    p && p->gvalue)
			return strtoul(p->gvalue, NULL, 10);
	}
	if (osip_message_get_expires(m, 0, &h) >= 0 && h && h->hvalue)
		return strtoul(h->hvalue, NULL, 10);
	return r->expires;
}

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

/* A 401/407: the Authorization or Proxy-Authorization to retry with. */
static int vo_reg_challenge(struct vo_reg *r, osip_message_t *m, int status)
{
	osip_www_authenticate_t *wa = NULL;
	char realm[128], nonce[256], opaque[256], alg[32], qop[64], uri[160];
	char cnonce[17], resp[VO_DIGEST_HEX], stale[8] = "";
	const struct vo_cfg_account *a = r->a;
	struct vo_digest_in in;
	int kind, w = status == 407;
	char *out = r->auth[w];
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
	if (r->authed[w] && strcasecmp(stale, "true"))
		return -1;
	/* RFC 7616 3.4: nc counts the requests made with this nonce */
	if (strcmp(nonce, r->nonce[w])) {
		snprintf(r->nonce[w], sizeof(r->nonce[w]), "%s", nonce);
		r->nc = 0;
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
	snprintf(uri, sizeof(uri), "sip:%s", a->domain);
	vo_sip_token(cnonce, sizeof(cnonce));
	in = (struct vo_digest_in){
		.alg = kind, .user = *a->auth_user ? a->auth_user : a->user,
		.realm = realm, .password = a->password, .method = "REGISTER",
		.uri = uri, .nonce = nonce, .qop_auth = vo_qop_auth(qop),
		.nc = ++r->nc, .cnonce = cnonce,
	};
	if (vo_digest_response(&in, resp))
		return -1;
	n = snprintf(out, sizeof(r->auth[w]),
		     "%s: Digest username=\"%s\", realm=\"%s\", nonce=\"%s\","
		     " uri=\"%s\", response=\"%s\", algorithm=%s",
		     status == 401 ? "Authorization" : "Proxy-Authorization",
		     in.user, realm, nonce, uri, resp,
		     kind == VO_DIGEST_SHA256 ? "SHA-256" : "MD5");
	if (in.qop_auth && n < sizeof(r->auth[w]))
		n += snprintf(out + n, sizeof(r->auth[w]) - n,
			      ", qop=auth, nc=%08x, cnonce=\"%s\"", in.nc, cnonce);
	if (*opaque && n < sizeof(r->auth[w]))
		n += snprintf(out + n, sizeof(r->auth[w]) - n, ", opaque=\"%s\"",
			      opaque);
	if (n + 3 > sizeof(r->auth[w])) {
		out[0] = 0;
		return -1;
	}
	strcpy(out + n, "\r\n");
	vo_info("account %s: answering %d with %s digest%s", a->name, status,
		kind == VO_DIGEST_SHA256 ? "SHA-256" : "MD5",
		in.qop_auth ? ", qop=auth" : "");
	return 0;
}

static void vo_reg_registered(struct vo_reg *r, osip_message_t *m)
{
	unsigned int g = vo_reg_granted(r, m), refresh;

	/* a registrar's odd answer must not make us send every second */
	if (g < 30 || g > 86400)
		g = g < 30 ? 30 : 86400;

	r->granted = g;
	r->retry_ms = VO_REG_RETRY_MS;
	/* the next REGISTER is challenged afresh: no replayed nonce count */
	r->auth[0][0] = 0;
	r->auth[1][0] = 0;
	if (r->state == VO_REG_UNREGISTERING) {
		r->state = VO_REG_DONE;
		return;
	}
	r->state = VO_REG_REGISTERED;
	refresh = g * 900 < (g - 5) * 1000 ? g * 900 : (g - 5) * 1000;
	vo_info("account %s: registered for %u s", r->a->name, g);
	vo_timer_set(&r->timer, g > 5 ? refresh : 1000, vo_reg_again, r);
}

static void vo_reg_response(struct vo_sip_client *c, osip_message_t *m)
{
	struct vo_reg *r = (struct vo_reg *)c;
	int status = osip_message_get_status_code(m);
	osip_header_t *h;
	char why[64];

	if (r->state == VO_REG_DONE)
		return;		/* stopped: the answer comes too late */
	r->last_status = status;
	if (status >= 200 && status < 300) {
		vo_reg_registered(r, m);
		return;
	}
	/*
	 * Sent from a timer, not from here: this runs inside libosip2's
	 * state machine, which must not get a transaction meanwhile. The
	 * unregistration is challenged as any REGISTER is.
	 */
	if ((status == 401 || status == 407) && !vo_reg_challenge(r, m, status)) {
		vo_timer_set(&r->timer, 0, vo_reg_again, r);
		return;
	}
	if (r->state == VO_REG_UNREGISTERING) {
		r->state = VO_REG_DONE;
		return;
	}
	if (status == 423 && !osip_message_header_get_byname(m, "min-expires", 0, &h) &&
	    h && h->hvalue && (unsigned int)atoi(h->hvalue) > r->expires) {
		r->expires = atoi(h->hvalue);
		vo_info("account %s: 423, Min-Expires %u", r->a->name, r->expires);
		vo_timer_set(&r->timer, 0, vo_reg_again, r);
		return;
	}
	snprintf(why, sizeof(why), "%d %s", status,
		 m->reason_phrase ? m->reason_phrase : "");
	vo_reg_fail(r, why);
}

static void vo_reg_failed(struct vo_sip_client *c)
{
	struct vo_reg *r = (struct vo_reg *)c;

	r->last_status = 408;
	if (r->state == VO_REG_UNREGISTERING)
		r->state = VO_REG_DONE;
	else
		vo_reg_fail(r, "no answer");
}

/*
 * Where the REGISTER goes and our address towards it, looked up again for
 * every attempt: the WAN may have come up, or changed, since the last.
 */
static int vo_reg_route(struct vo_reg *r)
{
	const char *next = *r->a->outbound_proxy ? r->a->outbound_proxy :
			   vo_reg_registrar(r->a);

	return vo_reg_resolve(next, &r->to) ||
	       vo_sip_local(&r->to, r->local, sizeof(r->local)) ? -1 : 0;
}

static void vo_reg_send(struct vo_reg *r, unsigned int expires)
{
	const struct vo_cfg_account *a = r->a;
	char text[4096], branch[24], route[VO_CFG_STR + 32] = "";

	if (vo_reg_route(r)) {
		if (r->state == VO_REG_UNREGISTERING)
			r->state = VO_REG_DONE;
		else
			vo_reg_fail(r, "cannot resolve or reach the registrar");
		return;
	}
	/* RFC 3261 8.1.2: the outbound proxy as a pre-existing route */
	if (*a->outbound_proxy)
		snprintf(route, sizeof(route), "Route: <sip:%s;lr>\r\n",
			 a->outbound_proxy);
	vo_sip_token(branch, sizeof(branch));
	if (r->state != VO_REG_UNREGISTERING)
		r->state = VO_REG_REGISTERING;
	snprintf(text, sizeof(text),
		 "REGISTER sip:%s SIP/2.0\r\n"
		 "Via: SIP/2.0/UDP %s:%d;rport;branch=z9hG4bK%s\r\n"
		 "Max-Forwards: 70\r\n"
		 "From: \"%s\" <sip:%s@%s>;tag=%s\r\n"
		 "To: <sip:%s@%s>\r\n"
		 "Call-ID: %s\r\n"
		 "CSeq: %u REGISTER\r\n"
		 "Contact: <sip:%s@%s:%d>\r\n"
		 "Expires: %u\r\n"
		 "%s%s%s"
		 "User-Agent: voffloadd\r\n"
		 "Content-Length: 0\r\n\r\n",
		 a->domain, r->local, vo_reg_port, branch, a->display_name,
		 a->user, a->domain, r->tag, a->user, a->domain, r->call_id,
		 ++r->cseq, a->user, r->local, vo_reg_port, expires, route,
		 r->auth[0], r->auth[1]);
	r->authed[0] = r->auth[0][0] != 0;
	r->authed[1] = r->auth[1][0] != 0;
	if (vo_sip_request(text, &r->to, &r->client))
		vo_reg_fail(r, "could not send");
}

int vo_reg_start(const struct vo_config *cfg)
{
	unsigned int i;
	struct vo_reg *r;

	vo_reg_port = vo_sip_port();
	for (i = 0; i < cfg->naccounts; i++) {
		r = &vo_regs[vo_nregs++];
		memset(r, 0, sizeof(*r));
		r->a = &cfg->accounts[i];
		r->client.response = vo_reg_response;
		r->client.failed = vo_reg_failed;
		r->expires = r->a->expires;
		r->retry_ms = VO_REG_RETRY_MS;
		vo_sip_token(r->call_id, sizeof(r->call_id));
		vo_sip_token(r->tag, sizeof(r->tag));
		if (r->a->transport != VO_TRANSPORT_UDP)
			vo_warn("account %s: transport tcp is not implemented yet: udp",
				r->a->name);
		vo_reg_send(r, r->expires);
	}
	return 0;
}

void vo_reg_stop(unsigned int ms)
{
	uint64_t end = vo_now_ms() + ms;
	unsigned int i, left;

	for (i = 0; i < vo_nregs; i++) {
		vo_timer_cancel(&vo_regs[i].timer);
		/* a refresh under way has a binding too */
		if (vo_regs[i].state != VO_REG_REGISTERED &&
		    vo_regs[i].state != VO_REG_REGISTERING) {
			vo_regs[i].state = VO_REG_DONE;
			continue;
		}
		vo_regs[i].state = VO_REG_UNREGISTERING;
		vo_reg_send(&vo_regs[i], 0);
	}
	/* the loop is stopped: run it by hand until answered or @ms */
	do {
		for (i = 0, left = 0; i < vo_nregs; i++)
			left += vo_regs[i].state == VO_REG_UNREGISTERING;
	} while (left && vo_now_ms() < end && !vo_loop_once(50));
}

void vo_reg_show(FILE *out)
{
	unsigned int i;

	for (i = 0; i < vo_nregs; i++) {
		const struct vo_reg *r = &vo_regs[i];

		fprintf(out, "account %s %s@%s state %s expires %u last %d\n",
			r->a->name, r->a->user, r->a->domain,
			vo_reg_names[r->state], r->state == VO_REG_REGISTERED ?
			r->granted : 0, r->last_status);
	}
}
