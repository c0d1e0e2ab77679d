#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vmkapi-timeout: 600
# The native edu driver on QEMU's edu device: bound through its own
# pci_driver, a factorial and a DMA round trip from user space through
# /dev/nedu0 with the interrupts counted by the core, 20 unload/load
# cycles (NEDU_CYCLES), and the device handed to a Linux driver (ledu)
# and back with driver_override, unbind and bind.
set -eu
. "$(dirname "$0")/lib.sh"
trap unload_all EXIT

ctl=$VMKAPI_MODULES/sample-drivers/nedu/nedu-ctl
[ -x "$ctl" ] || fail "no $ctl (built by make)"

bdf=$(pci_find 0x1234 0x11e8 | head -n 1)
[ -n "$bdf" ] || fail "no edu device in this guest"
edu=/sys/bus/pci/devices/$bdf

bound_to() { [ "$(driver_of "$edu")" = "$1" ]; }
node_exists() { [ -c /dev/nedu0 ]; }
node_gone() { [ ! -e /dev/nedu0 ]; }

# The "woken" count of nedu's interrupt cookie (column 7 of the cookie
# row that precedes its "handler nedu-..." line).
nedu_interrupts() {
	awk '/^[0-9]/ { woken = $7 } /handler nedu-/ { print woken; exit }' \
		"$DEBUGFS/interrupts"
}

load_nedu() {
	insmod "$(ko sample-drivers/nedu/nedu.ko)" || fail "$1: insmod nedu"
	wait_until 10 bound_to nedu
	wait_until 10 node_exists
}

load_core
load_nedu "first load"
grep -q "nedu" "$DEBUGFS/devices" || fail "nedu's device is not in $DEBUGFS/devices"

before=$(nedu_interrupts)
[ -n "$before" ] || fail "no interrupt registration of nedu in $DEBUGFS/interrupts"
"$ctl" /dev/nedu0 factorial 10 >/dev/null || fail "factorial through /dev/nedu0"
"$ctl" /dev/nedu0 factorial 12 >/dev/null || fail "second factorial"
"$ctl" /dev/nedu0 dma 4095 >/dev/null || fail "DMA round trip of 4095 bytes"
"$ctl" /dev/nedu0 dma 100 >/dev/null || fail "DMA round trip of 100 bytes"
# More than the device can carry is refused by the driver, not sent.
expect_fail "$ctl" /dev/nedu0 dma 4096
after=$(nedu_interrupts)
# Two factorials and four DMA transfers, one interrupt each.
[ $((after - before)) -ge 6 ] ||
	fail "interrupts counted by the core: $before -> $after, expected +6"
"$ctl" /dev/nedu0 stats | grep -q '^timeouts 0$' || fail "nedu counted timeouts"

# An open file pins the driver: rmmod must refuse.
exec 3</dev/nedu0
expect_fail rmmod nedu
exec 3<&-

# NEDU_CYCLES lowers the count where a cycle is slow (the debug kernel,
# ~6 s each under TCG): a few already take lockdep, KASAN and kmemleak
# through every path of attach and detach.
i=0
while [ $i -lt "${NEDU_CYCLES:-20}" ]; do
	rmmod nedu || fail "cycle $i: rmmod nedu"
	bound_to none || fail "cycle $i: still bound to $(driver_of "$edu") after rmmod"
	node_gone || fail "cycle $i: /dev/nedu0 left behind"
	load_nedu "cycle $i"
	"$ctl" /dev/nedu0 factorial $((i % 12 + 1)) >/dev/null ||
		fail "cycle $i: factorial"
	i=$((i + 1))
done

# To the Linux driver: override, unbind from nedu, bind to ledu.
insmod "$(ko tests/modules/ledu/ledu.ko)" || fail "insmod ledu"
bound_to nedu || fail "ledu took the device from nedu by itself"
echo ledu >"$edu/driver_override"
echo "$bdf" >/sys/bus/pci/drivers/nedu/unbind
wait_until 10 node_gone
echo "$bdf" >/sys/bus/pci/drivers/ledu/bind
bound_to ledu || fail "not bound to ledu but to $(driver_of "$edu")"
echo 10 >"$edu/ledu_factorial" || fail "ledu factorial"
[ "$(cat "$edu/ledu_factorial")" = 3628800 ] || fail "ledu: 10! wrong"

# And back to the native driver.
echo nedu >"$edu/driver_override"
echo "$bdf" >/sys/bus/pci/drivers/ledu/unbind
echo "$bdf" >/sys/bus/pci/drivers/nedu/bind
wait_until 10 bound_to nedu
wait_until 10 node_exists
echo >"$edu/driver_override"
"$ctl" /dev/nedu0 factorial 11 >/dev/null || fail "factorial after the handover"
"$ctl" /dev/nedu0 dma 4095 >/dev/null || fail "DMA after the handover"

rmmod ledu || fail "rmmod ledu"
rmmod nedu || fail "final rmmod nedu"
bound_to none || fail "bound to $(driver_of "$edu") after the last rmmod"
rmmod vmkapi || fail "rmmod vmkapi"
