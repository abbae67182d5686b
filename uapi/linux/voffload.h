/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	uapi/voffload.yaml */
/* YNL-GEN uapi header */

#ifndef _UAPI_LINUX_VOFFLOAD_H
#define _UAPI_LINUX_VOFFLOAD_H

#define VOFFLOAD_FAMILY_NAME	"voffload"
#define VOFFLOAD_FAMILY_VERSION	1

#define VOFFLOAD_API_VERSION	5

/**
 * enum voffload_caps - Optional features of the running module.
 * @VOFFLOAD_CAPS_IPV6: The kernel was built with IPv6, so media flows may use
 *   IPv6 sockets. OpenWrt images can be built without it.
 */
enum voffload_caps {
	VOFFLOAD_CAPS_IPV6 = 1,
};

#define VOFFLOAD_MAX_LINES	512
#define VOFFLOAD_MAX_SEGMENTS	16

/**
 * enum voffload_hook - Hook state of the phone on a line.
 */
enum voffload_hook {
	VOFFLOAD_HOOK_ON_HOOK,
	VOFFLOAD_HOOK_OFF_HOOK,
};

/**
 * enum voffload_feed - Line feed state of the SLIC.
 * @VOFFLOAD_FEED_OPEN: Line disconnected, no battery.
 * @VOFFLOAD_FEED_FORWARD: Forward active, normal polarity (idle or talking).
 * @VOFFLOAD_FEED_REVERSE: Reverse active, polarity reversed.
 * @VOFFLOAD_FEED_OHT_FORWARD: On-hook transmission (caller ID), normal
 *   polarity.
 * @VOFFLOAD_FEED_OHT_REVERSE: On-hook transmission, reversed polarity.
 * @VOFFLOAD_FEED_RINGING: Ringing voltage applied.
 */
enum voffload_feed {
	VOFFLOAD_FEED_OPEN,
	VOFFLOAD_FEED_FORWARD,
	VOFFLOAD_FEED_REVERSE,
	VOFFLOAD_FEED_OHT_FORWARD,
	VOFFLOAD_FEED_OHT_REVERSE,
	VOFFLOAD_FEED_RINGING,
};

enum voffload_polarity {
	VOFFLOAD_POLARITY_NORMAL,
	VOFFLOAD_POLARITY_REVERSED,
};

/**
 * enum voffload_event - What happened on a line, reported on the events group.
 * @VOFFLOAD_EVENT_OFF_HOOK: The phone went off-hook (after debounce);
 *   timestamp of the edge.
 * @VOFFLOAD_EVENT_ON_HOOK: The phone hung up: on-hook longer than onhook-ms;
 *   timestamp of the edge.
 * @VOFFLOAD_EVENT_FLASH: A hook flash; duration-ms is the length of the break.
 * @VOFFLOAD_EVENT_PULSE_DIGIT: A pulse-dialled digit; timestamp of its first
 *   break.
 * @VOFFLOAD_EVENT_DTMF: A DTMF digit detected in the phone's audio (ITU-T Q.24
 *   limits), whether or not the line is in a call. digit is its RFC 4733 event
 *   code (0-9, 10 for *, 11 for #, 12-15 for A-D). Reported twice: at its
 *   start with duration-ms 0, at its end with its length; the timestamp is the
 *   tone's start both times.
 */
enum voffload_event {
	VOFFLOAD_EVENT_OFF_HOOK,
	VOFFLOAD_EVENT_ON_HOOK,
	VOFFLOAD_EVENT_FLASH,
	VOFFLOAD_EVENT_PULSE_DIGIT,
	VOFFLOAD_EVENT_DTMF,
};

/**
 * enum voffload_codec - Audio codec of a flow's RTP payload.
 * @VOFFLOAD_CODEC_PCMU: G.711 mu-law, 8 kHz (RFC 3551 PT 0); on a 16 kHz line
 *   the audio is converted 2:1 both ways.
 * @VOFFLOAD_CODEC_PCMA: G.711 A-law, 8 kHz (RFC 3551 PT 8); converted as PCMU
 *   is.
 * @VOFFLOAD_CODEC_G722: G.722 at 64 kbit/s, 16 kHz audio with an 8000 Hz RTP
 *   clock (RFC 3551 PT 9). On an 8 kHz line it carries the line's narrowband
 *   audio, converted 2:1.
 * @VOFFLOAD_CODEC_L16: Linear 16-bit, network byte order, mono, at the line's
 *   rate (RFC 3551 L16; a dynamic payload type). For LAN tests and recording,
 *   not for providers.
 */
