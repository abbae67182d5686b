// SPDX-License-Identifier: GPL-2.0
/*
 * The line side of calls: hook and digit events move each line's state
 * machine (see call.h); tones follow the state. Digits are collected
 * against the line's digit map with the inter-digit timer; '#' sends what
 * was dialled at once, as on Linksys and Grandstream ATAs.
 */
#include <stdlib.h>
#include <string.h>

#include <linux/voffload.h>

#include "call.h"
#include "cid.h"
#include "digitmap.h"
#include "kernel.h"
#include "log.h"
#include "tone.h"

#define VO_DIGIT_MAP_DEFAULT	"x.T"
#define VO_FIRST_DIGIT_MS	15000	/* dial tone, then reorder */
#define VO_INTERDIGIT_MS	4000

const struct vo_config *vo_calls_cfg;
static struct vo_call vo_calls[2 * VO_CFG_LINES];	/* twins */
static unsigned int vo_ncalls;

static const char *const vo_state_names[] = {
	"idle", "dialtone", "dialling", "calling", "alerting", "ringing",
	"talking", "ended", "clearing",
};

const char *vo_call_state_name(enum vo_call_state s)
{
	return vo_state_names[s];
}

struct vo_call *vo_call_by_line(unsigned int line)
{
	unsigned int i;

	for (i = 0; i < vo_ncalls; i++)
		if (vo_calls[i].line == line && vo_calls[i].phone)
			return &vo_calls[i];
	return NULL;
}

void vo_call_take_phone(struct vo_call *c)
{
	if (c->phone)
		return;
	vo_info("line %u: the handset goes to its other call", c->line);
	c->phone = true;
	c->twin->phone = false;
}

/*
 * The phone hung up (its call idle or clearing): a call waiting behind
 * it, or one on hold, rings the phone now, as ATAs do.
 */
static void vo_call_twin_rings(struct vo_call *c)
{
	struct vo_call *t = c->twin;

	if (!c->phone || c->off_hook)
		return;
	if (t->state == VO_CALL_RINGING && t->waiting) {
		t->waiting = false;
		vo_tone_stop(t->line);	/* the call-waiting tone */
	} else if (t->state == VO_CALL_TALKING && t->held) {
		t->recall = true;
	} else {
		return;
	}
	vo_call_take_phone(t);
	vo_kernel_ring(t->line, true);
}

struct vo_call *vo_call_by_id(const char *call_id, bool outgoing)
{
	unsigned int i;

	/* both ends of a call between two of our lines share the Call-ID */
	for (i = 0; i < vo_ncalls; i++)
		if (vo_calls[i].state != VO_CALL_IDLE &&
		    vo_calls[i].outgoing == outgoing &&
		    !strcmp(vo_calls[i].dlg.call_id, call_id))
			return &vo_calls[i];
	return NULL;
}

struct vo_call *vo_call_by_dialog(const char *call_id, const char *local_tag,
				  const char *remote_tag)
{
	unsigned int i;

	for (i = 0; i < vo_ncalls; i++) {
		const struct vo_call *c = &vo_calls[i];

		if (c->state != VO_CALL_IDLE && !strcmp(c->dlg.call_id, call_id) &&
		    !strcmp(c->dlg.local_tag, local_tag) &&
		    !strcmp(c->dlg.remote_tag, remote_tag))
			return &vo_calls[i];
	}
	return NULL;
}

void vo_call_set_state(struct vo_call *c, enum vo_call_state s)
{
	if (c->state != s)
		vo_info("line %u: %s -> %s", c->line, vo_state_names[c->state],
			vo_state_names[s]);
	c->state = s;
}

