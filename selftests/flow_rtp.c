// SPDX-License-Identifier: GPL-2.0
/*
 * Media flows on a vslic line, with the far end a socket of this test on
 * loopback: flow-new hands a bound UDP socket over; the kernel then sends
 * RTP from it (checked header by header) and takes the RTP the far end
 * sends, while RTCP, STUN and strangers' datagrams still reach the socket.
 * Bad RTP is dropped and counted by reason and never reaches the socket.
 * Flows end on flow-del and on close, with an event saying why, and bad
 * flow-new requests are refused with an extack message. Digits dialled on
 * the phone go out as RFC 4733 events in place of the audio, and digits
 * received as events are reported; malformed events are counted.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <linux/genetlink.h>
#include <linux/voffload.h>

#include "kselftest_harness.h"
#include "nl.h"

#define WAIT_MS		5000

static size_t put_u32(uint8_t *buf, size_t off, uint16_t type, uint32_t v)
{
	return vo_nla_put(buf, off, type, &v, sizeof(v));
}

static size_t put_u8(uint8_t *buf, size_t off, uint16_t type, uint8_t v)
{
	return vo_nla_put(buf, off, type, &v, sizeof(v));
}

/* A UDP socket bound to 127.0.0.1 on a free port; its address in @sa. */
static int udp_bound(struct sockaddr_in *sa)
{
	socklen_t len = sizeof(*sa);
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	memset(sa, 0, sizeof(*sa));
	sa->sin_family = AF_INET;
	sa->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (struct sockaddr *)sa, sizeof(*sa)) ||
	    getsockname(fd, (struct sockaddr *)sa, &len))
		return -1;
	return fd;
}

/* One datagram within WAIT_MS, or -1. */
static ssize_t recv_wait(int fd, void *buf, size_t len)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	if (poll(&p, 1, WAIT_MS) != 1)
		return -1;
	return recv(fd, buf, len, 0);
}

FIXTURE(flow) {
	struct vo_nl nl, ev;
	struct vo_nl_reply r;
	uint8_t attrs[512];
	int ours, far;			/* the flow's socket and the far end */
	struct sockaddr_in ours_sa, far_sa;
	uint32_t id, ssrc;
};

/* flow-new on line 0 from @fd to @to with PCMU, plus @extra attributes. */
static size_t flow_new_attrs(uint8_t *buf, int fd,
			     const struct sockaddr_in *to)
{
	size_t len = put_u32(buf, 0, VOFFLOAD_A_FLOW_LINE, 0);

	len = put_u32(buf, len, VOFFLOAD_A_FLOW_FD, fd);
	len = vo_nla_put(buf, len, VOFFLOAD_A_FLOW_REMOTE_IPV4,
			 &to->sin_addr.s_addr, 4);
	len = vo_nla_put(buf, len, VOFFLOAD_A_FLOW_REMOTE_PORT, &to->sin_port,
			 2);
	return put_u32(buf, len, VOFFLOAD_A_FLOW_CODEC, VOFFLOAD_CODEC_PCMU);
}

static uint32_t reply_u32(const struct vo_nl_reply *r, uint16_t type)
{
	const struct nlattr *a = vo_nl_attr(r, type);

	return a ? *(const uint32_t *)((const char *)a + NLA_HDRLEN) : ~0u;
}

FIXTURE_SETUP(flow)
{
	size_t len;

	if (access("/sys/class/voffload/line0", F_OK))
		ASSERT_EQ(0, system("modprobe vslic lines=2"));
	ASSERT_EQ(0, vo_nl_open(&self->nl, VOFFLOAD_FAMILY_NAME));
	ASSERT_EQ(0, vo_nl_open(&self->ev, VOFFLOAD_FAMILY_NAME));
	ASSERT_EQ(0, vo_nl_join(&self->ev, VOFFLOAD_FAMILY_NAME,
				VOFFLOAD_MCGRP_EVENTS));
	self->ours = udp_bound(&self->ours_sa);
	self->far = udp_bound(&self->far_sa);
	ASSERT_LE(0, self->ours);
	ASSERT_LE(0, self->far);
	len = flow_new_attrs(self->attrs, self->ours, &self->far_sa);
	ASSERT_EQ(0, vo_nl_request(&self->nl, VOFFLOAD_CMD_FLOW_NEW,
				   self->attrs, len, &self->r));
	ASSERT_EQ(0, self->r.err) TH_LOG("flow-new: %s", self->r.extack);
	self->id = reply_u32(&self->r, VOFFLOAD_A_FLOW_ID);
	self->ssrc = reply_u32(&self->r, VOFFLOAD_A_FLOW_SSRC);
	ASSERT_NE(~0u, self->id);
}

