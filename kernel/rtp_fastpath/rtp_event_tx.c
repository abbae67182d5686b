// SPDX-License-Identifier: GPL-2.0
/*
 * Sending the digits the phone dials as RFC 4733 telephone events. The
 * line's detector reports a digit's start some 30-40 ms into the tone;
 * from then on each ptime's packet is an event packet instead of audio,
 * so the rest of the tone is muted. The tone that went out before the
 * detection is shorter than the 40 ms a receiver's Q.24 detector needs,
 * so it is not heard as a second digit. The event is dated back to the
 * tone's start (RFC 4733 2.5.1.1), so the durations the far end sees are
 * the phone's. At the tone's end the final packet goes three times
 * (2.5.1.4), each with its own sequence number, then audio resumes.
 */
#include "fastpath.h"
#include "flow.h"
#include "rtp.h"

/* RFC 4733 2.3.4: the volume field; -10 dBm0 is a usual dialling level. */
#define VO_TEV_VOLUME		10
#define VO_TEV_END_REPEATS	3
/* The duration field is 16 bits; longer digits stay at the maximum. */
#define VO_TEV_DURATION_MAX	0xffff

void vo_flow_tev_reset(struct vo_flow *flow)
{
	memset(&flow->tev, 0, sizeof(flow->tev));
}

static void vo_flow_tev_start(struct vo_flow *flow, u8 digit, u32 back)
{
	struct vo_flow_tev *t = &flow->tev;
	u32 scale = vo_flow_ts_scale(flow);

	vo_flow_tev_reset(flow);
	t->active = true;
	t->digit = digit;
	/* the sample now being gathered, less the detection's delay */
	t->start_ts = flow->tx.ts + flow->tx.fill / scale - back / scale;
	flow->stats.tx_events++;
}

static void vo_flow_tev_end(struct vo_flow *flow, u8 digit, u32 length)
{
	struct vo_flow_tev *t = &flow->tev;

	if (!t->active || t->ended || t->digit != digit)
		return;
	t->ended = true;
	t->end_left = VO_TEV_END_REPEATS;
	t->duration = min(length / vo_flow_ts_scale(flow), VO_TEV_DURATION_MAX);
}

void vo_flow_dtmf_detected(struct vo_flow *flow, u8 digit, bool end,
			   u32 samples)
{
	if (!flow)
		return;
	spin_lock(&flow->lock);
	if (flow->cfg.tx_event_pt >= 0 && vo_flow_sends(flow)) {
		if (end)
			vo_flow_tev_end(flow, digit, samples);
		else
			vo_flow_tev_start(flow, digit, samples);
	}
	spin_unlock(&flow->lock);
}

/* Event units from the tone's start to the end of this packet's time. */
static u32 vo_flow_tev_duration(const struct vo_flow *flow)
{
	const struct vo_flow_tev *t = &flow->tev;
	u32 until = flow->tx.ts + flow->tx.fill / vo_flow_ts_scale(flow);

	if (t->ended)
		return t->duration;
	return min(until - t->start_ts, VO_TEV_DURATION_MAX);
}

struct sk_buff *vo_rtp_event_build(struct vo_flow *flow,
				   struct vo_rtp_dest *dest)
{
	struct vo_flow_tev *t = &flow->tev;
	struct vo_rtp_event *ev;
	struct sk_buff *skb;

	skb = vo_rtp_tx_alloc(flow, flow->cfg.tx_event_pt, !t->started,
			      t->start_ts, sizeof(*ev), dest);
	if (!skb)
		return NULL;
	ev = skb_put(skb, sizeof(*ev));
	ev->event = t->digit;
	ev->erv = (t->ended ? VO_RTP_EVENT_END : 0) | VO_TEV_VOLUME;
	ev->duration = cpu_to_be16(vo_flow_tev_duration(flow));
	flow->stats.tx_octets += sizeof(*ev);
	t->started = true;
	if (t->ended && !--t->end_left)
		t->active = false;	/* audio again from the next packet */
	return skb;
}
