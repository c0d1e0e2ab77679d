#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vmkapi-timeout: 900
# nnvme, the native NVMe driver, through the SCSI adapter layer, with
# Linux's nvme on an identical second controller in the same boot
# (tests/vm/run --devices nvme-file,nvme-file: file-backed, so data
# persists; the first controller goes to nnvme, the second to nvme):
#   the namespace is a SCSI disk (vendor NVMe) of the controller's size
#   and block size, as Linux's nvme sees its twin; a dd pattern reads
#   back; fio writes and verifies (crc32c, md5, a fixed pattern) at queue
#   depth 1, 16 and 32 with small, mixed and large blocks; ext4 keeps
#   copied files across an unmount, a cache drop and a remount; rmmod is
#   refused while mounted and while busy with I/O, and that I/O lands
#   intact; load/unload cycles, each reading the disk; then the two
#   controllers swap drivers: Linux's nvme reads what nnvme wrote (raw
#   patterns, fio's verification, the file system) and nnvme reads what
#   Linux's nvme wrote.
# Runs in the guest, stock or debug kernel (Linux's nvme comes from the
# host's module tree over 9p, or from the debug kernel's build tree).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
# Load cycles: 20 by default; the debug kernel's check asks for fewer
# (each takes ~30 s there, most of it lockdep and KASAN in module load).
CYCLES=${NNVME_CYCLES:-20}
MiB=1048576

tmp=$(mktemp -d)
mnt=$tmp/mnt
mkdir "$mnt"
cleanup() {
	kill $(jobs -p) 2>/dev/null || true
	umount "$mnt" 2>/dev/null || true
	if loaded nnvme; then rmmod nnvme || true; fi
	for p in ${PCI_N:-} ${PCI_L:-}; do
		[ -e "/sys/bus/pci/drivers/nvme/$p" ] &&
			echo "$p" >/sys/bus/pci/drivers/nvme/unbind
		echo >"/sys/bus/pci/devices/$p/driver_override"
	done
	rm -rf "$tmp"
	unload_all
}
trap cleanup EXIT


# The two first NVMe controllers in PCI address order (tests/vm/run puts
# them at fixed slots).
set -- $(pci_find 0x1b36 0x0010)
[ $# -ge 2 ] || fail "need two NVMe controllers (tests/vm/run --devices nvme-file,nvme-file), found $#"
PCI_N=$1
PCI_L=$2
# Each goes to the driver named here and no other.
echo nnvme >"/sys/bus/pci/devices/$PCI_N/driver_override"
echo nvme >"/sys/bus/pci/devices/$PCI_L/driver_override"

# The SCSI disk nnvme serves for controller $1: an sd whose vendor is
# "NVMe" (space-padded to 8 in sysfs) below that PCI function.
nnvme_disk() {
	for d in /sys/block/sd*; do
		[ -e "$d/device/vendor" ] || continue
		case "$(cat "$d/device/vendor")" in
		"NVMe "*) ;;
		*) continue ;;
		esac
		case "$(readlink -f "$d")" in
		*/"$1"/*) basename "$d"; return 0 ;;
		esac
	done
	return 1
}
no_nnvme_disk() {
	for d in /sys/block/sd*; do
		[ -e "$d/device/vendor" ] || continue
		case "$(cat "$d/device/vendor")" in
		"NVMe "*) return 1 ;;
		esac
	done
}
# The namespace block device of Linux's nvme for controller $1.
linux_disk() {
	for d in "/sys/bus/pci/devices/$1"/nvme/nvme*/nvme*n1; do
		[ -e "$d" ] && [ -b "/dev/$(basename "$d")" ] &&
			basename "$d" && return 0
	done
	return 1
}
has_nnvme_disk() { nnvme_disk "$1" >/dev/null && [ -b "/dev/$(nnvme_disk "$1")" ]; }
has_linux_disk() { linux_disk "$1" >/dev/null; }
bound() { [ "$(driver_of "$1")" = "$2" ]; }

# load_nnvme LABEL PCI: nnvme binds the controller, its disk appears.
load_nnvme() {
	# shellcheck disable=SC2086 # parameters, one word each
	insmod "$(ko sample-drivers/nnvme/nnvme.ko)" ${3-} ||
		fail "$1: insmod nnvme ${3-}"
	wait_until 30 bound "$2" nnvme
	wait_until 30 has_nnvme_disk "$2"
	disk=$(nnvme_disk "$2")
	dev=/dev/$disk
}
unload_nnvme() {
	rmmod nnvme || fail "$1: rmmod nnvme"
	[ "$(driver_of "$PCI_N")" != nnvme ] && [ "$(driver_of "$PCI_L")" != nnvme ] ||
		fail "$1: a controller is still bound to nnvme"
	wait_until 10 no_nnvme_disk
}

