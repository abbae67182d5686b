/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Jitter-buffer benchmark: what the trace generator and the harness share.
 * The seeded PRNG, the synthetic speech source and the trace file format
 * (documented in trace.c).
 */
#ifndef BENCH_JITTER_TRACE_H
#define BENCH_JITTER_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BJ_RATE		8000	/* samples/s: narrowband, as on the lines */
#define BJ_FRAME	160	/* 20 ms: the sender's packet */

/* xorshift64*: small, fast and reproducible on every host. */
struct bj_rng {
	uint64_t s;
};

void bj_rng_seed(struct bj_rng *r, uint64_t seed);
uint64_t bj_rng_next(struct bj_rng *r);
double bj_uniform(struct bj_rng *r);	/* [0, 1) */
double bj_normal(struct bj_rng *r);	/* mean 0, sd 1 (Irwin-Hall, 12 terms) */

/* The speech-like source: n samples at 8 kHz, the same for the same seed. */
void bj_synth_speech(int16_t *out, size_t n, uint64_t seed);

enum bj_kind { BJ_AUDIO, BJ_SID };

struct bj_pkt {
	uint16_t seq;
	uint32_t ts;
	int64_t arrival_us;	/* -1: sent, never arrived (lost) */
	enum bj_kind kind;
	bool marker;
	uint8_t cn_dbov;	/* SID: noise level, -dBov */
	unsigned int n;		/* audio: samples */
	int16_t *pcm;		/* audio: n samples (decoded or from the source) */
	int64_t src;		/* index in the reference of the first sample */
	size_t first;		/* the line this one duplicates, else its own */
};

struct bj_trace {
	char name[64];
	uint64_t seed;		/* synth source seed, 0: no source */
	struct bj_pkt *pkt;	/* in file order (the sender's order) */
	size_t npkt;
	int16_t *ref;		/* what was sent, by source index; 0 where nothing */
	bool *sent;		/* ref[i] is audio the sender sent */
	size_t nref;
};

int bj_trace_read(struct bj_trace *t, const char *path);
void bj_trace_free(struct bj_trace *t);

#endif /* BENCH_JITTER_TRACE_H */
