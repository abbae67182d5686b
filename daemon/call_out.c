// SPDX-License-Identifier: GPL-2.0
/*
 * Calls we make: INVITE with our offer through the outbound proxy (or to
 * the domain), ringback on 180, early media on 183 with SDP, the flow on
 * 2xx, ACK; 401/407 answered once per nonce; 3xx followed to the
 * Contacts in q order, at most VO_REDIRECTS times and never to a URI
 * tried before (a redirect loop ends there); CANCEL when the phone hangs
 * up first, sent once the far end has said something (RFC 3261 9.1).
 */
#include <stdlib.h>
#include <string.h>

#include <linux/voffload.h>

#include "call.h"
#include "log.h"
#include "resolve.h"
#include "tone.h"

#define VO_CLEAR_MS	32000	/* timer B: the CANCELled INVITE ends */

static bool vo_out_failover(struct vo_call *c);

static struct vo_call *vo_out_of(struct vo_sip_client *cl)
{
	return (struct vo_call *)((char *)cl -
				  offsetof(struct vo_call, invite_client));
}

/* Is @m about @c's current INVITE (not one from an older call)? */
static bool vo_out_current(const struct vo_call *c, osip_message_t *m)
{
	return m && m->call_id && m->call_id->number && m->cseq &&
	       !strcmp(c->dlg.call_id, m->call_id->number) &&
	       strtoul(m->cseq->number, NULL, 10) == c->invite_cseq;
}

static int vo_out_send_invite(struct vo_call *c)
{
	const struct vo_cfg_account *a = c->acct;
	char text[8192], sdp[1024], route[VO_CFG_STR + 32] = "";
	char contact[VO_URI + 32];
	int n;

	/* our RTP in the family of the proxy we send the INVITE to */
	if (vo_sip_local(&c->invite_to, &c->dlg.local, c->dlg.local_ip,
			 sizeof(c->dlg.local_ip)) ||
	    vo_media_family(&c->media, c->invite_to.sa.sa_family) ||
	    vo_sdp_offer(sdp, sizeof(sdp), &c->dlg.local, c->media.port, a,
			 c->media.version, VOFFLOAD_DIRECTION_SENDRECV))
		return -1;
	if (*a->outbound_proxy)
		snprintf(route, sizeof(route), "Route: <sip:%s;lr>\r\n",
			 a->outbound_proxy);
	vo_dialog_contact(c, contact, sizeof(contact));
	vo_sip_token(c->branch, sizeof(c->branch));
	c->invite_cseq = ++c->dlg.local_cseq;
	n = snprintf(text, sizeof(text),
		     "INVITE %s SIP/2.0\r\n"
		     "Via: SIP/2.0/%s %s:%u;rport;branch=z9hG4bK%s\r\n"
		     "Max-Forwards: 70\r\n"
		     "From: %s;tag=%s\r\nTo: %s\r\n"
		     "Call-ID: %s\r\nCSeq: %u INVITE\r\n"
		     "%s%s%s%s"
		     "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS\r\n"
		     "User-Agent: voffloadd\r\n"
		     "Content-Type: application/sdp\r\n"
		     "Content-Length: %zu\r\n\r\n%s",
		     c->req_uri, vo_sip_proto(a), c->dlg.local_ip, vo_sip_port(),
		     c->branch, c->dlg.local_uri, c->dlg.local_tag, c->dlg.remote_uri,
		     c->dlg.call_id, c->invite_cseq, route, contact,
		     c->auth.hdr[0], c->auth.hdr[1], strlen(sdp), sdp);
	if (n >= (int)sizeof(text))
		return -1;
	vo_auth_sending(&c->auth);
	c->provisional = false;
	return vo_sip_request(text, &c->invite_to, &c->invite_client);
}

static void vo_out_fail(struct vo_call *c, int status, const char *why)
{
	int tone = status == 486 || status == 600 || status == 603 ?
		   VO_TONE_BUSY : VO_TONE_REORDER;

	c->last_status = status;
	vo_call_end(c, tone, why);
}

static void vo_out_cancel_done(struct vo_sip_client *cl, osip_message_t *m)
{
}

static void vo_out_cancel_failed(struct vo_sip_client *cl)
{
}

