// SPDX-License-Identifier: GPL-2.0
/*
 * Caller ID (see cid.h). The whole transmission is rendered at once, under
 * a second of audio, then written to the line's device as it takes it, from
 * a 10 ms loop timer as tones are (tone.c). Unlike a tone, a gap is not
 * harmless here: it breaks the FSK message. So the device gets a deep
 * buffer, 200 ms, that a late loop does not run dry; its latency does not
 * matter, the phone waits for the message.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <spandsp.h>

#include "cid.h"
#include "linepcm.h"
#include "log.h"
#include "loop.h"

#define VO_CID_LINES		16
#define VO_CID_PERIODS		20	/* the buffer: 200 ms */
#define VO_CID_TOPUP_MS		10
#define VO_CID_FIELD_MAX	15	/* GR-30's longest number and name */
/*
 * Silence before the channel seizure: the phone's receiver wakes on the
 * feed's change to on-hook transmission and must be listening before the
 * first bit. After the message, three ticks of silence: the device is
 * closed once only they are queued, so the message has been played
 * whole and the device has not run dry (an xrun the line would count).
 */
#define VO_CID_LEAD_MS		100
#define VO_CID_TAIL_MS		30
/* Room for the longest message: 485 bits of preamble and 47 octets. */
#define VO_CID_MAX_MS		1200
/*
 * spandsp 0.0.6's FSK transmitters send at -14 dBm0 and their level is
 * not settable through the ADSI interface: 1 dB more, in Q12, makes the
 * -13 dBm0 our tones use too.
 */
#define VO_CID_GAIN_Q12		4596

struct vo_cid_line {
	struct vo_linepcm dev;		/* closed: not sending */
	int16_t *audio;			/* the whole transmission */
	unsigned int len, pos;		/* frames in it, frames written */
	void (*done)(void *arg, bool ok);
	void *arg;
	struct vo_timer timer;
	unsigned int id;
};

static struct vo_cid_line vo_cid_lines[VO_CID_LINES];

static void vo_cid_close(struct vo_cid_line *l)
{
	vo_timer_cancel(&l->timer);
	vo_linepcm_close(&l->dev);
	free(l->audio);
	l->audio = NULL;
	l->len = 0;
	l->pos = 0;
	l->done = NULL;
}

/* Close, then tell the caller, who may send again from @done. */
static void vo_cid_finish(struct vo_cid_line *l, bool ok)
{
	void (*done)(void *arg, bool ok) = l->done;
	void *arg = l->arg;

	vo_cid_close(l);
	if (done)
		done(arg, ok);
}

/*
 * @s as the phone can show it, at most VO_CID_FIELD_MAX octets: printable
 * ASCII, anything else (a UTF-8 character, a control) as one '?'.
 */
static int vo_cid_text(const char *s, uint8_t *out)
{
	int n = 0;

	for (; *s && n < VO_CID_FIELD_MAX; s++) {
		unsigned char c = *s;

		if ((c & 0xc0) == 0x80)		/* UTF-8 continuation */
			continue;
		out[n++] = c >= 0x20 && c < 0x7f ? c : '?';
	}
	return n;
}

/*
 * One field of @type with @s, or of @absent_type with "O" (NULL: not
 * available) or "P" (empty: withheld). The same codes in GR-30 and
 * EN 300 659-3. Fields stay below 16 octets: spandsp doubles a length
 * of 0x10, as if it were a DLE to stuff, in these standards too.
 */
static int vo_cid_field(adsi_tx_state_t *tx, uint8_t *msg, int len,
			uint8_t type, uint8_t absent_type, const char *s)
{
	uint8_t body[VO_CID_FIELD_MAX];
	int n;

	if (!s || !*s)
		return adsi_add_field(tx, msg, len, absent_type,
				      (const uint8_t *)(s ? "P" : "O"), 1);
	n = vo_cid_text(s, body);
	return adsi_add_field(tx, msg, len, type, body, n);
}

/* The MDMF call setup message: date and time, number, name. */
static int vo_cid_message(adsi_tx_state_t *tx, uint8_t *msg,
			  const char *number, const char *name)
{
	char when[16];
	struct tm tm;
	time_t now = time(NULL);
	int len;

	/* MMDDHHMM, local time, as the phone's display clock wants it */
	localtime_r(&now, &tm);
	strftime(when, sizeof(when), "%m%d%H%M", &tm);
	len = adsi_add_field(tx, msg, -1, CLASS_MDMF_CALLERID, NULL, 0);
	len = adsi_add_field(tx, msg, len, MCLASS_DATETIME,
			     (const uint8_t *)when, 8);
	len = vo_cid_field(tx, msg, len, MCLASS_CALLER_NUMBER,
			   MCLASS_ABSENCE1, number);
	return vo_cid_field(tx, msg, len, MCLASS_CALLER_NAME,
			    MCLASS_ABSENCE2, name);
}

/*
 * Append @n 8 kHz samples at the line's rate, with the gain. spandsp's
 * modems work at 8 kHz only and ADSI takes no other FSK spec; for a
 * 16 kHz line every sample is preceded by the mean of it and the one
 * before (linear interpolation): the FSK is all below 2.2 kHz, and the
 * images this leaves above 4 kHz are weak and outside what a receiver
 * listens to. The in-between samples are a little low: the message is
 * about 0.9 dB quieter than at 8 kHz (measured), well within what
 * receivers take.
 */
