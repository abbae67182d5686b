// SPDX-License-Identifier: GPL-2.0
/*
 * Call-progress tones (see tone.h). Each playing line has its device open
 * non-blocking and a 10 ms loop timer that tops its buffer up, so about
 * 50-60 ms are queued: little enough that a new tone is heard at once,
 * enough for a loop that is late by a few ticks. A late loop that lets the
 * buffer run dry only costs a gap; the device is prepared again quietly.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <spandsp.h>

#include "linepcm.h"
#include "log.h"
#include "loop.h"
#include "tone.h"

#define VO_TONE_LINES		16
#define VO_TONE_PERIODS		6	/* the buffer: 60 ms */
#define VO_TONE_TOPUP_MS	10
#define VO_TONE_CHUNK		320	/* frames per write: 20 ms at 16 kHz */

/* One of spandsp's generators: two frequencies and a cadence of two on/off
 * pairs, in its own terms (Hz, dBm0, ms).
 */
struct vo_tone_gen {
	int f1, f2;
	int level;			/* dBm0, each frequency */
	int on1, off1, on2, off2;	/* ms; 0 ends the cadence */
	bool repeat;
};

/*
 * A tone is the sum of its generators (spandsp's mixes two frequencies;
 * the howler has four); after @then_ms it becomes @then.
 */
struct vo_tone_def {
	const char *name;
	struct vo_tone_gen gen[2];
	unsigned int ngen;
	unsigned int then_ms;		/* 0: for ever */
	enum vo_tone then;
};

/* @on ms of @f1 + @f2 Hz (@f2 0: none), @off ms of silence, repeated */
#define VO_GEN(f1, f2, level, on, off) { f1, f2, level, on, off, 0, 0, true }
/* two on/off pairs, repeated (GB's double ring, its congestion tone) */
#define VO_GEN2(f1, f2, level, on1, off1, on2, off2) \
	{ f1, f2, level, on1, off1, on2, off2, true }
#define VO_TONE(n, g) { .name = n, .ngen = 1, .gen = { g } }

/*
 * Ten 0.1 s bursts of the country's dial tone, then the steady one:
 * stutter dial tone, as North American networks and most ATAs give it.
 */
#define VO_STUTTER(f1, f2, level) { .name = "stutter", .ngen = 1, \
	.gen = { VO_GEN(f1, f2, level, 100, 100) }, \
	.then_ms = 2000, .then = VO_TONE_DIAL }

/*
 * The receiver off-hook tone: loud, to be heard from across the room, but
 * four frequencies must still sum below full scale (spandsp wraps, it does
 * not clip). The same everywhere: it has no national variants that matter.
 */
#define VO_HOWLER { .name = "offhook-warn", .ngen = 2, .gen = { \
	VO_GEN(1400, 2060, -10, 100, 100), VO_GEN(2450, 2600, -10, 100, 100) } }

/*
 * Per country (config.h's vo_country), from ITU-T E.180 Supplement 2
 * (the tones in national networks): US Telcordia GR-506; GB BT SIN 350
 * (congestion as reorder); DE 425 Hz (Telekom 1 TR 110); FR 440 Hz
 * (France Telecom; its congestion tone is the busy cadence, so reorder is
 * the faster 0.25 s one French ATAs play). Two frequencies at -13 dBm0
 * each, one at -10 dBm0: about the same loudness. The call-waiting tone
 * goes into a call over the far end's voice, so it is softer (-13 dBm0):
 * US 440 Hz 0.3 s every 10 s; GB 400 Hz 0.1 s every 3 s; DE 425 Hz
 * 0.2/0.2/0.2 s every 5.6 s; FR 440 Hz 0.3 s every 10 s.
 */
