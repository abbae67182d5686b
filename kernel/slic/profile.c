// SPDX-License-Identifier: GPL-2.0
/*
 * Country profiles: ring cadence and hook timing defaults, and the checks
 * any cadence or hook windows must pass, whoever sets them.
 *
 * Sources for the defaults: the national ring cadences (US 2 s on 4 s off;
 * GB double ring 0.4/0.2/0.4/2.0 s; DE 1 s on 4 s off; FR 1.5 s on 3.5 s
 * off), pulse dialling at 10 pps with a nominal 60-67 ms break, and the
 * hook flash ("recall") lengths used by each country's networks: a long
 * flash in North America, a timed break recall of about 100 ms in Europe.
 * ATA vendors ship similar windows; any of them can be changed per line.
 */
#include <linux/string.h>

#include "slic.h"

#define WINDOWS(deb, pmin, pmax, make, fmin, fmax, onhook) {		\
	.debounce_ms = deb, .pulse_break_min_ms = pmin,			\
	.pulse_break_max_ms = pmax, .pulse_make_max_ms = make,		\
	.flash_min_ms = fmin, .flash_max_ms = fmax, .onhook_ms = onhook }

static const struct vo_profile vo_profiles[] = {
	{
		.country = "US",
		.cadence = { .segment_ms = { 2000, 4000 }, .n_segments = 2 },
		.windows = WINDOWS(10, 20, 120, 150, 250, 900, 1000),
	}, {
		.country = "GB",
		.cadence = { .segment_ms = { 400, 200, 400, 2000 },
			     .n_segments = 4 },
		.windows = WINDOWS(10, 20, 75, 150, 80, 150, 500),
	}, {
		.country = "DE",
		.cadence = { .segment_ms = { 1000, 4000 }, .n_segments = 2 },
		.windows = WINDOWS(10, 20, 75, 150, 80, 150, 500),
	}, {
		.country = "FR",
		.cadence = { .segment_ms = { 1500, 3500 }, .n_segments = 2 },
		.windows = WINDOWS(10, 20, 75, 150, 80, 300, 500),
	},
};

const struct vo_profile vo_profile_default = {
	.country = "US",
	.cadence = { .segment_ms = { 2000, 4000 }, .n_segments = 2 },
	.windows = WINDOWS(10, 20, 120, 150, 250, 900, 1000),
};

const struct vo_profile *vo_profile_find(const char *country)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(vo_profiles); i++)
		if (!strcmp(vo_profiles[i].country, country))
			return &vo_profiles[i];
	return NULL;
}

int vo_cadence_check(const struct vo_cadence *c, struct netlink_ext_ack *ext)
{
	if (!c->n_segments) {
		NL_SET_ERR_MSG(ext, "a ring cadence needs at least one segment");
		return -EINVAL;
	}
	if (c->loop_from >= c->n_segments) {
		NL_SET_ERR_MSG(ext, "cadence loop-from is past the last segment");
		return -EINVAL;
	}
	return 0;
}

/* Each bound must be above the one before it: the windows cannot overlap. */
int vo_windows_check(const struct vo_hook_windows *w,
		     struct netlink_ext_ack *extack)
{
	if (w->debounce_ms >= w->pulse_break_min_ms) {
		NL_SET_ERR_MSG(extack, "debounce must be shorter than the shortest pulse break");
		return -EINVAL;
	}
	if (w->pulse_break_min_ms > w->pulse_break_max_ms) {
		NL_SET_ERR_MSG(extack, "pulse break min is above its max");
		return -EINVAL;
	}
	if (w->pulse_break_max_ms >= w->flash_min_ms) {
		NL_SET_ERR_MSG(extack, "a pulse break must be shorter than a flash");
		return -EINVAL;
	}
	if (w->flash_min_ms > w->flash_max_ms) {
		NL_SET_ERR_MSG(extack, "flash min is above its max");
		return -EINVAL;
	}
	if (w->flash_max_ms >= w->onhook_ms) {
		NL_SET_ERR_MSG(extack, "a flash must be shorter than an on-hook");
		return -EINVAL;
	}
	if (w->pulse_make_max_ms <= w->debounce_ms ||
	    w->pulse_make_max_ms >= w->onhook_ms) {
		NL_SET_ERR_MSG(extack, "pulse make max must lie between debounce and on-hook");
		return -EINVAL;
	}
	return 0;
}
