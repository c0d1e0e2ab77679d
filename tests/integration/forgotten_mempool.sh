#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A module unloaded with memory pools holding pages and a mapping of them
# has each named and reclaimed by the core (the mapping first, then the
# pages and the pools), and the core itself still unloads.  The same
# module tidying up after itself leaves no report.
set -eu
. "$(dirname "$0")/lib.sh"
cleanup() {
	if loaded nmempool; then rmmod nmempool || true; fi
	unload_all
}
trap cleanup EXIT

load_core
mod=$(ko tests/modules/nmempool/nmempool.ko)

insmod "$mod" leak=0 || fail "insmod nmempool leak=0"
dmesg -C
rmmod nmempool || fail "rmmod nmempool leak=0"
if dmesg | grep -q 'reclaimed at module unload\|unmapped at module unload'
then
	fail "a tidy module got a leak report"
fi

insmod "$mod" || fail "insmod nmempool"
grep -q ' nmempool ' $DEBUGFS/modules || fail "nmempool not registered"
dmesg -C
rmmod nmempool || fail "rmmod nmempool"
dmesg | grep -q 'module nmempool still holds 3 resource(s)' ||
	fail "no resource report"
dmesg | grep -q 'mapping of 3 page(s) from MPN 0x[0-9a-f]* unmapped at module unload' ||
	fail "mapping not reported"
dmesg | grep -q 'memory pool nmempool_leaf reclaimed at module unload: 3 page(s) in use' ||
	fail "leaf pool not reported"
dmesg | grep -q 'freed 3 page(s) of memory pool nmempool_leaf' ||
	fail "pages not freed"
dmesg | grep -q 'memory pool nmempool_parent reclaimed at module unload' ||
	fail "parent pool not reported"
if grep -q ' nmempool ' $DEBUGFS/modules; then fail "entry left behind"; fi

# The pages went back: the same module loads and leaks again.
insmod "$mod" || fail "insmod nmempool again"
rmmod nmempool || fail "rmmod nmempool again"
rmmod vmkapi || fail "rmmod vmkapi"
