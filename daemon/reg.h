/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Registration of each account's line (RFC 3261 10): REGISTER to the
 * registrar (through the outbound proxy if set), digest on 401/407,
 * refresh before expiry, 423 Min-Expires honoured, back-off after
 * failures, unregister at shutdown.
 */
#ifndef VOFFLOADD_REG_H
#define VOFFLOADD_REG_H

#include <stdbool.h>
#include <stdio.h>

#include "addr.h"
#include "config.h"

int vo_reg_start(const struct vo_config *cfg);
/* Unregister every account (Expires: 0), waiting at most @ms for answers. */
void vo_reg_stop(unsigned int ms);
/*
 * Does @from belong to @a's outbound proxy or registrar (as last
 * resolved)? Requests from anywhere else are not for us.
 */
bool vo_reg_trusted(const struct vo_cfg_account *a,
		    const union vo_addr *from);
/* voffloadctl's "accounts": one row per account. */
void vo_reg_show(FILE *out);

#endif
