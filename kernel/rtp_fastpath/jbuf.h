/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The flow's jitter buffer: decoded audio placed by its RTP time, played
 * out a fixed delay later, so reordered packets land in place and late
 * ones are counted. (The adaptive delay and concealment are issue 5's.)
 */
#ifndef _VO_RTP_JBUF_H
#define _VO_RTP_JBUF_H

#include <linux/bitmap.h>
#include <linux/types.h>

/* 1 s at 16 kHz, 2 s at 8 kHz: more than the largest delay plus a packet. */
#define VO_JB_SAMPLES	16384

enum vo_jb_put {
	VO_JB_OK,
	VO_JB_LATE,		/* its time to play has passed */
	VO_JB_DUPLICATE,	/* every sample is there already */
	VO_JB_RESYNC,		/* far from the playout point: started over */
};

struct vo_jbuf {
	s16 pcm[VO_JB_SAMPLES];
	DECLARE_BITMAP(have, VO_JB_SAMPLES);
	bool started;
	u32 play;		/* sample time of the next sample out */
	u32 delay;		/* samples between arrival and playout */
};

void vo_jb_init(struct vo_jbuf *jb, u32 delay);
enum vo_jb_put vo_jb_put(struct vo_jbuf *jb, u32 at, const s16 *pcm,
			 unsigned int n);
/* Mix the next @n samples into @out; how many were there. */
unsigned int vo_jb_get(struct vo_jbuf *jb, s16 *out, unsigned int n);

#endif /* _VO_RTP_JBUF_H */
