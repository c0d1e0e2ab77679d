#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A reboot handler is a resource of the module that registered it: one
# left registered at unload is reported by name and dropped with the
# module, and the core then unloads with no handler list left over.
set -eu
. "$(dirname "$0")/lib.sh"
trap unload_all EXIT

load_core
insmod "$(ko tests/modules/nreboot/nreboot.ko)" || fail "insmod nreboot"
dmesg -C
rmmod nreboot || fail "rmmod nreboot"
dmesg | grep -q 'reboot handler nreboot_forgotten' ||
	fail "the forgotten handler was not reported"
if dmesg | grep -q 'reboot handler nreboot_kept'; then
	fail "the unregistered handler was reported"
fi
if dmesg | grep -q 'handler ran'; then fail "a handler was called"; fi
rmmod vmkapi || fail "rmmod vmkapi"
if dmesg | grep -q 'WARNING'; then fail "warning on unload"; fi
