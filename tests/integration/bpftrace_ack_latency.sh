#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vmkapi-timeout: 240
# userspace-tools/bpftrace/ack-latency.bt on the stock kernel: while it
# runs, nedu raises interrupts (a factorial and a DMA round trip); the
# script must print acknowledge and handler histograms of nedu's
# registration.
set -eu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/bpftrace_common"

bt_edu
load_core
bt_start ack-latency
bt_drive_nedu
bt_finish

bt_check "^@ack_ns\[nedu-$bdf\]:" "acknowledge histogram of nedu"
bt_check "$bt_hist_line" "histogram line"
bt_check "^@handler_ns\[nedu-$bdf\]:" "handler histogram of nedu"
bt_check "^@ack_status\[nedu-$bdf, 0\]: [1-9]" "VMK_OK acknowledges of nedu"
