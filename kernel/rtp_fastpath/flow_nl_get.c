// SPDX-License-Identifier: GPL-2.0
/*
 * flow-get (do and dump) and flow-event: a flow as netlink attributes.
 * Reading the counters moves RFC 3550's fraction-lost interval on, so the
 * daemon reads them once per RTCP report.
 */
#include <net/genetlink.h>

#include "../voffload.h"
#include "../slic/slic.h"
#include "fastpath.h"
#include "flow.h"

struct vo_flow_stat_field {
	int type;
	size_t off;
	bool is32;
};

#define VO_FSTAT(attr, field) { VOFFLOAD_A_FLOW_STATS_##attr, \
	offsetof(struct vo_flow_stats, field), false }
#define VO_FSTAT32(attr, field) { VOFFLOAD_A_FLOW_STATS_##attr, \
	offsetof(struct vo_flow_stats, field), true }

static const struct vo_flow_stat_field vo_flow_stat_fields[] = {
	VO_FSTAT(TX_PACKETS, tx_packets),
	VO_FSTAT(TX_OCTETS, tx_octets),
	VO_FSTAT(RX_PACKETS, rx_packets),
	VO_FSTAT(RX_OCTETS, rx_octets),
	VO_FSTAT(LOST, lost),
	VO_FSTAT32(FRACTION_LOST, fraction_lost),
	VO_FSTAT32(JITTER, jitter),
	VO_FSTAT32(EXT_MAX_SEQ, ext_max_seq),
	VO_FSTAT(LATE, late),
	VO_FSTAT(DUPLICATE, duplicate),
	VO_FSTAT(REORDERED, reordered),
	VO_FSTAT(BAD_HEADER, bad_header),
	VO_FSTAT(WRONG_SOURCE, wrong_source),
	VO_FSTAT(WRONG_PT, wrong_pt),
	VO_FSTAT(TOO_SHORT, too_short),
	VO_FSTAT(PASSED_UP, passed_up),
	VO_FSTAT(WRONG_SSRC, wrong_ssrc),
	VO_FSTAT(TX_EVENTS, tx_events),
	VO_FSTAT(RX_EVENTS, rx_events),
	VO_FSTAT(RX_EVENTS_IGNORED, rx_events_ignored),
	VO_FSTAT32(JB_DELAY_MS, jb_delay_ms),
	VO_FSTAT32(JB_TARGET_MS, jb_target_ms),
	VO_FSTAT(JB_UNDERFLOWS, jb_underflows),
	VO_FSTAT(JB_OVERFLOWS, jb_overflows),
	VO_FSTAT(JB_CONCEALED_FRAMES, jb_concealed_frames),
	VO_FSTAT(JB_CN_FRAMES, jb_cn_frames),
	VO_FSTAT(JB_RESYNCS, jb_resyncs),
	VO_FSTAT(JB_DROPPED_SAMPLES, jb_dropped_samples),
	VO_FSTAT(JB_INSERTED_SAMPLES, jb_inserted_samples),
	VO_FSTAT32(JB_DRIFT_PPM, jb_drift_ppm),	/* an s32, as its bits */
	VO_FSTAT32(TX_RTP_TS, tx_rtp_ts),
	VO_FSTAT(TX_RTP_TS_NS, tx_rtp_ts_ns),
};

