/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Calls: one per line, the analog line's state machine and the SIP
 * dialog behind it.
 *
 *   idle --off-hook--> dialtone --digit--> dialling --map/#/timer-->
 *   calling --180/183--> alerting --2xx--> talking --on-hook--> idle
 *   idle --INVITE--> ringing --off-hook--> talking --BYE--> ended
 *   ended (busy or reorder tone) --on-hook--> idle
 *
 * Each line has two call slots, twins. The one with the handset (phone)
 * is what the line's events drive; the other holds a call waiting behind
 * it (call waiting: ringing, the phone hears the call-waiting tone), a
 * call on hold after a hook flash, or an INVITE still clearing after the
 * phone hung up. A flash swaps the two (hold.c); on-hook with a call
 * waiting or held rings the phone for it.
 *
 * call.c drives the line side; call_out.c the INVITEs we send,
 * call_in.c the requests we get, dialog.c in-dialog requests, media.c
 * the RTP socket and the kernel flow.
 */
#ifndef VOFFLOADD_CALL_H
#define VOFFLOADD_CALL_H

#include <stdbool.h>
#include <stdio.h>

#include "auth.h"
#include "config.h"
#include "loop.h"
#include "sdp.h"
#include "sip.h"

#define VO_ROUTES	8
#define VO_URI		512
#define VO_REDIRECTS	5

enum vo_call_state {
	VO_CALL_IDLE, VO_CALL_DIALTONE, VO_CALL_DIALLING, VO_CALL_CALLING,
	VO_CALL_ALERTING, VO_CALL_RINGING, VO_CALL_TALKING, VO_CALL_ENDED,
	VO_CALL_CLEARING,	/* on-hook, a CANCEL's INVITE still open */
};

struct vo_dialog {
	char call_id[128];
	char local_tag[40], remote_tag[128];
	/* From/To, no tag: a display name and <URI> */
	char local_uri[2 * VO_URI], remote_uri[2 * VO_URI];
	char target[VO_URI];			/* the peer's Contact */
	char routes[VO_ROUTES][VO_URI];		/* as Route headers go */
	unsigned int nroutes;
	unsigned int local_cseq, remote_cseq;
	union vo_addr next;			/* where its requests go */
	union vo_addr local;			/* ours towards next, port 0 */
	char local_ip[INET6_ADDRSTRLEN + 2];	/* its host: "[v6]" in Via */
};

struct vo_media {
	int fd;				/* -1: none */
	int family;			/* of fd and rtcp_fd */
	unsigned int port;
	int rtcp_fd;			/* on port + 1 */
	struct vo_timer rtcp_timer;
	uint32_t peer_ssrc, lsr;	/* from the peer's RTCP */
	uint64_t lsr_at;		/* when its last SR came, ms */
	bool peer_known;
	unsigned int rtcp_tx, rtcp_rx, rtcp_bad;
	uint64_t sr_tx_packets;		/* tx-packets at our last report */
	bool flow;
	unsigned int flow_id, ssrc;
	struct vo_sdp_media sdp;
	unsigned int version;		/* of our SDP's o= line */
};

struct vo_call {
	unsigned int line;		/* the kernel's line id */
	const struct vo_cfg_line *lcfg;
	const struct vo_cfg_account *acct;
	enum vo_call_state state;
	bool off_hook, outgoing;
	struct vo_call *twin;		/* the line's other slot */
	bool phone;			/* this slot has the handset */
	bool waiting;			/* ringing behind the twin's call */
	bool held;			/* on hold by us: no kernel flow */
	bool recall;			/* held, ringing the phone back */
	struct vo_sip_client reinvite_client;	/* hold.c's re-INVITE */
	unsigned int reinvite_cseq;
	char dialled[VO_DIAL_MAX + 1];
	struct vo_timer digit_timer, retx_timer, clear_timer, ring_timer;
	struct vo_timer cid_timer;	/* caller ID after the first ring */
	char cid_num[64], cid_name[64];	/* the caller ID to send */
	unsigned int calls, rejected;	/* counters */
	int last_status;
	char peer[VO_URI];

	/* an INVITE we sent */
	struct vo_sip_client invite_client, cancel_client, bye_client;
	char branch[24];
	char req_uri[VO_URI];
	union vo_addr invite_to;
	union vo_addr targets[8];	/* the proxy's, as resolved */
	int ntargets, cur;
	unsigned int invite_cseq, redirects;
	bool provisional, cancel, resolving;
	struct vo_auth auth;

