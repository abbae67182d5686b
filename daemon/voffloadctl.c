// SPDX-License-Identifier: GPL-2.0
/*
 * voffloadctl [-s SOCKET] COMMAND: ask voffloadd (status, lines, config, accounts, sip)
 * over its control socket and print the answer, as `wg show` does.
 */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	const char *path = "/var/run/voffloadd.sock";
	char buf[4096];
	ssize_t n;
	int c, fd;

	while ((c = getopt(argc, argv, "s:")) != -1) {
		if (c != 's')
			goto usage;
		path = optarg;
	}
	if (optind + 1 != argc || strlen(path) >= sizeof(sa.sun_path) ||
	    strlen(argv[optind]) > 100)
		goto usage;
	strcpy(sa.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		fprintf(stderr, "voffloadctl: %s: %m (is voffloadd running?)\n",
			path);
		return 1;
	}
	snprintf(buf, sizeof(buf), "%s\n", argv[optind]);
	if (write(fd, buf, strlen(buf)) < 0)
		return 1;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		fwrite(buf, 1, n, stdout);
	close(fd);
	return strncmp(buf, "error:", 6) ? 0 : 1;
usage:
	fprintf(stderr, "usage: voffloadctl [-s SOCKET] status|lines|config|accounts|sip\n");
	return 2;
}
