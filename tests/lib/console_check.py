#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check a QEMU serial console log for KUnit results and kernel splats.

The log mixes kernel printk lines (usually prefixed by a "[   12.345678] "
timestamp) with the output of the guest's shell script.  KUnit modules
print KTAP (Linux 6.1 format), nested by indentation:

    [    3.2]     KTAP version 1
    [    3.2]     # Subtest: vmkapi_status          <- suite header
    [    3.2]     1..3
    [    3.3]     # vmk_status_strings: EXPECTATION FAILED at ...
    [    3.3]     Expected a == b, but              <- diagnostics
    [    3.3]     not ok 2 vmk_status_strings       <- case result
    [    3.4] # vmkapi_status: pass:1 fail:1 skip:1 total:3
    [    3.4] ok 1 vmkapi_status                   <- suite result

Every case result is reported as PASS, FAIL (with the diagnostics printed
before it) or SKIP; a suite that never prints its own result line is
reported as incomplete.  Any kernel splat (WARNING, BUG, lockdep, KASAN,
kmemleak, hung task, ...) fails the run even when every test passed.

Usage:
    console_check.py [--expect-suite NAME ...] [--allow REGEX ...]
                     [--prefix P] [--json PATH] LOG

The last line printed is "console: N passed, M failed"; the exit status
is 0 if and only if M is 0 (2 if the log cannot be read).
"""

import argparse
import collections
import dataclasses
import json
import re
import sys

# --- console lines --------------------------------------------------------

# printk prefix: optional "<6>" level, "[  12.345678]" timestamp and, with
# CONFIG_PRINTK_CALLER, a "[    T1]" caller id; then one separating space.
_TIMESTAMP_RE = re.compile(
    r"^(?:<\d{1,2}>)?\[\s*\d+\.\d+\](?:\[\s*[CT]\d+\])? ?")

# A kernel line that landed in the middle of shell output ("foo[  3.1] ...").
# Only the full six-digit printk format is trusted away from line start.
_EMBEDDED_TIMESTAMP_RE = re.compile(r"\[\s*\d+\.\d{6}\](?:\[\s*[CT]\d+\])? ?")

TAB_WIDTH = 8


def strip_timestamp(line):
    """Return LINE without its trailing whitespace and printk prefix."""
    line = line.rstrip()
    match = _TIMESTAMP_RE.match(line)
    return line[match.end():] if match else line


def _ktap_text(line):
    """Return (text, stamped): the part of LINE that may hold KTAP output.

    Like strip_timestamp(), but when a kernel line was glued to the end of
    unrelated output, only the text after the last timestamp is kept.
    STAMPED tells whether LINE had a printk timestamp at all.
    """
    line = line.rstrip()
    match = _TIMESTAMP_RE.match(line)
    text = line[match.end():] if match else line
    last = None
    for last in _EMBEDDED_TIMESTAMP_RE.finditer(text):
        pass
    if last:
        return text[last.end():], True
    return text, bool(match)


def _indent(text):
    """Width of TEXT's leading white space, tabs expanded."""
    body = text.lstrip(" \t")
    return len(text[:len(text) - len(body)].expandtabs(TAB_WIDTH))


def _dedent(lines):
    """Remove the common leading indentation of LINES (ignoring blanks)."""
    lines = [line.expandtabs(TAB_WIDTH) for line in lines]
    widths = [_indent(line) for line in lines if line.strip()]
    cut = min(widths, default=0)
    return [line[cut:] for line in lines]


# --- KTAP -----------------------------------------------------------------

_VERSION_RE = re.compile(r"^K?TAP version \d+$")
_SUBTEST_RE = re.compile(r"^# Subtest: (.+)$")
_PLAN_RE = re.compile(r"^1\.\.\d+")
# "ok 3 name # SKIP reason"; TAP 14 style "ok 3 - name" is accepted too.
_RESULT_RE = re.compile(
    r"^(?P<status>not ok|ok) (?P<number>\d+)(?: - | |$)(?P<name>.*?)"
    r"(?:\s+#\s*(?P<directive>(?i:SKIP|TODO|XFAIL|TIMEOUT|ERROR))\b\s*"
    r"(?P<reason>.*))?$")
# Per-suite and per-parameterised-case counters, and "# Totals: ...".
_STATS_RE = re.compile(r"^#\s*.*: pass:\d+ fail:\d+")

# A failing case keeps at most this many diagnostic lines (the last ones).
MAX_DETAIL_LINES = 200

PASS, FAIL, SKIP = "PASS", "FAIL", "SKIP"

# One KUnit case: result is PASS, FAIL or SKIP; detail is the list of
# diagnostic lines for a failure (the reason for a skip).  Besides real
# cases, case may be "(incomplete)" (the suite never finished) or
# "(suite)" (the suite failed without a failing case, e.g. in suite_init).
CaseResult = collections.namedtuple("CaseResult",
                                    "suite case result detail")

