// SPDX-License-Identifier: GPL-2.0
/*
 * A lookup is a small state machine: NAPTR query, SRV query on the name
 * it gives (or _sip._udp/_tcp.host), then one A and AAAA lookup per
 * target (ares_getaddrinfo, in parallel), then the callback with the
 * addresses in target order, each target's in c-ares's RFC 6724 order.
 * c-ares's sockets are watched by the loop (re-synced after every
 * c-ares call) and its timeouts run on a loop timer.
 */
#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <ares.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "log.h"
#include "loop.h"
#include "resolve.h"

#define VO_LOOKUPS	16

struct vo_lookup {
	bool used, srv_done;
	unsigned int gen;		/* answers of a cancelled use are dropped */
	vo_resolved_cb cb;
	void *arg;
	char host[VO_CFG_STR];
	enum vo_transport tp;
	unsigned int port;		/* 0: from SRV */
	int pending;			/* A/AAAA lookups under way */
	int ntargets;
	struct {
		char name[VO_CFG_STR];
		unsigned int port;
		union vo_addr addr[VO_TARGETS];
		int naddr;
	} t[VO_TARGETS];
	struct vo_timer done;		/* the callback, from the loop */
};

static ares_channel vo_ares;
static bool vo_ares_up;
static struct vo_lookup vo_lookups[VO_LOOKUPS];
static int vo_ares_fds[ARES_GETSOCK_MAXNUM];
static int vo_ares_nfds;
static struct vo_timer vo_ares_timer;

static void vo_ares_sync(void);

static void vo_ares_event(void *arg, uint32_t events)
{
	int fd = (int)(intptr_t)arg;

	ares_process_fd(vo_ares, events & (EPOLLIN | EPOLLERR | EPOLLHUP) ? fd :
			ARES_SOCKET_BAD, events & EPOLLOUT ? fd : ARES_SOCKET_BAD);
	vo_ares_sync();
}

