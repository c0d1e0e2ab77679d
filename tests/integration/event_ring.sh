#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The always-on event ring, read after the fact with no tracing started:
# nedu's lifecycle transitions are in its ring, which stays readable
# (dead) once nedu is unloaded and is taken back when nedu loads again;
# the heap failures of ntrace are in its ring after it unloaded.
set -eu
. "$(dirname "$0")/lib.sh"
trap unload_all EXIT

events=$DEBUGFS/events

bdf=$(pci_find 0x1234 0x11e8 | head -n 1)
[ -n "$bdf" ] || fail "no edu device in this guest"

# ring_state NAME: "live" or "dead" (the ring table heads the file).
ring_state() {
	awk -v n="$1" '$1 == n && ($3 == "live" || $3 == "dead") { print $3; exit }' \
		"$events"
}
# ring_recorded NAME: events the ring ever got.
ring_recorded() {
	awk -v n="$1" '$1 == n && ($3 == "live" || $3 == "dead") { print $4; exit }' \
		"$events"
}
show() {
	sed 's/^/      /' "$events"
}

load_core
[ -r "$events" ] || fail "no $events"
[ "$(ring_state vmkapi)" = live ] || { show; fail "no live ring of the core"; }

insmod "$(ko sample-drivers/nedu/nedu.ko)" || fail "insmod nedu"
[ "$(ring_state nedu)" = live ] || { show; fail "no live ring of nedu"; }
rmmod nedu || fail "rmmod nedu"
[ "$(ring_state nedu)" = dead ] || { show; fail "nedu's ring is not kept dead"; }
for step in "attach: unclaimed -> quiescent" "start: quiescent -> started" \
	"quiesce: started -> quiescent" "detach: quiescent -> unclaimed"; do
	grep -Eq "transition +nedu +$bdf +0x0 +$step$" "$events" ||
		{ show; fail "no \"$step\" of nedu's device in its ring"; }
done
before=$(ring_recorded nedu)

# Loaded again: the same ring, live, its history kept and growing.
insmod "$(ko sample-drivers/nedu/nedu.ko)" || fail "insmod nedu again"
[ "$(ring_state nedu)" = live ] || { show; fail "nedu's ring not taken back"; }
[ "$(grep -c '^nedu ' "$events")" = 1 ] || { show; fail "two rings of nedu"; }
after=$(ring_recorded nedu)
[ "$after" -gt "$before" ] ||
	{ show; fail "nedu's ring did not go on: $before -> $after events"; }
rmmod nedu || fail "rmmod nedu again"

insmod "$(ko tests/modules/ntrace/ntrace.ko)" rounds=1 failures=2 ||
	fail "insmod ntrace"
rmmod ntrace || fail "rmmod ntrace"
[ "$(ring_state ntrace)" = dead ] || { show; fail "no dead ring of ntrace"; }
n=$(grep -Ec "alloc-failed +ntrace +ntrace_small +0x[0-9a-f]+ +heap: 16384 bytes for " \
	"$events" || true)
[ "$n" = 2 ] || { show; fail "$n heap failures of ntrace in its ring, expected 2"; }

rmmod vmkapi || fail "rmmod vmkapi"
