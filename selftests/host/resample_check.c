// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's 2:1 converters (kernel/rtp_fastpath/resample.c) measured
 * with sines: the telephone band passes flat, images and aliases are
 * suppressed, a round trip returns the signal, chunking changes nothing,
 * and full scale saturates instead of wrapping. Prints KTAP.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "resample.h"

#define SECONDS	1
#define MAX_N	(16000 * SECONDS)

static int tests, failed;

static void check(int ok, const char *what)
{
	printf("%sok %d %s\n", ok ? "" : "not ", ++tests, what);
	failed += !ok;
}

static void sine(s16 *x, int n, double hz, int rate, double peak)
{
	int i;

	for (i = 0; i < n; i++)
		x[i] = lrint(peak * sin(2 * M_PI * hz * i / rate));
}

/* Level of @hz in @x (after the first 100 samples), dB re full scale. */
static double level_db(const s16 *x, int n, double hz, int rate)
{
	double re = 0, im = 0;
	int i, from = 100;

	for (i = from; i < n; i++) {
		re += x[i] * cos(2 * M_PI * hz * i / rate);
		im += x[i] * sin(2 * M_PI * hz * i / rate);
	}
	return 20 * log10(2 * hypot(re, im) / (n - from) / 32768 + 1e-12);
}

static int down(s16 *out, const s16 *in, int n, int chunk)
{
	struct vo_rs_down rs;
	int i, got = 0;

	vo_rs_down_init(&rs);
	for (i = 0; i < n; i += chunk)
		got += vo_rs_down(&rs, out + got, in + i, chunk);
	return got;
}

static int up(s16 *out, const s16 *in, int n, int chunk)
{
	struct vo_rs_up rs;
	int i, got = 0;

	vo_rs_up_init(&rs);
	for (i = 0; i < n; i += chunk)
		got += vo_rs_up(&rs, out + got, in + i, chunk);
	return got;
}

static s16 in[2 * MAX_N], out[2 * MAX_N], back[2 * MAX_N];

/* A tone at @hz through the down converter: its level change in dB. */
static double down_gain(double hz)
{
	sine(in, MAX_N, hz, 16000, 16384);
	down(out, in, MAX_N, 320);
	return level_db(out, MAX_N / 2, hz, 8000) - level_db(in, MAX_N, hz, 16000);
}

static double up_gain(double hz)
{
	sine(in, MAX_N / 2, hz, 8000, 16384);
	up(out, in, MAX_N / 2, 160);
	return level_db(out, MAX_N, hz, 16000) - level_db(in, MAX_N / 2, hz, 8000);
}

static void test_band(void)
{
	double g1 = down_gain(1000), g3 = down_gain(3400);
	double u1 = up_gain(1000), u3 = up_gain(3400);

	printf("# down: 1 kHz %+.3f dB, 3.4 kHz %+.3f dB; up: %+.3f, %+.3f\n",
	       g1, g3, u1, u3);
	check(fabs(g1) < 0.05 && fabs(g3) < 0.1, "down: 1 and 3.4 kHz pass flat");
	check(fabs(u1) < 0.05 && fabs(u3) < 0.1, "up: 1 and 3.4 kHz pass flat");
}

static void test_images(void)
{
	double alias, image;

	/* 6 kHz at 16 kHz would fold to 2 kHz at 8 kHz */
	sine(in, MAX_N, 6000, 16000, 16384);
	down(out, in, MAX_N, 320);
	alias = level_db(out, MAX_N / 2, 2000, 8000) + 6.02;
	/* 1 kHz at 8 kHz leaves an image at 7 kHz at 16 kHz */
	sine(in, MAX_N / 2, 1000, 8000, 16384);
	up(out, in, MAX_N / 2, 160);
	image = level_db(out, MAX_N, 7000, 16000) -
		level_db(out, MAX_N, 1000, 16000);
	printf("# alias of 6 kHz: %.1f dB, image of 1 kHz: %.1f dB\n", alias,
	       image);
	check(alias < -45, "down: 6 kHz does not fold to 2 kHz (< -45 dB)");
	check(image < -45, "up: no image at 7 kHz (< -45 dB)");
}

