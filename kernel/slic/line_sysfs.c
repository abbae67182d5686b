// SPDX-License-Identifier: GPL-2.0
/*
 * What a line is, in /sys/class/voffload/<line>/: its ALSA device, sample
 * rate and frame length. Counters are in statistics/ (stats.c).
 */
#include "pcm.h"
#include "slic.h"

static struct vo_line *vo_dev_line(struct device *dev)
{
	return container_of(dev, struct vo_line, dev);
}

static ssize_t pcm_show(struct device *dev, struct device_attribute *attr,
			char *buf)
{
	struct vo_line *line = vo_dev_line(dev);
	ssize_t len = -ENODEV;

	/* line->pcm goes away at unregistration, before the device does. */
	mutex_lock(&vo_lines_mutex);
	if (line->pcm)
		len = vo_pcm_show_name(line->pcm, buf);
	mutex_unlock(&vo_lines_mutex);
	return len;
}
static DEVICE_ATTR_RO(pcm);

/* Set by the driver before registration, constant after. */
static ssize_t rate_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%u\n", vo_dev_line(dev)->rate);
}
static DEVICE_ATTR_RO(rate);

static ssize_t frame_ms_show(struct device *dev,
			     struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", vo_dev_line(dev)->frame_ms);
}
static DEVICE_ATTR_RO(frame_ms);

static struct attribute *vo_line_attrs[] = {
	&dev_attr_pcm.attr,
	&dev_attr_rate.attr,
	&dev_attr_frame_ms.attr,
	NULL,
};

const struct attribute_group vo_line_group = {
	.attrs = vo_line_attrs,
};
