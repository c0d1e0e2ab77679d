#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vmkapi-timeout: 240
# userspace-tools/bpftrace/lifecycle.bt on the stock kernel: while it
# runs, nedu is loaded, driven and unloaded; the script must print the
# attach, start, quiesce, detach and removal of nedu's device.
set -eu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/bpftrace_common"

bt_edu
load_core
bt_start lifecycle
bt_drive_nedu
bt_finish

for step in "nedu +unclaimed -attach-> quiescent" \
	"nedu +quiescent -start-> started" \
	"nedu +started -quiesce-> quiescent" \
	"nedu +quiescent -detach-> unclaimed" \
	"- +unclaimed -remove-> removed"; do
	bt_check "^[0-9]+ +$bdf +$step 0x0$" "\"$step\" of $bdf"
done
bt_check "^@transitions\[nedu, attach\]: 1$" "transition count of nedu"
