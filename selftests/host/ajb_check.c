// SPDX-License-Identifier: GPL-2.0
/*
 * The adaptive playout buffer (kernel/rtp_fastpath/ajb.c and its
 * concealment, plc.c, built here for userspace) on simulated networks.
 * Each vector is a sender's signal in 20 ms packets, a network (base
 * latency, uniform jitter, clock drift) and edits to the packet stream
 * (losses, delays, duplicates, timestamp and SSRC changes, DTX), played
 * out 10 ms at a time; a check then judges what came out. Prints KTAP.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ajb.h"

#define PTIME_MS	20
#define BASE_MS		5	/* network latency under the jitter */
#define STORE_SECS	70	/* longest run whose output is kept */
#define MAX_SECS	3700
#define AMP		10000	/* sine amplitude */

enum sig {
	SIG_NOISE,	/* white, +-8192: its lag is unambiguous */
	SIG_SINE,	/* AMP at hz */
	SIG_VOICE,	/* three harmonics of hz: a voiced sound */
	SIG_BURST,	/* 300 ms of noise, 300 ms of digital silence */
	SIG_TALK,	/* 1.5 s of voice, 1 s of quiet noise (-60 dBov) */
};

enum op {
	E_END,
	E_DROP,		/* packets k..a-1 lost */
	E_DELAY,	/* packet k a ms later */
	E_SHIFT,	/* from packet k, all a ms later (the path changed) */
	E_DUP,		/* packet k again, a ms later */
	E_SSRC,		/* from packet k, SSRC a */
	E_TSJUMP,	/* from packet k, timestamps + a ms */
	E_MARK,		/* packet k has the marker */
	E_DTX,		/* packets k..a-1 not sent; a SID (level b) first */
};

struct edit {
	enum op op;
	int k, a, b;
};

struct vec;
struct run;
typedef int (*check_fn)(const struct vec *v, const struct run *r);

struct vec {
	const char *name;
	u32 rate;
	enum vo_ajb_mode mode;
	u32 initial, min, max;
	enum sig sig;
	u32 hz;
	u32 secs;
	u32 jitter_ms;
	s32 ppm;
	u32 ts0;
	u16 seq0;
	struct edit edit[4];
	int late, dups, resyncs;	/* exact counts, -1: not checked */
	check_fn check;
	int lo, hi;			/* the check's bounds */
	u32 cfg_at, cfg_initial;	/* initial_ms changed at cfg_at s */
};

struct ev {
	double at;
	long long k;			/* first sample's index in the signal */
	u32 ts, ssrc;
	u16 seq, n;
	bool marker, cn, gone;
	u8 dbov;
	int idx;
};

struct run {
	s16 *out;			/* the output, if kept */
	u64 len;
	u32 first_at;			/* packet 0's arrival, samples */
	u32 delay[MAX_SECS], target[MAX_SECS];	/* each second */
	int max_jump;			/* largest step after the first second */
	long long jump_at;
	u32 packets;
	struct vo_ajb_stats mid;	/* as the sender stops */
	struct vo_ajb_stats st;		/* at the end */
};

static struct vo_ajb jb;
static s16 out_store[STORE_SECS * 16000];
static struct run result;
static int test_no, failed;

static u32 hash32(u32 x)
{
	x ^= x >> 16;
	x *= 0x7feb352d;
	x ^= x >> 15;
	x *= 0x846ca68b;
	x ^= x >> 16;
	return x;
}

static s16 noise_at(long long k, int div)
{
	return (s16)((s32)(hash32((u32)k) >> 16) - 32768) / div;
}

static double voice_at(const struct vec *v, long long k)
{
	double w = 2 * M_PI * v->hz / v->rate;

	return 6000 * sin(w * k) + 3000 * sin(2 * w * k + 0.5) +
	       1500 * sin(3 * w * k + 1.0);
}

static s16 sig_at(const struct vec *v, long long k)
{
	long long ph;

	if (k < 0)
		return 0;
	switch (v->sig) {
	case SIG_NOISE:
		return noise_at(k, 4);
	case SIG_SINE:
		return lrint(AMP * sin(2 * M_PI * v->hz * (double)k / v->rate));
	case SIG_VOICE:
		return lrint(voice_at(v, k));
	case SIG_BURST:
		return (k / (v->rate * 3 / 10)) % 2 ? 0 : noise_at(k, 4);
	default:
		ph = k % (v->rate * 5 / 2);
		return ph < v->rate * 3 / 2 ? lrint(voice_at(v, k)) :
					      noise_at(k, 1024);
	}
}

/* The largest sample-to-sample step of the signal itself. */
static int natural_step(const struct vec *v)
{
	int m = 0, d;
	long long k;

	for (k = 1; k < v->rate; k++) {
		d = abs(sig_at(v, k) - sig_at(v, k - 1));
		if (d > m)
			m = d;
	}
	return m;
}

