// SPDX-License-Identifier: GPL-2.0
/*
 * Hook debounce and classification.
 *
 * Drivers hand in raw hook edges with the time they happened; the lengths
 * of breaks (on-hook periods while off-hook) are measured from those times,
 * not from the tick, so classification is exact to the driver's clock. The
 * tick only decides things that depend on nothing happening: an off-hook
 * that lasted past debounce, an on-hook long enough to be a hang-up, or a
 * make long enough to end a pulse digit.
 */
#include "slic.h"

static u32 vo_ms_between(ktime_t from, ktime_t to)
{
	s64 ms = ktime_ms_delta(to, from);

	return ms < 0 ? 0 : ms;
}

void vo_hook_init(struct vo_line *line)
{
	line->hook.state = VOFFLOAD_HOOK_ON_HOOK;
	line->hook.raw = VOFFLOAD_HOOK_ON_HOOK;
	line->hook.raw_since = ktime_get();
	line->hook.pulses = 0;
}

static void vo_hook_set(struct vo_line *line, enum voffload_hook state,
			ktime_t when)
{
	line->hook.state = state;
	line->hook.pulses = 0;
	vo_event_emit(line, state == VOFFLOAD_HOOK_OFF_HOOK ?
		      VOFFLOAD_EVENT_OFF_HOOK : VOFFLOAD_EVENT_ON_HOOK,
		      when, 0, 0);
	vo_ring_hook_changed(line);
}

static void vo_hook_end_digit(struct vo_line *line)
{
	struct vo_hook *h = &line->hook;

	if (!h->pulses)
		return;
	/* Ten breaks dial 0. */
	vo_event_emit(line, VOFFLOAD_EVENT_PULSE_DIGIT, h->digit_start,
		      h->pulses % 10, 0);
	h->pulses = 0;
}

/* A break of @ms that started at @start has ended: what was it? */
static void vo_hook_break(struct vo_line *line, ktime_t start, u32 ms)
{
	const struct vo_hook_windows *w = &line->windows;
	struct vo_hook *h = &line->hook;

	if (ms < w->debounce_ms)
		return;
	if (ms >= w->pulse_break_min_ms && ms <= w->pulse_break_max_ms) {
		if (!h->pulses++)
			h->digit_start = start;
		return;
	}
	vo_hook_end_digit(line);
	if (ms >= w->flash_min_ms && ms <= w->flash_max_ms)
		vo_event_emit(line, VOFFLOAD_EVENT_FLASH, start, 0, ms);
	else if (ms >= w->onhook_ms)
		vo_hook_set(line, VOFFLOAD_HOOK_ON_HOOK, start);
	/* Breaks between the windows mean nothing and are ignored. */
}

void vo_hook_edge(struct vo_line *line, enum voffload_hook raw, ktime_t when)
{
	struct vo_hook *h = &line->hook;
	ktime_t prev_since = h->raw_since;

	if (raw == h->raw)
		return;
	h->raw = raw;
	h->raw_since = when;
	if (h->state != VOFFLOAD_HOOK_OFF_HOOK)
		return;
	if (raw == VOFFLOAD_HOOK_OFF_HOOK)
		vo_hook_break(line, prev_since, vo_ms_between(prev_since, when));
	else if (vo_ms_between(prev_since, when) > line->windows.pulse_make_max_ms)
		/* The make before this break was too long to join a digit. */
		vo_hook_end_digit(line);
}

void vo_hook_tick(struct vo_line *line, ktime_t now)
{
	const struct vo_hook_windows *w = &line->windows;
	struct vo_hook *h = &line->hook;
	u32 held = vo_ms_between(h->raw_since, now);

	if (h->state == VOFFLOAD_HOOK_ON_HOOK) {
		if (h->raw == VOFFLOAD_HOOK_OFF_HOOK && held >= w->debounce_ms)
			vo_hook_set(line, VOFFLOAD_HOOK_OFF_HOOK, h->raw_since);
		return;
	}
	if (h->raw == VOFFLOAD_HOOK_ON_HOOK && held >= w->onhook_ms)
		vo_hook_set(line, VOFFLOAD_HOOK_ON_HOOK, h->raw_since);
	else if (h->raw == VOFFLOAD_HOOK_OFF_HOOK && held > w->pulse_make_max_ms)
		vo_hook_end_digit(line);
}
