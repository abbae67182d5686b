// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's DTMF detector and generator (kernel/slic/dtmf_*.c, built
 * here for userspace) against ITU-T Q.24's limits, at 8 and 16 kHz.
 * Test signals are computed here in double precision (16 kHz ones at
 * 16 kHz), with noise from spandsp; spandsp's dtmf_rx is the reference
 * receiver for the generator (fed every other sample of a 16 kHz signal)
 * and says in a comment what it makes of each test signal. Prints KTAP,
 * then the detector's cost next to spandsp's.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <spandsp.h>

#include "dtmf.h"

#define MAX_SECONDS	60
#define MAX_LEN		(MAX_SECONDS * 16000)
#define MAX_EVENTS	256
#define MAX_TRUTH	64
#define TOLERANCE_MS	10.0
#define DBM0_PEAK	22706.0		/* peak of a 0 dBm0 sine */
#define NO_NOISE	99.0

static const double row_hz[4] = { 697, 770, 852, 941 };
static const double col_hz[4] = { 1209, 1336, 1477, 1633 };
static const char digit_char[] = "0123456789*#ABCD";
/* RFC 4733 event code to keypad position (row * 4 + column) */
static const int digit_key[16] = {
	13, 0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 14, 3, 7, 11, 15,
};

static const int rates[] = { 8000, 16000 };

static s16 pcm[MAX_LEN];
static double work[MAX_LEN];
static int test_no, failed;

/* A tone the signal holds: what the detector should report */
struct truth {
	int digit;
	long start, len;	/* samples */
};

struct signal {
	int rate;
	long len;
	int n_truth;
	struct truth truth[MAX_TRUTH];
};

struct event {
	enum vo_dtmf_change change;
	int digit;
	long at;		/* samples fed when it was reported */
	long age;
};

static void result(int ok, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d ", ok ? "" : "not ", ++test_no);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	failed += !ok;
}

static long ms_to_n(double ms, int rate)
{
	return lround(ms * rate / 1000);
}

static double n_to_ms(double n, int rate)
{
	return n * 1000 / rate;
}

static double dbm0_peak(double dbm0)
{
	return DBM0_PEAK * pow(10, dbm0 / 20);
}

/* Adds a sine to work[] from @start for @len samples */
static void add_sine(int rate, long start, long len, double hz, double peak,
		     double phase)
{
	long i;

	for (i = 0; i < len; i++)
		work[start + i] += peak * sin(2 * M_PI * hz * i / rate + phase);
}

/* White noise at @dbm0 (power) from spandsp's AWGN, scaled exactly */
static void add_noise(long start, long len, double dbm0, int seed)
{
	double sum = 0, scale;
	awgn_state_t *gen = awgn_init_dbm0(NULL, seed, -20.0f);
	double *tmp = malloc(len * sizeof(*tmp));
	long i;

	for (i = 0; i < len; i++) {
		tmp[i] = awgn(gen);
		sum += tmp[i] * tmp[i];
	}
	scale = dbm0_peak(dbm0) / sqrt(2) / sqrt(sum / len);
	for (i = 0; i < len; i++)
		work[start + i] += tmp[i] * scale;
	awgn_free(gen);
	free(tmp);
}

