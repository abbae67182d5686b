// SPDX-License-Identifier: GPL-2.0
/*
 * A fixed table of connections, each with a receive buffer (one message
 * of up to 64 KiB in flight) and a send buffer for what a non-blocking
 * socket did not take yet (or all of it while connect() is under way).
 * A message is whole when its header ends (CRLFCRLF) and its body has
 * Content-Length bytes; a missing or absurd Content-Length, or a header
 * longer than the buffer, is a broken stream: the connection is closed
 * and counted, the others carry on. Connections idle for 10 minutes
 * close, as RFC 5626's flow timer suggests proxies do anyway.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "log.h"
#include "loop.h"
#include "tcp.h"

#define VO_TCP_CONNS	16
#define VO_TCP_BUF	65536
#define VO_TCP_IDLE_MS	600000

struct vo_tcp_conn {
	int fd;				/* -1: free */
	bool connecting;
	union vo_addr peer;
	char *rx, *tx;
	size_t rx_len, tx_len;
	uint64_t last_ms;
};

static struct vo_tcp_conn vo_conns[VO_TCP_CONNS];
/* listeners, IPv4 and IPv6: two for the reason sip.c has two sockets */
static int vo_tcp_lfd[2] = { -1, -1 };
static void (*vo_tcp_deliver)(char *, size_t, const union vo_addr *);
static unsigned long vo_tcp_broken;
static struct vo_timer vo_tcp_idle_timer;

unsigned long vo_tcp_bad(void)
{
	return vo_tcp_broken;
}

unsigned int vo_tcp_connections(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < VO_TCP_CONNS; i++)
		n += vo_conns[i].fd >= 0;
	return n;
}

static void vo_tcp_close(struct vo_tcp_conn *c)
{
	vo_loop_del(c->fd);
	close(c->fd);
	free(c->rx);
	free(c->tx);
	memset(c, 0, sizeof(*c));
	c->fd = -1;
}

/* The body length a header announces; -1 if it has none that is sane. */
static long vo_tcp_content_length(const char *hdr, size_t len)
{
	const char *p = hdr, *end = hdr + len;
	char *e;
	long n;

	while (p < end) {
		const char *eol = memchr(p, '\n', end - p);

		if (!eol)
			break;
		/* "Content-Length:" or its compact form "l:" */
		if (!strncasecmp(p, "Content-Length", 14) || !strncasecmp(p, "l ", 2) ||
		    !strncasecmp(p, "l:", 2)) {
			const char *colon = memchr(p, ':', eol - p);

			if (!colon)
				return -1;
			n = strtol(colon + 1, &e, 10);
			return e == colon + 1 || n < 0 || n > VO_TCP_BUF ? -1 : n;
		}
		p = eol + 1;
	}
	return -1;	/* required on a stream (RFC 3261 18.3) */
}

/* Hand over every whole message in the buffer; -1: the stream is broken. */
static int vo_tcp_frame(struct vo_tcp_conn *c)
{
	for (;;) {
		char *end;
		size_t hlen, total;
		long body;

		size_t crlf = 0;

		/* keep-alive CRLFs between messages (RFC 5626 4.4.1) */
		while (crlf < c->rx_len &&
		       (c->rx[crlf] == '\r' || c->rx[crlf] == '\n'))
			crlf++;
		memmove(c->rx, c->rx + crlf, c->rx_len - crlf);
		c->rx_len -= crlf;
		c->rx[c->rx_len] = 0;
		end = strstr(c->rx, "\r\n\r\n");
		if (!end)
			return c->rx_len >= VO_TCP_BUF ? -1 : 0;
		hlen = end + 4 - c->rx;
		body = vo_tcp_content_length(c->rx, hlen);
		if (body < 0 || hlen + body > VO_TCP_BUF)
			return -1;
		total = hlen + body;
		if (c->rx_len < total)
			return 0;
		vo_tcp_deliver(c->rx, total, &c->peer);
		memmove(c->rx, c->rx + total, c->rx_len - total);
		c->rx_len -= total;
	}
}

/* Send what the socket takes; watch for room while some is left. */
static void vo_tcp_flush(struct vo_tcp_conn *c)
{
	ssize_t n;

	while (c->tx_len) {
		n = send(c->fd, c->tx, c->tx_len, MSG_DONTWAIT | MSG_NOSIGNAL);
		if (n <= 0)
			break;
		memmove(c->tx, c->tx + n, c->tx_len - n);
		c->tx_len -= n;
	}
	vo_loop_mod(c->fd, c->tx_len ? EPOLLIN | EPOLLOUT : EPOLLIN);
}

