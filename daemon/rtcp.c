// SPDX-License-Identifier: GPL-2.0
/*
 * RTCP (RFC 3550 6.4) beside the kernel's RTP: every 5 s a sender report
 * (if the flow sent RTP since the last one) or a receiver report, built
 * from the flow's counters (flow-get), and an SDES CNAME, to the peer's
 * RTP port + 1. The SR's RTP timestamp is the kernel's (tx-rtp-ts, at
 * tx-rtp-ts-ns) carried forward to the moment of the NTP timestamp. The
 * peer's SSRC and the timing of its last sender report come from the RTCP
 * it sends us, read on our RTP port + 1; until then the report has no
 * report block (RC 0), as RFC 3550 allows.
 */
#include <arpa/inet.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include <unistd.h>

#include "call.h"
#include "kernel.h"
#include "log.h"

#define VO_RTCP_MS	5000
#define VO_RTCP_RR	201
#define VO_RTCP_SR	200
#define VO_RTCP_SDES	202
#define VO_RTP_CLOCK	8000	/* every codec we have (G.722's too: RFC 3551) */
#define VO_NTP_UNIX	2208988800u	/* 1900 to 1970, in s */

static size_t vo_rtcp_put32(uint8_t *p, size_t n, uint32_t v)
{
	v = htonl(v);
	memcpy(p + n, &v, 4);
	return n + 4;
}

/* The SR's sender info: NTP and RTP timestamps of one instant, counts. */
static size_t vo_rtcp_sender_info(const struct vo_kflow_stats *st,
				  uint8_t *p, size_t n)
{
	struct timespec wall, mono;
	uint64_t since_ns;
	uint32_t rtp_ts;

	clock_gettime(CLOCK_REALTIME, &wall);
	clock_gettime(CLOCK_MONOTONIC, &mono);
	since_ns = (uint64_t)mono.tv_sec * 1000000000u + mono.tv_nsec -
		   st->tx_rtp_ts_ns;
	rtp_ts = st->tx_rtp_ts + (uint32_t)(since_ns * VO_RTP_CLOCK / 1000000000u);
	n = vo_rtcp_put32(p, n, (uint32_t)wall.tv_sec + VO_NTP_UNIX);
	n = vo_rtcp_put32(p, n, (uint32_t)(((uint64_t)wall.tv_nsec << 32) /
					   1000000000u));
	n = vo_rtcp_put32(p, n, rtp_ts);
	n = vo_rtcp_put32(p, n, (uint32_t)st->tx_packets);
	return vo_rtcp_put32(p, n, (uint32_t)st->tx_octets);
}

/* One report block about the peer's stream (RFC 3550 6.4.1). */
static size_t vo_rtcp_block(const struct vo_media *m,
			    const struct vo_kflow_stats *st, uint8_t *p,
			    size_t n)
{
	int64_t lost = st->lost;
	uint32_t dlsr = 0;

	if (lost > 0x7fffff)	/* 24 bits, signed */
		lost = 0x7fffff;
	if (lost < -0x800000)
		lost = -0x800000;
	if (m->lsr)
		dlsr = (uint32_t)((vo_now_ms() - m->lsr_at) * 65536 / 1000);
	n = vo_rtcp_put32(p, n, m->peer_ssrc);
	n = vo_rtcp_put32(p, n, (st->fraction_lost & 0xff) << 24 |
			  ((uint32_t)lost & 0xffffff));
	n = vo_rtcp_put32(p, n, st->ext_max_seq);
	n = vo_rtcp_put32(p, n, st->jitter);
	n = vo_rtcp_put32(p, n, m->lsr);
	return vo_rtcp_put32(p, n, dlsr);
}

/* SDES: one chunk, CNAME, an END item, padded to 32 bits. */
static size_t vo_rtcp_sdes(const struct vo_media *m, const char *cname,
			   uint8_t *p, size_t n)
{
	size_t clen = strlen(cname), sdes = n;

	n = vo_rtcp_put32(p, n, 0);
	n = vo_rtcp_put32(p, n, m->ssrc);
	p[n++] = 1;
	p[n++] = clen;
	memcpy(p + n, cname, clen);
	n += clen;
	do
		p[n++] = 0;
	while (n % 4);
	vo_rtcp_put32(p, sdes, (2u << 30) | (1u << 24) | (VO_RTCP_SDES << 16) |
		      ((n - sdes) / 4 - 1));
	return n;
}