FIXTURE_TEARDOWN(flow)
{
	size_t len = put_u32(self->attrs, 0, VOFFLOAD_A_FLOW_ID, self->id);

	/* Most tests end the flow themselves; this catches the others. */
	vo_nl_request(&self->nl, VOFFLOAD_CMD_FLOW_DEL, self->attrs, len,
		      &self->r);
	close(self->ours);
	close(self->far);
	vo_nl_close(&self->ev);
	vo_nl_close(&self->nl);
}

/* Wait for flow-event @ev of flow @id; true with it in self->r. */
static bool flow_event(FIXTURE_DATA(flow) *self, uint32_t id, uint32_t ev)
{
	struct vo_nl_reply *r = &self->r;

	while (vo_nl_recv_mcast(&self->ev, WAIT_MS, r) == 0)
		if (r->cmd == VOFFLOAD_CMD_FLOW_EVENT &&
		    reply_u32(r, VOFFLOAD_A_FLOW_ID) == id &&
		    reply_u32(r, VOFFLOAD_A_FLOW_EVENT) == ev)
			return true;
	return false;
}

/* The flow-event "end" for our flow, with its reason. */
static uint32_t end_reason(struct __test_metadata *_metadata,
			   FIXTURE_DATA(flow) *self)
{
	if (!flow_event(self, self->id, VOFFLOAD_FLOW_EVENT_END))
		return ~0u;
	return reply_u32(&self->r, VOFFLOAD_A_FLOW_REASON);
}

/* A counter of the flow's, from flow-get. */
static uint64_t flow_stat(FIXTURE_DATA(flow) *self, uint16_t type)
{
	size_t len = put_u32(self->attrs, 0, VOFFLOAD_A_FLOW_ID, self->id);
	const struct nlattr *st, *a;
	int rem;

	if (vo_nl_request(&self->nl, VOFFLOAD_CMD_FLOW_GET, self->attrs, len,
			  &self->r) || self->r.err)
		return ~0ull;
	st = vo_nl_attr(&self->r, VOFFLOAD_A_FLOW_STATS);
	if (!st)
		return ~0ull;
	rem = st->nla_len - NLA_HDRLEN;
	for (a = (const void *)((const char *)st + NLA_HDRLEN);
	     rem >= NLA_HDRLEN && a->nla_len <= rem;
	     rem -= NLA_ALIGN(a->nla_len),
	     a = (const void *)((const char *)a + NLA_ALIGN(a->nla_len))) {
		if (a->nla_type != type)
			continue;
		if (a->nla_len == NLA_HDRLEN + 4)
			return *(const uint32_t *)((const char *)a + NLA_HDRLEN);
		return *(const uint64_t *)((const char *)a + NLA_HDRLEN);
	}
	return ~0ull;
}

TEST_F(flow, sends_rtp_every_ptime)
{
	uint8_t pkt[512];
	uint16_t seq0 = 0;
	uint32_t ts0 = 0;
	int i;

	for (i = 0; i < 10; i++) {
		ssize_t n = recv_wait(self->far, pkt, sizeof(pkt));

		ASSERT_EQ(12 + 160, n);		/* 20 ms of PCMU */
		EXPECT_EQ(0x80, pkt[0]);	/* v2, no P, X, CSRC */
		EXPECT_EQ(0, pkt[1] & 0x7f);	/* PT 0 */
		EXPECT_EQ(i == 0, !!(pkt[1] & 0x80));	/* marker on the first */
		EXPECT_EQ(self->ssrc, ntohl(*(uint32_t *)(pkt + 8)));
		if (i) {
			EXPECT_EQ((uint16_t)(seq0 + i),
				  ntohs(*(uint16_t *)(pkt + 2)));
			EXPECT_EQ(ts0 + 160 * i, ntohl(*(uint32_t *)(pkt + 4)));
		} else {
			seq0 = ntohs(*(uint16_t *)(pkt + 2));
			ts0 = ntohl(*(uint32_t *)(pkt + 4));
		}
	}
	EXPECT_LE(10, flow_stat(self, VOFFLOAD_A_FLOW_STATS_TX_PACKETS));
}

/* An RTP packet: PT, seq, ts, SSRC and @payload bytes of PCMU silence. */
static size_t rtp(uint8_t *buf, uint8_t b0, uint8_t pt, uint16_t seq,
		  size_t payload)
{
	buf[0] = b0;
	buf[1] = pt;
	*(uint16_t *)(buf + 2) = htons(seq);
	*(uint32_t *)(buf + 4) = htonl(seq * 160u);
	*(uint32_t *)(buf + 8) = htonl(0x1234);
	memset(buf + 12, 0xff, payload);
	return 12 + payload;
}

