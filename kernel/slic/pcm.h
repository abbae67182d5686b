/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ALSA PCM devices moved by the tick: each line is one, and drivers may make
 * more (vslic's handsets). A device is mono S16_LE at one rate, playback and
 * capture, with periods of whole 10 ms ticks: the tick is its clock, so ALSA
 * audio stays in step with the line's PCM.
 *
 * ALSA has at most 32 cards and 256 device minors, so devices are grouped
 * VO_PCM_PER_CARD to a card, like the ports of one multi-port FXS board,
 * and cards are made when their first device is added.
 */
#ifndef _VO_SLIC_PCM_H
#define _VO_SLIC_PCM_H

#include <linux/mutex.h>
#include <linux/types.h>

#define VO_PCM_PER_CARD		8
#define VO_PCM_CARDS_MAX	64	/* 512 devices */

struct snd_card;
struct vo_pcm;

/* A family of cards with ids <id>0, <id>1, ... */
struct vo_pcm_cards {
	const char *id;
	const char *name;
	struct mutex lock;		/* the arrays */
	struct snd_card *card[VO_PCM_CARDS_MAX];
	u8 live[VO_PCM_CARDS_MAX];	/* devices added and not removed */
	u8 gone[VO_PCM_CARDS_MAX];	/* removed devices, until card free */
};

#define VO_PCM_CARDS_INIT(var, _id, _name) {				\
	.id = _id,							\
	.name = _name,							\
	.lock = __MUTEX_INITIALIZER(var.lock),				\
}

/*
 * Add device @index of a family (card index / VO_PCM_PER_CARD, device
 * index % VO_PCM_PER_CARD) running at @rate. Sleeps.
 */
struct vo_pcm *vo_pcm_add(struct vo_pcm_cards *cards, unsigned int index,
			  const char *name, unsigned int rate);
/*
 * Remove it once the tick no longer moves it: open streams are stopped
 * and fail from then on; the memory goes when the last one is closed.
 */
void vo_pcm_remove(struct vo_pcm *pcm);
/* Its ALSA name for aplay -D, e.g. "hw:CARD=voffload0,DEV=3\n". */
int vo_pcm_show_name(const struct vo_pcm *pcm, char *buf);

/*
 * From the tick, one call per direction and tick: mix playback into
 * @frame, or record @frame. Returns how many ALSA xruns were detected.
 */
u32 vo_pcm_play(struct vo_pcm *pcm, s16 *frame, unsigned int n);
u32 vo_pcm_record(struct vo_pcm *pcm, const s16 *frame, unsigned int n);

#endif /* _VO_SLIC_PCM_H */
