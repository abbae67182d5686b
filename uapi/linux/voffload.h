/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	uapi/voffload.yaml */
/* YNL-GEN uapi header */

#ifndef _UAPI_LINUX_VOFFLOAD_H
#define _UAPI_LINUX_VOFFLOAD_H

#define VOFFLOAD_FAMILY_NAME	"voffload"
#define VOFFLOAD_FAMILY_VERSION	1

#define VOFFLOAD_API_VERSION	1

/**
 * enum voffload_caps - Optional features of the running module.
 * @VOFFLOAD_CAPS_IPV6: The kernel was built with IPv6, so media flows may use
 *   IPv6 sockets. OpenWrt images can be built without it.
 */
enum voffload_caps {
	VOFFLOAD_CAPS_IPV6 = 1,
};

enum {
	VOFFLOAD_A_INFO_VERSION = 1,
	VOFFLOAD_A_INFO_API_VERSION,
	VOFFLOAD_A_INFO_CAPS,

	__VOFFLOAD_A_INFO_MAX,
	VOFFLOAD_A_INFO_MAX = (__VOFFLOAD_A_INFO_MAX - 1)
};

enum {
	VOFFLOAD_CMD_INFO_GET = 1,

	__VOFFLOAD_CMD_MAX,
	VOFFLOAD_CMD_MAX = (__VOFFLOAD_CMD_MAX - 1)
};

#endif /* _UAPI_LINUX_VOFFLOAD_H */