static void report(int ok, const char *name)
{
	printf("%sok %d %s\n", ok ? "" : "not ", ++test_no, name);
	failed += !ok;
}

static int ev_cmp(const void *a, const void *b)
{
	const struct ev *x = a, *y = b;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->idx - y->idx;
}

static u32 khz(const struct vec *v)
{
	return v->rate / 1000;
}

/* The packets, edited, in order of arrival. */
static struct ev *make_events(const struct vec *v, int *count)
{
	u32 p = PTIME_MS * khz(v), npk = v->secs * 1000 / PTIME_MS;
	struct ev *evs = calloc(npk + 16, sizeof(*evs));
	const struct edit *e;
	int i, cnt = npk;

	for (i = 0; i < (int)npk; i++) {
		double send = (double)i * p / (1 + v->ppm / 1e6);
		double jit = v->jitter_ms ?
			(hash32(i * 2654435761u + 7) % (v->jitter_ms * 100)) *
			khz(v) / 100.0 : 0;

		evs[i].at = send + BASE_MS * khz(v) + jit;
		evs[i].k = (long long)i * p;
		evs[i].ts = v->ts0 + i * p;
		evs[i].ssrc = 0x5eed;
		evs[i].seq = v->seq0 + i;
		evs[i].n = p;
		evs[i].idx = i;
	}
	for (e = v->edit; e->op != E_END; e++) {
		switch (e->op) {
		case E_DROP:
			for (i = e->k; i < e->a; i++)
				evs[i].gone = true;
			break;
		case E_DELAY:
			evs[e->k].at += e->a * (int)khz(v);
			break;
		case E_SHIFT:
			for (i = e->k; i < (int)npk; i++)
				evs[i].at += e->a * (int)khz(v);
			break;
		case E_DUP:
			evs[cnt] = evs[e->k];
			evs[cnt].at += e->a * (int)khz(v);
			evs[cnt].idx = cnt;
			cnt++;
			break;
		case E_SSRC:
			for (i = e->k; i < (int)npk; i++)
				evs[i].ssrc = e->a;
			break;
		case E_TSJUMP:
			for (i = e->k; i < (int)npk; i++)
				evs[i].ts += e->a * (s32)khz(v);
			break;
		case E_MARK:
			evs[e->k].marker = true;
			break;
		case E_DTX:
			/* a SID where the silence starts, then nothing */
			evs[e->k].cn = true;
			evs[e->k].n = 0;
			evs[e->k].dbov = e->b;
			for (i = e->k + 1; i < e->a; i++)
				evs[i].gone = true;
			if (!e->b)
				evs[e->k].gone = true;
			evs[e->a].marker = true;
			/* a sender in DTX does not count the silence's packets */
			for (i = e->a; i < (int)npk; i++)
				evs[i].seq = evs[i].seq - (e->a - e->k - 1);
			break;
		default:
			break;
		}
	}
	qsort(evs, cnt, sizeof(*evs), ev_cmp);
	*count = cnt;
	return evs;
}

static void run(const struct vec *v, struct run *r)
{
	struct vo_ajb_cfg cfg = {
		.mode = v->mode, .rate = v->rate, .initial_ms = v->initial,
		.min_ms = v->min, .max_ms = v->max,
	};
	u32 n = v->rate / 100, frames = (v->secs + 1) * 100, f, i, t;
	bool keep = v->secs + 1 <= STORE_SECS;
	s16 buf[160], pcm[VO_AJB_PKT_MAX], *dst, prev = 0;
	struct vo_ajb_pkt pkt;
	struct ev *evs;
	int cnt, e = 0, d;

	memset(r, 0, sizeof(*r));
	r->out = keep ? out_store : NULL;
	r->len = keep ? (u64)frames * n : 0;
	evs = make_events(v, &cnt);
	for (e = 0; e < cnt; e++)
		if (evs[e].idx == 0)
			r->first_at = (u32)evs[e].at;
	e = 0;
	vo_ajb_init(&jb, &cfg);
	for (f = 0; f < frames; f++) {
		t = f * n;
		if (v->cfg_at && t == v->cfg_at * v->rate) {
			cfg.initial_ms = v->cfg_initial;
			vo_ajb_set_cfg(&jb, &cfg);
		}
		dst = keep ? out_store + t : buf;
		vo_ajb_get(&jb, dst, n);
		for (i = 0; i < n; i++) {
			d = abs(dst[i] - prev);
			if (t + i > v->rate && d > r->max_jump) {
				r->max_jump = d;
				r->jump_at = t + i;
			}
			prev = dst[i];
		}
		/* what arrives during this frame: now = played + elapsed */
		for (; e < cnt && evs[e].at < t + n; e++) {
			if (evs[e].gone)
				continue;
			pkt.ts = evs[e].ts;
			pkt.seq = evs[e].seq;
			pkt.marker = evs[e].marker;
			pkt.ssrc = evs[e].ssrc;
			pkt.n = evs[e].n;
			pkt.cn = evs[e].cn;
			pkt.cn_dbov = evs[e].dbov;
			for (i = 0; i < pkt.n; i++)
				pcm[i] = sig_at(v, evs[e].k + i);
			pkt.pcm = pcm;
			vo_ajb_put(&jb, &pkt, (u32)evs[e].at + n);
			r->packets++;
		}
		if ((t + n) % v->rate == 0 && (t + n) / v->rate < MAX_SECS) {
			struct vo_ajb_stats st;

			vo_ajb_read_stats(&jb, &st);
			r->delay[(t + n) / v->rate] = st.delay_ms;
			r->target[(t + n) / v->rate] = st.target_ms;
		}
		if (t + n == v->secs * v->rate)
			vo_ajb_read_stats(&jb, &r->mid);
	}
	vo_ajb_read_stats(&jb, &r->st);
	free(evs);
}

