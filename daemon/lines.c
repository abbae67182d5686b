// SPDX-License-Identifier: GPL-2.0
#include <string.h>

#include <linux/voffload.h>

#include "call.h"
#include "lines.h"
#include "log.h"
#include "tone.h"

static struct vo_line_state vo_lines[VO_KLINES];
static int vo_nlines;

/*
 * Each line's country and gains to the kernel, its country to the tones.
 * A line the kernel refuses them for keeps what it had (logged); not
 * fatal. The gains go every time: a gain taken out of the config must
 * come back to 0 dB.
 */
static void vo_lines_setup(const struct vo_config *cfg,
			   const struct vo_kline *k, int n)
{
	const struct vo_cfg_line *lc;
	enum vo_country c;
	int i, j;

	for (j = 0; j < n; j++) {
		lc = NULL;
		for (i = 0; i < (int)cfg->nlines; i++)
			if (cfg->lines[i].id == k[j].id)
				lc = &cfg->lines[i];
		c = vo_config_country(cfg, lc);
		vo_tone_country(k[j].id, c);
		vo_kernel_line_setup(k[j].id, strcmp(k[j].country, vo_countries[c]) ?
				     vo_countries[c] : NULL,
				     lc ? lc->tx_gain : 0, lc ? lc->rx_gain : 0);
	}
}

int vo_lines_reconfigure(const struct vo_config *cfg)
{
	struct vo_kline k[VO_KLINES];
	int n, i, j;

	n = vo_kernel_lines(k, VO_KLINES);
	if (n < 0)
		return -1;
	vo_lines_setup(cfg, k, n);
	/* again: the cadences the countries gave */
	n = vo_kernel_lines(k, VO_KLINES);
	for (j = 0; j < n; j++)
		for (i = 0; i < vo_nlines; i++)
			if (vo_lines[i].k.id == k[j].id)
				vo_lines[i].k = k[j];
	return n < 0 ? -1 : 0;
}

int vo_lines_init(const struct vo_config *cfg)
{
	struct vo_kline k[VO_KLINES];
	unsigned int i;
	int n, j;

	n = vo_kernel_lines(k, VO_KLINES);
	if (n < 0)
		return -1;
	vo_nlines = n;
	for (j = 0; j < n; j++) {
		memset(&vo_lines[j], 0, sizeof(vo_lines[j]));
		vo_lines[j].k = k[j];
		for (i = 0; i < cfg->nlines; i++)
			if (cfg->lines[i].id == k[j].id)
				vo_lines[j].cfg = &cfg->lines[i];
	}
	/* a typo in a line number must not pass unseen */
	for (i = 0; i < cfg->nlines; i++) {
		for (j = 0; j < n && vo_lines[j].k.id != cfg->lines[i].id; j++)
			;
		if (j == n)
			vo_warn("config: line %u: no such line in the kernel",
				cfg->lines[i].id);
	}
	vo_info("%d line%s: %s%s", n, n == 1 ? "" : "s",
		n ? vo_lines[0].k.name : "", n > 1 ? " ..." : "");
	return vo_lines_reconfigure(cfg);
}

static struct vo_line_state *vo_line_find(unsigned int id)
{
	int i;

	for (i = 0; i < vo_nlines; i++)
		if (vo_lines[i].k.id == id)
			return &vo_lines[i];
	return NULL;
}

const struct vo_kline *vo_line_kernel(unsigned int id)
{
	struct vo_line_state *l = vo_line_find(id);

	return l ? &l->k : NULL;
}

/* RFC 4733 event codes of the digits: 0-9, *, #, A-D. */
static char vo_digit_char(int digit)
{
	static const char map[] = "0123456789*#ABCD";

	return digit >= 0 && digit < 16 ? map[digit] : '?';
}

static void vo_line_dialled(struct vo_line_state *l, char c)
{
	size_t n = strlen(l->dialled);

	if (n < VO_DIALLED_MAX) {
		l->dialled[n] = c;
		l->dialled[n + 1] = 0;
	}
}

void vo_lines_event(unsigned int line, int event, int digit,
		    unsigned int duration_ms)
{
	struct vo_line_state *l = vo_line_find(line);

	if (!l)
		return;
	l->events++;
	switch (event) {
	case VOFFLOAD_EVENT_OFF_HOOK:
		l->k.off_hook = true;
		l->dialled[0] = 0;
		vo_call_hook(line, true);
		break;
	case VOFFLOAD_EVENT_ON_HOOK:
		l->k.off_hook = false;
		vo_call_hook(line, false);
		break;
	case VOFFLOAD_EVENT_PULSE_DIGIT:
		/* ten pulses are reported as 0, as dialled */
		vo_line_dialled(l, vo_digit_char(digit));
		vo_call_digit(line, vo_digit_char(digit));
		break;
	case VOFFLOAD_EVENT_FLASH:
		vo_call_flash(line);
		break;
	case VOFFLOAD_EVENT_DTMF:
		if (!duration_ms) {	/* its start; the end comes again */
			vo_line_dialled(l, vo_digit_char(digit));
			vo_call_digit(line, vo_digit_char(digit));
		}
		break;
	}
	vo_dbg("line %u: event %d digit %d %u ms", line, event, digit,
	       duration_ms);
}

void vo_lines_show(FILE *out)
{
	unsigned int j;
	int i;

	for (i = 0; i < vo_nlines; i++) {
		const struct vo_line_state *l = &vo_lines[i];

		fprintf(out, "line %u %s driver %s rate %u hook %s account %s"
			" dialled '%s' events %u country %s ring",
			l->k.id, l->k.name, l->k.driver, l->k.rate,
			l->k.off_hook ? "off" : "on",
			l->cfg && *l->cfg->account ? l->cfg->account : "-",
			l->dialled, l->events, l->k.country);
		for (j = 0; j < l->k.nsegments; j++)
			fprintf(out, "%s%u", j ? "/" : " ", l->k.cadence_ms[j]);
		fputc('\n', out);
	}
}
