// SPDX-License-Identifier: GPL-2.0
/*
 * G.722 at 64 kbit/s, following the fixed-point description of ITU-T G.722.
 *
 * A 24-tap quadrature mirror filter splits each pair of 16 kHz samples into
 * one lower-band and one higher-band sample at 8 kHz. Each band is coded by
 * backward-adaptive ADPCM: a predictor with two poles and six zeros
 * estimates the next sample, and the difference is quantized on a scale
 * that adapts in the log domain. The lower band gets 6 bits (60 levels),
 * the higher band 2 bits. The decoder runs the same adaptation on the same
 * codes, so both ends stay in step without any side information.
 *
 * All arithmetic is the standard's 16-bit fixed point, truncating and
 * saturating where it does; a host test (selftests/host/g722_check.c)
 * checks codes and samples bit for bit against spandsp. The one deliberate
 * difference: our decoder saturates its output, see vo_g722_decode_octet().
 */
#include "g722.h"

/*
 * QMF coefficients h0..h23 (Q13). They are symmetric, so a history kept
 * oldest first can be multiplied tap by tap: the taps at even positions
 * then see the earlier sample of each pair, those at odd positions the
 * later one.
 */
static const s16 vo_g722_qmf_h[VO_G722_QMF_TAPS] = {
	3, -11, -11, 53, 12, -156, 32, 362, -210, -805, 951, 3876,
	3876, 951, -805, -210, 362, 32, -156, 12, 53, -11, -11, 3,
};

/*
 * Lower band, 6-bit quantizer: the lower edge of intervals 1..30 relative
 * to the scale factor (Q12). Interval 30 is open above.
 */
static const s16 vo_g722_low_edge[30] = {
	0, 35, 72, 110, 150, 190, 233, 276, 323, 370,
	422, 473, 530, 587, 650, 714, 786, 858, 940, 1023,
	1121, 1219, 1339, 1458, 1612, 1765, 1980, 2195, 2557, 2919,
};

/* The level each of those intervals decodes to, at 64 kbit/s (Q12). */
static const s16 vo_g722_low_level6[30] = {
	17, 54, 91, 130, 170, 211, 254, 300, 347, 396,
	447, 501, 558, 618, 682, 750, 822, 899, 982, 1072,
	1170, 1279, 1399, 1535, 1689, 1873, 2088, 2376, 2738, 3101,
};

/*
 * The predictor and the scale adaptation see only the code's top 4 bits:
 * magnitudes 0..7 of that coarser quantizer, their levels (Q12) and their
 * log scale factor multipliers.
 */
static const s16 vo_g722_low_level4[8] = {
	0, 150, 323, 530, 786, 1121, 1612, 2557,
};

static const s16 vo_g722_low_w[8] = {
	-60, -30, 58, 172, 334, 538, 1198, 3042,
};

/* Higher band, 2-bit quantizer: decision level, the 2 levels, multipliers. */
#define VO_G722_HIGH_EDGE	564
static const s16 vo_g722_high_level[2] = { 202, 926 };
static const s16 vo_g722_high_w[2] = { -214, 798 };

/* 2048 * 2^(i / 32): the scale factor's mantissa from its logarithm. */
static const s16 vo_g722_ilb[32] = {
	2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383,
	2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
	2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371,
	3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008,
};

#define VO_G722_LOW_NB_MAX	18432	/* scale factor ceiling, lower band */
#define VO_G722_HIGH_NB_MAX	22528	/* and higher band */
#define VO_G722_LOW_DET_MIN	32	/* scale factor at reset */
#define VO_G722_HIGH_DET_MIN	8
#define VO_G722_OUT_MAX		16383	/* decoder's limit on each band */

/*
 * Scaling of 16-bit linear audio: the band split leaves each band at half
 * the input's scale (the taps are Q13, the phase sums 0.5 each at DC), so
 * a full-scale input fits the decoder's band limit; the join doubles back.
 */
#define VO_G722_SPLIT_SHIFT	14
#define VO_G722_JOIN_SHIFT	11

static int vo_g722_clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static int vo_g722_sat16(int v)
{
	return vo_g722_clamp(v, -32768, 32767);
}