static void vo_out_send_cancel(struct vo_call *c)
{
	char text[4096], route[VO_CFG_STR + 32] = "";

	if (*c->acct->outbound_proxy)
		snprintf(route, sizeof(route), "Route: <sip:%s;lr>\r\n",
			 c->acct->outbound_proxy);
	/* RFC 3261 9.1: the INVITE's Request-URI, top Via, Call-ID, From, To */
	snprintf(text, sizeof(text),
		 "CANCEL %s SIP/2.0\r\n"
		 "Via: SIP/2.0/%s %s:%u;rport;branch=z9hG4bK%s\r\n"
		 "Max-Forwards: 70\r\n"
		 "From: %s;tag=%s\r\nTo: %s\r\n"
		 "Call-ID: %s\r\nCSeq: %u CANCEL\r\n%s"
		 "Content-Length: 0\r\n\r\n",
		 c->req_uri, vo_sip_proto(c->acct), c->dlg.local_ip, vo_sip_port(),
		 c->branch, c->dlg.local_uri, c->dlg.local_tag, c->dlg.remote_uri,
		 c->dlg.call_id, c->invite_cseq, route);
	c->cancel_client.response = vo_out_cancel_done;
	c->cancel_client.failed = vo_out_cancel_failed;
	vo_sip_request(text, &c->invite_to, &c->cancel_client);
}

static void vo_out_cleared(void *arg)
{
	struct vo_call *c = arg;

	if (c->state != VO_CALL_CLEARING)
		return;
	vo_sip_abandon(&c->invite_client);	/* its 487 never came */
	vo_call_end(c, VO_TONE_NONE, "cancelled");
}

void vo_out_hangup(struct vo_call *c)
{
	if (c->resolving) {	/* nothing sent yet */
		vo_resolve_cancel(c);
		c->resolving = false;
		vo_call_end(c, VO_TONE_NONE, "hung up while dialling");
		return;
	}
	/* a CANCEL now, or when the first provisional comes: once */
	c->cancel = !c->provisional;
	vo_media_close(&c->media);
	vo_call_set_state(c, VO_CALL_CLEARING);
	if (c->provisional)
		vo_out_send_cancel(c);
	/* the INVITE's end (487, or a 2xx to ACK and BYE) comes by then */
	vo_timer_set(&c->clear_timer, VO_CLEAR_MS, vo_out_cleared, c);
}

/* Early media (183 or 180 with SDP) or the answer in the 2xx. */
static int vo_out_media(struct vo_call *c, osip_message_t *m)
{
	osip_body_t *body = NULL;
	char why[80];

	if (osip_message_get_body(m, 0, &body) < 0 || !body || !body->body)
		return 1;
	if (vo_sdp_parse(body->body, c->acct, &c->media.sdp, why, sizeof(why))) {
		vo_warn("line %u: the answer's SDP: %s", c->line, why);
		return -1;
	}
	vo_tone_stop(c->line);
	return vo_media_start(c);
}

static void vo_out_provisional(struct vo_sip_client *cl, osip_message_t *m)
{
	struct vo_call *c = vo_out_of(cl);
	int status = osip_message_get_status_code(m);

	if (!vo_out_current(c, m))
		return;
	c->provisional = true;
	if (c->state == VO_CALL_CLEARING) {
		if (c->cancel) {
			vo_out_send_cancel(c);
			c->cancel = false;	/* once */
		}
		return;
	}
	if (status == 100)
		return;
	c->last_status = status;
	if (vo_out_media(c, m) == 1 && status == 180)
		vo_tone_play(c->line, VO_TONE_RINGBACK);
	vo_call_set_state(c, VO_CALL_ALERTING);
}

static int vo_out_ack(struct vo_call *c)
{
	return vo_dialog_send(c, "ACK", c->invite_cseq, NULL, NULL, NULL, NULL);
}

static void vo_out_2xx(struct vo_call *c, osip_message_t *m)
{
	if (vo_dialog_uac(&c->dlg, m)) {
		vo_warn("line %u: a 2xx without To tag or Contact", c->line);
		vo_sip_count_malformed();
		vo_out_fail(c, 500, "bad 2xx");
		return;
	}
	vo_out_ack(c);
	if (c->state == VO_CALL_CLEARING) {	/* answered as we hung up */
		vo_dialog_send(c, "BYE", ++c->dlg.local_cseq, NULL, NULL, NULL,
			       &c->bye_client);
		vo_timer_cancel(&c->clear_timer);
		vo_call_end(c, VO_TONE_NONE, "answered after CANCEL");
		return;
	}
	if (vo_out_media(c, m)) {
		vo_dialog_send(c, "BYE", ++c->dlg.local_cseq, NULL, NULL, NULL,
			       &c->bye_client);
		vo_out_fail(c, 488, "no usable answer");
		return;
	}
	vo_call_set_state(c, VO_CALL_TALKING);
}

