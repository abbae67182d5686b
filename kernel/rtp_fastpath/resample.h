/* SPDX-License-Identifier: GPL-2.0 */
/*
 * 2:1 sample-rate conversion between a line's rate and a codec's: G.711
 * (8 kHz) on a wideband line, G.722 (16 kHz) on a narrowband one. One
 * 47-tap half-band FIR, so half its taps are zero and the converters run
 * on the other half.
 */
#ifndef _VO_RTP_RESAMPLE_H
#define _VO_RTP_RESAMPLE_H

#include <linux/types.h>

/* Input history: 47 taps at 16 kHz down, 24 at 8 kHz up; powers of 2. */
#define VO_RS_DOWN_HIST	64
#define VO_RS_UP_HIST	32

struct vo_rs_down {
	s16 x[VO_RS_DOWN_HIST];
	u8 pos;
};

struct vo_rs_up {
	s16 x[VO_RS_UP_HIST];
	u8 pos;
};

void vo_rs_down_init(struct vo_rs_down *rs);
/* @n 16 kHz samples (even) into n / 2 at 8 kHz; returns n / 2. */
unsigned int vo_rs_down(struct vo_rs_down *rs, s16 *out, const s16 *in,
			unsigned int n);
void vo_rs_up_init(struct vo_rs_up *rs);
/* @n 8 kHz samples into 2 * n at 16 kHz; returns 2 * n. */
unsigned int vo_rs_up(struct vo_rs_up *rs, s16 *out, const s16 *in,
		      unsigned int n);

#endif /* _VO_RTP_RESAMPLE_H */
