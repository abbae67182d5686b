/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SDP offer/answer (RFC 3264) for one audio stream: G.711 mu/A-law, G.722
 * and RFC 4733 telephone-event, ptime, and the direction attributes that
 * hold and resume use. Parsing is libosip2's sdp_message.
 */
#ifndef VOFFLOADD_SDP_H
#define VOFFLOADD_SDP_H

#include <stddef.h>

#include "addr.h"
#include "config.h"

/* The stream both ends agreed on, from our side. */
struct vo_sdp_media {
	union vo_addr remote;	/* where to send RTP */
	unsigned int codec;		/* VOFFLOAD_CODEC_* */
	unsigned int pt, ptime;
	int event_pt;			/* telephone-event, -1: none */
	unsigned int direction;		/* ours, VOFFLOAD_DIRECTION_* */
};

/*
 * An offer of @a's codecs for our RTP at @local's address (its family
 * gives IN IP4 or IN IP6) and @port; 0, or -1 if too long.
 */
int vo_sdp_offer(char *out, size_t len, const union vo_addr *local,
		 unsigned int port, const struct vo_cfg_account *a,
		 unsigned int version, unsigned int direction);
/*
 * Read the peer's SDP (an offer or an answer) and pick the first of its
 * audio codecs that @a allows. 0, or -1 with the reason in @why (the
 * caller answers 488 to an offer); -2 if it was malformed (no SDP, or a
 * c= line without an address of its type), which the caller counts.
 */
int vo_sdp_parse(const char *body, const struct vo_cfg_account *a,
		 struct vo_sdp_media *m, char *why, size_t whylen);
/* Our answer carrying what vo_sdp_parse() chose. */
int vo_sdp_answer(char *out, size_t len, const union vo_addr *local,
		  unsigned int port, const struct vo_sdp_media *m,
		  unsigned int version);
/* The direction attribute of our side. */
const char *vo_sdp_direction(unsigned int direction);

#endif
