// SPDX-License-Identifier: GPL-2.0
/*
 * The voffload family's info-get over raw generic netlink: the answer, the
 * privilege check, and the rejection of bad attributes with an extack that
 * names the offending attribute.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/voffload.h>

#include "kselftest_harness.h"
#include "nl.h"

/* Offset of the first request attribute, as NLMSGERR_ATTR_OFFS reports it. */
#define FIRST_ATTR_OFFS (NLMSG_HDRLEN + GENL_HDRLEN)

static uint32_t attr_u32(const struct nlattr *a)
{
	uint32_t v;

	memcpy(&v, (const uint8_t *)a + NLA_HDRLEN, sizeof(v));
	return v;
}

static int read_line(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	int ok;

	if (!f)
		return -errno;
	ok = fgets(buf, size, f) != NULL;
	fclose(f);
	if (!ok)
		return -EIO;
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

FIXTURE(info) {
	struct vo_nl nl;
	struct vo_nl_reply r;
	uint8_t attrs[64];
};

FIXTURE_SETUP(info)
{
	ASSERT_EQ(0, vo_nl_open(&self->nl, VOFFLOAD_FAMILY_NAME))
		TH_LOG("is voffload.ko loaded?");
}

FIXTURE_TEARDOWN(info)
{
	vo_nl_close(&self->nl);
}

TEST_F(info, version_api_and_caps)
{
	const struct nlattr *a;
	char want[64];

	ASSERT_EQ(0, vo_nl_request(&self->nl, VOFFLOAD_CMD_INFO_GET,
				   NULL, 0, &self->r));
	ASSERT_EQ(0, self->r.err) TH_LOG("extack: %s", self->r.extack);
	EXPECT_EQ(VOFFLOAD_CMD_INFO_GET, self->r.cmd);

	a = vo_nl_attr(&self->r, VOFFLOAD_A_INFO_VERSION);
	ASSERT_NE(NULL, a);
	ASSERT_EQ(0, read_line("/sys/module/voffload/version", want,
			       sizeof(want)));
	EXPECT_STREQ(want, (const char *)a + NLA_HDRLEN);

	a = vo_nl_attr(&self->r, VOFFLOAD_A_INFO_API_VERSION);
	ASSERT_NE(NULL, a);
	EXPECT_EQ(VOFFLOAD_API_VERSION, attr_u32(a));

	/* Debian's kernels have IPv6 built in, so the module must say so. */
	a = vo_nl_attr(&self->r, VOFFLOAD_A_INFO_CAPS);
	ASSERT_NE(NULL, a);
	EXPECT_EQ(access("/proc/net/if_inet6", F_OK) == 0,
		  !!(attr_u32(a) & VOFFLOAD_CAPS_IPV6));
}

TEST_F(info, current_api_accepted)
{
	uint32_t need = VOFFLOAD_API_VERSION;
	size_t len = vo_nla_put(self->attrs, 0, VOFFLOAD_A_INFO_API_VERSION,
				&need, sizeof(need));

	ASSERT_EQ(0, vo_nl_request(&self->nl, VOFFLOAD_CMD_INFO_GET,
				   self->attrs, len, &self->r));
	EXPECT_EQ(0, self->r.err) TH_LOG("extack: %s", self->r.extack);
}

TEST_F(info, newer_api_refused)
{
	uint32_t need = VOFFLOAD_API_VERSION + 1;
	size_t len = vo_nla_put(self->attrs, 0, VOFFLOAD_A_INFO_API_VERSION,
				&need, sizeof(need));

	ASSERT_EQ(0, vo_nl_request(&self->nl, VOFFLOAD_CMD_INFO_GET,
				   self->attrs, len, &self->r));
	EXPECT_EQ(-EOPNOTSUPP, self->r.err);
	EXPECT_NE(NULL, strstr(self->r.extack, "newer voffload API"))
		TH_LOG("extack: '%s'", self->r.extack);
	EXPECT_TRUE(self->r.has_offs);
	EXPECT_EQ(FIRST_ATTR_OFFS, self->r.offs);
}

/* Each bad attribute: refused with @err and an extack message. */
static void expect_rejected(struct __test_metadata *_metadata,
			    struct vo_nl *nl, struct vo_nl_reply *r, int err,
			    const void *attrs, size_t len, bool names_attr)
{
	ASSERT_EQ(0, vo_nl_request(nl, VOFFLOAD_CMD_INFO_GET, attrs, len, r));
	EXPECT_EQ(err, r->err);
	EXPECT_NE('\0', r->extack[0]) TH_LOG("no extack message");
	TH_LOG("kernel said: %s", r->extack);
	if (names_attr) {
		EXPECT_TRUE(r->has_offs);
		EXPECT_EQ(FIRST_ATTR_OFFS, r->offs);
	}
}

TEST_F(info, unknown_attribute_rejected)
{
	uint32_t v = 1;
	size_t len = vo_nla_put(self->attrs, 0, 100, &v, sizeof(v));

	expect_rejected(_metadata, &self->nl, &self->r, -EINVAL, self->attrs, len, true);
}

TEST_F(info, reply_only_attribute_rejected)
{
	size_t len = vo_nla_put(self->attrs, 0, VOFFLOAD_A_INFO_VERSION,
				"9.9", 4);

	expect_rejected(_metadata, &self->nl, &self->r, -EINVAL, self->attrs, len, true);
}

TEST_F(info, short_attribute_rejected)
{
	uint16_t v = 1;
	size_t len = vo_nla_put(self->attrs, 0, VOFFLOAD_A_INFO_API_VERSION,
				&v, sizeof(v));

	expect_rejected(_metadata, &self->nl, &self->r, -EINVAL, self->attrs, len, true);
}

TEST_F(info, zero_api_version_rejected)
{
	uint32_t v = 0;
	size_t len = vo_nla_put(self->attrs, 0, VOFFLOAD_A_INFO_API_VERSION,
				&v, sizeof(v));

	expect_rejected(_metadata, &self->nl, &self->r, -ERANGE, self->attrs, len, true);
}

TEST_F(info, truncated_attribute_header_rejected)
{
	/* nla_len 3 is shorter than the attribute header itself. */
	const uint8_t bad[4] = { 3, 0, VOFFLOAD_A_INFO_API_VERSION, 0 };

	expect_rejected(_metadata, &self->nl, &self->r, -EINVAL, bad, sizeof(bad),
			false);
}

TEST_F(info, unprivileged_caller_refused)
{
	/* The harness runs each test in its own child: drop root for good. */
	ASSERT_EQ(0, setgroups(0, NULL));
	ASSERT_EQ(0, setresgid(65534, 65534, 65534));
	ASSERT_EQ(0, setresuid(65534, 65534, 65534));

	ASSERT_EQ(0, vo_nl_request(&self->nl, VOFFLOAD_CMD_INFO_GET,
				   NULL, 0, &self->r));
	EXPECT_EQ(-EPERM, self->r.err);
	EXPECT_EQ(NULL, vo_nl_attr(&self->r, VOFFLOAD_A_INFO_VERSION));
}

TEST_HARNESS_MAIN