enum voffload_codec {
	VOFFLOAD_CODEC_PCMU,
	VOFFLOAD_CODEC_PCMA,
	VOFFLOAD_CODEC_G722,
	VOFFLOAD_CODEC_L16,
};

/**
 * enum voffload_direction - Which way a flow carries media, as SDP's
 *   a=sendrecv and friends.
 */
enum voffload_direction {
	VOFFLOAD_DIRECTION_SENDRECV,
	VOFFLOAD_DIRECTION_SENDONLY,
	VOFFLOAD_DIRECTION_RECVONLY,
	VOFFLOAD_DIRECTION_INACTIVE,
};

/**
 * enum voffload_jb_mode - How the jitter buffer sizes its delay.
 * @VOFFLOAD_JB_MODE_FIXED: Always initial-ms of delay.
 * @VOFFLOAD_JB_MODE_ADAPTIVE: Starts at initial-ms and follows the network
 *   between min-ms and max-ms: a high quantile of the packets' transit jitter,
 *   changed in silence or a pitch period at a time. The default.
 */
enum voffload_jb_mode {
	VOFFLOAD_JB_MODE_FIXED,
	VOFFLOAD_JB_MODE_ADAPTIVE,
};

/**
 * enum voffload_flow_end - Why a flow was torn down.
 * @VOFFLOAD_FLOW_END_DELETED: flow-del asked for it.
 * @VOFFLOAD_FLOW_END_SOCKET_CLOSED: The socket the daemon handed over was
 *   closed (or the daemon died).
 * @VOFFLOAD_FLOW_END_LINE_GONE: The flow's line was unregistered (driver
 *   unloaded).
 * @VOFFLOAD_FLOW_END_UNLOAD: The voffload module is being unloaded.
 */
enum voffload_flow_end {
	VOFFLOAD_FLOW_END_DELETED,
	VOFFLOAD_FLOW_END_SOCKET_CLOSED,
	VOFFLOAD_FLOW_END_LINE_GONE,
	VOFFLOAD_FLOW_END_UNLOAD,
};

/**
 * enum voffload_flow_event - What happened on a flow, reported on the events
 *   group.
 * @VOFFLOAD_FLOW_EVENT_END: The flow is gone; flow-end says why.
 * @VOFFLOAD_FLOW_EVENT_RTP_TIMEOUT: No RTP for rtp-timeout-ms (a dead peer or
 *   a one-way NAT).
 * @VOFFLOAD_FLOW_EVENT_SSRC_CHANGE: The peer's SSRC changed (three packets in
 *   a row from a new one); ssrc has the new one.
 * @VOFFLOAD_FLOW_EVENT_DTMF: An RFC 4733 telephone event received from the
 *   peer and played to the phone as its tones (digit as in the line's dtmf
 *   event; duration-ms 0 at its start, its length at its end). Digits the
 *   phone dials are the line's dtmf events, and go out as RFC 4733 events when
 *   tx-event-pt is set.
 */
enum voffload_flow_event {
	VOFFLOAD_FLOW_EVENT_END,
	VOFFLOAD_FLOW_EVENT_RTP_TIMEOUT,
	VOFFLOAD_FLOW_EVENT_SSRC_CHANGE,
	VOFFLOAD_FLOW_EVENT_DTMF,
};

enum {
	VOFFLOAD_A_INFO_VERSION = 1,
	VOFFLOAD_A_INFO_API_VERSION,
	VOFFLOAD_A_INFO_CAPS,

	__VOFFLOAD_A_INFO_MAX,
	VOFFLOAD_A_INFO_MAX = (__VOFFLOAD_A_INFO_MAX - 1)
};

enum {
	VOFFLOAD_A_CADENCE_SEGMENT_MS = 1,
	VOFFLOAD_A_CADENCE_LOOP_FROM,

	__VOFFLOAD_A_CADENCE_MAX,
	VOFFLOAD_A_CADENCE_MAX = (__VOFFLOAD_A_CADENCE_MAX - 1)
};