/* Where the output is the signal @lag samples late, from @t on. */
static long long match_len(const struct vec *v, const struct run *r,
			   long long t, long long lag, long long end)
{
	long long i;

	for (i = t; i < end && i < (long long)r->len; i++)
		if (r->out[i] != sig_at(v, i - lag))
			break;
	return i - t;
}

/* The lag (0..3 s) at which 64 samples from @t are the signal's. */
static long long find_lag(const struct vec *v, const struct run *r,
			  long long t)
{
	long long lag;

	for (lag = 0; lag < 3 * v->rate && lag <= t; lag++)
		if (match_len(v, r, t, lag, t + 64) == 64)
			return lag;
	return -1;
}

static double rms(const s16 *x, int n)
{
	double s = 0;
	int i;

	for (i = 0; i < n; i++)
		s += (double)x[i] * x[i];
	return n ? sqrt(s / n) : 0;
}

static void show_stats(const struct vo_ajb_stats *st)
{
	printf("#   delay %u target %u ms, late %llu dup %llu resync %llu",
	       st->delay_ms, st->target_ms, (unsigned long long)st->late,
	       (unsigned long long)st->duplicates,
	       (unsigned long long)st->resyncs);
	printf(" under %llu over %llu conceal %llu cn %llu drop %llu ins %llu drift %d ppm\n",
	       (unsigned long long)st->underflows,
	       (unsigned long long)st->overflows,
	       (unsigned long long)st->concealed_frames,
	       (unsigned long long)st->cn_frames,
	       (unsigned long long)st->dropped_samples,
	       (unsigned long long)st->inserted_samples, st->drift_ppm);
}

/* The lag a fixed buffer must give: packet 0's arrival, a frame, initial. */
static long long fixed_lag(const struct vec *v, const struct run *r)
{
	return r->first_at + v->rate / 100 + v->initial * khz(v);
}

/*
 * Output is the signal, exactly, at the fixed delay, while the sender
 * sends; but for packet v->lo's slot (and a blend after it) if lo >= 0.
 */
static int check_exact(const struct vec *v, const struct run *r)
{
	long long lag = fixed_lag(v, r), t, end = v->secs * v->rate + lag;
	long long hole = v->lo >= 0 ? lag + v->lo * PTIME_MS * khz(v) : -1;
	long long bad = 0, first_bad = -1;

	if (find_lag(v, r, lag + 100) != lag) {
		printf("# lag %lld, expected %lld\n", find_lag(v, r, lag + 100),
		       lag);
		return 0;
	}
	for (t = lag; t < end; t++) {
		if (hole >= 0 && t >= hole &&
		    t < hole + (PTIME_MS + 10) * khz(v))
			continue;
		if (r->out[t] != sig_at(v, t - lag)) {
			if (first_bad < 0)
				first_bad = t;
			bad++;
		}
	}
	if (bad)
		printf("# %lld samples differ, the first at %lld\n", bad,
		       first_bad);
	if (hole < 0 && r->mid.concealed_frames) {
		printf("# %llu frames concealed\n",
		       (unsigned long long)r->mid.concealed_frames);
		return 0;
	}
	if (hole >= 0 && !r->mid.concealed_frames) {
		printf("# the late packet's slot was not concealed\n");
		return 0;
	}
	return !bad;
}

/*
 * Packets v->lo.. v->hi - 1 lost in a voiced signal: made up (not
 * silent) for 10 ms, fading after, silent from 60 ms, with no step at
 * either end larger than 1.5 times the signal's own, and exact again
 * once blended back.
 */
