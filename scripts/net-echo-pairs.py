#!/usr/bin/env python3
"""net-echo-pairs.py RAW A B [A B ...] - any two echo servers of one raw file compared round by round.

RAW is scripts/bench-net-echo.sh's JSON lines. For each pair and each size x connections row: the median
of the per-round ratios of server core CPU time per echoed message, A's over B's in the same round, and
the ratios themselves, sorted. scripts/net-echo-table.py checks the issue's targets; this compares any
two servers of one run, such as a build against itself with -Djasyncio.io=channel.
"""
import collections
import json
import statistics
import sys


def main():
    if len(sys.argv) < 4 or len(sys.argv) % 2:
        sys.exit(__doc__)
    cost = collections.defaultdict(dict)
    for line in open(sys.argv[1]):
        d = json.loads(line)
        cost[(d["size"], d["conns"], d["round"])][d["server"]] = d["server_core_busy_pct"] * 1e4 / d["rps"]
    rows = sorted({(size, conns) for size, conns, _ in cost})
    for a, b in zip(sys.argv[2::2], sys.argv[3::2]):
        print(f"{a} / {b}")
        for size, conns in rows:
            ratios = sorted(v[a] / v[b] for (s, c, _), v in cost.items() if (s, c) == (size, conns) and a in v and b in v)
            if ratios:
                print(f"  {size // 1024:>3} KiB x {conns:<3} n={len(ratios):<3} median {statistics.median(ratios):.3f}"
                      f"  [{' '.join(f'{x:.2f}' for x in ratios)}]")


if __name__ == "__main__":
    main()
