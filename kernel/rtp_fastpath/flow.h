/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Media flows: one line's audio carried over RTP on a UDP socket the daemon
 * created, bound and handed over. Shared by the fast path's files.
 */
#ifndef _VO_RTP_FLOW_H
#define _VO_RTP_FLOW_H

#include <linux/in.h>
#include <linux/in6.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <net/genetlink.h>
#include <linux/voffload.h>

#include "jbuf.h"

/* 40 ms, the longest ptime, at 16 kHz */
#define VO_FLOW_PTIME_MAX_SAMPLES	640

struct vo_line;
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
};

/* Send state: a packet's worth of line audio being gathered. */
struct vo_flow_tx {
	s16 pcm[VO_FLOW_PTIME_MAX_SAMPLES];
	unsigned int fill;
	u16 seq;
	u32 ts;
	bool marker;		/* the next packet starts a talkspurt */
};

/* Events found in softirq, sent from process context (flow_event.c). */
enum {
	VO_FLOW_EV_TIMEOUT,
	VO_FLOW_EV_SSRC,
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
	ktime_t last_rx;		/* the last RTP of ours, or the start */
	bool timed_out;			/* reported; cleared by the next RTP */
	struct vo_jbuf *jb;
	unsigned int rate;		/* the line's, in Hz */
};

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

/* rtp_tx.c */
void vo_flow_tx_reset(struct vo_flow *flow);	/* under flow->lock */

/* flow_event.c */
void vo_flow_event(struct vo_flow *flow, int ev);	/* any context */
void vo_flow_events_flush(void);

/* flow_nl.c, flow_nl_get.c */
struct vo_flow *vo_flow_from_info(struct genl_info *info); /* vo_lines_mutex */
void vo_nl_flow_end(struct vo_flow *flow, enum voffload_flow_end reason);
void vo_nl_flow_notify(struct vo_flow *flow, enum voffload_flow_event ev,
		       u32 ssrc);

#endif /* _VO_RTP_FLOW_H */