static int check_plc(const struct vec *v, const struct run *r)
{
	long long lag = fixed_lag(v, r), ms = khz(v);
	long long t0 = lag + v->lo * PTIME_MS * ms;
	long long t1 = lag + v->hi * PTIME_MS * ms;
	long long loss = (t1 - t0) / ms, t, back;
	double ref = rms(r->out + t0 - 20 * ms, 20 * ms);
	double first = rms(r->out + t0, 10 * ms);
	int ok = 1, step = 0, nat = natural_step(v), want;

	for (t = t0 - 5 * ms; t < t1 + 20 * ms; t++)
		if (abs(r->out[t + 1] - r->out[t]) > step)
			step = abs(r->out[t + 1] - r->out[t]);
	printf("# loss %lld ms: first 10 ms at %.2f of the level,", loss,
	       first / ref);
	printf(" largest step %d (signal's own %d)\n", step, nat);
	if (first < 0.5 * ref)
		ok = 0;
	if (step > nat * 3 / 2) {
		printf("# step too large\n");
		ok = 0;
	}
	if (loss >= 50) {
		double late = rms(r->out + t0 + 40 * ms, 10 * ms);

		printf("# 40..50 ms at %.2f\n", late / ref);
		if (late > 0.7 * first)
			ok = 0;
	}
	for (t = t0 + 60 * ms; t < t1; t++)
		if (r->out[t]) {
			printf("# not silent at %lld ms into the loss\n",
			       (t - t0) / ms);
			ok = 0;
			break;
		}
	back = match_len(v, r, t1 + 10 * ms, lag, t1 + 500 * ms);
	if (back != 490 * ms) {
		printf("# not the signal again after the loss (%lld)\n", back);
		ok = 0;
	}
	want = (loss < 60 ? loss : 60) / 10;
	if ((int)r->mid.concealed_frames < want ||
	    (int)r->mid.concealed_frames > want + 1) {
		printf("# %llu frames concealed, expected %d or %d\n",
		       (unsigned long long)r->mid.concealed_frames, want,
		       want + 1);
		ok = 0;
	}
	return ok;
}

/*
 * The delay settles near the target, the target in [lo, hi], both within
 * [min, max], and few packets late (unless max binds: the target stays
 * 5 ms inside the bounds, so the delay may move without leaving them).
 */
static int check_adapt(const struct vec *v, const struct run *r)
{
	u32 s, dmin = ~0u, dmax = 0, tg = r->target[v->secs];
	double late = (double)r->mid.late / r->packets;
	int ok = 1;

	for (s = v->secs / 2; s <= v->secs; s++) {
		if (r->delay[s] < dmin)
			dmin = r->delay[s];
		if (r->delay[s] > dmax)
			dmax = r->delay[s];
	}
	printf("# target %u ms, delay %u..%u ms in the second half, %.2f %% late\n",
	       tg, dmin, dmax, 100 * late);
	if (tg < (u32)v->lo || tg > (u32)v->hi)
		ok = 0;
	if (dmin + 2 < v->min || dmax > v->max + 6 ||
	    dmin + 8 < tg || dmax > tg + 25)
		ok = 0;
	/* where max_ms binds, the tail beyond it is late by design */
	if (late > 0.05 && tg + 5 < v->max)
		ok = 0;
	return ok;
}

/* Fixed: the delay stays at initial_ms, whatever the jitter. */
static int check_fixed(const struct vec *v, const struct run *r)
{
	u32 s, dmin = ~0u, dmax = 0;

	for (s = 2; s <= v->secs; s++) {
		if (r->delay[s] < dmin)
			dmin = r->delay[s];
		if (r->delay[s] > dmax)
			dmax = r->delay[s];
	}
	printf("# delay %u..%u ms, target %u\n", dmin, dmax,
	       r->target[v->secs]);
	return r->target[v->secs] == v->initial && dmin + 6 >= v->initial &&
	       dmax <= v->initial + 6;
}

/*
 * The tone's smallest peak over any period, while it is sent: a step
 * that is not a whole number of periods crossfades two phases, and the
 * tone dips (without any jump).
 */
static double low_envelope(const struct vec *v, const struct run *r)
{
	long long per = v->rate / v->hz + 2, t, i;
	int peak, low = AMP;

	for (t = v->rate; t + per < (long long)v->secs * v->rate; t += per / 2) {
		for (i = t, peak = 0; i < t + per; i++)
			if (abs(r->out[i]) > peak)
				peak = abs(r->out[i]);
		if (peak < low)
			low = peak;
	}
	printf("# lowest peak %d of %d\n", low, AMP);
	return low;
}

