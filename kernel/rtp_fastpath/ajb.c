// SPDX-License-Identifier: GPL-2.0
/*
 * The adaptive playout buffer. Samples sit in a ring indexed by their
 * (line-rate) timestamp with a bitmap of which are there; timestamps are
 * u32 and compared by signed difference, so they wrap as RTP's do.
 *
 * Delay. A packet's transit r = (when it could first be played: its
 * arrival, or the next sample handed out if that is later) - ts is its
 * network delay plus an unknown constant (the clocks' offset). Its floor,
 * the least r of the last 4 s, is the fastest a packet has come; r - floor
 * is the jitter a packet brought. The playout offset O = (local time) -
 * (timestamp being played) is what we choose; the delay is O - floor, the
 * time the fastest packets wait. A packet is in time exactly when its r
 * is at most O. Adaptive mode keeps a histogram of the jitter (1 ms bins,
 * forgetting 1/512 a packet) and wants the delay that costs least: the
 * delay, plus a price for the audio it would lose (vo_ajb_target()).
 * Packets waited for through a spike (below) and those still coming on
 * a path that just got much faster are not counted: no target is needed
 * for them.
 *
 * Under the target the delay grows by waiting: where the play point
 * finds no audio, concealment is played while the play point stays,
 * and a packet only late is played when it comes. A buffer run dry is
 * waited on (up to max) even at the target: a delay spike then costs
 * delay for a while, not packets; if they were lost, what comes next
 * takes the wait back.
 *
 * Moving O is done where it cannot be heard: in silence (a crossfade of
 * near-silence, any length), through comfort noise and gaps, at the
 * start of a talkspurt, and only when speech goes on for too long, by
 * removing or repeating one pitch period with a crossfade as long as
 * the period (where the signal repeats, the result does too).
 *
 * Drift is a slope of the floor over time; the control above follows it
 * like any other change of transit, and the slope is reported.
 */
#include "ajb.h"

#define VO_AJB_MASK		(VO_AJB_RING - 1)

/* The stream: jumps, sequence numbers */
#define VO_AJB_JUMP_MS		400	/* that far past the largest delay */
#define VO_AJB_MARK_JUMP_MS	60	/* a talkspurt this much early */
#define VO_AJB_LATE_RESYNC	8	/* in-sequence and late, in a row */
#define VO_AJB_SEQ_AHEAD	3000	/* RFC 3550 A.1's dropout */

/*
 * Delay estimation. The target is the delay that costs least, in ms: the
 * delay itself, COST_PART times the share of a packet lost to lateness
 * (only a late packet's head is lost: the rest is played), and COST_LATE
 * more for each packet lost whole. So 10 ms less delay is worth half of
 * each of fewer than 1 in 20 packets, and a whole packet is given up
 * only if fewer than 1 in 2000 would be, per ms saved.
 */
#define VO_AJB_COST_PART	400
#define VO_AJB_COST_LATE	20000
#define VO_AJB_FORGET_SHIFT	9	/* each packet weighs 1/512 more */
#define VO_AJB_W0		(1u << (VO_AJB_FORGET_SHIFT + 2))	/* first weight, */
#define VO_AJB_W_MAX		(1u << (30 - VO_AJB_FORGET_SHIFT))	/* back from here */
#define VO_AJB_RENORM		(28 - 2 * VO_AJB_FORGET_SHIFT)
#define VO_AJB_SEED		16	/* initial_ms weighs 16 packets */
#define VO_AJB_FLOOR_MS		500
#define VO_AJB_PATH_MS		100	/* the floor fell this much: a new path */
#define VO_AJB_DRIFT_MS		2000
#define VO_AJB_DRIFT_MIN	8	/* buckets in each half to estimate */

/* Adaptation */
/*
 * The dead band round the target: adaptive mode's target is exact (the
 * cost of any more delay is counted), a fixed delay need not be.
 */
#define VO_AJB_BAND_MS		1
#define VO_AJB_BAND_FIXED_MS	5
#define VO_AJB_HEADROOM_MS	3	/* the target this far inside min, max */
#define VO_AJB_STEP_MAX_MS	15
#define VO_AJB_WIN_MS		10	/* pitch correlation window */
#define VO_AJB_SPEECH_WAIT_MS	400	/* no silence for this long: pitch */
#define VO_AJB_STEP_GAP_MS	60	/* between pitch steps */
#define VO_AJB_OVER_MS		100	/* above max: cut at once */
#define VO_AJB_NCORR_MIN	3482	/* 0.85 in Q12: the period repeats */
#define VO_AJB_SIL_ABS		40	/* energy >> 8: rms 100, -50 dBov */
#define VO_AJB_CN_EARLY_MS	60	/* a SID for a silence this near */
#define VO_AJB_CONCEAL_MS	60	/* plc.c's fade: silent after it */

enum vo_ajb_state {
	VO_AJB_IDLE,		/* before the first audio, or after a resync */
	VO_AJB_AUDIO,
	VO_AJB_CONCEAL,		/* out of audio, making it up */
	VO_AJB_SILENT,		/* out of audio for longer */
	VO_AJB_CN,		/* out of audio after a SID */
};

#define VO_AJB_F_CONCEALED	1
#define VO_AJB_F_CN		2

static u32 vo_ajb_ms(const struct vo_ajb *jb, u32 ms)
{
	return ms * jb->khz;
}

static s32 vo_ajb_smin(s32 a, s32 b)
{
	return a < b ? a : b;
}

static bool vo_ajb_has(const struct vo_ajb *jb, u32 ts)
{
	u32 i = ts & VO_AJB_MASK;

	return (jb->have[i >> 5] >> (i & 31)) & 1;
}

static void vo_ajb_set(struct vo_ajb *jb, u32 ts)
{
	u32 i = ts & VO_AJB_MASK;

	jb->have[i >> 5] |= 1u << (i & 31);
}

static void vo_ajb_clear(struct vo_ajb *jb, u32 ts)
{
	u32 i = ts & VO_AJB_MASK;

	jb->have[i >> 5] &= ~(1u << (i & 31));
}

static void vo_ajb_clear_all(struct vo_ajb *jb)
{
	unsigned int i;

	for (i = 0; i < VO_AJB_RING / 32; i++)
		jb->have[i] = 0;
}

