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