/* work[] to pcm[], rounded and clipped */
static void finish(long len)
{
	long i;

	for (i = 0; i < len; i++) {
		double v = lround(work[i]);

		pcm[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
	}
}

static void clear(struct signal *s, int rate, double seconds)
{
	s->rate = rate;
	s->len = lround(seconds * rate);
	s->n_truth = 0;
	memset(work, 0, s->len * sizeof(work[0]));
}

/* Feeds pcm[] in chunks of @chunk samples, collecting the changes. */
static int run_ours(const struct signal *s, long chunk, struct event *ev)
{
	struct vo_dtmf_det det;
	long at, n;
	int count = 0;

	vo_dtmf_det_init(&det, s->rate);
	for (at = 0; at < s->len; at += n) {
		enum vo_dtmf_change c;

		n = s->len - at < chunk ? s->len - at : chunk;
		c = vo_dtmf_det_feed(&det, pcm + at, n);
		if (c == VO_DTMF_NONE || count == MAX_EVENTS)
			continue;
		ev[count++] = (struct event){ c, det.digit, at + n, det.age };
	}
	return count;
}

/* spandsp's receiver at 8 kHz: a 16 kHz signal is taken every other sample */
static int run_spandsp(const struct signal *s, char *digits, int max)
{
	dtmf_rx_state_t *rx = dtmf_rx_init(NULL, NULL, NULL);
	int step = s->rate / 8000;
	s16 buf[80];
	long at = 0;
	int n, got;

	while (at < s->len) {
		for (n = 0; n < 80 && at < s->len; n++, at += step)
			buf[n] = pcm[at];
		dtmf_rx(rx, buf, n);
	}
	got = dtmf_rx_get(rx, digits, max - 1);
	digits[got] = 0;
	dtmf_rx_free(rx);
	return got;
}

/* Timing statistics over a run's digits, in ms */
struct timing {
	double late_min, late_max, late_sum;	/* START after the tone's start */
	double end_min, end_max;		/* END after the tone's end */
	double start_err, len_err;		/* worst absolute */
	int n;
};

static void timing_add(struct timing *t, double late, double end_late,
		       double start_err, double len_err)
{
	if (!t->n || late < t->late_min)
		t->late_min = late;
	if (!t->n || late > t->late_max)
		t->late_max = late;
	if (!t->n || end_late < t->end_min)
		t->end_min = end_late;
	if (!t->n || end_late > t->end_max)
		t->end_max = end_late;
	t->late_sum += late;
	if (fabs(start_err) > t->start_err)
		t->start_err = fabs(start_err);
	if (fabs(len_err) > t->len_err)
		t->len_err = fabs(len_err);
	t->n++;
}

/*
 * The changes must be exactly a START and an END per truth, in order,
 * with the right digit, the start (as estimated from age) and the length
 * within TOLERANCE_MS. Explains the first difference in @why.
 */
static int check_events(const struct signal *s, const struct event *ev,
			int count, struct timing *t, char *why, size_t size)
{
	double tol = ms_to_n(TOLERANCE_MS, s->rate);
	int i;

	if (count != 2 * s->n_truth) {
		snprintf(why, size, "%d changes, want %d", count,
			 2 * s->n_truth);
		return 0;
	}
	for (i = 0; i < s->n_truth; i++) {
		const struct truth *tr = &s->truth[i];
		const struct event *on = &ev[2 * i], *off = &ev[2 * i + 1];
		long start = on->at - on->age;

		if (on->change != VO_DTMF_START || off->change != VO_DTMF_END ||
		    on->digit != tr->digit || off->digit != tr->digit) {
			snprintf(why, size, "tone %d ('%c'): got %s '%c', %s '%c'",
				 i, digit_char[tr->digit],
				 on->change == VO_DTMF_START ? "START" : "END",
				 digit_char[on->digit & 15],
				 off->change == VO_DTMF_START ? "START" : "END",
				 digit_char[off->digit & 15]);
			return 0;
		}
		if (labs(start - tr->start) > tol || labs(off->age - tr->len) > tol) {
			snprintf(why, size,
				 "tone %d ('%c'): start %+.1f ms, length %+.1f ms off",
				 i, digit_char[tr->digit],
				 n_to_ms(start - tr->start, s->rate),
				 n_to_ms(off->age - tr->len, s->rate));
			return 0;
		}
		timing_add(t, n_to_ms(on->at - tr->start, s->rate),
			   n_to_ms(off->at - tr->start - tr->len, s->rate),
			   n_to_ms(start - tr->start, s->rate),
			   n_to_ms(off->age - tr->len, s->rate));
	}
	return 1;
}

/*
 * A sequence of all 16 digits. Each holds one tone of @on_ms or, with
 * @mid_ms, two with a gap between them. The gaps after digits are made so
 * that each digit starts 1 ms later relative to the detector's 16 ms
 * blocks than the one before, trying every alignment.
 */
enum expect { ONCE, TWICE, NEVER };

struct seq_case {
	const char *desc;
	double on_ms, mid_ms, off_ms;
	double row_db, col_db;		/* per tone, dBm0 */
	double row_dev, col_dev;	/* frequency error, % */
	double noise_db;		/* white noise, dBm0, or NO_NOISE */
	double chunk;			/* feed, ms; negative: samples */
	enum expect expect;
};

static const struct seq_case seq_cases[] = {
	{ "16 digits, 50 ms tones, 10 ms feeds", 50, 0, 50, -10, -10, 0, 0, NO_NOISE, 10, ONCE },
	{ "16 digits, 100 ms tones, 10 ms feeds", 100, 0, 50, -10, -10, 0, 0, NO_NOISE, 10, ONCE },
	{ "16 digits, 50 ms tones, 5 ms feeds", 50, 0, 50, -10, -10, 0, 0, NO_NOISE, 5, ONCE },
	{ "16 digits, 100 ms tones, 5 ms feeds", 100, 0, 50, -10, -10, 0, 0, NO_NOISE, 5, ONCE },
	{ "16 digits, 50 ms tones, 2 ms feeds", 50, 0, 50, -10, -10, 0, 0, NO_NOISE, 2, ONCE },
	{ "16 digits, 100 ms tones, 2 ms feeds", 100, 0, 50, -10, -10, 0, 0, NO_NOISE, 2, ONCE },
	{ "16 digits, 50 ms tones, 1 ms feeds", 50, 0, 50, -10, -10, 0, 0, NO_NOISE, 1, ONCE },
	{ "16 digits, 100 ms tones, 1 ms feeds", 100, 0, 50, -10, -10, 0, 0, NO_NOISE, 1, ONCE },
	{ "16 digits, 50 ms tones, 7-sample feeds", 50, 0, 50, -10, -10, 0, 0, NO_NOISE, -7, ONCE },
	{ "frequencies +1.5 % accepted", 60, 0, 60, -10, -10, 1.5, 1.5, NO_NOISE, 10, ONCE },
	{ "frequencies -1.5 % accepted", 60, 0, 60, -10, -10, -1.5, -1.5, NO_NOISE, 10, ONCE },
	{ "row +1.5 %, column -1.5 % accepted",
	  60, 0, 60, -10, -10, 1.5, -1.5, NO_NOISE, 10, ONCE },
	{ "frequencies +3.5 % rejected", 60, 0, 60, -10, -10, 3.5, 3.5, NO_NOISE, 10, NEVER },
	{ "frequencies -3.5 % rejected", 60, 0, 60, -10, -10, -3.5, -3.5, NO_NOISE, 10, NEVER },
	{ "row +3.5 % alone rejected", 60, 0, 60, -10, -10, 3.5, 0, NO_NOISE, 10, NEVER },
	{ "row -3.5 % alone rejected", 60, 0, 60, -10, -10, -3.5, 0, NO_NOISE, 10, NEVER },
	{ "column +3.5 % alone rejected", 60, 0, 60, -10, -10, 0, 3.5, NO_NOISE, 10, NEVER },
	{ "column -3.5 % alone rejected", 60, 0, 60, -10, -10, 0, -3.5, NO_NOISE, 10, NEVER },
	{ "40 ms tones accepted", 40, 0, 60, -10, -10, 0, 0, NO_NOISE, 10, ONCE },
	{ "20 ms tones rejected", 20, 0, 60, -10, -10, 0, 0, NO_NOISE, 10, NEVER },
	{ "22 ms tones rejected", 22, 0, 60, -10, -10, 0, 0, NO_NOISE, 10, NEVER },
	{ "40 ms pause separates equal digits", 60, 40, 60, -10, -10, 0, 0, NO_NOISE, 10, TWICE },
	{ "10 ms drop-out does not split a digit", 60, 10, 60, -10, -10, 0, 0, NO_NOISE, 10, ONCE },
	{ "twist +8 dB (high tone louder) accepted", 60, 0, 60, -14, -6, 0, 0, NO_NOISE, 10, ONCE },
	{ "twist -4 dB (low tone louder) accepted", 60, 0, 60, -8, -12, 0, 0, NO_NOISE, 10, ONCE },
	{ "twist +10 dB rejected", 60, 0, 60, -15, -5, 0, 0, NO_NOISE, 10, NEVER },
	{ "twist -7 dB rejected", 60, 0, 60, -6.5, -13.5, 0, 0, NO_NOISE, 10, NEVER },
	{ "-3 dBm0 per tone accepted", 60, 0, 60, -3, -3, 0, 0, NO_NOISE, 10, ONCE },
	{ "-26 dBm0 per tone accepted", 60, 0, 60, -26, -26, 0, 0, NO_NOISE, 10, ONCE },
	{ "-40 dBm0 per tone rejected", 60, 0, 60, -40, -40, 0, 0, NO_NOISE, 10, NEVER },
	{ "white noise, 15 dB below each tone", 50, 0, 50, -10, -10, 0, 0, -25, 10, ONCE },
	{ "white noise 15 dB down, -20 dBm0 tones, +1.5 %",
	  50, 0, 50, -20, -20, 1.5, 1.5, -35, 10, ONCE },
};

static void add_truth(struct signal *s, int digit, long start, long len)
{
	if (s->n_truth < MAX_TRUTH)
		s->truth[s->n_truth++] = (struct truth){ digit, start, len };
}

static void add_tone(struct signal *s, const struct seq_case *c, int digit,
		     long start, long len)
{
	int key = digit_key[digit];

	add_sine(s->rate, start, len, row_hz[key / 4] * (1 + c->row_dev / 100),
		 dbm0_peak(c->row_db), 0.7 * digit);
	add_sine(s->rate, start, len, col_hz[key % 4] * (1 + c->col_dev / 100),
		 dbm0_peak(c->col_db), 1.9 * digit);
}

static void build_sequence(struct signal *s, int rate, const struct seq_case *c)
{
	double busy = c->on_ms * (c->mid_ms ? 2 : 1) + c->mid_ms + c->off_ms;
	/* a period of 16k + 1 ms, plus a fraction so samples vary too */
	double period = 16 * ceil((busy - 1) / 16) + 1;
	long at = ms_to_n(20.3, rate);
	long on = ms_to_n(c->on_ms, rate);
	long mid = ms_to_n(c->mid_ms, rate);
	int digit;

	clear(s, rate, (16 * period + 200) / 1000);
	for (digit = 0; digit < 16; digit++) {
		long t = at + ms_to_n(digit * period, rate);

		add_tone(s, c, digit, t, on);
		if (c->mid_ms)
			add_tone(s, c, digit, t + on + mid, on);
		if (c->expect == ONCE)
			add_truth(s, digit, t, c->mid_ms ? 2 * on + mid : on);
		if (c->expect == TWICE) {
			add_truth(s, digit, t, on);
			add_truth(s, digit, t + on + mid, on);
		}
	}
	if (c->noise_db != NO_NOISE)
		add_noise(0, s->len, c->noise_db, 1234 + rate);
	finish(s->len);
}

static long chunk_samples(double chunk, int rate)
{
	return chunk < 0 ? lround(-chunk) : ms_to_n(chunk, rate);
}

static void run_seq_case(const struct seq_case *c, int rate)
{
	static struct signal s;
	struct event ev[MAX_EVENTS];
	struct timing t = { 0 };
	char why[160] = "", ref[64];
	int count, ok, got;

	build_sequence(&s, rate, c);
	count = run_ours(&s, chunk_samples(c->chunk, rate), ev);
	ok = check_events(&s, ev, count, &t, why, sizeof(why));
	result(ok, "%d Hz: %s", rate, c->desc);
	if (!ok)
		printf("# %s\n", why);
	if (ok && t.n) {
		printf("# START %.1f..%.1f ms late (mean %.1f), END %.1f..%.1f\n",
		       t.late_min, t.late_max, t.late_sum / t.n, t.end_min,
		       t.end_max);
		printf("# estimates within: start %.1f ms, length %.1f ms\n",
		       t.start_err, t.len_err);
	}
	got = run_spandsp(&s, ref, sizeof(ref));
	printf("# spandsp dtmf_rx: %d digits%s%s\n", got, got ? ", " : "", ref);
}

/*
 * Signals that hold no digit: single tones, a 1 kHz tone, two tones of
 * one group, and speech-like sounds.
 */
static void build_single_tones(struct signal *s, int rate)
{
	long len = ms_to_n(200, rate), gap = ms_to_n(100, rate);
	int k;

	clear(s, rate, 8 * 0.3 + 0.1);
	for (k = 0; k < 8; k++)
		add_sine(rate, k * (len + gap), len,
			 k < 4 ? row_hz[k] : col_hz[k - 4], dbm0_peak(-3), 0);
	finish(s->len);
}

static void build_1k(struct signal *s, int rate)
{
	clear(s, rate, 2);
	add_sine(rate, 0, s->len, 1000, dbm0_peak(0), 0);
	finish(s->len);
}

static void build_same_group(struct signal *s, int rate)
{
	long len = ms_to_n(200, rate), gap = ms_to_n(100, rate);

	clear(s, rate, 0.7);
	add_sine(rate, 0, len, row_hz[0], dbm0_peak(-10), 0);
	add_sine(rate, 0, len, row_hz[2], dbm0_peak(-10), 0);
	add_sine(rate, len + gap, len, col_hz[1], dbm0_peak(-10), 0);
	add_sine(rate, len + gap, len, col_hz[3], dbm0_peak(-10), 0);
	finish(s->len);
}

/*
 * A voiced sound: harmonics of a fundamental under two formants, in
 * syllables 4 times a second. @glide: the fundamental moves 100..250 Hz
 * and the formants move, as in running speech; otherwise it holds 150 Hz
 * (whose harmonics 750, 1200, 1350 and 1650 Hz lie near DTMF tones).
 */
static void build_voice(struct signal *s, int rate, int glide)
{
	double phase[64] = { 0 };
	long i;
	int h;

	clear(s, rate, 10);
	for (i = 0; i < s->len; i++) {
		double t = (double)i / rate;
		double f0 = glide ? 175 + 75 * sin(2 * M_PI * 0.7 * t) : 150;
		double f1 = glide ? 650 + 250 * sin(2 * M_PI * 1.3 * t) : 700;
		double f2 = glide ? 1400 + 400 * sin(2 * M_PI * 0.9 * t) : 1300;
		double env = 0.55 + 0.45 * sin(2 * M_PI * 4 * t);
		double v = 0;

		for (h = 1; h < 64 && h * f0 < rate / 2 - 200; h++) {
			double f = h * f0;
			double a = 1 / (1 + pow((f - f1) / 150, 2)) +
				   0.5 / (1 + pow((f - f2) / 200, 2)) + 0.02;

			phase[h] += 2 * M_PI * f / rate;
			v += a * sin(phase[h]);
		}
		work[i] = 2500 * env * v;
	}
	finish(s->len);
}

static void build_steady_voice(struct signal *s, int rate)
{
	build_voice(s, rate, 0);
}

static void build_gliding_voice(struct signal *s, int rate)
{
	build_voice(s, rate, 1);
}

/* A two-pole resonator: a formant */
struct formant {
	double a1, a2, gain, y1, y2;
};

static void formant_tune(struct formant *f, double hz, double bw, int rate)
{
	double r = exp(-M_PI * bw / rate);

	f->a1 = 2 * r * cos(2 * M_PI * hz / rate);
	f->a2 = -r * r;
	f->gain = 1 - r;
}

static double formant_run(struct formant *f, double x)
{
	double y = f->gain * x + f->a1 * f->y1 + f->a2 * f->y2;

	f->y2 = f->y1;
	f->y1 = y;
	return y;
}

static unsigned int lcg = 1;

static double uniform(void)
{
	lcg = lcg * 1103515245 + 12345;
	return (lcg >> 8) / 16777216.0;
}

/*
 * Vowels from a pulse train through three formants, in random phonemes of
 * 60-200 ms: formants of ten English vowels (many near 700 and 1200 Hz,
 * a row and a column), a fundamental of 80-300 Hz; a fifth of them silent.
 * At -12 dBm0, a talker's level.
 */
static void build_vowels(struct signal *s, int rate)
{
	static const double vowel[10][2] = {
		{ 730, 1090 }, { 270, 2290 }, { 300, 870 }, { 530, 1840 },
		{ 660, 1720 }, { 490, 1350 }, { 640, 1190 }, { 570, 840 },
		{ 440, 1020 }, { 390, 1990 },
	};
	double f[3] = { 500, 1500, 2500 }, aim[3] = { 500, 1500, 2500 };
	double f0 = 120, f0_aim = 120, amp = 0, amp_aim = 1, phase = 0;
	double sum = 0, next = 0;
	struct formant res[3] = { 0 };
	long i;
	int k;

	clear(s, rate, 60);
	lcg = rate;
	for (i = 0; i < s->len; i++) {
		double t = (double)i / rate, v = 0;

		if (t >= next) {
			const double *p = vowel[(int)(uniform() * 10)];

			next = t + 0.06 + 0.14 * uniform();
			aim[0] = p[0] * (0.9 + 0.2 * uniform());
			aim[1] = p[1] * (0.9 + 0.2 * uniform());
			f0_aim = 80 + 220 * uniform();
			amp_aim = uniform() < 0.2 ? 0 : 0.3 + 0.7 * uniform();
		}
		/* glides of 10-40 ms, whatever the rate */
		for (k = 0; k < 3; k++)
			f[k] += (aim[k] - f[k]) * 16 / rate;
		f0 += (f0_aim - f0) * 12 / rate;
		amp += (amp_aim - amp) * 24 / rate;
		if (i % 16 == 0)
			for (k = 0; k < 3; k++)
				formant_tune(&res[k], f[k], 80 + 35 * k, rate);
		phase += f0 * (1 + 0.01 * (uniform() - 0.5)) / rate;
		if (phase >= 1)
			phase -= 1;
		for (k = 0; k < 3; k++)
			v += formant_run(&res[k], phase < f0 / rate) / (1 + k);
		work[i] = amp * v;
		sum += work[i] * work[i];
	}
	for (i = 0; i < s->len; i++)
		work[i] *= dbm0_peak(-12) / sqrt(2) / sqrt(sum / s->len);
	finish(s->len);
}

/* spandsp's Hoth noise (the spectrum of room noise), then white noise */
static void build_noise(struct signal *s, int rate)
{
	noise_state_t *hoth = noise_init_dbm0(NULL, 4321, -10.0f,
					      NOISE_CLASS_HOTH, 7);
	long i;

	clear(s, rate, 10);
	for (i = 0; i < s->len / 2; i++)
		work[i] = noise(hoth);
	noise_free(hoth);
	add_noise(s->len / 2, s->len - s->len / 2, -5, 77);
	finish(s->len);
}

struct quiet_case {
	const char *desc;
	void (*build)(struct signal *s, int rate);
};

static const struct quiet_case quiet_cases[] = {
	{ "each DTMF frequency alone at -3 dBm0: no digit", build_single_tones },
	{ "1 kHz at 0 dBm0: no digit", build_1k },
	{ "two rows, then two columns: no digit", build_same_group },
	{ "voice on 150 Hz, 10 s: no digit", build_steady_voice },
	{ "gliding voice, 10 s: no digit", build_gliding_voice },
	{ "synthetic vowels, 60 s: no digit", build_vowels },
	{ "Hoth noise -10 dBm0, white noise -5 dBm0: no digit", build_noise },
};

static void run_quiet_case(const struct quiet_case *c, int rate)
{
	static struct signal s;
	struct event ev[MAX_EVENTS];
	char ref[64];
	int count, got;

	c->build(&s, rate);
	count = run_ours(&s, chunk_samples(10, rate), ev);
	result(!count, "%d Hz: %s", rate, c->desc);
	if (count)
		printf("# %d changes, the first '%c' at %.1f ms\n", count,
		       digit_char[ev[0].digit & 15],
		       n_to_ms(ev[0].at, rate));
	got = run_spandsp(&s, ref, sizeof(ref));
	printf("# spandsp dtmf_rx: %d digits%s%s\n", got, got ? ", " : "", ref);
}

/* The generator's 16 digits, 80 ms each at -10 dBm0, fed in 10 ms parts */
static void build_generated(struct signal *s, int rate, double on_ms)
{
	long on = ms_to_n(on_ms, rate), off = ms_to_n(80, rate);
	long frame = ms_to_n(10, rate);
	struct vo_dtmf_gen g;
	int digit;
	long at;

	clear(s, rate, 16 * (on_ms + 80) / 1000 + 0.1);
	finish(s->len);
	for (digit = 0; digit < 16; digit++) {
		long t = digit * (on + off) + off / 2;

		vo_dtmf_gen_start(&g, rate, digit, -10);
		for (at = 0; at < on; at += frame)
			vo_dtmf_gen_fill(&g, pcm + t + at,
					 on - at < frame ? on - at : frame);
		add_truth(s, digit, t, on);
	}
}

static void test_gen_decoded(int rate)
{
	static struct signal s;
	struct event ev[MAX_EVENTS];
	struct timing t = { 0 };
	char why[160] = "", ref[64];
	int count, ok;

	build_generated(&s, rate, 80);
	run_spandsp(&s, ref, sizeof(ref));
	ok = !strcmp(ref, digit_char);
	result(ok, "%d Hz: generator's 16 digits decoded by spandsp", rate);
	if (!ok)
		printf("# spandsp heard \"%s\"\n", ref);
	count = run_ours(&s, chunk_samples(10, rate), ev);
	ok = check_events(&s, ev, count, &t, why, sizeof(why));
	result(ok, "%d Hz: generator's 16 digits decoded by ours", rate);
	if (!ok)
		printf("# %s\n", why);
}

static double rms(const s16 *x, long n)
{
	double sum = 0;
	long i;

	for (i = 0; i < n; i++)
		sum += (double)x[i] * x[i];
	return sqrt(sum / n);
}

/* Two tones of peak A each: RMS A. Every digit at -10, a few levels on 5. */
static void test_gen_level(int rate)
{
	static const int levels[] = { -3, -20, -40, -63 };
	struct vo_dtmf_gen g;
	double worst = 0, err;
	int digit, i, ok = 1;

	for (i = -16; i < 4; i++) {
		int dbm0 = i < 0 ? -10 : levels[i];

		digit = i < 0 ? i + 16 : 5;
		vo_dtmf_gen_start(&g, rate, digit, dbm0);
		vo_dtmf_gen_fill(&g, pcm, rate);
		err = 20 * log10(rms(pcm, rate) / dbm0_peak(dbm0));
		if (fabs(err) > fabs(worst))
			worst = err;
		if (fabs(err) > 0.2) {
			printf("# '%c' at %d dBm0: RMS %.2f dB off\n",
			       digit_char[digit], dbm0, err);
			ok = 0;
		}
	}
	result(ok, "%d Hz: generator's level within 0.2 dB (worst %+.3f dB)",
	       rate, worst);
}

/* Any split of the fills gives the same samples: the phase carries over. */
static void test_gen_continuous(int rate)
{
	static s16 whole[16000];
	struct vo_dtmf_gen g;
	long at, n;
	int ok;

	vo_dtmf_gen_start(&g, rate, 15, -7);
	vo_dtmf_gen_fill(&g, whole, rate);
	vo_dtmf_gen_start(&g, rate, 15, -7);
	for (at = 0, n = 1; at < rate; at += n, n = n % 160 + 7)
		vo_dtmf_gen_fill(&g, pcm + at, rate - at < n ? rate - at : n);
	ok = !memcmp(whole, pcm, rate * sizeof(s16));
	result(ok, "%d Hz: generator continuous across fills of 1..160 samples",
	       rate);
}

/*
 * A tone's amplitude and frequency in @x: the DFT at @hz over two halves;
 * the phase it gains from one to the other is the frequency error.
 */
static void measure_tone(const s16 *x, long n, int rate, double hz,
			 double *amp, double *freq)
{
	double re[2] = { 0 }, im[2] = { 0 }, dphi;
	long half = n / 2, i;
	int h;

	for (h = 0; h < 2; h++)
		for (i = 0; i < half; i++) {
			double w = 2 * M_PI * hz * i / rate;

			re[h] += x[h * half + i] * cos(w);
			im[h] -= x[h * half + i] * sin(w);
		}
	*amp = 2 * hypot(re[0], im[0]) / half;
	dphi = atan2(im[1], re[1]) - atan2(im[0], re[0]);
	dphi -= 2 * M_PI * hz * half / rate;
	dphi = remainder(dphi, 2 * M_PI);
	*freq = hz + dphi * rate / (2 * M_PI * half);
}

/* Ten minutes of 'D' in 1 ms fills: level and frequencies hold. */
static void test_gen_long(int rate)
{
	long frame = rate / 1000, second = rate, total = 600L * rate, at;
	double want = dbm0_peak(-9), amp[2], freq[2], worst_db = 0, worst_f = 0;
	const double hz[2] = { row_hz[3], col_hz[3] };
	struct vo_dtmf_gen g;
	int t, ok = 1;

	vo_dtmf_gen_start(&g, rate, 15, -9);
	for (at = 0; at < total; at += frame) {
		vo_dtmf_gen_fill(&g, pcm + at % second, frame);
		if ((at + frame) % second || (at + frame != second &&
					      at + frame != total))
			continue;
		for (t = 0; t < 2; t++) {
			double db, f;

			measure_tone(pcm, second, rate, hz[t], &amp[t], &freq[t]);
			db = 20 * log10(amp[t] / want);
			f = 100 * (freq[t] / hz[t] - 1);
			if (fabs(db) > fabs(worst_db))
				worst_db = db;
			if (fabs(f) > fabs(worst_f))
				worst_f = f;
			ok &= fabs(db) <= 0.1 && fabs(f) <= 0.1;
		}
	}
	result(ok, "%d Hz: generator holds level (0.1 dB) and frequency (0.1 %%) 10 min",
	       rate);
	printf("# worst: level %+.4f dB, frequency %+.5f %%\n", worst_db, worst_f);
}

/* ns per sample of @fn over @reps runs through @s */
static double ns_per_sample(void (*fn)(const struct signal *s),
			    const struct signal *s, int reps)
{
	struct timespec a, b;
	int r;

	clock_gettime(CLOCK_MONOTONIC, &a);
	for (r = 0; r < reps; r++)
		fn(s);
	clock_gettime(CLOCK_MONOTONIC, &b);
	return ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) /
	       ((double)reps * s->len);
}

