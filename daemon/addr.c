// SPDX-License-Identifier: GPL-2.0
/*
 * Socket addresses of both families. Everything that compares, prints or
 * parses a peer's address goes through here, so that IPv6 is handled in
 * one place (brackets, v4-mapped forms) rather than in each caller.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "addr.h"

socklen_t vo_addr_len(const union vo_addr *a)
{
	return a->sa.sa_family == AF_INET6 ? sizeof(a->v6) : sizeof(a->v4);
}

bool vo_addr_same_host(const union vo_addr *a, const union vo_addr *b)
{
	if (a->sa.sa_family != b->sa.sa_family)
		return false;
	if (a->sa.sa_family == AF_INET6)
		return IN6_ARE_ADDR_EQUAL(&a->v6.sin6_addr, &b->v6.sin6_addr);
	return a->sa.sa_family == AF_INET &&
	       a->v4.sin_addr.s_addr == b->v4.sin_addr.s_addr;
}

bool vo_addr_is_host(const union vo_addr *a, const char *host)
{
	char ip[INET6_ADDRSTRLEN];
	size_t n = strlen(host);
	union vo_addr h;

	/* URIs and Vias may print an IPv6 host with its brackets, or not */
	if (*host == '[' && n > 2 && host[n - 1] == ']' && n - 2 < sizeof(ip)) {
		memcpy(ip, host + 1, n - 2);
		ip[n - 2] = 0;
		host = ip;
	}
	return !vo_addr_from_ip(&h, host, 0) && vo_addr_same_host(a, &h);
}

bool vo_addr_equal(const union vo_addr *a, const union vo_addr *b)
{
	return vo_addr_same_host(a, b) && vo_addr_port(a) == vo_addr_port(b);
}

unsigned int vo_addr_port(const union vo_addr *a)
{
	return ntohs(a->sa.sa_family == AF_INET6 ? a->v6.sin6_port :
		     a->v4.sin_port);
}

void vo_addr_set_port(union vo_addr *a, unsigned int port)
{
	if (a->sa.sa_family == AF_INET6)
		a->v6.sin6_port = htons(port);
	else
		a->v4.sin_port = htons(port);
}

bool vo_addr_is_any(const union vo_addr *a)
{
	if (a->sa.sa_family == AF_INET6)
		return IN6_IS_ADDR_UNSPECIFIED(&a->v6.sin6_addr);
	return a->sa.sa_family != AF_INET || a->v4.sin_addr.s_addr == INADDR_ANY;
}

void vo_addr_normalise(union vo_addr *a)
{
	struct sockaddr_in v4 = { .sin_family = AF_INET };

	if (a->sa.sa_family != AF_INET6 ||
	    !IN6_IS_ADDR_V4MAPPED(&a->v6.sin6_addr))
		return;
	v4.sin_port = a->v6.sin6_port;
	memcpy(&v4.sin_addr, &a->v6.sin6_addr.s6_addr[12], 4);
	memset(a, 0, sizeof(*a));
	a->v4 = v4;
}

const char *vo_addr_ip(const union vo_addr *a, char *buf, size_t len)
{
	const void *src = a->sa.sa_family == AF_INET6 ?
			  (const void *)&a->v6.sin6_addr : &a->v4.sin_addr;

	if (!inet_ntop(a->sa.sa_family == AF_INET6 ? AF_INET6 : AF_INET, src,
		       buf, len))
		snprintf(buf, len, "?");
	return buf;
}

const char *vo_addr_host(const union vo_addr *a, char *buf, size_t len)
{
	char ip[INET6_ADDRSTRLEN];

	vo_addr_ip(a, ip, sizeof(ip));
	snprintf(buf, len, a->sa.sa_family == AF_INET6 ? "[%s]" : "%s", ip);
	return buf;
}

const char *vo_addr_str(const union vo_addr *a, char *buf, size_t len)
{
	char host[INET6_ADDRSTRLEN + 2];

	snprintf(buf, len, "%s:%u", vo_addr_host(a, host, sizeof(host)),
		 vo_addr_port(a));
	return buf;
}

int vo_addr_from_ip(union vo_addr *a, const char *ip, unsigned int port)
{
	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, ip, &a->v4.sin_addr) == 1) {
		a->v4.sin_family = AF_INET;
	} else if (inet_pton(AF_INET6, ip, &a->v6.sin6_addr) == 1) {
		a->v6.sin6_family = AF_INET6;
	} else {
		return -1;
	}
	vo_addr_set_port(a, port);
	return 0;
}

/* ":1".. ":65535" at @s, or nothing at all (*@port 0). */
static int vo_port_parse(const char *s, unsigned int *port)
{
	unsigned long p;
	char *end;

	*port = 0;
	if (!*s)
		return 0;
	if (*s != ':' || s[1] < '0' || s[1] > '9')
		return -1;
	p = strtoul(s + 1, &end, 10);
	if (*end || p < 1 || p > 65535)
		return -1;
	*port = p;
	return 0;
}

int vo_hostport_split(const char *s, char *host, size_t hlen,
		      unsigned int *port)
{
	const char *end, *colon = strchr(s, ':');
	size_t n;

	if (*s == '[') {
		end = strchr(s, ']');
		if (!end)
			return -1;
		n = end - s - 1;
		s++;
		end++;
	} else if (colon && strchr(colon + 1, ':')) {
		/* a bare IPv6 literal, no port: a name has no colons */
		struct in6_addr ip6;

		if (inet_pton(AF_INET6, s, &ip6) != 1)
			return -1;
		n = strlen(s);
		end = s + n;
	} else {
		n = colon ? (size_t)(colon - s) : strlen(s);
		end = s + n;
	}
	if (!n || n >= hlen || vo_port_parse(end, port))
		return -1;
	memcpy(host, s, n);
	host[n] = 0;
	return 0;
}

int vo_addr_parse(union vo_addr *a, const char *s, unsigned int defport)
{
	char host[INET6_ADDRSTRLEN];
	unsigned int port;

	if (vo_hostport_split(s, host, sizeof(host), &port))
		return -1;
	/* "[1.2.3.4]" is no IPv6 literal, and a bare one has no brackets */
	if (*s == '[' && !strchr(host, ':'))
		return -1;
	return vo_addr_from_ip(a, host, port ? port : defport);
}

int vo_addr_bind(int family, int type, unsigned int port)
{
	union vo_addr sa = { .sa.sa_family = family };
	int fd = socket(family, type | SOCK_CLOEXEC, 0), one = 1, err;

	if (fd < 0)
		return -1;
	vo_addr_set_port(&sa, port);
	/* an IPv6 socket for IPv6 only: the IPv4 one has the port's v4 side */
	if ((family == AF_INET6 &&
	     setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one))) ||
	    ((type & SOCK_STREAM) &&
	     setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one))) ||
	    bind(fd, &sa.sa, vo_addr_len(&sa))) {
		err = errno;
		close(fd);
		errno = err;	/* EADDRINUSE tells a port search to go on */
		return -1;
	}
	return fd;
}
