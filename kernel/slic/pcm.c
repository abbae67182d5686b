// SPDX-License-Identifier: GPL-2.0
/*
 * One ALSA PCM device moved by the tick (see pcm.h). The tick is the
 * device's clock: each tick takes one 10 ms frame from the playback buffer
 * and puts one into the capture buffer, and a period ends on a tick, so
 * periods are whole ticks. The device exists until its card is freed, which
 * ALSA delays until the last stream is closed, so streams left open when a
 * line goes away only see errors.
 */
#include <sound/core.h>
#include <sound/pcm.h>

#include "pcm_internal.h"
#include "slic.h"

/* Two seconds at 16 kHz: more than any telephony application buffers. */
#define VO_PCM_BUFFER_MAX	(VO_RATE_WB * 2 * sizeof(s16))

static const struct snd_pcm_hardware vo_pcm_hw = {
	/* BATCH: the position moves a frame at a time, not sample by sample. */
	.info = SNDRV_PCM_INFO_INTERLEAVED | SNDRV_PCM_INFO_BLOCK_TRANSFER |
		SNDRV_PCM_INFO_MMAP | SNDRV_PCM_INFO_MMAP_VALID |
		SNDRV_PCM_INFO_BATCH,
	.formats = SNDRV_PCM_FMTBIT_S16_LE,
	.channels_min = 1,
	.channels_max = 1,
	.buffer_bytes_max = VO_PCM_BUFFER_MAX,
	.period_bytes_min = VO_RATE_NB / 1000 * VO_TICK_MS * sizeof(s16),
	.period_bytes_max = VO_PCM_BUFFER_MAX / 2,
	.periods_min = 2,
	.periods_max = 1024,
};

static struct vo_pcm_dir *vo_pcm_dir(struct snd_pcm_substream *ss)
{
	struct vo_pcm *p = snd_pcm_substream_chip(ss);

	return &p->dir[ss->stream];
}

static int vo_pcm_open(struct snd_pcm_substream *ss)
{
	struct vo_pcm *p = snd_pcm_substream_chip(ss);
	struct snd_pcm_runtime *rt = ss->runtime;
	unsigned long flags;
	int err;

	rt->hw = vo_pcm_hw;
	rt->hw.rates = snd_pcm_rate_to_rate_bit(p->rate);
	rt->hw.rate_min = p->rate;
	rt->hw.rate_max = p->rate;
	/* Periods end on ticks; a buffer is whole periods. */
	err = snd_pcm_hw_constraint_step(rt, 0, SNDRV_PCM_HW_PARAM_PERIOD_SIZE,
					 p->rate / 1000 * VO_TICK_MS);
	if (err < 0)
		return err;
	err = snd_pcm_hw_constraint_integer(rt, SNDRV_PCM_HW_PARAM_PERIODS);
	if (err < 0)
		return err;
	spin_lock_irqsave(&p->lock, flags);
	vo_pcm_dir(ss)->substream = ss;
	spin_unlock_irqrestore(&p->lock, flags);
	return 0;
}

static int vo_pcm_close(struct snd_pcm_substream *ss)
{
	struct vo_pcm *p = snd_pcm_substream_chip(ss);
	unsigned long flags;

	spin_lock_irqsave(&p->lock, flags);
	vo_pcm_dir(ss)->running = false;	/* stopped already; to be sure */
	vo_pcm_dir(ss)->substream = NULL;
	spin_unlock_irqrestore(&p->lock, flags);
	return 0;
}

static int vo_pcm_prepare(struct snd_pcm_substream *ss)
{
	struct vo_pcm *p = snd_pcm_substream_chip(ss);
	struct vo_pcm_dir *d = vo_pcm_dir(ss);
	unsigned long flags;

	spin_lock_irqsave(&p->lock, flags);
	/* An xrun the application's own call found, not the tick. */
	if (ss->runtime->state == SNDRV_PCM_STATE_XRUN && !d->xrun_counted)
		p->xruns++;
	d->xrun_counted = false;
	d->running = false;
	d->pos = 0;
	d->period_left = ss->runtime->period_size;
	spin_unlock_irqrestore(&p->lock, flags);
	return 0;
}

static int vo_pcm_trigger(struct snd_pcm_substream *ss, int cmd)
{
	struct vo_pcm *p = snd_pcm_substream_chip(ss);
	unsigned long flags;
	bool run;

	switch (cmd) {
	case SNDRV_PCM_TRIGGER_START:
		run = true;
		break;
	case SNDRV_PCM_TRIGGER_STOP:
	case SNDRV_PCM_TRIGGER_SUSPEND:	/* no resume: apps prepare again */
		run = false;
		break;
	default:
		return -EINVAL;
	}
	spin_lock_irqsave(&p->lock, flags);
	vo_pcm_dir(ss)->running = run;
	spin_unlock_irqrestore(&p->lock, flags);
	return 0;
}

static snd_pcm_uframes_t vo_pcm_pointer(struct snd_pcm_substream *ss)
{
	struct vo_pcm *p = snd_pcm_substream_chip(ss);
	snd_pcm_uframes_t pos;
	unsigned long flags;

	spin_lock_irqsave(&p->lock, flags);
	pos = vo_pcm_dir(ss)->pos;
	spin_unlock_irqrestore(&p->lock, flags);
	return pos;
}

