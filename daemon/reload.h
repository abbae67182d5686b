/* SPDX-License-Identifier: GPL-2.0 */
/* SIGHUP: the config read again and applied (reload.c). */
#ifndef VOFFLOADD_RELOAD_H
#define VOFFLOADD_RELOAD_H

#include <stdbool.h>

#include "config.h"

void vo_reload(struct vo_config *cfg, const char *path);
/* true once a reload has stopped the loop for a restart on the new file */
bool vo_reload_restarting(void);

#endif