/* Mark @n samples from @ts there or not, a word at a time. */
static void vo_ajb_mark(struct vo_ajb *jb, u32 ts, u32 n, bool on)
{
	u32 i = ts & VO_AJB_MASK, b, k, mask;

	while (n) {
		b = i & 31;
		k = 32 - b < n ? 32 - b : n;
		mask = (k == 32 ? ~0u : (1u << k) - 1) << b;
		if (on)
			jb->have[i >> 5] |= mask;
		else
			jb->have[i >> 5] &= ~mask;
		n -= k;
		i = (i + k) & VO_AJB_MASK;
	}
}

/* Samples there from @ts on, at most @most; whole words at once. */
static unsigned int vo_ajb_run(const struct vo_ajb *jb, u32 ts,
			       unsigned int most)
{
	u32 i = ts & VO_AJB_MASK, b, w;
	unsigned int k = 0;

	while (k < most) {
		b = i & 31;
		w = jb->have[i >> 5];
		i = (i + 32 - b) & VO_AJB_MASK;	/* the next word */
		if (!b && w == ~0u) {
			k += 32;
			continue;
		}
		for (; b < 32; b++, k++)
			if (!((w >> b) & 1))
				return k < most ? k : most;
	}
	return most;
}

static bool vo_ajb_dry(const struct vo_ajb *jb)
{
	return (s32)(jb->end - jb->play) <= 0;
}

/* The delay now: how long the fastest packets wait. */
static s32 vo_ajb_delay(const struct vo_ajb *jb)
{
	return (s32)(jb->played + jb->carry_len - jb->play - jb->floor);
}

static s32 vo_ajb_error(const struct vo_ajb *jb)
{
	return vo_ajb_delay(jb) - (s32)jb->target;
}

/*
 * The delays left alone: a dead band round the target (steps cost, and
 * the floor's own jitter is no reason for one), clipped to [min, max] so
 * those hold.
 */
static void vo_ajb_band(const struct vo_ajb *jb, s32 *lo, s32 *hi)
{
	s32 min = vo_ajb_ms(jb, jb->cfg.min_ms);
	s32 max = vo_ajb_ms(jb, jb->cfg.max_ms);

	u32 band = jb->cfg.mode == VO_AJB_ADAPTIVE ? VO_AJB_BAND_MS :
		   VO_AJB_BAND_FIXED_MS;

	*lo = (s32)jb->target - (s32)vo_ajb_ms(jb, band);
	*hi = (s32)jb->target + (s32)vo_ajb_ms(jb, band);
	if (*lo < min)
		*lo = min;
	if (*hi > max)
		*hi = max;
}

/* The error worth a correction: 0 inside the band. */
static s32 vo_ajb_off(const struct vo_ajb *jb)
{
	s32 d = vo_ajb_delay(jb), lo, hi;

	vo_ajb_band(jb, &lo, &hi);
	return d < lo || d > hi ? d - (s32)jb->target : 0;
}

/*
 * How far adaptive mode's delay is under the target, when it is: then a
 * packet missing at the play point is waited for (concealed meanwhile),
 * which is the growth due anyway.
 */
static s32 vo_ajb_grow(const struct vo_ajb *jb)
{
	s32 d = vo_ajb_delay(jb), hi = vo_ajb_ms(jb, jb->cfg.max_ms);

	if (jb->cfg.mode != VO_AJB_ADAPTIVE)
		return 0;
	hi = (s32)jb->target < hi ? (s32)jb->target : hi;
	return hi - d;
}

/* Sequence numbers seen, by their low bits, up to max_seq. */
static bool vo_ajb_seq_seen(const struct vo_ajb *jb, u16 seq)
{
	u32 i = seq & (VO_AJB_SEQ_WIN - 1);

	return (jb->seen[i >> 5] >> (i & 31)) & 1;
}

static void vo_ajb_seq_set(struct vo_ajb *jb, u16 seq, bool on)
{
	u32 i = seq & (VO_AJB_SEQ_WIN - 1);

	if (on)
		jb->seen[i >> 5] |= 1u << (i & 31);
	else
		jb->seen[i >> 5] &= ~(1u << (i & 31));
}

static void vo_ajb_seq_restart(struct vo_ajb *jb, u16 seq)
{
	unsigned int i;

	for (i = 0; i < VO_AJB_SEQ_WIN / 32; i++)
		jb->seen[i] = 0;
	jb->max_seq = seq;
	vo_ajb_seq_set(jb, seq, true);
}

static void vo_ajb_seq_mark(struct vo_ajb *jb, u16 seq, bool newer, bool older)
{
	u16 d = seq - jb->max_seq, k;

	if (newer && d >= VO_AJB_SEQ_WIN) {
		vo_ajb_seq_restart(jb, seq);	/* nothing seen is in range */
	} else if (newer) {
		/* the numbers skipped are not seen yet: forget their past */
		for (k = 1; k < d; k++)
			vo_ajb_seq_set(jb, jb->max_seq + k, false);
		jb->max_seq = seq;
		vo_ajb_seq_set(jb, seq, true);
	} else if (older) {
		if ((u16)(jb->max_seq - seq) < VO_AJB_SEQ_WIN)
			vo_ajb_seq_set(jb, seq, true);
	} else {
		vo_ajb_seq_restart(jb, seq);	/* the sender renumbered */
	}
}

/* The histogram of jitter, its weights renewed when they grow large. */
static void vo_ajb_bins_reset(struct vo_ajb *jb)
{
	u32 seed = jb->cfg.initial_ms;
	unsigned int i;

	for (i = 0; i < VO_AJB_BINS; i++)
		jb->bins[i] = 0;
	if (seed >= VO_AJB_BINS)
		seed = VO_AJB_BINS - 1;
	/* where initial_ms puts the target, until packets say otherwise */
	jb->bin_w = VO_AJB_W0;
	jb->bins[seed] = VO_AJB_SEED * VO_AJB_W0;
	jb->bin_total = VO_AJB_SEED * VO_AJB_W0;
	jb->bin_top = seed;
	jb->seed_bin = seed;
	jb->seed_left = VO_AJB_SEED;
}

/*
 * The delay that costs least: itself, plus a price for the audio it
 * would lose, by the share of a packet lost (a late packet's head is
 * lost, the rest played), and more for each packet lost whole. From the
 * histogram, in ms, weighted, and all of it times the packet's length.
 */
