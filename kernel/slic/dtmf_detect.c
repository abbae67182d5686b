// SPDX-License-Identifier: GPL-2.0
/*
 * DTMF detection to ITU-T Q.24, in integer arithmetic.
 *
 * Eight Goertzel filters run over 16 ms blocks of 128 samples at 8 kHz. A
 * 16 kHz line is first decimated by 2, averaging pairs (DTMF lies below
 * 1.7 kHz; the block powers are then corrected for the average's droop),
 * so one set of coefficients serves both rates. The block's
 * first and last 4 ms are tapered (raised cosine): through a plain block a
 * strong tone leaks into the other group's filters enough to move the
 * measured twist by +-1 dB, through the taper by +-0.3 dB. Each filter
 * restarts half way, so for every tone a block gives the two halves'
 * complex outputs y1, y2, and from them:
 *
 * - the block's power, |y1 + y2 e^-iwM|^2 (M = 64), for level and twist;
 * - the phase the tone advanced from one half to the next beyond the
 *   filter's own, arg(y2 e^-iwM conj(y1)), which grows with the frequency
 *   error. Q.24's limits are a fraction of the frequency, and no one
 *   bandwidth could accept 1.5 % at 1633 Hz (24 Hz) yet reject 3.5 % at
 *   697 Hz (24 Hz);
 * - the halves' powers: the tones' share of the energy, whether the tone
 *   fills the block, and the timing of a digit's start and end (to 1 ms,
 *   an eighth of a half, from the amplitude a partly filled half has).
 *
 * A block is valid for a digit when (limits chosen, Q.24 leaves several to
 * each administration):
 * - one row and one column tone are each at least -32 dBm0 (Q.24: accept
 *   -26 dBm0, reject -36 dBm0) and 6 dB above the rest of their group;
 * - the high tone is at most 9 dB above the low one and the low tone at
 *   most 6 dB above the high one (Q.24: accept 8 and 4 dB of normal and
 *   reverse twist). The filters' roll-off adds up to 1.1 dB of reverse
 *   twist at 1.5 % off;
 * - both tones are within 2.5 % (Q.24: accept 1.5 %, reject 3.5 %);
 * - both halves hold both tones within 6 dB: the tone fills the block;
 * - the two tones carry 13/16 of the block's energy: speech and noise
 *   spread theirs (measured on the halves, which a frequency error does
 *   not weaken, so a real digit is near 16/16 even 1.5 % off).
 *
 * A valid block makes a candidate, whose start is estimated from the half
 * before it. It is followed half by half: its tones must stay within 6 dB
 * of the block's level and in tune from half to half, and further blocks
 * must be valid for it. It becomes a digit (START) once it has lasted
 * 30 ms (Q.24: accept 40 ms, reject under 23 ms). The digit ends after
 * three halves in a row (24 ms) in which either tone has dropped 6 dB, or
 * three blocks (48 ms) not valid for it, or at once on a block valid for
 * another digit. A drop-out up to about 16 ms leaves at most two halves
 * and does not split a digit; a pause of 26 ms or more does (Q.24: 10 ms
 * must not, 40 ms must).
 */
#include "dtmf.h"

#define VO_DTMF_HALF		64	/* analysed samples per half block */
#define VO_DTMF_BLOCK		(2 * VO_DTMF_HALF)
#define VO_DTMF_TAPER		32	/* tapered samples at each end */
#define VO_DTMF_EIGHTH		(VO_DTMF_HALF / 8)	/* timing unit */
#define VO_DTMF_KEEP_SHIFT	6	/* halves kept as s16 */

/*
 * A tone at -32 dBm0 (peak 22706 * 10^(-32/20) = 570.4) gives a block
 * power of (570.4 * W / 2)^2, W = 96 being the window's sum.
 */
#define VO_DTMF_MIN_POWER	749486374ULL
/*
 * Block power over the windowed samples' energy for a lone steady tone:
 * (W / 2)^2 / (S / 2) with S = 88.0 the sum of the window squared; times
 * 128 as the energy is kept >> 7.
 */
