// SPDX-License-Identifier: GPL-2.0
/*
 * The UDP transport and libosip2's transaction layer. Datagrams are parsed
 * by osip_parse(); a response finds its client transaction by branch, a
 * request that no transaction takes gets a new server transaction (IST for
 * INVITE, NIST for the rest; an ACK to a 2xx has none) and goes to the
 * dialog layer.
 * After any event the state machines run; their timers are a loop timer
 * set from osip_timers_gettimeout(). Transactions are freed after the
 * state machines have let go of them, never inside their callbacks.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

#include "log.h"
#include "loop.h"
#include "sip.h"
#include "tcp.h"

#define VO_SIP_MAX	65535

static osip_t *vo_osip;
/*
 * Two UDP sockets, not one dual-stack AF_INET6 socket: an OpenWrt build
 * without IPv6 still gets its IPv4 one, and no v4-mapped address ever
 * reaches the code that compares peers with resolved IPv4 addresses.
 */
static int vo_sip_fd = -1, vo_sip_fd6 = -1;
static unsigned int vo_sip_lport;
static struct vo_timer vo_sip_timer;
/* transactions killed in this run, freed after it: grows as needed */
static osip_transaction_t **vo_dead;
static unsigned int vo_ndead, vo_dead_room;
static struct vo_sip_stats vo_stats;
static const struct vo_sip_server *vo_server;

void vo_sip_set_server(const struct vo_sip_server *s)
{
	vo_server = s;
}

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

void vo_sip_count_malformed(void)
{
	vo_stats.malformed++;
}

const struct vo_sip_stats *vo_sip_stats(void)
{
	return &vo_stats;
}

unsigned int vo_sip_port(void)
{
	return vo_sip_lport;
}

