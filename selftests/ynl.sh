#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The kernel's ynl CLI with voffload's spec, for shell selftests:
# ynl --do line-get --json '{"id": 0}'. Output is JSON. The spec is checked
# against genetlink's schema once, by make check's gate on the host; a check
# in every call here was 60 % of a call's time (0.50 s against 0.21 s on
# the host), and slic_lines.sh took 419 s with it against 187 s without.

vo_src=$(dirname "$(cd "$(dirname "$0")" && pwd -P)")
vo_ksrc=$(cd "$KSFT_DIR/../../.." && pwd)

ynl()
{
	python3 "$vo_ksrc/tools/net/ynl/cli.py" --output-json \
		--spec "$vo_src/uapi/voffload.yaml" \
		--no-schema "$@"
}

# jget 'PYTHON-EXPR' < JSON: evaluate with the parsed JSON as d.
jget()
{
	python3 -c 'import json, sys; d = json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"
}