static void test_round_trip(void)
{
	double err = 0, sig = 0, snr;
	int i, n = MAX_N / 2, delay = 23;

	sine(in, n, 1000, 8000, 16384);
	up(out, in, n, 80);
	down(back, out, 2 * n, 160);
	for (i = 100; i < n; i++) {
		sig += (double)in[i - delay] * in[i - delay];
		err += (double)(back[i] - in[i - delay]) *
		       (back[i] - in[i - delay]);
	}
	snr = 10 * log10(sig / (err + 1));
	printf("# round trip 8 -> 16 -> 8 kHz, 23 samples late: SNR %.1f dB\n",
	       snr);
	check(snr > 40, "up then down gives the tone back (SNR > 40 dB)");
}

static void test_chunks(void)
{
	static const int chunks[] = { 2, 16, 32, 160, 320 };
	static s16 ref[2 * MAX_N];
	unsigned int c;
	int same = 1;

	sine(in, MAX_N, 1234, 16000, 20000);
	down(ref, in, MAX_N, MAX_N);
	for (c = 0; c < sizeof(chunks) / sizeof(chunks[0]); c++) {
		down(out, in, MAX_N, chunks[c]);
		same &= !memcmp(out, ref, MAX_N / 2 * sizeof(s16));
	}
	up(ref, in, MAX_N / 2, MAX_N / 2);
	for (c = 0; c < sizeof(chunks) / sizeof(chunks[0]); c++) {
		up(out, in, MAX_N / 2, chunks[c] / 2);
		same &= !memcmp(out, ref, MAX_N * sizeof(s16));
	}
	check(same, "1 to 20 ms chunks give the same output as one block");
}

/* The documented filter, from its formula: h[k], k = -23..23. */
static double tap(int k)
{
	double w, s, i0w = 0, i0b = 0, t = 1, beta = 5.65;
	int j;

	if (!k)
		s = 0.5;
	else if (k & 1)
		s = sin(M_PI * k / 2) / (M_PI * k);
	else
		s = 0;
	w = beta * sqrt(1 - (k / 23.0) * (k / 23.0));
	for (j = 1, i0w = 1; j < 40; j++) {
		t *= (w / 2 / j) * (w / 2 / j);
		i0w += t;
	}
	for (j = 1, t = 1, i0b = 1; j < 40; j++) {
		t *= (beta / 2 / j) * (beta / 2 / j);
		i0b += t;
	}
	return s * i0w / i0b;
}

static double clip(double v)
{
	return v > 32767 ? 32767 : v < -32768 ? -32768 : v;
}

/*
 * A full-scale square wave rings past full scale. Against the formula's
 * filter in double, clipped: within 16 LSB (the table's rounding), where
 * a wrap round would be 65536 off.
 */
static void test_saturation(void)
{
	int i, k, n = 8000, worst = 0, d;
	double acc;

	for (i = 0; i < n; i++)
		in[i] = (i / 20) % 2 ? -32768 : 32767;
	down(out, in, n, n);
	for (i = 30; i < n / 2; i++) {
		for (k = -23, acc = 0; k <= 23; k++)
			acc += tap(k) * in[2 * i - 23 - k];
		d = abs(out[i] - (int)lrint(clip(acc)));
		worst = d > worst ? d : worst;
	}
	up(back, in, n / 2, n / 2);
	for (i = 60; i < n; i++) {
		/* zero-stuffed input at 16 kHz: sample m at 2m, 23 late */
		for (k = -23, acc = 0; k <= 23; k++)
			if (!((i - 23 - k) & 1))
				acc += 2 * tap(k) * in[(i - 23 - k) / 2];
		d = abs(back[i] - (int)lrint(clip(acc)));
		worst = d > worst ? d : worst;
	}
	printf("# full-scale square waves: %d LSB from the formula at worst\n",
	       worst);
	check(worst <= 16, "full-scale square waves saturate, never wrap");
}

int main(void)
{
	printf("TAP version 13\n1..7\n");
	test_band();
	test_images();
	test_round_trip();
	test_chunks();
	test_saturation();
	return failed != 0;
}
