// SPDX-License-Identifier: GPL-2.0
/*
 * DTMF digits in the phone's audio, detected on every off-hook line
 * whether or not it is in a call: the daemon collects dialled numbers
 * from the events, and a call's flow sends them as RFC 4733 events. The
 * detector sees the phone's own level, before the line's gain, since
 * Q.24's level limits are the phone's. On-hook lines are skipped: there
 * is nothing to dial, and a router with many lines saves the work.
 */
#include <linux/math64.h>

#include "../rtp_fastpath/fastpath.h"
#include "slic.h"

void vo_line_dtmf_init(struct vo_line *line)
{
	vo_dtmf_det_init(&line->dtmf.det, line->rate);
	line->dtmf.on = false;
}

/* @samples of the line's audio as time */
static ktime_t vo_line_dtmf_span(const struct vo_line *line, u32 samples)
{
	return ns_to_ktime((u64)samples * (NSEC_PER_SEC / line->rate));
}

static void vo_line_dtmf_start(struct vo_line *line, unsigned int n,
			       ktime_t now)
{
	struct vo_line_dtmf *d = &line->dtmf;
	u32 before = d->det.age > n ? d->det.age - n : 0;

	d->on = true;
	d->start = ktime_sub(now, vo_line_dtmf_span(line, d->det.age));
	vo_event_emit(line, VOFFLOAD_EVENT_DTMF, d->start, d->det.digit, 0);
	vo_flow_dtmf_detected(line->flow, d->det.digit, false, before);
}

/* The digit ended after @samples; a length of 0 would read as a start. */
static void vo_line_dtmf_end(struct vo_line *line, u32 samples)
{
	struct vo_line_dtmf *d = &line->dtmf;
	u32 ms = max(samples / (line->rate / MSEC_PER_SEC), 1U);

	d->on = false;
	vo_event_emit(line, VOFFLOAD_EVENT_DTMF, d->start, d->det.digit, ms);
	vo_flow_dtmf_detected(line->flow, d->det.digit, true, samples);
}

/* Hung up mid-digit: the digit ends now, and the detector starts afresh. */
static void vo_line_dtmf_hangup(struct vo_line *line, ktime_t now)
{
	s64 us = ktime_us_delta(now, line->dtmf.start);

	vo_line_dtmf_end(line, div_s64(us * line->rate, USEC_PER_SEC));
	vo_line_dtmf_init(line);
}

void vo_line_dtmf_detect(struct vo_line *line, const s16 *from_phone,
			 unsigned int n, ktime_t now)
{
	if (line->hook.state != VOFFLOAD_HOOK_OFF_HOOK) {
		if (line->dtmf.on)
			vo_line_dtmf_hangup(line, now);
		return;
	}
	switch (vo_dtmf_det_feed(&line->dtmf.det, from_phone, n)) {
	case VO_DTMF_START:
		vo_line_dtmf_start(line, n, now);
		break;
	case VO_DTMF_END:
		vo_line_dtmf_end(line, line->dtmf.det.age);
		break;
	default:
		break;
	}
}
