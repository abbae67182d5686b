// SPDX-License-Identifier: GPL-2.0
/*
 * bench-jitter-gen DIR [NAME...]: write the benchmark's standard traces
 * (all, or the named ones) to DIR/NAME.trace, in the format trace.c
 * describes, and print their paths, one a line. Every trace is made
 * from its own seeds, so the same program writes the same files on every
 * host.
 *
 * The sender sends a 20 ms frame of the synthetic source every 20 ms of
 * its own clock, which runs ppm fast (or slow) against the receiver's.
 * Each packet then meets, in this order: Gilbert-Elliott loss, a fixed
 * 10 ms path delay plus jitter from one distribution, occasional delay
 * spikes, reordering and duplication.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace.h"

enum jit { J_NONE, J_UNIFORM, J_NORMAL, J_PARETO };

struct tdef {
	const char *name;
	int secs;
	int ppm;		/* sender clock error against the receiver */
	/* jitter: uniform 0..ms; normal, mean ms/2 and sd ms/4, cut at 0;
	 * Pareto (shape 1.5, heavy-tailed) with ms its 95th percentile */
	enum jit jit;
	int jit_ms;
	double loss;		/* Gilbert-Elliott mean loss rate */
	int spike_ms;		/* a delay spike of this size every 8..16 s */
	double reorder;		/* share of packets held back 20..60 ms */
	double dup;		/* share of packets duplicated */
	bool dtx;		/* talkspurts and silences, RFC 3389 SIDs */
};

#define JIT(kind, ms) .jit = kind, .jit_ms = ms

static const struct tdef traces[] = {
	{ .name = "clean", .secs = 60 },
	{ .name = "uni20", .secs = 60, JIT(J_UNIFORM, 20) },
	{ .name = "uni50", .secs = 60, JIT(J_UNIFORM, 50) },
	{ .name = "uni100", .secs = 60, JIT(J_UNIFORM, 100) },
	{ .name = "norm20", .secs = 60, JIT(J_NORMAL, 20) },
	{ .name = "norm50", .secs = 60, JIT(J_NORMAL, 50) },
	{ .name = "norm100", .secs = 60, JIT(J_NORMAL, 100) },
	{ .name = "pareto20", .secs = 60, JIT(J_PARETO, 20) },
	{ .name = "pareto50", .secs = 60, JIT(J_PARETO, 50) },
	{ .name = "pareto100", .secs = 60, JIT(J_PARETO, 100) },
	{ .name = "ge1", .secs = 60, JIT(J_UNIFORM, 20), .loss = 0.01 },
	{ .name = "ge5", .secs = 60, JIT(J_UNIFORM, 20), .loss = 0.05 },
	{ .name = "ge10", .secs = 60, JIT(J_UNIFORM, 20), .loss = 0.10 },
	{ .name = "reorder", .secs = 60, JIT(J_UNIFORM, 10), .reorder = 0.05, .dup = 0.01 },
	{ .name = "spike300", .secs = 60, JIT(J_UNIFORM, 10), .spike_ms = 300 },
	{ .name = "dtx", .secs = 60, JIT(J_UNIFORM, 20), .dtx = true },
	{ .name = "drift+200", .secs = 600, JIT(J_UNIFORM, 20), .ppm = 200 },
	{ .name = "drift-200", .secs = 600, JIT(J_UNIFORM, 20), .ppm = -200 },
	{ .name = "drift+500", .secs = 600, JIT(J_UNIFORM, 20), .ppm = 500 },
	{ .name = "drift-500", .secs = 600, JIT(J_UNIFORM, 20), .ppm = -500 },
};

#define NTRACES (sizeof(traces) / sizeof(traces[0]))

/* Pareto with shape 1.5, shifted to start at 0, scaled so p95 = p95_ms. */
static double pareto_ms(struct bj_rng *r, double p95_ms)
{
	const double alpha = 1.5;
	double xm = p95_ms / (pow(20, 1 / alpha) - 1);
	double x = xm * (pow(1 - bj_uniform(r), -1 / alpha) - 1);

	return x > 2000 ? 2000 : x;
}

static double jitter_ms(struct bj_rng *r, enum jit j, double ms)
{
	double x;

	switch (j) {
	case J_UNIFORM:
		return ms * bj_uniform(r);
	case J_NORMAL:
		x = ms / 2 + ms / 4 * bj_normal(r);
		return x < 0 ? 0 : x;
	case J_PARETO:
		return pareto_ms(r, ms);
	default:
		return 0;
	}
}

