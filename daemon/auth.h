/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Answering a 401/407 digest challenge, for REGISTER and INVITE alike:
 * the Authorization or Proxy-Authorization header to retry with, one
 * answer per nonce (again only for stale=true), nonce counting.
 */
#ifndef VOFFLOADD_AUTH_H
#define VOFFLOADD_AUTH_H

#include <stdbool.h>

#include <osipparser2/osip_message.h>

#include "config.h"

struct vo_auth {
	/* [0] Authorization (401), [1] Proxy-Authorization (407) */
	char hdr[2][1024];		/* to send, with its CRLF, or "" */
	bool sent[2];			/* the last request carried it */
	char nonce[2][256];		/* the last nonce of each, for nc */
	unsigned int nc;
};

/*
 * Build the header that answers @m (status 401 or 407) to @method for
 * @uri with @a's credentials. -1: nothing to answer (no or bad
 * challenge, or the same party challenged the answer again).
 */
int vo_auth_answer(struct vo_auth *au, const struct vo_cfg_account *a,
		   osip_message_t *m, int status, const char *method,
		   const char *uri);
/* Forget the headers (the next request is challenged afresh). */
void vo_auth_clear(struct vo_auth *au);
/* Note what the request about to go carries. */
void vo_auth_sending(struct vo_auth *au);

#endif
