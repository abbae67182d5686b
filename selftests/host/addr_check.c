// SPDX-License-Identifier: GPL-2.0
/*
 * voffloadd's address helpers (daemon/addr.c) in tables: host[:port]
 * parsing of both families (brackets, bare IPv6, bad ports, unclosed
 * brackets), printing back, equality, v4-mapped normalisation. KTAP out.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "addr.h"

static const struct {
	const char *in;
	const char *out;	/* vo_addr_str(), NULL: must be refused */
} parses[] = {
	{ "192.0.2.1", "192.0.2.1:5060" },
	{ "192.0.2.1:5080", "192.0.2.1:5080" },
	{ "[2001:db8::1]:5061", "[2001:db8::1]:5061" },
	{ "[2001:db8::1]", "[2001:db8::1]:5060" },
	{ "2001:db8::1", "[2001:db8::1]:5060" },
	{ "[::1]:5080", "[::1]:5080" },
	{ "::1", "[::1]:5060" },
	{ "[2001:DB8:0:0:0:0:0:2]:1", "[2001:db8::2]:1" },
	{ "[::1", NULL },
	{ "::1]:5060", NULL },
	{ "[::1]5060", NULL },
	{ "[::1]:", NULL },
	{ "[::1]:0", NULL },
	{ "[::1]:65536", NULL },
	{ "1.2.3.4:99999", NULL },
	{ "1.2.3.4:", NULL },
	{ "1.2.3.4:50x", NULL },
	{ "1.2.3.4:-1", NULL },
	{ "[1.2.3.4]:5060", NULL },
	{ "[]:5060", NULL },
	{ "[2001:db8::g]", NULL },
	{ "2001:db8::1:5060:", NULL },
	{ "example.com", NULL },	/* a name: for DNS, not numeric */
	{ "", NULL },
};

static const struct {
	const char *in, *host;
	unsigned int port;
} splits[] = {
	{ "sip.example.com", "sip.example.com", 0 },
	{ "sip.example.com:5080", "sip.example.com", 5080 },
	{ "[2001:db8::1]:5080", "2001:db8::1", 5080 },
	{ "[2001:db8::1]", "2001:db8::1", 0 },
	{ "2001:db8::1", "2001:db8::1", 0 },
	{ "sip.example.com:65536", NULL, 0 },
	{ "[sip.example.com", NULL, 0 },
	{ ":5060", NULL, 0 },
	{ "::1]:5060", NULL, 0 },
	{ "2001:db8::1:5060:", NULL, 0 },
};

static int parse_case(unsigned int i)
{
	char buf[VO_ADDRSTRLEN];
	union vo_addr a;
	int ret = vo_addr_parse(&a, parses[i].in, 5060);

	if (ret)
		printf("# '%s': refused\n", parses[i].in);
	else
		printf("# '%s': %s\n", parses[i].in, vo_addr_str(&a, buf, sizeof(buf)));
	if (!parses[i].out)
		return ret != 0;
	return !ret && !strcmp(buf, parses[i].out);
}

static int split_case(unsigned int i)
{
	char host[64] = "";
	unsigned int port = 12345;
	int ret = vo_hostport_split(splits[i].in, host, sizeof(host), &port);

	printf("# split '%s': %d '%s' %u\n", splits[i].in, ret, host, port);
	if (!splits[i].host)
		return ret != 0;
	return !ret && !strcmp(host, splits[i].host) && port == splits[i].port;
}

