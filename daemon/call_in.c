// SPDX-License-Identifier: GPL-2.0
/*
 * Requests we get. Only from the addresses of an account's outbound proxy
 * or registrar (vo_in_filter, before any transaction: a SIP scanner gets
 * no answer at all, as "allow requests from proxy only" does on ATAs;
 * ghost-call-protection = no turns that off, for peers calling directly),
 * and only for the user of an account (else 404).
 *
 * INVITE: 486 if the line is in use, 488 if no codec fits, else 180 and
 * the phone rings; off-hook sends 200 with our answer, again (T1
 * doubling to T2) until the ACK comes or 32 s pass (then BYE, RFC 3261
 * 13.3.1.4). CANCEL: 200, then 487 to the INVITE. BYE: 200, busy tone
 * until on-hook. re-INVITE: hold and resume through flow-set. OPTIONS:
 * 200 (proxies ping with it). Anything else: 405.
 */
#include <stdlib.h>
#include <string.h>

#include <linux/voffload.h>

#include "call.h"
#include "cid.h"
#include "lines.h"
#include "kernel.h"
#include "log.h"
#include "reg.h"
#include "tone.h"

#define VO_T1_MS	500
#define VO_T2_MS	4000
#define VO_ACK_WAIT_MS	32000
#define VO_RING_MS	180000	/* then 480, as ATAs' no-answer timeout */
#define VO_ALLOW	"Allow: INVITE, ACK, CANCEL, BYE, OPTIONS\r\n"

static unsigned long vo_in_refused;

bool vo_in_filter(osip_message_t *req, const union vo_addr *from)
{
	char hp[VO_ADDRSTRLEN];
	unsigned int i;

	if (!vo_calls_cfg->ghost_call_protection)
		return true;	/* peers that are not our proxies may call */
	for (i = 0; i < vo_calls_cfg->naccounts; i++)
		if (vo_reg_trusted(&vo_calls_cfg->accounts[i], from))
			return true;
	/* a scanner sends thousands: the first few are worth a line */
	if (vo_in_refused++ < 10)
		vo_warn("sip: %s from %s dropped: not from a proxy or"
			" registrar of ours", req->sip_method ? req->sip_method : "?",
			vo_addr_str(from, hp, sizeof(hp)));
	return false;
}

static const struct vo_cfg_account *vo_in_account(osip_message_t *req)
{
	unsigned int i;

	if (!req->req_uri || !req->req_uri->username)
		return NULL;
	for (i = 0; i < vo_calls_cfg->naccounts; i++)
		if (!strcmp(vo_calls_cfg->accounts[i].user, req->req_uri->username))
			return &vo_calls_cfg->accounts[i];
	return NULL;
}

/* The call whose dialog @req is in: Call-ID and both tags. */
static struct vo_call *vo_in_dialog(osip_message_t *req)
{
	osip_generic_param_t *ft = NULL, *tt = NULL;
	struct vo_call *c;
	char *cid = NULL;

	osip_from_get_tag(req->from, &ft);
	osip_to_get_tag(req->to, &tt);
	if (!ft || !tt || !ft->gvalue || !tt->gvalue ||
	    osip_call_id_to_str(req->call_id, &cid))
		return NULL;
	/* ours is the To tag, theirs the From tag, whichever side began */
	c = vo_call_by_dialog(cid, tt->gvalue, ft->gvalue);
	osip_free(cid);
	return c;
}

static int vo_in_respond(osip_transaction_t *tr, osip_message_t *req,
			 int status, const char *extra)
{
	return vo_sip_respond(tr, req, status, NULL, extra, NULL, NULL, NULL);
}

void vo_in_reject(struct vo_call *c, int status)
{
	if (c->ist)
		vo_sip_respond(c->ist, c->invite, status, c->dlg.local_tag, NULL,
			       NULL, NULL, NULL);
	c->last_status = status;
	vo_call_end(c, VO_TONE_NONE, status == 487 ? "cancelled by the caller" :
		    "rejected");
}

