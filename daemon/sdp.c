// SPDX-License-Identifier: GPL-2.0
/*
 * What we offer: every codec of the account in its order, then
 * telephone-event 101 (0-15, the DTMF digits), ptime 20 as ATAs do.
 * What we take from an offer: its first audio stream, the first of its
 * codecs that the account allows (the offerer's preference, RFC 3264
 * 6.1), its telephone-event if any, its ptime if the kernel can packetise
 * it. A direction attribute or a 0.0.0.0 address (RFC 2543 hold) sets
 * which way audio flows.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <linux/voffload.h>
#include <osipparser2/osip_port.h>
#include <osipparser2/sdp_message.h>

#include "sdp.h"

#define VO_SDP_EVENT_PT	101

static const struct {
	const char *name;
	unsigned int pt, codec, clock;
} vo_codecs[] = {
	[VO_CODEC_PCMU] = { "PCMU", 0, VOFFLOAD_CODEC_PCMU, 8000 },
	[VO_CODEC_PCMA] = { "PCMA", 8, VOFFLOAD_CODEC_PCMA, 8000 },
	/* RFC 3551 4.5.2: G.722's RTP clock is 8000 though it samples 16000 */
	[VO_CODEC_G722] = { "G722", 9, VOFFLOAD_CODEC_G722, 8000 },
};

const char *vo_sdp_direction(unsigned int direction)
{
	static const char *const names[] = {
		[VOFFLOAD_DIRECTION_SENDRECV] = "sendrecv",
		[VOFFLOAD_DIRECTION_SENDONLY] = "sendonly",
		[VOFFLOAD_DIRECTION_RECVONLY] = "recvonly",
		[VOFFLOAD_DIRECTION_INACTIVE] = "inactive",
	};

	return direction < 4 ? names[direction] : "sendrecv";
}

/* The peer's direction seen from our side: its sendonly is our recvonly. */
static unsigned int vo_sdp_mirror(unsigned int direction)
{
	if (direction == VOFFLOAD_DIRECTION_SENDONLY)
		return VOFFLOAD_DIRECTION_RECVONLY;
	if (direction == VOFFLOAD_DIRECTION_RECVONLY)
		return VOFFLOAD_DIRECTION_SENDONLY;
	return direction;
}

static int vo_sdp_head(char *out, size_t len, const union vo_addr *local,
		       unsigned int version)
{
	const char *type = local->sa.sa_family == AF_INET6 ? "IP6" : "IP4";
	char ip[INET6_ADDRSTRLEN];

	vo_addr_ip(local, ip, sizeof(ip));	/* SDP's IPv6 has no brackets */
	/* o=: the session id stays, the version grows with each offer */
	return snprintf(out, len, "v=0\r\no=voffloadd 1 %u IN %s %s\r\n"
			"s=voffloadd\r\nc=IN %s %s\r\nt=0 0\r\n", version, type,
			ip, type, ip);
}

int vo_sdp_offer(char *out, size_t len, const union vo_addr *local,
		 unsigned int port, const struct vo_cfg_account *a,
		 unsigned int version, unsigned int direction)
{
	size_t n = vo_sdp_head(out, len, local, version);
	/* dtmf = inband: the digits stay in the audio, no events offered */
	bool events = a->dtmf == VO_DTMF_RFC4733;
	unsigned int i;

	n += snprintf(out + n, n < len ? len - n : 0, "m=audio %u RTP/AVP", port);
	for (i = 0; i < a->ncodecs; i++)
		n += snprintf(out + n, n < len ? len - n : 0, " %u",
			      vo_codecs[a->codecs[i]].pt);
	if (events)
		n += snprintf(out + n, n < len ? len - n : 0, " %d", VO_SDP_EVENT_PT);
	n += snprintf(out + n, n < len ? len - n : 0, "\r\n");
	for (i = 0; i < a->ncodecs; i++)
		n += snprintf(out + n, n < len ? len - n : 0,
			      "a=rtpmap:%u %s/%u\r\n", vo_codecs[a->codecs[i]].pt,
			      vo_codecs[a->codecs[i]].name,
			      vo_codecs[a->codecs[i]].clock);
	if (events)
		n += snprintf(out + n, n < len ? len - n : 0,
			      "a=rtpmap:%d telephone-event/8000\r\n"
			      "a=fmtp:%d 0-15\r\n", VO_SDP_EVENT_PT,
			      VO_SDP_EVENT_PT);
	n += snprintf(out + n, n < len ? len - n : 0, "a=ptime:20\r\na=%s\r\n",
		      vo_sdp_direction(direction));
	return n < len ? 0 : -1;
}

