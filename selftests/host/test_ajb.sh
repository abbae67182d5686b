#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The adaptive playout buffer and its concealment, on simulated arrivals.
exec sh "$(dirname "$0")/build_check.sh" ajb_check kernel/rtp_fastpath ajb.c plc.c
