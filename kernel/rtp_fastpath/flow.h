/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Media flows: one line's audio carried over RTP on a UDP socket the daemon
 * created, bound and handed over. Shared by the fast path's files.
 */
#ifndef _VO_RTP_FLOW_H
#define _VO_RTP_FLOW_H

#include <linux/in.h>
#include <linux/in6.h>
#include <linux/kfifo.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <net/genetlink.h>
#include <linux/voffload.h>

#include "../slic/dtmf.h"
#include "ajb.h"
#include "g722.h"
#include "resample.h"

/* 40 ms, the longest ptime, at 16 kHz */
#define VO_FLOW_PTIME_MAX_SAMPLES	640
/* 10 ms, the longest line frame, at 16 kHz */
#define VO_FLOW_FRAME_MAX		160

struct vo_line;
struct vo_rtp_pkt;
struct sock;

struct vo_jb_cfg {
	enum voffload_jb_mode mode;
	u32 initial_ms;
	u32 min_ms;
	u32 max_ms;
};

/* What flow-new and flow-set set. */
struct vo_flow_cfg {
	union {
		struct sockaddr_in v4;
		struct sockaddr_in6 v6;
		sa_family_t family;
	} remote;
	enum voffload_codec codec;
	u8 pt;
	u8 ptime_ms;
	u32 ssrc;
	s16 tx_event_pt;		/* -1: none */
	s16 rx_event_pt;
	u8 dscp;
	struct vo_jb_cfg jb;
	enum voffload_direction dir;
	bool latch;
	u32 rtp_timeout_ms;
};

/* RFC 3550 counters and drops by reason; under flow->lock. */
struct vo_flow_stats {
	u64 tx_packets;
	u64 tx_octets;
	u64 rx_packets;
	u64 rx_octets;
	s64 lost;
	u32 fraction_lost;
	u32 jitter;
	u32 ext_max_seq;
	u64 late;
	u64 duplicate;
	u64 reordered;
	u64 bad_header;
	u64 wrong_source;
	u64 wrong_pt;
	u64 too_short;
	u64 passed_up;
	u64 wrong_ssrc;
	u64 tx_events;
	u64 rx_events;
	u64 rx_events_ignored;
	/* the jitter buffer's (ajb.c), copied when read */
	u32 jb_delay_ms;
	u32 jb_target_ms;
	u64 jb_underflows;
	u64 jb_overflows;
	u64 jb_concealed_frames;
	u64 jb_cn_frames;
	u64 jb_resyncs;
	u64 jb_dropped_samples;
	u64 jb_inserted_samples;
	s32 jb_drift_ppm;
	/* for RTCP sender reports: tx.ts and when it was reached (rtp_tx.c) */
	u32 tx_rtp_ts;
	u64 tx_rtp_ts_ns;
};

/* Receive state for RFC 3550's counters (A.1, A.3, A.8). */
struct vo_flow_rx {
	bool started;
	u32 ssrc;
	u16 max_seq;
	u32 cycles;
	u32 base_seq;
	u32 received;
	u32 expected_prior;	/* at the last flow-get, for fraction-lost */
	u32 received_prior;
	u32 transit;
	u32 jitter_q4;		/* in RTP clock units, times 16 */
	u32 cand_ssrc;		/* another SSRC seen, on probation */
	u32 cand_count;		/* its packets in a row */
};

/* A 2:1 converter between the line's rate and the codec's, one way. */
union vo_flow_rs {
	struct vo_rs_down down;
	struct vo_rs_up up;
};

/* Send state: a packet's worth of line audio being gathered. */
struct vo_flow_tx {
	s16 pcm[VO_FLOW_PTIME_MAX_SAMPLES];
	s16 conv[VO_FLOW_PTIME_MAX_SAMPLES];	/* it at the codec's rate */
	unsigned int fill;
	u16 seq;
	u32 ts;
	bool marker;		/* the next packet starts a talkspurt */
};

/*
 * RFC 4733 events we send: the digit the phone is dialling. While active,
 * each ptime's packet carries the event instead of the (muted) audio.
 */
