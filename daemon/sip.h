/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SIP over UDP (and TCP), IPv4 and IPv6, through libosip2: its parser and its transaction state
 * machines (retransmissions, timers F and K), driven by the event loop.
 * A client transaction's outcome comes back through struct vo_sip_client.
 */
#ifndef VOFFLOADD_SIP_H
#define VOFFLOADD_SIP_H

#include <netinet/in.h>	/* before osip.h, which needs its time types */
#include <stdbool.h>
#include <osip2/osip.h>

#include "addr.h"
#include "config.h"

struct vo_sip_client {
	/* an INVITE's 1xx (may be NULL); @resp is valid during the call only */
	void (*provisional)(struct vo_sip_client *c, osip_message_t *resp);
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
int vo_sip_request(const char *text, const union vo_addr *to,
		   struct vo_sip_client *c);
/*
 * What the dialog layer gets: new requests (@tr is their server
 * transaction; NULL for an ACK, which has none) and 2xx answers to an
 * INVITE that no transaction takes any more (retransmissions, to ACK
 * again). @from is where the datagram came from.
 */
struct vo_sip_server {
	/* false: drop @req unanswered (not from a proxy of ours) */
	bool (*filter)(osip_message_t *req, const union vo_addr *from);
	void (*request)(osip_transaction_t *tr, osip_message_t *req,
			const union vo_addr *from);
	void (*stray_2xx)(osip_message_t *resp, const union vo_addr *from);
};

void vo_sip_set_server(const struct vo_sip_server *s);
/*
 * Drop the INVITE transaction of @c: after a 1xx libosip2 waits for a
 * final answer for ever, and a CANCELled call's may never come.
 */
void vo_sip_abandon(struct vo_sip_client *c);
/* A datagram outside any transaction (an ACK to a 2xx, a 2xx again). */
int vo_sip_send_raw(const char *text, const union vo_addr *to);
/*
 * Answer @req in @tr: status line, its Vias, From, To (with @tag added
 * if it has none), Call-ID and CSeq; Record-Route too on 1xx/2xx to a
 * dialog-creating request; then @extra headers ("Name: value\r\n"...) and
 * @body with @type. With @copy, the text sent is returned in it (malloc,
 * for 2xx retransmissions). 0 or -1.
 */
int vo_sip_respond(osip_transaction_t *tr, osip_message_t *req, int status,
		   const char *tag, const char *extra, const char *type,
		   const char *body, char **copy);
/* host[:port] (default 5060) into an address; 0 or -1. */
int vo_sip_resolve(const char *hostport, union vo_addr *to);
/*
 * Our address towards @to (port 0) in @me, and as the Via and Contact
 * need it ("[v6]") in @host.
 */
int vo_sip_local(const union vo_addr *to, union vo_addr *me, char *host,
		 size_t len);
unsigned int vo_sip_port(void);
/* The Via's transport of @a ("UDP", "TCP"), and its Contact's parameter. */
const char *vo_sip_proto(const struct vo_cfg_account *a);
const char *vo_sip_contact_param(const struct vo_cfg_account *a);
/* A fresh token for branches, tags, Call-IDs and cnonces. */
void vo_sip_token(char *out, size_t len);
/* Counters for voffloadctl. */
struct vo_sip_stats {
	unsigned long rx, tx, malformed, unmatched, requests, refused;
};
const struct vo_sip_stats *vo_sip_stats(void);
/* A request that parsed but could not be used (answered 400 by its user). */
void vo_sip_count_malformed(void);

#endif
