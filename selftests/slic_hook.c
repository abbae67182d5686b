// SPDX-License-Identifier: GPL-2.0
/*
 * Hook classification on a vslic line, read from the netlink events the
 * core multicasts: off-hook and on-hook, flash and pulse digits, at the
 * edges of each window, just inside and just outside.
 *
 * The windows under test (set on line 0 by the fixture), in ms:
 *   debounce 10 | pulse break 20..100, make <= 150 | flash 250..900 |
 *   on-hook >= 1000
 * A break that falls between windows must produce no event. No test sleeps
 * to show that nothing happened: after the break under test the phone
 * makes a "sentinel" flash of 300 ms, and the next event must be that one.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/voffload.h>

#include "kselftest_harness.h"
#include "nl.h"

#define PHONE "/sys/class/voffload/line0/phone/"
#define EVENT_TIMEOUT_MS 15000
#define SENTINEL_MS 300

struct event {
	uint32_t type;
	uint64_t ts;
	uint8_t digit;
	uint32_t duration;
};

static uint32_t u32_of(const struct nlattr *a)
{
	uint32_t v;

	memcpy(&v, (const uint8_t *)a + NLA_HDRLEN, sizeof(v));
	return v;
}

static int phone(const char *file, const char *value)
{
	char path[128];
	int fd, ok;

	snprintf(path, sizeof(path), PHONE "%s", file);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	ok = write(fd, value, strlen(value)) == (ssize_t)strlen(value);
	close(fd);
	return ok ? 0 : -EIO;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

/* The next event on line 0, or -ETIMEDOUT. */
static int next_event(struct vo_nl *ev, struct event *out)
{
	struct vo_nl_reply *r = malloc(sizeof(*r));
	const struct nlattr *a;
	int err;

	if (!r)
		return -ENOMEM;
	for (;;) {
		err = vo_nl_recv_mcast(ev, EVENT_TIMEOUT_MS, r);
		if (err)
			break;
		a = vo_nl_attr(r, VOFFLOAD_A_LINE_ID);
		if (r->cmd != VOFFLOAD_CMD_LINE_EVENT || !a || u32_of(a))
			continue;
		memset(out, 0, sizeof(*out));
		a = vo_nl_attr(r, VOFFLOAD_A_LINE_EVENT);
		out->type = a ? u32_of(a) : ~0u;
		a = vo_nl_attr(r, VOFFLOAD_A_LINE_TIMESTAMP_NS);
		if (a)
			memcpy(&out->ts, (const uint8_t *)a + NLA_HDRLEN, 8);
		a = vo_nl_attr(r, VOFFLOAD_A_LINE_DIGIT);
		if (a)
			out->digit = *((const uint8_t *)a + NLA_HDRLEN);
		a = vo_nl_attr(r, VOFFLOAD_A_LINE_DURATION_MS);
		if (a)
			out->duration = u32_of(a);
		break;
	}
	free(r);
	return err;
}

static size_t put_u32(uint8_t *buf, size_t off, uint16_t type, uint32_t v)
{
	return vo_nla_put(buf, off, type, &v, sizeof(v));
}

FIXTURE(hook) {
	struct vo_nl nl;
	struct vo_nl ev;
	struct vo_nl_reply r;
	struct event e;
};

