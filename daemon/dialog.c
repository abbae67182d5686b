// SPDX-License-Identifier: GPL-2.0
/*
 * A dialog's state (RFC 3261 12) and the requests sent inside it (ACK to
 * a 2xx, BYE, re-INVITE answers go through call_in.c). The route set is
 * the Record-Route of the 2xx reversed (UAC) or of the INVITE as it came
 * (UAS); requests go to its first hop, loose routing (;lr) assumed as
 * every proxy since RFC 3261 does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "call.h"
#include "log.h"

static void vo_dialog_copy(char *dst, size_t len, const char *src)
{
	snprintf(dst, len, "%s", src ? src : "");
}

int vo_dialog_hop(osip_uri_t *u, union vo_addr *to)
{
	char hp[VO_URI];

	if (!u || !u->host)
		return -1;
	/* libosip2 keeps an IPv6 host without its brackets: back they go */
	snprintf(hp, sizeof(hp), strchr(u->host, ':') ? "[%s]%s%s" : "%s%s%s",
		 u->host, u->port ? ":" : "", u->port ? u->port : "");
	return vo_sip_resolve(hp, to);
}

static int vo_dialog_routes(struct vo_dialog *d, osip_message_t *m,
			    bool reverse)
{
	int n = osip_list_size(&m->record_routes), i, k;
	osip_record_route_t *rr;
	osip_uri_t *first = NULL;
	char *s;

	d->nroutes = 0;
	/* a route set cut short would skip a proxy: refuse the dialog */
	if (n > VO_ROUTES) {
		vo_warn("sip: a route set of %d, more than %d", n, VO_ROUTES);
		return -1;
	}
	for (i = 0; i < n; i++) {
		k = reverse ? n - 1 - i : i;
		rr = osip_list_get(&m->record_routes, k);
		if (!rr || osip_record_route_to_str(rr, &s))
			return -1;
		if (strlen(s) >= VO_URI) {
			vo_warn("sip: a Record-Route longer than %d", VO_URI - 1);
			osip_free(s);
			return -1;
		}
		vo_dialog_copy(d->routes[d->nroutes++], VO_URI, s);
		osip_free(s);
		if (i == 0)
			first = rr->url;
	}
	return first ? vo_dialog_hop(first, &d->next) : 1;
}

static int vo_dialog_target(struct vo_dialog *d, osip_message_t *m)
{
	osip_contact_t *ct = NULL;
	char *s = NULL;
	int ret;

	if (osip_message_get_contact(m, 0, &ct) < 0 || !ct || !ct->url ||
	    osip_uri_to_str(ct->url, &s))
		return -1;
	vo_dialog_copy(d->target, sizeof(d->target), s);
	osip_free(s);
	ret = vo_dialog_routes(d, m, MSG_IS_RESPONSE(m));
	/* no route set: straight to the Contact */
	if (ret == 1)
		ret = vo_dialog_hop(ct->url, &d->next);
	return ret ? -1 : vo_sip_local(&d->next, &d->local, d->local_ip,
				      sizeof(d->local_ip));
}

int vo_dialog_uac(struct vo_dialog *d, osip_message_t *resp)
{
	osip_generic_param_t *tag = NULL;

	osip_to_get_tag(resp->to, &tag);
	if (!tag || !tag->gvalue)
		return -1;
	vo_dialog_copy(d->remote_tag, sizeof(d->remote_tag), tag->gvalue);
	return vo_dialog_target(d, resp);
}

int vo_dialog_uas(struct vo_dialog *d, osip_message_t *req)
{
	osip_generic_param_t *tag = NULL;
	char *s = NULL;

	memset(d, 0, sizeof(*d));
	osip_from_get_tag(req->from, &tag);
	if (!tag || !tag->gvalue || osip_call_id_to_str(req->call_id, &s))
		return -1;
	vo_dialog_copy(d->call_id, sizeof(d->call_id), s);
	osip_free(s);
	vo_dialog_copy(d->remote_tag, sizeof(d->remote_tag), tag->gvalue);
	vo_sip_token(d->local_tag, 17);
	if (osip_uri_to_str(req->from->url, &s))
		return -1;
	snprintf(d->remote_uri, sizeof(d->remote_uri), "<%s>", s);
	osip_free(s);
	if (osip_uri_to_str(req->to->url, &s))
		return -1;
	snprintf(d->local_uri, sizeof(d->local_uri), "<%s>", s);
	osip_free(s);
	d->remote_cseq = strtoul(req->cseq->number, NULL, 10);
	d->local_cseq = 1;
	return vo_dialog_target(d, req);
}

void vo_dialog_contact(const struct vo_call *c, char *out, size_t len)
{
	snprintf(out, len, "Contact: <sip:%s@%s:%u%s>\r\n",
		 c->acct ? c->acct->user : "voffload", c->dlg.local_ip,
		 vo_sip_port(), vo_sip_contact_param(c->acct));
}

int vo_dialog_send(struct vo_call *c, const char *method, unsigned int cseq,
		   const char *extra, const char *type, const char *body,
		   struct vo_sip_client *client)
{
	const struct vo_dialog *d = &c->dlg;
	char text[8192], branch[24], contact[VO_URI + 32];
	size_t n, blen = body ? strlen(body) : 0;
	unsigned int i;

	vo_sip_token(branch, sizeof(branch));
	vo_dialog_contact(c, contact, sizeof(contact));
	n = snprintf(text, sizeof(text),
		     "%s %s SIP/2.0\r\n"
		     "Via: SIP/2.0/%s %s:%u;rport;branch=z9hG4bK%s\r\n"
		     "Max-Forwards: 70\r\n"
		     "From: %s;tag=%s\r\nTo: %s;tag=%s\r\n"
		     "Call-ID: %s\r\nCSeq: %u %s\r\n",
		     method, d->target, vo_sip_proto(c->acct), d->local_ip,
		     vo_sip_port(), branch,
		     d->local_uri, d->local_tag, d->remote_uri, d->remote_tag,
		     d->call_id, cseq, method);
	for (i = 0; i < d->nroutes && n < sizeof(text); i++)
		n += snprintf(text + n, sizeof(text) - n, "Route: %s\r\n",
			      d->routes[i]);
	if (n < sizeof(text))
		n += snprintf(text + n, sizeof(text) - n,
			      "%s%sUser-Agent: voffloadd\r\n%s%s%s"
			      "Content-Length: %zu\r\n\r\n%s",
			      strcmp(method, "BYE") ? contact : "",
			      extra ? extra : "", type ? "Content-Type: " : "",
			      type ? type : "", type ? "\r\n" : "", blen,
			      body ? body : "");
	if (n >= sizeof(text)) {
		vo_err("line %u: %s does not fit", c->line, method);
		return -1;
	}
	if (!client)	/* an ACK to a 2xx: no transaction */
		return vo_sip_send_raw(text, &d->next);
	return vo_sip_request(text, &d->next, client);
}
