# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Helpers for integration tests; sourced by each test, run in the guest.
# VMKAPI_MODULES is the build tree holding the .ko files.

: "${VMKAPI_MODULES:?set VMKAPI_MODULES to the module build tree}"
DEBUGFS=/sys/kernel/debug/vmkapi

# Every process costs: in the debug guest an exec reads its binary and
# libraries over 9p again, seconds each.  Helpers called per step or per
# device use the shell's builtins and sysfs instead of cat, basename and
# grep where that says the same.
NL='
'

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

# loaded MODULE: a loadable module of that name is in the kernel (its
# initstate exists from load to unload; built-ins have none).
loaded() {
	[ -e "/sys/module/$1/initstate" ]
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
		read -r pci_find_vendor <"$pci_find_dev/vendor"
		read -r pci_find_device <"$pci_find_dev/device"
		if [ "$pci_find_vendor" = "$1" ] && [ "$pci_find_device" = "$2" ]; then
			echo "${pci_find_dev##*/}"
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
		driver_of_link=$(readlink "$driver_of_link")
		echo "${driver_of_link##*/}"
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

# fault_attach_steps DRIVER BDF CHECK: the attach unwind of DRIVER,
# one failure at a time.  First, what DRIVER holds (driver_held) must
# include nothing of a device; that line is kept in FAULT_BASE.  With
# DRIVER's test-only fault_attach_step parameter at N = 1, 2, ..., bind
# BDF (its driver_override already DRIVER) until the bind works.  After
# each failed bind: the log names step N, the core says DRIVER did not
# attach and reclaimed nothing after it ("DRIVER left ..."), BDF is
# unbound, bus mastering is off, and driver_held is FAULT_BASE again;
# then "CHECK N WHAT LOG" runs DRIVER's own checks.  The driver's count
# of its steps must be N - 1, at least MIN_STEPS (10).  Sets
# ATTACH_STEPS; the parameter is left at N (the bind that worked).
fault_attach_steps() {
	_drv=$1 _bdf=$2 _check=$3
	_dev=/sys/bus/pci/devices/$_bdf
	_param=/sys/module/$_drv/parameters/fault_attach_step
	[ -w "$_param" ] || fail "$_param is not writable"
	FAULT_BASE=$(driver_held "$_drv" "$_bdf")
	echo "    before: $FAULT_BASE"
	case "$FAULT_BASE" in
	*" engines 0 cookies 0 handlers 0 irqs 0 tree 0 msi 0") ;;
	*) fail "$_drv holds device resources before any attach: $FAULT_BASE" ;;
	esac
	_n=1
	dmesg -C
	while :; do
		[ $_n -le 200 ] || fail "the attach still fails at fault_attach_step=$_n"
		echo $_n >"$_param"
		# The write returns once the probe is over, failed or not (a
		# hang is the test's time limit; the last step printed says
		# where).
		echo "$_bdf" 2>/dev/null >"/sys/bus/pci/drivers/$_drv/bind" && break
		# The log since the last step's, read and cleared at once:
		# shell patterns from here on.  A line the last step's unwind
		# printed late lands here, and still fails the checks below.
		_log=$(dmesg -c)
		case "$_log" in
		*"fault_attach_step: failing step $_n ("*) ;;
		*) fail "step $_n: the bind failed, but not at step $_n: $_log" ;;
		esac
		_what=${_log#*"failing step $_n ("}
		_what=${_what%%)*}
		case "$_log" in
		*"$_drv did not attach"*) ;;
		*) fail "step $_n ($_what): no \"did not attach\" from the core: $_log" ;;
		esac
		[ ! -e "$_dev/driver" ] || fail "step $_n ($_what): $_bdf is bound"
		case "$_log" in
		*"$_drv left "* | *"still holds"*)
			fail "step $_n ($_what): the core reclaimed what $_drv left: $_log" ;;
		esac
		_cmd=$(od -An -tx2 -j4 -N2 "$_dev/config")
		_cmd=$((0x${_cmd##* }))
		[ $((_cmd & 4)) = 0 ] ||
			fail "step $_n ($_what): bus mastering is on after it"
		driver_left_nothing "$_drv" "$_bdf" "step $_n ($_what)"
		$_check $_n "$_what" "$_log"
		echo "    step $_n ($_what): attach failed, nothing left"
		_n=$((_n + 1))
	done
	ATTACH_STEPS=$((_n - 1))
	dmesg | grep -q "fault_attach_step: the attach path has $ATTACH_STEPS steps, none failed" ||
		fail "attached at fault_attach_step=$_n, but $_drv counts otherwise: $(dmesg | grep 'attach path has')"
	[ $ATTACH_STEPS -ge "${MIN_STEPS:-10}" ] || fail "only $ATTACH_STEPS steps"
	echo "    fault_attach_step=$_n: attached; the attach path has $ATTACH_STEPS steps"
}

# uplink_of DRIVER: the interface whose driver ethtool names DRIVER.
uplink_of() {
	for _if in /sys/class/net/*; do
		_if=${_if##*/}
		[ "$_if" != lo ] || continue
		# ethtool -i's first line is "driver: NAME".
		case "$(ethtool -i "$_if" 2>/dev/null)$NL" in
		"driver: $1$NL"*)
			echo "$_if"
			return 0
			;;
		esac
	done
	return 1
}

