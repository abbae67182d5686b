// SPDX-License-Identifier: GPL-2.0
/*
 * bench-jitter [-v] [-i MS] [-m MS] [-M MS] TRACE...: play each trace
 * through our adaptive jitter buffer (kernel/rtp_fastpath/ajb.c, built for
 * userspace) and through speexdsp's, on one simulated clock, and print one
 * table row per trace and buffer, then a one-line comparison. -i, -m and
 * -M set our initial, min and max delay (default 0, 0 and 500 ms: the
 * product's defaults for a flow; adaptive mode starts with no delay and
 * grows it as the jitter shows, as speexdsp does).
 *
 * The clock: every 10 ms step the harness first delivers each packet whose
 * arrival time has come (to ours with now = its arrival time in samples),
 * then takes 10 ms of audio from each buffer. Output sample t is played at
 * t / 8000 s.
 *
 * What is measured, the same way for both buffers (see analyse()):
 *  - delay: for every 10 ms block of output that copies sent audio (but
 *    for an error 30 dB down at most; found in the reference by hashing;
 *    in a time-scaled or blended block, its last such stretch of 4 ms),
 *    its play time minus the arrival time of the copied samples (packet
 *    arrival + their offset in the packet); mean and 95th percentile.
 *    "final": the mean over the last 10 s of the call (the figure to read
 *    on the drift traces).
 *  - late: packets that arrived but none of whose audio was played
 *    because it came too late, % of the audio packets that arrived (a
 *    duplicate is the same packet). A packet only partly late (its head
 *    behind the play point, the rest played) is not late, for either:
 *    its lost head shows in conc and qual. Ours: put() answered
 *    VO_AJB_LATE to every copy (it answers VO_AJB_OK for a partly late
 *    packet whose in-time rest it stored). speexdsp says nothing: a
 *    packet counts as late if its timestamp was already behind the
 *    buffer's pointer when it was put and jitter_buffer_get() never
 *    returned it.
 *  - conc: 10 ms output blocks played without real audio, % of the 10 ms
 *    blocks of audio sent: the buffer concealed (ours: its
 *    concealed_frames counter moved; speexdsp: the harness concealed for
 *    MISSING or INSERTION), or played silence where sent audio was due
 *    (concealment faded out, a buffer run dry). Comfort noise (DTX) is
 *    neither. Counted until the end of the sent audio has been played.
 *  - qual: segmental spectral SNR over active speech. The output is
 *    aligned to the reference by the lag of the last exact copy; for every
 *    10 ms block whose reference holds sent speech (RMS >= 50), a 20 ms
 *    Hann window around it, 256-point FFT, 10 log10(sum |X|^2 /
 *    sum (|X| - |Y|)^2) over 0..4 kHz, clamped to [-10, 35] dB, averaged.
 *    Exact audio scores 35; silence in place of speech 0; concealment and
 *    time-scaled audio between, by how close their spectrum is. Phase-blind
 *    on purpose: good concealment is rewarded, muting is not.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <speex/speex_jitter.h>

#include "trace.h"

#ifndef BENCH_NO_AJB
#include "ajb.h"
#endif

#define STEP	80			/* 10 ms at 8 kHz */
#define ACT	50			/* RMS of a block that holds speech */
#define QUIET	20			/* RMS below which no copy is sought */
#define PART	32			/* the shortest copy a splice shows */
#define QMIN	(-10.0)
#define QMAX	35.0

struct run {
	const char *name;
	int16_t *out;			/* nsteps * STEP samples */
	uint8_t *conc, *cn;		/* per step */
	long *exact;			/* per step: source index played, -1 */
	size_t nsteps;
	long late, arrived;
};

struct result {
	double mean_ms, p95_ms, final_ms, late_pct, conc_pct, qual_db;
	long delay_n, qual_n, exact_ok, exact_n;
	double cls_sum[3];		/* quality by block: copy, concealed, other */
	long cls_n[3];
};

