#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Per-I/O CPU time by function from nvme-profile's console log.

For each queue depth: microseconds per I/O on each side (N: nnvme, L:
Linux's nvme), by command, then by function, inclusive (the function or
anything it called) and self (the innermost frame).  A sample is 1 ms
of one CPU (perf's -F 1000); the idle loop's halt is left out.
"""
import collections
import re
import sys

HALT = {'native_safe_halt', 'default_idle', 'amd_e400_idle'}


def load(path):
    iops, stacks = {}, collections.defaultdict(list)
    for line in open(path, errors='replace'):
        line = line.rstrip('\r\n')
        m = re.search(r'probe: side (\w) qd (\d+) iops (\d+) secs (\d+)', line)
        if m:
            iops[(m[1], m[2])] = (int(m[3]), int(m[4]))
            continue
        if line.startswith('F '):
            parts = line.split(' ', 4)
            if len(parts) == 5:
                stacks[(parts[1], parts[2])].append(
                    (int(parts[3]), parts[4].split(';')))
    return iops, stacks


def per_io(iops, key, samples):
    rate, secs = iops[key]
    return samples * 1000.0 / (rate * secs) if rate else 0.0


def main():
    iops, stacks = load(sys.argv[1])
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    for qd in sorted({k[1] for k in stacks}, key=int, reverse=True):
        keys = [('N', qd), ('L', qd)]
        if any(k not in stacks or k not in iops for k in keys):
            continue
        incl, self_, comm = {}, {}, {}
        for k in keys:
            incl[k], self_[k], comm[k] = (collections.Counter(),
                                          collections.Counter(),
                                          collections.Counter())
            for n, st in stacks[k]:
                if st[-1] in HALT:
                    continue
                comm[k][st[0]] += n
                self_[k][st[-1]] += n
                for f in set(st[1:]):
                    incl[k][f] += n
        print(f"QD{qd}: IOPS nnvme {iops[keys[0]][0]}, nvme {iops[keys[1]][0]}")
        print("  busy us per I/O: nnvme %.1f, nvme %.1f" % tuple(
            per_io(iops, k, sum(self_[k].values())) for k in keys))
        for title, table in (('command', comm), ('inclusive', incl),
                             ('self', self_)):
            names = set(table[keys[0]]) | set(table[keys[1]])
            order = sorted(names, key=lambda f: -sum(
                per_io(iops, k, table[k][f]) for k in keys))
            print(f"  {title:46s} {'nnvme':>8s} {'nvme':>8s}  (us per I/O)")
            for f in order[:rows]:
                print(f"  {f[:46]:46s} {per_io(iops, keys[0], table[keys[0]][f]):8.1f}"
                      f" {per_io(iops, keys[1], table[keys[1]][f]):8.1f}")
        print()


if __name__ == '__main__':
    main()