static void vo_ajb_target(struct vo_ajb *jb)
{
	u32 lo = vo_ajb_ms(jb, jb->cfg.min_ms), hi = vo_ajb_ms(jb, jb->cfg.max_ms);
	u32 room = vo_ajb_ms(jb, VO_AJB_HEADROOM_MS), t, top = jb->bin_top;
	u32 n = jb->pkt_len / jb->khz, head = 0, whole = 0, past = 0;
	u64 best = ~0ull, lost = 0, c;
	unsigned int b, i;

	if (jb->cfg.mode != VO_AJB_ADAPTIVE) {
		jb->target = vo_ajb_ms(jb, jb->cfg.initial_ms);
		return;
	}
	if (!n)
		n = 1;
	/*
	 * At a delay of i ms a packet in bin b (jitter in (b - 1, b] ms,
	 * b on a grid of whole ms) loses min(b - i, n) ms: head is the
	 * weight above i, whole the weight at i + n and above, lost the
	 * ms lost, each from its value at i + 1.
	 */
	for (i = top + 1, b = 0; i-- > 0;) {
		if (i + 1 <= top)
			head += jb->bins[i + 1];
		past = whole;
		if (i + n <= top)
			whole += jb->bins[i + n];
		lost += head - past;
		c = (u64)i * n * jb->bin_total + VO_AJB_COST_PART * lost +
		    (u64)VO_AJB_COST_LATE * n * whole;
		if (c <= best) {
			best = c;
			b = i;
		}
	}
	t = vo_ajb_ms(jb, b);
	/*
	 * Keep the dead band inside [min, max]: the delay drifts between
	 * steps (a clock's drift, a floor that moves), and must not leave.
	 */
	if (hi - lo >= 2 * room) {
		lo += lo ? room : 0;	/* a delay under 0 is no delay */
		hi -= room;
	} else {
		lo = (lo + hi) / 2;
		hi = lo;
	}
	jb->target = t < lo ? lo : t > hi ? hi : t;
}

static void vo_ajb_bins_add(struct vo_ajb *jb, u32 jitter)
{
	u32 b = (jitter + jb->khz - 1) / jb->khz;	/* bin b: (b - 1, b] ms */
	unsigned int i;

	if (b >= VO_AJB_BINS)
		b = VO_AJB_BINS - 1;
	jb->bins[b] += jb->bin_w;
	jb->bin_total += jb->bin_w;
	/* as many packets as the seed stood for: it goes */
	if (jb->seed_left && !--jb->seed_left) {
		i = jb->bins[jb->seed_bin] < VO_AJB_SEED * VO_AJB_W0 ?
		    jb->bins[jb->seed_bin] : VO_AJB_SEED * VO_AJB_W0;
		jb->bins[jb->seed_bin] -= i;
		jb->bin_total -= i;
	}
	if (b > jb->bin_top)
		jb->bin_top = b;
	/* a growing weight for new packets is a decay of the old ones */
	jb->bin_w += jb->bin_w >> VO_AJB_FORGET_SHIFT;
	if (jb->bin_w >= VO_AJB_W_MAX) {
		jb->bin_total = 0;
		jb->bin_top = 0;
		for (i = 0; i < VO_AJB_BINS; i++) {
			jb->bins[i] >>= VO_AJB_RENORM;
			jb->bin_total += jb->bins[i];
			if (jb->bins[i])
				jb->bin_top = i;	/* the rest forgotten */
		}
		jb->bin_w >>= VO_AJB_RENORM;
	}
	vo_ajb_target(jb);
}

/* The floor: least transit in each of 8 buckets of 0.5 s, by arrival. */
static void vo_ajb_floor_add(struct vo_ajb *jb, u32 now, u32 r)
{
	u32 len = vo_ajb_ms(jb, VO_AJB_FLOOR_MS), adv = 0, bit;
	unsigned int i;
	bool first = true;

	if (jb->fl_valid && (s32)(now - jb->fl_start) > 0)
		adv = (now - jb->fl_start) / len;
	if (!jb->fl_valid || adv >= VO_AJB_FLOOR_N) {
		jb->fl_valid = 0;
		jb->fl_start = now;
		jb->fl_idx = 0;
	} else {
		for (i = 0; i < adv; i++) {
			jb->fl_idx = (jb->fl_idx + 1) % VO_AJB_FLOOR_N;
			jb->fl_valid &= ~(1u << jb->fl_idx);
			jb->fl_start += len;
		}
	}
	bit = 1u << jb->fl_idx;
	if (!(jb->fl_valid & bit) || (s32)(r - jb->fl_min[jb->fl_idx]) < 0) {
		jb->fl_min[jb->fl_idx] = r;
		jb->fl_valid |= bit;
	}
	for (i = 0; i < VO_AJB_FLOOR_N; i++) {
		if (!(jb->fl_valid & (1u << i)))
			continue;
		if (first || (s32)(jb->fl_min[i] - jb->floor) < 0)
			jb->floor = jb->fl_min[i];
		first = false;
	}
}

static bool vo_ajb_dr_ok(const struct vo_ajb *jb, unsigned int i)
{
	return (jb->dr_valid[i >> 5] >> (i & 31)) & 1;
}

/*
 * Drift: the floors of the last 2 minutes, newer half against older
 * half. The slope between the two halves' centroids is a least-squares
 * estimate's near relative, without its 64-bit division; a faster
 * sender's timestamps run ahead, so its transit falls.
 */
static void vo_ajb_drift_estimate(struct vo_ajb *jb)
{
	s32 sy[2] = { 0, 0 }, sa[2] = { 0, 0 }, cnt[2] = { 0, 0 };
	s32 y, dy, da;
	unsigned int age, i, h;
	u32 ref;

	i = (jb->dr_idx + VO_AJB_DRIFT_N - 1) % VO_AJB_DRIFT_N;
	if (!vo_ajb_dr_ok(jb, i))
		return;
	ref = jb->dr_min[i];
	for (age = 1; age < VO_AJB_DRIFT_N; age++) {
		i = (jb->dr_idx + VO_AJB_DRIFT_N - age) % VO_AJB_DRIFT_N;
		if (!vo_ajb_dr_ok(jb, i))
			continue;
		y = (s32)(jb->dr_min[i] - ref);
		y = y > (1 << 20) ? 1 << 20 : y < -(1 << 20) ? -(1 << 20) : y;
		h = age < VO_AJB_DRIFT_N / 2 ? 0 : 1;
		sy[h] += y;
		sa[h] += age;
		cnt[h]++;
	}
	if (cnt[0] < VO_AJB_DRIFT_MIN || cnt[1] < VO_AJB_DRIFT_MIN)
		return;
	/* means in Q4; newer minus older, and the ages between them */
	dy = sy[0] * 16 / cnt[0] - sy[1] * 16 / cnt[1];
	da = sa[1] * 16 / cnt[1] - sa[0] * 16 / cnt[0];
	if (da <= 0)
		return;
	dy = dy > 4000000 ? 4000000 : dy < -4000000 ? -4000000 : dy;
	/* a bucket is 2000 * khz samples: ppm = -dy / (da * 2000 khz) * 1e6 */
	jb->drift_ppm = -dy * 500 / (da * (s32)jb->khz);
}

