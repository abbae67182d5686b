/* SPDX-License-Identifier: GPL-2.0 */
/*
 * voffload: voice offload for analog (FXS) phone lines.
 *
 * Declarations shared between the parts of voffload.ko.
 */
#ifndef _VO_VOFFLOAD_H
#define _VO_VOFFLOAD_H

/* Release of the module, reported by modinfo and over netlink. */
#define VOFFLOAD_VERSION "0.1.0"

/* class.c: /sys/class/voffload, parent of every line's device */
extern struct class vo_class;
int vo_class_init(void);
void vo_class_exit(void);

/* netlink.c: the "voffload" generic netlink family */
int vo_genl_init(void);
void vo_genl_exit(void);
extern struct genl_family vo_genl_family;

#endif /* _VO_VOFFLOAD_H */