/*
 * A continuous tone while the delay moves by v->hi ms or more (lo: 1 to
 * shrink, 2 to grow): done by pitch periods, so no step beyond the
 * tone's own (plus rounding), and it does reach the target.
 */
static int check_smooth(const struct vec *v, const struct run *r)
{
	int nat = natural_step(v), ok = 1;
	u64 moved = v->lo == 1 ? r->st.dropped_samples :
				 r->st.inserted_samples;
	u32 d = r->delay[v->secs], tg = r->target[v->secs];

	printf("# largest step %d at %lld (tone's own %d),", r->max_jump,
	       r->jump_at, nat);
	printf(" moved %llu samples, delay %u target %u ms\n",
	       (unsigned long long)moved, d, tg);
	if (r->max_jump > nat + nat / 8 + 16)
		ok = 0;
	if (low_envelope(v, r) < 0.9 * AMP)
		ok = 0;
	if (moved < (u64)v->hi * khz(v))
		ok = 0;
	if (d + 6 < tg || d > tg + 6)
		ok = 0;
	return ok;
}

/*
 * Noise bursts between digital silence: the delay is adapted, and every
 * burst comes out whole (so all cutting was in the silences).
 */
static int check_bursts(const struct vec *v, const struct run *r)
{
	long long burst = v->rate * 3 / 10, t = 0, lag, end;
	long long whole = 0, broken = 0;
	int ok = 1;

	end = (long long)v->secs * v->rate;
	while (t < end) {
		while (t < end && !r->out[t])
			t++;
		if (t + burst >= end)
			break;
		lag = find_lag(v, r, t);
		if (lag >= 0 && match_len(v, r, t, lag, t + burst) == burst &&
		    (t - lag) % (2 * burst) == 0)
			whole++;
		else
			broken++;
		t += burst;
	}
	printf("# %lld bursts whole, %lld not; delay %u target %u ms, %llu samples dropped\n",
	       whole, broken, r->delay[v->secs], r->target[v->secs],
	       (unsigned long long)r->st.dropped_samples);
	if (broken || whole < 10 || !r->st.dropped_samples)
		ok = 0;
	if (r->delay[v->secs] > r->target[v->secs] + 6)
		ok = 0;
	return ok;
}

/*
 * A stream that restarts at packet v->lo (new SSRC, or a timestamp
 * jump): the old stream exact up to there, the new one exact a little
 * after, at the target delay.
 */
static int check_resync(const struct vec *v, const struct run *r)
{
	long long lag = fixed_lag(v, r), ms = khz(v);
	long long cut = lag + v->lo * PTIME_MS * ms, t, lag2;
	long long end = v->secs * v->rate + lag;
	int ok = 1;

	if (match_len(v, r, lag, lag, cut) != cut - lag) {
		printf("# the first stream differs at %lld\n",
		       lag + match_len(v, r, lag, lag, cut));
		ok = 0;
	}
	t = cut + 20 * ms;	/* after the join's blend */
	lag2 = find_lag(v, r, t);
	if (lag2 < 0) {
		printf("# the second stream is not there\n");
		return 0;
	}
	if (match_len(v, r, t, lag2, end - 200 * ms) != end - 200 * ms - t) {
		printf("# the second stream differs at %lld\n",
		       t + match_len(v, r, t, lag2, end));
		ok = 0;
	}
	printf("# lag %lld then %lld samples; delay %u ms\n", lag, lag2,
	       r->delay[v->secs]);
	if (r->delay[v->secs] + 6 < r->target[v->secs] ||
	    r->delay[v->secs] > r->target[v->secs] + 6)
		ok = 0;
	return ok;
}

/*
 * DTX from packet v->lo to v->hi: with a SID of level b, comfort noise
 * at that level and nothing concealed; without, at most 60 ms concealed
 * and then silence. The network path changes in the silence; the next
 * talkspurt still plays at the target delay.
 */