INCOMPLETE = "(incomplete)"
SUITE_FAILED = "(suite)"
MISSING = "(missing)"


@dataclasses.dataclass
class _Subtest:
    """An open "# Subtest:" block: a suite, or a parameterised case."""

    name: str
    header_indent: int
    # Whether the header had a printk timestamp.
    stamped: bool
    # Indentation of the first result line inside the block, once seen.
    child_indent: int | None = None
    # Diagnostics not yet attached to a result.
    pending: list = dataclasses.field(default_factory=list)
    any_failed: bool = False

    def closed_by(self, indent):
        """Whether a result line at INDENT is this block's own result.

        A block's result line is less indented than its header, and than
        the results inside it; cases may sit at the header's level.
        """
        return (indent < self.header_indent
                or (self.child_indent is not None
                    and indent < self.child_indent))


class KtapParser:
    """Collect KUnit case results from console lines, fed one at a time.

    Blocks are tracked on a stack of open "# Subtest:" headers.  The
    outermost one is a suite; its direct results are the cases.  A deeper
    block is a parameterised case: its results (the parameters) are not
    counted, only the case's own result line that closes the block.

    When the suite header carries a printk timestamp, lines without one
    (the guest script's output) are ignored until the suite ends.
    """

    def __init__(self):
        self.results = []   # CaseResult, in log order
        self.suites = []    # names of the suites that started
        self._stack = []

    def feed(self, line):
        """Process one console line."""
        text, stamped = _ktap_text(line)
        body = text.lstrip(" \t")
        if not body:
            return
        if self._stack and self._stack[0].stamped and not stamped:
            return      # shell output, in the middle of the kernel's KTAP
        indent = _indent(text)

        match = _SUBTEST_RE.match(body)
        if match:
            name = match.group(1).strip()
            self._abandon_from(indent)
            if not self._stack:
                self.suites.append(name)
            self._stack.append(_Subtest(name, indent, stamped))
        elif _VERSION_RE.match(body):
            # A new document or subtest no deeper than an open header:
            # whatever was open there is never going to finish.
            self._abandon_from(indent)
        elif _PLAN_RE.match(body) or _STATS_RE.match(body):
            pass
        else:
            match = _RESULT_RE.match(body)
            if match:
                self._result(indent, text, match)
            else:
                self._diagnostic(indent, body, text)

    def finish(self):
        """End of log: every block still open is incomplete."""
        while self._stack:
            self._pop_incomplete()
        return self.results

    # -- internals --

    def _record(self, suite, case, result, detail):
        detail = _dedent(detail)
        if len(detail) > MAX_DETAIL_LINES:
            omitted = len(detail) - MAX_DETAIL_LINES
            detail = ([f"[... {omitted} earlier lines omitted]"]
                      + detail[-MAX_DETAIL_LINES:])
        self.results.append(CaseResult(suite, case, result, detail))

    def _abandon_from(self, indent):
        while self._stack and indent <= self._stack[-1].header_indent:
            self._pop_incomplete()

    def _pop_incomplete(self):
        node = self._stack.pop()
        if self._stack:
            # An unfinished (parameterised) case: its diagnostics go to the
            # enclosing block, and so, eventually, to the suite's report.
            parent = self._stack[-1]
            parent.pending.extend(node.pending)
            parent.pending.append(f"(case {node.name} did not finish)")
        else:
            self._record(node.name, INCOMPLETE, FAIL, node.pending)

    def _result(self, indent, text, match):
        if not self._stack:
            return      # a stray result outside any suite
        # A result less indented than the enclosing block's header cannot
        # close the innermost block: that one lost its own result line.
        while len(self._stack) > 1 and self._stack[-2].closed_by(indent):
            self._pop_incomplete()

        status = _status(match)
        name = match.group("name").strip()
        reason = (match.group("reason") or "").strip()
        node = self._stack[-1]
        if node.closed_by(indent):
            self._stack.pop()
            self._close(node, indent, name or node.name, status, reason)
        else:
            self._child(node, indent, text, name, status, reason)

    def _close(self, node, indent, name, status, reason):
        """NODE's own result line: a suite's, or a parameterised case's."""
        if not self._stack:
            # The suite's result.  A failing suite with no failing case
            # (suite_init failed, say) must not pass unnoticed.
            if status == FAIL and not node.any_failed:
                self._record(node.name, SUITE_FAILED, FAIL,
                             node.pending or ["suite reported not ok"])
            return
        parent = self._stack[-1]
        if parent.child_indent is None:
            parent.child_indent = indent
        if len(self._stack) == 1:
            # A parameterised case, closing: count it once, with
            # everything its parameters printed as its detail.
            self._case(parent, name, status, reason, node.pending)
        else:
            # Deeper nesting: fold into the enclosing case.
            parent.pending.extend(node.pending)
            if status == FAIL:
                parent.pending.append(f"not ok {name}")

    def _child(self, node, indent, text, name, status, reason):
        """A result line inside NODE: a case, or a parameter."""
        if node.child_indent is None:
            node.child_indent = indent
        if len(self._stack) == 1:
            self._case(node, name, status, reason, node.pending)
            node.pending = []
        elif status == FAIL:
            node.pending.append(text)   # e.g. "not ok 2 param-2"

    def _case(self, suite, name, status, reason, pending):
        if status == FAIL:
            suite.any_failed = True
            detail = list(pending)
        elif status == SKIP and reason:
            detail = [reason]
        else:
            detail = []
        self._record(suite.name, name, status, detail)

    def _diagnostic(self, indent, body, text):
        """Keep test output for the next result of the innermost block.

        Unrelated kernel messages are not indented (call traces by one or
        two spaces), while KUnit indents its output at least as deeply as
        the suite header; "# ..." lines are KUnit's at any depth.
        """
        if not self._stack:
            return
        if (body.startswith("# ")
                or indent >= max(self._stack[0].header_indent, 1)):
            self._stack[-1].pending.append(text)