int vo_sdp_answer(char *out, size_t len, const union vo_addr *local,
		  unsigned int port, const struct vo_sdp_media *m,
		  unsigned int version)
{
	size_t n = vo_sdp_head(out, len, local, version);
	unsigned int i;

	for (i = 0; i < 3 && vo_codecs[i].codec != m->codec; i++)
		;
	if (i == 3)
		return -1;
	n += snprintf(out + n, n < len ? len - n : 0,
		      "m=audio %u RTP/AVP %u", port, m->pt);
	if (m->event_pt >= 0)
		n += snprintf(out + n, n < len ? len - n : 0, " %d", m->event_pt);
	n += snprintf(out + n, n < len ? len - n : 0, "\r\na=rtpmap:%u %s/%u\r\n",
		      m->pt, vo_codecs[i].name, vo_codecs[i].clock);
	if (m->event_pt >= 0)
		n += snprintf(out + n, n < len ? len - n : 0,
			      "a=rtpmap:%d telephone-event/8000\r\n"
			      "a=fmtp:%d 0-15\r\n", m->event_pt, m->event_pt);
	n += snprintf(out + n, n < len ? len - n : 0, "a=ptime:%u\r\na=%s\r\n",
		      m->ptime, vo_sdp_direction(m->direction));
	return n < len ? 0 : -1;
}

/* The rtpmap of payload type @pt in media @pos: "NAME/CLOCK[/CH]". */
static const char *vo_sdp_rtpmap(sdp_message_t *sdp, int pos, unsigned int pt)
{
	sdp_attribute_t *at;
	int i;

	for (i = 0; (at = sdp_message_attribute_get(sdp, pos, i)); i++) {
		char *end;

		if (!at->a_att_field || strcmp(at->a_att_field, "rtpmap") ||
		    !at->a_att_value)
			continue;
		if (strtoul(at->a_att_value, &end, 10) == pt && *end == ' ')
			return end + 1;
	}
	return NULL;
}

/* Does "NAME/CLOCK..." name @name at @clock (case-insensitively)? */
static int vo_sdp_is(const char *map, const char *name, unsigned int clock)
{
	size_t n = strlen(name);

	return map && !strncasecmp(map, name, n) && map[n] == '/' &&
	       strtoul(map + n + 1, NULL, 10) == clock;
}

/* The account's codec for payload type @pt, or -1. */
static int vo_sdp_codec(sdp_message_t *sdp, int pos, unsigned int pt,
			const struct vo_cfg_account *a)
{
	const char *map = vo_sdp_rtpmap(sdp, pos, pt);
	unsigned int i, c;

	for (i = 0; i < a->ncodecs; i++) {
		c = a->codecs[i];
		/* a static type may come without rtpmap; a map wins over it */
		if (map ? vo_sdp_is(map, vo_codecs[c].name, vo_codecs[c].clock) :
			  pt == vo_codecs[c].pt)
			return c;
	}
	return -1;
}

static void vo_sdp_attrs(sdp_message_t *sdp, int pos, struct vo_sdp_media *m)
{
	const int level[] = { -1, pos };	/* session, then media: it wins */
	sdp_attribute_t *at;
	int i, k;

	for (k = 0; k < 2; k++) {
		for (i = 0; (at = sdp_message_attribute_get(sdp, level[k], i)); i++) {
			const char *f = at->a_att_field;
			unsigned int d;

			if (!f)
				continue;
			if (!strcmp(f, "ptime") && at->a_att_value) {
				d = strtoul(at->a_att_value, NULL, 10);
				if (d == 10 || d == 20 || d == 30 || d == 40)
					m->ptime = d;
			}
			for (d = 0; d < 4; d++)
				if (!strcmp(f, vo_sdp_direction(d)))
					m->direction = vo_sdp_mirror(d);
		}
	}
}

