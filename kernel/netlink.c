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
#include "rtp_fastpath/fastpath.h"
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

const struct nla_policy vo_jitter_policy[VOFFLOAD_A_JITTER_MAX + 1] = {
	[VOFFLOAD_A_JITTER_MODE] =
		NLA_POLICY_MAX(NLA_U32, VOFFLOAD_JB_MODE_ADAPTIVE),
	[VOFFLOAD_A_JITTER_INITIAL_MS] = NLA_POLICY_MAX(NLA_U32, 500),
	[VOFFLOAD_A_JITTER_MIN_MS] = NLA_POLICY_MAX(NLA_U32, 500),
	[VOFFLOAD_A_JITTER_MAX_MS] = NLA_POLICY_MAX(NLA_U32, 500),
};

/* An hour: a short max of a policy is an s16 (non-const for 6.1). */
static struct netlink_range_validation vo_rtp_timeout_range = {
	.max = 3600000,
};

/* What flow-new and flow-set may carry; each handler takes its part. */
#define VO_FLOW_POLICY_COMMON						\
	[VOFFLOAD_A_FLOW_REMOTE_IPV4] = { .type = NLA_BE32 },		\
	[VOFFLOAD_A_FLOW_REMOTE_IPV6] = NLA_POLICY_EXACT_LEN(16),	\
	[VOFFLOAD_A_FLOW_REMOTE_PORT] = { .type = NLA_BE16 },		\
	[VOFFLOAD_A_FLOW_CODEC] =					\
		NLA_POLICY_MAX(NLA_U32, VOFFLOAD_CODEC_L16),		\
	[VOFFLOAD_A_FLOW_PAYLOAD_TYPE] = NLA_POLICY_MAX(NLA_U8, 127),	\
	[VOFFLOAD_A_FLOW_PTIME_MS] = { .type = NLA_U32 },		\
	[VOFFLOAD_A_FLOW_TX_EVENT_PT] = NLA_POLICY_MAX(NLA_U8, 127),	\
	[VOFFLOAD_A_FLOW_RX_EVENT_PT] = NLA_POLICY_MAX(NLA_U8, 127),	\
	[VOFFLOAD_A_FLOW_DIRECTION] =					\
		NLA_POLICY_MAX(NLA_U32, VOFFLOAD_DIRECTION_INACTIVE),	\
	[VOFFLOAD_A_FLOW_JITTER] = NLA_POLICY_NESTED(vo_jitter_policy)

static const struct nla_policy vo_flow_new_policy[VOFFLOAD_A_FLOW_RTP_TIMEOUT_MS + 1] = {
	VO_FLOW_POLICY_COMMON,
	[VOFFLOAD_A_FLOW_LINE] = { .type = NLA_U32 },
	[VOFFLOAD_A_FLOW_FD] = { .type = NLA_S32 },
	[VOFFLOAD_A_FLOW_SSRC] = { .type = NLA_U32 },
	[VOFFLOAD_A_FLOW_DSCP] = NLA_POLICY_MAX(NLA_U8, 63),
	[VOFFLOAD_A_FLOW_LATCH] = NLA_POLICY_MAX(NLA_U8, 1),
	[VOFFLOAD_A_FLOW_RTP_TIMEOUT_MS] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &vo_rtp_timeout_range),
};

static const struct nla_policy vo_flow_set_policy[VOFFLOAD_A_FLOW_DIRECTION + 1] = {
	VO_FLOW_POLICY_COMMON,
	[VOFFLOAD_A_FLOW_ID] = { .type = NLA_U32 },
};

static const struct nla_policy vo_flow_id_policy[VOFFLOAD_A_FLOW_ID + 1] = {
	[VOFFLOAD_A_FLOW_ID] = { .type = NLA_U32 },
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

/* get (do): the object the request names, in a reply of its own. */
int vo_nl_get_one(struct genl_info *info, const struct vo_nl_kind *kind)
{
	struct sk_buff *msg;
	void *obj;
	int err;

	msg = nlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	mutex_lock(&vo_lines_mutex);
	obj = kind->find(info);
	err = PTR_ERR_OR_ZERO(obj);
	if (!err)
		err = kind->fill(msg, obj, info->snd_portid, info->snd_seq, 0);
	mutex_unlock(&vo_lines_mutex);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/* get (dump): every object in id order, resuming where the last part ended. */
int vo_nl_get_all(struct sk_buff *skb, struct netlink_callback *cb,
		  const struct vo_nl_kind *kind)
{
	u32 id = cb->args[0];
	void *obj;
	int err = 0;

	mutex_lock(&vo_lines_mutex);
	for (; (obj = kind->next(&id)); id++) {
		err = kind->fill(skb, obj, NETLINK_CB(cb->skb).portid,
				 cb->nlh->nlmsg_seq, NLM_F_MULTI);
		if (err)
			break;
	}
	mutex_unlock(&vo_lines_mutex);
	cb->args[0] = id;
	/* A full skb ends this part of the dump; the next resumes at id. */
	if (err == -EMSGSIZE && skb->len)
		err = 0;
	return err ?: skb->len;
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
	{
		.cmd = VOFFLOAD_CMD_FLOW_NEW,
		.doit = vo_nl_flow_new_doit,
		.policy = vo_flow_new_policy,
		.maxattr = ARRAY_SIZE(vo_flow_new_policy) - 1,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = VOFFLOAD_CMD_FLOW_SET,
		.doit = vo_nl_flow_set_doit,
		.policy = vo_flow_set_policy,
		.maxattr = ARRAY_SIZE(vo_flow_set_policy) - 1,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = VOFFLOAD_CMD_FLOW_DEL,
		.doit = vo_nl_flow_del_doit,
		.policy = vo_flow_id_policy,
		.maxattr = ARRAY_SIZE(vo_flow_id_policy) - 1,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = VOFFLOAD_CMD_FLOW_GET,
		.doit = vo_nl_flow_get_doit,
		.dumpit = vo_nl_flow_get_dumpit,
		.policy = vo_flow_id_policy,
		.maxattr = ARRAY_SIZE(vo_flow_id_policy) - 1,
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