#define VO_DTMF_TONE_GAIN	6703ULL
/* Twist limits as power ratios in sixteenths: 16 * 10^(9/10), 10^(6/10) */
#define VO_DTMF_NORMAL_TWIST	127
#define VO_DTMF_REVERSE_TWIST	64
/* The tones' share of the block's energy, in sixteenths */
#define VO_DTMF_SHARE		13
/* Other tones in a group: at most 1/4 (-6 dB) of the group's strongest */
#define VO_DTMF_OTHERS_SHIFT	2
#define VO_DTMF_MIN_MS		30	/* a short digit's shortest tone */
#define VO_DTMF_END_HALVES	3
#define VO_DTMF_END_BLOCKS	3

/* Keypad position (row * 4 + column) to RFC 4733 event code */
static const u8 vo_dtmf_key_digit[16] = {
	1, 2, 3, 12,
	4, 5, 6, 13,
	7, 8, 9, 14,
	10, 0, 11, 15,
};

/* The taper, 32768 * (1 - cos(pi * (i + 0.5) / 32)) / 2 rounded */
static const u16 vo_dtmf_taper[VO_DTMF_TAPER] = {
	20, 177, 491, 958, 1573, 2331, 3224, 4244,
	5381, 6624, 7961, 9379, 10864, 12403, 13980, 15580,
	17188, 18788, 20365, 21904, 23389, 24807, 26144, 27387,
	28524, 29544, 30437, 31195, 31810, 32277, 32591, 32748,
};

/*
 * Per tone at 8 kHz, w = 2 pi f / 8000, M = 64, all Q15 rounded:
 * cos(w), sin(w) for the Goertzel filter; cos(wM), sin(wM) to bring one
 * half's output to the reference of the half before; and cos(t), sin(t)
 * of the largest accepted phase advance t: arg(y2 e^-iwM conj(y1)) for a
 * tone of 1.025 f, computed (in double precision) through the windowed
 * halves, from a block's first half to its second (tol, t about
 * 2 pi 0.025 f 49 / 8000: the halves' centres are 49 samples apart) and
 * from a block's second half to the next block's first (cross, 78 apart).
 * Rows 697, 770, 852, 941 Hz, then columns 1209, 1336, 1477, 1633 Hz.
 */
struct vo_dtmf_tone {
	s16 cos, sin;
	s16 rot_cos, rot_sin;
	s16 tol_cos, tol_sin;
	s16 cross_cos, cross_sin;
};

static const struct vo_dtmf_tone vo_dtmf_tones[VO_DTMF_TONES] = {
	{ 27980, 17055, -29102, -15060, 25679, 20355,  15401, 28923 },
	{ 26956, 18631,  17558,  27667, 24191, 22103,  12030, 30480 },
	{ 25701, 20327,  13202, -29991, 22379, 23936,   8059, 31761 },
	{ 24219, 22072, -32262,  -5735, 20257, 25756,   3602, 32569 },
	{ 19073, 26645, -15424, -28911, 13060, 30053,  -9899, 31237 },
	{ 16325, 28412, -12445, -30313,  9328, 31412, -15847, 28681 },
	{ 13085, 30042,  13202, -29991,  5034, 32379, -21724, 24532 },
	{  9315, 31416,  30154,  12825,   192, 32767, -27001, 18565 },
};

/*
 * 65536 / cos^2(pi f / 16000) rounded, per tone: a 16 kHz line's block
 * powers times these undo the droop of averaging pairs, so that levels and
 * twist are judged the same at both rates.
 */
static const u32 vo_dtmf_wb_gain[VO_DTMF_TONES] = {
	66779, 67057, 67405, 67825, 69372, 70261, 71372, 72764,
};

/* A filter output */
struct vo_dtmf_c {
	s32 re, im;
};

/* A half block's outputs for all tones */
struct vo_dtmf_half {
	struct vo_dtmf_c y[VO_DTMF_TONES];
};

/* One tone's two halves in a block */
struct vo_dtmf_pick {
	u32 half1, half2;	/* powers, >> 12 */
};

void vo_dtmf_det_init(struct vo_dtmf_det *d, unsigned int rate)
{
	*d = (struct vo_dtmf_det){
		.shift = rate > 8000,
		.active = VO_DTMF_NO_DIGIT,
		.cand = VO_DTMF_NO_DIGIT,
	};
}

/* 8 kHz: up to @room samples into @x; returns the samples used, in @m too */
static unsigned int vo_dtmf_take_nb(const s16 *pcm, unsigned int n,
				    unsigned int room, s16 *x, unsigned int *m)
{
	unsigned int i;

	if (n > room)
		n = room;
	for (i = 0; i < n; i++)
		x[i] = pcm[i];
	*m = n;
	return n;
}

