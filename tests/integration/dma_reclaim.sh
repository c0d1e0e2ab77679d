#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# DMA engines on the stock kernel: a module creates an engine on a
# platform device of its own (which widens the device's DMA mask to 64
# bits), maps a buffer, and unloads with both alive.  The engine is
# listed in debugfs, reported by name at unload, its mapping unmapped,
# and the core still unloads.
set -eu
. "$(dirname "$0")/lib.sh"
trap 'rmmod ndmaleak 2>/dev/null || true; unload_all' EXIT

load_core
dmesg -C
insmod "$(ko tests/modules/ndmaleak/ndmaleak.ko)" || fail "insmod ndmaleak"
dmesg | grep -q 'ndmaleak: mask 0xffffffffffffffff' ||
	fail "device mask not widened"
line=$(grep '^engine *ndmaleak_engine ' $DEBUGFS/dma) || fail "engine not listed"
# kind name module device mask flags mappings
set -- $line
[ "$3" = ndmaleak ] && [ "$4" = ndmaleak ] && [ "$7" = 1 ] ||
	fail "unexpected engine line: $line"
dmesg -C
rmmod ndmaleak || fail "rmmod ndmaleak"
dmesg | grep -q 'module ndmaleak still holds 1 resource(s)' ||
	fail "no resource report"
dmesg | grep -q 'DMA engine ndmaleak_engine on ndmaleak, 1 mapping(s)' ||
	fail "engine not reported"
dmesg | grep -q 'DMA engine ndmaleak_engine: unmapped 1 mapping(s)' ||
	fail "mapping not unmapped"
if grep -q ndmaleak_engine $DEBUGFS/dma; then fail "engine still listed"; fi
rmmod vmkapi || fail "rmmod vmkapi"