enum {
	VOFFLOAD_A_HOOK_WINDOWS_DEBOUNCE_MS = 1,
	VOFFLOAD_A_HOOK_WINDOWS_PULSE_BREAK_MIN_MS,
	VOFFLOAD_A_HOOK_WINDOWS_PULSE_BREAK_MAX_MS,
	VOFFLOAD_A_HOOK_WINDOWS_PULSE_MAKE_MAX_MS,
	VOFFLOAD_A_HOOK_WINDOWS_FLASH_MIN_MS,
	VOFFLOAD_A_HOOK_WINDOWS_FLASH_MAX_MS,
	VOFFLOAD_A_HOOK_WINDOWS_ONHOOK_MS,

	__VOFFLOAD_A_HOOK_WINDOWS_MAX,
	VOFFLOAD_A_HOOK_WINDOWS_MAX = (__VOFFLOAD_A_HOOK_WINDOWS_MAX - 1)
};

enum {
	VOFFLOAD_A_LINE_STATS_PAD = 1,
	VOFFLOAD_A_LINE_STATS_HOOK_EVENTS,
	VOFFLOAD_A_LINE_STATS_RING_CYCLES,
	VOFFLOAD_A_LINE_STATS_FRAMES_IN,
	VOFFLOAD_A_LINE_STATS_FRAMES_OUT,
	VOFFLOAD_A_LINE_STATS_TICK_OVERRUNS,
	VOFFLOAD_A_LINE_STATS_ALSA_XRUNS,
	VOFFLOAD_A_LINE_STATS_EVENTS_DROPPED,
	VOFFLOAD_A_LINE_STATS_DTMF_DIGITS,

	__VOFFLOAD_A_LINE_STATS_MAX,
	VOFFLOAD_A_LINE_STATS_MAX = (__VOFFLOAD_A_LINE_STATS_MAX - 1)
};

enum {
	VOFFLOAD_A_LINE_ID = 1,
	VOFFLOAD_A_LINE_NAME,
	VOFFLOAD_A_LINE_DRIVER,
	VOFFLOAD_A_LINE_RATE,
	VOFFLOAD_A_LINE_HOOK,
	VOFFLOAD_A_LINE_FEED,
	VOFFLOAD_A_LINE_POLARITY,
	VOFFLOAD_A_LINE_RINGING,
	VOFFLOAD_A_LINE_COUNTRY,
	VOFFLOAD_A_LINE_CADENCE,
	VOFFLOAD_A_LINE_HOOK_WINDOWS,
	VOFFLOAD_A_LINE_TX_GAIN,
	VOFFLOAD_A_LINE_RX_GAIN,
	VOFFLOAD_A_LINE_STATS,
	VOFFLOAD_A_LINE_RING,
	VOFFLOAD_A_LINE_OHT_MS,
	VOFFLOAD_A_LINE_EVENT,
	VOFFLOAD_A_LINE_TIMESTAMP_NS,
	VOFFLOAD_A_LINE_DIGIT,
	VOFFLOAD_A_LINE_DURATION_MS,
	VOFFLOAD_A_LINE_PAD,

	__VOFFLOAD_A_LINE_MAX,
	VOFFLOAD_A_LINE_MAX = (__VOFFLOAD_A_LINE_MAX - 1)
};

enum {
	VOFFLOAD_A_JITTER_MODE = 1,
	VOFFLOAD_A_JITTER_INITIAL_MS,
	VOFFLOAD_A_JITTER_MIN_MS,
	VOFFLOAD_A_JITTER_MAX_MS,

	__VOFFLOAD_A_JITTER_MAX,
	VOFFLOAD_A_JITTER_MAX = (__VOFFLOAD_A_JITTER_MAX - 1)
};

