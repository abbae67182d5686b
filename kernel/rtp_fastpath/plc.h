/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Packet-loss concealment on decoded PCM, in the manner of ITU-T G.711
 * Appendix I: a missing stretch is made up by repeating the last pitch
 * period (two, then three of them as the loss goes on, so it does not
 * buzz), at full level for 10 ms, then fading by 20 % per 10 ms to
 * silence at 60 ms; the next real audio is blended in over a quarter
 * period or more. It works on what was played, not on a codec's state,
 * so it serves G.711, G.722 and L16 alike, at 8 and 16 kHz.
 */
#ifndef _VO_RTP_PLC_H
#define _VO_RTP_PLC_H

#include <linux/types.h>

#define VO_PLC_KHZ_MAX	16
/* 50 ms at 16 kHz: three periods of 15 ms, a quarter period before them. */
#define VO_PLC_HIST	(50 * VO_PLC_KHZ_MAX)
#define VO_PLC_RING	1024	/* the history's ring: VO_PLC_HIST or more */

struct vo_plc {
	s16 hist[VO_PLC_RING];	/* what was played, a ring */
	s16 src[VO_PLC_HIST];	/* its end as the loss began: repeated */
	u16 pos;		/* where the next sample played goes */
	u16 khz;		/* samples per ms: 8 or 16 */
	u16 pitch;		/* the period repeated, in samples */
	u16 quarter;		/* a quarter of it: the overlap at joins */
	u16 span;		/* the cycle: 1, 2 or 3 periods */
	u16 idx;		/* position in the cycle */
	u16 old_span;		/* the narrower cycle, while it fades out */
	u16 old_idx;
	u16 xfade;		/* samples of that fade left */
	s32 offset;		/* the first join's step, removed gradually */
	u32 lost;		/* samples made up in this loss */
	u16 merge_len;		/* blending into real audio: how long, */
	u16 merge_pos;		/* and how far along */
	bool active;		/* concealing, or blending back */
	bool merging;
};

void vo_plc_init(struct vo_plc *plc, u32 rate);
/* @n samples made up for a loss; false once they are all silent. */
bool vo_plc_conceal(struct vo_plc *plc, s16 *out, unsigned int n);
/* Real audio about to be played: blended in after a loss, remembered. */
void vo_plc_good(struct vo_plc *plc, s16 *pcm, unsigned int n);
/* What comes next does not follow what was played: blend it in. */
void vo_plc_splice(struct vo_plc *plc);

/* Concealing, or not yet back to the real audio. */
static inline bool vo_plc_busy(const struct vo_plc *plc)
{
	return plc->active;
}

/* The last @n samples played (n <= VO_PLC_HIST), oldest first. */
void vo_plc_history(const struct vo_plc *plc, s16 *to, unsigned int n);

/*
 * The lag in [@lo, @hi] at which a[dir * lag ...] best resembles
 * a[0..@w), by normalised cross-correlation: searched every @dec-th lag
 * on every @dec-th sample, then refined around the best. *@score is the
 * correlation there, 4096 for a perfect match.
 */
unsigned int vo_plc_lag(const s16 *a, int dir, unsigned int w,
			unsigned int lo, unsigned int hi, unsigned int dec,
			unsigned int *score);

#endif /* _VO_RTP_PLC_H */
