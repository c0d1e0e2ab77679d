#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The PCI bus adapter on the stock kernel, with QEMU's edu device and the
# npci test driver: one Linux pci_driver per native driver, named after
# it; IDs from a device map written to debugfs (before and after the
# driver loads) or from the C table; attach only once init_module has
# returned; sysfs unbind/bind and driver_override hand the device over;
# rmmod detaches and leaves the device free.
set -eu
. "$(dirname "$0")/lib.sh"
cleanup() {
	if loaded npci; then rmmod npci || true; fi
	unload_all
}
trap cleanup EXIT

edu=$(pci_find 0x1234 0x11e8 | head -n 1)
[ -n "$edu" ] || fail "no edu device"
dev=/sys/bus/pci/devices/$edu
map="regtype=native,bus=pci,id=123411e8..............,driver=npci"

load_core
[ "$(driver_of "$dev")" = none ] || fail "edu already bound to $(driver_of "$dev")"

# A map file in the map directory, read when npci registers.
mkdir -p /tmp/npci.map.d
printf '# npci\n%s\n' "$map" >/tmp/npci.map.d/npci.map
echo /tmp/npci.map.d >/sys/module/vmkapi/parameters/pci_map_dir
dmesg -C
insmod "$(ko tests/modules/npci/npci.ko)" || fail "insmod npci (map file)"
[ "$(driver_of "$dev")" = npci ] || fail "not bound from the map file"
dmesg | grep -q "in_init 0" || fail "attached inside init_module (file)"
rmmod npci || fail "rmmod npci (map file)"
# A fresh core forgets the entries (and the directory setting).
rmmod vmkapi || fail "rmmod vmkapi (map file)"
load_core

# No IDs at all: no Linux driver yet, edu stays free.
dmesg -C
insmod "$(ko tests/modules/npci/npci.ko)" || fail "insmod npci"
[ ! -d /sys/bus/pci/drivers/npci ] || fail "a Linux driver without IDs"
[ "$(driver_of "$dev")" = none ] || fail "bound without an ID"
# A map line at run time: a dynamic ID, edu attached at once.
echo "$map" >$DEBUGFS/pci_map || fail "map write"
[ -d /sys/bus/pci/drivers/npci ] || fail "no Linux driver npci"
[ "$(driver_of "$dev")" = npci ] || fail "not bound after the map line"
dmesg | grep -q "npci: attach $edu id 010000ed in_init 0" ||
	fail "attach not logged: $(dmesg | grep npci)"
grep -qx "$map" $DEBUGFS/pci_map || fail "map not listed"
expect_fail sh -c "echo 'regtype=native,bus=pci,id=zz,driver=npci' >$DEBUGFS/pci_map"

# Unbind and bind through sysfs.
dmesg -C
echo "$edu" >/sys/bus/pci/drivers/npci/unbind || fail "unbind"
[ "$(driver_of "$dev")" = none ] || fail "still bound after unbind"
dmesg | grep -q "npci: detach" || fail "no detach on unbind"
echo "$edu" >/sys/bus/pci/drivers/npci/bind || fail "bind"
[ "$(driver_of "$dev")" = npci ] || fail "not bound after bind"

# driver_override promises the device to another driver.
echo "$edu" >/sys/bus/pci/drivers/npci/unbind || fail "unbind 2"
echo nobody >"$dev/driver_override"
echo "$edu" >/sys/bus/pci/drivers_probe
[ "$(driver_of "$dev")" = none ] || fail "bound despite driver_override"
echo >"$dev/driver_override"
echo "$edu" >/sys/bus/pci/drivers_probe
[ "$(driver_of "$dev")" = npci ] || fail "not bound once the override is gone"

# rmmod detaches; the map entry outlives the driver and applies at the
# next load, after init_module.
dmesg -C
rmmod npci || fail "rmmod npci"
dmesg | grep -q "npci: detach" || fail "no detach on rmmod"
[ "$(driver_of "$dev")" = none ] || fail "bound after rmmod"
[ ! -d /sys/bus/pci/drivers/npci ] || fail "Linux driver left"
dmesg -C
insmod "$(ko tests/modules/npci/npci.ko)" || fail "insmod npci 2"
[ "$(driver_of "$dev")" = npci ] || fail "map entry not applied at load"
dmesg | grep -q "in_init 0" || fail "attached inside init_module"
rmmod npci || fail "rmmod npci 2"

# The C table, from a module that now finds the map empty of others.
dmesg -C
insmod "$(ko tests/modules/npci/npci.ko)" table=1 || fail "insmod table=1"
[ "$(driver_of "$dev")" = npci ] || fail "not bound from the C table"
dmesg | grep -q "in_init 0" || fail "attached inside init_module (table)"
rmmod npci || fail "rmmod npci 3"
if dmesg | grep -q "left .* at detach"; then fail "npci left something"; fi
rmmod vmkapi || fail "rmmod vmkapi"