static void vo_cid_put(struct vo_cid_line *l, const int16_t *in, int n,
		       int16_t *prev)
{
	int i, s;

	for (i = 0; i < n; i++) {
		s = in[i] * VO_CID_GAIN_Q12 / 4096;
		if (l->dev.rate == 16000)
			l->audio[l->len++] = (*prev + s) / 2;
		l->audio[l->len++] = s;
		*prev = s;
	}
}

/* The whole transmission into l->audio; -1 if out of memory. */
static int vo_cid_render(struct vo_cid_line *l, int adsi_std,
			 const char *number, const char *name)
{
	int16_t chunk[160], prev = 0;
	uint8_t msg[256];
	adsi_tx_state_t *tx;
	int len, n;

	l->audio = calloc(l->dev.rate / 1000 * VO_CID_MAX_MS, sizeof(int16_t));
	tx = adsi_tx_init(NULL, adsi_std);
	if (!l->audio || !tx) {
		if (tx)
			adsi_tx_free(tx);
		return -1;
	}
	/*
	 * On-hook: 300 bits of channel seizure, 180 of mark (spandsp's 80
	 * are for call waiting's off-hook CID), as GR-30 and EN 300 659-1
	 * ask; spandsp's postamble and stop bit.
	 */
	adsi_tx_set_preamble(tx, 300, 180, -1, -1);
	len = vo_cid_message(tx, msg, number, name);
	adsi_tx_put_message(tx, msg, len);
	l->len = l->dev.rate / 1000 * VO_CID_LEAD_MS;
	/* adsi_tx gives fewer than asked once the message is out */
	do {
		n = adsi_tx(tx, chunk, 160);
		vo_cid_put(l, chunk, n, &prev);
	} while (n == 160 &&
		 l->len + 2 * 160 + l->dev.rate / 1000 * VO_CID_TAIL_MS <=
		 l->dev.rate / 1000 * VO_CID_MAX_MS);
	adsi_tx_free(tx);
	if (n == 160)
		return -1;	/* longer than VO_CID_MAX_MS: cannot be */
	l->len += l->dev.rate / 1000 * VO_CID_TAIL_MS;
	return 0;
}

/*
 * Write what the buffer takes. 1 once every frame has been played, 0 while
 * some are to come, negative errno if the device failed. An underrun
 * before the end broke the message: a failure, not a gap to ride over.
 */
static int vo_cid_fill(struct vo_cid_line *l)
{
	snd_pcm_sframes_t avail, n;

	avail = snd_pcm_avail(l->dev.pcm);
	if (avail == -EPIPE && l->pos == l->len)
		return 1;	/* ran dry after the last frame (a late loop) */
	if (avail < 0)
		return avail;
	if ((snd_pcm_uframes_t)avail > l->dev.buffer)
		avail = l->dev.buffer;
	if (l->pos == l->len)
		return l->dev.buffer - avail <= l->dev.rate / 1000 * VO_CID_TAIL_MS;
	n = l->len - l->pos;
	if (n > avail)
		n = avail;
	if (!n)
		return 0;
	n = snd_pcm_writei(l->dev.pcm, l->audio + l->pos, n);
	if (n == -EAGAIN)
		return 0;
	if (n < 0)
		return n;
	l->pos += n;
	return 0;
}

static void vo_cid_topup(void *arg)
{
	struct vo_cid_line *l = arg;
	int err = vo_cid_fill(l);

	if (err < 0) {
		vo_warn("line %u: caller ID: %s after %u of %u frames",
			l->id, snd_strerror(err), l->pos, l->len);
		vo_cid_finish(l, false);
		return;
	}
	if (err > 0) {
		vo_dbg("line %u: caller ID sent", l->id);
		vo_cid_finish(l, true);
		return;
	}
	vo_timer_set(&l->timer, VO_CID_TOPUP_MS, vo_cid_topup, l);
}

int vo_cid_send(unsigned int line, enum vo_cid_standard std,
		const char *number, const char *name,
		void (*done)(void *arg, bool ok), void *arg)
{
	struct vo_cid_line *l;
	int adsi_std;

	if (line >= VO_CID_LINES || std > VO_CID_V23) {
		vo_warn("line %u: no caller ID standard %d there", line, std);
		return -1;
	}
	adsi_std = std == VO_CID_V23 ? ADSI_STANDARD_CLIP : ADSI_STANDARD_CLASS;
	l = &vo_cid_lines[line];
	vo_cid_close(l);
	l->id = line;
	if (vo_linepcm_open(&l->dev, line, VO_CID_PERIODS, "caller ID"))
		return -1;
	if (vo_cid_render(l, adsi_std, number, name)) {
		vo_warn("line %u: caller ID: out of memory", line);
		vo_cid_close(l);
		return -1;
	}
	l->done = done;
	l->arg = arg;
	vo_dbg("line %u: caller ID %s \"%s\" \"%s\": %u ms at %u Hz", line,
	       adsi_standard_to_str(adsi_std), number ? number : "(none)",
	       name ? name : "(none)", l->len / (l->dev.rate / 1000), l->dev.rate);
	/* the first top-up in the loop: @done never runs before we return */
	vo_timer_set(&l->timer, 0, vo_cid_topup, l);
	return 0;
}

void vo_cid_cancel(unsigned int line)
{
	if (line < VO_CID_LINES)
		vo_cid_close(&vo_cid_lines[line]);
}
