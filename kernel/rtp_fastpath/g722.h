/* SPDX-License-Identifier: GPL-2.0 */
/*
 * G.722 wideband codec (ITU-T G.722), 64 kbit/s mode: 16 kHz 16-bit linear
 * samples, two per octet. Each octet carries the higher band's 2-bit code
 * in bits 7-6 and the lower band's 6-bit code in bits 5-0 (RFC 3551).
 */
#ifndef _VO_RTP_G722_H
#define _VO_RTP_G722_H

#include <linux/types.h>

/* Taps of the quadrature mirror filters that split and rejoin the bands. */
#define VO_G722_QMF_TAPS	24

/* Adaptive predictor and quantizer scale of one sub-band. */
struct vo_g722_band {
	s16 s;		/* signal estimate for the next sample */
	s16 sz;		/* the zero section's part of @s */
	s16 det;	/* quantizer scale factor */
	s16 nb;		/* its logarithm, as adapted */
	s16 a[2];	/* pole coefficients a1, a2 (Q14) */
	s16 r[2];	/* reconstructed signal 1 and 2 samples back */
	s16 p[2];	/* partially reconstructed signal, likewise */
	s16 b[6];	/* zero coefficients b1..b6 (Q14) */
	s16 d[6];	/* quantized difference signal 1..6 samples back */
};

/* All state of one encoder. */
struct vo_g722_enc {
	s16 qmf[VO_G722_QMF_TAPS];	/* input samples, oldest first */
	struct vo_g722_band low;
	struct vo_g722_band high;
};

/* All state of one decoder. */
struct vo_g722_dec {
	s16 qmf[VO_G722_QMF_TAPS];	/* band sums and differences */
	struct vo_g722_band low;
	struct vo_g722_band high;
};

void vo_g722_enc_init(struct vo_g722_enc *e);
/* Encodes @n 16 kHz samples (n even) into n / 2 octets; returns octets written. */
unsigned int vo_g722_encode(struct vo_g722_enc *e, u8 *out, const s16 *pcm,
			    unsigned int n);
void vo_g722_dec_init(struct vo_g722_dec *d);
/* Decodes @n octets into 2 * n 16 kHz samples; returns samples written. */
unsigned int vo_g722_decode(struct vo_g722_dec *d, s16 *pcm, const u8 *in,
			    unsigned int n);

#endif /* _VO_RTP_G722_H */