/* Equality looks at family, address and port; same_host not the port. */
static int equality(void)
{
	union vo_addr a, b, c, d;

	return !vo_addr_parse(&a, "[2001:db8::1]:5060", 0) &&
	       !vo_addr_parse(&b, "2001:db8:0::1", 5060) &&
	       !vo_addr_parse(&c, "[2001:db8::1]:5061", 0) &&
	       !vo_addr_parse(&d, "192.0.2.1:5060", 0) &&
	       vo_addr_equal(&a, &b) && !vo_addr_equal(&a, &c) &&
	       vo_addr_same_host(&a, &c) && !vo_addr_same_host(&a, &d) &&
	       vo_addr_is_host(&a, "[2001:db8::1]") &&
	       vo_addr_is_host(&a, "2001:db8::1") &&
	       !vo_addr_is_host(&a, "2001:db8::2") &&
	       vo_addr_is_host(&d, "192.0.2.1") &&
	       !vo_addr_is_host(&d, "[192.0.2.1") &&
	       vo_addr_len(&a) == sizeof(struct sockaddr_in6) &&
	       vo_addr_len(&d) == sizeof(struct sockaddr_in);
}

/* ::ffff:192.0.2.7 becomes 192.0.2.7 and then equals the IPv4 peer. */
static int v4_mapped(void)
{
	char buf[VO_ADDRSTRLEN];
	union vo_addr m, v4, v6;

	if (vo_addr_parse(&m, "[::ffff:192.0.2.7]:5070", 0) ||
	    vo_addr_parse(&v4, "192.0.2.7:5070", 0) ||
	    vo_addr_parse(&v6, "[2001:db8::7]:5070", 0) ||
	    vo_addr_equal(&m, &v4))
		return 0;
	vo_addr_normalise(&m);
	vo_addr_normalise(&v6);		/* not mapped: left alone */
	printf("# normalised: %s\n", vo_addr_str(&m, buf, sizeof(buf)));
	return vo_addr_equal(&m, &v4) && m.sa.sa_family == AF_INET &&
	       v6.sa.sa_family == AF_INET6 && vo_addr_port(&v6) == 5070;
}

/* The text forms: bare for SDP and received=, bracketed for Via. */
static int forms(void)
{
	char ip[VO_ADDRSTRLEN], host[VO_ADDRSTRLEN];
	union vo_addr a, any4, any6;

	if (vo_addr_parse(&a, "[2001:db8::5]:7", 0) ||
	    vo_addr_from_ip(&any4, "0.0.0.0", 9) ||
	    vo_addr_from_ip(&any6, "::", 9))
		return 0;
	vo_addr_set_port(&a, 5062);
	return !strcmp(vo_addr_ip(&a, ip, sizeof(ip)), "2001:db8::5") &&
	       !strcmp(vo_addr_host(&a, host, sizeof(host)), "[2001:db8::5]") &&
	       vo_addr_port(&a) == 5062 && vo_addr_is_any(&any4) &&
	       vo_addr_is_any(&any6) && !vo_addr_is_any(&a) &&
	       vo_addr_from_ip(&a, "[::1]", 0) && vo_addr_from_ip(&a, "x", 0);
}

int main(void)
{
	unsigned int np = sizeof(parses) / sizeof(parses[0]);
	unsigned int ns = sizeof(splits) / sizeof(splits[0]), i, t = 0;
	int fails = 0, ok;

	printf("TAP version 13\n1..%u\n", np + ns + 3);
	for (i = 0; i < np; i++) {
		ok = parse_case(i);
		fails += !ok;
		printf("%sok %u parse '%s'\n", ok ? "" : "not ", ++t, parses[i].in);
	}
	for (i = 0; i < ns; i++) {
		ok = split_case(i);
		fails += !ok;
		printf("%sok %u split '%s'\n", ok ? "" : "not ", ++t, splits[i].in);
	}
	ok = equality();
	fails += !ok;
	printf("%sok %u equal and same host, both families\n", ok ? "" : "not ", ++t);
	ok = v4_mapped();
	fails += !ok;
	printf("%sok %u v4-mapped normalised to IPv4\n", ok ? "" : "not ", ++t);
	ok = forms();
	fails += !ok;
	printf("%sok %u bare, bracketed and wildcard forms\n", ok ? "" : "not ", ++t);
	return fails ? 1 : 0;
}
