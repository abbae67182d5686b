// SPDX-License-Identifier: GPL-2.0
/*
 * The half-band filter: a Kaiser-windowed (beta 5.65) sinc of 47 taps,
 * h[k] = sin(pi k / 2) / (pi k) * w[k] for k = -23..23, in Q15. Even
 * offsets from the centre are zero and the centre is exactly 1/2, which
 * leaves these twelve symmetric pairs. Flat to 3.4 kHz (-0.03 dB), -6 dB
 * at 4 kHz, -50 dB from 4.6 kHz at 16 kHz: telephone band in, images
 * and aliases out. Delay: 23 samples at 16 kHz either way.
 *
 * The sum of |h| is 1.65 in Q15, so a sum of products of full-scale
 * samples stays below 2^31: the accumulators are s32.
 */
#include "resample.h"

#define VO_RS_PAIRS	12
#define VO_RS_CENTRE	23		/* the filter's delay at 16 kHz */

static const s16 vo_rs_pair[VO_RS_PAIRS] = {
	10380, -3328, 1846, -1169, 772, -511, 331, -206, 120, -64, 29, -9,
};

static s16 vo_rs_sat(s32 v)
{
	return v > 32767 ? 32767 : v < -32768 ? -32768 : v;
}

void vo_rs_down_init(struct vo_rs_down *rs)
{
	unsigned int i;

	for (i = 0; i < VO_RS_DOWN_HIST; i++)
		rs->x[i] = 0;
	rs->pos = 0;
}

/* x[t - @back], t the newest input */
static s32 vo_rs_down_at(const struct vo_rs_down *rs, unsigned int back)
{
	return rs->x[(rs->pos - back) & (VO_RS_DOWN_HIST - 1)];
}

static s16 vo_rs_down_one(const struct vo_rs_down *rs)
{
	s32 acc = vo_rs_down_at(rs, VO_RS_CENTRE) << 14;
	unsigned int j, d;

	for (j = 0; j < VO_RS_PAIRS; j++) {
		d = 2 * j + 1;
		acc += vo_rs_pair[j] * (vo_rs_down_at(rs, VO_RS_CENTRE - d) +
					vo_rs_down_at(rs, VO_RS_CENTRE + d));
	}
	return vo_rs_sat((acc + (1 << 14)) >> 15);
}

unsigned int vo_rs_down(struct vo_rs_down *rs, s16 *out, const s16 *in,
			unsigned int n)
{
	unsigned int i;

	/*
	 * Each output is centred on an odd input (23 back from an even one),
	 * where vo_rs_up() puts its input samples: down after up gives the
	 * samples back, 23 later, rather than half a sample between them.
	 */
	for (i = 0; i + 1 < n; i += 2) {
		rs->pos = (rs->pos + 1) & (VO_RS_DOWN_HIST - 1);
		rs->x[rs->pos] = in[i];
		out[i / 2] = vo_rs_down_one(rs);
		rs->pos = (rs->pos + 1) & (VO_RS_DOWN_HIST - 1);
		rs->x[rs->pos] = in[i + 1];
	}
	return n / 2;
}

void vo_rs_up_init(struct vo_rs_up *rs)
{
	unsigned int i;

	for (i = 0; i < VO_RS_UP_HIST; i++)
		rs->x[i] = 0;
	rs->pos = 0;
}

/* x[m - @back], m the newest 8 kHz input */
static s32 vo_rs_up_at(const struct vo_rs_up *rs, unsigned int back)
{
	return rs->x[(rs->pos - back) & (VO_RS_UP_HIST - 1)];
}

/*
 * Zero-stuffing doubles the rate and halves the level, so the filter runs
 * at twice its gain: the even outputs are the pairs' sum (>> 14, not 15)
 * and the odd ones, on the centre tap, are the input itself, delayed.
 */
static s16 vo_rs_up_even(const struct vo_rs_up *rs)
{
	s32 acc = 0;
	unsigned int j;

	for (j = 0; j < VO_RS_PAIRS; j++)
		acc += vo_rs_pair[j] * (vo_rs_up_at(rs, 11 - j) +
					vo_rs_up_at(rs, 12 + j));
	return vo_rs_sat((acc + (1 << 13)) >> 14);
}

unsigned int vo_rs_up(struct vo_rs_up *rs, s16 *out, const s16 *in,
		      unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		rs->pos = (rs->pos + 1) & (VO_RS_UP_HIST - 1);
		rs->x[rs->pos] = in[i];
		out[2 * i] = vo_rs_up_even(rs);
		out[2 * i + 1] = vo_rs_up_at(rs, 11);
	}
	return 2 * n;
}
