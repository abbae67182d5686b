// SPDX-License-Identifier: GPL-2.0
/*
 * Jitter-buffer benchmark traces.
 *
 * A trace is a text file, one RTP packet per line, in any order (the
 * generator writes the sender's; a capture, the receiver's): the harness
 * delivers them by arrival time.
 *
 *   # voffload jitter trace v1
 *   # name uni50                 optional, else the file name
 *   # source synth 17            payload "=" refers to this source
 *   seq ts arrival_us payload [m]
 *
 *   seq         RTP sequence number, 0..65535 (wraps)
 *   ts          RTP timestamp, 8 kHz units, 0..2^32-1 (wraps)
 *   arrival_us  receiver clock when the packet arrived, microseconds from
 *               the start of the call; "-" if it was sent but never
 *               arrived (lost), so that concealment is scored against it
 *   payload     "="        20 ms (160 samples) of the synthetic source
 *                          (bj_synth_speech with the header's seed) from
 *                          sample ts - ts0, ts0 the earliest timestamp in
 *                          the trace (the first line's in generated ones)
 *               "cn:NN"    an RFC 3389 SID, noise level -NN dBov
 *               hex digits G.711 mu-law bytes (PT 0), one per sample, as
 *                          found in a capture (pcap2trace.sh)
 *   m           the RTP marker bit is set (start of a talkspurt)
 *
 * Other "#" lines are comments. The reference that the played audio is
 * scored against is what the trace says was sent; where nothing was sent
 * (DTX silence, or losses a receiver-side capture cannot see) the
 * reference is silence and is not scored.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "g711.h"
#include "trace.h"

void bj_rng_seed(struct bj_rng *r, uint64_t seed)
{
	r->s = seed * 0x9e3779b97f4a7c15ull + 0x2545f4914f6cdd1dull;
	if (!r->s)
		r->s = 1;
	bj_rng_next(r);
}

uint64_t bj_rng_next(struct bj_rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 0x2545f4914f6cdd1dull;
}

double bj_uniform(struct bj_rng *r)
{
	return (bj_rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

double bj_normal(struct bj_rng *r)
{
	double s = 0;
	int i;

	for (i = 0; i < 12; i++)
		s += bj_uniform(r);
	return s - 6;
}

/* Resonance weight of a harmonic at f near a formant at fc, bandwidth bw. */
static double bj_formant(double f, double fc, double bw)
{
	double x = (f - fc) / bw;

	return 1 / (1 + x * x);
}

#define BJ_MAXH 48

/*
 * Voiced "syllables" of 100..300 ms: a sum of harmonics of a gliding pitch
 * (80..260 Hz), shaped by two formants that move per syllable, under a
 * sin^2 envelope that never falls below 6% of the syllable's peak, plus a
 * little noise so no two 10 ms stretches of the source are alike. The
 * harmonics come from one phase by the Chebyshev recursion
 * sin(k p) = 2 cos(p) sin((k-1) p) - sin((k-2) p): one sin/cos a sample.
 */
void bj_synth_speech(int16_t *out, size_t n, uint64_t seed)
{
	struct bj_rng r;
	double amp[BJ_MAXH + 1], phase = 0;
	size_t i = 0;

	bj_rng_seed(&r, seed);
	while (i < n) {
		size_t len = (size_t)(BJ_RATE * (0.10 + 0.20 * bj_uniform(&r)));
		double f0a = 80 + 180 * bj_uniform(&r);
		double f0b = f0a * (0.75 + 0.5 * bj_uniform(&r));
		double f1 = 300 + 500 * bj_uniform(&r);
		double f2 = 900 + 1400 * bj_uniform(&r);
		double peak = 0.35 + 0.65 * bj_uniform(&r);
		size_t j;

		for (j = 0; j < len && i < n; j++, i++) {
			double x = (double)j / len;
			double f0 = f0a + (f0b - f0a) * x;
			double env = sin(M_PI * x), s1, s2, c2, v = 0, norm = 0;
			int k, nh = (int)(3600 / f0);

			if (nh > BJ_MAXH)
				nh = BJ_MAXH;
			env = peak * (0.06 + 0.94 * env * env);
			/* Harmonic weights change slowly: every 10 ms is enough. */
			if (j % 80 == 0) {
				for (k = 1; k <= nh; k++)
					amp[k] = (1 + 6 * bj_formant(k * f0, f1, 90) +
						  3 * bj_formant(k * f0, f2, 140)) /
						 sqrt(k);
			}
			phase += 2 * M_PI * f0 / BJ_RATE;
			if (phase > 2 * M_PI)
				phase -= 2 * M_PI;
			s1 = sin(phase);
			c2 = 2 * cos(phase);
			s2 = 0;
			for (k = 1; k <= nh; k++) {
				double sk;

				v += amp[k] * s1;
				norm += amp[k];
				sk = c2 * s1 - s2;
				s2 = s1;
				s1 = sk;
			}
			v = 14000 * env * v / norm + 30 * bj_normal(&r);
			out[i] = (int16_t)lrint(v);
		}
	}
}

