// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/class/voffload/<line>/statistics/: one counter per file, as for
 * network devices. Documented in Documentation/ABI/testing/sysfs-class-voffload.
 */
#include "slic.h"

static ssize_t vo_stat_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	struct vo_line *line = container_of(dev, struct vo_line, dev);
	struct dev_ext_attribute *ea =
		container_of(attr, struct dev_ext_attribute, attr);
	size_t offset = (uintptr_t)ea->var;
	u64 v;

	spin_lock_bh(&line->lock);
	v = *(u64 *)((u8 *)&line->stats + offset);
	spin_unlock_bh(&line->lock);
	return sysfs_emit(buf, "%llu\n", v);
}

/* Each file's variable is the offset of its counter in vo_line_stats. */
#define VO_STAT_OFFSET(field) ((void *)offsetof(struct vo_line_stats, field))

static struct dev_ext_attribute vo_stat_attrs[] = {
	{ __ATTR(hook_events, 0444, vo_stat_show, NULL),
	  VO_STAT_OFFSET(hook_events) },
	{ __ATTR(ring_cycles, 0444, vo_stat_show, NULL),
	  VO_STAT_OFFSET(ring_cycles) },
	{ __ATTR(frames_in, 0444, vo_stat_show, NULL),
	  VO_STAT_OFFSET(frames_in) },
	{ __ATTR(frames_out, 0444, vo_stat_show, NULL),
	  VO_STAT_OFFSET(frames_out) },
	{ __ATTR(tick_overruns, 0444, vo_stat_show, NULL),
	  VO_STAT_OFFSET(tick_overruns) },
	{ __ATTR(alsa_xruns, 0444, vo_stat_show, NULL),
	  VO_STAT_OFFSET(alsa_xruns) },
	{ __ATTR(events_dropped, 0444, vo_stat_show, NULL),
	  VO_STAT_OFFSET(events_dropped) },
	{ __ATTR(dtmf_digits, 0444, vo_stat_show, NULL),
	  VO_STAT_OFFSET(dtmf_digits) },
};

static struct attribute *vo_line_stats_attrs[] = {
	&vo_stat_attrs[0].attr.attr,
	&vo_stat_attrs[1].attr.attr,
	&vo_stat_attrs[2].attr.attr,
	&vo_stat_attrs[3].attr.attr,
	&vo_stat_attrs[4].attr.attr,
	&vo_stat_attrs[5].attr.attr,
	&vo_stat_attrs[6].attr.attr,
	&vo_stat_attrs[7].attr.attr,
	NULL,
};

const struct attribute_group vo_line_stats_group = {
	.name = "statistics",
	.attrs = vo_line_stats_attrs,
};
