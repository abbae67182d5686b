// SPDX-License-Identifier: GPL-2.0
/*
 * The tick: one clock moves every line from a soft hrtimer. There are no
 * per-line timers or threads. Lines move 10 ms frames unless their driver
 * asks for finer ones (5, 2 or 1 ms, for chips with small PCM FIFOs); the
 * clock then runs at the finest frame any line has, and each line steps
 * once per frame of its own. Frames a late clock skipped are counted on
 * every line they belonged to.
 */
#include <linux/hrtimer.h>
#include <linux/list.h>

#include <linux/moduleparam.h>

#include "../rtp_fastpath/fastpath.h"
#include "pcm.h"
#include "slic.h"

#define VO_HOOK_BATCH 16

static LIST_HEAD(vo_clock_lines);
static DEFINE_SPINLOCK(vo_clock_lock);
static struct hrtimer vo_clock_timer;
static bool vo_clock_running;
/* One tick runs at a time, so the frame buffers can be shared. */
static s16 vo_frame_in[VO_FRAME_MAX];
static s16 vo_frame_out[VO_FRAME_MAX];
/* Longest time one tick's work took (tick_work_max_us below). */
static u64 vo_tick_work_max_ns;
/* The clock's period: the finest frame of any line. */
static unsigned int vo_clock_ms = VO_TICK_MS;
/* When the clock last fired, as the timer's expiry time. */
static ktime_t vo_clock_last;

static void vo_line_step_hook(struct vo_line *line, ktime_t now)
{
	enum voffload_hook state[VO_HOOK_BATCH];
	ktime_t when[VO_HOOK_BATCH];
	int i, n;

	do {
		n = line->ops->read_hook(line, now, state, when,
					 VO_HOOK_BATCH);
		for (i = 0; i < n; i++)
			vo_hook_edge(line, state[i], when[i]);
	} while (n == VO_HOOK_BATCH);
	vo_hook_tick(line, now);
}

/*
 * Towards the phone: the call's audio from the flow and ALSA playback
 * mixed, then the rx gain. From the phone: the tx gain, then the flow and
 * ALSA capture, so ALSA hears the line as the far end does.
 */
static void vo_line_step_pcm(struct vo_line *line, ktime_t now)
{
	unsigned int n = line->rate / 1000 * line->frame_ms;
	u32 xruns;

	memset(vo_frame_out, 0, n * sizeof(s16));
	vo_flow_playout(line->flow, vo_frame_out, n, now);
	xruns = vo_pcm_play(line->pcm, vo_frame_out, n);
	vo_gain_apply(vo_frame_out, n, line->rx_gain_q16);
	line->ops->pcm_xfer(line, vo_frame_in, vo_frame_out, n);
	vo_line_dtmf_detect(line, vo_frame_in, n, now);	/* before muting */
	vo_gain_apply(vo_frame_in, n, line->tx_gain_q16);
	vo_flow_capture(line->flow, vo_frame_in, n);
	xruns += vo_pcm_record(line->pcm, vo_frame_in, n);
	line->stats.frames_in++;
	line->stats.frames_out++;
	line->stats.alsa_xruns += xruns;
}

static void vo_line_step(struct vo_line *line, ktime_t now, u64 late)
{
	spin_lock(&line->lock);
	line->stats.tick_overruns += late;
	if (late)
		vo_flow_skipped(line->flow, min_t(u64, late, 100) *
				line->rate / 1000 * line->frame_ms);
	vo_line_step_hook(line, now);
	vo_ring_tick(line, now);
	vo_line_step_pcm(line, now);
	spin_unlock(&line->lock);
}

/* @ms of clock time passed: step the line if a frame of its is due. */
static void vo_line_clock(struct vo_line *line, ktime_t now, u32 ms)
{
	u32 due = line->clock_due_ms + ms;

	line->clock_due_ms = due % line->frame_ms;
	due /= line->frame_ms;
	if (due)
		vo_line_step(line, now, due - 1);
}

static enum hrtimer_restart vo_clock_fire(struct hrtimer *timer)
{
	ktime_t expires = hrtimer_get_expires(timer);
	struct vo_line *line;
	ktime_t now;
	u64 work;
	u32 ms;