static int write_trace(const char *dir, const struct tdef *d, unsigned int idx)
{
	/* Gilbert-Elliott: loses 75% in Bad, none in Good, Bad lasts 2.5. */
	const double h_bad = 0.75, p_bg = 0.4;
	double pi_b = d->loss / h_bad, p_gb = pi_b * p_bg / (1 - pi_b);
	long nframes = (long)d->secs * BJ_RATE / BJ_FRAME, i;
	uint32_t ts0;
	uint16_t seq;
	struct bj_rng r;
	bool bad = false, talking = false;
	long state_left = 0, silent_frames = 0;
	double next_spike_ms;
	char path[4096];
	FILE *f;

	bj_rng_seed(&r, 1000 + idx);
	next_spike_ms = 8000 + 8000 * bj_uniform(&r);
	/* Start near the wraps, so they happen during the call. */
	seq = 65536 - 1000 - (bj_rng_next(&r) % 1000);
	ts0 = 0xffffffffu - 160 * 3000 - (uint32_t)(bj_rng_next(&r) % 100000);
	snprintf(path, sizeof(path), "%s/%s.trace", dir, d->name);
	f = fopen(path, "w");
	if (!f) {
		perror(path);
		return -1;
	}
	fprintf(f, "# voffload jitter trace v1\n# name %s\n# source synth %u\n",
		d->name, 1 + idx);
	fprintf(f, "# %d s, sender clock %+d ppm, jitter %s %d ms, loss %.0f%%,"
		" spikes %d ms, reorder %.0f%%, dup %.0f%%, dtx %s\n",
		d->secs, d->ppm,
		(const char *[]){ "none", "uniform", "normal", "pareto" }[d->jit],
		d->jit_ms, 100 * d->loss, d->spike_ms, 100 * d->reorder,
		100 * d->dup, d->dtx ? "yes" : "no");
	fprintf(f, "# seq ts arrival_us payload [m]\n");
	for (i = 0; i < nframes; i++) {
		double send_ms = i * 20.0 / (1 + d->ppm * 1e-6);
		double delay_ms = 10 + jitter_ms(&r, d->jit, d->jit_ms);
		bool lost, marker = i == 0;
		char pay[16] = "=";

		if (d->dtx) {
			/* Talkspurts 0.4..3 s, silences 0.2..2 s. */
			if (state_left-- <= 0) {
				talking = !talking;
				state_left = talking ? 20 + bj_rng_next(&r) % 130 :
						       10 + bj_rng_next(&r) % 90;
				marker = talking;
				silent_frames = 0;
			}
			if (!talking) {
				/* SID at the start and every 400 ms; else nothing. */
				if (silent_frames++ % 20)
					continue;
				snprintf(pay, sizeof(pay), "cn:%u",
					 (unsigned int)(55 + bj_rng_next(&r) % 10));
			}
		}
		if (d->spike_ms && send_ms >= next_spike_ms) {
			/* Everything sent in the spike arrives at its end. */
			if (send_ms < next_spike_ms + d->spike_ms)
				delay_ms += next_spike_ms + d->spike_ms - send_ms;
			else
				next_spike_ms += 8000 + 8000 * bj_uniform(&r);
		}
		if (d->reorder && bj_uniform(&r) < d->reorder)
			delay_ms += 20 + 40 * bj_uniform(&r);
		bad = bad ? bj_uniform(&r) >= p_bg : bj_uniform(&r) < p_gb;
		lost = d->loss && bad && bj_uniform(&r) < h_bad;
		if (lost)
			fprintf(f, "%u %u - %s%s\n", seq, ts0 + (uint32_t)i * 160,
				pay, marker ? " m" : "");
		else
			fprintf(f, "%u %u %lld %s%s\n", seq, ts0 + (uint32_t)i * 160,
				llround((send_ms + delay_ms) * 1000), pay,
				marker ? " m" : "");
		if (!lost && d->dup && bj_uniform(&r) < d->dup)
			fprintf(f, "%u %u %lld %s%s\n", seq, ts0 + (uint32_t)i * 160,
				llround((send_ms + delay_ms + 30 * bj_uniform(&r)) * 1000),
				pay, marker ? " m" : "");
		seq++;
	}
	if (fclose(f))
		return -1;
	printf("%s\n", path);
	return 0;
}

int main(int argc, char **argv)
{
	unsigned int i;
	int j, ret = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s DIR [NAME...]\n", argv[0]);
		return 2;
	}
	for (i = 0; i < NTRACES; i++) {
		bool want = argc == 2;

		for (j = 2; j < argc; j++)
			want |= !strcmp(argv[j], traces[i].name);
		if (want && write_trace(argv[1], &traces[i], i))
			ret = 1;
	}
	return ret;
}
