// SPDX-License-Identifier: GPL-2.0
/*
 * Datagrams arriving on a flow's socket (softirq). Demultiplexed as RFC
 * 7983 and RFC 5761 say: RTP for the flow is taken, RTCP, STUN, DTLS and
 * anything from an address other than the remote go on to the daemon's
 * socket untouched (unless the flow latches onto its peer's address).
 * RTP that fails validation is dropped and counted by reason; the flow's
 * audio is not disturbed by it.
 */
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/math64.h>
#include <linux/udp.h>
#include <net/ipv6.h>

#include "fastpath.h"
#include "flow.h"
#include "rtp.h"

/* RFC 7983: a first byte of 128-191 is RTP or RTCP. */
static bool vo_rtp_is_rtp_or_rtcp(u8 b0)
{
	return b0 >= 128 && b0 <= 191;
}

/* RFC 5761 4: payload types 64-95 (with the marker) are RTCP's range. */
static bool vo_rtp_is_rtcp(u8 b1)
{
	u8 pt = b1 & 0x7f;

	return pt >= 64 && pt <= 95;
}

static bool vo_rtp_from_remote(const struct vo_flow_cfg *cfg,
			       const struct sk_buff *skb)
{
	__be16 sport = udp_hdr(skb)->source;

	if (cfg->remote.family == AF_INET)
		return ip_hdr(skb)->version == 4 &&
		       ip_hdr(skb)->saddr == cfg->remote.v4.sin_addr.s_addr &&
		       sport == cfg->remote.v4.sin_port;
	return ipv6_hdr(skb)->version == 6 &&
	       ipv6_addr_equal(&ipv6_hdr(skb)->saddr,
			       &cfg->remote.v6.sin6_addr) &&
	       sport == cfg->remote.v6.sin6_port;
}

/*
 * Symmetric RTP (RFC 4961) for a peer behind NAT: with latching on, a
 * valid packet of the flow's payload type from elsewhere moves the remote
 * there, both ways. True if it did.
 */
static bool vo_rtp_latch(struct vo_flow *flow, const struct sk_buff *skb)
{
	struct vo_flow_cfg *cfg = &flow->cfg;
	struct vo_rtp_pkt pkt;

	if (!cfg->latch || vo_rtp_parse(skb, sizeof(struct udphdr), &pkt) ||
	    pkt.pt != cfg->pt)
		return false;
	if (cfg->remote.family == AF_INET) {
		if (ip_hdr(skb)->version != 4)
			return false;
		cfg->remote.v4.sin_addr.s_addr = ip_hdr(skb)->saddr;
		cfg->remote.v4.sin_port = udp_hdr(skb)->source;
	} else {
		if (ipv6_hdr(skb)->version != 6)
			return false;
		cfg->remote.v6.sin6_addr = ipv6_hdr(skb)->saddr;
		cfg->remote.v6.sin6_port = udp_hdr(skb)->source;
	}
	return true;
}

/*
 * RFC 3550 A.1's probation, for SSRCs: a packet from another SSRC is
 * dropped (a stray or spoofed packet must not reset the call's stream)
 * unless it is the third in a row from that SSRC: then the peer restarted,
 * or a B2BUA switched legs, and the flow follows it.
 */
#define VO_RTP_SSRC_PROBATION	3

static bool vo_rtp_ssrc_ok(struct vo_flow_rx *rx, const struct vo_rtp_pkt *pkt)
{
	if (!rx->started || pkt->ssrc == rx->ssrc) {
		rx->cand_count = 0;
		return true;
	}
	if (pkt->ssrc != rx->cand_ssrc) {
		rx->cand_ssrc = pkt->ssrc;
		rx->cand_count = 0;
	}
	return ++rx->cand_count >= VO_RTP_SSRC_PROBATION;
}

/* For the socket: counted, returned unchanged. */
static int vo_rtp_pass_up(struct vo_flow *flow)
{
	flow->stats.passed_up++;
	return 1;
}

static int vo_rtp_drop(struct sk_buff *skb, u64 *counter)
{
	(*counter)++;
	kfree_skb(skb);
	return 0;
}

int vo_rtp_rx(struct vo_flow *flow, struct sk_buff *skb)
{
	unsigned int len = skb->len - sizeof(struct udphdr);
	struct vo_rtp_pkt pkt;
	u8 head[2];
	int ret;

	spin_lock(&flow->lock);
	if (len < sizeof(head) ||
	    skb_copy_bits(skb, sizeof(struct udphdr), head, sizeof(head)) ||
	    !vo_rtp_is_rtp_or_rtcp(head[0]) || vo_rtp_is_rtcp(head[1])) {
		ret = vo_rtp_pass_up(flow);
		goto out;
	}
	if (!vo_rtp_from_remote(&flow->cfg, skb) && !vo_rtp_latch(flow, skb)) {
		/* Not ours to judge: the daemon may be doing ICE. */
		flow->stats.wrong_source++;
		ret = vo_rtp_pass_up(flow);
		goto out;
	}
	if (len < VO_RTP_HDR_LEN) {
		ret = vo_rtp_drop(skb, &flow->stats.too_short);
		goto out;
	}
	ret = vo_rtp_parse(skb, sizeof(struct udphdr), &pkt);
	if (ret) {
		ret = vo_rtp_drop(skb, ret == -ENODATA ?
				  &flow->stats.too_short :
				  &flow->stats.bad_header);
		goto out;
	}
	if (pkt.pt != flow->cfg.pt && pkt.pt != flow->cfg.rx_event_pt &&
	    !vo_flow_takes_cn(flow, pkt.pt)) {
		ret = vo_rtp_drop(skb, &flow->stats.wrong_pt);
		goto out;
	}
	if (!vo_rtp_ssrc_ok(&flow->rx, &pkt)) {
		ret = vo_rtp_drop(skb, &flow->stats.wrong_ssrc);
		goto out;
	}
	flow->stats.rx_packets++;
	flow->stats.rx_octets += pkt.payload_len;
	vo_rtp_accept(flow, skb, &pkt);
	consume_skb(skb);
	ret = 0;
out:
	spin_unlock(&flow->lock);
	return ret;
}