static void vo_in_retx(void *arg)
{
	struct vo_call *c = arg;

	if (!c->ok)
		return;
	if (c->retx_total >= VO_ACK_WAIT_MS) {
		vo_warn("line %u: no ACK to our 200", c->line);
		free(c->ok);
		c->ok = NULL;
		vo_dialog_send(c, "BYE", ++c->dlg.local_cseq, NULL, NULL, NULL,
			       &c->bye_client);
		vo_call_end(c, VO_TONE_REORDER, "no ACK");
		return;
	}
	vo_sip_send_raw(c->ok, &c->ok_to);
	c->retx_total += c->retx_ms;
	c->retx_ms = c->retx_ms * 2 > VO_T2_MS ? VO_T2_MS : c->retx_ms * 2;
	vo_timer_set(&c->retx_timer, c->retx_ms, vo_in_retx, c);
}

/*
 * Our address towards the offer's c= address: an IPv4 offer over IPv6
 * signalling (or the other way) is answered in the offer's family.
 */
int vo_call_media_addr(struct vo_call *c, union vo_addr *me)
{
	char host[INET6_ADDRSTRLEN + 2];
	union vo_addr to = c->media.sdp.remote;

	if (to.sa.sa_family == c->dlg.local.sa.sa_family) {
		*me = c->dlg.local;
		return 0;
	}
	return vo_sip_local(&to, me, host, sizeof(host));
}

/* A 2xx with our SDP, kept to send again until the ACK. */
static int vo_in_ok(struct vo_call *c, osip_transaction_t *tr,
		    osip_message_t *req)
{
	char sdp[1024], contact[VO_URI + 32];
	union vo_addr me;

	/* our RTP address: the media socket's family, not the dialog's */
	if (vo_call_media_addr(c, &me) ||
	    vo_sdp_answer(sdp, sizeof(sdp), &me, c->media.port,
			  &c->media.sdp, c->media.version++))
		return -1;
	vo_dialog_contact(c, contact, sizeof(contact));
	strncat(contact, VO_ALLOW, sizeof(contact) - strlen(contact) - 1);
	free(c->ok);
	c->ok = NULL;
	/* before the answer: sending it ends the transaction and @req */
	c->ok_cseq = strtoul(req->cseq->number, NULL, 10);
	if (vo_sip_respond(tr, req, 200, c->dlg.local_tag, contact,
			   "application/sdp", sdp, &c->ok))
		return -1;
	c->retx_ms = VO_T1_MS;
	c->retx_total = 0;
	vo_timer_set(&c->retx_timer, c->retx_ms, vo_in_retx, c);
	return 0;
}

void vo_in_answer(struct vo_call *c)
{
	if (!c->ist || vo_media_start(c) ||
	    vo_in_ok(c, c->ist, c->invite)) {
		vo_in_reject(c, 500);
		return;
	}
	c->ist = NULL;		/* the 2xx ends it */
	c->last_status = 200;
	vo_call_set_state(c, VO_CALL_TALKING);
}

/* The offer in @req into @m; -1 with the reason in @why (a 488). */
static int vo_in_offer(struct vo_call *c, osip_message_t *req,
		       struct vo_sdp_media *m, char *why, size_t len)
{
	osip_body_t *body = NULL;
	int ret;

	if (osip_message_get_body(req, 0, &body) < 0 || !body || !body->body) {
		snprintf(why, len, "no SDP offer");
		return -1;
	}
	ret = vo_sdp_parse(body->body, c->acct, m, why, len);
	if (ret == -2)
		vo_sip_count_malformed();
	if (ret)
		return -1;
	/* RFC 2543 hold: keep sending where we did (the flow needs one) */
	if (vo_addr_is_any(&m->remote) && vo_addr_port(&c->media.sdp.remote))
		m->remote = c->media.sdp.remote;
	return 0;
}

