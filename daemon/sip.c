// SPDX-License-Identifier: GPL-2.0
/*
 * The UDP transport and libosip2's transaction layer. Datagrams are parsed
 * by osip_parse(); a response finds its client transaction by branch, a
 * request (server transactions are the call issue's) is counted and left.
 * After any event the state machines run; their timers are a loop timer
 * set from osip_timers_gettimeout(). Transactions are freed after the
 * state machines have let go of them, never inside their callbacks.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

#include "log.h"
#include "loop.h"
#include "sip.h"

#define VO_SIP_MAX	65535
#define VO_SIP_DEAD	32

static osip_t *vo_osip;
static int vo_sip_fd = -1;
static unsigned int vo_sip_lport;
static struct vo_timer vo_sip_timer;
static osip_transaction_t *vo_dead[VO_SIP_DEAD];
static unsigned int vo_ndead;
static struct vo_sip_stats vo_stats;

void vo_sip_token(char *out, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char r[16];
	size_t i;

	if (getrandom(r, sizeof(r), 0) != sizeof(r))
		memset(r, 0x5a, sizeof(r));
	for (i = 0; i + 1 < len && i < 2 * sizeof(r); i++)
		out[i] = hex[(r[i / 2] >> (i % 2 ? 0 : 4)) & 15];
	out[i] = 0;
}

const struct vo_sip_stats *vo_sip_stats(void)
{
	return &vo_stats;
}

unsigned int vo_sip_port(void)
{
	return vo_sip_lport;
}

int vo_sip_local(const struct sockaddr_in *to, char *ip, size_t len)
{
	struct sockaddr_in me;
	socklen_t sl = sizeof(me);
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int ok = fd >= 0 && !connect(fd, (const struct sockaddr *)to, sizeof(*to)) &&
		 !getsockname(fd, (struct sockaddr *)&me, &sl) &&
		 inet_ntop(AF_INET, &me.sin_addr, ip, len);

	if (fd >= 0)
		close(fd);
	return ok ? 0 : -1;
}

static int vo_sip_send(osip_transaction_t *tr, osip_message_t *msg,
		       char *host, int port, int out_socket)
{
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(port) };
	size_t len;
	char *buf;
	int ret;

	if (inet_pton(AF_INET, host, &to.sin_addr) != 1 ||
	    osip_message_to_str(msg, &buf, &len))
		return -1;
	ret = sendto(vo_sip_fd, buf, len, 0, (struct sockaddr *)&to, sizeof(to));
	osip_free(buf);
	vo_stats.tx++;
	return ret < 0 ? -1 : 0;
}

static struct vo_sip_client *vo_client(osip_transaction_t *tr)
{
	return osip_transaction_get_your_instance(tr);
}

static void vo_sip_final(int type, osip_transaction_t *tr, osip_message_t *m)
{
	struct vo_sip_client *c = vo_client(tr);

	osip_transaction_set_your_instance(tr, NULL);	/* answered once */
	if (c)
		c->response(c, m);
}

static void vo_sip_timeout(int type, osip_transaction_t *tr, osip_message_t *m)
{
	struct vo_sip_client *c = vo_client(tr);

	osip_transaction_set_your_instance(tr, NULL);
	if (c)
		c->failed(c);
}

static void vo_sip_transport_error(int type, osip_transaction_t *tr, int err)
{
	vo_sip_timeout(type, tr, NULL);
}

static void vo_sip_kill(int type, osip_transaction_t *tr)
{
	osip_remove_transaction(vo_osip, tr);
	if (vo_ndead < VO_SIP_DEAD)
		vo_dead[vo_ndead++] = tr;
}

static void vo_sip_reap(void)
{
	while (vo_ndead)
		osip_transaction_free2(vo_dead[--vo_ndead]);
}

static void vo_sip_run(void);

static void vo_sip_tick(void *arg)
{
	vo_sip_run();
}

/* The state machines, their timers, and when to come back. */
static void vo_sip_run(void)
{
	struct timeval tv = { 1, 0 };
	unsigned int ms;

	osip_timers_nict_execute(vo_osip);
	osip_nict_execute(vo_osip);
	osip_timers_ict_execute(vo_osip);
	osip_ict_execute(vo_osip);
	osip_timers_nist_execute(vo_osip);
	osip_nist_execute(vo_osip);
	osip_timers_ist_execute(vo_osip);
	osip_ist_execute(vo_osip);
	vo_sip_reap();
	osip_timers_gettimeout(vo_osip, &tv);
	ms = tv.tv_sec * 1000 + tv.tv_usec / 1000;
	vo_timer_set(&vo_sip_timer, ms > 1000 ? 1000 : ms + 1, vo_sip_tick, NULL);
}

