// SPDX-License-Identifier: GPL-2.0
/*
 * A call's media in the kernel: flow-new with the RTP socket the call
 * bound, flow-set for hold and re-INVITEs, flow-del at hang-up, flow-get
 * for counters; and line-ctrl for ringing and on-hook transmission.
 */
#include <string.h>

#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include <linux/voffload.h>

#include "kernel.h"
#include "log.h"

struct vo_flow_reply {
	unsigned int id, ssrc;
	struct vo_kflow_stats *st;
};

/* remote-ipv4 or remote-ipv6 (the kernel wants exactly one) and the port */
static int vo_kflow_put_remote(struct nl_msg *msg, const union vo_addr *r)
{
	if (r->sa.sa_family == AF_INET6)
		return nla_put(msg, VOFFLOAD_A_FLOW_REMOTE_IPV6, 16,
			       &r->v6.sin6_addr) ||
		       nla_put(msg, VOFFLOAD_A_FLOW_REMOTE_PORT, 2,
			       &r->v6.sin6_port);
	return nla_put(msg, VOFFLOAD_A_FLOW_REMOTE_IPV4, 4, &r->v4.sin_addr) ||
	       nla_put(msg, VOFFLOAD_A_FLOW_REMOTE_PORT, 2, &r->v4.sin_port);
}

static int vo_kflow_put(struct nl_msg *msg, const struct vo_kflow *f)
{
	struct nlattr *jb;

	if (vo_kflow_put_remote(msg, &f->remote) ||
	    nla_put_u32(msg, VOFFLOAD_A_FLOW_CODEC, f->codec) ||
	    nla_put_u8(msg, VOFFLOAD_A_FLOW_PAYLOAD_TYPE, f->pt) ||
	    nla_put_u32(msg, VOFFLOAD_A_FLOW_PTIME_MS, f->ptime) ||
	    nla_put_u32(msg, VOFFLOAD_A_FLOW_DIRECTION, f->direction))
		return -1;
	if (f->event_pt >= 0 &&
	    (nla_put_u8(msg, VOFFLOAD_A_FLOW_TX_EVENT_PT, f->event_pt) ||
	     nla_put_u8(msg, VOFFLOAD_A_FLOW_RX_EVENT_PT, f->event_pt)))
		return -1;
	/* the kernel's defaults (adaptive, 0..500 ms), said out loud */
	jb = nla_nest_start(msg, VOFFLOAD_A_FLOW_JITTER);
	if (!jb || nla_put_u32(msg, VOFFLOAD_A_JITTER_MODE, VOFFLOAD_JB_MODE_ADAPTIVE))
		return -1;
	nla_nest_end(msg, jb);
	return 0;
}

static int vo_kflow_reply_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *a[VOFFLOAD_A_FLOW_MAX + 1];
	struct nlattr *s[VOFFLOAD_A_FLOW_STATS_MAX + 1];
	struct vo_flow_reply *r = arg;
	struct vo_kflow_stats *st = r->st;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, a, VOFFLOAD_A_FLOW_MAX, NULL))
		return NL_SKIP;
	if (a[VOFFLOAD_A_FLOW_ID])
		r->id = nla_get_u32(a[VOFFLOAD_A_FLOW_ID]);
	if (a[VOFFLOAD_A_FLOW_SSRC])
		r->ssrc = nla_get_u32(a[VOFFLOAD_A_FLOW_SSRC]);
	if (!st || !a[VOFFLOAD_A_FLOW_STATS] ||
	    nla_parse_nested(s, VOFFLOAD_A_FLOW_STATS_MAX,
			     a[VOFFLOAD_A_FLOW_STATS], NULL))
		return NL_OK;
