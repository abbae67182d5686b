// SPDX-License-Identifier: GPL-2.0
/*
 * Each line's ALSA PCM device: card voffload<id / 8>, device <id % 8>.
 * ALSA allows 32 cards and 256 device nodes in all, so only lines with an
 * id below the alsa_lines parameter get one (32 by default: 4 cards); the
 * others work the same, without ALSA. /sys/class/voffload/<line>/pcm says
 * which device a line has (line_sysfs.c).
 */
#include <linux/module.h>

#include "pcm.h"
#include "slic.h"

static unsigned int alsa_lines = 32;
module_param(alsa_lines, uint, 0444);
MODULE_PARM_DESC(alsa_lines, "lines (lowest ids first) that get an ALSA PCM device (default 32)");

static struct vo_pcm_cards vo_line_cards =
	VO_PCM_CARDS_INIT(vo_line_cards, "voffload", "voffload lines");

/* Under vo_lines_mutex, before the tick sees the line. */
void vo_line_alsa_add(struct vo_line *line)
{
	struct vo_pcm *pcm;

	if (line->id >= alsa_lines)
		return;
	pcm = vo_pcm_add(&vo_line_cards, line->id, dev_name(&line->dev),
			 line->rate);
	if (IS_ERR(pcm)) {
		/* The line still works; it only lacks ALSA. */
		dev_warn_ratelimited(&line->dev, "no ALSA PCM device: %pe\n",
				     pcm);
		return;
	}
	line->pcm = pcm;
}

/* Under vo_lines_mutex, once the tick no longer sees the line. */
void vo_line_alsa_remove(struct vo_line *line)
{
	if (!line->pcm)
		return;
	vo_pcm_remove(line->pcm);
	line->pcm = NULL;
}
