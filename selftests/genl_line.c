// SPDX-License-Identifier: GPL-2.0
/*
 * Bad requests on line objects: each is refused with the right error and
 * an extack that says what is wrong, and the line keeps its settings.
 */
#include <errno.h>
#include <grp.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/voffload.h>

#include "kselftest_harness.h"
#include "nl.h"

#define FIRST_ATTR_OFFS (NLMSG_HDRLEN + GENL_HDRLEN)

static size_t put_u32(uint8_t *buf, size_t off, uint16_t type, uint32_t v)
{
	return vo_nla_put(buf, off, type, &v, sizeof(v));
}

/* Line 0's id and one nest of (type, u32) pairs: a line-set request. */
static size_t line0_nest(uint8_t *buf, uint16_t nest_type,
			 const uint32_t (*kv)[2], int n)
{
	size_t len = put_u32(buf, 0, VOFFLOAD_A_LINE_ID, 0);
	size_t start = len;
	int i;

	len = vo_nla_nest_start(buf, len, nest_type);
	for (i = 0; i < n; i++)
		len = put_u32(buf, len, kv[i][0], kv[i][1]);
	vo_nla_nest_end(buf, start, len);
	return len;
}

FIXTURE(line) {
	struct vo_nl nl;
	struct vo_nl_reply r;
	uint8_t attrs[512];
	uint8_t before[4096];
	size_t before_len;
};

/* The line's settings as line-get reports them (minus the counters). */
static size_t settings(struct vo_nl *nl, struct vo_nl_reply *r, uint8_t *out)
{
	static const uint16_t keep[] = {
		VOFFLOAD_A_LINE_COUNTRY, VOFFLOAD_A_LINE_CADENCE,
		VOFFLOAD_A_LINE_HOOK_WINDOWS, VOFFLOAD_A_LINE_TX_GAIN,
		VOFFLOAD_A_LINE_RX_GAIN,
	};
	uint8_t req[16];
	size_t len = 0;
	unsigned int i;

	if (vo_nl_request(nl, VOFFLOAD_CMD_LINE_GET, req,
			  put_u32(req, 0, VOFFLOAD_A_LINE_ID, 0), r) || r->err)
		return 0;
	for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++) {
		const struct nlattr *a = vo_nl_attr(r, keep[i]);

		if (a) {
			memcpy(out + len, a, a->nla_len);
			len += a->nla_len;
		}
	}
	return len;
}

FIXTURE_SETUP(line)
{
	if (access("/sys/class/voffload/line0", F_OK))
		ASSERT_EQ(0, system("modprobe vslic lines=2"));
	ASSERT_EQ(0, vo_nl_open(&self->nl, VOFFLOAD_FAMILY_NAME));
	self->before_len = settings(&self->nl, &self->r, self->before);
	ASSERT_NE(0, self->before_len);
}

FIXTURE_TEARDOWN(line)
{
	vo_nl_close(&self->nl);
}

/*
 * Refused with @err and an extack message (containing @msg if given), and
 * line 0 unchanged. The refusal stays in self->r.
 */
static void refused(struct __test_metadata *_metadata,
		    FIXTURE_DATA(line) *self, uint8_t cmd, size_t len,
		    int err, const char *msg)
{
	struct vo_nl_reply *after = malloc(sizeof(*after));
	uint8_t now[4096];

	ASSERT_NE(NULL, after);
	ASSERT_EQ(0, vo_nl_request(&self->nl, cmd, self->attrs, len,
				   &self->r));
	EXPECT_EQ(err, self->r.err);
	TH_LOG("kernel said: '%s'", self->r.extack);
	EXPECT_NE('\0', self->r.extack[0]);
	if (msg)
		EXPECT_NE(NULL, strstr(self->r.extack, msg));
	ASSERT_EQ(self->before_len, settings(&self->nl, after, now));
	EXPECT_EQ(0, memcmp(self->before, now, self->before_len));
	free(after);
}

TEST_F(line, get_without_id)
{
	ASSERT_EQ(0, vo_nl_request(&self->nl, VOFFLOAD_CMD_LINE_GET, NULL, 0,
				   &self->r));
	EXPECT_EQ(-EINVAL, self->r.err);
	EXPECT_EQ(VOFFLOAD_A_LINE_ID, self->r.miss_type);
}

TEST_F(line, unknown_line)
{
	size_t len = put_u32(self->attrs, 0, VOFFLOAD_A_LINE_ID, 4000);

	refused(_metadata, self, VOFFLOAD_CMD_LINE_CTRL, len, -ENODEV,
		"no line with this id");
	EXPECT_EQ(FIRST_ATTR_OFFS, self->r.offs);
}

