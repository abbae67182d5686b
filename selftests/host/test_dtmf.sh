#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The kernel's DTMF detector and generator against ITU-T Q.24's limits and
# spandsp's receiver.
exec sh "$(dirname "$0")/build_check.sh" dtmf_check kernel/slic \
	dtmf_detect.c dtmf_gen.c
