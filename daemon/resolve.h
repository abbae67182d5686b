/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where SIP requests go (RFC 3263 4.1, 4.2): a numeric host (IPv4, or
 * IPv6 bare or in brackets) is itself; a host with a port is its A and
 * AAAA records; a bare host is its NAPTR record for
 * the account's transport (SIP+D2U or SIP+D2T, flag "s"), then the SRV
 * records that names (without one, _sip._udp or _sip._tcp), by priority
 * and, within one, by weight, each target's A/AAAA records in turn; no SRV:
 * A/AAAA at 5060. Through
 * c-ares, asynchronously, driven by the event loop: a provider's DNS
 * being slow never stalls a call on another line.
 */
#ifndef VOFFLOADD_RESOLVE_H
#define VOFFLOADD_RESOLVE_H


#include "addr.h"
#include "config.h"

#define VO_TARGETS	8

/* The targets in the order to try them; @n 0 if none resolved. */
typedef void (*vo_resolved_cb)(void *arg, const union vo_addr *to,
			       int n);

int vo_resolve_init(const struct vo_config *cfg);
void vo_resolve_exit(void);
/* @cb runs from the loop, never inside this call. 0, or -1 (logged). */
int vo_resolve(const char *hostport, enum vo_transport tp, vo_resolved_cb cb,
	       void *arg);
/* Forget the lookups for @arg: their callbacks will not run. */
void vo_resolve_cancel(void *arg);

#endif
