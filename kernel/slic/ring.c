// SPDX-License-Identifier: GPL-2.0
/*
 * Line feed: ring cadence, polarity and on-hook transmission windows.
 *
 * Segment ends are computed from the start of ringing, not from the tick
 * that noticed the previous end, so the cadence does not drift with tick
 * latency: each change is at most one tick late and never accumulates.
 */
#include "slic.h"

static void vo_feed_apply(struct vo_line *line, enum voffload_feed feed)
{
	if (line->ring.feed == feed)
		return;
	line->ring.feed = feed;
	line->ops->set_feed(line, feed);
}

/* The feed of a line that is not ringing right now. */
static enum voffload_feed vo_feed_idle(struct vo_line *line)
{
	bool rev = line->polarity == VOFFLOAD_POLARITY_REVERSED;

	if (line->ring.oht_end)
		return rev ? VOFFLOAD_FEED_OHT_REVERSE : VOFFLOAD_FEED_OHT_FORWARD;
	return rev ? VOFFLOAD_FEED_REVERSE : VOFFLOAD_FEED_FORWARD;
}

/* Even segments ring, odd ones are the silences between. */
static void vo_ring_apply(struct vo_line *line)
{
	struct vo_ring *r = &line->ring;

	if (r->ringing && !(r->segment & 1))
		vo_feed_apply(line, VOFFLOAD_FEED_RINGING);
	else
		vo_feed_apply(line, vo_feed_idle(line));
}

void vo_ring_init(struct vo_line *line)
{
	line->ring.ringing = false;
	line->ring.oht_end = 0;
	line->ring.feed = VOFFLOAD_FEED_OPEN;
	vo_ring_apply(line);
}

int vo_ring_start(struct vo_line *line, ktime_t now,
		  struct netlink_ext_ack *extack)
{
	struct vo_ring *r = &line->ring;

	if (line->hook.state == VOFFLOAD_HOOK_OFF_HOOK) {
		NL_SET_ERR_MSG(extack, "cannot ring: the phone is off-hook");
		return -EBUSY;
	}
	if (r->ringing)
		return 0;
	r->ringing = true;
	r->segment = 0;
	r->segment_end = ktime_add_ms(now, line->cadence.segment_ms[0]);
	vo_ring_apply(line);
	return 0;
}

void vo_ring_stop(struct vo_line *line)
{
	line->ring.ringing = false;
	vo_ring_apply(line);
}

static void vo_ring_advance(struct vo_line *line, ktime_t now)
{
	const struct vo_cadence *c = &line->cadence;
	struct vo_ring *r = &line->ring;

	while (ktime_compare(now, r->segment_end) >= 0) {
		if (++r->segment >= c->n_segments) {
			r->segment = c->loop_from;
			line->stats.ring_cycles++;
		}
		r->segment_end = ktime_add_ms(r->segment_end,
					      c->segment_ms[r->segment]);
	}
}

void vo_ring_tick(struct vo_line *line, ktime_t now)
{
	struct vo_ring *r = &line->ring;

	if (r->oht_end && ktime_compare(now, r->oht_end) >= 0)
		r->oht_end = 0;
	if (r->ringing)
		vo_ring_advance(line, now);
	vo_ring_apply(line);
}

void vo_ring_polarity(struct vo_line *line, enum voffload_polarity pol)
{
	line->polarity = pol;
	vo_ring_apply(line);
}

int vo_ring_oht(struct vo_line *line, ktime_t now, u32 ms,
		struct netlink_ext_ack *extack)
{
	if (line->hook.state == VOFFLOAD_HOOK_OFF_HOOK) {
		NL_SET_ERR_MSG(extack, "on-hook transmission needs the phone on-hook");
		return -EBUSY;
	}
	line->ring.oht_end = ktime_add_ms(now, ms);
	vo_ring_apply(line);
	return 0;
}

/* Ring trip: a phone picked up while ringing stops the ringing at once. */
void vo_ring_hook_changed(struct vo_line *line)
{
	if (line->hook.state == VOFFLOAD_HOOK_OFF_HOOK) {
		line->ring.ringing = false;
		line->ring.oht_end = 0;
	}
	vo_ring_apply(line);
}
