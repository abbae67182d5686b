// SPDX-License-Identifier: GPL-2.0
/*
 * libnl-genl glue. Requests go out on vo_req and are answered there; the
 * events socket is non-blocking, sequence checks off (multicast), and
 * read whenever the loop says it is readable.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include <linux/voffload.h>

#include "kernel.h"
#include "log.h"
#include "loop.h"

static struct nl_sock *vo_req, *vo_ev;
int vo_family;
static const struct vo_kernel_ops *vo_ops;
static char vo_version[64];

struct vo_dump {
	struct vo_kline *out;
	int max, n;
};

static int vo_info_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *a[VOFFLOAD_A_INFO_MAX + 1];

	if (genlmsg_parse(nlmsg_hdr(msg), 0, a, VOFFLOAD_A_INFO_MAX, NULL))
		return NL_SKIP;
	if (a[VOFFLOAD_A_INFO_VERSION])
		snprintf(vo_version, sizeof(vo_version), "%s",
			 nla_get_string(a[VOFFLOAD_A_INFO_VERSION]));
	return NL_OK;
}

static void vo_line_cadence(struct vo_kline *l, struct nlattr *nest)
{
	unsigned int max = sizeof(l->cadence_ms) / sizeof(l->cadence_ms[0]);
	struct nlattr *a;
	int rem;

	nla_for_each_nested(a, nest, rem)
		if (nla_type(a) == VOFFLOAD_A_CADENCE_SEGMENT_MS &&
		    nla_len(a) == 4 && l->nsegments < max)
			l->cadence_ms[l->nsegments++] = nla_get_u32(a);
}

static int vo_line_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *a[VOFFLOAD_A_LINE_MAX + 1];
	struct vo_dump *d = arg;
	struct vo_kline *l;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, a, VOFFLOAD_A_LINE_MAX, NULL) ||
	    !a[VOFFLOAD_A_LINE_ID] || d->n == d->max)
		return NL_SKIP;
	l = &d->out[d->n++];
	memset(l, 0, sizeof(*l));
	l->id = nla_get_u32(a[VOFFLOAD_A_LINE_ID]);
	if (a[VOFFLOAD_A_LINE_NAME])
		snprintf(l->name, sizeof(l->name), "%s",
			 nla_get_string(a[VOFFLOAD_A_LINE_NAME]));
	if (a[VOFFLOAD_A_LINE_DRIVER])
		snprintf(l->driver, sizeof(l->driver), "%s",
			 nla_get_string(a[VOFFLOAD_A_LINE_DRIVER]));
	if (a[VOFFLOAD_A_LINE_RATE])
		l->rate = nla_get_u32(a[VOFFLOAD_A_LINE_RATE]);
	if (a[VOFFLOAD_A_LINE_HOOK])
		l->off_hook = nla_get_u32(a[VOFFLOAD_A_LINE_HOOK]) ==
			      VOFFLOAD_HOOK_OFF_HOOK;
	if (a[VOFFLOAD_A_LINE_COUNTRY])
		snprintf(l->country, sizeof(l->country), "%s",
			 nla_get_string(a[VOFFLOAD_A_LINE_COUNTRY]));
	if (a[VOFFLOAD_A_LINE_CADENCE])
		vo_line_cadence(l, a[VOFFLOAD_A_LINE_CADENCE]);
	return NL_OK;
}

/* The genetlink header of a request; 0, or -NLE_NOMEM (@msg freed). */
int vo_msg_start(struct nl_msg *msg, int cmd, int flags)
{
	if (genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, vo_family, 0, flags,
			cmd, VOFFLOAD_FAMILY_VERSION))
		return 0;
	nlmsg_free(msg);
	return -NLE_NOMEM;
}

/* Send @msg on vo_req and read its answers through @fn; 0 or -NLE_*. */
int vo_transact(struct nl_msg *msg, nl_recvmsg_msg_cb_t fn, void *arg,
		       bool dump)
{
	/* a callback set of its own: libnl's ctrl lookups use the socket's */
	struct nl_cb *cb = nl_cb_clone(nl_socket_get_cb(vo_req));
	int err;

	if (!cb) {
		nlmsg_free(msg);
		return -NLE_NOMEM;
	}
	if (fn)
		nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, fn, arg);
	err = nl_send_auto(vo_req, msg);
	nlmsg_free(msg);
	/* without @fn, a request answered by its ACK alone */
	if (err >= 0 && fn)
		err = nl_recvmsgs(vo_req, cb);
	/*
	 * A do's reply and its ACK come as two datagrams: read the ACK too,
	 * or the next request (libnl's own lookups) reads it for its answer.
	 * A dump ends with DONE and has no ACK.
	 */
	if (err >= 0 && !dump)
		err = nl_wait_for_ack(vo_req);
	nl_cb_put(cb);
	return err < 0 ? err : 0;
}

static int vo_info_get(void)
{
	struct nl_msg *msg = nlmsg_alloc();
	int err;

	if (!msg)
		return -NLE_NOMEM;
	/* the module must implement what this daemon was built against */
	err = vo_msg_start(msg, VOFFLOAD_CMD_INFO_GET, 0);
	if (err)
		return err;
	if (nla_put_u32(msg, VOFFLOAD_A_INFO_API_VERSION, VOFFLOAD_API_VERSION)) {
		nlmsg_free(msg);
		return -NLE_NOMEM;
	}
	return vo_transact(msg, vo_info_cb, NULL, false);
}