/*
 * The SDP of a message in an established call (a re-offer, or the answer
 * to our offer in a 2xx or an ACK): the same media socket, so the same
 * address family.
 */
int vo_call_sdp_update(struct vo_call *c, osip_message_t *req, char *why,
		       size_t len)
{
	struct vo_sdp_media m;

	/* a refused offer leaves the call's media as it was */
	if (vo_in_offer(c, req, &m, why, len))
		return -1;
	if (m.remote.sa.sa_family != c->media.family) {
		snprintf(why, len, "the media address family changed");
		return -1;
	}
	c->media.sdp = m;
	return 0;
}

/* The first offer: RTP sockets in the family of its c= address. */
static int vo_in_first_offer(struct vo_call *c, osip_message_t *req,
			     char *why, size_t len)
{
	struct vo_sdp_media m;

	if (vo_in_offer(c, req, &m, why, len))
		return 488;
	if (vo_media_open(&c->media, m.remote.sa.sa_family))
		return 503;
	c->media.sdp = m;
	return 0;
}

static void vo_in_no_answer(void *arg)
{
	struct vo_call *c = arg;

	if (c->state == VO_CALL_RINGING)
		vo_in_reject(c, 480);
}

static bool vo_in_has_body(osip_message_t *m)
{
	osip_body_t *body = NULL;

	return osip_message_get_body(m, 0, &body) >= 0 && body && body->body;
}

/*
 * A re-INVITE without an offer (RFC 3261 14.2; session refreshes, some
 * PBXs' re-routing): our offer, the stream as it is, goes in the 2xx and
 * the answer comes in the ACK (vo_in_ack_answer).
 */
static void vo_in_reinvite_offerless(osip_transaction_t *tr,
				     osip_message_t *req, struct vo_call *c)
{
	vo_info("line %u: re-INVITE without an offer: ours in the 200",
		c->line);
	unsigned int now = c->media.sdp.direction;

	/* the offer's direction; the media keeps its own until the answer */
	c->media.sdp.direction = c->held ? VOFFLOAD_DIRECTION_INACTIVE :
					   VOFFLOAD_DIRECTION_SENDRECV;
	c->answer_in_ack = true;
	if (vo_in_ok(c, tr, req)) {
		c->answer_in_ack = false;
		vo_in_respond(tr, req, 500, NULL);
	}
	c->media.sdp.direction = now;
}

static void vo_in_reinvite(osip_transaction_t *tr, osip_message_t *req,
			   struct vo_call *c, const union vo_addr *from)
{
	char why[80], warn[128];

	c->ok_to = *from;	/* our 2xx goes again to where it came from */
	if (c->state == VO_CALL_TALKING && !vo_in_has_body(req)) {
		vo_in_reinvite_offerless(tr, req, c);
		return;
	}

	if (c->state != VO_CALL_TALKING || vo_call_sdp_update(c, req, why, sizeof(why))) {
		snprintf(warn, sizeof(warn), "Warning: 304 voffloadd \"%s\"\r\n",
			 c->state != VO_CALL_TALKING ? "not in a call" : why);
		vo_in_respond(tr, req, 488, warn);
		return;
	}
	if (c->held) {	/* ours to resume: answered, no flow until then */
		c->media.sdp.direction = VOFFLOAD_DIRECTION_INACTIVE;
		if (vo_in_ok(c, tr, req))
			vo_in_respond(tr, req, 500, NULL);
		return;
	}
	vo_info("line %u: re-INVITE: %s", c->line,
		vo_sdp_direction(c->media.sdp.direction));
	if (vo_media_start(c) || vo_in_ok(c, tr, req))
		vo_in_respond(tr, req, 500, NULL);
}

/* Caller ID sent (or given up): now the phone rings. */
static void vo_in_cid_done(void *arg, bool ok)
{
	struct vo_call *c = arg;

	if (c->state == VO_CALL_RINGING)
		vo_kernel_ring(c->line, true);
}