	spin_lock(&vo_clock_lock);
	/*
	 * Clock time is what passed between the expiry times of two fires,
	 * whole milliseconds however late we run and whatever the period
	 * was; periods a late fire skipped show up in the next one.
	 */
	ms = ktime_ms_delta(expires, vo_clock_last);
	vo_clock_last = expires;
	hrtimer_forward_now(timer, ms_to_ktime(vo_clock_ms));
	now = ktime_get();
	list_for_each_entry(line, &vo_clock_lines, node)
		vo_line_clock(line, now, ms);
	work = ktime_to_ns(ktime_sub(ktime_get(), now));
	if (work > vo_tick_work_max_ns)
		vo_tick_work_max_ns = work;
	spin_unlock(&vo_clock_lock);
	return HRTIMER_RESTART;
}

/*
 * How much of the 10 ms period the tick's work takes at most: the budget a
 * router maker has left. /sys/module/voffload/parameters/tick_work_max_us;
 * writing 0 starts a new measurement.
 */
static int vo_tick_work_get(char *buf, const struct kernel_param *kp)
{
	u64 ns;

	spin_lock_bh(&vo_clock_lock);
	ns = vo_tick_work_max_ns;
	spin_unlock_bh(&vo_clock_lock);
	return sysfs_emit(buf, "%llu\n", div_u64(ns, NSEC_PER_USEC));
}

static int vo_tick_work_set(const char *val, const struct kernel_param *kp)
{
	u64 v;
	int err = kstrtou64(val, 0, &v);

	if (err)
		return err;
	if (v)
		return -EINVAL;
	spin_lock_bh(&vo_clock_lock);
	vo_tick_work_max_ns = 0;
	spin_unlock_bh(&vo_clock_lock);
	return 0;
}

static const struct kernel_param_ops vo_tick_work_ops = {
	.get = vo_tick_work_get,
	.set = vo_tick_work_set,
};
module_param_cb(tick_work_max_us, &vo_tick_work_ops, NULL, 0644);
MODULE_PARM_DESC(tick_work_max_us, "longest tick's work in us (write 0 to reset)");

/* The finest frame of the lines on the clock; under vo_clock_lock. */
static unsigned int vo_clock_period(void)
{
	unsigned int ms = VO_TICK_MS;
	struct vo_line *line;

	list_for_each_entry(line, &vo_clock_lines, node)
		ms = min(ms, line->frame_ms);
	return ms;
}

int vo_clock_add(struct vo_line *line)
{
	bool start;

	spin_lock_bh(&vo_clock_lock);
	line->clock_due_ms = 0;
	list_add_tail(&line->node, &vo_clock_lines);
	/* The timer takes a new period when it next fires. */
	vo_clock_ms = vo_clock_period();
	start = !vo_clock_running;
	vo_clock_running = true;
	spin_unlock_bh(&vo_clock_lock);

	if (start) {
		hrtimer_init(&vo_clock_timer, CLOCK_MONOTONIC,
			     HRTIMER_MODE_ABS_SOFT);
		vo_clock_timer.function = vo_clock_fire;
		vo_clock_last = ktime_get();
		hrtimer_start(&vo_clock_timer,
			      ktime_add_ms(vo_clock_last, line->frame_ms),
			      HRTIMER_MODE_ABS_SOFT);
	}
	return 0;
}

/* Every tick runs under vo_clock_lock, so taking it waits one out. */
void vo_clock_sync(void)
{
	spin_lock_bh(&vo_clock_lock);
	spin_unlock_bh(&vo_clock_lock);
}

void vo_clock_del(struct vo_line *line)
{
	bool stop;

	spin_lock_bh(&vo_clock_lock);
	list_del(&line->node);
	vo_clock_ms = vo_clock_period();
	stop = list_empty(&vo_clock_lines);
	if (stop)
		vo_clock_running = false;
	spin_unlock_bh(&vo_clock_lock);

	/* Outside the lock: the callback takes it. */
	if (stop)
		hrtimer_cancel(&vo_clock_timer);
}
