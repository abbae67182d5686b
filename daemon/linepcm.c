// SPDX-License-Identifier: GPL-2.0
/*
 * A line's ALSA playback device (see linepcm.h). The rate comes from the
 * device, which offers only its line's, so nobody has to be told it.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "linepcm.h"
#include "log.h"

#define VO_LINEPCM_PERIOD_MS	10

static int vo_linepcm_name(unsigned int line, char *name, size_t len)
{
	char path[64];
	FILE *f;
	int ok;

	snprintf(path, sizeof(path), "/sys/class/voffload/line%u/pcm", line);
	f = fopen(path, "re");
	if (!f)
		return -1;
	ok = !!fgets(name, len, f);
	fclose(f);
	if (!ok)
		return -1;
	name[strcspn(name, "\n")] = 0;
	return 0;
}

static int vo_linepcm_hw_params(struct vo_linepcm *p, unsigned int periods)
{
	snd_pcm_uframes_t period;
	snd_pcm_hw_params_t *hw;
	unsigned int rate;
	int err;

	snd_pcm_hw_params_alloca(&hw);
	err = snd_pcm_hw_params_any(p->pcm, hw);
	if (err < 0)
		return err;
	err = snd_pcm_hw_params_get_rate_min(hw, &rate, NULL);
	if (err < 0)
		return err;
	if (rate != 8000 && rate != 16000)
		return -EINVAL;
	period = rate / 1000 * VO_LINEPCM_PERIOD_MS;
	p->buffer = period * periods;
	err = snd_pcm_hw_params_set_access(p->pcm, hw,
					   SND_PCM_ACCESS_RW_INTERLEAVED);
	if (!err)
		err = snd_pcm_hw_params_set_format(p->pcm, hw,
						   SND_PCM_FORMAT_S16_LE);
	if (!err)
		err = snd_pcm_hw_params_set_channels(p->pcm, hw, 1);
	if (!err)
		err = snd_pcm_hw_params_set_rate(p->pcm, hw, rate, 0);
	if (!err)
		err = snd_pcm_hw_params_set_period_size_near(p->pcm, hw,
							     &period, NULL);
	if (!err)
		err = snd_pcm_hw_params_set_buffer_size_near(p->pcm, hw,
							     &p->buffer);
	if (!err)
		err = snd_pcm_hw_params(p->pcm, hw);
	p->rate = rate;
	return err;
}

int vo_linepcm_open(struct vo_linepcm *p, unsigned int line,
		    unsigned int periods, const char *what)
{
	char name[64];
	int err;

	if (vo_linepcm_name(line, name, sizeof(name))) {
		vo_warn("line %u: %s: no ALSA device: %m", line, what);
		return -1;
	}
	/* non-blocking: a busy device fails at once instead of waiting */
	err = snd_pcm_open(&p->pcm, name, SND_PCM_STREAM_PLAYBACK,
			   SND_PCM_NONBLOCK);
	if (err < 0) {
		p->pcm = NULL;
		vo_warn("line %u: %s: %s: %s", line, what, name,
			snd_strerror(err));
		return -1;
	}
	err = vo_linepcm_hw_params(p, periods);
	if (err < 0) {
		vo_warn("line %u: %s: %s: hw params: %s", line, what, name,
			snd_strerror(err));
		vo_linepcm_close(p);
		return -1;
	}
	return 0;
}

void vo_linepcm_close(struct vo_linepcm *p)
{
	if (p->pcm) {
		/* non-blocking: close drops what is queued, it does not drain */
		snd_pcm_close(p->pcm);
		p->pcm = NULL;
	}
}
