# SPDX-License-Identifier: GPL-2.0
#
# voffload-gen.awk: `uci show voffload` on stdin, voffloadd's config on
# stdout (see README "On OpenWrt"). uci show's format is stable: one
# "voffload.SECTION=TYPE" line per section, then "voffload.SECTION.OPTION=
# VALUE" lines, each value in single quotes ('\'' for a quote), a list as
# several quoted values separated by spaces; anonymous sections are
# "@TYPE[N]". Every option written out is preceded by a comment naming the
# UCI option it came from, so that an error voffloadd -t reports at a line
# can be traced back to it (voffload-gen does). Errors here (an unknown
# section type or option, a line without a number) go to stderr as
# "voffload.SECTION.OPTION: what", and the exit status is 1.
#
# Written for POSIX awk: busybox's on the router, mawk or gawk on Debian.

function fail(where, what) {
	printf "%s: %s\n", where, what > "/dev/stderr"
	errors++
}

# The quoted values of a uci show value: vals[1..n]; n, or -1 if malformed.
function unquote(s, vals,    n, v, c) {
	n = 0
	while (s != "") {
		if (substr(s, 1, 1) != "'")
			return -1
		s = substr(s, 2)
		v = ""
		for (;;) {
			c = index(s, "'")
			if (!c)
				return -1
			v = v substr(s, 1, c - 1)
			s = substr(s, c + 1)
			# '\'' is an escaped quote inside the value
			if (substr(s, 1, 3) == "\\''") {
				v = v "'"
				s = substr(s, 4)
				continue
			}
			break
		}
		vals[++n] = v
		if (s != "" && substr(s, 1, 1) != " ")
			return -1
		sub(/^ +/, "", s)
	}
	return n
}

function boolean(v) {
	if (v ~ /^(1|yes|on|true|enabled)$/)
		return "yes"
	if (v ~ /^(0|no|off|false|disabled)$/)
		return "no"
	return ""
}

BEGIN {
	# UCI option -> voffloadd option, per section type; "bool:" values
	# are UCI booleans, "list:" lists joined by SEP
	map["global", "log_level"] = "log-level"
	map["global", "sip_port"] = "sip-port"
	map["global", "rtp_port_min"] = "rtp-port-min"
	map["global", "rtp_port_max"] = "rtp-port-max"
	map["global", "dscp"] = "dscp"
	map["global", "keepalive"] = "keepalive-s"
	map["global", "dns_server"] = "list:,:dns-servers"
	map["global", "country"] = "country"
	map["global", "control_socket"] = "control-socket"
	map["global", "ghost_call_protection"] = "bool:ghost-call-protection"
	map["account", "user"] = "user"
	map["account", "auth_user"] = "auth-user"
	map["account", "password"] = "password"
	map["account", "domain"] = "domain"
	map["account", "registrar"] = "registrar"
	map["account", "proxy"] = "outbound-proxy"
	map["account", "display_name"] = "display-name"
	map["account", "transport"] = "transport"
	map["account", "expires"] = "expires"
	map["account", "codec"] = "list: :codecs"
	map["account", "register"] = "bool:register"
	map["account", "symmetric_rtp"] = "bool:symmetric-rtp"
	map["account", "dtmf_mode"] = "dtmf"
	map["line", "account"] = "account"
	map["line", "digit_map"] = "digit-map"
	map["line", "interdigit_ms"] = "interdigit-ms"
	map["line", "caller_id"] = "caller-id"
	map["line", "country"] = "country"
	map["line", "call_waiting"] = "bool:call-waiting"
	map["line", "tx_gain"] = "tx-gain"
	map["line", "rx_gain"] = "rx-gain"
	map["line", "hotline"] = "hotline"
	map["line", "hotline_delay_ms"] = "hotline-delay-ms"
	# read here, not passed on as options
	map["account", "enabled"] = "-"
	map["account", "line"] = "-"	# the line's number: sets its account
	map["line", "enabled"] = "-"
	map["line", "number"] = "-"
	nsect = 0
}

# voffload.SECTION=TYPE
/^voffload\.[^.=]+=/ {
	name = substr($0, 10, index($0, "=") - 10)
	type = substr($0, index($0, "=") + 1)
	if (type != "global" && type != "account" && type != "line") {
		fail("voffload." name, "unknown section type '" type "'")
		next
	}
	if (type == "global" && nglobal++) {
		fail("voffload." name, "a second global section")
		next
	}
	sect[++nsect] = name
	stype[name] = type
	nopt[name] = 0
	next
}

