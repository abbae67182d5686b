// SPDX-License-Identifier: GPL-2.0
/*
 * voffloadd's config parser (daemon/config.c) against a table of files:
 * good ones with the values they must give, and bad ones with the error
 * (file:line and what) they must give. Prints KTAP.
 */
#include <stdio.h>
#include <string.h>
#include <syslog.h>

#include "config.h"

struct vo_case {
	const char *name;
	const char *text;
	const char *err;		/* NULL: parses */
	int (*check)(const struct vo_config *cfg);
};

static int defaults_ok(const struct vo_config *c)
{
	return c->country == VO_COUNTRY_US && c->sip_port == 5060 && c->rtp_port_min == 16384 &&
	       c->rtp_port_max == 16482 && c->dscp == 46 &&
	       c->log_level == LOG_INFO && !c->naccounts && !c->nlines;
}

static int dns_ok(const struct vo_config *c)
{
	return !strcmp(c->dns_servers, "127.0.0.1:5353,[::1]:53,::1,192.0.2.1");
}

static int country_ok(const struct vo_config *c)
{
	return c->country == VO_COUNTRY_DE && c->nlines == 2 &&
	       vo_config_country(c, &c->lines[0]) == VO_COUNTRY_DE &&
	       vo_config_country(c, &c->lines[1]) == VO_COUNTRY_GB &&
	       vo_config_country(c, NULL) == VO_COUNTRY_DE &&
	       c->lines[0].call_waiting == 1 && c->lines[1].call_waiting == 0;
}

/* gains in 0.1 dB, a hotline, inband DTMF, ghost-call protection off */
static int ata_options_ok(const struct vo_config *c)
{
	const struct vo_cfg_line *l0 = &c->lines[0], *l1 = &c->lines[1];

	return !c->ghost_call_protection &&
	       c->accounts[0].dtmf == VO_DTMF_INBAND &&
	       l0->tx_gain == -35 && l0->rx_gain == 60 &&
	       !strcmp(l0->hotline, "*98#") && l0->hotline_ms == 0 &&
	       l1->tx_gain == 0 && l1->rx_gain == -240 &&
	       !strcmp(l1->hotline, "+4930123") && l1->hotline_ms == 4000;
}

/* what an [account] and [line] get without saying */
static int ata_defaults_ok(const struct vo_config *c)
{
	return c->ghost_call_protection == 1 &&
	       c->accounts[0].dtmf == VO_DTMF_RFC4733 &&
	       !c->lines[0].tx_gain && !c->lines[0].rx_gain &&
	       !*c->lines[0].hotline;
}

static int provider_ok(const struct vo_config *c)
{
	const struct vo_cfg_account *a = &c->accounts[0];

	return c->sip_port == 5070 && c->log_level == LOG_DEBUG &&
	       c->naccounts == 1 && !strcmp(a->name, "provider") &&
	       !strcmp(a->user, "1001") && !strcmp(a->password, "s3cret = x") &&
	       !strcmp(a->domain, "sip.example.net") &&
	       a->transport == VO_TRANSPORT_TCP && a->expires == 600 &&
	       a->ncodecs == 3 && a->codecs[0] == VO_CODEC_G722 &&
	       a->codecs[2] == VO_CODEC_PCMA && c->nlines == 2 &&
	       c->lines[0].id == 0 && a->line == 0 &&
	       c->lines[1].id == 1 && !*c->lines[1].account &&
	       c->lines[1].interdigit_ms == 3000;
}

static int ipv6_hosts_ok(const struct vo_config *c)
{
	const struct vo_cfg_account *a = &c->accounts[0];

	return !strcmp(a->registrar, "[2001:db8::1]:5060") &&
	       !strcmp(a->outbound_proxy, "[::1]") &&
	       !strcmp(a->domain, "sip.example.net:5080");
}

