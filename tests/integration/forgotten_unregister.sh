#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A module unloaded while still registered is cleaned up by the core:
# its entry and log component disappear, with one warning, and the core
# itself still unloads.
set -eu
. "$(dirname "$0")/lib.sh"
trap unload_all EXIT

load_core
insmod "$(ko tests/modules/nforget/nforget.ko)" || fail "insmod nforget"
grep -q ' nforget ' $DEBUGFS/modules || fail "nforget not registered"
dmesg -C
rmmod nforget || fail "rmmod nforget"
if grep -q ' nforget ' $DEBUGFS/modules; then fail "entry left behind"; fi
if grep -q '^nforget ' $DEBUGFS/log; then fail "log component left"; fi
dmesg | grep -q 'nforget unloaded without vmk_ModuleUnregister' ||
	fail "no warning about the forgotten unregister"
rmmod vmkapi || fail "rmmod vmkapi"
