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
#include "rtp_fastpath/fastpath.h"
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

	err = vo_flows_init();
	if (err)
		goto err_pcm;

	/* Netlink last: once the family exists, userspace can call us. */
	err = vo_genl_init();
	if (err)
		goto err_flows;

	pr_info("version " VOFFLOAD_VERSION " loaded\n");
	return 0;

err_flows:
	vo_flows_exit();
err_pcm:
	vo_pcm_exit();
err_class:
	vo_class_exit();
	return err;
}

static void __exit vo_mod_exit(void)
{
	/* Flows end with an event, so before the family goes. */
	vo_flows_exit();
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