static void vo_tcp_event(void *arg, uint32_t events)
{
	struct vo_tcp_conn *c = arg;
	char peer[VO_ADDRSTRLEN];
	int err = 0;
	socklen_t el = sizeof(err);
	ssize_t n;

	c->last_ms = vo_now_ms();
	if (c->connecting && (events & (EPOLLOUT | EPOLLERR | EPOLLHUP))) {
		if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &el) || err) {
			vo_warn("sip: tcp to %s: %s",
				vo_addr_str(&c->peer, peer, sizeof(peer)),
				strerror(err));
			vo_tcp_close(c);
			return;
		}
		c->connecting = false;
	}
	vo_tcp_flush(c);
	if (!(events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
		return;
	n = recv(c->fd, c->rx + c->rx_len, VO_TCP_BUF - c->rx_len, MSG_DONTWAIT);
	if (n == 0 || (n < 0 && errno != EAGAIN)) {
		vo_tcp_close(c);
		return;
	}
	if (n > 0) {
		c->rx_len += n;
		if (vo_tcp_frame(c)) {
			vo_warn("sip: tcp from %s: a message without a sane"
				" Content-Length; closing",
				vo_addr_str(&c->peer, peer, sizeof(peer)));
			vo_tcp_broken++;
			vo_tcp_close(c);
		}
	}
}

static struct vo_tcp_conn *vo_tcp_slot(int fd, const union vo_addr *peer)
{
	unsigned int i;

	for (i = 0; i < VO_TCP_CONNS; i++) {
		struct vo_tcp_conn *c = &vo_conns[i];

		if (c->fd >= 0)
			continue;
		c->rx = malloc(VO_TCP_BUF + 1);
		c->tx = malloc(VO_TCP_BUF);
		if (!c->rx || !c->tx) {
			free(c->rx);
			free(c->tx);
			return NULL;
		}
		c->fd = fd;
		c->peer = *peer;
		c->last_ms = vo_now_ms();
		return c;
	}
	return NULL;
}

static void vo_tcp_accept(void *arg, uint32_t events)
{
	union vo_addr peer;
	socklen_t pl = sizeof(peer);
	struct vo_tcp_conn *c;
	char ip[INET6_ADDRSTRLEN];
	int fd = accept4((int)(intptr_t)arg, &peer.sa, &pl,
			 SOCK_CLOEXEC | SOCK_NONBLOCK);

	if (fd < 0)
		return;
	c = vo_tcp_slot(fd, &peer);
	if (!c || vo_loop_add(fd, EPOLLIN, vo_tcp_event, c)) {
		vo_warn("sip: tcp: no room for a connection from %s",
			vo_addr_ip(&peer, ip, sizeof(ip)));
		if (c) {
			free(c->rx);
			free(c->tx);
			c->fd = -1;
		}
		close(fd);
	}
}

static struct vo_tcp_conn *vo_tcp_connect(const union vo_addr *to)
{
	struct vo_tcp_conn *c;
	int fd = socket(to->sa.sa_family, SOCK_STREAM | SOCK_CLOEXEC |
			SOCK_NONBLOCK, 0);

	if (fd < 0)
		return NULL;
	if (connect(fd, &to->sa, vo_addr_len(to)) &&
	    errno != EINPROGRESS) {
		close(fd);
		return NULL;
	}
	c = vo_tcp_slot(fd, to);
	if (!c || vo_loop_add(fd, EPOLLIN | EPOLLOUT, vo_tcp_event, c)) {
		if (c) {
			free(c->rx);
			free(c->tx);
			c->fd = -1;
		}
		close(fd);
		return NULL;
	}
	c->connecting = true;
	return c;
}

int vo_tcp_send(const union vo_addr *to, const char *buf, size_t len)
{
	struct vo_tcp_conn *c = NULL;
	unsigned int i;

	for (i = 0; i < VO_TCP_CONNS && !c; i++)
		if (vo_conns[i].fd >= 0 && vo_addr_equal(&vo_conns[i].peer, to))
			c = &vo_conns[i];
	if (!c)
		c = vo_tcp_connect(to);
	if (!c || c->tx_len + len > VO_TCP_BUF)
		return -1;
	memcpy(c->tx + c->tx_len, buf, len);
	c->tx_len += len;
	c->last_ms = vo_now_ms();
	if (!c->connecting)
		vo_tcp_flush(c);
	return 0;
}

static void vo_tcp_idle(void *arg)
{
	uint64_t now = vo_now_ms();
	unsigned int i;

	for (i = 0; i < VO_TCP_CONNS; i++)
		if (vo_conns[i].fd >= 0 && now - vo_conns[i].last_ms > VO_TCP_IDLE_MS)
			vo_tcp_close(&vo_conns[i]);
	vo_timer_set(&vo_tcp_idle_timer, 60000, vo_tcp_idle, NULL);
}

/* A listener on @port of @family, watched by the loop; -1 (errno). */
static int vo_tcp_listen(int family, unsigned int port)
{
	int fd = vo_addr_bind(family, SOCK_STREAM | SOCK_NONBLOCK, port);

	if (fd < 0)
		return -1;
	if (listen(fd, 16) ||
	    vo_loop_add(fd, EPOLLIN, vo_tcp_accept, (void *)(intptr_t)fd)) {
		close(fd);
		return -1;
	}
	return fd;
}

int vo_tcp_init(unsigned int port,
		void (*deliver)(char *msg, size_t len,
				const union vo_addr *from))
{
	unsigned int i;

	vo_tcp_deliver = deliver;
	for (i = 0; i < VO_TCP_CONNS; i++)
		vo_conns[i].fd = -1;
	vo_tcp_lfd[0] = vo_tcp_listen(AF_INET, port);
	if (vo_tcp_lfd[0] < 0) {
		vo_err("sip: tcp port %u: %m", port);
		return -1;
	}
	vo_tcp_lfd[1] = vo_tcp_listen(AF_INET6, port);
	if (vo_tcp_lfd[1] < 0)
		vo_warn("sip: no IPv6 on tcp port %u: %m", port);
	vo_timer_set(&vo_tcp_idle_timer, 60000, vo_tcp_idle, NULL);
	return 0;
}

void vo_tcp_exit(void)
{
	unsigned int i;

	vo_timer_cancel(&vo_tcp_idle_timer);
	for (i = 0; i < VO_TCP_CONNS; i++)
		if (vo_conns[i].fd >= 0)
			vo_tcp_close(&vo_conns[i]);
	for (i = 0; i < 2; i++) {
		if (vo_tcp_lfd[i] >= 0) {
			vo_loop_del(vo_tcp_lfd[i]);
			close(vo_tcp_lfd[i]);
		}
		vo_tcp_lfd[i] = -1;
	}
}
