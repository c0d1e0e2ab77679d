#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ne1000, the native driver of the 82540EM, against Linux's e1000 on a
# second 82540EM of the same QEMU hub (tests/vm/run --devices e1000,e1000),
# each NIC in its own network namespace:
#   ping over IPv4 and IPv6, iperf3 TCP both ways (bounded, no errors),
#   an MTU change with a large ping, link down and up, rmmod during
#   traffic, 20 load/unload cycles; then, if the guest has an 82574L
#   (--devices e1000,e1000,e1000e), ping and iperf3 through it.
# Runs in the guest, stock or debug kernel (Linux's e1000 comes from the
# host's module tree over 9p, or from the debug kernel's build tree).
set -eu
. "$(dirname "$0")/../lib.sh"

NS_N=vmk-n	# the ne1000 side
NS_L=vmk-l	# the Linux e1000 side
V4_N=192.0.2.1
V4_L=192.0.2.2
V6_N=2001:db8::1
V6_L=2001:db8::2

cleanup() {
	kill $(jobs -p) 2>/dev/null || true
	ip netns del $NS_N 2>/dev/null || true
	ip netns del $NS_L 2>/dev/null || true
	if loaded ne1000; then rmmod ne1000 || true; fi
	unload_all
}
trap cleanup EXIT

