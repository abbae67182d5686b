// SPDX-License-Identifier: GPL-2.0
/*
 * The flow operations of the voffload family: flow-new, flow-set, flow-del,
 * flow-get (do and dump), and the flow-event notifications. Every refusal
 * says why in the extack message. Defaults are what an ATA uses: the
 * codec's static payload type, 20 ms packets, DSCP 46 (EF), a random SSRC,
 * an adaptive jitter buffer from 0 ms (up to 500 ms), send and receive.
 */
#include <linux/random.h>
#include <net/genetlink.h>
#include <net/ipv6.h>

#include "../voffload.h"
#include "../slic/slic.h"
#include "fastpath.h"
#include "flow.h"

#define VO_FLOW_DSCP_EF		46
#define VO_FLOW_PTIME_MS	20

/*
 * Adaptive from no delay at all, as speexdsp's buffer starts: on a clean
 * LAN path the audio plays at once, and jitter makes the buffer grow by
 * waiting for the packet (its head concealed) rather than by guessing
 * ahead. Up to 500 ms, what the buffer holds at most: beyond ITU-T
 * G.114's 400 ms a call is hard going, but still better than no audio;
 * a router's UCI can set a lower bound.
 */
static const struct vo_jb_cfg vo_jb_default = {
	.mode = VOFFLOAD_JB_MODE_ADAPTIVE,
	.initial_ms = 0,
	.min_ms = 0,
	.max_ms = 500,
};

/* RFC 3551 static payload types; L16 mono has none at 8/16 kHz. */
static int vo_codec_static_pt(enum voffload_codec codec)
{
	switch (codec) {
	case VOFFLOAD_CODEC_PCMU:
		return 0;
	case VOFFLOAD_CODEC_PCMA:
		return 8;
	case VOFFLOAD_CODEC_G722:
		return 9;
	default:
		return -1;
	}
}

static int vo_flow_parse_remote(struct nlattr **a, struct vo_flow_cfg *cfg,
				struct netlink_ext_ack *extack)
{
	struct nlattr *v4 = a[VOFFLOAD_A_FLOW_REMOTE_IPV4];
	struct nlattr *v6 = a[VOFFLOAD_A_FLOW_REMOTE_IPV6];
	struct nlattr *port = a[VOFFLOAD_A_FLOW_REMOTE_PORT];

	if (!!v4 == !!v6) {
		NL_SET_ERR_MSG(extack, "give one of remote-ipv4 and remote-ipv6");
		return -EINVAL;
	}
	if (!port || !nla_get_be16(port)) {
		NL_SET_ERR_MSG_ATTR(extack, port, "a remote port is needed");
		return -EINVAL;
	}
	memset(&cfg->remote, 0, sizeof(cfg->remote));
	if (v4) {
		cfg->remote.v4.sin_family = AF_INET;
		cfg->remote.v4.sin_addr.s_addr = nla_get_in_addr(v4);
		cfg->remote.v4.sin_port = nla_get_be16(port);
		if (ipv4_is_zeronet(cfg->remote.v4.sin_addr.s_addr) ||
		    ipv4_is_multicast(cfg->remote.v4.sin_addr.s_addr) ||
		    ipv4_is_lbcast(cfg->remote.v4.sin_addr.s_addr)) {
			NL_SET_ERR_MSG_ATTR(extack, v4, "not a unicast address");
			return -EINVAL;
		}
		return 0;
	}
	if (!IS_ENABLED(CONFIG_IPV6)) {
		NL_SET_ERR_MSG_ATTR(extack, v6, "this kernel has no IPv6");
		return -EAFNOSUPPORT;
	}
	cfg->remote.v6.sin6_family = AF_INET6;
	cfg->remote.v6.sin6_addr = nla_get_in6_addr(v6);
	cfg->remote.v6.sin6_port = nla_get_be16(port);
	if (ipv6_addr_any(&cfg->remote.v6.sin6_addr) ||
	    ipv6_addr_is_multicast(&cfg->remote.v6.sin6_addr)) {
		NL_SET_ERR_MSG_ATTR(extack, v6, "not a unicast address");
		return -EINVAL;
	}
	return 0;
}

