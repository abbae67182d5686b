// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/class/voffload: every FXS line appears here as a device, with its
 * counters under statistics/, as network devices do under /sys/class/net.
 */
#include <linux/device.h>

#include "voffload.h"

static struct attribute *vo_class_attrs[] = {
	&class_attr_tick_work_max_us.attr,
	NULL,
};
ATTRIBUTE_GROUPS(vo_class);

struct class vo_class = {
	.name = "voffload",
	.class_groups = vo_class_groups,
};

int vo_class_init(void)
{
	return class_register(&vo_class);
}

void vo_class_exit(void)
{
	class_unregister(&vo_class);
}
