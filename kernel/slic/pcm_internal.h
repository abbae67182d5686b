/* SPDX-License-Identifier: GPL-2.0 */
/* The PCM device object, shared by pcm.c and pcm_card.c. */
#ifndef _VO_SLIC_PCM_INTERNAL_H
#define _VO_SLIC_PCM_INTERNAL_H

#include <linux/spinlock.h>
#include <sound/pcm.h>

#include "pcm.h"

struct vo_pcm_dir {
	struct snd_pcm_substream *substream;	/* while open */
	bool running;
	bool xrun_counted;			/* the tick saw this one */
	snd_pcm_uframes_t pos;			/* in the buffer, frames */
	snd_pcm_uframes_t period_left;		/* frames to the period end */
};

/*
 * Lives in its card's private data, so it goes with the card and no code
 * of ours runs when the card is freed (possibly after rmmod has begun).
 */
struct vo_pcm {
	spinlock_t lock;		/* dir[], xruns */
	struct vo_pcm_dir dir[2];	/* by SNDRV_PCM_STREAM_* */
	u32 xruns;			/* found outside the tick, not yet told */
	struct snd_pcm *pcm;
	struct snd_card *card;
	unsigned int rate;
	struct vo_pcm_cards *cards;	/* until vo_pcm_remove() */
	unsigned int index;
};

struct vo_pcm *vo_pcm_new(struct snd_card *card, unsigned int device,
			  const char *name, unsigned int rate);

#endif /* _VO_SLIC_PCM_INTERNAL_H */
