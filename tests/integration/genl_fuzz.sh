#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Fuzz the core's generic netlink family: random command numbers (the
# core's, vmk_Mgmt's and any other), random, truncated, oversized,
# mislabelled and nested-garbage attributes, bad headers, dumps left half
# read or dropped with their socket; as root (every mutating command
# reaches its handler) and as nobody.  Bounded in time; afterwards the
# core must still answer, the drivers unload, and the console is clean
# (the harness checks it for oopses, warnings and KASAN/lockdep reports).
set -eu
. "$(dirname "$0")/lib.sh"
trap unload_all EXIT

tool=$VMKAPI_MODULES/tests/fuzz/vmkgenl
[ -x "$tool" ] || fail "no $tool (built by make)"
# The debug kernel (KASAN, kmemleak: several times slower) reruns it
# with a shorter budget inside its own time limit.
if [ -e /sys/kernel/debug/kmemleak ]; then
	secs=${VMKAPI_FUZZ_SECS:-20}
else
	secs=${VMKAPI_FUZZ_SECS:-40}
fi
seed=${VMKAPI_FUZZ_SEED:-$(date +%s)}

run() {
	if ! out=$("$tool" "$@" 2>&1); then
		echo "$out" | sed 's/^/    /'
		fail "vmkgenl $*"
	fi
	echo "$out" | grep '^fuzz:' | sed 's/^/    /' || true
}

load_core
dmesg -C
insmod "$(ko tests/modules/ngenl/ngenl.ko)" heaps=20 devices=20 events=5 \
	intr=1 || fail "insmod ngenl"
# nedu, where the guest has an edu device: a driver with a started
# device, a child, a cookie and a log component for the fuzz to hit.
for d in /sys/bus/pci/devices/*; do
	if [ "$(cat "$d/vendor")" = 0x1234 ] && [ "$(cat "$d/device")" = 0x11e8 ]; then
		insmod "$(ko sample-drivers/nedu/nedu.ko)" || fail "insmod nedu"
		break
	fi
done

run fuzz "$secs" "$seed"
run fuzz-nobody $((secs / 4)) "$((seed + 1))"
run ping
run check
if loaded nedu; then
	rmmod nedu || fail "rmmod nedu after the fuzz"
fi
rmmod ngenl || fail "rmmod ngenl after the fuzz"
run ping
if dmesg | grep -E 'BUG:|WARNING:|Oops|general protection|KASAN|UBSAN|refcount_t'; then
	fail "kernel complained during the fuzz (seed $seed)"
fi
