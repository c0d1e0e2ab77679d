#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A timer queue left behind by a module, with a periodic timer running and
# a one-shot pending, is reported by name and reclaimed when the module
# unloads (its world stopped, its timers freed before their heap), its
# legacy timer is cancelled, and the core still unloads.
set -eu
. "$(dirname "$0")/lib.sh"
trap 'loaded ntimerleak && rmmod ntimerleak; unload_all' EXIT
# The queue's world, by its thread name (maybe truncated).
world() {
	grep -q '^vmk-tq-ntimerle' /proc/[0-9]*/comm 2>/dev/null
}

load_core
dmesg -C
insmod "$(ko tests/modules/ntimerleak/ntimerleak.ko)" || fail "insmod ntimerleak"
world || fail "no timer queue world"
rmmod ntimerleak || fail "rmmod ntimerleak"
dmesg | grep -q 'module ntimerleak still holds 2 resource(s)' ||
	fail "no resource report"
dmesg | grep -qF 'timer queue ntimerleak_queue (2 timer(s) scheduled)' ||
	fail "queue not reported"
dmesg | grep -q 'module ntimerleak unloaded with 1 legacy timer(s) scheduled; cancelled' ||
	fail "legacy timer not cancelled"
if world; then fail "world left running"; fi
if grep -q ' ntimerleak ' $DEBUGFS/modules; then fail "entry left behind"; fi
if grep -q ' ntimerleak_heap ' $DEBUGFS/heaps; then fail "heap left"; fi
if dmesg | grep -qE 'BUG|Oops|WARNING'; then fail "kernel complained"; fi
rmmod vmkapi || fail "rmmod vmkapi"