static struct {
	int verbose;
	unsigned int initial_ms, min_ms, max_ms;
} opt = { 0, 0, 0, 500 };

/* Comfort noise at -dbov dBov, white: what both get for a SID. */
static int16_t cn_sample(struct bj_rng *r, unsigned int dbov)
{
	double v = (2 * bj_uniform(r) - 1) * sqrt(3) * 32768 * pow(10, -(double)dbov / 20);

	return (int16_t)lrint(v > 32767 ? 32767 : v < -32768 ? -32768 : v);
}

/* ---- speexdsp ---------------------------------------------------------- */

enum { S_IDLE, S_REAL, S_CONC, S_CN };

struct sx {
	int16_t fifo[4096];
	uint8_t kind[4096];
	long src[4096];
	size_t fl;
	int16_t last[BJ_FRAME];		/* the last 20 ms of real audio */
	unsigned int last_pos, conc_run;
	bool started, in_cn;
	uint8_t dbov;
	struct bj_rng rng;
};

static void sx_push(struct sx *s, int16_t v, int kind, long src)
{
	if (s->fl == sizeof(s->fifo) / sizeof(s->fifo[0]))
		return;
	s->fifo[s->fl] = v;
	s->kind[s->fl] = kind;
	s->src[s->fl++] = src;
}

/*
 * speexdsp has no concealment of its own. Ours is the simplest a user
 * would write: repeat the last 20 ms of audio, fading linearly to silence
 * over 60 ms. In comfort noise (after a SID) a gap is more comfort noise.
 */
static void sx_fill(struct sx *s, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (s->in_cn) {
			sx_push(s, cn_sample(&s->rng, s->dbov), S_CN, -1);
		} else if (s->started) {
			double g = 1 - s->conc_run / 480.0;

			if (g < 0)
				g = 0;
			s->conc_run++;
			sx_push(s, (int16_t)lrint(s->last[s->last_pos++ % BJ_FRAME] * g),
				S_CONC, -1);
		} else {
			sx_push(s, 0, S_IDLE, -1);
		}
	}
}

static void sx_real(struct sx *s, const int16_t *pcm, unsigned int n, long src)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		sx_push(s, pcm[i], S_REAL, src + i);
		s->last[s->last_pos++ % BJ_FRAME] = pcm[i];
	}
	s->started = true;
	s->in_cn = false;
	s->conc_run = 0;
}

/*
 * The call sequence speex_jitter.h documents and speex's own decoder
 * wrapper uses: put() as packets come, and every 10 ms get() once when
 * the audio from the previous get() is used up, then tick(). speexdsp
 * adjusts its delay by itself inside tick() (we never call
 * jitter_buffer_update_delay(), which would switch that off). get() says
 * in packet.span how much audio it stands for; start_offset where the
 * packet starts against the buffer's pointer.
 */
static void run_speex(const struct bj_trace *t, const size_t *ord, size_t nord,
		      struct run *r)
{
	JitterBuffer *jb = jitter_buffer_init(STEP);
	bool *played = calloc(t->npkt, 1), *behind = calloc(t->npkt, 1);
	struct sx *s = calloc(1, sizeof(*s));
	size_t k, next = 0, i;