/*
 * 16 kHz: the mean of each pair is one analysed sample, a zero at 8 kHz
 * against aliasing that costs 0.1 to 0.45 dB at the DTMF tones (undone in
 * vo_dtmf_classify()). A pair may
 * straddle two feeds. Returns the samples used, and in @m those made.
 */
static unsigned int vo_dtmf_take_wb(struct vo_dtmf_det *d, const s16 *pcm,
				    unsigned int n, unsigned int room, s16 *x,
				    unsigned int *m)
{
	unsigned int i = 0, done = 0;

	if (d->have_odd) {
		x[done++] = (d->odd + pcm[0]) >> 1;
		d->have_odd = 0;
		i = 1;
	}
	for (; done < room && i + 1 < n; i += 2)
		x[done++] = (pcm[i] + pcm[i + 1]) >> 1;
	if (done < room && i < n) {
		d->odd = pcm[i++];
		d->have_odd = 1;
	}
	*m = done;
	return i;
}

/* Windows @m analysed samples in place and adds them to the block's energy */
static void vo_dtmf_window(struct vo_dtmf_det *d, s16 *x, unsigned int m)
{
	unsigned int i, pos;
	s32 v;

	for (i = 0; i < m; i++) {
		pos = d->pos++;
		v = x[i];
		if (pos < VO_DTMF_TAPER)
			v = (v * vo_dtmf_taper[pos] + (1 << 14)) >> 15;
		else if (pos >= VO_DTMF_BLOCK - VO_DTMF_TAPER)
			v = (v * vo_dtmf_taper[VO_DTMF_BLOCK - 1 - pos] +
			     (1 << 14)) >> 15;
		x[i] = v;
		/* >> 7 keeps a full-scale block of 128 within 32 bits */
		d->energy += (u32)(v * v) >> 7;
	}
}

/*
 * Four Goertzel filters, s = x + 2 cos(w) s1 - s2, over @m samples. Four
 * at a time keeps their state in registers and their chains interleaved.
 */
static void vo_dtmf_goertzel4(s32 *s1, s32 *s2,
			      const struct vo_dtmf_tone *t,
			      const s16 *x, unsigned int m)
{
	s32 a1 = s1[0], a2 = s2[0], b1 = s1[1], b2 = s2[1];
	s32 c1 = s1[2], c2 = s2[2], e1 = s1[3], e2 = s2[3];
	unsigned int i;
	s32 v;

	for (i = 0; i < m; i++) {
		v = x[i] - a2 + (s32)(((s64)t[0].cos * a1 + (1 << 13)) >> 14);
		a2 = a1;
		a1 = v;
		v = x[i] - b2 + (s32)(((s64)t[1].cos * b1 + (1 << 13)) >> 14);
		b2 = b1;
		b1 = v;
		v = x[i] - c2 + (s32)(((s64)t[2].cos * c1 + (1 << 13)) >> 14);
		c2 = c1;
		c1 = v;
		v = x[i] - e2 + (s32)(((s64)t[3].cos * e1 + (1 << 13)) >> 14);
		e2 = e1;
		e1 = v;
	}
	s1[0] = a1;
	s2[0] = a2;
	s1[1] = b1;
	s2[1] = b2;
	s1[2] = c1;
	s2[2] = c2;
	s1[3] = e1;
	s2[3] = e2;
}

/*
 * The filters' outputs y = s1 - e^-iw s2 for the half just analysed; the
 * filters then restart for the next half.
 */
static void vo_dtmf_outputs(struct vo_dtmf_det *d, struct vo_dtmf_half *h)
{
	unsigned int k;

	for (k = 0; k < VO_DTMF_TONES; k++) {
		const struct vo_dtmf_tone *t = &vo_dtmf_tones[k];
		s64 s2 = d->s2[k];

		h->y[k].re = d->s1[k] - (s32)((t->cos * s2 + (1 << 14)) >> 15);
		h->y[k].im = (s32)((t->sin * s2 + (1 << 14)) >> 15);
		d->s1[k] = 0;
		d->s2[k] = 0;
	}
}

