// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's G.722 (kernel/rtp_fastpath/g722.c, built here for
 * userspace) against spandsp's, at 64 kbit/s: codes from the encoder and
 * samples from the decoder bit for bit, then a round trip through our own
 * pair that must give back what went in. Prints KTAP.
 *
 * One known difference is allowed: where the decoder's output overshoots
 * 16 bits, spandsp 0.0.6 wraps round and we saturate.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <spandsp.h>

#include "g722.h"

#define RATE		16000
#define FRAME		320		/* 20 ms; LEN, EXTREME_LEN whole frames */
#define LEN		(3 * RATE)	/* samples per test signal */
#define SHOW		5		/* mismatches printed per test */
#define SIGNALS		5
#define EXTREME_STREAMS	2500		/* and octets in each: */
#define EXTREME_LEN	1600

static s16 pcm[LEN];
static u8 ours_code[LEN / 2], their_code[LEN / 2];
static s16 ours_pcm[LEN], their_pcm[LEN];
static int test_no, failed;

static void report(int ok, const char *what, const char *name)
{
	printf("%sok %d %s %s\n", ok ? "" : "not ", ++test_no, what, name);
	failed += !ok;
}

/* xorshift32: the same noise on every host. */
static u32 xorshift(u32 *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 17;
	*state ^= *state << 5;
	return *state;
}

static u32 noise_state = 2463534242u;

static u32 noise_next(void)
{
	return xorshift(&noise_state);
}

static void make_noise(void)
{
	int i;

	for (i = 0; i < LEN; i++)
		pcm[i] = (s16)(noise_next() >> 16);
}

static void make_sine(double hz, double amp)
{
	int i;

	for (i = 0; i < LEN; i++)
		pcm[i] = lrint(amp * sin(2 * M_PI * hz * i / RATE));
}

/* Linear sweep from 50 Hz to 7.9 kHz over the signal, at -3 dBFS. */
static void make_sweep(void)
{
	double f0 = 50, f1 = 7900, t_end = (double)LEN / RATE;
	int i;

	for (i = 0; i < LEN; i++) {
		double t = (double)i / RATE;
		double phase = 2 * M_PI * (f0 * t + (f1 - f0) * t * t / (2 * t_end));

		pcm[i] = lrint(23197 * sin(phase));
	}
}

static void make_silence(void)
{
	int i;

	for (i = 0; i < LEN; i++)
		pcm[i] = 0;
}

/* 400 Hz between the two rails: the encoder's input at its very limits. */
static void make_square(void)
{
	int i;

	for (i = 0; i < LEN; i++)
		pcm[i] = (i / 20) & 1 ? -32768 : 32767;
}

static void make_signal(int which)
{
	switch (which) {
	case 0:
		make_noise();
		break;
	case 1:
		make_sweep();
		break;
	case 2:
		make_sine(1000, 32767 * pow(10, -13 / 20.0));
		break;
	case 3:
		make_silence();
		break;
	default:
		make_square();
		break;
	}
}

static const char *const signal_name[SIGNALS] = {
	"white noise, full scale",
	"sweep 50 Hz..7.9 kHz, -3 dBFS",
	"1 kHz sine, -13 dBFS",
	"silence",
	"square wave, +32767/-32768",
};

static void their_encode(void)
{
	g722_encode_state_t *s = g722_encode_init(NULL, 64000, 0);

	g722_encode(s, their_code, pcm, LEN);
	g722_encode_free(s);
}

static void their_decode(const u8 *in, int n)
{
	g722_decode_state_t *s = g722_decode_init(NULL, 64000, 0);

	g722_decode(s, their_pcm, in, n);
	g722_decode_free(s);
}

static int encode_test(const char *name)
{
	struct vo_g722_enc enc;
	unsigned int n;
	int i, bad = 0;

	/* Ours frame by frame, as RTP carries it: the state must carry over. */
	vo_g722_enc_init(&enc);
	for (i = 0, n = 0; i < LEN; i += FRAME)
		n += vo_g722_encode(&enc, ours_code + i / 2, pcm + i, FRAME);
	their_encode();
	if (n != LEN / 2) {
		printf("# encode %s: %u octets for %d samples\n", name, n, LEN);
		return 0;
	}
	for (i = 0; i < LEN / 2; i++) {
		if (ours_code[i] == their_code[i])
			continue;
		if (bad++ < SHOW)
			printf("# encode %s: octet %d: 0x%02x, spandsp 0x%02x\n",
			       name, i, ours_code[i], their_code[i]);
	}
	if (bad)
		printf("# encode %s: %d of %d octets differ\n", name, bad,
		       LEN / 2);
	return !bad;
}

