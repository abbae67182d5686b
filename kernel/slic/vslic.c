// SPDX-License-Identifier: GPL-2.0
/*
 * vslic: a virtual SLIC with a simulated phone on each line, so the whole
 * stack runs in a VM. It goes through the same ops as a chip driver; the
 * phone is driven from sysfs, under /sys/class/voffload/lineN/phone/:
 *
 *   hook        rw  "off" or "on": lift or hang up the handset now
 *   flash       w   MS: a hook flash of MS milliseconds, now
 *   pulse       w   "DIGITS [BREAK MAKE PAUSE]": pulse-dial DIGITS with
 *                   BREAK/MAKE ms per pulse (60/40) and PAUSE ms between
 *                   digits (700)
 *   pending     r   hook changes scheduled but not yet due
 *   feed        r   the line feed the SLIC applies now
 *   feed_log    rw  "NS FEED" per feed change (CLOCK_MONOTONIC ns), oldest
 *                   first, since the last write (which clears it)
 *   stuck_hook  rw  1: the hook detector is stuck: hook changes are lost
 *                   (fault injection)
 *   stall_us    w   the next tick stalls this long in the driver (fault
 *                   injection: provokes late ticks)
 *   handset, dtmf   the phone's audio: see vslic_audio.c
 *
 * Hook changes are scheduled with exact times, as a hook interrupt would
 * timestamp them, so pulse and flash timing is exact to the microsecond.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#define VSLIC_STALL_MAX	100000

#include <linux/delay.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "vslic.h"

static unsigned int lines = 2;
module_param(lines, uint, 0444);
MODULE_PARM_DESC(lines, "number of virtual lines (1-512)");

static unsigned int rate = 8000;
module_param(rate, uint, 0444);
MODULE_PARM_DESC(rate, "sample rate of every line: 8000 or 16000");

/* Per line, as a chip with a small PCM FIFO would ask for finer frames. */
static unsigned int frame_ms[VOFFLOAD_MAX_LINES];
static int n_frame_ms;
module_param_array(frame_ms, uint, &n_frame_ms, 0444);
MODULE_PARM_DESC(frame_ms, "PCM frame length of the first lines in ms: 10, 5, 2 or 1 each (the rest: 10)");

static const char * const vslic_feed_names[] = {
	[VOFFLOAD_FEED_OPEN] = "open",
	[VOFFLOAD_FEED_FORWARD] = "forward",
	[VOFFLOAD_FEED_REVERSE] = "reverse",
	[VOFFLOAD_FEED_OHT_FORWARD] = "oht-forward",
	[VOFFLOAD_FEED_OHT_REVERSE] = "oht-reverse",
	[VOFFLOAD_FEED_RINGING] = "ringing",
};

static struct device *vslic_root;
static struct vo_line **vslic_lines;

/* ---- the SLIC side: ops called by the core's tick ---- */

static void vslic_set_feed(struct vo_line *line, enum voffload_feed feed)
{
	struct vslic_phone *ph = line->priv;

	spin_lock(&ph->lock);
	ph->feed = feed;
	if (ph->log_count < VSLIC_LOG) {
		ph->log[ph->log_count].at = ktime_get();
		ph->log[ph->log_count].feed = feed;
		ph->log_count++;
	}
	spin_unlock(&ph->lock);
}

static int vslic_read_hook(struct vo_line *line, ktime_t now,
			   enum voffload_hook *state, ktime_t *when, int max)
{
	struct vslic_phone *ph = line->priv;
	int n = 0;

	spin_lock(&ph->lock);
	while (n < max && ph->edge_count &&
	       ktime_compare(ph->edge[ph->edge_head].at, now) <= 0) {
		ph->line_hook = ph->edge[ph->edge_head].state;
		/* A stuck detector never sees the edge. */
		if (!ph->stuck) {
			state[n] = ph->edge[ph->edge_head].state;
			when[n] = ph->edge[ph->edge_head].at;
			n++;
		}
		ph->edge_head = (ph->edge_head + 1) % VSLIC_EDGES;
		ph->edge_count--;
	}
	spin_unlock(&ph->lock);
	return n;
}

