/* SPDX-License-Identifier: GPL-2.0 */
/* Logging: syslog levels, to stderr (procd and tests read it there). */
#ifndef VOFFLOADD_LOG_H
#define VOFFLOADD_LOG_H

#include <syslog.h>

extern int vo_log_level;

void vo_log(int level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define vo_err(...)	vo_log(LOG_ERR, __VA_ARGS__)
#define vo_warn(...)	vo_log(LOG_WARNING, __VA_ARGS__)
#define vo_info(...)	vo_log(LOG_INFO, __VA_ARGS__)
#define vo_dbg(...)	vo_log(LOG_DEBUG, __VA_ARGS__)

#endif
