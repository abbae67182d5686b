/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SIP over UDP through libosip2: its parser and its transaction state
 * machines (retransmissions, timers F and K), driven by the event loop.
 * A client transaction's outcome comes back through struct vo_sip_client.
 */
#ifndef VOFFLOADD_SIP_H
#define VOFFLOADD_SIP_H

#include <netinet/in.h>
#include <osip2/osip.h>

#include "config.h"

struct vo_sip_client {
	/* a final response; @resp is valid during the call only */
	void (*response)(struct vo_sip_client *c, osip_message_t *resp);
	/* no final response (timer F) or the transport failed */
	void (*failed)(struct vo_sip_client *c);
};

int vo_sip_init(const struct vo_config *cfg);
void vo_sip_exit(void);
/*
 * Send the request in @text (whole, with Content-Length) to @to through
 * a new client transaction; 0 or -1 (logged).
 */
int vo_sip_request(const char *text, const struct sockaddr_in *to,
		   struct vo_sip_client *c);
/* Our address towards @to, as the Via and Contact need it. */
int vo_sip_local(const struct sockaddr_in *to, char *ip, size_t len);
unsigned int vo_sip_port(void);
/* A fresh token for branches, tags, Call-IDs and cnonces. */
void vo_sip_token(char *out, size_t len);
/* Counters for voffloadctl. */
struct vo_sip_stats {
	unsigned long rx, tx, malformed, unmatched;
};
const struct vo_sip_stats *vo_sip_stats(void);

#endif