static void vo_ajb_drift_add(struct vo_ajb *jb, u32 now, u32 r)
{
	u32 len = vo_ajb_ms(jb, VO_AJB_DRIFT_MS), adv = 0, i;
	bool any = jb->dr_valid[0] || jb->dr_valid[1];

	if (any && (s32)(now - jb->dr_start) > 0)
		adv = (now - jb->dr_start) / len;
	if (!any || adv >= VO_AJB_DRIFT_N) {
		jb->dr_valid[0] = 0;
		jb->dr_valid[1] = 0;
		jb->dr_start = now;
		jb->dr_idx = 0;
		adv = 0;
	}
	for (i = 0; i < adv; i++) {
		jb->dr_idx = (jb->dr_idx + 1) % VO_AJB_DRIFT_N;
		jb->dr_valid[jb->dr_idx >> 5] &= ~(1u << (jb->dr_idx & 31));
		jb->dr_start += len;
	}
	i = jb->dr_idx;
	if (!vo_ajb_dr_ok(jb, i) || (s32)(r - jb->dr_min[i]) < 0) {
		jb->dr_min[i] = r;
		jb->dr_valid[i >> 5] |= 1u << (i & 31);
	}
	if (adv)
		vo_ajb_drift_estimate(jb);
}

/*
 * A packet's transit: from its timestamp to when it came, or to when it
 * can first be played (the next sample vo_ajb_get() hands out) if that
 * is later, as it is for a caller that puts packets only between its
 * ticks. The delay is chosen from these: a packet is in time when the
 * playout offset is at least its transit.
 */
static u32 vo_ajb_need(const struct vo_ajb *jb, u32 now, u32 ts)
{
	u32 next = jb->played + jb->carry_len;

	return ((s32)(now - next) > 0 ? now : next) - ts;
}

/* A packet's transit, into the floor, the jitter histogram and drift. */
static void vo_ajb_transit(struct vo_ajb *jb, u32 now, u32 ts, u16 seq)
{
	u32 need = vo_ajb_need(jb, now, ts), was = jb->floor;
	s32 jitter;

	vo_ajb_floor_add(jb, now, need);
	/*
	 * The path got much faster: what was sent before on the slow one
	 * is still coming, and is no jitter to plan for.
	 */
	if ((s32)(was - jb->floor) > (s32)vo_ajb_ms(jb, VO_AJB_PATH_MS)) {
		jb->fast_seq = seq;
		jb->fast_on = true;
	} else if (jb->fast_on && (s16)(seq - jb->fast_seq) > VO_AJB_SEQ_WIN) {
		jb->fast_on = false;
	}
	/* the arrival to the sample: finer than a tick, for the slope */
	vo_ajb_drift_add(jb, now, now - ts);
	jitter = (s32)(need - jb->floor);
	/*
	 * Waited for while the buffer ran dry (a delay spike: nothing came
	 * until it all did): the wait took its lateness, and a target that
	 * rose for it would only add delay until the next one.
	 */
	if (jb->held && jitter > (s32)jb->target)
		return;
	if (jb->fast_on && (s16)(seq - jb->fast_seq) < 0)
		return;
	/* beyond any delay we could give, it says nothing about the next */
	if (jitter <= (s32)vo_ajb_ms(jb, jb->cfg.max_ms + VO_AJB_JUMP_MS))
		vo_ajb_bins_add(jb, jitter);
}

/* Peak of uniform noise whose rms is -@dbov dBov (0 dBov: 32767 rms). */
static u32 vo_ajb_cn_amp(u8 dbov)
{
	static const u16 db_q15[20] = {
		32767, 29205, 26029, 23198, 20675, 18427, 16423, 14637, 13045,
		11627, 10362, 9235, 8231, 7336, 6538, 5827, 5193, 4629, 4125,
		3677,
	};
	u32 v = (56755u * db_q15[dbov % 20]) >> 15;	/* sqrt(3) * 32767 */
	unsigned int i;

	for (i = 0; i < dbov / 20u; i++)
		v /= 10;
	return v > 32767 ? 32767 : v;
}

static void vo_ajb_noise(struct vo_ajb *jb, s16 *out, unsigned int n)
{
	u32 x = jb->noise_seed;
	unsigned int i;

	for (i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		out[i] = (((s32)(x >> 16) - 32768) * (s32)jb->cn_amp) >> 15;
	}
	jb->noise_seed = x;
}

static bool vo_ajb_cn_on(const struct vo_ajb *jb)
{
	return jb->cn_valid &&
	       (s32)(jb->play + vo_ajb_ms(jb, VO_AJB_CN_EARLY_MS) -
		     jb->sid_ts) >= 0;
}

/* While nothing is buffered, the playout point may go anywhere. */
static void vo_ajb_move(struct vo_ajb *jb, u32 play)
{
	s32 d = (s32)(play - jb->play);

	if (d > 0)
		jb->stats.dropped_samples += d;
	else
		jb->stats.inserted_samples += -d;
	jb->play = play;
	jb->end = play;
	jb->held = 0;
}

static void vo_ajb_steer(struct vo_ajb *jb)
{
	s32 err = vo_ajb_off(jb);

	if (err)
		vo_ajb_move(jb, jb->play + err);
}

/* A talkspurt begins after silence: start it at the target delay. */
static void vo_ajb_talkspurt(struct vo_ajb *jb, u32 ts)
{
	u32 play = jb->played + jb->carry_len - jb->floor - jb->target;

	if ((s32)(ts - play) < 0)
		play = ts;	/* this one, at least, is in time */
	vo_ajb_move(jb, play);
}

/*
 * Move what is buffered by @shift in timestamp, keeping each sample's
 * playout time: the ring slots move by the shift modulo the ring, copied
 * in the direction that never overwrites a slot not yet moved. False if
 * the block and its shift do not fit the ring together.
 */
static bool vo_ajb_relocate(struct vo_ajb *jb, u32 shift)
{
	u32 len = jb->end - jb->play, i, from, to;
	s32 eff = shift & VO_AJB_MASK;
	bool up;
	s16 x;

	if (eff >= VO_AJB_RING / 2)
		eff -= VO_AJB_RING;
	if ((s32)len <= 0 || len + (eff < 0 ? -eff : eff) > VO_AJB_RING)
		return false;
	up = eff > 0;
	for (i = 0; eff && i < len; i++) {
		from = jb->play + (up ? len - 1 - i : i);
		to = from + shift;
		if (!vo_ajb_has(jb, from))
			continue;
		x = jb->ring[from & VO_AJB_MASK];
		vo_ajb_clear(jb, from);
		jb->ring[to & VO_AJB_MASK] = x;
		vo_ajb_set(jb, to);
	}
	jb->play += shift;
	jb->end += shift;
	return true;
}

