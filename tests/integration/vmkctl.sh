#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vmkapi-timeout: 300
# vmkctl against a live core: with vmkapi.ko, nedu on the edu device and
# nhello loaded, every reading command's JSON checked against what the
# core knows, and bash completion of live objects (vmkctl_check.py read;
# vmkctl_ops.sh runs its "ops" part with this same setup); before and
# after, without vmkapi.ko, the clear message and exit status 2.
set -eu
here=$(dirname "$0")
. "$here/lib.sh"
trap unload_all EXIT

vmkctl=$VMKAPI_MODULES/userspace-tools/vmkctl/vmkctl
ctl=$VMKAPI_MODULES/sample-drivers/nedu/nedu-ctl
[ -x "$vmkctl" ] || fail "no $vmkctl (built by make)"

# One process per step: in the debug kernel each start costs seconds.
edu=$(grep -l '^0x11e8$' /sys/bus/pci/devices/*/device | sed -n 's|/device$||p' |
	while read -r d; do
		[ "$(cat "$d/vendor")" = 0x1234 ] && echo "$d" && break
	done)
[ -n "$edu" ] || fail "no edu device in this guest"
bdf=$(basename "$edu")

not_loaded() {
	rc=0
	out=$("$vmkctl" "$@" 2>&1) || rc=$?
	[ $rc -eq 2 ] || fail "vmkctl $* without vmkapi.ko: exit $rc: $out"
	case $out in
	*'vmkapi.ko is not loaded (generic netlink family "vmkapi" not found)'*) ;;
	*) fail "vmkctl $* without vmkapi.ko: $out" ;;
	esac
}

! grep -q -E '^(vmkapi|nedu|nhello) ' /proc/modules || unload_all
not_loaded module list
not_loaded --json device quiesce "$bdf"

load_core
insmod "$(ko sample-drivers/nedu/nedu.ko)" || fail "insmod nedu"
insmod "$(ko sample-drivers/nhello/nhello.ko)" verbose=0 || fail "insmod nhello"
n=0
until [ -c /dev/nedu0 ]; do
	n=$((n + 1))
	[ $n -lt 100 ] || fail "no /dev/nedu0"
	sleep 0.1
done

python3 "$here/vmkctl_check.py" "${VMKCTL_PART:-read}" "$vmkctl" "$ctl" "$bdf"

rmmod nhello
rmmod nedu
rmmod vmkapi
not_loaded events
not_loaded log set nhello nhello 1
