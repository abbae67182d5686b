// SPDX-License-Identifier: GPL-2.0
/*
 * Concealment as G.711 Appendix I describes it, written from its text,
 * in integers. Where Appendix I delays the output by 3.75 ms so it can
 * rewrite the last quarter period before a loss, we may not add delay:
 * instead the step between the last sample played and the first one
 * repeated is carried as an offset that dies away over a quarter period.
 *
 * Levels are Q15. The repeated cycle is read from a copy of the history
 * taken when the loss began, so the history itself goes on recording
 * what is played, made-up samples included.
 */
#include "plc.h"

#define VO_PLC_ONE		32768	/* 1.0 in Q15 */
#define VO_PLC_FULL_MS		10	/* at full level this long, */
#define VO_PLC_SILENT_MS	60	/* then fading to nothing by this */
#define VO_PLC_MERGE_STEP_MS	4	/* blend 4 ms longer per 10 ms lost */
#define VO_PLC_MERGE_MAX_MS	10
#define VO_PLC_LAG_MIN_MS	5	/* pitch 67..200 Hz, or its multiple */
#define VO_PLC_LAG_MAX_MS	15
#define VO_PLC_WIN_MS		10	/* correlation window */
#define VO_PLC_LOST_MAX		0x40000000	/* lost stops counting */

static s16 vo_plc_sat(s32 v)
{
	return v > 32767 ? 32767 : v < -32768 ? -32768 : v;
}