static void vo_sip_readable(void *arg, uint32_t events)
{
	char buf[VO_SIP_MAX + 1];
	osip_event_t *ev;
	ssize_t n;

	unsigned int k = 0;

	/* a bounded batch: a flood must not starve timers and the rest */
	while (k++ < 32 && (n = recv(vo_sip_fd, buf, VO_SIP_MAX, MSG_DONTWAIT)) > 0) {
		vo_stats.rx++;
		buf[n] = 0;
		ev = osip_parse(buf, n);
		if (!ev || !ev->sip) {
			vo_stats.malformed++;
			if (ev)
				osip_event_free(ev);
			continue;
		}
		/* responses to our requests; requests are the call issue's */
		if (MSG_IS_RESPONSE(ev->sip) &&
		    !osip_find_transaction_and_add_event(vo_osip, ev))
			continue;
		vo_stats.unmatched++;
		osip_event_free(ev);
	}
	vo_sip_run();
}

int vo_sip_request(const char *text, const struct sockaddr_in *to,
		   struct vo_sip_client *c)
{
	osip_transaction_t *tr;
	osip_message_t *msg;
	osip_event_t *ev;
	char host[INET_ADDRSTRLEN];

	if (osip_message_init(&msg))
		return -1;
	if (osip_message_parse(msg, text, strlen(text))) {
		vo_err("sip: could not parse our own request");
		osip_message_free(msg);
		return -1;
	}
	inet_ntop(AF_INET, &to->sin_addr, host, sizeof(host));
	if (osip_transaction_init(&tr, NICT, vo_osip, msg)) {
		osip_message_free(msg);
		return -1;
	}
	osip_transaction_set_your_instance(tr, c);
	/* where the transaction sends: not from the Via, our target */
	osip_transaction_set_out_socket(tr, vo_sip_fd);
	ev = osip_new_outgoing_sipmessage(msg);
	if (!ev)
		return -1;	/* the transaction owns msg; timer F ends it */
	ev->transactionid = tr->transactionid;
	osip_transaction_add_event(tr, ev);
	osip_free(tr->nict_context->destination);
	tr->nict_context->destination = osip_strdup(host);
	tr->nict_context->port = ntohs(to->sin_port);
	vo_sip_run();
	return 0;
}

/*
 * libosip2's own trace (on stdout by default): into our log, at debug
 * level, so that a flood of malformed datagrams is counted, not printed.
 */
static void vo_sip_trace(const char *fi, int li, osip_trace_level_t level,
			 const char *fmt, va_list ap)
{
	char line[256];

	if (vo_log_level < LOG_DEBUG)
		return;
	vsnprintf(line, sizeof(line), fmt, ap);
	line[strcspn(line, "\r\n")] = 0;
	vo_dbg("osip %s:%d: %s", fi, li, line);
}

int vo_sip_init(const struct vo_config *cfg)
{
	struct sockaddr_in sa = {
		.sin_family = AF_INET,
		.sin_port = htons(cfg->sip_port),
	};
	socklen_t sl = sizeof(sa);
	int i;

	osip_trace_initialize_func(END_TRACE_LEVEL, vo_sip_trace);
	if (osip_init(&vo_osip))
		return -1;
	osip_set_cb_send_message(vo_osip, vo_sip_send);
	for (i = OSIP_NICT_STATUS_2XX_RECEIVED; i <= OSIP_NICT_STATUS_6XX_RECEIVED; i++)
		if (i != OSIP_NICT_STATUS_2XX_RECEIVED_AGAIN)
			osip_set_message_callback(vo_osip, i, vo_sip_final);
	osip_set_message_callback(vo_osip, OSIP_NICT_STATUS_TIMEOUT, vo_sip_timeout);
	osip_set_kill_transaction_callback(vo_osip, OSIP_NICT_KILL_TRANSACTION,
					   vo_sip_kill);
	osip_set_transport_error_callback(vo_osip, OSIP_NICT_TRANSPORT_ERROR,
					  vo_sip_transport_error);
	vo_sip_fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (vo_sip_fd < 0 || bind(vo_sip_fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    getsockname(vo_sip_fd, (struct sockaddr *)&sa, &sl) ||
	    vo_loop_add(vo_sip_fd, EPOLLIN, vo_sip_readable, NULL)) {
		vo_err("sip: udp port %u: %m", cfg->sip_port);
		return -1;
	}
	vo_sip_lport = ntohs(sa.sin_port);
	vo_info("sip: udp port %u", vo_sip_lport);
	return 0;
}

void vo_sip_exit(void)
{
	vo_timer_cancel(&vo_sip_timer);
	if (vo_sip_fd >= 0) {
		vo_loop_del(vo_sip_fd);
		close(vo_sip_fd);
	}
	vo_sip_fd = -1;
}
