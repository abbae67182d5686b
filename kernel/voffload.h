/* SPDX-License-Identifier: GPL-2.0 */
/*
 * voffload: voice offload for analog (FXS) phone lines.
 *
 * Declarations shared between the parts of voffload.ko.
 */
#ifndef _VO_VOFFLOAD_H
#define _VO_VOFFLOAD_H

#include <linux/types.h>

/* Release of the module, reported by modinfo and over netlink. */
#define VOFFLOAD_VERSION "0.1.0"

/* class.c: /sys/class/voffload, parent of every line's device */
extern struct class vo_class;
int vo_class_init(void);
void vo_class_exit(void);

struct genl_info;
struct netlink_callback;
struct sk_buff;

/* A kind of object that get operations report (lines, flows). */
struct vo_nl_kind {
	void *(*find)(struct genl_info *info);	/* ERR_PTR, extack set */
	void *(*next)(u32 *id);			/* at or after *id, or NULL */
	int (*fill)(struct sk_buff *msg, void *obj, u32 portid, u32 seq,
		    int flags);
};

/* netlink.c: the "voffload" generic netlink family */
int vo_nl_get_one(struct genl_info *info, const struct vo_nl_kind *kind);
int vo_nl_get_all(struct sk_buff *skb, struct netlink_callback *cb,
		  const struct vo_nl_kind *kind);
int vo_genl_init(void);
void vo_genl_exit(void);
extern struct genl_family vo_genl_family;

#endif /* _VO_VOFFLOAD_H */
