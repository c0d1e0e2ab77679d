#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vmkapi-timeout: 600
# ne1000's attach unwind: for every step N of ne1000_attach (the
# test-only fault_attach_step parameter fails step N), binding the
# 82540EM fails, the log names step N, and the failed attach left
# nothing: ne1000's resource count and live heap allocations are back
# where they were, it has no DMA engine and no interrupt cookie in the
# core, no entry in /proc/interrupts or the device tree, bus mastering
# is off, no uplink appeared, and the core reclaimed nothing after it
# (fault_attach_steps in lib.sh).  Then a bind without the fault gives
# an uplink, and unbind and rmmod leave nothing either.
# tests/vm/run --devices e1000,e1000 (the first 82540EM is used).
set -eu
. "$(dirname "$0")/../lib.sh"

nics="$(pci_find 0x8086 0x100e) $(pci_find 0x8086 0x10d3)"
set -- $nics
[ $# -ge 1 ] || fail "need an 82540EM (tests/vm/run --devices e1000)"
PCI_N=$1
PCI=/sys/bus/pci/devices/$PCI_N
saved=
for p in $nics; do
	saved="$saved $p=$(cat "/sys/bus/pci/devices/$p/driver_override")"
done

cleanup() {
	if loaded ne1000; then rmmod ne1000 || true; fi
	for s in $saved; do
		o=${s#*=}
		[ "$o" = "(null)" ] && o=
		echo "$o" >"/sys/bus/pci/devices/${s%%=*}/driver_override"
	done
	unload_all
}
trap cleanup EXIT

bound() { [ -e "$PCI/driver" ]; }
unbound() { ! bound; }
registered() { [ -d /sys/bus/pci/drivers/ne1000 ]; }
has_uplink() { uplink_of ne1000 >/dev/null; }

# Only our NIC may go to ne1000, and only when the test binds it: no
# driver is named "none".  Another driver (Linux's e1000) lets it go.
for p in $nics; do
	[ -e "/sys/bus/pci/devices/$p/driver" ] &&
		echo "$p" >"/sys/bus/pci/devices/$p/driver/unbind"
	echo none >"/sys/bus/pci/devices/$p/driver_override"
done

load_core
insmod "$(ko sample-drivers/ne1000/ne1000.ko)" || fail "insmod ne1000"
wait_until 30 registered
param=/sys/module/ne1000/parameters/fault_attach_step
# ne1000's own check after each failed attach: no uplink appeared.
no_uplink() { ! has_uplink || fail "step $1 ($2): an uplink appeared"; }

echo ne1000 >"$PCI/driver_override"
MIN_STEPS=15 fault_attach_steps ne1000 "$PCI_N" no_uplink
wait_until 30 has_uplink
echo "$PCI_N" >/sys/bus/pci/drivers/ne1000/unbind
wait_until 10 unbound
! has_uplink || fail "the uplink $(uplink_of ne1000) stayed after the unbind"
driver_left_nothing ne1000 "$PCI_N" "a detach"

# Without the fault: an uplink that comes up, and nothing after rmmod.
echo 0 >"$param"
echo "$PCI_N" >/sys/bus/pci/drivers/ne1000/bind ||
	fail "bind without the fault: $(dmesg | tail -n 5)"
wait_until 30 has_uplink
ip link set "$(uplink_of ne1000)" up || fail "ip link set up"
rmmod ne1000 || fail "rmmod ne1000"
! bound || fail "$PCI_N still bound after rmmod"
driver_unloaded ne1000
