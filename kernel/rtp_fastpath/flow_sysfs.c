// SPDX-License-Identifier: GPL-2.0
/*
 * The line's call counters in sysfs: /sys/class/voffload/<line>/rtp/, one
 * file per RFC 3550 counter of the flow the line has now, and the jitter
 * buffer's (jb_*) (all 0 between calls). Reading them does not move the
 * fraction-lost interval on; that is for the daemon's flow-get once per
 * RTCP report.
 */
#include <linux/device.h>

#include "../slic/slic.h"
#include "fastpath.h"
#include "flow.h"

static ssize_t vo_rtp_stat_show(struct device *dev,
				struct device_attribute *attr, char *buf)
{
	struct vo_line *line = container_of(dev, struct vo_line, dev);
	struct dev_ext_attribute *ea =
		container_of(attr, struct dev_ext_attribute, attr);
	size_t off = (uintptr_t)ea->var & ~1UL;
	bool is32 = (uintptr_t)ea->var & 1;
	struct vo_flow_stats st = {};
	const u8 *p = (const u8 *)&st + off;

	mutex_lock(&vo_lines_mutex);
	if (line->flow)
		vo_flow_stats_read(line->flow, &st, false);
	mutex_unlock(&vo_lines_mutex);
	if (off == offsetof(struct vo_flow_stats, lost))
		return sysfs_emit(buf, "%lld\n", st.lost);
	if (off == offsetof(struct vo_flow_stats, jb_drift_ppm))
		return sysfs_emit(buf, "%d\n", st.jb_drift_ppm);
	return sysfs_emit(buf, "%llu\n",
			  is32 ? *(const u32 *)p : *(const u64 *)p);
}

/* Each file's variable: the counter's offset, bit 0 set for a u32. */
#define VO_RTP_OFF(field, is32) \
	((void *)(offsetof(struct vo_flow_stats, field) | (is32)))

static struct dev_ext_attribute vo_rtp_stat_attrs[] = {
	{ __ATTR(tx_packets, 0444, vo_rtp_stat_show, NULL),
	  VO_RTP_OFF(tx_packets, 0) },
	{ __ATTR(tx_octets, 0444, vo_rtp_stat_show, NULL),
	  VO_RTP_OFF(tx_octets, 0) },
	{ __ATTR(rx_packets, 0444, vo_rtp_stat_show, NULL),
	  VO_RTP_OFF(rx_packets, 0) },
	{ __ATTR(rx_octets, 0444, vo_rtp_stat_show, NULL),
	  VO_RTP_OFF(rx_octets, 0) },
	{ __ATTR(lost, 0444, vo_rtp_stat_show, NULL),
	  VO_RTP_OFF(lost, 0) },
	{ __ATTR(fraction_lost, 0444, vo_rtp_stat_show, NULL),
	  VO_RTP_OFF(fraction_lost, 1) },
	{ __ATTR(jitter, 0444, vo_rtp_stat_show, NULL),
	  VO_RTP_OFF(jitter, 1) },
	{ __ATTR(ext_max_seq, 0444, vo_rtp_stat_show, NULL),
	  VO_RTP_OFF(ext_max_seq, 1) },
	{ __ATTR(late, 0444, vo_rtp_stat_show, NULL),
	  VO_RTP_OFF(late, 0) },
	{ __ATTR(duplicate, 0444, vo_rtp_stat_show, NULL),
	  VO_RTP_OFF(duplicate, 0) },
	{ __ATTR(reordered, 0444, vo_rtp_stat_show, NULL),
	  VO_RTP_OFF(reordered, 0) },
	{ __ATTR(bad_header, 0444, vo_rtp_stat_show, NULL),
	  VO_RTP_OFF(bad_header, 0) },
	{ __ATTR(wrong_source, 0444, vo_rtp_stat_show, NULL),
	  VO_RTP_OFF(wrong_source, 0) },
	{ __ATTR(wrong_pt, 0444, vo_rtp_stat_show, NULL),
	  VO_RTP_OFF(wrong_pt, 0) },
	{ __ATTR(too_short, 0444, vo_rtp_stat_show, NULL),
	  VO_RTP_OFF(too_short, 0) },
	{ __ATTR(passed_up, 0444, vo_rtp_stat_show, NULL),
	  VO_RTP_OFF(passed_up, 0) },
	{ __ATTR(wrong_ssrc, 0444, vo_rtp_stat_show, NULL),
	  VO_RTP_OFF(wrong_ssrc, 0) },
	{ __ATTR(tx_events, 0444, vo_rtp_stat_show, NULL),
	  VO_RTP_OFF(tx_events, 0) },
	{ __ATTR(rx_events, 0444, vo_rtp_stat_show, NULL),
	  VO_RTP_OFF(rx_events, 0) },
	{ __ATTR(rx_events_ignored, 0444, vo_rtp_stat_show, NULL),
	  VO_RTP_OFF(rx_events_ignored, 0) },
	{ __ATTR(jb_delay_ms, 0444, vo_rtp_stat_show, NULL),
	  VO_RTP_OFF(jb_delay_ms, 1) },
	{ __ATTR(jb_target_ms, 0444, vo_rtp_stat_show, NULL),
	  VO_RTP_OFF(jb_target_ms, 1) },
	{ __ATTR(jb_underflows, 0444, vo_rtp_stat_show, NULL),
	  VO_RTP_OFF(jb_underflows, 0) },
	{ __ATTR(jb_overflows, 0444, vo_rtp_stat_show, NULL),
	  VO_RTP_OFF(jb_overflows, 0) },
	{ __ATTR(jb_concealed_frames, 0444, vo_rtp_stat_show, NULL),
	  VO_RTP_OFF(jb_concealed_frames, 0) },
	{ __ATTR(jb_cn_frames, 0444, vo_rtp_stat_show, NULL),
	  VO_RTP_OFF(jb_cn_frames, 0) },
	{ __ATTR(jb_resyncs, 0444, vo_rtp_stat_show, NULL),
	  VO_RTP_OFF(jb_resyncs, 0) },
	{ __ATTR(jb_dropped_samples, 0444, vo_rtp_stat_show, NULL),
	  VO_RTP_OFF(jb_dropped_samples, 0) },
	{ __ATTR(jb_inserted_samples, 0444, vo_rtp_stat_show, NULL),
	  VO_RTP_OFF(jb_inserted_samples, 0) },
	{ __ATTR(jb_drift_ppm, 0444, vo_rtp_stat_show, NULL),
	  VO_RTP_OFF(jb_drift_ppm, 1) },
};