static int vo_flow_put_stats(struct sk_buff *msg, struct vo_flow *flow)
{
	const struct vo_flow_stat_field *f = vo_flow_stat_fields;
	struct vo_flow_stats st;
	struct nlattr *nest;
	const u8 *p;

	vo_flow_stats_read(flow, &st, true);
	nest = nla_nest_start(msg, VOFFLOAD_A_FLOW_STATS);
	if (!nest)
		return -EMSGSIZE;
	for (; f < vo_flow_stat_fields + ARRAY_SIZE(vo_flow_stat_fields); f++) {
		p = (const u8 *)&st + f->off;
		if (f->is32 ? nla_put_u32(msg, f->type, *(const u32 *)p) :
		    nla_put_u64_64bit(msg, f->type, *(const u64 *)p,
				      VOFFLOAD_A_FLOW_STATS_PAD))
			return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

static int vo_flow_put_remote(struct sk_buff *msg, const struct vo_flow_cfg *c)
{
	if (c->remote.family == AF_INET)
		return nla_put_in_addr(msg, VOFFLOAD_A_FLOW_REMOTE_IPV4,
				       c->remote.v4.sin_addr.s_addr) ||
		       nla_put_be16(msg, VOFFLOAD_A_FLOW_REMOTE_PORT,
				    c->remote.v4.sin_port);
	return nla_put_in6_addr(msg, VOFFLOAD_A_FLOW_REMOTE_IPV6,
				&c->remote.v6.sin6_addr) ||
	       nla_put_be16(msg, VOFFLOAD_A_FLOW_REMOTE_PORT,
			    c->remote.v6.sin6_port);
}

static int vo_flow_put_jitter(struct sk_buff *msg, const struct vo_jb_cfg *jb)
{
	struct nlattr *nest = nla_nest_start(msg, VOFFLOAD_A_FLOW_JITTER);

	if (!nest ||
	    nla_put_u32(msg, VOFFLOAD_A_JITTER_MODE, jb->mode) ||
	    nla_put_u32(msg, VOFFLOAD_A_JITTER_INITIAL_MS, jb->initial_ms) ||
	    nla_put_u32(msg, VOFFLOAD_A_JITTER_MIN_MS, jb->min_ms) ||
	    nla_put_u32(msg, VOFFLOAD_A_JITTER_MAX_MS, jb->max_ms))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

static int vo_flow_put_cfg(struct sk_buff *msg, const struct vo_flow_cfg *c)
{
	if (vo_flow_put_remote(msg, c) ||
	    nla_put_u32(msg, VOFFLOAD_A_FLOW_CODEC, c->codec) ||
	    nla_put_u8(msg, VOFFLOAD_A_FLOW_PAYLOAD_TYPE, c->pt) ||
	    nla_put_u32(msg, VOFFLOAD_A_FLOW_PTIME_MS, c->ptime_ms) ||
	    nla_put_u32(msg, VOFFLOAD_A_FLOW_SSRC, c->ssrc) ||
	    (c->tx_event_pt >= 0 &&
	     nla_put_u8(msg, VOFFLOAD_A_FLOW_TX_EVENT_PT, c->tx_event_pt)) ||
	    (c->rx_event_pt >= 0 &&
	     nla_put_u8(msg, VOFFLOAD_A_FLOW_RX_EVENT_PT, c->rx_event_pt)) ||
	    nla_put_u8(msg, VOFFLOAD_A_FLOW_DSCP, c->dscp) ||
	    vo_flow_put_jitter(msg, &c->jb) ||
	    nla_put_u32(msg, VOFFLOAD_A_FLOW_DIRECTION, c->dir) ||
	    nla_put_u8(msg, VOFFLOAD_A_FLOW_LATCH, c->latch) ||
	    nla_put_u32(msg, VOFFLOAD_A_FLOW_RTP_TIMEOUT_MS, c->rtp_timeout_ms))
		return -EMSGSIZE;
	return 0;
}

static int vo_flow_fill(struct sk_buff *msg, struct vo_flow *flow, u32 portid,
			u32 seq, int flags)
{
	struct vo_flow_cfg cfg;
	void *hdr;

	hdr = genlmsg_put(msg, portid, seq, &vo_genl_family, flags,
			  VOFFLOAD_CMD_FLOW_GET);
	if (!hdr)
		return -EMSGSIZE;
	spin_lock_bh(&flow->lock);
	cfg = flow->cfg;
	spin_unlock_bh(&flow->lock);
	if (nla_put_u32(msg, VOFFLOAD_A_FLOW_ID, flow->id) ||
	    nla_put_u32(msg, VOFFLOAD_A_FLOW_LINE, flow->line->id) ||
	    vo_flow_put_cfg(msg, &cfg) || vo_flow_put_stats(msg, flow)) {
		genlmsg_cancel(msg, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return 0;
}

static void *vo_flow_kind_find(struct genl_info *info)
{
	return vo_flow_from_info(info);
}

static void *vo_flow_kind_next(u32 *id)
{
	return vo_flow_next(id);
}

static int vo_flow_kind_fill(struct sk_buff *msg, void *flow, u32 portid,
			     u32 seq, int flags)
{
	return vo_flow_fill(msg, flow, portid, seq, flags);
}

static const struct vo_nl_kind vo_flow_kind = {
	.find = vo_flow_kind_find,
	.next = vo_flow_kind_next,
	.fill = vo_flow_kind_fill,
};

int vo_nl_flow_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	return vo_nl_get_one(info, &vo_flow_kind);
}

int vo_nl_flow_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	return vo_nl_get_all(skb, cb, &vo_flow_kind);
}

/* What a flow-event carries besides the event. */
struct vo_nl_flow_ev {
	int reason;			/* end: enum voffload_flow_end */
	u32 ssrc;			/* ssrc-change */
	const struct vo_flow_dtmf_ev *dtmf;
};

static int vo_nl_flow_put_dtmf(struct sk_buff *msg,
			       const struct vo_flow_dtmf_ev *dtmf)
{
	if (!dtmf)
		return 0;
	return nla_put_u8(msg, VOFFLOAD_A_FLOW_DIGIT, dtmf->digit) ?:
	       nla_put_u32(msg, VOFFLOAD_A_FLOW_DURATION_MS, dtmf->duration_ms);
}

/* A flow-event to the events group: @ev, with what else it has. */
static void vo_nl_flow_send(struct vo_flow *flow, enum voffload_flow_event ev,
			    const struct vo_nl_flow_ev *what)
{
	struct sk_buff *msg;
	void *hdr;

	if (!genl_has_listeners(&vo_genl_family, &init_net, 0))
		return;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &vo_genl_family, 0,
			  VOFFLOAD_CMD_FLOW_EVENT);
	if (!hdr || nla_put_u32(msg, VOFFLOAD_A_FLOW_ID, flow->id) ||
	    nla_put_u32(msg, VOFFLOAD_A_FLOW_LINE, flow->line->id) ||
	    nla_put_u32(msg, VOFFLOAD_A_FLOW_EVENT, ev) ||
	    (what->reason >= 0 &&
	     nla_put_u32(msg, VOFFLOAD_A_FLOW_REASON, what->reason)) ||
	    (ev == VOFFLOAD_FLOW_EVENT_SSRC_CHANGE &&
	     nla_put_u32(msg, VOFFLOAD_A_FLOW_SSRC, what->ssrc)) ||
	    vo_nl_flow_put_dtmf(msg, what->dtmf)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	genlmsg_multicast(&vo_genl_family, msg, 0, 0, GFP_KERNEL);
}

void vo_nl_flow_end(struct vo_flow *flow, enum voffload_flow_end reason)
{
	struct vo_nl_flow_ev what = { .reason = reason };

	vo_nl_flow_send(flow, VOFFLOAD_FLOW_EVENT_END, &what);
}

void vo_nl_flow_notify(struct vo_flow *flow, enum voffload_flow_event ev,
		       u32 ssrc)
{
	struct vo_nl_flow_ev what = { .reason = -1, .ssrc = ssrc };

	vo_nl_flow_send(flow, ev, &what);
}

void vo_nl_flow_dtmf(struct vo_flow *flow, const struct vo_flow_dtmf_ev *ev)
{
	struct vo_nl_flow_ev what = { .reason = -1, .dtmf = ev };

	vo_nl_flow_send(flow, VOFFLOAD_FLOW_EVENT_DTMF, &what);
}
