// SPDX-License-Identifier: GPL-2.0
/* Digit-map cases in a table: map, digits, expected result. KTAP out. */
#include <stdio.h>

#include "digitmap.h"

static const struct {
	const char *map, *dialled;
	enum vo_dm_result want;
} cases[] = {
	{ "x.T", "", VO_DM_PARTIAL },
	{ "x.T", "5", VO_DM_TIMER },
	{ "x.T", "0123", VO_DM_TIMER },
	{ "x.T", "*", VO_DM_NOMATCH },
	{ "911|1xxxxxxxxxx|[2-9]xxxxxx", "9", VO_DM_PARTIAL },
	/* 911 could still become 911xxxx: wait */
	{ "911|1xxxxxxxxxx|[2-9]xxxxxx", "911", VO_DM_TIMER },
	{ "911|1xxxxxxxxxx|[2-8]xxxxxx", "911", VO_DM_MATCH },
	{ "911|1xxxxxxxxxx|[2-9]xxxxxx", "912", VO_DM_PARTIAL },
	{ "911|1xxxxxxxxxx|[2-9]xxxxxx", "9123456", VO_DM_MATCH },
	{ "911|1xxxxxxxxxx|[2-9]xxxxxx", "91234567", VO_DM_NOMATCH },
	{ "911|1xxxxxxxxxx|[2-9]xxxxxx", "16135550100", VO_DM_MATCH },
	{ "911|1xxxxxxxxxx|[2-9]xxxxxx", "0", VO_DM_NOMATCH },
	{ "(*xx|100[1-9])", "*7", VO_DM_PARTIAL },
	{ "(*xx|100[1-9])", "*72", VO_DM_MATCH },
	{ "(*xx|100[1-9])", "1002", VO_DM_MATCH },
	{ "(*xx|100[1-9])", "1000", VO_DM_NOMATCH },
	{ "100x|100xT", "1002", VO_DM_TIMER },
	{ "00x.T|[1-9]x.#", "004", VO_DM_TIMER },
	{ "00x.T|[1-9]x.#", "55#", VO_DM_MATCH },
	{ "[13-5]x", "25", VO_DM_NOMATCH },
	{ "[13-5]x", "45", VO_DM_MATCH },
};

static const struct {
	const char *map;
	int valid;
} syntax[] = {
	{ "x.T", 1 }, { "(911|x.T)", 1 }, { "[2-9]xxxxxx", 1 }, { ".x", 0 },
	{ "12[", 0 }, { "[]", 0 }, { "9y1", 0 }, { "(911", 0 }, { "911)", 0 },
};

int main(void)
{
	unsigned int i, n = sizeof(cases) / sizeof(cases[0]);
	unsigned int m = sizeof(syntax) / sizeof(syntax[0]);
	int fails = 0;

	printf("TAP version 13\n1..%u\n", n + m);
	for (i = 0; i < n; i++) {
		enum vo_dm_result got = vo_digitmap_match(cases[i].map,
							  cases[i].dialled);
		int ok = got == cases[i].want;

		fails += !ok;
		printf("%sok %u map '%s' digits '%s': %d (want %d)\n",
		       ok ? "" : "not ", i + 1, cases[i].map, cases[i].dialled,
		       got, cases[i].want);
	}
	for (i = 0; i < m; i++) {
		int ok = vo_digitmap_valid(syntax[i].map) == syntax[i].valid;

		fails += !ok;
		printf("%sok %u map '%s' is %svalid\n", ok ? "" : "not ",
		       n + i + 1, syntax[i].map, syntax[i].valid ? "" : "in");
	}
	return fails ? 1 : 0;
}
