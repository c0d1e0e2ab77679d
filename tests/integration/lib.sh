# SPDX-License-Identifier: GPL-2.0
# Helpers for integration tests; sourced by each test, run in the guest.
# VMKAPI_MODULES is the build tree holding the .ko files.

: "${VMKAPI_MODULES:?set VMKAPI_MODULES to the module build tree}"
DEBUGFS=/sys/kernel/debug/vmkapi

fail() {
	echo "    $*"
	exit 1
}

# expect_fail CMD...: CMD must fail.
expect_fail() {
	if "$@" 2>/dev/null; then
		fail "expected failure: $*"
	fi
}

ko() {
	echo "$VMKAPI_MODULES/$1"
}

loaded() {
	grep -q "^$1 " /proc/modules
}

load_core() {
	loaded vmkapi || insmod "$(ko vmkapi.ko)" || fail "insmod vmkapi"
}

unload_all() {
	for m in ne1000 nedu ledu nrefedu nhello nfailinit nforget nmempool nreboot nlockleak ntimerleak nintrleak nworldleak nwdtleak ndrvleak npci ndmaleak ngenl ntrace nramdisk vmkapi_scsi vmkapi; do
		if loaded "$m"; then
			rmmod "$m" || true
		fi
	done
}

# pci_find VENDOR DEVICE: the addresses of the PCI devices with these
# IDs (0x1234 0x11e8), one per line, in address order.
pci_find() {
	for pci_find_dev in /sys/bus/pci/devices/*; do
		if [ "$(cat "$pci_find_dev/vendor")" = "$1" ] &&
			[ "$(cat "$pci_find_dev/device")" = "$2" ]; then
			basename "$pci_find_dev"
		fi
	done
}

# driver_of DEVICE: the driver a PCI device is bound to, or "none";
# DEVICE is its sysfs directory or its address.
driver_of() {
	case $1 in
	/*) driver_of_link=$1/driver ;;
	*) driver_of_link=/sys/bus/pci/devices/$1/driver ;;
	esac
	if [ -e "$driver_of_link" ]; then
		basename "$(readlink "$driver_of_link")"
	else
		echo none
	fi
}

# wait_until SECONDS CMD...: CMD succeeds within the time, or fail.
wait_until() {
	limit=$(($1 * 10))
	shift
	n=0
	until "$@"; do
		n=$((n + 1))
		[ $n -lt $limit ] || fail "timed out waiting for: $*"
		sleep 0.1
	done
}