int vo_sip_local(const union vo_addr *to, union vo_addr *me, char *host,
		 size_t len)
{
	socklen_t sl = sizeof(*me);
	int fd = socket(to->sa.sa_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int ok = fd >= 0 && !connect(fd, &to->sa, vo_addr_len(to)) &&
		 !getsockname(fd, &me->sa, &sl);

	if (fd >= 0)
		close(fd);
	if (!ok)
		return -1;
	vo_addr_set_port(me, 0);
	vo_addr_host(me, host, len);
	return 0;
}

/* host[:port] (a dialog's next hop) into an address of either family. */
int vo_sip_resolve(const char *hostport, union vo_addr *to)
{
	struct addrinfo hints = { .ai_family = AF_UNSPEC,
				  .ai_socktype = SOCK_DGRAM };
	struct addrinfo *res;
	char host[VO_CFG_STR], port[12];
	unsigned int p;

	if (vo_hostport_split(hostport, host, sizeof(host), &p))
		return -1;
	snprintf(port, sizeof(port), "%u", p ? p : 5060);
	if (getaddrinfo(host, port, &hints, &res))
		return -1;
	memset(to, 0, sizeof(*to));
	memcpy(to, res->ai_addr, res->ai_addrlen <= sizeof(*to) ?
	       res->ai_addrlen : sizeof(*to));
	freeaddrinfo(res);
	return 0;
}

/* The UDP socket of @to's family; -1 if we have none (no IPv6). */
static int vo_sip_udp_fd(const union vo_addr *to)
{
	return to->sa.sa_family == AF_INET6 ? vo_sip_fd6 : vo_sip_fd;
}

static int vo_sip_sendto(const union vo_addr *to, const char *buf, size_t len,
			 bool tcp)
{
	vo_stats.tx++;
	if (tcp)
		return vo_tcp_send(to, buf, len);
	return sendto(vo_sip_udp_fd(to), buf, len, 0, &to->sa,
		      vo_addr_len(to)) < 0 ? -1 : 0;
}

/*
 * libosip2 gives the host bare ("::1", as it keeps Via hosts and as we set
 * destinations); host[:port] parsing wants an IPv6 one in brackets.
 */
static int vo_sip_send(osip_transaction_t *tr, osip_message_t *msg,
		       char *host, int port, int out_socket)
{
	osip_via_t *via = NULL;
	union vo_addr to;
	char hp[INET6_ADDRSTRLEN + 2];
	size_t len;
	char *buf;
	int ret;

	snprintf(hp, sizeof(hp), strchr(host, ':') && *host != '[' ?
		 "[%s]" : "%s", host);
	if (vo_addr_parse(&to, hp, port) || osip_message_to_str(msg, &buf, &len))
		return -1;
	osip_message_get_via(msg, 0, &via);
	ret = vo_sip_sendto(&to, buf, len, via && via->protocol &&
			    !strcasecmp(via->protocol, "TCP"));
	osip_free(buf);
	return ret;
}

int vo_sip_send_raw(const char *text, const union vo_addr *to)
{
	const char *via = strstr(text, "\r\nVia: SIP/2.0/");

	return vo_sip_sendto(to, text, strlen(text),
			     via && !strncasecmp(via + 16, "TCP", 3));
}

const char *vo_sip_proto(const struct vo_cfg_account *a)
{
	return a && a->transport == VO_TRANSPORT_TCP ? "TCP" : "UDP";
}

const char *vo_sip_contact_param(const struct vo_cfg_account *a)
{
	return a && a->transport == VO_TRANSPORT_TCP ? ";transport=tcp" : "";
}

static struct vo_sip_client *vo_client(osip_transaction_t *tr)
{
	return osip_transaction_get_your_instance(tr);
}

static void vo_sip_provisional(int type, osip_transaction_t *tr,
			       osip_message_t *m)
{
	struct vo_sip_client *c = vo_client(tr);

	if (c && c->provisional)
		c->provisional(c, m);
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
	if (vo_ndead == vo_dead_room) {
		unsigned int room = vo_dead_room ? 2 * vo_dead_room : 32;
		osip_transaction_t **d = realloc(vo_dead, room * sizeof(*d));

		if (!d) {
			vo_err("sip: out of memory: a transaction leaks");
			return;
		}
		vo_dead = d;
		vo_dead_room = room;
	}
	vo_dead[vo_ndead++] = tr;
}

void vo_sip_abandon(struct vo_sip_client *c)
{
	osip_list_iterator_t it;
	osip_transaction_t *tr;

	for (tr = osip_list_get_first(&vo_osip->osip_ict_transactions, &it); tr;
	     tr = osip_list_get_next(&it))
		if (osip_transaction_get_your_instance(tr) == c) {
			osip_transaction_set_your_instance(tr, NULL);
			vo_sip_kill(ICT, tr);
			return;
		}
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
	static bool running;
	struct timeval tv = { 1, 0 };
	unsigned int ms;

	/*
	 * Not again from inside a callback of the state machines (a CANCEL
	 * or BYE sent from one): the transaction it runs for could be
	 * freed under it. The loop runs them again at once.
	 */
	if (running) {
		vo_timer_set(&vo_sip_timer, 0, vo_sip_tick, NULL);
		return;
	}
	running = true;

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
	running = false;
}

/*
 * RFC 3581: the source address goes into the top Via as received and
 * rport, so that libosip2 sends the answers back where the request came
 * from, through whatever NAT.
 */
static void vo_sip_mark_source(osip_message_t *req,
			       const union vo_addr *from)
{
	osip_via_t *via = NULL;
	osip_generic_param_t *p = NULL;
	char ip[INET6_ADDRSTRLEN], port[8];

	if (osip_message_get_via(req, 0, &via) || !via)
		return;
	/* received= takes a bare IPv6 address (RFC 3261 25.1, 5118 4.5) */
	vo_addr_ip(from, ip, sizeof(ip));
	snprintf(port, sizeof(port), "%u", vo_addr_port(from));
	osip_via_param_get_byname(via, "received", &p);
	if (p) {
		osip_free(p->gvalue);
		p->gvalue = osip_strdup(ip);
	} else {
		osip_via_set_received(via, osip_strdup(ip));
	}
	p = NULL;
	osip_via_param_get_byname(via, "rport", &p);
	if (p) {
		osip_free(p->gvalue);
		p->gvalue = osip_strdup(port);
	} else {
		osip_via_param_add(via, osip_strdup("rport"), osip_strdup(port));
	}
}

static void vo_sip_incoming(osip_event_t *ev, const union vo_addr *from)
{
	osip_message_t *req = ev->sip;
	osip_transaction_t *tr;

	vo_stats.requests++;
	if (!req->cseq || !req->call_id || !req->from || !req->to ||
	    !req->req_uri || osip_list_size(&req->vias) < 1) {
		vo_stats.malformed++;	/* no answer can be built to it */
		osip_event_free(ev);
		return;
	}
	if (vo_server && !vo_server->filter(req, from)) {
		vo_stats.refused++;
		osip_event_free(ev);
		return;
	}
	vo_sip_mark_source(req, from);
	if (!osip_find_transaction_and_add_event(vo_osip, ev))
		return;		/* a retransmission, or an ACK to our 4xx */
	if (MSG_IS_ACK(req) || !vo_server) {
		if (vo_server)
			vo_server->request(NULL, req, from);
		osip_event_free(ev);
		return;
	}
	if (osip_transaction_init(&tr, MSG_IS_INVITE(req) ? IST : NIST, vo_osip,
				  req)) {
		osip_event_free(ev);
		return;
	}
	osip_transaction_set_out_socket(tr, vo_sip_udp_fd(from));
	/* the transaction owns the request from here */
	osip_transaction_add_event(tr, ev);
	vo_server->request(tr, req, from);
}

/* One message, from a datagram or cut from a TCP stream. */
static void vo_sip_received(char *buf, size_t n, const union vo_addr *from)
{
	osip_event_t *ev;

	vo_stats.rx++;
	ev = osip_parse(buf, n);
	if (!ev || !ev->sip) {
		vo_stats.malformed++;
		if (ev)
			osip_event_free(ev);
		return;
	}
	if (MSG_IS_REQUEST(ev->sip)) {
		vo_sip_incoming(ev, from);
		return;
	}
	if (!osip_find_transaction_and_add_event(vo_osip, ev))
		return;
	if (vo_server && MSG_IS_STATUS_2XX(ev->sip) && ev->sip->cseq &&
	    ev->sip->cseq->method && !strcmp(ev->sip->cseq->method, "INVITE"))
		vo_server->stray_2xx(ev->sip, from);
	else
		vo_stats.unmatched++;
	osip_event_free(ev);
}

static void vo_sip_tcp_received(char *buf, size_t n,
				const union vo_addr *from)
{
	vo_sip_received(buf, n, from);
	vo_sip_run();
}

static void vo_sip_readable(void *arg, uint32_t events)
{
	char buf[VO_SIP_MAX + 1];
	int fd = (int)(intptr_t)arg;
	union vo_addr from;
	socklen_t fl = sizeof(from);
	unsigned int k = 0;
	ssize_t n;

	/*
	 * A bounded batch: a flood must not starve timers and the rest. The
	 * state machines run after each datagram: two 2xx of a forked INVITE
	 * back to back must not both be queued on its transaction, where the
	 * second would be lost (the first ends it; the second, unmatched,
	 * must reach stray_2xx to be ACKed and BYEd).
	 */
	while (k++ < 32 && (n = recvfrom(fd, buf, VO_SIP_MAX, MSG_DONTWAIT,
					 &from.sa, &fl)) > 0) {
		fl = sizeof(from);
		buf[n] = 0;
		vo_sip_received(buf, n, &from);
		vo_sip_run();
	}
}

int vo_sip_request(const char *text, const union vo_addr *to,
		   struct vo_sip_client *c)
{
	osip_transaction_t *tr;
	osip_message_t *msg;
	osip_event_t *ev;
	char host[INET6_ADDRSTRLEN];
	bool invite;

	if (osip_message_init(&msg))
		return -1;
	if (osip_message_parse(msg, text, strlen(text))) {
		vo_err("sip: could not parse our own request");
		osip_message_free(msg);
		return -1;
	}
	vo_addr_ip(to, host, sizeof(host));
	invite = MSG_IS_INVITE(msg);
	if (osip_transaction_init(&tr, invite ? ICT : NICT, vo_osip, msg)) {
		osip_message_free(msg);
		return -1;
	}
	osip_transaction_set_your_instance(tr, c);
	/* where the transaction sends: not from the Via, our target */
	osip_transaction_set_out_socket(tr, vo_sip_udp_fd(to));
	ev = osip_new_outgoing_sipmessage(msg);
	if (!ev)
		return -1;	/* the transaction owns msg; timer F ends it */
	ev->transactionid = tr->transactionid;
	osip_transaction_add_event(tr, ev);
	if (invite)
		osip_ict_set_destination(tr->ict_context, osip_strdup(host),
					 vo_addr_port(to));
	else
		osip_nict_set_destination(tr->nict_context, osip_strdup(host),
					  vo_addr_port(to));
	vo_sip_run();
	return 0;
}

/* Append @fmt to @buf of @size at *@n; false once it no longer fits. */
static bool vo_cat(char *buf, size_t size, size_t *n, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (*n >= size)
		return false;
	va_start(ap, fmt);
	k = vsnprintf(buf + *n, size - *n, fmt, ap);
	va_end(ap);
	*n += k < 0 ? size : (size_t)k;
	return *n < size;
}

/* "Name: value\r\n" for each header of a list that osip can print. */
#define VO_CAT_LIST(buf, size, n, list, type, to_str, name)		\
	({								\
		bool ok_ = true;					\
		int i_;							\
		for (i_ = 0; ok_ && i_ < osip_list_size(list); i_++) {	\
			type *h_ = osip_list_get(list, i_);		\
			char *s_ = NULL;				\
			ok_ = !to_str(h_, &s_) &&			\
			      vo_cat(buf, size, n, name ": %s\r\n", s_); \
			osip_free(s_);					\
		}							\
		ok_;							\
	})

static bool vo_sip_copy_headers(char *buf, size_t size, size_t *n,
				osip_message_t *req, int status,
				const char *tag)
{
	osip_generic_param_t *has_tag = NULL;
	char *from = NULL, *to = NULL, *cid = NULL, *cseq = NULL;
	bool ok;

	osip_to_get_tag(req->to, &has_tag);
	ok = !osip_from_to_str(req->from, &from) &&
	     !osip_to_to_str(req->to, &to) &&
	     !osip_call_id_to_str(req->call_id, &cid) &&
	     !osip_cseq_to_str(req->cseq, &cseq) &&
	     VO_CAT_LIST(buf, size, n, &req->vias, osip_via_t, osip_via_to_str,
			 "Via") &&
	     vo_cat(buf, size, n, "From: %s\r\nTo: %s%s%s\r\n"
		    "Call-ID: %s\r\nCSeq: %s\r\n", from, to,
		    !has_tag && tag && status > 100 ? ";tag=" : "",
		    !has_tag && tag && status > 100 ? tag : "", cid, cseq);
	/* RFC 3261 12.1.1: the route set goes back in 1xx/2xx, in order */
	if (ok && status > 100 && status < 300 && MSG_IS_INVITE(req))
		ok = VO_CAT_LIST(buf, size, n, &req->record_routes,
				 osip_record_route_t, osip_record_route_to_str,
				 "Record-Route");
	osip_free(from);
	osip_free(to);
	osip_free(cid);
	osip_free(cseq);
	return ok;
}

int vo_sip_respond(osip_transaction_t *tr, osip_message_t *req, int status,
		   const char *tag, const char *extra, const char *type,
		   const char *body, char **copy)
{
	char text[8192];
	size_t n = 0, blen = body ? strlen(body) : 0;
	osip_message_t *msg;
	osip_event_t *ev;

	if (!vo_cat(text, sizeof(text), &n, "SIP/2.0 %d %s\r\n", status,
		    osip_message_get_reason(status)) ||
	    !vo_sip_copy_headers(text, sizeof(text), &n, req, status, tag) ||
	    !vo_cat(text, sizeof(text), &n, "%sServer: voffloadd\r\n"
		    "%s%s%sContent-Length: %zu\r\n\r\n%s", extra ? extra : "",
		    type ? "Content-Type: " : "", type ? type : "",
		    type ? "\r\n" : "", blen, body ? body : "")) {
		vo_err("sip: a %d answer does not fit", status);
		return -1;
	}
	if (osip_message_init(&msg))
		return -1;
	if (osip_message_parse(msg, text, n)) {
		vo_err("sip: could not parse our own %d", status);
		osip_message_free(msg);
		return -1;
	}
	if (copy)
		*copy = strdup(text);
	ev = osip_new_outgoing_sipmessage(msg);
	if (!ev) {
		osip_message_free(msg);
		return -1;
	}
	ev->transactionid = tr->transactionid;
	osip_transaction_add_event(tr, ev);
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

/* A UDP socket on @port of @family, watched by the loop; -1 (errno). */
static int vo_sip_bind(int family, unsigned int port)
{
	int fd = vo_addr_bind(family, SOCK_DGRAM | SOCK_NONBLOCK, port);

	if (fd < 0)
		return -1;
	if (vo_loop_add(fd, EPOLLIN, vo_sip_readable, (void *)(intptr_t)fd)) {
		close(fd);
		return -1;
	}
	return fd;
}

static int vo_sip_sockets(const struct vo_config *cfg)
{
	union vo_addr sa;
	socklen_t sl = sizeof(sa);

	vo_sip_fd = vo_sip_bind(AF_INET, cfg->sip_port);
	if (vo_sip_fd < 0 || getsockname(vo_sip_fd, &sa.sa, &sl)) {
		vo_err("sip: udp port %u: %m", cfg->sip_port);
		return -1;
	}
	vo_sip_lport = vo_addr_port(&sa);
	/* no IPv6 on this system is no reason not to run on IPv4 */
	vo_sip_fd6 = vo_sip_bind(AF_INET6, vo_sip_lport);
	if (vo_sip_fd6 < 0)
		vo_warn("sip: no IPv6 on udp port %u: %m", vo_sip_lport);
	return 0;
}

int vo_sip_init(const struct vo_config *cfg)
{
	int i;

	osip_trace_initialize_func(END_TRACE_LEVEL, vo_sip_trace);
	if (osip_init(&vo_osip))
		return -1;
	osip_set_cb_send_message(vo_osip, vo_sip_send);
	for (i = OSIP_NICT_STATUS_2XX_RECEIVED; i <= OSIP_NICT_STATUS_6XX_RECEIVED; i++)
		if (i != OSIP_NICT_STATUS_2XX_RECEIVED_AGAIN)
			osip_set_message_callback(vo_osip, i, vo_sip_final);
	for (i = OSIP_ICT_STATUS_2XX_RECEIVED; i <= OSIP_ICT_STATUS_6XX_RECEIVED; i++)
		if (i != OSIP_ICT_STATUS_2XX_RECEIVED_AGAIN)
			osip_set_message_callback(vo_osip, i, vo_sip_final);
	osip_set_message_callback(vo_osip, OSIP_ICT_STATUS_1XX_RECEIVED,
				  vo_sip_provisional);
	osip_set_message_callback(vo_osip, OSIP_NICT_STATUS_TIMEOUT, vo_sip_timeout);
	osip_set_message_callback(vo_osip, OSIP_ICT_STATUS_TIMEOUT, vo_sip_timeout);
	for (i = OSIP_ICT_KILL_TRANSACTION; i <= OSIP_NIST_KILL_TRANSACTION; i++)
		osip_set_kill_transaction_callback(vo_osip, i, vo_sip_kill);
	osip_set_transport_error_callback(vo_osip, OSIP_NICT_TRANSPORT_ERROR,
					  vo_sip_transport_error);
	osip_set_transport_error_callback(vo_osip, OSIP_ICT_TRANSPORT_ERROR,
					  vo_sip_transport_error);
	if (vo_sip_sockets(cfg))
		return -1;
	/* TCP on the same port number, for the accounts that use it */
	if (vo_tcp_init(vo_sip_lport, vo_sip_tcp_received))
		return -1;
	vo_info("sip: udp and tcp port %u", vo_sip_lport);
	return 0;
}

static void vo_sip_close(int *fd)
{
	if (*fd >= 0) {
		vo_loop_del(*fd);
		close(*fd);
	}
	*fd = -1;
}

void vo_sip_exit(void)
{
	vo_timer_cancel(&vo_sip_timer);
	vo_tcp_exit();
	vo_sip_close(&vo_sip_fd);
	vo_sip_close(&vo_sip_fd6);
}
