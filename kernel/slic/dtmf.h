/* SPDX-License-Identifier: GPL-2.0 */
/*
 * DTMF (ITU-T Q.23) digits: a detector meeting Q.24's acceptance limits
 * and a tone generator, in integer arithmetic that builds both in the
 * kernel and in userspace (selftests/host). Digits are RFC 4733 event
 * codes: 0-9, 10 '*', 11 '#', 12-15 'A'-'D'.
 *
 * Levels are per tone in dBm0, where 0 dBm0 is a sine of peak 22706
 * (3.17 dB below full scale, as G.711 mu-law's).
 */
#ifndef _VO_SLIC_DTMF_H
#define _VO_SLIC_DTMF_H

#include <linux/types.h>

#define VO_DTMF_TONES		8	/* 4 row (low) and 4 column (high) tones */
#define VO_DTMF_NO_DIGIT	0xff

enum vo_dtmf_change { VO_DTMF_NONE, VO_DTMF_START, VO_DTMF_END };

/* A change kept for the next feed, when one feed finds two */
struct vo_dtmf_note {
	u32 age;
	u8 change;			/* enum vo_dtmf_change */
	u8 digit;
};

/*
 * Detector state for one line. The audio is analysed at 8 kHz (a 16 kHz
 * line is decimated by 2) in blocks of two halves; the Goertzel filters
 * restart each half so the two halves' phases can be compared.
 */
struct vo_dtmf_det {
	s32 s1[VO_DTMF_TONES];		/* Goertzel state, last output */
	s32 s2[VO_DTMF_TONES];		/* and the one before */
	s16 h1_re[VO_DTMF_TONES];	/* this block's first half, >> 6 */
	s16 h1_im[VO_DTMF_TONES];
	s16 h2_re[VO_DTMF_TONES];	/* last block's second half, >> 6 */
	s16 h2_im[VO_DTMF_TONES];
	u32 energy;			/* the block's samples squared, >> 7 */
	u32 clock;			/* samples since the digit's start */
	u32 tail;			/* the digit's length so far */
	u32 ref_row;			/* the digit's half-block powers */
	u32 ref_col;
	u32 age;			/* see vo_dtmf_det_feed() */
	struct vo_dtmf_note queued;
	s16 odd;			/* 16 kHz: first sample of a pair */
	u8 have_odd;
	u8 shift;			/* 1 at 16 kHz: samples per analysed one */
	u8 pos;				/* analysed samples into the block */
	u8 active;			/* key (row * 4 + column) on, or NO_DIGIT */
	u8 cand;			/* key that may be starting, or NO_DIGIT */
	u8 gap;				/* consecutive halves without it */
	u8 bad;				/* consecutive blocks without the key on */
	u8 digit;			/* the digit of the last change */
};

void vo_dtmf_det_init(struct vo_dtmf_det *d, unsigned int rate);
/*
 * Feeds @n samples (n <= rate / 100, i.e. at most 10 ms). Returns at most
 * one change; then d->digit is the digit concerned and d->age is the
 * number of samples from the tone's estimated start to the end of this
 * feed (for START: how late the report is; for END: the digit's duration).
 *
 * With 10 ms feeds a START comes 29-50 ms into the tone and an END 19-37
 * ms after it stops; the estimates of start and length are good to a few
 * ms. Should two changes fall in one feed (a digit right after another
 * without a pause), the second is reported by the next feed, its age
 * counted to the end of that feed. Neither sleeps nor allocates, and uses
 * about 0.5 KiB of stack: fit for softirq context.
 */
enum vo_dtmf_change vo_dtmf_det_feed(struct vo_dtmf_det *d, const s16 *pcm,
				     unsigned int n);

/* Generator: two phase accumulators read through a quarter-wave table. */
struct vo_dtmf_gen {
	u32 phase[2];			/* row, column; 2^32 is one turn */
	u32 step[2];			/* phase advance per sample */
	u16 peak[2];			/* amplitude of each tone */
};

/* Starts @digit at @dbm0 (0..-63, RFC 4733 volume as negative dBm0) per tone. */
void vo_dtmf_gen_start(struct vo_dtmf_gen *g, unsigned int rate, u8 digit,
		       int dbm0);
/* Writes @n samples of the tone (overwriting). */
void vo_dtmf_gen_fill(struct vo_dtmf_gen *g, s16 *out, unsigned int n);

#endif /* _VO_SLIC_DTMF_H */
