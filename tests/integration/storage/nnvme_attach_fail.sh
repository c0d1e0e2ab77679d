#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vmkapi-timeout: 900
# nnvme's attach unwind: for every step N of the attach path (attach,
# then the first start; the test-only fault_attach_step parameter fails
# step N), binding the controller fails, the log names step N, and the
# failed attach left nothing: nnvme's resource count and live heap
# allocations are back where they were before, it has no DMA engine and
# no interrupt cookie in the core, the function no MSI-X vector and no
# entry in /proc/interrupts or the device tree, and the core reclaimed
# nothing after it (it would say "nnvme left ...").  The steps are not
# counted here: N goes up until the bind works, and the driver's count
# of its steps must then be N - 1.  Then a bind without the fault gives
# a disk that reads, and rmmod leaves nothing either.
# tests/vm/run --devices nvme-file (the first NVMe controller is used).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

# The NVMe controllers, each with its driver_override as found.
ctrls=$(pci_find 0x1b36 0x0010)
set -- $ctrls
[ $# -ge 1 ] || fail "need an NVMe controller (tests/vm/run --devices nvme-file)"
PCI_N=$1
PCI=/sys/bus/pci/devices/$PCI_N
saved=
for p in $ctrls; do
	saved="$saved $p=$(cat "/sys/bus/pci/devices/$p/driver_override")"
done

tmp=$(mktemp -d)
cleanup() {
	if loaded nnvme; then rmmod nnvme || true; fi
	for s in $saved; do
		o=${s#*=}
		[ "$o" = "(null)" ] && o=
		echo "$o" >"/sys/bus/pci/devices/${s%%=*}/driver_override"
	done
	rm -rf "$tmp"
	unload_all
}
trap cleanup EXIT

nnvme_disk() {
	for d in /sys/block/sd*; do
		[ -e "$d/device/vendor" ] || continue
		case "$(cat "$d/device/vendor")" in
		"NVMe "*) ;;
		*) continue ;;
		esac
		case "$(readlink -f "$d")" in
		*/"$PCI_N"/*) basename "$d"; return 0 ;;
		esac
	done
	return 1
}
has_disk() { nnvme_disk >/dev/null && [ -b "/dev/$(nnvme_disk)" ]; }
bound() { [ -e "$PCI/driver" ]; }
unbound() { ! bound; }
registered() { [ -d /sys/bus/pci/drivers/nnvme ]; }

# Only our controller may go to nnvme, and only when the test binds it:
# no driver is named "none".
for p in $ctrls; do
	[ -e "/sys/bus/pci/devices/$p/driver" ] &&
		echo "$p" >"/sys/bus/pci/devices/$p/driver/unbind"
	echo none >"/sys/bus/pci/devices/$p/driver_override"
done

# Bus mastering on before the first attach, as firmware that booted from
# the controller leaves it (SeaBIOS does; earlier tests in this guest may
# have cleared it): the core turns it off after the failed attach without
# blaming nnvme, which the "no reclaim" checks below hold it to.
cmd_reg() { echo $((0x$(od -An -tx2 -j4 -N2 "$PCI/config" | tr -d ' '))); }
master() { [ $(($(cmd_reg) & 4)) != 0 ]; }
if ! master; then
	cmd=$(($(cmd_reg) | 4))
	printf "$(printf '\\x%02x\\x%02x' $((cmd & 255)) $((cmd >> 8)))" |
		dd of="$PCI/config" bs=1 seek=4 count=2 conv=notrunc 2>/dev/null
	master || fail "cannot turn bus mastering on for $PCI_N"
fi

modprobe sd_mod 2>/dev/null || true
load_core
loaded vmkapi_scsi || insmod "$(ko vmkapi_scsi.ko)" || fail "insmod vmkapi_scsi"
insmod "$(ko sample-drivers/nnvme/nnvme.ko)" || fail "insmod nnvme"
# Its pci_driver is registered once the module is live.
wait_until 30 registered
param=/sys/module/nnvme/parameters/fault_attach_step

# nnvme's own checks after each failed attach: no disk, and at step 1
# the core's report of the bus mastering that was on before.
nnvme_check() {
	! has_disk || fail "step $1 ($2): a disk appeared"
	if [ "$1" = 1 ]; then
		case "$3" in
		*"bus mastering was on before nnvme attached"*) ;;
		*) fail "step 1: no report of the bus mastering on before it" ;;
		esac
	fi
}

echo nnvme >"$PCI/driver_override"
MIN_STEPS=20 fault_attach_steps nnvme "$PCI_N" nnvme_check
wait_until 30 has_disk
echo "$PCI_N" >/sys/bus/pci/drivers/nnvme/unbind
wait_until 10 unbound
driver_left_nothing nnvme "$PCI_N" "a detach"

# Without the fault: the disk reads, and nothing stays after rmmod.
echo 0 >"$param"
dmesg -C
timeout 120 sh -c "echo $PCI_N >/sys/bus/pci/drivers/nnvme/bind" ||
	fail "bind without the fault: $(dmesg | tail -n 5)"
wait_until 30 has_disk
dd if="/dev/$(nnvme_disk)" of="$tmp/back" bs=64k count=16 iflag=direct \
	status=none || fail "dd read"
[ "$(stat -c %s "$tmp/back")" = $((16 * 65536)) ] || fail "short read"
rmmod nnvme || fail "rmmod nnvme"
! bound || fail "$PCI_N still bound after rmmod"
driver_unloaded nnvme