/* Back to idle (on-hook) or ended (a tone until the phone hangs up). */
/* Everything SIP and media of a call that is over. */
static void vo_call_release(struct vo_call *c)
{
	c->reinvite_cseq = 0;
	c->answer_in_ack = false;
	vo_timer_cancel(&c->retx_timer);
	vo_timer_cancel(&c->digit_timer);
	vo_timer_cancel(&c->clear_timer);
	vo_timer_cancel(&c->ring_timer);
	vo_timer_cancel(&c->cid_timer);
	free(c->ok);
	c->ok = NULL;
	if (c->invite)
		osip_message_free(c->invite);
	c->invite = NULL;
	c->ist = NULL;
	vo_media_close(&c->media);
}

/* A call without the handset ends: the phone's call goes on untouched. */
static void vo_call_end_twin(struct vo_call *c)
{
	if (c->waiting && vo_tone_playing(c->line) == VO_TONE_CALLWAIT)
		vo_tone_stop(c->line);
	c->waiting = false;
	c->held = false;
	c->recall = false;
	vo_call_set_state(c, VO_CALL_IDLE);
}

void vo_call_end(struct vo_call *c, int tone, const char *why)
{
	vo_info("line %u: call ends: %s", c->line, why);
	vo_call_release(c);
	if (!c->phone) {
		vo_call_end_twin(c);
		return;
	}
	c->held = false;
	c->recall = false;
	vo_cid_cancel(c->line);
	vo_kernel_ring(c->line, false);
	if (c->lcfg && c->lcfg->caller_id == VO_CFG_CID_V23)
		vo_kernel_polarity(c->line, false);
	if (c->off_hook) {
		vo_tone_play(c->line, tone);
		vo_call_set_state(c, VO_CALL_ENDED);
	} else {
		vo_tone_stop(c->line);
		vo_call_set_state(c, VO_CALL_IDLE);
		vo_call_twin_rings(c);
	}
}

static void vo_call_send(struct vo_call *c)
{
	vo_timer_cancel(&c->digit_timer);
	vo_tone_stop(c->line);
	vo_out_start(c);
}

static void vo_call_digit_timeout(void *arg)
{
	struct vo_call *c = arg;
	const char *map = c->lcfg && *c->lcfg->digit_map ? c->lcfg->digit_map :
			  VO_DIGIT_MAP_DEFAULT;

	if (*c->dialled && vo_digitmap_match(map, c->dialled) == VO_DM_TIMER) {
		vo_call_send(c);
		return;
	}
	/* nothing dialled, or a number the map never completes */
	vo_tone_play(c->line, VO_TONE_REORDER);
	vo_call_set_state(c, VO_CALL_ENDED);
}

static unsigned int vo_call_interdigit(const struct vo_call *c)
{
	return c->lcfg && c->lcfg->interdigit_ms ? c->lcfg->interdigit_ms :
	       VO_INTERDIGIT_MS;
}

void vo_call_digit(unsigned int line, char d)
{
	struct vo_call *c = vo_call_by_line(line);
	const char *map;
	size_t n;

	if (!c || (c->state != VO_CALL_DIALTONE && c->state != VO_CALL_DIALLING))
		return;		/* in a call, the kernel sends digits (RFC 4733) */
	if (c->state == VO_CALL_DIALTONE) {
		vo_tone_stop(c->line);
		vo_call_set_state(c, VO_CALL_DIALLING);
	}
	if (d == '#' && *c->dialled) {
		vo_call_send(c);
		return;
	}
	n = strlen(c->dialled);
	if (n + 1 < sizeof(c->dialled)) {
		c->dialled[n] = d;
		c->dialled[n + 1] = 0;
	}
	map = c->lcfg && *c->lcfg->digit_map ? c->lcfg->digit_map :
	      VO_DIGIT_MAP_DEFAULT;
	switch (vo_digitmap_match(map, c->dialled)) {
	case VO_DM_MATCH:
		vo_call_send(c);
		break;
	case VO_DM_NOMATCH:
		vo_info("line %u: '%s' matches no digit map entry", line,
			c->dialled);
		vo_timer_cancel(&c->digit_timer);
		vo_tone_play(c->line, VO_TONE_REORDER);
		vo_call_set_state(c, VO_CALL_ENDED);
		break;
	default:
		vo_timer_set(&c->digit_timer, vo_call_interdigit(c),
			     vo_call_digit_timeout, c);
	}
}

