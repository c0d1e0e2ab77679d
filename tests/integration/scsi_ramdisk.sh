#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vmkapi-timeout: 300
# The SCSI adapter layer end to end with nramdisk, a memory-backed native
# adapter: its LUN becomes a Linux disk (sd); a pattern written with dd
# reads back identical; fio verifies (crc32c) at queue depth 1 and 16;
# ext4 on it keeps copied files intact across a remount; rmmod is refused
# while the disk is mounted or busy with I/O and clean afterwards.
set -eu
. "$(dirname "$0")/lib.sh"
trap 'umount "$mnt" 2>/dev/null || true; rm -rf "$tmp"; unload_all' EXIT
tmp=$(mktemp -d)
mnt=$tmp/mnt
mkdir "$mnt"

load_core
# sd (and the SCSI core under it) may be modules (stock) or built in.
modprobe sd_mod 2>/dev/null || true
modprobe ext4 2>/dev/null || true
loaded vmkapi_scsi || insmod "$(ko vmkapi_scsi.ko)" || fail "insmod vmkapi_scsi"

# The disk nramdisk serves: the sd whose model is "nramdisk".
find_disk() {
	for d in /sys/block/sd*; do
		[ -e "$d/device/model" ] || continue
		case "$(cat "$d/device/model")" in
		nramdisk*) basename "$d"; return 0 ;;
		esac
	done
	return 1
}

wait_disk() {
	n=0
	until disk=$(find_disk) && [ -b "/dev/$disk" ]; do
		n=$((n + 1))
		[ $n -lt 200 ] || fail "$1: no nramdisk disk appeared"
		sleep 0.1
	done
}

insmod "$(ko tests/modules/nramdisk/nramdisk.ko)" size_mb=64 qdepth=32 ||
	fail "insmod nramdisk"
wait_disk "first load"
dev=/dev/$disk
[ "$(cat /sys/block/$disk/size)" = 131072 ] ||
	fail "$disk has $(cat /sys/block/$disk/size) sectors, not 131072"
lsblk -dn -o NAME,SIZE "$dev" | grep -q "64M" || fail "lsblk: $(lsblk -dn "$dev")"

# A random pattern, written and read back around the page cache.
head -c 8388608 /dev/urandom >"$tmp/pattern"
dd if="$tmp/pattern" of="$dev" bs=1M seek=3 oflag=direct conv=fsync \
	status=none || fail "dd write"
dd if="$dev" of="$tmp/back" bs=1M skip=3 count=8 iflag=direct status=none ||
	fail "dd read"
[ "$(sha256sum <"$tmp/pattern")" = "$(sha256sum <"$tmp/back")" ] ||
	fail "pattern read back differs"
[ "$(cat /sys/module/nramdisk/parameters/commands)" -gt 0 ] ||
	fail "nramdisk executed no command"

# fio writes, then reads back and checks every block's crc32c: one job
# at queue depth 1, then one at 16 (one fio: it starts slowly under
# emulation; small sizes for the same reason).  fio needs SysV shared
# memory even with --thread, and the debug kernel has none
# (CONFIG_SYSVIPC): there the dd pattern above and ext4 below check the
# data, and fio runs in the stock kernel only.
if [ -e /proc/sysvipc/shm ]; then
	fio --thread --filename="$dev" --allow_file_create=0 \
		--ioengine=libaio --direct=1 \
		--rw=randwrite --bs=4k --size=2M --runtime=10 --verify=crc32c \
		--verify_fatal=1 --do_verify=1 --verify_state_save=0 \
		--output="$tmp/fio.log" \
		--name=qd1 --iodepth=1 --offset=1M \
		--name=qd16 --stonewall --iodepth=16 --offset=16M ||
		fail "fio: $(tail -8 "$tmp/fio.log")"
	[ "$(grep -c 'err= 0' "$tmp/fio.log")" = 2 ] ||
		fail "fio: both jobs should end with err= 0: $(cat "$tmp/fio.log")"
else
	echo "fio skipped: no SysV IPC in this kernel"
fi

# A file system: copy, remount, compare.
mkfs.ext4 -q -F "$dev" || fail "mkfs.ext4"
mount -t ext4 "$dev" "$mnt" || fail "mount"
mkdir "$mnt/src"
cp "$VMKAPI_MODULES"/vmkapi-core/scsi_*.c "$tmp/pattern" "$mnt/src/" ||
	fail "copy to the file system"
(cd "$mnt/src" && sha256sum -- *) >"$tmp/sums"
umount "$mnt" || fail "umount"
mount -t ext4 "$dev" "$mnt" || fail "remount"
(cd "$mnt/src" && sha256sum -c --quiet "$tmp/sums") ||
	fail "files differ after remount"

# Mounted: the disk pins its driver.
expect_fail rmmod nramdisk
loaded nramdisk || fail "nramdisk went away while mounted"
(cd "$mnt/src" && sha256sum -c --quiet "$tmp/sums") ||
	fail "files differ after the refused rmmod"
umount "$mnt" || fail "umount"

# Busy with I/O: refused too, and the I/O finishes intact.  The shell
# holds the disk open as well, so the refusal does not depend on when the
# writer gets going; rmmod is tried once its commands reach the adapter.
exec 3<"$dev"
before=$(cat /sys/module/nramdisk/parameters/commands)
dd if="$tmp/pattern" of="$dev" bs=64k seek=256 oflag=direct conv=fsync \
	status=none &
dd_pid=$!
n=0
while [ "$(cat /sys/module/nramdisk/parameters/commands)" -lt $((before + 16)) ]; do
	n=$((n + 1))
	[ $n -lt 600 ] || fail "the writer issued no I/O"
	sleep 0.1
done
expect_fail rmmod nramdisk
wait $dd_pid || fail "dd during the refused rmmod"
exec 3<&-
dd if="$dev" of="$tmp/back" bs=64k skip=256 count=128 iflag=direct \
	status=none || fail "dd read after the refused rmmod"
cmp -s "$tmp/pattern" "$tmp/back" || fail "data written during rmmod differs"
rmmod nramdisk || fail "rmmod nramdisk when idle"
[ -z "$(find_disk)" ] || fail "disk still there after rmmod"

rmmod vmkapi_scsi || fail "rmmod vmkapi_scsi"
