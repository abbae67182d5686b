// SPDX-License-Identifier: GPL-2.0
/*
 * A call's RTP: a UDP socket bound to an even port of the configured
 * range (RFC 3550 11: RTP even, RTCP the odd one above), handed to the
 * kernel with flow-new once both ends are known; flow-set when a
 * re-INVITE changes them; flow-del and close at the end. RTCP, on the
 * odd port above, is rtcp.c's.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/voffload.h>

#include "call.h"
#include "kernel.h"
#include "log.h"

/* Where the next search starts: calls do not reuse a port at once. */
static unsigned int vo_media_cursor;

int vo_media_open(struct vo_media *m, int family)
{
	const struct vo_config *cfg = vo_calls_cfg;
	unsigned int lo = (cfg->rtp_port_min + 1) & ~1u;
	unsigned int n = (cfg->rtp_port_max - lo) / 2 + 1, i, port;
	int fd;

	memset(m, 0, sizeof(*m));
	m->fd = -1;
	m->rtcp_fd = -1;
	m->family = family;
	m->version = 1;
	for (i = 0; i < n; i++) {
		port = lo + 2 * ((vo_media_cursor + i) % n);
		fd = vo_addr_bind(family, SOCK_DGRAM, port);
		if (fd >= 0) {
			m->fd = fd;
			m->port = port;
			if (!vo_rtcp_open(m)) {
				vo_media_cursor = (vo_media_cursor + i + 1) % n;
				return 0;
			}
			m->fd = -1;	/* the pair is RTP's and RTCP's */
			close(fd);
		}
		if (errno != EADDRINUSE)
			break;
	}
	vo_err("rtp: no free port in %u-%u: %m", cfg->rtp_port_min,
	       cfg->rtp_port_max);
	return -1;
}

int vo_media_family(struct vo_media *m, int family)
{
	unsigned int version = m->version;

	if (m->fd >= 0 && m->family == family)
		return 0;
	vo_media_close(m);
	if (vo_media_open(m, family))
		return -1;
	m->version = version;	/* the same session's o= line */
	return 0;
}

int vo_media_start(struct vo_call *c)
{
	struct vo_media *m = &c->media;
	unsigned int line = c->line;
	struct vo_kflow f = {
		.line = line,
		.fd = m->fd,
		.remote = m->sdp.remote,
		.codec = m->sdp.codec,
		.pt = m->sdp.pt,
		.ptime = m->sdp.ptime,
		.event_pt = m->sdp.event_pt,
		.dscp = vo_calls_cfg->dscp,
		.direction = m->sdp.direction,
		.latch = c->acct && c->acct->symmetric_rtp,
	};

	char to[VO_ADDRSTRLEN], dtmf[16];

	/* a socket of one family cannot send to the other's addresses */
	if (m->fd < 0 || m->sdp.remote.sa.sa_family != m->family)
		return -1;
	if (m->flow)
		return vo_kernel_flow_set(m->flow_id, &f);
	if (vo_kernel_flow_new(&f, &m->flow_id, &m->ssrc))
		return -1;
	m->flow = true;
	vo_rtcp_start(c);
	/* dtmf: the telephone-event type, or "inband" if none was agreed */
	if (f.event_pt < 0)
		snprintf(dtmf, sizeof(dtmf), "inband");
	else
		snprintf(dtmf, sizeof(dtmf), "pt %d", f.event_pt);
	vo_info("line %u: flow %u port %u -> %s pt %u ptime %u dtmf %s %s",
		line, m->flow_id, m->port, vo_addr_str(&f.remote, to, sizeof(to)),
		f.pt, f.ptime, dtmf, vo_sdp_direction(f.direction));
	return 0;
}

void vo_media_stop(struct vo_media *m)
{
	if (m->flow)
		vo_kernel_flow_del(m->flow_id);
	m->flow = false;
}

void vo_media_close(struct vo_media *m)
{
	vo_rtcp_close(m);
	if (m->flow)
		vo_kernel_flow_del(m->flow_id);
	if (m->fd >= 0)
		close(m->fd);
	m->flow = false;
	m->fd = -1;
}