/* Halves kept between calls are stored >> 6 to save state. */
static struct vo_dtmf_c vo_dtmf_unpack(s16 re, s16 im)
{
	return (struct vo_dtmf_c){ (s32)re << VO_DTMF_KEEP_SHIFT,
				   (s32)im << VO_DTMF_KEEP_SHIFT };
}

static struct vo_dtmf_c vo_dtmf_h1(const struct vo_dtmf_det *d,
				   unsigned int k)
{
	return vo_dtmf_unpack(d->h1_re[k], d->h1_im[k]);
}

static struct vo_dtmf_c vo_dtmf_h2(const struct vo_dtmf_det *d,
				   unsigned int k)
{
	return vo_dtmf_unpack(d->h2_re[k], d->h2_im[k]);
}

/* A half's power, |y|^2 >> 12: a full-scale half stays below 2^31. */
static u32 vo_dtmf_power(struct vo_dtmf_c y)
{
	return ((s64)y.re * y.re + (s64)y.im * y.im) >> 12;
}

/* Output @y of tone @k times e^-iwM: in the reference of the half before */
static struct vo_dtmf_c vo_dtmf_rotate(unsigned int k, struct vo_dtmf_c y)
{
	const struct vo_dtmf_tone *t = &vo_dtmf_tones[k];

	return (struct vo_dtmf_c){
		((s64)y.re * t->rot_cos + (s64)y.im * t->rot_sin) >> 15,
		((s64)y.im * t->rot_cos - (s64)y.re * t->rot_sin) >> 15,
	};
}

/*
 * The tone's phase advance from half @prev to half @cur (rotated) beyond
 * the filter's own, arg(cur prev*), within the tolerance t: |Im| cos t <
 * Re sin t holds exactly when |arg| < t, for any t in (0, pi).
 */
static bool vo_dtmf_in_tune(struct vo_dtmf_c prev, struct vo_dtmf_c cur,
			    s16 tol_cos, s16 tol_sin)
{
	s64 re = (s64)cur.re * prev.re + (s64)cur.im * prev.im;
	s64 im = (s64)cur.im * prev.re - (s64)cur.re * prev.im;

	if (im < 0)
		im = -im;
	return im * tol_cos < re * tol_sin;
}

/*
 * How much of a half (in eighths, rounded) a tone of half power @ref fills
 * to give @p: the amplitude grows with the samples covered. Rounding also
 * absorbs the few per cent by which a full half's power varies.
 */
static unsigned int vo_dtmf_cover(u64 p, u64 ref)
{
	unsigned int k = 8;

	while (k && p * 256 < ref * (2 * k - 1) * (2 * k - 1))
		k--;
	return k;
}

static u8 vo_dtmf_row(u8 key)
{
	return key >> 2;
}

static u8 vo_dtmf_col(u8 key)
{
	return 4 + (key & 3);
}

static u32 vo_dtmf_eighths(const struct vo_dtmf_det *d, unsigned int n)
{
	return (n * VO_DTMF_EIGHTH) << d->shift;
}

static enum vo_dtmf_change vo_dtmf_start(struct vo_dtmf_det *d)
{
	d->active = d->cand;
	d->cand = VO_DTMF_NO_DIGIT;
	d->digit = vo_dtmf_key_digit[d->active];
	d->bad = 0;
	return VO_DTMF_START;
}

static enum vo_dtmf_change vo_dtmf_end(struct vo_dtmf_det *d)
{
	d->digit = vo_dtmf_key_digit[d->active];
	d->age = d->tail;
	d->active = VO_DTMF_NO_DIGIT;
	return VO_DTMF_END;
}

/*
 * Whether a candidate's tones advanced in phase from the half before as
 * tones within 2.5 % of the digit's do: a block that was valid only in
 * part (at a tone's start) says less about the frequency than a whole one.
 */
static bool vo_dtmf_still_in_tune(const struct vo_dtmf_det *d, u8 key,
				  const struct vo_dtmf_half *h, bool first)
{
	u8 tone[2] = { vo_dtmf_row(key), vo_dtmf_col(key) };
	unsigned int i;

	for (i = 0; i < 2; i++) {
		const struct vo_dtmf_tone *t = &vo_dtmf_tones[tone[i]];
		struct vo_dtmf_c cur = vo_dtmf_rotate(tone[i], h->y[tone[i]]);

		if (first ? !vo_dtmf_in_tune(vo_dtmf_h2(d, tone[i]), cur,
					     t->cross_cos, t->cross_sin) :
			    !vo_dtmf_in_tune(vo_dtmf_h1(d, tone[i]), cur,
					     t->tol_cos, t->tol_sin))
			return false;
	}
	return true;
}