static void send_to(int fd, const struct sockaddr_in *to, const void *buf,
		    size_t len)
{
	sendto(fd, buf, len, 0, (const struct sockaddr *)to, sizeof(*to));
}

/* A number from a line's sysfs file. */
static long long sysfs_num(const char *path)
{
	FILE *f = fopen(path, "r");
	long long v = -1;

	if (f) {
		if (fscanf(f, "%lld", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

TEST_F(flow, takes_rtp_passes_the_rest)
{
	uint8_t buf[256], got[256];
	struct sockaddr_in other_sa;
	int other = udp_bound(&other_sa);
	int i;

	ASSERT_LE(0, other);
	for (i = 0; i < 5; i++)
		send_to(self->far, &self->ours_sa, buf,
			rtp(buf, 0x80, 0, i, 160));
	/* STUN binding request header (RFC 5389): first byte 0 */
	memset(buf, 0, 20);
	buf[1] = 1;
	send_to(self->far, &self->ours_sa, buf, 20);
	ASSERT_EQ(20, recv_wait(self->ours, got, sizeof(got)));
	EXPECT_EQ(0, memcmp(buf, got, 20));
	/* RTCP receiver report (PT 201) */
	buf[0] = 0x80;
	buf[1] = 201;
	send_to(self->far, &self->ours_sa, buf, 8);
	ASSERT_EQ(8, recv_wait(self->ours, got, sizeof(got)));
	EXPECT_EQ(201, got[1]);
	/* RTP from a stranger goes to the socket, counted */
	send_to(other, &self->ours_sa, buf, rtp(buf, 0x80, 0, 9, 160));
	ASSERT_EQ(172, recv_wait(self->ours, got, sizeof(got)));
	EXPECT_EQ(5, flow_stat(self, VOFFLOAD_A_FLOW_STATS_RX_PACKETS));
	EXPECT_EQ(1, flow_stat(self, VOFFLOAD_A_FLOW_STATS_WRONG_SOURCE));
	EXPECT_EQ(3, flow_stat(self, VOFFLOAD_A_FLOW_STATS_PASSED_UP));
	/* the same counters in the line's sysfs */
	EXPECT_EQ(5, sysfs_num("/sys/class/voffload/line0/rtp/rx_packets"));
	EXPECT_EQ(1, sysfs_num("/sys/class/voffload/line0/rtp/wrong_source"));
	EXPECT_EQ(0, sysfs_num("/sys/class/voffload/line0/rtp/lost"));
	close(other);
}

/* Sent, then a STUN marker: the marker must be the next thing we get. */
static void dropped(struct __test_metadata *_metadata,
		    FIXTURE_DATA(flow) *self, const uint8_t *pkt, size_t len)
{
	uint8_t marker[20] = { 0, 1 }, got[256];

	send_to(self->far, &self->ours_sa, pkt, len);
	send_to(self->far, &self->ours_sa, marker, sizeof(marker));
	ASSERT_EQ(sizeof(marker), recv_wait(self->ours, got, sizeof(got)));
}

TEST_F(flow, bad_rtp_dropped_and_counted)
{
	uint8_t buf[256];
	size_t len;

	dropped(_metadata, self, buf, rtp(buf, 0x80, 0, 1, 0));	/* no payload */
	dropped(_metadata, self, buf, 7);		/* shorter than a header */
	dropped(_metadata, self, buf, rtp(buf, 0x8f, 0, 2, 20)); /* 15 CSRCs */
	len = rtp(buf, 0x90, 0, 3, 8);			/* extension too long */
	buf[14] = 0x7f;
	dropped(_metadata, self, buf, len);
	len = rtp(buf, 0xa0, 0, 4, 8);			/* padding past the payload */
	buf[len - 1] = 100;
	dropped(_metadata, self, buf, len);
	len = rtp(buf, 0xa0, 0, 5, 8);			/* zero padding count */
	buf[len - 1] = 0;
	dropped(_metadata, self, buf, len);
	dropped(_metadata, self, buf, rtp(buf, 0x80, 96, 6, 160)); /* wrong PT */
	EXPECT_EQ(2, flow_stat(self, VOFFLOAD_A_FLOW_STATS_TOO_SHORT));
	EXPECT_EQ(4, flow_stat(self, VOFFLOAD_A_FLOW_STATS_BAD_HEADER));
	EXPECT_EQ(1, flow_stat(self, VOFFLOAD_A_FLOW_STATS_WRONG_PT));
	EXPECT_EQ(0, flow_stat(self, VOFFLOAD_A_FLOW_STATS_RX_PACKETS));
}

/*
 * Out of order, twice and too late for the jitter buffer: 10 11 13 12 12
 * 2. The first packet sets playout (with the default initial delay of 0)
 * at itself, so the one from 1 s earlier (seq 2) has missed its turn.
 */
TEST_F(flow, late_duplicate_reordered_counted)
{
	static const uint16_t seqs[] = { 10, 11, 13, 12, 12, 2 };
	uint8_t buf[256], marker[20] = { 0, 1 };
	unsigned int i;

	for (i = 0; i < sizeof(seqs) / sizeof(seqs[0]); i++)
		send_to(self->far, &self->ours_sa, buf,
			rtp(buf, 0x80, 0, seqs[i], 160));
	/* a STUN marker behind them: once it is passed up, all are taken */
	send_to(self->far, &self->ours_sa, marker, sizeof(marker));
	ASSERT_EQ(sizeof(marker), recv_wait(self->ours, buf, sizeof(buf)));
	EXPECT_EQ(6, flow_stat(self, VOFFLOAD_A_FLOW_STATS_RX_PACKETS));
	EXPECT_EQ(3, flow_stat(self, VOFFLOAD_A_FLOW_STATS_REORDERED));
	EXPECT_EQ(1, flow_stat(self, VOFFLOAD_A_FLOW_STATS_DUPLICATE));
	EXPECT_EQ(1, flow_stat(self, VOFFLOAD_A_FLOW_STATS_LATE));
	EXPECT_EQ(13, flow_stat(self, VOFFLOAD_A_FLOW_STATS_EXT_MAX_SEQ));
	EXPECT_EQ(1, sysfs_num("/sys/class/voffload/line0/rtp/late"));
}

TEST_F(flow, delete_gives_the_socket_back)
{
	size_t len = put_u32(self->attrs, 0, VOFFLOAD_A_FLOW_ID, self->id);
	uint8_t buf[256], got[256];

	ASSERT_EQ(0, vo_nl_request(&self->nl, VOFFLOAD_CMD_FLOW_DEL,
				   self->attrs, len, &self->r));
	ASSERT_EQ(0, self->r.err);
	EXPECT_EQ(VOFFLOAD_FLOW_END_DELETED, end_reason(_metadata, self));
	/* RTP is an ordinary datagram for the socket now */
	send_to(self->far, &self->ours_sa, buf, rtp(buf, 0x80, 0, 1, 160));
	EXPECT_EQ(172, recv_wait(self->ours, got, sizeof(got)));
	ASSERT_EQ(0, vo_nl_request(&self->nl, VOFFLOAD_CMD_FLOW_GET,
				   self->attrs, len, &self->r));
	EXPECT_EQ(-ENOENT, self->r.err);
}

/*
 * Delete the flow and put a new one on the line at once, as a hold does:
 * the new flow gets a new id, so the old one's END cannot be taken for it.
 */
TEST_F(flow, a_deleted_flows_id_is_not_given_again)
{
	size_t len = put_u32(self->attrs, 0, VOFFLOAD_A_FLOW_ID, self->id);
	uint32_t old = self->id;

	ASSERT_EQ(0, vo_nl_request(&self->nl, VOFFLOAD_CMD_FLOW_DEL,
				   self->attrs, len, &self->r));
	ASSERT_EQ(0, self->r.err);
	len = flow_new_attrs(self->attrs, self->ours, &self->far_sa);
	ASSERT_EQ(0, vo_nl_request(&self->nl, VOFFLOAD_CMD_FLOW_NEW,
				   self->attrs, len, &self->r));
	ASSERT_EQ(0, self->r.err) TH_LOG("flow-new: %s", self->r.extack);
	self->id = reply_u32(&self->r, VOFFLOAD_A_FLOW_ID);
	EXPECT_NE(~0u, self->id);
	EXPECT_NE(old, self->id);
}

TEST_F(flow, closing_the_socket_ends_the_flow)
{
	size_t len = put_u32(self->attrs, 0, VOFFLOAD_A_FLOW_ID, self->id);

	close(self->ours);
	self->ours = -1;
	EXPECT_EQ(VOFFLOAD_FLOW_END_SOCKET_CLOSED, end_reason(_metadata, self));
	ASSERT_EQ(0, vo_nl_request(&self->nl, VOFFLOAD_CMD_FLOW_GET,
				   self->attrs, len, &self->r));
	EXPECT_EQ(-ENOENT, self->r.err);
}

TEST_F(flow, ssrc_change_reported)
{
	uint8_t buf[256];

	uint16_t seq;

	send_to(self->far, &self->ours_sa, buf, rtp(buf, 0x80, 0, 1, 160));
	/* a stray packet from another SSRC between ours: dropped */
	rtp(buf, 0x80, 0, 2, 160);
	*(uint32_t *)(buf + 8) = htonl(0x9999);
	dropped(_metadata, self, buf, 172);
	send_to(self->far, &self->ours_sa, buf, rtp(buf, 0x80, 0, 3, 160));
	/* the third in a row from a new one: the peer restarted */
	for (seq = 100; seq < 103; seq++) {
		rtp(buf, 0x80, 0, seq, 160);
		*(uint32_t *)(buf + 8) = htonl(0x5678);
		send_to(self->far, &self->ours_sa, buf, 172);
	}
	ASSERT_TRUE(flow_event(self, self->id,
			       VOFFLOAD_FLOW_EVENT_SSRC_CHANGE));
	EXPECT_EQ(0x5678, reply_u32(&self->r, VOFFLOAD_A_FLOW_SSRC));
	EXPECT_EQ(3, flow_stat(self, VOFFLOAD_A_FLOW_STATS_WRONG_SSRC));
	EXPECT_EQ(3, flow_stat(self, VOFFLOAD_A_FLOW_STATS_RX_PACKETS));
}

/* A second flow, on line 1, that times out after 200 ms without RTP. */
TEST_F(flow, rtp_timeout_reported)
{
	struct sockaddr_in sa;
	int fd = udp_bound(&sa);
	size_t len;
	uint32_t id;

	ASSERT_LE(0, fd);
	len = flow_new_attrs(self->attrs, fd, &self->far_sa);
	*(uint32_t *)(self->attrs + NLA_HDRLEN) = 1;
	len = put_u32(self->attrs, len, VOFFLOAD_A_FLOW_RTP_TIMEOUT_MS, 200);
	ASSERT_EQ(0, vo_nl_request(&self->nl, VOFFLOAD_CMD_FLOW_NEW,
				   self->attrs, len, &self->r));
	ASSERT_EQ(0, self->r.err);
	id = reply_u32(&self->r, VOFFLOAD_A_FLOW_ID);
	EXPECT_TRUE(flow_event(self, id, VOFFLOAD_FLOW_EVENT_RTP_TIMEOUT));
	close(fd);
	EXPECT_TRUE(flow_event(self, id, VOFFLOAD_FLOW_EVENT_END));
}

/* A flow with latching follows its peer to where the peer's RTP comes from. */
TEST_F(flow, latching_follows_the_peer)
{
	struct sockaddr_in sa, moved_sa;
	int fd = udp_bound(&sa), moved = udp_bound(&moved_sa);
	uint8_t buf[256], got[256];
	size_t len;
	ssize_t n;

	ASSERT_LE(0, fd);
	ASSERT_LE(0, moved);
	len = flow_new_attrs(self->attrs, fd, &self->far_sa);
	*(uint32_t *)(self->attrs + NLA_HDRLEN) = 1;
	len = put_u8(self->attrs, len, VOFFLOAD_A_FLOW_LATCH, 1);
	ASSERT_EQ(0, vo_nl_request(&self->nl, VOFFLOAD_CMD_FLOW_NEW,
				   self->attrs, len, &self->r));
	ASSERT_EQ(0, self->r.err);
	/* the peer's NAT mapping changed: its RTP now comes from "moved" */
	send_to(moved, &sa, buf, rtp(buf, 0x80, 0, 1, 160));
	n = recv_wait(moved, got, sizeof(got));
	EXPECT_EQ(172, n);
	EXPECT_EQ(0x80, got[0]);
	close(fd);
	close(moved);
}

/* flow-set on our flow with @extra; the kernel's answer in self->r. */
static int flow_set(FIXTURE_DATA(flow) *self, const uint8_t *extra,
		    size_t extra_len)
{
	size_t len = put_u32(self->attrs, 0, VOFFLOAD_A_FLOW_ID, self->id);

	memcpy(self->attrs + len, extra, extra_len);
	if (vo_nl_request(&self->nl, VOFFLOAD_CMD_FLOW_SET, self->attrs,
			  len + extra_len, &self->r))
		return -EIO;
	return self->r.err;
}

/* Hold and resume, then a re-INVITE to a new address. */
TEST_F(flow, set_direction_and_remote)
{
	struct sockaddr_in moved_sa;
	int moved = udp_bound(&moved_sa);
	uint8_t x[64], got[256];
	size_t len;
	int i;

	ASSERT_LE(0, moved);
	ASSERT_EQ(0, flow_set(self, x, put_u32(x, 0, VOFFLOAD_A_FLOW_DIRECTION,
					       VOFFLOAD_DIRECTION_INACTIVE)));
	/* on hold nothing is sent: what was queued before is all there is */
	while (recv(self->far, got, sizeof(got), MSG_DONTWAIT) > 0)
		;
	ASSERT_EQ(0, flow_set(self, x, put_u32(x, 0, VOFFLOAD_A_FLOW_DIRECTION,
					       VOFFLOAD_DIRECTION_SENDRECV)));
	/*
	 * Sending again starts a talkspurt: the first new packet has the
	 * marker (one built just before the hold may still land first).
	 */
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(172, recv_wait(self->far, got, sizeof(got)));
		if (got[1] & 0x80)
			break;
	}
	EXPECT_LT(i, 2);
	len = vo_nla_put(x, 0, VOFFLOAD_A_FLOW_REMOTE_IPV4,
			 &moved_sa.sin_addr.s_addr, 4);
	len = vo_nla_put(x, len, VOFFLOAD_A_FLOW_REMOTE_PORT,
			 &moved_sa.sin_port, 2);
	ASSERT_EQ(0, flow_set(self, x, len));
	EXPECT_EQ(172, recv_wait(moved, got, sizeof(got)));
	close(moved);
}

TEST_F(flow, bad_flow_set_refused)
{
	static const uint8_t v6[16] = { 0xfd, 0x77, [15] = 2 };
	uint16_t port = htons(5000);
	uint8_t x[64];
	size_t len;

	EXPECT_EQ(-EINVAL, flow_set(self, x, put_u32(x, 0,
				VOFFLOAD_A_FLOW_PTIME_MS, 25)));
	EXPECT_NE(NULL, strstr(self->r.extack, "ptime must be"));
	len = vo_nla_put(x, 0, VOFFLOAD_A_FLOW_REMOTE_IPV6, v6, 16);
	len = vo_nla_put(x, len, VOFFLOAD_A_FLOW_REMOTE_PORT, &port, 2);
	EXPECT_EQ(-EAFNOSUPPORT, flow_set(self, x, len));
	EXPECT_NE(NULL, strstr(self->r.extack, "socket's family"));
	EXPECT_EQ(-EINVAL, flow_set(self, x, vo_nla_put(x, 0,
				VOFFLOAD_A_FLOW_REMOTE_PORT, &port, 2)));
	EXPECT_NE(NULL, strstr(self->r.extack, "remote-ipv4"));
	EXPECT_EQ(-EINVAL, flow_set(self, x, put_u8(x, 0,
				VOFFLOAD_A_FLOW_RX_EVENT_PT, 0)));
	EXPECT_NE(NULL, strstr(self->r.extack, "is the audio's"));
	self->id += 1000;
	EXPECT_EQ(-ENOENT, flow_set(self, x, 0));
	EXPECT_NE(NULL, strstr(self->r.extack, "no such flow"));
	self->id -= 1000;
}

/* flow-new from @fd with @extra appended is refused with @err and @msg. */
static void new_refused(struct __test_metadata *_metadata,
			FIXTURE_DATA(flow) *self, int fd, uint16_t line,
			const uint8_t *extra, size_t extra_len, int err,
			const char *msg)
{
	size_t len = flow_new_attrs(self->attrs, fd, &self->far_sa);

	/* the line attribute comes first: patch it */
	*(uint32_t *)(self->attrs + NLA_HDRLEN) = line;
	memcpy(self->attrs + len, extra, extra_len);
	ASSERT_EQ(0, vo_nl_request(&self->nl, VOFFLOAD_CMD_FLOW_NEW,
				   self->attrs, len + extra_len, &self->r));
	EXPECT_EQ(err, self->r.err);
	TH_LOG("kernel said: '%s'", self->r.extack);
	EXPECT_NE(NULL, strstr(self->r.extack, msg));
}

TEST_F(flow, bad_flow_new_refused)
{
	struct sockaddr_in sa;
	int unbound = socket(AF_INET, SOCK_DGRAM, 0);
	int tcp = socket(AF_INET, SOCK_STREAM, 0);
	int null = open("/dev/null", O_RDONLY);
	int spare = udp_bound(&sa);
	uint8_t x[64];

	ASSERT_LE(0, spare);
	new_refused(_metadata, self, spare, 0, NULL, 0, -EBUSY,
		    "already has a flow");
	new_refused(_metadata, self, null, 1, NULL, 0, -ENOTSOCK,
		    "not an open socket");
	new_refused(_metadata, self, tcp, 1, NULL, 0, -EPROTOTYPE,
		    "not a UDP socket");
	new_refused(_metadata, self, unbound, 1, NULL, 0, -EDESTADDRREQ,
		    "not bound");
	new_refused(_metadata, self, self->ours, 1, NULL, 0, -EBUSY,
		    "already taken");
	new_refused(_metadata, self, spare, 7, NULL, 0, -ENODEV,
		    "no such line");
	new_refused(_metadata, self, spare, 1, x,
		    put_u32(x, 0, VOFFLOAD_A_FLOW_PTIME_MS, 25), -EINVAL,
		    "ptime must be");
	new_refused(_metadata, self, spare, 1, x,
		    put_u32(x, 0, VOFFLOAD_A_FLOW_CODEC, VOFFLOAD_CODEC_L16),
		    -EINVAL, "payload-type");
	new_refused(_metadata, self, spare, 1, x,
		    put_u8(x, 0, VOFFLOAD_A_FLOW_DSCP, 64), -ERANGE, "");
	new_refused(_metadata, self, spare, 1, x,
		    put_u8(x, 0, VOFFLOAD_A_FLOW_TX_EVENT_PT, 0), -EINVAL,
		    "is the audio's");
	new_refused(_metadata, self, spare, 1, x,
		    put_u8(x, 0, VOFFLOAD_A_FLOW_RX_EVENT_PT, 72), -EINVAL,
		    "RFC 5761");
	close(unbound);
	close(tcp);
	close(null);
	close(spare);
}

/* Write @val to line 0's simulated phone's @attr; 0 on success. */
static int phone(const char *attr, const char *val)
{
	char path[128];
	FILE *f;
	int err;

	snprintf(path, sizeof(path), "/sys/class/voffload/line0/phone/%s",
		 attr);
	f = fopen(path, "w");
	if (!f)
		return -1;
	err = fputs(val, f) < 0;
	return fclose(f) || err;
}

#define EVENT_PT	101

/* An RFC 4733 packet (2.3) for @digit, at -10 dBm0. */
static size_t tev(uint8_t *buf, uint16_t seq, uint32_t ts, uint8_t digit,
		  bool marker, bool end, uint16_t duration)
{
	buf[0] = 0x80;
	buf[1] = EVENT_PT | (marker ? 0x80 : 0);
	*(uint16_t *)(buf + 2) = htons(seq);
	*(uint32_t *)(buf + 4) = htonl(ts);
	*(uint32_t *)(buf + 8) = htonl(0x1234);
	buf[12] = digit;
	buf[13] = (end ? 0x80 : 0) | 10;
	*(uint16_t *)(buf + 14) = htons(duration);
	return 16;
}

static uint32_t reply_u8(const struct vo_nl_reply *r, uint16_t type)
{
	const struct nlattr *a = vo_nl_attr(r, type);

	return a ? *((const uint8_t *)a + NLA_HDRLEN) : ~0u;
}

/* The next flow-event dtmf: its digit and duration. */
static bool flow_dtmf(FIXTURE_DATA(flow) *self, uint32_t *digit,
		      uint32_t *ms)
{
	if (!flow_event(self, self->id, VOFFLOAD_FLOW_EVENT_DTMF))
		return false;
	*digit = reply_u8(&self->r, VOFFLOAD_A_FLOW_DIGIT);
	*ms = reply_u32(&self->r, VOFFLOAD_A_FLOW_DURATION_MS);
	return true;
}

/* The next line-event @ev of line 0: its digit and duration in @r. */
static bool line_event(FIXTURE_DATA(flow) *self, uint32_t ev)
{
	struct vo_nl_reply *r = &self->r;

	while (vo_nl_recv_mcast(&self->ev, WAIT_MS, r) == 0)
		if (r->cmd == VOFFLOAD_CMD_LINE_EVENT &&
		    reply_u32(r, VOFFLOAD_A_LINE_ID) == 0 &&
		    reply_u32(r, VOFFLOAD_A_LINE_EVENT) == ev)
			return true;
	return false;
}

TEST_F(flow, rfc4733_digits_received_and_reported)
{
	uint8_t x[16], buf[64];
	uint32_t digit, ms;
	size_t len;
	int i;

	ASSERT_EQ(0, flow_set(self, x, put_u8(x, 0, VOFFLOAD_A_FLOW_RX_EVENT_PT,
					      EVENT_PT)));
	send_to(self->far, &self->ours_sa, buf,
		tev(buf, 1, 8000, 7, true, false, 160));
	ASSERT_TRUE(flow_dtmf(self, &digit, &ms));
	EXPECT_EQ(7, digit);
	EXPECT_EQ(0, ms);
	send_to(self->far, &self->ours_sa, buf,
		tev(buf, 2, 8000, 7, false, false, 320));
	for (i = 0; i < 3; i++)		/* the end, three times */
		send_to(self->far, &self->ours_sa, buf,
			tev(buf, 3 + i, 8000, 7, false, true, 800));
	ASSERT_TRUE(flow_dtmf(self, &digit, &ms));
	EXPECT_EQ(7, digit);
	EXPECT_EQ(100, ms);		/* 800 units of 8 kHz */
	/* a flash (event 16) and a truncated event are not played */
	dropped(_metadata, self, buf, tev(buf, 6, 16000, 16, true, false, 160));
	len = tev(buf, 7, 24000, 3, true, false, 160);
	dropped(_metadata, self, buf, len - 2);
	EXPECT_EQ(1, flow_stat(self, VOFFLOAD_A_FLOW_STATS_RX_EVENTS));
	EXPECT_EQ(2, flow_stat(self, VOFFLOAD_A_FLOW_STATS_RX_EVENTS_IGNORED));
	EXPECT_EQ(2, sysfs_num("/sys/class/voffload/line0/rtp/rx_events_ignored"));
	EXPECT_FALSE(flow_dtmf(self, &digit, &ms));
}

/* The far end's view of a dialled digit: event packets and audio. */
struct tev_seen {
	int events, ends, audio_during, markers;
	uint32_t ts, digit, duration;
	uint16_t seq;
	int seq_steps;			/* not one more than the last */
};

static void tev_see(struct tev_seen *s, const uint8_t *p)
{
	uint16_t seq = ntohs(*(const uint16_t *)(p + 2));

	if (s->events || s->ends)
		s->seq_steps += (uint16_t)(seq - s->seq) != 1;
	s->seq = seq;
	if ((p[1] & 0x7f) != EVENT_PT) {
		s->audio_during += s->events > 0;
		return;
	}
	if (!s->events++)
		s->ts = ntohl(*(const uint32_t *)(p + 4));
	s->markers += !!(p[1] & 0x80);
	s->digit = p[12];
	s->duration = ntohs(*(const uint16_t *)(p + 14));
	s->ends += !!(p[13] & 0x80);
}

TEST_F(flow, dialled_digit_sent_as_rfc4733)
{
	long long before = sysfs_num("/sys/class/voffload/line0/statistics/dtmf_digits");
	struct tev_seen s = { 0 };
	uint8_t x[16], got[256];
	uint32_t ms;

	ASSERT_EQ(0, flow_set(self, x, put_u8(x, 0, VOFFLOAD_A_FLOW_TX_EVENT_PT,
					      EVENT_PT)));
	ASSERT_EQ(0, phone("hook", "off"));
	ASSERT_TRUE(line_event(self, VOFFLOAD_EVENT_OFF_HOOK));
	ASSERT_EQ(0, phone("dtmf", "5 100 100"));
	while (s.ends < 3 && recv_wait(self->far, got, sizeof(got)) >= 16)
		tev_see(&s, got);
	EXPECT_EQ(3, s.ends);
	EXPECT_EQ(1, s.markers);	/* on the first event packet only */
	EXPECT_EQ(5, s.digit);
	EXPECT_EQ(0, s.audio_during);	/* the digit is muted */
	EXPECT_EQ(0, s.seq_steps);
	/* the phone's 100 ms, in 8 kHz units, dated back to the tone */
	TH_LOG("duration %u units, %d event packets", s.duration, s.events);
	EXPECT_LE(720, s.duration);
	EXPECT_GE(880, s.duration);
	/* and the line reported the digit, at its start and its end */
	ASSERT_TRUE(line_event(self, VOFFLOAD_EVENT_DTMF));
	EXPECT_EQ(5, reply_u8(&self->r, VOFFLOAD_A_LINE_DIGIT));
	EXPECT_EQ(0, reply_u32(&self->r, VOFFLOAD_A_LINE_DURATION_MS));
	ASSERT_TRUE(line_event(self, VOFFLOAD_EVENT_DTMF));
	EXPECT_EQ(5, reply_u8(&self->r, VOFFLOAD_A_LINE_DIGIT));
	ms = reply_u32(&self->r, VOFFLOAD_A_LINE_DURATION_MS);
	EXPECT_LE(90, ms);
	EXPECT_GE(110, ms);
	EXPECT_EQ(1, flow_stat(self, VOFFLOAD_A_FLOW_STATS_TX_EVENTS));
	EXPECT_EQ(before + 1,
		  sysfs_num("/sys/class/voffload/line0/statistics/dtmf_digits"));
	EXPECT_EQ(0, phone("hook", "on"));
}

TEST_HARNESS_MAIN