struct vo_flow_tev {
	bool active;
	bool started;		/* the first packet, with the marker, went */
	bool ended;		/* the tone stopped: sending the end packets */
	u8 digit;
	u8 end_left;		/* end packets still to send */
	u32 start_ts;		/* RTP timestamp of the tone's start */
	u32 duration;		/* RTP clock units, once ended */
};

/* RFC 4733 events received: the digit being played to the phone. */
struct vo_flow_rev {
	bool seen;		/* ts is that of the last event */
	bool playing;
	bool ended;		/* its end came: play out its duration */
	u8 digit;
	u32 ts;			/* the event's RTP timestamp */
	u32 duration;		/* the latest, in RTP clock units */
	ktime_t since;		/* when we started playing it */
	ktime_t last;		/* its latest packet, for a lost end */
	struct vo_dtmf_gen gen;
};

/* A received digit for the daemon: duration_ms 0 at its start. */
struct vo_flow_dtmf_ev {
	u8 digit;
	u32 duration_ms;
};

/* Events found in softirq, sent from process context (flow_event.c). */
enum {
	VO_FLOW_EV_TIMEOUT,
	VO_FLOW_EV_SSRC,
	VO_FLOW_EV_DTMF,
};

struct vo_flow {
	u32 id;
	refcount_t ref;
	unsigned long ev_pending;	/* VO_FLOW_EV_* bits */
	struct rcu_head rcu;
	bool ended;			/* under vo_lines_mutex */
	struct vo_line *line;		/* the line's flow pointer is ours */
	struct sock *sk;		/* held until the flow ends */
	struct work_struct closed_work;	/* the socket was closed */

	spinlock_t lock;		/* everything below */
	struct vo_flow_cfg cfg;
	struct vo_flow_stats stats;
	struct vo_flow_rx rx;
	struct vo_flow_tx tx;
	struct vo_flow_tev tev;
	struct vo_flow_rev rev;
	DECLARE_KFIFO(dtmf_events, struct vo_flow_dtmf_ev, 8);
	struct vo_g722_enc g722_enc;
	struct vo_g722_dec g722_dec;
	union vo_flow_rs tx_rs;		/* line to codec rate */
	union vo_flow_rs rx_rs;		/* codec to line rate */
	ktime_t last_rx;		/* the last RTP of ours, or the start */
	bool timed_out;			/* reported; cleared by the next RTP */
	unsigned int rate;		/* the line's, in Hz */

	/*
	 * The jitter buffer (ajb.c) and its clock: the samples played out
	 * since the flow began, and when the last frame went, so that an
	 * arrival is timed to the sample on the line's clock.
	 */
	struct vo_ajb *jb;
	u32 jb_played;
	ktime_t jb_frame_at;
	s16 rx_pcm[VO_AJB_PKT_MAX];	/* a packet, decoded to the line rate */
	s16 rx_frame[VO_FLOW_FRAME_MAX];	/* a frame out of the buffer */
};

/* The rate a codec's audio is sampled at; the line's may differ by 2:1. */
static inline u32 vo_flow_codec_rate(const struct vo_flow *flow)
{
	switch (flow->cfg.codec) {
	case VOFFLOAD_CODEC_G722:
		return 16000;
	case VOFFLOAD_CODEC_L16:
		return flow->rate;
	default:
		return 8000;
	}
}

/*
 * Between the line and the codec: 2:1 conversion of @n samples into @out,
 * with @rs; how many came out. @line_to_codec says which way.
 */
unsigned int vo_flow_convert(struct vo_flow *flow, union vo_flow_rs *rs,
			     bool line_to_codec, s16 *out, const s16 *in,
			     unsigned int n);

/* RTP clock rate of a codec (G.722 keeps G.711's 8000 Hz) */
static inline u32 vo_flow_rtp_rate(const struct vo_flow *flow)
{
	return flow->cfg.codec == VOFFLOAD_CODEC_L16 ? flow->rate : 8000;
}

/* Line samples per RTP timestamp unit */
static inline u32 vo_flow_ts_scale(const struct vo_flow *flow)
{
	return flow->rate / vo_flow_rtp_rate(flow);
}