/*
 * Start over on this packet's timing: a new source, or a jump. What is
 * buffered of the old stream still plays, at the times it would have,
 * up to where the new one starts; the join is blended (splice_ts).
 */
static void vo_ajb_resync(struct vo_ajb *jb, const struct vo_ajb_pkt *pkt,
			  u32 now)
{
	u32 play = jb->played + jb->carry_len -
		   vo_ajb_need(jb, now, pkt->ts) - jb->target;

	jb->splice = false;
	if (jb->started && vo_ajb_relocate(jb, play - jb->play)) {
		if ((s32)(jb->end - pkt->ts) > 0) {
			vo_ajb_mark(jb, pkt->ts, jb->end - pkt->ts, false);
			jb->end = pkt->ts;
		}
		jb->splice = true;
		jb->splice_ts = jb->end;
	} else {
		if (jb->started)
			vo_plc_splice(&jb->plc);
		vo_ajb_clear_all(jb);
		jb->play = play;
		jb->end = play;
		jb->state = VO_AJB_IDLE;
	}
	if (jb->started)
		jb->stats.resyncs++;
	jb->started = true;
	jb->ssrc = pkt->ssrc;
	vo_ajb_seq_restart(jb, pkt->seq);
	jb->late_streak = 0;
	jb->late_pending = 0;
	jb->cn_valid = false;
	jb->held = 0;
	/* transit before the jump means nothing after it */
	jb->fl_valid = 0;
	jb->dr_valid[0] = 0;
	jb->dr_valid[1] = 0;
	vo_ajb_floor_add(jb, now, vo_ajb_need(jb, now, pkt->ts));
	vo_ajb_drift_add(jb, now, now - pkt->ts);
	jb->fast_on = false;
}

/* Store what is in time of a packet, or say why not. */
static enum vo_ajb_put vo_ajb_take(struct vo_ajb *jb,
				   const struct vo_ajb_pkt *pkt,
				   enum vo_ajb_put ret)
{
	unsigned int n = pkt->n < VO_AJB_PKT_MAX ? pkt->n : VO_AJB_PKT_MAX;
	s32 ahead = (s32)(pkt->ts - jb->play);
	unsigned int skip = 0, i;

	if (pkt->cn) {
		jb->cn_amp = vo_ajb_cn_amp(pkt->cn_dbov);
		jb->cn_valid = true;
		jb->sid_ts = pkt->ts + n;
		if (!n)
			return ret;
	}
	if (ahead + (s32)n <= 0) {
		jb->stats.late++;
		return VO_AJB_LATE;
	}
	/*
	 * Partly late: the rest is still played, so the packet is not
	 * late (late: none of its audio is played), only its head lost.
	 */
	if (ahead < 0)
		skip = -ahead;
	if (vo_ajb_run(jb, pkt->ts + skip, n - skip) == n - skip) {
		jb->stats.duplicates++;
		return VO_AJB_DUPLICATE;
	}
	for (i = skip; i < n; i++)
		jb->ring[(pkt->ts + i) & VO_AJB_MASK] = pkt->pcm[i];
	vo_ajb_mark(jb, pkt->ts + skip, n - skip, true);
	if ((s32)(pkt->ts + n - jb->end) > 0)
		jb->end = pkt->ts + n;
	return ret;
}

/*
 * Timestamps that jumped: too far ahead to be jitter, so far behind
 * that no delay could have held them, or a talkspurt marked as starting
 * where the stream cannot be.
 */
static bool vo_ajb_jumped(const struct vo_ajb *jb,
			  const struct vo_ajb_pkt *pkt, s32 ahead, s32 rel,
			  bool late, bool older)
{
	s32 far = vo_ajb_ms(jb, jb->cfg.max_ms + VO_AJB_JUMP_MS);

	if (!pkt->n)
		return false;
	if (ahead > far)
		return true;
	if (late && !older && -ahead > far)
		return true;
	if (pkt->marker && rel < -(s32)vo_ajb_ms(jb, VO_AJB_MARK_JUMP_MS))
		return true;
	return pkt->marker && late && !older && !vo_ajb_dry(jb);
}

enum vo_ajb_put vo_ajb_put(struct vo_ajb *jb, const struct vo_ajb_pkt *pkt,
			   u32 now)
{
	unsigned int n = pkt->n < VO_AJB_PKT_MAX ? pkt->n : VO_AJB_PKT_MAX;
	bool newer, older, late;
	s32 ahead, rel;
	u16 d;

	if (!n && !pkt->cn)
		return VO_AJB_OK;
	if (!jb->started || pkt->ssrc != jb->ssrc) {
		enum vo_ajb_put ret = jb->started ? VO_AJB_RESYNC : VO_AJB_OK;

		vo_ajb_resync(jb, pkt, now);
		return vo_ajb_take(jb, pkt, ret);
	}
	d = pkt->seq - jb->max_seq;
	newer = d && d < VO_AJB_SEQ_AHEAD;
	older = !newer && (u16)(jb->max_seq - pkt->seq) < VO_AJB_SEQ_AHEAD;
	ahead = (s32)(pkt->ts - jb->play);
	rel = (s32)(vo_ajb_need(jb, now, pkt->ts) - jb->floor);
	late = n && ahead + (s32)n <= 0;
	if (older && (u16)(jb->max_seq - pkt->seq) < VO_AJB_SEQ_WIN &&
	    vo_ajb_seq_seen(jb, pkt->seq)) {
		/*
		 * Seen: a duplicate if played or stored already; otherwise
		 * more of a packet put in parts, its timing known already.
		 */
		if (late || (n && vo_ajb_run(jb, pkt->ts, n) == n) ||
		    ahead > (s32)vo_ajb_ms(jb, jb->cfg.max_ms + VO_AJB_JUMP_MS)) {
			jb->stats.duplicates++;
			return VO_AJB_DUPLICATE;
		}
		return vo_ajb_take(jb, pkt, VO_AJB_OK);
	}
	if (vo_ajb_jumped(jb, pkt, ahead, rel, late, older)) {
		vo_ajb_resync(jb, pkt, now);
		return vo_ajb_take(jb, pkt, VO_AJB_RESYNC);
	}
	vo_ajb_seq_mark(jb, pkt->seq, newer, older);
	if (n)
		jb->pkt_len = n;
	vo_ajb_transit(jb, now, pkt->ts, pkt->seq);
	if (pkt->marker && n && vo_ajb_dry(jb) && jb->state != VO_AJB_IDLE) {
		vo_ajb_talkspurt(jb, pkt->ts);
		late = false;
	}
	if (late && !older) {
		/*
		 * Newer than all before it, yet late: a delay spike, or the
		 * timestamps went back. Many in a row are the latter; count
		 * them as late only when the stream shows it was a spike.
		 */
		if (++jb->late_streak >= VO_AJB_LATE_RESYNC) {
			vo_ajb_resync(jb, pkt, now);
			return vo_ajb_take(jb, pkt, VO_AJB_RESYNC);
		}
		jb->late_pending++;
		return VO_AJB_LATE;
	}
	if (n && !late) {
		jb->stats.late += jb->late_pending;
		jb->late_pending = 0;
		jb->late_streak = 0;
	}
	return vo_ajb_take(jb, pkt, VO_AJB_OK);
}