/*
 * After a stop, wait out a tick that may still be using the stream. It
 * spins at most one tick's work (tick_work_max_us), with bottom halves
 * off, and only on close, prepare and hw_params.
 */
static int vo_pcm_sync_stop(struct snd_pcm_substream *ss)
{
	vo_clock_sync();
	return 0;
}

static const struct snd_pcm_ops vo_pcm_ops = {
	.open = vo_pcm_open,
	.close = vo_pcm_close,
	.prepare = vo_pcm_prepare,
	.trigger = vo_pcm_trigger,
	.pointer = vo_pcm_pointer,
	.sync_stop = vo_pcm_sync_stop,
};

/*
 * Move @n samples of a running stream: mix playback into @play, or record
 * @rec. True if a period ended, and then *@ss is the stream to tell.
 */
static bool vo_pcm_move(struct vo_pcm_dir *d, s16 *play, const s16 *rec,
			unsigned int n, struct snd_pcm_substream **ss)
{
	struct snd_pcm_runtime *rt = d->substream->runtime;
	__le16 *buf = (__le16 *)rt->dma_area;
	bool elapsed = false;
	unsigned int i;

	*ss = d->substream;
	for (i = 0; i < n; i++) {
		if (play)
			play[i] = vo_mix(play[i], (s16)le16_to_cpu(buf[d->pos]));
		else
			buf[d->pos] = cpu_to_le16(rec[i]);
		if (++d->pos == rt->buffer_size)
			d->pos = 0;
		if (!--d->period_left) {
			d->period_left = rt->period_size;
			elapsed = true;
		}
	}
	return elapsed;
}

/*
 * One tick of a direction; returns the xruns found since the last call.
 * ALSA is told of a period's end outside our lock: it calls pointer().
 */
static u32 vo_pcm_tick(struct vo_pcm *p, s16 *play, const s16 *rec,
		       unsigned int n)
{
	struct vo_pcm_dir *d = &p->dir[play ? SNDRV_PCM_STREAM_PLAYBACK :
					   SNDRV_PCM_STREAM_CAPTURE];
	struct snd_pcm_substream *ss;
	unsigned long flags;
	bool elapsed = false;
	u32 xruns;

	spin_lock_irqsave(&p->lock, flags);
	if (d->running)
		elapsed = vo_pcm_move(d, play, rec, n, &ss);
	xruns = p->xruns;
	p->xruns = 0;
	spin_unlock_irqrestore(&p->lock, flags);
	if (!elapsed)
		return xruns;

	snd_pcm_period_elapsed(ss);
	/* Stopped for an xrun by it: sync_stop keeps ss valid until we return. */
	if (READ_ONCE(ss->runtime->state) == SNDRV_PCM_STATE_XRUN) {
		spin_lock_irqsave(&p->lock, flags);
		d->xrun_counted = true;
		spin_unlock_irqrestore(&p->lock, flags);
		xruns++;
	}
	return xruns;
}

u32 vo_pcm_play(struct vo_pcm *p, s16 *frame, unsigned int n)
{
	return p ? vo_pcm_tick(p, frame, NULL, n) : 0;
}
EXPORT_SYMBOL_GPL(vo_pcm_play);

u32 vo_pcm_record(struct vo_pcm *p, const s16 *frame, unsigned int n)
{
	return p ? vo_pcm_tick(p, NULL, frame, n) : 0;
}
EXPORT_SYMBOL_GPL(vo_pcm_record);

int vo_pcm_show_name(const struct vo_pcm *p, char *buf)
{
	/* The card's id now: ALSA may have changed it, and root may. */
	return sysfs_emit(buf, "hw:CARD=%s,DEV=%d\n", p->card->id,
			  p->pcm->device);
}
EXPORT_SYMBOL_GPL(vo_pcm_show_name);

/* Device @device of @card, in the card's private data; freed with it. */
struct vo_pcm *vo_pcm_new(struct snd_card *card, unsigned int device,
			  const char *name, unsigned int rate)
{
	struct vo_pcm *p = (struct vo_pcm *)card->private_data + device;
	struct snd_pcm *pcm;
	int err;

	err = snd_pcm_new(card, name, device, 1, 1, &pcm);
	if (err < 0)
		return ERR_PTR(err);
	memset(p, 0, sizeof(*p));
	spin_lock_init(&p->lock);
	p->pcm = pcm;
	p->card = card;
	p->rate = rate;
	pcm->private_data = p;
	strscpy(pcm->name, name, sizeof(pcm->name));
	snd_pcm_set_ops(pcm, SNDRV_PCM_STREAM_PLAYBACK, &vo_pcm_ops);
	snd_pcm_set_ops(pcm, SNDRV_PCM_STREAM_CAPTURE, &vo_pcm_ops);
	/* Buffers are allocated at hw_params, as the application sizes them. */
	err = snd_pcm_set_managed_buffer_all(pcm, SNDRV_DMA_TYPE_VMALLOC, NULL,
					     0, 0);
	if (err < 0) {
		snd_device_free(card, pcm);
		return ERR_PTR(err);
	}
	return p;
}
