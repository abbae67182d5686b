/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The control socket voffloadctl talks to: a Unix stream socket; a client
 * sends one command line, reads the answer to end of file.
 */
#ifndef VOFFLOADD_CTL_H
#define VOFFLOADD_CTL_H

int vo_ctl_open(const char *path);
void vo_ctl_close(void);

#endif
