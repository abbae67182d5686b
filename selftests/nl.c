// SPDX-License-Identifier: GPL-2.0
/* Raw generic netlink client for the selftests; see nl.h. */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/genetlink.h>

#include "nl.h"

#define NLA_ALIGN_LEN(len) (((len) + NLA_ALIGNTO - 1) & ~(NLA_ALIGNTO - 1))

size_t vo_nla_put(uint8_t *buf, size_t off, uint16_t type,
		  const void *data, uint16_t len)
{
	struct nlattr nla = { .nla_len = NLA_HDRLEN + len, .nla_type = type };

	memcpy(buf + off, &nla, sizeof(nla));
	memcpy(buf + off + NLA_HDRLEN, data, len);
	memset(buf + off + NLA_HDRLEN + len, 0,
	       NLA_ALIGN_LEN(len) - len);
	return off + NLA_HDRLEN + NLA_ALIGN_LEN(len);
}

size_t vo_nla_nest_start(uint8_t *buf, size_t off, uint16_t type)
{
	struct nlattr nla = { .nla_len = NLA_HDRLEN,
			      .nla_type = type | NLA_F_NESTED };

	memcpy(buf + off, &nla, sizeof(nla));
	return off + NLA_HDRLEN;
}

void vo_nla_nest_end(uint8_t *buf, size_t start, size_t end)
{
	struct nlattr nla;

	memcpy(&nla, buf + start, sizeof(nla));
	nla.nla_len = end - start;
	memcpy(buf + start, &nla, sizeof(nla));
}

static const struct nlattr *find_attr(const uint8_t *p, size_t len,
				      uint16_t type)
{
	while (len >= NLA_HDRLEN) {
		const struct nlattr *nla = (const void *)p;
		size_t step = NLA_ALIGN_LEN(nla->nla_len);

		if (nla->nla_len < NLA_HDRLEN || nla->nla_len > len)
			return NULL;
		if ((nla->nla_type & NLA_TYPE_MASK) == type)
			return nla;
		if (step >= len)
			return NULL;
		p += step;
		len -= step;
	}
	return NULL;
}

const struct nlattr *vo_nl_attr(const struct vo_nl_reply *r, uint16_t type)
{
	return find_attr((const uint8_t *)r->attrs, r->attrs_len, type);
}

/* Pull the extack message and offset out of an NLMSG_ERROR message. */
static void parse_error(const struct nlmsghdr *nlh, struct vo_nl_reply *r)
{
	const struct nlmsgerr *e = NLMSG_DATA(nlh);
	const uint8_t *tlv = (const uint8_t *)e + sizeof(*e);
	size_t hdr_len = NLMSG_HDRLEN + sizeof(*e);
	const struct nlattr *a;

	r->err = e->error;
	/* Without NLM_F_CAPPED the whole request is echoed before the TLVs. */
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
		tlv += e->msg.nlmsg_len - NLMSG_HDRLEN;
		hdr_len += e->msg.nlmsg_len - NLMSG_HDRLEN;
	}
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) || nlh->nlmsg_len <= hdr_len)
		return;
	a = find_attr(tlv, nlh->nlmsg_len - hdr_len, NLMSGERR_ATTR_MSG);
	if (a) {
		size_t n = a->nla_len - NLA_HDRLEN;

		if (n >= sizeof(r->extack))
			n = sizeof(r->extack) - 1;
		memcpy(r->extack, (const uint8_t *)a + NLA_HDRLEN, n);
		r->extack[n] = '\0';
	}
	a = find_attr(tlv, nlh->nlmsg_len - hdr_len, NLMSGERR_ATTR_MISS_TYPE);
	if (a)
		memcpy(&r->miss_type, (const uint8_t *)a + NLA_HDRLEN,
		       sizeof(r->miss_type));
	a = find_attr(tlv, nlh->nlmsg_len - hdr_len, NLMSGERR_ATTR_OFFS);
	if (a) {
		memcpy(&r->offs, (const uint8_t *)a + NLA_HDRLEN,
		       sizeof(r->offs));
		r->has_offs = true;
	}
}

static int send_request(struct vo_nl *nl, uint16_t family, uint8_t cmd,
			const void *attrs, size_t len)
{
	uint8_t msg[4096];
	struct nlmsghdr *nlh = (void *)msg;
	struct genlmsghdr *g = NLMSG_DATA(nlh);
	size_t total = NLMSG_HDRLEN + GENL_HDRLEN + len;

	if (total > sizeof(msg))
		return -EMSGSIZE;
	memset(msg, 0, NLMSG_HDRLEN + GENL_HDRLEN);
	nlh->nlmsg_len = total;
	nlh->nlmsg_type = family;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = ++nl->seq;
	g->cmd = cmd;
	g->version = 1;
	memcpy(msg + NLMSG_HDRLEN + GENL_HDRLEN, attrs, len);
	if (send(nl->fd, msg, total, 0) != (ssize_t)total)
		return -errno;
	return 0;
}

/*
 * Read until the NLMSG_ERROR (ack or error) for our sequence number. The
 * reply, if any, stays in r->buf; later datagrams go to a scratch buffer.
 */
static int recv_answer(struct vo_nl *nl, struct vo_nl_reply *r)
{
	uint8_t scratch[4096];
	bool have_reply = false;

	for (;;) {
		uint8_t *buf = have_reply ? scratch : r->buf;
		size_t size = have_reply ? sizeof(scratch) : sizeof(r->buf);
		ssize_t n = recv(nl->fd, buf, size, 0);
		struct nlmsghdr *nlh = (void *)buf;

		if (n < 0)
			return -errno;
		for (; NLMSG_OK(nlh, n); nlh = NLMSG_NEXT(nlh, n)) {
			if (nlh->nlmsg_seq != nl->seq)
				continue;
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				parse_error(nlh, r);
				return 0;
			}
			if (have_reply)
				continue;
			r->cmd = ((struct genlmsghdr *)NLMSG_DATA(nlh))->cmd;
			r->attrs = (void *)((uint8_t *)NLMSG_DATA(nlh) +
					    GENL_HDRLEN);
			r->attrs_len = nlh->nlmsg_len - NLMSG_HDRLEN -
				       GENL_HDRLEN;
			have_reply = true;
		}
	}
}