/*
 * spandsp 0.0.6 does not limit the band join's output: where it leaves 16
 * bits, spandsp's sample is the overshoot modulo 2^16, which can be any
 * value. Ours is then on the rail; saturation_test() checks it saturates.
 */
static int wrapped(int ours)
{
	return ours == 32767 || ours == -32768;
}

/*
 * Our decoder against spandsp's on @n octets; returns the mismatches and
 * adds the samples where spandsp wrapped round to @wraps.
 */
static int decode_compare(const char *name, const u8 *in, int n, int *wraps)
{
	struct vo_g722_dec dec;
	unsigned int got;
	int i, bad = 0;

	vo_g722_dec_init(&dec);
	for (i = 0, got = 0; i < n; i += FRAME / 2)
		got += vo_g722_decode(&dec, ours_pcm + 2 * i, in + i, FRAME / 2);
	their_decode(in, n);
	if (got != 2u * n) {
		printf("# decode %s: %u samples for %d octets\n", name, got, n);
		return 1;
	}
	for (i = 0; i < 2 * n; i++) {
		if (ours_pcm[i] == their_pcm[i])
			continue;
		if (wrapped(ours_pcm[i])) {
			(*wraps)++;
			continue;
		}
		if (bad++ < SHOW)
			printf("# decode %s: sample %d: %d, spandsp %d\n", name,
			       i, ours_pcm[i], their_pcm[i]);
	}
	if (bad)
		printf("# decode %s: %d of %d samples differ\n", name, bad,
		       2 * n);
	return bad;
}

static void show_wraps(const char *name, int wraps, int samples)
{
	if (wraps)
		printf("# decode %s: %d of %d samples saturated where spandsp wraps\n",
		       name, wraps, samples);
}

static int decode_test(const char *name, const u8 *in, int n)
{
	int wraps = 0, bad = decode_compare(name, in, n, &wraps);

	show_wraps(name, wraps, 2 * n);
	return !bad;
}

/* Random octets: every code, from whatever state the ones before left. */
static int random_decode_test(void)
{
	static u8 in[LEN / 2];
	int seen[256] = { 0 };
	int i, missing = 0;

	for (i = 0; i < LEN / 2; i++) {
		in[i] = noise_next() >> 24;
		seen[in[i]] = 1;
	}
	for (i = 0; i < 256; i++)
		missing += !seen[i];
	if (missing)
		printf("# decode random octets: %d codes never sent\n", missing);
	return decode_test("random octets", in, LEN / 2) && !missing;
}

/*
 * Streams of two to four codes, in runs or at random: they drive the
 * predictors to their limits (reconstruction on the rails, the zero
 * section's sum past 16 bits), which random octets hardly ever do.
 */
static int extreme_decode_test(void)
{
	static u8 in[EXTREME_LEN];
	char name[40];
	int k, i, wraps = 0;

	for (k = 0; k < EXTREME_STREAMS; k++) {
		u32 seed = 2654435761u * (k + 1);	/* one stream per seed */
		u8 set[4] = {
			xorshift(&seed), xorshift(&seed), xorshift(&seed),
			xorshift(&seed)
		};
		unsigned int kinds = 2 + xorshift(&seed) % 3;
		unsigned int run = 1 + xorshift(&seed) % 8;
		int in_runs = xorshift(&seed) & 1;

		for (i = 0; i < EXTREME_LEN; i++)
			in[i] = set[(in_runs ? i / run : xorshift(&seed)) % kinds];
		snprintf(name, sizeof(name), "extreme stream %d", k);
		if (decode_compare(name, in, EXTREME_LEN, &wraps))
			return 0;
	}
	show_wraps("extreme streams", wraps, 2 * EXTREME_STREAMS * EXTREME_LEN);
	return 1;
}