# Linux's nvme: from the running kernel's module tree when it has one
# (stock), else from the debug kernel's build tree.
if ! loaded nvme; then
	if ! modprobe nvme 2>/dev/null; then
		kdir=$("$here/../../vm/debug-kernel" dir 2>/dev/null) || kdir=
		loaded nvme_core ||
			insmod "$kdir/drivers/nvme/host/nvme-core.ko" ||
			fail "cannot load Linux's nvme-core"
		insmod "$kdir/drivers/nvme/host/nvme.ko" ||
			fail "cannot load Linux's nvme"
	fi
fi
wait_until 30 has_linux_disk "$PCI_L"
ldisk=$(linux_disk "$PCI_L")
[ "$(driver_of "$PCI_N")" = none ] || fail "$PCI_N taken by $(driver_of "$PCI_N")"

load_core
# sd (and the SCSI core under it) may be modules (stock) or built in.
modprobe sd_mod 2>/dev/null || true
modprobe ext4 2>/dev/null || true
loaded vmkapi_scsi || insmod "$(ko vmkapi_scsi.ko)" || fail "insmod vmkapi_scsi"
load_nnvme "first load" "$PCI_N"
echo "    nnvme on $PCI_N is $disk; Linux nvme on $PCI_L is $ldisk"

# --- the disk: size and block size as Linux's nvme sees the twin -----------
sectors=$(cat "/sys/block/$disk/size")
[ "$sectors" = "$(cat "/sys/block/$ldisk/size")" ] ||
	fail "$disk has $sectors sectors, $ldisk $(cat "/sys/block/$ldisk/size")"
[ "$sectors" -ge $((128 * 2048)) ] || fail "$disk: only $sectors sectors (the test needs 128 MiB)"
lbs=$(cat "/sys/block/$disk/queue/logical_block_size")
[ "$lbs" = "$(cat "/sys/block/$ldisk/queue/logical_block_size")" ] ||
	fail "$disk: logical block size $lbs, $ldisk's differs"
[ "$(blockdev --getsize64 "$dev")" = $((sectors * 512)) ] ||
	fail "blockdev --getsize64 $dev: $(blockdev --getsize64 "$dev")"
# Regions, in MiB from the end of the disk (ext4 takes the start).
end=$((sectors / 2048))
fs_mb=$((end - 64))
fio_at=$((end - 56))	# 24 MiB of fio jobs
busy_at=$((end - 24))	# 4 MiB written while rmmod is tried
raw_at=$((end - 8))	# 4 MiB raw pattern

# --- a raw pattern around the page cache ---------------------------------------
head -c $((4 * MiB)) /dev/urandom >"$tmp/pattern"
dd if="$tmp/pattern" of="$dev" bs=1M seek=$raw_at oflag=direct conv=fsync \
	status=none || fail "dd write"
dd if="$dev" of="$tmp/back" bs=1M skip=$raw_at count=4 iflag=direct \
	status=none || fail "dd read"
cmp -s "$tmp/pattern" "$tmp/back" || fail "raw pattern read back differs"
# The namespace's last block is addressable.
dd if="$dev" of=/dev/null bs="$lbs" skip=$((sectors * 512 / lbs - 1)) \
	count=1 iflag=direct status=none || fail "reading the last block"