static void vslic_pcm_xfer(struct vo_line *line, s16 *from_phone,
			   const s16 *to_phone, unsigned int n)
{
	struct vslic_phone *ph = line->priv;
	u32 stall;

	spin_lock(&ph->lock);
	stall = ph->stall_us;
	ph->stall_us = 0;
	spin_unlock(&ph->lock);
	if (stall)
		udelay(stall);
	vslic_audio_xfer(ph, from_phone, to_phone, n);
}

static const struct vo_line_ops vslic_ops = {
	.set_feed = vslic_set_feed,
	.read_hook = vslic_read_hook,
	.pcm_xfer = vslic_pcm_xfer,
};

/* ---- the phone side: sysfs ---- */

/* Schedule hook edges: each @ms[i] after the previous, states alternating. */
static int vslic_schedule(struct vslic_phone *ph, enum voffload_hook first,
			  const u32 *ms, unsigned int n)
{
	ktime_t at;
	unsigned int i;

	spin_lock_bh(&ph->lock);
	if (ph->edge_count + n > VSLIC_EDGES) {
		spin_unlock_bh(&ph->lock);
		return -ENOSPC;
	}
	/* After anything still pending, so edges stay in time order. */
	at = ktime_get();
	if (ktime_compare(ph->edge_last, at) > 0)
		at = ph->edge_last;
	for (i = 0; i < n; i++) {
		unsigned int slot = (ph->edge_head + ph->edge_count) % VSLIC_EDGES;

		at = ktime_add_ms(at, ms[i]);
		ph->edge[slot].at = at;
		ph->edge[slot].state = (i & 1) ? !first : first;
		ph->edge_count++;
		ph->hook = ph->edge[slot].state;
	}
	ph->edge_last = at;
	spin_unlock_bh(&ph->lock);
	return 0;
}

bool vslic_off_hook(struct vslic_phone *ph)
{
	bool off;

	spin_lock_bh(&ph->lock);
	off = ph->hook == VOFFLOAD_HOOK_OFF_HOOK;
	spin_unlock_bh(&ph->lock);
	return off;
}

static ssize_t hook_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%s\n",
			  vslic_off_hook(vslic_phone(dev)) ? "off" : "on");
}

static ssize_t hook_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t len)
{
	struct vslic_phone *ph = vslic_phone(dev);
	enum voffload_hook want;
	u32 now_ms = 0;
	int err;

	if (sysfs_streq(buf, "off"))
		want = VOFFLOAD_HOOK_OFF_HOOK;
	else if (sysfs_streq(buf, "on"))
		want = VOFFLOAD_HOOK_ON_HOOK;
	else
		return -EINVAL;
	if (vslic_off_hook(ph) == want)	/* OFF_HOOK is 1 */
		return len;
	err = vslic_schedule(ph, want, &now_ms, 1);
	return err ?: len;
}
static DEVICE_ATTR_RW(hook);

static ssize_t flash_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t len)
{
	struct vslic_phone *ph = vslic_phone(dev);
	u32 ms[2] = { 0 };
	int err;

	err = kstrtou32(buf, 0, &ms[1]);
	if (err)
		return err;
	if (!ms[1] || ms[1] > 10000)
		return -ERANGE;
	if (!vslic_off_hook(ph))
		return -EBUSY;
	err = vslic_schedule(ph, VOFFLOAD_HOOK_ON_HOOK, ms, 2);
	return err ?: len;
}
static DEVICE_ATTR_WO(flash);

/* Breaks and makes for one digit: ON-edge, OFF-edge, ... */
static unsigned int vslic_pulses(char digit, u32 brk, u32 make, u32 gap,
				 u32 *ms)
{
	unsigned int pulses = digit == '0' ? 10 : digit - '0';
	unsigned int i, n = 0;

	for (i = 0; i < pulses; i++) {
		ms[n++] = i ? make : gap;	/* before this break */
		ms[n++] = brk;			/* the break */
	}
	return n;
}