/* The SR or RR and SDES compound packet into @p (at least 160 bytes). */
static size_t vo_rtcp_build(const struct vo_media *m, const char *cname,
			    const struct vo_kflow_stats *st, bool sender,
			    uint8_t *p)
{
	unsigned int rc = m->peer_known ? 1 : 0;
	size_t n;

	/* length in 32-bit words less one: SSRC, sender info, the block */
	n = vo_rtcp_put32(p, 0, (2u << 30) | (rc << 24) |
			  ((sender ? VO_RTCP_SR : VO_RTCP_RR) << 16) |
			  (1 + (sender ? 5 : 0) + 6 * rc));
	n = vo_rtcp_put32(p, n, m->ssrc);
	if (sender)
		n = vo_rtcp_sender_info(st, p, n);
	if (rc)
		n = vo_rtcp_block(m, st, p, n);
	return vo_rtcp_sdes(m, cname, p, n);
}

static void vo_rtcp_send(void *arg)
{
	struct vo_call *c = arg;
	struct vo_media *m = &c->media;
	struct vo_kflow_stats st;
	union vo_addr to = m->sdp.remote;
	char cname[64];
	uint8_t pkt[160];
	bool sender;
	size_t n;

	if (!m->flow)
		return;
	vo_timer_set(&m->rtcp_timer, VO_RTCP_MS, vo_rtcp_send, c);
	if (vo_kernel_flow_stats(m->flow_id, &st))
		return;
	snprintf(cname, sizeof(cname), "line%u@%s", c->line, c->dlg.local_ip);
	/* RFC 3550 6.4: a sender report only if we sent since the last one */
	sender = st.tx_rtp_ts_ns && st.tx_packets > m->sr_tx_packets;
	m->sr_tx_packets = st.tx_packets;
	n = vo_rtcp_build(m, cname, &st, sender, pkt);
	vo_addr_set_port(&to, vo_addr_port(&to) + 1);
	if (sendto(m->rtcp_fd, pkt, n, 0, &to.sa, vo_addr_len(&to)) > 0)
		m->rtcp_tx++;
}

/* The peer's SSRC and, from a sender report, when it was sent. */
static void vo_rtcp_readable(void *arg, uint32_t events)
{
	struct vo_media *m = arg;
	uint8_t p[1500];
	ssize_t n;
	int k = 0;

	while (k++ < 8 && (n = recv(m->rtcp_fd, p, sizeof(p), MSG_DONTWAIT)) > 0) {
		uint32_t v;

		if (n < 8 || (p[0] >> 6) != 2 ||
		    (p[1] != VO_RTCP_SR && p[1] != VO_RTCP_RR)) {
			m->rtcp_bad++;
			continue;
		}
		m->rtcp_rx++;
		memcpy(&v, p + 4, 4);
		m->peer_ssrc = ntohl(v);
		m->peer_known = true;
		if (p[1] == VO_RTCP_SR && n >= 28) {
			/* LSR: the middle 32 bits of its NTP timestamp */
			memcpy(&v, p + 10, 4);
			m->lsr = ntohl(v);
			m->lsr_at = vo_now_ms();
		}
	}
}

int vo_rtcp_open(struct vo_media *m)
{
	m->rtcp_fd = vo_addr_bind(m->family, SOCK_DGRAM, m->port + 1);
	if (m->rtcp_fd < 0)
		return -1;
	if (vo_loop_add(m->rtcp_fd, EPOLLIN, vo_rtcp_readable, m)) {
		close(m->rtcp_fd);
		m->rtcp_fd = -1;
		return -1;
	}
	return 0;
}

void vo_rtcp_start(struct vo_call *c)
{
	if (c->media.rtcp_fd >= 0 && !c->media.rtcp_timer.armed)
		vo_timer_set(&c->media.rtcp_timer, VO_RTCP_MS, vo_rtcp_send, c);
}

void vo_rtcp_close(struct vo_media *m)
{
	vo_timer_cancel(&m->rtcp_timer);
	if (m->rtcp_fd >= 0) {
		vo_loop_del(m->rtcp_fd);
		close(m->rtcp_fd);
	}
	m->rtcp_fd = -1;
}