static u32 vo_plc_isqrt(u32 v)
{
	u32 r = 0, bit = 1u << 30;

	while (bit > v)
		bit >>= 2;
	while (bit) {
		if (v >= r + bit) {
			v -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return r;
}

/*
 * Normalised correlation of a[] and b[] over @w samples, every @step-th,
 * in Q12. Samples lose 4 bits first, so a sum of at most 256 squares
 * stays in 31 bits; the callers keep w / step within that.
 */
static unsigned int vo_plc_ncorr(const s16 *a, const s16 *b, unsigned int w,
				 unsigned int step)
{
	u32 ea = 0, eb = 0, den, q;
	unsigned int i;
	s32 c = 0, x, y;

	for (i = 0; i < w; i += step) {
		x = a[i] >> 4;
		y = b[i] >> 4;
		c += x * y;
		ea += x * x;
		eb += y * y;
	}
	if (c <= 0)
		return 0;
	den = vo_plc_isqrt(ea) * vo_plc_isqrt(eb);
	/* c <= den (Cauchy-Schwarz): scale both until c << 12 fits */
	while (c >= 1 << 19) {
		c >>= 1;
		den >>= 1;
	}
	if (!den)
		return 0;
	q = ((u32)c << 12) / den;
	return q > 4096 ? 4096 : q;
}

unsigned int vo_plc_lag(const s16 *a, int dir, unsigned int w,
			unsigned int lo, unsigned int hi, unsigned int dec,
			unsigned int *score)
{
	unsigned int lag, best = lo, best_c = 0, c, from, to;

	if (!dec)
		dec = 1;
	for (lag = lo; lag <= hi; lag += dec) {
		c = vo_plc_ncorr(a, a + dir * (int)lag, w, dec);
		if (c > best_c) {
			best_c = c;
			best = lag;
		}
	}
	/* the coarse grid missed up to dec - 1 lags either side */
	from = best >= lo + dec - 1 ? best - (dec - 1) : lo;
	to = best + dec - 1 <= hi ? best + dec - 1 : hi;
	best_c = 0;
	for (lag = from; lag <= to; lag++) {
		c = vo_plc_ncorr(a, a + dir * (int)lag, w, 1);
		if (c > best_c) {
			best_c = c;
			best = lag;
		}
	}
	*score = best_c;
	return best;
}

void vo_plc_init(struct vo_plc *plc, u32 rate)
{
	unsigned int i;

	for (i = 0; i < VO_PLC_RING; i++)
		plc->hist[i] = 0;
	for (i = 0; i < VO_PLC_HIST; i++)
		plc->src[i] = 0;
	plc->pos = 0;
	plc->khz = rate >= 16000 ? 16 : 8;
	plc->pitch = VO_PLC_LAG_MIN_MS * plc->khz;
	plc->quarter = plc->pitch / 4;
	plc->span = plc->pitch;
	plc->idx = 0;
	plc->old_span = plc->pitch;
	plc->old_idx = 0;
	plc->xfade = 0;
	plc->offset = 0;
	plc->lost = 0;
	plc->merge_len = 0;
	plc->merge_pos = 0;
	plc->active = false;
	plc->merging = false;
}

static void vo_plc_push(struct vo_plc *plc, const s16 *pcm, unsigned int n)
{
	unsigned int i, pos = plc->pos;

	for (i = 0; i < n; i++) {
		plc->hist[pos] = pcm[i];
		pos = (pos + 1) & (VO_PLC_RING - 1);
	}
	plc->pos = pos;
}

void vo_plc_history(const struct vo_plc *plc, s16 *to, unsigned int n)
{
	unsigned int i, pos = (plc->pos - n) & (VO_PLC_RING - 1);

	for (i = 0; i < n; i++) {
		to[i] = plc->hist[pos];
		pos = (pos + 1) & (VO_PLC_RING - 1);
	}
}

/*
 * Sample @i of a cycle of @span samples, the last ones of the history at
 * the loss. Its last quarter period eases into the sample that preceded
 * the cycle, so the wrap from its end to its start is no step but the
 * signal's own (Appendix I overlap-adds the same join).
 */
static s32 vo_plc_cycle(const struct vo_plc *plc, unsigned int span,
			unsigned int i)
{
	const s16 *end = plc->src + VO_PLC_HIST;
	unsigned int q = plc->quarter, k;
	s32 v = end[(int)i - (int)span];

	if (i + q >= span) {
		k = i + q + 1 - span;		/* 1..q */
		v = (v * (s32)(q + 1 - k) +
		     end[(int)i - 2 * (int)span] * (s32)k) / (s32)(q + 1);
	}
	return v;
}

/* Level @t samples into a loss: 1 for 10 ms, then down to 0 at 60 ms. */
static s32 vo_plc_gain(const struct vo_plc *plc, u32 t)
{
	u32 full = VO_PLC_FULL_MS * plc->khz;
	u32 silent = VO_PLC_SILENT_MS * plc->khz;

	if (t < full)
		return VO_PLC_ONE;
	if (t >= silent)
		return 0;
	return ((silent - t) << 15) / (silent - full);
}

/* The next made-up sample. */
static s32 vo_plc_next(struct vo_plc *plc)
{
	u32 t = plc->lost;
	s32 q = plc->quarter, v, o;

	if (t >= VO_PLC_SILENT_MS * plc->khz) {
		/* faded out; a day of silence must not wrap round to loud */
		if (t < VO_PLC_LOST_MAX)
			plc->lost++;
		return 0;
	}
	v = vo_plc_cycle(plc, plc->span, plc->idx);
	if (plc->xfade) {
		o = vo_plc_cycle(plc, plc->old_span, plc->old_idx);
		v = (o * plc->xfade + v * (q - plc->xfade)) / q;
		plc->xfade--;
		if (++plc->old_idx >= plc->old_span)
			plc->old_idx = 0;
	}
	if (t < (u32)q)
		v += plc->offset * (q - (s32)t) / q;
	v = vo_plc_sat(v) * vo_plc_gain(plc, t) >> 15;
	if (++plc->idx >= plc->span)
		plc->idx = 0;
	plc->lost++;
	/*
	 * A single period repeated for long buzzes: at 10 and 20 ms the cycle
	 * takes in the period before. The new cycle's sample at the same
	 * index is one period earlier, so the two are in phase; the old
	 * fades out over a quarter period.
	 */
	if (plc->lost == VO_PLC_FULL_MS * plc->khz ||
	    plc->lost == 2 * VO_PLC_FULL_MS * plc->khz) {
		plc->old_span = plc->span;
		plc->old_idx = plc->idx;
		plc->span += plc->pitch;
		plc->xfade = plc->quarter;
	}
	return v;
}

/* A loss begins (or a splice): find the period to repeat. */
static void vo_plc_start(struct vo_plc *plc)
{
	unsigned int w = VO_PLC_WIN_MS * plc->khz, score;
	const s16 *end = plc->src + VO_PLC_HIST;

	vo_plc_history(plc, plc->src, VO_PLC_HIST);
	plc->pitch = vo_plc_lag(end - w, -1, w, VO_PLC_LAG_MIN_MS * plc->khz,
				VO_PLC_LAG_MAX_MS * plc->khz, plc->khz / 4,
				&score);
	plc->quarter = plc->pitch / 4;
	plc->span = plc->pitch;
	plc->idx = 0;
	plc->xfade = 0;
	/* what the step into the cycle's start would have been */
	plc->offset = end[-1] - end[-1 - (int)plc->pitch];
	plc->lost = 0;
	plc->active = true;
	plc->merging = false;
}

bool vo_plc_conceal(struct vo_plc *plc, s16 *out, unsigned int n)
{
	bool audible;
	unsigned int i;

	if (!plc->active)
		vo_plc_start(plc);
	/* lost again while blending back: the same loss goes on */
	plc->merging = false;
	audible = plc->lost < VO_PLC_SILENT_MS * plc->khz;
	for (i = 0; i < n; i++)
		out[i] = vo_plc_next(plc);
	vo_plc_push(plc, out, n);
	return audible;
}

/*
 * Appendix I blends over a quarter period after 10 ms lost, 4 ms more
 * for each 10 ms after, 10 ms at most: the longer the loss, the less the
 * made-up signal resembles what comes back.
 */
static u16 vo_plc_merge_len(const struct vo_plc *plc)
{
	u32 full = VO_PLC_FULL_MS * plc->khz, len = plc->quarter;

	if (plc->lost > full)
		len += (plc->lost - full + full - 1) / full *
		       VO_PLC_MERGE_STEP_MS * plc->khz;
	if (len > VO_PLC_MERGE_MAX_MS * plc->khz)
		len = VO_PLC_MERGE_MAX_MS * plc->khz;
	return len ? len : 1;
}

void vo_plc_good(struct vo_plc *plc, s16 *pcm, unsigned int n)
{
	unsigned int i;
	s32 m, k;

	if (plc->active) {
		if (!plc->merging) {
			plc->merging = true;
			plc->merge_pos = 0;
			plc->merge_len = vo_plc_merge_len(plc);
		}
		m = plc->merge_len + 1;
		for (i = 0; i < n && plc->merge_pos < plc->merge_len; i++) {
			k = ++plc->merge_pos;
			pcm[i] = vo_plc_sat((vo_plc_next(plc) * (m - k) +
					     pcm[i] * k) / m);
		}
		if (plc->merge_pos >= plc->merge_len) {
			plc->active = false;
			plc->merging = false;
			plc->lost = 0;
		}
	}
	vo_plc_push(plc, pcm, n);
}

void vo_plc_splice(struct vo_plc *plc)
{
	if (!plc->active)
		vo_plc_start(plc);
}
