// SPDX-License-Identifier: GPL-2.0
/*
 * dtmf_rx RATE: print the DTMF keys heard in raw mono S16_LE audio on
 * stdin, using spandsp's detector (the one telephony software uses).
 * spandsp works at 8 kHz, so 16 kHz audio is halved first: DTMF is all
 * below 1.7 kHz.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <spandsp.h>

static void dtmf_rx_keys(void *user, const char *keys, int len)
{
	fwrite(keys, 1, len, stdout);
}

/* Average pairs of samples: a 2:1 decimation with a gentle low-pass. */
static int dtmf_rx_halve(int16_t *buf, int n)
{
	int i;

	for (i = 0; i < n / 2; i++)
		buf[i] = (buf[2 * i] + buf[2 * i + 1]) / 2;
	return n / 2;
}

int main(int argc, char **argv)
{
	int rate = argc > 1 ? atoi(argv[1]) : 8000;
	dtmf_rx_state_t *rx;
	int16_t buf[320];
	size_t n;

	if (rate != 8000 && rate != 16000) {
		fprintf(stderr, "usage: dtmf_rx 8000|16000 <raw S16_LE\n");
		return 2;
	}
	rx = dtmf_rx_init(NULL, dtmf_rx_keys, NULL);
	if (!rx)
		return 1;
	while ((n = fread(buf, sizeof(buf[0]), 320, stdin)) > 0) {
		int len = n;

		if (rate == 16000)
			len = dtmf_rx_halve(buf, len);
		dtmf_rx(rx, buf, len);
	}
	putchar('\n');
	dtmf_rx_free(rx);
	return 0;
}
