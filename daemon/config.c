// SPDX-License-Identifier: GPL-2.0
/*
 * The configuration file, parsed by a table of options per section kind:
 * each option has a type (string, number in a range, one of a set of
 * words, a list of codecs) and where it goes. Unknown sections or options,
 * values out of range and references to accounts that do not exist are
 * errors that name the file and line: a router that silently ignores a
 * typo in a SIP password is worse than one that refuses to start.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "addr.h"
#include "config.h"
#include "digitmap.h"

enum vo_sect { S_NONE, S_GLOBAL, S_ACCOUNT, S_LINE };
enum vo_type { T_STR, T_UINT, T_WORD, T_CODECS, T_GAIN };

struct vo_opt {
	enum vo_sect sect;
	const char *name;
	enum vo_type type;
	size_t off;			/* in the section's struct */
	unsigned int min, max;		/* T_UINT */
	const char *const *words;	/* T_WORD: value i is words[i] */
};

static const char *const vo_levels[] = {
	"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug",
	NULL,
};
static const char *const vo_transports[] = { "udp", "tcp", NULL };
static const char *const vo_yesno[] = { "no", "yes", NULL };
static const char *const vo_cid_names[] = { "off", "bell202", "v23", NULL };
static const char *const vo_codecs[] = { "pcmu", "pcma", "g722", NULL };
static const char *const vo_dtmf_names[] = { "rfc4733", "inband", NULL };
const char *const vo_countries[] = { "US", "GB", "DE", "FR", NULL };

#define G(f) offsetof(struct vo_config, f)
#define A(f) offsetof(struct vo_cfg_account, f)
#define L(f) offsetof(struct vo_cfg_line, f)

static const struct vo_opt vo_opts[] = {
	{ S_GLOBAL, "log-level", T_WORD, G(log_level), 0, 0, vo_levels },
	{ S_GLOBAL, "sip-port", T_UINT, G(sip_port), 1, 65535, NULL },
	{ S_GLOBAL, "rtp-port-min", T_UINT, G(rtp_port_min), 1024, 65534, NULL },
	{ S_GLOBAL, "rtp-port-max", T_UINT, G(rtp_port_max), 1025, 65535, NULL },
	{ S_GLOBAL, "dscp", T_UINT, G(dscp), 0, 63, NULL },
	{ S_GLOBAL, "control-socket", T_STR, G(control_socket), 0, 0, NULL },
	{ S_GLOBAL, "keepalive-s", T_UINT, G(keepalive_s), 0, 3600, NULL },
	{ S_GLOBAL, "dns-servers", T_STR, G(dns_servers), 0, 0, NULL },
	{ S_GLOBAL, "country", T_WORD, G(country), 0, 0, vo_countries },
	{ S_GLOBAL, "ghost-call-protection", T_WORD, G(ghost_call_protection),
	  0, 0, vo_yesno },
	{ S_ACCOUNT, "user", T_STR, A(user), 0, 0, NULL },
	{ S_ACCOUNT, "auth-user", T_STR, A(auth_user), 0, 0, NULL },
	{ S_ACCOUNT, "password", T_STR, A(password), 0, 0, NULL },
	{ S_ACCOUNT, "domain", T_STR, A(domain), 0, 0, NULL },
	{ S_ACCOUNT, "registrar", T_STR, A(registrar), 0, 0, NULL },
	{ S_ACCOUNT, "outbound-proxy", T_STR, A(outbound_proxy), 0, 0, NULL },
	{ S_ACCOUNT, "display-name", T_STR, A(display_name), 0, 0, NULL },
	{ S_ACCOUNT, "transport", T_WORD, A(transport), 0, 0, vo_transports },
	{ S_ACCOUNT, "expires", T_UINT, A(expires), 60, 86400, NULL },
	{ S_ACCOUNT, "register", T_WORD, A(do_register), 0, 0, vo_yesno },
	{ S_ACCOUNT, "symmetric-rtp", T_WORD, A(symmetric_rtp), 0, 0, vo_yesno },
	{ S_ACCOUNT, "codecs", T_CODECS, A(codecs), 0, 0, NULL },
	{ S_ACCOUNT, "dtmf", T_WORD, A(dtmf), 0, 0, vo_dtmf_names },
	{ S_LINE, "account", T_STR, L(account), 0, 0, NULL },
	{ S_LINE, "digit-map", T_STR, L(digit_map), 0, 0, NULL },
	{ S_LINE, "interdigit-ms", T_UINT, L(interdigit_ms), 1000, 30000, NULL },
	{ S_LINE, "caller-id", T_WORD, L(caller_id), 0, 0, vo_cid_names },
	{ S_LINE, "country", T_WORD, L(country), 0, 0, vo_countries },
	{ S_LINE, "call-waiting", T_WORD, L(call_waiting), 0, 0, vo_yesno },
	{ S_LINE, "tx-gain", T_GAIN, L(tx_gain), 0, 0, NULL },
	{ S_LINE, "rx-gain", T_GAIN, L(rx_gain), 0, 0, NULL },
	{ S_LINE, "hotline", T_STR, L(hotline), 0, 0, NULL },
	{ S_LINE, "hotline-delay-ms", T_UINT, L(hotline_ms), 0, 30000, NULL },
};

