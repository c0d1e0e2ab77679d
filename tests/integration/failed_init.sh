#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A native init_module() that returns a VMK status fails the load with the
# paired errno, and the core keeps nothing of the module.
set -eu
. "$(dirname "$0")/lib.sh"
trap unload_all EXIT

load_core
out=$(insmod "$(ko tests/modules/nfailinit/nfailinit.ko)" 2>&1) &&
	fail "nfailinit loaded"
echo "$out" | grep -qi 'memory' || fail "not ENOMEM: $out"
loaded nfailinit && fail "nfailinit stays loaded"
if grep -q nfailinit $DEBUGFS/modules; then fail "still registered"; fi
if grep -q nfailinit $DEBUGFS/log; then fail "log component left"; fi
rmmod vmkapi || fail "core pinned after a failed driver"
