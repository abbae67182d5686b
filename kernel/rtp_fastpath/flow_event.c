// SPDX-License-Identifier: GPL-2.0
/*
 * Flow events found where no message can be built (a packet's softirq,
 * the tick): a bit is set on the flow and a work item sends what is set,
 * for every flow, under vo_lines_mutex. An event repeated before the work
 * runs is sent once: the daemon needs to know it happened, not how often.
 */
#include <linux/workqueue.h>

#include "../slic/slic.h"
#include "flow.h"

static void vo_flow_events_send(struct work_struct *work);
static DECLARE_WORK(vo_flow_event_work, vo_flow_events_send);

void vo_flow_event(struct vo_flow *flow, int ev)
{
	if (!test_and_set_bit(ev, &flow->ev_pending))
		schedule_work(&vo_flow_event_work);
}

static bool vo_flow_dtmf_pop(struct vo_flow *flow, struct vo_flow_dtmf_ev *ev)
{
	bool got;

	spin_lock_bh(&flow->lock);
	got = kfifo_get(&flow->dtmf_events, ev);
	spin_unlock_bh(&flow->lock);
	return got;
}

/* Digits are sent each one, in order: unlike the others, all count. */
static void vo_flow_dtmf_send(struct vo_flow *flow)
{
	struct vo_flow_dtmf_ev ev;

	while (vo_flow_dtmf_pop(flow, &ev))
		vo_nl_flow_dtmf(flow, &ev);
}

static void vo_flow_events_send(struct work_struct *work)
{
	struct vo_flow *flow;
	u32 id = 0, ssrc;

	mutex_lock(&vo_lines_mutex);
	for (; (flow = vo_flow_next(&id)); id++) {
		if (test_and_clear_bit(VO_FLOW_EV_TIMEOUT, &flow->ev_pending))
			vo_nl_flow_notify(flow, VOFFLOAD_FLOW_EVENT_RTP_TIMEOUT,
					  0);
		if (test_and_clear_bit(VO_FLOW_EV_SSRC, &flow->ev_pending)) {
			spin_lock_bh(&flow->lock);
			ssrc = flow->rx.ssrc;
			spin_unlock_bh(&flow->lock);
			vo_nl_flow_notify(flow, VOFFLOAD_FLOW_EVENT_SSRC_CHANGE,
					  ssrc);
		}
		if (test_and_clear_bit(VO_FLOW_EV_DTMF, &flow->ev_pending))
			vo_flow_dtmf_send(flow);
	}
	mutex_unlock(&vo_lines_mutex);
}

/* Before the module goes: no work may run once the code is gone. */
void vo_flow_events_flush(void)
{
	cancel_work_sync(&vo_flow_event_work);
}
