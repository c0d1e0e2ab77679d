# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# Sourced in the guest by guest-nvme-bench and the nvme probes, with two
# QEMU NVMe controllers (tests/vm/run --devices nvme,nvme).  The caller
# defines say() and die().

# nvme_pair_bind NATIVE: P_N, the first controller, goes to the native
# driver NATIVE (kept in NATIVE_DRIVER); P_L, the second, to Linux's nvme.
nvme_pair_bind() {
	local ctrls='' d
	NATIVE_DRIVER=$1
	for d in /sys/bus/pci/devices/*; do
		[ "$(cat "$d/vendor")" = 0x1b36 ] && [ "$(cat "$d/device")" = 0x0010 ] &&
			ctrls="$ctrls $(basename "$d")"
	done
	# shellcheck disable=SC2086 # a list of PCI addresses
	set -- $ctrls
	[ $# -eq 2 ] || die "need 2 NVMe controllers, found $#"
	P_N=$1 P_L=$2
	echo "$NATIVE_DRIVER" >"/sys/bus/pci/devices/$P_N/driver_override"
	echo nvme >"/sys/bus/pci/devices/$P_L/driver_override"
}

disk_of() {	# PCI address -> block device, either driver's
	for d in "/sys/bus/pci/devices/$1"/nvme/nvme*/nvme*n1; do
		[ -e "$d" ] && basename "$d" && return
	done
	for d in /sys/block/sd*; do
		case "$(readlink -f "$d")" in
		*/"$1"/*) basename "$d"; return ;;
		esac
	done
}

# wait_disks: both controllers' disks exist; D_N and D_L name them, with
# the same block layer settings on both (sd and nvme differ in
# defaults): no I/O scheduler; I/O accounting off unless
# NVME_PAIR_IOSTATS=1 (it reads the clock twice per I/O, an HPET read
# in these guests: see guest-nvme-bench).
wait_disks() {
	n=0
	until [ -n "$(disk_of "$P_N")" ] && [ -n "$(disk_of "$P_L")" ] &&
		[ -b "/dev/$(disk_of "$P_N")" ] && [ -b "/dev/$(disk_of "$P_L")" ]; do
		n=$((n + 1))
		[ $n -lt 150 ] || die "disks did not appear ($P_N: $(disk_of "$P_N"), $P_L: $(disk_of "$P_L"))"
		sleep 0.2
	done
	D_N=$(disk_of "$P_N") D_L=$(disk_of "$P_L")
	say "disks $NATIVE_DRIVER $D_N nvme $D_L"
	for d in $D_N $D_L; do
		echo none >"/sys/block/$d/queue/scheduler" 2>/dev/null
		echo "${NVME_PAIR_IOSTATS:-0}" >"/sys/block/$d/queue/iostats"
		say "queue $d nr_requests $(cat "/sys/block/$d/queue/nr_requests") max_sectors_kb $(cat "/sys/block/$d/queue/max_sectors_kb") scheduler $(cat "/sys/block/$d/queue/scheduler") iostats $(cat "/sys/block/$d/queue/iostats")"
	done
}