/* Hand out @n of @len samples made at once; keep the rest for later. */
static unsigned int vo_ajb_emit(struct vo_ajb *jb, const s16 *x,
				unsigned int len, s16 *out, unsigned int room)
{
	unsigned int i, k = len < room ? len : room;

	for (i = 0; i < k; i++)
		out[i] = x[i];
	for (i = k; i < len; i++)
		jb->carry[jb->carry_len++] = x[i];
	return k;
}

/* Mean energy >> 8 per sample of x[0..n) (n <= 480). */
static u32 vo_ajb_energy(const s16 *x, unsigned int n)
{
	unsigned int i;
	u32 e = 0;

	for (i = 0; i < n; i++)
		e += ((s32)x[i] * x[i]) >> 8;
	return n ? e / n : 0;
}

/*
 * Quiet enough to cut or stretch unheard: under -50 dBov, or near the
 * background noise when that is well under the recent speech level.
 */
static bool vo_ajb_quiet(const struct vo_ajb *jb, const s16 *x, unsigned int n)
{
	u32 thr = jb->noise_floor * 4, loud = jb->loud >> 5;

	if (thr > loud)
		thr = loud;
	if (thr < VO_AJB_SIL_ABS)
		thr = VO_AJB_SIL_ABS;
	return vo_ajb_energy(x, n) <= thr;
}

static void vo_ajb_copy(const struct vo_ajb *jb, s16 *to, u32 ts,
			unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		to[i] = jb->ring[(ts + i) & VO_AJB_MASK];
}

static bool vo_ajb_pitch_ok(const struct vo_ajb *jb)
{
	s32 delay = vo_ajb_delay(jb);

	if (jb->since_step < vo_ajb_ms(jb, VO_AJB_STEP_GAP_MS))
		return false;
	return jb->need >= vo_ajb_ms(jb, VO_AJB_SPEECH_WAIT_MS) ||
	       delay > (s32)vo_ajb_ms(jb, jb->cfg.max_ms) ||
	       delay < (s32)vo_ajb_ms(jb, jb->cfg.min_ms);
}

/*
 * Fade x[m] into x[m + @p] over @p samples: the output leaves x[0..2p)
 * for p samples and goes on from x[2p] (@p is a period, or it is quiet).
 */
static unsigned int vo_ajb_shrink(struct vo_ajb *jb, s32 err, u32 slack,
				  s16 *out, unsigned int n)
{
	unsigned int step = vo_ajb_ms(jb, VO_AJB_STEP_MAX_MS);
	unsigned int win = vo_ajb_ms(jb, VO_AJB_WIN_MS);
	unsigned int avail, p, hi, score, m;
	s16 *x = jb->work, *y;

	avail = vo_ajb_run(jb, jb->play, 2 * step + win);
	vo_ajb_copy(jb, x, jb->play, avail);
	y = x + avail;
	p = err < (s32)step ? (unsigned int)err : step;
	if (2 * p > avail || !vo_ajb_quiet(jb, x, 2 * p)) {
		if (!vo_ajb_pitch_ok(jb) || avail < win)
			return 0;
		hi = avail - win < step ? avail - win : step;
		if (hi > avail / 2)
			hi = avail / 2;
		if (hi > slack)
			hi = slack;	/* not past the band's far side */
		if (hi < 5 * jb->khz / 2)
			return 0;
		p = vo_plc_lag(x, 1, win, 5 * jb->khz / 2, hi, jb->khz / 4,
			       &score);
		/* a poor match would be heard */
		if (score < VO_AJB_NCORR_MIN)
			return 0;
		jb->since_step = 0;
	}
	for (m = 0; m < p; m++)
		y[m] = (x[m] * (s32)(p - m) + x[m + p] * (s32)m) / (s32)p;
	vo_ajb_mark(jb, jb->play, 2 * p, false);
	jb->play += 2 * p;
	jb->stats.dropped_samples += p;
	vo_plc_good(&jb->plc, y, p);
	return vo_ajb_emit(jb, y, p, out, n);
}

/*
 * Fade x[m] into x[m - @p] over @p samples, x[-p..0) being what was just
 * played: p samples more, after which x[0] follows as it did.
 */
static unsigned int vo_ajb_expand(struct vo_ajb *jb, s32 err, u32 slack,
				  s16 *out, unsigned int n)
{
	unsigned int step = vo_ajb_ms(jb, VO_AJB_STEP_MAX_MS);
	unsigned int win = vo_ajb_ms(jb, VO_AJB_WIN_MS);
	unsigned int avail, p, hi, score, m;
	s16 *x = jb->work + step, *y;

	vo_plc_history(&jb->plc, jb->work, step);
	avail = vo_ajb_run(jb, jb->play, step + win);
	vo_ajb_copy(jb, x, jb->play, avail);
	y = x + avail;
	p = err < (s32)step ? (unsigned int)err : step;
	if (p > avail || !vo_ajb_quiet(jb, x, p) || !vo_ajb_quiet(jb, x - p, p)) {
		if (!vo_ajb_pitch_ok(jb) || avail < win)
			return 0;
		hi = avail < step ? avail : step;
		if (hi > slack)
			hi = slack;
		if (hi < 5 * jb->khz / 2)
			return 0;
		p = vo_plc_lag(x, -1, win, 5 * jb->khz / 2, hi, jb->khz / 4,
			       &score);
		if (score < VO_AJB_NCORR_MIN)
			return 0;
		jb->since_step = 0;
	}
	for (m = 0; m < p; m++)
		y[m] = (x[m] * (s32)(p - m) + x[(int)m - (int)p] * (s32)m) /
		       (s32)p;
	jb->stats.inserted_samples += p;
	vo_plc_good(&jb->plc, y, p);
	return vo_ajb_emit(jb, y, p, out, n);
}

