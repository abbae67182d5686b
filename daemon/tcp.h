/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SIP over TCP (RFC 3261 18.3): a listener on the SIP port, connections
 * to proxies opened on demand and reused for every message to the same
 * address, messages framed by Content-Length. Linksys SPA9x2 ATAs use it
 * for ordered, guaranteed delivery through NATs that lose UDP.
 */
#ifndef VOFFLOADD_TCP_H
#define VOFFLOADD_TCP_H

#include <stddef.h>

#include "addr.h"

/* Each whole message read from a connection goes to @deliver. */
int vo_tcp_init(unsigned int port,
		void (*deliver)(char *msg, size_t len,
				const union vo_addr *from));
void vo_tcp_exit(void);
/* Send on the connection to @to, opened if there is none; 0 or -1. */
int vo_tcp_send(const union vo_addr *to, const char *buf, size_t len);
/* Open connections, and messages that broke their framing. */
unsigned int vo_tcp_connections(void);
unsigned long vo_tcp_bad(void);

#endif
