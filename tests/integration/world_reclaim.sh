#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Worlds left running by a module are reported by name when it unloads,
# killed (they see VMK_DEATH_PENDING) and waited for before its code goes,
# and the heap they were created from is empty by then; the core unloads.
set -eu
. "$(dirname "$0")/lib.sh"
cleanup() {
	loaded nworldleak && rmmod nworldleak
	unload_all
}
trap cleanup EXIT

load_core
dmesg -C
insmod "$(ko tests/modules/nworldleak/nworldleak.ko)" || fail "insmod nworldleak"
# The live worlds are listed, with their module and what they wait for.
for world in nworldleak_wait nworldleak_sleep; do
	grep -q " nworldleak .* $world (" $DEBUGFS/worlds ||
		{ cat $DEBUGFS/worlds; fail "$world not in debugfs"; }
done
rmmod nworldleak || fail "rmmod nworldleak"
dmesg | grep -q 'module nworldleak still holds 3 resource(s)' ||
	fail "no resource report"
for what in 'world nworldleak_wait (id ' 'world nworldleak_sleep (id ' \
	'killing world nworldleak_wait' 'killing world nworldleak_sleep' \
	'nworldleak: waiter saw ' 'nworldleak: sleeper saw '; do
	dmesg | grep -qF "$what" || fail "not in the log: $what"
done
# The worlds gave their start memory back: the heap had nothing left.
if dmesg | grep -q 'reclaimed at module unload'; then
	fail "the heap still held world memory"
fi
if grep -q ' nworldleak ' $DEBUGFS/modules; then fail "entry left behind"; fi
if grep -q ' nworldleak_heap ' $DEBUGFS/heaps; then fail "heap left"; fi
rmmod vmkapi || fail "rmmod vmkapi"
