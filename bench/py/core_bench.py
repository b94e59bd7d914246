#!/usr/bin/python3
"""core_bench.py - the Python side of bench/core.sh: the same four core measures as
jasyncio-bench's JMH benchmarks and MemoryProbe, on CPython asyncio or uvloop.

Measures (names match the Java side; one JSON line each on stdout):
  sleep0_one_task        one task does N x `await asyncio.sleep(0)`            -> ns per switch
  sleep0_two_tasks       two tasks ping-pong, N/2 x `await asyncio.sleep(0)` each -> ns per switch
  tasks_create_run_await tasks = [create_task(noop()) for _ in range(N)]; await each -> ns per task
  gather                 await asyncio.gather(*[noop() for _ in range(N)])     -> s per gather
  sleeping_tasks_memory  N tasks all suspended in asyncio.sleep(3600), in a fresh child process:
                         rss:         (VmRSS with tasks - VmRSS before) / N, and peak (VmHWM) too
                         tracemalloc: (traced bytes with tasks - before) / N, i.e. live Python
                                      allocations (object memory), no allocator overhead

N: 1,000,000 except gather (100,000). Timed measures run --repeats times in this process, each on
a fresh event loop after gc.collect(), and report min / median / max of the wall time measured
inside the coroutine (time.perf_counter). The cyclic GC stays on (Python's default), as the JVM's
collector is on for jasyncio.

Run with Debian's interpreter (it has python3-uvloop), pinned like the Java side:
    taskset -c 1 /usr/bin/python3 bench/py/core_bench.py --loop uvloop
Options: --loop asyncio|uvloop (required), --only a,b (sleep0,tasks,gather,memory),
         --quick (N / 10), --repeats R
"""
import argparse
import asyncio
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import time

from fresh_loop import run_fresh

N_SWITCHES = 1_000_000
N_TASKS = 1_000_000
N_GATHER = 100_000
N_SLEEPING = 1_000_000


