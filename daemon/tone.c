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
 * North American tones (Telcordia GR-506, as listed in ITU-T E.180's
 * supplement). A tone is the sum of its generators (spandsp's mixes two
 * frequencies; the howler has four); after @then_ms it becomes @then.
 * Country profiles (GB, DE, ...) are to come through the config, and
 * replace this table.
 */
struct vo_tone_def {
	const char *name;
	struct vo_tone_gen gen[2];
	unsigned int ngen;
	unsigned int then_ms;		/* 0: for ever */
	enum vo_tone then;
};

/* @on ms of @f1 + @f2 Hz, @off ms of silence, again and again */
#define VO_GEN(f1, f2, level, on, off) { f1, f2, level, on, off, 0, 0, true }

static const struct vo_tone_def vo_tone_defs[VO_TONE_COUNT] = {
	[VO_TONE_NONE] = { .name = "none" },
	[VO_TONE_DIAL] = {
		.name = "dial", .ngen = 1,
		.gen = { VO_GEN(350, 440, -13, 1000, 0) },
	},
	[VO_TONE_RINGBACK] = {
		.name = "ringback", .ngen = 1,
		.gen = { VO_GEN(440, 480, -13, 2000, 4000) },
	},
	[VO_TONE_BUSY] = {
		.name = "busy", .ngen = 1,
		.gen = { VO_GEN(480, 620, -13, 500, 500) },
	},
	[VO_TONE_REORDER] = {
		.name = "reorder", .ngen = 1,
		.gen = { VO_GEN(480, 620, -13, 250, 250) },
	},
	/* ten 0.1 s bursts, then steady dial tone */
	[VO_TONE_STUTTER] = {
		.name = "stutter", .ngen = 1,
		.gen = { VO_GEN(350, 440, -13, 100, 100) },
		.then_ms = 2000, .then = VO_TONE_DIAL,
	},
	/*
	 * Loud, to be heard from across the room, but four frequencies must
	 * still sum below full scale (spandsp wraps, it does not clip).
	 */
	[VO_TONE_OFFHOOK_WARN] = {
		.name = "offhook-warn", .ngen = 2,
		.gen = {
			VO_GEN(1400, 2060, -10, 100, 100),
			VO_GEN(2450, 2600, -10, 100, 100),
		},
	},
};

struct vo_tone_line {
	struct vo_linepcm dev;		/* closed: no tone */
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
	return t < VO_TONE_COUNT ? vo_tone_defs[t].name : "?";
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
 * exactly the tone wanted at 16 kHz. (Every frequency here is even.)
 */
static int vo_tone_gens_init(struct vo_tone_line *l, enum vo_tone t)
{
	const struct vo_tone_def *d = &vo_tone_defs[t];
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
		if (!l->left && vo_tone_gens_init(l, vo_tone_defs[l->tone].then))
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
