// SPDX-License-Identifier: GPL-2.0
/*
 * The "voffload" generic netlink family, as described by uapi/voffload.yaml.
 *
 * Every operation is GENL_ADMIN_PERM: lines are hardware shared by all
 * network namespaces, and their state says who is on a call with whom.
 * Attributes are validated strictly against per-operation policies, so
 * unknown, reply-only or malformed attributes are refused with an extack
 * message by the netlink core before any handler runs.
 */
#include <net/genetlink.h>
#include <linux/voffload.h>

#include "voffload.h"
#include "slic/slic.h"

static const struct nla_policy vo_info_get_policy[VOFFLOAD_A_INFO_API_VERSION + 1] = {
	[VOFFLOAD_A_INFO_API_VERSION] = NLA_POLICY_MIN(NLA_U32, 1),
};

static const struct nla_policy vo_cadence_policy[VOFFLOAD_A_CADENCE_MAX + 1] = {
	[VOFFLOAD_A_CADENCE_SEGMENT_MS] = NLA_POLICY_RANGE(NLA_U32, 10, 30000),
	[VOFFLOAD_A_CADENCE_LOOP_FROM] =
		NLA_POLICY_MAX(NLA_U32, VOFFLOAD_MAX_SEGMENTS - 1),
};

#define VO_WINDOW_POLICY NLA_POLICY_RANGE(NLA_U32, 1, 10000)

const struct nla_policy vo_hook_windows_policy[VOFFLOAD_A_HOOK_WINDOWS_MAX + 1] = {
	[VOFFLOAD_A_HOOK_WINDOWS_DEBOUNCE_MS] = VO_WINDOW_POLICY,
	[VOFFLOAD_A_HOOK_WINDOWS_PULSE_BREAK_MIN_MS] = VO_WINDOW_POLICY,
	[VOFFLOAD_A_HOOK_WINDOWS_PULSE_BREAK_MAX_MS] = VO_WINDOW_POLICY,
	[VOFFLOAD_A_HOOK_WINDOWS_PULSE_MAKE_MAX_MS] = VO_WINDOW_POLICY,
	[VOFFLOAD_A_HOOK_WINDOWS_FLASH_MIN_MS] = VO_WINDOW_POLICY,
	[VOFFLOAD_A_HOOK_WINDOWS_FLASH_MAX_MS] = VO_WINDOW_POLICY,
	[VOFFLOAD_A_HOOK_WINDOWS_ONHOOK_MS] = VO_WINDOW_POLICY,
};

static const struct nla_policy vo_line_get_policy[VOFFLOAD_A_LINE_ID + 1] = {
	[VOFFLOAD_A_LINE_ID] = { .type = NLA_U32 },
};

static const struct nla_policy vo_line_set_policy[VOFFLOAD_A_LINE_RX_GAIN + 1] = {
	[VOFFLOAD_A_LINE_ID] = { .type = NLA_U32 },
	/* Two-letter ISO 3166 code, NUL-terminated. */
	[VOFFLOAD_A_LINE_COUNTRY] = { .type = NLA_NUL_STRING, .len = 2 },
	[VOFFLOAD_A_LINE_CADENCE] = NLA_POLICY_NESTED(vo_cadence_policy),
	[VOFFLOAD_A_LINE_HOOK_WINDOWS] =
		NLA_POLICY_NESTED(vo_hook_windows_policy),
	[VOFFLOAD_A_LINE_TX_GAIN] = NLA_POLICY_RANGE(NLA_S32, -240, 120),
	[VOFFLOAD_A_LINE_RX_GAIN] = NLA_POLICY_RANGE(NLA_S32, -240, 120),
};

static const struct nla_policy vo_line_ctrl_policy[VOFFLOAD_A_LINE_OHT_MS + 1] = {
	[VOFFLOAD_A_LINE_ID] = { .type = NLA_U32 },
	[VOFFLOAD_A_LINE_POLARITY] =
		NLA_POLICY_MAX(NLA_U32, VOFFLOAD_POLARITY_REVERSED),
	[VOFFLOAD_A_LINE_RING] = NLA_POLICY_MAX(NLA_U8, 1),
	[VOFFLOAD_A_LINE_OHT_MS] = NLA_POLICY_RANGE(NLA_U32, 10, 10000),
};

