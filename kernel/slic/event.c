// SPDX-License-Identifier: GPL-2.0
/*
 * Line events: queued per line by the tick (softirq), delivered to the
 * netlink events group by a work item, where allocation may sleep. A full
 * queue drops the event and counts it; the hook state itself stays right.
 */
#include <linux/workqueue.h>

#include "slic.h"

static void vo_event_deliver(struct work_struct *work);
static DECLARE_WORK(vo_event_work, vo_event_deliver);

void vo_event_emit(struct vo_line *line, enum voffload_event type,
		   ktime_t when, u8 digit, u32 duration_ms)
{
	struct vo_line_event ev = {
		.type = type,
		.when = when,
		.digit = digit,
		.duration_ms = duration_ms,
	};

	if (type == VOFFLOAD_EVENT_DTMF)
		line->stats.dtmf_digits += !duration_ms;
	else
		line->stats.hook_events++;
	if (!kfifo_put(&line->events, ev))
		line->stats.events_dropped++;
	schedule_work(&vo_event_work);
}

static bool vo_event_pop(struct vo_line *line, struct vo_line_event *ev)
{
	bool got;

	spin_lock_bh(&line->lock);
	got = kfifo_get(&line->events, ev);
	spin_unlock_bh(&line->lock);
	return got;
}

static void vo_event_deliver(struct work_struct *work)
{
	struct vo_line_event ev;
	struct vo_line *line;
	u32 id = 0;

	mutex_lock(&vo_lines_mutex);
	while ((line = vo_line_next(&id))) {
		while (vo_event_pop(line, &ev))
			vo_nl_line_event(line, &ev);
		id++;
	}
	mutex_unlock(&vo_lines_mutex);
}

/* Before the module goes: no work may run once the code is gone. */
void vo_event_flush(void)
{
	cancel_work_sync(&vo_event_work);
}
