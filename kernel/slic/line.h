/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The FXS line framework: what a SLIC chip driver sees.
 *
 * A driver registers one struct vo_line per FXS port and implements the ops:
 * it touches registers, line feed and PCM, nothing else. The core owns all
 * timing (ring cadence, on-hook transmission windows, hook debounce and
 * flash/pulse classification) and moves PCM frames for every line on one
 * clock tick.
 */
#ifndef _VO_SLIC_LINE_H
#define _VO_SLIC_LINE_H

#include <linux/device.h>
#include <linux/kfifo.h>
#include <linux/ktime.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/voffload.h>

#include "dtmf.h"

#define VO_TICK_MS		10
#define VO_RATE_NB		8000
#define VO_RATE_WB		16000
/* Samples in one tick at the wideband rate: the largest frame we move. */
#define VO_FRAME_MAX		(VO_RATE_WB / 1000 * VO_TICK_MS)

struct vo_line;
struct vo_pcm;
struct vo_flow;

struct vo_line_ops {
	/* Apply a line feed state. Called from the tick (softirq). */
	void (*set_feed)(struct vo_line *line, enum voffload_feed feed);
	/*
	 * Report hook transitions up to @now (the tick's time), oldest first:
	 * store up to @max (state, time) pairs and return how many. Drivers
	 * with a hook interrupt queue edges with their time; the core
	 * debounces.
	 */
	int (*read_hook)(struct vo_line *line, ktime_t now,
			 enum voffload_hook *state, ktime_t *when, int max);
	/* Move one frame of PCM: @n samples from the phone, @n to it. */
	void (*pcm_xfer)(struct vo_line *line, s16 *from_phone,
			 const s16 *to_phone, unsigned int n);
};

struct vo_cadence {
	u32 segment_ms[VOFFLOAD_MAX_SEGMENTS];
	u8 n_segments;
	u8 loop_from;
};

struct vo_hook_windows {
	u32 debounce_ms;
	u32 pulse_break_min_ms;
	u32 pulse_break_max_ms;
	u32 pulse_make_max_ms;
	u32 flash_min_ms;
	u32 flash_max_ms;
	u32 onhook_ms;
};

struct vo_profile {
	const char *country;
	struct vo_cadence cadence;
	struct vo_hook_windows windows;
};

struct vo_line_stats {
	u64 hook_events;
	u64 ring_cycles;
	u64 frames_in;
	u64 frames_out;
	u64 tick_overruns;
	u64 alsa_xruns;
	u64 events_dropped;
	u64 dtmf_digits;
};

struct vo_line_event {
	enum voffload_event type;
	ktime_t when;
	u8 digit;
	u32 duration_ms;
};

/* Hook classifier state, owned by hook.c. */
struct vo_hook {
	enum voffload_hook state;	/* debounced, as reported */
	enum voffload_hook raw;		/* last edge from the driver */
	ktime_t raw_since;		/* time of that edge */
	ktime_t digit_start;		/* first break of the digit being dialled */
	u8 pulses;			/* breaks counted in that digit */
};

/* Ring and feed state, owned by ring.c. */
struct vo_ring {
	bool ringing;
	u8 segment;
	ktime_t segment_end;
	ktime_t oht_end;		/* on-hook transmission until, or 0 */
	enum voffload_feed feed;	/* what the driver was last told */
};

/* Digits in the phone's audio (line_dtmf.c) */
struct vo_line_dtmf {
	struct vo_dtmf_det det;
	bool on;			/* a digit is sounding */
	ktime_t start;			/* when it started */
};

struct vo_line {
	/* set by the driver before vo_line_register() */
	const struct vo_line_ops *ops;
	const char *driver;
	void *priv;
	unsigned int rate;		/* VO_RATE_NB or VO_RATE_WB */
	unsigned int frame_ms;		/* 10 (0 means 10), or 5, 2, 1 */
	const struct attribute_group *driver_group;	/* optional */

	/* owned by the core */
	u32 id;
	struct device dev;
	const struct attribute_group *groups[5];
	struct vo_pcm *pcm;		/* ALSA device; set under vo_lines_mutex */
	struct vo_flow *flow;		/* media flow, if in a call */
	spinlock_t lock;		/* everything below */
	const struct vo_profile *profile;
	struct vo_cadence cadence;
	struct vo_hook_windows windows;
	enum voffload_polarity polarity;
	s32 tx_gain;			/* 0.1 dB, towards the network */
	s32 rx_gain;			/* 0.1 dB, towards the phone */
	u32 tx_gain_q16;		/* the same as factors */
	u32 rx_gain_q16;
	struct vo_hook hook;
	struct vo_ring ring;
	struct vo_line_dtmf dtmf;
	struct vo_line_stats stats;
	DECLARE_KFIFO(events, struct vo_line_event, 64);
	struct list_head node;		/* in the clock's list of lines */
	u32 clock_due_ms;		/* clock time towards the next frame */
};

struct vo_line *vo_line_alloc(size_t priv_size);
void vo_line_put(struct vo_line *line);		/* if never registered */
int vo_line_register(struct vo_line *line, struct device *parent);
void vo_line_unregister(struct vo_line *line);	/* also puts the line */

#endif /* _VO_SLIC_LINE_H */