static void vo_out_fork_done(struct vo_sip_client *cl, osip_message_t *m)
{
}

static void vo_out_fork_failed(struct vo_sip_client *cl)
{
}

/* The BYEs to forks: nothing waits for their outcome. */
static struct vo_sip_client vo_out_fork_client = {
	.response = vo_out_fork_done,
	.failed = vo_out_fork_failed,
};

/*
 * A 2xx from another branch of a forked INVITE (RFC 3261 13.2.2.4): a
 * second dialog, which a phone cannot take. It is ACKed and BYEd at once,
 * from a copy of the call pointed at that dialog (its To tag, Contact and
 * route set); the call itself goes on with the first answer.
 */
static void vo_out_fork_bye(struct vo_call *c, osip_message_t *resp)
{
	struct vo_call *f = malloc(sizeof(*f));

	if (!f)
		return;
	memcpy(f, c, sizeof(*f));
	if (!vo_dialog_uac(&f->dlg, resp)) {
		vo_info("line %u: a second 2xx, to tag %s: ACK and BYE", c->line,
			f->dlg.remote_tag);
		vo_dialog_send(f, "ACK", c->invite_cseq, NULL, NULL, NULL, NULL);
		vo_dialog_send(f, "BYE", c->invite_cseq + 1, NULL, NULL, NULL,
			       &vo_out_fork_client);
	}
	free(f);
}

/*
 * A 2xx outside any transaction: ours came again because our ACK was lost
 * (to the INVITE of an outgoing call, or to hold.c's re-INVITE of either
 * kind), or a second branch of a forked INVITE answered.
 */
void vo_out_stray_2xx(osip_message_t *resp, const union vo_addr *from)
{
	osip_generic_param_t *ft = NULL, *tt = NULL;
	unsigned long cseq;
	struct vo_call *c;

	if (!resp->call_id || !resp->call_id->number || !resp->cseq ||
	    !resp->cseq->number)
		return;
	cseq = strtoul(resp->cseq->number, NULL, 10);
	osip_from_get_tag(resp->from, &ft);
	osip_to_get_tag(resp->to, &tt);
	c = ft && ft->gvalue && tt && tt->gvalue ?
	    vo_call_by_dialog(resp->call_id->number, ft->gvalue, tt->gvalue) :
	    NULL;
	if (c) {
		if (c->state != VO_CALL_TALKING)
			return;
		if (cseq == c->reinvite_cseq)
			vo_dialog_send(c, "ACK", cseq, NULL, NULL, NULL, NULL);
		else if (c->outgoing && cseq == c->invite_cseq)
			vo_out_ack(c);
		return;
	}
	c = vo_call_by_id(resp->call_id->number, true);
	if (c && vo_out_current(c, resp) && c->state == VO_CALL_TALKING)
		vo_out_fork_bye(c, resp);
}

/* 3xx: the first Contact by q that was not tried, as the next target. */
static int vo_out_redirect(struct vo_call *c, osip_message_t *m)
{
	osip_contact_t *ct, *best = NULL;
	osip_generic_param_t *q;
	float bq = -1, cq;
	char *s = NULL;
	int i;

	if (++c->redirects > VO_REDIRECTS)
		return -1;
	for (i = 0; !osip_message_get_contact(m, i, &ct) && ct; i++) {
		if (!ct->url || osip_uri_to_str(ct->url, &s))
			continue;
		q = NULL;
		osip_contact_param_get_byname(ct, "q", &q);
		cq = q && q->gvalue ? strtof(q->gvalue, NULL) : 1.0f;
		/* a URI tried before is a loop */
		if (strcmp(s, c->req_uri) && cq > bq) {
			best = ct;
			bq = cq;
		}
		osip_free(s);
	}
	if (!best || osip_uri_to_str(best->url, &s))
		return -1;
	vo_info("line %u: redirected to %s", c->line, s);
	snprintf(c->req_uri, sizeof(c->req_uri), "%s", s);
	osip_free(s);
	/* with no outbound proxy, straight to where the Contact points */
	if (!*c->acct->outbound_proxy && vo_dialog_hop(best->url, &c->invite_to))
		return -1;
	return 0;
}

static void vo_out_again(void *arg)
{
	struct vo_call *c = arg;

	if (c->state == VO_CALL_CALLING && vo_out_send_invite(c))
		vo_out_fail(c, 500, "could not send the INVITE");
}