def _status(match):
    if (match.group("directive") or "").upper() == "SKIP":
        return SKIP
    return PASS if match.group("status") == "ok" else FAIL


def parse_ktap(lines):
    """Return the KUnit results in LINES as a list of CaseResult tuples.

    Each is (suite, case, result, detail_lines), result being "PASS",
    "FAIL" or "SKIP".  A suite that never finished yields a FAIL for the
    case "(incomplete)" after the cases it did report.
    """
    parser = KtapParser()
    for line in lines:
        parser.feed(line)
    return parser.finish()


# --- splats ---------------------------------------------------------------

SPLAT_MARKERS = (
    "BUG:",
    "WARNING:",
    "Oops:",
    "Kernel panic",
    "general protection fault",
    "KASAN:",
    "UBSAN:",
    "unreferenced object 0x",
    "suspected memory leak",
    "possible circular locking dependency",
    "possible recursive locking",
    "inconsistent lock state",
    "lock held when returning to user space",
    "DEBUG_LOCKS_WARN_ON",
    "sleeping function called from invalid context",
    "scheduling while atomic",
    "ODEBUG:",
    "list_add corruption",
    "list_del corruption",
    "refcount_t:",
    "blocked for more than",
    "soft lockup",
    "rcu_sched detected stalls",
    "rcu: INFO:",
    "kernel BUG at",
    # The slab allocator fixing up GFP flags it cannot serve (GFP_DMA32).
    "Fix your code!",
)

# Lines that end a report ("---[ end trace 0000000000000000 ]---",
# "---[ end Kernel panic - not syncing: ... ]---").  They never start one.
_END_OF_REPORT_RE = re.compile(r"---\[ end (?:trace|Kernel panic)")

# Lines of context shown after the first line of a splat.
SPLAT_CONTEXT = 15

# A marker line this close (in lines) to the previous marker of an open
# block belongs to the same report: "BUG: ... NULL pointer" then "Oops:",
# "refcount_t: underflow" then "WARNING: CPU: ...", and so on.
SPLAT_MERGE_WINDOW = 15


@dataclasses.dataclass
class SplatBlock:
    """One kernel report: its first matching line and what follows it."""

    lineno: int         # 1-based line number of the first matching line
    text: str           # that line, timestamp stripped
    context: list       # up to SPLAT_CONTEXT following lines


def _is_splat(text):
    return any(marker in text for marker in SPLAT_MARKERS)


def find_splats(lines, allow=()):
    """Return the kernel splats in LINES as a list of SplatBlock.

    ALLOW holds regular expressions (strings or compiled); a line one of
    them matches (re.search, on the line without its timestamp) is never
    a splat.  Marker lines of one report are merged into one block: a
    block goes on while markers keep coming within SPLAT_MERGE_WINDOW
    lines of each other, and stops at the kernel's "---[ end trace" line,
    except that a "Kernel panic" shortly after it (oops=panic) is still
    part of the report.
    """
    allow = [re.compile(a) if isinstance(a, str) else a for a in allow]
    texts = [strip_timestamp(line) for line in lines]
    blocks = []
    open_block = False
    last_marker = 0
    panic_until = -1    # a panic up to this line ends the last report
    for index, text in enumerate(texts):
        if _END_OF_REPORT_RE.search(text):
            if open_block:
                open_block = False
                panic_until = index + SPLAT_MERGE_WINDOW
            continue
        if not _is_splat(text) or any(a.search(text) for a in allow):
            continue
        same = ((open_block and index - last_marker <= SPLAT_MERGE_WINDOW)
                or ("Kernel panic" in text and index <= panic_until))
        if not same:
            blocks.append(SplatBlock(index + 1, text,
                                     _context(texts, index + 1)))
        open_block = True
        last_marker = index
    return blocks