def proc_status_kib(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return -1


def versions(kind):
    d = {"python": platform.python_version(), "python_exe": sys.executable}
    if kind == "uvloop":
        import uvloop
        d["uvloop"] = uvloop.__version__
    return d


def emit(d):
    print(json.dumps(d, separators=(",", ":")), flush=True)


# ---------------------------------------------------------------- bodies

async def noop():
    return None


async def switches(n):
    sleep = asyncio.sleep
    for _ in range(n):
        await sleep(0)
    return n


async def b_sleep0_one_task(n):
    t0 = time.perf_counter()
    await switches(n)
    return time.perf_counter() - t0


async def b_sleep0_two_tasks(n):
    t0 = time.perf_counter()
    create_task = asyncio.get_running_loop().create_task
    a = create_task(switches(n // 2))
    b = create_task(switches(n // 2))
    await a
    await b
    return time.perf_counter() - t0


async def b_tasks(n):
    create_task = asyncio.get_running_loop().create_task
    t0 = time.perf_counter()
    tasks = [create_task(noop()) for _ in range(n)]
    for t in tasks:
        await t
    dt = time.perf_counter() - t0
    assert len(tasks) == n
    return dt


async def b_gather(n):
    t0 = time.perf_counter()
    results = await asyncio.gather(*[noop() for _ in range(n)])
    dt = time.perf_counter() - t0
    assert len(results) == n
    return dt


STARTED = 0


async def sleeper():
    global STARTED
    STARTED += 1
    await asyncio.sleep(3600)


async def b_memory(n, mode):
    """In a child process: start n sleeping tasks and report the memory they hold."""
    import tracemalloc
    gc.collect()
    if mode == "tracemalloc":
        tracemalloc.start()
        traced0 = tracemalloc.get_traced_memory()[0]
    rss0 = proc_status_kib("VmRSS")
    create_task = asyncio.get_running_loop().create_task
    t0 = time.perf_counter()
    tasks = [create_task(sleeper()) for _ in range(n)]
    await asyncio.sleep(0)  # every task runs up to its sleep(3600)
    await asyncio.sleep(0)
    spawn = time.perf_counter() - t0
    if STARTED != n:
        raise SystemExit(f"{STARTED} of {n} tasks reached their sleep")
    d = {"mode": mode, "tasks_pending": sum(1 for t in tasks if not t.done()),
         "spawn_s": round(spawn, 4)}
    if mode == "tracemalloc":
        gc.collect()
        traced1 = tracemalloc.get_traced_memory()[0]
        d.update({"traced_baseline_bytes": traced0, "traced_with_tasks_bytes": traced1,
                  "bytes_per_task_tracemalloc": round((traced1 - traced0) / n, 1)})
    else:
        rss1 = proc_status_kib("VmRSS")
        hwm = proc_status_kib("VmHWM")
        d.update({"rss_baseline_kib": rss0, "rss_with_tasks_kib": rss1, "peak_rss_kib": hwm,
                  "bytes_per_task_rss": round((rss1 - rss0) * 1024 / n, 1),
                  "bytes_per_task_peak_rss": round((hwm - rss0) * 1024 / n, 1)})
    return d


# ---------------------------------------------------------------- driver

def timed(kind, measure, n, repeats, fn, unit):
    times = []
    for _ in range(repeats):
        gc.collect()
        times.append(run_fresh(kind, lambda: fn(n)))
    med = statistics.median(times)
    d = {"measure": measure, "impl": kind, "n": n, "repeats": repeats, "unit": unit,
         "s_min": round(min(times), 6), "s_median": round(med, 6), "s_max": round(max(times), 6),
         "ns_per_" + unit: round(med / n * 1e9, 1), "runs_s": [round(t, 6) for t in times]}
    d.update(versions(kind))
    emit(d)


def memory_child(kind, n, mode):
    d = {"measure": "sleeping_tasks_memory", "impl": kind, "n": n}
    d.update(run_fresh(kind, lambda: b_memory(n, mode)))
    d.update(versions(kind))
    emit(d)
    sys.stdout.flush()
    os._exit(0)  # skip tearing down n pending tasks (the Java side halts too)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--loop", required=True, choices=["asyncio", "uvloop"])
    ap.add_argument("--only", default="", help="comma list of: sleep0,tasks,gather,memory")
    ap.add_argument("--quick", action="store_true", help="N / 10 and 2 repeats (smoke test)")
    ap.add_argument("--repeats", type=int, default=0)
    ap.add_argument("--memory-child", nargs=2, metavar=("N", "MODE"), help=argparse.SUPPRESS)
    a = ap.parse_args()

    if a.loop == "uvloop":
        try:
            import uvloop  # noqa: F401
        except ImportError:
            print("uvloop is not importable: run /usr/bin/python3 with Debian's python3-uvloop "
                  "(apt-get install -y python3-uvloop)", file=sys.stderr)
            sys.exit(2)
    if a.memory_child:
        memory_child(a.loop, int(a.memory_child[0]), a.memory_child[1])
        return

    div = 10 if a.quick else 1
    only = {x for x in a.only.split(",") if x}

    def want(name):
        return not only or name in only

    r_big = a.repeats or (2 if a.quick else 3)
    r_small = a.repeats or (2 if a.quick else 5)
    if want("sleep0"):
        timed(a.loop, "sleep0_one_task", N_SWITCHES // div, r_big, b_sleep0_one_task, "switch")
        timed(a.loop, "sleep0_two_tasks", N_SWITCHES // div, r_big, b_sleep0_two_tasks, "switch")
    if want("tasks"):
        timed(a.loop, "tasks_create_run_await", N_TASKS // div, r_big, b_tasks, "task")
    if want("gather"):
        timed(a.loop, "gather", N_GATHER // div, r_small, b_gather, "coro")
    if want("memory"):
        for mode in ("rss", "tracemalloc"):
            r = subprocess.run([sys.executable, os.path.abspath(__file__), "--loop", a.loop,
                                "--memory-child", str(N_SLEEPING // div), mode],
                               capture_output=True, text=True, timeout=900)
            if r.returncode != 0 or not r.stdout.strip():
                print(f"memory child failed ({a.loop}, {mode}): {r.stderr[-2000:]}", file=sys.stderr)
                sys.exit(1)
            sys.stdout.write(r.stdout)
            sys.stdout.flush()


if __name__ == "__main__":
    main()
