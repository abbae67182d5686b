/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Call-progress tones played to a phone through its line's ALSA playback
 * device, made by spandsp's tone generator and topped up from the loop.
 * The device is open only while a tone plays: the kernel mixes ALSA
 * playback into a call, so a line without a tone must not hold it.
 */
#ifndef VOFFLOADD_TONE_H
#define VOFFLOADD_TONE_H

#include "config.h"

enum vo_tone {
	VO_TONE_NONE,
	VO_TONE_DIAL,
	VO_TONE_RINGBACK,
	VO_TONE_BUSY,
	VO_TONE_REORDER,
	VO_TONE_STUTTER,	/* stutter dial: message waiting, recall */
	VO_TONE_OFFHOOK_WARN,	/* receiver off-hook (howler) */
	VO_TONE_CALLWAIT,	/* into a call: another one is waiting */
	VO_TONE_COUNT
};

/*
 * Play @tone on kernel line @line (0..15), replacing what plays there
 * (the same tone again carries on, its cadence unbroken); VO_TONE_NONE
 * stops. 0, or -1 with a warning logged, and nothing plays then (the
 * device busy, the line gone).
 */
int vo_tone_play(unsigned int line, enum vo_tone tone);
/* Stop and release the line's device; nothing if no tone plays. */
void vo_tone_stop(unsigned int line);
enum vo_tone vo_tone_playing(unsigned int line);
const char *vo_tone_name(enum vo_tone t);
/* The tones of @line are those of country @c from now on (default US). */
void vo_tone_country(unsigned int line, enum vo_country c);
/* Stop every line's tone. */
void vo_tone_exit(void);

#endif
