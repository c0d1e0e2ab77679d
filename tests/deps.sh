#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make deps: install every Debian package the project needs.  Safe to run
# again: when everything is present it changes nothing and needs no
# network.  Needs root (or sudo).
set -euo pipefail

packages=(
	# kernels: the stock tier (image + matching headers) and the source
	# of the debug tier
	linux-image-amd64 linux-headers-amd64 linux-source-6.1
	# building kernels and modules
	build-essential bc bison flex libelf-dev libssl-dev dwarves
	xz-utils rsync kmod cpio sparse perl python3
	# guests
	qemu-system-x86 busybox-static
	# user-space tools and what tests run in the guest
	libnl-3-dev libnl-genl-3-dev pkg-config bpftrace
	iproute2 ethtool iperf3 fio iputils-ping
)

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
		grep -q '^install ok installed$' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
	echo "deps: all ${#packages[@]} packages installed"
	exit 0
fi

sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
