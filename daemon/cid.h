/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Caller ID (CLIP) for incoming calls, sent on-hook: an FSK message made by
 * spandsp's ADSI transmitter and played through the line's ALSA playback
 * device like a tone (tone.h), while the kernel holds the line in on-hook
 * transmission.
 */
#ifndef VOFFLOADD_CID_H
#define VOFFLOADD_CID_H

#include <stdbool.h>

enum vo_cid_standard {
	VO_CID_BELL202,		/* Telcordia GR-30 MDMF, Bell 202 FSK */
	VO_CID_V23,		/* ETSI EN 300 659 MDMF, V.23 FSK */
};

/*
 * Send caller ID on kernel line @line (0..15) now: the caller has put the
 * line in on-hook transmission and stopped any tone (the device is
 * exclusive). The message holds the date and time, @number and @name,
 * each cut to 15 characters; NULL means unavailable ("O" sent instead),
 * "" means withheld ("P", private).
 *
 * 0: @done(@arg, ok) is called once, from the loop, when the last sample
 * has been played (ok) or the device failed (!ok). -1 with a warning
 * logged: nothing was sent and @done is never called. A send on a line
 * already sending replaces it, the old one's @done not called.
 */
int vo_cid_send(unsigned int line, enum vo_cid_standard std,
		const char *number, const char *name,
		void (*done)(void *arg, bool ok), void *arg);
/* Stop at once and release the device; @done is not called. */
void vo_cid_cancel(unsigned int line);

#endif