# driver_held DRIVER BDF: what native DRIVER holds that a device of its
# would add, one line (one awk over the core's debugfs files and
# /proc/interrupts; processes are slow in an emulated guest):
#   resources heap-bytes heap-live engines cookies handlers irqs tree msi
# (the heap of the driver's own name, the function BDF's MSI/MSI-X
# vectors and device-tree entry).
driver_held() {
	set -- "$1" "$2" "/sys/bus/pci/devices/$2"/msi_irqs/*
	[ -e "$3" ] || set -- "$1" "$2"
	awk -v drv="$1" -v pci="$2" -v msi=$(($# - 2)) '
	FILENAME ~ /modules$/ && $2 == drv { id = $1; res = $5 }
	FILENAME ~ /heaps$/ && $1 == drv && $2 == drv {
		bytes = $3; live = $7 - $8
	}
	FILENAME ~ /dma$/ && $1 == "engine" && $3 == drv { engines++ }
	FILENAME ~ /vmkapi\/interrupts$/ && $1 ~ /^[0-9]+$/ && $3 == id { cookies++ }
	FILENAME ~ /vmkapi\/interrupts$/ && $1 == "handler" && index($2, drv "-") == 1 { handlers++ }
	FILENAME == "/proc/interrupts" && index($0, drv) { irqs++ }
	FILENAME ~ /devices$/ && index($0, "addr=" pci " ") { tree++ }
	END {
		printf "resources %s heap-bytes %s heap-live %s engines %d cookies %d handlers %d irqs %d tree %d msi %d\n",
		       res, bytes, live, engines, cookies, handlers, irqs, tree, msi
	}' $DEBUGFS/modules $DEBUGFS/heaps $DEBUGFS/dma $DEBUGFS/interrupts \
		/proc/interrupts $DEBUGFS/devices
}

# driver_left_nothing DRIVER BDF WHEN: what DRIVER holds is FAULT_BASE
# (set by fault_attach_steps) again, else fail naming WHEN.
driver_left_nothing() {
	_now=$(driver_held "$1" "$2")
	[ "$_now" = "$FAULT_BASE" ] ||
		fail "$3: left behind: $_now (before: $FAULT_BASE)"
}

# driver_unloaded DRIVER: after its rmmod, the core reclaimed nothing of
# DRIVER's and knows it no more, and no interrupt of it is left.
driver_unloaded() {
	if dmesg | grep -E "$1 left |still holds|was not unregistered"; then
		fail "rmmod: $1 left something behind"
	fi
	if grep -q "$1" $DEBUGFS/modules $DEBUGFS/heaps $DEBUGFS/dma; then
		fail "$1 still known to the core after rmmod"
	fi
	! grep -q "$1" /proc/interrupts || fail "$1 interrupts left after rmmod"
}
