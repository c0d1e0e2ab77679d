#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vmkapi-timeout: 240
# userspace-tools/bpftrace/heap-failures.bt on the stock kernel: while it
# runs, ntrace asks its 4 KB heap for 16 KB three times; the script must
# print each failure with the heap's name and size, and count three.
set -eu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/bpftrace_common"

load_core
bt_start heap-failures
insmod "$(ko tests/modules/ntrace/ntrace.ko)" rounds=0 failures=3 ||
	fail "insmod ntrace"
rmmod ntrace || fail "rmmod ntrace"
bt_finish

n=$(grep -Ec "^[0-9]+ +heap +ntrace_small +[0-9]+ +16384 +0x" "$bt_out" ||
	true)
[ "$n" = 3 ] || {
	sed 's/^/      /' "$bt_out"
	fail "$n failure lines of ntrace_small, expected 3"
}
bt_check "^@failures\[heap, ntrace_small\]: 3$" "failure count"
bt_check "^@failed_bytes\[heap, ntrace_small\]: 49152$" "failed bytes"
