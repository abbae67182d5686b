#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# voffloadd's config parser: good files and their values, bad ones and the
# file:line errors they must give.
exec sh "$(dirname "$0")/build_check.sh" config_check daemon config.c digitmap.c addr.c