/* Name and number: P-Asserted-Identity if the proxy gave one, else From. */
static void vo_in_identity(osip_message_t *req, char *num, size_t nlen,
			   char *name, size_t namelen)
{
	osip_header_t *pai = NULL;
	osip_from_t *id = NULL, *from = req->from;

	if (osip_message_header_get_byname(req, "p-asserted-identity", 0, &pai) >= 0 &&
	    pai && pai->hvalue && !osip_from_init(&id) &&
	    !osip_from_parse(id, pai->hvalue) && id->url)
		from = id;
	snprintf(num, nlen, "%s", from->url && from->url->username ?
		 from->url->username : "");
	name[0] = 0;
	if (from->displayname) {
		const char *d = from->displayname;
		size_t n = strlen(d);

		if (n >= 2 && d[0] == '"' && d[n - 1] == '"')
			snprintf(name, namelen, "%.*s", (int)(n - 2), d + 1);
		else
			snprintf(name, namelen, "%s", d);
	}
	osip_from_free(id);
}

/* Caller ID sent (or given up) after the first ring: ringing goes on. */
static void vo_in_cid_sent(void *arg, bool ok)
{
}

/*
 * When the first ring's silence has room for caller ID: ms from the start
 * of ringing, or -1. Telcordia GR-30: the message starts at least 500 ms
 * after the first ring ends and ends 200 ms before the second; a Bell 202
 * MDMF message with its seizure and marks takes under a second (cid.c).
 * The first silence of 1.5 s or more counts: GB's 0.2 s gap inside its
 * double ring does not.
 */
static int vo_in_cid_after_ring_ms(unsigned int line)
{
	const struct vo_kline *k = vo_line_kernel(line);
	unsigned int i, t = 0;

	for (i = 0; k && i < k->nsegments; t += k->cadence_ms[i++])
		if (i % 2 && k->cadence_ms[i] >= 1500)
			return t + 500;
	return -1;
}

static void vo_in_cid_send(struct vo_call *c, bool after_ring)
{
	enum vo_cid_standard std = c->lcfg->caller_id == VO_CFG_CID_V23 ?
				   VO_CID_V23 : VO_CID_BELL202;

	if (vo_kernel_oht(c->line, 2500) ||
	    vo_cid_send(c->line, std, *c->cid_num ? c->cid_num : NULL,
			*c->cid_name ? c->cid_name : NULL,
			after_ring ? vo_in_cid_sent : vo_in_cid_done, c)) {
		if (!after_ring)
			vo_kernel_ring(c->line, true);	/* without caller ID */
		return;
	}
	vo_info("line %u: caller id %s \"%s\" %s", c->line, c->cid_num,
		c->cid_name, after_ring ? "after the first ring" :
		"before the first ring");
}

static void vo_in_cid_timer(void *arg)
{
	struct vo_call *c = arg;

	if (c->state == VO_CALL_RINGING && !c->off_hook)
		vo_in_cid_send(c, true);
}

/*
 * Caller ID by on-hook transmission. Bell 202 between the first and the
 * second ring (Telcordia GR-30, what North American phones wait for);
 * ETSI V.23 before the first ring, after a polarity reversal (EN 300
 * 659-1's line reversal alert), as European ATAs send it. A cadence with
 * no long enough first silence gets Bell 202 before the first ring too.
 */
static void vo_in_caller_id(struct vo_call *c, osip_message_t *req)
{
	int std = c->lcfg ? c->lcfg->caller_id : VO_CFG_CID_OFF;
	int after;

	if (std == VO_CFG_CID_OFF) {
		vo_kernel_ring(c->line, true);
		return;
	}
	vo_in_identity(req, c->cid_num, sizeof(c->cid_num), c->cid_name,
		       sizeof(c->cid_name));
	after = std == VO_CFG_CID_BELL202 ? vo_in_cid_after_ring_ms(c->line) : -1;
	if (after >= 0) {
		vo_kernel_ring(c->line, true);
		vo_timer_set(&c->cid_timer, after, vo_in_cid_timer, c);
		return;
	}
	if (std == VO_CFG_CID_V23)
		vo_kernel_polarity(c->line, true);
	vo_in_cid_send(c, false);
}