static void vo_out_response(struct vo_sip_client *cl, osip_message_t *m)
{
	struct vo_call *c = vo_out_of(cl);
	int status = osip_message_get_status_code(m);
	char why[64];

	if (!vo_out_current(c, m))
		return;
	c->last_status = status;
	if (status >= 200 && status < 300) {
		vo_out_2xx(c, m);
		return;
	}
	if (c->state == VO_CALL_CLEARING) {
		vo_timer_cancel(&c->clear_timer);
		vo_call_end(c, VO_TONE_NONE, "cancelled");
		return;
	}
	/* a new INVITE from a timer: this runs inside libosip2 */
	if (((status == 401 || status == 407) &&
	     !vo_auth_answer(&c->auth, c->acct, m, status, "INVITE", c->req_uri)) ||
	    (status >= 300 && status < 400 && !vo_out_redirect(c, m))) {
		vo_call_set_state(c, VO_CALL_CALLING);
		vo_timer_set(&c->retx_timer, 0, vo_out_again, c);
		return;
	}
	if (status == 503 && vo_out_failover(c))
		return;
	snprintf(why, sizeof(why), "%d %s", status,
		 m->reason_phrase ? m->reason_phrase : "");
	vo_out_fail(c, status, why);
}

/* No answer or a 503 from this proxy: the next one of its SRV/A records. */
static bool vo_out_failover(struct vo_call *c)
{
	char hp[VO_ADDRSTRLEN];

	if (c->provisional || c->cur + 1 >= c->ntargets)
		return false;
	c->invite_to = c->targets[++c->cur];
	vo_info("line %u: trying %s, the next target", c->line,
		vo_addr_str(&c->invite_to, hp, sizeof(hp)));
	vo_call_set_state(c, VO_CALL_CALLING);
	vo_timer_set(&c->retx_timer, 0, vo_out_again, c);
	return true;
}

static void vo_out_failed(struct vo_sip_client *cl)
{
	struct vo_call *c = vo_out_of(cl);

	if (c->state == VO_CALL_CALLING && vo_out_failover(c))
		return;
	if (c->state == VO_CALL_CLEARING) {
		vo_timer_cancel(&c->clear_timer);
		vo_call_end(c, VO_TONE_NONE, "cancelled");
	} else if (c->state == VO_CALL_CALLING || c->state == VO_CALL_ALERTING) {
		vo_out_fail(c, 408, "no answer to the INVITE");
	}
}

static void vo_out_resolved(void *arg, const union vo_addr *to, int n)
{
	struct vo_call *c = arg;

	c->resolving = false;
	if (c->state != VO_CALL_CALLING)
		return;
	if (!n) {
		vo_out_fail(c, 503, "cannot resolve the proxy");
		return;
	}
	memcpy(c->targets, to, n * sizeof(*to));
	c->ntargets = n;
	c->cur = 0;
	c->invite_to = to[0];
	if (vo_out_send_invite(c))
		vo_out_fail(c, 503, "could not send the INVITE");
}

void vo_out_start(struct vo_call *c)
{
	const struct vo_cfg_account *a = c->acct;
	const char *next = *a->outbound_proxy ? a->outbound_proxy :
			   *a->registrar ? a->registrar : a->domain;

	c->outgoing = true;
	c->calls++;
	c->redirects = 0;
	c->cancel = false;
	memset(&c->auth, 0, sizeof(c->auth));
	memset(&c->dlg, 0, sizeof(c->dlg));
	vo_sip_token(c->dlg.call_id, 33);
	vo_sip_token(c->dlg.local_tag, 17);
	snprintf(c->dlg.local_uri, sizeof(c->dlg.local_uri),
		 "\"%s\" <sip:%s@%s>", a->display_name, a->user, a->domain);
	snprintf(c->req_uri, sizeof(c->req_uri), "sip:%s@%s", c->dialled,
		 a->domain);
	snprintf(c->dlg.remote_uri, sizeof(c->dlg.remote_uri), "<%s>",
		 c->req_uri);
	snprintf(c->peer, sizeof(c->peer), "%s", c->req_uri);
	c->invite_client.provisional = vo_out_provisional;
	c->invite_client.response = vo_out_response;
	c->invite_client.failed = vo_out_failed;
	vo_info("line %u: calling %s", c->line, c->req_uri);
	vo_call_set_state(c, VO_CALL_CALLING);
	c->resolving = true;
	/* IPv4 until the proxy's address says otherwise: a free port now */
	if (vo_media_open(&c->media, AF_INET) ||
	    vo_resolve(next, a->transport, vo_out_resolved, c)) {
		c->resolving = false;
		vo_out_fail(c, 503, "could not send the INVITE");
	}
}
