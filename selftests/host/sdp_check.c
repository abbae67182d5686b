// SPDX-License-Identifier: GPL-2.0
/*
 * SDP offer/answer (daemon/sdp.c) in a table: offers from real peers'
 * shapes and broken ones, the codec, payload types, ptime, direction and
 * address chosen, or the reason for refusing. Then our own offer and
 * answer parsed back. KTAP out.
 */
#include <stdio.h>
#include <string.h>

#include <linux/voffload.h>

#include "sdp.h"

#define HEAD "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"

static const struct {
	const char *name, *sdp;
	int ok;			/* 1: taken; 0: refused; -2: malformed */
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
	  "m=audio 4024 RTP/AVP 0\r\n", -2, 0, 0, 0, 0, 0, NULL, 0 },
	{ "IPv6 session c=", "v=0\r\no=- 1 1 IN IP6 ::1\r\ns=-\r\n"
	  "c=IN IP6 2001:db8::1\r\nt=0 0\r\nm=audio 4026 RTP/AVP 0\r\n", 1,
	  VOFFLOAD_CODEC_PCMU, 0, 20, VOFFLOAD_DIRECTION_SENDRECV, -1,
	  "[2001:db8::1]", 4026 },
	{ "IPv6 media-level c= wins over IPv4 session c=", HEAD
	  "m=audio 4030 RTP/AVP 8\r\nc=IN IP6 2001:db8:0:0::7\r\n", 1,
	  VOFFLOAD_CODEC_PCMA, 8, 20, VOFFLOAD_DIRECTION_SENDRECV, -1,
	  "[2001:db8::7]", 4030 },
	{ "RFC 2543-style hold over IPv6: ::", "v=0\r\no=- 1 1 IN IP6 ::1\r\n"
	  "s=-\r\nc=IN IP6 ::\r\nt=0 0\r\nm=audio 4032 RTP/AVP 0\r\n", 1,
	  VOFFLOAD_CODEC_PCMU, 0, 20, VOFFLOAD_DIRECTION_RECVONLY, -1, "[::]",
	  4032 },
	{ "v4-mapped IP6 address is IPv4", "v=0\r\no=- 1 1 IN IP6 ::1\r\ns=-\r\n"
	  "c=IN IP6 ::ffff:192.0.2.5\r\nt=0 0\r\nm=audio 4034 RTP/AVP 0\r\n", 1,
	  VOFFLOAD_CODEC_PCMU, 0, 20, VOFFLOAD_DIRECTION_SENDRECV, -1,
	  "192.0.2.5", 4034 },
	{ "IP6 address in brackets", "v=0\r\no=- 1 1 IN IP6 ::1\r\ns=-\r\n"
	  "c=IN IP6 [2001:db8::1]\r\nt=0 0\r\nm=audio 4036 RTP/AVP 0\r\n", -2,
	  0, 0, 0, 0, 0, NULL, 0 },
	{ "IP6 address that is no address", "v=0\r\no=- 1 1 IN IP6 ::1\r\n"
	  "s=-\r\nc=IN IP6 2001:db8::g\r\nt=0 0\r\nm=audio 4038 RTP/AVP 0\r\n",
	  -2, 0, 0, 0, 0, 0, NULL, 0 },
	{ "IP6 said, IPv4 address given", "v=0\r\no=- 1 1 IN IP6 ::1\r\ns=-\r\n"
	  "c=IN IP6 192.0.2.1\r\nt=0 0\r\nm=audio 4040 RTP/AVP 0\r\n", -2, 0, 0,
	  0, 0, 0, NULL, 0 },
	{ "IP4 said, IPv6 address given", "v=0\r\no=- 1 1 IN IP4 x\r\ns=-\r\n"
	  "c=IN IP4 2001:db8::1\r\nt=0 0\r\nm=audio 4042 RTP/AVP 0\r\n", -2, 0,
	  0, 0, 0, 0, NULL, 0 },
	{ "unknown address type IP5", "v=0\r\no=- 1 1 IN IP4 x\r\ns=-\r\n"
	  "c=IN IP5 2001:db8::1\r\nt=0 0\r\nm=audio 4044 RTP/AVP 0\r\n", -2, 0,
	  0, 0, 0, 0, NULL, 0 },
	{ "not SDP at all", "hello\r\n", -2, 0, 0, 0, 0, 0, NULL, 0 },
	{ "empty", "", -2, 0, 0, 0, 0, 0, NULL, 0 },
	{ "truncated m= line", HEAD "m=audio\r\n", -2, 0, 0, 0, 0, 0, NULL, 0 },
	{ "PCMU's static type remapped to opus", HEAD "m=audio 4028 RTP/AVP 0\r\n"
	  "a=rtpmap:0 opus/48000/2\r\n", 0, 0, 0, 0, 0, 0, NULL, 0 },
};

static struct vo_cfg_account acct = {
	.codecs = { VO_CODEC_PCMU, VO_CODEC_PCMA, VO_CODEC_G722 }, .ncodecs = 3,
};

