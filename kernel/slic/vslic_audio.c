// SPDX-License-Identifier: GPL-2.0
/*
 * The simulated phone's audio: a handset that is an ALSA PCM device of its
 * own (playback is what the microphone picks up, capture is what the
 * earpiece hears) and a DTMF keypad that sounds real tones into the line.
 *
 *   phone/handset  r   the handset's ALSA device, e.g. hw:CARD=vslic0,DEV=0
 *   phone/dtmf     rw  "KEYS [ON OFF]": press KEYS (0-9, *, #, A-D) for ON
 *                      ms each with OFF ms between (100/100); reading gives
 *                      the keys not yet sounded
 *
 * As on a real phone, the microphone and keypad are heard only off-hook;
 * the earpiece hears the line always, as a phone's caller-ID receiver does.
 */
#include <linux/bug.h>	/* fixp-arith.h needs it */
#include <linux/fixp-arith.h>
#include <linux/ctype.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/string.h>

#include "pcm.h"
#include "vslic.h"

static unsigned int handsets = 32;
module_param(handsets, uint, 0444);
MODULE_PARM_DESC(handsets, "lines (first first) whose phone gets an ALSA handset device (default 32)");

static struct vo_pcm_cards vslic_cards =
	VO_PCM_CARDS_INIT(vslic_cards, "vslic", "vslic handsets");

static const char vslic_keypad[] = "123A456B789C*0#D";
static const u16 vslic_dtmf_row_hz[] = { 697, 770, 852, 941 };
static const u16 vslic_dtmf_col_hz[] = { 1209, 1336, 1477, 1633 };
/*
 * Tone peaks: -9 dBm0 for the row tone and -7 dBm0 for the column tone
 * (2 dB twist, as phones send), where 0 dBm0 is a sine 3.17 dB below full
 * scale, as in G.711.
 */
#define VSLIC_DTMF_ROW_PEAK	8071
#define VSLIC_DTMF_COL_PEAK	10161
#define VSLIC_DTMF_MS_MIN	20
#define VSLIC_DTMF_MS_MAX	2000

/* Sample @t of a sine of @hz; the phase is exact, so tones never drift. */
static s32 vslic_sine(u32 hz, u32 t, u32 rate, s32 peak)
{
	/* fixp_sin32_rad() interpolates between degrees: give it fine steps */
	u32 phase = (u32)(((u64)hz * t) % rate) * 16;

	return ((s64)peak * fixp_sin32_rad(phase, rate * 16)) >> 31;
}

/* Sound queued keys into @out; under ph->lock. */
static void vslic_dtmf_fill(struct vslic_phone *ph, s16 *out, unsigned int n)
{
	struct vslic_dtmf *d = &ph->dtmf;
	unsigned int i, key;

	for (i = 0; i < n && d->count; i++) {
		key = d->keys[d->head];
		/* Added to what the microphone picks up, as on a real phone. */
		if (d->t < d->on)
			out[i] = clamp_t(s32, out[i] +
					 vslic_sine(vslic_dtmf_row_hz[key / 4],
						    d->t, ph->rate,
						    VSLIC_DTMF_ROW_PEAK) +
					 vslic_sine(vslic_dtmf_col_hz[key % 4],
						    d->t, ph->rate,
						    VSLIC_DTMF_COL_PEAK),
					 S16_MIN, S16_MAX);
		if (++d->t < d->on + d->off)
			continue;
		d->t = 0;
		d->head = (d->head + 1) % VSLIC_DTMF_MAX;
		d->count--;
	}
}

void vslic_audio_xfer(struct vslic_phone *ph, s16 *from_phone,
		      const s16 *to_phone, unsigned int n)
{
	bool mic;

	memset(from_phone, 0, n * sizeof(*from_phone));
	/* The handset's streams run on-hook too; the sound goes nowhere. */
	vo_pcm_play(ph->handset, from_phone, n);
	vo_pcm_record(ph->handset, to_phone, n);

	spin_lock(&ph->lock);
	mic = ph->line_hook == VOFFLOAD_HOOK_OFF_HOOK;
	if (mic) {
		vslic_dtmf_fill(ph, from_phone, n);
	} else {
		ph->dtmf.count = 0;	/* hung up while dialling */
		ph->dtmf.t = 0;
	}
	spin_unlock(&ph->lock);
	if (!mic)
		memset(from_phone, 0, n * sizeof(*from_phone));
}

