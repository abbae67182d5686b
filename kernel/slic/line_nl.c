// SPDX-License-Identifier: GPL-2.0
/*
 * Netlink operations on lines: get/dump, set (settings), ctrl (actions),
 * and the line-event notifications. Requests are checked in full before
 * anything changes, so a rejected request leaves the line as it was.
 */
#include <net/genetlink.h>

#include "../voffload.h"
#include "slic.h"

/* What a reply says about a line, copied under the line's lock. */
struct vo_line_snap {
	u32 rate;
	enum voffload_hook hook;
	enum voffload_feed feed;
	enum voffload_polarity polarity;
	bool ringing;
	const char *country;
	struct vo_cadence cadence;
	struct vo_hook_windows w;
	s32 tx_gain, rx_gain;
	struct vo_line_stats stats;
};

static void vo_line_snapshot(struct vo_line *line, struct vo_line_snap *s)
{
	spin_lock_bh(&line->lock);
	s->rate = line->rate;
	s->hook = line->hook.state;
	s->feed = line->ring.feed;
	s->polarity = line->polarity;
	s->ringing = line->ring.ringing;
	s->country = line->profile->country;
	s->cadence = line->cadence;
	s->w = line->windows;
	s->tx_gain = line->tx_gain;
	s->rx_gain = line->rx_gain;
	s->stats = line->stats;
	spin_unlock_bh(&line->lock);
}

static int vo_put_cadence(struct sk_buff *msg, const struct vo_cadence *c)
{
	struct nlattr *nest = nla_nest_start(msg, VOFFLOAD_A_LINE_CADENCE);
	int i;

	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < c->n_segments; i++)
		if (nla_put_u32(msg, VOFFLOAD_A_CADENCE_SEGMENT_MS,
				c->segment_ms[i]))
			return -EMSGSIZE;
	if (nla_put_u32(msg, VOFFLOAD_A_CADENCE_LOOP_FROM, c->loop_from))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

/* Each attribute of a nest and the struct field it carries. */
struct vo_nl_field {
	int type;
	size_t off;
};