static const struct vo_case cases[] = {
	{ "empty file: defaults", "", NULL, defaults_ok },
	{ "comments and blank lines only", "# x\n\n  ; y\n", NULL, defaults_ok },
	{ "a provider account on line 0, line 1 idle",
	  "[global]\nsip-port = 5070\nlog-level = debug\n"
	  "[account provider]\nuser = 1001\npassword = s3cret = x\n"
	  "domain = sip.example.net\ntransport = TCP\nexpires = 600\n"
	  "codecs = g722, pcmu pcma\n"
	  "[line 0]\naccount = provider\n[line 1]\ninterdigit-ms = 3000\n",
	  NULL, provider_ok },
	{ "unknown option", "[global]\nsip-prot = 5060\n",
	  "t.conf:2: unknown option 'sip-prot' here", NULL },
	{ "option of another section", "[line 0]\nuser = 1\n",
	  "t.conf:2: unknown option 'user'", NULL },
	{ "port out of range", "\n[global]\nsip-port = 70000\n",
	  "t.conf:3: sip-port must be a number from 1 to 65535, not '70000'", NULL },
	{ "not a number", "[global]\ndscp = ef\n",
	  "t.conf:2: dscp must be a number from 0 to 63", NULL },
	{ "unknown word", "[account a]\ntransport = sctp\n",
	  "t.conf:2: transport: 'sctp' is not one", NULL },
	{ "unknown codec", "[account a]\ncodecs = pcmu opus\n",
	  "t.conf:2: codecs: unknown codec 'opus'", NULL },
	{ "bad digit map", "[line 0]\ndigit-map = 9y1|x.T\n",
	  "t.conf:2: digit-map: '9y1|x.T' is not a digit map (digits, * # x [ranges] . T and |)",
	  NULL },
	{ "dns-servers: a host name", "[global]\ndns-servers = 127.0.0.1, dns.example\n",
	  "t.conf:2: dns-servers: '127.0.0.1, dns.example' is not a list of addresses",
	  NULL },
	{ "dns-servers: a bad port", "[global]\ndns-servers = 127.0.0.1:0\n",
	  "t.conf:2: dns-servers: '127.0.0.1:0' is not", NULL },
	{ "dns-servers: empty", "[global]\ndns-servers = ,\n",
	  "t.conf:2: dns-servers: ',' is not", NULL },
	{ "dns-servers: IPv4 and IPv6 with ports", "[global]\n"
	  "dns-servers = 127.0.0.1:5353,[::1]:53 ::1 , 192.0.2.1\n",
	  NULL, dns_ok },
	{ "country: global DE, line 1 GB (any case); call waiting on by default",
	  "[global]\ncountry = de\n[line 0]\n[line 1]\ncountry = GB\n"
	  "call-waiting = no\n",
	  NULL, country_ok },
	{ "gains, hotline and warm line, inband DTMF, ghost calls let in",
	  "[global]\nghost-call-protection = no\n"
	  "[account a]\nuser = 1\ndomain = d\ndtmf = inband\n"
	  "[line 0]\ntx-gain = -3.5\nrx-gain = +6\nhotline = *98#\n"
	  "[line 1]\nrx-gain = -24.0\nhotline = +4930123\n"
	  "hotline-delay-ms = 4000\n", NULL, ata_options_ok },
	{ "ghost-call protection on, RFC 4733, 0 dB and no hotline by default",
	  "[account a]\nuser = 1\ndomain = d\n[line 0]\n", NULL,
	  ata_defaults_ok },
	{ "gain: above +12 dB", "[line 0]\ntx-gain = 12.5\n",
	  "t.conf:2: tx-gain must be dB from -24.0 to 12.0, not '12.5'", NULL },
	{ "gain: two decimals", "[line 0]\nrx-gain = 1.25\n",
	  "t.conf:2: rx-gain must be dB from -24.0 to 12.0, not '1.25'", NULL },
	{ "gain: a word", "[line 0]\nrx-gain = loud\n",
	  "t.conf:2: rx-gain must be dB", NULL },
	{ "gain: a sign alone", "[line 0]\nrx-gain = -\n",
	  "t.conf:2: rx-gain must be dB", NULL },
	{ "hotline: a letter", "[line 0]\nhotline = 911a\n",
	  "t.conf:2: hotline: '911a' is not a number to dial", NULL },
	{ "hotline: longer than a phone dials",
	  "[line 0]\nhotline = 123456789012345678901234567890123\n",
	  "t.conf:2: hotline: '123456789012345678901234567890123' is not a number",
	  NULL },
	{ "hotline-delay-ms: over 30 s", "[line 0]\nhotline-delay-ms = 30001\n",
	  "t.conf:2: hotline-delay-ms must be a number from 0 to 30000", NULL },
	{ "dtmf: not a mode we have", "[account a]\ndtmf = info\n",
	  "t.conf:2: dtmf: 'info' is not one of the words it takes", NULL },
	{ "country: not one we have", "[global]\ncountry = XX\n",
	  "t.conf:2: country: 'XX' is not one of the words it takes", NULL },
	{ "IPv6 registrar and proxy in brackets", "[account a]\nuser = 1\n"
	  "domain = sip.example.net:5080\nregistrar = [2001:db8::1]:5060\n"
	  "outbound-proxy = [::1]\n", NULL, ipv6_hosts_ok },
	{ "registrar: IPv6 without brackets", "[account a]\n"
	  "registrar = 2001:db8::1\n", "t.conf:2: registrar: '2001:db8::1' is"
	  " not host[:port] (an IPv6 address in brackets", NULL },
	{ "outbound-proxy: unclosed bracket", "[account a]\n"
	  "outbound-proxy = [::1:5060\n",
	  "t.conf:2: outbound-proxy: '[::1:5060' is not host[:port]", NULL },
	{ "domain: no IPv6 address in the brackets", "[account a]\n"
	  "domain = [2001:db8::g]\n",
	  "t.conf:2: domain: '[2001:db8::g]' is not host[:port]", NULL },
	{ "registrar: port out of range", "[account a]\n"
	  "registrar = [::1]:99999\n",
	  "t.conf:2: registrar: '[::1]:99999' is not host[:port]", NULL },
	{ "registrar: IPv4 with a port out of range", "[account a]\n"
	  "registrar = 1.2.3.4:99999\n",
	  "t.conf:2: registrar: '1.2.3.4:99999' is not host[:port]", NULL },
	{ "unknown section", "[globl]\n", "t.conf:1: unknown section [globl]", NULL },
	{ "option before a section", "sip-port = 1\n",
	  "t.conf:1: 'sip-port' before any section", NULL },
	{ "no equals sign", "[global]\nsip-port 5060\n",
	  "t.conf:2: expected 'option = value'", NULL },
	{ "account without a name", "[account]\n",
	  "t.conf:1: an account section needs a name", NULL },
	{ "account defined twice", "[account a]\nuser=1\ndomain=d\n[account a]\n",
	  "t.conf:4: account 'a' is defined twice", NULL },
	{ "line without a number", "[line x]\n",
	  "t.conf:1: a line section needs the line's number", NULL },
	{ "line to a missing account", "[line 0]\naccount = nobody\n",
	  "t.conf: line 0: no account 'nobody'", NULL },
	{ "account without user or domain", "[account a]\nuser = 1\n",
	  "t.conf: account 'a' needs a user and a domain", NULL },
	{ "one account on two lines",
	  "[account a]\nuser=1\ndomain=d\n[line 0]\naccount=a\n[line 1]\naccount=a\n",
	  "t.conf: account 'a' is on two lines", NULL },
	{ "rtp ports upside down",
	  "[global]\nrtp-port-min = 20000\nrtp-port-max = 10000\n",
	  "t.conf: rtp-port-min must be below rtp-port-max", NULL },
	{ "header with junk after it", "[global] x\n",
	  "t.conf:1: a section header is", NULL },
	{ "a quote in a display name", "[account a]\ndisplay-name = Bob \"B\"\n",
	  "t.conf:2: display-name: no \", <, > or \\ in it", NULL },
};

int main(void)
{
	unsigned int i, n = sizeof(cases) / sizeof(cases[0]), fails = 0;
	static struct vo_config cfg;
	char err[256];

	printf("TAP version 13\n1..%u\n", n);
	for (i = 0; i < n; i++) {
		const struct vo_case *c = &cases[i];
		int r = vo_config_parse(&cfg, "t.conf", c->text, err, sizeof(err));
		int ok = c->err ? r < 0 && strstr(err, c->err) == err :
				  r == 0 && c->check(&cfg);

		if (!ok)
			printf("# got %s: %s\n", r ? "error" : "success", r ? err : "");
		printf("%sok %u %s\n", ok ? "" : "not ", i + 1, c->name);
		fails += !ok;
	}
	return fails ? 1 : 0;
}
