/* SPDX-License-Identifier: GPL-2.0 */
/*
 * voffloadd's configuration: an INI file, sections [global], [account NAME]
 * and [line N], "option = value" lines, '#' comments. On OpenWrt the init
 * script writes it from UCI. Every error names the file and line.
 */
#ifndef VOFFLOADD_CONFIG_H
#define VOFFLOADD_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#define VO_CFG_ACCOUNTS		8
#define VO_CFG_LINES		16
#define VO_CFG_STR		128
#define VO_CFG_CODECS		4
#define VO_DIAL_MAX		32	/* digits a phone dials into one call */

enum vo_transport { VO_TRANSPORT_UDP, VO_TRANSPORT_TCP };
/* RFC 4733 events, or the tones left in the audio (for a peer without) */
enum vo_dtmf_mode { VO_DTMF_RFC4733, VO_DTMF_INBAND };
enum vo_codec_name { VO_CODEC_PCMU, VO_CODEC_PCMA, VO_CODEC_G722 };

struct vo_cfg_account {
	char name[VO_CFG_STR];
	char user[VO_CFG_STR];
	char auth_user[VO_CFG_STR];	/* empty: user */
	char password[VO_CFG_STR];
	char domain[VO_CFG_STR];	/* the AOR's, and the registrar's */
	char registrar[VO_CFG_STR];	/* empty: domain */
	char outbound_proxy[VO_CFG_STR];
	char display_name[VO_CFG_STR];
	enum vo_transport transport;
	unsigned int expires;		/* s */
	/* 0: calls only, no REGISTER (a trunk or a peer that knows us) */
	int do_register;
	/* 1: send RTP where the peer's comes from (a peer behind NAT) */
	int symmetric_rtp;
	enum vo_codec_name codecs[VO_CFG_CODECS];
	unsigned int ncodecs;
	int dtmf;			/* enum vo_dtmf_mode */
	int line;			/* index into lines[], -1 until resolved */
};

enum vo_cfg_cid { VO_CFG_CID_OFF, VO_CFG_CID_BELL202, VO_CFG_CID_V23 };

/*
 * Country profiles: the kernel's ring cadence and hook timing (its
 * profile.c) and our call-progress tones (tone.c), by ISO 3166 code.
 */
enum vo_country { VO_COUNTRY_US, VO_COUNTRY_GB, VO_COUNTRY_DE, VO_COUNTRY_FR,
		  VO_COUNTRY_COUNT };
extern const char *const vo_countries[];

struct vo_cfg_line {
	unsigned int id;		/* the kernel's line id */
	char account[VO_CFG_STR];
	char digit_map[VO_CFG_STR];
	unsigned int interdigit_ms;
	int caller_id;			/* enum vo_cfg_cid */
	int country;			/* enum vo_country, -1: the global one */
	int call_waiting;		/* 1: a second call waits, flash takes it */
	int tx_gain, rx_gain;		/* 0.1 dB, towards network / phone */
	/* dialled on off-hook: at once, or after hotline_ms of dial tone */
	char hotline[VO_CFG_STR];
	unsigned int hotline_ms;
};

struct vo_config {
	/* global */
	int log_level;			/* syslog's LOG_ERR .. LOG_DEBUG */
	unsigned int sip_port;
	unsigned int rtp_port_min, rtp_port_max;
	unsigned int dscp;
	unsigned int keepalive_s;	/* NAT keep-alive period, 0: none */
	char control_socket[VO_CFG_STR];
	char dns_servers[VO_CFG_STR];	/* "ip[:port],..." or "": resolv.conf */
	int country;			/* enum vo_country */
	/* 1: requests only from our registrars and proxies (vo_in_filter) */
	int ghost_call_protection;

	struct vo_cfg_account accounts[VO_CFG_ACCOUNTS];
	unsigned int naccounts;
	struct vo_cfg_line lines[VO_CFG_LINES];
	unsigned int nlines;
};

/*
 * Parse @path (or, for tests, @text with @path naming it) into @cfg. On
 * failure -1, with "FILE:LINE: what is wrong" in @err.
 */
/* The country of @line: its own, else the global one. */
enum vo_country vo_config_country(const struct vo_config *cfg,
				  const struct vo_cfg_line *line);

int vo_config_load(struct vo_config *cfg, const char *path, char *err,
		   size_t errlen);
int vo_config_parse(struct vo_config *cfg, const char *path, const char *text,
		    char *err, size_t errlen);

#endif