static ssize_t dtmf_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	struct vslic_phone *ph = vslic_phone(dev);
	struct vslic_dtmf *d = &ph->dtmf;
	char keys[VSLIC_DTMF_MAX + 1];
	unsigned int i;

	spin_lock_bh(&ph->lock);
	for (i = 0; i < d->count; i++)
		keys[i] = vslic_keypad[d->keys[(d->head + i) % VSLIC_DTMF_MAX]];
	keys[i] = '\0';
	spin_unlock_bh(&ph->lock);
	return sysfs_emit(buf, "%s\n", keys);
}

/* Keypad positions of @keys into @pos; their number, or -EINVAL. */
static int vslic_dtmf_parse(const char *keys, u8 *pos)
{
	const char *k;
	int n;

	for (n = 0; keys[n]; n++) {
		k = strchr(vslic_keypad, toupper(keys[n]));
		if (!k)
			return -EINVAL;
		pos[n] = k - vslic_keypad;
	}
	return n ? n : -EINVAL;
}

static ssize_t dtmf_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t len)
{
	struct vslic_phone *ph = vslic_phone(dev);
	struct vslic_dtmf *d = &ph->dtmf;
	u32 on = 100, off = 100;
	char keys[VSLIC_DTMF_MAX + 1];
	u8 pos[VSLIC_DTMF_MAX];
	int i, n;

	buf = skip_spaces(buf);
	/* More keys than the queue holds would be split by sscanf. */
	if (strcspn(buf, "\n\t ") > VSLIC_DTMF_MAX)
		return -ENOSPC;
	if (sscanf(buf, "%32s %u %u", keys, &on, &off) < 1)
		return -EINVAL;
	if (on < VSLIC_DTMF_MS_MIN || on > VSLIC_DTMF_MS_MAX ||
	    off < VSLIC_DTMF_MS_MIN || off > VSLIC_DTMF_MS_MAX)
		return -ERANGE;
	n = vslic_dtmf_parse(keys, pos);
	if (n < 0)
		return n;
	if (!vslic_off_hook(ph))
		return -EBUSY;
	spin_lock_bh(&ph->lock);
	if (d->count + n > VSLIC_DTMF_MAX) {
		spin_unlock_bh(&ph->lock);
		return -ENOSPC;
	}
	/* The timing given last applies to every queued key. */
	d->on = on * (ph->rate / 1000);
	d->off = off * (ph->rate / 1000);
	for (i = 0; i < n; i++)
		d->keys[(d->head + d->count++) % VSLIC_DTMF_MAX] = pos[i];
	spin_unlock_bh(&ph->lock);
	return len;
}
DEVICE_ATTR_RW(dtmf);

static ssize_t handset_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	struct vslic_phone *ph = vslic_phone(dev);

	if (!ph->handset)
		return -ENODEV;
	return vo_pcm_show_name(ph->handset, buf);
}
DEVICE_ATTR_RO(handset);

/* The handset of the @index-th line, if it gets one; before registering. */
void vslic_handset_add(struct vslic_phone *ph, unsigned int index)
{
	char name[24];
	struct vo_pcm *pcm;

	if (index >= handsets)
		return;
	snprintf(name, sizeof(name), "handset%u", index);
	pcm = vo_pcm_add(&vslic_cards, index, name, ph->rate);
	if (IS_ERR(pcm)) {
		/* The phone still works; it only lacks a handset device. */
		pr_warn("vslic: %s: no ALSA device: %pe\n", name, pcm);
		return;
	}
	ph->handset = pcm;
}

/* Once the line is unregistered, so no tick uses it. */
void vslic_handset_remove(struct vo_pcm *handset)
{
	if (handset)
		vo_pcm_remove(handset);
}
