#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vmkapi-timeout: 240
# nnvme's error path: a read whose submission is lost (the test-only
# fault_drop_io parameter) times out; the SCSI error handler aborts it
# (QEMU's NVMe Abort cannot, and says so), escalates to a reset, which
# nnvme does as a controller reset completing the lost command; sd
# retries and the data reads back intact.  Then normal I/O works, the
# detach line counts the abort and the reset, and rmmod works.
# tests/vm/run --devices nvme-file (the first NVMe controller is used).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

tmp=$(mktemp -d)
cleanup() {
	if loaded nnvme; then rmmod nnvme || true; fi
	[ -n "${PCI_N:-}" ] && echo >"/sys/bus/pci/devices/$PCI_N/driver_override"
	rm -rf "$tmp"
	unload_all
}
trap cleanup EXIT

PCI_N=$(pci_find 0x1b36 0x0010 | head -n 1)
[ -n "$PCI_N" ] || fail "need an NVMe controller (tests/vm/run --devices nvme-file)"
[ -e "/sys/bus/pci/devices/$PCI_N/driver" ] &&
	echo "$PCI_N" >"/sys/bus/pci/devices/$PCI_N/driver/unbind"
echo nnvme >"/sys/bus/pci/devices/$PCI_N/driver_override"

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

modprobe sd_mod 2>/dev/null || true
load_core
loaded vmkapi_scsi || insmod "$(ko vmkapi_scsi.ko)" || fail "insmod vmkapi_scsi"
dmesg -C
insmod "$(ko sample-drivers/nnvme/nnvme.ko)" || fail "insmod nnvme"
wait_until 30 has_disk
disk=$(nnvme_disk)
dev=/dev/$disk
param=/sys/module/nnvme/parameters/fault_drop_io
[ -w "$param" ] || fail "$param is not writable"

# A short command timeout so that the test takes seconds, not 30 s.
echo 2 >"/sys/block/$disk/device/timeout"
[ -w "/sys/block/$disk/device/eh_timeout" ] &&
	echo 2 >"/sys/block/$disk/device/eh_timeout"

dd if=/dev/urandom of="$tmp/pat" bs=64k count=16 2>/dev/null
dd if="$tmp/pat" of="$dev" bs=64k oflag=direct 2>/dev/null || fail "write pattern"

echo 1 >"$param"
t0=$(date +%s)
timeout 60 dd if="$dev" of="$tmp/back" bs=64k count=16 iflag=direct 2>/dev/null ||
	fail "read with a lost command failed or took over 60 s"
t1=$(date +%s)
echo "    lost-command read took $((t1 - t0)) s"
[ "$(cat "$param")" = 0 ] || fail "the dropped submission was not taken"
cmp -s "$tmp/pat" "$tmp/back" || fail "data read back after the reset differs"
dmesg | grep -q "fault_drop_io: dropping" || fail "no drop logged"
dmesg | grep -q "task management: abort" || fail "no abort logged"
dmesg | grep -Eq "task management: .*reset" || fail "no reset logged"

# Normal I/O afterwards.
dd if=/dev/urandom of="$tmp/pat2" bs=64k count=64 2>/dev/null
dd if="$tmp/pat2" of="$dev" bs=64k seek=32 oflag=direct 2>/dev/null || fail "write after reset"
dd if="$dev" of="$tmp/back2" bs=64k skip=32 count=64 iflag=direct 2>/dev/null || fail "read after reset"
cmp -s "$tmp/pat2" "$tmp/back2" || fail "data after reset differs"

rmmod nnvme || fail "rmmod nnvme"
line=$(dmesg | grep "detached after" | tail -1)
echo "    $line"
echo "$line" | grep -Eq ", [1-9][0-9]* aborts, [1-9][0-9]* resets" ||
	fail "the detach counters do not show an abort and a reset"
