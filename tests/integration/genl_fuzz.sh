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
start=$(date +%s)
limit=${VMKAPI_TEST_TIMEOUT:-120}
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
if [ -n "$(pci_find 0x1234 0x11e8)" ]; then
	insmod "$(ko sample-drivers/nedu/nedu.ko)" || fail "insmod nedu"
fi

# The fuzz gets what the run-all time limit leaves once the modules are
# in (loads take long on a busy host), less a reserve for the checks and
# unloads after it (on a loaded host unloading alone can take a minute):
# at most 30 s (20 s in the debug kernel, KASAN and kmemleak make it
# several times slower), at least 10 s.
cap=30
[ -e /sys/kernel/debug/kmemleak ] && cap=20
secs=$((limit - ($(date +%s) - start) - 70))
[ $secs -le $cap ] || secs=$cap
[ $secs -ge 10 ] || secs=10
secs=${VMKAPI_FUZZ_SECS:-$secs}
run fuzz $((secs * 4 / 5)) "$seed"
run fuzz-nobody $((secs / 5)) "$((seed + 1))"
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