	bj_rng_seed(&s->rng, 42);
	for (k = 0; k < r->nsteps; k++) {
		int64_t now_us = (int64_t)k * 10000;

		for (; next < nord && t->pkt[ord[next]].arrival_us <= now_us; next++) {
			const struct bj_pkt *p = &t->pkt[ord[next]];
			JitterBufferPacket jp = {
				.timestamp = p->ts,
				.span = p->kind == BJ_SID ? BJ_FRAME : p->n,
				.sequence = p->seq,
				.user_data = ord[next],
			};

			if (p->kind == BJ_SID) {
				jp.data = (char *)&p->cn_dbov;
				jp.len = 1;
			} else {
				jp.data = (char *)p->pcm;
				jp.len = 2 * p->n;
			}
			if (s->started &&
			    (int32_t)(p->ts - jitter_buffer_get_pointer_timestamp(jb)) < 0)
				behind[p->first] = true;
			jitter_buffer_put(jb, &jp);
		}
		while (s->fl < STEP) {
			char buf[8192];
			JitterBufferPacket jp = { .data = buf, .len = sizeof(buf) };
			spx_int32_t off = 0;
			int ret = jitter_buffer_get(jb, &jp, STEP, &off);
			unsigned int span = jp.span > 0 ? jp.span : STEP;

			if (ret == JITTER_BUFFER_OK) {
				const struct bj_pkt *p = &t->pkt[jp.user_data];

				played[p->first] = true;
				if (off > 0)
					sx_fill(s, off);
				if (p->kind == BJ_SID) {
					s->in_cn = true;
					s->dbov = p->cn_dbov;
					sx_fill(s, span);
				} else if (off < 0 && (unsigned int)-off < p->n) {
					sx_real(s, p->pcm - off, p->n + off, p->src - off);
				} else if (off >= 0) {
					sx_real(s, p->pcm, p->n, p->src);
				}
			} else {
				/* MISSING or INSERTION: nothing to play for span. */
				sx_fill(s, span);
			}
		}
		memcpy(&r->out[k * STEP], s->fifo, STEP * sizeof(int16_t));
		r->exact[k] = s->src[0];
		for (i = 0; i < STEP; i++) {
			r->conc[k] |= s->kind[i] == S_CONC;
			r->cn[k] |= s->kind[i] == S_CN;
			if (s->src[i] != r->exact[k] + (long)i)
				r->exact[k] = -1;
		}
		s->fl -= STEP;
		memmove(s->fifo, s->fifo + STEP, s->fl * sizeof(s->fifo[0]));
		memmove(s->kind, s->kind + STEP, s->fl * sizeof(s->kind[0]));
		memmove(s->src, s->src + STEP, s->fl * sizeof(s->src[0]));
		jitter_buffer_tick(jb);
	}
	for (i = 0; i < t->npkt; i++)
		r->late += t->pkt[i].kind == BJ_AUDIO && behind[i] && !played[i];
	jitter_buffer_destroy(jb);
	free(played);
	free(behind);
	free(s);
}

/* ---- ours -------------------------------------------------------------- */

#ifndef BENCH_NO_AJB
static void run_ours(const struct bj_trace *t, const size_t *ord, size_t nord,
		     struct run *r)
{
	struct vo_ajb_cfg cfg = {
		.mode = VO_AJB_ADAPTIVE,
		.rate = BJ_RATE,
		.initial_ms = opt.initial_ms,
		.min_ms = opt.min_ms,
		.max_ms = opt.max_ms,
	};
	struct vo_ajb *jb = calloc(1, sizeof(*jb));
	uint8_t *said = calloc(t->npkt, 1);	/* per packet: 1 late, 2 taken */
	struct vo_ajb_stats st, prev;
	size_t k, next = 0, i;

