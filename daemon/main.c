// SPDX-License-Identifier: GPL-2.0
/*
 * voffloadd [-c CONFIG] [-t]: the SIP user agent for voffload's FXS lines.
 * -t checks the config and exits (0 if good, 1 with "file:line: what"),
 * as the OpenWrt init script does before it (re)starts the daemon.
 * SIGTERM and SIGINT end it cleanly; SIGHUP reads the config again
 * (reload.c), which may end in a restart of voffloadd by exec.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "call.h"
#include "config.h"
#include "ctl.h"
#include "kernel.h"
#include "lines.h"
#include "log.h"
#include "loop.h"
#include "reg.h"
#include "reload.h"
#include "resolve.h"
#include "sip.h"

#define VO_DEFAULT_CONFIG	"/etc/voffloadd.conf"

static struct vo_config vo_config;
const struct vo_config *vo_cfg = &vo_config;
static int vo_sigfd = -1;
static const char *vo_config_path = VO_DEFAULT_CONFIG;

static void vo_signal(void *arg, uint32_t events)
{
	struct signalfd_siginfo si;

	if (read(vo_sigfd, &si, sizeof(si)) != sizeof(si))
		return;
	if (si.ssi_signo == SIGHUP) {
		vo_info("SIGHUP: reading %s again", vo_config_path);
		vo_reload(&vo_config, vo_config_path);
		return;
	}
	vo_info("signal %u: stopping", si.ssi_signo);
	vo_loop_stop();
}

static int vo_signals(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);	/* a voffloadctl gone before its answer */
	vo_sigfd = signalfd(-1, &set, SFD_CLOEXEC);
	return vo_sigfd < 0 ? -1 : vo_loop_add(vo_sigfd, EPOLLIN, vo_signal, NULL);
}

static const struct vo_kernel_ops vo_kops = {
	.line_event = vo_lines_event,
	.flow_event = vo_call_flow_event,
};

static int vo_usage(const char *prog)
{
	fprintf(stderr, "usage: %s [-c CONFIG] [-t]\n", prog);
	return 2;
}

int main(int argc, char **argv)
{
	const char *path = VO_DEFAULT_CONFIG;
	bool test = false;
	char err[512];
	int c, ret = 1;

	while ((c = getopt(argc, argv, "c:t")) != -1) {
		if (c == 'c')
			path = optarg;
		else if (c == 't')
			test = true;
		else
			return vo_usage(argv[0]);
	}
	vo_config_path = path;
	if (vo_config_load(&vo_config, path, err, sizeof(err))) {
		vo_err("config: %s", err);
		return 1;
	}
	if (test) {
		printf("%s: ok\n", path);
		return 0;
	}
	vo_log_level = vo_config.log_level;
	if (vo_loop_init() || vo_signals()) {
		vo_err("event loop: %m");
		return 1;
	}
	if (vo_resolve_init(&vo_config) || vo_kernel_open(&vo_kops))
		return 1;
	vo_info("voffload module %s, %u account%s", vo_kernel_version(),
		vo_config.naccounts, vo_config.naccounts == 1 ? "" : "s");
	if (!vo_lines_init(&vo_config) && !vo_sip_init(&vo_config) &&
	    !vo_calls_init(&vo_config) && !vo_ctl_open(vo_config.control_socket)) {
		vo_info("ready");
		vo_reg_start(&vo_config);
		ret = vo_loop_run() ? 1 : 0;
		vo_calls_stop();	/* BYE to calls, flows down */
		vo_reg_stop(2000);	/* unregister, as an ATA does at reboot */
	}
	vo_sip_exit();
	vo_resolve_exit();
	vo_ctl_close();
	vo_kernel_close();
	if (!ret && vo_reload_restarting()) {
		/* the same program and arguments, on the file as it is now */
		execv("/proc/self/exe", argv);
		vo_err("restart: exec: %m");
		return 1;
	}
	return ret;
}
