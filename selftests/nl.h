/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small raw generic netlink client for the selftests. Raw, not libnl,
 * because the tests must be able to send deliberately malformed attributes
 * and read the kernel's extended ack (message and offending offset).
 */
#ifndef _VO_SELFTEST_NL_H
#define _VO_SELFTEST_NL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/netlink.h>

struct vo_nl {
	int fd;
	uint16_t family;
	uint32_t seq;
};

struct vo_nl_reply {
	int err;		/* 0, or the negative errno the kernel returned */
	char extack[256];	/* NLMSGERR_ATTR_MSG, "" when none */
	bool has_offs;		/* NLMSGERR_ATTR_OFFS was present */
	uint32_t offs;		/* offset of the offending attribute */
	uint32_t miss_type;	/* NLMSGERR_ATTR_MISS_TYPE, 0 when none */
	uint8_t cmd;		/* genl command of the reply, when !err */
	const struct nlattr *attrs;	/* reply attributes, when !err */
	size_t attrs_len;
	uint8_t buf[16384];
};

/* Open a socket and resolve the family @name; 0 or -errno. */
int vo_nl_open(struct vo_nl *nl, const char *name);
void vo_nl_close(struct vo_nl *nl);

/* Append one attribute to @buf at @off; returns the new offset. */
size_t vo_nla_put(uint8_t *buf, size_t off, uint16_t type,
		  const void *data, uint16_t len);

/*
 * Send a request for @cmd whose attribute area is exactly @attrs/@len (so a
 * test can make it malformed) and wait for the answer to that request.
 * Returns 0 when an answer arrived (see r->err), -errno on socket failure.
 */
int vo_nl_request(struct vo_nl *nl, uint8_t cmd, const void *attrs,
		  size_t len, struct vo_nl_reply *r);

/* Join the multicast group @group of the family @nl was opened for. */
int vo_nl_join(struct vo_nl *nl, const char *family, const char *group);

/*
 * Wait up to @timeout_ms for one multicast message; its command and
 * attributes land in @r as for a reply. 0, -ETIMEDOUT or -errno.
 */
int vo_nl_recv_mcast(struct vo_nl *nl, int timeout_ms, struct vo_nl_reply *r);

/* Start and end a nested attribute in @buf; see vo_nla_put(). */
size_t vo_nla_nest_start(uint8_t *buf, size_t off, uint16_t type);
void vo_nla_nest_end(uint8_t *buf, size_t start, size_t end);

/* The reply attribute of @type, or NULL. */
const struct nlattr *vo_nl_attr(const struct vo_nl_reply *r, uint16_t type);

#endif /* _VO_SELFTEST_NL_H */