	vo_ajb_init(jb, &cfg);
	vo_ajb_read_stats(jb, &prev);
	for (k = 0; k < r->nsteps; k++) {
		int64_t now_us = (int64_t)k * 10000;

		for (; next < nord && t->pkt[ord[next]].arrival_us <= now_us; next++) {
			const struct bj_pkt *p = &t->pkt[ord[next]];
			struct vo_ajb_pkt vp = {
				.ts = p->ts,
				.seq = p->seq,
				.marker = p->marker,
				.ssrc = 0x5eed1e55,
				.pcm = p->pcm,
				.n = p->n,
				.cn = p->kind == BJ_SID,
				.cn_dbov = p->cn_dbov,
			};
			u32 now = (u32)(p->arrival_us * BJ_RATE / 1000000);

			if (vo_ajb_put(jb, &vp, now) == VO_AJB_LATE)
				said[p->first] |= 1;
			else
				said[p->first] |= 2;
		}
		vo_ajb_get(jb, &r->out[k * STEP], STEP);
		vo_ajb_read_stats(jb, &st);
		r->conc[k] = st.concealed_frames != prev.concealed_frames;
		r->cn[k] = st.cn_frames != prev.cn_frames;
		r->exact[k] = -1;
		prev = st;
	}
	for (i = 0; i < t->npkt; i++)
		r->late += t->pkt[i].kind == BJ_AUDIO && said[i] == 1;
	if (opt.verbose)
		printf("# %s ours: delay %u target %u ms, underflows %llu"
		       " overflows %llu late %llu (LATE to every copy: %ld)"
		       " dup %llu conc %llu cn %llu resyncs %llu dropped %llu"
		       " inserted %llu samples, drift %d ppm\n",
		       t->name, st.delay_ms, st.target_ms,
		       (unsigned long long)st.underflows,
		       (unsigned long long)st.overflows,
		       (unsigned long long)st.late, r->late,
		       (unsigned long long)st.duplicates,
		       (unsigned long long)st.concealed_frames,
		       (unsigned long long)st.cn_frames,
		       (unsigned long long)st.resyncs,
		       (unsigned long long)st.dropped_samples,
		       (unsigned long long)st.inserted_samples, st.drift_ppm);
	free(said);
	free(jb);
}
#endif

/* ---- analysis ---------------------------------------------------------- */

#define NFFT 256
#define WIN 160

/* In-place radix-2 FFT of NFFT points. */
static void fft(double *re, double *im)
{
	static double wr[NFFT / 2], wi[NFFT / 2];
	unsigned int i, j, len;

	if (!wr[0]) {
		for (i = 0; i < NFFT / 2; i++) {
			wr[i] = cos(-2 * M_PI * i / NFFT);
			wi[i] = sin(-2 * M_PI * i / NFFT);
		}
	}
	for (i = 1, j = 0; i < NFFT; i++) {
		unsigned int bit = NFFT >> 1;

		for (; j & bit; bit >>= 1)
			j ^= bit;
		j ^= bit;
		if (i < j) {
			double tr = re[i], ti = im[i];

			re[i] = re[j];
			im[i] = im[j];
			re[j] = tr;
			im[j] = ti;
		}
	}
	for (len = 2; len <= NFFT; len <<= 1) {
		unsigned int half = len / 2, stride = NFFT / len;

		for (i = 0; i < NFFT; i += len) {
			for (j = 0; j < half; j++) {
				double cr = wr[j * stride], ci = wi[j * stride];
				double xr = re[i + j + half], xi = im[i + j + half];
				double vr = xr * cr - xi * ci, vi = xr * ci + xi * cr;

				re[i + j + half] = re[i + j] - vr;
				im[i + j + half] = im[i + j] - vi;
				re[i + j] += vr;
				im[i + j] += vi;
			}
		}
	}
}

static void magnitude(const int16_t *x, double *mag)
{
	static double hann[WIN];
	double re[NFFT] = { 0 }, im[NFFT] = { 0 };
	unsigned int i;

	if (!hann[0]) {
		for (i = 0; i < WIN; i++)
			hann[i] = 0.5 - 0.5 * cos(2 * M_PI * (i + 0.5) / WIN);
	}
	for (i = 0; i < WIN; i++)
		re[i] = x[i] * hann[i];
	fft(re, im);
	for (i = 0; i <= NFFT / 2; i++)
		mag[i] = hypot(re[i], im[i]);
}

/* Spectral SNR of y against x over one window, clamped. */
static double spectral_snr(const int16_t *x, const int16_t *y)
{
	double mx[NFFT / 2 + 1], my[NFFT / 2 + 1], sig = 0, err = 0, db;
	unsigned int i;

	magnitude(x, mx);
	magnitude(y, my);
	for (i = 0; i <= NFFT / 2; i++) {
		sig += mx[i] * mx[i];
		err += (mx[i] - my[i]) * (mx[i] - my[i]);
	}
	db = err > 0 ? 10 * log10(sig / err) : QMAX;
	return db < QMIN ? QMIN : db > QMAX ? QMAX : db;
}

