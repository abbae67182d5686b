// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "loop.h"

#define VO_LOOP_FDS	64

/*
 * A watched fd. Its slot and generation go into epoll's data: a callback
 * that removes one fd and adds another may reuse the slot while events for
 * the old fd are still in the batch being dispatched; the generation tells
 * them apart.
 */
struct vo_watch {
	int fd;
	uint32_t gen;
	vo_fd_cb cb;
	void *arg;
};

static int vo_epfd = -1;
static bool vo_stop;
static struct vo_timer *vo_timers;	/* by due time */
static struct vo_watch vo_watches[VO_LOOP_FDS];

int vo_loop_init(void)
{
	unsigned int i;

	for (i = 0; i < VO_LOOP_FDS; i++)
		vo_watches[i].fd = -1;
	vo_epfd = epoll_create1(EPOLL_CLOEXEC);
	return vo_epfd < 0 ? -1 : 0;
}

static uint64_t vo_watch_key(unsigned int slot, uint32_t gen)
{
	return (uint64_t)gen << 32 | slot;
}

int vo_loop_add(int fd, uint32_t events, vo_fd_cb cb, void *arg)
{
	struct epoll_event ev = { .events = events };
	unsigned int i;

	for (i = 0; i < VO_LOOP_FDS && vo_watches[i].fd >= 0; i++)
		;
	if (i == VO_LOOP_FDS) {
		errno = ENOSPC;
		return -1;
	}
	ev.data.u64 = vo_watch_key(i, vo_watches[i].gen + 1);
	if (epoll_ctl(vo_epfd, EPOLL_CTL_ADD, fd, &ev))
		return -1;
	vo_watches[i] = (struct vo_watch){ fd, vo_watches[i].gen + 1, cb, arg };
	return 0;
}

int vo_loop_mod(int fd, uint32_t events)
{
	unsigned int i;

	for (i = 0; i < VO_LOOP_FDS; i++) {
		struct epoll_event ev = { .events = events };

		if (vo_watches[i].fd != fd)
			continue;
		ev.data.u64 = vo_watch_key(i, vo_watches[i].gen);
		return epoll_ctl(vo_epfd, EPOLL_CTL_MOD, fd, &ev);
	}
	errno = ENOENT;
	return -1;
}

void vo_loop_del(int fd)
{
	unsigned int i;

	for (i = 0; i < VO_LOOP_FDS; i++)
		if (vo_watches[i].fd == fd)
			vo_watches[i].fd = -1;
	epoll_ctl(vo_epfd, EPOLL_CTL_DEL, fd, NULL);
}

uint64_t vo_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void vo_timer_cancel(struct vo_timer *t)
{
	struct vo_timer **p;

	for (p = &vo_timers; *p; p = &(*p)->next) {
		if (*p == t) {
			*p = t->next;
			break;
		}
	}
	t->armed = false;
}

void vo_timer_set(struct vo_timer *t, unsigned int ms, vo_timer_cb cb,
		  void *arg)
{
	struct vo_timer **p;

	vo_timer_cancel(t);
	t->due_ms = vo_now_ms() + ms;
	t->cb = cb;
	t->arg = arg;
	t->armed = true;
	for (p = &vo_timers; *p && (*p)->due_ms <= t->due_ms; p = &(*p)->next)
		;
	t->next = *p;
	*p = t;
}

/* Run the timers that are due; the ms until the next one, or -1. */
static int vo_timers_run(void)
{
	struct vo_timer *t;
	uint64_t now = vo_now_ms();

	while (vo_timers && vo_timers->due_ms <= now) {
		t = vo_timers;
		vo_timers = t->next;
		t->armed = false;
		t->cb(t->arg);
		now = vo_now_ms();
	}
	return vo_timers ? (int)(vo_timers->due_ms - now) : -1;
}

int vo_loop_once(int most_ms)
{
	struct epoll_event evs[16];
	struct vo_watch *w;
	int n, i, wait;

	wait = vo_timers_run();
	if (most_ms >= 0 && (wait < 0 || wait > most_ms))
		wait = most_ms;
	n = epoll_wait(vo_epfd, evs, 16, wait);
	if (n < 0 && errno == EINTR)
		return 0;
	if (n < 0) {
		vo_err("epoll: %m");
		return -1;
	}
	for (i = 0; i < n; i++) {
		w = &vo_watches[(uint32_t)evs[i].data.u64 % VO_LOOP_FDS];
		if (w->fd >= 0 && w->gen == evs[i].data.u64 >> 32)
			w->cb(w->arg, evs[i].events);
	}
	return 0;
}

int vo_loop_run(void)
{
	vo_stop = false;
	while (!vo_stop)
		if (vo_loop_once(-1))
			return -1;
	return 0;
}

void vo_loop_stop(void)
{
	vo_stop = true;
}
