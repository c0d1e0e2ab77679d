#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A module that unloads with its driver registered and its devices
# attached (one it added as a provider, one logical child its driver
# registered in a scan and also claims) has them reported by name and
# taken back leaf first: the child's quiesce, detach and removal before
# the parent's quiesce and detach, each a vmkapi:device_transition
# tracepoint; the device tree is empty of them and the core unloads.
set -eu
. "$(dirname "$0")/lib.sh"
trap 'loaded ndrvleak && rmmod ndrvleak; unload_all' EXIT
TRACING=/sys/kernel/tracing
CHILD='logical#ndrvleak:0#0'

load_core
[ -d $TRACING/events ] || mount -t tracefs nodev $TRACING 2>/dev/null || true
traced=0
if [ -d $TRACING/events/vmkapi/device_transition ]; then
	echo >$TRACING/trace
	echo 1 >$TRACING/events/vmkapi/device_transition/enable
	traced=1
fi
dmesg -C
insmod "$(ko tests/modules/ndrvleak/ndrvleak.ko)" || fail "insmod ndrvleak"
grep -q "addr=ndrvleak:0 .*state=started forgotten=no driver=ndrvleak" \
	$DEBUGFS/devices || fail "device not started in the tree"
grep -q "^    bus=logical addr=$CHILD .*state=started .*driver=ndrvleak" \
	$DEBUGFS/devices || fail "child not under its parent"
rmmod ndrvleak || fail "rmmod ndrvleak"
dmesg | grep -q 'module ndrvleak still holds 4 resource(s)' ||
	fail "no resource report"
dmesg | grep -qF "device logical $CHILD (com.vmware.ndrvleak.child, started)" ||
	fail "child not reported"
dmesg | grep -qE 'vmkapi:   driver ndrvleak$' || fail "driver not reported"
dmesg | grep -q 'driver ndrvleak: its module unloaded with the driver registered' ||
	fail "driver not unregistered"
if grep -q ndrvleak $DEBUGFS/devices; then fail "left in the tree"; fi
if [ $traced = 1 ]; then
	echo 0 >$TRACING/events/vmkapi/device_transition/enable
	grep device_transition $TRACING/trace | sed 's/.*device_transition: //' |
		grep -E -e '-(quiesce|detach|remove)->' >/tmp/ndrvleak.trace || true
	expected="device=$CHILD driver=ndrvleak started -quiesce-> quiescent status=0x0
device=$CHILD driver=ndrvleak quiescent -detach-> unclaimed status=0x0
device=$CHILD driver=- unclaimed -remove-> removed status=0x0
device=ndrvleak:0 driver=ndrvleak started -quiesce-> quiescent status=0x0
device=ndrvleak:0 driver=ndrvleak quiescent -detach-> unclaimed status=0x0
device=ndrvleak:0 driver=- unclaimed -remove-> removed status=0x0"
	[ "$(cat /tmp/ndrvleak.trace)" = "$expected" ] || {
		cat /tmp/ndrvleak.trace
		fail "transitions not leaf first"
	}
fi
if dmesg | grep -qE 'BUG|Oops|WARNING'; then fail "kernel complained"; fi
rmmod vmkapi || fail "rmmod vmkapi"
