# SPDX-License-Identifier: GPL-2.0
"""Unit tests for console_check.py.

Run from the top of the tree:
    python3 -m unittest discover -s tests/lib -p 'test_*.py'
"""

import contextlib
import io
import json
import os
import subprocess
import sys
import tempfile
import unittest

import console_check
from console_check import FAIL, PASS, SKIP, find_splats, parse_ktap

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.join(HERE, "samples")
SCRIPT = os.path.join(HERE, "console_check.py")


def sample_path(name):
    return os.path.join(SAMPLES, name)


def sample(name):
    """The lines of samples/NAME."""
    with open(sample_path(name), encoding="utf-8") as log:
        return log.read().split("\n")


def stamp(lines, start=100):
    """Give LINES printk timestamps, one microsecond apart."""
    return [f"[{start + i / 1e6:12.6f}] {line}"
            for i, line in enumerate(lines)]


def filler(count, start=0):
    """COUNT harmless kernel lines."""
    return [f"virtio_net virtio0 eth0: filler message {start + i}"
            for i in range(count)]


def summary(results):
    """(case, result) pairs of parse_ktap() results."""
    return [(r.case, r.result) for r in results]


def run_cli(*argv):
    """Run console_check.main(ARGV); return (status, output lines)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), \
            contextlib.redirect_stderr(io.StringIO()):
        status = console_check.main(list(argv))
    return status, out.getvalue().splitlines()


class ParseKtapTest(unittest.TestCase):

    def test_passing_suite(self):
        results = parse_ktap(sample("pass_suite.log"))
        self.assertEqual([(r.suite, r.case, r.result, r.detail)
                          for r in results], [
            ("vmkapi_log", "vmk_log_register_and_levels", PASS, []),
            ("vmkapi_log", "vmk_log_level_filter", PASS, []),
            ("vmkapi_log", "vmk_log_backtrace", PASS, []),
        ])

    def test_failing_case_keeps_its_diagnostics(self):
        results = parse_ktap(sample("fail_skip.log"))
        self.assertEqual(summary(results), [
            ("vmk_status_values", PASS),
            ("vmk_status_strings", FAIL),
            ("vmk_status_errno", SKIP),
            ("vmk_status_anchor", PASS),
        ])
        # Dedented, relative indentation kept; neither the unrelated
        # kernel message nor the previous case's output is included.
        self.assertEqual(results[1].detail, [
            "# vmk_status_strings: EXPECTATION FAILED at "
            "kunit/vmkapi_kunit_status.c:42",
            'Expected vmk_StatusToString(VMK_OK) == "Success", but',
            '    vmk_StatusToString(VMK_OK) == "OK"',
            '    "Success" == "Success"',
            "# vmk_status_strings: ASSERTION FAILED at "
            "kunit/vmkapi_kunit_status.c:47",
            "Expected str != ((void *)0), but",
            "    str == 0000000000000000",
        ])
        self.assertEqual(results[0].detail, [])
        self.assertEqual(results[3].detail, [])

    def test_skip_keeps_its_reason(self):
        results = parse_ktap(sample("fail_skip.log"))
        self.assertEqual(results[2].result, SKIP)
        self.assertEqual(results[2].case, "vmk_status_errno")
        self.assertEqual(results[2].detail, ["no reason"])

    def test_parameterised_case_counted_once(self):
        results = parse_ktap(sample("param.log"))
        self.assertEqual(summary(results), [
            ("vmk_param_plain", PASS),
            ("vmk_param_by_value", PASS),
            ("vmk_param_by_errno", FAIL),
        ])
        self.assertEqual(results[2].detail, [
            "# vmk_param_by_errno: EXPECTATION FAILED at "
            "kunit/vmkapi_kunit_status.c:88",
            "Expected vmk_StatusToErrno(status) == -5, but",
            "    vmk_StatusToErrno(status) == -22",
            "    not ok 2 param-1",
        ])

    def test_two_modules_in_one_log(self):
        # 6.1 with a top-level header, TAP 14 with tabs and "ok N - name",
        # and 6.1 module output without a top-level header.
        results = parse_ktap(sample("two_modules.log"))
        self.assertEqual([(r.suite, r.case, r.result) for r in results], [
            ("vmkapi_name_types", "vmk_name_initialize", PASS),
            ("vmkapi_name_types", "vmk_name_format", PASS),
            ("vmkapi_module", "vmk_module_register_bad_params", PASS),
            ("vmkapi_module", "vmk_module_lookup_by_name", PASS),
            ("vmkapi_log", "vmk_log_register_and_levels", PASS),
        ])

    def test_interleaved_kernel_and_shell_lines(self):
        # Cases indented deeper than the header, printk caller ids, a
        # kernel line glued to shell output, shell "ok" lines and a shell
        # "# comment" inside the suite.
        results = parse_ktap(sample("interleaved.log"))
        self.assertEqual([(r.suite, r.case, r.result) for r in results], [
            ("vmkapi_heap", "vmk_heap_create", PASS),
            ("vmkapi_heap", "vmk_heap_alloc", FAIL),
            ("vmkapi_heap", "vmk_heap_sizes", PASS),
            ("vmkapi_heap", "vmk_heap_destroy", PASS),
        ])
        self.assertEqual(results[1].detail, [
            "# vmk_heap_alloc: EXPECTATION FAILED at "
            "kunit/vmkapi_kunit_heap.c:61",
            "Expected ptr != NULL, but",
            "    ptr == 0000000000000000",
        ])

    def test_incomplete_suite(self):
        results = parse_ktap(sample("incomplete.log"))
        self.assertEqual([(r.suite, r.case, r.result) for r in results], [
            ("vmkapi_hang", "vmk_hang_setup", PASS),
            ("vmkapi_hang", "vmk_hang_check", FAIL),
            ("vmkapi_hang", "(incomplete)", FAIL),
            ("vmkapi_after", "vmk_after_runs", PASS),
        ])
        self.assertEqual(results[2].detail,
                         ["# vmk_hang_forever: waiting for completion"])

    def test_header_less_indented_than_cases(self):
        # Cases deeper than an unindented header: the suite's result line
        # closes it by being shallower than the cases.
        lines = stamp([
            "# Subtest: vmkapi_flat",
            "1..2",
            "    ok 1 vmk_flat_one",
            "    not ok 2 vmk_flat_two",
            "not ok 1 vmkapi_flat",
            "# Subtest: vmkapi_flat2",
            "    ok 1 vmk_flat2_one",
            "ok 2 vmkapi_flat2",
        ])
        self.assertEqual([(r.suite, r.case, r.result)
                          for r in parse_ktap(lines)], [
            ("vmkapi_flat", "vmk_flat_one", PASS),
            ("vmkapi_flat", "vmk_flat_two", FAIL),
            ("vmkapi_flat2", "vmk_flat2_one", PASS),
        ])

    def test_log_ends_inside_parameterised_case(self):
        lines = stamp([
            "    KTAP version 1",
            "    # Subtest: vmkapi_cut",
            "    1..2",
            "    ok 1 vmk_cut_first",
            "        KTAP version 1",
            "        # Subtest: vmk_cut_params",
            "        ok 1 param-0",
        ])
        results = parse_ktap(lines)
        self.assertEqual(summary(results), [
            ("vmk_cut_first", PASS),
            ("(incomplete)", FAIL),
        ])
        self.assertEqual(results[1].detail,
                         ["(case vmk_cut_params did not finish)"])

    def test_failing_suite_without_failing_case(self):
        lines = stamp([
            "    KTAP version 1",
            "    # Subtest: vmkapi_init_fails",
            "    1..2",
            "    # vmkapi_init_fails: failed to initialize (-12)",
            "# vmkapi_init_fails: pass:0 fail:0 skip:0 total:0",
            "not ok 1 vmkapi_init_fails",
        ])
        results = parse_ktap(lines)
        self.assertEqual(summary(results), [("(suite)", FAIL)])
        self.assertEqual(results[0].detail,
                         ["# vmkapi_init_fails: failed to initialize (-12)"])


# One line per marker, containing no other marker (except those inside the
# marker itself: "ODEBUG:" holds "BUG:"), so that every entry of
# SPLAT_MARKERS is exercised on its own.
SPLAT_SAMPLES = {
    "BUG:": "BUG: unable to handle page fault for address: ffffffffc0201000",
    "WARNING:": "WARNING: CPU: 1 PID: 230 at kunit/vmkapi_kunit_log.c:120 "
                "vmk_warn+0x1e/0x30 [vmkapi_kunit_log]",
    "Oops:": "Oops: 0002 [#1] PREEMPT SMP NOPTI",
    "Kernel panic": "Kernel panic - not syncing: Fatal exception",
    "general protection fault": "general protection fault, probably for "
                                "non-canonical address 0xdead000000000100",
    "KASAN:": "KASAN: null-ptr-deref in range "
              "[0x0000000000000000-0x0000000000000007]",
    "UBSAN:": "UBSAN: shift-out-of-bounds in kunit/vmkapi_kunit_log.c:10:3",
    "unreferenced object 0x": "unreferenced object 0xffff888003a8c000 "
                              "(size 64):",
    "suspected memory leak": "kmemleak: 1 new suspected memory leaks "
                             "(see /sys/kernel/debug/kmemleak)",
    "possible circular locking dependency":
        "possible circular locking dependency detected",
    "possible recursive locking": "possible recursive locking detected",
    "inconsistent lock state": "inconsistent lock state",
    "lock held when returning to user space":
        "lock held when returning to user space!",
    "DEBUG_LOCKS_WARN_ON": "DEBUG_LOCKS_WARN_ON(lock->magic != lock)",
    "sleeping function called from invalid context":
        "sleeping function called from invalid context at "
        "kernel/locking/mutex.c:580",
    "scheduling while atomic": "scheduling while atomic: insmod/57/0x00000002",
    "ODEBUG:": "ODEBUG: free active (active state 0) object: "
               "ffff888003a8c000 object type: timer_list",
    "list_add corruption": "list_add corruption. prev->next should be next "
                           "(ffffffffc0201000), but was 0000000000000000.",
    "list_del corruption": "list_del corruption, ffff888003a8c000->next is "
                           "LIST_POISON1 (dead000000000100)",
    "refcount_t:": "refcount_t: underflow; use-after-free.",
    "blocked for more than": "INFO: task insmod:57 blocked for more than "
                             "122 seconds.",
    "soft lockup": "watchdog: soft lockup - CPU#0 stuck for 26s! [insmod:57]",
    "rcu_sched detected stalls": "INFO: rcu_sched detected stalls on "
                                 "CPUs/tasks:",
    "rcu: INFO:": "rcu: INFO: rcu_preempt self-detected stall on CPU",
    "kernel BUG at": "kernel BUG at kunit/vmkapi_kunit_log.c:77!",
    "Fix your code!": "Unexpected gfp: 0x4 (GFP_DMA32). Fixing up to gfp: "
                      "0xcc0 (GFP_KERNEL). Fix your code!",
}


class FindSplatsTest(unittest.TestCase):

    def test_samples_cover_each_marker_alone(self):
        self.assertEqual(set(SPLAT_SAMPLES), set(console_check.SPLAT_MARKERS))
        for marker, line in SPLAT_SAMPLES.items():
            others = [m for m in console_check.SPLAT_MARKERS
                      if m in line and m not in marker]
            self.assertIn(marker, line)
            self.assertEqual(others, [])

    def test_each_kind_detected_once(self):
        for marker, line in SPLAT_SAMPLES.items():
            with self.subTest(marker=marker):
                # The marker line, then a repeat of it a few lines later
                # (same report), then some of the report's context.
                lines = stamp(filler(5) + [line] + filler(3, 5) + [line]
                              + filler(20, 8))
                blocks = find_splats(lines)
                self.assertEqual(len(blocks), 1)
                self.assertEqual(blocks[0].text, line)
                self.assertEqual(blocks[0].lineno, 6)
                self.assertEqual(len(blocks[0].context), 15)

    def test_every_kind_in_one_log(self):
        lines = []
        for line in SPLAT_SAMPLES.values():
            lines += filler(20) + [line]
        blocks = find_splats(stamp(lines))
        self.assertEqual([b.text for b in blocks],
                         list(SPLAT_SAMPLES.values()))

    def test_lockdep_report_is_one_block(self):
        blocks = find_splats(sample("lockdep.log"))
        self.assertEqual(len(blocks), 1)
        self.assertEqual(blocks[0].lineno, 6)
        self.assertEqual(blocks[0].text,
                         "WARNING: possible circular locking dependency "
                         "detected")
        self.assertEqual(blocks[0].context[0],
                         "6.1.192 #1 Tainted: G           O     N")

    def test_oops_and_its_panic_are_one_block(self):
        # "BUG:", "Oops:", the end of the trace, then "Kernel panic".
        blocks = find_splats(sample("oops_panic.log"))
        self.assertEqual(len(blocks), 1)
        self.assertEqual(blocks[0].text, "BUG: kernel NULL pointer "
                                         "dereference, address: "
                                         "0000000000000000")
        self.assertEqual(blocks[0].context[3],
                         "Oops: 0002 [#1] PREEMPT SMP NOPTI")

    def test_consecutive_reports_are_separate_blocks(self):
        # Each ends with "---[ end trace"; the second is "refcount_t:"
        # directly followed by its "WARNING:".
        blocks = find_splats(sample("warn_twice.log"))
        self.assertEqual([(b.lineno, b.text[:11]) for b in blocks],
                         [(3, "WARNING: CP"), (13, "refcount_t:")])
        self.assertEqual(blocks[0].context[-1],
                         "---[ end trace 0000000000000000 ]---")

    def test_markers_far_apart_are_separate_blocks(self):
        warn = SPLAT_SAMPLES["WARNING:"]
        self.assertEqual(len(find_splats(stamp([warn] + filler(20)
                                               + [warn]))), 2)
        self.assertEqual(len(find_splats(stamp([warn] + filler(5)
                                               + [warn]))), 1)

    def test_panic_long_after_a_report_is_separate(self):
        lines = stamp(["WARNING: CPU: 0 PID: 1 at x.c:1 f+0x1/0x2",
                       "---[ end trace 0000000000000000 ]---"]
                      + filler(30)
                      + ["Kernel panic - not syncing: hung_task",
                         "---[ end Kernel panic - not syncing: hung_task"
                         " ]---"])
        self.assertEqual([b.lineno for b in find_splats(lines)], [1, 33])

    def test_call_trace_alone_is_not_a_splat(self):
        lines = sample("pass_suite.log")
        self.assertIn("[   10.237609] Call Trace:", lines)
        self.assertIn("[   10.237828]  dump_stack_lvl+0x4c/0x5f", lines)
        self.assertEqual(find_splats(lines), [])
        self.assertEqual(find_splats(["Call Trace:", "dump_stack",
                                      " dump_stack+0x5c/0x80"]), [])

    def test_allow(self):
        lines = sample("warn_twice.log")
        blocks = find_splats(lines, [r"vmk_timer_expected_warn"])
        self.assertEqual([b.lineno for b in blocks], [13])
        # The second report needs both of its lines allowed.
        allow = [r"vmk_timer_expected_warn", r"^refcount_t: underflow"]
        self.assertEqual([b.lineno for b in find_splats(lines, allow)], [14])
        allow.append(r"at lib/refcount\.c:\d+")
        self.assertEqual(find_splats(lines, allow), [])


class CommandLineTest(unittest.TestCase):

    def test_passing_log(self):
        status, out = run_cli(sample_path("pass_suite.log"))
        self.assertEqual(out, [
            "PASS kunit/vmkapi_log/vmk_log_register_and_levels",
            "PASS kunit/vmkapi_log/vmk_log_level_filter",
            "PASS kunit/vmkapi_log/vmk_log_backtrace",
            "console: 3 passed, 0 failed",
        ])
        self.assertEqual(status, 0)

    def test_failure_output_and_status(self):
        status, out = run_cli(sample_path("fail_skip.log"))
        self.assertEqual(out, [
            "PASS kunit/vmkapi_status/vmk_status_values",
            "FAIL kunit/vmkapi_status/vmk_status_strings",
            "    # vmk_status_strings: EXPECTATION FAILED at "
            "kunit/vmkapi_kunit_status.c:42",
            '    Expected vmk_StatusToString(VMK_OK) == "Success", but',
            '        vmk_StatusToString(VMK_OK) == "OK"',
            '        "Success" == "Success"',
            "    # vmk_status_strings: ASSERTION FAILED at "
            "kunit/vmkapi_kunit_status.c:47",
            "    Expected str != ((void *)0), but",
            "        str == 0000000000000000",
            "SKIP kunit/vmkapi_status/vmk_status_errno",
            "PASS kunit/vmkapi_status/vmk_status_anchor",
            "console: 2 passed, 1 failed",
        ])
        self.assertEqual(status, 1)

    def test_parameterised_counts(self):
        status, out = run_cli(sample_path("param.log"))
        self.assertEqual(out[-1], "console: 2 passed, 1 failed")
        self.assertEqual(status, 1)

    def test_splat_fails_a_passing_run(self):
        status, out = run_cli(sample_path("lockdep.log"))
        splats = [line for line in out if line.startswith("SPLAT: ")]
        self.assertEqual(splats, ["SPLAT: WARNING: possible circular locking "
                                  "dependency detected"])
        start = out.index(splats[0])
        self.assertEqual(out[start + 16], "FAIL console/splats")
        self.assertEqual(out[-1], "console: 2 passed, 1 failed")
        self.assertEqual(status, 1)

    def test_each_splat_block_counts_once(self):
        status, out = run_cli(sample_path("warn_twice.log"))
        self.assertEqual(sum(line.startswith("SPLAT: ") for line in out), 2)
        self.assertEqual(out.count("FAIL console/splats"), 1)
        self.assertEqual(out[-1], "console: 0 passed, 2 failed")
        self.assertEqual(status, 1)

    def test_crash_is_incomplete_suite_and_splat(self):
        status, out = run_cli(sample_path("oops_panic.log"))
        # The oops' "#PF: ..." lines are no KUnit diagnostics.
        self.assertEqual(out[:3], ["PASS kunit/vmkapi_crash/vmk_crash_setup",
                                   "FAIL kunit/vmkapi_crash/(incomplete)",
                                   "SPLAT: BUG: kernel NULL pointer "
                                   "dereference, address: 0000000000000000"])
        self.assertEqual(out[-1], "console: 1 passed, 2 failed")
        self.assertEqual(status, 1)

    def test_allow_option(self):
        status, out = run_cli("--allow", "vmk_timer_expected_warn",
                              "--allow", "refcount",
                              sample_path("warn_twice.log"))
        self.assertEqual(out, ["console: 0 passed, 0 failed"])
        self.assertEqual(status, 0)

    def test_expected_suite_missing(self):
        status, out = run_cli("--expect-suite", "vmkapi_log",
                              "--expect-suite", "vmkapi_nvme",
                              sample_path("pass_suite.log"))
        self.assertEqual(out[-2:], ["FAIL kunit/vmkapi_nvme/(missing)",
                                    "console: 3 passed, 1 failed"])
        self.assertNotIn("FAIL kunit/vmkapi_log/(missing)", out)
        self.assertEqual(status, 1)

    def test_incomplete_suite_is_not_missing(self):
        status, out = run_cli("--expect-suite", "vmkapi_hang",
                              sample_path("incomplete.log"))
        self.assertNotIn("FAIL kunit/vmkapi_hang/(missing)", out)
        self.assertIn("FAIL kunit/vmkapi_hang/(incomplete)", out)
        self.assertEqual(out[-1], "console: 2 passed, 2 failed")
        self.assertEqual(status, 1)

    def test_prefix(self):
        status, out = run_cli("--prefix", "x86_64/", "--expect-suite", "nope",
                              sample_path("lockdep.log"))
        self.assertEqual(out[0],
                         "PASS x86_64/kunit/vmkapi_lock/vmk_lock_order")
        self.assertIn("FAIL x86_64/console/splats", out)
        self.assertEqual(out[-2], "FAIL x86_64/kunit/nope/(missing)")
        self.assertEqual(out[-1], "console: 2 passed, 2 failed")
        self.assertEqual(status, 1)

    def test_json(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "results.json")
            status, _ = run_cli("--json", path, "--expect-suite", "nope",
                                sample_path("oops_panic.log"))
            with open(path, encoding="utf-8") as out:
                entries = json.load(out)
        self.assertEqual(status, 1)
        self.assertEqual([(e["name"], e["result"]) for e in entries], [
            ("kunit/vmkapi_crash/vmk_crash_setup", PASS),
            ("kunit/vmkapi_crash/(incomplete)", FAIL),
            ("console/splats", FAIL),
            ("kunit/nope/(missing)", FAIL),
        ])
        self.assertEqual(entries[2]["detail"][0],
                         "SPLAT: BUG: kernel NULL pointer dereference, "
                         "address: 0000000000000000")
        self.assertEqual(entries[3]["detail"], [])

    def test_unreadable_log(self):
        status, out = run_cli(sample_path("no-such.log"))
        self.assertEqual((status, out), (2, []))

    def test_script_runs_standalone(self):
        self.assertTrue(os.access(SCRIPT, os.X_OK))
        proc = subprocess.run([sys.executable, SCRIPT,
                               sample_path("two_modules.log")],
                              capture_output=True, text=True, check=False)
        self.assertEqual(proc.returncode, 0)
        self.assertEqual(proc.stdout.splitlines()[-1],
                         "console: 5 passed, 0 failed")


if __name__ == "__main__":
    unittest.main()
