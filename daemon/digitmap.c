// SPDX-License-Identifier: GPL-2.0
#include <string.h>

#include "digitmap.h"

#define VO_DM_DONE	1	/* the digits match the whole alternative */
#define VO_DM_WAIT	2	/* ... with a T: after the timer */
#define VO_DM_MORE	4	/* a longer string could match */

/* The length of the element at @p ('x', a digit, or [set]); 0 if bad. */
static int vo_dm_elem_len(const char *p)
{
	const char *end;

	if (*p == '[') {
		end = strchr(p, ']');
		return end && end > p + 1 ? end - p + 1 : 0;
	}
	return strchr("0123456789*#ABCDx", *p) && *p ? 1 : 0;
}

static bool vo_dm_elem_takes(const char *p, int len, char c)
{
	int i;

	if (*p == 'x')
		return c >= '0' && c <= '9';
	if (*p != '[')
		return *p == c;
	for (i = 1; i < len - 1; i++) {
		if (p[i + 1] == '-' && i + 2 < len - 1) {
			if (c >= p[i] && c <= p[i + 2])
				return true;
			i += 2;
		} else if (p[i] == c) {
			return true;
		}
	}
	return false;
}

/* Match the digits @s against the alternative @p of length @n. */
static int vo_dm_alt(const char *p, int n, const char *s, bool timer)
{
	int len, r = 0;

	if (!n)
		return *s ? 0 : VO_DM_DONE | (timer ? VO_DM_WAIT : 0);
	if (*p == 'T')
		return vo_dm_alt(p + 1, n - 1, s, true);
	len = vo_dm_elem_len(p);
	if (!len || len > n)
		return 0;
	if (len < n && p[len] == '.') {
		/* none of it, or one more and the same again */
		r = vo_dm_alt(p + len + 1, n - len - 1, s, timer);
		if (!*s)
			return r | VO_DM_MORE;
		if (vo_dm_elem_takes(p, len, *s))
			r |= vo_dm_alt(p, n, s + 1, timer);
		return r;
	}
	if (!*s)
		return VO_DM_MORE;
	return vo_dm_elem_takes(p, len, *s) ?
	       vo_dm_alt(p + len, n - len, s + 1, timer) : 0;
}

enum vo_dm_result vo_digitmap_match(const char *map, const char *dialled)
{
	const char *p = map, *bar;
	int r = 0, n;

	if (!*dialled)
		return VO_DM_PARTIAL;
	if (*p == '(')
		p++;
	do {
		bar = strchr(p, '|');
		n = bar ? bar - p : (int)strcspn(p, ")");
		r |= vo_dm_alt(p, n, dialled, false);
		p = bar ? bar + 1 : NULL;
	} while (p);
	if ((r & VO_DM_DONE) && !(r & (VO_DM_WAIT | VO_DM_MORE)))
		return VO_DM_MATCH;
	if (r & VO_DM_DONE)
		return VO_DM_TIMER;
	return r & VO_DM_MORE ? VO_DM_PARTIAL : VO_DM_NOMATCH;
}

bool vo_digitmap_valid(const char *map)
{
	const char *p = map;
	int len;

	if (*p == '(')
		p++;
	while (*p && *p != ')') {
		if (*p == '|' || *p == 'T' || *p == '.') {
			/* '.' only after an element */
			if (*p == '.' && (p == map || !strchr("x]0123456789*#ABCD", p[-1])))
				return false;
			p++;
			continue;
		}
		len = vo_dm_elem_len(p);
		if (!len)
			return false;
		p += len;
	}
	if (*map == '(')
		return p[0] == ')' && p[1] == 0;
	return *p == 0;
}
