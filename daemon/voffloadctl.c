// SPDX-License-Identifier: GPL-2.0
/*
 * voffloadctl [-s SOCKET] COMMAND [ARG...]: ask voffloadd (status, lines,
 * config, accounts, sip, calls; dial LINE NUMBER, answer LINE, hangup
 * LINE) over its control socket and print the answer, as `wg show` does.
 */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	const char *path = "/var/run/voffloadd.sock";
	struct timeval tv = { .tv_sec = 10 };
	char buf[4096];
	size_t len = 0;
	ssize_t n;
	int c, fd, i;

	while ((c = getopt(argc, argv, "s:")) != -1) {
		if (c != 's')
			goto usage;
		path = optarg;
	}
	if (optind >= argc || strlen(path) >= sizeof(sa.sun_path))
		goto usage;
	/* the words, one line: the daemon reads a command of < 128 bytes */
	for (i = optind; i < argc; i++)
		len += snprintf(buf + len, sizeof(buf) - len, "%s%s",
				i > optind ? " " : "", argv[i]);
	if (len > 100)
		goto usage;
	strcpy(sa.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		fprintf(stderr, "voffloadctl: %s: %m (is voffloadd running?)\n",
			path);
		return 1;
	}
	/* a daemon that does not answer must not hang a script */
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	strcpy(buf + len, "\n");
	if (write(fd, buf, len + 1) < 0)
		return 1;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		fwrite(buf, 1, n, stdout);
	if (n < 0) {
		fprintf(stderr, "voffloadctl: no answer: %m\n");
		return 1;
	}
	close(fd);
	return strncmp(buf, "error:", 6) ? 0 : 1;
usage:
	fprintf(stderr, "usage: voffloadctl [-s SOCKET] status|lines|config|"
		"accounts|sip|calls|dial LINE NUMBER|answer LINE|hangup LINE\n");
	return 2;
}
