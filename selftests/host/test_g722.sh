#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The kernel's G.722 against spandsp's.
exec sh "$(dirname "$0")/build_check.sh" g722_check kernel/rtp_fastpath g722.c
