// SPDX-License-Identifier: GPL-2.0
/*
 * Hold and resume of a call we put on hold (call waiting's flash): a
 * re-INVITE in the dialog with our SDP, a=inactive to hold, a=sendrecv to
 * resume (RFC 3264 8.4; inactive, not sendonly, because a held call has
 * no kernel flow: we neither send nor receive). The line has one flow, so
 * holding deletes the call's flow at once and resuming makes it again
 * with the SDP we had; the answer's 2xx is ACKed and may move the far
 * end's address. A refused or lost re-INVITE leaves the local state as
 * it is: what the phone hears is decided here, not by the far end.
 */
#include <stddef.h>
#include <string.h>

#include <linux/voffload.h>

#include "call.h"
#include "log.h"

static struct vo_call *vo_hold_call(struct vo_sip_client *cl)
{
	return (struct vo_call *)((char *)cl -
				  offsetof(struct vo_call, reinvite_client));
}

/* A resume's answer: where the far end now wants its RTP. */
static void vo_hold_answer(struct vo_call *c, osip_message_t *resp)
{
	char why[80];

	if (c->held)
		return;
	if (vo_call_sdp_update(c, resp, why, sizeof(why))) {
		vo_warn("line %u: resume answer: %s; the media stays", c->line,
			why);
		return;
	}
	if (c->media.flow)
		vo_media_start(c);	/* flow-set */
}

static void vo_hold_response(struct vo_sip_client *cl, osip_message_t *resp)
{
	struct vo_call *c = vo_hold_call(cl);
	int status = osip_message_get_status_code(resp);

	if (c->state != VO_CALL_TALKING)
		return;
	if (status < 200 || status >= 300) {
		vo_warn("line %u: %s re-INVITE answered %d", c->line,
			c->held ? "hold" : "resume", status);
		return;
	}
	/* RFC 3261 13.2.2.4: the ACK of a 2xx is the dialog's, not the ICT's */
	vo_dialog_send(c, "ACK", c->reinvite_cseq, NULL, NULL, NULL, NULL);
	vo_hold_answer(c, resp);
}

static void vo_hold_failed(struct vo_sip_client *cl)
{
	struct vo_call *c = vo_hold_call(cl);

	vo_warn("line %u: %s re-INVITE got no answer", c->line,
		c->held ? "hold" : "resume");
}

void vo_hold_init(struct vo_call *c)
{
	c->reinvite_client.response = vo_hold_response;
	c->reinvite_client.failed = vo_hold_failed;
}

int vo_hold(struct vo_call *c, bool hold)
{
	char sdp[1024];
	union vo_addr me;

	c->held = hold;
	c->media.sdp.direction = hold ? VOFFLOAD_DIRECTION_INACTIVE :
					VOFFLOAD_DIRECTION_SENDRECV;
	if (hold)
		vo_media_stop(&c->media);
	else if (vo_media_start(c))
		vo_warn("line %u: resume: no flow", c->line);
	vo_info("line %u: %s %s", c->line, hold ? "holding" : "resuming",
		c->peer);
	if (vo_call_media_addr(c, &me) ||
	    vo_sdp_answer(sdp, sizeof(sdp), &me, c->media.port, &c->media.sdp,
			  ++c->media.version))
		return -1;
	c->reinvite_cseq = ++c->dlg.local_cseq;
	return vo_dialog_send(c, "INVITE", c->reinvite_cseq, NULL,
			      "application/sdp", sdp, &c->reinvite_client);
}
