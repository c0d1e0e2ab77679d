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
[ -w "$param" ] || fail "$param is not writable"
id=$(awk '$2 == "nnvme" { print $1 }' $DEBUGFS/modules)
[ -n "$id" ] || fail "nnvme not in $DEBUGFS/modules"

# What nnvme holds with no device: one line, compared after each attempt
# (one awk over the core's debugfs files and /proc/interrupts; processes
# are slow in an emulated guest):
#   resources heap-bytes heap-live engines cookies handlers irqs tree msix
held() {
	set -- "$PCI"/msi_irqs/*
	[ -e "$1" ] || set --
	awk -v id="$id" -v pci="$PCI_N" -v msix=$# '
	FILENAME ~ /modules$/ && $2 == "nnvme" { res = $5 }
	FILENAME ~ /heaps$/ && $1 == "nnvme" && $2 == "nnvme" {
		bytes = $3; live = $7 - $8
	}
	FILENAME ~ /dma$/ && $1 == "engine" && $3 == "nnvme" { engines++ }
	FILENAME ~ /vmkapi\/interrupts$/ && $1 ~ /^[0-9]+$/ && $3 == id { cookies++ }
	FILENAME ~ /vmkapi\/interrupts$/ && $1 == "handler" && $2 ~ /^nnvme-/ { handlers++ }
	FILENAME == "/proc/interrupts" && /nnvme/ { irqs++ }
	FILENAME ~ /devices$/ && index($0, "addr=" pci " ") { tree++ }
	END {
		printf "resources %s heap-bytes %s heap-live %s engines %d cookies %d handlers %d irqs %d tree %d msix %d\n",
		       res, bytes, live, engines, cookies, handlers, irqs, tree, msix
	}' $DEBUGFS/modules $DEBUGFS/heaps $DEBUGFS/dma $DEBUGFS/interrupts \
		/proc/interrupts $DEBUGFS/devices
}
base=$(held)
echo "    before: $base"
case "$base" in
*" engines 0 cookies 0 handlers 0 irqs 0 tree 0 msix 0") ;;
*) fail "nnvme holds device resources before any attach: $base" ;;
esac

# try_bind: 0 if nnvme attached (and started) the controller.  The
# write returns once the probe is over, failed or not.
try_bind() {
	timeout 120 sh -c "echo $PCI_N >/sys/bus/pci/drivers/nnvme/bind" \
		2>/dev/null
}

echo nnvme >"$PCI/driver_override"
n=1
while :; do
	[ $n -le 200 ] || fail "the attach still fails at fault_attach_step=$n"
	echo $n >"$param"
	dmesg -C
	if try_bind; then
		break
	fi
	# The log, read once: shell patterns from here on.
	log=$(dmesg)
	case "$log" in
	*"fault_attach_step: failing step $n ("*) ;;
	*) fail "step $n: the bind failed, but not at step $n: $log" ;;
	esac
	what=${log#*"failing step $n ("}
	what=${what%%)*}
	case "$log" in
	*"nnvme did not attach"*) ;;
	*) fail "step $n ($what): no \"did not attach\" from the core: $log" ;;
	esac
	! bound || fail "step $n ($what): $PCI_N is bound"
	! has_disk || fail "step $n ($what): a disk appeared"
	case "$log" in
	*"nnvme left "* | *"still holds"*)
		fail "step $n ($what): the core reclaimed what nnvme left: $log" ;;
	esac
	! master || fail "step $n ($what): bus mastering is on after it"
	if [ $n = 1 ]; then
		case "$log" in
		*"bus mastering was on before nnvme attached"*) ;;
		*) fail "step 1: no report of the bus mastering on before it" ;;
		esac
	fi
	now=$(held)
	[ "$now" = "$base" ] ||
		fail "step $n ($what): left behind: $now (before: $base)"
	echo "    step $n ($what): attach failed, nothing left"
	n=$((n + 1))
done
steps=$((n - 1))
dmesg | grep -q "fault_attach_step: the attach path has $steps steps, none failed" ||
	fail "attached at fault_attach_step=$n, but the driver counts otherwise: $(dmesg | grep 'attach path has')"
echo "    fault_attach_step=$n: attached; the attach path has $steps steps"
[ $steps -ge 20 ] || fail "only $steps steps"
wait_until 30 has_disk
echo "$PCI_N" >/sys/bus/pci/drivers/nnvme/unbind
wait_until 10 unbound
now=$(held)
[ "$now" = "$base" ] || fail "left behind after a detach: $now (before: $base)"

# Without the fault: the disk reads, and nothing stays after rmmod.
echo 0 >"$param"
dmesg -C
try_bind || fail "bind without the fault: $(dmesg | tail -n 5)"
wait_until 30 has_disk
dd if="/dev/$(nnvme_disk)" of="$tmp/back" bs=64k count=16 iflag=direct \
	status=none || fail "dd read"
[ "$(stat -c %s "$tmp/back")" = $((16 * 65536)) ] || fail "short read"
rmmod nnvme || fail "rmmod nnvme"
! bound || fail "$PCI_N still bound after rmmod"
if dmesg | grep -E "nnvme left |still holds|was not unregistered"; then
	fail "rmmod: nnvme left something behind"
fi
if grep -q nnvme $DEBUGFS/modules $DEBUGFS/heaps $DEBUGFS/dma; then
	fail "nnvme still known to the core after rmmod"
fi
! grep -q nnvme /proc/interrupts || fail "nnvme interrupts left after rmmod"