/*
 * Codec and payload type. Any codec suits any line: G.711 on a 16 kHz
 * line and G.722 on an 8 kHz one are converted 2:1 (resample.c).
 */
static int vo_flow_parse_codec(struct nlattr **a, struct vo_flow_cfg *cfg,
			       struct netlink_ext_ack *extack)
{
	struct nlattr *codec = a[VOFFLOAD_A_FLOW_CODEC];
	struct nlattr *pt = a[VOFFLOAD_A_FLOW_PAYLOAD_TYPE];
	int spt;

	if (codec)
		cfg->codec = nla_get_u32(codec);
	spt = vo_codec_static_pt(cfg->codec);
	if (pt) {
		cfg->pt = nla_get_u8(pt);
	} else if (codec && spt >= 0) {
		cfg->pt = spt;
	} else if (codec) {
		NL_SET_ERR_MSG_ATTR(extack, codec, "L16 needs a (dynamic) payload-type");
		return -EINVAL;
	}
	return 0;
}

static int vo_flow_parse_jitter(struct nlattr *nest, struct vo_jb_cfg *jb,
				struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VOFFLOAD_A_JITTER_MAX + 1];
	int err;

	if (!nest)
		return 0;
	err = nla_parse_nested(tb, VOFFLOAD_A_JITTER_MAX, nest, vo_jitter_policy,
			       extack);
	if (err)
		return err;
	if (tb[VOFFLOAD_A_JITTER_MODE])
		jb->mode = nla_get_u32(tb[VOFFLOAD_A_JITTER_MODE]);
	if (tb[VOFFLOAD_A_JITTER_INITIAL_MS])
		jb->initial_ms = nla_get_u32(tb[VOFFLOAD_A_JITTER_INITIAL_MS]);
	if (tb[VOFFLOAD_A_JITTER_MIN_MS])
		jb->min_ms = nla_get_u32(tb[VOFFLOAD_A_JITTER_MIN_MS]);
	if (tb[VOFFLOAD_A_JITTER_MAX_MS])
		jb->max_ms = nla_get_u32(tb[VOFFLOAD_A_JITTER_MAX_MS]);
	if (jb->min_ms > jb->initial_ms || jb->initial_ms > jb->max_ms) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "jitter buffer needs min-ms <= initial-ms <= max-ms");
		return -EINVAL;
	}
	return 0;
}

static int vo_flow_parse_ptime(struct nlattr *a, struct vo_flow_cfg *cfg,
			       struct netlink_ext_ack *extack)
{
	u32 ms;

	if (!a)
		return 0;
	ms = nla_get_u32(a);
	if (ms != 10 && ms != 20 && ms != 30 && ms != 40) {
		NL_SET_ERR_MSG_ATTR(extack, a, "ptime must be 10, 20, 30 or 40 ms");
		return -EINVAL;
	}
	cfg->ptime_ms = ms;
	return 0;
}

/* RFC 5761 4: payload types 64-95 read as RTCP on a shared port. */
static bool vo_pt_is_rtcp_range(int pt)
{
	return pt >= 64 && pt <= 95;
}

/* The payload types together: each is told apart from RTCP and audio. */
static int vo_flow_check_pts(const struct vo_flow_cfg *cfg,
			     struct netlink_ext_ack *extack)
{
	if (vo_pt_is_rtcp_range(cfg->pt) ||
	    vo_pt_is_rtcp_range(cfg->tx_event_pt) ||
	    vo_pt_is_rtcp_range(cfg->rx_event_pt)) {
		NL_SET_ERR_MSG(extack, "payload types 64-95 collide with RTCP (RFC 5761)");
		return -EINVAL;
	}
	if (cfg->rx_event_pt == cfg->pt || cfg->tx_event_pt == cfg->pt) {
		NL_SET_ERR_MSG(extack, "the telephone-event payload type is the audio's");
		return -EINVAL;
	}
	return 0;
}