static int check_dtx(const struct vec *v, const struct run *r)
{
	long long lag = fixed_lag(v, r), ms = khz(v), t;
	long long t0 = lag + v->lo * PTIME_MS * ms;
	long long t1 = lag + v->hi * PTIME_MS * ms, lag2;
	int sid = v->edit[0].b, ok = 1;

	lag2 = find_lag(v, r, t1 + 100 * ms);
	if (lag2 < 0 ||
	    match_len(v, r, t1 + 100 * ms, lag2, t1 + 1000 * ms) != 900 * ms) {
		printf("# the next talkspurt is not played whole\n");
		ok = 0;
	}
	if (sid) {
		double lvl = rms(r->out + t0 + 200 * ms, t1 - t0 - 400 * ms);
		double db = 20 * log10(lvl / 32767);

		printf("# comfort noise at %.1f dBov for -%d;", db, sid);
		printf(" %llu frames concealed, %llu underflows, %llu of noise\n",
		       (unsigned long long)r->mid.concealed_frames,
		       (unsigned long long)r->mid.underflows,
		       (unsigned long long)r->mid.cn_frames);
		if (fabs(db + sid) > 1.5 || r->mid.concealed_frames ||
		    r->mid.underflows ||
		    r->mid.cn_frames * 10 + 300 < (u64)(t1 - t0) / ms)
			ok = 0;
	} else {
		for (t = t0 + 70 * ms; t < t1 - 100 * ms; t++)
			if (r->out[t])
				break;
		printf("# silent 70 ms in for %lld ms; %llu concealed, %llu underflows\n",
		       (t - t0) / ms - 70,
		       (unsigned long long)r->mid.concealed_frames,
		       (unsigned long long)r->mid.underflows);
		if (t < t1 - 100 * ms || r->mid.concealed_frames > 7 ||
		    r->mid.underflows > 1)
			ok = 0;
	}
	printf("# talkspurt lag %lld (before %lld); delay %u target %u ms\n",
	       lag2, lag, r->delay[v->secs], r->target[v->secs]);
	/* set on the talkspurt's first packet, whose jitter it inherits */
	if (r->delay[v->secs] + 6 < r->target[v->secs] ||
	    r->delay[v->secs] > r->target[v->secs] + 6 + v->jitter_ms)
		ok = 0;
	return ok;
}

/*
 * The path gets much faster at once (v->lo ms): the buffer fills far past
 * max_ms and is cut back (an overflow), not resynchronised.
 */
static int check_overflow(const struct vec *v, const struct run *r)
{
	u32 d = r->delay[v->secs], tg = r->target[v->secs];

	printf("# %llu overflows, %llu samples dropped; delay %u target %u ms\n",
	       (unsigned long long)r->mid.overflows,
	       (unsigned long long)r->mid.dropped_samples, d, tg);
	return r->mid.overflows >= 1 && d <= v->max && d + 6 >= tg &&
	       d <= tg + 6 + v->jitter_ms;
}

/*
 * A sender's clock v->ppm off for the whole run: the delay stays within
 * [min, max] (fixed: within 20 ms of initial) and the drift estimate
 * within 50 ppm of the truth.
 */
static int check_drift(const struct vec *v, const struct run *r)
{
	u32 s, dmin = ~0u, dmax = 0, lo = v->min, hi = v->max, bad = 0;

	if (v->mode == VO_AJB_FIXED) {
		lo = v->initial - 20;
		hi = v->initial + 20;
	}
	for (s = 10; s <= v->secs; s++) {
		if (r->delay[s] < dmin)
			dmin = r->delay[s];
		if (r->delay[s] > dmax)
			dmax = r->delay[s];
		if ((r->delay[s] < lo || r->delay[s] > hi) && bad++ < 3)
			printf("# at %u s: delay %u ms\n", s, r->delay[s]);
	}
	printf("# delay %u..%u ms (bounds %u..%u), drift %d ppm for %d\n",
	       dmin, dmax, lo, hi, r->st.drift_ppm, v->ppm);
	return dmin >= lo && dmax <= hi && abs(r->st.drift_ppm - v->ppm) <= 50;
}

#define NOISE8(...)	.rate = 8000, .sig = SIG_NOISE, .secs = 10, __VA_ARGS__
#define FIXED40		.mode = VO_AJB_FIXED, .initial = 40, .min = 20, .max = 200

