// SPDX-License-Identifier: GPL-2.0
/*
 * Line gains: tenths of a dB turned into a Q16 factor once, when set, and
 * applied per sample with saturation, as a SLIC's gain stage would clip.
 */
#include <linux/bits.h>
#include <linux/math64.h>
#include <linux/minmax.h>

#include "slic.h"

/* 10^(1/200), one twentieth of a dB, in Q30 */
#define VO_GAIN_STEP_Q30	1086175168ULL
#define VO_GAIN_ONE_Q30		BIT_ULL(30)

/*
 * 10^(tenths / 200) in Q16, for -400 < tenths < 200. Written as
 * 10^(k - 2) * 10^(r / 200) with tenths + 400 = 200 k + r, so only whole
 * powers of ten and fewer than 200 steps are needed.
 */
u32 vo_gain_q16(s32 tenths)
{
	u32 up = tenths + 400;
	u32 k = up / 200, r = up % 200, i;
	u64 t = VO_GAIN_ONE_Q30;

	for (i = 0; i < r; i++)
		t = (t * VO_GAIN_STEP_Q30 + VO_GAIN_ONE_Q30 / 2) >> 30;
	for (i = k; i < 2; i++)
		t = div_u64(t + 5, 10);
	return (t + (1 << 13)) >> 14;
}

void vo_gain_apply(s16 *x, unsigned int n, u32 q16)
{
	unsigned int i;

	if (q16 == VO_GAIN_UNITY)
		return;
	for (i = 0; i < n; i++) {
		s32 v = ((s64)x[i] * q16 + (1 << 15)) >> 16;

		x[i] = clamp_t(s32, v, S16_MIN, S16_MAX);
	}
}
