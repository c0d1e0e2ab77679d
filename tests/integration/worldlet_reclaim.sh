#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Worldlets (one busy, one following it) and a self-rescheduling bottom
# half left behind by a module are reported by name and stopped and
# reclaimed when it unloads, before their heap, and the core still
# unloads.
set -eu
. "$(dirname "$0")/lib.sh"
trap unload_all EXIT

load_core
dmesg -C
insmod "$(ko tests/modules/nwdtleak/nwdtleak.ko)" || fail "insmod nwdtleak"
sleep 1
rmmod nwdtleak || fail "rmmod nwdtleak"
dmesg | grep -q 'module nwdtleak still holds 4 resource(s)' ||
	fail "no resource report"
for what in 'worldlet nwdtleak_poll' 'worldlet nwdtleak_idle' \
	'bottom half nwdtleak_bh'; do
	dmesg | grep -qF "$what" || fail "not reported: $what"
done
if grep -q ' nwdtleak ' $DEBUGFS/modules; then fail "entry left behind"; fi
if grep -q ' nwdtleak_heap ' $DEBUGFS/heaps; then fail "heap left"; fi
rmmod vmkapi || fail "rmmod vmkapi"
