// SPDX-License-Identifier: GPL-2.0
/*
 * G.711 companding, computed from the standard's segment rule rather than
 * tables: a segment (exponent) from the magnitude's highest bit and four
 * mantissa bits below it. Decoding returns the middle of each interval,
 * as G.711 specifies. Checked against spandsp for all 65536 inputs by a
 * host test (selftests/host).
 */
#include "g711.h"

#define VO_ULAW_BIAS	0x84	/* 132: makes every segment start on a power of 2 */
#define VO_ULAW_CLIP	32635	/* largest magnitude before the bias overflows */
#define VO_ALAW_XOR	0x55	/* even bits inverted on the line */

/* Position of the highest set bit, 0 for 0: the segment search. */
static int vo_g711_top_bit(unsigned int v)
{
	int bit = 0;

	while (v >>= 1)
		bit++;
	return bit;
}

u8 vo_g711_ulaw_encode(s16 pcm)
{
	int mag = pcm < 0 ? -(int)pcm : pcm;
	u8 sign = pcm < 0 ? 0x80 : 0;
	int exp;

	if (mag > VO_ULAW_CLIP)
		mag = VO_ULAW_CLIP;
	mag += VO_ULAW_BIAS;
	exp = vo_g711_top_bit(mag >> 7);	/* 0..7 */
	return ~(sign | exp << 4 | ((mag >> (exp + 3)) & 0x0f));
}

s16 vo_g711_ulaw_decode(u8 code)
{
	u8 u = ~code;
	int exp = (u >> 4) & 7;
	int mag = ((((u & 0x0f) << 3) + VO_ULAW_BIAS) << exp) - VO_ULAW_BIAS;

	return u & 0x80 ? -mag : mag;
}

u8 vo_g711_alaw_encode(s16 pcm)
{
	/* A-law codes 13 bits; the sign bit is set for positive samples. */
	int mag = (pcm < 0 ? ~(int)pcm : pcm) >> 3;
	u8 sign = pcm < 0 ? 0 : 0x80;
	int exp;
	u8 code;

	if (mag < 32) {
		code = mag >> 1;
	} else {
		exp = vo_g711_top_bit(mag) - 4;		/* 1..7 */
		code = exp << 4 | ((mag >> exp) & 0x0f);
	}
	return (sign | code) ^ VO_ALAW_XOR;
}

s16 vo_g711_alaw_decode(u8 code)
{
	u8 a = code ^ VO_ALAW_XOR;
	int exp = (a >> 4) & 7;
	int mag = (a & 0x0f) << 4;

	if (exp)
		mag = (mag + 0x108) << (exp - 1);
	else
		mag += 8;
	return a & 0x80 ? mag : -mag;
}
