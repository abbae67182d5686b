/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The daemon's one event loop: epoll for file descriptors, a sorted list
 * of one-shot timers on CLOCK_MONOTONIC for everything that waits (SIP
 * retransmissions, registration refreshes, digit timeouts). No threads.
 */
#ifndef VOFFLOADD_LOOP_H
#define VOFFLOADD_LOOP_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/epoll.h>

typedef void (*vo_fd_cb)(void *arg, uint32_t events);
typedef void (*vo_timer_cb)(void *arg);

struct vo_timer {
	uint64_t due_ms;
	vo_timer_cb cb;
	void *arg;
	bool armed;
	struct vo_timer *next;
};

int vo_loop_init(void);
int vo_loop_add(int fd, uint32_t events, vo_fd_cb cb, void *arg);
/* Change what @fd is watched for. */
int vo_loop_mod(int fd, uint32_t events);
void vo_loop_del(int fd);
uint64_t vo_now_ms(void);
/* (Re)arm @t to call @cb(@arg) once, @ms from now. */
void vo_timer_set(struct vo_timer *t, unsigned int ms, vo_timer_cb cb,
		  void *arg);
void vo_timer_cancel(struct vo_timer *t);
/* Until vo_loop_stop(); 0, or -1 if epoll failed. */
int vo_loop_run(void);
void vo_loop_stop(void);
/* One round: due timers, then events for at most @most_ms (-1: no limit). */
int vo_loop_once(int most_ms);

#endif
