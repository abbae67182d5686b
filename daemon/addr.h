/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A socket address of either family, for SIP peers, RTP peers and the
 * resolver's answers. Text forms follow RFC 3261/5118: "1.2.3.4:5060",
 * "[2001:db8::1]:5060"; an IPv6 literal in a host[:port] is bracketed
 * whenever a port may follow it.
 */
#ifndef VOFFLOADD_ADDR_H
#define VOFFLOADD_ADDR_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

union vo_addr {
	struct sockaddr sa;
	struct sockaddr_in v4;
	struct sockaddr_in6 v6;
};

/* "[ffff:...:255.255.255.255]:65535" and its NUL */
#define VO_ADDRSTRLEN	(INET6_ADDRSTRLEN + 8)

socklen_t vo_addr_len(const union vo_addr *a);
/* Same family and address; the port is not looked at. */
bool vo_addr_same_host(const union vo_addr *a, const union vo_addr *b);
/* Is @host ("1.2.3.4", "2001:db8::1" or "[2001:db8::1]") @a's address? */
bool vo_addr_is_host(const union vo_addr *a, const char *host);
/* Same family, address and port. */
bool vo_addr_equal(const union vo_addr *a, const union vo_addr *b);
unsigned int vo_addr_port(const union vo_addr *a);
void vo_addr_set_port(union vo_addr *a, unsigned int port);
/* 0.0.0.0 or :: (RFC 2543 hold), or no address at all. */
bool vo_addr_is_any(const union vo_addr *a);
/* ::ffff:a.b.c.d becomes a.b.c.d, so that it compares with IPv4 peers. */
void vo_addr_normalise(union vo_addr *a);
/* The bare address, as SDP and Via received= carry it: "2001:db8::1". */
const char *vo_addr_ip(const union vo_addr *a, char *buf, size_t len);
/* The address as a URI or Via host: "1.2.3.4" or "[2001:db8::1]". */
const char *vo_addr_host(const union vo_addr *a, char *buf, size_t len);
/* "1.2.3.4:5060" or "[2001:db8::1]:5060", for logs. */
const char *vo_addr_str(const union vo_addr *a, char *buf, size_t len);
/* A numeric address without brackets or port, and @port; 0 or -1. */
int vo_addr_from_ip(union vo_addr *a, const char *ip, unsigned int port);
/*
 * Split "host", "host:port", "[v6]", "[v6]:port" or a bare IPv6 literal
 * into @host (no brackets) and *@port (0 if none). -1 on bad syntax: an
 * unclosed bracket, a port that is not 1-65535, junk after the bracket.
 */
int vo_hostport_split(const char *s, char *host, size_t hlen,
		      unsigned int *port);
/* A numeric host[:port] of either form into @a (@defport if no port). */
int vo_addr_parse(union vo_addr *a, const char *s, unsigned int defport);
/*
 * A socket of @family and @type (SOCK_NONBLOCK may be or-ed in) bound to
 * the wildcard address and @port (0: any); -1 with errno.
 */
int vo_addr_bind(int family, int type, unsigned int port);

#endif
