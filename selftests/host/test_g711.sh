#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The kernel's G.711 against spandsp's, for every sample and code.
exec sh "$(dirname "$0")/build_check.sh" g711_check kernel/rtp_fastpath g711.c
