# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# Sourced by the nvme probes, in the guest: binds the first QEMU NVMe
# controller to nnvme and the second to Linux's nvme (tests/vm/run
# --devices nvme,nvme), loads the modules from the build tree $1 (core
# parameters from $VMKAPI_ARGS), and sets D_N (nnvme's sd disk) and D_L
# (nvme's namespace), both with no I/O scheduler.  It sets the
# positional parameters: the caller reads its own first.
tree=$1
ctrls=
for d in /sys/bus/pci/devices/*; do
	[ "$(cat "$d/vendor")" = 0x1b36 ] && [ "$(cat "$d/device")" = 0x0010 ] &&
		ctrls="$ctrls $(basename "$d")"
done
# shellcheck disable=SC2086 # a list of PCI addresses
set -- $ctrls
[ $# -ge 2 ] || { echo "probe: need two NVMe controllers"; exit 1; }
P_N=$1 P_L=$2
echo nnvme >"/sys/bus/pci/devices/$P_N/driver_override"
echo nvme >"/sys/bus/pci/devices/$P_L/driver_override"
modprobe nvme
modprobe sd_mod
# shellcheck disable=SC2086 # parameters, one word each
insmod "$tree/vmkapi.ko" ${VMKAPI_ARGS:-}
insmod "$tree/vmkapi_scsi.ko"
insmod "$tree/sample-drivers/nnvme/nnvme.ko"
n=0
until ls -d /sys/bus/pci/devices/"$P_N"/*/*/*/*/block/sd* >/dev/null 2>&1; do
	n=$((n + 1))
	[ $n -lt 100 ] || { echo "probe: no nnvme disk"; exit 1; }
	sleep 0.1
done
D_N=$(basename "$(ls -d /sys/bus/pci/devices/"$P_N"/*/*/*/*/block/sd* | head -1)")
D_L=$(basename "$(ls -d /sys/bus/pci/devices/"$P_L"/nvme/nvme*/nvme*n1 | head -1)")
for d in $D_N $D_L; do
	echo none >"/sys/block/$d/queue/scheduler"
done

# probe_fio DISK QD SECONDS: 4K random reads; prints the IOPS
probe_fio() {
	fio --name=probe --filename="/dev/$1" --rw=randread --bs=4k --direct=1 \
		--ioengine=libaio --iodepth="$2" --time_based --runtime="$3" \
		--norandommap --randrepeat=0 --output-format=terse --eta=never |
		awk -F';' '{ print $8 }'
}