static const struct vec vecs[] = {
	{ "in order, timestamps and sequence wrap, 8 kHz", NOISE8(FIXED40),
	  .ts0 = 0xffffe000, .seq0 = 65500, .check = check_exact, .lo = -1 },
	{ "in order, 16 kHz", FIXED40, .rate = 16000, .sig = SIG_NOISE,
	  .secs = 10, .ts0 = 12345, .check = check_exact, .lo = -1 },
	{ "reordered within the window", NOISE8(FIXED40), .jitter_ms = 30,
	  .seq0 = 65400, .check = check_exact, .lo = -1 },
	{ "duplicates, before and after playout", NOISE8(FIXED40),
	  .seq0 = 65436, .edit = { { E_DUP, 100, 5 }, { E_DUP, 150, 300 }, { E_DUP, 200, 35 } },
	  .dups = 3, .check = check_exact, .lo = -1 },
	{ "late packet", NOISE8(FIXED40), .edit = { { E_DELAY, 120, 80 } },
	  .late = 1, .check = check_exact, .lo = 120 },
	/* its head lost, the rest played: not late (late: none played) */
	{ "partly late packet", NOISE8(FIXED40), .edit = { { E_DELAY, 120, 50 } },
	  .late = 0, .check = check_exact, .lo = 120 },
	{ "loss of 20 ms concealed, 8 kHz", FIXED40, .rate = 8000,
	  .sig = SIG_VOICE, .hz = 140, .secs = 6,
	  .edit = { { E_DROP, 100, 101 } }, .check = check_plc, .lo = 100,
	  .hi = 101 },
	{ "loss of 40 ms concealed, 16 kHz", FIXED40, .rate = 16000,
	  .sig = SIG_VOICE, .hz = 210, .secs = 6,
	  .edit = { { E_DROP, 100, 102 } }, .check = check_plc, .lo = 100,
	  .hi = 102 },
	{ "loss of 120 ms: fades, silent, merges, 8 kHz", FIXED40, .rate = 8000,
	  .sig = SIG_VOICE, .hz = 120, .secs = 6,
	  .edit = { { E_DROP, 100, 106 } }, .check = check_plc, .lo = 100,
	  .hi = 106 },
	{ "loss of 100 ms, 16 kHz", FIXED40, .rate = 16000,
	  .sig = SIG_VOICE, .hz = 95, .secs = 6,
	  .edit = { { E_DROP, 100, 105 } }, .check = check_plc, .lo = 100,
	  .hi = 105 },
	{ "fixed under 20 ms jitter keeps initial", FIXED40, .rate = 8000,
	  .sig = SIG_TALK, .hz = 150, .secs = 30, .jitter_ms = 20,
	  .late = -1, .check = check_fixed },
	{ "fixed under 50 ms jitter keeps initial, 16 kHz", FIXED40,
	  .rate = 16000, .sig = SIG_TALK, .hz = 150, .secs = 30,
	  .jitter_ms = 50, .late = -1, .check = check_fixed },
	{ "fixed under 100 ms jitter keeps initial", FIXED40, .rate = 8000,
	  .sig = SIG_TALK, .hz = 150, .secs = 30, .jitter_ms = 100,
	  .late = -1, .check = check_fixed },
	{ "adaptive under 20 ms jitter", .rate = 8000, .mode = VO_AJB_ADAPTIVE,
	  .initial = 60, .min = 20, .max = 300, .sig = SIG_TALK, .hz = 150,
	  .secs = 60, .jitter_ms = 20, .late = -1, .check = check_adapt,
	  .lo = 20, .hi = 32 },
	{ "adaptive under 50 ms jitter, 16 kHz", .rate = 16000,
	  .mode = VO_AJB_ADAPTIVE, .initial = 150, .min = 20, .max = 300,
	  .sig = SIG_TALK, .hz = 150, .secs = 60, .jitter_ms = 50, .late = -1,
	  .check = check_adapt, .lo = 46, .hi = 62 },
	{ "adaptive under 100 ms jitter, bounded by max", .rate = 8000,
	  .mode = VO_AJB_ADAPTIVE, .initial = 60, .min = 20, .max = 80,
	  .sig = SIG_TALK, .hz = 150, .secs = 60, .jitter_ms = 100,
	  .late = -1, .check = check_adapt, .lo = 75, .hi = 80 },
	{ "adaptive under 100 ms jitter", .rate = 8000,
	  .mode = VO_AJB_ADAPTIVE, .initial = 30, .min = 20, .max = 300,
	  .sig = SIG_TALK, .hz = 150, .secs = 60, .jitter_ms = 100,
	  .late = -1, .check = check_adapt, .lo = 92, .hi = 112 },
	{ "shrinking in a tone: pitch steps only", .rate = 8000,
	  .mode = VO_AJB_ADAPTIVE, .initial = 200, .min = 20, .max = 300,
	  .sig = SIG_SINE, .hz = 310, .secs = 30, .check = check_smooth,
	  .lo = 1, .hi = 150 },
	{ "growing in a tone: pitch steps only, 16 kHz", .rate = 16000,
	  .mode = VO_AJB_FIXED, .initial = 40, .min = 20, .max = 300,
	  .sig = SIG_SINE, .hz = 440, .secs = 20, .cfg_at = 5,
	  .cfg_initial = 120, .check = check_smooth, .lo = 2, .hi = 70 },
	{ "shrinking between bursts: silence only", .rate = 8000,
	  .mode = VO_AJB_ADAPTIVE, .initial = 250, .min = 20, .max = 300,
	  .sig = SIG_BURST, .secs = 30, .check = check_bursts },
	{ "resync on a new SSRC", NOISE8(FIXED40),
	  .edit = { { E_SSRC, 200, 0xbeef } }, .resyncs = 1,
	  .check = check_resync, .lo = 200 },
	{ "resync on a timestamp jump forward", NOISE8(FIXED40),
	  .edit = { { E_TSJUMP, 200, 10000 } }, .resyncs = 1,
	  .check = check_resync, .lo = 200 },
	{ "resync on a timestamp jump back", NOISE8(FIXED40),
	  .edit = { { E_TSJUMP, 200, -10000 } }, .resyncs = 1,
	  .check = check_resync, .lo = 200 },
	{ "resync on a marked timestamp jump back, 16 kHz", FIXED40,
	  .rate = 16000, .sig = SIG_NOISE, .secs = 10,
	  .edit = { { E_TSJUMP, 200, -300 }, { E_MARK, 200 } }, .resyncs = 1,
	  .check = check_resync, .lo = 200 },
	{ "DTX with a SID: comfort noise", .rate = 8000,
	  .mode = VO_AJB_ADAPTIVE, .initial = 60, .min = 20, .max = 300,
	  .sig = SIG_NOISE, .secs = 12, .jitter_ms = 10,
	  .edit = { { E_DTX, 150, 400, 50 }, { E_SHIFT, 400, -40 } },
	  .check = check_dtx, .lo = 150,
	  .hi = 400 },
	{ "DTX without a SID, marker at the talkspurt", .rate = 16000,
	  .mode = VO_AJB_ADAPTIVE, .initial = 60, .min = 20, .max = 300,
	  .sig = SIG_NOISE, .secs = 12, .jitter_ms = 10,
	  .edit = { { E_DTX, 150, 400, 0 }, { E_SHIFT, 400, 40 } },
	  .check = check_dtx, .lo = 150,
	  .hi = 400 },
	{ "path 300 ms faster: overflow cut", .rate = 8000,
	  .mode = VO_AJB_ADAPTIVE, .initial = 20, .min = 20, .max = 200,
	  .sig = SIG_NOISE, .secs = 10, .jitter_ms = 10,
	  .edit = { { E_SHIFT, 200, -300 } }, .check = check_overflow },
	{ "drift +500 ppm for an hour, adaptive", .rate = 8000,
	  .mode = VO_AJB_ADAPTIVE, .initial = 60, .min = 20, .max = 200,
	  .sig = SIG_TALK, .hz = 130, .secs = 3600, .jitter_ms = 10,
	  .ppm = 500, .late = -1, .check = check_drift },
	{ "drift -500 ppm for an hour, adaptive", .rate = 8000,
	  .mode = VO_AJB_ADAPTIVE, .initial = 60, .min = 20, .max = 200,
	  .sig = SIG_TALK, .hz = 130, .secs = 3600, .jitter_ms = 10,
	  .ppm = -500, .late = -1, .check = check_drift },
	{ "drift +500 ppm for an hour, fixed, continuous tone, 16 kHz",
	  .rate = 16000, .mode = VO_AJB_FIXED, .initial = 60, .min = 20,
	  .max = 200, .sig = SIG_SINE, .hz = 300, .secs = 3600,
	  .jitter_ms = 10, .ppm = 500, .late = -1, .check = check_drift },
	{ "drift -500 ppm for an hour, fixed, continuous tone",
	  .rate = 8000, .mode = VO_AJB_FIXED, .initial = 60, .min = 20,
	  .max = 200, .sig = SIG_SINE, .hz = 300, .secs = 3600,
	  .jitter_ms = 10, .ppm = -500, .late = -1, .check = check_drift },
	{ NULL }
};

