/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The adaptive playout (jitter) buffer: decoded audio placed by its RTP
 * time and played a delay later. The delay is fixed, or follows the
 * network: a high quantile of the packets' transit times, tracked with
 * a forgetting factor. It changes where nobody hears it, in silence or
 * by a pitch period at a time; losses are concealed (plc.c), silences
 * filled with comfort noise, and the sender's clock drift estimated.
 *
 * Time is counted in samples at the line's rate. The caller's @now is
 * its playout clock: the samples vo_ajb_get() has handed out, plus how
 * far it is into the current frame. Pure logic, no locking: the caller
 * serialises. Fixed size, allocated by the caller (kvzalloc).
 */
#ifndef _VO_RTP_AJB_H
#define _VO_RTP_AJB_H

#include <linux/types.h>

#include "plc.h"

enum vo_ajb_mode { VO_AJB_FIXED, VO_AJB_ADAPTIVE };

struct vo_ajb_cfg {
	enum vo_ajb_mode mode;
	u32 rate;			/* 8000 or 16000 */
	u32 initial_ms, min_ms, max_ms;	/* min <= initial <= max <= 500 */
};

struct vo_ajb_pkt {
	u32 ts;				/* RTP timestamp scaled to line samples */
	u16 seq;
	bool marker;			/* talkspurt start */
	u32 ssrc;
	const s16 *pcm;			/* decoded, @n samples at the line rate */
	unsigned int n;			/* 0 with cn: an RFC 3389 SID */
	bool cn;			/* comfort noise; level in cn_dbov (0..127, -dBov) */
	u8 cn_dbov;
};

enum vo_ajb_put { VO_AJB_OK, VO_AJB_LATE, VO_AJB_DUPLICATE, VO_AJB_RESYNC };

struct vo_ajb_stats {
	u32 delay_ms, target_ms;	/* current and target playout delay */
	u64 underflows, overflows, late, duplicates, concealed_frames;
	u64 cn_frames, resyncs, dropped_samples, inserted_samples;
	s32 drift_ppm;			/* sender clock vs ours, estimated */
};

/* 1 s at 16 kHz, 2 s at 8 kHz: the largest delay, a jump and a packet. */
#define VO_AJB_RING		16384
#define VO_AJB_PKT_MAX		1024	/* samples taken from one packet */
#define VO_AJB_BINS		512	/* delay histogram: 1 ms bins */
#define VO_AJB_FLOOR_N		8	/* transit floor: 8 x 0.5 s */
#define VO_AJB_DRIFT_N		64	/* drift: 64 x 2 s of transit floors */
#define VO_AJB_SEQ_WIN		128	/* sequence numbers remembered */
#define VO_AJB_CARRY		256	/* a 15 ms step at 16 kHz, and more */
#define VO_AJB_WORK		1024	/* scratch for the pitch steps */

struct vo_ajb {
	struct vo_ajb_cfg cfg;
	u32 khz;			/* samples per ms */
	u32 target;			/* delay wanted, samples */

	/* the samples, by timestamp, and which are there */
	s16 ring[VO_AJB_RING];
	u32 have[VO_AJB_RING / 32];
	u32 play;			/* timestamp of the next sample out */
	u32 end;			/* just past the newest one stored */
	u32 played;			/* samples handed out, ever */
	s16 carry[VO_AJB_CARRY];	/* made, not yet handed out */
	u32 carry_len;
	bool splice;			/* a resync's join is ahead, at */
	u32 splice_ts;

	/* the stream */
	bool started;
	u32 ssrc;
	u16 max_seq;
	u32 seen[VO_AJB_SEQ_WIN / 32];	/* by seq modulo the window */
	u32 late_streak;		/* in-sequence packets late in a row */
	u32 late_pending;		/* ...not yet counted as late */

	/* transit (arrival minus timestamp): its floor and spread */
	u32 floor;
	u32 fl_min[VO_AJB_FLOOR_N];
	u32 fl_start;
	u8 fl_valid;
	u8 fl_idx;
	u32 bins[VO_AJB_BINS];		/* transit above the floor, weighted */
	u32 bin_w;			/* weight of the next packet */
	u32 bin_total;
	u32 bin_top;			/* no weight above this bin */
	u32 pkt_len;			/* samples in a packet, the last */
	u16 seed_bin, seed_left;	/* initial_ms's weight, until replaced */
	u16 fast_seq;			/* the first on a faster path */
	bool fast_on;

	/* drift: the floor's slope over two minutes */
	u32 dr_min[VO_AJB_DRIFT_N];
	u32 dr_valid[VO_AJB_DRIFT_N / 32];
	u32 dr_start;
	u8 dr_idx;
	s32 drift_ppm;

	/* adaptation */
	u32 need;			/* samples the delay has been off */
	u32 since_step;			/* samples since the last pitch step */
	u32 held;			/* concealment played, play point held */
	u32 noise_floor;		/* quietest frame energy, >> 8 */
	u32 loud;			/* loudest, decaying */

	/* silence, comfort noise */
	u8 state;
	bool dry_counted;
	bool cn_valid;
	u32 sid_ts;
	u32 cn_amp;			/* peak of the uniform noise */
	u32 noise_seed;

	struct vo_plc plc;
	s16 work[VO_AJB_WORK];
	struct vo_ajb_stats stats;
};

void vo_ajb_init(struct vo_ajb *jb, const struct vo_ajb_cfg *cfg);
/* FLOW_SET: the buffered audio stays; a new rate starts over. */
void vo_ajb_set_cfg(struct vo_ajb *jb, const struct vo_ajb_cfg *cfg);
/*
 * A whole packet per call (up to VO_AJB_PKT_MAX samples): its arrival
 * is one measurement of the network. Further parts with the same seq
 * are taken as audio only.
 */
enum vo_ajb_put vo_ajb_put(struct vo_ajb *jb, const struct vo_ajb_pkt *pkt,
			   u32 now);
/* The next @n samples (n <= rate / 100), written (not mixed) into @out. */
void vo_ajb_get(struct vo_ajb *jb, s16 *out, unsigned int n);
void vo_ajb_read_stats(const struct vo_ajb *jb, struct vo_ajb_stats *st);

#endif /* _VO_RTP_AJB_H */