/* RFC 4733 payload types: in flow-new, and in flow-set for a re-INVITE */
static void vo_flow_parse_event_pts(struct nlattr **a, struct vo_flow_cfg *cfg)
{
	if (a[VOFFLOAD_A_FLOW_TX_EVENT_PT])
		cfg->tx_event_pt = nla_get_u8(a[VOFFLOAD_A_FLOW_TX_EVENT_PT]);
	if (a[VOFFLOAD_A_FLOW_RX_EVENT_PT])
		cfg->rx_event_pt = nla_get_u8(a[VOFFLOAD_A_FLOW_RX_EVENT_PT]);
}

static void vo_flow_parse_plain(struct nlattr **a, struct vo_flow_cfg *cfg)
{
	if (a[VOFFLOAD_A_FLOW_SSRC])
		cfg->ssrc = nla_get_u32(a[VOFFLOAD_A_FLOW_SSRC]);
	vo_flow_parse_event_pts(a, cfg);
	if (a[VOFFLOAD_A_FLOW_DSCP])
		cfg->dscp = nla_get_u8(a[VOFFLOAD_A_FLOW_DSCP]);
	if (a[VOFFLOAD_A_FLOW_DIRECTION])
		cfg->dir = nla_get_u32(a[VOFFLOAD_A_FLOW_DIRECTION]);
	if (a[VOFFLOAD_A_FLOW_LATCH])
		cfg->latch = nla_get_u8(a[VOFFLOAD_A_FLOW_LATCH]);
	if (a[VOFFLOAD_A_FLOW_RTP_TIMEOUT_MS])
		cfg->rtp_timeout_ms = nla_get_u32(a[VOFFLOAD_A_FLOW_RTP_TIMEOUT_MS]);
}

static void vo_flow_cfg_defaults(struct vo_flow_cfg *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->ptime_ms = VO_FLOW_PTIME_MS;
	cfg->ssrc = get_random_u32();
	cfg->tx_event_pt = -1;
	cfg->rx_event_pt = -1;
	cfg->dscp = VO_FLOW_DSCP_EF;
	cfg->jb = vo_jb_default;
	cfg->dir = VOFFLOAD_DIRECTION_SENDRECV;
}

static int vo_flow_new_parse(struct genl_info *info, struct vo_line *line,
			     struct vo_flow_cfg *cfg)
{
	struct nlattr **a = info->attrs;
	struct netlink_ext_ack *extack = info->extack;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, VOFFLOAD_A_FLOW_CODEC))
		return -EINVAL;
	vo_flow_cfg_defaults(cfg);
	err = vo_flow_parse_remote(a, cfg, extack);
	if (!err)
		err = vo_flow_parse_codec(a, cfg, extack);
	if (!err)
		err = vo_flow_parse_ptime(a[VOFFLOAD_A_FLOW_PTIME_MS], cfg, extack);
	if (!err)
		err = vo_flow_parse_jitter(a[VOFFLOAD_A_FLOW_JITTER], &cfg->jb,
					   extack);
	vo_flow_parse_plain(a, cfg);
	if (!err)
		err = vo_flow_check_pts(cfg, extack);
	return err;
}

static int vo_flow_reply_new(struct genl_info *info, struct vo_flow *flow)
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &vo_genl_family, 0,
				VOFFLOAD_CMD_FLOW_NEW);
	if (!hdr || nla_put_u32(msg, VOFFLOAD_A_FLOW_ID, flow->id) ||
	    nla_put_u32(msg, VOFFLOAD_A_FLOW_SSRC, flow->cfg.ssrc)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

int vo_nl_flow_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **a = info->attrs;
	struct vo_flow_cfg cfg;
	struct vo_flow *flow;
	struct vo_line *line;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, VOFFLOAD_A_FLOW_LINE) ||
	    GENL_REQ_ATTR_CHECK(info, VOFFLOAD_A_FLOW_FD))
		return -EINVAL;
	mutex_lock(&vo_lines_mutex);
	line = vo_line_find(nla_get_u32(a[VOFFLOAD_A_FLOW_LINE]));
	if (!line) {
		NL_SET_ERR_MSG_ATTR(info->extack, a[VOFFLOAD_A_FLOW_LINE],
				    "no such line");
		err = -ENODEV;
		goto out;
	}
	err = vo_flow_new_parse(info, line, &cfg);
	if (err)
		goto out;
	flow = vo_flow_create(line, nla_get_s32(a[VOFFLOAD_A_FLOW_FD]), &cfg,
			      info->extack);
	err = PTR_ERR_OR_ZERO(flow);
	if (!err) {
		err = vo_flow_reply_new(info, flow);
		if (err)
			vo_flow_end(flow, VOFFLOAD_FLOW_END_DELETED);
	}
