#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The kernel's 2:1 sample-rate converters measured with sines.
exec sh "$(dirname "$0")/build_check.sh" resample_check kernel/rtp_fastpath \
	resample.c