#define VO_GET(field, attr, get) \
	do { if (s[VOFFLOAD_A_FLOW_STATS_##attr]) \
		st->field = get(s[VOFFLOAD_A_FLOW_STATS_##attr]); } while (0)
	VO_GET(tx_packets, TX_PACKETS, nla_get_u64);
	VO_GET(tx_octets, TX_OCTETS, nla_get_u64);
	VO_GET(rx_packets, RX_PACKETS, nla_get_u64);
	VO_GET(rx_octets, RX_OCTETS, nla_get_u64);
	VO_GET(lost, LOST, nla_get_u64);
	VO_GET(late, LATE, nla_get_u64);
	VO_GET(jitter, JITTER, nla_get_u32);
	VO_GET(fraction_lost, FRACTION_LOST, nla_get_u32);
	VO_GET(ext_max_seq, EXT_MAX_SEQ, nla_get_u32);
	VO_GET(jb_delay_ms, JB_DELAY_MS, nla_get_u32);
	VO_GET(tx_rtp_ts, TX_RTP_TS, nla_get_u32);
	VO_GET(tx_rtp_ts_ns, TX_RTP_TS_NS, nla_get_u64);
#undef VO_GET
	st->ssrc = r->ssrc;
	return NL_OK;
}

/* One do-request about a flow, with @f's settings if given. */
static int vo_kflow_do(int cmd, const char *what, unsigned int id,
		       const struct vo_kflow *f, struct vo_flow_reply *r)
{
	struct nl_msg *msg = nlmsg_alloc();
	int err;

	if (!msg)
		return -1;
	err = vo_msg_start(msg, cmd, 0);
	if (err)
		goto out;
	if ((cmd != VOFFLOAD_CMD_FLOW_NEW &&
	     nla_put_u32(msg, VOFFLOAD_A_FLOW_ID, id)) ||
	    (cmd == VOFFLOAD_CMD_FLOW_NEW &&
	     (nla_put_u32(msg, VOFFLOAD_A_FLOW_LINE, f->line) ||
	      nla_put_u32(msg, VOFFLOAD_A_FLOW_FD, f->fd) ||
	      nla_put_u8(msg, VOFFLOAD_A_FLOW_DSCP, f->dscp) ||
	      nla_put_u8(msg, VOFFLOAD_A_FLOW_LATCH, f->latch))) ||
	    (f && vo_kflow_put(msg, f))) {
		nlmsg_free(msg);
		err = -NLE_NOMEM;
		goto out;
	}
	/* only flow-new and flow-get answer with a message before the ACK */
	err = vo_transact(msg, cmd == VOFFLOAD_CMD_FLOW_NEW ||
			  cmd == VOFFLOAD_CMD_FLOW_GET ? vo_kflow_reply_cb : NULL,
			  r, false);
out:
	if (err)
		vo_err("%s: %s", what, nl_geterror(err));
	return err ? -1 : 0;
}

int vo_kernel_flow_new(const struct vo_kflow *f, unsigned int *id,
		       unsigned int *ssrc)
{
	struct vo_flow_reply r = { 0 };

	if (vo_kflow_do(VOFFLOAD_CMD_FLOW_NEW, "flow-new", 0, f, &r))
		return -1;
	*id = r.id;
	*ssrc = r.ssrc;
	return 0;
}

int vo_kernel_flow_set(unsigned int id, const struct vo_kflow *f)
{
	struct vo_flow_reply r = { 0 };

	return vo_kflow_do(VOFFLOAD_CMD_FLOW_SET, "flow-set", id, f, &r);
}

int vo_kernel_flow_del(unsigned int id)
{
	struct vo_flow_reply r = { 0 };

	return vo_kflow_do(VOFFLOAD_CMD_FLOW_DEL, "flow-del", id, NULL, &r);
}

int vo_kernel_flow_stats(unsigned int id, struct vo_kflow_stats *st)
{
	struct vo_flow_reply r = { .st = st };

	memset(st, 0, sizeof(*st));
	return vo_kflow_do(VOFFLOAD_CMD_FLOW_GET, "flow-get", id, NULL, &r);
}

static int vo_line_ctrl(unsigned int line, int attr, unsigned int val)
{
	struct nl_msg *msg = nlmsg_alloc();
	int err;

	if (!msg)
		return -1;
	err = vo_msg_start(msg, VOFFLOAD_CMD_LINE_CTRL, 0);
	if (err)
		return -1;
	if (nla_put_u32(msg, VOFFLOAD_A_LINE_ID, line) ||
	    (attr == VOFFLOAD_A_LINE_RING ? nla_put_u8(msg, attr, val) :
	     nla_put_u32(msg, attr, val))) {
		nlmsg_free(msg);
		return -1;
	}
	err = vo_transact(msg, NULL, NULL, false);
	if (err)
		vo_err("line-ctrl line %u: %s", line, nl_geterror(err));
	return err ? -1 : 0;
}

int vo_kernel_ring(unsigned int line, bool on)
{
	return vo_line_ctrl(line, VOFFLOAD_A_LINE_RING, on);
}

int vo_kernel_polarity(unsigned int line, bool reversed)
{
	return vo_line_ctrl(line, VOFFLOAD_A_LINE_POLARITY,
			    reversed ? VOFFLOAD_POLARITY_REVERSED :
			    VOFFLOAD_POLARITY_NORMAL);
}

int vo_kernel_oht(unsigned int line, unsigned int ms)
{
	return vo_line_ctrl(line, VOFFLOAD_A_LINE_OHT_MS, ms);
}

int vo_kernel_line_setup(unsigned int line, const char *country, int tx_gain,
			 int rx_gain)
{
	struct nl_msg *msg = nlmsg_alloc();
	int err;

	if (!msg || vo_msg_start(msg, VOFFLOAD_CMD_LINE_SET, 0))
		return -1;
	if (nla_put_u32(msg, VOFFLOAD_A_LINE_ID, line) ||
	    (country && nla_put_string(msg, VOFFLOAD_A_LINE_COUNTRY, country)) ||
	    nla_put_s32(msg, VOFFLOAD_A_LINE_TX_GAIN, tx_gain) ||
	    nla_put_s32(msg, VOFFLOAD_A_LINE_RX_GAIN, rx_gain)) {
		nlmsg_free(msg);
		return -1;
	}
	err = vo_transact(msg, NULL, NULL, false);
	if (err)
		vo_err("line-set line %u country %s gains %d/%d (0.1 dB): %s",
		       line, country ? country : "(kept)", tx_gain, rx_gain,
		       nl_geterror(err));
	return err ? -1 : 0;
}