/* Far too much delay (the network got much faster): cut, and blend. */
static void vo_ajb_cut(struct vo_ajb *jb)
{
	s32 j = vo_ajb_error(jb);

	if (j > (s32)(jb->end - jb->play))
		j = jb->end - jb->play;
	vo_ajb_mark(jb, jb->play, j, false);
	jb->play += j;
	if ((s32)(jb->end - jb->play) < 0)
		jb->end = jb->play;
	jb->stats.dropped_samples += j;
	jb->stats.overflows++;
	vo_plc_splice(&jb->plc);
}

/* At a frame's start: a step towards the target, if one is due. */
static unsigned int vo_ajb_adapt(struct vo_ajb *jb, s16 *out, unsigned int n)
{
	s32 over = vo_ajb_ms(jb, jb->cfg.max_ms + VO_AJB_OVER_MS);
	s32 err = vo_ajb_off(jb), d = vo_ajb_delay(jb), lo, hi;

	vo_ajb_band(jb, &lo, &hi);
	if (jb->carry_len || jb->state != VO_AJB_AUDIO ||
	    vo_plc_busy(&jb->plc) || !err)
		return 0;
	/*
	 * Cut only what is really there, not what the floor says: when the
	 * path gets faster, the packets sent before are still in flight.
	 */
	if ((s32)(jb->end - jb->play) > over &&
	    vo_ajb_run(jb, jb->play, over + 1) > (u32)over) {
		vo_ajb_cut(jb);
		return 0;
	}
	if (!vo_ajb_has(jb, jb->play))
		return 0;
	if (err > 0)
		return vo_ajb_shrink(jb, err, d - lo, out, n);
	return vo_ajb_expand(jb, -err, hi - d, out, n);
}

static unsigned int vo_ajb_real(struct vo_ajb *jb, s16 *out,
				unsigned int room)
{
	unsigned int k, i;
	s32 to_splice = (s32)(jb->splice_ts - jb->play);

	if (jb->splice && to_splice > 0 && (u32)to_splice < room)
		room = to_splice;
	k = vo_ajb_run(jb, jb->play, room);
	for (i = 0; i < k; i++)
		out[i] = jb->ring[(jb->play + i) & VO_AJB_MASK];
	vo_ajb_mark(jb, jb->play, k, false);
	/* out of comfort noise: no step into the talkspurt either */
	if (jb->state == VO_AJB_CN && !vo_plc_busy(&jb->plc))
		vo_plc_splice(&jb->plc);
	vo_plc_good(&jb->plc, out, k);
	if (jb->cn_valid && (s32)(jb->play - jb->sid_ts) >= 0)
		jb->cn_valid = false;	/* talking again */
	jb->play += k;
	jb->state = VO_AJB_AUDIO;
	jb->dry_counted = false;
	jb->held = 0;		/* waited for, and it came */
	return k;
}

/*
 * Before the first audio there is nothing to conceal: silence. After a
 * resync, what was playing fades out, uncounted.
 */
static void vo_ajb_idle(struct vo_ajb *jb, s16 *out, unsigned int n)
{
	unsigned int i;

	if (vo_plc_busy(&jb->plc)) {
		vo_plc_conceal(&jb->plc, out, n);
		return;
	}
	for (i = 0; i < n; i++)
		out[i] = 0;
	vo_plc_good(&jb->plc, out, n);
}

/* Missing samples with more after them: a loss. */
static unsigned int vo_ajb_gap(struct vo_ajb *jb, s16 *out, unsigned int room,
			       unsigned int *flags)
{
	unsigned int k = 0;
	s32 err;

	while (k < room && !vo_ajb_has(jb, jb->play + k))
		k++;
	if (jb->state == VO_AJB_IDLE) {
		vo_ajb_idle(jb, out, k);
		jb->play += k;
		return k;
	}
	if (jb->state == VO_AJB_CN) {
		/* the talkspurt is buffered, its delay ahead of it */
		vo_ajb_noise(jb, out, k);
		vo_plc_good(&jb->plc, out, k);
		*flags |= VO_AJB_F_CN;
		jb->play += k;
		return k;
	}
	/*
	 * What came after the wait does not start where we waited: the
	 * packet waited for is lost, the concealment already played stood
	 * in for it. Skip as much of its slot, so a loss costs no delay.
	 */
	if (jb->held) {
		k = jb->held < k ? jb->held : k;
		jb->play += k;
		jb->held -= k;
		jb->stats.inserted_samples -= k;
		return 0;
	}
	/*
	 * Under the target: the delay has to grow, and concealment is
	 * played here anyway. Wait for the missing packet while it grows
	 * (it may only be late), rather than give its slot away.
	 */
	err = vo_ajb_grow(jb);
	if (err > 0) {
		k = k < (unsigned int)err ? k : (unsigned int)err;
		if (vo_plc_conceal(&jb->plc, out, k))
			*flags |= VO_AJB_F_CONCEALED;
		jb->stats.inserted_samples += k;
		return k;
	}
	/* concealment has faded out: this is silence, shorten it if due */
	err = vo_ajb_off(jb);
	if (jb->plc.active && jb->plc.lost >= vo_ajb_ms(jb, VO_AJB_CONCEAL_MS) &&
	    err > 0) {
		err = vo_ajb_smin(err, (s32)(jb->end - jb->play));
		while (err > 0 && !vo_ajb_has(jb, jb->play)) {
			jb->play++;
			jb->stats.dropped_samples++;
			err--;
		}
		return 0;
	}
	if (vo_plc_conceal(&jb->plc, out, k))
		*flags |= VO_AJB_F_CONCEALED;
	jb->play += k;
	return k;
}

