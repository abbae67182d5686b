/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A line's ALSA playback device, the one the kernel mixes into the line
 * (/sys/class/voffload/lineN/pcm names it). Tones (tone.c) and caller ID
 * (cid.c) both open it this way: non-blocking, mono S16_LE at the line's
 * own rate, with 10 ms periods (the kernel's tick).
 */
#ifndef VOFFLOADD_LINEPCM_H
#define VOFFLOADD_LINEPCM_H

#include <alsa/asoundlib.h>

struct vo_linepcm {
	snd_pcm_t *pcm;			/* NULL: closed */
	unsigned int rate;		/* 8000 or 16000 */
	snd_pcm_uframes_t buffer;	/* the device's buffer, in frames */
};

/*
 * Open kernel line @line's device with a buffer of @periods 10 ms periods.
 * 0, or -1 with a warning naming @what and the device logged (no device,
 * busy, parameters refused) and @p closed.
 */
int vo_linepcm_open(struct vo_linepcm *p, unsigned int line,
		    unsigned int periods, const char *what);
/* Close without draining (non-blocking); nothing if closed. */
void vo_linepcm_close(struct vo_linepcm *p);

#endif
