/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The FXS lines as the daemon sees them: found in the kernel at start,
 * matched to the config's [line N] sections, their hook state and the
 * digits dialled since the phone went off-hook, kept from line events.
 */
#ifndef VOFFLOADD_LINES_H
#define VOFFLOADD_LINES_H

#include <stdio.h>

#include "config.h"
#include "kernel.h"

#define VO_DIALLED_MAX	32

struct vo_line_state {
	struct vo_kline k;
	const struct vo_cfg_line *cfg;	/* NULL: not configured */
	char dialled[VO_DIALLED_MAX + 1];
	unsigned int events;		/* line events seen */
};

/*
 * Find the kernel's lines, match them to the config, and give each its
 * country's profile: the kernel's ring cadence and hook timing, our tones.
 */
int vo_lines_init(const struct vo_config *cfg);
/* @cfg's line settings (country, gains) to the kernel again: a reload */
int vo_lines_reconfigure(const struct vo_config *cfg);
/* Kernel line @id as found at start (its cadence); NULL if none. */
const struct vo_kline *vo_line_kernel(unsigned int id);
void vo_lines_event(unsigned int line, int event, int digit,
		    unsigned int duration_ms);
/* voffloadctl's "lines": one row per line. */
void vo_lines_show(FILE *out);

#endif
