// SPDX-License-Identifier: GPL-2.0
/*
 * A ring of samples indexed by sample time, and a bitmap of which are
 * there. Times are u32 and compared by their signed difference, so they
 * wrap as RTP timestamps do.
 */
#include <linux/minmax.h>
#include <linux/string.h>

#include "../slic/slic.h"
#include "jbuf.h"

#define VO_JB_MASK	(VO_JB_SAMPLES - 1)

void vo_jb_init(struct vo_jbuf *jb, u32 delay)
{
	bitmap_zero(jb->have, VO_JB_SAMPLES);
	jb->started = false;
	jb->delay = min_t(u32, delay, VO_JB_SAMPLES / 2);
}

static bool vo_jb_all_there(struct vo_jbuf *jb, u32 at, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!test_bit((at + i) & VO_JB_MASK, jb->have))
			return false;
	return true;
}

enum vo_jb_put vo_jb_put(struct vo_jbuf *jb, u32 at, const s16 *pcm,
			 unsigned int n)
{
	enum vo_jb_put ret = VO_JB_OK;
	unsigned int i;
	s32 ahead;

	if (!jb->started) {
		jb->play = at - jb->delay;
		jb->started = true;
	}
	ahead = (s32)(at - jb->play);
	if (ahead < 0)
		return VO_JB_LATE;
	if (ahead + n > VO_JB_SAMPLES - 1) {
		/* A jump in time (or a lost stream): play it after the delay. */
		bitmap_zero(jb->have, VO_JB_SAMPLES);
		jb->play = at - jb->delay;
		ret = VO_JB_RESYNC;
	} else if (vo_jb_all_there(jb, at, n)) {
		return VO_JB_DUPLICATE;
	}
	for (i = 0; i < n; i++) {
		jb->pcm[(at + i) & VO_JB_MASK] = pcm[i];
		__set_bit((at + i) & VO_JB_MASK, jb->have);
	}
	return ret;
}

unsigned int vo_jb_get(struct vo_jbuf *jb, s16 *out, unsigned int n)
{
	unsigned int i, got = 0, slot;

	if (!jb->started)
		return 0;
	for (i = 0; i < n; i++) {
		slot = (jb->play + i) & VO_JB_MASK;
		if (!__test_and_clear_bit(slot, jb->have))
			continue;	/* lost or not yet here: silence */
		out[i] = vo_mix(out[i], jb->pcm[slot]);
		got++;
	}
	jb->play += n;
	return got;
}
