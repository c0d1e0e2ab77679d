#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# nrefedu, the native edu driver written from the reference alone, binds
# QEMU's edu device through the core's PCI adapter, passes its self-test
# (a factorial completed by the interrupt and a DMA round trip), registers
# its logical child, and leaves nothing behind when unloaded.
set -eu
. "$(dirname "$0")/lib.sh"
trap unload_all EXIT

edu=
for d in /sys/bus/pci/devices/*; do
	if [ "$(cat "$d/vendor")" = 0x1234 ] && [ "$(cat "$d/device")" = 0x11e8 ]; then
		edu=$d
		break
	fi
done
[ -n "$edu" ] || fail "no edu device in this guest"

bound_to() {
	[ -e "$edu/driver" ] && [ "$(basename "$(readlink "$edu/driver")")" = "$1" ]
}

load_core
# A device bound elsewhere is never taken: start from an unbound edu.
if [ -e "$edu/driver" ]; then
	echo "$(basename "$edu")" >"$edu/driver/unbind" || fail "cannot unbind edu"
fi
mark="nrefedu-test-$$"
echo "$mark" >/dev/kmsg

insmod "$(ko tests/modules/nrefedu/nrefedu.ko)" || fail "insmod nrefedu"
bound_to nrefedu || fail "edu not bound to nrefedu"
log=$(dmesg | sed -n "/$mark/,\$p")
echo "$log" | grep -q 'selftest ok factorial=3628800 dma=ok' ||
	fail "no self-test line: $(echo "$log" | grep -i nrefedu | tail -n 5)"
echo "$log" | grep -q 'logical child .* registered' || fail "no logical child registered"
grep -q 'com.example.nrefedu.selftest' $DEBUGFS/devices ||
	fail "logical child not in the device tree"

rmmod nrefedu || fail "rmmod nrefedu"
if bound_to nrefedu; then fail "edu still bound to nrefedu"; fi
if grep -q 'com.example.nrefedu.selftest' $DEBUGFS/devices; then
	fail "logical child left in the device tree"
fi
log=$(dmesg | sed -n "/$mark/,\$p")
echo "$log" | grep -q 'logical child .* removed' || fail "logical child not removed"
if echo "$log" | grep -iE 'nrefedu.*(leak|reclaim|left behind)'; then
	fail "nrefedu left resources behind"
fi
if grep -q ' nrefedu ' $DEBUGFS/modules; then fail "nrefedu still listed"; fi
rmmod vmkapi || fail "rmmod vmkapi"
