#!/bin/sh
# Generate the uapi header from the family's YAML spec with the kernel's own
# generator (ynl-gen-c.py from linux-source). The generator expects a kernel
# tree: a MAINTAINERS file at the top and the schema next to the specs'
# directory, so we give it a scratch tree that looks like one.
# usage: ynl-gen-uapi.sh KSRC SPEC OUT
set -eu
ksrc=$(cd "$1" && pwd)
spec=$2
out=$3
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
mkdir -p "$tree/uapi"
: >"$tree/MAINTAINERS"
ln -s "$ksrc/Documentation/netlink/genetlink.yaml" "$tree/genetlink.yaml"
cp "$spec" "$tree/uapi/$(basename "$spec")"
python3 "$ksrc/tools/net/ynl/ynl-gen-c.py" --mode uapi --header \
	--spec "$tree/uapi/$(basename "$spec")" -o "$out"
