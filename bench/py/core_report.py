#!/usr/bin/python3
"""core_report.py - the markdown table of bench/core.sh from its raw results.

    core_report.py --jmh jmh-*.json --jsonl memory-jasyncio.jsonl py-asyncio.jsonl py-uvloop.jsonl

jasyncio's timed figures are the median of the JMH measurement iterations (min-max in brackets);
Python's are the median of the repeats (min-max). "jasyncio vs uvloop" is uvloop's figure divided
by jasyncio's: how many times less time (or memory) jasyncio needs; below 1 means uvloop is better.
"""
import argparse
import json
import statistics
import sys

JMH_MEASURES = {
    "io.jasyncio.bench.SleepZeroBenchmark.oneTask": ("sleep0_one_task", 1_000_000),
    "io.jasyncio.bench.SleepZeroBenchmark.twoTasks": ("sleep0_two_tasks", 1_000_000),
    "io.jasyncio.bench.TaskCreateRunAwaitBenchmark.createRunAwait": ("tasks_create_run_await", 1_000_000),
    "io.jasyncio.bench.GatherBenchmark.gather": ("gather", 100_000),
    "io.jasyncio.bench.FiberSwitchBenchmark.suspendResume": ("fiber_switch_floor", 1),
}
TO_SECONDS = {"ns/op": 1e-9, "us/op": 1e-6, "ms/op": 1e-3, "s/op": 1.0}


def load(args):
    """{(measure, impl): {"per_op_ns": (median, lo, hi), "n": n} or memory dict}"""
    out = {}
    benches = []
    for path in args.jmh:
        with open(path) as f:
            benches.extend(json.load(f))
    if True:
        for b in benches:
            name = b["benchmark"]
            if name not in JMH_MEASURES:
                continue
            measure, n = JMH_MEASURES[name]
            pm = b["primaryMetric"]
            scale = TO_SECONDS[pm["scoreUnit"]]
            raw = [x for fork in pm["rawData"] for x in fork]
            # ns per op for switch/task benchmarks (OperationsPerInvocation = n); per gather for gather.
            per_inv = n if measure == "gather" else 1
            vals = [x * scale * 1e9 / per_inv for x in raw]
            out[(measure, "jasyncio")] = {"per_op_ns": (statistics.median(vals), min(vals), max(vals)),
                                          "n": n, "samples": len(vals)}
    for path in args.jsonl:
        with open(path) as f:
            for line in f:
                line = line.strip()
                if not line.startswith("{"):
                    continue
                d = json.loads(line)
                key = (d["measure"], d["impl"])
                if d["measure"] == "sleeping_tasks_memory":
                    out.setdefault(key, {}).update(d)
                else:
                    n = d["n"]
                    out[key] = {"per_op_ns": (d["s_median"] / n * 1e9, d["s_min"] / n * 1e9, d["s_max"] / n * 1e9),
                                "n": n, "samples": d["repeats"]}
    return out


def fmt_ns(v):
    med, lo, hi = v
    return f"{med:,.0f} ns [{lo:,.0f}–{hi:,.0f}]"


def fmt_total(v, n, unit):
    med, lo, hi = v
    if unit == "s":
        return f"{med * n / 1e9:.3f} s [{lo * n / 1e9:.3f}–{hi * n / 1e9:.3f}]; {med:,.0f} ns/task"
    return f"{med * n / 1e6:,.1f} ms [{lo * n / 1e6:,.1f}–{hi * n / 1e6:,.1f}]; {med:,.0f} ns/coro"


