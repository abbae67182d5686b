#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# voffloadd's socket addresses of both families: host[:port] and
# "[v6]:port" parsing, bad input refused, printing, equality and v4-mapped
# normalisation.
exec sh "$(dirname "$0")/build_check.sh" addr_check daemon addr.c