# voffload.SECTION.OPTION=VALUE
/^voffload\.[^.=]+\.[^.=]+=/ {
	rest = substr($0, 10)
	name = substr(rest, 1, index(rest, ".") - 1)
	rest = substr(rest, index(rest, ".") + 1)
	opt = substr(rest, 1, index(rest, "=") - 1)
	raw = substr(rest, index(rest, "=") + 1)
	where = "voffload." name "." opt
	if (!(name in stype))
		next	# its section line was refused already
	t = stype[name]
	if (!((t, opt) in map)) {
		fail(where, "unknown option")
		next
	}
	n = unquote(raw, vals)
	if (n < 1) {
		fail(where, "cannot read the value " raw)
		next
	}
	m = map[t, opt]
	if (m == "-") {
		val[name, opt] = vals[1]
		next
	}
	if (m ~ /^list:/) {
		sep = substr(m, 6, 1)
		m = substr(m, 8)
		v = vals[1]
		for (i = 2; i <= n; i++)
			v = v sep vals[i]
	} else if (n > 1) {
		fail(where, "a list where one value goes")
		next
	} else if (m ~ /^bool:/) {
		m = substr(m, 6)
		v = boolean(vals[1])
		if (v == "") {
			fail(where, "'" vals[1] "' is not a boolean (0/1, yes/no, on/off)")
			next
		}
	} else {
		v = vals[1]
	}
	k = ++nopt[name]
	oname[name, k] = m
	ovalue[name, k] = v
	ouci[name, k] = where
	next
}

/^[ \t]*$/ { next }

{ fail("line " NR, "not uci show output: " $0) }

# An account's "option line N": line N's account, unless line N names
# another one itself. A line section with that number gets it, else a
# [line N] of its own is written for it (lineacct[N], lineuci[N]).
function account_lines(    s, name, n, k, has) {
	for (s = 1; s <= nsect; s++) {
		name = sect[s]
		if (stype[name] == "line" && val[name, "number"] != "")
			linesect[val[name, "number"]] = name
	}
	for (s = 1; s <= nsect; s++) {
		name = sect[s]
		if (stype[name] != "account" || !((name, "line") in val))
			continue
		n = val[name, "line"]
		if (n !~ /^[0-9]+$/) {
			fail("voffload." name ".line", "'" n "' is not a line number")
			continue
		}
		has = ""
		if (n in linesect)
			for (k = 1; k <= nopt[linesect[n]]; k++)
				if (oname[linesect[n], k] == "account")
					has = ovalue[linesect[n], k]
		if (has != "" && has != name) {
			fail("voffload." name ".line", "line " n " has account '" has "' already")
			continue
		}
		if (has == "" && n in lineacct) {
			fail("voffload." name ".line", "line " n " is taken by account '" lineacct[n] "' already")
			continue
		}
		if (has == "") {
			lineacct[n] = name
			lineuci[n] = "voffload." name ".line"
		}
	}
}

# an account's line, as if the line section had said "option account"
function print_account_of(num) {
	if (!(num in lineacct))
		return
	print "# uci: " lineuci[num]
	if (boolean(val[lineacct[num], "enabled"]) == "no")
		print "# (account " lineacct[num] " is disabled)"
	else
		print "account = " lineacct[num]
}

END {
	account_lines()
	print "# voffloadd config, generated from UCI (voffload-gen): edit"
	print "# /etc/config/voffload instead; this file is rewritten."
	for (s = 1; s <= nsect; s++) {
		name = sect[s]
		t = stype[name]
		if (boolean(val[name, "enabled"]) == "no")
			continue
		if (t == "global") {
			head = "[global]"
		} else if (t == "account") {
			if (name ~ /^@/) {
				fail("voffload." name, "an account section needs a name (config account 'NAME')")
				continue
			}
			head = "[account " name "]"
		} else {
			num = val[name, "number"]
			if (num !~ /^[0-9]+$/) {
				fail("voffload." name ".number", num == "" ? "missing: the line's number" : "'" num "' is not a line number")
				continue
			}
			head = "[line " num "]"
		}
		print ""
		print "# uci: voffload." name
		print head
		for (k = 1; k <= nopt[name]; k++) {
			print "# uci: " ouci[name, k]
			# a disabled account's lines are idle: no account
			if (t == "line" && oname[name, k] == "account" &&
			    stype[ovalue[name, k]] == "account" &&
			    boolean(val[ovalue[name, k], "enabled"]) == "no") {
				print "# (account " ovalue[name, k] " is disabled)"
				continue
			}
			print oname[name, k] " = " ovalue[name, k]
		}
		if (t == "line")
			print_account_of(num)
	}
	# accounts' lines that have no line section
	for (num in lineacct) {
		if (num in linesect || boolean(val[lineacct[num], "enabled"]) == "no")
			continue
		print ""
		print "[line " num "]"
		print_account_of(num)
	}
	exit errors ? 1 : 0
}
