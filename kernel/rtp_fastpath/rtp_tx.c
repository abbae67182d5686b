// SPDX-License-Identifier: GPL-2.0
/*
 * Sending: the tick hands over each frame the phone sent; when a ptime's
 * worth is gathered it is encoded behind an RTP header and sent from the
 * flow's socket's address and port to the remote, with the flow's DSCP,
 * through the UDP tunnel transmit path (softirq-safe, as vxlan's is).
 */
#include <linux/random.h>
#include <net/ip6_route.h>
#include <net/route.h>
#include <net/udp_tunnel.h>

#include "fastpath.h"
#include "flow.h"
#include "g711.h"
#include "g722.h"
#include "rtp.h"

void vo_flow_tx_reset(struct vo_flow *flow)
{
	flow->tx.fill = 0;
	/* RFC 3550 5.1: random initial sequence number and timestamp */
	flow->tx.seq = get_random_u32();
	flow->tx.ts = get_random_u32();
	flow->tx.marker = true;
	vo_flow_tev_reset(flow);
}

void vo_flow_codec_reset(struct vo_flow *flow)
{
	vo_g722_enc_init(&flow->g722_enc);
	vo_g722_dec_init(&flow->g722_dec);
	vo_rs_down_init(&flow->tx_rs.down);
	vo_rs_up_init(&flow->tx_rs.up);
	vo_rs_down_init(&flow->rx_rs.down);
	vo_rs_up_init(&flow->rx_rs.up);
}

unsigned int vo_flow_convert(struct vo_flow *flow, union vo_flow_rs *rs,
			     bool line_to_codec, s16 *out, const s16 *in,
			     unsigned int n)
{
	u32 from = line_to_codec ? flow->rate : vo_flow_codec_rate(flow);
	u32 to = line_to_codec ? vo_flow_codec_rate(flow) : flow->rate;

	if (from > to)
		return vo_rs_down(&rs->down, out, in, n);
	if (from < to)
		return vo_rs_up(&rs->up, out, in, n);
	memcpy(out, in, n * sizeof(*in));
	return n;
}

static unsigned int vo_rtp_encode(struct vo_flow *flow, u8 *out)
{
	const s16 *pcm = flow->tx.pcm;
	unsigned int i, n = flow->tx.fill;
	__be16 *w = (__be16 *)out;

	/* the same rate both sides, as most calls: encoded where it is */
	if (vo_flow_codec_rate(flow) != flow->rate) {
		n = vo_flow_convert(flow, &flow->tx_rs, true, flow->tx.conv,
				    flow->tx.pcm, flow->tx.fill);
		pcm = flow->tx.conv;
	}
	switch (flow->cfg.codec) {
	case VOFFLOAD_CODEC_PCMU:
		for (i = 0; i < n; i++)
			out[i] = vo_g711_ulaw_encode(pcm[i]);
		return n;
	case VOFFLOAD_CODEC_PCMA:
		for (i = 0; i < n; i++)
			out[i] = vo_g711_alaw_encode(pcm[i]);
		return n;
	case VOFFLOAD_CODEC_L16:
		for (i = 0; i < n; i++)
			w[i] = cpu_to_be16(pcm[i]);
		return 2 * n;
	case VOFFLOAD_CODEC_G722:
		return vo_g722_encode(&flow->g722_enc, out, pcm, n);
	default:
		return 0;
	}
}

struct sk_buff *vo_rtp_tx_alloc(struct vo_flow *flow, u8 pt, bool marker,
				u32 ts, unsigned int payload,
				struct vo_rtp_dest *dest)
{
	unsigned int room = MAX_HEADER + sizeof(struct ipv6hdr) +
			    sizeof(struct udphdr);
	struct vo_rtp_hdr *h;
	struct sk_buff *skb;

	skb = alloc_skb(room + VO_RTP_HDR_LEN + payload, GFP_ATOMIC);
	if (!skb)
		return NULL;
	skb_reserve(skb, room);
	h = skb_put(skb, VO_RTP_HDR_LEN);
	h->vpxcc = VO_RTP_VERSION << 6;
	h->mpt = pt | (marker ? 0x80 : 0);
	h->seq = cpu_to_be16(flow->tx.seq++);
	h->ts = cpu_to_be32(ts);
	h->ssrc = cpu_to_be32(flow->cfg.ssrc);
	flow->stats.tx_packets++;
	memcpy(&dest->to, &flow->cfg.remote, sizeof(dest->to));
	dest->tos = flow->cfg.dscp << 2;
	return skb;
}

