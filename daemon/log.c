// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <stdio.h>

#include "log.h"

int vo_log_level = LOG_INFO;

void vo_log(int level, const char *fmt, ...)
{
	static const char *const tag[] = {
		"emerg", "alert", "crit", "error", "warning", "notice", "info",
		"debug",
	};
	va_list ap;

	if (level > vo_log_level)
		return;
	fprintf(stderr, "voffloadd: %s: ", tag[level & 7]);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
