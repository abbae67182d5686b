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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "log.h"
#include "loop.h"
#include "reg.h"
#include "resolve.h"
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
	union vo_addr to;		/* registrar or outbound proxy */
	/* where it resolved to (SRV, A), in order; the one in use */
	union vo_addr targets[VO_TARGETS];
	int ntargets, cur;
	bool fresh;			/* look the targets up again first */
	unsigned int send_expires;	/* what to send once resolved */
	char call_id[40], tag[20];
	union vo_addr me;		/* ours towards @to */
	char local[INET6_ADDRSTRLEN + 2];	/* as Via/Contact host */
	unsigned int cseq, expires, granted;
	unsigned int retry_ms;
	struct vo_auth auth;
	int last_status;
	struct vo_timer timer;
	struct vo_timer keepalive;
	unsigned int keepalives;
};

static struct vo_reg vo_regs[VO_CFG_ACCOUNTS];
static const struct vo_config *vo_reg_cfg;

static void vo_reg_keepalive_arm(struct vo_reg *r);
static bool vo_reg_failover(struct vo_reg *r);
static unsigned int vo_nregs;
static int vo_reg_port;

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
	r->fresh = true;
	vo_auth_clear(&r->auth);
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
		if (!ct->url || !ct->url->host || !vo_addr_is_host(&r->me, ct->url->host))
			continue;
		if (!osip_contact_param_get_byname(ct, "expires", &p) &&
		    p && p->gvalue)
			return strtoul(p->gvalue, NULL, 10);
	}
	if (osip_message_get_expires(m, 0, &h) >= 0 && h && h->hvalue)
		return strtoul(h->hvalue, NULL, 10);
	return r->expires;
}

/*
 * NAT keep-alive (RFC 5626 4.4.1's CRLFCRLF ping, which proxies ignore):
 * while registered over UDP, every keepalive-s, so that the router's
 * own NAT binding towards the proxy (or a carrier's) never expires and
 * incoming INVITEs reach us.
 */
static void vo_reg_keepalive(void *arg)
{
	struct vo_reg *r = arg;

	if (r->state != VO_REG_REGISTERED)
		return;
	if (!vo_sip_send_raw("\r\n\r\n", &r->to))
		r->keepalives++;
	vo_reg_keepalive_arm(r);
}

static void vo_reg_keepalive_arm(struct vo_reg *r)
{
	if (vo_reg_cfg->keepalive_s && r->a->transport == VO_TRANSPORT_UDP)
		vo_timer_set(&r->keepalive, vo_reg_cfg->keepalive_s * 1000,
			     vo_reg_keepalive, r);
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
	vo_auth_clear(&r->auth);
	if (r->state == VO_REG_UNREGISTERING) {
		r->state = VO_REG_DONE;
		return;
	}
	r->state = VO_REG_REGISTERED;
	r->fresh = true;	/* the refresh looks the targets up again */
	vo_reg_keepalive_arm(r);
	refresh = g * 900 < (g - 5) * 1000 ? g * 900 : (g - 5) * 1000;
	vo_info("account %s: registered for %u s", r->a->name, g);
	vo_timer_set(&r->timer, g > 5 ? refresh : 1000, vo_reg_again, r);
}