/* Exact copies are found through a hash of 8 samples. */
struct index {
	int32_t *head, *next;
	uint32_t mask;
	const int16_t *ref;
	size_t nref;
	int32_t *arr_us;		/* per reference sample, INT32_MAX none */
};

static uint32_t hash8(const int16_t *x)
{
	uint64_t h = 0xcbf29ce484222325ull;
	int i;

	for (i = 0; i < 8; i++)
		h = (h ^ (uint16_t)x[i]) * 0x100000001b3ull;
	return (uint32_t)(h ^ h >> 32);
}

static void index_build(struct index *ix, const struct bj_trace *t)
{
	size_t i, bits = 10;
	unsigned int k;

	while (((size_t)1 << bits) < 2 * t->nref && bits < 26)
		bits++;
	ix->mask = (1u << bits) - 1;
	ix->head = malloc(((size_t)1 << bits) * sizeof(int32_t));
	memset(ix->head, 0xff, ((size_t)1 << bits) * sizeof(int32_t));
	ix->next = malloc((t->nref + 1) * sizeof(int32_t));
	ix->ref = t->ref;
	ix->nref = t->nref;
	for (i = 0; i + STEP <= t->nref; i++) {
		uint32_t h;
		int big = 0;

		for (k = 0; k < 8; k++)
			big |= abs(t->ref[i + k]) >= QUIET;
		if (!big || !t->sent[i])
			continue;
		h = hash8(&t->ref[i]) & ix->mask;
		ix->next[i] = ix->head[h];
		ix->head[h] = i;
	}
	ix->arr_us = malloc((t->nref + 1) * sizeof(int32_t));
	for (i = 0; i < t->nref; i++)
		ix->arr_us[i] = INT32_MAX;
	for (i = 0; i < t->npkt; i++) {
		const struct bj_pkt *p = &t->pkt[i];

		if (p->arrival_us < 0)
			continue;
		for (k = 0; k < p->n; k++) {
			int64_t a = p->arrival_us + (int64_t)k * 1000000 / BJ_RATE;

			if (a < ix->arr_us[p->src + k])
				ix->arr_us[p->src + k] = (int32_t)a;
		}
	}
}

static void index_free(struct index *ix)
{
	free(ix->head);
	free(ix->next);
	free(ix->arr_us);
}

/* y is x for n samples, but for an error 30 dB down at most. */
static bool same(const int16_t *x, const int16_t *y, int n)
{
	int64_t sig = 0, err = 0;
	int i;

	for (i = 0; i < n; i++) {
		int d = x[i] - y[i];

		sig += x[i] * x[i];
		err += d * d;
	}
	return sig > 0 && err * 1000 <= sig;
}

