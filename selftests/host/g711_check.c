// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's G.711 (kernel/rtp_fastpath/g711.c, built here for
 * userspace) against spandsp's, for every 16-bit sample and every code.
 * Prints KTAP.
 */
#include <stdint.h>
#include <stdio.h>

#include <spandsp.h>

#include "g711.h"

/* Failures, printing the first few. */
static int g711_compare(const char *what, int got, int want, int input,
			int *shown)
{
	if (got == want)
		return 0;
	if ((*shown)++ < 5)
		printf("# %s(%d): got %d, spandsp %d\n", what, input, got, want);
	return 1;
}

int main(void)
{
	int shown = 0, fail[4] = { 0 };
	int i;

	for (i = -32768; i < 32768; i++) {
		fail[0] += g711_compare("ulaw_encode", vo_g711_ulaw_encode(i),
					linear_to_ulaw(i), i, &shown);
		fail[1] += g711_compare("alaw_encode", vo_g711_alaw_encode(i),
					linear_to_alaw(i), i, &shown);
	}
	for (i = 0; i < 256; i++) {
		fail[2] += g711_compare("ulaw_decode", vo_g711_ulaw_decode(i),
					ulaw_to_linear(i), i, &shown);
		fail[3] += g711_compare("alaw_decode", vo_g711_alaw_decode(i),
					alaw_to_linear(i), i, &shown);
	}
	printf("TAP version 13\n1..4\n");
	printf("%sok 1 mu-law encode, all 65536 samples\n", fail[0] ? "not " : "");
	printf("%sok 2 A-law encode, all 65536 samples\n", fail[1] ? "not " : "");
	printf("%sok 3 mu-law decode, all 256 codes\n", fail[2] ? "not " : "");
	printf("%sok 4 A-law decode, all 256 codes\n", fail[3] ? "not " : "");
	return fail[0] || fail[1] || fail[2] || fail[3];
}
