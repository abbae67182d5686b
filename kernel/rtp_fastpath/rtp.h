/* SPDX-License-Identifier: GPL-2.0 */
/* RTP (RFC 3550) headers as the fast path reads and writes them. */
#ifndef _VO_RTP_RTP_H
#define _VO_RTP_RTP_H

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

#endif /* _VO_RTP_RTP_H */