/* Reference index whose next n samples y copies, the nearest to hint. */
static long find_copy(const struct index *ix, const int16_t *y, int n, long hint)
{
	int32_t i = ix->head[hash8(y) & ix->mask];
	long best = -1;
	int tries = 0;

	if (hint >= 0 && hint + n <= (long)ix->nref && same(&ix->ref[hint], y, n))
		return hint;
	for (; i >= 0 && tries < 64; i = ix->next[i], tries++) {
		if (i + n > (long)ix->nref || !same(&ix->ref[i], y, n))
			continue;
		if (best < 0 || labs(i - hint) < labs(best - hint))
			best = i;
	}
	return best;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int64_t energy(const int16_t *x)
{
	int64_t e = 0;
	int i;

	for (i = 0; i < STEP; i++)
		e += x[i] * x[i];
	return e;
}

/*
 * Where output block k comes from: the reference index its first sample
 * copies (*full), or that the last PART-sample copy in it implies (a
 * splice: a time-scaling step, a blend), else -1. *at is where in the
 * block that copy starts. Concealment is not searched for splices: a
 * repeated pitch period would pass for a copy of the audio it repeats.
 */
static long locate(const struct index *ix, const struct run *r, size_t k,
		   long hint, bool *full, int *at)
{
	const int16_t *y = &r->out[k * STEP];
	long c = -1;
	int o;

	*full = false;
	*at = 0;
	if (energy(y) < (int64_t)STEP * QUIET * QUIET)
		return -1;
	c = find_copy(ix, y, STEP, hint);
	if (c >= 0) {
		*full = true;
		return c;
	}
	for (o = STEP - PART; !r->conc[k] && o >= 0; o -= 8) {
		c = find_copy(ix, y + o, PART, hint >= 0 ? hint + o : -1);
		if (c >= 0) {
			*at = o;
			return c - o;
		}
	}
	return -1;
}

static void analyse(const struct bj_trace *t, const struct index *ix,
		    const struct run *r, struct result *res)
{
	double *delay = malloc(r->nsteps * sizeof(double)), qsum = 0, fsum = 0;
	long *dstep = malloc(r->nsteps * sizeof(long));
	size_t k, nd = 0, end = r->nsteps, fn = 0, sent = 0, conc = 0, i;
	const int64_t quiet = (int64_t)STEP * QUIET * QUIET;
	long lag = 0;
	bool have_lag = false;

	memset(res, 0, sizeof(*res));
	for (k = 0; k < r->nsteps && k < end; k++) {
		const int16_t *y = &r->out[k * STEP];
		long t0 = (long)(k * STEP), s, c;
		bool full, due;
		int at, cls;
		double q;

		c = locate(ix, r, k, have_lag ? t0 - lag : -1, &full, &at);
		if (c >= 0) {
			lag = t0 - c;
			have_lag = true;
			if (ix->arr_us[c + at] != INT32_MAX) {
				delay[nd] = ((t0 + at) * 1000000.0 / BJ_RATE -
					     ix->arr_us[c + at]) / 1000;
				dstep[nd++] = k;
			}
		}
		if (r->exact[k] >= 0) {
			res->exact_n++;
			res->exact_ok += full && c == r->exact[k];
		}
		if (!have_lag) {
			conc += r->conc[k];
			continue;
		}
		s = t0 - lag;
		if (s >= (long)t->nref) {
			end = k;	/* the call is over */
			break;
		}
		/* Sent audio was due: silence in its place is concealment too. */
		due = s >= 0 && s + STEP <= (long)t->nref && t->sent[s] &&
		      energy(&t->ref[s]) >= quiet;
		conc += r->conc[k] || (due && !r->cn[k] && energy(y) < quiet);
		if (!due || s < WIN / 4 || s + 3 * WIN / 4 > (long)t->nref ||
		    t0 < WIN / 4 || t0 + 3 * WIN / 4 > (long)(r->nsteps * STEP) ||
		    !t->sent[s + STEP - 1] ||
		    energy(&t->ref[s]) < (int64_t)STEP * ACT * ACT)
			continue;
		q = spectral_snr(&t->ref[s - WIN / 4], &y[-WIN / 4]);
		qsum += q;
		res->qual_n++;
		cls = full ? 0 : r->conc[k] ? 1 : 2;
		res->cls_sum[cls] += q;
		res->cls_n[cls]++;
	}
	for (i = 0; i < t->nref; i++)
		sent += t->sent[i];
	for (i = 0; i < nd; i++) {
		res->mean_ms += delay[i];
		if (dstep[i] + 1000 >= (long)end) {
			fsum += delay[i];
			fn++;
		}
	}
	res->delay_n = nd;
	res->mean_ms = nd ? res->mean_ms / nd : NAN;
	res->final_ms = fn ? fsum / fn : NAN;
	qsort(delay, nd, sizeof(double), cmp_double);
	res->p95_ms = nd ? delay[(size_t)(0.95 * (nd - 1))] : NAN;
	res->late_pct = r->arrived ? 100.0 * r->late / r->arrived : 0;
	res->conc_pct = sent ? 100.0 * conc * STEP / sent : 0;
	res->qual_db = res->qual_n ? qsum / res->qual_n : NAN;
	free(delay);
	free(dstep);
}

/* ---- main -------------------------------------------------------------- */

static const struct bj_trace *sort_trace;

static int by_arrival(const void *a, const void *b)
{
	const struct bj_pkt *x = &sort_trace->pkt[*(const size_t *)a];
	const struct bj_pkt *y = &sort_trace->pkt[*(const size_t *)b];

	if (x->arrival_us != y->arrival_us)
		return x->arrival_us < y->arrival_us ? -1 : 1;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

static void print_row(const char *trace, const char *buf, const struct result *r)
{
	printf("%-13s %-9s %7.1f %7.1f %7.2f %7.2f %7.2f %8.1f\n", trace, buf,
	       r->mean_ms, r->p95_ms, r->late_pct, r->conc_pct, r->qual_db,
	       r->final_ms);
}

static double mean_of(double sum, long n)
{
	return n ? sum / n : NAN;
}

/*
 * -v: how many blocks each figure rests on; for speexdsp, whether the
 * tracker found the source position the harness knows it played; the
 * quality of exact copies, concealment and the rest (splices, blends).
 */
static void print_detail(const char *trace, const char *buf,
			 const struct result *r)
{
	printf("# %s %s: %ld delay blocks, %ld quality blocks,"
	       " tracker right on %ld of %ld known blocks\n",
	       trace, buf, r->delay_n, r->qual_n, r->exact_ok, r->exact_n);
	printf("# %s %s: quality of copies %.2f dB (%ld blocks),"
	       " concealed %.2f dB (%ld), other %.2f dB (%ld)\n", trace, buf,
	       mean_of(r->cls_sum[0], r->cls_n[0]), r->cls_n[0],
	       mean_of(r->cls_sum[1], r->cls_n[1]), r->cls_n[1],
	       mean_of(r->cls_sum[2], r->cls_n[2]), r->cls_n[2]);
}

/* Compare as printed, so that a tie on the page is a tie; n/a is worst. */
static double lower(double v, double unit)
{
	return isnan(v) ? INFINITY : round(v / unit) * unit;
}

static double higher(double v, double unit)
{
	return isnan(v) ? -INFINITY : round(v / unit) * unit;
}

static void usage(const char *prog)
{
	fprintf(stderr,
		"usage: %s [-v] [-i INITIAL_MS] [-m MIN_MS] [-M MAX_MS] TRACE...\n",
		prog);
	exit(2);
}

int main(int argc, char **argv)
{
	unsigned int ntr = 0, better = 0, late_le = 0, delay_le = 0, conc_le = 0;
	unsigned int qual_ge = 0;
	int c;

	while ((c = getopt(argc, argv, "vi:m:M:")) != -1) {
		switch (c) {
		case 'v':
			opt.verbose++;
			break;
		case 'i':
			opt.initial_ms = atoi(optarg);
			break;
		case 'm':
			opt.min_ms = atoi(optarg);
			break;
		case 'M':
			opt.max_ms = atoi(optarg);
			break;
		default:
			usage(argv[0]);
		}
	}
	if (optind >= argc)
		usage(argv[0]);

	printf("bench-jitter: 8 kHz, 20 ms packets, 10 ms playout steps, %d traces\n",
	       argc - optind);
#ifdef BENCH_NO_AJB
	printf("ours: NOT BUILT (kernel/rtp_fastpath/ajb.c missing): speexdsp only\n");
#else
	printf("ours: vo_ajb adaptive, initial %u ms, min %u ms, max %u ms; conceals itself\n",
	       opt.initial_ms, opt.min_ms, opt.max_ms);
#endif
	printf("speexdsp: jitter_buffer_*(step 80), defaults; it has no concealment:"
	       " the harness repeats the last 20 ms, fading to silence over 60 ms\n");
	printf("delay: play time - arrival of exactly copied audio; late: %% of arrived"
	       " packets dropped as late;\nconc: %% of 10 ms of sent audio played as"
	       " concealment; qual: segmental spectral SNR, dB (35 = exact);\n"
	       "final: mean delay over the last 10 s\n\n");
	printf("%-13s %-9s %7s %7s %7s %7s %7s %8s\n", "trace", "buffer", "mean ms",
	       "p95 ms", "late %", "conc %", "qual dB", "final ms");

	for (; optind < argc; optind++) {
		struct bj_trace t;
		struct index ix;
		struct run runs[2];
		struct result res[2];
		size_t *ord, nord = 0, i, last_us = 0;
		bool *got;
		long arrived = 0;
		int b, nb = 0;

		if (bj_trace_read(&t, argv[optind]))
			return 1;
		ord = malloc(t.npkt * sizeof(*ord));
		got = calloc(t.npkt, sizeof(*got));
		for (i = 0; i < t.npkt; i++) {
			if (t.pkt[i].arrival_us < 0)
				continue;
			ord[nord++] = i;
			if (t.pkt[i].kind == BJ_AUDIO && !got[t.pkt[i].first])
				arrived++;
			got[t.pkt[i].first] = true;
			if ((size_t)t.pkt[i].arrival_us > last_us)
				last_us = t.pkt[i].arrival_us;
		}
		sort_trace = &t;
		qsort(ord, nord, sizeof(*ord), by_arrival);
		index_build(&ix, &t);
		if (last_us < t.nref * 1000000ull / BJ_RATE)
			last_us = t.nref * 1000000ull / BJ_RATE;

		memset(runs, 0, sizeof(runs));
#ifndef BENCH_NO_AJB
		runs[nb++].name = "ours";
#endif
		runs[nb++].name = "speexdsp";
		for (b = 0; b < nb; b++) {
			struct run *r = &runs[b];

			r->nsteps = (last_us + 3000000) / 10000;
			r->out = calloc(r->nsteps * STEP, sizeof(int16_t));
			r->conc = calloc(r->nsteps, 1);
			r->cn = calloc(r->nsteps, 1);
			r->exact = calloc(r->nsteps, sizeof(long));
			r->arrived = arrived;
#ifndef BENCH_NO_AJB
			if (!strcmp(r->name, "ours"))
				run_ours(&t, ord, nord, r);
			else
#endif
				run_speex(&t, ord, nord, r);
			analyse(&t, &ix, r, &res[b]);
			print_row(b ? "" : t.name, r->name, &res[b]);
			if (opt.verbose)
				print_detail(t.name, r->name, &res[b]);
			free(r->out);
			free(r->conc);
			free(r->cn);
			free(r->exact);
		}
		if (nb == 2) {
			bool l = lower(res[0].late_pct, 0.01) <= lower(res[1].late_pct, 0.01);
			bool d = lower(res[0].mean_ms, 0.1) <= lower(res[1].mean_ms, 0.1);

			late_le += l;
			delay_le += d;
			better += l && d;
			conc_le += lower(res[0].conc_pct, 0.01) <= lower(res[1].conc_pct, 0.01);
			qual_ge += higher(res[0].qual_db, 0.01) >= higher(res[1].qual_db, 0.01);
		}
		ntr++;
		index_free(&ix);
		free(got);
		free(ord);
		bj_trace_free(&t);
	}
	printf("\n");
#ifdef BENCH_NO_AJB
	printf("summary: speexdsp only, %u traces (ours not built)\n", ntr);
	(void)better, (void)late_le, (void)delay_le, (void)conc_le, (void)qual_ge;
#else
	printf("summary: ours vs speexdsp: lower-or-equal late loss at lower-or-equal"
	       " mean delay on %u of %u traces; late <= on %u, mean delay <= on %u,"
	       " conc <= on %u, qual >= on %u of %u\n",
	       better, ntr, late_le, delay_le, conc_le, qual_ge, ntr);
#endif
	return 0;
}
