# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# Sourced by the nvme probes, in the guest: binds the first QEMU NVMe
# controller to nnvme and the second to Linux's nvme (tests/vm/run
# --devices nvme,nvme) as the benchmark does (../nvme-pair.sh), loads
# the modules from the build tree $1 (core parameters from
# $VMKAPI_ARGS), and sets D_N (nnvme's sd disk) and D_L (nvme's
# namespace), both with no I/O scheduler.
say() { echo "probe: $*"; }
die() { say "$*"; exit 1; }
# shellcheck source-path=SCRIPTDIR source=../nvme-pair.sh
. "$(dirname "${BASH_SOURCE[0]}")/../nvme-pair.sh"
nvme_pair_bind nnvme
modprobe nvme
modprobe sd_mod
# shellcheck disable=SC2086 # parameters, one word each
insmod "$1/vmkapi.ko" ${VMKAPI_ARGS:-} || die "insmod vmkapi"
insmod "$1/vmkapi_scsi.ko" || die "insmod vmkapi_scsi"
insmod "$1/sample-drivers/nnvme/nnvme.ko" || die "insmod nnvme"
wait_disks

# probe_fio DISK QD SECONDS: 4K random reads; prints the IOPS (no latency
# statistics: see ../guest-nvme-bench on clock reads)
probe_fio() {
	fio --name=probe --filename="/dev/$1" --rw=randread --bs=4k --direct=1 \
		--ioengine=libaio --iodepth="$2" --time_based --runtime="$3" \
		--norandommap --randrepeat=0 --gtod_reduce=1 --output-format=terse --eta=never |
		awk -F';' '{ print $8 }'
}