/*
 * Follows the digit (or candidate) half by half. Its length so far (tail)
 * is the last present half's end, less what that half lacked, plus what
 * the first missing half still held. A candidate becomes a digit once
 * that reaches the shortest accepted tone, and is dropped at a gap before,
 * or if its frequencies stray.
 */
static enum vo_dtmf_change vo_dtmf_track(struct vo_dtmf_det *d,
					 const struct vo_dtmf_half *h,
					 bool first)
{
	u8 key = d->active != VO_DTMF_NO_DIGIT ? d->active : d->cand;
	u32 p_row = vo_dtmf_power(h->y[vo_dtmf_row(key)]);
	u32 p_col = vo_dtmf_power(h->y[vo_dtmf_col(key)]);
	bool present = 4ULL * p_row >= d->ref_row && 4ULL * p_col >= d->ref_col;
	unsigned int cover;

	/* the digit lasts while both tones do: one may go on in the next */
	cover = vo_dtmf_cover(p_row, d->ref_row);
	if (vo_dtmf_cover(p_col, d->ref_col) < cover)
		cover = vo_dtmf_cover(p_col, d->ref_col);
	if (present) {
		d->gap = 0;
		d->tail = d->clock - vo_dtmf_eighths(d, 8 - cover);
	} else if (!d->gap++) {
		d->tail += vo_dtmf_eighths(d, cover);
	}
	if (d->active != VO_DTMF_NO_DIGIT)
		return d->gap >= VO_DTMF_END_HALVES ? vo_dtmf_end(d) :
						      VO_DTMF_NONE;
	if (present && !vo_dtmf_still_in_tune(d, key, h, first))
		d->cand = VO_DTMF_NO_DIGIT;
	else if (d->tail >= vo_dtmf_eighths(d, VO_DTMF_MIN_MS))
		return vo_dtmf_start(d);
	else if (d->gap)
		d->cand = VO_DTMF_NO_DIGIT;
	return VO_DTMF_NONE;
}

/* The strongest of the four tones from @first, if the others are weak */
static int vo_dtmf_peak(const u64 *power, unsigned int first)
{
	unsigned int k, best = first;

	for (k = first + 1; k < first + 4; k++)
		if (power[k] > power[best])
			best = k;
	for (k = first; k < first + 4; k++)
		if (k != best &&
		    power[k] > power[best] >> VO_DTMF_OTHERS_SHIFT)
			return -1;
	return best;
}

/* Level and twist */
static bool vo_dtmf_strong(u64 row, u64 col)
{
	if (row < VO_DTMF_MIN_POWER || col < VO_DTMF_MIN_POWER)
		return false;
	return col * 16 <= row * VO_DTMF_NORMAL_TWIST &&
	       row * 16 <= col * VO_DTMF_REVERSE_TWIST;
}

/*
 * The two tones' share of the block's energy, from the halves' powers:
 * twice their sum is a tone's block power had it been exactly on the
 * filter's frequency. So the share of a real digit is near 1 whatever its
 * frequency error, while a voice whose harmonics come near a digit keeps a
 * good part of its energy in other harmonics.
 */
static bool vo_dtmf_dominant(const struct vo_dtmf_det *d,
			     const struct vo_dtmf_pick *row,
			     const struct vo_dtmf_pick *col)
{
	u64 halves = (u64)row->half1 + row->half2 + col->half1 + col->half2;

	/* halves' powers are >> 12; blocks' over energy: TONE_GAIN */
	return halves * 2 * 4096 * 16 >=
	       d->energy * VO_DTMF_SHARE * VO_DTMF_TONE_GAIN;
}

/* Both halves within 6 dB: the tone fills most of the block */
static bool vo_dtmf_steady(const struct vo_dtmf_pick *p)
{
	return 4ULL * p->half1 >= p->half2 && 4ULL * p->half2 >= p->half1;
}

/* The block's power at tone @k, |y1 + y2 e^-iwM|^2 */
static u64 vo_dtmf_block_power(const struct vo_dtmf_det *d, unsigned int k,
			       const struct vo_dtmf_half *h2)
{
	struct vo_dtmf_c y1 = vo_dtmf_h1(d, k);
	struct vo_dtmf_c y2 = vo_dtmf_rotate(k, h2->y[k]);
	s64 re = (s64)y1.re + y2.re, im = (s64)y1.im + y2.im;

	return re * re + im * im;
}

