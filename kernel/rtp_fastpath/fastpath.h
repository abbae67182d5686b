/* SPDX-License-Identifier: GPL-2.0 */
/* What the rest of voffload.ko uses of the RTP fast path. */
#ifndef _VO_RTP_FASTPATH_H
#define _VO_RTP_FASTPATH_H

#include <linux/ktime.h>
#include <net/genetlink.h>

struct vo_line;

/* flow_sysfs.c: /sys/class/voffload/<line>/rtp/, the call's counters */
extern const struct attribute_group vo_rtp_stats_group;

int vo_flows_init(void);
void vo_flows_exit(void);		/* ends every flow */
void vo_flows_line_gone(struct vo_line *line);	/* under vo_lines_mutex */

/* From the tick, line->lock held: the line's flow's audio, either way. */
struct vo_flow;
void vo_flow_playout(struct vo_flow *flow, s16 *to_phone, unsigned int n,
		     ktime_t now);
void vo_flow_capture(struct vo_flow *flow, const s16 *from_phone,
		     unsigned int n);
/*
 * From the tick: @samples of the line's time went by unplayed (the tick
 * ran late and skipped frames), so the call's playout moves on by as much.
 */
void vo_flow_skipped(struct vo_flow *flow, u32 samples);
/*
 * From the tick, before the frame is captured: the phone started a digit
 * @samples before this frame, or ended one @samples long.
 */
void vo_flow_dtmf_detected(struct vo_flow *flow, u8 digit, bool end,
			   u32 samples);

/* flow_nl.c: handlers of the flow operations; policies in netlink.c */
extern const struct nla_policy vo_jitter_policy[];
int vo_nl_flow_new_doit(struct sk_buff *skb, struct genl_info *info);
int vo_nl_flow_set_doit(struct sk_buff *skb, struct genl_info *info);
int vo_nl_flow_del_doit(struct sk_buff *skb, struct genl_info *info);
int vo_nl_flow_get_doit(struct sk_buff *skb, struct genl_info *info);
int vo_nl_flow_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);

#endif /* _VO_RTP_FASTPATH_H */
