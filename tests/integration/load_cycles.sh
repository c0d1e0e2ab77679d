#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Repeated load/unload of the core and a driver; IDs are reused, nothing
# accumulates.
set -eu
. "$(dirname "$0")/lib.sh"
trap unload_all EXIT

i=0
while [ $i -lt 10 ]; do
	insmod "$(ko vmkapi.ko)" || fail "cycle $i: insmod vmkapi"
	insmod "$(ko sample-drivers/nhello/nhello.ko)" || fail "cycle $i: insmod nhello"
	[ "$(grep -c . $DEBUGFS/modules)" -eq 4 ] || fail "cycle $i: module list size"
	rmmod nhello || fail "cycle $i: rmmod nhello"
	rmmod vmkapi || fail "cycle $i: rmmod vmkapi"
	i=$((i + 1))
done
