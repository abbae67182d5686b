#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The OpenWrt init script (openwrt/voffload/files/voffload.init) on
# Debian: OpenWrt's rc.common and procd.sh are not here, so the procd_*
# calls it makes are recorded by shell functions and checked; what it
# runs of ours is real (voffload-gen on a `uci show` file, voffloadd -t).
# /var is a tmpfs in a mount namespace of its own, so /var/etc is the
# script's and nothing of the host's is touched.

. "$KSFT_DIR/kselftest/ktap_helpers.sh"
[ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null || {
	ktap_print_header
	ktap_set_plan 1
	ktap_test_skip "needs root and mount namespaces (unshare -m)"
	ktap_finished
	exit
}
[ -n "${VO_INIT_INNER:-}" ] || {
	VO_INIT_INNER=1 exec unshare -m sh -c \
		'mount -t tmpfs tmpfs /var && exec sh "$0"' "$0"
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
files=$VO_SRC/openwrt/voffload/files
conf=/var/etc/voffloadd.conf

ktap_print_header
make -s -C "$VO_SRC" daemon >"$tmp/build.log" 2>&1 ||
	ktap_exit_fail_msg "voffloadd does not build: $(tail -3 "$tmp/build.log")"

# What the script calls by name: voffload-gen reading our `uci show`
# file, modprobe and logger recorded.
mkdir "$tmp/bin"
cat >"$tmp/bin/voffload-gen" <<GEN
#!/bin/sh
exec sh "$files/voffload-gen" -i "$tmp/uci" -d "$VO_SRC/build/daemon/voffloadd" "\$@"
GEN
printf '#!/bin/sh\necho "modprobe $*" >>"%s/calls"\n' "$tmp" >"$tmp/bin/modprobe"
printf '#!/bin/sh\necho "logger $*" >>"%s/calls"\ncat >>"%s/calls"\n' "$tmp" "$tmp" \
	>"$tmp/bin/logger"
chmod +x "$tmp/bin/"*
PATH=$tmp/bin:$PATH

# procd.sh's functions, recorded one call a line
procd_open_instance() { echo "open_instance $*" >>"$tmp/calls"; }
procd_set_param() { echo "set_param $*" >>"$tmp/calls"; }
procd_close_instance() { echo "close_instance" >>"$tmp/calls"; }
procd_send_signal() { echo "send_signal $*" >>"$tmp/calls"; }
procd_add_reload_trigger() { echo "reload_trigger $*" >>"$tmp/calls"; }

# shellcheck disable=SC1091
. "$files/voffload.init"

uci()
{
	cat >"$tmp/uci" <<UCI
voffload.global=global
voffload.global.sip_port='$1'
voffload.provider=account
voffload.provider.user='1001'
voffload.provider.domain='sip.example.net'
voffload.@line[0]=line
voffload.@line[0].number='0'
voffload.@line[0].account='provider'
UCI
}

# check NAME CONDITION...: one test, the calls and errors shown on failure
check()
{
	name=$1
	shift
	if "$@"; then
		ktap_test_pass "$name"
	else
		ktap_print_msg "$(cat "$tmp/calls" "$tmp/err")"
		ktap_test_fail "$name"
	fi
}

# has REGEX: a recorded call matches
has() { grep -q -- "$1" "$tmp/calls"; }

run()
{
	: >"$tmp/calls"
	"$@" 2>"$tmp/err"
}

ktap_set_plan 5

started()
{
	run start_service && has "^modprobe voffload" &&
		grep -q "^sip-port = 5060" "$conf" &&
		has "^set_param command /usr/sbin/voffloadd -c $conf" &&
		has "^set_param respawn" && has "^close_instance" &&
		! has "set_param file"
}

reloaded()
{
	run reload_service && grep -q "^sip-port = 5070" "$conf" &&
		has "^send_signal voffload$" && ! has "open_instance"
}

bad_reload_kept()
{
	run reload_service && grep -q "^sip-port = 5070" "$conf" &&
		grep -q "voffload.global.sip_port: sip-port must be a number" "$tmp/err" &&
		has "^logger -t voffload -p daemon.err" &&
		has "^voffload.global.sip_port: sip-port must be"
}

bad_start_refused()
{
	rm -f "$conf"
	! run start_service && [ ! -e "$conf" ] && ! has "open_instance" &&
		grep -q "voffload.global.sip_port" "$tmp/err"
}

uci 5060
check "start: module loaded, config generated, voffloadd under procd with respawn" started
uci 5070
check "reload: config generated again, SIGHUP to voffloadd (procd_send_signal)" reloaded
uci 99999
check "reload with a bad value: the error names voffload.global.sip_port, logged, the last good config kept" \
	bad_reload_kept
check "first start with a bad value: no config, voffloadd not started" bad_start_refused
check "a UCI commit of voffload triggers a reload" \
	eval 'run service_triggers && has "^reload_trigger voffload$"'
ktap_finished
