// SPDX-License-Identifier: GPL-2.0
/*
 * A flow's received audio through its jitter buffer (ajb.c): each RTP
 * packet decoded whole to the line's rate and put with its arrival time,
 * RFC 3389 comfort-noise SIDs with their level, and a frame taken out on
 * every tick of the line.
 *
 * The buffer's clock is the line's: the samples played out so far, plus
 * how long ago (in samples) the last frame went. An arrival is timed to
 * the sample that way, so the delay the buffer reports is the one the
 * phone hears, whatever the tick.
 */
#include <linux/math64.h>

#include "../slic/slic.h"
#include "fastpath.h"
#include "flow.h"
#include "g711.h"
#include "g722.h"
#include "rtp.h"

/* Payload decoded this many samples at a time, on the stack. */
#define VO_RTP_DECODE_CHUNK	80

static void vo_flow_ajb_cfg(const struct vo_flow *flow,
			    struct vo_ajb_cfg *ajb)
{
	ajb->mode = flow->cfg.jb.mode == VOFFLOAD_JB_MODE_FIXED ?
		    VO_AJB_FIXED : VO_AJB_ADAPTIVE;
	ajb->rate = flow->rate;
	ajb->initial_ms = flow->cfg.jb.initial_ms;
	ajb->min_ms = flow->cfg.jb.min_ms;
	ajb->max_ms = flow->cfg.jb.max_ms;
}

void vo_flow_jb_init(struct vo_flow *flow)
{
	struct vo_ajb_cfg cfg;

	vo_flow_ajb_cfg(flow, &cfg);
	vo_ajb_init(flow->jb, &cfg);
	flow->jb_played = 0;
}

/* flow-set's settings: the buffered audio stays. */
void vo_flow_jb_set(struct vo_flow *flow)
{
	struct vo_ajb_cfg cfg;

	vo_flow_ajb_cfg(flow, &cfg);
	vo_ajb_set_cfg(flow->jb, &cfg);
}

/* The line's playout clock now, in samples. */
static u32 vo_flow_jb_now(const struct vo_flow *flow)
{
	s64 ns = ktime_to_ns(ktime_sub(ktime_get(), flow->jb_frame_at));
	u32 frame = flow->rate / 100;

	if (ns <= 0)
		return flow->jb_played;
	/* a tick is 10 ms at most: later than that, the next one is due */
	if (ns >= 10 * NSEC_PER_MSEC)
		return flow->jb_played + frame;
	return flow->jb_played + (u32)div_u64((u64)ns * flow->rate,
					      NSEC_PER_SEC);
}

/* Decode @n payload octets at @off into @pcm; samples made. */
static unsigned int vo_rtp_decode(struct vo_flow *flow,
				  const struct sk_buff *skb, unsigned int off,
				  unsigned int n, s16 *pcm)
{
	union {
		u8 b[VO_RTP_DECODE_CHUNK * 2];
		__be16 w[VO_RTP_DECODE_CHUNK];
	} buf;
	unsigned int i;

	if (skb_copy_bits(skb, off, buf.b, n))
		return 0;
	switch (flow->cfg.codec) {
	case VOFFLOAD_CODEC_PCMU:
		for (i = 0; i < n; i++)
			pcm[i] = vo_g711_ulaw_decode(buf.b[i]);
		return n;
	case VOFFLOAD_CODEC_PCMA:
		for (i = 0; i < n; i++)
			pcm[i] = vo_g711_alaw_decode(buf.b[i]);
		return n;
	case VOFFLOAD_CODEC_L16:
		for (i = 0; i < n / 2; i++)
			pcm[i] = be16_to_cpu(buf.w[i]);
		return n / 2;
	case VOFFLOAD_CODEC_G722:
		return vo_g722_decode(&flow->g722_dec, pcm, buf.b, n);
	default:
		return 0;
	}
}

/* Payload octets that decode into at most VO_RTP_DECODE_CHUNK samples. */
static unsigned int vo_rtp_chunk_octets(const struct vo_flow *flow)
{
	switch (flow->cfg.codec) {
	case VOFFLOAD_CODEC_L16:
		return 2 * VO_RTP_DECODE_CHUNK;
	case VOFFLOAD_CODEC_G722:
		return VO_RTP_DECODE_CHUNK / 2;	/* two samples an octet */
	default:
		return VO_RTP_DECODE_CHUNK;
	}
}

static enum vo_ajb_put vo_flow_jb_put(struct vo_flow *flow,
				      const struct vo_rtp_pkt *pkt, u32 ts,
				      unsigned int n, u32 now)
{
	struct vo_ajb_pkt ap = {
		.ts = ts,
		.seq = pkt->seq,
		.marker = pkt->marker,
		.ssrc = pkt->ssrc,
		.pcm = flow->rx_pcm,
		.n = n,
	};

	return vo_ajb_put(flow->jb, &ap, now);
}

