// SPDX-License-Identifier: GPL-2.0
/*
 * flow_call LINE LOCAL PORT REMOTE RPORT CODEC PT PTIME [EVENT_PT]: what the daemon
 * does for a call, for shell tests. Binds a UDP socket to LOCAL:PORT
 * (IPv4 or IPv6), hands it to a new flow on LINE towards REMOTE:RPORT,
 * prints "flow ID ssrc SSRC", and holds the socket until stdin reaches
 * end of file: then the socket closes and the kernel ends the flow.
 * With EVENT_PT, RFC 4733 events go both ways with that payload type.
 *
 * flow_call --cycles N: N calls on line 0 over loopback, each set up with
 * a new socket, deleted and closed, for leak checks.
 *
 * flow_call --many N LOCAL REMOTE: N calls at once, line i from LOCAL port
 * 4000 + i to REMOTE port 5000, PCMU 20 ms, held like one call.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <linux/voffload.h>

#include "nl.h"

static const char *const codecs[] = {
	[VOFFLOAD_CODEC_PCMU] = "pcmu",
	[VOFFLOAD_CODEC_PCMA] = "pcma",
	[VOFFLOAD_CODEC_G722] = "g722",
	[VOFFLOAD_CODEC_L16] = "l16",
};

static int codec_of(const char *name)
{
	unsigned int i;

	for (i = 0; i < sizeof(codecs) / sizeof(codecs[0]); i++)
		if (!strcmp(name, codecs[i]))
			return i;
	return -1;
}

/* Bind a socket to @addr:@port; the address family in *@v6. */
static int bind_to(const char *addr, int port, int *v6)
{
	struct sockaddr_in6 s6 = { .sin6_family = AF_INET6 };
	struct sockaddr_in s4 = { .sin_family = AF_INET };
	int fd;

	*v6 = strchr(addr, ':') != NULL;
	fd = socket(*v6 ? AF_INET6 : AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		return -1;
	s6.sin6_port = s4.sin_port = htons(port);
	if (*v6 ? inet_pton(AF_INET6, addr, &s6.sin6_addr) != 1 ||
		  bind(fd, (struct sockaddr *)&s6, sizeof(s6)) :
		  inet_pton(AF_INET, addr, &s4.sin_addr) != 1 ||
		  bind(fd, (struct sockaddr *)&s4, sizeof(s4)))
		return -1;
	return fd;
}

static size_t put_u32(uint8_t *buf, size_t off, uint16_t type, uint32_t v)
{
	return vo_nla_put(buf, off, type, &v, sizeof(v));
}

/* u32 reply attribute @type, or 0 */
static uint32_t reply_u32(const struct vo_nl_reply *r, uint16_t type)
{
	const struct nlattr *a = vo_nl_attr(r, type);

	return a ? *(const uint32_t *)((const char *)a + NLA_HDRLEN) : 0;
}

struct call {
	int line, codec, ptime, v6, event_pt;	/* event_pt -1: none */
	uint8_t addr[16], pt;
	uint16_t rport;		/* network order */
};

/* flow-new for @c on socket @fd; the reply in @r. 0 or the error. */
static int flow_new(struct vo_nl *nl, const struct call *c, int fd,
		    struct vo_nl_reply *r)
{
	uint8_t attrs[256], pt;
	size_t len;

	len = put_u32(attrs, 0, VOFFLOAD_A_FLOW_LINE, c->line);
	len = put_u32(attrs, len, VOFFLOAD_A_FLOW_FD, fd);
	len = vo_nla_put(attrs, len, c->v6 ? VOFFLOAD_A_FLOW_REMOTE_IPV6 :
			 VOFFLOAD_A_FLOW_REMOTE_IPV4, c->addr, c->v6 ? 16 : 4);
	len = vo_nla_put(attrs, len, VOFFLOAD_A_FLOW_REMOTE_PORT, &c->rport, 2);
	len = put_u32(attrs, len, VOFFLOAD_A_FLOW_CODEC, c->codec);
	len = vo_nla_put(attrs, len, VOFFLOAD_A_FLOW_PAYLOAD_TYPE, &c->pt, 1);
	len = put_u32(attrs, len, VOFFLOAD_A_FLOW_PTIME_MS, c->ptime);
	if (c->event_pt >= 0) {
		pt = c->event_pt;
		len = vo_nla_put(attrs, len, VOFFLOAD_A_FLOW_TX_EVENT_PT, &pt, 1);
		len = vo_nla_put(attrs, len, VOFFLOAD_A_FLOW_RX_EVENT_PT, &pt, 1);
	}
	if (vo_nl_request(nl, VOFFLOAD_CMD_FLOW_NEW, attrs, len, r))
		return -EIO;
	if (r->err)
		fprintf(stderr, "flow_call: flow-new: %s (%d)\n", r->extack,
			r->err);
	return r->err;
}

static int cycles(struct vo_nl *nl, int n)
{
	static struct vo_nl_reply r;
	struct call c = { .codec = VOFFLOAD_CODEC_PCMU, .ptime = 20,
			  .event_pt = -1 };
	uint8_t attrs[16];
	int i, fd, v6;
	uint32_t id;

	inet_pton(AF_INET, "127.0.0.1", c.addr);
	c.rport = htons(9);
	for (i = 0; i < n; i++) {
		fd = bind_to("127.0.0.1", 0, &v6);
		if (fd < 0 || flow_new(nl, &c, fd, &r))
			return 1;
		id = reply_u32(&r, VOFFLOAD_A_FLOW_ID);
		if (vo_nl_request(nl, VOFFLOAD_CMD_FLOW_DEL, attrs,
				  put_u32(attrs, 0, VOFFLOAD_A_FLOW_ID, id), &r) ||
		    r.err)
			return 1;
		close(fd);
	}
	return 0;
}

static int many(struct vo_nl *nl, int n, const char *local,
		const char *remote)
{
	static struct vo_nl_reply r;
	struct call c = { .codec = VOFFLOAD_CODEC_PCMU, .ptime = 20,
			  .event_pt = -1 };
	int i, fd;
	char ch;

	c.rport = htons(5000);
	for (i = 0; i < n; i++) {
		fd = bind_to(local, 4000 + i, &c.v6);
		c.line = i;
		if (fd < 0 ||
		    inet_pton(c.v6 ? AF_INET6 : AF_INET, remote, c.addr) != 1 ||
		    flow_new(nl, &c, fd, &r))
			return 1;
	}
	printf("%d flows\n", n);
	fflush(stdout);
	while (read(0, &ch, 1) > 0)
		;
	return 0;
}

int main(int argc, char **argv)
{
	static struct vo_nl_reply r;
	struct vo_nl nl;
	struct call c;
	int fd;
	char ch;

	if (vo_nl_open(&nl, VOFFLOAD_FAMILY_NAME)) {
		fprintf(stderr, "flow_call: no voffload family\n");
		return 1;
	}
	if (argc == 3 && !strcmp(argv[1], "--cycles"))
		return cycles(&nl, atoi(argv[2]));
	if (argc == 5 && !strcmp(argv[1], "--many"))
		return many(&nl, atoi(argv[2]), argv[3], argv[4]);
	if ((argc != 9 && argc != 10) || (c.codec = codec_of(argv[6])) < 0) {
		fprintf(stderr, "usage: flow_call LINE LOCAL PORT REMOTE RPORT pcmu|pcma|g722|l16 PT PTIME [EVENT_PT]\n");
		return 2;
	}
	fd = bind_to(argv[2], atoi(argv[3]), &c.v6);
	if (fd < 0 ||
	    inet_pton(c.v6 ? AF_INET6 : AF_INET, argv[4], c.addr) != 1) {
		perror("flow_call: socket");
		return 1;
	}
	c.line = atoi(argv[1]);
	c.rport = htons(atoi(argv[5]));
	c.pt = atoi(argv[7]);
	c.ptime = atoi(argv[8]);
	c.event_pt = argc == 10 ? atoi(argv[9]) : -1;
	if (flow_new(&nl, &c, fd, &r))
		return 1;
	printf("flow %u ssrc %u\n", reply_u32(&r, VOFFLOAD_A_FLOW_ID),
	       reply_u32(&r, VOFFLOAD_A_FLOW_SSRC));
	fflush(stdout);
	while (read(0, &ch, 1) > 0)
		;
	return 0;
}