/* Tone @k fills the block and keeps its frequency through it */
static bool vo_dtmf_whole(const struct vo_dtmf_det *d, unsigned int k,
			  const struct vo_dtmf_half *h2,
			  struct vo_dtmf_pick *p)
{
	const struct vo_dtmf_tone *t = &vo_dtmf_tones[k];
	struct vo_dtmf_c y1 = vo_dtmf_h1(d, k);

	p->half1 = vo_dtmf_power(y1);
	p->half2 = vo_dtmf_power(h2->y[k]);
	return vo_dtmf_steady(p) &&
	       vo_dtmf_in_tune(y1, vo_dtmf_rotate(k, h2->y[k]),
			       t->tol_cos, t->tol_sin);
}

/* The block's key (row * 4 + column), or NO_DIGIT */
static u8 vo_dtmf_classify(const struct vo_dtmf_det *d,
			   const struct vo_dtmf_half *h2,
			   struct vo_dtmf_pick *row, struct vo_dtmf_pick *col)
{
	u64 power[VO_DTMF_TONES];
	unsigned int k;
	int r, c;

	for (k = 0; k < VO_DTMF_TONES; k++) {
		power[k] = vo_dtmf_block_power(d, k, h2);
		if (d->shift)
			power[k] = (power[k] * vo_dtmf_wb_gain[k]) >> 16;
	}
	r = vo_dtmf_peak(power, 0);
	c = vo_dtmf_peak(power, 4);
	if (r < 0 || c < 0 || !vo_dtmf_strong(power[r], power[c]) ||
	    !vo_dtmf_whole(d, r, h2, row) || !vo_dtmf_whole(d, c, h2, col) ||
	    !vo_dtmf_dominant(d, row, col))
		return VO_DTMF_NO_DIGIT;
	return r * 4 + (c - 4);
}

/*
 * A valid block for a new @key. The tone's start is estimated from how
 * much of the first half and of the half before it the tone fills, against
 * the second half: the half before holds some of the tone only if the
 * first is (nearly) full. Its level for following it is the block's.
 */
static void vo_dtmf_candidate(struct vo_dtmf_det *d, u8 key,
			      const struct vo_dtmf_pick *row,
			      const struct vo_dtmf_pick *col)
{
	u8 r = vo_dtmf_row(key), c = vo_dtmf_col(key);
	u64 full = (u64)row->half2 + col->half2;
	u64 first = (u64)row->half1 + col->half1;
	u64 before = (u64)vo_dtmf_power(vo_dtmf_h2(d, r)) +
		     vo_dtmf_power(vo_dtmf_h2(d, c));

	d->cand = key;
	d->clock = vo_dtmf_eighths(d, 8 + vo_dtmf_cover(first, full) +
				   vo_dtmf_cover(before, full));
	d->tail = d->clock;
	d->gap = 0;
	d->ref_row = row->half1 > row->half2 ? row->half1 : row->half2;
	d->ref_col = col->half1 > col->half2 ? col->half1 : col->half2;
}

/*
 * The block's verdict: a new candidate, or for the digit on, whether the
 * block still shows it. Another digit ends it at once.
 */
static enum vo_dtmf_change vo_dtmf_decide(struct vo_dtmf_det *d, u8 key,
					  const struct vo_dtmf_pick *row,
					  const struct vo_dtmf_pick *col)
{
	enum vo_dtmf_change change = VO_DTMF_NONE;

	if (d->active != VO_DTMF_NO_DIGIT) {
		if (key == d->active) {
			d->bad = 0;
			return VO_DTMF_NONE;
		}
		if (key == VO_DTMF_NO_DIGIT) {
			if (++d->bad < VO_DTMF_END_BLOCKS)
				return VO_DTMF_NONE;
			return vo_dtmf_end(d);
		}
		change = vo_dtmf_end(d);
	} else if (key == d->cand) {
		return VO_DTMF_NONE;	/* still a candidate: not long enough */
	}
	d->cand = VO_DTMF_NO_DIGIT;
	if (key != VO_DTMF_NO_DIGIT)
		vo_dtmf_candidate(d, key, row, col);
	return change;
}