/*
 * The quantizers compare the one's complement of a negative difference:
 * this is what G.722's masking arithmetic yields, and it moves a few
 * values on an interval edge.
 */
static int vo_g722_magnitude(int e)
{
	return e < 0 ? -e - 1 : e;
}

/* Scales a level given in Q12 (x 8 makes it Q15) by the scale factor. */
static int vo_g722_scale(int det, int level)
{
	return (det * level * 8) >> 15;
}

/* --- the quantizers and their inverses --- */

/* Lower band: the interval (1..30) holding @mag, by bisection. */
static int vo_g722_low_interval(int mag, int det)
{
	int lo = 1, hi = 30;

	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (mag < (vo_g722_low_edge[mid] * det) >> 12)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/*
 * The 6-bit code for difference @el. By interval, positive codes count down
 * from 61, negative ones from 63 for the two smallest and from 31 for the
 * rest, so that codes 0..3 are never sent.
 */
static u8 vo_g722_low_code(int el, int det)
{
	int mil = vo_g722_low_interval(vo_g722_magnitude(el), det);

	if (el >= 0)
		return 62 - mil;
	return mil < 3 ? 64 - mil : 34 - mil;
}

/* Signed 64 kbit/s level of a lower-band code; 0..3 read as code 63. */
static int vo_g722_low_level(u8 il)
{
	if (il >= 62 || il < 4)
		return -vo_g722_low_level6[il == 62 ? 1 : 0];
	if (il >= 32)
		return vo_g722_low_level6[61 - il];
	return -vo_g722_low_level6[33 - il];
}

/*
 * Magnitude 0..7 of a code's top 4 bits: 15 down to 8 are the positive
 * levels, 1 to 7 the negative ones, and 0 and 15 both mean zero.
 */
static int vo_g722_low_mag4(int ilr)
{
	if (ilr >= 8)
		return 15 - ilr;
	return ilr ? 8 - ilr : 0;
}

/* The coarse (4-bit) quantized difference the predictor adapts on. */
static int vo_g722_low_diff4(int ilr, int det)
{
	int level = vo_g722_low_level4[vo_g722_low_mag4(ilr)];

	return vo_g722_scale(det, ilr < 8 ? -level : level);
}

static u8 vo_g722_high_code(int eh, int det)
{
	int large = vo_g722_magnitude(eh) >= (VO_G722_HIGH_EDGE * det) >> 12;

	if (eh >= 0)
		return large ? 2 : 3;
	return large ? 0 : 1;
}

/* Codes 0 and 2 are the large level, 0 and 1 the negative ones. */
static int vo_g722_high_diff(u8 ih, int det)
{
	int level = vo_g722_high_level[!(ih & 1)];

	return vo_g722_scale(det, ih & 2 ? level : -level);
}

/* --- adaptation, common to both bands --- */

/*
 * Log-domain scale factor: leak towards zero, add the multiplier for the
 * code just sent, and turn the result into a linear scale,
 * det = 4 * ILB[(nb / 64) % 32] * 2^(nb / 2048 - @octaves), truncated.
 */
static void vo_g722_scale_adapt(struct vo_g722_band *b, int w, int nb_max,
				int octaves)
{
	int nb = vo_g722_clamp(((b->nb * 32512) >> 15) + w, 0, nb_max);
	int mant = vo_g722_ilb[(nb >> 6) & 31];
	int shift = octaves - (nb >> 11);

	b->nb = nb;
	b->det = (shift < 0 ? mant << -shift : mant >> shift) * 4;
}

/*
 * Second pole: leak, plus a step towards the correlation of the partial
 * reconstruction @p with itself two samples back, minus f(a1) times the
 * one-sample correlation, where f(a1) is 4 * a1 limited to +-2.
 */
static int vo_g722_next_a2(const struct vo_g722_band *b, int same1,
			   int same2)
{
	int f = vo_g722_sat16(b->a[0] * 4);
	int a2;

	if (same1)
		f = -f;
	a2 = (vo_g722_clamp(f, -32768, 32767) >> 7) + (same2 ? 128 : -128);
	a2 += (b->a[1] * 32512) >> 15;
	return vo_g722_clamp(a2, -12288, 12288);
}

/* Both poles; |a1| stays below 1 - 2^-4 - a2 so the filter stays stable. */
static void vo_g722_update_poles(struct vo_g722_band *b, int p)
{
	int same1 = (p < 0) == (b->p[0] < 0);
	int same2 = (p < 0) == (b->p[1] < 0);
	int a2 = vo_g722_next_a2(b, same1, same2);
	int a1 = (same1 ? 192 : -192) + ((b->a[0] * 32640) >> 15);
	int bound = 15360 - a2;

	b->a[0] = vo_g722_clamp(a1, -bound, bound);
	b->a[1] = a2;
}

/* Zeros: leak, plus a step by the sign correlation of the differences. */
static void vo_g722_update_zeros(struct vo_g722_band *b, int d)
{
	int step = d ? 128 : 0;
	int i;

	for (i = 0; i < 6; i++) {
		int same = (d < 0) == (b->d[i] < 0);

		b->b[i] = (same ? step : -step) + ((b->b[i] * 32640) >> 15);
	}
}

/*
 * Output of the zero section: sum of b_i * d(n - i), each term truncated,
 * the sum limited once at the end. Pathological streams take the partial
 * sums past 16 bits; limiting those too would change the result (and no
 * longer match spandsp).
 */
static int vo_g722_zero_section(const struct vo_g722_band *b)
{
	int sz = 0;
	int i;

	for (i = 0; i < 6; i++)
		sz += (b->d[i] * 2 * b->b[i]) >> 15;
	return vo_g722_sat16(sz);
}

/* One pole's term, a * r; G.722 doubles r first with a saturating add. */
static int vo_g722_pole_term(int r, int a)
{
	return (vo_g722_sat16(r * 2) * a) >> 15;
}

/*
 * G.722 block 4: with the quantized difference @d of this sample, adapt
 * the predictor and compute its estimate for the next sample.
 */
static void vo_g722_predict(struct vo_g722_band *b, int d)
{
	int r = vo_g722_sat16(b->s + d);
	int p = vo_g722_sat16(b->sz + d);
	int i;

	vo_g722_update_poles(b, p);
	vo_g722_update_zeros(b, d);
	for (i = 5; i > 0; i--)
		b->d[i] = b->d[i - 1];
	b->d[0] = d;
	b->r[1] = b->r[0];
	b->r[0] = r;
	b->p[1] = b->p[0];
	b->p[0] = p;

	b->sz = vo_g722_zero_section(b);
	b->s = vo_g722_sat16(vo_g722_pole_term(b->r[0], b->a[0]) +
			     vo_g722_pole_term(b->r[1], b->a[1]) + b->sz);
}

/* Lower band: predictor and scale adaptation on the top 4 bits of @il. */
static void vo_g722_low_adapt(struct vo_g722_band *b, u8 il)
{
	int ilr = il >> 2;
	int d = vo_g722_low_diff4(ilr, b->det);

	vo_g722_scale_adapt(b, vo_g722_low_w[vo_g722_low_mag4(ilr)],
			    VO_G722_LOW_NB_MAX, 8);
	vo_g722_predict(b, d);
}

static void vo_g722_high_adapt(struct vo_g722_band *b, u8 ih)
{
	int d = vo_g722_high_diff(ih, b->det);

	vo_g722_scale_adapt(b, vo_g722_high_w[!(ih & 1)],
			    VO_G722_HIGH_NB_MAX, 10);
	vo_g722_predict(b, d);
}

static void vo_g722_band_init(struct vo_g722_band *b, int det)
{
	*b = (struct vo_g722_band){ .det = det };
}

/*
 * Shifts two samples into the QMF history and returns the filter sums over
 * the even and the odd taps. The split and the join share it.
 */
static void vo_g722_qmf(s16 *hist, int first, int second, int *even,
			int *odd)
{
	int i;

	for (i = 0; i < VO_G722_QMF_TAPS - 2; i++)
		hist[i] = hist[i + 2];
	hist[VO_G722_QMF_TAPS - 2] = first;
	hist[VO_G722_QMF_TAPS - 1] = second;

	*even = 0;
	*odd = 0;
	for (i = 0; i < VO_G722_QMF_TAPS; i += 2) {
		*even += hist[i] * vo_g722_qmf_h[i];
		*odd += hist[i + 1] * vo_g722_qmf_h[i + 1];
	}
}

/* --- encoder --- */

void vo_g722_enc_init(struct vo_g722_enc *e)
{
	int i;

	for (i = 0; i < VO_G722_QMF_TAPS; i++)
		e->qmf[i] = 0;
	vo_g722_band_init(&e->low, VO_G722_LOW_DET_MIN);
	vo_g722_band_init(&e->high, VO_G722_HIGH_DET_MIN);
}

static u8 vo_g722_encode_pair(struct vo_g722_enc *e, int first, int second)
{
	int even, odd, xl, xh;
	u8 il, ih;

	/*
	 * The band split: sum and difference of the two phases. The taps'
	 * absolute sum is 12964, so neither can leave 16 bits.
	 */
	vo_g722_qmf(e->qmf, first, second, &even, &odd);
	xl = (odd + even) >> VO_G722_SPLIT_SHIFT;
	xh = (odd - even) >> VO_G722_SPLIT_SHIFT;

	il = vo_g722_low_code(vo_g722_sat16(xl - e->low.s), e->low.det);
	vo_g722_low_adapt(&e->low, il);

	ih = vo_g722_high_code(vo_g722_sat16(xh - e->high.s), e->high.det);
	vo_g722_high_adapt(&e->high, ih);

	return ih << 6 | il;
}

unsigned int vo_g722_encode(struct vo_g722_enc *e, u8 *out, const s16 *pcm,
			    unsigned int n)
{
	unsigned int i;

	for (i = 0; i + 1 < n; i += 2)
		out[i / 2] = vo_g722_encode_pair(e, pcm[i], pcm[i + 1]);
	return n / 2;
}

/* --- decoder --- */

void vo_g722_dec_init(struct vo_g722_dec *d)
{
	int i;

	for (i = 0; i < VO_G722_QMF_TAPS; i++)
		d->qmf[i] = 0;
	vo_g722_band_init(&d->low, VO_G722_LOW_DET_MIN);
	vo_g722_band_init(&d->high, VO_G722_HIGH_DET_MIN);
}

/* Decoder's reconstruction: estimate plus quantized difference, limited. */
static int vo_g722_reconstruct(const struct vo_g722_band *b, int diff)
{
	return vo_g722_clamp(b->s + diff, -VO_G722_OUT_MAX - 1,
			     VO_G722_OUT_MAX);
}

static void vo_g722_decode_octet(struct vo_g722_dec *d, s16 *pcm, u8 code)
{
	u8 il = code & 0x3f, ih = code >> 6;
	int rl, rh, even, odd;

	/* The lower band's output uses all 6 bits, its predictor only 4. */
	rl = vo_g722_reconstruct(&d->low,
				 vo_g722_scale(d->low.det,
					       vo_g722_low_level(il)));
	vo_g722_low_adapt(&d->low, il);

	rh = vo_g722_reconstruct(&d->high, vo_g722_high_diff(ih, d->high.det));
	vo_g722_high_adapt(&d->high, ih);

	/*
	 * The join: the bands' sum goes through the even taps, their
	 * difference through the odd ones, which give the earlier sample.
	 * Loud input or a hostile stream can take it past 16 bits: saturate.
	 * (spandsp 0.0.6 lets such samples wrap round, a full-scale click.)
	 */
	vo_g722_qmf(d->qmf, rl + rh, rl - rh, &even, &odd);
	pcm[0] = vo_g722_sat16(odd >> VO_G722_JOIN_SHIFT);
	pcm[1] = vo_g722_sat16(even >> VO_G722_JOIN_SHIFT);
}

unsigned int vo_g722_decode(struct vo_g722_dec *d, s16 *pcm, const u8 *in,
			    unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		vo_g722_decode_octet(d, pcm + 2 * i, in[i]);
	return 2 * n;
}
