// SPDX-License-Identifier: GPL-2.0
/*
 * Commands: "status" (versions, pid), "lines" (lines.c's table), "config"
 * (the accounts, without passwords), "accounts" (registrations), "sip"
 * (counters), "calls" (each line's call and its flow's live counters),
 * "dial LINE NUMBER" and "hangup LINE" (for tests and click-to-dial). Unknown commands get "error: ...".
 * A client that does not send its command at once is not waited for: the
 * socket is root's (0600), and the answer is small.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "call.h"
#include "config.h"
#include "ctl.h"
#include "kernel.h"
#include "lines.h"
#include "log.h"
#include "loop.h"
#include "reg.h"
#include "sip.h"
#include "tcp.h"

extern const struct vo_config *vo_cfg;

static int vo_ctl_fd = -1;
static char vo_ctl_path[108];

static void vo_ctl_config(FILE *out)
{
	static const char *const tp[] = { "udp", "tcp" };
	unsigned int i;

	for (i = 0; i < vo_cfg->naccounts; i++) {
		const struct vo_cfg_account *a = &vo_cfg->accounts[i];

		fprintf(out, "account %s user %s domain %s transport %s"
			" expires %u line %d\n", a->name, a->user, a->domain,
			tp[a->transport], a->expires,
			a->line >= 0 ? (int)vo_cfg->lines[a->line].id : -1);
	}
}

/*
 * "dial LINE NUMBER", "answer LINE", "hangup LINE": what the phone would
 * do, for tests and click-to-dial.
 */
static void vo_ctl_call(FILE *out, const char *cmd)
{
	char number[33] = "", why[96];
	unsigned int line;

	if (sscanf(cmd, "dial %u %32[0-9*#A-D]", &line, number) == 2) {
		if (vo_call_dial(line, number, why, sizeof(why)))
			fprintf(out, "error: %s\n", why);
		else
			fprintf(out, "ok\n");
	} else if (sscanf(cmd, "answer %u", &line) == 1) {
		if (vo_call_answer_line(line, why, sizeof(why)))
			fprintf(out, "error: %s\n", why);
		else
			fprintf(out, "ok\n");
	} else if (sscanf(cmd, "hangup %u", &line) == 1) {
		fprintf(out, vo_call_hangup(line) ? "error: no line %u\n" :
			"ok\n", line);
	} else {
		fprintf(out, "error: usage: dial LINE NUMBER | answer LINE |"
			" hangup LINE\n");
	}
}

static void vo_ctl_command(FILE *out, const char *cmd)
{
	if (!strncmp(cmd, "dial ", 5) || !strncmp(cmd, "hangup ", 7) ||
	    !strncmp(cmd, "answer ", 7))
		vo_ctl_call(out, cmd);
	else if (!strcmp(cmd, "calls"))
		vo_calls_show(out);
	else if (!strcmp(cmd, "status"))
		fprintf(out, "voffloadd pid %d module %s\n", getpid(),
			vo_kernel_version());
	else if (!strcmp(cmd, "lines"))
		vo_lines_show(out);
	else if (!strcmp(cmd, "config"))
		vo_ctl_config(out);
	else if (!strcmp(cmd, "accounts"))
		vo_reg_show(out);
	else if (!strcmp(cmd, "sip"))
		fprintf(out, "sip port %u rx %lu tx %lu malformed %lu unmatched %lu"
			" requests %lu refused %lu tcp %u tcp-broken %lu\n",
			vo_sip_port(), vo_sip_stats()->rx, vo_sip_stats()->tx,
			vo_sip_stats()->malformed, vo_sip_stats()->unmatched,
			vo_sip_stats()->requests, vo_sip_stats()->refused,
			vo_tcp_connections(), vo_tcp_bad());
	else
		fprintf(out, "error: unknown command '%.40s'\n", cmd);
}

static void vo_ctl_accept(void *arg, uint32_t events)
{
	char cmd[128];
	ssize_t n;
	FILE *out;
	int c;

	c = accept4(vo_ctl_fd, NULL, NULL, SOCK_CLOEXEC);
	if (c < 0)
		return;
	/* the command comes with the connection, or not at all */
	n = recv(c, cmd, sizeof(cmd) - 1, MSG_DONTWAIT);
	if (n <= 0) {
		struct timeval tv = { .tv_sec = 0, .tv_usec = 200000 };

		setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		n = recv(c, cmd, sizeof(cmd) - 1, 0);
	}
	out = n > 0 ? fdopen(c, "w") : NULL;
	if (!out) {
		close(c);
		return;
	}
	cmd[n] = 0;
	cmd[strcspn(cmd, "\r\n")] = 0;
	vo_ctl_command(out, cmd);
	fclose(out);
}

int vo_ctl_open(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct stat st;
	mode_t old;

	if (strlen(path) >= sizeof(sa.sun_path)) {
		vo_err("control socket path too long: %s", path);
		return -1;
	}
	strcpy(sa.sun_path, path);
	strcpy(vo_ctl_path, path);
	/* only a stale socket goes: a typo must not delete a file */
	if (!lstat(path, &st) && !S_ISSOCK(st.st_mode)) {
		vo_err("control socket %s: exists and is not a socket", path);
		return -1;
	}
	vo_ctl_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	unlink(path);
	old = umask(077);
	if (vo_ctl_fd < 0 || bind(vo_ctl_fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    listen(vo_ctl_fd, 8) ||
	    vo_loop_add(vo_ctl_fd, EPOLLIN, vo_ctl_accept, NULL)) {
		vo_err("control socket %s: %m", path);
		umask(old);
		return -1;
	}
	umask(old);
	return 0;
}

void vo_ctl_close(void)
{
	if (vo_ctl_fd < 0)
		return;
	vo_loop_del(vo_ctl_fd);
	close(vo_ctl_fd);
	unlink(vo_ctl_path);
	vo_ctl_fd = -1;
}
