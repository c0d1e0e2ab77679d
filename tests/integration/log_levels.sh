#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Log levels are per component and change at run time; a message prints
# only when the component's level is at least the message's.
set -eu
. "$(dirname "$0")/lib.sh"
trap unload_all EXIT

load_core
dmesg -C
insmod "$(ko sample-drivers/nhello/nhello.ko)" verbose=0 || fail "insmod nhello"
dmesg | grep -q 'nhello: verbose message' && fail "level-2 message printed at level 0"
grep -q '^nhello *nhello *0 ' $DEBUGFS/log || fail "level is not 0"
echo "nhello nhello 2" >$DEBUGFS/log || fail "set level"
grep -q '^nhello *nhello *2 ' $DEBUGFS/log || fail "level did not change"
expect_fail sh -c "echo 'nhello nosuch 2' >$DEBUGFS/log"
expect_fail sh -c "echo 'garbage' >$DEBUGFS/log"
rmmod nhello
dmesg -C
insmod "$(ko sample-drivers/nhello/nhello.ko)" verbose=2 || fail "insmod nhello verbose=2"
dmesg | grep -q 'nhello: verbose message' || fail "level-2 message missing at level 2"