/* Nothing buffered at all: comfort noise, concealment or silence. */
static unsigned int vo_ajb_out(struct vo_ajb *jb, s16 *out, unsigned int room,
			       unsigned int *flags)
{
	bool audible;
	s32 grow;

	if (vo_ajb_cn_on(jb)) {
		if (jb->state != VO_AJB_CN && !vo_plc_busy(&jb->plc))
			vo_plc_splice(&jb->plc);
		vo_ajb_noise(jb, out, room);
		vo_plc_good(&jb->plc, out, room);
		*flags |= VO_AJB_F_CN;
		jb->state = VO_AJB_CN;
		jb->play += room;
		jb->end = jb->play;
		vo_ajb_steer(jb);
		return room;
	}
	if (jb->state == VO_AJB_IDLE) {
		vo_ajb_idle(jb, out, room);
		jb->play += room;
		jb->end = jb->play;
		return room;
	}
	/* under the target: wait, and keep the wait, as in vo_ajb_gap() */
	grow = vo_ajb_grow(jb);
	if (grow > 0 && (u32)grow < room)
		room = grow;
	audible = vo_plc_conceal(&jb->plc, out, room);
	if (!jb->dry_counted) {
		jb->stats.underflows++;
		jb->dry_counted = true;
	}
	if (audible) {
		*flags |= VO_AJB_F_CONCEALED;
		jb->state = VO_AJB_CONCEAL;
	} else {
		jb->state = VO_AJB_SILENT;
	}
	if (grow > 0) {
		jb->stats.inserted_samples += room;
		return room;
	}
	/*
	 * Perhaps a late packet, or a delay spike: adaptive mode waits for
	 * it, within its max, rather than give its slot away (vo_ajb_gap()
	 * takes the wait back if it was lost after all).
	 */
	if (jb->cfg.mode == VO_AJB_ADAPTIVE && (audible || jb->held) &&
	    vo_ajb_delay(jb) + (s32)room <= (s32)vo_ajb_ms(jb, jb->cfg.max_ms)) {
		jb->stats.inserted_samples += room;
		jb->held += room;
		return room;
	}
	if (audible) {
		jb->play += room;
		jb->end = jb->play;
		return room;
	}
	jb->play += room;
	jb->end = jb->play;
	vo_ajb_steer(jb);
	return room;
}

static void vo_ajb_level(struct vo_ajb *jb, const s16 *out, unsigned int n)
{
	u32 e = vo_ajb_energy(out, n);

	if (e < jb->noise_floor)
		jb->noise_floor = e;
	else
		jb->noise_floor += (jb->noise_floor >> 8) + 1;
	if (e > jb->loud)
		jb->loud = e;
	else
		jb->loud -= jb->loud >> 9;
}

void vo_ajb_get(struct vo_ajb *jb, s16 *out, unsigned int n)
{
	unsigned int done = 0, flags = 0, i, k;

	done = jb->carry_len < n ? jb->carry_len : n;
	for (i = 0; i < done; i++)
		out[i] = jb->carry[i];
	for (i = done; i < jb->carry_len; i++)
		jb->carry[i - done] = jb->carry[i];
	jb->carry_len -= done;
	if (!jb->started) {
		for (i = done; i < n; i++)
			out[i] = 0;
		jb->played += n;
		return;
	}
	/* counted as they go out, so that the delay is right at each step */
	jb->played += done;
	if (done < n) {
		k = vo_ajb_adapt(jb, out + done, n - done);
		done += k;
		jb->played += k;
	}
	while (done < n) {
		if (jb->splice && (s32)(jb->play - jb->splice_ts) >= 0) {
			/* the old stream ends here: blend into the new */
			vo_plc_splice(&jb->plc);
			jb->splice = false;
		}
		if (vo_ajb_has(jb, jb->play))
			k = vo_ajb_real(jb, out + done, n - done);
		else if (!vo_ajb_dry(jb))
			k = vo_ajb_gap(jb, out + done, n - done, &flags);
		else
			k = vo_ajb_out(jb, out + done, n - done, &flags);
		done += k;
		jb->played += k;
	}
	if (flags & VO_AJB_F_CONCEALED)
		jb->stats.concealed_frames++;
	if (flags & VO_AJB_F_CN)
		jb->stats.cn_frames++;
	vo_ajb_level(jb, out, n);
	if (vo_ajb_off(jb))
		jb->need += jb->need < 0x40000000 ? n : 0;
	else
		jb->need = 0;
	if (jb->since_step < 0x40000000)
		jb->since_step += n;
}

static void vo_ajb_apply_cfg(struct vo_ajb *jb, const struct vo_ajb_cfg *cfg)
{
	jb->cfg = *cfg;
	jb->cfg.rate = cfg->rate == 16000 ? 16000 : 8000;
	jb->khz = jb->cfg.rate / 1000;
	if (jb->cfg.max_ms > 500)
		jb->cfg.max_ms = 500;
	if (jb->cfg.min_ms > jb->cfg.max_ms)
		jb->cfg.min_ms = jb->cfg.max_ms;
	if (jb->cfg.initial_ms < jb->cfg.min_ms)
		jb->cfg.initial_ms = jb->cfg.min_ms;
	if (jb->cfg.initial_ms > jb->cfg.max_ms)
		jb->cfg.initial_ms = jb->cfg.max_ms;
}

void vo_ajb_init(struct vo_ajb *jb, const struct vo_ajb_cfg *cfg)
{
	u8 *p = (u8 *)jb;
	unsigned int i;

	for (i = 0; i < sizeof(*jb); i++)
		p[i] = 0;
	vo_ajb_apply_cfg(jb, cfg);
	vo_plc_init(&jb->plc, jb->cfg.rate);
	vo_ajb_bins_reset(jb);
	jb->target = vo_ajb_ms(jb, jb->cfg.initial_ms);
	jb->noise_floor = VO_AJB_SIL_ABS;
	jb->noise_seed = 0x6d2b79f5;
	jb->state = VO_AJB_IDLE;
}

void vo_ajb_set_cfg(struct vo_ajb *jb, const struct vo_ajb_cfg *cfg)
{
	u32 rate = jb->cfg.rate;

	if ((cfg->rate == 16000 ? 16000 : 8000) != rate) {
		vo_ajb_init(jb, cfg);
		return;
	}
	if (cfg->mode != jb->cfg.mode || cfg->initial_ms != jb->cfg.initial_ms) {
		vo_ajb_apply_cfg(jb, cfg);
		vo_ajb_bins_reset(jb);	/* start again from initial_ms */
	} else {
		vo_ajb_apply_cfg(jb, cfg);
	}
	vo_ajb_target(jb);
}

void vo_ajb_read_stats(const struct vo_ajb *jb, struct vo_ajb_stats *st)
{
	s32 delay = jb->started ? vo_ajb_delay(jb) : 0;

	*st = jb->stats;
	st->delay_ms = delay > 0 ? delay / jb->khz : 0;
	st->target_ms = jb->target / jb->khz;
	st->drift_ppm = jb->drift_ppm;
}
