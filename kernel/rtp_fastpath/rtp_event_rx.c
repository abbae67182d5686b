// SPDX-License-Identifier: GPL-2.0
/*
 * RFC 4733 telephone events from the peer: a digit is played to the phone
 * as its two tones, in place of the call's audio, from its first packet
 * for the duration its end packet gives (2.5.2). Events skip the jitter
 * buffer: a digit's timing is in its duration field, not its arrival. A
 * digit whose end is lost stops when its packets stop. Each digit is also
 * reported to the daemon, at its start and at its end.
 */
#include "flow.h"
#include "rtp.h"

/* RFC 4733 3.2: events 0-15 are DTMF; flash (16) and fax tones are not. */
#define VO_REV_LAST_DIGIT	15
/* No packet of a digit for this long: its end was lost. */
#define VO_REV_LOST_END_MS	300

void vo_flow_rev_reset(struct vo_flow *flow)
{
	memset(&flow->rev, 0, sizeof(flow->rev));
}

static u32 vo_flow_rev_ms(const struct vo_flow *flow, u32 units)
{
	return units * 1000 / vo_flow_rtp_rate(flow);
}

static void vo_flow_rev_report(struct vo_flow *flow, u32 duration_ms)
{
	struct vo_flow_dtmf_ev ev = {
		.digit = flow->rev.digit,
		.duration_ms = duration_ms,
	};

	/* A full queue loses the report, never the tones. */
	if (kfifo_put(&flow->dtmf_events, ev))
		vo_flow_event(flow, VO_FLOW_EV_DTMF);
}

/* The digit playing stops, and the daemon hears how long it was. */
static void vo_flow_rev_finish(struct vo_flow *flow)
{
	struct vo_flow_rev *r = &flow->rev;

	if (!r->ended)
		vo_flow_rev_report(flow, vo_flow_rev_ms(flow, r->duration));
	r->ended = true;
	r->playing = false;
}

static void vo_flow_rev_start(struct vo_flow *flow,
			      const struct vo_rtp_event *ev, u32 ts,
			      ktime_t now)
{
	struct vo_flow_rev *r = &flow->rev;

	if (r->playing)
		vo_flow_rev_finish(flow);	/* its end was lost */
	r->seen = true;
	r->playing = true;
	r->ended = false;
	r->digit = ev->event;
	r->ts = ts;
	r->since = now;
	vo_dtmf_gen_start(&r->gen, flow->rate, ev->event,
			  -(int)(ev->erv & VO_RTP_EVENT_VOLUME));
	flow->stats.rx_events++;
	vo_flow_rev_report(flow, 0);
}

void vo_rtp_event_rx(struct vo_flow *flow, const struct sk_buff *skb,
		     const struct vo_rtp_pkt *pkt)
{
	struct vo_flow_rev *r = &flow->rev;
	struct vo_rtp_event ev;
	ktime_t now = ktime_get();

	if (pkt->payload_len < sizeof(ev) ||
	    skb_copy_bits(skb, pkt->payload_off, &ev, sizeof(ev)) ||
	    ev.event > VO_REV_LAST_DIGIT) {
		flow->stats.rx_events_ignored++;
		return;
	}
	if (r->seen && (s32)(pkt->ts - r->ts) < 0)
		return;			/* a late packet of an earlier digit */
	if (!r->seen || pkt->ts != r->ts)
		vo_flow_rev_start(flow, &ev, pkt->ts, now);
	else if (r->ended)
		return;			/* the end's repeats */
	r->last = now;
	r->duration = be16_to_cpu(ev.duration);
	if (ev.erv & VO_RTP_EVENT_END) {
		vo_flow_rev_report(flow, vo_flow_rev_ms(flow, r->duration));
		r->ended = true;
	}
}

void vo_flow_rev_playout(struct vo_flow *flow, s16 *to_phone, unsigned int n,
			 ktime_t now)
{
	struct vo_flow_rev *r = &flow->rev;

	if (!r->playing)
		return;
	if (r->ended ? ktime_ms_delta(now, r->since) >=
		       vo_flow_rev_ms(flow, r->duration) :
		       ktime_ms_delta(now, r->last) >= VO_REV_LOST_END_MS) {
		vo_flow_rev_finish(flow);
		return;
	}
	vo_dtmf_gen_fill(&r->gen, to_phone, n);
}
