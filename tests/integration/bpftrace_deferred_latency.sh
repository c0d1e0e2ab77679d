#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vmkapi-timeout: 240
# userspace-tools/bpftrace/deferred-latency.bt on the stock kernel: while
# it runs, ntrace runs ten helper requests, worldlet runs, timer-queue
# timers and bottom halves; the script must print a queue-to-start and a
# run-time histogram of each.
set -eu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/bpftrace_common"

load_core
bt_start deferred-latency
insmod "$(ko tests/modules/ntrace/ntrace.ko)" rounds=10 failures=0 ||
	fail "insmod ntrace"
rmmod ntrace || fail "rmmod ntrace"
bt_finish

for k in "helper, ntrace_helper" "worldlet, ntrace_worldlet" \
	"timer, ntrace_timers" "bh, ntrace_bh"; do
	bt_check "^@queue_to_start_ns\[$k\]:" "queue-to-start histogram of $k"
	bt_check "^@run_ns\[$k\]:" "run-time histogram of $k"
done
bt_check "$bt_hist_line" "histogram line"
