# SPDX-License-Identifier: GPL-2.0
#
# Count the leaf results of a kselftest runner's KTAP log: the nested results
# of each test program, or the program's own result when it printed none. A
# program that failed without a failing leaf (crash, timeout) counts as one
# failure; programs the plan announced but that never reported count as
# failures too. Prints one line per leaf ("ok", "not ok" or "skip", then the
# program and the test's name) and "PASS FAIL SKIP" last.

function settle(top_line, top_failed, top_skipped) {
	if (np + nf + ns == 0) {
		if (top_skipped) {
			skip++
			print "skip " top_line
		} else if (top_failed) {
			fail++
			print "not ok " top_line
		} else {
			pass++
			print "ok " top_line
		}
	} else {
		pass += np
		fail += nf
		skip += ns
		if (top_failed && nf == 0) {
			fail++
			print "not ok " top_line
		}
	}
	np = nf = ns = 0
	seen++
}

# "ok 3 selftests: voffload: genl_info # exit=1" -> "genl_info # exit=1"
function program(line) {
	sub(/^(not )?ok [0-9]+ (selftests: [^:]*: )?/, "", line)
	return line
}

# "# # selftests: voffload: genl_info" names the program that runs next.
/^# selftests: / { prog = $0; sub(/^# selftests: [^:]*: /, "", prog); next }

/^1\.\.[0-9]+/ && plan == "" { plan = substr($1, 4) + 0; next }

/^# (not )?ok [0-9]+/ {
	line = substr($0, 3)
	name = prog ": " program(line)
	if (line ~ /# SKIP/) {
		ns++
		print "skip " name
	} else if (line ~ /^not ok/) {
		nf++
		print "not ok " name
	} else {
		np++
		print "ok " name
	}
	next
}

/^(not )?ok [0-9]+ / {
	settle(program($0), $0 ~ /^not ok/, $0 ~ /# SKIP/)
}

END {
	if (np + nf + ns > 0) {
		# Results of a program whose own line never came: it was cut off.
		settle(prog " (cut off)", 1, 0)
	}
	if (plan != "" && seen < plan) {
		fail += plan - seen
		print "not ok " plan - seen " test programs never reported"
	}
	print pass + 0, fail + 0, skip + 0
}
