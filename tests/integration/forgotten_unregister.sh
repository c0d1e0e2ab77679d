#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A module unloaded while still registered is cleaned up by the core:
# its entry, log component, heap (whose live allocations are named with
# their call sites) and slab disappear, with warnings, and the core itself
# still unloads.
set -eu
. "$(dirname "$0")/lib.sh"
trap unload_all EXIT

load_core
insmod "$(ko tests/modules/nforget/nforget.ko)" || fail "insmod nforget"
grep -q ' nforget ' $DEBUGFS/modules || fail "nforget not registered"
grep -q ' nforget_heap ' $DEBUGFS/heaps || fail "nforget heap not listed"
grep -q ' nforget_slab ' $DEBUGFS/slabs || fail "nforget slab not listed"
dmesg -C
rmmod nforget || fail "rmmod nforget"
if grep -q ' nforget ' $DEBUGFS/modules; then fail "entry left behind"; fi
if grep -q '^nforget ' $DEBUGFS/log; then fail "log component left"; fi
dmesg | grep -q 'nforget unloaded without vmk_ModuleUnregister' ||
	fail "no warning about the forgotten unregister"
dmesg | grep -q 'module nforget still holds 2 resource(s)' ||
	fail "no resource report"
dmesg | grep -q 'heap nforget_heap reclaimed at module unload: .* bytes' ||
	fail "no heap leak report"
[ "$(dmesg | grep -c 'bytes at .* allocated by nforget_leak')" -eq 2 ] ||
	fail "live allocations not named with their call site"
if grep -q ' nforget_heap ' $DEBUGFS/heaps; then fail "heap left"; fi
if grep -q ' nforget_slab ' $DEBUGFS/slabs; then fail "slab left"; fi
rmmod vmkapi || fail "rmmod vmkapi"