/*
 * The INVITE we answered and whose ACK has not come: the same Call-ID,
 * From tag and CSeq (RFC 3261 17.2.3 would match it to the transaction,
 * but the 2xx ended that).
 */
static struct vo_call *vo_in_answered(osip_message_t *req)
{
	osip_generic_param_t *ft = NULL;
	struct vo_call *c;
	char *cid = NULL;

	osip_from_get_tag(req->from, &ft);
	if (!ft || !ft->gvalue || osip_call_id_to_str(req->call_id, &cid))
		return NULL;
	c = vo_call_by_id(cid, false);
	osip_free(cid);
	if (!c || !c->ok || strcmp(c->dlg.remote_tag, ft->gvalue) ||
	    strtoul(req->cseq->number, NULL, 10) != c->ok_cseq)
		return NULL;
	return c;
}

/*
 * Call waiting: the line's call is up and not on hold, the line allows it,
 * and its other slot is free (a third call gets 486).
 */
static bool vo_in_can_wait(const struct vo_call *c)
{
	return c->lcfg && c->lcfg->call_waiting && c->state == VO_CALL_TALKING &&
	       !c->held && c->twin->state == VO_CALL_IDLE;
}

static void vo_in_invite(osip_transaction_t *tr, osip_message_t *req,
			 const union vo_addr *from)
{
	osip_generic_param_t *tt = NULL;
	const struct vo_cfg_account *a;
	struct vo_call *c;
	char why[80], warn[128], contact[VO_URI + 32];
	bool waiting = false;
	char *s = NULL;
	int status;

	osip_to_get_tag(req->to, &tt);
	if (tt) {
		c = vo_in_dialog(req);
		if (c)
			vo_in_reinvite(tr, req, c, from);
		else
			vo_in_respond(tr, req, 481, NULL);
		return;
	}
	c = vo_in_answered(req);
	if (c) {	/* our 200 was lost: the caller sends its INVITE again */
		if (vo_in_ok(c, tr, req))
			vo_in_respond(tr, req, 500, NULL);
		return;
	}
	a = vo_in_account(req);
	c = a && a->line >= 0 ? vo_call_by_line(vo_calls_cfg->lines[a->line].id) :
	    NULL;
	if (!c) {
		vo_in_respond(tr, req, 404, NULL);
		return;
	}
	if (c->state != VO_CALL_IDLE || c->off_hook) {
		if (!vo_in_can_wait(c)) {
			c->rejected++;
			vo_in_respond(tr, req, 486, NULL);
			return;
		}
		c = c->twin;
		waiting = true;
	}
	if (vo_dialog_uas(&c->dlg, req)) {
		/* a Record-Route set we cannot keep whole, no Contact */
		vo_sip_count_malformed();
		vo_in_respond(tr, req, 400, "Warning: 399 voffloadd "
			      "\"unusable Record-Route or Contact\"\r\n");
		return;
	}
	status = vo_in_first_offer(c, req, why, sizeof(why));
	if (status) {
		snprintf(warn, sizeof(warn), "Warning: 304 voffloadd \"%s\"\r\n", why);
		vo_in_respond(tr, req, status, status == 488 ? warn : NULL);
		return;
	}
	c->outgoing = false;
	c->calls++;
	c->ist = tr;
	c->ok_to = *from;
	osip_message_clone(req, &c->invite);
	if (!osip_uri_to_str(req->from->url, &s)) {
		snprintf(c->peer, sizeof(c->peer), "%s", s);
		osip_free(s);
	}
	vo_dialog_contact(c, contact, sizeof(contact));
	vo_sip_respond(tr, req, 180, c->dlg.local_tag, contact, NULL, NULL, NULL);
	c->last_status = 180;
	vo_info("line %u: call from %s", c->line, c->peer);
	c->waiting = waiting;
	vo_call_set_state(c, VO_CALL_RINGING);
	/* a caller that never CANCELs must not ring the phone for ever */
	vo_timer_set(&c->ring_timer, VO_RING_MS, vo_in_no_answer, c);
	if (c->waiting)		/* into the call the phone is in */
		vo_tone_play(c->line, VO_TONE_CALLWAIT);
	else
		vo_in_caller_id(c, req);
}

