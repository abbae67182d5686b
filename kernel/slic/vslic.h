/* SPDX-License-Identifier: GPL-2.0 */
/* vslic's simulated phone, shared by its files. */
#ifndef _VO_SLIC_VSLIC_H
#define _VO_SLIC_VSLIC_H

#include <linux/device.h>
#include <linux/ktime.h>
#include <linux/spinlock.h>

#include "line.h"

#define VSLIC_EDGES	512
#define VSLIC_LOG	256
#define VSLIC_DTMF_MAX	32

struct vslic_edge {
	enum voffload_hook state;
	ktime_t at;
};

struct vslic_feed_change {
	ktime_t at;
	enum voffload_feed feed;
};

/* DTMF keys queued on the keypad, sounded one after another. */
struct vslic_dtmf {
	u8 keys[VSLIC_DTMF_MAX];	/* keypad positions, a ring */
	unsigned int head, count;
	u32 on, off;			/* samples of tone, of silence after */
	u32 t;				/* samples into the current key */
};

struct vslic_phone {
	spinlock_t lock;		/* everything below */
	enum voffload_hook hook;	/* after every scheduled edge */
	enum voffload_hook line_hook;	/* the hook switch now */
	struct vslic_edge edge[VSLIC_EDGES];
	unsigned int edge_head, edge_count;
	ktime_t edge_last;
	enum voffload_feed feed;
	struct vslic_feed_change log[VSLIC_LOG];
	unsigned int log_count;
	bool stuck;
	u32 stall_us;
	struct vslic_dtmf dtmf;
	unsigned int rate;
	struct vo_pcm *handset;		/* set before the line registers */
};

static inline struct vslic_phone *vslic_phone(struct device *dev)
{
	return container_of(dev, struct vo_line, dev)->priv;
}

bool vslic_off_hook(struct vslic_phone *ph);

/* vslic_audio.c: the handset's microphone and earpiece, and the keypad */
void vslic_audio_xfer(struct vslic_phone *ph, s16 *from_phone,
		      const s16 *to_phone, unsigned int n);
void vslic_handset_add(struct vslic_phone *ph, unsigned int index);
void vslic_handset_remove(struct vo_pcm *handset);
extern struct device_attribute dev_attr_dtmf;
extern struct device_attribute dev_attr_handset;

#endif /* _VO_SLIC_VSLIC_H */