def _context(texts, start):
    """Up to SPLAT_CONTEXT lines from START, ending at an end-of-report."""
    context = []
    for text in texts[start:start + SPLAT_CONTEXT]:
        context.append(text)
        if _END_OF_REPORT_RE.search(text):
            break
    return context


# --- report ---------------------------------------------------------------

@dataclasses.dataclass
class Entry:
    """One line of the report (and one object of the JSON output)."""

    name: str
    result: str
    detail: list
    kind: str = "case"  # "case", "splats" or "missing"; not in the JSON

    def as_json(self):
        return {"name": self.name, "result": self.result,
                "detail": self.detail}


@dataclasses.dataclass
class Report:
    """The outcome of check_console()."""

    entries: list       # Entry, in output order
    passed: int
    failed: int
    splats: list        # SplatBlock

    def lines(self):
        """The text report, one string per line."""
        out = []
        for entry in self.entries:
            if entry.kind == "splats":
                # The "SPLAT: ..." blocks, then their FAIL line.
                out.extend(entry.detail)
                out.append(f"{entry.result} {entry.name}")
                continue
            out.append(f"{entry.result} {entry.name}")
            if entry.result == FAIL:
                out.extend(_indented(entry.detail))
        out.append(f"console: {self.passed} passed, {self.failed} failed")
        return out


def _indented(lines):
    """LINES indented by four spaces (blank lines stay empty)."""
    return [("    " + line).rstrip() for line in lines]


def check_console(lines, expect_suites=(), allow=(), prefix=""):
    """Check console LINES; return a Report.

    Every FAIL case, incomplete suite, missing expected suite and splat
    block counts as one failure; PASS cases count as passed, SKIP as
    neither.
    """
    parser = KtapParser()
    for line in lines:
        parser.feed(line)
    results = parser.finish()

    entries = []
    passed = failed = 0
    for res in results:
        entries.append(Entry(f"{prefix}kunit/{res.suite}/{res.case}",
                             res.result, res.detail))
        passed += res.result == PASS
        failed += res.result == FAIL

    splats = find_splats(lines, allow)
    if splats:
        detail = []
        for block in splats:
            detail.append(f"SPLAT: {block.text}")
            detail.extend(_indented(block.context))
        entries.append(Entry(f"{prefix}console/splats", FAIL, detail,
                             "splats"))
        failed += len(splats)

    for suite in expect_suites:
        if suite not in parser.suites:
            entries.append(Entry(f"{prefix}kunit/{suite}/{MISSING}", FAIL,
                                 [], "missing"))
            failed += 1

    return Report(entries, passed, failed, splats)


# --- command line ---------------------------------------------------------

def _regex(value):
    try:
        return re.compile(value)
    except re.error as err:
        raise argparse.ArgumentTypeError(f"bad regex {value!r}: {err}")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description="Report KUnit results and kernel splats found in a "
                    "console log; exit 0 iff nothing failed.")
    parser.add_argument("--expect-suite", action="append", default=[],
                        metavar="NAME",
                        help="fail if suite NAME never started (repeatable)")
    parser.add_argument("--allow", action="append", default=[],
                        type=_regex, metavar="REGEX",
                        help="ignore splat lines matching REGEX (repeatable)")
    parser.add_argument("--prefix", default="", metavar="P",
                        help='prepended to each result name, e.g. "x86/"')
    parser.add_argument("--json", metavar="PATH",
                        help="also write the results as a JSON list of "
                             "{name, result, detail} to PATH")
    parser.add_argument("log", metavar="LOG", help='console log ("-": stdin)')
    return parser.parse_args(argv)


def _read_log(path):
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        with open(path, "rb") as log:
            data = log.read()
    # Serial logs hold stray bytes; never split on anything but "\n".
    text = data.decode("utf-8", errors="replace").replace("\0", "")
    return text.split("\n")


def main(argv=None):
    args = parse_args(argv)
    try:
        lines = _read_log(args.log)
    except OSError as err:
        print(f"console_check: {err}", file=sys.stderr)
        return 2

    report = check_console(lines, args.expect_suite, args.allow, args.prefix)
    for line in report.lines():
        print(line)
    if args.json:
        try:
            with open(args.json, "w", encoding="utf-8") as out:
                json.dump([e.as_json() for e in report.entries], out,
                          indent=2)
                out.write("\n")
        except OSError as err:
            print(f"console_check: {err}", file=sys.stderr)
            return 2
    return 0 if report.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