set -- $(pci_find 0x8086 0x100e)
[ $# -ge 2 ] || fail "need two 82540EM NICs (tests/vm/run --devices e1000,e1000), found $#"
PCI_N=$1
PCI_L=$2


# Each NIC goes to the driver named here and no other; an 82574L waits
# for its own part at the end.
echo ne1000 >"/sys/bus/pci/devices/$PCI_N/driver_override"
echo e1000 >"/sys/bus/pci/devices/$PCI_L/driver_override"
e1000e=$(pci_find 0x8086 0x10d3 | head -n 1)
[ -z "$e1000e" ] || echo none >"/sys/bus/pci/devices/$e1000e/driver_override"

# Linux's e1000: from the running kernel's module tree when it has one
# (stock), else from the debug kernel's build tree.
if ! loaded e1000; then
	if ! modprobe e1000 2>/dev/null; then
		kdir=$(tests/vm/debug-kernel dir 2>/dev/null) || kdir=
		insmod "$kdir/drivers/net/ethernet/intel/e1000/e1000.ko" ||
			fail "cannot load Linux's e1000"
	fi
fi
wait_until 10 test "$(driver_of "$PCI_L")" = e1000
IF_L=$(ls "/sys/bus/pci/devices/$PCI_L/net")

# The uplink of ne1000.
ne1000_if() { uplink_of ne1000; }
# Only ne1000 makes uplinks (vmnicN) here: a glob, no process, is enough
# to see one appear (ethtool per interface is slow in a loaded guest).
has_ne1000_if() {
	for n in /sys/class/net/vmnic*; do
		[ -e "$n" ] && return 0
	done
	return 1
}

load_ne1000() {
	insmod "$(ko sample-drivers/ne1000/ne1000.ko)" || fail "$1: insmod ne1000"
	wait_until 20 test "$(driver_of "$PCI_N")" = ne1000
	wait_until 20 has_ne1000_if
}

load_core
load_ne1000 "first load"
IF_N=$(ne1000_if)
echo "    ne1000 on $PCI_N is $IF_N; e1000 on $PCI_L is $IF_L"

# Namespaces, addresses (documentation prefixes), links up.
ip netns add $NS_N
ip netns add $NS_L
ip link set "$IF_L" netns $NS_L
inl() { ip netns exec $NS_L "$@"; }
inn() { ip netns exec $NS_N "$@"; }
inl ip addr add $V4_L/24 dev "$IF_L"
inl ip -6 addr add $V6_L/64 dev "$IF_L" nodad
inl ip link set "$IF_L" up
inl ip link set lo up

setup_n() {
	ip link set "$IF_N" netns $NS_N || fail "move $IF_N into $NS_N"
	inn ip addr add $V4_N/24 dev "$IF_N"
	inn ip -6 addr add $V6_N/64 dev "$IF_N" nodad
	inn ip link set "$IF_N" up
	inn ip link set lo up
}
carrier_up() { [ "$(inn cat "/sys/class/net/$IF_N/carrier" 2>/dev/null)" = 1 ]; }
peer_up() { [ "$(inl cat "/sys/class/net/$IF_L/carrier" 2>/dev/null)" = 1 ]; }
ping4() { inn ping -c 1 -W 2 "$@" $V4_L >/dev/null 2>&1; }
setup_n
wait_until 20 carrier_up
wait_until 20 peer_up

# --- ping, both families -------------------------------------------------
wait_until 20 ping4
inn ping -c 3 -i 0.2 -W 2 $V4_L >/dev/null || fail "IPv4 ping ne1000 -> e1000"
inl ping -c 3 -i 0.2 -W 2 $V4_N >/dev/null || fail "IPv4 ping e1000 -> ne1000"
ping6() { inn ping -6 -c 1 -W 2 $V6_L >/dev/null 2>&1; }
wait_until 20 ping6
inn ping -6 -c 3 -i 0.2 -W 2 $V6_L >/dev/null || fail "IPv6 ping ne1000 -> e1000"
inl ping -6 -c 3 -i 0.2 -W 2 $V6_N >/dev/null || fail "IPv6 ping e1000 -> ne1000"

# --- iperf3 TCP, each direction 5 s ---------------------------------------
iperf_run() {	# iperf_run label [client options]
	label=$1
	shift
	inl iperf3 -s -1 -B $V4_L >/tmp/ne1000-iperf-s.log 2>&1 &
	srv=$!
	sleep 1
	if ! inn timeout 30 iperf3 -c $V4_L -t 5 "$@" >/tmp/ne1000-iperf-c.log 2>&1; then
		cat /tmp/ne1000-iperf-c.log | sed 's/^/    /'
		fail "iperf3 $label"
	fi
	wait $srv || fail "iperf3 server ($label)"
	grep -q 'receiver' /tmp/ne1000-iperf-c.log || fail "iperf3 $label: no result"
	echo "    iperf3 $label: $(grep receiver /tmp/ne1000-iperf-c.log | awk '{print $7, $8}')"
}
iperf_run "ne1000 -> e1000"
iperf_run "e1000 -> ne1000" -R

# The uplink's counters moved, and no errors.  The net_device shows the
# driver's statistics as of its last refresh, which a read schedules:
# read, give the refresh a moment, read again.
inn cat "/sys/class/net/$IF_N/statistics/rx_packets" >/dev/null
sleep 1
rx=$(inn cat "/sys/class/net/$IF_N/statistics/rx_packets")
tx=$(inn cat "/sys/class/net/$IF_N/statistics/tx_packets")
[ "$rx" -gt 100 ] && [ "$tx" -gt 100 ] || fail "counters: rx $rx tx $tx"
for c in rx_errors tx_errors; do
	v=$(inn cat "/sys/class/net/$IF_N/statistics/$c")
	[ "$v" = 0 ] || fail "$c = $v"
done

# --- MTU -------------------------------------------------------------------
inn ip link set "$IF_N" mtu 4000 || fail "set MTU 4000 on $IF_N"
inl ip link set "$IF_L" mtu 4000 || fail "set MTU 4000 on $IF_L"
[ "$(inn cat "/sys/class/net/$IF_N/mtu")" = 4000 ] || fail "MTU not 4000"
wait_until 20 carrier_up
wait_until 20 ping4
inn ping -c 3 -i 0.2 -W 2 -M do -s 3900 $V4_L >/dev/null || fail "ping with 3900 bytes at MTU 4000"
inl ping -c 3 -i 0.2 -W 2 -M do -s 3900 $V4_N >/dev/null || fail "ping back with 3900 bytes"
inn ip link set "$IF_N" mtu 1500
inl ip link set "$IF_L" mtu 1500
wait_until 20 ping4

# --- link down and up --------------------------------------------------------
inn ip link set "$IF_N" down
! ping4 || fail "ping answered with $IF_N down"
inn ip link set "$IF_N" up
# Going down dropped the static IPv6 address (keep_addr_on_down is 0).
inn ip -6 addr replace $V6_N/64 dev "$IF_N" nodad
wait_until 20 carrier_up
wait_until 20 ping4
wait_until 20 ping6
inn ping -6 -c 2 -i 0.2 -W 2 $V6_L >/dev/null || fail "IPv6 after link up"

# --- rmmod during traffic ----------------------------------------------------
inl iperf3 -s -1 -B $V4_L >/dev/null 2>&1 &
sleep 1
inn timeout 30 iperf3 -c $V4_L -t 20 >/dev/null 2>&1 &
client=$!
sleep 3
rmmod ne1000 || fail "rmmod ne1000 during traffic"
[ "$(driver_of "$PCI_N")" = none ] || fail "still bound after rmmod"
wait $client 2>/dev/null || true
has_ne1000_if && fail "the uplink is still there after rmmod"
inl pkill iperf3 2>/dev/null || true

# --- 20 load/unload cycles ---------------------------------------------------
# NE1000_CYCLES lowers the count where a cycle is slow (the debug kernel,
# ~10 s each under TCG): a few cycles already give lockdep, KASAN and
# kmemleak every path of attach, register, unregister and detach.
i=0
while [ $i -lt "${NE1000_CYCLES:-20}" ]; do
	load_ne1000 "cycle $i"
	rmmod ne1000 || fail "cycle $i: rmmod ne1000"
	[ "$(driver_of "$PCI_N")" = none ] || fail "cycle $i: still bound"
	i=$((i + 1))
done

# And once more with traffic, to show the device still works.
load_ne1000 "after the cycles"
IF_N=$(ne1000_if)
setup_n
wait_until 20 carrier_up
wait_until 20 ping4

rmmod ne1000 || fail "rmmod ne1000 after the cycles"

# --- the 82574L (QEMU e1000e), when the guest has one ------------------------
# The same driver through the same legacy rings; MSI instead of INTx.
if [ -n "$e1000e" ]; then
	echo none >"/sys/bus/pci/devices/$PCI_N/driver_override"
	echo ne1000 >"/sys/bus/pci/devices/$e1000e/driver_override"
	insmod "$(ko sample-drivers/ne1000/ne1000.ko)" || fail "insmod ne1000 for the 82574L"
	wait_until 20 test "$(driver_of "$e1000e")" = ne1000
	wait_until 20 has_ne1000_if
	IF_N=$(ne1000_if)
	setup_n
	wait_until 30 carrier_up
	wait_until 20 ping4
	inn ping -c 3 -i 0.2 -W 2 $V4_L >/dev/null || fail "82574L: IPv4 ping"
	inn ping -6 -c 3 -i 0.2 -W 2 $V6_L >/dev/null || fail "82574L: IPv6 ping"
	inl timeout 30 iperf3 -s -1 -B $V4_L >/dev/null 2>&1 &
	sleep 1
	inn timeout 30 iperf3 -c $V4_L -t 2 >/dev/null 2>&1 ||
		fail "82574L: iperf3"
	wait
	rmmod ne1000 || fail "rmmod ne1000 (82574L)"
	echo >"/sys/bus/pci/devices/$e1000e/driver_override"
	echo "    82574L ($e1000e): ping and iperf3 through ne1000"
fi

ip netns del $NS_N
ip netns del $NS_L
echo >"/sys/bus/pci/devices/$PCI_N/driver_override"
echo >"/sys/bus/pci/devices/$PCI_L/driver_override"
rmmod vmkapi || fail "rmmod vmkapi"
