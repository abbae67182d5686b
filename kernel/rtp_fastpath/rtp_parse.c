// SPDX-License-Identifier: GPL-2.0
/* RTP header validation (RFC 3550 5.1 and A.1), on untrusted packets. */
#include "rtp.h"

#define VO_RTP_P	0x20
#define VO_RTP_X	0x10
#define VO_RTP_CC	0x0f
#define VO_RTP_M	0x80

/* The header extension's length in bytes, with its own 4-byte head. */
static int vo_rtp_ext_len(const struct sk_buff *skb, unsigned int at)
{
	__be16 ext[2];		/* profile-defined, length in 32-bit words */

	if (skb_copy_bits(skb, at, ext, sizeof(ext)))
		return -EBADMSG;
	return sizeof(ext) + 4 * be16_to_cpu(ext[1]);
}

int vo_rtp_parse(const struct sk_buff *skb, unsigned int off,
		 struct vo_rtp_pkt *pkt)
{
	unsigned int len = skb->len - off, hlen;
	struct vo_rtp_hdr h;
	u8 pad = 0;
	int ext;

	if (len < sizeof(h) || skb_copy_bits(skb, off, &h, sizeof(h)))
		return -ENODATA;
	if (h.vpxcc >> 6 != VO_RTP_VERSION)
		return -EBADMSG;
	hlen = sizeof(h) + 4 * (h.vpxcc & VO_RTP_CC);
	if (h.vpxcc & VO_RTP_X) {
		ext = vo_rtp_ext_len(skb, off + hlen);
		if (ext < 0)
			return ext;
		hlen += ext;
	}
	if (hlen > len)
		return -EBADMSG;
	if (h.vpxcc & VO_RTP_P) {
		/* The last octet counts the padding, itself included. */
		if (skb_copy_bits(skb, off + len - 1, &pad, 1) || !pad ||
		    pad > len - hlen)
			return -EBADMSG;
	}
	if (hlen + pad == len)
		return -ENODATA;
	pkt->pt = h.mpt & ~VO_RTP_M;
	pkt->marker = h.mpt & VO_RTP_M;
	pkt->seq = be16_to_cpu(h.seq);
	pkt->ts = be32_to_cpu(h.ts);
	pkt->ssrc = be32_to_cpu(h.ssrc);
	pkt->payload_off = off + hlen;
	pkt->payload_len = len - hlen - pad;
	return 0;
}
