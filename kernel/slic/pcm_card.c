// SPDX-License-Identifier: GPL-2.0
/*
 * Cards for the tick's PCM devices: VO_PCM_PER_CARD devices to a card,
 * made when the first is added and freed (once closed) with the last.
 */
#include <linux/bits.h>
#include <linux/module.h>
#include <sound/core.h>

#include "pcm_internal.h"
#include "slic.h"

/*
 * ALSA wants a parent device for a card. Cards outlive the driver whose
 * lines they hold (until the last stream closes), so the parent is ours:
 * /sys/devices/voffload, which goes only when the module does, and the
 * module stays while any stream is open.
 */
static struct device *vo_pcm_parent;

int vo_pcm_init(void)
{
	vo_pcm_parent = root_device_register("voffload");
	return PTR_ERR_OR_ZERO(vo_pcm_parent);
}

void vo_pcm_exit(void)
{
	root_device_unregister(vo_pcm_parent);
}

static struct snd_card *vo_pcm_card_new(struct vo_pcm_cards *cards,
					unsigned int k)
{
	unsigned int first = k * VO_PCM_PER_CARD;
	struct snd_card *card;
	char id[16];
	int err;

	snprintf(id, sizeof(id), "%s%u", cards->id, k);
	err = snd_card_new(vo_pcm_parent, -1, id, THIS_MODULE,
			   VO_PCM_PER_CARD * sizeof(struct vo_pcm), &card);
	if (err < 0)
		return ERR_PTR(err);
	strscpy(card->driver, "voffload", sizeof(card->driver));
	snprintf(card->shortname, sizeof(card->shortname), "%s %u-%u",
		 cards->name, first, first + VO_PCM_PER_CARD - 1);
	snprintf(card->longname, sizeof(card->longname), "voffload %s %u-%u",
		 cards->name, first, first + VO_PCM_PER_CARD - 1);
	return card;
}

/* A new device on card @k, made if needed; under cards->lock. */
static struct vo_pcm *vo_pcm_card_add(struct vo_pcm_cards *cards,
				      unsigned int k, unsigned int device,
				      const char *name, unsigned int rate)
{
	struct snd_card *card = cards->card[k];
	struct vo_pcm *p;
	int err;

	/*
	 * A removed device stays on its card, disconnected, until the card
	 * is freed: its slot and its proc files are taken until then.
	 */
	if (cards->gone[k] & BIT(device))
		return ERR_PTR(-EBUSY);
	if (!card) {
		card = vo_pcm_card_new(cards, k);
		if (IS_ERR(card))
			return ERR_CAST(card);
	}
	p = vo_pcm_new(card, device, name, rate);
	if (IS_ERR(p)) {
		err = PTR_ERR(p);
		goto err_card;
	}
	/* Registers the new device; the card too, the first time. */
	err = snd_card_register(card);
	if (err < 0) {
		snd_device_free(card, p->pcm);
		goto err_card;
	}
	cards->card[k] = card;
	cards->live[k]++;
	return p;

err_card:
	if (!cards->card[k])
		snd_card_free(card);
	return ERR_PTR(err);
}

struct vo_pcm *vo_pcm_add(struct vo_pcm_cards *cards, unsigned int index,
			  const char *name, unsigned int rate)
{
	unsigned int k = index / VO_PCM_PER_CARD;
	struct vo_pcm *p;

	if (k >= VO_PCM_CARDS_MAX)
		return ERR_PTR(-ERANGE);
	mutex_lock(&cards->lock);
	p = vo_pcm_card_add(cards, k, index % VO_PCM_PER_CARD, name, rate);
	if (!IS_ERR(p)) {
		p->cards = cards;
		p->index = index;
	}
	mutex_unlock(&cards->lock);
	return p;
}
EXPORT_SYMBOL_GPL(vo_pcm_add);

void vo_pcm_remove(struct vo_pcm *p)
{
	struct vo_pcm_cards *cards = p->cards;
	unsigned int k = p->index / VO_PCM_PER_CARD;

	mutex_lock(&cards->lock);
	if (--cards->live[k]) {
		/* Stops its streams and removes its nodes; freed with the card. */
		snd_device_disconnect(cards->card[k], p->pcm);
		cards->gone[k] |= BIT(p->index % VO_PCM_PER_CARD);
	} else {
		snd_card_free_when_closed(cards->card[k]);
		cards->card[k] = NULL;
		cards->gone[k] = 0;
	}
	mutex_unlock(&cards->lock);
}
EXPORT_SYMBOL_GPL(vo_pcm_remove);
