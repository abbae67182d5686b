/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's voffload family through libnl-genl: one socket for
 * requests, one subscribed to the events group and driven by the loop.
 */
#ifndef VOFFLOADD_KERNEL_H
#define VOFFLOADD_KERNEL_H

#include <stdbool.h>
#include <stdint.h>

#include "addr.h"

#define VO_KLINES	16

struct vo_kline {
	unsigned int id;
	char name[32];
	char driver[32];
	unsigned int rate;
	bool off_hook;
	char country[4];
	/* the ring cadence: ringing and silence alternate, ringing first */
	unsigned int cadence_ms[16];
	unsigned int nsegments;
};

struct vo_kernel_ops {
	/* a line event: VOFFLOAD_EVENT_*, digit and duration where it has */
	void (*line_event)(unsigned int line, int event, int digit,
			   unsigned int duration_ms);
	/* a flow event: VOFFLOAD_FLOW_EVENT_*, digit where it has */
	void (*flow_event)(unsigned int flow, int event, int digit);
};

/* Find the family, check its api-version, subscribe to its events. */
int vo_kernel_open(const struct vo_kernel_ops *ops);
void vo_kernel_close(void);
/* The module's version string, after vo_kernel_open(). */
const char *vo_kernel_version(void);
/* Dump the lines into @out (at most @max); how many, or -1. */
int vo_kernel_lines(struct vo_kline *out, int max);

/* What a flow carries, for flow-new and flow-set (kflow.c). */
struct vo_kflow {
	unsigned int line;
	int fd;
	union vo_addr remote;
	unsigned int codec;		/* VOFFLOAD_CODEC_* */
	unsigned int pt, ptime;
	int event_pt;			/* telephone-event, -1: none */
	unsigned int dscp;
	unsigned int direction;		/* VOFFLOAD_DIRECTION_* */
	bool latch;			/* follow the source of the peer's RTP */
};

/* A flow's counters, as voffloadctl shows them and RTCP reports them. */
struct vo_kflow_stats {
	uint64_t tx_packets, tx_octets, rx_packets, rx_octets;
	uint64_t lost, late;
	unsigned int jitter, fraction_lost, ssrc, jb_delay_ms;
	uint32_t ext_max_seq;
	/* the RTP timestamp sending had reached at CLOCK_MONOTONIC ns (0: none) */
	uint32_t tx_rtp_ts;
	uint64_t tx_rtp_ts_ns;
};

int vo_kernel_flow_new(const struct vo_kflow *f, unsigned int *id,
		       unsigned int *ssrc);
int vo_kernel_flow_set(unsigned int id, const struct vo_kflow *f);
int vo_kernel_flow_del(unsigned int id);
int vo_kernel_flow_stats(unsigned int id, struct vo_kflow_stats *st);
/* line-ctrl: ring on or off; on-hook transmission for @ms. */
int vo_kernel_ring(unsigned int line, bool on);
int vo_kernel_oht(unsigned int line, unsigned int ms);
int vo_kernel_polarity(unsigned int line, bool reversed);
/* line-set: the country profile (ring cadence, hook timing) of @line. */
/* line-set: @country unless NULL, and the gains in 0.1 dB (tx: to the network) */
int vo_kernel_line_setup(unsigned int line, const char *country, int tx_gain,
			 int rx_gain);

/* For kflow.c: the family, a request's header, one request's answer. */
struct nl_msg;
extern int vo_family;
int vo_msg_start(struct nl_msg *msg, int cmd, int flags);
int vo_transact(struct nl_msg *msg, int (*fn)(struct nl_msg *, void *),
		void *arg, bool dump);

#endif
