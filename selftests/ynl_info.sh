#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Drive the module with the kernel's own ynl CLI and our YAML spec: if the
# spec and the code disagree on a name, number or type, ynl fails to encode
# the request or decode the reply, and these checks fail.

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ynl.sh"

src=$vo_src
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

json_field()
{
	python3 -c 'import json, sys; v = json.load(sys.stdin)[sys.argv[1]]
print(" ".join(sorted(v)) if isinstance(v, list) else v)' "$1"
}

info_matches_module()
{
	ynl --do info-get --json '{}' >"$tmp/info" || return 1
	ktap_print_msg "ynl: $(cat "$tmp/info")"
	version=$(json_field version <"$tmp/info")
	api=$(json_field api-version <"$tmp/info")
	caps=$(json_field caps <"$tmp/info")
	want_api=$(sed -n 's/^#define VOFFLOAD_API_VERSION\t\([0-9]*\)$/\1/p' \
		"$src/uapi/linux/voffload.h")
	[ "$version" = "$(cat /sys/module/voffload/version)" ] &&
		[ "$api" = "$want_api" ] && [ "$caps" = ipv6 ]
}

# ynl prints the kernel's extack; it must carry our message.
newer_api_refused()
{
	! ynl --do info-get --json '{"api-version": 1000}' >"$tmp/err" 2>&1 &&
		grep -q 'newer voffload API' "$tmp/err"
}

# The policy's range check, reported against the attribute by name: the
# offset the kernel gives must decode to api-version in our spec.
zero_api_refused()
{
	! ynl --do info-get --json '{"api-version": 0}' >"$tmp/err" 2>&1 &&
		grep -q "bad-attr': '.api-version'" "$tmp/err"
	rc=$?
	ktap_print_msg "ynl: $(tr '\n' ' ' <"$tmp/err")"
	return $rc
}

ktap_print_header
vo_require_module
ktap_set_plan 3
vo_check "ynl info-get decodes version, api-version and caps" info_matches_module
vo_check "ynl info-get with a newer api-version is refused" newer_api_refused
vo_check "ynl sees api-version 0 refused with that attribute named" zero_api_refused
ktap_finished