/*
 * RFC 3389 comfort noise, static payload type 13 at an 8 kHz RTP clock:
 * taken from a peer whose codec shares that clock, unless the payload
 * type is the flow's audio or events.
 */
#define VO_RTP_PT_CN	13

static inline bool vo_flow_takes_cn(const struct vo_flow *flow, u8 pt)
{
	return pt == VO_RTP_PT_CN && flow->cfg.pt != pt &&
	       flow->cfg.rx_event_pt != pt && vo_flow_rtp_rate(flow) == 8000;
}

static inline bool vo_flow_sends(const struct vo_flow *flow)
{
	return flow->cfg.dir == VOFFLOAD_DIRECTION_SENDRECV ||
	       flow->cfg.dir == VOFFLOAD_DIRECTION_SENDONLY;
}

static inline bool vo_flow_receives(const struct vo_flow *flow)
{
	return flow->cfg.dir == VOFFLOAD_DIRECTION_SENDRECV ||
	       flow->cfg.dir == VOFFLOAD_DIRECTION_RECVONLY;
}

/* flow.c: objects and their lifecycle, under vo_lines_mutex */
struct vo_flow *vo_flow_find(u32 id);
struct vo_flow *vo_flow_next(u32 *id);
struct vo_flow *vo_flow_create(struct vo_line *line, int fd,
			       const struct vo_flow_cfg *cfg,
			       struct netlink_ext_ack *extack);
void vo_flow_end(struct vo_flow *flow, enum voffload_flow_end reason);
void vo_flow_put(struct vo_flow *flow);
void vo_flow_closed(struct vo_flow *flow);	/* from the socket, no mutex */

/* flow_sock.c: handing the socket over and back */
int vo_flow_sock_attach(struct vo_flow *flow, int fd,
			struct netlink_ext_ack *extack);
void vo_flow_sock_detach(struct vo_flow *flow);

/* rtp_rx.c: a datagram on the flow's socket; 0 if consumed */
int vo_rtp_rx(struct vo_flow *flow, struct sk_buff *skb);
void vo_flow_rx_reset(struct vo_flow *flow);	/* under flow->lock */
/* Counters as of now; a @report moves the fraction-lost interval on. */
void vo_flow_stats_read(struct vo_flow *flow, struct vo_flow_stats *st,
			bool report);

/* flow_jb.c: received audio and comfort noise, under flow->lock */
void vo_flow_jb_init(struct vo_flow *flow);
void vo_flow_jb_set(struct vo_flow *flow);	/* after cfg.jb changed */
void vo_flow_jb_rx(struct vo_flow *flow, const struct sk_buff *skb,
		   const struct vo_rtp_pkt *pkt);
void vo_flow_jb_playout(struct vo_flow *flow, s16 *to_phone, unsigned int n,
			ktime_t now);
void vo_flow_jb_stats(const struct vo_flow *flow, struct vo_flow_stats *st);

/* rtp_tx.c */
void vo_flow_tx_reset(struct vo_flow *flow);	/* under flow->lock */
void vo_flow_codec_reset(struct vo_flow *flow);	/* under flow->lock */

/* rtp_event_tx.c, rtp_event_rx.c: RFC 4733; under flow->lock */
void vo_flow_tev_reset(struct vo_flow *flow);
void vo_flow_rev_reset(struct vo_flow *flow);
void vo_flow_rev_playout(struct vo_flow *flow, s16 *to_phone, unsigned int n,
			 ktime_t now);

/* flow_event.c */
void vo_flow_event(struct vo_flow *flow, int ev);	/* any context */
void vo_flow_events_flush(void);

/* flow_nl.c, flow_nl_get.c */
struct vo_flow *vo_flow_from_info(struct genl_info *info); /* vo_lines_mutex */
void vo_nl_flow_end(struct vo_flow *flow, enum voffload_flow_end reason);
void vo_nl_flow_notify(struct vo_flow *flow, enum voffload_flow_event ev,
		       u32 ssrc);
void vo_nl_flow_dtmf(struct vo_flow *flow, const struct vo_flow_dtmf_ev *ev);

#endif /* _VO_RTP_FLOW_H */