static const struct vo_tone_def vo_tone_defs[VO_COUNTRY_COUNT][VO_TONE_COUNT] = {
	[VO_COUNTRY_US] = {
		[VO_TONE_NONE] = { .name = "none" },
		[VO_TONE_DIAL] = VO_TONE("dial", VO_GEN(350, 440, -13, 1000, 0)),
		[VO_TONE_RINGBACK] = VO_TONE("ringback",
					     VO_GEN(440, 480, -13, 2000, 4000)),
		[VO_TONE_BUSY] = VO_TONE("busy", VO_GEN(480, 620, -13, 500, 500)),
		[VO_TONE_REORDER] = VO_TONE("reorder",
					    VO_GEN(480, 620, -13, 250, 250)),
		[VO_TONE_STUTTER] = VO_STUTTER(350, 440, -13),
		[VO_TONE_OFFHOOK_WARN] = VO_HOWLER,
		[VO_TONE_CALLWAIT] = VO_TONE("callwait",
					     VO_GEN(440, 0, -13, 300, 9700)),
	},
	[VO_COUNTRY_GB] = {
		[VO_TONE_NONE] = { .name = "none" },
		[VO_TONE_DIAL] = VO_TONE("dial", VO_GEN(350, 440, -13, 1000, 0)),
		[VO_TONE_RINGBACK] = VO_TONE("ringback",
					     VO_GEN2(400, 450, -13, 400, 200, 400, 2000)),
		[VO_TONE_BUSY] = VO_TONE("busy", VO_GEN(400, 0, -10, 375, 375)),
		[VO_TONE_REORDER] = VO_TONE("reorder",
					    VO_GEN2(400, 0, -10, 400, 350, 225, 525)),
		[VO_TONE_STUTTER] = VO_STUTTER(350, 440, -13),
		[VO_TONE_OFFHOOK_WARN] = VO_HOWLER,
		[VO_TONE_CALLWAIT] = VO_TONE("callwait",
					     VO_GEN(400, 0, -13, 100, 3000)),
	},
	[VO_COUNTRY_DE] = {
		[VO_TONE_NONE] = { .name = "none" },
		[VO_TONE_DIAL] = VO_TONE("dial", VO_GEN(425, 0, -10, 1000, 0)),
		[VO_TONE_RINGBACK] = VO_TONE("ringback",
					     VO_GEN(425, 0, -10, 1000, 4000)),
		[VO_TONE_BUSY] = VO_TONE("busy", VO_GEN(425, 0, -10, 480, 480)),
		[VO_TONE_REORDER] = VO_TONE("reorder",
					    VO_GEN(425, 0, -10, 240, 240)),
		[VO_TONE_STUTTER] = VO_STUTTER(425, 0, -10),
		[VO_TONE_OFFHOOK_WARN] = VO_HOWLER,
		[VO_TONE_CALLWAIT] = VO_TONE("callwait",
					     VO_GEN2(425, 0, -13, 200, 200, 200, 5000)),
	},
	[VO_COUNTRY_FR] = {
		[VO_TONE_NONE] = { .name = "none" },
		[VO_TONE_DIAL] = VO_TONE("dial", VO_GEN(440, 0, -10, 1000, 0)),
		[VO_TONE_RINGBACK] = VO_TONE("ringback",
					     VO_GEN(440, 0, -10, 1500, 3500)),
		[VO_TONE_BUSY] = VO_TONE("busy", VO_GEN(440, 0, -10, 500, 500)),
		[VO_TONE_REORDER] = VO_TONE("reorder",
					    VO_GEN(440, 0, -10, 250, 250)),
		[VO_TONE_STUTTER] = VO_STUTTER(440, 0, -10),
		[VO_TONE_OFFHOOK_WARN] = VO_HOWLER,
		[VO_TONE_CALLWAIT] = VO_TONE("callwait",
					     VO_GEN(440, 0, -13, 300, 10000)),
	},
};

struct vo_tone_line {
	struct vo_linepcm dev;		/* closed: no tone */
	enum vo_country country;
	enum vo_tone tone;
	tone_gen_state_t *gen[2];
	unsigned int ngen;
	unsigned int left;		/* frames until the def's then, or 0 */
	struct vo_timer timer;
	unsigned int id;
};

static struct vo_tone_line vo_tone_lines[VO_TONE_LINES];

const char *vo_tone_name(enum vo_tone t)
{
	return t < VO_TONE_COUNT ? vo_tone_defs[VO_COUNTRY_US][t].name : "?";
}

void vo_tone_country(unsigned int line, enum vo_country c)
{
	if (line < VO_TONE_LINES && c < VO_COUNTRY_COUNT)
		vo_tone_lines[line].country = c;
}

static const struct vo_tone_def *vo_tone_def(const struct vo_tone_line *l,
					     enum vo_tone t)
{
	return &vo_tone_defs[l->country][t];
}

static void vo_tone_gens_free(struct vo_tone_line *l)
{
	unsigned int i;

	for (i = 0; i < l->ngen; i++)
		tone_gen_free(l->gen[i]);
	l->ngen = 0;
}

/*
 * spandsp 0.0.6 generates at 8 kHz only. For a 16 kHz line, ask it for
 * half the frequencies and twice the durations: its samples are then
 * exactly the tone wanted at 16 kHz (but for DE's 425 Hz, which comes out
 * 424 Hz, well within the 1-2% national tolerances).
 */
static int vo_tone_gens_init(struct vo_tone_line *l, enum vo_tone t)
{
	const struct vo_tone_def *d = vo_tone_def(l, t);
	int k = l->dev.rate / SAMPLE_RATE;
	tone_gen_descriptor_t *desc;
	unsigned int i;

	vo_tone_gens_free(l);
	for (i = 0; i < d->ngen; i++) {
		const struct vo_tone_gen *g = &d->gen[i];

		desc = tone_gen_descriptor_init(NULL, g->f1 / k, g->level,
						g->f2 / k, g->level,
						g->on1 * k, g->off1 * k,
						g->on2 * k, g->off2 * k,
						g->repeat);
		if (!desc)
			return -1;
		/* the state keeps its own copy of the descriptor */
		l->gen[i] = tone_gen_init(NULL, desc);
		tone_gen_descriptor_free(desc);
		if (!l->gen[i])
			return -1;
		l->ngen++;
	}
	l->tone = t;
	l->left = d->then_ms * (l->dev.rate / 1000);
	return 0;
}

