#!/usr/bin/env python3
"""net-echo-table.py RAW.jsonl... - medians of scripts/bench-net-echo.sh's raw lines, and the issue's targets.

Several files are pooled: each file's rounds are its own (round 1 of one file is not paired with round 1
of another).

CPU per request: `core` = server core (CPU 0) busy share / req/s, what the harness README calls the
server's CPU time per request (it includes whatever else ran on CPU 0); `proc` = the server
process's own user+sys time / req/s. Targets (issue 4), per row, on medians:
protocol server (jasyncio-proto) <= 1.10 x java-nio, each streams server (jasyncio-streams*) <= 1.20 x
java-nio, all <= netty-nio and < uvloop-proto.
"""
import json, statistics, sys

rows = []
for i, path in enumerate(sys.argv[1:]):
    for line in open(path):
        if line.strip():
            r = json.loads(line)
            r["round"] = (i, r.get("round"))
            rows.append(r)
order = []
for r in rows:
    if r["server"] not in order:
        order.append(r["server"])
med = statistics.median
cells = {}
print("| size × conns | server | n | req/s median (min–max) | **srv core µs/req** | srv proc µs/req | p99 µs | probe ns cpu0/1 |")
print("|---|---|---|---|---|---|---|---|")
for size in sorted({r["size"] for r in rows}):
    for conns in sorted({r["conns"] for r in rows}):
        for s in order:
            g = [r for r in rows if r["server"] == s and r["size"] == size and r["conns"] == conns]
            if not g:
                continue
            rps = [x["rps"] for x in g]
            core = med(x["server_core_busy_pct"] * 1e4 / x["rps"] for x in g)
            proc = med(x["server_cpu_pct"] * 1e4 / x["rps"] for x in g)
            cells[(size, conns, s)] = (core, proc, med(rps))
            print(f"| {size // 1024} KiB × {conns} | {s} | {len(g)} | {med(rps):,.0f} ({min(rps):,.0f}–{max(rps):,.0f}) "
                  f"| **{core:.1f}** | {proc:.1f} | {med(x['lat_p99_us'] for x in g):,.0f} "
                  f"| {med(x['probe_ns_cpu0'] for x in g):.1f}/{med(x['probe_ns_cpu1'] for x in g):.1f} |")

print()
print("Targets, ratio of CPU µs/req (core | proc) to each peer; ✓ met, ✗ not met (limits: vs nio 1.10 for the")
print("protocol server, 1.20 for a streams server; vs netty ≤ 1; vs uvloop < 1):")
print()
print("| size × conns | server | / java-nio | / netty-nio | / uvloop-proto |")
print("|---|---|---|---|---|")
ours = [s for s in order if s.startswith("jasyncio-")]
peers = [("java-nio", None, True), ("netty-nio", 1.0, True), ("uvloop-proto", 1.0, False)]
tally = {}
for size in sorted({r["size"] for r in rows}):
    for conns in sorted({r["conns"] for r in rows}):
        for a in ours:
            if (size, conns, a) not in cells:
                continue
            out = []
            for b, lim, inclusive in peers:
                if lim is None:
                    lim = 1.10 if a == "jasyncio-proto" else 1.20
                if (size, conns, b) not in cells:
                    out.append("–"); continue
                parts = []
                for i, label in ((0, "core"), (1, "proc")):
                    q = cells[(size, conns, a)][i] / cells[(size, conns, b)][i]
                    ok = q <= lim if inclusive else q < lim
                    tally.setdefault((a, b, label), []).append(ok)
                    parts.append(f"{q:.2f} {'✓' if ok else '✗'}")
                out.append(" \\| ".join(parts))
            print(f"| {size // 1024} KiB × {conns} | {a} | " + " | ".join(out) + " |")
print()
for (a, b, label), oks in tally.items():
    print(f"- {a} vs {b} ({label}): met on {sum(oks)}/{len(oks)} rows")
bad = [r for r in rows if r["server_core_busy_pct"] + 1 < r["server_cpu_pct"]]
print(f"- runs where CPU 0's busy share is below the server process's own CPU share (impossible when pinned; "
      f"the VM's per-core accounting is off): {len(bad)} of {len(rows)}")