enum {
	VOFFLOAD_A_FLOW_STATS_PAD = 1,
	VOFFLOAD_A_FLOW_STATS_TX_PACKETS,
	VOFFLOAD_A_FLOW_STATS_TX_OCTETS,
	VOFFLOAD_A_FLOW_STATS_RX_PACKETS,
	VOFFLOAD_A_FLOW_STATS_RX_OCTETS,
	VOFFLOAD_A_FLOW_STATS_LOST,
	VOFFLOAD_A_FLOW_STATS_FRACTION_LOST,
	VOFFLOAD_A_FLOW_STATS_JITTER,
	VOFFLOAD_A_FLOW_STATS_EXT_MAX_SEQ,
	VOFFLOAD_A_FLOW_STATS_LATE,
	VOFFLOAD_A_FLOW_STATS_DUPLICATE,
	VOFFLOAD_A_FLOW_STATS_REORDERED,
	VOFFLOAD_A_FLOW_STATS_BAD_HEADER,
	VOFFLOAD_A_FLOW_STATS_WRONG_SOURCE,
	VOFFLOAD_A_FLOW_STATS_WRONG_PT,
	VOFFLOAD_A_FLOW_STATS_TOO_SHORT,
	VOFFLOAD_A_FLOW_STATS_PASSED_UP,
	VOFFLOAD_A_FLOW_STATS_WRONG_SSRC,
	VOFFLOAD_A_FLOW_STATS_TX_EVENTS,
	VOFFLOAD_A_FLOW_STATS_RX_EVENTS,
	VOFFLOAD_A_FLOW_STATS_RX_EVENTS_IGNORED,
	VOFFLOAD_A_FLOW_STATS_JB_DELAY_MS,
	VOFFLOAD_A_FLOW_STATS_JB_TARGET_MS,
	VOFFLOAD_A_FLOW_STATS_JB_UNDERFLOWS,
	VOFFLOAD_A_FLOW_STATS_JB_OVERFLOWS,
	VOFFLOAD_A_FLOW_STATS_JB_CONCEALED_FRAMES,
	VOFFLOAD_A_FLOW_STATS_JB_CN_FRAMES,
	VOFFLOAD_A_FLOW_STATS_JB_RESYNCS,
	VOFFLOAD_A_FLOW_STATS_JB_DROPPED_SAMPLES,
	VOFFLOAD_A_FLOW_STATS_JB_INSERTED_SAMPLES,
	VOFFLOAD_A_FLOW_STATS_JB_DRIFT_PPM,
	VOFFLOAD_A_FLOW_STATS_TX_RTP_TS,
	VOFFLOAD_A_FLOW_STATS_TX_RTP_TS_NS,

	__VOFFLOAD_A_FLOW_STATS_MAX,
	VOFFLOAD_A_FLOW_STATS_MAX = (__VOFFLOAD_A_FLOW_STATS_MAX - 1)
};

enum {
	VOFFLOAD_A_FLOW_ID = 1,
	VOFFLOAD_A_FLOW_LINE,
	VOFFLOAD_A_FLOW_FD,
	VOFFLOAD_A_FLOW_REMOTE_IPV4,
	VOFFLOAD_A_FLOW_REMOTE_IPV6,
	VOFFLOAD_A_FLOW_REMOTE_PORT,
	VOFFLOAD_A_FLOW_CODEC,
	VOFFLOAD_A_FLOW_PAYLOAD_TYPE,
	VOFFLOAD_A_FLOW_PTIME_MS,
	VOFFLOAD_A_FLOW_SSRC,
	VOFFLOAD_A_FLOW_TX_EVENT_PT,
	VOFFLOAD_A_FLOW_RX_EVENT_PT,
	VOFFLOAD_A_FLOW_DSCP,
	VOFFLOAD_A_FLOW_JITTER,
	VOFFLOAD_A_FLOW_DIRECTION,
	VOFFLOAD_A_FLOW_LATCH,
	VOFFLOAD_A_FLOW_RTP_TIMEOUT_MS,
	VOFFLOAD_A_FLOW_STATS,
	VOFFLOAD_A_FLOW_EVENT,
	VOFFLOAD_A_FLOW_REASON,
	VOFFLOAD_A_FLOW_DIGIT,
	VOFFLOAD_A_FLOW_DURATION_MS,

	__VOFFLOAD_A_FLOW_MAX,
	VOFFLOAD_A_FLOW_MAX = (__VOFFLOAD_A_FLOW_MAX - 1)
};

enum {
	VOFFLOAD_CMD_INFO_GET = 1,
	VOFFLOAD_CMD_LINE_GET,
	VOFFLOAD_CMD_LINE_SET,
	VOFFLOAD_CMD_LINE_CTRL,
	VOFFLOAD_CMD_LINE_EVENT,
	VOFFLOAD_CMD_FLOW_NEW,
	VOFFLOAD_CMD_FLOW_SET,
	VOFFLOAD_CMD_FLOW_DEL,
	VOFFLOAD_CMD_FLOW_GET,
	VOFFLOAD_CMD_FLOW_EVENT,

	__VOFFLOAD_CMD_MAX,
	VOFFLOAD_CMD_MAX = (__VOFFLOAD_CMD_MAX - 1)
};

#define VOFFLOAD_MCGRP_EVENTS	"events"

#endif /* _UAPI_LINUX_VOFFLOAD_H */