# --- fio: write, read back, verify ----------------------------------------------
# One fio (it starts slowly under emulation), four jobs one after the
# other: queue depth 1 with 4 KiB blocks (crc32c), 16 with mixed sizes
# from 512 bytes to 64 KiB (md5), 32 with 128 KiB blocks (crc32c: PRP
# lists) and 32 with 1 MiB blocks of a fixed pattern (split by the
# block layer).  fio needs SysV shared memory even with --thread: a
# kernel without it (CONFIG_SYSVIPC) skips fio.
fio_jobs() {	# fio_jobs DEVICE [options...]
	fdev=$1
	shift
	fio --thread --filename="$fdev" --allow_file_create=0 \
		--ioengine=libaio --direct=1 --runtime=120 --eta=never \
		--verify_fatal=1 --verify_state_save=0 "$@" \
		--name=qd1 --rw=randwrite --bs=4k --iodepth=1 \
		--offset=${fio_at}M --size=4M --verify=crc32c \
		--name=qd16 --stonewall --rw=randwrite --bsrange=512-64k \
		--iodepth=16 --offset=$((fio_at + 4))M --size=4M --verify=md5 \
		--name=qd32 --stonewall --rw=randwrite --bs=128k --iodepth=32 \
		--offset=$((fio_at + 8))M --size=8M --verify=crc32c \
		--name=qd32-pattern --stonewall --rw=write --bs=1M --iodepth=32 \
		--offset=$((fio_at + 16))M --size=8M --verify=pattern \
		--verify_pattern=0x5aa5c33c
}
fio_ok() {	# fio_ok LOG LABEL: every job ended without error
	[ "$(grep -c 'err= 0' "$1")" = 4 ] ||
		fail "fio $2: every job should end with err= 0: $(cat "$1")"
}
have_fio=0
[ -e /proc/sysvipc/shm ] && have_fio=1
if [ $have_fio = 1 ]; then
	fio_jobs "$dev" --do_verify=1 --output="$tmp/fio.log" ||
		fail "fio: $(tail -n 12 "$tmp/fio.log")"
	fio_ok "$tmp/fio.log" write
else
	echo "    fio skipped: no SysV IPC in this kernel"
fi

# --- a file system: copy, unmount, drop caches, remount, compare ------------
mkfs.ext4 -q -F "$dev" ${fs_mb}M || fail "mkfs.ext4"
mount -t ext4 "$dev" "$mnt" || fail "mount"
mkdir "$mnt/src"
cp "$VMKAPI_MODULES"/vmkapi-core/*.c "$tmp/pattern" "$mnt/src/" ||
	fail "copy to the file system"
head -c $((4 * MiB)) /dev/urandom >"$mnt/src/random"
(cd "$mnt/src" && sha256sum -- *) >"$tmp/sums"
umount "$mnt" || fail "umount"
echo 3 >/proc/sys/vm/drop_caches
mount -t ext4 "$dev" "$mnt" || fail "remount"
(cd "$mnt/src" && sha256sum -c --quiet "$tmp/sums") ||
	fail "files differ after remount"

# Mounted: the disk pins its driver.
expect_fail rmmod nnvme
loaded nnvme || fail "nnvme went away while mounted"
(cd "$mnt/src" && sha256sum -c --quiet "$tmp/sums") ||
	fail "files differ after the refused rmmod"
umount "$mnt" || fail "umount"

# --- rmmod during I/O ---------------------------------------------------------
# Refused while a writer has the disk open and busy; the write then
# completes and reads back intact.  The shell holds the disk open as
# well, so the refusal does not depend on when the writer gets going;
# rmmod is tried once writes are reaching the disk.
writes_past() { [ "$(awk '{ print $5 }' "/sys/block/$disk/stat")" -ge "$1" ]; }
head -c $((4 * MiB)) /dev/urandom >"$tmp/busy"
exec 3<"$dev"
before=$(awk '{ print $5 }' "/sys/block/$disk/stat")
dd if="$tmp/busy" of="$dev" bs=64k seek=$((busy_at * 16)) oflag=direct \
	conv=fsync status=none &
dd_pid=$!
# (or it has already finished: the open descriptor still pins the disk)
writer_going() { writes_past $((before + 8)) || ! kill -0 $dd_pid 2>/dev/null; }
wait_until 60 writer_going
expect_fail rmmod nnvme
wait $dd_pid || fail "dd during the refused rmmod"
exec 3<&-
loaded nnvme || fail "nnvme went away while busy"
dd if="$dev" of="$tmp/back" bs=64k skip=$((busy_at * 16)) count=64 \
	iflag=direct status=none || fail "dd read after the refused rmmod"
cmp -s "$tmp/busy" "$tmp/back" || fail "data written during rmmod differs"

# --- load/unload cycles -------------------------------------------------------
# The doorbells the last detach counted: "WRITES SHADOWED".
doorbells() {
	dmesg | sed -n 's/.*I\/O queue doorbells: \([0-9]*\) register writes, \([0-9]*\) left in the shadow buffer.*/\1 \2/p' |
		tail -n 1
}
unload_nnvme "after the I/O"
# QEMU's controller offers Doorbell Buffer Config: with shadow doorbells
# (the default) some doorbell moves stay in memory, and the I/O above
# read back intact.
db=$(doorbells)
if dmesg | grep -q 'doorbell buffers yes'; then
	[ "${db#* }" -gt 0 ] 2>/dev/null ||
		fail "shadow doorbells on, yet every doorbell went to the register: ${db:-no count}"