static int vo_sdp_pick(sdp_message_t *sdp, int pos,
		       const struct vo_cfg_account *a, struct vo_sdp_media *m)
{
	char *p;
	int i, c, best = -1;

	m->event_pt = -1;
	for (i = 0; (p = sdp_message_m_payload_get(sdp, pos, i)); i++) {
		unsigned int pt = strtoul(p, NULL, 10);

		if (pt > 127)
			continue;
		if (vo_sdp_is(vo_sdp_rtpmap(sdp, pos, pt), "telephone-event", 8000)) {
			if (m->event_pt < 0 && a->dtmf == VO_DTMF_RFC4733)
				m->event_pt = pt;
			continue;
		}
		c = vo_sdp_codec(sdp, pos, pt, a);
		if (c >= 0 && best < 0) {
			best = c;
			m->pt = pt;
		}
	}
	if (best < 0)
		return -1;
	m->codec = vo_codecs[best].codec;
	return 0;
}

/*
 * The media's c= line, else the session's: "IN IP4 a.b.c.d" or "IN IP6
 * v6addr" (RFC 4566 5.7), the address of the type it says and nothing
 * else (no brackets, no /ttl, no hostname). ::ffff:a.b.c.d is IPv4.
 */
static int vo_sdp_connection(sdp_message_t *sdp, int pos, unsigned int port,
			     union vo_addr *to)
{
	const char *nt, *type, *addr;
	int level = sdp_message_c_addr_get(sdp, pos, 0) ? pos : -1;

	nt = sdp_message_c_nettype_get(sdp, level, 0);
	type = sdp_message_c_addrtype_get(sdp, level, 0);
	addr = sdp_message_c_addr_get(sdp, level, 0);
	if (!nt || !type || !addr || strcmp(nt, "IN") ||
	    (strcmp(type, "IP4") && strcmp(type, "IP6")) ||
	    vo_addr_from_ip(to, addr, port) ||
	    (to->sa.sa_family == AF_INET6) != !strcmp(type, "IP6"))
		return -1;
	vo_addr_normalise(to);
	return 0;
}

static int vo_sdp_fail(char *why, size_t len, const char *what)
{
	snprintf(why, len, "%s", what);
	return -1;
}

int vo_sdp_parse(const char *body, const struct vo_cfg_account *a,
		 struct vo_sdp_media *m, char *why, size_t whylen)
{
	sdp_message_t *sdp = NULL;
	const char *media, *proto, *port;
	int pos, ret = -1;

	memset(m, 0, sizeof(*m));
	m->ptime = 20;
	m->direction = VOFFLOAD_DIRECTION_SENDRECV;
	if (!body || sdp_message_init(&sdp) || sdp_message_parse(sdp, body)) {
		sdp_message_free(sdp);
		vo_sdp_fail(why, whylen, "no SDP, or SDP that does not parse");
		return -2;
	}
	for (pos = 0; (media = sdp_message_m_media_get(sdp, pos)); pos++) {
		proto = sdp_message_m_proto_get(sdp, pos);
		port = sdp_message_m_port_get(sdp, pos);
		if (!strcmp(media, "audio") && proto && !strcmp(proto, "RTP/AVP") &&
		    port && atoi(port) > 0 && atoi(port) < 65536)
			break;
	}
	if (!media) {
		vo_sdp_fail(why, whylen, "no RTP/AVP audio stream");
		goto out;
	}
	if (vo_sdp_connection(sdp, pos, atoi(port), &m->remote)) {
		vo_sdp_fail(why, whylen, "no usable IN IP4/IP6 connection address");
		ret = -2;
		goto out;
	}
	if (vo_sdp_pick(sdp, pos, a, m)) {
		vo_sdp_fail(why, whylen, "no codec in common");
		goto out;
	}
	vo_sdp_attrs(sdp, pos, m);
	if (vo_addr_is_any(&m->remote))	/* RFC 2543 hold (0.0.0.0, ::) */
		m->direction = m->direction == VOFFLOAD_DIRECTION_SENDRECV ?
			       VOFFLOAD_DIRECTION_RECVONLY : m->direction;
	ret = 0;
out:
	sdp_message_free(sdp);
	return ret;
}
