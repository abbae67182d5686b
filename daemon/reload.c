// SPDX-License-Identifier: GPL-2.0
/*
 * SIGHUP: the config file read again, as `/etc/init.d/voffload reload`
 * asks after a UCI change. What a line does between calls (digit map,
 * hotline, caller ID, country, gains, call waiting, inter-digit time) and
 * the log level, global country and ghost-call protection apply at once;
 * calls that are up stay up. Anything else (ports, DSCP, accounts, which
 * lines there are, DNS servers, the control socket) needs the SIP side
 * built again: voffloadd restarts itself (exec) once every line is idle,
 * as an ATA applies a provisioning change between calls. A file that
 * does not parse changes nothing; its file:line error is logged.
 */
#include <string.h>

#include "call.h"
#include "lines.h"
#include "log.h"
#include "loop.h"
#include "reload.h"

#define VO_RELOAD_IDLE_POLL_MS	1000

static struct vo_config vo_reload_new;
static struct vo_timer vo_reload_timer;
static bool vo_reload_restart;

/* Everything a reload cannot change under a running SIP side. */
static bool vo_reload_same_frame(const struct vo_config *a,
				 const struct vo_config *b)
{
	unsigned int i;

	if (a->sip_port != b->sip_port || a->rtp_port_min != b->rtp_port_min ||
	    a->rtp_port_max != b->rtp_port_max || a->dscp != b->dscp ||
	    a->keepalive_s != b->keepalive_s ||
	    strcmp(a->control_socket, b->control_socket) ||
	    strcmp(a->dns_servers, b->dns_servers) ||
	    a->naccounts != b->naccounts || a->nlines != b->nlines ||
	    memcmp(a->accounts, b->accounts,
		   a->naccounts * sizeof(a->accounts[0])))
		return false;
	for (i = 0; i < a->nlines; i++)
		if (a->lines[i].id != b->lines[i].id ||
		    strcmp(a->lines[i].account, b->lines[i].account))
			return false;
	return true;
}

static void vo_reload_when_idle(void *arg)
{
	if (!vo_calls_idle()) {
		vo_timer_set(&vo_reload_timer, VO_RELOAD_IDLE_POLL_MS,
			     vo_reload_when_idle, NULL);
		return;
	}
	vo_info("config: every line idle, restarting on the new config");
	vo_reload_restart = true;
	vo_loop_stop();
}

/* Into @cfg in place: the calls and lines point at its lines[]. */
static void vo_reload_lines(struct vo_config *cfg,
			    const struct vo_config *new)
{
	memcpy(cfg->lines, new->lines, sizeof(cfg->lines));
	cfg->log_level = new->log_level;
	cfg->country = new->country;
	cfg->ghost_call_protection = new->ghost_call_protection;
	vo_log_level = cfg->log_level;
	vo_lines_reconfigure(cfg);
}

void vo_reload(struct vo_config *cfg, const char *path)
{
	char err[512];

	if (vo_config_load(&vo_reload_new, path, err, sizeof(err))) {
		vo_err("config: %s (not reloaded, running on the old one)", err);
		return;
	}
	if (vo_reload_same_frame(cfg, &vo_reload_new)) {
		vo_timer_cancel(&vo_reload_timer);	/* a restart undone */
		vo_reload_lines(cfg, &vo_reload_new);
		vo_info("config: reloaded, line settings applied, calls kept");
		return;
	}
	vo_info("config: accounts, ports or lines changed: restarting once"
		" every line is idle");
	vo_reload_when_idle(NULL);
}

bool vo_reload_restarting(void)
{
	return vo_reload_restart;
}
