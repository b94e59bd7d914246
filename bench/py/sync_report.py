#!/usr/bin/python3
"""sync_report.py - the markdown table of bench/sync.sh: jasyncio (JMH) beside CPython asyncio and
uvloop (sync_bench.py), ns per operation, with each one's ratio to uvloop (how many times faster than
uvloop; above 1 is faster).

    sync_report.py --jmh jmh.json --jsonl py-asyncio.jsonl py-uvloop.jsonl
"""
import argparse
import json

# measure -> (label, JMH benchmark suffix, JMH params)
MEASURES = [
    ("queue_handoff", "Queue put+get between two tasks, maxsize=1 (ns/item)", "QueueBench.putGet", {"maxsize": "1"}),
    ("queue_buffered", "Queue put+get between two tasks, maxsize=100 (ns/item)", "QueueBench.putGet", {"maxsize": "100"}),
    ("lock_contended", "Lock acquire+release, 1,000 contending tasks (ns/acquisition)", "LockBench.contended", {}),
    ("executor_roundtrip", "runInExecutor round trip, default executor, sequential (ns/round trip; not in-loop)", "ExecutorBench.roundTrip", {}),
]


def jmh_scores(path):
    scores = {}
    with open(path) as f:
        for entry in json.load(f):
            params = entry.get("params", {})
            for name, _, bench, want in MEASURES:
                if entry["benchmark"].endswith(bench) and all(params.get(k) == v for k, v in want.items()):
                    m = entry["primaryMetric"]
                    scores[name] = (m["score"], m["scoreError"])
    return scores


def py_scores(paths):
    scores = {}
    for path in paths:
        with open(path) as f:
            for line in f:
                if line.strip():
                    r = json.loads(line)
                    scores[(r["loop"], r["measure"])] = r["median"]
    return scores


def fmt(ns):
    return f"{ns:,.0f}" if ns >= 100 else f"{ns:.1f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jmh", required=True)
    ap.add_argument("--jsonl", nargs="+", required=True)
    args = ap.parse_args()
    java = jmh_scores(args.jmh)
    py = py_scores(args.jsonl)
    print("| measure | jasyncio | CPython asyncio | uvloop | jasyncio vs uvloop | asyncio vs uvloop |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, label, _, _ in MEASURES:
        uv = py.get(("uvloop", name))
        aio = py.get(("asyncio", name))
        j = java.get(name)
        jtxt = f"{fmt(j[0])} ± {fmt(j[1])}" if j else "n/a"
        ratio_j = f"{uv / j[0]:.1f}x faster" if (j and uv) else "n/a"
        ratio_a = f"{uv / aio:.2f}x" if (aio and uv) else "n/a"
        print(f"| {label} | {jtxt} | {fmt(aio) if aio else 'n/a'} | {fmt(uv) if uv else 'n/a'} | {ratio_j} | {ratio_a} |")
    print()
    print("jasyncio: JMH average time, score ± 99.9% error; Python: median of 5 runs (time.perf_counter "
          "inside the coroutine). Ratios: uvloop's time divided by the other's.")


if __name__ == "__main__":
    main()
