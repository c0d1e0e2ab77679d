#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""vmkctl against a live core (run by vmkctl.sh and vmkctl_ops.sh).

    vmkctl_check.py read|ops VMKCTL NEDU_CTL BDF

With vmkapi.ko, nedu (bound to the edu device at BDF) and nhello
(verbose=0) loaded.  read: every reading command with --json gives valid
JSON of the documented shape and says what the kernel's other views say,
and bash completion offers the live objects.  ops: the device operations
change what "device show" reports; "log set" changes what "log get" (and
debugfs) read back; the event ring and --follow show the transitions; an
unprivileged user may read but is refused every mutating operation with
exit status 4; refusals exit 3 with the kernel's reason.  Prints what
failed and exits 1 at the first failure.  (Two parts, so each stays
within an integration test's time limit in a slow guest.)
"""
import atexit
import json
import os
import re
import subprocess
import sys
import threading
import time

PART, VMKCTL, NEDU_CTL, BDF = sys.argv[1:5]
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
DEBUGFS = "/sys/kernel/debug/vmkapi"
# In the debug kernel (KASAN, lockdep, kmemleak: where kmemleak exists) a
# process start costs seconds under TCG: there every command runs once
# and the cross-checks that need more processes are left to the stock
# run.  What the debug run adds is the kernel's checkers on every path.
FULL = not os.path.exists("/sys/kernel/debug/kmemleak")

# The keys of each object, in order (vmkctl.8, JSON).
KEYS = {
    "module": ["id", "name", "revision", "use_count", "resources",
               "default_heap"],
    "device": ["id", "parent_id", "depth", "bus", "address", "identifier",
               "state", "forgotten", "driver", "registrar", "child_count",
               "refs"],
    "driver": ["id", "name", "module_id", "module", "devices",
               "unregistering"],
    "heap": ["id", "name", "module_id", "module", "bytes", "peak", "max",
             "cached", "allocs", "frees", "failures"],
    "intr": ["cookie", "irq", "module_id", "module", "handlers", "shared",
             "enabled", "count", "woken", "ignored", "spurious", "gated",
             "bad_ack", "acks", "ack_over_budget", "ack_budget_ns",
             "handler_runs", "handler_blocked", "handler_steered",
             "ack_histogram", "handler_histogram"],
    "log": ["id", "module_id", "module", "component", "level", "throttle",
            "printed", "throttled"],
    "event": ["seq", "time_ns", "source", "kind", "object", "status",
              "status_name", "text"],
}
EVENT_KINDS = {"transition", "callback_failed", "intr_anomaly",
               "alloc_failed", "resource_leak"}


def fail(msg):
    print(msg)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)


def run(*args, user=None):
    cmd = (NOBODY if user == "nobody" else []) + [VMKCTL] + list(args)
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def js(*args, user=None):
    """vmkctl --json ARGS: must succeed with one valid JSON value."""
    rc, out, err = run("--json", *args, user=user)
    what = "vmkctl --json " + " ".join(args)
    check(rc == 0, f"{what}: exit {rc}: {err.strip()}")
    check(out.endswith("\n") and not err, f"{what}: stdout/stderr: {err}")
    try:
        return json.loads(out)
    except ValueError as e:
        fail(f"{what}: invalid JSON ({e}):\n{out}")


def refused(code, msg_re, *args, user=None):
    """vmkctl ARGS must exit CODE with a message matching MSG_RE."""
    rc, out, err = run(*args, user=user)
    what = "vmkctl " + " ".join(args) + (f" as {user}" if user else "")
    check(rc == code, f"{what}: exit {rc}, expected {code}: {err.strip()}")
    check(not out, f"{what}: printed on stdout: {out}")
    check(re.search(msg_re, err), f"{what}: message {err.strip()!r}")


def shape(obj, kind, extra=()):
    want = KEYS[kind] + list(extra)
    check(isinstance(obj, dict) and list(obj) == want,
          f"{kind}: keys {list(obj) if isinstance(obj, dict) else obj}, "
          f"expected {want}")


def ints(obj, *keys):
    for k in keys:
        check(isinstance(obj[k], int) and not isinstance(obj[k], bool)
              and obj[k] >= 0, f"{k} is not a count: {obj}")


def one(items, what, **match):
    found = [i for i in items if all(i.get(k) == v for k, v in match.items())]
    check(len(found) == 1, f"{what}: {len(found)} items match {match}")
    return found[0]


def wait_for(cond, what, limit=10):
    end = time.time() + limit
    while not cond():
        check(time.time() < end, f"timed out waiting for {what}")
        time.sleep(0.1)


COMPLETION = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                          "../../userspace-tools/vmkctl/vmkctl.bash")


def completes(words):
    """What vmkctl.bash offers for WORDS (the last one being completed)."""
    script = (f'. {COMPLETION}; COMP_WORDS=({words}); '
              'COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _vmkctl; '
              'printf "%s\\n" "${COMPREPLY[@]}"')
    env = dict(os.environ,
               PATH=os.path.dirname(VMKCTL) + ":" + os.environ["PATH"])
    p = subprocess.run(["bash", "-c", script], capture_output=True,
                       text=True, env=env, timeout=60)
    return sorted(p.stdout.split())


class Follower:
    """vmkctl --json events --follow in the background, its lines parsed."""

    def __init__(self):
        self.events = []
        self.proc = subprocess.Popen([VMKCTL, "--json", "events", "--follow"],
                                     stdout=subprocess.PIPE, text=True)
        self.thread = threading.Thread(target=self.read, daemon=True)
        self.thread.start()
        # Gone with us even when a check fails (before vmkapi.ko unloads).
        atexit.register(self.proc.kill)

    def read(self):
        for line in self.proc.stdout:
            try:
                self.events.append(json.loads(line))
            except ValueError:
                self.events.append(line)

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)
        self.thread.join(timeout=30)
        return self.events


def the_devices():
    """nedu's PCI function and its logical child, from device list."""
    devs = js("device", "list")
    pci = one(devs, "device list", address=BDF)
    return devs, pci, one(devs, "device list", parent=BDF)


def read_part():
    # --- module list ------------------------------------------------------------
    mods = js("module", "list")
    check(isinstance(mods, list), "module list: not an array")
    for m in mods:
        shape(m, "module")
        ints(m, "id", "use_count", "resources")
        check(re.fullmatch(r"\d+\.\d+\.\d+\.\d+", m["revision"]),
              f"revision {m['revision']}")
        check(isinstance(m["default_heap"], bool), "default_heap not a bool")
    one(mods, "module list", name="vmkapi", id=0)
    nedu = one(mods, "module list", name="nedu")
    one(mods, "module list", name="nhello")
    check(nedu["resources"] > 0, "nedu owns no resources")

    # --- device list / tree / show ----------------------------------------------
    devs, pci, child = the_devices()
    for d in devs:
        shape(d, "device", ["parent"])
        check(d["state"] in ("unclaimed", "quiescent", "started", "removed"),
              f"state {d['state']}")
    check(pci["bus"] == "pci" and pci["driver"] == "nedu" and
          pci["state"] == "started" and pci["parent"] is None and
          pci["parent_id"] is None and pci["depth"] == 0 and
          pci["forgotten"] is False, f"nedu's device: {pci}")
    check(child["bus"] == "logical" and
          child["identifier"] == "com.vmware.graphics" and
          child["state"] == "started" and child["parent_id"] == pci["id"] and
          child["depth"] == 1 and child["registrar"] == "nedu",
          f"nedu's logical child: {child}")
    check(pci["child_count"] == 1, f"child_count {pci['child_count']}")

    tree = js("device", "tree")
    seen = []

    def walk(nodes, parent):
        for n in nodes:
            shape(n, "device", ["children"])
            check(n["parent_id"] == parent, f"tree: {n['address']} misplaced")
            check(n["child_count"] == len(n["children"]),
                  f"tree: {n['address']}: {n['child_count']} children counted, "
                  f"{len(n['children'])} shown")
            seen.append(n["address"])
            walk(n["children"], n["id"])

    walk(tree, None)
    check(sorted(seen) == sorted(d["address"] for d in devs),
          f"tree {seen} and list {[d['address'] for d in devs]} differ")
    node = one(tree, "device tree", address=BDF)
    check([c["address"] for c in node["children"]] == [child["address"]],
          f"tree: children of {BDF}: {node['children']}")

    show = js("device", "show", BDF)
    shape(show, "device", ["parent"])
    check(show == pci, f"device show {show} differs from device list {pci}")
    if FULL:
        show = js("device", "show", child["address"])
        check(show["parent"] == BDF, f"device show: parent {show['parent']}")

        # The human views name the same devices.
        rc, out, err = run("device", "tree")
        check(rc == 0 and out.startswith("root\n") and
              f"pci {BDF} [started] driver nedu" in out and
              child["address"] in out, f"device tree:\n{out}{err}")

    # --- driver list ------------------------------------------------------------
    drvs = js("driver", "list")
    for d in drvs:
        shape(d, "driver")
        ints(d, "id", "module_id", "devices")
    drv = one(drvs, "driver list", name="nedu")
    check(drv["module"] == "nedu" and drv["module_id"] == nedu["id"] and
          drv["devices"] == 1 and drv["unregistering"] is False,
          f"driver nedu: {drv}")

    # --- heap list --------------------------------------------------------------
    heaps = js("heap", "list")
    for h in heaps:
        shape(h, "heap")
        ints(h, "id", "module_id", "bytes", "peak", "max", "cached", "allocs",
             "frees", "failures")
        check(h["bytes"] <= h["peak"] and h["frees"] <= h["allocs"],
              f"heap statistics: {h}")
    check(any(h["module"] == "nedu" and h["module_id"] == nedu["id"]
              for h in heaps), "no heap of nedu")

    # --- intr stats -------------------------------------------------------------
    factorials = (5, 7, 9) if FULL else (5,)
    for n in factorials:
        subprocess.run([NEDU_CTL, "/dev/nedu0", "factorial", str(n)], check=True,
                       capture_output=True, timeout=60)
    cookies = js("intr", "stats")
    for c in cookies:
        shape(c, "intr")
        ints(c, "cookie", "irq", "count", "woken", "acks", "handler_runs")
        check(c["count"] == c["woken"] + c["ignored"] + c["spurious"],
              f"cookie {c['cookie']}: count is not woken + ignored + spurious")
    c = one(cookies, "intr stats", module="nedu")
    check(c["handlers"] == [f"nedu-{BDF}"] and c["enabled"] is True and
          c["woken"] >= len(factorials), f"nedu's cookie: {c}")
    for key, total in (("ack_histogram", "acks"),
                       ("handler_histogram", "handler_runs")):
        for b in c[key]:
            check(list(b) == ["min_ns", "max_ns", "count"] and b["count"] > 0 and
                  (b["max_ns"] is None or b["min_ns"] <= b["max_ns"]),
                  f"{key} bucket {b}")
        # The device is idle: every acknowledge and handler run is counted once.
        check(sum(b["count"] for b in c[key]) == c[total],
              f"{key} counts {sum(b['count'] for b in c[key])}, {total} "
              f"{c[total]}")
    if FULL:
        rc, out, err = run("intr", "stats")
        check(rc == 0 and f"nedu-{BDF}" in out and
              f"Cookie {c['cookie']} acknowledge duration (ns):" in out,
              f"intr stats:\n{out}{err}")

    # --- log get ----------------------------------------------------------------
    comps = js("log", "get")
    for lc in comps:
        shape(lc, "log")
        check(lc["throttle"] in ("none", "count", "custom"), f"throttle {lc}")
    hello = one(comps, "log get", module="nhello", component="nhello")
    check(hello["level"] == 0, f"nhello loaded with verbose=0: {hello}")
    if not FULL:
        return
    only = js("log", "get", "nhello")
    check(only and all(lc["module"] == "nhello" for lc in only),
          f"log get nhello: {only}")
    check(js("log", "get", "nhello", "nhello") == [hello],
          "log get nhello nhello differs from the full list")

    # --- bash completion offers the live objects --------------------------------
    addrs = sorted(d["address"] for d in js("device", "list"))
    check(completes('vmkctl device quiesce ""') == addrs,
          f"completion of addresses: {completes('vmkctl device quiesce')}")
    check(completes("vmkctl log set nh") == ["nhello"], "completion of modules")
    check(completes("vmkctl log get nhello nh") == ["nhello"],
          "completion of components")


def ops_part():
    _, _, child = the_devices()
    # --- log set ----------------------------------------------------------------
    after = js("log", "set", "nhello", "nhello", "2")
    shape(after, "log")
    check(after["level"] == 2, f"log set answered {after}")
    check(js("log", "get", "nhello", "nhello")[0]["level"] == 2,
          "log get does not read back level 2")
    with open(f"{DEBUGFS}/log") as f:
        check(re.search(r"^nhello +nhello +2 ", f.read(), re.M),
              "debugfs log does not show level 2")
    if FULL:
        refused(3, r"log set nhello nosuch 1: .+", "log", "set", "nhello",
                "nosuch", "1")
        refused(3, r"log get nosuchmodule: .+", "log", "get", "nosuchmodule")
    js("log", "set", "nhello", "nhello", "0")

    # --- device operations ------------------------------------------------------
    before = max([e["seq"] for e in js("events")] + [0])
    follow = Follower()

    d = js("device", "quiesce", BDF)
    shape(d, "device")
    check(d["state"] == "quiescent", f"quiesce answered {d}")
    check(js("device", "show", BDF)["state"] == "quiescent",
          "device show: not quiescent after quiesce")
    if FULL:
        refused(3, rf"device quiesce {re.escape(BDF)}: .+", "device",
                "quiesce", BDF)
    d = js("device", "start", BDF)
    check(d["state"] == "started", f"start answered {d}")
    if FULL:
        check(js("device", "show", BDF)["state"] == "started",
              "device show: not started after start")
        subprocess.run([NEDU_CTL, "/dev/nedu0", "factorial", "6"],
                       check=True, capture_output=True, timeout=60)

    # A PCI function is its bus's to remove; its logical child can go, and a
    # rescan brings it back (nedu registers it from scanDevice).
    if FULL:
        refused(3, rf"device remove {re.escape(BDF)}: .+", "device",
                "remove", BDF)
    d = js("device", "remove", child["address"])
    check(d["state"] == "removed", f"remove answered {d}")
    wait_for(lambda: not os.path.exists("/dev/nedu0"), "/dev/nedu0 to go")
    if FULL:
        check(not [x for x in js("device", "list") if x["parent"] == BDF],
              "the removed child is still listed")
        check(js("device", "show", BDF)["child_count"] == 0,
              "child_count after remove")
    d = js("device", "rescan", BDF)
    check(d["state"] == "started", f"rescan answered {d}")
    again = one(js("device", "list"), "device list after rescan", parent=BDF)
    check(again["state"] == "started" and again["driver"] == "vmkapi-chardev",
          f"child after rescan: {again}")
    wait_for(lambda: os.path.exists("/dev/nedu0"), "/dev/nedu0 to come back")
    if FULL:
        check(js("device", "show", BDF)["child_count"] == 1,
              "child_count after rescan")
        refused(3, r"device show no-such-device: .+", "device", "show",
                "no-such-device")

    # --- events -----------------------------------------------------------------
    events = js("events")
    for e in events:
        shape(e, "event")
        ints(e, "seq", "time_ns")
        check(e["kind"] in EVENT_KINDS, f"event kind {e['kind']}")
    check([e["seq"] for e in events] == sorted({e["seq"] for e in events}),
          "events not in seq order")
    mine = js("events", "--source", "nedu")
    check(mine and all(e["source"] == "nedu" for e in mine),
          f"events --source nedu: {[e['source'] for e in mine]}")
    quiesce = [e for e in mine if e["seq"] > before and
               e["kind"] == "transition" and e["object"] == BDF and
               e["text"].startswith("quiesce")]
    check(quiesce, f"no quiesce transition of {BDF} in nedu's ring: {mine}")
    # --follow printed all that too (by notification, or its next dump).
    last = events[-1]["seq"]
    wait_for(lambda: any(isinstance(e, dict) and e.get("seq") == last
                         for e in follow.events),
             f"events --follow to print event {last}", limit=30)
    followed = follow.stop()
    for e in followed:
        check(isinstance(e, dict), f"events --follow --json: not JSON: {e!r}")
        shape(e, "event")
    seqs = [e["seq"] for e in followed]
    check(seqs == sorted(set(seqs)), f"events --follow: seqs {seqs}")
    check(set(seqs) >= {e["seq"] for e in events},
          f"events --follow printed {seqs}, the ring has "
          f"{[e['seq'] for e in events]}")

    # --- an unprivileged user reads, and is refused every change -----------------
    check(js("device", "list", user="nobody") == js("device", "list"),
          "device list differs for nobody")
    changes = [["device", "quiesce", BDF],
               ["log", "set", "nhello", "nhello", "3"]]
    if FULL:
        js("module", "list", user="nobody")
        js("log", "get", user="nobody")
        js("events", user="nobody")
        changes += [["device", "start", BDF],
                    ["device", "remove", child["address"]],
                    ["device", "rescan", BDF]]
    for args in changes:
        refused(4, r"permission denied \(needs CAP_NET_ADMIN", *args,
                user="nobody")
    check(js("device", "show", BDF)["state"] == "started",
          "nobody changed the device's state")
    check(js("log", "get", "nhello", "nhello")[0]["level"] == 0,
          "nobody changed the log level")

    # --- the command line -------------------------------------------------------
    if FULL:
        refused(1, r"unknown namespace 'frob'", "frob", "list")
        refused(1, r"usage: vmkctl device show <address>", "device", "show")


if PART == "read":
    read_part()
else:
    ops_part()