#define VO_WINDOW(attr, field) \
	{ VOFFLOAD_A_HOOK_WINDOWS_##attr, offsetof(struct vo_hook_windows, field) }

static const struct vo_nl_field vo_window_fields[] = {
	VO_WINDOW(DEBOUNCE_MS, debounce_ms),
	VO_WINDOW(PULSE_BREAK_MIN_MS, pulse_break_min_ms),
	VO_WINDOW(PULSE_BREAK_MAX_MS, pulse_break_max_ms),
	VO_WINDOW(PULSE_MAKE_MAX_MS, pulse_make_max_ms),
	VO_WINDOW(FLASH_MIN_MS, flash_min_ms),
	VO_WINDOW(FLASH_MAX_MS, flash_max_ms),
	VO_WINDOW(ONHOOK_MS, onhook_ms),
};

#define VO_STAT(attr, field) \
	{ VOFFLOAD_A_LINE_STATS_##attr, offsetof(struct vo_line_stats, field) }

static const struct vo_nl_field vo_stat_fields[] = {
	VO_STAT(HOOK_EVENTS, hook_events),
	VO_STAT(RING_CYCLES, ring_cycles),
	VO_STAT(FRAMES_IN, frames_in),
	VO_STAT(FRAMES_OUT, frames_out),
	VO_STAT(TICK_OVERRUNS, tick_overruns),
	VO_STAT(ALSA_XRUNS, alsa_xruns),
	VO_STAT(EVENTS_DROPPED, events_dropped),
	VO_STAT(DTMF_DIGITS, dtmf_digits),
};

static int vo_put_windows(struct sk_buff *msg, const struct vo_hook_windows *w)
{
	struct nlattr *nest = nla_nest_start(msg, VOFFLOAD_A_LINE_HOOK_WINDOWS);
	const struct vo_nl_field *f;

	if (!nest)
		return -EMSGSIZE;
	for (f = vo_window_fields; f < vo_window_fields + ARRAY_SIZE(vo_window_fields); f++)
		if (nla_put_u32(msg, f->type, *(const u32 *)((const u8 *)w + f->off)))
			return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

static int vo_put_stats(struct sk_buff *msg, const struct vo_line_stats *st)
{
	struct nlattr *nest = nla_nest_start(msg, VOFFLOAD_A_LINE_STATS);
	const struct vo_nl_field *f;

	if (!nest)
		return -EMSGSIZE;
	for (f = vo_stat_fields; f < vo_stat_fields + ARRAY_SIZE(vo_stat_fields); f++)
		if (nla_put_u64_64bit(msg, f->type,
				      *(const u64 *)((const u8 *)st + f->off),
				      VOFFLOAD_A_LINE_STATS_PAD))
			return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

static int vo_line_fill(struct sk_buff *msg, struct vo_line *line,
			u32 portid, u32 seq, int flags)
{
	struct vo_line_snap s;
	void *hdr;

	hdr = genlmsg_put(msg, portid, seq, &vo_genl_family, flags,
			  VOFFLOAD_CMD_LINE_GET);
	if (!hdr)
		return -EMSGSIZE;
	vo_line_snapshot(line, &s);
	if (nla_put_u32(msg, VOFFLOAD_A_LINE_ID, line->id) ||
	    nla_put_string(msg, VOFFLOAD_A_LINE_NAME, dev_name(&line->dev)) ||
	    nla_put_string(msg, VOFFLOAD_A_LINE_DRIVER, line->driver) ||
	    nla_put_u32(msg, VOFFLOAD_A_LINE_RATE, s.rate) ||
	    nla_put_u32(msg, VOFFLOAD_A_LINE_HOOK, s.hook) ||
	    nla_put_u32(msg, VOFFLOAD_A_LINE_FEED, s.feed) ||
	    nla_put_u32(msg, VOFFLOAD_A_LINE_POLARITY, s.polarity) ||
	    nla_put_u8(msg, VOFFLOAD_A_LINE_RINGING, s.ringing) ||
	    nla_put_string(msg, VOFFLOAD_A_LINE_COUNTRY, s.country) ||
	    vo_put_cadence(msg, &s.cadence) || vo_put_windows(msg, &s.w) ||
	    nla_put_s32(msg, VOFFLOAD_A_LINE_TX_GAIN, s.tx_gain) ||
	    nla_put_s32(msg, VOFFLOAD_A_LINE_RX_GAIN, s.rx_gain) ||
	    vo_put_stats(msg, &s.stats)) {
		genlmsg_cancel(msg, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return 0;
}

/* The line named by the request's id, or an ERR_PTR with extack set. */
static struct vo_line *vo_line_from_info(struct genl_info *info)
{
	struct vo_line *line;

	if (GENL_REQ_ATTR_CHECK(info, VOFFLOAD_A_LINE_ID))
		return ERR_PTR(-EINVAL);
	line = vo_line_find(nla_get_u32(info->attrs[VOFFLOAD_A_LINE_ID]));
	if (!line) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[VOFFLOAD_A_LINE_ID],
				    "no line with this id");
		return ERR_PTR(-ENODEV);
	}
	return line;
}

static void *vo_line_kind_find(struct genl_info *info)
{
	return vo_line_from_info(info);
}

static void *vo_line_kind_next(u32 *id)
{
	return vo_line_next(id);
}

static int vo_line_kind_fill(struct sk_buff *msg, void *line, u32 portid,
			     u32 seq, int flags)
{
	return vo_line_fill(msg, line, portid, seq, flags);
}

static const struct vo_nl_kind vo_line_kind = {
	.find = vo_line_kind_find,
	.next = vo_line_kind_next,
	.fill = vo_line_kind_fill,
};

int vo_nl_line_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	return vo_nl_get_one(info, &vo_line_kind);
}

int vo_nl_line_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	return vo_nl_get_all(skb, cb, &vo_line_kind);
}

static int vo_parse_cadence(const struct nlattr *nest, struct vo_cadence *c,
			    struct netlink_ext_ack *extack)
{
	struct nlattr *a;
	int rem;

	memset(c, 0, sizeof(*c));
	nla_for_each_nested(a, nest, rem) {
		if (nla_type(a) == VOFFLOAD_A_CADENCE_LOOP_FROM) {
			c->loop_from = min_t(u32, nla_get_u32(a), U8_MAX);
			continue;
		}
		if (c->n_segments == VOFFLOAD_MAX_SEGMENTS) {
			NL_SET_ERR_MSG_ATTR(extack, a, "too many cadence segments");
			return -EINVAL;
		}
		c->segment_ms[c->n_segments++] = nla_get_u32(a);
	}
	return vo_cadence_check(c, extack);
}

static void vo_parse_windows(struct nlattr **tb, struct vo_hook_windows *w)
{
	const struct vo_nl_field *f;

	for (f = vo_window_fields; f < vo_window_fields + ARRAY_SIZE(vo_window_fields); f++)
		if (tb[f->type])
			*(u32 *)((u8 *)w + f->off) = nla_get_u32(tb[f->type]);
}

/* The settings a line-set request asks for, on top of the current ones. */
static int vo_line_set_parse(struct vo_line *line, struct genl_info *info,
			     const struct vo_profile **profile,
			     struct vo_cadence *c, struct vo_hook_windows *w)
{
	struct nlattr *tb[VOFFLOAD_A_HOOK_WINDOWS_MAX + 1];
	struct nlattr **attrs = info->attrs;
	int err;

	if (attrs[VOFFLOAD_A_LINE_COUNTRY]) {
		*profile = vo_profile_find(nla_data(attrs[VOFFLOAD_A_LINE_COUNTRY]));
		if (!*profile) {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    attrs[VOFFLOAD_A_LINE_COUNTRY],
					    "unknown country profile");
			return -EINVAL;
		}
		*c = (*profile)->cadence;
		*w = (*profile)->windows;
	}
	if (attrs[VOFFLOAD_A_LINE_CADENCE]) {
		err = vo_parse_cadence(attrs[VOFFLOAD_A_LINE_CADENCE], c,
				       info->extack);
		if (err)
			return err;
	}
	if (attrs[VOFFLOAD_A_LINE_HOOK_WINDOWS]) {
		err = nla_parse_nested(tb, VOFFLOAD_A_HOOK_WINDOWS_MAX,
				       attrs[VOFFLOAD_A_LINE_HOOK_WINDOWS],
				       vo_hook_windows_policy, info->extack);
		if (err)
			return err;
		vo_parse_windows(tb, w);
	}
	return vo_windows_check(w, info->extack);
}

int vo_nl_line_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	const struct vo_profile *profile;
	struct vo_hook_windows w;
	struct vo_line *line;
	struct vo_cadence c;
	int err;

	mutex_lock(&vo_lines_mutex);
	line = vo_line_from_info(info);
	err = PTR_ERR_OR_ZERO(line);
	if (err)
		goto out;
	spin_lock_bh(&line->lock);
	profile = line->profile;
	c = line->cadence;
	w = line->windows;
	spin_unlock_bh(&line->lock);

	err = vo_line_set_parse(line, info, &profile, &c, &w);
	if (err)
		goto out;

	spin_lock_bh(&line->lock);
	line->profile = profile;
	line->windows = w;
	/* A cadence in play restarts from its first segment on the next ring. */
	line->cadence = c;
	if (line->ring.segment >= c.n_segments)
		line->ring.segment = c.loop_from;
	if (attrs[VOFFLOAD_A_LINE_TX_GAIN]) {
		line->tx_gain = nla_get_s32(attrs[VOFFLOAD_A_LINE_TX_GAIN]);
		line->tx_gain_q16 = vo_gain_q16(line->tx_gain);
	}
	if (attrs[VOFFLOAD_A_LINE_RX_GAIN]) {
		line->rx_gain = nla_get_s32(attrs[VOFFLOAD_A_LINE_RX_GAIN]);
		line->rx_gain_q16 = vo_gain_q16(line->rx_gain);
	}
	spin_unlock_bh(&line->lock);
out:
	mutex_unlock(&vo_lines_mutex);
	return err;
}