	/* an INVITE we got */
	osip_transaction_t *ist;	/* until its final answer */
	osip_message_t *invite;		/* a copy, for that answer */
	char *ok;			/* our 2xx, sent again until ACKed */
	unsigned int ok_cseq, retx_ms, retx_total;
	bool answer_in_ack;		/* our 2xx made the offer */
	union vo_addr ok_to;

	struct vo_dialog dlg;
	struct vo_media media;
};

int vo_calls_init(const struct vo_config *cfg);
void vo_calls_stop(void);
/* no call in any state, every phone on-hook */
bool vo_calls_idle(void);
/* From line events. */
void vo_call_hook(unsigned int line, bool off_hook);
void vo_call_digit(unsigned int line, char c);
void vo_call_flow_event(unsigned int flow, int event, int digit);
void vo_call_flash(unsigned int line);
/* voffloadctl: "calls", "dial LINE NUMBER", "hangup LINE", "answer LINE". */
void vo_calls_show(FILE *out);
int vo_call_dial(unsigned int line, const char *number, char *why, size_t len);
int vo_call_hangup(unsigned int line);
/* Answer the line's ringing call as if the phone were picked up. */
int vo_call_answer_line(unsigned int line, char *why, size_t len);

/* Between the call files. */
extern const struct vo_config *vo_calls_cfg;
extern const struct vo_sip_server vo_call_server;
struct vo_call *vo_call_by_line(unsigned int line);
/* The call of that Call-ID on our UAC (@outgoing) or UAS side. */
struct vo_call *vo_call_by_id(const char *call_id, bool outgoing);
/* The call of a dialog, either side: Call-ID and both tags. */
struct vo_call *vo_call_by_dialog(const char *call_id, const char *local_tag,
				  const char *remote_tag);
const char *vo_call_state_name(enum vo_call_state s);
void vo_call_set_state(struct vo_call *c, enum vo_call_state s);
/* The call is over for SIP: media down; tone @tone if the phone is up. */
void vo_call_end(struct vo_call *c, int tone, const char *why);
void vo_call_answer(struct vo_call *c);
/* Give the handset to @c (the twin of the line's phone call). */
void vo_call_take_phone(struct vo_call *c);

/* hold.c: re-INVITE to hold (inactive, flow deleted) or resume (flow-new). */
int vo_hold(struct vo_call *c, bool hold);
void vo_hold_init(struct vo_call *c);

void vo_out_start(struct vo_call *c);
void vo_out_hangup(struct vo_call *c);
void vo_out_stray_2xx(osip_message_t *resp, const union vo_addr *from);

void vo_in_request(osip_transaction_t *tr, osip_message_t *req,
		   const union vo_addr *from);
bool vo_in_filter(osip_message_t *req, const union vo_addr *from);
void vo_in_answer(struct vo_call *c);
/*
 * @msg's SDP (a re-offer or an answer) into @c's media; -1 with the reason
 * in @why, the media as it was (a malformed SDP is counted).
 */
int vo_call_sdp_update(struct vo_call *c, osip_message_t *msg, char *why,
		       size_t len);
/* Our address for @c's media: towards its c= address, in its family. */
int vo_call_media_addr(struct vo_call *c, union vo_addr *me);
void vo_in_reject(struct vo_call *c, int status);

/* Where a request to URI @u goes: its host and port, resolved. */
int vo_dialog_hop(osip_uri_t *u, union vo_addr *to);
int vo_dialog_uac(struct vo_dialog *d, osip_message_t *resp);
int vo_dialog_uas(struct vo_dialog *d, osip_message_t *req);
int vo_dialog_send(struct vo_call *c, const char *method, unsigned int cseq,
		   const char *extra, const char *type, const char *body,
		   struct vo_sip_client *client);
/* "Contact: <sip:user@ip:port>\r\n" for @c's account. */
void vo_dialog_contact(const struct vo_call *c, char *out, size_t len);

int vo_rtcp_open(struct vo_media *m);
void vo_rtcp_start(struct vo_call *c);
void vo_rtcp_close(struct vo_media *m);

/* RTP and RTCP sockets of @family (AF_INET, AF_INET6). */
int vo_media_open(struct vo_media *m, int family);
/* The same, again, if the sockets are not of @family yet. */
int vo_media_family(struct vo_media *m, int family);
int vo_media_start(struct vo_call *c);
/* Delete the kernel flow, keep the sockets (a call put on hold). */
void vo_media_stop(struct vo_media *m);
void vo_media_close(struct vo_media *m);

#endif