TEST_F(line, too_many_segments)
{
	uint32_t kv[VOFFLOAD_MAX_SEGMENTS + 1][2];
	size_t len;
	int i;

	for (i = 0; i <= VOFFLOAD_MAX_SEGMENTS; i++) {
		kv[i][0] = VOFFLOAD_A_CADENCE_SEGMENT_MS;
		kv[i][1] = 100;
	}
	len = line0_nest(self->attrs, VOFFLOAD_A_LINE_CADENCE, kv, i);
	refused(_metadata, self, VOFFLOAD_CMD_LINE_SET, len, -EINVAL,
		"too many cadence segments");
}

TEST_F(line, segment_too_short)
{
	static const uint32_t kv[][2] = {
		{ VOFFLOAD_A_CADENCE_SEGMENT_MS, 5 },
	};
	size_t len = line0_nest(self->attrs, VOFFLOAD_A_LINE_CADENCE, kv, 1);

	refused(_metadata, self, VOFFLOAD_CMD_LINE_SET, len, -ERANGE, NULL);
}

TEST_F(line, loop_point_past_the_end)
{
	static const uint32_t kv[][2] = {
		{ VOFFLOAD_A_CADENCE_SEGMENT_MS, 500 },
		{ VOFFLOAD_A_CADENCE_SEGMENT_MS, 500 },
		{ VOFFLOAD_A_CADENCE_LOOP_FROM, 2 },
	};
	size_t len = line0_nest(self->attrs, VOFFLOAD_A_LINE_CADENCE, kv, 3);

	refused(_metadata, self, VOFFLOAD_CMD_LINE_SET, len, -EINVAL,
		"loop-from is past the last segment");
}

TEST_F(line, debounce_not_below_pulse)
{
	static const uint32_t kv[][2] = {
		{ VOFFLOAD_A_HOOK_WINDOWS_DEBOUNCE_MS, 50 },
		{ VOFFLOAD_A_HOOK_WINDOWS_PULSE_BREAK_MIN_MS, 50 },
	};
	size_t len = line0_nest(self->attrs, VOFFLOAD_A_LINE_HOOK_WINDOWS,
				kv, 2);

	refused(_metadata, self, VOFFLOAD_CMD_LINE_SET, len, -EINVAL,
		"debounce must be shorter");
}

TEST_F(line, pulse_overlapping_flash)
{
	static const uint32_t kv[][2] = {
		{ VOFFLOAD_A_HOOK_WINDOWS_PULSE_BREAK_MAX_MS, 400 },
		{ VOFFLOAD_A_HOOK_WINDOWS_FLASH_MIN_MS, 300 },
	};
	size_t len = line0_nest(self->attrs, VOFFLOAD_A_LINE_HOOK_WINDOWS,
				kv, 2);

	refused(_metadata, self, VOFFLOAD_CMD_LINE_SET, len, -EINVAL,
		"pulse break must be shorter than a flash");
}

TEST_F(line, long_country_code)
{
	size_t len = put_u32(self->attrs, 0, VOFFLOAD_A_LINE_ID, 0);

	len = vo_nla_put(self->attrs, len, VOFFLOAD_A_LINE_COUNTRY, "USA", 4);
	refused(_metadata, self, VOFFLOAD_CMD_LINE_SET, len, -EINVAL, NULL);
}

TEST_F(line, bad_polarity)
{
	size_t len = put_u32(self->attrs, 0, VOFFLOAD_A_LINE_ID, 0);

	len = put_u32(self->attrs, len, VOFFLOAD_A_LINE_POLARITY, 7);
	refused(_metadata, self, VOFFLOAD_CMD_LINE_CTRL, len, -ERANGE, NULL);
}

TEST_F(line, unprivileged_set_refused)
{
	size_t len = put_u32(self->attrs, 0, VOFFLOAD_A_LINE_ID, 0);

	len = vo_nla_put(self->attrs, len, VOFFLOAD_A_LINE_COUNTRY, "DE", 3);
	ASSERT_EQ(0, setgroups(0, NULL));
	ASSERT_EQ(0, setresgid(65534, 65534, 65534));
	ASSERT_EQ(0, setresuid(65534, 65534, 65534));
	ASSERT_EQ(0, vo_nl_request(&self->nl, VOFFLOAD_CMD_LINE_SET,
				   self->attrs, len, &self->r));
	EXPECT_EQ(-EPERM, self->r.err);
}

TEST_HARNESS_MAIN