static u32 vo_caps(void)
{
	u32 caps = 0;

	if (IS_ENABLED(CONFIG_IPV6))
		caps |= VOFFLOAD_CAPS_IPV6;
	return caps;
}

static size_t vo_info_msg_size(void)
{
	return nla_total_size(sizeof(VOFFLOAD_VERSION)) +
	       nla_total_size(sizeof(u32)) +	/* api-version */
	       nla_total_size(sizeof(u32));	/* caps */
}

static int vo_info_fill(struct sk_buff *msg)
{
	if (nla_put_string(msg, VOFFLOAD_A_INFO_VERSION, VOFFLOAD_VERSION) ||
	    nla_put_u32(msg, VOFFLOAD_A_INFO_API_VERSION, VOFFLOAD_API_VERSION) ||
	    nla_put_u32(msg, VOFFLOAD_A_INFO_CAPS, vo_caps()))
		return -EMSGSIZE;
	return 0;
}

static int vo_nl_info_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *need = info->attrs[VOFFLOAD_A_INFO_API_VERSION];
	struct sk_buff *msg;
	void *hdr;
	int err;

	if (need && nla_get_u32(need) > VOFFLOAD_API_VERSION) {
		NL_SET_ERR_MSG_ATTR(info->extack, need,
				    "caller needs a newer voffload API than this module implements");
		return -EOPNOTSUPP;
	}

	msg = genlmsg_new(vo_info_msg_size(), GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	hdr = genlmsg_put_reply(msg, info, &vo_genl_family, 0,
				VOFFLOAD_CMD_INFO_GET);
	if (!hdr) {
		err = -EMSGSIZE;
		goto err_free;
	}
	err = vo_info_fill(msg);
	if (err)
		goto err_free;

	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_free:
	nlmsg_free(msg);
	return err;
}

static const struct genl_ops vo_genl_ops[] = {
	{
		.cmd = VOFFLOAD_CMD_INFO_GET,
		.doit = vo_nl_info_get_doit,
		.policy = vo_info_get_policy,
		.maxattr = ARRAY_SIZE(vo_info_get_policy) - 1,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = VOFFLOAD_CMD_LINE_GET,
		.doit = vo_nl_line_get_doit,
		.dumpit = vo_nl_line_get_dumpit,
		.policy = vo_line_get_policy,
		.maxattr = ARRAY_SIZE(vo_line_get_policy) - 1,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = VOFFLOAD_CMD_LINE_SET,
		.doit = vo_nl_line_set_doit,
		.policy = vo_line_set_policy,
		.maxattr = ARRAY_SIZE(vo_line_set_policy) - 1,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = VOFFLOAD_CMD_LINE_CTRL,
		.doit = vo_nl_line_ctrl_doit,
		.policy = vo_line_ctrl_policy,
		.maxattr = ARRAY_SIZE(vo_line_ctrl_policy) - 1,
		.flags = GENL_ADMIN_PERM,
	},
};

static const struct genl_multicast_group vo_genl_mcgrps[] = {
	{ .name = VOFFLOAD_MCGRP_EVENTS },
};

struct genl_family vo_genl_family __ro_after_init = {
	.name = VOFFLOAD_FAMILY_NAME,
	.version = VOFFLOAD_FAMILY_VERSION,
	.netnsok = true,
	.module = THIS_MODULE,
	.ops = vo_genl_ops,
	.n_ops = ARRAY_SIZE(vo_genl_ops),
	.mcgrps = vo_genl_mcgrps,
	.n_mcgrps = ARRAY_SIZE(vo_genl_mcgrps),
};

int __init vo_genl_init(void)
{
	return genl_register_family(&vo_genl_family);
}

void vo_genl_exit(void)
{
	genl_unregister_family(&vo_genl_family);
}

/* Let a genl lookup of "voffload" autoload the module. */
MODULE_ALIAS_GENL_FAMILY(VOFFLOAD_FAMILY_NAME);
