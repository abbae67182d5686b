// SPDX-License-Identifier: GPL-2.0
/*
 * SDP offer/answer (daemon/sdp.c) in a table: offers from real peers'
 * shapes and broken ones, the codec, payload types, ptime, direction and
 * address chosen, or the reason for refusing. Then our own offer and
 * answer parsed back. KTAP out.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include <linux/voffload.h>

#include "sdp.h"

#define HEAD "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"

static const struct {
	const char *name, *sdp;
	int ok;
	unsigned int codec, pt, ptime, dir;
	int event_pt;
	const char *addr;
	unsigned int port;
} cases[] = {
	{ "PCMU and telephone-event", HEAD "m=audio 4000 RTP/AVP 0 101\r\n"
	  "a=rtpmap:101 telephone-event/8000\r\n", 1, VOFFLOAD_CODEC_PCMU, 0,
	  20, VOFFLOAD_DIRECTION_SENDRECV, 101, "192.0.2.1", 4000 },
	{ "offerer's order wins: PCMA first", HEAD "m=audio 4002 RTP/AVP 8 0\r\n",
	  1, VOFFLOAD_CODEC_PCMA, 8, 20, VOFFLOAD_DIRECTION_SENDRECV, -1,
	  "192.0.2.1", 4002 },
	{ "G722 by rtpmap on a dynamic type", HEAD "m=audio 4004 RTP/AVP 96\r\n"
	  "a=rtpmap:96 G722/8000\r\n", 1, VOFFLOAD_CODEC_G722, 96, 20,
	  VOFFLOAD_DIRECTION_SENDRECV, -1, "192.0.2.1", 4004 },
	{ "unknown codecs skipped", HEAD "m=audio 4006 RTP/AVP 18 3 0\r\n", 1,
	  VOFFLOAD_CODEC_PCMU, 0, 20, VOFFLOAD_DIRECTION_SENDRECV, -1,
	  "192.0.2.1", 4006 },
	{ "media-level c= and ptime 30", "v=0\r\no=- 1 1 IN IP4 x\r\ns=-\r\nt=0 0\r\n"
	  "m=audio 4008 RTP/AVP 0\r\nc=IN IP4 198.51.100.7\r\na=ptime:30\r\n",
	  1, VOFFLOAD_CODEC_PCMU, 0, 30, VOFFLOAD_DIRECTION_SENDRECV, -1,
	  "198.51.100.7", 4008 },
	{ "ptime 25 is not ours: 20", HEAD "m=audio 4010 RTP/AVP 0\r\na=ptime:25\r\n",
	  1, VOFFLOAD_CODEC_PCMU, 0, 20, VOFFLOAD_DIRECTION_SENDRECV, -1,
	  "192.0.2.1", 4010 },
	{ "hold: their sendonly is our recvonly", HEAD "m=audio 4012 RTP/AVP 0\r\n"
	  "a=sendonly\r\n", 1, VOFFLOAD_CODEC_PCMU, 0, 20,
	  VOFFLOAD_DIRECTION_RECVONLY, -1, "192.0.2.1", 4012 },
	{ "inactive", HEAD "m=audio 4014 RTP/AVP 0\r\na=inactive\r\n", 1,
	  VOFFLOAD_CODEC_PCMU, 0, 20, VOFFLOAD_DIRECTION_INACTIVE, -1,
	  "192.0.2.1", 4014 },
	{ "RFC 2543 hold: 0.0.0.0", "v=0\r\no=- 1 1 IN IP4 x\r\ns=-\r\n"
	  "c=IN IP4 0.0.0.0\r\nt=0 0\r\nm=audio 4016 RTP/AVP 0\r\n", 1,
	  VOFFLOAD_CODEC_PCMU, 0, 20, VOFFLOAD_DIRECTION_RECVONLY, -1,
	  "0.0.0.0", 4016 },
	{ "video first, audio second", HEAD "m=video 5000 RTP/AVP 96\r\n"
	  "m=audio 4018 RTP/AVP 0\r\n", 1, VOFFLOAD_CODEC_PCMU, 0, 20,
	  VOFFLOAD_DIRECTION_SENDRECV, -1, "192.0.2.1", 4018 },
	{ "no codec in common", HEAD "m=audio 4020 RTP/AVP 18 97\r\n"
	  "a=rtpmap:97 opus/48000/2\r\n", 0, 0, 0, 0, 0, 0, NULL, 0 },
	{ "SRTP only (RTP/SAVP)", HEAD "m=audio 4022 RTP/SAVP 0\r\n", 0, 0, 0, 0, 0, 0, NULL, 0 },
	{ "port 0: stream refused", HEAD "m=audio 0 RTP/AVP 0\r\n", 0, 0, 0, 0, 0, 0, NULL, 0 },
	{ "no connection address", "v=0\r\no=- 1 1 IN IP4 x\r\ns=-\r\nt=0 0\r\n"
	  "m=audio 4024 RTP/AVP 0\r\n", 0, 0, 0, 0, 0, 0, NULL, 0 },
	{ "IPv6 address (not yet)", "v=0\r\no=- 1 1 IN IP6 ::1\r\ns=-\r\n"
	  "c=IN IP6 2001:db8::1\r\nt=0 0\r\nm=audio 4026 RTP/AVP 0\r\n", 0, 0, 0, 0, 0, 0, NULL, 0 },
	{ "not SDP at all", "hello\r\n", 0, 0, 0, 0, 0, 0, NULL, 0 },
	{ "empty", "", 0, 0, 0, 0, 0, 0, NULL, 0 },
	{ "truncated m= line", HEAD "m=audio\r\n", 0, 0, 0, 0, 0, 0, NULL, 0 },
	{ "PCMU's static type remapped to opus", HEAD "m=audio 4028 RTP/AVP 0\r\n"
	  "a=rtpmap:0 opus/48000/2\r\n", 0, 0, 0, 0, 0, 0, NULL, 0 },
};

static struct vo_cfg_account acct = {
	.codecs = { VO_CODEC_PCMU, VO_CODEC_PCMA, VO_CODEC_G722 }, .ncodecs = 3,
};

static int check(unsigned int i)
{
	struct vo_sdp_media m;
	char why[80], addr[16];
	int ok = !vo_sdp_parse(cases[i].sdp, &acct, &m, why, sizeof(why));

	if (!ok || !cases[i].ok) {
		if (!ok)
			printf("# %s: %s\n", cases[i].name, why);
		return ok == cases[i].ok;
	}
	inet_ntop(AF_INET, &m.remote.sin_addr, addr, sizeof(addr));
	printf("# %s: codec %u pt %u ptime %u dir %u event %d %s:%u\n",
	       cases[i].name, m.codec, m.pt, m.ptime, m.direction, m.event_pt,
	       addr, ntohs(m.remote.sin_port));
	return m.codec == cases[i].codec && m.pt == cases[i].pt &&
	       m.ptime == cases[i].ptime && m.direction == cases[i].dir &&
	       m.event_pt == cases[i].event_pt && !strcmp(addr, cases[i].addr) &&
	       ntohs(m.remote.sin_port) == cases[i].port;
}

/* Our offer, read as the far end would, and our answer to it. */
static int round_trip(void)
{
	char offer[1024], answer[1024], why[80];
	struct vo_sdp_media m, back;

	if (vo_sdp_offer(offer, sizeof(offer), "192.0.2.9", 10000, &acct, 3,
			 VOFFLOAD_DIRECTION_SENDRECV) ||
	    vo_sdp_parse(offer, &acct, &m, why, sizeof(why)) ||
	    m.codec != VOFFLOAD_CODEC_PCMU || m.event_pt != 101 ||
	    ntohs(m.remote.sin_port) != 10000)
		return 0;
	m.direction = VOFFLOAD_DIRECTION_SENDONLY;
	if (vo_sdp_answer(answer, sizeof(answer), "192.0.2.10", 10002, &m, 4) ||
	    vo_sdp_parse(answer, &acct, &back, why, sizeof(why)))
		return 0;
	/* our sendonly is their recvonly */
	return back.direction == VOFFLOAD_DIRECTION_RECVONLY &&
	       back.pt == 0 && back.event_pt == 101 &&
	       ntohs(back.remote.sin_port) == 10002 &&
	       strstr(answer, "o=voffloadd 1 4 IN IP4 192.0.2.10");
}

int main(void)
{
	unsigned int i, n = sizeof(cases) / sizeof(cases[0]);
	int fails = 0, ok;

	printf("TAP version 13\n1..%u\n", n + 1);
	for (i = 0; i < n; i++) {
		ok = check(i);
		fails += !ok;
		printf("%sok %u %s\n", ok ? "" : "not ", i + 1, cases[i].name);
	}
	ok = round_trip();
	fails += !ok;
	printf("%sok %u our offer and answer parse back as sent\n",
	       ok ? "" : "not ", n + 1);
	return fails ? 1 : 0;
}