int vo_nl_line_ctrl_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	ktime_t now = ktime_get();
	struct vo_line *line;
	int err;

	mutex_lock(&vo_lines_mutex);
	line = vo_line_from_info(info);
	err = PTR_ERR_OR_ZERO(line);
	if (err)
		goto out;
	spin_lock_bh(&line->lock);
	if (attrs[VOFFLOAD_A_LINE_POLARITY])
		vo_ring_polarity(line, nla_get_u32(attrs[VOFFLOAD_A_LINE_POLARITY]));
	if (attrs[VOFFLOAD_A_LINE_OHT_MS])
		err = vo_ring_oht(line, now,
				  nla_get_u32(attrs[VOFFLOAD_A_LINE_OHT_MS]),
				  info->extack);
	if (!err && attrs[VOFFLOAD_A_LINE_RING]) {
		if (nla_get_u8(attrs[VOFFLOAD_A_LINE_RING]))
			err = vo_ring_start(line, now, info->extack);
		else
			vo_ring_stop(line);
	}
	spin_unlock_bh(&line->lock);
out:
	mutex_unlock(&vo_lines_mutex);
	return err;
}

static bool vo_event_has_digit(enum voffload_event type)
{
	return type == VOFFLOAD_EVENT_PULSE_DIGIT || type == VOFFLOAD_EVENT_DTMF;
}

static bool vo_event_has_duration(enum voffload_event type)
{
	return type == VOFFLOAD_EVENT_FLASH || type == VOFFLOAD_EVENT_DTMF;
}

void vo_nl_line_event(struct vo_line *line, const struct vo_line_event *ev)
{
	struct sk_buff *msg;
	void *hdr;

	if (!genl_has_listeners(&vo_genl_family, &init_net, 0))
		return;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &vo_genl_family, 0,
			  VOFFLOAD_CMD_LINE_EVENT);
	if (!hdr ||
	    nla_put_u32(msg, VOFFLOAD_A_LINE_ID, line->id) ||
	    nla_put_u32(msg, VOFFLOAD_A_LINE_EVENT, ev->type) ||
	    nla_put_u64_64bit(msg, VOFFLOAD_A_LINE_TIMESTAMP_NS,
			      ktime_to_ns(ev->when), VOFFLOAD_A_LINE_PAD) ||
	    (vo_event_has_digit(ev->type) &&
	     nla_put_u8(msg, VOFFLOAD_A_LINE_DIGIT, ev->digit)) ||
	    (vo_event_has_duration(ev->type) &&
	     nla_put_u32(msg, VOFFLOAD_A_LINE_DURATION_MS, ev->duration_ms))) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	genlmsg_multicast(&vo_genl_family, msg, 0, 0, GFP_KERNEL);
}
