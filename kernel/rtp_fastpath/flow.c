// SPDX-License-Identifier: GPL-2.0
/*
 * Flow objects: an id, one per line, and the lifecycle. A flow ends when
 * the daemon deletes it, when its socket is closed (the daemon died, say),
 * when its line goes away, or when the module unloads; each end is
 * reported with its reason. Ending is under vo_lines_mutex; the memory
 * goes after an RCU grace period, since packets may still be looking at it.
 */
#include <linux/idr.h>
#include <linux/mm.h>
#include <linux/netdevice.h>
#include <linux/slab.h>

#include "../slic/slic.h"
#include "fastpath.h"
#include "flow.h"

static DEFINE_IDR(vo_flows);
/* Socket-closed ends run here, so unloading can wait for them. */
static struct workqueue_struct *vo_flow_wq;

struct vo_flow *vo_flow_find(u32 id)
{
	lockdep_assert_held(&vo_lines_mutex);
	return idr_find(&vo_flows, id);
}

struct vo_flow *vo_flow_next(u32 *id)
{
	int next = *id;
	struct vo_flow *flow;

	lockdep_assert_held(&vo_lines_mutex);
	flow = idr_get_next(&vo_flows, &next);
	*id = next;
	return flow;
}

static void vo_flow_free(struct rcu_head *rcu)
{
	struct vo_flow *flow = container_of(rcu, struct vo_flow, rcu);

	kvfree(flow->jb);
	kfree(flow);
}

void vo_flow_put(struct vo_flow *flow)
{
	/* After a grace period: a packet may still be looking at it. */
	if (refcount_dec_and_test(&flow->ref))
		call_rcu(&flow->rcu, vo_flow_free);
}

static void vo_flow_closed_work(struct work_struct *work)
{
	struct vo_flow *flow = container_of(work, struct vo_flow, closed_work);

	mutex_lock(&vo_lines_mutex);
	vo_flow_end(flow, VOFFLOAD_FLOW_END_SOCKET_CLOSED);
	mutex_unlock(&vo_lines_mutex);
	vo_flow_put(flow);	/* the socket's reference */
}

/* The socket is being destroyed and has let go of the flow. */
void vo_flow_closed(struct vo_flow *flow)
{
	queue_work(vo_flow_wq, &flow->closed_work);
}

struct vo_flow *vo_flow_create(struct vo_line *line, int fd,
			       const struct vo_flow_cfg *cfg,
			       struct netlink_ext_ack *extack)
{
	struct vo_flow *flow;
	int id, err;

	lockdep_assert_held(&vo_lines_mutex);
	if (line->flow) {
		NL_SET_ERR_MSG(extack, "the line already has a flow");
		return ERR_PTR(-EBUSY);
	}
	flow = kzalloc(sizeof(*flow), GFP_KERNEL);
	if (!flow)
		return ERR_PTR(-ENOMEM);
	/* 44 KiB: vmalloc rather than a high-order page on a router */
	flow->jb = kvzalloc(sizeof(*flow->jb), GFP_KERNEL);
	if (!flow->jb) {
		err = -ENOMEM;
		goto err_free;
	}
	refcount_set(&flow->ref, 1);		/* the id's */
	spin_lock_init(&flow->lock);
	INIT_KFIFO(flow->dtmf_events);
	INIT_WORK(&flow->closed_work, vo_flow_closed_work);
	flow->cfg = *cfg;
	flow->line = line;
	flow->rate = line->rate;
	flow->last_rx = ktime_get();	/* a peer that never sends times out */
	flow->jb_frame_at = flow->last_rx;
	vo_flow_jb_init(flow);
	vo_flow_rx_reset(flow);
	vo_flow_tx_reset(flow);
	vo_flow_codec_reset(flow);

	/*
	 * Cyclic: an id is not given again until the id space wraps, so an
	 * event of a flow just deleted (its END, a late DTMF) cannot be taken
	 * for one of the flow that replaced it, as on a hold (flow-del, then
	 * flow-new on the line at once).
	 */
	id = idr_alloc_cyclic(&vo_flows, flow, 0, 0, GFP_KERNEL);
	if (id < 0) {
		err = id;
		goto err_free;
	}
	flow->id = id;
	err = vo_flow_sock_attach(flow, fd, extack);
	if (err) {
		idr_remove(&vo_flows, id);
		goto err_free;
	}
	/* From the next tick on, the line's audio goes this way. */
	spin_lock_bh(&line->lock);
	line->flow = flow;
	spin_unlock_bh(&line->lock);
	return flow;

err_free:
	kvfree(flow->jb);
	kfree(flow);
	return ERR_PTR(err);
}

void vo_flow_end(struct vo_flow *flow, enum voffload_flow_end reason)
{
	struct vo_line *line = flow->line;

	lockdep_assert_held(&vo_lines_mutex);
	if (flow->ended)
		return;
	flow->ended = true;
	spin_lock_bh(&line->lock);
	line->flow = NULL;
	spin_unlock_bh(&line->lock);
	vo_flow_sock_detach(flow);
	idr_remove(&vo_flows, flow->id);
	vo_nl_flow_end(flow, reason);
	vo_flow_put(flow);	/* the id's reference */
}

void vo_flows_line_gone(struct vo_line *line)
{
	lockdep_assert_held(&vo_lines_mutex);
	if (line->flow)
		vo_flow_end(line->flow, VOFFLOAD_FLOW_END_LINE_GONE);
}

int vo_flows_init(void)
{
	vo_flow_wq = alloc_workqueue("voffload_flow", 0, 0);
	return vo_flow_wq ? 0 : -ENOMEM;
}

void vo_flows_exit(void)
{
	struct vo_flow *flow;
	u32 id = 0;

	mutex_lock(&vo_lines_mutex);
	while ((flow = vo_flow_next(&id)))
		vo_flow_end(flow, VOFFLOAD_FLOW_END_UNLOAD);
	mutex_unlock(&vo_lines_mutex);
	/* Ends queued by closing sockets find their flows ended already. */
	destroy_workqueue(vo_flow_wq);
	vo_flow_events_flush();
	/* Packets that saw a flow before its socket let go are done. */
	synchronize_net();
	rcu_barrier();
}
