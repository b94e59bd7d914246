#!/usr/bin/python3
"""sync_bench.py - the Python side of bench/sync.sh: the same measures as jasyncio-bench's QueueBench
LockBench and ExecutorBench, on CPython asyncio or uvloop.

Measures (names match the Java side; one JSON line each on stdout, times in ns per operation):
  queue_handoff   Queue(maxsize=1): a producer task puts N ints, a consumer task gets and sums
                  them; every item suspends both                             -> ns per item
  queue_buffered  the same with Queue(maxsize=100)                           -> ns per item
  lock_contended  1,000 tasks each take one Lock 100 times, holding it across one
                  `await asyncio.sleep(0)`, so 999 wait on it at any time     -> ns per acquisition
  executor_roundtrip  one task does N sequential `await loop.run_in_executor(None, f, i)` on the
                  loop's default executor (f returns i): submit to a pool thread, result handed
                  back to the loop thread-safely, task resumed. Not an in-loop measure: two
                  cross-thread hand-offs per round trip                       -> ns per round trip

N = 100,000 items (queue), 100,000 acquisitions (lock) and 10,000 round trips (executor). Each measure runs --repeats times on a
fresh event loop after gc.collect() and reports min / median / max of the wall time measured inside
the coroutine (time.perf_counter).

Run with Debian's interpreter (it has python3-uvloop):
    /usr/bin/python3 bench/py/sync_bench.py --loop uvloop
Options: --loop asyncio|uvloop (required), --quick (N / 10), --repeats R
"""
import argparse
import asyncio
import gc
import json
import platform
import statistics
import sys
import time

from fresh_loop import run_fresh

N_ITEMS = 100_000
TASKS = 1_000
ROUNDS = 100
N_EXECUTOR = 10_000


def ident(i):
    return i


def queue_put_get(maxsize, n):
    async def main():
        q = asyncio.Queue(maxsize)

        async def consumer():
            total = 0
            for _ in range(n):
                total += await q.get()
            return total

        t0 = time.perf_counter()
        c = asyncio.create_task(consumer())
        for i in range(n):
            await q.put(i)
        total = await c
        elapsed = time.perf_counter() - t0
        assert total == n * (n - 1) // 2
        return elapsed, n
    return main


def lock_contended(tasks, rounds):
    async def main():
        lock = asyncio.Lock()
        counter = 0

        async def worker():
            nonlocal counter
            for _ in range(rounds):
                async with lock:
                    counter += 1
                    await asyncio.sleep(0)

        t0 = time.perf_counter()
        await asyncio.gather(*[worker() for _ in range(tasks)])
        elapsed = time.perf_counter() - t0
        assert counter == tasks * rounds
        return elapsed, tasks * rounds
    return main


def executor_roundtrip(n):
    async def main():
        loop = asyncio.get_running_loop()
        total = 0
        t0 = time.perf_counter()
        for i in range(n):
            total += await loop.run_in_executor(None, ident, i)
        elapsed = time.perf_counter() - t0
        assert total == n * (n - 1) // 2
        return elapsed, n
    return main


def measure(kind, name, coro_fn, repeats):
    per_op = []
    ops = 0
    for _ in range(repeats):
        gc.collect()
        elapsed, ops = run_fresh(kind, coro_fn)
        per_op.append(elapsed / ops * 1e9)
    return {
        "measure": name, "loop": kind, "ops": ops, "repeats": repeats, "unit": "ns/op",
        "min": min(per_op), "median": statistics.median(per_op), "max": max(per_op),
        "python": platform.python_version(),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--loop", required=True, choices=["asyncio", "uvloop"])
    ap.add_argument("--quick", action="store_true", help="N / 10")
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    div = 10 if args.quick else 1
    measures = [
        ("queue_handoff", queue_put_get(1, N_ITEMS // div)),
        ("queue_buffered", queue_put_get(100, N_ITEMS // div)),
        ("lock_contended", lock_contended(TASKS, ROUNDS // div)),
        ("executor_roundtrip", executor_roundtrip(N_EXECUTOR // div)),
    ]
    for name, fn in measures:
        result = measure(args.loop, name, fn, args.repeats)
        print(json.dumps(result), flush=True)
        print(f"sync_bench: {args.loop} {name}: median {result['median']:.1f} ns/op", file=sys.stderr)


if __name__ == "__main__":
    main()
