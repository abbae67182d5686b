// SPDX-License-Identifier: GPL-2.0
/*
 * g722_tool enc|dec: G.722 at 64 kbit/s with spandsp's codec, as a far
 * end independent of the kernel's: enc turns raw 16 kHz S16_LE audio on
 * stdin into G.722 octets on stdout, dec the other way.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <spandsp.h>

#define CHUNK	320

static int g722_tool_enc(void)
{
	g722_encode_state_t *s = g722_encode_init(NULL, 64000, 0);
	int16_t pcm[CHUNK];
	uint8_t code[CHUNK];
	size_t n;

	if (!s)
		return 1;
	while ((n = fread(pcm, sizeof(pcm[0]), CHUNK, stdin)) > 0)
		fwrite(code, 1, g722_encode(s, code, pcm, n), stdout);
	g722_encode_free(s);
	return 0;
}

static int g722_tool_dec(void)
{
	g722_decode_state_t *s = g722_decode_init(NULL, 64000, 0);
	int16_t pcm[2 * CHUNK];
	uint8_t code[CHUNK];
	size_t n;

	if (!s)
		return 1;
	while ((n = fread(code, 1, CHUNK, stdin)) > 0)
		fwrite(pcm, sizeof(pcm[0]), g722_decode(s, pcm, code, n),
		       stdout);
	g722_decode_free(s);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "enc"))
		return g722_tool_enc();
	if (argc == 2 && !strcmp(argv[1], "dec"))
		return g722_tool_dec();
	fprintf(stderr, "usage: g722_tool enc|dec <in >out\n");
	return 2;
}