FIXTURE_SETUP(hook)
{
	uint8_t attrs[256];
	size_t len, nest;

	if (access(PHONE "hook", W_OK))
		ASSERT_EQ(0, system("modprobe vslic lines=2"));
	ASSERT_EQ(0, vo_nl_open(&self->nl, VOFFLOAD_FAMILY_NAME));
	ASSERT_EQ(0, vo_nl_open(&self->ev, VOFFLOAD_FAMILY_NAME));
	ASSERT_EQ(0, vo_nl_join(&self->ev, VOFFLOAD_FAMILY_NAME,
				VOFFLOAD_MCGRP_EVENTS));

	len = put_u32(attrs, 0, VOFFLOAD_A_LINE_ID, 0);
	nest = len;
	len = vo_nla_nest_start(attrs, len, VOFFLOAD_A_LINE_HOOK_WINDOWS);
	len = put_u32(attrs, len, VOFFLOAD_A_HOOK_WINDOWS_DEBOUNCE_MS, 10);
	len = put_u32(attrs, len, VOFFLOAD_A_HOOK_WINDOWS_PULSE_BREAK_MIN_MS, 20);
	len = put_u32(attrs, len, VOFFLOAD_A_HOOK_WINDOWS_PULSE_BREAK_MAX_MS, 100);
	len = put_u32(attrs, len, VOFFLOAD_A_HOOK_WINDOWS_PULSE_MAKE_MAX_MS, 150);
	len = put_u32(attrs, len, VOFFLOAD_A_HOOK_WINDOWS_FLASH_MIN_MS, 250);
	len = put_u32(attrs, len, VOFFLOAD_A_HOOK_WINDOWS_FLASH_MAX_MS, 900);
	len = put_u32(attrs, len, VOFFLOAD_A_HOOK_WINDOWS_ONHOOK_MS, 1000);
	vo_nla_nest_end(attrs, nest, len);
	ASSERT_EQ(0, vo_nl_request(&self->nl, VOFFLOAD_CMD_LINE_SET, attrs,
				   len, &self->r));
	ASSERT_EQ(0, self->r.err) TH_LOG("extack: %s", self->r.extack);

	/* Every test starts with the handset lifted, whatever came before. */
	ASSERT_EQ(0, phone("stuck_hook", "0"));
	len = put_u32(attrs, 0, VOFFLOAD_A_LINE_ID, 0);
	ASSERT_EQ(0, vo_nl_request(&self->nl, VOFFLOAD_CMD_LINE_GET, attrs,
				   len, &self->r));
	ASSERT_EQ(0, self->r.err);
	if (u32_of(vo_nl_attr(&self->r, VOFFLOAD_A_LINE_HOOK)) ==
	    VOFFLOAD_HOOK_OFF_HOOK) {
		ASSERT_EQ(0, phone("hook", "on"));
		do {
			ASSERT_EQ(0, next_event(&self->ev, &self->e));
		} while (self->e.type != VOFFLOAD_EVENT_ON_HOOK);
	}
	ASSERT_EQ(0, phone("hook", "off"));
	ASSERT_EQ(0, next_event(&self->ev, &self->e));
	ASSERT_EQ(VOFFLOAD_EVENT_OFF_HOOK, self->e.type);
}

FIXTURE_TEARDOWN(hook)
{
	/* Hang up and see the line idle again before the next test. */
	if (!phone("hook", "on"))
		while (!next_event(&self->ev, &self->e) &&
		       self->e.type != VOFFLOAD_EVENT_ON_HOOK)
			;
	vo_nl_close(&self->ev);
	vo_nl_close(&self->nl);
}

#define EXPECT_EVENT(type_, field, value) do {				\
	ASSERT_EQ(0, next_event(&self->ev, &self->e));			\
	EXPECT_EQ(type_, self->e.type);					\
	EXPECT_EQ(value, self->e.field);				\
} while (0)

/* The next event is the sentinel flash: nothing came before it. */
#define EXPECT_NOTHING_BEFORE_SENTINEL() do {				\
	ASSERT_EQ(0, phone("flash", "300"));				\
	EXPECT_EVENT(VOFFLOAD_EVENT_FLASH, duration, SENTINEL_MS);	\
} while (0)

TEST_F(hook, off_hook_timestamp_is_the_edge)
{
	uint64_t before, after;

	ASSERT_EQ(0, phone("hook", "on"));
	ASSERT_EQ(0, next_event(&self->ev, &self->e));
	ASSERT_EQ(VOFFLOAD_EVENT_ON_HOOK, self->e.type);
	before = now_ns();
	ASSERT_EQ(0, phone("hook", "off"));
	after = now_ns();
	ASSERT_EQ(0, next_event(&self->ev, &self->e));
	EXPECT_EQ(VOFFLOAD_EVENT_OFF_HOOK, self->e.type);
	EXPECT_GE(self->e.ts, before);
	EXPECT_LE(self->e.ts, after);
}