static struct attribute *vo_rtp_attrs[] = {
	&vo_rtp_stat_attrs[0].attr.attr,
	&vo_rtp_stat_attrs[1].attr.attr,
	&vo_rtp_stat_attrs[2].attr.attr,
	&vo_rtp_stat_attrs[3].attr.attr,
	&vo_rtp_stat_attrs[4].attr.attr,
	&vo_rtp_stat_attrs[5].attr.attr,
	&vo_rtp_stat_attrs[6].attr.attr,
	&vo_rtp_stat_attrs[7].attr.attr,
	&vo_rtp_stat_attrs[8].attr.attr,
	&vo_rtp_stat_attrs[9].attr.attr,
	&vo_rtp_stat_attrs[10].attr.attr,
	&vo_rtp_stat_attrs[11].attr.attr,
	&vo_rtp_stat_attrs[12].attr.attr,
	&vo_rtp_stat_attrs[13].attr.attr,
	&vo_rtp_stat_attrs[14].attr.attr,
	&vo_rtp_stat_attrs[15].attr.attr,
	&vo_rtp_stat_attrs[16].attr.attr,
	&vo_rtp_stat_attrs[17].attr.attr,
	&vo_rtp_stat_attrs[18].attr.attr,
	&vo_rtp_stat_attrs[19].attr.attr,
	&vo_rtp_stat_attrs[20].attr.attr,
	&vo_rtp_stat_attrs[21].attr.attr,
	&vo_rtp_stat_attrs[22].attr.attr,
	&vo_rtp_stat_attrs[23].attr.attr,
	&vo_rtp_stat_attrs[24].attr.attr,
	&vo_rtp_stat_attrs[25].attr.attr,
	&vo_rtp_stat_attrs[26].attr.attr,
	&vo_rtp_stat_attrs[27].attr.attr,
	&vo_rtp_stat_attrs[28].attr.attr,
	&vo_rtp_stat_attrs[29].attr.attr,
	NULL,
};

const struct attribute_group vo_rtp_stats_group = {
	.name = "rtp",
	.attrs = vo_rtp_attrs,
};
