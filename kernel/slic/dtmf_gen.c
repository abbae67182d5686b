// SPDX-License-Identifier: GPL-2.0
/*
 * DTMF tone generation. Each tone is a 32-bit phase accumulator read
 * through a quarter-wave sine table with linear interpolation: the
 * frequency is exact to 2^-32 of the rate and the amplitude is a constant,
 * so neither drifts however long a digit is held (a recurrence oscillator
 * would need renormalising). The interpolation error is below -80 dB,
 * well under G.711's quantization noise.
 */
#include "dtmf.h"

#define VO_DTMF_QUARTER		0x40000000U	/* a quarter turn */
#define VO_DTMF_SINE_SEGS	64		/* table steps per quarter */

/* sin(pi/2 * i / 64) * 32768, rounded, i = 0..64 */
static const u16 vo_dtmf_sine[VO_DTMF_SINE_SEGS + 1] = {
	0, 804, 1608, 2410, 3212, 4011, 4808, 5602,
	6393, 7179, 7962, 8739, 9512, 10278, 11039, 11793,
	12539, 13279, 14010, 14732, 15446, 16151, 16846, 17530,
	18204, 18868, 19519, 20159, 20787, 21403, 22005, 22594,
	23170, 23731, 24279, 24811, 25329, 25832, 26319, 26790,
	27245, 27683, 28105, 28510, 28898, 29268, 29621, 29956,
	30273, 30571, 30852, 31113, 31356, 31580, 31785, 31971,
	32137, 32285, 32412, 32521, 32609, 32678, 32728, 32757,
	32768,
};

/*
 * Phase steps f * 2^32 / rate, rounded, for 697, 770, 852, 941, 1209,
 * 1336, 1477 and 1633 Hz; first at 8000 Hz, then at 16000 Hz.
 */
static const u32 vo_dtmf_steps[2][8] = {
	{ 374199026, 413390602, 457414017, 505195528,
	  649076933, 717259538, 792958337, 876710199 },
	{ 187099513, 206695301, 228707009, 252597764,
	  324538466, 358629769, 396479169, 438355100 },
};

/* Peak of a sine at -k dBm0: 22706 * 10^(-k/20), rounded, k = 0..63 */
static const u16 vo_dtmf_peaks[64] = {
	22706, 20237, 18036, 16075, 14327, 12769, 11380, 10142,
	9039, 8056, 7180, 6399, 5703, 5083, 4530, 4038,
	3599, 3207, 2859, 2548, 2271, 2024, 1804, 1607,
	1433, 1277, 1138, 1014, 904, 806, 718, 640,
	570, 508, 453, 404, 360, 321, 286, 255,
	227, 202, 180, 161, 143, 128, 114, 101,
	90, 81, 72, 64, 57, 51, 45, 40,
	36, 32, 29, 25, 23, 20, 18, 16,
};

/* RFC 4733 event code to keypad position (row * 4 + column) */
static const u8 vo_dtmf_digit_key[16] = {
	13, 0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 14, 3, 7, 11, 15,
};

void vo_dtmf_gen_start(struct vo_dtmf_gen *g, unsigned int rate, u8 digit,
		       int dbm0)
{
	const u32 *steps = vo_dtmf_steps[rate > 8000];
	u8 key = vo_dtmf_digit_key[digit & 15];
	u16 peak;

	if (dbm0 > 0)
		dbm0 = 0;
	peak = dbm0 < -63 ? 0 : vo_dtmf_peaks[-dbm0];
	if (digit > 15)
		peak = 0;	/* not a DTMF event: silence */
	g->phase[0] = 0;	/* both start at zero: no click */
	g->phase[1] = 0;
	g->step[0] = steps[key >> 2];
	g->step[1] = steps[4 + (key & 3)];
	g->peak[0] = peak;
	g->peak[1] = peak;
}

/* sin(phase) in Q15 (+-32768) */
static s32 vo_dtmf_sin(u32 phase)
{
	u32 p = phase & (VO_DTMF_QUARTER - 1);
	u32 i, frac;
	s32 v;

	if (phase & VO_DTMF_QUARTER)
		p = VO_DTMF_QUARTER - p;	/* falling quarter: mirrored */
	i = p >> 24;
	if (i == VO_DTMF_SINE_SEGS)
		i--;				/* the peak itself */
	frac = (p - (i << 24)) >> 8;		/* 16 bits, 2^16 at the peak */
	v = vo_dtmf_sine[i] +
	    (s32)(((vo_dtmf_sine[i + 1] - vo_dtmf_sine[i]) * frac) >> 16);
	return phase & (2 * VO_DTMF_QUARTER) ? -v : v;
}

/* One tone's sample, and the step to the next */
static s32 vo_dtmf_tone(struct vo_dtmf_gen *g, unsigned int t)
{
	s32 v = (vo_dtmf_sin(g->phase[t]) * g->peak[t] + (1 << 14)) >> 15;

	g->phase[t] += g->step[t];
	return v;
}

void vo_dtmf_gen_fill(struct vo_dtmf_gen *g, s16 *out, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		s32 v = vo_dtmf_tone(g, 0) + vo_dtmf_tone(g, 1);

		/* two tones above -2.9 dBm0 each can add up beyond full scale */
		if (v > 32767)
			v = 32767;
		else if (v < -32768)
			v = -32768;
		out[i] = v;
	}
}
