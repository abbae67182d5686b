// SPDX-License-Identifier: GPL-2.0
/*
 * cid_rx RATE bell202|v23 [FILE]: decode on-hook caller ID (MDMF) in raw
 * mono S16_LE audio from FILE or stdin with spandsp's ADSI receiver, the
 * way a phone's display would, and print its fields:
 *
 *   number 5551234 / name Alice / datetime 11221530
 *   number-absent O|P / name-absent O|P / field 0xNN VALUE
 *
 * Exit 0 if a message with a good checksum was decoded (spandsp passes on
 * no other), 1 if none was. spandsp works at 8 kHz, so 16 kHz audio is
 * halved first: the FSK is all below 2.2 kHz.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <spandsp.h>

static adsi_rx_state_t *rx;
static int messages;

static const char *cid_rx_field_name(uint8_t type)
{
	switch (type) {
	case MCLASS_DATETIME:
		return "datetime";
	case MCLASS_CALLER_NUMBER:
		return "number";
	case MCLASS_ABSENCE1:
		return "number-absent";
	case MCLASS_CALLER_NAME:
		return "name";
	case MCLASS_ABSENCE2:
		return "name-absent";
	}
	return NULL;
}

static void cid_rx_msg(void *user, const uint8_t *msg, int len)
{
	const uint8_t *body;
	const char *what;
	uint8_t type;
	int pos = -1, n;

	printf("message 0x%02x\n", msg[0]);
	messages++;
	pos = adsi_next_field(rx, msg, len, pos, &type, &body, &n);
	while ((pos = adsi_next_field(rx, msg, len, pos, &type, &body,
				      &n)) > 0) {
		what = cid_rx_field_name(type);
		if (what)
			printf("%s %.*s\n", what, n, body);
		else
			printf("field 0x%02x %.*s\n", type, n, body);
	}
	if (pos == -2)
		printf("corrupt\n");
}

/* Average pairs of samples: a 2:1 decimation with a gentle low-pass. */
static int cid_rx_halve(int16_t *buf, int n)
{
	int i;

	for (i = 0; i < n / 2; i++)
		buf[i] = (buf[2 * i] + buf[2 * i + 1]) / 2;
	return n / 2;
}

int main(int argc, char **argv)
{
	int rate = argc > 2 ? atoi(argv[1]) : 0;
	int std = -1;
	int16_t buf[320];
	FILE *f = stdin;
	size_t n;

	if (argc > 2 && !strcmp(argv[2], "bell202"))
		std = ADSI_STANDARD_CLASS;
	else if (argc > 2 && !strcmp(argv[2], "v23"))
		std = ADSI_STANDARD_CLIP;
	if ((rate != 8000 && rate != 16000) || std < 0 || argc > 4) {
		fprintf(stderr, "usage: cid_rx 8000|16000 bell202|v23 [FILE]\n");
		return 2;
	}
	if (argc > 3 && strcmp(argv[3], "-")) {
		f = fopen(argv[3], "rb");
		if (!f) {
			perror(argv[3]);
			return 2;
		}
	}
	rx = adsi_rx_init(NULL, std, cid_rx_msg, NULL);
	if (!rx)
		return 2;
	while ((n = fread(buf, sizeof(buf[0]), 320, f)) > 0) {
		int len = n;

		if (rate == 16000)
			len = cid_rx_halve(buf, len);
		adsi_rx(rx, buf, len);
	}
	adsi_rx_free(rx);
	return messages ? 0 : 1;
}