static int request(struct vo_nl *nl, uint16_t family, uint8_t cmd,
		   const void *attrs, size_t len, struct vo_nl_reply *r)
{
	int err;

	memset(r, 0, offsetof(struct vo_nl_reply, buf));
	err = send_request(nl, family, cmd, attrs, len);
	return err ? err : recv_answer(nl, r);
}

int vo_nl_request(struct vo_nl *nl, uint8_t cmd, const void *attrs,
		  size_t len, struct vo_nl_reply *r)
{
	return request(nl, nl->family, cmd, attrs, len, r);
}

int vo_nl_open(struct vo_nl *nl, const char *name)
{
	static struct vo_nl_reply r;
	const struct nlattr *id;
	uint8_t attrs[64];
	size_t len;
	int one = 1;
	int err;

	nl->seq = 0;
	nl->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (nl->fd < 0)
		return -errno;
	if (setsockopt(nl->fd, SOL_NETLINK, NETLINK_EXT_ACK, &one,
		       sizeof(one)) ||
	    setsockopt(nl->fd, SOL_NETLINK, NETLINK_CAP_ACK, &one,
		       sizeof(one))) {
		err = -errno;
		goto err_close;
	}

	len = vo_nla_put(attrs, 0, CTRL_ATTR_FAMILY_NAME, name,
			 strlen(name) + 1);
	err = request(nl, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, attrs, len, &r);
	if (!err)
		err = r.err;
	id = err ? NULL : vo_nl_attr(&r, CTRL_ATTR_FAMILY_ID);
	if (!id) {
		err = err ? err : -ENOENT;
		goto err_close;
	}
	memcpy(&nl->family, (const uint8_t *)id + NLA_HDRLEN,
	       sizeof(nl->family));
	return 0;

err_close:
	close(nl->fd);
	nl->fd = -1;
	return err;
}

void vo_nl_close(struct vo_nl *nl)
{
	if (nl->fd >= 0)
		close(nl->fd);
	nl->fd = -1;
}

/* The id of multicast group @group in a CTRL_CMD_GETFAMILY reply. */
static int mcast_group_id(const struct vo_nl_reply *r, const char *group)
{
	const struct nlattr *groups = vo_nl_attr(r, CTRL_ATTR_MCAST_GROUPS);
	const uint8_t *p;
	size_t rem;

	if (!groups)
		return -ENOENT;
	p = (const uint8_t *)groups + NLA_HDRLEN;
	rem = groups->nla_len - NLA_HDRLEN;
	while (rem >= NLA_HDRLEN) {
		const struct nlattr *g = (const void *)p;
		size_t glen = g->nla_len - NLA_HDRLEN;
		const uint8_t *gp = p + NLA_HDRLEN;
		const struct nlattr *name = find_attr(gp, glen,
						      CTRL_ATTR_MCAST_GRP_NAME);
		const struct nlattr *id = find_attr(gp, glen,
						    CTRL_ATTR_MCAST_GRP_ID);
		size_t step = NLA_ALIGN_LEN(g->nla_len);

		if (name && id &&
		    !strcmp((const char *)name + NLA_HDRLEN, group)) {
			uint32_t v;

			memcpy(&v, (const uint8_t *)id + NLA_HDRLEN, sizeof(v));
			return v;
		}
		if (g->nla_len < NLA_HDRLEN || step >= rem)
			break;
		p += step;
		rem -= step;
	}
	return -ENOENT;
}

int vo_nl_join(struct vo_nl *nl, const char *family, const char *group)
{
	static struct vo_nl_reply r;
	uint8_t attrs[64];
	size_t len;
	int id, err;

	len = vo_nla_put(attrs, 0, CTRL_ATTR_FAMILY_NAME, family,
			 strlen(family) + 1);
	err = request(nl, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, attrs, len, &r);
	if (err || r.err)
		return err ? err : r.err;
	id = mcast_group_id(&r, group);
	if (id < 0)
		return id;
	if (setsockopt(nl->fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &id,
		       sizeof(id)))
		return -errno;
	return 0;
}

int vo_nl_recv_mcast(struct vo_nl *nl, int timeout_ms, struct vo_nl_reply *r)
{
	struct pollfd pfd = { .fd = nl->fd, .events = POLLIN };
	struct nlmsghdr *nlh = (void *)r->buf;
	ssize_t n;

	memset(r, 0, offsetof(struct vo_nl_reply, buf));
	for (;;) {
		int ready = poll(&pfd, 1, timeout_ms);

		if (ready < 0)
			return -errno;
		if (!ready)
			return -ETIMEDOUT;
		n = recv(nl->fd, r->buf, sizeof(r->buf), 0);
		if (n < 0)
			return -errno;
		/* Multicast messages carry sequence number 0. */
		if (!NLMSG_OK(nlh, n) || nlh->nlmsg_seq ||
		    nlh->nlmsg_type < NLMSG_MIN_TYPE)
			continue;
		r->cmd = ((struct genlmsghdr *)NLMSG_DATA(nlh))->cmd;
		r->attrs = (void *)((uint8_t *)NLMSG_DATA(nlh) + GENL_HDRLEN);
		r->attrs_len = nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
		return 0;
	}
}
