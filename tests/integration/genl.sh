#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The core's generic netlink family "vmkapi", kernel side, through raw
# netlink (tests/fuzz/vmkgenl): every command answers, strict policies
# refuse with an extack message (and the attribute's offset), dumps of
# more objects than one message holds are complete and ordered, new
# events are multicast, an unprivileged user gets EPERM for the mutating
# commands, and the device steps act on nedu's edu device and its child.
set -eu
. "$(dirname "$0")/lib.sh"
trap unload_all EXIT

tool=$VMKAPI_MODULES/tests/fuzz/vmkgenl
[ -x "$tool" ] || fail "no $tool (built by make)"

# run ARGS...: the tool's checks, its output shown when one fails.
run() {
	if ! out=$("$tool" "$@" 2>&1); then
		echo "$out" | sed 's/^/    /'
		fail "vmkgenl $*"
	fi
}

load_core
run check
run check-perm

# Multicast: a listener joins before ngenl records its events.
listen_log=/tmp/vmkgenl-listen.$$
"$tool" listen 3 60 >"$listen_log" 2>&1 &
listener=$!
n=0
until grep -q '^listening' "$listen_log"; do
	n=$((n + 1))
	[ $n -lt 100 ] || fail "listener did not start: $(cat "$listen_log")"
	sleep 0.1
done
insmod "$(ko tests/modules/ngenl/ngenl.ko)" heaps=400 devices=400 events=3 \
	intr=1 || fail "insmod ngenl"
wait $listener || { cat "$listen_log"; fail "no multicast events"; }
rm -f "$listen_log"
run check-ngenl 3
run check-big 400 400
rmmod ngenl || fail "rmmod ngenl"

# Device steps on nedu's edu device, if the guest has one.
edu=$(pci_find 0x1234 0x11e8 | head -n 1)
[ -n "$edu" ] || fail "no edu device in this guest"
insmod "$(ko sample-drivers/nedu/nedu.ko)" || fail "insmod nedu"
n=0
until [ -c /dev/nedu0 ]; do
	n=$((n + 1))
	[ $n -lt 100 ] || fail "nedu did not attach"
	sleep 0.1
done
run check-steps "$edu"
rmmod nedu || fail "rmmod nedu after the steps"
run ping
