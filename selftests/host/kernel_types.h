/* SPDX-License-Identifier: GPL-2.0 */
/* The kernel's type names, for building pure kernel logic in userspace. */
#include <stdbool.h>
#include <stdint.h>
typedef uint8_t u8;
typedef int16_t s16;
typedef uint16_t u16;
typedef int32_t s32;
typedef uint32_t u32;
typedef int64_t s64;
typedef uint64_t u64;
