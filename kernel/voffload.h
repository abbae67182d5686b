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

#include <linux/version.h>

/* Class attribute callbacks take const pointers from 6.4 on. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
#define VO_CLASS_CONST const
#else
#define VO_CLASS_CONST
#endif

/* class.c: /sys/class/voffload, parent of every line's device */
extern struct class vo_class;
/* clock.c: the tick's budget use, /sys/class/voffload/tick_work_max_us */
extern struct class_attribute class_attr_tick_work_max_us;
int vo_class_init(void);
void vo_class_exit(void);

/* netlink.c: the "voffload" generic netlink family */
int vo_genl_init(void);
void vo_genl_exit(void);
extern struct genl_family vo_genl_family;

#endif /* _VO_VOFFLOAD_H */
