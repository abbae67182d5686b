// SPDX-License-Identifier: GPL-2.0
/*
 * modcycle: load and unload a module N times from one process, with the
 * raw syscalls. A modprobe/rmmod pair per cycle would fork and exec twice,
 * and the VMAs and page tables of those short-lived processes (freed after
 * an RCU grace period) would drown a one-object-per-cycle leak in noise.
 *
 * usage: modcycle MODULE.ko NAME CYCLES   (the module must be unloaded)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long cycles;
	int fd;

	if (argc != 4 || (cycles = strtol(argv[3], NULL, 10)) <= 0) {
		fprintf(stderr, "usage: modcycle MODULE.ko NAME CYCLES\n");
		return 2;
	}
	fd = open(argv[1], O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "modcycle: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	for (long i = 0; i < cycles; i++) {
		if (syscall(SYS_finit_module, fd, "", 0)) {
			fprintf(stderr, "modcycle: load %ld: %s\n", i,
				strerror(errno));
			return 1;
		}
		if (syscall(SYS_delete_module, argv[2], O_NONBLOCK)) {
			fprintf(stderr, "modcycle: unload %ld: %s\n", i,
				strerror(errno));
			return 1;
		}
	}
	close(fd);
	return 0;
}