int vo_kernel_lines(struct vo_kline *out, int max)
{
	struct vo_dump d = { out, max, 0 };
	struct nl_msg *msg = nlmsg_alloc();
	int err;

	if (!msg)
		return -1;
	err = vo_msg_start(msg, VOFFLOAD_CMD_LINE_GET, NLM_F_DUMP);
	if (!err)
		err = vo_transact(msg, vo_line_cb, &d, true);
	if (err) {
		vo_err("line-get: %s", nl_geterror(err));
		return -1;
	}
	return d.n;
}

static int vo_flow_event_cb(struct nl_msg *msg)
{
	struct nlattr *a[VOFFLOAD_A_FLOW_MAX + 1];

	if (genlmsg_parse(nlmsg_hdr(msg), 0, a, VOFFLOAD_A_FLOW_MAX, NULL) ||
	    !a[VOFFLOAD_A_FLOW_ID] || !a[VOFFLOAD_A_FLOW_EVENT] ||
	    !vo_ops->flow_event)
		return NL_SKIP;
	/*
	 * The end of a flow we deleted is no news: the call let go of it
	 * already (ids are not given again, so it cannot be a newer flow's).
	 */
	if (nla_get_u32(a[VOFFLOAD_A_FLOW_EVENT]) == VOFFLOAD_FLOW_EVENT_END &&
	    a[VOFFLOAD_A_FLOW_REASON] &&
	    nla_get_u32(a[VOFFLOAD_A_FLOW_REASON]) == VOFFLOAD_FLOW_END_DELETED)
		return NL_OK;
	vo_ops->flow_event(nla_get_u32(a[VOFFLOAD_A_FLOW_ID]),
			   nla_get_u32(a[VOFFLOAD_A_FLOW_EVENT]),
			   a[VOFFLOAD_A_FLOW_DIGIT] ?
			   nla_get_u8(a[VOFFLOAD_A_FLOW_DIGIT]) : -1);
	return NL_OK;
}

static int vo_event_cb(struct nl_msg *msg, void *arg)
{
	struct genlmsghdr *g = nlmsg_data(nlmsg_hdr(msg));
	struct nlattr *a[VOFFLOAD_A_LINE_MAX + 1];

	if (g->cmd == VOFFLOAD_CMD_FLOW_EVENT)
		return vo_flow_event_cb(msg);
	if (g->cmd != VOFFLOAD_CMD_LINE_EVENT ||
	    genlmsg_parse(nlmsg_hdr(msg), 0, a, VOFFLOAD_A_LINE_MAX, NULL) ||
	    !a[VOFFLOAD_A_LINE_ID] || !a[VOFFLOAD_A_LINE_EVENT])
		return NL_SKIP;
	vo_ops->line_event(nla_get_u32(a[VOFFLOAD_A_LINE_ID]),
			   nla_get_u32(a[VOFFLOAD_A_LINE_EVENT]),
			   a[VOFFLOAD_A_LINE_DIGIT] ?
			   nla_get_u8(a[VOFFLOAD_A_LINE_DIGIT]) : -1,
			   a[VOFFLOAD_A_LINE_DURATION_MS] ?
			   nla_get_u32(a[VOFFLOAD_A_LINE_DURATION_MS]) : 0);
	return NL_OK;
}

static void vo_events_readable(void *arg, uint32_t events)
{
	int err = nl_recvmsgs_default(vo_ev);

	if (err < 0 && err != -NLE_AGAIN)
		vo_warn("events: %s", nl_geterror(err));
}

static int vo_events_open(void)
{
	int grp = genl_ctrl_resolve_grp(vo_req, VOFFLOAD_FAMILY_NAME,
					VOFFLOAD_MCGRP_EVENTS);

	if (grp < 0)
		return grp;
	vo_ev = nl_socket_alloc();
	if (!vo_ev)
		return -NLE_NOMEM;
	nl_socket_disable_seq_check(vo_ev);
	nl_socket_modify_cb(vo_ev, NL_CB_VALID, NL_CB_CUSTOM, vo_event_cb, NULL);
	if (genl_connect(vo_ev) || nl_socket_add_membership(vo_ev, grp) ||
	    nl_socket_set_nonblocking(vo_ev))
		return -NLE_FAILURE;
	if (vo_loop_add(nl_socket_get_fd(vo_ev), EPOLLIN, vo_events_readable,
			NULL))
		return -NLE_FAILURE;
	return 0;
}

int vo_kernel_open(const struct vo_kernel_ops *ops)
{
	int err;

	vo_ops = ops;
	vo_req = nl_socket_alloc();
	if (!vo_req || genl_connect(vo_req)) {
		vo_err("netlink: cannot open a generic netlink socket");
		return -1;
	}
	vo_family = genl_ctrl_resolve(vo_req, VOFFLOAD_FAMILY_NAME);
	if (vo_family < 0) {
		vo_err("netlink: no '%s' family: is voffload.ko loaded?",
		       VOFFLOAD_FAMILY_NAME);
		return -1;
	}
	err = vo_info_get();
	if (err) {
		vo_err("info-get: %s (the module implements less than api-version %d?)",
		       nl_geterror(err), VOFFLOAD_API_VERSION);
		return -1;
	}
	err = vo_events_open();
	if (err) {
		vo_err("netlink: events group: %s", nl_geterror(err));
		return -1;
	}
	return 0;
}

const char *vo_kernel_version(void)
{
	return vo_version;
}

void vo_kernel_close(void)
{
	if (vo_ev) {
		vo_loop_del(nl_socket_get_fd(vo_ev));
		nl_socket_free(vo_ev);
	}
	nl_socket_free(vo_req);
	vo_ev = NULL;
	vo_req = NULL;
}
