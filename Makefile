# SPDX-License-Identifier: GPL-2.0
#
# vmkapi-linux: the VMK API on Linux.
#
#   make            build every module against KDIR (and the tools)
#   make deps       install the Debian packages the project needs
#   make check      every test: host, builds, KUnit (debug kernel), integration
#   make demo       boot a guest, load the core and a native driver, show them
#   make bench      compare VMK primitives with raw Linux ones in one boot
#   make install    install modules under /lib/modules/<ver>/extra
#
# KDIR defaults to the running kernel's build tree, or else the newest one
# installed (this matters on build machines whose own kernel is not a
# Debian one).

ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))

ifeq ($(KDIR),)
KDIR := $(firstword \
	$(wildcard /lib/modules/$(shell uname -r)/build) \
	$(shell ls -d /lib/modules/*/build 2>/dev/null | sort -V | tail -n 1))
endif
KVER = $(shell sed -n 's/^\#define UTS_RELEASE "\(.*\)"/\1/p' \
	$(KDIR)/include/generated/utsrelease.h 2>/dev/null)

# One build tree per kernel: kbuild writes objects next to the sources,
# so each KDIR gets its own copy of them under build/.
BUILD_DIR ?= $(ROOT)/build/$(KVER)
SOURCES := Kbuild vmkapi-core sample-drivers kunit tests/modules tests/bench

.PHONY: all modules tools deps check demo bench install clean help

all: modules

modules:
	@test -n "$(KDIR)" -a -d "$(KDIR)" || \
		{ echo "no kernel build tree: run 'make deps' or set KDIR"; exit 1; }
	@mkdir -p $(BUILD_DIR)
	@rsync -a --delete --exclude='*.o' --exclude='*.ko' --exclude='*.cmd' \
		--exclude='*.mod*' --exclude='*_vmkstub.c' --exclude='*_scsi_emul.c' --exclude='Module.symvers' \
		--exclude='modules.order' \
		--relative $(addprefix $(ROOT)/./,$(SOURCES)) $(BUILD_DIR)/
	$(MAKE) -C $(KDIR) M=$(BUILD_DIR) VMKAPI_ROOT=$(BUILD_DIR) modules
	$(CC) -O2 -Wall -Werror -o $(BUILD_DIR)/sample-drivers/nedu/nedu-ctl \
		$(ROOT)/sample-drivers/nedu/nedu-ctl.c
	@mkdir -p $(BUILD_DIR)/tests/fuzz
	$(CC) -O2 -Wall -Werror -I$(ROOT)/vmkapi-core/include/uapi \
		-o $(BUILD_DIR)/tests/fuzz/vmkgenl $(ROOT)/tests/fuzz/vmkgenl.c
	$(MAKE) -C $(ROOT)/userspace-tools/libvmkmgmt \
		OUT=$(BUILD_DIR)/userspace-tools/libvmkmgmt
	$(CC) -O2 -Wall -Werror -o $(BUILD_DIR)/sample-drivers/nedu/nedu-mgmt \
		-I$(ROOT)/userspace-tools/libvmkmgmt/include \
		-I$(ROOT)/vmkapi-core/include \
		$(ROOT)/sample-drivers/nedu/nedu-mgmt.c \
		$(BUILD_DIR)/userspace-tools/libvmkmgmt/libvmkmgmt.a \
		$$(pkg-config --libs libnl-genl-3.0) -lpthread
	$(MAKE) -f $(ROOT)/Makefile BUILD_DIR=$(BUILD_DIR) tools

# User-space tools (libnl-genl-3), next to the modules they talk to.
tools:
	$(MAKE) -C $(ROOT)/userspace-tools/vmkctl O=$(BUILD_DIR)/userspace-tools/vmkctl

deps:
	$(ROOT)/tests/deps.sh

check:
	$(ROOT)/tests/check

demo:
	$(ROOT)/tests/demo

bench:
	$(ROOT)/tests/bench/run

install: modules
	$(MAKE) -C $(KDIR) M=$(BUILD_DIR) VMKAPI_ROOT=$(BUILD_DIR) \
		INSTALL_MOD_DIR=extra modules_install
	depmod -a $(if $(INSTALL_MOD_PATH),-b $(INSTALL_MOD_PATH)) $(KVER)
	$(MAKE) -C $(ROOT)/userspace-tools/vmkctl \
		O=$(BUILD_DIR)/userspace-tools/vmkctl install

clean:
	rm -rf $(ROOT)/build

help:
	@sed -n '3,14p' $(ROOT)/Makefile