/* The gathered audio as an RTP packet; under flow->lock. */
static struct sk_buff *vo_rtp_build(struct vo_flow *flow,
				    struct vo_rtp_dest *dest)
{
	struct sk_buff *skb;
	unsigned int len;

	skb = vo_rtp_tx_alloc(flow, flow->cfg.pt, flow->tx.marker, flow->tx.ts,
			      2 * flow->tx.fill, dest);
	if (!skb)
		return NULL;
	len = vo_rtp_encode(flow, skb_tail_pointer(skb));
	skb_put(skb, len);
	flow->tx.marker = false;
	flow->stats.tx_octets += len;
	return skb;
}

static void vo_rtp_xmit4(struct sock *sk, struct sk_buff *skb,
			 const struct sockaddr_in *to, u8 tos)
{
	__be16 sport = inet_sk(sk)->inet_sport;
	struct flowi4 fl4;
	struct rtable *rt;

	rt = ip_route_output_ports(sock_net(sk), &fl4, sk, to->sin_addr.s_addr,
				   inet_sk(sk)->inet_saddr, to->sin_port, sport,
				   IPPROTO_UDP, tos, sk->sk_bound_dev_if);
	if (IS_ERR(rt)) {
		kfree_skb(skb);
		return;
	}
	udp_tunnel_xmit_skb(rt, sk, skb, fl4.saddr, fl4.daddr, tos,
			    ip4_dst_hoplimit(&rt->dst), 0, sport, to->sin_port,
			    false, false);
}

#if IS_ENABLED(CONFIG_IPV6)
static void vo_rtp_xmit6(struct sock *sk, struct sk_buff *skb,
			 const struct sockaddr_in6 *to, u8 tos)
{
	struct flowi6 fl6 = {
		.flowi6_proto = IPPROTO_UDP,
		.flowi6_oif = sk->sk_bound_dev_if,
		.flowi6_mark = sk->sk_mark,
		.daddr = to->sin6_addr,
		.saddr = sk->sk_v6_rcv_saddr,
		.fl6_dport = to->sin6_port,
		.fl6_sport = inet_sk(sk)->inet_sport,
	};
	struct dst_entry *dst;

	dst = ip6_dst_lookup_flow(sock_net(sk), sk, &fl6, NULL);
	if (IS_ERR(dst)) {
		kfree_skb(skb);
		return;
	}
	udp_tunnel6_xmit_skb(dst, sk, skb, NULL, &fl6.saddr, &fl6.daddr, tos,
			     ip6_dst_hoplimit(dst), 0, fl6.fl6_sport,
			     to->sin6_port, false);
}
#endif

static void vo_rtp_xmit(struct sock *sk, struct sk_buff *skb,
			const struct vo_rtp_dest *dest)
{
	if (dest->to.family == AF_INET)
		vo_rtp_xmit4(sk, skb, &dest->to.v4, dest->tos);
#if IS_ENABLED(CONFIG_IPV6)
	else
		vo_rtp_xmit6(sk, skb, &dest->to.v6, dest->tos);
#endif
}

void vo_flow_capture(struct vo_flow *flow, const s16 *from_phone,
		     unsigned int n)
{
	struct sk_buff *skb = NULL;
	struct vo_rtp_dest dest;
	unsigned int want;

	if (!flow)
		return;
	spin_lock(&flow->lock);
	want = flow->cfg.ptime_ms * (flow->rate / 1000);
	if (vo_flow_sends(flow) && flow->tx.fill + n <= want) {
		memcpy(flow->tx.pcm + flow->tx.fill, from_phone,
		       n * sizeof(*from_phone));
		flow->tx.fill += n;
		if (flow->tx.fill == want) {
			/* a digit being sent as an event mutes the audio */
			if (flow->tev.active)
				skb = vo_rtp_event_build(flow, &dest);
			else
				skb = vo_rtp_build(flow, &dest);
			flow->tx.ts += want / vo_flow_ts_scale(flow);
			flow->tx.fill = 0;
			/* the sample after the last captured is "now" */
			flow->stats.tx_rtp_ts = flow->tx.ts;
			flow->stats.tx_rtp_ts_ns = ktime_get_ns();
		}
	}
	spin_unlock(&flow->lock);
	/* The socket stays ours while the line has the flow (line->lock). */
	if (skb)
		vo_rtp_xmit(flow->sk, skb, &dest);
}