/* The answer to the offer we put in a 2xx, in its ACK. */
static void vo_in_ack_answer(struct vo_call *c, osip_message_t *ack)
{
	char why[80];

	c->answer_in_ack = false;
	if (!vo_in_has_body(ack)) {
		vo_warn("line %u: an ACK without the answer to our offer",
			c->line);
		vo_sip_count_malformed();
		return;
	}
	if (vo_call_sdp_update(c, ack, why, sizeof(why))) {
		vo_warn("line %u: the answer in the ACK: %s; media unchanged",
			c->line, why);
		vo_sip_count_malformed();
		return;
	}
	vo_info("line %u: answer in the ACK: %s", c->line,
		vo_sdp_direction(c->media.sdp.direction));
	if (!c->held && vo_media_start(c))
		vo_warn("line %u: the ACK's answer: no flow", c->line);
}

static void vo_in_ack(osip_message_t *req)
{
	struct vo_call *c = vo_in_dialog(req);

	if (!c || !c->ok || strtoul(req->cseq->number, NULL, 10) != c->ok_cseq)
		return;
	free(c->ok);
	c->ok = NULL;
	vo_timer_cancel(&c->retx_timer);
	if (c->answer_in_ack)
		vo_in_ack_answer(c, req);
}

static void vo_in_cancel(osip_transaction_t *tr, osip_message_t *req)
{
	osip_generic_param_t *ft = NULL;
	struct vo_call *c;
	char *cid = NULL;

	osip_from_get_tag(req->from, &ft);
	if (osip_call_id_to_str(req->call_id, &cid)) {
		vo_sip_count_malformed();
		vo_in_respond(tr, req, 400, NULL);
		return;
	}
	c = vo_call_by_id(cid, false);
	osip_free(cid);
	if (!c || !c->ist || !ft || !ft->gvalue ||
	    strcmp(ft->gvalue, c->dlg.remote_tag) ||
	    strcmp(req->cseq->number, c->invite->cseq->number)) {
		vo_in_respond(tr, req, 481, NULL);
		return;
	}
	vo_in_respond(tr, req, 200, NULL);
	vo_in_reject(c, 487);
}

static void vo_in_bye(osip_transaction_t *tr, osip_message_t *req)
{
	struct vo_call *c = vo_in_dialog(req);

	if (!c) {
		vo_in_respond(tr, req, 481, NULL);
		return;
	}
	vo_in_respond(tr, req, 200, NULL);
	vo_call_end(c, VO_TONE_BUSY, "the far end hung up");
}

void vo_in_request(osip_transaction_t *tr, osip_message_t *req,
		   const union vo_addr *from)
{
	if (MSG_IS_ACK(req)) {
		vo_in_ack(req);
		return;
	}
	if (MSG_IS_INVITE(req)) {
		vo_in_invite(tr, req, from);
	} else if (MSG_IS_CANCEL(req)) {
		vo_in_cancel(tr, req);
	} else if (MSG_IS_BYE(req)) {
		vo_in_bye(tr, req);
	} else if (MSG_IS_OPTIONS(req)) {
		vo_in_respond(tr, req, 200, VO_ALLOW
			      "Accept: application/sdp\r\n");
	} else {
		vo_in_respond(tr, req, 405, VO_ALLOW);
	}
}

const struct vo_sip_server vo_call_server = {
	.filter = vo_in_filter,
	.request = vo_in_request,
	.stray_2xx = vo_out_stray_2xx,
};
