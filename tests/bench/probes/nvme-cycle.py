#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Per-I/O view of a QEMU trace of the NVMe controllers (nvme-cycle).

A cycle starts at each I/O queue's submission doorbell; for every event
that follows before the next one: how often it comes per cycle and when
it first comes (median, us after the doorbell).  APIC register writes
are split by register: b0 is EOI, 300/310 the ICR (IPIs), 380 the
timer's initial count.
"""
import collections
import re
import statistics
import sys

LINE = re.compile(r'^(\d+)@(\d+\.\d+):(\S+) (.*)$')


def label(name, args):
    key = name.replace('pci_nvme_', '')
    if name == 'apic_mem_writel':
        reg = re.match(r'0x([0-9a-f]+) =', args)
        key += '@' + (reg.group(1) if reg else '?')
    if name.startswith('pci_nvme_mmio_doorbell') and \
            re.search(r'[sc]qid 0 ', args):
        key += '-admin'
    return key


def main(path):
    cycles = collections.defaultdict(list)
    cur = None
    with open(path) as trace:
        for line in trace:
            m = LINE.match(line)
            if not m:
                continue
            ts, name, args = float(m.group(2)) * 1e6, m.group(3), m.group(4)
            if name == 'pci_nvme_mmio_doorbell_sq' and 'sqid 0 ' not in args:
                if cur and 'blk' in cur:
                    cycles[cur['blk']].append(cur)
                cur = {'t0': ts, 'n': collections.Counter(), 'first': {}}
                continue
            if cur is None:
                continue
            if name == 'pci_nvme_rw_cb':
                cur['blk'] = re.search(r"blk '(\S+)'", args).group(1)
            key = label(name, args)
            cur['n'][key] += 1
            cur['first'].setdefault(key, ts - cur['t0'])
    for blk, cs in sorted(cycles.items()):
        cs = cs[len(cs) // 10:]         # the first tenth: warm-up
        if len(cs) < 2:
            continue
        total = collections.Counter()
        for c in cs:
            total.update(c['n'])
        print('== %s: %d cycles, median %.1f us' % (
            blk, len(cs),
            statistics.median(b['t0'] - a['t0'] for a, b in zip(cs, cs[1:]))))

        def first(key):
            return statistics.median(c['first'][key] for c in cs
                                     if key in c['first'])
        for key in sorted(total, key=first):
            print('  %-28s %5.2f per cycle, first at %7.1f us' % (
                key, total[key] / len(cs), first(key)))


if __name__ == '__main__':
    main(sys.argv[1])