/* RFC 3550 A.1 without probation: sequence numbers, cycles, restarts. */
#define VO_RTP_MAX_DROPOUT	3000
#define VO_RTP_MAX_MISORDER	100

static void vo_rtp_rx_start(struct vo_flow_rx *rx, const struct vo_rtp_pkt *pkt)
{
	rx->started = true;
	rx->ssrc = pkt->ssrc;
	rx->base_seq = pkt->seq;
	rx->max_seq = pkt->seq;
	rx->cycles = 0;
	rx->received = 0;
	rx->expected_prior = 0;
	rx->received_prior = 0;
}

static void vo_rtp_rx_seq(struct vo_flow *flow, const struct vo_rtp_pkt *pkt)
{
	struct vo_flow_rx *rx = &flow->rx;
	u16 udelta = pkt->seq - rx->max_seq;

	if (udelta && udelta < VO_RTP_MAX_DROPOUT) {
		if (pkt->seq < rx->max_seq)
			rx->cycles += 1 << 16;
		rx->max_seq = pkt->seq;
	} else if (udelta && udelta <= 0x10000 - VO_RTP_MAX_MISORDER) {
		vo_rtp_rx_start(rx, pkt);	/* the sender restarted */
	} else if (udelta) {
		flow->stats.reordered++;
	}
	rx->received++;
}

/* RFC 3550 A.8: interarrival jitter in RTP clock units. */
static void vo_rtp_rx_jitter(struct vo_flow *flow, const struct vo_rtp_pkt *pkt)
{
	struct vo_flow_rx *rx = &flow->rx;
	u32 arrival = mul_u64_u32_div(ktime_get_ns(), vo_flow_rtp_rate(flow),
				      NSEC_PER_SEC);
	u32 transit = arrival - pkt->ts;
	s32 d = transit - rx->transit;
	bool first = !rx->transit;

	rx->transit = transit;
	if (first)
		return;
	if (d < 0)
		d = -d;
	rx->jitter_q4 += d - ((rx->jitter_q4 + 8) >> 4);
}

void vo_flow_rx_reset(struct vo_flow *flow)
{
	/* the jitter buffer sees the new SSRC itself, and splices */
	memset(&flow->rx, 0, sizeof(flow->rx));
	vo_flow_rev_reset(flow);
}

void vo_rtp_accept(struct vo_flow *flow, const struct sk_buff *skb,
		   const struct vo_rtp_pkt *pkt)
{
	flow->last_rx = ktime_get();
	flow->timed_out = false;
	if (flow->rx.started && pkt->ssrc != flow->rx.ssrc) {
		vo_flow_rx_reset(flow);		/* a new source: start over */
		vo_flow_event(flow, VO_FLOW_EV_SSRC);
	}
	if (!flow->rx.started)
		vo_rtp_rx_start(&flow->rx, pkt);
	vo_rtp_rx_seq(flow, pkt);
	if (!vo_flow_receives(flow))
		return;		/* on hold: counted, not played */
	if (pkt->pt == flow->cfg.rx_event_pt) {
		/* an event's timestamp is its start, not a sampling time */
		vo_rtp_event_rx(flow, skb, pkt);
		return;
	}
	if (pkt->pt == flow->cfg.pt)
		vo_rtp_rx_jitter(flow, pkt);
	vo_flow_jb_rx(flow, skb, pkt);
}

void vo_flow_stats_read(struct vo_flow *flow, struct vo_flow_stats *st,
			bool report)
{
	struct vo_flow_rx *rx = &flow->rx;
	u32 ext_max, expected, interval, got;

	spin_lock_bh(&flow->lock);
	ext_max = rx->cycles + rx->max_seq;
	expected = rx->started ? ext_max - rx->base_seq + 1 : 0;
	flow->stats.ext_max_seq = ext_max;
	flow->stats.lost = (s64)expected - rx->received;
	flow->stats.jitter = rx->jitter_q4 >> 4;
	/* RFC 3550 A.3: the fraction lost since the previous report */
	interval = expected - rx->expected_prior;
	got = rx->received - rx->received_prior;
	flow->stats.fraction_lost = interval && interval > got ?
		((interval - got) << 8) / interval : 0;
	if (report) {
		rx->expected_prior = expected;
		rx->received_prior = rx->received;
	}
	vo_flow_jb_stats(flow, &flow->stats);
	*st = flow->stats;
	spin_unlock_bh(&flow->lock);
}

/* No RTP for rtp-timeout-ms: a dead peer. Reported once per silence. */
static void vo_flow_check_timeout(struct vo_flow *flow, ktime_t now)
{
	u32 ms = flow->cfg.rtp_timeout_ms;

	if (!ms || flow->timed_out || !vo_flow_receives(flow) ||
	    ktime_ms_delta(now, flow->last_rx) < ms)
		return;
	flow->timed_out = true;
	vo_flow_event(flow, VO_FLOW_EV_TIMEOUT);
}

void vo_flow_playout(struct vo_flow *flow, s16 *to_phone, unsigned int n,
		     ktime_t now)
{
	if (!flow)
		return;
	spin_lock(&flow->lock);
	vo_flow_jb_playout(flow, to_phone, n, now);
	vo_flow_rev_playout(flow, to_phone, n, now);
	vo_flow_check_timeout(flow, now);
	spin_unlock(&flow->lock);
}
