/* SPDX-License-Identifier: GPL-2.0 */
/* G.711 mu-law and A-law (ITU-T G.711), sample by sample. */
#ifndef _VO_RTP_G711_H
#define _VO_RTP_G711_H

#include <linux/types.h>

u8 vo_g711_ulaw_encode(s16 pcm);
s16 vo_g711_ulaw_decode(u8 code);
u8 vo_g711_alaw_encode(s16 pcm);
s16 vo_g711_alaw_decode(u8 code);

#endif /* _VO_RTP_G711_H */
