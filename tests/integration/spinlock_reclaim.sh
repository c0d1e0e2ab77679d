#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Spinlocks and a lock domain left behind by a module, and legacy spinlocks
# with their class, are reported by name and reclaimed when it unloads
# (locks before their domain and heap), the
# IRQ lock draws its one "native drivers must not" warning, and the core
# still unloads.
set -eu
. "$(dirname "$0")/lib.sh"
trap unload_all EXIT

load_core
dmesg -C
insmod "$(ko tests/modules/nlockleak/nlockleak.ko)" || fail "insmod nlockleak"
[ "$(dmesg | grep -c 'module nlockleak .* IRQ spinlock')" -eq 1 ] ||
	fail "no single IRQ spinlock warning"
rmmod nlockleak || fail "rmmod nlockleak"
dmesg | grep -q 'module nlockleak still holds 8 resource(s)' ||
	fail "no resource report"
for what in 'spinlock nlockleak_ranked (VMK_SPINLOCK, rank 4)' \
	'spinlock nlockleak_rw (VMK_SPINLOCK_RW)' \
	'spinlock nlockleak_irq (VMK_SPINLOCK_IRQ)' \
	'lock domain nlockleak_domain' \
	'legacy spinlock class nlockleak_class (rank 0x2100)' \
	'legacy spinlock nlockleak_member (spinlock, rank 0x2100.1)' \
	'legacy spinlock nlockleak_legacy_irq (IRQ spinlock, rank 0x5ff9.0)'; do
	dmesg | grep -qF "$what" || fail "not reported: $what"
done
if grep -q ' nlockleak ' $DEBUGFS/modules; then fail "entry left behind"; fi
if grep -q ' nlockleak_heap ' $DEBUGFS/heaps; then fail "heap left"; fi
rmmod vmkapi || fail "rmmod vmkapi"
