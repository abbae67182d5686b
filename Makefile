# SPDX-License-Identifier: GPL-2.0
#
# voffload top-level Makefile.
#
#   make                  build the modules, selftests and daemon for KERNEL
#   make check            every test: style gates, host tests, VM kselftests
#   make vmtest [T=glob] [ARGS=..]  only the VM kselftests; T selects test
#                         programs by name, ARGS go to the one selected
#   make deps             install what build, tests and demo need (root)
#   make demo             a call between two phone lines through two SIP
#                         proxies and the kernel fast path, in the VM
#   make bench-jitter     our jitter buffer against speexdsp's on traces
#   make netem-traces     capture the benchmark's netem traces in the VM
#
# KERNEL=6.1 (Debian 12's default headers) or KERNEL=6.12 selects the kernel
# the modules are built for and the VM boots; KDIR overrides the headers.

KERNEL ?= 6.1
KVER ?= $(shell tools/kver.sh $(KERNEL))
KDIR ?= /usr/src/linux-headers-$(KVER)
O := $(CURDIR)/build
# Each kernel gets its own copy of the sources to build in: kbuild writes
# objects next to the sources, and 6.1 cannot put them elsewhere.
MODDIR := $(O)/kmod-$(KVER)
KSRC := $(O)/ksrc
KSFT := $(KSRC)/tools/testing/selftests
MOD_SRCS := Kbuild $(wildcard kernel/*.[ch] kernel/*/*.[ch] uapi/linux/*.h)

.PHONY: all modules selftests ksrc uapi check vmtest deps clean daemon demo

all: modules selftests daemon

# voffloadd and voffloadctl, into build/daemon/
daemon:
	$(MAKE) -C daemon O=$(O)/daemon

deps:
	@sh tools/deps.sh

modules: $(MODDIR)/.synced
	$(MAKE) -C $(KDIR) M=$(MODDIR) W=1 modules

# Only changed files are copied, and they get the copy's time: a source
# edited during a build must come out newer than the objects built from
# its older copy, or kbuild keeps them (a stale struct layout in one
# object oopsed 6.12 once).
$(MODDIR)/.synced: $(MOD_SRCS)
	@mkdir -p $(MODDIR)
	@for f in $(MOD_SRCS); do \
		cmp -s $$f $(MODDIR)/$$f || cp --parents $$f $(MODDIR)/; \
	done
	@touch $@

sparse: $(MODDIR)/.synced
	$(MAKE) -C $(KDIR) M=$(MODDIR) C=2 CF=-D__CHECK_ENDIAN__ modules

# Kernel-tree parts we use but never copy into the repository: the kselftest
# harness and runner, checkpatch, ynl and the genetlink schema.
ksrc: $(KSRC)/.stamp
$(KSRC)/.stamp: tools/ksrc.sh
	sh tools/ksrc.sh $(KSRC) $(CURDIR)/selftests
	@touch $@

selftests: ksrc
	$(MAKE) -C selftests KSFT_DIR=$(KSFT) OUTPUT=$(CURDIR)/selftests

# uapi/linux/voffload.h is generated from the spec, then committed.
uapi: ksrc
	sh tools/ynl-gen-uapi.sh $(KSRC) uapi/voffload.yaml uapi/linux/voffload.h

vmtest: modules selftests
	sh selftests/vm/run.sh --kver $(KVER) --moddir $(MODDIR) \
		--ksft $(KSFT) --out $(O)/vm-out-$(KVER) $(if $(T),--tests '$(T)') \
		$(if $(ARGS),--args '$(ARGS)')

check:
	@sh tools/check.sh

# The quick start's first command: selftests/daemon_demo.sh in the VM,
# which prints the SIP ladder, what each phone heard and the counters.
demo: deps
	@mkdir -p $(O)
	@$(MAKE) -s modules selftests >$(O)/demo-build.log 2>&1 || \
		{ cat $(O)/demo-build.log; exit 1; }
	sh selftests/vm/run.sh --kver $(KVER) --moddir $(MODDIR) \
		--ksft $(KSFT) --out $(O)/vm-demo --tests 'daemon_demo.sh'

# Trace-driven jitter-buffer benchmark (tools/bench-jitter): builds on the
# host, needs libspeexdsp-dev (make deps), prints one table.
.PHONY: bench-jitter
bench-jitter:
	$(MAKE) -C tools/bench-jitter O=$(O)/bench-jitter run

# Capture the netem traces in the VM (the host kernel has no netem) into
# tools/bench-jitter/traces/, to be committed: about 5 minutes.
.PHONY: netem-traces
netem-traces: modules selftests
	sh selftests/vm/run.sh --kver $(KVER) --moddir $(MODDIR) \
		--ksft $(KSFT) --out $(O)/vm-netem --tests 'load_unload.sh' \
		--job tools/bench-jitter/netem-capture.sh
	mkdir -p tools/bench-jitter/traces
	cp $(O)/vm-netem/result/*.trace tools/bench-jitter/traces/

clean:
	rm -rf $(O)
	$(MAKE) -C selftests KSFT_DIR=$(KSFT) OUTPUT=$(CURDIR)/selftests clean 2>/dev/null || true
