#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# DMA engines on the stock kernel: a module creates an engine on a
# platform device of its own (which widens the device's DMA mask to 64
# bits), maps a buffer, and unloads with both alive.  The engine is
# reported by name, its mapping unmapped, and the core still unloads.
set -eu
. "$(dirname "$0")/lib.sh"
trap 'rmmod ndmaleak 2>/dev/null || true; unload_all' EXIT

load_core
dmesg -C
insmod "$(ko tests/modules/ndmaleak/ndmaleak.ko)" || fail "insmod ndmaleak"
dmesg | grep -q 'ndmaleak: mask 0xffffffffffffffff' ||
	fail "device mask not widened"
dmesg -C
rmmod ndmaleak || fail "rmmod ndmaleak"
dmesg | grep -q 'module ndmaleak still holds 1 resource(s)' ||
	fail "no resource report"
dmesg | grep -q 'DMA engine ndmaleak_engine on ndmaleak, 1 mapping(s)' ||
	fail "engine not reported"
dmesg | grep -q 'DMA engine ndmaleak_engine: unmapped 1 mapping(s)' ||
	fail "mapping not unmapped"
rmmod vmkapi || fail "rmmod vmkapi"
