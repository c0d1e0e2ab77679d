#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# nrefedu, the native edu driver written from the reference alone, binds
# QEMU's edu device through the core's PCI adapter (its ESXi map line is
# accepted too), passes its self-test (a factorial completed by the
# interrupt and a DMA round trip), registers its logical child, and
# leaves nothing behind when unloaded.
set -eu
. "$(dirname "$0")/lib.sh"
trap unload_all EXIT

bdf=$(pci_find 0x1234 0x11e8 | head -n 1)
[ -n "$bdf" ] || fail "no edu device in this guest"
edu=/sys/bus/pci/devices/$bdf
child=com.example.nrefedu.selftest

bound_to() { [ "$(driver_of "$edu")" = "$1" ]; }

# Everything the kernel logged since this test started.
mark="nrefedu-test-$$"
since_mark() {
	dmesg | sed -n "/$mark/,\$p"
}

load_core
# The core never takes a device bound elsewhere: start from a free edu.
if ! bound_to none; then
	echo "$bdf" >"$edu/driver/unbind" || fail "cannot unbind edu"
fi
echo "$mark" >/dev/kmsg

# The ESXi map line is accepted before the driver exists, and waits for it.
grep -v '^#' "$(dirname "$0")/../modules/nrefedu/nrefedu.map" >$DEBUGFS/pci_map ||
	fail "map line refused"
grep -q nrefedu $DEBUGFS/pci_map || fail "map line not listed"

insmod "$(ko tests/modules/nrefedu/nrefedu.ko)" || fail "insmod nrefedu"
bound_to nrefedu ||
	fail "edu not bound to nrefedu but to $(driver_of "$edu"); the log since insmod:
$(since_mark | grep -iE 'nrefedu|vmkapi|pci|edu' | tail -n 25)"
since_mark | grep -q 'nrefedu: selftest ok factorial=3628800 dma=ok' ||
	fail "no self-test line: $(since_mark | grep nrefedu | tail -n 5)"
# One interrupt for the factorial, one per DMA direction.
since_mark | grep -q "$bdf: started, 3 interrupts" || fail "interrupts not counted"
grep -q "addr=$bdf .*state=started .*driver=nrefedu" $DEBUGFS/devices ||
	fail "edu not started by nrefedu: $(cat $DEBUGFS/devices)"
grep -q "bus=logical addr=pci#$bdf#0 id=$child " $DEBUGFS/devices ||
	fail "logical child not in the device tree: $(cat $DEBUGFS/devices)"
grep -q "nrefedu-$bdf" $DEBUGFS/dma || fail "DMA engine not listed"
grep -q "nrefedu-$bdf" $DEBUGFS/interrupts || fail "interrupt not listed"

rmmod nrefedu || fail "rmmod nrefedu"
if bound_to nrefedu; then fail "edu still bound to nrefedu"; fi
if grep -q -e "$child" -e 'driver=nrefedu' $DEBUGFS/devices; then
	fail "device tree still holds nrefedu's devices: $(cat $DEBUGFS/devices)"
fi
since_mark | grep -q 'logical child .* removed' || fail "removeDevice did not run"
for f in dma interrupts modules log heaps; do
	if grep -q nrefedu "$DEBUGFS/$f"; then
		fail "nrefedu left in $f: $(grep nrefedu "$DEBUGFS/$f")"
	fi
done
# The core names what a driver forgot; nrefedu must not appear there.
if since_mark | grep -iE 'nrefedu.*(leak|reclaim|left|still|releas)'; then
	fail "nrefedu left resources behind"
fi
rmmod vmkapi || fail "rmmod vmkapi"
