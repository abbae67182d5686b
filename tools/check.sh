#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make check: every test of the project. Installs what it needs, then runs
# the build and style gates, the host tests and the VM kselftests for both
# kernels. One line per result; the last line is "N passed, N failed, N
# skipped" with the VM kselftests counted per test case. Exit 0 iff none
# failed. Logs of each gate are in build/check/.
set -u
cd "$(dirname "$0")/.."
top=$PWD
logs=$top/build/check
pass=0 fail=0 skip=0 n=0

sh tools/deps.sh || exit 1
mkdir -p "$logs"
make -s ksrc >"$logs/ksrc.log" 2>&1 || { cat "$logs/ksrc.log"; exit 1; }

# gate NAME COMMAND...: one result from a command's exit status.
gate()
{
	name=$1
	shift
	n=$((n + 1))
	log="$logs/$(echo "$name" | tr -c 'A-Za-z0-9.\n' '_').log"
	if "$@" >"$log" 2>&1; then
		pass=$((pass + 1))
		echo "ok $n $name"
	else
		fail=$((fail + 1))
		echo "not ok $n $name (log: ${log#"$top"/})"
		tail -n 15 "$log" | sed 's/^/#   /'
	fi
}

# The build log of KERNEL $1 with W=1 must show no warning at all.
build_clean()
{
	make -s KERNEL="$1" modules 2>&1 | tee "$logs/build-$1.out" &&
		! grep -E 'warning:|error:' "$logs/build-$1.out"
}

sparse_clean()
{
	make -s KERNEL="$1" sparse 2>&1 | tee "$logs/sparse-$1.out" &&
		! grep -E 'warning:|error:' "$logs/sparse-$1.out"
}

checkpatch_clean()
{
	# shellcheck disable=SC2046
	perl build/ksrc/scripts/checkpatch.pl --strict --no-tree --terse \
		--show-types -f $(git ls-files 'kernel/*.[ch]' 'uapi/*.h')
}

spec_valid()
{
	python3 -c 'import sys, yaml, jsonschema
jsonschema.validate(yaml.safe_load(open(sys.argv[1])),
		    yaml.safe_load(open(sys.argv[2])))' uapi/voffload.yaml \
		build/ksrc/Documentation/netlink/genetlink.yaml
}

uapi_matches_spec()
{
	sh tools/ynl-gen-uapi.sh build/ksrc uapi/voffload.yaml \
		build/check/voffload.h &&
		diff -u uapi/linux/voffload.h build/check/voffload.h
}

# failed_leaves KTAP: each failing test with the diagnostic lines it
# printed before its result (up to 8), right above the summary line, so
# that a CI log cut short in the middle still names what failed and why.
failed_leaves()
{
	awk '/^(# )*# [^o]/ && !/^(# )*# (ok|not ok|skip) / {
		d[n++ % 8] = $0; next }
	/^(# )*(not ok|ok) / {
		if ($0 ~ /^(# )*not ok/ && $0 !~ /# SKIP/) {
			for (i = (n > 8 ? n - 8 : 0); i < n; i++)
				print "#   | " d[i % 8]
			print "#   failed: " $0
		}
		n = 0 }' "$1"
}

# tally NAME KTAP RC LOG: add a KTAP log's leaf results to the totals,
# listing them. A run that failed (RC != 0) with no failing test (a splat,
# a hung VM) is one more failure.
tally()
{
	awk -f tools/ktap-count.awk "$2" >"$2.count" 2>/dev/null
	sed '$d' "$2.count" | sed 's/^/#   /'
	# shellcheck disable=SC2046
	set -- "$1" "$2" "$3" "$4" $(tail -n 1 "$2.count")
	p=${5:-0} f=${6:-0} s=${7:-0}
	if [ "$3" != 0 ] && [ "$f" = 0 ]; then
		f=1
		grep '^vm:' "$4" | sed 's/^/#   /'
	fi
	n=$((n + 1))
	if [ "$f" = 0 ]; then
		echo "ok $n $1: $p passed, $s skipped"
	else
		failed_leaves "$2"
		echo "not ok $n $1: $f failed (log: ${4#"$top"/})"
	fi
	pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
}

host_suite()
{
	make -s -C selftests/host run >"$logs/host.ktap" 2>&1
	tally "host tests" "$logs/host.ktap" $? "$logs/host.ktap"
}

# VM kselftests for KERNEL $1.
vm_suite()
{
	kver=$(tools/kver.sh "$1")
	make -s KERNEL="$1" vmtest >"$logs/vm-$1.log" 2>&1
	rc=$?
	touch "build/vm-out-$kver/ktap.log"
	tally "VM kselftests on $kver" "build/vm-out-$kver/ktap.log" $rc \
		"$logs/vm-$1.log"
	# what each test took, to see where the suite's time goes
	grep '^vm: took' "$logs/vm-$1.log" | sed 's/^/#   /'
}

gate "W=1 build against Debian 6.1 headers, no warnings" build_clean 6.1
gate "W=1 build against 6.12 headers, no warnings" build_clean 6.12
gate "sparse with endian checks (6.1)" sparse_clean 6.1
gate "sparse with endian checks (6.12)" sparse_clean 6.12
gate "checkpatch --strict on kernel/ and uapi/" checkpatch_clean
gate "spec validates against genetlink.yaml" spec_valid
gate "uapi header is what ynl-gen makes of the spec" uapi_matches_spec
host_suite
make -s selftests >"$logs/selftests-build.log" 2>&1 ||
	gate "selftests build" false
vm_suite 6.1
vm_suite 6.12

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