/*
 * Where spandsp wraps round, ours must saturate: decoding the square
 * wave's codes, no sample may leap most of the way to the opposite rail
 * and straight back (a wrap leaps 65535; the signal itself leaps < 23000).
 */
static int saturation_test(const u8 *in)
{
	struct vo_g722_dec dec;
	int i, spikes = 0;

	vo_g722_dec_init(&dec);
	vo_g722_decode(&dec, ours_pcm, in, LEN / 2);
	for (i = 1; i + 1 < LEN; i++) {
		if (abs(ours_pcm[i] - ours_pcm[i - 1]) < 40000 ||
		    abs(ours_pcm[i] - ours_pcm[i + 1]) < 40000)
			continue;
		if (spikes++ < SHOW)
			printf("# saturation: sample %d: %d between %d and %d\n",
			       i, ours_pcm[i], ours_pcm[i - 1], ours_pcm[i + 1]);
	}
	return !spikes;
}

/* Our encoder, then our decoder, over pcm[] into ours_pcm[]. */
static void round_trip(void)
{
	struct vo_g722_enc enc;
	struct vo_g722_dec dec;

	vo_g722_enc_init(&enc);
	vo_g722_dec_init(&dec);
	vo_g722_encode(&enc, ours_code, pcm, LEN);
	vo_g722_decode(&dec, ours_pcm, ours_code, LEN / 2);
}

/*
 * The codec delays the signal (both QMFs): find by how much as the lag of
 * greatest correlation, on noise at -12 dBFS, which unlike a sine has
 * just one such lag.
 */
static int codec_delay(void)
{
	double best = 0;
	int lag, i, delay = -1;

	make_noise();
	for (i = 0; i < LEN; i++)
		pcm[i] /= 4;
	round_trip();
	for (lag = 0; lag < 64; lag++) {
		double corr = 0;

		for (i = 0; i + lag < LEN; i++)
			corr += (double)pcm[i] * ours_pcm[i + lag];
		if (corr > best) {
			best = corr;
			delay = lag;
		}
	}
	return delay;
}

/*
 * SNR of a -13 dBFS sine after the round trip, the output moved back by
 * the codec's delay, skipping the first 100 ms while the quantizers adapt.
 */
static double round_trip_snr(double hz, int delay)
{
	double sig = 0, err = 0;
	int i;

	make_sine(hz, 32767 * pow(10, -13 / 20.0));
	round_trip();
	for (i = RATE / 10; i + delay < LEN; i++) {
		double e = ours_pcm[i + delay] - pcm[i];

		sig += (double)pcm[i] * pcm[i];
		err += e * e;
	}
	return err ? 10 * log10(sig / err) : 999;
}

static int round_trip_test(double hz, int delay, double bound)
{
	double snr;

	if (delay < 0) {
		printf("# round trip: no delay found\n");
		return 0;
	}
	snr = round_trip_snr(hz, delay);
	printf("# round trip %.0f Hz: delay %d samples, SNR %.1f dB (bound %.0f dB)\n",
	       hz, delay, snr, bound);
	return snr > bound;
}

int main(void)
{
	static u8 codes[SIGNALS][LEN / 2];
	char name[80];
	int s, delay;

	printf("TAP version 13\n1..%d\n", 2 * SIGNALS + 5);
	for (s = 0; s < SIGNALS; s++) {
		make_signal(s);
		report(encode_test(signal_name[s]), "encode", signal_name[s]);
		memcpy(codes[s], their_code, sizeof(their_code));
	}
	for (s = 0; s < SIGNALS; s++) {
		snprintf(name, sizeof(name), "codes of %s", signal_name[s]);
		report(decode_test(name, codes[s], LEN / 2), "decode", name);
	}
	report(random_decode_test(), "decode", "random octets, all 256 codes");
	report(extreme_decode_test(), "decode",
	       "streams of few codes, predictors at their limits");
	report(saturation_test(codes[SIGNALS - 1]), "decode",
	       "saturates where spandsp wraps round");
	/* Measured: 47.1 and 22.5 dB; a dead higher band gives 0 dB at 7 kHz. */
	delay = codec_delay();
	report(round_trip_test(1000, delay, 40), "round trip", "1 kHz sine");
	report(round_trip_test(7000, delay, 18), "round trip", "7 kHz sine");
	return failed ? 1 : 0;
}