static int counts_ok(const struct vec *v, const struct run *r)
{
	int ok = 1;

	if (v->late >= 0 && r->mid.late != (u64)v->late)
		ok = 0;
	if (v->dups >= 0 && r->mid.duplicates != (u64)v->dups)
		ok = 0;
	if (v->resyncs >= 0 && r->mid.resyncs != (u64)v->resyncs)
		ok = 0;
	return ok;
}

int main(int argc, char **argv)
{
	int i, ok, only = argc > 1 ? atoi(argv[1]) : 0, nvecs = 0;

	while (vecs[nvecs].name)
		nvecs++;
	printf("TAP version 13\n1..%d\n", nvecs);
	printf("# struct vo_ajb: %zu bytes\n", sizeof(struct vo_ajb));
	for (i = 0; i < nvecs; i++) {
		if (only && i + 1 != only) {
			printf("ok %d # SKIP %s\n", ++test_no, vecs[i].name);
			continue;
		}
		run(&vecs[i], &result);
		ok = vecs[i].check(&vecs[i], &result);
		if (!counts_ok(&vecs[i], &result)) {
			printf("# counts: late %d, duplicates %d, resyncs %d expected\n",
			       vecs[i].late, vecs[i].dups, vecs[i].resyncs);
			ok = 0;
		}
		if (!ok)
			show_stats(&result.st);
		report(ok, vecs[i].name);
	}
	return failed ? 1 : 0;
}