static ssize_t pulse_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t len)
{
	struct vslic_phone *ph = vslic_phone(dev);
	u32 brk = 60, make = 40, pause = 700;
	u32 ms[20];
	char digits[33];
	unsigned int i, n;
	int err;

	if (sscanf(buf, "%32s %u %u %u", digits, &brk, &make, &pause) < 1)
		return -EINVAL;
	if (!brk || !make || brk > 10000 || make > 10000 || pause > 10000)
		return -ERANGE;
	for (i = 0; digits[i]; i++)
		if (digits[i] < '0' || digits[i] > '9')
			return -EINVAL;
	if (!vslic_off_hook(ph))
		return -EBUSY;
	for (i = 0; digits[i]; i++) {
		/* The first digit starts now; later ones a pause after. */
		n = vslic_pulses(digits[i], brk, make, i ? pause : 0, ms);
		err = vslic_schedule(ph, VOFFLOAD_HOOK_ON_HOOK, ms, n);
		if (err)
			return err;
	}
	return len;
}
static DEVICE_ATTR_WO(pulse);

static ssize_t pending_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	struct vslic_phone *ph = vslic_phone(dev);
	unsigned int n;

	spin_lock_bh(&ph->lock);
	n = ph->edge_count;
	spin_unlock_bh(&ph->lock);
	return sysfs_emit(buf, "%u\n", n);
}
static DEVICE_ATTR_RO(pending);

static ssize_t feed_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	struct vslic_phone *ph = vslic_phone(dev);
	enum voffload_feed feed;

	spin_lock_bh(&ph->lock);
	feed = ph->feed;
	spin_unlock_bh(&ph->lock);
	return sysfs_emit(buf, "%s\n", vslic_feed_names[feed]);
}
static DEVICE_ATTR_RO(feed);

static ssize_t feed_log_show(struct device *dev, struct device_attribute *attr,
			     char *buf)
{
	struct vslic_phone *ph = vslic_phone(dev);
	unsigned int i;
	int len = 0;

	spin_lock_bh(&ph->lock);
	for (i = 0; i < ph->log_count; i++)
		len += sysfs_emit_at(buf, len, "%lld %s\n",
				     ktime_to_ns(ph->log[i].at),
				     vslic_feed_names[ph->log[i].feed]);
	spin_unlock_bh(&ph->lock);
	return len;
}

static ssize_t feed_log_store(struct device *dev, struct device_attribute *attr,
			      const char *buf, size_t len)
{
	struct vslic_phone *ph = vslic_phone(dev);

	spin_lock_bh(&ph->lock);
	ph->log_count = 0;
	spin_unlock_bh(&ph->lock);
	return len;
}
static DEVICE_ATTR_RW(feed_log);

static ssize_t stuck_hook_show(struct device *dev,
			       struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", vslic_phone(dev)->stuck);
}

static ssize_t stuck_hook_store(struct device *dev,
				struct device_attribute *attr,
				const char *buf, size_t len)
{
	struct vslic_phone *ph = vslic_phone(dev);
	bool stuck;
	int err;

	err = kstrtobool(buf, &stuck);
	if (err)
		return err;
	spin_lock_bh(&ph->lock);
	ph->stuck = stuck;
	spin_unlock_bh(&ph->lock);
	return len;
}
static DEVICE_ATTR_RW(stuck_hook);

static ssize_t stall_us_store(struct device *dev,
			      struct device_attribute *attr,
			      const char *buf, size_t len)
{
	struct vslic_phone *ph = vslic_phone(dev);
	u32 us;
	int err;

	err = kstrtou32(buf, 0, &us);
	if (err)
		return err;
	if (us > VSLIC_STALL_MAX)
		return -ERANGE;
	spin_lock_bh(&ph->lock);
	ph->stall_us = us;
	spin_unlock_bh(&ph->lock);
	return len;
}
static DEVICE_ATTR_WO(stall_us);

