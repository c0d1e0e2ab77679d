#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vmkapi-timeout: 300
# vmkctl's changes against a live core: device quiesce/start/remove/rescan
# as "device show" sees them, log set read back, the event ring and
# --follow, and an unprivileged user refused every change (exit status 4)
# while still allowed to read.  The setup is vmkctl.sh's.
VMKCTL_PART=ops
. "$(dirname "$0")/vmkctl.sh"