static int bj_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Parse one packet line; its payload samples are filled in later. */
static int bj_parse(struct bj_trace *t, char *line, uint8_t **ulaw)
{
	char arr[32], pay[4096], mark[8] = "";
	unsigned long seq, ts;
	struct bj_pkt *p;
	int nf;

	nf = sscanf(line, "%lu %lu %31s %4095s %7s", &seq, &ts, arr, pay, mark);
	if (nf < 4 || seq > 65535 || ts > 0xffffffffUL)
		return -1;
	p = &t->pkt[t->npkt];
	memset(p, 0, sizeof(*p));
	*ulaw = NULL;
	p->seq = seq;
	p->ts = ts;
	p->arrival_us = strcmp(arr, "-") ? strtoll(arr, NULL, 10) : -1;
	p->marker = nf == 5 && !strcmp(mark, "m");
	if (!strcmp(pay, "=")) {
		if (!t->seed)
			return -1;
		p->kind = BJ_AUDIO;
		p->n = BJ_FRAME;
	} else if (!strncmp(pay, "cn:", 3)) {
		p->kind = BJ_SID;
		p->cn_dbov = atoi(pay + 3);
	} else {
		size_t len = strlen(pay), i;

		if (!len || len % 2)
			return -1;
		p->kind = BJ_AUDIO;
		p->n = len / 2;
		*ulaw = malloc(p->n);
		for (i = 0; i < p->n; i++) {
			int hi = bj_hexval(pay[2 * i]), lo = bj_hexval(pay[2 * i + 1]);

			if (hi < 0 || lo < 0)
				return -1;
			(*ulaw)[i] = hi << 4 | lo;
		}
	}
	t->npkt++;
	return 0;
}

int bj_trace_read(struct bj_trace *t, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[8300];
	size_t cap = 0, i, lineno = 0;
	uint8_t **ulaw = NULL;
	int16_t *synth = NULL;
	int64_t lo = 0, hi = 0, *owner;

	memset(t, 0, sizeof(*t));
	if (!f) {
		perror(path);
		return -1;
	}
	snprintf(t->name, sizeof(t->name), "%s",
		 strrchr(path, '/') ? strrchr(path, '/') + 1 : path);
	if (strrchr(t->name, '.'))
		*strrchr(t->name, '.') = 0;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long seed;
		char name[64];

		lineno++;
		if (line[0] == '#') {
			if (sscanf(line, "# source synth %llu", &seed) == 1)
				t->seed = seed;
			else if (sscanf(line, "# name %63s", name) == 1)
				snprintf(t->name, sizeof(t->name), "%s", name);
			continue;
		}
		if (strspn(line, " \t\r\n") == strlen(line))
			continue;
		if (t->npkt == cap) {
			cap = cap ? 2 * cap : 1024;
			t->pkt = realloc(t->pkt, cap * sizeof(*t->pkt));
			ulaw = realloc(ulaw, cap * sizeof(*ulaw));
		}
		if (bj_parse(t, line, &ulaw[t->npkt])) {
			fprintf(stderr, "%s:%zu: bad line\n", path, lineno);
			fclose(f);
			return -1;
		}
	}
	fclose(f);
	if (!t->npkt) {
		fprintf(stderr, "%s: no packets\n", path);
		return -1;
	}
	/* Source index: timestamp relative to the first line, then from 0. */
	for (i = 0; i < t->npkt; i++) {
		struct bj_pkt *p = &t->pkt[i];

		p->src = (int32_t)(p->ts - t->pkt[0].ts);
		if (p->src < lo)
			lo = p->src;
		if (p->src + (int64_t)p->n > hi)
			hi = p->src + p->n;
	}
	t->nref = hi - lo;
	t->ref = calloc(t->nref + 1, sizeof(*t->ref));
	t->sent = calloc(t->nref + 1, sizeof(*t->sent));
	if (t->seed) {
		synth = malloc((t->nref + 1) * sizeof(*synth));
		bj_synth_speech(synth, t->nref, t->seed);
	}
	owner = malloc((t->nref + 1) * sizeof(*owner));
	memset(owner, 0xff, (t->nref + 1) * sizeof(*owner));
	for (i = 0; i < t->npkt; i++) {
		struct bj_pkt *p = &t->pkt[i];
		unsigned int k;

		p->src -= lo;
		p->first = i;
		if (p->n && owner[p->src] >= 0 && t->pkt[owner[p->src]].seq == p->seq)
			p->first = owner[p->src];
		else if (p->n)
			owner[p->src] = i;
		for (k = 0; k < p->n; k++) {
			t->ref[p->src + k] = ulaw[i] ? vo_g711_ulaw_decode(ulaw[i][k]) :
						       synth[p->src + k];
			t->sent[p->src + k] = true;
		}
		p->pcm = p->n ? &t->ref[p->src] : NULL;
		free(ulaw[i]);
	}
	free(ulaw);
	free(synth);
	free(owner);
	return 0;
}

void bj_trace_free(struct bj_trace *t)
{
	free(t->pkt);
	free(t->ref);
	free(t->sent);
	memset(t, 0, sizeof(*t));
}
