/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Digit maps as ATAs and MGCP (RFC 3435 2.1.5) write them, alternatives
 * separated by '|': digits, * and #; 'x' any digit; [1-58] a set; '.'
 * any number (also none) of the element before; 'T' where the
 * inter-digit timer must run out first. "x.T" (the default) sends
 * whatever was dialled once the phone is quiet; "911|1xxxxxxxxxx|[2-9]xxxxxx"
 * sends as soon as the number is complete.
 */
#ifndef VOFFLOADD_DIGITMAP_H
#define VOFFLOADD_DIGITMAP_H

#include <stdbool.h>

enum vo_dm_result {
	VO_DM_NOMATCH,		/* nothing can match: reorder tone */
	VO_DM_PARTIAL,		/* more digits needed */
	VO_DM_TIMER,		/* a match once the timer runs out */
	VO_DM_MATCH,		/* complete: call now */
};

enum vo_dm_result vo_digitmap_match(const char *map, const char *dialled);
/* Is @map well formed? For the config check. */
bool vo_digitmap_valid(const char *map);

#endif