pr = sorted(r["probe_ns_cpu0"] for r in rows); pc = sorted(r["probe_ns_cpu1"] for r in rows)
print(f"- cpuprobe ns/iteration (2.6 = quiet): CPU 0 median {med(pr):.1f} (max {pr[-1]:.1f}), CPU 1 median {med(pc):.1f} (max {pc[-1]:.1f})")

# Paired ratios: the machine's speed drifts by tens of percent over minutes, and servers run one after
# another within a round, so a server's cost divided by a peer's *in the same round* cancels most of
# that drift. Reported: the median of those per-round ratios and a distribution-free 95% interval for
# it (order statistics of the binomial(n, 1/2) law), on core µs/req.
from math import comb


def median_interval(xs):
    """The sample median and a >= 95% confidence interval for the population median (None if n < 6)."""
    xs = sorted(xs)
    n = len(xs)
    k = None
    for j in range(n // 2, -1, -1):
        # P(X_(j+1) <= median <= X_(n-j)) = 1 - 2 * P(Binomial(n, 1/2) <= j)
        if 1 - 2 * sum(comb(n, i) for i in range(j + 1)) / 2 ** n >= 0.95:
            k = j
            break
    if k is None:
        return med(xs), None
    return med(xs), (xs[k], xs[n - 1 - k])


by_round = {}
for r in rows:
    by_round[(r["size"], r["conns"], r["server"], r["round"])] = r["server_core_busy_pct"] * 1e4 / r["rps"]
paired_rows = []
for size in sorted({r["size"] for r in rows}):
    for conns in sorted({r["conns"] for r in rows}):
        for a in ours:
            for b, lim, inclusive in peers:
                if lim is None:
                    lim = 1.10 if a == "jasyncio-proto" else 1.20
                qs = [v / by_round[(size, conns, b, rd)] for (sz, c, s, rd), v in by_round.items()
                      if sz == size and c == conns and s == a and (size, conns, b, rd) in by_round]
                if qs:
                    paired_rows.append((size, conns, a, b, lim, inclusive, qs))
if paired_rows:
    print()
    print("Paired by round (core µs/req of the server ÷ the peer's in the same round): median, 95% interval of")
    print("the median, rounds within the limit; ✓ when the median meets the limit:")
    print()
    print("| size × conns | server | peer | n | median ratio | 95% interval | rounds within |")
    print("|---|---|---|---|---|---|---|")
    ptally = {}
    for size, conns, a, b, lim, inclusive, qs in paired_rows:
        m, ci = median_interval(qs)
        ok = m <= lim if inclusive else m < lim
        ptally.setdefault((a, b), []).append(ok)
        within = sum(1 for q in qs if (q <= lim if inclusive else q < lim))
        interval = f"{ci[0]:.2f}–{ci[1]:.2f}" if ci else "–"
        print(f"| {size // 1024} KiB × {conns} | {a} | {b} | {len(qs)} | {m:.2f} {'✓' if ok else '✗'} | {interval} "
              f"| {within}/{len(qs)} |")
    print()
    for (a, b), oks in ptally.items():
        print(f"- paired: {a} vs {b}: median within the limit on {sum(oks)}/{len(oks)} rows")
    # The same as one row per size × conns, as docs/net-benchmarks.md and the README show it.
    print()
    cols = [(a, b) for a in ours for b, _, _ in peers]
    by_cell = {(size, conns, a, b): (lim, inclusive, qs) for size, conns, a, b, lim, inclusive, qs in paired_rows}
    present = [(a, b) for a, b in cols if any(k[2:] == (a, b) for k in by_cell)]
    print("| size × conns | " + " | ".join(f"{a.removeprefix('jasyncio-')} / {b}" for a, b in present) + " |")
    print("|---|" + "---|" * len(present))
    for size in sorted({k[0] for k in by_cell}):
        for conns in sorted({k[1] for k in by_cell if k[0] == size}):
            cells = []
            for a, b in present:
                if (size, conns, a, b) not in by_cell:
                    cells.append("–")
                    continue
                lim, inclusive, qs = by_cell[(size, conns, a, b)]
                m, ci = median_interval(qs)
                ok = m <= lim if inclusive else m < lim
                cells.append(f"{m:.2f} {'✓' if ok else '✗'}" + (f" ({ci[0]:.2f}–{ci[1]:.2f})" if ci else ""))
            print(f"| {size // 1024} KiB × {conns} | " + " | ".join(cells) + " |")