static void vo_ares_tick(void *arg)
{
	ares_process_fd(vo_ares, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
	vo_ares_sync();
}

/* Watch exactly c-ares's sockets; its next timeout on our timer. */
static void vo_ares_sync(void)
{
	ares_socket_t socks[ARES_GETSOCK_MAXNUM];
	struct timeval tv, *t;
	int bits = ares_getsock(vo_ares, socks, ARES_GETSOCK_MAXNUM);
	int i, n = 0;

	for (i = 0; i < vo_ares_nfds; i++)
		vo_loop_del(vo_ares_fds[i]);
	for (i = 0; i < ARES_GETSOCK_MAXNUM; i++) {
		uint32_t ev = (ARES_GETSOCK_READABLE(bits, i) ? EPOLLIN : 0) |
			      (ARES_GETSOCK_WRITABLE(bits, i) ? EPOLLOUT : 0);

		if (!ev)
			continue;
		if (!vo_loop_add(socks[i], ev, vo_ares_event,
				 (void *)(intptr_t)socks[i]))
			vo_ares_fds[n++] = socks[i];
	}
	vo_ares_nfds = n;
	t = ares_timeout(vo_ares, NULL, &tv);
	if (t)
		vo_timer_set(&vo_ares_timer, t->tv_sec * 1000 + t->tv_usec / 1000 + 1,
			     vo_ares_tick, NULL);
	else
		vo_timer_cancel(&vo_ares_timer);
}

static void vo_lookup_report(void *arg)
{
	struct vo_lookup *l = arg;
	union vo_addr to[VO_TARGETS];
	int i, k, n = 0;

	for (i = 0; i < l->ntargets; i++)
		for (k = 0; k < l->t[i].naddr && n < VO_TARGETS; k++)
			to[n++] = l->t[i].addr[k];
	l->used = false;
	l->cb(l->arg, to, n);
}

static void vo_lookup_finish(struct vo_lookup *l)
{
	vo_timer_set(&l->done, 0, vo_lookup_report, l);
}

static void vo_addrinfo_done(void *arg, int status, int timeouts,
			     struct ares_addrinfo *res)
{
	unsigned int *slot = arg, gen = slot[2];
	struct vo_lookup *l = &vo_lookups[slot[0]];
	struct ares_addrinfo_node *n;
	int ti = slot[1];

	free(slot);
	if (l->used && l->gen == gen) {
		for (n = res ? res->nodes : NULL;
		     n && l->t[ti].naddr < VO_TARGETS; n = n->ai_next) {
			union vo_addr *a = &l->t[ti].addr[l->t[ti].naddr++];

			memset(a, 0, sizeof(*a));
			memcpy(a, n->ai_addr, n->ai_addrlen <= sizeof(*a) ?
			       n->ai_addrlen : sizeof(*a));
			vo_addr_set_port(a, l->t[ti].port);
		}
		if (--l->pending == 0)
			vo_lookup_finish(l);
	}
	ares_freeaddrinfo(res);
}

static void vo_lookup_targets(struct vo_lookup *l)
{
	/* A and AAAA both: the proxy may have either, or both */
	const struct ares_addrinfo_hints hints = {
		.ai_family = AF_UNSPEC, .ai_socktype = SOCK_DGRAM,
	};
	int i;

	l->pending = l->ntargets;
	for (i = 0; i < l->ntargets; i++) {
		unsigned int *slot = malloc(3 * sizeof(*slot));

		if (!slot) {
			l->pending--;
			continue;
		}
		slot[0] = l - vo_lookups;
		slot[1] = i;
		slot[2] = l->gen;
		ares_getaddrinfo(vo_ares, l->t[i].name, NULL, &hints,
				 vo_addrinfo_done, slot);
	}
	if (!l->pending)
		vo_lookup_finish(l);
}

/* RFC 2782: lower priority first; within one, heavier weight first. */
static int vo_srv_cmp(const void *a, const void *b)
{
	const struct ares_srv_reply *x = *(struct ares_srv_reply *const *)a;
	const struct ares_srv_reply *y = *(struct ares_srv_reply *const *)b;

	if (x->priority != y->priority)
		return x->priority - y->priority;
	return y->weight - x->weight;
}

static void vo_srv_done(void *arg, int status, int timeouts,
			unsigned char *abuf, int alen)
{
	unsigned int *slot = arg, gen = slot[2];
	struct vo_lookup *l = &vo_lookups[slot[0]];
	struct ares_srv_reply *srv = NULL, *s, *sorted[VO_TARGETS];
	int n = 0, i;

	free(slot);
	if (!l->used || l->gen != gen)
		return;
	if (status == ARES_SUCCESS && !ares_parse_srv_reply(abuf, alen, &srv))
		for (s = srv; s && n < VO_TARGETS; s = s->next)
			sorted[n++] = s;
	qsort(sorted, n, sizeof(sorted[0]), vo_srv_cmp);
	for (i = 0; i < n; i++) {
		snprintf(l->t[i].name, sizeof(l->t[i].name), "%s", sorted[i]->host);
		l->t[i].port = sorted[i]->port;
	}
	l->ntargets = n;
	ares_free_data(srv);
	if (!n) {	/* no SRV: the host itself, port 5060 */
		memcpy(l->t[0].name, l->host, sizeof(l->host));
		l->t[0].port = 5060;
		l->ntargets = 1;
	}
	vo_lookup_targets(l);
}

/* Ask c-ares for @name's records of @type; @done gets the slot. */
static int vo_lookup_query(struct vo_lookup *l, const char *name, int type,
			   ares_callback done)
{
	unsigned int *slot = malloc(3 * sizeof(*slot));

	if (!slot)
		return -1;
	slot[0] = l - vo_lookups;
	slot[1] = 0;
	slot[2] = l->gen;
	ares_query(vo_ares, name, ns_c_in, type, done, slot);
	return 0;
}

/* RFC 3263 4.1 without NAPTR, or none fits: _sip._udp/_tcp.host. */
static void vo_lookup_srv(struct vo_lookup *l, const char *name)
{
	char srv[VO_CFG_STR + 16];

	if (!name) {
		snprintf(srv, sizeof(srv), "_sip._%s.%s",
			 l->tp == VO_TRANSPORT_TCP ? "tcp" : "udp", l->host);
		name = srv;
	}
	if (vo_lookup_query(l, name, ns_t_srv, vo_srv_done))
		vo_lookup_targets(l);	/* out of memory: A of the host */
}

/*
 * The NAPTR record to follow: flag "s" (an SRV name comes next), the
 * account's transport (SIP+D2U or SIP+D2T; we have no TLS), lowest order,
 * then lowest preference (RFC 3403 4.1).
 */
static const struct ares_naptr_reply *
vo_naptr_pick(const struct ares_naptr_reply *n, enum vo_transport tp)
{
	const char *want = tp == VO_TRANSPORT_TCP ? "SIP+D2T" : "SIP+D2U";
	const struct ares_naptr_reply *best = NULL;

	for (; n; n = n->next) {
		if (strcasecmp((const char *)n->flags, "s") ||
		    strcasecmp((const char *)n->service, want) ||
		    !*n->replacement)
			continue;
		if (!best || n->order < best->order ||
		    (n->order == best->order &&
		     n->preference < best->preference))
			best = n;
	}
	return best;
}

static void vo_naptr_done(void *arg, int status, int timeouts,
			  unsigned char *abuf, int alen)
{
	unsigned int *slot = arg, gen = slot[2];
	struct vo_lookup *l = &vo_lookups[slot[0]];
	struct ares_naptr_reply *naptr = NULL;
	const struct ares_naptr_reply *n = NULL;
	char name[VO_CFG_STR];

	free(slot);
	if (!l->used || l->gen != gen)
		return;
	if (status == ARES_SUCCESS &&
	    !ares_parse_naptr_reply(abuf, alen, &naptr))
		n = vo_naptr_pick(naptr, l->tp);
	if (n) {
		snprintf(name, sizeof(name), "%s", n->replacement);
		vo_dbg("dns: %s NAPTR -> %s", l->host, name);
	}
	ares_free_data(naptr);
	vo_lookup_srv(l, n ? name : NULL);
}

int vo_resolve(const char *hostport, enum vo_transport tp, vo_resolved_cb cb,
	       void *arg)
{
	struct vo_lookup *l = NULL;
	unsigned int gen;
	int i;

	for (i = 0; i < VO_LOOKUPS && !l; i++)
		if (!vo_lookups[i].used)
			l = &vo_lookups[i];
	if (!l || !vo_ares_up) {
		vo_err("dns: no room for a lookup of %s", hostport);
		return -1;
	}
	gen = l->gen + 1;
	memset(l, 0, sizeof(*l));
	l->gen = gen;
	l->used = true;
	l->cb = cb;
	l->arg = arg;
	l->tp = tp;
	/* "[2001:db8::1]:5060": the host without brackets, the port */
	if (vo_hostport_split(hostport, l->host, sizeof(l->host), &l->port)) {
		vo_err("dns: bad host[:port] '%s'", hostport);
		l->used = false;
		return -1;
	}
	memcpy(l->t[0].name, l->host, sizeof(l->host));
	l->t[0].port = l->port ? l->port : 5060;
	l->ntargets = 1;
	if (!vo_addr_from_ip(&l->t[0].addr[0], l->host, l->t[0].port)) {
		l->t[0].naddr = 1;	/* numeric, either family: no DNS */
		vo_lookup_finish(l);
		return 0;
	}
	if (l->port) {
		vo_lookup_targets(l);
	} else if (vo_lookup_query(l, l->host, ns_t_naptr, vo_naptr_done)) {
		l->used = false;
		return -1;
	}
	vo_ares_sync();
	return 0;
}

void vo_resolve_cancel(void *arg)
{
	int i;

	for (i = 0; i < VO_LOOKUPS; i++)
		if (vo_lookups[i].used && vo_lookups[i].arg == arg) {
			vo_timer_cancel(&vo_lookups[i].done);
			vo_lookups[i].used = false;
		}
}

int vo_resolve_init(const struct vo_config *cfg)
{
	struct ares_options o = { .timeout = 2000, .tries = 2 };

	if (ares_library_init(ARES_LIB_INIT_ALL) ||
	    ares_init_options(&vo_ares, &o, ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES)) {
		vo_err("dns: c-ares would not start");
		return -1;
	}
	/* OpenWrt's dnsmasq, or a test's server: else resolv.conf's */
	if (*cfg->dns_servers &&
	    ares_set_servers_ports_csv(vo_ares, cfg->dns_servers)) {
		vo_err("dns: bad dns-servers '%s'", cfg->dns_servers);
		return -1;
	}
	vo_ares_up = true;
	return 0;
}

void vo_resolve_exit(void)
{
	int i;

	if (!vo_ares_up)
		return;
	for (i = 0; i < vo_ares_nfds; i++)
		vo_loop_del(vo_ares_fds[i]);
	vo_timer_cancel(&vo_ares_timer);
	ares_destroy(vo_ares);
	ares_library_cleanup();
	vo_ares_up = false;
}
