#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Run every host test program with the kernel's kselftest runner, so host
# and VM results read (and are counted) the same way.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$(dirname "$here")")
export BASE_DIR="$top/build/ksrc/tools/testing/selftests"
export KSFT_DIR="$BASE_DIR" VO_SRC="$top"
cd "$here"
set +u # runner.sh reads unset variables
# shellcheck disable=SC1091
. "$BASE_DIR/kselftest/runner.sh"
# shellcheck disable=SC2046
run_many $(ls test_*.sh)