/* The hotline's number, as if the phone had dialled it. */
static void vo_call_hotline(void *arg)
{
	struct vo_call *c = arg;
	size_t n;

	if (c->state != VO_CALL_DIALTONE)
		return;
	/* config.c keeps a hotline to what dialled[] holds */
	n = strnlen(c->lcfg->hotline, sizeof(c->dialled) - 1);
	memcpy(c->dialled, c->lcfg->hotline, n);
	c->dialled[n] = 0;
	vo_info("line %u: hotline %s", c->line, c->dialled);
	vo_call_set_state(c, VO_CALL_DIALLING);
	vo_call_send(c);
}

/*
 * Off-hook on an idle line: dial tone and the first-digit timer, or with
 * a hotline its number at once (no dial tone) or, as a warm line, after
 * hotline-delay-ms of dial tone unless a digit comes first (the digit
 * re-arms digit_timer with the inter-digit timeout).
 */
static void vo_call_dialtone(struct vo_call *c, bool hotline_ok)
{
	bool hotline = hotline_ok && c->acct && c->lcfg && *c->lcfg->hotline;

	c->dialled[0] = 0;
	vo_call_set_state(c, VO_CALL_DIALTONE);
	if (hotline && !c->lcfg->hotline_ms) {
		vo_call_hotline(c);
		return;
	}
	vo_tone_play(c->line, c->acct ? VO_TONE_DIAL : VO_TONE_REORDER);
	if (hotline)
		vo_timer_set(&c->digit_timer, c->lcfg->hotline_ms,
			     vo_call_hotline, c);
	else
		vo_timer_set(&c->digit_timer, VO_FIRST_DIGIT_MS,
			     vo_call_digit_timeout, c);
}

static void vo_call_off_hook(struct vo_call *c)
{
	/* an INVITE still clearing must not keep a new call from the phone */
	if (c->state == VO_CALL_CLEARING && c->twin->state == VO_CALL_IDLE) {
		vo_call_take_phone(c->twin);
		c = c->twin;
	}
	switch (c->state) {
	case VO_CALL_IDLE:
		vo_call_dialtone(c, true);
		break;
	case VO_CALL_RINGING:
		vo_call_answer(c);
		break;
	case VO_CALL_TALKING:
		if (c->recall) {	/* picked up the call left on hold */
			c->recall = false;
			vo_kernel_ring(c->line, false);
			vo_hold(c, false);
		}
		break;
	default:
		break;
	}
}

static void vo_call_on_hook(struct vo_call *c)
{
	vo_timer_cancel(&c->digit_timer);
	vo_tone_stop(c->line);
	switch (c->state) {
	case VO_CALL_CALLING:
	case VO_CALL_ALERTING:
		vo_out_hangup(c);	/* CANCEL */
		break;
	case VO_CALL_TALKING:
		vo_dialog_send(c, "BYE", ++c->dlg.local_cseq, NULL, NULL, NULL,
			       &c->bye_client);
		vo_call_end(c, VO_TONE_NONE, "hung up");
		break;
	case VO_CALL_RINGING:	/* a glitch; the ring carries on */
		break;
	case VO_CALL_CLEARING:
		vo_call_twin_rings(c);
		break;
	default:
		vo_call_set_state(c, VO_CALL_IDLE);
		vo_call_twin_rings(c);
	}
}

void vo_call_hook(unsigned int line, bool off_hook)
{
	struct vo_call *c = vo_call_by_line(line);

	if (!c)
		return;
	/* the hook is the line's: both calls of it see it */
	c->off_hook = off_hook;
	c->twin->off_hook = off_hook;
	if (off_hook)
		vo_call_off_hook(c);
	else
		vo_call_on_hook(c);
}

/*
 * The phone's call @c steps aside for its twin: on hold if talking; one
 * that had ended (busy tone) or was being dialled is simply dropped.
 * False if it cannot (a call being set up: the flash is ignored).
 */