fi
i=0
while [ $i -lt "$CYCLES" ]; do
	# The first cycle without shadow doorbells: registers only.
	args=
	[ $i = 0 ] && args=shadow_doorbells=0
	load_nnvme "cycle $i" "$PCI_N" "$args"
	dd if="$dev" of="$tmp/back" bs=64k skip=$((raw_at * 16)) count=4 \
		iflag=direct status=none || fail "cycle $i: read"
	head -c 262144 "$tmp/pattern" | cmp -s - "$tmp/back" ||
		fail "cycle $i: pattern differs"
	unload_nnvme "cycle $i"
	if [ $i = 0 ]; then
		db=$(doorbells)
		[ "${db#* }" = 0 ] && [ "${db% *}" -gt 0 ] ||
			fail "shadow_doorbells=0, yet doorbells: ${db:-no count}"
	fi
	i=$((i + 1))
done

# --- swap: Linux's nvme reads nnvme's data, nnvme reads Linux's -------------
# Linux's nvme writes a pattern of its own first.
head -c $((4 * MiB)) /dev/urandom >"$tmp/lpattern"
dd if="$tmp/lpattern" of="/dev/$ldisk" bs=1M seek=$raw_at oflag=direct \
	conv=fsync status=none || fail "dd write through Linux's nvme"
lserial=$(sed "s/ *$//" "/sys/bus/pci/devices/$PCI_L"/nvme/nvme*/serial)
echo "$PCI_L" >/sys/bus/pci/drivers/nvme/unbind
echo nvme >"/sys/bus/pci/devices/$PCI_N/driver_override"
echo nnvme >"/sys/bus/pci/devices/$PCI_L/driver_override"
echo "$PCI_N" >/sys/bus/pci/drivers_probe
wait_until 30 has_linux_disk "$PCI_N"
ldisk=$(linux_disk "$PCI_N")
[ "$(cat "/sys/block/$ldisk/size")" = "$sectors" ] ||
	fail "Linux's nvme sees $(cat "/sys/block/$ldisk/size") sectors on $PCI_N, nnvme saw $sectors"
dd if="/dev/$ldisk" of="$tmp/back" bs=1M skip=$raw_at count=4 iflag=direct \
	status=none || fail "Linux's nvme: dd read"
cmp -s "$tmp/pattern" "$tmp/back" || fail "Linux's nvme reads another raw pattern"
dd if="/dev/$ldisk" of="$tmp/back" bs=64k skip=$((busy_at * 16)) count=64 \
	iflag=direct status=none || fail "Linux's nvme: dd read"
cmp -s "$tmp/busy" "$tmp/back" || fail "Linux's nvme reads other data where rmmod was tried"
if [ $have_fio = 1 ]; then
	fio_jobs "/dev/$ldisk" --verify_only --output="$tmp/fio-linux.log" ||
		fail "fio verify through Linux's nvme: $(tail -n 12 "$tmp/fio-linux.log")"
	fio_ok "$tmp/fio-linux.log" "verify through Linux's nvme"
fi
mount -t ext4 -o ro,noload "/dev/$ldisk" "$mnt" || fail "Linux's nvme: mount"
(cd "$mnt/src" && sha256sum -c --quiet "$tmp/sums") ||
	fail "Linux's nvme reads other files"
umount "$mnt"

load_nnvme "the second controller" "$PCI_L"
[ "$(cat "/sys/block/$disk/size")" = "$sectors" ] ||
	fail "nnvme on $PCI_L: $(cat "/sys/block/$disk/size") sectors"
dd if="$dev" of="$tmp/back" bs=1M skip=$raw_at count=4 iflag=direct \
	status=none || fail "nnvme on $PCI_L: dd read"
cmp -s "$tmp/lpattern" "$tmp/back" || fail "nnvme reads another pattern than Linux's nvme wrote"
# The unit serial number page, when the driver offers it, names the
# controller's serial.
if [ -e "/sys/block/$disk/device/vpd_pg80" ]; then
	grep -q -a "$lserial" "/sys/block/$disk/device/vpd_pg80" ||
		fail "VPD page 0x80 of $disk lacks the serial $lserial"
fi
unload_nnvme "the second controller"

echo "$PCI_N" >/sys/bus/pci/drivers/nvme/unbind
echo >"/sys/bus/pci/devices/$PCI_N/driver_override"
echo >"/sys/bus/pci/devices/$PCI_L/driver_override"
rmmod vmkapi_scsi || fail "rmmod vmkapi_scsi"
rmmod vmkapi || fail "rmmod vmkapi"
