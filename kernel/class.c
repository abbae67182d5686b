// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/class/voffload: every FXS line appears here as a device, with its
 * counters under statistics/, as network devices do under /sys/class/net.
 */
#include <linux/device.h>

#include "voffload.h"

struct class vo_class = {
	.name = "voffload",
};

int vo_class_init(void)
{
	return class_register(&vo_class);
}

void vo_class_exit(void)
{
	class_unregister(&vo_class);
}
