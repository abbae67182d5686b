#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The kernel's ynl CLI with voffload's spec, for shell selftests:
# ynl --do line-get --json '{"id": 0}'. Every call also checks the spec
# against the kernel's genetlink schema. Output is JSON.

vo_src=$(dirname "$(cd "$(dirname "$0")" && pwd -P)")
vo_ksrc=$(cd "$KSFT_DIR/../../.." && pwd)

ynl()
{
	python3 "$vo_ksrc/tools/net/ynl/cli.py" --output-json \
		--spec "$vo_src/uapi/voffload.yaml" \
		--schema "$vo_ksrc/Documentation/netlink/genetlink.yaml" "$@"
}

# jget 'PYTHON-EXPR' < JSON: evaluate with the parsed JSON as d.
jget()
{
	python3 -c 'import json, sys; d = json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"
}