/* Keeps a half's outputs for the next half (@h1) or the next block */
static void vo_dtmf_keep(s16 *re, s16 *im, const struct vo_dtmf_half *h)
{
	unsigned int k;

	for (k = 0; k < VO_DTMF_TONES; k++) {
		re[k] = h->y[k].re >> VO_DTMF_KEEP_SHIFT;
		im[k] = h->y[k].im >> VO_DTMF_KEEP_SHIFT;
	}
}

/*
 * End of a half block; after the second, the block is decided. At most
 * one change results: a digit that starts here is not ended by the block.
 */
static enum vo_dtmf_change vo_dtmf_half_end(struct vo_dtmf_det *d)
{
	enum vo_dtmf_change change = VO_DTMF_NONE, block;
	bool first = d->pos == VO_DTMF_HALF;
	struct vo_dtmf_pick row, col;
	struct vo_dtmf_half h;
	u8 key;

	vo_dtmf_outputs(d, &h);
	if (d->active != VO_DTMF_NO_DIGIT || d->cand != VO_DTMF_NO_DIGIT)
		change = vo_dtmf_track(d, &h, first);
	if (first) {
		vo_dtmf_keep(d->h1_re, d->h1_im, &h);
		return change;
	}
	key = vo_dtmf_classify(d, &h, &row, &col);
	if (change == VO_DTMF_START && key != d->active)
		key = VO_DTMF_NO_DIGIT;
	block = vo_dtmf_decide(d, key, &row, &col);
	vo_dtmf_keep(d->h2_re, d->h2_im, &h);
	d->pos = 0;
	d->energy = 0;
	return block != VO_DTMF_NONE ? block : change;
}

/* Analyses what it can of @n samples, up to the end of the half block */
static unsigned int vo_dtmf_take(struct vo_dtmf_det *d, const s16 *pcm,
				 unsigned int n)
{
	unsigned int room = VO_DTMF_HALF - (d->pos & (VO_DTMF_HALF - 1));
	unsigned int used, m;
	s16 x[VO_DTMF_HALF];

	if (d->shift)
		used = vo_dtmf_take_wb(d, pcm, n, room, x, &m);
	else
		used = vo_dtmf_take_nb(pcm, n, room, x, &m);
	vo_dtmf_window(d, x, m);
	vo_dtmf_goertzel4(d->s1, d->s2, vo_dtmf_tones, x, m);
	vo_dtmf_goertzel4(d->s1 + 4, d->s2 + 4, vo_dtmf_tones + 4, x, m);
	/* saturates after 74 hours of one digit at 16 kHz */
	d->clock = d->clock + used >= d->clock ? d->clock + used : ~0U;
	return used;
}

/*
 * Notes @change, found with @left samples of the feed still to come, to
 * be reported by this feed or, if it has one already, by the next: a digit
 * starting right after one ended can make two changes in 10 ms.
 */
static void vo_dtmf_note(struct vo_dtmf_det *d, enum vo_dtmf_change change,
			 unsigned int left, struct vo_dtmf_note *out)
{
	struct vo_dtmf_note note = {
		/* a START's age runs to the end of the feed reporting it */
		.age = change == VO_DTMF_START ? d->clock + left : d->age,
		.change = change,
		.digit = d->digit,
	};

	if (out->change == VO_DTMF_NONE)
		*out = note;
	else
		d->queued = note;
}

enum vo_dtmf_change vo_dtmf_det_feed(struct vo_dtmf_det *d, const s16 *pcm,
				     unsigned int n)
{
	struct vo_dtmf_note out = d->queued;
	enum vo_dtmf_change change;
	unsigned int used, pos;

	if (out.change == VO_DTMF_START)
		out.age += n;
	d->queued.change = VO_DTMF_NONE;
	while (n) {
		pos = d->pos;
		used = vo_dtmf_take(d, pcm, n);
		pcm += used;
		n -= used;
		if (d->pos == pos || (d->pos & (VO_DTMF_HALF - 1)))
			continue;
		change = vo_dtmf_half_end(d);
		if (change != VO_DTMF_NONE)
			vo_dtmf_note(d, change, n, &out);
	}
	if (out.change != VO_DTMF_NONE) {
		d->digit = out.digit;
		d->age = out.age;
	}
	return out.change;
}