static struct attribute *vslic_phone_attrs[] = {
	&dev_attr_hook.attr,
	&dev_attr_flash.attr,
	&dev_attr_pulse.attr,
	&dev_attr_pending.attr,
	&dev_attr_feed.attr,
	&dev_attr_feed_log.attr,
	&dev_attr_stuck_hook.attr,
	&dev_attr_stall_us.attr,
	&dev_attr_dtmf.attr,
	&dev_attr_handset.attr,
	NULL,
};

static const struct attribute_group vslic_phone_group = {
	.name = "phone",
	.attrs = vslic_phone_attrs,
};

/* ---- module ---- */

static int vslic_add_line(unsigned int i)
{
	struct vslic_phone *ph;
	struct vo_line *line;
	int err;

	line = vo_line_alloc(sizeof(*ph));
	if (!line)
		return -ENOMEM;
	ph = line->priv;
	spin_lock_init(&ph->lock);
	ph->hook = VOFFLOAD_HOOK_ON_HOOK;
	ph->line_hook = VOFFLOAD_HOOK_ON_HOOK;
	ph->rate = rate;
	vslic_handset_add(ph, i);
	line->ops = &vslic_ops;
	line->driver = KBUILD_MODNAME;
	line->rate = rate;
	line->frame_ms = i < n_frame_ms ? frame_ms[i] : 10;
	line->driver_group = &vslic_phone_group;
	err = vo_line_register(line, vslic_root);
	if (err) {
		vslic_handset_remove(ph->handset);
		vo_line_put(line);
		return err;
	}
	vslic_lines[i] = line;
	return 0;
}

static void vslic_remove_lines(void)
{
	struct vslic_phone *ph;
	struct vo_pcm *handset;
	unsigned int i;

	for (i = 0; i < lines; i++) {
		if (!vslic_lines[i])
			continue;
		ph = vslic_lines[i]->priv;
		handset = ph->handset;
		vo_line_unregister(vslic_lines[i]);	/* frees ph */
		vslic_handset_remove(handset);
	}
}

static int __init vslic_init(void)
{
	unsigned int i;
	int err;

	if (!lines || lines > VOFFLOAD_MAX_LINES) {
		pr_err("lines=%u: must be 1 to %u\n", lines, VOFFLOAD_MAX_LINES);
		return -EINVAL;
	}
	if (rate != 8000 && rate != 16000) {
		pr_err("rate=%u: must be 8000 or 16000\n", rate);
		return -EINVAL;
	}
	for (i = 0; i < n_frame_ms; i++) {
		if (!frame_ms[i] || 10 % frame_ms[i]) {
			pr_err("frame_ms=%u (line %u): must be 10, 5, 2 or 1\n",
			       frame_ms[i], i);
			return -EINVAL;
		}
	}
	vslic_lines = kcalloc(lines, sizeof(*vslic_lines), GFP_KERNEL);
	if (!vslic_lines)
		return -ENOMEM;
	vslic_root = root_device_register(KBUILD_MODNAME);
	if (IS_ERR(vslic_root)) {
		err = PTR_ERR(vslic_root);
		goto err_free;
	}
	for (i = 0; i < lines; i++) {
		err = vslic_add_line(i);
		if (err)
			goto err_lines;
	}
	return 0;

err_lines:
	vslic_remove_lines();
	root_device_unregister(vslic_root);
err_free:
	kfree(vslic_lines);
	return err;
}

static void __exit vslic_exit(void)
{
	vslic_remove_lines();
	root_device_unregister(vslic_root);
	kfree(vslic_lines);
}

module_init(vslic_init);
module_exit(vslic_exit);

MODULE_DESCRIPTION("Virtual SLIC with a simulated phone per line");
MODULE_LICENSE("GPL");