/* The packet's audio, put whole (in parts only past VO_AJB_PKT_MAX). */
static enum vo_ajb_put vo_flow_jb_audio(struct vo_flow *flow,
					const struct sk_buff *skb,
					const struct vo_rtp_pkt *pkt, u32 now)
{
	unsigned int most = vo_rtp_chunk_octets(flow), off = 0, fill = 0;
	bool same = vo_flow_codec_rate(flow) == flow->rate, put = false;
	u32 ts = pkt->ts * vo_flow_ts_scale(flow);
	enum vo_ajb_put first = VO_AJB_OK, res;
	s16 pcm[VO_RTP_DECODE_CHUNK];
	unsigned int chunk, n;

	while (off < pkt->payload_len) {
		/* a chunk makes at most twice its samples, once converted */
		if (fill + 2 * VO_RTP_DECODE_CHUNK > VO_AJB_PKT_MAX) {
			res = vo_flow_jb_put(flow, pkt, ts, fill, now);
			first = put ? first : res;
			put = true;
			ts += fill;
			fill = 0;
		}
		chunk = min(pkt->payload_len - off, most);
		/* the same rate both sides, as most calls: decoded in place */
		n = vo_rtp_decode(flow, skb, pkt->payload_off + off, chunk,
				  same ? flow->rx_pcm + fill : pcm);
		if (!n)
			break;
		off += chunk;
		fill += same ? n : vo_flow_convert(flow, &flow->rx_rs, false,
						   flow->rx_pcm + fill, pcm, n);
	}
	if (fill) {
		res = vo_flow_jb_put(flow, pkt, ts, fill, now);
		first = put ? first : res;
	}
	return first;
}

/* RFC 3389 3.1: a SID's first octet is the noise level, in -dBov. */
static enum vo_ajb_put vo_flow_jb_sid(struct vo_flow *flow,
				      const struct sk_buff *skb,
				      const struct vo_rtp_pkt *pkt, u32 now)
{
	struct vo_ajb_pkt ap = {
		.ts = pkt->ts * vo_flow_ts_scale(flow),
		.seq = pkt->seq,
		.marker = pkt->marker,
		.ssrc = pkt->ssrc,
		.cn = true,
	};
	u8 level;

	if (skb_copy_bits(skb, pkt->payload_off, &level, 1))
		return VO_AJB_OK;
	ap.cn_dbov = level & 0x7f;
	return vo_ajb_put(flow->jb, &ap, now);
}

void vo_flow_jb_rx(struct vo_flow *flow, const struct sk_buff *skb,
		   const struct vo_rtp_pkt *pkt)
{
	u32 now = vo_flow_jb_now(flow);

	/* late and duplicate are the buffer's counts (vo_flow_jb_stats) */
	if (pkt->pt == flow->cfg.pt)
		vo_flow_jb_audio(flow, skb, pkt, now);
	else
		vo_flow_jb_sid(flow, skb, pkt, now);
}

/*
 * A frame out of the buffer, every tick: on hold as well, so its clock
 * keeps the line's (what it plays then is not heard).
 */
void vo_flow_jb_playout(struct vo_flow *flow, s16 *to_phone, unsigned int n,
			ktime_t now)
{
	unsigned int i;

	n = min_t(unsigned int, n, ARRAY_SIZE(flow->rx_frame));
	vo_ajb_get(flow->jb, flow->rx_frame, n);
	flow->jb_played += n;
	flow->jb_frame_at = now;
	if (!vo_flow_receives(flow))
		return;
	for (i = 0; i < n; i++)
		to_phone[i] = vo_mix(to_phone[i], flow->rx_frame[i]);
}

/*
 * Frames the line's clock skipped: what the buffer held for them is gone,
 * as it would be on a SLIC whose PCM clock ran on, so the buffer's clock
 * keeps the network's. A skip of more than half a second is not played
 * through: the buffer resyncs on the next packet instead.
 */
#define VO_FLOW_SKIP_MAX_MS	500

void vo_flow_skipped(struct vo_flow *flow, u32 samples)
{
	u32 frame, n;

	if (!flow)
		return;
	frame = flow->rate / 100;
	samples = min(samples, flow->rate / 1000 * VO_FLOW_SKIP_MAX_MS);
	spin_lock(&flow->lock);
	for (; samples; samples -= n) {
		n = min(samples, frame);
		vo_ajb_get(flow->jb, flow->rx_frame, n);
		flow->jb_played += n;
	}
	spin_unlock(&flow->lock);
}

void vo_flow_jb_stats(const struct vo_flow *flow, struct vo_flow_stats *st)
{
	struct vo_ajb_stats a;

	vo_ajb_read_stats(flow->jb, &a);
	/*
	 * The buffer's own: a packet late in a run that turns out to be a
	 * timestamp jump is not late, and one partly played is not either.
	 */
	st->late = a.late;
	st->duplicate = a.duplicates;
	st->jb_delay_ms = a.delay_ms;
	st->jb_target_ms = a.target_ms;
	st->jb_underflows = a.underflows;
	st->jb_overflows = a.overflows;
	st->jb_concealed_frames = a.concealed_frames;
	st->jb_cn_frames = a.cn_frames;
	st->jb_resyncs = a.resyncs;
	st->jb_dropped_samples = a.dropped_samples;
	st->jb_inserted_samples = a.inserted_samples;
	st->jb_drift_ppm = a.drift_ppm;
}
