// SPDX-License-Identifier: GPL-2.0
/*
 * voffload: voice offload for analog (FXS) phone lines.
 *
 * Module entry points: bring the parts up in dependency order and take them
 * down in reverse, so that nothing userspace can reach outlives what it uses.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>

#include "voffload.h"
#include "slic/slic.h"

static int __init vo_mod_init(void)
{
	int err;

	err = vo_class_init();
	if (err)
		return err;

	err = vo_pcm_init();
	if (err)
		goto err_class;

	/* Netlink last: once the family exists, userspace can call us. */
	err = vo_genl_init();
	if (err)
		goto err_pcm;

	pr_info("version " VOFFLOAD_VERSION " loaded\n");
	return 0;

err_pcm:
	vo_pcm_exit();
err_class:
	vo_class_exit();
	return err;
}

static void __exit vo_mod_exit(void)
{
	vo_genl_exit();
	vo_event_flush();
	vo_pcm_exit();
	vo_class_exit();
}

module_init(vo_mod_init);
module_exit(vo_mod_exit);

MODULE_DESCRIPTION("Voice offload for analog phone lines: SLIC, RTP fast path");
MODULE_LICENSE("GPL");
MODULE_VERSION(VOFFLOAD_VERSION);
