/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's voffload family through libnl-genl: one socket for
 * requests, one subscribed to the events group and driven by the loop.
 */
#ifndef VOFFLOADD_KERNEL_H
#define VOFFLOADD_KERNEL_H

#include <stdbool.h>

#define VO_KLINES	16

struct vo_kline {
	unsigned int id;
	char name[32];
	char driver[32];
	unsigned int rate;
	bool off_hook;
};

struct vo_kernel_ops {
	/* a line event: VOFFLOAD_EVENT_*, digit and duration where it has */
	void (*line_event)(unsigned int line, int event, int digit,
			   unsigned int duration_ms);
};

/* Find the family, check its api-version, subscribe to its events. */
int vo_kernel_open(const struct vo_kernel_ops *ops);
void vo_kernel_close(void);
/* The module's version string, after vo_kernel_open(). */
const char *vo_kernel_version(void);
/* Dump the lines into @out (at most @max); how many, or -1. */
int vo_kernel_lines(struct vo_kline *out, int max);

#endif