out:
	mutex_unlock(&vo_lines_mutex);
	return err;
}

struct vo_flow *vo_flow_from_info(struct genl_info *info)
{
	struct nlattr *id = info->attrs[VOFFLOAD_A_FLOW_ID];
	struct vo_flow *flow;

	if (GENL_REQ_ATTR_CHECK(info, VOFFLOAD_A_FLOW_ID))
		return ERR_PTR(-EINVAL);
	flow = vo_flow_find(nla_get_u32(id));
	if (!flow) {
		NL_SET_ERR_MSG_ATTR(info->extack, id, "no such flow");
		return ERR_PTR(-ENOENT);
	}
	return flow;
}

/* flow-set: parse into a copy, then apply it whole under the lock. */
int vo_nl_flow_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **a = info->attrs;
	struct vo_flow_cfg cfg;
	struct vo_flow *flow;
	bool jb_changed;
	int err;

	mutex_lock(&vo_lines_mutex);
	flow = vo_flow_from_info(info);
	err = PTR_ERR_OR_ZERO(flow);
	if (err)
		goto out;
	spin_lock_bh(&flow->lock);
	cfg = flow->cfg;
	spin_unlock_bh(&flow->lock);

	if (a[VOFFLOAD_A_FLOW_REMOTE_IPV4] || a[VOFFLOAD_A_FLOW_REMOTE_IPV6] ||
	    a[VOFFLOAD_A_FLOW_REMOTE_PORT])
		err = vo_flow_parse_remote(a, &cfg, info->extack);
	if (!err && cfg.remote.family != flow->sk->sk_family) {
		NL_SET_ERR_MSG(info->extack, "the remote address is not of the socket's family");
		err = -EAFNOSUPPORT;
	}
	if (!err)
		err = vo_flow_parse_codec(a, &cfg, info->extack);
	if (!err)
		err = vo_flow_parse_ptime(a[VOFFLOAD_A_FLOW_PTIME_MS], &cfg,
					  info->extack);
	if (!err)
		err = vo_flow_parse_jitter(a[VOFFLOAD_A_FLOW_JITTER], &cfg.jb,
					   info->extack);
	if (err)
		goto out;
	if (a[VOFFLOAD_A_FLOW_DIRECTION])
		cfg.dir = nla_get_u32(a[VOFFLOAD_A_FLOW_DIRECTION]);
	vo_flow_parse_event_pts(a, &cfg);
	err = vo_flow_check_pts(&cfg, info->extack);
	if (err)
		goto out;

	spin_lock_bh(&flow->lock);
	if (cfg.dir != flow->cfg.dir)
		flow->tx.marker = true;	/* sending (again) starts a talkspurt */
	if (cfg.codec != flow->cfg.codec)
		vo_flow_codec_reset(flow);
	if (cfg.tx_event_pt != flow->cfg.tx_event_pt)
		vo_flow_tev_reset(flow);
	jb_changed = memcmp(&cfg.jb, &flow->cfg.jb, sizeof(cfg.jb));
	flow->cfg = cfg;
	if (jb_changed)
		vo_flow_jb_set(flow);
	flow->tx.fill = 0;		/* the next packet has the new format */
	spin_unlock_bh(&flow->lock);
out:
	mutex_unlock(&vo_lines_mutex);
	return err;
}

int vo_nl_flow_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vo_flow *flow;
	int err;

	mutex_lock(&vo_lines_mutex);
	flow = vo_flow_from_info(info);
	err = PTR_ERR_OR_ZERO(flow);
	if (!err)
		vo_flow_end(flow, VOFFLOAD_FLOW_END_DELETED);
	mutex_unlock(&vo_lines_mutex);
	return err;
}