static void cost_ours(const struct signal *s)
{
	struct event ev[MAX_EVENTS];

	run_ours(s, s->rate / 100, ev);
}

static void cost_spandsp(const struct signal *s)
{
	dtmf_rx_state_t *rx = dtmf_rx_init(NULL, NULL, NULL);
	long at;

	for (at = 0; at + 80 <= s->len; at += 80)
		dtmf_rx(rx, pcm + at, 80);
	dtmf_rx_free(rx);
}

static void print_cost(void)
{
	static struct signal s;
	double ours[2], theirs = 0;
	int r;

	for (r = 0; r < 2; r++) {
		build_sequence(&s, rates[r], &seq_cases[0]);
		ours[r] = ns_per_sample(cost_ours, &s, 200);
		if (r == 0)
			theirs = ns_per_sample(cost_spandsp, &s, 200);
	}
	printf("# cost in ns per sample: ours %.1f at 8 kHz, %.1f at 16 kHz\n",
	       ours[0], ours[1]);
	printf("# cost in ns per sample: spandsp dtmf_rx %.1f at 8 kHz\n", theirs);
	printf("# sizes: struct vo_dtmf_det %zu bytes, struct vo_dtmf_gen %zu bytes\n",
	       sizeof(struct vo_dtmf_det), sizeof(struct vo_dtmf_gen));
}

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define N_SEQ		ARRAY_SIZE(seq_cases)
#define N_QUIET		ARRAY_SIZE(quiet_cases)
#define N_GEN		5	/* generator results per rate */

int main(void)
{
	unsigned int i, r;

	printf("TAP version 13\n1..%zu\n", 2 * (N_SEQ + N_QUIET + N_GEN));
	for (r = 0; r < 2; r++) {
		for (i = 0; i < N_SEQ; i++)
			run_seq_case(&seq_cases[i], rates[r]);
		for (i = 0; i < N_QUIET; i++)
			run_quiet_case(&quiet_cases[i], rates[r]);
		test_gen_decoded(rates[r]);
		test_gen_level(rates[r]);
		test_gen_continuous(rates[r]);
		test_gen_long(rates[r]);
	}
	print_cost();
	return failed ? 1 : 0;
}