struct vo_parse {
	struct vo_config *cfg;
	const char *path;
	unsigned int lineno;
	enum vo_sect sect;
	void *obj;			/* the section's struct */
	char *err;
	size_t errlen;
};

static int vo_fail(struct vo_parse *p, const char *fmt, ...)
{
	size_t n = p->lineno ?
		   snprintf(p->err, p->errlen, "%s:%u: ", p->path, p->lineno) :
		   snprintf(p->err, p->errlen, "%s: ", p->path);
	va_list ap;

	if (n < p->errlen) {
		va_start(ap, fmt);
		vsnprintf(p->err + n, p->errlen - n, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static void vo_config_defaults(struct vo_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->log_level = LOG_INFO;
	cfg->sip_port = 5060;
	cfg->rtp_port_min = 16384;	/* RFC 3551's customary range */
	cfg->rtp_port_max = 16482;
	cfg->dscp = 46;
	cfg->country = VO_COUNTRY_US;	/* the kernel's default profile too */
	cfg->keepalive_s = 30;
	cfg->ghost_call_protection = 1;	/* scanners ring phones otherwise */	/* under the 60 s a typical NAT keeps a UDP binding */
	snprintf(cfg->control_socket, sizeof(cfg->control_socket),
		 "/var/run/voffloadd.sock");
}

static void vo_account_defaults(struct vo_cfg_account *a)
{
	memset(a, 0, sizeof(*a));
	a->transport = VO_TRANSPORT_UDP;
	a->expires = 3600;
	a->do_register = 1;
	a->codecs[0] = VO_CODEC_PCMU;
	a->codecs[1] = VO_CODEC_PCMA;
	a->ncodecs = 2;
	a->line = -1;
}

/* Trim both ends in place. */
static char *vo_trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = 0;
	return s;
}

static int vo_set_uint(struct vo_parse *p, const struct vo_opt *o,
		       unsigned int *to, const char *v)
{
	unsigned long n;
	char *end;

	errno = 0;
	n = strtoul(v, &end, 10);
	if (!*v || *end || errno || n < o->min || n > o->max)
		return vo_fail(p, "%s must be a number from %u to %u, not '%s'",
			       o->name, o->min, o->max, v);
	*to = n;
	return 0;
}

static int vo_word(const char *const *words, const char *v)
{
	int i;

	for (i = 0; words[i]; i++)
		if (!strcasecmp(words[i], v))
			return i;
	return -1;
}

static int vo_set_word(struct vo_parse *p, const struct vo_opt *o, int *to,
		       const char *v)
{
	int i = vo_word(o->words, v);

	if (i < 0)
		return vo_fail(p, "%s: '%s' is not one of the words it takes",
			       o->name, v);
	*to = i;
	return 0;
}

/*
 * A gain in dB with at most one decimal ("-3.5", "6"), into 0.1 dB: from
 * -24 to +12 dB, the range the kernel's line-set takes (and a SLIC's).
 */
static int vo_set_gain(struct vo_parse *p, const struct vo_opt *o, int *to,
		       const char *v)
{
	const char *s = v + (*v == '-' || *v == '+');
	long whole = 0;
	int tenths = 0;

	if (!isdigit((unsigned char)*s))
		goto bad;
	while (isdigit((unsigned char)*s) && whole < 1000)
		whole = whole * 10 + (*s++ - '0');
	if (*s == '.' && isdigit((unsigned char)s[1])) {
		tenths = s[1] - '0';
		s += 2;
	}
	if (*s)
		goto bad;
	whole = whole * 10 + tenths;
	if (*v == '-')
		whole = -whole;
	if (whole < -240 || whole > 120)
		goto bad;
	*to = whole;
	return 0;
bad:
	return vo_fail(p, "%s must be dB from -24.0 to 12.0, not '%s'", o->name, v);
}

/* hotline: what a phone could dial, so the digit map's characters */
static bool vo_dialable(const char *v)
{
	return *v && strspn(v, "0123456789*#+") == strlen(v);
}

/* "codecs = g722 pcmu pcma": the order is the preference. */
static int vo_set_codecs(struct vo_parse *p, struct vo_cfg_account *a,
			 char *v)
{
	char *tok, *save = NULL;
	int c;

	a->ncodecs = 0;
	for (tok = strtok_r(v, " ,", &save); tok; tok = strtok_r(NULL, " ,", &save)) {
		c = vo_word(vo_codecs, tok);
		if (c < 0)
			return vo_fail(p, "codecs: unknown codec '%s' (pcmu, pcma, g722)",
				       tok);
		if (a->ncodecs == VO_CFG_CODECS)
			return vo_fail(p, "codecs: at most %d", VO_CFG_CODECS);
		a->codecs[a->ncodecs++] = c;
	}
	if (!a->ncodecs)
		return vo_fail(p, "codecs: at least one");
	return 0;
}

/* One "IPv4[:port]", "IPv6" or "[IPv6]:port", as c-ares takes them. */
static bool vo_dns_server_valid(const char *e)
{
	union vo_addr a;

	return !vo_addr_parse(&a, e, 53);
}

/*
 * registrar, outbound-proxy, domain: host[:port] as it goes into a SIP
 * URI, so an IPv6 address only in brackets ("[2001:db8::1]:5060").
 */
static bool vo_host_valid(const char *v)
{
	char host[VO_CFG_STR];
	unsigned int port;
	union vo_addr a;

	if (vo_hostport_split(v, host, sizeof(host), &port))
		return false;
	return *v == '[' ? !vo_addr_parse(&a, v, 5060) : !strchr(host, ':');
}

/*
 * dns-servers: a list of those, separated by commas or spaces; into @out
 * comma-separated without spaces, as c-ares's csv parser wants it.
 */
static bool vo_dns_servers_valid(const char *v, char *out)
{
	char copy[VO_CFG_STR], *e, *save = NULL;
	size_t n = 0;

	snprintf(copy, sizeof(copy), "%s", v);
	for (e = strtok_r(copy, ", ", &save); e; e = strtok_r(NULL, ", ", &save)) {
		n += sprintf(out + n, "%s%s", n ? "," : "", e);
		if (!vo_dns_server_valid(e))
			return false;
	}
	return n;
}

static int vo_option(struct vo_parse *p, const char *name, char *v)
{
	const struct vo_opt *o;
	char *at;

	for (o = vo_opts; o < vo_opts + sizeof(vo_opts) / sizeof(vo_opts[0]); o++) {
		if (o->sect != p->sect || strcmp(o->name, name))
			continue;
		at = (char *)p->obj + o->off;
		switch (o->type) {
		case T_STR:
			if (strlen(v) >= VO_CFG_STR)
				return vo_fail(p, "%s: longer than %d characters",
					       name, VO_CFG_STR - 1);
			/* they go into SIP headers, some quoted (not the password) */
			if (strcmp(name, "password") && strpbrk(v, "\"<>\\"))
				return vo_fail(p, "%s: no \", <, > or \\ in it", name);
			if (!strcmp(name, "hotline") && *v &&
			    (!vo_dialable(v) || strlen(v) > VO_DIAL_MAX))
				return vo_fail(p, "hotline: '%s' is not a number to"
					       " dial (up to %d digits, * # +)", v,
					       VO_DIAL_MAX);
			if (!strcmp(name, "digit-map") && !vo_digitmap_valid(v))
				return vo_fail(p, "digit-map: '%s' is not a digit map"
					       " (digits, * # x [ranges] . T and |)", v);
			if ((!strcmp(name, "registrar") || !strcmp(name, "domain") ||
			     !strcmp(name, "outbound-proxy")) && *v && !vo_host_valid(v))
				return vo_fail(p, "%s: '%s' is not host[:port] (an IPv6"
					       " address in brackets: [2001:db8::1]:5060)",
					       name, v);
			if (!strcmp(name, "dns-servers"))
				return vo_dns_servers_valid(v, at) ? 0 :
				       vo_fail(p, "dns-servers: '%s' is not a list of"
					       " addresses (IP[:port], [IPv6]:port)", v);
			strcpy(at, v);
			return 0;
		case T_UINT:
			return vo_set_uint(p, o, (unsigned int *)at, v);
		case T_WORD:
			return vo_set_word(p, o, (int *)at, v);
		case T_CODECS:
			return vo_set_codecs(p, p->obj, v);
		case T_GAIN:
			return vo_set_gain(p, o, (int *)at, v);
		}
	}
	return vo_fail(p, "unknown option '%s' here", name);
}

static int vo_section_account(struct vo_parse *p, const char *name)
{
	struct vo_config *cfg = p->cfg;
	struct vo_cfg_account *a;
	unsigned int i;

	if (!*name || strlen(name) >= VO_CFG_STR)
		return vo_fail(p, "an account section needs a name: [account NAME]");
	for (i = 0; i < cfg->naccounts; i++)
		if (!strcmp(cfg->accounts[i].name, name))
			return vo_fail(p, "account '%s' is defined twice", name);
	if (cfg->naccounts == VO_CFG_ACCOUNTS)
		return vo_fail(p, "at most %d accounts", VO_CFG_ACCOUNTS);
	a = &cfg->accounts[cfg->naccounts++];
	vo_account_defaults(a);
	strcpy(a->name, name);
	p->obj = a;
	return 0;
}

enum vo_country vo_config_country(const struct vo_config *cfg,
				  const struct vo_cfg_line *line)
{
	return line && line->country >= 0 ? line->country : cfg->country;
}

static int vo_section_line(struct vo_parse *p, const char *id)
{
	struct vo_config *cfg = p->cfg;
	struct vo_cfg_line *l;
	unsigned long n;
	unsigned int i;
	char *end;

	n = strtoul(id, &end, 10);
	if (!*id || *end || n > 255)
		return vo_fail(p, "a line section needs the line's number: [line N]");
	for (i = 0; i < cfg->nlines; i++)
		if (cfg->lines[i].id == n)
			return vo_fail(p, "line %lu is defined twice", n);
	if (cfg->nlines == VO_CFG_LINES)
		return vo_fail(p, "at most %d lines", VO_CFG_LINES);
	l = &cfg->lines[cfg->nlines++];
	memset(l, 0, sizeof(*l));
	l->id = n;
	/*
	 * Any number, sent when the phone is quiet for interdigit-ms or at
	 * once with '#': what an ATA does before its owner sets a dial plan.
	 */
	snprintf(l->digit_map, sizeof(l->digit_map), "x.T");
	l->interdigit_ms = 4000;
	l->caller_id = VO_CFG_CID_BELL202;	/* as North American phones expect */
	l->country = -1;
	l->call_waiting = 1;	/* on, as ATAs ship it */
	p->obj = l;
	return 0;
}

static int vo_section(struct vo_parse *p, char *s)
{
	char *close = strchr(s, ']'), *name;

	if (!close || close[1])
		return vo_fail(p, "a section header is [kind] or [kind name]");
	*close = 0;
	name = strchr(s + 1, ' ');
	if (name)
		*name++ = 0;
	name = vo_trim(name ? name : close);
	if (!strcmp(s + 1, "global") && !*name) {
		p->sect = S_GLOBAL;
		p->obj = p->cfg;
		return 0;
	}
	if (!strcmp(s + 1, "account")) {
		p->sect = S_ACCOUNT;
		return vo_section_account(p, name);
	}
	if (!strcmp(s + 1, "line")) {
		p->sect = S_LINE;
		return vo_section_line(p, name);
	}
	return vo_fail(p, "unknown section [%s%s%s]", s + 1, *name ? " " : "",
		       name);
}

static int vo_line(struct vo_parse *p, char *s)
{
	char *eq, *name;

	s = vo_trim(s);
	if (!*s || *s == '#' || *s == ';')
		return 0;
	if (*s == '[')
		return vo_section(p, s);
	eq = strchr(s, '=');
	if (!eq)
		return vo_fail(p, "expected 'option = value'");
	*eq = 0;
	name = vo_trim(s);
	if (p->sect == S_NONE)
		return vo_fail(p, "'%s' before any section", name);
	return vo_option(p, name, vo_trim(eq + 1));
}

/* What no single line shows: the sections against each other. */
static int vo_config_check(struct vo_parse *p)
{
	struct vo_config *cfg = p->cfg;
	struct vo_cfg_account *a;
	unsigned int i, j;

	p->lineno = 0;		/* the file as a whole */
	if (cfg->rtp_port_min >= cfg->rtp_port_max)
		return vo_fail(p, "rtp-port-min must be below rtp-port-max");
	for (i = 0; i < cfg->naccounts; i++) {
		a = &cfg->accounts[i];
		if (!*a->user || !*a->domain)
			return vo_fail(p, "account '%s' needs a user and a domain",
				       a->name);
	}
	for (i = 0; i < cfg->nlines; i++) {
		if (!*cfg->lines[i].account)
			continue;
		for (j = 0; j < cfg->naccounts; j++)
			if (!strcmp(cfg->accounts[j].name, cfg->lines[i].account))
				break;
		if (j == cfg->naccounts)
			return vo_fail(p, "line %u: no account '%s'",
				       cfg->lines[i].id, cfg->lines[i].account);
		if (cfg->accounts[j].line >= 0)
			return vo_fail(p, "account '%s' is on two lines",
				       cfg->accounts[j].name);
		cfg->accounts[j].line = i;
	}
	return 0;
}

int vo_config_parse(struct vo_config *cfg, const char *path, const char *text,
		    char *err, size_t errlen)
{
	struct vo_parse p = {
		.cfg = cfg, .path = path, .err = err, .errlen = errlen,
	};
	char buf[1024];
	const char *nl;
	size_t n;

	vo_config_defaults(cfg);
	while (*text) {
		p.lineno++;
		nl = strchr(text, '\n');
		n = nl ? (size_t)(nl - text) : strlen(text);
		if (n >= sizeof(buf))
			return vo_fail(&p, "line longer than %zu characters",
				       sizeof(buf) - 1);
		memcpy(buf, text, n);
		buf[n] = 0;
		if (vo_line(&p, buf))
			return -1;
		text += n + !!nl;
	}
	return vo_config_check(&p);
}

int vo_config_load(struct vo_config *cfg, const char *path, char *err,
		   size_t errlen)
{
	FILE *f = fopen(path, "r");
	char *text;
	long len;
	int ret;

	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	if (len < 0 || len > 1 << 20) {
		fclose(f);
		snprintf(err, errlen, "%s: not a config file (size)", path);
		return -1;
	}
	text = calloc(1, len + 1);
	if (!text || fread(text, 1, len, f) != (size_t)len) {
		fclose(f);
		free(text);
		snprintf(err, errlen, "%s: cannot read it", path);
		return -1;
	}
	fclose(f);
	ret = vo_config_parse(cfg, path, text, err, errlen);
	free(text);
	return ret;
}