/* @n frames of the tone into @buf, moving on to its sequel when due. */
static void vo_tone_generate(struct vo_tone_line *l, int16_t *buf,
			     unsigned int n)
{
	int16_t more[VO_TONE_CHUNK];
	unsigned int i, j, now;

	while (n) {
		now = l->left && l->left < n ? l->left : n;
		memset(buf, 0, now * sizeof(*buf));
		for (i = 0; i < l->ngen; i++) {
			/* a generator past its cadence returns fewer: silence */
			memset(more, 0, now * sizeof(*more));
			tone_gen(l->gen[i], more, now);
			for (j = 0; j < now; j++)
				buf[j] += more[j];
		}
		buf += now;
		n -= now;
		if (!l->left)
			continue;
		l->left -= now;
		/* out of memory: let what remains be silence */
		if (!l->left && vo_tone_gens_init(l, vo_tone_def(l, l->tone)->then))
			vo_tone_gens_free(l);
	}
}

static void vo_tone_close(struct vo_tone_line *l)
{
	vo_timer_cancel(&l->timer);
	vo_linepcm_close(&l->dev);
	vo_tone_gens_free(l);
	l->tone = VO_TONE_NONE;
}

/* Write as much as the buffer takes; negative errno if the device failed. */
static int vo_tone_fill(struct vo_tone_line *l)
{
	int16_t buf[VO_TONE_CHUNK];
	snd_pcm_sframes_t avail, n;
	int err;

	avail = snd_pcm_avail(l->dev.pcm);
	while (avail > 0) {
		n = avail < VO_TONE_CHUNK ? avail : VO_TONE_CHUNK;
		vo_tone_generate(l, buf, n);
		n = snd_pcm_writei(l->dev.pcm, buf, n);
		if (n == -EAGAIN)
			return 0;
		if (n < 0) {
			avail = n;
			break;
		}
		avail -= n;
	}
	if (avail >= 0)
		return 0;
	/* an underrun (the loop was late) or a suspend: start again */
	err = snd_pcm_recover(l->dev.pcm, avail, 1);
	return err < 0 ? err : 0;
}

static void vo_tone_topup(void *arg)
{
	struct vo_tone_line *l = arg;
	int err = vo_tone_fill(l);

	if (err < 0) {
		vo_warn("line %u: %s tone: %s; stopped", l->id,
			vo_tone_name(l->tone), snd_strerror(err));
		vo_tone_close(l);
		return;
	}
	vo_timer_set(&l->timer, VO_TONE_TOPUP_MS, vo_tone_topup, l);
}

int vo_tone_play(unsigned int line, enum vo_tone tone)
{
	struct vo_tone_line *l;

	if (line >= VO_TONE_LINES || tone >= VO_TONE_COUNT) {
		vo_warn("line %u: no tone %d there", line, tone);
		return -1;
	}
	l = &vo_tone_lines[line];
	l->id = line;
	if (tone == VO_TONE_NONE) {
		vo_tone_close(l);
		return 0;
	}
	/* the same again: a ringback must not restart at every 180 */
	if (tone == l->tone)
		return 0;
	if (l->dev.pcm) {
		/* the old tone's queue goes: the new one is heard at once */
		snd_pcm_drop(l->dev.pcm);
		snd_pcm_prepare(l->dev.pcm);
	} else if (vo_linepcm_open(&l->dev, line, VO_TONE_PERIODS, "tone")) {
		return -1;
	}
	if (vo_tone_gens_init(l, tone)) {
		vo_warn("line %u: %s tone: out of memory", line,
			vo_tone_name(tone));
		vo_tone_close(l);
		return -1;
	}
	vo_dbg("line %u: %s tone at %u Hz", line, vo_tone_name(tone), l->dev.rate);
	vo_tone_topup(l);
	return l->dev.pcm ? 0 : -1;
}

void vo_tone_stop(unsigned int line)
{
	if (line < VO_TONE_LINES)
		vo_tone_close(&vo_tone_lines[line]);
}

enum vo_tone vo_tone_playing(unsigned int line)
{
	return line < VO_TONE_LINES ? vo_tone_lines[line].tone : VO_TONE_NONE;
}

void vo_tone_exit(void)
{
	unsigned int i;

	for (i = 0; i < VO_TONE_LINES; i++)
		vo_tone_close(&vo_tone_lines[i]);
	/* the configuration alsa-lib read at the first open */
	snd_config_update_free_global();
}