static bool vo_call_park(struct vo_call *c)
{
	switch (c->state) {
	case VO_CALL_TALKING:
		vo_hold(c, true);
		return true;
	case VO_CALL_ENDED:
	case VO_CALL_DIALTONE:
	case VO_CALL_DIALLING:
		vo_timer_cancel(&c->digit_timer);
		vo_tone_stop(c->line);
		vo_call_set_state(c, VO_CALL_IDLE);
		return true;
	default:
		return false;
	}
}

/*
 * Hook flash: answer the call waiting, or go back to the one on hold,
 * putting the current one on hold (the Linksys/Grandstream "flash to
 * switch" without a star code). In a call with no other, the call goes
 * on hold and the phone gets dial tone for a second one (no hotline:
 * the owner means to dial); a flash then switches between the two, and
 * hanging up rings the phone back for the one on hold.
 */
void vo_call_flash(unsigned int line)
{
	struct vo_call *c = vo_call_by_line(line), *t;

	if (!c || !c->off_hook)
		return;
	t = c->twin;
	if (t->state == VO_CALL_RINGING && t->waiting) {
		if (!vo_call_park(c))
			return;
		vo_info("line %u: flash: answering the call waiting", line);
		t->waiting = false;
		vo_tone_stop(line);
		vo_call_take_phone(t);
		vo_call_answer(t);
	} else if (t->state == VO_CALL_TALKING && t->held) {
		if (!vo_call_park(c))
			return;
		vo_info("line %u: flash: back to the call on hold", line);
		vo_call_take_phone(t);
		vo_hold(t, false);
	} else if (t->state == VO_CALL_IDLE && c->state == VO_CALL_TALKING &&
		   !c->held && c->acct) {
		vo_info("line %u: flash: call on hold, dial tone for another",
			line);
		vo_hold(c, true);
		vo_call_take_phone(t);
		vo_call_dialtone(t, false);
	} else {
		vo_dbg("line %u: flash ignored (state %s)", line,
		       vo_state_names[c->state]);
	}
}

void vo_call_answer(struct vo_call *c)
{
	vo_timer_cancel(&c->cid_timer);
	vo_cid_cancel(c->line);
	vo_kernel_ring(c->line, false);
	vo_in_answer(c);
}

void vo_call_flow_event(unsigned int flow, int event, int digit)
{
	unsigned int i;

	for (i = 0; i < vo_ncalls; i++) {
		struct vo_call *c = &vo_calls[i];

		if (!c->media.flow || c->media.flow_id != flow)
			continue;
		if (event == VOFFLOAD_FLOW_EVENT_END) {
			c->media.flow = false;	/* the kernel ended it */
			vo_warn("line %u: flow %u ended by the kernel", c->line,
				flow);
		}
	}
}

int vo_call_dial(unsigned int line, const char *number, char *why, size_t len)
{
	struct vo_call *c = vo_call_by_line(line);

	if (!c || !c->acct) {
		snprintf(why, len, "line %u has no account", line);
		return -1;
	}
	if (c->state != VO_CALL_DIALTONE && c->state != VO_CALL_DIALLING) {
		snprintf(why, len, "line %u is %s, not off-hook and dialling",
			 line, vo_state_names[c->state]);
		return -1;
	}
	snprintf(c->dialled, sizeof(c->dialled), "%s", number);
	vo_call_send(c);
	return 0;
}

int vo_call_answer_line(unsigned int line, char *why, size_t len)
{
	struct vo_call *c = vo_call_by_line(line);

	if (!c || c->state != VO_CALL_RINGING) {
		snprintf(why, len, "line %u is %s, not ringing", line,
			 c ? vo_state_names[c->state] : "not configured");
		return -1;
	}
	vo_call_answer(c);
	return 0;
}

