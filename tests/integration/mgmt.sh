#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The management API end to end: nedu serves its signature, nedu-mgmt
# (built on libvmkmgmt) lists the device as an instance, runs kernel
# callbacks (a factorial, the counters, a vector) and receives the
# driver's kernel-to-user callback, by itself and in a second session.
# A wrong version and a user without CAP_NET_ADMIN are refused; nedu
# unloads cleanly under an open session, which then ends quietly.
set -eu
. "$(dirname "$0")/lib.sh"

tool=$VMKAPI_MODULES/sample-drivers/nedu/nedu-mgmt
[ -x "$tool" ] || fail "no $tool (built by make)"
tmp=$(mktemp -d)
bg=
cleanup() {
	[ -z "$bg" ] || kill "$bg" 2>/dev/null || true
	unload_all
	rm -rf "$tmp"
}
trap cleanup EXIT

has_instance() { "$tool" list 2>/dev/null | grep -q .; }
said() { grep -q "$1" "$2"; }

edu=$(pci_find 0x1234 0x11e8 | head -n 1)
[ -n "$edu" ] || fail "no edu device in this guest"

load_core
dmesg_from=$(dmesg | wc -l)
# Nobody serves the API yet.
out=$("$tool" list 2>&1) && fail "a session without nedu: $out"
echo "$out" | grep -q "No such file" || fail "without nedu: $out"

insmod "$(ko sample-drivers/nedu/nedu.ko)" || fail "insmod nedu"
wait_until 10 has_instance
"$tool" list | grep -q " $edu\$" || fail "instances: $("$tool" list)"

# A kernel callback with an answer, and the callback the driver sends back.
out=$("$tool" factorial 10 "$edu") || fail "factorial: $out"
echo "$out" | grep -q '^10! = 3628800$' || fail "factorial said: $out"
echo "$out" | grep -q '^event: 10! = 3628800$' ||
	fail "no FACTORIAL_DONE callback: $out"
out=$("$tool" stats) || fail "stats: $out"
echo "$out" | grep -q '^factorials: [1-9]' || fail "stats: $out"
echo "$out" | grep -q '^interrupts: [1-9]' || fail "stats: $out"
out=$("$tool" reverse "hello, vmkapi") || fail "reverse: $out"
[ "$out" = "ipakmv ,olleh" ] || fail "reverse said: $out"

# Another session hears the driver's callbacks to all sessions.
"$tool" watch 2 60 >"$tmp/watch" 2>&1 &
bg=$!
wait_until 20 said watching "$tmp/watch"
"$tool" factorial 5 >/dev/null || fail "factorial 5"
"$tool" factorial 6 >/dev/null || fail "factorial 6"
wait "$bg" || fail "watch: $(cat "$tmp/watch")"
bg=
said '^event: 5! = 120$' "$tmp/watch" || fail "watch: $(cat "$tmp/watch")"
said '^event: 6! = 720$' "$tmp/watch" || fail "watch: $(cat "$tmp/watch")"

# Another major.minor of the API, and a user without CAP_NET_ADMIN.
out=$("$tool" -V 2.0 list 2>&1) && fail "version 2.0 accepted: $out"
echo "$out" | grep -q "Protocol not supported" || fail "version 2.0: $out"
out=$(setpriv --reuid=65534 --regid=65534 --clear-groups \
	"$tool" factorial 3 2>&1) && fail "unprivileged factorial ran: $out"
echo "$out" | grep -q "Operation not permitted" ||
	fail "unprivileged: $out"

# Unload under an open session: the driver goes, the session ends.
"$tool" hold 8 >"$tmp/hold" 2>&1 &
bg=$!
wait_until 20 said "session open" "$tmp/hold"
rmmod nedu || fail "rmmod nedu with a session open"
wait "$bg" || fail "the session's tool: $(cat "$tmp/hold")"
bg=
dmesg | tail -n +"$((dmesg_from + 1))" >"$tmp/dmesg"
! grep -E "still holds|management handle|BUG|WARNING" "$tmp/dmesg" ||
	fail "unload with a session left a trace"

# And it serves again after a reload.
insmod "$(ko sample-drivers/nedu/nedu.ko)" || fail "insmod nedu again"
wait_until 10 has_instance
"$tool" factorial 7 >/dev/null || fail "factorial after the reload"
rmmod nedu || fail "final rmmod nedu"
rmmod vmkapi || fail "rmmod vmkapi"