static int check(unsigned int i)
{
	struct vo_sdp_media m;
	char why[80], addr[VO_ADDRSTRLEN], host[VO_ADDRSTRLEN];
	int r = vo_sdp_parse(cases[i].sdp, &acct, &m, why, sizeof(why));

	if (r || cases[i].ok != 1) {
		if (r)
			printf("# %s: %s (%d)\n", cases[i].name, why, r);
		return cases[i].ok == 1 ? 0 : r == (cases[i].ok ? -2 : -1);
	}
	printf("# %s: codec %u pt %u ptime %u dir %u event %d %s\n",
	       cases[i].name, m.codec, m.pt, m.ptime, m.direction, m.event_pt,
	       vo_addr_str(&m.remote, addr, sizeof(addr)));
	vo_addr_host(&m.remote, host, sizeof(host));
	return m.codec == cases[i].codec && m.pt == cases[i].pt &&
	       m.ptime == cases[i].ptime && m.direction == cases[i].dir &&
	       m.event_pt == cases[i].event_pt && !strcmp(host, cases[i].addr) &&
	       vo_addr_port(&m.remote) == cases[i].port;
}

/*
 * Our offer from @us, read as the far end would, and our answer from
 * @them to it: the o= and c= lines say @type (IP4 or IP6).
 */
static int round_trip(const char *us, const char *them, const char *type)
{
	char offer[1024], answer[1024], why[80], want[96];
	struct vo_sdp_media m, back;
	union vo_addr a, b;

	if (vo_addr_from_ip(&a, us, 0) || vo_addr_from_ip(&b, them, 0) ||
	    vo_sdp_offer(offer, sizeof(offer), &a, 10000, &acct, 3,
			 VOFFLOAD_DIRECTION_SENDRECV) ||
	    vo_sdp_parse(offer, &acct, &m, why, sizeof(why)) ||
	    m.codec != VOFFLOAD_CODEC_PCMU || m.event_pt != 101 ||
	    vo_addr_port(&m.remote) != 10000 || !vo_addr_same_host(&m.remote, &a))
		return 0;
	m.direction = VOFFLOAD_DIRECTION_SENDONLY;
	if (vo_sdp_answer(answer, sizeof(answer), &b, 10002, &m, 4) ||
	    vo_sdp_parse(answer, &acct, &back, why, sizeof(why)))
		return 0;
	snprintf(want, sizeof(want), "o=voffloadd 1 4 IN %s %s\r\n", type, them);
	/* our sendonly is their recvonly */
	return back.direction == VOFFLOAD_DIRECTION_RECVONLY &&
	       back.pt == 0 && back.event_pt == 101 &&
	       vo_addr_port(&back.remote) == 10002 &&
	       vo_addr_same_host(&back.remote, &b) && strstr(answer, want) &&
	       strstr(offer, type);
}

/*
 * dtmf = inband: our offer names no telephone-event, and a far end's
 * offer of it is answered without it (the digits stay in the audio).
 */
static int inband_dtmf(void)
{
	struct vo_cfg_account inband = acct;
	char offer[1024], answer[1024], why[80];
	struct vo_sdp_media m;
	union vo_addr a;

	inband.dtmf = VO_DTMF_INBAND;
	if (vo_addr_from_ip(&a, "192.0.2.9", 0) ||
	    vo_sdp_offer(offer, sizeof(offer), &a, 10000, &inband, 1,
			 VOFFLOAD_DIRECTION_SENDRECV) ||
	    strstr(offer, "telephone-event") || !strstr(offer, "RTP/AVP 0 8 9\r\n") ||
	    vo_sdp_parse(HEAD "m=audio 4000 RTP/AVP 0 101\r\n"
			 "a=rtpmap:101 telephone-event/8000\r\n", &inband, &m,
			 why, sizeof(why)) ||
	    m.event_pt != -1 ||
	    vo_sdp_answer(answer, sizeof(answer), &a, 10000, &m, 1))
		return 0;
	return !strstr(answer, "telephone-event") &&
	       !!strstr(answer, "RTP/AVP 0\r\n");
}

int main(void)
{
	unsigned int i, n = sizeof(cases) / sizeof(cases[0]);
	int fails = 0, ok;

	printf("TAP version 13\n1..%u\n", n + 3);
	for (i = 0; i < n; i++) {
		ok = check(i);
		fails += !ok;
		printf("%sok %u %s\n", ok ? "" : "not ", i + 1, cases[i].name);
	}
	ok = round_trip("192.0.2.9", "192.0.2.10", "IP4");
	fails += !ok;
	printf("%sok %u our offer and answer parse back as sent\n",
	       ok ? "" : "not ", n + 1);
	ok = round_trip("2001:db8::9", "2001:db8::a", "IP6");
	fails += !ok;
	printf("%sok %u our IPv6 offer and answer say IN IP6, parse back\n",
	       ok ? "" : "not ", n + 2);
	ok = inband_dtmf();
	fails += !ok;
	printf("%sok %u dtmf = inband: no telephone-event offered or answered\n",
	       ok ? "" : "not ", n + 3);
	return fails ? 1 : 0;
}
