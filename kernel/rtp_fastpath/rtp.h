/* SPDX-License-Identifier: GPL-2.0 */
/* RTP (RFC 3550) headers as the fast path reads and writes them. */
#ifndef _VO_RTP_RTP_H
#define _VO_RTP_RTP_H

#include <linux/in.h>
#include <linux/in6.h>
#include <linux/skbuff.h>
#include <linux/types.h>

#define VO_RTP_VERSION		2
#define VO_RTP_HDR_LEN		12

struct vo_rtp_hdr {
	u8 vpxcc;		/* version 2, padding, extension, CSRC count */
	u8 mpt;			/* marker, payload type */
	__be16 seq;
	__be32 ts;
	__be32 ssrc;
};

/* A received packet's header, and where its payload is in the skb. */
struct vo_rtp_pkt {
	u8 pt;
	bool marker;
	u16 seq;
	u32 ts;
	u32 ssrc;
	unsigned int payload_off;
	unsigned int payload_len;
};

/* RFC 4733 2.3: a telephone event's payload */
struct vo_rtp_event {
	u8 event;
	u8 erv;			/* end, reserved, volume (-dBm0) */
	__be16 duration;	/* RTP clock units since the event's timestamp */
};

#define VO_RTP_EVENT_END	0x80
#define VO_RTP_EVENT_VOLUME	0x3f

/* Where a built packet goes, copied out of the flow under its lock. */
struct vo_rtp_dest {
	union {
		struct sockaddr_in v4;
		struct sockaddr_in6 v6;
		sa_family_t family;
	} to;
	u8 tos;
};

struct vo_flow;

/*
 * Parse the RTP packet at @off of @skb: -EBADMSG for a header that breaks
 * the rules (version, CSRC, extension or padding lengths), -ENODATA if it
 * has no payload.
 */
int vo_rtp_parse(const struct sk_buff *skb, unsigned int off,
		 struct vo_rtp_pkt *pkt);
/* rtp_rx.c: a valid packet of the flow's; under flow->lock */
void vo_rtp_accept(struct vo_flow *flow, const struct sk_buff *skb,
		   const struct vo_rtp_pkt *pkt);

/*
 * rtp_tx.c: a packet with the flow's next sequence number and room for
 * @payload octets, counted as sent, and where it goes; under flow->lock.
 */
struct sk_buff *vo_rtp_tx_alloc(struct vo_flow *flow, u8 pt, bool marker,
				u32 ts, unsigned int payload,
				struct vo_rtp_dest *dest);

/* rtp_event_tx.c, rtp_event_rx.c: RFC 4733, under flow->lock */
struct sk_buff *vo_rtp_event_build(struct vo_flow *flow,
				   struct vo_rtp_dest *dest);
void vo_rtp_event_rx(struct vo_flow *flow, const struct sk_buff *skb,
		     const struct vo_rtp_pkt *pkt);

#endif /* _VO_RTP_RTP_H */