TEST_F(hook, glitch_shorter_than_debounce_ignored)
{
	ASSERT_EQ(0, phone("flash", "9"));
	EXPECT_NOTHING_BEFORE_SENTINEL();
}

TEST_F(hook, pulse_break_window_edges)
{
	ASSERT_EQ(0, phone("pulse", "1 20 40"));	/* min: inside */
	EXPECT_EVENT(VOFFLOAD_EVENT_PULSE_DIGIT, digit, 1);
	ASSERT_EQ(0, phone("pulse", "2 100 40"));	/* max: inside */
	EXPECT_EVENT(VOFFLOAD_EVENT_PULSE_DIGIT, digit, 2);
	ASSERT_EQ(0, phone("pulse", "1 19 40"));	/* below min */
	EXPECT_NOTHING_BEFORE_SENTINEL();
	ASSERT_EQ(0, phone("pulse", "1 101 40"));	/* above max */
	EXPECT_NOTHING_BEFORE_SENTINEL();
}

TEST_F(hook, pulse_make_ends_digit)
{
	ASSERT_EQ(0, phone("pulse", "2 60 150"));	/* make max: one digit */
	EXPECT_EVENT(VOFFLOAD_EVENT_PULSE_DIGIT, digit, 2);
	ASSERT_EQ(0, phone("pulse", "2 60 151"));	/* longer: two digits */
	EXPECT_EVENT(VOFFLOAD_EVENT_PULSE_DIGIT, digit, 1);
	EXPECT_EVENT(VOFFLOAD_EVENT_PULSE_DIGIT, digit, 1);
}

TEST_F(hook, pulse_dialled_number)
{
	static const uint8_t want[] = { 1, 9, 0, 5 };
	int i;

	ASSERT_EQ(0, phone("pulse", "1905"));
	for (i = 0; i < 4; i++)
		EXPECT_EVENT(VOFFLOAD_EVENT_PULSE_DIGIT, digit, want[i]);
}

TEST_F(hook, flash_window_edges)
{
	ASSERT_EQ(0, phone("flash", "250"));
	EXPECT_EVENT(VOFFLOAD_EVENT_FLASH, duration, 250);
	ASSERT_EQ(0, phone("flash", "900"));
	EXPECT_EVENT(VOFFLOAD_EVENT_FLASH, duration, 900);
	ASSERT_EQ(0, phone("flash", "249"));
	EXPECT_NOTHING_BEFORE_SENTINEL();
	ASSERT_EQ(0, phone("flash", "901"));
	EXPECT_NOTHING_BEFORE_SENTINEL();
}

TEST_F(hook, onhook_window_edge)
{
	/* 999 ms is no flash and no hang-up; 1000 ms is a hang-up. */
	ASSERT_EQ(0, phone("flash", "999"));
	EXPECT_NOTHING_BEFORE_SENTINEL();
	ASSERT_EQ(0, phone("flash", "1000"));
	EXPECT_EVENT(VOFFLOAD_EVENT_ON_HOOK, digit, 0);
	ASSERT_EQ(0, next_event(&self->ev, &self->e));
	EXPECT_EQ(VOFFLOAD_EVENT_OFF_HOOK, self->e.type);
}

/* Wait (bounded) until the phone has played every scheduled hook change. */
static int phone_idle(void)
{
	char buf[16];
	int i;

	for (i = 0; i < 2000; i++) {
		FILE *f = fopen(PHONE "pending", "r");
		int ok = f && fgets(buf, sizeof(buf), f);

		if (f)
			fclose(f);
		if (!ok)
			return -EIO;
		if (atoi(buf) == 0)
			return 0;
		usleep(10000);
	}
	return -ETIMEDOUT;
}

TEST_F(hook, stuck_hook_loses_changes)
{
	ASSERT_EQ(0, phone("stuck_hook", "1"));
	ASSERT_EQ(0, phone("flash", "400"));
	ASSERT_EQ(0, phone_idle());
	ASSERT_EQ(0, phone("stuck_hook", "0"));
	ASSERT_EQ(0, phone("flash", "260"));
	EXPECT_EVENT(VOFFLOAD_EVENT_FLASH, duration, 260);
}

TEST_HARNESS_MAIN