def ratio(uv, ja):
    if uv is None or ja is None or ja <= 0:
        return "n/a"
    r = uv / ja
    return f"**{r:.1f}x**" if r >= 1 else f"**{r:.2f}x** (uvloop better)"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jmh", nargs="+", required=True)
    ap.add_argument("--jsonl", nargs="+", required=True)
    args = ap.parse_args()
    r = load(args)
    impls = ("jasyncio", "asyncio", "uvloop")
    rows = []
    targets = []

    def label_n(label, measure):
        ns = {impl: r[(measure, impl)]["n"] for impl in impls if (measure, impl) in r}
        if len(set(ns.values())) > 1:
            label += " (N: " + ", ".join(f"{k} {v:,}" for k, v in ns.items()) + ")"
        return label

    def timed_row(label, measure, kind):
        label = label_n(label, measure)
        cells, meds = [], {}
        for impl in impls:
            d = r.get((measure, impl))
            if d is None:
                cells.append("missing")
                meds[impl] = None
                continue
            meds[impl] = d["per_op_ns"][0]
            if kind == "ns":
                cells.append(fmt_ns(d["per_op_ns"]))
            else:
                cells.append(fmt_total(d["per_op_ns"], d["n"], kind))
        rows.append((label, *cells, ratio(meds["uvloop"], meds["jasyncio"])))
        return meds

    a1 = timed_row("(a) one `sleep(0)` switch, one task × 1,000,000", "sleep0_one_task", "ns")
    timed_row("(a) one `sleep(0)` switch, two tasks ping-pong × 500,000 each", "sleep0_two_tasks", "ns")
    floor = r.get(("fiber_switch_floor", "jasyncio"))
    if floor:
        rows.append(("(a) floor under a switch: bare fiber suspend + resume, no loop (JDK cost)",
                     fmt_ns(floor["per_op_ns"]), "—", "—", "—"))
    b = timed_row("(b) create + run + await 1,000,000 trivial tasks", "tasks_create_run_await", "s")
    c = timed_row("(c) `gather` of 100,000 coroutines", "gather", "ms")

    mem = {impl: r.get(("sleeping_tasks_memory", impl), {}) for impl in impls}

    def mem_row(label, fields):
        cells, vals = [], {}
        for impl in impls:
            field = fields[impl]
            v = mem[impl].get(field)
            vals[impl] = v
            cells.append("missing" if v is None else f"{v:,.0f} B")
        rows.append((label, *cells, ratio(vals["uvloop"], vals["jasyncio"])))
        return vals

    n_mem = f'{mem["jasyncio"].get("n", 1_000_000):,}'
    if len({m.get("n") for m in mem.values()}) > 1:
        n_mem = "N (" + ", ".join(f"{k} {m.get('n', 0):,}" for k, m in mem.items()) + ")"
    d_live = mem_row(f"(d) {n_mem} sleeping tasks, live bytes/task (Java: heap after full GC; Python: tracemalloc)",
                     {"jasyncio": "bytes_per_task_heap", "asyncio": "bytes_per_task_tracemalloc",
                      "uvloop": "bytes_per_task_tracemalloc"})
    mem_row(f"(d) {n_mem} sleeping tasks, RSS bytes/task (VmRSS with tasks − before)",
            {i: "bytes_per_task_rss" for i in impls})
    mem_row(f"(d) {n_mem} sleeping tasks, peak RSS bytes/task (VmHWM − RSS before)",
            {i: "bytes_per_task_peak_rss" for i in impls})

    print("| measure | jasyncio | asyncio | uvloop | jasyncio vs uvloop (ratio) |")
    print("|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")

    def met(ok):
        return "met" if ok else "**not met**"

    def x(uv, ja):
        return uv / ja if uv and ja else 0.0

    print()
    print("| target (issue 2) | measured | |")
    print("|---|---|---|")
    if a1["jasyncio"]:
        print(f"| switch under 150 ns | {a1['jasyncio']:,.0f} ns | {met(a1['jasyncio'] < 150)} |")
    print(f"| (b) at least 20x uvloop | {x(b['uvloop'], b['jasyncio']):.1f}x | {met(x(b['uvloop'], b['jasyncio']) >= 20)} |")
    print(f"| (c) at least 20x uvloop | {x(c['uvloop'], c['jasyncio']):.1f}x | {met(x(c['uvloop'], c['jasyncio']) >= 20)} |")
    dj, du = d_live["jasyncio"], d_live["uvloop"]
    print(f"| (d) at least 20x uvloop (live bytes) | {x(du, dj):.1f}x | {met(x(du, dj) >= 20)} |")
    if dj is not None:
        print(f"| (d) under 500 bytes per sleeping task | {dj:,.0f} B | {met(dj < 500)} |")


if __name__ == "__main__":
    sys.exit(main())