int vo_call_hangup(unsigned int line)
{
	struct vo_call *c = vo_call_by_line(line);

	if (!c)
		return -1;
	if (c->state == VO_CALL_TALKING) {
		vo_dialog_send(c, "BYE", ++c->dlg.local_cseq, NULL, NULL, NULL,
			       &c->bye_client);
		vo_call_end(c, VO_TONE_BUSY, "hung up by voffloadctl");
	} else if (c->state == VO_CALL_CALLING || c->state == VO_CALL_ALERTING) {
		vo_out_hangup(c);
	} else if (c->state == VO_CALL_RINGING) {
		vo_in_reject(c, 486);
	}
	return 0;
}

void vo_calls_show(FILE *out)
{
	struct vo_kflow_stats st;
	unsigned int i;

	for (i = 0; i < vo_ncalls; i++) {
		const struct vo_call *c = &vo_calls[i];

		/* the handset's call, and the other one when there is one */
		if (!c->phone && c->state == VO_CALL_IDLE)
			continue;
		fprintf(out, "call line %u state %s%s %s peer %s calls %u last %d",
			c->line, vo_state_names[c->state],
			c->waiting ? " waiting" : c->recall ? " recall" :
			c->held ? " held" : "",
			c->outgoing ? "out" : "in", *c->peer ? c->peer : "-",
			c->calls, c->last_status);
		if (c->media.flow && !vo_kernel_flow_stats(c->media.flow_id, &st))
			fprintf(out, " flow %u port %u dir %s tx %llu rx %llu"
				" lost %llu late %llu jitter %u jb %u ms",
				c->media.flow_id, c->media.port,
				vo_sdp_direction(c->media.sdp.direction),
				(unsigned long long)st.tx_packets,
				(unsigned long long)st.rx_packets,
				(unsigned long long)st.lost,
				(unsigned long long)st.late, st.jitter,
				st.jb_delay_ms);
		if (c->media.flow)
			fprintf(out, " rtcp-tx %u rtcp-rx %u", c->media.rtcp_tx,
				c->media.rtcp_rx);
		fputc('\n', out);
	}
}

static void vo_bye_done(struct vo_sip_client *cl, osip_message_t *resp)
{
}

static void vo_bye_failed(struct vo_sip_client *cl)
{
}

bool vo_calls_idle(void)
{
	unsigned int i;

	for (i = 0; i < vo_ncalls; i++)
		if (vo_calls[i].state != VO_CALL_IDLE || vo_calls[i].off_hook)
			return false;
	return true;
}

int vo_calls_init(const struct vo_config *cfg)
{
	unsigned int i, k;

	vo_calls_cfg = cfg;
	for (i = 0; i < 2 * cfg->nlines; i++) {
		struct vo_call *c = &vo_calls[vo_ncalls++];

		memset(c, 0, sizeof(*c));
		c->line = cfg->lines[i / 2].id;
		c->lcfg = &cfg->lines[i / 2];
		c->phone = !(i % 2);
		c->twin = &vo_calls[i ^ 1];
		c->media.fd = -1;
		c->media.rtcp_fd = -1;
		c->bye_client.response = vo_bye_done;
		c->bye_client.failed = vo_bye_failed;
		vo_hold_init(c);
		for (k = 0; k < cfg->naccounts; k++)
			if (!strcmp(cfg->accounts[k].name, c->lcfg->account))
				c->acct = &cfg->accounts[k];
	}
	vo_sip_set_server(&vo_call_server);
	return 0;
}

void vo_calls_stop(void)
{
	unsigned int i;

	for (i = 0; i < vo_ncalls; i++) {
		struct vo_call *c = &vo_calls[i];

		if (c->state == VO_CALL_TALKING)
			vo_dialog_send(c, "BYE", ++c->dlg.local_cseq, NULL, NULL,
				       NULL, &c->bye_client);
		else if (c->state == VO_CALL_RINGING)
			vo_in_reject(c, 480);
		c->off_hook = false;
		vo_call_end(c, VO_TONE_NONE, "shutting down");
	}
	vo_tone_exit();
}