static void vo_reg_response(struct vo_sip_client *c, osip_message_t *m)
{
	struct vo_reg *r = (struct vo_reg *)c;
	int status = osip_message_get_status_code(m);
	osip_header_t *h;
	char why[64], uri[VO_CFG_STR + 8];

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
	snprintf(uri, sizeof(uri), "sip:%s", r->a->domain);
	if ((status == 401 || status == 407) &&
	    !vo_auth_answer(&r->auth, r->a, m, status, "REGISTER", uri)) {
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
	/* RFC 3263 4.3: a 503 from one target is a reason to try the next */
	if (status >= 500 && status < 600 && vo_reg_failover(r))
		return;
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
	else if (!vo_reg_failover(r))
		vo_reg_fail(r, "no answer");
}

static void vo_reg_resolved(void *arg, const union vo_addr *to, int n)
{
	struct vo_reg *r = arg;

	memcpy(r->targets, to, n * sizeof(*to));
	r->ntargets = n;
	r->cur = 0;
	r->fresh = false;
	if (!r->a->do_register) {
		r->state = VO_REG_DONE;		/* only its addresses trusted */
		return;
	}
	if (n) {
		vo_reg_send(r, r->send_expires);
	} else if (r->state == VO_REG_UNREGISTERING) {
		r->state = VO_REG_DONE;
	} else {
		vo_reg_fail(r, "cannot resolve the registrar or proxy");
	}
}

/*
 * Where the REGISTER goes and our address towards it. The targets are
 * looked up again for every fresh attempt (the WAN may have come up, or
 * the provider's DNS changed); 1 while that runs, and vo_reg_resolved()
 * sends.
 */
static int vo_reg_route(struct vo_reg *r)
{
	const char *next = *r->a->outbound_proxy ? r->a->outbound_proxy :
			   vo_reg_registrar(r->a);

	if (r->fresh || !r->ntargets)
		return vo_resolve(next, r->a->transport, vo_reg_resolved, r) ?
		       -1 : 1;
	r->to = r->targets[r->cur];
	return vo_sip_local(&r->to, &r->me, r->local, sizeof(r->local)) ? -1 : 0;
}

/* A target that failed (no answer, 5xx): the next one, if there is one. */
static bool vo_reg_failover(struct vo_reg *r)
{
	char hp[VO_ADDRSTRLEN];

	if (r->cur + 1 >= r->ntargets || r->state == VO_REG_UNREGISTERING)
		return false;
	r->cur++;
	vo_auth_clear(&r->auth);
	vo_info("account %s: trying %s, the next target", r->a->name,
		vo_addr_str(&r->targets[r->cur], hp, sizeof(hp)));
	vo_timer_set(&r->timer, 0, vo_reg_again, r);
	return true;
}

static void vo_reg_send(struct vo_reg *r, unsigned int expires)
{
	const struct vo_cfg_account *a = r->a;
	char text[4096], branch[24], route[VO_CFG_STR + 32] = "";
	int ret;

	ret = vo_reg_route(r);
	if (ret > 0) {
		r->send_expires = expires;
		if (r->state != VO_REG_UNREGISTERING)
			r->state = VO_REG_REGISTERING;
		return;
	}
	if (ret < 0) {
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
		 "Via: SIP/2.0/%s %s:%d;rport;branch=z9hG4bK%s\r\n"
		 "Max-Forwards: 70\r\n"
		 "From: \"%s\" <sip:%s@%s>;tag=%s\r\n"
		 "To: <sip:%s@%s>\r\n"
		 "Call-ID: %s\r\n"
		 "CSeq: %u REGISTER\r\n"
		 "Contact: <sip:%s@%s:%d%s>\r\n"
		 "Expires: %u\r\n"
		 "%s%s%s"
		 "User-Agent: voffloadd\r\n"
		 "Content-Length: 0\r\n\r\n",
		 a->domain, vo_sip_proto(a), r->local, vo_reg_port, branch,
		 a->display_name,
		 a->user, a->domain, r->tag, a->user, a->domain, r->call_id,
		 ++r->cseq, a->user, r->local, vo_reg_port,
		 vo_sip_contact_param(a), expires, route,
		 r->auth.hdr[0], r->auth.hdr[1]);
	vo_auth_sending(&r->auth);
	if (vo_sip_request(text, &r->to, &r->client))
		vo_reg_fail(r, "could not send");
}

int vo_reg_start(const struct vo_config *cfg)
{
	unsigned int i;
	struct vo_reg *r;

	vo_reg_port = vo_sip_port();
	vo_reg_cfg = cfg;
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
		if (r->a->do_register)
			vo_reg_send(r, r->expires);
		else if (vo_reg_route(r) < 0)	/* for the trusted addresses */
			vo_warn("account %s: cannot resolve its proxy", r->a->name);
	}
	return 0;
}

void vo_reg_stop(unsigned int ms)
{
	uint64_t end = vo_now_ms() + ms;
	unsigned int i, left;

	for (i = 0; i < vo_nregs; i++) {
		vo_timer_cancel(&vo_regs[i].timer);
		vo_timer_cancel(&vo_regs[i].keepalive);
		vo_resolve_cancel(&vo_regs[i]);
		vo_regs[i].fresh = false;	/* unregister where we registered */
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

bool vo_reg_trusted(const struct vo_cfg_account *a,
		    const union vo_addr *from)
{
	unsigned int i;

	for (i = 0; i < vo_nregs; i++) {
		const struct vo_reg *r = &vo_regs[i];

		if (r->a != a)
			continue;
		int k;

		if (vo_addr_same_host(&r->to, from))
			return true;
		for (k = 0; k < r->ntargets; k++)
			if (vo_addr_same_host(&r->targets[k], from))
				return true;
	}
	return false;
}

void vo_reg_show(FILE *out)
{
	unsigned int i;

	for (i = 0; i < vo_nregs; i++) {
		const struct vo_reg *r = &vo_regs[i];

		fprintf(out, "account %s %s@%s state %s expires %u last %d"
			" keepalives %u\n", r->a->name, r->a->user, r->a->domain,
			vo_reg_names[r->state], r->state == VO_REG_REGISTERED ?
			r->granted : 0, r->last_status, r->keepalives);
	}
}
