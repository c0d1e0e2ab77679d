#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A native driver registers through its stub, shows in the core's module
# list, pins the core while loaded, and leaves no trace when unloaded.
set -eu
. "$(dirname "$0")/lib.sh"
trap unload_all EXIT

load_core
grep -q '^0 *vmkapi ' $DEBUGFS/modules || fail "core is not module 0"
insmod "$(ko sample-drivers/nhello/nhello.ko)" || fail "insmod nhello"
grep -q ' nhello .*2\.3\.0\.0' $DEBUGFS/modules || fail "nhello not listed"
grep -q '^nhello *nhello ' $DEBUGFS/log || fail "nhello log component missing"
# The core cannot go while a driver uses it.
expect_fail rmmod vmkapi
loaded vmkapi || fail "vmkapi unloaded under nhello"
rmmod nhello || fail "rmmod nhello"
if grep -q ' nhello ' $DEBUGFS/modules; then fail "nhello still listed"; fi
if grep -q '^nhello ' $DEBUGFS/log; then fail "nhello log component left"; fi
rmmod vmkapi || fail "rmmod vmkapi"
