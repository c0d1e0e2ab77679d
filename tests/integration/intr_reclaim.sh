#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Interrupts on the stock kernel: a module takes three interrupts from a
# software source (acknowledge in hard IRQ, handler in the core's
# per-CPU handler threads), which debugfs counts; it unloads with the
# handler registered and the source allocated: both are reported by name
# and released, the Linux action is gone, and the core still unloads,
# taking its handler threads along.
set -eu
. "$(dirname "$0")/lib.sh"
trap unload_all EXIT

load_core
grep -q '^cookie ' $DEBUGFS/interrupts || fail "no interrupts file"
insmod "$(ko tests/modules/nintrleak/nintrleak.ko)" || fail "insmod nintrleak"
grep -q 'handler nintrleak_dev ' $DEBUGFS/interrupts ||
	fail "registration not listed"
line=$(grep -B1 'handler nintrleak_dev ' $DEBUGFS/interrupts | head -n 1)
# cookie irq module shared enabled count woken ...
set -- $line
[ "$4" = no ] && [ "$5" = yes ] && [ "$6" = 3 ] && [ "$7" = 3 ] ||
	fail "unexpected counts: $line"
irq=$2
grep -q "^ *$irq:.*vmk-nintrleak_dev" /proc/interrupts ||
	fail "irq $irq not in /proc/interrupts"
# Kernel threads have no command line: look at their names.  An
# edge-triggered cookie has no Linux interrupt thread of its own.
thread_named() {
	cat /proc/[0-9]*/comm 2>/dev/null | grep -q "$1"
}
thread_named '^vmk-intr/0$' || fail "no handler thread for CPU 0"
if thread_named "^irq/$irq-"; then fail "irq $irq has a thread"; fi
dmesg -C
rmmod nintrleak || fail "rmmod nintrleak"
dmesg | grep -q 'module nintrleak still holds 2 resource(s)' ||
	fail "no resource report"
dmesg | grep -q 'interrupt handler nintrleak_dev on cookie' ||
	fail "handler not reported"
dmesg | grep -q 'interrupt cookie .* (irq ' || fail "cookie not reported"
if grep -q nintrleak_dev $DEBUGFS/interrupts; then fail "registration left"; fi
if grep -q "^ *$irq:" /proc/interrupts; then fail "irq $irq left"; fi
rmmod vmkapi || fail "rmmod vmkapi"
if thread_named '^vmk-intr/'; then fail "handler threads left"; fi
