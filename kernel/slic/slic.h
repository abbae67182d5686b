/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internals of the line framework, shared by its files; drivers use line.h.
 */
#ifndef _VO_SLIC_SLIC_H
#define _VO_SLIC_SLIC_H

#include <linux/minmax.h>
#include <linux/mutex.h>
#include <net/genetlink.h>

#include "line.h"

/* line.c: every registered line, by id; the mutex also orders netlink. */
extern struct mutex vo_lines_mutex;
struct vo_line *vo_line_find(u32 id);	/* under vo_lines_mutex */
struct vo_line *vo_line_next(u32 *id);	/* under vo_lines_mutex */

/* profile.c: country defaults and the checks every setting passes */
const struct vo_profile *vo_profile_find(const char *country);
extern const struct vo_profile vo_profile_default;
int vo_cadence_check(const struct vo_cadence *c, struct netlink_ext_ack *ext);
int vo_windows_check(const struct vo_hook_windows *w,
		     struct netlink_ext_ack *extack);

/* hook.c: debounce and classification; called with line->lock held */
void vo_hook_init(struct vo_line *line);

/* line_dtmf.c: from the tick, line->lock held */
void vo_line_dtmf_init(struct vo_line *line);
void vo_line_dtmf_detect(struct vo_line *line, const s16 *from_phone,
			 unsigned int n, ktime_t now);
void vo_hook_edge(struct vo_line *line, enum voffload_hook raw, ktime_t when);
void vo_hook_tick(struct vo_line *line, ktime_t now);

/* ring.c: cadence, polarity, on-hook transmission; line->lock held */
void vo_ring_init(struct vo_line *line);
int vo_ring_start(struct vo_line *line, ktime_t now,
		  struct netlink_ext_ack *extack);
void vo_ring_stop(struct vo_line *line);
void vo_ring_tick(struct vo_line *line, ktime_t now);
void vo_ring_polarity(struct vo_line *line, enum voffload_polarity pol);
int vo_ring_oht(struct vo_line *line, ktime_t now, u32 ms,
		struct netlink_ext_ack *extack);
void vo_ring_hook_changed(struct vo_line *line);

/* clock.c: the tick that drives every line */
int vo_clock_add(struct vo_line *line);
void vo_clock_del(struct vo_line *line);
void vo_clock_sync(void);	/* returns when no tick is running */

/* gain.c: gains in 0.1 dB as Q16 factors */
#define VO_GAIN_UNITY	BIT(16)
u32 vo_gain_q16(s32 tenths);
void vo_gain_apply(s16 *x, unsigned int n, u32 q16);

/* Two signals summed, clipped as a codec would. */
static inline s16 vo_mix(s16 a, s16 b)
{
	return clamp_t(s32, (s32)a + b, S16_MIN, S16_MAX);
}

/* pcm_card.c: the parent device of every ALSA card */
int vo_pcm_init(void);
void vo_pcm_exit(void);

/* line_alsa.c: the line's ALSA PCM device, if it gets one */
void vo_line_alsa_add(struct vo_line *line);
void vo_line_alsa_remove(struct vo_line *line);

/* event.c: queue from the tick, deliver over netlink from a work item */
void vo_event_emit(struct vo_line *line, enum voffload_event type,
		   ktime_t when, u8 digit, u32 duration_ms);
void vo_event_flush(void);

/* stats.c, line_sysfs.c: the line's sysfs files */
extern const struct attribute_group vo_line_stats_group;
extern const struct attribute_group vo_line_group;

/* netlink.c: the nested policy line-set parses hook windows with */
extern const struct nla_policy vo_hook_windows_policy[];

/* line_nl.c: handlers of the line operations, and event notifications */
int vo_nl_line_get_doit(struct sk_buff *skb, struct genl_info *info);
int vo_nl_line_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int vo_nl_line_set_doit(struct sk_buff *skb, struct genl_info *info);
int vo_nl_line_ctrl_doit(struct sk_buff *skb, struct genl_info *info);
void vo_nl_line_event(struct vo_line *line, const struct vo_line_event *ev);

#endif /* _VO_SLIC_SLIC_H */
