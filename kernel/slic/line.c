// SPDX-License-Identifier: GPL-2.0
/*
 * Line objects: allocation, registration with an id and a device in
 * /sys/class/voffload, and lookup for netlink.
 */
#include <linux/idr.h>
#include <linux/slab.h>

#include "../voffload.h"
#include "../rtp_fastpath/fastpath.h"
#include "slic.h"

/* Orders line registration, lookup, netlink requests and event delivery. */
DEFINE_MUTEX(vo_lines_mutex);
static DEFINE_IDR(vo_lines);

struct vo_line *vo_line_find(u32 id)
{
	lockdep_assert_held(&vo_lines_mutex);
	return idr_find(&vo_lines, id);
}

/* The line with the lowest id >= *id, which is updated; NULL past the end. */
struct vo_line *vo_line_next(u32 *id)
{
	int next = *id;
	struct vo_line *line;

	lockdep_assert_held(&vo_lines_mutex);
	line = idr_get_next(&vo_lines, &next);
	*id = next;
	return line;
}

static void vo_line_release(struct device *dev)
{
	kfree(container_of(dev, struct vo_line, dev));
}

/* A line with driver data of @priv_size; give it back with vo_line_put(). */
struct vo_line *vo_line_alloc(size_t priv_size)
{
	struct vo_line *line;

	line = kzalloc(sizeof(*line) + priv_size, GFP_KERNEL);
	if (!line)
		return NULL;
	line->priv = line + 1;
	line->rate = VO_RATE_NB;
	device_initialize(&line->dev);
	line->dev.class = &vo_class;
	line->dev.release = vo_line_release;
	spin_lock_init(&line->lock);
	INIT_KFIFO(line->events);
	return line;
}
EXPORT_SYMBOL_GPL(vo_line_alloc);

void vo_line_put(struct vo_line *line)
{
	put_device(&line->dev);
}
EXPORT_SYMBOL_GPL(vo_line_put);

static void vo_line_defaults(struct vo_line *line)
{
	line->profile = &vo_profile_default;
	line->cadence = vo_profile_default.cadence;
	line->windows = vo_profile_default.windows;
	line->polarity = VOFFLOAD_POLARITY_NORMAL;
	line->tx_gain_q16 = VO_GAIN_UNITY;
	line->rx_gain_q16 = VO_GAIN_UNITY;
	vo_hook_init(line);
	vo_ring_init(line);
	vo_line_dtmf_init(line);
}

int vo_line_register(struct vo_line *line, struct device *parent)
{
	int id, err;

	if (line->rate != VO_RATE_NB && line->rate != VO_RATE_WB)
		return -EINVAL;
	if (!line->frame_ms)
		line->frame_ms = VO_TICK_MS;
	/* Frames must tile the 10 ms ALSA periods. */
	if (VO_TICK_MS % line->frame_ms)
		return -EINVAL;

	mutex_lock(&vo_lines_mutex);
	id = idr_alloc(&vo_lines, line, 0, VOFFLOAD_MAX_LINES, GFP_KERNEL);
	if (id < 0) {
		err = id == -ENOSPC ? -EBUSY : id;
		goto err_unlock;
	}
	line->id = id;
	line->dev.parent = parent;
	err = dev_set_name(&line->dev, "line%d", id);
	if (err)
		goto err_idr;
	line->groups[0] = &vo_line_stats_group;
	line->groups[1] = &vo_line_group;
	line->groups[2] = &vo_rtp_stats_group;
	line->groups[3] = line->driver_group;
	line->dev.groups = line->groups;
	err = device_add(&line->dev);
	if (err)
		goto err_idr;
	spin_lock_bh(&line->lock);
	vo_line_defaults(line);
	spin_unlock_bh(&line->lock);
	vo_line_alsa_add(line);
	vo_clock_add(line);
	mutex_unlock(&vo_lines_mutex);
	return 0;

err_idr:
	idr_remove(&vo_lines, id);
err_unlock:
	mutex_unlock(&vo_lines_mutex);
	return err;
}
EXPORT_SYMBOL_GPL(vo_line_register);

/* Unregister and give back the line; no op is called after this returns. */
void vo_line_unregister(struct vo_line *line)
{
	mutex_lock(&vo_lines_mutex);
	vo_clock_del(line);
	vo_flows_line_gone(line);
	vo_line_alsa_remove(line);
	idr_remove(&vo_lines, line->id);
	mutex_unlock(&vo_lines_mutex);
	device_unregister(&line->dev);
}
EXPORT_SYMBOL_GPL(vo_line_unregister);
